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
  // After the page has loaded: the worker's downloads never compete with the app's first paint.
  if (document.readyState === 'complete') register();
  else addEventListener('load', register, { once: true });
})();
