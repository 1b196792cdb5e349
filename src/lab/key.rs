//! The controls' keys: stable across presets, and written as text in links and
//! messages: `ion.<name>.inside`, `ion.<name>.outside`, `ion.<name>.permeability` (by the
//! ion's name, e.g. `ion.K.outside`), and each other control's text from its entry in
//! `parts::PARTS` (`temperature`, `pump.running`, …). doc/controls.md lists them.

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

/// The text form is not a control key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotAKey;

// Display and FromStr: in parts.rs, beside the table that spells the keys.

impl Serialize for ControlKey {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for ControlKey {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        text.parse().map_err(|_| {
            // The reason is the page's to word (error-model-invalid): no list here.
            serde::de::Error::invalid_value(serde::de::Unexpected::Str(&text), &"a control key")
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
