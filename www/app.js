// Vrest page glue: builds the controls from the lab's setup, sends every action to the
// wasm handle as a Command, and copies the readout's ready-made words into the page.
// It computes no numbers and writes no words of its own: they all come from Rust and
// its catalog (locales/).
"use strict";

const $ = (id) => document.getElementById(id);
let handle = null;
let setup = null;
let activeKey = null; // the slider being dragged: not overwritten by readouts
const rows = new Map(); // control key → its elements
let ionCells = new Map(); // per ion, by its name: the cells of its table row
let lastDescriptions = {}; // the canvases' descriptions as last written

/** Sonification, off until the learner turns it on (a user gesture starts the audio):
 *  while time runs, a short tone every half second at the pitch the readout gives for
 *  V (`tone_hz`, from Rust), and a click for each new spike. */
const sound = {
  ctx: null,
  on: false,
  nextAt: 0,
  spikes: null,
  set(on) {
    this.on = on;
    if (on && !this.ctx) this.ctx = new AudioContext();
    if (this.ctx) (on ? this.ctx.resume() : this.ctx.suspend()).catch(() => {});
  },
  blip(hz, type, length, level) {
    const t = this.ctx.currentTime;
    const osc = this.ctx.createOscillator();
    const gain = this.ctx.createGain();
    osc.type = type;
    osc.frequency.value = hz;
    gain.gain.setValueAtTime(0, t);
    gain.gain.linearRampToValueAtTime(level, t + 0.01);
    gain.gain.exponentialRampToValueAtTime(0.0001, t + length);
    osc.connect(gain).connect(this.ctx.destination);
    osc.start(t);
    osc.stop(t + length + 0.02);
    window.vrestSounds = (window.vrestSounds || 0) + 1; // for the tests
  },
  follow(r) {
    const newSpikes = this.spikes !== null && r.spikes > this.spikes;
    this.spikes = r.spikes;
    if (!this.on || !this.ctx || !r.playing) return;
    if (newSpikes) this.blip(2 * r.tone_hz, "square", 0.03, 0.05);
    if (this.ctx.currentTime >= this.nextAt) {
      this.blip(r.tone_hz, "sine", 0.15, 0.06);
      this.nextAt = this.ctx.currentTime + 0.5;
    }
  },
};

// The loading line and the failure box, in the browser's language (or ?locale=) from
// the start: the build copies their words from every catalog into index.html
// (scripts/overlay-words.mjs); translatePage takes over once the catalog is loaded.
(function overlayWords() {
  let words = null;
  try { words = JSON.parse($("overlay-words")?.textContent || "null"); } catch { words = null; }
  if (!words) return;
  const asked = new URLSearchParams(location.search).get("locale");
  const lang = [asked, ...navigator.languages].filter(Boolean).map((t) => t.toLowerCase().split(/[-_]/)[0]).find((l) => words[l]);
  const w = words[lang];
  if (!w) return;
  document.documentElement.lang = lang;
  document.title = w["page-title"];
  $("loading-text").textContent = w["page-loading"];
  $("fatal-heading").textContent = w["fatal-heading"];
  $("reload").textContent = w["fatal-reload"];
  $("fatal").dataset.loadFailed = w["fatal-load-failed"];
})();

window.vrestFatal = (message) => {
  $("loading").hidden = true;
  // Once the catalog is there, the reason comes inside its sentence.
  if (handle) { try { message = handle.format("fatal-internal", ["detail", message]); } catch { /* as it came */ } }
  $("fatal-message").textContent = message;
  $("fatal").hidden = false;
  $("reload").focus();
};

$("reload").addEventListener("click", () => location.reload());

// A script of the page that fails to download (the wasm's glue, say) never reaches
// www/init.js: catch its error event here and show the failure instead of a spinner.
window.addEventListener("error", (e) => {
  const t = e.target;
  if (!window.vrestLoaded && t && (t.tagName === "SCRIPT" || t.tagName === "LINK")) {
    console.error("Vrest could not load " + (t.src || t.href || t.tagName));
    window.vrestFatal($("fatal").dataset.loadFailed);
  }
}, true);

function showError(e, errorEl) {
  const target = errorEl || $("lab-error");
  target.textContent = e && e.message ? e.message : String(e);
  target.hidden = false;
}

/** Send one Command. A refusal shows in `errorEl` (or the lab's error line). */
function send(command, errorEl) {
  try {
    handle.apply(command);
    // A success clears the message of the last refusal, here and on the lab's line.
    for (const el of [errorEl, $("lab-error")]) if (el) { el.textContent = ""; el.hidden = true; }
    return true;
  } catch (e) {
    const msg = e && e.message ? e.message : String(e);
    if (e instanceof WebAssembly.RuntimeError) { window.vrestFatal(msg); throw e; }
    showError(e, errorEl);
    return false;
  }
}

function el(tag, attrs = {}, text) {
  const node = document.createElement(tag);
  // A style goes through the CSSOM: the page's CSP refuses style attributes.
  for (const [k, v] of Object.entries(attrs)) if (k === "style") node.style.cssText = v; else node.setAttribute(k, v);
  if (text !== undefined) node.textContent = text;
  return node;
}

/** The page's fixed words, from the catalog. */
function translatePage() {
  for (const node of document.querySelectorAll("[data-l10n]")) node.textContent = handle.text(node.dataset.l10n);
  for (const node of document.querySelectorAll("[data-l10n-label]")) node.setAttribute("aria-label", handle.text(node.dataset.l10nLabel));
  document.title = handle.text("page-title");
  document.documentElement.lang = handle.locale();
  $("fatal-heading").textContent = handle.text("fatal-heading");
  $("reload").textContent = handle.text("fatal-reload");
  $("loading-text").textContent = handle.text("page-loading");
  $("fatal").dataset.loadFailed = handle.text("fatal-load-failed");
}

function buildLanguages() {
  $("language").replaceChildren(...setup.languages.map((l) => el("option", { value: l.tag, lang: l.tag }, l.name)));
  $("language").value = setup.locale;
}

function showLinkNotes(notes) {
  $("link-notes-list").replaceChildren(...notes.map((n) => el("li", {}, n)));
  $("link-notes").hidden = notes.length === 0;
}

/** The QR encoder (npm lean-qr), loaded the first time a code is asked for: it is not
 *  part of the page's first load. The offline copy carries it inline (scripts/csp.mjs). */
let qrLoading = null;
let qrEncoder = null; // the module once loaded
function loadQr() {
  qrLoading ??= (window.vrestLeanQr ? Promise.resolve(window.vrestLeanQr) : import("./lean-qr.js"))
    .then((m) => (qrEncoder = m), () => null);
  return qrLoading;
}

/** Paint `text` as a QR code on `canvas`, about `cssPx` wide with a quiet zone of four
 *  modules, each module a whole number of device pixels: the smallest code that holds
 *  the link (larger modules read from further away), with as much error correction as
 *  that size leaves room for (at least L, 7 %). Returns false (and hides the canvas)
 *  when the link is too long for a QR code or the encoder could not load. */
