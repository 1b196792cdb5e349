//! The one vocabulary of actions. The page's buttons and sliders, a link, an embedding
//! page, a lesson and a test all say what they want as a [`Command`], and
//! `Lab::apply` carries it out or refuses it with a `LabError`, changing nothing.
//!
//! Its JSON form is the envelope the embed API will speak: `{"do": "play"}`,
//! `{"do": "set_control", "args": {"key": "ion.K.outside", "value": 10}}`. Unknown
//! commands and unknown, missing or extra arguments are refused.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::{Map, Value};
use vrest_core::error::Arg;
use vrest_core::ModelError;

use super::args::Args;

use super::key::ControlKey;
use super::view::View;

/// Everything a person or a script can do to the lab.
///
/// Read by [`Command::from_value`] over the JSON tree (the same argument reader as an
/// embedding page's messages, `args.rs`) rather than serde's adjacently tagged enums,
/// which buffer every message generically (41 KB of wasm for this one type).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "do", content = "args", rename_all = "snake_case")]
pub enum Command {
    Play,
    /// Idempotent: pausing a paused lab changes nothing.
    Pause,
    TogglePlay,
    /// One slice of model time forward, or back to the state one slice earlier.
    Step {
        direction: StepDirection,
    },
    /// Back to the start of the present preset or scenario.
    Reset,
    /// A speed by its index in `SPEEDS_MODEL_S_PER_REAL_S`.
    SetSpeed {
        index: usize,
    },
    /// How much model time one Step covers: one of `timeline::STEP_SIZES_S`, or 0 to
    /// follow the speed (a slice of play).
    SetStepSize {
        step_s: f64,
    },
    /// Show moment `index` of the timeline (`Lab::timeline`: 0 is the oldest kept, the
    /// last is the present), paused.
    Seek {
        index: usize,
    },
    LoadPreset {
        preset: String,
    },
    /// A control to a value in its own unit (a typed number).
    SetControl {
        key: ControlKey,
        value: f64,
    },
    /// A control to a slider position, 0 to `SLIDER_STEPS`.
    SetControlPosition {
        key: ControlKey,
        position: u32,
    },
    /// How many particles the picture spends (the browser benchmark uses 2,000 and 20,000).
    SetParticleBudget {
        count: usize,
    },
    /// A 1 ms current pulse from now, as an electrode gives it (positive depolarises).
    /// Paused, the pulse is armed: Step goes through it, Play runs it.
    Stimulate {
        amplitude_ua_per_cm2: f64,
    },
    /// Reduced motion on or off: the particles stand still and each channel's and
    /// transporter's crossings show as an arrow with a rate instead of moving ions.
    SetReducedMotion {
        on: bool,
    },
    /// A new seed for the picture's randomness (the particles and which crossings are
    /// drawn when): the same seed and actions replay the same picture.
    SetSeed {
        seed: u64,
    },
    /// A fresh start on a preset with a scenario patch over it (the CLI's format), as a
    /// link or an embedding page gives it.
    LoadScenario {
        preset: String,
        patch: serde_json::Value,
    },
    /// Lock controls (keys or groups: `ion.K.outside`, `pump`), as a teacher does: a
    /// locked control refuses every change until it is unlocked. Kept across presets.
    Lock {
        controls: Vec<String>,
    },
    /// A teacher's questions for the worksheet and the page (at most
    /// `MAX_QUESTIONS`, each at most `MAX_QUESTION_CHARS` of text); empty ones are
    /// dropped, an empty list clears them. Kept across presets, as locks are.
    SetQuestions {
        questions: Vec<String>,
    },
    /// Unlock these controls (patterns as they were locked); an empty list unlocks all.
    Unlock {
        controls: Vec<String>,
    },
    /// Leave these controls off the page (and lock them); an empty list shows all.
    Hide {
        controls: Vec<String>,
    },
    /// Presentation mode, for a projector: large type, the scene and the trace large,
    /// and of the controls only these (keys or groups; an empty list shows none). The
    /// others are not locked: they are only off the screen while it lasts.
    Present {
        controls: Vec<String>,
    },
    /// Leave presentation mode: every control the teacher did not hide is back.
    EndPresent,
    /// The learner's view (the picture, V, the trace and a few controls) or the full lab.
    SetView {
        view: View,
    },
    /// Add the present values to the data table as a row.
    Record,
    /// Empty the data table.
    ClearRecords,
    /// Start a guided lesson (`lab::lesson`) at scene `step` (0 is the first).
    StartLesson {
        lesson: String,
        step: usize,
    },
    /// The lesson plays on by itself, scene after scene.
    LessonPlay,
    /// The lesson waits (and the model stops).
    LessonPause,
    /// The next scene, or the one before.
    LessonStep {
        direction: StepDirection,
    },
    /// Scene `step` of the lesson.
    LessonGo {
        step: usize,
    },
    /// The answer to the present scene's question (0 is the first choice); the scene runs.
    Answer {
        choice: usize,
    },
    /// Leave the lesson: the lab stays as it is.
    EndLesson,
}

