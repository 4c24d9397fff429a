// browser-latency.mjs: measures input-to-repaint latency of the release build in headless Chromium (both charts redrawn).
//
//   trunk build --release && node benches/browser-latency.mjs
//   ITERATIONS=200 WARMUP=10 FUNNELSIM_DIST=dist node benches/browser-latency.mjs
//
// Each sample: t0 = performance.now(); set #field-top to a new value and dispatch a bubbling `input`
// event; t1 = when BOTH canvas[data-chart="funnel"] and canvas[data-chart="gap"] have raised their
// data-draws attribute (seen by a MutationObserver, no polling). Prints min / median / p95 / max in ms.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer } from '../tests/e2e/server.mjs';
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

/** Runs in the page: one input -> both-charts-repainted sample, in milliseconds. */
function sampleInPage([value, timeoutMs]) {
  return new Promise((resolve, reject) => {
    const input = document.querySelector('#field-top');
    const canvases = ['funnel', 'gap'].map((c) => document.querySelector(`canvas[data-chart="${c}"]`));
    if (!input || canvases.some((c) => !c)) return reject(new Error('#field-top or a chart canvas is missing'));
    const start = canvases.map((c) => Number(c.getAttribute('data-draws') || 0));
    let t0 = 0;
    let timer = 0;
    const observer = new MutationObserver(() => {
      // Canvases may be replaced by a re-render: look them up again each time.
      const now = ['funnel', 'gap'].map((c) => document.querySelector(`canvas[data-chart="${c}"]`));
      if (now.every((c, i) => c && Number(c.getAttribute('data-draws') || 0) > start[i])) {
        const t1 = performance.now();
        observer.disconnect();
        clearTimeout(timer);
        resolve(t1 - t0);
      }
    });
    observer.observe(document.body, { attributes: true, attributeFilter: ['data-draws'], subtree: true, childList: true });
    timer = setTimeout(() => {
      observer.disconnect();
      reject(new Error(`charts did not repaint within ${timeoutMs} ms after #field-top = ${value}`));
    }, timeoutMs);
    t0 = performance.now();
    input.value = String(value);
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
const fmt = (ms) => ms.toFixed(2);

const server = await startServer({ root: DIST });
const browser = await launchChromium();
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, deviceScaleFactor: 1 });
  page.on('pageerror', (err) => console.error('page error:', err.message));
  await page.goto(server.url);
  await page.waitForFunction(
    () =>
      ['funnel', 'gap'].every(
        (c) => Number(document.querySelector(`canvas[data-chart="${c}"]`)?.getAttribute('data-draws')) >= 1,
      ),
    null,
    { timeout: 60_000 },
  );

  const samples = [];
  for (let i = 0; i < WARMUP + ITERATIONS; i++) {
    // Distinct values every time (never the current one), so every sample really changes the scenario.
    const value = 100_000 + ((i * 7919) % 90_000) + 1;
    const ms = await page.evaluate(sampleInPage, [value, SAMPLE_TIMEOUT_MS]);
    if (i >= WARMUP) samples.push(ms);
  }
  samples.sort((a, b) => a - b);
  const mean = samples.reduce((a, b) => a + b, 0) / samples.length;

  console.log(`# funnelsim browser latency: input -> both charts repainted`);
  console.log('');
  console.log(`- browser: Chromium ${browser.version()} (headless, ${process.env.CHROME_PATH || '/usr/bin/chromium'})`);
  console.log(`- build: ${DIST}`);
  console.log(`- samples: ${samples.length} (after ${WARMUP} warm-up)`);
  console.log('');
  console.log('| min ms | median ms | p95 ms | max ms | mean ms |');
  console.log('|---:|---:|---:|---:|---:|');
  console.log(
    `| ${fmt(samples[0])} | ${fmt(percentile(samples, 50))} | ${fmt(percentile(samples, 95))} | ${fmt(samples[samples.length - 1])} | ${fmt(mean)} |`,
  );
} finally {
  await browser.close();
  await server.close();
}
