//! The Monte Carlo with fixed seeds: degenerate ranges give exactly the deterministic
//! result; with symmetric ranges P50 is near it and P10 ≤ it ≤ P90; observed counts give a
//! Beta with mean (s + 1) / (n + 2) and ranges a PERT with mean (low + 4 likely + high) / 6;
//! the same seed gives the same summary and another seed another; chunk sizes never change
//! it; results stream in; memory stays bounded at 1,000,000 trials; undefined metrics are
//! `None`; bad settings are typed errors; a golden summary; and a property test that any
//! set-up, valid or not, never panics and never gives NaN or infinity.

use crate::support;
use std::fs;
use std::sync::Arc;

use funnelsim::model::forecast::monte_carlo::{
    simulate, MonteCarlo, MonteCarloError, Summary, HISTOGRAM_BINS, MAX_KEPT_TRIALS,
};
use funnelsim::model::forecast::projection::{project, project_scenario, Growth, Projection};
use funnelsim::model::forecast::uncertainty::{
    Spread, Uncertain, Uncertainty, UncertaintyError, MAX_TRIALS,
};
use funnelsim::model::{analyse, evaluate, Scenario, Stage};
use proptest::prelude::*;
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;

use support::json::assert_same;

const GOLDEN_DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/golden");

fn with(base: Scenario, uncertainty: Uncertainty) -> Scenario {
    Scenario {
        uncertainty: Some(Arc::new(uncertainty)),
        ..base
    }
}

/// `x` ± `share` × `x`, symmetric around `x`.
fn symmetric(x: f64, share: f64) -> Spread {
    Spread::Range {
        low: x * (1.0 - share),
        likely: x,
        high: x * (1.0 + share),
    }
}

fn degenerate(x: f64) -> Spread {
    Spread::Range {
        low: x,
        likely: x,
        high: x,
    }
}

/// The default scenario with every input (top, rates, basket) spread by `spread`.
fn everything_uncertain(seed: u64, trials: u32, spread: impl Fn(f64) -> Spread) -> Scenario {
    let base = Scenario::default();
    let mut uncertainty = Uncertainty {
        seed,
        trials,
        top: Some(spread(base.top_count())),
        basket: Some(spread(base.basket)),
        ..Uncertainty::default()
    };
    for (i, stage) in base.stages.iter().enumerate().skip(1) {
        uncertainty.rates.insert(i, spread(stage.value));
    }
    with(base, uncertainty)
}

fn a_projection() -> Projection {
    Projection {
        months: 18,
        growth: Growth::Growing { pct_per_month: 2.0 },
        sales_cycle_days: 50.0,
        churn_pct: 2.0,
        upsell_pct: 1.0,
        ..Projection::default()
    }
}

/// Every number a summary holds (`Some` values included).
fn numbers(summary: &Summary) -> Vec<f64> {
    let mut values = vec![
        summary.target,
        summary.revenue_histogram.lower,
        summary.revenue_histogram.upper,
        summary.revenue_histogram.bin_width(),
    ];
    for q in [
        summary.customers,
        summary.revenue,
        summary.cac,
        summary.roi_revenue,
        summary.roi_margin,
        summary.required_leads,
    ] {
        values.extend([q.p10, q.p50, q.p90, q.mean].into_iter().flatten());
    }
    values.extend(summary.target_probability);
    values.extend(summary.break_even_probability);
    for month in &summary.fan {
        values.extend([month.p10, month.p50, month.p90]);
    }
    values
}

fn within(actual: f64, expected: f64, relative: f64) -> bool {
    (actual - expected).abs() <= relative * expected.abs()
}

