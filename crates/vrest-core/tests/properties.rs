//! Property tests: for 10,000 random scenarios, good and bad, every output is a
//! finite number or an `Err`, never NaN or infinity.

#![cfg(not(target_arch = "wasm32"))] // native tier; the wasm tier is tests/web.rs
#![allow(clippy::unwrap_used, clippy::expect_used)] // a failed unwrap is a failed test

use std::sync::atomic::{AtomicUsize, Ordering};

use proptest::prelude::*;
use proptest::test_runner::{RngAlgorithm, TestCaseError, TestRng, TestRunner};
use vrest_core::physics::nernst_mv;
use vrest_core::pump::{reversal_mv, PumpSide};
use vrest_core::{
    Cell, Gates, Ion, Kcc2, KhExchanger, Membrane, Ncx, Noble, ProtonPump, Pump, Report, Scenario, Stimulus, Q10,
};

fn concentration() -> impl Strategy<Value = f64> {
    prop_oneof![
        30 => 1e-3..500.0f64,
        1 => Just(0.0),
        1 => 1e-9..1e-3f64,
        1 => 500.0..12_000.0f64,
        1 => prop_oneof![Just(-1.0), Just(f64::NAN), Just(f64::INFINITY)],
    ]
}

fn permeability() -> impl Strategy<Value = f64> {
    prop_oneof![
        30 => 1e-10..1e-5f64,
        1 => Just(0.0),
        1 => 1e-5..2e-2f64,
        1 => prop_oneof![Just(-1e-6), Just(f64::NAN)],
    ]
}

/// Up to five ions named K, Na, Cl, Ca, H in order, usually with their own valence,
/// now and then with a random one (0 included); now and then a name is duplicated or
/// reserved.
fn ions() -> impl Strategy<Value = Vec<Ion>> {
    let names = [("K", 1), ("Na", 1), ("Cl", -1), ("Ca", 2), ("H", 1)];
    (
        prop::collection::vec(
            (prop::option::weighted(0.05, -5i32..=5), concentration(), concentration(), permeability()),
            0..=5,
        ),
        prop_oneof![20 => Just(None), 1 => Just(Some("K")), 1 => Just(Some("pump"))],
    )
        .prop_map(move |(specs, odd_name)| {
            specs
                .into_iter()
                .enumerate()
                .map(|(i, (odd_charge, inside_mm, outside_mm, p))| Ion {
                    name: if i == 4 { odd_name.unwrap_or(names[i].0) } else { names[i].0 }.to_string(),
                    charge: odd_charge.unwrap_or(names[i].1),
                    inside_mm,
                    outside_mm,
                    permeability_cm_per_s: p,
                })
                .collect()
        })
}

fn any_number(lo: f64, hi: f64) -> impl Strategy<Value = f64> {
    prop_oneof![40 => lo..hi, 1 => prop_oneof![Just(f64::NAN), Just(f64::INFINITY), Just(0.0), Just(-1.0)]]
}

static VALID: AtomicUsize = AtomicUsize::new(0);
static RAN: AtomicUsize = AtomicUsize::new(0);
static BOUNDED: AtomicUsize = AtomicUsize::new(0);

