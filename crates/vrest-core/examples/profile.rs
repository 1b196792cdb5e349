//! Where a firing cell's time goes: steps, rejected steps and the time per step of a
//! run, and where its steps fall (`--histogram`). `cargo run --release -p vrest-core
//! --example profile [-- --histogram]`; doc/implementation-notes.md reports its
//! figures (tests/firing.rs checks the accuracy).

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
        }
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