#[test]
fn degenerate_ranges_give_exactly_the_deterministic_result() {
    let base = Scenario {
        projection: Some(Arc::new(a_projection())),
        ..Scenario::default()
    };
    let mut uncertainty = Uncertainty {
        seed: 99,
        trials: 500,
        top: Some(degenerate(base.top_count())),
        basket: Some(degenerate(base.basket)),
        churn: Some(degenerate(a_projection().churn_pct)),
        ..Uncertainty::default()
    };
    for (i, stage) in base.stages.iter().enumerate().skip(1) {
        uncertainty.rates.insert(i, degenerate(stage.value));
    }
    let certain = with(base.clone(), uncertainty);
    // No uncertainty at all runs the same trials.
    for scenario in [certain, base] {
        let summary = simulate(&scenario).unwrap();
        let analysis = analyse(&scenario);
        let f = &analysis.funnel;
        let exactly = |q: funnelsim::model::forecast::monte_carlo::Quantiles,
                       expected: Option<f64>| {
            assert_eq!([q.p10, q.p50, q.p90], [expected; 3]);
            match (q.mean, expected) {
                (Some(mean), Some(expected)) => assert!(within(mean, expected, 1e-12)),
                (mean, expected) => assert_eq!(mean, expected),
            }
        };
        exactly(summary.customers, Some(f.customers));
        exactly(summary.revenue, Some(f.returns.revenue));
        exactly(summary.cac, f.returns.cac);
        exactly(summary.roi_revenue, f.returns.roi_revenue);
        exactly(summary.roi_margin, f.returns.roi_margin);
        exactly(summary.required_leads, analysis.reverse.stages[1].required);
        assert_eq!(
            summary.target_probability,
            Some(if f.returns.revenue >= scenario.target_revenue {
                1.0
            } else {
                0.0
            })
        );
        let histogram = &summary.revenue_histogram;
        assert_eq!(
            (histogram.lower, histogram.upper),
            (f.returns.revenue, f.returns.revenue)
        );
        assert_eq!(histogram.counts[0], summary.trials_done);
        assert_eq!(histogram.bin_width(), 0.0);
        // The fan is the projection, to f32 precision.
        let projected = project_scenario(&scenario).unwrap();
        assert_eq!(summary.fan.len(), projected.months.len());
        for (fan, month) in summary.fan.iter().zip(&projected.months) {
            let expected = f64::from(month.cumulative_revenue as f32);
            assert_eq!(
                [fan.p10, fan.p50, fan.p90],
                [expected; 3],
                "{}",
                month.month
            );
        }
        assert_eq!(
            summary.break_even_probability,
            Some(if projected.break_even_month.is_some() {
                1.0
            } else {
                0.0
            })
        );
    }
}

/// Every input of the default scenario within ±10 % (PERT, so a relative standard deviation
/// of 0.2 / 6 ≈ 3.3 % each), 100,000 trials.
///
/// Tolerances: the median of a product of k independent symmetric factors of relative
/// standard deviation s sits about k s² / 2 below the product of their medians (7 factors:
/// 0.4 % for revenue), and with 100,000 trials the median's own sampling error is about
/// 1.25 × 9 % / √100,000 ≈ 0.04 %: 1 % covers both with room. The mean of a product of
/// independent factors is the product of their means (here the likely values), with a
/// sampling error of 9 % / √100,000 ≈ 0.03 %: 0.3 % is ten standard errors.
#[test]
fn p50_is_near_the_deterministic_result_and_p10_p90_bracket_it() {
    let scenario = everything_uncertain(2026, 100_000, |x| symmetric(x, 0.1));
    let summary = simulate(&scenario).unwrap();
    let analysis = analyse(&scenario);
    let f = &analysis.funnel;
    let required_leads = analysis.reverse.stages[1].required.unwrap();
    for (name, q, expected) in [
        ("customers", summary.customers, f.customers),
        ("revenue", summary.revenue, f.returns.revenue),
        ("cac", summary.cac, f.returns.cac.unwrap()),
        ("roi", summary.roi_revenue, f.returns.roi_revenue.unwrap()),
        ("required leads", summary.required_leads, required_leads),
    ] {
        let (p10, p50, p90) = (q.p10.unwrap(), q.p50.unwrap(), q.p90.unwrap());
        assert!(
            p10 <= expected && expected <= p90,
            "{name}: {p10} {expected} {p90}"
        );
        assert!(p10 < p50 && p50 < p90, "{name}");
        assert!(
            within(p50, expected, 0.01),
            "{name}: P50 {p50}, deterministic {expected}"
        );
    }
    assert!(within(summary.customers.mean.unwrap(), f.customers, 0.003));
    assert!(within(
        summary.revenue.mean.unwrap(),
        f.returns.revenue,
        0.003
    ));

    // One symmetric input: the median is the likely value, up to sampling error (≈ 0.04 %).
    let basket_only = with(
        Scenario::default(),
        Uncertainty {
            seed: 5,
            trials: 100_000,
            basket: Some(symmetric(15_000.0, 0.3)),
            ..Uncertainty::default()
        },
    );
    let summary = simulate(&basket_only).unwrap();
    assert!(within(
        summary.revenue.p50.unwrap(),
        evaluate(&basket_only).returns.revenue,
        0.002
    ));
    // And the revenue target (the deterministic revenue) is reached about half the time.
    let half = Scenario {
        target_revenue: evaluate(&basket_only).returns.revenue,
        ..basket_only
    };
    let probability = simulate(&half).unwrap().target_probability.unwrap();
    assert!((probability - 0.5).abs() < 0.01, "{probability}");
}

