//! The lab behind the page: play, pause, steps, speed, presets, the trace, the picture
//! and the readout, driven as the page drives them.

#![cfg(not(target_arch = "wasm32"))] // native tier; the wasm tier is tests/web.rs
#![allow(clippy::unwrap_used, clippy::expect_used)] // a failed unwrap is a failed test

use vrest::lab::crossings::CrossingGenerator;
use vrest::lab::scene::{Side, Transporter, ANION_KIND};
use vrest::lab::{
    Command, ControlKey, IonQuantity, Lab, LabError, StepDirection, DEFAULT_PARTICLES, SPEEDS_MODEL_S_PER_REAL_S,
};
use vrest::present::{Catalog, Readout};
use vrest_core::physics::nernst_mv;
use vrest_core::presets::PRESETS;

const FRAME: f64 = 1.0 / 60.0;

fn lab() -> Lab {
    Lab::new(42).unwrap()
}

fn play_for(lab: &mut Lab, real_s: f64) {
    lab.apply(&Command::Play).unwrap();
    for _ in 0..(real_s / FRAME).round() as usize {
        lab.frame(FRAME);
    }
}

fn key(text: &str) -> ControlKey {
    text.parse().unwrap()
}

/// Set a control to a typed value, as the page's number field does.
fn set(lab: &mut Lab, control: &str, value: f64) -> Result<(), LabError> {
    lab.apply(&Command::SetControl { key: key(control), value })
}

fn step(lab: &mut Lab, direction: StepDirection) -> Result<(), LabError> {
    lab.apply(&Command::Step { direction })
}

fn readout(lab: &Lab) -> Readout {
    Readout::new(lab, &lab.measure(), &Catalog::english())
}

/// Why the lab refused, in the page's words.
fn message(lab: &Lab, e: &LabError) -> String {
    vrest::present::words::describe_error(e, lab, &Catalog::english())
}

#[test]
fn the_default_neuron_rests_between_minus_75_and_minus_65() {
    let mut lab = lab();
    play_for(&mut lab, 3.0);
    let r = readout(&lab);
    assert!((-75.0..=-65.0).contains(&r.voltage_mv), "{}", r.voltage_mv);
    assert_eq!(r.voltage_text, format!("−{:.1} mV", -r.voltage_mv));
    assert_eq!(r.preset, "neuron");
    assert!(r.time_s > 2.9 && r.time_s < 3.1, "real time: {}", r.time_s);
}

#[test]
fn pause_freezes_and_steps_move_by_one_slice_and_back_exactly() {
    let mut lab = lab();
    set(&mut lab, "ion.K.outside", 10.0).unwrap();
    play_for(&mut lab, 0.5);
    lab.apply(&Command::Pause).unwrap();
    let frozen = lab.membrane().clone();
    for _ in 0..120 {
        lab.frame(FRAME);
    }
    assert_eq!(lab.membrane(), &frozen, "paused frames must not move the model");
    // Pausing a paused lab changes nothing.
    lab.apply(&Command::Pause).unwrap();
    assert!(!lab.is_playing());
    assert_eq!(lab.membrane(), &frozen);
    // 150 steps forward, each exactly one slice.
    let mut states = vec![lab.membrane().clone()];
    for _ in 0..150 {
        let t = lab.membrane().time_s();
        step(&mut lab, StepDirection::Forward).unwrap();
        assert!((lab.membrane().time_s() - t - lab.slice_s()).abs() < 1e-12);
        states.push(lab.membrane().clone());
    }
    // ... and 150 back, each restoring the earlier state exactly.
    for k in (0..150).rev() {
        step(&mut lab, StepDirection::Back).unwrap();
        assert_eq!(lab.membrane(), &states[k], "step back {k}");
    }
    // Slices of play can be stepped back through too.
    play_for(&mut lab, 1.0);
    lab.apply(&Command::Pause).unwrap();
    let t_end = lab.membrane().time_s();
    step(&mut lab, StepDirection::Back).unwrap();
    assert!(lab.membrane().time_s() < t_end);
}

#[test]
fn stepping_back_with_nothing_to_undo_is_refused_and_changes_nothing() {
    let mut lab = lab();
    play_for(&mut lab, 0.0);
    let revision = lab.revision();
    let e = step(&mut lab, StepDirection::Back).unwrap_err();
    assert_eq!(e, LabError::NoEarlierStep);
    assert_eq!(message(&lab, &e), "step back: there is no earlier step to go back to");
    assert!(lab.is_playing(), "a refused step leaves the lab playing");
    assert_eq!(lab.revision(), revision);
}

/// V before `key` is set to `value`, and after `seconds` of play.
fn voltage_change(lab: &mut Lab, key: &str, value: f64, seconds: f64) -> (f64, f64) {
    let v0 = lab.membrane().voltage_mv();
    set(lab, key, value).unwrap();
    play_for(lab, seconds);
    (v0, lab.membrane().voltage_mv())
}

#[test]
fn raising_outside_k_to_10_mm_depolarises_within_a_few_seconds_of_play() {
    let (v0, v) = voltage_change(&mut lab(), "ion.K.outside", 10.0, 2.0);
    assert!(v > v0 + 5.0, "{v0} → {v}");
}

#[test]
fn a_pump_block_depolarises_at_once_then_drifts_at_fast_forward() {
    let mut lab = lab();
    let (v0, v1) = voltage_change(&mut lab, "pump.running", 0.0, 1.0);
    assert!((2.0..=8.0).contains(&(v1 - v0)), "immediate {v0} → {v1}");
    lab.apply(&Command::Pause).unwrap();
    // An hour per second.
    lab.apply(&Command::SetSpeed { index: SPEEDS_MODEL_S_PER_REAL_S.len() - 1 }).unwrap();
    play_for(&mut lab, 2.0);
    let v2 = lab.membrane().voltage_mv();
    assert!(v2 > v1 + 5.0, "slow drift over two hours: {v1} → {v2}");
    assert!(lab.membrane().time_s() > 7000.0);
}

