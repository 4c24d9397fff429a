//! The CRM view's charts: leads reaching each stage per channel, and the rates month by month.

use std::rc::Rc;

use crate::charts::{draw_crm_channels, draw_crm_months};
use crate::model::crm::kpi::CrmKpis;
use plotters::coord::Shift;
use plotters::prelude::{DrawingArea, DrawingBackend};

use crate::charts::{ChartResult, ChartStyle};
use crate::ui::chart::{height_of_rows, Drawing};

crate::texts! {
    /// The charts' text alternatives (the canvas's accessible name).
    enum CrmChartText {
        Channels => "Bar chart: for each channel of the CRM export, how many leads reached the lead, MQL, SQL, opportunity and customer stages. The table of KPIs by channel gives the same numbers.",
            "Graphique à barres : pour chaque canal de l'export CRM, combien de leads ont atteint les étapes lead, MQL, SQL, opportunité et client. Le tableau des KPI par canal donne les mêmes chiffres.";
        Months => "Bar chart: for each month of the CRM export, the share of leads sent by marketing that sales accepted and followed up, and the share of opportunities won. The table of KPIs by month gives the same numbers.",
            "Graphique à barres : pour chaque mois de l'export CRM, la part des leads envoyés par le marketing que les ventes ont acceptés et suivis, et la part des opportunités gagnées. Le tableau des KPI par mois donne les mêmes chiffres.";
    }
}

/// What the chart shows, with the data it is drawn from.
#[derive(Clone, Debug)]
pub enum CrmChart {
    /// Leads reaching each stage, per channel of a CRM export.
    Channels(Rc<CrmKpis>),
    /// Sales-accepted-lead, follow-up and win rates per month of a CRM export.
    Months(Rc<CrmKpis>),
}

impl PartialEq for CrmChart {
    /// Same chart of the same data (data compared by identity: new data means a redraw).
    fn eq(&self, other: &CrmChart) -> bool {
        match (self, other) {
            (CrmChart::Channels(a), CrmChart::Channels(b)) => Rc::ptr_eq(a, b),
            (CrmChart::Months(a), CrmChart::Months(b)) => Rc::ptr_eq(a, b),
            _ => false,
        }
    }
}

impl Drawing for CrmChart {
    fn key(&self) -> &'static str {
        match self {
            CrmChart::Channels(..) => "crm-channels",
            CrmChart::Months(..) => "crm-months",
        }
    }
    fn description(&self) -> &'static str {
        match self {
            CrmChart::Channels(..) => CrmChartText::Channels,
            CrmChart::Months(..) => CrmChartText::Months,
        }
        .text()
    }
    fn css_height(&self) -> f64 {
        height_of_rows(match self {
            CrmChart::Channels(k) => (k.by_channel.len() * 2 + 2).clamp(4, 24),
            CrmChart::Months(k) => (k.by_month.len() * 2 + 2).clamp(4, 28),
        })
    }
    fn draw_on<DB: DrawingBackend>(
        &self,
        area: &DrawingArea<DB, Shift>,
        style: &ChartStyle,
    ) -> ChartResult<DB> {
        match self {
            CrmChart::Channels(k) => draw_crm_channels(area, k, style),
            CrmChart::Months(k) => draw_crm_months(area, k, style),
        }
    }
}
