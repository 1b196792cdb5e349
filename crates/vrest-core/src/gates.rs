//! Voltage-gated Na⁺ and K⁺ channels: Hodgkin–Huxley-type gates with the Traub–Miles
//! kinetics used by Wei, Ullah & Schiff (2014, J. Neurosci. 34:11733), rates in 1/ms,
//! V in mV:
//!
//!   α_m = 0.32·(V+54)/(1 − e^(−(V+54)/4))     β_m = 0.28·(V+27)/(e^((V+27)/5) − 1)
//!   α_h = 0.128·e^(−(V+50)/18)                 β_h = 4/(1 + e^(−(V+27)/5))
//!   α_n = 0.032·(V+52)/(1 − e^(−(V+52)/5))     β_n = 0.5·e^(−(V+57)/40)
//!
//! dx/dt = φ·(α_x·(1 − x) − β_x·x), with φ the gates' Q10 factor. The gates multiply
//! permeabilities, not conductances: P_Na = P_Na,leak + P_Na,max·m³h and
//! P_K = P_K,leak + P_K,max·n⁴, so the gated currents are GHK currents through the same
//! ions and change the same concentrations.
//!
//! The x/(1 − e^(−x/k)) forms are k·A(x/k) with A(w) = w/(1 − e^(−w)), the GHK shape
//! factor, which is evaluated without 0/0 at x = 0 (physics.rs).

use crate::physics::{efflux_factor_given, efflux_factor_slope_given};

/// The rates of one gate at V, and their slopes with respect to V (per ms, per ms·mV).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rates {
    pub alpha: f64,
    pub beta: f64,
    pub d_alpha: f64,
    pub d_beta: f64,
}

impl Rates {
    /// The steady-state opening x∞ = α/(α + β).
    pub fn steady(&self) -> f64 {
        self.alpha / (self.alpha + self.beta)
    }
}

/// Whether a gate's rate functions also give their slopes (the Jacobian needs them;
/// the right-hand side, evaluated six times a step, does not: they are left 0).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Slopes {
    With,
    Without,
}

/// a·k·A(w) for the form a·x/(1 − e^(−x/k)) with w = x/k and e^(−w) known, and its slope
/// in V, a·A'(w) (a β form a·x/(e^(x/k) − 1) is a·k·A(−w), slope −a·A'(−w)).
fn trap(a: f64, k_mv: f64, w: f64, e_neg: f64, slopes: Slopes) -> (f64, f64) {
    let factor = efflux_factor_given(w, e_neg);
    (a * k_mv * factor, if slopes == Slopes::With { a * efflux_factor_slope_given(w, factor, e_neg) } else { 0.0 })
}

/// 1/(1 + e) with e = e^(−w) for a logistic in w = (V + shift)/k, and its slope in V:
/// e/(k·(1 + e)²), written to stay finite where e overflows.
fn logistic(e_neg: f64, k_mv: f64, slopes: Slopes) -> (f64, f64) {
    let d =
        if slopes == Slopes::With && e_neg.is_finite() { e_neg / (k_mv * (1.0 + e_neg) * (1.0 + e_neg)) } else { 0.0 };
    (1.0 / (1.0 + e_neg), d)
}

/// m, h and n of Traub–Miles at V, with one exponential for the six rates: each
/// e^(−(V + shift)/k) with k = 4, 5, 18 or 40 is c^(360/k)·e^(−shift/k) for
/// c = e^(−V/360), a few multiplications rather than an exponential each (the rates
/// agree with their written forms to about 1e−14; `tests` checks them to 1e−9).
/// Near the removable singularities (|w| < 1) the trap forms still use expm1.
#[inline]
fn traub_miles(v_mv: f64, slopes: Slopes) -> [Rates; 3] {
    let c = (-v_mv / 360.0).exp();
    let c2 = c * c;
    let c9 = c2 * c2 * c2 * c2 * c;
    let c18 = c9 * c9;
    let c72 = (c18 * c18) * (c18 * c18);
    // α_m = 0.32·(V+54)/(1 − e^(−(V+54)/4)): e^(−(V+54)/4) = c⁹⁰·e^−13.5.
    let (m_alpha, m_d_alpha) = trap(0.32, 4.0, (v_mv + 54.0) / 4.0, c72 * c18 * E_M13_5, slopes);
    // β_m = 0.28·(V+27)/(e^((V+27)/5) − 1) and β_h = 4/(1 + e^(−w)), w = (V+27)/5.
    let w = (v_mv + 27.0) / 5.0;
    let e_neg = c72 * E_M5_4;
    let (m_beta, m_d_beta) = trap(0.28, 5.0, -w, 1.0 / e_neg, slopes);
    let (h_beta, h_d_beta) = logistic(e_neg, 5.0, slopes);
    let h_alpha = 0.128 * c18 * c2 * E_M50_18;
    // α_n = 0.032·(V+52)/(1 − e^(−(V+52)/5)), and (V+52)/5 = w + 5.
    let (n_alpha, n_d_alpha) = trap(0.032, 5.0, w + 5.0, e_neg * E_M5, slopes);
    let n_beta = 0.5 * c9 * E_M57_40;
    [
        Rates { alpha: m_alpha, beta: m_beta, d_alpha: m_d_alpha, d_beta: -m_d_beta },
        Rates { alpha: h_alpha, beta: 4.0 * h_beta, d_alpha: -h_alpha / 18.0, d_beta: 4.0 * h_d_beta },
        Rates { alpha: n_alpha, beta: n_beta, d_alpha: n_d_alpha, d_beta: -n_beta / 40.0 },
    ]
}

