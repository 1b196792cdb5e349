//! Guided lessons: every lesson replays to its end; each scene's end state shows the
//! physics its caption claims (checked against formulas written here); every number in
//! a caption is the readout's number at that moment; the captions file parses; a link
//! opens a lesson at a scene.

#![cfg(not(target_arch = "wasm32"))] // native tier; the wasm tier is tests/web.rs
#![allow(clippy::unwrap_used, clippy::expect_used)] // a failed unwrap is a failed test

use vrest::lab::lesson::{lessons, Phase};
use vrest::lab::link::Link;
use vrest::lab::{Command, Lab, LabError, StepDirection};
use vrest::present::lesson::{caption, cues, view, vtt};
use vrest::present::{Catalog, Readout};

/// E_ion from the Nernst equation, from CODATA 2018's exact constants.
fn nernst_mv(z: f64, inside: f64, outside: f64, t_c: f64) -> f64 {
    let (na, k, e) = (6.022_140_76e23, 1.380_649e-23, 1.602_176_634e-19);
    1e3 * (na * k) * (t_c + 273.15) / (z * na * e) * (outside / inside).ln()
}

/// The GHK voltage for monovalent ions (Goldman 1943; Hodgkin & Katz 1949), written out.
fn ghk_mv(lab: &Lab) -> f64 {
    let s = lab.membrane().scenario();
    let inside = lab.membrane().inside_mm();
    let (mut num, mut den) = (0.0, 0.0);
    for (i, ion) in s.ions.iter().enumerate() {
        let p = ion.permeability_cm_per_s;
        match ion.charge {
            1 => {
                num += p * ion.outside_mm;
                den += p * inside[i];
            }
            -1 => {
                num += p * inside[i];
                den += p * ion.outside_mm;
            }
            _ => assert_eq!(p, 0.0, "only monovalent leaks in these cells"),
        }
    }
    nernst_mv(1.0, den, num, s.temperature_c)
}

/// Play `lesson` through, answering rightly: the lab at the end of each scene.
fn scenes(id: &str) -> Vec<Lab> {
    let mut lab = Lab::new(7).unwrap();
    lab.apply(&Command::StartLesson { lesson: id.into(), step: 0 }).unwrap();
    let count = lab.guide().unwrap().lesson.scenes.len();
    let mut out = Vec::new();
    for n in 0..count {
        if n > 0 {
            lab.apply(&Command::LessonStep { direction: StepDirection::Forward }).unwrap();
        }
        lab.finish_scene(None).unwrap();
        assert!(matches!(lab.guide().unwrap().phase, Phase::Hold { .. }), "{id} scene {n} did not finish");
        out.push(lab.clone());
    }
    out
}

/// Every number in `text` (with its sign; U+2212 as minus).
fn numbers(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    for c in text.replace('\u{2212}', "-").chars() {
        if c.is_ascii_digit() || c == '.' || (c == '-' && cur.is_empty()) || (c == '+' && cur.is_empty()) {
            cur.push(c);
        } else {
            if cur.chars().any(|c| c.is_ascii_digit()) {
                out.push(cur.trim_end_matches('.').to_string());
            }
            cur.clear();
        }
    }
    if cur.chars().any(|c| c.is_ascii_digit()) {
        out.push(cur);
    }
    out
}

#[test]
fn block_the_pump_a_few_mv_at_once_then_the_run_down_then_recovery() {
    let labs = scenes("block-pump");
    let v = |l: &Lab| l.membrane().voltage_mv();
    let rest = v(&labs[0]);
    assert!((-75.0..-65.0).contains(&rest), "{rest}");
    // The pump's own share of V before the block, as the readout measures it.
    let share = labs[0].measure().pump.unwrap().contribution_mv.unwrap();
    assert!((-6.0..-2.0).contains(&share), "a few mV: {share}");
    // One second after the block: V has moved by about that share, to where the leaks
    // alone hold it (the GHK voltage, from the formula above, at the concentrations now).
    let jump = v(&labs[1]) - rest;
    assert!((1.0..8.0).contains(&jump), "{jump}");
    assert!((jump + share).abs() < 0.5, "the jump {jump} is the pump's share {share}");
    assert!((v(&labs[1]) - ghk_mv(&labs[1])).abs() < 0.2, "{} vs GHK {}", v(&labs[1]), ghk_mv(&labs[1]));
    // An hour on: the gradients run down and V with them.
    let s = labs[2].membrane();
    let k = s.scenario().ion_index("K").unwrap();
    let na = s.scenario().ion_index("Na").unwrap();
    assert!(s.inside_mm()[k] < 139.0 && s.inside_mm()[na] > 16.0, "{:?}", s.inside_mm());
    assert!(v(&labs[2]) > v(&labs[1]) + 2.0, "{} after an hour", v(&labs[2]));
    // An hour after unblocking: back within 1 mV of rest.
    assert!((v(&labs[3]) - rest).abs() < 1.0, "{} vs {rest}", v(&labs[3]));
}

