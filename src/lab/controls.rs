//! The lab's parameter controls: typed keys, slider scales and allowed values, and how a
//! slider position or a typed number becomes a model change. Numbers only: the page's
//! labels for them come from `src/present`.
//!
//! Controls are named by a [`ControlKey`] (`key.rs`).

use serde::Serialize;
use vrest_core::constants::{
    CONCENTRATION_MM, KCC2_RATE_MM_PER_S, KH_EXCHANGER_RATE_MM_PER_S, NCX_MAX_CURRENT_UA_PER_CM2,
    PERMEABILITY_CM_PER_S, POTASSIUM_NAME,
};
use vrest_core::{Membrane, Scenario};

use super::error::LabError;
use super::key::{ControlKey, IonQuantity};

/// Slider positions run from 0 to this.
pub const SLIDER_STEPS: u32 = 1000;
/// A slider value is rounded to this many significant digits, so dragging sets tidy numbers.
const SLIDER_DIGITS: i32 = 3;
/// Concentration sliders span this many decades below and above the preset's value.
const DECADES_BELOW: f64 = 2.0;
const DECADES_ABOVE: f64 = 1.0;
/// The lowest end of a concentration slider (1 nM).
const CONCENTRATION_SLIDER_FLOOR_MM: f64 = 1e-6;
/// The smallest positive concentration that can be typed: 1 pM, about one ion in a
/// cell of 10 µm (a picolitre holds 0.6 ions at 1 pM). Below it E_ion would run to
/// thousands of mV for nothing a cell could have; 0 stays allowed ("none at all").
const CONCENTRATION_TYPED_SMALLEST_MM: f64 = 1e-9;
/// Absolute permeability sliders: P_K's, and any ion's when the cell has no permeant K⁺.
const P_REFERENCE_SLIDER_CM_PER_S: (f64, f64) = (1e-9, 1e-3);
const P_ABSOLUTE_SLIDER_CM_PER_S: (f64, f64) = (1e-10, 1e-3);
/// The smallest P_K that can be typed: P_K stays the reference, so it is never zero.
const P_REFERENCE_MIN_CM_PER_S: f64 = 1e-12;
/// Relative permeability slider, × P_K (position 0 is "off").
const P_RELATIVE_SLIDER: (f64, f64) = (1e-4, 100.0);
/// The temperature slider (°C) and the typed range: liquid water to where proteins
/// denature (the model itself accepts more, from the CLI).
const TEMPERATURE_SLIDER_C: (f64, f64) = (0.0, 45.0);
const TEMPERATURE_TYPED_C: (f64, f64) = (0.0, 50.0);
const TEMPERATURE_STEP_C: f64 = 0.1;

/// How the page shows a control.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ControlKind {
    /// A slider with a typed twin.
    Range,
    Checkbox,
}

/// The unit of a control's value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ControlUnit {
    Millimolar,
    CmPerS,
    /// A multiple of P_K.
    TimesPk,
    Celsius,
    Percent,
    /// On (1) or off (0).
    Switch,
    MmPerS,
    UaPerCm2,
}

/// One control of the present cell: its slider and its allowed typed values.
#[derive(Debug, Clone, PartialEq)]
pub struct ControlSpec {
    pub key: ControlKey,
    /// The ion's index in the scenario, for an ion's control.
    pub ion_index: Option<usize>,
    pub kind: ControlKind,
    pub unit: ControlUnit,
    /// Logarithmic slider.
    pub log: bool,
    /// Slider ends, in the control's own unit (for a log slider with `off_at_zero`, the
    /// value at position 1; position 0 is 0).
    pub slider_min: f64,
    pub slider_max: f64,
    pub off_at_zero: bool,
    /// Typed values allowed, inclusive.
    pub typed_min: f64,
    pub typed_max: f64,
    /// A linear slider moves in steps of this (0: any value).
    pub typed_step: f64,
    /// Positive values below this are refused (0 is allowed); 0: no such limit.
    pub typed_smallest: f64,
}

