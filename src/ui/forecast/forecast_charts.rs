//! The forecast views' charts: the projection's volumes, cash and customers, the Monte Carlo's fan and histogram.

use std::rc::Rc;

use crate::charts::{
    draw_forecast_cash, draw_forecast_customers, draw_forecast_fan, draw_forecast_histogram,
    draw_forecast_volumes,
};
use crate::model::forecast::monte_carlo::Summary;
use crate::model::forecast::projection::ProjectionResult;
use crate::model::Period;
use crate::ui::chart::drawings;

drawings! {
    /// What the chart shows, with the data it is drawn from.
    pub enum ForecastChart, texts ForecastChartText {
        /// The projection's volume reaching each stage, month by month.
        Volumes(Rc<ProjectionResult>) as (projection) / (other) => Rc::ptr_eq(projection, other),
            key "forecast-volumes",
            rows 7,
            draw |area, style| draw_forecast_volumes(area, projection, style),
            text "Stacked bar chart: for each projected month, the volume reaching each stage after the top of the funnel. The month-by-month table gives the same numbers.",
                "Graphique à barres empilées : pour chaque mois projeté, le volume qui atteint chaque étape après le haut de l'entonnoir. Le tableau mois par mois donne les mêmes chiffres.";
        /// Cumulative revenue and gross margin against spend.
        Cash(Rc<ProjectionResult>) as (projection) / (other) => Rc::ptr_eq(projection, other),
            key "forecast-cash",
            rows 7,
            draw |area, style| draw_forecast_cash(area, projection, style),
            text "Line chart: cumulative revenue, cumulative gross margin and cumulative marketing spend month by month, with the break-even month marked. The month-by-month table gives the same numbers.",
                "Graphique en courbes : chiffre d'affaires, marge brute et dépenses marketing cumulés mois par mois, le mois du point mort marqué. Le tableau mois par mois donne les mêmes chiffres.";
        /// Customers active and won each month.
        Customers(Rc<ProjectionResult>) as (projection) / (other) => Rc::ptr_eq(projection, other),
            key "forecast-customers",
            rows 7,
            draw |area, style| draw_forecast_customers(area, projection, style),
            text "Chart: customers active each month (line) and customers won each month (bars). The month-by-month table gives the same numbers.",
                "Graphique : clients actifs chaque mois (courbe) et clients gagnés chaque mois (barres). Le tableau mois par mois donne les mêmes chiffres.";
        /// The Monte Carlo's fan of cumulative revenue, with the projection.
        Fan(Rc<Summary>, Rc<ProjectionResult>) as (summary, projection) / (other_summary, other_projection)
            => Rc::ptr_eq(summary, other_summary) && Rc::ptr_eq(projection, other_projection),
            key "forecast-fan",
            rows 7,
            draw |area, style| draw_forecast_fan(area, summary, projection, style),
            text "Fan chart: for each projected month, the band from the 10th to the 90th percentile of cumulative revenue over the trials, the median, the projection without uncertainty and the cumulative spend. The percentile table gives the key figures.",
                "Graphique en éventail : pour chaque mois projeté, la bande du 10e au 90e centile du chiffre d'affaires cumulé sur les tirages, la médiane, la projection sans incertitude et les dépenses cumulées. Le tableau des centiles donne les chiffres clés.";
        /// The Monte Carlo's revenue histogram for the period.
        Histogram(Rc<Summary>, Period) as (summary, period) / (other_summary, other_period)
            => Rc::ptr_eq(summary, other_summary) && period == other_period,
            key "forecast-histogram",
            rows 7,
            draw |area, style| draw_forecast_histogram(area, summary, period.key(), style),
            text "Histogram: the share of trials by revenue per period, with the revenue target marked. The percentile table gives the same key figures.",
                "Histogramme : la part des tirages par chiffre d'affaires par période, l'objectif de chiffre d'affaires marqué. Le tableau des centiles donne les mêmes chiffres clés.";
    }
}