#[test]
fn hyperkalemia_raises_rest_toward_threshold_then_silences_the_cell() {
    let labs = scenes("hyperkalemia");
    let spikes = |l: &Lab| l.spikes() - l.guide().unwrap().spikes_before;
    assert_eq!(spikes(&labs[0]), 1, "a pulse fires one spike at 5 mM K⁺ outside");
    // 10 mM: E_K is the Nernst value, and rest has risen, and stays: no spontaneous
    // firing (at 12 mM this cell fires on its own about once a second).
    let m = labs[1].measure();
    let k = m.ions.iter().find(|i| i.name == "K").unwrap();
    assert!((k.nernst_mv.unwrap() - nernst_mv(1.0, k.inside_mm, 10.0, 37.0)).abs() < 1e-6);
    let late: Vec<f64> = labs[1].trace().iter().filter(|p| p.0 > 5.0).map(|p| p.1).collect();
    let spread = late.iter().cloned().fold(f64::MIN, f64::max) - late.iter().cloned().fold(f64::MAX, f64::min);
    assert!(spread < 1.0, "at rest, not oscillating: {spread} mV");
    let rise = labs[1].membrane().voltage_mv() - labs[1].guide().unwrap().before_mv;
    assert!(rise > 5.0, "rest rose by {rise} mV");
    assert_eq!(spikes(&labs[2]), 1, "still excitable at 10 mM");
    assert!(labs[3].membrane().voltage_mv() > labs[2].membrane().voltage_mv() + 5.0);
    assert_eq!(spikes(&labs[4]), 0, "silent at 30 mM");
}

#[test]
fn every_number_in_a_caption_is_the_models_number_at_that_moment() {
    let catalog = Catalog::english();
    for lesson in lessons() {
        for (n, lab) in scenes(lesson.id).iter().enumerate() {
            let text = caption(lab, &lab.measure(), &catalog).unwrap();
            assert!(!text.contains('{') && !text.contains("NaN") && !text.contains("inf"), "{text}");
            let r = Readout::new(lab, &lab.measure(), &catalog);
            // V as the readout shows it, wherever the caption names V now.
            if catalog.text(&format!("lesson-{}-{}", lesson.id, lesson.scenes[n].id)).contains("{ $voltage }") {
                assert!(text.contains(&r.voltage_text), "{}: {text} lacks {}", lesson.id, r.voltage_text);
            }
            // And every number in it is one of the readout's numbers or the lesson's own
            // (the change, the spikes, the time, the concentrations), never a typed one.
            let shown: String = [
                r.voltage_text.clone(),
                r.ghk_text.clone(),
                r.time_text.clone(),
                serde_json::to_string(&r.ions).unwrap(),
                r.pump_text.clone(),
                view(lab, &lab.measure(), &catalog).unwrap().caption.clone(),
            ]
            .join(" ")
            .replace('\u{2212}', "-");
            let change = (lab.membrane().voltage_mv() - lab.guide().unwrap().before_mv).abs();
            let spikes = (lab.spikes() - lab.guide().unwrap().spikes_before).to_string();
            for x in numbers(&text) {
                let known = shown.contains(&x)
                    || x == spikes
                    || x.parse::<f64>().is_ok_and(|v| (v - change).abs() < 0.05 * change.max(1.0))
                    // The stimulus pulse's length, from the lab's constant.
                    || (x == "1.00" && text.contains("1.00 ms pulse"));
                assert!(known, "{} scene {n}: {x} in \"{text}\" is not the model's", lesson.id);
            }
        }
    }
}

