//! The state a link carries, both ways: [`Lab::link`] writes the query of a URL that
//! reproduces the lab, and [`Link::parse`] reads one back into the `Command`s that
//! rebuild it, with a [`LinkProblem`] for each parameter it could not use (that key
//! falls back to its default; the others still apply).
//!
//! Keys, short for what a teacher types by hand: `preset`, `speed` (0–7), `play`
//! (1 or 0), `seed`, `stepsize` (`100us`, `1ms` … `1h`: one Step's model time, when a
//! teacher chose one); and `s=v1.<base64url of JSON>`, the scenario patch over
//! the preset (`Scenario::patch_over`, the CLI's format), so nested ion lists survive.
//! `lock` and `hide` list controls by key or group (`lock=ion.K.outside,pump`);
//! `present` opens presentation mode showing the controls it lists (none if empty);
//! `view=lab` opens the full lab rather than the learner's view; `q1`, `q2`, `q3` are a
//! teacher's questions (shown on the page and printed on the worksheet). The
//! page's own keys (`locale`, `fuzz`, and later `embed`, `host`) pass through unread.

use base64::Engine;
use vrest_core::presets;

use super::{Command, Lab, DEFAULT_SPEED, SPEEDS_MODEL_S_PER_REAL_S};

/// The version prefix of the `s` parameter: a later format can be told apart.
pub const STATE_VERSION: &str = "v1";
/// The longest `s` read, in characters: a complete scenario patch is a few KB.
pub const MAX_STATE_CHARS: usize = 16_384;
/// The deepest nesting of the state's JSON (objects and arrays) read: a scenario patch
/// is 3 deep; checked on the text before anything parses it.
pub const MAX_STATE_DEPTH: usize = 16;
/// The most parameters a link's query is read for: every key Vrest knows, many times
/// over. The rest are not read (one note says how many).
pub const MAX_PARAMS: usize = 32;
/// The most entries of one `lock`, `hide` or `present` list (a cell has at most 32
/// controls), and the longest such list, in characters.
pub const MAX_LIST_ENTRIES: usize = 64;
pub const MAX_LIST_CHARS: usize = 4_096;
/// Keys the page reads itself; the lab leaves them alone.
const PAGE_KEYS: [&str; 4] = ["fuzz", "embed", "host", "locale"];

/// Why one parameter was not used (numbers and names only; `present` words it).
#[derive(Debug, Clone, PartialEq)]
pub enum LinkProblem {
    /// A key Vrest does not read.
    Unknown { param: String },
    /// `preset` names no preset.
    Preset { got: String },
    /// `speed` is not an index from 0 to `max`.
    Speed { max: usize, got: String },
    /// `play` is not 1 or 0.
    Play { got: String },
    /// `stepsize` is not one of `marks::STEP_SIZE_NAMES`.
    StepSize { got: String },
    /// `seed` is not a whole number from 0 to 2⁶⁴ − 1.
    Seed { got: String },
    /// `s` is not `v1.` and base64url JSON, or is too long.
    StateFormat,
    /// `s` nests deeper than `max` levels.
    StateDepth { max: usize },
    /// `s` is read, but the scenario refuses it: the model's reason.
    State(vrest_core::ModelError),
    /// A key given twice: the first is used.
    Repeated { param: String },
    /// An entry of `lock` or `hide` that names no control.
    Controls { param: String, got: String },
    /// A `lock`, `hide` or `present` list longer than `max` entries or `max_chars`: none
    /// of it is used.
    ListTooLong { param: String, max: usize, max_chars: usize },
    /// More than `max` parameters: the first `max` are read, `ignored` are not.
    TooManyParams { max: usize, ignored: usize },
    /// `lesson` names no lesson.
    Lesson { got: String },
    /// `step` is not a scene of the lesson (1 to `max + 1`, as people count).
    Step { max: usize, got: String },
    /// `view` is not `learn` or `lab`.
    View { got: String },
    /// A teacher's question (`q1`…`q3`) longer than `max_chars` or holding a control
    /// character: left out.
    Question { param: String, max_chars: usize },
}

/// What a link asks for, already checked: apply `commands` in order.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Link {
    pub commands: Vec<Command>,
    pub problems: Vec<LinkProblem>,
}

fn engine() -> base64::engine::GeneralPurpose {
    base64::engine::general_purpose::URL_SAFE_NO_PAD
}

