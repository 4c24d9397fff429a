// capacity.test.mjs: the sales team in real Chromium (issue 15). A user plans the team for the baseline, makes
// it too small, sees the bottleneck and the revenue lost, hires in the projection and sees the months recover;
// the link carries the team and its hires.
//
// The numbers (the baseline, a year: 1,200 MQL, 100 a month; 90 customers, basket 15,000 €): the starting team
// has 2 SDRs at 100 MQL a month, each working 95.5 % of it in steady state (3 % attrition a month, replaced by
// hires ramping up linearly over 3 months: 1.5 months lost each). One SDR works 95.5 MQL of the 100: 4.5 % of the
// MQL are left unworked, so 90 × 4.5 % = 4.05 customers and 60,750 € of revenue a year are lost.
import assert from 'node:assert/strict';
import {
  DEFAULT_QUERY, appTest, expectKpiNear, assertNoBadNumbers, expectKpi, gotoTab, openApp, setField, waitForApp,
  waitForDraws,
} from './harness.mjs';

/** The message next to the cell `id`, and the cell marked invalid. */
async function expectCellError(page, id) {
  const message = page.locator(`#${id}-error`);
  await message.waitFor({ state: 'visible' });
  assert.ok((await message.textContent()).trim().length > 0, `#${id}-error has no text`);
  assert.equal(await page.locator(`#${id}`).getAttribute('aria-invalid'), 'true', `#${id} aria-invalid`);
}

/** What the SDRs leave unworked in projected month `month`. */
async function unworked(page, month) {
  const cell = page.locator(`#forecast-months tr[data-month="${month}"] td[data-role-unworked="0"]`);
  return Number(await cell.getAttribute('data-value'));
}

appTest('a team too small for the funnel: the bottleneck, the revenue lost, a hire and the months recover', async ({ page, newContext }) => {
  await openApp(page, DEFAULT_QUERY);
  await page.locator('#team-start').click();
  await expectKpi(page, 'capacity_customers_lost', 0);
  await setField(page, 'tm-count-0', '1');
  await expectKpiNear(page, 'capacity_customers_lost', 4.05, 1e-9);
  await expectKpiNear(page, 'capacity_revenue_lost', 60_750, 1e-6);
  const verdict = page.locator('#capacity-verdict');
  assert.equal(await verdict.getAttribute('data-bottleneck'), 'SDRs');
  assert.match(await verdict.textContent(), /Bottleneck: SDRs works 95\.5 of the 100 MQL reaching it a month/);
  await waitForDraws(page, 'capacity');
  // Bad input keeps the last good team, with the message next to the cell.
  await setField(page, 'tm-count-0', '-1');
  await expectCellError(page, 'tm-count-0');
  await expectKpiNear(page, 'capacity_customers_lost', 4.05, 1e-9);
  await setField(page, 'tm-count-0', '1');

  // In the projection the one SDR leaves MQL unworked month after month.
  await gotoTab(page, 'forecast');
  await page.locator('#forecast-start').click();
  await page.locator('#forecast-months tr[data-month="12"]').waitFor();
  const before = await unworked(page, 12);
  assert.ok(before > 1, `month 12 leaves ${before} MQL unworked`);
  // One hire in month 6: from its first month (a sixth of a full load) the two SDRs work the 100 MQL.
  await setField(page, 'tm-hires-0', '6:1');
  await page.waitForFunction(() => {
    const cell = document.querySelector('#forecast-months tr[data-month="12"] td[data-role-unworked="0"]');
    return cell && Number(cell.getAttribute('data-value')) === 0;
  });
  assert.ok((await unworked(page, 5)) > 1, 'month 5 is before the hire');
  assert.equal(await unworked(page, 6), 0);
  await setField(page, 'tm-hires-0', '6-1');
  await expectCellError(page, 'tm-hires-0');
  assert.equal(await unworked(page, 12), 0, 'the last good hires stay');
  await setField(page, 'tm-hires-0', '6:1');
  await assertNoBadNumbers(page);

  // The link carries the team and the hire.
  await page.waitForFunction(() => /tm_hire=0(:|%3A)6(:|%3A)1/.test(location.search));
  const link = new URL(page.url());
  link.searchParams.delete('view');
  const fresh = await (await newContext()).newPage();
  await fresh.goto(link.href);
  await waitForApp(fresh);
  await expectKpiNear(fresh, 'capacity_customers_lost', 4.05, 1e-9);
  assert.equal(await fresh.locator('#tm-hires-0').count(), 0, 'hires are edited on the forecast tab');
  await gotoTab(fresh, 'forecast');
  await fresh.locator('#forecast-months tr[data-month="12"]').waitFor();
  assert.equal(await unworked(fresh, 12), 0);
  assert.equal(await fresh.locator('#tm-hires-0').inputValue(), '6:1');
});
