//! The text catalog: it loads cleanly, every message id the code and the page use is in
//! it, and every message in it is used.

#![cfg(not(target_arch = "wasm32"))] // native tier; the wasm tier is tests/web.rs
#![allow(clippy::unwrap_used, clippy::expect_used)] // a failed unwrap is a failed test

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::Path;

use vrest::lab::SPEEDS_MODEL_S_PER_REAL_S;
use vrest::present::catalog::Locale;
use vrest::present::Catalog;
use vrest_core::presets::PRESETS;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

fn read(path: &str) -> String {
    fs::read_to_string(Path::new(ROOT).join(path)).unwrap()
}

/// The shipped catalogs' files, by language tag.
const SHIPPED: [(&str, &str); 2] = [("en", "locales/en/vrest.ftl"), ("es", "locales/es/vrest.ftl")];

/// Each message of a catalog file (lines `id = …` at the margin, with their indented
/// continuation lines) and the variables it uses (`{ $name }`, selectors included).
fn messages(path: &str) -> BTreeMap<String, BTreeSet<String>> {
    let mut out: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut current: Option<String> = None;
    for line in read(path).lines() {
        let starts_message = line.chars().next().is_some_and(|c| c.is_ascii_lowercase());
        if starts_message {
            current = line.split_once(" =").map(|(id, _)| id.to_string());
        } else if !line.starts_with(' ') && !line.starts_with('}') {
            current = None;
        }
        let Some(id) = &current else { continue };
        let vars = out.entry(id.clone()).or_default();
        for part in line.split('$').skip(1) {
            let name: String = part.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect();
            vars.insert(name);
        }
    }
    out
}

/// Message ids defined in the English catalog.
fn defined() -> BTreeSet<String> {
    messages("locales/en/vrest.ftl").into_keys().collect()
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

/// The kebab-case literals of the Rust files below `dirs` that `keep` keeps, by file.
fn rust_ids(dirs: &[&str], keep: impl Fn(&String) -> bool) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut dirs: Vec<_> = dirs.iter().map(|d| Path::new(ROOT).join(d)).collect();
    while let Some(dir) = dirs.pop() {
        for entry in fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let code = fs::read_to_string(&path).unwrap();
                for id in kebab_literals(&code).into_iter().filter(&keep) {
                    out.push((path.display().to_string(), id));
                }
            }
        }
    }
    out
}

/// Every id the code and the page ask for, by where they ask.
fn used() -> Vec<(String, String)> {
    // "sans-serif" is a font, not a message.
    let mut out = rust_ids(&["src/present", "src/web"], |id| id != "sans-serif");
    // Below present, errors are codes (`error-…` ids the model and the lab name), and
    // the controls' table names each control's label (`control-…`, src/lab/parts.rs).
    out.extend(rust_ids(&["crates/vrest-core/src", "src/lab"], |id| {
        id.starts_with("error-") || id.starts_with("control-")
    }));
    // The page: its data-l10n attributes, and the glue's handle.text("…") and
    // handle.format("…", […]) calls.
    for attr in ["data-l10n=\"", "data-l10n-label=\""] {
        for part in read("index.html").split(attr).skip(1) {
            out.push(("index.html".into(), part.split('"').next().unwrap().to_string()));
        }
    }
    for call in ["handle.text(\"", "handle.format(\""] {
        for part in read("www/app.js").split(call).skip(1) {
            out.push(("www/app.js".into(), part.split('"').next().unwrap().to_string()));
        }
    }
    // Each control label's short form (`words::control_short_label`): the table's and
    // an ion's (`words::control_label_charged`).
    let ion_labels = ["control-inside", "control-outside", "control-permeability", "control-permeability-relative"];
    for id in vrest::lab::parts::PARTS.iter().map(|p| p.label).chain(ion_labels) {
        out.push(("short labels".into(), format!("{id}{}", vrest::present::words::SHORT)));
    }
    // Ids built at run time: one per preset and per speed.
    for p in PRESETS {
        out.push(("presets".into(), format!("preset-{}-title", p.id)));
        out.push(("presets".into(), format!("preset-{}-description", p.id)));
    }
    for i in 0..SPEEDS_MODEL_S_PER_REAL_S.len() {
        out.push(("speeds".into(), format!("speed-{i}")));
    }
    // One per lesson and per scene: its title, caption, question and choices.
    for l in vrest::lab::lesson::lessons() {
        out.push(("lessons".into(), format!("lesson-{}", l.id)));
        // The end card's summary: a misconception's "shows", another lesson's "end".
        if vrest::lab::lesson::MISCONCEPTIONS.contains(&l.id) {
            out.push(("lessons".into(), format!("lesson-{}-shows", l.id)));
        } else {
            out.push(("lessons".into(), format!("lesson-{}-end", l.id)));
        }
        for s in &l.scenes {
            let id = format!("lesson-{}-{}", l.id, s.id);
            out.push(("lessons".into(), format!("{id}-title")));
            out.push(("lessons".into(), id.clone()));
            if let Some(q) = &s.question {
                out.push(("lessons".into(), format!("{id}-question")));
                for k in 1..=q.choices {
                    out.push(("lessons".into(), format!("{id}-choice-{k}")));
                }
            }
        }
    }
    out
}

