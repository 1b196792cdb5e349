//! The voltage trace: one plain plotters function, generic over the drawing backend, so
//! the page draws it on a canvas and a native test renders it to SVG.
//!
//! V(t) over the trace window, with a dashed line at each ion's equilibrium potential
//! and at the GHK voltage. Lines beyond the plotted range are named at its edge with an
//! arrow, so E_Na and E_Ca never squash the resting trace. The time axis is in the unit
//! that suits the window: ms, s, min or h.

use plotters::chart::MeshStyle;
use plotters::coord::types::RangedCoordf64;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::catalog::Catalog;
use super::format::{signed_tenths, time_unit, Formats};
use super::palette::{self, Rgb};
use crate::lab::spike::SpikeShape;
use crate::lab::Measures;

/// A dashed reference line.
#[derive(Debug, Clone, PartialEq)]
pub struct RefLine {
    /// "E_K", "GHK".
    pub name: String,
    pub value_mv: f64,
    pub color: Rgb,
}

/// What the chart shows, with its words.
#[derive(Debug, Clone)]
pub struct ChartInput<'a> {
    /// (t_s, v_mv), oldest first.
    pub trace: &'a [(f64, f64)],
    pub t_now_s: f64,
    pub v_now_mv: f64,
    pub window_s: f64,
    pub lines: Vec<RefLine>,
    /// Device pixels per CSS pixel: text, strokes and margins scale with it.
    pub pixel_ratio: f64,
    pub catalog: &'a Catalog,
    /// The latest spike's shape, drawn as an inset when the trace draws it too narrow
    /// to see.
    pub spike: Option<&'a SpikeShape>,
    /// Where something was done (`present::timeline::marks_on_trace`): a tick and a
    /// short label each, oldest first.
    pub marks: Vec<(f64, String)>,
    /// A pulse armed while paused: its words, drawn at V now.
    pub armed: Option<String>,
}

/// A spike narrower than this (CSS px on the trace) gets its inset.
pub const INSET_BELOW_PX: f64 = 6.0;

impl<'a> ChartInput<'a> {
    /// The trace with a line at every defined E_ion and at the GHK voltage, all read from
    /// the same measures the readout prints.
    pub fn new(trace: &'a [(f64, f64)], m: &Measures, catalog: &'a Catalog) -> ChartInput<'a> {
        let mut lines: Vec<RefLine> = m
            .ions
            .iter()
            .enumerate()
            .filter_map(|(i, ion)| {
                Some(RefLine {
                    name: catalog.format("chart-nernst", &[("ion", &ion.name)]),
                    value_mv: ion.nernst_mv?,
                    color: palette::ion_style(&ion.name, i).0,
                })
            })
            .collect();
        if let Some(v) = m.ghk_mv {
            lines.push(RefLine { name: catalog.text("chart-ghk"), value_mv: v, color: palette::GHK });
        }
        ChartInput {
            trace,
            t_now_s: m.time_s,
            v_now_mv: m.voltage_mv,
            window_s: m.lab.trace_window_s,
            lines,
            pixel_ratio: 1.0,
            catalog,
            spike: None,
            marks: Vec::new(),
            armed: None,
        }
    }
}

/// A palette colour as plotters takes it.
pub(super) fn rgb(c: Rgb) -> RGBColor {
    RGBColor(c.0, c.1, c.2)
}

/// A drawing failure as the handle reports it.
pub(super) fn drawn<E: std::error::Error + Send + Sync>(e: DrawingAreaErrorKind<E>) -> String {
    e.to_string()
}

