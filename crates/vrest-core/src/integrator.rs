//! An adaptive, L-stable Rosenbrock integrator for the stiff membrane equations.
//!
//! The method is the Rosenbrock 2(3) pair of Shampine & Reichelt (1997, "The MATLAB ODE
//! Suite", SIAM J. Sci. Comput. 18:1–22), the one behind MATLAB's `ode23s`: second
//! order, L-stable (so a step of an hour through a millisecond charging transient is
//! damped, not amplified), with an embedded third-order error estimate that drives
//! the step size. Because every stage is a linear solve with W = I − h·d·J, any
//! linear invariant of the system (here: charge conservation, wᵀf ≡ 0 ⇒ wᵀJ ≡ 0) is
//! preserved to rounding, whatever the step. See doc/implementation-notes.md.
//!
//! No crate offers a small, allocation-free stiff solver for wasm32 with analytic
//! Jacobians (the ODE crates are either explicit-only or pull in nalgebra), so this
//! is written here; the system has at most nine unknowns.

use crate::constants::MAX_IONS;

/// Largest state: the voltage plus one concentration per ion.
pub const MAX_DIM: usize = MAX_IONS + 1;

pub type Vector = [f64; MAX_DIM];
pub type Matrix = [[f64; MAX_DIM]; MAX_DIM];

/// A stiff autonomous system y' = f(y) with an analytic Jacobian.
pub trait StiffSystem {
    fn dim(&self) -> usize;
    fn rhs(&self, y: &Vector, dydt: &mut Vector);
    fn jacobian(&self, y: &Vector, jac: &mut Matrix);
    /// Whether the physics allows this state (for example, no negative concentrations).
    fn admissible(&self, y: &Vector) -> bool;
    /// Absolute error tolerance of component `i`.
    fn atol(&self, i: usize) -> f64;
}

/// The lowest and highest value of y[0] at the accepted steps of a run, with the time
/// (from the run's start) at which each was reached.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Extremes {
    pub lowest: (f64, f64),
    pub highest: (f64, f64),
}

/// The result of a run with a step budget.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Run {
    /// Model time covered: the whole duration unless the budget ran out.
    pub done_s: f64,
    pub steps: u64,
    /// None if no step was accepted.
    pub extremes: Option<Extremes>,
}

/// The integrator failed: a step shrank to nothing or the step budget ran out.
#[derive(Debug, Clone, PartialEq)]
pub enum IntegrationError {
    /// More than `steps` steps for `duration_s` of model time.
    TooManySteps { steps: u64, duration_s: f64 },
    /// The step size fell below 10⁻¹⁵ s, `after_s` into the run.
    StepTooSmall { after_s: f64 },
}

impl IntegrationError {
    /// As an error of the model's `dt_s`.
    pub fn into_model_error(self) -> crate::error::ModelError {
        use crate::error::{Arg, ModelError};
        match self {
            IntegrationError::TooManySteps { steps, duration_s } => ModelError::new("dt_s", "error-model-steps")
                .whole("steps", steps)
                .with("duration", Arg::Number(duration_s)),
            IntegrationError::StepTooSmall { after_s } => {
                ModelError::new("dt_s", "error-model-step-size").with("after", Arg::Number(after_s))
            }
        }
    }
}

/// Rosenbrock 2(3) with step-size control. It remembers its step size between calls,
/// so a sequence of short `integrate` calls costs no more than the steps it needs.
#[derive(Debug, Clone, PartialEq)]
pub struct Rosenbrock23 {
    pub rtol: f64,
    h_next_s: f64,
}

/// d = 1/(2 + √2) and e32 = 6 + √2 (Shampine & Reichelt 1997, eq. 7).
const D: f64 = 0.292_893_218_813_452_5;
const E32: f64 = 7.414_213_562_373_095;
/// First trial step after a reset: short enough to resolve a microsecond transient.
const H_START_S: f64 = 1e-6;
/// Step budget of one `integrate` call.
const MAX_STEPS: u64 = 5_000_000;

impl Rosenbrock23 {
    pub fn new(rtol: f64) -> Self {
        Rosenbrock23 { rtol, h_next_s: H_START_S }
    }

    /// Forget the step-size history, after the system changed abruptly.
    pub fn restart(&mut self) {
        self.h_next_s = H_START_S;
    }

    /// Advance `y` by exactly `duration_s` of model time.
    pub fn integrate<S: StiffSystem>(
        &mut self,
        sys: &S,
        y: &mut Vector,
        duration_s: f64,
    ) -> Result<(), IntegrationError> {
        let run = self.integrate_within(sys, y, duration_s, MAX_STEPS)?;
        if run.done_s < duration_s {
            return Err(IntegrationError::TooManySteps { steps: MAX_STEPS, duration_s });
        }
        Ok(())
    }

