// app.test.mjs: end-to-end tests of the release build (dist/) in headless Chromium, served under a sub-path.
//
// Needs `trunk build --release` first (scripts/test.sh does it). Every test gets a fresh browser context
// and checks at its end that (1) the page made no request outside the test server's sub-path, (2) no
// uncaught page error happened and (3) the console never reported a Rust panic.
// No sleeps: every wait is for a DOM condition (waitForFunction / locator waits).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer } from './server.mjs';
import { launchChromium } from './browser.mjs';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
// FUNNELSIM_DIST lets the harness run against another build folder.
const DIST = path.resolve(process.env.FUNNELSIM_DIST || path.join(REPO, 'dist'));
const WAIT_MS = 30_000; // generous: 2 shared cores compile the wasm while other jobs run
const TEST_TIMEOUT_MS = 180_000;

// The default scenario, as the app writes it into the URL (see the DOM/URL contract).
const DEFAULT_QUERY =
  '?v=1&period=year&stage=Visitors:120000&stage=Leads:2.5&stage=MQL:40&stage=SQL:50' +
  '&stage=Opportunities:60&stage=Customers:25&basket=15000&ltv_mode=derived&ltv=42000' +
  '&purchases=1&lifetime=4&margin=70&spend_mode=amount&spend=300000&spend_pct=10&target=2000000';

let server;
let browser;

before(async () => {
  if (!existsSync(path.join(DIST, 'index.html'))) {
    throw new Error(`${DIST}/index.html is missing: run \`trunk build --release\` first (bash scripts/test.sh does)`);
  }
  server = await startServer({ root: DIST, base: '/tools/funnelsim/' });
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

/**
 * Defines one test with a fresh context + page. The body gets { page, context }. Afterwards it
 * asserts that no request left the app's sub-path and that no page error / panic happened.
 */
function appTest(name, body, contextOptions = {}) {
  test(name, { timeout: TEST_TIMEOUT_MS }, async () => {
    const context = await browser.newContext({
      viewport: { width: 1280, height: 900 },
      deviceScaleFactor: 1,
      ...contextOptions,
    });
    context.setDefaultTimeout(WAIT_MS);
    const requests = [];
    const problems = [];
    context.on('request', (req) => requests.push(req.url()));
    // Nothing may leave the machine: anything not for the test server is aborted (and reported below).
    await context.route('**/*', (route) =>
      route.request().url().startsWith(server.origin + '/') ? route.continue() : route.abort('blockedbyclient'),
    );
    const watched = new WeakSet();
    const watch = (page) => {
      if (watched.has(page)) return;
      watched.add(page);
      page.on('pageerror', (err) => problems.push(`pageerror: ${err.message}`));
      page.on('console', (msg) => {
        if (msg.type() === 'error' && /panicked/i.test(msg.text())) problems.push(`console: ${msg.text()}`);
      });
    };
    context.on('page', watch);
    try {
      const page = await context.newPage();
      watch(page);
      await body({ page, context });
      const outside = requests.filter(
        (u) => !u.startsWith(server.url) && !u.startsWith(server.embedUrl) && !/^(data|blob|about):/.test(u),
      );
      assert.deepEqual(outside, [], 'requests outside the app (privacy: only its own assets may load)');
      assert.deepEqual(problems, [], 'page errors or panics');
    } finally {
      await context.close();
    }
  });
}

// ---------- helpers (each takes a Page or a Frame) ----------

/** Opens the app with a query string (or none) and waits until the first KPIs are rendered. */
async function openApp(page, query = '') {
  await page.goto(server.url + query);
  await waitForApp(page);
}

async function waitForApp(target) {
  await target.waitForFunction(
    () => document.querySelector('[data-kpi="customers"]')?.hasAttribute('data-value'),
    null,
    { timeout: WAIT_MS },
  );
}

/** The KPI's data-value: a number, null when "" (not applicable), undefined when the element is missing. */
async function readKpi(target, name) {
  const raw = await target.evaluate(
    (n) => document.querySelector(`[data-kpi="${n}"]`)?.getAttribute('data-value') ?? undefined,
    name,
  );
  if (raw === undefined) return undefined;
  return raw === '' ? null : Number(raw);
}

const close = (a, b) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b));

/** Waits until KPI `name` equals `expected` (relative tolerance 1e-9; null = "n/a"), else fails with the actual value. */
async function expectKpi(target, name, expected, timeout = WAIT_MS) {
  try {
    await target.waitForFunction(
      ([n, e]) => {
        const v = document.querySelector(`[data-kpi="${n}"]`)?.getAttribute('data-value');
        if (v === undefined || v === null) return false;
        if (e === null) return v === '';
        return v !== '' && Math.abs(Number(v) - e) <= 1e-9 * Math.max(1, Math.abs(e));
      },
      [name, expected],
      { timeout },
    );
  } catch (err) {
    const actual = await readKpi(target, name).catch(() => 'unreadable');
    assert.fail(`KPI ${name}: expected ${expected}, got ${actual === undefined ? 'no element' : actual} (${err.message.split('\n')[0]})`);
  }
}

/** Checks a KPI right now (no waiting): used after the app visibly handled an input. */
async function assertKpiNow(target, name, expected) {
  const actual = await readKpi(target, name);
  assert.ok(
    expected === null ? actual === null : typeof actual === 'number' && close(actual, expected),
    `KPI ${name}: expected ${expected}, got ${actual}`,
  );
}

