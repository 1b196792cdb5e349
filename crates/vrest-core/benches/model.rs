//! Model benchmarks (`cargo bench`): the figures reported in the README.
//!
//! - one hour of model time after a pump block, from the neuron preset (target ≤ 20 ms);
//! - one 1/60 s frame at normal speed (the model's step and its fluxes; the crossing
//!   events drawn from them belong to the page's lab, `src/lab`);
//! - the first such frame after a slider change, when the integrator restarts small.

#![allow(clippy::expect_used)] // a failed expect is a failed benchmark

#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
mod native {
    use std::hint::black_box;

    use criterion::{criterion_group, BatchSize, Criterion};
    use vrest_core::{presets, Membrane};

    const FRAME_S: f64 = 1.0 / 60.0;

    fn pump_block_hour(c: &mut Criterion) {
        let mut blocked = Membrane::new(&presets::neuron()).expect("neuron");
        blocked.set_pump_blocked(true).expect("pump");
        c.bench_function("pump block: 1 h of model time (neuron)", |b| {
            b.iter_batched(
                || blocked.clone(),
                |mut m| {
                    m.advance(3600.0).expect("advance");
                    black_box(m.voltage_mv())
                },
                BatchSize::SmallInput,
            )
        });
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

    criterion_group!(benches, pump_block_hour, frame);
}

#[cfg(not(target_arch = "wasm32"))]
criterion::criterion_main!(native::benches);
