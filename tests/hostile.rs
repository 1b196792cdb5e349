//! Hostile and careless input on the newer entry points (links, host messages, names,
//! locks): a cell with other ions than its preset, deep or huge links, names that
//! try to become markup or to reverse the page's words. Nothing here may panic, and
//! every refusal says why.

#![cfg(not(target_arch = "wasm32"))] // native tier; the wasm tier is tests/web.rs
#![allow(clippy::unwrap_used, clippy::expect_used)] // a failed unwrap is a failed test

use serde_json::json;
use vrest::lab::link::{encode_state, Link, LinkProblem};
use vrest::lab::{Command, ControlKey, IonQuantity, Lab};
use vrest::present::catalog::Catalog;
use vrest::present::readout::Readout;
use vrest::present::words::PageSetup;

fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
}

/// Open `pairs` in a fresh lab: the problems the link had, and the refusals of its commands.
fn open(pairs: &[(String, String)]) -> (Lab, Vec<LinkProblem>, usize) {
    let mut lab = Lab::new(7).unwrap();
    let link = Link::parse(pairs);
    let refused = link.commands.iter().filter(|c| lab.apply(c).is_err()).count();
    (lab, link.problems, refused)
}

/// The neuron's four ions and `extra` after them, in `order`.
fn neuron_ions_with(extra: serde_json::Value, order: &[usize]) -> serde_json::Value {
    let ions = [
        json!({"name": "K", "charge": 1, "inside_mm": 140.0, "outside_mm": 5.0, "permeability_cm_per_s": 1e-6}),
        json!({"name": "Na", "charge": 1, "inside_mm": 15.0, "outside_mm": 145.0, "permeability_cm_per_s": 4e-8}),
        json!({"name": "Cl", "charge": -1, "inside_mm": 7.0, "outside_mm": 110.0, "permeability_cm_per_s": 4.5e-7}),
        json!({"name": "Ca", "charge": 2, "inside_mm": 1e-4, "outside_mm": 1.2, "permeability_cm_per_s": 0.0}),
        extra,
    ];
    json!({ "ions": order.iter().map(|&i| ions[i].clone()).collect::<Vec<_>>() })
}

fn li() -> serde_json::Value {
    json!({"name": "Li", "charge": 1, "inside_mm": 1.0, "outside_mm": 2.0, "permeability_cm_per_s": 1e-8})
}

/// Everything the page reads from a lab: the readout, the setup, the changed and the
/// unchanged controls, the link.
fn read_everything(lab: &Lab) -> (Readout, PageSetup) {
    let catalog = Catalog::english();
    let readout = Readout::new(lab, &lab.measure(), &catalog);
    let setup = PageSetup::new(lab, &catalog);
    let _ = (lab.changed_controls(), lab.unchanged_controls(), lab.link(), lab.export_csv());
    (readout, setup)
}

/// A refusal in the command line's and the page's English.
fn worded(e: &vrest_core::ModelError) -> String {
    vrest::present::words::model_error(e, &vrest::present::Catalog::english())
}

#[test]
fn a_cell_with_more_fewer_or_reordered_ions_than_its_preset_is_read_by_name() {
    // A fifth ion, the neuron's ions reversed, and three of them only.
    for order in [vec![0, 1, 2, 3, 4], vec![4, 3, 2, 1, 0], vec![1, 0, 2]] {
        let patch = neuron_ions_with(li(), &order);
        let state = encode_state(&patch);
        let mut query = vec![("preset", "neuron"), ("s", state.as_str())];
        if order.contains(&4) {
            query.push(("lock", "ion.Li.outside"));
        }
        let (mut lab, problems, refused) = open(&pairs(&query));
        assert_eq!((problems, refused), (vec![], 0), "{order:?}");
        let (readout, setup) = read_everything(&lab);
        assert_eq!(readout.ions.len(), order.len());
        assert_eq!(setup.ions.len(), order.len());
        // The table's rows and the setup's follow the scenario's own order, by name.
        let names: Vec<&str> = readout.ions.iter().map(|i| i.name.as_str()).collect();
        let expected: Vec<&str> = order.iter().map(|&i| ["K", "Na", "Cl", "Ca", "Li"][i]).collect();
        assert_eq!(names, expected);
        assert_eq!(setup.ions.iter().map(|i| i.name.as_str()).collect::<Vec<_>>(), expected);
        // The slider of K⁺ outside spans the decades around K⁺'s 5 mM, wherever K⁺ is.
        let k_out = lab.control_spec(&ControlKey::ion("K", IonQuantity::Outside)).unwrap();
        assert_eq!((k_out.slider_min, k_out.slider_max), (0.01, 100.0), "{order:?}");
        if order.contains(&4) {
            // The custom ion's control is locked, as the link said, and the lock holds.
            let li_out = ControlKey::ion("Li", IonQuantity::Outside);
            assert!(lab.is_locked(&li_out));
            assert!(lab.apply(&Command::SetControl { key: li_out.clone(), value: 3.0 }).is_err());
            // A control the preset lacks counts as changed; one unchanged is not.
            let changed: Vec<String> = lab.changed_controls().iter().map(|(s, _)| s.key.to_string()).collect();
            assert!(changed.contains(&"ion.Li.outside".to_string()), "{changed:?}");
            assert!(!changed.contains(&"ion.K.outside".to_string()), "{changed:?}");
        }
        // The lab keeps working: play a little, step, reset.
        lab.apply(&Command::Play).unwrap();
        for _ in 0..10 {
            lab.frame(1.0 / 60.0);
        }
        lab.apply(&Command::Reset).unwrap();
        read_everything(&lab);
    }
}

