// Vrest page glue: builds the controls from the model's description, forwards DOM
// events to the wasm handle and copies the readout's ready-made text into the page.
// It computes no numbers of its own.
"use strict";

const $ = (id) => document.getElementById(id);
let handle = null;
let info = null;
let activeKey = null; // the slider being dragged: not overwritten by readouts
let last = null;

window.vrestFatal = (message) => {
  $("loading").hidden = true;
  $("fatal-message").textContent = message;
  $("fatal").hidden = false;
  $("reload").focus();
};

function call(fn, errorEl) {
  try {
    const out = fn();
    if (errorEl) { errorEl.textContent = ""; errorEl.hidden = true; }
    return out;
  } catch (e) {
    const msg = e && e.message ? e.message : String(e);
    if (errorEl) { errorEl.textContent = msg; errorEl.hidden = false; return undefined; }
    if (e instanceof WebAssembly.RuntimeError) { window.vrestFatal("Vrest stopped: " + msg); throw e; }
    showLabError(msg);
    return undefined;
  }
}

function showLabError(msg) {
  const el = $("lab-error");
  el.textContent = msg || "";
  el.hidden = !msg;
}

function el(tag, attrs = {}, text) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  if (text !== undefined) node.textContent = text;
  return node;
}

function buildSpeeds() {
  const speed = $("speed");
  speed.max = String(info.speeds.length - 1);
  speed.value = String(info.default_speed);
}

function buildPresets() {
  const select = $("preset");
  select.replaceChildren();
  const groups = {};
  for (const p of info.presets) {
    if (!groups[p.group]) { groups[p.group] = el("optgroup", { label: p.group }); select.append(groups[p.group]); }
    groups[p.group].append(el("option", { value: p.name, title: p.description }, p.title));
  }
  select.value = info.preset;
}

function buildControls() {
  const box = $("controls");
  box.replaceChildren();
  const groups = {};
  for (const c of info.controls) {
    if (!groups[c.group]) {
      const fs = el("fieldset", { class: "group" });
      fs.append(el("legend", {}, c.group === "Temperature" || c.group === "Pump" ? c.group : (info.legend.find((l) => l.label.startsWith(c.group)) || {}).label || c.group));
      groups[c.group] = fs;
      box.append(fs);
    }
    const row = el("div", { class: "control", "data-key": c.key });
    const id = "c-" + c.key.replaceAll(".", "-");
    const err = el("p", { class: "error", role: "alert", hidden: "" });
    if (c.kind === "checkbox") {
      const input = el("input", { type: "checkbox", id });
      const label = el("label", { for: id }, c.label);
      input.addEventListener("change", () => { call(() => handle.set_control(c.key, input.checked ? 1 : 0), err); refresh(); });
      row.append(input, label, err);
    } else {
      const label = el("label", { for: id }, c.label);
      const slider = el("input", { type: "range", id, min: "0", max: String(info.slider_steps), step: "1" });
      const typed = el("input", { type: "number", id: id + "-typed", step: "any", "aria-label": c.label + ", exact value", inputmode: "decimal" });
      const out = el("output", { for: id, class: "value" });
      slider.addEventListener("pointerdown", () => { activeKey = c.key; });
      slider.addEventListener("input", () => { activeKey = c.key; call(() => handle.set_control_position(c.key, Number(slider.value)), err); });
      slider.addEventListener("change", () => { activeKey = null; });
      typed.addEventListener("change", () => {
        const value = typed.value.trim() === "" ? NaN : Number(typed.value);
        call(() => handle.set_control(c.key, value), err);
        refresh();
      });
      row.append(label, slider, typed, out, err);
    }
    groups[c.group].append(row);
  }
  const legend = $("legend");
  legend.replaceChildren();
  for (const l of info.legend) {
    const item = el("span", { class: "legend-item" });
    item.append(el("span", { class: "glyph", style: "color:" + l.color, "aria-hidden": "true" }, l.glyph), document.createTextNode(" " + l.label));
    legend.append(item);
  }
}

function syncControls(r, force) {
  if (!r) return;
  for (const c of r.controls) {
    const row = document.querySelector(`.control[data-key="${c.key}"]`);
    if (!row) continue;
    const [first, second] = row.querySelectorAll("input");
    if (first.type === "checkbox") { first.checked = c.value > 0.5; continue; }
    if (c.key !== activeKey || force) first.value = String(c.position);
    if (document.activeElement !== second || force) second.value = c.typed;
    row.querySelector("output").textContent = c.text;
  }
}

