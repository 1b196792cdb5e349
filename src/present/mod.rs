//! Everything a person reads: the text catalog, number formats, the readout, the words
//! for controls and errors, the voltage chart and every colour. It reads the lab's
//! numbers and never changes them.
//!
//! Layers: `vrest_core` ← `lab` ← `present` ← `web`. Nothing here imports `web` or a
//! wasm crate, so the chart renders natively (to SVG in tests) as on the page.

pub mod announce;
pub mod catalog;
pub mod chart;
pub mod describe;
pub mod format;
mod ftl;
pub mod kchart;
pub mod lesson;
pub mod palette;
pub mod readout;
pub mod records;
pub mod share;
pub mod timeline;
pub mod words;

pub use catalog::Catalog;
pub use readout::Readout;
