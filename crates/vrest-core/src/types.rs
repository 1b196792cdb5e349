//! The data types every layer shares: an ion, the cell, the pump and the complete
//! scenario. They read as JSON with every key (`scenario.rs` merges a patch over a
//! base first, then reads and validates the result); the dynamics are in `membrane.rs`.

use serde::{Deserialize, Serialize};

/// One ion species: its valence, concentrations and absolute leak permeability.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Ion {
    pub name: String,
    pub charge: i32,
    pub inside_mm: f64,
    pub outside_mm: f64,
    pub permeability_cm_per_s: f64,
}

/// The model cell: a sphere.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Cell {
    pub radius_um: f64,
    pub capacitance_uf_per_cm2: f64,
    pub membrane_thickness_nm: f64,
}

/// The Na⁺/K⁺-ATPase in the Kager–Wadman–Somjen (2000) form (`pump.rs`):
/// I = I_max·f·(Na_i/(Na_i+K_Na))³·(K_o/(K_o+K_K))², 3 Na⁺ out and 2 K⁺ in per cycle.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Pump {
    pub max_current_ua_per_cm2: f64,
    pub na_half_mm: f64,
    pub k_half_mm: f64,
    /// Ouabain or digitalis: no cycling at all.
    pub blocked: bool,
    /// Fraction f of the normal turnover (1 = healthy; below 1 models ATP loss).
    pub rate_fraction: f64,
    /// The free energy of ATP hydrolysis, ΔG_ATP (negative). With it the pump slows to a
    /// stop as V approaches its reversal, E_pump = 3·E_Na − 2·E_K + ΔG_ATP/F (`pump.rs`);
    /// None is the plain Kager–Wadman–Somjen pump, which never stalls.
    pub atp_free_energy_kj_per_mol: Option<f64>,
}

/// The plasma-membrane H⁺-ATPase of plants and fungi: one H⁺ out per ATP, electrogenic,
/// stalling at its reversal E_H + ΔG_ATP/F (`proton_pump.rs`).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProtonPump {
    pub max_current_ua_per_cm2: f64,
    /// Inside H⁺ at which the pump runs at half its rate (its pH dependence).
    pub h_half_mm: f64,
    /// Cyanide or anoxia: no ATP, no pumping.
    pub blocked: bool,
    pub atp_free_energy_kj_per_mol: Option<f64>,
}

/// Voltage-gated Na⁺ (m³h) and K⁺ (n⁴) channels with Traub–Miles kinetics, as used by
/// Wei, Ullah & Schiff (2014): they add P_max·m³h to the permeability of the ion named
/// "Na" and P_max·n⁴ to that of "K" (`gates.rs`).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Gates {
    pub na_max_permeability_cm_per_s: f64,
    pub k_max_permeability_cm_per_s: f64,
}

/// The channels of Noble's (1962) cardiac Purkinje-fibre model (`gates.rs`), ohmic as
/// he wrote them, through the ions named "Na" and "K":
/// I_Na = (g_Na·m³h + g_Na,b)·(V − E_Na) and I_K = (g_K1(V) + g_K2·n⁴)·(V − E_K), with
/// g_K1(V) = g_K1·(e^((−V−90)/50) + 0.0125·e^((V+90)/60)). E_Na and E_K follow the
/// present concentrations. They use the same gate slots as `Gates`, so a cell has one
/// or the other.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Noble {
    /// 400 mS/cm² in Noble (1962).
    pub na_max_ms_per_cm2: f64,
    /// The Na⁺ background: 0.14 mS/cm² in Noble (1962).
    pub na_background_ms_per_cm2: f64,
    /// The inward rectifier's scale: 1.2 mS/cm² in Noble (1962).
    pub k1_ms_per_cm2: f64,
    /// The delayed rectifier: 1.2 mS/cm² in Noble (1962).
    pub k2_max_ms_per_cm2: f64,
}

/// The K⁺–Cl⁻ cotransporter KCC2: electroneutral, flux U·ln(K_i·Cl_i/(K_o·Cl_o)) out
/// (Wei, Ullah & Schiff 2014).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Kcc2 {
    pub rate_mm_per_s: f64,
}

/// An electroneutral K⁺/H⁺ exchanger: one K⁺ out for one H⁺ in, at the rate
/// U·ln(K_i·H_o/(K_o·H_i)) (the KCC2 form with H⁺ moving the other way). In a plant
/// cell it stands for the K⁺/H⁺ antiport that keeps cytosolic K⁺ in balance (`doc/model.md`).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KhExchanger {
    pub rate_mm_per_s: f64,
}

/// The Na⁺/Ca²⁺ exchanger, 3 Na⁺ : 1 Ca²⁺, in the form of Luo & Rudy (1994) (`ncx.rs`).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Ncx {
    /// k_NaCa of Luo & Rudy (2000 µA/µF in their ventricular cell).
    pub max_current_ua_per_cm2: f64,
}

/// A current pulse, as an electrode injects it: a positive amplitude carries positive
/// charge into the cell (depolarises).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Stimulus {
    pub start_s: f64,
    pub duration_s: f64,
    pub amplitude_ua_per_cm2: f64,
}

/// How rates follow temperature: each factor is a Q10, and the permeabilities, maximal
/// currents and rates written in the scenario are their values at `reference_c`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Q10 {
    pub reference_c: f64,
    /// Leak and channel permeabilities (Hille 2001: 1.2–1.5 for channel conductance).
    pub leaks: f64,
    /// The pump and the other transporters (about 3 for the Na⁺/K⁺-ATPase).
    pub pumps: f64,
    /// Gate opening and closing rates (3, as Hodgkin & Huxley used).
    pub gates: f64,
}

impl Q10 {
    /// The standard Q10s (constants.rs), with these values at `reference_c`.
    pub fn standard(reference_c: f64) -> Q10 {
        use crate::constants::{Q10_GATES, Q10_LEAKS, Q10_PUMPS};
        Q10 { reference_c, leaks: Q10_LEAKS, pumps: Q10_PUMPS, gates: Q10_GATES }
    }

    /// The factor Q10^((T − T_ref)/10) for one of the Q10s at `temperature_c`.
    pub fn factor(&self, q10: f64, temperature_c: f64) -> f64 {
        q10.powf((temperature_c - self.reference_c) / 10.0)
    }
}

/// A complete configuration. `Scenario::validate` (scenario.rs) checks it whole.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
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
    /// Voltage-gated channels; None is a passive membrane.
    pub gates: Option<Gates>,
    /// Noble's (1962) pacemaking channels; None is none.
    pub noble: Option<Noble>,
    pub kcc2: Option<Kcc2>,
    pub ncx: Option<Ncx>,
    /// The H⁺-ATPase, pumping the ion named "H".
    pub proton_pump: Option<ProtonPump>,
    /// The K⁺/H⁺ exchanger; None is none.
    pub kh_exchanger: Option<KhExchanger>,
    /// The cytosol's H⁺ buffering power β: mM of H⁺ bound or released per pH unit (held
    /// constant). None: every H⁺ that crosses stays free.
    pub ph_buffer_mm_per_ph: Option<f64>,
    /// Temperature dependence beyond RT/F; None is none.
    pub q10: Option<Q10>,
    /// Current pulses; where they overlap, they add.
    pub stimuli: Vec<Stimulus>,
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
