//! The embed build's entry point: the compact calculator alone (`assets/embed.html`, built
//! into `dist/embed/`), a small download for pages that embed funnelsim; natively it only
//! explains how to run it.

#[cfg(target_arch = "wasm32")]
fn main() {
    funnelsim::ui::start_embed();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    println!("funnelsim's embed build runs in the browser: `bash scripts/serve.sh` builds it into dist/embed/.");
}
