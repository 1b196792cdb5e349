//! The wasm shell: the one JS-facing handle, `VrestHandle`. It turns DOM events into
//! lab calls, paints the canvases each frame and hands the page one small readout.
//! Every export returns `Result<_, JsError>`; nothing from JavaScript is unwrapped.
//!
//! Frame flow (`frame(now_ms)`): real dt from the rAF timestamp → `Lab::frame` (the
//! model advances dt × speed while playing, then the particles) → paint the scene →
//! redraw the chart at most 20 times a second, or at once after a change → return a
//! readout at most 15 times a second, or at once after a change.

mod paint;

use plotters::prelude::IntoDrawingArea;
use plotters_canvas::CanvasBackend;
use serde::Serialize;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

use crate::chart::{draw_voltage_chart, ChartInput};
use crate::model::controls::{ControlSpec, SLIDER_STEPS};
use crate::model::lab::{Lab, DEFAULT_SPEED, SPEEDS};
use crate::model::presets::{PresetKind, PRESETS};
use crate::model::readout::{ion_label, Readout};
use crate::model::ModelError;
use crate::palette::{self, Shape};

const CHART_INTERVAL_MS: f64 = 50.0;
const READOUT_INTERVAL_MS: f64 = 66.0;

fn js_error(e: ModelError) -> JsError {
    JsError::new(&e.to_string())
}

/// Show a fatal error on the page (www/app.js defines `vrestFatal`), or at least log it.
fn report_fatal(message: &str) {
    let shown = web_sys::window()
        .and_then(|w| js_sys::Reflect::get(&w, &JsValue::from_str("vrestFatal")).ok())
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
        .map(|f| f.call1(&JsValue::NULL, &JsValue::from_str(message)).is_ok())
        .unwrap_or(false);
    if !shown {
        web_sys::console::error_1(&JsValue::from_str(message));
    }
}

/// Runs once when the module loads: a panic shows a message and a reload button
/// instead of freezing the page.
#[wasm_bindgen(start)]
pub fn start() {
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        report_fatal(&format!("Vrest stopped because of an internal error: {info}"));
    }));
}

/// A canvas with its CSS size and device pixel ratio.
struct Canvas {
    el: HtmlCanvasElement,
    css_w: f64,
    css_h: f64,
    ratio: f64,
}

impl Canvas {
    fn find(id: &str) -> Result<Canvas, JsError> {
        let el = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.get_element_by_id(id))
            .ok_or_else(|| JsError::new(&format!("no element with id \"{id}\" on the page")))?
            .dyn_into::<HtmlCanvasElement>()
            .map_err(|_| JsError::new(&format!("the element \"{id}\" is not a <canvas>")))?;
        let mut c = Canvas { el, css_w: 0.0, css_h: 0.0, ratio: 0.0 };
        c.fit();
        Ok(c)
    }

    /// Match the backing store to the CSS size × device pixel ratio. True if it changed.
    fn fit(&mut self) -> bool {
        let ratio = web_sys::window().map_or(1.0, |w| w.device_pixel_ratio()).clamp(1.0, 3.0);
        let (w, h) = (f64::from(self.el.client_width().max(1)), f64::from(self.el.client_height().max(1)));
        if w == self.css_w && h == self.css_h && ratio == self.ratio {
            return false;
        }
        self.css_w = w;
        self.css_h = h;
        self.ratio = ratio;
        self.el.set_width((w * ratio).round() as u32);
        self.el.set_height((h * ratio).round() as u32);
        true
    }

    fn context(&self) -> Result<CanvasRenderingContext2d, JsError> {
        let ctx = self
            .el
            .get_context("2d")
            .map_err(|_| JsError::new("the browser refused a 2D canvas context"))?
            .ok_or_else(|| JsError::new("the browser has no 2D canvas context"))?
            .dyn_into::<CanvasRenderingContext2d>()
            .map_err(|_| JsError::new("unexpected canvas context type"))?;
        ctx.set_transform(self.ratio, 0.0, 0.0, self.ratio, 0.0, 0.0)
            .map_err(|_| JsError::new("canvas transform failed"))?;
        Ok(ctx)
    }
}

#[derive(Serialize)]
struct PresetEntry {
    name: &'static str,
    title: &'static str,
    description: &'static str,
    group: &'static str,
}

#[derive(Serialize)]
struct LegendEntry {
    label: String,
    color: String,
    glyph: &'static str,
}

/// What the page needs to build its controls.
#[derive(Serialize)]
struct ControlsInfo {
    presets: Vec<PresetEntry>,
    preset: &'static str,
    speeds: Vec<&'static str>,
    default_speed: usize,
    slider_steps: u32,
    controls: Vec<ControlSpec>,
    legend: Vec<LegendEntry>,
}

