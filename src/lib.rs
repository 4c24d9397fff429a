//! funnelsim: a marketing & sales funnel simulator (pure model, charts, and the browser UI).
//!
//! * [`model`] — everything computed and read: the funnel, reverse funnel and KPIs, the
//!   workbench (compare, sensitivity, goal seek), the forecast (projection, Monte Carlo),
//!   the SLA, the CRM import, and the page address, files and storage; pure Rust, no
//!   browser dependency, tested natively.
//! * [`app`] — the app's state and its start-up, pure, built and tested natively.
//! * [`charts`] — plotters drawings, generic over the drawing backend.
//! * `ui` — the yew application (compiled for `wasm32` only).

pub mod app;
pub mod charts;
pub mod model;

#[cfg(target_arch = "wasm32")]
pub mod ui;
