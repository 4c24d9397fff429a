//! The workbench's charts: the tornados of the sensitivity view and the comparison.

use std::rc::Rc;

use crate::charts::{draw_comparison, draw_tornado, draw_velocity_tornado};
use crate::model::sales::velocity_sensitivity::VelocitySensitivity;
use crate::model::workbench::compare::Comparison;
use crate::model::workbench::sensitivity::{Sensitivity, SensitivitySettings};
use crate::model::Metric;
use plotters::coord::Shift;
use plotters::prelude::{DrawingArea, DrawingBackend};

use crate::charts::{ChartResult, ChartStyle};
use crate::ui::chart::{height_of_rows, Drawing};

crate::texts! {
    /// The charts' text alternatives (the canvas's accessible name).
    enum WorkbenchChartText {
        Tornado => "Tornado chart: the effect of moving each lever down and up on the chosen result, largest effect first. The table next to it gives the same numbers.",
            "Graphique en tornade : l'effet de la baisse et de la hausse de chaque levier sur le résultat choisi, le plus fort en premier. Le tableau voisin donne les mêmes chiffres.";
        VelocityTornado => "Tornado chart: the effect of moving each term of the sales velocity (open opportunities, average deal, win rate, sales-cycle days) down and up on the velocity a day, largest effect first. The table next to it gives the same numbers.",
            "Graphique en tornade : l'effet de la baisse et de la hausse de chaque terme de la vélocité commerciale (opportunités ouvertes, montant moyen, taux de gain, jours du cycle de vente) sur la vélocité par jour, le plus fort en premier. Le tableau voisin donne les mêmes chiffres.";
        Comparison => "Comparison chart: stage volumes and key results of each scenario. The table next to it gives the same numbers.",
            "Graphique de comparaison : volumes par étape et résultats clés de chaque scénario. Le tableau voisin donne les mêmes chiffres.";
    }
}

/// What the chart shows, with the data it is drawn from.
#[derive(Clone, Debug)]
pub enum WorkbenchChart {
    /// Each lever moved down and up, its effect on one result.
    Tornado(Rc<Sensitivity>, Metric, SensitivitySettings),
    /// The sales velocity's four terms moved down and up.
    VelocityTornado(Rc<VelocitySensitivity>, SensitivitySettings),
    /// Stage volumes and key results of each scenario.
    Comparison(Rc<Comparison>),
}

impl PartialEq for WorkbenchChart {
    /// Same chart of the same data (data compared by identity: new data means a redraw).
    fn eq(&self, other: &WorkbenchChart) -> bool {
        match (self, other) {
            (WorkbenchChart::Tornado(a, m, s), WorkbenchChart::Tornado(b, n, t)) => {
                Rc::ptr_eq(a, b) && m == n && s == t
            }
            (WorkbenchChart::VelocityTornado(a, s), WorkbenchChart::VelocityTornado(b, t)) => {
                Rc::ptr_eq(a, b) && s == t
            }
            (WorkbenchChart::Comparison(a), WorkbenchChart::Comparison(b)) => Rc::ptr_eq(a, b),
            _ => false,
        }
    }
}

impl Drawing for WorkbenchChart {
    fn key(&self) -> &'static str {
        match self {
            WorkbenchChart::Tornado(..) => "tornado",
            WorkbenchChart::VelocityTornado(..) => "velocity-tornado",
            WorkbenchChart::Comparison(..) => "comparison",
        }
    }
    fn description(&self) -> &'static str {
        match self {
            WorkbenchChart::Tornado(..) => WorkbenchChartText::Tornado,
            WorkbenchChart::VelocityTornado(..) => WorkbenchChartText::VelocityTornado,
            WorkbenchChart::Comparison(..) => WorkbenchChartText::Comparison,
        }
        .text()
    }
    fn css_height(&self) -> f64 {
        height_of_rows(match self {
            WorkbenchChart::Tornado(s, ..) => s.effects.len(),
            WorkbenchChart::VelocityTornado(s, _) => s.effects.len(),
            WorkbenchChart::Comparison(c) => {
                let stages = c.analyses.first().map_or(0, |a| a.funnel.stages.len());
                (stages * c.names.len()).div_ceil(2) + 6
            }
        })
    }
    fn draw_on<DB: DrawingBackend>(
        &self,
        area: &DrawingArea<DB, Shift>,
        style: &ChartStyle,
    ) -> ChartResult<DB> {
        match self {
            WorkbenchChart::Tornado(s, metric, settings) => {
                draw_tornado(area, s, *metric, settings, style)
            }
            WorkbenchChart::VelocityTornado(s, settings) => {
                draw_velocity_tornado(area, s, settings, style)
            }
            WorkbenchChart::Comparison(c) => draw_comparison(area, c, style),
        }
    }
}
