//! Links: a lab written as URL parameters and read back gives the same cell, the same
//! controls, the same V and (with the same seed) the same particles; every bad
//! parameter gives its note and its default, and leaves the others working.

#![cfg(not(target_arch = "wasm32"))] // native tier; the wasm tier is tests/web.rs
#![allow(clippy::unwrap_used, clippy::expect_used)] // a failed unwrap is a failed test

use vrest::lab::link::{encode_state, Link, LinkProblem};
use vrest::lab::{Command, ControlKey, Lab, StepDirection};
use vrest_core::presets::PRESETS;

/// Open `pairs` in a fresh lab (with another seed, so the link's seed must win).
fn open(pairs: &[(String, String)]) -> (Lab, Vec<LinkProblem>) {
    let mut lab = Lab::new(99).unwrap();
    let link = Link::parse(pairs);
    assert_eq!(lab.follow(&link), vec![]);
    (lab, link.problems)
}

fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
}

/// Every control's value, by key.
fn controls(lab: &Lab) -> Vec<(String, f64)> {
    lab.control_specs().iter().map(|s| (s.key.to_string(), lab.control_value(s))).collect()
}

#[test]
fn a_link_reproduces_every_preset_after_random_edits() {
    let mut rng = fastrand::Rng::with_seed(0x11ce);
    for p in PRESETS {
        for round in 0..8 {
            let mut lab = Lab::new(rng.u64(..)).unwrap();
            lab.apply(&Command::LoadPreset { preset: p.id.into() }).unwrap();
            // A learner's edits: a few controls to random slider positions, some time,
            // a speed, sometimes playing.
            let specs = lab.control_specs();
            for _ in 0..3 {
                let spec = &specs[rng.usize(..specs.len())];
                let _ = lab.apply(&Command::SetControlPosition { key: spec.key.clone(), position: rng.u32(0..=1000) });
            }
            for _ in 0..rng.usize(0..3) {
                let _ = lab.apply(&Command::Step { direction: StepDirection::Forward });
            }
            lab.apply(&Command::SetSpeed { index: rng.usize(0..8) }).unwrap();
            // Sometimes a teacher's step size, or back to following the speed.
            let sizes = vrest::lab::STEP_SIZES_S;
            let step_s = if rng.bool() { sizes[rng.usize(..sizes.len())] } else { 0.0 };
            lab.apply(&Command::SetStepSize { step_s }).unwrap();
            if rng.bool() {
                lab.apply(&Command::Play).unwrap();
            }
            let link = lab.link();
            let (opened, problems) = open(&link);
            assert_eq!(problems, vec![], "{}: {link:?}", p.id);
            assert_eq!(opened.preset_id(), lab.preset_id());
            assert_eq!(controls(&opened), controls(&lab), "{} round {round}", p.id);
            let (v0, v1) = (lab.membrane().voltage_mv(), opened.membrane().voltage_mv());
            assert!((v0 - v1).abs() < 1e-9, "{}: V {v0} → {v1}", p.id);
            assert_eq!(opened.membrane().inside_mm(), lab.membrane().inside_mm(), "{}", p.id);
            assert_eq!((opened.speed_index(), opened.is_playing()), (lab.speed_index(), lab.is_playing()));
            assert_eq!((opened.step_size(), opened.step_s()), (lab.step_size(), lab.step_s()));
            assert_eq!(opened.seed(), lab.seed());
            // The same link, opened twice, draws the same particles.
            let (again, _) = open(&link);
            let xy = |l: &Lab| l.scene().particles().iter().map(|q| (q.x, q.y, q.kind)).collect::<Vec<_>>();
            assert_eq!(xy(&again), xy(&opened));
        }
    }
}

#[test]
fn an_unchanged_preset_links_with_no_state_and_the_default_speed_unwritten() {
    let lab = Lab::new(7).unwrap();
    assert_eq!(lab.link(), pairs(&[("preset", "neuron"), ("seed", "7")]));
    let mut lab = Lab::new(7).unwrap();
    lab.apply(&Command::SetControl { key: "ion.K.outside".parse().unwrap(), value: 10.0 }).unwrap();
    let link = lab.link();
    let s = &link.iter().find(|(k, _)| k == "s").unwrap().1;
    assert!(s.starts_with("v1."), "{s}");
    // Only the change is written: K⁺'s ion entry (ions go whole) and V, nothing of the cell.
    let (opened, _) = open(&link);
    assert_eq!(
        opened.control_value(&opened.control_spec(&"ion.K.outside".parse::<ControlKey>().unwrap()).unwrap()),
        10.0
    );
}

