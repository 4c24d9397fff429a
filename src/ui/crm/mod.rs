//! The CRM import view and its charts, its sales side, its preferences in local storage, and the
//! import's worker with the page's side of it.

pub(super) mod crm_charts;
pub(super) mod crm_view;
pub mod import_client;
pub mod import_worker;
pub(super) mod prefs;
pub(super) mod sales_times;
