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

/// Half of √3: the sine of 60°.
const HALF_SQRT_3: f64 = 0.866_025_403_784_438_6;
/// A regular hexagon's corners on the unit circle, at 0°, 60°, … 300° (cosine, sine):
/// constants, so the page's wasm needs no sine or cosine (libm's cost 3.4 KB gzipped).
pub const HEXAGON_CORNERS: [(f64, f64); 6] =
    [(1.0, 0.0), (0.5, HALF_SQRT_3), (-0.5, HALF_SQRT_3), (-1.0, 0.0), (-0.5, -HALF_SQRT_3), (0.5, -HALF_SQRT_3)];

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

    /// WCAG 2 relative luminance.
    pub fn luminance(&self) -> f64 {
        let lin = |c: u8| {
            let c = f64::from(c) / 255.0;
            if c <= 0.040_45 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * lin(self.0) + 0.7152 * lin(self.1) + 0.0722 * lin(self.2)
    }

    /// WCAG 2 contrast ratio of two colours (1 to 21).
    pub fn contrast(&self, other: &Rgb) -> f64 {
        let (a, b) = (self.luminance(), other.luminance());
        (a.max(b) + 0.05) / (a.min(b) + 0.05)
    }

    /// This colour darkened, keeping its hue, until text in it on white (or on the
    /// light label pills and bath tints) reaches WCAG AA's 4.5 : 1 for small text. The
    /// particles keep the bright colour; their names and values use this one.
    pub fn for_text(&self) -> Rgb {
        let mut c = *self;
        let mut k = 1.0;
        while c.contrast(&TEXT_GROUND) < AA_TEXT_CONTRAST && k > 0.0 {
            k -= 0.04;
            let scale = |x: u8| (f64::from(x) * k).round() as u8;
            c = Rgb(scale(self.0), scale(self.1), scale(self.2));
        }
        c
    }
}

/// WCAG AA for text below 18 pt (14 pt bold).
pub const AA_TEXT_CONTRAST: f64 = 4.5;
/// The lightest ground canvas text sits on: a label pill (white, 88 % opaque) over the
/// outside bath's tint, rounded down.
const TEXT_GROUND: Rgb = Rgb(0xf6, 0xf9, 0xfd);

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
pub const GHK: Rgb = Rgb(110, 110, 110);
/// The chart's grid (fine and coarse), its background and its edge notes.
pub const GRID_LIGHT: Rgb = Rgb(236, 236, 236);
pub const GRID_BOLD: Rgb = Rgb(215, 215, 215);
pub const WHITE: Rgb = Rgb(255, 255, 255);
pub const BLACK: Rgb = Rgb(0, 0, 0);
pub const EDGE_NOTE: Rgb = Rgb(90, 90, 90);
/// The marks on the trace (a stimulus, a change): a violet apart from every ion's colour.
pub const MARK: Rgb = Rgb(0x6a, 0x3d, 0x9a);
/// The spike inset's card behind its zoomed view.
pub const INSET_BG: Rgb = Rgb(0xf4, 0xf6, 0xfb);

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_hexagon_s_corners_are_every_sixty_degrees_on_the_unit_circle() {
        for (k, (cos, sin)) in HEXAGON_CORNERS.into_iter().enumerate() {
            let angle = (60.0 * k as f64).to_radians();
            assert!((cos - angle.cos()).abs() < 1e-15 && (sin - angle.sin()).abs() < 1e-15, "corner {k}");
        }
    }

    #[test]
    fn every_ion_s_text_colour_meets_wcag_aa_on_its_ground() {
        // The WCAG formula itself, against its published anchors.
        assert!((BLACK.contrast(&WHITE) - 21.0).abs() < 1e-9);
        assert!((Rgb(0x76, 0x76, 0x76).contrast(&WHITE) - 4.54).abs() < 0.01);
        for (i, name) in ["K", "Na", "Cl", "Ca", "H", "X", "Y", "Z"].iter().enumerate() {
            let (c, _) = ion_style(name, i);
            let t = c.for_text();
            assert!(t.contrast(&TEXT_GROUND) >= AA_TEXT_CONTRAST, "{name}: {t:?}");
            assert!(t.contrast(&WHITE) >= AA_TEXT_CONTRAST, "{name}: {t:?}");
        }
        // The Na⁺ orange needs darkening for text; the K⁺ purple does not.
        assert!(ion_style("Na", 1).0.contrast(&WHITE) < AA_TEXT_CONTRAST);
        assert_eq!(ion_style("K", 0).0.for_text(), ion_style("K", 0).0);
        for c in [
            PUMP_TEXT,
            TRANSPORTER_TEXT,
            BLOCKED,
            ATP,
            OUTSIDE_TEXT,
            INSIDE_TEXT,
            BARS_INSIDE_TEXT,
            BARS_OUTSIDE_TEXT,
            TEXT,
            EDGE_NOTE,
            GHK,
        ] {
            assert!(c.contrast(&WHITE) >= AA_TEXT_CONTRAST, "{c:?}: {}", c.contrast(&WHITE));
        }
    }
}