/// The spike inset, drawn in the plot's top right corner: the sampled spike in its own
/// axes (ms), its title and its peak and width from the model. Returns the inset's
/// rectangle in device pixels.
fn draw_spike_inset<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    spike: &SpikeShape,
    (left, top, right, bottom): (i32, i32, i32, i32),
    sizing: &Sizing,
    catalog: &Catalog,
) -> Result<Option<(i32, i32, i32, i32)>, String> {
    let f = Formats { catalog };
    let px = |css: f64| sizing.px(css) as i32;
    let font = sizing.px(if sizing.narrow { 10.0 } else { 11.0 });
    let title = TextStyle::from((FontFamily::SansSerif, font).into_font().style(FontStyle::Bold))
        .color(&BLACK)
        .pos(Pos::new(HPos::Left, VPos::Top));
    let body =
        TextStyle::from((FontFamily::SansSerif, font).into_font()).color(&BLACK).pos(Pos::new(HPos::Left, VPos::Top));
    let (head, detail, gates) = inset_lines(spike, sizing, catalog);
    let pad = px(5.0);
    let room = right - left - px(20.0) - 2 * pad;
    let width_of = |t: &String| area.estimate_text_size(t, &title).map(|(w, _)| w as i32).map_err(drawn);
    // The gates' line only where it fits (not on a phone's narrow trace).
    let gates = match gates {
        Some(g) if width_of(&g)? <= room => Some(g),
        _ => None,
    };
    // Wide enough for its longest line, and at least a third of the plot.
    let mut widest = width_of(&head)?.max(width_of(&detail)?);
    if let Some(g) = &gates {
        widest = widest.max(width_of(g)?);
    }
    let w = (((right - left) as f64 * 0.34) as i32).max(px(150.0)).max(widest + 2 * pad);
    // As tall as the plot allows, down to room for its two lines and a shape.
    let h = (((bottom - top) as f64 * 0.62).max(f64::from(px(90.0))) as i32).min(bottom - top - px(8.0));
    if w > right - left - px(20.0) || h < px(64.0) {
        return Ok(None);
    }
    let (x0, y0) = (right - w - px(6.0), top + px(6.0));
    // A tinted card with a firm border: a zoomed view, not a part of the trace.
    area.draw(&Rectangle::new([(x0, y0), (x0 + w, y0 + h)], rgb(palette::INSET_BG).filled())).map_err(drawn)?;
    area.draw(&Rectangle::new([(x0, y0), (x0 + w, y0 + h)], rgb(palette::TEXT_STRONG).stroke_width(sizing.px(1.5))))
        .map_err(drawn)?;
    let line = font as i32 + px(2.0);
    let mut y = y0 + pad;
    for (text, style) in std::iter::once((&head, &title))
        .chain(std::iter::once((&detail, &body)))
        .chain(gates.as_ref().map(|g| (g, &body)))
    {
        area.draw_text(text, style, (x0 + pad, y)).map_err(drawn)?;
        y += line;
    }
    // The shape, in the rest of the box.
    let (gx0, gy0, gx1, gy1) = (x0 + pad, y + px(2.0), x0 + w - pad, y0 + h - pad);
    if gy1 - gy0 < px(20.0) {
        return Ok(Some((x0, y0, x0 + w, y0 + h)));
    }
    draw_spike_shape(area, spike, (gx0, gy0, gx1, gy1), sizing, &f.mv(0.0))?;
    Ok(Some((x0, y0, x0 + w, y0 + h)))
}

/// The inset's title, its peak and width, and how far the gates opened.
fn inset_lines(spike: &SpikeShape, sizing: &Sizing, catalog: &Catalog) -> (String, String, Option<String>) {
    let f = Formats { catalog };
    let duration = f.duration(spike.step_s * (spike.voltage_mv.len().max(2) - 1) as f64);
    let head = catalog
        .format(if sizing.narrow { "chart-spike-title-short" } else { "chart-spike-title" }, &[("window", &duration)]);
    let detail = catalog.format(
        "chart-spike-detail",
        &[
            ("peak", &f.mv(spike.peak_mv)),
            ("width", &spike.width_s.map_or_else(|| catalog.text("records-none"), |w| f.duration(w))),
        ],
    );
    let gates = spike.open_max.map(|(na, k)| {
        let pct = |x: f64| f.with("value-percent", &format!("{:.0}", x * 100.0));
        catalog.format("chart-spike-gates", &[("na", &pct(na)), ("k", &pct(k))])
    });
    (head, detail, gates)
}

