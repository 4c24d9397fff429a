//! The few browser calls the app makes: read and replace the page query, copy the link.

use wasm_bindgen::JsValue;
use yew::Callback;

/// The page's query string, with its leading `?` ("" when there is none).
pub fn query() -> String {
    gloo::utils::window()
        .location()
        .search()
        .unwrap_or_default()
}

/// Replaces the page query without adding a history entry.
pub fn replace_query(query: &str) {
    let window = gloo::utils::window();
    let path = window.location().pathname().unwrap_or_default();
    let url = format!("{path}?{query}");
    if let Ok(history) = window.history() {
        // A refused replaceState (sandboxed iframe) leaves the old address: nothing to do.
        let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(&url));
    }
}

/// The full address of the page (what "Copy link" copies).
pub fn current_link() -> String {
    gloo::utils::window().location().href().unwrap_or_default()
}

/// Copies the page address to the clipboard; `done` receives whether it worked.
pub fn copy_current_link(done: Callback<bool>) {
    let clipboard = gloo::utils::window().navigator().clipboard();
    let promise = clipboard.write_text(&current_link());
    wasm_bindgen_futures::spawn_local(async move {
        let ok = wasm_bindgen_futures::JsFuture::from(promise).await.is_ok();
        done.emit(ok);
    });
}
