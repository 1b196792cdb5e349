//! Presets: cell types and clinical or experimental cases, each at a true steady state.
//!
//! A *cell type* is built from its published ingredients (bath, inside K⁺ and Na⁺, the
//! permeability ratios) and then completed by physics, not by tuning:
//! - the steady voltage is the Mullins–Noda value for the 3:2 pump;
//! - Cl⁻ has no transporter in the model, so it is passively distributed (E_Cl = V);
//! - the pump's maximal current is the one that exactly replaces the K⁺ leak (2 K⁺
//!   per cycle), which by Mullins–Noda also replaces the Na⁺ leak (3 Na⁺ per cycle).
//!
//! A *clinical case* is its base cell with one condition changed, run forward in the
//! model until nothing drifts: the state the cell reaches, with the same impermeant
//! anions. doc/model.md lists the values and their sources.

use crate::constants::*;
use crate::error::{Arg, ModelError};
use crate::membrane::Membrane;
use crate::physics::{ghk_current_raw, thermal_voltage_mv};
use crate::pump::PumpSide;
use crate::types::{Cell, Gates, Ion, Kcc2, KhExchanger, Ncx, Noble, ProtonPump, Pump, Scenario, Q10};

/// What a preset is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PresetKind {
    CellType,
    Clinical,
}

/// One preset: its stable id, what it is, where its numbers come from, and how to build
/// it. Titles and descriptions are words a person reads, so they live in the page's
/// text catalog under the same id (`preset-<id>-title`, `preset-<id>-description`).
#[derive(Debug, Clone, Copy)]
pub struct Preset {
    pub id: &'static str,
    pub kind: PresetKind,
    /// Measured resting range for cell types (low, high) in mV, with its source.
    pub measured_range_mv: Option<(f64, f64)>,
    /// For a cell that never rests (a pacemaker): its measured beat period (low, high), s.
    pub period_s: Option<(f64, f64)>,
    pub source: &'static str,
    /// Whether it starts at a steady state. A preset whose point is a change (a pump
    /// blocked at t = 0) or a cell that never rests (a pacemaker) does not.
    pub starts_steady: bool,
    pub build: fn() -> Result<Scenario, ModelError>,
}

