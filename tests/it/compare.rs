//! Scenario comparison: deltas worked by hand, undefined baselines, scenarios with different
//! stage counts, the variant limit, formatting, and the comparison chart drawn on SVG.

use crate::support;
use funnelsim::charts::{draw_comparison, ChartStyle};
use funnelsim::model::workbench::compare::{
    compare, format_value, CompareError, Comparison, Delta, Section, ValueKind, MAX_VARIANTS,
};
use funnelsim::model::{NamedScenario, Scenario, Stage};

fn named(name: &str, scenario: Scenario) -> NamedScenario {
    NamedScenario {
        name: name.to_owned(),
        scenario,
    }
}

fn doubled_visitors() -> Scenario {
    let mut s = Scenario::default();
    s.stages[0].value = 240_000.0;
    s
}

fn no_spend() -> Scenario {
    Scenario {
        spend: 0.0,
        ..Scenario::default()
    }
}

fn row<'a>(
    c: &'a Comparison,
    key: &str,
) -> &'a funnelsim::model::workbench::compare::ComparisonRow {
    c.row(key).unwrap_or_else(|| panic!("no row {key}"))
}

#[test]
fn doubling_visitors_doubles_customers_and_halves_cac() {
    let c = compare(&[
        named("Baseline", Scenario::default()),
        named("2× visitors", doubled_visitors()),
    ])
    .unwrap();
    assert_eq!(c.names, ["Baseline", "2× visitors"]);
    assert_eq!(c.analyses.len(), 2);

    // 120,000 × 2.5 % × 40 % × 50 % × 60 % × 25 % = 90 customers; doubled: 180.
    let customers = row(&c, "result.customers");
    assert_eq!(customers.section, Section::Result);
    assert_eq!(customers.kind, ValueKind::Count);
    assert_eq!(customers.values.len(), 2);
    assert!((customers.values[0].unwrap() - 90.0).abs() < 1e-9);
    assert!((customers.values[1].unwrap() - 180.0).abs() < 1e-9);
    let d = customers.deltas[0];
    assert!((d.abs.unwrap() - 90.0).abs() < 1e-9);
    assert!((d.pct.unwrap() - 100.0).abs() < 1e-9);
    assert_eq!(d.format(ValueKind::Count), "+90 (+100 %)");

    // CAC: 300,000 / 90 = 3,333.33 → 300,000 / 180 = 1,666.67: −1,666.67 (−50 %).
    let cac = row(&c, "result.cac");
    assert_eq!(cac.kind, ValueKind::Money);
    let d = cac.deltas[0];
    assert!((d.abs.unwrap() + 1_666.666_666_666_7).abs() < 1e-6);
    assert!((d.pct.unwrap() + 50.0).abs() < 1e-9);
    assert_eq!(d.format(ValueKind::Money), "-€1,667 (-50 %)");

    // Revenue doubles: 1,350,000 → 2,700,000.
    let revenue = row(&c, "result.revenue");
    assert_eq!(
        revenue.deltas[0].format(ValueKind::Money),
        "+€1,350,000 (+100 %)"
    );
    // ROI on revenue: (1.35M − 0.3M)/0.3M = 350 % → (2.7M − 0.3M)/0.3M = 800 %: +450 pp (+128.6 %).
    let roi = row(&c, "result.roi_revenue");
    assert_eq!(roi.kind, ValueKind::Percent);
    assert_eq!(
        roi.deltas[0].format(ValueKind::Percent),
        "+450 pp (+128.6 %)"
    );
    assert_eq!(format_value(roi.values[1], roi.kind), "800 %");

    // Inputs: only the top volume changed.
    let top = row(&c, "input.top");
    assert_eq!(top.section, Section::Input);
    assert_eq!(top.label, "Visitors volume");
    assert_eq!(top.deltas[0].format(ValueKind::Count), "+120,000 (+100 %)");
    let basket = row(&c, "input.basket");
    assert_eq!(
        basket.deltas[0],
        Delta {
            abs: Some(0.0),
            pct: Some(0.0)
        }
    );
    assert_eq!(basket.deltas[0].format(ValueKind::Money), "€0 (0 %)");
    let rate = row(&c, "input.stage_rate_2");
    assert_eq!(rate.label, "Leads → MQL rate");
    assert_eq!(rate.kind, ValueKind::RatePct);
    assert_eq!(format_value(rate.values[0], rate.kind), "40 %");

    // Stage counts and costs, labelled with the baseline's names.
    assert_eq!(row(&c, "result.stage_count_1").label, "Leads");
    assert_eq!(row(&c, "result.stage_count_1").values[1], Some(6000.0));
    assert_eq!(row(&c, "result.stage_cost_1").label, "Cost per lead");
    assert_eq!(row(&c, "result.stage_cost_1").values[0], Some(100.0));
    // The reverse funnel does not depend on the volume.
    assert_eq!(row(&c, "result.required_top").values, [Some(178_800.0); 2]);
    assert_eq!(row(&c, "result.required_top").deltas[0].pct, Some(0.0));
}

