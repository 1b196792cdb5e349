//! A demonstration's time: the step size a teacher picks, the recorded moments a
//! timeline scrubs through, and the marks on the trace where something was done.
//!
//! - **Step size.** One Step is [`STEP_SIZES_S`]`[i]` of model time when chosen, else
//!   a slice of play at the present speed (`Lab::slice_s`), as before.
//! - **The timeline.** The lab keeps a state every slice of play and before every step
//!   (`HISTORY_STEPS` of them, the oldest dropped first). [`Lab::timeline`] lists them
//!   and the present as moments 0 … n; `Command::Seek` moves the whole lab (the model,
//!   V, the picture, the counts) to one of them exactly, keeping the later ones, so the
//!   scrubber can go forward again. The first command that changes the cell or runs
//!   time from there (Play, Step forward, a control, Stimulate) drops the later moments,
//!   their trace and their marks, as an editor's undo does.
//! - **Marks.** Each stimulus, preset or scenario, lesson scene, lock, change of a
//!   control (a drag is one mark) and reset is a [`Mark`] at the model time it happened
//!   (at most [`MAX_MARKS`], the oldest dropped first); `present` words and draws them.

use super::command::Command;
use super::marks::{step_index, Mark, MarkKind, Timeline, MAX_MARKS, STEP_SIZES_S};
use super::{Lab, LabError, Snapshot};

/// Changes of the same control closer than this fraction of the trace window, with no
/// other mark between, are one mark (a drag), showing the value it ended at.
const MERGE_WINDOW_FRACTION: f64 = 0.02;

/// The present state, to come back to from an earlier moment.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Scrub {
    head: Box<Snapshot>,
    /// The moment shown (an index into the history).
    at: usize,
}

impl Lab {
    /// Model time one Step covers: the chosen step size, or a slice of play at the
    /// present speed.
    pub fn step_s(&self) -> f64 {
        self.playback.step_size.map_or_else(|| self.slice_s(), |i| STEP_SIZES_S[i])
    }

    /// The chosen step size's index in [`STEP_SIZES_S`]; None follows the speed.
    pub fn step_size(&self) -> Option<usize> {
        self.playback.step_size
    }

    /// `step_s` 0 follows the speed; any other must be one of [`STEP_SIZES_S`].
    pub(super) fn set_step_size(&mut self, step_s: f64) -> Result<(), LabError> {
        self.playback.step_size = if step_s == 0.0 {
            None
        } else {
            let i = step_index(step_s).ok_or(LabError::StepSize { got: step_s })?;
            Some(i)
        };
        Ok(())
    }

    /// The marks made so far, oldest first, up to the moment shown.
    pub fn marks(&self) -> impl Iterator<Item = &Mark> {
        let now = self.run.membrane.time_s();
        self.run.marks.iter().take_while(move |m| m.t_s <= now)
    }

    /// The pulse Stimulate armed while paused, not yet reached by time.
    pub fn pulse_pending(&self) -> bool {
        let t = self.run.membrane.time_s();
        !self.playback.playing && self.run.membrane.scenario().stimuli.iter().any(|p| p.start_s >= t)
    }

    /// The moments kept before the present one: the history's states earlier than it.
    fn kept(&self) -> usize {
        let head_t = self.run.scrub.as_ref().map_or(self.run.membrane.time_s(), |s| s.head.membrane.time_s());
        self.run.history.partition_point(|s| s.membrane.time_s() < head_t)
    }

    /// The moments the scrubber moves through.
    pub fn timeline(&self) -> Timeline {
        let last = self.kept();
        let to_s = self.run.scrub.as_ref().map_or(self.run.membrane.time_s(), |s| s.head.membrane.time_s());
        let from_s = self.run.history.front().filter(|_| last > 0).map_or(to_s, |s| s.membrane.time_s());
        let at = self.run.scrub.as_ref().map_or(last, |s| s.at);
        Timeline { last, at, from_s, to_s, earlier: self.run.scrub.is_some() }
    }

