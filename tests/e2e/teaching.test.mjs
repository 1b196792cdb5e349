// End-to-end tests for teachers and lab reports: presentation mode, the printed
// worksheet, the data table, the picture, the page's Content-Security-Policy and the
// one-file offline copy opened from file://.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { createServer } from "node:http";
import jsQR from "jsqr";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { VrestPage, DIST, axeViolations, watchCsp, mv, useLab, clean, inBlankPage } from "./harness.mjs";

const lab = useLab();

/** The lab at 1280x800 with `speechSynthesis` stubbed (headless Chromium has no voices):
 *  `window.spoken` records what would be spoken. */
async function narratedPage() {
  const context = await lab.browser.newContext({ viewport: { width: 1280, height: 800 }, acceptDownloads: true });
  await context.addInitScript(() => {
    // A voice that takes `window.speechMs` to say anything (0: at once).
    window.spoken = [];
    window.speechMs = 0;
    let until = 0;
    Object.defineProperty(window, "speechSynthesis", {
      value: {
        speak: (u) => { window.spoken.push(u.text); until = performance.now() + window.speechMs; },
        cancel: () => { until = 0; },
        getVoices: () => [],
        get speaking() { return performance.now() < until; },
        pending: false,
      },
    });
  });
  await watchCsp(context);
  const page = await context.newPage();
  const v = new VrestPage(page, lab.server.url);
  await page.goto(lab.server.url + "?view=lab");
  await page.waitForFunction(() => window.vrestFirstFrameMs);
  return v;
}

/** Is the element wholly inside the window? */
async function onScreen(page, locator) {
  const box = await locator.boundingBox();
  const h = page.viewportSize().height;
  return box !== null && box.y >= 0 && box.y + box.height <= h && box.height > 0;
}

test("presentation mode: from the page, only the ticked controls, large, on one screen; Esc leaves; a link opens it", async () => {
  const v = await VrestPage.open(lab.browser, lab.server.url, { width: 1024, height: 768 });
  await v.typed("K⁺ outside (mM)").fill("10");
  await v.typed("K⁺ outside (mM)").press("Enter");
  await v.button("Present").click();
  const dialog = v.page.getByRole("dialog", { name: "Present to a class" });
  // The K⁺ group is ticked already (its bath was changed); the pump's is not.
  assert.equal(await dialog.getByRole("checkbox", { name: "K⁺" }).isChecked(), true);
  assert.equal(await dialog.getByRole("checkbox", { name: "Pump" }).isChecked(), false);
  await dialog.getByRole("checkbox", { name: "Pump" }).check();
  assert.deepEqual(await axeViolations(v), [], "with the presentation dialog open");
  await dialog.getByRole("button", { name: "Start presenting" }).click();
  await v.page.waitForFunction(() => document.body.classList.contains("present"));
  const sliders = await v.page.locator("#controls input[type=range]").evaluateAll((els) => els.map((e) => e.labels[0].textContent));
  assert.deepEqual(sliders, ["K⁺ inside (mM)", "K⁺ outside (mM)", "K⁺ permeability (cm/s)", "Pump rate (% of normal)"]);
  // Large: V in ≥ 45 px type; the scene, V, the trace, Play and the controls on screen.
  const vmPx = await v.status().evaluate((e) => parseFloat(getComputedStyle(e).fontSize));
  assert.ok(vmPx >= 45, `V is ${vmPx}px`);
  for (const [what, target] of [["scene", v.page.locator("#scene")], ["V", v.status()], ["trace", v.page.locator("#chart")],
    ["Play", v.button("Play")], ["K⁺ outside", v.slider("K⁺ outside (mM)")]]) {
    assert.ok(await onScreen(v.page, target), `${what} is off the screen`);
  }
  await v.page.screenshot({ path: join(process.cwd(), "artifacts", "screenshots", "vrest-present-1024x768.png") });
  assert.deepEqual(await axeViolations(v), [], "presenting");
  // The link carries it.
  const query = new URL(await v.page.evaluate(() => shareUrl())).search;
  assert.match(query, /&present=ion\.K,pump(&|$)/);
  // Esc leaves: every control is back.
  await v.page.keyboard.press("Escape");
  await v.page.waitForFunction(() => !document.body.classList.contains("present"));
  assert.ok((await v.page.locator("#controls input[type=range]").count()) > 10);
  assert.equal(await v.page.locator("#present-exit").isVisible(), false);
  clean(v);

  // Opened from a link at 1280x800: presenting at once, "Leave presentation" leaves.
  const w = await VrestPage.open(lab.browser, lab.server.url + "?preset=sa-node&present=temperature", { width: 1280, height: 800 });
  await w.page.waitForFunction(() => document.body.classList.contains("present"));
  assert.equal(await w.page.locator("#controls input[type=range]").count(), 1);
  for (const target of [w.page.locator("#scene"), w.status(), w.page.locator("#chart"), w.button("Play")]) {
    assert.ok(await onScreen(w.page, target));
  }
  await w.page.screenshot({ path: join(process.cwd(), "artifacts", "screenshots", "vrest-present-1280x800.png") });
  await w.button("Leave presentation").click();
  await w.page.waitForFunction(() => !document.body.classList.contains("present"));
  clean(w);
});

