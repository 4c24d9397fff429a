// check-budget.mjs: fails when the release build's gzipped files exceed budget.json.
//
//   trunk build --release && node scripts/check-budget.mjs      (FUNNELSIM_DIST=dir to check another build)
//
// Every .wasm/.js/.css file under dist/ (the service worker too) is gzipped at level 9, like benches/size.mjs,
// and counted in budget.json's "bundle_gzip_kib" lines:
// - first_load: what the page fetches before the Model view answers (the main wasm, its glue and chunk loader,
//   the compile worker, the service worker's registration, the stylesheet): everything but the lazy chunks,
//   the workers started later and the embed build;
// - chunk: each tool's lazily loaded chunk (split_<tool>-<id>.wasm, scripts/build-app-wasm.mjs), one by one;
// - lazy: all the chunks together (split_* and the shared chunk_* they load);
// - wasm, js, css and total: every file of that kind, and all of them (the embed build apart);
// - embed_total: the embed build (dist/embed/, the compact calculator alone): its wasm + JS + CSS;
// - crm_worker_total: the CRM import's worker (crm_worker_bg.wasm, its glue crm_worker.js and its loader
//   crm-worker.js), fetched only when a CRM export is imported.
// Exit code 1 with one line per exceeded limit, the files of that line and what to do.
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
// Fetched later than the first load: the tools' chunks, and the workers a tool starts (the service worker
// installs once the page has loaded: it counts in the total, not in the first load).
const isChunk = (name) => /^(split|chunk)_[a-z0-9_]+-[0-9a-f]+\.wasm$/.test(name);
const later = (name) => isChunk(name) || name === 'mc-worker.js' || name === 'sw.js';
const isCrmWorker = (name) => /^crm[_-]worker/.test(name);
const app = [];
const embed = [];
const crmWorker = [];
for (const file of walk(DIST)) {
  const kind = Object.keys(KINDS).find((k) => file.endsWith(KINDS[k]));
  if (!kind) continue;
  const gz = gzipSync(readFileSync(file), { level: constants.Z_BEST_COMPRESSION }).length;
  const name = path.relative(DIST, file);
  (name.split(path.sep)[0] === 'embed' ? embed : isCrmWorker(name) ? crmWorker : app).push({ name, kind, gz });
}
if (!app.some((f) => f.kind === 'wasm')) {
  console.error(`no .wasm file in ${DIST}: is it a trunk build?`);
  process.exit(2);
}

const over = [];
console.log(`bundle size, gzip -9, against ${path.relative(process.cwd(), BUDGET_FILE)} (${path.relative(process.cwd(), DIST) || '.'}):`);
// One budget line: the files' sum against its limit, printed with the files (the biggest first, 8 at most).
function line(label, files, limit) {
  const sum = files.reduce((a, f) => a + f.gz, 0);
  const status = limit === undefined ? 'no limit' : kib(sum) <= limit ? 'ok' : 'OVER';
  const shown = [...files].sort((a, b) => b.gz - a.gz);
  const list = shown.slice(0, 8).map((f) => `${f.name} ${fmt(f.gz)}`).join(', ') + (shown.length > 8 ? `, … ${shown.length - 8} more` : '');
  console.log(`  ${label.padEnd(24)} ${fmt(sum).padStart(11)} / ${limit ?? '-'} KiB  ${status}   (${list || 'none'})`);
  if (status === 'OVER') over.push(`${label}: ${fmt(sum)} gzipped is over its budget of ${limit} KiB by ${(kib(sum) - limit).toFixed(1)} KiB`);
}
line('first load', app.filter((f) => !later(f.name)), budget.first_load);
const chunks = app.filter((f) => isChunk(f.name));
if (chunks.length === 0) over.push('chunks: no lazily loaded chunk in dist/ (scripts/build-app-wasm.mjs makes them)');
for (const chunk of chunks.filter((f) => f.name.startsWith('split_'))) line(`chunk ${chunk.name.replace(/-[0-9a-f]+\.wasm$/, '')}`, [chunk], budget.chunk);
line('lazy (all chunks)', chunks, budget.lazy);
for (const kind of Object.keys(KINDS)) line(kind, app.filter((f) => f.kind === kind), budget[kind]);
line('total', app, budget.total);
// The embed build, on its own line: what a page embedding the calculator downloads.
if (embed.length === 0) over.push('embed: no embed build in dist/embed/ (the post-build hook builds it)');
line('embed', embed, budget.embed_total);
// The CRM import's worker, on its own line: fetched when an export is imported, precached for offline use.
if (crmWorker.length === 0) over.push('crm_worker: no CRM import worker in dist/ (index.html builds it)');
line('crm_worker', crmWorker, budget.crm_worker_total);

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
