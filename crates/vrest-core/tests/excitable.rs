//! The excitable membrane and the transporters, against published behaviour and
//! independent formulas: rest, one spike and none at a tenth of the stimulus, the
//! spike's Na⁺ entry, depolarization block in high K⁺, firing then silence as the
//! gradients run down, KCC2 and NCX equilibria, the pump's thermodynamic limit, Q10.

#![cfg(not(target_arch = "wasm32"))] // native tier; the wasm tier is tests/web.rs
#![allow(clippy::unwrap_used, clippy::expect_used)] // a failed unwrap is a failed test

use vrest_core::constants::{AVOGADRO_PER_MOL, ELEMENTARY_CHARGE_C};
use vrest_core::physics::{nernst_mv, rt_over_f_mv, Sphere};
use vrest_core::{presets, Kcc2, Membrane, Scenario, Stimulus};

fn excitable() -> Scenario {
    presets::build("excitable-neuron").unwrap()
}

/// The scenario with one pulse of `amplitude` µA/cm² for 1 ms at t = 10 ms.
fn with_pulse(mut s: Scenario, amplitude: f64) -> Scenario {
    s.stimuli = vec![Stimulus { start_s: 0.01, duration_s: 1e-3, amplitude_ua_per_cm2: amplitude }];
    s
}

/// V every 0.05 ms for `t_s` of model time.
fn trace(s: &Scenario, t_s: f64) -> Vec<f64> {
    let mut m = Membrane::new(s).unwrap();
    (0..(t_s / 5e-5) as usize)
        .map(|_| {
            m.advance(5e-5).unwrap();
            m.voltage_mv()
        })
        .collect()
}

/// Spikes in a trace: upward crossings of `level` mV after the trace was below −50 mV.
fn spikes(v: &[f64], level: f64) -> usize {
    let mut armed = false;
    let mut n = 0;
    for &x in v {
        if x < -50.0 {
            armed = true;
        } else if armed && x > level {
            n += 1;
            armed = false;
        }
    }
    n
}

/// The pulse that fires the cell at rest (µA/cm², for 1 ms).
const FIRING_PULSE: f64 = 40.0;

#[test]
fn the_excitable_neuron_rests_between_minus_75_and_minus_62_and_stays_there() {
    let s = excitable();
    assert!((-75.0..=-62.0).contains(&s.initial_voltage_mv), "{}", s.initial_voltage_mv);
    let mut m = Membrane::new(&s).unwrap();
    m.advance(3600.0).unwrap();
    assert!((m.voltage_mv() - s.initial_voltage_mv).abs() < 1e-3, "{} vs {}", m.voltage_mv(), s.initial_voltage_mv);
    // No spike in a second of rest.
    assert_eq!(spikes(&trace(&s, 1.0), -20.0), 0);
}

#[test]
fn a_suprathreshold_pulse_gives_one_spike_that_overshoots_and_a_tenth_of_it_none() {
    let s = excitable();
    let v = trace(&with_pulse(s.clone(), FIRING_PULSE), 0.1);
    let peak = v.iter().copied().fold(f64::MIN, f64::max);
    assert!(peak > 0.0, "the spike overshoots 0 mV: peak {peak}");
    assert_eq!(spikes(&v, 0.0), 1);
    // It repolarises and returns to rest within 100 ms.
    let end = *v.last().unwrap();
    assert!((end - s.initial_voltage_mv).abs() < 2.0, "back to rest: {end} vs {}", s.initial_voltage_mv);
    assert!(v.iter().copied().fold(f64::MAX, f64::min) < s.initial_voltage_mv, "an afterhyperpolarisation");
    // A tenth of the pulse moves V a few mV and no more.
    let v = trace(&with_pulse(s.clone(), FIRING_PULSE / 10.0), 0.1);
    let peak = v.iter().copied().fold(f64::MIN, f64::max);
    assert!(peak < s.initial_voltage_mv + 10.0, "subthreshold: peak {peak}");
    assert_eq!(spikes(&v, -20.0), 0);
}

