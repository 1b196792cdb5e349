//! The plasma-membrane H⁺-ATPase of plants: one H⁺ out per ATP (Spanswick 1981, *Annu.
//! Rev. Plant Physiol.* 32:267), so its current is its turnover, outward. Its rate
//! rises with inside H⁺, I = I_max·H_in/(H_in + K_H) (the pump is activated by cytosolic
//! acidity; Palmgren 2001, *Annu. Rev. Plant Physiol. Plant Mol. Biol.* 52:817; the
//! half-activation is ours, stated in doc/model.md), times the same flux–force factor
//! as the Na⁺/K⁺ pump: a cycle moves one H⁺ against F·(E_H − V) and is paid for by one
//! ATP, so the pump stalls at E_Hpump = E_H + ΔG_ATP/F, far below any rest.

use crate::constants::FARADAY_C_PER_MOL;
use crate::pump::stall_factor;
use crate::types::ProtonPump;

/// The pump's current (µA/cm², outward) and its slopes ∂I/∂V (per mV) and ∂I/∂H_in
/// (per mM), with `scale` its maximal current at this temperature.
pub fn current(
    pump: &ProtonPump,
    scale_ua_per_cm2: f64,
    h_in_mm: f64,
    h_out_mm: f64,
    voltage_mv: f64,
    rt_f_mv: f64,
) -> (f64, f64, f64) {
    if pump.blocked || scale_ua_per_cm2 == 0.0 || h_in_mm <= 0.0 {
        return (0.0, 0.0, 0.0);
    }
    let k = pump.h_half_mm;
    let sat = h_in_mm / (h_in_mm + k);
    let d_sat = k / ((h_in_mm + k) * (h_in_mm + k));
    let Some(atp) = pump.atp_free_energy_kj_per_mol else {
        return (scale_ua_per_cm2 * sat, 0.0, scale_ua_per_cm2 * d_sat);
    };
    // x = ΔG_cycle/RT = ln(H_out/H_in) + (ΔG_ATP/F − V)/(RT/F).
    let x = (h_out_mm / h_in_mm).ln() + (1e6 * atp / FARADAY_C_PER_MOL - voltage_mv) / rt_f_mv;
    let (f, df) = stall_factor(x);
    let base = scale_ua_per_cm2 * sat;
    (base * f, base * df * (-1.0 / rt_f_mv), scale_ua_per_cm2 * d_sat * f + base * df * (-1.0 / h_in_mm))
}

/// The pump's reversal E_H + ΔG_ATP/F, mV.
pub fn reversal_mv(atp_kj_per_mol: f64, h_in_mm: f64, h_out_mm: f64, rt_f_mv: f64) -> f64 {
    rt_f_mv * (h_out_mm / h_in_mm).ln() + 1e6 * atp_kj_per_mol / FARADAY_C_PER_MOL
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn it_stalls_at_its_reversal_and_its_slopes_match_finite_differences() {
        let p = ProtonPump {
            max_current_ua_per_cm2: 2.0,
            h_half_mm: 3e-5,
            blocked: false,
            atp_free_energy_kj_per_mol: Some(-50.0),
        };
        let rt_f = 25.26;
        let (h_i, h_o) = (5e-5_f64, 3.2e-3_f64);
        // Independent: E_H = RT/F·ln(H_o/H_i), plus ΔG/F = −50 kJ/mol / F.
        let e = rt_f * (h_o / h_i).ln() - 50e6 / 96_485.332;
        assert!((reversal_mv(-50.0, h_i, h_o, rt_f) - e).abs() < 1e-3);
        let at = reversal_mv(-50.0, h_i, h_o, rt_f);
        assert!(current(&p, 2.0, h_i, h_o, at, rt_f).0.abs() < 1e-9);
        assert!(current(&p, 2.0, h_i, h_o, -170.0, rt_f).0 > 0.0);
        let f = |v: f64, h: f64| current(&p, 2.0, h, h_o, v, rt_f).0;
        let (_, dv, dh) = current(&p, 2.0, h_i, h_o, -300.0, rt_f);
        let fd_v = (f(-300.0 + 1e-4, h_i) - f(-300.0 - 1e-4, h_i)) / 2e-4;
        let fd_h = (f(-300.0, h_i + 1e-9) - f(-300.0, h_i - 1e-9)) / 2e-9;
        assert!((dv - fd_v).abs() < 1e-6 * fd_v.abs().max(1e-9), "{dv} vs {fd_v}");
        assert!((dh - fd_h).abs() < 1e-5 * fd_h.abs().max(1e-9), "{dh} vs {fd_h}");
    }
}
