//! The particle picture: ions on each side of the membrane, at densities that follow the
//! concentrations, moved through their channel (or the pump) by the crossing events.
//!
//! Coordinates are scene units: x from 0 (left) to 1 (right), y from 0 (top of the
//! bath) to 1 (bottom of the cell). The page maps them to pixels. Time here is *real*
//! time: a crossing takes about a second to watch, whatever the model speed.

use super::crossings::{CrossingEvent, CrossingKind};
pub use vrest_core::Transporter;

/// Kind of the impermeant intracellular anions (A⁻).
pub const ANION_KIND: u8 = u8::MAX;

/// The lipid bilayer band.
pub const MEMBRANE_TOP: f32 = 0.43;
pub const MEMBRANE_BOTTOM: f32 = 0.57;
const OUTSIDE_Y: (f32, f32) = (0.02, 0.41);
const INSIDE_Y: (f32, f32) = (0.59, 0.98);
const X_RANGE: (f32, f32) = (0.01, 0.99);
/// Real seconds for a particle to pass through the membrane, and to fade in or out.
const TRANSIT_S: f32 = 0.35;
const FADE_S: f32 = 0.4;
/// Scene units per real second when a particle heads for a channel mouth.
const APPROACH_SPEED: f32 = 0.5;
/// A pump cycle's animation, in real seconds.
const PUMP_CYCLE_S: f32 = 0.8;
/// A channel's mouths sit this far (scene units) beyond the bilayer's faces.
const MOUTH_OFFSET: f32 = 0.03;
/// A particle that appears to cross (none was on its side) starts this far from the mouth.
const SPAWN_OFFSET: f32 = 0.05;
/// After crossing, a particle ends up this far from the far mouth, plus up to
/// `AWAY_SPREAD`, and up to half of `LATERAL_SPREAD` to either side.
const AWAY_MIN: f32 = 0.05;
const AWAY_SPREAD: f32 = 0.12;
const LATERAL_SPREAD: f32 = 0.04;
/// The time to reach a channel mouth is kept within these bounds (real seconds), and
/// the walk away from the far mouth takes `LEAVE_S`.
const APPROACH_S: (f32, f32) = (0.15, 1.2);
const LEAVE_S: f32 = 0.35;
/// The pump's three Na⁺ and two K⁺ pass side by side, this far apart.
const PUMP_LANE: f32 = 0.012;
/// A frame longer than this (real seconds) moves the picture as if it were this long.
const MAX_SCENE_DT_S: f64 = 0.25;
/// The random walk: acceleration per real second, and velocity damping per second.
const WALK_KICK: f32 = 0.6;
const WALK_DAMPING: f32 = 2.0;
/// A nearest-particle search draws this many random candidates and stops after finding
/// this many of the right kind.
const PICK_TRIES: usize = 64;
const PICK_ENOUGH: usize = 6;
/// Densities move toward their targets by at most this fraction of the gap per frame.
const REBALANCE_FRACTION: usize = 20;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    Outside,
    Inside,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Motion {
    Free,
    FadingIn,
    FadingOut,
    /// Along from → mouth → far mouth → to, waiting `delay` real seconds first.
    Crossing {
        path: [[f32; 2]; 4],
        t: f32,
        durations: [f32; 3],
        delay: f32,
    },
}

/// One particle. `kind` is the ion's index in the scenario, or [`ANION_KIND`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Particle {
    pub x: f32,
    pub y: f32,
    pub kind: u8,
    /// Opacity, 0..1 (particles fade in and out as densities change).
    pub alpha: f32,
    /// The side it is on, or heading to while crossing.
    pub side: Side,
    motion: Motion,
    vx: f32,
    vy: f32,
}

impl Particle {
    pub fn is_crossing(&self) -> bool {
        matches!(self.motion, Motion::Crossing { .. })
    }
}

/// Where the channels and the pump sit along the membrane.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Layout {
    /// Per ion: the x of its leak channel, None if it is impermeant.
    pub channel_x: Vec<Option<f32>>,
    pub pump_x: Option<f32>,
    /// The pump's ions: (Na⁺ index, K⁺ index).
    pub pump_ions: Option<(usize, usize)>,
    /// The voltage-gated channels, in the order of `Fluxes::gated`: each one's ion and x.
    pub gated_x: Vec<(usize, f32)>,
    /// The transporters the cell has, after the channels.
    pub transporters: Vec<PlacedTransporter>,
}

