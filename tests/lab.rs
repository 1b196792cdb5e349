//! The lab behind the page: play, pause, steps, speed, presets, the trace, the picture
//! and the readout, driven as the page drives them.

#![cfg(not(target_arch = "wasm32"))] // native tier; the wasm tier is tests/web.rs
#![allow(clippy::unwrap_used, clippy::expect_used)] // a failed unwrap is a failed test

use vrest::model::crossings::CrossingGenerator;
use vrest::model::lab::{Lab, DEFAULT_PARTICLES, SPEEDS};
use vrest::model::physics::nernst_mv;
use vrest::model::presets::PRESETS;
use vrest::model::scene::{Side, ANION_KIND};

const FRAME: f64 = 1.0 / 60.0;

fn lab() -> Lab {
    Lab::new(42).unwrap()
}

fn play_for(lab: &mut Lab, real_s: f64) {
    lab.play();
    for _ in 0..(real_s / FRAME).round() as usize {
        lab.frame(FRAME);
    }
}

#[test]
fn the_default_neuron_rests_between_minus_75_and_minus_65() {
    let mut lab = lab();
    play_for(&mut lab, 3.0);
    let r = lab.readout();
    assert!((-75.0..=-65.0).contains(&r.voltage_mv), "{}", r.voltage_mv);
    assert_eq!(r.voltage_text, format!("−{:.1} mV", -r.voltage_mv));
    assert_eq!(r.preset, "neuron");
    assert!(r.time_s > 2.9 && r.time_s < 3.1, "real time: {}", r.time_s);
}

#[test]
fn pause_freezes_and_steps_move_by_one_slice_and_back_exactly() {
    let mut lab = lab();
    lab.set_outside_mm(0, 10.0).unwrap();
    play_for(&mut lab, 0.5);
    lab.pause();
    let frozen = lab.membrane().clone();
    for _ in 0..120 {
        lab.frame(FRAME);
    }
    assert_eq!(lab.membrane(), &frozen, "paused frames must not move the model");
    // 150 steps forward, each exactly one slice.
    let mut states = vec![lab.membrane().clone()];
    for _ in 0..150 {
        let t = lab.membrane().time_s();
        lab.step_forward().unwrap();
        assert!((lab.membrane().time_s() - t - lab.slice_s()).abs() < 1e-12);
        states.push(lab.membrane().clone());
    }
    // ... and 150 back, each restoring the earlier state exactly.
    for k in (0..150).rev() {
        lab.step_back().unwrap();
        assert_eq!(lab.membrane(), &states[k], "step back {k}");
    }
    // Slices of play can be stepped back through too.
    play_for(&mut lab, 1.0);
    lab.pause();
    let t_end = lab.membrane().time_s();
    lab.step_back().unwrap();
    assert!(lab.membrane().time_s() < t_end);
}

#[test]
fn stepping_back_with_nothing_to_undo_is_refused() {
    let mut lab = lab();
    let e = lab.step_back().unwrap_err();
    assert!(e.to_string().contains("no earlier step"), "{e}");
}

#[test]
fn raising_outside_k_to_10_mm_depolarises_within_a_few_seconds_of_play() {
    let mut lab = lab();
    let v0 = lab.readout().voltage_mv;
    lab.set_outside_mm(0, 10.0).unwrap();
    play_for(&mut lab, 2.0);
    let v = lab.readout().voltage_mv;
    assert!(v > v0 + 5.0, "{v0} → {v}");
}

#[test]
fn a_pump_block_depolarises_at_once_then_drifts_at_fast_forward() {
    let mut lab = lab();
    let v0 = lab.readout().voltage_mv;
    lab.set_pump_running(false).unwrap();
    play_for(&mut lab, 1.0);
    let v1 = lab.readout().voltage_mv;
    assert!((2.0..=8.0).contains(&(v1 - v0)), "immediate {v0} → {v1}");
    lab.pause();
    lab.set_speed(SPEEDS.len() - 1).unwrap(); // an hour per second
    play_for(&mut lab, 2.0);
    let v2 = lab.readout().voltage_mv;
    assert!(v2 > v1 + 5.0, "slow drift over two hours: {v1} → {v2}");
    assert!(lab.membrane().time_s() > 7000.0);
}

#[test]
fn every_preset_loads_and_sets_its_documented_voltage() {
    let mut lab = lab();
    for info in PRESETS {
        lab.load_preset(info.name).unwrap();
        let r = lab.readout();
        let documented = vrest::model::presets::build(info.name).unwrap().initial_voltage_mv;
        assert_eq!(r.voltage_mv, documented, "{}", info.name);
        assert_eq!(r.preset_title, info.title);
        assert!(!r.playing && r.time_s == 0.0);
    }
    assert!(lab.load_preset("zombie").is_err());
    assert_eq!(lab.preset_name(), PRESETS.last().unwrap().name, "a failed load keeps the last preset");
}