#[test]
fn each_bad_parameter_gives_its_note_and_its_default_and_the_rest_still_apply() {
    let cases: Vec<(Vec<(&str, &str)>, LinkProblem)> = vec![
        (vec![("preset", "dragon")], LinkProblem::Preset { got: "dragon".into() }),
        (vec![("speed", "9")], LinkProblem::Speed { max: 7, got: "9".into() }),
        (vec![("stepsize", "2ms")], LinkProblem::StepSize { got: "2ms".into() }),
        (vec![("stepsize", "1e-4")], LinkProblem::StepSize { got: "1e-4".into() }),
        (vec![("speed", "-1")], LinkProblem::Speed { max: 7, got: "-1".into() }),
        (vec![("speed", "2.5")], LinkProblem::Speed { max: 7, got: "2.5".into() }),
        (vec![("play", "yes")], LinkProblem::Play { got: "yes".into() }),
        (vec![("seed", "18446744073709551616")], LinkProblem::Seed { got: "18446744073709551616".into() }),
        (vec![("s", "v2.e30")], LinkProblem::StateFormat),
        (vec![("s", "v1.!!!")], LinkProblem::StateFormat),
        (vec![("s", "v1.WzFd")], LinkProblem::StateFormat), // [1]: JSON, but not an object
        (vec![("colour", "red")], LinkProblem::Unknown { param: "colour".into() }),
        (vec![("speed", "5"), ("speed", "6")], LinkProblem::Repeated { param: "speed".into() }),
    ];
    for (params, problem) in cases {
        // Each bad parameter comes with a good one, which must still apply.
        let mut list = params.clone();
        if params[0].0 != "preset" {
            list.push(("preset", "astrocyte"));
        }
        if !params.iter().any(|(k, _)| *k == "speed") {
            list.push(("speed", "5"));
        }
        let (lab, problems) = open(&pairs(&list));
        assert_eq!(problems, vec![problem.clone()], "{params:?}");
        assert_eq!(lab.preset_id(), if params[0].1 == "dragon" { "neuron" } else { "astrocyte" });
        match problem {
            LinkProblem::Speed { .. } => assert_eq!(lab.speed_index(), 3, "the default speed"),
            LinkProblem::Repeated { .. } => assert_eq!(lab.speed_index(), 5, "the first is used"),
            LinkProblem::StepSize { .. } => assert_eq!(lab.step_size(), None, "a step follows the speed"),
            _ => assert_eq!(lab.speed_index(), 5),
        }
        assert!(!lab.is_playing());
    }
    // A well-formed patch the model refuses: its message, and the preset unchanged.
    let bad = encode_state(&serde_json::json!({"temperature_c": 500}));
    let (lab, problems) = open(&pairs(&[("preset", "astrocyte"), ("s", &bad)]));
    assert!(
        matches!(&problems[..], [LinkProblem::State(e)] if e.field == "temperature_c" && e.code == "error-model-range"),
        "{problems:?}"
    );
    assert_eq!(lab.preset_id(), "astrocyte");
    // The page's own keys are not the lab's to judge.
    let (_, problems) = open(&pairs(&[("locale", "es"), ("fuzz", ""), ("embed", ""), ("host", "x")]));
    assert_eq!(problems, vec![]);
}

