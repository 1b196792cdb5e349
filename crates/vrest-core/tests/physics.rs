//! Closed-form physics against published values and independently written formulas.
//!
//! The reference formulas in this file are coded from the textbook expressions with
//! plain `exp`/`ln` (no expm1 tricks), so they share no code with the crate.

#![cfg(not(target_arch = "wasm32"))] // native tier; the wasm tier is tests/web.rs
#![allow(clippy::unwrap_used, clippy::expect_used)] // a failed unwrap is a failed test

use vrest_core::physics::*;
use vrest_core::Ion;

const R: f64 = 8.314_462_618_153;
const F: f64 = 96_485.332_123_31;

fn rt_f(t_c: f64) -> f64 {
    1e3 * R * (t_c + 273.15) / F
}

fn ion(name: &str, charge: i32, inside_mm: f64, outside_mm: f64, p: f64) -> Ion {
    Ion { name: name.into(), charge, inside_mm, outside_mm, permeability_cm_per_s: p }
}

/// The seed table of doc/model.md, 37 °C, P_K : P_Na : P_Cl = 1 : 0.04 : 0.45.
fn seed_ions() -> Vec<Ion> {
    vec![ion("K", 1, 140.0, 5.0, 1e-6), ion("Na", 1, 15.0, 145.0, 4e-8), ion("Cl", -1, 10.0, 110.0, 4.5e-7)]
}

/// Textbook GHK current, I = P z² F² V/(RT) · (c_i − c_o e^(−zFV/RT))/(1 − e^(−zFV/RT)), µA/cm².
fn reference_current(p: f64, z: f64, ci: f64, co: f64, v_mv: f64, t_c: f64) -> f64 {
    let u = z * v_mv / rt_f(t_c);
    p * z * F * u * (ci - co * (-u).exp()) / (1.0 - (-u).exp())
}

fn close(a: f64, b: f64, tol: f64) -> bool {
    (a - b).abs() <= tol
}

#[test]
fn thermal_voltage_at_body_temperature() {
    // 26.727 mV, i.e. 61.54 mV per decade, at 37 °C.
    let v = rt_over_f_mv(37.0).unwrap();
    assert!(close(v, 26.727, 0.0005), "{v}");
    assert!(close(v * std::f64::consts::LN_10, 61.54, 0.005));
}

#[test]
fn seed_table_nernst_potentials() {
    // Published anchors: E_K ≈ −89.1, E_Na ≈ +60.6, E_Cl ≈ −64.1, E_Ca ≈ +125.5 mV.
    let cases = [(1, 140.0, 5.0, -89.1), (1, 15.0, 145.0, 60.6), (-1, 10.0, 110.0, -64.1), (2, 0.0001, 1.2, 125.5)];
    for (z, ci, co, published) in cases {
        let e = nernst_mv(z, ci, co, 37.0).unwrap();
        assert!(close(e, published, 0.05), "z={z}: {e} vs {published}");
    }
}

#[test]
fn nernst_at_other_valences_and_temperatures() {
    // Independent: E = (RT/zF)·ln(co/ci) written out.
    for &(z, t) in &[(3, 20.0), (-2, 0.0), (1, -20.0), (-4, 99.0), (2, 6.3)] {
        let e = nernst_mv(z, 2.0, 50.0, t).unwrap();
        let reference = 1e3 * R * (t + 273.15) / (f64::from(z) * F) * (50.0_f64 / 2.0).ln();
        assert!(close(e, reference, 1e-9), "z={z} t={t}: {e} vs {reference}");
    }
}

#[test]
fn nernst_rejects_what_is_undefined() {
    let e = nernst_mv(0, 1.0, 2.0, 37.0).unwrap_err();
    assert_eq!((e.field.as_str(), e.code), ("charge", "error-model-charge"), "{e}");
    let e = nernst_mv(1, 0.0, 2.0, 37.0).unwrap_err();
    assert_eq!(e.field, "inside_mm");
    assert_eq!(e.code, "error-model-nernst-zero", "{e}");
    assert!(nernst_mv(1, -1.0, 2.0, 37.0).is_err());
    assert!(nernst_mv(1, 1.0, f64::NAN, 37.0).is_err());
    assert!(nernst_mv(1, 1.0, f64::INFINITY, 37.0).is_err());
    let e = nernst_mv(1, 1.0, 2.0, -273.15).unwrap_err();
    assert_eq!((e.field.as_str(), e.code), ("temperature_c", "error-model-range"), "{e}");
    assert!(matches!(e.arg("range"), Some(vrest_core::error::Arg::Range(r)) if r.min == -273.15 && !r.min_inclusive));
}