/// The spike's shape in the box (gx0, gy0)–(gx1, gy1), with 0 mV dashed and named
/// where it falls inside.
fn draw_spike_shape<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    spike: &SpikeShape,
    (gx0, gy0, gx1, gy1): (i32, i32, i32, i32),
    sizing: &Sizing,
    zero_mv: &str,
) -> Result<(), String> {
    let px = |css: f64| sizing.px(css) as i32;
    let lo = spike.voltage_mv.iter().copied().fold(f64::INFINITY, f64::min).min(spike.peak_mv);
    let hi = spike.voltage_mv.iter().copied().fold(f64::NEG_INFINITY, f64::max).max(spike.peak_mv);
    let span = (hi - lo).max(1.0);
    let n = spike.voltage_mv.len().max(2) - 1;
    let points: Vec<(i32, i32)> = spike
        .voltage_mv
        .iter()
        .enumerate()
        .map(|(i, v)| {
            let x = gx0 + ((gx1 - gx0) as f64 * i as f64 / n as f64) as i32;
            let y = gy1 - ((gy1 - gy0) as f64 * (v - lo) / span) as i32;
            (x, y)
        })
        .collect();
    // 0 mV, dashed grey and named, where it falls inside the box.
    if lo < 0.0 && hi > 0.0 {
        let y = gy1 - ((gy1 - gy0) as f64 * (0.0 - lo) / span) as i32;
        let grey = rgb(palette::EDGE_NOTE);
        let zero = TextStyle::from((FontFamily::SansSerif, sizing.px(9.0)).into_font())
            .color(&grey)
            .pos(Pos::new(HPos::Right, VPos::Bottom));
        area.draw_text(zero_mv, &zero, (gx1, y - 1)).map_err(drawn)?;
        let mut x = gx0;
        while x < gx1 {
            area.draw(&PathElement::new(
                vec![(x, y), ((x + px(4.0)).min(gx1), y)],
                rgb(palette::EDGE_NOTE).stroke_width(1),
            ))
            .map_err(drawn)?;
            x += px(7.0);
        }
    }
    area.draw(&PathElement::new(points, rgb(palette::VOLTAGE).stroke_width(sizing.px(1.5)))).map_err(drawn)?;
    Ok(())
}

/// What was drawn, for tests and for the page's text alternative.
#[derive(Debug, Clone, PartialEq)]
pub struct ChartSummary {
    pub unit: &'static str,
    pub x_range: (f64, f64),
    pub y_range_mv: (f64, f64),
    /// Lines drawn across the plot.
    pub drawn: Vec<String>,
    /// Lines named at the top or bottom edge because they fall outside.
    pub off_scale: Vec<String>,
    /// The spike inset's rectangle (device px: left, top, right, bottom), if drawn.
    pub inset: Option<(i32, i32, i32, i32)>,
    /// The marks drawn as lines, and the labels among them that had room.
    pub marks: (usize, usize),
}

/// The plotted voltage range: the trace (or the present V), with nearby reference
/// lines, padded, at least 15 mV tall.
fn y_range(input: &ChartInput) -> (f64, f64) {
    let finite = input.trace.iter().map(|p| p.1).chain(std::iter::once(input.v_now_mv)).filter(|v| v.is_finite());
    let (mut lo, mut hi) = finite.fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), v| (a.min(v), b.max(v)));
    if !lo.is_finite() {
        (lo, hi) = (-80.0, -60.0);
    }
    let (core_lo, core_hi) = (lo, hi);
    for l in &input.lines {
        if l.value_mv.is_finite() && l.value_mv > core_lo - 35.0 && l.value_mv < core_hi + 35.0 {
            lo = lo.min(l.value_mv);
            hi = hi.max(l.value_mv);
        }
    }
    let pad = (0.08 * (hi - lo)).max(3.0);
    let (mut lo, mut hi) = (lo - pad, hi + pad);
    if hi - lo < 15.0 {
        let mid = 0.5 * (lo + hi);
        lo = mid - 7.5;
        hi = mid + 7.5;
    }
    (lo, hi)
}

/// Draw the chart on `area`.
/// How big things are on a chart canvas: its device-pixel ratio and whether it is narrow.
pub(super) struct Sizing {
    pub ratio: f64,
    pub narrow: bool,
}

impl Sizing {
    pub fn new<DB: DrawingBackend>(pixel_ratio: f64, area: &DrawingArea<DB, Shift>) -> Sizing {
        let ratio = if pixel_ratio.is_finite() { pixel_ratio.clamp(0.5, 4.0) } else { 1.0 };
        let narrow = f64::from(area.dim_in_pixel().0) / ratio < 500.0;
        Sizing { ratio, narrow }
    }
    /// CSS px to device px.
    pub fn px(&self, css: f64) -> u32 {
        (css * self.ratio).round() as u32
    }
    pub fn font_px(&self) -> u32 {
        self.px(if self.narrow { 11.0 } else { 12.0 })
    }
}