/// Beta(121, 181) has mean 121 / 302 and standard deviation ≈ 2.8 %; the mean of 200,000
/// draws is within 0.05 points of it (about 8 standard errors).
#[test]
fn observed_counts_give_a_beta_with_mean_s_plus_1_over_n_plus_2() {
    for (successes, trials) in [(120u64, 300u64), (0, 10), (10, 10), (1, 1_000_000)] {
        let spread = Spread::Observed { successes, trials };
        let expected = 100.0 * (successes as f64 + 1.0) / (trials as f64 + 2.0);
        assert!((spread.mean() - expected).abs() < 1e-12);
        let sampler = spread.sampler(Uncertain::Rate(1)).unwrap();
        let mut rng = ChaCha8Rng::seed_from_u64(7);
        let n = 200_000;
        let mut sum = 0.0;
        for _ in 0..n {
            let x = sampler.sample(&mut rng);
            assert!((0.0..=100.0).contains(&x));
            sum += x;
        }
        let mean = sum / f64::from(n);
        assert!(
            (mean - expected).abs() < 0.05,
            "{successes}/{trials}: {mean} vs {expected}"
        );
    }
    // Through the Monte Carlo: the last rate observed as 120 of 300.
    let scenario = with(
        Scenario::default(),
        Uncertainty {
            seed: 11,
            trials: 100_000,
            rates: [(
                5,
                Spread::Observed {
                    successes: 120,
                    trials: 300,
                },
            )]
            .into(),
            ..Uncertainty::default()
        },
    );
    let summary = simulate(&scenario).unwrap();
    let before_last = evaluate(&scenario).stages[4].count.unwrap();
    let mean_rate = summary.customers.mean.unwrap() / before_last;
    assert!((mean_rate - 121.0 / 302.0).abs() < 5e-4, "{mean_rate}");
}

/// PERT(1, 2, 6): mean (1 + 8 + 6) / 6 = 2.5, standard deviation √((2.5 − 1)(6 − 2.5) / 7)
/// ≈ 0.87; the mean of 200,000 draws is within 0.01 (about 5 standard errors).
#[test]
fn ranges_follow_the_pert_distribution() {
    let spread = Spread::Range {
        low: 1.0,
        likely: 2.0,
        high: 6.0,
    };
    assert_eq!(spread.mean(), 2.5);
    let sampler = spread.sampler(Uncertain::Rate(2)).unwrap();
    let mut rng = ChaCha8Rng::seed_from_u64(3);
    let draws: Vec<f64> = (0..200_000).map(|_| sampler.sample(&mut rng)).collect();
    assert!(draws.iter().all(|x| (1.0..=6.0).contains(x)));
    let mean = draws.iter().sum::<f64>() / draws.len() as f64;
    let variance = draws.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / draws.len() as f64;
    assert!((mean - 2.5).abs() < 0.01, "{mean}");
    assert!((variance.sqrt() - (1.5f64 * 3.5 / 7.0).sqrt()).abs() < 0.01);
    // A likely value half-way between low and high is symmetric (rand_distr's Pert 0.4
    // divides 0 by 0 there; this one does not).
    let half_way = Spread::Range {
        low: 0.1,
        likely: 0.2,
        high: 0.3,
    }
    .sampler(Uncertain::Rate(1))
    .unwrap();
    let mean = (0..100_000).map(|_| half_way.sample(&mut rng)).sum::<f64>() / 100_000.0;
    assert!((mean - 0.2).abs() < 0.001, "{mean}");
}

#[test]
fn the_same_seed_gives_the_same_summary_and_another_seed_another() {
    let scenario = Scenario {
        projection: Some(Arc::new(a_projection())),
        ..everything_uncertain(42, 5_000, |x| symmetric(x, 0.2))
    };
    let first = simulate(&scenario).unwrap();
    assert_eq!(simulate(&scenario).unwrap(), first);
    let other = everything_uncertain(43, 5_000, |x| symmetric(x, 0.2));
    let other = Scenario {
        projection: Some(Arc::new(a_projection())),
        ..other
    };
    let second = simulate(&other).unwrap();
    assert_ne!(second, first);
    assert_ne!(second.revenue.p50, first.revenue.p50);
    assert_ne!(second.fan.last(), first.fan.last());
}

#[test]
fn chunk_sizes_never_change_the_result() {
    let mut scenario = Scenario {
        projection: Some(Arc::new(a_projection())),
        ..everything_uncertain(7, 3_001, |x| symmetric(x, 0.25))
    };
    if let Some(u) = scenario.uncertainty.as_mut() {
        Arc::make_mut(u).churn = Some(Spread::Observed {
            successes: 3,
            trials: 150,
        });
    }
    let whole = simulate(&scenario).unwrap();
    for chunks in [
        vec![1],
        vec![7],
        vec![1000],
        vec![3001],
        vec![u32::MAX],
        vec![1, 999, 2, 50],
    ] {
        let mut run = MonteCarlo::new(&scenario).unwrap();
        let mut i = 0;
        while !run.done() {
            run.step(chunks[i % chunks.len()]);
            i += 1;
        }
        assert_eq!(run.summary(), whole, "chunks {chunks:?}");
    }
}

