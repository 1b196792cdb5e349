//! The one small readout the page's labels come from: the lab's [`Measures`] in words,
//! each number formatted once. The page copies these strings; it builds none.

use serde::Serialize;
use vrest_core::constants::{POTASSIUM_NAME, SODIUM_NAME};

use super::catalog::Catalog;
use super::format::{self, ion_label, Formats, UNDEFINED, ZERO_CURRENT_UA_PER_CM2};
use super::words::{control_spoken, control_text, describe_error};
use crate::lab::{Lab, Measures};

/// One ion's row.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct IonReadout {
    pub name: String,
    /// "K⁺", "Ca²⁺", "Cl⁻".
    pub label: String,
    pub inside_text: String,
    pub outside_text: String,
    /// "−89.1 mV", or "—" when a concentration is zero.
    pub nernst_text: String,
    /// Why E is undefined, when it is.
    pub nernst_note: Option<String>,
    /// V − E.
    pub driving_force_text: String,
    pub current_text: String,
    /// "outward", "inward" or "none": a style for the current's cell, not a word shown.
    pub direction: &'static str,
    pub relative_text: String,
    /// Its share of the membrane's conductance, 0 to 1, and as text ("62 %").
    pub share: f64,
    pub share_text: String,
}

/// A control's present value, its slider position and how it reads.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ControlState {
    pub key: String,
    pub value: f64,
    pub position: u32,
    pub text: String,
    /// The value in words, for the slider's `aria-valuetext`.
    pub spoken: String,
    /// The value for the typed twin.
    pub typed: String,
    /// A teacher locked it: the page disables it and says so.
    pub locked: bool,
}

/// Everything the page prints.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Readout {
    pub revision: u64,
    /// The controls' and ions' layout ([`Lab::layout_key`]).
    pub layout_key: u32,
    /// The setup the page last took was for another layout: it asks for the setup again
    /// and rebuilds its controls and its ion table (set by the handle, which knows
    /// which setup it handed out).
    pub setup_changed: bool,
    pub time_s: f64,
    pub time_text: String,
    pub voltage_mv: f64,
    pub voltage_text: String,
    pub playing: bool,
    /// The word on the play button ("Play" or "Pause").
    pub play_text: String,
    pub speed_index: usize,
    pub speed_text: String,
    pub step_text: String,
    pub can_step_back: bool,
    /// The step size chosen, model seconds (0 follows the speed): the picker's value.
    pub step_size_s: f64,
    /// Stimulate armed a pulse while paused: Step goes through it, Play runs it.
    pub pulse_pending: bool,
    /// The scrubber beside the trace's heading.
    pub timeline: super::timeline::TimelineView,
    /// The marks on the trace, in words (a list for screen readers), oldest first.
    pub marks: Vec<String>,
    /// The same marks as the trace draws them: each one's time and label (kept in Rust).
    #[serde(skip)]
    pub trace_marks: Vec<(f64, String)>,
    pub preset: String,
    pub preset_description: String,
    /// The passive (GHK) voltage at the present concentrations.
    pub ghk_text: String,
    pub ions: Vec<IonReadout>,
    /// One sentence on the pump's current, cycles and its own share of V.
    pub pump_text: String,
    pub ions_moved_text: String,
    /// "1 in 64,000 of the cell's K⁺ (0.0016 %)".
    pub k_fraction_text: String,
    /// Excess charge, field and capacitance, in one line.
    pub charge_text: String,
    /// "One crossing particle = 2×10⁷ ions".
    pub particle_text: String,
    pub density_text: String,
    pub trace_window_text: String,
    /// Explanations of every value shown as "—".
    pub notes: Vec<String>,
    /// Why the model stopped while playing, if it did.
    pub error: Option<String>,
    /// Every control's value and slider position, to keep the sliders in step.
    pub controls: Vec<ControlState>,
    /// The sonification's pitch for this V, and the spikes so far (a click each).
    pub tone_hz: f64,
    pub spikes: u64,
    pub reduced_motion: bool,
    /// Presentation mode is on (the page takes its projector layout).
    pub presenting: bool,
    /// The learner's view (rather than the full lab), and the words of the button that
    /// switches to the other.
    pub learner: bool,
    pub view_switch_text: String,
    /// The guided lesson in progress, in words.
    pub lesson: Option<super::lesson::LessonView>,
    /// The words drawn on the scene and the bars (kept in Rust; not sent to the page).
    #[serde(skip)]
    pub scene: SceneWords,
}