#[test]
fn a_host_may_add_an_ion_through_set_state_and_load_scenario() {
    let mut lab = Lab::new(1).unwrap();
    for preset in ["neuron", "squid-axon"] {
        let patch = neuron_ions_with(li(), &[0, 1, 2, 3, 4]);
        lab.apply_all(&[Command::LoadScenario { preset: preset.into(), patch }]).unwrap();
        assert_eq!(lab.membrane().scenario().ions.len(), 5);
        let (readout, _) = read_everything(&lab);
        assert!(readout.controls.iter().any(|c| c.key == "ion.Li.permeability"));
    }
}

/// `n` arrays nested in one another, as JSON text.
fn nested(n: usize) -> String {
    "[".repeat(n) + &"]".repeat(n)
}

#[test]
fn deep_nesting_is_refused_before_any_parser_reads_it() {
    use base64::Engine;
    let b64 = |t: &str| format!("v1.{}", base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(t));
    // 3,300 nested arrays in a patch: 8.8 KB of link. The reader is never called.
    let deep = format!("{{\"ions\": {}}}", nested(3300));
    let called = std::cell::Cell::new(false);
    let link = Link::parse_with(&pairs(&[("s", &b64(&deep))]), &|_| {
        called.set(true);
        None
    });
    assert!(!called.get(), "the JSON reader saw a 3,300-deep text");
    assert_eq!(link.problems, vec![LinkProblem::StateDepth { max: vrest::lab::link::MAX_STATE_DEPTH }]);
    // A host message 3,300 deep (6.6 KB, under the size cap) is refused with a reason.
    let message =
        format!("{{\"vrest\": 1, \"id\": 1, \"do\": \"set_state\", \"args\": {{\"scenario\": {}}}}}", nested(3300));
    let refusal = vrest::lab::host::parse_text(&message).unwrap_err();
    assert_eq!(
        worded(&refusal.error),
        "message: at most 16 levels of objects and arrays (a message that contains itself has no end)"
    );
    // (A message the page hands over as a value is bounded before serde reads it:
    // tests/e2e, `within_depth` and `plainData`.) 100,000 levels: refused unread.
    let refusal = vrest::lab::host::parse_text(&nested(100_000)).unwrap_err();
    assert!(["error-host-size", "error-host-depth"].contains(&refusal.error.code), "{}", refusal.error);
}

#[test]
#[allow(clippy::disallowed_methods)] // native: the wall-clock bound guards a freeze of seconds
fn links_that_say_too_much_are_read_in_bounded_time_with_a_few_notes() {
    use vrest::present::words::{describe_link_problem, link_notes, MAX_LINK_NOTES};
    let catalog = Catalog::english();
    // lock=a,a,… at 1 MB, and at 200 KB.
    for n in [100_000, 500_000] {
        let lock = vec!["a"; n].join(",");
        let started = std::time::Instant::now();
        let link = Link::parse(&pairs(&[("preset", "neuron"), ("lock", &lock)]));
        let notes: Vec<String> = link.problems.iter().map(|p| describe_link_problem(p, &catalog)).collect();
        let notes = link_notes(notes, &catalog);
        assert!(notes.len() <= MAX_LINK_NOTES + 1, "{} notes", notes.len());
        assert!(matches!(link.problems[..], [LinkProblem::ListTooLong { .. }]), "{:?}", link.problems);
        assert!(!link.commands.iter().any(|c| matches!(c, Command::Lock { .. })));
        assert!(started.elapsed().as_millis() < 500, "{n}: {:?}", started.elapsed());
    }
    // 100,000 distinct unknown keys: the first 32 are read, one note counts the rest.
    let many: Vec<(String, String)> = (0..100_000).map(|i| (format!("k{i}"), "1".to_string())).collect();
    let started = std::time::Instant::now();
    let link = Link::parse(&many);
    assert!(started.elapsed().as_millis() < 500, "{:?}", started.elapsed());
    assert!(link.problems.contains(&LinkProblem::TooManyParams { max: 32, ignored: 100_000 - 32 }));
    assert_eq!(link.problems.len(), 33);
    let notes: Vec<String> = link.problems.iter().map(|p| describe_link_problem(p, &catalog)).collect();
    let notes = link_notes(notes, &catalog);
    assert_eq!(notes.len(), MAX_LINK_NOTES + 1);
    assert_eq!(notes.last().unwrap(), "…and 28 more notes about this link.");
}

