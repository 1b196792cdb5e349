//! The scenario format: defaults, merging, and rejection of bad input with clear messages.

#![cfg(not(target_arch = "wasm32"))] // native tier; the wasm tier is tests/web.rs
#![allow(clippy::unwrap_used, clippy::expect_used)] // a failed unwrap is a failed test

use vrest_core::{presets, ModelError, Report, Scenario};

/// A patch over the default preset, the mammalian neuron (as the CLI reads it).
fn from_json(text: &str) -> Result<Scenario, ModelError> {
    Scenario::from_json_over(text, &presets::neuron())
}

/// The refusal as "field: code".
fn err(json: &str) -> String {
    let e = from_json(json).unwrap_err();
    format!("{}: {}", e.field, e.code)
}

#[test]
fn an_empty_object_is_the_default_preset() {
    assert_eq!(from_json("{}").unwrap(), presets::neuron());
    assert_eq!(from_json(" { } \n").unwrap(), presets::neuron());
}

#[test]
fn missing_keys_keep_the_base_values() {
    let s = from_json(r#"{"temperature_c": 20, "cell": {"radius_um": 25}}"#).unwrap();
    let d = presets::neuron();
    assert_eq!(s.temperature_c, 20.0);
    assert_eq!(s.cell.radius_um, 25.0);
    assert_eq!(s.cell.capacitance_uf_per_cm2, d.cell.capacitance_uf_per_cm2);
    assert_eq!(s.ions, d.ions);
    assert_eq!(s.pump, d.pump);
    // Over another base.
    let squid = presets::build("squid-axon").unwrap();
    let s = Scenario::from_json_over(r#"{"initial_voltage_mv": 0}"#, &squid).unwrap();
    assert_eq!(s.ions, squid.ions);
    assert_eq!(s.initial_voltage_mv, 0.0);
}

#[test]
fn ions_replace_the_whole_list_and_known_names_fill_their_gaps() {
    let s = from_json(
        r#"{"ions": [{"name": "K", "outside_mm": 10},
                     {"name": "Na"},
                     {"name": "Mg", "charge": 2, "inside_mm": 0.5, "outside_mm": 1, "permeability_cm_per_s": 1e-9}]}"#,
    )
    .unwrap();
    let d = presets::neuron();
    assert_eq!(s.ions.len(), 3);
    assert_eq!(s.ions[0].outside_mm, 10.0);
    assert_eq!(s.ions[0].inside_mm, d.ions[0].inside_mm);
    assert_eq!(s.ions[1], d.ions[1]);
    assert_eq!((s.ions[2].name.as_str(), s.ions[2].charge), ("Mg", 2));
    let e = err(r#"{"ions": [{"name": "K"}, {"name": "Na"}, {"name": "Mg", "charge": 2}]}"#);
    assert_eq!(e, "ions[2].inside_mm: error-model-ion-required");
}

#[test]
fn pump_null_is_a_cell_without_a_pump_and_a_partial_pump_fills_from_the_base() {
    assert_eq!(from_json(r#"{"pump": null}"#).unwrap().pump, None);
    let s = from_json(r#"{"pump": {"blocked": true}}"#).unwrap();
    let p = s.pump.unwrap();
    assert!(p.blocked);
    assert_eq!(p.max_current_ua_per_cm2, presets::neuron().pump.unwrap().max_current_ua_per_cm2);
    let s = from_json(r#"{"clamp_mv": -50}"#).unwrap();
    assert_eq!(s.clamp_mv, Some(-50.0));
    assert_eq!(Scenario::from_json_over(r#"{"clamp_mv": null}"#, &s).unwrap().clamp_mv, None);
    // Over a base without a pump, a new pump must say how strong it is; the rest takes
    // the Kager–Wadman–Somjen constants.
    let bare = from_json(r#"{"pump": null}"#).unwrap();
    let e = Scenario::from_json_over(r#"{"pump": {"blocked": false}}"#, &bare).unwrap_err();
    assert_eq!((e.field.as_str(), e.code), ("pump.max_current_ua_per_cm2", "error-model-pump-required"));
    assert!(matches!(e.arg("range"), Some(vrest_core::error::Arg::Range(r)) if r.max == 1000.0), "{e}");
    let p = Scenario::from_json_over(r#"{"pump": {"max_current_ua_per_cm2": 2}}"#, &bare).unwrap().pump.unwrap();
    assert_eq!((p.max_current_ua_per_cm2, p.na_half_mm, p.k_half_mm, p.rate_fraction), (2.0, 10.0, 2.0, 1.0));
}

#[test]
fn it_round_trips_through_json() {
    for info in presets::PRESETS {
        let s = presets::build(info.id).unwrap();
        assert_eq!(from_json(&s.to_json_pretty()).unwrap(), s, "{}", info.id);
    }
}

// Bad input's wording, in English and Spanish, is tested where the catalog is:
// tests/model_errors.rs. Here the codes and fields.

#[test]
fn zero_concentrations_are_accepted_where_results_stay_finite() {
    // A bi-ionic solution: K⁺ only inside, Na⁺ only outside, no pump.
    let s = from_json(
        r#"{"ions": [{"name": "K", "outside_mm": 0}, {"name": "Na", "inside_mm": 0},
                     {"name": "Ca", "charge": 2, "inside_mm": 0, "outside_mm": 1.2, "permeability_cm_per_s": 0}],
            "pump": null}"#,
    )
    .unwrap();
    let r = Report::new(&s).unwrap();
    assert_eq!(r.nernst_mv.get("K"), Some(&None));
    assert_eq!(r.nernst_mv.get("Na"), Some(&None));
    assert_eq!(r.nernst_mv.get("Ca"), Some(&None));
    assert!(r.ghk_mv.is_finite());
    let json = serde_json::to_value(&r).unwrap();
    assert!(json["nernst_mv"]["K"].is_null());
}

#[test]
fn a_patch_over_the_base_gives_the_scenario_back_for_every_preset_and_edits() {
    use vrest_core::presets::PRESETS;
    use vrest_core::Membrane;
    let mut rng_state = 0x2026_u64;
    let mut next = || {
        rng_state = rng_state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        (rng_state >> 11) as f64 / (1u64 << 53) as f64
    };
    for p in PRESETS {
        let base = (p.build)().unwrap();
        // Unchanged: the empty patch.
        assert_eq!(base.patch_over(&base), serde_json::json!({}), "{}", p.id);
        for _ in 0..20 {
            // Edits a learner can make, then some model time (which moves the inside
            // concentrations and V), as a shared link captures them.
            let mut m = Membrane::new(&base).unwrap();
            let k = base.ion_index("K");
            if let Some(k) = k {
                m.set_outside_mm(k, 1.0 + 40.0 * next()).unwrap();
            }
            if next() < 0.5 {
                m.set_temperature_c(20.0 + 20.0 * next()).unwrap();
            }
            if next() < 0.3 && base.pump.is_some() {
                m.set_pump_blocked(true).unwrap();
            }
            m.advance(next() * 2.0).unwrap();
            let now = m.current_scenario();
            let patch = now.patch_over(&base);
            let back = Scenario::from_json_over(&patch.to_string(), &base).unwrap();
            assert_eq!(back, now, "{}: {patch}", p.id);
            // Only what changed is written.
            assert!(patch.get("cell").is_none(), "{}: {patch}", p.id);
        }
    }
    // Removing something the base has is written as null, and comes back.
    let base = vrest_core::presets::neuron();
    let mut without = base.clone();
    without.pump = None;
    let patch = without.patch_over(&base);
    assert_eq!(patch, serde_json::json!({"pump": null}));
    assert_eq!(Scenario::from_json_over(&patch.to_string(), &base).unwrap(), without);
}

#[test]
fn a_sealed_membrane_is_valid_and_holds_v_still_without_a_pump() {
    // Every permeability 0 and no gated channels: nothing crosses. The scenario is
    // valid (the explainer begins with one), V stays where the separated charge puts
    // it, and the passive (GHK) voltage, which does not exist, is still refused.
    let neuron = vrest_core::presets::neuron();
    let sealed = Scenario::from_json_over(
        r#"{"pump": null, "ions": [{"name": "K", "permeability_cm_per_s": 0}, {"name": "Na", "permeability_cm_per_s": 0}]}"#,
        &neuron,
    )
    .unwrap();
    assert!(sealed.is_sealed());
    let mut m = vrest_core::Membrane::new(&sealed).unwrap();
    let v = m.voltage_mv();
    m.advance(10.0).unwrap();
    assert_eq!(m.voltage_mv(), v);
    let e = vrest_core::physics::ghk_voltage_mv(&sealed.ions, sealed.temperature_c).unwrap_err();
    assert_eq!(e.code, "error-model-sealed", "{e}");
    assert!(!neuron.is_sealed());
}