    /// Advance `y` by up to `duration_s` of model time in at most `max_steps` trial
    /// steps: the time covered (exactly `duration_s` unless the steps ran out), the
    /// steps taken, and where y[0] went lowest and highest on the way (a spike between
    /// two frames). A caller with a budget per frame uses it so that a firing cell slows
    /// the picture rather than freezing it.
    pub fn integrate_within<S: StiffSystem>(
        &mut self,
        sys: &S,
        y: &mut Vector,
        duration_s: f64,
        max_steps: u64,
    ) -> Result<Run, IntegrationError> {
        let n = sys.dim();
        let mut done_s = 0.0;
        let mut steps = 0u64;
        let mut extremes: Option<Extremes> = None;
        while done_s < duration_s {
            if steps >= max_steps {
                return Ok(Run { done_s, steps, extremes });
            }
            let remaining = duration_s - done_s;
            // Take the remainder in one step if the controller would nearly reach it anyway.
            let clamped = self.h_next_s >= remaining * 0.999;
            let h = if clamped { remaining } else { self.h_next_s };
            let (y_new, err) = self.trial_step(sys, y, h, n);
            let ok = err <= 1.0 && y_new[..n].iter().all(|v| v.is_finite()) && sys.admissible(&y_new);
            let factor = if err > 0.0 { 0.9 * err.powf(-1.0 / 3.0) } else { 5.0 };
            if ok {
                *y = y_new;
                done_s = if clamped { duration_s } else { done_s + h };
                let at = (done_s, y[0]);
                extremes = Some(match extremes {
                    None => Extremes { lowest: at, highest: at },
                    Some(e) => Extremes {
                        lowest: if at.1 < e.lowest.1 { at } else { e.lowest },
                        highest: if at.1 > e.highest.1 { at } else { e.highest },
                    },
                });
                let proposal = h * factor.clamp(0.2, 5.0);
                // A step cut short to land on the end says little about the next one:
                // keep the earlier proposal unless the error asks for less.
                self.h_next_s = match (clamped, factor < 1.0) {
                    (true, true) => self.h_next_s.min(proposal),
                    (true, false) => self.h_next_s,
                    (false, _) => proposal,
                };
            } else {
                let shrink = if err.is_finite() && sys.admissible(&y_new) { factor.clamp(0.1, 0.5) } else { 0.25 };
                self.h_next_s = h * shrink;
                if self.h_next_s < 1e-15 {
                    return Err(IntegrationError::StepTooSmall { after_s: done_s });
                }
            }
            steps += 1;
        }
        Ok(Run { done_s, steps, extremes })
    }

    /// One Rosenbrock step of size h: the new state and the scaled error norm.
    fn trial_step<S: StiffSystem>(&self, sys: &S, y: &Vector, h: f64, n: usize) -> (Vector, f64) {
        let mut jac = [[0.0; MAX_DIM]; MAX_DIM];
        sys.jacobian(y, &mut jac);
        // W = I − h·d·J, factorised once for the three stages.
        let mut w = [[0.0; MAX_DIM]; MAX_DIM];
        for i in 0..n {
            for j in 0..n {
                w[i][j] = if i == j { 1.0 } else { 0.0 } - h * D * jac[i][j];
            }
        }
        let Some(lu) = Lu::factor(w, n) else {
            return ([f64::NAN; MAX_DIM], f64::INFINITY);
        };
        let mut f0 = [0.0; MAX_DIM];
        sys.rhs(y, &mut f0);
        let k1 = lu.solve(&f0);
        let mut y_mid = *y;
        for i in 0..n {
            y_mid[i] += 0.5 * h * k1[i];
        }
        let mut f1 = [0.0; MAX_DIM];
        sys.rhs(&y_mid, &mut f1);
        let mut rhs2 = [0.0; MAX_DIM];
        for i in 0..n {
            rhs2[i] = f1[i] - k1[i];
        }
        let mut k2 = lu.solve(&rhs2);
        for i in 0..n {
            k2[i] += k1[i];
        }
        let mut y_new = *y;
        for i in 0..n {
            y_new[i] += h * k2[i];
        }
        let mut f2 = [0.0; MAX_DIM];
        sys.rhs(&y_new, &mut f2);
        let mut rhs3 = [0.0; MAX_DIM];
        for i in 0..n {
            rhs3[i] = f2[i] - E32 * (k2[i] - f1[i]) - 2.0 * (k1[i] - f0[i]);
        }
        let k3 = lu.solve(&rhs3);
        let mut err = 0.0_f64;
        for i in 0..n {
            let e = h / 6.0 * (k1[i] - 2.0 * k2[i] + k3[i]);
            let scale = sys.atol(i) + self.rtol * y[i].abs().max(y_new[i].abs());
            err = err.max((e / scale).abs());
        }
        if err.is_nan() {
            err = f64::INFINITY;
        }
        (y_new, err)
    }
}

/// LU factorisation with partial pivoting of an n×n block.
struct Lu {
    a: Matrix,
    pivot: [usize; MAX_DIM],
    n: usize,
}

