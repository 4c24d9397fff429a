// offline.test.mjs: once opened, the app works without a network (assets/sw.js, registered by
// assets/register-sw.js; its file list is written by scripts/post-build.mjs).
//
// The harness's guards hold: no request outside the app's own assets, no page error or panic.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {
  DIST,
  server,
  appTest,
  openApp,
  waitForApp,
  waitForMount,
  expectKpi,
  setField,
  assertChartDrawn,
} from './harness.mjs';
import { startServer } from './server.mjs';

/** Waits until a service worker controls the page and has finished installing (its cache is complete). */
async function waitForController(page) {
  await page.waitForFunction(() => navigator.serviceWorker?.controller?.state === 'activated', null, { timeout: 60_000 });
}

appTest('the app, opened once, reloads and works with the network cut', async ({ page, context }) => {
  await openApp(page);
  await waitForController(page);
  await context.setOffline(true);
  const seen = server.requests.length;

  await page.reload();
  await waitForApp(page);
  await setField(page, 'field-top', '240000');
  await expectKpi(page, 'customers', 180);
  await assertChartDrawn(page, 'funnel');

  // Another address of the app (another view) opens from the cache too,
  // and the CRM sample export (fetched by the page) comes from it.
  await page.goto(server.url + '?view=crm');
  await waitForMount(page);
  await page.locator('#crm-sample-en').click();
  await page.locator('#crm-by-channel tbody tr').first().waitFor();
  assert.equal(await page.locator('#crm-summary').getAttribute('data-read-in'), 'worker', 'the import worker runs offline');

  assert.deepEqual(server.requests.slice(seen), [], 'nothing reached the server while offline');
  assert.equal(await page.evaluate(() => navigator.onLine), false, 'the browser was offline');
});

appTest('the worker caches exactly the build, under the app path, and only there', async ({ page }) => {
  await openApp(page);
  await waitForController(page);
  const state = await page.evaluate(async () => {
    const names = await caches.keys();
    const entries = {};
    for (const name of names) entries[name] = (await (await caches.open(name)).keys()).map((r) => r.url).sort();
    const reg = await navigator.serviceWorker.getRegistration();
    return { names, entries, scope: reg.scope, script: reg.active.scriptURL };
  });
  assert.equal(state.scope, server.url, 'the worker is scoped to the app sub-path');
  assert.equal(state.script, server.url + 'sw.js');
  assert.equal(state.names.length, 1, `one cache: ${state.names}`);
  const [name] = state.names;
  const sw = readFileSync(path.join(DIST, 'sw.js'), 'utf8');
  const version = sw.match(/const BUILD_VERSION = '([0-9a-f]{16})';/)?.[1];
  assert.ok(version, 'the build wrote its version into sw.js');
  assert.equal(name, `funnelsim:${server.url}:${version}`);
  // Every file of the build but the worker itself (the page as its directory URL).
  const html = readFileSync(path.join(DIST, 'index.html'), 'utf8');
  const assets = [...html.matchAll(/(?:href|src)="\.\/([^"]+\.(?:js|wasm|css))"/g)].map((m) => server.url + m[1]);
  assert.ok(assets.length >= 3, `the page names its assets: ${assets}`);
  for (const url of [server.url, ...assets, server.url + 'samples/crm-sample-en.csv', server.url + 'samples/crm-sample-fr.csv',
    // The CRM import's worker, which the page does not name.
    ...['crm-worker.js', 'crm_worker.js', 'crm_worker_bg.wasm'].map((f) => server.url + f)]) {
    assert.ok(state.entries[name].includes(url), `${url} is cached (cached: ${state.entries[name]})`);
  }
  assert.ok(!state.entries[name].includes(server.url + 'sw.js'), 'the worker does not cache itself');
});

appTest('a new deploy replaces the cache of the old one', async ({ page, context, allowRequests }) => {
  // A deployment of its own (a copy of the build on a second server), so that it can be redeployed.
  const root = await mkdtemp(path.join(os.tmpdir(), 'funnelsim-deploy-'));
  await cp(DIST, root, { recursive: true });
  const deploy = await startServer({ root, base: '/tools/funnelsim/' });
  try {
    await context.route(`${deploy.origin}/**`, (route) => route.continue()); // runs before the harness's route
    allowRequests(deploy.url);
    await page.goto(deploy.url);
    await waitForApp(page);
    await waitForController(page);
    const [oldName] = await page.evaluate(() => caches.keys());
    assert.match(oldName, /:[0-9a-f]{16}$/);

    // Redeploy: a new sw.js (another build version); the browser's update check installs it.
    const sw = await readFile(path.join(root, 'sw.js'), 'utf8');
    const next = sw.replace(/const BUILD_VERSION = '[0-9a-f]{16}';/, "const BUILD_VERSION = '0000000000000001';");
    assert.notEqual(next, sw);
    await writeFile(path.join(root, 'sw.js'), next);
    await page.evaluate(async () => {
      const changed = new Promise((resolve) => navigator.serviceWorker.addEventListener('controllerchange', resolve, { once: true }));
      await (await navigator.serviceWorker.getRegistration()).update();
      await changed; // the new worker is activating and controls the page
      const worker = navigator.serviceWorker.controller;
      if (worker.state !== 'activated') {
        // Activated once its activate handler is done (the old caches deleted).
        await new Promise((resolve) => worker.addEventListener('statechange', () => worker.state === 'activated' && resolve()));
      }
    });
    const names = await page.evaluate(() => caches.keys());
    assert.deepEqual(names, [oldName.replace(/:[0-9a-f]{16}$/, ':0000000000000001')], "only the new build's cache is left");
    await context.setOffline(true);
    await page.reload();
    await waitForApp(page);
    await expectKpi(page, 'customers', 90);
  } finally {
    await deploy.close();
    await rm(root, { recursive: true, force: true });
  }
});

appTest('the embedded calculator registers no worker and keeps nothing', async ({ page }) => {
  await page.goto(server.embedUrl + '?embed=1');
  const frame = await (await page.locator('iframe').elementHandle()).contentFrame();
  await waitForApp(frame);
  await frame.waitForFunction(() => document.readyState === 'complete');
  // register-sw.js has run (deferred, before the load event): nothing was registered, nothing cached.
  const state = await frame.evaluate(async () => ({
    registrations: (await navigator.serviceWorker.getRegistrations()).length,
    caches: (await caches.keys()).length,
  }));
  assert.deepEqual(state, { registrations: 0, caches: 0 });
});
