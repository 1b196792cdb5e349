//! Closed-form membrane physics: Nernst, GHK voltage and current, Mullins–Noda,
//! and the thin skin of separated charge.
//!
//! Conventions (doc/model.md): V = φ_in − φ_out in mV; current positive outward in
//! µA/cm²; concentrations in mM; T[K] = T[°C] + 273.15.
//!
//! Unit bookkeeping used throughout: with P in cm/s and c in mM (= 1e-6 mol/cm³),
//! P·z·F·c is in 1e-6 A/cm² = µA/cm², so the GHK current needs no extra factor.

use crate::constants::*;
use crate::error::{check, Arg, ModelError};
use crate::types::Ion;

/// RT/F in millivolts at `temperature_c` (26.727 mV at 37 °C).
pub fn rt_over_f_mv(temperature_c: f64) -> Result<f64, ModelError> {
    check("temperature_c", &TEMPERATURE_C, temperature_c)?;
    Ok(thermal_voltage_mv(temperature_c))
}

/// RT/F in mV without validation; callers have validated the temperature.
pub(crate) fn thermal_voltage_mv(temperature_c: f64) -> f64 {
    1e3 * GAS_CONSTANT_J_PER_MOL_K * (temperature_c + ZERO_CELSIUS_K) / FARADAY_C_PER_MOL
}

fn check_charge(charge: i32) -> Result<(), ModelError> {
    if charge == 0 || !(CHARGE_MIN..=CHARGE_MAX).contains(&charge) {
        return Err(charge_error(f64::from(charge)));
    }
    Ok(())
}

/// A charge that is not a whole number from [`CHARGE_MIN`] to [`CHARGE_MAX`] or is 0.
pub(crate) fn charge_error(got: f64) -> ModelError {
    ModelError::new("charge", "error-model-charge")
        .whole("min", CHARGE_MIN)
        .whole("max", CHARGE_MAX)
        .with("got", Arg::Number(got))
}

/// Nernst (equilibrium) potential E = (RT/zF)·ln(c_out/c_in), in mV.
///
/// Both concentrations must be above zero: at zero the potential is infinite.
pub fn nernst_mv(charge: i32, inside_mm: f64, outside_mm: f64, temperature_c: f64) -> Result<f64, ModelError> {
    check_charge(charge)?;
    let rt_f = rt_over_f_mv(temperature_c)?;
    for (field, c) in [("inside_mm", inside_mm), ("outside_mm", outside_mm)] {
        check(field, &CONCENTRATION_MM, c)?;
        if c == 0.0 {
            return Err(ModelError::new(field, "error-model-nernst-zero").with("max", Arg::Limit(CONCENTRATION_MM.max)));
        }
    }
    Ok(rt_f / f64::from(charge) * (outside_mm / inside_mm).ln())
}

/// The GHK efflux and influx shape factors of the reduced voltage w = zFV/RT:
/// A(w) = w / (1 − e^(−w)) and B(w) = A(−w) = w / (e^w − 1), with A − B = w.
/// Both are positive for every w, and A(0) = B(0) = 1 (the exact limit).
#[inline]
pub(crate) fn efflux_factor(w: f64) -> f64 {
    // The pair's first: expm1 only where 1 − e^(−w) would cancel (|w| < 1), the plain
    // exponential (about half expm1's cost) elsewhere.
    efflux_factors(w).0
}

/// (A(w), A(−w)) with one exponential, each to a few ulps (expm1 where 1 − e^(−w)
/// would cancel): the GHK current needs both at every evaluation of the model.
#[inline]
pub(crate) fn efflux_factors(w: f64) -> (f64, f64) {
    let (a, b, _) = efflux_factors_and_exp(w);
    (a, b)
}

