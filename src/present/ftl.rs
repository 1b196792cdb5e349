//! The part of Fluent (FTL) the catalogs use, read and resolved here: messages with
//! text, `{ $variable }` and `{ "literal" }` placeables and `{ $variable -> [key] … *[default] … }`
//! selectors over text arguments, comments, and indented continuation lines.
//!
//! Why not `fluent-bundle`: the page gives every argument as text already formatted
//! (`format.rs`, [`super::Catalog::number`]), so Fluent's number formatting, plural
//! rules, language tags, terms, attributes and functions went unused, and they cost
//! 36 KB of the gzipped page (doc/implementation-notes.md). A syntax this reader does
//! not know (a term, an attribute, a message reference, a string literal) is reported
//! as a problem, which a test rules out for every shipped catalog, and
//! `tests/catalog.rs` formats every message of every catalog with `fluent-bundle` as
//! well and requires the same text.

/// One piece of a message's pattern.
#[derive(Debug, Clone, PartialEq)]
enum Element {
    Text(String),
    /// A `{ "literal" }`: its text as written, not transformed (as Fluent does).
    Literal(String),
    Variable(String),
    /// The variable's value picks the variant with that key, else the default.
    Select {
        variable: String,
        variants: Vec<(String, Vec<Element>)>,
        default: usize,
    },
}

/// Every message of one catalog, sorted by id.
#[derive(Debug, Clone, Default)]
pub struct Messages {
    /// Each message's id, the line it starts on, and its pattern, sorted by id.
    messages: Vec<(String, usize, Vec<Element>)>,
}

impl Messages {
    /// Read a catalog. Lines it cannot read are skipped and listed with their line
    /// numbers in the second value; so is an id defined twice (the first is kept).
    pub fn parse(source: &str) -> (Messages, Vec<String>) {
        let mut messages: Vec<(String, usize, Vec<Element>)> = Vec::new();
        let mut problems = Vec::new();
        let lines: Vec<&str> = source.lines().collect();
        let mut i = 0;
        while i < lines.len() {
            let line = lines[i];
            let first = i + 1;
            i += 1;
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let Some((id, value)) = line.split_once('=').map(|(id, v)| (id.trim_end(), v)) else {
                problems.push(format!("line {first}: not a message"));
                continue;
            };
            if !is_identifier(id) {
                problems.push(format!("line {first}: `{id}` is not a message id this reader knows"));
                continue;
            }
            // The message runs on over indented lines and over the lines of an open
            // placeable (a selector's variants and its closing brace).
            let mut text = value.to_string();
            while i < lines.len() && (continues(lines[i]) || open_braces(&text) > 0) {
                text.push('\n');
                text.push_str(lines[i]);
                i += 1;
            }
            match Reader::new(&text).pattern(0) {
                Ok(pattern) => messages.push((id.to_string(), first, pattern)),
                Err(why) => problems.push(format!("line {first}: {id}: {why}")),
            }
        }
        // By id, and of two definitions of one id the first first, and kept.
        vrest_core::sort::heapsort_by(&mut messages, |a, b| (&a.0, a.1) < (&b.0, b.1));
        messages.dedup_by(|later, earlier| {
            let twice = later.0 == earlier.0;
            if twice {
                problems.push(format!("{} is defined twice", later.0));
            }
            twice
        });
        (Messages { messages }, problems)
    }

    fn get(&self, id: &str) -> Option<&[Element]> {
        self.messages.binary_search_by(|(known, ..)| known.as_str().cmp(id)).ok().map(|k| self.messages[k].2.as_slice())
    }

    pub fn has(&self, id: &str) -> bool {
        self.get(id).is_some()
    }

    /// The message with its arguments, each piece of the catalog's own text passed
    /// through `transform` (the pseudo-locale's), the arguments as given. A variable
    /// without an argument shows as `{$name}`, as Fluent shows it. None for no such id.
    pub fn format(&self, id: &str, args: &[(&str, &str)], transform: &dyn Fn(&str) -> String) -> Option<String> {
        let mut out = String::new();
        write(self.get(id)?, args, transform, &mut out);
        Some(out)
    }
}

