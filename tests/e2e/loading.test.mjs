// loading.test.mjs: the loading page (index.html's #loading-shell) is painted from the page and the stylesheet
// alone, before the wasm is fetched, in the language the app will use; the app then takes its place without
// moving anything and without a larger paint (what keeps a slow phone's first and largest paints under a
// second: BENCHMARKS.md, Quality gates); a wasm that cannot be loaded is said so on it; the wasm is compiled
// by a worker, or on the page when the worker cannot start.
import assert from 'node:assert/strict';
import { appTest, server, waitForApp } from './harness.mjs';

const TAGLINE = {
  en: 'How many leads marketing must bring, what they cost and what they return.',
  fr: "Combien de leads le marketing doit apporter, ce qu'ils coûtent et ce qu'ils rapportent.",
};
const LOADING = { en: 'Loading the simulator…', fr: 'Chargement du simulateur…' };

/**
 * Holds the wasm's request (made by the page's compiling worker) until `release()` is called; `asked` resolves
 * with the time (epoch ms) the page asked for it.
 */
async function holdWasm(page) {
  let release;
  const released = new Promise((resolve) => (release = resolve));
  let requested;
  const asked = new Promise((resolve) => (requested = resolve));
  await page.route(/_bg\.wasm$/, async (route) => {
    requested(Date.now());
    await released;
    // A page left meanwhile has dropped its request.
    await route.continue().catch(() => {});
  });
  return { release, asked };
}

/** Layout shifts and largest paints, recorded from the page's start. */
async function recordPaints(page) {
  await page.addInitScript(() => {
    window.__shifts = [];
    window.__largest = [];
    new PerformanceObserver((list) => window.__shifts.push(...list.getEntries().map((e) => e.value))).observe({
      type: 'layout-shift',
      buffered: true,
    });
    new PerformanceObserver((list) =>
      window.__largest.push(...list.getEntries().map((e) => ({ time: e.startTime, size: e.size, id: e.element?.closest('#loading-shell') ? 'shell' : 'app' }))),
    ).observe({ type: 'largest-contentful-paint', buffered: true });
  });
}

/** The visible text of the loading page's taglines and note, and the tagline's box. */
function loadingPage(page) {
  return page.evaluate(() => {
    const visible = (el) => el.getClientRects().length > 0 && getComputedStyle(el).display !== 'none';
    const shell = document.getElementById('loading-shell');
    const taglines = [...shell.querySelectorAll('.tagline')].filter(visible);
    const notes = [...shell.querySelectorAll('.loading-note [lang]')].filter(visible);
    const box = taglines[0]?.getBoundingClientRect();
    return {
      lang: document.documentElement.lang,
      header: Boolean(shell.querySelector('.app-header')) && visible(shell.querySelector('.app-header')),
      taglines: taglines.map((el) => el.textContent),
      notes: notes.map((el) => el.textContent),
      box: box && [box.x, box.y, box.width, box.height],
    };
  });
}

appTest(
  'the loading page is painted before the wasm is fetched, in French for a French browser, and the app takes its place without a shift',
  async ({ page }) => {
    await recordPaints(page);
    const wasm = await holdWasm(page);
    // Not to the load event: the page's module script waits for the wasm.
    await page.goto(server.url, { waitUntil: 'commit' });
    await wasm.asked;
    const shown = await loadingPage(page);
    assert.deepEqual(
      { lang: shown.lang, header: shown.header, taglines: shown.taglines, notes: shown.notes },
      { lang: 'fr', header: true, taglines: [TAGLINE.fr], notes: [LOADING.fr] },
    );
    // The wasm was asked for once the loading page was painted (both times in epoch ms).
    const askedAt = await wasm.asked;
    const order = await page.evaluate(() => ({
      painted: performance.timeOrigin + performance.getEntriesByName('first-contentful-paint')[0]?.startTime,
      appMounted: !!document.querySelector('[role="tablist"]'),
    }));
    assert.ok(order.painted > 0 && !order.appMounted, `painted at ${order.painted}, before the app`);
    assert.ok(askedAt >= order.painted, `the wasm (asked at ${askedAt}) waited for the first paint (${order.painted})`);

    wasm.release();
    await waitForApp(page);
    const app = await page.evaluate(() => {
      const tagline = document.querySelector('.app-header .tagline');
      const box = tagline.getBoundingClientRect();
      return {
        shell: !!document.getElementById('loading-shell'),
        headings: document.querySelectorAll('h1').length,
        tagline: tagline.textContent,
        box: [box.x, box.y, box.width, box.height],
      };
    });
    assert.deepEqual(
      { shell: app.shell, headings: app.headings, tagline: app.tagline, box: app.box },
      { shell: false, headings: 1, tagline: TAGLINE.fr, box: shown.box },
      'the app replaced the loading page, its tagline in the same place and size',
    );
    // Once every part of the start-up is there (the footer comes last): nothing moved, and the largest paint is
    // still the loading page's.
    await page.locator('footer.app-footer').waitFor();
    const paints = await page.evaluate(() => ({ shifts: window.__shifts, largest: window.__largest }));
    assert.deepEqual(paints.shifts, [], 'layout shifts while the app started');
    assert.ok(paints.largest.length > 0, 'a largest contentful paint was recorded');
    assert.deepEqual(
      paints.largest.map((e) => e.id),
      paints.largest.map(() => 'shell'),
      `largest paints: ${JSON.stringify(paints.largest)}`,
    );
  },
  // No service worker: it would answer the wasm's requests from its cache, out of the route's reach.
  { locale: 'fr-FR', serviceWorkers: 'block' },
);