/// The rates of Noble's (1962) Purkinje-fibre gates (*J. Physiol.* 160:317), 1/ms, V in mV:
///
///   α_m = 0.1·(−V−48)/(e^((−V−48)/15) − 1)     β_m = 0.12·(V+8)/(e^((V+8)/5) − 1)
///   α_h = 0.17·e^((−V−90)/20)                   β_h = 1/(1 + e^((−V−42)/10))
///   α_n = 0.0001·(−V−50)/(e^((−V−50)/10) − 1)  β_n = 0.002·e^((−V−90)/80)
///
/// The forms a·(−V−s)/(e^((−V−s)/k) − 1) are a·(V+s)/(1 − e^(−(V+s)/k)), the `trap`
/// form. m, h and n of Noble at V, with one exponential for the six rates: each
/// e^(−(V + shift)/k) with k = 5, 10, 15, 20 or 80 is c^(1200/k) times a constant for
/// c = e^(−(V+90)/1200) (as for Traub–Miles, about 1e−14 from the written forms).
#[inline]
fn noble(v_mv: f64, slopes: Slopes) -> [Rates; 3] {
    let c = (-(v_mv + 90.0) / 1200.0).exp();
    let c5 = c * c * c * c * c;
    let c15 = c5 * c5 * c5;
    let c20 = c15 * c5;
    let c60 = c20 * c20 * c20;
    let c120 = c60 * c60;
    // α_m = 0.1·(−V−48)/(e^((−V−48)/15) − 1): e^(−(V+48)/15) = c⁸⁰·e^2.8.
    let (m_alpha, m_d_alpha) = trap(0.1, 15.0, (v_mv + 48.0) / 15.0, c60 * c20 * E_2_8, slopes);
    // β_m = 0.12·(V+8)/(e^((V+8)/5) − 1): e^((V+8)/5) = c⁻²⁴⁰·e^−16.4.
    let (m_beta, m_d_beta) = trap(0.12, 5.0, -(v_mv + 8.0) / 5.0, E_M16_4 / (c120 * c120), slopes);
    let h_alpha = 0.17 * c60;
    // β_h = 1/(1 + e^(−(V+42)/10)), e^(−(V+42)/10) = c¹²⁰·e^4.8.
    let (h_beta, h_d_beta) = logistic(c120 * E_4_8, 10.0, slopes);
    // α_n = 0.0001·(−V−50)/(e^((−V−50)/10) − 1): e^(−(V+50)/10) = c¹²⁰·e⁴.
    let (n_alpha, n_d_alpha) = trap(0.0001, 10.0, (v_mv + 50.0) / 10.0, c120 * E_4, slopes);
    let n_beta = 0.002 * c15;
    [
        Rates { alpha: m_alpha, beta: m_beta, d_alpha: m_d_alpha, d_beta: -m_d_beta },
        Rates { alpha: h_alpha, beta: h_beta, d_alpha: -h_alpha / 20.0, d_beta: h_d_beta },
        Rates { alpha: n_alpha, beta: n_beta, d_alpha: n_d_alpha, d_beta: -n_beta / 80.0 },
    ]
}

