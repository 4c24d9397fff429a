//! The workbench: what-if tools on one funnel (side-by-side comparison, sensitivity, goal seek).

pub mod compare;
pub mod goal_seek;
pub mod sensitivity;
