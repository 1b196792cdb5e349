// The page's robustness mode, loaded by www/app.js only for ?fuzz[=seed]. It uses the
// page's own `handle` and `$` (app.js's globals).
// ?fuzz[=seed]: a robustness mode, as PhET's. Every frame it does a few random things a
// person or a script could do — sliders, typed values (valid and not), check boxes,
// presets, buttons, speeds, the language, dialogs and raw commands, well-formed or not —
// for as long as the page is open. window.vrestFuzz counts them and can stop it.
(function fuzzMode() {
  const asked = new URLSearchParams(location.search).get("fuzz");
  if (asked === null) return;
  let seed = (Number.parseInt(asked, 10) || 2026) >>> 0;
  // mulberry32: a seeded generator, so a failing run can be replayed.
  const random = () => {
    seed = (seed + 0x6d2b79f5) >>> 0;
    let t = seed;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = (list) => list[Math.floor(random() * list.length)];
  const typedValues = ["", "abc", "-5", "0", "1e-300", "1e308", "-1e308", "NaN", "Infinity", "5", "0.5", "37", "140", "1e-9", "12,5", " 7 ", "0x10"];
  const junk = [undefined, null, NaN, Infinity, -1, 0, 1, 2 ** 32 + 1, 1.5, "", "x", true, [], {}];
  const commandNames = ["play", "pause", "toggle_play", "step", "reset", "set_speed", "load_preset", "set_control",
    "set_control_position", "set_particle_budget", "stimulate", "set_reduced_motion", "explode"];
  const argNames = ["direction", "index", "preset", "key", "value", "position", "count", "amplitude_ua_per_cm2", "on", "extra"];
  const state = { actions: 0, refusals: 0, running: true, stop() { this.running = false; } };
  window.vrestFuzz = state;
  const fire = (el, type) => el.dispatchEvent(new Event(type, { bubbles: true }));
  const actions = [
    () => { const s = pick([...document.querySelectorAll("#controls input[type=range], #speed")]); if (s) { s.value = String(Math.floor(random() * (Number(s.max) + 1))); fire(s, "input"); fire(s, "change"); } },
    () => { const f = pick([...document.querySelectorAll("#controls input[type=text], #stimulus")]); if (f) { f.value = pick(typedValues); fire(f, "change"); } },
    () => { const c = pick([...document.querySelectorAll("#controls input[type=checkbox], #reduced-motion")]); if (c) c.click(); },
    () => { const s = $("preset"); s.selectedIndex = Math.floor(random() * s.options.length); fire(s, "change"); },
    () => pick([$("play"), $("step"), $("step-back"), $("reset"), $("stimulate")]).click(),
    () => { if (random() < 0.05) { const l = $("language"); l.value = pick(["en", "es"]); fire(l, "change"); } },
    () => { const h = $("help"); if (h.open) h.close(); else if (random() < 0.1) h.showModal(); },
    () => { const d = pick([...document.querySelectorAll("details.describe")]); if (d) d.open = !d.open; },
    () => {
      // A cell with other ions than its preset, some with hostile names (markup, formula
      // starters, direction controls, commas, right-to-left letters), as a link or a
      // host page could send it; then perhaps a lock on one of them.
      const names = ["K", "Na", "Cl", "Ca", "Li", "=1+1", "<svg onload=x()>", "a&b#c", "\"></iframe>", "evil\u202e", "x,y", "\u05d0\u05d1"];
      const ions = Array.from({ length: 1 + Math.floor(random() * 10) }, () => ({
        name: pick(names), charge: pick([1, -1, 2, 0]), inside_mm: random() * 150, outside_mm: random() * 150,
        permeability_cm_per_s: random() * 1e-6,
      }));
      try {
        handle.apply({ do: "load_scenario", args: { preset: pick(["neuron", "squid-axon", "excitable-neuron"]), patch: { ions } } });
        if (random() < 0.3) handle.apply({ do: "lock", args: { controls: [`ion.${pick(ions).name}`] } });
      } catch { state.refusals++; }
    },
    () => {
      // A deep patch, as a hostile link or message would nest it.
      let v = 1;
      for (let i = Math.floor(random() * 4000); i > 0; i--) v = [v];
      try { handle.apply({ do: "load_scenario", args: { preset: "neuron", patch: { ions: v } } }); } catch { state.refusals++; }
    },
    () => { if (random() < 0.05) try { handle.apply({ do: "unlock", args: { controls: [] } }); } catch { state.refusals++; } },
    () => {
      const args = {};
      for (let i = Math.floor(random() * 3); i > 0; i--) args[pick(argNames)] = pick(junk);
      try { handle.apply(random() < 0.2 ? pick(junk) : { do: pick(commandNames), args }); } catch { state.refusals++; }
    },
  ];
  const step = () => {
    if (!state.running) return;
    if (window.vrestFirstFrameMs) {
      for (let n = 1 + Math.floor(random() * 3); n > 0; n--) {
        pick(actions)();
        state.actions++;
      }
    }
    requestAnimationFrame(step);
  };
  // Loaded after the page's own script: it starts at once and waits for the first frame.
  requestAnimationFrame(step);
})();
