//! The coupled dynamic model: invariants, time courses and accuracy.
//!
//! Reference quantities are computed here from textbook formulas, and one check
//! integrates the same equations with an explicit RK4 written in this file.

#![cfg(not(target_arch = "wasm32"))] // native tier; the wasm tier is tests/web.rs
#![allow(clippy::unwrap_used, clippy::expect_used)] // a failed unwrap is a failed test

use vrest_core::physics::{ghk_current_ua_per_cm2, mullins_noda_mv, nernst_mv};
use vrest_core::{presets, Ion, Membrane, Scenario};

const F: f64 = 96_485.332_123_31;
const R: f64 = 8.314_462_618_153;
const E: f64 = 1.602_176_634e-19;

fn rt_f(t_c: f64) -> f64 {
    1e3 * R * (t_c + 273.15) / F
}

/// Textbook GHK current in µA/cm² (singular at exactly 0 mV, which these tests avoid).
fn reference_current(p: f64, z: f64, ci: f64, co: f64, v_mv: f64, t_c: f64) -> f64 {
    let u = z * v_mv / rt_f(t_c);
    p * z * F * u * (ci - co * (-u).exp()) / (1.0 - (-u).exp())
}

fn neuron() -> Scenario {
    presets::neuron()
}

fn index(s: &Scenario, name: &str) -> usize {
    s.ion_index(name).unwrap()
}

/// Membrane slope conductance Σ dI/dV at `v_mv` for the scenario's ions with these
/// inside concentrations (mS/cm² = µA/cm² per mV), by central differences.
fn slope_conductance(s: &Scenario, inside: &[f64], v_mv: f64) -> f64 {
    let h = 1e-4;
    s.ions
        .iter()
        .zip(inside)
        .map(|(ion, &ci)| {
            let i = Ion { inside_mm: ci, ..ion.clone() };
            (ghk_current_ua_per_cm2(&i, v_mv + h, s.temperature_c).unwrap()
                - ghk_current_ua_per_cm2(&i, v_mv - h, s.temperature_c).unwrap())
                / (2.0 * h)
        })
        .sum()
}

/// Run until no concentration moves by more than 1e-9 mM per hour.
fn run_to_steady(m: &mut Membrane) {
    for _ in 0..20_000 {
        m.advance(3600.0).unwrap();
        if m.concentration_rates_mm_per_s().iter().all(|r| r.abs() * 3600.0 < 1e-9) {
            return;
        }
    }
    panic!("no steady state after 20,000 h");
}

#[test]
fn one_permeant_ion_relaxes_to_its_nernst_potential_within_a_few_tau() {
    for (name, p) in [("K", 1e-6), ("Cl", 4.5e-7), ("Ca", 1e-7)] {
        let mut s = neuron();
        s.pump = None;
        for ion in &mut s.ions {
            ion.permeability_cm_per_s = if ion.name == name { p } else { 0.0 };
        }
        s.initial_voltage_mv = 0.0;
        let i = index(&s, name);
        let mut m = Membrane::new(&s).unwrap();
        let ion = &s.ions[i];
        let e0 = nernst_mv(ion.charge, ion.inside_mm, ion.outside_mm, 37.0).unwrap();
        let tau_s = s.cell.capacitance_uf_per_cm2 / slope_conductance(&s, m.inside_mm(), e0) * 1e-3;
        m.advance(5.0 * tau_s).unwrap();
        let e = nernst_mv(ion.charge, m.inside_mm()[i], ion.outside_mm, 37.0).unwrap();
        // Five time constants take it within a few per cent of the way (e^−5 ≈ 0.7 %,
        // with room for the GHK conductance changing along the way).
        assert!((m.voltage_mv() - e).abs() < 0.03 * e.abs(), "{name}: V {} vs E {e} at 5τ", m.voltage_mv());
        m.advance(15.0 * tau_s).unwrap();
        let e = nernst_mv(ion.charge, m.inside_mm()[i], ion.outside_mm, 37.0).unwrap();
        assert!((m.voltage_mv() - e).abs() < 1e-3, "{name}: V {} vs E {e} at 20τ", m.voltage_mv());
        // The thin skin: charging took a sliver of the cell's K⁺ or Cl⁻. (Not of its Ca²⁺:
        // at 0.1 µM there is less Ca²⁺ in the cell than the membrane's charge needs.)
        if ion.inside_mm > 1.0 {
            assert!((m.inside_mm()[i] - ion.inside_mm).abs() < 1e-3 * ion.inside_mm, "{name}");
        }
    }
}

