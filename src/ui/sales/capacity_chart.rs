//! The Capacity panel's chart: the sales team's demand against capacity per role.

use std::rc::Rc;

use plotters::coord::Shift;
use plotters::prelude::{DrawingArea, DrawingBackend};

use crate::charts::{draw_capacity, ChartResult, ChartStyle};
use crate::model::Analysis;
use crate::ui::chart::{height_of_rows, Drawing};

crate::texts! {
    /// The chart's text alternative (the canvas's accessible name).
    enum CapacityChartText {
        Capacity => "Bar chart: for each role of the sales team, the items reaching its stage a month and what it can work. The table of roles gives the same numbers.",
            "Graphique à barres : pour chaque rôle de l'équipe commerciale, le volume qui arrive à son étape chaque mois et ce qu'il peut traiter. Le tableau des rôles donne les mêmes chiffres.";
    }
}

/// The team's demand against capacity per role, drawn from the analysis.
#[derive(Clone, Debug)]
pub struct CapacityChart(pub Rc<Analysis>);

impl PartialEq for CapacityChart {
    /// Same data (compared by identity: new data means a redraw).
    fn eq(&self, other: &CapacityChart) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl Drawing for CapacityChart {
    fn key(&self) -> &'static str {
        "capacity"
    }
    fn description(&self) -> &'static str {
        CapacityChartText::Capacity.text()
    }
    fn css_height(&self) -> f64 {
        height_of_rows((self.0.capacity.as_ref().map_or(0, |c| c.roles.len()) + 3).clamp(4, 12))
    }
    fn draw_on<DB: DrawingBackend>(
        &self,
        area: &DrawingArea<DB, Shift>,
        style: &ChartStyle,
    ) -> ChartResult<DB> {
        match &self.0.capacity {
            Some(capacity) => draw_capacity(area, capacity, style),
            None => Ok(()),
        }
    }
}
