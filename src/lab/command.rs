//! The one vocabulary of actions. The page's buttons and sliders, a link, an embedding
//! page, a lesson and a test all say what they want as a [`Command`], and
//! `Lab::apply` carries it out or refuses it with a `LabError`, changing nothing.
//!
//! Its JSON form is the envelope the embed API will speak: `{"do": "play"}`,
//! `{"do": "set_control", "args": {"key": "ion.K.outside", "value": 10}}`. Unknown
//! commands and unknown, missing or extra arguments are refused.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use vrest_core::error::Arg;
use vrest_core::scenario::data_error;
use vrest_core::ModelError;

use super::key::ControlKey;
use super::view::View;

/// Everything a person or a script can do to the lab.
///
/// Read through [`Envelope`] rather than serde's adjacently tagged enums: those buffer
/// every message generically, which measured 41 KB of wasm for this one type.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "do", content = "args", rename_all = "snake_case", try_from = "Envelope")]
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
    /// A 1 ms current pulse from now, as an electrode gives it (positive depolarises);
    /// the lab plays, so the response shows.
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

/// Forward (1) or back (−1), written as those numbers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StepDirection {
    Forward,
    Back,
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

/// A command's name, as the envelope's `"do"` writes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
enum Name {
    Play,
    Pause,
    TogglePlay,
    Step,
    Reset,
    SetSpeed,
    LoadPreset,
    SetControl,
    SetControlPosition,
    SetParticleBudget,
    Stimulate,
    SetReducedMotion,
    SetSeed,
    LoadScenario,
    Lock,
    Unlock,
    Hide,
    SetQuestions,
    Present,
    EndPresent,
    SetView,
    Record,
    ClearRecords,
    StartLesson,
    LessonPlay,
    LessonPause,
    LessonStep,
    LessonGo,
    Answer,
    EndLesson,
}

/// Every argument any command takes; each command checks it got exactly its own.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct Args {
    direction: Option<StepDirection>,
    index: Option<usize>,
    preset: Option<String>,
    key: Option<ControlKey>,
    value: Option<f64>,
    position: Option<u32>,
    count: Option<usize>,
    amplitude_ua_per_cm2: Option<f64>,
    on: Option<bool>,
    seed: Option<u64>,
    patch: Option<serde_json::Value>,
    controls: Option<Vec<String>>,
    questions: Option<Vec<String>>,
    lesson: Option<String>,
    step: Option<usize>,
    choice: Option<usize>,
    view: Option<View>,
}

/// `{"do": <name>, "args": {...}}`, as read.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Envelope {
    #[serde(rename = "do")]
    name: Name,
    #[serde(default)]
    args: Option<Args>,
}

impl Command {
    /// Read a command from any serde source (the page's JS objects), its refusal as
    /// data for the page to word.
    pub fn read<'de, D: Deserializer<'de>>(d: D) -> Result<Command, ModelError> {
        let envelope = Envelope::deserialize(d).map_err(|e| data_error(String::new(), &e.to_string()))?;
        Command::try_from(envelope)
    }
}

impl TryFrom<Envelope> for Command {
    type Error = ModelError;