/// The constant factors e^x of the shared exponentials above (`tests` checks each
/// against `exp`).
const E_M13_5: f64 = 1.370_959_086_384_084_5e-6;
const E_M5_4: f64 = 0.004_516_580_942_612_666;
const E_M50_18: f64 = 0.062_176_524_022_116_32;
const E_M57_40: f64 = 0.240_508_463_208_342_13;
const E_M5: f64 = 0.006_737_946_999_085_467;
const E_2_8: f64 = 16.444_646_771_097_048;
const E_M16_4: f64 = 7.543_458_349_844_258e-8;
const E_4_8: f64 = 121.510_417_518_734_85;
const E_4: f64 = 54.598_150_033_144_236;

/// The inward-rectifier K⁺ conductance per mS/cm² of its scale: Noble's
/// g_K1 = 1.2·e^((−V−90)/50) + 0.015·e^((V+90)/60), divided by 1.2; and its slope.
pub fn noble_k1_shape(v_mv: f64) -> (f64, f64) {
    // e^(−(V+90)/50) = t⁻⁶ and e^((V+90)/60) = t⁵ with t = e^((V+90)/300): one
    // exponential for both, at every evaluation of the pacemaker (a few ulps apart).
    let t = ((v_mv + 90.0) / 300.0).exp();
    let t2 = t * t;
    let t4 = t2 * t2;
    let a = 1.0 / (t4 * t2);
    let b = (0.015 / 1.2) * (t4 * t);
    (a + b, -a / 50.0 + b / 60.0)
}

/// Which published gate kinetics a membrane's channels follow.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kinetics {
    TraubMiles,
    Noble1962,
}

impl Kinetics {
    /// The rates of m, h and n at V.
    pub fn rates(self, v_mv: f64) -> [Rates; 3] {
        self.rates_with(v_mv, Slopes::With)
    }

    #[inline]
    fn rates_with(self, v_mv: f64, slopes: Slopes) -> [Rates; 3] {
        match self {
            Kinetics::TraubMiles => traub_miles(v_mv, slopes),
            Kinetics::Noble1962 => noble(v_mv, slopes),
        }
    }

    /// The rates of m, h and n at V without their slopes (left 0): for the right-hand
    /// side, which needs only the rates.
    pub fn rates_only(self, v_mv: f64) -> [Rates; 3] {
        self.rates_with(v_mv, Slopes::Without)
    }

    /// The gates' steady openings at V.
    pub fn steady(self, v_mv: f64) -> [f64; 3] {
        self.rates(v_mv).map(|r| r.steady())
    }
}

