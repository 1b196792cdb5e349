//! The words for the lab's controls, presets and errors: labels, values and the
//! sentence that says why a command was refused, all from the catalog.

use serde::Serialize;
use vrest_core::constants::Range;
use vrest_core::error::Arg;
use vrest_core::presets::{PresetKind, PRESETS};
use vrest_core::{ModelError, Scenario};

use super::catalog::{Catalog, Locale};
use super::format::{ion_label, significant, typographic_minus, ConcUnit, Formats};
use super::palette;
use crate::lab::controls::{ControlKind, ControlUnit};
use crate::lab::link::LinkProblem;
use crate::lab::parts::{part, Group};
use crate::lab::{ControlKey, ControlSpec, IonQuantity, Lab, LabError, SPEEDS_MODEL_S_PER_REAL_S};

/// The label of a control, e.g. "K⁺ outside (mM)": also its accessible name.
pub fn control_label(spec: &ControlSpec, scenario: &Scenario, catalog: &Catalog) -> String {
    control_label_charged(spec, charge_of(spec, scenario), catalog)
}

/// The charge of the ion a control is an ion's, if it is.
fn charge_of(spec: &ControlSpec, scenario: &Scenario) -> Option<i32> {
    spec.ion_index.and_then(|i| scenario.ions.get(i)).map(|ion| ion.charge)
}

/// [`control_label`] given the ion's charge (None for a control that is not an ion's).
pub fn control_label_charged(spec: &ControlSpec, charge: Option<i32>, catalog: &Catalog) -> String {
    label_of(spec, charge, catalog, "")
}

/// A control's short label, where a line has no room for its unit or hint (a mark on
/// the trace: "K⁺ outside"): its label's catalog id with [`SHORT`] after it.
pub fn control_short_label(spec: &ControlSpec, scenario: &Scenario, catalog: &Catalog) -> String {
    label_of(spec, charge_of(spec, scenario), catalog, SHORT)
}

/// What a short label's id adds to its label's (`control-temperature-short`).
pub const SHORT: &str = "-short";

fn label_of(spec: &ControlSpec, charge: Option<i32>, catalog: &Catalog, suffix: &str) -> String {
    match (&spec.key, charge) {
        (ControlKey::Ion { ion, quantity }, Some(charge)) => {
            let id = match (quantity, spec.unit) {
                (IonQuantity::Inside, _) => "control-inside",
                (IonQuantity::Outside, _) => "control-outside",
                (IonQuantity::Permeability, ControlUnit::TimesPk) => "control-permeability-relative",
                (IonQuantity::Permeability, _) => "control-permeability",
            };
            catalog.format(&format!("{id}{suffix}"), &[("ion", &ion_label(ion, charge))])
        }
        (key, _) => match part(key) {
            Some(p) => catalog.text(&format!("{}{suffix}", p.label)),
            None => key.to_string(),
        },
    }
}

/// A control's value as it reads beside its slider: "5.00 mM", "0.04 × P_K", "running".
pub fn control_text(spec: &ControlSpec, value: f64, catalog: &Catalog) -> String {
    let f = Formats { catalog };
    match spec.unit {
        ControlUnit::Millimolar => f.conc(value),
        ControlUnit::CmPerS => f.permeability(value),
        ControlUnit::TimesPk => f.with("value-times-pk", &significant(value, 3)),
        ControlUnit::Celsius => f.with("value-celsius", &significant(value, 3)),
        ControlUnit::Percent => f.with("value-percent", &format!("{value:.0}")),
        ControlUnit::Switch if spec.key == ControlKey::GatesOn => {
            catalog.text(if value > 0.5 { "state-open" } else { "state-removed" })
        }
        ControlUnit::Switch => catalog.text(if value > 0.5 { "state-running" } else { "state-blocked" }),
        ControlUnit::MmPerS => f.with("value-mm-per-s", &significant(value, 3)),
        ControlUnit::UaPerCm2 => f.with("value-ua-per-cm2", &significant(value, 3)),
    }
}

