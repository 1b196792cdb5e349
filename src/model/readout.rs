//! The one small readout the page's labels come from: every number, already formatted
//! by `format`, plus the raw values the tests and the slider positions need.

use serde::Serialize;

use super::constants::*;
use super::format;
use super::lab::{Lab, SPEEDS};
use super::physics::{self, Sphere};
use super::presets;

/// One ion's row.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct IonReadout {
    pub name: String,
    /// "K⁺", "Ca²⁺", "Cl⁻".
    pub label: String,
    pub charge: i32,
    pub inside_mm: f64,
    pub outside_mm: f64,
    pub inside_text: String,
    pub outside_text: String,
    pub nernst_mv: Option<f64>,
    /// "−89.1 mV", or "—" when a concentration is zero.
    pub nernst_text: String,
    /// Why E is undefined, when it is.
    pub nernst_note: Option<String>,
    /// V − E.
    pub driving_force_text: String,
    pub current_ua_per_cm2: f64,
    pub current_text: String,
    /// "outward", "inward" or "none".
    pub direction: &'static str,
    pub permeability_cm_per_s: f64,
    pub permeability_text: String,
    /// P / P_K (None if there is no K⁺ or P_K = 0).
    pub relative_permeability: Option<f64>,
    pub relative_text: String,
    pub permeant: bool,
}

/// The pump's row.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PumpReadout {
    pub running: bool,
    pub rate_fraction: f64,
    pub rate_text: String,
    pub current_text: String,
    /// How far the pump's own current moves V from where the leaks alone would put it.
    pub contribution_text: String,
    pub cycles_text: String,
}

/// The thin skin of separated charge at the present voltage.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ChargeReadout {
    pub ions_moved: f64,
    pub ions_moved_text: String,
    /// "1 in 64,000 of the cell's K⁺ (0.0016 %)".
    pub k_fraction_text: String,
    pub excess_text: String,
    pub field_text: String,
    pub capacitance_text: String,
    /// How many ± pairs the picture lines along the membrane (one per 4 mV of |V|).
    pub skin_pairs: u32,
    /// True when the inside is negative (− inside, + outside).
    pub inside_negative: bool,
}

/// Everything the page prints.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Readout {
    pub time_s: f64,
    pub time_text: String,
    pub voltage_mv: f64,
    pub voltage_text: String,
    pub playing: bool,
    pub speed_index: usize,
    pub speed_text: String,
    pub step_text: String,
    pub can_step_back: bool,
    pub preset: String,
    pub preset_title: String,
    pub preset_description: String,
    pub temperature_c: f64,
    pub temperature_text: String,
    /// The passive (GHK) voltage at the present concentrations.
    pub ghk_text: String,
    pub ions: Vec<IonReadout>,
    pub pump: Option<PumpReadout>,
    pub charge: ChargeReadout,
    /// "One crossing particle = 2×10⁷ ions".
    pub particle_text: String,
    pub density_text: String,
    pub trace_window_text: String,
    /// Explanations of every value shown as "—".
    pub notes: Vec<String>,
    pub error: Option<String>,
    /// Every control's value and slider position, to keep the sliders in step.
    pub controls: Vec<super::controls::ControlState>,
}

/// "K⁺", "Ca²⁺", "Cl⁻", "X³⁻".
pub fn ion_label(name: &str, charge: i32) -> String {
    let n = charge.unsigned_abs();
    let digits = if n > 1 {
        n.to_string()
            .chars()
            .map(|c| match c {
                '2' => '²',
                '3' => '³',
                _ => '⁴',
            })
            .collect::<String>()
    } else {
        String::new()
    };
    format!("{name}{digits}{}", if charge > 0 { '⁺' } else { '⁻' })
}

