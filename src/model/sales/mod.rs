//! Sales: the team's capacity against the funnel, pipeline coverage and velocity, what moves
//! the velocity, the team's editing, and the team in a link.

pub mod capacity;
pub mod pipeline;
pub mod team_edit;
pub mod team_link;
pub mod velocity_sensitivity;