/// A transporter the picture draws: which one, the scenario's index of each ion its
/// cycle carries (in the order of `Transporter::cycle`), and its x.
#[derive(Debug, Clone, PartialEq)]
pub struct PlacedTransporter {
    pub kind: Transporter,
    pub ions: Vec<usize>,
    pub x: f32,
}

/// The concentrations the particle densities follow.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Densities<'a> {
    pub inside_mm: &'a [f64],
    pub outside_mm: &'a [f64],
    /// The impermeant anions' charge as a monovalent concentration.
    pub anion_mm: f64,
}

impl Layout {
    /// Channels for the permeant ions in order, then the voltage-gated channels (of the
    /// ions at `gated`), with the pump (moving the ions at `pump_ions` = (Na⁺, K⁺)) in
    /// the middle and the transporters at the end, so their names (drawn below the
    /// membrane) stay clear of the pump's notes.
    pub fn new(
        permeant: &[bool],
        gated: &[usize],
        pump_ions: Option<(usize, usize)>,
        transporters: &[(Transporter, Vec<usize>)],
    ) -> Layout {
        let has_pump = pump_ions.is_some();
        let channels: Vec<usize> = permeant.iter().enumerate().filter(|(_, p)| **p).map(|(i, _)| i).collect();
        let pores = channels.len() + gated.len();
        let slots = pores + usize::from(has_pump) + transporters.len();
        let pump_slot = pores.div_ceil(2);
        let x = |slot: usize| (slot as f32 + 0.5) / slots.max(1) as f32;
        let slot_of = |k: usize| if has_pump && k >= pump_slot { k + 1 } else { k };
        let mut channel_x = vec![None; permeant.len()];
        for (k, &ion) in channels.iter().enumerate() {
            channel_x[ion] = Some(x(slot_of(k)));
        }
        let gated_x = gated.iter().enumerate().map(|(k, &ion)| (ion, x(slot_of(channels.len() + k)))).collect();
        let first = pores + usize::from(has_pump);
        let transporters = transporters
            .iter()
            .enumerate()
            .map(|(k, (kind, ions))| PlacedTransporter { kind: *kind, ions: ions.clone(), x: x(first + k) })
            .collect();
        Layout { channel_x, pump_x: has_pump.then(|| x(pump_slot)), pump_ions, gated_x, transporters }
    }
}

/// The particles, their layout and the pump's animation state.
#[derive(Debug, Clone, PartialEq)]
pub struct Scene {
    rng: fastrand::Rng,
    particles: Vec<Particle>,
    layout: Layout,
    budget: usize,
    particles_per_mm: f64,
    /// 0..1 through the current pump cycle's animation; None when idle.
    pump_phase: Option<f32>,
    pump_cycles: u64,
    /// Each transporter's cycles drawn so far, in the order of `Transporter::ALL`.
    transporter_turnovers: [u64; Transporter::ALL.len()],
    /// Kinds: one per ion plus the anions; the counts per side, recounted each update.
    counts: Vec<[usize; 2]>,
    /// Reduced motion: particles stand still and crossings are counted into `flows`.
    still: bool,
    flows: Vec<Flow>,
}

/// In reduced motion, one direction of one ion through one channel or transporter:
/// its crossings per real second, smoothed over about [`FLOW_SMOOTHING_S`].
#[derive(Debug, Clone, PartialEq)]
pub struct Flow {
    /// The channel's or transporter's x (0..1 of the scene's width).
    pub x: f32,
    pub kind: u8,
    pub outward: bool,
    pub per_s: f32,
    pending: u32,
}

/// How long a reduced-motion rate takes to follow a change, real seconds.
const FLOW_SMOOTHING_S: f32 = 1.0;
/// A flow slower than this (particles per real second) is no longer shown.
const FLOW_MIN_PER_S: f32 = 0.05;

fn side_index(side: Side) -> usize {
    match side {
        Side::Outside => 0,
        Side::Inside => 1,
    }
}

impl Scene {
    pub fn new(seed: u64, budget: usize) -> Scene {
        Scene {
            rng: fastrand::Rng::with_seed(seed),
            particles: Vec::new(),
            layout: Layout::default(),
            budget,
            particles_per_mm: 0.0,
            pump_phase: None,
            pump_cycles: 0,
            transporter_turnovers: [0; Transporter::ALL.len()],
            counts: Vec::new(),
            still: false,
            flows: Vec::new(),
        }
    }

