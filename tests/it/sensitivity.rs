//! Sensitivity analysis and its tornado chart: worked examples on the default scenario
//! computed by hand, ranking and ties, points mode and "fix first", clamping, bad steps, and
//! the chart drawn on plotters' SVG backend.

use crate::support;
use funnelsim::charts::{draw_tornado, ChartStyle};
use funnelsim::model::workbench::sensitivity::{
    sensitivity, FixFirst, LeverEffect, MetricValues, Sensitivity, SensitivityError,
    SensitivitySettings, StepMode,
};
use funnelsim::model::{FieldId, Metric, Scenario, SpendMode};
use plotters::prelude::*;

fn close(actual: Option<f64>, expected: f64) -> bool {
    actual.is_some_and(|a| (a - expected).abs() <= 1e-9 * expected.abs().max(1.0))
}

macro_rules! assert_close {
    ($actual:expr, $expected:expr) => {{
        let (actual, expected): (Option<f64>, f64) = ($actual, $expected);
        assert!(
            close(actual, expected),
            "{} = {actual:?}, expected {expected}",
            stringify!($actual)
        );
    }};
}

fn relative() -> SensitivitySettings {
    SensitivitySettings::default()
}

fn points() -> SensitivitySettings {
    SensitivitySettings {
        step_pct: 10.0,
        mode: StepMode::Points,
    }
}

fn effect(s: &Sensitivity, lever: FieldId) -> &LeverEffect {
    s.effects
        .iter()
        .find(|e| e.lever == lever)
        .unwrap_or_else(|| panic!("no effect for {lever:?}"))
}

fn ranked_levers(s: &Sensitivity, metric: Metric) -> Vec<FieldId> {
    s.ranked(metric).into_iter().map(|e| e.lever).collect()
}

fn all_finite(values: &MetricValues) -> bool {
    values.iter().all(|(_, v)| v.is_none_or(f64::is_finite))
}

/// Default scenario: 120,000 visitors × 2.5 % × 40 % × 50 % × 60 % × 25 % = 90 customers;
/// revenue 90 × €15,000 = €1,350,000; spend €300,000, so CAC = €3,333.33,
/// ROI on revenue = (1,350,000 − 300,000) / 300,000 = 350 %,
/// gross margin 70 % × 1,350,000 = 945,000, ROI on margin = 645,000 / 300,000 = 215 %.
#[test]
fn default_base_values() {
    let s = sensitivity(&Scenario::default(), &relative()).unwrap();
    assert_close!(s.base.get(Metric::Customers), 90.0);
    assert_close!(s.base.get(Metric::Revenue), 1_350_000.0);
    assert_close!(s.base.get(Metric::Cac), 300_000.0 / 90.0);
    assert_close!(s.base.get(Metric::RoiRevenue), 3.5);
    assert_close!(s.base.get(Metric::RoiMargin), 2.15);
}

#[test]
fn levers_are_volume_rates_basket_active_spend_margin_in_order() {
    let s = sensitivity(&Scenario::default(), &relative()).unwrap();
    let levers: Vec<FieldId> = s.effects.iter().map(|e| e.lever).collect();
    assert_eq!(
        levers,
        vec![
            FieldId::Top,
            FieldId::StageRate(1),
            FieldId::StageRate(2),
            FieldId::StageRate(3),
            FieldId::StageRate(4),
            FieldId::StageRate(5),
            FieldId::Basket,
            FieldId::Spend,
            FieldId::Margin,
        ]
    );
    assert_eq!(effect(&s, FieldId::StageRate(2)).label, "Leads → MQL rate");

    let pct = Scenario {
        spend_mode: SpendMode::PctRevenue,
        ..Scenario::default()
    };
    let s = sensitivity(&pct, &relative()).unwrap();
    assert!(s.effects.iter().any(|e| e.lever == FieldId::SpendPct));
    assert!(!s.effects.iter().any(|e| e.lever == FieldId::Spend));
}

