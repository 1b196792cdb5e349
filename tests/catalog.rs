//! The text catalog: it loads cleanly, every message id the code and the page use is in
//! it, and every message in it is used.

#![cfg(not(target_arch = "wasm32"))] // native tier; the wasm tier is tests/web.rs
#![allow(clippy::unwrap_used, clippy::expect_used)] // a failed unwrap is a failed test

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;

use vrest::lab::SPEEDS_MODEL_S_PER_REAL_S;
use vrest::present::Catalog;
use vrest_core::presets::PRESETS;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

fn read(path: &str) -> String {
    fs::read_to_string(Path::new(ROOT).join(path)).unwrap()
}

/// Message ids defined in the English catalog (lines `id = …` at the margin).
fn defined() -> BTreeSet<String> {
    read("locales/en/vrest.ftl")
        .lines()
        .filter_map(|l| l.split_once(" =").map(|(id, _)| id))
        .filter(|id| id.chars().next().is_some_and(|c| c.is_ascii_lowercase()))
        .map(String::from)
        .collect()
}

/// String literals in kebab case ("pump-line"): the form every message id takes.
fn kebab_literals(code: &str) -> Vec<String> {
    code.split('"')
        .skip(1)
        .step_by(2)
        .filter(|s| {
            s.contains('-')
                && s.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
                && !s.starts_with('-')
                && !s.ends_with('-')
        })
        .map(String::from)
        .collect()
}

/// Every id the code and the page ask for, by where they ask.
fn used() -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut dirs = vec![Path::new(ROOT).join("src/present"), Path::new(ROOT).join("src/web")];
    while let Some(dir) = dirs.pop() {
        for entry in fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let code = fs::read_to_string(&path).unwrap();
                // "sans-serif" is a font, not a message.
                for id in kebab_literals(&code).into_iter().filter(|id| id != "sans-serif") {
                    out.push((path.display().to_string(), id));
                }
            }
        }
    }
    // The page: its data-l10n attributes, and the glue's handle.text("…") calls.
    for attr in ["data-l10n=\"", "data-l10n-label=\""] {
        for part in read("index.html").split(attr).skip(1) {
            out.push(("index.html".into(), part.split('"').next().unwrap().to_string()));
        }
    }
    for part in read("www/app.js").split("handle.text(\"").skip(1) {
        out.push(("www/app.js".into(), part.split('"').next().unwrap().to_string()));
    }
    // Ids built at run time: one per preset and per speed.
    for p in PRESETS {
        out.push(("presets".into(), format!("preset-{}-title", p.id)));
        out.push(("presets".into(), format!("preset-{}-description", p.id)));
    }
    for i in 0..SPEEDS_MODEL_S_PER_REAL_S.len() {
        out.push(("speeds".into(), format!("speed-{i}")));
    }
    out
}

#[test]
fn the_catalog_loads_without_problems() {
    let catalog = Catalog::english();
    assert_eq!(catalog.problems(), &[] as &[String]);
    assert!(defined().len() > 100, "{} messages", defined().len());
    // Every id has the kebab form the usage check below looks for.
    for id in defined() {
        assert!(id.contains('-'), "message id {id} has no hyphen, so the code scan would miss it");
    }
}

#[test]
fn every_message_the_code_and_the_page_use_exists() {
    let catalog = Catalog::english();
    let missing: Vec<String> =
        used().into_iter().filter(|(_, id)| !catalog.has(id)).map(|(at, id)| format!("{at}: {id}")).collect();
    assert!(missing.is_empty(), "messages missing from locales/en/vrest.ftl:\n{}", missing.join("\n"));
    // The check can fail: an id that is not there is reported.
    assert!(!catalog.has("no-such-message"));
    assert_eq!(catalog.text("no-such-message"), "no-such-message");
}

#[test]
fn every_message_in_the_catalog_is_used() {
    let used: BTreeSet<String> = used().into_iter().map(|(_, id)| id).collect();
    let unused: Vec<String> = defined().into_iter().filter(|id| !used.contains(id)).collect();
    assert!(unused.is_empty(), "messages nothing uses: {unused:?}");
}

#[test]
fn arguments_fill_the_messages_without_isolation_marks() {
    let catalog = Catalog::english();
    let text = catalog
        .format("error-out-of-range", &[("control", "K⁺ outside (mM)"), ("min", "0"), ("max", "10000"), ("got", "-5")]);
    assert_eq!(text, "K⁺ outside (mM): must be from 0 to 10000; got -5");
    assert!(!text.contains(['\u{2068}', '\u{2069}']), "bidi marks would show as boxes on a canvas");
    assert_eq!(
        catalog.format("nernst-note", &[("ion", "Ca²⁺"), ("side", "inside")]),
        "No Ca²⁺ inside: E is infinite, so this ion can only flow one way."
    );
    assert_eq!(
        catalog.format("nernst-note", &[("ion", "K⁺"), ("side", "outside")]),
        "No K⁺ outside: E is infinite, so this ion can only flow one way."
    );
}