/// A short, printable copy of a refused value for a note.
fn shown(v: &str) -> String {
    vrest_core::error::printable(v, 24)
}

impl Link {
    /// Read a URL's query parameters (already percent-decoded, in order).
    pub fn parse(pairs: &[(String, String)]) -> Link {
        Link::parse_with(pairs, &|text| serde_json::from_str(text).ok())
    }

    /// [`Link::parse`] with another JSON reader for the state's text (the page uses
    /// the browser's `JSON.parse`, so the wasm carries no JSON text parser: 8.4 KB).
    pub fn parse_with(pairs: &[(String, String)], read_json: &dyn Fn(&str) -> Option<serde_json::Value>) -> Link {
        let mut link = Link::default();
        let said = Said::read(pairs, read_json, &mut link.problems);
        if let Some(seed) = said.seed {
            link.commands.push(Command::SetSeed { seed });
        }
        if let Some(view) = said.view {
            link.commands.push(Command::SetView { view });
        }
        let known = link.open_cell(said.preset, said.patch);
        link.lists(&said.lists, &known, said.speed, said.step_size);
        if !said.questions.is_empty() {
            let mut questions = said.questions;
            // By parameter (q1, q2, q3), and a parameter given twice by its text.
            vrest_core::sort::heapsort_by(&mut questions, |a, b| a < b);
            link.commands.push(Command::SetQuestions { questions: questions.into_iter().map(|(_, q)| q).collect() });
        }
        link.lesson(said.lesson, said.step);
        if said.play == Some(true) {
            link.commands.push(Command::Play);
        }
        link
    }

    /// The preset and the patch over it (a refused patch is a note, and the preset
    /// still loads). Returns the control keys the lists may name: Vrest's, and the
    /// opened cell's own ions'.
    fn open_cell(&mut self, preset: Option<&'static str>, patch: Option<serde_json::Value>) -> Vec<String> {
        let preset_id = preset.unwrap_or(presets::PRESETS[0].id).to_string();
        let base = presets::build(&preset_id);
        let mut cell = base.as_ref().ok().cloned();
        match patch {
            Some(patch) => {
                let checked = base.and_then(|base| vrest_core::Scenario::from_value_over(patch.clone(), &base));
                match checked {
                    Ok(s) => {
                        cell = Some(s);
                        self.commands.push(Command::LoadScenario { preset: preset_id, patch });
                    }
                    Err(e) => {
                        self.problems.push(LinkProblem::State(e));
                        self.commands.push(Command::LoadPreset { preset: preset_id });
                    }
                }
            }
            None if preset.is_some() => self.commands.push(Command::LoadPreset { preset: preset_id }),
            None => {}
        }
        let own: Vec<String> =
            cell.map_or_else(Vec::new, |c| c.ions.iter().flat_map(|i| super::lock::ion_keys(&i.name)).collect());
        super::lock::known_keys(&own)
    }

    /// The speed, then the `lock`, `hide` and `present` lists, each entry checked
    /// against the cell's controls.
    fn lists(&mut self, lists: &[(&str, &str)], known: &[String], speed: Option<usize>, step_size: Option<usize>) {
        let (mut lock, mut hide, mut present) = (Vec::new(), Vec::new(), None::<Vec<String>>);
        for &(key, value) in lists {
            if key == "present" {
                present = Some(Vec::new());
            }
            for entry in value.split(',').filter(|e| !e.trim().is_empty()) {
                match super::lock::checked(entry, known) {
                    Some(p) if key == "lock" => lock.push(p),
                    Some(p) if key == "hide" => hide.push(p),
                    Some(p) => present.get_or_insert_with(Vec::new).push(p),
                    None => self.problems.push(LinkProblem::Controls { param: key.to_string(), got: shown(entry) }),
                }
            }
        }
        if let Some(index) = speed {
            self.commands.push(Command::SetSpeed { index });
        }
        if let Some(i) = step_size {
            self.commands.push(Command::SetStepSize { step_s: super::STEP_SIZES_S[i] });
        }
        if !lock.is_empty() {
            self.commands.push(Command::Lock { controls: lock });
        }
        if !hide.is_empty() {
            self.commands.push(Command::Hide { controls: hide });
        }
        if let Some(controls) = present {
            self.commands.push(Command::Present { controls });
        }
    }

