//! Number formatting: every number the page shows is made here from a model value, so
//! the JavaScript never formats (or invents) one. No NaN or ∞ can come out: a
//! non-finite input formats as "—".
//!
//! The free functions make the digits (sign, significant figures, exponents); [`Formats`]
//! puts them in the catalog's words and units ("−73.8 mV", "2 h 05 min").

use super::catalog::{read_decimal, Catalog};

/// U+2212, the typographic minus sign.
const MINUS: char = '\u{2212}';
/// Shown for an undefined value.
pub const UNDEFINED: &str = "—";
/// A current smaller than this (µA/cm²) reads as zero.
pub const ZERO_CURRENT_UA_PER_CM2: f64 = 5e-7;

const SUPERSCRIPT_DIGITS: [char; 10] = ['⁰', '¹', '²', '³', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹'];

/// Every ASCII hyphen-minus in a number made typographic, the exponent's too
/// ("−1e−9"); `Catalog::read_number` reads either sign back.
pub fn typographic_minus(digits: &str) -> String {
    digits.replace('-', &MINUS.to_string())
}

/// An integer in superscript digits: "²", "⁻⁶".
pub fn superscript(n: i32) -> String {
    let digits: String = n
        .unsigned_abs()
        .to_string()
        .chars()
        .filter_map(|c| c.to_digit(10))
        .map(|d| SUPERSCRIPT_DIGITS[d as usize])
        .collect();
    if n < 0 {
        format!("⁻{digits}")
    } else {
        digits
    }
}

/// "K⁺", "Ca²⁺", "Cl⁻", "X³⁻".
pub fn ion_label(name: &str, charge: i32) -> String {
    let n = charge.unsigned_abs();
    let magnitude = if n > 1 { superscript(n as i32) } else { String::new() };
    let sign = if charge > 0 { '⁺' } else { '⁻' };
    if name.chars().any(is_right_to_left) {
        // A name in a right-to-left script is isolated (U+2068 … U+2069), so it cannot
        // reorder the words around it ("inside (mM)"), on the page or on a canvas.
        format!("\u{2068}{name}\u{2069}{magnitude}{sign}")
    } else {
        format!("{name}{magnitude}{sign}")
    }
}

/// A letter of a right-to-left script (Hebrew, Arabic, Syriac, Thaana, N'Ko, and
/// their presentation forms and the historic scripts written that way).
fn is_right_to_left(c: char) -> bool {
    matches!(c, '\u{0590}'..='\u{08FF}' | '\u{FB1D}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFF}' | '\u{10800}'..='\u{10FFF}' | '\u{1E800}'..='\u{1EFFF}')
}

/// A voltage to 0.1 mV with an explicit sign: "−73.8", "+60.6", "0.0".
pub fn signed_tenths(v: f64) -> String {
    if !v.is_finite() {
        return UNDEFINED.to_string();
    }
    let r = (v * 10.0).round() / 10.0;
    if r == 0.0 {
        "0.0".to_string()
    } else if r > 0.0 {
        format!("+{r:.1}")
    } else {
        typographic_minus(&format!("{r:.1}"))
    }
}

/// How many decades below 1 (and, plus three, above) a number is still written out.
const SIGNIFICANT_DECADES: i32 = 6;

/// `x` to `digits` significant digits, without exponent notation within a million-fold
/// of 1 (in powers of ten beyond).
pub fn significant(x: f64, digits: usize) -> String {
    if !x.is_finite() {
        return UNDEFINED.to_string();
    }
    if x == 0.0 {
        return "0".to_string();
    }
    let magnitude = x.abs().log10().floor() as i32;
    // Far from 1 the digits would run across the page (a typed 1e-300 °C is 300
    // zeros): those are written in powers of ten.
    if !(-SIGNIFICANT_DECADES..=SIGNIFICANT_DECADES + 3).contains(&magnitude) {
        return scientific(x, digits);
    }
    let decimals = (digits as i32 - 1 - magnitude).max(0) as usize;
    // Rounding can carry into a new digit (9.996 → 10.00); recompute then.
    let s = format!("{x:.decimals$}");
    let rounded = read_decimal(&s).unwrap_or(x);
    let magnitude2 = if rounded == 0.0 { magnitude } else { rounded.abs().log10().floor() as i32 };
    let s = if magnitude2 != magnitude {
        let decimals = (digits as i32 - 1 - magnitude2).max(0) as usize;
        format!("{rounded:.decimals$}")
    } else {
        s
    };
    typographic_minus(&s)
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
    let mant = typographic_minus(&format!("{m:.decimals$}"));
    if e == 0 {
        mant
    } else if mant == "1" {
        format!("10{}", superscript(e))
    } else {
        format!("{mant}×10{}", superscript(e))
    }
}

/// A whole number with thousands separators: "8,400".
pub fn grouped(n: f64) -> String {
    if !n.is_finite() {
        return UNDEFINED.to_string();
    }
    let whole = n.round() as i64;
    let digits = whole.unsigned_abs().to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    if whole < 0 {
        format!("{MINUS}{out}")
    } else {
        out
    }
}

/// Significant digits in a typed field: one more than the readouts show, enough to tell
/// slider positions apart, few enough not to flicker while the model runs.
pub const TYPED_DIGITS: usize = 4;

/// A value for a number field: plain decimal, [`TYPED_DIGITS`] significant digits,
/// shortest form ("140", "6.947", "0.000001"), with an ASCII minus and decimal point
/// (a number field's own format in every language).
pub fn typed(value: f64) -> String {
    let rounded = read_decimal(&significant(value, TYPED_DIGITS).replace(MINUS, "-")).unwrap_or(value);
    if rounded.is_finite() {
        format!("{rounded}")
    } else {
        String::new()
    }
}

/// The unit a concentration reads best in: mM from 0.1 mM, µM from 1 µM, nM below.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConcUnit {
    Millimolar,
    Micromolar,
    Nanomolar,
}

