//! The `vrest report` object: closed-form values for one scenario.

use serde::ser::{Serialize, SerializeMap, Serializer};

use crate::constants::*;
use crate::error::ModelError;
use crate::physics::{self, ChargeSeparation};
use crate::pump::PumpSide;
use crate::types::Scenario;

/// Values keyed by ion name, serialised as a JSON object in the scenario's ion order.
#[derive(Debug, Clone, PartialEq)]
pub struct Named<T>(pub Vec<(String, T)>);

impl<T> Named<T> {
    pub fn get(&self, name: &str) -> Option<&T> {
        self.0.iter().find(|(n, _)| n == name).map(|(_, v)| v)
    }
}

impl<T: Serialize> Serialize for Named<T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(self.0.len()))?;
        for (k, v) in &self.0 {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }
}

/// Closed-form results for a scenario (the key names are the CLI contract).
/// Rounds of the plant cell's steady-voltage search (each changes V by less than the
/// last: 20 reach rounding).
const REPORT_PROTON_PUMP_ROUNDS: usize = 20;

#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Report {
    /// E_ion per ion; null where a concentration is 0 (the potential is infinite).
    pub nernst_mv: Named<Option<f64>>,
    /// The GHK voltage with every ion's permeability (no pump).
    pub ghk_mv: f64,
    /// Mullins–Noda for K⁺ and Na⁺ with the 3:2 ratio; for a cell with only the H⁺ pump
    /// (a plant cell), the voltage at which the leaks carry the pump's current; null
    /// without a pump, or when the ions it needs are impermeant or at 0.
    pub pump_steady_mv: Option<f64>,
    /// Each ion's leak (GHK) current at the evaluation voltage, plus `"pump"` (null without
    /// a pump) and, with an exchanger, `"ncx"`. Temperature factors (Q10) apply; the
    /// voltage-gated channels, which depend on their history, are not in this report.
    pub currents_ua_per_cm2: Named<Option<f64>>,
    /// The charge separation at the evaluation voltage (`clamp_mv`, else the GHK voltage).
    pub charge: ChargeSeparation,
}

impl Report {
    pub fn new(s: &Scenario) -> Result<Report, ModelError> {
        s.validate()?;
        let t = s.temperature_c;
        let nernst_mv = Named(
            s.ions
                .iter()
                .map(|i| (i.name.clone(), physics::nernst_mv(i.charge, i.inside_mm, i.outside_mm, t).ok()))
                .collect(),
        );
        let ghk_mv = physics::ghk_voltage_mv(&s.ions, t)?;
        let v = s.clamp_mv.unwrap_or(ghk_mv);
        let rt_f = physics::thermal_voltage_mv(t);
        let q10 = |pick: fn(&crate::types::Q10) -> f64| s.q10.map_or(1.0, |q| q.factor(pick(&q), t));
        let (leak_q, pump_q) = (q10(|q| q.leaks), q10(|q| q.pumps));
        let pump_steady_mv = pump_steady_mv(s, ghk_mv, (leak_q, pump_q), rt_f);
        let currents = currents(s, v, (leak_q, pump_q), rt_f);
        let c = &s.cell;
        let charge = physics::charge_separation_raw(v, c.radius_um, c.capacitance_uf_per_cm2, c.membrane_thickness_nm);
        Ok(Report { nernst_mv, ghk_mv, pump_steady_mv, currents_ua_per_cm2: Named(currents), charge })
    }
}

/// Where the pump would hold V with every other ion passive: Mullins–Noda for the
/// Na⁺/K⁺ pump; for a plant cell, where the leaks carry the H⁺ pump's current.
fn pump_steady_mv(s: &Scenario, ghk_mv: f64, (leak_q, pump_q): (f64, f64), rt_f: f64) -> Option<f64> {
    let t = s.temperature_c;
    let k = s.ion_index(POTASSIUM_NAME).map(|i| &s.ions[i]);
    let na = s.ion_index(SODIUM_NAME).map(|i| &s.ions[i]);
    let h = s.ion_index(PROTON_NAME).map(|i| &s.ions[i]);
    match (&s.pump, k, na, &s.proton_pump, h) {
        (Some(_), Some(k), Some(na), ..) => physics::mullins_noda_mv(k, na, PUMP_COUPLING_RATIO, t).ok(),
        // A plant cell: where the leaks carry the H⁺ pump's current. The pump barely
        // depends on V far from its stall, so a few rounds of "current at V, then V
        // for that current" settle it.
        (None, _, _, Some(p), Some(h)) => {
            let leaks: Vec<crate::types::Ion> = s
                .ions
                .iter()
                .map(|i| crate::types::Ion { permeability_cm_per_s: i.permeability_cm_per_s * leak_q, ..i.clone() })
                .collect();
            let scale = p.max_current_ua_per_cm2 * pump_q;
            let mut at = Some(ghk_mv);
            for _ in 0..REPORT_PROTON_PUMP_ROUNDS {
                at = at.and_then(|v| {
                    let (i, ..) = crate::proton_pump::current(p, scale, h.inside_mm, h.outside_mm, v, rt_f);
                    physics::zero_current_voltage_mv(&leaks, t, i).ok()
                });
            }
            at
        }
        _ => None,
    }
}

/// Each ion's current at V, then each pump's and exchanger's.
fn currents(s: &Scenario, v: f64, (leak_q, pump_q): (f64, f64), rt_f: f64) -> Vec<(String, Option<f64>)> {
    let k = s.ion_index(POTASSIUM_NAME).map(|i| &s.ions[i]);
    let na = s.ion_index(SODIUM_NAME).map(|i| &s.ions[i]);
    let mut currents: Vec<(String, Option<f64>)> = s
        .ions
        .iter()
        .map(|i| {
            let p = i.permeability_cm_per_s * leak_q;
            let current = physics::ghk_current_raw(p, i.charge, i.inside_mm, i.outside_mm, v, rt_f);
            (i.name.clone(), Some(current))
        })
        .collect();
    let pump_current = match (&s.pump, k, na) {
        (Some(p), Some(k), Some(na)) => {
            let side = PumpSide {
                na_in_mm: na.inside_mm,
                na_out_mm: na.outside_mm,
                k_in_mm: k.inside_mm,
                k_out_mm: k.outside_mm,
                voltage_mv: v,
                rt_f_mv: rt_f,
            };
            Some(p.current_with_scale(p.scale_ua_per_cm2(k.outside_mm) * pump_q, &side))
        }
        _ => None,
    };
    currents.push((PUMP_KEY.to_string(), pump_current));
    let ca = s.ion_index(CALCIUM_NAME).map(|i| &s.ions[i]);
    if let (Some(x), Some(na), Some(ca)) = (&s.ncx, na, ca) {
        let (i, ..) = crate::ncx::current(
            x.max_current_ua_per_cm2 * pump_q,
            na.inside_mm,
            na.outside_mm,
            ca.inside_mm,
            ca.outside_mm,
            v,
            rt_f,
        );
        currents.push((NCX_KEY.to_string(), Some(i)));
    }
    if let (Some(p), Some(h)) = (&s.proton_pump, s.ion_index(PROTON_NAME).map(|i| &s.ions[i])) {
        let (i, ..) =
            crate::proton_pump::current(p, p.max_current_ua_per_cm2 * pump_q, h.inside_mm, h.outside_mm, v, rt_f);
        currents.push((PROTON_PUMP_KEY.to_string(), Some(i)));
    }
    currents
}