/// (A(w), A(−w), e^(−w)) with one exponential: a gate whose other rate is a logistic
/// in the same w takes e^(−w) from here (e^(−w) is +∞ where it overflows).
#[inline]
pub(crate) fn efflux_factors_and_exp(w: f64) -> (f64, f64, f64) {
    if w == 0.0 {
        (1.0, 1.0, 1.0)
    } else if w >= 1.0 {
        // p = e^(−w) ≤ 1/e: 1 − p does not cancel.
        let p = (-w).exp();
        let a = w / (1.0 - p);
        (a, a * p, p)
    } else if w <= -1.0 {
        let q = w.exp();
        let b = -w / (1.0 - q);
        (b * q, b, 1.0 / q)
    } else {
        // |w| < 1: e^(−w) − 1 by expm1, and e^(−w) itself lies in (1/e, e).
        let m = (-w).exp_m1();
        let a = w / -m;
        (a, a * (1.0 + m), 1.0 + m)
    }
}

/// A(w) with e^(−w) already known (from a rate that shares its exponential): the
/// plain quotient where it does not cancel, expm1 where it would (|w| < 1).
#[inline]
pub(crate) fn efflux_factor_given(w: f64, e_neg: f64) -> f64 {
    if w.abs() < 1.0 {
        efflux_factor(w)
    } else {
        w / (1.0 - e_neg)
    }
}

/// dA/dw with A(w) and e^(−w) already known: (A/w)·(1 − A·e^(−w)) for w ≥ 1, and for
/// w ≤ −1 the same with A·e^(−w) = A(−w) = −w/(1 − e^w) (finite where e^(−w)
/// overflows); neither cancels there. Where they would (|w| < 1), [`efflux_factor_slope`].
#[inline]
pub(crate) fn efflux_factor_slope_given(w: f64, a: f64, e_neg: f64) -> f64 {
    if w >= 1.0 {
        a / w * (1.0 - a * e_neg)
    } else if w <= -1.0 {
        let b = -w / (1.0 - 1.0 / e_neg);
        a / w * (1.0 - b)
    } else {
        efflux_factor_slope(w)
    }
}

/// dA/dw, evaluated in a form that neither cancels near 0 nor overflows far from it.
#[inline]
pub(crate) fn efflux_factor_slope(w: f64) -> f64 {
    if w.abs() < 1e-4 {
        // A(w) = 1 + w/2 + w²/12 − w⁴/720 + …
        0.5 + w / 6.0 - w * w * w / 180.0
    } else if w > 0.0 {
        let m = (-w).exp_m1(); // e^(−w) − 1, in (−1, 0)
        let p = m + 1.0; // e^(−w)
        (-m - w * p) / (m * m)
    } else {
        let m = w.exp_m1(); // e^w − 1, in (−1, 0)
        let q = w.exp(); // not m + 1, which is 0 once e^w falls below rounding
        q * (m - w) / (m * m)
    }
}

/// Reduced voltage w = z·V/(RT/F).
#[inline]
pub(crate) fn reduced_voltage(charge: i32, voltage_mv: f64, rt_over_f_mv: f64) -> f64 {
    f64::from(charge) * voltage_mv / rt_over_f_mv
}

/// GHK current of one ion in µA/cm² (positive outward), for already-validated inputs:
/// I = P·z·F·(c_in·A(w) − c_out·B(w)). At V = 0 this is exactly P·z·F·(c_in − c_out).
#[inline]
pub(crate) fn ghk_current_raw(p_cm_s: f64, charge: i32, c_in: f64, c_out: f64, voltage_mv: f64, rt_f: f64) -> f64 {
    if p_cm_s == 0.0 {
        return 0.0;
    }
    ghk_current_of(p_cm_s, charge, c_in, c_out, efflux_factors(reduced_voltage(charge, voltage_mv, rt_f)))
}

