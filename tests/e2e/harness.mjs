// End-to-end harness: a static server for dist/, Debian's Chromium through
// playwright-core, and a small page object for Vrest.
import { createServer } from "node:http";
import { readFile, mkdir } from "node:fs/promises";
import { extname, join, normalize, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { before, after } from "node:test";
import assert from "node:assert/strict";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
// VREST_DIST: another build to test (an earlier one, to see a new test fail there).
export const DIST = process.env.VREST_DIST || join(root, "dist");
export const ARTIFACTS = join(root, "artifacts", "screenshots");

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".wasm": "application/wasm",
};

/** Serve dist/ on a free localhost port. */
export async function serve() {
  // Links of a few MB (a hostile one) reach the page, as a browser would send them.
  const server = createServer({ maxHeaderSize: 4 << 20 }, async (req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url, "http://x").pathname)).replace(/^(\.\.[/\\])+/, "");
    const file = join(DIST, path.endsWith("/") ? path + "index.html" : path);
    try {
      const body = await readFile(file);
      res.writeHead(200, { "content-type": TYPES[extname(file)] || "application/octet-stream" });
      res.end(body);
    } catch {
      res.writeHead(404);
      res.end("not found");
    }
  });
  await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
  const url = `http://127.0.0.1:${server.address().port}/`;
  return { url, close: () => new Promise((ok) => server.close(ok)) };
}

/** Chromium as this machine needs it: headless, no sandbox, no background networking. */
export function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
    args: [
      "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ],
  });
}

/** One server and one browser for a test file, started before its tests and stopped
 *  after them: `lab.server` and `lab.browser` once its tests run. */
export function useLab() {
  const lab = { server: null, browser: null };
  before(async () => {
    lab.server = await serve();
    lab.browser = await launch();
  });
  after(async () => {
    await lab.browser?.close();
    await lab.server?.close();
  });
  return lab;
}

/** Every page must stay free of console errors (CSP violations among them, watchCsp)
 *  and of requests off its origin; then it is closed, since a page left open keeps
 *  animating and slows the tests after it. */
export function clean(v) {
  assert.deepEqual(v.consoleErrors, [], "console errors");
  assert.deepEqual(v.offOrigin, [], "requests off the page's origin");
  v.page.context().close().catch(() => {});
}

/** Every Content-Security-Policy violation in the context's pages becomes a console
 *  error, which `clean()` in the tests refuses (Chromium's own report of one is an
 *  error too; this one names the directive and the blocked thing plainly). */
