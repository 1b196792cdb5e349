// Trunk post-build step (post-build.mjs), before csp.mjs: copies the two npm modules the
// page loads only when asked into the build, under fixed names:
//   lean-qr.js  the QR code (Share, Present, the worksheet), ~3.5 KB gzipped;
//   fflate.js   deflate and zip, for "Download for an LMS (SCORM)".
// Neither is part of the first load; csp.mjs folds lean-qr into the offline copy.
import { copyFile } from "node:fs/promises";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const dir = process.env.TRUNK_STAGING_DIR || join(root, "dist");
await copyFile(join(root, "node_modules", "lean-qr", "index.mjs"), join(dir, "lean-qr.js"));
await copyFile(join(root, "node_modules", "fflate", "esm", "browser.js"), join(dir, "fflate.js"));
