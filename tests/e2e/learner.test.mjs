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
    // Nothing of one panel lies over another: each panel's content stays in its box
    // (at 390 px the pump's group once spilt over the picture).
    const overlaps = await v.page.evaluate(() => {
      const shown = [...document.querySelectorAll(".stage > section")].filter((s) => s.offsetParent !== null);
      const box = (e) => e.getBoundingClientRect();
      const out = [];
      for (const s of shown) {
        const b = box(s);
        // A panel that scrolls holds what goes past its box.
        const scrolls = ["auto", "scroll"].includes(getComputedStyle(s).overflowY);
        for (const inner of scrolls ? [] : s.querySelectorAll("fieldset, canvas")) {
          const i = box(inner);
          if (i.height > 0 && (i.bottom > b.bottom + 1 || i.top < b.top - 1)) out.push(`${s.className}: ${inner.tagName} outside its panel`);
        }
        for (const t of shown) {
          const c = box(t);
          if (s !== t && b.left < c.right - 1 && c.left < b.right - 1 && b.top < c.bottom - 1 && c.top < b.bottom - 1) out.push(`${s.className} over ${t.className}`);
        }
      }
      return out;
    });
    assert.deepEqual(overlaps, [], `${width}x${height}`);
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
  // The ion bars and the V–log K⁺ chart, not painted while they had no box, are
  // painted as they are shown.
  const inked = await v.page.evaluate(async () => {
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    return ["bars", "kchart"].map((id) => {
      const c = document.getElementById(id);
      const d = c.getContext("2d").getImageData(0, 0, c.width, c.height).data;
      let n = 0;
      for (let i = 3; i < d.length; i += 4) if (d[i] > 0) n++;
      return n / (d.length / 4);
    });
  });
  assert.ok(inked.every((f) => f > 0.01), `the bars and the V–log K⁺ chart are drawn: ${inked}`);
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
  // The keyboard was on the lesson's Play, which a waiting question hides: it moves to
  // the first choice, not to the page's body.
  await v.page.waitForFunction(() => document.activeElement?.parentElement?.id === "lesson-choices", null, { timeout: 5000 });
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
  await v.play();
  await v.page.waitForFunction(() => window.vrest.readout().spikes === 1, null, { timeout: 10000 });
  assert.equal(await note.count(), 0);
  clean(v);
});

for (const [width, height] of [[1280, 800], [1024, 768], [390, 844]]) {
  test(`at ${width}x${height} a spike at real time, a pixel on the 20-s trace, gets an inset with its peak and width`, async () => {
    const v = await openPlain({ width, height }, "?preset=excitable-neuron");
    await v.play();
    await v.page.waitForTimeout(300);
    await v.button("Stimulate").click();
    await v.page.waitForFunction(() => window.vrest.readout().spikes === 1, null, { timeout: 10000 });
    await v.page.waitForFunction(() => window.vrest.drawn().spike_inset, null, { timeout: 5000 });
    // In words too, from the model: peak above 0 mV and below E_Na, under 3 ms wide.
    await v.page.waitForFunction(() => /The last spike/.test(document.getElementById("trace-text").textContent), null, { timeout: 5000 });
    const said = (await v.page.locator("#trace-text").textContent()).match(/peaked at (\+\d+\.\d mV) and was ([\d.]+) (µs|ms) wide/);
    assert.ok(said, await v.page.locator("#trace-text").textContent());
    const peak = mv(said[1]);
    const widthMs = Number(said[2]) / (said[3] === "µs" ? 1000 : 1);
    assert.ok(peak > 0 && peak < 60, `peak ${peak}`);
    assert.ok(widthMs > 0.2 && widthMs < 3, `${widthMs} ms`);
    await v.page.locator("#chart").scrollIntoViewIfNeeded();
    await v.page.screenshot({ path: `artifacts/screenshots/vrest-spike-inset-${width}x${height}.png` });
    if (width === 1280) {
      // In slow motion the trace itself is milliseconds wide and draws the spike: no inset.
      await v.page.evaluate(() => window.vrest.apply({ do: "set_speed", args: { index: 0 } }));
      await v.button("Stimulate").click();
      await v.page.waitForFunction(() => window.vrest.readout().spikes === 2, null, { timeout: 10000 });
      await v.page.waitForTimeout(1500);
      assert.equal(await v.page.evaluate(() => window.vrest.drawn().spike_inset), false);
    }
    clean(v);
  });
}

test("the excitable neuron's voltage-gated Na⁺ and K⁺ channels are drawn, shut at rest and open in the spike, in words too", async () => {
  const v = await openPlain({ width: 1280, height: 800 }, "?preset=excitable-neuron");
  const scene = () => v.page.locator("#scene-text").textContent();
  await v.page.waitForFunction(() => /voltage-gated Na⁺ channel is 0 % open/.test(document.getElementById("scene-text").textContent), null, { timeout: 5000 });
  // Slow motion, then the pulse, stepped 100 µs at a time through the upstroke.
  await v.page.evaluate(() => window.vrest.apply({ do: "set_speed", args: { index: 0 } }));
  await v.button("Stimulate").click();
  await v.pause();
  let most = 0;
  for (let k = 0; k < 16 && most < 10; k++) {
    await v.button("Step forward").click();
    await v.page.waitForTimeout(1100); // the words are renewed once a second
    const open = Number((await scene()).match(/voltage-gated Na⁺ channel is (\d+) % open/)[1]);
    most = Math.max(most, open);
  }
  assert.ok(most >= 10, `the Na⁺ channel opened to ${most} %`);
  await v.page.screenshot({ path: "artifacts/screenshots/vrest-gated-channels-1280x800.png" });
  clean(v);
});