#[test]
fn seed_table_ghk_voltage() {
    // Published anchor: ≈ −67.3 mV.
    let v = ghk_voltage_mv(&seed_ions(), 37.0).unwrap();
    assert!(close(v, -67.3, 0.05), "{v}");
    let reference = rt_f(37.0) * ((5.0 + 0.04 * 145.0 + 0.45 * 10.0) / (140.0 + 0.04 * 15.0 + 0.45 * 110.0_f64)).ln();
    assert!(close(v, reference, 1e-9));
}

/// Squid axon, Hodgkin & Katz (1949): K 400/20, Na 50/440, Cl 52/560 mM (axoplasm Na⁺
/// and Cl⁻ "some ten times" below sea water), room temperature.
fn squid(p_na_over_p_k: f64) -> Vec<Ion> {
    vec![
        ion("K", 1, 400.0, 20.0, 1e-6),
        ion("Na", 1, 50.0, 440.0, 1e-6 * p_na_over_p_k),
        ion("Cl", -1, 52.0, 560.0, 0.45e-6),
    ]
}

#[test]
fn hodgkin_katz_1949_rest_and_spike_peak() {
    // 1 : 0.04 : 0.45 at rest gives about −60 mV; 1 : 20 : 0.45 at the peak gives the
    // overshoot of about +40 mV that the sodium hypothesis explained.
    let rest = ghk_voltage_mv(&squid(0.04), 20.0).unwrap();
    let peak = ghk_voltage_mv(&squid(20.0), 20.0).unwrap();
    assert!((-65.0..=-55.0).contains(&rest), "rest {rest}");
    assert!((35.0..=50.0).contains(&peak), "peak {peak}");
    // The peak stays below E_Na: the permeability never becomes purely Na⁺.
    assert!(peak < nernst_mv(1, 50.0, 440.0, 20.0).unwrap());
}

/// Frog sartorius, Hodgkin & Horowicz (1959): K_i 140, Na_i 10, Na_o 120, P_Na/P_K = 0.01,
/// with Cl⁻ in equilibrium (so it drops out), about 20 °C.
fn frog_k_na(k_out: f64) -> Vec<Ion> {
    vec![ion("K", 1, 140.0, k_out, 1e-6), ion("Na", 1, 10.0, 120.0 - (k_out - 2.5), 1e-8)]
}

#[test]
fn hodgkin_horowicz_1959_frog_muscle() {
    // In Ringer (2.5 mM K⁺) the fibre sits near −90 mV, some mV positive to E_K; at high
    // K_o the potential follows E_K (58 mV per decade).
    let v = ghk_voltage_mv(&frog_k_na(2.5), 20.0).unwrap();
    let ek = nernst_mv(1, 140.0, 2.5, 20.0).unwrap();
    assert!((-95.0..=-88.0).contains(&v), "{v}");
    assert!(v - ek > 5.0, "V {v} should sit well positive to E_K {ek} at low K_o");
    let v_hi = ghk_voltage_mv(&frog_k_na(60.0), 20.0).unwrap();
    let ek_hi = nernst_mv(1, 140.0, 60.0, 20.0).unwrap();
    assert!((v_hi - ek_hi).abs() < 1.5, "{v_hi} vs {ek_hi}");
}

#[test]
fn general_solution_equals_closed_form_for_monovalent_ions() {
    let cases: Vec<(Vec<Ion>, f64)> = vec![
        (seed_ions(), 37.0),
        (squid(0.04), 6.3),
        (squid(20.0), 20.0),
        (frog_k_na(2.5), 20.0),
        // bi-ionic: K⁺ only inside, Na⁺ only outside
        (vec![ion("K", 1, 150.0, 0.0, 1e-6), ion("Na", 1, 0.0, 150.0, 3e-7)], 25.0),
    ];
    for (ions, t) in cases {
        let closed = ghk_voltage_closed_form_mv(&ions, t).unwrap();
        let general = ghk_voltage_zero_current_mv(&ions, t).unwrap();
        assert!(close(closed, general, 1e-9), "{closed} vs {general}");
    }
}

#[test]
fn bi_ionic_potential_is_finite_and_matches_the_formula() {
    let ions = vec![ion("K", 1, 150.0, 0.0, 1e-6), ion("Na", 1, 0.0, 150.0, 3e-7)];
    let v = ghk_voltage_mv(&ions, 25.0).unwrap();
    let reference = rt_f(25.0) * (0.3_f64).ln();
    assert!(close(v, reference, 1e-9), "{v} vs {reference}");
}

