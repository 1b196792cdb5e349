//! The command line and the scenario parser on 100,000 generated inputs: arbitrary
//! JSON, huge, tiny and negative numbers, nulls, control characters, deep nesting, long
//! strings and keys, broken text and hostile arguments. Every input must end in exit 0
//! with finite numbers everywhere (JSON, or CSV for `simulate`), or exit 2 with one
//! short printable line on stderr and nothing on stdout. The CLI runs in-process (the
//! binary's own module), so the 100,000 cases take seconds, not minutes.

#![cfg(not(target_arch = "wasm32"))] // native tier; the wasm tier is tests/web.rs
#![allow(clippy::unwrap_used, clippy::expect_used)] // a failed unwrap is a failed test

#[path = "../src/bin/vrest/cli.rs"]
#[allow(dead_code)]
mod cli;

use std::ffi::OsString;

use serde_json::{json, Map, Value};

/// Every key of the scenario, by its path, with the kind of value it takes.
const NUMBER_KEYS: &[&str] = &[
    "temperature_c",
    "cell.radius_um",
    "cell.capacitance_uf_per_cm2",
    "cell.membrane_thickness_nm",
    "pump.max_current_ua_per_cm2",
    "pump.na_half_mm",
    "pump.k_half_mm",
    "pump.rate_fraction",
    "pump.atp_free_energy_kj_per_mol",
    "initial_voltage_mv",
    "clamp_mv",
    "gates.na_max_permeability_cm_per_s",
    "gates.k_max_permeability_cm_per_s",
    "noble.na_max_ms_per_cm2",
    "noble.na_background_ms_per_cm2",
    "noble.k1_ms_per_cm2",
    "noble.k2_max_ms_per_cm2",
    "kcc2.rate_mm_per_s",
    "ncx.max_current_ua_per_cm2",
    "proton_pump.max_current_ua_per_cm2",
    "proton_pump.h_half_mm",
    "kh_exchanger.rate_mm_per_s",
    "ph_buffer_mm_per_ph",
    "q10.reference_c",
    "q10.leaks",
    "q10.pumps",
    "q10.gates",
];
const ION_KEYS: &[&str] = &["charge", "inside_mm", "outside_mm", "permeability_cm_per_s"];
const PRESETS: &[&str] = &["neuron", "excitable-neuron", "sa-node", "plant-cell", "ouabain", "red-blood-cell"];

/// Numbers at and beyond every edge: zero, subnormal, tiny, huge, negative, integral.
fn edge_number(rng: &mut fastrand::Rng) -> f64 {
    const EDGES: &[f64] = &[
        0.0,
        -0.0,
        5e-324,
        1e-308,
        1e-300,
        1e-30,
        1e-12,
        1e-9,
        1e-6,
        1e-3,
        0.1,
        0.5,
        1.0,
        2.0,
        3.0,
        4.0,
        5.0,
        37.0,
        50.0,
        100.0,
        140.0,
        1e3,
        1e4,
        1e5,
        1e7,
        1e9,
        1e15,
        1e30,
        1e300,
        1.7e308,
        9007199254740993.0,
        18446744073709551616.0,
    ];
    let x = if rng.bool() {
        EDGES[rng.usize(..EDGES.len())]
    } else {
        // Log-uniform over 10^-40 to 10^40.
        10f64.powf(rng.f64() * 80.0 - 40.0)
    };
    if rng.u8(..4) == 0 {
        -x
    } else {
        x
    }
}

/// A string with whatever a hostile input holds: control characters, terminal escapes,
/// quotes, non-ASCII, and sometimes great length.
fn nasty_string(rng: &mut fastrand::Rng) -> String {
    const PIECES: &[&str] =
        &["K", "Na", "\u{1b}[31m", "\n", "\r", "\t", "\"", "\\", ",", "é", "⁺", "\u{0}", "pump", " ", "ü", "💥"];
    let n = if rng.u8(..20) == 0 { rng.usize(1000..20_000) } else { rng.usize(0..12) };
    (0..n).map(|_| PIECES[rng.usize(..PIECES.len())]).collect()
}

/// Any JSON value, nested up to `depth`.
fn any_value(rng: &mut fastrand::Rng, depth: u32) -> Value {
    match rng.u8(..if depth == 0 { 5 } else { 7 }) {
        0 => Value::Null,
        1 => Value::Bool(rng.bool()),
        2 | 3 => json!(edge_number(rng)),
        4 => Value::String(nasty_string(rng)),
        5 => Value::Array((0..rng.usize(..5)).map(|_| any_value(rng, depth - 1)).collect()),
        _ => {
            let mut m = Map::new();
            for _ in 0..rng.usize(..5) {
                m.insert(nasty_string(rng), any_value(rng, depth - 1));
            }
            Value::Object(m)
        }
    }
}