/// ±10 % on visitors: 108,000 → 81 customers, €1,215,000; 132,000 → 99 customers,
/// €1,485,000. CAC = 300,000 / 81 = €3,703.70 and 300,000 / 99 = €3,030.30.
/// ROI on revenue: (1,215,000 − 300,000) / 300,000 = 305 %, (1,485,000 − 300,000) / 300,000 = 395 %.
#[test]
fn ten_percent_more_visitors() {
    let s = sensitivity(&Scenario::default(), &relative()).unwrap();
    let top = effect(&s, FieldId::Top);
    assert_eq!(
        (top.base_value, top.low_value, top.high_value),
        (120_000.0, 108_000.0, 132_000.0)
    );
    assert_close!(top.low.get(Metric::Customers), 81.0);
    assert_close!(top.high.get(Metric::Customers), 99.0);
    assert_close!(top.low.get(Metric::Revenue), 1_215_000.0);
    assert_close!(top.high.get(Metric::Revenue), 1_485_000.0);
    assert_close!(top.low.get(Metric::Cac), 300_000.0 / 81.0);
    assert_close!(top.high.get(Metric::Cac), 300_000.0 / 99.0);
    assert_close!(top.low.get(Metric::RoiRevenue), 3.05);
    assert_close!(top.high.get(Metric::RoiRevenue), 3.95);
    assert_close!(Some(top.swing(Metric::Customers)), 18.0);
    assert_close!(top.high_change(Metric::Revenue), 135_000.0);
    assert_close!(top.low_change(Metric::Revenue), -135_000.0);
}

/// ±10 % on spend: €270,000 → CAC 270,000 / 90 = €3,000, ROI 1,350,000 / 270,000 − 1 = 400 %;
/// €330,000 → CAC €3,666.67, ROI 1,350,000 / 330,000 − 1 = 309.09 %. Customers and revenue
/// do not move.
#[test]
fn ten_percent_more_spend() {
    let s = sensitivity(&Scenario::default(), &relative()).unwrap();
    let spend = effect(&s, FieldId::Spend);
    assert_close!(spend.low.get(Metric::Cac), 3_000.0);
    assert_close!(spend.high.get(Metric::Cac), 330_000.0 / 90.0);
    assert_eq!(
        format!("{:.2}", spend.high.get(Metric::Cac).unwrap()),
        "3666.67"
    );
    assert_close!(spend.low.get(Metric::RoiRevenue), 4.0);
    assert_close!(
        spend.high.get(Metric::RoiRevenue),
        1_350_000.0 / 330_000.0 - 1.0
    );
    assert_eq!(spend.swing(Metric::Customers), 0.0);
    assert_eq!(spend.swing(Metric::Revenue), 0.0);
}

/// Margin 63 % / 77 %: gross margin €850,500 / €1,039,500, so ROI on margin
/// (850,500 − 300,000) / 300,000 = 183.5 % and (1,039,500 − 300,000) / 300,000 = 246.5 %;
/// revenue, customers, CAC and ROI on revenue do not move.
#[test]
fn margin_moves_roi_on_margin_only() {
    let s = sensitivity(&Scenario::default(), &relative()).unwrap();
    let margin = effect(&s, FieldId::Margin);
    assert_eq!((margin.low_value, margin.high_value), (63.0, 77.0));
    assert_close!(margin.low.get(Metric::RoiMargin), 1.835);
    assert_close!(margin.high.get(Metric::RoiMargin), 2.465);
    for metric in [
        Metric::Revenue,
        Metric::Customers,
        Metric::Cac,
        Metric::RoiRevenue,
    ] {
        assert_eq!(margin.swing(metric), 0.0, "{metric:?}");
        assert_eq!(margin.low.get(metric), s.base.get(metric));
    }
}

/// Customers = top × Π rates, so ±10 % on the volume or on any rate moves customers by
/// exactly ±10 %: those six levers tie (swing 18) and keep the lever order; basket, spend
/// and margin do not move customers.
#[test]
fn relative_steps_tie_volume_and_rates_in_lever_order() {
    let s = sensitivity(&Scenario::default(), &relative()).unwrap();
    for e in &s.effects[..6] {
        assert_close!(Some(e.swing(Metric::Customers)), 18.0);
    }
    assert_eq!(
        ranked_levers(&s, Metric::Customers),
        s.effects.iter().map(|e| e.lever).collect::<Vec<_>>()
    );
    // Revenue: the basket joins the tie (swing €270,000) ahead of spend and margin (0).
    let revenue = ranked_levers(&s, Metric::Revenue);
    assert_eq!(revenue[6], FieldId::Basket);
    assert_close!(
        Some(effect(&s, FieldId::Basket).swing(Metric::Revenue)),
        270_000.0
    );
}