impl ConcUnit {
    /// The unit for `mm` and the value in it.
    pub fn of(mm: f64) -> (ConcUnit, f64) {
        let a = mm.abs();
        if a == 0.0 || a >= 0.1 {
            (ConcUnit::Millimolar, mm)
        } else if a >= 1e-3 {
            (ConcUnit::Micromolar, mm * 1e3)
        } else {
            (ConcUnit::Nanomolar, mm * 1e6)
        }
    }
}

/// The 1-2-5 rounding the lab uses for its particle scale, for figures the page shows.
pub use crate::lab::crossings::one_two_five;

/// The time unit a window is best read in: its catalog word and seconds per unit.
pub fn time_unit(window_s: f64) -> (&'static str, f64) {
    if window_s <= 0.5 {
        ("ms", 1e-3)
    } else if window_s <= 300.0 {
        ("s", 1.0)
    } else if window_s <= 3.0 * 3600.0 {
        ("min", 60.0)
    } else {
        ("h", 3600.0)
    }
}

/// Numbers in the catalog's units.
#[derive(Debug, Clone, Copy)]
pub struct Formats<'a> {
    pub catalog: &'a Catalog,
}

impl Formats<'_> {
    /// The message `id` with `value`, a number from the free functions above, in the
    /// language's number style.
    pub fn with(&self, id: &str, value: &str) -> String {
        self.catalog.format(id, &[("value", &self.catalog.number(value))])
    }

    /// [`significant`] in the language's number style.
    pub fn sig(&self, x: f64, digits: usize) -> String {
        self.catalog.number(&significant(x, digits))
    }

    /// [`scientific`] in the language's number style.
    pub fn sci(&self, x: f64, digits: usize) -> String {
        self.catalog.number(&scientific(x, digits))
    }

    /// [`grouped`] in the language's number style.
    pub fn whole(&self, n: f64) -> String {
        self.catalog.number(&grouped(n))
    }

    /// A limit or a refused value in an error, compact (1e-9, not nine zeros) and in the
    /// language's number style.
    pub fn limit(&self, x: f64) -> String {
        self.catalog.number(&typographic_minus(&vrest_core::constants::fmt_limit(x)))
    }

    /// A chart's tick label: the tick's value to six decimals at most, shortest form.
    pub fn tick(&self, x: f64) -> String {
        let r = (x * 1e6).round() / 1e6;
        if r == 0.0 {
            "0".to_string()
        } else {
            self.catalog.number(&typographic_minus(&format!("{r}")))
        }
    }

    /// "−73.8 mV", "+60.6 mV", "0.0 mV", or "—".
    pub fn mv(&self, v: f64) -> String {
        if v.is_finite() {
            self.with("value-mv", &signed_tenths(v))
        } else {
            UNDEFINED.to_string()
        }
    }

    /// A concentration to 3 significant digits, in mM, or µM/nM when small:
    /// "140 mM", "6.95 mM", "50.0 µM", "100 nM".
    pub fn conc(&self, mm: f64) -> String {
        if !mm.is_finite() {
            return UNDEFINED.to_string();
        }
        if mm == 0.0 {
            return self.with("value-mm", "0");
        }
        let (unit, value) = ConcUnit::of(mm);
        let id = match unit {
            ConcUnit::Millimolar => "value-mm",
            ConcUnit::Micromolar => "value-um",
            ConcUnit::Nanomolar => "value-nm",
        };
        self.with(id, &significant(value, 3))
    }

    /// A membrane current with its direction: "1.43 µA/cm² outward".
    pub fn current(&self, ua_per_cm2: f64) -> String {
        if !ua_per_cm2.is_finite() {
            return UNDEFINED.to_string();
        }
        let s = significant(ua_per_cm2.abs(), 3);
        if ua_per_cm2.abs() < ZERO_CURRENT_UA_PER_CM2 {
            self.catalog.text("current-zero")
        } else if ua_per_cm2 > 0.0 {
            self.with("current-outward", &s)
        } else {
            self.with("current-inward", &s)
        }
    }

    /// A large count in words: "5.48 million", "1.23 billion", "8,400".
    pub fn count(&self, n: f64) -> String {
        if !n.is_finite() {
            return UNDEFINED.to_string();
        }
        let a = n.abs();
        if a >= 1e12 {
            self.sci(n, 2)
        } else if a >= 1e9 {
            self.with("count-billion", &significant(n / 1e9, 3))
        } else if a >= 1e6 {
            self.with("count-million", &significant(n / 1e6, 3))
        } else {
            self.whole(n)
        }
    }

    /// A moment of model time to the millisecond, as a clock reads: "2 h 56 min 50.040 s",
    /// "3 min 12.500 s", "4.200 s".
    pub fn clock(&self, t_s: f64) -> String {
        let total_ms = (t_s.max(0.0) * 1e3).round() as u64;
        let (h, m) = (total_ms / 3_600_000, total_ms / 60_000 % 60);
        let seconds = self.catalog.number(&format!("{:.3}", (total_ms % 60_000) as f64 / 1e3));
        let (h, m) = (h.to_string(), m.to_string());
        match (h.as_str(), m.as_str()) {
            ("0", "0") => self.catalog.format("clock-s", &[("seconds", &seconds)]),
            ("0", _) => self.catalog.format("clock-min-s", &[("minutes", &m), ("seconds", &seconds)]),
            _ => self.catalog.format("clock-h-min-s", &[("hours", &h), ("minutes", &m), ("seconds", &seconds)]),
        }
    }

    /// A duration in the unit that reads best: "250 µs", "12.5 ms", "4.20 s",
    /// "3 min 12 s", "2 h 05 min".
    pub fn duration(&self, t_s: f64) -> String {
        self.duration_to(t_s, 3)
    }

    /// [`Formats::duration`] to `digits` significant digits below a minute: a
    /// measured figure that holds no more ("2.7 s").
    pub fn duration_to(&self, t_s: f64, digits: usize) -> String {
        if !t_s.is_finite() {
            return UNDEFINED.to_string();
        }
        let a = t_s.abs();
        let sign = if t_s < 0.0 { MINUS.to_string() } else { String::new() };
        let body = if a == 0.0 {
            self.with("duration-s", "0")
        } else if a < 1e-3 {
            self.with("duration-us", &significant(a * 1e6, digits))
        } else if a < 1.0 {
            self.with("duration-ms", &significant(a * 1e3, digits))
        } else if a < 60.0 {
            self.with("duration-s", &significant(a, digits))
        } else if a < 3600.0 {
            let total = a.floor() as u64;
            let (m, s) = ((total / 60).to_string(), format!("{:02}", total % 60));
            self.catalog.format("duration-min-s", &[("minutes", &m), ("seconds", &s)])
        } else {
            let total_min = (a / 60.0).floor() as u64;
            let (h, m) = ((total_min / 60).to_string(), format!("{:02}", total_min % 60));
            self.catalog.format("duration-h-min", &[("hours", &h), ("minutes", &m)])
        };
        sign + &body
    }

    /// A permeability: "1.0×10⁻⁶ cm/s", or "0 cm/s (impermeant)".
    pub fn permeability(&self, p: f64) -> String {
        if p == 0.0 {
            self.catalog.text("permeability-zero")
        } else {
            self.with("value-cm-per-s", &scientific(p, 2))
        }
    }
}