#[test]
fn every_input_and_kpi_has_a_row() {
    let c = compare(&[named("Baseline", Scenario::default())]).unwrap();
    for key in [
        "input.top",
        "input.stage_rate_1",
        "input.stage_rate_5",
        "input.basket",
        "input.ltv",
        "input.purchases",
        "input.lifetime",
        "input.margin",
        "input.spend",
        "input.target",
        "result.customers",
        "result.revenue",
        "result.spend",
        "result.gross_margin",
        "result.cac",
        "result.roi_revenue",
        "result.roi_margin",
        "result.ltv",
        "result.cohort_ltv",
        "result.ltv_cac",
        "result.payback_months",
        "result.lead_value",
        "result.overall_conversion",
        "result.stage_count_0",
        "result.stage_count_5",
        "result.stage_cost_1",
        "result.stage_cost_5",
        "result.required_top",
        "result.required_spend",
    ] {
        let r = row(&c, key);
        assert_eq!(r.values.len(), 1, "{key}");
        assert!(r.deltas.is_empty(), "{key}");
    }
    assert!(c.row("input.stage_rate_0").is_none());
    assert!(c.row("result.stage_cost_0").is_none());
    assert!(c.row("result.stage_count_6").is_none());
    // Keys are unique.
    let mut keys: Vec<&str> = c.rows.iter().map(|r| r.key.as_str()).collect();
    keys.sort_unstable();
    keys.dedup();
    assert_eq!(keys.len(), c.rows.len());
    // LTV used: derived 15,000 × 1 × 4 × 70 % = 42,000.
    assert_eq!(row(&c, "input.ltv").values[0], Some(42_000.0));
    assert_eq!(
        format_value(row(&c, "result.ltv_cac").values[0], ValueKind::Ratio),
        "12.6 : 1"
    );
}

#[test]
fn a_zero_or_undefined_baseline_has_no_percentage_change() {
    let zero = no_spend();
    let c = compare(&[
        named("No spend", zero),
        named("Baseline", Scenario::default()),
    ])
    .unwrap();
    // Spend 0 → 300,000: +300,000, no percentage.
    let spend = row(&c, "result.spend").deltas[0];
    assert_eq!(spend.abs, Some(300_000.0));
    assert_eq!(spend.pct, None);
    assert_eq!(spend.format(ValueKind::Money), "+€300,000");
    // ROI with zero spend is undefined: no change at all.
    let roi = row(&c, "result.roi_revenue");
    assert_eq!(roi.values[0], None);
    assert_eq!(
        roi.deltas[0],
        Delta {
            abs: None,
            pct: None
        }
    );
    assert_eq!(roi.deltas[0].format(ValueKind::Percent), "n/a");
    assert_eq!(format_value(roi.values[0], roi.kind), "n/a");
    // CAC with zero spend is 0 (defined): going to 3,333 has no percentage.
    let cac = row(&c, "result.cac").deltas[0];
    assert_eq!(cac.pct, None);
    assert!(cac.abs.is_some());
}

#[test]
fn a_negative_baseline_change_is_signed_by_direction() {
    assert_eq!(
        Delta::between(Some(-0.5), Some(0.5)),
        Delta {
            abs: Some(1.0),
            pct: Some(200.0)
        }
    );
    assert_eq!(Delta::between(Some(2.0), None), Delta::default());
    assert_eq!(Delta::between(None, Some(2.0)), Delta::default());
}

