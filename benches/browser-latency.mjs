// browser-latency.mjs: measures input-to-result latency of the release build in headless Chromium: the model (both charts
// redrawn), a full sensitivity analysis (tornado redrawn) and a goal seek (answer shown).
//
//   trunk build --release && node benches/browser-latency.mjs
//   ITERATIONS=200 WARMUP=10 FUNNELSIM_DIST=dist node benches/browser-latency.mjs
//   ONLY=SLA node benches/browser-latency.mjs     (only the cases whose name contains ONLY)
//
// Each sample: t0 = performance.now(); set an input to a new value and dispatch a bubbling `input` event; t1 = when the
// result is on screen, seen by a MutationObserver (no polling):
//   model        #field-top                -> canvas[data-chart=funnel] and [data-chart=gap] raised data-draws
//   sensitivity  #field-sensitivity-step   -> canvas[data-chart=tornado] raised data-draws (all levers recomputed,
//                                             table re-rendered, chart redrawn)
//   goal seek    #field-goal-target        -> #goal-result data-value changed (solve customers via visitors)
//   SLA          #field-sla-target         -> [data-kpi=sla_total_required] data-value changed, on a set-up of
//                                             20 channels × 10 personas with 12 months of daily actuals
//                                             (imported as a scenario file: the same data as Sla::synthetic)
//   capacity     #tm-count-0               -> [data-kpi=capacity_customers_lost] data-value changed and the capacity
//                                             chart redrawn (the baseline with its starting team of SDRs and AEs)
//   channels     #ch-spend-0               -> [data-kpi=best_gain] data-value changed and the allocation chart
//                                             redrawn, on the 20 channels of benches/analysis.rs (the whole
//                                             plan: funnels, next euro, best split, smallest budget for the target)
// The model, sensitivity and goal-seek cases open the baseline's link (a first visit opens the example with channels).
// Prints min / median / p95 / max / mean in ms per case.
import { existsSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer } from '../tests/e2e/server.mjs';
import { largestSlaFile } from '../tests/e2e/fixtures.mjs';
import { launchChromium } from '../tests/e2e/browser.mjs';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DIST = path.resolve(process.env.FUNNELSIM_DIST || path.join(REPO, 'dist'));
const ITERATIONS = Number(process.env.ITERATIONS || 200);
const WARMUP = Number(process.env.WARMUP || 10);
const SAMPLE_TIMEOUT_MS = 10_000; // a guard against a chart that never repaints, not a sleep

if (!existsSync(path.join(DIST, 'index.html'))) {
  console.error(`${DIST}/index.html is missing: run \`trunk build --release\` first.`);
  process.exit(1);
}

/**
 * Runs in the page: one sample, in milliseconds. `done` says when the result is on screen: either
 * { charts: [...] } (each canvas raised data-draws) or { selector, attribute } (that attribute changed).
 */