/// The neuron with Na⁺ loaded to 30 mM inside, far from its steady state.
fn sodium_loaded(p_cl: f64) -> Scenario {
    let mut s = neuron();
    let na = index(&s, "Na");
    s.ions[na].inside_mm = 30.0;
    let cl = index(&s, "Cl");
    s.ions[cl].permeability_cm_per_s = p_cl;
    s
}

#[test]
fn pump_with_impermeant_chloride_settles_at_mullins_noda_of_the_steady_concentrations() {
    let s = sodium_loaded(0.0);
    let mut m = Membrane::new(&s).unwrap();
    run_to_steady(&mut m);
    let inside = m.inside_mm();
    let k = Ion { inside_mm: inside[index(&s, "K")], ..s.ions[index(&s, "K")].clone() };
    let na = Ion { inside_mm: inside[index(&s, "Na")], ..s.ions[index(&s, "Na")].clone() };
    let mn = mullins_noda_mv(&k, &na, 1.5, 37.0).unwrap();
    assert!((m.voltage_mv() - mn).abs() < 1e-6, "V {} vs Mullins–Noda {mn}", m.voltage_mv());
    // Cl⁻ was impermeant: it stayed where it started, away from equilibrium.
    let cl = index(&s, "Cl");
    assert_eq!(inside[cl], s.ions[cl].inside_mm);
    let e_cl = nernst_mv(-1, inside[cl], 110.0, 37.0).unwrap();
    assert!((m.voltage_mv() - e_cl).abs() > 1.0);
}

#[test]
fn pump_with_passive_chloride_settles_at_e_cl_and_mullins_noda() {
    let s = sodium_loaded(4.5e-7);
    let mut m = Membrane::new(&s).unwrap();
    run_to_steady(&mut m);
    let inside = m.inside_mm();
    let e_cl = nernst_mv(-1, inside[index(&s, "Cl")], 110.0, 37.0).unwrap();
    assert!((m.voltage_mv() - e_cl).abs() < 1e-6, "V {} vs E_Cl {e_cl}", m.voltage_mv());
    let k = Ion { inside_mm: inside[index(&s, "K")], ..s.ions[index(&s, "K")].clone() };
    let na = Ion { inside_mm: inside[index(&s, "Na")], ..s.ions[index(&s, "Na")].clone() };
    assert!((m.voltage_mv() - mullins_noda_mv(&k, &na, 1.5, 37.0).unwrap()).abs() < 1e-6);
}

#[test]
fn charge_difference_voltage_agrees_with_the_integrated_one_over_24_h() {
    let mut m = Membrane::new(&neuron()).unwrap();
    m.set_pump_blocked(true).unwrap();
    let mut worst = 0.0_f64;
    // 60 s steps, then a mix of 1 µs, 1 ms, 1 s and 1 h steps.
    for _ in 0..(12 * 60) {
        m.advance(60.0).unwrap();
        worst = worst.max((m.voltage_mv() - m.charge_difference_voltage_mv()).abs());
    }
    for dt in [1e-6, 1e-3, 1.0, 3600.0].iter().cycle().take(48) {
        m.advance(*dt).unwrap();
        worst = worst.max((m.voltage_mv() - m.charge_difference_voltage_mv()).abs());
    }
    for _ in 0..11 {
        m.advance(3600.0).unwrap();
        worst = worst.max((m.voltage_mv() - m.charge_difference_voltage_mv()).abs());
    }
    assert!(m.time_s() > 24.0 * 3600.0);
    eprintln!("charge-difference vs integrated voltage over {} h: worst {worst:e} mV", m.time_s() / 3600.0);
    assert!(worst < 1e-6, "{worst}");
}

