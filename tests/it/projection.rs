//! The monthly projection: worked examples computed by hand (subscription with churn,
//! repeat purchases with cross-sell, a sales cycle of 45 days), the invariants (no customer
//! before the sales cycle allows, the mean lag is the cycle, cumulative revenue never falls,
//! churn 0 keeps every customer, 1 to 36 months, growth 0 % is flat, seasonal weights keep
//! the yearly total, a year without lag is the funnel's year), typed errors for bad settings,
//! and a property test: arbitrary settings never panic and every output is finite.
use funnelsim::model::forecast::projection::{
    project, project_scenario, Growth, Projection, ProjectionError, ProjectionResult,
    ProjectionSetting, RevenueModel, DAYS_PER_MONTH,
};
use funnelsim::model::{evaluate, LtvMode, Period, Scenario, SpendMode, Stage};
use proptest::prelude::*;

/// 1,000 visitors a month, 10 % leads, 50 % customers: 50 customers a month; basket 100
/// bought 12 times a year (a fee of 100 a month); spend 6,000 a month; margin 50 %.
fn monthly() -> Scenario {
    Scenario {
        period: Period::Month,
        stages: vec![
            Stage::new("Visitors", 1000.0),
            Stage::new("Leads", 10.0),
            Stage::new("Customers", 50.0),
        ],
        basket: 100.0,
        purchases_per_year: 12.0,
        margin_pct: 50.0,
        spend_mode: SpendMode::Amount,
        spend: 6000.0,
        ..Scenario::default()
    }
}

fn close(actual: f64, expected: f64) -> bool {
    (actual - expected).abs() <= 1e-9 * expected.abs().max(1.0)
}

macro_rules! assert_close {
    ($actual:expr, $expected:expr) => {
        assert!(
            close($actual, $expected),
            "{} = {} , expected {}",
            stringify!($actual),
            $actual,
            $expected
        )
    };
}

fn every_value(result: &ProjectionResult) -> Vec<f64> {
    let mut values = vec![
        result.customers_won,
        result.active_customers,
        result.revenue,
        result.gross_margin,
        result.spend,
    ];
    values.extend(
        [
            result.cac,
            result.roi_revenue,
            result.roi_margin,
            result.cac_payback_months,
            result.ltv_realised,
            result.mrr,
            result.arr,
        ]
        .into_iter()
        .flatten(),
    );
    for m in &result.months {
        values.extend(&m.stage_volumes);
        values.extend([
            m.new_customers,
            m.churned,
            m.active_customers,
            m.new_revenue,
            m.recurring_revenue,
            m.upsell_revenue,
            m.revenue,
            m.gross_margin,
            m.spend,
            m.cumulative_revenue,
            m.cumulative_gross_margin,
            m.cumulative_spend,
        ]);
        values.extend(m.mrr.into_iter().chain(m.arr));
    }
    values
}

