//! The projection and the Monte Carlo set-up in a scenario link: round trips (every growth,
//! ranges and observed counts), readable keys, links without them unchanged, missing keys
//! kept at their defaults, malformed values refused with their key, and proptests (any
//! valid set-up round-trips; any text in a `pj_*` or `mc_*` value never panics). Also in a
//! scenario file: round trip, and a damaged set-up refused by the import.

use crate::support;
use std::sync::Arc;

use funnelsim::model::forecast::projection::{Growth, Projection, RevenueModel};
use funnelsim::model::forecast::uncertainty::{Spread, Uncertainty};
use funnelsim::model::funnel::link::UrlError;
use funnelsim::model::persist::export::{import_json, scenario_json, ImportError, Imported};
use funnelsim::model::persist::scenario_link::{decode, encode};
use funnelsim::model::{NamedScenario, Scenario};
use proptest::prelude::*;

fn with(projection: Option<Projection>, uncertainty: Option<Uncertainty>) -> Scenario {
    Scenario {
        projection: projection.map(Arc::new),
        uncertainty: uncertainty.map(Arc::new),
        ..Scenario::default()
    }
}

fn round_trip(scenario: &Scenario) -> String {
    let query = encode(scenario);
    assert_eq!(&decode(&query).unwrap(), scenario, "{query}");
    query
}

fn example_uncertainty() -> Uncertainty {
    Uncertainty {
        seed: 20_260_501,
        trials: 100_000,
        top: Some(Spread::Range {
            low: 100_000.0,
            likely: 120_000.0,
            high: 150_000.0,
        }),
        rates: [
            (
                1,
                Spread::Range {
                    low: 2.0,
                    likely: 2.5,
                    high: 3.25,
                },
            ),
            (
                5,
                Spread::Observed {
                    successes: 120,
                    trials: 300,
                },
            ),
        ]
        .into(),
        basket: Some(Spread::Range {
            low: 12_000.0,
            likely: 15_000.0,
            high: 20_000.0,
        }),
        churn: Some(Spread::Observed {
            successes: 12,
            trials: 400,
        }),
        channel_costs: Default::default(),
    }
}

#[test]
fn a_projection_and_a_monte_carlo_round_trip_and_read_plainly() {
    let projection = Projection {
        months: 24,
        growth: Growth::Growing { pct_per_month: 3.5 },
        start_month: 9,
        sales_cycle_days: 45.0,
        churn_pct: 2.0,
        upsell_pct: 0.5,
        revenue_model: RevenueModel::Subscription,
    };
    let query = round_trip(&with(Some(projection), Some(example_uncertainty())));
    for part in [
        "pj_months=24",
        "pj_growth=pct:3.5",
        "pj_start=9",
        "pj_cycle=45",
        "pj_churn=2",
        "pj_upsell=0.5",
        "pj_revenue=subscription",
        "mc_seed=20260501",
        "mc_trials=100000",
        "mc_top=100000,120000,150000",
        "mc_rate=1:2,2.5,3.25",
        "mc_rate=5:120/300",
        "mc_basket=12000,15000,20000",
        "mc_churn=12/400",
    ] {
        assert!(query.contains(part), "{part} missing from {query}");
    }
    // Without them nothing changes (golden links stay valid).
    let plain = encode(&Scenario::default());
    assert!(!plain.contains("pj_") && !plain.contains("mc_"));
}

#[test]
fn every_growth_and_revenue_model_round_trips() {
    let weights = [
        8.0, 8.0, 9.0, 10.0, 10.0, 9.0, 6.0, 5.0, 9.0, 10.0, 11.0, 0.25,
    ];
    for growth in [
        Growth::Flat,
        Growth::Growing {
            pct_per_month: -12.5,
        },
        Growth::Seasonal { weights },
    ] {
        for revenue_model in RevenueModel::ALL {
            let query = round_trip(&with(
                Some(Projection {
                    growth: growth.clone(),
                    revenue_model,
                    ..Projection::default()
                }),
                None,
            ));
            assert!(!query.contains("mc_"));
        }
    }
    let query = round_trip(&with(
        Some(Projection {
            growth: Growth::Seasonal { weights },
            ..Projection::default()
        }),
        None,
    ));
    assert!(
        query.contains("pj_growth=season:8,8,9,10,10,9,6,5,9,10,11,0.25"),
        "{query}"
    );
    // A Monte Carlo set-up alone, with no spread at all.
    let query = round_trip(&with(None, Some(Uncertainty::default())));
    assert!(query.ends_with("&mc_seed=1&mc_trials=10000"), "{query}");
}

#[test]
fn missing_keys_keep_their_defaults() {
    let s = decode("v=1&pj_months=6").unwrap();
    assert_eq!(
        s.projection.as_deref(),
        Some(&Projection {
            months: 6,
            ..Projection::default()
        })
    );
    assert_eq!(s.uncertainty, None);
    let s = decode("v=1&mc_basket=1,2,3").unwrap();
    let u = s.uncertainty.as_deref().unwrap();
    assert_eq!((u.seed, u.trials), (1, 10_000));
    assert_eq!(
        u.basket,
        Some(Spread::Range {
            low: 1.0,
            likely: 2.0,
            high: 3.0
        })
    );
    assert_eq!(s.projection, None);
    // Keys a newer version may add are ignored.
    assert!(decode("v=1&pj_future=1&mc_future=2").is_ok());
}

