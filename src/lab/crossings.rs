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
//! flux changes sign). Pump cycles (3 Na⁺ out, 2 K⁺ in each) and each transporter's
//! cycles (what `Transporter::cycle` carries: KCC2's K⁺ and Cl⁻ the same way, NCX's
//! 3 Na⁺ one way and one Ca²⁺ the other…) are released from their own accumulators at
//! the model's rates, in the direction the transporter runs.

use vrest_core::constants::{PUMP_K_PER_CYCLE, PUMP_NA_PER_CYCLE};
use vrest_core::{Fluxes, Transporter};

/// What crossed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CrossingKind {
    /// One particle of ion `ion` through its leak channel.
    Leak { ion: usize, outward: bool },
    /// One particle through voltage-gated channel `channel` (an index of
    /// `Fluxes::gated`).
    Gated { channel: usize, outward: bool },
    /// One pump cycle: 3 Na⁺ particles out and 2 K⁺ particles in.
    PumpCycle,
    /// One cycle of a transporter: forward, what its `cycle` carries, each ion its
    /// way; reverse, each the other way.
    Cycle { transporter: Transporter, forward: bool },
}

/// One event, at a point within the frame (0 = its start, 1 = its end).
#[derive(Debug, Clone, Copy, PartialEq)]
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
    /// Signed cycles owed per transporter, as `net_carry`.
    transporter_carry: [f64; Transporter::ALL.len()],
}

impl CrossingGenerator {
    pub fn new(seed: u64) -> Self {
        CrossingGenerator {
            rng: fastrand::Rng::with_seed(seed),
            net_carry: Vec::new(),
            gated_carry: Vec::new(),
            pump_carry: 0.0,
            transporter_carry: [0.0; Transporter::ALL.len()],
        }
    }

    /// Forget what is owed (after a preset change or a step back).
    pub fn reset(&mut self) {
        self.net_carry.clear();
        self.gated_carry.clear();
        self.pump_carry = 0.0;
        self.transporter_carry = [0.0; Transporter::ALL.len()];
    }

    /// The expected number of events in a frame at this scale (transporter turnovers
    /// count as the particles they move).
    pub fn expected_events(fluxes: &Fluxes, dt_model_s: f64, ions_per_particle: f64) -> f64 {
        let per_s: f64 = fluxes.ions.iter().map(|f| f.outward_per_s + f.inward_per_s).sum::<f64>()
            + fluxes.gated.iter().map(|g| g.outward_per_s + g.inward_per_s).sum::<f64>()
            + (PUMP_NA_PER_CYCLE + PUMP_K_PER_CYCLE) * fluxes.pump_cycles_per_s
            + Transporter::ALL.iter().map(|&t| t.ions_per_cycle() * fluxes.cycles_per_s(t).abs()).sum::<f64>();
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
        for transporter in Transporter::ALL {
            let rate = fluxes.cycles_per_s(transporter);
            for _ in 0..release(&mut self.transporter_carry[transporter.index()], rate * scale) {
                let at = self.rng.f64();
                let kind = CrossingKind::Cycle { transporter, forward: rate > 0.0 };
                out.push(CrossingEvent { kind, at_fraction: at });
            }
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
        let z = (-2.0 * u1.ln()).sqrt() * cos_of_turn(u2);
        (mean + mean.sqrt() * z).round().max(0.0) as u64
    }
}

/// cos(2π·`turns`) for `turns` in [0, 1), to within 2 ulp of libm's cosine.
///
/// Our own rather than `f64::cos` because this is the page's one cosine of a variable
/// angle, and libm's general cosine (its argument reduction for any angle) costs about
/// 3.4 KB of the gzipped page together with the hexagon's sines, which are constants.
/// A turn is reduced exactly to its nearest quarter, the rest is a quarter turn at most
/// in each direction, |x| ≤ π/4, where the Taylor series below is exact to
/// x¹⁸/18! < 3·10⁻¹⁸.
pub(crate) fn cos_of_turn(turns: f64) -> f64 {
    let quarters = 4.0 * turns;
    let nearest = quarters.round();
    let x = (quarters - nearest) * std::f64::consts::FRAC_PI_2;
    let x2 = x * x;
    // cos x = Σ (−x²)ⁿ/(2n)!, sin x = x Σ (−x²)ⁿ/(2n+1)!, in Horner form.
    let cos = TAYLOR_COS.iter().rev().fold(0.0, |acc, c| acc * x2 + c);
    let sin = x * TAYLOR_SIN.iter().rev().fold(0.0, |acc, c| acc * x2 + c);
    match (nearest as i64).rem_euclid(4) {
        0 => cos,
        1 => -sin,
        2 => -cos,
        _ => sin,
    }
}

/// (−1)ⁿ/(2n)! and (−1)ⁿ/(2n+1)! for n = 0…8.
const TAYLOR_COS: [f64; 9] = [
    1.0,
    -1.0 / 2.0,
    1.0 / 24.0,
    -1.0 / 720.0,
    1.0 / 40_320.0,
    -1.0 / 3_628_800.0,
    1.0 / 479_001_600.0,
    -1.0 / 87_178_291_200.0,
    1.0 / 20_922_789_888_000.0,
];
const TAYLOR_SIN: [f64; 9] = [
    1.0,
    -1.0 / 6.0,
    1.0 / 120.0,
    -1.0 / 5_040.0,
    1.0 / 362_880.0,
    -1.0 / 39_916_800.0,
    1.0 / 6_227_020_800.0,
    -1.0 / 1_307_674_368_000.0,
    1.0 / 355_687_428_096_000.0,
];

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
    fn the_cosine_of_a_turn_agrees_with_libm_s() {
        // Exact quarters, their neighbours, and a dense sweep of [0, 1).
        let mut turns = vec![0.0, 0.125, 0.25, 0.375, 0.5, 0.625, 0.75, 0.875, 1.0 - f64::EPSILON / 2.0];
        turns.extend((0..100_000).map(|i| f64::from(i) / 100_000.0 + 1.234_567e-6));
        for turn in turns {
            let (ours, libm) = (cos_of_turn(turn), (std::f64::consts::TAU * turn).cos());
            // libm's own argument carries the rounding of 2π·turn: up to ~1e-15 of error.
            assert!((ours - libm).abs() <= 2e-15, "cos of {turn} turn: {ours} vs {libm}");
        }
        assert_eq!(cos_of_turn(0.0), 1.0);
        assert_eq!(cos_of_turn(0.5), -1.0);
        assert!(cos_of_turn(0.25).abs() < 1e-300 && cos_of_turn(0.75).abs() < 1e-300);
    }

    #[test]
    fn large_means_draw_what_libm_s_cosine_drew() {
        // Recorded with `(TAU * u).cos()` from libm before `cos_of_turn` replaced it:
        // the same seed must still replay the same picture.
        let mut rng = fastrand::Rng::with_seed(2026);
        let draws: Vec<u64> = [30.0, 31.5, 100.0, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9]
            .iter()
            .flat_map(|&mean| (0..4).map(move |_| mean))
            .map(|mean| poisson(&mut rng, mean))
            .collect();
        let golden: [u64; 40] = [
            34, 26, 26, 31, 26, 39, 28, 39, 105, 103, 102, 92, 984, 988, 1023, 937, 9979, 9991, 10028, 9766, 99530,
            99822, 99862, 100712, 1000251, 999075, 1000977, 1000331, 10003349, 9996016, 9998984, 9996827, 100013620,
            99990419, 99994306, 100008232, 1000001299, 1000000421, 999984179, 999957216,
        ];
        assert_eq!(draws, golden);
    }

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