/// [`ghk_current_raw`] with the factors (A(w), B(w)) of its reduced voltage already
/// known: ions of charge +1 and −1 share one pair (B(w) = A(−w)), so a cell's currents
/// need one exponential, not one per ion.
#[inline]
pub(crate) fn ghk_current_of(p_cm_s: f64, charge: i32, c_in: f64, c_out: f64, (a, b): (f64, f64)) -> f64 {
    p_cm_s * f64::from(charge) * FARADAY_C_PER_MOL * (c_in * a - c_out * b)
}

/// ∂I/∂V (µA/cm² per mV) and ∂I/∂c_in (µA/cm² per mM) of [`ghk_current_raw`].
#[inline]
pub(crate) fn ghk_current_slopes(
    p_cm_s: f64,
    charge: i32,
    c_in: f64,
    c_out: f64,
    voltage_mv: f64,
    rt_f: f64,
) -> (f64, f64) {
    if p_cm_s == 0.0 {
        return (0.0, 0.0);
    }
    let z = f64::from(charge);
    let w = reduced_voltage(charge, voltage_mv, rt_f);
    let pzf = p_cm_s * z * FARADAY_C_PER_MOL;
    // B(w) = A(−w) so B'(w) = −A'(−w).
    let (a, b, e_neg) = efflux_factors_and_exp(w);
    let d_dw = c_in * efflux_factor_slope_given(w, a, e_neg) + c_out * efflux_factor_slope_given(-w, b, 1.0 / e_neg);
    (pzf * d_dw * z / rt_f, pzf * a)
}

/// Unidirectional GHK fluxes of one ion, in mol/(cm²·s): (outward, inward).
/// Their ratio obeys Ussing's flux-ratio equation; their difference times zF is the current.
#[inline]
pub(crate) fn ghk_unidirectional_raw(
    p_cm_s: f64,
    charge: i32,
    c_in: f64,
    c_out: f64,
    voltage_mv: f64,
    rt_f: f64,
) -> (f64, f64) {
    let w = reduced_voltage(charge, voltage_mv, rt_f);
    // mM → mol/cm³ is ×1e-6.
    let (a, b) = efflux_factors(w);
    (1e-6 * p_cm_s * c_in * a, 1e-6 * p_cm_s * c_out * b)
}

/// Validate one ion's numbers for the physics below.
pub(crate) fn check_ion(ion: &Ion) -> Result<(), ModelError> {
    check_charge(ion.charge)?;
    check("inside_mm", &CONCENTRATION_MM, ion.inside_mm)?;
    check("outside_mm", &CONCENTRATION_MM, ion.outside_mm)?;
    check("permeability_cm_per_s", &PERMEABILITY_CM_PER_S, ion.permeability_cm_per_s)?;
    Ok(())
}

fn check_ions(ions: &[Ion]) -> Result<(), ModelError> {
    if ions.is_empty() {
        return Err(ModelError::new("ions", "error-model-no-ions").whole("max", MAX_IONS));
    }
    for (i, ion) in ions.iter().enumerate() {
        check_ion(ion).map_err(|e| e.within(&format!("ions[{i}]")))?;
    }
    if ions.iter().all(|ion| ion.permeability_cm_per_s == 0.0) {
        return Err(ModelError::new("ions", "error-model-sealed").with("max", Arg::Limit(PERMEABILITY_CM_PER_S.max)));
    }
    Ok(())
}

/// GHK current of one ion at `voltage_mv`, in µA/cm² (positive outward).
pub fn ghk_current_ua_per_cm2(ion: &Ion, voltage_mv: f64, temperature_c: f64) -> Result<f64, ModelError> {
    check_ion(ion)?;
    check("voltage_mv", &VOLTAGE_MV, voltage_mv)?;
    let rt_f = rt_over_f_mv(temperature_c)?;
    Ok(ghk_current_raw(ion.permeability_cm_per_s, ion.charge, ion.inside_mm, ion.outside_mm, voltage_mv, rt_f))
}

