//! The text catalog: every word the page shows or says, from one Fluent file per
//! language (`locales/<lang>/vrest.ftl`). English and Spanish ship; a pseudo-locale
//! (`en-XA`), generated from English, finds text that bypasses the catalog and layouts
//! that clip longer languages. English is built into the wasm (the page needs words
//! before anything else loads); on the page every other language is a file fetched
//! when it is chosen ([`Locale::file`]), so a language costs only its own readers.
//! Natively (tests, tools) every catalog is built in.
//!
//! Messages take their numbers as arguments, already formatted by `format.rs` and put
//! in the language's number style here ([`Catalog::number`]): a decimal comma and a
//! narrow-space thousands separator in Spanish (the RAE's and SI's rule).
//! Bidirectional isolation marks are off: much of this text is drawn on a canvas,
//! where the marks show as boxes, and neither language needs them.

use super::ftl::Messages;

const ENGLISH: &str = include_str!("../../locales/en/vrest.ftl");
#[cfg(not(target_arch = "wasm32"))]
const SPANISH: &str = include_str!("../../locales/es/vrest.ftl");

/// A language the page can speak.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Locale {
    English,
    Spanish,
    /// Every English message accented, bracketed and 40 % longer: for tests.
    Pseudo,
}

impl Locale {
    /// The languages a learner can choose, in the language menu's order.
    pub const SHIPPED: [Locale; 2] = [Locale::English, Locale::Spanish];

    /// The BCP 47 tag: "en", "es", "en-XA".
    pub fn tag(self) -> &'static str {
        match self {
            Locale::English => "en",
            Locale::Spanish => "es",
            Locale::Pseudo => "en-XA",
        }
    }

    /// The language's own name for itself, as its menu entry reads in any language.
    pub fn autonym(self) -> &'static str {
        match self {
            Locale::English => "English",
            Locale::Spanish => "Español",
            Locale::Pseudo => "[Ƥşḗḗŭŭḓǿǿ]",
        }
    }

    /// The locale for a tag, by its language subtag ("es-MX" → Spanish); `en-XA` is
    /// the pseudo-locale. None for a language Vrest does not speak.
    pub fn from_tag(tag: &str) -> Option<Locale> {
        let tag = tag.trim();
        if tag.eq_ignore_ascii_case("en-XA") {
            return Some(Locale::Pseudo);
        }
        let language = tag.split(['-', '_']).next().unwrap_or("").to_ascii_lowercase();
        match language.as_str() {
            "en" => Some(Locale::English),
            "es" => Some(Locale::Spanish),
            _ => None,
        }
    }

    /// The first of the browser's preferred languages that Vrest speaks, else English.
    /// The pseudo-locale is only ever chosen by name, never by a browser.
    pub fn negotiate<'a>(preferred: impl IntoIterator<Item = &'a str>) -> Locale {
        preferred.into_iter().filter_map(Locale::from_tag).find(|l| *l != Locale::Pseudo).unwrap_or(Locale::English)
    }

    /// The catalog's source when it is built in.
    fn built_in(self) -> Option<&'static str> {
        match self {
            Locale::English | Locale::Pseudo => Some(ENGLISH),
            #[cfg(not(target_arch = "wasm32"))]
            Locale::Spanish => Some(SPANISH),
            #[cfg(target_arch = "wasm32")]
            Locale::Spanish => None,
        }
    }

    /// Where the page finds this language's catalog (relative to the page), when it is
    /// not built in: the build copies `locales/` beside the page.
    pub fn file(self) -> Option<&'static str> {
        match self.built_in() {
            Some(_) => None,
            None => Some(match self {
                Locale::Spanish => "locales/es/vrest.ftl",
                Locale::English | Locale::Pseudo => "locales/en/vrest.ftl",
            }),
        }
    }

    /// The decimal sign and the thousands separator.
    fn number_style(self) -> (char, char) {
        match self {
            Locale::English => ('.', ','),
            // The pseudo-locale writes numbers the Spanish way, so that a number that
            // skipped `Catalog::number` shows in its screenshots and tests.
            Locale::Spanish | Locale::Pseudo => (',', '\u{202f}'),
        }
    }
}

/// One language's messages.
pub struct Catalog {
    messages: Messages,
    locale: Locale,
    /// Problems found while loading the catalog (a test requires none).
    problems: Vec<String>,
}

impl std::fmt::Debug for Catalog {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Catalog").field("locale", &self.locale).finish()
    }
}

impl Catalog {
    /// The English catalog.
    pub fn english() -> Catalog {
        Catalog::new(Locale::English)
    }

