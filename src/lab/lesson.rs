//! Guided lessons, as data: each is a list of scenes, and each scene is the `Command`s
//! that set it up, the model time it then runs (at a speed that shows it within a few
//! seconds), how long it holds for reading, and perhaps a question to answer before it
//! runs ("predict, then see"). The lab plays them through the same commands as the
//! page, so a link, a test and a teacher's click all replay a scene to the same state.
//! Numbers and ids only: `present::lesson` words the titles, captions and questions
//! (from the model's values at that moment).

use super::{Command, ControlKey, IonQuantity, Lab, LabError, StepDirection};

/// A question before a scene runs: how many choices, and which is right (0-based).
#[derive(Debug, Clone, PartialEq)]
pub struct Question {
    pub choices: usize,
    pub answer: usize,
}

/// One scene of a lesson.
#[derive(Debug, Clone, PartialEq)]
pub struct LessonScene {
    /// Its name in the catalog: `lesson-<lesson>-<scene>-…`.
    pub id: &'static str,
    /// Applied when the scene starts, before its question is asked: the learner
    /// predicts from the scene's own picture, and the answer runs it.
    pub commands: Vec<Command>,
    /// Model time it then runs, and at which speed (an index of the speeds).
    pub run_s: f64,
    pub speed: usize,
    /// Real seconds it holds, paused, at least, when the lesson plays on by itself (the
    /// page holds a caption longer when its words need it: `Lab::hold_for_reading`).
    pub hold_s: f64,
    pub question: Option<Question>,
}

/// A lesson: its id (in links: `?lesson=<id>&step=<n>`), the preset it starts from,
/// and its scenes.
#[derive(Debug, Clone, PartialEq)]
pub struct Lesson {
    pub id: &'static str,
    pub preset: &'static str,
    pub scenes: Vec<LessonScene>,
}

impl Lesson {
    /// How many of its scenes ask a question.
    pub fn questions(&self) -> usize {
        self.scenes.iter().filter(|s| s.question.is_some()).count()
    }
}

/// Real seconds a scene's run takes on the page.
pub fn scene_real_s(scene: &LessonScene) -> f64 {
    scene.run_s / super::SPEEDS_MODEL_S_PER_REAL_S[scene.speed.min(super::SPEEDS_MODEL_S_PER_REAL_S.len() - 1)]
}

fn control(key: ControlKey, value: f64) -> Command {
    Command::SetControl { key, value }
}

fn ion(name: &str, quantity: IonQuantity) -> ControlKey {
    ControlKey::ion(name, quantity)
}

fn scene(id: &'static str, commands: Vec<Command>, run_s: f64, speed: usize, hold_s: f64) -> LessonScene {
    LessonScene { id, commands, run_s, speed, hold_s, question: None }
}

fn asking(mut s: LessonScene, choices: usize, answer: usize) -> LessonScene {
    s.question = Some(Question { choices, answer });
    s
}

/// A fresh start on the mammalian neuron as `patch` changes it.
fn neuron_with(patch: serde_json::Value) -> Command {
    Command::LoadScenario { preset: "neuron".to_string(), patch }
}

/// The neuron's ions with these inside and outside concentrations (K, Na, Cl, Ca) and
/// nothing permeant: a sealed membrane.
fn sealed_ions(inside: [f64; 4], outside: [f64; 4]) -> serde_json::Value {
    let names = [("K", 1), ("Na", 1), ("Cl", -1), ("Ca", 2)];
    serde_json::Value::Array(
        names
            .iter()
            .enumerate()
            .map(|(i, (name, z))| {
                serde_json::json!({"name": name, "charge": z, "inside_mm": inside[i],
                    "outside_mm": outside[i], "permeability_cm_per_s": 0.0})
            })
            .collect(),
    )
}

