//! The CRM charts: per channel, how many leads reached each stage (grouped log-scaled bars,
//! so the channels' funnels compare at a glance), and per month, the sales-accepted-lead,
//! follow-up and win rates (grouped bars on a 0–100 % scale).

use plotters::coord::Shift;
use plotters::prelude::*;

use super::groups::{draw_groups, Groups, Scale};
use super::{ChartResult, ChartStyle};
use crate::model::crm::kpi::{group_label, CrmKpis};
use crate::model::crm::parse::Lifecycle;

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
