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
    /// How many trailing components (gates) have Jacobian rows that are zero but for
    /// their own diagonal and column 0: the linear solves eliminate them first, by a
    /// division each, and factorise only what is left.
    fn diagonal_tail(&self) -> usize {
        0
    }
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
    /// Of `steps`, those refused by the error test (or by an inadmissible state).
    pub rejected: u64,
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

/// Which Rosenbrock pair takes the steps.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    /// Shampine & Reichelt's 2(3) pair (three stages): cheap steps, best where the state
    /// moves slowly (a resting cell, hours of run-down).
    Ros23,
    /// Hairer & Wanner's RODAS4, a stiffly accurate 4(3) pair (six stages): far longer
    /// steps where the state turns quickly (every spike of a firing cell).
    Rodas4,
}

/// A Rosenbrock method with step-size control. It remembers its step size between
/// calls, so a sequence of short `integrate` calls costs no more than the steps it needs.
#[derive(Debug, Clone, PartialEq)]
pub struct Rosenbrock {
    pub rtol: f64,
    pub method: Method,
    h_next_s: f64,
    /// The last accepted step and its error (0 before the first): Gustafsson's
    /// predictive controller (Hairer & Wanner II, §IV.8, eq. 8.21) uses them with
    /// RODAS4, so a step that grows too fast into an upstroke is not taken twice.
    last_h_s: f64,
    last_err: f64,
    /// The last two accepted (t, y[0]), t from the end of the last call: a peak or a
    /// trough between steps is found on the parabola through them and the next step.
    recent: [Option<(f64, f64)>; 2],
}

/// d = 1/(2 + √2) and e32 = 6 + √2 (Shampine & Reichelt 1997, eq. 7).
const D: f64 = 0.292_893_218_813_452_5;
const E32: f64 = 7.414_213_562_373_095;
/// First trial step after a reset: short enough to resolve a microsecond transient.
const H_START_S: f64 = 1e-6;
/// Step budget of one `integrate` call.
const MAX_STEPS: u64 = 5_000_000;

impl Rosenbrock {
    pub fn new(rtol: f64) -> Self {
        Rosenbrock::with_method(rtol, Method::Ros23)
    }

    pub fn with_method(rtol: f64, method: Method) -> Self {
        Rosenbrock { rtol, method, h_next_s: H_START_S, last_h_s: 0.0, last_err: 0.0, recent: [None; 2] }
    }

    /// Forget the step-size history, after the system changed abruptly.
    pub fn restart(&mut self) {
        self.h_next_s = H_START_S;
        self.last_h_s = 0.0;
        // The right-hand side jumped: no curve runs smoothly through the steps before.
        self.recent = [None; 2];
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
        self.integrate_observed(sys, y, duration_s, max_steps, &mut |_, _| {})
    }

