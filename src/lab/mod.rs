//! The lab: the state behind the page, in numbers only. It owns the running membrane,
//! the play state, the speed, the step history, the voltage trace and the particle
//! picture, and turns real time into model time in one place:
//!
//!   model_dt_s = min(real_dt_s, MAX_FRAME_S) × speed (model seconds per real second)
//!
//! Every change arrives as a [`Command`] through [`Lab::apply`]; a revision counter
//! tells a view whether anything it shows has changed since it last drew.
//!
//! Layers: `vrest_core` (physics) ← `lab` ← `present` (words) ← `web`. Nothing here
//! imports `present` or `web`, and nothing here is text a person reads.

pub mod args;
pub mod command;
pub mod controls;
pub mod crossings;
pub mod error;
pub mod host;
pub mod key;
pub mod lesson;
pub mod limits;
pub mod link;
pub mod lock;
pub mod marks;
pub mod measures;
pub mod parts;
pub mod records;
pub mod scene;
pub mod spec;
pub mod spike;
pub mod timeline;
pub mod view;

use std::collections::VecDeque;

use vrest_core::constants::{POTASSIUM_NAME, SODIUM_NAME};
use vrest_core::presets;
use vrest_core::{rows, Extremes, Membrane, Scenario};

pub use command::{Command, StepDirection};
pub use controls::ControlSpec;
use crossings::{round_125, CrossingEvent, CrossingGenerator, MAX_EVENTS_PER_FRAME};
pub use error::LabError;
pub use key::{ControlKey, IonQuantity};
pub use marks::{Mark, MarkKind, Timeline, STEP_SIZES_S};
pub use measures::Measures;
use scene::{Densities, Layout, Scene, Transporter};
pub use view::{View, LEARNER_CONTROLS};

/// The speeds, in model seconds per real second: from slow motion (watch the membrane
/// charge) to fast-forward (watch the gradients run down after a pump block: an hour
/// in a second).
pub const SPEEDS_MODEL_S_PER_REAL_S: &[f64] = &[1e-3, 1e-2, 0.1, 1.0, 10.0, 60.0, 600.0, 3600.0];
/// Real time.
pub const DEFAULT_SPEED: usize = 3;

/// A frame longer than this (a background tab, a debugger pause) counts as this long.
pub const MAX_FRAME_S: f64 = 0.1;
/// One step forward or back is this much real time of play, in model time: 0.1 s at
/// real time, 0.1 ms in slow motion, 6 minutes at an hour per second.
pub const SLICE_REAL_S: f64 = 0.1;
/// The voltage trace spans this much real time of play.
pub const TRACE_WINDOW_REAL_S: f64 = 20.0;
/// Stepping with a step size chosen, the trace spans this many steps.
pub const STEP_WINDOW_STEPS: f64 = 100.0;
/// The trace keeps this many windows' worth of points, and at most this many points.
const TRACE_KEEP_WINDOWS: f64 = 3.0;
const TRACE_MAX_POINTS: usize = 6_000;
/// Steps that can be undone.
pub const HISTORY_STEPS: usize = 500;
/// Crossing events per real second the particle scale aims for; the scale is left alone
/// while the rate stays within this factor of the target (so the legend does not flicker).
pub const TARGET_EVENTS_PER_S: f64 = 12.0;
const TARGET_TOLERANCE: f64 = 4.0;
/// How often (real seconds) the particle scale is checked while playing.
const RESCALE_EVERY_S: f64 = 0.5;
/// Default number of particles in the picture: enough to show every density ratio,
/// few enough that the channels and the pump stay visible.
pub const DEFAULT_PARTICLES: usize = 1_000;
/// The particle budgets a page may ask for.
pub const PARTICLE_BUDGET: (usize, usize) = (100, 50_000);
/// The most integrator steps one frame may take (a few ms of wasm): enough for any
/// resting or slowly changing cell at the fastest speed, and a few spikes of a firing one.
/// 900 keep a firing cell's frame where 700 were before its steps got cheaper (issue
/// #21: 2.5 ms median at 700, 3.3 ms before; doc/implementation-notes.md, the time
/// transform).
pub const FRAME_STEP_BUDGET: u64 = 900;
/// The most integrator steps one Step press may take (about twenty frames' worth, a
/// fraction of a second of wasm): a firing cell at fast-forward would otherwise need
/// millions of steps for one slice and freeze the page. A step that runs out covers
/// less model time than a slice and says so (`short_step_s`).
pub const STEP_STEP_BUDGET: u64 = 20 * FRAME_STEP_BUDGET;
/// The pace is smoothed over about this many frames (1/n per frame).
const PACE_SMOOTHING: f64 = 0.1;
/// Below this fraction of the chosen speed, the readout says the lab is slowed.
pub const SLOWED_BELOW: f64 = 0.98;
/// A Stimulate press gives a pulse this long (model seconds).
pub const STIMULUS_DURATION_S: f64 = 1e-3;
/// The page's default pulse: it fires the excitable neuron at rest, and a tenth of it does not.
pub const DEFAULT_STIMULUS_UA_PER_CM2: f64 = 40.0;
/// A spike is counted when V rises through this after it has been below the re-arm
/// level: an overshoot of an action potential, not a cell resting near 0 mV drifting.
pub const SPIKE_MV: f64 = 0.0;
pub const SPIKE_REARM_MV: f64 = -20.0;
/// The trace keeps at most a lowest and a highest V per this many columns of its window
/// (more than any screen draws), however finely the model was sliced.
const TRACE_COLUMNS: f64 = 2_000.0;
/// A cell that can fire is advanced in slices this long (model seconds): shorter than
/// the interval between two spikes of any cell Vrest has (a few ms at the least), so
/// the lowest and highest V of each slice catch every spike.
pub const SPIKE_SLICE_S: f64 = 2e-3;
/// After a step, let the crossing particles finish for this long while paused.
const STEP_ANIMATION_S: f64 = 1.2;
/// The picture's own seed is the lab's, mixed with this, so the two streams differ.
const SCENE_SEED_MIX: u64 = 0x5eed;

/// A teacher's questions: at most this many, each at most this many characters.
pub const MAX_QUESTIONS: usize = 3;
pub const MAX_QUESTION_CHARS: usize = 200;

/// `questions` trimmed, the empty ones dropped, or why not: more than
/// `MAX_QUESTIONS`, or one too long or holding a control character (a line break, a
/// bidi override), which a worksheet or a link would carry into someone else's page.
pub fn checked_questions(questions: &[String]) -> Result<Vec<String>, LabError> {
    let refuse = |number| LabError::Questions { max: MAX_QUESTIONS, max_chars: MAX_QUESTION_CHARS, number };
    if questions.len() > MAX_QUESTIONS {
        return Err(refuse(0));
    }
    let mut out = Vec::with_capacity(questions.len());
    for (i, q) in questions.iter().enumerate() {
        let q = q.trim();
        let bidi = vrest_core::error::is_bidi_control;
        if q.chars().count() > MAX_QUESTION_CHARS || q.chars().any(|c| c.is_control() || bidi(c)) {
            return Err(refuse(i + 1));
        }
        if !q.is_empty() {
            out.push(q.to_string());
        }
    }
    Ok(out)
}

/// FNV-1a, for [`Lab::layout_key`]: a few lines, the same in every run, where std's
/// SipHash would add its code to the page (nothing else there hashes).
struct Fnv1a(u64);

