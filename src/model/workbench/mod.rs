//! The workbench: what-if tools on one funnel (side-by-side comparison, sensitivity, goal
//! seek), the budget allocator across its channels and the channel plan built on it.

pub mod allocate;
pub mod channel_plan;
pub mod compare;
pub mod goal_seek;
pub mod sensitivity;
