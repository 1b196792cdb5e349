//! The Na⁺/Ca²⁺ exchanger, 3 Na⁺ for 1 Ca²⁺, in the form of Luo & Rudy (1994, Circ. Res.
//! 74:1071), outward positive (reverse mode, Na⁺ out and Ca²⁺ in, is outward):
//!
//!   I = k · (e^(ηv)·Na_i³·Ca_o − e^((η−1)v)·Na_o³·Ca_i)
//!         / ((K_mNa³ + Na_o³)·(K_mCa + Ca_o)·(1 + k_sat·e^((η−1)v)))
//!
//! with v = VF/RT, K_mNa = 87.5 mM, K_mCa = 1.38 mM, k_sat = 0.1 and η = 0.35. It stops
//! where e^v·Na_i³·Ca_o = Na_o³·Ca_i, i.e. at Ca_i = Ca_o·(Na_i/Na_o)³·e^(VF/RT), the
//! exchanger's equilibrium. Each cycle moves one net charge, so the Na⁺ current carries
//! +3·I and the Ca²⁺ current −2·I.

pub const K_M_NA_MM: f64 = 87.5;
pub const K_M_CA_MM: f64 = 1.38;
pub const K_SAT: f64 = 0.1;
pub const ETA: f64 = 0.35;

/// The exchanger's current and its slopes: (I, ∂I/∂V per mV, ∂I/∂Na_i, ∂I/∂Ca_i).
#[allow(clippy::too_many_arguments)]
pub fn current(
    k_ua_per_cm2: f64,
    na_in_mm: f64,
    na_out_mm: f64,
    ca_in_mm: f64,
    ca_out_mm: f64,
    voltage_mv: f64,
    rt_f_mv: f64,
) -> (f64, f64, f64, f64) {
    let v = voltage_mv / rt_f_mv;
    let (na_i, ca_i) = (na_in_mm.max(0.0), ca_in_mm.max(0.0));
    let scale = k_ua_per_cm2 / ((K_M_NA_MM.powi(3) + na_out_mm.powi(3)) * (K_M_CA_MM + ca_out_mm));
    let e_fwd = (ETA * v).exp();
    let e_back = ((ETA - 1.0) * v).exp();
    let push = e_fwd * na_i.powi(3) * ca_out_mm;
    let pull = e_back * na_out_mm.powi(3) * ca_i;
    let sat = 1.0 + K_SAT * e_back;
    let i = scale * (push - pull) / sat;
    // d/dv of (push − pull)/sat.
    let d_num = ETA * push - (ETA - 1.0) * pull;
    let d_sat = K_SAT * (ETA - 1.0) * e_back;
    let di_dv = scale * (d_num * sat - (push - pull) * d_sat) / (sat * sat) / rt_f_mv;
    let di_dna = scale * 3.0 * e_fwd * na_i * na_i * ca_out_mm / sat;
    let di_dca = -scale * e_back * na_out_mm.powi(3) / sat;
    (i, di_dv, di_dna, di_dca)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn it_stops_at_its_equilibrium_and_its_slopes_match_finite_differences() {
        let rt_f = 26.727_f64;
        let (na_i, na_o, ca_o, v) = (15.0_f64, 145.0_f64, 1.2_f64, -70.0_f64);
        // Independent: Ca_i = Ca_o·(Na_i/Na_o)³·e^(V·F/RT).
        let ca_eq = ca_o * (na_i / na_o).powi(3) * (v / rt_f).exp();
        assert!((ca_eq - 9.6e-5).abs() < 1e-6, "{ca_eq}");
        let (i, ..) = current(2000.0, na_i, na_o, ca_eq, ca_o, v, rt_f);
        assert!(i.abs() < 1e-12, "{i}");
        // Above equilibrium Ca²⁺ is pushed out (forward mode): inward current.
        assert!(current(2000.0, na_i, na_o, 2.0 * ca_eq, ca_o, v, rt_f).0 < 0.0);
        let (i, dv, dna, dca) = current(2000.0, na_i, na_o, 3e-4, ca_o, v, rt_f);
        let f = |v: f64, na: f64, ca: f64| current(2000.0, na, na_o, ca, ca_o, v, rt_f).0;
        let fd = [
            (f(v + 1e-4, na_i, 3e-4) - f(v - 1e-4, na_i, 3e-4)) / 2e-4,
            (f(v, na_i + 1e-4, 3e-4) - f(v, na_i - 1e-4, 3e-4)) / 2e-4,
            (f(v, na_i, 3e-4 + 1e-8) - f(v, na_i, 3e-4 - 1e-8)) / 2e-8,
        ];
        for (a, b) in [dv, dna, dca].into_iter().zip(fd) {
            assert!((a - b).abs() <= 1e-5 * b.abs().max(1e-9), "{a} vs {b} (I = {i})");
        }
    }
}
