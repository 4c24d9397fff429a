//! The reverse-funnel gap chart: per stage, what the scenario produces next to what the
//! revenue target requires (log-scaled bars with their values).

use plotters::coord::Shift;
use plotters::prelude::*;

use super::{
    finish, left_middle, legend_entry, log_fraction, title_and_body, ChartResult, ChartStyle,
    CURRENT, INK, MUTED, REQUIRED,
};
use crate::model::{format, ReverseResult};

crate::texts! {
    /// The gap chart's texts.
    enum GapText {
        Title => "Current vs required for {target} (log scale)",
            "Actuel et nécessaire pour {target} (échelle logarithmique)";
        Current => "Current", "Actuel";
        Required => "Required", "Nécessaire";
        Unreachable => "unreachable", "inatteignable";
    }
}

/// Draws current vs required volumes of `result` on `area`.
pub fn draw_gap<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    result: &ReverseResult,
    style: &ChartStyle,
) -> ChartResult<DB> {
    let title = GapText::Title.fill(&[("target", &format::money(result.target))]);
    let body = title_and_body(area, style, &title)?;
    let (width, height) = body.dim_in_pixel();
    let (width, height) = (f64::from(width), f64::from(height));
    let legend_height = f64::from(style.px(22.0));
    let label_width = (width * 0.26).max(f64::from(style.px(80.0)));
    let value_width = f64::from(style.px(86.0));
    let bar_space = (width - label_width - value_width - f64::from(style.px(16.0))).max(1.0);
    let n = result.stages.len().max(1);
    let row = (height - legend_height) / n as f64;
    let bar_height = row * 0.32;
    let max = result
        .stages
        .iter()
        .flat_map(|s| [s.current, s.required])
        .flatten()
        .fold(0.0_f64, f64::max);

    for (k, (label, colour)) in [
        (GapText::Current.text(), CURRENT),
        (GapText::Required.text(), REQUIRED),
    ]
    .into_iter()
    .enumerate()
    {
        let x = label_width as i32 + style.px(110.0) * k as i32;
        let y = (legend_height / 2.0) as i32;
        legend_entry(&body, (x, y), colour, label.to_owned(), 13.0, style)?;
    }

    for (i, stage) in result.stages.iter().enumerate() {
        let y_mid = legend_height + row * (i as f64 + 0.5);
        body.draw(&Text::new(
            stage.name.clone(),
            (style.px(12.0), y_mid as i32),
            style.text(13.0, INK, left_middle()),
        ))?;
        let bars = [
            (stage.current, CURRENT, -1.0),
            (stage.required, REQUIRED, 1.0),
        ];
        for (value, colour, side) in bars {
            let y_centre = y_mid + side * (bar_height / 2.0 + 1.0);
            let y0 = (y_centre - bar_height / 2.0).round() as i32;
            let y1 = (y_centre + bar_height / 2.0).round() as i32;
            let x0 = label_width as i32;
            let (length, text) = match value {
                Some(v) => (
                    (bar_space * log_fraction(v, max)).max(f64::from(style.px(2.0))),
                    format::count(v),
                ),
                None => (0.0, GapText::Unreachable.text().to_owned()),
            };
            if length > 0.0 {
                body.draw(&Rectangle::new(
                    [(x0, y0), (x0 + length as i32, y1)],
                    colour.filled(),
                ))?;
            }
            body.draw(&Text::new(
                text,
                (x0 + length as i32 + style.px(6.0), (y0 + y1) / 2),
                style.text(11.5, MUTED, left_middle()),
            ))?;
        }
    }
    finish(area, &body, result.stages.is_empty(), style)
}
