//! The CRM view's charts: leads reaching each stage per channel, and the rates month by month.

use std::rc::Rc;

use crate::charts::{draw_crm_channels, draw_crm_months};
use crate::model::crm::kpi::CrmKpis;
use crate::ui::chart::drawings;

drawings! {
    /// What the chart shows, with the data it is drawn from.
    pub enum CrmChart, texts CrmChartText {
        /// Leads reaching each stage, per channel of a CRM export.
        Channels(Rc<CrmKpis>) as (kpis) / (other) => Rc::ptr_eq(kpis, other),
            key "crm-channels",
            rows (kpis.by_channel.len() * 2 + 2).clamp(4, 24),
            draw |area, style| draw_crm_channels(area, kpis, style),
            text "Bar chart: for each channel of the CRM export, how many leads reached the lead, MQL, SQL, opportunity and customer stages. The table of KPIs by channel gives the same numbers.",
                "Graphique à barres : pour chaque canal de l'export CRM, combien de leads ont atteint les étapes lead, MQL, SQL, opportunité et client. Le tableau des KPI par canal donne les mêmes chiffres.";
        /// Sales-accepted-lead, follow-up and win rates per month of a CRM export.
        Months(Rc<CrmKpis>) as (kpis) / (other) => Rc::ptr_eq(kpis, other),
            key "crm-months",
            rows (kpis.by_month.len() * 2 + 2).clamp(4, 28),
            draw |area, style| draw_crm_months(area, kpis, style),
            text "Bar chart: for each month of the CRM export, the share of leads sent by marketing that sales accepted and followed up, and the share of opportunities won. The table of KPIs by month gives the same numbers.",
                "Graphique à barres : pour chaque mois de l'export CRM, la part des leads envoyés par le marketing que les ventes ont acceptés et suivis, et la part des opportunités gagnées. Le tableau des KPI par mois donne les mêmes chiffres.";
    }
}
