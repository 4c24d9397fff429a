//! The SLA view.

pub(super) mod sla_view;