#[test]
fn a_subscription_with_churn_computed_by_hand() {
    let projection = Projection {
        months: 5,
        churn_pct: 10.0,
        ..Projection::default()
    };
    let r = project(&monthly(), &projection);
    // Month 1: 50 new, 50 active, 50 × 100 = 5,000; margin 2,500; spend 6,000.
    // Month 2: 45 survive, 95 active, 9,500 (5,000 new + 4,500 recurring).
    // Month 3: 85.5 survive, 135.5 active, 13,550.
    // Month 4: 121.95 survive, 171.95 active, 17,195.
    // Month 5: 154.755 survive, 204.755 active, 20,475.5.
    let active = [50.0, 95.0, 135.5, 171.95, 204.755];
    let churned = [0.0, 5.0, 9.5, 13.55, 17.195];
    let revenue = [5000.0, 9500.0, 13550.0, 17195.0, 20475.5];
    let mut cumulative = 0.0;
    for (i, m) in r.months.iter().enumerate() {
        assert_eq!(m.month, i as u32 + 1);
        assert_eq!(m.calendar_month, i as u32 + 1);
        assert_close!(m.new_customers, 50.0);
        assert_close!(m.active_customers, active[i]);
        assert_close!(m.churned, churned[i]);
        assert_close!(m.revenue, revenue[i]);
        assert_close!(m.new_revenue, 5000.0);
        assert_close!(m.recurring_revenue, revenue[i] - 5000.0);
        assert_close!(m.gross_margin, revenue[i] / 2.0);
        assert_close!(m.mrr.unwrap(), revenue[i]);
        assert_close!(m.arr.unwrap(), 12.0 * revenue[i]);
        assert_close!(m.spend, 6000.0);
        cumulative += revenue[i];
        assert_close!(m.cumulative_revenue, cumulative);
        assert_eq!(m.stage_volumes.len(), 3);
        assert_close!(m.stage_volumes[0], 1000.0);
        assert_close!(m.stage_volumes[1], 100.0);
        assert_close!(m.stage_volumes[2], 50.0);
    }
    assert_close!(r.customers_won, 250.0);
    assert_close!(r.active_customers, 204.755);
    assert_close!(r.revenue, 65720.5);
    assert_close!(r.gross_margin, 32860.25);
    assert_close!(r.spend, 30000.0);
    // Cumulative margin: 2,500, 7,250, 14,025, 22,622.5, 32,860.25 against 6,000 a month.
    assert_eq!(r.break_even_month, Some(5));
    // Cumulative revenue: 5,000 < 6,000, then 14,500 ≥ 12,000.
    assert_eq!(r.revenue_covers_spend_month, Some(2));
    assert_close!(r.cac.unwrap(), 120.0);
    // One customer's margin: 50, then 45, 40.5 …: 95 after two months, 25 of 40.5 into the third.
    assert_close!(r.cac_payback_months.unwrap(), 2.0 + 25.0 / 40.5);
    assert_close!(r.ltv_realised.unwrap(), 32860.25 / 250.0);
    assert_close!(r.roi_revenue.unwrap(), (65720.5 - 30000.0) / 30000.0);
    assert_close!(r.roi_margin.unwrap(), (32860.25 - 30000.0) / 30000.0);
    assert_close!(r.mrr.unwrap(), 20475.5);
    assert_close!(r.arr.unwrap(), 245706.0);
}

#[test]
fn repeat_purchases_with_cross_sell_computed_by_hand() {
    let scenario = Scenario {
        purchases_per_year: 4.0,
        ..monthly()
    };
    let projection = Projection {
        months: 2,
        upsell_pct: 10.0,
        revenue_model: RevenueModel::RepeatPurchase,
        ..Projection::default()
    };
    let r = project(&scenario, &projection);
    // Month 1: 50 first purchases of 100.
    assert_close!(r.months[0].revenue, 5000.0);
    assert_eq!(r.months[0].mrr, None);
    // Month 2: 50 more first purchases; the first 50 buy 100 × 4 ÷ 12 each, plus 10 %.
    let recurring = 50.0 * 100.0 * 4.0 / 12.0;
    assert_close!(r.months[1].recurring_revenue, recurring);
    assert_close!(r.months[1].upsell_revenue, recurring * 0.1);
    assert_close!(r.months[1].revenue, 5000.0 + recurring * 1.1);
    assert_eq!(r.mrr, None);
    assert_eq!(r.arr, None);
}

#[test]
fn a_45_day_sales_cycle_computed_by_hand() {
    let projection = Projection {
        months: 4,
        sales_cycle_days: 45.0,
        ..Projection::default()
    };
    let r = project(&monthly(), &projection);
    let lag = 45.0 / DAYS_PER_MONTH; // 1.478… months
    let late = lag - 1.0;
    // Customers: none in month 1, (1 − 0.478) of month 1's cohort in month 2, then full months.
    assert_eq!(r.months[0].new_customers, 0.0);
    assert_close!(r.months[1].new_customers, 50.0 * (1.0 - late));
    assert_close!(r.months[2].new_customers, 50.0);
    assert_close!(r.months[3].new_customers, 50.0);
    // Leads, half-way through the funnel, lag 0.739 months: 26.1 % of a cohort a month late.
    let lead_late = lag / 2.0;
    assert_close!(r.months[0].stage_volumes[1], 100.0 * (1.0 - lead_late));
    assert_close!(r.months[1].stage_volumes[1], 100.0);
    assert_eq!(projection.first_customer_month(), 2);
}