fn scenario() -> impl Strategy<Value = Scenario> {
    (
        prop_oneof![20 => -10.0..45.0f64, 1 => any_number(-300.0, 120.0)],
        (prop_oneof![20 => 0.5..500.0f64, 1 => any_number(0.5, 6000.0)], any_number(0.1, 3.0), any_number(1.0, 10.0)),
        ions(),
        prop::option::of((
            any_number(0.0, 50.0),
            any_number(0.1, 50.0),
            any_number(0.1, 20.0),
            any::<bool>(),
            any_number(0.0, 1.2),
            prop::option::weighted(0.7, any_number(-90.0, -30.0)),
        )),
        prop_oneof![20 => -120.0..60.0f64, 1 => any_number(-600.0, 600.0)],
        prop::option::weighted(0.2, any_number(-600.0, 600.0)),
        extras(),
        // Noble's pacemaker channels: alone, or clashing with the Traub–Miles gates; the
        // K⁺/H⁺ exchanger and the H⁺ buffer (each refused without an ion named "H").
        (
            prop::option::weighted(
                0.04,
                (any_number(0.0, 800.0), any_number(0.0, 1.0), any_number(0.0, 3.0), any_number(0.0, 3.0)),
            ),
            prop::option::weighted(0.05, any_number(0.0, 0.01)),
            prop::option::weighted(0.05, any_number(0.0, 100.0)),
        ),
    )
        .prop_map(
            |(
                temperature_c,
                (radius_um, c, d),
                ions,
                pump,
                v0,
                clamp,
                (gates, kcc2, ncx, proton_pump, q10, stimuli),
                (noble, kh, buffer),
            )| {
                Scenario {
                    temperature_c,
                    cell: Cell { radius_um, capacitance_uf_per_cm2: c, membrane_thickness_nm: d },
                    ions,
                    pump: pump.map(|(max, na, k, blocked, rate, atp)| Pump {
                        max_current_ua_per_cm2: max,
                        na_half_mm: na,
                        k_half_mm: k,
                        blocked,
                        rate_fraction: rate,
                        atp_free_energy_kj_per_mol: atp,
                    }),
                    initial_voltage_mv: v0,
                    clamp_mv: clamp,
                    gates,
                    noble: noble.map(|(na, b, k1, k2)| Noble {
                        na_max_ms_per_cm2: na,
                        na_background_ms_per_cm2: b,
                        k1_ms_per_cm2: k1,
                        k2_max_ms_per_cm2: k2,
                    }),
                    kh_exchanger: kh.map(|rate_mm_per_s| KhExchanger { rate_mm_per_s }),
                    ph_buffer_mm_per_ph: buffer,
                    kcc2,
                    ncx,
                    proton_pump,
                    q10,
                    stimuli,
                }
            },
        )
}

/// The keys of the excitable membrane and the transporters: voltage-gated channels,
/// KCC2, NCX, Q10 and stimuli, each now and then out of range.
#[allow(clippy::type_complexity)]
fn extras(
) -> impl Strategy<Value = (Option<Gates>, Option<Kcc2>, Option<Ncx>, Option<ProtonPump>, Option<Q10>, Vec<Stimulus>)> {
    (
        prop::option::weighted(0.15, (any_number(0.0, 1e-4), any_number(0.0, 1e-3))),
        prop::option::weighted(0.15, any_number(0.0, 5.0)),
        prop::option::weighted(0.15, any_number(0.0, 5000.0)),
        prop::option::weighted(0.15, (any_number(0.0, 5.0), any_number(1e-6, 1e-3), any::<bool>())),
        prop::option::weighted(
            0.3,
            (any_number(-20.0, 45.0), any_number(1.0, 4.0), any_number(1.0, 4.0), any_number(1.0, 4.0)),
        ),
        prop::collection::vec((any_number(0.0, 900.0), any_number(1e-4, 0.01), any_number(-100.0, 100.0)), 0..3),
    )
        .prop_map(|(gates, kcc2, ncx, proton, q10, stimuli)| {
            (
                gates.map(|(na, k)| Gates { na_max_permeability_cm_per_s: na, k_max_permeability_cm_per_s: k }),
                kcc2.map(|rate_mm_per_s| Kcc2 { rate_mm_per_s }),
                ncx.map(|max_current_ua_per_cm2| Ncx { max_current_ua_per_cm2 }),
                proton.map(|(max, h_half, blocked)| ProtonPump {
                    max_current_ua_per_cm2: max,
                    h_half_mm: h_half,
                    blocked,
                    atp_free_energy_kj_per_mol: Some(-50.0),
                }),
                q10.map(|(reference_c, leaks, pumps, gates)| Q10 { reference_c, leaks, pumps, gates }),
                stimuli
                    .into_iter()
                    .map(|(start_s, duration_s, amplitude_ua_per_cm2)| Stimulus {
                        start_s,
                        duration_s,
                        amplitude_ua_per_cm2,
                    })
                    .collect(),
            )
        })
}

