// Trunk post-build hook (Trunk.toml): doc/model.md, the model for teachers, as
// model.html beside the page, so the page's footer can link to it. marked (npm) turns
// the Markdown into HTML; nothing here computes or invents a number.
import { readFile, writeFile } from "node:fs/promises";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { marked } from "marked";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const out = process.env.TRUNK_STAGING_DIR || join(root, "dist");
const md = await readFile(join(root, "doc", "model.md"), "utf8");
const title = md.match(/^# (.+)$/m)?.[1] ?? "Vrest: the model";
// Wide tables and code scroll sideways on a phone: each is a stop for the keyboard.
const body = marked.parse(md).replace(/<table>/g, '<table tabindex="0">').replace(/<pre>/g, '<pre tabindex="0">');
const html = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<link rel="icon" href="data:,">
<style>
  body { font: 16px/1.55 system-ui, sans-serif; color: #1d2430; max-width: 52rem; margin: 0 auto; padding: 1rem 1.2rem 3rem; }
  table { border-collapse: collapse; font-size: 0.9rem; display: block; overflow-x: auto; }
  th, td { border: 1px solid #d9dee6; padding: 0.25rem 0.45rem; text-align: left; vertical-align: top; }
  code, pre { background: #f3f5f8; border-radius: 4px; }
  pre { padding: 0.6rem; overflow-x: auto; }
  a { color: #2f5fb3; }
  nav { margin-bottom: 1rem; }
</style>
</head>
<body>
<nav><a href="./">← Back to the lab</a></nav>
<main>
${body}
</main>
</body>
</html>
`;
await writeFile(join(out, "model.html"), html);
