//! The data table, "changed from the preset" and presentation mode: what a student
//! records is what the model shows at that moment; a change is what a person set, not a
//! concentration that drifted as the model ran; presentation mode shows only the
//! controls the teacher picked and travels in a link.

#![cfg(not(target_arch = "wasm32"))] // native tier; the wasm tier is tests/web.rs
#![allow(clippy::unwrap_used, clippy::expect_used)] // a failed unwrap is a failed test

use vrest::lab::link::Link;
use vrest::lab::records::MAX_RECORDS;
use vrest::lab::{Command, Lab, LabError, StepDirection};
use vrest::present::records::{records_table, worksheet};
use vrest::present::words::PageSetup;
use vrest::present::Catalog;

/// E_ion from the Nernst equation, written here from CODATA 2018's exact constants.
fn nernst_mv(z: i32, inside_mm: f64, outside_mm: f64, t_c: f64) -> f64 {
    let r = 6.022_140_76e23 * 1.380_649e-23;
    let f = 6.022_140_76e23 * 1.602_176_634e-19;
    1e3 * r * (t_c + 273.15) / (f64::from(z) * f) * (outside_mm / inside_mm).ln()
}

fn set(lab: &mut Lab, key: &str, value: f64) {
    lab.apply(&Command::SetControl { key: key.parse().unwrap(), value }).unwrap();
}

fn steps(lab: &mut Lab, n: usize) {
    for _ in 0..n {
        lab.apply(&Command::Step { direction: StepDirection::Forward }).unwrap();
    }
}

/// A lab with two rows recorded: the preset, then after setting `key` and `n` steps.
fn recorded_before_and_after(key: &str, value: f64, n: usize) -> Lab {
    let mut lab = Lab::new(3).unwrap();
    lab.apply(&Command::Record).unwrap();
    set(&mut lab, key, value);
    steps(&mut lab, n);
    lab.apply(&Command::Record).unwrap();
    lab
}

fn changed_keys(lab: &Lab) -> Vec<String> {
    lab.changed_controls().iter().map(|(s, _)| s.key.to_string()).collect()
}

#[test]
fn a_recorded_row_holds_the_values_of_that_moment() {
    let lab = recorded_before_and_after("ion.K.outside", 10.0, 30);
    let rows = lab.records();
    assert_eq!(rows.len(), 2);
    // Row 2: E_K from its own formula at the concentrations of that moment, V and t as
    // the model has them now.
    let s = lab.membrane().scenario();
    let k = s.ion_index("K").unwrap();
    let e_k = nernst_mv(1, lab.membrane().inside_mm()[k], 10.0, s.temperature_c);
    let (_, _, recorded) = rows[1].nernst_mv.iter().find(|(n, _, _)| n == "K").unwrap();
    assert!((recorded.unwrap() - e_k).abs() < 1e-9, "{recorded:?} vs {e_k}");
    assert_eq!(rows[1].voltage_mv, lab.membrane().voltage_mv());
    assert!((rows[1].time_s - 3.0).abs() < 1e-9, "30 steps of 100 ms: {}", rows[1].time_s);
    // Raising K⁺ outside depolarised the cell: row 2's V and E_K are above row 1's.
    assert!(rows[1].voltage_mv > rows[0].voltage_mv + 5.0);
    // Row 1 is the preset itself; row 2 changed K⁺ outside only, though K⁺, Na⁺ and Cl⁻
    // inside drifted in the 3 s the model ran.
    assert!(rows[0].changed.is_empty());
    let changed: Vec<String> = rows[1].changed.iter().map(|(s, _, _)| s.key.to_string()).collect();
    assert_eq!(changed, vec!["ion.K.outside"]);
    assert_ne!(lab.membrane().inside_mm()[k], 140.0, "the model ran: K⁺ inside moved");
    // The pump's current is the Na⁺/K⁺ pump's, outward, as the readout measures it.
    let pump = lab.measure().pump.unwrap().current_ua_per_cm2;
    assert!(pump > 0.0 && (rows[1].pump_ua_per_cm2.unwrap() - pump).abs() < 1e-12);
}

#[test]
fn the_table_exports_as_csv_with_one_line_per_row_and_the_keys_that_changed() {
    let mut lab = recorded_before_and_after("ion.Na.permeability", 0.1, 1);
    lab.apply(&Command::LoadPreset { preset: "plant-cell".into() }).unwrap();
    lab.apply(&Command::Record).unwrap();
    let csv = lab.records_csv();
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(
        lines[0], "n,preset,t_s,v_mv,ghk_mv,pump_ua_per_cm2,E_K_mv,E_Na_mv,E_Cl_mv,E_Ca_mv,E_H_mv,changed",
        "a column for every ion any row has"
    );
    assert_eq!(lines.len(), 4);
    for (line, record) in lines[1..].iter().zip(lab.records()) {
        let cells: Vec<&str> = line.split(',').collect();
        assert_eq!(cells.len(), 12, "{line}");
        assert_eq!(cells[3].parse::<f64>().unwrap(), record.voltage_mv, "exact, not rounded");
    }
    assert!(lines[2].ends_with(",ion.Na.permeability=0.1"), "in the control's own unit, × P_K: {}", lines[2]);
    assert!(lines[3].starts_with("3,plant-cell,"), "{}", lines[3]);
    // The plant has no Na⁺: its cell is empty, not 0.
    let na = lines[0].split(',').position(|c| c == "E_Na_mv").unwrap();
    assert_eq!(lines[3].split(',').nth(na), Some(""), "{}", lines[3]);
    assert_ne!(lines[1].split(',').nth(na), Some(""), "{}", lines[1]);
    // Clearing empties it; the header stays.
    lab.apply(&Command::ClearRecords).unwrap();
    assert_eq!(lab.records_csv().lines().count(), 1);
}

