// mc-worker.js: a Monte Carlo worker (src/ui/forecast/mc_pool.rs). It instantiates the app's own wasm module,
// sent by the page (compiled once by the loader; the glue's address and the wasm's too, should it have to
// fetch it), and answers each request { scenario, start, end } with the bytes of that part of the run:
// { bytes } (transferred), or { error } when it cannot. Requests are answered in the order they came.
// A module worker of the app's origin: the page's Content-Security-Policy allows it (worker-src 'self').
let ready;
onmessage = async ({ data }) => {
  try {
    ready ??= (async () => {
      const glue = await import(data.glue);
      await glue.default({ module_or_path: data.module ?? fetch(data.wasm) });
      return glue;
    })();
    const glue = await ready;
    const bytes = glue.mc_part(data.scenario, data.start, data.end);
    postMessage({ bytes }, [bytes.buffer]);
  } catch (error) {
    postMessage({ error: String(error) });
  }
};
