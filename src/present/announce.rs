//! What the page says aloud through its one polite live region: changes of the
//! membrane potential, in words, at a pace a screen-reader user can follow.
//!
//! Timing follows PhET's utterance queue (phetsims/utterance-queue): at least
//! [`MIN_GAP_MS`] between announcements, and after a learner's action a wait of
//! [`AFTER_ACTION_MS`] so that the control's own new value is heard first. It says how
//! V is changing ("Depolarising toward E K; now negative 62 millivolts") when V has
//! moved by [`STEP_MV`] since it last spoke, or what a change did when V settled before
//! it could speak ("Depolarised by 8 millivolts; steady at negative 66 millivolts"),
//! says "Steady at …" once when V stops moving, then stays quiet; it never says the
//! same sentence twice in a row.
//!
//! The readout's voltage stays on screen every frame but is not a live region: a
//! screen reader would otherwise hear 15 numbers a second.

use super::catalog::Catalog;
use crate::lab::measures::IonMeasure;
use crate::lab::SPIKE_REARM_MV;

/// Shortest gap between two announcements, real milliseconds.
pub const MIN_GAP_MS: f64 = 1000.0;
/// After an action, wait this long before describing its effect.
pub const AFTER_ACTION_MS: f64 = 1000.0;
/// V must have moved this far since the last announcement to be worth another.
pub const STEP_MV: f64 = 2.0;
/// V counts as steady when it moved less than this over the last `WINDOW_MS`.
const STEADY_MV: f64 = 0.05;
const WINDOW_MS: f64 = 500.0;
/// A settled change smaller than this is not worth describing.
const CHANGE_MV: f64 = 0.5;
/// Spikes are told at most this often (the ones between are counted together), and
/// while a cell fires, V's ups and downs between spikes are not described.
pub const SPIKE_GAP_MS: f64 = 3000.0;

/// One frame's numbers the announcer needs.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Moment<'a> {
    pub now_ms: f64,
    pub voltage_mv: f64,
    /// How many actions the learner has taken (`Lab::actions`).
    pub action: u64,
    /// Each ion's E and share of the membrane conductance (the last measures).
    pub ions: &'a [IonMeasure],
    /// Spikes so far (`Lab::spikes`) and the latest one's peak.
    pub spikes: u64,
    pub spike_peak_mv: Option<f64>,
}

/// The announcer's memory.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Announcer {
    last_text: Option<String>,
    last_ms: f64,
    /// V when it last spoke, or when the last action came: what a change is measured from.
    reference_mv: Option<f64>,
    said_steady: bool,
    /// The action seen last and when it was first seen.
    action: Option<(u64, f64)>,
    /// Recent (ms, V), oldest first, spanning a little over `WINDOW_MS`.
    recent: std::collections::VecDeque<(f64, f64)>,
    /// Spikes already told (None before the first frame), when the count last moved,
    /// and when spikes were last told.
    spikes_said: Option<u64>,
    seen_spikes: u64,
    spike_seen_ms: Option<f64>,
    spike_said_ms: Option<f64>,
}

impl Announcer {
    /// Feed one frame; returns a sentence when it is time to say one.
    pub fn update(&mut self, m: &Moment, catalog: &Catalog) -> Option<String> {
        let v = m.voltage_mv;
        // V as it was before this frame ran: where an action found it.
        let before = self.recent.back().map_or(v, |&(_, last)| last);
        self.recent.push_back((m.now_ms, v));
        while self.recent.len() > 2 && self.recent[1].0 <= m.now_ms - WINDOW_MS {
            self.recent.pop_front();
        }
        let acted_at = match self.action {
            Some((a, at)) if a == m.action => at,
            _ => {
                // A new action: what follows is measured from here.
                self.action = Some((m.action, m.now_ms));
                self.said_steady = false;
                self.reference_mv = Some(before);
                m.now_ms
            }
        };
        let said = *self.spikes_said.get_or_insert(m.spikes);
        if m.spikes < said {
            // The lab started over: count from here.
            self.spikes_said = Some(m.spikes);
        }
        let new_spikes = m.spikes.saturating_sub(said);
        if new_spikes > 0 && self.seen_spikes != m.spikes {
            self.seen_spikes = m.spikes;
            self.spike_seen_ms = Some(m.now_ms);
        }
        if m.now_ms - acted_at < AFTER_ACTION_MS || m.now_ms - self.last_ms < MIN_GAP_MS {
            return None;
        }
        if new_spikes > 0 {
            return self.spikes(m, said, catalog);
        }
        if self.spike_seen_ms.is_some_and(|t| m.now_ms - t < SPIKE_GAP_MS) {
            // Firing: the spikes are the news, not V's swings between them.
            return None;
        }
        let (t0, v0) = self.recent[0];
        let steady = m.now_ms - t0 >= WINDOW_MS && (v - v0).abs() < STEADY_MV;
        let reference = self.reference_mv.unwrap_or(v);
        let change = v - reference;
        let voltage = millivolts(v, catalog);
        // (settled, rising): what happened, and the ion V went toward, if any.
        let (settled, rising, toward) = if steady {
            if change.abs() >= CHANGE_MV {
                // Settled before it could be described: V may have crossed the E it was
                // heading for (raising K⁺ outside takes V past the new E_K), so name none.
                (true, change > 0.0, None)
            } else if self.said_steady {
                return None;
            } else {
                let text = catalog.format("announce-steady", &[("voltage", &voltage)]);
                return self.say(text, m.now_ms, v, true);
            }
        } else if change.abs() >= STEP_MV || self.last_text.is_none() {
            let rising = v > v0;
            (false, rising, target(m, rising, v))
        } else {
            return None;
        };
        let id = match (settled, rising, toward.is_some()) {
            (true, true, _) => "announce-rose",
            (true, false, _) => "announce-fell",
            (false, true, true) => "announce-rising-toward",
            (false, true, false) => "announce-rising",
            (false, false, true) => "announce-falling-toward",
            (false, false, false) => "announce-falling",
        };
        let text = catalog.format(
            id,
            &[("voltage", &voltage), ("ion", toward.unwrap_or("")), ("change", &millivolts(change.abs(), catalog))],
        );
        self.say(text, m.now_ms, v, steady)
    }

