//! The CRM charts: per channel, how many leads reached each stage (grouped log-scaled bars,
//! so the channels' funnels compare at a glance), and per month, the sales-accepted-lead,
//! follow-up and win rates (grouped bars on a 0–100 % scale).

use plotters::coord::Shift;
use plotters::prelude::*;

use super::compare::scenario_colour;
use super::{
    bar_with_text, finish, legend_entry, log_fraction, row_label, subtitle, title_and_body,
    ChartResult, ChartStyle, Panel, INK,
};
use crate::model::crm::kpi::{group_label, CrmKpis};
use crate::model::crm::parse::Lifecycle;
use crate::model::format;

crate::texts! {
    /// Titles, notes and series of the CRM charts.
    enum CrmChartText {
        ChannelsTitle => "Funnel by channel", "Entonnoir par canal";
        ChannelsNote => "Leads reaching each stage (bar lengths on a log scale)",
            "Leads atteignant chaque étape (longueur des barres sur une échelle logarithmique)";
        MonthsTitle => "Alignment by month", "Alignement par mois";
        MonthsNote => "Share of the leads marketing sent that sales accepted and followed up, and opportunities won",
            "Part des leads envoyés par le marketing que les ventes ont acceptés et suivis, et des opportunités gagnées";
        Accepted => "Accepted by sales", "Acceptés par les ventes";
        FollowedUp => "Followed up", "Suivis";
        WinRate => "Win rate", "Taux de closing";
    }
}

/// The stages drawn (subscribers are left out: most exports have none).
const STAGES: std::ops::Range<usize> = 1..6;

/// How bar lengths are scaled.
enum Scale {
    /// log10(1 + value) against the largest value: small counts stay visible.
    Log,
    /// Fractions from 0 to 1.
    Share,
}

/// Rows of grouped bars: one label per row, one value per series.
struct Groups<'a> {
    title: &'a str,
    note: &'a str,
    series: Vec<String>,
    rows: Vec<(String, Vec<Option<f64>>)>,
    scale: Scale,
}

fn draw_groups<DB: DrawingBackend>(
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

/// Draws the stages reached per channel on `area`.
pub fn draw_crm_channels<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    kpis: &CrmKpis,
    style: &ChartStyle,
) -> ChartResult<DB> {
    let groups = Groups {
        title: CrmChartText::ChannelsTitle.text(),
        note: CrmChartText::ChannelsNote.text(),
        series: STAGES
            .map(|s| Lifecycle::ALL[s].label().to_owned())
            .collect(),
        rows: kpis
            .by_channel
            .iter()
            .map(|(name, k)| {
                (
                    group_label(name).to_owned(),
                    STAGES.map(|s| Some(k.reached[s] as f64)).collect(),
                )
            })
            .collect(),
        scale: Scale::Log,
    };
    draw_groups(area, &groups, style)
}

/// Draws the sales-accepted-lead, follow-up and win rates per month on `area`.
pub fn draw_crm_months<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    kpis: &CrmKpis,
    style: &ChartStyle,
) -> ChartResult<DB> {
    let groups = Groups {
        title: CrmChartText::MonthsTitle.text(),
        note: CrmChartText::MonthsNote.text(),
        series: [
            CrmChartText::Accepted,
            CrmChartText::FollowedUp,
            CrmChartText::WinRate,
        ]
        .map(|t| t.text().to_owned())
        .to_vec(),
        rows: kpis
            .by_month
            .iter()
            .map(|(month, k)| {
                (
                    month.to_string(),
                    vec![k.sal_rate(), k.follow_up_rate(), k.win_rate()],
                )
            })
            .collect(),
        scale: Scale::Share,
    };
    draw_groups(area, &groups, style)
}
