//! A property test over the parsers that read what a link and an embedding page send:
//! random and adversarial JSON (nesting to 10,000, a million keys, duplicate keys, Maps
//! written as plain objects, huge strings, names from every kind of Unicode character).
//! No case may panic, allocate more than a few MB beyond its own input, or take long;
//! the case count, the slowest and the hungriest case are printed (`--nocapture`).
//!
//! One test in this binary, so the counting allocator sees its allocations alone.

#![cfg(not(target_arch = "wasm32"))] // native tier; the wasm tier is tests/web.rs
#![allow(clippy::unwrap_used, clippy::expect_used)] // a failed unwrap is a failed test

use std::alloc::System;

use base64::Engine;
use cap::Cap;
use vrest::lab::host::{self, Request};
use vrest::lab::link::Link;
use vrest::lab::Lab;

/// Counts the bytes allocated; each case runs under a limit set a few MB above what is
/// live before it (an allocation past it aborts the test binary).
#[global_allocator]
static ALLOCATOR: Cap<System> = Cap::new(System, usize::MAX);

/// What one case may allocate beyond what was live before it (its input included).
const CASE_BYTES: usize = 8 << 20;

/// `n` levels of arrays or objects, as JSON text.
fn nested(n: usize, object: bool) -> String {
    if object {
        "{\"a\":".repeat(n) + "1" + &"}".repeat(n)
    } else {
        "[".repeat(n) + &"]".repeat(n)
    }
}

/// A name of up to 20 characters drawn from across Unicode: controls, direction
/// controls, combining marks, right-to-left letters, CJK, emoji, private use, noncharacters,
/// quotes, markup and formula starters.
fn wild_name(rng: &mut fastrand::Rng) -> String {
    const RANGES: [(u32, u32); 14] = [
        (0x00, 0x1f),
        (0x20, 0x7e),
        (0x7f, 0x9f),
        (0x300, 0x36f),
        (0x590, 0x8ff),
        (0x200b, 0x200f),
        (0x2028, 0x202e),
        (0x2066, 0x2069),
        (0x4e00, 0x9fff),
        (0xe000, 0xf8ff),
        (0xfdd0, 0xfdef),
        (0xfff0, 0xffff),
        (0x1f300, 0x1faff),
        (0x10fff0, 0x10ffff),
    ];
    let n = rng.usize(0..=20);
    let mut out = String::new();
    for _ in 0..n {
        if rng.u8(..) < 40 {
            out.push_str(["<svg onload=alert(1)>", "\"></iframe>", "=1+1", "&", "#", ",", "'"][rng.usize(..7)]);
            continue;
        }
        let (lo, hi) = RANGES[rng.usize(..RANGES.len())];
        if let Some(c) = char::from_u32(rng.u32(lo..=hi)) {
            out.push(c);
        }
    }
    out
}

/// A random JSON value of bounded size, often scenario-shaped.
fn wild_value(rng: &mut fastrand::Rng, depth: usize) -> serde_json::Value {
    use serde_json::json;
    match rng.u8(..10) {
        _ if depth > 6 => json!(rng.f64() * 1e3),
        0 => json!(null),
        1 => json!(rng.bool()),
        2 => json!(rng.i64(..)),
        3 => json!([f64::MAX, f64::MIN_POSITIVE, -0.0, 1e-300][rng.usize(..4)]),
        4 => json!(wild_name(rng)),
        5 => serde_json::Value::Array((0..rng.usize(0..5)).map(|_| wild_value(rng, depth + 1)).collect()),
        // A Map as a host's JSON would spell it.
        6 => json!({"dataType": "Map", "value": [[wild_name(rng), wild_value(rng, depth + 1)]]}),
        7 => json!({"name": wild_name(rng), "charge": rng.i8(..), "inside_mm": rng.f64() * 200.0,
            "outside_mm": rng.f64() * 200.0, "permeability_cm_per_s": rng.f64() * 1e-6}),
        _ => {
            let keys = ["ions", "temperature_c", "pump", "cell", "gates", "name", "preset", "x"];
            serde_json::Value::Object(
                (0..rng.usize(0..5))
                    .map(|_| (keys[rng.usize(..keys.len())].to_string(), wild_value(rng, depth + 1)))
                    .collect(),
            )
        }
    }
}

