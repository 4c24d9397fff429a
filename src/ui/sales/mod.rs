//! The sales views: the team's capacity panel.

pub(crate) mod capacity_panel;
