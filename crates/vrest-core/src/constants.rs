//! Physical constants (exact SI-2019 values) and the model's allowed input ranges.
//!
//! Every limit that validation enforces lives here, so that an error message, the
//! CLI help and the page's sliders can all quote the same numbers.

/// Avogadro constant, exact (SI 2019), per mole.
pub const AVOGADRO_PER_MOL: f64 = 6.022_140_76e23;
/// Elementary charge, exact (SI 2019), coulombs.
pub const ELEMENTARY_CHARGE_C: f64 = 1.602_176_634e-19;
/// Boltzmann constant, exact (SI 2019), J/K.
pub const BOLTZMANN_J_PER_K: f64 = 1.380_649e-23;
/// Gas constant R = N_A·k_B, J/(mol·K) (8.314462618153…).
pub const GAS_CONSTANT_J_PER_MOL_K: f64 = AVOGADRO_PER_MOL * BOLTZMANN_J_PER_K;
/// Faraday constant F = N_A·e, C/mol (96485.33212331…).
pub const FARADAY_C_PER_MOL: f64 = AVOGADRO_PER_MOL * ELEMENTARY_CHARGE_C;
/// T[K] = T[°C] + 273.15, exactly.
pub const ZERO_CELSIUS_K: f64 = 273.15;

/// Na⁺ ions moved out per pump cycle.
pub const PUMP_NA_PER_CYCLE: f64 = 3.0;
/// K⁺ ions moved in per pump cycle.
pub const PUMP_K_PER_CYCLE: f64 = 2.0;
/// The Mullins–Noda coupling ratio r = Na⁺ out / K⁺ in for the 3:2 pump.
pub const PUMP_COUPLING_RATIO: f64 = PUMP_NA_PER_CYCLE / PUMP_K_PER_CYCLE;
/// Half-activation constants of the pump, Kager, Wadman & Somjen (2000): K_Na and K_K.
pub const PUMP_NA_HALF_MM: f64 = 10.0;
pub const PUMP_K_HALF_MM: f64 = 2.0;

/// Na⁺ ions in and elementary charges of Ca²⁺ out per exchanger cycle (3 Na⁺ : 1 Ca²⁺).
pub const NCX_NA_PER_CYCLE: f64 = 3.0;
pub const NCX_CA_CHARGE_PER_CYCLE: f64 = 2.0;

/// Names the pump reads: it moves the ions called exactly this.
pub const POTASSIUM_NAME: &str = "K";
pub const SODIUM_NAME: &str = "Na";
/// Reserved key in the per-ion current maps.
pub const PUMP_KEY: &str = "pump";

/// An inclusive or exclusive numeric range that a field must fall in.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Range {
    pub min: f64,
    pub max: f64,
    /// Whether `min` itself is allowed.
    pub min_inclusive: bool,
    pub unit: &'static str,
}

impl Range {
    pub const fn closed(min: f64, max: f64, unit: &'static str) -> Self {
        Range { min, max, min_inclusive: true, unit }
    }
    pub const fn above(min: f64, max: f64, unit: &'static str) -> Self {
        Range { min, max, min_inclusive: false, unit }
    }
    pub fn contains(&self, x: f64) -> bool {
        x.is_finite() && x <= self.max && if self.min_inclusive { x >= self.min } else { x > self.min }
    }
}

/// A range limit as the messages print it: 10000, 1e-12, 0.01.
pub fn fmt_limit(x: f64) -> String {
    if x != 0.0 && (x.abs() < 1e-3 || x.abs() >= 1e5) {
        format!("{x:e}")
    } else {
        format!("{x}")
    }
}