/// Set `path` ("cell.radius_um") in `v` to `x`, creating objects on the way.
fn set(v: &mut Value, path: &str, x: Value) {
    let mut at = v;
    let parts: Vec<&str> = path.split('.').collect();
    for (i, part) in parts.iter().enumerate() {
        if !at.is_object() {
            *at = json!({});
        }
        let map = at.as_object_mut().unwrap();
        if i + 1 == parts.len() {
            map.insert(part.to_string(), x);
            return;
        }
        at = map.entry(part.to_string()).or_insert_with(|| json!({}));
    }
}

/// A value for a key: mostly a number near or beyond its edges, sometimes anything.
fn value_for_key(rng: &mut fastrand::Rng) -> Value {
    match rng.u8(..10) {
        0 => Value::Null,
        1 => any_value(rng, 2),
        // An ordinary value (0.01 to 100, log-uniform): most keys accept it, so the
        // model runs on many odd but valid cells.
        2..=6 => json!(10f64.powf(rng.f64() * 4.0 - 2.0)),
        _ => json!(edge_number(rng)),
    }
}

fn ion(rng: &mut fastrand::Rng) -> Value {
    let mut m = Map::new();
    let names = ["K", "Na", "Cl", "Ca", "H", "X"];
    m.insert(
        "name".into(),
        if rng.u8(..8) == 0 { Value::String(nasty_string(rng)) } else { json!(names[rng.usize(..names.len())]) },
    );
    for key in ION_KEYS {
        if rng.bool() {
            let v = if *key == "charge" && rng.bool() { json!(rng.i8(-5..=5)) } else { value_for_key(rng) };
            m.insert((*key).into(), v);
        }
    }
    Value::Object(m)
}

/// One scenario text.
fn scenario_text(rng: &mut fastrand::Rng) -> String {
    match rng.u8(..20) {
        // Arbitrary JSON of any shape.
        0 | 1 => any_value(rng, 5).to_string(),
        // Broken text: random bytes of JSON-ish characters, or a valid text cut short.
        2 => (0..rng.usize(..200))
            .map(|_| "{}[]\":,0123456789.eE+-nultrfas \\\u{1b}".chars().nth(rng.usize(..36)).unwrap_or('x'))
            .collect(),
        3 => {
            let t = json!({"temperature_c": edge_number(rng), "ions": [ion(rng)]}).to_string();
            let n = t.chars().count();
            t.chars().take(rng.usize(..n)).collect()
        }
        // Deep nesting.
        4 => {
            let d = rng.usize(1..400);
            format!("{{\"cell\": {}{}}}", "[".repeat(d), "]".repeat(d))
        }
        // Patches: a few keys pushed to their edges, sometimes ion lists and pulses.
        _ => {
            let mut v = json!({});
            let keys = if rng.u8(..10) < 7 { 1 } else { rng.usize(2..5) };
            for _ in 0..keys {
                set(&mut v, NUMBER_KEYS[rng.usize(..NUMBER_KEYS.len())], value_for_key(rng));
            }
            if rng.u8(..5) == 0 {
                v["ions"] = Value::Array((0..rng.usize(0..10)).map(|_| ion(rng)).collect());
            }
            if rng.u8(..6) == 0 {
                v["stimuli"] = Value::Array(
                    (0..rng.usize(0..4))
                        .map(|_| json!({"start_s": edge_number(rng), "duration_s": edge_number(rng), "amplitude_ua_per_cm2": edge_number(rng)}))
                        .collect(),
                );
            }
            for key in ["pump", "gates", "kcc2", "ncx", "q10", "noble", "proton_pump", "kh_exchanger"] {
                if rng.u8(..25) == 0 {
                    v[key] = if rng.bool() { Value::Null } else { json!({}) };
                }
            }
            if rng.u8(..30) == 0 {
                set(&mut v, &nasty_string(rng), value_for_key(rng));
            }
            v.to_string()
        }
    }
}

