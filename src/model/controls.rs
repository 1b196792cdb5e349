//! The page's parameter controls: their keys, accessible names, slider scales and
//! allowed values, and how a slider position or a typed number becomes a model change.
//! Keeping this here leaves the page's JavaScript with nothing to compute.
//!
//! Keys: `ion.<i>.inside`, `ion.<i>.outside`, `ion.<i>.permeability`, `temperature`,
//! `pump.running`, `pump.rate`.

use serde::Serialize;

use super::constants::*;
use super::error::ModelError;
use super::format;
use super::lab::Lab;
use super::readout::ion_label;

/// Slider positions run from 0 to this.
pub const SLIDER_STEPS: u32 = 1000;

/// One control.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ControlSpec {
    pub key: String,
    /// The accessible name, e.g. "K⁺ outside (mM)".
    pub label: String,
    /// "range" (a slider with a typed twin) or "checkbox".
    pub kind: &'static str,
    /// The group the page puts it in: an ion's name, "Temperature" or "Pump".
    pub group: String,
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
}

impl ControlSpec {
    /// A linear slider with a typed twin; `.log()`, `.off_at_zero()` and `.step()` adjust it.
    fn range(key: String, label: String, group: &str, slider: (f64, f64), typed: (f64, f64)) -> ControlSpec {
        ControlSpec {
            key,
            label,
            kind: "range",
            group: group.to_string(),
            log: false,
            slider_min: slider.0,
            slider_max: slider.1,
            off_at_zero: false,
            typed_min: typed.0,
            typed_max: typed.1,
            typed_step: 0.0,
        }
    }
    fn log(mut self) -> ControlSpec {
        self.log = true;
        self
    }
    fn off_at_zero(mut self) -> ControlSpec {
        self.off_at_zero = true;
        self
    }
    fn step(mut self, step: f64) -> ControlSpec {
        self.typed_step = step;
        self
    }
}

/// A control's present value, its slider position and how it reads.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ControlState {
    pub key: String,
    pub value: f64,
    pub position: u32,
    pub text: String,
    /// The value for the typed twin: plain decimal, six significant digits.
    pub typed: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Key {
    Inside(usize),
    Outside(usize),
    Permeability(usize),
    Temperature,
    PumpRunning,
    PumpRate,
}

impl Key {
    fn parse(key: &str, n_ions: usize) -> Result<Key, ModelError> {
        let bad = || {
            ModelError::new(
                "control",
                format!("unknown control \"{key}\"; controls are ion.<0..{}>.inside|outside|permeability, temperature, pump.running, pump.rate", n_ions.saturating_sub(1)),
            )
        };
        let parts: Vec<&str> = key.split('.').collect();
        match parts.as_slice() {
            ["temperature"] => Ok(Key::Temperature),
            ["pump", "running"] => Ok(Key::PumpRunning),
            ["pump", "rate"] => Ok(Key::PumpRate),
            ["ion", i, what] => {
                let i: usize = i.parse().map_err(|_| bad())?;
                if i >= n_ions {
                    return Err(bad());
                }
                match *what {
                    "inside" => Ok(Key::Inside(i)),
                    "outside" => Ok(Key::Outside(i)),
                    "permeability" => Ok(Key::Permeability(i)),
                    _ => Err(bad()),
                }
            }
            _ => Err(bad()),
        }
    }
}

/// Slider ends for a concentration: two decades below to one above, in whole decades,
/// within the model's range; fixed when a preset loads so it does not move while dragged.
pub fn concentration_slider(value_mm: f64) -> (f64, f64) {
    let v = if value_mm > 0.0 { value_mm } else { 1.0 };
    let lo = 10f64.powf((v.log10() - 2.0).floor()).max(1e-6);
    let hi = 10f64.powf((v.log10() + 1.0).ceil()).min(CONCENTRATION_MM.max);
    (lo, hi)
}

/// Reference permeability: P_K when the cell has a permeant K⁺.
fn reference_p(lab: &Lab) -> Option<(usize, f64)> {
    let s = lab.membrane().scenario();
    let k = s.ion_index(POTASSIUM_NAME)?;
    let p = s.ions[k].permeability_cm_per_s;
    (p > 0.0).then_some((k, p))
}

