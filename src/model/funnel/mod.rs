//! The funnel: the scenario a user enters, its validation and editing, the forward funnel
//! (counts and KPIs), the benchmark rates of a few segments, its marketing channels (their link keys and their editing), the reverse funnel (what a target requires) and
//! the metrics users aim at.

pub mod benchmarks;
pub mod channels;
pub mod channels_edit;
pub mod channels_link;
pub mod editor;
pub mod forward;
pub mod link;
pub mod metric;
pub mod reverse;
pub mod scenario;
pub mod validate;
