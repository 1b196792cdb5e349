//! Canvas painting of the membrane scene and the ion-balance bars.
//!
//! The scene is painted in three layers, because a software rasteriser fills thousands
//! of anti-aliased paths too slowly for 60 frames a second:
//! 1. the background (bath, bilayer, channels, pump body, the thin skin of charge) is
//!    drawn with the canvas API only when it changes, and kept as pixels;
//! 2. each frame, the particles are stamped into a copy of those pixels from sprites
//!    pre-rendered per ion (the canvas draws each shape once), and the result is put
//!    on the canvas in one call;
//! 3. the few moving or textual pieces (pump cleft, crossing particles, labels) are
//!    drawn on top with the canvas API.
//!
//! Everything drawn is read from the lab, its measures and the readout's words; every
//! colour comes from `present::palette`.

use std::f64::consts::TAU;

use wasm_bindgen::{Clamped, JsCast, JsValue};
use web_sys::{CanvasRenderingContext2d as Ctx, HtmlCanvasElement, ImageData};

use crate::lab::scene::{Layout, Transporter, ANION_KIND, MEMBRANE_BOTTOM, MEMBRANE_TOP};
use crate::lab::{Lab, Measures};
use crate::present::palette::{self, Rgb, Shape};
use crate::present::readout::SceneWords;
use crate::present::Readout;

/// The thin skin of charge: one ± pair per this many mV of |V|, at most `SKIN_MAX_PAIRS`.
const MV_PER_SKIN_PAIR: f64 = 4.0;
const SKIN_MAX_PAIRS: f64 = 40.0;
/// Label sizes (CSS px): normal and narrow canvases.
const LABEL_PX: (u32, u32) = (12, 11);
/// The scene's labels in presentation mode: legible from the back of a classroom.
const PRESENT_LABEL_PX: u32 = 16;
/// A canvas narrower than this (CSS px) gets the short labels.
const NARROW_SCENE_PX: f64 = 600.0;
const NARROW_BARS_PX: f64 = 420.0;

/// Sizes that follow the canvas, in CSS px: (fraction of the width or height, min, max).
const CHANNEL_HALF: (f64, f64, f64) = (0.018, 9.0, 16.0);
const PUMP_HALF: (f64, f64, f64) = (0.03, 16.0, 26.0);
const PARTICLE_RADIUS: (f64, f64, f64) = (0.0105, 2.8, 5.5);
/// Free space (CSS px) kept in the bilayer around each protein.
const PROTEIN_GAP: f64 = 3.0;
/// How far (CSS px) the channel walls and the pump stand out of the bilayer.
const CHANNEL_OVERHANG: f64 = 6.0;
const PUMP_OVERHANG: f64 = 10.0;
/// A transporter's half-width, in channel half-widths.
const TRANSPORTER_WIDTH: f64 = 1.2;
/// The ± of the charge skin sit this far (CSS px) outside the bilayer's faces.
const SKIN_OFFSET: f64 = 5.0;
/// Label rows above the membrane (channels alternate between the first two; the
/// pump's name takes the third) and below it (the pump's notes), CSS px from its face.
const ROWS_ABOVE: [f64; 3] = [18.0, 36.0, 54.0];
const ROWS_BELOW: [f64; 2] = [22.0, 40.0];
/// The side labels' distance (CSS px) from the top and bottom edges.
const SIDE_LABEL_INSET: f64 = 14.0;
/// Particles in transit are drawn this much larger, outlined.
const CROSSING_SCALE: f64 = 1.25;
/// The bars: the ion-name column, the E_ion column (wide, narrow), the room after each
/// bar for its value ("145 mM out"), and the tallest row, all CSS px.
const BARS_LABEL_W: f64 = 44.0;
const BARS_E_W: (f64, f64) = (92.0, 76.0);
const BARS_TEXT_ROOM: f64 = 82.0;
const BARS_MAX_ROW_H: f64 = 46.0;

/// A size from its (fraction, min, max) rule.
fn scaled(extent: f64, (fraction, min, max): (f64, f64, f64)) -> f64 {
    (fraction * extent).clamp(min, max)
}

/// How many ± pairs line the membrane at `voltage_mv`.
fn skin_pairs(voltage_mv: f64) -> u32 {
    (voltage_mv.abs() / MV_PER_SKIN_PAIR).round().min(SKIN_MAX_PAIRS) as u32
}

fn shape_path(ctx: &Ctx, shape: Shape, x: f64, y: f64, r: f64) {
    match shape {
        Shape::Circle | Shape::Ring => {
            ctx.move_to(x + r, y);
            let _ = ctx.arc(x, y, r, 0.0, TAU);
        }
        Shape::Square => ctx.rect(x - 0.88 * r, y - 0.88 * r, 1.76 * r, 1.76 * r),
        Shape::Triangle => {
            ctx.move_to(x, y - 1.15 * r);
            ctx.line_to(x + 1.05 * r, y + 0.8 * r);
            ctx.line_to(x - 1.05 * r, y + 0.8 * r);
            ctx.close_path();
        }
        Shape::Diamond => {
            ctx.move_to(x, y - 1.25 * r);
            ctx.line_to(x + r, y);
            ctx.line_to(x, y + 1.25 * r);
            ctx.line_to(x - r, y);
            ctx.close_path();
        }
        Shape::Hexagon => {
            for (k, (cos, sin)) in palette::HEXAGON_CORNERS.into_iter().enumerate() {
                let (px, py) = (x + r * cos, y + r * sin);
                if k == 0 {
                    ctx.move_to(px, py);
                } else {
                    ctx.line_to(px, py);
                }
            }
            ctx.close_path();
        }
        Shape::Cross => {
            ctx.rect(x - r, y - 0.35 * r, 2.0 * r, 0.7 * r);
            ctx.rect(x - 0.35 * r, y - r, 0.7 * r, 2.0 * r);
        }
    }
}