#[test]
fn results_stream_in_while_the_run_goes() {
    let scenario = Scenario {
        projection: Some(Arc::new(a_projection())),
        ..everything_uncertain(1, 10_000, |x| symmetric(x, 0.2))
    };
    let mut run = MonteCarlo::new(&scenario).unwrap();
    let empty = run.summary();
    assert_eq!(empty.trials_done, 0);
    assert_eq!(empty.customers.p50, None);
    assert_eq!(empty.target_probability, None);
    assert!(empty.fan.is_empty());
    assert!(empty.revenue_histogram.counts.is_empty());
    assert_eq!(run.progress(), 0.0);

    assert_eq!(run.step(1_000), 1_000);
    let partial = run.summary();
    assert_eq!(
        (partial.trials_done, partial.trials, partial.kept_trials),
        (1_000, 10_000, 1_000)
    );
    assert_eq!(run.progress(), 0.1);
    assert!(partial.customers.p50.is_some());
    assert_eq!(partial.fan.len(), 18);
    assert_eq!(partial.revenue_histogram.counts.iter().sum::<u32>(), 1_000);
    assert!(!run.done());

    assert_eq!(run.step(20_000), 9_000);
    assert!(run.done());
    assert_eq!(run.step(5), 0);
    assert_eq!(run.progress(), 1.0);
    assert_eq!(run.summary().trials_done, 10_000);
}

#[test]
fn memory_stays_bounded_whatever_the_trials() {
    let bound = MAX_KEPT_TRIALS as usize * (4 * 8 + 36 * 4);
    assert!(bound <= 17_600_000);
    for trials in [100_000, 150_001, MAX_TRIALS] {
        let scenario = Scenario {
            projection: Some(Arc::new(Projection {
                months: 36,
                ..a_projection()
            })),
            ..everything_uncertain(3, trials, |x| symmetric(x, 0.2))
        };
        let mut run = MonteCarlo::new(&scenario).unwrap();
        assert!(
            run.memory_bytes() <= bound,
            "{trials}: {}",
            run.memory_bytes()
        );
        run.step(20_000);
        let stride = trials.div_ceil(MAX_KEPT_TRIALS);
        assert_eq!(run.summary().kept_trials, 20_000u32.div_ceil(stride));
        assert!(run.memory_bytes() <= bound);
    }
}

#[test]
fn a_run_longer_than_the_kept_trials_counts_every_trial() {
    // 200,000 trials: every other one is kept, the probabilities count all of them.
    let scenario = with(
        Scenario::default(),
        Uncertainty {
            seed: 8,
            trials: 200_000,
            basket: Some(symmetric(15_000.0, 0.3)),
            ..Uncertainty::default()
        },
    );
    let summary = simulate(&scenario).unwrap();
    assert_eq!(summary.kept_trials, 100_000);
    assert_eq!(summary.trials_done, 200_000);
    assert_eq!(
        summary.revenue_histogram.counts.iter().sum::<u32>(),
        100_000
    );
    let p = summary.target_probability.unwrap();
    // 200,000 trials: a share has a denominator of 200,000.
    assert_eq!((p * 200_000.0).round() / 200_000.0, p);
}

#[test]
fn undefined_metrics_are_none_never_nan() {
    // No spend: ROI undefined in every trial, CAC 0.
    let no_spend = Scenario {
        spend: 0.0,
        ..everything_uncertain(1, 300, |x| symmetric(x, 0.1))
    };
    let summary = simulate(&no_spend).unwrap();
    assert_eq!(summary.roi_revenue, Default::default());
    assert_eq!(summary.cac.p50, Some(0.0));
    // No basket: the target is unreachable (no required leads) and revenue is 0.
    let no_basket = with(
        Scenario::default(),
        Uncertainty {
            trials: 300,
            basket: Some(degenerate(0.0)),
            ..Uncertainty::default()
        },
    );
    let summary = simulate(&no_basket).unwrap();
    assert_eq!(summary.required_leads, Default::default());
    assert_eq!(summary.revenue.p90, Some(0.0));
    assert_eq!(summary.target_probability, Some(0.0));
    // No customers: no CAC.
    let mut nobody = Uncertainty {
        trials: 300,
        ..Uncertainty::default()
    };
    nobody.rates.insert(3, degenerate(0.0));
    let summary = simulate(&with(Scenario::default(), nobody)).unwrap();
    assert_eq!(summary.cac, Default::default());
    // Some trials undefined: the quantiles landing on them are None, the others numbers.
    let mut sometimes = Uncertainty {
        trials: 2_000,
        ..Uncertainty::default()
    };
    sometimes.rates.insert(
        3,
        Spread::Range {
            low: 0.0,
            likely: 0.0,
            high: 0.0,
        },
    );
    sometimes.top = Some(Spread::Range {
        low: 0.0,
        likely: 0.0,
        high: 1000.0,
    });
    let summary = simulate(&with(Scenario::default(), sometimes)).unwrap();
    assert!(numbers(&summary).iter().all(|v| v.is_finite()));
}

