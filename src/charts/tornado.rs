//! (being written)

/// Placeholder until the tornado chart lands.
pub fn draw_tornado() {}
