//! The pacemaker (`sa-node`): Noble's (1962) channels against an independent
//! integration of his equations, a beat that starts by itself within 2 s and repeats
//! with a period in the measured range, gradients that the pump holds over the beats.

#![cfg(not(target_arch = "wasm32"))] // native tier; the wasm tier is tests/web.rs
#![allow(clippy::unwrap_used, clippy::expect_used)] // a failed unwrap is a failed test

use vrest_core::physics::rt_over_f_mv;
use vrest_core::{presets, Membrane, Scenario};

/// Times (s) at which V crosses 0 mV upward, and the lowest and highest V, sampled
/// every 0.1 ms for `t_s`.
fn beats(s: &Scenario, t_s: f64) -> (Vec<f64>, f64, f64) {
    let mut m = Membrane::new(s).unwrap();
    let (mut up, mut lo, mut hi) = (Vec::new(), f64::INFINITY, f64::NEG_INFINITY);
    let mut before = m.voltage_mv();
    for _ in 0..(t_s / 1e-4) as usize {
        m.advance(1e-4).unwrap();
        let v = m.voltage_mv();
        if before < 0.0 && v >= 0.0 {
            up.push(m.time_s());
        }
        (lo, hi, before) = (lo.min(v), hi.max(v), v);
    }
    (up, lo, hi)
}

/// Noble's equations as printed (ohmic currents, fixed E_Na = +40 and E_K = −100 mV,
/// C = 12 µF/cm², his g_Na,b = 0.14 mS/cm²), by classical RK4 at 5 µs: the upward
/// 0-mV crossings in `t_ms`. Written from the paper, not from the model's code.
fn noble_by_rk4(t_ms: f64) -> Vec<f64> {
    fn rates(v: f64) -> [(f64, f64); 3] {
        [
            (
                0.1 * (-v - 48.0) / (((-v - 48.0) / 15.0).exp() - 1.0),
                0.12 * (v + 8.0) / (((v + 8.0) / 5.0).exp() - 1.0),
            ),
            (0.17 * ((-v - 90.0) / 20.0).exp(), 1.0 / (1.0 + ((-v - 42.0) / 10.0).exp())),
            (0.0001 * (-v - 50.0) / (((-v - 50.0) / 10.0).exp() - 1.0), 0.002 * ((-v - 90.0) / 80.0).exp()),
        ]
    }
    fn f(y: [f64; 4]) -> [f64; 4] {
        let [v, m, h, n] = y;
        let [(am, bm), (ah, bh), (an, bn)] = rates(v);
        let g_na = 400.0 * m.powi(3) * h + 0.14;
        let g_k1 = 1.2 * ((-v - 90.0) / 50.0).exp() + 0.015 * ((v + 90.0) / 60.0).exp();
        let g_k = g_k1 + 1.2 * n.powi(4);
        let i = g_na * (v - 40.0) + g_k * (v + 100.0);
        [-i / 12.0, am * (1.0 - m) - bm * m, ah * (1.0 - h) - bh * h, an * (1.0 - n) - bn * n]
    }
    let add = |y: [f64; 4], k: [f64; 4], s: f64| [0, 1, 2, 3].map(|i| y[i] + s * k[i]);
    let dt = 0.005;
    // Gates start at their steady state at −80 mV, as the model's do.
    let [(am, bm), (ah, bh), (an, bn)] = rates(-80.0);
    let mut y = [-80.0, am / (am + bm), ah / (ah + bh), an / (an + bn)];
    let mut up = Vec::new();
    let mut t = 0.0;
    while t < t_ms {
        let k1 = f(y);
        let k2 = f(add(y, k1, dt / 2.0));
        let k3 = f(add(y, k2, dt / 2.0));
        let k4 = f(add(y, k3, dt));
        let next = [0, 1, 2, 3].map(|i| y[i] + dt / 6.0 * (k1[i] + 2.0 * k2[i] + 2.0 * k3[i] + k4[i]));
        t += dt;
        if y[0] < 0.0 && next[0] >= 0.0 {
            up.push(t / 1e3);
        }
        y = next;
    }
    up
}