#[test]
fn bad_values_are_refused_with_the_field_and_range_and_nothing_changes() {
    let mut lab = lab();
    let before = lab.membrane().clone();
    let cases: Vec<(Result<(), vrest::model::ModelError>, &str)> = vec![
        (lab.set_outside_mm(0, -1.0), "ions[0].outside_mm: must be a number from 0 to 10000 mM"),
        (lab.set_inside_mm(1, f64::NAN), "got NaN"),
        (lab.set_permeability_cm_per_s(2, 1.0), "from 0 to 0.01 cm/s"),
        (lab.set_temperature_c(-300.0), "above -273.15"),
        (lab.set_pump_rate_fraction(2.0), "from 0 to 1"),
        (lab.set_speed(99), "speed index from 0 to 7"),
        (lab.set_outside_mm(7, 1.0), "ion index"),
    ];
    for (result, expected) in cases {
        let e = result.unwrap_err().to_string();
        assert!(e.contains(expected), "{e} (want {expected})");
    }
    // All permeabilities to zero one by one: the last is refused.
    for i in 1..4 {
        lab.set_permeability_cm_per_s(i, 0.0).unwrap();
    }
    assert!(lab.set_permeability_cm_per_s(0, 0.0).unwrap_err().to_string().contains("at least one"));
    lab.reset();
    assert_eq!(lab.membrane(), &before);
}

#[test]
fn the_readout_never_shows_nan_and_explains_undefined_values() {
    let mut lab = lab();
    // Remove Ca²⁺ from the inside: E_Ca becomes infinite.
    lab.set_inside_mm(3, 0.0).unwrap();
    lab.set_permeability_cm_per_s(3, 1e-8).unwrap();
    let r = lab.readout();
    let ca = &r.ions[3];
    assert_eq!(ca.inside_mm, 0.0);
    assert_eq!(ca.nernst_text, "—");
    assert_eq!(ca.driving_force_text, "—");
    assert!(ca.nernst_note.as_ref().unwrap().contains("infinite"), "{:?}", ca.nernst_note);
    assert!(r.notes.iter().any(|n| n.starts_with("E for Ca²⁺ is shown as —")), "{:?}", r.notes);
    // Ca²⁺ then leaks in and E_Ca becomes defined.
    play_for(&mut lab, 0.2);
    let r = lab.readout();
    assert!(r.ions[3].inside_mm > 0.0 && r.ions[3].nernst_mv.is_some());
    let json = serde_json::to_string(&r).unwrap();
    for bad in ["NaN", "inf", "null,\"voltage"] {
        assert!(!json.contains(bad), "{bad} in {json}");
    }
    // Every text field is free of NaN.
    for ion in &r.ions {
        for text in [&ion.inside_text, &ion.outside_text, &ion.driving_force_text, &ion.current_text] {
            assert!(!text.contains("NaN") && !text.contains("inf"), "{text}");
        }
    }
}

#[test]
fn the_readout_numbers_come_from_the_model() {
    let lab = lab();
    let r = lab.readout();
    let m = lab.membrane();
    let k = &r.ions[0];
    let e_k = nernst_mv(1, m.inside_mm()[0], 5.0, 37.0).unwrap();
    assert_eq!(k.label, "K⁺");
    assert_eq!(k.nernst_text, format!("−{:.1} mV", -e_k));
    assert_eq!(k.direction, "outward");
    assert_eq!(r.ions[1].direction, "inward");
    assert_eq!(r.ions[2].relative_text, "0.45 × P_K");
    assert_eq!(r.ions[3].relative_text, "impermeant");
    let pump = r.pump.unwrap();
    assert!(pump.running);
    // The pump's contribution is a few mV of hyperpolarisation.
    assert!(pump.contribution_text.starts_with('−'), "{}", pump.contribution_text);
    assert!(r.charge.ions_moved_text.contains("million"), "{}", r.charge.ions_moved_text);
    assert!(r.charge.k_fraction_text.starts_with("1 in "), "{}", r.charge.k_fraction_text);
    assert!(r.charge.inside_negative && r.charge.skin_pairs > 10);
    assert!(r.particle_text.starts_with("One crossing particle = "));
    assert_eq!(r.speed_text, "Real time");
}

#[test]
fn the_speed_sets_the_slice_and_the_trace_window() {
    let mut lab = lab();
    lab.set_speed(0).unwrap();
    assert!((lab.slice_s() - 1e-4).abs() < 1e-15);
    assert!(lab.readout().speed_text.contains("1 ms"));
    assert_eq!(lab.readout().step_text, "One step = 100 µs of model time");
    lab.set_speed(7).unwrap();
    assert_eq!(lab.slice_s(), 360.0);
    assert_eq!(lab.trace_window_s(), 72_000.0);
    assert_eq!(lab.readout().trace_window_text, "last 20 h 00 min");
}

