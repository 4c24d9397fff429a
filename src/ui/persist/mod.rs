//! The saved-scenario library view.

pub(super) mod library_view;