fn glyph(shape: Shape) -> &'static str {
    match shape {
        Shape::Circle => "●",
        Shape::Square => "■",
        Shape::Triangle => "▲",
        Shape::Diamond => "◆",
        Shape::Hexagon => "⬢",
        Shape::Cross => "✚",
        Shape::Ring => "○",
    }
}

fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsError> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| JsError::new(&format!("could not pass data to the page: {e}")))
}

/// The page's one handle on Vrest.
#[wasm_bindgen]
pub struct VrestHandle {
    lab: Lab,
    scene: Canvas,
    chart: Canvas,
    bars: Canvas,
    painter: paint::ScenePainter,
    readout: Readout,
    last_ms: Option<f64>,
    last_chart_ms: f64,
    last_readout_ms: f64,
    /// Something changed outside the frame loop: repaint everything and send a readout.
    dirty: bool,
    /// A particle count the page asked for; otherwise it follows the canvas area.
    chosen_budget: Option<usize>,
}

#[wasm_bindgen]
impl VrestHandle {
    /// Attach to the three canvases (by element id) and start paused on the neuron.
    #[wasm_bindgen(constructor)]
    pub fn new(scene_id: &str, chart_id: &str, bars_id: &str) -> Result<VrestHandle, JsError> {
        let lab = Lab::new(0x5eed_2026).map_err(js_error)?;
        let readout = lab.readout();
        let mut handle = VrestHandle {
            lab,
            scene: Canvas::find(scene_id)?,
            chart: Canvas::find(chart_id)?,
            bars: Canvas::find(bars_id)?,
            painter: paint::ScenePainter::default(),
            readout,
            last_ms: None,
            last_chart_ms: f64::NEG_INFINITY,
            last_readout_ms: f64::NEG_INFINITY,
            dirty: true,
            chosen_budget: None,
        };
        // No painting here: the first frame paints everything once (the handle starts
        // dirty), which keeps the time to the first interactive frame down.
        handle.fit_budget()?;
        Ok(handle)
    }

    /// One animation frame at `now_ms` (the requestAnimationFrame timestamp). Returns a
    /// fresh readout when the labels should change, otherwise `undefined`.
    pub fn frame(&mut self, now_ms: f64) -> Result<JsValue, JsError> {
        if !now_ms.is_finite() {
            return Err(JsError::new("frame: now_ms must be a finite timestamp in milliseconds"));
        }
        let dt_s = self.last_ms.map_or(0.0, |last| ((now_ms - last) / 1e3).max(0.0));
        self.last_ms = Some(now_ms);
        let animating =
            self.lab.is_playing() || dt_s > 0.0 && self.lab.scene().particles().iter().any(|p| p.is_crossing());
        self.lab.frame(dt_s);
        let resized = [&mut self.scene, &mut self.chart, &mut self.bars].into_iter().fold(false, |r, c| c.fit() | r);
        if resized {
            self.fit_budget()?;
        }
        let fresh = self.dirty || resized || now_ms - self.last_readout_ms >= READOUT_INTERVAL_MS && animating;
        if fresh {
            self.readout = self.lab.readout();
            self.last_readout_ms = now_ms;
            self.paint_bars()?;
        }
        if animating || fresh {
            self.paint_scene()?;
        }
        if self.dirty || resized || self.lab.chart_dirty && now_ms - self.last_chart_ms >= CHART_INTERVAL_MS {
            self.paint_chart()?;
            self.last_chart_ms = now_ms;
        }
        self.dirty = false;
        if fresh {
            to_js(&self.readout)
        } else {
            Ok(JsValue::UNDEFINED)
        }
    }

    /// The current readout, now.
    pub fn readout(&mut self) -> Result<JsValue, JsError> {
        self.readout = self.lab.readout();
        to_js(&self.readout)
    }

    /// Presets, speeds, control specs and the legend, to build the page's controls.
    pub fn controls(&self) -> Result<JsValue, JsError> {
        let s = self.lab.membrane().scenario();
        let mut legend: Vec<LegendEntry> = s
            .ions
            .iter()
            .enumerate()
            .map(|(i, ion)| {
                let (color, shape) = palette::ion_style(&ion.name, i);
                LegendEntry { label: ion_label(&ion.name, ion.charge), color: color.css(), glyph: glyph(shape) }
            })
            .collect();
        legend.push(LegendEntry {
            label: "A⁻ (impermeant anions)".into(),
            color: palette::ANION.0.css(),
            glyph: glyph(Shape::Ring),
        });
        to_js(&ControlsInfo {
            presets: PRESETS
                .iter()
                .map(|p| PresetEntry {
                    name: p.name,
                    title: p.title,
                    description: p.description,
                    group: match p.kind {
                        PresetKind::CellType => "Cell types",
                        PresetKind::Clinical => "Clinical and experimental cases",
                    },
                })
                .collect(),
            preset: self.lab.preset_name(),
            speeds: SPEEDS.iter().map(|s| s.label).collect(),
            default_speed: DEFAULT_SPEED,
            slider_steps: SLIDER_STEPS,
            controls: self.lab.control_specs(),
            legend,
        })
    }