/// The plotting area both charts use: room on the right for the curves' names, axes
/// with room for their labels.
pub(super) fn plot_area<'a, DB: DrawingBackend>(
    area: &'a DrawingArea<DB, Shift>,
    sizing: &Sizing,
    margin_top_css: f64,
    x: std::ops::Range<f64>,
    y: std::ops::Range<f64>,
    right_names: &[String],
) -> Result<ChartContext<'a, DB, Cartesian2d<RangedCoordf64, RangedCoordf64>>, String> {
    let px = |css: f64| sizing.px(css);
    let (right, _) = right_margin(area, sizing, right_names);
    ChartBuilder::on(area)
        .margin_top(px(margin_top_css))
        .margin_left(px(6.0))
        .margin_right(right)
        .margin_bottom(px(4.0))
        .x_label_area_size(px(34.0))
        .y_label_area_size(px(46.0))
        .build_cartesian_2d(x, y)
        .map_err(|e| e.to_string())
}

/// Room on the right for the longest of `names` as this language writes them
/// (measured with the canvas's font), within two fifths of the chart; and whether the
/// longest needed more than that.
pub(super) fn right_margin<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    sizing: &Sizing,
    names: &[String],
) -> (u32, bool) {
    let font = TextStyle::from((FontFamily::SansSerif, sizing.font_px()).into_font());
    let widest = names.iter().filter_map(|t| area.estimate_text_size(t, &font).ok()).map(|s| s.0).max();
    let usual = sizing.px(if sizing.narrow { 70.0 } else { 100.0 });
    let most = (area.dim_in_pixel().0 * 2 / 5).max(usual);
    match widest {
        Some(w) => ((w + sizing.px(8.0)).clamp(usual, most), w + sizing.px(8.0) > most),
        None => (usual, false),
    }
}

/// The grid, tick labels and axis names in the style both charts share.
pub(super) fn draw_mesh<DB: DrawingBackend>(
    mesh: &mut MeshStyle<'_, '_, RangedCoordf64, RangedCoordf64, DB>,
    sizing: &Sizing,
) -> Result<(), String> {
    mesh.label_style((FontFamily::SansSerif, sizing.font_px()))
        .axis_desc_style((FontFamily::SansSerif, sizing.font_px()))
        .light_line_style(rgb(palette::GRID_LIGHT))
        .bold_line_style(rgb(palette::GRID_BOLD))
        .draw()
        .map_err(|e| e.to_string())
}

/// Names in the right margin, each at the height (device px) of what it names, pushed
/// apart where they would overlap.
pub(super) fn right_labels<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    mut labels: Vec<(i32, String, RGBColor)>,
    right_px: i32,
    sizing: &Sizing,
) -> Result<(), String> {
    // By height, and at one height by name: the order drawn does not depend on the order given.
    vrest_core::sort::heapsort_by(&mut labels, |a, b| (a.0, &a.1) < (b.0, &b.1));
    let gap = sizing.font_px() as i32 + 2;
    for i in 1..labels.len() {
        if labels[i].0 - labels[i - 1].0 < gap {
            labels[i].0 = labels[i - 1].0 + gap;
        }
    }
    for (y, text, colour) in labels {
        let style = TextStyle::from((FontFamily::SansSerif, sizing.font_px()).into_font())
            .color(&colour)
            .pos(Pos::new(HPos::Left, VPos::Center));
        area.draw_text(&text, &style, (right_px + sizing.px(4.0) as i32, y)).map_err(|e| e.to_string())?;
    }
    Ok(())
}

/// The largest time an axis label writes in full, in the axis's unit; past it the axis
/// counts from a moment named in its title.
const MAX_AXIS_VALUE: f64 = 10_000.0;