/// The resting potential built up "in imaginary steps", as the classic lecture does,
/// each step a state the model reaches by running: the same fluid on both sides; the
/// trapped organic anions and the gradients (no voltage: nothing crosses); the pump
/// alone (it charges the membrane until it stalls); the K⁺ leak; the Na⁺ leak (rest);
/// Cl⁻, passive; KCC2 (E_Cl below rest); Ca²⁺ and the Na⁺/Ca²⁺ exchanger. The neuron's
/// own numbers (doc/model.md), its transporters present from the start at zero
/// strength so that each step only switches one on.
fn explainer() -> Lesson {
    let outside = [5.0, 145.0, 110.0, 1.2];
    // Step 1: the bath on both sides, Cl⁻ making each side neutral.
    let same = [5.0, 145.0, 152.4, 1.2];
    // The neuron's inside (Cl⁻ where its rest puts it: doc/model.md).
    let inside = [140.0, 15.0, 6.946_818_613_485_283, 1e-4];
    let transporters = || {
        serde_json::json!({"pump": {"blocked": true}, "kcc2": {"rate_mm_per_s": 0.0},
            "ncx": {"max_current_ua_per_cm2": 0.0}, "initial_voltage_mv": 0.0})
    };
    let with = |ions: serde_json::Value| {
        let mut p = transporters();
        p["ions"] = ions;
        neuron_with(p)
    };
    Lesson {
        id: "build-up",
        preset: "neuron",
        scenes: vec![
            scene("same", vec![with(sealed_ions(same, same))], 0.1, 2, 5.0),
            asking(scene("anions", vec![with(sealed_ions(inside, outside))], 0.1, 2, 5.0), 3, 1),
            asking(scene("pump", vec![control(ControlKey::PumpRunning, 1.0)], 1.0, 3, 6.0), 3, 1),
            scene("k-leak", vec![control(ion("K", IonQuantity::Permeability), 1e-6)], 0.3, 2, 6.0),
            asking(scene("na-leak", vec![control(ion("Na", IonQuantity::Permeability), 0.04)], 0.1, 2, 7.0), 3, 1),
            scene("cl", vec![control(ion("Cl", IonQuantity::Permeability), 0.45)], 0.1, 2, 6.0),
            scene("kcc2", vec![control(ControlKey::Kcc2Rate, 0.3)], 600.0, 6, 6.0),
            scene(
                "ca",
                vec![control(ion("Ca", IonQuantity::Permeability), 0.001), control(ControlKey::NcxMax, 2000.0)],
                60.0,
                5,
                7.0,
            ),
        ],
    }
}

/// The five misconceptions the explainers list, each a short lesson that puts the lab
/// in the state that disproves it and runs it ("Show me").
pub const MISCONCEPTIONS: [&str; 5] = ["myth-pump", "myth-equal", "myth-many", "myth-ek", "myth-equilibrium"];

fn misconceptions() -> Vec<Lesson> {
    let one = |id: &'static str, scenes: Vec<LessonScene>| Lesson { id, preset: "neuron", scenes };
    vec![
        // "The pump directly makes the voltage": block it; a few mV at once, then the
        // run-down over an hour.
        one(
            "myth-pump",
            vec![
                scene("block", vec![control(ControlKey::PumpRunning, 0.0)], 1.0, 3, 6.0),
                scene("hour", vec![], 3600.0, 7, 7.0),
            ],
        ),
        // "Equal numbers of ions are inside and out": the bars and the charge meter.
        one("myth-equal", vec![scene("bars", vec![], 1.0, 3, 8.0)]),
        // "Lots of ions move to set −70 mV": the ions-moved meter.
        one("myth-many", vec![scene("meter", vec![], 1.0, 3, 8.0)]),
        // "Resting potential equals E_K": V − E_K, then what the Na⁺ leak does.
        one(
            "myth-ek",
            vec![
                scene("rest", vec![], 1.0, 3, 6.0),
                scene("no-na", vec![control(ion("Na", IonQuantity::Permeability), 0.0)], 0.3, 2, 7.0),
            ],
        ),
        // "The membrane is at equilibrium": a steady state that costs ATP; stop the
        // pump and it decays.
        one(
            "myth-equilibrium",
            vec![
                scene("atp", vec![], 1.0, 3, 7.0),
                scene("decay", vec![control(ControlKey::PumpRunning, 0.0)], 3600.0, 7, 7.0),
            ],
        ),
    ]
}

