// End-to-end tests of "Download for an LMS (SCORM)" against a real LMS-side runtime:
// scorm-again (npm) plays the LMS, in a page of another local server that frames the
// unzipped package's launch page, as Moodle or Canvas would. The explainer is played
// with two right predictions and one wrong; what the runtime recorded is checked, and a
// second launch with that record resumes the state.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { createServer } from "node:http";
import { join } from "node:path";
import { unzipSync, strFromU8 } from "fflate";
import { VrestPage, useLab, clean } from "./harness.mjs";

const lab = useLab();
const root = join(import.meta.dirname, "..", "..");

/** Make a package in the Share dialog: the K⁺ outside changed to 12 mM, a question for
 *  the class, `lesson` (or none), `version` and `mastery` as given. */
async function makePackage(version, mastery, lesson, scored = true) {
  const v = await VrestPage.open(lab.browser, lab.server.url);
  await v.typed("K⁺ outside (mM)").fill("12");
  await v.typed("K⁺ outside (mM)").press("Enter");
  await v.button("Share").click();
  await v.page.getByRole("textbox", { name: "Question 1" }).fill("Why does V sit near the K⁺ equilibrium?");
  await v.page.getByLabel("Lesson", { exact: true }).selectOption(lesson);
  await v.page.getByLabel("Version", { exact: true }).selectOption(version);
  await v.page.getByRole("checkbox", { name: "Predictions count toward the score" }).setChecked(scored);
  // A pass mark out of range is refused, naming the field and its range; nothing is written.
  const mark = v.page.getByLabel("Pass mark (%), or blank for none");
  await mark.fill("150");
  await v.button("Download for an LMS (SCORM)").click();
  assert.equal(await v.page.locator("#scorm-error").textContent(), "Pass mark: a whole number from 0 to 100, or blank for none; got 150");
  assert.equal(await mark.getAttribute("aria-invalid"), "true");
  assert.equal(await mark.inputValue(), "150", "what was typed stays");
  await mark.fill("abc");
  await v.button("Download for an LMS (SCORM)").click();
  assert.equal(await v.page.locator("#scorm-error").textContent(), "Pass mark: a whole number from 0 to 100, or blank for none; got abc");
  await mark.fill(mastery);
  const [download] = await Promise.all([v.page.waitForEvent("download"), v.button("Download for an LMS (SCORM)").click()]);
  const zip = await readFile(await download.path());
  const status = await v.page.locator("#scorm-status").textContent();
  assert.match(status, new RegExp(`^${download.suggestedFilename().replace(".", "\\.")} saved \\(\\d+ KB\\)`), status);
  // The manifest is XML with one resource, whose launch file is in the zip.
  const files = unzipSync(new Uint8Array(zip));
  assert.deepEqual(Object.keys(files).sort(), ["imsmanifest.xml", "vrest.html"]);
  const manifest = await v.page.evaluate((xml) => {
    const doc = new DOMParser().parseFromString(xml, "application/xml");
    if (doc.querySelector("parsererror")) return { error: doc.querySelector("parsererror").textContent };
    const resources = [...doc.getElementsByTagName("resource")];
    return {
      schema: doc.getElementsByTagName("schemaversion")[0]?.textContent,
      resources: resources.map((r) => r.getAttribute("href")),
      scormType: resources[0]?.getAttribute(doc.documentElement.namespaceURI.includes("imsglobal") ? "adlcp:scormType" : "adlcp:scormtype"),
      title: doc.getElementsByTagName("title")[0]?.textContent,
      mastery: doc.getElementsByTagName("adlcp:masteryscore")[0]?.textContent ?? doc.getElementsByTagName("imsss:minNormalizedMeasure")[0]?.textContent ?? null,
    };
  }, strFromU8(files["imsmanifest.xml"]));
  assert.equal(manifest.error, undefined, manifest.error);
  assert.equal(manifest.schema, version === "1.2" ? "1.2" : "2004 4th Edition");
  assert.deepEqual(manifest.resources, ["vrest.html"], "one resource");
  assert.ok(files[manifest.resources[0]], "its launch file is in the zip");
  assert.equal(manifest.scormType, "sco");
  assert.equal(manifest.title, lesson ? "The resting potential, step by step" : "Mammalian neuron");
  assert.equal(manifest.mastery, mastery === "" ? null : version === "1.2" ? mastery : (Number(mastery) / 100).toFixed(2));
  clean(v);
  return files;
}

/** A page of a pretend LMS on its own server: scorm-again's API for `version`, with
 *  `preload` (flattened CMI) loaded before launch, framing the package's launch page.
 *  Every request is logged. */
