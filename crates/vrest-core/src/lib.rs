//! The physics of Vrest, and nothing a person reads on the page.
//!
//! - [`physics`]: Nernst, the GHK current and voltage (any valence), Mullins–Noda and
//!   the thin skin of separated charge, in closed form.
//! - [`pump`]: the one formula of the Na⁺/K⁺-ATPase (Kager, Wadman & Somjen 2000).
//! - [`membrane`]: the coupled stiff model in which V emerges from the currents,
//!   integrated by [`integrator`] (Rosenbrock 2(3), L-stable, adaptive).
//! - [`types`] and [`scenario`]: the data types and the JSON contract (a patch over a
//!   preset, validated whole); [`presets`]: the cells and cases, by id and numbers.
//! - [`report`] and [`rows`]: what the CLI prints, and the CSV rows the page exports too.
//! - [`sort`]: the one sort every list of the page goes through (smaller than std's).
//!
//! Its only dependencies are serde, serde_json and serde_path_to_error: no RNG, no
//! drawing, no web crates. Conventions: V = φ_in − φ_out in mV, current positive
//! outward in µA/cm², concentrations in mM, T[K] = T[°C] + 273.15 (doc/model.md).

pub mod constants;
pub mod error;
pub mod gates;
pub mod integrator;
pub mod membrane;
pub mod ncx;
pub mod parts;
pub mod physics;
pub mod presets;
pub mod proton_pump;
pub mod pump;
pub mod report;
pub mod rows;
pub mod scenario;
pub mod sort;
pub mod types;

pub use error::ModelError;
pub use integrator::Extremes;
pub use membrane::{Advanced, Fluxes, GatedFlux, IonFlux, Membrane};
pub use parts::{Part, Transporter};
pub use report::Report;
pub use types::{Cell, Gates, Ion, Kcc2, KhExchanger, Ncx, Noble, ProtonPump, Pump, Scenario, Stimulus, Q10};
