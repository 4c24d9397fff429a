//! The sales views: the team's capacity panel and the pipeline coverage and velocity panel.

pub(crate) mod capacity_panel;
pub(crate) mod pipeline_panel;
