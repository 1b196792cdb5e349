//! What each picture shows, in words, for a learner who cannot see the canvases: the
//! scene (which ions cross which way and how fast, the pumps, the skin of charge), the
//! voltage trace (its range and trend over the window, each E line), the ion balance
//! and V against K⁺ outside. Every number comes from the lab's measures, and each
//! sentence from the catalog; the page keeps them in the canvases' descriptions,
//! which a screen reader reads on request and never announces by itself.

use serde::Serialize;

use super::catalog::{read_decimal, Catalog};
use super::format::{ion_label, significant, Formats};
use crate::lab::measures::{KPoint, PumpMeasure};
use crate::lab::{Lab, Measures, SPIKE_MV, SPIKE_REARM_MV};
use vrest_core::Transporter;

/// A net flow smaller than this (ions per second, whole cell) reads as none.
const NO_FLOW_PER_S: f64 = 1.0;
/// Over the last tenth of the trace window V must move this far to be rising or falling.
const TREND_MV: f64 = 0.5;
const TREND_FRACTION: f64 = 0.1;

/// One description per picture.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct Descriptions {
    pub scene: String,
    pub trace: String,
    pub bars: String,
    pub kchart: String,
}

impl Descriptions {
    pub fn new(lab: &Lab, m: &Measures, catalog: &Catalog) -> Descriptions {
        Descriptions {
            scene: scene(lab, m, catalog),
            trace: trace(lab.trace(), lab.last_spike(), m, catalog),
            bars: bars(m, catalog),
            kchart: kchart(m, catalog),
        }
    }
}

fn join(sentences: Vec<String>) -> String {
    sentences.into_iter().filter(|s| !s.is_empty()).collect::<Vec<_>>().join(" ")
}

fn scene(lab: &Lab, m: &Measures, catalog: &Catalog) -> String {
    let f = Formats { catalog };
    let fluxes = lab.membrane().fluxes();
    let mut out = Vec::new();
    let mut still = Vec::new();
    for (i, (ion, flux)) in m.ions.iter().zip(&fluxes.ions).enumerate() {
        // Each ion's whole flux: its leak's and its gated channels'.
        let (outward, inward) = fluxes
            .gated
            .iter()
            .filter(|g| g.ion == i)
            .fold((flux.outward_per_s, flux.inward_per_s), |(o, n), g| (o + g.outward_per_s, n + g.inward_per_s));
        if ion.permeability_cm_per_s <= 0.0 && outward + inward <= 0.0 {
            continue;
        }
        let label = ion_label(&ion.name, ion.charge);
        let net = outward - inward;
        if net.abs() < NO_FLOW_PER_S {
            still.push(label);
            continue;
        }
        let id = if net > 0.0 { "describe-ion-out" } else { "describe-ion-in" };
        out.push(catalog.format(
            id,
            &[("ion", &label), ("rate", &f.count(net.abs())), ("current", &f.current(ion.current_ua_per_cm2))],
        ));
    }
    if !still.is_empty() {
        out.push(catalog.format("describe-ion-balanced", &[("ions", &still.join(", "))]));
    }
    for g in &fluxes.gated {
        let Some(ion) = m.ions.get(g.ion) else { continue };
        let open = f.with("value-percent", &format!("{:.0}", g.open_fraction * 100.0));
        out.push(catalog.format("describe-gated", &[("ion", &ion_label(&ion.name, ion.charge)), ("open", &open)]));
    }
    let pump = |p: &PumpMeasure, running: &str, blocked: &str| {
        if p.running {
            catalog.format(
                running,
                &[("cycles", &f.sci(p.cycles_per_s, 2)), ("current", &f.current(p.current_ua_per_cm2))],
            )
        } else {
            catalog.text(blocked)
        }
    };
    if let Some(p) = &m.pump {
        out.push(pump(p, "describe-pump", "describe-pump-blocked"));
    }
    if let Some(p) = &m.proton_pump {
        out.push(pump(p, "describe-proton-pump", "describe-proton-pump-blocked"));
    }
    let s = lab.membrane().scenario();
    for t in Transporter::ALL.into_iter().filter(|t| t.part().present_in(s)) {
        if let Some((forward, reverse)) = cycle_sentences(t) {
            let rate = fluxes.cycles_per_s(t);
            let id = if rate >= 0.0 { forward } else { reverse };
            out.push(catalog.format(id, &[("rate", &f.count(rate.abs()))]));
        }
    }
    let c = &m.charge;
    let skin = if c.ions_moved < NO_FLOW_PER_S {
        catalog.text("describe-skin-none")
    } else {
        catalog.format(
            if m.voltage_mv < 0.0 { "describe-skin-negative" } else { "describe-skin-positive" },
            &[("voltage", &f.mv(m.voltage_mv)), ("count", &f.count(c.ions_moved))],
        )
    };
    out.push(skin);
    if lab.reduced_motion() {
        out.push(catalog.text("describe-reduced-motion"));
    }
    join(out)
}

