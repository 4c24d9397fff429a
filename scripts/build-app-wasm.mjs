// build-app-wasm.mjs: builds the app's wasm split into lazily loaded chunks, the step between `cargo build` and
// wasm-bindgen that Trunk cannot run (trunk issue 1022), for scripts/post-build.mjs.
//
//   1. cargo build --bin funnelsim --features split, linked with --emit-relocs (wasm-split-cli reads the
//      relocations to know which function calls which), in its own target folder (other RUSTFLAGS);
//   2. wasm-split-cli cuts every `wasm_split` point (src/ui/lazy_view.rs) off the main module: one wasm per
//      tool (split_<tool>.wasm), the code several tools share (chunk_<n>.wasm), and __wasm_split.js, which
//      fetches and links them into the running main module on the first call;
//   3. wasm-bindgen --target web on the main module (the chunks call it through the shared table, memory and
//      the main module's exports);
//   4. wasm-opt -Oz on every module (release builds), with the features rustc emits;
//   5. every file gets the build's id in its name (their contents' hash), the references between them are
//      rewritten, and they are written into the staging folder.
//
// Returns the names the loader needs: { glue, split, wasm, integrity: { glue, split, wasm }, chunks }.
// By hand: node scripts/build-app-wasm.mjs <out dir> [--release]
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BIN = 'funnelsim';
// wasm-opt 132 defaults to the wasm MVP: enable what rustc >= 1.82 emits for wasm32 (all baseline in browsers).
const WASM_OPT_FEATURES = [
  '--enable-bulk-memory', '--enable-bulk-memory-opt', '--enable-nontrapping-float-to-int', '--enable-sign-ext',
  '--enable-mutable-globals', '--enable-reference-types', '--enable-multivalue',
];

const run = (cmd, args, env = process.env) => {
  console.log(`build-app-wasm.mjs: ${cmd} ${args.join(' ')}`);
  execFileSync(cmd, args, { stdio: 'inherit', cwd: REPO, env });
};
const integrity = (bytes) => `sha384-${createHash('sha384').update(bytes).digest('base64')}`;

export function buildAppWasm(outDir, { release }) {
  const targetDir = path.join(process.env.CARGO_TARGET_DIR || path.join(REPO, 'target'), 'split');
  const rustflags = [process.env.RUSTFLAGS, '-C link-args=--emit-relocs'].filter(Boolean).join(' ');
  run('cargo', ['build', '--target', 'wasm32-unknown-unknown', '--bin', BIN, '--features', 'split', ...(release ? ['--release'] : [])], {
    ...process.env,
    CARGO_TARGET_DIR: targetDir,
    RUSTFLAGS: rustflags,
  });
  const linked = path.join(targetDir, 'wasm32-unknown-unknown', release ? 'release' : 'debug', `${BIN}.wasm`);

  const work = path.join(targetDir, 'app-wasm');
  rmSync(work, { recursive: true, force: true });
  const splitDir = path.join(work, 'split');
  const boundDir = path.join(work, 'bound');
  run('wasm-split-cli', [linked, splitDir, '--out-name', BIN]);
  run('wasm-bindgen', ['--target', 'web', '--no-typescript', '--keep-lld-exports', '--out-dir', boundDir, '--out-name', BIN, path.join(splitDir, `${BIN}.wasm`)]);

  // name in the build -> [bytes, text?]; the main module and its glue come from wasm-bindgen, the rest from the split.
  const files = new Map();
  files.set(`${BIN}_bg.wasm`, readFileSync(path.join(boundDir, `${BIN}_bg.wasm`)));
  files.set(`${BIN}.js`, readFileSync(path.join(boundDir, `${BIN}.js`)));
  files.set('__wasm_split.js', readFileSync(path.join(splitDir, '__wasm_split.js')));
  const chunks = readdirSync(splitDir).filter((name) => name.endsWith('.wasm') && name !== `${BIN}.wasm`).sort();
  for (const name of chunks) files.set(name, readFileSync(path.join(splitDir, name)));
  if (chunks.length === 0) throw new Error('wasm-split-cli made no chunk: is the split feature on?');

  if (release) {
    for (const name of [...files.keys()].filter((n) => n.endsWith('.wasm'))) {
      const file = path.join(work, `opt-${name}`);
      writeFileSync(file, files.get(name));
      run('wasm-opt', ['-Oz', ...WASM_OPT_FEATURES, file, '-o', file]);
      files.set(name, readFileSync(file));
    }
  }

  // One id for the build: the files refer to one another both ways (the glue imports __wasm_split.js, which
  // imports the glue), so each name cannot carry its own content's hash.
  const id = createHash('sha256');
  for (const [name, bytes] of files) id.update(name).update('\0').update(bytes);
  const build = id.digest('hex').slice(0, 16);
  const renamed = (name) => name.replace(/(_bg)?\.(wasm|js)$/, (tail) => `-${build}${tail}`);
  // Only where a file is fetched or imported (`from "…"`, `new URL("…"`): the glue's import object keeps the
  // module names the wasm imports from.
  const quoted = (name) => new RegExp(`(from |new URL\\()(["'])(\\./)?${name.replace(/[.$]/g, '\\$&')}\\2`, 'g');
  const rewrite = (text, names) =>
    names.reduce((t, name) => t.replace(quoted(name), (_, how, q, dot) => `${how}${q}${dot ?? ''}${renamed(name)}${q}`), text);
  const glue = rewrite(files.get(`${BIN}.js`).toString('utf8'), ['__wasm_split.js', `${BIN}_bg.wasm`]);
  const split = rewrite(files.get('__wasm_split.js').toString('utf8'), [`${BIN}.js`, ...chunks]);
  for (const name of ['__wasm_split.js', `${BIN}_bg.wasm`]) {
    if (!glue.includes(renamed(name))) throw new Error(`the glue no longer names ${name}: wasm-bindgen's output changed`);
  }
  for (const name of [`${BIN}.js`, ...chunks]) {
    if (!split.includes(renamed(name))) throw new Error(`__wasm_split.js does not name ${name}: wasm-split-cli's output changed`);
  }
  files.set(`${BIN}.js`, Buffer.from(glue, 'utf8'));
  files.set('__wasm_split.js', Buffer.from(split, 'utf8'));

  mkdirSync(outDir, { recursive: true });
  for (const [name, bytes] of files) writeFileSync(path.join(outDir, renamed(name)), bytes);
  const names = { glue: `${BIN}.js`, split: '__wasm_split.js', wasm: `${BIN}_bg.wasm` };
  return {
    glue: renamed(names.glue),
    split: renamed(names.split),
    wasm: renamed(names.wasm),
    integrity: Object.fromEntries(Object.entries(names).map(([k, name]) => [k, integrity(files.get(name))])),
    chunks: chunks.map(renamed),
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [outDir, ...flags] = process.argv.slice(2);
  if (!outDir) {
    console.error('usage: node scripts/build-app-wasm.mjs <out dir> [--release]');
    process.exit(2);
  }
  console.log(JSON.stringify(buildAppWasm(path.resolve(outDir), { release: flags.includes('--release') }), null, 2));
}