#[test]
fn total_charge_is_conserved() {
    // Σ z·c·W plus the fixed charge, minus the capacitor's charge, never changes: the
    // fixed charge q_X stays exactly what t = 0 set.
    let mut m = Membrane::new(&neuron()).unwrap();
    let q0 = m.fixed_charge_mm();
    m.set_pump_blocked(true).unwrap();
    m.advance(6.0 * 3600.0).unwrap();
    assert_eq!(m.fixed_charge_mm(), q0);
}

#[test]
fn a_pump_block_depolarises_at_once_then_runs_down_to_donnan_equilibrium() {
    let (s, mut m) = resting_neuron();
    let v0 = m.voltage_mv();
    let pump = m.pump_current_ua_per_cm2().unwrap();
    let g = slope_conductance(&s, m.inside_mm(), v0);
    m.set_pump_blocked(true).unwrap();
    // Immediate: within 50 ms (many membrane time constants), a few mV, as the pump's
    // own outward current I_p disappears: ΔV ≈ I_p / G_m.
    m.advance(0.05).unwrap();
    let jump = m.voltage_mv() - v0;
    assert!((2.0..=8.0).contains(&jump), "immediate depolarisation {jump} mV");
    assert!((jump - pump / g).abs() < 0.1 * pump / g, "jump {jump} vs I_p/G {}", pump / g);
    // Then slowly: the gradients run down over minutes to hours.
    let mut trace = vec![(0.05, m.voltage_mv())];
    for t in [60.0, 600.0, 3600.0, 6.0 * 3600.0, 24.0 * 3600.0] {
        m.advance_to(t).unwrap();
        trace.push((t, m.voltage_mv()));
    }
    for w in trace.windows(2) {
        assert!(w[1].1 > w[0].1, "V should keep rising: {trace:?}");
    }
    assert!(trace[1].1 - trace[0].1 < 1.0, "the first minute moves little: {trace:?}");
    assert!(trace[3].1 - trace[0].1 > 5.0, "an hour moves a lot: {trace:?}");
    // The end: Donnan equilibrium, every permeant ion at its Nernst potential.
    run_to_steady(&mut m);
    let v = m.voltage_mv();
    for (i, ion) in s.ions.iter().enumerate() {
        if ion.permeability_cm_per_s > 0.0 {
            let e = nernst_mv(ion.charge, m.inside_mm()[i], ion.outside_mm, 37.0).unwrap();
            assert!((e - v).abs() < 1e-3, "{}: E {e} vs V {v}", ion.name);
        }
    }
    assert!(v > -30.0 && v < 0.0, "Donnan potential {v}");
    // Half of the run-down took between ten minutes and ten hours.
    let half = v0 + jump + 0.5 * (v - v0 - jump);
    let mut probe = Membrane::new(&s).unwrap();
    probe.set_pump_blocked(true).unwrap();
    let mut t_half = 0.0;
    while probe.voltage_mv() < half {
        probe.advance(60.0).unwrap();
        t_half = probe.time_s();
    }
    assert!((600.0..=36_000.0).contains(&t_half), "half run-down at {t_half} s");
    eprintln!("pump block: +{jump:.2} mV at once, half run-down at {:.0} min, Donnan at {v:.2} mV", t_half / 60.0);
}

