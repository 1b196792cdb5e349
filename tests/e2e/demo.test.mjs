// A teacher's step-through demonstration, as a class would see it: a pulse armed while
// paused and stepped through 0.1 ms at a time, the timeline scrubbed back to a marked
// moment, the marks on the trace, in words and in the CSV, and a presenter's clicker.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { useLab, VrestPage, clean } from "./harness.mjs";

const lab = useLab();
const open = (query = "?preset=excitable-neuron", viewport) => VrestPage.open(lab.browser, lab.server.url + query, viewport);

/** The highest V the readout shows over `ms` of real time, sampled every frame. */
function peakOver(v, ms) {
  return v.page.evaluate((ms) => new Promise((done) => {
    let peak = -Infinity;
    const end = performance.now() + ms;
    const look = () => {
      peak = Math.max(peak, window.vrest.readout().voltage_mv);
      if (performance.now() < end) requestAnimationFrame(look); else done(peak);
    };
    look();
  }), ms);
}

test("paused, Stimulate arms the pulse and ten 0.1 ms steps climb the upstroke slice by slice", async () => {
  const v = await open();
  await v.page.getByRole("combobox", { name: "Step size" }).selectOption({ label: "100 µs" });
  assert.match(await v.page.locator("#step-text").textContent(), /One step = 100 µs of model time/);
  await v.button("Stimulate").click();
  // Armed, not given: still paused at t = 0, and the trace says so.
  await v.page.locator("#step-text", { hasText: "Pulse ready" }).waitFor();
  assert.equal(await v.button("Play").count(), 1, "still paused");
  const rest = await v.exact();
  assert.equal(rest.t, 0);
  await v.page.waitForFunction(() => window.vrest.drawn().trace_mark_labels >= 2);
  const vs = [];
  for (let i = 1; i <= 10; i++) {
    await v.button("Step forward").click();
    const now = await v.exact();
    assert.ok(Math.abs(now.t - i * 1e-4) < 1e-12, `step ${i} at t = ${now.t}`);
    // The readout's label says the same V, rounded.
    assert.equal(await v.voltage(), Math.round(now.v * 10) / 10);
    vs.push(now.v);
  }
  assert.ok(vs.every((x, i) => x > (i ? vs[i - 1] : rest.v)), `V rises at every slice: ${vs.join(", ")}`);
  assert.equal(await v.page.locator("#step-text", { hasText: "Pulse ready" }).count(), 0);
  // On through the peak, still a slice at a time.
  let stepped = Math.max(...vs);
  for (let i = 0; i < 30; i++) {
    await v.button("Step forward").click();
    stepped = Math.max(stepped, (await v.exact()).v);
  }
  assert.ok(stepped > 0, `the stepped spike overshoots: ${stepped}`);
  // The same pulse played in slow motion peaks within 1 mV of the stepped one.
  await v.button("Reset").click();
  await v.page.evaluate(() => window.vrest.apply({ do: "set_speed", args: { index: 0 } }));
  await v.button("Stimulate").click();
  await v.play();
  const played = await peakOver(v, 4000);
  assert.ok(Math.abs(played - stepped) < 1, `played ${played} mV, stepped ${stepped} mV`);
  await v.pause();
  clean(v);
});

test("the timeline moves the whole lab to a marked stimulus exactly, as Step back does, and Play continues from there", async () => {
  const v = await open();
  await v.page.getByRole("combobox", { name: "Step size" }).selectOption({ label: "1.00 ms" });
  for (let i = 0; i < 3; i++) await v.button("Step forward").click();
  await v.button("Stimulate").click();
  for (let i = 0; i < 5; i++) await v.button("Step forward").click();
  const present = await v.exact();
  // The mark, in words for a screen reader.
  const marks = await v.page.locator("#marks li").allTextContents();
  assert.deepEqual(marks, ["At 0 s: Excitable neuron", "At 3.00 ms: Pulse 40.0 µA/cm²"]);
  // Scrub back five moments with the keyboard: the moment of the pulse.
  const line = v.page.getByRole("slider", { name: "Timeline" });
  assert.equal(await line.getAttribute("max"), "8");
  await line.focus();
  for (let i = 0; i < 5; i++) await v.page.keyboard.press("ArrowLeft");
  assert.equal(await line.getAttribute("aria-valuetext"), "t = 3.00 ms");
  const scrubbed = await v.exact();
  assert.ok(Math.abs(scrubbed.t - 3e-3) < 1e-12, `t ${scrubbed.t}`);
  assert.match(await v.page.locator("#timeline-note").textContent(), /^Showing 3\.00 ms of 8\.00 ms/);
  // The spike the pulse gave is not on the trace yet: V is back where it was then.
  assert.ok(scrubbed.v < -60, `before the spike: ${scrubbed.v}`);
  // Forward to the present with End, then the same moment by Step back five times.
  await v.page.keyboard.press("End");
  assert.deepEqual(await v.exact(), present);
  for (let i = 0; i < 5; i++) await v.button("Step back").click();
  assert.deepEqual(await v.exact(), scrubbed, "the scrubber and Step back reach the same state");
  // By mouse: the track's left end is the first moment.
  await v.page.keyboard.press("Tab"); // off the button
  await line.click({ position: { x: 2, y: 5 } });
  assert.equal((await v.exact()).t, 0);
  // From an earlier moment, Play continues from it and the later moments go.
  await line.focus();
  await v.page.keyboard.press("ArrowRight");
  await v.page.keyboard.press("ArrowRight");
  await v.play();
  await v.pause();
  const t = await v.exact();
  assert.ok(t.t > 2e-3 && t.t < 0.5, `continued from 2 ms: ${t.t}`);
  const events = (await v.page.evaluate(() => window.vrest.export_csv())).trim().split("\n").map((l) => l.split(",").at(-1)).filter((e) => e);
  assert.deepEqual(events, ["event", "preset=excitable-neuron"], "the later pulse went with its moments");
  clean(v);
});