impl ControlSpec {
    fn range(key: ControlKey, unit: ControlUnit, slider: (f64, f64), typed: (f64, f64)) -> ControlSpec {
        ControlSpec {
            key,
            ion_index: None,
            kind: ControlKind::Range,
            unit,
            log: false,
            slider_min: slider.0,
            slider_max: slider.1,
            off_at_zero: false,
            typed_min: typed.0,
            typed_max: typed.1,
            typed_step: 0.0,
            typed_smallest: 0.0,
        }
    }

    /// The slider position of `value` (0 to SLIDER_STEPS).
    pub fn position(&self, value: f64) -> u32 {
        let steps = f64::from(SLIDER_STEPS);
        let f = if self.log {
            if value <= 0.0 {
                return 0;
            }
            let (lo, hi) = (self.slider_min.ln(), self.slider_max.ln());
            let f = (value.ln() - lo) / (hi - lo);
            if self.off_at_zero {
                // Position 1 is slider_min, SLIDER_STEPS is slider_max.
                return (1.0 + f * (steps - 1.0)).round().clamp(1.0, steps) as u32;
            }
            f
        } else {
            (value - self.slider_min) / (self.slider_max - self.slider_min)
        };
        (f * steps).round().clamp(0.0, steps) as u32
    }

    /// The value at slider position `pos`, rounded as a drag should set it.
    pub fn value_at(&self, pos: u32) -> f64 {
        let steps = f64::from(SLIDER_STEPS);
        let pos = f64::from(pos.min(SLIDER_STEPS));
        let log_at = |f: f64| (self.slider_min.ln() + f * (self.slider_max.ln() - self.slider_min.ln())).exp();
        let value = if self.log && self.off_at_zero {
            if pos == 0.0 {
                return 0.0;
            }
            log_at((pos - 1.0) / (steps - 1.0))
        } else if self.log {
            log_at(pos / steps)
        } else {
            self.slider_min + pos / steps * (self.slider_max - self.slider_min)
        };
        let value = if self.log || self.typed_step == 0.0 {
            round_significant(value, SLIDER_DIGITS)
        } else {
            (value / self.typed_step).round() * self.typed_step
        };
        value.clamp(self.typed_min, self.typed_max)
    }
}

/// `x` rounded to `digits` significant digits.
fn round_significant(x: f64, digits: i32) -> f64 {
    if x == 0.0 || !x.is_finite() {
        return x;
    }
    let scale = 10f64.powi(digits - 1 - x.abs().log10().floor() as i32);
    (x * scale).round() / scale
}

/// Slider ends for a concentration: two decades below to one above, in whole decades,
/// within the model's range; fixed when a preset loads so it does not move while dragged.
pub fn concentration_slider(value_mm: f64) -> (f64, f64) {
    let v = if value_mm > 0.0 { value_mm } else { 1.0 };
    let lo = 10f64.powf((v.log10() - DECADES_BELOW).floor()).max(CONCENTRATION_SLIDER_FLOOR_MM);
    let hi = 10f64.powf((v.log10() + DECADES_ABOVE).ceil()).min(CONCENTRATION_MM.max);
    (lo, hi)
}

/// Reference permeability: P_K, when the cell has a permeant K⁺ (its index and value).
fn reference_p(s: &Scenario) -> Option<(usize, f64)> {
    let k = s.ion_index(POTASSIUM_NAME)?;
    let p = s.ions[k].permeability_cm_per_s;
    (p > 0.0).then_some((k, p))
}

/// The transporters' sliders span two decades below and one above their value at start.
const TRANSPORTER_DECADES: (f64, f64) = (1e-2, 10.0);

