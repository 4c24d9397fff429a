//! Rows of grouped horizontal bars, one label per row and one bar per series, with the
//! value written at the end of each bar: counts on a log scale, shares from 0 to 100 %, or
//! amounts of money or counts against the largest. Used by the CRM, channel and capacity
//! charts.

use plotters::coord::Shift;
use plotters::prelude::*;

use super::compare::scenario_colour;
use super::{
    bar_with_text, finish, legend_entry, log_fraction, row_label, subtitle, title_and_body,
    ChartResult, ChartStyle, Panel, INK,
};
use crate::model::format;

/// How bar lengths are scaled.
pub(crate) enum Scale {
    /// log10(1 + value) against the largest value: small counts stay visible.
    Log,
    /// Fractions from 0 to 1.
    Share,
    /// Amounts of money against the largest.
    Money,
    /// Counts against the largest (a linear scale: 1,500 looks half again as long as 1,000).
    Count,
}

/// Rows of grouped bars: one label per row, one value per series.
pub(crate) struct Groups<'a> {
    pub title: &'a str,
    pub note: &'a str,
    pub series: Vec<String>,
    pub rows: Vec<(String, Vec<Option<f64>>)>,
    pub scale: Scale,
}

/// Draws `groups` on `area`: the title, a legend of the series, then one row per label.
pub(crate) fn draw_groups<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    groups: &Groups,
    style: &ChartStyle,
) -> ChartResult<DB> {
    let body = title_and_body(area, style, groups.title)?;
    if groups.rows.is_empty() {
        return finish(area, &body, true, style);
    }
    let legend_height = style.px(24.0);
    let (width, _) = body.dim_in_pixel();
    let slot = (f64::from(width) - f64::from(style.px(12.0))) / groups.series.len().max(1) as f64;
    for (k, name) in groups.series.iter().enumerate() {
        let x = (f64::from(style.px(12.0)) + slot * k as f64) as i32;
        legend_entry(
            &body,
            (x, legend_height / 2),
            scenario_colour(k),
            name.clone(),
            12.5,
            style,
        )?;
    }
    let (_, panel_area) = body.split_vertically(legend_height as u32);
    let panel = Panel::new(
        panel_area.dim_in_pixel(),
        groups.rows.len(),
        groups.series.len(),
        f64::from(style.px(60.0)),
        style,
    );
    subtitle(&panel_area, &panel, groups.note, style)?;
    let max = groups
        .rows
        .iter()
        .flat_map(|(_, values)| values.iter().flatten())
        .fold(0.0_f64, |m, v| m.max(*v));
    for (i, (label, values)) in groups.rows.iter().enumerate() {
        row_label(&panel_area, &panel, i, label, INK, style)?;
        for (b, value) in values.iter().enumerate() {
            let (fraction, text) = match (value, &groups.scale) {
                (Some(v), Scale::Log) => (log_fraction(*v, max), format::count(*v)),
                (Some(v), Scale::Share) => (v.clamp(0.0, 1.0), format::percent(*v)),
                (Some(v), Scale::Money | Scale::Count) => (
                    crate::model::num::ratio(*v, max)
                        .unwrap_or(0.0)
                        .clamp(0.0, 1.0),
                    if matches!(groups.scale, Scale::Money) {
                        format::money(*v)
                    } else {
                        format::count(*v)
                    },
                ),
                (None, _) => (0.0, format::not_applicable().to_owned()),
            };
            let length = if fraction > 0.0 {
                (panel.bar_space * fraction).max(f64::from(style.px(2.0)))
            } else {
                0.0
            };
            let text = panel.show_values.then_some(text);
            bar_with_text(
                &panel_area,
                &panel,
                panel.bar_span(i, b),
                length,
                scenario_colour(b),
                text,
                style,
            )?;
        }
    }
    area.present()
}
