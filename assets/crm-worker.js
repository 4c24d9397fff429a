// crm-worker.js: the CRM import's worker (started by src/ui/crm/import_client.rs, a file of the app's origin as
// the CSP's worker-src 'self' wants). It loads the crm_worker binary's wasm-bindgen glue (Trunk builds it as a
// worker: crm_worker.js, crm_worker_bg.wasm) and runs it (src/ui/crm/import_worker.rs), which then answers the
// page in JSON text. Should the wasm not load, the page is told with an object instead of text.
importScripts('./crm_worker.js');
wasm_bindgen({ module_or_path: './crm_worker_bg.wasm' }).catch((error) => postMessage({ failed: String(error) }));