/// GHK voltage by the closed form, valid when every permeant ion is monovalent:
/// V = (RT/F)·ln[(Σ P_cat·c_out + Σ P_an·c_in) / (Σ P_cat·c_in + Σ P_an·c_out)].
pub fn ghk_voltage_closed_form_mv(ions: &[Ion], temperature_c: f64) -> Result<f64, ModelError> {
    check_ions(ions)?;
    let rt_f = rt_over_f_mv(temperature_c)?;
    let (mut toward_in, mut toward_out) = (0.0, 0.0);
    for (i, ion) in ions.iter().enumerate() {
        let p = ion.permeability_cm_per_s;
        if p == 0.0 {
            continue;
        }
        match ion.charge {
            1 => {
                toward_in += p * ion.outside_mm;
                toward_out += p * ion.inside_mm;
            }
            -1 => {
                toward_in += p * ion.inside_mm;
                toward_out += p * ion.outside_mm;
            }
            z => return Err(ModelError::new(format!("ions[{i}].charge"), "error-model-ghk-charge").whole("got", z)),
        }
    }
    ratio_log(toward_in, toward_out, rt_f, "ions")
}

fn ratio_log(numerator: f64, denominator: f64, rt_f: f64, field: &str) -> Result<f64, ModelError> {
    if numerator > 0.0 && denominator > 0.0 {
        Ok(rt_f * (numerator / denominator).ln())
    } else {
        Err(infinite_voltage(field))
    }
}

fn infinite_voltage(field: &str) -> ModelError {
    ModelError::new(field, "error-model-infinite-voltage").with("max", Arg::Limit(CONCENTRATION_MM.max))
}

/// Sum of the GHK currents of all ions at `voltage_mv`, and its slope.
fn total_current_and_slope(ions: &[Ion], voltage_mv: f64, rt_f: f64) -> (f64, f64) {
    ions.iter().fold((0.0, 0.0), |(i_sum, g_sum), ion| {
        let p = ion.permeability_cm_per_s;
        let i = ghk_current_raw(p, ion.charge, ion.inside_mm, ion.outside_mm, voltage_mv, rt_f);
        let (g, _) = ghk_current_slopes(p, ion.charge, ion.inside_mm, ion.outside_mm, voltage_mv, rt_f);
        (i_sum + i, g_sum + g)
    })
}

/// General GHK voltage: the V at which the GHK currents of all ions, of any valence,
/// sum to zero. The total current rises strictly with V, so a bracketed
/// Newton–bisection search converges whenever a root exists.
pub fn ghk_voltage_zero_current_mv(ions: &[Ion], temperature_c: f64) -> Result<f64, ModelError> {
    check_ions(ions)?;
    let rt_f = rt_over_f_mv(temperature_c)?;
    zero_current_voltage_raw(ions, rt_f, 0.0)
}

/// The voltage at which the ions' GHK currents plus a constant outward current
/// `extra_ua_per_cm2` (a pump's) sum to zero: with 0 the GHK voltage, with the pump's
/// current the quasi-steady voltage at these concentrations.
pub fn zero_current_voltage_mv(ions: &[Ion], temperature_c: f64, extra_ua_per_cm2: f64) -> Result<f64, ModelError> {
    check_ions(ions)?;
    let rt_f = rt_over_f_mv(temperature_c)?;
    if !extra_ua_per_cm2.is_finite() {
        return Err(ModelError::new("extra_ua_per_cm2", "error-model-finite-current"));
    }
    zero_current_voltage_raw(ions, rt_f, extra_ua_per_cm2)
}