    fn try_from(e: Envelope) -> Result<Command, ModelError> {
        let a = e.args.unwrap_or_default();
        // The arguments given, by name, to check against the ones the command takes.
        let given = [
            ("direction", a.direction.is_some()),
            ("index", a.index.is_some()),
            ("preset", a.preset.is_some()),
            ("key", a.key.is_some()),
            ("value", a.value.is_some()),
            ("position", a.position.is_some()),
            ("count", a.count.is_some()),
            ("amplitude_ua_per_cm2", a.amplitude_ua_per_cm2.is_some()),
            ("on", a.on.is_some()),
            ("seed", a.seed.is_some()),
            ("patch", a.patch.is_some()),
            ("controls", a.controls.is_some()),
            ("questions", a.questions.is_some()),
            ("lesson", a.lesson.is_some()),
            ("step", a.step.is_some()),
            ("choice", a.choice.is_some()),
            ("view", a.view.is_some()),
        ];
        let takes: &[&'static str] = match e.name {
            Name::Play
            | Name::Pause
            | Name::TogglePlay
            | Name::Reset
            | Name::EndPresent
            | Name::Record
            | Name::ClearRecords
            | Name::LessonPlay
            | Name::LessonPause
            | Name::EndLesson => &[],
            Name::StartLesson => &["lesson", "step"],
            Name::LessonStep => &["direction"],
            Name::LessonGo => &["step"],
            Name::Answer => &["choice"],
            Name::SetView => &["view"],
            Name::Step => &["direction"],
            Name::SetSpeed => &["index"],
            Name::LoadPreset => &["preset"],
            Name::SetControl => &["key", "value"],
            Name::SetControlPosition => &["key", "position"],
            Name::SetParticleBudget => &["count"],
            Name::Stimulate => &["amplitude_ua_per_cm2"],
            Name::SetReducedMotion => &["on"],
            Name::SetSeed => &["seed"],
            Name::LoadScenario => &["preset", "patch"],
            Name::Lock | Name::Unlock | Name::Hide | Name::Present => &["controls"],
            Name::SetQuestions => &["questions"],
        };
        for (arg, present) in given {
            if present != takes.contains(&arg) {
                let code = if present { "error-command-extra" } else { "error-command-missing" };
                return Err(ModelError::new(format!("args.{arg}"), code)
                    .with("takes", Arg::Keys(takes.iter().map(|t| t.to_string()).collect())));
            }
        }
        // Every argument the command takes is present (checked above).
        let missing = || {
            ModelError::new("args", "error-command-missing")
                .with("takes", Arg::Keys(takes.iter().map(|t| t.to_string()).collect()))
        };
        Ok(match e.name {
            Name::Play => Command::Play,
            Name::Pause => Command::Pause,
            Name::TogglePlay => Command::TogglePlay,
            Name::Reset => Command::Reset,
            Name::Step => Command::Step { direction: a.direction.ok_or_else(missing)? },
            Name::SetSpeed => Command::SetSpeed { index: a.index.ok_or_else(missing)? },
            Name::LoadPreset => Command::LoadPreset { preset: a.preset.ok_or_else(missing)? },
            Name::SetControl => {
                Command::SetControl { key: a.key.ok_or_else(missing)?, value: a.value.ok_or_else(missing)? }
            }
            Name::SetControlPosition => Command::SetControlPosition {
                key: a.key.ok_or_else(missing)?,
                position: a.position.ok_or_else(missing)?,
            },
            Name::SetParticleBudget => Command::SetParticleBudget { count: a.count.ok_or_else(missing)? },
            Name::Stimulate => Command::Stimulate { amplitude_ua_per_cm2: a.amplitude_ua_per_cm2.ok_or_else(missing)? },
            Name::SetReducedMotion => Command::SetReducedMotion { on: a.on.ok_or_else(missing)? },
            Name::SetSeed => Command::SetSeed { seed: a.seed.ok_or_else(missing)? },
            Name::Lock => Command::Lock { controls: a.controls.ok_or_else(missing)? },
            Name::Unlock => Command::Unlock { controls: a.controls.ok_or_else(missing)? },
            Name::Hide => Command::Hide { controls: a.controls.ok_or_else(missing)? },
            Name::SetQuestions => Command::SetQuestions { questions: a.questions.ok_or_else(missing)? },
            Name::Present => Command::Present { controls: a.controls.ok_or_else(missing)? },
            Name::EndPresent => Command::EndPresent,
            Name::SetView => Command::SetView { view: a.view.ok_or_else(missing)? },
            Name::Record => Command::Record,
            Name::ClearRecords => Command::ClearRecords,
            Name::StartLesson => {
                Command::StartLesson { lesson: a.lesson.ok_or_else(missing)?, step: a.step.ok_or_else(missing)? }
            }
            Name::LessonPlay => Command::LessonPlay,
            Name::LessonPause => Command::LessonPause,
            Name::LessonStep => Command::LessonStep { direction: a.direction.ok_or_else(missing)? },
            Name::LessonGo => Command::LessonGo { step: a.step.ok_or_else(missing)? },
            Name::Answer => Command::Answer { choice: a.choice.ok_or_else(missing)? },
            Name::EndLesson => Command::EndLesson,
            Name::LoadScenario => {
                Command::LoadScenario { preset: a.preset.ok_or_else(missing)?, patch: a.patch.ok_or_else(missing)? }
            }
        })
    }
}