/// Every lesson Vrest has, in the menu's order: the explainer first, the misconceptions
/// last.
pub fn lessons() -> Vec<Lesson> {
    let mut all = lesson_list();
    all.extend(misconceptions());
    all
}

fn lesson_list() -> Vec<Lesson> {
    vec![
        explainer(),
        Lesson {
            id: "block-pump",
            preset: "neuron",
            scenes: vec![
                scene("rest", vec![], 2.0, 3, 5.0),
                asking(scene("block", vec![control(ControlKey::PumpRunning, 0.0)], 1.0, 3, 6.0), 3, 1),
                asking(scene("hour", vec![], 3600.0, 7, 7.0), 3, 1),
                scene("restore", vec![control(ControlKey::PumpRunning, 1.0)], 3600.0, 7, 6.0),
            ],
        },
        Lesson {
            id: "hyperkalemia",
            preset: "excitable-neuron",
            scenes: vec![
                scene("fires", vec![stimulus()], 0.03, 1, 5.0),
                asking(scene("raise", vec![control(ion("K", IonQuantity::Outside), 10.0)], 20.0, 4, 6.0), 3, 0),
                scene("fires-again", vec![stimulus()], 0.03, 1, 6.0),
                scene("high", vec![control(ion("K", IonQuantity::Outside), 30.0)], 20.0, 4, 5.0),
                asking(scene("silent", vec![stimulus()], 0.03, 1, 7.0), 3, 2),
            ],
        },
    ]
}

fn stimulus() -> Command {
    Command::Stimulate { amplitude_ua_per_cm2: 40.0 }
}

/// Find a lesson by id.
pub fn find(id: &str) -> Option<Lesson> {
    lessons().into_iter().find(|l| l.id == id)
}

/// Where a scene is.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Phase {
    /// Set up and waiting for the answer to its question.
    Ask,
    /// Running its model time, until `end_s`.
    Run { end_s: f64 },
    /// Done: paused, with `left_s` of real time to hold while the lesson plays on. A
    /// scene that asked waits for Continue (`LessonStep` forward) instead: its reveal
    /// stays as long as the learner reads it.
    Hold { left_s: f64 },
    /// After the last scene: the end card, until Start again or Explore this cell.
    End,
}

/// What a scene left when it ended: V, the model time and the spikes it fired.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SceneEnd {
    pub voltage_mv: f64,
    pub time_s: f64,
    pub spikes: u64,
}