/// The lowest and highest reversal potential of everything that carries current: every
/// permeant ion, the pump (with its thermodynamic limit) and the exchanger. Infinite
/// where a concentration is 0.
fn reversal_bounds(m: &Membrane) -> (f64, f64) {
    let s = m.scenario();
    let t = s.temperature_c;
    let ions = m.present_ions();
    let e = |name: &str| {
        let i = s.ion_index(name)?;
        let ion = &ions[i];
        Some(nernst_mv(ion.charge, ion.inside_mm, ion.outside_mm, t).unwrap_or(if ion.inside_mm == 0.0 {
            f64::INFINITY * f64::from(ion.charge.signum())
        } else {
            -f64::INFINITY * f64::from(ion.charge.signum())
        }))
    };
    let p = m.permeabilities_cm_per_s();
    let mut all: Vec<f64> = ions.iter().zip(&p).filter(|(_, p)| **p > 0.0).filter_map(|(i, _)| e(&i.name)).collect();
    if let (Some(pump), Some(na), Some(k)) = (s.pump.filter(|p| !p.blocked), s.ion_index("Na"), s.ion_index("K")) {
        let side = PumpSide {
            na_in_mm: ions[na].inside_mm,
            na_out_mm: ions[na].outside_mm,
            k_in_mm: ions[k].inside_mm,
            k_out_mm: ions[k].outside_mm,
            voltage_mv: 0.0,
            rt_f_mv: vrest_core::physics::rt_over_f_mv(t).unwrap(),
        };
        match pump.atp_free_energy_kj_per_mol {
            Some(atp) => all.push(reversal_mv(atp, &side)),
            // The plain pump has no reversal: nothing bounds V.
            None => return (f64::NEG_INFINITY, f64::INFINITY),
        }
    }
    if let (Some(_), Some(na), Some(ca)) = (s.ncx, e("Na"), e("Ca")) {
        all.push(3.0 * na - 2.0 * ca);
    }
    if let (Some(p), Some(h)) = (s.proton_pump.filter(|p| !p.blocked), s.ion_index("H")) {
        let rt_f = vrest_core::physics::rt_over_f_mv(t).unwrap();
        let atp = p.atp_free_energy_kj_per_mol.unwrap_or(-50.0);
        all.push(vrest_core::proton_pump::reversal_mv(atp, ions[h].inside_mm, ions[h].outside_mm, rt_f));
    }
    let lo = all.iter().copied().fold(f64::INFINITY, f64::min);
    let hi = all.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    (lo, hi)
}

fn finite(x: f64, what: &str) -> Result<(), TestCaseError> {
    prop_assert!(x.is_finite(), "{what} = {x}");
    Ok(())
}

