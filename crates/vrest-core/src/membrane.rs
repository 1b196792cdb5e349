//! The coupled dynamic model: the voltage emerges from the ion currents, the pump and
//! the transporters.
//!
//! State: V (mV), the inside concentration of every ion (mM) and, with voltage-gated
//! channels, their gates m, h and n. The bath is fixed.
//!
//!   C·dV/dt      = −ΣI + I_stim                 (capacitor; 1000 converts V/s to mV/s)
//!   d[c_i]/dt    = −(A/W)·I_i/(z_i·F) − J_i     (I_i includes the pump's and the NCX's
//!                                                shares; J_i the KCC2's electroneutral flux)
//!   V            = F·(W/A)·(Σ z·c_i + q_X + q_stim)/C   (charge difference)
//!
//! q_X is the impermeant anions' charge, fixed at t = 0; q_stim the charge the stimuli
//! have injected. The pump carries 3 Na⁺ out and 2 K⁺ in per cycle (I_Na += 3·I_p,
//! I_K −= 2·I_p), the exchanger 3 Na⁺ in for 1 Ca²⁺ out (I_Na += 3·I_x, I_Ca −= 2·I_x),
//! KCC2 one K⁺ and one Cl⁻ together. doc/model.md gives the equations and sources.

use serde::Serialize;

use crate::constants::*;
use crate::error::{check, Arg, ModelError};
use crate::gates::{self, Kinetics};
use crate::integrator::{Extremes, Matrix, Method, Rosenbrock, StiffSystem, Vector, MAX_DIM};
use crate::parts::Transporter;
use crate::physics::{self, ghk_current_of, ghk_current_raw, ghk_current_slopes, ghk_unidirectional_raw, Sphere};
use crate::pump::{atp_boltzmann, cycle_boltzmann_of, sodium_saturation, stall_factor_of, PumpSide};
use crate::types::{Ion, Pump, Scenario};

/// Relative tolerance of the integrator. With it, a run made of 60 s steps and a
/// run made of 0.1 ms steps agree far inside the required 0.05 mV / 0.1 %
/// (tests/dynamics.rs measures it).
const RTOL: f64 = 1e-8;
/// With voltage-gated channels, taken by RODAS4: ten seconds of a neuron firing on its
/// own keeps every spike within 0.02 ms and 0.02 mV of a run 100 times tighter
/// (tests/firing.rs: 0.017 ms and 0.019 mV; at 1e-6 it was 0.012 ms and 0.009 mV for
/// a quarter more steps, since RODAS4's estimate is of its third-order solution while
/// it steps with the fourth).
const RTOL_GATED: f64 = 5e-6;
/// Noble's pacemaker: its period drifts with every error in the slow diastolic
/// depolarisation and the plateau near 0 mV, so a minute of beats needs this accuracy
/// to stay within 0.1 ms of a run 100 times tighter (tests/firing.rs: 0.06 ms; 6e-7
/// gives 0.08 ms for 3 % fewer steps, 1e-6 fails at 0.13 ms).
const RTOL_NOBLE: f64 = 5e-7;
const ATOL_V_MV: f64 = 1e-6;
const ATOL_C_MM: f64 = 1e-10;
/// Gates are fractions from 0 to 1.
const ATOL_GATE: f64 = 1e-6;
/// The gates m, h, n.
const N_GATES: usize = 3;
/// A gate may step this far outside 0..1 by rounding: far below any tolerance, and where
/// a gate's steady state rounds to exactly 0 or 1 (Noble's h at very negative V), a step
/// that lands a few ulps beyond would otherwise be refused again and again.
const GATE_ROUNDING: f64 = 1e-12;
/// `settled_voltages_at_k_out_mv` scans this range in these steps, then bisects to
/// 5 mV / 2⁹ ≈ 0.01 mV; a sweep restarts each search this far below the last answer.
const SETTLED_SCAN_MV: (f64, f64) = (-300.0, 200.0);
const SETTLED_SCAN_STEP_MV: f64 = 5.0;
const SETTLED_BISECTIONS: usize = 9;
const SETTLED_RESTART_BELOW_MV: f64 = 10.0;

/// The first crossing of `total` from inward (negative) to outward above `from`, bisected.
fn settled_from(from: f64, total: &mut impl FnMut(f64) -> f64) -> Option<f64> {
    let (mut lo, mut i_lo) = (from, total(from));
    while lo < SETTLED_SCAN_MV.1 {
        let mut hi = lo + SETTLED_SCAN_STEP_MV;
        let i_hi = total(hi);
        if i_lo < 0.0 && i_hi >= 0.0 {
            for _ in 0..SETTLED_BISECTIONS {
                let mid = 0.5 * (lo + hi);
                if total(mid) < 0.0 {
                    lo = mid;
                } else {
                    hi = mid;
                }
            }
            return Some(0.5 * (lo + hi));
        }
        (lo, i_lo) = (hi, i_hi);
    }
    None
}
/// Step budget of one `advance`: far beyond any day of a resting cell, and enough for
/// hours of firing.
const MAX_STEPS_PER_ADVANCE: u64 = 50_000_000;

/// The derived parameters the integrator evaluates: everything per-step is precomputed.
#[derive(Debug, Clone, PartialEq)]
struct System {
    n: usize,
    rt_f_mv: f64,
    /// −1000/C: mV/s per µA/cm² of outward current.
    dv_per_current: f64,
    /// (A/W)/F: mM/s per µA/cm² of a monovalent ion's current.
    dc_per_current: f64,
    charge: [i32; MAX_IONS],
    outside_mm: [f64; MAX_IONS],
    /// Leak permeabilities at this temperature.
    permeability: [f64; MAX_IONS],
    pump: Option<PumpSystem>,
    gates: Option<GateSystem>,
    kcc2: Option<PairSystem>,
    kh_exchanger: Option<PairSystem>,
    ncx: Option<NcxSystem>,
    proton_pump: Option<ProtonPumpSystem>,
    /// The H⁺ buffer. With it the state holds H⁺'s *total* (free plus bound since t = 0),
    /// T = H + (β/ln 10)·ln(H/H₀), so the charge it carries is counted exactly; `free`
    /// turns T back into free H⁺ for everything that reads a concentration.
    buffer: Option<Buffer>,
    /// The stimulus of the present stretch of time, µA/cm², positive depolarising.
    stim_ua_per_cm2: f64,
    clamp_mv: Option<f64>,
}

#[derive(Debug, Clone, Copy, PartialEq)]
struct PumpSystem {
    /// I_max·f·(K_o/(K_o+K_K))²·Q10 factor, zero when blocked: the part that does not
    /// change in time.
    scale_ua_per_cm2: f64,
    na_half_mm: f64,
    /// e^(ΔG_ATP/RT) at this temperature; None without ΔG_ATP (the pump never stalls).
    atp_boltzmann: Option<f64>,
    na: usize,
    k: usize,
}

#[derive(Debug, Clone, Copy, PartialEq)]
struct GateSystem {
    channels: Channels,
    /// The gates' rate factor φ at this temperature.
    phi: f64,
    na: usize,
    k: usize,
}

/// The voltage-gated channels, at this temperature.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Channels {
    /// Traub–Miles: gated permeabilities (GHK), cm/s.
    TraubMiles { na_max: f64, k_max: f64 },
    /// Noble (1962): ohmic conductances, mS/cm².
    Noble { na_max: f64, na_background: f64, k1: f64, k2_max: f64 },
}

impl GateSystem {
    fn kinetics(&self) -> Kinetics {
        match self.channels {
            Channels::TraubMiles { .. } => Kinetics::TraubMiles,
            Channels::Noble { .. } => Kinetics::Noble1962,
        }
    }
}

/// Noble's ohmic channels at one state: each ion's conductance and reversal.
#[derive(Debug, Clone, Copy)]
struct Ohmic {
    na: usize,
    k: usize,
    g_na: f64,
    g_k: f64,
    e_na: f64,
    e_k: f64,
}

/// The cytosol's H⁺ buffer with a constant buffering power.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Buffer {
    /// H⁺'s index among the ions.
    h: usize,
    /// β/ln 10: mM bound per unit of ln H.
    beta: f64,
    /// Free H⁺ at t = 0, where T = H.
    h0_mm: f64,
}

