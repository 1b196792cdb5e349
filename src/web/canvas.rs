//! A canvas element with its CSS size and device pixel ratio.

use wasm_bindgen::prelude::*;
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
}

impl Canvas {
    pub fn find(id: &str) -> Result<Canvas, JsError> {
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
    pub fn fit(&mut self) -> bool {
        let size = self.measure();
        self.resize(size)
    }

    /// The CSS size and the pixel ratio now. Reading a size lays the page out if it has
    /// changed since, and resizing a canvas changes it: measure every canvas first, then
    /// resize them, or each canvas costs a layout of the whole page.
    pub fn measure(&self) -> (f64, f64, f64) {
        let ratio = web_sys::window().map_or(1.0, |w| w.device_pixel_ratio()).clamp(RATIO.0, RATIO.1);
        (f64::from(self.el.client_width().max(1)), f64::from(self.el.client_height().max(1)), ratio)
    }

    /// The backing store for a size from [`Canvas::measure`]. True if it changed.
    pub fn resize(&mut self, (w, h, ratio): (f64, f64, f64)) -> bool {
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

    pub fn context(&self) -> Result<CanvasRenderingContext2d, JsError> {
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