/// The charge meter's two lines: what share of the cell's K⁺ crossed to make V ("1 in
/// 60,991 of the cell's K⁺ (0.0016 %)"), and the excess charge, field and capacitance.
pub fn meter_texts(m: &crate::lab::Measures, catalog: &Catalog) -> (String, String) {
    let f = Formats { catalog };
    let c = &m.charge;
    let k_fraction_text = match m.cell_potassium_ions {
        Some(k) if k > 0.0 && c.ions_moved > 0.0 => {
            let share = c.ions_moved / k;
            catalog.format(
                "potassium-fraction",
                &[("denominator", &f.whole(1.0 / share)), ("percent", &f.sig(share * 100.0, 2))],
            )
        }
        Some(_) => catalog.text("potassium-none"),
        None => UNDEFINED.to_string(),
    };
    let charge_text = catalog.format(
        "meter-excess",
        &[
            ("excess", &f.conc(c.excess_mm.abs())),
            ("field", &f.with("value-v-per-m", &scientific(c.field_v_per_m, 2))),
            ("capacitance", &f.with("value-pf", &significant(c.capacitance_pf, 3))),
        ],
    );
    (k_fraction_text, charge_text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_read_as_a_person_writes_them() {
        let c = Catalog::english();
        let f = Formats { catalog: &c };
        assert_eq!(f.mv(-73.824), "−73.8 mV");
        assert_eq!(f.mv(60.63), "+60.6 mV");
        assert_eq!(f.mv(-0.04), "0.0 mV");
        assert_eq!(f.mv(f64::NAN), "—");
        assert_eq!(f.conc(140.0), "140 mM");
        assert_eq!(f.conc(6.946), "6.95 mM");
        assert_eq!(f.conc(0.0001), "100 nM");
        assert_eq!(f.conc(0.05), "50.0 µM");
        assert_eq!(f.conc(9.996), "10.0 mM");
        assert_eq!(f.conc(0.0), "0 mM");
        assert_eq!(f.current(1.4303), "1.43 µA/cm² outward");
        assert_eq!(f.current(-0.5), "0.500 µA/cm² inward");
        assert_eq!(f.current(0.0), "0 µA/cm²");
        assert_eq!(scientific(2e7, 1), "2×10⁷");
        assert_eq!(scientific(1e-6, 2), "1.0×10⁻⁶");
        assert_eq!(scientific(1e5, 1), "10⁵");
        assert_eq!(scientific(9.99e5, 2), "1.0×10⁶");
        // A value far from 1 stays short.
        assert_eq!(significant(1e-300, 3), "1.00×10⁻³⁰⁰");
        assert_eq!(significant(0.000_001_23, 3), "0.00000123");
        assert_eq!(f.count(5_479_166.0), "5.48 million");
        assert_eq!(f.count(8400.0), "8,400");
        assert_eq!(f.count(1_234_567_890.0), "1.23 billion");
        assert_eq!(f.duration(0.0125), "12.5 ms");
        assert_eq!(f.duration(2.5e-4), "250 µs");
        assert_eq!(f.duration(192.0), "3 min 12 s");
        assert_eq!(f.duration(7500.0), "2 h 05 min");
        assert_eq!(f.duration(4.2), "4.20 s");
        assert_eq!(f.permeability(0.0), "0 cm/s (impermeant)");
        assert_eq!(f.permeability(4e-8), "4.0×10⁻⁸ cm/s");
        assert_eq!(significant(-0.00123456, 3), "−0.00123");
        assert_eq!(typed(6.946818613), "6.947");
        assert_eq!(typed(139.99), "140");
        assert_eq!(typed(4e-8), "0.00000004");
        assert_eq!(typed(-1e-6), "-0.000001");
        assert_eq!(typed(f64::NAN), "");
        assert_eq!(one_two_five(0.0031), 0.002);
        assert_eq!(one_two_five(46.0), 50.0);
        assert_eq!(f.duration(one_two_five(0.0128)), "10.0 ms");
    }

    #[test]
    fn labels_carry_the_charge_and_exponents_read_as_superscripts() {
        assert_eq!(ion_label("K", 1), "K⁺");
        assert_eq!(ion_label("Ca", 2), "Ca²⁺");
        assert_eq!(ion_label("Cl", -1), "Cl⁻");
        assert_eq!(ion_label("X", -3), "X³⁻");
        assert_eq!(superscript(-12), "⁻¹²");
        assert_eq!(superscript(7), "⁷");
    }
}
