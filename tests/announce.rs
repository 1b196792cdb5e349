//! The live region's announcements, driven through the lab as the page drives them: one
//! sentence at a time, at least a second apart, a second after an action, describing
//! changes, quiet at a steady state, never repeated.

#![cfg(not(target_arch = "wasm32"))] // native tier; the wasm tier is tests/web.rs
#![allow(clippy::unwrap_used, clippy::expect_used)] // a failed unwrap is a failed test

use vrest::lab::{Command, Lab};
use vrest::present::announce::{Announcer, Moment, MIN_GAP_MS};
use vrest::present::catalog::Catalog;

const FRAME_S: f64 = 1.0 / 60.0;

/// A lab playing `preset` (None: the first) at speed `index` (None: as loaded), with a
/// fresh announcer.
fn playing(preset: Option<&str>, speed: Option<usize>) -> (Lab, Announcer) {
    let mut lab = Lab::new(1).unwrap();
    if let Some(preset) = preset {
        lab.apply(&Command::LoadPreset { preset: preset.into() }).unwrap();
    }
    if let Some(index) = speed {
        lab.apply(&Command::SetSpeed { index }).unwrap();
    }
    lab.apply(&Command::Play).unwrap();
    (lab, Announcer::default())
}

/// Play `real_s` of frames, feeding the announcer as the page does; returns (ms, text).
fn run(lab: &mut Lab, announcer: &mut Announcer, start_ms: f64, real_s: f64) -> Vec<(f64, String)> {
    let catalog = Catalog::english();
    let mut said = Vec::new();
    for k in 0..(real_s / FRAME_S).round() as usize {
        lab.frame(FRAME_S);
        let now_ms = start_ms + 1e3 * FRAME_S * (k + 1) as f64;
        let m = lab.measure();
        let moment = Moment {
            now_ms,
            voltage_mv: m.voltage_mv,
            action: lab.actions(),
            ions: &m.ions,
            spikes: lab.spikes(),
            spike_peak_mv: lab.last_spike_peak_mv(),
        };
        if let Some(text) = announcer.update(&moment, &catalog) {
            said.push((now_ms, text));
        }
    }
    said
}

#[test]
fn at_rest_it_says_steady_once_then_stays_quiet() {
    let (mut lab, mut a) = playing(None, None);
    let said = run(&mut lab, &mut a, 0.0, 10.0);
    let texts: Vec<&str> = said.iter().map(|(_, t)| t.as_str()).collect();
    assert_eq!(texts, ["Steady at negative 74 millivolts"], "{said:?}");
    // Not before the action's own second has passed.
    assert!(said[0].0 >= 1000.0, "{said:?}");
}

#[test]
fn raising_k_outside_is_said_once_as_the_change_it_made() {
    // At real time the neuron charges in milliseconds: by the time the slider's own value
    // has been heard, V has settled. One sentence says what happened.
    let (mut lab, mut a) = playing(None, None);
    run(&mut lab, &mut a, 0.0, 3.0);
    lab.apply(&Command::SetControl { key: "ion.K.outside".parse().unwrap(), value: 10.0 }).unwrap();
    let said = run(&mut lab, &mut a, 3000.0, 10.0);
    let v = lab.membrane().voltage_mv();
    assert_eq!(said.len(), 1, "{said:?}");
    assert_eq!(
        said[0].1,
        format!("Depolarised by 8 millivolts; steady at negative {} millivolts", (-v).round()),
        "V {v}"
    );
    assert!(said[0].0 >= 4000.0, "a second after the change: {said:?}");
}

#[test]
fn a_slow_run_down_is_described_as_it_goes_a_second_apart_never_twice_the_same() {
    // The heart cell's pump blocked, at ten minutes per second: V drifts for a while.
    let (mut lab, mut a) = playing(Some("ouabain"), Some(6));
    let said = run(&mut lab, &mut a, 0.0, 12.0);
    assert!(said.len() >= 3, "{said:?}");
    assert!(said[0].0 >= 1000.0, "{said:?}");
    for (_, text) in &said[..said.len() - 1] {
        assert!(text.starts_with("Depolarising toward E "), "{said:?}");
    }
    for w in said.windows(2) {
        assert!(w[1].0 - w[0].0 >= MIN_GAP_MS, "{said:?}");
        assert_ne!(w[1].1, w[0].1);
    }
    assert!(said.len() <= 12, "at most one a second: {}", said.len());
}