/// Every control of the cell `present`, in page order; slider ends follow the values at
/// `start` (the preset as loaded). The gated channels' switch shows for a cell that
/// was loaded with them.
pub fn specs(present: &Scenario, start: &Scenario) -> Vec<ControlSpec> {
    let mut out: Vec<ControlSpec> = (0..present.ions.len()).flat_map(|i| ion_specs(present, start, i)).collect();
    out.push(temperature_spec());
    if present.pump.is_some() {
        out.extend(pump_specs());
    }
    for key in [
        ControlKey::GatesOn,
        ControlKey::Kcc2Rate,
        ControlKey::NcxMax,
        ControlKey::ProtonPumpRunning,
        ControlKey::KhExchangerRate,
    ] {
        if let Some(spec) = transporter_spec(&key, start) {
            out.push(spec);
        }
    }
    out
}

/// The switch of the gated channels and the transporters' strengths, for a cell that
/// started with them.
fn transporter_spec(key: &ControlKey, start: &Scenario) -> Option<ControlSpec> {
    let around = |v: f64| (v * TRANSPORTER_DECADES.0, v * TRANSPORTER_DECADES.1);
    match key {
        ControlKey::GatesOn => start.gates.map(|_| {
            let mut on = ControlSpec::range(ControlKey::GatesOn, ControlUnit::Switch, (0.0, 1.0), (0.0, 1.0));
            on.kind = ControlKind::Checkbox;
            on
        }),
        ControlKey::Kcc2Rate => start.kcc2.map(|k| {
            let mut s = ControlSpec::range(
                ControlKey::Kcc2Rate,
                ControlUnit::MmPerS,
                around(k.rate_mm_per_s),
                (KCC2_RATE_MM_PER_S.min, KCC2_RATE_MM_PER_S.max),
            );
            s.log = true;
            s.off_at_zero = true;
            s
        }),
        ControlKey::NcxMax => start.ncx.map(|x| {
            let mut s = ControlSpec::range(
                ControlKey::NcxMax,
                ControlUnit::UaPerCm2,
                around(x.max_current_ua_per_cm2),
                (NCX_MAX_CURRENT_UA_PER_CM2.min, NCX_MAX_CURRENT_UA_PER_CM2.max),
            );
            s.log = true;
            s.off_at_zero = true;
            s
        }),
        ControlKey::ProtonPumpRunning => start.proton_pump.map(|_| {
            let mut on = ControlSpec::range(ControlKey::ProtonPumpRunning, ControlUnit::Switch, (0.0, 1.0), (0.0, 1.0));
            on.kind = ControlKind::Checkbox;
            on
        }),
        ControlKey::KhExchangerRate => start.kh_exchanger.map(|x| {
            let mut s = ControlSpec::range(
                ControlKey::KhExchangerRate,
                ControlUnit::MmPerS,
                around(x.rate_mm_per_s),
                (KH_EXCHANGER_RATE_MM_PER_S.min, KH_EXCHANGER_RATE_MM_PER_S.max),
            );
            s.log = true;
            s.off_at_zero = true;
            s
        }),
        _ => None,
    }
}

/// The one control `key` of the cell `present`, without building the others.
pub fn spec(key: &ControlKey, present: &Scenario, start: &Scenario) -> Result<ControlSpec, LabError> {
    let not = || LabError::NotAControl { key: key.clone() };
    match key {
        ControlKey::Ion { ion, quantity } => {
            let i = present.ion_index(ion).ok_or_else(not)?;
            let [inside, outside, permeability] = ion_specs(present, start, i);
            Ok(match quantity {
                IonQuantity::Inside => inside,
                IonQuantity::Outside => outside,
                IonQuantity::Permeability => permeability,
            })
        }
        ControlKey::Temperature => Ok(temperature_spec()),
        ControlKey::PumpRunning | ControlKey::PumpRate if present.pump.is_none() => Err(not()),
        ControlKey::PumpRunning => Ok(pump_specs()[0].clone()),
        ControlKey::PumpRate => Ok(pump_specs()[1].clone()),
        ControlKey::GatesOn
        | ControlKey::Kcc2Rate
        | ControlKey::NcxMax
        | ControlKey::ProtonPumpRunning
        | ControlKey::KhExchangerRate => transporter_spec(key, start).ok_or_else(not),
    }
}