/// Cycles in days, including whole months and beyond the horizon.
const CYCLES: [f64; 10] = [
    0.0, 1.0, 15.0, 30.0, 30.4375, 45.0, 60.87, 91.3125, 400.0, 1095.0,
];

#[test]
fn no_customer_before_the_sales_cycle_allows() {
    for days in CYCLES {
        let projection = Projection {
            months: 36,
            sales_cycle_days: days,
            growth: Growth::Growing { pct_per_month: 3.0 },
            ..Projection::default()
        };
        let first = (days / DAYS_PER_MONTH).floor() as usize + 1;
        assert_eq!(projection.first_customer_month() as usize, first, "{days}");
        let r = project(&Scenario::default(), &projection);
        for m in &r.months {
            let month = m.month as usize;
            if month < first {
                assert_eq!(m.new_customers, 0.0, "{days} days, month {month}");
                assert_eq!(m.revenue, 0.0, "{days} days, month {month}");
            } else {
                assert!(m.new_customers > 0.0, "{days} days, month {month}");
            }
            // Each stage also waits for its own share of the cycle.
            let n = m.stage_volumes.len();
            for (i, &volume) in m.stage_volumes.iter().enumerate() {
                let stage_first =
                    (days / DAYS_PER_MONTH * i as f64 / (n - 1) as f64).floor() as usize + 1;
                if month < stage_first {
                    assert_eq!(volume, 0.0, "{days} days, stage {i}, month {month}");
                }
            }
        }
    }
}

#[test]
fn the_mean_lag_of_a_cohort_is_the_sales_cycle() {
    for days in CYCLES.into_iter().filter(|&d| d < 900.0) {
        // −100 % a month: only month 1 has a cohort.
        let projection = Projection {
            months: 36,
            sales_cycle_days: days,
            growth: Growth::Growing {
                pct_per_month: -100.0,
            },
            ..Projection::default()
        };
        let r = project(&monthly(), &projection);
        let total: f64 = r.months.iter().map(|m| m.new_customers).sum();
        let mean_lag: f64 = r
            .months
            .iter()
            .map(|m| f64::from(m.month - 1) * m.new_customers)
            .sum::<f64>()
            / total;
        assert_close!(total, 50.0);
        assert!(
            (mean_lag - days / DAYS_PER_MONTH).abs() < 1e-9,
            "{days}: {mean_lag}"
        );
    }
}

#[test]
fn cumulative_revenue_never_falls() {
    let growths = [
        Growth::Flat,
        Growth::Growing { pct_per_month: 5.0 },
        Growth::Growing {
            pct_per_month: -30.0,
        },
        Growth::Seasonal {
            weights: [0.0, 3.0, 0.5, 0.0, 1.0, 9.0, 0.0, 0.0, 2.0, 1.0, 0.0, 4.0],
        },
    ];
    for growth in growths {
        for churn_pct in [0.0, 5.0, 100.0] {
            for revenue_model in RevenueModel::ALL {
                let projection = Projection {
                    months: 36,
                    growth: growth.clone(),
                    sales_cycle_days: 50.0,
                    churn_pct,
                    upsell_pct: 2.0,
                    revenue_model,
                    start_month: 7,
                };
                let r = project(&Scenario::default(), &projection);
                for pair in r.months.windows(2) {
                    assert!(pair[1].cumulative_revenue >= pair[0].cumulative_revenue);
                    assert!(pair[1].cumulative_spend >= pair[0].cumulative_spend);
                    assert!(pair[1].cumulative_gross_margin >= pair[0].cumulative_gross_margin);
                }
            }
        }
    }
}

