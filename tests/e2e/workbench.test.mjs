// workbench.test.mjs: end-to-end tests of the what-if workbench (saved scenarios and their storage, comparison, sensitivity, goal seek, files, embedding) in headless Chromium.
//
// Runs against the release build like app.test.mjs (FUNNELSIM_DIST picks the build folder) through the
// shared harness (harness.mjs): a fresh context per test, no request outside the app, no page error or
// panic. No sleeps: every wait is for a DOM condition, a download event or a storage value.
//
// Default scenario: 120,000 visitors, rates 2.5 / 40 / 50 / 60 / 25 % -> 90 customers; basket €15,000
// -> revenue €1,350,000; spend €300,000 -> CAC €3,333.33.
import assert from 'node:assert/strict';
import {
  DEFAULT_QUERY,
  WAIT_MS,
  server,
  appTest,
  openApp,
  waitForApp,
  expectKpi,
  assertKpiNow,
  setField,
  fieldNumber,
  assertNoBadNumbers,
  stageParams,
  waitForDraws,
  readDraws,
  assertChartDrawn,
  captureDownload,
  seedLocalStorageOnce,
  localStorageEntries,
  recordClipboard,
  copiedText,
  gotoTab,
  waitForMount,
} from './harness.mjs';

// From src/model/storage.rs.
const STORAGE_KEY = 'funnelsim.scenarios';
const QUARANTINE_PREFIX = 'funnelsim.scenarios.unreadable.';

const CAC = 300_000 / 90;
const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** A scenario link query (without "?") with some keys replaced, e.g. { 'Visitors:120000': 'Visitors:240000' }. */
function scenarioQuery(replacements = {}) {
  let query = DEFAULT_QUERY.slice(1);
  for (const [from, to] of Object.entries(replacements)) {
    assert.ok(query.includes(from), `the default query has no ${from}`);
    query = query.replace(from, to);
  }
  return query;
}

// ---------- helpers ----------

/** Clicks a tab and waits until it is the selected one. */
/** Waits for the notice under the tabs to match `pattern`; returns { text, role }. */
async function expectNotice(page, pattern, { error = false } = {}) {
  try {
    await page.waitForFunction(
      ([source, flags]) => new RegExp(source, flags).test(document.getElementById('notice')?.textContent ?? ''),
      [pattern.source, pattern.flags],
      { timeout: WAIT_MS },
    );
  } catch (err) {
    const actual = await page.evaluate(() => document.getElementById('notice')?.textContent ?? '(no #notice)');
    assert.fail(`#notice: expected ${pattern}, got ${JSON.stringify(actual)} (${err.message.split('\n')[0]})`);
  }
  const notice = page.locator('#notice');
  const text = (await notice.textContent()).trim();
  const role = await notice.getAttribute('role');
  assert.equal(role, error ? 'alert' : 'status', `#notice "${text}" role`);
  assert.equal(await notice.evaluate((el) => el.classList.contains('error')), error, `#notice "${text}" error class`);
  return { text, role };
}

/** Removes the notice (switching views does) and comes back to `view`, so that the next notice is a new one. */
async function clearNotice(page, view) {
  await gotoTab(page, view === 'model' ? 'scenarios' : 'model');
  await page.locator('#notice').waitFor({ state: 'detached' });
  await gotoTab(page, view);
}

/** The saved scenarios listed in the Saved scenarios view, in order: [{ id, name }]. */
async function savedList(page) {
  return page.evaluate(() =>
    [...document.querySelectorAll('#saved-list li[data-saved-id]')].map((li) => ({
      id: Number(li.dataset.savedId),
      name: document.getElementById(`saved-name-${li.dataset.savedId}`)?.value,
    })),
  );
}

/** Waits until the Saved scenarios view lists exactly `names`, in order; returns the list with ids. */
async function expectSavedNames(page, names) {
  try {
    await page.waitForFunction(
      (expected) => {
        const items = [...document.querySelectorAll('#saved-list li[data-saved-id]')];
        const shown = items.map((li) => document.getElementById(`saved-name-${li.dataset.savedId}`)?.value);
        if (expected.length === 0) return items.length === 0 && document.getElementById('library-empty');
        return JSON.stringify(shown) === JSON.stringify(expected);
      },
      names,
      { timeout: WAIT_MS },
    );
  } catch (err) {
    assert.fail(`saved list: expected ${JSON.stringify(names)}, got ${JSON.stringify(await savedList(page))} (${err.message.split('\n')[0]})`);
  }
  return savedList(page);
}

/** The stored library (parsed JSON), or null when nothing is stored. */
async function storedLibrary(page) {
  const raw = await page.evaluate((key) => localStorage.getItem(key), STORAGE_KEY);
  return raw === null ? null : JSON.parse(raw);
}

/** Keys of the copies kept aside under the quarantine prefix, with their text. */
async function quarantined(page) {
  const entries = await localStorageEntries(page);
  return Object.entries(entries).filter(([key]) => key.startsWith(QUARANTINE_PREFIX));
}

/** Saves the current scenario with the model view's save form. */
async function saveAsNew(page, name) {
  await page.locator('#save-name').fill(name);
  await page.locator('#save-new').click();
  await expectNotice(page, new RegExp(`^Saved “${escapeRegExp(name)}”\\.`));
}

function escapeRegExp(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Text of every comparison value and delta cell: { 'result.customers:1': '180', 'Δ result.customers:1': '+90 (+100 %)' … }. */
async function comparisonCells(page) {
  return page.evaluate(() => {
    const out = {};
    for (const td of document.querySelectorAll('td[data-compare]')) out[td.dataset.compare] = td.textContent.trim();
    for (const td of document.querySelectorAll('td[data-delta]')) out[`Δ ${td.dataset.delta}`] = td.textContent.trim();
    return out;
  });
}

/** The sensitivity table's rows in order: [{ lever, low, high, swing }] (low/high from data-value). */
async function sensitivityRows(page) {
  return page.evaluate(() =>
    [...document.querySelectorAll('tr[data-lever]')].map((tr) => {
      const lever = tr.dataset.lever;
      const value = (side) => {
        const raw = tr.querySelector(`[data-sensitivity="${lever}:${side}"]`)?.getAttribute('data-value');
        return raw === undefined || raw === null || raw === '' ? null : Number(raw);
      };
      return { lever, low: value('low'), high: value('high'), swingText: tr.querySelector('[data-swing]')?.textContent };
    }),
  );
}

/** Waits until the sensitivity row of `lever` has these low/high values. */
async function expectSensitivity(page, lever, low, high) {
  try {
    await page.waitForFunction(
      ([l, lo, hi]) => {
        const read = (side) => Number(document.querySelector(`[data-sensitivity="${l}:${side}"]`)?.getAttribute('data-value'));
        const near = (a, b) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b));
        return near(read('low'), lo) && near(read('high'), hi);
      },
      [lever, low, high],
      { timeout: WAIT_MS },
    );
  } catch (err) {
    const row = (await sensitivityRows(page)).find((r) => r.lever === lever);
    const shown = row ? JSON.stringify(row) : `no row; the view shows: ${(await page.locator('#view-panel').innerText()).slice(0, 300)}`;
    assert.fail(`sensitivity ${lever}: expected ${low} / ${high}, got ${shown} (${err.message.split('\n')[0]})`);
  }
}