function paintQr(qr, canvas, text, cssPx) {
  let code = null;
  try { code = qr && qr.generate(text, { minCorrectionLevel: qr.correction.L }); } catch { code = null; }
  canvas.hidden = !code;
  canvas.dataset.link = code ? text : "";
  if (!code) return false;
  const quiet = 4;
  const n = code.size + 2 * quiet;
  const ratio = window.devicePixelRatio || 1;
  const scale = Math.max(1, Math.floor((cssPx * ratio) / n));
  canvas.width = canvas.height = n * scale;
  canvas.style.width = canvas.style.height = `${(n * scale) / ratio}px`;
  const ctx = canvas.getContext("2d");
  ctx.fillStyle = "#fff";
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.fillStyle = "#000";
  for (let y = 0; y < code.size; y++) {
    for (let x = 0; x < code.size; x++) if (code.get(x, y)) ctx.fillRect((x + quiet) * scale, (y + quiet) * scale, scale, scale);
  }
  return true;
}

/** The Share dialog's lock and hide boxes, one pair per control, grouped as the handle
 *  groups them and ticked as the lab's own locks are. */
function buildShareChoices() {
  $("share-groups").replaceChildren(...handle.share_groups().map((g) => {
    const fs = el("fieldset", { class: "group" });
    fs.append(el("legend", {}, g.name));
    for (const c of g.controls) {
      const row = el("div", { class: "share-control", "data-key": c.key, "data-unchanged": c.unchanged ? "1" : "" });
      const lock = el("input", { type: "checkbox", class: "share-lock", value: c.key, "aria-label": c.lock_label });
      const hide = el("input", { type: "checkbox", class: "share-hide", value: c.key, "aria-label": c.hide_label });
      lock.checked = c.locked;
      hide.checked = c.hidden;
      const box = (input, word) => { const l = el("label"); l.append(input, " " + word); return l; };
      row.append(el("span", { class: "share-name" }, c.label), box(lock, handle.text("share-lock-box")), box(hide, handle.text("share-hide-box")));
      fs.append(row);
    }
    return fs;
  }));
}

/** What the boxes say: the controls to lock and to hide in the link. */
function shareChoice() {
  const keys = (cls) => [...$("share-groups").querySelectorAll(`input.${cls}:checked`)].map((b) => b.value);
  return { locks: keys("share-lock"), hides: keys("share-hide") };
}

let lastEmbedSize = null; // the iframe's last good [width, height], from the handle
/** The Share dialog's link and iframe, for the lab as it is now and the boxes. */
function fillShare() {
  const url = shareUrl(shareChoice());
  $("share-lesson").textContent = handle.share_lesson_note();
  $("share-link").value = url;
  // The compact layout for a course page's column; the height follows the width. A
  // width out of range is named, and the iframe keeps the last good one.
  const field = $("share-width");
  let size;
  try {
    size = handle.embed_size(field.value.trim() === "" ? NaN : Number(field.value));
    field.removeAttribute("aria-invalid");
    $("share-width-error").hidden = true;
  } catch (e) {
    field.setAttribute("aria-invalid", "true");
    $("share-width-error").textContent = e.message;
    $("share-width-error").hidden = false;
    size = lastEmbedSize ?? handle.embed_size(Number(field.defaultValue));
  }
  lastEmbedSize = size;
  const [width, height] = size;
  const framed = new URL(url);
  framed.searchParams.append("embed", "");
  // Built as an element and written out by the browser, which escapes every attribute.
  const frame = el("iframe", {
    src: framed.href.replaceAll("%2C", ","), title: handle.text("embed-title"), width: String(width), height: String(height),
    style: "border:0; max-width:100%", loading: "lazy",
    sandbox: "allow-scripts allow-same-origin allow-downloads allow-popups",
  });
  $("share-embed").value = frame.outerHTML;
  $("share-status").textContent = "";
  loadQr().then((qr) => {
    if ($("share-link").value !== url) return; // the boxes changed again meanwhile
    const fits = paintQr(qr, $("share-qr"), url, 200);
    // No encoder (it could not load): no code, and no claim that the link is too long.
    $("share-qr-note").textContent = !qr ? "" : fits ? handle.text("share-qr-note") : handle.text("share-qr-too-long");
  });
}

