//! Every refused command leaves the lab exactly as it was: the model, its history, the
//! picture, playback and the teaching state, compared field by field (`Lab: PartialEq`).

#![cfg(not(target_arch = "wasm32"))] // native tier
#![allow(clippy::unwrap_used, clippy::expect_used)] // a failed unwrap is a failed test

use serde_json::json;
use vrest::lab::{Command, ControlKey, Lab, StepDirection};

/// Labs in the states a refusal can meet: at rest, playing a firing cell, asking a
/// lesson's question, running a lesson's scene, at its end card, under locks with a
/// change waiting for time, presenting, and with a table of rows.
fn states() -> Vec<(&'static str, Lab)> {
    let mut out = Vec::new();
    let fresh = Lab::new(3).unwrap();
    out.push(("fresh", fresh.clone()));

    let mut firing = fresh.clone();
    firing.apply(&Command::LoadPreset { preset: "excitable-neuron".into() }).unwrap();
    firing.apply(&Command::Stimulate { amplitude_ua_per_cm2: 40.0 }).unwrap();
    firing.apply(&Command::Play).unwrap();
    for _ in 0..20 {
        firing.frame(1.0 / 60.0);
    }
    out.push(("firing", firing));

    let mut asking = fresh.clone();
    asking.apply(&Command::StartLesson { lesson: "block-pump".into(), step: 1 }).unwrap();
    out.push(("asking", asking.clone()));
    let mut running = asking.clone();
    running.apply(&Command::Answer { choice: 0 }).unwrap();
    running.frame(0.1);
    out.push(("running a scene", running));
    let mut end = fresh.clone();
    end.apply(&Command::StartLesson { lesson: "build-up".into(), step: 0 }).unwrap();
    for _ in 0..12 {
        let _ = end.apply(&Command::Answer { choice: 0 });
        let _ = end.apply(&Command::LessonStep { direction: StepDirection::Forward });
    }
    out.push(("a lesson's end", end));

    let mut locked = fresh.clone();
    locked.apply(&Command::Lock { controls: vec!["temperature".into(), "pump".into()] }).unwrap();
    locked
        .apply(&Command::SetControl { key: ControlKey::ion("K", vrest::lab::IonQuantity::Outside), value: 9.0 })
        .unwrap();
    out.push(("locked, a change waiting", locked));

    let mut shown = fresh.clone();
    shown.apply(&Command::Present { controls: vec!["ion.K".into()] }).unwrap();
    shown.apply(&Command::Step { direction: StepDirection::Forward }).unwrap();
    shown.apply(&Command::Record).unwrap();
    shown.apply(&Command::Play).unwrap();
    shown.frame(0.2);
    out.push(("presenting, a row recorded, playing", shown));

    // An earlier moment shows, the later ones kept: a refusal keeps them too.
    let mut scrubbed = fresh.clone();
    scrubbed.apply(&Command::LoadPreset { preset: "excitable-neuron".into() }).unwrap();
    scrubbed.apply(&Command::SetStepSize { step_s: 1e-3 }).unwrap();
    for _ in 0..6 {
        scrubbed.apply(&Command::Step { direction: StepDirection::Forward }).unwrap();
    }
    scrubbed.apply(&Command::Seek { index: 2 }).unwrap();
    assert!(scrubbed.timeline().earlier);
    out.push(("an earlier moment", scrubbed));
    out
}

/// Commands that a state may refuse: each kind of bad value, name and moment.
fn commands() -> Vec<Command> {
    let k_out = ControlKey::ion("K", vrest::lab::IonQuantity::Outside);
    let mut out = vec![
        Command::SetControl { key: k_out.clone(), value: -1.0 },
        Command::SetControl { key: k_out.clone(), value: f64::NAN },
        Command::SetControl { key: k_out.clone(), value: 1e-300 },
        Command::SetControl { key: ControlKey::Temperature, value: 30.0 },
        Command::SetControl { key: ControlKey::ion("Xe", vrest::lab::IonQuantity::Inside), value: 1.0 },
        Command::SetControl { key: ControlKey::Kcc2Rate, value: 1.0 },
        Command::SetControlPosition { key: k_out.clone(), position: 5000 },
        Command::SetControlPosition { key: ControlKey::PumpRunning, position: 0 },
        Command::SetSpeed { index: 99 },
        Command::SetStepSize { step_s: 2e-4 },
        Command::SetStepSize { step_s: f64::NAN },
        Command::Seek { index: 9_999 },
        Command::LoadPreset { preset: "dragon".into() },
        Command::LoadPreset { preset: "cold".into() },
        Command::SetParticleBudget { count: 0 },
        Command::Stimulate { amplitude_ua_per_cm2: f64::NAN },
        Command::Stimulate { amplitude_ua_per_cm2: 1e9 },
        Command::Lock { controls: vec!["nothing.here".into()] },
        Command::Hide { controls: vec!["zz".into()] },
        Command::Present { controls: vec!["zz".into()] },
        Command::SetQuestions { questions: vec!["x".repeat(201)] },
        Command::SetQuestions { questions: vec!["a".into(), "b".into(), "c".into(), "d".into()] },
        Command::Step { direction: StepDirection::Back },
        Command::Step { direction: StepDirection::Forward },
        Command::Record,
        Command::StartLesson { lesson: "dragons".into(), step: 0 },
        Command::StartLesson { lesson: "block-pump".into(), step: 99 },
        Command::StartLesson { lesson: "block-pump".into(), step: 0 },
        Command::LessonStep { direction: StepDirection::Forward },
        Command::LessonStep { direction: StepDirection::Back },
        Command::LessonGo { step: 99 },
        Command::Answer { choice: 9 },
        Command::Answer { choice: 0 },
        Command::Play,
        Command::LoadScenario { preset: "neuron".into(), patch: json!({"temperature_c": 500}) },
        Command::LoadScenario { preset: "neuron".into(), patch: json!({"temperature_c": 20}) },
        Command::LoadScenario { preset: "neuron".into(), patch: json!({"colour": 1}) },
        Command::LoadScenario { preset: "nope".into(), patch: json!({}) },
        Command::Reset,
    ];
    // Step back until none is left, in the state after the others.
    out.push(Command::Step { direction: StepDirection::Back });
    out
}

#[test]
fn every_refused_command_changes_nothing() {
    let (mut refused, mut kinds) = (0, std::collections::BTreeSet::new());
    for (name, lab) in states() {
        for command in commands() {
            let mut after = lab.clone();
            if let Err(e) = after.apply(&command) {
                refused += 1;
                kinds.insert(e.code());
                assert!(after == lab, "{name}: {command:?} was refused ({e:?}) but changed the lab");
            }
        }
    }
    // The states and commands reach many kinds of refusal, so the check means something.
    assert!(refused >= 100 && kinds.len() >= 15, "{refused} refusals of {} kinds: {kinds:?}", kinds.len());
}