    /// The lesson at its scene: `step` counts scenes from 1, as a teacher does, and
    /// means nothing without a lesson.
    fn lesson(&mut self, lesson: Option<super::lesson::Lesson>, step: Option<String>) {
        if let Some(l) = lesson {
            let max = l.scenes.len() - 1;
            let step = match step.as_deref().map(|s| s.parse::<usize>()) {
                None => 0,
                Some(Ok(n)) if (1..=max + 1).contains(&n) => n - 1,
                Some(_) => {
                    self.problems.push(LinkProblem::Step { max, got: shown(step.as_deref().unwrap_or("")) });
                    0
                }
            };
            self.commands.push(Command::StartLesson { lesson: l.id.to_string(), step });
        } else if step.is_some() && !self.problems.iter().any(|p| matches!(p, LinkProblem::Lesson { .. })) {
            self.problems.push(LinkProblem::Unknown { param: "step".to_string() });
        }
    }
}

/// What a link's parameters say, each read on its own.
#[derive(Default)]
struct Said<'a> {
    preset: Option<&'static str>,
    patch: Option<serde_json::Value>,
    speed: Option<usize>,
    step_size: Option<usize>,
    play: Option<bool>,
    seed: Option<u64>,
    /// Lists of controls, checked once the cell is known: a patch may add an ion.
    lists: Vec<(&'a str, &'a str)>,
    lesson: Option<super::lesson::Lesson>,
    step: Option<String>,
    view: Option<super::View>,
    questions: Vec<(&'a str, String)>,
}

impl<'a> Said<'a> {
    /// Read every parameter the page does not keep for itself, at most MAX_PARAMS,
    /// each once; what cannot be used is a problem. What a link may say is bounded
    /// (MAX_PARAMS keys, each list capped), so a hostile link costs no more than a long
    /// honest one.
    fn read(
        pairs: &'a [(String, String)],
        read_json: &dyn Fn(&str) -> Option<serde_json::Value>,
        problems: &mut Vec<LinkProblem>,
    ) -> Said<'a> {
        let mut said = Said::default();
        let mut seen: Vec<&str> = Vec::with_capacity(MAX_PARAMS);
        let read: Vec<&(String, String)> = pairs.iter().filter(|(k, _)| !PAGE_KEYS.contains(&k.as_str())).collect();
        if read.len() > MAX_PARAMS {
            problems.push(LinkProblem::TooManyParams { max: MAX_PARAMS, ignored: read.len() - MAX_PARAMS });
        }
        for (key, value) in read.into_iter().take(MAX_PARAMS) {
            let key = key.as_str();
            if seen.contains(&key) {
                problems.push(LinkProblem::Repeated { param: shown(key) });
                continue;
            }
            seen.push(key);
            if let Err(p) = said.take(key, value, read_json) {
                problems.push(p);
            }
        }
        said
    }

    /// One parameter.
    fn take(
        &mut self,
        key: &'a str,
        value: &'a str,
        read_json: &dyn Fn(&str) -> Option<serde_json::Value>,
    ) -> Result<(), LinkProblem> {
        match key {
            "preset" => {
                self.preset = Some(presets::find(value).ok_or_else(|| LinkProblem::Preset { got: shown(value) })?.id)
            }
            "s" => self.patch = Some(decode_state(value, read_json)?),
            "speed" => match value.parse::<usize>() {
                Ok(i) if i < SPEEDS_MODEL_S_PER_REAL_S.len() => self.speed = Some(i),
                _ => return Err(LinkProblem::Speed { max: SPEEDS_MODEL_S_PER_REAL_S.len() - 1, got: shown(value) }),
            },
            "stepsize" => match super::marks::STEP_SIZE_NAMES.iter().position(|n| *n == value) {
                Some(i) => self.step_size = Some(i),
                None => return Err(LinkProblem::StepSize { got: shown(value) }),
            },
            "play" => match value {
                "1" | "" => self.play = Some(true),
                "0" => self.play = Some(false),
                _ => return Err(LinkProblem::Play { got: shown(value) }),
            },
            "seed" => self.seed = Some(value.parse::<u64>().map_err(|_| LinkProblem::Seed { got: shown(value) })?),
            "lock" | "hide" | "present" => {
                if value.len() > MAX_LIST_CHARS || value.bytes().filter(|&b| b == b',').count() >= MAX_LIST_ENTRIES {
                    let (max, max_chars) = (MAX_LIST_ENTRIES, MAX_LIST_CHARS);
                    return Err(LinkProblem::ListTooLong { param: key.to_string(), max, max_chars });
                }
                self.lists.push((key, value));
            }
            "lesson" => {
                self.lesson = Some(super::lesson::find(value).ok_or_else(|| LinkProblem::Lesson { got: shown(value) })?)
            }
            "step" => self.step = Some(value.to_string()),
            "q1" | "q2" | "q3" => {
                let q = super::checked_questions(&[value.to_string()]).map_err(|_| LinkProblem::Question {
                    param: key.to_string(),
                    max_chars: super::MAX_QUESTION_CHARS,
                })?;
                self.questions.extend(q.into_iter().map(|q| (key, q)));
            }
            "view" => match value {
                "learn" => self.view = Some(super::View::Learn),
                "lab" => self.view = Some(super::View::Lab),
                _ => return Err(LinkProblem::View { got: shown(value) }),
            },
            _ => return Err(LinkProblem::Unknown { param: shown(key) }),
        }
        Ok(())
    }
}

