//! The second chart: V against K⁺ outside on a log axis, the classic plot of Hodgkin &
//! Horowicz (1959). E_K (Nernst) is a straight line; the passive GHK voltage bends away
//! from it where Na⁺ and Cl⁻ matter; the cell's own settled voltage adds the pump, the
//! transporters and the gated channels, and shows where depolarization block begins.
//! The present cell is marked. Generic over the plotters backend, like the trace.

use plotters::coord::Shift;
use plotters::prelude::*;

use super::catalog::Catalog;
use super::chart::{draw_mesh, drawn, plot_area, rgb, right_labels, Sizing};
use super::palette;
use crate::lab::measures::{KPoint, K_SWEEP_MM};
use crate::lab::Measures;

/// What the chart shows, with its words.
#[derive(Debug, Clone)]
pub struct KChartInput<'a> {
    pub points: &'a [KPoint],
    /// The present K⁺ outside and V.
    pub now: Option<(f64, f64)>,
    pub pixel_ratio: f64,
    pub catalog: &'a Catalog,
}

impl<'a> KChartInput<'a> {
    pub fn new(m: &'a Measures, catalog: &'a Catalog) -> KChartInput<'a> {
        KChartInput { points: &m.k_sweep, now: m.k_out_mm.map(|k| (k, m.voltage_mv)), pixel_ratio: 1.0, catalog }
    }
}

/// What was drawn, for tests.
#[derive(Debug, Clone, PartialEq)]
pub struct KChartSummary {
    pub y_range_mv: (f64, f64),
    /// Points drawn per series: E_K, GHK, settled.
    pub drawn: [usize; 3],
}

/// Below this (mV) a value is off the chart's useful range and not drawn.
const Y_FLOOR_MV: f64 = -200.0;
const Y_CEILING_MV: f64 = 60.0;

/// Draw the chart on `area`. The x axis is log₁₀(K⁺ outside) on a plain linear axis,
/// labelled in mM at the decades: this shares the voltage trace's coordinate code, which
/// keeps the wasm small (a log-scale axis and plotters' legend box cost 9 KB gzipped).
pub fn draw_k_chart<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    input: &KChartInput,
) -> Result<KChartSummary, String> {
    let sizing = Sizing::new(input.pixel_ratio, area);
    let font_px = sizing.font_px();
    let px = |css: f64| sizing.px(css);
    area.fill(&rgb(palette::WHITE)).map_err(drawn)?;

    let in_range = |v: &Option<f64>| v.filter(|v| v.is_finite() && (Y_FLOOR_MV..=Y_CEILING_MV).contains(v));
    let series: [Vec<(f64, f64)>; 3] = [
        input.points.iter().filter_map(|p| Some((p.k_out_mm.log10(), in_range(&p.e_k_mv)?))).collect(),
        input.points.iter().filter_map(|p| Some((p.k_out_mm.log10(), in_range(&p.ghk_mv)?))).collect(),
        input.points.iter().filter_map(|p| Some((p.k_out_mm.log10(), in_range(&p.settled_mv)?))).collect(),
    ];
    let all = series.iter().flatten().map(|p| p.1).chain(input.now.map(|n| n.1));
    let (lo, hi) = all.fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), v| (a.min(v), b.max(v)));
    let (lo, hi) = if lo.is_finite() { (lo, hi) } else { (-100.0, 0.0) };
    let pad = (0.06 * (hi - lo)).max(3.0);
    let (y0, y1) = (lo - pad, hi + pad);
    let (x0, x1) = (K_SWEEP_MM.0.log10(), K_SWEEP_MM.1.log10());

    let names = ["kchart-e-k", "kchart-ghk", "kchart-settled"].map(|id| input.catalog.text(id));
    let mut chart = plot_area(area, &sizing, 8.0, x0..x1, y0..y1, &names)?;
    // Tick labels in mM at whole decades only (1, 10, 100).
    let decade = |x: &f64| {
        if (x - x.round()).abs() < 1e-9 {
            format!("{}", 10f64.powf(x.round()))
        } else {
            String::new()
        }
    };
    let f = super::format::Formats { catalog: input.catalog };
    let tick = |y: &f64| f.tick(*y);
    let mut mesh = chart.configure_mesh();
    let mesh = mesh
        .x_desc(input.catalog.text("kchart-k-axis"))
        .y_label_formatter(&tick)
        .y_desc(input.catalog.text("chart-voltage-axis"))
        .x_labels(5)
        .x_label_formatter(&decade);
    draw_mesh(mesh, &sizing)?;

    let (k_colour, _) = palette::ion_style("K", 0);
    let styles = [
        (rgb(k_colour), 2.0, "kchart-e-k"),
        (rgb(palette::GHK), 2.0, "kchart-ghk"),
        (rgb(palette::VOLTAGE), 3.0, "kchart-settled"),
    ];
    // Each curve is named at its right-hand end, nudged apart like the trace's lines.
    let mut labels: Vec<(i32, String, RGBColor)> = Vec::new();
    for (points, (colour, width, id)) in series.iter().zip(styles) {
        if let (true, Some(&last)) = (points.len() > 1, points.last()) {
            chart
                .draw_series(LineSeries::new(points.iter().copied(), colour.stroke_width(px(width))))
                .map_err(drawn)?;
            let t = palette::Rgb(colour.0, colour.1, colour.2).for_text();
            labels.push((chart.backend_coord(&last).1, input.catalog.text(id), RGBColor(t.0, t.1, t.2)));
        }
    }
    if let Some((k, v)) = input.now.filter(|n| n.0 >= K_SWEEP_MM.0 && n.0 <= K_SWEEP_MM.1 && n.1 >= y0 && n.1 <= y1) {
        let dot = rgb(palette::BLOCKED);
        chart.draw_series(std::iter::once(Circle::new((k.log10(), v), px(5.0), dot.filled()))).map_err(drawn)?;
        let (dx, dy) = chart.backend_coord(&(k.log10(), v));
        let style = TextStyle::from((FontFamily::SansSerif, font_px).into_font()).color(&dot);
        area.draw_text(&input.catalog.text("kchart-now"), &style, (dx + px(8.0) as i32, dy - px(16.0) as i32))
            .map_err(drawn)?;
    }
    let (right, _) = chart.backend_coord(&(x1, y0));
    right_labels(area, labels, right, &sizing)?;
    area.present().map_err(drawn)?;
    Ok(KChartSummary { y_range_mv: (y0, y1), drawn: [series[0].len(), series[1].len(), series[2].len()] })
}