/** Save `text` as a file called `name`, as the browser downloads. */
function download(name, type, text) {
  const a = el("a", { href: URL.createObjectURL(new Blob([text], { type })), download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}

async function copyField(id) {
  const field = $(id);
  try {
    await navigator.clipboard.writeText(field.value);
  } catch {
    field.select(); // no clipboard access: selected for Ctrl+C
    document.execCommand("copy");
  }
  $("share-status").textContent = handle.text("share-copied");
}

/** Load a language (its catalog file first, unless its words are built in) and speak
 *  it. A refusal or a failed download shows on the error line; nothing changes. */
async function loadLanguage(tag) {
  try {
    const file = handle.locale_file(tag);
    let source;
    // The offline copy carries its catalogs in data blocks (scripts/csp.mjs).
    const packed = file && document.querySelector(`script[data-file="${file}"]`);
    if (packed) source = packed.textContent;
    else if (file) {
      // A failed download leaves `source` undefined: the handle refuses it by name.
      const response = await fetch(file).catch(() => null);
      if (response && response.ok) source = await response.text();
    }
    handle.apply({ do: "set_locale", args: source === undefined ? { locale: tag } : { locale: tag, source } });
    return true;
  } catch (e) {
    showError(e);
    return false;
  }
}

/** Speak another language: every word is rebuilt, the lab's state is kept. */
async function setLanguage(tag) {
  if (!(await loadLanguage(tag))) { $("language").value = setup.locale; return false; }
  setup = handle.setup();
  translatePage();
  buildLanguages();
  buildSpeeds();
  buildPresets();
  buildLessons();
  buildControls();
  lastDescriptions = {};
  lessonShown = null;
  refresh();
  renderRecords();
  return true;
}

function buildSpeeds() {
  $("speed").max = String(setup.speeds.length - 1);
  $("stimulus").value = String(setup.default_stimulus_ua_per_cm2);
  // The step sizes, "follow the speed" first; each option's value is the command's.
  $("step-size").replaceChildren(...setup.step_sizes.map((s) => el("option", { value: String(s.step_s) }, s.text)));
}

function buildLessons() {
  const pick = $("lesson-pick");
  const chosen = pick.value;
  pick.replaceChildren(...setup.lessons.map((l) => el("option", { value: l.id }, l.title)));
  if (chosen) pick.value = chosen;
  // The misconceptions: each card's "Show me" runs the lesson that disproves it.
  $("myths").replaceChildren(...setup.myths.map((m) => {
    const li = el("li");
    const claim = el("p", { class: "claim", id: "myth-" + m.id }, m.claim);
    const show = el("button", { type: "button", "aria-describedby": "myth-" + m.id }, handle.text("myths-show"));
    show.addEventListener("click", () => { startLesson(m.id); $("lesson").scrollIntoView({ block: "start" }); });
    li.append(claim, el("p", { class: "shows" }, m.shows), show);
    return li;
  }));
}

function buildPresets() {
  const select = $("preset");
  select.replaceChildren();
  const groups = new Map();
  for (const p of setup.presets) {
    if (!groups.has(p.group)) { groups.set(p.group, el("optgroup", { label: p.group })); select.append(groups.get(p.group)); }
    groups.get(p.group).append(el("option", { value: p.id, title: p.description }, p.title));
  }
  select.value = setup.preset;
}

function buildControls() {
  const box = $("controls");
  box.replaceChildren();
  rows.clear();
  const groups = new Map();
  setup.controls.forEach((c, n) => {
    if (c.hidden) return; // a teacher left it off the page
    if (!groups.has(c.group_key)) {
      const fs = el("fieldset", { class: "group" });
      fs.append(el("legend", {}, c.group));
      groups.set(c.group_key, fs);
      box.append(fs);
    }
    const row = el("div", { class: "control" });
    const id = "control-" + n;
    const err = el("p", { class: "error", role: "alert", hidden: "", id: "control-" + n + "-error" });
    const label = el("label", { for: id }, c.label);
    const out = el("output", { for: id, class: "value" });
    let slider;
    let typed = null;
    if (c.kind === "checkbox") {
      slider = el("input", { type: "checkbox", id });
      slider.addEventListener("change", () => {
        send({ do: "set_control", args: { key: c.key, value: slider.checked ? 1 : 0 } }, err);
        refresh();
      });
      row.append(slider, label, out, err);
    } else {
      slider = el("input", { type: "range", id, min: "0", max: String(setup.slider_steps), step: "1" });
      // A text field, read in the page's language by the lab ("7,5" in Spanish): a
      // number field would misread a decimal comma, and a wheel would change it.
      typed = el("input", { type: "text", id: id + "-typed", "aria-label": c.typed_label, inputmode: "decimal", autocomplete: "off", spellcheck: "false", "aria-describedby": err.id });
      slider.addEventListener("pointerdown", () => { activeKey = c.key; });
      slider.addEventListener("input", () => {
        activeKey = c.key;
        send({ do: "set_control_position", args: { key: c.key, position: Number(slider.value) } }, err);
      });
      slider.addEventListener("change", () => { activeKey = null; });
      typed.addEventListener("change", () => {
        // The text as typed: the lab reads it in the page's language, or refuses it by
        // name. A refused value is quoted in the message, and the field shows again the
        // value the model holds.
        const ok = send({ do: "set_control", args: { key: c.key, value: typed.value } }, err);
        refresh();
        if (!ok) typed.value = handle.readout().controls.find((x) => x.key === c.key)?.typed ?? typed.value;
      });
      row.append(label, slider, typed, out, err);
    }
    const lockNote = el("p", { class: "locked-note", hidden: "" }, handle.text("control-locked"));
    row.append(lockNote);
    rows.set(c.key, { slider, typed, out, err, lockNote });
    groups.get(c.group_key).append(row);
  });
  const legend = $("legend");
  legend.replaceChildren();
  for (const l of setup.legend) {
    const item = el("span", { class: "legend-item" });
    item.append(el("span", { class: "glyph", style: "color:" + l.color, "aria-hidden": "true" }, l.glyph), document.createTextNode(" " + l.label));
    legend.append(item);
  }
  // The ion table: one row per ion, built once per cell and updated in place.
  const body = $("ions").tBodies[0];
  body.replaceChildren();
  const votes = $("votes");
  votes.querySelectorAll(".vote").forEach((v) => v.remove());
  ionCells = new Map(setup.ions.map((l) => {
    const tr = el("tr");
    const name = el("th", { scope: "row" });
    name.append(el("span", { class: "glyph", style: "color:" + l.color, "aria-hidden": "true" }, l.glyph + " "), document.createTextNode(l.label));
    const cells = { e: el("td"), driving: el("td"), current: el("td", { class: "current" }) };
    tr.append(name, cells.e, cells.driving, cells.current);
    // Its vote on V: a bar as long as its share of the conductance, and the share.
    const vote = el("span", { class: "vote" });
    cells.bar = el("span", { class: "share-bar", "aria-hidden": "true", style: "background:" + l.color });
    cells.shareText = el("span");
    vote.append(document.createTextNode(l.label + " "), cells.bar, cells.shareText);
    votes.append(vote);
    body.append(tr);
    return [l.name, cells];
  }));
}

function syncControls(r, force) {
  for (const c of r.controls) {
    const row = rows.get(c.key);
    if (!row) continue;
    row.out.textContent = c.text;
    // A control a teacher locked is shown, disabled, and says so.
    row.slider.disabled = c.locked;
    if (row.typed) row.typed.disabled = c.locked;
    row.lockNote.hidden = !c.locked;
    if (!row.typed) { row.slider.checked = c.value > 0.5; continue; }
    if (c.key !== activeKey || force) row.slider.value = String(c.position);
    // A screen reader says the physical value, not the slider's position.
    row.slider.setAttribute("aria-valuetext", c.spoken);
    // A field is not rewritten while the learner is in it.
    if (document.activeElement !== row.typed) row.typed.value = c.typed;
  }
}

function render(r) {
  $("vm").textContent = r.voltage_text;
  $("time").textContent = r.time_text;
  $("ghk").textContent = r.ghk_text;
  $("speed-text").textContent = r.speed_text;
  $("speed").value = String(r.speed_index);
  $("speed").setAttribute("aria-valuetext", r.speed_text);
  $("step-text").textContent = r.step_text;
  // A ready pulse or an earlier moment: said even where the step line is otherwise off.
  $("step-text").classList.toggle("state", r.pulse_pending || r.timeline.earlier);
  $("step-size").value = String(r.step_size_s);
  // The timeline: the moments kept, the one shown, its model time for a screen reader.
  const line = $("timeline");
  line.max = String(r.timeline.last);
  line.value = String(r.timeline.at);
  line.setAttribute("aria-valuetext", r.timeline.text);
  $("timeline-note").textContent = r.timeline.note;
  const marks = $("marks");
  if (marks.childElementCount !== r.marks.length || r.marks.some((m, i) => marks.children[i].textContent !== m)) {
    marks.replaceChildren(...r.marks.map((m) => el("li", {}, m)));
  }
  $("window").textContent = r.trace_window_text;
  $("preset-description").textContent = r.preset_description;
  if ($("preset").value !== r.preset) $("preset").value = r.preset; // an embedding page may change it
  $("particle-scale").textContent = r.particle_text;
  $("density").textContent = r.density_text;
  const play = $("play");
  play.querySelector(".label").textContent = r.play_text;
  play.classList.toggle("playing", r.playing);
  play.setAttribute("aria-pressed", String(r.playing));
  play.classList.toggle("armed", r.pulse_pending);
  $("step").classList.toggle("armed", r.pulse_pending);
  $("step-back").disabled = !r.can_step_back;
  // Another cell (a preset, a link, a host page, a lesson) or other hidden controls:
  // the controls and the ion table are rebuilt when the handle says so.
  if (r.setup_changed) { setup = handle.setup(); buildControls(); }
  r.ions.forEach((ion) => {
    const cells = ionCells.get(ion.name);
    if (!cells) return;
    cells.e.textContent = ion.nernst_text;
    if (ion.nernst_note) cells.e.title = ion.nernst_note; else cells.e.removeAttribute("title");
    cells.driving.textContent = ion.driving_force_text;
    cells.current.textContent = ion.current_text;
    cells.current.className = "current " + ion.direction;
    cells.shareText.textContent = ion.share_text;
    cells.bar.style.width = (ion.share * 4).toFixed(2) + "rem"; // a full vote is 4rem wide
  });
  const notes = $("notes");
  if (notes.childElementCount !== r.notes.length || r.notes.some((n, i) => notes.children[i].textContent !== n)) {
    notes.replaceChildren(...r.notes.map((n) => el("li", {}, n)));
  }
  $("pump-line").textContent = r.pump_text;
  $("ions-moved").textContent = r.ions_moved_text;
  $("k-fraction").textContent = r.k_fraction_text;
  $("charge-line").textContent = r.charge_text;
  if (r.error) { $("lab-error").textContent = r.error; $("lab-error").hidden = false; }
  $("reduced-motion").checked = r.reduced_motion;
  showPresenting(r.presenting);
  if (r.learner !== learner) showView(r.learner);
  if ($("view-switch").textContent !== r.view_switch_text) $("view-switch").textContent = r.view_switch_text;
  renderLesson(r.lesson);
  sound.follow(r);
  syncControls(r, false);
}

/** Show the lab's state now, rather than at the next frame. */
function refresh() {
  const r = handle.readout();
  render(r);
  syncControls(r, true);
}

function loadPreset(id) {
  send({ do: "load_preset", args: { preset: id } });
  setup = handle.setup();
  buildControls();
  refresh();
}

/** The first screen starts below the header and any link notes: CSS sizes it from this. */
/** The stage's top edge, for its height in the CSS. Called by ResizeObservers only
 *  (layout is done when they run), never where it would force a layout. */
function measureStage() {
  const top = document.querySelector(".layout").offsetTop + "px";
  const root = document.documentElement.style;
  if (root.getPropertyValue("--stage-top") !== top) root.setProperty("--stage-top", top);
}

/** The data table, rebuilt from the lab's rows (a few hundred at most). */
function renderRecords() {
  const t = handle.records_table();
  const table = $("records");
  table.tHead.rows[0].replaceChildren(...t.columns.map((c) => el("th", { scope: "col" }, c)));
  table.tBodies[0].replaceChildren(...t.rows.map((cells) => {
    const tr = el("tr");
    cells.forEach((c, i) => tr.append(el(i === 0 ? "th" : "td", i === 0 ? { scope: "row" } : {}, c)));
    return tr;
  }));
  $("records-status").textContent = t.status;
  table.parentElement.hidden = t.rows.length === 0;
  $("records-export").disabled = t.rows.length === 0;
  $("records-clear").disabled = t.rows.length === 0;
}

/** The presentation dialog: a box per group of controls, ticked where a control
 *  differs from the preset. */
function fillPresent() {
  // The lab's groups, each with the patterns that name it and whether it was changed.
  $("present-groups").replaceChildren(...handle.share_groups().map((g, n) => {
    const box = el("input", { type: "checkbox", id: "present-group-" + n, value: g.patterns.join(",") });
    box.checked = g.changed;
    const label = el("label", { class: "option", for: box.id });
    label.append(box, document.createTextNode(" " + g.name));
    return label;
  }));
}

/** The controls beside the trace on the first screen (presenting, and the learner's
 *  view outside an embedding page), or below it with the rest of the full lab. */
let controlsInStage = false;
function placeControls(inStage) {
  if (inStage === controlsInStage) return;
  controlsInStage = inStage;
  const panel = document.querySelector(".controls-panel");
  if (inStage) document.querySelector(".stage").append(panel);
  else document.querySelector(".more").prepend(panel);
}

/** Presentation mode on or off, as the lab says (a link or the dialog turned it on). */
let presenting = false;
function showPresenting(on) {
  if (on === presenting) return;
  presenting = on;
  document.body.classList.toggle("present", on);
  $("present-exit").hidden = !on;
  $("present-qr").hidden = !on;
  setup = handle.setup();
  buildControls();
  document.body.classList.toggle("present-no-controls", on && !setup.controls.some((c) => !c.hidden));
  showView(learner);
}

/** The learner's view or the full lab, as the lab says (the switch, or a link's view=). */
let learner = false;
function showView(on) {
  learner = on;
  document.body.classList.toggle("learn", on && !presenting);
  placeControls(presenting || on);
}

/** Narration of a lesson (off until ticked): its question with the choices, then the
 *  reveal, then the end card, each once, in the page's language, preferring a voice on
 *  this machine. While a voice speaks, the lesson holds its scene (frame's second
 *  argument); a browser without voices simply stays silent. */
const narration = {
  last: "",
  speak(text) {
    if (!text || text === this.last) return;
    this.last = text;
    if (!$("lesson-narrate").checked || !window.speechSynthesis) return;
    const u = new SpeechSynthesisUtterance(text);
    u.lang = document.documentElement.lang;
    const voices = speechSynthesis.getVoices().filter((v) => v.lang.startsWith(u.lang));
    u.voice = voices.find((v) => v.localService) || voices[0] || null;
    speechSynthesis.cancel();
    speechSynthesis.speak(u);
  },
  speaking() {
    return $("lesson-narrate").checked && !!window.speechSynthesis && (speechSynthesis.speaking || speechSynthesis.pending);
  },
};

/** The lesson bar: shown while a lesson runs, its words from the readout. */
let lessonShown = null; // the lesson id and scene whose choices are built
function renderLesson(l) {
  const panel = $("lesson");
  if (!l) {
    if (!panel.hidden) {
      panel.hidden = true;
      document.body.classList.remove("in-lesson");
      lessonShown = null;
      if (window.speechSynthesis) speechSynthesis.cancel();
    }
    return;
  }
  if (panel.hidden) { panel.hidden = false; document.body.classList.add("in-lesson"); }
  const key = `${l.id}:${l.scene}`;
  if (lessonShown?.id !== l.id) {
    $("lesson-title").textContent = l.title;
    $("lesson-scene").replaceChildren(...l.scene_titles.map((t, i) => el("option", { value: String(i) }, `${i + 1}. ${t}`)));
  }
  // Written only when they change: the readout comes up to 15 times a second.
  const put = (node, text) => { if (node.textContent !== text) node.textContent = text; };
  if ($("lesson-scene").value !== String(l.scene)) $("lesson-scene").value = String(l.scene);
  put($("lesson-progress"), l.progress);
  put($("caption"), l.caption);
  const play = $("lesson-play");
  put(play, l.play_text);
  play.setAttribute("aria-pressed", String(l.playing));
  // Play is offered only when the lesson can play on: not while a question or a reveal
  // waits for the learner, nor at the end (Start again starts again).
  // A control that goes away under the keyboard hands it on: to the question's first
  // choice, or else to the captions (never to the page's body).
  const orphaned = document.activeElement === play && !l.can_play;
  play.hidden = !l.can_play;
  $("lesson-back").disabled = l.first && !l.end;
  $("lesson-next").disabled = !!l.end;
  const cont = $("lesson-continue");
  const waiting = cont.parentElement.hidden;
  cont.parentElement.hidden = !l.waiting;
  if (l.waiting && waiting && document.activeElement?.closest?.("#lesson, #captions")) cont.focus();
  const end = $("lesson-end");
  end.hidden = !l.end;
  if (l.end && lessonShown?.end !== key) {
    $("lesson-end-lines").replaceChildren(...l.end.lines.map((t) => el("li", {}, t)));
    put($("lesson-again"), l.end.again_text);
    put($("lesson-explore"), l.end.explore_text);
    $("lesson-explore").focus();
  }
  const q = $("lesson-question");
  q.hidden = !l.asking;
  if (l.asking && lessonShown?.key !== key) {
    $("lesson-choices").replaceChildren(...l.question.choices.map((c, i) => {
      const b = el("button", { type: "button" }, c);
      // The chosen button goes away with the question: the keyboard lands on the captions.
      b.addEventListener("click", () => { send({ do: "answer", args: { choice: i } }); refresh(); $("captions").focus(); });
      return b;
    }));
  }
  if (orphaned) ((l.asking && $("lesson-choices").querySelector("button")) || $("captions")).focus();
  // A screen reader hears each question and each final caption once, through the
  // page's one polite live region.
  const said = l.speech ? `${key}:${l.speech}` : null;
  if (said && said !== lessonShown?.said) $("announcer").textContent = l.speech;
  lessonShown = { id: l.id, key, said: said ?? lessonShown?.said, end: l.end ? key : null };
  narration.speak(l.speech);
}

/** Start a lesson at its first scene, playing. */
function startLesson(id) {
  if (!send({ do: "start_lesson", args: { lesson: id, step: 0 } })) return;
  send({ do: "lesson_play" });
  setup = handle.setup();
  buildControls();
  refresh();
  $("lesson-play").focus();
}

/** A teacher's questions (from the link or the Share dialog), on the page above the
 *  time controls and on the worksheet; each isolated, so a right-to-left question
 *  cannot reorder the text around it. */
function renderQuestions() {
  const { questions } = handle.questions();
  const items = () => questions.map((q) => el("li", { dir: "auto" }, q));
  $("questions-list").replaceChildren(...items());
  $("teacher-questions").hidden = questions.length === 0;
  $("ws-questions").replaceChildren(...items());
  $("ws-questions-box").hidden = questions.length === 0;
}

/** The Share dialog's question fields, as the lab holds them. */
function fillQuestionFields() {
  const { questions, labels } = handle.questions();
  document.querySelectorAll("input[data-question]").forEach((field, i) => {
    field.value = questions[i] ?? "";
    field.setAttribute("aria-label", labels[i]);
    field.placeholder = labels[i];
    field.removeAttribute("aria-invalid");
  });
  $("share-questions-error").hidden = true;
}

/** A question typed: the lab keeps the three (or says why not, and keeps the last good
 *  ones: the field keeps what was typed); the link follows. */
function setQuestions() {
  const fields = [...document.querySelectorAll("input[data-question]")];
  const ok = send({ do: "set_questions", args: { questions: fields.map((f) => f.value) } }, $("share-questions-error"));
  for (const f of fields) f.toggleAttribute("aria-invalid", !ok);
  renderQuestions();
  fillShare();
}

/** The SCORM section: the lessons to choose from (the one in progress first chosen). */
function fillScorm() {
  const pick = $("scorm-lesson");
  // The teacher's last choice (even "No lesson"); at first, the lesson in progress or the first.
  const chosen = pick.options.length ? pick.value : handle.host_state().lesson?.id ?? setup.lessons[0]?.id ?? "";
  pick.replaceChildren(el("option", { value: "" }, handle.text("scorm-no-lesson")),
    ...setup.lessons.map((l) => el("option", { value: l.id }, l.title)));
  pick.value = chosen;
}

/** "Download for an LMS (SCORM)": the pass mark checked by the lab, then the package
 *  written by www/scorm-package.js (loaded now, not with the page). */
async function downloadScorm() {
  const field = $("scorm-mastery");
  const error = $("scorm-error");
  let mastery;
  try {
    mastery = handle.scorm_mastery(field.value);
    field.removeAttribute("aria-invalid");
    error.hidden = true;
  } catch (e) {
    field.setAttribute("aria-invalid", "true");
    $("scorm-status").textContent = "";
    showError(e, error);
    field.focus();
    return;
  }
  // The state and the boxes' locks, opening the lesson chosen here at its first scene.
  const query = new URL(shareUrl(shareChoice())).searchParams;
  const lesson = $("scorm-lesson").value;
  query.delete("lesson");
  query.delete("step");
  if (lesson) query.set("lesson", lesson);
  const version = $("scorm-version").value;
  const title = (lesson ? $("scorm-lesson") : $("preset")).selectedOptions[0].text;
  try {
    const { buildPackage } = await import("./scorm-package.js");
    const zip = await buildPackage({ version, query: "?" + query.toString().replaceAll("%2C", ","), lesson: lesson || null, scored: $("scorm-scored").checked, mastery, title });
    const file = `vrest-${lesson || handle.readout().preset}-scorm${version.replace(".", "")}.zip`;
    download(file, "application/zip", zip);
    $("scorm-status").textContent = handle.format("scorm-written", ["file", file, "kb", String(Math.round(zip.length / 1024))]);
  } catch (e) {
    $("scorm-status").textContent = "";
    showError({ message: handle.format("scorm-failed", ["reason", e && e.message ? e.message : String(e)]) }, error);
  }
}

/** The printed worksheet's words: the state, its changes and its link. */
function fillWorksheet() {
  const w = handle.worksheet();
  $("ws-title").textContent = w.title;
  $("ws-state").textContent = w.state;
  $("ws-changes").replaceChildren(...w.changes.map((c) => el("li", {}, c)));
  const url = shareUrl();
  $("ws-link").textContent = url;
  // Printed from the Print button or Ctrl+P the encoder has loaded first; printed from
  // the browser's menu before any code was shown, the worksheet carries the link alone.
  paintQr(qrEncoder, $("ws-qr"), url, 190); // at most 5 cm wide on paper
}

/** Print the worksheet once the QR encoder has loaded. */
async function printWorksheet() {
  await loadQr();
  fillWorksheet();
  print();
}

function wire() {
  const act = (command) => () => { send(command); refresh(); };
  $("preset").addEventListener("change", (e) => loadPreset(e.target.value));
  $("play").addEventListener("click", act({ do: "toggle_play" }));
  $("step").addEventListener("click", act({ do: "step", args: { direction: 1 } }));
  $("step-back").addEventListener("click", act({ do: "step", args: { direction: -1 } }));
  $("reset").addEventListener("click", act({ do: "reset" }));
  $("stimulate").addEventListener("click", () => {
    const field = $("stimulus");
    send({ do: "stimulate", args: { amplitude_ua_per_cm2: field.value } }); // read in the page's language
    refresh();
  });
  $("speed").addEventListener("input", (e) => { send({ do: "set_speed", args: { index: Number(e.target.value) } }); refresh(); });
  $("step-size").addEventListener("change", (e) => { send({ do: "set_step_size", args: { step_s: Number(e.target.value) } }); refresh(); });
  $("timeline").addEventListener("input", (e) => { send({ do: "seek", args: { index: Number(e.target.value) } }); refresh(); });
  $("language").addEventListener("change", async (e) => {
    if (await setLanguage(e.target.value)) {
      const url = new URL(location.href);
      url.searchParams.set("locale", e.target.value);
      history.replaceState(null, "", url);
    }
  });
  $("sound").addEventListener("change", (e) => sound.set(e.target.checked));
  $("view-switch").addEventListener("click", () => { send({ do: "set_view", args: { view: learner ? "lab" : "learn" } }); refresh(); });
  $("reduced-motion").addEventListener("change", (e) => { send({ do: "set_reduced_motion", args: { on: e.target.checked } }); refresh(); });
  const help = $("help");
  const share = $("share");
  $("shortcuts").addEventListener("click", () => help.showModal());
  $("share-button").addEventListener("click", () => {
    buildShareChoices();
    fillQuestionFields();
    fillScorm();
    fillShare();
    share.showModal();
  });
  for (const field of document.querySelectorAll("input[data-question]")) field.addEventListener("input", setQuestions);
  $("scorm-download").addEventListener("click", downloadScorm);
  // The offline copy cannot read itself to make a package: the section is for the
  // page served from its site.
  $("scorm").hidden = Boolean(document.querySelector('script[data-file="model.html"]'));
  // Every box changes the link and the iframe at once.
  $("share-groups").addEventListener("change", fillShare);
  // Present's QR code, as large as the screen allows, for the back of the room.
  $("present-qr").addEventListener("click", () => {
    loadQr().then((qr) => {
      paintQr(qr, $("qr-big-code"), shareUrl(), Math.min(innerWidth, innerHeight) * 0.78);
      $("qr-big").showModal();
    });
  });
  $("share-width").addEventListener("input", fillShare);
  $("share-lock-unchanged").addEventListener("click", () => {
    for (const row of $("share-groups").querySelectorAll(".share-control[data-unchanged='1']")) row.querySelector("input.share-lock").checked = true;
    fillShare();
  });
  $("share-unlock-all").addEventListener("click", () => {
    for (const box of $("share-groups").querySelectorAll("input")) box.checked = false;
    fillShare();
  });
  $("copy-link").addEventListener("click", () => copyField("share-link"));
  $("export-csv").addEventListener("click", () => download(`vrest-${handle.readout().preset}.csv`, "text/csv", handle.export_csv()));
  $("export-scenario").addEventListener("click", () => download(`vrest-${handle.readout().preset}.json`, "application/json", handle.export_scenario()));
  $("copy-embed").addEventListener("click", () => copyField("share-embed"));
  $("export-png").addEventListener("click", () => {
    const a = el("a", { href: snapshot(), download: `vrest-${handle.readout().preset}.png` });
    document.body.append(a);
    a.click();
    a.remove();
  });
  $("print").addEventListener("click", printWorksheet);
  addEventListener("beforeprint", () => { fillWorksheet(); loadQr(); });
  $("record").addEventListener("click", () => { send({ do: "record" }, $("records-error")); renderRecords(); });
  $("records-clear").addEventListener("click", () => { send({ do: "clear_records" }); renderRecords(); });
  $("records-export").addEventListener("click", () => download("vrest-table.csv", "text/csv", handle.records_csv()));
  const present = $("present");
  $("present-button").addEventListener("click", () => { fillPresent(); present.showModal(); });
  $("present-start").addEventListener("click", () => {
    const keys = [...$("present-groups").querySelectorAll("input:checked")].flatMap((b) => b.value.split(","));
    present.close();
    if (send({ do: "present", args: { controls: keys } })) { refresh(); $("present-exit").focus(); }
  });
  $("present-exit").addEventListener("click", () => { send({ do: "end_present" }); refresh(); $("present-button").focus(); });
  $("lesson-start").addEventListener("click", () => startLesson($("lesson-pick").value));
  $("lesson-play").addEventListener("click", () => {
    const playing = $("lesson-play").getAttribute("aria-pressed") === "true";
    send({ do: playing ? "lesson_pause" : "lesson_play" });
    refresh();
  });
  $("lesson-back").addEventListener("click", () => { send({ do: "lesson_step", args: { direction: -1 } }); refresh(); });
  $("lesson-next").addEventListener("click", () => { send({ do: "lesson_step", args: { direction: 1 } }); refresh(); });
  $("lesson-scene").addEventListener("change", (e) => { send({ do: "lesson_go", args: { step: Number(e.target.value) } }); refresh(); });
  $("lesson-continue").addEventListener("click", () => { send({ do: "lesson_step", args: { direction: 1 } }); refresh(); $("captions").focus(); });
  $("lesson-again").addEventListener("click", () => { send({ do: "lesson_go", args: { step: 0 } }); send({ do: "lesson_play" }); refresh(); $("captions").focus(); });
  $("lesson-explore").addEventListener("click", () => { send({ do: "end_lesson" }); refresh(); $("play").focus(); });
  $("lesson-leave").addEventListener("click", () => { send({ do: "end_lesson" }); refresh(); $("lesson-start").focus(); });
  $("lesson-narrate").addEventListener("change", () => { narration.last = ""; if (!$("lesson-narrate").checked && window.speechSynthesis) speechSynthesis.cancel(); });
  const lessonId = () => handle.readout().lesson?.id ?? $("lesson-pick").value;
  $("lesson-vtt").addEventListener("click", () => download(`vrest-${lessonId()}.vtt`, "text/vtt", handle.lesson_vtt(lessonId())));
  $("lesson-transcript").addEventListener("click", () => download(`vrest-${lessonId()}.txt`, "text/plain", handle.lesson_transcript(lessonId())));
  // One observer for both, so a change to either is measured once.
  const stageTop = new ResizeObserver(measureStage);
  stageTop.observe(document.querySelector(".top"));
  stageTop.observe($("link-notes"));
  $("link-dismiss").addEventListener("click", () => { $("link-notes").hidden = true; $("preset").focus(); });
  // Space plays and pauses from anywhere it has no job of its own: not in a text or
  // number field, and not on a button, check box or list, which Space activates.
  // "." pauses (a presenter's clicker sends it), and paused, steps forward as a video
  // player steps frames; "," steps back; "B" pauses; Page Down and Page Up (off a
  // slider, which takes them for big steps) step, or in a lesson change the scene, as a
  // clicker sends them; "?" shows the shortcuts; wherever a text field or a list does
  // not need those keys.
  document.addEventListener("keydown", (e) => {
    // Ctrl+P (⌘P) prints the worksheet with its QR code, once the encoder has loaded.
    if ((e.ctrlKey || e.metaKey) && !e.altKey && e.key.toLowerCase() === "p") {
      e.preventDefault();
      printWorksheet();
      return;
    }
    if (e.altKey || e.ctrlKey || e.metaKey || help.open || share.open || present.open) return;
    // Esc leaves presentation mode (no dialog is open here: Esc closes those first).
    if (e.key === "Escape" && presenting) { send({ do: "end_present" }); refresh(); $("present-button").focus(); return; }
    const t = e.target;
    const typing = t.isContentEditable || t.tagName === "TEXTAREA" || t.tagName === "SELECT"
      || (t.tagName === "INPUT" && !["range", "checkbox"].includes(t.type));
    if (e.code === "Space") {
      const ownsSpace = typing || ["BUTTON", "A", "SUMMARY"].includes(t.tagName) || t.type === "checkbox";
      if (ownsSpace || e.repeat) return;
      e.preventDefault();
      send({ do: "toggle_play" });
    } else if (typing) {
      return;
    } else if (e.key === "." && handle.readout().playing) {
      e.preventDefault();
      send({ do: "pause" });
    } else if (e.key === "." || e.key === ",") {
      e.preventDefault();
      send({ do: "step", args: { direction: e.key === "." ? 1 : -1 } });
    } else if (e.key === "b" || e.key === "B") {
      e.preventDefault();
      send({ do: "pause" });
    } else if ((e.key === "PageDown" || e.key === "PageUp") && (t.type !== "range" || t.id === "timeline")) {
      // On the timeline a clicker's keys go through the kept moments: forward to the
      // next (keeping the later ones), back to the one before.
      e.preventDefault();
      const direction = e.key === "PageDown" ? 1 : -1;
      const r = handle.readout();
      const to = direction > 0 ? r.timeline.forward : r.timeline.back;
      if (t.id === "timeline") { if (to != null) send({ do: "seek", args: { index: to } }); }
      else send(r.lesson ? { do: "lesson_step", args: { direction } } : { do: "step", args: { direction } });
    } else if (e.key === "?") {
      e.preventDefault();
      help.showModal();
      return;
    } else {
      return;
    }
    refresh();
  });
}

/** The embedding page's messages (API v1, doc/controls.md): on only with
 *  ?embed&host=<origin>, and then only from the parent window at that origin. A
 *  message over 64 KB, or beyond 50 a second, is refused; the rest go to the lab. */
let hostEvents = null; // { send, max_hz, state, lesson, last, revision } while the host subscribes
function listenToHost(host) {
  let origin = null;
  try { origin = host && new URL(host).origin; } catch { origin = null; }
  if (!origin || origin === "null" || window.parent === window) return;
  // The API's version, on every message, is the lab's (host_limits).
  const limits = window.wasmBindings.VrestHandle.host_limits();
  const send = (message) => window.parent.postMessage({ vrest: limits.version, ...message }, origin);
  let recent = [];
  addEventListener("message", (e) => {
    if (e.source !== window.parent || e.origin !== origin) return; // not our host: no reply
    const id = e.data && typeof e.data.id === "number" ? e.data.id : null;
    const now = performance.now();
    recent = recent.filter((t) => now - t < 1000);
    recent.push(now);
    if (recent.length > limits.max_per_s) return send({ id, ...handle.host_refusal("rate", "") });
    // Only plain JSON data, bounded in size and depth, reaches the lab.
    const refused = plainData(e.data, limits);
    if (refused) return send({ id, ...handle.host_refusal(refused[0], refused[1]) });
    const reply = handle.host_message(e.data);
    if (reply.pending === "snapshot_png") { delete reply.pending; reply.result = { data_url: snapshot() }; }
    if (reply.subscribe) { hostEvents = { send, ...reply.subscribe, last: -Infinity, revision: -1 }; delete reply.subscribe; }
    refresh(); // rebuilds the controls if the host changed the cell
    send(reply);
  });
  send({ event: "ready" });
}

/** Why `data` (a message as the browser cloned it) is not plain JSON data within the
 *  limits, or null when it is. Walked without recursion, stopping at the first value
 *  past the size or the depth (a message that contains itself is endlessly deep), so
 *  a Map of a million entries or an array nested 5,000 deep costs no more than the
 *  limits: ["size" | "depth" | a JS type name, where], worded by the lab
 *  (`host_refusal`). */
function plainData(data, limits) {
  let bytes = 0;
  const stack = [[data, 0, "message"]];
  while (stack.length) {
    const [v, depth, at] = stack.pop();
    const kind = typeof v;
    if (v === null || kind === "boolean" || kind === "number") { bytes += 8; continue; }
    if (kind === "string") {
      bytes += v.length + 2;
      if (bytes > limits.max_bytes) return ["size", ""];
      continue;
    }
    if (kind !== "object") return [kind, at];
    const array = Array.isArray(v);
    const proto = Object.getPrototypeOf(v);
    if (!array && proto !== Object.prototype && proto !== null) {
      return [String(proto?.constructor?.name || "Object"), at];
    }
    if (depth >= limits.max_depth) return ["depth", ""];
    if (array && v.length > limits.max_bytes / 2) return ["size", ""];
    const keys = Object.keys(v);
    bytes += 2 + keys.length;
    if (bytes > limits.max_bytes) return ["size", ""];
    for (const k of keys) {
      bytes += k.length + 3;
      if (bytes > limits.max_bytes) return ["size", ""];
      stack.push([v[k], depth + 1, array ? `${at}[${k}]` : depth === 0 ? k : `${at}.${k}`]);
    }
  }
  return null;
}

/** The link to the lab as it is now. */
function shareUrl(choice = undefined) {
  const url = new URL(location.pathname, location.origin);
  // Encoded by the browser; the commas between a list's controls stay readable (a
  // comma is allowed in a query, and no control's key holds one: names may not).
  const flat = handle.link_pairs(choice?.locks, choice?.hides); // key, value, key, value, …
  const query = new URLSearchParams();
  for (let i = 0; i + 1 < flat.length; i += 2) query.append(flat[i], flat[i + 1]);
  url.search = query.toString().replaceAll("%2C", ",");
  return url.href;
}

/** Break `text` into lines no wider than `width` on `ctx` (a link has no spaces, so
 *  it breaks anywhere). */
function wrapText(ctx, text, width) {
  const lines = [];
  let line = "";
  for (const ch of text) {
    if (line && ctx.measureText(line + ch).width > width) { lines.push(line); line = ""; }
    line += ch;
  }
  return line ? [...lines, line] : lines;
}

/** The scene and the trace in one PNG, with a caption: the cell, V and t, the link to
 *  this state, and the marks on the trace in words. */
function snapshot() {
  const scene = $("scene");
  const chart = $("chart");
  const [state, linkLine, ...marks] = handle.snapshot_caption(shareUrl());
  const out = document.createElement("canvas");
  out.width = Math.max(scene.width, chart.width, 640);
  const px = Math.max(14, Math.round(out.width / 60));
  const ctx = out.getContext("2d");
  ctx.font = `${Math.round(px * 0.75)}px system-ui, sans-serif`;
  const linkLines = wrapText(ctx, linkLine, out.width - 20);
  out.height = scene.height + chart.height + Math.round(px * 2.2 + (linkLines.length + marks.length) * px);
  ctx.fillStyle = "#fff";
  ctx.fillRect(0, 0, out.width, out.height);
  ctx.drawImage(scene, 0, 0);
  ctx.drawImage(chart, 0, scene.height);
  ctx.fillStyle = "#1d2430";
  let y = scene.height + chart.height + px * 1.4;
  ctx.font = `600 ${px}px system-ui, sans-serif`;
  ctx.fillText(state, 10, y);
  ctx.font = `${Math.round(px * 0.75)}px system-ui, sans-serif`;
  for (const line of [...linkLines, ...marks]) { y += px; ctx.fillText(line, 10, y); }
  return out.toDataURL("image/png");
}

function tick(now) {
  let r;
  try {
    r = handle.frame(now, narration.speaking());
  } catch (e) {
    window.vrestFatal(e && e.message ? e.message : String(e));
    return;
  }
  if (r) render(r);
  // One polite live region says how V changes; the voltage readout itself stays quiet.
  // A lesson's start, answers and end: to a host that asked for them and to a course's
  // gradebook (www/scorm.js, in the SCORM package only).
  // Taken only when someone listens: a host that subscribes after "ready" still hears
  // that the lesson its link opened has started (the lab keeps the last 64).
  for (const e of hostEvents?.lesson || window.vrestScorm ? handle.lesson_events() : []) {
    if (hostEvents?.lesson) hostEvents.send({ event: "lesson", ...e });
    window.vrestScorm?.lesson(e);
  }
  if (hostEvents?.state && r && now - hostEvents.last >= 1000 / hostEvents.max_hz && r.revision !== hostEvents.revision) {
    hostEvents.last = now;
    hostEvents.revision = r.revision;
    hostEvents.send({ event: "state", ...handle.host_state() });
  }
  // During a lesson its questions and captions (with V in them) are what the live region
  // says: the lab's own sentences about V would talk over them.
  const said = handle.take_announcement();
  if (said && !lessonShown) $("announcer").textContent = said;
  // What each picture shows, in words (renewed at most once a second): each rewritten
  // only when its text changed.
  const described = handle.take_descriptions();
  if (described) {
    for (const [name, text] of Object.entries(described)) {
      if (lastDescriptions[name] !== text) { $(name + "-text").textContent = text; lastDescriptions[name] = text; }
    }
  }
  if (!window.vrestFirstFrameMs) {
    window.vrestFirstFrameMs = performance.now();
    $("loading").hidden = true;
  }
  requestAnimationFrame(tick);
}

addEventListener("TrunkApplicationStarted", async (e) => {
  // A failed download has already shown its failure (www/init.js).
  if (!window.vrestLoaded) return;
  window.vrestWasm = e.detail.wasm; // its memory, for the soak benchmark
  let refused = false;
  try {
    handle = new window.wasmBindings.VrestHandle("scene", "chart", "bars", "kchart");
    // In a SCORM package (www/scorm.js) the state to open is the package's, or the one
    // a returning student left; elsewhere the page's own link.
    const search = window.vrestScorm ? window.vrestScorm.start() : location.search;
    // The language: ?locale= if it names one Vrest speaks, else the browser's choice.
    const asked = new URLSearchParams(search).get("locale");
    if (asked !== null) refused = !(await loadLanguage(asked));
    if (asked === null || refused) await loadLanguage(window.wasmBindings.VrestHandle.negotiate_locale([...navigator.languages]));
    // The state the link carries; what it could not use is said, and dismissible.
    const query = new URLSearchParams(search);
    const max = window.wasmBindings.VrestHandle.link_max_pairs();
    const pairs = [];
    let total = 0;
    for (const pair of query) { if (total++ < max) pairs.push(pair); }
    showLinkNotes(handle.open_link(pairs, total));
    setup = handle.setup();
    translatePage();
  } catch (e) {
    window.vrestFatal(e && e.message ? e.message : String(e));
    return;
  }
  window.vrest = handle; // for the browser benchmark, the tests and curious learners
  window.vrestScorm?.attach(() => new URL(shareUrl()).search);
  // ?embed: the compact layout for an iframe, with a link to the full page.
  const params = new URLSearchParams(location.search);
  if (params.has("embed")) {
    document.body.classList.add("embed");
    // Its readouts scroll within their panel, so a keyboard must reach them.
    document.querySelector(".readout-panel").tabIndex = 0;
    params.delete("embed");
    params.delete("host");
    const full = $("open-full");
    full.href = location.pathname + (params.toString() ? "?" + params : "");
    full.hidden = false;
    listenToHost(new URLSearchParams(location.search).get("host"));
  }
  // The offline copy carries the model's page too: the footer opens it from a blob.
  const modelPage = document.querySelector('script[data-file="model.html"]');
  if (modelPage) {
    document.querySelector('a[href="model.html"]').href = URL.createObjectURL(new Blob([modelPage.textContent], { type: "text/html" }));
  }
  buildLanguages();
  buildSpeeds();
  buildPresets();
  buildLessons();
  buildControls();
  wire();
  renderRecords();
  renderQuestions();
  // --stage-top is measured by the header's ResizeObserver (wire), after the browser's
  // own first layout: measuring here forced a layout of its own (about 20 ms at load).
  // Reduced motion follows the system's setting until the learner chooses.
  const motion = matchMedia("(prefers-reduced-motion: reduce)");
  const follow = () => { send({ do: "set_reduced_motion", args: { on: motion.matches } }); refresh(); };
  if (motion.matches) follow();
  motion.addEventListener("change", follow);
  document.body.classList.remove("booting");
  // The first frame now, not at the next animation frame: the canvases and the readout
  // are drawn before the browser first paints the built page, so no blank frame shows.
  tick(performance.now());
});

// ?fuzz[=seed]: the robustness mode (www/fuzz.js), fetched only when asked for, so the
// page a learner loads does not carry it.
if (new URLSearchParams(location.search).has("fuzz")) {
  document.head.append(Object.assign(document.createElement("script"), { src: "fuzz.js" }));
}
