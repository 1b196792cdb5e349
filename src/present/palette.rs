//! Every colour the page draws, in one place: the ions' colours and shapes (shared by
//! the scene, the bars, the chart and the legend), the scene's bath and bilayer, the
//! pump, the charge skin, the chart's ink and grid. Each ion has its own colour *and*
//! its own shape, so the picture reads in greyscale.

/// A particle's shape.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    Circle,
    Square,
    Triangle,
    Diamond,
    Hexagon,
    Cross,
    /// The impermeant anions: a hollow ring.
    Ring,
}

/// An sRGB colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rgb(pub u8, pub u8, pub u8);

impl Rgb {
    pub fn css(&self) -> String {
        format!("rgb({},{},{})", self.0, self.1, self.2)
    }
    pub fn css_alpha(&self, alpha: f64) -> String {
        format!("rgba({},{},{},{:.3})", self.0, self.1, self.2, alpha.clamp(0.0, 1.0))
    }
}

/// Colour and shape of the ion called `name` (the scenario's `index`-th ion).
/// The common ions have fixed looks; others take one by index.
pub fn ion_style(name: &str, index: usize) -> (Rgb, Shape) {
    match name {
        "K" => (Rgb(123, 63, 181), Shape::Circle),
        "Na" => (Rgb(214, 110, 14), Shape::Square),
        "Cl" => (Rgb(30, 140, 62), Shape::Triangle),
        "Ca" => (Rgb(31, 100, 210), Shape::Diamond),
        _ => {
            const OTHERS: [(Rgb, Shape); 4] = [
                (Rgb(0, 128, 128), Shape::Hexagon),
                (Rgb(190, 40, 110), Shape::Cross),
                (Rgb(120, 90, 40), Shape::Hexagon),
                (Rgb(90, 90, 90), Shape::Cross),
            ];
            OTHERS[index % OTHERS.len()]
        }
    }
}

/// The impermeant intracellular anions (A⁻).
pub const ANION: (Rgb, Shape) = (Rgb(70, 70, 70), Shape::Ring);
/// The membrane voltage trace.
pub const VOLTAGE: Rgb = Rgb(20, 20, 20);
/// The GHK (passive) voltage line.
pub const GHK: Rgb = Rgb(120, 120, 120);
/// The chart's grid (fine and coarse), its background and its edge notes.
pub const GRID_LIGHT: Rgb = Rgb(236, 236, 236);
pub const GRID_BOLD: Rgb = Rgb(215, 215, 215);
pub const WHITE: Rgb = Rgb(255, 255, 255);
pub const BLACK: Rgb = Rgb(0, 0, 0);
pub const EDGE_NOTE: Rgb = Rgb(90, 90, 90);

/// The scene: the bath outside, the cytoplasm inside, the bilayer's core, its heads and tails.
pub const OUTSIDE_BG: Rgb = Rgb(0xe6, 0xf1, 0xfa);
pub const INSIDE_BG: Rgb = Rgb(0xfb, 0xf4, 0xe4);
pub const TAIL_BG: Rgb = Rgb(0xf1, 0xe2, 0xc6);
pub const HEAD: Rgb = Rgb(0xc9, 0xa4, 0x6b);
pub const TAIL: Rgb = Rgb(0xb8, 0x94, 0x60);
/// The pump: body, outline, its idle cleft, and its labels.
pub const PUMP_BODY: Rgb = Rgb(0x8f, 0x80, 0xb8);
pub const PUMP_OUTLINE: Rgb = Rgb(0x5b, 0x4e, 0x86);
pub const PUMP_CLEFT: Rgb = Rgb(0xb3, 0xa8, 0xd3);
pub const PUMP_TEXT: Rgb = Rgb(0x4a, 0x3d, 0x78);
/// The secondary transporters (KCC2, the Na⁺/Ca²⁺ exchanger): body, outline, labels.
pub const TRANSPORTER_BODY: Rgb = Rgb(0x9f, 0xc9, 0xc0);
pub const TRANSPORTER_OUTLINE: Rgb = Rgb(0x3f, 0x7d, 0x70);
pub const TRANSPORTER_TEXT: Rgb = Rgb(0x2c, 0x5f, 0x55);
/// A blocked pump's cross and word; the ATP note.
pub const BLOCKED: Rgb = Rgb(0xc0, 0x39, 0x2b);
pub const ATP: Rgb = Rgb(0xa0, 0x52, 0x2d);
/// The thin skin of charge: + and −.
pub const PLUS: Rgb = Rgb(0xc0, 0x39, 0x2b);
pub const MINUS: Rgb = Rgb(0x1f, 0x5f, 0xa8);
/// The side labels, outside and inside.
pub const OUTSIDE_TEXT: Rgb = Rgb(0x36, 0x50, 0x6a);
pub const INSIDE_TEXT: Rgb = Rgb(0x6a, 0x52, 0x30);
/// The label pills' background (white, 88 % opaque).
pub const PILL: (Rgb, f64) = (WHITE, 0.88);
/// The bars' legend (inside, outside) and ordinary text.
pub const BARS_INSIDE_TEXT: Rgb = Rgb(0x7a, 0x62, 0x38);
pub const BARS_OUTSIDE_TEXT: Rgb = Rgb(0x46, 0x62, 0x7a);
pub const TEXT: Rgb = Rgb(0x22, 0x22, 0x22);
pub const TEXT_STRONG: Rgb = Rgb(0x33, 0x33, 0x33);

impl Shape {
    /// The same shape as a text glyph, for the legend and the ion table.
    pub fn glyph(self) -> &'static str {
        match self {
            Shape::Circle => "●",
            Shape::Square => "■",
            Shape::Triangle => "▲",
            Shape::Diamond => "◆",
            Shape::Hexagon => "⬢",
            Shape::Cross => "✚",
            Shape::Ring => "○",
        }
    }
}
