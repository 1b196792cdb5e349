// Browser benchmark for Vrest's release build (scripts/bench; not part of the tests).
// Prints: gzipped transfer size; navigation → first interactive frame; per-frame cost
// (model + particles + paint + chart, canvases forced to rasterise) at 2,000 and 20,000
// particles, median and p99; and the frame rate of the real animation loop.
import { readdir, readFile } from "node:fs/promises";
import { join, extname } from "node:path";
import { gzipSync } from "node:zlib";
import { serve, launch, DIST } from "./harness.mjs";

const quantile = (xs, q) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
};

/** Modules the page loads only when asked (a QR code, a SCORM package): not part of
 *  the page's transfer, reported on their own. */
const ON_DEMAND = ["lean-qr.js", "fflate.js", "scorm-package.js"];

async function transferSize() {
  let raw = 0;
  let gz = 0;
  const rows = [];
  for (const f of await readdir(DIST)) {
    // The page's own files; the demo host page, the model's page and the offline copy
    // (reported on its own) are not part of it.
    if (![".html", ".js", ".wasm", ".css"].includes(extname(f))
      || ["embed-demo.html", "model.html", "vrest-offline.html", "fuzz.js", ...ON_DEMAND].includes(f)) continue;
    const body = await readFile(join(DIST, f));
    const z = gzipSync(body, { level: 9 }).length;
    raw += body.length;
    gz += z;
    rows.push(`  ${f.padEnd(36)} ${String(body.length).padStart(8)} B  ${String(z).padStart(7)} B gzipped`);
  }
  return { raw, gz, rows };
}

/** A fresh 1280×800 context with the lab loaded and its first frame painted. */
async function openLab(browser, url) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await page.goto(url);
  await page.waitForFunction(() => window.vrestFirstFrameMs, null, { timeout: 20000 });
  await page.evaluate(() => {
    /** Drive the handle (the page's own loop is taken over): `warm` untimed frames, then
     * the cost of each of `n` frames 1/60 s of page time apart, each until its canvases
     * have rasterised. */
    window.benchFrames = (h, warm, n, between = () => {}) => {
      const flush = ["scene", "chart", "bars", "kchart"].map((id) => document.getElementById(id).getContext("2d"));
      let t = performance.now();
      for (let i = 0; i < warm; i++) { t += 1000 / 60; h.frame(t); }
      between();
      const costs = [];
      for (let i = 0; i < n; i++) {
        t += 1000 / 60;
        const t0 = performance.now();
        h.frame(t);
        for (const ctx of flush) ctx.getImageData(0, 0, 1, 1); // make the canvases rasterise now
        costs.push(performance.now() - t0);
      }
      return costs;
    };
  });
  return { context, page };
}

/** `fn(arg)` run in a freshly loaded lab, which is closed after. */
async function inLab(browser, url, fn, arg) {
  const { context, page } = await openLab(browser, url);
  try {
    return await page.evaluate(fn, arg);
  } finally {
    await context.close();
  }
}

/** The soak: `minutes` of real time at the fastest speed with the pump blocked (hours of
 * run-down), sampling the JS heap, the wasm memory, the DOM's size and the frame rate
 * every 30 s. Everything should stay flat. */
