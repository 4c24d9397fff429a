// truth.test.mjs: every tab tells the same truth. For the default scenario, each tab's KPIs are read (label and
// data-value) and every label shown in more than one place must show one number; the two CAC paybacks, which are
// different figures, have different names, each with its formula.
import assert from 'node:assert/strict';
import { DEFAULT_QUERY, appTest, close, openApp, server, waitForApp, waitForMount } from './harness.mjs';

/** Every KPI of the page: [{ label, value, formula }] from .kpi blocks, and the comparison's baseline column. */
function kpisOf(page) {
  return page.evaluate(() => {
    const out = [];
    for (const block of document.querySelectorAll('.kpi')) {
      const dd = block.querySelector('dd[data-kpi]');
      if (!dd) continue;
      out.push({
        label: block.querySelector('dt')?.textContent.trim(),
        value: dd.dataset.value,
        formula: block.querySelector('dd.formula')?.textContent.trim() ?? null,
      });
    }
    for (const row of document.querySelectorAll('table[data-table="comparison"] tbody tr')) {
      const cell = row.querySelector('td[data-compare$=":0"]');
      if (cell) out.push({ label: row.querySelector('th[scope="row"]')?.textContent.trim(), value: cell.dataset.value, formula: null });
    }
    return out;
  });
}

appTest('one name, one number: every tab shows the same figure under the same name', async ({ page }) => {
  const seen = new Map(); // label -> [{ view, value }]
  const record = (view, kpis) => {
    assert.ok(kpis.length > 0, `${view} shows KPIs`);
    for (const { label, value } of kpis) {
      if (!seen.has(label)) seen.set(label, []);
      seen.get(label).push({ view, value });
    }
  };

  await openApp(page, DEFAULT_QUERY);
  const model = await kpisOf(page);
  record('model', model);

  await page.goto(server.url + DEFAULT_QUERY + '&embed=1');
  await waitForApp(page);
  record('embed', await kpisOf(page));

  await page.goto(server.url + DEFAULT_QUERY + '&view=forecast');
  await waitForMount(page);
  await page.locator('#forecast-start').click();
  await page.locator('[data-kpi="fc_break_even"]').waitFor();
  const forecast = await kpisOf(page);
  record('forecast', forecast);

  const base = DEFAULT_QUERY.slice(1);
  const variant = base.replace('Visitors:120000', 'Visitors:240000');
  await page.goto(server.url + `?view=compare&s=${encodeURIComponent(`name=Baseline&${base}`)}&s=${encodeURIComponent(`name=Double&${variant}`)}`);
  await page.locator('table[data-table="comparison"]').waitFor();
  record('compare', await kpisOf(page));

  const disagreements = [];
  for (const [label, places] of seen) {
    const numbers = places.filter((p) => p.value !== '' && p.value !== undefined);
    const first = numbers[0];
    if (first && numbers.some((p) => !close(Number(p.value), Number(first.value)))) {
      disagreements.push(`${label}: ${numbers.map((p) => `${p.view}=${p.value}`).join(', ')}`);
    }
  }
  assert.deepEqual(disagreements, [], 'a name shows different numbers in different tabs');

  // The two paybacks: different figures (3.8 and 0.3 months here), so different names, each with its formula.
  const modelPayback = model.find((k) => k.label.startsWith('CAC payback'));
  const forecastPayback = forecast.find((k) => k.label.startsWith('CAC payback'));
  assert.equal(modelPayback.label, 'CAC payback at the average monthly margin');
  assert.equal(forecastPayback.label, 'CAC payback over the projection');
  assert.ok(close(Number(modelPayback.value), 300_000 / 90 / (15_000 * 0.7 / 12)), modelPayback.value);
  assert.ok(Number(forecastPayback.value) < 1, forecastPayback.value);
  assert.match(modelPayback.formula, /÷ 12/);
  assert.match(forecastPayback.formula, /as the projection earns it/);
  assert.equal(seen.get('CAC payback at the average monthly margin').map((p) => p.view).sort().join(), 'compare,model');
});
