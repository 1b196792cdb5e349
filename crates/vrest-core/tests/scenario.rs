//! The scenario format: defaults, merging, and rejection of bad input with clear messages.

#![cfg(not(target_arch = "wasm32"))] // native tier; the wasm tier is tests/web.rs
#![allow(clippy::unwrap_used, clippy::expect_used)] // a failed unwrap is a failed test

use vrest_core::{presets, ModelError, Report, Scenario};

/// A patch over the default preset, the mammalian neuron (as the CLI reads it).
fn from_json(text: &str) -> Result<Scenario, ModelError> {
    Scenario::from_json_over(text, &presets::neuron())
}

fn err(json: &str) -> String {
    from_json(json).unwrap_err().to_string()
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
    assert!(e.starts_with("ions[2].inside_mm: is required"), "{e}");
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
    let e = Scenario::from_json_over(r#"{"pump": {"blocked": false}}"#, &bare).unwrap_err().to_string();
    assert!(e.starts_with("pump.max_current_ua_per_cm2: is required") && e.contains("from 0 to 1000"), "{e}");
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

#[test]
fn bad_input_names_the_field_and_the_allowed_range() {
    let cases: &[(&str, &str)] = &[
        (r#"{"colour": 1}"#, "unknown field `colour`"),
        (r#"{"cell": {"radius_um": 10, "shape": "cube"}}"#, "cell.shape: unknown field `shape`"),
        (r#"{"ions": [{"name": "K", "valence": 1}]}"#, "ions[0].valence: unknown field `valence`"),
        (
            r#"{"temperature_c": -273.15}"#,
            "temperature_c: must be a number above -273.15 and at most 100 °C; got -273.15",
        ),
        (r#"{"temperature_c": NaN}"#, "temperature_c: not valid JSON"),
        (r#"{"temperature_c": Infinity}"#, "NaN and Infinity are not numbers in JSON"),
        (r#"{"temperature_c": 1e999}"#, "temperature_c: not valid JSON"),
        (r#"{"temperature_c": "warm"}"#, "temperature_c: invalid type: string \"warm\", expected a number"),
        (r#"{"cell": {"radius_um": 0}}"#, "cell.radius_um: must be a number from 0.1 to 5000 µm; got 0"),
        (r#"{"cell": {"radius_um": -3}}"#, "cell.radius_um: must be a number from 0.1 to 5000 µm; got -3"),
        (r#"{"cell": {"capacitance_uf_per_cm2": 0}}"#, "cell.capacitance_uf_per_cm2: must be a number above 0"),
        (
            r#"{"ions": [{"name": "K", "charge": 0}], "pump": null}"#,
            "ions[0].charge: must be a non-zero integer from -4 to 4; got 0",
        ),
        (r#"{"ions": [{"name": "K", "charge": 1.5}]}"#, "ions[0].charge: must be a non-zero integer"),
        (r#"{"ions": [{"name": "K", "charge": 9}]}"#, "from -4 to 4; got 9"),
        (
            r#"{"ions": [{"name": "K", "inside_mm": -1}, {"name": "Na"}]}"#,
            "ions[0].inside_mm: must be a number from 0 to 10000 mM; got -1",
        ),
        (r#"{"ions": [{"name": "K", "outside_mm": 0}], "pump": null}"#, "the voltage would be infinite"),
        (
            r#"{"ions": [{"name": "K", "permeability_cm_per_s": -1e-6}, {"name": "Na"}]}"#,
            "ions[0].permeability_cm_per_s: must be a number from 0 to 0.01 cm/s",
        ),
        (r#"{"ions": [{"name": "K"}]}"#, "pump: needs an ion named \"Na\""),
        (r#"{"ions": [{"name": "Na"}]}"#, "pump: needs an ion named \"K\""),
        (r#"{"ions": [{"name": "K"}, {"name": "K"}, {"name": "Na"}]}"#, "ions[1].name: \"K\" appears twice"),
        (
            r#"{"ions": [{"name": "", "charge": 1, "inside_mm": 1, "outside_mm": 1, "permeability_cm_per_s": 1e-6}], "pump": null}"#,
            "ions[0].name: must be 1 to 16 characters",
        ),
        (
            r#"{"ions": [{"name": "Pump", "charge": 1, "inside_mm": 1, "outside_mm": 1, "permeability_cm_per_s": 1e-6}], "pump": null}"#,
            "is reserved",
        ),
        (r#"{"ions": []}"#, "ions: must list from 1 to 8 ions; got 0"),
        (r#"{"pump": {"rate_fraction": 2}}"#, "pump.rate_fraction: must be a number from 0 to 1; got 2"),
        (r#"{"pump": {"na_half_mm": 0}}"#, "pump.na_half_mm: must be a number above 0"),
        (r#"{"pump": {"blocked": "yes"}}"#, "pump.blocked: invalid type: string \"yes\", expected true or false"),
        (r#"{"initial_voltage_mv": 900}"#, "initial_voltage_mv: must be a number from -500 to 500 mV; got 900"),
        (r#"{"clamp_mv": -600}"#, "clamp_mv: must be a number from -500 to 500 mV"),
        (r#"[]"#, "the scenario must be a JSON object"),
        (r#"{"cell": [10, 1, 4]}"#, "cell: must be a JSON object"),
        (r#"{"#, "not valid JSON"),
        ("", "not valid JSON"),
    ];
    for (json, expected) in cases {
        let e = err(json);
        assert!(e.contains(expected), "{json}\n  gave: {e}\n  want: {expected}");
    }
}

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
    assert!(e.to_string().contains("at least one permeability_cm_per_s must be above 0"), "{e}");
    assert!(!neuron.is_sealed());
}