/// `v1.<base64url JSON>` → the JSON, or why not. Its length and its nesting are
/// checked before any JSON reader sees it.
fn decode_state(
    value: &str,
    read_json: &dyn Fn(&str) -> Option<serde_json::Value>,
) -> Result<serde_json::Value, LinkProblem> {
    if value.len() > MAX_STATE_CHARS {
        return Err(LinkProblem::StateFormat);
    }
    let body = value.strip_prefix(STATE_VERSION).and_then(|b| b.strip_prefix('.')).ok_or(LinkProblem::StateFormat)?;
    let bytes = engine().decode(body).map_err(|_| LinkProblem::StateFormat)?;
    let text = String::from_utf8(bytes).map_err(|_| LinkProblem::StateFormat)?;
    if super::limits::json_depth(&text) > MAX_STATE_DEPTH {
        return Err(LinkProblem::StateDepth { max: MAX_STATE_DEPTH });
    }
    let v = read_json(&text).ok_or(LinkProblem::StateFormat)?;
    if v.is_object() {
        Ok(v)
    } else {
        Err(LinkProblem::StateFormat)
    }
}

/// The JSON patch as the `s` parameter's value.
pub fn encode_state(patch: &serde_json::Value) -> String {
    format!("{STATE_VERSION}.{}", engine().encode(patch.to_string()))
}

impl Lab {
    /// The query parameters of a link to the lab as it is now: the preset, the
    /// present state as a patch over it (when it differs), the speed and whether it
    /// plays (when not the defaults), and the seed. The link starts its clock at 0 from
    /// this state.
    pub fn link(&self) -> Vec<(String, String)> {
        let mut out = vec![("preset".to_string(), self.preset_id().to_string())];
        if let Ok(base) = presets::build(self.preset_id()) {
            let patch = self.membrane().current_scenario().patch_over(&base);
            if patch.as_object().is_some_and(|o| !o.is_empty()) {
                out.push(("s".to_string(), encode_state(&patch)));
            }
        }
        if self.speed_index() != DEFAULT_SPEED {
            out.push(("speed".to_string(), self.speed_index().to_string()));
        }
        if let Some(i) = self.step_size() {
            out.push(("stepsize".to_string(), super::marks::STEP_SIZE_NAMES[i].to_string()));
        }
        // A lesson's scene plays itself when it opens.
        if self.is_playing() && self.guide().is_none() {
            out.push(("play".to_string(), "1".to_string()));
        }
        out.push(("seed".to_string(), self.seed().to_string()));
        // The learner's view is the page's first: only the full lab is named.
        if self.view() == super::View::Lab {
            out.push(("view".to_string(), "lab".to_string()));
        }
        let (locks, hidden) = self.locks();
        if let Some(g) = self.guide() {
            out.push(("lesson".to_string(), g.lesson.id.to_string()));
            out.push(("step".to_string(), (g.scene + 1).to_string()));
        }
        for (i, q) in self.questions().iter().enumerate() {
            out.push((format!("q{}", i + 1), q.clone()));
        }
        if let Some(shown) = self.presenting() {
            out.push(("present".to_string(), shown.join(",")));
        }
        for (key, list) in [("lock", locks), ("hide", hidden)] {
            if !list.is_empty() {
                out.push((key.to_string(), list.join(",")));
            }
        }
        out
    }
}