/// Spikes in a run of (t, V) points: V up through `SPIKE_MV` after being below
/// `SPIKE_REARM_MV` (the lab's own rule for counting them).
fn spikes_in(points: &[(f64, f64)]) -> usize {
    let mut armed = false;
    let mut n = 0;
    for &(_, v) in points {
        if v < SPIKE_REARM_MV {
            armed = true;
        } else if v >= SPIKE_MV && armed {
            armed = false;
            n += 1;
        }
    }
    n
}

fn trace(
    points: &[(f64, f64)],
    spike: Option<&crate::lab::spike::SpikeShape>,
    m: &Measures,
    catalog: &Catalog,
) -> String {
    let f = Formats { catalog };
    let window = f.duration(m.lab.trace_window_s);
    let Some(&(t_end, v_end)) = points.last() else {
        return catalog.format("describe-trace-empty", &[("voltage", &f.mv(m.voltage_mv))]);
    };
    let (low, high) = points.iter().fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), p| (a.min(p.1), b.max(p.1)));
    let from = t_end - TREND_FRACTION * m.lab.trace_window_s;
    let earlier = points[points.partition_point(|p| p.0 < from).min(points.len() - 1)].1;
    let trend = if v_end - earlier > TREND_MV {
        "rising"
    } else if earlier - v_end > TREND_MV {
        "falling"
    } else {
        "steady"
    };
    let (low, high) = (f.mv(low), f.mv(high));
    let mut out = vec![if low == high {
        catalog.format("describe-trace-flat", &[("window", &window), ("voltage", &f.mv(v_end))])
    } else {
        catalog.format(
            "describe-trace",
            &[("window", &window), ("low", &low), ("high", &high), ("voltage", &f.mv(v_end)), ("trend", trend)],
        )
    }];
    let spikes = spikes_in(points);
    match spikes {
        0 => {}
        1 => out.push(catalog.text("describe-trace-spike")),
        n => out.push(catalog.format("describe-trace-spikes", &[("count", &f.whole(n as f64))])),
    }
    // The latest spike's shape, as the inset draws it.
    if let Some(s) = spike {
        let width = s.width_s.map_or_else(|| catalog.text("records-none"), |w| f.duration(w));
        out.push(catalog.format(
            "describe-last-spike",
            &[("peak", &f.mv(s.peak_mv)), ("width", &width), ("time", &f.duration(s.peak_s()))],
        ));
    }
    let mut lines: Vec<String> = m
        .ions
        .iter()
        .filter_map(|ion| {
            let e = ion.nernst_mv?;
            Some(catalog.format(
                "describe-line",
                &[("name", &catalog.format("chart-nernst", &[("ion", &ion.name)])), ("value", &f.mv(e))],
            ))
        })
        .collect();
    if let Some(g) = m.ghk_mv {
        lines.push(catalog.format("describe-line", &[("name", &catalog.text("chart-ghk")), ("value", &f.mv(g))]));
    }
    if !lines.is_empty() {
        out.push(catalog.format("describe-trace-lines", &[("lines", &lines.join(", "))]));
    }
    join(out)
}

