//! One error type for every bad input: it names the field and says what is allowed.

use std::fmt;

use crate::constants::Range;

/// A rejected input or an undefined result, as data: `field` is the scenario path of
/// the offending value (for example `ions[1].inside_mm`), `code` names what was wrong
/// (an `error-…` message id of the catalogs, which word it in every language, the
/// command line's English included) and `args` carry its numbers and names. The core
/// has no words of its own.
#[derive(Debug, Clone, PartialEq)]
pub struct ModelError {
    pub field: String,
    pub code: &'static str,
    pub args: Vec<(&'static str, Arg)>,
}

/// One argument of an error, kept as what it is until a language writes it.
#[derive(Debug, Clone, PartialEq)]
pub enum Arg {
    /// A value as given or found (a "got"), possibly not finite.
    Number(f64),
    /// A whole number: a count, an index, a charge.
    Whole(i64),
    /// A limit, written compactly (10000, 1e-12).
    Limit(f64),
    /// An allowed range with its unit.
    Range(Range),
    /// A name or a piece of the input, made printable and bounded.
    Text(String),
    /// Names to choose from (preset ids), listed plainly.
    Names(Vec<&'static str>),
    /// Keys of a JSON object to choose from, listed as code.
    Keys(Vec<String>),
}

/// The longest field path and text argument an error carries, in characters: an input can
/// hold a key or a name of megabytes, and an error repeats what it names.
pub const MAX_FIELD_CHARS: usize = 80;
pub const MAX_TEXT_ARG_CHARS: usize = 80;

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
    /// An error on `field`, made printable and bounded ([`printable`]).
    pub fn new(field: impl Into<String>, code: &'static str) -> Self {
        ModelError { field: printable(&field.into(), MAX_FIELD_CHARS), code, args: Vec::new() }
    }

    /// The error with one more argument; text is made printable and bounded.
    pub fn with(mut self, name: &'static str, arg: Arg) -> Self {
        let arg = match arg {
            Arg::Text(t) => Arg::Text(printable(&t, MAX_TEXT_ARG_CHARS)),
            a => a,
        };
        self.args.push((name, arg));
        self
    }

    /// A text argument.
    pub fn text(self, name: &'static str, text: impl Into<String>) -> Self {
        self.with(name, Arg::Text(text.into()))
    }

    /// A whole-number argument.
    pub fn whole(self, name: &'static str, n: impl TryInto<i64>) -> Self {
        self.with(name, Arg::Whole(n.try_into().unwrap_or(i64::MAX)))
    }

    /// "`field` must be a number <range>; got <value>".
    pub fn out_of_range(field: impl Into<String>, range: &Range, got: f64) -> Self {
        ModelError::new(field, "error-model-range").with("range", Arg::Range(*range)).with("got", Arg::Number(got))
    }

    /// The argument `name`, if the error has it.
    pub fn arg(&self, name: &str) -> Option<&Arg> {
        self.args.iter().find(|(n, _)| *n == name).map(|(_, a)| a)
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

/// For developers and logs only (people read the catalog's wording): the field, the
/// code and the arguments as data.
impl fmt::Display for ModelError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {} {:?}", self.field, self.code, self.args)
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
        let e = ModelError::new("ions[0].name", "error-model-name")
            .text("got", format!("{}\x1b[31mred{}", "a\n", "x".repeat(1000)));
        let Some(Arg::Text(got)) = e.arg("got") else { panic!("{e}") };
        assert!(got.starts_with("a\\u{a}\\u{1b}[31mred"), "{got}");
        assert_eq!(got.chars().count(), MAX_TEXT_ARG_CHARS + 1);
        assert!(got.ends_with('…'));
        assert!(!e.to_string().chars().any(char::is_control));
        let long_key = "k".repeat(10_000);
        assert_eq!(ModelError::new(long_key, "error-model-name").field.chars().count(), MAX_FIELD_CHARS + 1);
    }

    #[test]
    fn errors_name_the_field_and_carry_the_range() {
        let e = check("radius_um", &RADIUS_UM, -1.0).unwrap_err().within("cell");
        assert_eq!(e.field, "cell.radius_um");
        assert_eq!(e.code, "error-model-range");
        assert_eq!(e.arg("range"), Some(&Arg::Range(RADIUS_UM)));
        assert_eq!(e.arg("got"), Some(&Arg::Number(-1.0)));
        let e = check("radius_um", &RADIUS_UM, f64::NAN).unwrap_err();
        assert!(matches!(e.arg("got"), Some(Arg::Number(x)) if x.is_nan()));
    }
}