impl std::hash::Hasher for Fnv1a {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
    }
}

/// The lowest and the highest point of `e`, earlier first.
fn in_time_order(e: Option<Extremes>) -> impl Iterator<Item = (f64, f64)> {
    e.into_iter().flat_map(|e| if e.lowest.0 <= e.highest.0 { [e.lowest, e.highest] } else { [e.highest, e.lowest] })
}

/// The lowest and highest of two spans' extremes.
fn merge_extremes(a: Option<Extremes>, b: Option<Extremes>) -> Option<Extremes> {
    match (a, b) {
        (Some(a), Some(b)) => Some(Extremes {
            lowest: if b.lowest.1 < a.lowest.1 { b.lowest } else { a.lowest },
            highest: if b.highest.1 > a.highest.1 { b.highest } else { a.highest },
        }),
        (a, b) => a.or(b),
    }
}

#[derive(Debug, Clone, PartialEq)]
struct Snapshot {
    membrane: Membrane,
    trace_len: usize,
    /// The spike count, whether one could start, and the last one's peak.
    spikes: (u64, bool, Option<f64>),
}

/// The whole lab state behind the page, in four parts with one job each; what is left
/// here counts the changes and the commands, and what a change while paused awaits.
#[derive(Debug, Clone, PartialEq)]
pub struct Lab {
    run: Run,
    picture: Picture,
    playback: Playback,
    teaching: Teaching,
    /// Counts changes to anything a view shows (the model, the speed, the preset).
    revision: u64,
    /// Commands carried out so far.
    actions: u64,
    /// A control changed while time stood still: V has not followed yet.
    paused_edit: bool,
    /// A pulse was given to a cell that cannot fire (no voltage-gated channels): what V
    /// did is the injected current's doing, and the readout says so. Until another cell,
    /// a reset or a change of a control.
    pulse_cannot_fire: bool,
}

/// The running model: the cell, its start and history, the trace, its spikes, and why
/// it stopped.
#[derive(Debug, Clone, PartialEq)]
struct Run {
    /// The preset loaded last (a scenario loaded over it keeps its id).
    preset: &'static str,
    start: Membrane,
    membrane: Membrane,
    history: VecDeque<Snapshot>,
    trace: Vec<(f64, f64)>,
    /// The preset's own scenario, before any link's patch.
    origin: Scenario,
    /// Spikes seen in the trace so far, whether one could start now, and the last
    /// one's peak.
    spikes: u64,
    spike_armed: bool,
    spike_peak_mv: Option<f64>,
    /// The latest spike's shape (`lab::spike`), and the real time before the next may
    /// be sampled.
    last_spike: Option<spike::SpikeShape>,
    capture_wait_s: f64,
    /// A state from just before a possible spike, to sample it from.
    pre_spike: Option<Membrane>,
    /// Why the model stopped while playing, until the next successful command.
    stopped: Option<LabError>,
    /// Where something was done, in time order (`lab::timeline`).
    marks: Vec<Mark>,
    /// An earlier moment shows; the present state waits here.
    scrub: Option<timeline::Scrub>,
    /// Tests only: the model fails after this many more slices, to check that a
    /// refusal part way through a step or a lesson's run leaves the lab as it was.
    #[cfg(test)]
    fail_after_slices: Option<u32>,
}

/// The particle picture: its crossing events and animation, from its seed.
#[derive(Debug, Clone, PartialEq)]
struct Picture {
    generator: CrossingGenerator,
    scene: Scene,
    ions_per_particle: f64,
    events: Vec<CrossingEvent>,
    /// Real seconds of scene animation still owed while paused (after a step).
    animate_s: f64,
    rescale_timer_s: f64,
    seed: u64,
}

/// Playing or paused, the speed, and how the last frames and steps went.
#[derive(Debug, Clone, PartialEq)]
struct Playback {
    playing: bool,
    speed: usize,
    since_snapshot_s: f64,
    /// Model time run per model time wanted, smoothed over recent frames (1 unless a
    /// firing cell needs more steps than a frame may take).
    pace: f64,
    /// Model time the last Step covered when the step budget cut it short of a slice.
    short_step_s: Option<f64>,
    /// The step size chosen (an index into `STEP_SIZES_S`); None follows the speed.
    step_size: Option<usize>,
    /// Stepped since time last ran: the trace spans a chosen step size's steps.
    stepping: bool,
}

/// What a teacher and a lesson set: locks, hidden and presented controls, the view,
/// what was changed, the lesson in progress, the questions and the data table.
#[derive(Debug, Clone, PartialEq)]
struct Teaching {
    /// Controls locked and hidden, as patterns (`lock::matches`).
    locks: Vec<String>,
    hidden: Vec<String>,
    /// In presentation mode, the controls it shows (patterns); None outside it.
    presenting: Option<Vec<String>>,
    /// The learner's view or the full lab.
    view: View,
    /// The controls a person (or a link's patch) set since the last preset, and those
    /// the start itself has set (a patch's), which Reset returns to: "changed from the
    /// preset" means set here and now different, not drifted as the model runs.
    edited: Vec<String>,
    start_edited: Vec<String>,
    /// The guided lesson in progress (`lab::lesson`).
    guide: Option<lesson::Guide>,
    /// Its answers and events, kept across its scenes.
    lesson_record: lesson::LessonRecord,
    /// A teacher's questions (`Command::SetQuestions`, the link's `q1`…`q3`).
    questions: Vec<String>,
    /// The data table's rows (`Command::Record`).
    records: Vec<records::Record>,
}

impl Lab {
    /// The lab on the default preset, paused at real-time speed.
    pub fn new(seed: u64) -> Result<Lab, LabError> {
        let first = &presets::PRESETS[0];
        Lab::with_scenario(seed, first.id, &(first.build)().map_err(LabError::Rejected)?)
    }

    /// The lab on any scenario (under the name of the preset it was made from), paused
    /// at real-time speed.
    pub fn with_scenario(seed: u64, preset: &str, scenario: &Scenario) -> Result<Lab, LabError> {
        let preset = presets::find(preset).ok_or_else(|| LabError::UnknownPreset { id: preset.to_string() })?.id;
        let membrane = Membrane::new(scenario).map_err(LabError::Rejected)?;
        let mut lab = Lab {
            run: Run {
                preset,
                start: membrane.clone(),
                membrane,
                history: VecDeque::new(),
                trace: Vec::new(),
                origin: scenario.clone(),
                spikes: 0,
                spike_armed: false,
                spike_peak_mv: None,
                last_spike: None,
                capture_wait_s: 0.0,
                pre_spike: None,
                stopped: None,
                marks: Vec::new(),
                scrub: None,
                #[cfg(test)]
                fail_after_slices: None,
            },
            picture: Picture {
                generator: CrossingGenerator::new(seed),
                scene: Scene::new(seed ^ SCENE_SEED_MIX, DEFAULT_PARTICLES),
                ions_per_particle: 1.0,
                events: Vec::new(),
                animate_s: 0.0,
                rescale_timer_s: 0.0,
                seed,
            },
            playback: Playback {
                playing: false,
                speed: DEFAULT_SPEED,
                since_snapshot_s: 0.0,
                pace: 1.0,
                short_step_s: None,
                step_size: None,
                stepping: false,
            },
            teaching: Teaching {
                locks: Vec::new(),
                hidden: Vec::new(),
                presenting: None,
                view: View::default(),
                edited: Vec::new(),
                start_edited: Vec::new(),
                guide: None,
                lesson_record: lesson::LessonRecord::default(),
                questions: Vec::new(),
                records: Vec::new(),
            },
            revision: 0,
            actions: 0,
            paused_edit: false,
            pulse_cannot_fire: false,
        };
        lab.restart_picture();
        Ok(lab)
    }

