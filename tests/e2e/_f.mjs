import { serve, launch } from "./harness.mjs";
const server = await serve(process.argv[2] || "dist");
const browser = await launch();
const t = [];
for (let i = 0; i < 11; i++) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await page.goto(server.url);
  await page.waitForFunction(() => window.vrestFirstFrameMs, null, { timeout: 20000 });
  t.push(await page.evaluate(() => window.vrestFirstFrameMs));
  await context.close();
}
t.sort((a, b) => a - b);
console.log("first frame median", t[5].toFixed(0), "ms; all", t.map(x => x.toFixed(0)).join(" "));
await browser.close(); server.close();