/// The words on the canvases.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SceneWords {
    /// Per ion: its channel's name, wide and narrow.
    pub channels: Vec<(String, String)>,
    /// Per voltage-gated channel (in the model's order): its name and how open it is,
    /// wide and narrow ("Na⁺ gate · 37% open").
    pub gated: Vec<(String, String)>,
    pub pump_name: String,
    /// KCC2's and the exchanger's names, wide and narrow.
    pub kcc2_name: (String, String),
    pub ncx_name: (String, String),
    pub proton_pump_name: (String, String),
    pub kh_name: (String, String),
    /// "3 Na⁺ out · 2 K⁺ in per ATP", wide and narrow.
    pub pump_stoichiometry: (String, String),
    pub pump_blocked: String,
    pub pump_atp: String,
    pub pump_rate: String,
    pub outside: String,
    pub inside: String,
    pub bars_inside: String,
    pub bars_outside: String,
    pub bars_e: String,
    /// Per ion: "140 mM in", "5.00 mM out".
    pub bars_values: Vec<(String, String)>,
    /// In reduced motion, each flow's x (0..1), whether it is outward, its ion's kind
    /// and its arrow's words ("↑ K⁺ 12/s").
    pub flows: Vec<(f32, bool, u8, String)>,
}

impl SceneWords {
    fn new(lab: &Lab, m: &Measures, ions: &[IonReadout], catalog: &Catalog) -> SceneWords {
        let f = Formats { catalog };
        let flows = lab
            .scene()
            .flows()
            .iter()
            .filter_map(|flow| {
                let ion = ions.get(usize::from(flow.kind))?;
                let id = if flow.outward { "flow-out" } else { "flow-in" };
                let rate = f.sig(f64::from(flow.per_s), 2);
                Some((flow.x, flow.outward, flow.kind, catalog.format(id, &[("ion", &ion.label), ("rate", &rate)])))
            })
            .collect();
        let channels = ions
            .iter()
            .map(|ion| {
                let args = [("ion", ion.label.as_str())];
                match ion.name.as_str() {
                    POTASSIUM_NAME => {
                        (catalog.format("channel-potassium", &args), catalog.format("channel-potassium-short", &args))
                    }
                    SODIUM_NAME => (catalog.format("channel-sodium", &args), ion.label.clone()),
                    _ => (catalog.format("channel-other", &args), ion.label.clone()),
                }
            })
            .collect();
        let rate = m.pump.map_or(1.0, |p| p.rate_fraction);
        let gated = lab
            .membrane()
            .gated_channels()
            .iter()
            .map(|c| {
                let ion = ions.get(c.ion).map_or("", |i| i.label.as_str());
                let open = f.with("value-percent", &format!("{:.0}", c.open_fraction * 100.0));
                let args = [("ion", ion), ("open", open.as_str())];
                (catalog.format("gated-channel", &args), catalog.format("gated-channel-short", &args))
            })
            .collect();
        SceneWords {
            channels,
            gated,
            pump_name: catalog.text("pump-name"),
            kcc2_name: (catalog.text("transporter-kcc2"), catalog.text("transporter-kcc2-short")),
            ncx_name: (catalog.text("transporter-ncx"), catalog.text("transporter-ncx-short")),
            proton_pump_name: (catalog.text("transporter-proton-pump"), catalog.text("transporter-proton-pump-short")),
            kh_name: (catalog.text("transporter-kh"), catalog.text("transporter-kh-short")),
            pump_stoichiometry: (catalog.text("pump-stoichiometry"), catalog.text("pump-stoichiometry-short")),
            pump_blocked: catalog.text("state-blocked"),
            pump_atp: catalog.text("pump-atp"),
            pump_rate: catalog
                .format("pump-rate", &[("rate", &f.with("value-percent", &format!("{:.0}", rate * 100.0)))]),
            outside: catalog.text("scene-outside"),
            inside: catalog.text("scene-inside"),
            bars_inside: catalog.text("bars-inside"),
            bars_outside: catalog.text("bars-outside"),
            bars_e: catalog.text("bars-e"),
            bars_values: m
                .ions
                .iter()
                .map(|ion| {
                    (
                        catalog.format("bars-inside-value", &[("value", &f.conc(ion.inside_mm))]),
                        catalog.format("bars-outside-value", &[("value", &f.conc(ion.outside_mm))]),
                    )
                })
                .collect(),
            flows,
        }
    }
}

