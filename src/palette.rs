//! Colours and shapes of the ions, shared by the voltage chart and the membrane scene.
//! Each ion has its own colour *and* its own shape, so the picture reads in greyscale.

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