impl Readout {
    pub fn new(lab: &Lab) -> Readout {
        let m = lab.membrane();
        let s = m.scenario();
        let v = m.voltage_mv();
        let t_c = s.temperature_c;
        let inside = m.inside_mm();
        let currents = m.leak_currents_ua_per_cm2();
        let p_k = s.ion_index(POTASSIUM_NAME).map(|k| s.ions[k].permeability_cm_per_s).filter(|p| *p > 0.0);
        let ions: Vec<IonReadout> = s
            .ions
            .iter()
            .enumerate()
            .map(|(i, ion)| {
                let ci = inside[i];
                let e = physics::nernst_mv(ion.charge, ci, ion.outside_mm, t_c).ok();
                let nernst_note = e.is_none().then(|| {
                    let side = if ci == 0.0 { "inside" } else { "outside" };
                    format!(
                        "No {} {side}: E is infinite, so this ion can only flow one way.",
                        ion_label(&ion.name, ion.charge)
                    )
                });
                let current = currents[i];
                let rel = p_k.map(|pk| ion.permeability_cm_per_s / pk);
                IonReadout {
                    name: ion.name.clone(),
                    label: ion_label(&ion.name, ion.charge),
                    charge: ion.charge,
                    inside_mm: ci,
                    outside_mm: ion.outside_mm,
                    inside_text: format::conc(ci),
                    outside_text: format::conc(ion.outside_mm),
                    nernst_mv: e,
                    nernst_text: e.map_or(format::UNDEFINED.to_string(), format::mv),
                    nernst_note,
                    driving_force_text: e.map_or(format::UNDEFINED.to_string(), |e| format::mv(v - e)),
                    current_ua_per_cm2: current,
                    current_text: format::current(current),
                    direction: if current.abs() < 5e-7 {
                        "none"
                    } else if current > 0.0 {
                        "outward"
                    } else {
                        "inward"
                    },
                    permeability_cm_per_s: ion.permeability_cm_per_s,
                    permeability_text: format::permeability(ion.permeability_cm_per_s),
                    relative_permeability: rel,
                    relative_text: match rel {
                        Some(_) if ion.name == POTASSIUM_NAME => "reference (P_K)".to_string(),
                        Some(0.0) => "impermeant".to_string(),
                        Some(r) => format!("{} × P_K", format::significant(r, 2)),
                        None => format::permeability(ion.permeability_cm_per_s),
                    },
                    permeant: ion.permeability_cm_per_s > 0.0,
                }
            })
            .collect();

        // The passive voltage, and the quasi-steady one with the pump's current.
        let present = m.present_ions();
        let rt_f = physics::thermal_voltage_mv(t_c);
        let ghk = physics::zero_current_voltage_raw(&present, rt_f, 0.0).ok();
        let pump = s.pump.map(|p| {
            let i = m.pump_current_ua_per_cm2().unwrap_or(0.0);
            let with_pump = physics::zero_current_voltage_raw(&present, rt_f, i).ok();
            let contribution = match (with_pump, ghk) {
                (Some(a), Some(b)) => format::mv(a - b),
                _ => format::UNDEFINED.to_string(),
            };
            PumpReadout {
                running: !p.blocked,
                rate_fraction: p.rate_fraction,
                rate_text: format!("{:.0} %", p.rate_fraction * 100.0),
                current_text: if p.blocked { "0 (blocked)".to_string() } else { format::current(i) },
                contribution_text: contribution,
                cycles_text: format!("{} cycles/s", format::scientific(m.fluxes().pump_cycles_per_s, 2)),
            }
        });

        let cell = s.cell;
        let sep =
            physics::charge_separation_raw(v, cell.radius_um, cell.capacitance_uf_per_cm2, cell.membrane_thickness_nm);
        let k_ions = s
            .ion_index(POTASSIUM_NAME)
            .map(|k| inside[k] * 1e-3 * Sphere { radius_um: cell.radius_um }.volume_l() * AVOGADRO_PER_MOL);
        let k_fraction_text = match k_ions {
            Some(k) if k > 0.0 && sep.ions_moved > 0.0 => {
                let f = sep.ions_moved / k;
                format!(
                    "1 in {} of the cell's K⁺ ({} %)",
                    format::count((1.0 / f).round()),
                    format::significant(f * 100.0, 2)
                )
            }
            Some(_) => "none of the cell's K⁺".to_string(),
            None => format::UNDEFINED.to_string(),
        };
        let charge = ChargeReadout {
            ions_moved: sep.ions_moved,
            ions_moved_text: format!("{} ions", format::count(sep.ions_moved)),
            k_fraction_text,
            excess_text: format::conc(sep.excess_mm.abs()),
            field_text: format!("{} V/m", format::scientific(sep.field_v_per_m, 2)),
            capacitance_text: format!("{} pF", format::significant(sep.capacitance_pf, 3)),
            skin_pairs: (v.abs() / 4.0).round().min(40.0) as u32,
            inside_negative: v < 0.0,
        };

        let mut notes: Vec<String> = Vec::new();
        for ion in &ions {
            if let Some(n) = &ion.nernst_note {
                notes.push(format!("E for {} is shown as — : {n}", ion.label));
            }
        }
        if ghk.is_none() {
            notes.push("The passive (GHK) voltage is shown as — : no permeant ion can carry current one of the two ways, so it would be infinite.".to_string());
        }
        let info = presets::info(lab.preset_name());
        let density = lab.scene().particles_per_mm();
        Readout {
            time_s: m.time_s(),
            time_text: format!("t = {}", format::duration(m.time_s())),
            voltage_mv: v,
            voltage_text: format::mv(v),
            playing: lab.is_playing(),
            speed_index: lab.speed_index(),
            speed_text: SPEEDS[lab.speed_index()].label.to_string(),
            step_text: format!("One step = {} of model time", format::duration(lab.slice_s())),
            can_step_back: lab.history_len() > 0,
            preset: lab.preset_name().to_string(),
            preset_title: info.map_or(String::new(), |i| i.title.to_string()),
            preset_description: info.map_or(String::new(), |i| i.description.to_string()),
            temperature_c: t_c,
            temperature_text: format!("{} °C", format::significant(t_c, 3)),
            ghk_text: ghk.map_or(format::UNDEFINED.to_string(), format::mv),
            ions,
            pump,
            charge,
            particle_text: format!("One crossing particle = {} ions", format::scientific(lab.ions_per_particle(), 1)),
            density_text: if density > 0.0 {
                format!(
                    "Particle density ∝ concentration: {} particles per 10 mM",
                    format::significant(10.0 * density, 2)
                )
            } else {
                String::new()
            },
            trace_window_text: format!("last {}", format::duration(lab.trace_window_s())),
            notes,
            error: lab.error().map(String::from),
            controls: lab.control_states(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_carry_the_charge() {
        assert_eq!(ion_label("K", 1), "K⁺");
        assert_eq!(ion_label("Ca", 2), "Ca²⁺");
        assert_eq!(ion_label("Cl", -1), "Cl⁻");
        assert_eq!(ion_label("X", -3), "X³⁻");
    }
}
