//! The plant cell: an electrogenic H⁺-ATPase holds V far beyond E_K; blocking it
//! (cyanide, anoxia) drops V to the passive GHK value near E_K; the K⁺/H⁺ exchanger
//! stops where E_K = E_H; a buffered cytosol keeps the charge bookkeeping exact.

#![cfg(not(target_arch = "wasm32"))] // native tier; the wasm tier is tests/web.rs
#![allow(clippy::unwrap_used, clippy::expect_used)] // a failed unwrap is a failed test

use vrest_core::physics::nernst_mv;
use vrest_core::{presets, Membrane, Scenario};

fn plant() -> Scenario {
    presets::build("plant-cell").unwrap()
}

fn e(s: &Scenario, m: &Membrane, name: &str) -> f64 {
    let i = s.ion_index(name).unwrap();
    nernst_mv(1, m.inside_mm()[i], s.ions[i].outside_mm, s.temperature_c).unwrap()
}

/// The GHK voltage of K⁺ and H⁺ alone (both monovalent cations), written out.
fn ghk_k_h(s: &Scenario, m: &Membrane) -> f64 {
    let (k, h) = (s.ion_index("K").unwrap(), s.ion_index("H").unwrap());
    let rt_f = 8.314_462_618 * (s.temperature_c + 273.15) / 96_485.332_12 * 1e3;
    let p = |i: usize| s.ions[i].permeability_cm_per_s;
    let out = p(k) * s.ions[k].outside_mm + p(h) * s.ions[h].outside_mm;
    let inside = p(k) * m.inside_mm()[k] + p(h) * m.inside_mm()[h];
    rt_f * (out / inside).ln()
}

#[test]
fn the_h_pump_holds_the_plant_cell_far_beyond_e_k_with_nothing_drifting() {
    let s = plant();
    let info = presets::find("plant-cell").unwrap();
    let (lo, hi) = info.measured_range_mv.unwrap();
    let mut m = Membrane::new(&s).unwrap();
    let e_k = e(&s, &m, "K");
    assert!((lo..=hi).contains(&s.initial_voltage_mv), "{}", s.initial_voltage_mv);
    assert!(s.initial_voltage_mv < e_k - 40.0, "V {} vs E_K {e_k}", s.initial_voltage_mv);
    // No Na⁺/K⁺ pump: the H⁺ pump alone carries the outward current.
    assert!(s.pump.is_none());
    let pump = m.proton_pump_current_ua_per_cm2().unwrap();
    assert!((pump - 2.0).abs() < 1e-6, "{pump}");
    m.advance(3600.0).unwrap();
    assert!((m.voltage_mv() - s.initial_voltage_mv).abs() < 1e-3, "{}", m.voltage_mv());
    // The report finds the same rest from the leaks and the pump alone.
    let report = vrest_core::Report::new(&s).unwrap();
    assert!((report.pump_steady_mv.unwrap() - s.initial_voltage_mv).abs() < 1e-6, "{:?}", report.pump_steady_mv);
}

#[test]
fn cyanide_drops_the_voltage_to_the_passive_value_near_e_k() {
    let s = plant();
    let mut m = Membrane::new(&s).unwrap();
    let e_k = e(&s, &m, "K");
    m.set_proton_pump_blocked(true).unwrap();
    m.advance(1.0).unwrap();
    let v = m.voltage_mv();
    // Tens of mV toward E_K at once, to the GHK voltage of the leaks (independent formula).
    assert!(v - s.initial_voltage_mv > 40.0, "{} → {v}", s.initial_voltage_mv);
    assert!((v - e_k).abs() < 15.0, "V {v} vs E_K {e_k}");
    assert!((v - ghk_k_h(&s, &m)).abs() < 0.5, "V {v} vs GHK {}", ghk_k_h(&s, &m));
    // Unblocked, it recovers.
    m.set_proton_pump_blocked(false).unwrap();
    m.advance(1.0).unwrap();
    assert!((m.voltage_mv() - s.initial_voltage_mv).abs() < 5.0, "{}", m.voltage_mv());
}

#[test]
fn the_buffer_slows_the_acidification_and_the_charge_stays_counted() {
    let s = plant();
    let h = s.ion_index("H").unwrap();
    let ph = |m: &Membrane| -(m.inside_mm()[h] * 1e-3).log10();
    let mut buffered = Membrane::new(&s).unwrap();
    buffered.set_proton_pump_blocked(true).unwrap();
    let mut bare = Membrane::new(&Scenario { ph_buffer_mm_per_ph: None, ..s.clone() }).unwrap();
    bare.set_proton_pump_blocked(true).unwrap();
    buffered.advance(60.0).unwrap();
    bare.advance(60.0).unwrap();
    let start = -(s.ions[h].inside_mm * 1e-3).log10();
    // H⁺ now enters at about the pump's former 2 µA/cm²: (A/V)/F·2 µA/cm² = 0.021 mM/s,
    // 1.2 mM in a minute. Unbuffered that is 25 000 times the free H⁺ (pH drops by more
    // than a unit); with 20 mM per pH unit it is 0.06 pH unit.
    assert!(start - ph(&bare) > 1.0, "bare: pH {start} → {}", ph(&bare));
    let drop = start - ph(&buffered);
    assert!((0.03..0.09).contains(&drop), "buffered: pH {start} → {}", ph(&buffered));
    // The voltage the integrator carries equals the one the counted charge gives, bound
    // H⁺ included.
    for m in [&buffered, &bare] {
        let (v, q) = (m.voltage_mv(), m.charge_difference_voltage_mv());
        assert!((v - q).abs() < 1e-6, "integrated {v} vs counted {q}");
    }
}

#[test]
fn the_k_h_exchanger_stops_where_e_k_equals_e_h() {
    // Only the exchanger moves K⁺ and H⁺ (their leaks and the pump are off; a Cl⁻ leak
    // keeps the passive voltage defined): it runs until K_i·H_o = K_o·H_i.
    let mut s = plant();
    s.proton_pump = None;
    s.ph_buffer_mm_per_ph = None;
    for ion in &mut s.ions {
        ion.permeability_cm_per_s = if ion.name == "Cl" { 1e-7 } else { 0.0 };
    }
    let mut m = Membrane::new(&s).unwrap();
    m.advance(86_400.0).unwrap();
    let (e_k, e_h) = (e(&s, &m, "K"), e(&s, &m, "H"));
    assert!((e_k - e_h).abs() < 0.01, "E_K {e_k} vs E_H {e_h}");
}
