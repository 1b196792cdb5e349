// Trunk post-build step (post-build.mjs), before csp.mjs: the words the page shows
// before the wasm (and with it the catalog) has loaded, the loading line and the
// failure box, copied from every catalog into index.html as a JSON data block
// (`<script type="application/json" id="overlay-words">`, never executed, so the
// security policy needs no hash for it). www/app.js picks the browser's language from
// it at once; later the catalog itself takes over (translatePage).
import { readFile, writeFile, readdir } from "node:fs/promises";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const dir = process.env.TRUNK_STAGING_DIR || join(root, "dist");
const IDS = ["page-title", "page-loading", "fatal-heading", "fatal-reload", "fatal-load-failed"];

const words = {};
for (const lang of (await readdir(join(root, "locales"))).sort()) {
  const ftl = await readFile(join(root, "locales", lang, "vrest.ftl"), "utf8");
  words[lang] = {};
  for (const id of IDS) {
    // One line of plain text each: no placeables (the catalog test keeps it so).
    const line = ftl.split("\n").find((l) => l.startsWith(`${id} = `));
    if (!line || line.includes("{")) throw new Error(`overlay-words.mjs: ${lang} ${id} is missing or not plain text`);
    words[lang][id] = line.slice(id.length + 3).trim();
  }
}
const path = join(dir, "index.html");
const html = await readFile(path, "utf8");
// "<" escaped, so no text can close the block early.
const json = JSON.stringify(words).replace(/</g, "\\u003c");
const block = `<script type="application/json" id="overlay-words">${json}</script>`;
if (!html.includes("</head>")) throw new Error("overlay-words.mjs: index.html has no </head>");
await writeFile(path, html.replace("</head>", `${block}</head>`));