/// [`zero_current_voltage_mv`] for validated ions.
pub(crate) fn zero_current_voltage_raw(ions: &[Ion], rt_f: f64, extra_ua_per_cm2: f64) -> Result<f64, ModelError> {
    // A root exists iff the total can be negative somewhere and positive somewhere: some
    // permeant ion must carry outward current (a cation with c_in > 0 or an anion with
    // c_out > 0) unless the extra current is outward, and likewise inward.
    let can_out = extra_ua_per_cm2 > 0.0
        || ions.iter().any(|i| {
            i.permeability_cm_per_s > 0.0 && if i.charge > 0 { i.inside_mm > 0.0 } else { i.outside_mm > 0.0 }
        });
    let can_in = extra_ua_per_cm2 < 0.0
        || ions.iter().any(|i| {
            i.permeability_cm_per_s > 0.0 && if i.charge > 0 { i.outside_mm > 0.0 } else { i.inside_mm > 0.0 }
        });
    if !(can_out && can_in) {
        return Err(infinite_voltage("ions"));
    }
    let f = |v: f64| {
        let (i, g) = total_current_and_slope(ions, v, rt_f);
        (i + extra_ua_per_cm2, g)
    };
    // Bracket: widen symmetrically until the sign changes. 1e5 mV is far beyond any
    // concentration ratio that 64-bit floats can represent at the smallest valence.
    let (mut lo, mut hi) = (-100.0_f64, 100.0_f64);
    while f(lo).0 > 0.0 && lo > -1e5 {
        lo *= 2.0;
    }
    while f(hi).0 < 0.0 && hi < 1e5 {
        hi *= 2.0;
    }
    let (f_lo, f_hi) = (f(lo).0, f(hi).0);
    if !(f_lo <= 0.0 && f_hi >= 0.0) {
        return Err(ModelError::new("ions", "error-model-beyond-100-v"));
    }
    solve_bracketed(f, lo, hi)
        .ok_or_else(|| ModelError::new("ions", "error-model-no-convergence"))
        .map(|v| clamp_tiny(v, rt_f))
}

/// Values within rounding of 0 are returned as exactly 0, so a symmetric solution
/// does not print as −0.000000000001.
fn clamp_tiny(v: f64, scale: f64) -> f64 {
    if v.abs() < 1e-13 * scale {
        0.0
    } else {
        v
    }
}

/// Newton's method safeguarded by bisection on a bracket [lo, hi] with f(lo) ≤ 0 ≤ f(hi)
/// for an increasing f. Returns None only if it fails to converge in 200 iterations.
pub(crate) fn solve_bracketed(f: impl Fn(f64) -> (f64, f64), mut lo: f64, mut hi: f64) -> Option<f64> {
    let mut x = 0.5 * (lo + hi);
    for _ in 0..200 {
        let (fx, dfx) = f(x);
        if fx == 0.0 {
            return Some(x);
        }
        if fx < 0.0 {
            lo = x;
        } else {
            hi = x;
        }
        let newton = x - fx / dfx;
        let next = if dfx > 0.0 && newton > lo && newton < hi { newton } else { 0.5 * (lo + hi) };
        if (next - x).abs() <= 1e-13 * (1.0 + x.abs()) || hi - lo <= 1e-13 * (1.0 + x.abs()) {
            return Some(next);
        }
        x = next;
    }
    None
}

/// The GHK voltage: the closed form when every permeant ion is monovalent, otherwise
/// the zero-current solution. Both agree where both apply (tests check it).
pub fn ghk_voltage_mv(ions: &[Ion], temperature_c: f64) -> Result<f64, ModelError> {
    let monovalent = ions.iter().all(|i| i.permeability_cm_per_s == 0.0 || i.charge.abs() == 1);
    if monovalent {
        ghk_voltage_closed_form_mv(ions, temperature_c)
    } else {
        ghk_voltage_zero_current_mv(ions, temperature_c)
    }
}