/** Waits until #goal-result proposes ≈ `value` for the lever and ≈ `achieved` for the metric (relative 1e-9). */
async function expectGoalResult(page, value, achieved) {
  try {
    await page.waitForFunction(
      ([v, a]) => {
        const el = document.getElementById('goal-result');
        const near = (x, y) => Math.abs(Number(x) - y) <= 1e-9 * Math.max(1, Math.abs(y));
        return el && el.dataset.value !== '' && near(el.dataset.value, v) && near(el.dataset.achieved, a);
      },
      [value, achieved],
      { timeout: WAIT_MS },
    );
  } catch (err) {
    const actual = await page.evaluate(() => {
      const el = document.getElementById('goal-result');
      if (el) return `data-value=${el.dataset.value} data-achieved=${el.dataset.achieved}`;
      return document.getElementById('goal-unreachable')?.textContent ?? 'no #goal-result';
    });
    assert.fail(`goal seek: expected ${value} -> ${achieved}, got ${actual} (${err.message.split('\n')[0]})`);
  }
}

/** Parses simple CSV (the app's files: quoted cells only for commas/quotes). */
function parseCsv(text) {
  const rows = [];
  for (const line of text.split(/\r?\n/)) {
    if (line === '') continue;
    const cells = [];
    let cell = '';
    let quoted = false;
    for (let i = 0; i < line.length; i++) {
      const c = line[i];
      if (quoted) {
        if (c === '"' && line[i + 1] === '"') (cell += '"'), i++;
        else if (c === '"') quoted = false;
        else cell += c;
      } else if (c === '"') quoted = true;
      else if (c === ',') cells.push(cell), (cell = '');
      else cell += c;
    }
    cells.push(cell);
    rows.push(cells);
  }
  return rows;
}

/** The `<iframe src>` of an embed snippet, with its HTML entities decoded. */
function snippetSrc(snippet) {
  const match = /<iframe\s[^>]*\bsrc="([^"]+)"/.exec(snippet);
  assert.ok(match, `no <iframe src="…"> in the snippet: ${snippet}`);
  return match[1].replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

// ---------- a. storage upgrade ----------

appTest('saved scenarios in the version-1 storage format are migrated to version 2 and survive a reload', async ({ page, context }) => {
  const v1 = JSON.stringify({
    version: 1,
    scenarios: [
      { name: 'Plan A', query: scenarioQuery() },
      { name: 'Double traffic', query: scenarioQuery({ 'Visitors:120000': 'Visitors:240000' }) },
      { name: '   ', query: scenarioQuery({ 'basket=15000': 'basket=30000' }) }, // no name -> "Untitled"
      { name: 'plan a', query: scenarioQuery({ 'Customers:25': 'Customers:50' }) }, // names clash case-insensitively
    ],
  });
  await seedLocalStorageOnce(context, { [STORAGE_KEY]: v1 });
  await openApp(page);
  await expectKpi(page, 'customers', 90);

  const migrated = page.locator('#storage-migrated');
  await migrated.waitFor({ state: 'visible' });
  assert.match(await migrated.textContent(), /upgraded from storage format 1/);
  assert.equal(await page.locator('#storage-message').count(), 0, 'a clean migration raises no storage problem');

  // Written back as version 2 once the version-1 text was kept aside.
  const stored = await storedLibrary(page);
  assert.equal(stored.format, 'funnelsim.library');
  assert.equal(stored.version, 2);
  assert.deepEqual(
    stored.scenarios.map((s) => [s.id, s.name]),
    [
      [1, 'Plan A'],
      [2, 'Double traffic'],
      [3, 'Untitled'],
      [4, 'plan a (2)'],
    ],
  );
  assert.equal(stored.next_id, 5);
  assert.equal(stored.scenarios[1].scenario.stages[0].value, 240_000);
  const kept = await quarantined(page);
  assert.deepEqual(kept.map(([, text]) => text), [v1], 'the version-1 text is kept aside, once');

  await gotoTab(page, 'scenarios');
  await expectSavedNames(page, ['Plan A', 'Double traffic', 'Untitled', 'plan a (2)']);

  // After a reload (no re-seeding) the stored value is version 2 and the list is still there.
  await page.reload();
  await waitForMount(page);
  await page.locator('#tab-scenarios[aria-selected="true"]').waitFor(); // the view is part of the address
  const list = await expectSavedNames(page, ['Plan A', 'Double traffic', 'Untitled', 'plan a (2)']);
  assert.deepEqual(list.map((s) => s.id), [1, 2, 3, 4]);
  assert.equal((await storedLibrary(page)).version, 2);
  assert.equal(await page.locator('#storage-migrated').count(), 0, 'no upgrade notice once the library is version 2');
  assert.deepEqual(await quarantined(page), kept, 'the reload kept no second copy');

  // A migrated scenario opens with its figures.
  await page.locator('#saved-list li[data-saved-id="2"] [data-action="open"]').click();
  await page.locator('#tab-model[aria-selected="true"]').waitFor();
  await expectKpi(page, 'customers', 180);
  assert.equal(await fieldNumber(page, 'field-top'), 240_000);
  await gotoTab(page, 'scenarios');
  await page.locator('#saved-list li[data-saved-id="4"] [data-action="open"]').click();
  // (customers stay 180 — 120,000 visitors and a 50 % Customers rate — so wait for the inputs to switch)
  await page.waitForFunction(() => document.getElementById('field-stage-rate-5')?.value === '50');
  assert.equal(await fieldNumber(page, 'field-top'), 120_000);
  await expectKpi(page, 'customers', 180);
  assert.equal(await page.locator('[data-current-name]').getAttribute('data-current-name'), 'plan a (2)');
  await assertNoBadNumbers(page);
});

// ---------- b. unreadable storage ----------

