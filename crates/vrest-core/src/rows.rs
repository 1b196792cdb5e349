//! The CSV rows of a run: `t_s,v_mv,<name>_in_mm,...`, one row per sample. The CLI's
//! `simulate` prints them and the page exports the same rows, so both files read alike.
//!
//! Written here rather than with the `csv` crate: the format is one header and rows of
//! plain numbers, and only a cell with user text (an ion name) needs care, which
//! [`csv_cell`] gives in a few lines; the core keeps its dependencies to serde.

use crate::membrane::Membrane;
use crate::types::Scenario;

/// The header row, without its line end.
pub fn header(s: &Scenario) -> String {
    let mut cells = vec!["t_s".to_string(), "v_mv".to_string()];
    cells.extend(s.ions.iter().map(|i| csv_cell(&format!("{}_in_mm", i.name))));
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

/// A CSV cell that carries user text (an ion name, a control key), safe to open in a
/// spreadsheet. Every CSV writer puts such text through this; our own numbers
/// ([`number`]) are written as they are.
///
/// 1. OWASP's CSV-injection rule: a cell that starts with `=`, `+`, `-`, `@`, a tab or
///    a carriage return gets a leading `'`, so a spreadsheet shows it as text instead
///    of running it as a formula (`=1+1_in_mm` becomes `'=1+1_in_mm`).
/// 2. RFC 4180: a cell with a comma, a double quote, CR or LF is quoted, its quotes
///    doubled, so it stays one cell.
pub fn csv_cell(text: &str) -> String {
    let cell = if text.starts_with(['=', '+', '-', '@', '\t', '\r']) { format!("'{text}") } else { text.to_string() };
    if cell.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", cell.replace('"', "\"\""))
    } else {
        cell
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
        assert_eq!(csv_cell("K_in_mm"), "K_in_mm");
        assert_eq!(csv_cell("a,b_in_mm"), "\"a,b_in_mm\"");
        assert_eq!(csv_cell("say \"x\"_in_mm"), "\"say \"\"x\"\"_in_mm\"");
        assert_eq!(csv_cell("a\nb"), "\"a\nb\"");
    }

    #[test]
    fn cells_that_would_start_a_formula_start_with_a_quote_mark() {
        for (text, cell) in [
            ("=1+1_in_mm", "'=1+1_in_mm"),
            ("+SUM(1)", "'+SUM(1)"),
            ("-2+3", "'-2+3"),
            ("@SUM(1)", "'@SUM(1)"),
            ("\tx", "'\tx"),
            ("\rx", "\"'\rx\""),
            ("=HYPERLINK(\"x\")", "\"'=HYPERLINK(\"\"x\"\")\""),
            ("@SUM(1,1)", "\"'@SUM(1,1)\""),
            ("E_=1+1_mv", "E_=1+1_mv"),
            ("", ""),
        ] {
            assert_eq!(csv_cell(text), cell, "{text:?}");
        }
    }
}
