//! The coupled dynamic model: the voltage emerges from the ion currents and the pump.
//!
//! State: V (mV) and the inside concentration of every ion (mM). The bath is fixed.
//!
//!   C·dV/dt      = −ΣI                          (capacitor; 1000 converts V/s to mV/s)
//!   d[c_i]/dt    = −(A/W)·I_i/(z_i·F)           (I_i includes the pump's share)
//!   V            = F·(W/A)·(Σ z·c_i + q_X)/C     (charge difference; q_X fixed at t = 0)
//!
//! The pump carries 3 Na⁺ out and 2 K⁺ in per cycle: I_Na += 3·I_p, I_K −= 2·I_p, so its
//! net current is I_p (outward). doc/model.md gives the equations and sources.

use serde::Serialize;

use crate::constants::*;
use crate::error::{check, ModelError};
use crate::integrator::{Matrix, Rosenbrock23, StiffSystem, Vector, MAX_DIM};
use crate::physics::{self, ghk_current_raw, ghk_current_slopes, ghk_unidirectional_raw, Sphere};
use crate::pump::sodium_saturation;
use crate::types::{Ion, Pump, Scenario};

/// Relative tolerance of the integrator. With it, a run made of 60 s steps and a
/// run made of 0.1 ms steps agree far inside the required 0.05 mV / 0.1 %
/// (tests/dynamics.rs measures it).
const RTOL: f64 = 1e-8;
const ATOL_V_MV: f64 = 1e-6;
const ATOL_C_MM: f64 = 1e-10;

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
    permeability: [f64; MAX_IONS],
    pump: Option<PumpSystem>,
    clamp_mv: Option<f64>,
}

#[derive(Debug, Clone, Copy, PartialEq)]
struct PumpSystem {
    /// I_max·f·(K_o/(K_o+K_K))², zero when blocked: the part that does not change in time.
    scale_ua_per_cm2: f64,
    na_half_mm: f64,
    na: usize,
    k: usize,
}

impl PumpSystem {
    /// Net pump current (µA/cm², outward) and its slope with respect to Na_i.
    #[inline]
    fn current_and_slope(&self, na_in_mm: f64) -> (f64, f64) {
        let (s, ds) = sodium_saturation(na_in_mm, self.na_half_mm);
        (self.scale_ua_per_cm2 * s, self.scale_ua_per_cm2 * ds)
    }
}

impl System {
    fn new(s: &Scenario) -> System {
        let n = s.ions.len();
        let mut charge = [1; MAX_IONS];
        let mut outside_mm = [0.0; MAX_IONS];
        let mut permeability = [0.0; MAX_IONS];
        for (i, ion) in s.ions.iter().enumerate() {
            charge[i] = ion.charge;
            outside_mm[i] = ion.outside_mm;
            permeability[i] = ion.permeability_cm_per_s;
        }
        let pump = s.pump.as_ref().and_then(|p| {
            let na = s.ion_index(SODIUM_NAME)?;
            let k = s.ion_index(POTASSIUM_NAME)?;
            Some(PumpSystem { scale_ua_per_cm2: p.scale_ua_per_cm2(outside_mm[k]), na_half_mm: p.na_half_mm, na, k })
        });
        let sphere = Sphere { radius_um: s.cell.radius_um };
        System {
            n,
            rt_f_mv: physics::thermal_voltage_mv(s.temperature_c),
            dv_per_current: -1e3 / s.cell.capacitance_uf_per_cm2,
            dc_per_current: sphere.area_per_volume_per_cm() / FARADAY_C_PER_MOL,
            charge,
            outside_mm,
            permeability,
            pump,
            clamp_mv: s.clamp_mv,
        }
    }

    /// Each ion's total current (leak plus its share of the pump), µA/cm², outward positive.
    fn ion_currents(&self, y: &Vector) -> [f64; MAX_IONS] {
        let v = y[0];
        let mut out = [0.0; MAX_IONS];
        for (i, o) in out.iter_mut().enumerate().take(self.n) {
            *o = ghk_current_raw(self.permeability[i], self.charge[i], y[1 + i], self.outside_mm[i], v, self.rt_f_mv);
        }
        if let Some(p) = &self.pump {
            let (ip, _) = p.current_and_slope(y[1 + p.na]);
            out[p.na] += PUMP_NA_PER_CYCLE * ip;
            out[p.k] -= PUMP_K_PER_CYCLE * ip;
        }
        out
    }
}