#[test]
fn churn_0_keeps_every_customer() {
    let projection = Projection {
        months: 36,
        sales_cycle_days: 75.0,
        growth: Growth::Growing { pct_per_month: 4.0 },
        churn_pct: 0.0,
        ..Projection::default()
    };
    let r = project(&Scenario::default(), &projection);
    let mut won = 0.0;
    for m in &r.months {
        won += m.new_customers;
        assert_eq!(m.churned, 0.0);
        assert_close!(m.active_customers, won);
    }
    assert_close!(r.active_customers, r.customers_won);
    // And 100 % churn keeps only the month's new customers.
    let all_gone = project(
        &Scenario::default(),
        &Projection {
            churn_pct: 100.0,
            ..projection
        },
    );
    for m in &all_gone.months {
        assert_close!(m.active_customers, m.new_customers);
    }
}

#[test]
fn every_horizon_from_1_to_36_months_works() {
    let scenario = Scenario::default();
    for months in 1..=36 {
        let projection = Projection {
            months,
            sales_cycle_days: 90.0,
            churn_pct: 2.0,
            ..Projection::default()
        };
        assert_eq!(projection.check(), Ok(()));
        let r = project(&scenario, &projection);
        assert_eq!(r.months.len(), months as usize);
        assert!(every_value(&r).iter().all(|v| v.is_finite()));
        // A 90-day cycle: the first customers come in month 3.
        assert_eq!(r.customers_won > 0.0, months >= 3, "{months}");
    }
}

#[test]
fn growth_of_0_pct_is_flat() {
    let flat = Projection {
        months: 24,
        sales_cycle_days: 40.0,
        churn_pct: 3.0,
        ..Projection::default()
    };
    let zero = Projection {
        growth: Growth::Growing { pct_per_month: 0.0 },
        ..flat.clone()
    };
    let scenario = Scenario::default();
    assert_eq!(project(&scenario, &flat), project(&scenario, &zero));
}

#[test]
fn growth_compounds_and_spend_follows_the_volume() {
    let projection = Projection {
        months: 3,
        growth: Growth::Growing {
            pct_per_month: 10.0,
        },
        ..Projection::default()
    };
    let r = project(&monthly(), &projection);
    for (m, factor) in r.months.iter().zip([1.0, 1.1, 1.21]) {
        assert_close!(m.stage_volumes[0], 1000.0 * factor);
        assert_close!(m.new_customers, 50.0 * factor);
        assert_close!(m.spend, 6000.0 * factor);
    }
}

#[test]
fn seasonal_weights_keep_the_yearly_total() {
    let scenario = Scenario::default();
    let flat = project(&scenario, &Projection::default());
    // Averaging 1, and any relative weights (they are scaled to average 1).
    let averaging_one = [0.5, 0.6, 0.8, 1.0, 1.1, 1.3, 1.5, 1.4, 1.2, 1.0, 0.9, 0.7];
    let relative = averaging_one.map(|w| w * 37.0);
    for weights in [averaging_one, relative] {
        for start_month in [1, 5, 12] {
            let seasonal = project(
                &scenario,
                &Projection {
                    growth: Growth::Seasonal { weights },
                    start_month,
                    ..Projection::default()
                },
            );
            let top = |r: &ProjectionResult| r.months.iter().map(|m| m.stage_volumes[0]).sum();
            assert_close!(top(&seasonal), top(&flat));
            assert_close!(seasonal.customers_won, flat.customers_won);
            assert_close!(seasonal.spend, flat.spend);
            // The calendar follows the start month.
            assert_eq!(seasonal.months[0].calendar_month, start_month);
            assert_close!(
                seasonal.months[0].stage_volumes[0],
                flat.months[0].stage_volumes[0] * averaging_one[start_month as usize - 1]
            );
        }
    }
}

