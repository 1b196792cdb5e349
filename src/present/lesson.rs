//! Guided lessons in words: the caption of the scene on screen (every number in it
//! read from the model at that moment, as Fluent arguments), its question and choices,
//! the feedback on an answer, and the whole lesson as a captions file (WebVTT) and a
//! transcript, made by playing the lesson through on a copy of the lab.

use serde::Serialize;

use super::catalog::Catalog;
use super::format::{significant, Formats};
use crate::lab::lesson::{self, Lesson, Phase};
use crate::lab::{Command, Lab, Measures};

/// A lesson in the menu.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LessonEntry {
    pub id: &'static str,
    pub title: String,
}

/// The lessons, in the menu's order (the misconceptions have their own cards).
pub fn lesson_entries(catalog: &Catalog) -> Vec<LessonEntry> {
    lesson::lessons()
        .iter()
        .filter(|l| !lesson::MISCONCEPTIONS.contains(&l.id))
        .map(|l| LessonEntry { id: l.id, title: catalog.text(&format!("lesson-{}", l.id)) })
        .collect()
}

/// A misconception's card: the claim, and what the lab shows instead.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MythCard {
    pub id: &'static str,
    pub claim: String,
    pub shows: String,
}

pub fn myth_cards(catalog: &Catalog) -> Vec<MythCard> {
    lesson::MISCONCEPTIONS
        .iter()
        .map(|id| MythCard {
            id,
            claim: catalog.text(&format!("lesson-{id}")),
            shows: catalog.text(&format!("lesson-{id}-shows")),
        })
        .collect()
}

/// The question on screen.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct QuestionView {
    pub text: String,
    pub choices: Vec<String>,
    /// The choice made, once answered.
    pub chosen: Option<usize>,
}

/// The lesson in progress, as the page shows it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LessonView {
    pub id: &'static str,
    pub title: String,
    pub scene: usize,
    pub scene_titles: Vec<String>,
    /// "Scene 2 of 4".
    pub progress: String,
    /// What the captions region says now.
    pub caption: String,
    /// The present scene's question, while it waits for an answer and after.
    pub question: Option<QuestionView>,
    /// The lesson plays on by itself; the label of the button that toggles it, and
    /// whether it is offered (not while a question or a reveal waits, nor at the end).
    pub playing: bool,
    pub play_text: String,
    pub can_play: bool,
    /// Waiting for an answer.
    pub asking: bool,
    /// The scene has run: its caption is final (the narration speaks it).
    pub done: bool,
    /// The reveal after an answer waits for Continue (its label).
    pub waiting: bool,
    pub continue_text: String,
    pub first: bool,
    pub last: bool,
    /// What narration reads now: the question and its choices, then the reveal, then
    /// the end card ("" while a scene runs).
    pub speech: String,
    /// After the last scene.
    pub end: Option<EndCard>,
}

/// The card after a lesson's last scene: what it showed, each line the model's numbers
/// at the end of a scene, and the two ways on.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EndCard {
    pub heading: String,
    pub summary: String,
    pub lines: Vec<String>,
    pub again_text: String,
    pub explore_text: String,
}

/// Real seconds a caption of `text` needs at a reader's pace: one second per three
/// words.
pub fn reading_s(text: &str) -> f64 {
    text.split_whitespace().count() as f64 / WORDS_PER_S
}

/// Words a second a caption is held for (one second per three words).
pub const WORDS_PER_S: f64 = 3.0;

/// How long the scene on screen holds its finished caption for reading, while a
/// lesson plays on by itself: None unless a scene's caption has just become final.
pub fn hold_needed_s(lab: &Lab, m: &Measures, catalog: &Catalog) -> Option<f64> {
    let g = lab.guide()?;
    if !matches!(g.phase, Phase::Hold { .. }) || g.read_sized {
        return None;
    }
    view(lab, m, catalog).map(|v| reading_s(&v.caption))
}

