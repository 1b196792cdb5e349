// Trunk post-build step (post-build.mjs), last: minifies the page's two scripts with
// terser (npm) — the page's glue (www/app.js) and wasm-bindgen's module — and writes
// their new Subresource Integrity hashes into index.html; then the modules the page
// loads on demand. Trunk 0.21 hashes but does
// not minify them; minified they are about 11 KB smaller gzipped. Top-level names are
// kept (the page's functions stay reachable by name from the tests and the console).
// Runs after csp.mjs: the offline copy is built from the readable files, and no CSP
// hash covers these files (the policy names them by origin, and inline blocks by hash).
import { readFile, writeFile, readdir } from "node:fs/promises";
import { createHash } from "node:crypto";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { minify } from "terser";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const dir = process.env.TRUNK_STAGING_DIR || join(root, "dist");
// Only release builds: a debug build keeps its scripts as written.
const release = process.env.TRUNK_PROFILE === "release";

if (release) {
  const files = await readdir(dir);
  let index = await readFile(join(dir, "index.html"), "utf8");
  for (const [name, module] of [
    [files.find((f) => /^app-[0-9a-f]+\.js$/.test(f)), false],
    [files.find((f) => /^vrest-[0-9a-f]+\.js$/.test(f)), true],
  ]) {
    if (!name) throw new Error("minify.mjs: a script of the page is missing from the build");
    const path = join(dir, name);
    const source = await readFile(path, "utf8");
    const out = await minify(source, {
      ecma: 2020, module, toplevel: false,
      compress: { passes: 2 }, mangle: true, format: { comments: false },
    });
    const sri = (text) => `sha384-${createHash("sha384").update(text, "utf8").digest("base64")}`;
    const before = sri(source);
    if (!index.includes(before)) throw new Error(`minify.mjs: index.html does not name ${name} by its hash`);
    index = index.replace(before, sri(out.code));
    await writeFile(path, out.code);
  }
  await writeFile(join(dir, "index.html"), index);
  // The modules loaded on demand (vendor.mjs, www/scorm-package.js): no hash names them.
  for (const name of ["fflate.js", "scorm-package.js"]) {
    const path = join(dir, name);
    const out = await minify(await readFile(path, "utf8"), { ecma: 2020, module: true, toplevel: false, compress: { passes: 2 }, mangle: true, format: { comments: false } });
    await writeFile(path, out.code);
  }
}