appTest('unreadable stored data is kept aside, explained and downloadable; the app still works', async ({ page, context }) => {
  const garbage = '{not json';
  await seedLocalStorageOnce(context, { [STORAGE_KEY]: garbage });
  await openApp(page);
  await expectKpi(page, 'customers', 90);
  await assertKpiNow(page, 'revenue', 1_350_000);
  await assertKpiNow(page, 'cac', CAC);

  const banner = page.locator('#storage-message');
  await banner.waitFor({ state: 'visible' });
  assert.equal(await banner.getAttribute('role'), 'alert');
  const message = await banner.textContent();
  assert.match(message, /not valid JSON/);

  const kept = await quarantined(page);
  assert.equal(kept.length, 1, `one copy kept aside: ${JSON.stringify(kept)}`);
  const [keptKey, keptText] = kept[0];
  assert.equal(keptText, garbage);
  assert.match(keptKey, /^funnelsim\.scenarios\.unreadable\.\d+$/);
  assert.ok(message.includes(keptKey), `the banner names the key ${keptKey}: ${message}`);
  assert.equal(await page.evaluate((k) => localStorage.getItem(k), STORAGE_KEY), garbage, 'nothing was overwritten on load');

  const file = await captureDownload(page, () => page.locator('#download-unreadable').click());
  assert.equal(file.text, garbage);
  assert.match(file.name, /\.txt$/);

  // A reload finds the same text and reuses the copy instead of keeping another one.
  await page.reload();
  await waitForApp(page);
  await page.locator('#storage-message').waitFor({ state: 'visible' });
  assert.deepEqual(await quarantined(page), kept, 'after a reload the same text must reuse its kept copy, not add another');

  // Saving starts a fresh library; the kept copy stays.
  await saveAsNew(page, 'Fresh start');
  const stored = await storedLibrary(page);
  assert.equal(stored.version, 2);
  assert.deepEqual(stored.scenarios.map((s) => s.name), ['Fresh start']);
  assert.deepEqual(await quarantined(page), kept);
  await gotoTab(page, 'scenarios');
  await expectSavedNames(page, ['Fresh start']);
  await assertNoBadNumbers(page);
});