#[test]
fn one_spike_brings_in_a_few_times_the_minimal_charge_and_barely_dents_the_gradient() {
    let s = excitable();
    let na = s.ion_index("Na").unwrap();
    let mut rest = Membrane::new(&s).unwrap();
    let mut fired = Membrane::new(&with_pulse(s.clone(), FIRING_PULSE)).unwrap();
    rest.advance(0.03).unwrap();
    fired.advance(0.03).unwrap();
    let sphere = Sphere { radius_um: s.cell.radius_um };
    let per_mm = 1e-3 * sphere.volume_l() * AVOGADRO_PER_MOL;
    let entered = (fired.inside_mm()[na] - rest.inside_mm()[na]) * per_mm;
    // The stimulus carried no Na⁺; the spike's own entry, against an independent figure:
    // the least charge that swings a capacitor by ~100 mV, Q = C·A·ΔV / e.
    let least = 1e-6 * sphere.area_cm2() * 0.1 / ELEMENTARY_CHARGE_C;
    let share = entered / (s.ions[na].inside_mm * per_mm);
    eprintln!("one spike: {entered:.3e} Na⁺ in ({:.2}× C·ΔV/e), {share:.2e} of the cell's Na⁺", entered / least);
    assert!((1.0..=5.0).contains(&(entered / least)), "{entered:.3e} vs {least:.3e}");
    assert!(share < 1e-3, "{share}");
}

#[test]
fn high_potassium_depolarises_then_blocks_firing() {
    let s = excitable();
    let k = s.ion_index("K").unwrap();
    let at = |k_out: f64| {
        let mut b = s.clone();
        b.ions[k].outside_mm = k_out;
        // Settle 2 s at fixed bath, then try the pulse that fires the resting cell.
        let mut m = Membrane::new(&b).unwrap();
        m.advance(2.0).unwrap();
        let settled = m.current_scenario();
        let v = trace(&with_pulse(settled.clone(), FIRING_PULSE), 0.05);
        (settled.initial_voltage_mv, v.iter().copied().fold(f64::MIN, f64::max))
    };
    let (v5, peak5) = at(5.0);
    let (v10, _) = at(10.0);
    let (v30, peak30) = at(30.0);
    assert!(peak5 > 0.0, "fires at 5 mM: {peak5}");
    assert!(v10 > v5 + 5.0, "depolarises: {v5} → {v10}");
    assert!((-45.0..=-25.0).contains(&v30), "sits depolarised at 30 mM: {v30}");
    assert!(peak30 < v30 + 10.0 && peak30 < -20.0, "no action potential at 30 mM: peak {peak30} from {v30}");
}

#[test]
fn with_the_pump_blocked_the_cell_fires_then_falls_silent_as_the_gradients_run_down() {
    let mut s = excitable();
    s.pump.as_mut().unwrap().blocked = true;
    let mut m = Membrane::new(&s).unwrap();
    // Every 30 s of model time for 40 minutes, look at 1 s of V for swings above 20 mV.
    let mut swings = Vec::new();
    for _ in 0..80 {
        m.advance(29.0).unwrap();
        let (mut lo, mut hi) = (f64::MAX, f64::MIN);
        for _ in 0..1000 {
            m.advance(1e-3).unwrap();
            lo = lo.min(m.voltage_mv());
            hi = hi.max(m.voltage_mv());
        }
        swings.push(hi - lo);
    }
    let first = swings.iter().position(|&w| w > 20.0).expect("the cell fires on the way");
    let last = swings.iter().rposition(|&w| w > 20.0).unwrap();
    assert!(first > 2, "quiet at first, while the gradients run down: {swings:?}");
    assert!(last < swings.len() - 10, "then silent: {swings:?}");
    assert!(swings[last + 1..].iter().all(|&w| w < 1.0), "{swings:?}");
    // ... on its way to the Donnan state.
    m.advance(7200.0).unwrap();
    assert!((-20.0..=-5.0).contains(&m.voltage_mv()), "{}", m.voltage_mv());
}

