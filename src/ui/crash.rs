//! The crash page: when the app panics, a message in the user's language replaces the
//! frozen page, with a reload link and the technical details.

use wasm_bindgen::prelude::*;

crate::texts! {
    /// The crash page's words.
    enum CrashText {
        Heading => "funnelsim stopped", "funnelsim s'est arrêté";
        Body => "An internal error stopped the app, so the page no longer responds. Your scenario is still in this page's address and your saved scenarios are kept in this browser.",
            "Une erreur interne a arrêté l'application : la page ne répond plus. Votre scénario est toujours dans l'adresse de cette page et vos scénarios enregistrés sont conservés dans ce navigateur.";
        Reload => "Reload the page", "Recharger la page";
        Details => "Technical details", "Détails techniques";
    }
}

/// Shows the crash page on the first panic. The release build aborts after the hook
/// (`panic = "abort"`), so the page must be written here, with plain DOM calls. Installed
/// through yew, which would otherwise put its own hook in place when it renders.
pub fn install() {
    yew::set_custom_panic_hook(Box::new(|info| show(&info.to_string())));
}

/// Writes the crash page over the app (every other element of the body becomes inert and
/// hidden), once.
pub fn show(detail: &str) {
    web_sys::console::error_1(&JsValue::from_str(&format!("funnelsim stopped: {detail}")));
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Some(body) = document.body() else { return };
    if document.get_element_by_id("crash").is_some() {
        return;
    }
    let reload_to = document
        .location()
        .and_then(|l| l.href().ok())
        .unwrap_or_else(|| "./".to_owned());
    let children = body.children();
    for i in 0..children.length() {
        if let Some(child) = children.item(i) {
            let _ = child.set_attribute("inert", "");
            let _ = child.set_attribute("hidden", "");
        }
    }
    let Ok(panel) = document.create_element("section") else {
        return;
    };
    panel.set_id("crash");
    panel.set_class_name("crash");
    let _ = panel.set_attribute("role", "alert");
    let _ = panel.set_attribute("aria-labelledby", "crash-heading");
    let parts: [(&str, &str, &str); 4] = [
        ("h1", "crash-heading", CrashText::Heading.text()),
        ("p", "crash-body", CrashText::Body.text()),
        ("a", "crash-reload", CrashText::Reload.text()),
        ("details", "crash-details", CrashText::Details.text()),
    ];
    for (tag, id, text) in parts {
        let Ok(element) = document.create_element(tag) else {
            continue;
        };
        element.set_id(id);
        if tag == "details" {
            if let (Ok(summary), Ok(pre)) = (
                document.create_element("summary"),
                document.create_element("pre"),
            ) {
                summary.set_text_content(Some(text));
                pre.set_text_content(Some(detail));
                let _ = element.append_child(&summary);
                let _ = element.append_child(&pre);
            }
        } else {
            element.set_text_content(Some(text));
        }
        if tag == "a" {
            let _ = element.set_attribute("href", &reload_to);
            element.set_class_name("button");
        }
        let _ = panel.append_child(&element);
    }
    let _ = body.prepend_with_node_1(&panel);
}

/// Panics on purpose, so that end-to-end tests can check the crash page in the release
/// build (`window.wasmBindings.funnelsim_test_panic()` from the page). Nothing in the app
/// calls it.
#[wasm_bindgen]
pub fn funnelsim_test_panic() {
    panic!("test panic requested by funnelsim_test_panic");
}