fn write(pattern: &[Element], args: &[(&str, &str)], transform: &dyn Fn(&str) -> String, out: &mut String) {
    let arg = |name: &str| args.iter().find(|(n, _)| *n == name).map(|(_, v)| *v);
    for element in pattern {
        match element {
            Element::Text(text) => out.push_str(&transform(text)),
            Element::Literal(text) => out.push_str(text),
            Element::Variable(name) => match arg(name) {
                Some(value) => out.push_str(value),
                None => {
                    out.push_str("{$");
                    out.push_str(name);
                    out.push('}');
                }
            },
            Element::Select { variable, variants, default } => {
                let chosen = arg(variable).and_then(|v| variants.iter().position(|(key, _)| key == v));
                write(&variants[chosen.unwrap_or(*default)].1, args, transform, out);
            }
        }
    }
}

fn is_identifier(id: &str) -> bool {
    let mut chars = id.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

/// An indented line that is text, not a variant or a closing brace.
fn continues(line: &str) -> bool {
    line.starts_with(' ') && !line.trim().is_empty() && !line.trim_start().starts_with(['[', '*', '}', '.'])
}

fn open_braces(text: &str) -> i32 {
    text.chars().map(|c| i32::from(c == '{') - i32::from(c == '}')).sum()
}

/// Reads one message's text (its value and the lines that belong to it).
struct Reader<'a> {
    text: &'a str,
    at: usize,
}

impl<'a> Reader<'a> {
    fn new(text: &'a str) -> Self {
        Reader { text, at: 0 }
    }

    fn rest(&self) -> &'a str {
        &self.text[self.at..]
    }

    fn skip_blank(&mut self, newlines: bool) {
        let rest = self.rest();
        let kept = rest.trim_start_matches(|c| c == ' ' || (newlines && c == '\n'));
        self.at += rest.len() - kept.len();
    }

    /// A pattern up to the end of the text (`depth` 0) or of a variant (a newline
    /// followed by another variant or the selector's closing brace).
    fn pattern(&mut self, depth: usize) -> Result<Vec<Element>, String> {
        self.skip_blank(false);
        let mut pattern = Vec::new();
        let mut text = String::new();
        loop {
            let rest = self.rest();
            let Some(c) = rest.chars().next() else { break };
            match c {
                '{' => {
                    push_text(&mut pattern, &mut text);
                    self.at += 1;
                    pattern.push(self.placeable(depth)?);
                }
                '}' => return Err("a closing brace in text".into()),
                '\n' => {
                    // The next line continues this pattern unless it starts a variant
                    // or closes the selector.
                    let next = rest[1..].split('\n').next().unwrap_or("");
                    if depth > 0 && next.trim_start().starts_with(['[', '*', '}']) {
                        break;
                    }
                    self.at += 1;
                    self.skip_blank(false);
                    text.push('\n');
                }
                _ => {
                    text.push(c);
                    self.at += c.len_utf8();
                }
            }
        }
        // Blanks at the end of a pattern are not part of it.
        let kept = text.trim_end_matches([' ', '\n']).len();
        text.truncate(kept);
        push_text(&mut pattern, &mut text);
        Ok(pattern)
    }

    /// After `{`: `"literal" }`, `$name }` or `$name -> variants }`.
    fn placeable(&mut self, depth: usize) -> Result<Element, String> {
        self.skip_blank(true);
        if let Some(rest) = self.rest().strip_prefix('"') {
            // A string literal, as the catalogs write a brace: { "{" }. No escapes.
            let Some(end) = rest.find('"').filter(|&end| !rest[..end].contains(['\\', '\n'])) else {
                return Err("a string literal that is not closed on its line, or holds an escape".into());
            };
            let literal = rest[..end].to_string();
            self.at += 1 + end + 1;
            self.skip_blank(true);
            if !self.rest().starts_with('}') {
                return Err("a string literal followed by something other than `}`".into());
            }
            self.at += 1;
            return Ok(Element::Literal(literal));
        }
        let name = self.variable()?;
        self.skip_blank(true);
        if self.rest().starts_with('}') {
            self.at += 1;
            return Ok(Element::Variable(name));
        }
        if !self.rest().starts_with("->") {
            return Err(format!("`{{ ${name}` is followed by something other than `}}` or `->`"));
        }
        self.at += 2;
        let mut variants = Vec::new();
        let mut default = None;
        loop {
            self.skip_blank(true);
            let rest = self.rest();
            if rest.starts_with('}') {
                self.at += 1;
                break;
            }
            let starred = rest.starts_with('*');
            self.at += usize::from(starred);
            let Some(body) = self.rest().strip_prefix('[') else {
                return Err(format!("the selector on ${name} has something other than a variant"));
            };
            let Some(close) = body.find(']') else {
                return Err(format!("a variant key on ${name} is not closed"));
            };
            let key = body[..close].trim().to_string();
            self.at += 1 + close + 1;
            if starred {
                default = Some(variants.len());
            }
            variants.push((key, self.pattern(depth + 1)?));
        }
        match default {
            Some(default) => Ok(Element::Select { variable: name, variants, default }),
            None => Err(format!("the selector on ${name} has no default variant (*[…])")),
        }
    }

    fn variable(&mut self) -> Result<String, String> {
        let Some(rest) = self.rest().strip_prefix('$') else {
            return Err("a placeable other than a $variable".into());
        };
        let name: String = rest.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_').collect();
        if !is_identifier(&name) {
            return Err("a $variable without a name".into());
        }
        self.at += 1 + name.len();
        Ok(name)
    }
}

