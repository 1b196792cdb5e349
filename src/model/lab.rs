//! The lab: what the page drives. It owns the running membrane, the play state, the
//! speed, the step history, the voltage trace and the particle picture, and turns real
//! time into model time in one place:
//!
//!   model_dt_s = min(real_dt_s, MAX_FRAME_S) × speed (model seconds per real second)
//!
//! It is pure Rust, so every behaviour of the page's controls is tested natively.

use std::collections::VecDeque;

use super::constants::{POTASSIUM_NAME, SODIUM_NAME};
use super::crossings::{round_125, CrossingEvent, CrossingGenerator, MAX_EVENTS_PER_FRAME};
use super::error::ModelError;
use super::membrane::Membrane;
use super::presets;
use super::readout::Readout;
use super::scenario::Scenario;
use super::scene::{Densities, Layout, Scene};

/// A speed: model seconds per real second, and how the page says it.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct Speed {
    pub model_s_per_real_s: f64,
    pub label: &'static str,
}

/// From slow motion (watch the membrane charge) to fast-forward (watch the gradients
/// run down after a pump block: an hour in a second).
pub const SPEEDS: &[Speed] = &[
    Speed { model_s_per_real_s: 1e-3, label: "Slow motion: 1 ms of model time per second" },
    Speed { model_s_per_real_s: 1e-2, label: "Slow motion: 10 ms per second" },
    Speed { model_s_per_real_s: 0.1, label: "Slowed: 0.1 s per second" },
    Speed { model_s_per_real_s: 1.0, label: "Real time" },
    Speed { model_s_per_real_s: 10.0, label: "Fast-forward: 10 s per second" },
    Speed { model_s_per_real_s: 60.0, label: "Fast-forward: 1 minute per second" },
    Speed { model_s_per_real_s: 600.0, label: "Fast-forward: 10 minutes per second" },
    Speed { model_s_per_real_s: 3600.0, label: "Fast-forward: 1 hour per second" },
];
pub const DEFAULT_SPEED: usize = 3;

/// A frame longer than this (a background tab, a debugger pause) counts as this long.
pub const MAX_FRAME_S: f64 = 0.1;
/// One step forward or back is this much real time of play, in model time: 0.1 s at
/// real time, 0.1 ms in slow motion, 6 minutes at an hour per second.
pub const SLICE_REAL_S: f64 = 0.1;
/// The voltage trace spans this much real time of play.
pub const TRACE_WINDOW_REAL_S: f64 = 20.0;
/// Steps that can be undone.
pub const HISTORY_STEPS: usize = 500;
/// Crossing events per real second the particle scale aims for.
pub const TARGET_EVENTS_PER_S: f64 = 12.0;
/// Default number of particles in the picture: enough to show every density ratio,
/// few enough that the channels and the pump stay visible.
pub const DEFAULT_PARTICLES: usize = 1_000;
/// After a step, let the crossing particles finish for this long while paused.
const STEP_ANIMATION_S: f64 = 1.2;

#[derive(Debug, Clone)]
struct Snapshot {
    membrane: Membrane,
    trace_len: usize,
}

/// The whole lab state behind the page.
#[derive(Debug, Clone)]
pub struct Lab {
    preset: &'static str,
    start: Membrane,
    membrane: Membrane,
    history: VecDeque<Snapshot>,
    playing: bool,
    speed: usize,
    generator: CrossingGenerator,
    scene: Scene,
    trace: Vec<(f64, f64)>,
    ions_per_particle: f64,
    events: Vec<CrossingEvent>,
    /// Real seconds of scene animation still owed while paused (after a step).
    animate_s: f64,
    since_snapshot_s: f64,
    rescale_timer_s: f64,
    /// Set when anything the chart shows changed; the page clears it after drawing.
    pub chart_dirty: bool,
    error: Option<String>,
    seed: u64,
}

