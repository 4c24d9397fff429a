//! The CRM import view and its preferences in local storage.

pub(super) mod crm_view;
pub(super) mod prefs;