fn check(s: Scenario) -> Result<(), TestCaseError> {
    let valid = s.validate().is_ok();
    match Report::new(&s) {
        Ok(r) => {
            prop_assert!(valid);
            for (name, e) in &r.nernst_mv.0 {
                if let Some(e) = e {
                    finite(*e, name)?;
                }
            }
            finite(r.ghk_mv, "ghk_mv")?;
            if let Some(v) = r.pump_steady_mv {
                finite(v, "pump_steady_mv")?;
            }
            for (name, i) in &r.currents_ua_per_cm2.0 {
                if let Some(i) = i {
                    finite(*i, name)?;
                }
            }
            let c = r.charge;
            for (x, what) in [
                (c.voltage_mv, "voltage"),
                (c.charge_c, "charge"),
                (c.ions_moved, "ions"),
                (c.excess_mm, "excess"),
                (c.field_v_per_m, "field"),
                (c.capacitance_pf, "capacitance"),
            ] {
                finite(x, what)?;
            }
        }
        Err(e) => prop_assert!(!e.to_string().is_empty()),
    }
    match Membrane::new(&s) {
        Ok(mut m) => {
            prop_assert!(valid);
            VALID.fetch_add(1, Ordering::Relaxed);
            let (start_bounds, v0) = (reversal_bounds(&m), m.voltage_mv());
            for dt in [1e-6, 1e-3, 1.0, 600.0] {
                if m.advance(dt).is_err() {
                    break;
                }
                if dt == 600.0 {
                    RAN.fetch_add(1, Ordering::Relaxed);
                    // No input drives V beyond the most extreme reversal potential in play:
                    // V stays between the reversals (at the start or now) and where it
                    // started, since a slow cell may not have relaxed yet. Stimuli and
                    // clamps aside; the plain pump without ΔG_ATP has no reversal.
                    if s.clamp_mv.is_none() && s.stimuli.is_empty() {
                        let (lo_now, hi_now) = reversal_bounds(&m);
                        let (lo, hi) = (lo_now.min(start_bounds.0).min(v0), hi_now.max(start_bounds.1).max(v0));
                        let v = m.voltage_mv();
                        prop_assert!(v >= lo - 1.0, "V {v} below every reversal and the start (lowest {lo})");
                        prop_assert!(v <= hi + 1.0, "V {v} above every reversal and the start (highest {hi})");
                        BOUNDED.fetch_add(1, Ordering::Relaxed);
                    }
                }
                finite(m.voltage_mv(), "V")?;
                finite(m.charge_difference_voltage_mv(), "charge-difference V")?;
                for c in m.inside_mm() {
                    finite(*c, "concentration")?;
                    prop_assert!(*c >= 0.0, "negative concentration {c}");
                }
                for i in m.leak_currents_ua_per_cm2() {
                    finite(i, "current")?;
                }
                let f = m.fluxes();
                for x in &f.ions {
                    finite(x.outward_per_s, "efflux")?;
                    finite(x.inward_per_s, "influx")?;
                }
                finite(f.pump_cycles_per_s, "pump cycles")?;
                finite(f.cycles_per_s(vrest_core::Transporter::Kcc2), "KCC2 pairs")?;
                finite(f.cycles_per_s(vrest_core::Transporter::Ncx), "NCX cycles")?;
                finite(f.cycles_per_s(vrest_core::Transporter::ProtonPump), "H⁺ pump cycles")?;
                finite(f.cycles_per_s(vrest_core::Transporter::KhExchanger), "K⁺/H⁺ exchanges")?;
            }
        }
        Err(e) => {
            prop_assert!(!valid);
            prop_assert!(!e.to_string().is_empty());
        }
    }
    Ok(())
}

#[test]
fn every_output_is_finite_or_an_error_for_10_000_random_scenarios() {
    // A fixed seed: the same 10,000 cases on every run, so the counts below are stable.
    let config = ProptestConfig { cases: 10_000, failure_persistence: None, ..ProptestConfig::default() };
    let mut runner = TestRunner::new_with_rng(config, TestRng::deterministic_rng(RngAlgorithm::ChaCha));
    if let Err(e) = runner.run(&scenario(), check) {
        panic!("{e}");
    }
    // The random scenarios must exercise the model, not only the validator.
    let (valid, ran, bounded) =
        (VALID.load(Ordering::Relaxed), RAN.load(Ordering::Relaxed), BOUNDED.load(Ordering::Relaxed));
    eprintln!("10,000 scenarios: {valid} valid, {ran} ran through 600 s of model time, {bounded} checked against the reversals");
    assert!(valid >= 2_000 && ran >= 2_000 && bounded >= 500, "valid {valid}, ran {ran}, bounded {bounded}");
}