/// Resting voltages in doc/model.md's preset table (the last column, to 0.1 mV).
fn documented_rest() -> Vec<(String, f64)> {
    let md = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/doc/model.md")).unwrap();
    md.lines()
        .filter_map(|line| {
            let id = line.strip_prefix("| `")?.split('`').next()?.to_string();
            let last = line.trim_end_matches('|').rsplit('|').next()?.trim().replace('−', "-");
            Some((id, last.parse().ok()?))
        })
        .collect()
}

#[test]
fn every_preset_loads_paused_at_the_voltage_doc_model_md_documents() {
    let mut lab = lab();
    let documented = documented_rest();
    let catalog = Catalog::english();
    for preset in PRESETS {
        lab.apply(&Command::LoadPreset { preset: preset.id.to_string() }).unwrap();
        let r = readout(&lab);
        let doc = documented.iter().find(|(id, _)| id == preset.id).map(|d| d.1);
        let doc = doc.unwrap_or_else(|| panic!("{} is not in doc/model.md's preset table", preset.id));
        assert!((r.voltage_mv - doc).abs() <= 0.05, "{}: lab {} mV, doc/model.md {doc} mV", preset.id, r.voltage_mv);
        assert_eq!(r.preset, preset.id);
        assert_eq!(r.preset_description, catalog.text(&format!("preset-{}-description", preset.id)));
        assert!(!r.playing && r.time_s == 0.0);
    }
    assert_eq!(documented.len(), PRESETS.len(), "doc/model.md documents a preset the lab does not have");
    let e = lab.apply(&Command::LoadPreset { preset: "zombie".into() }).unwrap_err();
    assert_eq!(e, LabError::UnknownPreset { id: "zombie".into() });
    assert_eq!(lab.preset_id(), PRESETS.last().unwrap().id, "a failed load keeps the last preset");
}