#[test]
fn kcc2_pushes_e_cl_below_rest_and_without_a_cl_leak_to_e_k() {
    let s = excitable();
    let (k, cl) = (s.ion_index("K").unwrap(), s.ion_index("Cl").unwrap());
    let e = |s: &Scenario, i: usize| {
        let ion = &s.ions[i];
        nernst_mv(ion.charge, ion.inside_mm, ion.outside_mm, s.temperature_c).unwrap()
    };
    assert!(e(&s, cl) < s.initial_voltage_mv - 5.0, "E_Cl {} below V {}", e(&s, cl), s.initial_voltage_mv);
    // Independent: with no Cl⁻ leak, KCC2 stops where K_i·Cl_i = K_o·Cl_o, i.e. E_Cl = E_K.
    let mut tight = s.clone();
    tight.ions[cl].permeability_cm_per_s = 0.0;
    let mut m = Membrane::new(&tight).unwrap();
    m.advance(86_400.0).unwrap();
    let now = m.current_scenario();
    assert!((e(&now, cl) - e(&now, k)).abs() < 0.01, "E_Cl {} vs E_K {}", e(&now, cl), e(&now, k));
    // Without KCC2, Cl⁻ is passive again: E_Cl = V.
    let mut passive = s.clone();
    passive.kcc2 = None;
    let mut m = Membrane::new(&passive).unwrap();
    m.advance(86_400.0).unwrap();
    let now = m.current_scenario();
    assert!((e(&now, cl) - m.voltage_mv()).abs() < 0.01, "E_Cl {} vs V {}", e(&now, cl), m.voltage_mv());
    // A KCC2 key with nothing to move is refused by name.
    let mut no_cl = presets::neuron();
    no_cl.ions.retain(|i| i.name != "Cl");
    no_cl.kcc2 = Some(Kcc2 { rate_mm_per_s: 0.3 });
    let e = no_cl.validate().unwrap_err();
    assert_eq!((e.field.as_str(), e.code), ("kcc2", "error-model-needs-ion"), "{e}");
    assert_eq!(e.arg("name"), Some(&vrest_core::error::Arg::Text("Cl".into())));
}

#[test]
fn the_exchanger_holds_ca_near_100_nm_and_at_its_own_equilibrium_without_a_leak() {
    let s = excitable();
    let (na, ca) = (s.ion_index("Na").unwrap(), s.ion_index("Ca").unwrap());
    let ca_in = s.ions[ca].inside_mm;
    assert!((2e-5..=3e-4).contains(&ca_in), "Ca_i {} nM", ca_in * 1e6);
    let e_ca = nernst_mv(2, ca_in, s.ions[ca].outside_mm, s.temperature_c).unwrap();
    assert!((120.0..=130.0).contains(&e_ca), "E_Ca {e_ca}");
    // Independent: with no Ca²⁺ leak the exchanger stops at
    // Ca_i = Ca_o·(Na_i/Na_o)³·e^(FV/RT).
    let mut sealed = s.clone();
    sealed.ions[ca].permeability_cm_per_s = 0.0;
    let mut m = Membrane::new(&sealed).unwrap();
    m.advance(86_400.0).unwrap();
    let rt_f = rt_over_f_mv(s.temperature_c).unwrap();
    let now = m.current_scenario();
    let (na_i, na_o, ca_o) = (now.ions[na].inside_mm, now.ions[na].outside_mm, now.ions[ca].outside_mm);
    let expected = ca_o * (na_i / na_o).powi(3) * (m.voltage_mv() / rt_f).exp();
    let got = now.ions[ca].inside_mm;
    assert!((got / expected - 1.0).abs() < 1e-3, "Ca_i {got} vs {expected}");
}

#[test]
fn no_pump_can_push_v_past_its_own_reversal() {
    // As a learner might: every permeability at its least, the pump running.
    let mut s = presets::neuron();
    for ion in &mut s.ions {
        ion.permeability_cm_per_s = if ion.name == "K" { 1e-12 } else { 0.0 };
    }
    let mut m = Membrane::new(&s).unwrap();
    m.advance(3600.0).unwrap();
    let ions = m.present_ions();
    let rt_f = rt_over_f_mv(37.0).unwrap();
    let e = |i: usize| rt_f * (ions[i].outside_mm / ions[i].inside_mm).ln();
    // Independent: E_pump = 3·E_Na − 2·E_K + ΔG_ATP/F.
    let e_pump = 3.0 * e(1) - 2.0 * e(0) + (-55e3 / 96_485.332_123) * 1e3;
    let v = m.voltage_mv();
    assert!(v > e_pump - 1.0, "V {v} below the pump's reversal {e_pump}");
    assert!((-260.0..=-150.0).contains(&v), "V {v}");
    // The plain Kager–Wadman–Somjen pump has no such limit (the old behaviour).
    s.pump.as_mut().unwrap().atp_free_energy_kj_per_mol = None;
    let mut m = Membrane::new(&s).unwrap();
    m.advance(3600.0).unwrap();
    assert!(m.voltage_mv() < -1000.0, "{}", m.voltage_mv());
}

