//! Entry point: starts the yew app in the browser (and exports what the Monte Carlo workers
//! call); natively it only explains how to run it.

#[cfg(target_arch = "wasm32")]
fn main() {
    funnelsim::ui::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    println!("funnelsim runs in the browser: `bash scripts/serve.sh` builds and serves it.");
}

/// What the Monte Carlo workers call (`assets/mc-worker.js`), exported from the app's binary
/// only, so the embed build links none of it; their code is in the chunk `monte_carlo`, which
/// a worker fetches on its first call (a promise, each of them).
#[cfg(target_arch = "wasm32")]
mod monte_carlo_exports {
    use funnelsim::ui::forecast::mc_pool;
    use wasm_bindgen::prelude::*;

    #[wasm_bindgen]
    pub async fn mc_part(scenario_link: String, start: u32, end: u32) -> Result<Vec<u8>, JsValue> {
        mc_pool::mc_part(scenario_link, start, end).await
    }

    #[wasm_bindgen]
    pub async fn mc_collect_start(scenario_link: String) -> Result<(), JsValue> {
        mc_pool::mc_collect_start(scenario_link).await
    }

    #[wasm_bindgen]
    pub async fn mc_collect_add(bytes: Vec<u8>) -> bool {
        mc_pool::mc_collect_add(bytes).await
    }

    #[wasm_bindgen]
    pub async fn mc_collect_summary() -> Result<String, JsValue> {
        mc_pool::mc_collect_summary().await
    }
}
