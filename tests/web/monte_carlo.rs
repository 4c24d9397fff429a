//! The Monte Carlo model in headless Chromium (wasm-bindgen-test, no UI): the golden
//! forecast's summary is the one recorded natively (so a shared link gives the same figures
//! in the browser as in the native tests), and 100,000 trials with a 12-month projection run
//! in chunks of 5,000 that yield to the browser in between, streaming partial summaries.

use crate::support;

use std::sync::Arc;

use funnelsim::model::forecast::monte_carlo::{simulate, MonteCarlo};
use funnelsim::model::forecast::projection::Projection;
use funnelsim::model::forecast::uncertainty::{Spread, Uncertainty};
use funnelsim::model::Scenario;
use support::json::assert_same;
use wasm_bindgen_test::*;

const GOLDEN_SCENARIO: &str = include_str!("../golden/saas_forecast.json");
const GOLDEN_SUMMARY: &str = include_str!("../golden/forecast/saas_forecast.summary.json");

/// Resolves on the browser's next task, as a page does between chunks.
async fn next_task() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        gloo::utils::window()
            .set_timeout_with_callback(&resolve)
            .unwrap();
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

#[wasm_bindgen_test]
fn the_browser_gives_the_native_golden_summary() {
    let scenario: Scenario = serde_json::from_str(GOLDEN_SCENARIO).unwrap();
    let summary = serde_json::to_value(simulate(&scenario).unwrap()).unwrap();
    let expected: serde_json::Value = serde_json::from_str(GOLDEN_SUMMARY).unwrap();
    assert_same(&summary, &expected, "summary");
}

#[wasm_bindgen_test]
async fn a_100k_trial_run_streams_in_chunks() {
    let base = Scenario::default();
    let range = |x: f64| Spread::Range {
        low: x * 0.8,
        likely: x,
        high: (x * 1.2).min(if x <= 100.0 { 100.0 } else { f64::MAX }),
    };
    let mut uncertainty = Uncertainty {
        seed: 2026,
        trials: 100_000,
        top: Some(range(base.top_count())),
        basket: Some(range(base.basket)),
        ..Uncertainty::default()
    };
    for (i, stage) in base.stages.iter().enumerate().skip(1) {
        uncertainty.rates.insert(i, range(stage.value));
    }
    let scenario = Scenario {
        projection: Some(Arc::new(Projection {
            months: 12,
            sales_cycle_days: 60.0,
            churn_pct: 2.0,
            ..Projection::default()
        })),
        uncertainty: Some(Arc::new(uncertainty)),
        ..base
    };
    let start = js_sys::Date::now();
    let mut run = MonteCarlo::new(&scenario).unwrap();
    let mut chunks = 0;
    let mut longest_chunk = 0.0f64;
    while !run.done() {
        let chunk_start = js_sys::Date::now();
        assert_eq!(run.step(5_000), 5_000);
        let partial = run.summary();
        longest_chunk = longest_chunk.max(js_sys::Date::now() - chunk_start);
        chunks += 1;
        assert_eq!(partial.trials_done, chunks * 5_000);
        assert!(partial.revenue.p50.is_some());
        assert_eq!(partial.fan.len(), 12);
        next_task().await;
    }
    let seconds = (js_sys::Date::now() - start) / 1000.0;
    assert_eq!(chunks, 20);
    let summary = run.summary();
    assert_eq!(summary.kept_trials, 100_000);
    // The same run natively is recorded in the native tests' terms: P10 ≤ P50 ≤ P90.
    let revenue = summary.revenue;
    assert!(revenue.p10 < revenue.p50 && revenue.p50 < revenue.p90);
    console_log!(
        "100,000 trials with a 12-month projection in {seconds:.2} s ({:.0} trials/s, \
         test build), longest chunk with its summary {longest_chunk:.0} ms",
        100_000.0 / seconds
    );
}
