// harness.mjs: shared e2e harness: build folder, test server + Chromium lifecycle, the appTest wrapper and page helpers.
//
// A test file only imports what it needs: the first `appTest(...)` call registers the before/after hooks
// that start the static server (serving FUNNELSIM_DIST, default dist/, under /tools/funnelsim/) and
// Chromium, and stop them once the file's tests are done. `server` and `browser` are live bindings.
//
// Every appTest gets a fresh browser context; at its end it asserts that (1) no request left the test
// server's app sub-path (or a prefix the test allowed itself), (2) no uncaught page error happened and
// (3) the console never reported a Rust panic. Helpers never sleep: every wait is for a DOM condition.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer } from './server.mjs';
import { launchChromium } from './browser.mjs';

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
// FUNNELSIM_DIST lets the harness run against another build folder.
export const DIST = path.resolve(process.env.FUNNELSIM_DIST || path.join(REPO, 'dist'));
export const WAIT_MS = 30_000; // generous: 2 shared cores compile the wasm while other jobs run
export const TEST_TIMEOUT_MS = 180_000;

// The default scenario, as the app writes it into the URL (see the DOM/URL contract).
export const DEFAULT_QUERY =
  '?v=1&period=year&stage=Visitors:120000&stage=Leads:2.5&stage=MQL:40&stage=SQL:50' +
  '&stage=Opportunities:60&stage=Customers:25&basket=15000&ltv_mode=derived&ltv=42000' +
  '&purchases=1&lifetime=4&margin=70&spend_mode=amount&spend=300000&spend_pct=10&target=2000000';

export let server;
export let browser;

let hooksRegistered = false;

function registerHooks() {
  if (hooksRegistered) return;
  hooksRegistered = true;
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
}

/**
 * Defines one test with a fresh context + page. The body gets { page, context, newContext, allowRequests, expectPanic }:
 * - newContext(options): another, empty context (no shared storage) with the same guards, closed at the end;
 * - allowRequests(prefix): also accept requests to URLs starting with prefix (pages the test fulfils itself);
 * - expectPanic(): the test provokes a panic on purpose (the crash page's test): one is then required, not refused.
 * contextOptions (third argument) go to browser.newContext; testOptions (fourth) to node:test (e.g. { todo: 'why' }).
 * Afterwards it asserts that no request left the allowed URLs and that no page error / panic happened.
 */
export function appTest(name, body, contextOptions = {}, testOptions = {}) {
  registerHooks();
  test(name, { timeout: TEST_TIMEOUT_MS, ...testOptions }, async () => {
    const requests = [];
    const problems = [];
    const allowed = [server.url, server.embedUrl];
    const contexts = [];
    const watched = new WeakSet();
    let panicExpected = false;
    let panics = 0;
    const watch = (page) => {
      if (watched.has(page)) return;
      watched.add(page);
      page.on('pageerror', (err) => problems.push(`pageerror: ${err.message}`));
      page.on('console', (msg) => {
        if (msg.type() !== 'error' || !/panicked/i.test(msg.text())) return;
        panics += 1;
        if (!panicExpected) problems.push(`console: ${msg.text()}`);
      });
    };
    const newContext = async (options = {}) => {
      const context = await browser.newContext({
        viewport: { width: 1280, height: 900 },
        deviceScaleFactor: 1,
        ...options,
      });
      contexts.push(context);
      context.setDefaultTimeout(WAIT_MS);
      context.on('request', (req) => requests.push(req.url()));
      // Nothing may leave the machine: anything not for the test server is aborted (and reported below).
      await context.route('**/*', (route) =>
        route.request().url().startsWith(server.origin + '/') ? route.continue() : route.abort('blockedbyclient'),
      );
      context.on('page', watch);
      return context;
    };
    const allowRequests = (prefix) => allowed.push(prefix);
    const expectPanic = () => (panicExpected = true);
    try {
      const context = await newContext(contextOptions);
      const page = await context.newPage();
      watch(page);
      await body({ page, context, newContext, allowRequests, expectPanic });
      const outside = requests.filter(
        (u) => !allowed.some((prefix) => u.startsWith(prefix)) && !/^(data|blob|about):/.test(u),
      );
      assert.deepEqual(outside, [], 'requests outside the app (privacy: only its own assets may load)');
      assert.deepEqual(problems, [], 'page errors or panics');
      if (panicExpected) assert.ok(panics > 0, 'the test expected a panic and none was reported');
    } finally {
      for (const context of contexts) await context.close();
    }
  });
}

// ---------- helpers (each takes a Page or a Frame) ----------