/// A control's value as a screen reader should say it (the slider's `aria-valuetext`):
/// "10.0 millimolar", "37.0 degrees Celsius", "4.00 percent of P K", with units and
/// signs in words from the catalog.
pub fn control_spoken(spec: &ControlSpec, value: f64, catalog: &Catalog) -> String {
    let say = |id: &str, x: f64| catalog.format(id, &[("value", &spoken_number(x, catalog))]);
    match spec.unit {
        ControlUnit::Millimolar => match ConcUnit::of(value) {
            (ConcUnit::Millimolar, x) => say("spoken-mm", x),
            (ConcUnit::Micromolar, x) => say("spoken-um", x),
            (ConcUnit::Nanomolar, x) => say("spoken-nm", x),
        },
        ControlUnit::CmPerS => say("spoken-cm-per-s", value),
        ControlUnit::TimesPk if value < 1.0 => say("spoken-percent-of-pk", 100.0 * value),
        ControlUnit::TimesPk => say("spoken-times-pk", value),
        ControlUnit::Celsius => say("spoken-celsius", value),
        ControlUnit::Percent => say("spoken-percent", value),
        ControlUnit::MmPerS => say("spoken-mm-per-s", value),
        ControlUnit::UaPerCm2 => say("spoken-ua-per-cm2", value),
        ControlUnit::Switch => control_text(spec, value, catalog),
    }
}

/// A number as words can carry it: three significant digits, "negative" for a minus,
/// and "times 10 to the power" outside 0.001 to 100,000 (no superscripts to misread).
pub fn spoken_number(x: f64, catalog: &Catalog) -> String {
    if !x.is_finite() {
        return crate::present::format::UNDEFINED.to_string();
    }
    let f = Formats { catalog };
    let a = x.abs();
    let body = if a == 0.0 || (1e-3..1e5).contains(&a) {
        f.sig(a, 3)
    } else {
        let e = a.log10().floor();
        let m = a / 10f64.powf(e);
        let exponent =
            if e < 0.0 { catalog.format("spoken-negative", &[("value", &format!("{}", -e))]) } else { format!("{e}") };
        catalog.format("spoken-power", &[("mantissa", &f.sig(m, 2)), ("exponent", &exponent)])
    };
    if x < 0.0 {
        catalog.format("spoken-negative", &[("value", &body)])
    } else {
        body
    }
}

/// The model's refusal (a code and its numbers, `vrest_core::error`) in words: "field:
/// what is wrong", every word from the catalog, every number in the language's style.
/// The command line words its errors here too, from the English catalog.
pub fn model_error(e: &ModelError, catalog: &Catalog) -> String {
    let f = Formats { catalog };
    let got = |x: f64| {
        if x.is_nan() {
            catalog.text("error-not-a-number")
        } else if x.is_infinite() {
            catalog.text(if x > 0.0 { "error-infinite" } else { "error-negative-infinite" })
        } else {
            Formats { catalog }.limit(x)
        }
    };
    let args: Vec<(&str, String)> = e
        .args
        .iter()
        .map(|(name, arg)| {
            let text = match arg {
                Arg::Number(x) => got(*x),
                Arg::Whole(n) => typographic_minus(&n.to_string()),
                Arg::Limit(x) => f.limit(*x),
                Arg::Range(r) => range_text(r, catalog),
                Arg::Text(t) => t.clone(),
                Arg::Names(names) => names.join(", "),
                Arg::Keys(keys) => keys.iter().map(|k| format!("`{k}`")).collect::<Vec<_>>().join(", "),
            };
            (*name, text)
        })
        .collect();
    let pairs: Vec<(&str, &str)> = args.iter().map(|(n, t)| (*n, t.as_str())).collect();
    let problem = catalog.format(e.code, &pairs);
    if e.field.is_empty() {
        problem
    } else {
        catalog.format("error-model-at", &[("field", &e.field), ("problem", &problem)])
    }
}

/// An allowed range in words: "from 0 to 1000 mM", "above 0 and at most 5000 µm".
pub fn range_text(r: &Range, catalog: &Catalog) -> String {
    let f = Formats { catalog };
    let unit = if r.unit.is_empty() { String::new() } else { format!(" {}", r.unit) };
    let id = if r.min_inclusive { "error-range-from" } else { "error-range-above" };
    catalog.format(id, &[("min", &f.limit(r.min)), ("max", &f.limit(r.max)), ("unit", &unit)])
}