    /// The spikes since the last one said, told once the spike is over (so its peak is
    /// known) and at most one sentence per SPIKE_GAP_MS.
    fn spikes(&mut self, m: &Moment, said: u64, catalog: &Catalog) -> Option<String> {
        let v = m.voltage_mv;
        let new_spikes = m.spikes.saturating_sub(said);
        if self.spike_said_ms.is_some_and(|t| m.now_ms - t < SPIKE_GAP_MS) || v >= SPIKE_REARM_MV {
            return None;
        }
        let peak = m.spike_peak_mv.map_or_else(|| millivolts(v, catalog), |p| millivolts(p, catalog));
        let (first, last) = (catalog.number(&(said + 1).to_string()), catalog.number(&m.spikes.to_string()));
        let now = millivolts(v, catalog);
        let text = if new_spikes == 1 {
            catalog.format("announce-spike", &[("number", &last), ("peak", &peak), ("voltage", &now)])
        } else {
            catalog.format("announce-spikes", &[("first", &first), ("last", &last), ("peak", &peak), ("voltage", &now)])
        };
        self.spikes_said = Some(m.spikes);
        self.spike_said_ms = Some(m.now_ms);
        self.say(text, m.now_ms, v, false)
    }

    /// Say `text` unless it was the last sentence, and remember it.
    fn say(&mut self, text: String, now_ms: f64, v: f64, steady: bool) -> Option<String> {
        if self.last_text.as_deref() == Some(text.as_str()) {
            return None;
        }
        self.said_steady = steady;
        self.reference_mv = Some(v);
        self.last_ms = now_ms;
        self.last_text = Some(text.clone());
        Some(text)
    }
}

/// Of the ions whose E lies the way V is going from `from_mv`, the one with the largest
/// share of the conductance: the ion V is heading toward.
fn target<'a>(m: &Moment<'a>, rising: bool, from_mv: f64) -> Option<&'a str> {
    m.ions
        .iter()
        .filter(|i| i.nernst_mv.is_some_and(|e| if rising { e > from_mv } else { e < from_mv }))
        .max_by(|a, b| a.conductance_share.total_cmp(&b.conductance_share))
        .map(|i| i.name.as_str())
}

/// "negative 74 millivolts": whole millivolts, the sign in words.
pub fn millivolts(v_mv: f64, catalog: &Catalog) -> String {
    if !v_mv.is_finite() {
        return crate::present::format::UNDEFINED.to_string();
    }
    let whole = v_mv.round();
    let digits = format!("{}", whole.abs());
    // −0.4 rounds to −0: say "0".
    let value = if whole < 0.0 { catalog.format("spoken-negative", &[("value", &digits)]) } else { digits };
    catalog.format(if whole.abs() == 1.0 { "spoken-mv-one" } else { "spoken-mv" }, &[("value", &value)])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn voltages_are_said_in_whole_millivolts_with_the_sign_in_words() {
        let c = Catalog::english();
        assert_eq!(millivolts(-73.8, &c), "negative 74 millivolts");
        assert_eq!(millivolts(12.4, &c), "12 millivolts");
        assert_eq!(millivolts(-0.3, &c), "0 millivolts");
        assert_eq!(millivolts(1.2, &c), "1 millivolt");
    }
}
