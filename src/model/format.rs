//! Number formatting for the page: every label is made here, from model values, so the
//! JavaScript never formats (or invents) a number. No NaN or ∞ can come out: a
//! non-finite input formats as "—".

/// U+2212, the typographic minus sign.
const MINUS: char = '\u{2212}';
/// Shown for an undefined value.
pub const UNDEFINED: &str = "—";

fn with_minus(s: String) -> String {
    match s.strip_prefix('-') {
        Some(rest) => format!("{MINUS}{rest}"),
        None => s,
    }
}

/// A voltage to 0.1 mV with an explicit sign: "−73.8 mV", "+60.6 mV", "0.0 mV".
pub fn mv(v: f64) -> String {
    if !v.is_finite() {
        return UNDEFINED.to_string();
    }
    let r = (v * 10.0).round() / 10.0;
    if r == 0.0 {
        "0.0 mV".to_string()
    } else if r > 0.0 {
        format!("+{r:.1} mV")
    } else {
        with_minus(format!("{r:.1} mV"))
    }
}

/// `x` to `digits` significant digits, without trailing exponent notation.
pub fn significant(x: f64, digits: usize) -> String {
    if !x.is_finite() {
        return UNDEFINED.to_string();
    }
    if x == 0.0 {
        return "0".to_string();
    }
    let magnitude = x.abs().log10().floor() as i32;
    let decimals = (digits as i32 - 1 - magnitude).max(0) as usize;
    // Rounding can carry into a new digit (9.996 → 10.00); recompute then.
    let s = format!("{x:.decimals$}");
    let rounded: f64 = s.parse().unwrap_or(x);
    let magnitude2 = if rounded == 0.0 { magnitude } else { rounded.abs().log10().floor() as i32 };
    let s = if magnitude2 != magnitude {
        let decimals = (digits as i32 - 1 - magnitude2).max(0) as usize;
        format!("{rounded:.decimals$}")
    } else {
        s
    };
    with_minus(s)
}

/// A concentration to 3 significant digits, in mM, or µM/nM when small:
/// "140 mM", "6.95 mM", "50.0 µM", "100 nM".
pub fn conc(mm: f64) -> String {
    if !mm.is_finite() {
        return UNDEFINED.to_string();
    }
    let a = mm.abs();
    if a == 0.0 {
        "0 mM".to_string()
    } else if a >= 0.1 {
        format!("{} mM", significant(mm, 3))
    } else if a >= 1e-3 {
        format!("{} µM", significant(mm * 1e3, 3))
    } else {
        format!("{} nM", significant(mm * 1e6, 3))
    }
}

/// A membrane current with its direction: "1.43 µA/cm² outward".
pub fn current(ua_per_cm2: f64) -> String {
    if !ua_per_cm2.is_finite() {
        return UNDEFINED.to_string();
    }
    let s = significant(ua_per_cm2.abs(), 3);
    if ua_per_cm2.abs() < 5e-7 {
        "0 µA/cm²".to_string()
    } else if ua_per_cm2 > 0.0 {
        format!("{s} µA/cm² outward")
    } else {
        format!("{s} µA/cm² inward")
    }
}

fn superscript(n: i32) -> String {
    n.to_string()
        .chars()
        .map(|c| match c {
            '-' => '⁻',
            '0' => '⁰',
            '1' => '¹',
            '2' => '²',
            '3' => '³',
            '4' => '⁴',
            '5' => '⁵',
            '6' => '⁶',
            '7' => '⁷',
            '8' => '⁸',
            _ => '⁹',
        })
        .collect()
}

/// Scientific notation with a Unicode exponent: "2×10⁷", "1.0×10⁻⁶".
pub fn scientific(x: f64, digits: usize) -> String {
    if !x.is_finite() {
        return UNDEFINED.to_string();
    }
    if x == 0.0 {
        return "0".to_string();
    }
    let mut e = x.abs().log10().floor() as i32;
    let mut m = x / 10f64.powi(e);
    let decimals = digits.saturating_sub(1);
    if format!("{:.decimals$}", m.abs()).starts_with("10") {
        e += 1;
        m /= 10.0;
    }
    let mant = with_minus(format!("{m:.decimals$}"));
    if e == 0 {
        mant
    } else if mant == "1" {
        format!("10{}", superscript(e))
    } else {
        format!("{mant}×10{}", superscript(e))
    }
}

