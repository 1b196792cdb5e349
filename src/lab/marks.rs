//! What the timeline is made of, as plain data: the step sizes on offer, a mark on the
//! trace, the moments the scrubber shows, and which commands keep an earlier moment's
//! later ones (`lab::timeline` does the work on the lab).

use super::command::Command;
use super::key::ControlKey;

/// The step sizes a teacher can pick, model seconds: 10 µs (a spike's upstroke slice by
/// slice) to an hour (a pump block's run-down).
pub const STEP_SIZES_S: [f64; 10] = [1e-5, 1e-4, 1e-3, 1e-2, 0.1, 1.0, 10.0, 60.0, 600.0, 3600.0];
/// The same sizes as a link writes them (`stepsize=100us`): short, typed by hand, and
/// read without a float parser.
pub const STEP_SIZE_NAMES: [&str; 10] = ["10us", "100us", "1ms", "10ms", "100ms", "1s", "10s", "1min", "10min", "1h"];
/// What one kept moment holds on the heap with its share of the trace, about (the
/// excitable neuron's, four ions; measured by tests/timeline_memory.rs, which fails if
/// this is more than a quarter off): the timeline's note says how much it keeps.
pub const MOMENT_BYTES: usize = 1_900;
/// The most marks kept; beyond it the oldest goes.
pub const MAX_MARKS: usize = 200;
/// What happened at a mark (numbers and keys; `present` words it).
#[derive(Debug, Clone, PartialEq)]
pub enum MarkKind {
    Stimulus {
        amplitude_ua_per_cm2: f64,
    },
    /// A preset, or a scenario over it (a link's, a host's), loaded.
    Preset {
        id: &'static str,
    },
    /// A lesson's scene began (from 0).
    Scene {
        scene: usize,
    },
    Lock,
    Unlock,
    /// A control set (typed, dragged, by a link or a host), to this value in its unit.
    Change {
        key: ControlKey,
        value: f64,
    },
    Reset,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Mark {
    pub t_s: f64,
    pub kind: MarkKind,
}

impl Mark {
    /// The mark as data, the same in every language (the CSV's `event` column):
    /// `stimulus=40` (µA/cm²), `preset=neuron`, `scene=2` (from 1), `lock`, `unlock`,
    /// `reset`, `set ion.K.outside=15` (in the control's unit).
    pub fn data(&self) -> String {
        let n = vrest_core::rows::number;
        match &self.kind {
            MarkKind::Stimulus { amplitude_ua_per_cm2 } => format!("stimulus={}", n(*amplitude_ua_per_cm2)),
            MarkKind::Preset { id } => format!("preset={id}"),
            MarkKind::Scene { scene } => format!("scene={}", scene + 1),
            MarkKind::Lock => "lock".to_string(),
            MarkKind::Unlock => "unlock".to_string(),
            MarkKind::Reset => "reset".to_string(),
            MarkKind::Change { key, value } => format!("set {key}={}", n(*value)),
        }
    }
}

/// The recorded moments as the scrubber shows them.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Timeline {
    /// Moments 0 … `last` (the last is the present state).
    pub last: usize,
    /// The moment shown.
    pub at: usize,
    /// Model time of the first and of the last moment.
    pub from_s: f64,
    pub to_s: f64,
    /// The moment shown is an earlier one: Play continues from it.
    pub earlier: bool,
}

/// The index of a step size in [`STEP_SIZES_S`] (within rounding: a host's 0.00001
/// computed as 1e-4 / 10).
pub fn step_index(step_s: f64) -> Option<usize> {
    STEP_SIZES_S.iter().position(|s| (step_s - s).abs() <= 1e-9 * s)
}

/// Commands that leave an earlier moment showing, its later moments kept: those that
/// neither run time nor change the cell, moving through the moments, and leaving a
/// lesson.
pub(super) fn keeps_later(command: &Command) -> bool {
    use super::command::StepDirection;
    command.is_still()
        || matches!(
            command,
            Command::Seek { .. } | Command::Step { direction: StepDirection::Back } | Command::EndLesson
        )
}