    /// As [`Self::integrate_within`], calling `observe(t, y)` after every accepted step
    /// (t from the run's start): a spike's crossing or peak, found between steps.
    pub fn integrate_observed<S: StiffSystem, F: FnMut(f64, &Vector)>(
        &mut self,
        sys: &S,
        y: &mut Vector,
        duration_s: f64,
        max_steps: u64,
        observe: &mut F,
    ) -> Result<Run, IntegrationError> {
        let n = sys.dim();
        let mut done_s = 0.0;
        let mut steps = 0u64;
        let mut rejected = 0u64;
        let mut extremes: Option<Extremes> = None;
        let mut start: Option<AtStart> = None;
        while done_s < duration_s {
            if steps >= max_steps {
                break;
            }
            let remaining = duration_s - done_s;
            // Take the remainder in one step if the controller would nearly reach it anyway.
            let clamped = self.h_next_s >= remaining * 0.999;
            let h = if clamped { remaining } else { self.h_next_s };
            let (y_new, err) = match self.method {
                Method::Ros23 => self.trial_step(sys, y, h, n),
                Method::Rodas4 => self.trial_step_rodas4(sys, y, h, n, &mut start),
            };
            let ok = err <= 1.0 && y_new[..n].iter().all(|v| v.is_finite()) && sys.admissible(&y_new);
            // The local error goes as h^(p+1) for the lower order p of the pair: the step
            // scales as err^(−1/3) or err^(−1/4) (roots, not powf: a powf was 2 % of a step).
            let factor = match (err > 0.0, self.method) {
                (false, _) => 5.0,
                (true, Method::Ros23) => 0.9 / err.cbrt(),
                (true, Method::Rodas4) => 0.9 / err.sqrt().sqrt(),
            };
            if ok {
                *y = y_new;
                start = None;
                done_s = if clamped { duration_s } else { done_s + h };
                observe(done_s, y);
                let at = (done_s, y[0]);
                // The last step's own value, or where the curve turned just before it.
                let [before, last] = self.recent;
                let (mut low, mut high) = (at, at);
                if let Some(turn) = before.zip(last).and_then(|(before, last)| turning_point(before, last, at)) {
                    (low, high) = (if turn.1 < at.1 { turn } else { at }, if turn.1 > at.1 { turn } else { at });
                }
                self.recent = [last, Some(at)];
                extremes = Some(match extremes {
                    None => Extremes { lowest: low, highest: high },
                    Some(e) => Extremes {
                        lowest: if low.1 < e.lowest.1 { low } else { e.lowest },
                        highest: if high.1 > e.highest.1 { high } else { e.highest },
                    },
                });
                let mut proposal = h * factor.clamp(0.2, 5.0);
                if self.method == Method::Rodas4 && !clamped {
                    if self.last_h_s > 0.0 {
                        // h_new = h·min over the two controllers (the predictive one uses
                        // the trend of the last two errors).
                        let trend = 0.9 * (h / self.last_h_s) * (self.last_err / (err * err).max(1e-300)).sqrt().sqrt();
                        proposal = proposal.min(h * trend.clamp(0.2, 5.0));
                    }
                    self.last_h_s = h;
                    self.last_err = err.max(1e-2);
                }
                // A step cut short to land on the end says little about the next one:
                // keep the earlier proposal unless the error asks for less.
                self.h_next_s = match (clamped, factor < 1.0) {
                    (true, true) => self.h_next_s.min(proposal),
                    (true, false) => self.h_next_s,
                    (false, _) => proposal,
                };
            } else {
                rejected += 1;
                let shrink = if err.is_finite() && sys.admissible(&y_new) { factor.clamp(0.1, 0.5) } else { 0.25 };
                self.h_next_s = h * shrink;
                if self.h_next_s < 1e-15 {
                    return Err(IntegrationError::StepTooSmall { after_s: done_s });
                }
            }
            steps += 1;
        }
        // The window's times, from the end of this call.
        for p in self.recent.iter_mut().flatten() {
            p.0 -= done_s;
        }
        Ok(Run { done_s, steps, rejected, extremes })
    }