impl Lab {
    /// The lab on the default preset, paused at real-time speed.
    pub fn new(seed: u64) -> Result<Lab, ModelError> {
        let membrane = Membrane::new(&presets::neuron())?;
        let mut lab = Lab {
            preset: presets::PRESETS[0].name,
            start: membrane.clone(),
            membrane,
            history: VecDeque::new(),
            playing: false,
            speed: DEFAULT_SPEED,
            generator: CrossingGenerator::new(seed),
            scene: Scene::new(seed ^ 0x5eed, DEFAULT_PARTICLES),
            trace: Vec::new(),
            ions_per_particle: 1.0,
            events: Vec::new(),
            animate_s: 0.0,
            since_snapshot_s: 0.0,
            rescale_timer_s: 0.0,
            chart_dirty: true,
            error: None,
            seed,
        };
        lab.restart_picture();
        Ok(lab)
    }

    // ----- state the page reads -----

    pub fn membrane(&self) -> &Membrane {
        &self.membrane
    }
    pub fn scene(&self) -> &Scene {
        &self.scene
    }
    pub fn is_playing(&self) -> bool {
        self.playing
    }
    pub fn speed_index(&self) -> usize {
        self.speed
    }
    pub fn speed(&self) -> Speed {
        SPEEDS[self.speed]
    }
    pub fn preset_name(&self) -> &'static str {
        self.preset
    }
    /// The scenario that reset returns to.
    pub fn start_scenario(&self) -> Scenario {
        self.start.current_scenario()
    }
    pub fn ions_per_particle(&self) -> f64 {
        self.ions_per_particle
    }
    pub fn history_len(&self) -> usize {
        self.history.len()
    }
    pub fn error(&self) -> Option<&str> {
        self.error.as_deref()
    }
    /// Model time of one step: SLICE_REAL_S of play at the current speed.
    pub fn slice_s(&self) -> f64 {
        SLICE_REAL_S * self.speed().model_s_per_real_s
    }
    /// Model time the trace spans.
    pub fn trace_window_s(&self) -> f64 {
        TRACE_WINDOW_REAL_S * self.speed().model_s_per_real_s
    }
    /// (t_s, v_mv) points inside the trace window, oldest first.
    pub fn trace(&self) -> &[(f64, f64)] {
        let from = self.membrane.time_s() - self.trace_window_s();
        let start = self.trace.partition_point(|p| p.0 < from);
        &self.trace[start..]
    }
    /// Everything the page prints, formatted.
    pub fn readout(&self) -> Readout {
        Readout::new(self)
    }

    // ----- the frame -----

    /// One animation frame after `real_dt_s` of real time. While playing, the model
    /// advances by real_dt × speed; the picture moves in real time either way only while
    /// playing (or finishing a step).
    pub fn frame(&mut self, real_dt_s: f64) {
        let dt = if real_dt_s.is_finite() { real_dt_s.clamp(0.0, MAX_FRAME_S) } else { 0.0 };
        self.events.clear();
        if self.playing && dt > 0.0 {
            let model_dt = dt * self.speed().model_s_per_real_s;
            if let Err(e) = self.membrane.advance(model_dt) {
                self.playing = false;
                self.error = Some(format!("The model stopped: {e}"));
                return;
            }
            self.record_trace();
            self.since_snapshot_s += model_dt;
            if self.since_snapshot_s >= self.slice_s() {
                self.since_snapshot_s = 0.0;
                self.push_history();
            }
            self.generate_events(model_dt);
            self.rescale_timer_s += dt;
            if self.rescale_timer_s > 0.5 {
                self.rescale_timer_s = 0.0;
                self.rescale_particles(false);
            }
        }
        if self.playing || self.animate_s > 0.0 {
            self.animate_s = (self.animate_s - dt).max(0.0);
            self.update_scene(dt);
        }
    }

    fn update_scene(&mut self, dt: f64) {
        let (inside, outside) = self.concentrations();
        let d = Densities { inside_mm: &inside, outside_mm: &outside, anion_mm: self.anion_mm() };
        self.scene.update(dt, &self.events, d);
    }

    /// (inside, outside) concentrations of every ion now.
    fn concentrations(&self) -> (Vec<f64>, Vec<f64>) {
        let outside = self.membrane.scenario().ions.iter().map(|i| i.outside_mm).collect();
        (self.membrane.inside_mm().to_vec(), outside)
    }

    /// Where the picture puts channels and the pump, for the cell as it is now.
    fn layout(&self) -> Layout {
        let s = self.membrane.scenario();
        let permeant: Vec<bool> = s.ions.iter().map(|i| i.permeability_cm_per_s > 0.0).collect();
        let pump_ions = s.pump.and(s.ion_index(SODIUM_NAME).zip(s.ion_index(POTASSIUM_NAME)));
        Layout::new(&permeant, pump_ions)
    }

    /// The impermeant anions' charge as a monovalent concentration (drawn as A⁻).
    fn anion_mm(&self) -> f64 {
        (-self.membrane.fixed_charge_mm()).max(0.0)
    }

    fn record_trace(&mut self) {
        let t = self.membrane.time_s();
        self.trace.push((t, self.membrane.voltage_mv()));
        // Bounded history: keep three windows' worth, trimmed in batches.
        if self.trace.len() > 6_000 {
            let from = t - 3.0 * self.trace_window_s();
            self.trace.retain(|p| p.0 >= from);
            if self.trace.len() > 6_000 {
                let excess = self.trace.len() - 6_000;
                self.trace.drain(..excess);
            }
        }
        self.chart_dirty = true;
    }

    fn push_history(&mut self) {
        self.history.push_back(Snapshot { membrane: self.membrane.clone(), trace_len: self.trace.len() });
        if self.history.len() > HISTORY_STEPS {
            self.history.pop_front();
        }
    }

    fn generate_events(&mut self, model_dt: f64) {
        let fluxes = self.membrane.fluxes();
        if let Err(expected) = self.generator.generate(&fluxes, model_dt, self.ions_per_particle, &mut self.events) {
            // Too fine a scale for this frame: coarsen it and try once more.
            self.ions_per_particle = round_125(self.ions_per_particle * expected / (0.25 * MAX_EVENTS_PER_FRAME));
            self.generator.reset();
            let _ = self.generator.generate(&fluxes, model_dt, self.ions_per_particle, &mut self.events);
        }
    }

    /// Pick the particle scale so that about TARGET_EVENTS_PER_S events show per real
    /// second. With `force` it is recomputed; otherwise only if the rate has drifted
    /// beyond a factor of four (so the legend does not flicker).
    fn rescale_particles(&mut self, force: bool) {
        let fluxes = self.membrane.fluxes();
        let per_real_s = self.speed().model_s_per_real_s;
        let rate = CrossingGenerator::expected_events(&fluxes, per_real_s, self.ions_per_particle);
        let off = !(rate.is_finite() && (TARGET_EVENTS_PER_S / 4.0..=TARGET_EVENTS_PER_S * 4.0).contains(&rate));
        if force || off {
            let at_one = CrossingGenerator::expected_events(&fluxes, per_real_s, 1.0);
            let n = round_125(at_one / TARGET_EVENTS_PER_S);
            if n != self.ions_per_particle {
                self.ions_per_particle = n;
                self.generator.reset();
            }
        }
    }

    fn restart_picture(&mut self) {
        let (inside, outside) = self.concentrations();
        let d = Densities { inside_mm: &inside, outside_mm: &outside, anion_mm: self.anion_mm() };
        let layout = self.layout();
        self.scene.reset(layout, d);
        self.generator = CrossingGenerator::new(self.seed);
        self.rescale_particles(true);
        self.chart_dirty = true;
    }

    /// After a parameter change: a channel may have opened or closed.
    fn refresh_layout(&mut self) {
        let layout = self.layout();
        if &layout != self.scene.layout() {
            self.scene.set_layout(layout);
        }
        self.rescale_particles(false);
        self.chart_dirty = true;
        self.error = None;
    }

    // ----- controls -----

    pub fn play(&mut self) {
        self.playing = true;
        self.error = None;
    }
    pub fn pause(&mut self) {
        self.playing = false;
    }
    pub fn toggle_play(&mut self) {
        if self.playing {
            self.pause()
        } else {
            self.play()
        }
    }

    /// Advance exactly one slice of model time (pausing first), animating its events.
    pub fn step_forward(&mut self) -> Result<(), ModelError> {
        self.playing = false;
        let slice = self.slice_s();
        let before = self.membrane.clone();
        self.membrane.advance(slice)?;
        self.history.push_back(Snapshot { membrane: before, trace_len: self.trace.len() });
        if self.history.len() > HISTORY_STEPS {
            self.history.pop_front();
        }
        self.record_trace();
        self.events.clear();
        self.generate_events(slice);
        self.update_scene(0.0);
        self.events.clear();
        self.animate_s = STEP_ANIMATION_S;
        Ok(())
    }

    /// Restore the state one step (or one slice of play) earlier, exactly.
    pub fn step_back(&mut self) -> Result<(), ModelError> {
        self.playing = false;
        let now = self.membrane.time_s();
        while let Some(snap) = self.history.pop_back() {
            if snap.membrane.time_s() < now || snap.membrane != self.membrane {
                self.trace.truncate(snap.trace_len);
                self.membrane = snap.membrane;
                self.since_snapshot_s = 0.0;
                self.generator.reset();
                self.refresh_layout();
                return Ok(());
            }
        }
        Err(ModelError::new("step back", "there is no earlier step to go back to"))
    }

    /// Back to the start of the current preset.
    pub fn reset(&mut self) {
        self.playing = false;
        self.membrane = self.start.clone();
        self.history.clear();
        self.trace.clear();
        self.since_snapshot_s = 0.0;
        self.error = None;
        self.restart_picture();
    }

    pub fn set_speed(&mut self, index: usize) -> Result<(), ModelError> {
        if index >= SPEEDS.len() {
            return Err(ModelError::new(
                "speed",
                format!("must be a speed index from 0 to {}; got {index}", SPEEDS.len() - 1),
            ));
        }
        self.speed = index;
        self.since_snapshot_s = 0.0;
        self.rescale_particles(true);
        self.chart_dirty = true;
        Ok(())
    }

    /// Load a preset by name: a fresh start, paused.
    pub fn load_preset(&mut self, name: &str) -> Result<(), ModelError> {
        let info = presets::info(name)
            .ok_or_else(|| ModelError::new("preset", format!("unknown preset \"{name}\"; see the presets menu")))?;
        let scenario = presets::build(name)?;
        self.load_scenario(&scenario)?;
        self.preset = info.name;
        Ok(())
    }

    /// Load any validated scenario as the new start.
    pub fn load_scenario(&mut self, scenario: &Scenario) -> Result<(), ModelError> {
        let membrane = Membrane::new(scenario)?;
        self.start = membrane.clone();
        self.membrane = membrane;
        self.reset();
        Ok(())
    }

    /// Set the particle budget (the browser benchmark uses 2,000 and 20,000).
    pub fn set_particle_budget(&mut self, budget: usize) -> Result<(), ModelError> {
        if !(100..=50_000).contains(&budget) {
            return Err(ModelError::new("particles", format!("must be from 100 to 50000; got {budget}")));
        }
        let (inside, outside) = self.concentrations();
        let d = Densities { inside_mm: &inside, outside_mm: &outside, anion_mm: self.anion_mm() };
        self.scene.set_budget(budget, d);
        Ok(())
    }

    fn edit(&mut self, f: impl FnOnce(&mut Membrane) -> Result<(), ModelError>) -> Result<(), ModelError> {
        f(&mut self.membrane)?;
        self.refresh_layout();
        Ok(())
    }

    pub fn set_inside_mm(&mut self, ion: usize, value_mm: f64) -> Result<(), ModelError> {
        self.edit(|m| m.set_inside_mm(ion, value_mm))
    }
    pub fn set_outside_mm(&mut self, ion: usize, value_mm: f64) -> Result<(), ModelError> {
        self.edit(|m| m.set_outside_mm(ion, value_mm))
    }
    pub fn set_permeability_cm_per_s(&mut self, ion: usize, value: f64) -> Result<(), ModelError> {
        self.edit(|m| m.set_permeability_cm_per_s(ion, value))
    }
    pub fn set_temperature_c(&mut self, value: f64) -> Result<(), ModelError> {
        self.edit(|m| m.set_temperature_c(value))
    }
    pub fn set_pump_running(&mut self, running: bool) -> Result<(), ModelError> {
        self.edit(|m| m.set_pump_blocked(!running))
    }
    pub fn set_pump_rate_fraction(&mut self, value: f64) -> Result<(), ModelError> {
        self.edit(|m| m.set_pump_rate_fraction(value))
    }
}
