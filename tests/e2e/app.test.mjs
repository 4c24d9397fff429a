// app.test.mjs: end-to-end tests of the foundation (inputs, KPIs, charts, URL, iframe) on the release build in headless Chromium, served under a sub-path.
//
// Needs `trunk build --release` first (scripts/test.sh does it); FUNNELSIM_DIST picks another build folder.
// The harness (harness.mjs) gives every test a fresh browser context and checks at its end that (1) the
// page made no request outside the test server's sub-path, (2) no uncaught page error happened and
// (3) the console never reported a Rust panic.
// No sleeps: every wait is for a DOM condition (waitForFunction / locator waits).
import assert from 'node:assert/strict';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import {
  REPO,
  DEFAULT_QUERY,
  server,
  appTest,
  openApp,
  waitForApp,
  readKpi,
  expectKpi,
  assertKpiNow,
  setField,
  expectFieldError,
  expectNoFieldError,
  assertNoBadNumbers,
  stageParams,
  waitForDraws,
  assertChartDrawn,
  recordClipboard,
  copiedText,
} from './harness.mjs';

// ---------- tests ----------

appTest('default page (no query) shows the default scenario, both charts and their tables', async ({ page }) => {
  await openApp(page);
  assert.equal(await page.title(), 'funnelsim — marketing & sales funnel simulator');
  await expectKpi(page, 'customers', 90);
  await assertKpiNow(page, 'revenue', 1_350_000);
  await assertKpiNow(page, 'spend', 300_000);
  await assertKpiNow(page, 'cac', 300_000 / 90);
  await assertKpiNow(page, 'cost_per_stage_1', 100);
  await assertKpiNow(page, 'ltv', 42_000);
  await assertKpiNow(page, 'ltv_cac', 42_000 / (300_000 / 90));
  await assertKpiNow(page, 'roi_revenue', 3.5);
  await assertKpiNow(page, 'overall_conversion', 90 / 120_000);
  await assertKpiNow(page, 'stage_count_0', 120_000);
  await assertKpiNow(page, 'stage_count_1', 3_000);
  await assertKpiNow(page, 'stage_count_5', 90);
  await assertKpiNow(page, 'required_stage_5', 134);
  await assertKpiNow(page, 'required_stage_0', 178_800);
  await assertKpiNow(page, 'required_spend', 447_000);
  await assertKpiNow(page, 'gap_stage_5', 134 - 90);
  await assertKpiNow(page, 'gap_stage_0', 178_800 - 120_000);
  assert.equal(await readKpi(page, 'stage_count_6'), undefined, 'the default funnel has 6 stages');
  await assertNoBadNumbers(page);

  await assertChartDrawn(page, 'funnel');
  await assertChartDrawn(page, 'gap');
  for (const table of ['funnel', 'gap']) {
    const text = await page.locator(`table[data-table="${table}"]`).textContent();
    assert.match(text, /Visitors/, `table ${table} names the first stage`);
    assert.match(text, /Customers/, `table ${table} names the last stage`);
  }
});

appTest('a shared URL opens its scenario', async ({ page }) => {
  await openApp(page, DEFAULT_QUERY.replace('Visitors:120000', 'Visitors:240000'));
  await expectKpi(page, 'customers', 180);
  await assertKpiNow(page, 'revenue', 2_700_000);
  await assertKpiNow(page, 'stage_count_0', 240_000);
  await assertKpiNow(page, 'cac', 300_000 / 180);
  // The reverse funnel depends on target and basket only; the gap turns negative (a surplus).
  await assertKpiNow(page, 'required_stage_0', 178_800);
  await assertKpiNow(page, 'gap_stage_0', 178_800 - 240_000);
  const top = await page.locator('#field-top').inputValue();
  assert.equal(Number(top.replace(/[\s,]/g, '')), 240_000, `#field-top shows ${top}`);
  assert.equal(await page.locator('#url-message').isVisible(), false, 'a valid URL raises no URL message');
  await assertNoBadNumbers(page);
});

