//! Goal seek: worked examples on the default scenario (customers via volume, revenue via
//! basket, CAC via spend, ROI via a rate or spend), unreachable and invalid targets, no
//! effect, answers within bounds, and a property test that reachable targets are hit.
use funnelsim::model::funnel::validate::MAX_AMOUNT;
use funnelsim::model::workbench::goal_seek::{
    goal_seek, seekable_levers, Goal, GoalSeekError, Solution,
};
use funnelsim::model::{evaluate, FieldId, LtvMode, Metric, Scenario, SpendMode, Stage};
use proptest::prelude::*;

fn seek(scenario: &Scenario, lever: FieldId, metric: Metric, target: f64) -> Solution {
    let solution = goal_seek(
        scenario,
        &Goal {
            lever,
            metric,
            target,
        },
    )
    .unwrap_or_else(|e| panic!("{lever:?} → {metric:?} = {target}: {e}"));
    check(scenario, lever, metric, &solution);
    solution
}

fn seek_err(scenario: &Scenario, lever: FieldId, metric: Metric, target: f64) -> GoalSeekError {
    match goal_seek(
        scenario,
        &Goal {
            lever,
            metric,
            target,
        },
    ) {
        Ok(s) => panic!("{lever:?} → {metric:?} = {target} solved: {}", s.value),
        Err(e) => e,
    }
}

/// A solution is finite, within bounds, and consistent with its scenario.
fn check(scenario: &Scenario, lever: FieldId, metric: Metric, solution: &Solution) {
    let (min, max) = lever.bounds();
    assert!(solution.value.is_finite() && solution.achieved.is_finite());
    assert!((min..=max).contains(&solution.value), "{}", solution.value);
    assert_eq!(lever.value_in(&solution.scenario), Some(solution.value));
    assert_eq!(
        metric.of(&evaluate(&solution.scenario)),
        Some(solution.achieved)
    );
    // Only the lever changed.
    let mut back = solution.scenario.clone();
    lever.set_in(&mut back, lever.value_in(scenario).unwrap());
    assert_eq!(&back, scenario);
}

fn assert_near(actual: f64, expected: f64) {
    assert!(
        (actual - expected).abs() <= 1e-9 * expected.abs().max(1.0),
        "{actual} ≠ {expected}"
    );
}

/// Default: 120,000 visitors give 90 customers (a 0.075 % overall conversion), so 180
/// customers need 180 / 0.00075 = 240,000 visitors.
#[test]
fn customers_via_top_volume() {
    let s = seek(&Scenario::default(), FieldId::Top, Metric::Customers, 180.0);
    assert_near(s.value, 240_000.0);
    assert_near(s.achieved, 180.0);
}

/// Answers are given with the fewest digits that still meet the target: exactly 240,000
/// visitors and a 50 % last-stage rate, not 239,999.99999999997.
#[test]
fn solutions_are_tidy_round_numbers_when_those_meet_the_target() {
    let base = Scenario::default();
    assert_eq!(
        seek(&base, FieldId::Top, Metric::Customers, 180.0).value,
        240_000.0
    );
    assert_eq!(
        seek(&base, FieldId::StageRate(5), Metric::Customers, 180.0).value,
        50.0
    );
    assert_eq!(
        seek(&base, FieldId::Spend, Metric::Cac, 2_500.0).value,
        225_000.0
    );
    // A target with no round answer keeps the precise one.
    let s = seek(&base, FieldId::Top, Metric::Customers, 100.0);
    assert_near(s.value, 133_333.333_333_333_3);
    assert_near(s.achieved, 100.0);
}

/// Revenue = 90 customers × basket, so €1,800,000 needs a basket of €20,000.
#[test]
fn revenue_via_basket() {
    let s = seek(
        &Scenario::default(),
        FieldId::Basket,
        Metric::Revenue,
        1_800_000.0,
    );
    assert_near(s.value, 20_000.0);
}

/// CAC = spend / 90, so a CAC of €2,500 needs €225,000 of spend.
#[test]
fn cac_via_spend() {
    let s = seek(&Scenario::default(), FieldId::Spend, Metric::Cac, 2_500.0);
    assert_near(s.value, 225_000.0);
}

