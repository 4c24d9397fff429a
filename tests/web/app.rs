//! Browser tests (wasm-bindgen-test in headless Chromium): the app mounts, shows the
//! default KPIs, an edit updates them, bad input shows a message and keeps the result,
//! and both charts are drawn on their canvas.

use crate::support::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

#[wasm_bindgen_test]
async fn a_shared_link_opens_its_scenario_and_a_bad_one_says_so() {
    let root = mount().await;
    type_into(&root, "field-top", "240000").await;
    let search = || gloo::utils::window().location().search().unwrap();
    wait_until("the address to follow the edit", || {
        search().contains("stage=Visitors:240000")
    })
    .await;
    let query = search();
    // A second app opened on that address shows the same numbers.
    let second = mount_at(&query).await;
    assert_eq!(kpi(&second, "customers"), "180");
    assert!(!exists(&second, "#url-message"));
    // A future version is refused with a message and the default scenario.
    let third = mount_at("?v=9&basket=1").await;
    assert!(text(&third, "#url-message").contains("v=9"));
    assert_eq!(kpi(&third, "customers"), "90");
}

#[wasm_bindgen_test]
async fn mounts_with_the_default_scenario() {
    let root = mount().await;
    assert_eq!(kpi(&root, "customers"), "90");
    assert_eq!(kpi(&root, "revenue"), "1350000");
    assert_eq!(kpi(&root, "cost_per_stage_1"), "100");
    assert_eq!(kpi(&root, "required_stage_0"), "178800");
    assert_eq!(kpi(&root, "required_spend"), "447000");
    assert!(!root.text_content().unwrap_or_default().contains("NaN"));
}

#[wasm_bindgen_test]
async fn an_edit_updates_the_kpis() {
    let root = mount().await;
    type_into(&root, "field-top", "60000").await;
    assert_eq!(kpi(&root, "customers"), "45");
    assert_eq!(kpi(&root, "stage_count_1"), "1500");
    type_into(&root, "field-stage-rate-5", "50").await;
    assert_eq!(kpi(&root, "customers"), "90");
}

#[wasm_bindgen_test]
async fn bad_input_shows_a_message_and_keeps_the_last_result() {
    let root = mount().await;
    for text in ["-5", "abc", "", "1e308"] {
        type_into(&root, "field-basket", text).await;
        let message = root.query_selector("#field-basket-error").unwrap();
        assert!(message.is_some(), "no message for {text:?}");
        assert_eq!(kpi(&root, "revenue"), "1350000");
        let input = root.query_selector("#field-basket").unwrap().unwrap();
        assert_eq!(input.get_attribute("aria-invalid").as_deref(), Some("true"));
    }
    type_into(&root, "field-basket", "20000").await;
    assert!(root
        .query_selector("#field-basket-error")
        .unwrap()
        .is_none());
    assert_eq!(kpi(&root, "revenue"), "1800000");
}

#[wasm_bindgen_test]
async fn both_charts_are_drawn_on_canvas() {
    let root = mount().await;
    for chart in ["funnel", "gap"] {
        let canvas = canvas(&root, chart);
        let draws: u32 = canvas
            .get_attribute("data-draws")
            .unwrap_or_default()
            .parse()
            .unwrap_or(0);
        assert!(draws >= 1, "{chart} not drawn");
        assert!(
            canvas.width() >= 300,
            "{chart} canvas is {} px wide",
            canvas.width()
        );
        assert!(inked_pixels(&canvas) > 2_000, "{chart} looks blank");
    }
    let before: u32 = canvas(&root, "funnel")
        .get_attribute("data-draws")
        .unwrap()
        .parse()
        .unwrap();
    type_into(&root, "field-stage-rate-1", "5").await;
    let after: u32 = canvas(&root, "funnel")
        .get_attribute("data-draws")
        .unwrap()
        .parse()
        .unwrap();
    assert!(after > before, "funnel not redrawn after an edit");
}

#[wasm_bindgen_test]
async fn a_preset_shows_markers_and_names_the_stage_furthest_below_its_benchmark() {
    let baseline =
        funnelsim::model::persist::scenario_link::encode(&funnelsim::model::Scenario::default());
    let root = mount_at(&format!("?{baseline}&lang=en")).await;
    // The baseline compares with no segment: no marker, and the results say why.
    assert!(!exists(&root, "#benchmark-1"));
    assert_eq!(kpi(&root, "weakest_stage"), "");
    assert!(text(&root, "#largest-drop").starts_with("Stage to fix first: choose"));

    choose(&root, "field-segment", "b2b_saas").await;
    click(&root, "#start-preset").await;
    // The preset's stages at the B2B SaaS medians, each beside its marker.
    let rate = |i: usize| {
        find(&root, &format!("#field-stage-rate-{i}"))
            .dyn_into::<web_sys::HtmlInputElement>()
            .unwrap()
            .value()
    };
    assert_eq!(rate(2), "20");
    assert_eq!(
        text(&root, "#benchmark-2"),
        "Within the B2B SaaS band (10 % – 30 %), near the median (20 %)"
    );
    assert!(text(&root, "#largest-drop").starts_with("Every benchmarked step is at or above"));
    assert_eq!(kpi(&root, "weakest_stage"), "");

    // MQL → SQL typed under its low: the marker says so and it is the stage to fix first,
    // although visitors → leads (2 %) is the lowest rate.
    type_into(&root, "field-stage-rate-3", "20").await;
    assert_eq!(text(&root, "#benchmark-3"), "Below the B2B SaaS low (25 %)");
    assert_eq!(
        find(&root, "#benchmark-3")
            .get_attribute("data-position")
            .as_deref(),
        Some("below_low")
    );
    assert_eq!(kpi(&root, "weakest_stage"), "3");
    // The marker describes its field for screen readers.
    let described = find(&root, "#field-stage-rate-3").get_attribute("aria-describedby");
    assert!(described.is_some_and(|ids| ids.split(' ').any(|id| id == "benchmark-3")));
    assert!(
        text(&root, "#largest-drop")
            .contains("MQL → SQL at 20 %, 50 % under the B2B SaaS median of 40 %"),
        "{}",
        text(&root, "#largest-drop")
    );
    // The segment is in the address, so a shared link shows the same markers.
    let search = || gloo::utils::window().location().search().unwrap();
    wait_until("the address to carry the segment", || {
        search().contains("segment=b2b_saas")
    })
    .await;
    assert_no_nan(&root);
}