/// Mullins & Noda (1963): the steady voltage of a K/Na membrane whose pump moves
/// r Na⁺ out per K⁺ in, with every other ion passive:
/// V = (RT/F)·ln[(r·P_K·K_o + P_Na·Na_o)/(r·P_K·K_i + P_Na·Na_i)].
pub fn mullins_noda_mv(
    potassium: &Ion,
    sodium: &Ion,
    coupling_ratio: f64,
    temperature_c: f64,
) -> Result<f64, ModelError> {
    for (name, ion) in [("K", potassium), ("Na", sodium)] {
        check_ion(ion).map_err(|e| e.within(name))?;
        if ion.charge != 1 {
            return Err(ModelError::new(format!("{name}.charge"), "error-model-pump-charge"));
        }
    }
    if !(coupling_ratio.is_finite() && coupling_ratio > 0.0 && coupling_ratio <= 100.0) {
        return Err(ModelError::new("coupling_ratio", "error-model-coupling")
            .with("max", Arg::Limit(100.0))
            .with("got", Arg::Number(coupling_ratio)));
    }
    let rt_f = rt_over_f_mv(temperature_c)?;
    let (pk, pna) = (potassium.permeability_cm_per_s, sodium.permeability_cm_per_s);
    ratio_log(
        coupling_ratio * pk * potassium.outside_mm + pna * sodium.outside_mm,
        coupling_ratio * pk * potassium.inside_mm + pna * sodium.inside_mm,
        rt_f,
        "K, Na",
    )
}

/// Geometry of the model's spherical cell.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Sphere {
    pub radius_um: f64,
}

impl Sphere {
    pub fn radius_cm(&self) -> f64 {
        self.radius_um * 1e-4
    }
    pub fn area_cm2(&self) -> f64 {
        4.0 * std::f64::consts::PI * self.radius_cm().powi(2)
    }
    /// Volume in litres (1 cm³ = 1e-3 L).
    pub fn volume_l(&self) -> f64 {
        4.0 / 3.0 * std::f64::consts::PI * self.radius_cm().powi(3) * 1e-3
    }
    /// Area over volume, 3/r, in 1/cm.
    pub fn area_per_volume_per_cm(&self) -> f64 {
        3.0 / self.radius_cm()
    }
}

/// The thin skin of separated charge that holds the membrane at `voltage_mv`.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct ChargeSeparation {
    pub voltage_mv: f64,
    /// Charge on the inner face, Q = C·A·V (negative when the inside is negative).
    pub charge_c: f64,
    /// Monovalent ions that had to cross to build that charge, |Q|/e.
    pub ions_moved: f64,
    /// Net excess concentration of charge inside, Q/(F·W), in mM (negative = excess anions).
    pub excess_mm: f64,
    /// Field across the membrane, |V|/d.
    pub field_v_per_m: f64,
    /// Whole-cell capacitance C·A.
    pub capacitance_pf: f64,
}

/// Charge separation for a sphere of `radius_um`, specific capacitance
/// `capacitance_uf_per_cm2` and membrane thickness `thickness_nm`.
pub fn charge_separation(
    voltage_mv: f64,
    radius_um: f64,
    capacitance_uf_per_cm2: f64,
    thickness_nm: f64,
) -> Result<ChargeSeparation, ModelError> {
    check("voltage_mv", &VOLTAGE_MV, voltage_mv)?;
    check("radius_um", &RADIUS_UM, radius_um)?;
    check("capacitance_uf_per_cm2", &CAPACITANCE_UF_PER_CM2, capacitance_uf_per_cm2)?;
    check("membrane_thickness_nm", &THICKNESS_NM, thickness_nm)?;
    Ok(charge_separation_raw(voltage_mv, radius_um, capacitance_uf_per_cm2, thickness_nm))
}