#[test]
fn bad_settings_are_refused_with_typed_errors() {
    let refused =
        |uncertainty: Uncertainty| match MonteCarlo::new(&with(Scenario::default(), uncertainty)) {
            Err(MonteCarloError::Uncertainty(e)) => {
                assert!(!e.to_string().is_empty());
                e
            }
            other => panic!("expected an uncertainty error, got {other:?}"),
        };
    let base = Uncertainty::default();
    assert_eq!(
        refused(Uncertainty {
            trials: 0,
            ..base.clone()
        }),
        UncertaintyError::Trials(0)
    );
    assert_eq!(
        refused(Uncertainty {
            trials: MAX_TRIALS + 1,
            ..base.clone()
        }),
        UncertaintyError::Trials(MAX_TRIALS + 1)
    );
    for stage in [0, 6, 99] {
        let mut u = base.clone();
        u.rates.insert(stage, degenerate(10.0));
        assert_eq!(
            refused(u),
            UncertaintyError::NoSuchStage { stage, stages: 6 }
        );
    }
    let range = |low, likely, high| Spread::Range { low, likely, high };
    for (spread, input) in [
        (range(3.0, 2.0, 4.0), Uncertain::Rate(2)),
        (range(1.0, 5.0, 4.0), Uncertain::Rate(2)),
        (range(1.0, 2.0, 101.0), Uncertain::Rate(2)),
        (range(-1.0, 2.0, 3.0), Uncertain::Rate(2)),
        (range(f64::NAN, 2.0, 3.0), Uncertain::Rate(2)),
        (range(1.0, 2.0, f64::INFINITY), Uncertain::Top),
        (range(-5.0, 0.0, 5.0), Uncertain::Basket),
        (range(1.0, 2.0, 200.0), Uncertain::Churn),
        (
            Spread::Observed {
                successes: 301,
                trials: 300,
            },
            Uncertain::Rate(3),
        ),
        (
            Spread::Observed {
                successes: 0,
                trials: 0,
            },
            Uncertain::Churn,
        ),
        (
            Spread::Observed {
                successes: 1,
                trials: 2_000_000_000,
            },
            Uncertain::Rate(3),
        ),
        (
            Spread::Observed {
                successes: 1,
                trials: 2,
            },
            Uncertain::Top,
        ),
        (
            Spread::Observed {
                successes: 1,
                trials: 2,
            },
            Uncertain::Basket,
        ),
    ] {
        let mut u = base.clone();
        u.set_spread(input, Some(spread));
        let error = refused(u);
        // (Debug text: NaN is not equal to itself.)
        assert_eq!(
            format!("{:?}", Err::<(), _>(error)),
            format!("{:?}", spread.check(input)),
            "{spread:?}"
        );
        assert!(spread.sampler(input).is_err());
    }
    assert!(matches!(
        refused({
            let mut u = base.clone();
            u.set_spread(
                Uncertain::Top,
                Some(Spread::Observed {
                    successes: 1,
                    trials: 2,
                }),
            );
            u
        }),
        UncertaintyError::ObservedNotARate(Uncertain::Top)
    ));
    // An invalid scenario or projection is refused too.
    let bad_margin = Scenario {
        margin_pct: 150.0,
        ..Scenario::default()
    };
    assert!(matches!(
        MonteCarlo::new(&bad_margin),
        Err(MonteCarloError::Scenario(_))
    ));
    let bad_projection = Scenario {
        projection: Some(Arc::new(Projection {
            months: 40,
            ..Projection::default()
        })),
        ..Scenario::default()
    };
    let error = MonteCarlo::new(&bad_projection).unwrap_err();
    assert!(matches!(error, MonteCarloError::Projection(_)));
    assert!(error.to_string().contains("36"));
}

