//! Discrete ion-crossing events for the animation, driven by the model's fluxes.
//!
//! Each event stands for `ions_per_particle` real ions. For every ion, the frame's
//! expected outward and inward counts are the unidirectional GHK fluxes times the
//! model time of the frame, divided by that scale. They are split into
//! - exchange pairs, one outward and one inward event each, drawn from a Poisson
//!   distribution with the smaller of the two means: they show that ions cross both
//!   ways even at equilibrium, and they never change the net count;
//! - net events, in the direction of the net flux only, released from a running
//!   accumulator so that they follow the net flux exactly over time.
//!
//! So the expected counts equal the unidirectional fluxes, outward and inward events
//! balance in expectation at an ion's equilibrium potential, and the net events of a
//! frame never point against the current (the accumulator is emptied when the net
//! flux changes sign). Pump cycles (3 Na⁺ out, 2 K⁺ in each), KCC2 pairs (one K⁺
//! and one Cl⁻ the same way) and NCX cycles (3 Na⁺ one way, one Ca²⁺ the other) are
//! released from their own accumulators at the model's rates, in the direction the
//! transporter runs.

use serde::Serialize;

use vrest_core::constants::{NCX_NA_PER_CYCLE, PUMP_K_PER_CYCLE, PUMP_NA_PER_CYCLE};
use vrest_core::Fluxes;

/// What crossed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum CrossingKind {
    /// One particle of ion `ion` through its leak channel.
    Leak { ion: usize, outward: bool },
    /// One particle through voltage-gated channel `channel` (an index of
    /// `Fluxes::gated`).
    Gated { channel: usize, outward: bool },
    /// One pump cycle: 3 Na⁺ particles out and 2 K⁺ particles in.
    PumpCycle,
    /// One KCC2 turnover: a K⁺ and a Cl⁻ particle together, out (or in).
    Kcc2 { outward: bool },
    /// One exchanger cycle: forward, 3 Na⁺ particles in and one Ca²⁺ out; reverse, the
    /// opposite.
    NcxCycle { forward: bool },
    /// One H⁺-ATPase cycle: an H⁺ particle out.
    ProtonPumpCycle,
    /// One K⁺/H⁺ exchange: forward, a K⁺ particle out and an H⁺ in; reverse, the opposite.
    KhExchange { forward: bool },
}

/// One event, at a point within the frame (0 = its start, 1 = its end).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct CrossingEvent {
    pub kind: CrossingKind,
    pub at_fraction: f64,
}

/// Generates the events of each frame from a seeded PRNG, so a run can be replayed.
#[derive(Debug, Clone, PartialEq)]
pub struct CrossingGenerator {
    rng: fastrand::Rng,
    /// Per ion: net outward particles owed (negative = inward).
    net_carry: Vec<f64>,
    /// The same per voltage-gated channel.
    gated_carry: Vec<f64>,
    pump_carry: f64,
    /// Signed turnovers owed, as `net_carry`.
    kcc2_carry: f64,
    ncx_carry: f64,
    proton_pump_carry: f64,
    kh_carry: f64,
}

impl CrossingGenerator {
    pub fn new(seed: u64) -> Self {
        CrossingGenerator {
            rng: fastrand::Rng::with_seed(seed),
            net_carry: Vec::new(),
            gated_carry: Vec::new(),
            pump_carry: 0.0,
            kcc2_carry: 0.0,
            ncx_carry: 0.0,
            proton_pump_carry: 0.0,
            kh_carry: 0.0,
        }
    }

    /// Forget what is owed (after a preset change or a step back).
    pub fn reset(&mut self) {
        self.net_carry.clear();
        self.gated_carry.clear();
        self.pump_carry = 0.0;
        self.kcc2_carry = 0.0;
        self.ncx_carry = 0.0;
        self.proton_pump_carry = 0.0;
        self.kh_carry = 0.0;
    }

    /// The expected number of events in a frame at this scale (transporter turnovers
    /// count as the particles they move).
    pub fn expected_events(fluxes: &Fluxes, dt_model_s: f64, ions_per_particle: f64) -> f64 {
        let per_s: f64 = fluxes.ions.iter().map(|f| f.outward_per_s + f.inward_per_s).sum::<f64>()
            + fluxes.gated.iter().map(|g| g.outward_per_s + g.inward_per_s).sum::<f64>()
            + (PUMP_NA_PER_CYCLE + PUMP_K_PER_CYCLE) * fluxes.pump_cycles_per_s
            + 2.0 * fluxes.kcc2_pairs_per_s.abs()
            + (NCX_NA_PER_CYCLE + 1.0) * fluxes.ncx_cycles_per_s.abs()
            + fluxes.proton_pump_cycles_per_s.abs()
            + 2.0 * fluxes.kh_exchanges_per_s.abs();
        per_s * dt_model_s / ions_per_particle
    }