#[test]
fn a_full_table_refuses_the_next_row_and_keeps_the_rest() {
    let mut lab = Lab::new(3).unwrap();
    for _ in 0..MAX_RECORDS {
        lab.apply(&Command::Record).unwrap();
    }
    let e = lab.apply(&Command::Record).unwrap_err();
    assert_eq!(e, LabError::TableFull { max: MAX_RECORDS });
    assert_eq!(lab.records().len(), MAX_RECORDS);
    let catalog = Catalog::english();
    let said = vrest::present::words::describe_error(&e, &lab, &catalog);
    assert!(said.contains("500 rows"), "{said}");
}

#[test]
fn a_change_is_what_a_person_set_not_what_drifted() {
    let mut lab = Lab::new(3).unwrap();
    steps(&mut lab, 50);
    assert_eq!(changed_keys(&lab), Vec::<String>::new(), "5 s of model time changed nothing a person set");
    let unchanged = lab.unchanged_controls();
    assert!(unchanged.contains(&"ion.K.inside".to_string()), "drift is not a change: Share may lock it");
    set(&mut lab, "temperature", 30.0);
    assert_eq!(changed_keys(&lab), vec!["temperature"]);
    // Set back to the preset's value: no longer a change.
    set(&mut lab, "temperature", 37.0);
    assert_eq!(changed_keys(&lab), Vec::<String>::new());
    // A link's patch counts as changed, and Reset keeps it so.
    let mut teacher = Lab::new(5).unwrap();
    set(&mut teacher, "ion.K.outside", 20.0);
    let mut student = Lab::new(6).unwrap();
    for c in Link::parse(&teacher.link()).commands {
        student.apply(&c).unwrap();
    }
    assert_eq!(changed_keys(&student), vec!["ion.K.outside"]);
    steps(&mut student, 5);
    student.apply(&Command::Reset).unwrap();
    assert_eq!(changed_keys(&student), vec!["ion.K.outside"]);
    // A preset starts clean.
    student.apply(&Command::LoadPreset { preset: "neuron".into() }).unwrap();
    assert_eq!(changed_keys(&student), Vec::<String>::new());
}

#[test]
fn the_table_and_the_worksheet_say_the_values_in_words() {
    let mut lab = Lab::new(3).unwrap();
    let catalog = Catalog::english();
    assert_eq!(records_table(&lab, &catalog).status, "No rows yet: press “Record values”.");
    set(&mut lab, "ion.K.outside", 10.0);
    steps(&mut lab, 1);
    lab.apply(&Command::Record).unwrap();
    let t = records_table(&lab, &catalog);
    assert_eq!(t.status, "1 row");
    assert_eq!(t.columns.len(), 4 + 4 + 3, "#, cell, t, V; E for K⁺ Na⁺ Cl⁻ Ca²⁺; GHK, pump, changed");
    assert_eq!(t.columns[4], "E_K⁺");
    let row = &t.rows[0];
    assert_eq!(row[1], "Mammalian neuron");
    assert_eq!(row[3], format!("{} mV", vrest::present::format::signed_tenths(lab.membrane().voltage_mv())));
    assert_eq!(row.last().unwrap(), "K⁺ outside (mM): 10.0 mM");
    let sheet = worksheet(&lab, &catalog);
    assert_eq!(sheet.changes, vec!["K⁺ outside (mM): 10.0 mM"]);
    assert!(sheet.state.starts_with("Mammalian neuron · V −"), "{}", sheet.state);
    // Spanish says it in Spanish, with a decimal comma.
    let es = Catalog::new(vrest::present::catalog::Locale::Spanish);
    let t = records_table(&lab, &es);
    assert_eq!(t.status, "1 fila");
    assert!(t.rows[0].last().unwrap().contains("10,0 mM"), "{:?}", t.rows[0]);
}

