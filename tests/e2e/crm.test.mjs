// crm.test.mjs: end-to-end tests of the CRM import (issue 5, first slice): a CSV export read in the browser, its KPIs, a Windows-1252 French export, bad files, "use as baseline".
//
// The harness fails any test whose page makes a request outside the app's own files, so each test
// also proves that the import uploads nothing.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import os from 'node:os';
import path from 'node:path';
import {
  server,
  appTest,
  expectKpi,
  assertNoBadNumbers,
  assertChartDrawn,
  gotoTab,
  waitForMount,
  seedLocalStorageOnce,
  localStorageEntries,
  tempFile,
  crmTotalKpi,
} from './harness.mjs';

// The export of tests/crm_kpi.rs (tests/golden/crm-hand-computed.csv), whose KPIs are computed by hand
// there, plus a row whose date cannot be read.
const EXPORT =
  readFileSync(path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'golden', 'crm-hand-computed.csv'), 'utf8') +
  `yesterday,lead,,Organic search,,,,\n`;



appTest('a CRM export is read in the browser: KPIs, skipped rows and "use as baseline"', async ({ page }) => {
  await page.goto(server.url + '?view=crm');
  await waitForMount(page);
  await page.setInputFiles('#crm-file', await tempFile('hubspot.csv', EXPORT));
  await page.locator('#crm-summary', { hasText: '8 rows read over 2 months; 1 skipped' }).waitFor();
  assert.match(await page.locator('#crm-problems').textContent(), /line 10: “yesterday” is not a date/);
  assert.ok(Math.abs((await crmTotalKpi(page, 'sal')) - 5 / 6) < 1e-12);
  assert.ok(Math.abs((await crmTotalKpi(page, 'follow_up')) - 5 / 6) < 1e-12);
  assert.ok(Math.abs((await crmTotalKpi(page, 'marketing_share')) - 15000 / 35000) < 1e-12);
  assert.ok(Math.abs((await crmTotalKpi(page, 'win_rate')) - 2 / 3) < 1e-12);
  assert.equal(await crmTotalKpi(page, 'response_median'), 20);
  assert.equal(await page.locator('#crm-by-channel tbody tr').count(), 5, 'four channels and the total');
  await assertChartDrawn(page, 'crm-channels');
  await assertChartDrawn(page, 'crm-months');
  assert.equal(await page.locator('#crm-map-owner').inputValue(), '4');
  // Spend per channel: cost per lead and per opportunity; bad text keeps the last amount.
  const paid = page.locator('#crm-costs tr[data-crm-cost="Paid ads"]');
  const index = await page.locator('#crm-costs tbody tr').evaluateAll((rows) => rows.findIndex((r) => r.dataset.crmCost === 'Paid ads'));
  await page.locator(`#crm-costs-spend-${index}`).fill('3 000');
  await page.waitForFunction(() => document.querySelector('#crm-costs tr[data-crm-cost="Paid ads"] td:nth-child(4)')?.dataset.value === '1500');
  await page.locator(`#crm-costs-spend-${index}`).fill('-5');
  await page.locator(`#crm-costs-spend-${index}-error`).waitFor();
  assert.equal(await paid.locator('td:nth-child(4)').getAttribute('data-value'), '1500');
  // Spend per month: February has 3 leads and 3 opportunities (rows 5–7).
  await page.locator('#crm-costs-by-month-spend-1').fill('900');
  await page.waitForFunction(() => document.querySelector('#crm-costs-by-month tr[data-crm-cost="2026-02"] td:nth-child(4)')?.dataset.value === '300');
  assert.equal(await page.locator('#crm-costs-by-month tr[data-crm-cost="2026-02"] td:nth-child(6)').getAttribute('data-value'), '300');
  // The user says which channels are sales-sourced: organic search too leaves e-mail's 5,000 of 35,000.
  await page.locator('#crm-sales-channels input[data-channel="Organic search"]').check();
  await page.waitForFunction(() => {
    const cell = document.querySelector('#crm-by-channel tr[data-crm-row="total"] [data-kpi-crm="marketing_share"]');
    return Math.abs(Number(cell?.dataset.value) - 5000 / 35000) < 1e-12;
  });
  assert.ok(await page.locator('#crm-sales-channels input[data-channel="Outbound"]').isChecked(), 'outbound is sales by its name');
  await assertNoBadNumbers(page);

  await page.locator('#crm-baseline').click();
  await page.locator('#tab-model[aria-selected="true"]').waitFor();
  await expectKpi(page, 'stage_count_0', 4); // 8 subscribers over 2 months
  assert.equal(await page.locator('#field-basket').inputValue(), '12500');

  // The sales-sourced channels are remembered in this browser.
  await page.goto(server.url + '?view=crm');
  await waitForMount(page);
  await page.setInputFiles('#crm-file', await tempFile('hubspot-again.csv', EXPORT));
  await page.locator('#crm-sales-channels input[data-channel="Organic search"]:checked').waitFor();
});

