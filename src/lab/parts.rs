//! The controls that are not an ion's (temperature, the pumps, the gated channels and
//! the transporters), each defined once: its key's text, its group on the page, its
//! catalog id, its slider and typed range, how it reads and sets the model. Keys'
//! text and parsing (`key.rs`), the controls (`controls.rs`), locks (`lock.rs`) and the
//! page's labels and groups (`present::words`) all read this table; `part` maps each
//! [`ControlKey`] to its entry with a `match` the compiler checks for every variant,
//! and `tests/controls.rs` checks that every entry has its words in every catalog and
//! its line in doc/controls.md. Adding a control is a variant, an entry and its
//! catalog lines.
//!
//! An ion's three controls (`ion.<name>.inside|outside|permeability`) are one rule
//! over every ion, in `controls.rs`.

use vrest_core::constants::{Range, KCC2_RATE_MM_PER_S, KH_EXCHANGER_RATE_MM_PER_S, NCX_MAX_CURRENT_UA_PER_CM2};
use vrest_core::{Membrane, ModelError, Part as CellPart, Scenario};

use super::spec::ControlUnit::{MmPerS, UaPerCm2};
use super::spec::{ControlKind, ControlSpec, ControlUnit};
use std::fmt;
use std::str::FromStr;

use super::key::{ControlKey, IonQuantity, NotAKey};

/// The group a control is shown in (an ion's controls are in their ion's).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Group {
    Temperature,
    Pump,
    Channels,
}

/// One control that is not an ion's.
pub struct Part {
    pub key: ControlKey,
    /// As links, messages and lock patterns write it.
    pub text: &'static str,
    pub group: Group,
    /// Its label's id in the catalogs.
    pub label: &'static str,
    /// Its slider and typed range for a cell that has it (`start`: the cell as
    /// loaded), or None.
    pub spec: fn(present: &Scenario, start: &Scenario) -> Option<ControlSpec>,
    /// Its value now, in its own unit.
    pub value: fn(&Scenario) -> f64,
    /// Set it; `start` gives what turning something back on restores.
    pub set: fn(&mut Membrane, f64, &Scenario) -> Result<(), ModelError>,
    /// The part of the cell it switches off and on again, if it does: where a link's
    /// patch removed that part, the preset's is what turning it on restores.
    pub switches: Option<CellPart>,
}

/// The temperature slider (°C) and the typed range: liquid water to where proteins
/// denature (the model itself accepts more, from the CLI).
const TEMPERATURE_SLIDER_C: (f64, f64) = (0.0, 45.0);
const TEMPERATURE_TYPED_C: (f64, f64) = (0.0, 50.0);
const TEMPERATURE_STEP_C: f64 = 0.1;
/// The transporters' sliders span two decades below and one above their value at start.
const TRANSPORTER_DECADES: (f64, f64) = (1e-2, 10.0);

fn switch(key: ControlKey) -> ControlSpec {
    let mut on = ControlSpec::range(key, ControlUnit::Switch, (0.0, 1.0), (0.0, 1.0));
    on.kind = ControlKind::Checkbox;
    on
}

/// A transporter's strength: a log slider around its value at start, 0 at its left end,
/// typed within the model's range.
fn strength(key: ControlKey, unit: ControlUnit, at_start: f64, typed: &Range) -> ControlSpec {
    let around = (at_start * TRANSPORTER_DECADES.0, at_start * TRANSPORTER_DECADES.1);
    let mut s = ControlSpec::range(key, unit, around, (typed.min, typed.max));
    s.log = true;
    s.off_at_zero = true;
    s
}

fn on(x: bool) -> f64 {
    f64::from(u8::from(x))
}