appTest('editing inputs updates KPIs and the URL without adding history entries', async ({ page }) => {
  await openApp(page);
  await expectKpi(page, 'customers', 90);
  const historyBefore = await page.evaluate(() => history.length);

  await setField(page, 'field-top', '60000');
  await expectKpi(page, 'customers', 45);
  await assertKpiNow(page, 'revenue', 675_000);
  await page.waitForFunction(() => new URL(location.href).searchParams.getAll('stage').includes('Visitors:60000'));

  // Keystroke by keystroke: every intermediate value is valid and rendered, yet history must not grow.
  const top = page.locator('#field-top');
  await top.focus();
  await page.keyboard.press('Control+A');
  await top.pressSequentially('80000');
  await expectKpi(page, 'customers', 60);
  await page.waitForFunction(() => new URL(location.href).searchParams.getAll('stage').includes('Visitors:80000'));
  assert.equal(await page.evaluate(() => history.length), historyBefore, 'history.length grew while typing');

  // The slider and the number field of a rate stay in step: 25 % -> 50 % doubles the customers.
  await setField(page, 'field-stage-slider-5', '50');
  await expectKpi(page, 'customers', 120);
  assert.equal(Number(await page.locator('#field-stage-rate-5').inputValue()), 50);
  await page.waitForFunction(() => new URL(location.href).searchParams.getAll('stage').includes('Customers:50'));
  assert.equal(await page.evaluate(() => history.length), historyBefore, 'history.length grew with the slider');

  // Reset brings back the default scenario.
  await page.locator('#reset-scenario').click();
  await expectKpi(page, 'customers', 90);
  await page.waitForFunction(() => new URL(location.href).searchParams.getAll('stage')[0] === 'Visitors:120000');
  await assertNoBadNumbers(page);
});

appTest('copy link puts a URL on the clipboard that reopens the same scenario', async ({ page, context }) => {
  await recordClipboard(context);
  await openApp(page);
  await setField(page, 'field-top', '60000');
  await expectKpi(page, 'customers', 45);
  await page.locator('#copy-link').click();
  const copied = await copiedText(page);
  assert.ok(copied.startsWith(server.url), `copied link ${copied} is not an absolute link to the app`);
  assert.ok(new URL(copied).searchParams.getAll('stage').includes('Visitors:60000'), `copied link ${copied}`);

  const second = await context.newPage();
  await second.goto(copied);
  await waitForApp(second);
  await expectKpi(second, 'customers', 45);
});

appTest('invalid input shows an error at the field and keeps the last valid result', async ({ page }) => {
  await openApp(page);
  await expectKpi(page, 'customers', 90);

  // Before each bad value, a valid one (20000 -> revenue 1.8 M) proves the field is live,
  // so "revenue unchanged" really means the bad value was rejected.
  for (const bad of ['-5', 'abc', '1e308', '']) {
    await setField(page, 'field-basket', '20000');
    await expectKpi(page, 'revenue', 1_800_000);
    await expectNoFieldError(page, 'basket');
    await setField(page, 'field-basket', bad);
    await expectFieldError(page, 'basket');
    await assertKpiNow(page, 'revenue', 1_800_000);
    await assertKpiNow(page, 'customers', 90);
    await assertNoBadNumbers(page);
  }
  await setField(page, 'field-basket', '15000');
  await expectKpi(page, 'revenue', 1_350_000);
  await expectNoFieldError(page, 'basket');

  await setField(page, 'field-stage-rate-1', '150');
  await expectFieldError(page, 'stage-rate-1');
  await assertKpiNow(page, 'customers', 90);
  await assertNoBadNumbers(page);
  await setField(page, 'field-stage-rate-1', '5');
  await expectKpi(page, 'customers', 180);
  await expectNoFieldError(page, 'stage-rate-1');
});