/** Opens the app with a query string (by default the baseline without channels; "" is a first visit, the example with channels) and waits until the first KPIs are rendered. */
export async function openApp(page, query = DEFAULT_QUERY) {
  await page.goto(server.url + query);
  await waitForApp(page);
}

export async function waitForApp(target) {
  await target.waitForFunction(
    () => document.querySelector('[data-kpi="customers"]')?.hasAttribute('data-value'),
    null,
    { timeout: WAIT_MS },
  );
  await actAsReader(target);
}

/**
 * Moves the pointer over the page, as a reader does: the Model view's parts below its first screen load
 * when the reader comes near them or first acts on the page (src/ui/lazy_view.rs), not during the start-up.
 */
export async function actAsReader(target) {
  const page = typeof target.page === 'function' ? target.page() : target;
  await page.mouse.move(3, 3);
  await page.mouse.move(5, 5);
}

/** The KPI's data-value: a number, null when "" (not applicable), undefined when the element is missing. */
export async function readKpi(target, name) {
  const raw = await target.evaluate(
    (n) => document.querySelector(`[data-kpi="${n}"]`)?.getAttribute('data-value') ?? undefined,
    name,
  );
  if (raw === undefined) return undefined;
  return raw === '' ? null : Number(raw);
}

export const close = (a, b) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b));

/** Waits until KPI `name` equals `expected` (relative tolerance 1e-9; null = "n/a"), else fails with the actual value. */
export async function expectKpi(target, name, expected, timeout = WAIT_MS) {
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

/** Waits until KPI `name` is within `tolerance` (absolute) of `expected`, else fails with the actual value. */
export async function expectKpiNear(target, name, expected, tolerance) {
  await target.waitForFunction(
    ([k, e, t]) => {
      const v = document.querySelector(`[data-kpi="${k}"]`)?.getAttribute('data-value');
      return v !== null && v !== undefined && v !== '' && Math.abs(Number(v) - e) <= t;
    },
    [name, expected, tolerance],
  ).catch(async () => assert.fail(`${name}: expected ${expected} ± ${tolerance}, got ${await readKpi(target, name)}`));
}

/** Checks a KPI right now (no waiting): used after the app visibly handled an input. */
export async function assertKpiNow(target, name, expected) {
  const actual = await readKpi(target, name);
  assert.ok(
    expected === null ? actual === null : typeof actual === 'number' && close(actual, expected),
    `KPI ${name}: expected ${expected}, got ${actual}`,
  );
}

/** Types a value into a field like a user would; number inputs can't hold text, so such text is set as the browser would sanitise it. */
export async function setField(target, id, text) {
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

/** The number shown in a text field ("240,000" and "240000" both read 240000). */
export async function fieldNumber(target, id) {
  const text = await target.locator(`#${id}`).inputValue();
  return Number(text.replace(/[\s,]/g, ''));
}

export async function expectFieldError(target, key) {
  const message = target.locator(`#field-${key}-error`);
  await message.waitFor({ state: 'visible' });
  const text = (await message.textContent()).trim();
  assert.ok(text.length > 0, `#field-${key}-error has no text`);
  assert.equal(await target.locator(`#field-${key}`).getAttribute('aria-invalid'), 'true', `#field-${key} aria-invalid`);
  return text;
}

export async function expectNoFieldError(target, key) {
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
export async function assertNoBadNumbers(target) {
  const bad = await target.evaluate(() => {
    const out = [];
    for (const el of document.querySelectorAll('[data-kpi]')) {
      const v = el.getAttribute('data-value');
      // (an element without data-value, e.g. a message, only has its text checked)
      if (v !== null && v !== '' && !Number.isFinite(Number(v))) out.push(`${el.dataset.kpi} data-value=${v}`);
      if (/NaN|\binf(inity)?\b|∞/i.test(el.textContent)) out.push(`${el.dataset.kpi} text=${el.textContent}`);
    }
    for (const el of document.querySelectorAll('[data-value]')) {
      const v = el.getAttribute('data-value');
      if (v !== '' && !Number.isFinite(Number(v))) out.push(`${el.tagName.toLowerCase()}#${el.id} data-value=${v}`);
    }
    if (/\bNaN\b|\binf(inity)?\b|∞/i.test(document.body.innerText)) out.push('page text contains NaN/inf');
    return out;
  });
  assert.deepEqual(bad, [], 'non-finite numbers shown');
}

export async function stageParams(page) {
  return new URL(page.url()).searchParams.getAll('stage');
}

export async function waitForDraws(target, chart, atLeast = 1) {
  await target.waitForFunction(
    ([c, n]) => Number(document.querySelector(`canvas[data-chart="${c}"]`)?.getAttribute('data-draws')) >= n,
    [chart, atLeast],
    { timeout: WAIT_MS },
  );
}

/** How many times a chart's canvas was drawn (0 when it was not, or is missing). */
export async function readDraws(target, chart) {
  return target.evaluate(
    (c) => Number(document.querySelector(`canvas[data-chart="${c}"]`)?.getAttribute('data-draws') || 0),
    chart,
  );
}

/** Counts the canvas pixels that are neither transparent nor the background (most common) colour. */
export async function canvasInk(target, chart) {
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

export async function assertChartDrawn(target, chart) {
  await waitForDraws(target, chart, 1);
  const { pixels, ink, colours } = await canvasInk(target, chart);
  assert.ok(pixels > 0, `canvas ${chart} has no size`);
  assert.ok(ink >= Math.max(500, pixels * 0.01), `canvas ${chart} looks blank: ${ink} of ${pixels} pixels drawn`);
  assert.ok(colours >= 3, `canvas ${chart} has only ${colours} colours`);
}

/**
 * Runs `trigger` (e.g. a click) and returns the download it starts: { name, buffer, text }.
 * Fails when no download starts or when the browser reports it failed.
 */
export async function captureDownload(page, trigger) {
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: WAIT_MS }), trigger()]);
  const stream = await download.createReadStream();
  const failure = await download.failure();
  assert.equal(failure, null, `download ${download.suggestedFilename()} failed: ${failure}`);
  const chunks = [];
  for await (const chunk of stream) chunks.push(chunk);
  const buffer = Buffer.concat(chunks);
  return { name: download.suggestedFilename(), buffer, text: buffer.toString('utf8') };
}

