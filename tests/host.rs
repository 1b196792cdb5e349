//! The embedding page's message API (v1): every command read and checked, and a
//! set_state applied whole or not at all.

#![cfg(not(target_arch = "wasm32"))] // native tier; the wasm tier is tests/web.rs
#![allow(clippy::unwrap_used, clippy::expect_used)] // a failed unwrap is a failed test

use serde_json::json;
use vrest::lab::host::{parse, Refusal, Request};
use vrest::lab::{Command, Lab, StepDirection};

fn ok(message: serde_json::Value) -> Request {
    parse(&message).unwrap().1
}

fn refused(message: serde_json::Value) -> Refusal {
    parse(&message).unwrap_err()
}

#[test]
fn every_command_reads_into_its_request() {
    let m = |name: &str, args: serde_json::Value| json!({"vrest": 1, "id": 7, "do": name, "args": args});
    assert_eq!(parse(&m("get_state", json!({}))).unwrap(), (7.0, Request::GetState));
    assert_eq!(ok(json!({"vrest": 1, "id": 1, "do": "play"})), Request::Change(vec![Command::Play]));
    assert_eq!(ok(m("pause", json!({}))), Request::Change(vec![Command::Pause]));
    assert_eq!(ok(m("reset", json!({}))), Request::Change(vec![Command::Reset]));
    assert_eq!(
        ok(m("step", json!({"direction": -1}))),
        Request::Change(vec![Command::Step { direction: StepDirection::Back }])
    );
    assert_eq!(
        ok(m("lock", json!({"controls": ["pump"]}))),
        Request::Change(vec![Command::Lock { controls: vec!["pump".into()] }])
    );
    assert_eq!(ok(m("unlock", json!({"controls": []}))), Request::Change(vec![Command::Unlock { controls: vec![] }]));
    assert_eq!(ok(m("export_csv", json!({}))), Request::ExportCsv);
    assert_eq!(ok(m("snapshot_png", json!({}))), Request::SnapshotPng);
    assert_eq!(
        ok(m("subscribe", json!({"events": ["state"], "max_hz": 2.5}))),
        Request::Subscribe { max_hz: 2.5, state: true, lesson: false }
    );
    assert_eq!(
        ok(m("subscribe", json!({"events": ["state"]}))),
        Request::Subscribe { max_hz: 10.0, state: true, lesson: false }
    );
    assert_eq!(
        ok(m("subscribe", json!({"events": ["lesson"]}))),
        Request::Subscribe { max_hz: 10.0, state: false, lesson: true }
    );
    assert_eq!(
        ok(m("subscribe", json!({"events": ["lesson", "state"], "max_hz": 1}))),
        Request::Subscribe { max_hz: 1.0, state: true, lesson: true }
    );
    assert_eq!(
        ok(m("set_state", json!({"preset": "astrocyte", "speed": 4, "playing": true}))),
        Request::Change(vec![
            Command::LoadPreset { preset: "astrocyte".into() },
            Command::SetSpeed { index: 4 },
            Command::Play
        ])
    );
    assert_eq!(
        ok(m("set_state", json!({"step_s": 1e-4}))),
        Request::Change(vec![Command::SetStepSize { step_s: 1e-4 }])
    );
}