appTest('a French Excel export (Windows-1252, semicolons, dd/mm/yyyy, decimal commas) and broken files', async ({ page }) => {
  const french =
    'Date de création;Étape du cycle de vie;Source d\'origine;Propriétaire;Montant;Étape de la transaction\r\n' +
    '14/01/2026;Opportunité;Référencement;Hélène;12 500,50;Négociation\r\n' +
    '15/01/2026;Client;Référencement;Hélène;1.234,5;Gagnée\r\n' +
    '16/01/2026;Prospect;Salon;;;\r\n';
  const latin1 = Buffer.from(french, 'latin1'); // é, É, è in Windows-1252
  await page.goto(server.url + '?view=crm');
  await waitForMount(page);
  await page.setInputFiles('#crm-file', await tempFile('export-fr.csv', latin1));
  await page.locator('#crm-summary', { hasText: '3 rows read over 1 month.' }).waitFor();
  assert.equal(await page.locator('#crm-by-channel tr[data-crm-row="Référencement"]').count(), 1, 'accents decoded');
  assert.ok(Math.abs((await crmTotalKpi(page, 'win_rate')) - 0.5) < 1e-12);

  // Correcting the mapping re-reads the file, and is remembered for the next export with this header.
  await page.locator('#crm-map-owner').selectOption('');
  await page.locator('#crm-by-owner tr[data-crm-row="(no owner)"]').waitFor();
  await page.setInputFiles('#crm-file', await tempFile('export-fr-2.csv', latin1));
  await page.locator('#crm-summary').waitFor();
  await page.locator('#crm-by-owner tr[data-crm-row="(no owner)"]').waitFor();
  assert.equal(await page.locator('#crm-map-owner').inputValue(), '');

  for (const [name, content, message] of [
    ['empty.csv', '', /empty/],
    ['photo.csv', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 13, 0x49, 0x48]), /binary/],
    ['contacts.csv', 'Name,Email\nAnn,ann@example.com\n', /No column was recognised for: Created date, Lifecycle stage/],
  ]) {
    await page.setInputFiles('#crm-file', await tempFile(name, content));
    await page.locator('#crm-error', { hasText: message }).waitFor();
  }
  await gotoTab(page, 'model');
  await expectKpi(page, 'customers', 90); // the scenario is untouched
});

appTest('an export dropped on the page (tab-separated, UTF-8 with a BOM, quoted fields) is read', async ({ page }) => {
  await page.goto(server.url + '?view=crm');
  await waitForMount(page);
  const tsv =
    '\ufeffCreate Date\tLifecycle Stage\tOriginal Source\tAmount\tNotes\r\n' +
    '2026-03-02 09:00\topportunity\tWebinar\t4000\t"met at the ""big"" fair\ncall back"\r\n' +
    '2026-03-03 10:00\tcustomer\tWebinar\t6000\t\r\n';
  const dataTransfer = await page.evaluateHandle((text) => {
    const transfer = new DataTransfer();
    transfer.items.add(new File([text], 'dropped.tsv', { type: 'text/tab-separated-values' }));
    return transfer;
  }, tsv);
  await page.dispatchEvent('#crm-drop', 'dragover', { dataTransfer });
  await page.dispatchEvent('#crm-drop', 'drop', { dataTransfer });
  await page.locator('#crm-summary', { hasText: '2 rows read over 1 month.' }).waitFor();
  assert.equal(await page.locator('#crm-map-created').inputValue(), '0', 'the BOM does not hide the first header');
  assert.ok(Math.abs((await crmTotalKpi(page, 'win_rate')) - 0.5) < 1e-12);
  await page.locator('#crm-by-channel tr[data-crm-row="Webinar"]').waitFor();
});

