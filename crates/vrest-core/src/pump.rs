//! The Na⁺/K⁺-ATPase: the one place its current is computed.
//!
//! Kager, Wadman & Somjen (2000, J. Neurophysiol. 84:495):
//!
//!   I_pump = I_max · f · (Na_in/(Na_in + K_Na))³ · (K_out/(K_out + K_K))²
//!
//! with K_Na = 10 mM and K_K = 2 mM. Each cycle carries 3 Na⁺ out and 2 K⁺ in, so the
//! net current (one charge per cycle) is I_pump, outward. A blocked pump carries none.

use crate::constants::{PUMP_K_HALF_MM, PUMP_NA_HALF_MM};
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

impl Pump {
    /// A running pump with the Kager–Wadman–Somjen half-activation constants.
    pub fn kager(max_current_ua_per_cm2: f64) -> Pump {
        Pump {
            max_current_ua_per_cm2,
            na_half_mm: PUMP_NA_HALF_MM,
            k_half_mm: PUMP_K_HALF_MM,
            blocked: false,
            rate_fraction: 1.0,
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

    /// Net pump current (µA/cm², outward) at these concentrations.
    pub fn current_ua_per_cm2(&self, na_in_mm: f64, k_out_mm: f64) -> f64 {
        self.scale_ua_per_cm2(k_out_mm) * sodium_saturation(na_in_mm, self.na_half_mm).0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_current_is_the_published_product_and_its_slope_matches_finite_differences() {
        let p = Pump::kager(5.0);
        // Written out: 5·(15/25)³·(5/7)².
        let expected = 5.0 * (15.0_f64 / 25.0).powi(3) * (5.0_f64 / 7.0).powi(2);
        assert!((p.current_ua_per_cm2(15.0, 5.0) - expected).abs() < 1e-12);
        let h = 1e-5;
        let fd = (sodium_saturation(15.0 + h, 10.0).0 - sodium_saturation(15.0 - h, 10.0).0) / (2.0 * h);
        assert!((fd - sodium_saturation(15.0, 10.0).1).abs() < 1e-9);
        assert_eq!(Pump { blocked: true, ..p }.current_ua_per_cm2(15.0, 5.0), 0.0);
    }
}