/// CAC = 300,000 / customers (not linear in the volume): €2,000 needs 150 customers, i.e.
/// 150 / 0.00075 = 200,000 visitors.
#[test]
fn cac_via_top_volume() {
    let s = seek(&Scenario::default(), FieldId::Top, Metric::Cac, 2_000.0);
    assert_near(s.value, 200_000.0);
    // A huge CAC needs a tiny (but positive) volume: CAC → ∞ as visitors → 0.
    let s = seek(&Scenario::default(), FieldId::Top, Metric::Cac, 1e15);
    assert!(s.value > 0.0 && s.value < 1.0);
}

/// ROI on revenue = (revenue − 300,000) / 300,000 = 500 % needs revenue €1,800,000, i.e. 120
/// customers: the last stage's rate goes from 25 % to 120 / 360 = 33.33 %.
#[test]
fn roi_via_a_rate() {
    let s = seek(
        &Scenario::default(),
        FieldId::StageRate(5),
        Metric::RoiRevenue,
        5.0,
    );
    assert_near(s.value, 100.0 / 3.0);
    assert_near(s.achieved, 5.0);
}

/// ROI on revenue = 1,350,000 / spend − 1 (decreasing, not linear): 400 % needs €270,000;
/// −50 % needs €2,700,000 (a negative ROI target is valid).
#[test]
fn roi_via_spend() {
    let s = seek(
        &Scenario::default(),
        FieldId::Spend,
        Metric::RoiRevenue,
        4.0,
    );
    assert_near(s.value, 270_000.0);
    let s = seek(
        &Scenario::default(),
        FieldId::Spend,
        Metric::RoiRevenue,
        -0.5,
    );
    assert_near(s.value, 2_700_000.0);
    // A very high ROI needs a tiny spend: 1,350,000 / (1e6 + 1).
    let s = seek(
        &Scenario::default(),
        FieldId::Spend,
        Metric::RoiRevenue,
        1e6,
    );
    assert_near(s.value, 1_350_000.0 / (1e6 + 1.0));
}

/// ROI on margin in "% of revenue" mode is (margin − spend %) / spend %: with a margin of
/// 70 % and a spend of 10 % of revenue it is 600 %; 300 % needs 70 / 4 = 17.5 %.
#[test]
fn roi_on_margin_via_spend_pct() {
    let scenario = Scenario {
        spend_mode: SpendMode::PctRevenue,
        ..Scenario::default()
    };
    let s = seek(&scenario, FieldId::SpendPct, Metric::RoiMargin, 3.0);
    assert_near(s.value, 17.5);
    // Margin is a lever of ROI on margin: 50 % needs (1 + 0.5) × 10 = 15 %.
    let s = seek(&scenario, FieldId::Margin, Metric::RoiMargin, 0.5);
    assert_near(s.value, 15.0);
}

