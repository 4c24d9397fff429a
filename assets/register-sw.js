// register-sw.js: registers funnelsim's service worker (sw.js, next to the page) so that the app, once
// opened, works offline. A plain file loaded with <script src> (the Content-Security-Policy allows no inline
// script). Not in the embedded calculator (embed=1), which keeps nothing in the visitor's browser.
'use strict';
(() => {
  if (!('serviceWorker' in navigator)) return;
  if (new URLSearchParams(location.search).get('embed') === '1') return;
  const register = () =>
    navigator.serviceWorker.register('./sw.js', { scope: './' }).catch((err) => {
      // No worker (private mode, a host without HTTPS): the app still works online.
      console.warn('funnelsim: offline mode unavailable:', err && err.message);
    });
  // Once the app has started (the loader's TrunkApplicationStarted; window.wasmBindings is set then) and the
  // page has loaded: the worker's downloads (the whole build, every chunk) never compete with the app's own
  // wasm on a slow line.
  const started = new Promise((resolve) => {
    if (window.wasmBindings) resolve();
    else addEventListener('TrunkApplicationStarted', resolve, { once: true });
  });
  const loaded = new Promise((resolve) => {
    if (document.readyState === 'complete') resolve();
    else addEventListener('load', resolve, { once: true });
  });
  Promise.all([started, loaded]).then(register);
})();
