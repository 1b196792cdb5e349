//! Every control has all of its parts: the one table of the controls that are not an
//! ion's (src/lab/parts.rs) and the rule for an ion's three give each a key text that
//! reads back, a label and a group in every catalog, a line in doc/controls.md, a
//! preset that has it, a slider whose ends it can be set to, and a value that reads
//! back what was set.

#![cfg(not(target_arch = "wasm32"))] // native tier
#![allow(clippy::unwrap_used, clippy::expect_used)] // a failed unwrap is a failed test

use vrest::lab::controls;
use vrest::lab::parts::PARTS;
use vrest::lab::{ControlKey, IonQuantity};
use vrest::present::catalog::Locale;
use vrest::present::Catalog;
use vrest_core::presets::PRESETS;
use vrest_core::Membrane;

/// What is missing for one control, by name; empty when it has everything.
fn missing_parts(key: &ControlKey, label: &str) -> Vec<String> {
    let mut missing = Vec::new();
    let text = key.to_string();
    if text.parse::<ControlKey>().as_ref() != Ok(key) {
        missing.push(format!("{text}: its text does not read back"));
    }
    for locale in Locale::SHIPPED {
        // Its label, and its short label (the marks on the trace).
        for id in [label.to_string(), format!("{label}{}", vrest::present::words::SHORT)] {
            if !Catalog::new(locale).has(&id) {
                missing.push(format!("{text}: no {id} in {}", locale.tag()));
            }
        }
    }
    let doc = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/doc/controls.md")).unwrap();
    let written = match key {
        ControlKey::Ion { .. } => text.replacen("ion.K.", "ion.<name>.", 1),
        _ => text.clone(),
    };
    if !doc.contains(&format!("`{written}`")) {
        missing.push(format!("{text}: not in doc/controls.md"));
    }
    // A preset that has it, its slider's ends set and read back.
    let mut found = false;
    for p in PRESETS {
        let start = (p.build)().unwrap();
        let Ok(spec) = controls::spec(key, &start, &start) else { continue };
        found = true;
        // A switch is ticked or not; a slider has its ends and its middle.
        let values: Vec<f64> = match spec.kind {
            controls::ControlKind::Checkbox => vec![0.0, 1.0],
            controls::ControlKind::Range => {
                [0, controls::SLIDER_STEPS / 2, controls::SLIDER_STEPS].map(|p| spec.value_at(p)).to_vec()
            }
        };
        for value in values {
            let mut m = Membrane::new(&start).unwrap();
            match controls::set(&spec, value, &mut m, &start) {
                Ok(()) => {
                    let back = controls::value(&spec, &m);
                    if (back - value).abs() > 1e-9 * value.abs().max(1.0) {
                        missing.push(format!("{text} in {}: set {value}, reads {back}", p.id));
                    }
                }
                Err(e) => missing.push(format!("{text} in {}: its slider's value {value} is refused: {e:?}", p.id)),
            }
        }
        break;
    }
    if !found {
        missing.push(format!("{text}: no preset has it"));
    }
    missing
}

#[test]
fn every_control_has_every_part() {
    let mut missing = Vec::new();
    for p in &PARTS {
        missing.extend(missing_parts(&p.key, p.label));
        let group = match p.group {
            vrest::lab::parts::Group::Temperature => "group-temperature",
            vrest::lab::parts::Group::Pump => "group-pump",
            vrest::lab::parts::Group::Channels => "group-channels",
        };
        if !Catalog::english().has(group) {
            missing.push(format!("{}: no heading {group}", p.text));
        }
    }
    for (quantity, label) in [
        (IonQuantity::Inside, "control-inside"),
        (IonQuantity::Outside, "control-outside"),
        (IonQuantity::Permeability, "control-permeability"),
        (IonQuantity::Permeability, "control-permeability-relative"),
    ] {
        missing.extend(missing_parts(&ControlKey::ion("K", quantity), label));
    }
    assert!(missing.is_empty(), "controls lacking a part:\n{}", missing.join("\n"));
    // The check can fail: a key that no cell has and no doc names is reported.
    assert!(missing_parts(&ControlKey::ion("Xe", IonQuantity::Inside), "control-nothing").len() >= 3);
}

#[test]
fn the_table_spells_each_key_once_in_page_order() {
    let texts: Vec<&str> = PARTS.iter().map(|p| p.text).collect();
    let mut unique = texts.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), texts.len(), "{texts:?}");
    // Lock patterns know every one.
    let known = vrest::lab::lock::known_keys(&[]);
    for t in texts {
        assert!(known.iter().any(|k| k == t), "{t} is not a known key");
    }
}
