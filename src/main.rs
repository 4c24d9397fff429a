//! Entry point: starts the yew app in the browser; natively it only explains how to run it.

#[cfg(target_arch = "wasm32")]
fn main() {
    funnelsim::ui::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    println!("funnelsim runs in the browser: `bash scripts/serve.sh` builds and serves it.");
}
