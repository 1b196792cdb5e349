//! Vrest: an interactive lab of the resting membrane potential.
//!
//! - [`model`]: the pure physics core (Nernst, GHK, the Na⁺/K⁺ pump, the coupled
//!   membrane model, presets, the scenario format), tested natively.
//! - `web` (wasm32 only): the single JS-facing handle that paints the page.

pub mod model;