fn push_text(pattern: &mut Vec<Element>, text: &mut String) {
    if !text.is_empty() {
        pattern.push(Element::Text(std::mem::take(text)));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plain(s: &str) -> String {
        s.to_string()
    }

    #[test]
    fn reads_text_variables_and_selectors() {
        let (m, problems) = Messages::parse(
            "# a comment\n\nhello = Hello, { $name }!  \nside = No { $ion } { $side ->\n    [inside] inside\n   *[outside] outside\n}: E is infinite.\n",
        );
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(m.format("hello", &[("name", "Ana")], &plain).unwrap(), "Hello, Ana!");
        assert_eq!(m.format("hello", &[], &plain).unwrap(), "Hello, {$name}!");
        let side = |v| m.format("side", &[("ion", "K⁺"), ("side", v)], &plain).unwrap();
        assert_eq!(side("inside"), "No K⁺ inside: E is infinite.");
        assert_eq!(side("outside"), "No K⁺ outside: E is infinite.");
        assert_eq!(side("elsewhere"), "No K⁺ outside: E is infinite.");
        assert!(m.format("absent", &[], &plain).is_none());
        let (m, problems) = Messages::parse("object = a JSON object { \"{\" } … { \"}\" }\n");
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(m.format("object", &[], &plain).unwrap(), "a JSON object { … }");
    }

    #[test]
    fn of_two_definitions_the_first_is_kept() {
        let source: String = (0..40).map(|i| format!("m{} = {i}\n", i % 7)).collect();
        let (m, problems) = Messages::parse(&source);
        assert_eq!(problems.len(), 33, "{problems:?}");
        for i in 0..7 {
            assert_eq!(m.format(&format!("m{i}"), &[], &plain).unwrap(), i.to_string());
        }
    }

    #[test]
    fn continuation_lines_join_with_a_newline() {
        let (m, problems) = Messages::parse("long = First line\n    second line\nnext = x\n");
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(m.format("long", &[], &plain).unwrap(), "First line\nsecond line");
        assert_eq!(m.format("next", &[], &plain).unwrap(), "x");
    }

    #[test]
    fn what_it_does_not_read_is_reported() {
        for (source, why) in [
            ("-term = x\n", "not a message id"),
            ("a-b = { other-message }\n", "other than a $variable"),
            ("a-b = { \"open }\n", "not closed"),
            ("a-b = { $x ->\n  [one] 1\n  [two] 2\n}\n", "no default"),
            ("a-b = x\na-b = y\n", "defined twice"),
            ("just words\n", "not a message"),
            ("a-b = x } y\n", "closing brace"),
        ] {
            let (_, problems) = Messages::parse(source);
            assert!(problems.iter().any(|p| p.contains(why)), "{source:?}: {problems:?}");
        }
    }
}
