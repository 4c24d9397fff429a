//! The workbench's charts: the tornados of the sensitivity view and the comparison.

use std::rc::Rc;

use crate::charts::{draw_comparison, draw_tornado, draw_velocity_tornado};
use crate::model::sales::velocity_sensitivity::VelocitySensitivity;
use crate::model::workbench::compare::Comparison;
use crate::model::workbench::sensitivity::{Sensitivity, SensitivitySettings};
use crate::model::Metric;
use crate::ui::chart::drawings;

drawings! {
    /// What the chart shows, with the data it is drawn from.
    pub enum WorkbenchChart, texts WorkbenchChartText {
        /// Each lever moved down and up, its effect on one result.
        Tornado(Rc<Sensitivity>, Metric, SensitivitySettings) as (sensitivity, metric, settings)
            / (other_sensitivity, other_metric, other_settings)
            => Rc::ptr_eq(sensitivity, other_sensitivity) && metric == other_metric && settings == other_settings,
            key "tornado",
            rows sensitivity.effects.len(),
            draw |area, style| draw_tornado(area, sensitivity, *metric, settings, style),
            text "Tornado chart: the effect of moving each lever down and up on the chosen result, largest effect first. The table next to it gives the same numbers.",
                "Graphique en tornade : l'effet de la baisse et de la hausse de chaque levier sur le résultat choisi, le plus fort en premier. Le tableau voisin donne les mêmes chiffres.";
        /// The sales velocity's four terms moved down and up.
        VelocityTornado(Rc<VelocitySensitivity>, SensitivitySettings) as (sensitivity, settings)
            / (other_sensitivity, other_settings)
            => Rc::ptr_eq(sensitivity, other_sensitivity) && settings == other_settings,
            key "velocity-tornado",
            rows sensitivity.effects.len(),
            draw |area, style| draw_velocity_tornado(area, sensitivity, settings, style),
            text "Tornado chart: the effect of moving each term of the sales velocity (open opportunities, average deal, win rate, sales-cycle days) down and up on the velocity a day, largest effect first. The table next to it gives the same numbers.",
                "Graphique en tornade : l'effet de la baisse et de la hausse de chaque terme de la vélocité commerciale (opportunités ouvertes, montant moyen, taux de gain, jours du cycle de vente) sur la vélocité par jour, le plus fort en premier. Le tableau voisin donne les mêmes chiffres.";
        /// Stage volumes and key results of each scenario.
        Comparison(Rc<Comparison>) as (comparison) / (other) => Rc::ptr_eq(comparison, other),
            key "comparison",
            rows {
                let stages = comparison.analyses.first().map_or(0, |a| a.funnel.stages.len());
                (stages * comparison.names.len()).div_ceil(2) + 6
            },
            draw |area, style| draw_comparison(area, comparison, style),
            text "Comparison chart: stage volumes and key results of each scenario. The table next to it gives the same numbers.",
                "Graphique de comparaison : volumes par étape et résultats clés de chaque scénario. Le tableau voisin donne les mêmes chiffres.";
    }
}