appTest('"try with sample data" reads the shipped English and French exports', async ({ page }) => {
  await page.goto(server.url + '?view=crm');
  await waitForMount(page);
  await page.locator('#crm-sample-en').click();
  await page.locator('#crm-summary', { hasText: '600 rows read over 6 months.' }).waitFor();
  assert.equal(await page.locator('#crm-by-channel tbody tr').count(), 6, 'five channels and the total');
  await page.locator('#crm-sample-fr').click();
  await page.locator('#crm-summary', { hasText: '400 rows read over 6 months.' }).waitFor();
  await page.locator('#crm-by-channel tr[data-crm-row="Référencement naturel"]').waitFor();
  await assertNoBadNumbers(page);
});

appTest('the sample export times its stages, lists its stalled deals, and its measured cycle becomes the projection\'s', async ({ page }) => {
  await page.goto(server.url + '?view=crm');
  await waitForMount(page);
  await page.locator('#crm-sample-en').click();
  await page.locator('#crm-stage-times').waitFor();
  // Every step of the sample is measured: median ≤ p90, and each is a number of days.
  for (const step of ['lead', 'mql', 'sql', 'opportunity', 'cycle']) {
    const row = page.locator(`#crm-stage-times tr[data-step="${step}"]`);
    const median = Number(await row.locator('td:nth-of-type(2)').getAttribute('data-value'));
    const p90 = Number(await row.locator('td:nth-of-type(3)').getAttribute('data-value'));
    assert.ok(median > 0 && median <= p90, `${step}: median ${median}, p90 ${p90}`);
  }
  const stalled = Number(await page.locator('#crm-stalled').getAttribute('data-count'));
  assert.ok(stalled > 0, 'the sample has open deals older than the p90');
  assert.equal(
    Number(await page.locator('#crm-owner-pipeline tr[data-owner="total"] [data-kpi-owner="stalled"]').textContent()),
    stalled,
  );
  assert.ok(Number(await page.locator('#crm-velocity').getAttribute('data-value')) > 0);
  const measured = await page.locator('#crm-use-cycle').getAttribute('data-value');
  await page.locator('#crm-use-cycle').click();
  await page.locator(`#crm-cycle-in-use[data-value="${measured}"]`).waitFor();
  await gotoTab(page, 'forecast');
  assert.equal(await page.locator('#fc-cycle').inputValue(), measured);
  // The link carries it: a reload shows the same cycle.
  await page.reload();
  await page.locator('#fc-cycle').waitFor();
  assert.equal(await page.locator('#fc-cycle').inputValue(), measured);
  await assertNoBadNumbers(page);
});

appTest('a 2 GB file is refused with a message, without reading it', async ({ page }) => {
  await page.goto(server.url + '?view=crm');
  await waitForMount(page);
  // A sparse 2 GB file: the browser knows its size without reading it.
  const dir = await mkdtemp(path.join(os.tmpdir(), 'funnelsim-crm-huge-'));
  const huge = path.join(dir, 'huge.csv');
  const { open } = await import('node:fs/promises');
  const handle = await open(huge, 'w');
  await handle.truncate(2 * 1024 * 1024 * 1024);
  await handle.close();
  await page.setInputFiles('#crm-file', huge);
  await page.locator('#crm-error', { hasText: 'This file is 2,048 MB: funnelsim reads exports up to 200 MB' }).waitFor();
});

