//! A demonstration's time: a pulse armed while paused, the step size a teacher picks,
//! the timeline's moments (exact, bounded, the later ones dropped only when time runs
//! from an earlier one) and the marks on the trace.

#![cfg(not(target_arch = "wasm32"))] // native tier
#![allow(clippy::unwrap_used, clippy::expect_used)] // a failed unwrap is a failed test

use vrest::lab::{Command, ControlKey, IonQuantity, Lab, LabError, MarkKind, StepDirection, HISTORY_STEPS};
use vrest::present::{Catalog, Readout};

const FORWARD: Command = Command::Step { direction: StepDirection::Forward };
const BACK: Command = Command::Step { direction: StepDirection::Back };

fn neuron() -> Lab {
    let mut lab = Lab::new(7).unwrap();
    lab.apply(&Command::LoadPreset { preset: "excitable-neuron".into() }).unwrap();
    lab
}

fn k_out() -> ControlKey {
    ControlKey::ion("K", IonQuantity::Outside)
}

/// The neuron stepped 1 ms at a time, a pulse given at its start, `steps` steps on.
fn pulsed(steps: usize) -> Lab {
    let mut lab = neuron();
    lab.apply(&Command::SetStepSize { step_s: 1e-3 }).unwrap();
    lab.apply(&Command::Stimulate { amplitude_ua_per_cm2: 40.0 }).unwrap();
    for _ in 0..steps {
        lab.apply(&FORWARD).unwrap();
    }
    lab
}

/// Paused, Stimulate arms the pulse: nothing runs until Step, which then goes through
/// the upstroke 0.1 ms at a time; the peak matches the same pulse played.
#[test]
fn a_pulse_armed_while_paused_is_stepped_through_slice_by_slice() {
    let mut lab = neuron();
    let rest = lab.membrane().voltage_mv();
    lab.apply(&Command::SetStepSize { step_s: 1e-4 }).unwrap();
    lab.apply(&Command::Stimulate { amplitude_ua_per_cm2: 40.0 }).unwrap();
    assert!(!lab.is_playing() && lab.pulse_pending());
    assert_eq!((lab.membrane().time_s(), lab.membrane().voltage_mv()), (0.0, rest), "nothing ran yet");
    let mut vs = Vec::new();
    for i in 1..=30 {
        lab.apply(&FORWARD).unwrap();
        assert!((lab.membrane().time_s() - i as f64 * 1e-4).abs() < 1e-12, "step {i}: t {}", lab.membrane().time_s());
        assert!(!lab.pulse_pending() && !lab.is_playing());
        vs.push(lab.membrane().voltage_mv());
    }
    // During the 1 ms pulse V climbs at every slice.
    assert!(vs[..10].windows(2).all(|w| w[1] > w[0]), "{vs:?}");
    let stepped_peak = vs.iter().copied().fold(f64::MIN, f64::max);
    assert!(stepped_peak > 0.0, "the spike overshoots: {stepped_peak}");

    // The same pulse, played in slow motion.
    let mut played = neuron();
    played.apply(&Command::SetSpeed { index: 0 }).unwrap();
    played.apply(&Command::Stimulate { amplitude_ua_per_cm2: 40.0 }).unwrap();
    played.apply(&Command::Play).unwrap();
    for _ in 0..240 {
        played.frame(1.0 / 60.0);
    }
    let played_peak = played.trace().iter().map(|p| p.1).fold(f64::MIN, f64::max);
    // The slices sample the spike every 0.1 ms: its top lies within 1 mV of the peak.
    assert!((stepped_peak - played_peak).abs() < 1.0, "stepped {stepped_peak} played {played_peak}");
    // And the spike's shape, sampled finely for the inset from before its upstroke, is
    // the same spike however time was run: its width and its peak.
    let (s, p) = (lab.last_spike().unwrap(), played.last_spike().unwrap());
    let (ws, wp) = (s.width_s.unwrap(), p.width_s.unwrap());
    assert!((ws - wp).abs() < 0.02 * wp, "width stepped {ws} played {wp}");
    assert!((s.peak_mv - p.peak_mv).abs() < 0.1, "peak stepped {} played {}", s.peak_mv, p.peak_mv);
}

