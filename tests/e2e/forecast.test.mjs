// forecast.test.mjs: end-to-end tests of the forecast tab (issue 6): the monthly projection typed like a
// user would (bad input keeps the last good figures), its charts, and the Monte Carlo in the page: a
// 100,000-trial run, a million-trial run streaming its results, a link that reproduces the same numbers, and the golden forecast's
// percentiles equal to the native ones (tests/golden/forecast/saas_forecast.summary.json).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { server, appTest, REPO, WAIT_MS, expectKpi, readKpi, assertNoBadNumbers, assertChartDrawn, waitForMount } from './harness.mjs';

const GOLDEN_URL = readFileSync(path.join(REPO, 'tests/golden/saas_forecast.url'), 'utf8').trim();
const GOLDEN_SUMMARY = JSON.parse(readFileSync(path.join(REPO, 'tests/golden/forecast/saas_forecast.summary.json'), 'utf8'));
const GOLDEN_PROJECTION = JSON.parse(readFileSync(path.join(REPO, 'tests/golden/forecast/saas_forecast.projection.json'), 'utf8'));

const near = (a, b) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b));

/** The Monte Carlo's figure `name` (e.g. revenue_p50) as a number, or null when undefined. */
async function mc(page, name) {
  const value = await page.locator(`[data-mc="${name}"]`).getAttribute('data-value');
  return value === '' ? null : Number(value);
}

/** Waits until the run has done every trial. */
async function runDone(page, timeout = 120_000) {
  await page.locator('#mc-progress[data-done="true"]').waitFor({ timeout });
}

appTest('a monthly projection: typed settings, bad input kept aside, charts and the link', async ({ page }) => {
  await page.goto(server.url + '?view=forecast');
  await waitForMount(page);
  await page.locator('#forecast-start').click();
  // The default scenario over 24 months with a 60-day cycle: customers from month 3, break-even soon after.
  await page.locator('[data-kpi="fc_break_even"]').waitFor();
  const breakEven = await readKpi(page, 'fc_break_even');
  assert.ok(breakEven >= 3 && breakEven <= 24, `break-even month ${breakEven}`);
  assert.equal(await page.locator('#forecast-months tbody tr').count(), 24);
  assert.equal(await page.locator('#forecast-months tr[data-month="1"] td:nth-child(3)').getAttribute('data-value'), '0', 'no customer before the cycle allows');
  for (const chart of ['forecast-cash', 'forecast-customers', 'forecast-volumes']) await assertChartDrawn(page, chart);
  await page.waitForFunction(() => location.search.includes('pj_months=24'));

  // Bad input: a message next to the field, the last good figures kept.
  const won = await readKpi(page, 'fc_customers_won');
  await page.locator('#fc-months').fill('40');
  await page.locator('#fc-months-error').waitFor();
  assert.equal(await page.locator('#fc-months').getAttribute('aria-invalid'), 'true');
  assert.equal(await readKpi(page, 'fc_customers_won'), won);
  await page.locator('#fc-churn').fill('abc');
  await page.locator('#fc-churn-error', { hasText: 'not a number' }).waitFor();
  await page.locator('#fc-months').fill('12');
  await page.waitForFunction(() => document.querySelectorAll('#forecast-months tbody tr').length === 12);
  assert.ok((await readKpi(page, 'fc_customers_won')) < won, 'a shorter horizon wins fewer customers');

  // Growing volume and a subscription: MRR and ARR appear, ARR = 12 × MRR.
  await page.locator('#fc-growth-kind').selectOption('growing');
  await page.locator('#fc-growth').fill('10');
  await page.locator('#fc-revenue-model').selectOption('subscription');
  await page.locator('[data-kpi="fc_arr"]').waitFor();
  assert.ok(near(await readKpi(page, 'fc_arr'), 12 * (await readKpi(page, 'fc_mrr'))));
  await assertNoBadNumbers(page);

  // The link carries the projection: a new page shows the same figures.
  await page.waitForFunction(() => location.search.includes('pj_growth=pct%3A10') || location.search.includes('pj_growth=pct:10'));
  const link = page.url();
  const arr = await readKpi(page, 'fc_arr');
  const other = await page.context().newPage();
  await other.goto(link);
  await expectKpi(other, 'fc_arr', arr);
});

appTest('the golden forecast link gives the native percentiles in the page', async ({ page }) => {
  await page.goto(server.url + GOLDEN_URL + '&view=forecast');
  await waitForMount(page);
  await runDone(page);
  await expectKpi(page, 'fc_customers_won', GOLDEN_PROJECTION.customers_won);
  for (const [metric, key] of [['customers', 'customers'], ['revenue', 'revenue'], ['cac', 'cac'], ['roi_revenue', 'roi'], ['required_leads', 'required_leads']]) {
    for (const q of ['p10', 'p50', 'p90']) {
      const expected = GOLDEN_SUMMARY[metric][q];
      const shown = await mc(page, `${key}_${q}`);
      assert.ok(expected === null ? shown === null : near(shown, expected), `${key} ${q}: ${shown} vs native ${expected}`);
    }
  }
  const probability = Number(await page.locator('#mc-target-probability').getAttribute('data-value'));
  assert.ok(near(probability, GOLDEN_SUMMARY.target_probability), `${probability} vs ${GOLDEN_SUMMARY.target_probability}`);
  await assertChartDrawn(page, 'forecast-histogram');
  await assertChartDrawn(page, 'forecast-fan');
  await assertNoBadNumbers(page);
});