/// The arguments for one run; simulate is kept short so 100,000 runs take seconds.
fn arguments(rng: &mut fastrand::Rng) -> Vec<String> {
    let mut args: Vec<String> = match rng.u8(..20) {
        0..=10 => vec!["report".into(), "-".into()],
        11..=15 => vec!["scenario".into(), "-".into()],
        16 | 17 => {
            let until = [1e-300, 1e-9, 1e-4, 0.001, 0.01, 0.05][rng.usize(..6)];
            let mut a = vec!["simulate".into(), "-".into(), "--until".into(), format!("{until}")];
            if rng.bool() {
                a.extend(["--every".into(), format!("{}", until / [1.0, 3.0, 10.0][rng.usize(..3)])]);
            } else {
                a.extend(["--at".into(), format!("{},{}", until / 2.0, until)]);
            }
            a
        }
        // Hostile arguments.
        _ => {
            let words = [
                "report",
                "simulate",
                "scenario",
                "presets",
                "--preset",
                "--until",
                "--every",
                "--at",
                "-",
                "--verbose",
                "-v",
                "x",
            ];
            let mut a: Vec<String> =
                (0..rng.usize(1..6)).map(|_| words[rng.usize(..words.len())].to_string()).collect();
            if rng.bool() {
                a.push(nasty_string(rng));
            }
            if rng.bool() {
                a.push(format!("{}", edge_number(rng)));
            }
            a
        }
    };
    if rng.u8(..5) == 0 && args.len() >= 2 {
        args.extend(["--preset".into(), PRESETS[rng.usize(..PRESETS.len())].into()]);
    }
    args
}

/// Null is allowed in the output only where the format documents it.
fn check_nulls(v: &Value, path: &str, allowed: &dyn Fn(&str) -> bool, problems: &mut Vec<String>) {
    match v {
        Value::Null if !allowed(path) => problems.push(format!("null at {path}")),
        Value::Number(n) if n.to_string().len() > 32 => problems.push(format!("{path}: {n} is too long")),
        Value::Array(a) => {
            a.iter().enumerate().for_each(|(i, x)| check_nulls(x, &format!("{path}[{i}]"), allowed, problems))
        }
        Value::Object(o) => o.iter().for_each(|(k, x)| check_nulls(x, &format!("{path}.{k}"), allowed, problems)),
        _ => {}
    }
}

/// What is wrong with one run's outcome, if anything.
fn judge(args: &[String], code: i32, out: &str, err: &str) -> Option<String> {
    match code {
        0 => {
            if !err.is_empty() {
                return Some(format!("exit 0 with stderr {err:?}"));
            }
            let mut problems = Vec::new();
            match args.first().map(String::as_str) {
                Some("report") => {
                    let v: Value = serde_json::from_str(out).ok()?;
                    let allowed = |p: &str| {
                        p.starts_with(".nernst_mv.") || p.starts_with(".currents_ua_per_cm2.") || p == ".pump_steady_mv"
                    };
                    check_nulls(&v, "", &allowed, &mut problems);
                }
                Some("scenario") => {
                    let v: Value = serde_json::from_str(out).ok()?;
                    let allowed = |p: &str| {
                        [
                            ".pump",
                            ".clamp_mv",
                            ".gates",
                            ".noble",
                            ".kcc2",
                            ".ncx",
                            ".proton_pump",
                            ".kh_exchanger",
                            ".ph_buffer_mm_per_ph",
                            ".q10",
                            ".pump.atp_free_energy_kj_per_mol",
                            ".proton_pump.atp_free_energy_kj_per_mol",
                        ]
                        .contains(&p)
                    };
                    check_nulls(&v, "", &allowed, &mut problems);
                }
                Some("simulate") => {
                    for line in out.lines().skip(1) {
                        for cell in line.split(',') {
                            let ok = cell.len() <= 32 && cell.parse::<f64>().is_ok_and(f64::is_finite);
                            if !ok {
                                problems.push(format!("CSV cell {cell:?}"));
                            }
                        }
                    }
                }
                _ => {}
            }
            (!problems.is_empty()).then(|| problems.join("; "))
        }
        2 => {
            let one_line = err.ends_with('\n') && err.matches('\n').count() == 1;
            let printable = !err.trim_end_matches('\n').chars().any(char::is_control);
            let short = err.chars().count() <= 502;
            if !out.is_empty() || !one_line || !printable || !short || !err.starts_with("vrest: error: ") {
                Some(format!("exit 2 but stdout {} B, stderr {err:?}", out.len()))
            } else {
                None
            }
        }
        other => Some(format!("exit {other}: {err:?}")),
    }
}

