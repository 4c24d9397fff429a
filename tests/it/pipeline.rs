//! Pipeline coverage and sales velocity, worked by hand on the default scenario (a year:
//! 120,000 visitors, 2.5 % leads, 40 % MQL, 50 % SQL, 60 % opportunities, 25 % won; basket
//! 15,000 €, target 2,000,000 €):
//!
//! - 360 opportunities a year, worth 5,400,000 € at the average deal: coverage 2.7× the
//!   quota. The win rate is 25 %, so the quota needs 1 ÷ 0.25 = 4× coverage: 8,000,000 € of
//!   pipeline; the gap is 2,600,000 €, 173.33 opportunities. Weighted by the win rate the
//!   pipeline brings 1,350,000 €, the funnel's revenue.
//! - Velocity: with the default 60-day cycle, 360 × 60 ÷ 365.25 = 59.14 opportunities are
//!   open at any time; 59.14 × 15,000 × 0.25 ÷ 60 = 3,696.1 € a day, 1,350,000 € a year (the
//!   revenue: Little's law).

use std::sync::Arc;

use funnelsim::model::forecast::projection::Projection;
use funnelsim::model::sales::pipeline::pipeline;
use funnelsim::model::{analyse, Scenario};
use proptest::prelude::*;

use crate::channels::assert_near;
use crate::channels_scenario::default_twin;

#[test]
fn the_default_funnel_s_coverage_and_velocity() {
    let scenario = Scenario::default();
    let analysis = analyse(&scenario);
    let p = pipeline(&scenario, &analysis.funnel, None).unwrap();
    let c = &p.coverage;
    assert_eq!(p.stage, "Opportunities");
    assert_near(c.opportunities, 360.0, 1e-9, "opportunities");
    assert_near(c.pipeline, 5_400_000.0, 1e-6, "pipeline");
    assert_near(c.coverage.unwrap(), 2.7, 1e-12, "coverage");
    assert_near(
        c.required_coverage.unwrap(),
        4.0,
        1e-12,
        "required coverage",
    );
    assert_near(
        c.required_pipeline.unwrap(),
        8_000_000.0,
        1e-6,
        "required pipeline",
    );
    assert_near(c.gap.unwrap(), 2_600_000.0, 1e-6, "gap");
    assert_near(
        c.gap_opportunities.unwrap(),
        173.333_333,
        1e-5,
        "gap in opportunities",
    );
    assert_near(c.weighted_pipeline.unwrap(), 1_350_000.0, 1e-6, "weighted");
    let v = &p.velocity;
    assert_near(v.opportunities, 360.0 * 60.0 / 365.25, 1e-9, "open");
    assert_near(v.per_day.unwrap(), 1_350_000.0 / 365.25, 1e-6, "a day");
    assert_near(v.per_period.unwrap(), 1_350_000.0, 1e-6, "a year");
    assert!(p.channels.is_empty());
    // The forecast's cycle is the velocity's.
    let slower = Scenario {
        projection: Some(Arc::new(Projection {
            sales_cycle_days: 120.0,
            ..Projection::default()
        })),
        ..Scenario::default()
    };
    let q = pipeline(&slower, &analyse(&slower).funnel, None).unwrap();
    assert_near(q.velocity.cycle_days, 120.0, 0.0, "cycle");
    assert_near(
        q.velocity.opportunities,
        2.0 * v.opportunities,
        1e-9,
        "twice as many open",
    );
}

#[test]
fn each_channel_has_its_velocity_and_they_add_up() {
    let twin = default_twin();
    let analysis = analyse(&twin);
    let p = pipeline(&twin, &analysis.funnel, analysis.channels.as_ref()).unwrap();
    assert_eq!(p.channels.len(), 5);
    let sum: f64 = p.channels.iter().map(|c| c.per_day.unwrap()).sum();
    assert_near(sum, p.velocity.per_day.unwrap(), 1e-6, "channels add up");
}

proptest! {
    /// At the required pipeline, coverage × win rate = 1; and the weighted pipeline is the
    /// funnel's revenue.
    #[test]
    fn coverage_times_win_rate_is_one_at_the_required_pipeline(
        win in 0.5..100.0f64,
        opp in 0.5..100.0f64,
        target in 1.0..1e9f64,
        basket in 1.0..1e6f64,
    ) {
        let mut scenario = Scenario { target_revenue: target, basket, ..Scenario::default() };
        scenario.stages[5].value = win;
        scenario.stages[4].value = opp;
        let analysis = analyse(&scenario);
        let c = pipeline(&scenario, &analysis.funnel, None).unwrap().coverage;
        let at_required = c.required_pipeline.unwrap() / c.quota;
        prop_assert!((at_required * c.win_rate.unwrap() - 1.0).abs() < 1e-9);
        let revenue = analysis.funnel.returns.revenue;
        prop_assert!((c.weighted_pipeline.unwrap() - revenue).abs() <= 1e-9 * revenue.max(1.0));
    }
}