/// Every preset, in menu order. The first is the default.
pub static PRESETS: &[Preset] = &[
    Preset {
        id: "neuron",
        kind: PresetKind::CellType,
        period_s: None,
        measured_range_mv: Some((-75.0, -65.0)),
        source: "Purves et al., Neuroscience (6th ed., 2018), ch. 2; Hille, Ion Channels of Excitable Membranes (3rd ed., 2001), ch. 1",
        starts_steady: true,
        build: || Ok(neuron()),
    },
    Preset {
        id: "skeletal-muscle",
        kind: PresetKind::CellType,
        period_s: None,
        measured_range_mv: Some((-95.0, -85.0)),
        source: "Hille (2001), table 1.1 (mammalian skeletal muscle); Hodgkin & Horowicz (1959) for P_Na/P_K and P_Cl/P_K",
        starts_steady: true,
        build: || Ok(steady_cell(&SKELETAL_MUSCLE)),
    },
    Preset {
        id: "cardiac-myocyte",
        kind: PresetKind::CellType,
        period_s: None,
        measured_range_mv: Some((-90.0, -80.0)),
        source: "Luo & Rudy (1994) Circ. Res. 74:1071 (ion concentrations); Bers, Excitation–Contraction Coupling (2nd ed., 2001)",
        starts_steady: true,
        build: || Ok(steady_cell(&CARDIAC_MYOCYTE)),
    },
    Preset {
        id: "smooth-muscle",
        kind: PresetKind::CellType,
        period_s: None,
        measured_range_mv: Some((-60.0, -50.0)),
        source: "Guyton & Hall, Textbook of Medical Physiology (14th ed., 2021), ch. 8: \"usually about −50 to −60 mV\"",
        starts_steady: true,
        build: || Ok(steady_cell(&SMOOTH_MUSCLE)),
    },
    Preset {
        id: "astrocyte",
        kind: PresetKind::CellType,
        period_s: None,
        measured_range_mv: Some((-90.0, -70.0)),
        source: "Kuffler, Nicholls & Orkand (1966) J. Neurophysiol. 29:788; Seifert et al. (2009) J. Neurosci. 29:7474",
        starts_steady: true,
        build: || Ok(steady_cell(&ASTROCYTE)),
    },
    Preset {
        id: "red-blood-cell",
        kind: PresetKind::CellType,
        period_s: None,
        measured_range_mv: Some((-14.0, -8.0)),
        source: "Jay & Burton (1969) Biophys. J. 9:115 (−8.0 mV); Lassen & Sten-Knudsen (1968) J. Physiol. 195:681 (never below −14 mV)",
        starts_steady: true,
        build: || Ok(steady_cell(&RED_BLOOD_CELL)),
    },
    Preset {
        id: "squid-axon",
        kind: PresetKind::CellType,
        period_s: None,
        measured_range_mv: Some((-70.0, -50.0)),
        source: "Hodgkin & Katz (1949) J. Physiol. 108:37 (about −50 mV, before junction corrections); Hodgkin (1958) Proc. R. Soc. B 148:1",
        starts_steady: true,
        build: || Ok(steady_cell(&SQUID_AXON)),
    },
    Preset {
        id: "frog-muscle",
        kind: PresetKind::CellType,
        period_s: None,
        measured_range_mv: Some((-100.0, -85.0)),
        source: "Hodgkin & Horowicz (1959) J. Physiol. 148:127; Adrian (1956) J. Physiol. 133:631",
        starts_steady: true,
        build: || Ok(steady_cell(&FROG_MUSCLE)),
    },
    Preset {
        id: "excitable-neuron",
        kind: PresetKind::CellType,
        period_s: None,
        measured_range_mv: Some((-75.0, -65.0)),
        source: "Wei, Ullah & Schiff (2014) J. Neurosci. 34:11733 (Traub–Miles gates, KCC2); Luo & Rudy (1994) Circ. Res. 74:1071 (NCX); resting Ca²⁺ near 100 nM: Berridge, Lipp & Bootman (2000) Nat. Rev. Mol. Cell Biol. 1:11",
        starts_steady: true,
        build: excitable_neuron,
    },
    Preset {
        id: "sa-node",
        kind: PresetKind::CellType,
        period_s: Some((0.4, 1.5)),
        measured_range_mv: None,
        source: "Noble (1962) J. Physiol. 160:317 (a spontaneously beating Purkinje fibre, the first cardiac pacemaker model); heart rate 40–150 beats/min",
        starts_steady: false,
        build: || Ok(sa_node()),
    },
    Preset {
        id: "plant-cell",
        kind: PresetKind::CellType,
        period_s: None,
        measured_range_mv: Some((-200.0, -120.0)),
        source: "Takeshige, Shimmen & Tazawa, Plant Cell Physiol., \"Electrogenic pump current and ATP-dependent H⁺ efflux across the plasma membrane of Nitellopsis obtusa\" (2 µA/cm² near −220 mV); Etherton & Higinbotham (1960) Science 131:409 (Avena: −80 to −115 mV, depressed by uncouplers); Spanswick (1981) Annu. Rev. Plant Physiol. 32:267",
        starts_steady: true,
        build: plant_cell,
    },
    Preset {
        id: "hyperkalemia-7",
        kind: PresetKind::Clinical,
        period_s: None,
        measured_range_mv: None,
        source: "Plasma K⁺ reference range 3.5–5.0 mM; moderate hyperkalemia 6–7 mM",
        starts_steady: true,
        build: || with_k_out(steady_cell(&CARDIAC_MYOCYTE), 7.0),
    },
    Preset {
        id: "hyperkalemia-10",
        kind: PresetKind::Clinical,
        period_s: None,
        measured_range_mv: None,
        source: "Severe hyperkalemia, above 7 mM, is a medical emergency",
        starts_steady: true,
        build: || with_k_out(steady_cell(&CARDIAC_MYOCYTE), 10.0),
    },
    Preset {
        id: "hypokalemia",
        kind: PresetKind::Clinical,
        period_s: None,
        measured_range_mv: None,
        source: "Plasma K⁺ below 3.5 mM is hypokalemia; 2.5 mM is severe",
        starts_steady: true,
        build: || with_k_out(steady_cell(&CARDIAC_MYOCYTE), 2.5),
    },
    Preset {
        id: "ouabain",
        kind: PresetKind::Clinical,
        period_s: None,
        measured_range_mv: None,
        source: "Ouabain and digitalis glycosides bind the Na⁺/K⁺-ATPase; the preset is the healthy myocyte at the moment of a complete block",
        starts_steady: false,
        build: ouabain,
    },
    Preset {
        id: "ouabain-donnan",
        kind: PresetKind::Clinical,
        period_s: None,
        measured_range_mv: None,
        source: "Hours after a complete pump block the run-down ends where every permeant ion is at equilibrium (Donnan)",
        starts_steady: true,
        build: || steady_after(steady_cell(&CARDIAC_MYOCYTE), |m| m.set_pump_blocked(true)),
    },
    Preset {
        id: "ischemia",
        kind: PresetKind::Clinical,
        period_s: None,
        measured_range_mv: None,
        source: "Illustrative: the pump rate is scaled by ATP availability (Kager, Wadman & Somjen 2000 model the same form)",
        starts_steady: true,
        build: || steady_after(neuron(), |m| m.set_pump_rate_fraction(0.3)),
    },
    Preset {
        id: "cold",
        kind: PresetKind::Clinical,
        period_s: None,
        measured_range_mv: None,
        source: "Q10 ≈ 3 for the Na⁺/K⁺-ATPase and 1.2–1.5 for channel conductance (Hille 2001, ch. 18); the neuron's Q10s (3 and 1.3) apply them",
        starts_steady: true,
        build: cold,
    },
];

