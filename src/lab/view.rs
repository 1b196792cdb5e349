//! The page's two views of the same lab: the learner's (the page's first) and the full
//! lab. Numbers and keys only; `present` words the switch between them.

/// Which of the page's two views of the lab shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum View {
    /// The learner's view, the page's first: the membrane, V, the trace, the time
    /// controls and [`LEARNER_CONTROLS`].
    #[default]
    Learn,
    /// The full lab: every control and every number.
    Lab,
}

/// The controls the learner's view shows, as patterns (`lock::matches`): the few the
/// explainers' story turns on (the bath's K⁺, the Na⁺ leak, the temperature, the pump
/// and, in a plant cell, its H⁺ pump).
pub const LEARNER_CONTROLS: [&str; 5] =
    ["ion.K.outside", "ion.Na.permeability", "temperature", "pump.running", "proton_pump.running"];
