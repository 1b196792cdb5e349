// Trunk post-build hook (Trunk.toml), after model-page.mjs: gives every page of the
// build its Content-Security-Policy, and writes the offline copy of the lab.
//
// 1. index.html, model.html and embed-demo.html each get a <meta> CSP: scripts only
//    from the page's own origin or inline blocks named by their SHA-256 hash (Trunk's
//    start-up module is inline), 'wasm-unsafe-eval' for the wasm and nothing else; no
//    'unsafe-inline', no 'unsafe-eval', object-src 'none', base-uri 'none'. A <meta>
//    cannot carry frame-ancestors: doc/controls.md tells a host which header to send.
// 2. vrest-offline.html: the whole lab in one file (wasm, JS, CSS, the Spanish catalog,
//    the QR encoder, the SCORM bridge and the model's page inlined) that opens from file:// with no server. Its CSP
//    names each inline script and style by hash; the wasm travels as base64 in a data
//    block that is never executed as a script.
//
// Written here rather than with a bundler: the page has one stylesheet, one classic
// script and Trunk's module, and a bundler would not compute the CSP hashes.
import { readFile, writeFile, readdir } from "node:fs/promises";
import { createHash } from "node:crypto";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const dir = process.env.TRUNK_STAGING_DIR || join(root, "dist");

export const hash = (text) => `'sha256-${createHash("sha256").update(text, "utf8").digest("base64")}'`;

