// Hostile and careless input on the page: links with other ions than their preset,
// names that try to become markup or to reverse the page's words, links that say far
// too much, locks that must hold, and exports that must not run formulas.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { VrestPage, useLab, clean, inBlankPage } from "./harness.mjs";

const lab = useLab();

/** The neuron's four ions and `extra` after them, as a link's `s`. */
function state(extra) {
  const ions = [
    { name: "K", charge: 1, inside_mm: 140, outside_mm: 5, permeability_cm_per_s: 1e-6 },
    { name: "Na", charge: 1, inside_mm: 15, outside_mm: 145, permeability_cm_per_s: 4e-8 },
    { name: "Cl", charge: -1, inside_mm: 7, outside_mm: 110, permeability_cm_per_s: 4.5e-7 },
    { name: "Ca", charge: 2, inside_mm: 1e-4, outside_mm: 1.2, permeability_cm_per_s: 0 },
    ...extra,
  ];
  return "v1." + Buffer.from(JSON.stringify({ ions })).toString("base64url");
}

const ion = (name) => ({ name, charge: 1, inside_mm: 1, outside_mm: 2, permeability_cm_per_s: 1e-9 });

/** Open a query (an object or a string) and fail on any dialog a script would open. */
async function openQuery(query, viewport) {
  const search = typeof query === "string" ? query : new URLSearchParams(query).toString();
  const v = await VrestPage.open(lab.browser, `${lab.server.url}?${search}`, viewport);
  v.page.on("dialog", (d) => { v.consoleErrors.push(`a dialog opened: ${d.message()}`); d.dismiss(); });
  return v;
}

const notes = (v) => v.page.locator("#link-notes-list li").allTextContents();

test("a link that adds ions with hostile names opens, shares and reopens them, locks included", async () => {
  const names = ['"></iframe>', "<svg onload=x()>", "a&b#c", "=1+1"];
  const v = await openQuery({ preset: "neuron", s: state(names.map(ion)), lock: "ion.a&b#c.outside" });
  assert.equal(await v.page.locator("#fatal").isHidden(), true, "no fatal error");
  assert.deepEqual(await notes(v), [], "every parameter was read");
  // The ion table and the controls follow the cell's eight ions, by name.
  const rows = await v.page.locator("#ions tbody th").allTextContents();
  assert.deepEqual(rows.map((r) => r.trim().replace(/^\S+\s/, "")), ["K⁺", "Na⁺", "Cl⁻", "Ca²⁺", ...names.map((n) => n + "⁺")]);
  assert.equal(await v.slider("a&b#c⁺ outside (mM)").isDisabled(), true, "its lock, from the link, holds");
  assert.equal(await v.slider("<svg onload=x()>⁺ outside (mM)").isDisabled(), false);
  // Play a moment: the rows fill with numbers, never NaN.
  await v.play();
  await v.page.waitForTimeout(500);
  assert.doesNotMatch(await v.page.locator("#ions").textContent(), /NaN|Infinity|undefined/);
  await v.pause();

  // Share, locking what was not changed: the link and the iframe carry every name
  // encoded, and the iframe code is one iframe element and nothing else.
  await v.button("Share").click();
  await v.button("Lock the controls I have not changed").click();
  const link = await v.page.getByLabel("A link to this state").inputValue();
  const snippet = await v.page.getByLabel("To put it in a course page (an iframe)").inputValue();
  const parsed = await inBlankPage(v.page, (html) => {
    const doc = new DOMParser().parseFromString(html, "text/html");
    return {
      elements: [...doc.body.querySelectorAll("*")].map((e) => e.tagName),
      attributes: [...doc.body.firstElementChild.attributes].map((a) => a.name),
      src: doc.body.firstElementChild.getAttribute("src"),
    };
  }, snippet);
  assert.deepEqual(parsed.elements, ["IFRAME"], snippet);
  assert.deepEqual(parsed.attributes.sort(), ["height", "loading", "sandbox", "src", "style", "title", "width"]);
  assert.equal(parsed.src, link + "&embed=", "the same state, in the compact layout");
  const locks = new URL(link).searchParams.get("lock").split(",");
  assert.ok(locks.includes("ion.a&b#c.outside") && locks.includes("temperature"), locks.join(" "));
  const controls = (p) => p.page.evaluate(() => window.vrest.readout().controls.map((c) => [c.key, c.value]));
  const before = await controls(v);
  clean(v);

  // The shared link reopens the same cell, the same controls, and its locks.
  const w = await VrestPage.open(lab.browser, link);
  assert.deepEqual(await notes(w), []);
  assert.deepEqual(await controls(w), before);
  assert.equal((await controls(w)).filter(([k]) => k.startsWith("ion.")).length, 8 * 3);
  assert.equal(await w.slider("a&b#c⁺ outside (mM)").isDisabled(), true);
  assert.equal(await w.slider("Temperature (°C)").isDisabled(), true);
  assert.equal(await w.page.locator("#ions tbody tr").count(), 8);
  clean(w);
});