#[test]
fn charging_from_zero_matches_c_over_g() {
    let (s, mut m) = uncharged_neuron();
    // Where it settles (the concentrations barely move while charging).
    let mut settled = m.clone();
    settled.advance(1.0).unwrap();
    let v_inf = settled.voltage_mv();
    let g = slope_conductance(&s, settled.inside_mm(), v_inf);
    let tau_expected_s = s.cell.capacitance_uf_per_cm2 / g * 1e-3;
    // Follow the charging curve from 0 mV in 1 µs steps.
    let mut t = 0.0;
    let mut t63 = None;
    let mut tail = Vec::new();
    while (m.voltage_mv() - v_inf).abs() > 1e-3 {
        m.advance(1e-6).unwrap();
        t += 1e-6;
        let gap = (m.voltage_mv() - v_inf).abs();
        if t63.is_none() && gap < v_inf.abs() * (-1.0_f64).exp() {
            t63 = Some(t);
        }
        if gap < 1.0 {
            tail.push((t, gap.ln()));
        }
    }
    // The time constant of the exponential approach: least squares on ln|V − V∞|.
    let n = tail.len() as f64;
    let (mt, my) = (tail.iter().map(|p| p.0).sum::<f64>() / n, tail.iter().map(|p| p.1).sum::<f64>() / n);
    let slope = tail.iter().map(|p| (p.0 - mt) * (p.1 - my)).sum::<f64>()
        / tail.iter().map(|p| (p.0 - mt).powi(2)).sum::<f64>();
    let tau = -1.0 / slope;
    let t63 = t63.unwrap();
    eprintln!(
        "charging from 0 mV: τ {:.4} ms, C/G_m {:.4} ms; 63 % reached at {:.4} ms",
        tau * 1e3,
        tau_expected_s * 1e3,
        t63 * 1e3
    );
    assert!((tau / tau_expected_s - 1.0).abs() < 0.05, "τ {tau} s vs C/G {tau_expected_s} s");
    assert!((1e-3..=10e-3).contains(&tau), "a few ms: {tau}");
    // The GHK K⁺ conductance is larger at depolarised voltages (outward rectification),
    // so the first, large part of the swing from 0 mV is faster than the tail.
    assert!(t63 < tau && t63 > 0.5 * tau, "63 % at {t63} s, τ {tau} s");
}

#[test]
fn raising_outside_potassium_from_5_to_10_mm_depolarises() {
    let (s, mut m) = resting_neuron();
    let v0 = m.voltage_mv();
    m.set_outside_mm(index(&s, "K"), 10.0).unwrap();
    m.advance(1.0).unwrap();
    let v = m.voltage_mv();
    assert!(v > v0 + 5.0, "{v0} → {v}");
    // After a second it sits at the quasi-steady voltage where leaks and pump balance,
    // found here by bisection on the textbook currents.
    let inside = m.inside_mm().to_vec();
    let pump = m.pump_current_ua_per_cm2().unwrap();
    let total = |v: f64| -> f64 {
        pump + s
            .ions
            .iter()
            .zip(&inside)
            .map(|(ion, &ci)| {
                let co = if ion.name == "K" { 10.0 } else { ion.outside_mm };
                reference_current(ion.permeability_cm_per_s, f64::from(ion.charge), ci, co, v, 37.0)
            })
            .sum::<f64>()
    };
    let (mut lo, mut hi) = (-150.0, 99.0);
    for _ in 0..100 {
        let mid = 0.5 * (lo + hi);
        if total(mid) > 0.0 {
            hi = mid
        } else {
            lo = mid
        }
    }
    assert!((v - lo).abs() < 0.01, "V {v} vs quasi-steady {lo}");
}

