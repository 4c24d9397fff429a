//! (being written)

/// Placeholder until the comparison chart lands.
pub fn draw_comparison() {}