#[test]
fn ghk_with_calcium_reduces_to_the_closed_form_and_to_nernst() {
    let mut ions = seed_ions();
    ions.push(ion("Ca", 2, 0.0001, 1.2, 0.0));
    // P_Ca = 0: the general solver must equal the closed form on the other three.
    let with_zero_ca = ghk_voltage_zero_current_mv(&ions, 37.0).unwrap();
    assert!(close(with_zero_ca, ghk_voltage_closed_form_mv(&seed_ions(), 37.0).unwrap(), 1e-9));
    // Tiny P_Ca: continuous.
    ions[3].permeability_cm_per_s = 1e-15;
    assert!(close(ghk_voltage_mv(&ions, 37.0).unwrap(), with_zero_ca, 1e-6));
    // Only Ca²⁺ permeant: V = E_Ca.
    let only_ca = vec![ion("Ca", 2, 0.0001, 1.2, 1e-7), ion("K", 1, 140.0, 5.0, 0.0)];
    assert!(close(ghk_voltage_mv(&only_ca, 37.0).unwrap(), nernst_mv(2, 0.0001, 1.2, 37.0).unwrap(), 1e-9));
    // A trivalent and a divalent anion alone: each its own Nernst potential.
    for (z, ci, co) in [(3, 0.2, 2.0), (-2, 30.0, 3.0)] {
        let only = vec![ion("X", z, ci, co, 1e-7)];
        assert!(close(ghk_voltage_mv(&only, 20.0).unwrap(), nernst_mv(z, ci, co, 20.0).unwrap(), 1e-9));
    }
}

#[test]
fn ghk_with_calcium_is_the_zero_of_the_textbook_currents() {
    // Bisect the sum of independently coded currents and compare.
    let mut ions = seed_ions();
    ions.push(ion("Ca", 2, 0.0001, 1.2, 2e-7));
    ions.push(ion("Mg", 2, 0.5, 1.0, 5e-8));
    let total = |v: f64| -> f64 {
        ions.iter()
            .map(|i| {
                reference_current(i.permeability_cm_per_s, f64::from(i.charge), i.inside_mm, i.outside_mm, v, 37.0)
            })
            .sum()
    };
    // The textbook form is 0/0 at exactly 0 mV; an asymmetric bracket never lands there.
    let (mut lo, mut hi) = (-200.0, 150.0);
    for _ in 0..200 {
        let mid = 0.5 * (lo + hi);
        if total(mid) > 0.0 {
            hi = mid;
        } else {
            lo = mid;
        }
    }
    let v = ghk_voltage_mv(&ions, 37.0).unwrap();
    assert!(close(v, 0.5 * (lo + hi), 1e-8), "{v} vs {}", 0.5 * (lo + hi));
    // Ca²⁺ permeability depolarises.
    assert!(v > ghk_voltage_mv(&seed_ions(), 37.0).unwrap() + 1.0);
}

#[test]
fn ghk_current_matches_the_textbook_formula_and_its_limit() {
    let k = ion("K", 1, 140.0, 5.0, 1e-6);
    let ca = ion("Ca", 2, 0.0001, 1.2, 1e-7);
    let cl = ion("Cl", -1, 10.0, 110.0, 4.5e-7);
    for i in [&k, &ca, &cl] {
        for &v in &[-120.0, -70.0, -3.0, 0.5, 40.0] {
            let got = ghk_current_ua_per_cm2(i, v, 37.0).unwrap();
            let reference =
                reference_current(i.permeability_cm_per_s, f64::from(i.charge), i.inside_mm, i.outside_mm, v, 37.0);
            assert!(close(got, reference, 1e-9 * reference.abs().max(1e-6)), "{} at {v}: {got} vs {reference}", i.name);
        }
        // The exact limit at 0 mV: I = P·z·F·(c_i − c_o), and continuity through it.
        let at_zero = ghk_current_ua_per_cm2(i, 0.0, 37.0).unwrap();
        let limit = i.permeability_cm_per_s * f64::from(i.charge) * F * (i.inside_mm - i.outside_mm);
        assert!(close(at_zero, limit, 1e-12 * limit.abs()), "{at_zero} vs {limit}");
        let near = ghk_current_ua_per_cm2(i, 1e-9, 37.0).unwrap();
        assert!(close(near, at_zero, 1e-6 * limit.abs()));
        // Zero at its own Nernst potential.
        let e = nernst_mv(i.charge, i.inside_mm, i.outside_mm, 37.0).unwrap();
        let i_e = ghk_current_ua_per_cm2(i, e, 37.0).unwrap();
        assert!(i_e.abs() < 1e-12 * limit.abs().max(1.0), "{} at E: {i_e}", i.name);
    }
    // Sign convention: K⁺ leaves at rest (outward, positive); Na⁺ enters (negative).
    assert!(ghk_current_ua_per_cm2(&k, -70.0, 37.0).unwrap() > 0.0);
    assert!(ghk_current_ua_per_cm2(&ion("Na", 1, 15.0, 145.0, 4e-8), -70.0, 37.0).unwrap() < 0.0);
}