appTest('foreign or newer stored data is kept aside with a message naming the cause', async ({ page, context, newContext }) => {
  const cases = [
    { text: '{"theme":"dark","items":[1,2,3]}', message: /did not write/ },
    { text: '{"format":"funnelsim.library","version":7,"next_id":1,"scenarios":[]}', message: /newer version of funnelsim \(format 7/ },
  ];
  for (const [i, { text, message }] of cases.entries()) {
    const ctx = i === 0 ? context : await newContext();
    const p = i === 0 ? page : await ctx.newPage();
    await seedLocalStorageOnce(ctx, { [STORAGE_KEY]: text });
    await openApp(p);
    await expectKpi(p, 'customers', 90);
    const banner = p.locator('#storage-message');
    await banner.waitFor({ state: 'visible' });
    assert.match(await banner.textContent(), message);
    assert.deepEqual((await quarantined(p)).map(([, v]) => v), [text]);
    assert.equal(await p.evaluate((k) => localStorage.getItem(k), STORAGE_KEY), text, 'left untouched');
    const file = await captureDownload(p, () => p.locator('#download-unreadable').click());
    assert.equal(file.text, text);
    await gotoTab(p, 'scenarios');
    await p.locator('#library-empty').waitFor();
    await assertNoBadNumbers(p);
  }
});

// ---------- c. full storage ----------

appTest('a full storage quota refuses the save with a clear message and keeps the list as it was', async ({ page, context }) => {
  // setItem of the library key throws QuotaExceededError while window.__quotaFull is set.
  await context.addInitScript((key) => {
    const setItem = Storage.prototype.setItem;
    Storage.prototype.setItem = function (k, v) {
      if (window.__quotaFull && k === key) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return setItem.call(this, k, v);
    };
  }, STORAGE_KEY);
  await openApp(page);
  await saveAsNew(page, 'Plan A');
  const before = await storedLibrary(page);
  assert.deepEqual(before.scenarios.map((s) => s.name), ['Plan A']);

  await page.evaluate(() => (window.__quotaFull = true));
  await setField(page, 'field-top', '240000');
  await expectKpi(page, 'customers', 180);
  await page.locator('#save-name').fill('Plan B');
  await page.locator('#save-new').click();
  const { text } = await expectNotice(page, /storage for this site is full/, { error: true });
  assert.match(text, /nothing was saved/i);
  assert.deepEqual(await storedLibrary(page), before, 'storage unchanged');
  await assertKpiNow(page, 'customers', 180); // the app keeps working

  await gotoTab(page, 'scenarios');
  await expectSavedNames(page, ['Plan A']);
  // Renaming and duplicating fail the same way; the rename box goes back to the stored name.
  await clearNotice(page, 'scenarios');
  const rename = page.locator('#saved-name-1');
  await rename.fill('Renamed');
  await rename.blur();
  await expectNotice(page, /storage for this site is full/, { error: true });
  await page.waitForFunction(() => document.getElementById('saved-name-1')?.value === 'Plan A');
  await clearNotice(page, 'scenarios');
  await page.locator('#saved-list li[data-saved-id="1"] [data-action="duplicate"]').click();
  await expectNotice(page, /storage for this site is full/, { error: true });
  await expectSavedNames(page, ['Plan A']);
  assert.deepEqual(await storedLibrary(page), before, 'storage unchanged');

  // Once there is room again, saving works.
  await page.evaluate(() => (window.__quotaFull = false));
  await page.locator('#library-save-name').fill('Plan B');
  await page.locator('#library-save').click();
  await expectNotice(page, /^Saved “Plan B”\./);
  await expectSavedNames(page, ['Plan A', 'Plan B']);
  assert.deepEqual((await storedLibrary(page)).scenarios.map((s) => s.name), ['Plan A', 'Plan B']);
});

// ---------- d. the library ----------

appTest('save, rename, duplicate, delete and open saved scenarios; the list persists', async ({ page }) => {
  await openApp(page);
  await expectKpi(page, 'customers', 90);
  await saveAsNew(page, 'Baseline');
  assert.equal(await page.locator('[data-current-name]').getAttribute('data-current-name'), 'Baseline');
  await page.locator('#save-update').waitFor(); // the current scenario is now a saved one

  await setField(page, 'field-top', '240000');
  await expectKpi(page, 'customers', 180);
  await saveAsNew(page, 'Double traffic');
  // A name already taken (case-insensitively) is refused.
  await page.locator('#save-name').fill('double TRAFFIC');
  await page.locator('#save-new').click();
  await expectNotice(page, /already called “double TRAFFIC”/, { error: true });

  await gotoTab(page, 'scenarios');
  let list = await expectSavedNames(page, ['Baseline', 'Double traffic']);
  const [baseline, double] = list.map((s) => s.id);

  const rename = page.locator(`#saved-name-${baseline}`);
  await rename.fill('Plan 2027');
  await rename.blur();
  await expectNotice(page, /^Renamed “Baseline” to “Plan 2027”\./);
  await expectSavedNames(page, ['Plan 2027', 'Double traffic']);

  await page.locator(`#saved-list li[data-saved-id="${double}"] [data-action="duplicate"]`).click();
  await expectNotice(page, /^Duplicated “Double traffic”\./);
  list = await expectSavedNames(page, ['Plan 2027', 'Double traffic', 'Copy of Double traffic']);
  const copy = list[2].id;
  assert.ok(![baseline, double].includes(copy), 'the copy has a new id');

  // Delete, undo (back in its place with its id), delete again.
  await page.locator(`#saved-list li[data-saved-id="${baseline}"] [data-action="delete"]`).click();
  await expectNotice(page, /^Deleted “Plan 2027”\./);
  await expectSavedNames(page, ['Double traffic', 'Copy of Double traffic']);
  await page.locator('#notice-undo').click();
  await expectNotice(page, /^Restored “Plan 2027”\./);
  list = await expectSavedNames(page, ['Plan 2027', 'Double traffic', 'Copy of Double traffic']);
  assert.equal(list[0].id, baseline);
  assert.deepEqual((await storedLibrary(page)).scenarios.map((s) => s.name), ['Plan 2027', 'Double traffic', 'Copy of Double traffic']);
  await page.locator(`#saved-list li[data-saved-id="${baseline}"] [data-action="delete"]`).click();
  await expectNotice(page, /^Deleted “Plan 2027”\./);
  await expectSavedNames(page, ['Double traffic', 'Copy of Double traffic']);
  assert.equal(await page.locator(`#saved-name-${baseline}`).count(), 0);

  const stored = await storedLibrary(page);
  assert.deepEqual(stored.scenarios.map((s) => [s.id, s.name]), [
    [double, 'Double traffic'],
    [copy, 'Copy of Double traffic'],
  ]);
  assert.equal(stored.scenarios[1].scenario.stages[0].value, 240_000, 'the copy holds the same scenario');

  // Each saved scenario downloads as its own JSON file.
  const exported = await captureDownload(page, () =>
    page.locator(`#saved-list li[data-saved-id="${copy}"] [data-action="export"]`).click(),
  );
  assert.equal(exported.name, 'copy-of-double-traffic.funnelsim.json');
  const file = JSON.parse(exported.text);
  assert.equal(file.format, 'funnelsim.scenario');
  assert.equal(file.name, 'Copy of Double traffic');
  assert.deepEqual(file.scenario, stored.scenarios[1].scenario);

  // Persisted: a reload lists the same scenarios.
  await page.reload();
  await waitForMount(page);
  await page.locator('#tab-scenarios[aria-selected="true"]').waitFor();
  await expectSavedNames(page, ['Double traffic', 'Copy of Double traffic']);

  // Opening a saved scenario switches the inputs and KPIs to it.
  await gotoTab(page, 'model');
  await page.locator('#reset-scenario').click();
  await expectKpi(page, 'customers', 90);
  await gotoTab(page, 'scenarios');
  await page.locator(`#saved-list li[data-saved-id="${copy}"] [data-action="open"]`).click();
  await page.locator('#tab-model[aria-selected="true"]').waitFor();
  await expectKpi(page, 'customers', 180);
  await assertKpiNow(page, 'revenue', 2_700_000);
  await assertKpiNow(page, 'cac', 300_000 / 180);
  assert.equal(await fieldNumber(page, 'field-top'), 240_000);
  assert.equal(await page.locator('[data-current-name]').getAttribute('data-current-name'), 'Copy of Double traffic');
  assert.equal(new URL(page.url()).searchParams.get('name'), 'Copy of Double traffic');
  assert.ok((await stageParams(page)).includes('Visitors:240000'));
  await assertNoBadNumbers(page);
});

// ---------- e. comparison ----------

appTest('a comparison shows values and deltas, draws its chart, and its URL reopens it in an empty browser', async ({ page, newContext }) => {
  await openApp(page);
  await saveAsNew(page, 'Baseline');
  await setField(page, 'field-top', '240000');
  await expectKpi(page, 'customers', 180);
  await saveAsNew(page, 'Double traffic');
  await page.locator('#reset-scenario').click();
  await expectKpi(page, 'customers', 90);
  await setField(page, 'field-basket', '30000');
  await expectKpi(page, 'revenue', 2_700_000);

  await gotoTab(page, 'compare');
  await page.locator('#compare-empty').waitFor();
  await page.locator('#compare-saved').selectOption({ label: 'Baseline' });
  await page.locator('#compare-add-saved').click();
  await page.locator('#compare-saved').selectOption({ label: 'Double traffic' });
  await page.locator('#compare-add-saved').click();
  await page.locator('#compare-add-current-view').click();
  await page.locator('#compare-set li[data-compare-index="2"]').waitFor();
  assert.deepEqual(await page.locator('#compare-set li .compare-name').allTextContents(), [
    'Baseline',
    'Double traffic',
    'Current scenario',
  ]);

  await page.locator('td[data-delta="result.customers:2"]').waitFor();
  const cells = await comparisonCells(page);
  const expected = {
    'input.top:0': '120,000',
    'input.top:1': '240,000',
    'Δ input.top:1': '+120,000 (+100 %)',
    'input.basket:2': '€30,000',
    'Δ input.basket:2': '+€15,000 (+100 %)',
    'result.customers:0': '90',
    'result.customers:1': '180',
    'Δ result.customers:1': '+90 (+100 %)',
    'result.customers:2': '90',
    'Δ result.customers:2': '0 (0 %)',
    'result.revenue:0': '€1,350,000',
    'result.revenue:1': '€2,700,000',
    'Δ result.revenue:1': '+€1,350,000 (+100 %)',
    'Δ result.revenue:2': '+€1,350,000 (+100 %)',
    'result.cac:0': '€3,333',
    'result.cac:1': '€1,667',
    'Δ result.cac:1': '-€1,667 (-50 %)',
    'result.stage_count_0:1': '240,000',
  };
  for (const [key, text] of Object.entries(expected)) assert.equal(cells[key], text, `comparison cell ${key}`);
  assert.equal(cells['Δ result.customers:0'], undefined, 'the baseline has no delta column');

  await assertChartDrawn(page, 'comparison');
  const url = page.url();
  const params = new URL(url).searchParams;
  assert.equal(params.get('view'), 'compare');
  assert.equal(params.getAll('s').length, 3, `the comparison set is in the URL: ${url}`);

  // The same address in a new, empty browser context shows the same comparison.
  const fresh = await newContext();
  const other = await fresh.newPage();
  await other.goto(url);
  await other.locator('td[data-delta="result.customers:2"]').waitFor();
  assert.deepEqual(await comparisonCells(other), cells);
  assert.deepEqual(await other.locator('#compare-set li .compare-name').allTextContents(), [
    'Baseline',
    'Double traffic',
    'Current scenario',
  ]);
  assert.equal(await other.locator('#compare-saved').count(), 0, 'the new context has no saved scenarios');
  assert.equal(await other.evaluate((k) => localStorage.getItem(k), STORAGE_KEY), null);
  await assertChartDrawn(other, 'comparison');
  await assertNoBadNumbers(other);
});

appTest('comparison JSON and CSV downloads; the JSON re-imports into an empty browser', async ({ page, newContext }) => {
  const variant = encodeURIComponent(`name=Double traffic&${scenarioQuery({ 'Visitors:120000': 'Visitors:240000' })}`);
  const baseline = encodeURIComponent(`name=Baseline&${scenarioQuery()}`);
  await page.goto(`${server.url}${DEFAULT_QUERY}&view=compare&s=${baseline}&s=${variant}`);
  await page.locator('td[data-delta="result.customers:1"]').waitFor();
  const cells = await comparisonCells(page);
  assert.equal(cells['Δ result.customers:1'], '+90 (+100 %)');

  const csv = await captureDownload(page, () => page.locator('#export-comparison-csv').click());
  const rows = parseCsv(csv.text);
  assert.deepEqual(rows[0], ['key', 'label', 'Baseline', 'Double traffic', 'Double traffic change', 'Double traffic change %']);
  const customers = rows.find((r) => r[0] === 'result.customers');
  assert.deepEqual(customers.slice(2).map(Number), [90, 180, 90, 100]);

  const json = await captureDownload(page, () => page.locator('#export-comparison-json').click());
  const file = JSON.parse(json.text);
  assert.equal(file.format, 'funnelsim.comparison');
  assert.equal(file.version, 2);
  assert.deepEqual(file.scenarios.map((s) => s.name), ['Baseline', 'Double traffic']);

  const fresh = await newContext();
  const other = await fresh.newPage();
  await other.goto(`${server.url}?view=compare`);
  await other.locator('#compare-empty').waitFor();
  await other.locator('#compare-import-file').setInputFiles({ name: json.name, mimeType: 'application/json', buffer: json.buffer });
  await expectNotice(other, /^Imported a comparison of 2 scenarios\./);
  await other.locator('td[data-delta="result.customers:1"]').waitFor();
  assert.deepEqual(await comparisonCells(other), cells);
  await assertChartDrawn(other, 'comparison');
});

// ---------- f. sensitivity ----------

appTest('sensitivity ranks the levers by effect, draws a tornado, names the stage to fix first and follows the step', async ({ page }) => {
  await openApp(page);
  await gotoTab(page, 'sensitivity');
  await page.locator('tr[data-lever]').first().waitFor();

  // Revenue, ±10 % relative: volume, every rate and the basket move revenue by ±10 % (ties keep lever order).
  let rows = await sensitivityRows(page);
  assert.deepEqual(rows.map((r) => r.lever), [
    'top', 'stage-rate-1', 'stage-rate-2', 'stage-rate-3', 'stage-rate-4', 'stage-rate-5', 'basket', 'spend', 'margin',
  ]);
  const swings = rows.map((r) => Math.abs(r.high - r.low));
  for (let i = 1; i < swings.length; i++) {
    assert.ok(swings[i - 1] >= swings[i] - 1e-6, `rows sorted by |effect|: ${swings.join(', ')}`);
  }
  await expectSensitivity(page, 'top', 1_215_000, 1_485_000);
  assert.ok(Math.abs(swings[0] - 270_000) < 1e-6, `top swing ${swings[0]}`);
  assert.equal(swings.at(-1), 0, 'the margin does not move revenue');

  const fix = page.locator('#fix-first');
  assert.equal(await fix.getAttribute('data-stage'), '1');
  const fixText = await fix.textContent();
  assert.match(fixText, /Visitors → Leads/);
  assert.match(fixText, /40 % more customers/);

  await assertChartDrawn(page, 'tornado');
  const draws = await readDraws(page, 'tornado');

  // Step 20 %: every effect doubles and the tornado is redrawn.
  await setField(page, 'field-sensitivity-step', '20');
  await expectSensitivity(page, 'top', 1_080_000, 1_620_000);
  await expectSensitivity(page, 'basket', 1_080_000, 1_620_000);
  await waitForDraws(page, 'tornado', draws + 1);

  // An invalid step is explained and the last valid step's figures stay.
  await setField(page, 'field-sensitivity-step', '0');
  await page.locator('#field-sensitivity-step-error').waitFor({ state: 'visible' });
  assert.match(await page.locator('#field-sensitivity-step-error').textContent(), /more than 0/);
  const kept = (await sensitivityRows(page)).find((r) => r.lever === 'top');
  assert.deepEqual(
    kept && [kept.low, kept.high],
    [1_080_000, 1_620_000],
    `with an invalid step the table must keep the last valid step's figures; the view shows: ${await page.locator('#view-panel').innerText()}`.slice(0, 400),
  );
  await setField(page, 'field-sensitivity-step', '20');
  await page.locator('#field-sensitivity-step-error').waitFor({ state: 'detached' });

  // Percentage points, on customers: the lowest rate (Leads, 2.5 %) now matters most; it is clamped at 0 %.
  await page.locator('#field-sensitivity-mode').selectOption('points');
  await page.locator('#field-sensitivity-metric').selectOption('customers');
  await expectSensitivity(page, 'stage-rate-1', 0, 810);
  rows = await sensitivityRows(page);
  assert.equal(rows[0].lever, 'stage-rate-1', `first row: ${JSON.stringify(rows[0])}`);
  await expectSensitivity(page, 'top', 72, 108);
  await assertChartDrawn(page, 'tornado');
  await assertNoBadNumbers(page);
});

// ---------- g. goal seek ----------

appTest('goal seek finds the visitors for 180 customers, applies them, and explains an unreachable target', async ({ page }) => {
  await openApp(page);
  await gotoTab(page, 'goal');
  await page.locator('#field-goal-metric').selectOption('customers');
  await page.locator('#field-goal-lever').selectOption('top');
  await setField(page, 'field-goal-target', '180');
  const result = page.locator('#goal-result');
  await expectGoalResult(page, 240_000, 180);
  assert.match(await result.textContent(), /Set Visitors volume to 240,000 \(now 120,000\)/);

  // Every input on its own: the easiest ways first; the 60 % rate cannot double; basket has no effect.
  const levers = page.locator('table[data-table="goal-levers"] tr[data-goal-lever]');
  const rows = await levers.evaluateAll((trs) =>
    trs.map((tr) => ({ lever: tr.dataset.goalLever, needed: tr.querySelector('td[data-value]')?.dataset.value, text: tr.textContent })),
  );
  assert.deepEqual(
    rows.slice(0, 5).map((r) => [r.lever, Number(r.needed)]),
    [['top', 240000], ['stage-rate-1', 5], ['stage-rate-2', 80], ['stage-rate-3', 100], ['stage-rate-5', 50]],
  );
  assert.match(rows.find((r) => r.lever === 'stage-rate-4').text, /out of reach: at most 150 \(at 100 %\)/);
  assert.match(rows.find((r) => r.lever === 'basket').text, /no effect/);
  await page.locator('tr[data-goal-lever="stage-rate-5"] button').click();
  await expectGoalResult(page, 50, 180);
  assert.equal(await page.locator('#field-goal-lever').inputValue(), 'stage-rate-5');
  await page.locator('#field-goal-lever').selectOption('top');
  await expectGoalResult(page, 240_000, 180);

  // Revenue by the basket: €2,700,000 needs a €30,000 basket.
  await page.locator('#field-goal-metric').selectOption('revenue');
  await page.locator('#field-goal-lever').selectOption('basket');
  await setField(page, 'field-goal-target', '2700000');
  await expectGoalResult(page, 30_000, 2_700_000);
  assert.match(await result.textContent(), /€30,000/);

  // Back to customers by visitors, and apply.
  await page.locator('#field-goal-metric').selectOption('customers');
  await page.locator('#field-goal-lever').selectOption('top');
  await setField(page, 'field-goal-target', '180');
  await expectGoalResult(page, 240_000, 180);
  await page.locator('#goal-apply').click();
  await page.locator('#tab-model[aria-selected="true"]').waitFor();
  await expectKpi(page, 'customers', 180);
  await assertKpiNow(page, 'revenue', 2_700_000);
  // The applied value is a tidy number, not the solver's last float (239999.99999999997).
  assert.equal(await page.locator('#field-top').inputValue(), '240000', 'the applied visitors must read 240000');
  assert.ok((await stageParams(page)).includes('Visitors:240000'), `URL stages: ${await stageParams(page)}`);

  // 10x the revenue through the MQL -> SQL rate would need a rate of 500 %.
  await gotoTab(page, 'goal');
  await page.locator('#field-goal-metric').selectOption('revenue');
  await page.locator('#field-goal-lever').selectOption('stage-rate-3');
  await setField(page, 'field-goal-target', '27000000');
  const unreachable = page.locator('#goal-unreachable');
  await unreachable.waitFor({ state: 'visible' });
  const text = await unreachable.textContent();
  assert.match(text, /100 %/);
  assert.match(text, /€5,400,000/); // revenue at a 100 % MQL -> SQL rate
  assert.match(text, /€27,000,000/);
  assert.equal(await result.count(), 0, 'no answer is offered');
  assert.equal(await page.locator('#goal-apply').count(), 0);
  await assertNoBadNumbers(page);
});

// ---------- h. files ----------

appTest('scenario JSON export re-imports; a broken file is refused; CSV results and chart PNG / SVG download', async ({ page }) => {
  await openApp(page);
  await expectKpi(page, 'customers', 90);

  const csv = await captureDownload(page, () => page.locator('#export-results-csv').click());
  assert.match(csv.name, /\.csv$/);
  const rows = parseCsv(csv.text);
  assert.deepEqual(rows[0], ['section', 'metric', 'stage', 'value', 'unit']);
  const value = (section, metric) => rows.find((r) => r[0] === section && r[1] === metric)?.[3];
  assert.equal(value('result', 'customers'), '90');
  assert.deepEqual(rows.find((r) => r[0] === 'result' && r[1] === 'customers'), ['result', 'customers', '', '90', 'count']);
  assert.equal(Number(value('result', 'revenue')), 1_350_000);
  assert.ok(Math.abs(Number(value('result', 'cac')) - CAC) < 1e-6);

  const png = await captureDownload(page, () => page.locator('[data-download="funnel-png"]').click());
  assert.match(png.name, /\.png$/);
  assert.deepEqual([...png.buffer.subarray(0, 8)], PNG_SIGNATURE);
  assert.ok(png.buffer.length > 2_000, `PNG of ${png.buffer.length} bytes`);
  const svg = await captureDownload(page, () => page.locator('[data-download="gap-svg"]').click());
  assert.match(svg.name, /\.svg$/);
  assert.match(svg.text, /<svg/);
  assert.match(svg.text, /Visitors/);

  // Export a named scenario with 240,000 visitors.
  await setField(page, 'field-top', '240000');
  await expectKpi(page, 'customers', 180);
  await saveAsNew(page, 'Double traffic');
  const json = await captureDownload(page, () => page.locator('#export-scenario-json').click());
  assert.equal(json.name, 'double-traffic.funnelsim.json');
  const file = JSON.parse(json.text);
  assert.equal(file.format, 'funnelsim.scenario');
  assert.equal(file.version, 2);
  assert.equal(file.name, 'Double traffic');
  assert.equal(file.scenario.stages[0].value, 240_000);

  // Change the scenario, then import the file: it comes back. (Reset opens the example a first visit sees,
  // planned by its five channels; without them, its funnel is the baseline's.)
  await page.locator('#reset-scenario').click();
  await page.locator('#ch-name-4').waitFor();
  await page.locator('#ch-stop').click();
  await setField(page, 'field-top', '60000');
  await expectKpi(page, 'customers', 45);
  await page.locator('#import-file').setInputFiles({ name: json.name, mimeType: 'application/json', buffer: json.buffer });
  await expectNotice(page, /^Imported “Double traffic”\./);
  await expectKpi(page, 'customers', 180);
  assert.equal(await fieldNumber(page, 'field-top'), 240_000);
  assert.equal(await page.locator('[data-current-name]').getAttribute('data-current-name'), 'Double traffic');

  // A broken file is refused with a message; the scenario stays.
  await page.locator('#import-file').setInputFiles({
    name: 'broken.json',
    mimeType: 'application/json',
    buffer: Buffer.from('{"format": "funnelsim.scenario", "version": 1, "name": '),
  });
  const { text } = await expectNotice(page, /^Import failed: This file is not valid JSON \(line \d+, column \d+/, { error: true });
  assert.ok(text.length > 30, text);
  await assertKpiNow(page, 'customers', 180);
  assert.equal(await fieldNumber(page, 'field-top'), 240_000);

  // Valid JSON that is not a funnelsim file is refused too (here through the Saved scenarios view's import).
  await gotoTab(page, 'scenarios');
  await page.locator('#library-import-file').setInputFiles({
    name: 'other.json',
    mimeType: 'application/json',
    buffer: Buffer.from('{"hello": "world"}'),
  });
  await expectNotice(page, /^Import failed: This file is not a funnelsim export/, { error: true });
  await gotoTab(page, 'model');
  await expectKpi(page, 'customers', 180);
  await assertNoBadNumbers(page);
});

// ---------- i. embedding ----------

appTest('embed=1 shows the compact calculator without the app chrome, linking to the full app', async ({ page }) => {
  await openApp(page, `?${scenarioQuery()}&embed=1`);
  await page.locator('.embed').waitFor();
  await expectKpi(page, 'customers', 90);
  await assertKpiNow(page, 'revenue', 1_350_000);
  await assertKpiNow(page, 'cac', CAC);
  assert.equal(await page.locator('[id^="tab-"]').count(), 0, 'no tabs');
  assert.equal(await page.locator('[role="tablist"], .app-header, .app-footer, #embed-open, #save-new').count(), 0, 'no app chrome');
  await assertChartDrawn(page, 'funnel');

  const fullLink = async () => new URL(await page.locator('#open-full-app').getAttribute('href'), page.url());
  let full = await fullLink();
  assert.equal(full.origin + full.pathname, server.url);
  assert.equal(full.searchParams.get('embed'), null, `${full} still has embed`);
  assert.ok(full.searchParams.getAll('stage').includes('Visitors:120000'), `${full}`);

  // Editing in the calculator updates the KPIs and the full-app link.
  await setField(page, 'field-top', '240000');
  await expectKpi(page, 'customers', 180);
  await page.waitForFunction(() =>
    new URL(document.getElementById('open-full-app').href).searchParams.getAll('stage').includes('Visitors:240000'),
  );
  full = await fullLink();
  assert.equal(full.searchParams.get('embed'), null);

  // The link opens the full app on the same scenario.
  await page.goto(full.href);
  await waitForApp(page);
  await page.locator('#tab-model').waitFor();
  await expectKpi(page, 'customers', 180);
  await assertNoBadNumbers(page);
});

appTest('the Embed dialog gives an iframe snippet that shows the same scenario inside another page', async ({ page, context, allowRequests }) => {
  await recordClipboard(context);
  await openApp(page);
  await setField(page, 'field-top', '240000');
  await expectKpi(page, 'customers', 180);
  await gotoTab(page, 'sensitivity'); // the snippet always shows the calculator, whatever the view

  await page.locator('#embed-open').click();
  const dialog = page.locator('#embed-dialog');
  await dialog.waitFor({ state: 'visible' });
  const snippet = await page.locator('#embed-snippet').inputValue();
  assert.match(snippet, /^<iframe /);
  const src = new URL(snippetSrc(snippet));
  // The compact calculator's own small build, beside the full app.
  assert.equal(src.origin + src.pathname, server.url + 'embed/', `snippet src ${src} is not the absolute embed build's URL`);
  assert.equal(src.searchParams.get('embed'), null, 'the embed build needs no flag');
  assert.equal(src.searchParams.get('view'), null, 'the snippet has no view');
  assert.ok(src.searchParams.getAll('stage').includes('Visitors:240000'), `${src}`);

  await page.locator('#embed-copy').click();
  const copied = await copiedText(page);
  assert.equal(copied, snippet);
  await page.locator('#embed-close').click();
  await dialog.waitFor({ state: 'detached' });

  // "Another page" of the same site: a blog post holding the snippet.
  const postUrl = `${server.origin}/blog/post.html`;
  allowRequests(postUrl);
  await context.route(postUrl, (route) =>
    route.fulfill({
      status: 200,
      contentType: 'text/html; charset=utf-8',
      body: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>A post</title><link rel="icon" href="data:,"></head>
<body><h1>Our funnel</h1><p>Try it:</p>${snippet}</body></html>`,
    }),
  );
  await page.goto(postUrl);
  const frame = await (await page.locator('iframe').elementHandle()).contentFrame();
  assert.ok(frame, 'the iframe has a frame');
  await waitForApp(frame);
  await expectKpi(frame, 'customers', 180);
  await assertKpiNow(frame, 'revenue', 2_700_000);
  await assertKpiNow(frame, 'cac', 300_000 / 180);
  assert.ok(frame.url().startsWith(server.url + 'embed/'), frame.url());
  const embedded = page.frameLocator('iframe');
  assert.equal(Number(await embedded.locator('[data-kpi="customers"]').getAttribute('data-value')), 180);
  assert.equal(await embedded.locator('[id^="tab-"]').count(), 0, 'the embedded app shows no tabs');
  await assertChartDrawn(frame, 'funnel');
  assert.equal(page.url(), postUrl);
  await assertNoBadNumbers(frame);
});

appTest('the embed loads only its small build, and an old embed=1 link is sent there before the full app loads', async ({ page }) => {
  const fetched = [];
  page.on('response', async (response) => {
    const url = new URL(response.url());
    if (!url.pathname.startsWith(new URL(server.url).pathname)) return;
    const body = await response.body().catch(() => Buffer.alloc(0));
    fetched.push({ path: url.pathname.slice(new URL(server.url).pathname.length), bytes: body.length });
  });
  await page.goto(server.url + `embed/?${scenarioQuery()}`);
  await page.locator('.embed').waitFor();
  await expectKpi(page, 'customers', 90);
  await assertChartDrawn(page, 'funnel');
  const paths = fetched.map((f) => f.path);
  assert.ok(paths.every((p) => p.startsWith('embed/')), `outside the embed build: ${paths.join(', ')}`);
  assert.ok(paths.some((p) => /^embed\/embed-[0-9a-f]+_bg\.wasm$/.test(p)), `the embed's wasm: ${paths.join(', ')}`);
  // Uncompressed bytes (the test server does not gzip): the whole embed is a fraction of the full app's wasm alone.
  const bytes = fetched.reduce((sum, f) => sum + f.bytes, 0);
  assert.ok(bytes < 700_000, `the embed fetched ${bytes} bytes`);

  fetched.length = 0;
  await page.goto(server.url + `?${scenarioQuery()}&embed=1`);
  await page.locator('.embed').waitFor();
  await expectKpi(page, 'customers', 90);
  assert.ok(new URL(page.url()).pathname.endsWith('/embed/'), page.url());
  assert.ok(!fetched.some((f) => /^funnelsim-[0-9a-f]+_bg\.wasm$/.test(f.path)), `the full app's wasm was fetched: ${fetched.map((f) => f.path).join(', ')}`);
});

appTest('the example page shipped in dist/ embeds the calculator from a relative address', async ({ page }) => {
  // assets/embed-example.html, copied next to index.html: a host article with a relative iframe src.
  await page.goto(server.url + 'embed-example.html');
  const frame = await (await page.locator('iframe#funnelsim-embed').elementHandle()).contentFrame();
  assert.ok(frame, 'the example page has the iframe');
  await waitForApp(frame);
  assert.ok(frame.url().startsWith(server.url + 'embed/'), `the iframe resolved to ${frame.url()}, not the embed build under the app's sub-path`);
  // 40,000 visitors × 4 % × 35 % × 50 % × 50 % × 30 % = 42 customers; × €12,000 = €504,000; €90,000 / 42 = CAC.
  await expectKpi(frame, 'customers', 42);
  await assertKpiNow(frame, 'revenue', 504_000);
  await assertKpiNow(frame, 'cac', 90_000 / 42);
  await assertChartDrawn(frame, 'funnel');
  const full = new URL(await frame.locator('#open-full-app').getAttribute('href'), frame.url());
  assert.equal(full.origin + full.pathname, server.url);
  assert.equal(full.searchParams.get('embed'), null);
  assert.equal(full.searchParams.get('name'), 'Webinar programme');
  await assertNoBadNumbers(frame);
});

// Two tabs of one browser share the library: a save in one shows in the other at once (storage event), and a
// write re-reads the stored library first, so a save made elsewhere meanwhile is kept, never overwritten.
appTest('two tabs saving scenarios keep both, and each tab shows the other’s saves', async ({ page, context }) => {
  await openApp(page, `?${scenarioQuery()}`);
  const other = await context.newPage();
  await openApp(other, `?${scenarioQuery()}`);

  await saveAsNew(page, 'From tab A');
  // The other tab hears of it through the storage event and says so; its list shows the save.
  await expectNotice(other, /^The saved scenarios were changed in another tab/);
  await gotoTab(other, 'scenarios');
  await expectSavedNames(other, ['From tab A']);

  // A write the first tab does not hear of (a page receives no storage event for its own writes): an entry
  // stored behind its back, as by a tab whose event was missed.
  await page.evaluate((key) => {
    const library = JSON.parse(localStorage.getItem(key));
    const entry = { ...library.scenarios[0], id: library.next_id, name: 'Written elsewhere' };
    library.scenarios.push(entry);
    library.next_id += 1;
    localStorage.setItem(key, JSON.stringify(library));
  }, STORAGE_KEY);
  await saveAsNew(page, 'Second from A');
  await expectNotice(page, /Scenarios saved in another tab meanwhile are kept too\.$/);
  const names = ['From tab A', 'Written elsewhere', 'Second from A'];
  const stored = await storedLibrary(page);
  assert.deepEqual(stored.scenarios.map((s) => s.name), names);
  assert.equal(new Set(stored.scenarios.map((s) => s.id)).size, 3, 'ids stay unique');
  await gotoTab(page, 'scenarios');
  await expectSavedNames(page, names);
  await expectSavedNames(other, names);
});

// Stored text holding a lone surrogate (which a Rust String cannot hold) is kept aside exactly as stored, so the
// first save may replace the original without losing a byte of it.
appTest('unreadable text with a lone surrogate is kept aside byte for byte', async ({ page, context }) => {
  await context.addInitScript((key) => {
    if (location.protocol !== 'http:' || sessionStorage.getItem('__e2e_seeded')) return;
    localStorage.setItem(key, '{"scenarios": "broken ' + String.fromCharCode(0xd800) + '"');
    sessionStorage.setItem('__e2e_seeded', '1');
  }, STORAGE_KEY);
  await openApp(page);
  await page.locator('#storage-message').waitFor({ state: 'visible' });
  const exact = () =>
    page.evaluate(
      ([key, prefix]) => {
        const original = '{"scenarios": "broken ' + String.fromCharCode(0xd800) + '"';
        const kept = Object.keys(localStorage).filter((k) => k.startsWith(prefix));
        return { kept: kept.length, exact: kept.length === 1 && localStorage.getItem(kept[0]) === original, stored: localStorage.getItem(key) === original };
      },
      [STORAGE_KEY, QUARANTINE_PREFIX],
    );
  assert.deepEqual(await exact(), { kept: 1, exact: true, stored: true });
  await saveAsNew(page, 'After the surrogate');
  assert.deepEqual(await exact(), { kept: 1, exact: true, stored: false }, 'the save replaced the original; its copy is exact');
});

// When unreadable text cannot be kept aside (storage full), the banner says so instead of claiming a copy, and
// nothing is written over the original.
appTest('unreadable text that cannot be kept aside is left untouched and the banner says no copy exists', async ({ page, context }) => {
  const garbage = '{still not json';
  await context.addInitScript(([prefix]) => {
    const setItem = Storage.prototype.setItem;
    Storage.prototype.setItem = function (k, v) {
      if (String(k).startsWith(prefix)) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return setItem.call(this, k, v);
    };
  }, [QUARANTINE_PREFIX]);
  await seedLocalStorageOnce(context, { [STORAGE_KEY]: garbage });
  await openApp(page);
  const banner = page.locator('#storage-message');
  await banner.waitFor({ state: 'visible' });
  await page.locator('#storage-not-kept').waitFor();
  const text = await banner.textContent();
  assert.doesNotMatch(text, /kept aside in this browser under/);
  assert.match(text, /No copy could be kept aside/);
  assert.deepEqual(await quarantined(page), []);
  await page.locator('#save-name').fill('Would overwrite');
  await page.locator('#save-new').click();
  await expectNotice(page, /./, { error: true });
  assert.equal(await page.evaluate((k) => localStorage.getItem(k), STORAGE_KEY), garbage, 'the original is left untouched');
});