#[test]
fn a_spike_is_said_as_a_spike_with_its_peak() {
    // The excitable neuron, stimulated at 1 ms per second of real time: one spike.
    let (mut lab, mut a) = playing(Some("excitable-neuron"), Some(0));
    run(&mut lab, &mut a, 0.0, 2.0);
    lab.apply(&Command::Stimulate { amplitude_ua_per_cm2: 40.0 }).unwrap();
    lab.apply(&Command::Play).unwrap();
    let said = run(&mut lab, &mut a, 2000.0, 12.0);
    assert_eq!(lab.spikes(), 1, "one pulse, one spike");
    let peak = lab.last_spike_peak_mv().unwrap();
    assert!(peak > 5.0, "an overshoot: {peak}");
    let spike: Vec<&(f64, String)> = said.iter().filter(|(_, t)| t.starts_with("Spike")).collect();
    assert_eq!(spike.len(), 1, "{said:?}");
    // Told once it is over, with its peak and where V is now (back below −20 mV).
    let told = format!("Spike 1, up to {} millivolts; now negative ", peak.round());
    assert!(spike[0].1.starts_with(&told), "{said:?}");
    // While it fired, V's swings were not narrated as "depolarising/hyperpolarising".
    let first = said.iter().position(|(_, t)| t.starts_with("Spike")).unwrap();
    assert!(said[..first].iter().all(|(_, t)| !t.contains("olarising")), "{said:?}");
}

#[test]
fn a_pacemaker_s_beats_are_counted_together_every_few_seconds() {
    let (mut lab, mut a) = playing(Some("sa-node"), None);
    let said = run(&mut lab, &mut a, 0.0, 12.0);
    let beats = lab.spikes();
    assert!((9..=13).contains(&beats), "about one beat a second: {beats}");
    assert!(said.iter().all(|(_, t)| t.starts_with("Spike")), "only spikes are news: {said:?}");
    // At most one sentence per SPIKE_GAP_MS, and every beat is counted once.
    for w in said.windows(2) {
        assert!(w[1].0 - w[0].0 >= vrest::present::announce::SPIKE_GAP_MS, "{said:?}");
    }
    // Numbered without a gap or a repeat: "Spike 1", "Spikes 2 to 4", "Spikes 5 to 7"…
    let mut next = 1;
    for (_, t) in &said {
        let numbers: Vec<u64> = t.split([' ', ',']).take(4).filter_map(|w| w.parse().ok()).collect();
        assert_eq!(numbers[0], next, "{said:?}");
        next = numbers.last().unwrap() + 1;
    }
    assert!(next - 1 <= beats && next + 3 >= beats, "told {} of {beats}: {said:?}", next - 1);
    assert!(said.iter().any(|(_, t)| t.starts_with("Spikes ") && t.contains(", the last up to ")), "{said:?}");
}

#[test]
fn the_tone_is_a3_at_minus_100_mv_and_rises_an_octave_every_75_mv() {
    use vrest::present::readout::tone_hz;
    // Concert pitch: A3 220 Hz, A4 440 Hz, A5 880 Hz; the outer octaves A2 and A6 hold.
    for (v_mv, hz) in [
        (-100.0, 220.0),
        (-25.0, 440.0),
        (50.0, 880.0),
        (-175.0, 110.0),
        (-400.0, 110.0),
        (125.0, 1760.0),
        (900.0, 1760.0),
    ] {
        assert!((tone_hz(v_mv) - hz).abs() < 1e-9 * hz, "{v_mv} mV: {} Hz, not {hz}", tone_hz(v_mv));
    }
    // A semitone (2^(1/12)) is 6.25 mV.
    assert!((tone_hz(-93.75) / 220.0 - 2f64.powf(1.0 / 12.0)).abs() < 1e-12);
    assert_eq!(tone_hz(f64::NAN), 220.0);
}