/// The model's equations, written out independently, and integrated by classical RK4.
fn rk4_reference(s: &Scenario, pump_blocked: bool, duration_s: f64, h: f64) -> (f64, Vec<f64>) {
    let n = s.ions.len();
    let r_cm = s.cell.radius_um * 1e-4;
    let area_over_volume = 3.0 / r_cm;
    let c = s.cell.capacitance_uf_per_cm2;
    let p = s.pump.unwrap();
    let (ki, nai) = (index(s, "K"), index(s, "Na"));
    let rhs = |y: &[f64]| -> Vec<f64> {
        let v = y[0];
        let mut currents: Vec<f64> = (0..n)
            .map(|i| {
                let ion = &s.ions[i];
                reference_current(
                    ion.permeability_cm_per_s,
                    f64::from(ion.charge),
                    y[1 + i],
                    ion.outside_mm,
                    v,
                    s.temperature_c,
                )
            })
            .collect();
        if !pump_blocked {
            let na = y[1 + nai];
            let ko = s.ions[ki].outside_mm;
            let ip = p.max_current_ua_per_cm2 * (na / (na + p.na_half_mm)).powi(3) * (ko / (ko + p.k_half_mm)).powi(2);
            currents[nai] += 3.0 * ip;
            currents[ki] -= 2.0 * ip;
        }
        let mut f = vec![-1e3 * currents.iter().sum::<f64>() / c];
        f.extend((0..n).map(|i| -area_over_volume * currents[i] / (f64::from(s.ions[i].charge) * F)));
        f
    };
    let mut y: Vec<f64> = std::iter::once(s.initial_voltage_mv).chain(s.ions.iter().map(|i| i.inside_mm)).collect();
    let steps = (duration_s / h).round() as usize;
    for _ in 0..steps {
        let k1 = rhs(&y);
        let y2: Vec<f64> = y.iter().zip(&k1).map(|(a, k)| a + 0.5 * h * k).collect();
        let k2 = rhs(&y2);
        let y3: Vec<f64> = y.iter().zip(&k2).map(|(a, k)| a + 0.5 * h * k).collect();
        let k3 = rhs(&y3);
        let y4: Vec<f64> = y.iter().zip(&k3).map(|(a, k)| a + h * k).collect();
        let k4 = rhs(&y4);
        for i in 0..y.len() {
            y[i] += h / 6.0 * (k1[i] + 2.0 * k2[i] + 2.0 * k3[i] + k4[i]);
        }
    }
    (y[0], y[1..].to_vec())
}

#[test]
fn agrees_with_an_independent_rk4_integration_over_an_hour_of_run_down() {
    let s = neuron();
    // 0.25 ms RK4 steps: a tenth of the membrane time constant.
    let (v_ref, c_ref) = rk4_reference(&s, true, 3600.0, 2.5e-4);
    let mut m = Membrane::new(&s).unwrap();
    m.set_pump_blocked(true).unwrap();
    m.advance(3600.0).unwrap();
    assert!((m.voltage_mv() - v_ref).abs() < 0.01, "V {} vs RK4 {v_ref}", m.voltage_mv());
    for (c, r) in m.inside_mm().iter().zip(&c_ref) {
        assert!((c - r).abs() <= 1e-5 * r.abs().max(1e-6), "{c} vs RK4 {r}");
    }
}

fn relative_difference(a: &[f64], b: &[f64]) -> f64 {
    a.iter().zip(b).map(|(x, y)| ((x - y) / y.abs().max(1e-12)).abs()).fold(0.0, f64::max)
}

/// The neuron at rest, and its scenario.
fn resting_neuron() -> (Scenario, Membrane) {
    let s = neuron();
    let m = Membrane::new(&s).unwrap();
    (s, m)
}

/// The neuron with an uncharged membrane (V = 0 at t = 0), and its scenario.
fn uncharged_neuron() -> (Scenario, Membrane) {
    let mut s = neuron();
    s.initial_voltage_mv = 0.0;
    let m = Membrane::new(&s).unwrap();
    (s, m)
}

/// The neuron the moment its pump is blocked.
fn blocked_neuron() -> Membrane {
    let mut m = Membrane::new(&neuron()).unwrap();
    m.set_pump_blocked(true).unwrap();
    m
}