impl Buffer {
    /// Free H⁺ for a total T: the root of H + β·ln(H/H₀) = T, in u = ln H, by Newton's
    /// method kept inside a bracket that shrinks with each step (a bisection where a
    /// Newton step would leave it). For T ≥ H₀ the root lies in [ln H₀, ln T]; below,
    /// in [ln H₀ + (T − H₀)/β, ln H₀]. Hand-written: no crate offers this one-line
    /// inverse, and a general root finder would cost more bundle than it saves.
    fn free_mm(&self, total_mm: f64) -> f64 {
        let ln_h0 = self.h0_mm.ln();
        let f = |u: f64| u.exp() + self.beta * (u - ln_h0) - total_mm;
        let (mut lo, mut hi) = if total_mm >= self.h0_mm {
            (ln_h0, total_mm.ln())
        } else {
            (ln_h0 + (total_mm - self.h0_mm) / self.beta, ln_h0)
        };
        // max/min rather than clamp: a NaN total gives a NaN, not a panic.
        let mut u = (ln_h0 + (total_mm - self.h0_mm) / self.beta).max(lo).min(hi);
        for _ in 0..100 {
            let fu = f(u);
            if fu > 0.0 {
                hi = u;
            } else {
                lo = u;
            }
            let newton = u - fu / (u.exp() + self.beta);
            let next = if newton > lo && newton < hi { newton } else { 0.5 * (lo + hi) };
            if (next - u).abs() <= 4.0 * f64::EPSILON * u.abs().max(1.0) || hi - lo <= f64::EPSILON * hi.abs() {
                u = next;
                break;
            }
            u = next;
        }
        u.exp()
    }

    /// The total for a free H⁺ (the inverse of `free_mm`).
    fn total_mm(&self, free_mm: f64) -> f64 {
        free_mm + self.beta * (free_mm / self.h0_mm).ln()
    }
}

/// An electroneutral transporter moving one ion `a` out together with one ion `b`
/// (KCC2: K⁺ and Cl⁻ out together) or against it (the K⁺/H⁺ exchanger: K⁺ out, H⁺ in),
/// at J = U·ln((a_i/a_o)·(b_i/b_o)^s), s = +1 together and −1 against: zero where the
/// two ions' gradients balance.
#[derive(Debug, Clone, Copy, PartialEq)]
struct PairSystem {
    rate_mm_per_s: f64,
    a: usize,
    b: usize,
    /// +1: b moves with a; −1: b moves the other way.
    same_way: f64,
}