    pub fn play(&mut self) {
        self.lab.play();
        self.dirty = true;
    }

    pub fn pause(&mut self) {
        self.lab.pause();
        self.dirty = true;
    }

    /// Play if paused, pause if playing; returns whether it now plays.
    pub fn toggle_play(&mut self) -> bool {
        self.lab.toggle_play();
        self.dirty = true;
        self.lab.is_playing()
    }

    /// Advance one slice of model time (pausing first).
    pub fn step_forward(&mut self) -> Result<(), JsError> {
        self.dirty = true;
        self.lab.step_forward().map_err(js_error)
    }

    /// Go back one slice, restoring the earlier state exactly.
    pub fn step_back(&mut self) -> Result<(), JsError> {
        self.dirty = true;
        self.lab.step_back().map_err(js_error)
    }

    /// Back to the start of the current preset.
    pub fn reset(&mut self) {
        self.lab.reset();
        self.dirty = true;
    }

    /// Speed by index (see `controls().speeds`).
    pub fn set_speed(&mut self, index: usize) -> Result<(), JsError> {
        self.dirty = true;
        self.lab.set_speed(index).map_err(js_error)
    }

    /// Load a preset by name; the page rebuilds its controls from `controls()` after.
    pub fn load_preset(&mut self, name: &str) -> Result<(), JsError> {
        self.dirty = true;
        self.lab.load_preset(name).map_err(js_error)
    }

    /// Set a control to a typed value; out-of-range values are refused with a message
    /// that names the control and its range, and nothing changes.
    pub fn set_control(&mut self, key: &str, value: f64) -> Result<(), JsError> {
        self.dirty = true;
        self.lab.set_control(key, value).map_err(js_error)
    }

    /// Set a control from its slider position (0 to `slider_steps`).
    pub fn set_control_position(&mut self, key: &str, position: u32) -> Result<(), JsError> {
        self.dirty = true;
        self.lab.set_control_position(key, position).map_err(js_error)
    }

    /// How many particles the picture uses (100 to 50,000; the benchmark sets 2,000 and 20,000).
    pub fn set_particle_budget(&mut self, count: usize) -> Result<(), JsError> {
        self.dirty = true;
        self.lab.set_particle_budget(count).map_err(js_error)?;
        self.chosen_budget = Some(count);
        Ok(())
    }

    /// Particles in the picture now.
    pub fn particle_count(&self) -> usize {
        self.lab.scene().particles().len()
    }

    /// Unless the page chose a count, one particle per 300 CSS px² of the scene (250 to
    /// 1,000): every density ratio shows, and the channels stay visible.
    fn fit_budget(&mut self) -> Result<(), JsError> {
        if self.chosen_budget.is_some() {
            return Ok(());
        }
        let budget =
            ((self.scene.css_w * self.scene.css_h / 300.0 / 50.0).round() * 50.0).clamp(250.0, 1000.0) as usize;
        if budget != self.lab.scene().budget() {
            self.lab.set_particle_budget(budget).map_err(js_error)?;
        }
        Ok(())
    }

    fn paint_scene(&mut self) -> Result<(), JsError> {
        let ctx = self.scene.context()?;
        let size = (self.scene.css_w, self.scene.css_h, self.scene.ratio);
        self.painter
            .paint(&self.scene.el, &ctx, size, &self.lab, &self.readout)
            .map_err(|e| JsError::new(&format!("painting the membrane failed: {e:?}")))
    }

    fn paint_bars(&mut self) -> Result<(), JsError> {
        let ctx = self.bars.context()?;
        paint::paint_bars(&ctx, self.bars.css_w, self.bars.css_h, &self.readout)
            .map_err(|e| JsError::new(&format!("painting the ion bars failed: {e:?}")))
    }

    fn paint_chart(&mut self) -> Result<(), JsError> {
        let backend = CanvasBackend::with_canvas_object(self.chart.el.clone())
            .ok_or_else(|| JsError::new("the chart canvas has no 2D context"))?;
        let area = backend.into_drawing_area();
        let mut input = ChartInput::from_lab(&self.lab);
        input.pixel_ratio = self.chart.ratio;
        draw_voltage_chart(&area, &input).map_err(|e| JsError::new(&format!("drawing the chart failed: {e}")))?;
        self.lab.chart_dirty = false;
        Ok(())
    }
}
