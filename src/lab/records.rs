//! The data table a student fills for a lab report: "Record" captures the present
//! values (t, V, every E_ion, the passive GHK voltage, the pump's current, and which
//! controls differ from the preset) as one row; the table exports as CSV. Numbers
//! only; `src/present` words the table.

use vrest_core::rows;

use super::controls::ControlSpec;
use super::{Lab, LabError};

/// The most rows the table keeps: a lab session records tens.
pub const MAX_RECORDS: usize = 500;

/// One row of the table.
#[derive(Debug, Clone, PartialEq)]
pub struct Record {
    /// The preset the lab was on.
    pub preset: &'static str,
    pub time_s: f64,
    pub voltage_mv: f64,
    /// Every ion's name, charge and E_ion (None where a concentration is 0).
    pub nernst_mv: Vec<(String, i32, Option<f64>)>,
    /// The passive (GHK) voltage; None where no permeant ion carries current both ways.
    pub ghk_mv: Option<f64>,
    /// The cell's primary pump's current, µA/cm² outward (the Na⁺/K⁺ pump, or the
    /// plant's H⁺ pump); None in a cell without one.
    pub pump_ua_per_cm2: Option<f64>,
    /// The controls whose value differs from the preset's: the control, its ion's
    /// charge (for an ion's control) and the value now.
    pub changed: Vec<(ControlSpec, Option<i32>, f64)>,
}

impl Lab {
    /// The present values as a row (not yet in the table).
    pub fn record_now(&self) -> Record {
        let m = self.measure();
        let changed = self
            .changed_controls()
            .into_iter()
            .map(|(spec, now)| {
                let charge = spec.ion_index.and_then(|i| self.membrane().scenario().ions.get(i)).map(|i| i.charge);
                (spec, charge, now)
            })
            .collect();
        Record {
            preset: self.preset_id(),
            time_s: m.time_s,
            voltage_mv: m.voltage_mv,
            nernst_mv: m.ions.iter().map(|i| (i.name.clone(), i.charge, i.nernst_mv)).collect(),
            ghk_mv: m.ghk_mv,
            pump_ua_per_cm2: m.pump.or(m.proton_pump).map(|p| p.current_ua_per_cm2),
            changed,
        }
    }

    /// Add the present values to the table (`Command::Record`).
    pub(super) fn record(&mut self) -> Result<(), LabError> {
        if self.teaching.records.len() >= MAX_RECORDS {
            return Err(LabError::TableFull { max: MAX_RECORDS });
        }
        // A change made while paused has not reached V: the row would say that K⁺ at
        // 20 mM gives the V of 5 mM. Time must run first (Play or Step forward).
        if self.paused_edit() {
            return Err(LabError::NotFollowed);
        }
        let row = self.record_now();
        self.teaching.records.push(row);
        Ok(())
    }

    /// The rows recorded so far, oldest first.
    pub fn records(&self) -> &[Record] {
        &self.teaching.records
    }

    /// The table as CSV: `n,preset,t_s,v_mv,ghk_mv,pump_ua_per_cm2,E_<ion>_mv…,changed`,
    /// with a column for every ion any row has (empty where a row's cell lacks it) and
    /// the changed controls as `key=value` joined by `;` (keys as in doc/controls.md).
    /// Every cell with text goes through [`rows::csv_cell`] (no formula, RFC 4180).
    pub fn records_csv(&self) -> String {
        let names = record_ion_names(&self.teaching.records);
        let mut cells: Vec<String> =
            ["n", "preset", "t_s", "v_mv", "ghk_mv", "pump_ua_per_cm2"].iter().map(|s| s.to_string()).collect();
        cells.extend(names.iter().map(|n| rows::csv_cell(&format!("E_{n}_mv"))));
        cells.push("changed".to_string());
        let mut out = cells.join(",") + "\n";
        let opt = |x: Option<f64>| x.map(rows::number).unwrap_or_default();
        for (n, r) in self.teaching.records.iter().enumerate() {
            let mut line =
                vec![(n + 1).to_string(), rows::csv_cell(r.preset), rows::number(r.time_s), rows::number(r.voltage_mv)];
            line.push(opt(r.ghk_mv));
            line.push(opt(r.pump_ua_per_cm2));
            for name in &names {
                line.push(opt(r.nernst_mv.iter().find(|(i, _, _)| i == name).and_then(|(_, _, e)| *e)));
            }
            let changed: Vec<String> =
                r.changed.iter().map(|(spec, _, v)| format!("{}={}", spec.key, rows::number(*v))).collect();
            line.push(rows::csv_cell(&changed.join(";")));
            out.push_str(&line.join(","));
            out.push('\n');
        }
        out
    }
}

/// Every ion name the rows have, in the order first seen (with its charge).
pub fn record_ion_names(records: &[Record]) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    for r in records {
        for (name, _, _) in &r.nernst_mv {
            if !names.contains(name) {
                names.push(name.clone());
            }
        }
    }
    names
}