/// Every control that is not an ion's, in the page's order.
pub static PARTS: [Part; 8] = [
    Part {
        key: ControlKey::Temperature,
        switches: None,
        text: "temperature",
        group: Group::Temperature,
        label: "control-temperature",
        spec: |_, _| {
            let mut t = ControlSpec::range(
                ControlKey::Temperature,
                ControlUnit::Celsius,
                TEMPERATURE_SLIDER_C,
                TEMPERATURE_TYPED_C,
            );
            t.typed_step = TEMPERATURE_STEP_C;
            Some(t)
        },
        value: |s| s.temperature_c,
        set: |m, v, _| m.set_temperature_c(v),
    },
    Part {
        key: ControlKey::PumpRunning,
        switches: Some(CellPart::Pump),
        text: "pump.running",
        group: Group::Pump,
        label: "control-pump-running",
        spec: |present, _| present.pump.map(|_| switch(ControlKey::PumpRunning)),
        value: |s| on(s.pump.is_some_and(|p| !p.blocked)),
        set: |m, v, _| m.set_pump_blocked(v < 0.5),
    },
    Part {
        key: ControlKey::PumpRate,
        switches: None,
        text: "pump.rate",
        group: Group::Pump,
        label: "control-pump-rate",
        spec: |present, _| {
            present.pump.map(|_| {
                let mut rate =
                    ControlSpec::range(ControlKey::PumpRate, ControlUnit::Percent, (0.0, 100.0), (0.0, 100.0));
                rate.typed_step = 1.0;
                rate
            })
        },
        value: |s| s.pump.map_or(0.0, |p| 100.0 * p.rate_fraction),
        set: |m, v, _| m.set_pump_rate_fraction(v / 100.0),
    },
    Part {
        key: ControlKey::GatesOn,
        switches: Some(CellPart::Gates),
        text: "gates.on",
        group: Group::Channels,
        label: "control-gates-on",
        spec: |_, start| start.gates.map(|_| switch(ControlKey::GatesOn)),
        value: |s| on(s.gates.is_some()),
        set: |m, v, start| m.set_gates(if v > 0.5 { start.gates } else { None }),
    },
    Part {
        key: ControlKey::Kcc2Rate,
        switches: Some(CellPart::Kcc2),
        text: "kcc2.rate",
        group: Group::Channels,
        label: "control-kcc2-rate",
        spec: |_, s| s.kcc2.map(|k| strength(ControlKey::Kcc2Rate, MmPerS, k.rate_mm_per_s, &KCC2_RATE_MM_PER_S)),
        value: |s| s.kcc2.map_or(0.0, |k| k.rate_mm_per_s),
        set: |m, v, _| m.set_kcc2_rate_mm_per_s(v),
    },
    Part {
        key: ControlKey::NcxMax,
        switches: Some(CellPart::Ncx),
        text: "ncx.max",
        group: Group::Channels,
        label: "control-ncx-max",
        spec: |_, s| {
            s.ncx.map(|x| strength(ControlKey::NcxMax, UaPerCm2, x.max_current_ua_per_cm2, &NCX_MAX_CURRENT_UA_PER_CM2))
        },
        value: |s| s.ncx.map_or(0.0, |x| x.max_current_ua_per_cm2),
        set: |m, v, _| m.set_ncx_max_current_ua_per_cm2(v),
    },
    Part {
        key: ControlKey::ProtonPumpRunning,
        switches: Some(CellPart::ProtonPump),
        text: "proton_pump.running",
        group: Group::Channels,
        label: "control-proton-pump-running",
        spec: |_, start| start.proton_pump.map(|_| switch(ControlKey::ProtonPumpRunning)),
        value: |s| on(s.proton_pump.is_some_and(|p| !p.blocked)),
        set: |m, v, _| m.set_proton_pump_blocked(v < 0.5),
    },
    Part {
        key: ControlKey::KhExchangerRate,
        switches: Some(CellPart::KhExchanger),
        text: "kh_exchanger.rate",
        group: Group::Channels,
        label: "control-kh-exchanger-rate",
        spec: |_, s| {
            let range = &KH_EXCHANGER_RATE_MM_PER_S;
            s.kh_exchanger.map(|x| strength(ControlKey::KhExchangerRate, MmPerS, x.rate_mm_per_s, range))
        },
        value: |s| s.kh_exchanger.map_or(0.0, |x| x.rate_mm_per_s),
        set: |m, v, _| m.set_kh_exchanger_rate_mm_per_s(v),
    },
];

/// A control's group by a stable name (the page groups by it, never by a label): an
/// ion's "ion.<name>", "temperature", "pump", "channels". For all but the channels it
/// is also the lock pattern that names the whole group.
pub fn group_key(key: &ControlKey) -> String {
    match (key, part(key)) {
        (ControlKey::Ion { ion, .. }, _) => format!("ion.{ion}"),
        (_, Some(Part { group: Group::Temperature, .. })) => "temperature".into(),
        (_, Some(Part { group: Group::Pump, .. })) => "pump".into(),
        _ => "channels".into(),
    }
}

/// The lock patterns that name a group's controls: its key when that is a pattern,
/// else each control's own.
pub fn group_patterns(group_key: &str, keys: &[String]) -> Vec<String> {
    if group_key == "channels" {
        keys.to_vec()
    } else {
        vec![group_key.to_string()]
    }
}

/// The entry of a key that is not an ion's. Every variant is named here, without a
/// wildcard, so a new key does not compile until it has its entry.
pub fn part(key: &ControlKey) -> Option<&'static Part> {
    let index = match key {
        ControlKey::Ion { .. } => return None,
        ControlKey::Temperature => 0,
        ControlKey::PumpRunning => 1,
        ControlKey::PumpRate => 2,
        ControlKey::GatesOn => 3,
        ControlKey::Kcc2Rate => 4,
        ControlKey::NcxMax => 5,
        ControlKey::ProtonPumpRunning => 6,
        ControlKey::KhExchangerRate => 7,
    };
    PARTS.get(index)
}

/// A key as links and messages write it: `ion.K.outside`, or the entry's text.
impl fmt::Display for ControlKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self, part(self)) {
            (ControlKey::Ion { ion, quantity }, _) => {
                let q = match quantity {
                    IonQuantity::Inside => "inside",
                    IonQuantity::Outside => "outside",
                    IonQuantity::Permeability => "permeability",
                };
                write!(f, "ion.{ion}.{q}")
            }
            (_, Some(p)) => f.write_str(p.text),
            (_, None) => Ok(()),
        }
    }
}

/// A key from its text. An ion's name may itself contain dots: it is everything between
/// the first dot and the last.
impl FromStr for ControlKey {
    type Err = NotAKey;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        if let Some(p) = PARTS.iter().find(|p| p.text == s) {
            return Ok(p.key.clone());
        }
        // An ion name may itself contain dots: the name is everything between the first
        // and the last.
        let rest = s.strip_prefix("ion.").ok_or(NotAKey)?;
        let (ion, q) = rest.rsplit_once('.').ok_or(NotAKey)?;
        let quantity = match q {
            "inside" => IonQuantity::Inside,
            "outside" => IonQuantity::Outside,
            "permeability" => IonQuantity::Permeability,
            _ => return Err(NotAKey),
        };
        if ion.is_empty() {
            return Err(NotAKey);
        }
        Ok(ControlKey::Ion { ion: ion.to_string(), quantity })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_key_finds_its_own_entry() {
        for p in &PARTS {
            assert_eq!(part(&p.key).map(|found| found.text), Some(p.text));
        }
    }
}
