//! The workbench views: comparison, sensitivity and goal seek, and their charts.

pub(super) mod compare_view;
pub(super) mod goal_view;
pub(super) mod sensitivity_view;
pub(super) mod workbench_charts;
