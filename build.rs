//! Compiles src/bin/vrest/stdout_open.c (why it is C: see that file) and links it into
//! the `vrest` binary (and, as cargo applies `rustc-link-arg-bin`, that binary's own
//! unit-test harness) on native unix targets only: not into the library, the wasm page
//! or the integration tests.

use std::path::PathBuf;
use std::process::Command;

const SOURCE: &str = "src/bin/vrest/stdout_open.c";

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-changed={SOURCE}");
    let var = |name: &str| std::env::var(name).unwrap_or_default();
    // The binary exists only with the `cli` feature (the page's build turns it off).
    if var("CARGO_CFG_TARGET_FAMILY") != "unix"
        || var("CARGO_CFG_TARGET_ARCH") == "wasm32"
        || var("CARGO_FEATURE_CLI").is_empty()
    {
        return;
    }
    // The C compiler for the target: CC_<target>, TARGET_CC or CC (as the `cc` crate reads
    // them), else `cc`.
    let target = var("TARGET");
    let names = [format!("CC_{target}"), format!("CC_{}", target.replace('-', "_")), "TARGET_CC".into(), "CC".into()];
    for name in &names {
        println!("cargo:rerun-if-env-changed={name}");
    }
    let compiler = names.iter().map(|n| var(n)).find(|v| !v.trim().is_empty()).unwrap_or_else(|| "cc".into());
    // It may carry words of its own ("ccache gcc", "gcc -m32").
    let mut words = compiler.split_whitespace();
    let program = words.next().unwrap_or("cc");
    let object = PathBuf::from(var("OUT_DIR")).join("stdout_open.o");
    let status = Command::new(program)
        .args(words)
        .args(["-c", "-O2", "-fPIC", "-o"])
        .arg(&object)
        .arg(SOURCE)
        .status()
        .unwrap_or_else(|e| panic!("cannot run the C compiler `{compiler}`: {e}"));
    assert!(status.success(), "`{compiler}` failed to compile {SOURCE} ({status})");
    // An object on the link line is always linked (an archive member nothing refers to
    // would be dropped, and its constructor with it).
    println!("cargo:rustc-link-arg-bin=vrest={}", object.display());
}