#[test]
fn cold_slows_the_pump_more_than_the_leaks_and_q10_null_leaves_only_rt_over_f() {
    let neuron = presets::neuron();
    let cold = presets::build("cold").unwrap();
    assert_eq!(cold.temperature_c, 27.0);
    assert_eq!((cold.ions[0].permeability_cm_per_s, cold.pump.unwrap().rate_fraction), (1e-6, 1.0), "only T changed");
    assert!(cold.initial_voltage_mv > neuron.initial_voltage_mv + 2.0, "{}", cold.initial_voltage_mv);
    // The Q10 factors, written out: at 27 °C the pump runs at 3^(−1) and leaks at 1.3^(−1).
    let mut at27 = neuron.clone();
    at27.temperature_c = 27.0;
    let (warm, chilled) = (Membrane::new(&neuron).unwrap(), Membrane::new(&at27).unwrap());
    let ratio = chilled.pump_current_ua_per_cm2().unwrap() / warm.pump_current_ua_per_cm2().unwrap();
    assert!((ratio - 1.0 / 3.0).abs() < 0.01, "pump {ratio}");
    let leak = chilled.permeabilities_cm_per_s()[0] / warm.permeabilities_cm_per_s()[0];
    assert!((leak - 1.0 / 1.3).abs() < 1e-12, "leak {leak}");
    // With q10 null only RT/F changes.
    at27.q10 = None;
    let plain = Membrane::new(&at27).unwrap();
    assert_eq!(plain.permeabilities_cm_per_s()[0], 1e-6);
}

#[test]
fn stimuli_are_charge_an_electrode_injects_and_the_books_still_balance() {
    let s = with_pulse(excitable(), FIRING_PULSE);
    let mut m = Membrane::new(&s).unwrap();
    for dt in [0.005, 0.0055, 0.0001, 0.02, 1.0] {
        m.advance(dt).unwrap();
        let gap = (m.voltage_mv() - m.charge_difference_voltage_mv()).abs();
        assert!(gap < 1e-6, "t {}: V and the charge-difference V differ by {gap} mV", m.time_s());
    }
    // The charge injected is amplitude × duration (independent: 40 µA/cm² × 1 ms).
    let sphere = Sphere { radius_um: s.cell.radius_um };
    let coulombs = 40e-6 * 1e-3 * sphere.area_cm2();
    let mm = coulombs / 96_485.332_123_31 / sphere.volume_l() * 1e3;
    assert!((m.injected_charge_mm() / mm - 1.0).abs() < 1e-9, "{} vs {mm}", m.injected_charge_mm());
    assert_eq!(m.stimulus_edges_s(1.0), vec![0.01, 0.011]);
    // Landing exactly on an edge, as `vrest simulate` does, then going on: the pulse
    // still acts. Independent: 40 µA/cm² for 1 ms on 1 µF/cm² is 40 mV before the
    // channels answer, so V rises well above threshold.
    let mut m = Membrane::new(&s).unwrap();
    m.advance_to(0.01).unwrap();
    let v0 = m.voltage_mv();
    m.advance_to(0.011).unwrap();
    assert!(m.voltage_mv() > v0 + 25.0, "{v0} → {}", m.voltage_mv());
}