#[test]
fn the_fan_widens_and_never_falls_and_the_histogram_holds_every_trial() {
    let scenario = Scenario {
        projection: Some(Arc::new(a_projection())),
        ..everything_uncertain(12, 20_000, |x| symmetric(x, 0.1))
    };
    let summary = simulate(&scenario).unwrap();
    for month in &summary.fan {
        assert!(
            month.p10 <= month.p50 && month.p50 <= month.p90,
            "{month:?}"
        );
    }
    for pair in summary.fan.windows(2) {
        assert!(pair[1].p10 >= pair[0].p10);
        assert!(pair[1].p50 >= pair[0].p50);
        assert!(pair[1].p90 >= pair[0].p90);
    }
    let last = summary.fan.last().unwrap();
    assert!(last.p10 < last.p90);
    // Near the deterministic projection: each month's cumulative revenue is the product of
    // the same 7 sampled factors times a fixed path, so the funnel's tolerance holds (1 %).
    let projected = project(&scenario, &a_projection());
    let expected = projected.months.last().unwrap().cumulative_revenue;
    assert!(last.p10 <= expected && expected <= last.p90);
    assert!(
        within(last.p50, expected, 0.01),
        "{} vs {expected}",
        last.p50
    );

    let histogram = &summary.revenue_histogram;
    assert_eq!(histogram.counts.len(), HISTOGRAM_BINS);
    assert_eq!(histogram.counts.iter().sum::<u32>(), 20_000);
    assert!(histogram.counts[0] > 0 && histogram.counts[HISTOGRAM_BINS - 1] > 0);
    let (p10, p90) = (summary.revenue.p10.unwrap(), summary.revenue.p90.unwrap());
    assert!(histogram.lower <= p10 && p90 <= histogram.upper);
    assert!(summary.break_even_probability.is_some());
}

#[test]
fn churn_is_drawn_last_and_moves_only_the_projection() {
    let without = everything_uncertain(21, 2_000, |x| symmetric(x, 0.2));
    let mut churn = without.clone();
    if let Some(u) = churn.uncertainty.as_mut() {
        Arc::make_mut(u).churn = Some(symmetric(10.0, 0.9));
    }
    // Without a projection the churn is not used, and the other inputs draw the same values.
    assert_eq!(simulate(&churn).unwrap(), simulate(&without).unwrap());
    let projected = |s: &Scenario| Scenario {
        projection: Some(Arc::new(a_projection())),
        ..s.clone()
    };
    let (a, b) = (
        simulate(&projected(&churn)).unwrap(),
        simulate(&projected(&without)).unwrap(),
    );
    assert_eq!(a.revenue, b.revenue);
    assert_ne!(a.fan, b.fan);
}

/// The golden scenario's projection and Monte Carlo summary, recorded beside it, so any
/// change to a figure (a new rand_distr, a changed formula) is seen in review.
/// Regenerate after an intended change with `UPDATE_GOLDEN=1 cargo test --test monte_carlo`.
#[test]
fn the_golden_forecast_keeps_its_figures() {
    let json = fs::read_to_string(format!("{GOLDEN_DIR}/saas_forecast.json")).unwrap();
    let scenario: Scenario = serde_json::from_str(&json).unwrap();
    let projection = project_scenario(&scenario).unwrap();
    let summary = simulate(&scenario).unwrap();
    for (name, actual) in [
        ("projection", serde_json::to_value(&projection).unwrap()),
        ("summary", serde_json::to_value(&summary).unwrap()),
    ] {
        let path = format!("{GOLDEN_DIR}/forecast/saas_forecast.{name}.json");
        if std::env::var_os("UPDATE_GOLDEN").is_some() {
            fs::write(&path, serde_json::to_string_pretty(&actual).unwrap() + "\n").unwrap();
        }
        let expected: serde_json::Value = serde_json::from_str(
            &fs::read_to_string(&path)
                .unwrap_or_else(|_| panic!("{path} missing: run with UPDATE_GOLDEN=1")),
        )
        .unwrap();
        assert_same(&actual, &expected, name);
    }
}

fn any_number() -> impl Strategy<Value = f64> {
    prop_oneof![
        4 => -10.0..1e6f64,
        1 => prop::num::f64::ANY,
        1 => Just(0.0),
    ]
}