    /// The catalog of one language, built in; a language that is not ([`Locale::file`])
    /// gets English words until [`Catalog::from_source`] is given its file.
    pub fn new(locale: Locale) -> Catalog {
        match locale.built_in() {
            Some(source) => Catalog::from_source(locale, source),
            None => Catalog::from_source(Locale::English, ENGLISH),
        }
    }

    /// The catalog of one language from its file's text.
    pub fn from_source(locale: Locale, source: &str) -> Catalog {
        let (messages, problems) = Messages::parse(source);
        let problems = problems.into_iter().map(|p| format!("{}: {p}", locale.tag())).collect();
        Catalog { messages, locale, problems }
    }

    pub fn locale(&self) -> Locale {
        self.locale
    }

    /// Problems in the catalog's source: none in a shipped catalog.
    pub fn problems(&self) -> &[String] {
        &self.problems
    }

    /// Whether the catalog has a message with this id.
    pub fn has(&self, id: &str) -> bool {
        self.messages.has(id)
    }

    /// The message `id` without arguments.
    pub fn text(&self, id: &str) -> String {
        self.format(id, &[])
    }

    /// The message `id` with its arguments, each already formatted. A missing message
    /// shows its id, so a gap is visible (and tests/catalog.rs finds it first).
    pub fn format(&self, id: &str, args: &[(&str, &str)]) -> String {
        let text = if self.locale == Locale::Pseudo {
            self.messages.format(id, args, &pseudo).map(|text| format!("[{text}]"))
        } else {
            self.messages.format(id, args, &str::to_string)
        };
        text.unwrap_or_else(|| id.to_string())
    }

    /// A number a person typed, read the way this language writes numbers: a decimal
    /// comma in Spanish ("7,5"; a point is read as one too, since Spanish here groups
    /// thousands with a space), a decimal point in English (where a comma, "7,5", is
    /// refused rather than guessed). Spaces between digits, a leading + or − and an
    /// exponent (1e-9, or 1,5e-3 in Spanish) are read. None for anything else: an empty field,
    /// letters, "NaN", "Infinity", two decimal signs.
    pub fn read_number(&self, text: &str) -> Option<f64> {
        let (decimal, _) = self.locale.number_style();
        let mut plain = String::with_capacity(text.len());
        let (mut points, mut digits) = (0, 0);
        for c in text.trim().chars() {
            let c = match c {
                ' ' | '\u{a0}' | '\u{202f}' | '\u{2009}' => continue,
                '\u{2212}' => '-',
                ',' if decimal == ',' => '.',
                '0'..='9' | '.' | '-' | '+' | 'e' | 'E' => c,
                _ => return None,
            };
            points += usize::from(c == '.');
            digits += usize::from(c.is_ascii_digit());
            plain.push(c);
        }
        // At most one decimal sign, some digit, and a digit or the decimal sign right
        // after any sign ("e5" and "+" are not numbers; letters were refused above).
        let body = plain.strip_prefix(['+', '-']).unwrap_or(&plain);
        if points > 1 || digits == 0 || !matches!(body.as_bytes().first(), Some(b'0'..=b'9' | b'.')) {
            return None;
        }
        read_decimal(&plain)
    }

    /// A number made by `format.rs` (ASCII decimal point, commas between thousands) in
    /// this language's style: "6.95" → "6,95" and "64,000" → "64 000" in Spanish.
    pub fn number(&self, digits: &str) -> String {
        let (decimal, group) = self.locale.number_style();
        if (decimal, group) == ('.', ',') {
            return digits.to_string();
        }
        digits
            .chars()
            .map(|c| match c {
                '.' => decimal,
                ',' => group,
                c => c,
            })
            .collect()
    }
}

