//! The pure physics core: no web code, only std, serde and a seeded PRNG.
//! Everything the page shows is computed here and tested natively.

pub mod constants;
pub mod controls;
pub mod crossings;
pub mod error;
pub mod format;
pub mod integrator;
pub mod lab;
pub mod membrane;
pub mod physics;
pub mod presets;
pub mod readout;
pub mod report;
pub mod scenario;
pub mod scene;

pub use error::ModelError;
pub use membrane::Membrane;
pub use report::Report;
pub use scenario::{Cell, Ion, Pump, Scenario};