    // ----- state the page reads -----

    pub fn membrane(&self) -> &Membrane {
        &self.run.membrane
    }
    pub fn scene(&self) -> &Scene {
        &self.picture.scene
    }
    pub fn is_playing(&self) -> bool {
        self.playback.playing
    }
    pub fn speed_index(&self) -> usize {
        self.playback.speed
    }
    /// Model seconds per real second, as chosen.
    pub fn speed(&self) -> f64 {
        SPEEDS_MODEL_S_PER_REAL_S[self.playback.speed]
    }
    /// Model seconds per real second actually run while playing: the chosen speed, or
    /// less while a firing cell needs more steps than a frame may take.
    pub fn effective_speed(&self) -> Option<f64> {
        (self.playback.playing && self.playback.pace < SLOWED_BELOW).then(|| self.playback.pace * self.speed())
    }
    /// The preset's own scenario, before any link's patch: what "changed" is measured from.
    pub fn origin(&self) -> &Scenario {
        &self.run.origin
    }

    pub fn preset_id(&self) -> &'static str {
        self.run.preset
    }
    /// The scenario that reset returns to.
    pub fn start_scenario(&self) -> Scenario {
        self.run.start.current_scenario()
    }
    pub fn ions_per_particle(&self) -> f64 {
        self.picture.ions_per_particle
    }
    pub fn history_len(&self) -> usize {
        self.run.history.len()
    }
    /// Why the model stopped while playing, if it did (cleared by the next command).
    pub fn stopped(&self) -> Option<&LabError> {
        self.run.stopped.as_ref()
    }
    /// Changes whenever anything a view shows changes.
    pub fn revision(&self) -> u64 {
        self.revision
    }
    pub fn seed(&self) -> u64 {
        self.picture.seed
    }
    /// What the page builds its controls and its ion table from, as one number: the
    /// ions by name and each control's key and whether it is shown. Another cell (a
    /// preset, a link, a host, a lesson) or another set of hidden controls changes it.
    pub fn layout_key(&self) -> u32 {
        use std::hash::{Hash, Hasher};
        let mut h = Fnv1a(0xcbf2_9ce4_8422_2325);
        for ion in &self.run.membrane.scenario().ions {
            ion.name.hash(&mut h);
        }
        for spec in self.control_specs() {
            spec.key.hash(&mut h);
            // A unit that changes (the Na⁺ leak in cm/s while P_K is 0, else × P_K)
            // changes the control's label: the page rebuilds it.
            spec.unit.hash(&mut h);
            self.is_shown(&spec.key).hash(&mut h);
        }
        let h = h.finish();
        (h ^ (h >> 32)) as u32
    }
    /// Every control of the present cell, in page order.
    pub fn control_specs(&self) -> Vec<ControlSpec> {
        controls::specs(self.run.membrane.scenario(), &self.reference())
    }
    /// The control `key` of the present cell.
    pub fn control_spec(&self, key: &ControlKey) -> Result<ControlSpec, LabError> {
        controls::spec(key, self.run.membrane.scenario(), &self.reference())
    }
    /// What the switches switch back on: the start's channels and transporters, and
    /// where a link's patch removed one, the preset's, so a learner can turn it on again.
    /// Borrowed as the start is, unless a patch removed something (read 15 times a
    /// second by the readout).
    fn reference(&self) -> std::borrow::Cow<'_, Scenario> {
        let (start, o) = (self.run.start.scenario(), &self.run.origin);
        let missing = |p: &vrest_core::Part| !p.present_in(start) && p.present_in(o);
        let switched = parts::PARTS.iter().filter_map(|c| c.switches);
        if !switched.clone().any(|p| missing(&p)) {
            return std::borrow::Cow::Borrowed(start);
        }
        let mut s = start.clone();
        for p in switched.filter(missing) {
            p.copy(&mut s, o);
        }
        std::borrow::Cow::Owned(s)
    }
    /// A control's present value in its own unit.
    pub fn control_value(&self, spec: &ControlSpec) -> f64 {
        controls::value(spec, &self.run.membrane)
    }
    /// Model time the last Step covered, when a firing cell's many small integrator
    /// steps cut it short of a slice; `None` after a full step or any other command.
    pub fn short_step_s(&self) -> Option<f64> {
        self.playback.short_step_s
    }
    /// Model time of one step: SLICE_REAL_S of play at the current speed.
    pub fn slice_s(&self) -> f64 {
        SLICE_REAL_S * self.speed()
    }
    /// Model time the trace spans: TRACE_WINDOW_REAL_S of play, or, stepping with a step
    /// size chosen (from the first Step until time runs again), [`STEP_WINDOW_STEPS`] of
    /// those steps (a spike stepped through 0.1 ms at a time fills a 10 ms trace).
    pub fn trace_window_s(&self) -> f64 {
        match self.playback.step_size {
            Some(i) if self.playback.stepping && !self.playback.playing => STEP_WINDOW_STEPS * STEP_SIZES_S[i],
            _ => TRACE_WINDOW_REAL_S * self.speed(),
        }
    }
    /// (t_s, v_mv) points inside the trace window, oldest first, up to the moment shown
    /// (an earlier one keeps its later points until time runs from it).
    pub fn trace(&self) -> &[(f64, f64)] {
        let now = self.run.membrane.time_s();
        let from = now - self.trace_window_s();
        let start = self.run.trace.partition_point(|p| p.0 < from);
        let end = self.run.trace.partition_point(|p| p.0 <= now).max(start);
        &self.run.trace[start..end]
    }
    /// Every number the page shows, computed once.
    pub fn measure(&self) -> Measures {
        let numbers = measures::LabNumbers {
            revision: self.revision,
            step_s: self.step_s(),
            trace_window_s: self.trace_window_s(),
            ions_per_particle: self.picture.ions_per_particle,
            particles_per_mm: self.picture.scene.particles_per_mm(),
            heading_mv: self.heading_mv(),
            k_sweep: self.teaching.view == View::Lab || self.teaching.presenting.is_some(),
        };
        Measures::new(&self.run.membrane, numbers)
    }

    /// After a control changed while paused: where V will settle when time runs (the
    /// zero-current voltage at the present bath), for a cell that rests. None otherwise,
    /// and for a pacemaker, which has no rest to head for.
    fn heading_mv(&self) -> Option<f64> {
        let s = self.run.membrane.scenario();
        if !self.paused_edit || s.noble.is_some() {
            return None;
        }
        let k_out = s.ion_index(POTASSIUM_NAME).map(|k| s.ions[k].outside_mm)?;
        self.run.membrane.settled_voltages_at_k_out_mv(&[k_out]).first().copied().flatten()
    }

    /// A control changed while time stood still, so V has not followed it yet.
    pub fn paused_edit(&self) -> bool {
        self.paused_edit
    }

    // ----- the frame -----

    /// One animation frame after `real_dt_s` of real time. While playing, the model
    /// advances by real_dt × speed; the picture moves in real time either way only while
    /// playing (or finishing a step).
    pub fn frame(&mut self, real_dt_s: f64) {
        let dt = if real_dt_s.is_finite() { real_dt_s.clamp(0.0, MAX_FRAME_S) } else { 0.0 };
        self.run.capture_wait_s = (self.run.capture_wait_s - dt).max(0.0);
        self.picture.events.clear();
        let wanted = self.lesson_limit(dt * self.speed());
        if self.playback.playing {
            self.playback.stepping = false;
        }
        if self.playback.playing && dt > 0.0 && wanted > 0.0 {
            // A frame runs at most FRAME_STEP_BUDGET integrator steps: a cell that fires
            // many spikes is shown more slowly, every spike drawn, rather than freezing
            // the page. `pace` (smoothed) tells the readout how much slower.
            let model_dt = match self.advance_observed(wanted, FRAME_STEP_BUDGET) {
                Ok(covered) => covered,
                Err(e) => {
                    self.playback.playing = false;
                    self.run.stopped = Some(LabError::Stopped(e));
                    self.revision += 1;
                    return;
                }
            };
            self.playback.pace = (1.0 - PACE_SMOOTHING) * self.playback.pace + PACE_SMOOTHING * (model_dt / wanted);
            if model_dt <= 0.0 {
                return;
            }
            self.playback.since_snapshot_s += model_dt;
            if self.playback.since_snapshot_s >= self.slice_s() {
                self.playback.since_snapshot_s = 0.0;
                self.push_history();
            }
            self.generate_events(model_dt);
            self.picture.rescale_timer_s += dt;
            if self.picture.rescale_timer_s > RESCALE_EVERY_S {
                self.picture.rescale_timer_s = 0.0;
                self.rescale_particles(false);
            }
        }
        if self.playback.playing || self.picture.animate_s > 0.0 {
            self.picture.animate_s = (self.picture.animate_s - dt).max(0.0);
            self.update_scene(dt);
        }
        self.lesson_frame(dt);
    }

    /// Advance the model up to `wanted_s` in at most `budget` integrator steps, adding
    /// what V did to the trace and the spike count, and return the model time covered.
    /// A cell that can fire is advanced in slices of [`SPIKE_SLICE_S`], shorter than any
    /// interval between two spikes, so each slice's lowest and highest V show every
    /// spike, however many one frame or one step covers.
    fn advance_observed(&mut self, wanted_s: f64, budget: u64) -> Result<f64, vrest_core::ModelError> {
        let s = self.run.membrane.scenario();
        let slice = if s.gates.is_some() || s.noble.is_some() { SPIKE_SLICE_S } else { wanted_s };
        // The trace keeps a lowest and a highest V per column of its window; the spike
        // count sees every slice's.
        let column_s = self.trace_window_s() / TRACE_COLUMNS;
        let (mut covered, mut left) = (0.0, budget);
        let mut pending: Option<((f64, f64), Option<Extremes>)> = None;
        while covered < wanted_s * (1.0 - 1e-12) && left > 0 {
            #[cfg(test)]
            if let Some(n) = self.run.fail_after_slices.as_mut() {
                if *n == 0 {
                    return Err(vrest_core::ModelError::new("dt_s", "error-model-too-many-steps"));
                }
                *n -= 1;
            }
            let dt = slice.min(wanted_s - covered);
            let from = (self.run.membrane.time_s(), self.run.membrane.voltage_mv());
            // A spike can start only while one is armed: keep a state from two to four
            // ms back, to sample the spike's shape from before its upstroke.
            let spikes = self.run.spikes;
            let armed = self.run.spike_armed || self.run.membrane.voltage_mv() < SPIKE_REARM_MV;
            if armed && slice == SPIKE_SLICE_S {
                let t = self.run.membrane.time_s();
                let stale =
                    self.run.pre_spike.as_ref().is_none_or(|p| t - p.time_s() >= 2.0 * SPIKE_SLICE_S || p.time_s() > t);
                if stale {
                    self.run.pre_spike = Some(self.run.membrane.clone());
                }
            } else {
                self.run.pre_spike = None;
            }
            let a = self.run.membrane.advance_within(dt, left)?;
            left = left.saturating_sub(a.steps);
            if a.covered_s <= 0.0 {
                break;
            }
            covered += a.covered_s;
            // From where the slice began (a fresh cell's rest arms the count), in time order.
            self.note_spike(from.1);
            for p in in_time_order(a.extremes) {
                self.note_spike(p.1);
            }
            self.note_spike(self.run.membrane.voltage_mv());
            let due = self.run.spikes > spikes && self.run.capture_wait_s <= 0.0;
            if let Some(before) = self.run.pre_spike.take_if(|_| due) {
                let (window_s, samples) = spike::window(self.run.membrane.scenario().noble.is_some());
                if let Some(shape) = spike::capture(before, window_s, samples) {
                    self.run.last_spike = Some(shape);
                    self.run.capture_wait_s = spike::CAPTURE_EVERY_REAL_S;
                }
            }
            let (start, seen) = pending.take().unwrap_or((from, None));
            let seen = merge_extremes(seen, a.extremes);
            if self.run.membrane.time_s() - start.0 >= column_s || a.covered_s < dt {
                self.record_trace(start, seen);
            } else {
                pending = Some((start, seen));
            }
            if a.covered_s < dt {
                break;
            }
        }
        if let Some((start, seen)) = pending {
            self.record_trace(start, seen);
        }
        Ok(covered)
    }

    fn update_scene(&mut self, dt: f64) {
        let (inside, outside) = self.concentrations();
        let d = Densities { inside_mm: &inside, outside_mm: &outside, anion_mm: self.anion_mm() };
        self.picture.scene.update(dt, &self.picture.events, d);
    }

    /// (inside, outside) concentrations of every ion now.
    fn concentrations(&self) -> (Vec<f64>, Vec<f64>) {
        let outside = self.run.membrane.scenario().ions.iter().map(|i| i.outside_mm).collect();
        (self.run.membrane.inside_mm().to_vec(), outside)
    }

    /// Where the picture puts channels, the pump and the transporters, for the cell as
    /// it is now.
    fn layout(&self) -> Layout {
        let s = self.run.membrane.scenario();
        let (na, k) = (s.ion_index(SODIUM_NAME), s.ion_index(POTASSIUM_NAME));
        // Voltage-gated channels open a path for Na⁺ and K⁺ even where they have no leak
        // (the pacemaker's channels are all gated or voltage-dependent).
        let gated = s.gates.is_some() || s.noble.is_some();
        let permeant: Vec<bool> = (0..s.ions.len())
            .map(|i| s.ions[i].permeability_cm_per_s > 0.0 || (gated && (Some(i) == na || Some(i) == k)))
            .collect();
        let pump_ions = s.pump.and(na.zip(k));
        // A transporter switched to zero strength moves nothing and is not drawn (the
        // explainer's sealed membrane has them at zero until its steps switch them on).
        let transporters: Vec<(Transporter, Vec<usize>)> = Transporter::ALL
            .into_iter()
            .filter(|t| t.strength(s).is_some_and(|x| x > 0.0))
            .filter_map(|t| Some((t, t.cycle().iter().map(|c| s.ion_index(c.ion)).collect::<Option<Vec<_>>>()?)))
            .collect();
        // The gated channels, as the model lists them (`Membrane::gated_channels`).
        let gated_ions: Vec<usize> = self.run.membrane.gated_channels().iter().map(|g| g.ion).collect();
        Layout::new(&permeant, &gated_ions, pump_ions, &transporters)
    }

    /// The impermeant anions' charge as a monovalent concentration (drawn as A⁻).
    fn anion_mm(&self) -> f64 {
        (-self.run.membrane.fixed_charge_mm()).max(0.0)
    }

    /// Add the present (t, V) to the trace, after the lowest and highest V reached on
    /// the way there (so a spike between two frames still shows), in time order. The
    /// point the advance began at (`start`) goes first where the trace does not end
    /// there already (a fresh or reset cell's first frame). The spike counter sees every
    /// point added: one advance can hold a whole spike, seen as start → peak → trough,
    /// and only the start (rest, below the re-arm level) arms the counter for that peak.
    fn record_trace(&mut self, start: (f64, f64), extremes: Option<Extremes>) {
        let t = self.run.membrane.time_s();
        if self.run.trace.last().is_none_or(|p| p.0 < start.0) {
            self.run.trace.push(start);
        }
        for p in in_time_order(extremes) {
            if self.run.trace.last().is_none_or(|q| p.0 > q.0) && p.0 < t {
                self.run.trace.push(p);
            }
        }
        self.run.trace.push((t, self.run.membrane.voltage_mv()));
        // Bounded history: keep a few windows' worth, trimmed in batches.
        if self.run.trace.len() > TRACE_MAX_POINTS {
            let from = t - TRACE_KEEP_WINDOWS * TRACE_WINDOW_REAL_S * self.speed();
            self.run.trace.retain(|p| p.0 >= from);
            if self.run.trace.len() > TRACE_MAX_POINTS {
                let excess = self.run.trace.len() - TRACE_MAX_POINTS;
                self.run.trace.drain(..excess);
            }
        }
        self.revision += 1;
    }

    /// Whether the cell can fire an action potential: it has voltage-gated channels
    /// (the excitable neuron's, or the pacemaker's Noble channels).
    pub fn can_fire(&self) -> bool {
        let s = self.run.membrane.scenario();
        s.gates.is_some() || s.noble.is_some()
    }

    /// A pulse was given to a cell that cannot fire, since the last change of cell,
    /// reset or control: V moved only while the pulse pushed charge in.
    pub fn pulse_cannot_fire(&self) -> bool {
        self.pulse_cannot_fire
    }

    /// Count a spike when V crosses [`SPIKE_MV`] upward after it was below
    /// [`SPIKE_REARM_MV`], and follow its peak. Only a cell that can fire spikes: a
    /// passive cell pushed past 0 mV by a large pulse is the current's doing.
    fn note_spike(&mut self, v_mv: f64) {
        if !self.can_fire() {
            return;
        }
        if v_mv < SPIKE_REARM_MV {
            self.run.spike_armed = true;
        } else if v_mv >= SPIKE_MV {
            if self.run.spike_armed {
                self.run.spike_armed = false;
                self.run.spikes += 1;
                self.run.spike_peak_mv = Some(v_mv);
            } else if let Some(peak) = self.run.spike_peak_mv.as_mut() {
                *peak = peak.max(v_mv);
            }
        }
    }

    /// Spikes (V up through 0 mV from below −20 mV) since this cell started (its
    /// preset's load or the last reset).
    pub fn spikes(&self) -> u64 {
        self.run.spikes
    }

    /// The latest spike's shape, sampled finely (for the inset), if one has been seen
    /// by the moment shown (an earlier moment of the timeline does not show a spike
    /// still to come).
    pub fn last_spike(&self) -> Option<&spike::SpikeShape> {
        let now = self.run.membrane.time_s();
        self.run.last_spike.as_ref().filter(|s| s.peak_s() <= now)
    }

    /// The highest V of the latest spike, as far as it has gone.
    pub fn last_spike_peak_mv(&self) -> Option<f64> {
        self.run.spike_peak_mv
    }

    /// The recorded history as CSV, in the CLI's `simulate` format (`vrest_core::rows`)
    /// and an `event` column: its header, then a row (t, V, every inside concentration)
    /// per kept moment (every slice of model time, up to `HISTORY_STEPS`) and one for
    /// now, each with the marks made since the row before (`marks::Mark::data`).
    pub fn export_csv(&self) -> String {
        let mut out = rows::header(self.run.membrane.scenario());
        out.push_str(",event\n");
        let now = self.run.membrane.time_s();
        let kept = self.run.history.iter().filter(|s| s.membrane.time_s() < now).map(|s| &s.membrane);
        let mut marks = self.marks().peekable();
        // Marks from before the oldest row kept are not the export's.
        let first = self.run.history.front().map_or(now, |s| s.membrane.time_s()).min(now);
        while marks.next_if(|m| m.t_s < first).is_some() {}
        for m in kept.chain(std::iter::once(&self.run.membrane)) {
            let t = m.time_s();
            let mut events = Vec::new();
            while let Some(mark) = marks.next_if(|mark| mark.t_s <= t) {
                events.push(mark.data());
            }
            out.push_str(&rows::row(t, m));
            out.push(',');
            out.push_str(&rows::csv_cell(&events.join("; ")));
            out.push('\n');
        }
        out
    }

    /// Reduced motion is on (`Command::SetReducedMotion`).
    pub fn reduced_motion(&self) -> bool {
        self.picture.scene.is_still()
    }

    fn push_history(&mut self) {
        let now = self.snapshot();
        self.run.history.push_back(now);
        if self.run.history.len() > HISTORY_STEPS {
            self.run.history.pop_front();
        }
    }

    fn generate_events(&mut self, model_dt: f64) {
        let fluxes = self.run.membrane.fluxes();
        if let Err(expected) =
            self.picture.generator.generate(&fluxes, model_dt, self.picture.ions_per_particle, &mut self.picture.events)
        {
            // Too fine a scale for this frame: coarsen it and try once more.
            self.picture.ions_per_particle =
                round_125(self.picture.ions_per_particle * expected / (0.25 * MAX_EVENTS_PER_FRAME));
            self.picture.generator.reset();
            let _ = self.picture.generator.generate(
                &fluxes,
                model_dt,
                self.picture.ions_per_particle,
                &mut self.picture.events,
            );
        }
    }

    /// Pick the particle scale so that about TARGET_EVENTS_PER_S events show per real
    /// second. With `force` it is recomputed; otherwise only if the rate has drifted
    /// beyond a factor of four (so the legend does not flicker).
    fn rescale_particles(&mut self, force: bool) {
        let fluxes = self.run.membrane.fluxes();
        let per_real_s = self.speed();
        let rate = CrossingGenerator::expected_events(&fluxes, per_real_s, self.picture.ions_per_particle);
        let band = TARGET_EVENTS_PER_S / TARGET_TOLERANCE..=TARGET_EVENTS_PER_S * TARGET_TOLERANCE;
        let off = !(rate.is_finite() && band.contains(&rate));
        if force || off {
            let at_one = CrossingGenerator::expected_events(&fluxes, per_real_s, 1.0);
            let n = round_125(at_one / TARGET_EVENTS_PER_S);
            if n != self.picture.ions_per_particle {
                self.picture.ions_per_particle = n;
                self.picture.generator.reset();
            }
        }
    }

    fn restart_picture(&mut self) {
        let (inside, outside) = self.concentrations();
        let d = Densities { inside_mm: &inside, outside_mm: &outside, anion_mm: self.anion_mm() };
        let layout = self.layout();
        self.picture.scene.reset(layout, d);
        self.picture.generator = CrossingGenerator::new(self.picture.seed);
        self.rescale_particles(true);
    }

    /// After a parameter change: a channel may have opened or closed.
    fn refresh_layout(&mut self) {
        let layout = self.layout();
        if &layout != self.picture.scene.layout() {
            self.picture.scene.set_layout(layout);
        }
        self.rescale_particles(false);
    }

    // ----- commands -----

    /// Open a link: each of its commands in turn, each refused whole on its own (what
    /// a link could not do is said, and the rest still opens). The refusals, in order.
    pub fn follow(&mut self, link: &link::Link) -> Vec<LabError> {
        link.commands.iter().filter_map(|c| self.apply(c).err()).collect()
    }

    /// Carry out one command. On error nothing changes and the error says why; on
    /// success the revision moves on and a stopped model's message is cleared.
    pub fn apply(&mut self, command: &Command) -> Result<(), LabError> {
        // While a lesson's question waits for its answer, nothing runs: a command that
        // would run time says so rather than seeming to work (the lesson's own scene
        // commands, run after the answer, do not come through here).
        let asking = self.teaching.guide.as_ref().is_some_and(|g| g.phase == lesson::Phase::Ask);
        // Nor does the cell change: the question asks about the cell as it stands, and
        // the answer's caption explains that cell.
        if asking
            && matches!(
                command,
                Command::Play
                    | Command::TogglePlay
                    | Command::Step { direction: StepDirection::Forward }
                    | Command::Stimulate { .. }
                    | Command::SetControl { .. }
                    | Command::SetControlPosition { .. }
            )
        {
            return Err(LabError::Asking);
        }
        // A refused command leaves the last step's note, and the state kept for the next
        // spike's picture, as they were (apply_inner drops both before it starts).
        let short_step_s = self.playback.short_step_s.take();
        let pre_spike = self.run.pre_spike.clone();
        let guide = self.teaching.guide.clone();
        // From an earlier moment, a command that changes the cell or runs time drops the
        // later ones first; refused, it leaves them (the only case that copies the lab).
        let scrubbed = (self.run.scrub.is_some() && !marks::keeps_later(command)).then(|| self.clone());
        if scrubbed.is_some() {
            self.drop_later();
        }
        if let Err(e) = self.apply_inner(command) {
            if let Some(before) = scrubbed {
                *self = before;
            }
            self.playback.short_step_s = short_step_s;
            self.run.pre_spike = pre_spike;
            return Err(e);
        }
        // Another cell ends a lesson: its scenes no longer follow.
        if guide.is_some() && matches!(command, Command::LoadPreset { .. } | Command::LoadScenario { .. }) {
            self.teaching.guide = None;
        }
        self.actions += 1;
        Ok(())
    }

    /// How many commands the lab has carried out: a learner's actions, as opposed to
    /// the model's own progress (which moves `revision` too).
    pub fn actions(&self) -> u64 {
        self.actions
    }

    fn apply_inner(&mut self, command: &Command) -> Result<(), LabError> {
        // "V has not followed yet": set by a control change while paused, kept by the
        // commands that do not run time, ended by playing, stepping, a preset or reset.
        let editing = matches!(command, Command::SetControl { .. } | Command::SetControlPosition { .. });
        let keeps = keeps_paused_edit(command);
        // A command may change the model (a pulse, a control): a state kept from before
        // it would sample a different cell. Running time on does not: a spike stepped
        // through is sampled from before its upstroke, as a played one is.
        let runs_on = matches!(command, Command::Step { direction: StepDirection::Forward } | Command::Play);
        if !(runs_on || command.is_still()) {
            self.run.pre_spike = None;
        }
        match command {
            Command::Play => self.playback.playing = true,
            Command::Pause => self.playback.playing = false,
            Command::TogglePlay => self.playback.playing = !self.playback.playing,
            Command::Step { direction: StepDirection::Forward } => self.step_forward()?,
            Command::Step { direction: StepDirection::Back } => self.step_back()?,
            // In a lesson, Reset starts the present scene over (the lesson goes on).
            Command::Reset if self.teaching.guide.is_some() => self.restart_scene()?,
            Command::Reset => self.reset_holding_locks(),
            Command::SetSpeed { index } => self.set_speed(*index)?,
            Command::SetStepSize { step_s } => self.set_step_size(*step_s)?,
            Command::Seek { index } => self.seek(*index)?,
            Command::LoadPreset { preset } => self.load_preset(preset)?,
            Command::SetControl { key, value } => self.set_control(key, *value)?,
            Command::SetControlPosition { key, position } => {
                let spec = self.control_spec(key)?;
                if self.is_locked(key) {
                    return Err(LabError::Locked { key: key.clone() });
                }
                if *position > controls::SLIDER_STEPS {
                    return Err(LabError::SliderPosition {
                        key: key.clone(),
                        max: controls::SLIDER_STEPS,
                        got: *position,
                    });
                }
                self.edit(&spec, spec.value_at(*position))?;
            }
            Command::SetParticleBudget { count } => self.set_particle_budget(*count)?,
            Command::Stimulate { amplitude_ua_per_cm2 } => {
                // Checked here, so the refusal names the pulse as the page labels it.
                let range = vrest_core::constants::STIMULUS_AMPLITUDE_UA_PER_CM2;
                if !range.contains(*amplitude_ua_per_cm2) {
                    return Err(LabError::Pulse { min: range.min, max: range.max, got: *amplitude_ua_per_cm2 });
                }
                // Paused, the pulse is armed: Step goes through it, Play runs it.
                self.run.membrane.stimulate(*amplitude_ua_per_cm2, STIMULUS_DURATION_S).map_err(LabError::Rejected)?;
                self.pulse_cannot_fire = !self.can_fire();
            }
            Command::SetReducedMotion { on } => self.picture.scene.set_still(*on),
            Command::SetSeed { seed } => {
                self.picture.seed = *seed;
                self.picture.scene.reseed(seed ^ SCENE_SEED_MIX);
                self.restart_picture();
            }
            Command::Lock { controls } => {
                let checked = self.checked_patterns(controls)?;
                self.teaching.locks.extend(checked);
                vrest_core::sort::heapsort_by(&mut self.teaching.locks, |a, b| a < b);
                self.teaching.locks.dedup();
            }
            Command::Unlock { controls } => {
                let checked = self.checked_patterns(controls)?;
                if checked.is_empty() {
                    self.teaching.locks.clear();
                }
                self.teaching.locks.retain(|l| !checked.contains(l));
            }
            Command::Hide { controls } => {
                self.teaching.hidden = self.checked_patterns(controls)?;
            }
            Command::SetQuestions { questions } => self.teaching.questions = checked_questions(questions)?,
            Command::Present { controls } => self.teaching.presenting = Some(self.checked_patterns(controls)?),
            Command::EndPresent => self.teaching.presenting = None,
            Command::SetView { view } => self.teaching.view = *view,
            Command::Record => self.record()?,
            Command::StartLesson { lesson, step } => self.start_lesson(lesson, *step)?,
            Command::LessonPlay
            | Command::LessonPause
            | Command::LessonStep { .. }
            | Command::LessonGo { .. }
            | Command::Answer { .. }
            | Command::EndLesson => self.lesson_command(command)?,
            Command::ClearRecords => self.teaching.records.clear(),
            Command::LoadScenario { preset, patch } => self.load_patch(preset, patch)?,
        }
        self.mark(command);
        self.run.stopped = None;
        if editing || matches!(command, Command::Reset | Command::LoadPreset { .. } | Command::LoadScenario { .. }) {
            self.pulse_cannot_fire = false;
        }
        self.paused_edit = if editing { !self.playback.playing } else { keeps && self.paused_edit };
        self.revision += 1;
        Ok(())
    }

    /// A scenario patch over a preset: the cell it makes, under the locks, and what it set
    /// counted as changed (Reset keeps it so).
    fn load_patch(&mut self, preset: &str, patch: &serde_json::Value) -> Result<(), LabError> {
        let base_preset = presets::find(preset).ok_or_else(|| LabError::UnknownPreset { id: preset.to_string() })?;
        let base = (base_preset.build)().map_err(LabError::Rejected)?;
        let scenario = Scenario::from_value_over(patch.clone(), &base).map_err(LabError::Rejected)?;
        self.check_locks_hold(&scenario)?;
        self.load_scenario(&scenario)?;
        self.run.origin = base;
        self.run.preset = base_preset.id;
        // What the patch set counts as changed, and Reset keeps it so.
        self.teaching.edited = self.control_specs().iter().map(|s| s.key.to_string()).collect();
        self.teaching.start_edited =
            self.changed_controls().into_iter().map(|(spec, _)| spec.key.to_string()).collect();
        self.teaching.edited = self.teaching.start_edited.clone();
        Ok(())
    }

    /// Advance exactly one step of model time (pausing first), animating its events.
    fn step_forward(&mut self) -> Result<(), LabError> {
        let slice = self.step_s();
        let before = self.snapshot();
        // On a copy: a model that fails part way through the step leaves the lab as it
        // was. The history, the largest part and one the step does not touch, is set
        // aside rather than copied.
        let history = std::mem::take(&mut self.run.history);
        let mut trial = self.clone();
        self.run.history = history;
        trial.playback.playing = false;
        // A step zooms the trace to the steps (a chosen size's); time running ends it.
        trial.playback.stepping = true;
        let covered = trial.advance_observed(slice, STEP_STEP_BUDGET).map_err(LabError::Stopped)?;
        trial.run.history = std::mem::take(&mut self.run.history);
        *self = trial;
        if covered < slice * (1.0 - 1e-9) {
            self.playback.short_step_s = Some(covered);
        }
        self.run.history.push_back(before);
        if self.run.history.len() > HISTORY_STEPS {
            self.run.history.pop_front();
        }
        self.picture.events.clear();
        self.generate_events(covered);
        self.update_scene(0.0);
        self.picture.events.clear();
        self.picture.animate_s = STEP_ANIMATION_S;
        Ok(())
    }

    /// Restore the state one step (or one slice of play) earlier, exactly.
    fn step_back(&mut self) -> Result<(), LabError> {
        if self.run.scrub.is_some() {
            self.seek_back()?;
            self.playback.stepping = true;
            return Ok(());
        }
        let now = self.run.membrane.time_s();
        // The latest state that differs from this one; the ones equal to it go with it.
        // Found before anything is dropped, so a refusal leaves the history whole.
        let earlier = |s: &Snapshot| s.membrane.time_s() < now || s.membrane != self.run.membrane;
        let at = self.run.history.iter().rposition(earlier).ok_or(LabError::NoEarlierStep)?;
        self.run.history.truncate(at + 1);
        let snap = self.run.history.pop_back().ok_or(LabError::NoEarlierStep)?;
        self.run.trace.truncate(snap.trace_len);
        let t = snap.membrane.time_s();
        self.run.marks.retain(|m| m.t_s <= t);
        self.restore(snap);
        self.playback.stepping = true;
        Ok(())
    }

    /// Back to the start of the current preset, paused.
    fn reset(&mut self) {
        self.playback.playing = false;
        self.playback.pace = 1.0;
        self.run.membrane = self.run.start.clone();
        self.teaching.edited = self.teaching.start_edited.clone();
        self.run.history.clear();
        self.run.trace.clear();
        self.run.marks.clear();
        self.run.scrub = None;
        self.playback.stepping = false;
        (self.run.spikes, self.run.spike_armed, self.run.spike_peak_mv) = (0, false, None);
        (self.run.last_spike, self.run.pre_spike) = (None, None);
        self.playback.since_snapshot_s = 0.0;
        self.restart_picture();
    }

    fn set_speed(&mut self, index: usize) -> Result<(), LabError> {
        if index >= SPEEDS_MODEL_S_PER_REAL_S.len() {
            return Err(LabError::Speed { max: SPEEDS_MODEL_S_PER_REAL_S.len() - 1, got: index });
        }
        self.playback.speed = index;
        self.playback.pace = 1.0;
        self.playback.since_snapshot_s = 0.0;
        self.rescale_particles(true);
        Ok(())
    }

    /// Load a preset by id: a fresh start, paused.
    fn load_preset(&mut self, id: &str) -> Result<(), LabError> {
        let preset = presets::find(id).ok_or_else(|| LabError::UnknownPreset { id: id.to_string() })?;
        let scenario = (preset.build)().map_err(LabError::Rejected)?;
        self.check_locks_hold(&scenario)?;
        self.load_scenario(&scenario)?;
        self.run.origin = scenario;
        self.run.preset = preset.id;
        self.teaching.start_edited.clear();
        self.teaching.edited.clear();
        Ok(())
    }

    /// A teacher's lock holds against every path, not only its own control: a preset,
    /// a link's or a host's scenario, a lesson or a "Show me" that would give a locked
    /// control another value is refused whole, naming the control. A locked
    /// concentration inside is held at its starting value (the model moves it as ions
    /// cross); every other locked control at its value now. A control the new cell
    /// lacks would be lost, and is refused too.
    fn check_locks_hold(&self, next: &Scenario) -> Result<(), LabError> {
        if self.teaching.locks.is_empty() && self.teaching.hidden.is_empty() {
            return Ok(());
        }
        // A scenario the model refuses is refused by the load itself, with its reason.
        let Ok(next_membrane) = Membrane::new(next) else { return Ok(()) };
        for spec in self.control_specs().into_iter().filter(|s| self.is_locked(&s.key)) {
            let held = match spec.key {
                ControlKey::Ion { quantity: IonQuantity::Inside, .. } => controls::value(&spec, &self.run.start),
                _ => controls::value(&spec, &self.run.membrane),
            };
            let then = controls::spec(&spec.key, next, next).map(|s| controls::value(&s, &next_membrane)).ok();
            if then != Some(held) {
                return Err(LabError::LockedChange { key: spec.key });
            }
        }
        Ok(())
    }

    /// Reset, with every locked control (but the concentrations inside, which return
    /// to their start) kept at its value now: a control locked after it was changed
    /// stays as it was locked.
    fn reset_holding_locks(&mut self) {
        let held: Vec<(ControlSpec, f64)> = self
            .control_specs()
            .into_iter()
            .filter(|s| self.is_locked(&s.key))
            .filter(|s| !matches!(s.key, ControlKey::Ion { quantity: IonQuantity::Inside, .. }))
            .map(|s| {
                let v = controls::value(&s, &self.run.membrane);
                (s, v)
            })
            .collect();
        self.reset();
        let reference = self.reference().into_owned();
        for (spec, value) in held {
            if controls::value(&spec, &self.run.membrane) != value {
                // The value held was valid a moment ago in this same cell.
                let _ = controls::set(&spec, value, &mut self.run.membrane, &reference);
            }
        }
        self.refresh_layout();
    }

    /// Load any validated scenario as the new start.
    fn load_scenario(&mut self, scenario: &Scenario) -> Result<(), LabError> {
        let membrane = Membrane::new(scenario).map_err(LabError::Rejected)?;
        self.run.start = membrane.clone();
        self.run.membrane = membrane;
        self.reset();
        Ok(())
    }

    fn set_particle_budget(&mut self, budget: usize) -> Result<(), LabError> {
        let (min, max) = PARTICLE_BUDGET;
        if !(min..=max).contains(&budget) {
            return Err(LabError::ParticleBudget { min, max, got: budget });
        }
        let (inside, outside) = self.concentrations();
        let d = Densities { inside_mm: &inside, outside_mm: &outside, anion_mm: self.anion_mm() };
        self.picture.scene.set_budget(budget, d);
        Ok(())
    }

    /// Each pattern checked against the controls Vrest has; the first unknown refuses all.
    fn checked_patterns(&self, patterns: &[String]) -> Result<Vec<String>, LabError> {
        let present: Vec<String> = self.control_specs().iter().map(|s| s.key.to_string()).collect();
        let known = lock::known_keys(&present);
        patterns
            .iter()
            .map(|p| {
                lock::checked(p, &known)
                    .ok_or_else(|| LabError::UnknownControls { pattern: vrest_core::error::printable(p, 40) })
            })
            .collect()
    }

    /// Whether a teacher locked this control (hidden controls are locked too).
    pub fn is_locked(&self, key: &ControlKey) -> bool {
        let key = key.to_string();
        self.teaching.locks.iter().chain(&self.teaching.hidden).any(|p| lock::matches(p, &key))
    }

    /// Whether a teacher left this control off the page.
    pub fn is_hidden(&self, key: &ControlKey) -> bool {
        let key = key.to_string();
        self.teaching.hidden.iter().any(|p| lock::matches(p, &key))
    }

    /// Whether the page is in presentation mode, and the controls it shows there.
    pub fn presenting(&self) -> Option<&[String]> {
        self.teaching.presenting.as_deref()
    }

    /// Whether this control is on the page now: not hidden by a teacher, and one of
    /// those presentation mode shows, or (outside it) those the learner's view shows.
    pub fn is_shown(&self, key: &ControlKey) -> bool {
        let text = key.to_string();
        !self.is_hidden(key)
            && match &self.teaching.presenting {
                Some(shown) => shown.iter().any(|p| lock::matches(p, &text)),
                None => self.teaching.view == View::Lab || LEARNER_CONTROLS.iter().any(|p| lock::matches(p, &text)),
            }
    }

    /// The learner's view or the full lab.
    pub fn view(&self) -> View {
        self.teaching.view
    }

    /// The lock and hide patterns in force.
    pub fn questions(&self) -> &[String] {
        &self.teaching.questions
    }

    pub fn locks(&self) -> (&[String], &[String]) {
        (&self.teaching.locks, &self.teaching.hidden)
    }

    /// The controls changed from the preset, with their values now: those set since
    /// the preset loaded (by a person, a link or an embedding page) whose value now
    /// differs from the preset's. A concentration that only drifted as the model ran
    /// is not a change.
    pub fn changed_controls(&self) -> Vec<(ControlSpec, f64)> {
        let Ok(origin) = Membrane::new(&self.run.origin) else { return Vec::new() };
        self.control_specs()
            .into_iter()
            .filter(|spec| self.teaching.edited.contains(&spec.key.to_string()))
            .filter_map(|spec| {
                let now = controls::value(&spec, &self.run.membrane);
                // The preset's control by key (its ions may be others, or in another
                // order): a control the preset lacks is a change.
                let before = controls::spec(&spec.key, origin.scenario(), &self.run.origin)
                    .map(|o| controls::value(&o, &origin))
                    .ok();
                (before != Some(now)).then_some((spec, now))
            })
            .collect()
    }

    /// The keys of the controls not changed from the preset ([`Lab::changed_controls`]):
    /// what Share locks when asked to lock "the controls I have not changed".
    pub fn unchanged_controls(&self) -> Vec<String> {
        let changed: Vec<String> = self.changed_controls().iter().map(|(s, _)| s.key.to_string()).collect();
        self.control_specs().iter().map(|s| s.key.to_string()).filter(|k| !changed.contains(k)).collect()
    }

    fn set_control(&mut self, key: &ControlKey, value: f64) -> Result<(), LabError> {
        if self.is_locked(key) {
            return Err(LabError::Locked { key: key.clone() });
        }
        let spec = self.control_spec(key)?;
        self.edit(&spec, value)
    }

    fn edit(&mut self, spec: &ControlSpec, value: f64) -> Result<(), LabError> {
        let start = self.reference().into_owned();
        controls::set(spec, value, &mut self.run.membrane, &start)?;
        let key = spec.key.to_string();
        if !self.teaching.edited.contains(&key) {
            self.teaching.edited.push(key);
        }
        self.refresh_layout();
        Ok(())
    }
}

