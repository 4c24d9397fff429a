//! The forecast views: the monthly projection and the Monte Carlo panel.

pub(super) mod forecast_charts;
pub(super) mod forecast_view;
pub mod mc_pool;
pub(super) mod monte_carlo_view;
