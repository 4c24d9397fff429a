// check-budget.mjs: fails when the release build's gzipped wasm, JS or CSS exceed budget.json.
//
//   trunk build --release && node scripts/check-budget.mjs      (FUNNELSIM_DIST=dir to check another build)
//
// Every .wasm/.js/.css file under dist/ (the service worker too) is gzipped at level 9, like
// benches/size.mjs, and summed per kind; each kind and the total must stay within budget.json's
// "bundle_gzip_kib". The embed build (dist/embed/, the compact calculator alone) is its own line:
// its wasm + JS + CSS within "embed_total". So is the CRM import's worker (crm_worker_bg.wasm, its glue
// crm_worker.js and its loader crm-worker.js), which a page fetches only when a CRM export is imported: within
// "crm_worker_total", not in the first load's wasm and JS. Exit code 1 with one line per exceeded limit, the
// files of that kind and what to do.
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync, constants } from 'node:zlib';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DIST = path.resolve(process.env.FUNNELSIM_DIST || path.join(REPO, 'dist'));
const BUDGET_FILE = path.join(REPO, 'budget.json');
const KINDS = { wasm: '.wasm', js: '.js', css: '.css' };

const budget = JSON.parse(readFileSync(BUDGET_FILE, 'utf8')).bundle_gzip_kib;
if (!budget) {
  console.error(`${BUDGET_FILE} has no "bundle_gzip_kib" object`);
  process.exit(2);
}
if (!existsSync(path.join(DIST, 'index.html'))) {
  console.error(`${DIST}/index.html is missing: run \`trunk build --release\` first.`);
  process.exit(2);
}

function* walk(dir) {
  for (const d of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, d.name);
    if (d.isDirectory()) yield* walk(p);
    else if (d.isFile()) yield p;
  }
}

const kib = (bytes) => bytes / 1024;
const fmt = (bytes) => `${kib(bytes).toFixed(1)} KiB`;
const sizes = { wasm: [], js: [], css: [] };
const embed = [];
const crmWorker = [];
const isCrmWorker = (name) => /^crm[_-]worker/.test(name);
for (const file of walk(DIST)) {
  const kind = Object.keys(KINDS).find((k) => file.endsWith(KINDS[k]));
  if (!kind) continue;
  const gz = gzipSync(readFileSync(file), { level: constants.Z_BEST_COMPRESSION }).length;
  const name = path.relative(DIST, file);
  if (name.split(path.sep)[0] === 'embed') embed.push({ name, gz });
  else if (isCrmWorker(name)) crmWorker.push({ name, gz });
  else sizes[kind].push({ name, gz });
}
if (sizes.wasm.length === 0) {
  console.error(`no .wasm file in ${DIST}: is it a trunk build?`);
  process.exit(2);
}

const over = [];
let total = 0;
console.log(`bundle size, gzip -9, against ${path.relative(process.cwd(), BUDGET_FILE)} (${path.relative(process.cwd(), DIST) || '.'}):`);
for (const kind of Object.keys(KINDS)) {
  const sum = sizes[kind].reduce((a, f) => a + f.gz, 0);
  total += sum;
  const limit = budget[kind];
  const status = limit === undefined ? 'no limit' : kib(sum) <= limit ? 'ok' : 'OVER';
  console.log(`  ${kind.padEnd(5)} ${fmt(sum).padStart(11)} / ${limit ?? '-'} KiB  ${status}   (${sizes[kind].map((f) => `${f.name} ${fmt(f.gz)}`).join(', ') || 'none'})`);
  if (status === 'OVER') over.push(`${kind}: ${fmt(sum)} gzipped is over its budget of ${limit} KiB by ${(kib(sum) - limit).toFixed(1)} KiB`);
}
const status = budget.total === undefined ? 'no limit' : kib(total) <= budget.total ? 'ok' : 'OVER';
console.log(`  total ${fmt(total).padStart(11)} / ${budget.total ?? '-'} KiB  ${status}`);
if (status === 'OVER') over.push(`total: ${fmt(total)} gzipped is over its budget of ${budget.total} KiB by ${(kib(total) - budget.total).toFixed(1)} KiB`);

// The embed build, on its own line: what a page embedding the calculator downloads.
const embedSum = embed.reduce((a, f) => a + f.gz, 0);
if (embed.length === 0) over.push('embed: no embed build in dist/embed/ (the post-build hook builds it)');
const embedStatus = budget.embed_total === undefined ? 'no limit' : kib(embedSum) <= budget.embed_total ? 'ok' : 'OVER';
console.log(`  embed ${fmt(embedSum).padStart(11)} / ${budget.embed_total ?? '-'} KiB  ${embedStatus}   (${embed.map((f) => `${f.name} ${fmt(f.gz)}`).join(', ') || 'none'})`);
if (embedStatus === 'OVER') over.push(`embed: ${fmt(embedSum)} gzipped is over its budget of ${budget.embed_total} KiB by ${(kib(embedSum) - budget.embed_total).toFixed(1)} KiB`);

// The CRM import's worker, on its own line: fetched when an export is imported, precached for offline use.
const workerSum = crmWorker.reduce((a, f) => a + f.gz, 0);
if (crmWorker.length === 0) over.push('crm_worker: no CRM import worker in dist/ (index.html builds it)');
const workerStatus = budget.crm_worker_total === undefined ? 'no limit' : kib(workerSum) <= budget.crm_worker_total ? 'ok' : 'OVER';
console.log(`  crm_worker ${fmt(workerSum).padStart(6)} / ${budget.crm_worker_total ?? '-'} KiB  ${workerStatus}   (${crmWorker.map((f) => `${f.name} ${fmt(f.gz)}`).join(', ') || 'none'})`);
if (workerStatus === 'OVER') over.push(`crm_worker: ${fmt(workerSum)} gzipped is over its budget of ${budget.crm_worker_total} KiB by ${(kib(workerSum) - budget.crm_worker_total).toFixed(1)} KiB`);

if (over.length > 0) {
  console.error('\nBUNDLE BUDGET EXCEEDED:');
  for (const line of over) console.error(`  - ${line}`);
  console.error(
    '\nShrink the build (see BENCHMARKS.md "Bundle size" for what was tried), or, if the bytes are worth it,\n' +
      'raise the limit in budget.json and say why in BENCHMARKS.md.',
  );
  process.exit(1);
}
console.log('bundle within budget');
