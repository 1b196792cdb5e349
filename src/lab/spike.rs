//! The latest spike's shape, sampled finely, for the page's "last spike" inset: at a
//! speed where a spike is narrower than a few pixels of the trace, the inset still shows
//! its upstroke, peak and fall, like an oscilloscope triggered on the upstroke. Numbers
//! only: `present::chart` draws it and `present::describe` words it.

use vrest_core::Membrane;

/// A spike as sampled from the start of the slice in which it crossed 0 mV.
#[derive(Debug, Clone, PartialEq)]
pub struct SpikeShape {
    /// Model time of the first sample, and between samples.
    pub start_s: f64,
    pub step_s: f64,
    /// V at each sample, mV.
    pub voltage_mv: Vec<f64>,
    /// The highest V the model reached (the integrator's own extremes, not the samples').
    pub peak_mv: f64,
    /// Its width at half its height above the lowest V before the peak (None if it had
    /// not come back down within the window).
    pub width_s: Option<f64>,
    /// The most the gated Na⁺ and K⁺ channels opened over the window (m³h, n⁴), if the
    /// cell has them.
    pub open_max: Option<(f64, f64)>,
}

impl SpikeShape {
    /// Model time of the highest sample.
    pub fn peak_s(&self) -> f64 {
        let top = self.voltage_mv.iter().enumerate().max_by(|a, b| a.1.total_cmp(b.1)).map_or(0, |(i, _)| i);
        self.start_s + top as f64 * self.step_s
    }
}

/// How long a capture runs and in how many samples: a neuron's spike is over in a few
/// milliseconds; a cardiac action potential (Noble's pacemaker) lasts hundreds.
pub fn window(pacemaker: bool) -> (f64, usize) {
    if pacemaker {
        (0.6, 200)
    } else {
        (12e-3, 240)
    }
}

/// The least real time between two captures (each costs a few hundred small steps).
pub const CAPTURE_EVERY_REAL_S: f64 = 0.5;

/// Sample `from` (the state where the spike's slice began, a copy) over `window_s` in
/// `samples` steps. None if the model refused a step.
pub fn capture(mut from: Membrane, window_s: f64, samples: usize) -> Option<SpikeShape> {
    let step_s = window_s / samples as f64;
    let start_s = from.time_s();
    let mut voltage_mv = Vec::with_capacity(samples + 1);
    voltage_mv.push(from.voltage_mv());
    let mut peak_mv = from.voltage_mv();
    let mut open_max: Option<(f64, f64)> = None;
    for _ in 0..samples {
        let a = from.advance_within(step_s, u64::MAX).ok()?;
        if let Some(e) = a.extremes {
            peak_mv = peak_mv.max(e.highest.1);
        }
        peak_mv = peak_mv.max(from.voltage_mv());
        voltage_mv.push(from.voltage_mv());
        if let [na, k] = from.gated_channels()[..] {
            let (a, b) = open_max.unwrap_or((0.0, 0.0));
            open_max = Some((a.max(na.open_fraction), b.max(k.open_fraction)));
        }
    }
    let width_s = half_width_s(&voltage_mv, step_s);
    Some(SpikeShape { start_s, step_s, voltage_mv, peak_mv, width_s, open_max })
}

/// The width at half height of the highest sample above the lowest before it: the
/// times V crosses half-way up and back down, interpolated between samples.
pub fn half_width_s(v: &[f64], step_s: f64) -> Option<f64> {
    let (top, peak) = v.iter().enumerate().max_by(|a, b| a.1.total_cmp(b.1))?;
    let base = v[..=top].iter().copied().fold(f64::INFINITY, f64::min);
    let half = 0.5 * (base + peak);
    let cross = |i: usize| {
        let (a, b) = (v[i], v[i + 1]);
        (i as f64 + (half - a) / (b - a)) * step_s
    };
    let up = (0..top).rev().find(|&i| v[i] < half && v[i + 1] >= half).map(cross)?;
    let down = (top..v.len() - 1).find(|&i| v[i] >= half && v[i + 1] < half).map(cross)?;
    Some(down - up)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn half_width_of_a_triangle() {
        // From −70 up to +30 over 4 samples and down over 4: half height −20 mV is
        // crossed at 2.0 and 6.0 steps.
        let v = [-70.0, -45.0, -20.0, 5.0, 30.0, 5.0, -20.0, -45.0, -70.0];
        assert!((half_width_s(&v, 1e-4).unwrap() - 4e-4).abs() < 1e-12);
        assert_eq!(half_width_s(&[-70.0, -10.0, 30.0], 1e-4), None, "not back down");
    }
}
