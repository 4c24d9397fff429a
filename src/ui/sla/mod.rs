//! The SLA view.

pub(super) mod sla_charts;
pub(super) mod sla_view;