/// Fill (or, for the anion ring, stroke) the current path in `color`.
fn ink_shape(ctx: &Ctx, shape: Shape, color: &Rgb) {
    if shape == Shape::Ring {
        ctx.set_stroke_style_str(&color.css());
        ctx.set_line_width(1.4);
        ctx.stroke();
    } else {
        ctx.set_fill_style_str(&color.css());
        ctx.fill();
    }
}

fn style_of(lab: &Lab, kind: u8) -> (Rgb, Shape) {
    if kind == ANION_KIND {
        return palette::ANION;
    }
    let s = lab.membrane().scenario();
    let i = usize::from(kind);
    s.ions.get(i).map_or(palette::ANION, |ion| palette::ion_style(&ion.name, i))
}

/// A label on a white pill, kept inside the canvas (`canvas_w` wide).
fn pill(ctx: &Ctx, text: &str, x: f64, y: f64, color: &str, canvas_w: f64, h: f64) -> Result<(), JsValue> {
    let w = ctx.measure_text(text)?.width();
    let x = x.clamp(w / 2.0 + 6.0, (canvas_w - w / 2.0 - 6.0).max(w / 2.0 + 6.0));
    ctx.set_fill_style_str(&palette::PILL.0.css_alpha(palette::PILL.1));
    ctx.begin_path();
    ctx.round_rect_with_f64(x - w / 2.0 - 4.0, y - h / 2.0, w + 8.0, h, h / 2.0 - 1.0)?;
    ctx.fill();
    ctx.set_fill_style_str(color);
    ctx.fill_text(text, x, y)
}

/// One particle shape as pixels: offsets from its centre and non-premultiplied RGBA.
/// For the frame's width, `opaque` and `edge` hold byte offsets into the RGBA buffer,
/// so stamping a particle that lies wholly inside needs no per-pixel arithmetic.
struct Sprite {
    pixels: Vec<(i32, i32, [u8; 4])>,
    /// Half the sprite's extent in pixels (for the whole-sprite bounds check).
    reach: i32,
    /// The buffer width the offsets below were computed for.
    width: i32,
    opaque: Vec<(isize, [u8; 3])>,
    edge: Vec<(isize, [u8; 4])>,
}

impl Sprite {
    fn new(pixels: Vec<(i32, i32, [u8; 4])>) -> Sprite {
        let reach = pixels.iter().map(|p| p.0.abs().max(p.1.abs())).max().unwrap_or(0);
        Sprite { pixels, reach, width: -1, opaque: Vec::new(), edge: Vec::new() }
    }

    fn prepare(&mut self, width: i32) {
        if self.width == width {
            return;
        }
        self.width = width;
        let offset = |dx: i32, dy: i32| ((dy as isize) * width as isize + dx as isize) * 4;
        self.opaque = self
            .pixels
            .iter()
            .filter(|p| p.2[3] == 255)
            .map(|p| (offset(p.0, p.1), [p.2[0], p.2[1], p.2[2]]))
            .collect();
        self.edge = self.pixels.iter().filter(|p| p.2[3] < 255).map(|p| (offset(p.0, p.1), p.2)).collect();
    }
}

/// What the cached background depends on: if any of it changes, it is redrawn.
#[derive(Debug, Clone, PartialEq)]
struct BackgroundKey {
    px: (u32, u32),
    ratio_milli: u32,
    layout: Layout,
    ions: Vec<String>,
    skin_pairs: u32,
    inside_negative: bool,
    pump_running: Option<bool>,
}

/// Geometry shared by the layers, in CSS pixels.
#[derive(Clone, Copy)]
struct Geometry {
    w: f64,
    h: f64,
    top: f64,
    bottom: f64,
    channel_half: f64,
    pump_half: f64,
    radius: f64,
    narrow: bool,
}

impl Geometry {
    fn new(w: f64, h: f64) -> Geometry {
        Geometry {
            w,
            h,
            top: f64::from(MEMBRANE_TOP) * h,
            bottom: f64::from(MEMBRANE_BOTTOM) * h,
            channel_half: scaled(w, CHANNEL_HALF),
            pump_half: scaled(w, PUMP_HALF),
            radius: scaled(h, PARTICLE_RADIUS),
            narrow: w < NARROW_SCENE_PX,
        }
    }
}

/// Paints the scene; keeps the background pixels, the sprites and a frame buffer
/// between frames so a frame allocates nothing.
#[derive(Default)]
pub struct ScenePainter {
    background_key: Option<BackgroundKey>,
    background: Vec<u8>,
    frame: Vec<u8>,
    sprite_key: Option<(u32, Vec<(Rgb, Shape)>)>,
    /// Per kind slot: the ions in order, then the anions.
    sprites: Vec<Sprite>,
    /// The last frame's labels, for the page's tests.
    pub labels: Labels,
}