#[test]
fn a_year_without_lag_is_the_funnels_year() {
    for period in Period::ALL {
        let scenario = Scenario {
            period,
            ..Scenario::default()
        };
        let funnel = evaluate(&scenario);
        let r = project(&scenario, &Projection::default());
        let periods = 12.0 / period.months();
        assert_close!(r.customers_won, funnel.customers * periods);
        assert_close!(r.spend, funnel.spend * periods);
        assert_close!(r.months[0].new_customers * 12.0, r.customers_won);
    }
    // Spend as a share of revenue scales with the volume too.
    let pct = Scenario {
        spend_mode: SpendMode::PctRevenue,
        ..Scenario::default()
    };
    assert_close!(
        project(&pct, &Projection::default()).spend,
        evaluate(&pct).spend
    );
}

#[test]
fn the_scenarios_own_settings_are_used() {
    assert_eq!(project_scenario(&Scenario::default()), None);
    let projection = Projection::suggested(&Scenario::default());
    let scenario = Scenario {
        projection: Some(projection.clone().into()),
        ..Scenario::default()
    };
    assert_eq!(
        project_scenario(&scenario),
        Some(project(&scenario, &projection))
    );
}

#[test]
fn suggested_settings_follow_the_scenario() {
    let b2b = Projection::suggested(&Scenario::default());
    assert_eq!(b2b.check(), Ok(()));
    assert_close!(b2b.churn_pct, 100.0 / 48.0);
    assert_eq!(b2b.revenue_model, RevenueModel::RepeatPurchase);
    let saas = Projection::suggested(&Scenario {
        purchases_per_year: 12.0,
        lifetime_years: 0.0,
        ltv_mode: LtvMode::Direct,
        ..Scenario::default()
    });
    assert_eq!(saas.revenue_model, RevenueModel::Subscription);
    assert_eq!(saas.churn_pct, 100.0);
}

#[test]
fn nothing_to_pay_back_and_nothing_won() {
    // No spend: break-even as soon as there is margin, payback at once.
    let free = Scenario {
        spend: 0.0,
        ..monthly()
    };
    let r = project(&free, &Projection::default());
    assert_eq!(r.break_even_month, Some(1));
    assert_eq!(r.cac, Some(0.0));
    assert_eq!(r.cac_payback_months, Some(0.0));
    assert_eq!(r.roi_revenue, None);
    // A cycle longer than the horizon: nothing won, nothing undefined is a number.
    let r = project(
        &monthly(),
        &Projection {
            months: 6,
            sales_cycle_days: 365.0,
            ..Projection::default()
        },
    );
    assert_eq!(r.customers_won, 0.0);
    assert_eq!(r.cac, None);
    assert_eq!(r.cac_payback_months, None);
    assert_eq!(r.ltv_realised, None);
    assert_eq!(r.break_even_month, None);
    assert_eq!(r.roi_revenue, Some(-1.0));
    // Churn so high the CAC is never paid back within ten years.
    let r = project(
        &Scenario {
            spend: 1e9,
            ..monthly()
        },
        &Projection {
            churn_pct: 50.0,
            ..Projection::default()
        },
    );
    assert_eq!(r.cac_payback_months, None);
}