#[test]
fn the_step_size_is_one_of_the_list_or_follows_the_speed() {
    let mut lab = neuron();
    assert_eq!(lab.step_s(), lab.slice_s());
    for (i, s) in vrest::lab::STEP_SIZES_S.iter().enumerate() {
        lab.apply(&Command::SetStepSize { step_s: *s }).unwrap();
        assert_eq!((lab.step_size(), lab.step_s()), (Some(i), *s));
    }
    for bad in [2e-4, -1e-4, f64::NAN, f64::INFINITY, 7200.0] {
        let before = lab.clone();
        let e = lab.apply(&Command::SetStepSize { step_s: bad }).unwrap_err();
        assert!(matches!(e, LabError::StepSize { .. }), "{bad}: {e:?}");
        assert!(lab == before);
        let words = vrest::present::words::describe_error(&e, &lab, &Catalog::english());
        assert!(words.starts_with("step size: must be one of 10.0 µs, 100 µs, 1.00 ms"), "{words}");
    }
    lab.apply(&Command::SetStepSize { step_s: 0.0 }).unwrap();
    assert_eq!((lab.step_size(), lab.step_s()), (None, lab.slice_s()));
    // A step follows the chosen size whatever the speed.
    lab.apply(&Command::SetStepSize { step_s: 1e-3 }).unwrap();
    lab.apply(&Command::SetSpeed { index: 7 }).unwrap();
    lab.apply(&FORWARD).unwrap();
    assert!((lab.membrane().time_s() - 1e-3).abs() < 1e-12);
}

/// Moved to a kept moment, the whole lab is as it was there: the same state as the
/// step-back path reaches, and forward again to the present exactly.
#[test]
fn the_timeline_restores_any_kept_moment_exactly_and_comes_back() {
    let mut lab = pulsed(8);
    let present = lab.clone();
    let t = lab.timeline();
    assert_eq!((t.last, t.at, t.earlier), (8, 8, false));
    assert_eq!((t.from_s, t.to_s), (0.0, present.membrane().time_s()));

    // Three steps back by hand, and the same moment by the scrubber.
    let mut by_steps = lab.clone();
    for _ in 0..3 {
        by_steps.apply(&BACK).unwrap();
    }
    assert!(lab.last_spike().is_some(), "the spike, sampled for the inset");
    lab.apply(&Command::Seek { index: 5 }).unwrap();
    assert_eq!(lab.membrane(), by_steps.membrane(), "the scrubber and Step back reach the same state");
    assert_eq!(lab.spikes(), by_steps.spikes());
    assert_eq!(lab.trace(), by_steps.trace(), "the trace ends at the moment shown");
    let t = lab.timeline();
    assert_eq!((t.last, t.at, t.earlier), (8, 5, true));
    // A clicker's Page Up and Page Down go to the moments either side, none beyond
    // the ends (the page sends what the readout names).
    let sides = |lab: &Lab| {
        let v = vrest::present::timeline::TimelineView::new(lab, &Catalog::english());
        (v.back, v.forward)
    };
    assert_eq!(sides(&lab), (Some(4), Some(6)));
    assert_eq!(sides(&present), (Some(7), None));
    // The first moment: the spike not yet fired, nor its inset shown.
    lab.apply(&Command::Seek { index: 0 }).unwrap();
    assert_eq!(sides(&lab), (None, Some(1)));
    assert_eq!(lab.membrane().time_s(), 0.0);
    assert_eq!(lab.spikes(), 0);
    assert!(lab.last_spike().is_none(), "no inset of a spike still to come");
    assert!(matches!(lab.apply(&BACK), Err(LabError::NoEarlierStep)));
    // And back to the present: exactly as it was, the later moments kept all along.
    lab.apply(&Command::Seek { index: 8 }).unwrap();
    assert_eq!(lab.membrane(), present.membrane());
    assert!(lab.last_spike().is_some());
    assert_eq!(lab.trace(), present.trace());
    assert!(!lab.timeline().earlier);
    assert!(matches!(lab.apply(&Command::Seek { index: 9 }), Err(LabError::Moment { max: 8, got: 9 })));
}