fn any_spread() -> impl Strategy<Value = Spread> {
    prop_oneof![
        (any_number(), any_number(), any_number()).prop_map(|(low, likely, high)| Spread::Range {
            low,
            likely,
            high
        }),
        (0u64..3_000_000_000, 0u64..3_000_000_000)
            .prop_map(|(successes, trials)| Spread::Observed { successes, trials }),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|c| c.parse().ok()).unwrap_or(128),
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    /// Any valid set-up runs, and every number of its summary is finite.
    #[test]
    fn any_valid_set_up_gives_finite_numbers(
        uncertainty in support::forecast::valid_uncertainty(6, 1..=200),
        projection in prop::option::of(support::forecast::valid_projection()),
        top in 0.0..=1e12f64,
        basket in 0.0..=1e12f64,
        rate in 0.0..=100.0f64,
    ) {
        let mut scenario = Scenario::default();
        scenario.stages[0].value = top;
        scenario.stages[2].value = rate;
        scenario.basket = basket;
        scenario.projection = projection.map(Arc::new);
        let scenario = with(scenario, uncertainty);
        let summary = simulate(&scenario).unwrap();
        prop_assert!(numbers(&summary).iter().all(|v| v.is_finite()), "{summary:?}");
    }

    /// Any settings at all (negative, NaN, reversed, too many trials …) either run or are
    /// refused; nothing panics.
    #[test]
    fn any_settings_never_panic(
        seed in any::<u64>(),
        trials in 0u32..300,
        spreads in prop::collection::vec((0usize..9, any_spread()), 0..6),
        top in any_number(),
        basket in any_number(),
    ) {
        let mut uncertainty = Uncertainty { seed, trials, ..Uncertainty::default() };
        for (i, spread) in spreads {
            let input = match i {
                0 => Uncertain::Top,
                7 => Uncertain::Basket,
                8 => Uncertain::Churn,
                i => Uncertain::Rate(i),
            };
            uncertainty.set_spread(input, Some(spread));
        }
        let mut scenario = Scenario::default();
        scenario.stages[0] = Stage::new("Top", top);
        scenario.basket = basket;
        scenario.projection = Some(Arc::new(a_projection()));
        if let Ok(mut run) = MonteCarlo::new(&with(scenario, uncertainty)) {
            run.step(trials);
            prop_assert!(numbers(&run.summary()).iter().all(|v| v.is_finite()));
        }
    }
}

/// The trials split into `workers` parts of whole blocks, each run on its own and added in
/// order, as a pool of workers would.
fn summary_in_parts(scenario: &Scenario, workers: u32) -> Summary {
    use funnelsim::model::forecast::monte_carlo::MEAN_BLOCK;
    let mut run = MonteCarlo::new(scenario).unwrap();
    let blocks = run.trials().div_ceil(MEAN_BLOCK);
    let per_worker = blocks.div_ceil(workers);
    let parts: Vec<_> = (0..workers)
        .map(|w| {
            let start = (w * per_worker * MEAN_BLOCK).min(run.trials());
            let end = ((w + 1) * per_worker * MEAN_BLOCK).min(run.trials());
            // As a worker sends it to the page.
            let bytes = run.part(start, end).unwrap().to_bytes();
            funnelsim::model::forecast::monte_carlo::TrialsPart::from_bytes(&bytes).unwrap()
        })
        .collect();
    for part in parts {
        run.absorb(part).unwrap();
    }
    assert!(run.done());
    run.summary()
}

#[test]
fn one_two_or_four_workers_give_the_run_s_very_bits() {
    let json = fs::read_to_string(format!("{GOLDEN_DIR}/saas_forecast.json")).unwrap();
    let golden: Scenario = serde_json::from_str(&json).unwrap();
    let with_trials = |scenario: &Scenario, trials: u32| {
        let mut scenario = scenario.clone();
        let mut uncertainty = scenario.uncertainty.as_deref().cloned().unwrap_or_default();
        uncertainty.trials = trials;
        scenario.uncertainty = Some(std::sync::Arc::new(uncertainty));
        scenario
    };
    let example = Scenario::example();
    let mut drafts = funnelsim::model::forecast::edit::ForecastDrafts::default();
    let mut channels = example.clone();
    drafts.apply(
        &mut channels,
        funnelsim::model::forecast::edit::ForecastEdit::StartUncertainty,
    );
    for (name, scenario) in [
        // The golden forecast (24 months: the fan) at its own trials, and at a count that
        // ends inside a block.
        ("golden", golden.clone()),
        ("golden, 5,000 trials", with_trials(&golden, 5_000)),
        // Every 2nd trial kept (over 100,000 trials), channels blended in every trial.
        (
            "example's channels, 150,001 trials",
            with_trials(&channels, 150_001),
        ),
    ] {
        let whole = simulate(&scenario).unwrap();
        for workers in [1, 2, 4] {
            assert_eq!(
                summary_in_parts(&scenario, workers),
                whole,
                "{name}: {workers} workers"
            );
        }
    }
}