#[test]
fn the_captions_file_is_webvtt_with_a_cue_per_scene_each_long_enough_to_read() {
    let catalog = Catalog::english();
    let lab = Lab::new(1).unwrap();
    for lesson in lessons() {
        let file = vtt(&lab, &lesson, &catalog);
        let mut lines = file.lines();
        assert_eq!(lines.next(), Some("WEBVTT"));
        let times: Vec<(f64, f64)> = file
            .lines()
            .filter(|l| l.contains(" --> "))
            .map(|l| {
                let secs = |t: &str| {
                    let p: Vec<f64> = t.split(':').map(|x| x.parse().unwrap()).collect();
                    p[0] * 3600.0 + p[1] * 60.0 + p[2]
                };
                let (a, b) = l.split_once(" --> ").unwrap();
                (secs(a), secs(b))
            })
            .collect();
        assert_eq!(times.len(), lesson.scenes.len());
        for w in times.windows(2) {
            assert!(w[0].1 <= w[1].0 + 1e-9 && w[0].0 < w[0].1, "{:?}", w);
        }
        assert!(times.last().unwrap().1 < 90.0, "{}: {} s", lesson.id, times.last().unwrap().1);
        assert_eq!(cues(&lab, &lesson, &catalog).len(), lesson.scenes.len());
        // Each result stays at least one second per three of its words (counted here).
        for c in cues(&lab, &lesson, &catalog) {
            let result = c.text.lines().last().unwrap();
            let words = result.split(' ').filter(|w| !w.is_empty()).count() as f64;
            assert!(
                c.end_s - c.start_s >= words / 3.0,
                "{}: {:.1} s for {words} words",
                lesson.id,
                c.end_s - c.start_s
            );
        }
        // Every message resolved: no placeholder left, in the file or the transcript.
        let transcript = vrest::present::lesson::transcript(&lab, &lesson, &catalog);
        for text in [&file, &transcript] {
            assert!(!text.contains('{') && !text.contains("NaN"), "{}: {text}", lesson.id);
        }
    }
}

#[test]
fn a_link_opens_a_lesson_at_a_scene_and_bad_ones_are_named() {
    let mut lab = Lab::new(2).unwrap();
    lab.apply(&Command::StartLesson { lesson: "block-pump".into(), step: 2 }).unwrap();
    let link = lab.link();
    assert!(link.contains(&("lesson".to_string(), "block-pump".to_string())), "{link:?}");
    assert!(link.contains(&("step".to_string(), "3".to_string())), "people count scenes from 1: {link:?}");
    let parsed = Link::parse(&link);
    assert!(parsed.problems.is_empty(), "{:?}", parsed.problems);
    let mut again = Lab::new(3).unwrap();
    assert_eq!(again.follow(&parsed), vec![]);
    let g = again.guide().unwrap();
    assert_eq!((g.lesson.id, g.scene, g.phase), ("block-pump", 2, Phase::Ask), "scene 3 asks first");
    assert_eq!(again.membrane().voltage_mv(), lab.membrane().voltage_mv(), "the same state, replayed");
    let pairs = |l: &[(&str, &str)]| l.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect::<Vec<_>>();
    assert_eq!(Link::parse(&pairs(&[("lesson", "dragons")])).problems.len(), 1);
    let p = Link::parse(&pairs(&[("lesson", "block-pump"), ("step", "9")]));
    assert_eq!(p.problems.len(), 1);
    assert_eq!(p.commands, vec![Command::StartLesson { lesson: "block-pump".into(), step: 0 }]);
}

#[test]
fn reset_in_a_lesson_starts_the_scene_over_and_the_lesson_goes_on() {
    let mut lab = Lab::new(2).unwrap();
    lab.apply(&Command::StartLesson { lesson: "block-pump".into(), step: 1 }).unwrap();
    let start = lab.clone();
    let (t0, v0) = (lab.membrane().time_s(), lab.membrane().voltage_mv());
    lab.apply(&Command::Answer { choice: 1 }).unwrap();
    for _ in 0..10 {
        lab.frame(0.05);
    }
    assert!(lab.membrane().time_s() > t0, "the scene ran");
    lab.apply(&Command::Reset).unwrap();
    let g = lab.guide().expect("Reset does not end the lesson");
    assert_eq!((g.scene, g.phase, g.answer), (1, Phase::Ask, None), "the scene's question again");
    assert_eq!((lab.membrane().time_s(), lab.membrane().voltage_mv()), (t0, v0));
    assert_eq!(lab.membrane().inside_mm(), start.membrane().inside_mm());
    // From the end card, Reset is the last scene from its start.
    lab.apply(&Command::LessonGo { step: 3 }).unwrap();
    lab.finish_scene(None).unwrap();
    lab.apply(&Command::LessonStep { direction: StepDirection::Forward }).unwrap();
    assert_eq!(lab.guide().unwrap().phase, Phase::End);
    lab.apply(&Command::Reset).unwrap();
    assert_eq!(lab.guide().unwrap().scene, 3);
    assert_ne!(lab.guide().unwrap().phase, Phase::End);
}