function sampleInPage([inputSelector, value, done, timeoutMs]) {
  return new Promise((resolve, reject) => {
    const input = document.querySelector(inputSelector);
    if (!input) return reject(new Error(`${inputSelector} is missing`));
    const draws = () =>
      (done.charts || []).map((c) => Number(document.querySelector(`canvas[data-chart="${c}"]`)?.getAttribute('data-draws') || 0));
    const attribute = () => (done.selector ? document.querySelector(done.selector)?.getAttribute(done.attribute) : null);
    const startDraws = draws();
    const startAttribute = attribute();
    let t0 = 0;
    let timer = 0;
    const observer = new MutationObserver(() => {
      // Elements may be replaced by a re-render: look them up again each time.
      const drawn = draws().every((n, i) => n > startDraws[i]);
      const changed = !done.selector || (attribute() != null && attribute() !== startAttribute);
      if (drawn && changed) {
        const t1 = performance.now();
        observer.disconnect();
        clearTimeout(timer);
        resolve(t1 - t0);
      }
    });
    observer.observe(document.body, { attributes: true, subtree: true, childList: true });
    timer = setTimeout(() => {
      observer.disconnect();
      reject(new Error(`no result within ${timeoutMs} ms after ${inputSelector} = ${value}`));
    }, timeoutMs);
    t0 = performance.now();
    input.value = String(value);
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
const fmt = (ms) => ms.toFixed(2);

// The baseline scenario's link, without channels.
const PLAIN =
  '?v=1&period=year&stage=Visitors:120000&stage=Leads:2.5&stage=MQL:40&stage=SQL:50' +
  '&stage=Opportunities:60&stage=Customers:25&basket=15000&ltv_mode=derived&ltv=42000' +
  '&purchases=1&lifetime=4&margin=70&spend_mode=amount&spend=300000&spend_pct=10&target=2000000';

/** The 20 channels of benches/analysis.rs (`twenty_channels`), as link keys on the baseline. */
function twentyChannels() {
  const curves = [];
  const conversions = [];
  const maxima = [];
  const names = [];
  for (let i = 0; i < 20; i++) {
    names.push(`&ch=${encodeURIComponent(`Channel ${i}`)}`);
    curves.push(
      [`cpl:${80 + 20 * i}`, `sat:${500 + 100 * i}/${40_000 + 5_000 * i}`, `pow:${0.5 + 0.1 * i}/0.7`, 'count:50'][i % 4],
    );
    conversions.push(`q:${0.8 + 0.02 * i}`);
    maxima.push(i % 3 === 0 ? '150000' : '');
  }
  return `${PLAIN}&ch_entry=leads${names.join('')}&ch_spend=${Array(20).fill(50000).join(',')}` +
    `&ch_curve=${curves.join(',')}&ch_conv=${conversions.join(',')}&ch_max=${maxima.join(',')}`;
}

const CASES = [
  {
    name: 'model: input -> both charts repainted',
    query: PLAIN,
    ready: { charts: ['funnel', 'gap'] },
    input: '#field-top',
    // Distinct values every time (never the current one), so every sample really changes the scenario.
    value: (i) => 100_000 + ((i * 7919) % 90_000) + 1,
    done: { charts: ['funnel', 'gap'] },
  },
  {
    name: 'sensitivity: step -> every lever recomputed, tornado repainted',
    query: `${PLAIN}&view=sensitivity`,
    ready: { charts: ['tornado'] },
    input: '#field-sensitivity-step',
    value: (i) => 5 + ((i * 37) % 250) / 10,
    done: { charts: ['tornado'] },
  },
  {
    name: 'goal seek: target -> answer shown (customers via visitors)',
    query: `${PLAIN}&view=goal`,
    ready: { selector: '#field-goal-target' },
    setup: async (page) => {
      await page.selectOption('#field-goal-metric', 'customers');
      await page.selectOption('#field-goal-lever', 'top');
    },
    input: '#field-goal-target',
    value: (i) => 100 + ((i * 53) % 400) + 1,
    done: { selector: '#goal-result', attribute: 'data-value' },
  },
  {
    name: 'goal seek: target -> answer shown (ROI on revenue via spend, bisection)',
    query: `${PLAIN}&view=goal`,
    ready: { selector: '#field-goal-target' },
    setup: async (page) => {
      await page.selectOption('#field-goal-metric', 'roi_revenue');
      await page.selectOption('#field-goal-lever', 'spend');
    },
    input: '#field-goal-target',
    value: (i) => 50 + ((i * 53) % 400) + 1,
    done: { selector: '#goal-result', attribute: 'data-value' },
  },
  {
    name: 'SLA 20 × 10 × 12 months: target -> commitment recomputed and shown',
    query: '?view=scenarios',
    ready: { selector: '#library-import-file' },
    setup: async (page) => {
      const dir = await mkdtemp(path.join(os.tmpdir(), 'funnelsim-bench-'));
      const file = path.join(dir, 'sla-20x10x12.funnelsim.json');
      await writeFile(file, largestSlaFile());
      await page.setInputFiles('#library-import-file', file);
      await page.locator('#tab-sla').click();
      await page.locator('#field-sla-rate-19-9').waitFor({ timeout: 60_000 });
    },
    // Required leads are whole numbers, so close targets can give the same total: alternate
    // between two far apart (every sample recomputes everything either way).
    input: '#field-sla-target',
    value: (i) => (i % 2 === 0 ? 300_000 : 500_000),
    // The address (75 KB here) is written in the task after the render: let it land before the
    // next sample, so each sample is one edit, not one edit plus the previous one's address.
    settle: (page, value) => page.waitForFunction((v) => location.search.includes(`sla_target=${v}&`), value),
    done: { selector: '[data-kpi="sla_total_required"]', attribute: 'data-value' },
  },
  {
    name: 'channels 20: a spend -> the plan and the best split shown',
    query: twentyChannels(),
    ready: { charts: ['channel-allocation'] },
    input: '#ch-spend-0',
    value: (i) => 40_000 + ((i * 7919) % 20_000) + 1,
    done: { selector: '[data-kpi="best_gain"]', attribute: 'data-value', charts: ['channel-allocation'] },
  },
  {
    name: 'capacity: a headcount -> the verdict and the capacity chart repainted',
    // The baseline with its starting team (2 SDRs on the MQL, 3 AEs on the opportunities).
    query: `${PLAIN}&tm=2,2,100,3,linear,3,SDRs&tm=4,3,15,3,linear,3,Account%20executives`,
    ready: { charts: ['capacity'] },
    input: '#tm-count-0',
    // 0.2 to 0.99 SDRs for the baseline's 100 MQL a month: always over capacity, so every new
    // value changes the customers lost.
    value: (i) => (0.2 + ((i * 7919) % 790) / 1000).toFixed(3),
    done: { selector: '[data-kpi="capacity_customers_lost"]', attribute: 'data-value', charts: ['capacity'] },
  },
];

const server = await startServer({ root: DIST });
const browser = await launchChromium();
try {
  console.log(`# funnelsim browser latency: input -> result on screen`);
  console.log('');
  console.log(`- browser: Chromium ${browser.version()} (headless, ${process.env.CHROME_PATH || '/usr/bin/chromium'})`);
  console.log(`- build: ${DIST}`);
  console.log(`- samples: ${ITERATIONS} per case (after ${WARMUP} warm-up)`);
  console.log('');
  console.log('| case | min ms | median ms | p95 ms | max ms | mean ms |');
  console.log('|---|---:|---:|---:|---:|---:|');
  for (const c of CASES.filter((x) => x.name.includes(process.env.ONLY || ''))) {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, deviceScaleFactor: 1 });
    page.on('pageerror', (err) => console.error('page error:', err.message));
    await page.goto(server.url + c.query);
    // A reader's pointer move: the Model view's parts below its first screen (channels, capacity) load on
    // the reader's first act on the page, not during the start-up (src/ui/lazy_view.rs).
    await page.locator('[role="tablist"]').waitFor({ timeout: 60_000 }); // the app has started: it listens
    await page.mouse.move(3, 3);
    await page.mouse.move(5, 5);
    await page.waitForFunction(
      ({ charts, selector }) =>
        (charts || []).every((ch) => Number(document.querySelector(`canvas[data-chart="${ch}"]`)?.getAttribute('data-draws')) >= 1) &&
        (!selector || document.querySelector(selector)),
      c.ready,
      { timeout: 60_000 },
    );
    await c.setup?.(page);
    const samples = [];
    for (let i = 0; i < WARMUP + ITERATIONS; i++) {
      const ms = await page.evaluate(sampleInPage, [c.input, c.value(i), c.done, SAMPLE_TIMEOUT_MS]);
      await c.settle?.(page, c.value(i));
      if (i >= WARMUP) samples.push(ms);
    }
    await page.close();
    samples.sort((a, b) => a - b);
    const mean = samples.reduce((a, b) => a + b, 0) / samples.length;
    console.log(
      `| ${c.name} | ${fmt(samples[0])} | ${fmt(percentile(samples, 50))} | ${fmt(percentile(samples, 95))} | ${fmt(samples[samples.length - 1])} | ${fmt(mean)} |`,
    );
  }
} finally {
  await browser.close();
  await server.close();
}