#[test]
fn a_hundred_thousand_hostile_inputs_end_in_a_result_or_one_clear_line() {
    let mut rng = fastrand::Rng::with_seed(0x0f0c_2026);
    let (mut ok, mut refused) = (0, 0);
    let mut failures = Vec::new();
    const CASES: usize = 100_000;
    for case in 0..CASES {
        let args = arguments(&mut rng);
        let input = scenario_text(&mut rng);
        let os: Vec<OsString> = args.iter().map(OsString::from).collect();
        let outcome = std::panic::catch_unwind(|| cli::run_captured(os, input.as_bytes()));
        let problem = match outcome {
            Ok((code, out, err)) => {
                if code == 0 {
                    ok += 1;
                } else {
                    refused += 1;
                }
                judge(&args, code, &out, &err)
            }
            Err(_) => Some("panicked".to_string()),
        };
        if let Some(p) = problem {
            let shown: String = input.chars().take(300).collect();
            failures.push(format!("case {case}: {args:?} {shown}\n  → {p}"));
        }
    }
    eprintln!("{CASES} inputs: {ok} exit 0, {refused} exit 2");
    assert!(
        failures.is_empty(),
        "{} failures, the first:\n{}",
        failures.len(),
        failures[..failures.len().min(15)].join("\n")
    );
    // The generator reaches both outcomes in strength, so the checks on each are exercised.
    assert!(ok > CASES / 10 && refused > CASES / 10, "{ok} accepted, {refused} refused");
}

#[test]
fn huge_inputs_are_refused_before_they_are_parsed() {
    // 50 MB of ions: refused at the 1 MB cap, at once.
    let big = format!("{{\"ions\": [{}]}}", vec!["{\"name\":\"K\"}"; 4_000_000].join(","));
    let (code, out, err) = cli::run_captured(vec!["report".into(), "-".into()], big.as_bytes());
    assert_eq!((code, out.as_str()), (2, ""));
    assert_eq!(
        err,
        "vrest: error: the scenario is larger than 1048576 bytes (1 MB); a complete scenario is about 2 KB\n"
    );
    // (Parsed, it would have been refused for its 4 million ions, not for its size.)
    // A key of 500 kB and terminal escapes in a name come back short and escaped.
    let key = "k".repeat(500_000);
    let (code, _, err) = cli::run_captured(vec!["report".into(), "-".into()], format!("{{\"{key}\": 1}}").as_bytes());
    assert_eq!(code, 2);
    assert!(err.chars().count() <= 502, "{} chars", err.chars().count());
    let (code, _, err) = cli::run_captured(
        vec!["report".into(), "-".into()],
        br#"{"ions": [{"name": "\u001b[2J\u001b[31mX", "charge": 1, "inside_mm": 1, "outside_mm": 1, "permeability_cm_per_s": 1e-6}]}"#,
    );
    assert_eq!(code, 2);
    assert!(err.contains("\\u{1b}[2J"), "{err}");
    assert!(!err.trim_end().chars().any(char::is_control), "{err:?}");
}

#[test]
fn valid_looking_input_that_broke_a_result_is_refused_or_finite() {
    let run =
        |args: &[&str], input: &str| cli::run_captured(args.iter().map(OsString::from).collect(), input.as_bytes());
    // A null where a number belongs no longer means "keep the preset's value".
    let (code, _, err) = run(&["report", "-"], r#"{"temperature_c": null}"#);
    assert_eq!(code, 2);
    assert!(err.contains("temperature_c: must not be null"), "{err}");
    // …but where null has a meaning, it keeps it.
    assert_eq!(run(&["report", "-"], r#"{"pump": null, "clamp_mv": null}"#).0, 0);
    // Tiny and huge cells and membranes give finite numbers or a clear refusal.
    for input in [r#"{"cell": {"radius_um": 1e-300}}"#, r#"{"cell": {"membrane_thickness_nm": 1e-308}}"#] {
        let (code, out, err) = run(&["report", "-"], input);
        assert!(code == 2 || !out.contains("null"), "{input}: {out}{err}");
        if code == 2 {
            assert!(err.contains("cell."), "{err}");
        }
    }
    // Tiny times print short, and the sample cap counts every row.
    let (code, out, _) = run(&["simulate", "--until", "1e-300", "--every", "1e-300"], "");
    assert_eq!(code, 0);
    assert!(out.lines().nth(2).unwrap().starts_with("1e-300,"), "{out}");
    let many: Vec<String> = (0..1_000_001).map(|i| format!("{}", i as f64 * 1e-6)).collect();
    let (code, _, err) = run(&["simulate", "--until", "1", "--at", &many.join(",")], "");
    assert_eq!(code, 2);
    assert!(err.contains("at most 1e6"), "{err}");
}
