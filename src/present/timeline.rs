//! A demonstration's time in words: the timeline's moment as a screen reader hears it,
//! and each mark on the trace (`lab::timeline`). The step sizes on offer are in the
//! page's setup (`words::step_sizes`).

use serde::Serialize;

use super::catalog::Catalog;
use super::format::Formats;
use super::words::{control_short_label, control_text};
use crate::lab::{Lab, Mark, MarkKind};

/// The scrubber: moments 0 … `last`, the one shown, and its words.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TimelineView {
    pub last: usize,
    pub at: usize,
    /// Where a clicker's Page Up and Page Down go: the moments either side, if any.
    pub back: Option<usize>,
    pub forward: Option<usize>,
    /// The moment's model time, for `aria-valuetext` ("t = 2.400 ms").
    pub text: String,
    /// What is kept, or that an earlier moment shows and what Play does from it.
    pub note: String,
    /// An earlier moment shows (the later ones kept).
    pub earlier: bool,
}

impl TimelineView {
    pub fn new(lab: &Lab, catalog: &Catalog) -> TimelineView {
        let f = Formats { catalog };
        let t = lab.timeline();
        let now = lab.membrane().time_s();
        let note = if t.last == 0 {
            catalog.text("timeline-empty")
        } else if t.earlier {
            catalog.format("timeline-earlier", &[("at", &f.duration(now)), ("latest", &f.duration(t.to_s))])
        } else {
            let kb = ((t.last + 1) * crate::lab::marks::MOMENT_BYTES).div_ceil(1000);
            catalog.format(
                "timeline-kept",
                &[
                    ("span", &f.duration(t.to_s - t.from_s)),
                    ("count", &(t.last + 1).to_string()),
                    ("kb", &f.whole(kb as f64)),
                ],
            )
        };
        TimelineView {
            last: t.last,
            at: t.at,
            back: t.at.checked_sub(1),
            forward: (t.at < t.last).then_some(t.at + 1),
            text: catalog.format("time-now", &[("duration", &f.duration(now))]),
            note,
            earlier: t.earlier,
        }
    }
}

/// A mark's short label, as the trace draws it: "Pulse 40.0 µA/cm²", "K⁺ outside: 15.0 mM".
pub fn mark_label(mark: &Mark, lab: &Lab, catalog: &Catalog) -> String {
    let f = Formats { catalog };
    match &mark.kind {
        MarkKind::Stimulus { amplitude_ua_per_cm2 } => {
            let amplitude = f.with("value-ua-per-cm2", &super::format::significant(*amplitude_ua_per_cm2, 3));
            catalog.format("mark-stimulus", &[("amplitude", &amplitude)])
        }
        MarkKind::Preset { id } => catalog.text(&format!("preset-{id}-title")),
        MarkKind::Scene { scene } => catalog.format("mark-scene", &[("scene", &(scene + 1).to_string())]),
        MarkKind::Lock => catalog.text("mark-lock"),
        MarkKind::Unlock => catalog.text("mark-unlock"),
        MarkKind::Reset => catalog.text("mark-reset"),
        MarkKind::Change { key, value } => match lab.control_spec(key) {
            Ok(spec) => catalog.format(
                "mark-change",
                &[
                    ("control", &control_short_label(&spec, lab.membrane().scenario(), catalog)),
                    ("value", &control_text(&spec, *value, catalog)),
                ],
            ),
            // A control of an earlier cell (the marks go with it, so this is rare).
            Err(_) => key.to_string(),
        },
    }
}

/// The marks on the trace now (within its window, up to the moment shown), oldest
/// first: each one's time and label.
pub fn marks_on_trace(lab: &Lab, catalog: &Catalog) -> Vec<(f64, String)> {
    let from = lab.membrane().time_s() - lab.trace_window_s();
    lab.marks().filter(|m| m.t_s >= from).map(|m| (m.t_s, mark_label(m, lab, catalog))).collect()
}

/// The same marks in words for a screen reader: "At 2.40 ms: Pulse 40 µA/cm²".
pub fn marks_spoken(marks: &[(f64, String)], catalog: &Catalog) -> Vec<String> {
    let f = Formats { catalog };
    marks.iter().map(|(t, label)| catalog.format("mark-at", &[("at", &f.duration(*t)), ("mark", label)])).collect()
}
