// lazy.test.mjs: the tools behind the tabs are chunks of the wasm, fetched when first opened
// (src/ui/lazy_view.rs, scripts/build-app-wasm.mjs): not in the first load, fetched once, shown with a
// loading state that moves nothing, a retry when the chunk cannot arrive, and cached for offline use.
//
// The harness's guards hold: no request outside the app's own assets, no page error or panic.
import assert from 'node:assert/strict';
import { server, appTest, openApp, waitForApp, waitForMount, gotoTab, expectKpi, setField } from './harness.mjs';

/**
 * Counts the chunk files (split_<tool>-<id>.wasm) the page asks for, by tool: `counts()` since the start,
 * `counts(from)` since an earlier `mark()`. The page's own requests, whether the network or the service worker
 * answers them (once installed, the worker has fetched every file of the build for offline use, the chunks
 * included: that is its cache, not the page loading a tool).
 */
function watchChunks(page) {
  const asked = [];
  page.on('request', (request) => {
    const m = request.url().match(/\/split_([a-z_]+)-[0-9a-f]+\.wasm$/);
    if (m) asked.push(m[1]);
  });
  return {
    mark: () => asked.length,
    counts: (from = 0) => asked.slice(from).reduce((c, tool) => ({ ...c, [tool]: (c[tool] ?? 0) + 1 }), {}),
  };
}

/** The tools the issue names: tab, chunk, and what shows once the tool is drawn. */
const TOOLS = [
  ['sla', 'sla', '#sla-start'],
  ['crm', 'crm', '#crm-sample-en'],
  ['forecast', 'forecast', '#forecast-start'],
];

/** Waits until the part `name` (a tab's key, or a Model part) is drawn from its chunk. */
async function waitForPart(page, name) {
  await page.locator(`[data-part="${name}"][data-chunk="ready"]`).waitFor();
}

appTest('the first load fetches no tool chunk; SLA, CRM and Forecast fetch theirs once, then draw at once', async ({ page }) => {
  const chunks = watchChunks(page);
  await openApp(page);
  // The Model view's lower panels are a chunk of their own, fetched once the view's first parts are drawn.
  await waitForPart(page, 'model-panels');
  await waitForPart(page, 'scenario-files');
  assert.deepEqual(chunks.counts(), { model_more: 1 }, 'only the Model view\'s own chunk');

  for (const [tab, chunk, ready] of TOOLS) {
    const before = chunks.mark();
    await gotoTab(page, tab);
    await waitForPart(page, tab);
    await page.locator(ready).first().waitFor();
    assert.equal(chunks.counts(before)[chunk], 1, `the ${tab} chunk is fetched once`);
    // Back to the Model view and to the tool again: no fetch, and no loading state on the way.
    await gotoTab(page, 'model');
    await waitForApp(page);
    const again = chunks.mark();
    await gotoTab(page, tab);
    assert.equal(await page.locator(`[data-part="${tab}"]`).getAttribute('data-chunk'), 'ready', `${tab} draws at once the second time`);
    assert.deepEqual(chunks.counts(again), {}, `no chunk fetched again for ${tab}`);
  }
  // The Model view still computes after the tools came and went.
  await gotoTab(page, 'model');
  await setField(page, 'field-top', '240000');
  await expectKpi(page, 'customers', 180);
});

appTest('a chunk on its way shows a loading state in the tab, and the tabs above it do not move', async ({ page, context }) => {
  let release;
  const held = new Promise((resolve) => (release = resolve));
  let asked = false;
  await context.route(/\/split_sla-[0-9a-f]+\.wasm$/, async (route) => {
    asked = true;
    await held;
    await route.continue();
  });
  await openApp(page);
  const tabsBefore = await page.locator('[role="tablist"]').boundingBox();
  await gotoTab(page, 'sla');
  const loading = page.locator('[data-part="sla"][data-chunk="loading"]');
  await loading.waitFor();
  assert.equal(await loading.getAttribute('role'), 'status');
  assert.equal(await loading.getAttribute('aria-busy'), 'true');
  assert.match(await loading.innerText(), /Loading/);
  assert.ok(asked, 'the SLA chunk was asked for when the tab opened');
  release();
  await waitForPart(page, 'sla');
  assert.deepEqual(await page.locator('[role="tablist"]').boundingBox(), tabsBefore, 'the tabs did not move');
});

appTest('a chunk that cannot arrive says so, and "Try again" loads it', async ({ page, context }) => {
  let refuse = true;
  await context.route(/\/split_crm-[0-9a-f]+\.wasm$/, (route) => (refuse ? route.abort('failed') : route.continue()));
  await openApp(page);
  await gotoTab(page, 'crm');
  const failed = page.locator('[data-part="crm"][data-chunk="failed"]');
  await failed.waitFor();
  assert.equal(await failed.getAttribute('role'), 'alert');
  refuse = false;
  await failed.getByRole('button', { name: 'Try again' }).click();
  await waitForPart(page, 'crm');
  await page.locator('#crm-sample-en').waitFor();
});

appTest('once the app is installed, the SLA, CRM and Forecast tabs open offline', async ({ page, context }) => {
  await openApp(page);
  await page.waitForFunction(() => navigator.serviceWorker?.controller?.state === 'activated', null, { timeout: 60_000 });
  await context.setOffline(true);
  const seen = server.requests.length;
  // A fresh page of the app: nothing loaded yet, every chunk from the service worker's cache.
  await page.reload();
  await waitForMount(page);
  await waitForPart(page, 'model-panels');
  for (const [tab, , ready] of TOOLS) {
    await gotoTab(page, tab);
    await waitForPart(page, tab);
    await page.locator(ready).waitFor();
  }
  assert.deepEqual(server.requests.slice(seen), [], 'nothing reached the server while offline');
});
