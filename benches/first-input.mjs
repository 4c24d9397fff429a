// first-input.mjs: the time from navigation until the first input works, in headless Chromium with
// Lighthouse's slow-4G throttling through the Chrome DevTools Protocol (150 ms round trip, 1.6 Mbps down,
// 750 kbps up, 4× CPU slowdown) and the files served gzipped, as a static host serves them. "Works" is
// measured, not the loading page: the bench types into #field-top as soon as it exists and waits until
// [data-kpi=customers] shows the number the new volume gives. The full app and the embed build are
// measured one after the other, each RUNS times (a fresh browser context each time: nothing cached);
// medians are printed as a markdown table.
//
//   trunk build --release && node benches/first-input.mjs
//   RUNS=3 node benches/first-input.mjs
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { existsSync } from 'node:fs';
import { startServer } from '../tests/e2e/server.mjs';
import { launchChromium } from '../tests/e2e/browser.mjs';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DIST = path.resolve(process.env.FUNNELSIM_DIST || path.join(REPO, 'dist'));
const RUNS = Number(process.env.RUNS || 3);
const TIMEOUT_MS = 120_000; // a guard against a page that never works, not a sleep

if (!existsSync(path.join(DIST, 'index.html'))) {
  console.error(`${DIST}/index.html is missing: run \`trunk build --release\` first.`);
  process.exit(1);
}

// The default B2B baseline with 240,000 visitors at the top instead of 120,000: 180 customers.
const QUERY = 'v=1&period=year&stage=Visitors:120000&stage=Leads:2.5&stage=MQL:40&stage=SQL:50&stage=Opportunities:60&stage=Customers:25&basket=15000&spend=300000&target=2000000';
const CASES = [
  { name: 'full app', path: `?${QUERY}` },
  { name: 'embed build', path: `embed/?${QUERY}` },
];
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

const server = await startServer({ root: DIST, gzip: true });
const browser = await launchChromium();
try {
  const rows = [];
  for (const c of CASES) {
    const times = [];
    let bytes = 0;
    for (let i = 0; i < RUNS; i++) {
      const context = await browser.newContext({ serviceWorkers: 'block' });
      const page = await context.newPage();
      const cdp = await context.newCDPSession(page);
      await cdp.send('Network.enable');
      await cdp.send('Network.emulateNetworkConditions', {
        offline: false,
        latency: 150,
        downloadThroughput: (1.6 * 1024 * 1024) / 8,
        uploadThroughput: (750 * 1024) / 8,
      });
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
      const before = server.requests.length;
      const start = Date.now();
      await page.goto(server.url + c.path, { waitUntil: 'commit' });
      // Type as soon as the field exists, then wait for the KPI the new volume gives.
      await page.locator('#field-top').waitFor({ timeout: TIMEOUT_MS });
      await page.locator('#field-top').fill('240000');
      await page.waitForFunction(() => document.querySelector('[data-kpi="customers"]')?.dataset.value === '180', null, { timeout: TIMEOUT_MS });
      times.push((Date.now() - start) / 1000);
      // Bytes the server sent (gzipped), the compiling worker's wasm request included.
      bytes = server.requests.slice(before).reduce((sum, r) => sum + r.bytes, 0);
      await context.close();
    }
    rows.push({ name: c.name, median: median(times), times, bytes });
  }
  console.log('# Time to a working first input, slow 4G (150 ms RTT, 1.6 Mbps) and 4× CPU slowdown, gzipped files');
  console.log('');
  console.log(`- browser: Chromium ${browser.version()} headless; build: ${DIST}; ${RUNS} runs each, nothing cached`);
  console.log('');
  console.log('| page | median s | runs s | bytes sent, gzipped (last run) |');
  console.log('|---|---:|---|---:|');
  for (const r of rows) console.log(`| ${r.name} | ${r.median.toFixed(2)} | ${r.times.map((t) => t.toFixed(2)).join(', ')} | ${Math.round(r.bytes / 1024)} KiB |`);
} finally {
  await browser.close();
  await server.close();
}