/// [`charge_separation`] for inputs already validated (any finite voltage).
pub fn charge_separation_raw(
    voltage_mv: f64,
    radius_um: f64,
    capacitance_uf_per_cm2: f64,
    thickness_nm: f64,
) -> ChargeSeparation {
    let sphere = Sphere { radius_um };
    let capacitance_f = capacitance_uf_per_cm2 * 1e-6 * sphere.area_cm2();
    let charge_c = capacitance_f * voltage_mv * 1e-3;
    ChargeSeparation {
        voltage_mv,
        charge_c,
        ions_moved: charge_c.abs() / ELEMENTARY_CHARGE_C,
        excess_mm: 1e3 * charge_c / (FARADAY_C_PER_MOL * sphere.volume_l()),
        field_v_per_m: (voltage_mv * 1e-3).abs() / (thickness_nm * 1e-9),
        capacitance_pf: capacitance_f * 1e12,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn factor_slope_matches_finite_differences() {
        for &w in &[-800.0, -40.0, -3.0, -0.5, -2e-4, -5e-5, 0.0, 5e-5, 2e-4, 0.5, 3.0, 40.0, 800.0] {
            let h = 1e-6 * (1.0 + f64::abs(w));
            let fd = (efflux_factor(w + h) - efflux_factor(w - h)) / (2.0 * h);
            let an = efflux_factor_slope(w);
            assert!((fd - an).abs() <= 1e-6 * (1.0 + an.abs()), "w={w}: fd {fd} vs {an}");
            assert!(efflux_factor(w).is_finite() && an.is_finite());
        }
        // The slope from a known A(w) and e^(−w), on both sides of its branches and
        // where e^(−w) overflows.
        for &w in &[-800.0, -40.0, -3.0, -1.0, -0.999, -0.5, 0.0, 0.5, 0.999, 1.0, 3.0, 40.0, 800.0] {
            let (a, _, e_neg) = efflux_factors_and_exp(w);
            let (given, alone) = (efflux_factor_slope_given(w, a, e_neg), efflux_factor_slope(w));
            assert!(
                (given - alone).abs() <= 1e-14 * alone.abs().max(1e-300) || given == alone,
                "w={w}: {given} vs {alone}"
            );
        }
        // A − B = w exactly in exact arithmetic.
        for &w in &[-30.0, -1.0, 1e-9, 2.0, 30.0] {
            assert!((efflux_factor(w) - efflux_factor(-w) - w).abs() < 1e-12 * (1.0 + f64::abs(w)));
        }
        // The pair with one exponential: each factor as the one computed alone, on both
        // sides of its branches (|w| = 1) and where one of them underflows.
        for &w in &[-800.0, -30.0, -1.0, -0.999_999, -0.5, -1e-9, 0.0, 1e-9, 0.5, 0.999_999, 1.0, 2.0, 30.0, 800.0] {
            let (a, b) = efflux_factors(w);
            for (pair, alone) in [(a, efflux_factor(w)), (b, efflux_factor(-w))] {
                assert!(
                    (pair - alone).abs() <= 4.0 * f64::EPSILON * alone.abs() || pair == alone,
                    "w = {w}: {pair} vs {alone}"
                );
            }
        }
    }

    #[test]
    fn current_slopes_match_finite_differences() {
        let rt_f = thermal_voltage_mv(37.0);
        for &(z, ci, co, v) in
            &[(1, 140.0, 5.0, -70.0), (-1, 10.0, 110.0, 20.0), (2, 1e-4, 1.2, -80.0), (2, 1e-4, 1.2, 0.0)]
        {
            let p = 1e-6;
            let (gv, gc) = ghk_current_slopes(p, z, ci, co, v, rt_f);
            let hv = 1e-5;
            let fd_v = (ghk_current_raw(p, z, ci, co, v + hv, rt_f) - ghk_current_raw(p, z, ci, co, v - hv, rt_f))
                / (2.0 * hv);
            let hc = 1e-3; // I is linear in c_in, so any step is exact up to rounding
            let fd_c = (ghk_current_raw(p, z, ci + hc, co, v, rt_f) - ghk_current_raw(p, z, ci - hc, co, v, rt_f))
                / (2.0 * hc);
            assert!((gv - fd_v).abs() <= 1e-6 * gv.abs().max(1e-9), "dI/dV {gv} vs {fd_v}");
            assert!((gc - fd_c).abs() <= 1e-6 * gc.abs().max(1e-9), "dI/dc {gc} vs {fd_c}");
        }
    }
}