/// CAC: volume and rates swing 3,703.70 − 3,030.30 = 673.40, spend 3,666.67 − 3,000 = 666.67.
/// ROI on revenue: spend swings 400 % − 309.09 % = 90.9 points, more than volume (395 % −
/// 305 % = 90 points); margin does not move it, so it comes last.
#[test]
fn ranking_by_metric() {
    let s = sensitivity(&Scenario::default(), &relative()).unwrap();
    let cac = ranked_levers(&s, Metric::Cac);
    assert_eq!(cac[0], FieldId::Top);
    assert_eq!(cac[6], FieldId::Spend);
    assert_eq!(&cac[7..], &[FieldId::Basket, FieldId::Margin]);

    let roi = ranked_levers(&s, Metric::RoiRevenue);
    assert_eq!(roi[0], FieldId::Spend);
    assert_eq!(roi[1], FieldId::Top);
    assert_eq!(roi.last(), Some(&FieldId::Margin));

    // ROI on margin: spend 250 % − 186.4 % = 63.6 points; volume, rates, basket and margin
    // all swing 246.5 % − 183.5 % = 63 points and tie in lever order.
    let roi_margin = ranked_levers(&s, Metric::RoiMargin);
    assert_eq!(roi_margin[0], FieldId::Spend);
    assert_eq!(roi_margin.last(), Some(&FieldId::Margin));
    assert_close!(
        Some(effect(&s, FieldId::Margin).swing(Metric::RoiMargin)),
        0.63
    );
}

/// Points mode: rates move ±10 points. Visitors → Leads 2.5 % → 0 % (no customer) or 12.5 %
/// (× 5 → 450 customers); Opportunities → Customers 25 % → 15 % / 35 % (54 / 126);
/// Leads → MQL 40 → 30 / 50 (67.5 / 112.5); SQL 50 → 40 / 60 (72 / 108); Opportunities
/// 60 → 50 / 70 (75 / 105); the volume still moves ±10 % (81 / 99).
#[test]
fn points_mode_ranks_the_low_rates_first() {
    let s = sensitivity(&Scenario::default(), &points()).unwrap();
    let leads = effect(&s, FieldId::StageRate(1));
    assert_eq!((leads.low_value, leads.high_value), (0.0, 12.5));
    assert_close!(leads.low.get(Metric::Customers), 0.0);
    assert_close!(leads.high.get(Metric::Customers), 450.0);
    assert_eq!(
        ranked_levers(&s, Metric::Customers)[..6],
        [
            FieldId::StageRate(1),
            FieldId::StageRate(5),
            FieldId::StageRate(2),
            FieldId::StageRate(3),
            FieldId::StageRate(4),
            FieldId::Top,
        ]
    );
    // Margin moves ±10 points: 60 % / 80 %.
    let margin = effect(&s, FieldId::Margin);
    assert_eq!((margin.low_value, margin.high_value), (60.0, 80.0));
    // The basket still moves ±10 %.
    let basket = effect(&s, FieldId::Basket);
    assert_eq!((basket.low_value, basket.high_value), (13_500.0, 16_500.0));

    // With no customer left CAC is undefined on the low side: the swing is the defined
    // side's distance from the base, 3,333.33 − 300,000 / 450 = 2,666.67. The last stage
    // (25 % → 15 % / 35 %) swings CAC from 300,000 / 54 = 5,555.56 to 300,000 / 126 = 2,380.95,
    // 3,174.60, and ranks first; Visitors → Leads comes second, not last.
    assert_eq!(leads.low.get(Metric::Cac), None);
    assert_eq!(leads.low_change(Metric::Cac), None);
    assert_close!(
        Some(leads.swing(Metric::Cac)),
        300_000.0 / 90.0 - 300_000.0 / 450.0
    );
    assert_eq!(
        ranked_levers(&s, Metric::Cac)[..2],
        [FieldId::StageRate(5), FieldId::StageRate(1)]
    );
}

/// +1 point on Visitors → Leads (2.5 % → 3.5 %) multiplies customers by 1.4: +36, +40 %.
/// Other stages: MQL 40 → 41 gives +2.5 %, SQL +2 %, opportunities +1.67 %, customers 25 → 26
/// gives +4 %.
#[test]
fn fix_first_is_the_lowest_rate() {
    for settings in [relative(), points()] {
        let s = sensitivity(&Scenario::default(), &settings).unwrap();
        let fix = s.fix_first.unwrap();
        assert_eq!(fix.stage, 1);
        assert_eq!(fix.points, 1.0);
        assert!((fix.extra_customers_pct - 40.0).abs() < 1e-9, "{fix:?}");
        assert!((fix.extra_customers - 36.0).abs() < 1e-9, "{fix:?}");
    }
}

