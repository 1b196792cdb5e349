import { serve, launch } from "./harness.mjs";
const server = await serve("dist");
const browser = await launch();
const agg = new Map();
for (let i = 0; i < 3; i++) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send("Profiler.enable");
  await cdp.send("Profiler.setSamplingInterval", { interval: 200 });
  await cdp.send("Profiler.start");
  await page.goto(server.url);
  await page.waitForFunction(() => window.vrestFirstFrameMs, null, { timeout: 20000 });
  const { profile } = await cdp.send("Profiler.stop");
  const byId = new Map(profile.nodes.map(n => [n.id, n]));
  const dt = profile.timeDeltas; 
  const self = new Map();
  profile.samples.forEach((id, k) => { const n = byId.get(id); const key = n.callFrame.functionName + " " + n.callFrame.url.split("/").pop().slice(0, 20) + ":" + n.callFrame.lineNumber; self.set(key, (self.get(key) || 0) + (dt[k] || 0) / 1000); });
  for (const [k, v] of self) agg.set(k, (agg.get(k) || 0) + v / 3);
  await context.close();
}
console.log([...agg].sort((a, b) => b[1] - a[1]).slice(0, 40).map(([k, v]) => v.toFixed(1).padStart(7) + " " + k).join("\n"));
await browser.close(); server.close();