fn position(spec: &ControlSpec, value: f64) -> u32 {
    let steps = f64::from(SLIDER_STEPS);
    let f = if spec.log {
        if value <= 0.0 {
            return 0;
        }
        let (lo, hi) = (spec.slider_min.ln(), spec.slider_max.ln());
        let f = (value.ln() - lo) / (hi - lo);
        if spec.off_at_zero {
            // Position 1 is slider_min, SLIDER_STEPS is slider_max.
            return (1.0 + f * (steps - 1.0)).round().clamp(1.0, steps) as u32;
        }
        f
    } else {
        (value - spec.slider_min) / (spec.slider_max - spec.slider_min)
    };
    (f * steps).round().clamp(0.0, steps) as u32
}

fn value_at(spec: &ControlSpec, pos: u32) -> f64 {
    let steps = f64::from(SLIDER_STEPS);
    let pos = f64::from(pos.min(SLIDER_STEPS));
    if spec.log {
        if spec.off_at_zero {
            if pos == 0.0 {
                return 0.0;
            }
            let f = (pos - 1.0) / (steps - 1.0);
            return (spec.slider_min.ln() + f * (spec.slider_max.ln() - spec.slider_min.ln())).exp();
        }
        (spec.slider_min.ln() + pos / steps * (spec.slider_max.ln() - spec.slider_min.ln())).exp()
    } else {
        spec.slider_min + pos / steps * (spec.slider_max - spec.slider_min)
    }
}

/// Round a slider value to 3 significant digits, so dragging sets tidy numbers.
fn tidy(x: f64) -> f64 {
    format::significant(x, 3).replace('\u{2212}', "-").parse().unwrap_or(x)
}

impl Lab {
    /// Every control for the present cell, in page order.
    pub fn control_specs(&self) -> Vec<ControlSpec> {
        let s = self.membrane().scenario();
        let start = self.start_scenario();
        let reference = reference_p(self);
        let p_max = PERMEABILITY_CM_PER_S.max;
        let mut specs = Vec::new();
        for (i, ion) in s.ions.iter().enumerate() {
            let label = ion_label(&ion.name, ion.charge);
            let at_start = start.ions.get(i).unwrap_or(ion);
            for (side, start_value) in [("inside", at_start.inside_mm), ("outside", at_start.outside_mm)] {
                let slider = concentration_slider(start_value);
                let typed = (CONCENTRATION_MM.min, CONCENTRATION_MM.max);
                specs.push(
                    ControlSpec::range(
                        format!("ion.{i}.{side}"),
                        format!("{label} {side} (mM)"),
                        &ion.name,
                        slider,
                        typed,
                    )
                    .log(),
                );
            }
            let permeability = |unit: &str, slider, typed| {
                ControlSpec::range(
                    format!("ion.{i}.permeability"),
                    format!("{label} permeability ({unit})"),
                    &ion.name,
                    slider,
                    typed,
                )
                .log()
            };
            specs.push(match reference {
                // P_K is the reference: absolute, and never zero.
                Some((k, _)) if k == i => permeability("cm/s", (1e-9, 1e-3), (1e-12, p_max)),
                Some((_, pk)) => permeability("× P_K", (1e-4, 100.0), (0.0, p_max / pk)).off_at_zero(),
                None => permeability("cm/s", (1e-10, 1e-3), (0.0, p_max)).off_at_zero(),
            });
        }
        specs.push(
            ControlSpec::range(
                "temperature".into(),
                "Temperature (°C)".into(),
                "Temperature",
                (0.0, 45.0),
                (-273.0, TEMPERATURE_C.max),
            )
            .step(0.1),
        );
        if s.pump.is_some() {
            let mut running = ControlSpec::range(
                "pump.running".into(),
                "Pump running (untick to block it, as ouabain does)".into(),
                "Pump",
                (0.0, 1.0),
                (0.0, 1.0),
            );
            running.kind = "checkbox";
            specs.push(running);
            specs.push(
                ControlSpec::range(
                    "pump.rate".into(),
                    "Pump rate (% of normal)".into(),
                    "Pump",
                    (0.0, 100.0),
                    (0.0, 100.0),
                )
                .step(1.0),
            );
        }
        specs
    }

    fn spec(&self, key: &str) -> Result<ControlSpec, ModelError> {
        let n = self.membrane().scenario().ions.len();
        Key::parse(key, n)?;
        self.control_specs()
            .into_iter()
            .find(|s| s.key == key)
            .ok_or_else(|| ModelError::new("control", format!("\"{key}\" is not a control of this cell")))
    }

