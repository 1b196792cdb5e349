//! The controls' keys: stable across presets, and written as text in links and
//! messages: `ion.<name>.inside`, `ion.<name>.outside`, `ion.<name>.permeability` (by the
//! ion's name, e.g. `ion.K.outside`), `temperature`, `pump.running`, `pump.rate`,
//! `gates.on`, `kcc2.rate` and `ncx.max`.
//! doc/controls.md lists them for teachers.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Which of an ion's numbers a control sets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum IonQuantity {
    Inside,
    Outside,
    Permeability,
}

/// A control, by what it sets.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum ControlKey {
    Ion {
        ion: String,
        quantity: IonQuantity,
    },
    Temperature,
    PumpRunning,
    PumpRate,
    /// The voltage-gated channels on (1) or off (0).
    GatesOn,
    Kcc2Rate,
    NcxMax,
    /// The plant H⁺-ATPase running (1) or blocked (0).
    ProtonPumpRunning,
    KhExchangerRate,
}

impl ControlKey {
    pub fn ion(name: &str, quantity: IonQuantity) -> ControlKey {
        ControlKey::Ion { ion: name.to_string(), quantity }
    }
}

impl fmt::Display for ControlKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ControlKey::Ion { ion, quantity } => {
                let q = match quantity {
                    IonQuantity::Inside => "inside",
                    IonQuantity::Outside => "outside",
                    IonQuantity::Permeability => "permeability",
                };
                write!(f, "ion.{ion}.{q}")
            }
            ControlKey::Temperature => f.write_str("temperature"),
            ControlKey::PumpRunning => f.write_str("pump.running"),
            ControlKey::PumpRate => f.write_str("pump.rate"),
            ControlKey::GatesOn => f.write_str("gates.on"),
            ControlKey::Kcc2Rate => f.write_str("kcc2.rate"),
            ControlKey::NcxMax => f.write_str("ncx.max"),
            ControlKey::ProtonPumpRunning => f.write_str("proton_pump.running"),
            ControlKey::KhExchangerRate => f.write_str("kh_exchanger.rate"),
        }
    }
}

/// The text form is not a control key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotAKey;

impl FromStr for ControlKey {
    type Err = NotAKey;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "temperature" => return Ok(ControlKey::Temperature),
            "pump.running" => return Ok(ControlKey::PumpRunning),
            "pump.rate" => return Ok(ControlKey::PumpRate),
            "gates.on" => return Ok(ControlKey::GatesOn),
            "kcc2.rate" => return Ok(ControlKey::Kcc2Rate),
            "ncx.max" => return Ok(ControlKey::NcxMax),
            "proton_pump.running" => return Ok(ControlKey::ProtonPumpRunning),
            "kh_exchanger.rate" => return Ok(ControlKey::KhExchangerRate),
            _ => {}
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

impl Serialize for ControlKey {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for ControlKey {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        text.parse().map_err(|_| {
            serde::de::Error::invalid_value(
                serde::de::Unexpected::Str(&text),
                &"a control key: ion.<name>.inside|outside|permeability, temperature, pump.running, pump.rate, gates.on, kcc2.rate, ncx.max, proton_pump.running or kh_exchanger.rate",
            )
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_read_and_write_as_text() {
        for text in [
            "ion.K.outside",
            "ion.Na.inside",
            "ion.my.ion.permeability",
            "temperature",
            "pump.rate",
            "gates.on",
            "kcc2.rate",
            "ncx.max",
            "proton_pump.running",
            "kh_exchanger.rate",
        ] {
            let key: ControlKey = text.parse().unwrap();
            assert_eq!(key.to_string(), text);
        }
        assert_eq!(
            "ion.my.ion.permeability".parse::<ControlKey>().unwrap(),
            ControlKey::ion("my.ion", IonQuantity::Permeability)
        );
        for bad in ["", "ion.K", "ion..inside", "ion.K.volume", "pump", "voltage", "ion.0.sideways"] {
            assert_eq!(bad.parse::<ControlKey>(), Err(NotAKey), "{bad}");
        }
    }
}
