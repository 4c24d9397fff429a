// compile-wasm.js: compiles funnelsim's wasm off the page's main thread. The page's loader (written into
// index.html by scripts/post-build.mjs) posts the wasm's URL and integrity hash; the compiled module comes back
// (or why it could not be made, and the loader then compiles on the page as before).
'use strict';
self.onmessage = async ({ data: { url, integrity } }) => {
  try {
    const module = await WebAssembly.compileStreaming(fetch(url, { integrity }));
    self.postMessage({ module });
  } catch (error) {
    self.postMessage({ error: String((error && error.message) || error) });
  }
};