    /// Append the events of one frame lasting `dt_model_s` of model time to `out`.
    ///
    /// Returns `Err(expected)` and adds nothing when the scale would produce more than
    /// [`MAX_EVENTS_PER_FRAME`] events: the caller must coarsen `ions_per_particle`
    /// rather than flood the page. A non-positive or non-finite scale or dt adds nothing.
    pub fn generate(
        &mut self,
        fluxes: &Fluxes,
        dt_model_s: f64,
        ions_per_particle: f64,
        out: &mut Vec<CrossingEvent>,
    ) -> Result<(), f64> {
        if !(dt_model_s > 0.0 && dt_model_s.is_finite() && ions_per_particle > 0.0 && ions_per_particle.is_finite()) {
            return Ok(());
        }
        let expected = Self::expected_events(fluxes, dt_model_s, ions_per_particle);
        if expected.is_nan() || expected > MAX_EVENTS_PER_FRAME {
            return Err(expected);
        }
        let scale = dt_model_s / ions_per_particle;
        self.net_carry.resize(fluxes.ions.len(), 0.0);
        for (ion, flux) in fluxes.ions.iter().enumerate() {
            let (o, i) = (flux.outward_per_s * scale, flux.inward_per_s * scale);
            let kind = |outward| CrossingKind::Leak { ion, outward };
            pore(&mut self.rng, &mut self.net_carry[ion], o, i, kind, out);
        }
        self.gated_carry.resize(fluxes.gated.len(), 0.0);
        for (channel, g) in fluxes.gated.iter().enumerate() {
            let (o, i) = (g.outward_per_s * scale, g.inward_per_s * scale);
            let kind = |outward| CrossingKind::Gated { channel, outward };
            pore(&mut self.rng, &mut self.gated_carry[channel], o, i, kind, out);
        }
        let cycles = fluxes.pump_cycles_per_s * scale;
        if cycles > 0.0 && cycles.is_finite() {
            self.pump_carry += cycles;
            let whole = self.pump_carry.floor();
            self.pump_carry -= whole;
            for _ in 0..whole as u64 {
                let at = self.rng.f64();
                out.push(CrossingEvent { kind: CrossingKind::PumpCycle, at_fraction: at });
            }
        } else {
            self.pump_carry = 0.0;
        }
        for _ in 0..release(&mut self.kcc2_carry, fluxes.kcc2_pairs_per_s * scale) {
            let at = self.rng.f64();
            let outward = fluxes.kcc2_pairs_per_s > 0.0;
            out.push(CrossingEvent { kind: CrossingKind::Kcc2 { outward }, at_fraction: at });
        }
        for _ in 0..release(&mut self.ncx_carry, fluxes.ncx_cycles_per_s * scale) {
            let at = self.rng.f64();
            let forward = fluxes.ncx_cycles_per_s > 0.0;
            out.push(CrossingEvent { kind: CrossingKind::NcxCycle { forward }, at_fraction: at });
        }
        for _ in 0..release(&mut self.proton_pump_carry, fluxes.proton_pump_cycles_per_s * scale) {
            let at = self.rng.f64();
            out.push(CrossingEvent { kind: CrossingKind::ProtonPumpCycle, at_fraction: at });
        }
        for _ in 0..release(&mut self.kh_carry, fluxes.kh_exchanges_per_s * scale) {
            let at = self.rng.f64();
            let forward = fluxes.kh_exchanges_per_s > 0.0;
            out.push(CrossingEvent { kind: CrossingKind::KhExchange { forward }, at_fraction: at });
        }
        Ok(())
    }
}

