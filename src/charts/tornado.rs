//! The tornado charts: one row per lever (or per term of the sales velocity), ranked by how
//! far a step down and a step up move the chosen metric (or the velocity), with bars from the
//! base value and the signed change at each end, both drawn by one function.

use plotters::coord::Shift;
use plotters::prelude::*;

use super::{
    finish, left_middle, legend_entry, right_middle, title_and_body, ChartResult, ChartStyle,
    CURRENT, INK, MUTED, REQUIRED,
};
use crate::model::format;
use crate::model::sales::velocity_sensitivity::VelocitySensitivity;
use crate::model::workbench::goal_seek::metric_the;
use crate::model::workbench::sensitivity::{
    plain_number, Sensitivity, SensitivitySettings, StepMode,
};
use crate::model::Metric;

crate::texts! {
    /// The tornado chart's texts.
    enum TornadoText {
        TitleRelative => "Effect of ±{step} % on {noun}", "Effet de ±{step}\u{202f}% sur {noun}";
        TitlePoints => "Effect of ±{step} points (rates, margin) and ±{step} % (other inputs) on {noun}",
            "Effet de ±{step} points (taux, marge) et ±{step}\u{202f}% (autres données) sur {noun}";
        Points => "{n} pts", "{n}\u{a0}pts";
        StepDown => "Step down", "Baisse";
        StepUp => "Step up", "Hausse";
        Base => "Base {value}", "Base {value}";
        VelocityTitlePoints => "Effect of ±{step} points (win rate) and ±{step} % (other terms) on {noun}",
            "Effet de ±{step} points (taux de gain) et ±{step}\u{202f}% (autres termes) sur {noun}";
        Velocity => "sales velocity (a day)", "la vélocité commerciale (par jour)";
        BaseUnchanged => "Base {value} (no lever changes {noun})",
            "Base {value} (aucun levier ne change {noun})";
    }
}

/// The bar of a lever moved down.
pub const DOWN: RGBColor = CURRENT;
/// The bar of a lever moved up.
pub const UP: RGBColor = REQUIRED;

/// Lever label size, CSS pixels.
const LABEL_CSS: f64 = 12.5;
/// Average width of a character of sans-serif text, in ems (an estimate: the backend cannot
/// measure text in every environment).
const AVERAGE_CHAR_EM: f64 = 0.55;

/// `text` cut to at most `max_chars` characters, ending in "…" when cut.
fn shorten(text: &str, max_chars: usize) -> String {
    if text.chars().count() <= max_chars {
        text.to_owned()
    } else {
        let kept: String = text.chars().take(max_chars.saturating_sub(1)).collect();
        format!("{}…", kept.trim_end())
    }
}

/// The title: "Effect of ±10 % on revenue" (points mode names both steps).
pub fn tornado_title(metric: Metric, settings: &SensitivitySettings) -> String {
    step_title(settings, TornadoText::TitlePoints, metric_the(metric))
}

/// "Effect of ±10 % on {noun}", or `points_title` in points mode.
fn step_title(settings: &SensitivitySettings, points_title: TornadoText, noun: &str) -> String {
    let step = plain_number(settings.step_pct);
    match settings.mode {
        StepMode::Relative => TornadoText::TitleRelative,
        StepMode::Points => points_title,
    }
    .fill(&[("step", &step), ("noun", noun)])
}

/// A signed change of `metric` for a bar end: "+€148,500", "-9", "+45 pts" (ROI changes
/// are percentage points), "€0" without a sign when nothing changes.
pub fn signed_change(metric: Metric, change: f64) -> String {
    let sign = if change > 0.0 {
        "+"
    } else if change < 0.0 {
        "-"
    } else {
        ""
    };
    let magnitude = change.abs();
    let body = match metric {
        Metric::Revenue | Metric::Cac => format::money(magnitude),
        Metric::Customers => format::count(magnitude),
        Metric::RoiRevenue | Metric::RoiMargin => {
            let pct = format::percent(magnitude);
            let number = pct.trim_end_matches('%').trim_end();
            TornadoText::Points.fill(&[("n", number)])
        }
    };
    format!("{sign}{body}")
}