impl StiffSystem for System {
    fn dim(&self) -> usize {
        self.n + 1
    }

    fn rhs(&self, y: &Vector, f: &mut Vector) {
        let currents = self.ion_currents(y);
        let total: f64 = currents[..self.n].iter().sum();
        f[0] = if self.clamp_mv.is_some() { 0.0 } else { self.dv_per_current * total };
        for i in 0..self.n {
            f[1 + i] = -self.dc_per_current * currents[i] / f64::from(self.charge[i]);
        }
    }

    fn jacobian(&self, y: &Vector, j: &mut Matrix) {
        let n = self.n;
        for row in j.iter_mut().take(n + 1) {
            row[..n + 1].fill(0.0);
        }
        let v = y[0];
        for i in 0..n {
            let (g_v, g_c) =
                ghk_current_slopes(self.permeability[i], self.charge[i], y[1 + i], self.outside_mm[i], v, self.rt_f_mv);
            let k = -self.dc_per_current / f64::from(self.charge[i]);
            j[1 + i][0] = k * g_v;
            j[1 + i][1 + i] = k * g_c;
            j[0][0] += self.dv_per_current * g_v;
            j[0][1 + i] += self.dv_per_current * g_c;
        }
        if let Some(p) = &self.pump {
            let (_, dip) = p.current_and_slope(y[1 + p.na]);
            j[1 + p.na][1 + p.na] -= self.dc_per_current * PUMP_NA_PER_CYCLE * dip;
            j[1 + p.k][1 + p.na] += self.dc_per_current * PUMP_K_PER_CYCLE * dip;
            j[0][1 + p.na] += self.dv_per_current * dip;
        }
        if self.clamp_mv.is_some() {
            j[0][..n + 1].fill(0.0);
        }
    }

    fn admissible(&self, y: &Vector) -> bool {
        y[1..=self.n].iter().all(|&c| c >= 0.0)
    }

    fn atol(&self, i: usize) -> f64 {
        if i == 0 {
            ATOL_V_MV
        } else {
            ATOL_C_MM
        }
    }
}

/// The running membrane: parameters, state and integrator. Cloning it is a snapshot.
#[derive(Debug, Clone, PartialEq)]
pub struct Membrane {
    /// Parameters. Its `ions[].inside_mm` and `initial_voltage_mv` are the t = 0 values.
    scenario: Scenario,
    sys: System,
    /// y[0] = V in mV, y[1 + i] = inside concentration of ion i in mM.
    y: Vector,
    t_s: f64,
    /// q_X: the impermeant anions' charge, in mM of elementary charges (negative).
    fixed_charge_mm: f64,
    /// mV per mM of net charge: V = volts_per_mm·(Σz·c + q_X).
    mv_per_mm: f64,
    stepper: Rosenbrock23,
}