// Preferences this version cannot read (garbage, an array, a future format) are kept aside, exactly, before a
// new choice is written over them, and the user is told where.
appTest('unreadable CRM preferences are kept aside before a new choice replaces them', async ({ page, context }) => {
  const seeded = {
    'funnelsim.crm.sales-channels': '[1,2',
    'funnelsim.crm.mapping': '{"format":"funnelsim.crm.mapping","version":9}',
  };
  await seedLocalStorageOnce(context, seeded);
  await page.goto(server.url + '?view=crm');
  await waitForMount(page);
  await page.setInputFiles('#crm-file', await tempFile('hubspot.csv', EXPORT));
  await page.locator('#crm-summary', { hasText: '8 rows read' }).waitFor();

  await page.locator('#crm-sales-channels input[data-channel="Organic search"]').check();
  await page.locator('#notice', { hasText: 'Earlier preferences stored under “funnelsim.crm.sales-channels” could not be read' }).waitFor();
  await page.locator('#crm-map-owner').selectOption('');
  await page.locator('#notice', { hasText: 'Earlier preferences stored under “funnelsim.crm.mapping” could not be read' }).waitFor();

  const entries = await localStorageEntries(page);
  for (const [key, text] of Object.entries(seeded)) {
    const kept = Object.entries(entries).filter(([k]) => k.startsWith(`${key}.unreadable.`));
    assert.deepEqual(kept.map(([, v]) => v), [text], `${key} kept aside once, as it was`);
    JSON.parse(entries[key]); // the new choice is stored, readable
    assert.notEqual(entries[key], text);
  }
});

// The number style of a file's amounts is detected per file and shown in the mapping panel, where the user can
// correct it: "1.500" alone reads as one and a half in an English file, and as fifteen hundred once corrected.
appTest('the amounts’ number style is shown and can be corrected', async ({ page }) => {
  const csv =
    'Create Date,Lifecycle Stage,Original Source,Amount\n' +
    '2026-01-05,customer,Organic search,1.500\n' +
    '2026-01-06,customer,Organic search,2.500\n';
  await page.goto(server.url + '?view=crm');
  await waitForMount(page);
  await page.setInputFiles('#crm-file', await tempFile('amounts.csv', csv));
  await page.locator('#crm-summary', { hasText: '2 rows read' }).waitFor();
  assert.equal(await page.locator('#crm-number-style').inputValue(), 'dot');
  await page.locator('#crm-baseline').click();
  await page.locator('#tab-model[aria-selected="true"]').waitFor();
  assert.equal(await page.locator('#field-basket').inputValue(), '2');

  await page.goto(server.url + '?view=crm');
  await waitForMount(page);
  await page.setInputFiles('#crm-file', await tempFile('amounts-again.csv', csv));
  await page.locator('#crm-summary', { hasText: '2 rows read' }).waitFor();
  await page.locator('#crm-number-style').selectOption('comma');
  await page.waitForFunction(() => document.getElementById('crm-number-style')?.value === 'comma');
  await page.locator('#crm-summary', { hasText: '2 rows read' }).waitFor();
  await page.locator('#crm-baseline').click();
  await page.locator('#tab-model[aria-selected="true"]').waitFor();
  assert.equal(await page.locator('#field-basket').inputValue(), '2000');
});

appTest('a 200,000-row export is read while the page keeps answering (no long main-thread task)', async ({ page }) => {
  // 200,000 rows, every 10th one a customer: counted exactly below.
  const lines = ['Create Date,Lifecycle Stage,Original Source,Amount'];
  for (let i = 0; i < 200_000; i++) {
    const day = String(1 + (i % 28)).padStart(2, '0');
    lines.push(`2026-03-${day} 09:00,${i % 10 === 0 ? 'customer' : 'lead'},${i % 2 ? 'Paid ads' : 'Events'},${i % 10 === 0 ? 1000 : ''}`);
  }
  const big = await tempFile('big.csv', lines.join('\n') + '\n');
  await page.addInitScript(() => {
    globalThis.__longest = 0;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) globalThis.__longest = Math.max(globalThis.__longest, e.duration);
    }).observe({ type: 'longtask', buffered: true });
  });
  await page.goto(server.url + '?view=crm');
  await waitForMount(page);
  const before = await page.evaluate(() => {
    const longest = globalThis.__longest;
    globalThis.__longest = 0;
    return longest;
  });
  await page.setInputFiles('#crm-file', big);
  await page.locator('#crm-summary', { hasText: '200,000 rows read over 1 month.' }).waitFor({ timeout: 120_000 });
  assert.equal(await crmTotalKpi(page, 'win_rate'), 1, 'every opportunity is a customer');
  const longest = await page.evaluate(() => globalThis.__longest);
  assert.ok(longest < 120, `longest main-thread task ${longest} ms during the import (start-up: ${before} ms)`);
});
