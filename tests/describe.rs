//! The canvases' descriptions in words, checked against physics the test works out
//! itself: at a steady state the leaks carry exactly what the pump moves (3 Na⁺ in and
//! 2 K⁺ out per cycle), E_K follows Nernst, the bars' ratios are the concentrations'.

#![cfg(not(target_arch = "wasm32"))] // native tier; the wasm tier is tests/web.rs
#![allow(clippy::unwrap_used, clippy::expect_used)] // a failed unwrap is a failed test

use vrest::lab::{Command, Lab, StepDirection};
use vrest::present::catalog::{Catalog, Locale};
use vrest::present::describe::Descriptions;

/// CODATA 2018 (exact since the SI redefinition), written here rather than taken from
/// the core.
const R: f64 = 8.314_462_618;
const F: f64 = 96_485.332_12;

/// The full lab, whose pictures (the V–log K⁺ chart among them) are all on the page.
fn full_lab() -> Lab {
    let mut lab = Lab::new(1).unwrap();
    lab.apply(&Command::SetView { view: vrest::lab::View::Lab }).unwrap();
    lab
}

fn describe(lab: &Lab) -> Descriptions {
    Descriptions::new(lab, &lab.measure(), &Catalog::english())
}

/// The number before "ions a second" in the sentence that starts with `start`:
/// "2.34 million" → 2.34e6.
fn rate_after(text: &str, start: &str) -> f64 {
    let sentence = &text[text.find(start).unwrap_or_else(|| panic!("no {start:?} in {text}"))..];
    let words: Vec<&str> = sentence.split(' ').collect();
    let at = words.iter().position(|w| *w == "ions").unwrap();
    let (number, scale) = match words[at - 1] {
        "million" => (words[at - 2], 1e6),
        "billion" => (words[at - 2], 1e9),
        n => (n, 1.0),
    };
    number.replace(',', "").parse::<f64>().unwrap() * scale
}

/// The pump's turns a second: "turns 1.2×10⁷ times".
fn pump_turns(text: &str) -> f64 {
    let s = &text[text.find("turns ").unwrap() + 6..];
    let n = s.split(' ').next().unwrap();
    let (mantissa, exponent) = n.split_once("×10").unwrap();
    let digits: String = exponent
        .chars()
        .map(|c| match c {
            '⁻' => '-',
            c => char::from_digit("⁰¹²³⁴⁵⁶⁷⁸⁹".chars().position(|d| d == c).unwrap() as u32, 10).unwrap(),
        })
        .collect();
    mantissa.parse::<f64>().unwrap() * 10f64.powi(digits.parse().unwrap())
}

#[test]
fn at_rest_the_leaks_carry_what_the_pump_moves() {
    let lab = full_lab();
    let scene = describe(&lab).scene;
    let k_out = rate_after(&scene, "K⁺ flows out of the cell");
    let na_in = rate_after(&scene, "Na⁺ flows into the cell");
    let turns = pump_turns(&scene);
    // Three significant figures in the text: agree to 1 %.
    assert!((k_out / (2.0 * turns) - 1.0).abs() < 0.01, "K⁺ {k_out} vs 2 × {turns}\n{scene}");
    assert!((na_in / (3.0 * turns) - 1.0).abs() < 0.01, "Na⁺ {na_in} vs 3 × {turns}\n{scene}");
    assert!(scene.contains("No net flow through the channels of Cl⁻"), "{scene}");
    assert!(scene.contains("negative charge lines the inside face"), "{scene}");
}

#[test]
fn a_blocked_pump_is_said_to_move_nothing() {
    let mut lab = full_lab();
    lab.apply(&Command::SetControl { key: "pump.running".parse().unwrap(), value: 0.0 }).unwrap();
    let scene = describe(&lab).scene;
    assert!(scene.contains("The Na⁺/K⁺ pump is blocked: it moves no ions."), "{scene}");
    assert!(!scene.contains("turns "), "{scene}");
}