impl Command {
    /// Whether the command neither runs time nor changes the cell: the speed, the step
    /// size, the picture's settings, locks and what the page shows, the data table.
    pub fn is_still(&self) -> bool {
        matches!(
            self,
            Command::Pause
                | Command::SetSpeed { .. }
                | Command::SetStepSize { .. }
                | Command::SetParticleBudget { .. }
                | Command::SetReducedMotion { .. }
                | Command::SetSeed { .. }
                | Command::Lock { .. }
                | Command::Unlock { .. }
                | Command::Hide { .. }
                | Command::SetQuestions { .. }
                | Command::Present { .. }
                | Command::EndPresent
                | Command::SetView { .. }
                | Command::Record
                | Command::ClearRecords
        )
    }
}

/// Forward (1) or back (−1), written as those numbers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StepDirection {
    Forward,
    Back,
}

impl StepDirection {
    /// The `direction` argument: 1 or −1 and nothing else.
    pub(super) fn read(a: &Args) -> Result<StepDirection, ModelError> {
        let d = a.number("direction", "error-host-direction")?;
        if d == 1.0 {
            Ok(StepDirection::Forward)
        } else if d == -1.0 {
            Ok(StepDirection::Back)
        } else {
            Err(ModelError::new(a.field("direction"), "error-host-direction"))
        }
    }
}

impl Serialize for StepDirection {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_i8(match self {
            StepDirection::Forward => 1,
            StepDirection::Back => -1,
        })
    }
}

impl<'de> Deserialize<'de> for StepDirection {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let x = f64::deserialize(d)?;
        if x == 1.0 {
            Ok(StepDirection::Forward)
        } else if x == -1.0 {
            Ok(StepDirection::Back)
        } else {
            Err(serde::de::Error::invalid_value(serde::de::Unexpected::Float(x), &"1 (forward) or -1 (back)"))
        }
    }
}

/// The arguments each command takes, by its name as the envelope's `"do"` writes it.
/// One table: the reader refuses any other name and any other argument.
const TAKES: [(&str, &[&str]); 32] = [
    ("play", &[]),
    ("pause", &[]),
    ("toggle_play", &[]),
    ("step", &["direction"]),
    ("reset", &[]),
    ("set_speed", &["index"]),
    ("set_step_size", &["step_s"]),
    ("seek", &["index"]),
    ("load_preset", &["preset"]),
    ("set_control", &["key", "value"]),
    ("set_control_position", &["key", "position"]),
    ("set_particle_budget", &["count"]),
    ("stimulate", &["amplitude_ua_per_cm2"]),
    ("set_reduced_motion", &["on"]),
    ("set_seed", &["seed"]),
    ("load_scenario", &["preset", "patch"]),
    ("lock", &["controls"]),
    ("unlock", &["controls"]),
    ("hide", &["controls"]),
    ("set_questions", &["questions"]),
    ("present", &["controls"]),
    ("end_present", &[]),
    ("set_view", &["view"]),
    ("record", &[]),
    ("clear_records", &[]),
    ("start_lesson", &["lesson", "step"]),
    ("lesson_play", &[]),
    ("lesson_pause", &[]),
    ("lesson_step", &["direction"]),
    ("lesson_go", &["step"]),
    ("answer", &["choice"]),
    ("end_lesson", &[]),
];

