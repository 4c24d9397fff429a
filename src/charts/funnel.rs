//! The funnel chart: one centred bar per stage (log-scaled widths), trapezoids between
//! stages, counts on the left and conversion rates on the right, the stage furthest below
//! its benchmark flagged "fix first".

use plotters::coord::Shift;
use plotters::prelude::*;

use super::{
    finish, left_middle, log_fraction, right_middle, title_and_body, ChartResult, ChartStyle,
    ALERT, CURRENT, INK, MUTED,
};
use crate::model::format::{self, not_applicable};
use crate::model::{FunnelResult, Period};

crate::texts! {
    /// The funnel chart's texts.
    enum FunnelText {
        Title => "Funnel {per} (bar widths on a log scale)",
            "Entonnoir {per} (largeur des barres en échelle logarithmique)";
        Weakest => "{rate} (fix first)", "{rate} (à corriger d'abord)";
    }
}

/// Draws the funnel of `result` on `area`.
pub fn draw_funnel<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    result: &FunnelResult,
    period: Period,
    style: &ChartStyle,
) -> ChartResult<DB> {
    let title = FunnelText::Title.fill(&[("per", period.per_label())]);
    let body = title_and_body(area, style, &title)?;
    let (width, height) = body.dim_in_pixel();
    let (width, height) = (f64::from(width), f64::from(height));
    let n = result.stages.len().max(1);
    let label_width = (width * 0.30).max(f64::from(style.px(90.0)));
    let rate_width = (width * 0.22).max(f64::from(style.px(70.0)));
    let bar_space = (width - label_width - rate_width).max(1.0);
    let centre_x = label_width + bar_space / 2.0;
    let row = height / n as f64;
    let bar_height = row * 0.62;
    // The widest bar is the first stage with a count (the top, or the leads a mix brings).
    let top = result.stages.iter().find_map(|s| s.count).unwrap_or(0.0);
    let min_bar = f64::from(style.px(3.0));

    // A stage without a count (above a mix's entry) has no bar.
    let half_width = |count: Option<f64>| match count {
        Some(count) => ((bar_space * log_fraction(count, top)).max(min_bar) / 2.0).round(),
        None => 0.0,
    };
    for (i, stage) in result.stages.iter().enumerate() {
        let y_mid = row * (i as f64 + 0.5);
        let y0 = (y_mid - bar_height / 2.0).round() as i32;
        let y1 = (y_mid + bar_height / 2.0).round() as i32;
        let half = half_width(stage.count);
        let shade = 1.0 - 0.55 * (i as f64 / n as f64);
        let colour = RGBColor(
            (f64::from(CURRENT.0) * shade) as u8,
            (f64::from(CURRENT.1) * shade) as u8,
            (f64::from(CURRENT.2) * shade.max(0.75)) as u8,
        );
        if stage.count.is_some() {
            body.draw(&Rectangle::new(
                [
                    ((centre_x - half) as i32, y0),
                    ((centre_x + half) as i32, y1),
                ],
                colour.filled(),
            ))?;
        }
        if let Some(next) = result.stages.get(i + 1).filter(|_| stage.count.is_some()) {
            let next_half = half_width(next.count);
            let next_y0 = (row * (i as f64 + 1.5) - bar_height / 2.0).round() as i32;
            body.draw(&Polygon::new(
                vec![
                    ((centre_x - half) as i32, y1),
                    ((centre_x + half) as i32, y1),
                    ((centre_x + next_half) as i32, next_y0),
                    ((centre_x - next_half) as i32, next_y0),
                ],
                colour.mix(0.25).filled(),
            ))?;
        }
        body.draw(&Text::new(
            stage.name.clone(),
            (style.px(12.0), y_mid as i32 - style.px(8.0)),
            style.text(13.0, INK, left_middle()),
        ))?;
        body.draw(&Text::new(
            stage
                .count
                .map_or_else(|| not_applicable().to_owned(), format::count),
            (style.px(12.0), y_mid as i32 + style.px(9.0)),
            style.text(13.0, MUTED, left_middle()),
        ))?;
        if let Some(rate) = stage.rate {
            let weakest = result.weakest_stage == Some(i);
            let text = if weakest {
                FunnelText::Weakest.fill(&[("rate", &format::percent(rate))])
            } else {
                format::percent(rate)
            };
            body.draw(&Text::new(
                text,
                ((width - f64::from(style.px(8.0))) as i32, y_mid as i32),
                style.text(13.0, if weakest { ALERT } else { INK }, right_middle()),
            ))?;
        }
    }
    finish(area, &body, result.stages.is_empty(), style)
}