#[test]
fn malformed_values_are_refused_with_their_key() {
    let cases = [
        ("pj_months=0", "pj_months"),
        ("pj_months=37", "pj_months"),
        ("pj_months=-1", "pj_months"),
        ("pj_months=twelve", "pj_months"),
        ("pj_start=13", "pj_start"),
        ("pj_cycle=-5", "pj_cycle"),
        ("pj_cycle=inf", "pj_cycle"),
        ("pj_churn=101", "pj_churn"),
        ("pj_upsell=NaN", "pj_upsell"),
        ("pj_revenue=lease", "pj_revenue"),
        ("pj_growth=fast", "pj_growth"),
        ("pj_growth=pct:200", "pj_growth"),
        ("pj_growth=pct:", "pj_growth"),
        ("pj_growth=season:1,2,3", "pj_growth"),
        ("pj_growth=season:0,0,0,0,0,0,0,0,0,0,0,0", "pj_growth"),
        ("pj_growth=season:1,1,1,1,1,1,1,1,1,1,1,-1", "pj_growth"),
        ("mc_seed=-1", "mc_seed"),
        ("mc_seed=18446744073709551616", "mc_seed"),
        ("mc_trials=0", "mc_trials"),
        ("mc_trials=1000001", "mc_trials"),
        ("mc_trials=1e5", "mc_trials"),
        ("mc_top=1,2", "mc_top"),
        ("mc_top=3,2,1", "mc_top"),
        ("mc_top=1/2", "mc_top"),
        ("mc_basket=-1,0,1", "mc_basket"),
        ("mc_rate=1:1,2,3,4", "mc_rate"),
        ("mc_rate=1", "mc_rate"),
        ("mc_rate=x:1,2,3", "mc_rate"),
        ("mc_rate=0:1,2,3", "mc_rate"),
        ("mc_rate=6:1,2,3", "mc_rate"),
        ("mc_rate=2:1,2,300", "mc_rate"),
        ("mc_rate=2:31/30", "mc_rate"),
        ("mc_rate=2:1/0", "mc_rate"),
        ("mc_rate=2:1/-3", "mc_rate"),
        ("mc_rate=2:1,2,3&mc_rate=2:1,2,3", "mc_rate"),
        ("mc_churn=5/abc", "mc_churn"),
    ];
    for (pairs, key) in cases {
        let query = format!("v=1&{pairs}");
        match decode(&query) {
            Err(UrlError::BadValue {
                key: k, problem, ..
            }) => {
                assert_eq!(k, key, "{query}: {problem}");
                assert!(!problem.is_empty());
            }
            other => panic!("{query}: expected a bad {key}, got {other:?}"),
        }
    }
    // A rate spread checked against the funnel of the link, whatever the key order.
    assert!(decode("v=1&mc_rate=2:1,2,3&stage=A:10&stage=B:50&stage=C:50").is_ok());
    assert!(decode("v=1&mc_rate=3:1,2,3&stage=A:10&stage=B:50&stage=C:50").is_err());
}

#[test]
fn the_golden_forecast_link_reads_plainly() {
    let url = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/golden/saas_forecast.url"
    ))
    .unwrap();
    let scenario = decode(url.trim()).unwrap();
    assert_eq!(format!("?{}", encode(&scenario)), url.trim());
}

#[test]
fn a_scenario_file_keeps_both_parts_and_refuses_damaged_ones() {
    let named = NamedScenario {
        name: "Forecast".into(),
        scenario: with(
            Some(Projection::suggested(&Scenario::default())),
            Some(example_uncertainty()),
        ),
    };
    let json = scenario_json(&named).unwrap();
    assert!(matches!(import_json(&json), Ok(Imported::Scenario(read)) if read == named));
    for (damaged, what) in [
        (
            json.replace("\"months\": 24", "\"months\": 48"),
            "Projection",
        ),
        (
            json.replace("\"trials\": 100000", "\"trials\": 0"),
            "Uncertainty",
        ),
        (
            json.replace("\"successes\": 120", "\"successes\": 500"),
            "Uncertainty",
        ),
    ] {
        assert_ne!(damaged, json, "{what}: the replacement must apply");
        match import_json(&damaged) {
            Err(ImportError::InvalidScenario { problems, .. }) => {
                assert!(problems.iter().any(|p| p.starts_with(what)), "{problems:?}")
            }
            other => panic!("{what}: expected a refusal, got {other:?}"),
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|c| c.parse().ok()).unwrap_or(256),
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    /// Any valid projection and set-up come back from their link exactly.
    #[test]
    fn any_valid_set_up_round_trips(
        projection in prop::option::of(support::forecast::valid_projection()),
        uncertainty in prop::option::of(support::forecast::valid_uncertainty(6, 1..=1_000_000)),
    ) {
        let scenario = with(projection, uncertainty);
        prop_assert_eq!(decode(&encode(&scenario)).unwrap(), scenario);
    }

    /// Any text in any pj_* or mc_* value is read or refused, never a panic.
    #[test]
    fn any_text_never_panics(
        key in prop::sample::select(vec![
            "pj_months", "pj_growth", "pj_start", "pj_cycle", "pj_churn", "pj_upsell",
            "pj_revenue", "mc_seed", "mc_trials", "mc_top", "mc_rate", "mc_basket", "mc_churn",
        ]),
        value in prop_oneof![
            ".*",
            "[0-9.,:/e+-]{0,30}",
            "(pct:|season:|[0-9]:)[0-9.,/-]{0,40}",
        ],
    ) {
        let query = format!("v=1&{key}={}", funnelsim::model::funnel::link::encode_value(&value));
        let _ = decode(&query);
    }
}