/// From an earlier moment, Play (or a change) continues from there: the later moments,
/// their trace and their marks go; a command that neither runs time nor changes the
/// cell keeps them.
#[test]
fn time_run_from_an_earlier_moment_drops_the_later_ones() {
    let mut lab = neuron();
    lab.apply(&Command::SetStepSize { step_s: 1e-3 }).unwrap();
    for _ in 0..4 {
        lab.apply(&FORWARD).unwrap();
    }
    lab.apply(&Command::Stimulate { amplitude_ua_per_cm2: 40.0 }).unwrap();
    for _ in 0..4 {
        lab.apply(&FORWARD).unwrap();
    }
    assert_eq!(lab.marks().filter(|m| matches!(m.kind, MarkKind::Stimulus { .. })).count(), 1);
    lab.apply(&Command::Seek { index: 2 }).unwrap();
    assert_eq!(lab.marks().filter(|m| matches!(m.kind, MarkKind::Stimulus { .. })).count(), 0, "not yet given");
    // Speed, view and locks keep the later moments.
    lab.apply(&Command::SetSpeed { index: 1 }).unwrap();
    lab.apply(&Command::SetView { view: vrest::lab::View::Lab }).unwrap();
    assert_eq!(lab.timeline().last, 8);
    lab.apply(&Command::Play).unwrap();
    let t = lab.timeline();
    assert_eq!((t.last, t.at, t.earlier), (2, 2, false), "{t:?}");
    assert!(lab.trace().last().unwrap().0 <= lab.membrane().time_s());
    lab.frame(0.05);
    assert!(lab.membrane().time_s() > 2e-3);
    assert_eq!(lab.marks().filter(|m| matches!(m.kind, MarkKind::Stimulus { .. })).count(), 0, "its mark went too");
}

#[test]
fn marks_say_what_was_done_and_when_and_stay_bounded() {
    let mut lab = neuron();
    let kinds = |lab: &Lab| lab.marks().map(|m| (m.t_s, m.kind.clone())).collect::<Vec<_>>();
    assert_eq!(kinds(&lab), vec![(0.0, MarkKind::Preset { id: "excitable-neuron" })]);
    lab.apply(&Command::SetStepSize { step_s: 1e-2 }).unwrap();
    lab.apply(&FORWARD).unwrap();
    // A drag: many positions, one mark at the value it ended at.
    for position in [10, 20, 30, 40] {
        lab.apply(&Command::SetControlPosition { key: k_out(), position }).unwrap();
    }
    lab.apply(&Command::SetControl { key: k_out(), value: 15.0 }).unwrap();
    lab.apply(&Command::Lock { controls: vec!["pump".into()] }).unwrap();
    lab.apply(&FORWARD).unwrap();
    lab.apply(&Command::Unlock { controls: vec![] }).unwrap();
    lab.apply(&Command::SetControl { key: ControlKey::PumpRunning, value: 0.0 }).unwrap();
    lab.apply(&Command::Stimulate { amplitude_ua_per_cm2: 40.0 }).unwrap();
    let t2 = lab.membrane().time_s();
    let t1 = 1e-2;
    assert!((t2 - 2e-2).abs() < 1e-12);
    let marks = kinds(&lab);
    assert_eq!(
        marks[1..],
        [
            (t1, MarkKind::Change { key: k_out(), value: 15.0 }),
            (t1, MarkKind::Lock),
            (t2, MarkKind::Unlock),
            (t2, MarkKind::Change { key: ControlKey::PumpRunning, value: 0.0 }),
            (t2, MarkKind::Stimulus { amplitude_ua_per_cm2: 40.0 }),
        ],
        "{marks:?}"
    );
    // In words, for the trace and for a screen reader.
    let r = Readout::new(&lab, &lab.measure(), &Catalog::english());
    assert_eq!(r.marks.len(), 6);
    assert_eq!(r.marks[1], "At 10.0 ms: K⁺ outside: 15.0 mM");
    assert_eq!(r.marks[4], "At 20.0 ms: Pump running: blocked");
    assert_eq!(r.marks[5], "At 20.0 ms: Pulse 40.0 µA/cm²");
    assert!(r.pulse_pending && r.step_text.starts_with("Pulse ready"), "{}", r.step_text);
    // Reset clears the cell's marks and marks the reset.
    lab.apply(&Command::Reset).unwrap();
    assert_eq!(kinds(&lab), vec![(0.0, MarkKind::Reset)]);
    // At most MAX_MARKS, the oldest dropped first.
    for i in 0..(vrest::lab::marks::MAX_MARKS + 50) {
        lab.apply(&Command::SetControl { key: ControlKey::Temperature, value: 20.0 + (i % 2) as f64 }).unwrap();
        lab.apply(&Command::SetControl { key: k_out(), value: 5.0 + (i % 2) as f64 }).unwrap();
    }
    assert_eq!(lab.marks().count(), vrest::lab::marks::MAX_MARKS);
    assert!(!lab.marks().any(|m| m.kind == MarkKind::Reset), "the oldest went first");
}

