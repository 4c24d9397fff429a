// monte-carlo-browser.mjs: Monte Carlo trials per second in headless Chromium, in ONE page of the
// release build: funnelsim's wasm run inside the real UI (the forecast tab's Monte Carlo panel:
// ~12 ms slices, MessageChannel yields, a streaming summary shown every 200 ms, charts redrawn),
// then, in the same page, the plain JavaScript implementation of the same simulation
// (benches/monte-carlo-js.mjs: same scenario, same distributions) in chunks of 5,000 trials with a
// MessageChannel yield between chunks. Each side runs RUNS times; medians are printed as a
// markdown table with their ratio, the longest main-thread task of each side
// (PerformanceObserver 'longtask': tasks over 50 ms; 0 when none was) and a sanity check that
// both give the same P50 of revenue and customers within 2 %.
//
//   bash scripts/build.sh && node benches/monte-carlo-browser.mjs
//   TRIALS=100000 RUNS=3 node benches/monte-carlo-browser.mjs
//
// The scenario is the golden forecast (tests/golden/saas_forecast.url / .json: 4 stages, a
// 24-month projection, ranges on top, a rate and the basket, observed counts on a rate and the
// churn). The wasm side: the page is opened with the golden link at 1,000 trials (a warm-up
// run), then `#fc-trials` is filled with TRIALS (what a user does); a MutationObserver times the
// run in the page, from the `input` event to `#mc-progress` showing max = TRIALS and
// data-done = "true" (results and charts rendered). Between runs the trials go back to 1,000, so
// each timed run is a new run of TRIALS trials. No sleeps: every wait is for a condition.
import { existsSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer } from '../tests/e2e/server.mjs';
import { launchChromium } from '../tests/e2e/browser.mjs';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DIST = path.resolve(process.env.FUNNELSIM_DIST || path.join(REPO, 'dist'));
const TRIALS = Number(process.env.TRIALS || 100_000);
const RUNS = Number(process.env.RUNS || 3);
const WARMUP_TRIALS = 1_000;
const CHUNK = 5_000;
const RUN_TIMEOUT_MS = 600_000; // a guard against a run that never ends, not a sleep

const GOLDEN_URL = readFileSync(path.join(REPO, 'tests/golden/saas_forecast.url'), 'utf8').trim();
const SCENARIO = JSON.parse(readFileSync(path.join(REPO, 'tests/golden/saas_forecast.json'), 'utf8'));
const JS_SOURCE = readFileSync(path.join(REPO, 'benches/monte-carlo-js.mjs'), 'utf8');

if (!existsSync(path.join(DIST, 'index.html'))) {
  console.error(`${DIST}/index.html is missing: run \`bash scripts/build.sh\` first.`);
  process.exit(1);
}

const linkWith = (trials) => GOLDEN_URL.replace(/mc_trials=\d+/, `mc_trials=${trials}`) + '&view=forecast';
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/**
 * Runs in the page: resolves when the Monte Carlo panel shows a finished run of `trials` trials,
 * with the times (performance.now()) of the `input` event on #fc-trials, of the run's first
 * progress (max = trials) and of its end (data-done), and the progress values shown on the way.
 */
function armUiRun(trials) {
  globalThis.__mcRun = new Promise((resolve) => {
    const run = { input: null, start: null, end: null, shown: [] };
    const onInput = (event) => {
      if (event.target?.id === 'fc-trials' && run.input === null) run.input = performance.now();
    };
    document.addEventListener('input', onInput, { capture: true });
    const check = () => {
      const progress = document.querySelector('#mc-progress');
      if (run.input === null || progress?.getAttribute('max') !== String(trials)) return;
      const now = performance.now();
      if (run.start === null) run.start = now;
      const value = Number(progress.getAttribute('value'));
      if (run.shown.at(-1)?.[1] !== value) run.shown.push([now, value]);
      if (progress.getAttribute('data-done') === 'true') {
        run.end = now;
        observer.disconnect();
        document.removeEventListener('input', onInput, { capture: true });
        resolve(run);
      }
    };
    const observer = new MutationObserver(check);
    observer.observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['max', 'value', 'data-done'] });
  });
}

