//! Which controls a teacher locked or hid: patterns that name one control key
//! (`ion.K.outside`) or a group of them by its leading parts (`ion.K`, `pump`, `ion`).

/// The longest pattern read.
const MAX_PATTERN_CHARS: usize = 64;

/// Whether `pattern` names `key`: the key itself, or a group it belongs to.
pub fn matches(pattern: &str, key: &str) -> bool {
    key == pattern || key.strip_prefix(pattern).is_some_and(|rest| rest.starts_with('.'))
}

/// Every control key Vrest's presets have, and the present cell's (`present`, which may
/// hold a custom ion), so a pattern is checked against the controls Vrest has whatever
/// the cell now. Written out rather than built from the presets: building them runs
/// the model to their steady states, seconds of work for a list of names.
pub fn known_keys(present: &[String]) -> Vec<String> {
    const IONS: [&str; 5] = ["K", "Na", "Cl", "Ca", "H"];
    let mut keys: Vec<String> = IONS
        .iter()
        .flat_map(|ion| ion_keys(ion))
        .chain(super::parts::PARTS.iter().map(|p| p.text.to_string()))
        .chain(present.iter().cloned())
        .collect();
    vrest_core::sort::heapsort_by(&mut keys, |a, b| a < b);
    keys.dedup();
    keys
}

/// The three control keys of an ion named `name`: inside, outside, permeability.
pub fn ion_keys(name: &str) -> [String; 3] {
    use super::key::{ControlKey, IonQuantity};
    [IonQuantity::Inside, IonQuantity::Outside, IonQuantity::Permeability].map(|q| ControlKey::ion(name, q).to_string())
}

/// A pattern that names at least one known control, or None.
pub fn checked(pattern: &str, known: &[String]) -> Option<String> {
    let p = pattern.trim();
    (!p.is_empty() && p.len() <= MAX_PATTERN_CHARS && known.iter().any(|k| matches(p, k))).then(|| p.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patterns_name_a_key_or_a_group_by_whole_parts() {
        assert!(matches("ion.K.outside", "ion.K.outside"));
        assert!(matches("ion.K", "ion.K.outside"));
        assert!(matches("pump", "pump.rate"));
        assert!(!matches("ion.K", "ion.Ka.inside"), "a part, not a prefix of letters");
        assert!(!matches("pump.rate", "pump"));
        let known = known_keys(&[]);
        assert!(known.contains(&"kh_exchanger.rate".to_string()));
        // The list holds every key of every preset (built here, as the page never does).
        for p in vrest_core::presets::PRESETS {
            let s = (p.build)().unwrap();
            for spec in crate::lab::controls::specs(&s, &s) {
                assert!(known.contains(&spec.key.to_string()), "{}: {}", p.id, spec.key);
            }
        }
        assert_eq!(checked(" pump ", &known), Some("pump".to_string()));
        assert_eq!(checked("dragon", &known), None);
        assert_eq!(checked("", &known), None);
    }
}
