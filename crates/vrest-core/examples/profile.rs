//! Where a firing cell's time goes: steps, rejected steps and the time per step of a
//! run, where its steps fall (`--histogram`), and how far its spikes move at a
//! tolerance 100 times tighter. `cargo run --release -p vrest-core --example profile
//! [-- --quick | --histogram]`; doc/implementation-notes.md reports its figures.

#![allow(clippy::expect_used)] // a tool run by hand: a failed expect is a failed profile

#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    native::main();
}

#[cfg(not(target_arch = "wasm32"))]
#[allow(clippy::disallowed_methods)] // Instant::now: native only
mod native {
    use std::time::Instant;
    use vrest_core::{presets, Membrane, Scenario};

    fn profile(name: &str, s: &Scenario, settle_s: f64, run_s: f64) {
        let mut m = Membrane::new(s).expect("membrane");
        if settle_s > 0.0 {
            m.advance(settle_s).expect("settle");
        }
        let mut timed = m.clone();
        let started = Instant::now();
        let a = timed.advance_within(run_s, u64::MAX).expect("advance");
        let took = started.elapsed().as_secs_f64();

        // The upstrokes past −20 mV, counted in 1 ms pieces on a copy (untimed).
        let (mut upstrokes, mut above) = (0u64, false);
        for _ in 0..(run_s / 1e-3).round() as u64 {
            let piece = m.advance_within(1e-3, u64::MAX).expect("advance");
            let high = piece.extremes.is_some_and(|e| e.highest.1 > -20.0);
            upstrokes += u64::from(high && !above);
            above = high;
        }
        println!(
            "{name}: {run_s} s of model time in {took:.3} s; {} steps ({} rejected), {:.2} µs a step; {upstrokes} upstrokes, {:.0} steps each",
            a.steps,
            a.rejected,
            took / a.steps as f64 * 1e6,
            a.steps as f64 / upstrokes.max(1) as f64
        );
    }

    pub fn main() {
        let mut k15 = presets::build("excitable-neuron").expect("preset");
        let k = k15.ion_index("K").expect("K");
        k15.ions[k].outside_mm = 15.0;
        profile("excitable-neuron, K⁺ out 15 mM", &k15, 0.0, 10.0);
        profile("sa-node", &presets::build("sa-node").expect("preset"), 0.0, 60.0);
        if std::env::args().any(|a| a == "--histogram") {
            histogram("excitable-neuron K15", &k15, 1.0, 1.0);
            histogram("sa-node", &presets::build("sa-node").expect("preset"), 10.0, 10.0);
            return;
        }
        if std::env::args().any(|a| a == "--quick") {
            return;
        }
        let rtol: f64 = std::env::var("XRTOL").ok().and_then(|v| v.parse().ok()).unwrap_or(1e-6);
        accuracy("excitable-neuron K15, 10 s", &k15, 10.0, rtol);
        accuracy("sa-node, 60 s", &presets::build("sa-node").expect("preset"), 60.0, rtol);
    }

    /// Upstrokes through −20 mV and each spike's peak. The crossing time is found on the
    /// parabola through the accepted steps on either side of it and the one before, so it
    /// does not depend on where the steps happened to fall (a straight line between two
    /// steps 1 ms apart would misplace it by more than the integrator's error).
    pub fn spikes(m: &mut Membrane, run_s: f64) -> Vec<(f64, f64)> {
        const LEVEL_MV: f64 = -20.0;
        let mut out: Vec<(f64, f64)> = Vec::new();
        let mut p = [(f64::NAN, f64::NAN), (f64::NAN, f64::NAN), (m.time_s(), m.voltage_mv())];
        let mut rising = p[2].1 > LEVEL_MV;
        m.advance_observed(run_s, u64::MAX, |t, v| {
            p = [p[1], p[2], (t, v)];
            if !rising && v > LEVEL_MV {
                out.push((crossing(&p, LEVEL_MV), v));
                rising = true;
            } else if rising && v < LEVEL_MV {
                rising = false;
            }
            if rising {
                if let Some(s) = out.last_mut() {
                    s.1 = s.1.max(v);
                }
            }
        })
        .expect("advance");
        out
    }

    /// Where the curve through three points (t, v) crosses `level` between the last two.
    fn crossing(p: &[(f64, f64); 3], level: f64) -> f64 {
        let [(t0, v0), (t1, v1), (t2, v2)] = *p;
        let linear = t1 + (t2 - t1) * (level - v1) / (v2 - v1);
        if !t0.is_finite() {
            return linear;
        }
        // Lagrange's parabola, solved by bisection on [t1, t2] (where it changes sign).
        let q = |t: f64| {
            v0 * (t - t1) * (t - t2) / ((t0 - t1) * (t0 - t2))
                + v1 * (t - t0) * (t - t2) / ((t1 - t0) * (t1 - t2))
                + v2 * (t - t0) * (t - t1) / ((t2 - t0) * (t2 - t1))
                - level
        };
        let (mut lo, mut hi) = (t1, t2);
        if q(lo) * q(hi) > 0.0 {
            return linear;
        }
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

    pub fn accuracy(name: &str, s: &Scenario, run_s: f64, rtol: f64) {
        let mut a = Membrane::new(s).expect("membrane");
        a.set_relative_tolerance(rtol).expect("rtol");
        let mut b = a.clone();
        b.set_relative_tolerance(rtol / 100.0).expect("rtol");
        let (sa, sb) = (spikes(&mut a, run_s), spikes(&mut b, run_s));
        let dt = sa.iter().zip(&sb).map(|(x, y)| (x.0 - y.0).abs()).fold(0.0, f64::max);
        let dv = sa.iter().zip(&sb).map(|(x, y)| (x.1 - y.1).abs()).fold(0.0, f64::max);
        println!(
            "{name} at rtol {rtol:e}: {} vs {} spikes; worst time {:.4} ms, worst peak {:.4} mV",
            sa.len(),
            sb.len(),
            dt * 1e3,
            dv
        );
    }

    /// Where one run's accepted steps fall: counts by step size (powers of ten) and by V.
    pub fn histogram(name: &str, s: &Scenario, settle_s: f64, run_s: f64) {
        let mut m = Membrane::new(s).expect("membrane");
        m.advance(settle_s).expect("settle");
        let mut last = m.time_s();
        let mut by_h = [0u32; 10];
        let mut by_v = [0u32; 8];
        m.advance_observed(run_s, u64::MAX, |t, v| {
            let h = t - last;
            last = t;
            let k = (-(h.log10()).floor()).clamp(0.0, 9.0) as usize;
            by_h[k] += 1;
            by_v[((v + 100.0) / 20.0).clamp(0.0, 7.0) as usize] += 1;
        })
        .expect("advance");
        println!("{name}: steps by size 1 s, 0.1 s, … 1 ns: {by_h:?}; by V from −100 mV in 20 mV bands: {by_v:?}");
    }
}