#[test]
fn fix_first_skips_full_stages_and_caps_at_100() {
    let mut s = Scenario::default();
    for stage in s.stages.iter_mut().skip(1) {
        stage.value = 100.0;
    }
    assert_eq!(sensitivity(&s, &points()).unwrap().fix_first, None);

    // One stage at 99.5 %: it can gain only half a point.
    s.stages[3].value = 99.5;
    let fix: FixFirst = sensitivity(&s, &points()).unwrap().fix_first.unwrap();
    assert_eq!((fix.stage, fix.points), (3, 0.5));
    assert!((fix.extra_customers_pct - 0.5 / 99.5 * 100.0).abs() < 1e-9);

    // No customer at all: the relative gain is undefined, no recommendation.
    let mut zero = Scenario::default();
    zero.stages[2].value = 0.0;
    assert_eq!(sensitivity(&zero, &points()).unwrap().fix_first, None);
}

#[test]
fn moved_values_are_clamped_to_bounds() {
    let mut s = Scenario::default();
    s.stages[4].value = 98.0;
    let result = sensitivity(&s, &points()).unwrap();
    let rate = effect(&result, FieldId::StageRate(4));
    assert_eq!((rate.low_value, rate.high_value), (88.0, 100.0));

    // Relative: 98 % × 1.1 = 107.8 % stops at 100 %.
    let result = sensitivity(&s, &relative()).unwrap();
    let rate = effect(&result, FieldId::StageRate(4));
    assert_eq!(rate.high_value, 100.0);
    assert!((rate.low_value - 88.2).abs() < 1e-9);

    // A step of 100 % takes every lever down to 0 and doubles it (within bounds).
    let full = SensitivitySettings {
        step_pct: 100.0,
        mode: StepMode::Relative,
    };
    let result = sensitivity(&Scenario::default(), &full).unwrap();
    for e in &result.effects {
        assert_eq!(e.low_value, 0.0, "{:?}", e.lever);
        let (min, max) = e.lever.bounds();
        assert!((min..=max).contains(&e.high_value), "{:?}", e.lever);
        assert!(all_finite(&e.low) && all_finite(&e.high));
        for metric in Metric::ALL {
            assert!(e.swing(metric).is_finite() && e.swing(metric) >= 0.0);
        }
    }
    // Margin 70 % doubled stops at 100 %.
    assert_eq!(effect(&result, FieldId::Margin).high_value, 100.0);
}

#[test]
fn invalid_steps_and_scenarios_are_typed_errors() {
    for step in [0.0, -5.0, 100.01, f64::NAN, f64::INFINITY] {
        let settings = SensitivitySettings {
            step_pct: step,
            mode: StepMode::Relative,
        };
        let err = sensitivity(&Scenario::default(), &settings).unwrap_err();
        assert!(matches!(err, SensitivityError::InvalidStep(_)), "{step}");
        assert!(err.to_string().contains("step"));
    }
    let mut bad = Scenario::default();
    bad.stages[1].value = 150.0;
    assert!(matches!(
        sensitivity(&bad, &relative()),
        Err(SensitivityError::InvalidScenario(_))
    ));
}

#[test]
fn serialises_metrics_by_key() {
    let s = sensitivity(&Scenario::default(), &points()).unwrap();
    let json = serde_json::to_value(&s).unwrap();
    assert_eq!(json["base"]["customers"], 90.0);
    assert_eq!(json["effects"][1]["lever"], "stage-rate-1");
    assert!(json["effects"][1]["low"]["cac"].is_null());
    assert_eq!(json["fix_first"]["stage"], 1);
}

#[test]
fn every_value_is_finite_on_degenerate_scenarios() {
    let mut zero_top = Scenario::default();
    zero_top.stages[0].value = 0.0;
    let no_spend = Scenario {
        spend: 0.0,
        ..Scenario::default()
    };
    let twelve = Scenario {
        stages: (0..12)
            .map(|i| {
                funnelsim::model::Stage::new(&format!("S{i}"), if i == 0 { 1e12 } else { 100.0 })
            })
            .collect(),
        basket: 1e12,
        ..Scenario::default()
    };
    for scenario in [zero_top, no_spend, twelve] {
        for settings in [relative(), points()] {
            let s = sensitivity(&scenario, &settings).unwrap();
            assert!(all_finite(&s.base));
            for e in &s.effects {
                assert!(e.base_value.is_finite() && e.low_value.is_finite());
                assert!(e.high_value.is_finite());
                assert!(all_finite(&e.low) && all_finite(&e.high));
            }
        }
    }
}

// ---- The tornado chart ----

fn svg_of(draw: impl FnOnce(&DrawingArea<SVGBackend, plotters::coord::Shift>)) -> String {
    support::svg::svg((800, 420), draw)
}