#[test]
fn parts_must_be_whole_blocks_added_in_order() {
    use funnelsim::model::forecast::monte_carlo::{PartError, MEAN_BLOCK};
    let json = fs::read_to_string(format!("{GOLDEN_DIR}/saas_forecast.json")).unwrap();
    let scenario: Scenario = serde_json::from_str(&json).unwrap();
    let mut run = MonteCarlo::new(&scenario).unwrap();
    assert_eq!(
        run.part(10, MEAN_BLOCK),
        Err(PartError::NotWholeBlocks {
            start: 10,
            end: MEAN_BLOCK
        })
    );
    let second = run.part(MEAN_BLOCK, 2 * MEAN_BLOCK).unwrap();
    assert_eq!(
        run.absorb(second.clone()),
        Err(PartError::OutOfOrder {
            start: MEAN_BLOCK,
            done: 0
        })
    );
    // Bytes cut short, or with more after the part, are no part.
    let bytes = second.to_bytes();
    assert_eq!(
        funnelsim::model::forecast::monte_carlo::TrialsPart::from_bytes(&bytes[..bytes.len() - 1]),
        None
    );
    assert_eq!(
        funnelsim::model::forecast::monte_carlo::TrialsPart::from_bytes(
            &[bytes.clone(), vec![0]].concat()
        ),
        None
    );
    run.absorb(run.part(0, MEAN_BLOCK).unwrap()).unwrap();
    run.absorb(second).unwrap();
    assert_eq!(run.trials_done(), 2 * MEAN_BLOCK);
}

/// Floats of every kind the runs may hold: signed zeros, infinities, tiny and huge values.
fn any_float() -> impl Strategy<Value = f64> {
    prop_oneof![
        Just(0.0),
        Just(-0.0),
        Just(f64::INFINITY),
        Just(f64::NEG_INFINITY),
        -1e6..1e6f64,
        any::<f64>().prop_filter("a number", |x| !x.is_nan()),
        (0u32..50).prop_map(f64::from),
    ]
}

proptest! {
    /// The radix sort leaves `total_cmp`'s order, and the `k`-th smallest of sorted runs is
    /// the `k`-th smallest of their values together, bit for bit, however they are split.
    #[test]
    fn sorted_runs_give_the_order_statistics_of_the_values_together(
        values in prop::collection::vec(any_float(), 0..600),
        cuts in prop::collection::vec(0usize..600, 0..5),
    ) {
        use funnelsim::model::forecast::sorted_runs::{nth, sort};
        let mut expected = values.clone();
        expected.sort_by(f64::total_cmp);
        let mut sorted = values.clone();
        sort(&mut sorted);
        prop_assert_eq!(
            sorted.iter().map(|x| x.to_bits()).collect::<Vec<_>>(),
            expected.iter().map(|x| x.to_bits()).collect::<Vec<_>>()
        );
        let mut cuts: Vec<usize> = cuts.into_iter().map(|c| c.min(values.len())).collect();
        cuts.sort_unstable();
        let mut runs: Vec<Vec<f64>> = Vec::new();
        let mut from = 0;
        for cut in cuts.into_iter().chain([values.len()]) {
            let mut run = values[from..cut.max(from)].to_vec();
            sort(&mut run);
            runs.push(run);
            from = cut.max(from);
        }
        let runs: Vec<&[f64]> = runs.iter().map(|r| &r[..]).collect();
        for (k, want) in expected.iter().enumerate() {
            prop_assert_eq!(nth(&runs, k).map(f64::to_bits), Some(want.to_bits()));
        }
        prop_assert_eq!(nth(&runs, expected.len()), None);
        let mut narrow: Vec<f32> = values.iter().map(|&x| x as f32).collect();
        let mut want: Vec<f32> = narrow.clone();
        want.sort_by(f32::total_cmp);
        sort(&mut narrow);
        prop_assert_eq!(
            narrow.iter().map(|x| x.to_bits()).collect::<Vec<_>>(),
            want.iter().map(|x| x.to_bits()).collect::<Vec<_>>()
        );
        for (k, w) in want.iter().enumerate() {
            prop_assert_eq!(nth(&[&narrow[..]], k).map(f32::to_bits), Some(w.to_bits()));
        }
    }
}

#[test]
fn a_run_that_adds_parts_runs_no_trial_itself() {
    use funnelsim::model::forecast::monte_carlo::{PartError, MEAN_BLOCK};
    let json = fs::read_to_string(format!("{GOLDEN_DIR}/saas_forecast.json")).unwrap();
    let scenario: Scenario = serde_json::from_str(&json).unwrap();
    let mut collecting = MonteCarlo::new(&scenario).unwrap();
    collecting
        .absorb(collecting.part(0, MEAN_BLOCK).unwrap())
        .unwrap();
    assert_eq!(collecting.step(MEAN_BLOCK), 0);
    assert_eq!(collecting.trials_done(), MEAN_BLOCK);
    let mut stepped = MonteCarlo::new(&scenario).unwrap();
    stepped.step(MEAN_BLOCK);
    assert_eq!(
        stepped.absorb(stepped.part(MEAN_BLOCK, 2 * MEAN_BLOCK).unwrap()),
        Err(PartError::NotThisRun)
    );
}