async function soak(browser, url, minutes) {
  const { context, page } = await openLab(browser, url);
  await page.evaluate(() => {
    window.vrest.apply({ do: "load_preset", args: { preset: "ouabain" } });
    window.vrest.apply({ do: "set_speed", args: { index: 7 } });
    window.vrest.apply({ do: "play" });
  });
  console.log(`\nSoak, ${minutes} min at the fastest speed, pump blocked (ouabain):`);
  console.log("  min  model time   V        JS heap   wasm memory  DOM nodes  fps   frame p99");
  const rows = [];
  for (let k = 0; k <= minutes * 2; k++) {
    if (k > 0) await page.waitForTimeout(30000);
    const s = await page.evaluate(async () => {
      const gaps = [];
      let last = performance.now();
      await new Promise((done) => {
        const tick = (t) => { gaps.push(t - last); last = t; if (gaps.length < 120) requestAnimationFrame(tick); else done(); };
        requestAnimationFrame(tick);
      });
      gaps.sort((a, b) => a - b);
      const r = window.vrest.readout();
      return {
        time: r.time_text, voltage: r.voltage_text,
        heap: performance.memory ? performance.memory.usedJSHeapSize : NaN,
        wasm: window.vrestWasm ? window.vrestWasm.memory.buffer.byteLength : NaN,
        nodes: document.getElementsByTagName("*").length,
        fps: 1000 / (gaps.reduce((a, b) => a + b, 0) / gaps.length),
        p99: gaps[Math.floor(0.99 * gaps.length)],
      };
    });
    rows.push(s);
    console.log(`  ${String(k / 2).padStart(4)}  ${s.time.padEnd(11)}  ${s.voltage.padEnd(8)} ${(s.heap / 1e6).toFixed(1).padStart(5)} MB  ` +
      `${(s.wasm / 1e6).toFixed(1).padStart(6)} MB  ${String(s.nodes).padStart(9)}  ${s.fps.toFixed(1).padStart(4)}  ${s.p99.toFixed(1)} ms`);
  }
  const first = rows[1] ?? rows[0];
  const lastRow = rows[rows.length - 1];
  console.log(`  from the first half-minute to the end: JS heap ${(first.heap / 1e6).toFixed(1)} → ${(lastRow.heap / 1e6).toFixed(1)} MB, ` +
    `wasm ${(first.wasm / 1e6).toFixed(1)} → ${(lastRow.wasm / 1e6).toFixed(1)} MB, DOM ${first.nodes} → ${lastRow.nodes} nodes`);
  await context.close();
}

/** Cold loads: navigation → the first interactive frame, and the main thread's work up
 *  to it (Chromium's own counters; steadier than the time on a busy machine). */
async function firstFrame(browser, url, runs = 7) {
  const times = [];
  const work = {};
  const counters = ["TaskDuration", "ScriptDuration", "RecalcStyleDuration", "LayoutDuration", "RecalcStyleCount", "LayoutCount"];
  for (let i = 0; i < runs; i++) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send("Performance.enable");
    await page.goto(url);
    await page.waitForFunction(() => window.vrestFirstFrameMs, null, { timeout: 20000 });
    const { metrics } = await cdp.send("Performance.getMetrics");
    for (const m of metrics) if (counters.includes(m.name)) (work[m.name] ||= []).push(m.value);
    times.push(await page.evaluate(() => window.vrestFirstFrameMs));
    await context.close();
  }
  times.work = counters.map((n) => n.endsWith("Count")
    ? `${n.replace("Count", "")}s ${quantile(work[n], 0.5)}`
    : `${n.replace("Duration", "")} ${(1000 * quantile(work[n], 0.5)).toFixed(0)} ms`).join(", ");
  return times;
}

function frameCost(browser, url, particles) {
  return inLab(browser, url, async (n) => {
    // Stop the page's own loop from competing: take over the handle.
    const h = window.vrest;
    h.apply({ do: "set_particle_budget", args: { count: n } });
    h.apply({ do: "play" });
    const costs = window.benchFrames(h, 120, 900);
    // The real loop: count rAF frames over 4 s.
    let frames = 0;
    const started = performance.now();
    await new Promise((done) => {
      const tick = () => { frames++; if (performance.now() - started < 4000) requestAnimationFrame(tick); else done(); };
      requestAnimationFrame(tick);
    });
    return { costs, fps: frames / ((performance.now() - started) / 1000), count: h.particle_count() };
  }, particles);
}

/** A firing cell at the fastest speed: the excitable neuron firing on its own (K⁺
 * outside 15 mM, after the cost of following a slider drag: a new K⁺ outside, measured
 * and worded, the V–log K⁺ sweep of 100 points included) or the pacemaker as it comes.
 * The cost of a frame that integrates as many spikes as its step budget allows, and the
 * model time it covers per real second. */