fn tornado(s: &Sensitivity, metric: Metric, settings: &SensitivitySettings) -> String {
    let svg =
        svg_of(|area| draw_tornado(area, s, metric, settings, &ChartStyle::default()).unwrap());
    assert!(!svg.contains("NaN") && !svg.contains("inf"), "{svg}");
    svg
}

#[test]
fn tornado_shows_levers_changes_and_title() {
    let s = sensitivity(&Scenario::default(), &relative()).unwrap();
    let svg = tornado(&s, Metric::Revenue, &relative());
    for text in [
        "Effect of ±10 % on revenue",
        "Base €1,350,000",
        "Visitors volume",
        "Visitors → Leads rate",
        "Average basket",
        "Gross margin",
        "+€135,000",
        "-€135,000",
        "Step down",
        "Step up",
    ] {
        assert!(svg.contains(text), "missing {text}");
    }
    // Two bars per moving lever (7 levers move revenue), plus the two legend keys.
    assert!(svg.matches("<rect").count() >= 7 * 2 + 2);

    let customers = tornado(&s, Metric::Customers, &relative());
    assert!(customers.contains("+9") && customers.contains("-9"));
    let roi = tornado(&s, Metric::RoiRevenue, &relative());
    // 395 % − 350 % = +45 points for the volume.
    assert!(roi.contains("+45 pts"), "{roi}");
    let cac = tornado(&s, Metric::Cac, &relative());
    // Spend +10 %: CAC 3,666.67 − 3,333.33 = +€333 (whole euros above €100).
    assert!(cac.contains("+€333"), "{cac}");
}

#[test]
fn tornado_rows_follow_the_ranking() {
    let s = sensitivity(&Scenario::default(), &relative()).unwrap();
    let svg = tornado(&s, Metric::RoiRevenue, &relative());
    let at = |text: &str| svg.find(text).unwrap_or_else(|| panic!("missing {text}"));
    // Spend ranks first on ROI, margin last.
    assert!(at("Marketing spend") < at("Visitors volume"));
    assert!(at("Visitors volume") < at("Gross margin"));
}

#[test]
fn tornado_in_points_mode_writes_na_for_undefined_values() {
    let s = sensitivity(&Scenario::default(), &points()).unwrap();
    let svg = tornado(&s, Metric::Cac, &points());
    assert!(svg.contains("±10 points"));
    // Visitors → Leads at 0 % leaves no customer: CAC is undefined on that side.
    assert!(svg.contains("n/a"));
}

#[test]
fn tornado_survives_no_levers_and_zero_swings() {
    let mut zero_top = Scenario::default();
    zero_top.stages[0].value = 0.0;
    let s = sensitivity(&zero_top, &relative()).unwrap();
    let svg = tornado(&s, Metric::Revenue, &relative());
    assert!(svg.contains("no lever changes revenue"), "{svg}");
    let svg = tornado(&s, Metric::Cac, &relative());
    assert!(svg.contains("Base n/a"));

    let empty = Sensitivity {
        effects: vec![],
        ..s
    };
    let svg = tornado(&empty, Metric::Revenue, &relative());
    assert!(svg.contains("Effect of ±10 % on revenue"));
}

#[test]
fn tornado_text_scales_with_hidpi() {
    let s = sensitivity(&Scenario::default(), &relative()).unwrap();
    let sizes = |scale: f64| -> Vec<f64> {
        let svg = svg_of(|area| {
            draw_tornado(
                area,
                &s,
                Metric::Revenue,
                &relative(),
                &ChartStyle { scale },
            )
            .unwrap()
        });
        svg.split("font-size=\"")
            .skip(1)
            .filter_map(|rest| rest.split('"').next()?.parse().ok())
            .collect()
    };
    let (normal, hidpi) = (sizes(1.0), sizes(2.0));
    assert_eq!(normal.len(), hidpi.len());
    for (n, h) in normal.iter().zip(&hidpi) {
        assert!((h / n - 2.0).abs() < 1e-9);
    }
}

#[test]
fn tornado_shortens_long_labels_on_narrow_charts() {
    let s = sensitivity(&Scenario::default(), &relative()).unwrap();
    let svg = support::svg::svg((420, 360), |area| {
        draw_tornado(
            area,
            &s,
            Metric::Revenue,
            &relative(),
            &ChartStyle::default(),
        )
        .unwrap();
    });
    assert!(svg.contains("Opportunities →"));
    assert!(svg.contains('…'));
    assert!(svg.contains("Visitors volume"), "short labels stay whole");
}
