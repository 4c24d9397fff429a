//! Native analysis benchmark: time of a full sensitivity analysis (default scenario and a
//! 12-stage one), of goal seek (linear, non-linear and unreachable cases) and of the SLA
//! (the example, and 20 channels × 10 personas with 12 months of daily actuals).
//! Run: `cargo bench --bench analysis`.

use std::hint::black_box;

#[path = "common/mod.rs"]
mod common;

use common::{print_table, wide_scenario, Bench};

use funnelsim::model::sla::calculator::{analyse_sla, funnel_close_rate, Sla, YearMonth};
use funnelsim::model::workbench::goal_seek::{goal_seek, Goal};
use funnelsim::model::workbench::sensitivity::{sensitivity, SensitivitySettings, StepMode};
use funnelsim::model::{FieldId, Metric, Scenario};

fn main() {
    let default = Scenario::default();
    let wide = wide_scenario();
    let relative = SensitivitySettings::default();
    let points = SensitivitySettings {
        step_pct: 10.0,
        mode: StepMode::Points,
    };
    let customers_via_top = Goal {
        lever: FieldId::Top,
        metric: Metric::Customers,
        target: 180.0,
    };
    let roi_via_rate = Goal {
        lever: FieldId::StageRate(5),
        metric: Metric::RoiRevenue,
        target: 5.0,
    };
    let roi_via_spend = Goal {
        lever: FieldId::Spend,
        metric: Metric::RoiRevenue,
        target: 4.0,
    };
    let unreachable = Goal {
        lever: FieldId::StageRate(2),
        metric: Metric::Customers,
        target: 700.0,
    };

    let november = YearMonth::new(2026, 11).expect("a month");
    let example = Sla::example(&default, november, 23);
    let largest = Sla::synthetic(20, 10, 12, november, 15);

    let rows: Vec<Bench> = vec![
        (
            "sensitivity ±10 %, 6 stages",
            Box::new(|| {
                let _ = black_box(sensitivity(black_box(&default), &relative));
            }),
        ),
        (
            "sensitivity ±10 points, 6 stages",
            Box::new(|| {
                let _ = black_box(sensitivity(black_box(&default), &points));
            }),
        ),
        (
            "sensitivity ±10 %, 12 stages",
            Box::new(|| {
                let _ = black_box(sensitivity(black_box(&wide), &relative));
            }),
        ),
        (
            "goal seek customers via top (linear)",
            Box::new(|| {
                let _ = black_box(goal_seek(black_box(&default), &customers_via_top));
            }),
        ),
        (
            "goal seek ROI via a rate (linear)",
            Box::new(|| {
                let _ = black_box(goal_seek(black_box(&default), &roi_via_rate));
            }),
        ),
        (
            "goal seek ROI via spend (bisection)",
            Box::new(|| {
                let _ = black_box(goal_seek(black_box(&default), &roi_via_spend));
            }),
        ),
        (
            "goal seek unreachable (rate > 100 %)",
            Box::new(|| {
                let _ = black_box(goal_seek(black_box(&default), &unreachable));
            }),
        ),
        (
            "SLA example, 5 × 3, one month",
            Box::new(|| {
                let _ = black_box(analyse_sla(
                    black_box(&example),
                    funnel_close_rate(&default),
                ));
            }),
        ),
        (
            "SLA 20 × 10 × 12 months",
            Box::new(|| {
                let _ = black_box(analyse_sla(
                    black_box(&largest),
                    funnel_close_rate(&default),
                ));
            }),
        ),
    ];
    print_table(rows, 2_000, 200);
}
