import { serve, launch } from "./harness.mjs";
const server = await serve("dist");
const browser = await launch();
for (let i = 0; i < 5; i++) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await page.addInitScript(() => {
    window.__log = [];
    const mark = (n) => window.__log.push(n + "@" + performance.now().toFixed(0));
    addEventListener("TrunkApplicationStarted", () => {
      mark("started");
      const P = window.wasmBindings.VrestHandle.prototype;
      for (const name of ["frame", "readout", "setup", "take_announcement", "take_descriptions", "open_link", "lesson_events", "records_table"]) {
        const f = P[name];
        P[name] = function (...a) { const s = performance.now(); const r = f.apply(this, a); if (window.__log.length < 40) window.__log.push(name + " " + (performance.now() - s).toFixed(1)); return r; };
      }
      const r = window.render;
      window.render = function (...a) { const s = performance.now(); const x = r.apply(this, a); if (window.__log.length < 40) window.__log.push("render " + (performance.now() - s).toFixed(1)); return x; };
      const rq = window.requestAnimationFrame;
      let first = true;
      window.requestAnimationFrame = (cb) => rq((t) => { if (first) { first = false; mark("tick"); } cb(t); });
    }, { capture: true });
  });
  await page.goto(server.url);
  await page.waitForFunction(() => window.vrestFirstFrameMs, null, { timeout: 20000 });
  console.log((await page.evaluate(() => window.__log.join(", ") + " | first@" + window.vrestFirstFrameMs.toFixed(0))));
  await context.close();
}
await browser.close(); server.close();