/// Whether a command leaves "V has not followed yet" standing: those that do not run
/// time (a control change while paused sets it; playing, stepping, a preset or Reset
/// end it).
fn keeps_paused_edit(command: &Command) -> bool {
    command.is_still() || matches!(command, Command::EndLesson)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)] // a failed unwrap is a failed test
    use super::*;

    /// A step the model fails part way through (after three of its slices) is refused
    /// and leaves the lab as it was: no slice of it stays.
    #[test]
    fn a_step_the_model_fails_part_way_changes_nothing() {
        let mut lab = Lab::new(3).unwrap();
        lab.apply(&Command::LoadPreset { preset: "excitable-neuron".into() }).unwrap();
        let mut fine = lab.clone();
        fine.apply(&Command::Step { direction: StepDirection::Forward }).unwrap();
        assert!(fine.run.membrane.time_s() > lab.run.membrane.time_s());
        lab.run.fail_after_slices = Some(3);
        let before = lab.clone();
        assert!(matches!(lab.apply(&Command::Step { direction: StepDirection::Forward }), Err(LabError::Stopped(_))));
        assert!(lab == before, "the refused step changed the lab");
    }

    /// The last scene's remaining run, done at once by Next, is refused whole too.
    #[test]
    fn a_lesson_end_the_model_fails_part_way_changes_nothing() {
        let mut lab = Lab::new(3).unwrap();
        let last = lesson::find("block-pump").unwrap().scenes.len() - 1;
        lab.apply(&Command::StartLesson { lesson: "block-pump".into(), step: last }).unwrap();
        let _ = lab.apply(&Command::Answer { choice: 0 });
        assert!(matches!(lab.guide().map(|g| g.phase), Some(lesson::Phase::Run { .. })));
        lab.run.fail_after_slices = Some(1);
        let before = lab.clone();
        let next = Command::LessonStep { direction: StepDirection::Forward };
        assert!(matches!(lab.apply(&next), Err(LabError::Stopped(_))));
        assert!(lab == before, "the refused end of the lesson changed the lab");
        lab.run.fail_after_slices = None;
        lab.apply(&next).unwrap();
        assert_eq!(lab.guide().map(|g| g.phase), Some(lesson::Phase::End));
    }
}