#[test]
fn a_spike_at_the_default_tolerance_matches_a_tight_reference() {
    let s = with_pulse(excitable(), FIRING_PULSE);
    let run = |rtol: Option<f64>| {
        let mut m = Membrane::new(&s).unwrap();
        if let Some(r) = rtol {
            m.set_relative_tolerance(r).unwrap();
        }
        (0..600)
            .map(|_| {
                m.advance(5e-5).unwrap();
                m.voltage_mv()
            })
            .collect::<Vec<f64>>()
    };
    let (fast, tight) = (run(None), run(Some(1e-10)));
    let worst = fast.iter().zip(&tight).map(|(a, b)| (a - b).abs()).fold(0.0, f64::max);
    eprintln!("a spike at the default tolerance vs 1e-10: worst |ΔV| {worst:.2e} mV");
    assert!(worst < 0.1, "{worst} mV");
    assert!(tight.iter().copied().fold(f64::MIN, f64::max) > 0.0);
}

#[test]
fn the_settled_voltage_against_k_out_follows_ghk_without_a_pump_and_the_rest_with_one() {
    let k_outs: Vec<f64> = (0..100).map(|i| 10f64.powf(2.0 * f64::from(i) / 99.0)).collect();
    // Without a pump and gates it is the GHK voltage (the closed form, independent).
    let mut passive = presets::neuron();
    passive.pump = None;
    let m = Membrane::new(&passive).unwrap();
    let settled = m.settled_voltages_at_k_out_mv(&k_outs);
    for (k_out, v) in k_outs.iter().zip(&settled) {
        let mut ions = passive.ions.clone();
        ions[0].outside_mm = *k_out;
        let ghk = vrest_core::physics::ghk_voltage_mv(&ions, 37.0).unwrap();
        assert!((v.unwrap() - ghk).abs() < 0.02, "K_o {k_out}: {v:?} vs GHK {ghk}");
    }
    // With the pump, at the preset's own K⁺ it is the resting voltage.
    let neuron = presets::neuron();
    let at_rest = Membrane::new(&neuron).unwrap().settled_voltages_at_k_out_mv(&[5.0])[0].unwrap();
    assert!((at_rest - neuron.initial_voltage_mv).abs() < 0.02, "{at_rest} vs {}", neuron.initial_voltage_mv);
    // The excitable neuron settles in depolarization block at 30 mM, as it does when run.
    let s = excitable();
    let block = Membrane::new(&s).unwrap().settled_voltages_at_k_out_mv(&[5.0, 30.0]);
    assert!((block[0].unwrap() - s.initial_voltage_mv).abs() < 0.05, "{block:?}");
    assert!((-45.0..=-25.0).contains(&block[1].unwrap()), "{block:?}");
}

#[test]
fn at_rest_the_transporters_carry_exactly_what_the_leaks_bring_back() {
    // The animation's transporter counts, checked by conservation rather than by their
    // own formula: in a steady state, each ion's net leak is undone by its transporters.
    let mut m = Membrane::new(&excitable()).unwrap();
    m.advance(600.0).unwrap();
    let s = m.scenario().clone();
    let f = m.fluxes();
    let net_in = |name: &str| {
        let i = s.ion_index(name).unwrap();
        f.ions[i].inward_per_s - f.ions[i].outward_per_s
    };
    // At rest each exchanger carries out what leaks in of its ion: one Ca²⁺ per forward
    // NCX cycle, one Cl⁻ per KCC2 pair (Cl⁻ leaks in, E_Cl below V).
    for (t, ion) in [(vrest_core::Transporter::Ncx, "Ca"), (vrest_core::Transporter::Kcc2, "Cl")] {
        let (rate, leak_in) = (f.cycles_per_s(t), net_in(ion));
        assert!(rate > 0.0, "{t:?} runs forward at rest: {rate}");
        assert!((rate - leak_in).abs() < 1e-3 * leak_in.abs(), "{t:?} {rate} vs the {ion} leak {leak_in}");
    }
    // A passive neuron has neither.
    let passive = Membrane::new(&presets::build("neuron").unwrap()).unwrap().fluxes();
    assert_eq!(
        (passive.cycles_per_s(vrest_core::Transporter::Kcc2), passive.cycles_per_s(vrest_core::Transporter::Ncx)),
        (0.0, 0.0)
    );
}

