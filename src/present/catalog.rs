//! The text catalog: every word the page shows, from one Fluent file per language
//! (`locales/<lang>/vrest.ftl`), embedded in the build. Only English ships so far.
//!
//! Messages take their numbers as arguments, already formatted by `format.rs`.
//! Bidirectional isolation marks are off: much of this text is drawn on a canvas,
//! where the marks show as boxes, and English needs none.

use fluent_bundle::{FluentArgs, FluentBundle, FluentResource, FluentValue};

const ENGLISH: &str = include_str!("../../locales/en/vrest.ftl");

/// One language's messages.
pub struct Catalog {
    bundle: FluentBundle<FluentResource>,
    /// Problems found while loading the catalog (a test requires none).
    problems: Vec<String>,
}

impl std::fmt::Debug for Catalog {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Catalog").field("locales", &self.bundle.locales).finish()
    }
}

impl Catalog {
    /// The English catalog.
    pub fn english() -> Catalog {
        Catalog::from_source("en", ENGLISH)
    }

    fn from_source(lang: &str, source: &str) -> Catalog {
        let mut problems = Vec::new();
        // Positions only: formatting the parser's error kinds would ship their names
        // and messages in the wasm, for errors a test rules out before any build ships.
        let resource = FluentResource::try_new(source.to_string()).unwrap_or_else(|(partial, errors)| {
            problems.extend(
                errors.iter().map(|e| format!("{lang}: a syntax error at bytes {}..{}", e.pos.start, e.pos.end)),
            );
            partial
        });
        let langid = lang.parse().unwrap_or_default();
        let mut bundle = FluentBundle::new(vec![langid]);
        bundle.set_use_isolating(false);
        if let Err(errors) = bundle.add_resource(resource) {
            problems.push(format!("{lang}: {} messages defined twice", errors.len()));
        }
        Catalog { bundle, problems }
    }

    /// Problems in the catalog's source: none in a shipped catalog.
    pub fn problems(&self) -> &[String] {
        &self.problems
    }

    /// Whether the catalog has a message with this id.
    pub fn has(&self, id: &str) -> bool {
        self.bundle.has_message(id)
    }

    /// The message `id` without arguments.
    pub fn text(&self, id: &str) -> String {
        self.format(id, &[])
    }

    /// The message `id` with its arguments, each already formatted. A missing message
    /// shows its id, so a gap is visible (and tests/catalog.rs finds it first).
    pub fn format(&self, id: &str, args: &[(&str, &str)]) -> String {
        let Some(pattern) = self.bundle.get_message(id).and_then(|m| m.value()) else {
            return id.to_string();
        };
        let mut fluent_args = FluentArgs::new();
        for (name, value) in args {
            fluent_args.set(*name, FluentValue::from(*value));
        }
        let mut errors = Vec::new();
        self.bundle.format_pattern(pattern, Some(&fluent_args), &mut errors).into_owned()
    }
}
