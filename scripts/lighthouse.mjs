// lighthouse.mjs: Lighthouse audits of the release build (dist/), served locally the way a static host
// serves it (gzip, long cache for the hashed files), with the system Chromium; fails below budget.json.
//
//   trunk build --release && node scripts/lighthouse.mjs          (bash scripts/test.sh runs it)
//   FORM_FACTORS=desktop node scripts/lighthouse.mjs              (one preset only)
//   LIGHTHOUSE_RUNS=1 node scripts/lighthouse.mjs                 (one run per preset instead of 3)
//   FUNNELSIM_DIST=dir  CHROME_PATH=/usr/bin/chromium              (another build / browser)
//
// For each form factor in budget.json's "lighthouse" (desktop: the desktop preset; mobile: Lighthouse's default
// Moto G Power emulation, slow 4G, 4x CPU), it audits the app's default page under /tools/funnelsim/ for
// performance, accessibility, best practices and SEO, prints every score and every audit that lost points
// (with the elements concerned), writes the JSON reports to target/lighthouse/, and exits 1 when a score is
// below its minimum. Each preset runs 3 times and the run with the median performance score counts (what
// Lighthouse's documentation advises against run-to-run variance: on 2 shared cores, a busy moment costs a
// single run up to 4 performance points on desktop and 10 on mobile). Nothing leaves the machine: the page is on 127.0.0.1 and Chromium's background
// networking is off.
import { createServer } from 'node:http';
import { readFile, stat, mkdir } from 'node:fs/promises';
import { readFileSync, existsSync } from 'node:fs';
import { execFile } from 'node:child_process';
import { gzipSync } from 'node:zlib';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CHROMIUM_ARGS } from '../tests/e2e/browser.mjs';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DIST = path.resolve(process.env.FUNNELSIM_DIST || path.join(REPO, 'dist'));
const OUT = path.join(REPO, 'target', 'lighthouse');
const BASE = '/tools/funnelsim/';
const CHROME = process.env.CHROME_PATH || process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const LIGHTHOUSE = path.join(REPO, 'node_modules', 'lighthouse', 'cli', 'index.js');
// The flags of the e2e tests (shared/TOOLCHAIN.md), headless, with /tmp for shared memory.
const CHROME_FLAGS = ['--headless=new', ...CHROMIUM_ARGS, '--disable-dev-shm-usage'];
const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'];

const budget = JSON.parse(readFileSync(path.join(REPO, 'budget.json'), 'utf8')).lighthouse;
if (!budget) {
  console.error('budget.json has no "lighthouse" object');
  process.exit(2);
}
if (!existsSync(path.join(DIST, 'index.html'))) {
  console.error(`${DIST}/index.html is missing: run \`trunk build --release\` first.`);
  process.exit(2);
}
if (!existsSync(LIGHTHOUSE)) {
  console.error('node_modules/lighthouse is missing: run `npm ci`.');
  process.exit(2);
}
const formFactors = (process.env.FORM_FACTORS || Object.keys(budget.min_scores).join(',')).split(',').filter(Boolean);
const RUNS = Math.max(1, Number(process.env.LIGHTHOUSE_RUNS || 3));

