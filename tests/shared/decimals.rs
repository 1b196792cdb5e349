//! `present::catalog::read_decimal` against the standard library's float reader, in
//! both tiers: natively serde_json reads floats exactly (`float_roundtrip`), in the
//! page's wasm it reads them its faster way, and this must hold for both.

use vrest::present::catalog::read_decimal;

/// Every text read within 2·ε·|x| of what `str::parse` reads (two units in the last
/// binary place), and a number as people type it (a few decimals, no exponent) exactly;
/// the texts that are not numbers refused.
pub fn read_as_the_standard_library_reads_them() {
    let mut rng = fastrand::Rng::with_seed(7);
    let mut worst = [0.0f64; 7];
    let mut inexact = [0usize; 7];
    for _ in 0..20_000 {
        // Values across the decades a field can take, and their negatives.
        let x = (rng.f64() - 0.5) * 10f64.powi(rng.i32(-12..=12));
        let digits = rng.usize(1..=15);
        let texts = [
            format!("{x:.*e}", digits - 1),
            format!("{x}"),
            format!("{:.3}", x),
            format!("+{:.2}", x.abs()),
            format!("00{:.4}", x.abs()),
            format!("{}.", x.abs().round()),
            format!("{:.3}", x.abs()).trim_start_matches('0').to_string(),
        ];
        for (k, text) in texts.into_iter().enumerate() {
            let std = text.parse::<f64>().expect("the standard library reads every one of these");
            let ours = read_decimal(&text).unwrap_or_else(|| panic!("{text:?} was not read"));
            let ulps = (ours - std).abs() / (f64::EPSILON * std.abs()).max(f64::MIN_POSITIVE);
            worst[k] = worst[k].max(ulps);
            inexact[k] += usize::from(ours != std);
        }
    }
    // Measured in the page's wasm: at worst 1.24·ε·|x| off (the shortest forms, 17%
    // of them; 2% of the 15-digit exponent forms); natively none.
    assert!(worst.iter().all(|&w| w <= 2.0), "ε·|x| off at worst, by form: {worst:?}");
    assert_eq!(inexact[2..], [0; 5], "the fixed-point forms, as people type them, read exactly");
    for (text, want) in [("-0", Some(-0.0)), ("1e+5", Some(1e5)), ("1E-3", Some(1e-3)), (".5", Some(0.5))] {
        assert_eq!(read_decimal(text), want, "{text:?}");
    }
    for text in ["", "+", "-", ".", "e5", "1e", "1e+", "1.2.3", "1e5.5", "--1", "+-1", "1-2", "0x10", "1e999", "inf"] {
        assert_eq!(read_decimal(text), None, "{text:?}");
    }
}
