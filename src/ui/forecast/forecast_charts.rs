//! The forecast views' charts: the projection's volumes, cash and customers, the Monte Carlo's fan and histogram.

use std::rc::Rc;

use crate::charts::{
    draw_forecast_cash, draw_forecast_customers, draw_forecast_fan, draw_forecast_histogram,
    draw_forecast_volumes,
};
use crate::model::forecast::monte_carlo::Summary;
use crate::model::forecast::projection::ProjectionResult;
use crate::model::Period;
use plotters::coord::Shift;
use plotters::prelude::{DrawingArea, DrawingBackend};

use crate::charts::{ChartResult, ChartStyle};
use crate::ui::chart::{height_of_rows, Drawing};

crate::texts! {
    /// The charts' text alternatives (the canvas's accessible name).
    enum ForecastChartText {
        Volumes => "Stacked bar chart: for each projected month, the volume reaching each stage after the top of the funnel. The month-by-month table gives the same numbers.",
            "Graphique à barres empilées : pour chaque mois projeté, le volume qui atteint chaque étape après le haut de l'entonnoir. Le tableau mois par mois donne les mêmes chiffres.";
        Cash => "Line chart: cumulative revenue, cumulative gross margin and cumulative marketing spend month by month, with the break-even month marked. The month-by-month table gives the same numbers.",
            "Graphique en courbes : chiffre d'affaires, marge brute et dépenses marketing cumulés mois par mois, le mois du point mort marqué. Le tableau mois par mois donne les mêmes chiffres.";
        Customers => "Chart: customers active each month (line) and customers won each month (bars). The month-by-month table gives the same numbers.",
            "Graphique : clients actifs chaque mois (courbe) et clients gagnés chaque mois (barres). Le tableau mois par mois donne les mêmes chiffres.";
        Fan => "Fan chart: for each projected month, the band from the 10th to the 90th percentile of cumulative revenue over the trials, the median, the projection without uncertainty and the cumulative spend. The percentile table gives the key figures.",
            "Graphique en éventail : pour chaque mois projeté, la bande du 10e au 90e centile du chiffre d'affaires cumulé sur les tirages, la médiane, la projection sans incertitude et les dépenses cumulées. Le tableau des centiles donne les chiffres clés.";
        Histogram => "Histogram: the share of trials by revenue per period, with the revenue target marked. The percentile table gives the same key figures.",
            "Histogramme : la part des tirages par chiffre d'affaires par période, l'objectif de chiffre d'affaires marqué. Le tableau des centiles donne les mêmes chiffres clés.";
    }
}

/// What the chart shows, with the data it is drawn from.
#[derive(Clone, Debug)]
pub enum ForecastChart {
    /// The projection's volume reaching each stage, month by month.
    Volumes(Rc<ProjectionResult>),
    /// Cumulative revenue and gross margin against spend.
    Cash(Rc<ProjectionResult>),
    /// Customers active and won each month.
    Customers(Rc<ProjectionResult>),
    /// The Monte Carlo's fan of cumulative revenue, with the projection.
    Fan(Rc<Summary>, Rc<ProjectionResult>),
    /// The Monte Carlo's revenue histogram for the period.
    Histogram(Rc<Summary>, Period),
}

impl PartialEq for ForecastChart {
    /// Same chart of the same data (data compared by identity: new data means a redraw).
    fn eq(&self, other: &ForecastChart) -> bool {
        match (self, other) {
            (ForecastChart::Volumes(a), ForecastChart::Volumes(b)) => Rc::ptr_eq(a, b),
            (ForecastChart::Cash(a), ForecastChart::Cash(b)) => Rc::ptr_eq(a, b),
            (ForecastChart::Customers(a), ForecastChart::Customers(b)) => Rc::ptr_eq(a, b),
            (ForecastChart::Fan(a, x), ForecastChart::Fan(b, y)) => {
                Rc::ptr_eq(a, b) && Rc::ptr_eq(x, y)
            }
            (ForecastChart::Histogram(a, p), ForecastChart::Histogram(b, q)) => {
                Rc::ptr_eq(a, b) && p == q
            }
            _ => false,
        }
    }
}

impl Drawing for ForecastChart {
    fn key(&self) -> &'static str {
        match self {
            ForecastChart::Volumes(..) => "forecast-volumes",
            ForecastChart::Cash(..) => "forecast-cash",
            ForecastChart::Customers(..) => "forecast-customers",
            ForecastChart::Fan(..) => "forecast-fan",
            ForecastChart::Histogram(..) => "forecast-histogram",
        }
    }
    fn description(&self) -> &'static str {
        match self {
            ForecastChart::Volumes(..) => ForecastChartText::Volumes,
            ForecastChart::Cash(..) => ForecastChartText::Cash,
            ForecastChart::Customers(..) => ForecastChartText::Customers,
            ForecastChart::Fan(..) => ForecastChartText::Fan,
            ForecastChart::Histogram(..) => ForecastChartText::Histogram,
        }
        .text()
    }
    fn css_height(&self) -> f64 {
        height_of_rows(match self {
            ForecastChart::Volumes(_) => 7,
            ForecastChart::Cash(_) => 7,
            ForecastChart::Customers(_) => 7,
            ForecastChart::Fan(..) => 7,
            ForecastChart::Histogram(..) => 7,
        })
    }
    fn draw_on<DB: DrawingBackend>(
        &self,
        area: &DrawingArea<DB, Shift>,
        style: &ChartStyle,
    ) -> ChartResult<DB> {
        match self {
            ForecastChart::Volumes(p) => draw_forecast_volumes(area, p, style),
            ForecastChart::Cash(p) => draw_forecast_cash(area, p, style),
            ForecastChart::Customers(p) => draw_forecast_customers(area, p, style),
            ForecastChart::Fan(s, p) => draw_forecast_fan(area, s, p, style),
            ForecastChart::Histogram(s, period) => {
                draw_forecast_histogram(area, s, period.key(), style)
            }
        }
    }
}