impl Lu {
    fn factor(mut a: Matrix, n: usize) -> Option<Lu> {
        let mut pivot = [0usize; MAX_DIM];
        for k in 0..n {
            let mut p = k;
            for i in k + 1..n {
                if a[i][k].abs() > a[p][k].abs() {
                    p = i;
                }
            }
            if a[p][k] == 0.0 || !a[p][k].is_finite() {
                return None;
            }
            pivot[k] = p;
            a.swap(k, p);
            let (upper, lower) = a.split_at_mut(k + 1);
            let pivot_row = &upper[k];
            for row in lower.iter_mut().take(n - k - 1) {
                let m = row[k] / pivot_row[k];
                row[k] = m;
                for (x, p) in row[k + 1..n].iter_mut().zip(&pivot_row[k + 1..n]) {
                    *x -= m * p;
                }
            }
        }
        Some(Lu { a, pivot, n })
    }

    fn solve(&self, b: &Vector) -> Vector {
        let n = self.n;
        let mut x = *b;
        for k in 0..n {
            x.swap(k, self.pivot[k]);
        }
        for i in 0..n {
            for j in 0..i {
                x[i] -= self.a[i][j] * x[j];
            }
        }
        for i in (0..n).rev() {
            for j in i + 1..n {
                x[i] -= self.a[i][j] * x[j];
            }
            x[i] /= self.a[i][i];
        }
        x
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Robertson's stiff chemical kinetics, the standard stiff test problem
    /// (Hairer & Wanner, Solving ODEs II, §IV.1), with its published solution.
    struct Robertson;
    impl StiffSystem for Robertson {
        fn dim(&self) -> usize {
            3
        }
        fn rhs(&self, y: &Vector, f: &mut Vector) {
            f[0] = -0.04 * y[0] + 1e4 * y[1] * y[2];
            f[2] = 3e7 * y[1] * y[1];
            f[1] = -f[0] - f[2];
        }
        fn jacobian(&self, y: &Vector, j: &mut Matrix) {
            j[0][0] = -0.04;
            j[0][1] = 1e4 * y[2];
            j[0][2] = 1e4 * y[1];
            j[2][0] = 0.0;
            j[2][1] = 6e7 * y[1];
            j[2][2] = 0.0;
            j[1] = std::array::from_fn(|k| -j[0][k] - j[2][k]);
        }
        fn admissible(&self, y: &Vector) -> bool {
            y[..3].iter().all(|&v| v >= -1e-12)
        }
        fn atol(&self, i: usize) -> f64 {
            if i == 1 {
                1e-12
            } else {
                1e-9
            }
        }
    }

    #[test]
    fn robertson_matches_the_reference_solution_and_conserves_mass() {
        let mut y = [0.0; MAX_DIM];
        y[0] = 1.0;
        let mut r = Rosenbrock23::new(1e-7);
        r.integrate(&Robertson, &mut y, 40.0).unwrap();
        // Reference at t = 40 (Hairer & Wanner; also the DASSL/SUNDIALS example output).
        assert!((y[0] - 0.715_827_1).abs() < 2e-6, "y1 = {}", y[0]);
        assert!((y[1] - 9.185_535e-6).abs() < 2e-10, "y2 = {}", y[1]);
        assert!((y[2] - 0.284_163_7).abs() < 2e-6, "y3 = {}", y[2]);
        // The linear invariant y1 + y2 + y3 = 1 holds to rounding.
        assert!((y[0] + y[1] + y[2] - 1.0).abs() < 1e-13);
    }

    #[test]
    fn decays_exactly_at_the_requested_end_for_any_split() {
        // y' = −λ(y − 1) with λ = 1e3: stiff for long steps.
        struct Relax;
        impl StiffSystem for Relax {
            fn dim(&self) -> usize {
                1
            }
            fn rhs(&self, y: &Vector, f: &mut Vector) {
                f[0] = -1e3 * (y[0] - 1.0);
            }
            fn jacobian(&self, _: &Vector, j: &mut Matrix) {
                j[0][0] = -1e3;
            }
            fn admissible(&self, _: &Vector) -> bool {
                true
            }
            fn atol(&self, _: usize) -> f64 {
                1e-12
            }
        }
        let exact = 1.0 - (-1e3_f64 * 2e-3).exp();
        let run = |rtol: f64, pieces: usize| {
            let mut y = [0.0; MAX_DIM];
            let mut r = Rosenbrock23::new(rtol);
            for _ in 0..pieces {
                r.integrate(&Relax, &mut y, 2e-3 / pieces as f64).unwrap();
            }
            (y[0] - exact).abs()
        };
        // The global error shrinks as the tolerance tightens (second order: about
        // tol^(2/3)), and does not depend on how the interval is cut into calls.
        let (loose, tight) = (run(1e-6, 1), run(1e-9, 1));
        assert!(tight < loose / 20.0, "rtol 1e-9 error {tight} vs rtol 1e-6 error {loose}");
        assert!(tight < 1e-6, "{tight}");
        assert!(run(1e-9, 2000) < 1e-6);
        // An hour-long step through the transient lands on the equilibrium.
        let mut c = [0.0; MAX_DIM];
        Rosenbrock23::new(1e-7).integrate(&Relax, &mut c, 3600.0).unwrap();
        assert!((c[0] - 1.0).abs() < 1e-9);
    }
}
