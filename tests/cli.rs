//! The `vrest` binary: its JSON and CSV contract, presets, and exit codes.

#![cfg(not(target_arch = "wasm32"))] // native tier; the wasm tier is tests/web.rs
#![allow(clippy::unwrap_used, clippy::expect_used)] // a failed unwrap is a failed test

use std::io::Write;
use std::process::{Command, Output, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

fn vrest(args: &[&str], stdin: Option<&str>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_vrest"))
        .args(args)
        .stdin(if stdin.is_some() { Stdio::piped() } else { Stdio::null() })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    if let Some(text) = stdin {
        child.stdin.take().unwrap().write_all(text.as_bytes()).unwrap();
    }
    child.wait_with_output().unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}

#[test]
fn report_prints_the_contract_keys_for_the_default_neuron() {
    let o = vrest(&["report"], None);
    assert!(o.status.success(), "{}", stderr(&o));
    let r: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    for ion in ["K", "Na", "Cl", "Ca"] {
        assert!(r["nernst_mv"][ion].is_number(), "{ion}");
        assert!(r["currents_ua_per_cm2"][ion].is_number(), "{ion}");
    }
    assert!(r["currents_ua_per_cm2"]["pump"].as_f64().unwrap() > 0.0);
    assert!((r["nernst_mv"]["K"].as_f64().unwrap() + 89.06).abs() < 0.01);
    // Mullins–Noda of the preset is its resting potential.
    let s: serde_json::Value = serde_json::from_str(&stdout(&vrest(&["scenario"], None))).unwrap();
    assert!((r["pump_steady_mv"].as_f64().unwrap() - s["initial_voltage_mv"].as_f64().unwrap()).abs() < 1e-9);
    // Without a clamp, charge is evaluated at the GHK voltage.
    assert_eq!(r["charge"]["voltage_mv"], r["ghk_mv"]);
    for k in ["charge_c", "ions_moved", "excess_mm", "field_v_per_m", "capacitance_pf"] {
        assert!(r["charge"][k].as_f64().unwrap().is_finite(), "{k}");
    }
}

#[test]
fn report_evaluates_at_the_clamp_and_reads_stdin() {
    let o = vrest(&["report", "-"], Some(r#"{"clamp_mv": -50, "pump": null}"#));
    assert!(o.status.success(), "{}", stderr(&o));
    let r: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(r["charge"]["voltage_mv"], -50.0);
    assert!(r["pump_steady_mv"].is_null());
    assert!(r["currents_ua_per_cm2"]["pump"].is_null());
    // At −50 mV, above E_K, K⁺ flows out.
    assert!(r["currents_ua_per_cm2"]["K"].as_f64().unwrap() > 0.0);
}

#[test]
fn simulate_prints_a_header_and_one_row_per_sample_including_zero() {
    let o = vrest(&["simulate", "--preset", "squid-axon", "--until", "2", "--at", "2,0.5,1"], None);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = stdout(&o);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], "t_s,v_mv,K_in_mm,Na_in_mm,Cl_in_mm");
    let times: Vec<f64> = lines[1..].iter().map(|l| l.split(',').next().unwrap().parse().unwrap()).collect();
    assert_eq!(times, vec![0.0, 0.5, 1.0, 2.0]);
    let o = vrest(&["simulate", "--until", "1", "--every", "0.1"], None);
    let text = stdout(&o);
    let last = text.lines().last().unwrap();
    assert_eq!(text.lines().count(), 12);
    assert!(last.starts_with("1,"), "{last}");
    assert!(text.lines().nth(4).unwrap().starts_with("0.3,"));
}

#[test]
fn a_file_overrides_the_named_preset() {
    let dir = std::env::temp_dir().join(format!("vrest-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("warm.json");
    std::fs::write(&file, r#"{"temperature_c": 30}"#).unwrap();
    let o = vrest(&["scenario", file.to_str().unwrap(), "--preset", "frog-muscle"], None);
    assert!(o.status.success(), "{}", stderr(&o));
    let s: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(s["temperature_c"], 30.0);
    assert_eq!(s["ions"][0]["outside_mm"], 2.5);
}

#[test]
#[allow(clippy::disallowed_methods)] // a native process test: wall-clock time is what it measures
fn without_a_file_stdin_is_not_read() {
    // stdin stays open and empty: a command that read it would hang.
    let mut child = Command::new(env!("CARGO_BIN_EXE_vrest"))
        .args(["simulate", "--until", "1", "--every", "0.5"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let start = Instant::now();
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            assert!(status.success());
            break;
        }
        assert!(start.elapsed() < Duration::from_secs(20), "vrest waited for stdin");
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn presets_lists_every_preset() {
    let o = vrest(&["presets"], None);
    let names: Vec<String> = stdout(&o).lines().map(String::from).collect();
    let expected: Vec<&str> = vrest_core::presets::PRESETS.iter().map(|p| p.id).collect();
    assert_eq!(names, expected);
    // --verbose: id, kind, measured range and source, tab-separated.
    let verbose = stdout(&vrest(&["presets", "--verbose"], None));
    let squid = verbose.lines().find(|l| l.starts_with("squid-axon\t")).unwrap();
    let fields: Vec<&str> = squid.split('\t').collect();
    assert_eq!(fields[..3], ["squid-axon", "cell type", "measured -70 to -50 mV"]);
    assert!(fields[3].starts_with("Hodgkin & Katz (1949)"), "{squid}");
    let ouabain = verbose.lines().find(|l| l.starts_with("ouabain\t")).unwrap();
    assert!(ouabain.contains("\tclinical case\t-\t"), "{ouabain}");
}

#[test]
fn bad_input_exits_2_with_one_line_and_no_output() {
    let cases: &[(&[&str], Option<&str>, &str)] = &[
        (&["report", "-"], Some(r#"{"colour": 1}"#), "unknown field `colour`"),
        (&["report", "-"], Some("{"), "not valid JSON"),
        (&["report", "-"], Some(r#"{"temperature_c": NaN}"#), "temperature_c"),
        (&["report", "-"], Some(r#"{"temperature_c": -300}"#), "above -273.15"),
        (&["report", "-"], Some(r#"{"cell": {"radius_um": 0}}"#), "cell.radius_um"),
        (&["report", "-"], Some(r#"{"ions": [{"name": "K", "charge": 0}], "pump": null}"#), "non-zero integer"),
        (&["report", "-"], Some(r#"{"ions": [{"name": "K", "outside_mm": 0}], "pump": null}"#), "infinite"),
        (
            &["report", "-"],
            Some(r#"{"ions": [{"name": "K", "permeability_cm_per_s": -1}, {"name": "Na"}]}"#),
            "permeability",
        ),
        (&["report", "-"], Some(r#"{"ions": [{"name": "K"}]}"#), "\"Na\""),
        (&["report", "/nonexistent/scenario.json"], None, "cannot read"),
        (&["report", "--preset", "zombie"], None, "--preset: unknown preset"),
        (&["simulate", "--until", "1"], None, "--every"),
        (&["simulate", "--until", "-1", "--every", "1"], None, "--until"),
        (&["simulate", "--until", "1", "--every", "1e-9"], None, "at most 1e6"),
        // t = 0 and a million more: one sample over the limit.
        (&["simulate", "--until", "1000000", "--every", "1"], None, "gives 1000001 samples; at most 1e6"),
        (&["simulate", "--until", "1", "--at", "0.5,x"], None, "--at"),
        (&["simulate", "--until", "1", "--at", "2"], None, "after --until"),
        (&["simulate", "--until", "1", "--every", "0.5", "--at", "1"], None, "not both"),
        // Read by the lab's one argument reader, as the page's commands are.
        (
            &["report", "--until", "1"],
            None,
            "report: \"--until\" is not an argument of this command; it takes `FILE`, `--preset`",
        ),
        (
            &["presets", "scenario.json"],
            None,
            "presets: \"FILE\" is not an argument of this command; it takes `--verbose`",
        ),
        (&["frobnicate"], None, "unknown command"),
        (&[], None, "no command"),
    ];
    for (args, stdin, expected) in cases {
        let o = vrest(args, *stdin);
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {err}");
        assert!(o.stdout.is_empty(), "{args:?} printed to stdout");
        assert_eq!(err.trim_end().lines().count(), 1, "{args:?}: {err}");
        assert!(err.contains(expected), "{args:?}: {err} (want {expected})");
    }
}

#[test]
fn help_explains_every_command_and_key() {
    let o = vrest(&["--help"], None);
    assert!(o.status.success());
    let help = stdout(&o);
    // Every part a cell may have or not is named where the help says which keys take null.
    let nulls = help.split("except for the keys where null means something").nth(1).unwrap_or("");
    let nulls = nulls.split("A scenario is at most").next().unwrap_or("");
    for part in vrest_core::Part::ALL {
        assert!(nulls.contains(part.key()), "--help does not say that {} takes null", part.key());
    }
    for word in [
        "report",
        "simulate",
        "presets",
        "--until",
        "--every",
        "--at",
        "--preset",
        "clamp_mv",
        "initial_voltage_mv",
        "EXIT STATUS",
        "rate_fraction",
    ] {
        assert!(help.contains(word), "--help lacks {word}");
    }
    // The ranges it quotes are the ones the validation enforces.
    use vrest_core::constants::*;
    for range in [
        TEMPERATURE_C,
        CONCENTRATION_MM,
        PERMEABILITY_CM_PER_S,
        RADIUS_UM,
        THICKNESS_NM,
        VOLTAGE_MV,
        PUMP_RATE_FRACTION,
    ] {
        // The range in words, as the page and the errors say it, with the terminal's
        // ASCII minus.
        let text =
            vrest::present::words::range_text(&range, &vrest::present::Catalog::english()).replace('\u{2212}', "-");
        assert!(help.contains(&text), "--help lacks {text}");
    }
}

#[test]
fn simulate_adds_a_row_at_every_pulse_edge_and_the_pulse_fires_the_excitable_neuron() {
    let stim = r#"{"stimuli": [{"start_s": 0.01, "duration_s": 0.001, "amplitude_ua_per_cm2": 40}]}"#;
    let o =
        vrest(&["simulate", "-", "--preset", "excitable-neuron", "--until", "0.02", "--every", "0.005"], Some(stim));
    assert!(o.status.success(), "{}", stderr(&o));
    let rows: Vec<Vec<f64>> =
        stdout(&o).lines().skip(1).map(|l| l.split(',').map(|x| x.parse().unwrap()).collect()).collect();
    let times: Vec<f64> = rows.iter().map(|r| r[0]).collect();
    assert_eq!(times, [0.0, 0.005, 0.01, 0.011, 0.015, 0.02]);
    // At the end of the 1 ms pulse the cell is firing: V above 0 mV.
    assert!(rows[3][1] > 0.0, "V at the pulse's end: {}", rows[3][1]);
    // A pulse is checked like every other key.
    let o = vrest(
        &["report", "-"],
        Some(r#"{"stimuli": [{"start_s": -1, "duration_s": 0.001, "amplitude_ua_per_cm2": 40}]}"#),
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("stimuli[0].start_s: must be a number from 0 to 1e7 s"), "{}", stderr(&o));
}

/// A long run: 900,001 samples, about 70 MB of CSV.
const LONG_RUN: [&str; 7] = ["simulate", "--preset", "neuron", "--until", "3600", "--every", "0.004"];

/// How long the whole `LONG_RUN` takes with its output thrown away (measured once).
#[allow(clippy::disallowed_methods)] // a native process test: wall-clock time is what it measures
fn long_run_time() -> Duration {
    static TIME: OnceLock<Duration> = OnceLock::new();
    *TIME.get_or_init(|| {
        let start = Instant::now();
        let status = Command::new(env!("CARGO_BIN_EXE_vrest")).args(LONG_RUN).stdout(Stdio::null()).status().unwrap();
        assert!(status.success());
        start.elapsed()
    })
}

/// `script` run by bash with the binary as `$0` and `LONG_RUN` as `"$@"`: its output
/// and how long it took.
#[allow(clippy::disallowed_methods)] // a native process test: wall-clock time is what it measures
fn bash_long_run(script: &str) -> (Output, Duration) {
    let start = Instant::now();
    let o = Command::new("bash")
        .arg("-c")
        .arg(script)
        .arg(env!("CARGO_BIN_EXE_vrest"))
        .args(LONG_RUN)
        .stdin(Stdio::null())
        .output()
        .unwrap();
    (o, start.elapsed())
}

#[test]
fn an_unwritable_stdout_exits_1_at_the_first_failed_write() {
    // /dev/full refuses every write (ENOSPC).
    let (o, took) = bash_long_run(r#"exec "$0" "$@" >/dev/full"#);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(err.starts_with("vrest: error: cannot write the output") && err.lines().count() == 1, "{err}");
    // It stopped at the first failed write rather than running the whole simulation.
    let whole = long_run_time();
    assert!(took * 4 < whole, "{took:?} for a failed write; the whole run takes {whole:?}");
}

#[test]
fn behind_a_reader_that_leaves_it_stops_early_and_exits_1() {
    // `head` closes the pipe after 100 bytes; the exit status is vrest's.
    let (o, took) = bash_long_run(r#""$0" "$@" | head -c 100 >/dev/null; exit "${PIPESTATUS[0]}""#);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert_eq!(stderr(&o), "", "a closed pipe ends the run quietly");
    let whole = long_run_time();
    assert!(took * 4 < whole, "{took:?} behind head; the whole run takes {whole:?}");
}

#[test]
fn a_closed_stdout_exits_1_with_its_line() {
    // `>&-` starts vrest with no fd 1 at all; the Rust runtime would reopen it on
    // /dev/null before main, so the check runs earlier (src/bin/vrest/stdout_open.c).
    let sh = |redirect: &str| {
        Command::new("sh")
            .arg("-c")
            .arg(format!(r#"exec "$0" simulate --preset neuron --until 1 --every 1 {redirect}"#))
            .arg(env!("CARGO_BIN_EXE_vrest"))
            .stdin(Stdio::null())
            .output()
            .unwrap()
    };
    let o = sh(">&-");
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert_eq!(stderr(&o), "vrest: error: cannot write the output: standard output is closed\n");
    // /dev/null is a real output that takes every write.
    let o = sh(">/dev/null");
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(stderr(&o), "");
}