fn locked_lab(lock: &str) -> Lab {
    let (lab, problems, refused) = open(&pairs(&[("preset", "neuron"), ("lock", lock)]));
    assert_eq!((problems, refused), (vec![], 0));
    lab
}

#[test]
fn a_lock_holds_against_presets_lessons_show_me_reset_and_hosts() {
    let temperature = ControlKey::Temperature;
    // "Cold (27 °C)" would change the locked temperature: refused whole, naming it.
    let mut lab = locked_lab("temperature");
    let before = lab.membrane().scenario().clone();
    let e = lab.apply(&Command::LoadPreset { preset: "cold".into() }).unwrap_err();
    assert_eq!(e, vrest::lab::LabError::LockedChange { key: temperature.clone() });
    assert_eq!(lab.membrane().scenario(), &before, "nothing changed, Cl⁻ inside included");
    assert_eq!(lab.preset_id(), "neuron");
    // A preset at the same temperature loads.
    lab.apply(&Command::LoadPreset { preset: "squid-axon".into() }).unwrap_err();
    lab.apply(&Command::LoadPreset { preset: "neuron".into() }).unwrap();
    // A host's set_state, as one change: refused whole.
    let patch = json!({"temperature_c": 20.0});
    let e = lab.apply_all(&[Command::LoadScenario { preset: "neuron".into(), patch }]).unwrap_err();
    assert_eq!(e, vrest::lab::LabError::LockedChange { key: temperature.clone() });
    // A lesson whose scenes would change a locked control is refused before it starts.
    let mut lab = locked_lab("ion.K.outside");
    let e = lab.apply(&Command::StartLesson { lesson: "hyperkalemia".into(), step: 0 }).unwrap_err();
    assert!(matches!(e, vrest::lab::LabError::Locked { .. } | vrest::lab::LabError::LockedChange { .. }), "{e:?}");
    assert!(lab.guide().is_none());
    // "Show me" on the pump, with the pump locked.
    let mut lab = locked_lab("pump");
    assert!(lab.apply(&Command::StartLesson { lesson: "myth-pump".into(), step: 0 }).is_err());
    assert_eq!(lab.control_value(&lab.control_spec(&ControlKey::PumpRunning).unwrap()), 1.0);
    // A lesson that leaves the locked control alone starts.
    let mut lab = locked_lab("temperature");
    lab.apply(&Command::StartLesson { lesson: "myth-pump".into(), step: 0 }).unwrap();
    // Reset keeps a control locked after it was changed (by a host, say) as it was locked.
    let mut lab = Lab::new(3).unwrap();
    lab.apply(&Command::SetControl { key: temperature.clone(), value: 30.0 }).unwrap();
    lab.apply(&Command::Lock { controls: vec!["temperature".into()] }).unwrap();
    lab.apply(&Command::Reset).unwrap();
    assert_eq!(lab.membrane().scenario().temperature_c, 30.0);
    // The host's own unlock lifts it.
    lab.apply(&Command::Unlock { controls: vec![] }).unwrap();
    lab.apply(&Command::LoadPreset { preset: "cold".into() }).unwrap();
}