pub fn draw_voltage_chart<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    input: &ChartInput,
) -> Result<ChartSummary, String> {
    let (unit, per_unit) = time_unit(input.window_s);
    let window = input.window_s.max(1e-9);
    let t_end = input.t_now_s.max(window);
    // Hours into a run watched in slow motion, the times in the window's unit would be
    // long numbers ("10610050 ms"): the axis then counts from a round moment before the
    // window (a whole number of windows), named in its title, as an oscilloscope does.
    let origin_s = if t_end / per_unit >= MAX_AXIS_VALUE { ((t_end - window) / window).floor() * window } else { 0.0 };
    let (x0, x1) = ((t_end - window - origin_s) / per_unit, (t_end - origin_s) / per_unit);
    let (y0, y1) = y_range(input);

    area.fill(&rgb(palette::WHITE)).map_err(drawn)?;
    let sizing = Sizing::new(input.pixel_ratio, area);
    let (ratio, narrow) = (sizing.ratio, sizing.narrow);
    let h = area.dim_in_pixel().1;
    let h_css = f64::from(h) / ratio;
    let f = Formats { catalog: input.catalog };
    let names = margin_names(area, &sizing, input);
    let mut chart = plot_area(area, &sizing, 10.0, x0..x1, y0..y1, &names)?;
    let tick = |x: &f64| f.tick(*x);
    let mut mesh = chart.configure_mesh();
    let mesh = mesh
        .x_desc(if origin_s > 0.0 {
            input.catalog.format("chart-time-axis-after", &[("unit", unit), ("origin", &f.clock(origin_s))])
        } else {
            input.catalog.format("chart-time-axis", &[("unit", unit)])
        })
        .y_desc(input.catalog.text("chart-voltage-axis"))
        .x_labels(if narrow { 4 } else { 7 })
        .y_labels((h_css / 40.0).max(3.0) as usize)
        .x_label_formatter(&tick)
        .y_label_formatter(&tick);
    draw_mesh(mesh, &sizing)?;

    let mut summary = ChartSummary {
        unit,
        x_range: (x0, x1),
        y_range_mv: (y0, y1),
        drawn: Vec::new(),
        off_scale: Vec::new(),
        inset: None,
        marks: (0, 0),
    };
    let (labels, above, below) = reference_lines(&mut chart, input, names, (x0..x1, y0..y1), &sizing, &mut summary)?;
    // The marks' labels go below the off-scale lines' names, which keep the top.
    let below_names = if above.is_empty() { 0 } else { sizing.px(18.0) as i32 };
    summary.marks = draw_marks(&mut chart, area, input, (origin_s, per_unit), (x0, x1, y0, y1), below_names, &sizing)?;
    draw_trace(&mut chart, area, input, (origin_s, per_unit), (y0, y1), &sizing)?;

    let (px_right, _) = chart.backend_coord(&(x1, y0));
    let (px_left0, py_top0) = chart.backend_coord(&(x0, y1));
    let (_, py_bottom0) = chart.backend_coord(&(x0, y0));
    if let Some(spike) = input.spike {
        let plot_w_css = f64::from(px_right - px_left0) / sizing.ratio;
        let shown_px = spike.width_s.unwrap_or(spike.step_s * spike.voltage_mv.len() as f64) / window * plot_w_css;
        // Only while the trace draws it too narrow to see, and only while it is on it.
        let on_trace = spike.start_s >= t_end - window;
        if shown_px < INSET_BELOW_PX && on_trace {
            // Below the off-scale lines' names, which stay readable at the top.
            let plot = (px_left0, py_top0 + below_names, px_right, py_bottom0);
            summary.inset = draw_spike_inset(area, spike, plot, &sizing, input.catalog)?;
        }
    }
    right_labels(area, labels, px_right, &sizing)?;
    off_scale_names(area, &sizing, &above, &below, (px_left0, py_top0, py_bottom0))?;
    area.present().map_err(drawn)?;
    Ok(summary)
}

