//! Why the lab refused a command. Numbers and keys only: `src/present` turns each into
//! a sentence from the catalog that names the control and its allowed range.

use vrest_core::ModelError;

use super::key::ControlKey;

#[derive(Debug, Clone, PartialEq)]
pub enum LabError {
    /// A typed value outside the control's allowed range (or not a number).
    OutOfRange {
        key: ControlKey,
        min: f64,
        max: f64,
        got: f64,
    },
    /// A positive value below the smallest a concentration can physically be (0 is
    /// allowed: "none of this ion").
    TooSmall {
        key: ControlKey,
        smallest: f64,
        max: f64,
        got: f64,
    },
    /// A slider position beyond the slider.
    SliderPosition {
        key: ControlKey,
        max: u32,
        got: u32,
    },
    /// The key names no control of this cell (an ion it does not have, or no pump).
    NotAControl {
        key: ControlKey,
    },
    UnknownPreset {
        id: String,
    },
    NoEarlierStep,
    Speed {
        max: usize,
        got: usize,
    },
    /// A step size that is not one of `timeline::STEP_SIZES_S` (nor 0).
    StepSize {
        got: f64,
    },
    /// A timeline moment beyond the last kept.
    Moment {
        max: usize,
        got: usize,
    },
    ParticleBudget {
        min: usize,
        max: usize,
        got: usize,
    },
    /// The control is locked (by a teacher's link or an embedding page).
    Locked {
        key: ControlKey,
    },
    /// A preset, scenario or lesson would change (or remove) a locked control.
    LockedChange {
        key: ControlKey,
    },
    /// The lesson waits for an answer: time-running commands wait too.
    Asking,
    /// A lock or hide pattern that names no control Vrest has.
    UnknownControls {
        pattern: String,
    },
    /// A row recorded while time is paused after a change: V has not followed it yet,
    /// so the row would pair the new setting with the old V.
    NotFollowed,
    /// The data table is full (`records::MAX_RECORDS` rows): export it, then clear it.
    TableFull {
        max: usize,
    },
    /// No lesson has this id.
    UnknownLesson {
        id: String,
    },
    /// A lesson's scene beyond its last (or before its first).
    LessonStep {
        max: usize,
        got: usize,
    },
    /// A lesson command with no lesson in progress.
    NoLesson,
    /// An answer where the scene asks nothing (or has been answered).
    NoQuestion,
    /// A choice beyond the question's last.
    Choice {
        max: usize,
        got: usize,
    },
    /// A teacher's questions: more than `max` (`number` 0), or question `number`
    /// (from 1) longer than `max_chars` or holding a control character.
    Questions {
        max: usize,
        max_chars: usize,
        number: usize,
    },
    /// A stimulus pulse's strength outside its range, or not a number (`got` NaN).
    Pulse {
        min: f64,
        max: f64,
        got: f64,
    },
    /// The model refused the change (for example, every permeability at zero).
    Rejected(ModelError),
    /// The model could not be integrated while playing; the lab paused.
    Stopped(ModelError),
}

impl LabError {
    /// The catalog's id for this refusal (`present::words::describe_error` fills in its
    /// arguments); a model's refusal keeps the model's own code. A host reads it beside
    /// the sentence.
    pub fn code(&self) -> &'static str {
        match self {
            LabError::OutOfRange { .. } => "error-out-of-range",
            LabError::TooSmall { .. } => "error-too-small",
            LabError::SliderPosition { .. } => "error-slider",
            LabError::NotAControl { .. } => "error-not-a-control",
            LabError::UnknownPreset { .. } => "error-unknown-preset",
            LabError::NoEarlierStep => "error-no-earlier-step",
            LabError::Speed { .. } => "error-speed",
            LabError::StepSize { .. } => "error-step-size",
            LabError::Moment { .. } => "error-moment",
            LabError::ParticleBudget { .. } => "error-particles",
            LabError::Locked { .. } => "error-locked",
            LabError::LockedChange { .. } => "error-locked-change",
            LabError::Asking => "error-asking",
            LabError::UnknownControls { .. } => "error-unknown-controls",
            LabError::NotFollowed => "error-not-followed",
            LabError::TableFull { .. } => "error-table-full",
            LabError::UnknownLesson { .. } => "error-unknown-lesson",
            LabError::LessonStep { .. } => "error-lesson-step",
            LabError::NoLesson => "error-no-lesson",
            LabError::NoQuestion => "error-no-question",
            LabError::Choice { .. } => "error-choice",
            LabError::Questions { number: 0, .. } => "error-questions-count",
            LabError::Questions { .. } => "error-question-text",
            LabError::Pulse { .. } => "error-out-of-range",
            LabError::Rejected(m) => m.code,
            LabError::Stopped(_) => "error-stopped",
        }
    }
}