#[test]
fn bad_settings_are_named() {
    let base = Projection::default();
    let cases: Vec<(Projection, ProjectionError)> = vec![
        (
            Projection {
                months: 0,
                ..base.clone()
            },
            ProjectionError::Months(0),
        ),
        (
            Projection {
                months: 37,
                ..base.clone()
            },
            ProjectionError::Months(37),
        ),
        (
            Projection {
                start_month: 13,
                ..base.clone()
            },
            ProjectionError::StartMonth(13),
        ),
        (
            Projection {
                start_month: 0,
                ..base.clone()
            },
            ProjectionError::StartMonth(0),
        ),
    ];
    for (projection, error) in cases {
        assert_eq!(projection.check(), Err(error));
    }
    let out_of_range = |projection: Projection| match projection.check() {
        Err(ProjectionError::OutOfRange { setting, .. }) => setting,
        other => panic!("{projection:?}: {other:?}"),
    };
    let settings = [
        (
            Projection {
                sales_cycle_days: -1.0,
                ..base.clone()
            },
            ProjectionSetting::SalesCycleDays,
        ),
        (
            Projection {
                sales_cycle_days: 1096.0,
                ..base.clone()
            },
            ProjectionSetting::SalesCycleDays,
        ),
        (
            Projection {
                churn_pct: 100.5,
                ..base.clone()
            },
            ProjectionSetting::ChurnPct,
        ),
        (
            Projection {
                upsell_pct: f64::NAN,
                ..base.clone()
            },
            ProjectionSetting::UpsellPct,
        ),
        (
            Projection {
                growth: Growth::Growing {
                    pct_per_month: -101.0,
                },
                ..base.clone()
            },
            ProjectionSetting::GrowthPct,
        ),
        (
            Projection {
                growth: Growth::Growing {
                    pct_per_month: f64::INFINITY,
                },
                ..base.clone()
            },
            ProjectionSetting::GrowthPct,
        ),
        (
            Projection {
                growth: Growth::Seasonal {
                    weights: [1.0, 1.0, -1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0],
                },
                ..base.clone()
            },
            ProjectionSetting::SeasonalWeight(3),
        ),
    ];
    for (projection, setting) in settings {
        assert_eq!(out_of_range(projection), setting);
    }
    let no_season = Projection {
        growth: Growth::Seasonal { weights: [0.0; 12] },
        ..base
    };
    assert_eq!(no_season.check(), Err(ProjectionError::NoSeason));
    // Every message is a sentence naming the setting.
    let message = Projection {
        churn_pct: 150.0,
        ..Projection::default()
    }
    .check()
    .unwrap_err()
    .to_string();
    assert!(message.contains("Monthly churn"), "{message}");
}

fn any_number() -> impl Strategy<Value = f64> {
    prop_oneof![
        4 => -1e3..1e3f64,
        1 => -1e15..1e15f64,
        1 => prop::num::f64::ANY,
        1 => Just(0.0),
    ]
}

fn any_projection() -> impl Strategy<Value = Projection> {
    (
        0u32..50,
        prop_oneof![
            Just(Growth::Flat),
            any_number().prop_map(|pct_per_month| Growth::Growing { pct_per_month }),
            prop::array::uniform12(any_number()).prop_map(|weights| Growth::Seasonal { weights }),
        ],
        0u32..15,
        any_number(),
        any_number(),
        any_number(),
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

fn any_scenario() -> impl Strategy<Value = Scenario> {
    (
        prop::sample::select(Period::ALL.to_vec()),
        prop::collection::vec(any_number(), 0..14),
        any_number(),
        any_number(),
        any_number(),
        any_number(),
        prop::sample::select(SpendMode::ALL.to_vec()),
        any_number(),
    )
        .prop_map(
            |(period, values, basket, purchases, margin, spend, spend_mode, spend_pct)| Scenario {
                period,
                stages: values
                    .iter()
                    .enumerate()
                    .map(|(i, &v)| Stage::new(&format!("S{i}"), v))
                    .collect(),
                basket,
                purchases_per_year: purchases,
                margin_pct: margin,
                spend,
                spend_mode,
                spend_pct,
                ..Scenario::default()
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|c| c.parse().ok()).unwrap_or(256),
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    /// Whatever the settings and the scenario (valid or not), the projection never panics,
    /// every output is finite, and cumulative figures never fall.
    #[test]
    fn arbitrary_settings_never_panic_and_stay_finite(
        scenario in any_scenario(),
        projection in any_projection(),
    ) {
        let _ = projection.check();
        let r = project(&scenario, &projection);
        prop_assert!((1..=36).contains(&r.months.len()));
        prop_assert!(every_value(&r).iter().all(|v| v.is_finite()), "{r:?}");
        for pair in r.months.windows(2) {
            prop_assert!(pair[1].cumulative_revenue >= pair[0].cumulative_revenue);
            prop_assert!(pair[1].cumulative_spend >= pair[0].cumulative_spend);
        }
    }
}