    /// Show moment `index` of [`Lab::timeline`], exactly as it was, paused.
    pub(super) fn seek(&mut self, index: usize) -> Result<(), LabError> {
        let last = self.kept();
        if index > last {
            return Err(LabError::Moment { max: last, got: index });
        }
        let snap = match self.run.scrub.take() {
            // The present again: the scrub ends.
            Some(s) if index == last => *s.head,
            Some(s) => {
                self.run.scrub = Some(Scrub { at: index, ..s });
                self.run.history[index].clone()
            }
            None if index == last => return Ok(()),
            None => {
                self.run.scrub = Some(Scrub { head: Box::new(self.snapshot()), at: index });
                self.run.history[index].clone()
            }
        };
        self.restore(snap);
        Ok(())
    }

    /// Step back while an earlier moment shows: the moment before it.
    pub(super) fn seek_back(&mut self) -> Result<(), LabError> {
        let at = self.run.scrub.as_ref().map_or(0, |s| s.at);
        self.seek(at.checked_sub(1).ok_or(LabError::NoEarlierStep)?)
    }

    /// The present state as a moment.
    pub(super) fn snapshot(&self) -> Snapshot {
        let r = &self.run;
        Snapshot {
            membrane: r.membrane.clone(),
            trace_len: r.trace.len(),
            spikes: (r.spikes, r.spike_armed, r.spike_peak_mv),
        }
    }

    /// Put the lab at a kept moment, paused; the picture follows the cell there.
    pub(super) fn restore(&mut self, snap: Snapshot) {
        self.playback.playing = false;
        self.run.membrane = snap.membrane;
        (self.run.spikes, self.run.spike_armed, self.run.spike_peak_mv) = snap.spikes;
        self.run.pre_spike = None;
        self.playback.since_snapshot_s = 0.0;
        self.picture.generator.reset();
        self.refresh_layout();
        self.update_scene(0.0);
    }

    /// From an earlier moment, the cell changes or time runs: the later moments, their
    /// trace and their marks go.
    pub(super) fn drop_later(&mut self) {
        let Some(s) = self.run.scrub.take() else { return };
        let trace_len = self.run.history[s.at].trace_len;
        self.run.history.truncate(s.at);
        self.run.trace.truncate(trace_len);
        let now = self.run.membrane.time_s();
        self.run.marks.retain(|m| m.t_s <= now);
    }

    /// Mark what `command` did, at the model time it did it.
    pub(super) fn mark(&mut self, command: &Command) {
        let kind = match command {
            Command::Stimulate { amplitude_ua_per_cm2 } => {
                MarkKind::Stimulus { amplitude_ua_per_cm2: *amplitude_ua_per_cm2 }
            }
            Command::LoadPreset { .. } | Command::LoadScenario { .. } => MarkKind::Preset { id: self.run.preset },
            Command::Reset if self.teaching.guide.is_none() => MarkKind::Reset,
            Command::Lock { .. } => MarkKind::Lock,
            Command::Unlock { .. } => MarkKind::Unlock,
            Command::SetControl { key, .. } | Command::SetControlPosition { key, .. } => {
                let Ok(spec) = self.control_spec(key) else { return };
                MarkKind::Change { key: key.clone(), value: self.control_value(&spec) }
            }
            _ => return,
        };
        self.add_mark(kind);
    }

    /// A mark now; a change of the control the last mark changed, close by, updates it.
    pub(super) fn add_mark(&mut self, kind: MarkKind) {
        let t_s = self.run.membrane.time_s();
        let close = MERGE_WINDOW_FRACTION * self.trace_window_s();
        let marks = &mut self.run.marks;
        if let (Some(last), MarkKind::Change { key, value }) = (marks.last_mut(), &kind) {
            if matches!(&last.kind, MarkKind::Change { key: k, .. } if k == key) && t_s - last.t_s <= close {
                last.kind = MarkKind::Change { key: key.clone(), value: *value };
                return;
            }
        }
        // In time order: a lock made at an earlier moment goes before the later marks.
        let at = marks.partition_point(|m| m.t_s <= t_s);
        marks.insert(at, Mark { t_s, kind });
        if marks.len() > MAX_MARKS {
            marks.remove(0);
        }
    }
}
