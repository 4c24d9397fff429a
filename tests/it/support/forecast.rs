//! Shared by the forecast tests: proptest strategies (any projection and any uncertainty
//! set-up that their checks accept) and the default scenario's suggested projection.

use std::collections::BTreeMap;

use funnelsim::model::forecast::projection::{
    project, Growth, Projection, ProjectionResult, RevenueModel, MAX_MONTHS,
};
use funnelsim::model::forecast::uncertainty::{Spread, Uncertainty, MAX_OBSERVED};
use funnelsim::model::funnel::validate::MAX_AMOUNT;
use funnelsim::model::Scenario;
use proptest::prelude::*;

/// Any projection [`Projection::check`] accepts.
pub fn valid_projection() -> impl Strategy<Value = Projection> {
    let growth = prop_oneof![
        Just(Growth::Flat),
        (-100.0..=100.0f64).prop_map(|pct_per_month| Growth::Growing { pct_per_month }),
        (prop::array::uniform12(0.0..=1000.0f64), 0usize..12).prop_map(|(mut weights, i)| {
            weights[i] = weights[i].max(0.5);
            Growth::Seasonal { weights }
        }),
    ];
    (
        1..=MAX_MONTHS,
        growth,
        1u32..=12,
        prop_oneof![Just(0.0), 0.0..=1095.0f64],
        prop_oneof![Just(0.0), 0.0..=100.0f64],
        prop_oneof![Just(0.0), 0.0..=100.0f64],
        prop::sample::select(RevenueModel::ALL.to_vec()),
    )
        .prop_map(
            |(
                months,
                growth,
                start_month,
                sales_cycle_days,
                churn_pct,
                upsell_pct,
                revenue_model,
            )| {
                Projection {
                    months,
                    growth,
                    start_month,
                    sales_cycle_days,
                    churn_pct,
                    upsell_pct,
                    revenue_model,
                }
            },
        )
}

/// A range within `0..=max` (low ≤ likely ≤ high, sometimes all equal).
fn range(max: f64) -> impl Strategy<Value = Spread> {
    prop_oneof![
        prop::array::uniform3(0.0..=max).prop_map(|mut v| {
            v.sort_by(f64::total_cmp);
            Spread::Range {
                low: v[0],
                likely: v[1],
                high: v[2],
            }
        }),
        (0.0..=max).prop_map(|x| Spread::Range {
            low: x,
            likely: x,
            high: x,
        }),
    ]
}

/// Observed counts: 1 to [`MAX_OBSERVED`] trials, successes among them.
fn observed() -> impl Strategy<Value = Spread> {
    (1..=MAX_OBSERVED, 0.0..=1.0f64).prop_map(|(trials, share)| Spread::Observed {
        successes: ((trials as f64 * share) as u64).min(trials),
        trials,
    })
}

fn rate() -> impl Strategy<Value = Spread> {
    prop_oneof![range(100.0), observed()]
}

/// Any set-up [`Uncertainty::check`] accepts for a funnel of `stages` stages, with trials
/// in `trials`.
pub fn valid_uncertainty(
    stages: usize,
    trials: std::ops::RangeInclusive<u32>,
) -> impl Strategy<Value = Uncertainty> {
    (
        any::<u64>(),
        trials,
        prop::option::of(range(MAX_AMOUNT)),
        prop::collection::btree_map(1..stages.max(2), rate(), 0..stages),
        prop::option::of(range(MAX_AMOUNT)),
        prop::option::of(rate()),
    )
        .prop_map(
            move |(seed, trials, top, rates, basket, churn)| Uncertainty {
                seed,
                trials,
                top,
                rates: rates
                    .into_iter()
                    .filter(|&(i, _)| i < stages)
                    .collect::<BTreeMap<_, _>>(),
                basket,
                churn,
                channel_costs: BTreeMap::new(),
            },
        )
}

/// The default scenario projected over the suggested two years.
pub fn two_years() -> ProjectionResult {
    let scenario = Scenario::default();
    project(&scenario, &Projection::suggested(&scenario))
}