#[test]
fn scenarios_with_different_stage_counts_align_by_index() {
    let short = Scenario {
        stages: vec![
            Stage::new("Visitors", 50_000.0),
            Stage::new("Leads", 3.0),
            Stage::new("Customers", 2.0),
        ],
        ..Scenario::default()
    };
    let c = compare(&[
        named("Short", short.clone()),
        named("Default", Scenario::default()),
    ])
    .unwrap();
    assert_eq!(c.stage_count(), 6);
    // Stage 2 is labelled by the baseline; stages 3..5 by the first scenario that has them.
    assert_eq!(row(&c, "result.stage_count_2").label, "Customers");
    assert_eq!(row(&c, "result.stage_count_5").label, "Customers");
    assert_eq!(row(&c, "result.stage_count_4").label, "Opportunities");
    assert_eq!(
        row(&c, "input.stage_rate_4").label,
        "SQL → Opportunities rate"
    );
    let rate = row(&c, "input.stage_rate_4");
    assert_eq!(rate.values, [None, Some(60.0)]);
    assert_eq!(rate.deltas[0], Delta::default());
    assert_eq!(row(&c, "result.stage_cost_5").values[0], None);
    // 50,000 × 3 % × 2 % = 30 customers.
    assert!((row(&c, "result.customers").values[0].unwrap() - 30.0).abs() < 1e-9);

    // The other way round: the variant lacks stages.
    let c = compare(&[named("Default", Scenario::default()), named("Short", short)]).unwrap();
    assert_eq!(row(&c, "result.stage_count_3").values[1], None);
    assert_eq!(row(&c, "result.stage_count_3").label, "SQL");
}

#[test]
fn the_set_must_hold_one_to_five_scenarios() {
    assert_eq!(compare(&[]), Err(CompareError::Empty));
    let five: Vec<NamedScenario> = (0..=MAX_VARIANTS)
        .map(|i| named(&format!("S{i}"), Scenario::default()))
        .collect();
    assert_eq!(compare(&five).unwrap().rows[0].deltas.len(), MAX_VARIANTS);
    let six: Vec<NamedScenario> = (0..=MAX_VARIANTS + 1)
        .map(|i| named(&format!("S{i}"), Scenario::default()))
        .collect();
    let err = compare(&six).unwrap_err();
    assert_eq!(err, CompareError::TooManyVariants(5));
    assert_eq!(
        err.to_string(),
        "5 variants were chosen; a baseline can be compared with at most 4 variants at once."
    );
    assert!(!CompareError::Empty.to_string().is_empty());
}

#[test]
fn values_format_by_kind() {
    assert_eq!(format_value(Some(1234.6), ValueKind::Count), "1,235");
    assert_eq!(format_value(Some(42.5), ValueKind::Money), "€42.50");
    assert_eq!(format_value(Some(0.025), ValueKind::Percent), "2.5 %");
    assert_eq!(format_value(Some(2.5), ValueKind::RatePct), "2.5 %");
    assert_eq!(format_value(Some(3.84), ValueKind::Months), "3.8 months");
    assert_eq!(format_value(Some(4.0), ValueKind::Years), "4 years");
    assert_eq!(format_value(Some(1.5), ValueKind::PerYear), "1.5 per year");
    assert_eq!(format_value(Some(f64::NAN), ValueKind::Count), "n/a");
    assert_eq!(format_value(None, ValueKind::Money), "n/a");
    let d = Delta::between(Some(40.0), Some(30.0));
    assert_eq!(d.format(ValueKind::RatePct), "-10 pp (-25 %)");
    assert_eq!(
        Delta::between(Some(8000.0), Some(9234.0)).format(ValueKind::Count),
        "+1,234 (+15.4 %)"
    );
}

#[test]
fn no_value_or_delta_is_ever_nan_or_infinite() {
    let mut extreme = Scenario::default();
    extreme.stages[0].value = 1e12;
    extreme.basket = 1e12;
    extreme.spend = 0.0;
    let mut empty = Scenario::default();
    empty.stages[1].value = 0.0;
    empty.basket = 0.0;
    let c = compare(&[
        named("Empty", empty),
        named("Extreme", extreme),
        named("Default", Scenario::default()),
    ])
    .unwrap();
    for r in &c.rows {
        for v in r.values.iter().flatten() {
            assert!(v.is_finite(), "{}", r.key);
        }
        for d in &r.deltas {
            assert!(d.abs.is_none_or(f64::is_finite), "{}", r.key);
            assert!(d.pct.is_none_or(f64::is_finite), "{}", r.key);
            let text = d.format(r.kind);
            assert!(!text.contains("NaN") && !text.contains("inf"), "{text}");
        }
    }
}

fn svg_of(c: &Comparison, size: (u32, u32)) -> String {
    support::svg::svg(size, |area| {
        draw_comparison(area, c, &ChartStyle::default()).unwrap();
    })
}

#[test]
fn chart_shows_names_stages_values_and_relative_kpis() {
    let c = compare(&[
        named("Baseline", Scenario::default()),
        named("Twice the visitors", doubled_visitors()),
    ])
    .unwrap();
    let svg = svg_of(&c, (900, 900));
    for text in [
        "Baseline (baseline)",
        "Twice the visitors",
        "Visitors",
        "Opportunities",
        "Customers",
        "120,000",
        "240,000",
        "Revenue",
        "CAC",
        "ROI on revenue",
        "€1,350,000 (100 %)",
        "€2,700,000 (200 %)",
        "€1,667 (50 %)",
        "relative to Baseline",
    ] {
        assert!(svg.contains(text), "missing {text}");
    }
    assert!(!svg.contains("NaN") && !svg.contains("inf"));
}

