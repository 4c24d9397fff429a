//! The CRM import's worker binary: built by Trunk as a worker (`data-type="worker"` in
//! `index.html`) and started by `assets/crm-worker.js`, it reads a CRM export off the main
//! thread (`ui::crm::import_worker`); it links the import, not the app's views, so the app's
//! own wasm carries no CSV parsing. Natively it only explains how to run it.

#[cfg(target_arch = "wasm32")]
fn main() {
    funnelsim::ui::crm::import_worker::serve();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    println!("funnelsim's CRM import worker runs in the browser: `bash scripts/serve.sh` builds it into dist/.");
}
