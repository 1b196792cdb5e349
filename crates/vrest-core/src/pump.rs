//! The Na⁺/K⁺-ATPase: the one place its current is computed.
//!
//! Kager, Wadman & Somjen (2000, J. Neurophysiol. 84:495):
//!
//!   I_pump = I_max · f · (Na_in/(Na_in + K_Na))³ · (K_out/(K_out + K_K))²
//!
//! with K_Na = 10 mM and K_K = 2 mM. Each cycle carries 3 Na⁺ out and 2 K⁺ in, so the
//! net current (one charge per cycle) is I_pump, outward. A blocked pump carries none.
//!
//! **The pump's limit.** One cycle moves 3 Na⁺ out and 2 K⁺ in against
//! ΔG_transport = F·(3·E_Na − 2·E_K − V), paid for by one ATP (ΔG_ATP < 0), so it can run
//! only while ΔG_cycle = ΔG_ATP + F·(3·E_Na − 2·E_K − V) < 0, i.e. while V is above its
//! reversal E_pump = 3·E_Na − 2·E_K + ΔG_ATP/F (about −210 mV in the neuron). With
//! x = ΔG_cycle/RT the net turnover of a cycle is J⁺·(1 − e^x) (the flux–force relation of
//! a cyclic process; Hill 1977, *Free Energy Transduction in Biology*; Läuger 1991,
//! *Electrogenic Ion Pumps*), which near rest (x ≈ −5) is 1 − 0.5 %. Past the reversal the
//! same relation would let the reverse rate grow without bound; we cap it at the forward
//! rate (the factor −(1 − e^(−x)) for x > 0), a simplification stated in doc/model.md.

use crate::constants::{FARADAY_C_PER_MOL, PUMP_K_HALF_MM, PUMP_K_PER_CYCLE, PUMP_NA_HALF_MM, PUMP_NA_PER_CYCLE};
use crate::types::Pump;

/// (Na_in/(Na_in + K_Na))³ and its derivative with respect to Na_in (per mM).
#[inline]
pub fn sodium_saturation(na_in_mm: f64, na_half_mm: f64) -> (f64, f64) {
    let na = na_in_mm.max(0.0);
    let s = na / (na + na_half_mm);
    let ds = na_half_mm / (na + na_half_mm).powi(2);
    (s * s * s, 3.0 * s * s * ds)
}

/// (K_out/(K_out + K_K))².
#[inline]
pub fn potassium_activation(k_out_mm: f64, k_half_mm: f64) -> f64 {
    let a = k_out_mm / (k_out_mm + k_half_mm);
    a * a
}

/// The flux–force factor f(x) for a cycle with free energy x·RT, and df/dx: 1 − e^x in
/// forward mode (x ≤ 0), −(1 − e^(−x)) in reverse (capped at the forward rate).
#[inline]
pub fn stall_factor(x: f64) -> (f64, f64) {
    stall_factor_of(x.exp())
}

/// The concentrations and voltage the pump works against.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PumpSide {
    pub na_in_mm: f64,
    pub na_out_mm: f64,
    pub k_in_mm: f64,
    pub k_out_mm: f64,
    pub voltage_mv: f64,
    pub rt_f_mv: f64,
}

/// e^x for x = ΔG_cycle/RT of the 3 Na⁺ : 2 K⁺ pump, and ∂x/∂V (per mV), ∂x/∂Na_i,
/// ∂x/∂K_i (per mM). None when ΔG_ATP is not given (the pump then never stalls).
///
/// x = 3·ln(Na_o/Na_i) − 2·ln(K_o/K_i) + (ΔG_ATP/F − V)/(RT/F), so
/// e^x = (Na_o/Na_i)³·(K_i/K_o)²·e^((ΔG_ATP/F − V)/(RT/F)): one exponential and no
/// logarithm, at every evaluation of the model (the flux–force factor needs only e^x).
/// NaN when Na_i and K_i are both 0 (∞·0).
pub fn cycle_boltzmann(atp_kj_per_mol: Option<f64>, p: &PumpSide) -> Option<(f64, f64, f64, f64)> {
    let atp = atp_boltzmann(atp_kj_per_mol?, p.rt_f_mv);
    Some(cycle_boltzmann_of(atp, (-p.voltage_mv / p.rt_f_mv).exp(), p))
}

