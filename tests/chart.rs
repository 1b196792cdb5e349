//! The voltage chart, rendered natively to SVG.

#![cfg(not(target_arch = "wasm32"))] // native tier; the wasm tier is tests/web.rs
#![allow(clippy::unwrap_used, clippy::expect_used)] // a failed unwrap is a failed test

use plotters::prelude::*;
use vrest::lab::{Command, Lab};
use vrest::present::chart::{draw_voltage_chart, ChartInput, ChartSummary};
use vrest::present::Catalog;

fn render(lab: &Lab, name: &str) -> (String, ChartSummary) {
    let mut svg = String::new();
    let catalog = Catalog::english();
    let measures = lab.measure();
    let summary = {
        let area = SVGBackend::with_string(&mut svg, (760, 260)).into_drawing_area();
        let mut input = ChartInput::new(lab.trace(), &measures, &catalog);
        input.spike = lab.last_spike();
        draw_voltage_chart(&area, &input).unwrap()
    };
    // Kept for a person to look at (target/ is not committed).
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("charts");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join(format!("{name}.svg")), &svg).unwrap();
    (svg, summary)
}

fn play(lab: &mut Lab, real_s: f64) {
    lab.apply(&Command::Play).unwrap();
    for _ in 0..(real_s * 60.0) as usize {
        lab.frame(1.0 / 60.0);
    }
    lab.apply(&Command::Pause).unwrap();
}

#[test]
fn the_resting_neuron_shows_v_near_e_k_e_cl_and_ghk_with_e_na_off_scale() {
    let mut lab = Lab::new(1).unwrap();
    play(&mut lab, 3.0);
    let (svg, s) = render(&lab, "neuron-rest");
    assert_eq!(s.unit, "s");
    assert!(s.drawn.contains(&"E_K".to_string()) && s.drawn.contains(&"E_Cl".to_string()), "{s:?}");
    assert!(s.drawn.contains(&"GHK".to_string()));
    assert!(s.off_scale.contains(&"E_Na".to_string()) && s.off_scale.contains(&"E_Ca".to_string()));
    let v = lab.membrane().voltage_mv();
    assert!(s.y_range_mv.0 < v && v < s.y_range_mv.1);
    for text in ["E_K −89.1 mV", "E_Na +60.6 mV ↑", "model time (s)", "V (mV)"] {
        assert!(svg.contains(text), "the SVG lacks {text}");
    }
    // The trace is a polyline with one vertex per frame.
    let trace = svg.split("<polyline").find(|p| p.contains("stroke-width=\"2\"")).unwrap();
    let points = trace.split("points=\"").nth(1).unwrap().split('"').next().unwrap().matches(',').count();
    assert!(points > 150, "trace has {points} points");
}

#[test]
fn after_a_pump_block_at_fast_forward_the_axis_is_in_hours_and_the_trace_rises() {
    let mut lab = Lab::new(1).unwrap();
    lab.apply(&Command::SetControl { key: "pump.running".parse().unwrap(), value: 0.0 }).unwrap();
    lab.apply(&Command::SetSpeed { index: 7 }).unwrap();
    play(&mut lab, 6.0);
    let (svg, s) = render(&lab, "pump-block-hours");
    assert_eq!(s.unit, "h");
    assert!(svg.contains("model time (h)"));
    let first = lab.trace().first().unwrap().1;
    let last = lab.trace().last().unwrap().1;
    assert!(last > first + 10.0, "{first} → {last}");
    assert!(s.y_range_mv.0 <= first && last <= s.y_range_mv.1);
}

#[test]
fn slow_motion_charging_is_drawn_in_milliseconds() {
    let mut neuron = vrest_core::presets::neuron();
    neuron.initial_voltage_mv = 0.0;
    let mut lab = Lab::with_scenario(1, "neuron", &neuron).unwrap();
    lab.apply(&Command::SetSpeed { index: 0 }).unwrap();
    play(&mut lab, 15.0);
    let (svg, summary) = render(&lab, "charging-ms");
    assert_eq!(summary.unit, "ms");
    assert!(svg.contains("model time (ms)"));
    assert!(summary.y_range_mv.1 > -5.0 && summary.y_range_mv.0 < -70.0, "{summary:?}");
}

#[test]
fn the_k_chart_draws_e_k_ghk_and_the_settled_voltage_with_the_cell_marked() {
    use vrest::present::kchart::{draw_k_chart, KChartInput};
    let catalog = Catalog::english();
    for (preset, name) in [("neuron", "k-neuron"), ("excitable-neuron", "k-excitable")] {
        let mut lab = Lab::new(1).unwrap();
        lab.apply(&Command::LoadPreset { preset: preset.into() }).unwrap();
        // The learner's view shows no such chart and sweeps nothing; the full lab does.
        assert!(lab.measure().k_sweep.is_empty());
        lab.apply(&Command::SetView { view: vrest::lab::View::Lab }).unwrap();
        let measures = lab.measure();
        assert_eq!(measures.k_sweep.len(), 100);
        let mut svg = String::new();
        let summary = {
            let area = SVGBackend::with_string(&mut svg, (760, 280)).into_drawing_area();
            draw_k_chart(&area, &KChartInput::new(&measures, &catalog)).unwrap()
        };
        let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("charts");
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join(format!("{name}.svg")), &svg).unwrap();
        assert_eq!(summary.drawn, [100, 100, 100], "{preset}");
        // Every text element's words: the curves named at their ends, the decades in mM.
        let texts: Vec<&str> =
            svg.split("<text").skip(1).filter_map(|t| Some(t.split_once('>')?.1.split('<').next()?.trim())).collect();
        for text in ["E_K", "GHK", "settled", "Now", "K⁺ outside (mM, log scale)", "1", "10", "100"] {
            assert!(texts.contains(&text), "{preset}: the chart lacks {text}: {texts:?}");
        }
        let v = lab.membrane().voltage_mv();
        assert!(summary.y_range_mv.0 < v && v < summary.y_range_mv.1);
    }
}

