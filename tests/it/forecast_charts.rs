//! The forecast charts drawn to SVG: titles carry the figures (break-even month, customers
//! won), every month and stage is drawn, nothing written is NaN or infinite, and empty or
//! tiny charts say so instead of failing.

use crate::support;
use funnelsim::charts::{
    draw_forecast_cash, draw_forecast_customers, draw_forecast_volumes, money_axis, ChartStyle,
};
use funnelsim::model::forecast::projection::{project, Projection};
use funnelsim::model::Scenario;

use support::forecast::two_years;

/// Draws `result` with `$draw` at `$size` into an SVG string, checked for NaN and inf.
macro_rules! svg {
    ($draw:expr, $result:expr, $size:expr) => {{
        support::svg::finite_svg($size, |area| {
            $draw(area, $result, &ChartStyle::default()).expect("drawn");
        })
    }};
}

#[test]
fn the_cash_chart_names_the_break_even_month() {
    let result = two_years();
    let month = result
        .break_even_month
        .expect("the default scenario breaks even");
    let drawn = svg!(draw_forecast_cash, &result, (820, 380));
    assert!(drawn.contains(&format!("break-even in month {month}")));
    assert!(drawn.contains(&format!("Break-even, month {month}")));
    for label in ["Revenue", "Gross margin", "Marketing spend", "Month"] {
        assert!(drawn.contains(label), "{label}");
    }
    // Spend and no revenue at all: no break-even, said in the title.
    let scenario = Scenario {
        basket: 0.0,
        ..Scenario::default()
    };
    let never = project(&scenario, &Projection::suggested(&scenario));
    assert!(
        svg!(draw_forecast_cash, &never, (820, 380)).contains("no break-even within the horizon")
    );
}

#[test]
fn the_volume_chart_stacks_every_stage_after_the_top() {
    let result = two_years();
    let drawn = svg!(draw_forecast_volumes, &result, (820, 380));
    assert!(
        drawn.contains("10,000 visitors a month on average"),
        "120,000 a year"
    );
    for stage in ["Leads", "MQL", "SQL", "Opportunities", "Customers"] {
        assert!(drawn.contains(stage), "{stage}");
    }
    // 24 months × 5 stacked stages.
    assert!(drawn.matches("<rect").count() >= 24 * 5);
}

#[test]
fn the_customer_chart_titles_its_totals_and_small_areas_do_not_fail() {
    let result = two_years();
    let drawn = svg!(draw_forecast_customers, &result, (820, 380));
    assert!(drawn.contains(&format!(
        "{} won",
        funnelsim::model::format::count(result.customers_won)
    )));
    for size in [(90, 60), (1, 1)] {
        svg!(draw_forecast_cash, &result, size);
        svg!(draw_forecast_customers, &result, size);
        svg!(draw_forecast_volumes, &result, size);
    }
}

#[test]
fn axis_amounts_are_short() {
    assert_eq!(money_axis(950.0), "€950");
    assert_eq!(money_axis(350_000.0), "€350k");
    assert_eq!(money_axis(1_260_000.0), "€1.3M");
    assert_eq!(money_axis(f64::NAN), "€0");
}

fn uncertain_two_years(trials: u32) -> Scenario {
    let mut scenario = Scenario::default();
    scenario.projection = Some(std::sync::Arc::new(Projection::suggested(&scenario)));
    let mut uncertainty = funnelsim::model::forecast::edit::starting_uncertainty(&scenario);
    uncertainty.trials = trials;
    scenario.uncertainty = Some(std::sync::Arc::new(uncertainty));
    scenario
}

#[test]
fn the_fan_and_the_histogram_draw_the_trials() {
    use funnelsim::charts::{draw_forecast_fan, draw_forecast_histogram};
    use funnelsim::model::forecast::monte_carlo::{simulate, MonteCarlo};
    let scenario = uncertain_two_years(2_000);
    let summary = simulate(&scenario).expect("valid set-up");
    let projection = funnelsim::model::forecast::projection::project_scenario(&scenario).unwrap();
    let fan = |summary: &funnelsim::model::forecast::monte_carlo::Summary| {
        support::svg::finite_svg((820, 380), |area| {
            draw_forecast_fan(area, summary, &projection, &ChartStyle::default()).unwrap();
        })
    };
    let histogram = |summary: &funnelsim::model::forecast::monte_carlo::Summary| {
        support::svg::finite_svg((820, 380), |area| {
            draw_forecast_histogram(area, summary, "year", &ChartStyle::default()).unwrap();
        })
    };
    let drawn = fan(&summary);
    for label in ["P10–P90", "P50", "Without uncertainty", "Marketing spend"] {
        assert!(drawn.contains(label), "{label}");
    }
    let drawn = histogram(&summary);
    let probability = summary.target_probability.unwrap();
    assert!(drawn.contains(&format!(
        "over 2,000 trials: {} reach the target",
        funnelsim::model::format::percent(probability)
    )));
    assert!(drawn.matches("<rect").count() >= 30, "a bar per bin");
    // Before the first trial: said, not drawn.
    let nothing = MonteCarlo::new(&scenario).unwrap().summary();
    assert!(fan(&nothing).contains("No trials yet"));
    assert!(histogram(&nothing).contains("No trials yet"));
    // Every trial the same (no spread): one bar, still finite.
    let mut certain = scenario.clone();
    certain.uncertainty = Some(std::sync::Arc::new(
        funnelsim::model::forecast::uncertainty::Uncertainty {
            trials: 50,
            ..Default::default()
        },
    ));
    histogram(&simulate(&certain).unwrap());
}