/// One row of a tornado: its label, and the signed changes from the base after the step
/// down and the step up (None when undefined) with the texts written at their ends.
pub struct TornadoRow {
    pub label: String,
    pub changes: [Option<f64>; 2],
    pub texts: [String; 2],
}

impl TornadoRow {
    /// A row whose ends are written by `text` ("n/a" where a change is undefined).
    pub fn new(
        label: String,
        low: Option<f64>,
        high: Option<f64>,
        text: impl Fn(f64) -> String,
    ) -> TornadoRow {
        let changes = [low, high];
        TornadoRow {
            label,
            changes,
            texts: changes
                .map(|change| change.map_or_else(|| format::not_applicable().to_owned(), &text)),
        }
    }
}

/// Draws the tornado of `sensitivity` on `metric` on `area`.
pub fn draw_tornado<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    sensitivity: &Sensitivity,
    metric: Metric,
    settings: &SensitivitySettings,
    style: &ChartStyle,
) -> ChartResult<DB> {
    let rows: Vec<TornadoRow> = sensitivity
        .ranked(metric)
        .into_iter()
        .map(|e| {
            TornadoRow::new(
                e.label.clone(),
                e.low_change(metric),
                e.high_change(metric),
                |change| signed_change(metric, change),
            )
        })
        .collect();
    let base = sensitivity
        .base
        .get(metric)
        .map(|value| metric.format(Some(value)));
    draw_rows(
        area,
        &tornado_title(metric, settings),
        &rows,
        base,
        metric_the(metric),
        style,
    )
}

/// Draws the velocity tornado of `sensitivity`: its four terms, largest swing first, by the
/// change of the velocity a day.
pub fn draw_velocity_tornado<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    sensitivity: &VelocitySensitivity,
    settings: &SensitivitySettings,
    style: &ChartStyle,
) -> ChartResult<DB> {
    let rows: Vec<TornadoRow> = sensitivity
        .ranked()
        .into_iter()
        .map(|e| {
            TornadoRow::new(
                e.term.label().to_owned(),
                e.low_change(),
                e.high_change(),
                |change| signed_change(Metric::Revenue, change),
            )
        })
        .collect();
    let noun = TornadoText::Velocity.text();
    let title = step_title(settings, TornadoText::VelocityTitlePoints, noun);
    let base = sensitivity.base.per_day.map(format::money);
    draw_rows(area, &title, &rows, base, noun, style)
}