test("the data table: record, change one thing, record; it shows both rows and downloads as CSV", async () => {
  const v = await VrestPage.open(lab.browser, lab.server.url);
  const record = v.button("Record values");
  assert.equal(await v.button("Download the table (CSV)").isDisabled(), true, "nothing to download yet");
  await record.click();
  await v.typed("K⁺ outside (mM)").fill("20");
  await v.typed("K⁺ outside (mM)").press("Enter");
  // Paused, V has not followed the change yet: a row now would pair 20 mM with the old V.
  await record.click();
  assert.equal(await v.page.locator("#records-error").textContent(),
    "V has not followed your change yet, as time is paused: press Play or Step forward, then record the row.");
  await v.page.evaluate(() => { for (let i = 0; i < 20; i++) window.vrest.apply({ do: "step", args: { direction: 1 } }); });
  await record.click();
  assert.equal(await v.page.locator("#records-error").isVisible(), false, "the refusal is gone once a row is recorded");
  const table = v.page.getByRole("table", { name: "Data table" });
  const rows = await table.locator("tbody tr").evaluateAll((trs) => trs.map((tr) => [...tr.cells].map((c) => c.textContent)));
  assert.equal(rows.length, 2);
  assert.equal(await v.page.locator("#records-status").textContent(), "2 rows");
  assert.equal(rows[0].at(-1), "nothing (the preset)");
  assert.equal(rows[1].at(-1), "K⁺ outside (mM): 20.0 mM", "only what the learner set, not the drift");
  // Row 2's V is the readout's V at that moment.
  assert.equal(rows[1][3], await v.status().textContent());
  assert.deepEqual(await axeViolations(v), [], "with the data table filled");
  const [download] = await Promise.all([v.page.waitForEvent("download"), v.button("Download the table (CSV)").click()]);
  const csv = await readFile(await download.path(), "utf8");
  const lines = csv.trim().split("\n");
  assert.equal(lines[0], "n,preset,t_s,v_mv,ghk_mv,pump_ua_per_cm2,E_K_mv,E_Na_mv,E_Cl_mv,E_Ca_mv,changed");
  assert.equal(lines.length, 3);
  assert.match(lines[2], /^2,neuron,2(\.0+\d*)?,-5\d\.\d+,.*,ion\.K\.outside=20$/, "V near -54 mV in 20 mM K+");
  await v.button("Clear the table").click();
  assert.equal(await v.page.locator("#records-status").textContent(), "No rows yet: press “Record values”.");
  clean(v);
});

test("a picture of the scene and the trace, captioned with the cell, V, t and the link, downloads as PNG", async () => {
  const v = await VrestPage.open(lab.browser, lab.server.url + "?preset=astrocyte");
  const [download] = await Promise.all([v.page.waitForEvent("download"), v.button("Save a picture (PNG)").click()]);
  const png = await readFile(await download.path());
  assert.deepEqual([...png.subarray(1, 4)].map((c) => String.fromCharCode(c)).join(""), "PNG");
  const [width, height] = [png.readUInt32BE(16), png.readUInt32BE(20)];
  const scene = await v.page.locator("#scene").evaluate((c) => [c.width, c.height]);
  const chart = await v.page.locator("#chart").evaluate((c) => [c.width, c.height]);
  assert.equal(width, Math.max(scene[0], chart[0], 640));
  assert.ok(height > scene[1] + chart[1], `${height} px tall: room for the caption`);
  // Drawn: the scene's colours at the top, dark caption text at the bottom.
  const { bands: [top, bottom] } = await v.imageStats(png, [scene[1] + chart[1]]);
  const stats = { sceneColoured: top.coloured, captionDark: bottom.dark };
  assert.ok(stats.sceneColoured > 0.05, `scene: ${stats.sceneColoured}`);
  assert.ok(stats.captionDark > 0.005, `caption: ${stats.captionDark}`);
  clean(v);
});

test("Print a worksheet: one page (A4 and Letter) with the state, what changed, the recorded rows, the teacher's questions, the trace, the link and its QR code", async () => {
  const v = await VrestPage.open(lab.browser, lab.server.url);
  await v.typed("Temperature (°C)").fill("20");
  await v.typed("Temperature (°C)").press("Enter");
  // Three rows recorded, K⁺ outside changed between them.
  for (const k of ["5", "10", "20"]) {
    await v.typed("K⁺ outside (mM)").fill(k);
    await v.typed("K⁺ outside (mM)").press("Enter");
    await v.page.evaluate(() => { for (let i = 0; i < 10; i++) window.vrest.apply({ do: "step", args: { direction: 1 } }); });
    await v.button("Record values").click();
  }
  // The teacher's questions, typed in the Share dialog.
  const questions = ["Which ion sets V when K⁺ outside rises?", "Why does V change less than E_K?", "What would blocking the pump do?"];
  await v.button("Share").click();
  for (const [i, q] of questions.entries()) await v.page.getByRole("textbox", { name: `Question ${i + 1}` }).fill(q);
  await v.page.keyboard.press("Escape");
  await v.page.evaluate(() => { window.print = () => { window.printed = true; }; });
  await v.button("Print a worksheet").click();
  await v.page.waitForFunction(() => window.printed === true);
  await v.page.emulateMedia({ media: "print" });
  for (const [what, visible] of [["#worksheet-head", true], [".ws-name", true], ["#ions", true], ["#chart", true], ["#ws-link", true], ["#records", true],
    ["#ws-questions", true], ["#ws-qr", true], ["#scene", false], ["#controls", false], ["#play", false], ["header.top", false],
    ["#record", false], ["#teacher-questions", false]]) {
    assert.equal(await v.page.locator(what).isVisible(), visible, `${what} printed: ${!visible}`);
  }
  assert.deepEqual(await v.page.locator("#ws-changes li").allTextContents(), ["K⁺ outside (mM): 20.0 mM", "Temperature (°C): 20.0 °C"]);
  assert.equal(await v.page.locator("#records tbody tr").count(), 3, "the three recorded rows");
  assert.deepEqual(await v.page.locator("#ws-questions li").allTextContents(), questions);
  const link = await v.page.locator("#ws-link").textContent();
  assert.equal(link, await v.page.evaluate(() => shareUrl()));
  assert.ok(link.startsWith(lab.server.url + "?preset="), link);
  assert.deepEqual([1, 2, 3].map((n) => new URL(link).searchParams.get(`q${n}`)), questions, "the questions travel with the link");
  // The printed QR code, read back from the printed page's picture.
  await v.page.setViewportSize({ width: 794, height: 1123 }); // A4 at 96 dpi
  const shot = await v.page.locator("#worksheet-foot").screenshot();
  assert.equal(await decodePng(v.page, shot), link, "the printed QR code reads back as the link");
  for (const format of ["A4", "Letter"]) {
    const pdf = await v.page.pdf({ format });
    assert.equal((pdf.toString("latin1").match(/\/Type\s*\/Page[^s]/g) || []).length, 1, `one sheet of ${format}`);
  }
  await v.page.screenshot({ path: join(process.cwd(), "artifacts", "screenshots", "vrest-worksheet-print.png"), fullPage: true });
  await v.page.emulateMedia({ media: "screen" });
  clean(v);
});

