//! The CSV rows of a run: `t_s,v_mv,<name>_in_mm,...`, one row per sample. The CLI's
//! `simulate` prints them and the page exports the same rows, so both files read alike.
//!
//! Written here rather than with the `csv` crate: the format is one header and rows of
//! plain numbers, and only an ion name can need quoting (RFC 4180), which takes a few
//! lines; the core keeps its dependencies to serde.

use crate::membrane::Membrane;
use crate::types::Scenario;

/// The header row, without its line end.
pub fn header(s: &Scenario) -> String {
    let mut cells = vec!["t_s".to_string(), "v_mv".to_string()];
    cells.extend(s.ions.iter().map(|i| quote(&format!("{}_in_mm", i.name))));
    cells.join(",")
}

/// One sample: model time, V and every inside concentration, each in Rust's shortest
/// round-trip form (so a reader gets the exact f64 back), see [`number`].
pub fn row(t_s: f64, m: &Membrane) -> String {
    let mut line = format!("{},{}", number(t_s), number(m.voltage_mv()));
    for &c in m.inside_mm() {
        line.push(',');
        line.push_str(&number(c));
    }
    line
}

/// The shortest round-trip form, with an exponent for very small or large magnitudes
/// ("1e-300", not 302 digits): plain decimals from 1e-4 to 1e15.
pub fn number(x: f64) -> String {
    if x != 0.0 && (x.abs() < 1e-4 || x.abs() >= 1e15) {
        format!("{x:e}")
    } else {
        format!("{x}")
    }
}

/// RFC 4180: a field with a comma, a quote or a line break is quoted, quotes doubled.
pub fn quote(field: &str) -> String {
    if field.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", field.replace('"', "\"\""))
    } else {
        field.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_round_trip_and_stay_short() {
        for x in [1e-300, 0.1 + 0.2, -73.812_345_678_9, 5e-5, 1234.5, 0.0, 2e15, 1e-4] {
            let s = number(x);
            assert_eq!(s.parse::<f64>().unwrap(), x, "{s}");
            assert!(s.len() <= 24, "{s}");
        }
        assert_eq!(number(1e-300), "1e-300");
        assert_eq!(number(0.3), "0.3");
    }

    #[test]
    fn names_that_need_quoting_are_quoted() {
        assert_eq!(quote("K_in_mm"), "K_in_mm");
        assert_eq!(quote("a,b_in_mm"), "\"a,b_in_mm\"");
        assert_eq!(quote("say \"x\"_in_mm"), "\"say \"\"x\"\"_in_mm\"");
    }
}
