//! CSV injection (OWASP): ion names are free text, and every CSV the program writes
//! (the CLI's `simulate`, the page's trace export and its data table) must open in a
//! spreadsheet as text. No cell that carries a name may start with = + - @ tab or CR
//! (a spreadsheet would run it as a formula), and a name with a quote must not shift
//! the columns.

#![cfg(not(target_arch = "wasm32"))] // native tier; the wasm tier is tests/web.rs
#![allow(clippy::unwrap_used, clippy::expect_used)] // a failed unwrap is a failed test

use std::io::Write;
use std::process::{Command as Process, Stdio};

use vrest::lab::{Command, Lab, StepDirection};
use vrest_core::{presets, rows, Scenario};

/// Names a spreadsheet would run as formulas, and one that needs RFC 4180 quoting.
const HOSTILE: [&str; 6] = ["=1+1", "+SUM(1)", "-2+3", "@SUM(1;1)", "=HYPERLINK(\"x\")", "say \"hi\""];

/// The characters OWASP lists as starting a formula.
const FORMULA_START: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// The neuron's K and Na (the pump needs them) and an ion for every hostile name.
fn hostile_json() -> String {
    let mut ions = vec![serde_json::json!({"name": "K"}), serde_json::json!({"name": "Na"})];
    ions.extend(HOSTILE.iter().map(|name| {
        serde_json::json!({"name": name, "charge": 1, "inside_mm": 1, "outside_mm": 2, "permeability_cm_per_s": 1e-9})
    }));
    serde_json::json!({ "ions": ions }).to_string()
}

fn hostile_scenario() -> Scenario {
    Scenario::from_json_over(&hostile_json(), &presets::neuron()).unwrap()
}

/// The records of a CSV text by RFC 4180: fields split at commas outside quotes, `""`
/// inside quotes is one quote, records end at LF (or CRLF) outside quotes. A quote in
/// an unquoted field is malformed.
fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let (mut records, mut record, mut field) = (Vec::new(), Vec::new(), String::new());
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') if field.is_empty() => quoted = true,
            (false, '"') => panic!("a quote inside an unquoted field, after {field:?}: {text}"),
            (false, ',') => record.push(std::mem::take(&mut field)),
            (false, '\r') if chars.peek() == Some(&'\n') => {}
            (false, '\n') => {
                record.push(std::mem::take(&mut field));
                records.push(std::mem::take(&mut record));
            }
            (false, c) => field.push(c),
        }
    }
    assert!(!quoted, "an unclosed quoted field: {text}");
    assert!(field.is_empty() && record.is_empty(), "the last record has no line end: {text}");
    records
}

/// Parse `csv` and check it: every record as wide as the header, no header cell that
/// starts a formula, and in the rows only our own numbers may start with '-'.
fn check(what: &str, csv: &str) -> Vec<Vec<String>> {
    let records = parse_csv(csv);
    assert!(records.len() >= 2, "{what}: a header and at least one row: {csv}");
    let width = records[0].len();
    for (i, record) in records.iter().enumerate() {
        assert_eq!(
            record.len(),
            width,
            "{what}: record {i} has {} cells, the header {width}: {record:?}",
            record.len()
        );
        for cell in record {
            let starts_formula = cell.starts_with(FORMULA_START);
            let our_number = i > 0 && cell.parse::<f64>().is_ok();
            assert!(!starts_formula || our_number, "{what}: record {i} has the cell {cell:?}");
        }
    }
    records
}

#[test]
fn the_trace_header_neutralises_names_that_start_a_formula() {
    let header = rows::header(&hostile_scenario()) + "\n";
    let records = parse_csv(&header);
    assert_eq!(
        records[0],
        [
            "t_s",
            "v_mv",
            "K_in_mm",
            "Na_in_mm",
            "'=1+1_in_mm",
            "'+SUM(1)_in_mm",
            "'-2+3_in_mm",
            "'@SUM(1;1)_in_mm",
            "'=HYPERLINK(\"x\")_in_mm",
            "say \"hi\"_in_mm",
        ]
    );
}

#[test]
fn the_pages_trace_export_has_no_formula_and_one_column_per_header_cell() {
    let mut lab = Lab::with_scenario(1, "neuron", &hostile_scenario()).unwrap();
    for _ in 0..3 {
        lab.apply(&Command::Step { direction: StepDirection::Forward }).unwrap();
    }
    let records = check("export_csv", &lab.export_csv());
    // t, V, every ion's inside and the marks' `event` column.
    assert_eq!(records[0].len(), 2 + 2 + HOSTILE.len() + 1);
    assert_eq!(records.len(), 1 + 4, "the header, three step-back snapshots and now");
}

#[test]
fn the_data_table_has_no_formula_and_one_column_per_header_cell() {
    let mut lab = Lab::with_scenario(1, "neuron", &hostile_scenario()).unwrap();
    lab.apply(&Command::Record).unwrap();
    for name in HOSTILE {
        let key = format!("ion.{name}.outside").parse().unwrap();
        lab.apply(&Command::SetControl { key, value: 3.0 }).unwrap();
    }
    lab.apply(&Command::Step { direction: vrest::lab::StepDirection::Forward }).unwrap();
    lab.apply(&Command::Record).unwrap();
    let records = check("records_csv", &lab.records_csv());
    assert_eq!(records.len(), 3);
    for name in HOSTILE {
        assert!(records[0].contains(&format!("E_{name}_mv")), "{name}: {:?}", records[0]);
    }
    // The changed controls, in one cell whatever their names hold.
    let changed = records[2].last().unwrap();
    assert_eq!(changed.matches("outside=3").count(), HOSTILE.len(), "{changed}");
}

#[test]
fn names_that_start_with_a_tab_or_a_line_break_are_refused_before_any_csv() {
    for name in ["\t=1+1", "\r=1+1", "=1+1\r", "a\u{9}b"] {
        let json = serde_json::json!({"ions": [{"name": "K"}, {"name": "Na"},
            {"name": name, "charge": 1, "inside_mm": 1, "outside_mm": 2, "permeability_cm_per_s": 1e-9}]});
        let e = Scenario::from_json_over(&json.to_string(), &presets::neuron()).unwrap_err();
        assert_eq!(e.field, "ions[2].name", "{name:?}: {e}");
    }
}

#[test]
fn the_cli_simulate_header_is_neutralised() {
    let mut child = Process::new(env!("CARGO_BIN_EXE_vrest"))
        .args(["simulate", "-", "--until", "1", "--every", "0.5"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(hostile_json().as_bytes()).unwrap();
    let o = child.wait_with_output().unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let records = check("vrest simulate", &String::from_utf8(o.stdout).unwrap());
    assert_eq!(records.len(), 1 + 3, "t = 0, 0.5 and 1");
    assert_eq!(records[0][4], "'=1+1_in_mm");
    assert_eq!(records[0][9], "say \"hi\"_in_mm");
}