/// Temperature: above absolute zero; the upper limit is the boiling point of water.
pub const TEMPERATURE_C: Range = Range::above(-ZERO_CELSIUS_K, 100.0, "°C");
/// Any concentration, inside or outside.
pub const CONCENTRATION_MM: Range = Range::closed(0.0, 10_000.0, "mM");
/// Absolute permeability of one ion.
pub const PERMEABILITY_CM_PER_S: Range = Range::closed(0.0, 1e-2, "cm/s");
/// Valence: a non-zero integer in this range.
pub const CHARGE_MIN: i32 = -4;
pub const CHARGE_MAX: i32 = 4;
/// From a small vesicle to a giant axon or a frog egg; below 0.1 µm the charge skin
/// is no longer thin beside the cell.
pub const RADIUS_UM: Range = Range::closed(0.1, 5_000.0, "µm");
pub const CAPACITANCE_UF_PER_CM2: Range = Range::above(0.0, 100.0, "µF/cm²");
/// A bilayer is 3–10 nm; 1 nm to 1 µm keeps every field finite and covers any
/// teaching what-if.
pub const THICKNESS_NM: Range = Range::closed(1.0, 1_000.0, "nm");
pub const VOLTAGE_MV: Range = Range::closed(-500.0, 500.0, "mV");
pub const PUMP_MAX_CURRENT_UA_PER_CM2: Range = Range::closed(0.0, 1_000.0, "µA/cm²");
pub const PUMP_HALF_MM: Range = Range::above(0.0, 10_000.0, "mM");
pub const PUMP_RATE_FRACTION: Range = Range::closed(0.0, 1.0, "");
/// Longest single `advance`: one day of model time.
pub const ADVANCE_DT_S: Range = Range::above(0.0, 86_400.0, "s");
pub const MAX_IONS: usize = 8;
/// ΔG_ATP in cells is about −50 to −60 kJ/mol (Veech et al. 1979, J. Biol. Chem.
/// 254:6538); the range allowed spans it widely.
pub const ATP_FREE_ENERGY_KJ_PER_MOL: Range = Range::closed(-100.0, -20.0, "kJ/mol");
/// The default: −55 kJ/mol, which puts the neuron's pump reversal near −210 mV.
pub const ATP_FREE_ENERGY_DEFAULT_KJ_PER_MOL: f64 = -55.0;
pub const KCC2_RATE_MM_PER_S: Range = Range::closed(0.0, 100.0, "mM/s");
/// Cytosolic H⁺ buffering power: plant and animal cells measure 10–100 mM per pH unit.
pub const PH_BUFFER_MM_PER_PH: Range = Range::above(0.0, 1_000.0, "mM per pH unit");
pub const KH_EXCHANGER_RATE_MM_PER_S: Range = Range::closed(0.0, 100.0, "mM/s");
pub const NCX_MAX_CURRENT_UA_PER_CM2: Range = Range::closed(0.0, 10_000.0, "µA/cm²");
/// A Q10 factor: 1 means no temperature dependence.
pub const Q10_FACTOR: Range = Range::closed(1.0, 10.0, "");
/// Stimuli: when, how long and how strong; at most this many pulses.
pub const STIMULUS_START_S: Range = Range::closed(0.0, 1e7, "s");
pub const STIMULUS_DURATION_S: Range = Range::above(0.0, 1e7, "s");
pub const STIMULUS_AMPLITUDE_UA_PER_CM2: Range = Range::closed(-1_000.0, 1_000.0, "µA/cm²");
pub const MAX_STIMULI: usize = 1_000;
/// Gated over leak permeability, as Wei, Ullah & Schiff (2014) set their conductances:
/// g_Na/g_NaL = 30/0.0247 and g_K/g_KL = 25/0.05 (the default for a new `"gates"`).
pub const GATE_NA_RATIO: f64 = 30.0 / 0.0247;
pub const GATE_K_RATIO: f64 = 25.0 / 0.05;
/// A channel conductance of Noble's (1962) model, mS/cm².
pub const CONDUCTANCE_MS_PER_CM2: Range = Range::closed(0.0, 10_000.0, "mS/cm²");
/// Noble (1962): g_Na = 400, background 0.14, g_K1 and g_K2 scales 1.2 mS/cm² (the
/// defaults for a new `"noble"`).
pub const NOBLE_NA_MAX_MS_PER_CM2: f64 = 400.0;
pub const NOBLE_NA_BACKGROUND_MS_PER_CM2: f64 = 0.14;
pub const NOBLE_K1_MS_PER_CM2: f64 = 1.2;
pub const NOBLE_K2_MAX_MS_PER_CM2: f64 = 1.2;
/// KCC2's strength in Wei, Ullah & Schiff (2014).
pub const KCC2_DEFAULT_RATE_MM_PER_S: f64 = 0.3;
/// k_NaCa of Luo & Rudy (1994), 2000 µA/µF, at 1 µF/cm².
pub const NCX_DEFAULT_MAX_CURRENT_UA_PER_CM2: f64 = 2_000.0;
/// Q10s: leak permeability (Hille 2001, ch. 18: 1.2–1.5 for channel conductance), the
/// Na⁺/K⁺-ATPase and other transporters (about 3), gating rates (3, Hodgkin, Huxley &
/// Katz 1952).
pub const Q10_LEAKS: f64 = 1.3;
pub const Q10_PUMPS: f64 = 3.0;
pub const Q10_GATES: f64 = 3.0;
/// Names reserved for the transporters' currents in the report.
pub const NCX_KEY: &str = "ncx";
pub const PROTON_PUMP_KEY: &str = "proton_pump";
pub const PROTON_NAME: &str = "H";
pub const PROTON_PUMP_MAX_CURRENT_UA_PER_CM2: Range = Range::closed(0.0, 1_000.0, "µA/cm²");
pub const PROTON_HALF_MM: Range = Range::above(0.0, 1.0, "mM");
/// Half-activation by inside H⁺: pH 7.5 (ours; the pump speeds up as the cytosol acidifies).
pub const PROTON_HALF_DEFAULT_MM: f64 = 3.2e-5;
pub const CALCIUM_NAME: &str = "Ca";
pub const CHLORIDE_NAME: &str = "Cl";
pub const MAX_ION_NAME_CHARS: usize = 16;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn derived_constants_match_the_published_values() {
        assert!((GAS_CONSTANT_J_PER_MOL_K - 8.314_462_618_153).abs() < 1e-11);
        assert!((FARADAY_C_PER_MOL - 96_485.332_123_31).abs() < 1e-7);
    }

    #[test]
    fn ranges_hold_their_ends() {
        assert_eq!(fmt_limit(CONCENTRATION_MM.max), "10000");
        assert_eq!(fmt_limit(PERMEABILITY_CM_PER_S.max), "0.01");
        assert_eq!(fmt_limit(1e-12), "1e-12");
        assert!(!RADIUS_UM.contains(0.0));
        assert!(CONCENTRATION_MM.contains(0.0));
        assert!(!CONCENTRATION_MM.contains(f64::NAN));
        assert!(!TEMPERATURE_C.contains(-273.15));
        assert!(TEMPERATURE_C.contains(-273.0));
    }
}