/// Why a command was refused, in one sentence that names the control or field and what
/// is allowed.
pub fn describe_error(e: &LabError, lab: &Lab, catalog: &Catalog) -> String {
    // A key the cell has no control for is named as written.
    let label = |key: &ControlKey| match lab.control_spec(key) {
        Ok(spec) => control_label(&spec, lab.membrane().scenario(), catalog),
        Err(_) => key.to_string(),
    };
    let n = |x: usize| x.to_string();
    let f = Formats { catalog };
    // A refused value, compact (1e-300 does not print as 300 digits), or in words.
    let got_text = |x: f64| if x.is_finite() { f.limit(x) } else { catalog.text("error-not-a-number") };
    // Each refusal's arguments; its message is `e.code()`.
    let args: Vec<(&str, String)> = match e {
        LabError::OutOfRange { key, min, max, got } => {
            vec![("control", label(key)), ("min", f.limit(*min)), ("max", f.limit(*max)), ("got", got_text(*got))]
        }
        LabError::Pulse { min, max, got } => {
            let got = got_text(*got);
            vec![
                ("control", catalog.text("stimulus-label")),
                ("min", f.limit(*min)),
                ("max", f.limit(*max)),
                ("got", got),
            ]
        }
        LabError::TooSmall { key, smallest, max, got } => vec![
            ("control", label(key)),
            ("smallest", f.limit(*smallest)),
            ("max", f.limit(*max)),
            ("got", f.limit(*got)),
        ],
        LabError::SliderPosition { key, max, got } => {
            vec![("control", label(key)), ("max", max.to_string()), ("got", got.to_string())]
        }
        LabError::NotAControl { key } => vec![("key", key.to_string())],
        LabError::UnknownPreset { id } => vec![("id", id.clone())],
        LabError::Speed { max, got } => vec![("max", n(*max)), ("got", n(*got))],
        LabError::Moment { max, got } => vec![("max", n(*max)), ("got", n(*got))],
        LabError::StepSize { got } => {
            let sizes: Vec<String> = crate::lab::STEP_SIZES_S.iter().map(|s| f.duration(*s)).collect();
            vec![("sizes", sizes.join(", ")), ("got", got_text(*got))]
        }
        LabError::ParticleBudget { min, max, got } => vec![("min", n(*min)), ("max", n(*max)), ("got", n(*got))],
        LabError::Locked { key } | LabError::LockedChange { key } => vec![("control", label(key))],
        LabError::UnknownControls { pattern } => vec![("pattern", pattern.clone())],
        LabError::UnknownLesson { id } => {
            let ids: Vec<&str> = crate::lab::lesson::lessons().iter().map(|l| l.id).collect();
            vec![("id", id.clone()), ("ids", ids.join(", "))]
        }
        LabError::LessonStep { max, got } | LabError::Choice { max, got } => {
            vec![("max", n(*max + 1)), ("got", n(*got + 1))]
        }
        LabError::TableFull { max } => vec![("max", n(*max))],
        LabError::Questions { max, max_chars, number } => {
            vec![("max", n(*max)), ("chars", n(*max_chars)), ("number", n(*number))]
        }
        LabError::Rejected(m) => return catalog.format("error-rejected", &[("message", &model_error(m, catalog))]),
        LabError::Stopped(m) => vec![("message", model_error(m, catalog))],
        LabError::Asking => vec![("leave", catalog.text("lesson-leave"))],
        LabError::NoEarlierStep | LabError::NotFollowed | LabError::NoLesson | LabError::NoQuestion => vec![],
    };
    let pairs: Vec<(&str, &str)> = args.iter().map(|(k, v)| (*k, v.as_str())).collect();
    catalog.format(e.code(), &pairs)
}

/// Why a typed text is not a value for `key`: what was typed, the form to write it
/// in (this language's decimal sign) and the control's range.
pub fn typed_error(key: &ControlKey, text: &str, lab: &Lab, catalog: &Catalog) -> String {
    match lab.control_spec(key) {
        Ok(spec) => {
            let label = control_label(&spec, lab.membrane().scenario(), catalog);
            typed_error_for(&label, (spec.typed_min, spec.typed_max), text, catalog)
        }
        Err(e) => describe_error(&e, lab, catalog),
    }
}

/// Why a typed text is not a value for the field labelled `label`, which takes numbers
/// from `min` to `max`: the typed controls' and the stimulus pulse's.
pub fn typed_error_for(label: &str, (min, max): (f64, f64), text: &str, catalog: &Catalog) -> String {
    let f = Formats { catalog };
    let got = vrest_core::error::printable(text.trim(), 24);
    // What was typed is quoted when it holds digits ("7,5", "1.2.3"): letters alone
    // ("abc", "NaN") are not repeated back.
    let id = if got.chars().any(|c| c.is_ascii_digit()) { "error-typed" } else { "error-typed-plain" };
    let (example, min, max) = (catalog.number("7.5"), f.limit(min), f.limit(max));
    catalog.format(id, &[("control", label), ("got", &got), ("example", &example), ("min", &min), ("max", &max)])
}