/// The caption of the scene on screen: its question while it asks, "watch" while it
/// runs, and its result, with the model's numbers, once it has run (after a verdict on
/// the answer, if it asked).
pub fn view(lab: &Lab, m: &Measures, catalog: &Catalog) -> Option<LessonView> {
    let g = lab.guide()?;
    let l = &g.lesson;
    let s = &l.scenes[g.scene];
    let key = |part: &str| format!("lesson-{}-{}{}", l.id, s.id, part);
    let words = scene_words(lab, s, catalog);
    let question = s.question.as_ref().map(|q| QuestionView {
        text: catalog.format(&key("-question"), &words_args(&words)),
        choices: (1..=q.choices).map(|k| catalog.text(&key(&format!("-choice-{k}")))).collect(),
        chosen: g.answer,
    });
    let done = matches!(g.phase, Phase::Hold { .. });
    let end = (g.phase == Phase::End).then(|| end_card(lab, g, catalog));
    let caption = match g.phase {
        Phase::End => end.as_ref().map(|e| e.summary.clone()).unwrap_or_default(),
        Phase::Ask => question.as_ref().map(|q| q.text.clone()).unwrap_or_default(),
        Phase::Run { .. } => {
            catalog.format("lesson-watch", &[("scene", &catalog.format(&key("-title"), &words_args(&words)))])
        }
        Phase::Hold { .. } => {
            let result = caption(lab, m, catalog).unwrap_or_default();
            match (s.question.as_ref(), g.answer) {
                (Some(q), Some(a)) if a == q.answer => catalog.format("lesson-right", &[("result", &result)]),
                (Some(q), Some(_)) => {
                    let right = catalog.text(&key(&format!("-choice-{}", q.answer + 1)));
                    catalog.format("lesson-not-quite", &[("result", &result), ("right", &right)])
                }
                _ => result,
            }
        }
    };
    let asking = g.phase == Phase::Ask;
    let speech = match (&question, &end) {
        (_, Some(e)) => std::iter::once(e.summary.clone()).chain(e.lines.iter().cloned()).collect::<Vec<_>>().join(" "),
        (Some(q), None) if asking => {
            let choices =
                q.choices.iter().enumerate().map(|(n, c)| {
                    catalog.format("lesson-choice-spoken", &[("n", &(n + 1).to_string()), ("choice", c)])
                });
            std::iter::once(q.text.clone()).chain(choices).collect::<Vec<_>>().join(" ")
        }
        _ if done => caption.clone(),
        _ => String::new(),
    };
    Some(LessonView {
        id: l.id,
        title: catalog.text(&format!("lesson-{}", l.id)),
        scene: g.scene,
        scene_titles: l
            .scenes
            .iter()
            .map(|sc| {
                let words = scene_words(lab, sc, catalog);
                catalog.format(&format!("lesson-{}-{}-title", l.id, sc.id), &words_args(&words))
            })
            .collect(),
        progress: catalog.format(
            "lesson-progress",
            &[("scene", &(g.scene + 1).to_string()), ("count", &l.scenes.len().to_string())],
        ),
        caption,
        asking,
        question,
        playing: g.playing,
        play_text: catalog.text(if g.playing { "lesson-pause" } else { "lesson-play" }),
        can_play: !asking && !g.waits_for_continue() && end.is_none(),
        done,
        waiting: g.waits_for_continue(),
        continue_text: catalog.text("lesson-continue"),
        first: g.scene == 0,
        last: g.scene + 1 == l.scenes.len(),
        speech,
        end,
    })
}

/// The end card: the lesson's point, and each scene's title with V (and the spikes it
/// fired) when it ended, from the model.
fn end_card(lab: &Lab, g: &lesson::Guide, catalog: &Catalog) -> EndCard {
    let f = Formats { catalog };
    let l = &g.lesson;
    let summary_id = if lesson::MISCONCEPTIONS.contains(&l.id) {
        format!("lesson-{}-shows", l.id)
    } else {
        format!("lesson-{}-end", l.id)
    };
    let lines = l
        .scenes
        .iter()
        .zip(&g.ends)
        .map(|(sc, end)| {
            let words = scene_words(lab, sc, catalog);
            let title = catalog.format(&format!("lesson-{}-{}-title", l.id, sc.id), &words_args(&words));
            catalog.format(
                "lesson-end-line",
                &[
                    ("title", &title),
                    ("voltage", &f.mv(end.voltage_mv)),
                    ("spikes", &f.whole(end.spikes as f64)),
                    (
                        "fired",
                        match end.spikes {
                            0 => "none",
                            1 => "one",
                            _ => "many",
                        },
                    ),
                ],
            )
        })
        .collect();
    EndCard {
        heading: catalog.text("lesson-end-heading"),
        summary: catalog.text(&summary_id),
        lines,
        again_text: catalog.text("lesson-again"),
        explore_text: catalog.text("lesson-explore"),
    }
}

