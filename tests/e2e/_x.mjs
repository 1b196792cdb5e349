import { serve, launch } from "./harness.mjs";
const server = await serve("dist");
const browser = await launch();
const out = [];
for (let i = 0; i < 5; i++) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await page.addInitScript(() => {
    window.__t = {};
    addEventListener("TrunkApplicationStarted", () => {
      window.__started = performance.now();
      for (const name of ["loadLanguage", "showLinkNotes", "translatePage", "buildLanguages", "buildSpeeds", "buildPresets", "buildLessons", "buildControls", "wire", "renderRecords", "renderQuestions", "measureStage", "render", "refresh", "tick"]) {
        const f = window[name];
        if (typeof f !== "function") { window.__t[name] = "absent"; continue; }
        window[name] = function (...a) { const s = performance.now(); if (name === "tick" && !window.__tick0) window.__tick0 = s; if (name === "tick" && window.__tick0 && !window.__tick1 && s > window.__tick0) window.__tick1 = s; const r = f.apply(this, a); const add = () => { window.__t[name] = (window.__t[name] || 0) + performance.now() - s; }; if (r && r.then) r.then(add); else add(); return r; };
      }
    }, { capture: true });
  });
  await page.goto(server.url);
  await page.waitForFunction(() => window.vrestFirstFrameMs, null, { timeout: 20000 });
  const r = await page.evaluate(() => {
    const res = performance.getEntriesByType("resource").filter(e => /wasm|app|vrest-/.test(e.name)).map(e => [e.name.split("/").pop().slice(0, 12), Math.round(e.startTime), Math.round(e.responseEnd)]);
    const nav = performance.getEntriesByType("navigation")[0];
    const t = [];
    let s = performance.now(); const h = new window.wasmBindings.VrestHandle("scene", "chart", "bars", "kchart"); t.push(["new", performance.now() - s]);
    s = performance.now(); h.open_link([], 0); t.push(["open_link", performance.now() - s]);
    s = performance.now(); h.setup(); t.push(["setup", performance.now() - s]);
    s = performance.now(); h.frame(performance.now(), false); t.push(["frame", performance.now() - s]);
    s = performance.now(); h.frame(performance.now()+16, false); t.push(["frame2", performance.now() - s]);
    return { res, dcl: Math.round(nav.domContentLoadedEventEnd), started: Math.round(window.__started), first: Math.round(window.vrestFirstFrameMs), tick0: Math.round(window.__tick0), tick1: Math.round(window.__tick1), fns: Object.entries(window.__t).map(([k, v]) => k + " " + (typeof v === "number" ? v.toFixed(1) : v)).join(", "), t: t.map(([a, b]) => a + " " + b.toFixed(1)).join(", ") };
  });
  out.push(r);
  await context.close();
}
for (const r of out) console.log(JSON.stringify(r));
await browser.close(); server.close();
