//! What moves the sales velocity, worked by hand on the default scenario (a year; 360
//! opportunities created, a 60-day cycle, so 360 × 60 ÷ 365.25 = 59.14 open; a 15,000 €
//! deal; a 25 % win rate):
//!
//! - Base: 59.14 × 15,000 × 0.25 ÷ 60 = 1,350,000 ÷ 365.25 = 3,696.10 € a day (1,350,000 € a
//!   year), the Pipeline panel's number.
//! - ±10 % on the open opportunities, the deal or the win rate: × 0.9 and × 1.1, so
//!   3,326.49 € and 4,065.71 € a day (1,215,000 € and 1,485,000 € a year), a swing of
//!   739.22 €. Equal swings: they keep the formula's order.
//! - ±10 % on the cycle: 54 days gives × 1 ÷ 0.9 = 4,106.78 € a day (1,500,000 € a year), 66
//!   days × 1 ÷ 1.1 = 3,360.09 € (1,227,272.73 € a year): a swing of 746.69 €, the largest,
//!   so the cycle ranks first.
//! - ±10 points: the win rate goes to 15 % and 35 %, × 0.6 and × 1.4 (2,217.66 € and
//!   5,174.54 € a day), a swing of 2,956.88 €, now first; the other terms still move ±10 %.

use funnelsim::charts::{draw_velocity_tornado, ChartStyle};
use funnelsim::model::forecast::projection::{Projection, MAX_SALES_CYCLE_DAYS};
use funnelsim::model::funnel::forward::evaluate;
use funnelsim::model::sales::pipeline::pipeline;
use funnelsim::model::sales::velocity_sensitivity::{
    velocity_sensitivity, NoVelocity, TermEffect, VelocitySensitivity, VelocityTerm,
};
use funnelsim::model::workbench::sensitivity::{SensitivitySettings, StepMode};
use funnelsim::model::{Scenario, Stage};
use proptest::prelude::*;
use std::sync::Arc;

use crate::channels::assert_near;
use crate::support;

fn settings(step_pct: f64, mode: StepMode) -> SensitivitySettings {
    SensitivitySettings { step_pct, mode }
}

fn of(scenario: &Scenario, settings: &SensitivitySettings) -> VelocitySensitivity {
    velocity_sensitivity(scenario, &evaluate(scenario), settings).unwrap()
}

fn effect(s: &VelocitySensitivity, term: VelocityTerm) -> &TermEffect {
    s.effects.iter().find(|e| e.term == term).unwrap()
}

const BASE_A_DAY: f64 = 1_350_000.0 / 365.25;

#[test]
fn the_default_velocity_moved_ten_percent_term_by_term() {
    let scenario = Scenario::default();
    let s = of(&scenario, &SensitivitySettings::default());
    // One number: the Pipeline panel's velocity is the base.
    let panel = pipeline(&scenario, &evaluate(&scenario), None).unwrap();
    assert_eq!(s.base, panel.velocity);
    assert_near(s.base.per_day.unwrap(), BASE_A_DAY, 1e-9, "base a day");
    for term in [
        VelocityTerm::OpenOpportunities,
        VelocityTerm::AverageDeal,
        VelocityTerm::WinRate,
    ] {
        let e = effect(&s, term);
        assert_near(e.low.per_day.unwrap(), 3_326.488_706, 1e-6, term.key());
        assert_near(e.high.per_day.unwrap(), 4_065.708_419, 1e-6, term.key());
        assert_near(e.low.per_period.unwrap(), 1_215_000.0, 1e-6, term.key());
        assert_near(e.high.per_period.unwrap(), 1_485_000.0, 1e-6, term.key());
        assert_near(e.swing(), 739.219_713, 1e-6, term.key());
    }
    let cycle = effect(&s, VelocityTerm::CycleDays);
    assert_eq!((cycle.low_value, cycle.high_value), (54.0, 66.0));
    assert_near(
        cycle.low.per_day.unwrap(),
        BASE_A_DAY / 0.9,
        1e-9,
        "54 days",
    );
    assert_near(
        cycle.high.per_day.unwrap(),
        BASE_A_DAY / 1.1,
        1e-9,
        "66 days",
    );
    assert_near(cycle.low.per_period.unwrap(), 1_500_000.0, 1e-6, "a year");
    assert_near(
        cycle.high.per_period.unwrap(),
        1_350_000.0 / 1.1,
        1e-6,
        "a year",
    );
    assert_near(cycle.swing(), 746.686_579, 1e-6, "cycle swing");
    assert_near(cycle.low_change().unwrap(), 410.677_618, 1e-6, "cycle down");
    // The cycle first; the three equal swings in the formula's order.
    let ranked: Vec<VelocityTerm> = s.ranked().iter().map(|e| e.term).collect();
    assert_eq!(
        ranked,
        [
            VelocityTerm::CycleDays,
            VelocityTerm::OpenOpportunities,
            VelocityTerm::AverageDeal,
            VelocityTerm::WinRate,
        ]
    );
}