/// Published ingredients of a cell type. Everything else follows from physics.
struct CellSpec {
    temperature_c: f64,
    radius_um: f64,
    capacitance_uf_per_cm2: f64,
    membrane_thickness_nm: f64,
    k_in_out_mm: (f64, f64),
    na_in_out_mm: (f64, f64),
    cl_out_mm: f64,
    /// Ca²⁺ (inside, outside): listed so E_Ca shows, impermeant at rest.
    ca_in_out_mm: Option<(f64, f64)>,
    p_k_cm_per_s: f64,
    p_na_over_p_k: f64,
    p_cl_over_p_k: f64,
}

/// An ion with its (inside, outside) concentrations in mM.
fn ion(name: &str, charge: i32, (inside_mm, outside_mm): (f64, f64), permeability_cm_per_s: f64) -> Ion {
    Ion { name: name.to_string(), charge, inside_mm, outside_mm, permeability_cm_per_s }
}

/// A cell type at its Mullins–Noda steady state (see the module's notes).
fn steady_cell(spec: &CellSpec) -> Scenario {
    let rt_f = thermal_voltage_mv(spec.temperature_c);
    let (k_in, k_out) = spec.k_in_out_mm;
    let (na_in, na_out) = spec.na_in_out_mm;
    let p_k = spec.p_k_cm_per_s;
    let p_na = p_k * spec.p_na_over_p_k;
    let r = PUMP_COUPLING_RATIO;
    // Mullins–Noda steady voltage for the 3:2 pump.
    let v = rt_f * ((r * p_k * k_out + p_na * na_out) / (r * p_k * k_in + p_na * na_in)).ln();
    // Passive Cl⁻: E_Cl = V, i.e. Cl_in = Cl_out·exp(V·F/RT) for z = −1.
    let cl_in = spec.cl_out_mm * (v / rt_f).exp();
    // The pump replaces the K⁺ leak: 2·I_p = I_K.
    let i_pump = ghk_current_raw(p_k, 1, k_in, k_out, v, rt_f) / PUMP_K_PER_CYCLE;
    // The pump at unit maximal current, with its thermodynamic limit, gives the
    // saturation at these concentrations and this voltage.
    let unit = Pump { atp_free_energy_kj_per_mol: Some(ATP_FREE_ENERGY_DEFAULT_KJ_PER_MOL), ..Pump::kager(1.0) };
    let side =
        PumpSide { na_in_mm: na_in, na_out_mm: na_out, k_in_mm: k_in, k_out_mm: k_out, voltage_mv: v, rt_f_mv: rt_f };
    let saturation = unit.current_ua_per_cm2(&side);
    let mut ions = vec![
        ion(POTASSIUM_NAME, 1, (k_in, k_out), p_k),
        ion(SODIUM_NAME, 1, (na_in, na_out), p_na),
        ion("Cl", -1, (cl_in, spec.cl_out_mm), p_k * spec.p_cl_over_p_k),
    ];
    if let Some((ca_in, ca_out)) = spec.ca_in_out_mm {
        ions.push(ion("Ca", 2, (ca_in, ca_out), 0.0));
    }
    Scenario {
        temperature_c: spec.temperature_c,
        cell: Cell {
            radius_um: spec.radius_um,
            capacitance_uf_per_cm2: spec.capacitance_uf_per_cm2,
            membrane_thickness_nm: spec.membrane_thickness_nm,
        },
        ions,
        pump: Some(Pump { max_current_ua_per_cm2: i_pump / saturation, ..unit }),
        initial_voltage_mv: v,
        clamp_mv: None,
        gates: None,
        noble: None,
        kcc2: None,
        ncx: None,
        proton_pump: None,
        kh_exchanger: None,
        ph_buffer_mm_per_ph: None,
        // Rates are given at the cell's own temperature.
        q10: Some(Q10::standard(spec.temperature_c)),
        stimuli: Vec::new(),
    }
}