/// |ΔV| (mV) and the largest relative difference of the inside concentrations, of
/// `m` against `reference`.
fn gap(m: &Membrane, reference: &Membrane) -> (f64, f64) {
    let dv = (m.voltage_mv() - reference.voltage_mv()).abs();
    (dv, relative_difference(m.inside_mm(), reference.inside_mm()))
}

#[test]
fn sixty_second_steps_agree_with_a_tight_tolerance_reference_over_six_hours() {
    let mut coarse = blocked_neuron();
    let mut reference = coarse.clone();
    reference.set_relative_tolerance(1e-11).unwrap();
    let (mut dv, mut dc) = (0.0_f64, 0.0_f64);
    for k in 1..=360 {
        coarse.advance(60.0).unwrap();
        // The reference is integrated straight through, sampled at the same instants.
        reference.advance_to(60.0 * f64::from(k)).unwrap();
        let (v, c) = gap(&coarse, &reference);
        (dv, dc) = (dv.max(v), dc.max(c));
    }
    eprintln!("6 h in 60 s steps vs rtol 1e-11 reference: max |ΔV| {dv:e} mV, max relative Δc {dc:e}");
    assert!(dv < 0.05 && dc < 1e-3, "ΔV {dv} mV, Δc {dc}");
}

#[test]
fn tenth_of_a_millisecond_steps_agree_with_sixty_second_steps() {
    // The first minute after the block, where the fast and slow dynamics overlap, in
    // 600,000 steps of 0.1 ms versus one step of 60 s.
    let mut fine = blocked_neuron();
    let mut coarse = fine.clone();
    for _ in 0..600_000 {
        fine.advance(1e-4).unwrap();
    }
    coarse.advance(60.0).unwrap();
    let (dv, dc) = gap(&coarse, &fine);
    eprintln!("first minute, 0.1 ms vs 60 s steps: |ΔV| {dv:e} mV, relative Δc {dc:e}");
    assert!(dv < 0.05 && dc < 1e-3);
}

/// The full 6 h comparison at 0.1 ms steps (2.16e8 calls). About four minutes in a
/// release build, so it is not part of the default run:
/// `cargo test --release --test dynamics -- --ignored`.
#[test]
#[ignore]
fn tenth_of_a_millisecond_steps_agree_with_sixty_second_steps_over_six_hours() {
    let mut fine = blocked_neuron();
    let mut coarse = fine.clone();
    let (mut dv, mut dc) = (0.0_f64, 0.0_f64);
    for _ in 0..360 {
        for _ in 0..600_000 {
            fine.advance(1e-4).unwrap();
        }
        coarse.advance(60.0).unwrap();
        let (v, c) = gap(&coarse, &fine);
        (dv, dc) = (dv.max(v), dc.max(c));
    }
    eprintln!("6 h, 0.1 ms vs 60 s steps: max |ΔV| {dv:e} mV, max relative Δc {dc:e}");
    assert!(dv < 0.05 && dc < 1e-3);
}

#[test]
fn microsecond_steps_and_hour_steps_agree_with_single_steps() {
    let (_, mut a) = uncharged_neuron();
    let mut b = a.clone();
    for _ in 0..1000 {
        a.advance(1e-6).unwrap();
    }
    b.advance(1e-3).unwrap();
    assert!((a.voltage_mv() - b.voltage_mv()).abs() < 1e-4, "{} vs {}", a.voltage_mv(), b.voltage_mv());
    let (mut c, mut d) = (blocked_neuron(), blocked_neuron());
    c.advance(3600.0).unwrap();
    for _ in 0..60 {
        d.advance(60.0).unwrap();
    }
    assert!((c.voltage_mv() - d.voltage_mv()).abs() < 1e-3);
}

#[test]
fn samples_land_exactly_on_the_requested_times() {
    let mut m = Membrane::new(&neuron()).unwrap();
    for k in 1..=10 {
        let t = 0.1 * f64::from(k);
        m.advance_to(t).unwrap();
        assert_eq!(m.time_s(), t);
    }
    assert!(m.advance_to(0.5).is_err(), "time cannot go back");
}