/// Ion `i`'s inside, outside and permeability controls.
fn ion_specs(present: &Scenario, start: &Scenario, i: usize) -> [ControlSpec; 3] {
    let ion = &present.ions[i];
    // By name: a link or a host may add, drop or reorder ions.
    let at_start = start.ion_index(&ion.name).map_or(ion, |j| &start.ions[j]);
    let concentration = |quantity, start_mm| {
        let mut spec = ControlSpec::range(
            ControlKey::ion(&ion.name, quantity),
            ControlUnit::Millimolar,
            concentration_slider(start_mm),
            (CONCENTRATION_MM.min, CONCENTRATION_MM.max),
        );
        spec.log = true;
        spec.ion_index = Some(i);
        spec.typed_smallest = CONCENTRATION_TYPED_SMALLEST_MM;
        spec
    };
    let key = ControlKey::ion(&ion.name, IonQuantity::Permeability);
    let p_max = PERMEABILITY_CM_PER_S.max;
    let mut permeability = match reference_p(present) {
        // P_K is the reference: absolute, and never zero.
        Some((k, _)) if k == i => {
            ControlSpec::range(key, ControlUnit::CmPerS, P_REFERENCE_SLIDER_CM_PER_S, (P_REFERENCE_MIN_CM_PER_S, p_max))
        }
        Some((_, pk)) => {
            let mut s = ControlSpec::range(key, ControlUnit::TimesPk, P_RELATIVE_SLIDER, (0.0, p_max / pk));
            s.off_at_zero = true;
            s
        }
        None => {
            let mut s = ControlSpec::range(key, ControlUnit::CmPerS, P_ABSOLUTE_SLIDER_CM_PER_S, (0.0, p_max));
            s.off_at_zero = true;
            s
        }
    };
    permeability.log = true;
    permeability.ion_index = Some(i);
    [
        concentration(IonQuantity::Inside, at_start.inside_mm),
        concentration(IonQuantity::Outside, at_start.outside_mm),
        permeability,
    ]
}

fn temperature_spec() -> ControlSpec {
    let mut t =
        ControlSpec::range(ControlKey::Temperature, ControlUnit::Celsius, TEMPERATURE_SLIDER_C, TEMPERATURE_TYPED_C);
    t.typed_step = TEMPERATURE_STEP_C;
    t
}

/// The pump's switch and its rate.
fn pump_specs() -> [ControlSpec; 2] {
    let mut running = ControlSpec::range(ControlKey::PumpRunning, ControlUnit::Switch, (0.0, 1.0), (0.0, 1.0));
    running.kind = ControlKind::Checkbox;
    let mut rate = ControlSpec::range(ControlKey::PumpRate, ControlUnit::Percent, (0.0, 100.0), (0.0, 100.0));
    rate.typed_step = 1.0;
    [running, rate]
}

/// The present value of a control, in its own unit.
pub fn value(spec: &ControlSpec, m: &Membrane) -> f64 {
    let s = m.scenario();
    match (&spec.key, spec.ion_index) {
        (ControlKey::Ion { quantity: IonQuantity::Inside, .. }, Some(i)) => m.inside_mm()[i],
        (ControlKey::Ion { quantity: IonQuantity::Outside, .. }, Some(i)) => s.ions[i].outside_mm,
        (ControlKey::Ion { quantity: IonQuantity::Permeability, .. }, Some(i)) => {
            let p = s.ions[i].permeability_cm_per_s;
            match reference_p(s) {
                Some((k, pk)) if k != i => p / pk,
                _ => p,
            }
        }
        (ControlKey::Ion { .. }, None) => f64::NAN,
        (ControlKey::Temperature, _) => s.temperature_c,
        (ControlKey::PumpRunning, _) => f64::from(u8::from(s.pump.is_some_and(|p| !p.blocked))),
        (ControlKey::PumpRate, _) => s.pump.map_or(0.0, |p| 100.0 * p.rate_fraction),
        (ControlKey::GatesOn, _) => f64::from(u8::from(s.gates.is_some())),
        (ControlKey::Kcc2Rate, _) => s.kcc2.map_or(0.0, |k| k.rate_mm_per_s),
        (ControlKey::NcxMax, _) => s.ncx.map_or(0.0, |x| x.max_current_ua_per_cm2),
        (ControlKey::ProtonPumpRunning, _) => f64::from(u8::from(s.proton_pump.is_some_and(|p| !p.blocked))),
        (ControlKey::KhExchangerRate, _) => s.kh_exchanger.map_or(0.0, |x| x.rate_mm_per_s),
    }
}