#[test]
fn lesson_commands_are_checked_and_leaving_keeps_the_lab() {
    let mut lab = Lab::new(2).unwrap();
    assert_eq!(lab.apply(&Command::LessonPlay), Err(LabError::NoLesson));
    assert!(matches!(
        lab.apply(&Command::StartLesson { lesson: "x".into(), step: 0 }),
        Err(LabError::UnknownLesson { .. })
    ));
    assert_eq!(
        lab.apply(&Command::StartLesson { lesson: "block-pump".into(), step: 4 }),
        Err(LabError::LessonStep { max: 3, got: 4 })
    );
    lab.apply(&Command::StartLesson { lesson: "block-pump".into(), step: 1 }).unwrap();
    assert_eq!(lab.apply(&Command::Answer { choice: 3 }), Err(LabError::Choice { max: 2, got: 3 }));
    // While the question waits, playing runs nothing, and says why.
    assert_eq!(lab.apply(&Command::Play), Err(LabError::Asking));
    let t = lab.membrane().time_s();
    lab.frame(0.05);
    assert_eq!(lab.membrane().time_s(), t);
    lab.apply(&Command::Answer { choice: 0 }).unwrap();
    assert_eq!(lab.apply(&Command::Answer { choice: 1 }), Err(LabError::NoQuestion), "answered once");
    // The run stops exactly at the scene's end, then holds.
    for _ in 0..100 {
        lab.frame(0.05);
    }
    assert!((lab.membrane().time_s() - t - 1.0).abs() < 1e-9, "{}", lab.membrane().time_s() - t);
    assert!(matches!(lab.guide().unwrap().phase, Phase::Hold { .. }));
    let catalog = Catalog::english();
    assert!(
        view(&lab, &lab.measure(), &catalog)
            .unwrap()
            .caption
            .starts_with("Not quite: the answer is “It moves by a few mV”. "),
        "a wrong answer is named, not a dead end"
    );
    let v = lab.membrane().voltage_mv();
    lab.apply(&Command::EndLesson).unwrap();
    assert!(lab.guide().is_none());
    assert_eq!(lab.membrane().voltage_mv(), v, "leaving keeps the lab as the lesson left it");
    // A lesson playing by itself moves on after each scene's hold.
    lab.apply(&Command::StartLesson { lesson: "block-pump".into(), step: 0 }).unwrap();
    lab.apply(&Command::LessonPlay).unwrap();
    for _ in 0..200 {
        lab.frame(0.05);
    }
    let g = lab.guide().unwrap();
    assert_eq!((g.scene, g.phase), (1, Phase::Ask), "on to scene 2, waiting for its answer");
    // Another cell ends the lesson.
    lab.apply(&Command::LoadPreset { preset: "astrocyte".into() }).unwrap();
    assert!(lab.guide().is_none());
}

#[test]
#[ignore = "prints the caption script for the closing note"]
fn print_the_caption_script() {
    let catalog = Catalog::english();
    let lab = Lab::new(1).unwrap();
    for lesson in lessons() {
        println!("{}", vrest::present::lesson::transcript(&lab, &lesson, &catalog));
    }
}

