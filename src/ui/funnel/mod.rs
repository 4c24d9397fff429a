//! The funnel views: the inputs form, the KPI panel and funnel table, the reverse-funnel
//! panel, and the Channels panel with its charts.

pub(super) mod channel_charts;
pub(crate) mod channels_panel;
pub(super) mod inputs;
pub(super) mod results;
pub(super) mod reverse_panel;