const NEURON: CellSpec = CellSpec {
    temperature_c: 37.0,
    radius_um: 10.0,
    capacitance_uf_per_cm2: 1.0,
    membrane_thickness_nm: 4.0,
    k_in_out_mm: (140.0, 5.0),
    na_in_out_mm: (15.0, 145.0),
    cl_out_mm: 110.0,
    ca_in_out_mm: Some((0.0001, 1.2)),
    p_k_cm_per_s: 1e-6,
    p_na_over_p_k: 0.04,
    p_cl_over_p_k: 0.45,
};

/// The neuron with a smaller Cl⁻ leak (P_Cl/P_K = 0.1 rather than 0.45): with KCC2
/// holding E_Cl near E_K, the larger leak would pull rest below the measured range.
const EXCITABLE_NEURON: CellSpec = CellSpec { p_cl_over_p_k: 0.1, ..NEURON };

const SKELETAL_MUSCLE: CellSpec = CellSpec {
    temperature_c: 37.0,
    // A 50 µm fibre as the sphere with the same volume/area ratio (r_sphere = 1.5·r_cylinder).
    radius_um: 37.5,
    capacitance_uf_per_cm2: 1.0,
    membrane_thickness_nm: 4.0,
    k_in_out_mm: (155.0, 4.0),
    na_in_out_mm: (12.0, 145.0),
    cl_out_mm: 123.0,
    ca_in_out_mm: Some((0.0001, 1.5)),
    p_k_cm_per_s: 1e-6,
    p_na_over_p_k: 0.01,
    p_cl_over_p_k: 2.0,
};

const CARDIAC_MYOCYTE: CellSpec = CellSpec {
    temperature_c: 37.0,
    // Volume ≈ 30 pL over a capacitive area ≈ 150 pF → W/A ≈ 2 µm → r_sphere = 6 µm.
    radius_um: 6.0,
    capacitance_uf_per_cm2: 1.0,
    membrane_thickness_nm: 4.0,
    k_in_out_mm: (145.0, 5.4),
    na_in_out_mm: (10.0, 140.0),
    cl_out_mm: 100.0,
    ca_in_out_mm: Some((0.0001, 1.8)),
    p_k_cm_per_s: 1e-6,
    p_na_over_p_k: 0.005,
    p_cl_over_p_k: 0.1,
};

