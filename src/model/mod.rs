//! The pure physics core: no web code, only std, serde and a seeded PRNG.
//! Everything the page shows is computed here and tested natively.

pub mod constants;
pub mod crossings;
pub mod error;
pub mod integrator;
pub mod membrane;
pub mod physics;
pub mod presets;
pub mod report;
pub mod scenario;

pub use error::ModelError;
pub use membrane::Membrane;
pub use report::Report;
pub use scenario::{Cell, Ion, Pump, Scenario};