function firing(browser, url, preset) {
  return inLab(browser, url, async (preset) => {
    const h = window.vrest;
    h.apply({ do: "load_preset", args: { preset } });
    const drag = [];
    if (preset === "excitable-neuron") {
      for (let i = 0; i < 60; i++) {
        const t0 = performance.now();
        h.apply({ do: "set_control", args: { key: "ion.K.outside", value: 4 + i * 0.25 } });
        h.readout();
        drag.push(performance.now() - t0);
      }
      h.apply({ do: "set_control", args: { key: "ion.K.outside", value: 15 } });
    }
    h.apply({ do: "set_speed", args: { index: 7 } });
    h.apply({ do: "play" });
    let t_model0 = 0;
    const costs = window.benchFrames(h, 60, 300, () => { t_model0 = h.readout().time_s; });
    const r = h.readout();
    return { costs, drag, modelPerRealS: (r.time_s - t_model0) / 5, speedText: r.speed_text };
  }, preset);
}

const server = await serve();
const browser = await launch();
try {
  const size = await transferSize();
  console.log("Transfer size (html + js + wasm + css):");
  for (const r of size.rows) console.log(r);
  console.log(`  total ${size.raw} B raw, ${(size.gz / 1024).toFixed(1)} KB gzipped (target ≤ 200 KB; 250 KB on the way)`);
  // Languages other than English are fetched only by the learners who choose them.
  for (const lang of await readdir(join(DIST, "locales")).catch(() => [])) {
    if (lang === "en") continue;
    const z = gzipSync(await readFile(join(DIST, "locales", lang, "vrest.ftl")), { level: 9 }).length;
    console.log(`  in ${lang}: + locales/${lang}/vrest.ftl ${z} B gzipped = ${((size.gz + z) / 1024).toFixed(1)} KB`);
  }
  for (const f of ON_DEMAND) {
    const z = gzipSync(await readFile(join(DIST, f)), { level: 9 }).length;
    console.log(`  loaded on demand: ${f} ${z} B gzipped`);
  }
  const offline = await readFile(join(DIST, "vrest-offline.html"));
  console.log(`  the one-file offline copy, vrest-offline.html: ${(offline.length / 1024).toFixed(1)} KB, ` +
    `${(gzipSync(offline, { level: 9 }).length / 1024).toFixed(1)} KB gzipped`);
  console.log("");

  const ff = await firstFrame(browser, server.url);
  console.log(`Navigation → first interactive frame, ${ff.length} cold loads: median ${quantile(ff, 0.5).toFixed(0)} ms, ` +
    `min ${Math.min(...ff).toFixed(0)} ms, max ${Math.max(...ff).toFixed(0)} ms (target ≤ 200 ms)`);
  console.log(`  the main thread's work up to it, medians: ${ff.work}\n`);

  for (const n of [2000, 20000]) {
    const r = await frameCost(browser, server.url, n);
    console.log(`Per frame at ${n} particles (${r.count} drawn; model + particles + paint + chart, rasterised): ` +
      `median ${quantile(r.costs, 0.5).toFixed(2)} ms, p99 ${quantile(r.costs, 0.99).toFixed(2)} ms; ` +
      `animation loop ${r.fps.toFixed(1)} fps`);
  }
  const f = await firing(browser, server.url, "excitable-neuron");
  console.log(`\nFiring excitable neuron at the fastest speed: per frame median ${quantile(f.costs, 0.5).toFixed(2)} ms, ` +
    `p99 ${quantile(f.costs, 0.99).toFixed(2)} ms; ${f.modelPerRealS.toFixed(3)} s of model time per real second ("${f.speedText}")`);
  const sa = await firing(browser, server.url, "sa-node");
  console.log(`The pacemaker (sa-node) at the fastest speed: per frame median ${quantile(sa.costs, 0.5).toFixed(2)} ms, ` +
    `p99 ${quantile(sa.costs, 0.99).toFixed(2)} ms; ${sa.modelPerRealS.toFixed(3)} s of model time per real second ("${sa.speedText}")`);
  console.log(`Following a drag (K⁺ outside changed, measured and worded, V–log K⁺ sweep of 100 points included): ` +
    `median ${quantile(f.drag, 0.5).toFixed(2)} ms, p99 ${quantile(f.drag, 0.99).toFixed(2)} ms`);
  console.log("\nTargets: ≤ 2 ms median at 2,000 particles; 60 fps at 20,000; a drag followed in well under a frame.");

  const minutes = Number(process.env.VREST_SOAK_MIN ?? 10);
  if (minutes > 0) await soak(browser, server.url, minutes);
} finally {
  await browser.close();
  await server.close();
}