const SMOOTH_MUSCLE: CellSpec = CellSpec {
    temperature_c: 37.0,
    // A 5 µm-wide spindle as the sphere with the same volume/area ratio.
    radius_um: 3.75,
    capacitance_uf_per_cm2: 1.0,
    membrane_thickness_nm: 4.0,
    k_in_out_mm: (140.0, 5.0),
    na_in_out_mm: (12.0, 145.0),
    cl_out_mm: 110.0,
    ca_in_out_mm: Some((0.0001, 1.2)),
    // Smooth muscle has a high input resistance: a small leak.
    p_k_cm_per_s: 2e-7,
    p_na_over_p_k: 0.13,
    p_cl_over_p_k: 0.3,
};

const ASTROCYTE: CellSpec = CellSpec {
    temperature_c: 37.0,
    radius_um: 8.0,
    capacitance_uf_per_cm2: 1.0,
    membrane_thickness_nm: 4.0,
    k_in_out_mm: (130.0, 3.0),
    na_in_out_mm: (15.0, 145.0),
    cl_out_mm: 120.0,
    ca_in_out_mm: Some((0.0001, 1.2)),
    p_k_cm_per_s: 2e-6,
    p_na_over_p_k: 0.03,
    p_cl_over_p_k: 0.1,
};

const RED_BLOOD_CELL: CellSpec = CellSpec {
    temperature_c: 37.0,
    // 90 fL over 135 µm²: W/A = 0.67 µm → the sphere with that ratio has r = 2 µm.
    radius_um: 2.0,
    capacitance_uf_per_cm2: 1.0,
    membrane_thickness_nm: 4.0,
    k_in_out_mm: (135.0, 4.5),
    na_in_out_mm: (10.0, 145.0),
    cl_out_mm: 110.0,
    ca_in_out_mm: Some((0.0001, 1.2)),
    // Tiny, nearly equal K⁺ and Na⁺ leaks; conductive Cl⁻ permeability far larger.
    p_k_cm_per_s: 2e-10,
    p_na_over_p_k: 1.0,
    p_cl_over_p_k: 100.0,
};

const SQUID_AXON: CellSpec = CellSpec {
    temperature_c: 20.0,
    // A 500 µm axon as the sphere with the same volume/area ratio.
    radius_um: 375.0,
    capacitance_uf_per_cm2: 1.0,
    membrane_thickness_nm: 5.0,
    k_in_out_mm: (400.0, 20.0),
    na_in_out_mm: (50.0, 440.0),
    cl_out_mm: 560.0,
    ca_in_out_mm: None,
    p_k_cm_per_s: 1e-6,
    p_na_over_p_k: 0.04,
    p_cl_over_p_k: 0.45,
};

const FROG_MUSCLE: CellSpec = CellSpec {
    temperature_c: 20.0,
    // An 80 µm fibre as the sphere with the same volume/area ratio.
    radius_um: 60.0,
    capacitance_uf_per_cm2: 1.0,
    membrane_thickness_nm: 5.0,
    k_in_out_mm: (140.0, 2.5),
    na_in_out_mm: (10.0, 120.0),
    cl_out_mm: 120.0,
    ca_in_out_mm: None,
    p_k_cm_per_s: 1e-6,
    p_na_over_p_k: 0.01,
    p_cl_over_p_k: 2.0,
};

/// The default preset: the mammalian neuron at rest.
pub fn neuron() -> Scenario {
    steady_cell(&NEURON)
}

/// The steady state the base cell reaches after `edit`, keeping its impermeant anions.
/// Runs the model a day at a time until no concentration moves by more than
/// 1e-6 mM per hour (the presets promise less than 0.1 mM per hour).
fn steady_after(
    base: Scenario,
    edit: impl FnOnce(&mut Membrane) -> Result<(), ModelError>,
) -> Result<Scenario, ModelError> {
    const DAY_S: f64 = 86_400.0;
    const MAX_DAYS: usize = 3_650;
    let mut m = Membrane::new(&base)?;
    edit(&mut m)?;
    for _ in 0..MAX_DAYS {
        m.advance(DAY_S)?;
        let drift = m.concentration_rates_mm_per_s().iter().fold(0.0_f64, |a, r| a.max(r.abs()));
        if drift * 3600.0 < 1e-6 {
            return Ok(m.current_scenario());
        }
    }
    Err(ModelError::new("preset", "error-model-no-steady-state").whole("years", MAX_DAYS / 365))
}