test("a link's questions show on the page for the learner; a question that is too long or holds control characters is named and left out", async () => {
  const q = "Why is V closer to E_K than to E_Na?";
  const url = new URL(lab.server.url);
  url.searchParams.set("q1", q);
  url.searchParams.set("q2", "x".repeat(201));
  url.searchParams.set("q3", "line one\nline two");
  url.searchParams.set("view", "learn");
  const v = await VrestPage.open(lab.browser, url.href);
  const box = v.page.getByRole("region", { name: "Questions from your teacher" });
  assert.equal(await box.isVisible(), true);
  assert.deepEqual(await box.getByRole("listitem").allTextContents(), [q]);
  const notes = await v.page.locator("#link-notes").textContent();
  assert.match(notes, /The link's q2 is longer than 200 characters or holds control characters; it is left out\./);
  assert.match(notes, /The link's q3 is longer than 200 characters or holds control characters; it is left out\./);
  // The box is above the time controls in the learner's first screen.
  const [boxAt, playAt] = [await box.boundingBox(), await v.button("Play").boundingBox()];
  assert.ok(boxAt.y < playAt.y, `${boxAt.y} ≥ ${playAt.y}`);
  await v.screenshot("vrest-questions-learner-1280x800.png");
  // A question too long, typed or pasted into the Share dialog, is refused, naming the
  // question and the limit; what was typed stays in its field.
  await v.button("Share").click();
  const long = "Why ".repeat(60);
  await v.page.getByRole("textbox", { name: "Question 2" }).fill(long);
  assert.equal(await v.page.locator("#share-questions-error").textContent(),
    "Question 2: at most 200 characters on one line, without control characters");
  assert.equal(await v.page.getByRole("textbox", { name: "Question 2" }).inputValue(), long);
  assert.equal(new URL(await v.page.getByLabel("A link to this state").inputValue()).searchParams.get("q2"), null, "the link keeps the last good questions");
  await v.page.keyboard.press("Escape");
  // A fourth question through the Share dialog's command is refused, naming the limit.
  const refused = await v.page.evaluate(() => { try { window.vrest.apply({ do: "set_questions", args: { questions: ["a", "b", "c", "d"] } }); return null; } catch (e) { return e.message; } });
  assert.equal(refused, "At most 3 questions, each at most 200 characters");
  clean(v);
});

test("every page has a CSP with no inline or eval scripts nor inline style attributes, and works under it", async () => {
  for (const name of ["index.html", "model.html", "embed-demo.html", "vrest-offline.html"]) {
    const html = await readFile(join(DIST, name), "utf8");
    const policy = html.match(/<meta http-equiv="Content-Security-Policy" content="([^"]+)">/)?.[1];
    assert.ok(policy, `${name} has no CSP`);
    const scripts = policy.split(";").map((d) => d.trim()).find((d) => d.startsWith("script-src"));
    assert.ok(scripts, `${name}: ${policy}`);
    assert.doesNotMatch(scripts, /'unsafe-inline'|'unsafe-eval'|\*/, `${name}: ${scripts}`);
    // The charts measure their labels on the canvas, so no style attribute is allowed.
    assert.doesNotMatch(policy, /'unsafe-inline'/, `${name}: ${policy}`);
    assert.match(policy, /object-src 'none'/);
    assert.match(policy, /base-uri 'none'/);
  }
  // A script a URL or a message might smuggle in does not run: the policy refuses an
  // inline script added to the page (as a test adds one).
  const v = await VrestPage.open(lab.browser, lab.server.url);
  const refused = await v.page.addScriptTag({ content: "window.smuggled = true" }).then(() => false, () => true);
  assert.equal(refused, true);
  assert.equal(await v.page.evaluate(() => window.smuggled), undefined);
  v.consoleErrors.length = 0; // that refusal was the point
  clean(v);
});

test("the one-file offline copy opens from file:// and works as the served page does", async () => {
  const file = join(DIST, "vrest-offline.html");
  const html = await readFile(file, "utf8");
  assert.doesNotMatch(html, /<script[^>]*\ssrc=|<link[^>]*rel=["']?stylesheet/, "nothing loads from beside it");
  const v = await VrestPage.open(lab.browser, pathToFileURL(file).href);
  const before = await v.exact();
  assert.ok(before.v < -65 && before.v > -75, String(before.v));
  await v.play();
  await v.page.waitForFunction(() => window.vrest.readout().time_s > 0.5);
  await v.pause();
  // Spanish, from the catalog inside the file.
  await v.page.getByLabel("Language").selectOption("es");
  await v.page.waitForFunction(() => document.documentElement.lang === "es");
  assert.equal(await v.page.getByRole("button", { name: "Reproducir", exact: true }).count(), 1);
  // The model's page, from inside the file too.
  const [model] = await Promise.all([v.page.context().waitForEvent("page"),
    v.page.evaluate(() => { const a = document.querySelector("footer a"); a.target = "_blank"; a.click(); })]);
  await model.waitForLoadState();
  assert.match(await model.title(), /the model/);
  assert.ok((await model.locator("table").count()) > 3, "the model's tables");
  await model.close();
  await v.page.screenshot({ path: join(process.cwd(), "artifacts", "screenshots", "vrest-offline-1280x800.png") });
  clean(v);
});

test("a guided lesson: found on the first screen, predicted, seen, stepped by hand, narrated, captioned, linked", async () => {
  const v = await narratedPage();
  const page = v.page;
  await page.evaluate(() => {
    window.announced = [];
    new MutationObserver(() => window.announced.push(document.getElementById("announcer").textContent))
      .observe(document.getElementById("announcer"), { childList: true, characterData: true, subtree: true });
  });
  // On the first screen, without scrolling.
  const start = v.button("Start the lesson");
  assert.ok(await onScreen(page, start), "the lessons are on the first screen");
  await page.getByLabel("Guided lessons").selectOption("block-pump");
  await start.click();
  const captions = page.getByRole("region", { name: "Captions" });
  await page.getByLabel("Read the captions aloud").check();
  // Scene 1 runs 2 s of model time at real time; its caption holds at least one second
  // per three words (timed in the page, frame by frame), then scene 2 asks.
  const held = page.evaluate(() => new Promise((resolve) => {
    let shown = null;
    const watch = () => {
      const l = window.vrest.readout().lesson;
      if (l?.scene === 0 && l.done && shown === null) shown = { at: performance.now(), caption: l.caption };
      if (l?.scene === 1) return resolve({ ...shown, ms: performance.now() - shown.at });
      requestAnimationFrame(watch);
    };
    watch();
  }));
  await captions.getByText("Ouabain blocks the pump").waitFor({ timeout: 30000 });
  const hold = await held;
  const words = hold.caption.split(/\s+/).filter(Boolean).length;
  assert.match(hold.caption, /^This neuron rests at −7\d\.\d mV\./);
  assert.ok(hold.ms >= (words / 3) * 1000, `${words} words held ${hold.ms} ms`);
  // The question is asked on the scene's own picture: the pump is already blocked.
  assert.equal(await page.getByLabel(/^Pump running/).isChecked(), false, "blocked before the question");
  // Narration read the first caption, then the question with its choices.
  let spoken = await page.evaluate(() => window.spoken.slice());
  assert.equal(spoken.length, 2, JSON.stringify(spoken));
  assert.equal(spoken[0], hold.caption);
  assert.equal(spoken[1], "Ouabain blocks the pump. What happens to V in the first second? Choice 1: It collapses to 0 mV. Choice 2: It moves by a few mV. Choice 3: Nothing at all.");
  // While the question waits, the lesson offers no Play or Pause.
  assert.equal(await page.getByRole("button", { name: /^(Pause|Play) the lesson$/ }).count(), 0);
  await page.getByRole("button", { name: "It moves by a few mV" }).click();
  assert.equal(await page.evaluate(() => document.activeElement.id), "captions", "the keyboard lands on the captions");
  await captions.getByText(/^Right\. In the first second V moved by only/).waitFor({ timeout: 10000 });
  // The caption's V is the readout's V.
  const caption = await captions.textContent();
  assert.ok(caption.includes(await v.status().textContent()), `${caption} vs ${await v.status().textContent()}`);
  await page.waitForFunction(() => window.spoken.length === 3);
  assert.equal((await page.evaluate(() => window.spoken))[2], caption.trim(), "narration speaks the reveal");
  // A screen reader hears the question and the caption through the one live region.
  const announced = await page.evaluate(() => window.announced);
  assert.ok(announced.includes(caption.trim()), JSON.stringify(announced));
  assert.ok(announced.some((a) => a.startsWith("Ouabain blocks the pump. What happens to V in the first second?")), JSON.stringify(announced));
  await page.screenshot({ path: join(process.cwd(), "artifacts", "screenshots", "vrest-lesson-block-pump-2-1280x800.png") });
  // The reveal stays until Continue, however long the learner reads it.
  const revealWords = caption.trim().split(/\s+/).length;
  await page.waitForTimeout((revealWords / 3) * 1000 + 3000);
  assert.equal((await page.evaluate(() => window.vrest.readout().lesson)).scene, 1, "still the reveal");
  assert.ok((await captions.textContent()).startsWith("Right. "));
  await v.button("Continue").click();
  // Scene 3 asks; a wrong answer is answered, not a dead end.
  await captions.getByText("And after an hour with the pump blocked?").waitFor();
  await page.getByRole("button", { name: "Back where it was" }).click();
  await captions.getByText(/^Not quite: the answer is “Slowly toward 0 as the gradients run down”\. After 1 h 00 min, V is/).waitFor({ timeout: 10000 });
  assert.ok((await captions.textContent()).includes(await v.status().textContent()));
  assert.deepEqual(await axeViolations(v), [], "in a lesson");
  // Back: scene 2 again, asking again.
  await v.button("Previous scene").click();
  await captions.getByText("Ouabain blocks the pump").waitFor();
  assert.equal(await page.getByLabel("Scenes").inputValue(), "1");
  // The scene list: straight to scene 4, run to its end, then the end card.
  await page.getByLabel("Scenes").selectOption("3");
  await captions.getByText(/With the pump running again for an hour/).waitFor({ timeout: 10000 });
  await v.button("Next scene").click();
  const end = page.getByRole("region", { name: "What this lesson showed" });
  await end.waitFor();
  const lines = await end.getByRole("listitem").allTextContents();
  assert.equal(lines.length, 4, JSON.stringify(lines));
  lines.forEach((t) => assert.match(t, /: V −\d+\.\d mV$/));
  assert.ok(lines[3].endsWith(await v.status().textContent()), `${lines[3]} vs ${await v.status().textContent()}`);
  assert.equal(mv(lines[2].split("V ").pop()) > mv(lines[0].split("V ").pop()) + 5, true, "an hour blocked ran V down");
  assert.equal(await page.evaluate(() => document.activeElement.textContent), "Explore this cell");
  assert.deepEqual(await axeViolations(v), [], "on the end card");
  await page.screenshot({ path: join(process.cwd(), "artifacts", "screenshots", "vrest-lesson-end-card-1280x800.png") });
  // Play at the end does not start again: it is not offered, and nothing runs.
  assert.equal(await page.getByRole("button", { name: /^(Pause|Play) the lesson$/ }).count(), 0);
  const vEnd = await v.status().textContent();
  await page.waitForTimeout(500);
  assert.equal((await page.evaluate(() => window.vrest.readout().lesson)).scene, 3);
  assert.equal(await v.status().textContent(), vEnd, "nothing runs at the end card");
  // Start again: scene 1 of the same lesson, from the neuron at rest.
  await v.button("Start again").click();
  await captions.getByText(/^Watch: A neuron at rest|^This neuron rests at/).waitFor({ timeout: 10000 });
  assert.equal((await page.evaluate(() => window.vrest.readout().lesson)).scene, 0);
  await page.getByLabel("Scenes").selectOption("3");
  await captions.getByText(/With the pump running again for an hour/).waitFor({ timeout: 10000 });
  await v.button("Next scene").click();
  await end.waitFor();
  // The captions file: WebVTT, a cue per scene, in order, under a minute.
  const [vttFile] = await Promise.all([page.waitForEvent("download"), v.button("Captions (WebVTT)").click()]);
  const vtt = await readFile(await vttFile.path(), "utf8");
  assert.ok(vtt.startsWith("WEBVTT\n\n"));
  const cues = [...vtt.matchAll(/^(\d\d):(\d\d):(\d\d\.\d\d\d) --> (\d\d):(\d\d):(\d\d\.\d\d\d)$/gm)]
    .map((m) => [Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3]), Number(m[4]) * 3600 + Number(m[5]) * 60 + Number(m[6])]);
  assert.equal(cues.length, 4);
  cues.forEach(([a, b], i) => { assert.ok(a < b); if (i) assert.ok(cues[i - 1][1] <= a); });
  assert.ok(cues[3][1] < 90, `${cues[3][1]} s`);
  // Explore this cell: the lesson goes, the lab stays as the lesson left it.
  const before = await v.status().textContent();
  await v.button("Explore this cell").click();
  assert.equal(await page.locator("#lesson").isVisible(), false);
  assert.equal(await v.status().textContent(), before);
  clean(v);

  // A link opens a lesson at a scene; Share writes it.
  const w = await VrestPage.open(lab.browser, lab.server.url + "?lesson=hyperkalemia&step=2");
  const c2 = w.page.getByRole("region", { name: "Captions" });
  await c2.getByText(/K⁺ outside is now 10\.0 mM/).waitFor();
  // Asked on the scene's own state: K⁺ outside already reads 10.0 mM.
  assert.equal(await w.page.evaluate(() => window.vrest.readout().controls.find((c) => c.key === "ion.K.outside").value), 10);
  assert.equal(await w.page.getByLabel("Cell or case").inputValue(), "excitable-neuron");
  assert.match(await w.page.evaluate(() => shareUrl()), /lesson=hyperkalemia&step=2/);
  await w.page.getByRole("button", { name: "Up, toward threshold" }).click();
  await c2.getByText(/^Right\. E_K rose to −7\d\.\d mV/).waitFor({ timeout: 10000 });
  await w.page.screenshot({ path: join(process.cwd(), "artifacts", "screenshots", "vrest-lesson-hyperkalemia-2-1280x800.png") });
  clean(w);
});

test("the explainer plays to its end card at a reader's pace in under 90 s, narrated, every scene drawn at 1280 and 390 px", async () => {
  const v = await narratedPage();
  await v.page.getByLabel("Guided lessons").selectOption("build-up");
  const started = Date.now();
  await v.button("Start the lesson").click();
  await v.page.getByLabel("Read the captions aloud").check();
  const captions = v.page.getByRole("region", { name: "Captions" });
  const shots = join(process.cwd(), "artifacts", "screenshots");
  const said = [];
  let seen = -1;
  // Answer each prediction as it comes (the pump's wrongly, the others rightly: a wrong
  // answer is no dead end), photograph each scene once its caption is final, and press
  // Continue after each reveal.
  for (;;) {
    const l = await v.page.evaluate(() => window.vrest.readout().lesson);
    assert.ok(l, "the lesson is still on");
    if (l.end) break;
    if (l.asking) {
      said.push(l.speech);
      await v.page.getByRole("button", { name: l.question.choices[l.scene === 2 ? 0 : 1], exact: true }).click();
    } else if (l.done && l.scene > seen) {
      seen = l.scene;
      said.push(l.speech);
      await v.page.screenshot({ path: join(shots, `vrest-explainer-${l.scene + 1}-1280x800.png`) });
    } else if (l.waiting) {
      await v.button("Continue").click();
    }
    assert.ok(Date.now() - started < 90000, `still at scene ${l.scene + 1} after 90 s`);
    await v.page.waitForTimeout(100);
  }
  const took = (Date.now() - started) / 1000;
  assert.ok(took < 90, `${took} s`);
  assert.equal(seen, 7, "all eight scenes");
  const end = v.page.getByRole("region", { name: "What this lesson showed" });
  assert.equal(await end.getByRole("listitem").count(), 8);
  assert.match(await end.getByRole("listitem").last().textContent(), /^Ca²⁺, kept low: V −\d+\.\d mV$/);
  await v.page.screenshot({ path: join(shots, "vrest-explainer-end-1280x800.png") });
  // Narration spoke each question (with its choices) and each final caption, in order,
  // then the end card.
  await v.page.waitForFunction((n) => window.spoken.length >= n, said.length + 1);
  const spoken = await v.page.evaluate(() => window.spoken);
  assert.deepEqual(spoken.slice(0, said.length), said);
  assert.ok(spoken[said.length].startsWith("Gradients alone make no voltage."), spoken[said.length]);
  // By hand from the end card: back to the last scene, back two, forward one; each
  // begins as it always does.
  await v.button("Previous scene").click();
  await captions.getByText(/^Watch: Ca²⁺, kept low|^Ca²⁺ would rush in/).waitFor({ timeout: 10000 });
  if (await v.page.evaluate(() => window.vrest.readout().lesson.playing)) await v.button("Pause the lesson").click();
  await v.button("Previous scene").click();
  await v.button("Previous scene").click();
  await captions.getByText(/^Watch: Cl⁻, passive|^Open Cl⁻ channels: nothing changes/).waitFor({ timeout: 10000 });
  await v.button("Next scene").click();
  await captions.getByText(/KCC2 pushes Cl⁻ out/).waitFor({ timeout: 10000 });
  clean(v);

  // The same scenes on a phone, each opened by its link and run to its end.
  for (let n = 1; n <= 8; n++) {
    const p = await VrestPage.open(lab.browser, `${lab.server.url}?lesson=build-up&step=${n}`, { width: 390, height: 844 });
    for (;;) {
      const l = await p.page.evaluate(() => window.vrest.readout().lesson);
      if (l.asking) await p.page.getByRole("button", { name: l.question.choices[1], exact: true }).click();
      else if (l.done) break;
      await p.page.waitForTimeout(100);
    }
    const overflow = await p.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `scene ${n}: ${overflow}px wider than the phone`);
    await p.page.screenshot({ path: join(shots, `vrest-explainer-${n}-390x844.png`), fullPage: true });
    clean(p);
  }
});