/// Leads → MQL at 100 % gives 120,000 × 2.5 % × 100 % × 50 % × 60 % × 25 % = 225 customers:
/// 700 cannot be reached by that rate alone, and the answer never proposes more than 100 %.
#[test]
fn a_rate_that_would_need_more_than_100_percent_is_unreachable() {
    let err = seek_err(
        &Scenario::default(),
        FieldId::StageRate(2),
        Metric::Customers,
        700.0,
    );
    match &err {
        GoalSeekError::Unreachable { limit, best, .. } => {
            assert_eq!(*limit, 100.0);
            assert_near(best.unwrap(), 225.0);
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(
        err.to_string(),
        "Unreachable: even at 100 % (the highest possible Leads → MQL rate), customers reach \
         only 225; the target is 700."
    );
}

#[test]
fn unreachable_at_the_low_end_and_for_decreasing_metrics() {
    // ROI ≥ −100 %: at a 0 % rate there is no revenue, ROI = −100 %, and −200 % is out of reach.
    let err = seek_err(
        &Scenario::default(),
        FieldId::StageRate(1),
        Metric::RoiRevenue,
        -2.0,
    );
    assert!(
        matches!(err, GoalSeekError::Unreachable { limit, best: Some(best), .. } if limit == 0.0 && best == -1.0),
        "{err:?}"
    );
    assert_eq!(
        err.to_string(),
        "Unreachable: even at 0 % (the lowest possible Visitors → Leads rate), ROI on revenue \
         is still -100 %; the target is -200 %."
    );
    // CAC falls as the last rate rises; at 100 % it is 300,000 / 360 = €833: €500 is out of reach.
    let err = seek_err(
        &Scenario::default(),
        FieldId::StageRate(5),
        Metric::Cac,
        500.0,
    );
    assert!(
        err.to_string()
            .contains("CAC is still €833; the target is €500"),
        "{err}"
    );
    // The largest volume still gives a positive CAC.
    let err = seek_err(&Scenario::default(), FieldId::Top, Metric::Cac, 1e-6);
    assert!(
        matches!(err, GoalSeekError::Unreachable { limit, .. } if limit == MAX_AMOUNT),
        "{err:?}"
    );
}

#[test]
fn invalid_targets() {
    for (metric, target) in [
        (Metric::Customers, -1.0),
        (Metric::Revenue, -0.01),
        (Metric::Cac, -5.0),
        (Metric::Customers, f64::NAN),
        (Metric::RoiRevenue, f64::INFINITY),
        (Metric::RoiMargin, f64::NEG_INFINITY),
    ] {
        let err = seek_err(&Scenario::default(), FieldId::Top, metric, target);
        assert!(
            matches!(err, GoalSeekError::InvalidTarget { .. }),
            "{metric:?} {target}"
        );
    }
    assert_eq!(
        seek_err(&Scenario::default(), FieldId::Top, Metric::Customers, -1.0).to_string(),
        "The customers target must be zero or more."
    );
    assert_eq!(
        seek_err(
            &Scenario::default(),
            FieldId::Top,
            Metric::Customers,
            f64::NAN
        )
        .to_string(),
        "The target must be a number."
    );
}

#[test]
fn levers_without_effect() {
    let cases = [
        (FieldId::Margin, Metric::Customers),
        (FieldId::Basket, Metric::Customers),
        (FieldId::Spend, Metric::Revenue),
        (FieldId::Margin, Metric::RoiRevenue),
        // Derived LTV only matters for spend in "% of LTV" mode.
        (FieldId::Purchases, Metric::Revenue),
        (FieldId::Lifetime, Metric::Cac),
    ];
    for (lever, metric) in cases {
        let err = seek_err(&Scenario::default(), lever, metric, 100.0);
        assert!(
            matches!(err, GoalSeekError::NoEffect { lever: l, metric: m, .. } if l == lever && m == metric),
            "{lever:?} {metric:?}: {err:?}"
        );
    }
    assert_eq!(
        seek_err(
            &Scenario::default(),
            FieldId::Margin,
            Metric::Customers,
            100.0
        )
        .to_string(),
        "Changing the gross margin does not change customers: choose another input."
    );
    // In "% of revenue" mode CAC = basket × spend %: the volume changes nothing (except at 0,
    // where CAC is undefined).
    let pct = Scenario {
        spend_mode: SpendMode::PctRevenue,
        ..Scenario::default()
    };
    assert!(matches!(
        seek_err(&pct, FieldId::Top, Metric::Cac, 1_000.0),
        GoalSeekError::NoEffect { .. }
    ));
    // … but the basket does: CAC = basket × 10 %.
    let s = seek(&pct, FieldId::Basket, Metric::Cac, 1_000.0);
    assert_near(s.value, 10_000.0);
}

#[test]
fn undefined_whatever_the_lever() {
    // A stage converts nobody: CAC is undefined whatever the spend.
    let mut s = Scenario::default();
    s.stages[3].value = 0.0;
    let err = seek_err(&s, FieldId::Spend, Metric::Cac, 1_000.0);
    assert!(matches!(err, GoalSeekError::Undefined { .. }), "{err:?}");
    assert!(err.to_string().contains("needs customers"));
}

#[test]
fn only_levers_of_the_scenario_are_accepted() {
    let s = Scenario::default();
    for field in [
        FieldId::Target,
        FieldId::StageName(1),
        FieldId::StageRate(0),
        FieldId::StageRate(6),
        FieldId::Ltv,      // derived mode
        FieldId::SpendPct, // amount mode
    ] {
        assert_eq!(
            seek_err(&s, field, Metric::Revenue, 1.0),
            GoalSeekError::NotALever(field)
        );
    }
    let levers = seekable_levers(&s);
    // Top, 5 rates, basket, spend, margin, purchases, lifetime.
    assert_eq!(levers.len(), 1 + 5 + 5);
    assert!(levers.contains(&FieldId::Spend) && !levers.contains(&FieldId::Ltv));
    let direct = Scenario {
        ltv_mode: LtvMode::Direct,
        spend_mode: SpendMode::PctLtv,
        ..Scenario::default()
    };
    let levers = seekable_levers(&direct);
    assert!(levers.contains(&FieldId::Ltv) && levers.contains(&FieldId::SpendPct));
    // In "% of LTV" mode with a direct LTV, CAC = LTV × spend %: €2,100 needs an LTV of €21,000.
    let solution = seek(&direct, FieldId::Ltv, Metric::Cac, 2_100.0);
    assert_near(solution.value, 21_000.0);
}

#[test]
fn an_invalid_scenario_is_refused() {
    let s = Scenario {
        basket: -1.0,
        ..Scenario::default()
    };
    assert!(matches!(
        seek_err(&s, FieldId::Top, Metric::Customers, 1.0),
        GoalSeekError::InvalidScenario(_)
    ));
}

/// Every lever × metric × a range of targets on a few scenarios: an answer is always finite,
/// within bounds and on target; an error is always typed.
#[test]
fn solutions_are_always_within_bounds() {
    let zero_spend = Scenario {
        spend: 0.0,
        ..Scenario::default()
    };
    let scenarios = [
        Scenario::default(),
        zero_spend,
        Scenario {
            spend_mode: SpendMode::PctLtv,
            ..Scenario::default()
        },
    ];
    let targets = [
        0.0, 1e-9, 0.5, 1.0, 90.0, 3_333.0, 1e6, 1e12, 1e20, -0.5, -1.0,
    ];
    for scenario in &scenarios {
        for lever in seekable_levers(scenario) {
            for metric in Metric::ALL {
                for target in targets {
                    let goal = Goal {
                        lever,
                        metric,
                        target,
                    };
                    if let Ok(solution) = goal_seek(scenario, &goal) {
                        check(scenario, lever, metric, &solution);
                        assert!(
                            (solution.achieved - target).abs() <= 1e-9 * target.abs() + 1e-12,
                            "{goal:?}: {}",
                            solution.achieved
                        );
                    }
                }
            }
        }
    }
}

fn amount() -> impl Strategy<Value = f64> {
    prop_oneof![Just(0.0), 0.0..1e4, 1.0..1e9, Just(MAX_AMOUNT)]
}

fn percent() -> impl Strategy<Value = f64> {
    prop_oneof![Just(0.0), Just(100.0), 0.0..=100.0, 1e-6..1.0]
}

prop_compose! {
    fn scenario()(
        top in amount(),
        rates in prop::collection::vec(percent(), 1..=11),
        basket in amount(),
        ltv_mode in prop::sample::select(LtvMode::ALL.to_vec()),
        ltv in amount(),
        purchases in 0.0..=1000.0,
        lifetime in 0.0..=100.0,
        margin in percent(),
        spend_mode in prop::sample::select(SpendMode::ALL.to_vec()),
        spend in amount(),
        spend_pct in 0.0..=1000.0,
    ) -> Scenario {
        let stages = std::iter::once(Stage::new("Top", top))
            .chain(rates.iter().enumerate().map(|(i, &r)| Stage::new(&format!("S{i}"), r)))
            .collect();
        Scenario {
            stages, basket, ltv_mode, ltv,
            purchases_per_year: purchases, lifetime_years: lifetime,
            margin_pct: margin, spend_mode, spend, spend_pct,
            ..Scenario::default()
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|c| c.parse().ok()).unwrap_or(512),
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    /// A target the lever reaches at some value in its bounds is found, to 1e-6 relative.
    #[test]
    fn reachable_targets_are_hit(
        s in scenario(),
        lever_pick in any::<prop::sample::Index>(),
        metric in prop::sample::select(Metric::ALL.to_vec()),
        position in prop_oneof![0.0..=1.0_f64, Just(0.0), Just(1.0)],
        log_scale in any::<bool>(),
    ) {
        let levers = seekable_levers(&s);
        let lever = levers[lever_pick.index(levers.len())];
        let (min, max) = lever.bounds();
        // Uniform in the bounds, or log-uniform from 1e-9 × max to max.
        let x = if log_scale { max * 1e-9_f64.powf(1.0 - position) } else { min + position * (max - min) };
        let mut at_x = s.clone();
        lever.set_in(&mut at_x, x);
        let Some(target) = metric.of(&evaluate(&at_x)) else { return Ok(()) };
        match goal_seek(&s, &Goal { lever, metric, target }) {
            Ok(solution) => {
                check(&s, lever, metric, &solution);
                prop_assert!(
                    (solution.achieved - target).abs() <= 1e-6 * target.abs() + 1e-12,
                    "{:?} {:?} target {} achieved {} at {}", lever, metric, target, solution.achieved, solution.value
                );
            }
            Err(GoalSeekError::NoEffect { .. }) => {
                // Only when the metric really is the same at the lever's current value.
                let current = metric.of(&evaluate(&s));
                prop_assert!(current.is_none_or(|c| (c - target).abs() <= 1e-9 * target.abs() + 1e-12),
                    "{:?} {:?}: no effect, but {:?} ≠ {}", lever, metric, current, target);
            }
            Err(e) => prop_assert!(false, "{:?} {:?} target {}: {:?}", lever, metric, target, e),
        }
    }
}

/// 180 customers from the default (90): doubling the volume or any rate that can double;
/// the SQL → opportunity rate (60 %) cannot; basket, spend and margin have no effect.
#[test]
fn every_lever_lists_each_way_to_reach_the_goal_easiest_first() {
    use funnelsim::model::workbench::goal_seek::every_lever;
    let base = Scenario::default();
    let answers = every_lever(&base, Metric::Customers, 180.0);
    assert_eq!(answers.len(), seekable_levers(&base).len());
    let reachable: Vec<FieldId> = answers
        .iter()
        .filter(|a| a.outcome.is_ok())
        .map(|a| a.lever)
        .collect();
    assert_eq!(
        reachable,
        [
            FieldId::Top,
            FieldId::StageRate(1),
            FieldId::StageRate(2),
            FieldId::StageRate(3),
            FieldId::StageRate(5)
        ]
    );
    for answer in &answers[..5] {
        assert_near(answer.change().unwrap(), 1.0);
        assert_near(answer.outcome.as_ref().unwrap().achieved, 180.0);
    }
    let sixty = answers
        .iter()
        .find(|a| a.lever == FieldId::StageRate(4))
        .unwrap();
    assert_eq!(sixty.now, 60.0);
    let reason = sixty.outcome.as_ref().unwrap_err().short();
    assert_eq!(reason, "out of reach: at most 150 (at 100 %)");
    let basket = answers.iter().find(|a| a.lever == FieldId::Basket).unwrap();
    assert_eq!(basket.outcome.as_ref().unwrap_err().short(), "no effect");
    assert_eq!(basket.change(), None);

    // Smaller changes come first: revenue +10 % via the basket (+10 %) ties with volume.
    let answers = every_lever(&base, Metric::Revenue, 1_485_000.0);
    assert!(answers[0].change().is_some_and(|c| (c - 0.1).abs() < 1e-9));
    let changes: Vec<f64> = answers
        .iter()
        .filter_map(|a| a.change().map(f64::abs))
        .collect();
    assert!(changes.windows(2).all(|w| w[0] <= w[1]), "{changes:?}");
}