#[test]
fn mullins_noda_from_the_zero_flux_conditions() {
    let k = ion("K", 1, 140.0, 5.0, 1e-6);
    let na = ion("Na", 1, 15.0, 145.0, 4e-8);
    let v = mullins_noda_mv(&k, &na, 1.5, 37.0).unwrap();
    // At V_MN the passive fluxes are in the pump's 3:2 ratio: 1.5·I_K + I_Na = 0.
    let ik = reference_current(1e-6, 1.0, 140.0, 5.0, v, 37.0);
    let ina = reference_current(4e-8, 1.0, 15.0, 145.0, v, 37.0);
    assert!((1.5 * ik + ina).abs() < 1e-12, "{ik} {ina}");
    assert!(ik > 0.0 && ina < 0.0);
    // The electrogenic pump hyperpolarises relative to the K/Na GHK voltage, by a few mV.
    let ghk = ghk_voltage_mv(&[k.clone(), na.clone()], 37.0).unwrap();
    assert!((-8.0..=-2.0).contains(&(v - ghk)), "V_MN {v}, GHK {ghk}");
    // With r = 1 (an electroneutral pump) it reduces to GHK.
    assert!(close(mullins_noda_mv(&k, &na, 1.0, 37.0).unwrap(), ghk, 1e-9));
    assert!(mullins_noda_mv(&k, &na, 0.0, 37.0).is_err());
}

#[test]
fn the_thin_skin_of_charge() {
    // r = 10 µm at −70 mV: about 5.5 million ions, 1.6e-5 of the cell's K⁺.
    let c = charge_separation(-70.0, 10.0, 1.0, 4.0).unwrap();
    let area_cm2 = 4.0 * std::f64::consts::PI * (10e-4_f64).powi(2);
    let volume_l = 4.0 / 3.0 * std::f64::consts::PI * (10e-4_f64).powi(3) * 1e-3;
    assert!(close(c.capacitance_pf, area_cm2 * 1e-6 * 1e12, 1e-9));
    assert!(close(c.charge_c, -c.capacitance_pf * 1e-12 * 0.070, 1e-24));
    assert!((5.4e6..=5.6e6).contains(&c.ions_moved), "{}", c.ions_moved);
    let k_ions = 140e-3 * volume_l * 6.022_140_76e23;
    let fraction = c.ions_moved / k_ions;
    assert!((1.5e-5..=1.7e-5).contains(&fraction), "{fraction}");
    assert!(c.excess_mm < 0.0 && close(c.excess_mm, -c.ions_moved / 6.022_140_76e23 / volume_l * 1e3, 1e-12));
    assert!(close(c.field_v_per_m, 0.070 / 4e-9, 1.0));
    assert!(charge_separation(-70.0, 0.0, 1.0, 4.0).is_err());
    assert!(charge_separation(f64::NAN, 10.0, 1.0, 4.0).is_err());
}

#[test]
fn ghk_rejects_undefined_voltages() {
    // All permeabilities zero.
    let mut ions = seed_ions();
    for i in &mut ions {
        i.permeability_cm_per_s = 0.0;
    }
    let e = ghk_voltage_mv(&ions, 37.0).unwrap_err();
    assert_eq!(e.code, "error-model-sealed", "{e}");
    // A single permeant ion with nothing outside: the voltage would be −∞.
    let e = ghk_voltage_mv(&[ion("K", 1, 140.0, 0.0, 1e-6)], 37.0).unwrap_err();
    assert_eq!(e.code, "error-model-infinite-voltage", "{e}");
    let e = ghk_voltage_zero_current_mv(&[ion("Ca", 2, 0.0, 1.2, 1e-6)], 37.0).unwrap_err();
    assert_eq!(e.code, "error-model-infinite-voltage", "{e}");
    // Negative permeability is rejected by name.
    let e = ghk_voltage_mv(&[ion("K", 1, 140.0, 5.0, -1e-6)], 37.0).unwrap_err();
    assert_eq!(e.field, "ions[0].permeability_cm_per_s");
}