async function lms(files, version) {
  const runtime = await readFile(join(root, "node_modules", "scorm-again", "dist", version === "1.2" ? "scorm12.min.js" : "scorm2004.min.js"));
  const requests = [];
  const server = createServer((req, res) => {
    const path = new URL(req.url, "http://x").pathname;
    requests.push(path);
    const send = (type, body) => { res.writeHead(200, { "content-type": type }); res.end(body); };
    if (path === "/") {
      const api = version === "1.2" ? "window.API = new Scorm12API({ logLevel: 5 })" : "window.API_1484_11 = new Scorm2004API({ logLevel: 5 })";
      send("text/html", `<!doctype html><meta charset="utf-8"><title>Course</title>
<script src="/runtime.js"></script>
<script>
  ${api};
  window.lmsApi = window.API || window.API_1484_11;
  const preload = new URLSearchParams(location.search).get("preload");
  if (preload) window.lmsApi.loadFromFlattenedJSON(JSON.parse(preload));
</script>
<iframe src="/pkg/vrest.html" width="1200" height="900" title="Vrest"></iframe>`);
    } else if (path === "/runtime.js") send("text/javascript", runtime);
    else if (path === "/favicon.ico") { res.writeHead(204); res.end(); }
    else if (path.startsWith("/pkg/") && files[path.slice(5)]) send("text/html", Buffer.from(files[path.slice(5)]));
    else { res.writeHead(404); res.end(); }
  });
  await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
  const url = `http://127.0.0.1:${server.address().port}/`;
  return { url, requests, close: () => { server.closeAllConnections(); server.close(); } };
}

/** Open the LMS page and wait for Vrest inside it to be interactive. */
async function launch(host, preload) {
  const context = await lab.browser.newContext({ viewport: { width: 1280, height: 1000 } });
  const page = await context.newPage();
  const errors = [];
  page.on("console", (m) => { if (m.type() === "error") errors.push(m.text()); });
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto(host.url + (preload ? "?preload=" + encodeURIComponent(JSON.stringify(preload)) : ""));
  const frame = page.frames().find((f) => f.url().endsWith("/pkg/vrest.html"));
  await frame.waitForFunction(() => window.vrestFirstFrameMs, null, { timeout: 30000 });
  return { context, page, frame, errors };
}

/** Play the explainer in `frame` by its buttons, every scene without a question
 *  skipped with "Next scene": the predictions in `answers` ("right" or "wrong"; each of
 *  its questions has its second choice right), then stop at the next question, or go
 *  on to the end card if none is left. Returns the scene it stopped at (or "end"). */
async function playExplainer(frame, answers) {
  const fl = frame.page().frameLocator("iframe");
  const todo = [...answers];
  for (let i = 0; i < 40; i++) {
    const l = await frame.evaluate(() => window.vrest.readout().lesson);
    assert.ok(l, "the package opens the lesson");
    if (l.end) return "end";
    if (l.asking) {
      if (!todo.length) return l.scene;
      await fl.getByRole("button", { name: l.question.choices[todo.shift() === "right" ? 1 : 0], exact: true }).click();
    } else {
      await fl.getByRole("button", { name: "Next scene", exact: true }).click();
    }
  }
  throw new Error("the explainer did not reach its end card");
}

/** What the runtime would store for the LMS (its JSON of the CMI, write-only
 *  elements included), after the SCO terminated. */
async function recorded(page, v12) {
  const cmi = await page.evaluate(() => JSON.parse(window.lmsApi.renderCMIToJSONString()));
  const c = cmi.cmi ?? cmi;
  const interactions = Object.values(c.interactions ?? {}).filter((i) => i && typeof i === "object" && "id" in i).map((it) => ({
    id: it.id, type: it.type, response: v12 ? it.student_response : it.learner_response,
    correct: Object.values(it.correct_responses ?? {})[0]?.pattern, result: it.result, latency: it.latency,
  }));
  return v12
    ? { status: c.core.lesson_status, raw: c.core.score.raw, max: c.core.score.max, session: c.core.session_time,
        exit: c.core.exit, suspend: c.suspend_data, interactions }
    : { status: c.completion_status, success: c.success_status, raw: c.score.raw, scaled: c.score.scaled,
        session: c.session_time, exit: c.exit, suspend: c.suspend_data, interactions };
}

/** The LMS closes the activity's frame: Vrest reports the session and terminates. */
async function leave(session) {
  await session.page.evaluate(() => { document.querySelector("iframe").src = "about:blank"; });
  await session.page.waitForFunction(() => window.lmsApi.isTerminated());
}