#[test]
fn bad_values_are_refused_with_the_control_and_its_range_and_nothing_changes() {
    let mut lab = lab();
    let before = lab.membrane().clone();
    let revision = lab.revision();
    let cases: Vec<(Command, &str)> = vec![
        (
            Command::SetControl { key: key("ion.K.outside"), value: -1.0 },
            "K⁺ outside (mM): must be from 0 to 10000; got −1",
        ),
        (
            Command::SetControl { key: key("ion.Na.inside"), value: f64::NAN },
            "Na⁺ inside (mM): must be from 0 to 10000; got not a number",
        ),
        (
            Command::SetControl { key: key("ion.K.permeability"), value: 1.0 },
            "K⁺ permeability (cm/s): must be from 1e−12 to 0.01; got 1",
        ),
        (
            Command::SetControl { key: key("temperature"), value: -300.0 },
            "Temperature (°C): must be from 0 to 50; got −300",
        ),
        (
            // A positive concentration no cell can have: E_K would read thousands of mV.
            Command::SetControl { key: key("ion.K.outside"), value: 1e-300 },
            "K⁺ outside (mM): must be 0 (none) or from 1e−9 to 10000; got 1e−300",
        ),
        (
            Command::SetControl { key: key("temperature"), value: -273.0 },
            "Temperature (°C): must be from 0 to 50; got −273",
        ),
        (
            Command::SetControl { key: key("pump.rate"), value: 200.0 },
            "Pump rate (% of normal): must be from 0 to 100; got 200",
        ),
        (Command::SetSpeed { index: 99 }, "speed: must be a speed index from 0 to 7; got 99"),
        (
            Command::SetControl { key: key("ion.Mg.outside"), value: 1.0 },
            "\"ion.Mg.outside\" is not a control of this cell",
        ),
        (
            Command::SetControlPosition { key: key("pump.rate"), position: 5000 },
            "Pump rate (% of normal): slider position must be from 0 to 1000; got 5000",
        ),
        (Command::SetParticleBudget { count: 5 }, "particles: must be from 100 to 50000; got 5"),
    ];
    for (command, expected) in cases {
        let e = lab.apply(&command).unwrap_err();
        assert_eq!(message(&lab, &e), expected, "{command:?}");
    }
    assert_eq!(lab.membrane(), &before);
    assert_eq!(lab.revision(), revision, "refused commands leave the revision alone");
    // Every other permeability may go to zero; P_K, the reference, may not, so the
    // voltage always stays defined.
    for ion in ["Na", "Cl", "Ca"] {
        set(&mut lab, &format!("ion.{ion}.permeability"), 0.0).unwrap();
    }
    let e = set(&mut lab, "ion.K.permeability", 0.0).unwrap_err();
    assert!(matches!(e, LabError::OutOfRange { min, .. } if min > 0.0), "{e:?}");
    lab.apply(&Command::Reset).unwrap();
    assert_eq!(lab.membrane(), &before);
    // With no K⁺ at all and every permeability at 0 the membrane is sealed: accepted (the
    // explainer begins with one), V holds exactly still with no pump, and the readout
    // says why the passive voltage is "—".
    let neuron = vrest_core::presets::neuron();
    let no_k =
        vrest_core::Scenario::from_json_over(r#"{"pump": null, "ions": [{"name": "Na"}, {"name": "Cl"}]}"#, &neuron);
    let mut no_k = Lab::with_scenario(1, "neuron", &no_k.unwrap()).unwrap();
    set(&mut no_k, "ion.Cl.permeability", 0.0).unwrap();
    set(&mut no_k, "ion.Na.permeability", 0.0).unwrap();
    let v = no_k.membrane().voltage_mv();
    for _ in 0..10 {
        no_k.apply(&Command::Step { direction: StepDirection::Forward }).unwrap();
    }
    assert_eq!(no_k.membrane().voltage_mv(), v, "nothing crosses a sealed membrane");
    let catalog = vrest::present::Catalog::english();
    let r = vrest::present::Readout::new(&no_k, &no_k.measure(), &catalog);
    assert_eq!(r.ghk_text, "—");
    assert!(r.notes.iter().any(|n| n.contains("no ion can cross this membrane")), "{:?}", r.notes);
    assert_eq!(lab.membrane(), &before);
}

#[test]
fn the_readout_never_shows_nan_and_explains_undefined_values() {
    let mut lab = lab();
    // Remove Ca²⁺ from the inside: E_Ca becomes infinite.
    set(&mut lab, "ion.Ca.inside", 0.0).unwrap();
    set(&mut lab, "ion.Ca.permeability", 0.01).unwrap();
    let r = readout(&lab);
    let ca = &r.ions[3];
    assert_eq!(lab.measure().ions[3].inside_mm, 0.0);
    assert_eq!(ca.nernst_text, "—");
    assert_eq!(ca.driving_force_text, "—");
    assert_eq!(ca.nernst_note.as_deref(), Some("No Ca²⁺ inside: E is infinite, so this ion can only flow one way."));
    assert!(r.notes.iter().any(|n| n.starts_with("E for Ca²⁺ is shown as —")), "{:?}", r.notes);
    // Ca²⁺ then leaks in and E_Ca becomes defined.
    play_for(&mut lab, 0.2);
    let m = lab.measure();
    assert!(m.ions[3].inside_mm > 0.0 && m.ions[3].nernst_mv.is_some());
    let r = readout(&lab);
    let json = serde_json::to_string(&r).unwrap();
    for bad in ["NaN", "inf", "undefined", "null,\"voltage"] {
        assert!(!json.contains(bad), "{bad} in {json}");
    }
}

#[test]
fn the_readout_numbers_come_from_the_model() {
    let lab = lab();
    let r = readout(&lab);
    let m = lab.membrane();
    let k = &r.ions[0];
    let e_k = nernst_mv(1, m.inside_mm()[0], 5.0, 37.0).unwrap();
    assert_eq!(k.label, "K⁺");
    assert_eq!(k.nernst_text, format!("−{:.1} mV", -e_k));
    assert_eq!(k.direction, "outward");
    assert_eq!(r.ions[1].direction, "inward");
    assert_eq!(r.ions[2].relative_text, "0.45 × P_K");
    assert_eq!(r.ions[3].relative_text, "impermeant");
    // The pump's own share of V is a few mV of hyperpolarisation.
    let pump = lab.measure().pump.unwrap();
    assert!(pump.running && (-6.0..=-2.0).contains(&pump.contribution_mv.unwrap()), "{pump:?}");
    assert!(r.pump_text.contains(&format!("shifts V by −{:.1} mV", -pump.contribution_mv.unwrap())), "{}", r.pump_text);
    assert!(r.ions_moved_text.contains("million"), "{}", r.ions_moved_text);
    assert!(r.k_fraction_text.starts_with("1 in "), "{}", r.k_fraction_text);
    assert!(r.particle_text.starts_with("One crossing particle = "));
    assert_eq!(r.speed_text, "Real time");
    assert_eq!(r.play_text, "Play");
}

#[test]
fn the_speed_sets_the_slice_and_the_trace_window() {
    let mut lab = lab();
    lab.apply(&Command::SetSpeed { index: 0 }).unwrap();
    assert!((lab.slice_s() - 1e-4).abs() < 1e-15);
    assert!(readout(&lab).speed_text.contains("1 ms"));
    assert_eq!(readout(&lab).step_text, "One step = 100 µs of model time");
    lab.apply(&Command::SetSpeed { index: 7 }).unwrap();
    assert_eq!(lab.slice_s(), 360.0);
    assert_eq!(lab.trace_window_s(), 72_000.0);
    assert_eq!(readout(&lab).trace_window_text, "(last 20 h 00 min)");
}

#[test]
fn the_trace_is_bounded_and_covers_its_window() {
    let mut lab = lab();
    set(&mut lab, "ion.K.outside", 20.0).unwrap();
    play_for(&mut lab, 200.0);
    let trace = lab.trace();
    assert!(!trace.is_empty());
    let t_now = lab.membrane().time_s();
    assert!(trace.first().unwrap().0 >= t_now - lab.trace_window_s() - 1e-9);
    assert!(trace.len() <= 6_000);
    assert!(trace.windows(2).all(|w| w[1].0 > w[0].0));
}

#[test]
fn the_revision_moves_on_with_every_change_and_only_then() {
    let mut lab = lab();
    let r0 = lab.revision();
    lab.frame(FRAME);
    assert_eq!(lab.revision(), r0, "a paused frame changes nothing a view shows");
    set(&mut lab, "ion.K.outside", 6.0).unwrap();
    let r1 = lab.revision();
    assert!(r1 > r0);
    play_for(&mut lab, FRAME);
    assert!(lab.revision() > r1, "a frame of play moves the model");
    assert_eq!(lab.measure().lab.revision, lab.revision());
}

#[test]
fn particle_densities_follow_concentrations() {
    let lab = lab();
    let scene = lab.scene();
    let total = scene.particles().len();
    assert!((total as f64 - DEFAULT_PARTICLES as f64).abs() < 0.05 * DEFAULT_PARTICLES as f64, "{total}");
    // K⁺ is 28 times denser inside than out; Na⁺ about 10 times denser outside.
    let (k_in, k_out) = (scene.count(0, Side::Inside), scene.count(0, Side::Outside));
    let (na_in, na_out) = (scene.count(1, Side::Inside), scene.count(1, Side::Outside));
    assert!((k_in as f64 / k_out as f64 - 28.0).abs() < 3.0, "{k_in}/{k_out}");
    assert!((na_out as f64 / na_in as f64 - 145.0 / 15.0).abs() < 1.5, "{na_out}/{na_in}");
    assert!(scene.count(ANION_KIND, Side::Inside) > 0);
    assert_eq!(scene.count(ANION_KIND, Side::Outside), 0);
}

#[test]
fn playing_shows_crossings_at_a_visible_rate() {
    let mut lab = lab();
    play_for(&mut lab, 5.0);
    let crossing = lab.scene().particles().iter().filter(|p| p.is_crossing()).count();
    assert!(crossing > 0, "some particles should be crossing");
    // The scale puts the expected event rate near the target, and the legend says so.
    let rate = CrossingGenerator::expected_events(&lab.membrane().fluxes(), 1.0, lab.ions_per_particle());
    assert!((3.0..=48.0).contains(&rate), "{rate} events per real second");
    // Slow motion: a finer scale, the same visible rate.
    let coarse = lab.ions_per_particle();
    lab.apply(&Command::SetSpeed { index: 0 }).unwrap();
    assert!(lab.ions_per_particle() < coarse / 100.0);
}

#[test]
fn kcc2_and_the_exchanger_are_drawn_and_turn_over_at_the_models_rate() {
    let mut lab = lab();
    assert!(lab.scene().layout().transporters.is_empty(), "the passive neuron has neither");
    lab.apply(&Command::LoadPreset { preset: "excitable-neuron".into() }).unwrap();
    let layout = lab.scene().layout().clone();
    let kinds: Vec<_> = layout.transporters.iter().map(|t| (t.kind, t.ions.clone())).collect();
    let s = lab.membrane().scenario();
    let ix = |name: &str| s.ion_index(name).unwrap();
    assert_eq!(kinds, vec![(Transporter::Kcc2, vec![ix("K"), ix("Cl")]), (Transporter::Ncx, vec![ix("Na"), ix("Ca")])]);
    // After every channel and the pump, inside the membrane's width, in order.
    let last_protein = layout.channel_x.iter().flatten().chain(layout.pump_x.iter()).fold(0.0f32, |a, &x| a.max(x));
    assert!(layout.transporters.iter().all(|t| t.x > last_protein && t.x < 1.0), "{layout:?}");
    // A minute of real-time play: KCC2 pairs drawn as the model's rate says (the
    // accumulator releases them exactly, give or take one).
    let per_particle = lab.ions_per_particle();
    let rate = lab.membrane().fluxes().cycles_per_s(Transporter::Kcc2);
    play_for(&mut lab, 60.0);
    let [pairs, ..] = lab.scene().transporter_turnovers_shown();
    let expected = rate * lab.membrane().time_s() / per_particle;
    assert!(
        expected > 3.0 && (pairs as f64 - expected).abs() <= 1.5,
        "{pairs} KCC2 pairs drawn, expected {expected:.2}"
    );
}

#[test]
fn the_plant_cells_h_pump_turns_over_at_the_models_rate_and_unticking_it_depolarises() {
    let mut lab = lab();
    lab.apply(&Command::LoadPreset { preset: "plant-cell".into() }).unwrap();
    let s = lab.membrane().scenario().clone();
    let ix = |name: &str| s.ion_index(name).unwrap();
    let kinds: Vec<_> = lab.scene().layout().transporters.iter().map(|t| (t.kind, t.ions.clone())).collect();
    assert_eq!(
        kinds,
        vec![(Transporter::ProtonPump, vec![ix("H")]), (Transporter::KhExchanger, vec![ix("K"), ix("H")])]
    );
    assert!(lab.scene().layout().pump_x.is_none(), "no Na⁺/K⁺ pump in a plant cell");
    // The readout names the H⁺ pump and its 2 µA/cm².
    let r = readout(&lab);
    assert!(r.pump_text.starts_with("H⁺ pump") && r.pump_text.contains("2.00 µA/cm²"), "{}", r.pump_text);
    let per_particle = lab.ions_per_particle();
    let rate = lab.membrane().fluxes().cycles_per_s(Transporter::ProtonPump);
    play_for(&mut lab, 20.0);
    let [_, _, cycles, exchanges] = lab.scene().transporter_turnovers_shown();
    let expected = rate * lab.membrane().time_s() / per_particle;
    assert!(
        expected > 3.0 && (cycles as f64 - expected).abs() <= 1.5,
        "{cycles} H⁺ cycles drawn, expected {expected:.2}"
    );
    assert!(exchanges > 0, "the K⁺/H⁺ exchanger turns over too");
    // Cyanide: untick the H⁺ pump; V falls toward E_K within a second of play.
    let before = lab.membrane().voltage_mv();
    set(&mut lab, "proton_pump.running", 0.0).unwrap();
    play_for(&mut lab, 1.0);
    let after = lab.membrane().voltage_mv();
    assert!(after - before > 40.0, "{before} → {after}");
    assert_eq!(lab.membrane().fluxes().cycles_per_s(Transporter::ProtonPump), 0.0);
}

#[test]
fn with_the_pump_blocked_its_cycles_stop() {
    let mut lab = lab();
    set(&mut lab, "pump.running", 0.0).unwrap();
    play_for(&mut lab, 3.0);
    let shown = lab.scene().pump_cycles_shown();
    play_for(&mut lab, 3.0);
    assert_eq!(lab.scene().pump_cycles_shown(), shown);
    assert!(readout(&lab).pump_text.contains("0 (blocked)"), "{}", readout(&lab).pump_text);
}

#[test]
fn controls_are_named_for_the_ion_the_side_and_the_unit() {
    let lab = lab();
    let setup = vrest::present::words::PageSetup::new(&lab, &Catalog::english());
    let labels: Vec<&str> = setup.controls.iter().map(|c| c.label.as_str()).collect();
    for expected in [
        "K⁺ outside (mM)",
        "K⁺ inside (mM)",
        "Na⁺ outside (mM)",
        "K⁺ permeability (cm/s)",
        "Na⁺ permeability (× P_K)",
        "Ca²⁺ permeability (× P_K)",
        "Temperature (°C)",
        "Pump rate (% of normal)",
    ] {
        assert!(labels.contains(&expected), "no control labelled {expected}: {labels:?}");
    }
    let keys: Vec<&str> = setup.controls.iter().map(|c| c.key.as_str()).collect();
    assert_eq!(&keys[..3], ["ion.K.inside", "ion.K.outside", "ion.K.permeability"]);
    // The readout carries every control's value and slider position.
    let states = readout(&lab).controls;
    let k_out = states.iter().find(|c| c.key == "ion.K.outside").unwrap();
    assert_eq!(k_out.value, 5.0);
    assert_eq!(k_out.text, "5.00 mM");
    let na_p = states.iter().find(|c| c.key == "ion.Na.permeability").unwrap();
    assert!((na_p.value - 0.04).abs() < 1e-12);
}

#[test]
fn a_refused_typed_value_keeps_the_last_valid_one() {
    let mut lab = lab();
    set(&mut lab, "ion.K.outside", 10.0).unwrap();
    assert!(set(&mut lab, "ion.K.outside", -3.0).is_err());
    let k_out = readout(&lab).controls.into_iter().find(|c| c.key == "ion.K.outside").unwrap();
    assert_eq!(k_out.value, 10.0);
    assert_eq!(k_out.typed, "10");
}

#[test]
fn sliders_map_positions_to_values_and_back() {
    let mut lab = lab();
    for control in ["ion.K.outside", "ion.Cl.inside", "ion.Na.permeability", "temperature", "pump.rate"] {
        for position in [1, 250, 500, 750, 1000] {
            lab.apply(&Command::SetControlPosition { key: key(control), position }).unwrap();
            let state = readout(&lab).controls.into_iter().find(|c| c.key == control).unwrap();
            assert!(state.position.abs_diff(position) <= 3, "{control}: set {position}, reads {}", state.position);
        }
    }
    // Position 0 of a relative permeability is "off".
    lab.apply(&Command::SetControlPosition { key: key("ion.Na.permeability"), position: 0 }).unwrap();
    assert_eq!(lab.membrane().scenario().ions[1].permeability_cm_per_s, 0.0);
    // Dragging K⁺ outside up depolarises.
    let mut lab = Lab::new(1).unwrap();
    let v0 = lab.membrane().voltage_mv();
    lab.apply(&Command::SetControlPosition { key: ControlKey::ion("K", IonQuantity::Outside), position: 800 }).unwrap();
    play_for(&mut lab, 1.0);
    assert!(lab.membrane().voltage_mv() > v0 + 5.0);
    // The pump checkbox blocks and restarts the pump.
    set(&mut lab, "pump.running", 0.0).unwrap();
    assert!(lab.membrane().scenario().pump.unwrap().blocked);
    set(&mut lab, "pump.running", 1.0).unwrap();
    assert!(!lab.membrane().scenario().pump.unwrap().blocked);
}

#[test]
fn commands_read_from_json_and_refuse_what_they_do_not_know() {
    let parse = |json: &str| serde_json::from_str::<Command>(json);
    assert_eq!(parse(r#"{"do": "play"}"#).unwrap(), Command::Play);
    assert_eq!(
        parse(r#"{"do": "step", "args": {"direction": -1}}"#).unwrap(),
        Command::Step { direction: StepDirection::Back }
    );
    assert_eq!(
        parse(r#"{"do": "set_control", "args": {"key": "ion.K.outside", "value": 10}}"#).unwrap(),
        Command::SetControl { key: ControlKey::ion("K", IonQuantity::Outside), value: 10.0 }
    );
    for bad in [
        r#"{"do": "explode"}"#,
        r#"{"do": "play", "extra": 1}"#,
        r#"{"do": "step", "args": {"direction": 2}}"#,
        r#"{"do": "step", "args": {"direction": 1, "by": 3}}"#,
        r#"{"do": "set_speed", "args": {"index": -1}}"#,
        r#"{"do": "set_speed", "args": {"index": 1.5}}"#,
        r#"{"do": "set_control", "args": {"key": "ion.K", "value": 1}}"#,
        r#"{"do": "set_control", "args": {"key": "ion.K.outside"}}"#,
        r#"{"do": "play", "args": {"index": 1}}"#,
        r#"{"do": "set_speed", "args": {"index": 1, "preset": "neuron"}}"#,
        r#"{"do": "set_speed"}"#,
        r#"{"args": {"index": 1}}"#,
    ] {
        assert!(parse(bad).is_err(), "{bad} was accepted");
    }
    // Every command survives a round trip through its JSON form.
    for command in [
        Command::TogglePlay,
        Command::Reset,
        Command::Step { direction: StepDirection::Forward },
        Command::LoadPreset { preset: "cold".into() },
        Command::SetControlPosition { key: ControlKey::PumpRate, position: 10 },
        Command::SetControl { key: ControlKey::ion("Ca", IonQuantity::Inside), value: 1e-4 },
        Command::SetSpeed { index: 2 },
        Command::SetParticleBudget { count: 2000 },
        Command::Pause,
        Command::Play,
    ] {
        let json = serde_json::to_string(&command).unwrap();
        assert_eq!(parse(&json).unwrap(), command, "{json}");
    }
}

#[test]
fn a_lab_starts_on_any_scenario_under_its_preset_name() {
    let squid = vrest_core::presets::build("squid-axon").unwrap();
    let charged = vrest_core::Scenario::from_json_over(r#"{"initial_voltage_mv": 0}"#, &squid).unwrap();
    let lab = Lab::with_scenario(3, "squid-axon", &charged).unwrap();
    assert_eq!(lab.membrane().voltage_mv(), 0.0);
    assert_eq!(lab.membrane().scenario().temperature_c, 20.0, "the squid's, not the neuron's");
    assert_eq!(lab.preset_id(), "squid-axon");
    assert!(matches!(Lab::with_scenario(3, "zombie", &charged), Err(LabError::UnknownPreset { .. })));
}

/// The excitable neuron at K⁺ outside 15 mM, where it fires on its own, at the
/// fastest speed.
fn firing_at_the_fastest_speed() -> Lab {
    let mut lab = lab();
    lab.apply(&Command::LoadPreset { preset: "excitable-neuron".into() }).unwrap();
    set(&mut lab, "ion.K.outside", 15.0).unwrap();
    lab.apply(&Command::SetSpeed { index: SPEEDS_MODEL_S_PER_REAL_S.len() - 1 }).unwrap();
    lab
}

#[test]
fn a_firing_cell_at_the_fastest_speed_is_slowed_and_says_so_with_every_spike_on_the_trace() {
    let mut lab = firing_at_the_fastest_speed();
    play_for(&mut lab, 1.0);
    let wanted = SPEEDS_MODEL_S_PER_REAL_S[SPEEDS_MODEL_S_PER_REAL_S.len() - 1] * 1.0;
    let ran = lab.membrane().time_s();
    assert!(ran < wanted / 100.0, "a second of play ran {ran} s of a firing cell, not {wanted}");
    let actual = lab.effective_speed().expect("the lab says it is slowed");
    assert!(actual < lab.speed() / 100.0, "{actual}");
    let r = readout(&lab);
    assert!(r.speed_text.contains("slowed to about") && r.speed_text.contains("every spike"), "{}", r.speed_text);
    // The pace reached, to the two digits it holds ("about 2.7 s per second"), not a
    // rounder figure that claims more digits than it keeps.
    let said = r.speed_text.split("about ").nth(1).and_then(|t| t.split(" s per second").next()).unwrap();
    let x: f64 = said.parse().unwrap();
    assert!(said.replace('.', "").trim_start_matches('0').len() == 2, "two digits: {said}");
    assert!((x - actual).abs() <= 0.05 * actual, "said {said} s, ran {actual} s per second");
    // The spikes are on the trace: it swings from below −50 mV to above −20 mV.
    let trace = lab.trace();
    let (lo, hi) = trace.iter().fold((f64::MAX, f64::MIN), |(a, b), p| (a.min(p.1), b.max(p.1)));
    assert!(lo < -50.0 && hi > -20.0, "trace from {lo} to {hi}");
    assert!(trace.windows(2).all(|w| w[1].0 > w[0].0), "times strictly increase");
    // At rest nothing is slowed.
    let mut quiet = Lab::new(5).unwrap();
    quiet.apply(&Command::SetSpeed { index: 7 }).unwrap();
    play_for(&mut quiet, 0.5);
    assert_eq!(quiet.effective_speed(), None);
}

#[test]
fn a_step_of_a_firing_cell_at_the_fastest_speed_stops_at_its_budget_and_says_how_far_it_got() {
    let mut lab = firing_at_the_fastest_speed();
    let slice = lab.slice_s();
    lab.apply(&Command::Step { direction: StepDirection::Forward }).unwrap();
    let covered = lab.short_step_s().expect("a firing cell cannot cover a 6-minute slice within the budget");
    let t = lab.membrane().time_s();
    assert!((t - covered).abs() < 1e-12 && covered > 0.0 && covered < slice / 10.0, "covered {covered} of {slice}");
    let r = readout(&lab);
    assert!(r.step_text.contains("covered only") && r.step_text.contains("many small steps"), "{}", r.step_text);
    // A refused command keeps the note; a step back clears it.
    assert!(lab.apply(&Command::SetSpeed { index: 99 }).is_err());
    assert_eq!(lab.short_step_s(), Some(covered));
    // Step back restores the start exactly; any other command clears the note.
    lab.apply(&Command::Step { direction: StepDirection::Back }).unwrap();
    assert_eq!(lab.membrane().time_s(), 0.0);
    assert_eq!(lab.short_step_s(), None);
    assert!(!readout(&lab).step_text.contains("covered only"));
    // A resting cell covers the whole slice in one step.
    let mut quiet = Lab::new(5).unwrap();
    quiet.apply(&Command::SetSpeed { index: 7 }).unwrap();
    quiet.apply(&Command::Step { direction: StepDirection::Forward }).unwrap();
    assert_eq!(quiet.short_step_s(), None);
    assert!((quiet.membrane().time_s() - quiet.slice_s()).abs() < 1e-9 * quiet.slice_s());
}

/// Play in slow motion (1 ms of model time per second) for `real_s` and return the
/// highest V on the trace.
fn peak_in_slow_motion(lab: &mut Lab, real_s: f64) -> f64 {
    lab.apply(&Command::SetSpeed { index: 0 }).unwrap();
    play_for(lab, real_s);
    lab.trace().iter().map(|p| p.1).fold(f64::MIN, f64::max)
}

#[test]
fn stimulate_fires_the_excitable_neuron_and_a_passive_membrane_only_charges() {
    let mut lab = lab();
    lab.apply(&Command::LoadPreset { preset: "excitable-neuron".into() }).unwrap();
    let keys: Vec<String> = lab.control_specs().iter().map(|s| s.key.to_string()).collect();
    for key in ["gates.on", "kcc2.rate", "ncx.max"] {
        assert!(keys.contains(&key.to_string()), "{keys:?}");
    }
    lab.apply(&Command::Stimulate { amplitude_ua_per_cm2: 40.0 }).unwrap();
    // Paused, the pulse is armed (a demonstration steps through it); Play runs it.
    assert!(!lab.is_playing() && lab.pulse_pending(), "the pulse waits, armed");
    let peak = peak_in_slow_motion(&mut lab, 6.0);
    assert!(peak > 0.0, "the spike overshoots 0 mV: {peak}");
    // The same pulse with the gated channels removed: a passive membrane charges, no spike.
    lab.apply(&Command::Reset).unwrap();
    set(&mut lab, "gates.on", 0.0).unwrap();
    assert!(lab.membrane().gates().is_none());
    lab.apply(&Command::Stimulate { amplitude_ua_per_cm2: 40.0 }).unwrap();
    let peak = peak_in_slow_motion(&mut lab, 6.0);
    assert!(peak < -20.0, "passive: {peak}");
    // Back on: the gates start where they sit at this V.
    set(&mut lab, "gates.on", 1.0).unwrap();
    let gates = lab.membrane().gates().unwrap();
    assert!(gates[1] > 0.9, "h near 1 at rest: {gates:?}");
    // A pulse out of range is refused by the name its field has on the page; a cell
    // without the channels has no switch.
    let e = lab.apply(&Command::Stimulate { amplitude_ua_per_cm2: 5000.0 }).unwrap_err();
    assert_eq!(message(&lab, &e), "Pulse (µA/cm², 1 ms): must be from −1000 to 1000; got 5000");
    let e = lab.apply(&Command::Stimulate { amplitude_ua_per_cm2: f64::NAN }).unwrap_err();
    assert_eq!(message(&lab, &e), "Pulse (µA/cm², 1 ms): must be from −1000 to 1000; got not a number");
    let neuron = Lab::new(1).unwrap();
    assert!(neuron.control_specs().iter().all(|s| s.key != ControlKey::GatesOn));
    assert_eq!(
        message(&neuron, &neuron.control_spec(&ControlKey::GatesOn).unwrap_err()),
        "\"gates.on\" is not a control of this cell"
    );
}

#[test]
fn k_wins_the_vote_at_rest_and_na_at_the_peak_of_a_spike() {
    let mut lab = lab();
    lab.apply(&Command::LoadPreset { preset: "excitable-neuron".into() }).unwrap();
    let share = |lab: &Lab, ion: usize| lab.measure().ions[ion].conductance_share;
    let total: f64 = lab.measure().ions.iter().map(|i| i.conductance_share).sum();
    assert!((total - 1.0).abs() < 1e-12, "{total}");
    assert!(
        share(&lab, 0) > 0.5 && share(&lab, 0) > 3.0 * share(&lab, 1),
        "rest: K {} Na {}",
        share(&lab, 0),
        share(&lab, 1)
    );
    assert_eq!(readout(&lab).ions[0].share_text, format!("{:.0} %", 100.0 * share(&lab, 0)));
    // Through a spike in slow motion, at the frame of the highest V.
    lab.apply(&Command::SetSpeed { index: 0 }).unwrap();
    lab.apply(&Command::Stimulate { amplitude_ua_per_cm2: 40.0 }).unwrap();
    lab.apply(&Command::Play).unwrap();
    let mut at_peak = (f64::MIN, 0.0, 0.0);
    for _ in 0..240 {
        lab.frame(FRAME);
        let v = lab.membrane().voltage_mv();
        if v > at_peak.0 {
            at_peak = (v, share(&lab, 0), share(&lab, 1));
        }
    }
    let (v, k, na) = at_peak;
    assert!(v > 0.0 && na > 0.5 && na > k, "peak {v} mV: Na {na} K {k}");
}

#[test]
fn sliders_say_their_physical_value_in_words_for_screen_readers() {
    let mut lab = lab();
    let spoken = |lab: &Lab, key: &str| readout(lab).controls.iter().find(|c| c.key == key).unwrap().spoken.clone();
    set(&mut lab, "ion.K.outside", 10.0).unwrap();
    assert_eq!(spoken(&lab, "ion.K.outside"), "10.0 millimolar");
    assert_eq!(spoken(&lab, "temperature"), "37.0 degrees Celsius");
    assert_eq!(spoken(&lab, "ion.Na.permeability"), "4.00 percent of P K");
    assert_eq!(spoken(&lab, "ion.K.permeability"), "1.0 times 10 to the power negative 6 centimetres per second");
    assert_eq!(spoken(&lab, "pump.rate"), "100 percent");
    set(&mut lab, "temperature", 5.0).unwrap();
    assert_eq!(spoken(&lab, "temperature"), "5.00 degrees Celsius");
    assert_eq!(vrest::present::words::spoken_number(-5.0, &Catalog::english()), "negative 5.00");
    // Tiny concentrations in their own unit: the plant cell's H⁺ inside.
    lab.apply(&Command::LoadPreset { preset: "plant-cell".into() }).unwrap();
    assert_eq!(spoken(&lab, "ion.H.inside"), "50.0 nanomolar");
    assert_eq!(spoken(&lab, "kh_exchanger.rate"), "0.00156 millimolar per second");
    // No superscripts or symbols a screen reader would misread.
    for c in readout(&lab).controls {
        assert!(!c.spoken.chars().any(|ch| "⁰¹²³⁴⁵⁶⁷⁸⁹⁻×−µ".contains(ch)), "{}: {}", c.key, c.spoken);
    }
}

#[test]
fn a_change_made_while_paused_says_that_v_waits_for_time_and_where_it_will_head() {
    let mut lab = lab();
    let before = lab.membrane().voltage_mv();
    set(&mut lab, "ion.K.outside", 10.0).unwrap();
    assert_eq!(lab.membrane().voltage_mv(), before, "paused: V has not moved");
    let r = readout(&lab);
    let note = r.notes.iter().find(|n| n.starts_with("Time is paused")).expect("the paused note");
    // Where it heads: the zero-current voltage at 10 mM, which a Step then reaches.
    let target = lab.measure().lab.heading_mv.unwrap();
    assert!(
        note.ends_with(&format!(
            "heading for {}.",
            vrest::present::format::Formats { catalog: &Catalog::english() }.mv(target)
        )),
        "{note}"
    );
    lab.apply(&Command::Step { direction: vrest::lab::StepDirection::Forward }).unwrap();
    let after = lab.membrane().voltage_mv();
    assert!((after - target).abs() < 0.5, "stepped to {after}, heading was {target}");
    assert!(readout(&lab).notes.iter().all(|n| !n.starts_with("Time is paused")), "the note goes once time ran");
    // While playing, a change needs no such note; nor does a pacemaker get a target.
    lab.apply(&Command::Play).unwrap();
    set(&mut lab, "ion.K.outside", 5.0).unwrap();
    assert!(readout(&lab).notes.iter().all(|n| !n.starts_with("Time is paused")));
    lab.apply(&Command::LoadPreset { preset: "sa-node".into() }).unwrap();
    lab.apply(&Command::Pause).unwrap();
    set(&mut lab, "ion.K.outside", 5.0).unwrap();
    let r = readout(&lab);
    assert!(r.notes.iter().any(|n| n.starts_with("Time is paused") && !n.contains("heading")), "{:?}", r.notes);
}

#[test]
fn reduced_motion_stills_the_particles_and_shows_the_crossings_as_rates() {
    let mut lab = lab();
    lab.apply(&Command::SetReducedMotion { on: true }).unwrap();
    assert!(lab.reduced_motion());
    lab.apply(&Command::SetSpeed { index: 4 }).unwrap();
    play_for(&mut lab, 1.0);
    let before: Vec<(f32, f32)> = lab.scene().particles().iter().map(|p| (p.x, p.y)).collect();
    play_for(&mut lab, 2.0);
    let after: Vec<(f32, f32)> = lab.scene().particles().iter().map(|p| (p.x, p.y)).collect();
    // Particles may fade in or out as concentrations move, but none moves or crosses.
    let moved = before.iter().filter(|p| !after.contains(p)).count();
    assert!(moved * 50 < before.len(), "{moved} of {} moved", before.len());
    assert!(lab.scene().particles().iter().all(|p| !p.is_crossing()));
    // The crossings are shown as flows instead: K⁺ out and Na⁺ in, as the model has them.
    let s = lab.membrane().scenario();
    let (k, na) = (s.ion_index("K").unwrap() as u8, s.ion_index("Na").unwrap() as u8);
    let flows = lab.scene().flows();
    assert!(flows.iter().any(|f| f.kind == k && f.outward && f.per_s > 0.5), "{flows:?}");
    assert!(flows.iter().any(|f| f.kind == na && !f.outward && f.per_s > 0.5), "{flows:?}");
    let words = readout(&lab).scene.flows;
    assert!(words.iter().any(|(_, out, _, t)| *out && t.starts_with("↑ K⁺ ") && t.ends_with("/s")), "{words:?}");
    let described = vrest::present::describe::Descriptions::new(&lab, &lab.measure(), &Catalog::english());
    assert!(described.scene.contains("Reduced motion is on"));

    // Off again: the particles drift and cross.
    lab.apply(&Command::SetReducedMotion { on: false }).unwrap();
    let before: Vec<(f32, f32)> = lab.scene().particles().iter().map(|p| (p.x, p.y)).collect();
    play_for(&mut lab, 0.5);
    let after: Vec<(f32, f32)> = lab.scene().particles().iter().map(|p| (p.x, p.y)).collect();
    assert!(before.iter().filter(|p| !after.contains(p)).count() * 2 > before.len());
    assert!(lab.scene().flows().is_empty());
}

#[test]
fn a_pulse_on_a_cell_that_cannot_fire_is_the_currents_doing_not_a_spike() {
    // The default neuron has no voltage-gated channels: 200 µA/cm² for 1 ms pushes V past
    // 0 mV (and past E_Na), and that is no action potential.
    let mut lab = lab();
    assert!(!lab.can_fire());
    lab.apply(&Command::Stimulate { amplitude_ua_per_cm2: 200.0 }).unwrap();
    let peak = peak_in_slow_motion(&mut lab, 6.0);
    assert!(peak > 0.0, "the pulse pushes V up to {peak} mV");
    assert_eq!(lab.spikes(), 0, "not counted as a spike");
    assert!(lab.pulse_cannot_fire());
    let notes = readout(&lab).notes;
    assert!(notes.iter().any(|n| n.starts_with("This cell has no voltage-gated channels")), "{notes:?}");
    // Another cell (or a reset, or a control) takes the note away.
    lab.apply(&Command::LoadPreset { preset: "excitable-neuron".into() }).unwrap();
    assert!(lab.can_fire() && !lab.pulse_cannot_fire());
    lab.apply(&Command::Stimulate { amplitude_ua_per_cm2: 40.0 }).unwrap();
    peak_in_slow_motion(&mut lab, 6.0);
    assert_eq!(lab.spikes(), 1);
    assert!(!readout(&lab).notes.iter().any(|n| n.starts_with("This cell has no voltage-gated channels")));
}
