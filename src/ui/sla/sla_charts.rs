//! The SLA view's charts: leads required against delivered, and the month's pacing.

use std::rc::Rc;
use std::sync::Arc;

use crate::charts::{draw_sla_leads, draw_sla_pacing};
use crate::model::sla::calculator::{Sla, SlaAnalysis};
use crate::ui::chart::drawings;

drawings! {
    /// What the chart shows, with the data it is drawn from.
    pub enum SlaChart, texts SlaChartText {
        /// Leads required vs delivered month to date, per channel and per persona.
        Leads(Arc<Sla>, Rc<SlaAnalysis>) as (sla, analysis) / (other_sla, other_analysis)
            => Arc::ptr_eq(sla, other_sla) && Rc::ptr_eq(analysis, other_analysis),
            key "sla-leads",
            rows sla.channels.len() + sla.personas.len() + 3,
            draw |area, style| draw_sla_leads(area, sla, analysis, style),
            text "Bar chart: leads required this month and leads delivered so far for each channel and each persona, with the share expected by today marked; rows behind pace are flagged. The pacing tables give the same numbers.",
                "Graphique à barres : leads requis ce mois-ci et leads livrés jusqu'ici pour chaque canal et chaque persona, la part attendue à ce jour marquée ; les lignes en retard sont signalées. Les tableaux de rythme donnent les mêmes chiffres.";
        /// Cumulative leads of the tracked month against the commitment, with the projection.
        Pacing(Rc<SlaAnalysis>) as (analysis) / (other)
            => Rc::ptr_eq(analysis, other),
            key "sla-pacing",
            rows 7,
            draw |area, style| draw_sla_pacing(area, analysis, style),
            text "Line chart: cumulative leads delivered day by day this month against the commitment spread over the month, with a projection to the month's end at the current rate. The pacing tables give the same numbers.",
                "Graphique en courbes : leads livrés cumulés jour après jour ce mois-ci face à l'engagement réparti sur le mois, avec une projection à la fin du mois au rythme actuel. Les tableaux de rythme donnent les mêmes chiffres.";
    }
}