/// What happened in a lesson, for an embedding page (`lesson` events) and a course's
/// gradebook (SCORM): numbers and ids only.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum LessonEvent {
    /// The lesson was started (or started again) at `scene`.
    Started { lesson: &'static str, scene: usize, scenes: usize, questions: usize },
    /// A question was answered: the choice (0 for the first), the right one, and the
    /// real seconds it was on screen before the answer.
    Answered { lesson: &'static str, scene: usize, choice: usize, correct: usize, right: bool, latency_s: f64 },
    /// The end card was reached: the questions answered right at their first answer,
    /// of the questions the lesson asks, and their share (0 to 1).
    Completed { lesson: &'static str, right: usize, questions: usize, score: f64 },
}

/// The events not yet taken, at most this many (the oldest dropped first).
pub const MAX_LESSON_EVENTS: usize = 64;

/// A lesson's answers so far, kept across its scenes (each scene starts a new `Guide`).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct LessonRecord {
    /// Per scene: whether its question's first answer was right.
    pub first: Vec<Option<bool>>,
    /// Events for the page to take (`Lab::take_lesson_events`).
    pub events: Vec<LessonEvent>,
}

impl LessonRecord {
    /// A new attempt (`started`, a `Started` event): its answers counted afresh.
    fn start(&mut self, started: LessonEvent) {
        if let LessonEvent::Started { scenes, .. } = started {
            self.first = vec![None; scenes];
        }
        self.push(started);
    }

    fn push(&mut self, e: LessonEvent) {
        if self.events.len() >= MAX_LESSON_EVENTS {
            self.events.remove(0);
        }
        self.events.push(e);
    }
}

/// A lesson in progress.
#[derive(Debug, Clone, PartialEq)]
pub struct Guide {
    pub lesson: Lesson,
    pub scene: usize,
    pub phase: Phase,
    /// The lesson plays on by itself (Play), or waits on each scene (by hand).
    pub playing: bool,
    /// The answer chosen to this scene's question.
    pub answer: Option<usize>,
    /// V and the spike count when the scene started (before its commands).
    pub before_mv: f64,
    pub spikes_before: u64,
    /// How every scene so far ended (the end card's lines).
    pub ends: Vec<SceneEnd>,
    /// The hold has been lengthened for its caption's words (once per scene).
    pub read_sized: bool,
    /// A narration is being spoken: the hold waits for it to end.
    pub narrating: bool,
    /// Real seconds the question has been waiting for its answer.
    pub asked_s: f64,
}

impl Guide {
    /// The scene asked a question, so its reveal waits for Continue.
    pub fn waits_for_continue(&self) -> bool {
        matches!(self.phase, Phase::Hold { .. }) && self.lesson.scenes[self.scene].question.is_some()
    }
}

/// The most model time one frame runs towards a scene's end while it plays.
const RUN_CHUNKS: f64 = 400.0;

/// The longest a caption is held for its words (real seconds).
pub const MAX_READING_S: f64 = 60.0;

impl Lab {
    /// The lesson in progress, if any.
    pub fn guide(&self) -> Option<&Guide> {
        self.teaching.guide.as_ref()
    }

    /// Start `id` at scene `step` (`Command::StartLesson`): the lab is put in the state
    /// in which that scene begins, by replaying the scenes before it.
    pub(super) fn start_lesson(&mut self, id: &str, step: usize) -> Result<(), LabError> {
        let lesson = find(id).ok_or_else(|| LabError::UnknownLesson { id: vrest_core::error::printable(id, 40) })?;
        if step >= lesson.scenes.len() {
            return Err(LabError::LessonStep { max: lesson.scenes.len() - 1, got: step });
        }
        // Under a teacher's locks, a lesson that would change a locked control on the
        // way is refused before it starts, not cut short at that scene.
        let (locks, hidden) = self.locks();
        if !locks.is_empty() || !hidden.is_empty() {
            let mut probe = self.clone();
            probe.teaching.guide = None;
            probe.replay_to(&lesson, lesson.scenes.len())?;
        }
        let started = LessonEvent::Started {
            lesson: lesson.id,
            scene: step,
            scenes: lesson.scenes.len(),
            questions: lesson.questions(),
        };
        self.enter_scene(lesson, step, false)?;
        self.teaching.lesson_record.start(started);
        Ok(())
    }

    /// The lesson events since the last call, oldest first.
    pub fn take_lesson_events(&mut self) -> Vec<LessonEvent> {
        std::mem::take(&mut self.teaching.lesson_record.events)
    }

    /// Put the lab where scene `step` begins: the preset, then every earlier scene's
    /// commands and run, at once. Returns how each of those scenes ended.
    fn replay_to(&mut self, lesson: &Lesson, step: usize) -> Result<Vec<SceneEnd>, LabError> {
        self.apply_inner(&Command::LoadPreset { preset: lesson.preset.to_string() })?;
        let mut ends = Vec::with_capacity(step);
        for s in &lesson.scenes[..step] {
            let spikes = self.run.spikes;
            for c in &s.commands {
                self.apply_inner(c)?;
            }
            self.run_at_once(s.run_s)?;
            ends.push(self.scene_end(spikes));
        }
        self.playback.playing = false;
        Ok(ends)
    }

    fn scene_end(&self, spikes_before: u64) -> SceneEnd {
        SceneEnd {
            voltage_mv: self.run.membrane.voltage_mv(),
            time_s: self.run.membrane.time_s(),
            spikes: self.run.spikes.saturating_sub(spikes_before),
        }
    }

    /// Replay to scene `step` and enter it, on a copy first: refused whole.
    fn enter_scene(&mut self, lesson: Lesson, step: usize, playing: bool) -> Result<(), LabError> {
        let mut trial = self.clone();
        trial.teaching.guide = None;
        let ends = trial.replay_to(&lesson, step)?;
        trial.begin_scene(lesson, step, playing, ends)?;
        *self = trial;
        Ok(())
    }

    /// Run `model_s` of model time now, recording the trace (and spikes) as playing does.
    fn run_at_once(&mut self, model_s: f64) -> Result<(), LabError> {
        let chunk = (model_s / RUN_CHUNKS).max(self.slice_s().min(model_s));
        let end = self.run.membrane.time_s() + model_s;
        while self.run.membrane.time_s() < end - 1e-12 {
            let dt = chunk.min(end - self.run.membrane.time_s());
            self.advance_observed(dt, u64::MAX).map_err(LabError::Stopped)?;
        }
        Ok(())
    }

    /// Enter scene `step`: set it up (its commands, drawn at once while time stands
    /// still), then wait for its question's answer, or run it.
    fn begin_scene(&mut self, lesson: Lesson, step: usize, playing: bool, ends: Vec<SceneEnd>) -> Result<(), LabError> {
        let scene = lesson.scenes[step].clone();
        let (before_mv, spikes_before) = (self.run.membrane.voltage_mv(), self.run.spikes);
        for c in &scene.commands {
            self.apply_inner(c)?;
        }
        self.add_mark(super::MarkKind::Scene { scene: step });
        self.teaching.guide = Some(Guide {
            lesson,
            scene: step,
            phase: Phase::Ask,
            playing,
            answer: None,
            before_mv,
            spikes_before,
            ends,
            read_sized: false,
            narrating: false,
            asked_s: 0.0,
        });
        self.playback.playing = false;
        // The question asks what V will do: no "V is heading to …" note answers it.
        self.paused_edit = false;
        if scene.question.is_none() {
            self.run_scene()?;
        }
        Ok(())
    }

    /// Set the scene (already set up) running.
    fn run_scene(&mut self) -> Result<(), LabError> {
        let Some(g) = self.teaching.guide.as_ref() else { return Ok(()) };
        let scene = &g.lesson.scenes[g.scene];
        let (speed, run_s) = (scene.speed, scene.run_s);
        self.set_speed(speed)?;
        let end_s = self.run.membrane.time_s() + run_s;
        if let Some(g) = self.teaching.guide.as_mut() {
            g.phase = Phase::Run { end_s };
        }
        // The scene runs now: its changes do not wait for time (no "paused" note).
        self.playback.playing = true;
        self.paused_edit = false;
        Ok(())
    }

    /// Go to scene `step` (Next, Back, the scene list): replayed from the start, so the
    /// scene begins as it always does, whatever was done in between.
    fn go_to_scene(&mut self, step: usize) -> Result<(), LabError> {
        let Some(g) = self.teaching.guide.clone() else { return Err(LabError::NoLesson) };
        if step >= g.lesson.scenes.len() {
            return Err(LabError::LessonStep { max: g.lesson.scenes.len() - 1, got: step });
        }
        self.enter_scene(g.lesson, step, g.playing)
    }

    /// The present scene from its start (Reset during a lesson); from the end card, the
    /// last scene.
    pub(super) fn restart_scene(&mut self) -> Result<(), LabError> {
        let scene = self.teaching.guide.as_ref().ok_or(LabError::NoLesson)?.scene;
        self.go_to_scene(scene)
    }

    /// Past the last scene: the end card. The lab stays as the lesson left it.
    fn end_card(&mut self) {
        if let Some(g) = self.teaching.guide.as_mut() {
            if let Phase::Run { .. } = g.phase {
                return;
            }
            if g.phase != Phase::End {
                let questions = g.lesson.questions();
                let right = self.teaching.lesson_record.first.iter().filter(|r| **r == Some(true)).count();
                let score = if questions == 0 { 1.0 } else { right as f64 / questions as f64 };
                self.teaching.lesson_record.push(LessonEvent::Completed {
                    lesson: g.lesson.id,
                    right,
                    questions,
                    score,
                });
            }
            g.phase = Phase::End;
            g.playing = false;
        }
        self.playback.playing = false;
        self.revision += 1;
    }

    /// The lesson commands (`Command::Lesson*`, `Answer`).
    pub(super) fn lesson_command(&mut self, command: &Command) -> Result<(), LabError> {
        let g = self.teaching.guide.clone().ok_or(LabError::NoLesson)?;
        match command {
            Command::LessonPlay => {
                if let Some(g) = self.teaching.guide.as_mut() {
                    g.playing = true;
                }
                // At the end card, Play does nothing: "Start again" starts again.
                if let Phase::Run { .. } = g.phase {
                    self.playback.playing = true;
                }
            }
            Command::LessonPause => {
                if let Some(g) = self.teaching.guide.as_mut() {
                    g.playing = false;
                }
                self.playback.playing = false;
            }
            // Next, or Continue after a reveal; past the last scene, the end card.
            Command::LessonStep { direction: StepDirection::Forward } => {
                if g.phase == Phase::End {
                    return Err(LabError::LessonStep { max: g.lesson.scenes.len() - 1, got: g.scene + 1 });
                }
                if g.scene + 1 < g.lesson.scenes.len() {
                    self.go_to_scene(g.scene + 1)?;
                } else {
                    // The rest of the last scene's run, on a copy: refused whole.
                    if let Some(Guide { phase: Phase::Run { end_s }, .. }) = self.teaching.guide {
                        let mut trial = self.clone();
                        trial.run_at_once((end_s - trial.run.membrane.time_s()).max(0.0))?;
                        trial.lesson_frame(0.0);
                        *self = trial;
                    }
                    self.end_card();
                }
            }
            // Back from the end card is the last scene again.
            Command::LessonStep { direction: StepDirection::Back } if g.phase == Phase::End => {
                self.go_to_scene(g.scene)?
            }
            Command::LessonStep { direction: StepDirection::Back } => {
                self.go_to_scene(
                    g.scene.checked_sub(1).ok_or(LabError::LessonStep { max: g.lesson.scenes.len() - 1, got: 0 })?,
                )?;
            }
            // "Start again" on the end card: a new attempt, its answers counted afresh.
            Command::LessonGo { step: 0 } if g.phase == Phase::End => {
                self.go_to_scene(0)?;
                self.teaching.lesson_record.start(LessonEvent::Started {
                    lesson: g.lesson.id,
                    scene: 0,
                    scenes: g.lesson.scenes.len(),
                    questions: g.lesson.questions(),
                });
            }
            Command::LessonGo { step } => self.go_to_scene(*step)?,
            Command::Answer { choice } => {
                let q = g.lesson.scenes[g.scene].question.clone().ok_or(LabError::NoQuestion)?;
                if g.phase != Phase::Ask {
                    return Err(LabError::NoQuestion);
                }
                if *choice >= q.choices {
                    return Err(LabError::Choice { max: q.choices - 1, got: *choice });
                }
                // Checked above, and running a set-up scene cannot fail: refused whole.
                self.run_scene()?;
                if let Some(g) = self.teaching.guide.as_mut() {
                    g.answer = Some(*choice);
                }
                let right = *choice == q.answer;
                if let Some(first @ None) = self.teaching.lesson_record.first.get_mut(g.scene) {
                    *first = Some(right);
                }
                self.teaching.lesson_record.push(LessonEvent::Answered {
                    lesson: g.lesson.id,
                    scene: g.scene,
                    choice: *choice,
                    correct: q.answer,
                    right,
                    latency_s: g.asked_s,
                });
            }
            Command::EndLesson => self.teaching.guide = None,
            _ => {}
        }
        Ok(())
    }

    /// How far the present scene may run this frame (model seconds), given `wanted`.
    pub(super) fn lesson_limit(&self, wanted: f64) -> f64 {
        match self.teaching.guide.as_ref().map(|g| g.phase) {
            Some(Phase::Run { end_s }) => wanted.min((end_s - self.run.membrane.time_s()).max(0.0)),
            // A question waits for its answer before anything runs.
            Some(Phase::Ask) => 0.0,
            _ => wanted,
        }
    }

    /// After a frame: a scene that reached its end holds; a held scene of a playing
    /// lesson moves on when its time is up.
    pub(super) fn lesson_frame(&mut self, real_dt_s: f64) {
        // Called every frame: read the few fields it needs, never clone the lesson.
        let (v, t) = (self.run.membrane.voltage_mv(), self.run.membrane.time_s());
        let spikes = self.run.spikes;
        let Some(g) = self.teaching.guide.as_mut() else { return };
        let waits = g.waits_for_continue();
        let (scene, count, hold_s) = (g.scene, g.lesson.scenes.len(), g.lesson.scenes[g.scene].hold_s);
        match g.phase {
            Phase::Ask => g.asked_s += real_dt_s,
            Phase::Run { end_s } if t >= end_s - 1e-9 => {
                g.phase = Phase::Hold { left_s: hold_s };
                g.ends.truncate(scene);
                g.ends.push(SceneEnd { voltage_mv: v, time_s: t, spikes: spikes.saturating_sub(g.spikes_before) });
                self.playback.playing = false;
                self.revision += 1;
            }
            // A reveal waits for Continue; a caption being read aloud, for its end.
            Phase::Hold { .. } if waits || g.narrating => {}
            Phase::Hold { left_s } if g.playing => {
                let left = left_s - real_dt_s;
                if left > 0.0 {
                    g.phase = Phase::Hold { left_s: left };
                } else if scene + 1 < count {
                    if self.go_to_scene(scene + 1).is_err() {
                        self.teaching.guide = None;
                    }
                    self.revision += 1;
                } else {
                    self.end_card();
                }
            }
            _ => {}
        }
    }

    /// Hold the scene's finished caption at least `real_s` (its words at a reader's
    /// pace, worded by `present`), once per scene.
    pub fn hold_for_reading(&mut self, real_s: f64) {
        if let Some(g) = self.teaching.guide.as_mut() {
            if let (Phase::Hold { left_s }, false) = (g.phase, g.read_sized) {
                let real_s = if real_s.is_finite() { real_s.clamp(0.0, MAX_READING_S) } else { 0.0 };
                g.phase = Phase::Hold { left_s: left_s.max(real_s) };
                g.read_sized = true;
            }
        }
    }

    /// A caption is being read aloud (or no longer is): a held scene waits for it.
    pub fn set_narrating(&mut self, on: bool) {
        if let Some(g) = self.teaching.guide.as_mut() {
            g.narrating = on;
        }
    }

    /// Play scene `step` of a lesson to its end at once, its question answered with
    /// `answer` (for tests, transcripts and captions files).
    pub fn finish_scene(&mut self, answer: Option<usize>) -> Result<(), LabError> {
        if let Some(Guide { phase: Phase::Ask, .. }) = self.teaching.guide {
            let Some(g) = self.teaching.guide.as_ref() else { return Ok(()) };
            let right = g.lesson.scenes[g.scene].question.as_ref().map_or(0, |q| q.answer);
            self.lesson_command(&Command::Answer { choice: answer.unwrap_or(right) })?;
        }
        if let Some(Guide { phase: Phase::Run { end_s }, .. }) = self.teaching.guide {
            self.run_at_once((end_s - self.run.membrane.time_s()).max(0.0))?;
            self.lesson_frame(0.0);
        }
        Ok(())
    }
}