/// Set the control to `value` (in its own unit). Out-of-range values are refused with
/// the control's range; the model refuses combinations it cannot run. Nothing changes
/// on error. `start` is the cell as loaded (the gated channels' maxima come from it).
pub fn set(spec: &ControlSpec, value: f64, m: &mut Membrane, start: &Scenario) -> Result<(), LabError> {
    if !(value.is_finite() && value >= spec.typed_min && value <= spec.typed_max) {
        return Err(LabError::OutOfRange {
            key: spec.key.clone(),
            min: spec.typed_min,
            max: spec.typed_max,
            got: value,
        });
    }
    if value > 0.0 && value < spec.typed_smallest {
        return Err(LabError::TooSmall {
            key: spec.key.clone(),
            smallest: spec.typed_smallest,
            max: spec.typed_max,
            got: value,
        });
    }
    let result = match (&spec.key, spec.ion_index) {
        (ControlKey::Ion { quantity: IonQuantity::Inside, .. }, Some(i)) => m.set_inside_mm(i, value),
        (ControlKey::Ion { quantity: IonQuantity::Outside, .. }, Some(i)) => m.set_outside_mm(i, value),
        (ControlKey::Ion { quantity: IonQuantity::Permeability, .. }, Some(i)) => {
            let p = match reference_p(m.scenario()) {
                Some((k, pk)) if k != i => value * pk,
                _ => value,
            };
            m.set_permeability_cm_per_s(i, p)
        }
        (ControlKey::Ion { .. }, None) => return Err(LabError::NotAControl { key: spec.key.clone() }),
        (ControlKey::Temperature, _) => m.set_temperature_c(value),
        (ControlKey::PumpRunning, _) => m.set_pump_blocked(value < 0.5),
        (ControlKey::PumpRate, _) => m.set_pump_rate_fraction(value / 100.0),
        (ControlKey::GatesOn, _) => m.set_gates(if value > 0.5 { start.gates } else { None }),
        (ControlKey::Kcc2Rate, _) => m.set_kcc2_rate_mm_per_s(value),
        (ControlKey::NcxMax, _) => m.set_ncx_max_current_ua_per_cm2(value),
        (ControlKey::ProtonPumpRunning, _) => m.set_proton_pump_blocked(value < 0.5),
        (ControlKey::KhExchangerRate, _) => m.set_kh_exchanger_rate_mm_per_s(value),
    };
    result.map_err(LabError::Rejected)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn concentration_sliders_span_whole_decades_around_the_value() {
        assert_eq!(concentration_slider(5.0), (0.01, 100.0));
        assert_eq!(concentration_slider(140.0), (1.0, 10_000.0));
        assert_eq!(concentration_slider(0.0001), (1e-6, 0.001));
    }

    #[test]
    fn rounding_keeps_three_significant_digits() {
        assert_eq!(round_significant(6.94682, 3), 6.95);
        assert_eq!(round_significant(0.000123456, 3), 0.000123);
        assert_eq!(round_significant(12345.0, 3), 12300.0);
    }
}