#[test]
fn presentation_shows_only_the_picked_controls_and_travels_in_a_link() {
    let catalog = Catalog::english();
    let mut lab = Lab::new(3).unwrap();
    lab.apply(&Command::Present { controls: vec!["ion.K".into(), "pump.running".into()] }).unwrap();
    let shown: Vec<String> =
        PageSetup::new(&lab, &catalog).controls.into_iter().filter(|c| !c.hidden).map(|c| c.key).collect();
    assert_eq!(shown, vec!["ion.K.inside", "ion.K.outside", "ion.K.permeability", "pump.running"]);
    // Off the screen, not locked: an embedding page or a lesson may still set them.
    set(&mut lab, "temperature", 30.0);
    let link = lab.link();
    assert!(link.contains(&("present".to_string(), "ion.K,pump.running".to_string())), "{link:?}");
    let parsed = Link::parse(&link);
    assert!(parsed.problems.is_empty(), "{:?}", parsed.problems);
    let mut again = Lab::new(9).unwrap();
    assert_eq!(again.follow(&parsed), vec![]);
    assert_eq!(again.presenting(), Some(&["ion.K".to_string(), "pump.running".to_string()][..]));
    // `present` with no value: presentation with no controls; a bad entry is a note.
    let parsed = Link::parse(&[("present".to_string(), String::new())]);
    assert_eq!(parsed.commands, vec![Command::Present { controls: vec![] }]);
    let parsed = Link::parse(&[("present".to_string(), "ion.K,dragon".to_string())]);
    assert_eq!(parsed.problems.len(), 1, "{:?}", parsed.problems);
    assert_eq!(parsed.commands, vec![Command::Present { controls: vec!["ion.K".into()] }]);
    // Leaving brings the view's controls back (in the full lab, every one); an unknown
    // pattern is refused, nothing changes.
    lab.apply(&Command::EndPresent).unwrap();
    assert_eq!(PageSetup::new(&lab, &catalog).controls.iter().filter(|c| !c.hidden).count(), 4, "the learner's");
    lab.apply(&Command::SetView { view: vrest::lab::View::Lab }).unwrap();
    assert!(PageSetup::new(&lab, &catalog).controls.iter().all(|c| !c.hidden));
    let e = lab.apply(&Command::Present { controls: vec!["dragon".into()] }).unwrap_err();
    assert!(matches!(e, LabError::UnknownControls { .. }), "{e:?}");
    assert_eq!(lab.presenting(), None);
    // The JSON form, as a page or an embedding page sends it.
    let c: Command = serde_json::from_str(r#"{"do": "present", "args": {"controls": ["ion.K"]}}"#).unwrap();
    assert_eq!(c, Command::Present { controls: vec!["ion.K".into()] });
    let c: Command = serde_json::from_str(r#"{"do": "record"}"#).unwrap();
    assert_eq!(c, Command::Record);
    assert!(serde_json::from_str::<Command>(r#"{"do": "record", "args": {"on": true}}"#).is_err());
}

#[test]
fn a_row_waits_until_v_has_followed_a_change_made_while_paused() {
    let mut lab = Lab::new(3).unwrap();
    lab.apply(&Command::Record).unwrap();
    let v_before = lab.membrane().voltage_mv();
    set(&mut lab, "ion.K.outside", 20.0);
    // Paused: V is still the 5 mM one, so a row now would pair 20 mM with it.
    assert_eq!(lab.membrane().voltage_mv(), v_before);
    assert_eq!(lab.apply(&Command::Record), Err(LabError::NotFollowed));
    assert_eq!(lab.records().len(), 1, "refused whole");
    steps(&mut lab, 30);
    lab.apply(&Command::Record).unwrap();
    assert!(lab.records()[1].voltage_mv > v_before + 10.0, "{} vs {v_before}", lab.records()[1].voltage_mv);
}

#[test]
fn a_teachers_questions_are_trimmed_and_refuse_line_breaks_and_direction_marks() {
    let mut lab = Lab::new(3).unwrap();
    let set_q = |lab: &mut Lab, qs: &[&str]| {
        lab.apply(&Command::SetQuestions { questions: qs.iter().map(|q| q.to_string()).collect() })
    };
    set_q(&mut lab, &["  Why?  ", "", "How?"]).unwrap();
    assert_eq!(lab.questions(), ["Why?", "How?"], "trimmed, the empty one dropped");
    let refused = |number| LabError::Questions { max: 3, max_chars: 200, number };
    assert_eq!(set_q(&mut lab, &["ok", "a\u{200E}b"]), Err(refused(2)), "a left-to-right mark");
    assert_eq!(set_q(&mut lab, &["a\nb"]), Err(refused(1)), "a line break");
    assert_eq!(set_q(&mut lab, &[&"x".repeat(201)]), Err(refused(1)));
    assert_eq!(set_q(&mut lab, &["a", "b", "c", "d"]), Err(refused(0)));
    assert_eq!(lab.questions(), ["Why?", "How?"], "each refusal changed nothing");
    // The link carries them and reads them back.
    let pairs = lab.link();
    let back = Link::parse(&pairs);
    assert!(
        back.commands.contains(&Command::SetQuestions { questions: vec!["Why?".into(), "How?".into()] }),
        "{pairs:?}"
    );
}