#[test]
fn names_with_direction_controls_or_commas_are_refused_by_name() {
    for name in ["K\u{202E}", "A\u{2066}B", "\u{200F}X", "a,b"] {
        let patch = json!({"ions": [
            {"name": "K", "charge": 1, "inside_mm": 140.0, "outside_mm": 5.0, "permeability_cm_per_s": 1e-6},
            {"name": "Na", "charge": 1, "inside_mm": 15.0, "outside_mm": 145.0, "permeability_cm_per_s": 4e-8},
            {"name": name, "charge": 1, "inside_mm": 1.0, "outside_mm": 1.0, "permeability_cm_per_s": 0.0}]});
        let (_, problems, _) = open(&pairs(&[("preset", "neuron"), ("s", &encode_state(&patch))]));
        let [LinkProblem::State(e)] = &problems[..] else { panic!("{name:?}: {problems:?}") };
        let message = vrest::present::words::model_error(e, &vrest::present::Catalog::english());
        assert!(message.starts_with("ions[2].name: may not contain"), "{message}");
        // The refusal itself shows the control escaped, so it cannot reverse the note.
        assert!(!message.chars().any(vrest_core::error::is_bidi_control), "{message:?}");
    }
    // A right-to-left name is isolated wherever it is shown.
    assert_eq!(vrest::present::format::ion_label("אב", 1), "\u{2068}אב\u{2069}⁺");
    assert_eq!(vrest::present::format::ion_label("Li", 1), "Li⁺");
}

#[test]
fn a_question_waits_and_says_so_and_a_host_can_answer_it() {
    let mut lab = Lab::new(5).unwrap();
    lab.apply(&Command::StartLesson { lesson: "block-pump".into(), step: 1 }).unwrap();
    let asking = |lab: &Lab| lab.host_state()["lesson"]["asking"].as_bool();
    assert_eq!(asking(&lab), Some(true));
    let t = lab.membrane().time_s();
    let k_out = vrest::lab::ControlKey::ion("K", vrest::lab::IonQuantity::Outside);
    for c in [
        Command::Play,
        Command::TogglePlay,
        Command::Stimulate { amplitude_ua_per_cm2: 40.0 },
        Command::SetControl { key: k_out.clone(), value: 20.0 },
        Command::SetControlPosition { key: k_out, position: 900 },
    ] {
        assert_eq!(lab.apply(&c), Err(vrest::lab::LabError::Asking), "{c:?}");
    }
    let (_, play) = vrest::lab::host::parse(&json!({"vrest": 1, "id": 1, "do": "play"})).unwrap();
    let vrest::lab::host::Request::Change(commands) = play else { panic!() };
    assert_eq!(lab.apply_all(&commands), Err(vrest::lab::LabError::Asking));
    assert_eq!(lab.membrane().time_s(), t);
    // The host answers (choice 1), and the scene runs.
    let (_, answer) =
        vrest::lab::host::parse(&json!({"vrest": 1, "id": 2, "do": "answer", "args": {"choice": 1}})).unwrap();
    let vrest::lab::host::Request::Change(commands) = answer else { panic!() };
    lab.apply_all(&commands).unwrap();
    assert_eq!(asking(&lab), Some(false));
    assert!(lab.is_playing());
    for bad in [json!({"choice": -1}), json!({"choice": "1"}), json!({}), json!({"choice": 1, "x": 2})] {
        let m = json!({"vrest": 1, "id": 3, "do": "answer", "args": bad});
        assert!(vrest::lab::host::parse(&m).unwrap_err().error.field.starts_with("args"), "{m}");
    }
}

#[test]
fn typed_numbers_are_read_as_each_language_writes_them() {
    use vrest::present::catalog::Locale;
    let (en, es) = (Catalog::english(), Catalog::new(Locale::Spanish));
    for (text, english, spanish) in [
        ("7.5", Some(7.5), Some(7.5)),
        ("7,5", None, Some(7.5)),
        (" 140 ", Some(140.0), Some(140.0)),
        ("1 000", Some(1000.0), Some(1000.0)),
        ("\u{2212}5", Some(-5.0), Some(-5.0)),
        ("1e-9", Some(1e-9), Some(1e-9)),
        ("1,5e-3", None, Some(1.5e-3)),
        ("1.2.3", None, None),
        ("1,2.3", None, None),
        ("", None, None),
        ("-", None, None),
        ("e5", None, None),
        ("NaN", None, None),
        ("Infinity", None, None),
        ("1e999", None, None),
        ("0x10", None, None),
        ("5e", None, None),
    ] {
        assert_eq!(en.read_number(text), english, "English {text:?}");
        assert_eq!(es.read_number(text), spanish, "Spanish {text:?}");
    }
}

#[path = "shared/decimals.rs"]
mod decimals;

#[test]
fn decimals_read_as_the_standard_library_reads_them() {
    decimals::read_as_the_standard_library_reads_them();
}
