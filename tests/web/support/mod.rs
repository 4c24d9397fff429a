//! Helpers shared by the browser (wasm-bindgen-test) test modules: mounting an app on a given
//! address, typing, choosing, clicking, reading KPIs and canvases, and waiting for conditions.

/// Comparing JSON golden files, shared with the native tests.
#[path = "../../it/support/json.rs"]
pub mod json;

use std::future::Future;

use funnelsim::ui::App;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{
    CanvasRenderingContext2d, Element, HtmlCanvasElement, HtmlElement, HtmlInputElement,
    HtmlSelectElement,
};

/// Puts `query` ("" or "?…") into the page address, keeping the path.
pub fn set_query(query: &str) {
    let window = gloo::utils::window();
    let path = window.location().pathname().unwrap();
    window
        .history()
        .unwrap()
        .replace_state_with_url(&JsValue::NULL, "", Some(&format!("{path}{query}")))
        .unwrap();
}

/// The browser's local storage.
pub fn local_storage() -> web_sys::Storage {
    gloo::utils::window().local_storage().unwrap().unwrap()
}

/// Mounts a fresh app, 1100 px wide, on the page address with `query` and waits for it to
/// render all its parts. Tests share one page and every app writes its scenario into the address, so each
/// The page's address set to `query`, and a new 1,100-pixel-wide element to mount an app in.
fn fresh_root(query: &str) -> Element {
    set_query(query);
    let document = gloo::utils::document();
    let root = document.create_element("div").unwrap();
    root.set_attribute("style", "width: 1100px").unwrap();
    document.body().unwrap().append_child(&root).unwrap();
    root
}

/// mount sets the address first.
pub async fn mount_at(query: &str) -> Element {
    let root = fresh_root(query);
    // No worker script is served here: the CRM import runs on the page, as its worker would.
    funnelsim::ui::crm::import_client::run_on_the_page(funnelsim::ui::crm::import_worker::run_here);
    yew::Renderer::<App>::with_root(root.clone()).render();
    yew::scheduler::flush().await;
    // The first app of a page renders its parts one task after another (src/ui/deferred.rs).
    wait_until("the app's start-up", funnelsim::ui::start_up_done).await;
    // A reader acts on the page (a pointer move): the Model view's parts below its first
    // screen load then, not during the start-up (src/ui/lazy_view.rs).
    let window = gloo::utils::window();
    let moved = web_sys::Event::new("pointermove").unwrap();
    window.dispatch_event(&moved).unwrap();
    wait_until("the parts below the first screen", || {
        !exists(&root, "[data-chunk=\"waiting\"], [data-chunk=\"loading\"]")
    })
    .await;
    root
}

/// Mounts the embed build's app (the compact calculator alone) at `query`.
pub async fn mount_embed_at(query: &str) -> Element {
    let root = fresh_root(query);
    yew::Renderer::<funnelsim::ui::EmbedApp>::with_root(root.clone()).render();
    yew::scheduler::flush().await;
    root
}

/// Mounts a fresh app on the default scenario's link (the baseline without channels; an
/// address without a query opens the example with its channels, [`mount_example`]).
pub async fn mount() -> Element {
    let query =
        funnelsim::model::persist::scenario_link::encode(&funnelsim::model::Scenario::default());
    mount_at(&format!("?{query}")).await
}

/// Mounts a fresh app on an address without a query: a first visit, the example.
pub async fn mount_example() -> Element {
    mount_at("").await
}

/// The element matching `selector` inside `root`; panics with the selector when missing.
pub fn find(root: &Element, selector: &str) -> Element {
    root.query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("nothing matches {selector}"))
}

/// Whether something inside `root` matches `selector`.
pub fn exists(root: &Element, selector: &str) -> bool {
    root.query_selector(selector).unwrap().is_some()
}

/// Every element matching `selector` inside `root`.
pub fn find_all(root: &Element, selector: &str) -> Vec<Element> {
    let list = root.query_selector_all(selector).unwrap();
    (0..list.length())
        .filter_map(|i| list.item(i))
        .filter_map(|node| node.dyn_into::<Element>().ok())
        .collect()
}

/// The text of the element matching `selector`.
pub fn text(root: &Element, selector: &str) -> String {
    find(root, selector).text_content().unwrap_or_default()
}