impl ScenePainter {
    /// Paint the whole scene on `canvas`, whose CSS size is `w` × `h` at `ratio` device
    /// pixels per CSS pixel (its context already scaled by `ratio`).
    pub fn paint(
        &mut self,
        canvas: &HtmlCanvasElement,
        ctx: &Ctx,
        (w, h, ratio): (f64, f64, f64),
        lab: &Lab,
        readout: &Readout,
    ) -> Result<(), JsValue> {
        let g = Geometry::new(w, h);
        let (pw, ph) = (canvas.width(), canvas.height());
        let s = lab.membrane().scenario();
        let key = BackgroundKey {
            px: (pw, ph),
            ratio_milli: (ratio * 1000.0).round() as u32,
            layout: lab.scene().layout().clone(),
            ions: s.ions.iter().map(|i| i.name.clone()).collect(),
            skin_pairs: skin_pairs(readout.voltage_mv),
            inside_negative: readout.voltage_mv < 0.0,
            pump_running: pump_running(lab),
        };
        if self.background_key.as_ref() != Some(&key) {
            paint_background(ctx, &g, lab, readout)?;
            self.background = ctx.get_image_data(0.0, 0.0, f64::from(pw), f64::from(ph))?.data().0;
            self.background_key = Some(key);
        }
        self.ensure_sprites(lab, g.radius * ratio)?;

        // Particles, stamped into a copy of the background.
        self.frame.clear();
        self.frame.extend_from_slice(&self.background);
        let n_ions = s.ions.len();
        let (fw, fh) = (pw as i32, ph as i32);
        let (sx, sy) = (f64::from(pw), f64::from(ph));
        for sprite in &mut self.sprites {
            sprite.prepare(fw);
        }
        for p in lab.scene().particles() {
            if p.is_crossing() {
                continue;
            }
            let slot = if p.kind == ANION_KIND { n_ions } else { usize::from(p.kind) };
            if let Some(sprite) = self.sprites.get(slot) {
                let (cx, cy) = ((f64::from(p.x) * sx) as i32, (f64::from(p.y) * sy) as i32);
                stamp(&mut self.frame, fw, fh, sprite, cx, cy, (p.alpha.clamp(0.0, 1.0) * 256.0) as u32);
            }
        }
        let image = ImageData::new_with_u8_clamped_array_and_sh(Clamped(&self.frame), pw, ph)?;
        ctx.put_image_data(&image, 0.0, 0.0)?;
        self.labels = paint_overlay(ctx, &g, lab, readout)?;
        Ok(())
    }

    /// Render each kind's shape once with the canvas and keep its pixels.
    fn ensure_sprites(&mut self, lab: &Lab, radius_px: f64) -> Result<(), JsValue> {
        let s = lab.membrane().scenario();
        let mut styles: Vec<(Rgb, Shape)> =
            s.ions.iter().enumerate().map(|(i, ion)| palette::ion_style(&ion.name, i)).collect();
        styles.push(palette::ANION);
        let key = ((radius_px * 100.0).round() as u32, styles.clone());
        if self.sprite_key.as_ref() == Some(&key) {
            return Ok(());
        }
        let size = (2.0 * 1.4 * radius_px).ceil() as u32 + 4;
        let doc = web_sys::window().and_then(|w| w.document()).ok_or_else(|| JsValue::from_str("no document"))?;
        let scratch: HtmlCanvasElement = doc.create_element("canvas")?.dyn_into()?;
        scratch.set_width(size);
        scratch.set_height(size);
        let ctx: Ctx = scratch.get_context("2d")?.ok_or_else(|| JsValue::from_str("no 2D context"))?.dyn_into()?;
        let centre = f64::from(size / 2);
        self.sprites.clear();
        for (color, shape) in &styles {
            ctx.clear_rect(0.0, 0.0, f64::from(size), f64::from(size));
            ctx.begin_path();
            let r = if *shape == Shape::Ring { radius_px * 1.15 } else { radius_px };
            shape_path(&ctx, *shape, centre, centre, r);
            ink_shape(&ctx, *shape, color);
            let data = ctx.get_image_data(0.0, 0.0, f64::from(size), f64::from(size))?.data().0;
            let pixels = data
                .chunks_exact(4)
                .enumerate()
                .filter(|(_, px)| px[3] > 0)
                .map(|(i, px)| {
                    let (x, y) = ((i as u32 % size) as i32, (i as u32 / size) as i32);
                    (x - centre as i32, y - centre as i32, [px[0], px[1], px[2], px[3]])
                })
                .collect();
            self.sprites.push(Sprite::new(pixels));
        }
        self.sprite_key = Some(key);
        Ok(())
    }
}

/// Blend `sprite` over the opaque RGBA buffer at (cx, cy), scaled by `alpha` (0..=256).
fn stamp(buf: &mut [u8], w: i32, h: i32, sprite: &Sprite, cx: i32, cy: i32, alpha: u32) {
    let r = sprite.reach;
    let inside = cx - r >= 0 && cy - r >= 0 && cx + r < w && cy + r < h && sprite.width == w;
    if inside && alpha >= 256 {
        // The common case: wholly inside and fully opaque. Offsets need no checks.
        let base = ((cy as isize) * w as isize + cx as isize) * 4;
        for &(off, c) in &sprite.opaque {
            let i = (base + off) as usize;
            // Three stores, not copy_from_slice: a 3-byte memory.copy is a runtime call
            // in V8 and made this loop several times slower.
            if let Some(px) = buf.get_mut(i..i + 3) {
                px[0] = c[0];
                px[1] = c[1];
                px[2] = c[2];
            }
        }
        for &(off, c) in &sprite.edge {
            let i = (base + off) as usize;
            if let Some(px) = buf.get_mut(i..i + 3) {
                blend(px, c, u32::from(c[3]));
            }
        }
        return;
    }
    for &(dx, dy, c) in &sprite.pixels {
        let (x, y) = (cx + dx, cy + dy);
        if x < 0 || y < 0 || x >= w || y >= h {
            continue;
        }
        let i = ((y * w + x) * 4) as usize;
        if let Some(px) = buf.get_mut(i..i + 3) {
            blend(px, c, (u32::from(c[3]) * alpha) >> 8);
        }
    }
}

