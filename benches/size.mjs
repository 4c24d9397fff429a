// size.mjs: prints raw and gzip -9 sizes of the release build's wasm, JS and CSS (dist/) as a markdown table.
//
//   trunk build --release && node benches/size.mjs        (FUNNELSIM_DIST=other/dir to measure another build)
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync, constants } from 'node:zlib';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DIST = path.resolve(process.env.FUNNELSIM_DIST || path.join(REPO, 'dist'));
const KINDS = ['.wasm', '.js', '.css'];

if (!existsSync(DIST)) {
  console.error(`${DIST} is missing: run \`trunk build --release\` first.`);
  process.exit(1);
}

const files = readdirSync(DIST, { withFileTypes: true })
  .filter((d) => d.isFile() && KINDS.includes(path.extname(d.name)))
  .map((d) => d.name)
  .sort((a, b) => KINDS.indexOf(path.extname(a)) - KINDS.indexOf(path.extname(b)) || a.localeCompare(b));

if (files.length === 0) {
  console.error(`no .wasm/.js/.css files in ${DIST}`);
  process.exit(1);
}

const kb = (n) => (n / 1024).toFixed(1);
const rows = files.map((name) => {
  const data = readFileSync(path.join(DIST, name));
  return { name, raw: data.length, gz: gzipSync(data, { level: constants.Z_BEST_COMPRESSION }).length };
});

console.log(`# funnelsim bundle size (${path.relative(process.cwd(), DIST) || '.'})`);
console.log('');
console.log('| file | raw bytes | raw KiB | gzip -9 bytes | gzip -9 KiB |');
console.log('|---|---:|---:|---:|---:|');
for (const r of rows) console.log(`| ${r.name} | ${r.raw} | ${kb(r.raw)} | ${r.gz} | ${kb(r.gz)} |`);
for (const ext of KINDS) {
  const part = rows.filter((r) => path.extname(r.name) === ext);
  if (part.length === 0) continue;
  const raw = part.reduce((a, r) => a + r.raw, 0);
  const gz = part.reduce((a, r) => a + r.gz, 0);
  console.log(`| **all ${ext}** | ${raw} | ${kb(raw)} | ${gz} | ${kb(gz)} |`);
}
const raw = rows.reduce((a, r) => a + r.raw, 0);
const gz = rows.reduce((a, r) => a + r.gz, 0);
console.log(`| **total** | **${raw}** | **${kb(raw)}** | **${gz}** | **${kb(gz)}** |`);