#[test]
fn points_move_the_win_rate_by_points_and_stop_at_one_hundred_percent() {
    let s = of(&Scenario::default(), &settings(10.0, StepMode::Points));
    let win = effect(&s, VelocityTerm::WinRate);
    assert_near(win.low_value, 0.15, 1e-12, "15 %");
    assert_near(win.high_value, 0.35, 1e-12, "35 %");
    assert_near(win.low.per_day.unwrap(), BASE_A_DAY * 0.6, 1e-9, "× 0.6");
    assert_near(win.high.per_day.unwrap(), BASE_A_DAY * 1.4, 1e-9, "× 1.4");
    assert_eq!(s.ranked()[0].term, VelocityTerm::WinRate);
    // The other terms still move by ± 10 %.
    let deal = effect(&s, VelocityTerm::AverageDeal);
    assert_eq!((deal.low_value, deal.high_value), (13_500.0, 16_500.0));

    // 95 % won, + 10 points: 100 %, not 105 %; − 10 points: 85 %.
    let mut sure = Scenario::default();
    sure.stages[5].value = 95.0;
    let s = of(&sure, &settings(10.0, StepMode::Points));
    let win = effect(&s, VelocityTerm::WinRate);
    assert_near(win.high_value, 1.0, 0.0, "capped at 100 %");
    assert_near(win.low_value, 0.85, 1e-12, "85 %");
    let base = s.base.per_day.unwrap();
    assert_near(win.high.per_day.unwrap(), base / 0.95, 1e-9, "× 1 ÷ 0.95");
    // 5 % won, − 10 points: 0 %, no velocity left (0, not negative).
    sure.stages[5].value = 5.0;
    let s = of(&sure, &settings(10.0, StepMode::Points));
    let win = effect(&s, VelocityTerm::WinRate);
    assert_eq!(win.low_value, 0.0);
    assert_eq!(win.low.per_day, Some(0.0));
}

#[test]
fn the_cycle_stays_within_zero_and_the_longest_cycle() {
    // ± 100 %: a cycle of 0 days has no velocity (None), never infinity.
    let s = of(&Scenario::default(), &settings(100.0, StepMode::Relative));
    let cycle = effect(&s, VelocityTerm::CycleDays);
    assert_eq!(cycle.low_value, 0.0);
    assert_eq!((cycle.low.per_day, cycle.low.per_period), (None, None));
    assert_eq!(cycle.low_change(), None);
    // Only the defined side counts: 120 days halve the velocity.
    assert_near(cycle.swing(), BASE_A_DAY / 2.0, 1e-9, "one side");
    // A cycle near the longest one stops there.
    let long = Scenario {
        projection: Some(Arc::new(Projection {
            sales_cycle_days: 1_000.0,
            ..Projection::suggested(&Scenario::default())
        })),
        ..Scenario::default()
    };
    let s = of(&long, &SensitivitySettings::default());
    let cycle = effect(&s, VelocityTerm::CycleDays);
    assert_eq!(cycle.high_value, MAX_SALES_CYCLE_DAYS);
    assert_eq!(cycle.low_value, 900.0);
}

#[test]
fn no_opportunity_stage_or_no_win_rate_is_a_reason_not_a_number() {
    let short = Scenario {
        stages: vec![Stage::new("Leads", 1_000.0), Stage::new("Customers", 10.0)],
        ..Scenario::default()
    };
    let result = velocity_sensitivity(&short, &evaluate(&short), &SensitivitySettings::default());
    assert_eq!(result, Err(NoVelocity::TooShort));
    assert!(pipeline(&short, &evaluate(&short), None).is_none());
    assert!(NoVelocity::TooShort
        .to_string()
        .contains("opportunity stage"));

    let scenario = Scenario::default();
    let mut funnel = evaluate(&scenario);
    funnel.stages[5].rate = None;
    let result = velocity_sensitivity(&scenario, &funnel, &SensitivitySettings::default());
    assert_eq!(result, Err(NoVelocity::NoWinRate));

    let result = velocity_sensitivity(
        &scenario,
        &evaluate(&scenario),
        &settings(0.0, StepMode::Relative),
    );
    assert!(
        matches!(result, Err(NoVelocity::InvalidStep(_))),
        "{result:?}"
    );
}

