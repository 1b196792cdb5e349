//! The link as a QR code: which modules are dark, for the page to paint (the Share
//! dialog, Present's large code, the printed worksheet). Error correction M (15 %) where
//! the link fits, else L (7 %); a link longer than a version-40 code holds at L gets
//! none, and the page says so.

use qrcode::bits::Bits;
use qrcode::{Color, EcLevel, QrCode, Version};
use serde::Serialize;

/// A QR code's modules, row by row, without the quiet zone.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct QrModules {
    /// Modules per side.
    pub size: usize,
    /// 1 for dark, 0 for light, `size` × `size`.
    pub dark: Vec<u8>,
    /// "M" or "L".
    pub level: &'static str,
}

/// The modules a scanner reads back as exactly `text`, or None if it is too long.
pub fn qr_modules(text: &str) -> Option<QrModules> {
    // One byte-mode segment in the smallest version that holds it: a link is short
    // ASCII, and the crate's mixed-mode optimiser would cost the page more code than it
    // saves modules.
    [(EcLevel::M, "M"), (EcLevel::L, "L")].into_iter().find_map(|(ec, level)| {
        (1..=40).find_map(|v| {
            let mut bits = Bits::new(Version::Normal(v));
            bits.push_byte_data(text.as_bytes()).ok()?;
            bits.push_terminator(ec).ok()?;
            let code = QrCode::with_bits(bits, ec).ok()?;
            let dark = code.to_colors().into_iter().map(|c| u8::from(c == Color::Dark)).collect();
            Some(QrModules { size: code.width(), dark, level })
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_links_get_m_and_a_too_long_one_none() {
        let q = qr_modules("http://127.0.0.1:8080/?preset=neuron&seed=1").unwrap();
        assert_eq!(q.level, "M");
        assert_eq!(q.dark.len(), q.size * q.size);
        // Version 1 is 21 modules a side, each version 4 more; 45 bytes at M is version 3.
        assert_eq!((q.size - 17) % 4, 0);
        assert!(qr_modules(&"x".repeat(3000)).is_none(), "beyond version 40 at L (2,953 bytes)");
        assert_eq!(qr_modules(&"x".repeat(2500)).unwrap().level, "L", "past M's 2,331 bytes, L still holds it");
    }
}
