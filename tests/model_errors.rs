//! The model's refusals in words: codes and numbers from the core, worded by the
//! catalog in English (the command line's and the page's) and in Spanish, with no
//! English left in Spanish and no word outside the catalog in the pseudo-locale.

#![cfg(not(target_arch = "wasm32"))] // native tier
#![allow(clippy::unwrap_used, clippy::expect_used)] // a failed unwrap is a failed test

use vrest::present::catalog::Locale;
use vrest::present::words::model_error;
use vrest::present::Catalog;
use vrest_core::error::Arg;
use vrest_core::{presets, Membrane, ModelError, Scenario};

fn refusal(json: &str) -> ModelError {
    Scenario::from_json_over(json, &presets::neuron()).unwrap_err()
}

fn english(json: &str) -> String {
    model_error(&refusal(json), &Catalog::english())
}

#[test]
fn bad_input_names_the_field_and_the_allowed_range() {
    let cases: &[(&str, &str)] = &[
        (r#"{"colour": 1}"#, "unknown field `colour`"),
        (r#"{"cell": {"radius_um": 10, "shape": "cube"}}"#, "cell.shape: unknown field `shape`"),
        (r#"{"ions": [{"name": "K", "valence": 1}]}"#, "ions[0].valence: unknown field `valence`"),
        (
            r#"{"temperature_c": -273.15}"#,
            "temperature_c: must be a number above −273.15 and at most 100 °C; got −273.15",
        ),
        (r#"{"temperature_c": NaN}"#, "temperature_c: not valid JSON"),
        (r#"{"temperature_c": Infinity}"#, "NaN and Infinity are not numbers in JSON"),
        (r#"{"temperature_c": 1e999}"#, "temperature_c: not valid JSON"),
        (r#"{"temperature_c": "warm"}"#, "temperature_c: invalid type: expected a number"),
        (r#"{"cell": {"radius_um": 0}}"#, "cell.radius_um: must be a number from 0.1 to 5000 µm; got 0"),
        (r#"{"cell": {"radius_um": -3}}"#, "cell.radius_um: must be a number from 0.1 to 5000 µm; got −3"),
        (r#"{"cell": {"capacitance_uf_per_cm2": 0}}"#, "cell.capacitance_uf_per_cm2: must be a number above 0"),
        (
            r#"{"ions": [{"name": "K", "charge": 0}], "pump": null}"#,
            "ions[0].charge: must be a non-zero integer from −4 to 4; got 0",
        ),
        (r#"{"ions": [{"name": "K", "charge": 1.5}]}"#, "ions[0].charge: must be a non-zero integer"),
        (r#"{"ions": [{"name": "K", "charge": 9}]}"#, "from −4 to 4; got 9"),
        (
            r#"{"ions": [{"name": "K", "inside_mm": -1}, {"name": "Na"}]}"#,
            "ions[0].inside_mm: must be a number from 0 to 10000 mM; got −1",
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
        (r#"{"pump": {"blocked": "yes"}}"#, "pump.blocked: invalid type: expected true or false"),
        (r#"{"initial_voltage_mv": 900}"#, "initial_voltage_mv: must be a number from −500 to 500 mV; got 900"),
        (r#"{"clamp_mv": -600}"#, "clamp_mv: must be a number from −500 to 500 mV"),
        (r#"[]"#, "the scenario must be a JSON object"),
        (r#"{"cell": [10, 1, 4]}"#, "cell: must be a JSON object"),
        (r#"{"#, "not valid JSON"),
        ("", "not valid JSON"),
    ];
    for (json, expected) in cases {
        let e = english(json);
        assert!(e.contains(expected), "{json}\n  gave: {e}\n  want: {expected}");
    }
}

/// One of each refusal the model can give (every code but the integrator's failures,
/// which no valid input reaches), from its own entry points.
fn every_kind() -> Vec<ModelError> {
    let mut out: Vec<ModelError> = [
        r#"{"colour": 1}"#,
        r#"{"temperature_c": -300}"#,
        r#"{"temperature_c": NaN}"#,
        r#"{"temperature_c": 1e999}"#,
        r#"{"temperature_c": 37"#,
        r#"{"temperature_c" 37}"#,
        r#"{"temperature_c": "warm"}"#,
        r#"{"pump": {"blocked": "yes"}}"#,
        r#"{"ions": {"name": "K"}}"#,
        r#"{"stimuli": [{"start_s": 0, "duration_s": 1}]}"#,
        r#"{"ions": [{"name": "K", "charge": 1.5}]}"#,
        r#"{"ions": [{"name": "Mg", "charge": 2}]}"#,
        r#"{"ions": []}"#,
        r#"{"ions": [{"name": " K", "charge": 1, "inside_mm": 1, "outside_mm": 1, "permeability_cm_per_s": 0}], "pump": null}"#,
        r#"{"ions": [{"name": 5}]}"#,
        r#"{"ions": [{"name": "a,b", "charge": 1, "inside_mm": 1, "outside_mm": 1, "permeability_cm_per_s": 0}]}"#,
        "{\"ions\": [{\"name\": \"K\\u202e\", \"charge\": 1, \"inside_mm\": 1, \"outside_mm\": 1, \"permeability_cm_per_s\": 0}]}",
        r#"{"ions": [{"name": "Pump", "charge": 1, "inside_mm": 1, "outside_mm": 1, "permeability_cm_per_s": 0}], "pump": null}"#,
        r#"{"ions": [{"name": "K"}, {"name": "K"}, {"name": "Na"}]}"#,
        r#"{"ions": [{"name": "K"}]}"#,
        r#"{"ions": [{"name": "K"}, {"name": "Na", "charge": 2}]}"#,
        r#"{"gates": {}, "noble": {}}"#,
        r#"{"ph_buffer_mm_per_ph": 5, "ions": [{"name": "K"}, {"name": "Na"}, {"name": "H", "charge": 1, "inside_mm": 0, "outside_mm": 0.00004, "permeability_cm_per_s": 0}]}"#,
        r#"{"ions": [{"name": "K"}, {"name": "Na"}], "kcc2": {}}"#,
        r#"{"ions": [{"name": "K"}, {"name": "Na"}, {"name": "Cl", "charge": 1, "inside_mm": 1, "outside_mm": 1, "permeability_cm_per_s": 0}], "kcc2": {}}"#,
        r#"{"pump": null}"#,
        r#"{"cell": [1]}"#,
        r#"{"pump": 3}"#,
        r#"[]"#,
        r#"{"cell": {"radius_um": null}}"#,
        r#"{"ions": [{"name": "K", "outside_mm": 0}], "pump": null}"#,
    ]
    .iter()
    .filter_map(|json| Scenario::from_json_over(json, &presets::neuron()).err())
    .collect();
    let bare = Scenario::from_json_over(r#"{"pump": null}"#, &presets::neuron()).unwrap();
    for patch in [r#"{"pump": {}}"#, r#"{"proton_pump": {}}"#, r#"{"kh_exchanger": {}}"#] {
        out.push(Scenario::from_json_over(patch, &bare).unwrap_err());
    }
    let stimuli: Vec<String> = (0..=vrest_core::constants::MAX_STIMULI)
        .map(|i| format!(r#"{{"start_s": {i}, "duration_s": 0.001, "amplitude_ua_per_cm2": 1}}"#))
        .collect();
    out.push(refusal(&format!(r#"{{"stimuli": [{}]}}"#, stimuli.join(","))));
    let mut m = Membrane::new(&presets::neuron()).unwrap();
    out.push(m.advance(-1.0).unwrap_err());
    out.push(m.advance_to(-1.0).unwrap_err());
    out.push(m.set_outside_mm(99, 1.0).unwrap_err());
    out.push(m.set_kcc2_rate_mm_per_s(1.0).unwrap_err());
    out.push(m.set_ncx_max_current_ua_per_cm2(1.0).unwrap_err());
    out.push(m.set_kh_exchanger_rate_mm_per_s(1.0).unwrap_err());
    out.push(m.set_proton_pump_blocked(true).unwrap_err());
    out.push(Membrane::new(&bare).unwrap().set_pump_blocked(true).unwrap_err());
    use vrest_core::physics::*;
    out.push(nernst_mv(0, 1.0, 1.0, 37.0).unwrap_err());
    out.push(nernst_mv(1, 0.0, 1.0, 37.0).unwrap_err());
    let k = presets::neuron().ions[0].clone();
    let mut ca = k.clone();
    ca.charge = 2;
    out.push(ghk_voltage_closed_form_mv(&[ca], 37.0).unwrap_err());
    out.push(zero_current_voltage_mv(std::slice::from_ref(&k), 37.0, f64::NAN).unwrap_err());
    out.push(mullins_noda_mv(&k, &k, 0.0, 37.0).unwrap_err());
    out.push(ghk_voltage_mv(&[], 37.0).unwrap_err());
    let mut sealed = k.clone();
    sealed.permeability_cm_per_s = 0.0;
    out.push(ghk_voltage_mv(&[sealed], 37.0).unwrap_err());
    out.push(presets::build("zombie").unwrap_err());
    let mut na = k.clone();
    na.charge = 2;
    out.push(mullins_noda_mv(&k, &na, 1.5, 37.0).unwrap_err());
    let mut pulses = presets::neuron();
    pulses.stimuli = vec![vrest_core::Stimulus { start_s: 0.0, duration_s: 1e-3, amplitude_ua_per_cm2: 1.0 }; 1001];
    out.push(pulses.validate().unwrap_err());
    // What no valid input reaches (the integrator's failures, a search that fails)
    // or only a broken build would (a preset's own checks), made as the model makes it.
    use vrest_core::integrator::IntegrationError;
    out.push(IntegrationError::TooManySteps { steps: 1_000_000, duration_s: 1.5 }.into_model_error());
    out.push(IntegrationError::StepTooSmall { after_s: 0.25 }.into_model_error());
    for code in [
        "error-model-too-many-steps",
        "error-model-no-convergence",
        "error-model-beyond-100-v",
        "error-model-no-potassium",
        "error-model-invalid",
        "error-model-type-whole",
        "error-model-type-object",
    ] {
        out.push(ModelError::new("x_s", code));
    }
    out.push(ModelError::new("preset", "error-model-no-steady-state").whole("years", 10));
    out
}

/// Every word of a refusal in words that are the input's own: its field, its names
/// and keys, and units.
fn inputs_words(e: &ModelError) -> Vec<String> {
    let mut words = vec![e.field.clone()];
    for (_, arg) in &e.args {
        match arg {
            Arg::Text(t) => words.push(t.clone()),
            Arg::Names(n) => words.extend(n.iter().map(|s| s.to_string())),
            Arg::Keys(k) => words.extend(k.iter().cloned()),
            Arg::Range(r) => words.push(r.unit.to_string()),
            _ => {}
        }
    }
    words
}

/// One of each refusal of an embedding page's message (lab::host) and of a page's
/// command (lab::command).
fn every_message_kind() -> Vec<ModelError> {
    use serde_json::json;
    use vrest::lab::host::{self, limit_refusal, Limit};
    let m = |name: &str, args: serde_json::Value| json!({"vrest": 1, "id": 1, "do": name, "args": args});
    let mut out: Vec<ModelError> = [
        json!(5),
        json!({"vrest": 1, "do": "play"}),
        json!({"vrest": 2, "id": 1, "do": "play"}),
        json!({"vrest": 1, "id": 1, "do": "play", "extra": 1}),
        m("play", json!({"x": 1})),
        json!({"vrest": 1, "id": 1, "do": "fly"}),
        json!({"vrest": 1, "id": 1, "do": "play", "args": 3}),
        m("step", json!({"direction": 0})),
        m("answer", json!({"choice": -1})),
        m("lock", json!({"controls": "pump"})),
        m("subscribe", json!({"events": []})),
        m("subscribe", json!({"events": ["state"], "max_hz": 0})),
        m("set_state", json!({"preset": "dragon"})),
        m("set_state", json!({"scenario": 1})),
        m("set_state", json!({"speed": 99})),
        m("set_state", json!({"step_s": "fast"})),
        m("set_state", json!({"playing": 1})),
    ]
    .iter()
    .map(|message| host::parse(message).unwrap_err().error)
    .collect();
    out.push(host::parse_text("{").unwrap_err().error);
    out.extend([Limit::Size, Limit::Rate, Limit::Depth, Limit::NotData].map(|l| limit_refusal(l, "Map", "args.x")));
    let read = |v: serde_json::Value| vrest::lab::Command::from_value(&v).unwrap_err();
    out.push(read(json!({"do": "play", "args": {"index": 1}})));
    out.push(read(json!({"do": "set_speed", "args": {}})));
    out.push(read(json!({"do": "dance"})));
    out
}

#[test]
fn every_refusal_is_worded_in_every_language_with_no_english_left() {
    let mut kinds = every_kind();
    let model_codes: std::collections::BTreeSet<&str> = kinds.iter().map(|e| e.code).collect();
    kinds.extend(every_message_kind());
    let codes: std::collections::BTreeSet<&str> = kinds.iter().map(|e| e.code).collect();
    assert!(model_codes.len() < codes.len());
    // Every code in the catalog, so a new one cannot go unchecked.
    let catalog = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/locales/en/vrest.ftl")).unwrap();
    let listed: std::collections::BTreeSet<&str> = catalog
        .lines()
        .filter_map(|l| l.split_once(" = ").map(|(id, _)| id))
        .filter(|id| ["error-model-", "error-host-", "error-command-"].iter().any(|p| id.starts_with(p)))
        .filter(|id| *id != "error-model-at")
        .collect();
    assert_eq!(codes, listed, "codes made here and codes in the catalog differ");
    let (en, es, pseudo) = (Catalog::english(), Catalog::new(Locale::Spanish), Catalog::new(Locale::Pseudo));
    // English words that no Spanish sentence has.
    const ENGLISH: [&str; 14] = [
        "must", "got", "the", "is", "not", "and", "with", "from", "required", "unknown", "field", "expected", "has",
        "this",
    ];
    for e in &kinds {
        let (in_en, in_es, in_pseudo) = (model_error(e, &en), model_error(e, &es), model_error(e, &pseudo));
        for text in [&in_en, &in_es, &in_pseudo] {
            assert!(!text.contains("{$") && !text.contains(e.code), "{e}: {text}");
        }
        assert_ne!(in_en, in_es, "{e}");
        let english: Vec<&str> = in_es
            .split(|c: char| !c.is_ascii_alphabetic())
            .filter(|w| ENGLISH.contains(&w.to_ascii_lowercase().as_str()))
            .collect();
        assert!(english.is_empty(), "{e}: English {english:?} in “{in_es}”");
        // In the pseudo-locale every word of the catalog is accented: what is left in
        // plain ASCII letters is the input's own (its field, names, keys and units).
        let mut rest = in_pseudo.clone();
        let mut words = inputs_words(e);
        words.sort_by_key(|w| std::cmp::Reverse(w.len()));
        for w in words {
            rest = rest.replace(&w, " ");
        }
        let plain: Vec<&str> = rest.split(|c: char| !c.is_ascii_alphabetic()).filter(|w| w.len() > 1).collect();
        assert!(plain.is_empty(), "{e}: {plain:?} in “{in_pseudo}” bypass the catalog");
    }
}

#[test]
fn numbers_in_refusals_take_the_language_style() {
    let e = refusal(r#"{"cell": {"radius_um": 0.05}}"#);
    assert_eq!(model_error(&e, &Catalog::english()), "cell.radius_um: must be a number from 0.1 to 5000 µm; got 0.05");
    assert_eq!(
        model_error(&e, &Catalog::new(Locale::Spanish)),
        "cell.radius_um: debe ser un número entre 0,1 y 5000 µm; se recibió 0,05"
    );
}

#[test]
fn serde_messages_are_read_wherever_a_reader_wraps_them() {
    use vrest_core::scenario::data_error;
    for text in [
        "unknown variant `dance`, expected one of `play`, `pause`",
        "JsValue(Error: unknown variant `dance`, expected one of `play`, `pause`\n    at x (y.js:1:1))",
    ] {
        let e = data_error("do".into(), text);
        assert_eq!(e.code, "error-model-unknown-value", "{text}");
        assert_eq!(e.arg("got"), Some(&Arg::Text("dance".into())));
        assert_eq!(e.arg("keys"), Some(&Arg::Keys(vec!["play".into(), "pause".into()])));
    }
    let e = data_error(String::new(), "JsValue(Error: invalid type: string \"x\", expected f64)");
    assert_eq!(e.code, "error-model-type-number");
    assert_eq!(data_error(String::new(), "something else entirely").code, "error-model-invalid");
}
