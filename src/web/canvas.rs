//! A canvas element with its CSS size and device pixel ratio.

use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

/// The device pixel ratios a canvas is drawn at (beyond 3 the pixels cost more than they show).
const RATIO: (f64, f64) = (1.0, 3.0);

/// A canvas with its CSS size and device pixel ratio.
pub struct Canvas {
    pub el: HtmlCanvasElement,
    pub css_w: f64,
    pub css_h: f64,
    pub ratio: f64,
    /// False while the canvas has no box (display: none, as the bars in the learner's
    /// view): it is then not painted, and is painted when it is shown (it resizes).
    pub shown: bool,
}

impl Canvas {
    /// The canvas with this element id, or the catalog's id for why not
    /// ("error-page-no-element", "error-page-not-canvas"; the handle words it).
    pub fn find(id: &str) -> Result<Canvas, &'static str> {
        let el = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.get_element_by_id(id))
            .ok_or("error-page-no-element")?
            .dyn_into::<HtmlCanvasElement>()
            .map_err(|_| "error-page-not-canvas")?;
        let mut c = Canvas { el, css_w: 0.0, css_h: 0.0, ratio: 0.0, shown: false };
        c.fit();
        Ok(c)
    }

    /// Match the backing store to the CSS size × device pixel ratio. True if it changed.
    pub fn fit(&mut self) -> bool {
        let size = self.measure();
        self.resize(size)
    }

    /// The CSS size and the pixel ratio now. Reading a size lays the page out if it has
    /// changed since, and resizing a canvas changes it: measure every canvas first, then
    /// resize them, or each canvas costs a layout of the whole page.
    /// A canvas without a box measures 0 × 0 and is kept at 1 × 1, not shown.
    pub fn measure(&self) -> (f64, f64, f64, bool) {
        let ratio = web_sys::window().map_or(1.0, |w| w.device_pixel_ratio()).clamp(RATIO.0, RATIO.1);
        let (w, h) = (self.el.client_width(), self.el.client_height());
        (f64::from(w.max(1)), f64::from(h.max(1)), ratio, w > 0 && h > 0)
    }

    /// The backing store for a size from [`Canvas::measure`]. True if it changed.
    pub fn resize(&mut self, (w, h, ratio, shown): (f64, f64, f64, bool)) -> bool {
        if w == self.css_w && h == self.css_h && ratio == self.ratio && shown == self.shown {
            return false;
        }
        self.shown = shown;
        self.css_w = w;
        self.css_h = h;
        self.ratio = ratio;
        self.el.set_width((w * ratio).round() as u32);
        self.el.set_height((h * ratio).round() as u32);
        true
    }

    /// The canvas's 2D context, scaled to its pixel ratio; None if the browser gives
    /// none (the handle says so in words).
    pub fn context(&self) -> Option<CanvasRenderingContext2d> {
        let ctx = self.el.get_context("2d").ok()??.dyn_into::<CanvasRenderingContext2d>().ok()?;
        ctx.set_transform(self.ratio, 0.0, 0.0, self.ratio, 0.0, 0.0).ok()?;
        Some(ctx)
    }
}