/** Types a value into a field like a user would; number inputs can't hold text, so such text is set as the browser would sanitise it. */
async function setField(target, id, text) {
  const field = target.locator(`#${id}`);
  try {
    await field.fill(text, { timeout: 5_000 });
  } catch (err) {
    if (!/Cannot type text into input\[type=number\]|cannot be filled/i.test(err.message)) throw err;
    await field.evaluate((el, v) => {
      el.value = v; // an <input type=number> turns non-numeric text into ""
      el.dispatchEvent(new Event('input', { bubbles: true }));
      el.dispatchEvent(new Event('change', { bubbles: true }));
    }, text);
  }
}

async function expectFieldError(target, key) {
  const message = target.locator(`#field-${key}-error`);
  await message.waitFor({ state: 'visible' });
  const text = (await message.textContent()).trim();
  assert.ok(text.length > 0, `#field-${key}-error has no text`);
  assert.equal(await target.locator(`#field-${key}`).getAttribute('aria-invalid'), 'true', `#field-${key} aria-invalid`);
  return text;
}

async function expectNoFieldError(target, key) {
  await target.waitForFunction(
    (k) => {
      const field = document.getElementById(`field-${k}`);
      const message = document.getElementById(`field-${k}-error`);
      const hidden = !message || message.hidden || message.offsetParent === null || message.textContent.trim() === '';
      return field && field.getAttribute('aria-invalid') !== 'true' && hidden;
    },
    key,
    { timeout: WAIT_MS },
  );
}

/** Every KPI data-value must be a finite number or "" (n/a), and no text on the page may read NaN / inf. */
async function assertNoBadNumbers(target) {
  const bad = await target.evaluate(() => {
    const out = [];
    for (const el of document.querySelectorAll('[data-kpi]')) {
      const v = el.getAttribute('data-value');
      // (an element without data-value, e.g. a message, only has its text checked)
      if (v !== null && v !== '' && !Number.isFinite(Number(v))) out.push(`${el.dataset.kpi} data-value=${v}`);
      if (/NaN|\binf(inity)?\b|∞/i.test(el.textContent)) out.push(`${el.dataset.kpi} text=${el.textContent}`);
    }
    if (/\bNaN\b|\binf(inity)?\b|∞/i.test(document.body.innerText)) out.push('page text contains NaN/inf');
    return out;
  });
  assert.deepEqual(bad, [], 'non-finite numbers shown');
}

async function stageParams(page) {
  return new URL(page.url()).searchParams.getAll('stage');
}

async function waitForDraws(target, chart, atLeast = 1) {
  await target.waitForFunction(
    ([c, n]) => Number(document.querySelector(`canvas[data-chart="${c}"]`)?.getAttribute('data-draws')) >= n,
    [chart, atLeast],
    { timeout: WAIT_MS },
  );
}

/** Counts the canvas pixels that are neither transparent nor the background (most common) colour. */
async function canvasInk(target, chart) {
  return target.evaluate((c) => {
    const canvas = document.querySelector(`canvas[data-chart="${c}"]`);
    if (!canvas || !canvas.width || !canvas.height) return { pixels: 0, ink: 0, colours: 0 };
    // Copy onto a fresh 2D canvas: works whatever context the chart used.
    const copy = document.createElement('canvas');
    copy.width = canvas.width;
    copy.height = canvas.height;
    const ctx = copy.getContext('2d');
    ctx.drawImage(canvas, 0, 0);
    const d = ctx.getImageData(0, 0, copy.width, copy.height).data;
    const counts = new Map();
    for (let i = 0; i < d.length; i += 4) {
      const key = ((d[i] << 24) | (d[i + 1] << 16) | (d[i + 2] << 8) | d[i + 3]) >>> 0;
      counts.set(key, (counts.get(key) || 0) + 1);
    }
    let background = 0;
    let most = -1;
    for (const [key, n] of counts) if (n > most) [background, most] = [key, n];
    let ink = 0;
    for (const [key, n] of counts) if (key !== background && (key & 0xff) !== 0) ink += n;
    return { pixels: d.length / 4, ink, colours: counts.size };
  }, chart);
}

async function assertChartDrawn(target, chart) {
  await waitForDraws(target, chart, 1);
  const { pixels, ink, colours } = await canvasInk(target, chart);
  assert.ok(pixels > 0, `canvas ${chart} has no size`);
  assert.ok(ink >= Math.max(500, pixels * 0.01), `canvas ${chart} looks blank: ${ink} of ${pixels} pixels drawn`);
  assert.ok(colours >= 3, `canvas ${chart} has only ${colours} colours`);
}

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
  // Record what the app copies instead of touching the real clipboard.
  await context.addInitScript(() => {
    const record = (text) => {
      window.__copied = String(text);
      return Promise.resolve();
    };
    if (window.Clipboard) Clipboard.prototype.writeText = record;
    if (navigator.clipboard) navigator.clipboard.writeText = record;
  });
  await openApp(page);
  await setField(page, 'field-top', '60000');
  await expectKpi(page, 'customers', 45);
  await page.locator('#copy-link').click();
  const copied = await (await page.waitForFunction(() => window.__copied)).jsonValue();
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