/// dst = c·a + dst·(1 − a), for a in 0..=255, rounded. x/255 is computed as
/// (x + 1 + (x >> 8)) >> 8, exact for the range used, without a division.
#[inline(always)]
fn blend(dst: &mut [u8], c: [u8; 4], a: u32) {
    let a = a.min(255);
    let keep = 255 - a;
    if let Some(px) = dst.get_mut(0..3) {
        for (d, s) in px.iter_mut().zip(c) {
            let x = u32::from(s) * a + u32::from(*d) * keep + 127;
            *d = ((x + 1 + (x >> 8)) >> 8) as u8;
        }
    }
}

/// Bath, bilayer, channels, the pump's body and the thin skin of charge.
/// Whether the cell has a pump, and if so whether it runs.
fn pump_running(lab: &Lab) -> Option<bool> {
    lab.membrane().scenario().pump.map(|p| !p.blocked)
}

fn paint_background(ctx: &Ctx, g: &Geometry, lab: &Lab, readout: &Readout) -> Result<(), JsValue> {
    let (w, h, top, bottom) = (g.w, g.h, g.top, g.bottom);
    let layout = lab.scene().layout();
    ctx.set_fill_style_str(&palette::OUTSIDE_BG.css());
    ctx.fill_rect(0.0, 0.0, w, top);
    ctx.set_fill_style_str(&palette::INSIDE_BG.css());
    ctx.fill_rect(0.0, bottom, w, h - bottom);
    ctx.set_fill_style_str(&palette::TAIL_BG.css());
    ctx.fill_rect(0.0, top, w, bottom - top);
    paint_bilayer(ctx, g, &protein_gaps(g, layout))?;
    paint_leaks(ctx, g, layout, lab)?;
    paint_pump_body(ctx, g, layout, lab)?;
    paint_transporters(ctx, g, layout)?;
    paint_skin(ctx, g, readout.voltage_mv);
    Ok(())
}

/// Where the proteins sit: the bilayer leaves these spans of x free.
fn protein_gaps(g: &Geometry, layout: &Layout) -> Vec<(f64, f64)> {
    let w = g.w;
    let mut occupied: Vec<(f64, f64)> = Vec::new();
    for x in layout.channel_x.iter().flatten() {
        let x = f64::from(*x) * w;
        occupied.push((x - g.channel_half - PROTEIN_GAP, x + g.channel_half + PROTEIN_GAP));
    }
    for (_, x) in &layout.gated_x {
        let x = f64::from(*x) * w;
        occupied.push((x - g.channel_half - PROTEIN_GAP, x + g.channel_half + PROTEIN_GAP));
    }
    if let Some(x) = layout.pump_x {
        let x = f64::from(x) * w;
        occupied.push((x - g.pump_half - PROTEIN_GAP, x + g.pump_half + PROTEIN_GAP));
    }
    let transporter_half = g.channel_half * TRANSPORTER_WIDTH;
    for t in &layout.transporters {
        let x = f64::from(t.x) * w;
        occupied.push((x - transporter_half - PROTEIN_GAP, x + transporter_half + PROTEIN_GAP));
    }
    occupied
}

/// The lipid bilayer: two rows of heads, tails pointing in, around the proteins.
fn paint_bilayer(ctx: &Ctx, g: &Geometry, occupied: &[(f64, f64)]) -> Result<(), JsValue> {
    let (w, top, bottom) = (g.w, g.top, g.bottom);
    let free = |x: f64| !occupied.iter().any(|(a, b)| x > *a && x < *b);
    let r_head = ((bottom - top) * 0.13).clamp(2.5, 5.5);
    let pitch = 2.0 * r_head + 1.5;
    ctx.set_stroke_style_str(&palette::TAIL.css());
    ctx.set_line_width(1.2);
    ctx.begin_path();
    let mut x = r_head;
    while x < w {
        if free(x) {
            for (y0, y1) in
                [(top + 2.0 * r_head, 0.5 * (top + bottom) - 1.0), (bottom - 2.0 * r_head, 0.5 * (top + bottom) + 1.0)]
            {
                ctx.move_to(x - 1.2, y0);
                ctx.line_to(x - 1.2, y1);
                ctx.move_to(x + 1.2, y0);
                ctx.line_to(x + 1.2, y1);
            }
        }
        x += pitch;
    }
    ctx.stroke();
    ctx.set_fill_style_str(&palette::HEAD.css());
    ctx.begin_path();
    let mut x = r_head;
    while x < w {
        if free(x) {
            for y in [top + r_head, bottom - r_head] {
                ctx.move_to(x + r_head, y);
                ctx.arc(x, y, r_head, 0.0, TAU)?;
            }
        }
        x += pitch;
    }
    ctx.fill();

    Ok(())
}

/// Leak channels: two protein walls around a pore, in the ion's colour.
fn paint_leaks(ctx: &Ctx, g: &Geometry, layout: &Layout, lab: &Lab) -> Result<(), JsValue> {
    let (w, top, bottom) = (g.w, g.top, g.bottom);
    let s = lab.membrane().scenario();
    for (i, x) in layout.channel_x.iter().enumerate() {
        let Some(x) = x else { continue };
        let x = f64::from(*x) * w;
        let (color, _) = palette::ion_style(&s.ions[i].name, i);
        let wall = g.channel_half * 0.55;
        ctx.set_fill_style_str(&color.css_alpha(0.35));
        ctx.set_stroke_style_str(&color.css());
        ctx.set_line_width(1.5);
        for wx in [x - g.channel_half, x + g.channel_half - wall] {
            ctx.begin_path();
            ctx.round_rect_with_f64(wx, top - CHANNEL_OVERHANG, wall, bottom - top + 2.0 * CHANNEL_OVERHANG, 4.0)?;
            ctx.fill();
            ctx.stroke();
        }
    }

    Ok(())
}

