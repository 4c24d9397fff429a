//! The CRM import view, its sales side and its preferences in local storage.

pub(super) mod crm_charts;
pub(super) mod crm_view;
pub(super) mod prefs;
pub(super) mod sales_times;