#[test]
fn bad_steps_are_rejected_and_change_nothing() {
    let mut m = Membrane::new(&neuron()).unwrap();
    let before = m.clone();
    for dt in [0.0, -1.0, f64::NAN, f64::INFINITY, 1e9] {
        let e = m.advance(dt).unwrap_err();
        assert_eq!(e.field, "dt_s");
        assert_eq!(e.code, "error-model-range", "{e}");
        assert!(matches!(e.arg("range"), Some(vrest_core::error::Arg::Range(r)) if r.max == 86_400.0), "{e}");
    }
    assert_eq!(m, before);
    assert!(m.set_outside_mm(0, -1.0).is_err());
    assert!(m.set_outside_mm(9, 1.0).is_err());
    assert!(m.set_permeability_cm_per_s(0, f64::NAN).is_err());
    assert!(m.set_temperature_c(-300.0).is_err());
    assert!(m.set_pump_rate_fraction(1.5).is_err());
    assert_eq!(m, before);
}

#[test]
fn changing_an_inside_concentration_keeps_the_voltage_and_the_invariant() {
    let (s, mut m) = resting_neuron();
    let v = m.voltage_mv();
    m.set_inside_mm(index(&s, "Na"), 40.0).unwrap();
    assert_eq!(m.voltage_mv(), v);
    assert!((m.charge_difference_voltage_mv() - v).abs() < 1e-6);
    m.advance(10.0).unwrap();
    assert!((m.charge_difference_voltage_mv() - m.voltage_mv()).abs() < 1e-6);
    // The present state as a scenario continues identically.
    let mut again = Membrane::new(&m.current_scenario()).unwrap();
    m.advance(100.0).unwrap();
    again.advance(100.0).unwrap();
    assert!((m.voltage_mv() - again.voltage_mv()).abs() < 1e-6);
}

#[test]
fn a_voltage_clamp_holds_the_voltage_while_ions_move() {
    let mut s = neuron();
    s.clamp_mv = Some(-20.0);
    let mut m = Membrane::new(&s).unwrap();
    assert_eq!(m.voltage_mv(), -20.0);
    m.advance(600.0).unwrap();
    assert_eq!(m.voltage_mv(), -20.0);
    // Held at −20 mV, above E_K and E_Cl: K⁺ leaves and Cl⁻ enters (the cell loses KCl).
    // Na⁺ falls: its leak weakens at −20 mV while the pump keeps going.
    let (k, na, cl) = (index(&s, "K"), index(&s, "Na"), index(&s, "Cl"));
    assert!(m.inside_mm()[k] < 130.0 && m.inside_mm()[cl] > 10.0 && m.inside_mm()[na] < 15.0, "{:?}", m.inside_mm());
    // The clamp supplies the net ionic current.
    assert!(m.total_current_ua_per_cm2() > 0.0);
}

#[test]
fn pump_current_sets_the_pump_cycle_rate() {
    let s = neuron();
    let m = Membrane::new(&s).unwrap();
    let area = 4.0 * std::f64::consts::PI * (10e-4_f64).powi(2);
    let i = m.pump_current_ua_per_cm2().unwrap();
    let cycles = m.fluxes().pump_cycles_per_s;
    assert!((cycles - i * 1e-6 * area / E).abs() < 1e-9 * cycles);
    // At the steady state: K⁺ leak out = 2 per cycle, Na⁺ leak in = 3 per cycle.
    let f = m.fluxes();
    let k_net = f.ions[0].outward_per_s - f.ions[0].inward_per_s;
    let na_net = f.ions[1].inward_per_s - f.ions[1].outward_per_s;
    assert!((k_net / cycles - 2.0).abs() < 1e-9, "{}", k_net / cycles);
    assert!((na_net / cycles - 3.0).abs() < 1e-9, "{}", na_net / cycles);
}