/// The machine value (`data-value`) of KPI `name`.
pub fn kpi(root: &Element, name: &str) -> String {
    find(root, &format!("[data-kpi=\"{name}\"]"))
        .get_attribute("data-value")
        .unwrap()
}

fn dispatch(element: &Element, kind: &str) {
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    let event = web_sys::Event::new_with_event_init_dict(kind, &init).unwrap();
    element.dispatch_event(&event).unwrap();
}

/// Types `value` into input `#id` (an `input` event, as a keyboard would send).
pub async fn type_into(root: &Element, id: &str, value: &str) {
    let input: HtmlInputElement = find(root, &format!("#{id}")).dyn_into().unwrap();
    input.set_value(value);
    let init = web_sys::InputEventInit::new();
    init.set_bubbles(true);
    let event = web_sys::InputEvent::new_with_event_init_dict("input", &init).unwrap();
    input.dispatch_event(&event).unwrap();
    yew::scheduler::flush().await;
}

/// Sets input `#id` to `value` and sends `change` (how rename fields commit).
pub async fn change_input(root: &Element, id: &str, value: &str) {
    let input: HtmlInputElement = find(root, &format!("#{id}")).dyn_into().unwrap();
    input.set_value(value);
    dispatch(&input, "change");
    yew::scheduler::flush().await;
}

/// Puts a file `name` holding `content` into file input `#id` and sends `change`, as a
/// user picking it would.
pub fn pick_file(root: &Element, id: &str, name: &str, content: &str) {
    let parts = js_sys::Array::of1(&content.into());
    let file = web_sys::File::new_with_str_sequence(&parts, name).unwrap();
    let transfer = web_sys::DataTransfer::new().unwrap();
    transfer.items().add_with_file(&file).unwrap();
    let input: HtmlInputElement = find(root, &format!("#{id}")).dyn_into().unwrap();
    input.set_files(transfer.files().as_ref());
    dispatch(&input, "change");
}

/// Chooses option `value` in select `#id`.
pub async fn choose(root: &Element, id: &str, value: &str) {
    let select: HtmlSelectElement = find(root, &format!("#{id}")).dyn_into().unwrap();
    select.set_value(value);
    assert_eq!(select.value(), value, "#{id} has no option {value}");
    dispatch(&select, "change");
    yew::scheduler::flush().await;
}

/// Clicks the element matching `selector`.
pub async fn click(root: &Element, selector: &str) {
    let element: HtmlElement = find(root, selector).dyn_into().unwrap();
    element.click();
    yew::scheduler::flush().await;
}

/// Waits until `condition` holds (checked after each scheduler flush and browser task), or
/// panics with `what` after five seconds: for work that finishes asynchronously (file reads).
pub async fn wait_until(what: &str, mut condition: impl FnMut() -> bool) {
    let deadline = js_sys::Date::now() + 5_000.0;
    while !condition() {
        assert!(
            js_sys::Date::now() < deadline,
            "timed out waiting for {what}"
        );
        next_task().await;
        yew::scheduler::flush().await;
    }
}

/// Resolves on the browser's next task (lets file reads and timers run).
fn next_task() -> impl Future<Output = ()> {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        gloo::utils::window()
            .set_timeout_with_callback(&resolve)
            .unwrap();
    });
    async move {
        let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
    }
}

/// The canvas of chart `chart` (`data-chart`).
pub fn canvas(root: &Element, chart: &str) -> HtmlCanvasElement {
    find(root, &format!("canvas[data-chart=\"{chart}\"]"))
        .dyn_into()
        .unwrap()
}

/// How many times chart `chart` was drawn (`data-draws`).
pub fn draws(root: &Element, chart: &str) -> u32 {
    canvas(root, chart)
        .get_attribute("data-draws")
        .unwrap_or_default()
        .parse()
        .unwrap_or(0)
}

/// Pixels of `canvas` that are not the white background.
pub fn inked_pixels(canvas: &HtmlCanvasElement) -> usize {
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

/// Fails when the text of `root` shows a non-number.
pub fn assert_no_nan(root: &Element) {
    let shown = root.text_content().unwrap_or_default();
    let bad = shown
        .split(|c: char| !c.is_alphanumeric())
        .find(|word| matches!(*word, "NaN" | "inf" | "infinity" | "Infinity"));
    assert!(bad.is_none(), "{bad:?} shown: {shown}");
}