/// The pump's body, crossed out when blocked (its moving cleft is drawn each frame).
fn paint_pump_body(ctx: &Ctx, g: &Geometry, layout: &Layout, lab: &Lab) -> Result<(), JsValue> {
    let (w, top, bottom) = (g.w, g.top, g.bottom);
    if let (Some(px), Some(running)) = (layout.pump_x, pump_running(lab)) {
        let x = f64::from(px) * w;
        ctx.set_fill_style_str(&palette::PUMP_BODY.css());
        ctx.set_stroke_style_str(&palette::PUMP_OUTLINE.css());
        ctx.set_line_width(1.5);
        ctx.begin_path();
        ctx.round_rect_with_f64(
            x - g.pump_half,
            top - PUMP_OVERHANG,
            2.0 * g.pump_half,
            bottom - top + 2.0 * PUMP_OVERHANG,
            8.0,
        )?;
        ctx.fill();
        ctx.stroke();
        if !running {
            ctx.set_stroke_style_str(&palette::BLOCKED.css());
            ctx.set_line_width(3.0);
            ctx.begin_path();
            ctx.move_to(x - g.pump_half, top - 8.0);
            ctx.line_to(x + g.pump_half, bottom + 8.0);
            ctx.move_to(x + g.pump_half, top - 8.0);
            ctx.line_to(x - g.pump_half, bottom + 8.0);
            ctx.stroke();
        }
    }

    Ok(())
}

/// KCC2 and the exchangers: one rounded body each, with a pore line down the middle.
fn paint_transporters(ctx: &Ctx, g: &Geometry, layout: &Layout) -> Result<(), JsValue> {
    let (w, top, bottom) = (g.w, g.top, g.bottom);
    let transporter_half = g.channel_half * TRANSPORTER_WIDTH;
    for t in &layout.transporters {
        let x = f64::from(t.x) * w;
        ctx.set_fill_style_str(&palette::TRANSPORTER_BODY.css());
        ctx.set_stroke_style_str(&palette::TRANSPORTER_OUTLINE.css());
        ctx.set_line_width(1.5);
        ctx.begin_path();
        ctx.round_rect_with_f64(
            x - transporter_half,
            top - CHANNEL_OVERHANG,
            2.0 * transporter_half,
            bottom - top + 2.0 * CHANNEL_OVERHANG,
            6.0,
        )?;
        ctx.fill();
        ctx.stroke();
        ctx.begin_path();
        ctx.move_to(x, top - CHANNEL_OVERHANG + 4.0);
        ctx.line_to(x, bottom + CHANNEL_OVERHANG - 4.0);
        ctx.stroke();
    }

    Ok(())
}

/// The thin skin of charge: one ± pair per 4 mV, + outside and − inside at rest.
fn paint_skin(ctx: &Ctx, g: &Geometry, voltage_mv: f64) {
    let (w, top, bottom) = (g.w, g.top, g.bottom);
    let pairs = skin_pairs(voltage_mv);
    if pairs > 0 {
        let neg = voltage_mv < 0.0;
        let arm = 3.5;
        for (y, color, plus) in [
            (top - SKIN_OFFSET, if neg { palette::PLUS } else { palette::MINUS }, neg),
            (bottom + SKIN_OFFSET, if neg { palette::MINUS } else { palette::PLUS }, !neg),
        ] {
            ctx.set_stroke_style_str(&color.css());
            ctx.set_line_width(2.0);
            ctx.begin_path();
            for k in 0..pairs {
                let x = (f64::from(k) + 0.5) / f64::from(pairs) * w;
                ctx.move_to(x - arm, y);
                ctx.line_to(x + arm, y);
                if plus {
                    ctx.move_to(x, y - arm);
                    ctx.line_to(x, y + arm);
                }
            }
            ctx.stroke();
        }
    }
}

/// The ATP note shows for this first part of a pump cycle's animation.
const ATP_NOTE_PHASE: f32 = 0.7;
/// A pump rate below this fraction is written on the picture.
const FULL_RATE: f64 = 0.999;

/// The pump's cleft, the particles in transit, and every label. Returns the labels'
/// size and how many overlap.
fn paint_overlay(ctx: &Ctx, g: &Geometry, lab: &Lab, readout: &Readout) -> Result<Labels, JsValue> {
    let words = &readout.scene;
    let labels: Vec<Label> = Vec::new();
    // On a projector the labels are read from the back of a room: PRESENT_LABEL_PX, on
    // rows spread to match, with the short names.
    let presenting = lab.presenting().is_some();
    let size = if presenting {
        PRESENT_LABEL_PX
    } else if g.narrow {
        LABEL_PX.1
    } else {
        LABEL_PX.0
    };
    let rs = f64::from(size) / f64::from(LABEL_PX.0);
    let g = &Geometry { narrow: g.narrow || presenting, ..*g };

    let mut o = Overlay { ctx, g, lab, words, rs, labels };
    channel_names(&mut o);
    pump_cleft_and_notes(&mut o)?;
    gated_channels(&mut o)?;
    transporter_names(&mut o);
    crossing_particles(ctx, g, lab);
    flow_labels(&mut o, size);
    place_labels(ctx, g, words, rs, size, o.labels)
}

/// A label to place: its text, where it wants to be (x, y), its colour, bold.
type Label = (String, f64, f64, String, bool);