test("the trace's CSV neutralises a name that would start a spreadsheet formula", async () => {
  const v = await openQuery({ preset: "neuron", s: state([ion("=1+1"), ion("@SUM(1;1)")]) });
  const [download] = await Promise.all([v.page.waitForEvent("download"), v.button("Download the data (CSV)").click()]);
  const header = (await readFile(await download.path(), "utf8")).split("\n")[0];
  assert.equal(header, "t_s,v_mv,K_in_mm,Na_in_mm,Cl_in_mm,Ca_in_mm,'=1+1_in_mm,'@SUM(1;1)_in_mm,event");
  clean(v);
});

test("a name with a direction control is refused by name; the page's words keep their order", async () => {
  const v = await openQuery({ preset: "neuron", s: state([ion("evil\u202E")]) });
  const [note] = await notes(v);
  assert.match(note, /ions\[4\]\.name: may not contain the direction control U\+202E/);
  assert.ok(![...note].some((c) => c === "\u202E"), "the note shows it escaped");
  assert.equal(await v.page.locator("#ions tbody tr").count(), 4, "the cell opens without its changes");
  assert.equal(await v.slider("K⁺ outside (mM)").count(), 1);
  clean(v);
});

test("links that say far too much open at once, with a few notes", async () => {
  for (const query of [
    "preset=neuron&lock=" + Array(100000).fill("a").join(","),
    "preset=neuron&lock=" + Array(500000).fill("a").join(","),
    Array.from({ length: 100000 }, (_, i) => `k${i}=1`).join("&"),
  ]) {
    const started = Date.now();
    const v = await openQuery(query);
    const shown = await notes(v);
    assert.ok(shown.length >= 1 && shown.length <= 6, `${shown.length} notes`);
    assert.ok((await v.page.evaluate(() => document.getElementsByTagName("*").length)) < 3000, "DOM nodes");
    assert.ok(Date.now() - started < 15000, `${Date.now() - started} ms to open`);
    if (query.startsWith("k0")) assert.equal(shown.at(-1), "…and 28 more notes about this link.");
    else assert.match(shown[0], /lock lists more than 64 controls or 4096 characters; none of it is used/);
    clean(v);
  }
});

test("a locked temperature holds against the cell menu and Reset; a preset that keeps it loads", async () => {
  const v = await openQuery({ preset: "neuron", lock: "temperature" });
  await v.preset("cold");
  const line = v.page.locator("#lab-error");
  await line.waitFor({ state: "visible" });
  assert.equal(await line.textContent(), "this would change Temperature (°C), which your teacher locked; nothing was changed");
  assert.equal(await v.page.getByLabel("Cell or case").inputValue(), "neuron");
  const temperature = () => v.page.evaluate(() => window.vrest.readout().controls.find((c) => c.key === "temperature").value);
  assert.equal(await temperature(), 37);
  assert.equal(await v.slider("Temperature (°C)").isDisabled(), true);
  await v.button("Reset").click();
  assert.equal(await temperature(), 37);
  // A preset at the same temperature still loads.
  await v.preset("astrocyte");
  assert.equal(await v.page.evaluate(() => window.vrest.readout().preset), "astrocyte");
  assert.equal(await temperature(), 37);
  clean(v);
});
