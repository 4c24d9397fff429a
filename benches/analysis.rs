//! Native analysis benchmark: time of a full sensitivity analysis (default scenario and a
//! 12-stage one) and of goal seek (linear, non-linear and unreachable cases).
//! Run: `cargo bench --bench analysis`.

use std::hint::black_box;
use std::time::Instant;

use funnelsim::model::goal_seek::{goal_seek, Goal};
use funnelsim::model::scenario::MAX_STAGES;
use funnelsim::model::sensitivity::{sensitivity, SensitivitySettings, StepMode};
use funnelsim::model::{FieldId, Metric, Scenario, Stage};

/// Median and 95th percentile (ns per call) of `samples` batches of `per_batch` calls.
fn measure(per_batch: u32, samples: usize, mut f: impl FnMut()) -> (f64, f64) {
    let mut times: Vec<f64> = (0..samples)
        .map(|_| {
            let start = Instant::now();
            for _ in 0..per_batch {
                f();
            }
            start.elapsed().as_nanos() as f64 / f64::from(per_batch)
        })
        .collect();
    times.sort_by(f64::total_cmp);
    (times[samples / 2], times[samples * 95 / 100])
}

fn main() {
    let default = Scenario::default();
    let wide = Scenario {
        stages: (0..MAX_STAGES)
            .map(|i| Stage::new(&format!("Stage {i}"), if i == 0 { 1e6 } else { 80.0 }))
            .collect(),
        ..Scenario::default()
    };
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

    println!("| operation | median | p95 |");
    println!("|---|---|---|");
    type Bench<'a> = (&'a str, Box<dyn FnMut() + 'a>);
    let rows: [Bench; 7] = [
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
    ];
    for (name, mut f) in rows {
        for _ in 0..2_000 {
            f(); // warm-up
        }
        let (median, p95) = measure(200, 200, &mut f);
        println!(
            "| {name} | {:.2} µs | {:.2} µs |",
            median / 1000.0,
            p95 / 1000.0
        );
    }
}