#[test]
fn the_build_up_in_imaginary_steps_tells_the_physics_honestly() {
    let labs = scenes("build-up");
    let v = |l: &Lab| l.membrane().voltage_mv();
    let e = |l: &Lab, name: &str| l.measure().ions.iter().find(|i| i.name == name).unwrap().nernst_mv.unwrap();
    // The same fluid, then gradients and trapped anions: nothing crosses, no voltage.
    assert_eq!(v(&labs[0]), 0.0);
    assert_eq!(v(&labs[1]), 0.0, "gradients alone make no voltage");
    assert!(e(&labs[1], "K") < -85.0 && e(&labs[1], "Na") > 55.0);
    // The pump alone charges the membrane within a second until it stalls at its
    // reversal, 3·E_Na − 2·E_K + ΔG_ATP/F (ΔG_ATP −55 kJ/mol, doc/model.md).
    let f = 6.022_140_76e23 * 1.602_176_634e-19;
    let e_pump = 3.0 * e(&labs[2], "Na") - 2.0 * e(&labs[2], "K") + 1e3 * (-55e3 / f);
    assert!((v(&labs[2]) - e_pump).abs() < 1.0, "{} vs the pump's reversal {e_pump}", v(&labs[2]));
    // The K⁺ leak: V to E_K, less the running pump's own share.
    let share = labs[3].measure().pump.unwrap().contribution_mv.unwrap();
    assert!(
        (v(&labs[3]) - (e(&labs[3], "K") + share)).abs() < 0.5,
        "{} vs E_K {} + {share}",
        v(&labs[3]),
        e(&labs[3], "K")
    );
    // The Na⁺ leak: rest, between −75 and −60 mV, the GHK voltage plus a few mV of pump.
    let rest = v(&labs[4]);
    assert!((-75.0..-60.0).contains(&rest), "{rest}");
    assert!((rest - ghk_mv(&labs[4]) - labs[4].measure().pump.unwrap().contribution_mv.unwrap()).abs() < 0.3);
    let share = labs[5].measure().pump.unwrap().contribution_mv.unwrap();
    assert!((-6.0..-2.0).contains(&share), "the pump's direct share at rest is a few mV: {share}");
    // Cl⁻ passive: E_Cl = V. KCC2: E_Cl below rest.
    assert!((e(&labs[5], "Cl") - v(&labs[5])).abs() < 0.1);
    assert!(e(&labs[6], "Cl") < v(&labs[6]) - 5.0, "E_Cl {} vs V {}", e(&labs[6], "Cl"), v(&labs[6]));
    // Ca²⁺: E_Ca far positive, Ca²⁺ inside held below a micromolar by the exchanger.
    let ca = labs[7].measure().ions.iter().find(|i| i.name == "Ca").unwrap().inside_mm;
    assert!(e(&labs[7], "Ca") > 100.0 && ca < 1e-3, "{ca}");
    // The explainer, played straight through with its answers given at once and every
    // caption held one second per three words, ends in under 90 s.
    let explainer = lessons().into_iter().find(|l| l.id == "build-up").unwrap();
    let lab = Lab::new(1).unwrap();
    let took = vrest::present::lesson::duration_s(&lab, &explainer, &Catalog::english());
    assert!(took < 90.0, "{took} s");
}

#[test]
fn a_scene_is_set_up_and_drawn_before_its_question_and_the_reveal_waits_for_continue() {
    let mut lab = Lab::new(3).unwrap();
    // The explainer's second scene asks about trapped anions and gradients: the
    // gradients are already there while it asks (E_K and E_Na from the fluids shown).
    lab.apply(&Command::StartLesson { lesson: "build-up".into(), step: 1 }).unwrap();
    assert_eq!(lab.guide().unwrap().phase, Phase::Ask);
    let m = lab.measure();
    let ion = |n: &str| m.ions.iter().find(|i| i.name == n).unwrap().clone();
    assert!((ion("K").inside_mm - 140.0).abs() < 1e-9 && (ion("Na").outside_mm - 145.0).abs() < 1e-9);
    assert!(ion("K").nernst_mv.unwrap() < -85.0, "the picture shows the scene's gradients while it asks");
    assert_eq!(m.lab.heading_mv, None, "no note gives the answer away");
    // The third scene's pump is drawn running while it asks, and nothing has run yet.
    lab.apply(&Command::LessonGo { step: 2 }).unwrap();
    let t = lab.membrane().time_s();
    assert!(!lab.membrane().scenario().pump.as_ref().unwrap().blocked, "the pump is on before the question");
    assert_eq!(lab.membrane().voltage_mv(), 0.0);
    // Played on by itself, the answered scene runs, then its reveal stays, however
    // long, until Continue.
    lab.apply(&Command::LessonPlay).unwrap();
    lab.apply(&Command::Answer { choice: 1 }).unwrap();
    for _ in 0..4000 {
        lab.frame(0.05);
    }
    let g = lab.guide().unwrap();
    assert_eq!(g.scene, 2, "200 s later the reveal is still on screen");
    assert!(matches!(g.phase, Phase::Hold { .. }) && g.waits_for_continue());
    assert!(lab.membrane().time_s() - t > 0.99, "the scene ran its second of model time");
    let v = view(&lab, &lab.measure(), &Catalog::english()).unwrap();
    assert!(v.waiting && !v.can_play && v.continue_text == "Continue");
    lab.apply(&Command::LessonStep { direction: StepDirection::Forward }).unwrap();
    assert_eq!(lab.guide().unwrap().scene, 3, "Continue goes on");
}