/// The texts a case sends: adversarial shapes first, then random ones.
fn case_text(rng: &mut fastrand::Rng, i: usize) -> String {
    match i % 8 {
        0 => nested(rng.usize(1..=10_000), rng.bool()),
        // A million keys (about 10 MB of text).
        1 if i % 80 == 1 => {
            let mut s = String::from("{");
            for k in 0..1_000_000 {
                s.push_str(&format!("\"k{k}\":1,"));
            }
            s.pop();
            s + "}"
        }
        // Duplicate keys, the second a different type.
        2 => format!("{{\"ions\": [], \"ions\": {}, \"temperature_c\": 20, \"temperature_c\": \"x\"}}", rng.u8(..)),
        // A huge string.
        3 => format!("{{\"ions\": [{{\"name\": \"{}\"}}]}}", "é".repeat(rng.usize(1..200_000))),
        // A scenario patch with wild ions (up to 10: more than a cell may have).
        4 | 5 => {
            let ions: Vec<serde_json::Value> = (0..rng.usize(1..=10))
                .map(|_| {
                    let charge = [1, -1, 2, 0, 3][rng.usize(..5)];
                    serde_json::json!({"name": wild_name(rng), "charge": charge,
                        "inside_mm": rng.f64() * 150.0, "outside_mm": rng.f64() * 150.0,
                        "permeability_cm_per_s": rng.f64() * 1e-6})
                })
                .collect();
            serde_json::json!({"ions": ions}).to_string()
        }
        _ => wild_value(rng, 0).to_string(),
    }
}

#[test]
fn the_link_and_message_parsers_hold_against_random_and_adversarial_json() {
    let b64 = |t: &str| format!("v1.{}", base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(t));
    let mut rng = fastrand::Rng::with_seed(0x1717);
    let base = Lab::new(1).unwrap();
    let cases = 1_600;
    let (mut slowest, mut hungriest) = ((0u128, String::new()), (0usize, String::new()));
    for i in 0..cases {
        let text = case_text(&mut rng, i);
        let shape: String = text.chars().take(40).collect();
        // The inputs, made before the case: as a link's state (with a lock list and a
        // repeated key beside it; a browser's link is at most 2 MB) and as a message.
        let state = if text.len() <= 1 << 20 { b64(&text) } else { format!("v1.{}", "A".repeat(1 << 20)) };
        let pairs = vec![
            ("preset".to_string(), "neuron".to_string()),
            ("s".to_string(), state),
            ("lock".to_string(), "ion,pump,temperature".to_string()),
            ("s".to_string(), "v1.e30".to_string()),
        ];
        let message = format!("{{\"vrest\":1,\"id\":{i},\"do\":\"set_state\",\"args\":{{\"scenario\":{text}}}}}");
        let mut lab = base.clone();
        // Each case within its own allocation limit, timed.
        let before = ALLOCATOR.allocated();
        ALLOCATOR.set_limit(before + CASE_BYTES).unwrap();
        let total_before = ALLOCATOR.total_allocated();
        #[allow(clippy::disallowed_methods)] // native: the case's time is what is reported
        let started = std::time::Instant::now();
        {
            let _ = lab.follow(&Link::parse(&pairs));
            if let Ok((_, Request::Change(commands))) = host::parse_text(&message) {
                let _ = lab.apply_all(&commands);
            }
            let _ = lab.host_state();
        }
        let elapsed = started.elapsed().as_micros();
        ALLOCATOR.set_limit(usize::MAX).unwrap();
        // Every byte allocated during the case: at least its peak.
        let used = ALLOCATOR.total_allocated() - total_before;
        if elapsed > slowest.0 {
            slowest = (elapsed, format!("case {i}: {shape}"));
        }
        if used > hungriest.0 {
            hungriest = (used, format!("case {i}: {shape}"));
        }
    }
    println!(
        "{cases} cases; slowest {:.1} ms ({}); most allocated in a case, in all {:.2} MB ({})",
        slowest.0 as f64 / 1e3,
        slowest.1,
        hungriest.0 as f64 / 1e6,
        hungriest.1
    );
    // The limit held every case to CASE_BYTES live; none even allocated that much in all.
    assert!(hungriest.0 < CASE_BYTES, "{} bytes", hungriest.0);
    // The aim is 50 ms a case (8 ms measured here); the bound leaves room for a loaded
    // machine and still catches a parser that freezes (a quadratic check took 37 s).
    assert!(slowest.0 < 200_000, "{} µs", slowest.0);
}
