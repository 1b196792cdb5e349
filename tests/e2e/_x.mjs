import { serve, launch, VrestPage } from "./harness.mjs";
const server = await serve();
const browser = await launch();
const v = await VrestPage.open(browser, server.url);
await v.button("Record values").click();
await v.page.emulateMedia({ media: "print" });
console.log(await v.page.evaluate(() => { const out = []; let e = document.getElementById("records"); while (e) { const cs = getComputedStyle(e); out.push(`${e.tagName}.${e.className}#${e.id} ${cs.display} ${cs.visibility} ${e.hidden}`); e = e.parentElement; } return out.join("\n"); }));
await browser.close(); await server.close();
