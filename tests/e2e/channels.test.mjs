// channels.test.mjs: the Channels panel in real Chromium. A user builds a 4-channel mix (a cost per lead, a
// quality factor, a saturating curve, a fixed count), sees the blended funnel and the best split, applies it
// (and undoes it), shares the link, and a fresh browser opening it sees the same mix and the same split.
//
// The numbers (default scenario from the leads: 40 % → MQL, 50 % → SQL, 60 % → opportunity, 25 % → customer,
// 0.03 customers per lead):
// - Paid search: 60,000 € at 120 € per lead = 500 leads, 15 customers;
// - Events: 30,000 € at 300 € per lead, quality × 1.5 = 100 leads, 4.5 customers;
// - Content: 50,000 €, 2,000 · (1 − e^(−spend ÷ 100,000)) = 786.94 leads, 23.608 customers;
// - E-mail: 10,000 €, a fixed 200 leads, 6 customers.
// Best split of the 150,000 € for customers: content up to 100,000 · ln 2.4 = 87,546.87 € (where its next euro
// buys what paid search's does, 0.00025 customers), paid search the remaining 62,453.13 €, events and e-mail
// nothing (e-mail's leads come whatever the spend).
import assert from 'node:assert/strict';
import {
  DEFAULT_QUERY, appTest, expectKpiNear, assertNoBadNumbers, expectKpi, openApp, readKpi, setField, waitForApp, waitForDraws,
} from './harness.mjs';

const PER_LEAD = 0.4 * 0.5 * 0.6 * 0.25;
const CONTENT_LEADS = 2000 * (1 - Math.exp(-0.5));
const CUSTOMERS_NOW = 15 + 4.5 + CONTENT_LEADS * PER_LEAD + 200 * PER_LEAD;
const CONTENT_BEST = 100_000 * Math.log(2.4);
const PAID_BEST = 150_000 - CONTENT_BEST;
const CUSTOMERS_BEST = 2000 * (1 - 1 / 2.4) * PER_LEAD + (PAID_BEST / 120) * PER_LEAD + 200 * PER_LEAD;

async function channel(page, i, { name, spend, curve, a, b, conversion, factor }) {
  await setField(page, `ch-name-${i}`, name);
  await setField(page, `ch-spend-${i}`, spend);
  if (curve) await page.locator(`#ch-curve-${i}`).selectOption(curve);
  await setField(page, `ch-curve-a-${i}`, a);
  if (b !== undefined) await setField(page, `ch-curve-b-${i}`, b);
  if (conversion) {
    await page.locator(`#ch-conv-${i}`).selectOption(conversion);
    await setField(page, `ch-factor-${i}`, factor);
  }
}

