//! A control's slider and typed range: how a slider position becomes a value and back.
//! Numbers only; what each control is lives in `controls.rs` (an ion's) and
//! `parts.rs` (the others).

use serde::Serialize;

use super::key::ControlKey;

/// Slider positions run from 0 to this.
pub const SLIDER_STEPS: u32 = 1000;
/// A slider value is rounded to this many significant digits, so dragging sets tidy numbers.
const SLIDER_DIGITS: i32 = 3;
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
    pub(super) fn range(key: ControlKey, unit: ControlUnit, slider: (f64, f64), typed: (f64, f64)) -> ControlSpec {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rounding_keeps_three_significant_digits() {
        assert_eq!(round_significant(6.94682, 3), 6.95);
        assert_eq!(round_significant(0.000123456, 3), 0.000123);
        assert_eq!(round_significant(12345.0, 3), 12300.0);
    }
}