/// What the overlay's painters share: the canvas, its geometry, the lab, the scene's
/// words, the labels' scale and the labels placed so far.
struct Overlay<'a> {
    ctx: &'a Ctx,
    g: &'a Geometry,
    lab: &'a Lab,
    words: &'a SceneWords,
    rs: f64,
    labels: Vec<Label>,
}

/// The leaks' names, alternating between two rows in the order the channels stand.
fn channel_names(o: &mut Overlay) {
    let (g, lab, words, rs, labels) = (o.g, o.lab, o.words, o.rs, &mut o.labels);
    let (w, top) = (g.w, g.top);
    let layout = lab.scene().layout();
    let s = lab.membrane().scenario();
    for (k, (i, x)) in layout.channel_x.iter().enumerate().filter_map(|(i, x)| x.map(|x| (i, x))).enumerate() {
        let ion = &s.ions[i];
        let color = palette::ion_style(&ion.name, i).0.for_text();
        let name = words.channels.get(i).map_or(
            ion.name.clone(),
            |(wide, short)| {
                if g.narrow {
                    short.clone()
                } else {
                    wide.clone()
                }
            },
        );
        let y = top - rs * ROWS_ABOVE[k % 2];
        labels.push((name, f64::from(x) * w, y, color.css(), false));
    }
}

/// The pump's cleft (outward in the first half of a cycle, inward in the second) and
/// its name, stoichiometry and state.
fn pump_cleft_and_notes(o: &mut Overlay) -> Result<(), JsValue> {
    let (ctx, g, lab, words, rs, labels) = (o.ctx, o.g, o.lab, o.words, o.rs, &mut o.labels);
    let (w, top, bottom) = (g.w, g.top, g.bottom);
    let scene = lab.scene();
    let (layout, s) = (scene.layout(), lab.membrane().scenario());
    if let (Some(px), Some(pump)) = (layout.pump_x, s.pump) {
        let x = f64::from(px) * w;
        // The cleft opens outward in the first half of a cycle, inward in the second.
        let mid = 0.5 * (top + bottom);
        let half = g.pump_half;
        ctx.begin_path();
        match scene.pump_phase() {
            Some(p) if p < 0.5 => {
                ctx.set_fill_style_str(&palette::OUTSIDE_BG.css());
                ctx.move_to(x - 0.45 * half, top - PUMP_OVERHANG);
                ctx.line_to(x + 0.45 * half, top - PUMP_OVERHANG);
                ctx.line_to(x, mid);
            }
            Some(_) => {
                ctx.set_fill_style_str(&palette::INSIDE_BG.css());
                ctx.move_to(x - 0.45 * half, bottom + PUMP_OVERHANG);
                ctx.line_to(x + 0.45 * half, bottom + PUMP_OVERHANG);
                ctx.line_to(x, mid);
            }
            None => {
                ctx.set_fill_style_str(&palette::PUMP_CLEFT.css());
                ctx.move_to(x + 0.3 * half, mid);
                ctx.arc(x, mid, 0.3 * half, 0.0, TAU)?;
            }
        }
        ctx.close_path();
        ctx.fill();
        let pump_text = palette::PUMP_TEXT.css();
        labels.push((words.pump_name.clone(), x, top - rs * ROWS_ABOVE[2], pump_text.clone(), true));
        let (wide, short) = &words.pump_stoichiometry;
        labels.push((
            if g.narrow { short } else { wide }.clone(),
            x,
            bottom + rs * ROWS_BELOW[0],
            pump_text.clone(),
            false,
        ));
        if pump.blocked {
            labels.push((words.pump_blocked.clone(), x, bottom + rs * ROWS_BELOW[1], palette::BLOCKED.css(), true));
        } else if scene.pump_phase().is_some_and(|p| p < ATP_NOTE_PHASE) {
            labels.push((words.pump_atp.clone(), x, bottom + rs * ROWS_BELOW[1], palette::ATP.css(), true));
        } else if pump.rate_fraction < FULL_RATE {
            labels.push((words.pump_rate.clone(), x, bottom + rs * ROWS_BELOW[1], pump_text, false));
        }
    }
    Ok(())
}

/// The voltage-gated channels, drawn each frame: solid walls in the ion's colour and a
/// gate across the outer mouth that slides open with the model's open fraction (m³h
/// for Na⁺, n⁴ for K⁺); their names above the membrane, alternating rows with the leaks'.
fn gated_channels(o: &mut Overlay) -> Result<(), JsValue> {
    let (ctx, g, lab, words, rs, labels) = (o.ctx, o.g, o.lab, o.words, o.rs, &mut o.labels);
    let (w, top, bottom) = (g.w, g.top, g.bottom);
    let (layout, s) = (lab.scene().layout(), lab.membrane().scenario());
    let open: Vec<f64> = lab.membrane().gated_channels().iter().map(|c| c.open_fraction).collect();
    for (k, (ion, x)) in layout.gated_x.iter().enumerate() {
        let x = f64::from(*x) * w;
        let (color, _) = palette::ion_style(&s.ions[*ion].name, *ion);
        let wall = g.channel_half * 0.55;
        let (y0, hgt) = (top - CHANNEL_OVERHANG, bottom - top + 2.0 * CHANNEL_OVERHANG);
        ctx.set_fill_style_str(&color.css_alpha(0.75));
        ctx.set_stroke_style_str(&color.for_text().css());
        ctx.set_line_width(1.5);
        for wx in [x - g.channel_half, x + g.channel_half - wall] {
            ctx.begin_path();
            ctx.round_rect_with_f64(wx, y0, wall, hgt, 4.0)?;
            ctx.fill();
            ctx.stroke();
        }
        // The gate: two leaves over the pore, apart by the open fraction of its width.
        let pore = 2.0 * (g.channel_half - wall);
        let shut = 0.5 * pore * (1.0 - open.get(k).copied().unwrap_or(0.0).clamp(0.0, 1.0));
        ctx.set_fill_style_str(&color.for_text().css());
        ctx.fill_rect(x - g.channel_half + wall, y0 + 1.0, shut, 5.0);
        ctx.fill_rect(x + g.channel_half - wall - shut, y0 + 1.0, shut, 5.0);
        // Above the membrane with the leaks' names, alternating rows with them.
        if let Some((wide, short)) = words.gated.get(k) {
            let name = if g.narrow { short } else { wide };
            let leaks = layout.channel_x.iter().flatten().count();
            labels.push((name.clone(), x, top - rs * ROWS_ABOVE[(leaks + k) % 2], color.for_text().css(), true));
        }
    }
    Ok(())
}

