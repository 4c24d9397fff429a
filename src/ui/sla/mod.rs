//! The SLA view and its charts.

pub(super) mod sla_charts;
pub(super) mod sla_view;
