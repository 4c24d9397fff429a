// crm-import.mjs: measures the CRM import of the release build in headless Chromium: time from picking a
// synthetic HubSpot-style export of N rows to the KPIs shown, throughput (MB/s, rows/s), and the page's
// memory (the JS heap's peak, sampled every 50 ms through the Chrome DevTools Protocol, and the wasm linear
// memory, which never shrinks);
// then Papa Parse (npm papaparse, the reference web developers use) parses the same File in the same
// page, streaming, so the two read the same bytes in the same browser run. "Longest task" is the longest
// main-thread task (PerformanceObserver 'longtask', tasks over 50 ms) during each parse: how long the page
// could not answer a click or a keystroke.
//
//   trunk build --release && node benches/crm-import.mjs            # 100,000 and 1,000,000 rows
//   ROWS=100000 node benches/crm-import.mjs
import { readFileSync } from 'node:fs';
import { mkdtemp, writeFile, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer } from '../tests/e2e/server.mjs';
import { launchChromium } from '../tests/e2e/browser.mjs';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DIST = path.resolve(process.env.FUNNELSIM_DIST || path.join(REPO, 'dist'));
const SIZES = (process.env.ROWS || '100000,1000000').split(',').map(Number);

const STAGES = ['subscriber', 'lead', 'marketingqualifiedlead', 'salesqualifiedlead', 'opportunity', 'customer'];
const SOURCES = ['Organic search', 'Paid ads', 'E-mail', 'Events', 'Outbound'];
const OWNERS = ['Alice Martin', 'Bruno Lefevre', 'Chloe Durand', 'David Moreau'];

/** A deterministic export of `rows` rows (a linear congruential generator, fixed seed). */
function exportOf(rows) {
  let x = 12345;
  const next = (n) => ((x = (x * 1103515245 + 12345) % 2147483648), x % n);
  const lines = ['Record ID,Create Date,Lifecycle Stage,Lead Status,Original Source,Contact owner,First Contact Date,Amount,Deal Stage'];
  for (let i = 0; i < rows; i++) {
    const stage = next(6);
    const month = 1 + next(12);
    const day = 1 + next(28);
    const created = `2025-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')} ${String(8 + next(10)).padStart(2, '0')}:${String(next(60)).padStart(2, '0')}`;
    const contacted = stage >= 2 ? `2025-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')} 18:30` : '';
    const amount = stage >= 4 ? String(1000 + next(40000)) : '';
    lines.push(`${100000 + i},${created},${STAGES[stage]},${stage === 2 ? 'Accepted' : 'New'},${SOURCES[next(5)]},${OWNERS[next(4)]},${contacted},${amount},${stage === 5 ? 'Closed won' : ''}`);
  }
  return lines.join('\n') + '\n';
}

