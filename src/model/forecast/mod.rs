//! The forecast: the monthly projection, uncertain inputs and the seeded Monte Carlo, their
//! editing and their keys in a scenario link.

pub mod edit;
pub mod link;
pub mod monte_carlo;
pub mod projection;
pub mod sorted_runs;
pub mod uncertainty;