appTest('a 4-channel mix: blended funnel, best split applied and undone, the link reopens the same allocation', async ({ page, newContext }) => {
  await openApp(page, DEFAULT_QUERY);
  await page.locator('#channels-start').click();
  // Starting from the funnel moves no number: one channel brings the 120,000 visitors at 300,000 €.
  await expectKpiNear(page, 'customers', 90, 1e-6);
  await page.locator('#ch-entry').selectOption('leads');
  // Above a lead entry the visitors are not counted (not invented).
  await expectKpi(page, 'stage_count_0', null);

  await channel(page, 0, { name: 'Paid search', spend: '60000', a: '120' });
  await page.locator('#ch-add').click();
  await channel(page, 1, { name: 'Events', spend: '30000', a: '300', conversion: 'quality', factor: '1.5' });
  await page.locator('#ch-add').click();
  await channel(page, 2, { name: 'Content', spend: '50000', curve: 'saturating', a: '2000', b: '100000' });
  await page.locator('#ch-add').click();
  await channel(page, 3, { name: 'E-mail', spend: '10000', curve: 'count', a: '200' });

  await expectKpiNear(page, 'customers', CUSTOMERS_NOW, 1e-6);
  await expectKpiNear(page, 'spend', 150_000, 1e-6);
  await expectKpiNear(page, 'ch_customers_all', CUSTOMERS_NOW, 1e-6);
  await expectKpiNear(page, 'ch_customers_1', 4.5, 1e-9);
  // The next 1,000 € goes to the saturating content channel (2,747.87 € a customer there).
  await expectKpi(page, 'next_euro', 2);
  await expectKpiNear(page, 'best_spend_2', CONTENT_BEST, 1);
  await expectKpiNear(page, 'best_spend_0', PAID_BEST, 1);
  await expectKpiNear(page, 'best_spend_1', 0, 1);
  await expectKpiNear(page, 'best_gain', CUSTOMERS_BEST - CUSTOMERS_NOW, 1e-3);
  for (const chart of ['channel-mix', 'channel-allocation', 'channel-curve']) await waitForDraws(page, chart);

  // Bad input: a message next to the cell, and the mix keeps its last good value.
  await setField(page, 'ch-spend-1', '-5');
  await page.locator('#ch-spend-1-error').waitFor();
  assert.equal(await page.locator('#ch-spend-1').getAttribute('aria-invalid'), 'true');
  await expectKpiNear(page, 'customers', CUSTOMERS_NOW, 1e-6);
  await setField(page, 'ch-spend-1', '30000');
  await page.locator('#ch-spend-1-error').waitFor({ state: 'detached' });
  await assertNoBadNumbers(page);

  // Apply the best split, undo it, apply it again.
  await page.locator('#ch-apply').click();
  await expectKpiNear(page, 'customers', CUSTOMERS_BEST, 1e-3);
  await page.locator('#notice-undo').click();
  await expectKpiNear(page, 'customers', CUSTOMERS_NOW, 1e-6);
  await page.locator('#ch-apply').click();
  await expectKpiNear(page, 'customers', CUSTOMERS_BEST, 1e-3);
  assert.ok(await page.locator('#ch-apply').isDisabled(), 'nothing left to move once applied');
  const paidSpend = Number((await page.locator('#ch-spend-0').inputValue()).replace(/[\s,]/g, ''));
  assert.ok(Math.abs(paidSpend - PAID_BEST) <= 1, `paid search spend ${paidSpend}`);

  // Share the link: a fresh browser sees the same mix and the same allocation.
  await page.waitForFunction((paid) => {
    const spends = new URL(location.href).searchParams.get('ch_spend')?.split(',').map(Number) ?? [];
    return spends.length === 4 && Math.abs(spends[0] - paid) <= 1;
  }, PAID_BEST);
  const link = page.url();
  assert.match(link, /ch_entry=leads/);
  const fresh = await (await newContext()).newPage();
  await fresh.goto(link);
  await waitForApp(fresh);
  await expectKpiNear(fresh, 'customers', await readKpi(page, 'customers'), 1e-9);
  await expectKpiNear(fresh, 'ch_customers_2', await readKpi(page, 'ch_customers_2'), 1e-9);
  assert.equal(await fresh.locator('#ch-name-3').inputValue(), 'E-mail');
  assert.equal(await fresh.locator('#ch-spend-0').inputValue(), await page.locator('#ch-spend-0').inputValue());
  assert.ok(await fresh.locator('#ch-apply').isDisabled(), 'the reopened split is already the best');
  await expectKpi(fresh, 'stage_count_0', null);
});

appTest('stopping the plan by channel gives the funnel its own top count and spend back', async ({ page }) => {
  await openApp(page, DEFAULT_QUERY);
  await page.locator('#channels-start').click();
  await page.locator('#top-from-channels').waitFor();
  assert.equal(await page.locator('#field-top').count(), 0, 'the top count comes from the channels');
  await setField(page, 'ch-spend-0', '150000');
  await expectKpiNear(page, 'customers', 45, 1e-6);
  await page.locator('#ch-stop').click();
  await page.locator('#field-top').waitFor();
  await expectKpiNear(page, 'customers', 90, 1e-9);
  await expectKpi(page, 'spend', 300_000);
  assert.ok(!new URL(page.url()).searchParams.has('ch_entry'), 'no channel keys left in the link');
});