for (const [width, height] of [[1280, 800], [1024, 768], [390, 844]]) {
  test(`at ${width}x${height} the marks are drawn on the trace, listed in words and kept in the CSV`, async () => {
    const v = await open("?preset=excitable-neuron&stepsize=10ms", { width, height });
    for (let i = 0; i < 3; i++) await v.button("Step forward").click();
    await v.typed("K⁺ outside (mM)").fill("12");
    await v.typed("K⁺ outside (mM)").press("Enter");
    for (let i = 0; i < 3; i++) await v.button("Step forward").click();
    await v.page.getByRole("checkbox", { name: /^Pump running/ }).uncheck();
    for (let i = 0; i < 2; i++) await v.button("Step forward").click();
    await v.button("Stimulate").click();
    const words = ["At 0 s: Excitable neuron", "At 30.0 ms: K⁺ outside: 12.0 mM", "At 60.0 ms: Pump running: blocked", "At 80.0 ms: Pulse 40.0 µA/cm²"];
    assert.deepEqual(await v.page.locator("#marks li").allTextContents(), words);
    // All four on the 1-s trace (100 steps of 10 ms), and the armed pulse's dashed line.
    await v.page.waitForFunction(() => window.vrest.drawn().trace_marks === 5);
    const drawn = await v.page.evaluate(() => window.vrest.drawn());
    assert.ok(drawn.trace_mark_labels >= (width < 500 ? 3 : 4), JSON.stringify(drawn));
    await v.page.locator("#chart").scrollIntoViewIfNeeded();
    await v.page.screenshot({ path: `artifacts/screenshots/vrest-marks-${width}x${height}.png` });
    // The PNG picture: the trace as drawn, and the marks in words under it.
    const caption = await v.page.evaluate(() => window.vrest.snapshot_caption(location.href));
    assert.deepEqual(caption.slice(2), words);
    if (width === 1280) {
      const [download] = await Promise.all([v.page.waitForEvent("download"), v.button("Download the data (CSV)").click()]);
      const rows = (await readFile(await download.path(), "utf8")).trim().split("\n").map((l) => l.split(","));
      assert.equal(rows[0].at(-1), "event");
      const events = rows.slice(1).map((r) => [Number(r[0]), r.at(-1)]).filter(([, e]) => e);
      assert.deepEqual(events.map(([t, e]) => [Math.round(t * 1e3), e]), [
        [0, "preset=excitable-neuron"],
        [30, "set ion.K.outside=12"],
        [60, "set pump.running=0"],
        [80, "stimulus=40"],
      ]);
    }
    clean(v);
  });
}

test("a presenter's clicker: Page Down and Page Up step, and change a lesson's scene; B and period pause", async () => {
  const v = await open("?preset=excitable-neuron&stepsize=1ms");
  await v.page.locator("body").focus();
  await v.page.keyboard.press("PageDown");
  await v.page.keyboard.press("PageDown");
  assert.ok(Math.abs((await v.exact()).t - 2e-3) < 1e-12);
  await v.page.keyboard.press("PageUp");
  assert.ok(Math.abs((await v.exact()).t - 1e-3) < 1e-12);
  // On the timeline they go through the kept moments, the later ones kept.
  const line = v.page.getByRole("slider", { name: "Timeline" });
  await line.focus();
  await v.page.keyboard.press("PageUp");
  assert.equal((await v.exact()).t, 0);
  assert.equal(await line.getAttribute("max"), "1", "the present is kept");
  await v.page.keyboard.press("PageDown");
  assert.ok(Math.abs((await v.exact()).t - 1e-3) < 1e-12, "forward to the kept present");
  // On another slider Page Down is the slider's own big step, not a step of time.
  const speed = v.page.getByRole("slider", { name: "Speed" });
  await speed.focus();
  await v.page.keyboard.press("PageDown");
  assert.ok(Math.abs((await v.exact()).t - 1e-3) < 1e-12);
  await v.page.locator("body").focus();
  for (const key of ["b", "."]) {
    await v.play();
    await v.button("Pause").waitFor();
    await v.page.keyboard.press(key);
    await v.button("Play").waitFor();
  }
  // Listed with the other shortcuts.
  await v.page.keyboard.press("?");
  const dialog = v.page.getByRole("dialog", { name: "Keyboard shortcuts" });
  assert.match(await dialog.textContent(), /Page Down, Page UpOff a slider: step forward or back; on the timeline, the next or the previous moment kept; in a lesson, the next or the previous scene/);
  await v.page.keyboard.press("Escape");
  // In a lesson, the clicker moves through its scenes.
  await v.page.getByRole("button", { name: "Start the lesson" }).click();
  const scene = () => v.page.evaluate(() => window.vrest.readout().lesson?.scene);
  assert.equal(await scene(), 0);
  await v.page.locator("body").focus();
  await v.page.keyboard.press("PageDown");
  assert.equal(await scene(), 1);
  await v.page.keyboard.press("PageDown");
  assert.equal(await scene(), 2);
  await v.page.keyboard.press("PageUp");
  assert.equal(await scene(), 1);
  clean(v);
});