/// What the timeline keeps is bounded: HISTORY_STEPS moments, the oldest dropped first,
/// however long the lab plays.
#[test]
fn the_timeline_keeps_a_bounded_history() {
    let mut lab = neuron();
    lab.apply(&Command::SetSpeed { index: 4 }).unwrap();
    lab.apply(&Command::Play).unwrap();
    // A moment every slice of play (6 or 7 frames): twice as many frames as fill it.
    for _ in 0..(HISTORY_STEPS * 14) {
        lab.frame(1.0 / 60.0);
    }
    let t = lab.timeline();
    assert!(t.last <= HISTORY_STEPS && t.last >= HISTORY_STEPS - 1, "{t:?}");
    assert!(t.from_s > 0.0, "the oldest moments went: {t:?}");
    // A moment is a step's or a slice's state: 500 of them span 500 slices of play.
    let span = t.to_s - t.from_s;
    assert!(
        span >= (HISTORY_STEPS - 1) as f64 * lab.slice_s() && span < 1.2 * HISTORY_STEPS as f64 * lab.slice_s(),
        "{span}"
    );
    lab.apply(&Command::Seek { index: 0 }).unwrap();
    assert_eq!(lab.membrane().time_s(), t.from_s);
}

/// The CSV export carries the marks in an `event` column, each on the row of the first
/// moment at or after it, the same in every language.
#[test]
fn the_csv_has_an_event_column_with_each_mark_on_its_row() {
    let mut lab = pulsed(3);
    lab.apply(&Command::SetControl { key: k_out(), value: 12.0 }).unwrap();
    for _ in 0..2 {
        lab.apply(&FORWARD).unwrap();
    }
    let csv = lab.export_csv();
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines[0], "t_s,v_mv,K_in_mm,Na_in_mm,Cl_in_mm,Ca_in_mm,event");
    assert_eq!(lines.len(), 7, "{csv}");
    let events: Vec<&str> = lines[1..].iter().map(|l| l.rsplit(',').next().unwrap()).collect();
    assert_eq!(events, ["preset=excitable-neuron; stimulus=40", "", "", "set ion.K.outside=12", "", ""], "{csv}");
    assert!(lines.iter().all(|l| l.split(',').count() == 7), "{csv}");
    // Scrubbed back, the export ends at the moment shown, with its marks.
    lab.apply(&Command::Seek { index: 1 }).unwrap();
    let csv = lab.export_csv();
    assert_eq!(csv.lines().count(), 3, "{csv}");
    assert!(!csv.contains("set ion.K"), "{csv}");
}
