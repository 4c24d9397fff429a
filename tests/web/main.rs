//! The browser (wasm-bindgen-test) tests of the components, one module per area, in one
//! binary. Run them with `cargo test --target wasm32-unknown-unknown` (headless Chromium).
#![cfg(target_arch = "wasm32")]

use wasm_bindgen_test::wasm_bindgen_test_configure;

wasm_bindgen_test_configure!(run_in_browser);

mod support;

mod app;
mod capacity;
mod channels;
mod crm;
mod forecast;
mod monte_carlo;
mod sla;
mod workbench;
