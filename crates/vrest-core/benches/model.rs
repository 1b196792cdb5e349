//! Model benchmarks (`cargo bench`): the figures reported in the README.
//!
//! - one hour of model time after a pump block, from the neuron preset (target ≤ 20 ms);
//! - one 1/60 s frame at normal speed (the model's step and its fluxes; the crossing
//!   events drawn from them belong to the page's lab, `src/lab`);
//! - the first such frame after a slider change, when the integrator restarts small;
//! - one second of a firing excitable neuron.

#![allow(clippy::expect_used)] // a failed expect is a failed benchmark

#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
mod native {
    use std::hint::black_box;

    use criterion::{criterion_group, BatchSize, Bencher, Criterion};
    use vrest_core::{presets, Membrane};

    const FRAME_S: f64 = 1.0 / 60.0;

    /// `seconds` of model time from `start`, each sample from a fresh copy of it.
    fn advance_from(b: &mut Bencher, start: &Membrane, seconds: f64) {
        b.iter_batched(
            || start.clone(),
            |mut m| {
                m.advance(seconds).expect("advance");
                black_box(m.voltage_mv())
            },
            BatchSize::SmallInput,
        )
    }

    fn pump_block_hour(c: &mut Criterion) {
        let mut blocked = Membrane::new(&presets::neuron()).expect("neuron");
        blocked.set_pump_blocked(true).expect("pump");
        c.bench_function("pump block: 1 h of model time (neuron)", |b| advance_from(b, &blocked, 3600.0));
    }

    fn frame(c: &mut Criterion) {
        let mut m = Membrane::new(&presets::neuron()).expect("neuron");
        // Settle the step-size controller as a running page would have.
        for _ in 0..600 {
            m.advance(FRAME_S).expect("advance");
        }
        c.bench_function("one 1/60 s frame at normal speed (model step + fluxes)", |b| {
            b.iter(|| {
                m.advance(FRAME_S).expect("advance");
                black_box(m.fluxes())
            })
        });
        let base = m.clone();
        c.bench_function("first 1/60 s frame after a slider change", |b| {
            b.iter_batched(
                || base.clone(),
                |mut m| {
                    m.set_outside_mm(0, 10.0).expect("K out");
                    m.advance(FRAME_S).expect("advance");
                    black_box(m.voltage_mv())
                },
                BatchSize::SmallInput,
            )
        });
    }

    /// One second of the excitable neuron firing on its own (K⁺ outside at 15 mM): the
    /// cost of resolving every spike.
    fn firing_second(c: &mut Criterion) {
        let mut s = presets::build("excitable-neuron").expect("excitable-neuron");
        let k = s.ion_index("K").expect("K");
        s.ions[k].outside_mm = 15.0;
        let mut firing = Membrane::new(&s).expect("membrane");
        firing.advance(2.0).expect("settle into firing");
        c.bench_function("1 s of a firing excitable-neuron (K⁺ out 15 mM)", |b| advance_from(b, &firing, 1.0));
    }

    /// An hour of the pacemaker: about 3,500 beats, each resolved.
    fn pacemaker_hour(c: &mut Criterion) {
        let m = Membrane::new(&presets::build("sa-node").expect("sa-node")).expect("membrane");
        let mut group = c.benchmark_group("sa-node");
        group.sample_size(10);
        group.bench_function("1 h of model time of the sa-node pacemaker", |b| advance_from(b, &m, 3600.0));
        group.finish();
    }

    /// The V-against-K⁺ chart's curve: where the excitable neuron would settle at 100 K⁺
    /// outside values from 1 to 100 mM.
    fn k_sweep(c: &mut Criterion) {
        let m = Membrane::new(&presets::build("excitable-neuron").expect("excitable-neuron")).expect("membrane");
        let k_outs: Vec<f64> = (0..100).map(|i| 10f64.powf(2.0 * f64::from(i) / 99.0)).collect();
        c.bench_function("settled V at 100 K⁺ outside values (excitable-neuron)", |b| {
            b.iter(|| black_box(m.settled_voltages_at_k_out_mv(&k_outs)))
        });
    }

    criterion_group!(benches, pump_block_hour, frame, firing_second, pacemaker_hour, k_sweep);
}

#[cfg(not(target_arch = "wasm32"))]
criterion::criterion_main!(native::benches);