fn with_k_out(base: Scenario, k_out_mm: f64) -> Result<Scenario, ModelError> {
    let k = base.ion_index(POTASSIUM_NAME).ok_or_else(|| ModelError::new("preset", "error-model-no-potassium"))?;
    steady_after(base, |m| m.set_outside_mm(k, k_out_mm))
}

/// Ten degrees cooler than the neuron, and settled: its Q10s slow the pump (3) more than
/// the leaks (1.3).
fn cold() -> Result<Scenario, ModelError> {
    steady_after(neuron(), |m| m.set_temperature_c(27.0))
}

/// The heart cell at rest with its pump blocked at t = 0: the run-down is the point, so
/// it starts from the healthy steady state, not a blocked one.
fn ouabain() -> Result<Scenario, ModelError> {
    let mut s = steady_cell(&CARDIAC_MYOCYTE);
    if let Some(p) = s.pump.as_mut() {
        p.blocked = true;
    }
    Ok(s)
}

/// Ca²⁺ leak of the excitable neuron: small enough that the exchanger holds Ca²⁺ inside
/// near 100 nM.
const EXCITABLE_P_CA_CM_PER_S: f64 = 1e-9;

/// The neuron with voltage-gated Na⁺ and K⁺ channels (Wei, Ullah & Schiff's ratios of
/// gated to leak), KCC2 (which pushes E_Cl below rest), the Na⁺/Ca²⁺ exchanger and a
/// small Ca²⁺ leak, settled to its steady state.
fn excitable_neuron() -> Result<Scenario, ModelError> {
    let mut s = steady_cell(&EXCITABLE_NEURON);
    let p = |name: &str| s.ion_index(name).map_or(0.0, |i| s.ions[i].permeability_cm_per_s);
    s.gates = Some(Gates {
        na_max_permeability_cm_per_s: GATE_NA_RATIO * p(SODIUM_NAME),
        k_max_permeability_cm_per_s: GATE_K_RATIO * p(POTASSIUM_NAME),
    });
    s.kcc2 = Some(Kcc2 { rate_mm_per_s: KCC2_DEFAULT_RATE_MM_PER_S });
    s.ncx = Some(Ncx { max_current_ua_per_cm2: NCX_DEFAULT_MAX_CURRENT_UA_PER_CM2 });
    if let Some(ca) = s.ion_index(CALCIUM_NAME) {
        s.ions[ca].permeability_cm_per_s = EXCITABLE_P_CA_CM_PER_S;
    }
    steady_after(s, |_| Ok(()))
}

/// Noble's (1962) cell. Its E_Na (+40 mV) and E_K (−100 mV) set the starting
/// concentrations; C = 12 µF/cm² is his; the sphere of 72 µm radius gives the heart
/// cell's capacitance per volume (12 µF/cm² × 3/r ≈ 5000 µF/cm³, as the cardiac
/// myocyte preset's 1 µF/cm² and 6 µm).
const SA_NODE_TEMPERATURE_C: f64 = 37.0;
const SA_NODE_RADIUS_UM: f64 = 72.0;
const SA_NODE_CAPACITANCE_UF_PER_CM2: f64 = 12.0;
/// Noble's cell has no pump, so its Na⁺ entry (about 40 µA/cm² averaged over a beat)
/// would run the gradients down within minutes. This pump replaces it; its outward
/// current would stop the beat, and a larger Na⁺ background (0.25 rather than Noble's
/// 0.14 mS/cm²) restores it. With both, the beat settles in 20 minutes of model time to
/// a period of 1.02 s at these concentrations (tests/pacemaker.rs checks that they no
/// longer drift).
const SA_NODE_PUMP_MAX_UA_PER_CM2: f64 = 70.0;
const SA_NODE_NA_BACKGROUND_MS_PER_CM2: f64 = 0.25;
/// (inside, outside) mM: where the beat with the pump settles, from Noble's
/// E_Na = +40 mV and E_K = −100 mV with 140 and 4 mM outside (Na_i 31.3, K_i 168.7).
const SA_NODE_K_MM: (f64, f64) = (169.11, 4.0);
const SA_NODE_NA_MM: (f64, f64) = (30.89, 140.0);
/// Cl⁻ is nearly impermeant in Noble's cell (no anion current); a trace of leak keeps
/// the passive resting point defined, and E_Cl sits at the beat's mean voltage.
const SA_NODE_CL_MM: (f64, f64) = (12.72, 120.0);
const SA_NODE_P_CL_CM_PER_S: f64 = 1e-9;
/// The voltage at t = 0: late diastole, gates at their steady state there.
const SA_NODE_START_MV: f64 = -80.0;