function render(r) {
  last = r;
  $("vm").textContent = r.voltage_text;
  $("time").textContent = r.time_text;
  $("ghk").textContent = r.ghk_text;
  $("speed-text").textContent = r.speed_text;
  $("speed").value = String(r.speed_index);
  $("step-text").textContent = r.step_text;
  $("window").textContent = "(" + r.trace_window_text + ")";
  $("preset-description").textContent = r.preset_description;
  $("particle-scale").textContent = r.particle_text;
  $("density").textContent = r.density_text;
  const play = $("play");
  play.querySelector(".label").textContent = r.playing ? "Pause" : "Play";
  play.classList.toggle("playing", r.playing);
  play.setAttribute("aria-pressed", String(r.playing));
  $("step-back").disabled = !r.can_step_back;
  const rows = r.ions.map((ion, i) => {
    const tr = el("tr");
    const name = el("th", { scope: "row" });
    const legend = info.legend[i];
    if (legend) name.append(el("span", { class: "glyph", style: "color:" + legend.color, "aria-hidden": "true" }, legend.glyph + " "));
    name.append(document.createTextNode(ion.label));
    const e = el("td", ion.nernst_note ? { title: ion.nernst_note } : {}, ion.nernst_text);
    tr.append(name, e, el("td", {}, ion.driving_force_text), el("td", { class: "current " + ion.direction }, ion.current_text));
    return tr;
  });
  $("ions").tBodies[0].replaceChildren(...rows);
  $("notes").replaceChildren(...r.notes.map((n) => el("li", {}, n)));
  $("pump-line").textContent = r.pump
    ? `Na⁺/K⁺ pump: ${r.pump.current_text} (${r.pump.cycles_text}). Its own current shifts V by ${r.pump.contribution_text}.`
    : "This cell has no pump.";
  $("ions-moved").textContent = r.charge.ions_moved_text;
  $("k-fraction").textContent = r.charge.k_fraction_text;
  $("excess").textContent = r.charge.excess_text;
  $("field").textContent = r.charge.field_text;
  $("capacitance").textContent = r.charge.capacitance_text;
  if (r.error) showLabError(r.error);
  syncControls(r, false);
}

/** Show the model's state now, rather than at the next frame. */
function refresh() {
  const r = call(() => handle.readout());
  if (r) { render(r); syncControls(r, true); }
}

function loadPreset(name) {
  call(() => handle.load_preset(name));
  info = call(() => handle.controls());
  buildControls();
  refresh();
}

function wire() {
  const act = (fn) => () => { call(fn); refresh(); };
  $("preset").addEventListener("change", (e) => loadPreset(e.target.value));
  $("play").addEventListener("click", act(() => handle.toggle_play()));
  $("step").addEventListener("click", act(() => handle.step_forward()));
  $("step-back").addEventListener("click", act(() => handle.step_back()));
  $("reset").addEventListener("click", act(() => handle.reset()));
  $("speed").addEventListener("input", (e) => { call(() => handle.set_speed(Number(e.target.value))); refresh(); });
  $("reload").addEventListener("click", () => location.reload());
  document.addEventListener("keydown", (e) => {
    if (e.code === "Space" && e.target === document.body) { e.preventDefault(); call(() => handle.toggle_play()); }
  });
}

function tick(now) {
  let r;
  try {
    r = handle.frame(now);
  } catch (e) {
    window.vrestFatal("Vrest stopped: " + (e && e.message ? e.message : e));
    return;
  }
  if (r) render(r);
  if (!window.vrestFirstFrameMs) {
    window.vrestFirstFrameMs = performance.now();
    $("loading").hidden = true;
  }
  requestAnimationFrame(tick);
}

addEventListener("TrunkApplicationStarted", () => {
  try {
    handle = new window.wasmBindings.VrestHandle("scene", "chart", "bars");
    info = handle.controls();
  } catch (e) {
    window.vrestFatal("Vrest could not start: " + (e && e.message ? e.message : e));
    return;
  }
  window.vrest = handle; // for the browser benchmark and for curious learners
  buildSpeeds();
  buildPresets();
  buildControls();
  wire();
  requestAnimationFrame(tick); // the first frame paints and returns the first readout
});