#[test]
fn a_caption_holds_for_its_words_and_for_its_narration() {
    let mut lab = Lab::new(3).unwrap();
    lab.apply(&Command::StartLesson { lesson: "block-pump".into(), step: 0 }).unwrap();
    lab.apply(&Command::LessonPlay).unwrap();
    let catalog = Catalog::english();
    // Run the first scene (2 s of model time at real speed) to its caption.
    let mut frames = 0;
    while !matches!(lab.guide().unwrap().phase, Phase::Hold { .. }) {
        lab.frame(0.05);
        frames += 1;
        assert!(frames < 1000);
    }
    let caption = view(&lab, &lab.measure(), &catalog).unwrap().caption;
    let words = caption.split(' ').filter(|w| !w.is_empty()).count() as f64;
    let need = vrest::present::lesson::hold_needed_s(&lab, &lab.measure(), &catalog).unwrap();
    assert!((need - words / 3.0).abs() < 1e-9, "{need} s for {words} words");
    assert!(need > lab.guide().unwrap().lesson.scenes[0].hold_s, "this caption needs more than the scene's own hold");
    lab.hold_for_reading(need);
    assert_eq!(vrest::present::lesson::hold_needed_s(&lab, &lab.measure(), &catalog), None, "sized once");
    // Held for its words: still on screen just before, gone just after.
    let steps = (need / 0.05).floor() as usize - 1;
    for _ in 0..steps {
        lab.frame(0.05);
    }
    assert_eq!(lab.guide().unwrap().scene, 0, "still reading after {} s", steps as f64 * 0.05);
    // While it is read aloud the scene waits, however long the voice takes.
    lab.set_narrating(true);
    for _ in 0..400 {
        lab.frame(0.05);
    }
    assert_eq!(lab.guide().unwrap().scene, 0, "the narration is not cut off");
    lab.set_narrating(false);
    for _ in 0..3 {
        lab.frame(0.05);
    }
    assert_eq!(lab.guide().unwrap().scene, 1, "then the lesson moves on");
}

#[test]
fn the_last_scene_leads_to_an_end_card_and_play_there_does_not_restart() {
    let catalog = Catalog::english();
    let mut lab = Lab::new(3).unwrap();
    lab.apply(&Command::StartLesson { lesson: "block-pump".into(), step: 3 }).unwrap();
    lab.finish_scene(None).unwrap();
    lab.apply(&Command::LessonStep { direction: StepDirection::Forward }).unwrap();
    let g = lab.guide().unwrap();
    assert_eq!(g.phase, Phase::End);
    let (t, v) = (lab.membrane().time_s(), lab.membrane().voltage_mv());
    lab.apply(&Command::LessonPlay).unwrap();
    for _ in 0..100 {
        lab.frame(0.05);
    }
    let g = lab.guide().unwrap();
    assert_eq!((g.scene, g.phase), (3, Phase::End), "Play at the end does not start again");
    assert_eq!(lab.membrane().time_s(), t, "nor runs the cell");
    // The card: the lesson's point and one line a scene, V as the model left it.
    let view = view(&lab, &lab.measure(), &catalog).unwrap();
    let card = view.end.clone().unwrap();
    assert_eq!(card.lines.len(), 4);
    let ends = &lab.guide().unwrap().ends;
    for (line, end) in card.lines.iter().zip(ends) {
        let shown = vrest::present::format::Formats { catalog: &catalog }.mv(end.voltage_mv);
        assert!(line.contains(&shown), "{line} lacks {shown}");
    }
    assert!(card.lines[3].ends_with(&vrest::present::format::Formats { catalog: &catalog }.mv(v)));
    // Scene 3 (an hour blocked) ended far above scene 1's rest: the lines differ.
    assert!(ends[2].voltage_mv > ends[0].voltage_mv + 5.0, "{ends:?}");
    assert!(!view.can_play && view.speech.starts_with(&card.summary));
    // Explore this cell keeps the lab as the lesson left it; Start again starts again.
    let mut explore = lab.clone();
    explore.apply(&Command::EndLesson).unwrap();
    assert!(explore.guide().is_none());
    assert_eq!(explore.membrane().voltage_mv(), v);
    lab.apply(&Command::LessonGo { step: 0 }).unwrap();
    assert_eq!(lab.guide().unwrap().scene, 0);
    assert!(lab.membrane().time_s() < 1e-9, "started again from the preset");
}

