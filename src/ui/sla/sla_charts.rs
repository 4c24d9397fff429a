//! The SLA view's charts: leads required against delivered, and the month's pacing.

use std::rc::Rc;
use std::sync::Arc;

use crate::charts::{draw_sla_leads, draw_sla_pacing};
use crate::model::sla::calculator::{Sla, SlaAnalysis};
use plotters::coord::Shift;
use plotters::prelude::{DrawingArea, DrawingBackend};

use crate::charts::{ChartResult, ChartStyle};
use crate::ui::chart::{height_of_rows, Drawing};

crate::texts! {
    /// The charts' text alternatives (the canvas's accessible name).
    enum SlaChartText {
        Leads => "Bar chart: leads required this month and leads delivered so far for each channel and each persona, with the share expected by today marked; rows behind pace are flagged. The pacing tables give the same numbers.",
            "Graphique à barres : leads requis ce mois-ci et leads livrés jusqu'ici pour chaque canal et chaque persona, la part attendue à ce jour marquée ; les lignes en retard sont signalées. Les tableaux de rythme donnent les mêmes chiffres.";
        Pacing => "Line chart: cumulative leads delivered day by day this month against the commitment spread over the month, with a projection to the month's end at the current rate. The pacing tables give the same numbers.",
            "Graphique en courbes : leads livrés cumulés jour après jour ce mois-ci face à l'engagement réparti sur le mois, avec une projection à la fin du mois au rythme actuel. Les tableaux de rythme donnent les mêmes chiffres.";
    }
}

/// What the chart shows, with the data it is drawn from.
#[derive(Clone, Debug)]
pub enum SlaChart {
    /// Leads required vs delivered month to date, per channel and per persona.
    Leads(Arc<Sla>, Rc<SlaAnalysis>),
    /// Cumulative leads of the tracked month against the commitment, with the projection.
    Pacing(Rc<SlaAnalysis>),
}

impl PartialEq for SlaChart {
    /// Same chart of the same data (data compared by identity: new data means a redraw).
    fn eq(&self, other: &SlaChart) -> bool {
        match (self, other) {
            (SlaChart::Leads(a, x), SlaChart::Leads(b, y)) => Arc::ptr_eq(a, b) && Rc::ptr_eq(x, y),
            (SlaChart::Pacing(a), SlaChart::Pacing(b)) => Rc::ptr_eq(a, b),
            _ => false,
        }
    }
}

impl Drawing for SlaChart {
    fn key(&self) -> &'static str {
        match self {
            SlaChart::Leads(..) => "sla-leads",
            SlaChart::Pacing(..) => "sla-pacing",
        }
    }
    fn description(&self) -> &'static str {
        match self {
            SlaChart::Leads(..) => SlaChartText::Leads,
            SlaChart::Pacing(..) => SlaChartText::Pacing,
        }
        .text()
    }
    fn css_height(&self) -> f64 {
        height_of_rows(match self {
            SlaChart::Leads(sla, _) => sla.channels.len() + sla.personas.len() + 3,
            SlaChart::Pacing(_) => 7,
        })
    }
    fn draw_on<DB: DrawingBackend>(
        &self,
        area: &DrawingArea<DB, Shift>,
        style: &ChartStyle,
    ) -> ChartResult<DB> {
        match self {
            SlaChart::Leads(sla, a) => draw_sla_leads(area, sla, a, style),
            SlaChart::Pacing(a) => draw_sla_pacing(area, a, style),
        }
    }
}