/// Noble's own cell in the model: his background Na⁺, no pump, and a cell so large that
/// its concentrations (set for E_Na = +40 and E_K = −100 mV) do not move in seconds.
fn noble_as_printed() -> Scenario {
    let mut s = presets::sa_node();
    s.pump = None;
    s.cell.radius_um = 5_000.0;
    let rt_f = rt_over_f_mv(s.temperature_c).unwrap();
    let (k, na) = (s.ion_index("K").unwrap(), s.ion_index("Na").unwrap());
    s.ions[k].inside_mm = s.ions[k].outside_mm * (100.0 / rt_f).exp();
    s.ions[na].inside_mm = s.ions[na].outside_mm / (40.0 / rt_f).exp();
    s.noble.as_mut().unwrap().na_background_ms_per_cm2 = 0.14;
    s
}

#[test]
fn noble_channels_beat_as_an_independent_integration_of_his_equations() {
    let want = noble_by_rk4(4_000.0);
    let (got, lo, hi) = beats(&noble_as_printed(), 4.0);
    assert!(want.len() >= 4, "the printed equations beat: {want:?}");
    assert_eq!(got.len(), want.len(), "model {got:?} vs printed {want:?}");
    for (a, b) in got.iter().zip(&want) {
        // The 0.1 ms sampling, plus 0.1 % of the time: the model's step control (relative tolerance 1e-6) and the
        // slow drift of its concentrations, which the printed equations do not have.
        assert!((a - b).abs() < 2e-4 + 1e-3 * b, "upstroke at {a} s vs {b} s");
    }
    let period = want[want.len() - 1] - want[want.len() - 2];
    assert!((0.7..0.9).contains(&period), "Noble's cell beats every {period} s");
    // His action potential: a diastole near −85 mV and an overshoot to about +25 mV.
    assert!((-90.0..-80.0).contains(&lo) && (15.0..35.0).contains(&hi), "{lo}..{hi}");
}

#[test]
fn sa_node_fires_on_its_own_within_2_s_and_beats_in_the_measured_range() {
    let info = presets::find("sa-node").unwrap();
    let (p_lo, p_hi) = info.period_s.unwrap();
    let s = presets::build("sa-node").unwrap();
    assert!(s.stimuli.is_empty());
    let (up, lo, hi) = beats(&s, 12.0);
    assert!(up[0] < 2.0, "first upstroke at {} s", up[0]);
    assert!(up.len() >= 8, "{} beats in 12 s", up.len());
    for w in up.windows(2) {
        let period = w[1] - w[0];
        assert!((p_lo..=p_hi).contains(&period), "period {period} s");
    }
    // It never rests: between beats V drifts up from the most negative point.
    assert!((-90.0..-75.0).contains(&lo) && hi > 10.0, "{lo}..{hi}");
}

#[test]
fn the_pump_holds_the_pacemakers_gradients_beat_after_beat() {
    let s = presets::build("sa-node").unwrap();
    let mut m = Membrane::new(&s).unwrap();
    m.advance(300.0).unwrap();
    for (ion, c) in s.ions.iter().zip(m.inside_mm()) {
        // Five minutes of beating (about 300 beats) move nothing by more than 0.05 mM;
        // without the pump, Na⁺ inside rises by more than 10 mM.
        assert!((c - ion.inside_mm).abs() < 0.05, "{}: {} → {c}", ion.name, ion.inside_mm);
    }
    let mut unpumped = s.clone();
    unpumped.pump.as_mut().unwrap().blocked = true;
    let mut m = Membrane::new(&unpumped).unwrap();
    m.advance(300.0).unwrap();
    let na = s.ion_index("Na").unwrap();
    assert!(m.inside_mm()[na] - s.ions[na].inside_mm > 10.0, "{}", m.inside_mm()[na]);
}

