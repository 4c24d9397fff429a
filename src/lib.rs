//! funnelsim: a marketing & sales funnel simulator (pure model, charts, and the browser UI).
//!
//! * [`model`] — funnel math, scenario types, validation and the URL codec; pure Rust,
//!   no browser dependency, tested natively.
//! * [`charts`] — plotters drawings, generic over the drawing backend.
//! * `ui` — the yew application (compiled for `wasm32` only).

pub mod charts;
pub mod model;

#[cfg(target_arch = "wasm32")]
pub mod ui;