impl Readout {
    pub fn new(lab: &Lab, m: &Measures, catalog: &Catalog) -> Readout {
        let f = Formats { catalog };
        let v = m.voltage_mv;
        let ions = ion_readouts(m, catalog);
        let pump_text = pump_text(m, catalog);
        let c = &m.charge;
        let (k_fraction_text, charge_text) = format::meter_texts(m, catalog);
        let notes = notes(lab, m, &ions, catalog);
        let scene = SceneWords::new(lab, m, &ions, catalog);
        let timeline = super::timeline::TimelineView::new(lab, catalog);
        let trace_marks = super::timeline::marks_on_trace(lab, catalog);
        let density = m.lab.particles_per_mm;
        let playing = lab.is_playing();
        Readout {
            revision: m.lab.revision,
            layout_key: lab.layout_key(),
            setup_changed: false,
            time_s: m.time_s,
            time_text: catalog.format("time-now", &[("duration", &f.duration(m.time_s))]),
            voltage_mv: v,
            voltage_text: f.mv(v),
            playing,
            play_text: catalog.text(if playing { "button-pause" } else { "button-play" }),
            speed_index: lab.speed_index(),
            speed_text: speed_text(lab, catalog),
            step_text: step_text(lab, m, &timeline, catalog),
            can_step_back: if timeline.earlier { timeline.at > 0 } else { lab.history_len() > 0 },
            step_size_s: lab.step_size().map_or(0.0, |i| crate::lab::STEP_SIZES_S[i]),
            pulse_pending: lab.pulse_pending(),
            marks: super::timeline::marks_spoken(&trace_marks, catalog),
            trace_marks,
            timeline,
            preset: lab.preset_id().to_string(),
            preset_description: catalog.text(&format!("preset-{}-description", lab.preset_id())),
            ghk_text: m.ghk_mv.map_or(UNDEFINED.to_string(), |g| f.mv(g)),
            ions,
            pump_text,
            ions_moved_text: catalog.format("ions-moved", &[("count", &f.count(c.ions_moved))]),
            k_fraction_text,
            charge_text,
            particle_text: if m.lab.ions_per_particle == 1.0 {
                catalog.text("particle-scale-one")
            } else {
                catalog.format("particle-scale", &[("ions", &f.sci(m.lab.ions_per_particle, 1))])
            },
            density_text: if density > 0.0 {
                catalog.format("particle-density", &[("count", &f.sig(10.0 * density, 2))])
            } else {
                String::new()
            },
            trace_window_text: catalog.format("trace-window", &[("duration", &f.duration(m.lab.trace_window_s))]),
            notes,
            error: lab.stopped().map(|e| describe_error(e, lab, catalog)),
            controls: control_states(lab, catalog),
            tone_hz: tone_hz(v),
            spikes: lab.spikes(),
            reduced_motion: lab.reduced_motion(),
            presenting: lab.presenting().is_some(),
            learner: lab.view() == crate::lab::View::Learn,
            view_switch_text: catalog.text(if lab.view() == crate::lab::View::Learn {
                "view-switch-lab"
            } else {
                "view-switch-learn"
            }),
            lesson: super::lesson::view(lab, m, catalog),
            scene,
        }
    }
}