/// The pacemaker: Noble's (1962) channels, a Na⁺/K⁺ pump that holds the gradients, no
/// stimulus. It never rests; the voltage drifts up to threshold and fires, about once a
/// second.
pub fn sa_node() -> Scenario {
    Scenario {
        temperature_c: SA_NODE_TEMPERATURE_C,
        cell: Cell {
            radius_um: SA_NODE_RADIUS_UM,
            capacitance_uf_per_cm2: SA_NODE_CAPACITANCE_UF_PER_CM2,
            membrane_thickness_nm: 4.0,
        },
        ions: vec![
            ion(POTASSIUM_NAME, 1, SA_NODE_K_MM, 0.0),
            ion(SODIUM_NAME, 1, SA_NODE_NA_MM, 0.0),
            ion(CHLORIDE_NAME, -1, SA_NODE_CL_MM, SA_NODE_P_CL_CM_PER_S),
        ],
        pump: Some(Pump {
            atp_free_energy_kj_per_mol: Some(ATP_FREE_ENERGY_DEFAULT_KJ_PER_MOL),
            ..Pump::kager(SA_NODE_PUMP_MAX_UA_PER_CM2)
        }),
        initial_voltage_mv: SA_NODE_START_MV,
        clamp_mv: None,
        gates: None,
        noble: Some(Noble {
            na_max_ms_per_cm2: NOBLE_NA_MAX_MS_PER_CM2,
            na_background_ms_per_cm2: SA_NODE_NA_BACKGROUND_MS_PER_CM2,
            k1_ms_per_cm2: NOBLE_K1_MS_PER_CM2,
            k2_max_ms_per_cm2: NOBLE_K2_MAX_MS_PER_CM2,
        }),
        kcc2: None,
        ncx: None,
        proton_pump: None,
        kh_exchanger: None,
        ph_buffer_mm_per_ph: None,
        q10: Some(Q10::standard(SA_NODE_TEMPERATURE_C)),
        stimuli: Vec::new(),
    }
}

/// The plant cell's ingredients: a characean internode's cytoplasm (a layer about 10 µm
/// thick around the vacuole: the sphere with that volume-to-area ratio has r = 30 µm)
/// at 20 °C in 1 mM KCl at pH 5.5, with the cytosol at pH 7.3.
const PLANT_TEMPERATURE_C: f64 = 20.0;
const PLANT_RADIUS_UM: f64 = 30.0;
const PLANT_K_MM: (f64, f64) = (100.0, 1.0);
const PLANT_H_MM: (f64, f64) = (5.0e-5, 3.2e-3);
/// Cl⁻ and Ca²⁺ are listed so their E shows; without their transporters (2 H⁺:Cl⁻
/// symport, Ca²⁺-ATPases) they are impermeant here.
const PLANT_CL_MM: (f64, f64) = (10.0, 1.2);
const PLANT_CA_MM: (f64, f64) = (1.0e-4, 0.1);
const PLANT_P_K_CM_PER_S: f64 = 2e-6;
/// H⁺ crosses plant membranes far more easily per ion than K⁺ (Kitasato 1968, J. Gen.
/// Physiol. 52:60); with this ratio the passive voltage lies near E_K.
const PLANT_P_H_OVER_P_K: f64 = 150.0;
/// The H⁺-ATPase's current at rest: Takeshige et al.'s 20 mA/m² in Nitellopsis.
const PLANT_PUMP_CURRENT_UA_PER_CM2: f64 = 2.0;
/// Cytosolic buffering power, 20 mM per pH unit (plant cells: about 20–80).
const PLANT_BUFFER_MM_PER_PH: f64 = 20.0;

