//! The chart functions, drawn natively on plotters' SVG backend: they draw every stage's
//! name and figures, flag the stage furthest below its benchmark, and survive degenerate results.

use crate::support;
use funnelsim::charts::{draw_funnel, draw_gap, log_fraction, ChartStyle};
use funnelsim::model::funnel::benchmarks::Segment;
use funnelsim::model::{analyse, Scenario};
use plotters::prelude::*;

fn svg_of(draw: impl FnOnce(&DrawingArea<SVGBackend, plotters::coord::Shift>)) -> String {
    support::svg::svg((800, 420), draw)
}

#[test]
fn funnel_chart_shows_every_stage_count_and_rate() {
    let a = analyse(&Scenario::default());
    let svg = svg_of(|area| {
        draw_funnel(
            area,
            &a.funnel,
            Scenario::default().period,
            &ChartStyle::default(),
        )
        .unwrap()
    });
    for text in [
        "Visitors",
        "120,000",
        "Leads",
        "3,000",
        "Customers",
        "90",
        "25 %",
        "60 %",
    ] {
        assert!(svg.contains(text), "missing {text}");
    }
    // No segment: no stage is flagged.
    assert!(!svg.contains("(fix first)"));
    assert!(svg.contains("per year"));
    // One bar per stage and a connector between each pair.
    assert!(svg.matches("<rect").count() >= 6);
    assert!(svg.matches("<polygon").count() >= 5);
}

#[test]
fn funnel_chart_flags_the_stage_furthest_below_its_benchmark() {
    let mut s = Scenario {
        segment: Some(Segment::B2bSaas),
        ..Scenario::default()
    };
    s.stages[2].value = 5.0;
    let a = analyse(&s);
    let svg =
        svg_of(|area| draw_funnel(area, &a.funnel, s.period, &ChartStyle::default()).unwrap());
    assert!(svg.contains("5 % (fix first)"), "{svg}");
    assert!(!svg.contains("2.5 % (fix first)"));
}

#[test]
fn gap_chart_shows_current_and_required() {
    let a = analyse(&Scenario::default());
    let svg = svg_of(|area| draw_gap(area, &a.reverse, &ChartStyle::default()).unwrap());
    for text in [
        "Current",
        "Required",
        "178,800",
        "120,000",
        "134",
        "€2,000,000",
    ] {
        assert!(svg.contains(text), "missing {text}");
    }
}

#[test]
fn unreachable_and_empty_results_still_draw() {
    let mut s = Scenario::default();
    s.stages[2].value = 0.0;
    let a = analyse(&s);
    let svg = svg_of(|area| draw_gap(area, &a.reverse, &ChartStyle::default()).unwrap());
    assert!(svg.contains("unreachable"));
    let svg =
        svg_of(|area| draw_funnel(area, &a.funnel, s.period, &ChartStyle::default()).unwrap());
    assert!(!svg.contains("NaN") && !svg.contains("inf"));
}

#[test]
fn hidpi_scale_enlarges_text() {
    let a = analyse(&Scenario::default());
    let at = |scale| {
        svg_of(|area| draw_funnel(area, &a.funnel, s_period(), &ChartStyle { scale }).unwrap())
    };
    let first_font_size = |svg: String| -> f64 {
        let start = svg.find("font-size=\"").unwrap() + "font-size=\"".len();
        let end = svg[start..].find('"').unwrap();
        svg[start..start + end].parse().unwrap()
    };
    let (normal, hidpi) = (first_font_size(at(1.0)), first_font_size(at(2.0)));
    assert!((hidpi / normal - 2.0).abs() < 1e-9, "{normal} → {hidpi}");
}

fn s_period() -> funnelsim::model::Period {
    Scenario::default().period
}

#[test]
fn log_fraction_is_bounded_and_monotonic() {
    assert_eq!(log_fraction(0.0, 100.0), 0.0);
    assert_eq!(log_fraction(100.0, 100.0), 1.0);
    assert_eq!(log_fraction(f64::NAN, 100.0), 0.0);
    assert!(log_fraction(90.0, 120_000.0) > 0.3);
    assert!(log_fraction(10.0, 1e6) < log_fraction(11.0, 1e6));
}