test("on a projector a ready pulse and an earlier moment are said, and the time controls fit one row", async () => {
  const v = await open("?preset=excitable-neuron&present=ion.K&stepsize=1ms", { width: 1024, height: 768 });
  const line = v.page.locator("#step-text");
  assert.equal(await line.isVisible(), false, "the step line is off on a projector");
  await v.button("Stimulate").click();
  await v.page.locator("#step-text", { hasText: "Pulse ready" }).waitFor({ state: "visible" });
  for (let i = 0; i < 3; i++) await v.button("Step forward").click();
  await line.waitFor({ state: "hidden" });
  await v.page.getByRole("slider", { name: "Timeline" }).focus();
  await v.page.keyboard.press("Home"); // the first moment: the pulse ready again
  await v.page.locator("#step-text", { hasText: "Pulse ready" }).waitFor({ state: "visible" });
  await v.page.keyboard.press("ArrowRight");
  await v.page.locator("#step-text", { hasText: /^Showing 1\.00 ms of 3\.00 ms/ }).waitFor({ state: "visible" });
  assert.ok(await v.page.evaluate(() => document.documentElement.scrollWidth <= innerWidth), "no sideways scroll");
  const transport = await v.page.locator(".transport").boundingBox();
  const play = await v.button("Play").boundingBox();
  assert.ok(transport.height < 2.2 * play.height, `one row: ${transport.height} px`);
  await v.page.screenshot({ path: "artifacts/screenshots/vrest-present-earlier-1024x768.png" });
  clean(v);
});

test("a chosen step size is kept in a link and in the embedding API", async () => {
  const v = await open("?preset=excitable-neuron&stepsize=100us");
  const pick = v.page.getByRole("combobox", { name: "Step size" });
  assert.equal(await pick.inputValue(), "0.0001");
  // The link's pairs come as key, value, key, value, …
  const pairs = () => v.page.evaluate(() => window.vrest.link_pairs());
  const stepsize = (list) => list[list.indexOf("stepsize") + 1];
  assert.equal(stepsize(await pairs()), "100us");
  await pick.selectOption({ label: "Follow the speed" });
  assert.ok(!(await pairs()).includes("stepsize"));
  // The embedding API reads and sets it in model seconds.
  assert.equal(await v.page.evaluate(() => window.vrest.host_state().step_s), 0);
  await v.page.evaluate(() => window.vrest.apply({ do: "set_step_size", args: { step_s: 0.01 } }));
  // The page follows at its next frame.
  await v.page.waitForFunction(() => document.getElementById("step-size").value === "0.01");
  assert.equal(await v.page.evaluate(() => window.vrest.host_state().step_s), 0.01);
  // A bad one is named, and the step follows the speed.
  const w = await open("?preset=excitable-neuron&stepsize=2ms");
  await w.page.locator("#link-notes", { hasText: "The link's step size must be one of 10us, 100us" }).waitFor();
  assert.equal(await w.page.getByRole("combobox", { name: "Step size" }).inputValue(), "0");
  clean(v);
  clean(w);
});

test("on a phone, a tap on the timeline's left end goes back to the first moment", async () => {
  const context = await lab.browser.newContext({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });
  const page = await context.newPage();
  const v = new VrestPage(page, lab.server.url);
  await page.goto(lab.server.url + "?preset=excitable-neuron&stepsize=1ms");
  await page.waitForFunction(() => window.vrestFirstFrameMs, null, { timeout: 20000 });
  for (let i = 0; i < 4; i++) await v.button("Step forward").tap();
  assert.ok(Math.abs((await v.exact()).t - 4e-3) < 1e-12);
  const line = page.getByRole("slider", { name: "Timeline" });
  await line.scrollIntoViewIfNeeded();
  await line.tap({ position: { x: 2, y: 5 } });
  assert.equal((await v.exact()).t, 0);
  assert.equal(await line.getAttribute("aria-valuetext"), "t = 0 s");
  assert.match(await page.locator("#step-text").textContent(), /^Showing 0 s of 4\.00 ms/);
  clean(v);
  await context.close();
});