    /// One Rosenbrock step of size h: the new state and the scaled error norm.
    fn trial_step<S: StiffSystem>(&self, sys: &S, y: &Vector, h: f64, n: usize) -> (Vector, f64) {
        // W = I − h·d·J, made in place over J and factorised once for the three stages.
        let mut lu = Lu::over([[0.0; MAX_DIM]; MAX_DIM]);
        sys.jacobian(y, &mut lu.a);
        for (i, row) in lu.a.iter_mut().enumerate().take(n) {
            for x in &mut row[..n] {
                *x *= -h * D;
            }
            row[i] += 1.0;
        }
        if !lu.factor(n) {
            return ([f64::NAN; MAX_DIM], f64::INFINITY);
        }
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

/// Where the parabola through three accepted steps (t, v) turns, if the middle one is
/// a peak or a trough of the three: the top of a spike between steps, found to third
/// order in the step rather than at the nearest step's end.
fn turning_point(a: (f64, f64), b: (f64, f64), c: (f64, f64)) -> Option<(f64, f64)> {
    let is_turn = (b.1 >= a.1 && b.1 > c.1) || (b.1 <= a.1 && b.1 < c.1);
    if !(is_turn && a.0 < b.0 && b.0 < c.0) {
        return None;
    }
    // Newton's form: v(t) = v_a + ab·(t − t_a) + curvature·(t − t_a)(t − t_b), with
    // ab and bc the slopes between the points and curvature their divided difference.
    let (ab, bc) = ((b.1 - a.1) / (b.0 - a.0), (c.1 - b.1) / (c.0 - b.0));
    let curvature = (bc - ab) / (c.0 - a.0);
    if curvature == 0.0 {
        return None;
    }
    // v = v_b + m·(t − t_b) + curvature·(t − t_b)², with m the slope at t_b.
    let m = ab + curvature * (b.0 - a.0);
    let dt = -m / (2.0 * curvature);
    // The turn lies between a and c; anything else is rounding in a flat stretch.
    if !(a.0 - b.0..=c.0 - b.0).contains(&dt) {
        return None;
    }
    Some((b.0 + dt, b.1 + m * dt + curvature * dt * dt))
}

/// The Jacobian and the right-hand side at the start of a step.
struct AtStart {
    jacobian: Matrix,
    f: Vector,
}

/// RODAS4 (Hairer & Wanner, Solving ODEs II, 2nd ed., §VI.4, Table 4.3; the
/// coefficients of their code `rodas.f`): γ = 1/4; a stage is
/// (I/(hγ) − J)·kᵢ = f(y + Σ aᵢⱼkⱼ) + Σ (cᵢⱼ/h)·kⱼ. The fifth stage's state is the
/// embedded third-order solution, the sixth adds k₆ for the fourth-order one, so k₆ is
/// the error estimate.
const RODAS4_GAMMA: f64 = 0.25;
const RODAS4_A: [[f64; 4]; 4] = [
    [1.544, 0.0, 0.0, 0.0],
    [0.946_678_528_081_582_6, 0.255_701_169_898_328_4, 0.0, 0.0],
    [3.314_825_187_068_521, 2.896_124_015_972_201, 0.998_641_913_997_781_7, 0.0],
    [1.221_224_509_226_641, 6.019_134_481_288_629, 12.537_083_329_320_87, -0.687_886_036_105_895],
];
const RODAS4_C: [[f64; 5]; 5] = [
    [-5.6688, 0.0, 0.0, 0.0, 0.0],
    [-2.430_093_356_833_875, -0.206_359_915_709_191_5, 0.0, 0.0, 0.0],
    [-0.107_352_905_815_137_5, -9.594_562_251_023_355, -20.470_286_148_096_16, 0.0, 0.0],
    [7.496_443_313_967_647, -10.246_804_314_643_52, -33.999_903_528_199_05, 11.708_908_932_061_6, 0.0],
    [
        8.083_246_795_921_522,
        -7.981_132_988_064_893,
        -31.521_594_328_743_71,
        16.319_305_431_231_36,
        -6.058_818_238_834_054,
    ],
];

impl Rosenbrock {
    /// One RODAS4 step of size h: the new state and the scaled error norm.
    fn trial_step_rodas4<S: StiffSystem>(
        &self,
        sys: &S,
        y: &Vector,
        h: f64,
        n: usize,
        start: &mut Option<AtStart>,
    ) -> (Vector, f64) {
        // J and f at y: kept while steps from y are refused, which change only h.
        let at = start.get_or_insert_with(|| {
            let mut at = AtStart { jacobian: [[0.0; MAX_DIM]; MAX_DIM], f: [0.0; MAX_DIM] };
            sys.jacobian(y, &mut at.jacobian);
            sys.rhs(y, &mut at.f);
            at
        });
        // E = I/(hγ) − J, made in place over J and factorised once for the six stages.
        let mut lu = Bordered::over(at.jacobian);
        for (i, row) in lu.lu.a.iter_mut().enumerate().take(n) {
            for x in &mut row[..n] {
                *x = -*x;
            }
            row[i] += 1.0 / (h * RODAS4_GAMMA);
        }
        if !lu.factor(n, sys.diagonal_tail()) {
            return ([f64::NAN; MAX_DIM], f64::INFINITY);
        }
        let mut k = [[0.0; MAX_DIM]; 6];
        let mut f = at.f;
        let inv_h = 1.0 / h;
        k[0] = lu.solve(&f);
        let mut stage_y = *y;
        // The combinations run over every slot with every coefficient: the k not yet
        // computed are 0 and so are the slots beyond n, so the sums are those of the
        // stages, in the same order, and the fixed bounds let them vectorise.
        for s in 1..6 {
            // Stages 2–5 start from y; the sixth from the fifth stage's state.
            if s <= 4 {
                let a = &RODAS4_A[s - 1];
                for i in 0..MAX_DIM {
                    stage_y[i] = y[i] + (a[0] * k[0][i] + a[1] * k[1][i] + a[2] * k[2][i] + a[3] * k[3][i]);
                }
            } else {
                for i in 0..MAX_DIM {
                    stage_y[i] += k[4][i];
                }
            }
            sys.rhs(&stage_y, &mut f);
            let c = &RODAS4_C[s - 1];
            for i in 0..MAX_DIM {
                f[i] += (c[0] * k[0][i] + c[1] * k[1][i] + c[2] * k[2][i] + c[3] * k[3][i] + c[4] * k[4][i]) * inv_h;
            }
            k[s] = lu.solve(&f);
        }
        let mut y_new = stage_y;
        let mut err = 0.0_f64;
        for i in 0..n {
            y_new[i] += k[5][i];
            let scale = sys.atol(i) + self.rtol * y[i].abs().max(y_new[i].abs());
            err = err.max((k[5][i] / scale).abs());
        }

        if err.is_nan() {
            err = f64::INFINITY;
        }
        (y_new, err)
    }
}

/// E factorised with its diagonal tail eliminated first (a Schur complement): the
/// trailing `tail` unknowns xₜ appear in their own rows only beside x₀, so
/// xₜ = (rₜ − Eₜ₀·x₀)/Eₜₜ, and the leading m = n − tail unknowns solve
/// S·x = r − Σₜ E·ₜ·rₜ/Eₜₜ with S = E_lead − Σₜ E·ₜ·Eₜ₀/Eₜₜ (changing column 0 only).
/// Exactly Gaussian elimination with the tail's pivots taken first. E is written into
/// `lu.a` and stays there: the tail's rows and columns are read by `solve`.
struct Bordered {
    lu: Lu,
    n: usize,
    /// 1/Eₜₜ of the tail: a solve multiplies rather than divides (see `Lu::inv_diag`).
    inv_tail: Vector,
}

impl Bordered {
    /// Over the matrix to factorise.
    fn over(a: Matrix) -> Bordered {
        Bordered { lu: Lu::over(a), n: 0, inv_tail: [0.0; MAX_DIM] }
    }

    /// Factorise the n×n E in `lu.a`; false if it is singular.
    fn factor(&mut self, n: usize, tail: usize) -> bool {
        let m = n - tail.min(n.saturating_sub(1));
        self.n = n;
        let a = &mut self.lu.a;
        for t in m..n {
            debug_assert!((1..n).all(|j| j == t || a[t][j] == 0.0), "row {t} is not diagonal but for column 0");
            let (pivot, to_lead) = (a[t][t], a[t][0]);
            if pivot == 0.0 || !pivot.is_finite() {
                return false;
            }
            let inv = 1.0 / pivot;
            self.inv_tail[t] = inv;
            for row in a.iter_mut().take(m) {
                row[0] -= row[t] * to_lead * inv;
            }
        }
        self.lu.factor(m)
    }

    // Indexed loops under the bound MAX_DIM, as in `Lu::solve`.
    #[allow(clippy::needless_range_loop)]
    fn solve(&self, r: &Vector) -> Vector {
        let (m, n, a) = (self.lu.n.min(MAX_DIM), self.n.min(MAX_DIM), &self.lu.a);
        let mut x = *r;
        for t in m..n {
            let scaled = r[t] * self.inv_tail[t];
            for i in 0..m {
                x[i] -= a[i][t] * scaled;
            }
        }
        self.lu.solve_in_place(&mut x);
        for t in m..n {
            x[t] = (r[t] - a[t][0] * x[0]) * self.inv_tail[t];
        }
        x
    }
}

/// LU factorisation with partial pivoting of an n×n block.
struct Lu {
    a: Matrix,
    pivot: [usize; MAX_DIM],
    /// 1/Uₖₖ: the back substitution multiplies by it. A division's latency, in the chain
    /// of a substitution, was most of a solve's time (perf, issue #21).
    inv_diag: Vector,
    n: usize,
}

impl Lu {
    /// Over the matrix to factorise.
    fn over(a: Matrix) -> Lu {
        Lu { a, pivot: [0; MAX_DIM], inv_diag: [0.0; MAX_DIM], n: 0 }
    }

    /// Factorise the leading n×n block of `a` in place; false if it is singular. Rows
    /// are swapped only within that block, so columns beyond it keep their order.
    // Indexed loops under the bound MAX_DIM, as in `solve_in_place`: no index checks.
    #[allow(clippy::needless_range_loop)]
    fn factor(&mut self, n: usize) -> bool {
        let n = n.min(MAX_DIM);
        self.n = n;
        let a = &mut self.a;
        for k in 0..n {
            let mut p = k;
            for i in k + 1..n {
                if a[i][k].abs() > a[p][k].abs() {
                    p = i;
                }
            }
            if a[p][k] == 0.0 || !a[p][k].is_finite() {
                return false;
            }
            self.pivot[k] = p;
            if p != k {
                // Only within the block: `Bordered` reads the columns beyond it in the
                // rows' own order.
                for j in 0..n {
                    let t = a[k][j];
                    a[k][j] = a[p][j];
                    a[p][j] = t;
                }
            }
            let inv = 1.0 / a[k][k];
            self.inv_diag[k] = inv;
            let pivot_row = a[k];
            for i in k + 1..n {
                let m = a[i][k] * inv;
                a[i][k] = m;
                for j in k + 1..n {
                    a[i][j] -= m * pivot_row[j];
                }
            }
        }
        true
    }

    fn solve(&self, b: &Vector) -> Vector {
        let mut x = *b;
        self.solve_in_place(&mut x);
        x
    }

    // Indexed loops over one row and x: the bound n ≤ MAX_DIM lets every index check
    // go, which the zipped slices of different lengths did not (a sixth of a step).
    #[allow(clippy::needless_range_loop)]
    fn solve_in_place(&self, x: &mut Vector) {
        let n = self.n.min(MAX_DIM);
        for k in 0..n {
            let p = self.pivot[k];
            if p != k && p < MAX_DIM {
                x.swap(k, p);
            }
        }
        // Forward: L (unit diagonal, below it), then back: U. Column by column: once an
        // unknown is known it is taken out of all the rows still to solve, which are
        // independent of each other, so a substitution waits on one multiply-subtract
        // per unknown rather than on a row's whole sum (it is latency-bound at n ≤ 9).
        for j in 0..n {
            let xj = x[j];
            for i in j + 1..n {
                x[i] -= self.a[i][j] * xj;
            }
        }
        for j in (0..n).rev() {
            let xj = x[j] * self.inv_diag[j];
            x[j] = xj;
            for i in 0..j {
                x[i] -= self.a[i][j] * xj;
            }
        }
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
    fn the_bordered_solve_satisfies_its_system_when_the_lead_block_needs_row_swaps() {
        // Leading 3×3 block with a tiny first pivot (the factorisation swaps rows), and a
        // diagonal tail of two rows that couple to x₀ only; its columns are full.
        let mut e = [[0.0; MAX_DIM]; MAX_DIM];
        let lead = [[1e-3, 2.0, 0.5], [3.0, 1.0, -1.0], [0.5, -2.0, 4.0]];
        for (i, row) in lead.iter().enumerate() {
            e[i][..3].copy_from_slice(row);
            e[i][3] = 0.7 * (i as f64 + 1.0);
            e[i][4] = -0.3 * (i as f64 + 2.0);
        }
        e[3][0] = 1.5;
        e[3][3] = 5.0;
        e[4][0] = -2.5;
        e[4][4] = 3.0;
        let r: Vector = std::array::from_fn(|i| if i < 5 { 1.0 + i as f64 } else { 0.0 });
        let mut lu = Bordered::over(e);
        assert!(lu.factor(5, 2));
        let x = lu.solve(&r);
        // The residual E·x − r, computed from E as written (independent of the LU).
        for i in 0..5 {
            let ex: f64 = (0..5).map(|j| e[i][j] * x[j]).sum();
            assert!((ex - r[i]).abs() < 1e-12, "row {i}: {ex} vs {}", r[i]);
        }
        assert_ne!(lu.lu.pivot[0], 0, "the first pivot was swapped");
    }

    #[test]
    fn robertson_matches_the_reference_solution_and_conserves_mass() {
        let mut y = [0.0; MAX_DIM];
        y[0] = 1.0;
        let mut r = Rosenbrock::new(1e-7);
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
            let mut r = Rosenbrock::new(rtol);
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
        Rosenbrock::new(1e-7).integrate(&Relax, &mut c, 3600.0).unwrap();
        assert!((c[0] - 1.0).abs() < 1e-9);
    }
}
