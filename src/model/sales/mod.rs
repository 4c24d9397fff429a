//! Sales: the team's capacity against the funnel, its editing, and the team in a link.

pub mod capacity;
pub mod team_edit;
pub mod team_link;
