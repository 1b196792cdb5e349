//! One error type for every bad input: it names the field and says what is allowed.

use std::fmt;

use crate::constants::Range;

/// A rejected input or an undefined result. `field` is the scenario path of the
/// offending value (for example `ions[1].inside_mm`); `message` says what was wrong
/// and what is allowed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ModelError {
    pub field: String,
    pub message: String,
}

/// The longest field path and message an error carries, in characters: an input can
/// hold a key or a name of megabytes, and an error repeats what it names.
pub const MAX_FIELD_CHARS: usize = 80;
pub const MAX_MESSAGE_CHARS: usize = 400;

/// Unicode's explicit direction controls (marks, embeddings, overrides, isolates):
/// invisible characters that reorder the text around them.
pub fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// `text` made safe to print on one line of a terminal or a page: control characters
/// (line breaks, escapes that would drive the terminal) and direction controls (which
/// would reverse the words around them) written as `\u{1b}`, and anything beyond
/// `max_chars` cut with "…".
pub fn printable(text: &str, max_chars: usize) -> String {
    let mut out = String::new();
    let mut n = 0;
    for c in text.chars() {
        let piece = if c.is_control() || is_bidi_control(c) { c.escape_unicode().to_string() } else { c.to_string() };
        let len = piece.chars().count();
        if n + len > max_chars {
            out.push('…');
            return out;
        }
        out.push_str(&piece);
        n += len;
    }
    out
}

impl ModelError {
    /// An error on `field`. Both parts are made printable and bounded ([`printable`]),
    /// whatever the input they quote.
    pub fn new(field: impl Into<String>, message: impl Into<String>) -> Self {
        ModelError {
            field: printable(&field.into(), MAX_FIELD_CHARS),
            message: printable(&message.into(), MAX_MESSAGE_CHARS),
        }
    }

    /// "`field` must be <range>; got <value>".
    pub fn out_of_range(field: impl Into<String>, range: &Range, got: f64) -> Self {
        ModelError::new(field, format!("must be a number {}; got {}", range.describe(), fmt_got(got)))
    }

    /// Prefix the field path, e.g. `inside_mm` → `ions[2].inside_mm`.
    pub fn within(mut self, parent: &str) -> Self {
        if self.field.is_empty() {
            self.field = parent.to_string();
        } else if !parent.is_empty() {
            self.field = format!("{parent}.{}", self.field);
        }
        self
    }
}

fn fmt_got(x: f64) -> String {
    if x.is_nan() {
        // In words: a page must never show "NaN" or "Infinity".
        "not a number".to_string()
    } else if x.is_infinite() {
        if x > 0.0 { "infinite" } else { "negative infinite" }.to_string()
    } else {
        format!("{x}")
    }
}

impl fmt::Display for ModelError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.field.is_empty() {
            write!(f, "{}", self.message)
        } else {
            write!(f, "{}: {}", self.field, self.message)
        }
    }
}

impl std::error::Error for ModelError {}

/// Check `x` against `range`, naming `field` if it falls outside.
pub fn check(field: &str, range: &Range, x: f64) -> Result<f64, ModelError> {
    if range.contains(x) {
        Ok(x)
    } else {
        Err(ModelError::out_of_range(field, range, x))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::constants::RADIUS_UM;

    #[test]
    fn quoted_input_is_escaped_and_shortened() {
        let e = ModelError::new("ions[0].name", format!("got \"{}\x1b[31mred{}\"", "a\n", "x".repeat(1000)));
        assert!(e.message.starts_with("got \"a\\u{a}\\u{1b}[31mred"), "{}", e.message);
        assert_eq!(e.message.chars().count(), MAX_MESSAGE_CHARS + 1);
        assert!(e.message.ends_with('…'));
        assert!(!e.to_string().chars().any(char::is_control));
        let long_key = "k".repeat(10_000);
        assert_eq!(ModelError::new(long_key, "m").field.chars().count(), MAX_FIELD_CHARS + 1);
    }

    #[test]
    fn messages_name_the_field_and_the_range() {
        let e = check("radius_um", &RADIUS_UM, -1.0).unwrap_err().within("cell");
        assert_eq!(e.to_string(), "cell.radius_um: must be a number from 0.1 to 5000 µm; got -1");
        let e = check("radius_um", &RADIUS_UM, f64::NAN).unwrap_err();
        assert!(e.to_string().ends_with("got not a number"));
        let e = check("radius_um", &RADIUS_UM, f64::NEG_INFINITY).unwrap_err();
        assert!(e.to_string().ends_with("got negative infinite"));
    }
}