/// The transporters' names, below the membrane (the pump's notes stay near the pump).
fn transporter_names(o: &mut Overlay) {
    let (g, lab, words, rs, labels) = (o.g, o.lab, o.words, o.rs, &mut o.labels);
    let (w, bottom) = (g.w, g.bottom);
    let layout = lab.scene().layout();
    for (k, t) in layout.transporters.iter().enumerate() {
        let (wide, short) = match t.kind {
            Transporter::Kcc2 => &words.kcc2_name,
            Transporter::Ncx => &words.ncx_name,
            Transporter::ProtonPump => &words.proton_pump_name,
            Transporter::KhExchanger => &words.kh_name,
        };
        let name = if g.narrow { short } else { wide };
        let color = palette::TRANSPORTER_TEXT.css();
        labels.push((name.clone(), f64::from(t.x) * w, bottom + rs * ROWS_BELOW[k % 2], color, false));
    }
}

/// Particles in transit: larger, outlined, on top of everything but the labels.
fn crossing_particles(ctx: &Ctx, g: &Geometry, lab: &Lab) {
    let (w, h) = (g.w, g.h);
    let scene = lab.scene();
    for p in scene.particles().iter().filter(|p| p.is_crossing()) {
        let (color, shape) = style_of(lab, p.kind);
        ctx.begin_path();
        shape_path(ctx, shape, f64::from(p.x) * w, f64::from(p.y) * h, g.radius * CROSSING_SCALE);
        ink_shape(ctx, shape, &color);
        ctx.set_stroke_style_str(&palette::WHITE.css());
        ctx.set_line_width(1.2);
        ctx.stroke();
    }
}

/// Reduced motion: each flow as an arrow with its rate on the membrane, outward in its
/// upper half and inward in its lower half; flows sharing a place stack.
fn flow_labels(o: &mut Overlay, size: u32) {
    let (g, lab, words, labels) = (o.g, o.lab, o.words, &mut o.labels);
    let (w, top, bottom) = (g.w, g.top, g.bottom);
    let mut placed: Vec<(f32, bool)> = Vec::new();
    for (x, outward, kind, text) in &words.flows {
        let color = style_of(lab, *kind).0.for_text();
        let n = placed.iter().filter(|p| **p == (*x, *outward)).count() as f64;
        placed.push((*x, *outward));
        let row = f64::from(size) + 6.0;
        let y = if *outward { top + 0.3 * (bottom - top) - n * row } else { top + 0.7 * (bottom - top) + n * row };
        labels.push((text.clone(), f64::from(*x) * w, y, color.css(), true));
    }
}

/// Every label in a pill, the sides' names first, each stepping aside from what is
/// already placed.
fn place_labels(
    ctx: &Ctx,
    g: &Geometry,
    words: &SceneWords,
    rs: f64,
    size: u32,
    mut labels: Vec<Label>,
) -> Result<Labels, JsValue> {
    let (w, h) = (g.w, g.h);
    let inset = SIDE_LABEL_INSET * rs;
    labels.insert(0, (words.inside.clone(), 0.0, h - inset, palette::INSIDE_TEXT.css(), true));
    labels.insert(0, (words.outside.clone(), 0.0, inset, palette::OUTSIDE_TEXT.css(), true));
    ctx.set_text_align("center");
    ctx.set_text_baseline("middle");
    let mut placed: Vec<[f64; 4]> = Vec::with_capacity(labels.len());
    let mut overlaps = 0;
    let pill_h = f64::from(size) + 5.0;
    for (text, x, y, color, bold) in &labels {
        ctx.set_font(&format!("{}{size}px system-ui, sans-serif", if *bold { "600 " } else { "" }));
        let tw = ctx.measure_text(text)?.width();
        let (x, y, clear) = clear_spot(&placed, tw + 8.0, pill_h, (*x, *y), w);
        overlaps += u32::from(!clear);
        placed.push([x - tw / 2.0 - 4.0, y - pill_h / 2.0, x + tw / 2.0 + 4.0, y + pill_h / 2.0]);
        pill(ctx, text, x, y, color, w, pill_h)?;
    }
    Ok(Labels { px: size, overlaps })
}

/// What the labels of one frame were: their size (CSS px) and how many found no spot
/// clear of the others.
#[derive(Debug, Clone, Copy, Default)]
pub struct Labels {
    pub px: u32,
    pub overlaps: u32,
}