appTest('a malformed URL shows a message and the default scenario', async ({ page }) => {
  await openApp(page, '?v=1&stage=Visitors:abc&basket=zz');
  const message = page.locator('#url-message');
  await message.waitFor({ state: 'visible' });
  assert.ok((await message.textContent()).trim().length > 0, '#url-message has no text');
  assert.equal(await message.getAttribute('role'), 'alert');
  await expectKpi(page, 'customers', 90);
  await assertKpiNow(page, 'revenue', 1_350_000);
  await assertNoBadNumbers(page);
});

appTest('a URL from a future version shows a message and the default scenario', async ({ page }) => {
  await openApp(page, DEFAULT_QUERY.replace('v=1', 'v=99').replace('Visitors:120000', 'Visitors:240000'));
  const message = page.locator('#url-message');
  await message.waitFor({ state: 'visible' });
  assert.ok((await message.textContent()).trim().length > 0, '#url-message has no text');
  await expectKpi(page, 'customers', 90); // not 180: the v=99 scenario must not be half-read
  await assertNoBadNumbers(page);
});

appTest('adding and removing stages changes the funnel', async ({ page }) => {
  // Semantics (shown in the form's hint): a new stage is added at the end and converts 100 %;
  // removing a stage merges its rate into the next one, so the counts below it stay.
  await openApp(page);
  await expectKpi(page, 'customers', 90);
  assert.equal(await readKpi(page, 'stage_count_6'), undefined);

  await page.locator('#add-stage').click();
  await expectKpi(page, 'stage_count_6', 90);
  await page.locator('#field-stage-name-6').waitFor({ state: 'attached' });
  await page.waitForFunction(() => new URL(location.href).searchParams.getAll('stage').length === 7);
  // The new last stage is the customers stage: halving its rate halves the customers.
  await setField(page, 'field-stage-rate-6', '50');
  await expectKpi(page, 'customers', 45);
  await assertKpiNow(page, 'stage_count_6', 45);
  await assertNoBadNumbers(page);

  await page.locator('#remove-stage-6').click();
  await page.locator('[data-kpi="stage_count_6"]').waitFor({ state: 'detached' });
  await expectKpi(page, 'customers', 90);

  // Dropping SQL (MQL -> SQL 50 %, SQL -> Opportunities 60 %) leaves MQL -> Opportunities at 30 %.
  await page.locator('#remove-stage-3').click();
  await page.locator('[data-kpi="stage_count_5"]').waitFor({ state: 'detached' });
  await expectKpi(page, 'stage_count_3', 360);
  await assertKpiNow(page, 'stage_count_4', 90);
  await assertKpiNow(page, 'customers', 90);
  assert.equal(Number(await page.locator('#field-stage-rate-3').inputValue()), 30);
  await page.waitForFunction(() => new URL(location.href).searchParams.getAll('stage').length === 5);
  assert.deepEqual(await stageParams(page), ['Visitors:120000', 'Leads:2.5', 'MQL:40', 'Opportunities:30', 'Customers:25']);
  await assertNoBadNumbers(page);
});

appTest('works under a sub-path inside an iframe of another page', async ({ page }) => {
  const query = DEFAULT_QUERY.replace('Visitors:120000', 'Visitors%3A240000');
  await page.goto(server.embedUrl + query);
  const hostUrl = page.url();
  const frame = await (await page.locator('iframe').elementHandle()).contentFrame();
  assert.ok(frame, 'the iframe has a frame');
  await waitForApp(frame);
  await expectKpi(frame, 'customers', 180);
  await assertChartDrawn(frame, 'funnel');

  // Also through a frame locator (what an embedding page's own tests would use).
  const kpi = page.frameLocator('iframe').locator('[data-kpi="revenue"]');
  assert.equal(Number(await kpi.getAttribute('data-value')), 2_700_000);

  // Editing inside the frame updates the frame's URL, never the host page's.
  await setField(frame, 'field-top', '60000');
  await expectKpi(frame, 'customers', 45);
  await frame.waitForFunction(() => new URL(location.href).searchParams.getAll('stage').includes('Visitors:60000'));
  assert.ok(frame.url().startsWith(server.url), `frame URL ${frame.url()} left the sub-path`);
  assert.equal(page.url(), hostUrl, 'the host page URL changed');
});