/// e^(ΔG_ATP/RT): the factor of e^x that only the temperature changes.
pub fn atp_boltzmann(atp_kj_per_mol: f64, rt_f_mv: f64) -> f64 {
    let atp_mv = 1e6 * atp_kj_per_mol / FARADAY_C_PER_MOL; // kJ/mol → mV: ΔG/F
    (atp_mv / rt_f_mv).exp()
}

/// [`cycle_boltzmann`] with e^(ΔG_ATP/RT) and e^(−V/(RT/F)) given: the model's
/// monovalent GHK currents have just computed the second.
#[inline]
pub fn cycle_boltzmann_of(atp_boltzmann: f64, exp_minus_v: f64, p: &PumpSide) -> (f64, f64, f64, f64) {
    let (na, k) = (p.na_out_mm / p.na_in_mm, p.k_in_mm / p.k_out_mm);
    let e = na * na * na * k * k * atp_boltzmann * exp_minus_v;
    (e, -1.0 / p.rt_f_mv, -PUMP_NA_PER_CYCLE / p.na_in_mm, PUMP_K_PER_CYCLE / p.k_in_mm)
}

/// [`stall_factor`] from e = e^x rather than x (x ≤ 0 is e ≤ 1): the Na⁺/K⁺ pump has
/// e^x without x.
#[inline]
pub fn stall_factor_of(e: f64) -> (f64, f64) {
    if e <= 1.0 {
        (1.0 - e, -e)
    } else {
        let inv = 1.0 / e;
        (inv - 1.0, -inv)
    }
}

/// The pump's reversal potential E_pump = 3·E_Na − 2·E_K + ΔG_ATP/F, mV.
pub fn reversal_mv(atp_kj_per_mol: f64, p: &PumpSide) -> f64 {
    let ln = |o: f64, i: f64| (o / i).ln();
    p.rt_f_mv * (PUMP_NA_PER_CYCLE * ln(p.na_out_mm, p.na_in_mm) - PUMP_K_PER_CYCLE * ln(p.k_out_mm, p.k_in_mm))
        + 1e6 * atp_kj_per_mol / FARADAY_C_PER_MOL
}

impl Pump {
    /// A running pump with the Kager–Wadman–Somjen half-activation constants, without
    /// the thermodynamic limit.
    pub fn kager(max_current_ua_per_cm2: f64) -> Pump {
        Pump {
            max_current_ua_per_cm2,
            na_half_mm: PUMP_NA_HALF_MM,
            k_half_mm: PUMP_K_HALF_MM,
            blocked: false,
            rate_fraction: 1.0,
            atp_free_energy_kj_per_mol: None,
        }
    }

    /// I_max·f·(K_out activation): the factor that does not change while the bath is
    /// fixed. Zero when blocked.
    #[inline]
    pub fn scale_ua_per_cm2(&self, k_out_mm: f64) -> f64 {
        if self.blocked {
            0.0
        } else {
            self.max_current_ua_per_cm2 * self.rate_fraction * potassium_activation(k_out_mm, self.k_half_mm)
        }
    }

    /// The thermodynamic factor at this state: 1 without ΔG_ATP.
    pub fn stall(&self, side: &PumpSide) -> f64 {
        match cycle_boltzmann(self.atp_free_energy_kj_per_mol, side) {
            // NaN only when both Na_i and K_i are 0; the Na⁺ saturation is 0 then anyway.
            Some((e, ..)) if e.is_nan() => 0.0,
            Some((e, ..)) => stall_factor_of(e).0,
            None => 1.0,
        }
    }

    /// Net pump current (µA/cm², outward) at this state, with `scale` the part of it
    /// that a fixed bath sets (`scale_ua_per_cm2`, times any temperature factor).
    pub fn current_with_scale(&self, scale_ua_per_cm2: f64, side: &PumpSide) -> f64 {
        scale_ua_per_cm2 * sodium_saturation(side.na_in_mm, self.na_half_mm).0 * self.stall(side)
    }