appTest(
  "the link's lang= wins over the browser's language, and the compact calculator's loading page has no header",
  async ({ page }) => {
    const english = await holdWasm(page);
    await page.goto(server.url + '?lang=en', { waitUntil: 'commit' });
    await english.asked;
    const shown = await loadingPage(page);
    assert.deepEqual(
      { lang: shown.lang, header: shown.header, taglines: shown.taglines, notes: shown.notes },
      { lang: 'en', header: true, taglines: [TAGLINE.en], notes: [LOADING.en] },
    );
    // Let the page have its wasm first: a request still held would keep the next one for the same file waiting.
    english.release();
    await waitForApp(page);
    const embed = await holdWasm(page);
    // An old embed=1 link: sent to the embed build, whose loading page is the compact calculator's.
    await page.goto(server.url + '?embed=1&lang=fr');
    await embed.asked;
    const compact = await loadingPage(page);
    assert.deepEqual(
      { lang: compact.lang, header: compact.header, notes: compact.notes },
      { lang: 'fr', header: false, notes: [LOADING.fr] },
    );
    embed.release();
    await waitForApp(page);
    assert.equal(await page.locator('#loading-shell').count(), 0);
  },
  // No service worker: it would answer the wasm's requests from its cache, out of the route's reach.
  { locale: 'fr-FR', serviceWorkers: 'block' },
);

appTest(
  'a wasm that cannot be fetched is reported on the loading page instead of loading forever',
  async ({ page }) => {
    await page.route(/_bg\.wasm$/, (route) => route.abort('connectionfailed'));
    await page.goto(server.url, { waitUntil: 'commit' });
    // The loader marks the page (before the stylesheet has arrived, nothing is hidden yet).
    await page.waitForFunction(() => document.documentElement.classList.contains('load-failed'));
    const alert = page.locator('#loading-shell .load-failed-note [lang="fr"]');
    assert.equal(await alert.isVisible(), true, 'the failure is shown');
    assert.match(await alert.textContent(), /n'a pas pu être chargé.*Rechargez la page/);
    assert.equal(await page.locator('#loading-shell .loading-note').isVisible(), false, 'still "loading"');
    assert.equal(await page.locator('#loading-shell .load-failed-note [lang="en"]').isVisible(), false);
  },
  // No service worker: it would answer the wasm's requests from its cache, out of the route's reach.
  { locale: 'fr-FR', serviceWorkers: 'block' },
);

appTest('without its compiling worker, the page compiles the wasm itself', async ({ page }) => {
  await page.route(/compile-wasm\.js$/, (route) => route.abort('blockedbyclient'));
  await page.goto(server.url);
  await waitForApp(page);
  assert.equal(await page.locator('#loading-shell').count(), 0);
  assert.equal(await page.evaluate(() => document.documentElement.classList.contains('load-failed')), false);
});

appTest('the wasm is compiled by a worker, off the page', async ({ page }) => {
  const workers = [];
  page.on('worker', (worker) => workers.push(worker.url()));
  await page.goto(server.url);
  await waitForApp(page);
  assert.deepEqual(
    workers.map((url) => new URL(url).pathname),
    ['/tools/funnelsim/compile-wasm.js'],
  );
});