    /// The present value of a control, in its own unit.
    fn control_value(&self, key: Key) -> f64 {
        let m = self.membrane();
        let s = m.scenario();
        match key {
            Key::Inside(i) => m.inside_mm()[i],
            Key::Outside(i) => s.ions[i].outside_mm,
            Key::Permeability(i) => {
                let p = s.ions[i].permeability_cm_per_s;
                match reference_p(self) {
                    Some((k, pk)) if k != i => p / pk,
                    _ => p,
                }
            }
            Key::Temperature => s.temperature_c,
            Key::PumpRunning => f64::from(u8::from(s.pump.is_some_and(|p| !p.blocked))),
            Key::PumpRate => s.pump.map_or(0.0, |p| 100.0 * p.rate_fraction),
        }
    }

    /// Every control's value, slider position and text.
    pub fn control_states(&self) -> Vec<ControlState> {
        let n = self.membrane().scenario().ions.len();
        self.control_specs()
            .into_iter()
            .filter_map(|spec| {
                let key = Key::parse(&spec.key, n).ok()?;
                let value = self.control_value(key);
                let text = match key {
                    Key::Inside(_) | Key::Outside(_) => format::conc(value),
                    Key::Permeability(_) if spec.label.ends_with("(× P_K)") => {
                        format!("{} × P_K", format::significant(value, 3))
                    }
                    Key::Permeability(_) => format::permeability(value),
                    Key::Temperature => format!("{} °C", format::significant(value, 3)),
                    Key::PumpRunning => if value > 0.5 { "running" } else { "blocked" }.to_string(),
                    Key::PumpRate => format!("{:.0} %", value),
                };
                // Six significant digits, shortest form: "140", "6.94682", "0.000001".
                let typed = format!(
                    "{}",
                    format::significant(value, 6).replace('\u{2212}', "-").parse::<f64>().unwrap_or(value)
                );
                Some(ControlState { position: position(&spec, value), key: spec.key, value, text, typed })
            })
            .collect()
    }

    /// Set a control to a typed value. Out-of-range values are refused with a message
    /// naming the control and its range; nothing changes then.
    pub fn set_control(&mut self, key: &str, value: f64) -> Result<(), ModelError> {
        let spec = self.spec(key)?;
        let n = self.membrane().scenario().ions.len();
        let parsed = Key::parse(key, n)?;
        if !(value.is_finite() && value >= spec.typed_min && value <= spec.typed_max) {
            let got = if value.is_finite() { format!("{value}") } else { "not a number".to_string() };
            return Err(ModelError::new(
                spec.label.clone(),
                format!("must be from {} to {}; got {got}", fmt_limit(spec.typed_min), fmt_limit(spec.typed_max)),
            ));
        }
        let labelled = |e: ModelError| ModelError::new(spec.label.clone(), e.message);
        match parsed {
            Key::Inside(i) => self.set_inside_mm(i, value).map_err(labelled),
            Key::Outside(i) => self.set_outside_mm(i, value).map_err(labelled),
            Key::Permeability(i) => {
                let p = match reference_p(self) {
                    Some((k, pk)) if k != i => value * pk,
                    _ => value,
                };
                self.set_permeability_cm_per_s(i, p).map_err(labelled)
            }
            Key::Temperature => self.set_temperature_c(value).map_err(labelled),
            Key::PumpRunning => self.set_pump_running(value > 0.5).map_err(labelled),
            Key::PumpRate => self.set_pump_rate_fraction(value / 100.0).map_err(labelled),
        }
    }

    /// Set a control from its slider position (0 to SLIDER_STEPS).
    pub fn set_control_position(&mut self, key: &str, pos: u32) -> Result<(), ModelError> {
        let spec = self.spec(key)?;
        if pos > SLIDER_STEPS {
            return Err(ModelError::new(
                spec.label,
                format!("slider position must be from 0 to {SLIDER_STEPS}; got {pos}"),
            ));
        }
        let value = value_at(&spec, pos);
        let value = if spec.log || spec.typed_step == 0.0 {
            tidy(value)
        } else {
            (value / spec.typed_step).round() * spec.typed_step
        };
        self.set_control(key, value.clamp(spec.typed_min, spec.typed_max))
    }
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
}