/// Each mark as a thin line down the plot with its label at the top, the labels in
/// [`MARK_ROWS`] rows, the latest placed first; a label that would overlap a later one
/// in every row is left out (the list in words has every one). A pulse armed while
/// paused: a dashed line at now, named at the bottom.
fn draw_marks<DB: DrawingBackend>(
    chart: &mut ChartContext<'_, DB, Cartesian2d<RangedCoordf64, RangedCoordf64>>,
    area: &DrawingArea<DB, Shift>,
    input: &ChartInput,
    (origin_s, per_unit): (f64, f64),
    (x0, x1, y0, y1): (f64, f64, f64, f64),
    below_names: i32,
    sizing: &Sizing,
) -> Result<(usize, usize), String> {
    let px = |css: f64| sizing.px(css);
    let color = rgb(palette::MARK);
    let font = sizing.px(if sizing.narrow { 10.0 } else { 11.0 });
    let style =
        TextStyle::from((FontFamily::SansSerif, font).into_font()).color(&color).pos(Pos::new(HPos::Left, VPos::Top));
    let mut row_starts = [i32::MAX; MARK_ROWS];
    let armed = input.armed.as_ref().map(|a| (input.t_now_s, a));
    let marks: Vec<(f64, &String)> = input.marks.iter().map(|(t, l)| (*t, l)).chain(armed).collect();
    let (mut lines, mut labels) = (0, 0);
    for (i, &(t, label)) in marks.iter().enumerate().rev() {
        let x = (t - origin_s) / per_unit;
        if x < x0 {
            continue;
        }
        lines += 1;
        let line = vec![(x, y0), (x, y1)];
        if input.armed.is_some() && i == input.marks.len() {
            chart
                .draw_series(DashedLineSeries::new(line, px(4.0), px(3.0), rgb(palette::BLOCKED).stroke_width(px(2.0))))
                .map_err(drawn)?;
        } else {
            chart.draw_series(LineSeries::new(line, color.stroke_width(px(1.0)))).map_err(drawn)?;
        }
        let (lx, top) = chart.backend_coord(&(x, y1));
        let (_, bottom) = chart.backend_coord(&(x, y0));
        let width = area.estimate_text_size(label, &style).map_err(drawn)?.0 as i32;
        let line_h = font as i32 + px(2.0) as i32;
        let y = if input.armed.is_some() && i == input.marks.len() {
            bottom - line_h - px(2.0) as i32
        } else {
            let Some(row) = (0..MARK_ROWS).find(|&r| lx + width + px(6.0) as i32 <= row_starts[r]) else { continue };
            row_starts[row] = lx;
            top + below_names + px(2.0) as i32 + row as i32 * line_h
        };
        // On a white backing, so the trace under it does not cross the words; kept
        // inside the plot at its right edge.
        let (right, _) = chart.backend_coord(&(x1, y0));
        let (x, h) = ((lx + px(3.0) as i32).min(right - width - px(2.0) as i32), font as i32 + px(2.0) as i32);
        let backing = RGBColor(255, 255, 255).mix(0.85).filled();
        area.draw(&Rectangle::new([(x - 1, y - 1), (x + width + 1, y + h - 1)], backing)).map_err(drawn)?;
        area.draw_text(label, &style, (x, y)).map_err(drawn)?;
        labels += 1;
    }
    Ok((lines, labels))
}

/// Rows of mark labels at the top of the trace.
const MARK_ROWS: usize = 3;

/// The voltage trace over the window, and V now as a named dot at its end.
fn draw_trace<DB: DrawingBackend>(
    chart: &mut ChartContext<'_, DB, Cartesian2d<RangedCoordf64, RangedCoordf64>>,
    area: &DrawingArea<DB, Shift>,
    input: &ChartInput,
    (origin_s, per_unit): (f64, f64),
    (y0, y1): (f64, f64),
    sizing: &Sizing,
) -> Result<(), String> {
    let px = |css: f64| sizing.px(css);
    let trace: Vec<(f64, f64)> = input
        .trace
        .iter()
        .filter(|p| p.1.is_finite())
        .map(|p| ((p.0 - origin_s) / per_unit, p.1.clamp(y0, y1)))
        .collect();
    if trace.len() > 1 {
        chart.draw_series(LineSeries::new(trace, rgb(palette::VOLTAGE).stroke_width(px(2.0)))).map_err(drawn)?;
    }
    if input.v_now_mv.is_finite() {
        let now = ((input.t_now_s - origin_s) / per_unit, input.v_now_mv.clamp(y0, y1));
        chart.draw_series(std::iter::once(Circle::new(now, px(4.0), rgb(palette::BLACK).filled()))).map_err(drawn)?;
        // The dot is V: named, so it is not read as the reference line it sits on.
        let (dx, dy) = chart.backend_coord(&now);
        let name = TextStyle::from((FontFamily::SansSerif, sizing.font_px()).into_font().style(FontStyle::Bold))
            .color(&BLACK)
            .pos(Pos::new(HPos::Left, VPos::Bottom));
        area.draw_text(&input.catalog.text("chart-v-now"), &name, (dx + px(5.0) as i32, dy - px(3.0) as i32))
            .map_err(drawn)?;
    }

    Ok(())
}

