// Trunk's one post-build hook (Trunk.toml). Trunk runs the hooks of a stage at the same
// time, and the CSP needs the model's page written first, so they run here in order.
await import("./model-page.mjs");
await import("./vendor.mjs");
await import("./overlay-words.mjs");
await import("./csp.mjs");
await import("./minify.mjs");