// ---------- a static host: gzip, immutable hashed files, revalidated page and worker ----------
const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.csv': 'text/csv',
  '.json': 'application/json',
};
const COMPRESSIBLE = new Set(['.html', '.js', '.css', '.wasm', '.csv', '.json']);
const gzCache = new Map();
const server = createServer(async (req, res) => {
  const url = new URL(req.url, 'http://localhost');
  if (!url.pathname.startsWith(BASE)) {
    res.writeHead(404).end();
    return;
  }
  let rel = decodeURIComponent(url.pathname.slice(BASE.length)) || 'index.html';
  if (rel.endsWith('/')) rel += 'index.html';
  const file = path.resolve(DIST, rel);
  const ext = path.extname(file);
  if (!file.startsWith(DIST + path.sep) || !TYPES[ext] || !(await stat(file).catch(() => null))?.isFile()) {
    res.writeHead(404).end();
    return;
  }
  let body = await readFile(file);
  const headers = {
    'Content-Type': TYPES[ext],
    'X-Content-Type-Options': 'nosniff',
    // Trunk's hashed names change with their content: cache them for a year; the page and sw.js revalidate.
    'Cache-Control': /-[0-9a-f]{16}(_bg)?\.(js|wasm|css)$/.test(file) ? 'public, max-age=31536000, immutable' : 'no-cache',
    Vary: 'Accept-Encoding',
  };
  if (COMPRESSIBLE.has(ext) && /\bgzip\b/.test(req.headers['accept-encoding'] || '')) {
    if (!gzCache.has(file)) gzCache.set(file, gzipSync(body, { level: 9 }));
    body = gzCache.get(file);
    headers['Content-Encoding'] = 'gzip';
  }
  headers['Content-Length'] = body.length;
  res.writeHead(200, headers);
  res.end(req.method === 'HEAD' ? undefined : body);
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const url = `http://127.0.0.1:${server.address().port}${BASE}`;

function runLighthouse(formFactor, outFile) {
  const args = [
    LIGHTHOUSE,
    url,
    `--only-categories=${CATEGORIES.join(',')}`,
    '--output=json',
    `--output-path=${outFile}`,
    `--chrome-flags=${CHROME_FLAGS.join(' ')}`,
    '--quiet',
  ];
  if (formFactor === 'desktop') args.push('--preset=desktop');
  else if (formFactor !== 'mobile') throw new Error(`unknown form factor ${formFactor} (desktop or mobile)`);
  return new Promise((resolve, reject) => {
    execFile(process.execPath, args, { env: { ...process.env, CHROME_PATH: CHROME }, maxBuffer: 64 << 20 }, (err, stdout, stderr) => {
      if (err) reject(new Error(`lighthouse ${formFactor} failed: ${err.message}\n${stderr}`));
      else resolve();
    });
  });
}

/** Every audit of a category that lost points, with its elements. */
function lostPoints(report, category) {
  const out = [];
  for (const ref of report.categories[category].auditRefs) {
    const audit = report.audits[ref.id];
    if (ref.weight === 0 || audit.score === null || audit.score >= 1) continue;
    const items = (audit.details?.items || []).flatMap((item) =>
      item.node ? [item.node] : item.subItems?.items?.map((s) => s.relatedNode).filter(Boolean) || [],
    );
    const nodes = items.map((n) => `      ${n.selector}  ${(n.snippet || '').slice(0, 160)}${n.explanation ? `\n        ${n.explanation.split('\n').join(' ').slice(0, 300)}` : ''}`);
    out.push(`    - ${ref.id} (score ${audit.score}, weight ${ref.weight}${audit.displayValue ? `, ${audit.displayValue}` : ''}): ${audit.title}${nodes.length ? '\n' + nodes.join('\n') : ''}`);
  }
  return out;
}

await mkdir(OUT, { recursive: true });
const failures = [];
const summary = [];
try {
  for (const formFactor of formFactors) {
    const min = budget.min_scores[formFactor];
    if (!min) throw new Error(`budget.json lighthouse.min_scores has no "${formFactor}"`);
    const t0 = Date.now();
    const runs = [];
    for (let i = 1; i <= RUNS; i++) {
      const outFile = path.join(OUT, `${formFactor}-${i}.json`);
      await runLighthouse(formFactor, outFile);
      const run = JSON.parse(readFileSync(outFile, 'utf8'));
      if (run.runtimeError) throw new Error(`lighthouse ${formFactor}: ${run.runtimeError.code} ${run.runtimeError.message}`);
      runs.push({ file: outFile, report: run });
    }
    // The median run by performance score (Lighthouse's own advice against variance).
    runs.sort((a, b) => a.report.categories.performance.score - b.report.categories.performance.score);
    const { report, file } = runs[Math.floor((runs.length - 1) / 2)];
    for (const w of report.runWarnings || []) console.log(`  warning (${formFactor}): ${w}`);
    const all = runs.map((r) => CATEGORIES.map((c) => Math.round(r.report.categories[c].score * 100)).join('/'));
    console.log(
      `lighthouse ${report.lighthouseVersion}, ${formFactor}, ${url}: ${RUNS} run(s) in ${((Date.now() - t0) / 1000).toFixed(0)} s ` +
        `(${CATEGORIES.join('/')}: ${all.join(', ')}); the median run, ${path.relative(process.cwd(), file)}:`,
    );
    const row = { formFactor };
    for (const category of CATEGORIES) {
      const score = Math.round(report.categories[category].score * 100);
      row[category] = score;
      const ok = score >= min[category];
      console.log(`  ${category.padEnd(15)} ${String(score).padStart(3)}  (minimum ${min[category]})${ok ? '' : '  BELOW'}`);
      const lost = lostPoints(report, category);
      if (lost.length) console.log(lost.join('\n'));
      if (!ok) failures.push(`${formFactor} ${category}: ${score} < ${min[category]}`);
    }
    if (report.audits['largest-contentful-paint']) {
      row.metrics = ['first-contentful-paint', 'largest-contentful-paint', 'total-blocking-time', 'cumulative-layout-shift', 'speed-index']
        .map((id) => `${id.split('-').map((w) => w[0]).join('').toUpperCase()} ${report.audits[id].displayValue}`)
        .join(', ');
      console.log(`  metrics: ${row.metrics}`);
    }
    summary.push(row);
  }
} finally {
  server.close();
}

console.log('\n| form factor | performance | accessibility | best practices | SEO |');
console.log('|---|---:|---:|---:|---:|');
for (const r of summary) console.log(`| ${r.formFactor} | ${r.performance} | ${r.accessibility} | ${r['best-practices']} | ${r.seo} |`);
console.log(`(JSON reports: ${path.relative(process.cwd(), OUT)}/)`);
if (failures.length) {
  console.error('\nLIGHTHOUSE BELOW BUDGET (budget.json "lighthouse.min_scores"):');
  for (const f of failures) console.error(`  - ${f}`);
  console.error('The audits that lost points are listed above, with their elements.');
  process.exit(1);
}
console.log('lighthouse scores within budget');
