//! Every number the page shows, computed once per change: the readout's labels and the
//! chart both draw from one `Measures`. Numbers only; `src/present` words them.

use vrest_core::constants::{AVOGADRO_PER_MOL, POTASSIUM_NAME};
use vrest_core::physics::{self, ChargeSeparation, Sphere};
use vrest_core::Membrane;

/// One ion now.
#[derive(Debug, Clone, PartialEq)]
pub struct IonMeasure {
    pub name: String,
    pub charge: i32,
    pub inside_mm: f64,
    pub outside_mm: f64,
    /// E_ion; None where a concentration is 0 (the potential is infinite).
    pub nernst_mv: Option<f64>,
    /// The leak (GHK) current, µA/cm², outward positive.
    pub current_ua_per_cm2: f64,
    pub permeability_cm_per_s: f64,
    /// P / P_K; None if the cell has no permeant K⁺.
    pub relative_permeability: Option<f64>,
    /// This ion is K⁺, the reference of the relative permeabilities.
    pub is_reference: bool,
    /// Its share of the membrane's channel conductance now (0 to 1): its "vote" on V.
    pub conductance_share: f64,
}

/// The pump now.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PumpMeasure {
    pub running: bool,
    pub rate_fraction: f64,
    pub current_ua_per_cm2: f64,
    pub cycles_per_s: f64,
    /// How far the pump's own current moves V from where the leaks alone would hold it
    /// at these concentrations; None where either voltage is undefined.
    pub contribution_mv: Option<f64>,
}

/// One point of the V-against-K⁺-outside chart.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct KPoint {
    pub k_out_mm: f64,
    /// E_K at this bath and the present K⁺ inside.
    pub e_k_mv: Option<f64>,
    /// The passive (GHK) voltage.
    pub ghk_mv: Option<f64>,
    /// Where the whole cell would settle (pump, transporters, gates), inside unchanged.
    pub settled_mv: Option<f64>,
}

/// The chart's K⁺ axis: this many points, log-spaced over this range (mM).
pub const K_SWEEP_POINTS: usize = 100;
pub const K_SWEEP_MM: (f64, f64) = (1.0, 100.0);

/// The lab's own numbers that the page shows beside the model's.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LabNumbers {
    pub revision: u64,
    /// The model time of one step and of the trace window.
    pub step_s: f64,
    pub trace_window_s: f64,
    pub ions_per_particle: f64,
    /// Particles drawn per mM of concentration.
    pub particles_per_mm: f64,
    /// Where V heads once time runs, after a control changed while paused (None when
    /// nothing waits, or the cell has no rest to head for).
    pub heading_mv: Option<f64>,
    /// Whether to sweep K⁺ outside for the V–log K⁺ curve (100 settled voltages): not
    /// while the page shows no such chart (the learner's view).
    pub k_sweep: bool,
}

/// Everything the page shows, as numbers.
#[derive(Debug, Clone, PartialEq)]
pub struct Measures {
    pub time_s: f64,
    pub voltage_mv: f64,
    pub temperature_c: f64,
    pub ions: Vec<IonMeasure>,
    /// The passive (GHK) voltage at the present concentrations, with every channel's
    /// present permeability (leaks at rest; open gated channels during a spike); None
    /// where no permeant ion can carry current one of the two ways.
    pub ghk_mv: Option<f64>,
    pub pump: Option<PumpMeasure>,
    /// The plant H⁺-ATPase (cycles: H⁺ pumped per second).
    pub proton_pump: Option<PumpMeasure>,
    /// The thin skin of separated charge that holds V.
    pub charge: ChargeSeparation,
    /// K⁺ ions in the cell now; None without K⁺.
    pub cell_potassium_ions: Option<f64>,
    /// V against K⁺ outside (empty without K⁺), and the present K⁺ outside.
    pub k_sweep: Vec<KPoint>,
    pub k_out_mm: Option<f64>,
    pub lab: LabNumbers,
}