impl PairSystem {
    /// The flux of `a` out (mM/s) and its slopes ∂J/∂a_i and ∂J/∂b_i.
    fn flux(&self, sys: &System, y: &Vector) -> (f64, f64, f64) {
        let (a_i, b_i) = (y[1 + self.a], y[1 + self.b]);
        let b_ratio = b_i / sys.outside_mm[self.b];
        let ratio = (a_i / sys.outside_mm[self.a]) * if self.same_way > 0.0 { b_ratio } else { 1.0 / b_ratio };
        let u = self.rate_mm_per_s;
        (u * ratio.ln(), u / a_i, self.same_way * u / b_i)
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
struct NcxSystem {
    k_ua_per_cm2: f64,
    na: usize,
    ca: usize,
}

#[derive(Debug, Clone, Copy, PartialEq)]
struct ProtonPumpSystem {
    pump: crate::types::ProtonPump,
    /// I_max at this temperature.
    scale_ua_per_cm2: f64,
    h: usize,
}

/// Slopes of each ion's current with respect to every state component.
type CurrentSlopes = [[f64; MAX_DIM]; MAX_IONS];

impl PumpSystem {
    /// The pump's net current at state y and, with `slopes`, its partial derivatives
    /// (∂/∂V, ∂/∂Na_i, ∂/∂K_i). `exp_minus_v` is e^(−V/(RT/F)) if already known.
    #[inline]
    fn current(&self, sys: &System, y: &Vector, exp_minus_v: Option<f64>) -> (f64, [f64; 3]) {
        let (na_i, k_i) = (y[1 + self.na], y[1 + self.k]);
        let (sat, d_sat) = sodium_saturation(na_i, self.na_half_mm);
        let base = self.scale_ua_per_cm2 * sat;
        let side = PumpSide {
            na_in_mm: na_i,
            na_out_mm: sys.outside_mm[self.na],
            k_in_mm: k_i,
            k_out_mm: sys.outside_mm[self.k],
            voltage_mv: y[0],
            rt_f_mv: sys.rt_f_mv,
        };
        let exp_minus_v = || exp_minus_v.unwrap_or_else(|| (-y[0] / sys.rt_f_mv).exp());
        match self.atp_boltzmann.map(|atp| cycle_boltzmann_of(atp, exp_minus_v(), &side)) {
            None => (base, [0.0, self.scale_ua_per_cm2 * d_sat, 0.0]),
            // Blocked, or no Na⁺ inside: no current (the slopes at that edge are left out).
            Some((e, ..)) if e.is_nan() || base == 0.0 => (0.0, [0.0; 3]),
            Some((e, x_v, x_na, x_k)) => {
                let (f, df) = stall_factor_of(e);
                // A slope times an infinite ∂x (a concentration at 0) where df is 0 is 0.
                let times = |a: f64, b: f64| if a == 0.0 { 0.0 } else { a * b };
                let d_na = self.scale_ua_per_cm2 * d_sat * f + times(base * df, x_na);
                (base * f, [times(base * df, x_v), d_na, times(base * df, x_k)])
            }
        }
    }
}

impl Channels {
    /// The cell's voltage-gated channels, their maxima scaled by the leaks' Q10 factor;
    /// validation allows one set at most.
    fn of(s: &Scenario, leak_q: f64) -> Option<Channels> {
        s.gates
            .map(|g| Channels::TraubMiles {
                na_max: g.na_max_permeability_cm_per_s * leak_q,
                k_max: g.k_max_permeability_cm_per_s * leak_q,
            })
            .or(s.noble.map(|g| Channels::Noble {
                na_max: g.na_max_ms_per_cm2 * leak_q,
                na_background: g.na_background_ms_per_cm2 * leak_q,
                k1: g.k1_ms_per_cm2 * leak_q,
                k2_max: g.k2_max_ms_per_cm2 * leak_q,
            }))
    }
}

impl System {
    fn new(s: &Scenario) -> System {
        let n = s.ions.len();
        let t = s.temperature_c;
        let factor = |pick: fn(&crate::types::Q10) -> f64| s.q10.map_or(1.0, |q| q.factor(pick(&q), t));
        let (leak_q, pump_q, gate_q) = (factor(|q| q.leaks), factor(|q| q.pumps), factor(|q| q.gates));
        let mut charge = [1; MAX_IONS];
        let mut outside_mm = [0.0; MAX_IONS];
        let mut permeability = [0.0; MAX_IONS];
        for (i, ion) in s.ions.iter().enumerate() {
            charge[i] = ion.charge;
            outside_mm[i] = ion.outside_mm;
            permeability[i] = ion.permeability_cm_per_s * leak_q;
        }
        let na = s.ion_index(SODIUM_NAME);
        let k = s.ion_index(POTASSIUM_NAME);
        let pump = s.pump.as_ref().and_then(|p| {
            let (na, k) = (na?, k?);
            Some(PumpSystem {
                scale_ua_per_cm2: p.scale_ua_per_cm2(outside_mm[k]) * pump_q,
                na_half_mm: p.na_half_mm,
                atp_boltzmann: p
                    .atp_free_energy_kj_per_mol
                    .map(|atp| atp_boltzmann(atp, physics::thermal_voltage_mv(t))),
                na,
                k,
            })
        });
        let gates =
            Channels::of(s, leak_q).and_then(|channels| Some(GateSystem { channels, phi: gate_q, na: na?, k: k? }));
        // KCC2 moves K⁺ and Cl⁻ the same way; the K⁺/H⁺ exchanger, K⁺ against H⁺.
        let pair = |rate_mm_per_s: f64, b: &str, same_way: f64| {
            Some(PairSystem { rate_mm_per_s: rate_mm_per_s * pump_q, a: k?, b: s.ion_index(b)?, same_way })
        };
        let kcc2 = s.kcc2.and_then(|c| pair(c.rate_mm_per_s, CHLORIDE_NAME, 1.0));
        let kh_exchanger = s.kh_exchanger.and_then(|x| pair(x.rate_mm_per_s, PROTON_NAME, -1.0));
        let ncx = s.ncx.and_then(|x| {
            Some(NcxSystem { k_ua_per_cm2: x.max_current_ua_per_cm2 * pump_q, na: na?, ca: s.ion_index(CALCIUM_NAME)? })
        });
        let proton_pump = s.proton_pump.and_then(|p| {
            Some(ProtonPumpSystem {
                pump: p,
                scale_ua_per_cm2: p.max_current_ua_per_cm2 * pump_q,
                h: s.ion_index(PROTON_NAME)?,
            })
        });
        let sphere = Sphere { radius_um: s.cell.radius_um };
        System {
            n,
            rt_f_mv: physics::thermal_voltage_mv(t),
            dv_per_current: -1e3 / s.cell.capacitance_uf_per_cm2,
            dc_per_current: sphere.area_per_volume_per_cm() / FARADAY_C_PER_MOL,
            charge,
            outside_mm,
            permeability,
            pump,
            gates,
            kcc2,
            kh_exchanger,
            buffer: s.ph_buffer_mm_per_ph.and_then(|b| {
                let h = s.ion_index(PROTON_NAME)?;
                Some(Buffer { h, beta: b / std::f64::consts::LN_10, h0_mm: s.ions[h].inside_mm })
            }),
            ncx,
            proton_pump,
            stim_ua_per_cm2: 0.0,
            clamp_mv: s.clamp_mv,
        }
    }

    /// Index in y of the first gate (m, then h, then n).
    fn gate_base(&self) -> usize {
        1 + self.n
    }

    /// Each ion's channel permeability at state y: leak plus gated (Traub–Miles; Noble's
    /// ohmic channels are not permeabilities, see `ohmic`).
    fn permeabilities(&self, y: &Vector) -> [f64; MAX_IONS] {
        let mut p = self.permeability;
        if let Some(GateSystem { channels: Channels::TraubMiles { na_max, k_max }, na, k, .. }) = self.gates {
            let b = self.gate_base();
            let (m, h, n) = (y[b], y[b + 1], y[b + 2]);
            p[na] += na_max * m * m * m * h;
            p[k] += k_max * n * n * n * n;
        }
        p
    }

    /// Noble's channels at state y, if the cell has them.
    fn ohmic(&self, y: &Vector) -> Option<Ohmic> {
        let GateSystem { channels: Channels::Noble { na_max, na_background, k1, k2_max }, na, k, .. } = self.gates?
        else {
            return None;
        };
        let b = self.gate_base();
        let (m, h, n) = (y[b], y[b + 1], y[b + 2]);
        Some(Ohmic {
            na,
            k,
            g_na: na_max * m * m * m * h + na_background,
            g_k: k1 * gates::noble_k1_shape(y[0]).0 + k2_max * n * n * n * n,
            e_na: self.nernst_mv(na, y),
            e_k: self.nernst_mv(k, y),
        })
    }

    /// Nernst for Noble's cations at state y; a concentration at 0 is held at a
    /// femtomolar so E stays finite.
    fn nernst_mv(&self, i: usize, y: &Vector) -> f64 {
        self.rt_f_mv * (self.outside_mm[i].max(1e-12) / y[1 + i].max(1e-12)).ln()
    }

    /// The GHK permeability of ion `i` that carries the current of an ohmic conductance
    /// `g` (mS/cm²) with reversal `e` at state y (at E, the ratio of the slopes), so the
    /// ohmic channels' fluxes read as GHK ones; 0 where it is not a finite positive number.
    fn equivalent_permeability(&self, i: usize, g: f64, e: f64, y: &Vector) -> f64 {
        let (v, rt_f) = (y[0], self.rt_f_mv);
        let (c_i, c_o) = (y[1 + i], self.outside_mm[i]);
        let p = if (v - e).abs() > 1e-6 {
            g * (v - e) / ghk_current_raw(1.0, self.charge[i], c_i, c_o, v, rt_f)
        } else {
            g / ghk_current_slopes(1.0, self.charge[i], c_i, c_o, v, rt_f).0
        };
        if p.is_finite() {
            p.max(0.0)
        } else {
            0.0
        }
    }

    /// Each ion's total current (channels plus its shares of the pump and the exchanger),
    /// µA/cm², outward positive; with `slopes`, also every ∂I_i/∂y_j.
    fn currents(&self, y: &Vector, mut slopes: Option<&mut CurrentSlopes>) -> [f64; MAX_IONS] {
        let v = y[0];
        let p = self.permeabilities(y);
        let mut out = [0.0; MAX_IONS];
        // (A(w), B(w), e^(−w)) at z = +1, shared by every monovalent ion (z = −1 swaps
        // A and B) and by the pump's free energy.
        let mut monovalent: Option<(f64, f64, f64)> = None;
        for i in 0..self.n {
            let (z, c_i, c_o) = (self.charge[i], y[1 + i], self.outside_mm[i]);
            out[i] = match z {
                _ if p[i] == 0.0 => 0.0,
                1 | -1 => {
                    let (a, b, _) =
                        *monovalent.get_or_insert_with(|| physics::efflux_factors_and_exp(v / self.rt_f_mv));
                    ghk_current_of(p[i], z, c_i, c_o, if z == 1 { (a, b) } else { (b, a) })
                }
                _ => ghk_current_raw(p[i], z, c_i, c_o, v, self.rt_f_mv),
            };
            if let Some(d) = slopes.as_deref_mut() {
                let (g_v, g_c) = ghk_current_slopes(p[i], z, c_i, c_o, v, self.rt_f_mv);
                d[i][0] += g_v;
                d[i][1 + i] += g_c;
            }
        }
        if let (Some(GateSystem { channels: Channels::TraubMiles { na_max, k_max }, na, k, .. }), Some(d)) =
            (self.gates, slopes.as_deref_mut())
        {
            // The current is linear in P: ∂I/∂gate = I(P = 1)·∂P/∂gate.
            let b = self.gate_base();
            let (m, h, n) = (y[b], y[b + 1], y[b + 2]);
            let unit = |i: usize| ghk_current_raw(1.0, self.charge[i], y[1 + i], self.outside_mm[i], v, self.rt_f_mv);
            let (u_na, u_k) = (unit(na), unit(k));
            d[na][b] += u_na * na_max * 3.0 * m * m * h;
            d[na][b + 1] += u_na * na_max * m * m * m;
            d[k][b + 2] += u_k * k_max * 4.0 * n * n * n;
        }
        if let Some(o) = self.ohmic(y) {
            out[o.na] += o.g_na * (v - o.e_na);
            out[o.k] += o.g_k * (v - o.e_k);
            if let (Some(d), Some(Channels::Noble { na_max, k1, k2_max, .. })) =
                (slopes.as_deref_mut(), self.gates.map(|g| g.channels))
            {
                let b = self.gate_base();
                let (m, h, n) = (y[b], y[b + 1], y[b + 2]);
                // ∂E/∂c_in = −(RT/F)/c_in for a cation.
                d[o.na][0] += o.g_na;
                d[o.na][1 + o.na] += o.g_na * self.rt_f_mv / y[1 + o.na].max(1e-12);
                d[o.na][b] += na_max * 3.0 * m * m * h * (v - o.e_na);
                d[o.na][b + 1] += na_max * m * m * m * (v - o.e_na);
                d[o.k][0] += o.g_k + k1 * gates::noble_k1_shape(v).1 * (v - o.e_k);
                d[o.k][1 + o.k] += o.g_k * self.rt_f_mv / y[1 + o.k].max(1e-12);
                d[o.k][b + 2] += k2_max * 4.0 * n * n * n * (v - o.e_k);
            }
        }
        if let Some(pump) = &self.pump {
            let (ip, [d_v, d_na, d_k]) = pump.current(self, y, monovalent.map(|m| m.2));
            out[pump.na] += PUMP_NA_PER_CYCLE * ip;
            out[pump.k] -= PUMP_K_PER_CYCLE * ip;
            if let Some(d) = slopes.as_deref_mut() {
                for (row, share) in [(pump.na, PUMP_NA_PER_CYCLE), (pump.k, -PUMP_K_PER_CYCLE)] {
                    d[row][0] += share * d_v;
                    d[row][1 + pump.na] += share * d_na;
                    d[row][1 + pump.k] += share * d_k;
                }
            }
        }
        if let Some(x) = &self.ncx {
            let (na_o, ca_o) = (self.outside_mm[x.na], self.outside_mm[x.ca]);
            let (ix, d_v, d_na, d_ca) =
                crate::ncx::current(x.k_ua_per_cm2, y[1 + x.na], na_o, y[1 + x.ca], ca_o, v, self.rt_f_mv);
            out[x.na] += NCX_NA_PER_CYCLE * ix;
            out[x.ca] -= NCX_CA_CHARGE_PER_CYCLE * ix;
            if let Some(d) = slopes.as_deref_mut() {
                for (row, share) in [(x.na, NCX_NA_PER_CYCLE), (x.ca, -NCX_CA_CHARGE_PER_CYCLE)] {
                    d[row][0] += share * d_v;
                    d[row][1 + x.na] += share * d_na;
                    d[row][1 + x.ca] += share * d_ca;
                }
            }
        }
        if let Some(p) = &self.proton_pump {
            let (i, d_v, d_h) = crate::proton_pump::current(
                &p.pump,
                p.scale_ua_per_cm2,
                y[1 + p.h],
                self.outside_mm[p.h],
                v,
                self.rt_f_mv,
            );
            out[p.h] += i;
            if let Some(d) = slopes {
                d[p.h][0] += d_v;
                d[p.h][1 + p.h] += d_h;
            }
        }
        out
    }

    /// dy/dt with every H⁺ that crosses counted as free (before the buffer takes its share).
    fn rhs_free(&self, y: &Vector, f: &mut Vector) {
        let currents = self.currents(y, None);
        let total: f64 = currents[..self.n].iter().sum();
        f[0] = if self.clamp_mv.is_some() { 0.0 } else { self.dv_per_current * (total - self.stim_ua_per_cm2) };
        for i in 0..self.n {
            f[1 + i] = -self.dc_per_current * currents[i] / f64::from(self.charge[i]);
        }
        for p in self.pairs() {
            let (j, ..) = p.flux(self, y);
            f[1 + p.a] -= j;
            f[1 + p.b] -= p.same_way * j;
        }
        if let Some(g) = &self.gates {
            let b = self.gate_base();
            let v = y[0];
            for (k, rates) in g.kinetics().rates_only(v).iter().enumerate() {
                f[b + k] = gates::rate_per_s(rates, y[b + k], g.phi);
            }
        }
    }

    /// The state with free H⁺ in place of its buffered total (the state itself without
    /// a buffer): what every concentration-reading function takes.
    #[inline]
    fn free(&self, y: &Vector) -> Vector {
        let mut out = *y;
        if let Some(b) = self.buffer {
            out[1 + b.h] = b.free_mm(y[1 + b.h]);
        }
        out
    }

    /// The electroneutral transporters present: KCC2, then the K⁺/H⁺ exchanger.
    fn pairs(&self) -> impl Iterator<Item = PairSystem> {
        self.kcc2.into_iter().chain(self.kh_exchanger)
    }
}

impl StiffSystem for System {
    fn dim(&self) -> usize {
        self.n + 1 + if self.gates.is_some() { N_GATES } else { 0 }
    }

    /// The gates: each one's rate depends on V and itself only (`jacobian`).
    fn diagonal_tail(&self) -> usize {
        if self.gates.is_some() {
            N_GATES
        } else {
            0
        }
    }

    fn rhs(&self, y: &Vector, f: &mut Vector) {
        // With a buffer, dT/dt is the net H⁺ flux: the free-H⁺ right-hand side as it is.
        let free;
        self.rhs_free(
            if self.buffer.is_some() {
                free = self.free(y);
                &free
            } else {
                y
            },
            f,
        );
    }
    fn jacobian(&self, y: &Vector, j: &mut Matrix) {
        let free;
        let y = if self.buffer.is_some() {
            free = self.free(y);
            &free
        } else {
            y
        };
        let (n, dim) = (self.n, self.dim());
        *j = [[0.0; MAX_DIM]; MAX_DIM];
        let mut d = [[0.0; MAX_DIM]; MAX_IONS];
        self.currents(y, Some(&mut d));
        // Whole rows: the slopes beyond `dim` are 0, and fixed bounds drop the checks.
        for (i, slopes) in d.iter().enumerate().take(n.min(MAX_IONS)) {
            let k = -self.dc_per_current / f64::from(self.charge[i]);
            for col in 0..MAX_DIM {
                j[1 + i][col] = k * slopes[col];
                j[0][col] += self.dv_per_current * slopes[col];
            }
        }
        for p in self.pairs() {
            let (_, d_a, d_b) = p.flux(self, y);
            for (row, share) in [(p.a, 1.0), (p.b, p.same_way)] {
                j[1 + row][1 + p.a] -= share * d_a;
                j[1 + row][1 + p.b] -= share * d_b;
            }
        }
        if let Some(g) = &self.gates {
            let b = self.gate_base();
            let v = y[0];
            for (k, r) in g.kinetics().rates(v).iter().enumerate() {
                let x = y[b + k];
                j[b + k][0] = 1e3 * g.phi * (r.d_alpha * (1.0 - x) - r.d_beta * x);
                j[b + k][b + k] = -1e3 * g.phi * (r.alpha + r.beta);
            }
        }
        if let Some(b) = self.buffer {
            // Everything reads free H⁺: ∂/∂T = ∂/∂H · dH/dT, dH/dT = 1/(1 + β/H).
            let col = 1 + b.h;
            let dh_dt = 1.0 / (1.0 + b.beta / y[col]);
            for row in j.iter_mut().take(dim) {
                row[col] *= dh_dt;
            }
        }
        if self.clamp_mv.is_some() {
            j[0][..dim].fill(0.0);
        }
    }

    fn admissible(&self, y: &Vector) -> bool {
        let b = self.gate_base();
        let free;
        let y = if self.buffer.is_some() {
            free = self.free(y);
            &free
        } else {
            y
        };
        y[1..=self.n].iter().all(|&c| c >= 0.0)
            && (self.gates.is_none()
                || y[b..b + N_GATES].iter().all(|&x| (-GATE_ROUNDING..=1.0 + GATE_ROUNDING).contains(&x)))
    }

    fn atol(&self, i: usize) -> f64 {
        if i == 0 {
            ATOL_V_MV
        } else if i <= self.n {
            ATOL_C_MM
        } else {
            ATOL_GATE
        }
    }
}

/// The running membrane: parameters, state and integrator. Cloning it is a snapshot.
#[derive(Debug, Clone, PartialEq)]
pub struct Membrane {
    /// Parameters. Its `ions[].inside_mm` and `initial_voltage_mv` are the t = 0 values.
    scenario: Scenario,
    sys: System,
    /// y[0] = V in mV, y[1 + i] = inside concentration of ion i in mM (buffered H⁺: its
    /// total), then the gates.
    y: Vector,
    /// y with free H⁺ in place of its total: what the accessors read.
    free: Vector,
    t_s: f64,
    /// q_X: the impermeant anions' charge, in mM of elementary charges (negative).
    fixed_charge_mm: f64,
    /// q_stim: the charge the stimuli have injected so far, mM of elementary charges.
    injected_mm: f64,
    /// mV per mM of net charge: V = volts_per_mm·(Σz·c + q_X + q_stim).
    mv_per_mm: f64,
    stepper: Rosenbrock,
}

impl Membrane {
    /// Start the model from a scenario: V(0) = `initial_voltage_mv` (or the clamp), q_X
    /// set from that voltage and the initial concentrations, and the gates (if any) open
    /// as they would be after a long time at that voltage.
    pub fn new(scenario: &Scenario) -> Result<Membrane, ModelError> {
        scenario.validate()?;
        let sys = System::new(scenario);
        let mut y = [0.0; MAX_DIM];
        y[0] = scenario.initial_voltage_mv;
        for (i, ion) in scenario.ions.iter().enumerate() {
            y[1 + i] = ion.inside_mm;
        }
        let mv_per_mm = mv_per_mm(scenario);
        let fixed_charge_mm = scenario.initial_voltage_mv / mv_per_mm - net_charge_mm(scenario, &y);
        if let Some(v) = scenario.clamp_mv {
            y[0] = v;
        }
        if let Some(g) = &sys.gates {
            let b = sys.gate_base();
            let open = g.kinetics().steady(y[0]);
            y[b..b + N_GATES].copy_from_slice(&open);
        }
        // A resting cell moves slowly: the cheap steps of the 2(3) pair. A firing one
        // turns quickly at every spike: RODAS4's long steps.
        let (rtol, method) = match sys.gates.map(|g| g.channels) {
            None => (RTOL, Method::Ros23),
            Some(Channels::Noble { .. }) => (RTOL_NOBLE, Method::Rodas4),
            Some(Channels::TraubMiles { .. }) => (RTOL_GATED, Method::Rodas4),
        };
        let mut m = Membrane {
            scenario: scenario.clone(),
            free: sys.free(&y),
            sys,
            y,
            t_s: 0.0,
            fixed_charge_mm,
            injected_mm: 0.0,
            mv_per_mm,
            stepper: Rosenbrock::with_method(rtol, method),
        };
        m.sys.stim_ua_per_cm2 = m.stimulus_at(0.0);
        Ok(m)
    }

    /// The stimulus (µA/cm², positive depolarising) in force just after time `t_s`.
    fn stimulus_at(&self, t_s: f64) -> f64 {
        self.scenario
            .stimuli
            .iter()
            .filter(|p| p.start_s <= t_s && t_s < p.start_s + p.duration_s)
            .map(|p| p.amplitude_ua_per_cm2)
            .sum()
    }

    /// The first pulse edge (a start or an end) after `t_s`, if any.
    fn next_edge_after(&self, t_s: f64) -> Option<f64> {
        self.scenario
            .stimuli
            .iter()
            .flat_map(|p| [p.start_s, p.start_s + p.duration_s])
            .filter(|&e| e > t_s)
            .min_by(f64::total_cmp)
    }

    /// Every pulse edge (starts and ends) from 0 to `until_s`, in order.
    pub fn stimulus_edges_s(&self, until_s: f64) -> Vec<f64> {
        let mut edges: Vec<f64> = self
            .scenario
            .stimuli
            .iter()
            .flat_map(|p| [p.start_s, p.start_s + p.duration_s])
            .filter(|&e| e <= until_s)
            .collect();
        crate::sort::heapsort_by(&mut edges, |a, b| a.total_cmp(b).is_lt());
        edges.dedup();
        edges
    }

    /// Advance the model by `dt_s` of model time, from 1 µs to a day, in the adaptive
    /// steps it needs, landing exactly on every pulse edge in between. On error the
    /// state is unchanged.
    pub fn advance(&mut self, dt_s: f64) -> Result<(), ModelError> {
        let covered = self.advance_within(dt_s, u64::MAX)?.covered_s;
        if covered < dt_s {
            return Err(ModelError::new("dt_s", "error-model-too-many-steps"));
        }
        Ok(())
    }

    /// Advance by up to `dt_s` of model time in at most `max_steps` integrator steps
    /// (the page's budget per frame). Returns the model time covered — `dt_s` unless the
    /// steps ran out first, as they do for a cell that fires many spikes — and where V
    /// went lowest and highest on the way. Nothing is skipped: the time not covered is
    /// simply not run. On error nothing changes.
    pub fn advance_within(&mut self, dt_s: f64, max_steps: u64) -> Result<Advanced, ModelError> {
        self.advance_observed(dt_s, max_steps, |_, _| {})
    }

    /// As [`Self::advance_within`], calling `observe(t_s, v_mv)` at every accepted
    /// integrator step: the model's own trajectory, for finding a spike's crossing time
    /// and peak between frames or samples.
    pub fn advance_observed(
        &mut self,
        dt_s: f64,
        max_steps: u64,
        mut observe: impl FnMut(f64, f64),
    ) -> Result<Advanced, ModelError> {
        check("dt_s", &ADVANCE_DT_S, dt_s)?;
        let mut next = self.clone();
        let end = self.t_s + dt_s;
        let mut budget = max_steps;
        let mut rejected = 0;
        // The last advance may have ended exactly on a pulse edge.
        let stim = next.stimulus_at(next.t_s);
        if stim != next.sys.stim_ua_per_cm2 {
            next.sys.stim_ua_per_cm2 = stim;
            next.stepper.restart();
        }
        let mut seen: Option<Extremes> = None;
        let mut note = |e: Option<Extremes>, t0: f64| {
            if let Some(e) = e {
                let (lo, hi) = ((t0 + e.lowest.0, e.lowest.1), (t0 + e.highest.0, e.highest.1));
                seen = Some(match seen {
                    None => Extremes { lowest: lo, highest: hi },
                    Some(s) => Extremes {
                        lowest: if lo.1 < s.lowest.1 { lo } else { s.lowest },
                        highest: if hi.1 > s.highest.1 { hi } else { s.highest },
                    },
                });
            }
        };
        let fail = crate::integrator::IntegrationError::into_model_error;
        loop {
            let stop = next.next_edge_after(next.t_s).filter(|&e| e < end).unwrap_or(end);
            let span = stop - next.t_s;
            if span > 0.0 {
                let limit = budget.min(MAX_STEPS_PER_ADVANCE);
                let t0 = next.t_s;
                let run = next
                    .stepper
                    .integrate_observed(&next.sys, &mut next.y, span, limit, &mut |t, y: &Vector| observe(t0 + t, y[0]))
                    .map_err(fail)?;
                let (covered, used) = (run.done_s, run.steps);
                rejected += run.rejected;
                note(run.extremes, next.t_s);
                next.injected_mm += next.sys.dc_per_current * next.sys.stim_ua_per_cm2 * covered;
                budget = budget.saturating_sub(used);
                if covered < span {
                    if budget > 0 {
                        return Err(fail(crate::integrator::IntegrationError::TooManySteps {
                            steps: MAX_STEPS_PER_ADVANCE,
                            duration_s: dt_s,
                        }));
                    }
                    next.t_s += covered;
                    next.free = next.sys.free(&next.y);
                    let done = next.t_s - self.t_s;
                    *self = next;
                    return Ok(Advanced { covered_s: done, extremes: seen, steps: max_steps - budget, rejected });
                }
            }
            next.t_s = stop;
            if stop >= end {
                break;
            }
            // A pulse starts or ends here: the right-hand side jumps.
            next.sys.stim_ua_per_cm2 = next.stimulus_at(stop);
            next.stepper.restart();
        }
        next.t_s = end;
        next.free = next.sys.free(&next.y);
        *self = next;
        Ok(Advanced { covered_s: dt_s, extremes: seen, steps: max_steps - budget, rejected })
    }

    /// Advance to model time `t_s` exactly (the next sample of `vrest simulate`).
    pub fn advance_to(&mut self, t_s: f64) -> Result<(), ModelError> {
        if !(t_s.is_finite() && t_s >= self.t_s) {
            return Err(ModelError::new("t_s", "error-model-time-before")
                .with("now", Arg::Number(self.t_s))
                .with("got", Arg::Number(t_s)));
        }
        while self.t_s < t_s {
            let dt = (t_s - self.t_s).min(ADVANCE_DT_S.max);
            self.advance(dt)?;
            if t_s - self.t_s < 1e-12 * t_s.max(1.0) {
                self.t_s = t_s;
            }
        }
        Ok(())
    }

    pub fn time_s(&self) -> f64 {
        self.t_s
    }
    pub fn voltage_mv(&self) -> f64 {
        self.free[0]
    }
    pub fn inside_mm(&self) -> &[f64] {
        &self.free[1..=self.sys.n]
    }
    /// The gates (m, h, n), with voltage-gated channels.
    pub fn gates(&self) -> Option<[f64; 3]> {
        let b = self.sys.gate_base();
        self.sys.gates.map(|_| [self.free[b], self.free[b + 1], self.free[b + 2]])
    }
    pub fn scenario(&self) -> &Scenario {
        &self.scenario
    }
    pub fn fixed_charge_mm(&self) -> f64 {
        self.fixed_charge_mm
    }
    /// The charge the stimuli have injected, in mM of elementary charges.
    pub fn injected_charge_mm(&self) -> f64 {
        self.injected_mm
    }

    /// The integrator's relative tolerance: 1e-8 for a resting cell, 1e-6 with
    /// Traub–Miles channels, 5e-7 with Noble's.
    pub fn relative_tolerance(&self) -> f64 {
        self.stepper.rtol
    }

    /// Change the integrator's relative tolerance. The accuracy tests build their tight
    /// reference runs with 1e-11.
    pub fn set_relative_tolerance(&mut self, rtol: f64) -> Result<(), ModelError> {
        check("rtol", &crate::constants::Range::closed(1e-13, 1e-3, ""), rtol)?;
        self.stepper.rtol = rtol;
        Ok(())
    }

    /// The voltage the charge inside implies: V = (W/A)·F·(Σ z·c + q_X + q_stim)/C.
    /// Unclamped, it equals the integrated voltage to rounding (an invariant the tests
    /// check); under a clamp the difference is the charge the clamp injected.
    pub fn charge_difference_voltage_mv(&self) -> f64 {
        self.mv_per_mm * (net_charge_mm(&self.scenario, &self.y) + self.fixed_charge_mm + self.injected_mm)
    }

    /// The ions with their present inside concentrations.
    pub fn present_ions(&self) -> Vec<Ion> {
        self.scenario.ions_with_inside(self.inside_mm())
    }

    /// The state as a scenario: current inside concentrations and V as the initial values.
    /// A membrane built from it continues from here with the same q_X (and the charge
    /// the stimuli injected folded into it); its gates start at their steady state for V,
    /// which is where they are at rest. (Call it between pulses: the charge a pulse is
    /// injecting right now is folded into q_X.)
    pub fn current_scenario(&self) -> Scenario {
        Scenario {
            ions: self.present_ions(),
            initial_voltage_mv: self.voltage_mv() - self.clamp_injected_mv(),
            // Its clock starts again at 0: pulses given so far are history.
            stimuli: Vec::new(),
            ..self.scenario.clone()
        }
    }

    /// Under a clamp, the part of V held by injected charge; 0 otherwise.
    fn clamp_injected_mv(&self) -> f64 {
        if self.sys.clamp_mv.is_some() {
            self.voltage_mv() - self.charge_difference_voltage_mv()
        } else {
            0.0
        }
    }

    /// Each ion's current through its channels (leak and, with gates, gated), GHK,
    /// µA/cm², outward positive.
    pub fn leak_currents_ua_per_cm2(&self) -> Vec<f64> {
        self.per_ion(ghk_current_raw)
    }

    /// `f(P, z, c_in, c_out, V, RT/F)` for each ion, with its channel permeability now
    /// (leak plus gated) and the present state.
    ///
    /// Noble's ohmic channels count as the permeability that carries the same current at
    /// this state (I_ohmic / I_GHK(P = 1); at E, the ratio of the slopes), so fluxes and
    /// conductances include them and the net flux is exactly the model's.
    fn per_ion<T>(&self, f: impl Fn(f64, i32, f64, f64, f64, f64) -> T) -> Vec<T> {
        let mut p = self.sys.permeabilities(&self.free);
        let s = &self.sys;
        let (v, rt_f) = (self.free[0], s.rt_f_mv);
        if let Some(o) = s.ohmic(&self.free) {
            for (i, g, e) in [(o.na, o.g_na, o.e_na), (o.k, o.g_k, o.e_k)] {
                p[i] += s.equivalent_permeability(i, g, e, &self.free);
            }
        }
        (0..s.n).map(|i| f(p[i], s.charge[i], self.free[1 + i], s.outside_mm[i], v, rt_f)).collect()
    }

    /// The voltages this cell would settle at, in seconds, if the bath's K⁺ were each of
    /// `k_out_mm` in turn and nothing inside changed: the most negative voltage at which
    /// the total current of the channels (gates open as they would be at that voltage),
    /// the pump and the exchanger is zero and rising. None where there is none between
    /// −300 and +200 mV, or for a cell without K⁺. The page's V-against-K⁺ chart draws
    /// them beside E_K and GHK. Each point's search starts a little below the last
    /// one's answer, so a sweep of 100 points costs about 20 current evaluations each.
    pub fn settled_voltages_at_k_out_mv(&self, k_out_mm: &[f64]) -> Vec<Option<f64>> {
        let Some(k) = self.scenario.ion_index(POTASSIUM_NAME) else { return vec![None; k_out_mm.len()] };
        let mut s = self.scenario.clone();
        let mut y = self.free;
        let mut previous: Option<f64> = None;
        k_out_mm
            .iter()
            .map(|&k_out| {
                s.ions[k].outside_mm = k_out;
                let mut sys = System::new(&s);
                sys.stim_ua_per_cm2 = 0.0;
                sys.clamp_mv = None;
                let b = sys.gate_base();
                let mut total = |v: f64| {
                    y[0] = v;
                    if let Some(g) = &sys.gates {
                        y[b..b + N_GATES].copy_from_slice(&g.kinetics().steady(v));
                    }
                    sys.currents(&y, None)[..sys.n].iter().sum::<f64>()
                };
                // Start just below the last answer if the current there is inward;
                // otherwise scan the whole range.
                let near = previous.map(|v| v - SETTLED_RESTART_BELOW_MV).filter(|&v| total(v) < 0.0);
                let found = settled_from(near.unwrap_or(SETTLED_SCAN_MV.0), &mut total);
                previous = found;
                found
            })
            .collect()
    }

    /// Each ion's channel (slope) conductance now, mS/cm²: how strongly it pulls V toward
    /// its own E at this moment (leak and gated channels, gates as they are).
    pub fn conductances_ms_per_cm2(&self) -> Vec<f64> {
        self.per_ion(|p, z, c_in, c_out, v, rt_f| ghk_current_slopes(p, z, c_in, c_out, v, rt_f).0)
    }

    /// Each ion's channel permeability now (leak plus gated, at this temperature; Noble's
    /// ohmic channels as the permeability that carries their present current), cm/s.
    pub fn permeabilities_cm_per_s(&self) -> Vec<f64> {
        self.per_ion(|p, _, _, _, _, _| p)
    }

    /// The ions as their channels are now: present inside concentrations and the
    /// permeabilities of `permeabilities_cm_per_s`. Their GHK voltage is the voltage the
    /// channels alone would set at this moment (with gates closed at rest, the leaks').
    pub fn channel_ions(&self) -> Vec<Ion> {
        self.present_ions()
            .into_iter()
            .zip(self.permeabilities_cm_per_s())
            .map(|(ion, permeability_cm_per_s)| Ion { permeability_cm_per_s, ..ion })
            .collect()
    }

    /// Net pump current (one charge out per cycle), µA/cm²; None without a pump.
    pub fn pump_current_ua_per_cm2(&self) -> Option<f64> {
        self.sys.pump.map(|p| p.current(&self.sys, &self.free, None).0)
    }

    /// The exchanger's net current (outward positive), µA/cm²; None without one.
    pub fn ncx_current_ua_per_cm2(&self) -> Option<f64> {
        self.sys.ncx.map(|x| {
            let s = &self.sys;
            crate::ncx::current(
                x.k_ua_per_cm2,
                self.free[1 + x.na],
                s.outside_mm[x.na],
                self.free[1 + x.ca],
                s.outside_mm[x.ca],
                self.free[0],
                s.rt_f_mv,
            )
            .0
        })
    }

    /// The H⁺-ATPase's current (outward), µA/cm²; None without one.
    pub fn proton_pump_current_ua_per_cm2(&self) -> Option<f64> {
        self.sys.proton_pump.map(|p| {
            let s = &self.sys;
            crate::proton_pump::current(
                &p.pump,
                p.scale_ua_per_cm2,
                self.free[1 + p.h],
                s.outside_mm[p.h],
                self.free[0],
                s.rt_f_mv,
            )
            .0
        })
    }

    /// KCC2's outward flux of K⁺ and of Cl⁻, mM/s; None without it.
    pub fn kcc2_flux_mm_per_s(&self) -> Option<f64> {
        self.sys.kcc2.map(|p| p.flux(&self.sys, &self.free).0)
    }

    /// The K⁺/H⁺ exchanger's flux, K⁺ out and H⁺ in, mM/s; None without it.
    pub fn kh_exchanger_flux_mm_per_s(&self) -> Option<f64> {
        self.sys.kh_exchanger.map(|p| p.flux(&self.sys, &self.free).0)
    }

    /// The stimulus in force now, µA/cm² (positive depolarising).
    pub fn stimulus_ua_per_cm2(&self) -> f64 {
        self.sys.stim_ua_per_cm2
    }

    /// Net current through the channels, the pump and the exchanger, µA/cm². Zero at a
    /// steady state; under a clamp, the clamp supplies its negative.
    pub fn total_current_ua_per_cm2(&self) -> f64 {
        self.sys.currents(&self.free, None)[..self.sys.n].iter().sum()
    }

    /// d[c_i]/dt of every ion, mM/s.
    pub fn concentration_rates_mm_per_s(&self) -> Vec<f64> {
        let mut f = [0.0; MAX_DIM];
        self.sys.rhs(&self.y, &mut f);
        if let Some(b) = self.sys.buffer {
            // dT/dt is H⁺'s net flux; free H⁺ gets 1/(1 + β/H) of it.
            f[1 + b.h] /= 1.0 + b.beta / self.free[1 + b.h];
        }
        f[1..=self.sys.n].to_vec()
    }

    /// Whole-cell unidirectional channel fluxes (ions/s, outward and inward) of every
    /// ion, and the pump's cycles per second.
    pub fn fluxes(&self) -> Fluxes {
        let sphere = Sphere { radius_um: self.scenario.cell.radius_um };
        let per_mol = sphere.area_cm2() * AVOGADRO_PER_MOL;
        let gated = self.gated_channels();
        // The gated channels' share is theirs; the rest of each ion's flux is its leak's.
        // GHK's one-way fluxes are linear in the permeability, so the two add up exactly
        // to the ion's whole flux.
        let ions = self
            .per_ion(ghk_unidirectional_raw)
            .into_iter()
            .enumerate()
            .map(|(i, (out, inw))| {
                let (g_out, g_in) = gated
                    .iter()
                    .filter(|g| g.ion == i)
                    .fold((0.0, 0.0), |(a, b), g| (a + g.outward_per_s, b + g.inward_per_s));
                IonFlux {
                    outward_per_s: (out * per_mol - g_out).max(0.0),
                    inward_per_s: (inw * per_mol - g_in).max(0.0),
                }
            })
            .collect();
        // One net elementary charge per cycle: cycles/s = I·A/e (µA → A is 1e-6). A pump
        // running backwards past its reversal is drawn as not cycling.
        let pump_cycles_per_s = self
            .pump_current_ua_per_cm2()
            .map_or(0.0, |i| (i * 1e-6 * sphere.area_cm2() / ELEMENTARY_CHARGE_C).max(0.0));
        let transporter_cycles_per_s = Transporter::ALL.map(|t| self.cycles_per_s(t, &sphere));
        Fluxes { ions, gated, pump_cycles_per_s, transporter_cycles_per_s }
    }

    /// A transporter's forward cycles per second in the whole cell (negative: reverse);
    /// 0 without it.
    fn cycles_per_s(&self, t: Transporter, sphere: &Sphere) -> f64 {
        let per_mm_per_s = 1e-3 * sphere.volume_l() * AVOGADRO_PER_MOL;
        let per_ua_per_cm2 = 1e-6 * sphere.area_cm2() / ELEMENTARY_CHARGE_C;
        match t {
            // mM/s of each ion × volume × Avogadro.
            Transporter::Kcc2 => self.kcc2_flux_mm_per_s().map_or(0.0, |j| j * per_mm_per_s),
            // One net charge in per forward cycle, so cycles/s = −I·A/e (its current is
            // outward positive).
            Transporter::Ncx => self.ncx_current_ua_per_cm2().map_or(0.0, |i| -i * per_ua_per_cm2),
            // One H⁺, one charge, per ATP; a pump past its reversal is drawn as not
            // cycling, like the Na⁺/K⁺ pump.
            Transporter::ProtonPump => {
                self.proton_pump_current_ua_per_cm2().map_or(0.0, |i| (i * per_ua_per_cm2).max(0.0))
            }
            Transporter::KhExchanger => self.kh_exchanger_flux_mm_per_s().map_or(0.0, |j| j * per_mm_per_s),
        }
    }

    /// The voltage-gated channels, as the picture draws them: the Na⁺ channel (m³h)
    /// and the K⁺ channel (n⁴) of an excitable cell, or Noble's gated Na⁺ (m³h) and
    /// delayed-rectifier K⁺ (n⁴) channels (his background Na⁺ and inward-rectifier K⁺
    /// stay with the ions' leaks): each one's open fraction and its one-way ion fluxes
    /// (ions per second over the whole cell). Empty for a cell without gates.
    pub fn gated_channels(&self) -> Vec<GatedFlux> {
        let Some(gs) = self.sys.gates else { return Vec::new() };
        let s = &self.sys;
        let y = &self.free;
        let b = s.gate_base();
        let (m, h, n) = (y[b], y[b + 1], y[b + 2]);
        let (v, rt_f) = (y[0], s.rt_f_mv);
        let sphere = Sphere { radius_um: self.scenario.cell.radius_um };
        let per_mol = sphere.area_cm2() * AVOGADRO_PER_MOL;
        let open = [(gs.na, m * m * m * h), (gs.k, n * n * n * n)];
        // Each channel's permeability (GHK), or its conductance as the permeability that
        // carries the same current at this V (as `per_ion` does for Noble's cell).
        let permeability = |i: usize, scale: f64| -> f64 {
            match gs.channels {
                Channels::TraubMiles { na_max, k_max } => scale * if i == gs.na { na_max } else { k_max },
                Channels::Noble { na_max, k2_max, .. } => {
                    let g = scale * if i == gs.na { na_max } else { k2_max };
                    s.equivalent_permeability(i, g, s.nernst_mv(i, y), y)
                }
            }
        };
        open.iter()
            .map(|&(ion, open_fraction)| {
                let (out, inw) = ghk_unidirectional_raw(
                    permeability(ion, open_fraction),
                    s.charge[ion],
                    y[1 + ion],
                    s.outside_mm[ion],
                    v,
                    rt_f,
                );
                GatedFlux { ion, open_fraction, outward_per_s: out * per_mol, inward_per_s: inw * per_mol }
            })
            .collect()
    }

    // ----- changes a learner makes while the model runs -----
    //
    // Each validates the whole resulting scenario first; on error nothing changes.

    fn with_parameters(&mut self, edit: impl FnOnce(&mut Scenario)) -> Result<(), ModelError> {
        let mut s = self.scenario.clone();
        edit(&mut s);
        self.use_parameters(s)
    }

    /// Take `s` as the parameters from now on, keeping the state. One function, not one
    /// per setter: each copy of it cost 2.8 KB of the page's wasm.
    #[inline(never)]
    fn use_parameters(&mut self, s: Scenario) -> Result<(), ModelError> {
        // Validate against the *present* inside concentrations, which are what the model uses.
        Scenario { ions: s.ions_with_inside(self.inside_mm()), ..s.clone() }.validate()?;
        let had_gates = self.sys.gates.is_some();
        let stim = self.sys.stim_ua_per_cm2;
        self.sys = System::new(&s);
        self.sys.stim_ua_per_cm2 = stim;
        if let (Some(g), false) = (self.sys.gates, had_gates) {
            // Channels switched on: their gates start where they would sit at this V.
            let b = self.sys.gate_base();
            let open = g.kinetics().steady(self.y[0]);
            self.y[b..b + N_GATES].copy_from_slice(&open);
        }
        self.free = self.sys.free(&self.y);
        self.mv_per_mm = mv_per_mm(&s);
        self.scenario = s;
        self.stepper.restart();
        Ok(())
    }

    /// Switch the voltage-gated channels on (with these maxima) or off.
    pub fn set_gates(&mut self, gates: Option<crate::types::Gates>) -> Result<(), ModelError> {
        self.with_parameters(|s| s.gates = gates)
    }

    /// KCC2's strength, mM/s.
    pub fn set_kcc2_rate_mm_per_s(&mut self, value: f64) -> Result<(), ModelError> {
        check("kcc2.rate_mm_per_s", &KCC2_RATE_MM_PER_S, value)?;
        if self.scenario.kcc2.is_none() {
            return Err(ModelError::new("kcc2", "error-model-no-kcc2"));
        }
        self.with_parameters(|s| s.kcc2 = Some(crate::types::Kcc2 { rate_mm_per_s: value }))
    }

    /// The exchanger's strength k, µA/cm².
    pub fn set_ncx_max_current_ua_per_cm2(&mut self, value: f64) -> Result<(), ModelError> {
        check("ncx.max_current_ua_per_cm2", &NCX_MAX_CURRENT_UA_PER_CM2, value)?;
        if self.scenario.ncx.is_none() {
            return Err(ModelError::new("ncx", "error-model-no-ncx"));
        }
        self.with_parameters(|s| s.ncx = Some(crate::types::Ncx { max_current_ua_per_cm2: value }))
    }

    /// The K⁺/H⁺ exchanger's rate U, mM/s.
    pub fn set_kh_exchanger_rate_mm_per_s(&mut self, value: f64) -> Result<(), ModelError> {
        check("kh_exchanger.rate_mm_per_s", &KH_EXCHANGER_RATE_MM_PER_S, value)?;
        if self.scenario.kh_exchanger.is_none() {
            return Err(ModelError::new("kh_exchanger", "error-model-no-kh-exchanger"));
        }
        self.with_parameters(|s| s.kh_exchanger = Some(crate::types::KhExchanger { rate_mm_per_s: value }))
    }

    /// Block (cyanide, anoxia: no ATP) or unblock the H⁺-ATPase.
    pub fn set_proton_pump_blocked(&mut self, blocked: bool) -> Result<(), ModelError> {
        let Some(p) = self.scenario.proton_pump else {
            return Err(ModelError::new("proton_pump", "error-model-no-proton-pump"));
        };
        self.with_parameters(|s| s.proton_pump = Some(crate::types::ProtonPump { blocked, ..p }))
    }

    /// Give a current pulse from now on, as an electrode would (positive depolarises).
    pub fn stimulate(&mut self, amplitude_ua_per_cm2: f64, duration_s: f64) -> Result<(), ModelError> {
        check("amplitude_ua_per_cm2", &STIMULUS_AMPLITUDE_UA_PER_CM2, amplitude_ua_per_cm2)?;
        check("duration_s", &STIMULUS_DURATION_S, duration_s)?;
        let pulse = crate::types::Stimulus { start_s: self.t_s, duration_s, amplitude_ua_per_cm2 };
        let mut s = self.scenario.clone();
        // Pulses long over are dropped, so a long session keeps the list short.
        s.stimuli.retain(|p| p.start_s + p.duration_s > self.t_s);
        s.stimuli.push(pulse);
        s.validate()?;
        self.scenario = s;
        self.sys.stim_ua_per_cm2 = self.stimulus_at(self.t_s);
        self.stepper.restart();
        Ok(())
    }

    fn ion(&self, index: usize) -> Result<usize, ModelError> {
        if index < self.sys.n {
            Ok(index)
        } else {
            Err(ModelError::new("ion", "error-model-ion-index").whole("max", self.sys.n - 1).whole("got", index))
        }
    }

    /// Change the bath concentration of ion `index`.
    pub fn set_outside_mm(&mut self, index: usize, value_mm: f64) -> Result<(), ModelError> {
        let i = self.ion(index)?;
        check(&format!("ions[{i}].outside_mm"), &CONCENTRATION_MM, value_mm)?;
        self.with_parameters(|s| s.ions[i].outside_mm = value_mm)
    }

    /// Change the permeability of ion `index`.
    pub fn set_permeability_cm_per_s(&mut self, index: usize, value: f64) -> Result<(), ModelError> {
        let i = self.ion(index)?;
        check(&format!("ions[{i}].permeability_cm_per_s"), &PERMEABILITY_CM_PER_S, value)?;
        self.with_parameters(|s| s.ions[i].permeability_cm_per_s = value)
    }

    pub fn set_temperature_c(&mut self, value: f64) -> Result<(), ModelError> {
        check("temperature_c", &TEMPERATURE_C, value)?;
        self.with_parameters(|s| s.temperature_c = value)
    }

    /// Block (ouabain) or unblock the pump.
    pub fn set_pump_blocked(&mut self, blocked: bool) -> Result<(), ModelError> {
        self.edit_pump(|p| p.blocked = blocked)
    }

    /// Scale the pump's turnover (1 = healthy, lower = ATP loss).
    pub fn set_pump_rate_fraction(&mut self, value: f64) -> Result<(), ModelError> {
        check("pump.rate_fraction", &PUMP_RATE_FRACTION, value)?;
        self.edit_pump(|p| p.rate_fraction = value)
    }

    fn edit_pump(&mut self, edit: impl FnOnce(&mut Pump)) -> Result<(), ModelError> {
        if self.scenario.pump.is_none() {
            return Err(ModelError::new("pump", "error-model-no-pump"));
        }
        self.with_parameters(|s| {
            if let Some(p) = s.pump.as_mut() {
                edit(p)
            }
        })
    }

    /// Replace the inside concentration of ion `index` now. The voltage is kept: the
    /// change is electroneutral (the impermeant anions' charge absorbs it), as when an
    /// experimenter dialyses the cell with a salt solution.
    pub fn set_inside_mm(&mut self, index: usize, value_mm: f64) -> Result<(), ModelError> {
        let i = self.ion(index)?;
        check(&format!("ions[{i}].inside_mm"), &CONCENTRATION_MM, value_mm)?;
        let mut present = self.current_scenario();
        present.ions[i].inside_mm = value_mm;
        present.validate()?;
        // V stays: the charge added with the ion (and any H⁺ the buffer binds) is
        // balanced by a counter-ion, folded into q_X.
        let before = net_charge_mm(&self.scenario, &self.y);
        self.y[1 + i] = match self.sys.buffer {
            Some(b) if b.h == i => b.total_mm(value_mm),
            _ => value_mm,
        };
        self.free = self.sys.free(&self.y);
        self.fixed_charge_mm -= net_charge_mm(&self.scenario, &self.y) - before;
        self.stepper.restart();
        Ok(())
    }
}

/// What one budgeted advance did: the model time it covered, and where V went lowest
/// and highest on the way (times are model times).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Advanced {
    pub covered_s: f64,
    pub extremes: Option<Extremes>,
    /// Integrator steps taken (accepted and rejected), counted against the budget.
    pub steps: u64,
    /// Of `steps`, those the error test refused.
    pub rejected: u64,
}

/// Unidirectional whole-cell fluxes of one ion.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct IonFlux {
    pub outward_per_s: f64,
    pub inward_per_s: f64,
}

