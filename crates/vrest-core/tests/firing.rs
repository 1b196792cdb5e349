//! Firing cells at the tolerance the lab uses: every spike where a run 100 times
//! tighter puts it. Ten seconds of the excitable neuron firing on its own (K⁺ outside
//! 15 mM) and a minute of the pacemaker: the same spikes, each upstroke through −20 mV
//! within 0.1 ms and each peak within 0.5 mV.

#![cfg(not(target_arch = "wasm32"))] // native tier
#![allow(clippy::unwrap_used, clippy::expect_used)] // a failed unwrap is a failed test

use vrest_core::{presets, Membrane, Scenario};

const LEVEL_MV: f64 = -20.0;
const TIME_TOLERANCE_S: f64 = 1e-4;
const PEAK_TOLERANCE_MV: f64 = 0.5;

/// Each upstroke through −20 mV (its time) and the highest V of that spike, from the
/// model's own accepted steps. The crossing is found on the parabola through the steps
/// on either side of it and the one before, so it does not depend on where the steps
/// fell (a straight line between steps a millisecond apart would misplace it by more
/// than the integrator's error).
fn spikes(m: &mut Membrane, run_s: f64) -> Vec<(f64, f64)> {
    let mut out: Vec<(f64, f64)> = Vec::new();
    let mut p = [(f64::NAN, f64::NAN), (f64::NAN, f64::NAN), (m.time_s(), m.voltage_mv())];
    let mut above = p[2].1 > LEVEL_MV;
    m.advance_observed(run_s, u64::MAX, |t, v| {
        p = [p[1], p[2], (t, v)];
        if !above && v > LEVEL_MV {
            out.push((crossing(&p), v));
        }
        above = v > LEVEL_MV;
        if above {
            let last = out.last_mut().expect("a spike");
            last.1 = last.1.max(v);
        }
    })
    .unwrap();
    out
}

/// Where the parabola through three (t, v) crosses −20 mV between the last two.
fn crossing(p: &[(f64, f64); 3]) -> f64 {
    let [(t0, v0), (t1, v1), (t2, v2)] = *p;
    let q = |t: f64| {
        v0 * (t - t1) * (t - t2) / ((t0 - t1) * (t0 - t2))
            + v1 * (t - t0) * (t - t2) / ((t1 - t0) * (t1 - t2))
            + v2 * (t - t0) * (t - t1) / ((t2 - t0) * (t2 - t1))
            - LEVEL_MV
    };
    if !t0.is_finite() || q(t1) * q(t2) > 0.0 {
        return t1 + (t2 - t1) * (LEVEL_MV - v1) / (v2 - v1);
    }
    let (mut lo, mut hi) = (t1, t2);
    for _ in 0..60 {
        let mid = 0.5 * (lo + hi);
        if q(lo) * q(mid) <= 0.0 {
            hi = mid;
        } else {
            lo = mid;
        }
    }
    0.5 * (lo + hi)
}

/// The worst difference in spike time and peak between the lab's tolerance and one 100
/// times tighter, over `run_s`; both must find the same number of spikes, at least
/// `min_spikes`.
fn drift(s: &Scenario, run_s: f64, min_spikes: usize) -> (f64, f64) {
    let mut lab = Membrane::new(s).unwrap();
    let mut tight = lab.clone();
    tight.set_relative_tolerance(lab.relative_tolerance() / 100.0).unwrap();
    let (a, b) = (spikes(&mut lab, run_s), spikes(&mut tight, run_s));
    assert_eq!(a.len(), b.len(), "the same spikes");
    assert!(a.len() >= min_spikes, "{} spikes", a.len());
    let time = a.iter().zip(&b).map(|(x, y)| (x.0 - y.0).abs()).fold(0.0, f64::max);
    let peak = a.iter().zip(&b).map(|(x, y)| (x.1 - y.1).abs()).fold(0.0, f64::max);
    eprintln!("{} spikes; worst time {:.4} ms, worst peak {:.4} mV", a.len(), time * 1e3, peak);
    (time, peak)
}

#[test]
fn ten_seconds_of_a_neuron_firing_on_its_own_keep_every_spike_in_place() {
    let mut s = presets::build("excitable-neuron").unwrap();
    let k = s.ion_index("K").unwrap();
    s.ions[k].outside_mm = 15.0;
    // It fires about a hundred times a second at 15 mM.
    let (time, peak) = drift(&s, 10.0, 500);
    assert!(time <= TIME_TOLERANCE_S, "spike times moved {time} s");
    assert!(peak <= PEAK_TOLERANCE_MV, "peaks moved {peak} mV");
}

#[test]
fn a_minute_of_pacemaker_beats_keeps_every_beat_in_place() {
    let (time, peak) = drift(&presets::build("sa-node").unwrap(), 60.0, 55);
    assert!(time <= TIME_TOLERANCE_S, "beat times moved {time} s");
    assert!(peak <= PEAK_TOLERANCE_MV, "peaks moved {peak} mV");
}