#[test]
fn the_trace_is_bounded_and_covers_its_window() {
    let mut lab = lab();
    lab.set_outside_mm(0, 20.0).unwrap();
    play_for(&mut lab, 200.0);
    let trace = lab.trace();
    assert!(!trace.is_empty());
    let t_now = lab.membrane().time_s();
    assert!(trace.first().unwrap().0 >= t_now - lab.trace_window_s() - 1e-9);
    assert!(trace.len() <= 6_000);
    assert!(trace.windows(2).all(|w| w[1].0 > w[0].0));
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
    lab.set_speed(0).unwrap();
    assert!(lab.ions_per_particle() < coarse / 100.0);
}

#[test]
fn with_the_pump_blocked_its_cycles_stop() {
    let mut lab = lab();
    lab.set_pump_running(false).unwrap();
    play_for(&mut lab, 3.0);
    let shown = lab.scene().pump_cycles_shown();
    play_for(&mut lab, 3.0);
    assert_eq!(lab.scene().pump_cycles_shown(), shown);
    assert!(lab.readout().pump.unwrap().current_text.contains("blocked"));
}

#[test]
fn controls_are_named_for_the_ion_the_side_and_the_unit() {
    let lab = lab();
    let labels: Vec<String> = lab.control_specs().into_iter().map(|s| s.label).collect();
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
        assert!(labels.iter().any(|l| l == expected), "no control labelled {expected}: {labels:?}");
    }
    // The readout carries every control's value and slider position.
    let states = lab.readout().controls;
    let k_out = states.iter().find(|c| c.key == "ion.0.outside").unwrap();
    assert_eq!(k_out.value, 5.0);
    assert_eq!(k_out.text, "5.00 mM");
    let na_p = states.iter().find(|c| c.key == "ion.1.permeability").unwrap();
    assert!((na_p.value - 0.04).abs() < 1e-12);
}

#[test]
fn typed_values_outside_the_range_are_refused_and_the_last_valid_value_kept() {
    let mut lab = lab();
    lab.set_control("ion.0.outside", 10.0).unwrap();
    for (key, value, expected) in [
        ("ion.0.outside", -3.0, "K⁺ outside (mM): must be from 0 to 10000; got -3"),
        ("ion.0.outside", f64::NAN, "K⁺ outside (mM): must be from 0 to 10000; got not a number"),
        ("ion.1.permeability", 1e9, "Na⁺ permeability (× P_K): must be from 0 to 10000"),
        ("temperature", 120.0, "Temperature (°C): must be from -273 to 100"),
        ("pump.rate", 150.0, "Pump rate (% of normal): must be from 0 to 100"),
        ("ion.9.inside", 1.0, "unknown control"),
        ("voltage", 1.0, "unknown control"),
    ] {
        let e = lab.set_control(key, value).unwrap_err().to_string();
        assert!(e.contains(expected), "{key}={value}: {e}");
    }
    let k_out = lab.readout().controls.into_iter().find(|c| c.key == "ion.0.outside").unwrap();
    assert_eq!(k_out.value, 10.0);
}

#[test]
fn sliders_map_positions_to_values_and_back() {
    let mut lab = lab();
    for key in ["ion.0.outside", "ion.2.inside", "ion.1.permeability", "temperature", "pump.rate"] {
        for pos in [1, 250, 500, 750, 1000] {
            lab.set_control_position(key, pos).unwrap();
            let state = lab.readout().controls.into_iter().find(|c| c.key == key).unwrap();
            assert!(state.position.abs_diff(pos) <= 3, "{key}: set {pos}, reads {}", state.position);
        }
    }
    // Position 0 of a relative permeability is "off".
    lab.set_control_position("ion.1.permeability", 0).unwrap();
    assert_eq!(lab.membrane().scenario().ions[1].permeability_cm_per_s, 0.0);
    // Dragging K⁺ outside up depolarises.
    let mut lab = Lab::new(1).unwrap();
    let v0 = lab.membrane().voltage_mv();
    lab.set_control_position("ion.0.outside", 800).unwrap();
    play_for(&mut lab, 1.0);
    assert!(lab.membrane().voltage_mv() > v0 + 5.0);
    // The pump checkbox blocks and restarts the pump.
    lab.set_control("pump.running", 0.0).unwrap();
    assert!(lab.membrane().scenario().pump.unwrap().blocked);
    lab.set_control("pump.running", 1.0).unwrap();
    assert!(!lab.membrane().scenario().pump.unwrap().blocked);
}
