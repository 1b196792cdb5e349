// End-to-end harness: a static server for dist/, Debian's Chromium through
// playwright-core, and a small page object for Vrest.
import { createServer } from "node:http";
import { readFile, mkdir } from "node:fs/promises";
import { extname, join, normalize, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
export const DIST = join(root, "dist");
export const ARTIFACTS = join(root, "artifacts", "screenshots");

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".wasm": "application/wasm",
};

/** Serve dist/ on a free localhost port. */
export async function serve() {
  const server = createServer(async (req, res) => {
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

  static async open(browser, url, viewport = { width: 1280, height: 800 }) {
    const context = await browser.newContext({ viewport });
    const page = await context.newPage();
    const v = new VrestPage(page, url);
    await page.goto(url);
    await page.waitForFunction(() => window.vrestFirstFrameMs, null, { timeout: 20000 });
    return v;
  }

  status() { return this.page.getByRole("status", { name: "Membrane potential" }); }
  async voltage() { return mv(await this.status().textContent()); }
  async time() { return this.page.locator("#time").textContent(); }
  /** Exact model numbers, for checks a rounded label cannot make. */
  async exact() { return this.page.evaluate(() => { const r = window.vrest.readout(); return { v: r.voltage_mv, t: r.time_s }; }); }
  slider(name) { return this.page.getByRole("slider", { name, exact: true }); }
  typed(name) { return this.page.getByRole("spinbutton", { name: `${name}, exact value` }); }
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

  async screenshot(name) {
    await mkdir(ARTIFACTS, { recursive: true });
    const path = join(ARTIFACTS, name);
    await this.page.screenshot({ path, fullPage: true });
    return path;
  }
}
