//! The comparison chart: stage volumes of every compared scenario as grouped log-scaled bars,
//! and the key figures (revenue, customers, CAC, ROI on revenue) relative to the baseline.

use plotters::coord::Shift;
use plotters::prelude::*;

use super::{
    bar_with_text, finish, fit, legend_entry, log_fraction, row_label, subtitle, title_and_body,
    ChartResult, ChartStyle, Panel, CURRENT, INK, MUTED, REQUIRED,
};
use crate::model::format::{self, not_applicable};
use crate::model::num::ratio;
use crate::model::workbench::compare::Comparison;
use crate::model::Metric;

crate::texts! {
    /// The comparison chart's texts.
    enum CompareChartText {
        Title => "Scenarios compared", "Scénarios comparés";
        Baseline => "{name} (baseline)", "{name} (référence)";
        Volumes => "Volume per stage (bar lengths on a log scale)",
            "Volume par étape (longueur des barres en échelle logarithmique)";
        TheBaseline => "the baseline", "la référence";
        KeyFigures => "Key figures relative to {name} (= 100 %)",
            "Chiffres clés par rapport à {name} (= 100\u{202f}%)";
    }
}

/// One colour per compared scenario, the baseline first.
pub const SCENARIO_COLOURS: [RGBColor; 5] = [
    CURRENT,
    REQUIRED,
    RGBColor(22, 163, 74),
    RGBColor(147, 51, 234),
    RGBColor(219, 39, 119),
];

/// The key figures of the lower panel.
const KPIS: [Metric; 4] = [
    Metric::Revenue,
    Metric::Customers,
    Metric::Cac,
    Metric::RoiRevenue,
];

/// The colour of scenario `index`.
pub fn scenario_colour(index: usize) -> RGBColor {
    SCENARIO_COLOURS[index % SCENARIO_COLOURS.len()]
}

/// Draws `comparison` on `area`: stage volumes on top, key figures against the baseline below.
pub fn draw_comparison<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    comparison: &Comparison,
    style: &ChartStyle,
) -> ChartResult<DB> {
    let body = title_and_body(area, style, CompareChartText::Title.text())?;
    let stage_rows = comparison.stage_count();
    let scenarios = comparison.analyses.len();
    if stage_rows == 0 || scenarios == 0 {
        return finish(area, &body, true, style);
    }
    let (width, height) = body.dim_in_pixel();
    let (width, height) = (f64::from(width), f64::from(height));
    let px = |css: f64| f64::from(style.px(css));
    let legend_height = px(24.0);
    let name = |i: usize| comparison.names.get(i).map_or("", String::as_str);

    // Legend: a swatch and a name per scenario, sharing the width.
    let slot = (width - px(12.0)) / scenarios as f64;
    for i in 0..scenarios {
        let x = (px(12.0) + slot * i as f64) as i32;
        let y = (legend_height / 2.0) as i32;
        let label = if i == 0 {
            CompareChartText::Baseline.fill(&[("name", name(0))])
        } else {
            name(i).to_owned()
        };
        let label = fit(&label, slot - px(24.0), px(13.0));
        legend_entry(&body, (x, y), scenario_colour(i), label, 13.0, style)?;
    }

    let rest = (height - legend_height).max(1.0);
    let top_share = stage_rows as f64 / (stage_rows + KPIS.len()) as f64;
    let top_height = (rest * top_share.clamp(0.45, 0.7)) as u32;
    let (_, panels) = body.split_vertically(legend_height as u32);
    let (volumes, kpis) = panels.split_vertically(top_height);
    draw_volumes(&volumes, comparison, style)?;
    draw_kpis(&kpis, comparison, style)?;
    area.present()
}

/// Upper panel: per stage, one log-scaled bar per scenario with its count.
fn draw_volumes<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    comparison: &Comparison,
    style: &ChartStyle,
) -> ChartResult<DB> {
    let rows = comparison.stage_count();
    let scenarios = comparison.analyses.len();
    let panel = Panel::new(
        area.dim_in_pixel(),
        rows,
        scenarios,
        f64::from(style.px(70.0)),
        style,
    );
    subtitle(area, &panel, CompareChartText::Volumes.text(), style)?;
    let max = comparison
        .analyses
        .iter()
        .flat_map(|a| a.funnel.stages.iter().filter_map(|s| s.count))
        .fold(0.0_f64, f64::max);
    let min_bar = f64::from(style.px(2.0));
    for i in 0..rows {
        row_label(area, &panel, i, &comparison.stage_label(i), INK, style)?;
        for (k, analysis) in comparison.analyses.iter().enumerate() {
            let count = analysis.funnel.stages.get(i).and_then(|s| s.count);
            let (length, text) = match count {
                Some(c) => (
                    (panel.bar_space * log_fraction(c, max)).max(min_bar),
                    format::count(c),
                ),
                None => (0.0, not_applicable().to_owned()),
            };
            let text = panel.show_values.then_some(text);
            bar_with_text(
                area,
                &panel,
                panel.bar_span(i, k),
                length,
                scenario_colour(k),
                text,
                style,
            )?;
        }
    }
    Ok(())
}

/// Lower panel: revenue, customers, CAC and ROI on revenue of every scenario as bars relative
/// to the baseline's (= 100 %), with their values.
fn draw_kpis<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    comparison: &Comparison,
    style: &ChartStyle,
) -> ChartResult<DB> {
    let scenarios = comparison.analyses.len();
    let panel = Panel::new(
        area.dim_in_pixel(),
        KPIS.len(),
        scenarios,
        f64::from(style.px(150.0)),
        style,
    );
    let baseline_name = comparison
        .names
        .first()
        .map_or(CompareChartText::TheBaseline.text(), String::as_str);
    let title = CompareChartText::KeyFigures.fill(&[("name", baseline_name)]);
    subtitle(area, &panel, &title, style)?;

    let values: Vec<Vec<Option<f64>>> = KPIS
        .iter()
        .map(|&m| {
            comparison
                .analyses
                .iter()
                .map(|a| m.of(&a.funnel))
                .collect()
        })
        .collect();
    // Relative to the baseline, defined only for a positive baseline.
    let relative = |row: &[Option<f64>], k: usize| match (row.first().copied().flatten(), row[k]) {
        (Some(base), Some(v)) => ratio(v, base),
        _ => None,
    };
    let max_relative = values
        .iter()
        .flat_map(|row| (0..row.len()).filter_map(|k| relative(row, k)))
        .fold(1.0_f64, f64::max);
    let hundred = panel.label_width + panel.bar_space / max_relative;

    for (i, (&metric, row)) in KPIS.iter().zip(&values).enumerate() {
        row_label(area, &panel, i, metric.label(), INK, style)?;
        for k in 0..scenarios {
            let rel = relative(row, k);
            let length = rel.map_or(0.0, |r| panel.bar_space * r.max(0.0) / max_relative);
            let text = format!(
                "{} ({})",
                metric.format(row[k]),
                format::or_na(rel, format::percent)
            );
            let text = panel.show_values.then_some(text);
            bar_with_text(
                area,
                &panel,
                panel.bar_span(i, k),
                length,
                scenario_colour(k),
                text,
                style,
            )?;
        }
    }
    // The baseline's level, across every row.
    let (_, height) = area.dim_in_pixel();
    area.draw(&PathElement::new(
        vec![
            (hundred as i32, panel.subtitle_height as i32),
            (hundred as i32, height as i32 - style.px(2.0)),
        ],
        MUTED.mix(0.6).stroke_width(style.px(1.0).max(1) as u32),
    ))?;
    Ok(())
}