/// What a scene's title and question may name before it runs: the value its first
/// control change sets (`target`, "10.0 mM"), K⁺ outside now, and the stimulus pulse's
/// length, all from the lesson's data and the lab, none typed into a message.
fn scene_words(lab: &Lab, scene: &lesson::LessonScene, catalog: &Catalog) -> Vec<(&'static str, String)> {
    let f = Formats { catalog };
    let target = scene.commands.iter().find_map(|c| match c {
        Command::SetControl { key, value } => {
            lab.control_spec(key).ok().map(|spec| super::words::control_text(&spec, *value, catalog))
        }
        _ => None,
    });
    let k_out = lab.membrane().scenario().ion_index("K").map(|k| f.conc(lab.membrane().scenario().ions[k].outside_mm));
    vec![
        ("target", target.unwrap_or_else(|| catalog.text("records-none"))),
        ("k_out", k_out.unwrap_or_else(|| catalog.text("records-none"))),
        ("pulse", f.duration(crate::lab::STIMULUS_DURATION_S)),
    ]
}

fn words_args<'a>(words: &'a [(&'static str, String)]) -> Vec<(&'static str, &'a str)> {
    words.iter().map(|(k, v)| (*k, v.as_str())).collect()
}

/// The present scene's result caption, from the model's values now: V, V when the
/// scene began and the change, t, E_K, E_Na, E_Cl, E_Ca, the GHK voltage, the pump's own
/// share of V, K⁺, Na⁺, Cl⁻ and Ca²⁺ inside, K⁺ and Ca²⁺ outside, and the spikes the
/// scene fired.
pub fn caption(lab: &Lab, m: &Measures, catalog: &Catalog) -> Option<String> {
    let g = lab.guide()?;
    let s = &g.lesson.scenes[g.scene];
    let f = Formats { catalog };
    let (k_fraction, charge) = super::format::meter_texts(m, catalog);
    let ion = |name: &str| m.ions.iter().find(|i| i.name == name);
    let mv = |x: Option<f64>| x.map_or_else(|| catalog.text("records-none"), |v| f.mv(v));
    let conc = |x: Option<f64>| x.map_or_else(|| catalog.text("records-none"), |c| f.conc(c));
    let change = m.voltage_mv - g.before_mv;
    let values = [
        ("voltage", f.mv(m.voltage_mv)),
        ("before", f.mv(g.before_mv)),
        ("change", f.with("value-mv", &significant(change.abs(), 2))),
        ("time", f.duration(m.time_s)),
        ("e_k", mv(ion("K").and_then(|i| i.nernst_mv))),
        ("e_na", mv(ion("Na").and_then(|i| i.nernst_mv))),
        ("ghk", mv(m.ghk_mv)),
        ("pump_share", mv(m.pump.and_then(|p| p.contribution_mv))),
        ("k_in", conc(ion("K").map(|i| i.inside_mm))),
        ("na_in", conc(ion("Na").map(|i| i.inside_mm))),
        ("k_out", conc(ion("K").map(|i| i.outside_mm))),
        ("e_cl", mv(ion("Cl").and_then(|i| i.nernst_mv))),
        ("cl_in", conc(ion("Cl").map(|i| i.inside_mm))),
        ("e_ca", mv(ion("Ca").and_then(|i| i.nernst_mv))),
        ("ca_in", conc(ion("Ca").map(|i| i.inside_mm))),
        ("ca_out", conc(ion("Ca").map(|i| i.outside_mm))),
        ("spikes", f.whole(lab.spikes().saturating_sub(g.spikes_before) as f64)),
        ("v_minus_e_k", mv(ion("K").and_then(|i| i.nernst_mv).map(|e| m.voltage_mv - e))),
        ("atp", m.pump.map_or_else(|| catalog.text("records-none"), |p| f.count(p.cycles_per_s))),
        ("moved", f.count(m.charge.ions_moved)),
        ("k_fraction", k_fraction),
        ("charge", charge),
    ];
    let mut values: Vec<(&str, String)> = values.into_iter().collect();
    values.extend(scene_words(lab, s, catalog).into_iter().filter(|(k, _)| *k != "k_out"));
    let args: Vec<(&str, &str)> = values.iter().map(|(k, v)| (*k, v.as_str())).collect();
    Some(catalog.format(&format!("lesson-{}-{}", g.lesson.id, s.id), &args))
}

/// One cue of a lesson's captions.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Cue {
    pub start_s: f64,
    pub end_s: f64,
    pub text: String,
}

