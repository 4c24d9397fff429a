//! The workbench: what-if tools on one funnel (side-by-side comparison, sensitivity, goal
//! seek) and the budget allocator across its channels.

pub mod allocate;
pub mod compare;
pub mod goal_seek;
pub mod sensitivity;