/// The crossings of one pore (a leak or a gated channel) in a frame, from its mean
/// outward and inward particle counts: the exchange both ways as Poisson pairs, the net
/// flux as whole particles from `carry`, which keeps what is owed between frames.
fn pore(
    rng: &mut fastrand::Rng,
    carry: &mut f64,
    out_mean: f64,
    in_mean: f64,
    kind: impl Fn(bool) -> CrossingKind,
    out: &mut Vec<CrossingEvent>,
) {
    if !(out_mean.is_finite() && in_mean.is_finite()) {
        return;
    }
    for _ in 0..poisson(rng, out_mean.min(in_mean)) {
        let at = rng.f64();
        out.push(CrossingEvent { kind: kind(true), at_fraction: at });
        let at = rng.f64();
        out.push(CrossingEvent { kind: kind(false), at_fraction: at });
    }
    let net = out_mean - in_mean;
    if *carry * net < 0.0 || net == 0.0 {
        // The net flux reversed (or stopped): nothing owed in the old direction.
        *carry = 0.0;
    }
    *carry += net;
    let whole = carry.abs().floor();
    *carry -= whole.copysign(*carry);
    for _ in 0..whole as u64 {
        let at = rng.f64();
        out.push(CrossingEvent { kind: kind(net > 0.0), at_fraction: at });
    }
}

/// Add `owed` (signed) to a transporter's accumulator and take out the whole turnovers
/// now due; a reversal (or a stop) forgets what was owed the old way.
fn release(carry: &mut f64, owed: f64) -> u64 {
    if !owed.is_finite() || owed == 0.0 || *carry * owed < 0.0 {
        *carry = 0.0;
    }
    if !owed.is_finite() {
        return 0;
    }
    *carry += owed;
    let whole = carry.abs().floor();
    *carry -= whole.copysign(*carry);
    whole as u64
}

/// The most events one frame may carry; beyond it the scale is too fine to draw.
pub const MAX_EVENTS_PER_FRAME: f64 = 10_000.0;

/// A Poisson draw with the given mean. Knuth's product method below 30; above, the
/// normal approximation (the animation never needs the far tail). Written here
/// rather than pulling `rand_distr` and `rand` into the wasm bundle for one sampler.
pub(crate) fn poisson(rng: &mut fastrand::Rng, mean: f64) -> u64 {
    if !(mean > 0.0 && mean.is_finite()) {
        return 0;
    }
    if mean < 30.0 {
        let limit = (-mean).exp();
        let mut k = 0;
        let mut p = rng.f64();
        while p > limit {
            k += 1;
            p *= rng.f64();
        }
        k
    } else {
        // Box–Muller; 1 − U avoids ln(0).
        let u1 = 1.0 - rng.f64();
        let u2 = rng.f64();
        let z = (-2.0 * u1.ln()).sqrt() * (std::f64::consts::TAU * u2).cos();
        (mean + mean.sqrt() * z).round().max(0.0) as u64
    }
}

/// A 1-2-5 rounding of `x` (for the "one particle = N ions" legend), never below 1.
pub fn round_125(x: f64) -> f64 {
    if !(x.is_finite() && x > 1.0) {
        return 1.0;
    }
    one_two_five(x)
}

/// `x` rounded to 1, 2 or 5 times a power of ten: a figure that does not flicker.
/// Anything not finite and positive comes back unchanged.
pub fn one_two_five(x: f64) -> f64 {
    if !(x.is_finite() && x > 0.0) {
        return x;
    }
    let decade = 10f64.powf(x.log10().floor());
    let m = x / decade;
    let nice = if m < 1.5 {
        1.0
    } else if m < 3.5 {
        2.0
    } else if m < 7.5 {
        5.0
    } else {
        10.0
    };
    nice * decade
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn poisson_has_the_right_mean_and_variance() {
        let mut rng = fastrand::Rng::with_seed(7);
        for &mean in &[0.05, 0.7, 4.0, 29.0, 80.0] {
            let n = 40_000;
            let draws: Vec<f64> = (0..n).map(|_| poisson(&mut rng, mean) as f64).collect();
            let m = draws.iter().sum::<f64>() / n as f64;
            let var = draws.iter().map(|d| (d - m).powi(2)).sum::<f64>() / n as f64;
            // Five standard errors of the mean; variance within 5 %.
            assert!((m - mean).abs() < 5.0 * (mean / n as f64).sqrt(), "mean {m} for {mean}");
            assert!((var / mean - 1.0).abs() < 0.05, "variance {var} for {mean}");
        }
    }

    #[test]
    fn rounds_to_one_two_five() {
        assert_eq!(round_125(0.3), 1.0);
        assert_eq!(round_125(1.4e7), 1e7);
        assert_eq!(round_125(2.9e4), 2e4);
        assert_eq!(round_125(4.0e5), 5e5);
        assert_eq!(round_125(8.0), 10.0);
    }
}
