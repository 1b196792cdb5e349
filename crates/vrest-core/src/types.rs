//! The data types every layer shares: an ion, the cell, the pump and the complete
//! scenario. Parsing and validation live in `scenario.rs`; the dynamics in
//! `membrane.rs`.

use serde::Serialize;

/// One ion species: its valence, concentrations and absolute leak permeability.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Ion {
    pub name: String,
    pub charge: i32,
    pub inside_mm: f64,
    pub outside_mm: f64,
    pub permeability_cm_per_s: f64,
}

/// The model cell: a sphere.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Cell {
    pub radius_um: f64,
    pub capacitance_uf_per_cm2: f64,
    pub membrane_thickness_nm: f64,
}

/// The Na⁺/K⁺-ATPase in the Kager–Wadman–Somjen (2000) form (`pump.rs`):
/// I = I_max·f·(Na_i/(Na_i+K_Na))³·(K_o/(K_o+K_K))², 3 Na⁺ out and 2 K⁺ in per cycle.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Pump {
    pub max_current_ua_per_cm2: f64,
    pub na_half_mm: f64,
    pub k_half_mm: f64,
    /// Ouabain or digitalis: no cycling at all.
    pub blocked: bool,
    /// Fraction f of the normal turnover (1 = healthy; below 1 models ATP loss).
    pub rate_fraction: f64,
}

/// A complete configuration. `Scenario::validate` (scenario.rs) checks it whole.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Scenario {
    pub temperature_c: f64,
    pub cell: Cell,
    pub ions: Vec<Ion>,
    pub pump: Option<Pump>,
    /// The voltage at t = 0; it fixes the impermeant anions' charge (0 = uncharged membrane).
    pub initial_voltage_mv: f64,
    /// When set, the voltage is held here (a voltage clamp) and the report evaluates
    /// currents and charge at it.
    pub clamp_mv: Option<f64>,
}

impl Scenario {
    /// Index of the ion called `name`.
    pub fn ion_index(&self, name: &str) -> Option<usize> {
        self.ions.iter().position(|i| i.name == name)
    }

    /// The ions with these inside concentrations (the rest unchanged).
    pub fn ions_with_inside(&self, inside_mm: &[f64]) -> Vec<Ion> {
        self.ions.iter().zip(inside_mm).map(|(ion, c)| Ion { inside_mm: *c, ..ion.clone() }).collect()
    }
}