/// A plant cell: K⁺ the main leak, the electrogenic H⁺-ATPase, a K⁺/H⁺ exchanger that
/// balances the K⁺ the voltage pulls in, a buffered cytosol. Completed by physics: V is
/// where the leaks carry the pump's measured current back in, and the exchanger's rate
/// is the one that returns exactly the K⁺ that leaks in, so nothing drifts.
fn plant_cell() -> Result<Scenario, ModelError> {
    let rt_f = thermal_voltage_mv(PLANT_TEMPERATURE_C);
    let p_k = PLANT_P_K_CM_PER_S;
    let p_h = p_k * PLANT_P_H_OVER_P_K;
    let ((k_in, k_out), (h_in, h_out)) = (PLANT_K_MM, PLANT_H_MM);
    // The pump at unit maximal current, at this pH, then scaled to the measured current.
    let unit = ProtonPump {
        max_current_ua_per_cm2: 1.0,
        h_half_mm: PROTON_HALF_DEFAULT_MM,
        blocked: false,
        atp_free_energy_kj_per_mol: Some(ATP_FREE_ENERGY_DEFAULT_KJ_PER_MOL),
    };
    let ions = vec![
        ion(POTASSIUM_NAME, 1, PLANT_K_MM, p_k),
        ion(CHLORIDE_NAME, -1, PLANT_CL_MM, 0.0),
        ion(CALCIUM_NAME, 2, PLANT_CA_MM, 0.0),
        ion(PROTON_NAME, 1, PLANT_H_MM, p_h),
    ];
    // Rest: where the leaks carry the pump's current back in.
    let v = crate::physics::zero_current_voltage_mv(&ions, PLANT_TEMPERATURE_C, PLANT_PUMP_CURRENT_UA_PER_CM2)?;
    let at_rest = crate::proton_pump::current(&unit, 1.0, h_in, h_out, v, rt_f).0;
    // The K⁺ that leaks in (mM/s) is what the exchanger returns; its driving term is
    // ln(K_i·H_o/(K_o·H_i)).
    let k_influx_mm_per_s = -ghk_current_raw(p_k, 1, k_in, k_out, v, rt_f)
        * crate::physics::Sphere { radius_um: PLANT_RADIUS_UM }.area_per_volume_per_cm()
        / FARADAY_C_PER_MOL;
    let drive = ((k_in * h_out) / (k_out * h_in)).ln();
    Ok(Scenario {
        temperature_c: PLANT_TEMPERATURE_C,
        cell: Cell { radius_um: PLANT_RADIUS_UM, capacitance_uf_per_cm2: 1.0, membrane_thickness_nm: 5.0 },
        ions,
        pump: None,
        initial_voltage_mv: v,
        clamp_mv: None,
        gates: None,
        noble: None,
        kcc2: None,
        ncx: None,
        proton_pump: Some(ProtonPump { max_current_ua_per_cm2: PLANT_PUMP_CURRENT_UA_PER_CM2 / at_rest, ..unit }),
        kh_exchanger: Some(KhExchanger { rate_mm_per_s: k_influx_mm_per_s / drive }),
        ph_buffer_mm_per_ph: Some(PLANT_BUFFER_MM_PER_PH),
        q10: Some(Q10::standard(PLANT_TEMPERATURE_C)),
        stimuli: Vec::new(),
    })
}

/// The preset with this id.
pub fn find(id: &str) -> Option<&'static Preset> {
    PRESETS.iter().find(|p| p.id == id)
}

/// Build a preset by id (see [`PRESETS`]).
pub fn build(id: &str) -> Result<Scenario, ModelError> {
    let preset = find(id).ok_or_else(|| {
        ModelError::new("preset", "error-model-unknown-preset")
            .text("id", id)
            .with("ids", Arg::Names(PRESETS.iter().map(|p| p.id).collect()))
    })?;
    (preset.build)()
}