appTest(
  'charts are drawn at device resolution on HiDPI screens and follow the layout width',
  async ({ page }) => {
    await openApp(page);
    await waitForDraws(page, 'funnel');
    const size = () =>
      page.evaluate(() => {
        const c = document.querySelector('canvas[data-chart="funnel"]');
        return { width: c.width, css: c.clientWidth, draws: Number(c.dataset.draws) };
      });
    const wide = await size();
    assert.ok(Math.abs(wide.width - 2 * wide.css) <= 1, `canvas ${wide.width}px for ${wide.css} CSS px at 2x`);
    await page.setViewportSize({ width: 640, height: 900 });
    await page.waitForFunction(
      (before) => {
        const c = document.querySelector('canvas[data-chart="funnel"]');
        return c.clientWidth < before && Math.abs(c.width - 2 * c.clientWidth) <= 1;
      },
      wide.css,
    );
    const narrow = await size();
    assert.ok(narrow.draws > wide.draws, 'the chart was not redrawn after the layout changed');
    await assertChartDrawn(page, 'funnel');
  },
  { deviceScaleFactor: 2 },
);

appTest('full-page screenshot is a real picture with drawn charts', async ({ page }) => {
  await openApp(page);
  await expectKpi(page, 'customers', 90);
  await waitForDraws(page, 'funnel');
  await waitForDraws(page, 'gap');
  await page.evaluate(() => document.fonts.ready.then(() => true));
  const out = path.join(REPO, 'target', 'e2e', 'screenshot.png');
  await mkdir(path.dirname(out), { recursive: true });
  const png = await page.screenshot({ path: out, fullPage: true });
  assert.deepEqual([...png.subarray(1, 4)].map((c) => String.fromCharCode(c)).join(''), 'PNG');
  assert.ok(png.length > 10 * 1024, `screenshot is only ${png.length} bytes: is the page empty?`);
  await assertChartDrawn(page, 'funnel');
  await assertChartDrawn(page, 'gap');
  if (process.env.UPDATE_SCREENSHOT === '1') {
    await writeFile(path.join(REPO, 'assets', 'screenshot.png'), png);
  }
});

// Numbers are read the way the language in use writes them: "120,000" in English is 120000 (it was read as 120
// without a word), "120 000" and "2,5" in French are 120000 and 2.5. A number the other language would read as
// another says how it was read, next to the field.
appTest('numbers are read as the language writes them, and an ambiguous one says how it was read', async ({ page }) => {
  await openApp(page, '?basket=15000');
  await setField(page, 'field-top', '240,000');
  await expectKpi(page, 'customers', 180);
  await page.waitForFunction(() => new URL(location.href).searchParams.getAll('stage')[0] === 'Visitors:240000');
  assert.equal(await page.locator('#field-top-hint').textContent(), 'Read as 240,000, not 240.');
  await setField(page, 'field-top', '240000');
  await page.locator('#field-top-hint').waitFor({ state: 'detached' });
  assert.equal((await stageParams(page))[0], 'Visitors:240000');

  await openApp(page, `${DEFAULT_QUERY}&lang=fr`);
  await setField(page, 'field-top', '240 000');
  await expectKpi(page, 'customers', 180);
  assert.equal(await page.locator('#field-top-hint').count(), 0, '"240 000" reads alike in both conventions');
  await setField(page, 'field-stage-rate-1', '5');
  await expectKpi(page, 'customers', 360);
  await setField(page, 'field-stage-rate-1', '2,5');
  await expectKpi(page, 'customers', 180);
  await setField(page, 'field-top', '240.000');
  await page.locator('#field-top-hint', { hasText: 'Lu comme 240\u202f000, et non 240.' }).waitFor();
  await expectKpi(page, 'customers', 180);
  assert.match((await stageParams(page))[0], /:240000$/);
  await assertNoBadNumbers(page);
});