/// A large count in words: "5.48 million", "1.2 billion", "8,400".
pub fn count(n: f64) -> String {
    if !n.is_finite() {
        return UNDEFINED.to_string();
    }
    let a = n.abs();
    if a >= 1e12 {
        scientific(n, 2)
    } else if a >= 1e9 {
        format!("{} billion", significant(n / 1e9, 3))
    } else if a >= 1e6 {
        format!("{} million", significant(n / 1e6, 3))
    } else {
        let whole = n.round() as i64;
        let digits = whole.unsigned_abs().to_string();
        let mut grouped = String::new();
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i).is_multiple_of(3) {
                grouped.push(',');
            }
            grouped.push(c);
        }
        if whole < 0 {
            format!("{MINUS}{grouped}")
        } else {
            grouped
        }
    }
}

/// A duration in the unit that reads best: "250 µs", "12.5 ms", "4.20 s", "3 min 12 s",
/// "2 h 05 min".
pub fn duration(t_s: f64) -> String {
    if !t_s.is_finite() {
        return UNDEFINED.to_string();
    }
    let a = t_s.abs();
    let sign = if t_s < 0.0 { MINUS.to_string() } else { String::new() };
    let body = if a == 0.0 {
        "0 s".to_string()
    } else if a < 1e-3 {
        format!("{} µs", significant(a * 1e6, 3))
    } else if a < 1.0 {
        format!("{} ms", significant(a * 1e3, 3))
    } else if a < 60.0 {
        format!("{} s", significant(a, 3))
    } else if a < 3600.0 {
        let total = a.floor() as u64;
        format!("{} min {:02} s", total / 60, total % 60)
    } else {
        let total_min = (a / 60.0).floor() as u64;
        format!("{} h {:02} min", total_min / 60, total_min % 60)
    };
    sign + &body
}

/// A permeability: "1.0×10⁻⁶ cm/s", or "0 (impermeant)".
pub fn permeability(p: f64) -> String {
    if p == 0.0 {
        "0 cm/s (impermeant)".to_string()
    } else {
        format!("{} cm/s", scientific(p, 2))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_read_as_a_person_writes_them() {
        assert_eq!(mv(-73.824), "−73.8 mV");
        assert_eq!(mv(60.63), "+60.6 mV");
        assert_eq!(mv(-0.04), "0.0 mV");
        assert_eq!(mv(f64::NAN), "—");
        assert_eq!(conc(140.0), "140 mM");
        assert_eq!(conc(6.946), "6.95 mM");
        assert_eq!(conc(0.0001), "100 nM");
        assert_eq!(conc(0.05), "50.0 µM");
        assert_eq!(conc(9.996), "10.0 mM");
        assert_eq!(conc(0.0), "0 mM");
        assert_eq!(current(1.4303), "1.43 µA/cm² outward");
        assert_eq!(current(-0.5), "0.500 µA/cm² inward");
        assert_eq!(current(0.0), "0 µA/cm²");
        assert_eq!(scientific(2e7, 1), "2×10⁷");
        assert_eq!(scientific(1e-6, 2), "1.0×10⁻⁶");
        assert_eq!(scientific(1e5, 1), "10⁵");
        assert_eq!(scientific(9.99e5, 2), "1.0×10⁶");
        assert_eq!(count(5_479_166.0), "5.48 million");
        assert_eq!(count(8400.0), "8,400");
        assert_eq!(count(1_234_567_890.0), "1.23 billion");
        assert_eq!(duration(0.0125), "12.5 ms");
        assert_eq!(duration(2.5e-4), "250 µs");
        assert_eq!(duration(192.0), "3 min 12 s");
        assert_eq!(duration(7500.0), "2 h 05 min");
        assert_eq!(duration(4.2), "4.20 s");
        assert_eq!(permeability(0.0), "0 cm/s (impermeant)");
        assert_eq!(permeability(4e-8), "4.0×10⁻⁸ cm/s");
        assert_eq!(significant(-0.00123456, 3), "−0.00123");
    }
}