/** Samples the page's JS heap (CDP, every 50 ms) until the returned function is called; it gives the peak. */
function sampleHeap(cdp) {
  let peak = 0;
  let running = true;
  const loop = (async () => {
    while (running) {
      const { usedSize } = await cdp.send('Runtime.getHeapUsage');
      peak = Math.max(peak, usedSize);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  })();
  return async () => {
    running = false;
    await loop;
    return peak;
  };
}

// Papa Parse is served as the bench's own file (same origin), as the app's strict CSP allows.
const server = await startServer({
  root: DIST,
  extraFiles: {
    '/bench/papaparse.min.js': {
      body: readFileSync(path.join(REPO, 'node_modules/papaparse/papaparse.min.js')),
      type: 'text/javascript; charset=utf-8',
    },
  },
});
const browser = await launchChromium();
try {
  console.log('# funnelsim CRM import in headless Chromium');
  console.log('');
  console.log(`- browser: Chromium ${browser.version()}; build: ${DIST}`);
  console.log('');
  console.log('| rows | file MB | funnelsim import s | MB/s | rows/s | longest task ms | peak JS heap MB | wasm memory MB | Papa Parse s | Papa MB/s | Papa longest task ms | Papa peak JS heap MB |');
  console.log('|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  const dir = await mkdtemp(path.join(os.tmpdir(), 'funnelsim-crm-bench-'));
  for (const rows of SIZES) {
    const file = path.join(dir, `export-${rows}.csv`);
    await writeFile(file, exportOf(rows));
    const bytes = (await stat(file)).size;
    const page = await browser.newPage();
    // Trunk's loader announces the wasm instance: keep it to read its linear memory.
    await page.addInitScript(() => addEventListener('TrunkApplicationStarted', (e) => (globalThis.__wasm = e.detail?.wasm)));
    // Long tasks (over 50 ms) on the main thread, with their start time.
    await page.addInitScript(() => {
      globalThis.__longTasks = [];
      new PerformanceObserver((list) => globalThis.__longTasks.push(...list.getEntries().map((e) => [e.startTime, e.duration]))).observe({ type: 'longtask', buffered: true });
    });
    const longestSince = (since) =>
      page.evaluate((since) => Math.max(0, ...globalThis.__longTasks.filter(([start]) => start >= since).map(([, d]) => d)), since);
    const cdp = await page.context().newCDPSession(page);
    await page.goto(server.url + '?view=crm');
    await page.locator('#crm-file').waitFor({ state: 'attached' });
    await cdp.send('HeapProfiler.collectGarbage');
    const importStart = await page.evaluate(() => performance.now());
    const importHeap = sampleHeap(cdp);
    const t0 = Date.now();
    await page.setInputFiles('#crm-file', file);
    await page.locator('#crm-summary, #crm-error').first().waitFor({ timeout: 600_000 });
    const seconds = (Date.now() - t0) / 1000;
    const importPeakHeap = await importHeap();
    const importLongest = await longestSince(importStart);
    if (process.env.TASKS) console.error(await page.evaluate((s) => JSON.stringify(globalThis.__longTasks.filter(([t]) => t >= s).map(([t, d]) => [Math.round(t - s), Math.round(d)])), importStart));
    const error = await page.locator('#crm-error').count();
    if (error) {
      console.error('import failed:', await page.locator('#crm-error').textContent());
      process.exitCode = 1;
    }
    // The wasm linear memory (it never shrinks: its size is the import's peak): the largest WebAssembly.Memory buffer reachable from the page.
    const wasmBytes = await page.evaluate(() => globalThis.__wasm?.memory?.buffer?.byteLength ?? null);
    // Papa Parse on the same file, in the same page: streamed (chunk callback), rows counted, not kept.
    await page.addScriptTag({ url: server.origin + '/bench/papaparse.min.js' });
    await page.evaluate(() => {
      const input = document.createElement('input');
      input.type = 'file';
      input.id = 'papa-file';
      document.body.append(input);
    });
    await page.setInputFiles('#papa-file', file);
    await cdp.send('HeapProfiler.collectGarbage');
    const papaStart = await page.evaluate(() => performance.now());
    const papaHeap = sampleHeap(cdp);
    const papa = await page.evaluate(
      () =>
        new Promise((resolve) => {
          const start = performance.now();
          let count = 0;
          Papa.parse(document.getElementById('papa-file').files[0], {
            header: true,
            chunk: (results) => (count += results.data.length),
            complete: () => resolve({ seconds: (performance.now() - start) / 1000, count }),
          });
        }),
    );
    const papaLongest = await longestSince(papaStart);
    const papaPeakHeap = await papaHeap();
    const mb = bytes / 1048576;
    console.log(
      `| ${rows.toLocaleString('en-US')} | ${mb.toFixed(1)} | ${seconds.toFixed(2)} | ${(mb / seconds).toFixed(1)} | ${Math.round(rows / seconds).toLocaleString('en-US')} | ${Math.round(importLongest)} | ${(importPeakHeap / 1048576).toFixed(1)} | ${wasmBytes == null ? 'n/a' : (wasmBytes / 1048576).toFixed(1)} | ${papa.seconds.toFixed(2)} | ${(mb / papa.seconds).toFixed(1)} | ${Math.round(papaLongest)} | ${(papaPeakHeap / 1048576).toFixed(1)} |`,
    );
    await page.close();
  }
} finally {
  await browser.close();
  await server.close();
}
