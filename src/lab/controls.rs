//! The lab's parameter controls: typed keys, slider scales and allowed values, and how a
//! slider position or a typed number becomes a model change. Numbers only: the page's
//! labels for them come from `src/present`.
//!
//! Controls are named by a [`ControlKey`] (`key.rs`).

use vrest_core::constants::{CONCENTRATION_MM, PERMEABILITY_CM_PER_S, POTASSIUM_NAME};
use vrest_core::{Membrane, Scenario};

use super::error::LabError;
use super::key::{ControlKey, IonQuantity};
use super::parts::{part, PARTS};
pub use super::spec::{ControlKind, ControlSpec, ControlUnit, SLIDER_STEPS};

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

/// Every control of the cell `present`, in page order: each ion's, then the others
/// (`parts::PARTS`) the cell has. Slider ends follow the values at `start` (the
/// preset as loaded); the gated channels' switch and the transporters show for a cell
/// that was loaded with them.
pub fn specs(present: &Scenario, start: &Scenario) -> Vec<ControlSpec> {
    let ions = (0..present.ions.len()).flat_map(|i| ion_specs(present, start, i));
    ions.chain(PARTS.iter().filter_map(|p| (p.spec)(present, start))).collect()
}

/// The one control `key` of the cell `present`, without building the others.
pub fn spec(key: &ControlKey, present: &Scenario, start: &Scenario) -> Result<ControlSpec, LabError> {
    let not = || LabError::NotAControl { key: key.clone() };
    match (key, part(key)) {
        (ControlKey::Ion { ion, quantity }, _) => {
            let i = present.ion_index(ion).ok_or_else(not)?;
            let [inside, outside, permeability] = ion_specs(present, start, i);
            Ok(match quantity {
                IonQuantity::Inside => inside,
                IonQuantity::Outside => outside,
                IonQuantity::Permeability => permeability,
            })
        }
        (_, Some(p)) => (p.spec)(present, start).ok_or_else(not),
        (_, None) => Err(not()),
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
        (key, _) => part(key).map_or(f64::NAN, |p| (p.value)(s)),
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
        (key, _) => match part(key) {
            Some(p) => (p.set)(m, value, start),
            None => return Err(LabError::NotAControl { key: spec.key.clone() }),
        },
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
}
