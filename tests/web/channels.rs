//! The Channels panel in the browser: starting a plan by channel moves no number, a typed
//! cell updates the funnel above, bad input gets its message next to the cell, and the best
//! split applied shows in the spends and the KPIs, with Undo.

use wasm_bindgen_test::wasm_bindgen_test;

use wasm_bindgen::JsCast;

use crate::support::{
    assert_no_nan, choose, click, exists, find, kpi, mount, type_into, wait_until,
};

#[wasm_bindgen_test]
async fn the_channels_panel_plans_the_spend_and_applies_the_best_split() {
    let root = mount().await;
    click(&root, "#channels-start").await;
    wait_until("the channels table", || exists(&root, "#ch-name-0")).await;
    // One channel brings the funnel's own 120,000 visitors at 300,000 €: no number moves.
    assert_eq!(kpi(&root, "customers"), "90");
    assert!(exists(&root, "#top-from-channels") && !exists(&root, "#field-top"));

    // Half the spend at the same cost per visit: half the customers.
    type_into(&root, "ch-spend-0", "150000").await;
    assert_eq!(kpi(&root, "customers"), "45");
    // Bad input: the message next to the cell, the last good mix kept.
    type_into(&root, "ch-spend-0", "-3").await;
    assert!(exists(&root, "#ch-spend-0-error"));
    assert_eq!(
        find(&root, "#ch-spend-0")
            .get_attribute("aria-invalid")
            .as_deref(),
        Some("true")
    );
    assert_eq!(kpi(&root, "customers"), "45");
    type_into(&root, "ch-spend-0", "150000").await;
    assert!(!exists(&root, "#ch-spend-0-error"));

    // A second channel, saturating: the best split moves money to it.
    click(&root, "#ch-add").await;
    type_into(&root, "ch-name-1", "Content").await;
    choose(&root, "ch-curve-1", "saturating").await;
    type_into(&root, "ch-curve-a-1", "60000").await;
    type_into(&root, "ch-curve-b-1", "50000").await;
    type_into(&root, "ch-spend-1", "10000").await;
    let before = kpi(&root, "customers").parse::<f64>().unwrap();
    let gain = kpi(&root, "best_gain").parse::<f64>().unwrap();
    assert!(gain > 0.0, "the best split gains {gain}");
    click(&root, "#ch-apply").await;
    let after = kpi(&root, "customers").parse::<f64>().unwrap();
    assert!(
        (after - before - gain).abs() < 1e-6,
        "{before} + {gain} ≠ {after}"
    );
    // Undo puts the spends back.
    click(&root, "#notice-undo").await;
    assert!((kpi(&root, "customers").parse::<f64>().unwrap() - before).abs() < 1e-9);
    // The order of the rows follows the arrows.
    click(&root, "#ch-up-1").await;
    assert_eq!(
        find(&root, "#ch-name-0")
            .dyn_ref::<web_sys::HtmlInputElement>()
            .unwrap()
            .value(),
        "Content"
    );
    choose(&root, "ch-entry", "leads").await;
    assert_eq!(kpi(&root, "stage_count_0"), "");
    assert_no_nan(&root);
    // Stopping gives the funnel its own numbers back.
    click(&root, "#ch-stop").await;
    assert_eq!(kpi(&root, "customers"), "90");
    assert!(exists(&root, "#field-top"));
}

#[wasm_bindgen_test]
async fn a_first_visit_shows_the_example_s_five_channels() {
    let root = crate::support::mount_example().await;
    wait_until("the channels table", || exists(&root, "#ch-name-4")).await;
    let customers: f64 = kpi(&root, "customers").parse().unwrap();
    assert!((customers - 90.0).abs() < 1e-9, "{customers}");
    assert_eq!(kpi(&root, "spend"), "300000");
    assert!(exists(&root, "canvas[data-chart=\"channel-mix\"]"));
    assert_no_nan(&root);
}
