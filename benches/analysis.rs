//! Native analysis benchmark: time of a full sensitivity analysis (default scenario and a
//! 12-stage one), of goal seek (linear, non-linear and unreachable cases) and of the SLA
//! (the example, and 20 channels × 10 personas with 12 months of daily actuals), and of the
//! budget allocator over 20 channels (best split of a budget, smallest budget for a target).
//! Run: `cargo bench --bench analysis`.

use std::hint::black_box;

#[path = "common/mod.rs"]
mod common;

use common::{print_table, wide_scenario, Bench};

use funnelsim::model::funnel::channels::{Channel, ChannelMix, Conversion, Entry, Response};
use funnelsim::model::sla::calculator::{analyse_sla, funnel_close_rate, Sla, YearMonth};
use funnelsim::model::workbench::allocate::{allocate, budget_for_target, Objective};
use funnelsim::model::workbench::channel_plan::channel_plan;
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

    // The allocator runs a bisection per call: fewer calls per batch.
    let twenty = twenty_channels();
    let allocator: Vec<Bench> = vec![
        (
            "allocate 2 M€ over 20 channels (linear, saturating, power, fixed)",
            Box::new(|| {
                let _ = black_box(allocate(
                    &default,
                    black_box(&twenty),
                    2_000_000.0,
                    Objective::Revenue,
                ));
            }),
        ),
        (
            "the channel plan the panel shows after an edit, 20 channels (funnels, next euro, best split, smallest budget for the 2 M€ target)",
            Box::new(|| {
                let _ = black_box(channel_plan(&default, black_box(&twenty), "All"));
            }),
        ),
        (
            "smallest budget for 5 M€ of revenue, 20 channels",
            Box::new(|| {
                let _ = black_box(budget_for_target(&default, black_box(&twenty), 5_000_000.0));
            }),
        ),
    ];
    print_table(allocator, 20, 5);
}

/// Twenty channels of every kind of curve, bringing leads.
fn twenty_channels() -> ChannelMix {
    let channels = (0..20)
        .map(|i| {
            let f = f64::from(i);
            let response = match i % 4 {
                0 => Response::Linear {
                    cost_per_lead: 80.0 + 20.0 * f,
                },
                1 => Response::Saturating {
                    ceiling: 500.0 + 100.0 * f,
                    scale: 40_000.0 + 5_000.0 * f,
                },
                2 => Response::Power {
                    coefficient: 0.5 + 0.1 * f,
                    exponent: 0.7,
                },
                _ => Response::Count { volume: 50.0 },
            };
            Channel {
                name: format!("Channel {i}"),
                spend: 50_000.0,
                response,
                conversion: Conversion::Quality {
                    factor: 0.8 + 0.02 * f,
                },
                min_spend: None,
                max_spend: (i % 3 == 0).then_some(150_000.0),
            }
        })
        .collect();
    ChannelMix {
        entry: Entry::Leads,
        objective: Default::default(),
        channels,
    }
}
