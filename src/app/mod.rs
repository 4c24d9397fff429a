//! The app's state and its start-up, pure Rust (no browser), so they are built and tested
//! natively; the UI wraps them in its reducer.

pub mod state;