appTest('100,000 trials run in the page, a shared link reproduces them, a million stream in', async ({ page }) => {
  await page.goto(server.url + '?view=forecast');
  await waitForMount(page);
  await page.locator('#forecast-start').click();
  await page.locator('#mc-start').click();
  await runDone(page);
  await page.locator('#fc-trials').fill('100000');
  await runDone(page);
  assert.match(await page.locator('#mc-results caption').textContent(), /100,000 trials/);
  const p10 = await mc(page, 'revenue_p10');
  const p50 = await mc(page, 'revenue_p50');
  const p90 = await mc(page, 'revenue_p90');
  assert.ok(p10 < p50 && p50 < p90, `${p10} < ${p50} < ${p90}`);
  // P50 near the result without uncertainty (±20 % symmetric ranges on every rate).
  const certain = 1_350_000; // 90 customers × €15,000 a year
  assert.ok(Math.abs(p50 - certain) / certain < 0.05, `P50 ${p50} near ${certain}`);
  await page.waitForFunction(() => location.search.includes('mc_trials=100000'));

  // Another page with the same link runs the same trials: the same numbers.
  const other = await page.context().newPage();
  await other.goto(page.url());
  await runDone(other);
  for (const name of ['revenue_p10', 'revenue_p50', 'revenue_p90', 'cac_p50', 'required_leads_p90']) {
    assert.equal(await mc(other, name), await mc(page, name), name);
  }
  // A million trials: the results stream in (partial summaries are shown before the last trial).
  await page.evaluate(() => {
    globalThis.__progress = [];
    new MutationObserver(() => globalThis.__progress.push(Number(document.querySelector('#mc-progress')?.getAttribute('value')))).observe(
      document.querySelector('#mc-heading').closest('section'),
      { subtree: true, attributes: true, attributeFilter: ['value'] },
    );
  });
  await page.locator('#fc-trials').fill('1000000');
  await page.waitForFunction(() => document.querySelector('#mc-progress')?.getAttribute('max') === '1000000');
  await runDone(page);
  const seen = await page.evaluate(() => globalThis.__progress.filter((v) => v > 0 && v < 1_000_000));
  assert.ok(seen.length >= 2, `partial results shown: ${seen}`);
  assert.match(await page.locator('#mc-results caption').textContent(), /1,000,000 trials/);

  // A new seed gives other draws.
  await other.locator('#mc-new-seed').click();
  await other.waitForFunction((before) => {
    const cell = document.querySelector('[data-mc="revenue_p50"]');
    return document.querySelector('#mc-progress[data-done="true"]') && cell && cell.dataset.value !== String(before);
  }, p50, { timeout: 120_000 });
});

appTest('Monte Carlo inputs: observed counts, bad ranges and removal', async ({ page }) => {
  await page.goto(server.url + '?view=forecast');
  await waitForMount(page);
  await page.locator('#mc-start').click();
  await runDone(page);
  // Customers rate from observed counts: 120 won of 300 opportunities.
  await page.locator('#fc-kind-rate-5').selectOption('observed');
  await page.locator('#fc-observed-rate-5').fill('300');
  await page.locator('#fc-successes-rate-5').fill('120');
  await page.waitForFunction(() => location.search.includes('mc_rate=5%3A120%2F300') || location.search.includes('mc_rate=5:120/300'));
  await runDone(page);
  // A range out of order: a message, the last good range kept (the link unchanged).
  const before = page.url();
  await page.locator('#fc-low-rate-1').fill('9');
  await page.locator('#fc-low-rate-1-error', { hasText: 'low ≤ likely ≤ high' }).waitFor();
  assert.equal(page.url(), before);
  await page.locator('#mc-remove').click();
  await page.locator('#mc-start').waitFor();
  await page.waitForFunction(() => !location.search.includes('mc_'));
});

appTest('the Monte Carlo runs in one worker per core, with the same results for 1 and 4 workers, the page answering throughout', async ({ page, context }) => {
  const golden = readFileSync(path.join(REPO, 'tests/golden/saas_forecast.url'), 'utf8').trim();
  const link = (trials) => golden.replace(/mc_trials=\d+/, `mc_trials=${trials}`) + '&view=forecast';
  const results = {};
  for (const cores of [1, 4]) {
    const tab = await context.newPage();
    // The cores the browser reports: the pool takes one worker per core.
    await tab.addInitScript((n) => Object.defineProperty(Navigator.prototype, 'hardwareConcurrency', { get: () => n }), cores);
    await tab.addInitScript(() => {
      globalThis.__longest = 0;
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) globalThis.__longest = Math.max(globalThis.__longest, e.duration);
      }).observe({ type: 'longtask', buffered: true });
    });
    await tab.goto(server.url + link(300_000));
    await tab.locator('#mc-progress[data-done="true"]').waitFor({ timeout: WAIT_MS * 4 });
    assert.equal(await tab.locator('#mc-progress').getAttribute('data-workers'), String(cores), 'the trials ran in the pool');
    results[cores] = await tab.locator('[data-mc]').evaluateAll((cells) => cells.map((c) => `${c.dataset.mc}=${c.dataset.value}`));
    // A new run while clicks come: the page keeps answering them (no task over 200 ms).
    const before = await tab.evaluate(() => globalThis.__longest);
    await tab.fill('#fc-trials', '1000000');
    let clicks = 0;
    while ((await tab.locator('#mc-progress[data-done="true"][max="1000000"]').count()) === 0) {
      await tab.locator('#mc-heading').click();
      clicks += 1;
    }
    const longest = await tab.evaluate(() => globalThis.__longest);
    assert.ok(clicks > 1, `the page answered ${clicks} clicks during the run`);
    assert.ok(longest < 120, `longest main-thread task ${longest} ms (before the run: ${before} ms)`);
    await tab.close();
  }
  assert.ok(results[1].length > 10, results[1].join(' '));
  assert.deepEqual(results[4], results[1], 'the same figures with 1 and 4 workers');
});