/// The lesson played through on a copy of `lab` (every question answered rightly):
/// a cue per scene, with its question (if any) and its result caption, timed as the
/// page plays it.
pub fn cues(lab: &Lab, lesson: &Lesson, catalog: &Catalog) -> Vec<Cue> {
    let mut copy = lab.clone();
    let mut out = Vec::new();
    let mut t = 0.0;
    if copy.apply(&Command::StartLesson { lesson: lesson.id.to_string(), step: 0 }).is_err() {
        return out;
    }
    for (n, scene) in lesson.scenes.iter().enumerate() {
        if n > 0 && copy.apply(&Command::LessonGo { step: n }).is_err() {
            break;
        }
        let asked = scene.question.as_ref().map(|_| {
            let words = scene_words(&copy, scene, catalog);
            catalog.format(&format!("lesson-{}-{}-question", lesson.id, scene.id), &words_args(&words))
        });
        if copy.finish_scene(None).is_err() {
            break;
        }
        let m = copy.measure();
        let result = caption(&copy, &m, catalog).unwrap_or_default();
        // Held as the page holds it: at least its hold, and long enough to read the
        // caption as shown (with its verdict).
        let shown = view(&copy, &m, catalog).map_or(0.0, |v| reading_s(&v.caption));
        let text = match asked {
            Some(q) => format!("{q}\n{result}"),
            None => result,
        };
        let length = lesson::scene_real_s(scene) + scene.hold_s.max(shown);
        out.push(Cue { start_s: t, end_s: t + length, text });
        t += length;
    }
    out
}

/// Real seconds the lesson takes on the page when played straight through, every
/// question answered at once and every caption held for its words.
pub fn duration_s(lab: &Lab, lesson: &Lesson, catalog: &Catalog) -> f64 {
    cues(lab, lesson, catalog).last().map_or(0.0, |c| c.end_s)
}

/// WebVTT timestamp: hh:mm:ss.mmm.
fn timestamp(t_s: f64) -> String {
    let ms = (t_s * 1000.0).round() as u64;
    format!("{:02}:{:02}:{:02}.{:03}", ms / 3_600_000, ms / 60_000 % 60, ms / 1000 % 60, ms % 1000)
}

/// The lesson's captions as a WebVTT file.
pub fn vtt(lab: &Lab, lesson: &Lesson, catalog: &Catalog) -> String {
    let mut out = String::from("WEBVTT\n\n");
    for (n, c) in cues(lab, lesson, catalog).iter().enumerate() {
        // A cue's text may not hold "-->" or an empty line.
        let text = c.text.replace("-->", "→").replace("\n\n", "\n");
        out.push_str(&format!("{}\n{} --> {}\n{}\n\n", n + 1, timestamp(c.start_s), timestamp(c.end_s), text));
    }
    out
}

/// The lesson as plain text: its title, then each scene's title and captions.
pub fn transcript(lab: &Lab, lesson: &Lesson, catalog: &Catalog) -> String {
    let mut out = catalog.text(&format!("lesson-{}", lesson.id)) + "\n\n";
    for (scene, c) in lesson.scenes.iter().zip(cues(lab, lesson, catalog)) {
        let words = scene_words(lab, scene, catalog);
        out.push_str(&catalog.format(&format!("lesson-{}-{}-title", lesson.id, scene.id), &words_args(&words)));
        out.push('\n');
        out.push_str(&c.text);
        out.push_str("\n\n");
    }
    out
}
