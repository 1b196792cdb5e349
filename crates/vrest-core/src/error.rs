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

impl ModelError {
    pub fn new(field: impl Into<String>, message: impl Into<String>) -> Self {
        ModelError { field: field.into(), message: message.into() }
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
        "NaN".to_string()
    } else if x.is_infinite() {
        if x > 0.0 { "Infinity" } else { "-Infinity" }.to_string()
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
    fn messages_name_the_field_and_the_range() {
        let e = check("radius_um", &RADIUS_UM, -1.0).unwrap_err().within("cell");
        assert_eq!(e.to_string(), "cell.radius_um: must be a number above 0 and at most 5000 µm; got -1");
        let e = check("radius_um", &RADIUS_UM, f64::NAN).unwrap_err();
        assert!(e.to_string().ends_with("got NaN"));
    }
}