    /// Net pump current (µA/cm², outward) at this state.
    pub fn current_ua_per_cm2(&self, side: &PumpSide) -> f64 {
        self.current_with_scale(self.scale_ua_per_cm2(side.k_out_mm), side)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn side(v: f64) -> PumpSide {
        PumpSide { na_in_mm: 15.0, na_out_mm: 145.0, k_in_mm: 140.0, k_out_mm: 5.0, voltage_mv: v, rt_f_mv: 26.727 }
    }

    #[test]
    fn the_current_is_the_published_product_and_its_slope_matches_finite_differences() {
        let p = Pump::kager(5.0);
        // Written out: 5·(15/25)³·(5/7)².
        let expected = 5.0 * (15.0_f64 / 25.0).powi(3) * (5.0_f64 / 7.0).powi(2);
        assert!((p.current_ua_per_cm2(&side(-70.0)) - expected).abs() < 1e-12);
        let h = 1e-5;
        let fd = (sodium_saturation(15.0 + h, 10.0).0 - sodium_saturation(15.0 - h, 10.0).0) / (2.0 * h);
        assert!((fd - sodium_saturation(15.0, 10.0).1).abs() < 1e-9);
        assert_eq!(Pump { blocked: true, ..p }.current_ua_per_cm2(&side(-70.0)), 0.0);
    }

    #[test]
    fn the_pump_stalls_at_its_reversal_and_barely_slows_at_rest() {
        let p = Pump { atp_free_energy_kj_per_mol: Some(-55.0), ..Pump::kager(5.0) };
        // Independent: E_pump = 3·E_Na − 2·E_K + ΔG/F with E = RT/F·ln(c_o/c_i).
        let rt_f = 26.727;
        let e_pump = 3.0 * rt_f * (145.0_f64 / 15.0).ln() - 2.0 * rt_f * (5.0_f64 / 140.0).ln() - 55e6 / 96_485.332;
        assert!((e_pump - reversal_mv(-55.0, &side(0.0))).abs() < 1e-3, "{e_pump}");
        assert!((-215.0..=-205.0).contains(&e_pump), "about −210 mV: {e_pump}");
        let plain = Pump::kager(5.0).current_ua_per_cm2(&side(-70.0));
        let slowed = p.current_ua_per_cm2(&side(-70.0));
        assert!(slowed < plain && slowed > 0.99 * plain, "{slowed} vs {plain}");
        let at = reversal_mv(-55.0, &side(0.0));
        assert!(p.current_ua_per_cm2(&side(at)).abs() < 1e-9 * plain);
        assert!(p.current_ua_per_cm2(&side(e_pump - 30.0)) < 0.0, "reverses beyond E_pump");
        assert!(p.current_ua_per_cm2(&side(-5000.0)) >= -plain * 1.0000001, "reverse capped at the forward rate");
        // The factor's slope is continuous at 0 and matches finite differences.
        for x in [-3.0, -1e-3, 0.0, 1e-3, 2.0] {
            let fd = (stall_factor(x + 1e-7).0 - stall_factor(x - 1e-7).0) / 2e-7;
            assert!((fd - stall_factor(x).1).abs() < 1e-6, "x {x}: {fd}");
            // The factor as written: 1 − e^x forward, −(1 − e^(−x)) in reverse.
            let (f, df) = stall_factor(x);
            let (want, d_want) = if x <= 0.0 { (1.0 - x.exp(), -x.exp()) } else { ((-x).exp() - 1.0, -(-x).exp()) };
            assert!((f - want).abs() < 1e-15 && (df - d_want).abs() < 1e-15, "x {x}: {f} vs {want}");
        }
        // e^x without a logarithm is the exponential of x written with them.
        let s = side(-70.0);
        let x = 3.0 * (145.0_f64 / 15.0).ln() - 2.0 * (5.0_f64 / 140.0).ln()
            + (-55e6 / FARADAY_C_PER_MOL + 70.0) / s.rt_f_mv;
        let (e, ..) = cycle_boltzmann(Some(-55.0), &s).unwrap();
        assert!((e - x.exp()).abs() < 1e-12 * x.exp(), "{e} vs {}", x.exp());
    }
}