/// The most a count or an index argument is read as (a larger one is refused here;
/// each command checks its own range).
const MAX_INDEX: u64 = u32::MAX as u64;

impl Command {
    /// Read a command from its JSON form, `{"do": <name>, "args": {...}}`: the name one of
    /// [`TAKES`], the arguments exactly those it takes, each of its type. The refusal
    /// is data for the page to word.
    pub fn from_value(v: &Value) -> Result<Command, ModelError> {
        let envelope = v.as_object().ok_or_else(|| ModelError::new("", "error-host-envelope"))?;
        Args::new(envelope, "message").only(&["do", "args"])?;
        let name = envelope.get("do").and_then(Value::as_str).unwrap_or("");
        let Some((name, takes)) = TAKES.iter().find(|(n, _)| *n == name).copied() else {
            let names = TAKES.iter().map(|(n, _)| n.to_string()).collect();
            return Err(ModelError::new("do", "error-model-unknown-value")
                .text("got", name)
                .with("keys", Arg::Keys(names)));
        };
        let empty = Map::new();
        let args = match envelope.get("args") {
            None | Some(Value::Null) => &empty,
            Some(Value::Object(a)) => a,
            Some(_) => return Err(ModelError::new("args", "error-host-args")),
        };
        let a = Args::new(args, "args");
        a.only(takes)?;
        let missing = |key: &str| {
            if a.get(key).is_none() {
                let takes = takes.iter().map(|t| t.to_string()).collect();
                Err(ModelError::new(a.field(key), "error-command-missing").with("takes", Arg::Keys(takes)))
            } else {
                Ok(())
            }
        };
        for key in takes {
            missing(key)?;
        }
        read(name, &a)
    }
}

