//! The sales team's capacity chart: for each role, the items reaching its stage a month
//! against what the role can work, on one linear scale.

use plotters::coord::Shift;
use plotters::prelude::*;

use super::groups::{draw_groups, Groups, Scale};
use super::{ChartResult, ChartStyle};
use crate::model::format;
use crate::model::sales::capacity::CapacityResult;

crate::texts! {
    /// Texts of the capacity chart.
    enum CapacityChartText {
        Title => "Demand against capacity, a month: {bottleneck}", "Demande et capacité, par mois : {bottleneck}";
        Within => "every role within its capacity", "chaque rôle dans sa capacité";
        Over => "{role} over capacity ({load})", "{role} au-delà de sa capacité ({load})";
        Note => "Items reaching each role's stage a month, and what the role works in steady state (ramp-up and attrition included)",
            "Volume qui arrive chaque mois à l'étape de chaque rôle, et ce que le rôle traite en régime établi (montée en charge et attrition comprises)";
        Demand => "Demand", "Demande";
        Capacity => "Capacity", "Capacité";
    }
}

/// Draws each role's demand and capacity a month.
pub fn draw_capacity<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    capacity: &CapacityResult,
    style: &ChartStyle,
) -> ChartResult<DB> {
    let over = capacity
        .bottleneck
        .and_then(|i| capacity.roles.get(i))
        .filter(|r| r.unworked > 0.0);
    let bottleneck = match over {
        Some(role) => CapacityChartText::Over.fill(&[
            ("role", &role.name),
            ("load", &format::or_na(role.utilisation, format::percent)),
        ]),
        None => CapacityChartText::Within.text().to_owned(),
    };
    let title = CapacityChartText::Title.fill(&[("bottleneck", &bottleneck)]);
    let groups = Groups {
        title: &title,
        note: CapacityChartText::Note.text(),
        series: vec![
            CapacityChartText::Demand.text().to_owned(),
            CapacityChartText::Capacity.text().to_owned(),
        ],
        rows: capacity
            .roles
            .iter()
            .map(|r| (r.name.clone(), vec![Some(r.demand), Some(r.capacity)]))
            .collect(),
        scale: Scale::Count,
    };
    draw_groups(area, &groups, style)
}
