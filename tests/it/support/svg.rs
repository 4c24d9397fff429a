//! Drawing a chart into an SVG string, for the chart tests (the same drawing as the app's
//! SVG download).

use plotters::coord::Shift;
use plotters::prelude::*;

/// What `draw` draws on an SVG area of `size` pixels.
pub fn svg(size: (u32, u32), draw: impl FnOnce(&DrawingArea<SVGBackend, Shift>)) -> String {
    let mut svg = String::new();
    {
        let area = SVGBackend::with_string(&mut svg, size).into_drawing_area();
        draw(&area);
    }
    svg
}

/// [`svg`], checked to show no NaN and no infinity.
pub fn finite_svg(size: (u32, u32), draw: impl FnOnce(&DrawingArea<SVGBackend, Shift>)) -> String {
    let svg = svg(size, draw);
    assert!(!svg.contains("NaN") && !svg.contains("inf"), "{svg}");
    svg
}