export async function watchCsp(context) {
  await context.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) =>
      console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI || "inline"} (${e.sourceFile}:${e.lineNumber})`));
  });
}

/** axe-core's violations on a VrestPage as it is now, by impact. Evaluated through the
 *  DevTools protocol: the page's CSP (rightly) refuses a <script> that a test would add. */
export async function axeViolations(v) {
  await v.page.evaluate(await readFile(join(root, "node_modules/axe-core/axe.min.js"), "utf8"));
  return v.page.evaluate(async () =>
    (await window.axe.run(document)).violations.map((x) => `${x.impact}: ${x.id} (${x.nodes.length}) ${x.help}`));
}

/** Parse "−73.8 mV" (with U+2212) into -73.8. */
export function mv(text) {
  const n = Number(String(text).replace("\u2212", "-").replace(/[^0-9.+-]/g, ""));
  if (!Number.isFinite(n)) throw new Error(`not a voltage: ${text}`);
  return n;
}

/** A page of Vrest with everything a test needs to watch. */
export class VrestPage {
  constructor(page, origin) {
    this.page = page;
    this.origin = origin;
    this.consoleErrors = [];
    this.offOrigin = [];
    page.on("console", (m) => { if (m.type() === "error") this.consoleErrors.push(m.text()); });
    page.on("pageerror", (e) => this.consoleErrors.push(e.message));
    page.on("request", (r) => {
      const u = new URL(r.url());
      if (!["data:", "blob:"].includes(u.protocol) && u.origin !== new URL(origin).origin) this.offOrigin.push(r.url());
    });
  }

  /** The page at `url`; the full lab (`view=lab`) unless the URL names a view: the
   *  tests of the learner's view name theirs. */
  static async open(browser, url, viewport = { width: 1280, height: 800 }) {
    const context = await browser.newContext({ viewport, acceptDownloads: true });
    await watchCsp(context);
    const page = await context.newPage();
    const v = new VrestPage(page, url);
    const u = new URL(url);
    if (!u.searchParams.has("view") && u.protocol !== "file:") u.searchParams.set("view", "lab");
    await page.goto(u.href);
    await page.waitForFunction(() => window.vrestFirstFrameMs, null, { timeout: 20000 });
    return v;
  }

  status() { return this.page.getByRole("status", { name: "Membrane potential" }); }
  async voltage() { return mv(await this.status().textContent()); }
  async time() { return this.page.locator("#time").textContent(); }
  /** Exact model numbers, for checks a rounded label cannot make. */
  async exact() { return this.page.evaluate(() => { const r = window.vrest.readout(); return { v: r.voltage_mv, t: r.time_s }; }); }
  slider(name) { return this.page.getByRole("slider", { name, exact: true }); }
  typed(name) { return this.page.getByRole("textbox", { name: `${name}, exact value` }); }
  button(name) { return this.page.getByRole("button", { name, exact: true }); }
  async play() { if ((await this.button("Play").count()) > 0) await this.button("Play").click(); }
  async pause() { if ((await this.button("Pause").count()) > 0) await this.button("Pause").click(); }
  async preset(name) { await this.page.getByLabel("Cell or case").selectOption(name); }

  /** Drag a slider's thumb with the mouse to `fraction` of its track. */
  async drag(name, fraction) {
    const s = this.slider(name);
    await s.scrollIntoViewIfNeeded();
    const box = await s.boundingBox();
    const value = Number(await s.inputValue());
    const max = Number(await s.getAttribute("max"));
    const y = box.y + box.height / 2;
    await this.page.mouse.move(box.x + 8 + (box.width - 16) * (value / max), y);
    await this.page.mouse.down();
    await this.page.mouse.move(box.x + 8 + (box.width - 16) * fraction, y, { steps: 8 });
    await this.page.mouse.up();
  }

  /** The error line of the control whose typed field is called `name`. */
  controlError(name) { return this.typed(name).locator("xpath=..").locator(".error"); }

  /** A full-page screenshot, saved for a person to look at, with its measured content:
   * size, and how much of it is not background and in how many colours. */
  async screenshot(name) {
    await mkdir(ARTIFACTS, { recursive: true });
    const path = join(ARTIFACTS, name);
    const png = await this.page.screenshot({ path, fullPage: true });
    const { width, height, colours, bands: [all] } = await this.imageStats(png);
    return { path, width, height, inkedFraction: all.inked, colours };
  }

  /** A PNG's pixels measured in the page: its size, its colours (4 bits a channel), and
   *  for each horizontal band (split at `cuts`, pixels from the top) the fractions inked
   *  (unlike the top-left pixel, the background), coloured (a saturated hue) and dark. */
  async imageStats(png, cuts = []) {
    return this.page.evaluate(async ([b64, cuts]) => {
      const img = new Image();
      img.src = "data:image/png;base64," + b64;
      await img.decode();
      const ctx = new OffscreenCanvas(img.width, img.height).getContext("2d");
      ctx.drawImage(img, 0, 0);
      const data = ctx.getImageData(0, 0, img.width, img.height).data;
      const bg = [data[0], data[1], data[2]];
      const colours = new Set();
      const edges = [0, ...cuts, img.height];
      const bands = edges.slice(1).map((y1, k) => {
        let [inked, coloured, dark] = [0, 0, 0];
        for (let i = edges[k] * img.width * 4; i < y1 * img.width * 4; i += 4) {
          const [r, g, b] = [data[i], data[i + 1], data[i + 2]];
          if (Math.abs(r - bg[0]) + Math.abs(g - bg[1]) + Math.abs(b - bg[2]) > 24) inked++;
          if (Math.max(r, g, b) - Math.min(r, g, b) > 40) coloured++;
          if (r + g + b < 200) dark++;
          colours.add((r >> 4) << 8 | (g >> 4) << 4 | (b >> 4));
        }
        const n = Math.max(1, (y1 - edges[k]) * img.width);
        return { inked: inked / n, coloured: coloured / n, dark: dark / n };
      });
      return { width: img.width, height: img.height, colours: colours.size, bands };
    }, [png.toString("base64"), cuts]);
  }
}

/** Run `fn(arg)` in a blank page of the same browser: for reading HTML a test was given
 *  (DOMParser), which Vrest's page policy would rightly refuse to style. */
export async function inBlankPage(page, fn, arg) {
  const blank = await page.context().newPage();
  try {
    return await blank.evaluate(fn, arg);
  } finally {
    await blank.close();
  }
}