for (const [version, mastery] of [["1.2", ""], ["2004", "60"]]) {
  test(`SCORM ${version}: the explainer reports each prediction, then resumes where the student left and completes with the score`, async () => {
    const v12 = version === "1.2";
    const files = await makePackage(version, mastery, "build-up");
    const host = await lms(files, version);
    const first = await launch(host);
    // The teacher's question came in with the package.
    assert.equal(await first.frame.getByRole("region", { name: "Questions from your teacher" }).getByRole("listitem").textContent(),
      "Why does V sit near the K⁺ equilibrium?");
    await first.page.screenshot({ path: join(root, "artifacts", "screenshots", `vrest-scorm-${version}-in-lms.png`) });
    // Two predictions, both right; the student leaves at the third question.
    const stopped = await playExplainer(first.frame, ["right", "right"]);
    assert.equal(stopped, 4, "the third question is the fifth scene's");
    await leave(first);
    const a = await recorded(first.page, v12);
    assert.equal(a.status, "incomplete");
    assert.equal(a.exit, "suspend");
    assert.match(a.session, v12 ? /^\d{2,4}:\d{2}:\d{2}(\.\d{1,2})?$/ : /^PT[\d.]+S$/);
    assert.deepEqual(a.interactions.map((i) => [i.id, i.type, i.response, i.correct, i.result]), [
      ["build-up-scene-2", "choice", "b", "b", "correct"],
      ["build-up-scene-3", "choice", "b", "b", "correct"],
    ]);
    for (const i of a.interactions) assert.match(i.latency, v12 ? /^\d{2,4}:\d{2}:\d{2}(\.\d{1,2})?$/ : /^PT[\d.]+S$/);
    assert.match(JSON.parse(a.suspend).q, /lesson=build-up&step=5/);
    // The package asked nothing of any server but its own file, and its CSP held.
    assert.deepEqual([...new Set(host.requests)].filter((p) => p.startsWith("/pkg/")), ["/pkg/vrest.html"]);
    assert.deepEqual(first.errors, [], host.requests.join(" "));
    await first.context.close();

    // The second launch, with what the LMS kept: the lesson at the third question, and
    // the first two answers still counted in the score.
    const entry = v12 ? "cmi.core.entry" : "cmi.entry";
    const second = await launch(host, { "cmi.suspend_data": a.suspend, [entry]: "resume" });
    assert.equal(await second.page.evaluate((e) => window.lmsApi.getCMIValue(e), entry), "resume");
    const back = await second.frame.evaluate(() => window.vrest.host_state().lesson);
    assert.deepEqual([back?.id, back?.scene, back?.asking], ["build-up", 4, true]);
    assert.equal(await playExplainer(second.frame, ["wrong"]), "end");
    await leave(second);
    const b = await recorded(second.page, v12);
    assert.equal(b.status, "completed");
    assert.equal(b.raw, "67", "two of three predictions right");
    if (v12) assert.equal(b.max, "100");
    else {
      assert.equal(b.success, "passed", "67 % against a pass mark of 60 %");
      assert.equal(Number(b.scaled), 0.67);
    }
    assert.deepEqual(b.interactions.map((i) => [i.id, i.response, i.correct, i.result]), [
      ["build-up-scene-5", "a", "b", v12 ? "wrong" : "incorrect"],
    ]);
    assert.deepEqual(second.errors, []);
    await second.context.close();
    host.close();
  });
}

test("a package with no lesson carries the state in, is completed when opened, and without an LMS runs as the offline page", async () => {
  const files = await makePackage("1.2", "", "");
  const host = await lms(files, "1.2");
  const s = await launch(host);
  assert.equal(await s.frame.evaluate(() => window.vrest.host_state().scenario.ions.find((i) => i.name === "K").outside_mm), 12);
  assert.equal(await s.page.evaluate(() => window.lmsApi.getCMIValue("cmi.core.lesson_status")), "completed");
  await s.context.close();
  // The launch page on its own (no LMS above it): the state still opens.
  const context = await lab.browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto(host.url + "pkg/vrest.html");
  await page.waitForFunction(() => window.vrestFirstFrameMs, null, { timeout: 30000 });
  assert.equal(await page.evaluate(() => window.vrestScorm.connected()), false);
  assert.equal(await page.evaluate(() => window.vrest.host_state().scenario.ions.find((i) => i.name === "K").outside_mm), 12);
  assert.deepEqual(errors, []);
  await context.close();
  host.close();
});

test("a package whose predictions do not count reports completion and the interactions, and no score", async () => {
  const files = await makePackage("1.2", "", "build-up", false);
  const host = await lms(files, "1.2");
  const s = await launch(host);
  assert.equal(await playExplainer(s.frame, ["right", "right", "wrong"]), "end");
  await leave(s);
  const r = await recorded(s.page, true);
  assert.equal(r.status, "completed");
  assert.equal(r.raw, "", "no score");
  assert.equal(r.interactions.length, 3);
  await s.context.close();
  host.close();
});
