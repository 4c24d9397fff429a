//! Browser tests (wasm-bindgen-test in headless Chromium): the app mounts, shows the
//! default KPIs, an edit updates them, bad input shows a message and keeps the result,
//! and both charts are drawn on their canvas.
#![cfg(target_arch = "wasm32")]

use funnelsim::ui::App;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{CanvasRenderingContext2d, Element, HtmlCanvasElement, HtmlInputElement};

wasm_bindgen_test_configure!(run_in_browser);

/// Mounts a fresh app on a page address without a query (tests share one page, and each
/// app writes its scenario into the address) and waits for it to render.
async fn mount() -> Element {
    let window = gloo::utils::window();
    let path = window.location().pathname().unwrap();
    window
        .history()
        .unwrap()
        .replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&path))
        .unwrap();
    let document = gloo::utils::document();
    let root = document.create_element("div").unwrap();
    root.set_attribute("style", "width: 1100px").unwrap();
    document.body().unwrap().append_child(&root).unwrap();
    yew::Renderer::<App>::with_root(root.clone()).render();
    yew::scheduler::flush().await;
    root
}

#[wasm_bindgen_test]
async fn a_shared_link_opens_its_scenario_and_a_bad_one_says_so() {
    let root = mount().await;
    type_into(&root, "field-top", "240000").await;
    let query = gloo::utils::window().location().search().unwrap();
    assert!(query.contains("stage=Visitors:240000"), "{query}");
    // A second app opened on that address shows the same numbers.
    let document = gloo::utils::document();
    let second = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&second).unwrap();
    yew::Renderer::<App>::with_root(second.clone()).render();
    yew::scheduler::flush().await;
    assert_eq!(kpi(&second, "customers"), "180");
    assert!(second.query_selector("#url-message").unwrap().is_none());
    // A future version is refused with a message and the default scenario.
    let window = gloo::utils::window();
    let path = window.location().pathname().unwrap();
    window
        .history()
        .unwrap()
        .replace_state_with_url(
            &wasm_bindgen::JsValue::NULL,
            "",
            Some(&format!("{path}?v=9&basket=1")),
        )
        .unwrap();
    let third = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&third).unwrap();
    yew::Renderer::<App>::with_root(third.clone()).render();
    yew::scheduler::flush().await;
    let message = third
        .query_selector("#url-message")
        .unwrap()
        .expect("a URL message");
    assert!(message.text_content().unwrap().contains("v=9"));
    assert_eq!(kpi(&third, "customers"), "90");
}

fn kpi(root: &Element, name: &str) -> String {
    root.query_selector(&format!("[data-kpi=\"{name}\"]"))
        .unwrap()
        .unwrap_or_else(|| panic!("no KPI {name}"))
        .get_attribute("data-value")
        .unwrap()
}

async fn type_into(root: &Element, id: &str, text: &str) {
    let input: HtmlInputElement = root
        .query_selector(&format!("#{id}"))
        .unwrap()
        .unwrap()
        .dyn_into()
        .unwrap();
    input.set_value(text);
    let init = web_sys::InputEventInit::new();
    init.set_bubbles(true);
    let event = web_sys::InputEvent::new_with_event_init_dict("input", &init).unwrap();
    input.dispatch_event(&event).unwrap();
    yew::scheduler::flush().await;
}

fn canvas(root: &Element, chart: &str) -> HtmlCanvasElement {
    root.query_selector(&format!("canvas[data-chart=\"{chart}\"]"))
        .unwrap()
        .unwrap()
        .dyn_into()
        .unwrap()
}

/// Pixels that are not the white background.
fn inked_pixels(canvas: &HtmlCanvasElement) -> usize {
    let ctx: CanvasRenderingContext2d = canvas
        .get_context("2d")
        .unwrap()
        .unwrap()
        .dyn_into()
        .unwrap();
    let data = ctx
        .get_image_data(
            0.0,
            0.0,
            f64::from(canvas.width()),
            f64::from(canvas.height()),
        )
        .unwrap()
        .data();
    data.chunks(4)
        .filter(|px| px[3] > 0 && (px[0] < 240 || px[1] < 240 || px[2] < 240))
        .count()
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