    /// Reduced motion on or off. Turning it on stops every particle where it is
    /// (crossings in flight land at once); turning it off lets them drift again.
    pub fn set_still(&mut self, still: bool) {
        self.still = still;
        self.flows.clear();
        if still {
            self.pump_phase = None;
            for p in &mut self.particles {
                if let Motion::Crossing { path, .. } = p.motion {
                    p.x = path[3][0];
                    p.y = path[3][1];
                    p.motion = Motion::Free;
                }
                p.vx = 0.0;
                p.vy = 0.0;
            }
        }
    }
    /// A new seed for the particles' randomness (the caller restarts the picture).
    pub fn reseed(&mut self, seed: u64) {
        self.rng = fastrand::Rng::with_seed(seed);
    }
    pub fn is_still(&self) -> bool {
        self.still
    }
    /// In reduced motion, the crossings now, per channel or transporter and direction.
    pub fn flows(&self) -> &[Flow] {
        &self.flows
    }

    /// The x of the channel, pump or transporter nearest `x`: what a crossing in one of
    /// its lanes belongs to.
    fn structure_at(&self, x: f32) -> f32 {
        let l = &self.layout;
        l.channel_x
            .iter()
            .flatten()
            .copied()
            .chain(l.gated_x.iter().map(|g| g.1))
            .chain(l.pump_x)
            .chain(l.transporters.iter().map(|t| t.x))
            .min_by(|a, b| (a - x).abs().total_cmp(&(b - x).abs()))
            .unwrap_or(x)
    }

    pub fn particles(&self) -> &[Particle] {
        &self.particles
    }
    pub fn layout(&self) -> &Layout {
        &self.layout
    }
    pub fn budget(&self) -> usize {
        self.budget
    }
    pub fn particles_per_mm(&self) -> f64 {
        self.particles_per_mm
    }
    pub fn pump_phase(&self) -> Option<f32> {
        self.pump_phase
    }
    pub fn pump_cycles_shown(&self) -> u64 {
        self.pump_cycles
    }
    /// Each transporter's cycles drawn so far, in the order of `Transporter::ALL`.
    pub fn transporter_turnovers_shown(&self) -> [u64; Transporter::ALL.len()] {
        self.transporter_turnovers
    }

    /// Start over for a new cell: new layout, a density that spends about `budget`
    /// particles on these concentrations, and particles scattered at their targets.
    pub fn reset(&mut self, layout: Layout, d: Densities) {
        self.layout = layout;
        self.particles.clear();
        self.flows.clear();
        self.pump_phase = None;
        self.set_density(d);
        for (kind, side, n) in self.targets(d) {
            for _ in 0..n {
                let p = self.spawn(kind, side, Motion::Free);
                self.particles.push(p);
            }
        }
        self.recount(d.inside_mm.len());
    }

    /// A new layout (a channel opened or closed), keeping the particles.
    pub fn set_layout(&mut self, layout: Layout) {
        self.layout = layout;
    }

    /// Change the particle budget (the benchmark uses 2,000 and 20,000).
    pub fn set_budget(&mut self, budget: usize, d: Densities) {
        self.budget = budget;
        let layout = self.layout.clone();
        self.reset(layout, d);
    }

    fn set_density(&mut self, d: Densities) {
        let total: f64 = d.inside_mm.iter().chain(d.outside_mm).map(|c| c.max(0.0)).sum::<f64>() + d.anion_mm.max(0.0);
        self.particles_per_mm = if total > 0.0 { self.budget as f64 / total } else { 0.0 };
    }

    fn targets(&self, d: Densities) -> Vec<(u8, Side, usize)> {
        let n = |c: f64| (c.max(0.0) * self.particles_per_mm).round() as usize;
        let mut t = Vec::with_capacity(2 * d.inside_mm.len() + 1);
        for (i, (ci, co)) in d.inside_mm.iter().zip(d.outside_mm).enumerate() {
            t.push((i as u8, Side::Inside, n(*ci)));
            t.push((i as u8, Side::Outside, n(*co)));
        }
        t.push((ANION_KIND, Side::Inside, n(d.anion_mm)));
        t
    }

    fn random_point(&mut self, side: Side) -> (f32, f32) {
        let (y0, y1) = if side == Side::Inside { INSIDE_Y } else { OUTSIDE_Y };
        (X_RANGE.0 + self.rng.f32() * (X_RANGE.1 - X_RANGE.0), y0 + self.rng.f32() * (y1 - y0))
    }

