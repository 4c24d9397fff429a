//! The forecast views: the monthly projection and the Monte Carlo panel, their charts and the
//! Monte Carlo's worker pool.

pub(super) mod forecast_charts;
pub(super) mod forecast_view;
pub mod mc_pool;
pub(super) mod monte_carlo_view;
