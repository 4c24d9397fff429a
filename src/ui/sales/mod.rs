//! The sales views: the team's capacity panel and its chart, and the pipeline coverage and
//! velocity panel.

pub(super) mod capacity_chart;
pub(crate) mod capacity_panel;
pub(crate) mod pipeline_panel;
