// post-build.mjs: Trunk post_build hook (Trunk.toml [[hooks]]): finishes the staged build before Trunk moves it to dist/.
//
// Content-Security-Policy. index.html carries the policy as <meta http-equiv="Content-Security-Policy">, so it
// holds on any static host, with the placeholder 'inline-script-hashes' in script-src. Trunk injects its wasm
// loader as an inline <script type="module"> whose text changes with every build (hashed file names); this hook
// replaces the placeholder with the sha256 of every inline script of the staged index.html, so the policy
// allows exactly those scripts and no other inline script, and needs neither 'unsafe-inline' nor 'unsafe-eval'.
// It fails the build when the meta or the placeholder is missing, or when the policy would allow 'unsafe-eval'
// or inline scripts wholesale.
//
// Service worker. The staged sw.js gets the list of files to cache on install (every file of the build but
// itself, the page as './') and the build's version (a hash of those files' contents), so each deploy ships a
// different sw.js, which browsers install in place of the old one, with a fresh cache.
//
// Embed build. The full app's build also builds assets/embed.html (the compact calculator alone) into embed/.
//
// Stylesheets. The app's two (assets/base.css, which the embed build loads alone, and assets/style.css) are joined
// into one file, so the app's first paint waits for one stylesheet.
//
// Runs with TRUNK_STAGING_DIR set by Trunk; by hand: TRUNK_STAGING_DIR=dist node scripts/post-build.mjs
import { readFileSync, writeFileSync, readdirSync, existsSync, rmSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import path from 'node:path';

const PLACEHOLDER = "'inline-script-hashes'";

const staging = process.env.TRUNK_STAGING_DIR;
if (!staging) {
  console.error('post-build.mjs: TRUNK_STAGING_DIR is not set (run it as a Trunk post_build hook)');
  process.exit(2);
}
const indexPath = path.join(staging, 'index.html');
let html = readFileSync(indexPath, 'utf8');

// --- The loader: the loading page is painted before the wasm is fetched ------------------------------------
// Trunk preloads the wasm from the page's head and its inline loader fetches it at once: on a slow phone the
// download then shares the line with the stylesheet, and the wasm's compilation shares the main thread with
// the first paint. index.html paints a loading page (#loading-shell) from the page and the stylesheet alone;
// the loader fetches the wasm once that page is on screen (its first contentful paint), at once in a tab
// opened in the background (it paints no frame), and after 1 s at the latest (a browser slow to paint must not
// keep the app waiting). The wasm is checked against its integrity hash. If it cannot be fetched or run, the
// loading page says so (class load-failed on <html>) instead of loading forever.
//
// The full app's wasm is not Trunk's: scripts/build-app-wasm.mjs builds it split into lazily loaded chunks
// (Trunk cannot run a step between cargo and wasm-bindgen) and this hook writes its loader into the page. The
// embed build (assets/embed.html) is one module built by Trunk, whose loader is rewritten the same way; the
// build fails if Trunk's loader is not the one expected.
const embedBuild = process.env.FUNNELSIM_EMBED_BUILD === '1';
const release = process.env.TRUNK_PROFILE === 'release';
const loader = ({ glue, wasm, integrity }) =>
  [
    '// The glue is imported meanwhile (not statically: the wasm need not wait for it to arrive and run).',
    `const glueLoaded = import('${glue}');`,
    "glueLoaded.catch(() => {}); // reported below, where it is awaited",
    '// The compiling worker (compile-wasm.js, 0.4 KiB) starts meanwhile too, so the wasm is asked for the moment',
    '// the loading page is painted rather than one more round trip later.',
    '// A worker that cannot start says so at once: kept for when the wasm is asked for.',
    'let compiler, compilerFailed;',
    'try {',
    "  compiler = new Worker('./compile-wasm.js');",
    '  compilerFailed = new Promise((resolve) => { compiler.onerror = resolve; });',
    '} catch { compiler = undefined; }',
    '// Once the loading page is painted (at once in a hidden tab, 1 s at the latest); a failure is shown on it',
    '// (scripts/post-build.mjs).',
    'await new Promise((resolve) => {',
    "  if (document.visibilityState === 'hidden') resolve();",
    '  setTimeout(resolve, 1000);',
    "  const painted = (list) => list.getEntriesByName('first-contentful-paint').length > 0 && resolve();",
    "  try { new PerformanceObserver(painted).observe({ type: 'paint', buffered: true }); }",
    '  catch { requestAnimationFrame(() => requestAnimationFrame(resolve)); }',
    '});',
    '// Compiled in a worker (compile-wasm.js) when the browser can, on the page otherwise.',
    `const wasmUrl = new URL('${wasm}', location.href).href, integrity = '${integrity}';`,
    'const compiled = await new Promise((resolve) => {',
    '  if (!compiler) return resolve(undefined);',
    '  compiler.onmessage = ({ data }) => { compiler.terminate(); resolve(data.module); };',
    '  compilerFailed.then(() => { compiler.terminate(); resolve(undefined); });',
    '  compiler.postMessage({ url: wasmUrl, integrity });',
    '});',
    '// The Monte Carlo workers instantiate the same module (src/ui/forecast/mc_pool.rs, assets/mc-worker.js).',
    `globalThis.__funnelsimWasm = { module: compiled, wasm: wasmUrl, glue: new URL('${glue}', location.href).href };`,
    'let wasm, bindings;',
    'try {',
    '  bindings = await glueLoaded;',
    '  wasm = await bindings.default({ module_or_path: compiled ?? fetch(wasmUrl, { integrity }) });',
    '} catch (error) {',
    "  document.documentElement.classList.add('load-failed');",
    "  console.error('funnelsim could not start:', error);",
    '}',
    'window.wasmBindings = bindings;',
    "dispatchEvent(new CustomEvent('TrunkApplicationStarted', { detail: { wasm } }));",
  ].join('\n');

if (embedBuild) {
  const preloadRe = /<link rel="preload" href="(\.\/[^"]+_bg\.wasm)" crossorigin="anonymous" integrity="(sha384-[^"]+)" as="fetch" type="application\/wasm">/;
  const trunkLoaderRe = /<script type="module">\s*import init, \* as bindings from '(\.\/[^']+\.js)';[\s\S]*?<\/script>/;
  const preload = html.match(preloadRe);
  const trunkLoader = html.match(trunkLoaderRe);
  if (!preload || !trunkLoader || !trunkLoader[0].includes(`await init({ module_or_path: '${preload[1]}' });`)) {
    console.error("post-build.mjs: Trunk's wasm preload link or loader is not the expected one (trunk 0.21.14)");
    process.exit(1);
  }
  html = html
    .replace(preloadRe, '')
    .replace(trunkLoaderRe, () => `<script type="module">\n${loader({ glue: trunkLoader[1], wasm: preload[1], integrity: preload[2] })}\n</script>`);
} else {
  const { buildAppWasm } = await import('./build-app-wasm.mjs');
  const built = buildAppWasm(staging, { release });
  const modules = [
    [built.glue, built.integrity.glue],
    [built.split, built.integrity.split],
  ].map(([file, hash]) => `<link rel="modulepreload" href="./${file}" crossorigin="anonymous" integrity="${hash}">`);
  const script = `<script type="module">\n${loader({ glue: `./${built.glue}`, wasm: `./${built.wasm}`, integrity: built.integrity.wasm })}\n</script>`;
  if (!html.includes('</head>')) {
    console.error(`post-build.mjs: ${indexPath} has no </head> to put the loader before`);
    process.exit(1);
  }
  html = html.replace('</head>', () => `${modules.join('\n')}\n${script}\n</head>`);
  console.log(`post-build.mjs: the app's wasm ${built.wasm} and ${built.chunks.length} lazily loaded chunks`);

  // The stylesheets as one file: index.html links assets/base.css (the rules the embed build shares, all that
  // build loads) then assets/style.css (the app's own), and Trunk copies each; the app gets them joined in that
  // order, so its first paint waits for one stylesheet, not two requests.
  const cssLinkRe = /<link rel="stylesheet" href="\.\/((?:base|style)-[0-9a-f]+\.css)" integrity="sha384-[^"]+"\s*\/?>/g;
  const cssLinks = [...html.matchAll(cssLinkRe)];
  if (cssLinks.length !== 2 || !cssLinks[0][1].startsWith('base-') || !cssLinks[1][1].startsWith('style-')) {
    console.error(`post-build.mjs: index.html should link base-*.css then style-*.css, found: ${cssLinks.map((m) => m[1]).join(', ') || 'none'}`);
    process.exit(1);
  }
  const css = cssLinks.map(([, file]) => readFileSync(path.join(staging, file), 'utf8')).join('\n');
  for (const [, file] of cssLinks) rmSync(path.join(staging, file));
  const cssFile = `style-${createHash('sha256').update(css).digest('hex').slice(0, 16)}.css`;
  writeFileSync(path.join(staging, cssFile), css);
  const cssIntegrity = `sha384-${createHash('sha384').update(css).digest('base64')}`;
  html = html
    .replace(cssLinks[0][0], () => `<link rel="stylesheet" href="./${cssFile}" integrity="${cssIntegrity}"/>`)
    .replace(cssLinks[1][0], '');
  console.log(`post-build.mjs: the stylesheets ${cssLinks.map((m) => m[1]).join(' + ')} joined into ${cssFile}`);
}