/// Draws tornado `rows` (in the order given) under `title`: bars from the base line to each
/// change, its text past the bar's end. `base` is the base value's text (None when
/// undefined: no base line); `noun` names what the rows move, for "no lever changes it".
fn draw_rows<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    title: &str,
    rows: &[TornadoRow],
    base: Option<String>,
    noun: &str,
    style: &ChartStyle,
) -> ChartResult<DB> {
    let body = title_and_body(area, style, title)?;
    if rows.is_empty() {
        return finish(area, &body, true, style);
    }
    let (width, height) = body.dim_in_pixel();
    let (width, height) = (f64::from(width), f64::from(height));
    let legend_height = f64::from(style.px(24.0));
    // Room for the longest label, at most 40 % of the width (longer labels are shortened).
    let char_width = LABEL_CSS * AVERAGE_CHAR_EM * style.scale;
    let longest = rows
        .iter()
        .map(|r| r.label.chars().count())
        .max()
        .unwrap_or(0);
    let label_margin = f64::from(style.px(20.0));
    let label_width = (longest as f64 * char_width + label_margin)
        .min(width * 0.40)
        .max(f64::from(style.px(80.0)));
    // The small addition keeps the longest label whole when it just fits: its own width
    // divided back by a character's is a whole number give or take rounding.
    let label_chars = ((label_width - label_margin) / char_width + 1e-9)
        .floor()
        .max(4.0) as usize;
    let value_room = f64::from(style.px(78.0));
    let bar_left = label_width + value_room;
    let bar_right = (width - value_room).max(bar_left + 2.0);
    let base_x = (bar_left + bar_right) / 2.0;
    let half = (bar_right - bar_left) / 2.0;
    let row = (height - legend_height).max(1.0) / rows.len() as f64;
    let bar_height = (row * 0.62).min(f64::from(style.px(28.0)));
    let max_change = rows
        .iter()
        .flat_map(|r| r.changes)
        .flatten()
        .map(f64::abs)
        .fold(0.0_f64, f64::max);

    // Legend: the two steps, and the base value at the base line.
    for (k, (label, colour)) in [
        (TornadoText::StepDown.text(), DOWN),
        (TornadoText::StepUp.text(), UP),
    ]
    .into_iter()
    .enumerate()
    {
        let x = style.px(12.0) + style.px(100.0) * k as i32;
        let y = (legend_height / 2.0) as i32;
        legend_entry(&body, (x, y), colour, label.to_owned(), 12.5, style)?;
    }
    let base_text = match &base {
        Some(value) if max_change > 0.0 => TornadoText::Base.fill(&[("value", value)]),
        Some(value) => TornadoText::BaseUnchanged.fill(&[("value", value), ("noun", noun)]),
        None => TornadoText::Base.fill(&[("value", format::not_applicable())]),
    };
    body.draw(&Text::new(
        base_text,
        (
            (width - f64::from(style.px(8.0))) as i32,
            (legend_height / 2.0) as i32,
        ),
        style.text(12.5, MUTED, right_middle()),
    ))?;

    let x_of = |change: f64| {
        if max_change > 0.0 {
            base_x + change / max_change * half
        } else {
            base_x
        }
    };
    let gap = f64::from(style.px(4.0));
    for (i, r) in rows.iter().enumerate() {
        let y_mid = legend_height + row * (i as f64 + 0.5);
        body.draw(&Text::new(
            shorten(&r.label, label_chars),
            (style.px(12.0), y_mid as i32),
            style.text(LABEL_CSS, INK, left_middle()),
        ))?;
        let y0 = (y_mid - bar_height / 2.0).round() as i32;
        let y1 = (y_mid + bar_height / 2.0).round() as i32;
        let ends = r.changes.map(|change| change.map_or(base_x, x_of));
        for (end, colour) in ends.iter().zip([DOWN, UP]) {
            if (end - base_x).abs() >= 1.0 {
                body.draw(&Rectangle::new(
                    [(base_x.min(*end) as i32, y0), (base_x.max(*end) as i32, y1)],
                    colour.filled(),
                ))?;
            }
        }
        // Each text sits past its bar's end. A zero or undefined change has no bar: its text
        // goes opposite the other bar, or on the side of its step (down left, up right).
        for (k, (end, text)) in ends.iter().zip(&r.texts).enumerate() {
            let other = ends[1 - k];
            let right_of_base = if *end != base_x {
                *end > base_x
            } else if other != base_x {
                other < base_x
            } else {
                k == 1
            };
            let (x, pos) = if right_of_base {
                (end + gap, left_middle())
            } else {
                (end - gap, right_middle())
            };
            body.draw(&Text::new(
                text.clone(),
                (x as i32, y_mid as i32),
                style.text(11.5, MUTED, pos),
            ))?;
        }
    }
    if base.is_some() {
        body.draw(&PathElement::new(
            vec![
                (base_x as i32, legend_height as i32),
                (base_x as i32, height as i32),
            ],
            INK.stroke_width(style.px(1.5).max(1) as u32),
        ))?;
    }
    finish(area, &body, false, style)
}
