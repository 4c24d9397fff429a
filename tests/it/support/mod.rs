//! Helpers shared by the native test modules: the two-year forecast, JSON comparison, the
//! SLA example and SVG rendering.

pub mod forecast;
pub mod json;
pub mod sla;
pub mod svg;