impl Measures {
    pub fn new(m: &Membrane, lab: LabNumbers) -> Measures {
        let s = m.scenario();
        let v = m.voltage_mv();
        let t_c = s.temperature_c;
        let inside = m.inside_mm();
        let currents = m.leak_currents_ua_per_cm2();
        let conductances = m.conductances_ms_per_cm2();
        let total_g: f64 = conductances.iter().sum();
        let p_k = s.ion_index(POTASSIUM_NAME).map(|k| s.ions[k].permeability_cm_per_s).filter(|p| *p > 0.0);
        let ions = s
            .ions
            .iter()
            .enumerate()
            .map(|(i, ion)| IonMeasure {
                name: ion.name.clone(),
                charge: ion.charge,
                inside_mm: inside[i],
                outside_mm: ion.outside_mm,
                nernst_mv: physics::nernst_mv(ion.charge, inside[i], ion.outside_mm, t_c).ok(),
                current_ua_per_cm2: currents[i],
                permeability_cm_per_s: ion.permeability_cm_per_s,
                relative_permeability: p_k.map(|pk| ion.permeability_cm_per_s / pk),
                is_reference: p_k.is_some() && ion.name == POTASSIUM_NAME,
                conductance_share: if total_g > 0.0 { conductances[i] / total_g } else { 0.0 },
            })
            .collect();
        // The channels as they are now: with gates, what the open channels alone would set.
        let present = m.channel_ions();
        let ghk_mv = physics::zero_current_voltage_mv(&present, t_c, 0.0).ok();
        let pump = s.pump.map(|p| {
            let current = m.pump_current_ua_per_cm2().unwrap_or(0.0);
            let with_pump = physics::zero_current_voltage_mv(&present, t_c, current).ok();
            PumpMeasure {
                running: !p.blocked,
                rate_fraction: p.rate_fraction,
                current_ua_per_cm2: current,
                cycles_per_s: m.fluxes().pump_cycles_per_s,
                contribution_mv: with_pump.zip(ghk_mv).map(|(a, b)| a - b),
            }
        });
        let proton_pump = s.proton_pump.map(|p| {
            let current = m.proton_pump_current_ua_per_cm2().unwrap_or(0.0);
            let with_pump = physics::zero_current_voltage_mv(&present, t_c, current).ok();
            PumpMeasure {
                running: !p.blocked,
                rate_fraction: 1.0,
                current_ua_per_cm2: current,
                cycles_per_s: m.fluxes().cycles_per_s(vrest_core::Transporter::ProtonPump),
                contribution_mv: with_pump.zip(ghk_mv).map(|(a, b)| a - b),
            }
        });
        let cell = s.cell;
        let charge =
            physics::charge_separation_raw(v, cell.radius_um, cell.capacitance_uf_per_cm2, cell.membrane_thickness_nm);
        let volume_l = Sphere { radius_um: cell.radius_um }.volume_l();
        let cell_potassium_ions = s.ion_index(POTASSIUM_NAME).map(|k| inside[k] * 1e-3 * volume_l * AVOGADRO_PER_MOL);
        let k_sweep = if lab.k_sweep { k_sweep(m) } else { Vec::new() };
        let k_out_mm = s.ion_index(POTASSIUM_NAME).map(|k| s.ions[k].outside_mm);
        Measures {
            k_sweep,
            k_out_mm,
            time_s: m.time_s(),
            voltage_mv: v,
            temperature_c: t_c,
            ions,
            ghk_mv,
            pump,
            proton_pump,
            charge,
            cell_potassium_ions,
            lab,
        }
    }
}

/// E_K, GHK and the settled voltage over the K⁺ axis, for the cell as it is now.
fn k_sweep(m: &Membrane) -> Vec<KPoint> {
    let s = m.scenario();
    let Some(k) = s.ion_index(POTASSIUM_NAME) else { return Vec::new() };
    let (lo, hi) = K_SWEEP_MM;
    let k_outs: Vec<f64> =
        (0..K_SWEEP_POINTS).map(|i| lo * (hi / lo).powf(i as f64 / (K_SWEEP_POINTS - 1) as f64)).collect();
    let settled = m.settled_voltages_at_k_out_mv(&k_outs);
    let mut ions = m.channel_ions();
    let k_in = ions[k].inside_mm;
    k_outs
        .iter()
        .zip(settled)
        .map(|(&k_out, settled_mv)| {
            ions[k].outside_mm = k_out;
            KPoint {
                k_out_mm: k_out,
                e_k_mv: physics::nernst_mv(ions[k].charge, k_in, k_out, s.temperature_c).ok(),
                ghk_mv: physics::zero_current_voltage_mv(&ions, s.temperature_c, 0.0).ok(),
                settled_mv,
            }
        })
        .collect()
}
