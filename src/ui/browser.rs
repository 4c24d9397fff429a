//! The few browser calls the app makes: the page query, the clipboard, local storage and
//! file downloads.

use crate::model::i18n::Lang;
use crate::model::persist::storage::StorageWriteError;
use wasm_bindgen::{JsCast, JsValue};
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

/// Copies text to the clipboard; `done` receives whether it worked.
pub fn copy_text(text: &str, done: Callback<bool>) {
    let clipboard = gloo::utils::window().navigator().clipboard();
    let promise = clipboard.write_text(text);
    wasm_bindgen_futures::spawn_local(async move {
        let ok = wasm_bindgen_futures::JsFuture::from(promise).await.is_ok();
        done.emit(ok);
    });
}

/// Milliseconds since the epoch (for saved-scenario timestamps).
pub fn now_ms() -> f64 {
    js_sys::Date::now()
}

/// Resolves in a new task of the page's event loop (a message to itself: unlike a 0 ms
/// timer, never clamped to 4 ms), so the page paints and answers input between the slices
/// of a long job.
pub async fn yield_to_page() {
    use wasm_bindgen::JsCast;
    let Ok(channel) = web_sys::MessageChannel::new() else {
        return;
    };
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        channel.port1().set_onmessage(Some(resolve.unchecked_ref()));
    });
    if channel
        .port2()
        .post_message(&wasm_bindgen::JsValue::NULL)
        .is_err()
    {
        return;
    }
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
    channel.port1().set_onmessage(None);
}

/// The interface language the browser prefers (`navigator.languages`, then `language`).
pub fn preferred_lang() -> Lang {
    let navigator = gloo::utils::window().navigator();
    let mut tags: Vec<String> = navigator
        .languages()
        .iter()
        .filter_map(|tag| tag.as_string())
        .collect();
    tags.extend(navigator.language());
    Lang::from_browser(tags.iter().map(String::as_str))
}

/// Removes the loading page (index.html's `#loading-shell`), once the app is rendered in its place.
pub fn remove_loading_page() {
    if let Some(shell) = gloo::utils::document().get_element_by_id("loading-shell") {
        shell.remove();
    }
}

/// Sets the document's language (`<html lang>`), for screen readers and hyphenation.
pub fn set_document_lang(lang: Lang) {
    if let Some(root) = gloo::utils::document().document_element() {
        let _ = root.set_attribute("lang", lang.key());
    }
}

/// Today's local date as (year, month 1–12, day 1–31).
pub fn today() -> (i32, u32, u32) {
    let date = js_sys::Date::new_0();
    (
        date.get_full_year() as i32,
        date.get_month() + 1,
        date.get_date(),
    )
}

fn local_storage() -> Result<web_sys::Storage, StorageWriteError> {
    match gloo::utils::window().local_storage() {
        Ok(Some(storage)) => Ok(storage),
        Ok(None) => Err(StorageWriteError::Unavailable("no local storage".into())),
        Err(e) => Err(StorageWriteError::Unavailable(js_error_name(&e))),
    }
}

fn js_error_name(value: &JsValue) -> String {
    js_sys::Reflect::get(value, &JsValue::from_str("name"))
        .ok()
        .and_then(|n| n.as_string())
        .unwrap_or_else(|| "refused".into())
}

/// Reads a key of local storage (`Ok(None)` when absent).
pub fn storage_get(key: &str) -> Result<Option<String>, StorageWriteError> {
    local_storage()?
        .get_item(key)
        .map_err(|e| StorageWriteError::Unavailable(js_error_name(&e)))
}

/// The stored value of `key` as the browser holds it: a JavaScript string, which may hold
/// lone surrogates that a Rust `String` would replace with U+FFFD (`null` when absent).
fn storage_get_exact(storage: &web_sys::Storage, key: &str) -> Result<JsValue, JsValue> {
    let get: js_sys::Function =
        js_sys::Reflect::get(storage, &JsValue::from_str("getItem"))?.dyn_into()?;
    get.call1(storage, &JsValue::from_str(key))
}

