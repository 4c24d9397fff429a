//! The Capacity panel's chart: the sales team's demand against capacity per role.

use std::rc::Rc;

use crate::charts::draw_capacity;
use crate::model::Analysis;
use crate::ui::chart::drawings;

drawings! {
    /// The team's demand against capacity per role, drawn from the analysis.
    pub enum CapacityChart, texts CapacityChartText {
        /// Items reaching each role's stage a month against what the role can work.
        Roles(Rc<Analysis>) as (analysis) / (other) => Rc::ptr_eq(analysis, other),
            key "capacity",
            rows (analysis.capacity.as_ref().map_or(0, |c| c.roles.len()) + 3).clamp(4, 12),
            draw |area, style| match &analysis.capacity {
                Some(capacity) => draw_capacity(area, capacity, style),
                None => Ok(()),
            },
            text "Bar chart: for each role of the sales team, the items reaching its stage a month and what it can work. The table of roles gives the same numbers.",
                "Graphique à barres : pour chaque rôle de l'équipe commerciale, le volume qui arrive à son étape chaque mois et ce qu'il peut traiter. Le tableau des rôles donne les mêmes chiffres.";
    }
}