#[test]
fn each_malformed_message_is_refused_naming_the_field_and_what_is_allowed() {
    let cases = [
        (json!(5), None, "the message must be an object"),
        (json!({"vrest": 1, "do": "play"}), None, "id: must be a number"),
        (json!({"vrest": 2, "id": 1, "do": "play"}), Some(1.0), "vrest: must be 1, the version of this API"),
        (json!({"vrest": 1, "id": 1, "do": "play", "extra": 1}), Some(1.0), "message: \"extra\" is not an argument"),
        (
            json!({"vrest": 1, "id": 1, "do": "fly"}),
            Some(1.0),
            "do: \"fly\" is not a command; the commands are get_state",
        ),
        (json!({"vrest": 1, "id": 1, "do": "play", "args": 3}), Some(1.0), "args: must be an object"),
        (
            json!({"vrest": 1, "id": 1, "do": "step", "args": {"direction": 0}}),
            Some(1.0),
            "args.direction: must be 1 (forward) or -1 (back)",
        ),
        (
            json!({"vrest": 1, "id": 1, "do": "set_state", "args": {"speed": 8}}),
            Some(1.0),
            "args.speed: must be a speed index from 0 to 7",
        ),
        (
            json!({"vrest": 1, "id": 1, "do": "set_state", "args": {"speed": 1.5}}),
            Some(1.0),
            "args.speed: must be a speed index",
        ),
        (
            json!({"vrest": 1, "id": 1, "do": "set_state", "args": {"playing": "yes"}}),
            Some(1.0),
            "args.playing: must be true or false",
        ),
        (
            json!({"vrest": 1, "id": 1, "do": "set_state", "args": {"preset": "dragon"}}),
            Some(1.0),
            "args.preset: must be a preset id",
        ),
        (
            json!({"vrest": 1, "id": 1, "do": "set_state", "args": {"scenario": [1]}}),
            Some(1.0),
            "args.scenario: must be a scenario patch",
        ),
        (
            json!({"vrest": 1, "id": 1, "do": "subscribe", "args": {"events": ["state"], "max_hz": 11}}),
            Some(1.0),
            "args.max_hz: must be a number above 0 and at most 10",
        ),
        (
            json!({"vrest": 1, "id": 1, "do": "subscribe", "args": {"events": ["clicks"]}}),
            Some(1.0),
            "args.events: must be a list of \"state\" and \"lesson\", not empty",
        ),
        (
            json!({"vrest": 1, "id": 1, "do": "subscribe", "args": {"events": []}}),
            Some(1.0),
            "args.events: must be a list of \"state\" and \"lesson\", not empty",
        ),
        (
            json!({"vrest": 1, "id": 1, "do": "lock", "args": {"controls": "pump"}}),
            Some(1.0),
            "args.controls: must be a list of control keys",
        ),
    ];
    for (message, id, start) in cases {
        let r = refused(message.clone());
        assert_eq!(r.id, id, "{message}");
        // Worded as the page words it, here in English; tests/e2e checks Spanish.
        let text = vrest::present::words::model_error(&r.error, &vrest::present::Catalog::english());
        assert!(text.starts_with(start), "{message}: {text}");
        assert!(!text.contains('\n'));
    }
}

#[test]
fn set_state_applies_as_one_change_or_not_at_all() {
    let mut lab = Lab::new(1).unwrap();
    let before = lab.host_state();
    // The speed is fine; the scenario is refused by the model: nothing changes.
    let commands = vec![
        Command::SetSpeed { index: 6 },
        Command::LoadScenario { preset: String::new(), patch: json!({"temperature_c": 500}) },
    ];
    assert!(lab.apply_all(&commands).is_err());
    assert_eq!(lab.host_state(), before);
    // All fine: all applied, the patch over the present preset.
    lab.apply(&Command::LoadPreset { preset: "astrocyte".into() }).unwrap();
    let commands = vec![
        Command::SetSpeed { index: 6 },
        Command::LoadScenario { preset: String::new(), patch: json!({"temperature_c": 25}) },
    ];
    lab.apply_all(&commands).unwrap();
    let state = lab.host_state();
    assert_eq!((state["preset"].as_str(), state["speed"].as_u64()), (Some("astrocyte"), Some(6)));
    assert_eq!(state["scenario"]["temperature_c"], 25.0);
    assert_eq!(state["step_s"], 0.0, "a step follows the speed");
    // A step size the list lacks refuses the whole change; one it has is kept.
    let before = lab.host_state();
    assert!(lab.apply_all(&[Command::SetSpeed { index: 1 }, Command::SetStepSize { step_s: 3e-3 }]).is_err());
    assert_eq!(lab.host_state(), before);
    lab.apply_all(&[Command::SetStepSize { step_s: 1e-3 }]).unwrap();
    assert_eq!(lab.host_state()["step_s"], 1e-3);
}