#[test]
fn the_catalog_loads_without_problems() {
    for locale in [Locale::English, Locale::Spanish, Locale::Pseudo] {
        assert_eq!(Catalog::new(locale).problems(), &[] as &[String], "{locale:?}");
    }
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
fn every_shipped_catalog_has_every_message_with_the_same_arguments() {
    let english = messages("locales/en/vrest.ftl");
    // The reader can fail: it finds the arguments of a known message.
    assert_eq!(english["error-out-of-range"], ["control", "got", "max", "min"].map(String::from).into());
    assert_eq!(english["nernst-note"], ["ion", "side"].map(String::from).into());
    for (tag, path) in SHIPPED {
        let other = messages(path);
        let missing: Vec<&String> = english.keys().filter(|id| !other.contains_key(*id)).collect();
        let extra: Vec<&String> = other.keys().filter(|id| !english.contains_key(*id)).collect();
        assert!(missing.is_empty() && extra.is_empty(), "{tag}: missing {missing:?}, not in English {extra:?}");
        for (id, vars) in &english {
            assert_eq!(&other[id], vars, "{tag}: {id} takes other arguments than in English");
        }
        // And the compiled catalog has them all.
        let catalog = Catalog::new(Locale::from_tag(tag).unwrap());
        let absent: Vec<&String> = english.keys().filter(|id| !catalog.has(id)).collect();
        assert!(absent.is_empty(), "{tag}: {absent:?}");
    }
}

#[test]
fn spanish_reads_as_spanish_with_a_decimal_comma() {
    use vrest::lab::{Command, Lab};
    use vrest::present::Readout;
    let es = Catalog::new(Locale::Spanish);
    let mut lab = Lab::new(1).unwrap();
    lab.apply(&Command::LoadPreset { preset: "excitable-neuron".into() }).unwrap();
    lab.apply(&Command::Step { direction: vrest::lab::StepDirection::Forward }).unwrap();
    let r = Readout::new(&lab, &lab.measure(), &es);
    let described = vrest::present::describe::Descriptions::new(&lab, &lab.measure(), &es);
    assert_eq!(r.play_text, "Reproducir");
    assert!(r.voltage_text.contains(','), "{}", r.voltage_text);
    // No number anywhere in the words keeps an English decimal point.
    let json = serde_json::to_string(&r).unwrap();
    let english_decimal =
        json.as_bytes().windows(3).find(|w| w[0].is_ascii_digit() && w[1] == b'.' && w[2].is_ascii_digit());
    // Numbers (not words) in the JSON are the raw values: check the text fields only.
    let mut texts: Vec<String> = serde_json::from_str::<serde_json::Value>(&json).map(|v| strings(&v)).unwrap();
    texts.extend(strings(&serde_json::to_value(&described).unwrap()));
    let dotted: Vec<&String> = texts
        .iter()
        .filter(|t| t.as_bytes().windows(3).any(|w| w[0].is_ascii_digit() && w[1] == b'.' && w[2].is_ascii_digit()))
        // A typed field's value is the number field's own (ASCII) format.
        .filter(|t| !r.controls.iter().any(|c| &c.typed == *t))
        .collect();
    assert!(dotted.is_empty(), "{dotted:?}");
    assert!(english_decimal.is_some(), "the raw numbers do have points, so the scan can find one");
}

/// Every string in a JSON value.
fn strings(v: &serde_json::Value) -> Vec<String> {
    match v {
        serde_json::Value::String(s) => vec![s.clone()],
        serde_json::Value::Array(a) => a.iter().flat_map(strings).collect(),
        serde_json::Value::Object(o) => o.values().flat_map(strings).collect(),
        _ => Vec::new(),
    }
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

#[test]
fn the_pseudo_locale_leaves_no_english_in_any_preset() {
    use vrest::lab::{Command, Lab, StepDirection};
    use vrest::present::words::PageSetup;
    use vrest::present::Readout;
    let pseudo = Catalog::new(Locale::Pseudo);
    // Fields that are data or styles, never shown as words.
    let skip =
        ["key", "preset", "direction", "name", "typed", "id", "color", "glyph", "tag", "locale", "kind", "group_key"];
    fn texts(v: &serde_json::Value, skip: &[&str], out: &mut Vec<String>) {
        match v {
            serde_json::Value::String(s) => out.push(s.clone()),
            serde_json::Value::Array(a) => a.iter().for_each(|x| texts(x, skip, out)),
            serde_json::Value::Object(o) => {
                o.iter().filter(|(k, _)| !skip.contains(&k.as_str())).for_each(|(_, x)| texts(x, skip, out))
            }
            _ => {}
        }
    }
    let mut checked = 0;
    for p in PRESETS {
        let mut lab = Lab::new(1).unwrap();
        lab.apply(&Command::LoadPreset { preset: p.id.into() }).unwrap();
        lab.apply(&Command::Step { direction: StepDirection::Forward }).unwrap();
        let mut all = Vec::new();
        texts(&serde_json::to_value(Readout::new(&lab, &lab.measure(), &pseudo)).unwrap(), &skip, &mut all);
        texts(&serde_json::to_value(PageSetup::new(&lab, &pseudo)).unwrap(), &skip, &mut all);
        let described = vrest::present::describe::Descriptions::new(&lab, &lab.measure(), &pseudo);
        texts(&serde_json::to_value(described).unwrap(), &skip, &mut all);
        for text in &all {
            // Words of three or more ASCII letters are English that skipped the catalog
            // (ion symbols such as Na and Cl are two letters; "Vrest" is a name).
            let english: Vec<&str> =
                text.split(|c: char| !c.is_ascii_alphabetic()).filter(|w| w.len() >= 3 && *w != "Vrest").collect();
            assert!(english.is_empty(), "{}: {english:?} in {text:?}", p.id);
            checked += 1;
        }
    }
    assert!(checked > 500, "{checked} texts");
}

/// The catalog reader (src/present/ftl.rs reads the part of Fluent the catalogs use)
/// against `fluent-bundle`, Fluent's reference implementation in Rust: every message of
/// every catalog, pseudo-locale included, with every argument given, with none, and
/// with each selector's every key, reads the same from both.
#[test]
fn every_message_reads_as_fluent_reads_it() {
    use fluent_bundle::{FluentArgs, FluentBundle, FluentResource, FluentValue};
    use std::borrow::Cow;
    fn accent(text: &str) -> Cow<'_, str> {
        Cow::Owned(vrest::present::catalog::pseudo(text))
    }
    let mut compared = 0;
    for (locale, path) in
        [(Locale::English, SHIPPED[0].1), (Locale::Spanish, SHIPPED[1].1), (Locale::Pseudo, SHIPPED[0].1)]
    {
        let source = read(path);
        let resource = FluentResource::try_new(source.clone()).expect("Fluent reads the catalog");
        let mut bundle = FluentBundle::new(vec![locale.tag().parse().expect("a language tag")]);
        bundle.set_use_isolating(false);
        if locale == Locale::Pseudo {
            bundle.set_transform(Some(accent));
        }
        bundle.add_resource(resource).expect("no message twice");
        let ours = Catalog::new(locale);
        let keys: BTreeSet<String> = source
            .lines()
            .filter_map(|l| l.trim_start().trim_start_matches('*').strip_prefix('['))
            .filter_map(|l| l.split_once(']').map(|(k, _)| k.trim().to_string()))
            .collect();
        assert!(keys.contains("inside") && keys.contains("none"), "{keys:?}");
        for (id, vars) in messages(path) {
            let marked: Vec<(String, String)> = vars.iter().map(|v| (v.clone(), format!("«{v}»"))).collect();
            let mut cases = vec![marked.clone(), Vec::new()];
            for (k, var) in vars.iter().enumerate() {
                for key in &keys {
                    let mut case = marked.clone();
                    case[k] = (var.clone(), key.clone());
                    cases.push(case);
                }
            }
            for case in cases {
                let mut args = FluentArgs::new();
                for (name, value) in &case {
                    args.set(name.as_str(), FluentValue::from(value.as_str()));
                }
                let pattern = bundle.get_message(&id).and_then(|m| m.value()).expect("Fluent has the message");
                let fluent = bundle.format_pattern(pattern, Some(&args), &mut Vec::new()).into_owned();
                let fluent = if locale == Locale::Pseudo { format!("[{fluent}]") } else { fluent };
                let pairs: Vec<(&str, &str)> = case.iter().map(|(n, v)| (n.as_str(), v.as_str())).collect();
                assert_eq!(ours.format(&id, &pairs), fluent, "{locale:?} {id} with {case:?}");
                compared += 1;
            }
        }
    }
    assert!(compared > 3000, "{compared} messages compared");
}

/// A large count reads as Spanish before its noun: "5,79 millones de iones".
#[test]
fn spanish_counts_of_millions_take_de() {
    let es = Catalog::new(Locale::Spanish);
    let f = vrest::present::format::Formats { catalog: &es };
    assert_eq!(es.format("ions-moved", &[("count", &f.count(5_790_000.0))]), "5,79 millones de iones");
    assert_eq!(es.format("ions-moved", &[("count", &f.count(8_400.0))]), "8\u{202f}400 iones");
}