/// A voltage-gated channel at this moment: which ion it passes (an index of the
/// scenario's ions), the fraction of its gates open (m³h or n⁴, 0–1) and its one-way
/// fluxes, ions per second.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct GatedFlux {
    pub ion: usize,
    pub open_fraction: f64,
    pub outward_per_s: f64,
    pub inward_per_s: f64,
}

/// Everything the crossing animation needs.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Fluxes {
    /// Each ion's flux through its leak (and, for the pacemaker, Noble's background
    /// channels): the whole flux less the gated channels'.
    pub ions: Vec<IonFlux>,
    /// The voltage-gated channels, if the cell has them.
    pub gated: Vec<GatedFlux>,
    pub pump_cycles_per_s: f64,
    /// Each transporter's cycles per second, in the order of [`Transporter::ALL`]:
    /// forward positive (its `cycle`), reverse negative, 0 without it. The H⁺-ATPase
    /// is never negative.
    pub transporter_cycles_per_s: [f64; Transporter::ALL.len()],
}

impl Fluxes {
    /// One transporter's cycles per second (see `transporter_cycles_per_s`).
    pub fn cycles_per_s(&self, t: Transporter) -> f64 {
        self.transporter_cycles_per_s[t.index()]
    }
}

fn mv_per_mm(s: &Scenario) -> f64 {
    let sphere = Sphere { radius_um: s.cell.radius_um };
    // V[V] = F·(W/A)[cm]·Σ[mM]·1e-6 mol/cm³ / (C[µF/cm²]·1e-6): the 1e-6 cancel.
    1e3 * FARADAY_C_PER_MOL / sphere.area_per_volume_per_cm() / s.cell.capacitance_uf_per_cm2
}