/**
 * Makes every page of `context` find `entries` ({ key: text }) in localStorage on its first load only
 * (a sessionStorage flag stops later loads and reloads from seeding again).
 */
export async function seedLocalStorageOnce(context, entries) {
  await context.addInitScript((seed) => {
    try {
      if (location.protocol !== 'http:' || sessionStorage.getItem('__e2e_seeded')) return;
      for (const [key, value] of Object.entries(seed)) localStorage.setItem(key, value);
      sessionStorage.setItem('__e2e_seeded', '1');
    } catch {
      // about:blank and other opaque origins have no storage: nothing to seed there.
    }
  }, entries);
}

/** Every localStorage entry of the page's origin, as { key: text }. */
export async function localStorageEntries(page) {
  return page.evaluate(() => Object.fromEntries(Object.keys(localStorage).map((k) => [k, localStorage.getItem(k)])));
}

/** Makes clipboard writes in `context` record their text instead of touching the real clipboard. */
export async function recordClipboard(context) {
  await context.addInitScript(() => {
    const record = (text) => {
      window.__copied = String(text);
      return Promise.resolve();
    };
    if (window.Clipboard) Clipboard.prototype.writeText = record;
    if (navigator.clipboard) navigator.clipboard.writeText = record;
  });
}

/** Waits for, and returns, the text last copied on `page` (after recordClipboard). */
export async function copiedText(page) {
  return (await page.waitForFunction(() => window.__copied)).jsonValue();
}

/** Opens tab `view` (its key: model, compare, sla …) and waits until it is selected. */
export async function gotoTab(page, view) {
  await page.locator(`#tab-${view}`).click();
  await page.locator(`#tab-${view}[aria-selected="true"]`).waitFor();
}

/**
 * Waits until the app has mounted in any view (tabs, or the compact embed calculator), the view's tool drawn
 * from its chunk (src/ui/lazy_view.rs) when it is one.
 */
export async function waitForMount(page) {
  await page.waitForFunction(
    () =>
      document.querySelector('.embed') ||
      (document.querySelector('[role="tablist"] [role="tab"]') && !document.querySelector('[data-part][data-chunk="loading"]')),
    null,
    { timeout: WAIT_MS },
  );
  await actAsReader(page);
  await page.waitForFunction(() => !document.querySelector('[data-part][data-chunk="loading"], [data-part][data-chunk="waiting"]'), null, {
    timeout: WAIT_MS,
  });
}

/** A file named `name` holding `content`, in a folder of its own (for `setInputFiles`). */
export async function tempFile(name, content) {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'funnelsim-e2e-'));
  const at = path.join(dir, name);
  await writeFile(at, content);
  return at;
}

/** The CRM view's total of KPI `name` (its data-value), in the table by channel. */
export async function crmTotalKpi(page, name) {
  return Number(await page.locator(`#crm-by-channel tr[data-crm-row="total"] [data-kpi-crm="${name}"]`).getAttribute('data-value'));
}