test("Present at 1024x768: labels of 16 px, the trace a third of the screen, every ion and every picked control in view", async () => {
  const v = await openPlain({ width: 1024, height: 768 }, "?present=ion.K.outside,pump.running,temperature");
  await v.page.waitForFunction(() => document.body.classList.contains("present"));
  await v.page.waitForTimeout(300);
  assert.ok((await v.page.evaluate(() => window.vrest.drawn().scene_label_px)) >= 16);
  const chart = await v.page.locator("#chart").boundingBox();
  assert.ok(chart.height >= 768 / 3, `the trace is ${chart.height} px tall`);
  // Wholly inside the window and inside its scrolling panel, not clipped by either.
  const inView = (sel) => v.page.evaluate((s) => [...document.querySelectorAll(s)].filter((el) => el.getClientRects().length > 0).map((el) => {
    const r = el.getBoundingClientRect();
    let ok = r.height > 0 && r.top >= 0 && r.bottom <= innerHeight && r.left >= 0 && r.right <= innerWidth;
    for (let p = el.parentElement; p && ok; p = p.parentElement) {
      const s = getComputedStyle(p);
      if (s.overflowY !== "visible" || s.overflowX !== "visible") {
        const b = p.getBoundingClientRect();
        ok = r.top >= b.top - 1 && r.bottom <= b.bottom + 1 && r.left >= b.left - 1 && r.right <= b.right + 1;
      }
    }
    return ok;
  }), sel);
  const rows = await inView("#ions tbody tr");
  assert.equal(rows.length, 4);
  assert.deepEqual(rows, [true, true, true, true], "every ion's row");
  const picked = await inView("#controls .control");
  assert.equal(picked.length, 3);
  assert.deepEqual(picked, [true, true, true], "every picked control");
  await v.page.screenshot({ path: "artifacts/screenshots/vrest-present-1024x768.png" });
  clean(v);
});

/** Pairs of visible text runs on the first screen whose boxes overlap: each text node's
 *  own line boxes (Range.getClientRects), compared with every other node's. */
function overlappingText(page) {
  return page.evaluate(() => {
    const runs = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      if (!n.textContent.trim() || !el) continue;
      if (el.closest("[hidden], .visually-hidden, details:not([open]) > :not(summary), dialog:not([open]), option, script, style, select")) continue;
      const s = getComputedStyle(el);
      if (s.visibility === "hidden" || s.display === "none") continue;
      const range = document.createRange();
      range.selectNodeContents(n);
      for (const r of range.getClientRects()) {
        if (r.width < 1 || r.height < 1 || r.bottom <= 0 || r.top >= innerHeight) continue;
        // What is drawn: the part inside every scrolling or clipping ancestor.
        let box = { l: r.left, t: r.top, r: r.right, b: r.bottom };
        for (let p = el; p && p !== document.body; p = p.parentElement) {
          const ps = getComputedStyle(p);
          if (ps.overflowX !== "visible" || ps.overflowY !== "visible") {
            const c = p.getBoundingClientRect();
            box = { l: Math.max(box.l, c.left), t: Math.max(box.t, c.top), r: Math.min(box.r, c.right), b: Math.min(box.b, c.bottom) };
          }
        }
        if (box.r - box.l >= 1 && box.b - box.t >= 1) runs.push({ text: n.textContent.trim().slice(0, 30), node: n, ...box });
      }
    }
    const hits = [];
    for (let i = 0; i < runs.length; i++) {
      for (let j = i + 1; j < runs.length; j++) {
        const a = runs[i], b = runs[j];
        if (a.node === b.node) continue;
        // Overlapping by more than 2 px both ways (glyph bearings touch at 1 px).
        const ox = Math.min(a.r, b.r) - Math.max(a.l, b.l);
        const oy = Math.min(a.b, b.b) - Math.max(a.t, b.t);
        if (ox > 2 && oy > 2) hits.push(`"${a.text}" × "${b.text}"`);
      }
    }
    return hits;
  });
}

for (const locale of ["en", "es", "en-XA"]) {
  for (const [width, height] of [[1280, 800], [1024, 768], [390, 844]]) {
    test(`no label overlaps another in ${locale} at ${width}x${height}, in both views and on the excitable neuron's picture`, async () => {
      for (const query of [`?locale=${locale}`, `?locale=${locale}&view=lab`, `?locale=${locale}&preset=excitable-neuron`]) {
        const v = await openPlain({ width, height }, query);
        await v.page.waitForTimeout(200);
        assert.deepEqual(await overlappingText(v.page), [], `${query}: text on text`);
        assert.equal(await v.page.evaluate(() => window.vrest.drawn().scene_label_overlaps), 0, `${query}: the picture's labels`);
        clean(v);
      }
    });
  }
}

test("the words a learner meets are explained one click from V, in the page's language", async () => {
  const v = await openPlain({ width: 390, height: 844 });
  const words = v.page.getByText("What do these words mean?");
  assert.ok(await onFirstScreen(v.page, words), "beside V on a phone's first screen");
  const meaning = v.page.getByText(/^The voltage of the inside of the cell compared with the outside\./);
  assert.equal(await meaning.isVisible(), false, "folded until asked");
  await words.click();
  assert.equal(await meaning.isVisible(), true);
  for (const term of ["E_K, E_Na, E_Cl, E_Ca (equilibrium potentials)", "Leak channel", "GHK voltage", "Voltage-gated channel"]) {
    assert.equal(await v.page.getByRole("term").filter({ hasText: term }).isVisible(), true, term);
  }
  clean(v);
  const es = await openPlain({ width: 1280, height: 800 }, "?locale=es");
  await es.page.getByText("¿Qué significan estas palabras?").click();
  assert.equal(await es.page.getByText(/^El voltaje del interior de la célula respecto al exterior\./).isVisible(), true);
  clean(es);
});