/** The inline blocks of a page: executed scripts (not data blocks) and styles. */
export function inlineBlocks(html) {
  const scripts = [...html.matchAll(/<script(?![^>]*\bsrc=)([^>]*)>([\s\S]*?)<\/script>/g)]
    .filter((m) => {
      const type = /type=["']?([^"'\s>]+)/i.exec(m[1]);
      return !type || /^(module|text\/javascript)$/i.test(type[1]);
    })
    .map((m) => m[2]);
  const styles = [...html.matchAll(/<style[^>]*>([\s\S]*?)<\/style>/g)].map((m) => m[1]);
  return { scripts, styles };
}

function withPolicy(html, policy) {
  const meta = `<meta http-equiv="Content-Security-Policy" content="${policy}">`;
  const at = html.search(/<meta charset=["']?utf-8["']?>/i);
  if (at < 0) throw new Error("csp.mjs: no <meta charset> to put the policy after");
  const end = html.indexOf(">", at) + 1;
  return html.slice(0, end) + meta + html.slice(end);
}

const policy = (parts) => Object.entries(parts).map(([k, v]) => `${k} ${v.join(" ")}`).join("; ");
const fixed = { "object-src": ["'none'"], "base-uri": ["'none'"] };

// 1. The served pages.
const index = await readFile(join(dir, "index.html"), "utf8");
const blocks = inlineBlocks(index);
if (blocks.styles.length) throw new Error("csp.mjs: index.html has an inline <style>; move it to www/style.css");
await writeFile(join(dir, "index.html"), withPolicy(index, policy({
  "default-src": ["'self'"],
  "script-src": ["'self'", ...blocks.scripts.map(hash), "'wasm-unsafe-eval'"],
  // No style attribute either: the charts measure their labels on the canvas
  // (src/web/plot.rs), and the page's script sets styles through the CSSOM.
  "style-src": ["'self'"],
  "img-src": ["'self'", "data:", "blob:"],
  "connect-src": ["'self'"],
  ...fixed,
})));

const model = await readFile(join(dir, "model.html"), "utf8");
const modelBlocks = inlineBlocks(model);
await writeFile(join(dir, "model.html"), withPolicy(model, policy({
  "default-src": ["'none'"],
  "script-src": ["'none'"],
  "style-src": modelBlocks.styles.map(hash),
  "img-src": ["'self'", "data:"],
  ...fixed,
})));

const demo = await readFile(join(dir, "embed-demo.html"), "utf8");
const demoBlocks = inlineBlocks(demo);
await writeFile(join(dir, "embed-demo.html"), withPolicy(demo, policy({
  "default-src": ["'self'"],
  "script-src": demoBlocks.scripts.map(hash),
  "style-src": demoBlocks.styles.map(hash),
  // The demo embeds this copy of Vrest and nothing else, and may show the pictures it
  // asks for (data: URLs).
  "frame-src": ["'self'"],
  "img-src": ["'self'", "data:"],
  ...fixed,
})));

// 2. The offline copy, from the files Trunk wrote (hashed names found by pattern).
const files = await readdir(dir);
const find = (re) => {
  const f = files.find((n) => re.test(n));
  if (!f) throw new Error(`csp.mjs: no ${re} in the build`);
  return f;
};
const css = await readFile(join(dir, find(/^style-.*\.css$/)), "utf8");
const app = await readFile(join(dir, find(/^app-.*\.js$/)), "utf8");
const glueName = find(/^vrest-[0-9a-f]+\.js$/);
const glue = await readFile(join(dir, glueName), "utf8");
const initName = find(/-init\.js$/);
const initJs = await readFile(join(dir, initName), "utf8");
const wasm = await readFile(join(dir, find(/^vrest-[0-9a-f]+_bg\.wasm$/)));
const spanish = await readFile(join(dir, "locales", "es", "vrest.ftl"), "utf8");
// The SCORM bridge: active only in a package "Download for an LMS (SCORM)" wrote.
const scorm = await readFile(join(root, "www", "scorm.js"), "utf8");
// lean-qr (vendor.mjs) as a module of the page that hands its functions to app.js,
// which otherwise imports ./lean-qr.js when a QR code is first asked for.
const leanQr = await readFile(join(dir, "lean-qr.js"), "utf8");
const leanQrExports = /export\s*\{([^}]*)\}\s*;?\s*$/.exec(leanQr);
if (!leanQrExports) throw new Error("csp.mjs: lean-qr.js does not end in one export list");
const leanQrModule = leanQr.slice(0, leanQrExports.index) + `window.vrestLeanQr = { ${leanQrExports[1]
  .split(",").map((pair) => pair.trim().split(/\s+as\s+/)).map(([local, name]) => `${name ?? local}: ${local}`).join(", ")} };`;


// The glue as a plain module body: its exports become local names.
const exported = [...glue.matchAll(/^export (?:class|function|const|let) ([A-Za-z_$][\w$]*)/gm)].map((m) => m[1]);
const localGlue = glue
  .replace(/^export \{[^}]*\};?\s*$/gm, "")
  .replace(/^export (class|function|const|let) /gm, "$1 ");
if (!/__wbg_init/.test(localGlue)) throw new Error("csp.mjs: the glue has no __wbg_init");
// The initializer (minified by Trunk) in its own scope, returning its default export.
const initBody = initJs
  .replace(/export\s*\{\s*([\w$]+)\s+as\s+default\s*\};?/, "return $1;")
  .replace(/export default function ([\w$]+)/, "return function $1");
if (!/return /.test(initBody)) throw new Error("csp.mjs: the initializer has no default export");
const localInit = `const initializer = (() => {\n${initBody}\n})();`;
const moduleJs = `${localGlue}
${localInit}
const bindings = { ${[...exported, "initSync"].join(", ")} };
const packed = document.getElementById("vrest-wasm").textContent;
const bytes = Uint8Array.from(atob(packed), (c) => c.charCodeAt(0));
const hooks = initializer();
let started;
try {
  started = await __wbg_init({ module_or_path: bytes });
  hooks.onSuccess?.(started);
} catch (reason) {
  hooks.onFailure?.(reason);
}
window.wasmBindings = bindings;
dispatchEvent(new CustomEvent("TrunkApplicationStarted", { detail: { wasm: started } }));
`;
const safe = (text, what) => {
  if (/<\/script/i.test(text) || (what === "style.css" && /<\/style/i.test(text))) {
    throw new Error(`csp.mjs: ${what} contains a closing tag`);
  }
  return text;
};
// The model's page, opened from a blob: URL by the footer link; its "back" link is left out.
const modelOffline = model.replace(/<meta http-equiv="Content-Security-Policy"[^>]*>/, "").replace(/<nav>[\s\S]*?<\/nav>/, "");

let page = index;
page = page.replace(/<link[^>]*rel=["']?modulepreload[^>]*>/g, "").replace(/<link[^>]*rel=["']?preload[^>]*>/g, "");
page = page.replace(/<link[^>]*href=["']?\.\/style-[^>]*>/, () => `<style>${safe(css, "style.css")}</style>`);
page = page.replace(/<script[^>]*src=["']?\.\/app-[^>]*><\/script>/, "");
page = page.replace(/<script type=["']?module["']?>[\s\S]*?<\/script>/, () => `<script type="module">${safe(moduleJs, "the start-up module")}</script>`);
// Only the lab itself: the model's page and a language come from data blocks.
page = page.replace(/<\/body>/, () => [
  `<script type="application/octet-stream" id="vrest-wasm">${wasm.toString("base64")}</script>`,
  `<script type="text/plain" data-file="locales/es/vrest.ftl">${safe(spanish, "the Spanish catalog")}</script>`,
  `<script type="text/plain" data-file="model.html">${safe(modelOffline, "model.html")}</script>`,
  `<script type="module">${safe(leanQrModule, "lean-qr")}</script>`,
  `<script>${safe(scorm, "scorm.js")}</script>`,
  `<script>${safe(app, "app.js")}</script>`,
  "</body>",
].join("\n"));
const offline = inlineBlocks(page);
const modelStyles = inlineBlocks(modelOffline).styles;
page = withPolicy(page.replace(/<meta http-equiv="Content-Security-Policy"[^>]*>/, ""), policy({
  "default-src": ["'none'"],
  "script-src": [...offline.scripts.map(hash), "'wasm-unsafe-eval'"],
  "style-src": [...offline.styles.map(hash), ...modelStyles.map(hash)],
  "img-src": ["data:", "blob:"],
  ...fixed,
}));
await writeFile(join(dir, "vrest-offline.html"), page);