/// Each line's name and value, as the right margin shows it. On a narrow chart the
/// unit is left to the axis, and if even that is too wide (a longer language) the value
/// too: the ion table and the description give every E.
fn margin_names<DB: DrawingBackend>(area: &DrawingArea<DB, Shift>, sizing: &Sizing, input: &ChartInput) -> Vec<String> {
    let f = Formats { catalog: input.catalog };
    let names: Vec<String> = input
        .lines
        .iter()
        .map(|line| {
            let value =
                if sizing.narrow { input.catalog.number(&signed_tenths(line.value_mv)) } else { f.mv(line.value_mv) };
            format!("{} {value}", line.name)
        })
        .collect();
    if sizing.narrow && right_margin(area, sizing, &names).1 {
        return input.lines.iter().map(|line| line.name.clone()).collect();
    }
    names
}

/// A line's label in pixel space, its text and colour.
type LineLabel = (i32, String, RGBColor);
/// The on-scale lines' labels, and the names of the lines above and below the scale.
type Placed = (Vec<LineLabel>, Vec<String>, Vec<String>);

/// The reference lines (E of each ion, GHK, …) dashed across the plot where they are
/// on scale, with their labels for the right margin; the names of those above and
/// below the scale for the plot's edges.
fn reference_lines<DB: DrawingBackend>(
    chart: &mut ChartContext<'_, DB, Cartesian2d<RangedCoordf64, RangedCoordf64>>,
    input: &ChartInput,
    names: Vec<String>,
    (x, y): (std::ops::Range<f64>, std::ops::Range<f64>),
    sizing: &Sizing,
    summary: &mut ChartSummary,
) -> Result<Placed, String> {
    let px = |css: f64| sizing.px(css);
    let (x0, x1, y0, y1) = (x.start, x.end, y.start, y.end);
    // Labels in pixel space, nudged apart later so close lines stay readable.
    let mut labels: Vec<(i32, String, RGBColor)> = Vec::new();
    let mut above: Vec<String> = Vec::new();
    let mut below: Vec<String> = Vec::new();
    for (line, text) in input.lines.iter().zip(names) {
        let c = rgb(line.color);
        if line.value_mv >= y0 && line.value_mv <= y1 {
            chart
                .draw_series(DashedLineSeries::new(
                    vec![(x0, line.value_mv), (x1, line.value_mv)],
                    px(6.0),
                    px(4.0),
                    c.stroke_width(px(1.0)),
                ))
                .map_err(drawn)?;
            let (_, py) = chart.backend_coord(&(x1, line.value_mv));
            let t = Rgb(c.0, c.1, c.2).for_text();
            labels.push((py, text, RGBColor(t.0, t.1, t.2)));
            summary.drawn.push(line.name.clone());
        } else {
            if line.value_mv > y1 {
                above.push(format!("{text} ↑"));
            } else {
                below.push(format!("{text} ↓"));
            }
            summary.off_scale.push(line.name.clone());
        }
    }
    Ok((labels, above, below))
}

/// The off-scale lines' names at the plot's top and bottom edges, on a white backing:
/// the trace never runs through them.
fn off_scale_names<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    sizing: &Sizing,
    above: &[String],
    below: &[String],
    (px_left, py_top, py_bottom): (i32, i32, i32),
) -> Result<(), String> {
    let px = |css: f64| sizing.px(css);
    let edge_color = RGBColor(palette::EDGE_NOTE.0, palette::EDGE_NOTE.1, palette::EDGE_NOTE.2);
    let edge = TextStyle::from((FontFamily::SansSerif, sizing.font_px()).into_font()).color(&edge_color);
    let backed = |text: &str, top: bool| -> Result<(), String> {
        let (tw, th) = area.estimate_text_size(text, &edge).map_err(drawn)?;
        let (tw, th) = (tw as i32, th as i32);
        let x = px_left + px(4.0) as i32;
        let y = if top { py_top + 2 } else { py_bottom - 2 - th };
        area.draw(&Rectangle::new([(x - 2, y - 1), (x + tw + 2, y + th + 1)], WHITE.mix(0.9).filled()))
            .map_err(drawn)?;
        area.draw_text(text, &edge.pos(Pos::new(HPos::Left, VPos::Top)), (x, y)).map_err(drawn)
    };
    if !above.is_empty() {
        backed(&above.join("   "), true)?;
    }
    if !below.is_empty() {
        backed(&below.join("   "), false)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn units_follow_the_window() {
        assert_eq!(time_unit(0.02).0, "ms");
        assert_eq!(time_unit(20.0).0, "s");
        assert_eq!(time_unit(1200.0).0, "min");
        assert_eq!(time_unit(72_000.0).0, "h");
    }
}
