//! The data table and the printed worksheet, in words: the rows the lab recorded
//! (`lab::records`) as the page shows them, and the state a worksheet prints (the
//! preset and every value changed from it).

use serde::Serialize;

use super::catalog::Catalog;
use super::format::{ion_label, Formats};
use super::words::{control_label_charged, control_text};
use crate::lab::records::Record;
use crate::lab::Lab;

/// The data table as the page shows it: column headings and rows of cells.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RecordsTable {
    pub columns: Vec<String>,
    pub rows: Vec<Vec<String>>,
    /// "3 rows", or what to do when there are none.
    pub status: String,
}

/// What changed from the preset, one phrase per control ("K⁺ outside (mM): 10.0 mM").
pub fn changes(record: &Record, catalog: &Catalog) -> Vec<String> {
    record
        .changed
        .iter()
        .map(|(spec, charge, value)| {
            catalog.format(
                "record-change",
                &[
                    ("control", &control_label_charged(spec, *charge, catalog)),
                    ("value", &control_text(spec, *value, catalog)),
                ],
            )
        })
        .collect()
}

/// The table of every row recorded so far.
pub fn records_table(lab: &Lab, catalog: &Catalog) -> RecordsTable {
    let f = Formats { catalog };
    let records = lab.records();
    // A column per ion any row has, labelled with the charge first seen.
    let mut ions: Vec<(String, i32)> = Vec::new();
    for r in records {
        for (name, charge, _) in &r.nernst_mv {
            if !ions.iter().any(|(n, _)| n == name) {
                ions.push((name.clone(), *charge));
            }
        }
    }
    let mut columns: Vec<String> = ["records-col-n", "records-col-cell", "records-col-t", "records-col-v"]
        .iter()
        .map(|id| catalog.text(id))
        .collect();
    columns.extend(ions.iter().map(|(n, z)| catalog.format("records-col-e", &[("ion", &ion_label(n, *z))])));
    columns.push(catalog.text("records-col-ghk"));
    columns.push(catalog.text("records-col-pump"));
    columns.push(catalog.text("records-col-changed"));
    let dash = || catalog.text("records-none");
    let mv = |x: Option<f64>| x.map_or_else(dash, |v| f.mv(v));
    let rows = records
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let mut row = vec![
                f.whole((i + 1) as f64),
                catalog.text(&format!("preset-{}-title", r.preset)),
                f.duration(r.time_s),
                f.mv(r.voltage_mv),
            ];
            for (name, _) in &ions {
                row.push(mv(r.nernst_mv.iter().find(|(n, _, _)| n == name).and_then(|(_, _, e)| *e)));
            }
            row.push(mv(r.ghk_mv));
            row.push(r.pump_ua_per_cm2.map_or_else(dash, |c| f.current(c)));
            let changed = changes(r, catalog);
            row.push(if changed.is_empty() { catalog.text("records-unchanged") } else { changed.join("; ") });
            row
        })
        .collect();
    let status = if records.is_empty() {
        catalog.text("records-empty")
    } else if records.len() == 1 {
        catalog.text("records-count-one")
    } else {
        catalog.format("records-count", &[("count", &f.whole(records.len() as f64))])
    };
    RecordsTable { columns, rows, status }
}

/// The printed worksheet's state: the cell and every value changed from its preset.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Worksheet {
    pub title: String,
    /// "Mammalian neuron · V −73.8 mV · t 12.0 s"
    pub state: String,
    pub changes: Vec<String>,
}

pub fn worksheet(lab: &Lab, catalog: &Catalog) -> Worksheet {
    let f = Formats { catalog };
    let now = lab.record_now();
    let changed = changes(&now, catalog);
    Worksheet {
        title: catalog.text("print-heading"),
        state: catalog.format(
            "print-state",
            &[
                ("cell", &catalog.text(&format!("preset-{}-title", lab.preset_id()))),
                ("voltage", &f.mv(now.voltage_mv)),
                ("time", &f.duration(now.time_s)),
            ],
        ),
        changes: if changed.is_empty() { vec![catalog.text("print-unchanged")] } else { changed },
    }
}