#[test]
fn narration_reads_the_question_and_its_choices_then_the_reveal() {
    let catalog = Catalog::english();
    let mut lab = Lab::new(3).unwrap();
    lab.apply(&Command::StartLesson { lesson: "block-pump".into(), step: 1 }).unwrap();
    let v = view(&lab, &lab.measure(), &catalog).unwrap();
    let q = v.question.clone().unwrap();
    assert!(v.speech.starts_with(&q.text), "{}", v.speech);
    for (n, c) in q.choices.iter().enumerate() {
        assert!(v.speech.contains(&format!("Choice {}: {c}.", n + 1)), "{}", v.speech);
    }
    lab.finish_scene(Some(1)).unwrap();
    let v = view(&lab, &lab.measure(), &catalog).unwrap();
    assert!(v.speech.starts_with("Right. ") && v.speech == v.caption, "{}", v.speech);
}

#[test]
fn a_lesson_reports_its_start_each_answer_and_its_completion_with_the_share_right() {
    use vrest::lab::lesson::LessonEvent;
    let mut lab = Lab::new(5).unwrap();
    lab.apply(&Command::StartLesson { lesson: "build-up".into(), step: 0 }).unwrap();
    let started = lab.take_lesson_events();
    assert_eq!(
        started,
        [LessonEvent::Started { lesson: "build-up", scene: 0, scenes: 8, questions: 3 }],
        "the explainer (build-up) asks three questions in eight scenes"
    );
    assert!(lab.take_lesson_events().is_empty(), "taken once");
    // Right, right, then wrong (the first choice where the second is right); the first
    // question waits 2.5 s of real time before its answer.
    let mut wrong_given = 0;
    let mut asked = 0;
    for n in 0..8 {
        if n > 0 {
            lab.apply(&Command::LessonStep { direction: StepDirection::Forward }).unwrap();
        }
        let g = lab.guide().unwrap();
        if let Some(q) = g.lesson.scenes[g.scene].question.clone() {
            asked += 1;
            if asked == 1 {
                for _ in 0..50 {
                    lab.frame(0.05);
                }
            }
            let choice = if asked == 3 { (q.answer + 1) % q.choices } else { q.answer };
            wrong_given = choice;
            lab.apply(&Command::Answer { choice }).unwrap();
        }
        lab.finish_scene(None).unwrap();
    }
    lab.apply(&Command::LessonStep { direction: StepDirection::Forward }).unwrap();
    let events = lab.take_lesson_events();
    let answered: Vec<_> = events.iter().filter(|e| matches!(e, LessonEvent::Answered { .. })).collect();
    assert_eq!(answered.len(), 3, "{events:?}");
    match answered[0] {
        LessonEvent::Answered { scene: 1, choice: 1, correct: 1, right: true, latency_s, .. } => {
            assert!((latency_s - 2.5).abs() < 1e-9, "{latency_s}")
        }
        e => panic!("{e:?}"),
    }
    assert!(
        matches!(answered[2], LessonEvent::Answered { right: false, correct: 1, choice, .. } if *choice == wrong_given)
    );
    assert_eq!(
        events.last(),
        Some(&LessonEvent::Completed { lesson: "build-up", right: 2, questions: 3, score: 2.0 / 3.0 })
    );
    // Answering again after going back does not change the first answer's count;
    // Start again counts afresh.
    lab.apply(&Command::LessonGo { step: 0 }).unwrap();
    assert!(matches!(lab.take_lesson_events()[..], [LessonEvent::Started { scene: 0, .. }]));
}