#[test]
fn the_link_commands_read_from_json_as_any_command() {
    let c: Command = serde_json::from_str(r#"{"do": "set_seed", "args": {"seed": 42}}"#).unwrap();
    assert_eq!(c, Command::SetSeed { seed: 42 });
    let c: Command = serde_json::from_str(
        r#"{"do": "load_scenario", "args": {"preset": "neuron", "patch": {"temperature_c": 30}}}"#,
    )
    .unwrap();
    let mut lab = Lab::new(1).unwrap();
    lab.apply(&c).unwrap();
    assert_eq!(lab.membrane().scenario().temperature_c, 30.0);
    assert!(serde_json::from_str::<Command>(r#"{"do": "set_seed", "args": {"seed": -1}}"#).is_err());
    assert!(lab
        .apply(&Command::LoadScenario { preset: "neuron".into(), patch: serde_json::json!({"radius": 1}) })
        .is_err());
}

#[test]
fn locked_controls_refuse_changes_by_key_or_group_until_unlocked() {
    let mut lab = Lab::new(1).unwrap();
    let k_out: ControlKey = "ion.K.outside".parse().unwrap();
    let rate: ControlKey = "pump.rate".parse().unwrap();
    lab.apply(&Command::Lock { controls: vec!["ion.K.outside".into(), "pump".into()] }).unwrap();
    for key in [&k_out, &rate] {
        assert_eq!(
            lab.apply(&Command::SetControl { key: key.clone(), value: 10.0 }),
            Err(vrest::lab::LabError::Locked { key: key.clone() })
        );
        assert_eq!(
            lab.apply(&Command::SetControlPosition { key: key.clone(), position: 3 }),
            Err(vrest::lab::LabError::Locked { key: key.clone() })
        );
    }
    // Others still move; a preset that keeps the locked values loads and keeps the
    // locks; one that would change a locked value is refused, naming it.
    lab.apply(&Command::SetControl { key: "ion.Na.outside".parse().unwrap(), value: 100.0 }).unwrap();
    assert!(matches!(
        lab.apply(&Command::LoadPreset { preset: "astrocyte".into() }),
        Err(vrest::lab::LabError::LockedChange { .. })
    ));
    lab.apply(&Command::LoadPreset { preset: "neuron".into() }).unwrap();
    assert!(lab.is_locked(&k_out));
    // An unknown pattern refuses the whole command and changes nothing.
    assert!(matches!(
        lab.apply(&Command::Unlock { controls: vec!["pump".into(), "dragon".into()] }),
        Err(vrest::lab::LabError::UnknownControls { .. })
    ));
    assert!(lab.is_locked(&rate));
    lab.apply(&Command::Unlock { controls: vec!["pump".into()] }).unwrap();
    assert!(!lab.is_locked(&rate) && lab.is_locked(&k_out));
    lab.apply(&Command::Unlock { controls: vec![] }).unwrap();
    assert!(!lab.is_locked(&k_out));
    // Hidden controls are locked too.
    lab.apply(&Command::Hide { controls: vec!["temperature".into()] }).unwrap();
    assert!(lab.is_hidden(&ControlKey::Temperature) && lab.is_locked(&ControlKey::Temperature));
}

#[test]
fn links_carry_locks_and_hidden_controls_and_name_the_ones_that_are_no_control() {
    let (lab, problems) = open(&pairs(&[("lock", "ion.K.outside,dragon,pump"), ("hide", "temperature")]));
    assert_eq!(problems, vec![LinkProblem::Controls { param: "lock".into(), got: "dragon".into() }]);
    assert!(lab.is_locked(&"pump.rate".parse().unwrap()));
    assert!(lab.is_hidden(&ControlKey::Temperature));
    let link = lab.link();
    assert!(link.contains(&("lock".to_string(), "ion.K.outside,pump".to_string())), "{link:?}");
    assert!(link.contains(&("hide".to_string(), "temperature".to_string())), "{link:?}");
    let (again, problems) = open(&link);
    assert_eq!(problems, vec![]);
    assert_eq!(again.locks(), lab.locks());
    // "The controls I have not changed": all but the one edited.
    let mut lab = Lab::new(1).unwrap();
    lab.apply(&Command::SetControl { key: "ion.K.outside".parse().unwrap(), value: 10.0 }).unwrap();
    let unchanged = lab.unchanged_controls();
    assert!(!unchanged.contains(&"ion.K.outside".to_string()));
    assert!(unchanged.contains(&"ion.Na.outside".to_string()) && unchanged.contains(&"temperature".to_string()));
    assert_eq!(unchanged.len(), lab.control_specs().len() - 1);
}

#[test]
fn the_learners_view_shows_a_few_controls_and_a_link_names_the_full_lab() {
    use vrest::lab::View;
    let mut lab = Lab::new(3).unwrap();
    assert_eq!(lab.view(), View::Learn, "the page's first view");
    let shown: Vec<String> =
        lab.control_specs().iter().filter(|s| lab.is_shown(&s.key)).map(|s| s.key.to_string()).collect();
    assert_eq!(shown, ["ion.K.outside", "ion.Na.permeability", "temperature", "pump.running"]);
    // Shown is not locked: a script may still set another control.
    lab.apply(&Command::SetControl { key: "ion.Cl.outside".parse().unwrap(), value: 100.0 }).unwrap();
    assert!(!lab.link().iter().any(|(k, _)| k == "view"), "the learner's view is not named");
    lab.apply(&Command::SetView { view: View::Lab }).unwrap();
    assert!(lab.control_specs().iter().all(|s| lab.is_shown(&s.key)));
    let (opened, problems) = open(&lab.link());
    assert_eq!(problems, vec![]);
    assert_eq!(opened.view(), View::Lab);
    let (opened, problems) = open(&pairs(&[("view", "expert")]));
    assert_eq!(problems, vec![LinkProblem::View { got: "expert".into() }]);
    assert_eq!(opened.view(), View::Learn);
    // Presenting shows what it picked, whichever view.
    let mut lab = Lab::new(3).unwrap();
    lab.apply(&Command::Present { controls: vec!["ion.Cl".into()] }).unwrap();
    assert!(lab.is_shown(&"ion.Cl.inside".parse().unwrap()));
    assert!(!lab.is_shown(&"ion.K.outside".parse().unwrap()));
}