/// The first key of local storage that starts with `prefix` and holds exactly what `key`
/// holds (compared as JavaScript strings, so a lone surrogate counts).
fn storage_key_holding_copy_of(prefix: &str, key: &str) -> Option<String> {
    let storage = local_storage().ok()?;
    let wanted = storage_get_exact(&storage, key).ok()?;
    let count = storage.length().ok()?;
    (0..count)
        .filter_map(|i| storage.key(i).ok().flatten())
        .filter(|other| other.starts_with(prefix))
        .find(|other| storage_get_exact(&storage, other).ok().as_ref() == Some(&wanted))
}

/// Keeps the value of `key` aside, exactly: under an existing key starting with `prefix`
/// that already holds the same value, else under `new_key`. Returns the key it is kept
/// under (once: a reload finding the same text reuses the earlier copy).
pub fn keep_aside(key: &str, prefix: &str, new_key: String) -> Result<String, StorageWriteError> {
    match storage_key_holding_copy_of(prefix, key) {
        Some(earlier) => Ok(earlier),
        None => storage_copy_exact(key, &new_key).map(|()| new_key),
    }
}

/// Copies the value of `from` to `to` exactly as stored (a copy kept aside must be the
/// original, lone surrogates included).
fn storage_copy_exact(from: &str, to: &str) -> Result<(), StorageWriteError> {
    let storage = local_storage()?;
    let value = storage_get_exact(&storage, from).map_err(write_error)?;
    if value.is_null() {
        return Err(StorageWriteError::Unavailable("nothing stored".into()));
    }
    let set: js_sys::Function = js_sys::Reflect::get(&storage, &JsValue::from_str("setItem"))
        .and_then(|f| f.dyn_into())
        .map_err(write_error)?;
    set.call2(&storage, &JsValue::from_str(to), &value)
        .map(|_| ())
        .map_err(write_error)
}

/// Writes a key of local storage, telling a full quota apart from a refusal.
pub fn storage_set(key: &str, value: &str) -> Result<(), StorageWriteError> {
    local_storage()?.set_item(key, value).map_err(write_error)
}

/// What a refused storage write threw: a full quota, or another refusal.
fn write_error(error: JsValue) -> StorageWriteError {
    let name = js_error_name(&error);
    if name.contains("Quota") {
        StorageWriteError::Quota
    } else {
        StorageWriteError::Unavailable(name)
    }
}

/// Writes `library` under `key`: nothing is written when it cannot be serialised.
pub fn storage_set_library(
    key: &str,
    library: &crate::model::persist::storage::Library,
) -> Result<(), StorageWriteError> {
    let text = crate::model::persist::storage::serialize(library)
        .map_err(StorageWriteError::NotSerialised)?;
    storage_set(key, &text)
}

/// Offers `contents` as a file download (a `blob:` URL: nothing leaves the browser).
pub fn download_text(file_name: &str, mime: &str, contents: &str) {
    let parts = js_sys::Array::of1(&JsValue::from_str(contents));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options) else {
        return;
    };
    if let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) {
        download_url(file_name, &url);
        let _ = web_sys::Url::revoke_object_url(&url);
    }
}

/// Offers a URL (`blob:` or `data:`) as a file download.
pub fn download_url(file_name: &str, url: &str) {
    let document = gloo::utils::document();
    let Ok(anchor) = document.create_element("a") else {
        return;
    };
    let _ = anchor.set_attribute("href", url);
    let _ = anchor.set_attribute("download", file_name);
    let _ = anchor.set_attribute("hidden", "");
    if let Some(body) = document.body() {
        let _ = body.append_child(&anchor);
        if let Some(anchor) = anchor.dyn_ref::<web_sys::HtmlElement>() {
            anchor.click();
        }
        let _ = body.remove_child(&anchor);
    }
}

/// The address of the app without its query (for "open full app" links and embed snippets).
pub fn app_base_url() -> String {
    let location = gloo::utils::window().location();
    format!(
        "{}{}",
        location.origin().unwrap_or_default(),
        location.pathname().unwrap_or_default()
    )
}