#[test]
fn noble_currents_are_ohmic_through_the_present_nernst_potentials() {
    let s = presets::build("sa-node").unwrap();
    let mut m = Membrane::new(&s).unwrap();
    m.advance(0.3).unwrap();
    let [gm, gh, gn] = m.gates().unwrap();
    let v = m.voltage_mv();
    let rt_f = rt_over_f_mv(s.temperature_c).unwrap();
    let (k, na) = (s.ion_index("K").unwrap(), s.ion_index("Na").unwrap());
    let e = |i: usize| rt_f * (s.ions[i].outside_mm / m.inside_mm()[i]).ln();
    let g_k1 = 1.2 * ((-v - 90.0) / 50.0).exp() + 0.015 * ((v + 90.0) / 60.0).exp();
    let want_na = (400.0 * gm.powi(3) * gh + 0.25) * (v - e(na));
    let want_k = (g_k1 + 1.2 * gn.powi(4)) * (v - e(k));
    let got = m.leak_currents_ua_per_cm2();
    assert!((got[na] - want_na).abs() < 1e-9 * want_na.abs().max(1.0), "{} vs {want_na}", got[na]);
    assert!((got[k] - want_k).abs() < 1e-9 * want_k.abs().max(1.0), "{} vs {want_k}", got[k]);
}

/// The picture's split of each ion's flux: Noble's gated Na⁺ (m³h) and delayed-rectifier
/// K⁺ (n⁴) channels carry their own share, the rest goes through the drawn leaks, and
/// the two add up to the ion's whole ohmic current, I = (g_gated + g_other)·(V − E),
/// written out here from Noble's equations: net ions/s = I·A/e.
#[test]
fn noble_s_gated_channels_carry_their_share_of_the_beat() {
    use vrest_core::constants::ELEMENTARY_CHARGE_C;
    use vrest_core::physics::Sphere;
    let s = presets::build("sa-node").unwrap();
    let noble = s.noble.unwrap();
    let q = s.q10.unwrap();
    let scale = q.factor(q.leaks, s.temperature_c);
    let (na, k) = (s.ion_index("Na").unwrap(), s.ion_index("K").unwrap());
    let area = Sphere { radius_um: s.cell.radius_um }.area_cm2();
    let mut m = Membrane::new(&s).unwrap();
    let (mut most_open, mut least_open) = (0.0_f64, 1.0_f64);
    for _ in 0..20_000 {
        m.advance(1e-4).unwrap();
        let f = m.fluxes();
        let [gm, gh, gn] = m.gates().unwrap();
        assert_eq!(f.gated.len(), 2);
        assert!((f.gated[0].open_fraction - gm.powi(3) * gh).abs() < 1e-12);
        assert!((f.gated[1].open_fraction - gn.powi(4)).abs() < 1e-12);
        most_open = most_open.max(f.gated[0].open_fraction);
        least_open = least_open.min(f.gated[0].open_fraction);
        let v = m.voltage_mv();
        let rt_f = rt_over_f_mv(s.temperature_c).unwrap();
        let e = |i: usize| rt_f * (s.ions[i].outside_mm / m.inside_mm()[i]).ln();
        // Noble's I_Na = (g_Na·m³h + g_Na,b)(V − E_Na); I_K = (g_K1(V) + g_K2·n⁴)(V − E_K).
        let k1_shape = ((-v - 90.0) / 50.0).exp() + 0.0125 * ((v + 90.0) / 60.0).exp();
        let i_na = scale * (noble.na_max_ms_per_cm2 * gm.powi(3) * gh + noble.na_background_ms_per_cm2) * (v - e(na));
        let i_k = scale * (noble.k1_ms_per_cm2 * k1_shape + noble.k2_max_ms_per_cm2 * gn.powi(4)) * (v - e(k));
        for (ion, current_ua, g) in [(na, i_na, f.gated[0]), (k, i_k, f.gated[1])] {
            let expected = current_ua * 1e-6 * area / ELEMENTARY_CHARGE_C; // outward positive
            let net = f.ions[ion].outward_per_s - f.ions[ion].inward_per_s + g.outward_per_s - g.inward_per_s;
            let tolerance = 1e-6 * expected.abs().max(1e3);
            assert!((net - expected).abs() <= tolerance, "t {}: ion {ion}: {net} vs {expected}", m.time_s());
        }
    }
    // Noble's Na⁺ channel opens only a few per cent (g_Na 400 mS/cm² needs no more), and
    // many times more in the upstroke than between beats.
    assert!(most_open > 0.01 && most_open > 20.0 * least_open, "Na⁺ open {least_open} → {most_open}");
}