/// The command `name`, its arguments all present (checked by the caller).
fn read(name: &str, a: &Args) -> Result<Command, ModelError> {
    const NUMBER: &str = "error-model-type-number";
    const WHOLE: &str = "error-model-type-whole";
    const TEXT: &str = "error-model-type-text";
    const TEXTS: &str = "error-model-type-list";
    let direction = || StepDirection::read(a);
    let key = || {
        let text = a.text("key", TEXT)?;
        text.parse::<ControlKey>().map_err(|_| ModelError::new(a.field("key"), "error-model-invalid"))
    };
    let index = |k: &str| a.whole(k, MAX_INDEX, WHOLE).map(|n| n as usize);
    Ok(match name {
        "play" => Command::Play,
        "pause" => Command::Pause,
        "toggle_play" => Command::TogglePlay,
        "step" => Command::Step { direction: direction()? },
        "reset" => Command::Reset,
        "set_speed" => Command::SetSpeed { index: index("index")? },
        "set_step_size" => Command::SetStepSize { step_s: a.number("step_s", NUMBER)? },
        "seek" => Command::Seek { index: index("index")? },
        "load_preset" => Command::LoadPreset { preset: a.text("preset", TEXT)? },
        "set_control" => Command::SetControl { key: key()?, value: a.number("value", NUMBER)? },
        "set_control_position" => {
            Command::SetControlPosition { key: key()?, position: a.whole("position", MAX_INDEX, WHOLE)? as u32 }
        }
        "set_particle_budget" => Command::SetParticleBudget { count: index("count")? },
        "stimulate" => Command::Stimulate { amplitude_ua_per_cm2: a.number("amplitude_ua_per_cm2", NUMBER)? },
        "set_reduced_motion" => Command::SetReducedMotion { on: a.flag("on", "error-model-type-boolean")? },
        "set_seed" => Command::SetSeed { seed: a.whole("seed", u64::MAX, WHOLE)? },
        "load_scenario" => Command::LoadScenario {
            preset: a.text("preset", TEXT)?,
            patch: Value::Object(a.object("patch", "error-model-type-object")?.clone()),
        },
        "lock" => Command::Lock { controls: a.texts("controls", TEXTS)? },
        "unlock" => Command::Unlock { controls: a.texts("controls", TEXTS)? },
        "hide" => Command::Hide { controls: a.texts("controls", TEXTS)? },
        "set_questions" => Command::SetQuestions { questions: a.texts("questions", TEXTS)? },
        "present" => Command::Present { controls: a.texts("controls", TEXTS)? },
        "end_present" => Command::EndPresent,
        "set_view" => Command::SetView {
            view: match a.text("view", TEXT)?.as_str() {
                "learn" => View::Learn,
                "lab" => View::Lab,
                _ => return Err(ModelError::new(a.field("view"), "error-model-invalid")),
            },
        },
        "record" => Command::Record,
        "clear_records" => Command::ClearRecords,
        "start_lesson" => Command::StartLesson { lesson: a.text("lesson", TEXT)?, step: index("step")? },
        "lesson_play" => Command::LessonPlay,
        "lesson_pause" => Command::LessonPause,
        "lesson_step" => Command::LessonStep { direction: direction()? },
        "lesson_go" => Command::LessonGo { step: index("step")? },
        "answer" => Command::Answer { choice: index("choice")? },
        "end_lesson" => Command::EndLesson,
        _ => return Err(ModelError::new("do", "error-model-invalid")),
    })
}

/// Commands read as JSON through [`Command::from_value`] (the tests' and lessons' own
/// `serde_json::from_str` included).
impl<'de> Deserialize<'de> for Command {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let v = Value::deserialize(d)?;
        Command::from_value(&v).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)] // a failed unwrap is a failed test
    use super::*;

    /// A value of the kind each argument takes.
    fn sample(arg: &str) -> Value {
        match arg {
            "direction" => Value::from(1),
            "key" => Value::from("ion.K.outside"),
            "value" | "amplitude_ua_per_cm2" => Value::from(7.5),
            "step_s" => Value::from(1e-4),
            "on" => Value::from(true),
            "preset" => Value::from("neuron"),
            "lesson" => Value::from("block-pump"),
            "view" => Value::from("lab"),
            "patch" => serde_json::json!({"temperature_c": 20}),
            "controls" | "questions" => serde_json::json!(["pump"]),
            _ => Value::from(1),
        }
    }

    /// The table and the reader agree: every command the table names reads, with the
    /// arguments it lists, into the command of that name; one argument less or more is
    /// refused naming it.
    #[test]
    fn every_command_in_the_table_reads_and_writes_back_under_its_name() {
        for (name, takes) in TAKES {
            let args: Map<String, Value> = takes.iter().map(|a| (a.to_string(), sample(a))).collect();
            let command = Command::from_value(&serde_json::json!({"do": name, "args": args})).unwrap();
            assert_eq!(serde_json::to_value(&command).unwrap()["do"], *name);
            let mut more = args.clone();
            more.insert("colour".into(), Value::from(1));
            let e = Command::from_value(&serde_json::json!({"do": name, "args": more})).unwrap_err();
            assert!(e.code.starts_with("error-host-"), "{name}: {e}");
            if let Some(first) = takes.first() {
                let mut fewer = args.clone();
                fewer.remove(*first);
                let e = Command::from_value(&serde_json::json!({"do": name, "args": fewer})).unwrap_err();
                assert_eq!((e.field.as_str(), e.code), (format!("args.{first}").as_str(), "error-command-missing"));
            }
        }
    }
}