/// Where a label `bw` × `bh` wanted at `at` (its centre) overlaps none of `placed`:
/// there, or moved sideways just clear of what it hits, or a row up or down; where
/// nothing is clear, where it was wanted (and `false`).
fn clear_spot(placed: &[[f64; 4]], bw: f64, bh: f64, at: (f64, f64), canvas_w: f64) -> (f64, f64, bool) {
    let keep_in = |x: f64| x.clamp(bw / 2.0 + 2.0, (canvas_w - bw / 2.0 - 2.0).max(bw / 2.0 + 2.0));
    let hits = |x: f64, y: f64| {
        placed.iter().find(|b| x - bw / 2.0 < b[2] && x + bw / 2.0 > b[0] && y - bh / 2.0 < b[3] && y + bh / 2.0 > b[1])
    };
    let start = (keep_in(at.0), at.1);
    let Some(b) = hits(start.0, start.1) else { return (start.0, start.1, true) };
    let b = *b;
    let candidates = [
        (keep_in(b[2] + bw / 2.0 + 2.0), at.1),
        (keep_in(b[0] - bw / 2.0 - 2.0), at.1),
        (start.0, b[3] + bh / 2.0 + 1.0),
        (start.0, b[1] - bh / 2.0 - 1.0),
    ];
    candidates.into_iter().find(|c| hits(c.0, c.1).is_none()).map_or((start.0, start.1, false), |c| (c.0, c.1, true))
}

/// The ion-balance bars: for each ion, inside and outside concentration (each ion's
/// pair scaled to the larger of the two), the values, and E_ion.
pub fn paint_bars(ctx: &Ctx, w: f64, h: f64, m: &Measures, readout: &Readout) -> Result<(), JsValue> {
    let words = &readout.scene;
    ctx.set_fill_style_str(&palette::WHITE.css());
    ctx.fill_rect(0.0, 0.0, w, h);
    let narrow = w < NARROW_BARS_PX;
    let label_w = BARS_LABEL_W;
    // Room for the longest value and E as this language writes them, at least the
    // usual room, so a longer language's words never run into each other.
    let widest = |font: &str, texts: &mut dyn Iterator<Item = &String>| -> Result<f64, JsValue> {
        ctx.set_font(font);
        let mut most = 0.0_f64;
        for t in texts {
            most = most.max(ctx.measure_text(t)?.width());
        }
        Ok(most)
    };
    let values_w = widest("11px system-ui, sans-serif", &mut words.bars_values.iter().flat_map(|(a, b)| [a, b]))?;
    let e_text_w = widest("600 12px system-ui, sans-serif", &mut readout.ions.iter().map(|r| &r.nernst_text))?;
    let e_w = (if narrow { BARS_E_W.1 } else { BARS_E_W.0 }).max(e_text_w + 14.0);
    let bar_w = (w - label_w - e_w - BARS_TEXT_ROOM.max(values_w + 8.0)).max(30.0);
    let row_h = ((h - 22.0) / m.ions.len().max(1) as f64).min(BARS_MAX_ROW_H);
    ctx.set_font("600 11px system-ui, sans-serif");
    ctx.set_text_baseline("middle");
    ctx.set_text_align("left");
    ctx.set_fill_style_str(&palette::BARS_INSIDE_TEXT.css());
    ctx.fill_text(&words.bars_inside, label_w, 9.0)?;
    ctx.set_fill_style_str(&palette::BARS_OUTSIDE_TEXT.css());
    let inside_w = ctx.measure_text(&words.bars_inside)?.width();
    ctx.fill_text(&words.bars_outside, label_w + inside_w + 12.0, 9.0)?;
    ctx.set_text_align("right");
    ctx.set_fill_style_str(&palette::TEXT_STRONG.css());
    ctx.fill_text(&words.bars_e, w - 6.0, 9.0)?;
    for (i, (ion, row)) in m.ions.iter().zip(&readout.ions).enumerate() {
        let (color, _) = palette::ion_style(&ion.name, i);
        let y0 = 20.0 + i as f64 * row_h;
        let bh = (row_h * 0.3).min(12.0);
        let max = ion.inside_mm.max(ion.outside_mm);
        let frac = |c: f64| if max > 0.0 { (c / max).clamp(0.0, 1.0) } else { 0.0 };
        ctx.set_font("600 14px system-ui, sans-serif");
        ctx.set_text_align("left");
        ctx.set_fill_style_str(&color.for_text().css());
        ctx.fill_text(&row.label, 4.0, y0 + row_h * 0.45)?;
        // Inside: solid. Outside: pale with an outline (tells them apart in greyscale).
        let (yi, yo) = (y0 + row_h * 0.12, y0 + row_h * 0.12 + bh + 3.0);
        ctx.set_fill_style_str(&color.css());
        ctx.fill_rect(label_w, yi, (bar_w * frac(ion.inside_mm)).max(1.0), bh);
        ctx.set_fill_style_str(&color.css_alpha(0.18));
        ctx.set_stroke_style_str(&color.css());
        ctx.set_line_width(1.0);
        let wo = (bar_w * frac(ion.outside_mm)).max(1.0);
        ctx.fill_rect(label_w, yo, wo, bh);
        ctx.stroke_rect(label_w + 0.5, yo + 0.5, wo - 1.0, bh - 1.0);
        ctx.set_font("11px system-ui, sans-serif");
        ctx.set_fill_style_str(&palette::TEXT.css());
        if let Some((inside, outside)) = words.bars_values.get(i) {
            ctx.fill_text(inside, label_w + bar_w * frac(ion.inside_mm) + 4.0, yi + bh / 2.0)?;
            ctx.fill_text(outside, label_w + bar_w * frac(ion.outside_mm) + 4.0, yo + bh / 2.0)?;
        }
        ctx.set_text_align("right");
        ctx.set_font("600 12px system-ui, sans-serif");
        ctx.set_fill_style_str(&color.for_text().css());
        ctx.fill_text(&row.nernst_text, w - 6.0, y0 + row_h * 0.45)?;
    }
    Ok(())
}
