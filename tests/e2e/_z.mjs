import { serve, launch } from "./harness.mjs";
const server = await serve("dist");
const browser = await launch();
const agg = new Map();
const N = 5;
for (let i = 0; i < N; i++) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  const events = [];
  cdp.on("Tracing.dataCollected", (d) => events.push(...d.value));
  const done = new Promise((r) => cdp.once("Tracing.tracingComplete", r));
  await cdp.send("Tracing.start", { categories: "devtools.timeline,v8.execute,disabled-by-default-devtools.timeline,v8.wasm", transferMode: "ReportEvents" });
  await page.goto(server.url);
  await page.waitForFunction(() => window.vrestFirstFrameMs, null, { timeout: 20000 });
  await cdp.send("Tracing.end");
  await done;
  const nav = events.find(e => e.name === "navigationStart" || e.name === "NavigationStart" ) ;
  const main = events.filter(e => e.ph === "X" && ["Layout", "UpdateLayoutTree", "ParseHTML", "FunctionCall", "EvaluateScript", "v8.compile", "Paint", "v8.wasm.streamFromResponseCallback", "wasm.CompileLazy", "v8.wasm.compiledModule", "v8.wasm.finishedStreaming", "HitTest", "ParseAuthorStyleSheet", "PrePaint", "Layerize", "RunMicrotasks", "FireAnimationFrame", "TimerFire", "EventDispatch"].includes(e.name));
  for (const e of main) { const k = e.name; agg.set(k, (agg.get(k) || [0, 0])); agg.get(k)[0] += e.dur / 1000 / N; agg.get(k)[1] += 1 / N; }
  await context.close();
}
console.log([...agg].sort((a, b) => b[1][0] - a[1][0]).map(([k, [v, n]]) => v.toFixed(1).padStart(7) + " ms  ×" + n.toFixed(1) + " " + k).join("\n"));
await browser.close(); server.close();