#[test]
fn chart_handles_missing_stages_undefined_values_and_one_scenario() {
    let mut short = no_spend();
    short.stages.truncate(3);
    let c = compare(&[
        named("Default", Scenario::default()),
        named("Three stages, no spend", short),
    ])
    .unwrap();
    let svg = svg_of(&c, (900, 900));
    // The short variant has no SQL stage, and ROI is undefined without spend.
    assert!(svg.contains("n/a"));
    assert!(svg.contains("SQL"));
    assert!(!svg.contains("NaN") && !svg.contains("inf"));

    // A baseline with undefined ROI: every relative value reads n/a.
    let zero = no_spend();
    let c = compare(&[named("Zero", zero), named("Default", Scenario::default())]).unwrap();
    let svg = svg_of(&c, (900, 900));
    assert!(svg.contains("n/a (n/a)"));
    assert!(svg.contains("350 % (n/a)"));

    let c = compare(&[named("Alone", Scenario::default())]).unwrap();
    let svg = svg_of(&c, (640, 480));
    assert!(svg.contains("Alone (baseline)"));
    assert!(svg.contains("€3,333 (100 %)"));
    assert!(!svg.contains("NaN") && !svg.contains("inf"));

    // Five scenarios of twelve stages in a small canvas still draw.
    let many = Scenario {
        stages: (0..12)
            .map(|i| Stage::new(&format!("Stage {i}"), if i == 0 { 1000.0 } else { 90.0 }))
            .collect(),
        ..Scenario::default()
    };
    let set: Vec<NamedScenario> = (0..5)
        .map(|i| {
            named(
                &format!("Scenario number {i} with a long name"),
                many.clone(),
            )
        })
        .collect();
    let svg = svg_of(&compare(&set).unwrap(), (480, 300));
    assert!(svg.contains("Stage 11"));
    assert!(!svg.contains("NaN") && !svg.contains("inf"));
}

#[test]
fn chart_of_an_empty_comparison_says_so() {
    let c = Comparison {
        names: Vec::new(),
        rows: Vec::new(),
        analyses: Vec::new(),
    };
    assert!(svg_of(&c, (400, 300)).contains("No stages"));
}

/// Planned by channel, the comparison lists every channel's spend and cost per unit (matched
/// by name between the scenarios; n/a where a scenario lacks it) and its customers, and the
/// top count is the channels'.
#[test]
fn a_comparison_of_mixes_lists_every_channel() {
    use std::sync::Arc;
    let example = Scenario::example();
    let mut more_ads = example.clone();
    let mix = Arc::make_mut(more_ads.channels.as_mut().unwrap());
    mix.channels[3].spend = 150_000.0;
    mix.channels.remove(0);
    let set = vec![
        NamedScenario {
            name: "Example".into(),
            scenario: example,
        },
        NamedScenario {
            name: "More ads".into(),
            scenario: more_ads,
        },
        NamedScenario {
            name: "Plain".into(),
            scenario: Scenario::default(),
        },
    ];
    let c = compare(&set).unwrap();
    let paid = c.row("input.channel_spend_3").unwrap();
    assert_eq!(paid.label, "Paid ads: spend");
    assert_eq!(paid.values, [Some(125_000.0), Some(150_000.0), None]);
    let organic = c.row("input.channel_spend_0").unwrap();
    assert_eq!(organic.values, [Some(30_000.0), None, None]);
    // Organic search is a fixed count: no cost per unit row; paid ads at 5 € a visit.
    assert!(c.row("input.channel_cost_0").is_none());
    assert_eq!(c.row("input.channel_cost_3").unwrap().values[0], Some(5.0));
    // 25,000 more € at 5 € a visit and quality 0.6: 5,000 visits × 1.5 % × 3 % = 2.25 customers.
    let customers = c.row("result.channel_customers_3").unwrap();
    let gain = customers.values[1].unwrap() - customers.values[0].unwrap();
    assert!((gain - 2.25).abs() < 1e-9, "{gain}");
    let top = c.row("input.top").unwrap();
    assert!((top.values[0].unwrap() - 120_000.0).abs() < 1e-6);
    assert!((top.values[1].unwrap() - 75_000.0).abs() < 1e-6);
}