    fn spawn(&mut self, kind: u8, side: Side, motion: Motion) -> Particle {
        let (x, y) = self.random_point(side);
        let alpha = if motion == Motion::FadingIn { 0.0 } else { 1.0 };
        Particle { x, y, kind, alpha, side, motion, vx: 0.0, vy: 0.0 }
    }

    fn kind_slot(kind: u8, n_ions: usize) -> usize {
        if kind == ANION_KIND {
            n_ions
        } else {
            usize::from(kind)
        }
    }

    fn recount(&mut self, n_ions: usize) {
        self.counts = vec![[0, 0]; n_ions + 1];
        for p in &self.particles {
            if matches!(p.motion, Motion::Free | Motion::FadingIn) {
                let slot = Self::kind_slot(p.kind, n_ions);
                if let Some(c) = self.counts.get_mut(slot) {
                    c[side_index(p.side)] += 1;
                }
            }
        }
    }

    /// Particles of `kind` on `side` that are free to move, nearest the point (x, y)
    /// among a random sample; None if there are none.
    fn pick_near(&mut self, kind: u8, side: Side, x: f32, y: f32) -> Option<usize> {
        let n = self.particles.len();
        if n == 0 {
            return None;
        }
        let mut best: Option<(usize, f32)> = None;
        let mut found = 0;
        for _ in 0..PICK_TRIES {
            let i = self.rng.usize(..n);
            let p = &self.particles[i];
            if p.kind == kind && p.side == side && p.motion == Motion::Free {
                let d = (p.x - x).powi(2) + (p.y - y).powi(2);
                if best.is_none_or(|(_, bd)| d < bd) {
                    best = Some((i, d));
                }
                found += 1;
                if found == PICK_ENOUGH {
                    break;
                }
            }
        }
        if best.is_none() {
            // Few of this kind: look through all of them.
            best = self
                .particles
                .iter()
                .enumerate()
                .filter(|(_, p)| p.kind == kind && p.side == side && p.motion == Motion::Free)
                .map(|(i, p)| (i, (p.x - x).powi(2) + (p.y - y).powi(2)))
                .min_by(|a, b| a.1.total_cmp(&b.1));
        }
        best.map(|(i, _)| i)
    }

    /// Send one particle of `kind` from `from` through the membrane at `x`.
    fn cross(&mut self, kind: u8, from: Side, x: f32, delay: f32) {
        if self.still {
            // No ion moves: the crossing adds to its structure's arrow, and the sides'
            // counts follow the concentrations by fading (`rebalance`).
            let (x, outward) = (self.structure_at(x), from == Side::Inside);
            match self.flows.iter_mut().find(|f| f.x == x && f.kind == kind && f.outward == outward) {
                Some(f) => f.pending += 1,
                None => self.flows.push(Flow { x, kind, outward, per_s: 0.0, pending: 1 }),
            }
            return;
        }
        let (mouth_from, mouth_to) = match from {
            Side::Inside => (MEMBRANE_BOTTOM + MOUTH_OFFSET, MEMBRANE_TOP - MOUTH_OFFSET),
            Side::Outside => (MEMBRANE_TOP - MOUTH_OFFSET, MEMBRANE_BOTTOM + MOUTH_OFFSET),
        };
        let to_side = if from == Side::Inside { Side::Outside } else { Side::Inside };
        let index = match self.pick_near(kind, from, x, mouth_from) {
            Some(i) => i,
            None => {
                // None on this side (Ca²⁺ inside, say): one appears at the mouth.
                let mut p = self.spawn(kind, from, Motion::Free);
                p.x = x;
                p.y = mouth_from + if from == Side::Inside { SPAWN_OFFSET } else { -SPAWN_OFFSET };
                self.particles.push(p);
                self.particles.len() - 1
            }
        };
        let spread = LATERAL_SPREAD * (self.rng.f32() - 0.5);
        let away = AWAY_MIN + AWAY_SPREAD * self.rng.f32();
        let end_y = if to_side == Side::Inside { mouth_to + away } else { mouth_to - away };
        let p = &mut self.particles[index];
        let start = [p.x, p.y];
        let approach = ((start[0] - x).hypot(start[1] - mouth_from) / APPROACH_SPEED).clamp(APPROACH_S.0, APPROACH_S.1);
        p.motion = Motion::Crossing {
            path: [start, [x, mouth_from], [x, mouth_to], [x + spread, end_y]],
            t: 0.0,
            durations: [approach, TRANSIT_S, LEAVE_S],
            delay,
        };
        p.side = to_side;
        p.alpha = 1.0;
    }