test("a narrated caption holds until its voice has finished, even past its reading time", async () => {
  const v = await narratedPage();
  await v.page.evaluate(() => { window.speechMs = 14000; });
  // The pump myth: scene 1's caption (about 25 words, 8 s to read), then scene 2.
  const timed = v.page.evaluate(() => new Promise((resolve) => {
    let shown = null;
    const watch = () => {
      const l = window.vrest.readout().lesson;
      if (l?.scene === 0 && l.done && shown === null) shown = performance.now();
      if (l?.scene === 1) return resolve(performance.now() - shown);
      requestAnimationFrame(watch);
    };
    watch();
  }));
  await v.page.locator("#myths li").filter({ hasText: "The pump directly makes the voltage" }).getByRole("button", { name: "Show me" }).click();
  await v.page.getByLabel("Read the captions aloud").check();
  const ms = await timed;
  const caption = (await v.page.evaluate(() => window.spoken))[0];
  assert.ok(caption.split(/\s+/).length / 3 < 12, "a caption read faster than its voice speaks");
  assert.ok(ms >= 14000, `the next scene came ${ms} ms after the caption; its voice took 14,000`);
  clean(v);
});

test("each misconception card's Show me runs the lab into the state that disproves it", async () => {
  const v = await VrestPage.open(lab.browser, lab.server.url);
  const cards = v.page.locator("#myths li");
  assert.equal(await cards.count(), 5);
  const show = async (claim) => {
    await cards.filter({ hasText: claim }).getByRole("button", { name: "Show me" }).click();
    await v.page.waitForFunction(() => window.vrest.readout().lesson?.done === true, null, { timeout: 20000 });
    return v.page.getByRole("region", { name: "Captions" }).textContent();
  };
  const vm = async () => mv(await v.status().textContent());
  // The pump: blocked, V moves a few mV at once.
  const rest = await vm();
  let said = await show("The pump directly makes the voltage");
  const jump = (await vm()) - rest;
  assert.ok(jump > 1 && jump < 8, `${jump} mV`);
  assert.match(said, /moved by only \d\.\d mV/);
  // Equal numbers: the meter shows a few µM of excess charge against 140 mM of K⁺.
  said = await show("Equal numbers of ions are inside and out");
  assert.match(await v.page.locator("#charge-line").textContent(), /^\d+\.\d+ µM excess charge inside/);
  assert.ok(said.includes(await v.page.locator("#charge-line").textContent()));
  // Many ions: one in tens of thousands of the cell's K⁺.
  said = await show("Lots of ions move to set");
  const fraction = await v.page.locator("#k-fraction").textContent();
  assert.match(fraction, /^1 in [\d,]{6,} of the cell's K⁺/);
  assert.ok(said.includes(fraction));
  // E_K: V − E_K in the table, then without the Na⁺ leak V goes to E_K.
  said = await show("The resting potential equals E_K");
  const kRow = v.page.locator("#ions tbody tr").first();
  assert.match(await kRow.locator("td").nth(1).textContent(), /^\+1\d\.\d mV$/, "V − E_K at rest");
  await v.button("Next scene").click();
  await v.page.waitForFunction(() => window.vrest.readout().lesson?.done === true, null, { timeout: 20000 });
  const eK = mv(await kRow.locator("td").first().textContent());
  assert.ok(Math.abs((await vm()) - eK) < 2, `V ${await vm()} vs E_K ${eK}`);
  // Equilibrium: the pump's ATP a second, then the decay without it.
  said = await show("The membrane is at equilibrium");
  assert.match(said, /spends [\d.]+ million ATP a second/);
  await v.button("Next scene").click();
  await v.page.waitForFunction(() => window.vrest.readout().lesson?.done === true, null, { timeout: 20000 });
  assert.ok((await vm()) > -45, `decayed: ${await vm()}`);
  clean(v);
});

test("Share: the teacher ticks the locks and hides, the link and the iframe follow at once; the iframe fits a 760 px course column on another origin", async () => {
  const v = await VrestPage.open(lab.browser, lab.server.url + "?preset=neuron");
  await v.button("Share").click();
  const link = () => v.page.getByLabel("A link to this state").inputValue();
  const frameCode = () => v.page.getByLabel("To put it in a course page (an iframe)").inputValue();
  assert.equal(new URL(await link()).searchParams.get("lock"), null, "no locks until the teacher asks");
  // One box: the temperature locked, in the link and in the iframe's link.
  await v.page.getByRole("checkbox", { name: "Lock Temperature (°C)" }).check();
  assert.equal(new URL(await link()).searchParams.get("lock"), "temperature");
  const src = async () => inBlankPage(v.page, (html) => new DOMParser().parseFromString(html, "text/html").body.firstElementChild.getAttribute("src"), await frameCode());
  assert.equal(new URL(await src()).searchParams.get("lock"), "temperature");
  // Hiding the Cl⁻ inside control: a hide list; unticking the lock takes it away again.
  await v.page.getByRole("checkbox", { name: "Hide Cl⁻ inside (mM)" }).check();
  await v.page.getByRole("checkbox", { name: "Lock Temperature (°C)" }).uncheck();
  assert.equal(new URL(await link()).searchParams.get("lock"), null);
  assert.equal(new URL(await link()).searchParams.get("hide"), "ion.Cl.inside");
  // Today's rule as a quick start: every control still at the preset's value.
  await v.button("Lock the controls I have not changed").click();
  const locked = new URL(await link()).searchParams.get("lock").split(",");
  assert.ok(locked.length > 10 && locked.includes("temperature") && locked.includes("ion.K.outside"), locked.join(" "));
  await v.button("Untick every box").click();
  assert.equal(new URL(await link()).searchParams.get("lock"), null);
  // A width out of range is named, not taken; the iframe keeps its last good width.
  await v.page.getByLabel("Width of the course page's column (px)").fill("5000");
  await v.page.getByRole("alert").filter({ hasText: "from 320 to 1600; got 5000" }).waitFor();
  assert.match(await frameCode(), /width="760"/);
  await v.page.getByLabel("Width of the course page's column (px)").fill("760");
  assert.equal(await v.page.locator("#share-width-error").isVisible(), false);
  // A course column 760 px wide: the frame is 760 wide, the compact layout, sandboxed.
  await v.page.getByRole("checkbox", { name: "Lock Temperature (°C)" }).check();
  const code = await frameCode();
  const attrs = await inBlankPage(v.page, (html) => Object.fromEntries([...new DOMParser().parseFromString(html, "text/html").body.firstElementChild.attributes].map((a) => [a.name, a.value])), code);
  assert.equal(attrs.width, "760");
  assert.ok(Number(attrs.height) >= 600, attrs.height);
  assert.match(attrs.title, /^Vrest/);
  assert.equal(attrs.sandbox, "allow-scripts allow-same-origin allow-downloads allow-popups");
  assert.ok(new URL(attrs.src).searchParams.has("embed"));
  clean(v);
  // Pasted into a course page on another origin (a second local server: another port
  // is another origin), in a 760 px column.
  const html = `<!doctype html><html lang="en"><head><title>Week 3</title></head><body style="margin:0"><main style="width:760px;margin:0 auto"><h1>Week 3: the resting potential</h1>${code}</main></body></html>`;
  const other = createServer((req, res) => { res.writeHead(200, { "content-type": "text/html" }); res.end(html); });
  await new Promise((ok) => other.listen(0, "127.0.0.1", ok));
  const coursePage = `http://127.0.0.1:${other.address().port}/week3`;
  assert.notEqual(new URL(coursePage).origin, new URL(lab.server.url).origin);
  const context = await lab.browser.newContext({ viewport: { width: 1280, height: 1000 } });
  const course = await context.newPage();
  await course.goto(coursePage);
  const frame = course.frameLocator("iframe");
  await frame.locator("body.embed").waitFor({ timeout: 20000 });
  const inner = await course.frames()[1].evaluate(() => ({
    overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
    locked: document.querySelector("#controls input[type=range]:disabled") !== null,
    openFull: document.querySelector("a.open-full")?.href ?? null,
  }));
  assert.ok(inner.overflow <= 0, `${inner.overflow} px of horizontal scroll inside the frame`);
  assert.equal(inner.locked, true, "the lock holds inside the frame");
  assert.ok(inner.openFull && !new URL(inner.openFull).searchParams.has("embed"), "Open in full leads to the whole page");
  await course.screenshot({ path: join(process.cwd(), "artifacts", "screenshots", "vrest-course-page-760.png") });
  await context.close();
  other.closeAllConnections();
  other.close();
});

/** Read back a QR code anywhere in a PNG (a screenshot) with a decoder library: the
 *  browser decodes the PNG into pixels. */
async function decodePng(page, png) {
  const img = await page.evaluate(async (b64) => {
    const bitmap = new Image(); // the page's CSP allows data: images, not data: fetches
    bitmap.src = `data:image/png;base64,${b64}`;
    await bitmap.decode();
    const c = new OffscreenCanvas(bitmap.width, bitmap.height);
    const ctx = c.getContext("2d");
    ctx.drawImage(bitmap, 0, 0);
    const d = ctx.getImageData(0, 0, c.width, c.height);
    return { w: d.width, h: d.height, data: Array.from(d.data) };
  }, png.toString("base64"));
  const code = jsQR(Uint8ClampedArray.from(img.data), img.w, img.h);
  return code ? code.data : null;
}

/** Read back the QR code painted on `canvas` (a locator) with a decoder library. */
async function decodeQr(canvas) {
  // The encoder loads on demand: wait until the canvas says which link it holds.
  await canvas.evaluate((c) => new Promise((done) => {
    const link = () => c.dataset.link && (c.id !== "share-qr" || c.dataset.link === document.getElementById("share-link").value);
    const wait = () => (link() ? done() : requestAnimationFrame(wait));
    wait();
  }));
  const img = await canvas.evaluate((c) => {
    const d = c.getContext("2d").getImageData(0, 0, c.width, c.height);
    return { w: d.width, h: d.height, data: Array.from(d.data) };
  });
  const code = jsQR(Uint8ClampedArray.from(img.data), img.w, img.h);
  return code ? code.data : null;
}

test("the QR code in Share, in Present and on the worksheet decodes to exactly the link, for every preset and with locks", async () => {
  const v = await VrestPage.open(lab.browser, lab.server.url);
  const presets = await v.page.locator("#preset option").evaluateAll((os) => os.map((o) => o.value));
  assert.ok(presets.length >= 18, presets.join(" "));
  let longest = 0;
  for (const id of presets) {
    await v.preset(id);
    await v.button("Share").click();
    const link = await v.page.getByLabel("A link to this state").inputValue();
    assert.equal(await decodeQr(v.page.getByRole("img", { name: "QR code of the link to this state" }).first()), link, id);
    longest = Math.max(longest, link.length);
    await v.page.keyboard.press("Escape");
  }
  console.log(`# the longest preset's link: ${longest} characters`);
  // Locks, hides and a changed state: a longer link, still exactly read back.
  await v.page.getByLabel("K⁺ outside (mM)", { exact: true }).first().fill("12");
  await v.button("Share").click();
  await v.button("Lock the controls I have not changed").click();
  await v.page.getByRole("checkbox", { name: "Hide Cl⁻ inside (mM)" }).check();
  await v.page.getByRole("textbox", { name: "Question 1" }).fill("Which ion's equilibrium potential is V closest to, and why?");
  await v.page.getByRole("textbox", { name: "Question 2" }).fill("¿Qué pasa con V si K⁺ fuera sube a 20 mM?");
  const locked = await v.page.getByLabel("A link to this state").inputValue();
  assert.ok(new URL(locked).searchParams.get("lock").split(",").length > 10 && new URL(locked).searchParams.has("s"));
  assert.equal(new URL(locked).searchParams.get("q2"), "¿Qué pasa con V si K⁺ fuera sube a 20 mM?");
  assert.equal(await decodeQr(v.page.getByRole("img", { name: "QR code of the link to this state" }).first()), locked);
  console.log(`# with locks, a hidden control, a change and two questions: ${locked.length} characters`);
  await v.page.keyboard.press("Escape");
  // The printed worksheet carries the same code: Ctrl+P prints it once the encoder is there.
  await v.page.evaluate(() => { window.print = () => { window.printed = true; }; });
  await v.page.keyboard.press("Control+p");
  await v.page.waitForFunction(() => window.printed === true);
  assert.equal(await decodeQr(v.page.locator("#ws-qr")), await v.page.evaluate(() => shareUrl()));
  clean(v);
  // Present at 1024x768: a code most of the screen's height, for the back of the room.
  const p = await VrestPage.open(lab.browser, lab.server.url + "?present=ion.K.outside", { width: 1024, height: 768 });
  await p.button("QR code").click();
  const big = p.page.locator("#qr-big-code");
  // The encoder loads on first use: the code shows once it is painted.
  await big.waitFor({ state: "visible" });
  const box = await big.boundingBox();
  assert.ok(box.height >= 0.6 * 768, `${box.height} px`);
  assert.equal(await decodeQr(big), await p.page.evaluate(() => shareUrl()));
  await p.page.screenshot({ path: join(process.cwd(), "artifacts", "screenshots", "vrest-present-qr-1024x768.png") });
  clean(p);
});

test("an embedding page that subscribes to lesson events hears the lesson start, each answer and its completion with the score", async () => {
  // The course page on another local origin frames Vrest with a lesson in its link.
  const lessonLink = `${lab.server.url}index.html?embed&lesson=build-up`;
  const course = createServer((req, res) => {
    res.writeHead(200, { "content-type": "text/html" });
    res.end(`<!doctype html><meta charset="utf-8"><title>Course</title><script>
      window.heard = [];
      addEventListener("message", (e) => { if (e.data && e.data.event) window.heard.push(e.data); });
      window.ask = (m) => document.querySelector("iframe").contentWindow.postMessage({ vrest: 1, id: Math.random(), ...m }, "${new URL(lab.server.url).origin}");
    </script><iframe width="1000" height="900" title="Vrest"></iframe>`);
  });
  await new Promise((ok) => course.listen(0, "127.0.0.1", ok));
  const origin = `http://127.0.0.1:${course.address().port}`;
  const context = await lab.browser.newContext({ viewport: { width: 1100, height: 1000 } });
  const page = await context.newPage();
  await page.goto(origin + "/");
  await page.evaluate((src) => { document.querySelector("iframe").src = src; }, `${lessonLink}&host=${encodeURIComponent(origin)}`);
  await page.waitForFunction(() => window.heard.some((e) => e.event === "ready"), null, { timeout: 20000 });
  await page.evaluate(() => window.ask({ do: "subscribe", args: { events: ["lesson"] } }));
  await page.waitForFunction(() => window.heard.some((e) => e.event === "lesson"));
  const frame = page.frameLocator("iframe");
  const inner = page.frames()[1];
  // Predictions through the host's `answer` (right, right, wrong), scenes by "Next scene".
  let asked = 0;
  for (let i = 0; i < 40; i++) {
    const l = await inner.evaluate(() => window.vrest.readout().lesson);
    if (l.end) break;
    if (l.asking) {
      asked++;
      await page.evaluate((choice) => window.ask({ do: "answer", args: { choice } }), asked === 3 ? 0 : 1);
      await inner.waitForFunction(() => !window.vrest.readout().lesson.asking);
    } else {
      await frame.getByRole("button", { name: "Next scene", exact: true }).click();
    }
  }
  await page.waitForFunction(() => window.heard.some((e) => e.kind === "completed"));
  const lessonEvents = await page.evaluate(() => window.heard.filter((e) => e.event === "lesson"));
  assert.deepEqual(lessonEvents.map((e) => [e.kind, e.scene ?? null, e.choice ?? null, e.kind === "answered" ? e.right : null]), [
    ["started", 0, null, null],
    ["answered", 1, 1, true],
    ["answered", 2, 1, true],
    ["answered", 4, 0, false],
    ["completed", null, null, null],
  ]);
  const done = lessonEvents.at(-1);
  assert.deepEqual([done.vrest, done.lesson, done.right, done.questions], [1, "build-up", 2, 3]);
  assert.ok(Math.abs(done.score - 2 / 3) < 1e-12, String(done.score));
  for (const e of lessonEvents.filter((e) => e.kind === "answered")) {
    assert.equal(e.correct, 1);
    assert.ok(e.latency_s >= 0 && e.latency_s < 30, String(e.latency_s));
  }
  await context.close();
  course.closeAllConnections();
  course.close();
});