fn bars(m: &Measures, catalog: &Catalog) -> String {
    let f = Formats { catalog };
    join(
        m.ions
            .iter()
            .map(|ion| {
                let label = ion_label(&ion.name, ion.charge);
                let (i, o) = (ion.inside_mm, ion.outside_mm);
                let e = ion.nernst_mv.map_or_else(|| catalog.text("describe-e-infinite"), |e| f.mv(e));
                let args = |ratio: f64| {
                    [
                        ("ion", label.clone()),
                        ("inside", f.conc(i)),
                        ("outside", f.conc(o)),
                        // Two figures, with thousands grouped: "28", "12,000".
                        (
                            "ratio",
                            if ratio >= 1e3 {
                                f.whole(read_decimal(&significant(ratio, 2)).unwrap_or(ratio))
                            } else {
                                f.sig(ratio, 2)
                            },
                        ),
                        ("e", e.clone()),
                    ]
                };
                let (id, a) = if i > 0.0 && o > 0.0 && i >= o {
                    ("describe-bar-inside", args(i / o))
                } else if i > 0.0 && o > 0.0 {
                    ("describe-bar-outside", args(o / i))
                } else {
                    ("describe-bar-one-side", args(0.0))
                };
                let a: Vec<(&str, &str)> = a.iter().map(|(k, v)| (*k, v.as_str())).collect();
                catalog.format(id, &a)
            })
            .collect(),
    )
}

/// One curve of the sweep at `k_mm`, interpolated linearly in log K⁺ between the two
/// points around it (exact for E_K, which is a straight line on that axis).
fn at_k(points: &[KPoint], k_mm: f64, pick: fn(&KPoint) -> Option<f64>) -> Option<f64> {
    let i = points.partition_point(|p| p.k_out_mm < k_mm);
    let (a, b) = match (i.checked_sub(1).and_then(|j| points.get(j)), points.get(i)) {
        (Some(a), Some(b)) => (a, b),
        (None, Some(b)) => (b, b),
        (Some(a), None) => (a, a),
        (None, None) => return None,
    };
    let (va, vb) = (pick(a)?, pick(b)?);
    let span = (b.k_out_mm / a.k_out_mm).ln();
    let f = if span > 0.0 { (k_mm / a.k_out_mm).ln() / span } else { 0.0 };
    Some(va + f * (vb - va))
}

fn kchart(m: &Measures, catalog: &Catalog) -> String {
    let f = Formats { catalog };
    let (Some(k_now), false) = (m.k_out_mm, m.k_sweep.is_empty()) else {
        return catalog.text("describe-kchart-none");
    };
    let at = |k: f64, pick: fn(&KPoint) -> Option<f64>| {
        at_k(&m.k_sweep, k, pick).map_or_else(|| catalog.text("describe-e-infinite"), |v| f.mv(v))
    };
    let row = |pick: fn(&KPoint) -> Option<f64>| [at(1.0, pick), at(10.0, pick), at(100.0, pick)];
    let (e, g, s) = (row(|p| p.e_k_mv), row(|p| p.ghk_mv), row(|p| p.settled_mv));
    catalog.format(
        "describe-kchart",
        &[
            ("e1", &e[0]),
            ("e10", &e[1]),
            ("e100", &e[2]),
            ("g1", &g[0]),
            ("g10", &g[1]),
            ("g100", &g[2]),
            ("s1", &s[0]),
            ("s10", &s[1]),
            ("s100", &s[2]),
            ("k", &f.conc(k_now)),
            ("voltage", &f.mv(m.voltage_mv)),
        ],
    )
}

/// A transporter's sentence, running forward and in reverse; the H⁺-ATPase is said
/// with the pumps (its current, whether it is blocked).
fn cycle_sentences(t: Transporter) -> Option<(&'static str, &'static str)> {
    match t {
        Transporter::Kcc2 => Some(("describe-kcc2-out", "describe-kcc2-in")),
        Transporter::Ncx => Some(("describe-ncx-forward", "describe-ncx-reverse")),
        Transporter::KhExchanger => Some(("describe-kh-forward", "describe-kh-reverse")),
        Transporter::ProtonPump => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spikes_are_counted_by_the_lab_s_rule() {
        let pts = [(0.0, -70.0), (1.0, 10.0), (2.0, 5.0), (3.0, -10.0), (4.0, 2.0), (5.0, -80.0), (6.0, 30.0)];
        // The dip to −10 mV does not re-arm: two spikes, not three.
        assert_eq!(spikes_in(&pts), 2);
        assert_eq!(spikes_in(&[(0.0, 5.0), (1.0, 8.0)]), 0);
    }
}