    /// Advance the picture by `dt_real_s`: start the frame's crossing events (spread over
    /// the frame by their `at_fraction`), move every particle, and bring each kind's
    /// count on each side toward its concentration.
    pub fn update(&mut self, dt_real_s: f64, events: &[CrossingEvent], d: Densities) {
        let dt = dt_real_s.clamp(0.0, MAX_SCENE_DT_S) as f32;
        for e in events {
            self.start_crossing(e, e.at_fraction as f32 * dt);
        }
        if self.still {
            self.pump_phase = None;
            if dt > 0.0 {
                let follow = (dt / FLOW_SMOOTHING_S).min(1.0);
                for f in &mut self.flows {
                    f.per_s += (f.pending as f32 / dt - f.per_s) * follow;
                    f.pending = 0;
                }
                self.flows.retain(|f| f.per_s >= FLOW_MIN_PER_S);
            }
        }
        if let Some(phase) = self.pump_phase.as_mut() {
            *phase += dt / PUMP_CYCLE_S;
            if *phase >= 1.0 {
                self.pump_phase = None;
            }
        }
        self.move_particles(dt);
        self.rebalance(d);
    }

    /// One crossing event: the particles it moves set off through their channel or
    /// transporter, `delay` seconds into the frame.
    fn start_crossing(&mut self, e: &CrossingEvent, delay: f32) {
        match e.kind {
            CrossingKind::Leak { ion, outward } => {
                if let Some(Some(x)) = self.layout.channel_x.get(ion) {
                    let from = if outward { Side::Inside } else { Side::Outside };
                    self.cross(ion as u8, from, *x, delay);
                }
            }
            CrossingKind::Gated { channel, outward } => {
                if let Some(&(ion, x)) = self.layout.gated_x.get(channel) {
                    let from = if outward { Side::Inside } else { Side::Outside };
                    self.cross(ion as u8, from, x, delay);
                }
            }
            CrossingKind::PumpCycle => {
                if let (Some(x), Some((na, k))) = (self.layout.pump_x, self.layout.pump_ions) {
                    for j in 0..3 {
                        self.cross(na as u8, Side::Inside, x - PUMP_LANE + PUMP_LANE * j as f32, delay);
                    }
                    for j in 0..2 {
                        self.cross(k as u8, Side::Outside, x - PUMP_LANE / 2.0 + PUMP_LANE * j as f32, delay);
                    }
                    self.pump_phase = Some(0.0);
                    self.pump_cycles += 1;
                }
            }
            CrossingKind::Cycle { transporter, forward } => {
                let Some(at) = self.layout.transporters.iter().position(|t| t.kind == transporter) else { return };
                let x = self.layout.transporters[at].x;
                // Each particle of the cycle in its own lane, centred on the transporter.
                let lanes = transporter.ions_per_cycle() as f32;
                let mut lane = 0.0;
                for (k, c) in transporter.cycle().iter().enumerate() {
                    let Some(&ion) = self.layout.transporters[at].ions.get(k) else { continue };
                    let from = if c.outward == forward { Side::Inside } else { Side::Outside };
                    for _ in 0..c.count {
                        self.cross(ion as u8, from, x + (lane - (lanes - 1.0) / 2.0) * PUMP_LANE, delay);
                        lane += 1.0;
                    }
                }
                self.transporter_turnovers[transporter.index()] += 1;
            }
        }
    }