/// Why a link's parameter was not used, in one sentence that names it and says what
/// was used instead.
pub fn describe_link_problem(p: &LinkProblem, catalog: &Catalog) -> String {
    match p {
        LinkProblem::Unknown { param } => catalog.format("link-unknown", &[("param", param)]),
        LinkProblem::Preset { got } => catalog.format("link-preset", &[("got", got)]),
        LinkProblem::Speed { max, got } => catalog.format("link-speed", &[("max", &max.to_string()), ("got", got)]),
        LinkProblem::StepSize { got } => {
            catalog.format("link-step-size", &[("sizes", &crate::lab::marks::STEP_SIZE_NAMES.join(", ")), ("got", got)])
        }
        LinkProblem::Play { got } => catalog.format("link-play", &[("got", got)]),
        LinkProblem::Seed { got } => catalog.format("link-seed", &[("got", got)]),
        LinkProblem::StateFormat => catalog.text("link-state-format"),
        LinkProblem::State(e) => catalog.format("link-state", &[("message", &model_error(e, catalog))]),
        LinkProblem::Repeated { param } => catalog.format("link-repeated", &[("param", param)]),
        LinkProblem::Controls { param, got } => catalog.format("link-controls", &[("param", param), ("got", got)]),
        LinkProblem::StateDepth { max } => catalog.format("link-state-depth", &[("max", &max.to_string())]),
        LinkProblem::ListTooLong { param, max, max_chars } => catalog.format(
            "link-list-too-long",
            &[("param", param), ("max", &max.to_string()), ("chars", &max_chars.to_string())],
        ),
        LinkProblem::TooManyParams { max, ignored } => {
            catalog.format("link-too-many", &[("max", &max.to_string()), ("ignored", &ignored.to_string())])
        }
        LinkProblem::Lesson { got } => catalog.format("link-lesson", &[("got", got)]),
        LinkProblem::View { got } => catalog.format("link-view", &[("got", got)]),
        LinkProblem::Question { param, max_chars } => {
            catalog.format("link-question", &[("param", param), ("chars", &max_chars.to_string())])
        }
        LinkProblem::Step { max, got } => catalog.format("link-step", &[("max", &(max + 1).to_string()), ("got", got)]),
    }
}

/// The most notes a link shows; the rest are counted in one more.
pub const MAX_LINK_NOTES: usize = 5;

/// A link's notes as the page shows them: the first [`MAX_LINK_NOTES`], then "…and N
/// more" (a link of thousands of bad entries gives six lines, not thousands).
pub fn link_notes(mut notes: Vec<String>, catalog: &Catalog) -> Vec<String> {
    if notes.len() > MAX_LINK_NOTES {
        let more = notes.len() - MAX_LINK_NOTES;
        notes.truncate(MAX_LINK_NOTES);
        notes.push(catalog.format("link-more", &[("count", &more.to_string())]));
    }
    notes
}

/// A preset in the menu.
#[derive(Debug, Clone, Serialize)]
pub struct PresetEntry {
    pub id: &'static str,
    pub title: String,
    pub description: String,
    pub group: String,
}

/// One control as the page builds it.
#[derive(Debug, Clone, Serialize)]
pub struct ControlEntry {
    pub key: String,
    pub label: String,
    /// The accessible name of the typed twin.
    pub typed_label: String,
    pub kind: ControlKind,
    /// The group's stable name, the same in every language: a lock pattern that
    /// names the whole group ("ion.K", "pump"), or "channels" for the gated channels
    /// and transporters, which share none.
    pub group_key: String,
    /// The group's heading: the ion's label, "Temperature" or "Pump".
    pub group: String,
    /// Off the page: a teacher hid it, or presentation mode does not show it.
    pub hidden: bool,
}

/// One item of the particle legend.
#[derive(Debug, Clone, Serialize)]
pub struct LegendEntry {
    /// The ion's name in the scenario (empty for the impermeant anions): the page
    /// matches the ion table's rows to the readout's ions by it.
    pub name: String,
    pub label: String,
    pub color: String,
    pub glyph: &'static str,
}

/// A language in the language menu: its tag and its own name for itself.
#[derive(Debug, Clone, Serialize)]
pub struct LanguageEntry {
    pub tag: &'static str,
    pub name: &'static str,
}

/// A step size the page offers: its model seconds as the command takes them (0 follows
/// the speed) and its words.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StepSizeEntry {
    pub step_s: f64,
    pub text: String,
}