/// Σ z·c inside over the state, where buffered H⁺ is its total: bound H⁺ is charge too.
fn net_charge_mm(s: &Scenario, y: &Vector) -> f64 {
    s.ions.iter().enumerate().map(|(i, ion)| f64::from(ion.charge) * y[1 + i]).sum()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::integrator::StiffSystem;

    #[test]
    fn the_buffers_free_h_inverts_its_total_over_the_whole_range() {
        for (beta_mm_per_ph, h0) in [(20.0, 5e-5), (4.5, 380.0), (1000.0, 1e-9), (0.01, 1.0)] {
            let b = Buffer { h: 0, beta: beta_mm_per_ph / std::f64::consts::LN_10, h0_mm: h0 };
            for h in [1e-12, 1e-9, 3e-7, 5e-5, 2e-3, 0.7, 1.0, 380.0, 8000.0] {
                let back = b.free_mm(b.total_mm(h));
                assert!((back - h).abs() <= 1e-12 * h, "β {beta_mm_per_ph}, H₀ {h0}: {h} → {back}");
            }
        }
    }

    #[test]
    fn jacobian_matches_finite_differences() {
        let mut s = crate::presets::neuron();
        s.ions.push(crate::types::Ion {
            name: "Mg".into(),
            charge: 2,
            inside_mm: 0.5,
            outside_mm: 1.0,
            permeability_cm_per_s: 1e-8,
        });
        s.ions[3].permeability_cm_per_s = 1e-8; // Ca permeant too
                                                // Everything at once: gates, KCC2, NCX, the pump's limit and Q10 away from 1.
        s.gates = Some(crate::types::Gates { na_max_permeability_cm_per_s: 5e-5, k_max_permeability_cm_per_s: 5e-4 });
        s.kcc2 = Some(crate::types::Kcc2 { rate_mm_per_s: 0.3 });
        s.ncx = Some(crate::types::Ncx { max_current_ua_per_cm2: 2000.0 });
        s.temperature_c = 31.0;
        jacobian_agrees(&s);
        // Noble's ohmic channels in place of the Traub–Miles gates.
        s.gates = None;
        s.noble = crate::presets::sa_node().noble;
        jacobian_agrees(&s);
        // The plant cell: the H⁺ pump, the K⁺/H⁺ exchanger and the buffered H⁺ total.
        let plant = crate::presets::build("plant-cell").unwrap();
        let m = Membrane::new(&plant).unwrap();
        for v in [-185.0, -100.0, 20.0] {
            let mut y = m.y;
            y[0] = v;
            y[4] += 0.3; // 0.3 mM of H⁺ entered: a free H⁺ 0.15 pH units lower
            fd_agrees(&m.sys, &y, v);
        }
    }

    fn jacobian_agrees(s: &Scenario) {
        let mut m = Membrane::new(s).unwrap();
        m.sys.stim_ua_per_cm2 = 3.0;
        let sys = &m.sys;
        let mut y = m.y;
        let b = sys.gate_base();
        for (v, gates) in [(-40.0, [0.2, 0.5, 0.4]), (-150.0, [0.01, 0.9, 0.05]), (-215.0, [0.0, 1.0, 0.0])] {
            y[0] = v;
            y[2] = 30.0;
            y[b..b + 3].copy_from_slice(&gates);
            assert_eq!(sys.dim(), 1 + 5 + 3);
            fd_agrees(sys, &y, v);
        }
    }

    /// The Jacobian at y against central differences of the right-hand side.
    fn fd_agrees(sys: &System, y: &Vector, v: f64) {
        let y = *y;
        let b = sys.gate_base();
        {
            let n = sys.dim();
            let mut j = [[0.0; MAX_DIM]; MAX_DIM];
            sys.jacobian(&y, &mut j);
            for col in 0..n {
                // Central differences: relative steps large enough to stay clear of rounding.
                let h = if col == 0 {
                    1e-5
                } else if col >= b {
                    1e-7
                } else {
                    1e-4 * y[col].abs().max(1.0).min(y[col].abs() + 1e-3)
                };
                let (mut yp, mut ym) = (y, y);
                yp[col] += h;
                ym[col] -= h;
                let (mut fp, mut fm) = ([0.0; MAX_DIM], [0.0; MAX_DIM]);
                sys.rhs(&yp, &mut fp);
                sys.rhs(&ym, &mut fm);
                for row in 0..n {
                    let fd = (fp[row] - fm[row]) / (2.0 * h);
                    // Relative, plus the rounding of a difference of two large values.
                    let tol = 1e-5 * (fd.abs() + j[row][col].abs()) + 1e-12 * (fp[row].abs() + fm[row].abs()) / h;
                    assert!((fd - j[row][col]).abs() <= tol, "V {v}: J[{row}][{col}] = {} vs fd {fd}", j[row][col]);
                }
            }
        }
    }
}