#[test]
fn hours_into_a_run_in_slow_motion_the_axis_counts_from_a_moment_it_names() {
    // A neuron three hours on, watched at 1 ms per second: a 20 ms window.
    let mut lab = Lab::new(1).unwrap();
    lab.apply(&Command::SetSpeed { index: 7 }).unwrap();
    play(&mut lab, 3.0);
    lab.apply(&Command::SetSpeed { index: 0 }).unwrap();
    play(&mut lab, 5.0);
    let t = lab.membrane().time_s();
    assert!(t > 3.0 * 3600.0, "{t}");
    let (svg, s) = render(&lab, "slow-after-hours");
    assert_eq!(s.unit, "ms");
    // The labels are the window's own (0 to 40 ms at most), not ten-digit numbers.
    assert!(s.x_range.0 >= 0.0 && s.x_range.1 <= 40.0, "{:?}", s.x_range);
    let origin = t - 0.020 - (t - 0.020) % 0.020; // a whole number of 20 ms windows
    let (h, min) = ((origin / 3600.0).floor(), ((origin % 3600.0) / 60.0).floor());
    let title = format!("model time (ms) after {h} h {min} min {:.3} s", origin % 60.0);
    assert!(svg.contains(&title), "the title names the moment: {title}");
    assert!(!svg.contains(&format!("{:.0}", t * 1e3)[..6]), "no long numbers");
}

/// At real time a spike is a pixel wide on the 20-s trace: the inset shows its shape,
/// with the model's peak and width; in slow motion, where the trace itself shows the
/// spike, there is no inset.
#[test]
fn a_spike_too_narrow_for_the_trace_gets_an_inset_with_its_peak_and_width() {
    let mut lab = Lab::new(1).unwrap();
    lab.apply(&Command::LoadPreset { preset: "excitable-neuron".into() }).unwrap();
    play(&mut lab, 0.5);
    lab.apply(&Command::Stimulate { amplitude_ua_per_cm2: 40.0 }).unwrap();
    lab.apply(&Command::Play).unwrap();
    play(&mut lab, 0.5);
    assert_eq!(lab.spikes(), 1);
    let spike = lab.last_spike().expect("the spike was sampled").clone();
    // Its peak against an independent run: the same cell and pulse advanced in 10 µs
    // steps from rest by the core alone.
    let mut s = vrest_core::presets::build("excitable-neuron").unwrap();
    s.stimuli = vec![vrest_core::Stimulus {
        start_s: 0.001,
        duration_s: vrest::lab::STIMULUS_DURATION_S,
        amplitude_ua_per_cm2: 40.0,
    }];
    let mut m = vrest_core::Membrane::new(&s).unwrap();
    let mut peak = f64::MIN;
    while m.time_s() < 0.02 {
        m.advance(1e-5).unwrap();
        peak = peak.max(m.voltage_mv());
    }
    assert!((spike.peak_mv - peak).abs() < 1.0, "inset peak {} vs {peak}", spike.peak_mv);
    let width = spike.width_s.unwrap();
    assert!((3e-4..3e-3).contains(&width), "a neuron's spike is about a millisecond wide: {width}");
    let (svg, summary) = render(&lab, "neuron-spike-inset");
    assert!(summary.inset.is_some(), "{summary:?}");
    let catalog = Catalog::english();
    let f = vrest::present::format::Formats { catalog: &catalog };
    assert!(svg.contains(&format!("peak {}", f.mv(spike.peak_mv))), "the inset names the peak");
    assert!(svg.contains(&f.duration(width)), "and the width");
    // In slow motion (a 20 ms trace) a second spike is drawn wide on the trace: no inset.
    lab.apply(&Command::SetSpeed { index: 0 }).unwrap();
    lab.apply(&Command::Stimulate { amplitude_ua_per_cm2: 40.0 }).unwrap();
    lab.apply(&Command::Play).unwrap();
    play(&mut lab, 8.0);
    assert_eq!(lab.spikes(), 2);
    let second = lab.last_spike().unwrap();
    assert!(second.start_s > spike.start_s && second.start_s > lab.membrane().time_s() - lab.trace_window_s());
    let (_, slow) = render(&lab, "neuron-spike-slow");
    assert_eq!(slow.inset, None, "window {} s", lab.trace_window_s());
}