// --- Content-Security-Policy: hash every inline script --------------------------------------------------
// HTML comments first: a commented-out script is no script.
const withoutComments = html.replace(/<!--[\s\S]*?-->/g, '');
const inlineScripts = [];
for (const m of withoutComments.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi)) {
  const [, attrs, body] = m;
  if (/\bsrc\s*=/i.test(attrs)) continue; // external: allowed by 'self'
  if (body.includes('{{__TRUNK_')) {
    // `trunk serve` fills these placeholders in per request: no hash made now could match (Trunk.toml sets
    // no_autoreload for that reason).
    console.warn('post-build.mjs: WARNING: an inline script is completed when served ({{__TRUNK_…}}): the CSP will block it');
  }
  if (/\btype\s*=\s*["']?application\/(ld\+)?json/i.test(attrs)) continue; // data, never run
  inlineScripts.push(body);
}
// The browser hashes the script's text exactly as it is in the document (UTF-8).
const hashes = inlineScripts.map((body) => `'sha256-${createHash('sha256').update(body, 'utf8').digest('base64')}'`);

const metaRe = /<meta\s+http-equiv=["']Content-Security-Policy["']\s+content=(["'])([\s\S]*?)\1\s*\/?>/i;
const meta = html.match(metaRe);
if (!meta) {
  console.error(`post-build.mjs: ${indexPath} has no <meta http-equiv="Content-Security-Policy" content="...">`);
  process.exit(1);
}
const policyIn = meta[2].replace(/\s+/g, ' ').trim();
if (!policyIn.includes(PLACEHOLDER)) {
  console.error(`post-build.mjs: the CSP meta has no ${PLACEHOLDER} placeholder in script-src: ${policyIn}`);
  process.exit(1);
}
const policy = policyIn.replace(PLACEHOLDER, hashes.join(' ')).replace(/\s+/g, ' ').replace(/ ;/g, ';');
const scriptSrc = (policy.match(/(?:^|;)\s*script-src\s+([^;]*)/) || [])[1] || '';
for (const banned of ["'unsafe-eval'", "'unsafe-inline'", '*', 'data:', 'blob:', 'http:', 'https:']) {
  if (scriptSrc.split(/\s+/).includes(banned)) {
    console.error(`post-build.mjs: script-src must not allow ${banned}: ${policy}`);
    process.exit(1);
  }
}
if (/'unsafe-eval'/.test(policy)) {
  console.error(`post-build.mjs: the policy must not contain 'unsafe-eval': ${policy}`);
  process.exit(1);
}
// The meta must come before every script, or the scripts above it run unchecked.
const firstScript = withoutComments.search(/<script\b/i);
if (firstScript >= 0 && withoutComments.search(metaRe) > firstScript) {
  console.error('post-build.mjs: the CSP meta must come before the first <script> of index.html');
  process.exit(1);
}
html = html.replace(metaRe, `<meta http-equiv="Content-Security-Policy" content="${policy}" />`);
console.log(`post-build.mjs: CSP with ${hashes.length} inline script hash(es): ${hashes.join(' ')}`);

writeFileSync(indexPath, html);

// --- The embed build: the compact calculator alone, in embed/ ---------------------------------------------
// The full app's build (index.html) builds the embed page (assets/embed.html, the `embed` binary) into its own
// staging folder's embed/, with the same profile, before the service worker's list is made; that nested build
// runs this hook too, for its own page, and builds nothing more.
if (!embedBuild) {
  const args = ['build', 'assets/embed.html', '--dist', path.join(staging, 'embed'), '--release', String(process.env.TRUNK_PROFILE === 'release')];
  console.log(`post-build.mjs: building the embed: trunk ${args.join(' ')}`);
  const built = spawnSync('trunk', args, { stdio: 'inherit', env: { ...process.env, FUNNELSIM_EMBED_BUILD: '1' } });
  if (built.status !== 0) {
    console.error(`post-build.mjs: the embed build failed (exit ${built.status ?? built.error})`);
    process.exit(1);
  }
}

// --- Service worker: the precache list and the build version ---------------------------------------------
const swPath = path.join(staging, 'sw.js');
if (existsSync(swPath)) {
  function* walk(dir) {
    for (const d of readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, d.name);
      if (d.isDirectory()) yield* walk(p);
      else if (d.isFile()) yield p;
    }
  }
  const files = [...walk(staging)]
    .map((p) => path.relative(staging, p).split(path.sep))
    // The embed build is for other sites' pages, which keep nothing offline: not precached with the app.
    .filter((parts) => parts.join('/') !== 'sw.js' && parts[0] !== 'embed')
    .sort((a, b) => a.join('/').localeCompare(b.join('/')));
  const version = createHash('sha256');
  for (const parts of files) version.update(parts.join('/')).update('\0').update(readFileSync(path.join(staging, ...parts)));
  const buildVersion = version.digest('hex').slice(0, 16);
  // URLs relative to the worker (the page is './', whatever its query string).
  const urls = files.map((parts) =>
    parts.join('/') === 'index.html' ? './' : './' + parts.map(encodeURIComponent).join('/'),
  );
  let sw = readFileSync(swPath, 'utf8');
  const versionLine = "const BUILD_VERSION = 'dev';";
  const listLine = 'const PRECACHE = [];';
  if (!sw.includes(versionLine) || !sw.includes(listLine)) {
    console.error(`post-build.mjs: ${swPath} lacks the lines to fill in: ${versionLine} / ${listLine}`);
    process.exit(1);
  }
  sw = sw
    .replace(versionLine, `const BUILD_VERSION = '${buildVersion}';`)
    .replace(listLine, `const PRECACHE = ${JSON.stringify(urls)};`);
  writeFileSync(swPath, sw);
  console.log(`post-build.mjs: sw.js caches ${urls.length} files, build ${buildVersion}`);
}
