// The learner's view, the page's first: the membrane, V, the trace, the time controls
// and a few controls on one screen at every size; the full lab one click away.
import { test } from "node:test";
import assert from "node:assert/strict";
import { VrestPage, useLab, clean, watchCsp, axeViolations, mv } from "./harness.mjs";

const lab = useLab();

/** The page as a learner opens it: the plain address, no parameters. */
async function openPlain(viewport, query = "") {
  const context = await lab.browser.newContext({ viewport, hasTouch: viewport.width < 500, acceptDownloads: true });
  await watchCsp(context);
  const page = await context.newPage();
  const v = new VrestPage(page, lab.server.url);
  await page.goto(lab.server.url + query);
  await page.waitForFunction(() => window.vrestFirstFrameMs, null, { timeout: 20000 });
  return v;
}

/** Whether `locator` is wholly on the first screen (no scrolling). */
async function onFirstScreen(page, locator) {
  const box = await locator.boundingBox();
  const { height } = page.viewportSize();
  return box !== null && box.y >= 0 && box.y + box.height <= height && box.width > 0;
}

/** The numbers a person can read on the first screen: every run of digits in visible
 *  text and in the fields, on screen without scrolling (the canvases' words aside). */
function firstScreenNumbers(page) {
  return page.evaluate(() => {
    const seen = [];
    const visible = (el) => {
      const r = el.getBoundingClientRect();
      const s = getComputedStyle(el);
      return r.width > 0 && r.height > 0 && r.top < innerHeight && r.bottom > 0 && s.visibility !== "hidden";
    };
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      if (!el || el.closest("[hidden], .visually-hidden, details:not([open]) > :not(summary), dialog:not([open]), option, script")) continue;
      if (!visible(el)) continue;
      for (const m of n.textContent.matchAll(/\d+(?:[.,]\d+)?/g)) seen.push(m[0]);
    }
    // By the property: the release build's minifier drops `type="text"`, the default.
    for (const input of [...document.querySelectorAll("input")].filter((i) => i.type === "text")) {
      if (visible(input)) for (const m of input.value.matchAll(/\d+(?:[.,]\d+)?/g)) seen.push(m[0]);
    }
    return seen;
  });
}

for (const [width, height] of [[1280, 800], [1024, 768], [390, 844]]) {
  test(`the learner's view opens first at ${width}x${height}: V, Play and K⁺ outside on the first screen, at most 15 numbers`, async () => {
    const v = await openPlain({ width, height });
    const kOut = v.slider("K⁺ outside (mM)");
    for (const [what, target] of [["V", v.status()], ["Play", v.button("Play")], ["K⁺ outside", kOut],
      ["the switch to the full lab", v.button("Show the full lab")]]) {
      assert.ok(await onFirstScreen(v.page, target), `${what} is not on the first screen`);
    }
    const numbers = await firstScreenNumbers(v.page);
    console.log(`# ${width}x${height}: ${numbers.length} numbers on the first screen: ${numbers.join(" ")}`);
    assert.ok(numbers.length <= 15, `${numbers.length} numbers: ${numbers.join(" ")}`);
    // The full lab's numbers wait one click away: no ion table, no meters, no other controls.
    assert.equal(await v.page.locator("#ions").isVisible(), false);
    assert.equal(await v.page.locator("#ions-moved").isVisible(), false);
    assert.equal(await v.slider("Cl⁻ inside (mM)").count(), 0);
    await v.screenshot(`vrest-learner-${width}x${height}.png`);
    assert.deepEqual(await axeViolations(v), [], "the learner's view");
    clean(v);
  });
}

test("in the learner's view, K⁺ outside moves V while playing; paused, the note beside it says where V is heading", async () => {
  const v = await openPlain({ width: 1280, height: 800 });
  const before = await v.voltage();
  await v.play();
  await v.drag("K⁺ outside (mM)", 0.95);
  await v.page.waitForFunction((b) => {
    const t = document.getElementById("vm").textContent.replace("\u2212", "-");
    return parseFloat(t) > b + 10;
  }, before, { timeout: 10000 });
  assert.ok((await v.voltage()) > before + 10, "V rose with K⁺ outside");
  await v.pause();
  const paused = await v.voltage();
  await v.drag("K⁺ outside (mM)", 0.7);
  const note = v.page.locator("#notes li", { hasText: "heading for" });
  await note.waitFor();
  assert.ok(await onFirstScreen(v.page, note), "the heading note is on screen with the slider");
  const target = mv((await note.textContent()).match(/heading for (.+ mV)/)[1]);
  assert.equal(await v.voltage(), paused, "paused, V waits");
  assert.ok(target < paused - 10, `heading for ${target} mV from ${paused} mV`);
  clean(v);
});

test("the full lab is one click away and back; a link names the full lab, and lessons run in the learner's view", async () => {
  const v = await openPlain({ width: 1280, height: 800 });
  await v.button("Show the full lab").click();
  await v.page.locator("#ions").waitFor();
  assert.ok((await v.page.locator("#controls input[type=range]").count()) > 10, "every control");
  assert.equal(await v.button("Show the simple view").isVisible(), true);
  assert.match(await v.page.evaluate(() => shareUrl()), /[?&]view=lab(&|$)/);
  await v.button("Show the simple view").click();
  await v.page.locator("#ions").waitFor({ state: "hidden" });
  assert.doesNotMatch(await v.page.evaluate(() => shareUrl()), /view=/);
  assert.equal(await v.page.locator("#controls input[type=range]").count(), 3, "K⁺ outside, the Na⁺ leak, the temperature");
  assert.equal(await v.page.locator("#controls input[type=checkbox]").count(), 1, "the pump");
  // A lesson in the learner's view: its question and the picture on one screen.
  await v.page.getByLabel("Guided lessons").selectOption("block-pump");
  await v.button("Start the lesson").click();
  await v.page.locator("#lesson-question").waitFor({ timeout: 30000 });
  assert.ok(await onFirstScreen(v.page, v.page.locator("#lesson-question")));
  assert.ok(await onFirstScreen(v.page, v.status()));
  await v.screenshot("vrest-learner-lesson-1280x800.png");
  clean(v);
  // A link to the full lab opens it.
  const w = await openPlain({ width: 1280, height: 800 }, "?view=lab");
  assert.equal(await w.page.locator("#ions").isVisible(), true);
  clean(w);
});

test("Stimulate on a cell that cannot fire says so beside V, and points to the excitable neuron", async () => {
  const v = await openPlain({ width: 1280, height: 800 });
  await v.page.getByLabel("Pulse (µA/cm², 1 ms)").fill("200");
  await v.button("Stimulate").click();
  const note = v.page.locator("#notes li", { hasText: "cannot fire an action potential" });
  await note.waitFor();
  assert.match(await note.textContent(), /choose the excitable neuron\.$/);
  assert.ok(await onFirstScreen(v.page, note), "beside V, on the first screen");
  await v.page.waitForTimeout(500);
  assert.equal(await v.page.evaluate(() => window.vrest.readout().spikes), 0, "no spike counted");
  // On the excitable neuron the same button fires one, and the note is gone.
  await v.preset("excitable-neuron");
  await v.page.getByLabel("Pulse (µA/cm², 1 ms)").fill("40");
  await v.button("Stimulate").click();
  await v.page.waitForFunction(() => window.vrest.readout().spikes === 1, null, { timeout: 10000 });
  assert.equal(await note.count(), 0);
  clean(v);
});
