//! The Capacity panel in the browser: a team planned for today's funnel leaves nothing
//! unworked, too few SDRs show the bottleneck with the customers and revenue lost, a bad
//! headcount keeps the last good team with its message, and the chart is drawn.

use wasm_bindgen_test::wasm_bindgen_test;

use crate::support::{
    assert_no_nan, canvas, click, draws, exists, find, inked_pixels, kpi, mount, type_into,
    wait_until,
};

#[wasm_bindgen_test]
async fn too_few_sdrs_show_the_bottleneck_and_what_it_costs() {
    let root = mount().await;
    click(&root, "#team-start").await;
    wait_until("the team table", || exists(&root, "#tm-count-0")).await;
    assert_eq!(kpi(&root, "capacity_customers_lost"), "0");
    assert_eq!(kpi(&root, "customers"), "90");
    // The baseline's 100 MQL a month; one SDR works 100 less 4.5 % lost to ramping up
    // replacements (3 % attrition × 1.5 months): 95.5.
    type_into(&root, "tm-count-0", "1").await;
    let verdict = find(&root, "#capacity-verdict");
    assert_eq!(
        verdict.get_attribute("data-bottleneck").as_deref(),
        Some("SDRs")
    );
    assert!(verdict.class_name().contains("warning"));
    let lost: f64 = kpi(&root, "capacity_customers_lost").parse().unwrap();
    assert!((lost - 90.0 * 4.5 / 100.0).abs() < 1e-6, "{lost}");
    // Bad input: the message next to the cell, the last good team kept.
    type_into(&root, "tm-count-0", "-3").await;
    assert!(exists(&root, "#tm-count-0-error"));
    assert_eq!(
        kpi(&root, "capacity_customers_lost")
            .parse::<f64>()
            .unwrap(),
        lost
    );
    type_into(&root, "tm-count-0", "2").await;
    assert!(!exists(&root, "#tm-count-0-error"));
    assert_eq!(kpi(&root, "capacity_customers_lost"), "0");
    wait_until("the capacity chart", || draws(&root, "capacity") > 0).await;
    assert!(inked_pixels(&canvas(&root, "capacity")) > 0);
    assert_no_nan(&root);
}
