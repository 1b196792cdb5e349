//! Vrest: an interactive lab of the resting membrane potential.
//!
//! Four layers, each importing only the ones before it:
//! - `vrest_core` (crates/vrest-core): the physics, the scenario format and the presets;
//! - [`lab`]: the state behind the page in numbers (play, speed, history, trace,
//!   controls, the particles), changed only by a [`lab::Command`];
//! - [`present`]: every word and colour: the catalog, formats, readout and chart;
//! - `web` (wasm32 only): the one JS-facing handle and the canvas painting.
//!
//! tests/layers.rs fails if a lower layer names a higher one, or if modules import
//! each other in a circle.

pub mod lab;
pub mod present;

#[cfg(target_arch = "wasm32")]
pub mod web;