    fn move_particles(&mut self, dt: f32) {
        // A gentle random walk: random acceleration, damped velocity.
        // Reduced motion: nothing drifts (fades still finish).
        let (kick, damping) =
            if self.still { (0.0, 0.0) } else { (WALK_KICK * dt, (1.0 - WALK_DAMPING * dt).max(0.0)) };
        for p in &mut self.particles {
            match &mut p.motion {
                Motion::Free | Motion::FadingIn | Motion::FadingOut => {
                    p.vx = (p.vx + kick * (self.rng.f32() - 0.5)) * damping;
                    p.vy = (p.vy + kick * (self.rng.f32() - 0.5)) * damping;
                    p.x += p.vx * dt;
                    p.y += p.vy * dt;
                    let (y0, y1) = if p.side == Side::Inside { INSIDE_Y } else { OUTSIDE_Y };
                    if p.x < X_RANGE.0 || p.x > X_RANGE.1 {
                        p.vx = -p.vx;
                        p.x = p.x.clamp(X_RANGE.0, X_RANGE.1);
                    }
                    if p.y < y0 || p.y > y1 {
                        p.vy = -p.vy;
                        p.y = p.y.clamp(y0, y1);
                    }
                    match p.motion {
                        Motion::FadingIn => {
                            p.alpha += dt / FADE_S;
                            if p.alpha >= 1.0 {
                                p.alpha = 1.0;
                                p.motion = Motion::Free;
                            }
                        }
                        Motion::FadingOut => p.alpha -= dt / FADE_S,
                        _ => {}
                    }
                }
                Motion::Crossing { path, t, durations, delay } => {
                    if *delay > 0.0 {
                        *delay -= dt;
                        continue;
                    }
                    *t += dt;
                    let mut left = *t;
                    let mut done = true;
                    for (seg, d) in durations.iter().enumerate() {
                        if left < *d {
                            let f = left / d;
                            let (a, b) = (path[seg], path[seg + 1]);
                            p.x = a[0] + (b[0] - a[0]) * f;
                            p.y = a[1] + (b[1] - a[1]) * f;
                            done = false;
                            break;
                        }
                        left -= d;
                    }
                    if done {
                        p.x = path[3][0];
                        p.y = path[3][1];
                        p.vx = 0.0;
                        p.vy = 0.0;
                        p.motion = Motion::Free;
                    }
                }
            }
        }
        self.particles.retain(|p| p.alpha > 0.0 || p.motion != Motion::FadingOut);
    }

    fn rebalance(&mut self, d: Densities) {
        let n_ions = d.inside_mm.len();
        // A learner may push concentrations far from where the density was set: keep the
        // total within a factor of two of the budget.
        let targets = self.targets(d);
        let total: usize = targets.iter().map(|t| t.2).sum();
        if total > 2 * self.budget.max(1) || (total < self.budget / 2 && self.budget > 0) {
            self.set_density(d);
        }
        let targets = self.targets(d);
        self.recount(n_ions);
        for (kind, side, target) in targets {
            let slot = Self::kind_slot(kind, n_ions);
            let have = self.counts.get(slot).map_or(0, |c| c[side_index(side)]);
            // A fraction of the gap per frame, so densities drift visibly.
            let step = |gap: usize| gap.div_ceil(REBALANCE_FRACTION).min(gap);
            if have < target {
                for _ in 0..step(target - have) {
                    let p = self.spawn(kind, side, Motion::FadingIn);
                    self.particles.push(p);
                }
            } else if have > target {
                let mut remaining = step(have - target);
                let n = self.particles.len();
                let start = if n > 0 { self.rng.usize(..n) } else { 0 };
                for k in 0..n {
                    if remaining == 0 {
                        break;
                    }
                    let p = &mut self.particles[(start + k) % n];
                    if p.kind == kind && p.side == side && p.motion == Motion::Free {
                        p.motion = Motion::FadingOut;
                        remaining -= 1;
                    }
                }
            }
        }
    }

    /// Particles of `kind` on `side`, not counting those fading out or in transit.
    pub fn count(&self, kind: u8, side: Side) -> usize {
        self.particles.iter().filter(|p| p.kind == kind && p.side == side && p.motion == Motion::Free).count()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn layout_spaces_channels_with_the_pump_in_the_middle() {
        let l = Layout::new(&[true, true, true, false], &[], Some((1, 0)), &[]);
        assert_eq!(l.channel_x[3], None);
        let xs: Vec<f32> = l.channel_x.iter().flatten().copied().collect();
        assert_eq!(xs.len(), 3);
        let pump = l.pump_x.unwrap();
        assert!(xs[0] < xs[1] && xs[1] < pump && pump < xs[2], "{xs:?} pump {pump}");
        // Gated channels follow the leaks, the pump still in the middle of them all.
        let g = Layout::new(&[true, true, false, false], &[1, 0], Some((1, 0)), &[]);
        let gx: Vec<f32> = g.gated_x.iter().map(|(_, x)| *x).collect();
        let leaks: Vec<f32> = g.channel_x.iter().flatten().copied().collect();
        let pump = g.pump_x.unwrap();
        assert_eq!(g.gated_x.iter().map(|(i, _)| *i).collect::<Vec<_>>(), vec![1, 0]);
        assert!(leaks[0] < leaks[1] && leaks[1] < pump && pump < gx[0] && gx[0] < gx[1], "{leaks:?} {pump} {gx:?}");
        let none = Layout::new(&[false], &[], None, &[]);
        assert_eq!(none.pump_x, None);
    }
}