/// Each ion's row: concentrations, E, V − E, current, its permeability and its vote.
fn ion_readouts(m: &Measures, catalog: &Catalog) -> Vec<IonReadout> {
    let f = Formats { catalog };
    let v = m.voltage_mv;
    m.ions
        .iter()
        .map(|ion| {
            let label = ion_label(&ion.name, ion.charge);
            let e = ion.nernst_mv;
            let nernst_note = e.is_none().then(|| {
                let side = if ion.inside_mm == 0.0 { "inside" } else { "outside" };
                catalog.format("nernst-note", &[("ion", &label), ("side", side)])
            });
            let i = ion.current_ua_per_cm2;
            IonReadout {
                name: ion.name.clone(),
                inside_text: f.conc(ion.inside_mm),
                outside_text: f.conc(ion.outside_mm),
                nernst_text: e.map_or(UNDEFINED.to_string(), |e| f.mv(e)),
                nernst_note,
                driving_force_text: e.map_or(UNDEFINED.to_string(), |e| f.mv(v - e)),
                current_text: f.current(i),
                direction: if i.abs() < ZERO_CURRENT_UA_PER_CM2 {
                    "none"
                } else if i > 0.0 {
                    "outward"
                } else {
                    "inward"
                },
                relative_text: match ion.relative_permeability {
                    Some(_) if ion.is_reference => catalog.text("relative-reference"),
                    Some(0.0) => catalog.text("relative-impermeant"),
                    Some(r) => catalog.format("relative-times-pk", &[("ratio", &f.sig(r, 2))]),
                    None => f.permeability(ion.permeability_cm_per_s),
                },
                share: ion.conductance_share,
                share_text: f.with("value-percent", &format!("{:.0}", 100.0 * ion.conductance_share)),
                label,
            }
        })
        .collect()
}

/// One sentence for whichever pump the cell has: its current, its turnover and its
/// own share of V.
fn pump_text(m: &Measures, catalog: &Catalog) -> String {
    let f = Formats { catalog };
    let pump_line = |p: &crate::lab::measures::PumpMeasure, line: &str, cycles: &str| {
        let current = if p.running { f.current(p.current_ua_per_cm2) } else { catalog.text("pump-blocked-current") };
        let cycles = catalog.format(cycles, &[("rate", &f.sci(p.cycles_per_s, 2))]);
        let shift = p.contribution_mv.map_or(UNDEFINED.to_string(), |d| f.mv(d));
        catalog.format(line, &[("current", &current), ("cycles", &cycles), ("shift", &shift)])
    };
    match (&m.pump, &m.proton_pump) {
        (Some(p), _) => pump_line(p, "pump-line", "pump-cycles"),
        (None, Some(p)) => pump_line(p, "proton-pump-line", "proton-pump-cycles"),
        (None, None) => catalog.text("pump-none"),
    }
}