#[test]
fn the_bars_give_each_ratio_and_e_k_follows_nernst() {
    let lab = full_lab();
    let s = lab.membrane().scenario();
    let k = s.ion_index("K").unwrap();
    let (k_in, k_out) = (lab.membrane().inside_mm()[k], s.ions[k].outside_mm);
    let bars = describe(&lab).bars;
    let ratio = format!("{:.0} times more inside", k_in / k_out);
    assert!(bars.contains(&ratio), "{ratio:?} in {bars}");
    let t_k = s.temperature_c + 273.15;
    let e_k = 1e3 * R * t_k / F * (k_out / k_in).ln();
    let e_text = format!("E = −{:.1} mV", -e_k);
    assert!(bars.contains(&e_text), "{e_text:?} in {bars}");

    // The V–K⁺ chart at 10 mM outside: Nernst again, interpolated from the sweep.
    let kchart = describe(&lab).kchart;
    let e_k_10 = 1e3 * R * t_k / F * (10.0 / k_in).ln();
    let expected = format!("E_K goes from −{:.1} mV to −{:.1} mV", -1e3 * R * t_k / F * (1.0 / k_in).ln(), -e_k_10);
    assert!(kchart.contains(&expected), "{expected:?} in {kchart}");
}

#[test]
fn the_trace_says_where_v_went_and_counts_a_spike() {
    let mut lab = full_lab();
    assert!(describe(&lab).trace.starts_with("No trace yet"));
    lab.apply(&Command::SetSpeed { index: 0 }).unwrap();
    lab.apply(&Command::Play).unwrap();
    lab.apply(&Command::SetControl { key: "ion.K.outside".parse().unwrap(), value: 20.0 }).unwrap();
    for _ in 0..30 {
        lab.frame(1.0 / 60.0);
    }
    let trace = describe(&lab).trace;
    assert!(trace.contains(" and rising. Dashed lines: E_K "), "{trace}");
    let s = lab.membrane().scenario();
    let k_in = lab.membrane().inside_mm()[s.ion_index("K").unwrap()];
    let e_k = 1e3 * R * (s.temperature_c + 273.15) / F * (20.0 / k_in).ln();
    assert!(trace.contains(&format!("E_K −{:.1} mV", -e_k)), "{e_k} in {trace}");

    let mut lab = full_lab();
    lab.apply(&Command::LoadPreset { preset: "excitable-neuron".into() }).unwrap();
    lab.apply(&Command::SetSpeed { index: 1 }).unwrap();
    lab.apply(&Command::Stimulate { amplitude_ua_per_cm2: 40.0 }).unwrap();
    lab.apply(&Command::Play).unwrap();
    for _ in 0..120 {
        lab.frame(1.0 / 60.0);
    }
    let trace = describe(&lab).trace;
    assert!(trace.contains("One spike in this window."), "{trace}");
    let (low, high) = lab.trace().iter().fold((f64::MAX, f64::MIN), |(a, b), p| (a.min(p.1), b.max(p.1)));
    assert!(trace.contains(&format!("between −{:.1} mV and +{:.1} mV", -low, high)), "{trace}");
}

#[test]
fn descriptions_speak_spanish_with_a_decimal_comma() {
    let mut lab = full_lab();
    lab.apply(&Command::Step { direction: StepDirection::Forward }).unwrap();
    let d = Descriptions::new(&lab, &lab.measure(), &Catalog::new(Locale::Spanish));
    assert!(d.scene.contains("El K⁺ sale de la célula"), "{}", d.scene);
    // The model's V, written the Spanish way: a decimal comma and a true minus sign.
    let v = format!("{:.1}", lab.membrane().voltage_mv()).replace('.', ",").replace('-', "−");
    assert!(d.trace.starts_with(&format!("En los últimos 20,0 s, V se mantuvo en {v} mV.")), "{}", d.trace);
    assert!(d.bars.contains("veces más dentro; E = −"), "{}", d.bars);
    assert!(d.kchart.contains(','), "{}", d.kchart);
}
