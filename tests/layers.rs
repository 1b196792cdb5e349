//! The wall between the layers, checked by reading the sources:
//!
//!   vrest_core (crates/vrest-core) ← lab ← present ← web,   and   bin → present, vrest_core
//!   (and the lab's one argument reader, lab::args::Args)
//!
//! 1. No layer names a higher one, and the core names no RNG, drawing, web or text crate.
//! 2. The core's manifest lists only serde, serde_json and serde_path_to_error.
//! 3. No modules import each other in a circle, within either crate.

#![cfg(not(target_arch = "wasm32"))] // native tier; the wasm tier is tests/web.rs
#![allow(clippy::unwrap_used, clippy::expect_used)] // a failed unwrap is a failed test

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// Every .rs file under `dir`, sorted.
fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

/// The code of a file: comments and the unit-test module removed.
fn code(path: &Path) -> String {
    let text = fs::read_to_string(path).unwrap();
    let text = text.split("#[cfg(test)]\nmod tests").next().unwrap_or_default();
    text.lines()
        .map(|line| {
            let trimmed = line.trim_start();
            if trimmed.starts_with("//") {
                ""
            } else {
                // A trailing comment; a "//" inside a string literal would be cut too,
                // which only makes the check stricter about what precedes it.
                line.split(" // ").next().unwrap_or_default()
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The places under `dir` whose code contains any of `forbidden`.
/// The source line an offence names ("path:line: names `word`").
fn bin_line(offence: &str) -> String {
    let mut parts = offence.splitn(3, ':');
    let (path, line) = (parts.next().unwrap_or(""), parts.next().and_then(|n| n.parse::<usize>().ok()));
    let text = fs::read_to_string(path).unwrap_or_default();
    line.and_then(|n| text.lines().nth(n - 1)).unwrap_or("").to_string()
}

fn offences(dir: &str, forbidden: &[&str]) -> Vec<String> {
    let mut found = Vec::new();
    for file in rust_files(&Path::new(ROOT).join(dir)) {
        let code = code(&file);
        for word in forbidden {
            for (n, line) in code.lines().enumerate() {
                if line.contains(word) {
                    found.push(format!("{}:{}: names `{word}`", file.display(), n + 1));
                }
            }
        }
    }
    found
}

#[test]
fn no_layer_names_a_higher_one() {
    let web_crates = ["wasm_bindgen", "web_sys", "js_sys", "plotters_canvas", "serde_wasm_bindgen"];
    let mut found = Vec::new();
    let mut core =
        vec!["vrest::", "crate::lab", "crate::present", "crate::web", "fastrand", "rand::", "plotters", "fluent"];
    core.extend(web_crates);
    found.extend(offences("crates/vrest-core/src", &core));
    let mut lab = vec!["crate::present", "crate::web", "plotters", "fluent", "Catalog"];
    lab.extend(web_crates);
    found.extend(offences("src/lab", &lab));
    let mut present = vec!["crate::web"];
    present.extend(web_crates);
    found.extend(offences("src/present", &present));
    // The CLI stands on the core, takes its words from the catalog (present) and reads
    // its flags with the lab's one argument reader; nothing else of the lab's.
    let lab = offences("src/bin", &["vrest::lab"]);
    found.extend(lab.into_iter().filter(|o| bin_line(o).trim() != "use vrest::lab::args::Args;"));
    found.extend(offences("src/bin", &["vrest::web", "crate::"]));
    assert!(found.is_empty(), "imports across the layers' wall:\n{}", found.join("\n"));
}

#[test]
fn the_core_depends_on_serde_alone() {
    let manifest = fs::read_to_string(Path::new(ROOT).join("crates/vrest-core/Cargo.toml")).unwrap();
    let deps: Vec<&str> = manifest
        .split("\n[dependencies]\n")
        .nth(1)
        .unwrap()
        .split("\n[")
        .next()
        .unwrap()
        .lines()
        .filter_map(|l| l.split_once('=').map(|(name, _)| name.trim()))
        .filter(|name| !name.is_empty() && !name.starts_with('#'))
        .collect();
    assert_eq!(deps, ["serde", "serde_json", "serde_path_to_error"]);
}

/// A crate's modules and which of them each one imports.
struct Graph {
    edges: BTreeMap<Vec<String>, BTreeSet<Vec<String>>>,
}

/// The module path of a source file under `src`: lib.rs → [], lab/mod.rs → [lab],
/// lab/scene.rs → [lab, scene].
fn module_of(src: &Path, file: &Path) -> Vec<String> {
    let rel = file.strip_prefix(src).unwrap();
    let mut parts: Vec<String> = rel.iter().map(|p| p.to_string_lossy().into_owned()).collect();
    let last = parts.pop().unwrap();
    match last.as_str() {
        "lib.rs" | "mod.rs" => {}
        other => parts.push(other.trim_end_matches(".rs").to_string()),
    }
    parts
}

/// The paths an item refers to: `crate::a::b`, `super::x`, `self::y` and, from a module
/// with children, `child::z`; `use p::{a, b::c}` expands to each path.
fn referenced_paths(code: &str, module: &[String], children: &BTreeSet<String>) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    // `use` statements, with their braces expanded.
    for statement in code.split(';') {
        let Some(start) = statement.find("use ") else { continue };
        let before = &statement[..start];
        if !(before.trim().is_empty() || before.trim_end().ends_with("pub") || before.trim_end().ends_with('}')) {
            continue;
        }
        let tree: String = statement[start + 4..].chars().filter(|c| !c.is_whitespace()).collect();
        expand(&tree, &mut Vec::new(), &mut |path| out.push(path));
    }
    // Paths written inline: crate::x::y, super::x.
    for prefix in ["crate::", "super::"] {
        for (i, _) in code.match_indices(prefix) {
            if i > 0 && code[..i].ends_with(|c: char| c.is_alphanumeric() || c == '_' || c == ':') {
                continue;
            }
            let path: String =
                code[i..].chars().take_while(|c| c.is_alphanumeric() || *c == '_' || *c == ':').collect();
            out.push(path.split("::").filter(|s| !s.is_empty()).map(String::from).collect());
        }
    }
    out.into_iter()
        .filter_map(|segments: Vec<String>| {
            let first = segments.first()?.as_str();
            let mut resolved: Vec<String> = match first {
                "crate" => Vec::new(),
                "super" => module[..module.len().saturating_sub(1)].to_vec(),
                "self" => module.to_vec(),
                child if children.contains(child) => {
                    let mut m = module.to_vec();
                    m.push(child.to_string());
                    m.extend(segments[1..].iter().cloned());
                    return Some(m);
                }
                _ => return None,
            };
            resolved.extend(segments[1..].iter().cloned());
            Some(resolved)
        })
        .collect()
}

/// Expand a use-tree such as `super::{a::B,c::{D,E}}` into its full paths.
fn expand(tree: &str, prefix: &mut Vec<String>, emit: &mut impl FnMut(Vec<String>)) {
    if let Some(open) = tree.find('{') {
        let head: Vec<String> = tree[..open].split("::").filter(|s| !s.is_empty()).map(String::from).collect();
        let inner = &tree[open + 1..tree.rfind('}').unwrap_or(tree.len())];
        let mut depth = 0;
        let mut start = 0;
        let mut parts = Vec::new();
        for (i, c) in inner.char_indices() {
            match c {
                '{' => depth += 1,
                '}' => depth -= 1,
                ',' if depth == 0 => {
                    parts.push(&inner[start..i]);
                    start = i + 1;
                }
                _ => {}
            }
        }
        parts.push(&inner[start..]);
        let n = prefix.len();
        prefix.extend(head);
        for part in parts.into_iter().filter(|p| !p.is_empty()) {
            expand(part, prefix, emit);
        }
        prefix.truncate(n);
    } else {
        let mut path = prefix.clone();
        path.extend(tree.split(" as ").next().unwrap_or(tree).split("::").filter(|s| !s.is_empty()).map(String::from));
        emit(path);
    }
}

impl Graph {
    fn of(src: &str) -> Graph {
        let src = Path::new(ROOT).join(src);
        let files: Vec<PathBuf> = rust_files(&src).into_iter().filter(|f| !f.starts_with(src.join("bin"))).collect();
        let modules: BTreeSet<Vec<String>> = files.iter().map(|f| module_of(&src, f)).collect();
        let mut edges = BTreeMap::new();
        for file in &files {
            let module = module_of(&src, file);
            let children: BTreeSet<String> = modules
                .iter()
                .filter(|m| m.len() == module.len() + 1 && m.starts_with(&module))
                .map(|m| m.last().unwrap().clone())
                .collect();
            let targets: BTreeSet<Vec<String>> = referenced_paths(&code(file), &module, &children)
                .into_iter()
                .filter_map(|path| {
                    // The longest prefix that is a module: `crate::lab::Lab` is `lab`.
                    (0..=path.len()).rev().map(|k| path[..k].to_vec()).find(|p| modules.contains(p))
                })
                .filter(|target| *target != module)
                .collect();
            edges.insert(module, targets);
        }
        Graph { edges }
    }

    /// A circle of imports, if there is one.
    fn cycle(&self) -> Option<Vec<Vec<String>>> {
        fn visit(
            g: &Graph,
            m: &Vec<String>,
            stack: &mut Vec<Vec<String>>,
            done: &mut BTreeSet<Vec<String>>,
        ) -> Option<Vec<Vec<String>>> {
            if let Some(at) = stack.iter().position(|s| s == m) {
                let mut circle = stack[at..].to_vec();
                circle.push(m.clone());
                return Some(circle);
            }
            if done.contains(m) {
                return None;
            }
            stack.push(m.clone());
            for next in g.edges.get(m).into_iter().flatten() {
                if let Some(c) = visit(g, next, stack, done) {
                    return Some(c);
                }
            }
            stack.pop();
            done.insert(m.clone());
            None
        }
        let mut done = BTreeSet::new();
        self.edges.keys().find_map(|m| visit(self, m, &mut Vec::new(), &mut done))
    }
}

fn show(circle: &[Vec<String>]) -> String {
    circle.iter().map(|m| if m.is_empty() { "crate".to_string() } else { m.join("::") }).collect::<Vec<_>>().join(" → ")
}

#[test]
fn no_modules_import_each_other_in_a_circle() {
    for src in ["src", "crates/vrest-core/src"] {
        let graph = Graph::of(src);
        assert!(graph.edges.len() > 5, "{src}: only {} modules found", graph.edges.len());
        if let Some(circle) = graph.cycle() {
            panic!("{src}: modules import each other in a circle: {}", show(&circle));
        }
    }
}

#[test]
fn the_checker_finds_a_circle_and_the_edges_it_should() {
    // The checker itself, on the real tree: edges it must see...
    let root = Graph::of("src");
    let edge = |from: &[&str], to: &[&str]| {
        let from: Vec<String> = from.iter().map(|s| s.to_string()).collect();
        let to: Vec<String> = to.iter().map(|s| s.to_string()).collect();
        root.edges.get(&from).is_some_and(|t| t.contains(&to))
    };
    assert!(edge(&["present", "readout"], &["lab"]), "present::readout uses crate::lab");
    assert!(edge(&["lab"], &["lab", "controls"]), "lab uses its child controls");
    assert!(edge(&["lab", "scene"], &["lab", "crossings"]), "lab::scene uses super::crossings");
    // ... and a circle made by hand.
    let a = vec!["a".to_string()];
    let b = vec!["b".to_string()];
    let g = Graph { edges: BTreeMap::from([(a.clone(), BTreeSet::from([b.clone()])), (b, BTreeSet::from([a]))]) };
    assert_eq!(show(&g.cycle().unwrap()), "a → b → a");
    // A use-tree expands to every path in it.
    let mut paths = Vec::new();
    expand("super::{a::B,c::{D,E}}", &mut Vec::new(), &mut |p| paths.push(p.join("::")));
    assert_eq!(paths, ["super::a::B", "super::c::D", "super::c::E"]);
}