impl Membrane {
    /// Start the model from a scenario: V(0) = `initial_voltage_mv` (or the clamp), and
    /// q_X is set from that voltage and the initial concentrations.
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
        Ok(Membrane {
            scenario: scenario.clone(),
            sys,
            y,
            t_s: 0.0,
            fixed_charge_mm,
            mv_per_mm,
            stepper: Rosenbrock23::new(RTOL),
        })
    }

    /// Advance the model by `dt_s` of model time, from 1 µs to a day, in the adaptive
    /// steps it needs. On error the state is unchanged.
    pub fn advance(&mut self, dt_s: f64) -> Result<(), ModelError> {
        check("dt_s", &ADVANCE_DT_S, dt_s)?;
        let mut y = self.y;
        let mut stepper = self.stepper.clone();
        stepper
            .integrate(&self.sys, &mut y, dt_s)
            .map_err(|e| ModelError::new("dt_s", format!("the model could not be integrated: {}", e.0)))?;
        self.y = y;
        self.stepper = stepper;
        self.t_s += dt_s;
        Ok(())
    }

    /// Advance to model time `t_s` exactly (the next sample of `vrest simulate`).
    pub fn advance_to(&mut self, t_s: f64) -> Result<(), ModelError> {
        if !(t_s.is_finite() && t_s >= self.t_s) {
            return Err(ModelError::new("t_s", format!("must be a finite time at or after {} s; got {t_s}", self.t_s)));
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
        self.y[0]
    }
    pub fn inside_mm(&self) -> &[f64] {
        &self.y[1..=self.sys.n]
    }
    pub fn scenario(&self) -> &Scenario {
        &self.scenario
    }
    pub fn fixed_charge_mm(&self) -> f64 {
        self.fixed_charge_mm
    }

    /// Change the integrator's relative tolerance (default 1e-8). The accuracy tests
    /// build their tight reference runs with 1e-11.
    pub fn set_relative_tolerance(&mut self, rtol: f64) -> Result<(), ModelError> {
        check("rtol", &crate::constants::Range::closed(1e-13, 1e-3, ""), rtol)?;
        self.stepper.rtol = rtol;
        Ok(())
    }

    /// The voltage the charge inside implies: V = (W/A)·F·(Σ z·c + q_X)/C. Unclamped,
    /// it equals the integrated voltage to rounding (an invariant the tests check);
    /// under a clamp the difference is the charge the clamp injected.
    pub fn charge_difference_voltage_mv(&self) -> f64 {
        self.mv_per_mm * (net_charge_mm(&self.scenario, &self.y) + self.fixed_charge_mm)
    }

    /// The ions with their present inside concentrations.
    pub fn present_ions(&self) -> Vec<Ion> {
        self.scenario.ions_with_inside(self.inside_mm())
    }

    /// The state as a scenario: current inside concentrations and V as the initial values.
    /// A membrane built from it continues exactly from here (same q_X).
    pub fn current_scenario(&self) -> Scenario {
        Scenario {
            ions: self.present_ions(),
            initial_voltage_mv: self.voltage_mv() - self.clamp_injected_mv(),
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

    /// Each ion's leak (GHK) current at the present state, µA/cm², outward positive.
    pub fn leak_currents_ua_per_cm2(&self) -> Vec<f64> {
        (0..self.sys.n)
            .map(|i| {
                ghk_current_raw(
                    self.sys.permeability[i],
                    self.sys.charge[i],
                    self.y[1 + i],
                    self.sys.outside_mm[i],
                    self.y[0],
                    self.sys.rt_f_mv,
                )
            })
            .collect()
    }

    /// Net pump current (one charge out per cycle), µA/cm²; None without a pump.
    pub fn pump_current_ua_per_cm2(&self) -> Option<f64> {
        self.sys.pump.map(|p| p.current_and_slope(self.y[1 + p.na]).0)
    }

    /// Net current through the channels and pump, µA/cm². Zero at a steady state; under a
    /// clamp, the clamp supplies its negative.
    pub fn total_current_ua_per_cm2(&self) -> f64 {
        self.sys.ion_currents(&self.y)[..self.sys.n].iter().sum()
    }

    /// d[c_i]/dt of every ion, mM/s.
    pub fn concentration_rates_mm_per_s(&self) -> Vec<f64> {
        let mut f = [0.0; MAX_DIM];
        self.sys.rhs(&self.y, &mut f);
        f[1..=self.sys.n].to_vec()
    }

    /// Whole-cell unidirectional leak fluxes (ions/s, outward and inward) of every ion,
    /// and the pump's cycles per second.
    pub fn fluxes(&self) -> Fluxes {
        let sphere = Sphere { radius_um: self.scenario.cell.radius_um };
        let per_mol = sphere.area_cm2() * AVOGADRO_PER_MOL;
        let ions = (0..self.sys.n)
            .map(|i| {
                let (out, inw) = ghk_unidirectional_raw(
                    self.sys.permeability[i],
                    self.sys.charge[i],
                    self.y[1 + i],
                    self.sys.outside_mm[i],
                    self.y[0],
                    self.sys.rt_f_mv,
                );
                IonFlux { outward_per_s: out * per_mol, inward_per_s: inw * per_mol }
            })
            .collect();
        // One net elementary charge per cycle: cycles/s = I·A/e (µA → A is 1e-6).
        let pump_cycles_per_s =
            self.pump_current_ua_per_cm2().map_or(0.0, |i| i * 1e-6 * sphere.area_cm2() / ELEMENTARY_CHARGE_C);
        Fluxes { ions, pump_cycles_per_s }
    }

    // ----- changes a learner makes while the model runs -----
    //
    // Each validates the whole resulting scenario first; on error nothing changes.

    fn with_parameters(&mut self, edit: impl FnOnce(&mut Scenario)) -> Result<(), ModelError> {
        let mut s = self.scenario.clone();
        edit(&mut s);
        // Validate against the *present* inside concentrations, which are what the model uses.
        Scenario { ions: s.ions_with_inside(self.inside_mm()), ..s.clone() }.validate()?;
        self.sys = System::new(&s);
        self.mv_per_mm = mv_per_mm(&s);
        self.scenario = s;
        self.stepper.restart();
        Ok(())
    }

    fn ion(&self, index: usize) -> Result<usize, ModelError> {
        if index < self.sys.n {
            Ok(index)
        } else {
            Err(ModelError::new("ion", format!("must be an ion index from 0 to {}; got {index}", self.sys.n - 1)))
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
            return Err(ModelError::new("pump", "this cell has no pump"));
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
        let z = f64::from(self.sys.charge[i]);
        self.fixed_charge_mm -= z * (value_mm - self.y[1 + i]);
        self.y[1 + i] = value_mm;
        self.stepper.restart();
        Ok(())
    }
}

/// Unidirectional whole-cell fluxes of one ion.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct IonFlux {
    pub outward_per_s: f64,
    pub inward_per_s: f64,
}

/// Everything the crossing animation needs.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Fluxes {
    pub ions: Vec<IonFlux>,
    pub pump_cycles_per_s: f64,
}

fn mv_per_mm(s: &Scenario) -> f64 {
    let sphere = Sphere { radius_um: s.cell.radius_um };
    // V[V] = F·(W/A)[cm]·Σ[mM]·1e-6 mol/cm³ / (C[µF/cm²]·1e-6): the 1e-6 cancel.
    1e3 * FARADAY_C_PER_MOL / sphere.area_per_volume_per_cm() / s.cell.capacitance_uf_per_cm2
}

fn net_charge_mm(s: &Scenario, y: &Vector) -> f64 {
    s.ions.iter().enumerate().map(|(i, ion)| f64::from(ion.charge) * y[1 + i]).sum()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::integrator::StiffSystem;

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
        let m = Membrane::new(&s).unwrap();
        let sys = &m.sys;
        let mut y = m.y;
        y[0] = -40.0;
        y[2] = 30.0;
        let n = sys.dim();
        let mut j = [[0.0; MAX_DIM]; MAX_DIM];
        sys.jacobian(&y, &mut j);
        for col in 0..n {
            // Central differences: relative steps large enough to stay clear of rounding.
            let h = if col == 0 { 1e-5 } else { 1e-4 * y[col].abs().max(1.0) };
            let (mut yp, mut ym) = (y, y);
            yp[col] += h;
            ym[col] -= h;
            let (mut fp, mut fm) = ([0.0; MAX_DIM], [0.0; MAX_DIM]);
            sys.rhs(&yp, &mut fp);
            sys.rhs(&ym, &mut fm);
            for row in 0..n {
                let fd = (fp[row] - fm[row]) / (2.0 * h);
                let tol = 1e-5 * (fd.abs() + j[row][col].abs()) + 1e-12;
                assert!((fd - j[row][col]).abs() <= tol, "J[{row}][{col}] = {} vs fd {fd}", j[row][col]);
            }
        }
    }
}