/** Runs in the page: the plain JavaScript simulation, chunked, yielding through a MessageChannel. */
async function runPlainJs([scenario, trials, chunk]) {
  const { simulate, nextTask } = globalThis.__mcjs;
  let compute = 0;
  let yielded = 0;
  let resumed = performance.now();
  const start = resumed;
  const summary = await simulate(scenario, {
    trials,
    chunk,
    onChunk: async () => {
      const chunkEnd = performance.now();
      compute += chunkEnd - resumed;
      await nextTask();
      resumed = performance.now();
      yielded += resumed - chunkEnd;
    },
  });
  const end = performance.now();
  return {
    start,
    end,
    compute,
    yielded,
    summaryMs: end - resumed,
    revenueP50: summary.revenue.p50,
    customersP50: summary.customers.p50,
  };
}

// The plain-JS reference is served as the bench's own files (same origin), as the app's strict
// CSP allows: no inline script. The entry module exposes it on globalThis for page.evaluate.
const MODULE = 'text/javascript; charset=utf-8';
const server = await startServer({
  root: DIST,
  extraFiles: {
    '/bench/monte-carlo-js.mjs': { body: JS_SOURCE, type: MODULE },
    '/bench/monte-carlo-entry.mjs': {
      body: "import { simulate, nextTask } from './monte-carlo-js.mjs';\nglobalThis.__mcjs = { simulate, nextTask };\n",
      type: MODULE,
    },
  },
});
const browser = await launchChromium();
try {
  const page = await browser.newPage();
  // Long tasks (over 50 ms) on the main thread, with their start time (as benches/crm-import.mjs).
  await page.addInitScript(() => {
    globalThis.__longTasks = [];
    globalThis.__longTaskObserver = new PerformanceObserver((list) =>
      globalThis.__longTasks.push(...list.getEntries().map((e) => [e.startTime, e.duration])),
    );
    globalThis.__longTaskObserver.observe({ type: 'longtask', buffered: true });
  });
  const longestBetween = (from, to) =>
    page.evaluate(
      ([from, to]) => {
        const pending = globalThis.__longTaskObserver.takeRecords().map((e) => [e.startTime, e.duration]);
        globalThis.__longTasks.push(...pending);
        return Math.max(0, ...globalThis.__longTasks.filter(([start]) => start >= from && start < to).map(([, d]) => d));
      },
      [from, to],
    );
  /** Fills #fc-trials with `trials` and waits in the page for that run to finish. */
  const uiRun = async (trials) => {
    await page.evaluate(armUiRun, trials);
    await page.fill('#fc-trials', String(trials));
    return page.evaluate(() => globalThis.__mcRun);
  };

  // The golden link at 1,000 trials: the app loads, compiles its wasm and runs a first (warm-up) Monte Carlo.
  await page.goto(server.url + linkWith(WARMUP_TRIALS));
  await page.locator('#mc-progress[data-done="true"]').waitFor({ timeout: RUN_TIMEOUT_MS });

  // (a) funnelsim's wasm, in the UI.
  const ui = [];
  for (let i = 0; i < RUNS; i++) {
    if (i > 0) await uiRun(WARMUP_TRIALS); // back to 1,000 so the next fill starts a new run
    const run = await uiRun(TRIALS);
    run.longest = await longestBetween(run.input, run.end + 1);
    ui.push(run);
  }
  const shownP50 = async (name) => Number(await page.locator(`[data-mc="${name}"]`).getAttribute('data-value'));
  const uiRevenueP50 = await shownP50('revenue_p50');
  const uiCustomersP50 = await shownP50('customers_p50');

  // (b) plain JavaScript in the same page: the module's source, exposed on globalThis.
  await page.addScriptTag({ type: 'module', url: server.origin + '/bench/monte-carlo-entry.mjs' });
  await page.waitForFunction(() => globalThis.__mcjs);
  await page.evaluate(runPlainJs, [SCENARIO, 10_000, CHUNK]); // warm-up: lets V8 optimise the hot code
  const js = [];
  for (let i = 0; i < RUNS; i++) {
    const run = await page.evaluate(runPlainJs, [SCENARIO, TRIALS, CHUNK]);
    run.longest = await longestBetween(run.start, run.end + 1);
    js.push(run);
  }

  const uiMs = median(ui.map((r) => r.end - r.input));
  const uiRunMs = median(ui.map((r) => r.end - r.start));
  const jsMs = median(js.map((r) => r.end - r.start));
  const uiRate = TRIALS / (uiMs / 1000);
  const jsRate = TRIALS / (jsMs / 1000);
  const off = (a, b) => Math.abs(a - b) / Math.abs(b);
  const jsRevenueP50 = median(js.map((r) => r.revenueP50));
  const jsCustomersP50 = median(js.map((r) => r.customersP50));
  const fmt = (x, digits = 0) => x.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

  console.log('# funnelsim Monte Carlo in headless Chromium: wasm in the UI vs plain JavaScript, same page');
  console.log('');
  console.log(`- browser: Chromium ${browser.version()} headless; Node ${process.version}; ${os.cpus().length} × ${os.cpus()[0]?.model?.trim()}`);
  console.log(`- build: ${DIST}; scenario: tests/golden/saas_forecast (24-month projection), ${fmt(TRIALS)} trials, median of ${RUNS} runs`);
  console.log('');
  console.log('| side | median s | trials/s | longest task ms (median) | P50 revenue | P50 customers |');
  console.log('|---|---:|---:|---:|---:|---:|');
  console.log(`| funnelsim wasm in the UI (input → results shown) | ${(uiMs / 1000).toFixed(3)} | ${fmt(uiRate)} | ${fmt(median(ui.map((r) => r.longest)))} | ${fmt(uiRevenueP50, 2)} | ${fmt(uiCustomersP50, 3)} |`);
  console.log(`| plain JavaScript, chunks of ${fmt(CHUNK)} + MessageChannel yields | ${(jsMs / 1000).toFixed(3)} | ${fmt(jsRate)} | ${fmt(median(js.map((r) => r.longest)))} | ${fmt(jsRevenueP50, 2)} | ${fmt(jsCustomersP50, 3)} |`);
  console.log('');
  console.log(`- ratio (funnelsim wasm in the UI ÷ plain JS, trials/s): **${(uiRate / jsRate).toFixed(2)}×**`);
  console.log(`- wasm in the UI, first progress shown → done: ${fmt(uiRunMs)} ms (median; the rest of input → done is the edit, re-render and set-up); ${median(ui.map((r) => r.shown.length))} progress values shown (the empty start, a full summary re-rendered with its charts every ~200 ms, the end)`);
  console.log(`- plain JS split (median of each): trials ${fmt(median(js.map((r) => r.compute)))} ms, yields ${fmt(median(js.map((r) => r.yielded)), 1)} ms, final summary ${fmt(median(js.map((r) => r.summaryMs)))} ms (no partial summaries, nothing rendered)`);
  console.log(`- sanity: P50 revenue differs by ${(off(jsRevenueP50, uiRevenueP50) * 100).toFixed(2)} %, P50 customers by ${(off(jsCustomersP50, uiCustomersP50) * 100).toFixed(2)} % (plain JS vs the page; other generator, so not identical)`);
  // 2 % at 100,000 trials; a smaller run's medians are noisier by √(100,000 ÷ trials).
  const tolerance = 0.02 * Math.max(1, Math.sqrt(100_000 / TRIALS));
  const ok = off(jsRevenueP50, uiRevenueP50) <= tolerance && off(jsCustomersP50, uiCustomersP50) <= tolerance;
  console.log(`- sanity check (within ${(tolerance * 100).toFixed(1)} %): ${ok ? 'pass' : 'FAIL'}`);
  if (process.env.DETAILS) console.error(JSON.stringify({ ui, js }, null, 1));
  if (!ok) process.exitCode = 1;
} finally {
  await browser.close();
  await server.close();
}
