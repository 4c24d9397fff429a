// sla.test.mjs: end-to-end tests of the marketing–sales SLA tab on the release build in headless Chromium (steps, pacing, charts, saving, files).
//
// Same harness as the other e2e files: a fresh context per test, no request outside the app, no page error
// or panic; every wait is for a DOM condition or a download.
import assert from 'node:assert/strict';
import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {
  server,
  appTest,
  expectKpi,
  readKpi,
  setField,
  expectFieldError,
  assertNoBadNumbers,
  assertChartDrawn,
  captureDownload,
  gotoTab,
  waitForMount,
} from './harness.mjs';

/** Opens the SLA tab, starts the example and tracks an empty month (2030-01, as of day 10). */
async function startSla(page) {
  await page.goto(server.url + '?view=sla');
  await waitForMount(page);
  await page.locator('#sla-start').click();
  await page.locator('#field-sla-rate-0-0').waitFor();
  await setField(page, 'field-sla-month', '2030-01');
  await setField(page, 'field-sla-day', '10');
  await expectKpi(page, 'sla_delivered', 0);
}

/** Σ of the required leads shown per segment (unreachable cells hold ""). */
async function requiredCells(page) {
  return page.locator('[data-sla-required]').evaluateAll((cells) =>
    cells.map((c) => (c.dataset.value === '' ? null : Number(c.dataset.value))),
  );
}

appTest('the SLA starts from the example, follows every step and draws both charts', async ({ page }) => {
  await startSla(page);
  const total = await readKpi(page, 'sla_total_required');
  const cells = await requiredCells(page);
  assert.equal(cells.length, 15, 'five channels × three personas');
  assert.equal(cells.reduce((a, b) => a + b, 0), total, 'the total is the sum of the segments');
  // The committed SLA equals the revenue the segments produce: at least the €166,667 target, by less than a lead per segment.
  const committed = await readKpi(page, 'sla_committed_revenue');
  assert.ok(committed >= 166_667 && committed < 166_667 + 15 * 1_000, `committed ${committed}`);
  assert.match(await page.locator('#sla-marketing-commitment').textContent(), new RegExp(`deliver ${total.toLocaleString('en-US')} leads in 2030-01`));
  assert.match(await page.locator('#sla-sales-commitment').textContent(), /within 24 hours/);

  // Step 3: leads typed for day 3 count in the month to date; behind channels are flagged.
  await setField(page, 'sla-entry-day', '3');
  await setField(page, 'field-sla-actual-3-0-0', '12');
  await setField(page, 'field-sla-actual-3-1-1', '8');
  await expectKpi(page, 'sla_delivered', 20);
  await expectKpi(page, 'sla_needed_per_day', (total - 20) / 21);
  assert.ok(await page.locator('#sla-pace-channels tr[data-pace="2"][data-behind]').count(), 'E-mail delivered nothing: behind');
  await assertChartDrawn(page, 'sla-pacing');
  await assertChartDrawn(page, 'sla-leads');

  // Doubling the target about doubles the commitment.
  await setField(page, 'field-sla-target', '333334');
  await page.waitForFunction((t) => Number(document.querySelector('[data-kpi="sla_total_required"]').dataset.value) >= 2 * t - 15, total);

  // Bad input: a message next to the field, the last good figures kept.
  const before = await readKpi(page, 'sla_total_required');
  for (const bad of ['abc', '-3', '101']) {
    await setField(page, 'field-sla-rate-2-1', bad);
    await expectFieldError(page, 'sla-rate-2-1');
    assert.equal(await readKpi(page, 'sla_total_required'), before);
  }
  await setField(page, 'field-sla-actual-3-0-0', '1.5');
  await expectFieldError(page, 'sla-actual-3-0-0');
  await expectKpi(page, 'sla_delivered', 20);

  // A 0 % rate: that segment is unreachable, never infinite; an empty one is reported.
  await setField(page, 'field-sla-rate-2-1', '0');
  await page.locator('[data-sla-required="2:1"]', { hasText: 'unreachable' }).waitFor();
  await setField(page, 'field-sla-rate-2-1', '');
  await page.locator('#sla-problems', { hasText: 'E-mail × Mid-size company is empty' }).waitFor();
  await setField(page, 'field-sla-sale-0', '');
  await page.locator('#sla-problems', { hasText: 'Small business has no average sale' }).waitFor();
  await assertNoBadNumbers(page);
});

appTest('the SLA is saved with the scenario, survives a reload, and travels in its JSON file', async ({ page, newContext }) => {
  await startSla(page);
  await setField(page, 'field-sla-channel-0', 'SEO');
  await setField(page, 'sla-entry-day', '2');
  await setField(page, 'field-sla-actual-2-0-2', '7');
  await expectKpi(page, 'sla_delivered', 7);
  const total = await readKpi(page, 'sla_total_required');

  await gotoTab(page, 'scenarios');
  await setField(page, 'library-save-name', 'With SLA');
  await page.locator('#library-save').click();
  await page.locator('#saved-list li[data-saved-id]').waitFor();
  await page.reload();
  await waitForMount(page);
  await gotoTab(page, 'scenarios');
  await page.locator('#saved-list li[data-saved-id] [data-action="open"]').click();
  await gotoTab(page, 'sla');
  await expectKpi(page, 'sla_total_required', total);
  await expectKpi(page, 'sla_delivered', 7);
  assert.equal(await page.locator('#field-sla-channel-0').inputValue(), 'SEO');

  // The scenario file carries the SLA, and opens it in an empty browser.
  await gotoTab(page, 'model');
  const file = await captureDownload(page, () => page.locator('#export-scenario-json').click());
  const json = JSON.parse(file.text);
  assert.equal(json.scenario.sla.channels[0], 'SEO');
  assert.equal(json.scenario.sla.month, '2030-01');
  const dir = await mkdtemp(path.join(os.tmpdir(), 'funnelsim-sla-'));
  const saved = path.join(dir, file.name);
  await writeFile(saved, file.buffer);

  const fresh = await (await newContext()).newPage();
  await fresh.goto(server.url + '?view=scenarios');
  await waitForMount(fresh);
  await fresh.setInputFiles('#library-import-file', saved);
  await gotoTab(fresh, 'sla');
  await expectKpi(fresh, 'sla_total_required', total);
  await expectKpi(fresh, 'sla_delivered', 7);
  await assertNoBadNumbers(fresh);
});