proptest! {
    /// In relative mode the opportunities, the deal and the win rate each move the velocity
    /// by exactly ± step %, and a shorter cycle never lowers it (a longer one never raises it).
    #[test]
    fn relative_steps_move_the_velocity_by_the_step_and_a_shorter_cycle_never_lowers_it(
        step in 0.5..=100.0f64,
        // At most 50 %: twice it stays within 100 % (points mode's clamp is tested above).
        win in 0.5..50.0f64,
        opp in 0.5..100.0f64,
        basket in 1.0..1e6f64,
        cycle in 1.0..MAX_SALES_CYCLE_DAYS,
    ) {
        let mut scenario = Scenario { basket, ..Scenario::default() };
        scenario.stages[5].value = win;
        scenario.stages[4].value = opp;
        scenario.projection = Some(Arc::new(Projection {
            sales_cycle_days: cycle,
            ..Projection::suggested(&Scenario::default())
        }));
        let s = of(&scenario, &settings(step, StepMode::Relative));
        let base = s.base.per_day.unwrap();
        prop_assert!(base > 0.0);
        let share = step / 100.0;
        for term in [VelocityTerm::OpenOpportunities, VelocityTerm::AverageDeal, VelocityTerm::WinRate] {
            let e = effect(&s, term);
            let (low, high) = (e.low.per_day.unwrap(), e.high.per_day.unwrap());
            prop_assert!((low - base * (1.0 - share)).abs() <= 1e-9 * base, "{term:?} down: {low}");
            prop_assert!((high - base * (1.0 + share)).abs() <= 1e-9 * base, "{term:?} up: {high}");
        }
        let cycle = effect(&s, VelocityTerm::CycleDays);
        prop_assert!(cycle.low_value < cycle.high_value);
        // Shorter: higher, or undefined at 0 days; longer: never higher.
        prop_assert!(cycle.low.per_day.is_none_or(|v| v >= base * (1.0 - 1e-12)));
        prop_assert!(cycle.high.per_day.unwrap() <= base * (1.0 + 1e-12));
        for e in &s.effects {
            prop_assert!(e.swing().is_finite() && e.swing() >= 0.0);
        }
    }
}

// ---- The velocity tornado ----

fn tornado(s: &VelocitySensitivity, settings: &SensitivitySettings) -> String {
    support::svg::finite_svg((800, 300), |area| {
        draw_velocity_tornado(area, s, settings, &ChartStyle::default()).unwrap()
    })
}

#[test]
fn the_velocity_tornado_draws_the_four_terms_ranked_with_their_changes() {
    let s = of(&Scenario::default(), &SensitivitySettings::default());
    let svg = tornado(&s, &SensitivitySettings::default());
    for text in [
        "Effect of ±10 % on sales velocity (a day)",
        "Base €3,696",
        "Open opportunities",
        "Average deal",
        "Win rate",
        "Cycle (days)",
        "+€411",
        "-€336",
        "+€370",
        "-€370",
        "Step down",
        "Step up",
    ] {
        assert!(svg.contains(text), "missing {text}: {svg}");
    }
    // The cycle's row on top.
    let at = |text: &str| svg.find(text).unwrap();
    assert!(at("Cycle (days)") < at("Open opportunities"));
    assert!(at("Average deal") < at("Win rate"));
    // Two bars a term, and the legend's two keys.
    assert!(svg.matches("<rect").count() >= 4 * 2 + 2);

    let points = settings(10.0, StepMode::Points);
    let by_points = tornado(&of(&Scenario::default(), &points), &points);
    assert!(
        by_points.contains("±10 points (win rate) and ±10 % (other terms)"),
        "{by_points}"
    );
    // A cycle of 0 days: "n/a", never inf.
    let whole = settings(100.0, StepMode::Relative);
    let svg = tornado(&of(&Scenario::default(), &whole), &whole);
    assert!(svg.contains("n/a"), "{svg}");
}

#[test]
fn the_velocity_tornado_says_when_no_term_moves_it() {
    let mut none_won = Scenario::default();
    none_won.stages[0].value = 0.0;
    let s = of(&none_won, &SensitivitySettings::default());
    assert_eq!(s.base.per_day, Some(0.0));
    let svg = tornado(&s, &SensitivitySettings::default());
    assert!(
        svg.contains("no lever changes sales velocity (a day)"),
        "{svg}"
    );
}

#[test]
fn the_velocity_tornado_and_its_reasons_speak_french() {
    use funnelsim::model::i18n::{with_locale, Currency, Lang};
    with_locale(Lang::Fr, Currency::Eur, || {
        let s = of(&Scenario::default(), &SensitivitySettings::default());
        let svg = tornado(&s, &SensitivitySettings::default());
        for text in [
            "Effet de ±10\u{202f}% sur la vélocité commerciale (par jour)",
            "Opportunités ouvertes",
            "Cycle (jours)",
            "Baisse",
        ] {
            assert!(svg.contains(text), "missing {text}: {svg}");
        }
        assert!(NoVelocity::TooShort
            .to_string()
            .contains("étape d'opportunités"));
        assert!(NoVelocity::NoWinRate.to_string().contains("taux de gain"));
    });
}
