// mc-worker.js: a Monte Carlo worker (src/ui/forecast/mc_pool.rs). It instantiates the app's own wasm module,
// sent by the page (compiled once by the loader; the glue's address and the wasm's too, should it have to
// fetch it), and answers each request, in the order they came:
// - { kind: 'part', scenario, start, end }: runs those trials, answers { bytes } (transferred);
// - { kind: 'start', scenario }, { kind: 'add', bytes }, { kind: 'summary' }: the collecting worker adds the
//   parts in order and answers { ok } to the first two, { summary } (JSON) to the last;
// or { error } when it cannot. The trials' code is a chunk of the module (src/ui/lazy_view.rs), which each
// worker fetches on its first request. A module worker of the app's origin (the page's CSP: worker-src 'self').
let ready;
onmessage = async ({ data }) => {
  try {
    ready ??= (async () => {
      const glue = await import(data.glue);
      await glue.default({ module_or_path: data.module ?? fetch(data.wasm) });
      return glue;
    })();
    const glue = await ready;
    if (data.kind === 'start') {
      await glue.mc_collect_start(data.scenario);
      postMessage({ ok: true });
    } else if (data.kind === 'add') {
      postMessage({ ok: await glue.mc_collect_add(data.bytes) });
    } else if (data.kind === 'summary') {
      postMessage({ summary: await glue.mc_collect_summary() });
    } else {
      const bytes = await glue.mc_part(data.scenario, data.start, data.end);
      postMessage({ bytes }, [bytes.buffer]);
    }
  } catch (error) {
    postMessage({ error: String(error) });
  }
};
