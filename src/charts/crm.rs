//! The CRM chart: per channel, how many leads reached each stage (lead, MQL, SQL,
//! opportunity, customer) as grouped log-scaled bars, so the channels' funnels compare at a
//! glance.

use plotters::coord::Shift;
use plotters::prelude::*;

use super::compare::scenario_colour;
use super::{
    bar_with_text, finish, legend_entry, log_fraction, row_label, subtitle, title_and_body,
    ChartResult, ChartStyle, Panel, INK,
};
use crate::model::crm_kpi::CrmKpis;
use crate::model::crm_parse::Lifecycle;
use crate::model::format;

/// The stages drawn (subscribers are left out: most exports have none).
const STAGES: std::ops::Range<usize> = 1..6;

/// Draws the stages reached per channel on `area`.
pub fn draw_crm_channels<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    kpis: &CrmKpis,
    style: &ChartStyle,
) -> ChartResult<DB> {
    let body = title_and_body(area, style, "Funnel by channel")?;
    let channels: Vec<(&std::rc::Rc<str>, &crate::model::crm_kpi::Kpis)> =
        kpis.by_channel.iter().collect();
    if channels.is_empty() {
        return finish(area, &body, true, style);
    }
    let legend_height = style.px(24.0);
    let (width, _) = body.dim_in_pixel();
    let slot = (f64::from(width) - f64::from(style.px(12.0))) / STAGES.len() as f64;
    for (k, stage) in STAGES.enumerate() {
        let x = (f64::from(style.px(12.0)) + slot * k as f64) as i32;
        legend_entry(
            &body,
            (x, legend_height / 2),
            scenario_colour(k),
            Lifecycle::ALL[stage].label().to_owned(),
            12.5,
            style,
        )?;
    }
    let (_, panel_area) = body.split_vertically(legend_height as u32);
    let panel = Panel::new(
        panel_area.dim_in_pixel(),
        channels.len(),
        STAGES.len(),
        f64::from(style.px(60.0)),
        style,
    );
    subtitle(
        &panel_area,
        &panel,
        "Leads reaching each stage (bar lengths on a log scale)",
        style,
    )?;
    let max = channels
        .iter()
        .flat_map(|(_, k)| STAGES.map(|s| k.reached[s] as f64))
        .fold(0.0_f64, f64::max);
    for (i, (name, k)) in channels.iter().enumerate() {
        row_label(&panel_area, &panel, i, name, INK, style)?;
        for (b, stage) in STAGES.enumerate() {
            let count = k.reached[stage] as f64;
            let length = if count > 0.0 {
                (panel.bar_space * log_fraction(count, max)).max(f64::from(style.px(2.0)))
            } else {
                0.0
            };
            let text = panel.show_values.then(|| format::count(count));
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