#[test]
fn the_gated_channels_carry_the_spikes_na_in_and_k_out_and_the_leaks_keep_the_rest() {
    let s = with_pulse(excitable(), FIRING_PULSE);
    let (na, k) = (s.ion_index("Na").unwrap(), s.ion_index("K").unwrap());
    let gates = s.gates.unwrap();
    // Channels and leaks alike scale with Q10 away from its reference temperature.
    let q = s.q10.unwrap();
    let leak_q = q.factor(q.leaks, s.temperature_c);
    let mut m = Membrane::new(&s).unwrap();
    let sphere = Sphere { radius_um: s.cell.radius_um };
    // One-way GHK fluxes (Hodgkin & Katz 1949), written out here: for a cation,
    // efflux = P·c_i·u/(1 − e^(−u)) and influx = P·c_o·u/(e^u − 1), u = zFV/RT, in
    // mol/cm²/s with c in mol/cm³; times the area and Avogadro, ions per second.
    let one_way = |p: f64, c_i_mm: f64, c_o_mm: f64, v_mv: f64| {
        let u = v_mv / rt_over_f_mv(s.temperature_c).unwrap();
        let a = sphere.area_cm2() * AVOGADRO_PER_MOL * 1e-6;
        (p * c_i_mm * u / -(-u).exp_m1() * a, p * c_o_mm * u / u.exp_m1() * a)
    };
    // At rest the Na⁺ channel is nearly shut and the leaks carry what crosses.
    let f = m.fluxes();
    assert_eq!(f.gated.len(), 2);
    assert_eq!((f.gated[0].ion, f.gated[1].ion), (na, k));
    assert!(f.gated[0].open_fraction < 0.01, "Na⁺ channel at rest: {}", f.gated[0].open_fraction);
    // During the upstroke (V crossing 0 mV on the way up) the Na⁺ channel is open and
    // its influx is the formula's, with P = P_max·m³h from the gates.
    let mut v_prev = m.voltage_mv();
    while !(v_prev < 0.0 && m.voltage_mv() >= 0.0) {
        v_prev = m.voltage_mv();
        m.advance(2e-6).unwrap();
        assert!(m.time_s() < 0.02, "no upstroke");
    }
    let [g_m, g_h, g_n] = m.gates().unwrap();
    let f = m.fluxes();
    let (v, inside) = (m.voltage_mv(), m.inside_mm());
    let na_open = g_m.powi(3) * g_h;
    assert!((f.gated[0].open_fraction - na_open).abs() < 1e-12 && na_open > 0.05, "{na_open}");
    assert!((f.gated[1].open_fraction - g_n.powi(4)).abs() < 1e-12);
    let (_, na_in) =
        one_way(gates.na_max_permeability_cm_per_s * leak_q * na_open, inside[na], s.ions[na].outside_mm, v);
    assert!((f.gated[0].inward_per_s / na_in - 1.0).abs() < 1e-9, "{} vs {na_in}", f.gated[0].inward_per_s);
    // The leak and the gated channel add up to the ion's whole flux (leak alone: P_leak).
    let (_, leak_in) = one_way(s.ions[na].permeability_cm_per_s * leak_q, inside[na], s.ions[na].outside_mm, v);
    assert!((f.ions[na].inward_per_s / leak_in - 1.0).abs() < 1e-9, "{} vs {leak_in}", f.ions[na].inward_per_s);
    assert!(f.gated[0].inward_per_s > 20.0 * f.ions[na].inward_per_s, "the spike's Na⁺ comes through its channel");
    // On the way down, the K⁺ channel carries K⁺ out, more than the K⁺ leak does.
    while m.voltage_mv() > -20.0 || m.time_s() < 0.0115 {
        m.advance(2e-6).unwrap();
        assert!(m.time_s() < 0.03, "no repolarisation");
    }
    let f = m.fluxes();
    let net = |o: f64, i: f64| o - i;
    assert!(
        net(f.gated[1].outward_per_s, f.gated[1].inward_per_s) > net(f.ions[k].outward_per_s, f.ions[k].inward_per_s),
        "K⁺ leaves through its gated channel while V falls"
    );
}

#[test]
fn a_passive_cell_has_no_gated_channels_and_its_leaks_carry_everything() {
    let m = Membrane::new(&presets::build("neuron").unwrap()).unwrap();
    assert!(m.fluxes().gated.is_empty());
}