/// A plain decimal ("-7.5", "+.5", "140.", "007", "1.5e-3") as a finite number, or None
/// for anything else ("1e", "1.2.3", "1e999").
///
/// Read by serde_json's number reader, which the page already has for every command,
/// rather than `str::parse`: the standard library's float reader carries a 10 KB table
/// of powers of five (Eisel–Lemire) that cost 8 KB of the gzipped page. The text is
/// put in JSON's grammar first (no "+", a digit on each side of the point, no leading
/// zeros). In the page's wasm, serde_json reads a decimal as people type it (a few
/// decimals, no exponent) exactly as `str::parse` does, and any other within two units
/// in the last binary place; natively (with `float_roundtrip`) always exactly
/// (tests/shared/decimals.rs, in both tiers).
pub fn read_decimal(text: &str) -> Option<f64> {
    let (negative, rest) = match text.as_bytes().first() {
        Some(b'-') => (true, &text[1..]),
        Some(b'+') => (false, &text[1..]),
        _ => (false, text),
    };
    let (mantissa, exponent) = match rest.split_once(['e', 'E']) {
        Some((m, e)) => (m, Some(e)),
        None => (rest, None),
    };
    let (whole, fraction) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if !digits(whole) || !digits(fraction) || whole.len() + fraction.len() == 0 {
        return None;
    }
    let mut json = String::with_capacity(text.len() + 2);
    if negative {
        json.push('-');
    }
    let whole = whole.trim_start_matches('0');
    json.push_str(if whole.is_empty() { "0" } else { whole });
    if !fraction.is_empty() {
        json.push('.');
        json.push_str(fraction);
    }
    if let Some(exponent) = exponent {
        let power = exponent.strip_prefix(['+', '-']).unwrap_or(exponent);
        if power.is_empty() || !digits(power) {
            return None;
        }
        json.push('e');
        json.push_str(exponent);
    }
    serde_json::from_str::<f64>(&json).ok().filter(|x| x.is_finite())
}

/// The pseudo-locale's transform of each piece of message text (not the arguments):
/// every ASCII letter swapped for an accented twin, and vowels doubled and padding
/// added until the text is 40 % longer than English, as German or Finnish often is.
pub fn pseudo(text: &str) -> String {
    // Twins of a–z, then A–Z.
    const TWIN: [char; 52] = [
        'ȧ', 'ƀ', 'ƈ', 'ḓ', 'ḗ', 'ƒ', 'ɠ', 'ħ', 'ī', 'ĵ', 'ķ', 'ŀ', 'ḿ', 'ƞ', 'ǿ', 'ƥ', 'ɋ', 'ř', 'ş', 'ŧ', 'ŭ', 'ṽ',
        'ẇ', 'ẋ', 'ẏ', 'ẑ', 'Ȧ', 'Ɓ', 'Ƈ', 'Ḓ', 'Ḗ', 'Ƒ', 'Ɠ', 'Ħ', 'Ī', 'Ĵ', 'Ķ', 'Ŀ', 'Ḿ', 'Ƞ', 'Ǿ', 'Ƥ', 'Ɋ', 'Ř',
        'Ş', 'Ŧ', 'Ŭ', 'Ṽ', 'Ẇ', 'Ẋ', 'Ẏ', 'Ẑ',
    ];
    let mut out = String::with_capacity(text.len() * 2);
    let mut chars = 0;
    for c in text.chars() {
        let twin = match c {
            'a'..='z' => TWIN[c as usize - 'a' as usize],
            'A'..='Z' => TWIN[26 + c as usize - 'A' as usize],
            _ => c,
        };
        out.push(twin);
        chars += 1;
        if matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'A' | 'E' | 'I' | 'O' | 'U') {
            out.push(twin);
            chars += 1;
        }
    }
    let target = (text.chars().count() * 7).div_ceil(5);
    while chars < target {
        out.push('~');
        chars += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn languages_are_chosen_by_their_subtag_and_fall_back_to_english() {
        assert_eq!(Locale::from_tag("es-MX"), Some(Locale::Spanish));
        assert_eq!(Locale::from_tag("EN_gb"), Some(Locale::English));
        assert_eq!(Locale::from_tag("en-XA"), Some(Locale::Pseudo));
        assert_eq!(Locale::from_tag("de"), None);
        assert_eq!(Locale::negotiate(["de-DE", "es", "en"]), Locale::Spanish);
        assert_eq!(Locale::negotiate(["en-XA", "fr"]), Locale::English);
        assert_eq!(Locale::negotiate([]), Locale::English);
    }

    #[test]
    fn numbers_take_the_language_style() {
        let es = Catalog::new(Locale::Spanish);
        assert_eq!(es.number("−6.95"), "−6,95");
        assert_eq!(es.number("64,000.5"), "64\u{202f}000,5");
        assert_eq!(Catalog::english().number("64,000.5"), "64,000.5");
    }

    #[test]
    fn the_pseudo_locale_leaves_no_ascii_letter_and_is_longer() {
        let pseudo = Catalog::new(Locale::Pseudo);
        let en = Catalog::english();
        let text = pseudo.text("button-step-forward");
        assert!(text.starts_with('[') && text.ends_with(']'), "{text}");
        assert!(!text.chars().any(|c| c.is_ascii_alphabetic()), "{text}");
        assert!(text.chars().count() as f64 >= 1.4 * en.text("button-step-forward").chars().count() as f64);
        // Arguments are the learner's data and stay as they are.
        assert!(pseudo.format("control-inside", &[("ion", "K⁺")]).contains("K⁺"));
    }
}