/// The step sizes, "follow the speed" first.
pub fn step_sizes(catalog: &Catalog) -> Vec<StepSizeEntry> {
    let f = Formats { catalog };
    std::iter::once(StepSizeEntry { step_s: 0.0, text: catalog.text("step-size-follow") })
        .chain(crate::lab::STEP_SIZES_S.iter().map(|&s| StepSizeEntry { step_s: s, text: f.duration(s) }))
        .collect()
}

/// What the page needs to build its menus, controls and legend, all in words.
#[derive(Debug, Clone, Serialize)]
pub struct PageSetup {
    pub presets: Vec<PresetEntry>,
    pub preset: &'static str,
    pub speeds: Vec<String>,
    /// The step sizes on offer, "follow the speed" first.
    pub step_sizes: Vec<StepSizeEntry>,
    pub slider_steps: u32,
    /// The pulse the Stimulate button gives unless the learner types another.
    pub default_stimulus_ua_per_cm2: f64,
    pub controls: Vec<ControlEntry>,
    /// Per ion, in the scenario's order (the rows of the ion table).
    pub ions: Vec<LegendEntry>,
    /// The particles' legend: every ion, then the impermeant anions.
    pub legend: Vec<LegendEntry>,
    /// The languages on offer and the one spoken now.
    pub languages: Vec<LanguageEntry>,
    pub locale: &'static str,
    /// Changes when the controls or the ions change ([`Lab::layout_key`]): the page
    /// rebuilds them when a readout carries another.
    pub layout_key: u32,
}

impl PageSetup {
    pub fn new(lab: &Lab, catalog: &Catalog) -> PageSetup {
        let s = lab.membrane().scenario();
        let ions: Vec<LegendEntry> = s
            .ions
            .iter()
            .enumerate()
            .map(|(i, ion)| {
                let (color, shape) = palette::ion_style(&ion.name, i);
                LegendEntry {
                    name: ion.name.clone(),
                    label: ion_label(&ion.name, ion.charge),
                    color: color.css(),
                    glyph: shape.glyph(),
                }
            })
            .collect();
        let mut legend = ions.clone();
        let (anion_color, anion_shape) = palette::ANION;
        legend.push(LegendEntry {
            name: String::new(),
            label: catalog.text("legend-anion"),
            color: anion_color.css(),
            glyph: anion_shape.glyph(),
        });
        PageSetup {
            presets: PRESETS
                .iter()
                .map(|p| PresetEntry {
                    id: p.id,
                    title: catalog.text(&format!("preset-{}-title", p.id)),
                    description: catalog.text(&format!("preset-{}-description", p.id)),
                    group: catalog.text(match p.kind {
                        PresetKind::CellType => "preset-group-cell-type",
                        PresetKind::Clinical => "preset-group-clinical",
                    }),
                })
                .collect(),
            preset: lab.preset_id(),
            speeds: (0..SPEEDS_MODEL_S_PER_REAL_S.len()).map(|i| catalog.text(&format!("speed-{i}"))).collect(),
            step_sizes: step_sizes(catalog),
            slider_steps: crate::lab::controls::SLIDER_STEPS,
            default_stimulus_ua_per_cm2: crate::lab::DEFAULT_STIMULUS_UA_PER_CM2,
            controls: lab
                .control_specs()
                .into_iter()
                .map(|spec| {
                    let label = control_label(&spec, s, catalog);
                    let group = match (&spec.key, spec.ion_index, part(&spec.key)) {
                        (ControlKey::Ion { ion, .. }, Some(i), _) => ion_label(ion, s.ions[i].charge),
                        (_, _, Some(p)) => catalog.text(match p.group {
                            Group::Temperature => "group-temperature",
                            Group::Pump => "group-pump",
                            Group::Channels => "group-channels",
                        }),
                        _ => spec.key.to_string(),
                    };
                    ControlEntry {
                        group_key: crate::lab::parts::group_key(&spec.key),
                        hidden: !lab.is_shown(&spec.key),
                        key: spec.key.to_string(),
                        typed_label: catalog.format("exact-value", &[("control", &label)]),
                        label,
                        kind: spec.kind,
                        group,
                    }
                })
                .collect(),
            ions,
            legend,
            // The pseudo-locale is listed only while it is on (it is for tests).
            languages: Locale::SHIPPED
                .iter()
                .copied()
                .chain((catalog.locale() == Locale::Pseudo).then_some(Locale::Pseudo))
                .map(|l| LanguageEntry { tag: l.tag(), name: l.autonym() })
                .collect(),
            locale: catalog.locale().tag(),
            layout_key: lab.layout_key(),
        }
    }
}
