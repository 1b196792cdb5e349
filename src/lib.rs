//! Vrest: an interactive lab of the resting membrane potential.
//!
//! - [`model`]: the pure physics core (Nernst, GHK, the Na⁺/K⁺ pump, the coupled
//!   membrane model, presets, the scenario format, the lab behind the page), tested
//!   natively.
//! - [`chart`]: the voltage trace, generic over the plotters backend.
//! - [`palette`]: the ions' colours and shapes.
//! - `web` (wasm32 only): the single JS-facing handle that paints the page.

pub mod chart;
pub mod model;
pub mod palette;

#[cfg(target_arch = "wasm32")]
pub mod web;