/// dx/dt in 1/s for a gate at opening x, with rates r and the Q10 factor φ.
#[inline]
pub fn rate_per_s(r: &Rates, x: f64, phi: f64) -> f64 {
    1e3 * phi * (r.alpha * (1.0 - x) - r.beta * x)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The rates as the paper writes them, with plain exp (0/0 avoided by the points).
    fn written(v: f64) -> [f64; 6] {
        [
            0.32 * (v + 54.0) / (1.0 - (-(v + 54.0) / 4.0).exp()),
            0.28 * (v + 27.0) / (((v + 27.0) / 5.0).exp() - 1.0),
            0.128 * (-(v + 50.0) / 18.0).exp(),
            4.0 / (1.0 + (-(v + 27.0) / 5.0).exp()),
            0.032 * (v + 52.0) / (1.0 - (-(v + 52.0) / 5.0).exp()),
            0.5 * (-(v + 57.0) / 40.0).exp(),
        ]
    }

    /// At V: each rate of `kinetics` against the formula as written (to 1e−9), and each
    /// slope against the finite difference of the rates (to 1e−4).
    fn check_rates(kinetics: Kinetics, v: f64, want: [f64; 6]) {
        for (k, r) in kinetics.rates(v).iter().enumerate() {
            for (x, y) in [(r.alpha, want[2 * k]), (r.beta, want[2 * k + 1])] {
                assert!((x - y).abs() <= 1e-9 * y.abs().max(1e-12), "{kinetics:?} at V {v}: {x} vs {y}");
            }
            let dv = 1e-5;
            let (up, down) = (kinetics.rates(v + dv)[k], kinetics.rates(v - dv)[k]);
            let fd_a = (up.alpha - down.alpha) / (2.0 * dv);
            let fd_b = (up.beta - down.beta) / (2.0 * dv);
            assert!((fd_a - r.d_alpha).abs() <= 1e-4 * (1e-9 + fd_a.abs()), "α' at {v}: {fd_a} vs {}", r.d_alpha);
            assert!((fd_b - r.d_beta).abs() <= 1e-4 * (1e-9 + fd_b.abs()), "β' at {v}: {fd_b} vs {}", r.d_beta);
        }
    }

    #[test]
    fn rates_match_the_written_formulas_and_their_slopes_the_finite_differences() {
        for v in [-100.0, -74.3, -60.0, -53.9, -30.0, -26.99, 0.0, 40.0] {
            check_rates(Kinetics::TraubMiles, v, written(v));
        }
        // The right-hand side's rates are the same numbers, without the slopes.
        for kinetics in [Kinetics::TraubMiles, Kinetics::Noble1962] {
            for v in [-100.0, -54.0, -27.0, 0.0, 40.0] {
                for (full, only) in kinetics.rates(v).iter().zip(kinetics.rates_only(v)) {
                    assert_eq!((full.alpha, full.beta), (only.alpha, only.beta), "{kinetics:?} at {v}");
                }
            }
        }
        // At the removable singularities the rates are the limits, a·k: α_m(−54) = 0.32·4,
        // α_n(−52) = 0.032·5, β_m(−27) = 0.28·5; Noble's α_m(−48) = 0.1·15,
        // β_m(−8) = 0.12·5, α_n(−50) = 0.0001·10.
        let (tm, noble) = (Kinetics::TraubMiles, Kinetics::Noble1962);
        for (kinetics, v, gate, alpha, limit) in [
            (tm, -54.0, 0, true, 1.28),
            (tm, -52.0, 2, true, 0.16),
            (tm, -27.0, 0, false, 1.4),
            (noble, -48.0, 0, true, 1.5),
            (noble, -8.0, 0, false, 0.6),
            (noble, -50.0, 2, true, 0.001),
        ] {
            let r = kinetics.rates(v)[gate];
            let got = if alpha { r.alpha } else { r.beta };
            assert!((got - limit).abs() < 1e-12 * limit.min(1.0), "{kinetics:?} gate {gate} at {v}: {got}");
        }
    }

    #[test]
    fn noble_rates_match_his_written_formulas_and_their_slopes() {
        let written = |v: f64| {
            [
                0.1 * (-v - 48.0) / (((-v - 48.0) / 15.0).exp() - 1.0),
                0.12 * (v + 8.0) / (((v + 8.0) / 5.0).exp() - 1.0),
                0.17 * ((-v - 90.0) / 20.0).exp(),
                1.0 / (1.0 + ((-v - 42.0) / 10.0).exp()),
                0.0001 * (-v - 50.0) / (((-v - 50.0) / 10.0).exp() - 1.0),
                0.002 * ((-v - 90.0) / 80.0).exp(),
            ]
        };
        let k1 = |v: f64| 1.2 * ((-v - 90.0) / 50.0).exp() + 0.015 * ((v + 90.0) / 60.0).exp();
        for v in [-95.0, -80.0, -60.0, -47.3, -30.0, -7.9, 0.0, 25.0] {
            check_rates(Kinetics::Noble1962, v, written(v));
            let (g, dg) = noble_k1_shape(v);
            assert!((1.2 * g - k1(v)).abs() < 1e-12, "g_K1 at {v}");
            let fd = (k1(v + 1e-5) - k1(v - 1e-5)) / 2e-5;
            assert!((1.2 * dg - fd).abs() < 1e-6, "g_K1' at {v}");
        }
    }

    #[test]
    fn the_shared_exponentials_constants_are_the_exponentials_they_name() {
        for (c, x) in [
            (E_M13_5, -13.5),
            (E_M5_4, -5.4),
            (E_M50_18, -50.0 / 18.0),
            (E_M57_40, -57.0 / 40.0),
            (E_M5, -5.0),
            (E_2_8, 2.8),
            (E_M16_4, -16.4),
            (E_4_8, 4.8),
            (E_4, 4.0),
        ] {
            assert!((c - f64::exp(x)).abs() <= 2.0 * f64::EPSILON * c, "e^{x}: {c}");
        }
    }

    #[test]
    fn at_rest_the_sodium_gates_are_mostly_shut_and_inactivation_is_off() {
        // Wei et al. give m = 0.0031, h = 0.9994, n = 0.0107 near −74.3 mV.
        let v = -74.3;
        let [m, h, n] = Kinetics::TraubMiles.rates(v);
        assert!((m.steady() - 0.0031).abs() < 5e-4, "{}", m.steady());
        assert!((h.steady() - 0.9994).abs() < 5e-4, "{}", h.steady());
        assert!((n.steady() - 0.0107).abs() < 1e-3, "{}", n.steady());
    }
}
