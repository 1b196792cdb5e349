//! The crossing-event model the page draws: rates, balance and signs.

#![cfg(not(target_arch = "wasm32"))] // native tier; the wasm tier is tests/web.rs
#![allow(clippy::unwrap_used, clippy::expect_used)] // a failed unwrap is a failed test

use vrest::model::crossings::{CrossingEvent, CrossingGenerator, CrossingKind};
use vrest::model::{presets, Membrane, Scenario};

const FRAME_S: f64 = 1.0 / 60.0;

/// Count (outward, inward) leak events per ion and pump cycles over `frames` frames.
fn count(m: &Membrane, gen: &mut CrossingGenerator, frames: usize, per_particle: f64) -> (Vec<(u64, u64)>, u64) {
    let n = m.scenario().ions.len();
    let mut counts = vec![(0u64, 0u64); n];
    let mut cycles = 0;
    let mut events = Vec::new();
    let fluxes = m.fluxes();
    for _ in 0..frames {
        events.clear();
        gen.generate(&fluxes, FRAME_S, per_particle, &mut events).unwrap();
        for e in &events {
            match e.kind {
                CrossingKind::Leak { ion, outward: true } => counts[ion].0 += 1,
                CrossingKind::Leak { ion, outward: false } => counts[ion].1 += 1,
                CrossingKind::PumpCycle => cycles += 1,
            }
            assert!((0.0..1.0).contains(&e.at_fraction));
        }
    }
    (counts, cycles)
}

#[test]
fn event_rates_follow_the_unidirectional_fluxes() {
    let m = Membrane::new(&presets::neuron()).unwrap();
    let f = m.fluxes();
    // A scale that gives a few K⁺ events per frame.
    let per_particle = f.ions[0].outward_per_s * FRAME_S / 3.0;
    let frames = 30_000;
    let (counts, cycles) = count(&m, &mut CrossingGenerator::new(1), frames, per_particle);
    let t = frames as f64 * FRAME_S;
    for (i, flux) in f.ions.iter().enumerate() {
        for (got, rate) in [(counts[i].0, flux.outward_per_s), (counts[i].1, flux.inward_per_s)] {
            let expected = rate * t / per_particle;
            // Poisson: within five standard deviations (plus one for the accumulator).
            assert!(
                (got as f64 - expected).abs() <= 5.0 * expected.sqrt() + 1.0,
                "ion {i}: {got} events, expected {expected:.1}"
            );
        }
    }
    let expected_cycles = f.pump_cycles_per_s * t / per_particle;
    assert!((cycles as f64 - expected_cycles).abs() <= 1.0, "{cycles} cycles vs {expected_cycles}");
}

#[test]
fn at_its_equilibrium_potential_an_ions_events_balance() {
    // K⁺ alone, no pump, settled at E_K: outward and inward fluxes are equal.
    let mut s: Scenario = presets::neuron();
    s.pump = None;
    for ion in &mut s.ions {
        if ion.name != "K" {
            ion.permeability_cm_per_s = 0.0;
        }
    }
    let mut m = Membrane::new(&s).unwrap();
    m.advance(1.0).unwrap();
    let f = m.fluxes();
    assert!((f.ions[0].outward_per_s / f.ions[0].inward_per_s - 1.0).abs() < 1e-9);
    let per_particle = f.ions[0].outward_per_s * FRAME_S / 2.0;
    let (counts, _) = count(&m, &mut CrossingGenerator::new(2), 20_000, per_particle);
    let (out, inw) = counts[0];
    assert!(out > 30_000, "{out}");
    assert!(out.abs_diff(inw) <= 1, "{out} out vs {inw} in");
    // Impermeant ions never cross.
    assert_eq!(counts[1], (0, 0));
}

#[test]
fn at_steady_state_the_leaks_and_the_pump_move_the_same_particles() {
    // K⁺ leaks out 2 per cycle and Na⁺ leaks in 3 per cycle: the page shows the balance.
    let m = Membrane::new(&presets::neuron()).unwrap();
    let f = m.fluxes();
    let per_particle = f.pump_cycles_per_s * FRAME_S / 2.0;
    let (counts, cycles) = count(&m, &mut CrossingGenerator::new(3), 10_000, per_particle);
    let k_net = counts[0].0 as i64 - counts[0].1 as i64;
    let na_net = counts[1].1 as i64 - counts[1].0 as i64;
    assert!((k_net - 2 * cycles as i64).abs() <= 2, "K net {k_net} vs 2×{cycles}");
    assert!((na_net - 3 * cycles as i64).abs() <= 3, "Na net {na_net} vs 3×{cycles}");
}

#[test]
fn net_events_never_point_against_the_current() {
    // Sweep a clamp back and forth so every ion's current changes sign repeatedly.
    let mut gen = CrossingGenerator::new(4);
    let mut events: Vec<CrossingEvent> = Vec::new();
    let mut checked = 0;
    for k in 0..4000 {
        let v = -120.0 + 240.0 * ((f64::from(k) * 0.37).sin() * 0.5 + 0.5);
        let mut s = presets::neuron();
        s.clamp_mv = Some(v);
        s.ions[3].permeability_cm_per_s = 1e-8; // Ca²⁺ too
        let m = Membrane::new(&s).unwrap();
        let currents = m.leak_currents_ua_per_cm2();
        let f = m.fluxes();
        let per_particle = f.ions[0].outward_per_s.max(f.ions[0].inward_per_s) * FRAME_S / 4.0;
        events.clear();
        gen.generate(&f, FRAME_S, per_particle, &mut events).unwrap();
        for (i, ion) in s.ions.iter().enumerate() {
            let net: i64 = events
                .iter()
                .map(|e| match e.kind {
                    CrossingKind::Leak { ion: j, outward } if j == i => {
                        if outward {
                            1
                        } else {
                            -1
                        }
                    }
                    _ => 0,
                })
                .sum();
            let charge_sign = (net * i64::from(ion.charge)).signum();
            if charge_sign != 0 {
                checked += 1;
                assert_eq!(
                    charge_sign as f64,
                    currents[i].signum(),
                    "{} at {v:.1} mV: net {net}, I {}",
                    ion.name,
                    currents[i]
                );
            }
        }
    }
    assert!(checked > 2000, "only {checked} frames had net events");
}

#[test]
fn the_same_seed_gives_the_same_events() {
    let m = Membrane::new(&presets::neuron()).unwrap();
    let f = m.fluxes();
    let per = f.ions[0].outward_per_s * FRAME_S / 3.0;
    let (mut a, mut b) = (CrossingGenerator::new(9), CrossingGenerator::new(9));
    let (mut ea, mut eb) = (Vec::new(), Vec::new());
    for _ in 0..100 {
        a.generate(&f, FRAME_S, per, &mut ea).unwrap();
        b.generate(&f, FRAME_S, per, &mut eb).unwrap();
    }
    assert!(!ea.is_empty());
    assert_eq!(ea, eb);
    // Nonsense scales produce nothing rather than a flood or a panic.
    let mut none = Vec::new();
    a.generate(&f, FRAME_S, 0.0, &mut none).unwrap();
    a.generate(&f, f64::NAN, per, &mut none).unwrap();
    a.generate(&f, FRAME_S, f64::INFINITY, &mut none).unwrap();
    assert!(none.is_empty());
    // A scale so fine that a frame would need millions of events is refused, with the
    // expected count, so the caller can coarsen it.
    let expected = a.generate(&f, FRAME_S, 1.0, &mut none).unwrap_err();
    assert!(expected > 1e6, "{expected}");
    assert!(none.is_empty());
}