/// The notes under the readout: an E or a GHK voltage that is infinite, a pulse that
/// cannot fire, a spike too fast for the speed, a change waiting for time.
fn notes(lab: &Lab, m: &Measures, ions: &[IonReadout], catalog: &Catalog) -> Vec<String> {
    let f = Formats { catalog };
    let mut notes: Vec<String> = ions
        .iter()
        .filter_map(|ion| {
            let note = ion.nernst_note.as_ref()?;
            Some(catalog.format("note-nernst", &[("ion", &ion.label), ("note", note)]))
        })
        .collect();
    if m.ghk_mv.is_none() {
        // A sealed membrane has no passive voltage at all; otherwise it is infinite.
        let sealed = lab.membrane().scenario().is_sealed();
        notes.push(catalog.text(if sealed { "note-sealed" } else { "note-ghk" }));
    }
    // Stimulate while paused: beside V, what gives the pulse.
    if lab.pulse_pending() {
        notes.push(catalog.text("note-pulse-ready"));
    }
    if lab.pulse_cannot_fire() {
        notes.push(catalog.text("note-cannot-fire"));
    }
    // A spike on the trace at a speed too fast to follow it: where to see it.
    if let Some(spike) = lab.last_spike() {
        let on_trace = spike.start_s >= m.time_s - m.lab.trace_window_s;
        // (Not on a trace zoomed to a chosen step size, a few ms wide, which shows it.)
        if on_trace && lab.speed_index() >= crate::lab::DEFAULT_SPEED && m.lab.trace_window_s >= 1.0 {
            let width = spike.width_s.map_or_else(|| catalog.text("records-none"), |w| f.duration(w));
            notes.push(catalog.format("note-spike-fast", &[("width", &width)]));
        }
    }
    if lab.paused_edit() {
        notes.push(match m.lab.heading_mv {
            Some(target) => catalog.format("note-paused-edit", &[("target", &f.mv(target))]),
            None => catalog.text("note-paused-edit-no-target"),
        });
    }
    notes
}

/// The speed as chosen, and how far it is slowed when a firing cell needs it.
fn speed_text(lab: &Lab, catalog: &Catalog) -> String {
    let f = Formats { catalog };
    let chosen = catalog.text(&format!("speed-{}", lab.speed_index()));
    match lab.effective_speed() {
        Some(actual) => {
            // The pace reached, smoothed over frames, to the two digits it holds.
            catalog.format("speed-slowed", &[("speed", &chosen), ("actual", &f.duration_to(actual, 2))])
        }
        None => chosen,
    }
}

/// What one step covers (and how much of it the last step did, when it stopped short);
/// first, a pulse armed while paused.
fn step_text(lab: &Lab, m: &Measures, timeline: &super::timeline::TimelineView, catalog: &Catalog) -> String {
    let f = Formats { catalog };
    if lab.pulse_pending() {
        return catalog.format("step-pulse-armed", &[("duration", &f.duration(m.lab.step_s))]);
    }
    // An earlier moment of the timeline: what Play does from here.
    if timeline.earlier {
        return timeline.note.clone();
    }
    match lab.short_step_s() {
        Some(covered) => catalog
            .format("step-size-short", &[("duration", &f.duration(m.lab.step_s)), ("covered", &f.duration(covered))]),
        None => catalog.format("step-size", &[("duration", &f.duration(m.lab.step_s))]),
    }
}

/// Each control's slider position, value in words and for a screen reader, typed form
/// and lock.
fn control_states(lab: &Lab, catalog: &Catalog) -> Vec<ControlState> {
    lab.control_specs()
        .into_iter()
        .map(|spec| {
            let value = lab.control_value(&spec);
            ControlState {
                key: spec.key.to_string(),
                position: spec.position(value),
                text: control_text(&spec, value, catalog),
                spoken: control_spoken(&spec, value, catalog),
                typed: catalog.number(&format::typed(value)),
                locked: lab.is_locked(&spec.key),
                value,
            }
        })
        .collect()
}

/// The sonification's pitch: two octaves over the 150 mV from −100 to +50 mV, A3
/// (220 Hz) at −100 mV, on a log scale as the ear hears pitch; held within the
/// outer octaves beyond that range.
pub const TONE_HZ_AT_MINUS_100_MV: f64 = 220.0;
const OCTAVES_PER_MV: f64 = 2.0 / 150.0;

pub fn tone_hz(v_mv: f64) -> f64 {
    if !v_mv.is_finite() {
        return TONE_HZ_AT_MINUS_100_MV;
    }
    let octaves = ((v_mv + 100.0) * OCTAVES_PER_MV).clamp(-1.0, 3.0);
    // 2^octaves as e^(octaves·ln 2): the page's wasm has `exp` already, and `2.powf`
    // would bring libm's `exp2` with its 4 KB table (3.5 KB of the gzipped page).
    TONE_HZ_AT_MINUS_100_MV * (octaves * std::f64::consts::LN_2).exp()
}
