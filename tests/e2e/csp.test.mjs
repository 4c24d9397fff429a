// csp.test.mjs: the Content-Security-Policy of the release build (index.html's meta, hashed by
// scripts/post-build.mjs) is strict, and the whole app works under it without a single violation.
//
// Every appTest also gets the harness's guards (no request outside the app, no page error or panic).
// Violations are caught two ways, in every frame: `securitypolicyviolation` events (reported to Node through
// an exposed binding) and console messages that name the Content Security Policy.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  DIST,
  WAIT_MS,
  server,
  appTest,
  waitForApp,
  expectKpi,
  setField,
  assertChartDrawn,
  captureDownload,
  recordClipboard,
  copiedText,
  localStorageEntries,
  openApp,
  waitForDraws,
} from './harness.mjs';
import { STARTS, allViews, openView, openEmbed } from './views.mjs';

/**
 * Starts recording CSP violations of every page and frame of `context`; returns the live list, which also has
 * `waitFor(predicate)`: resolves once a recorded violation satisfies it (within the harness's WAIT_MS).
 */
async function recordViolations(context, page) {
  const violations = [];
  const waiters = [];
  const push = violations.push.bind(violations);
  violations.push = (...items) => {
    const n = push(...items);
    for (const w of [...waiters]) if (items.some(w.predicate)) w.resolve();
    return n;
  };
  violations.waitFor = (predicate) =>
    violations.some(predicate)
      ? Promise.resolve()
      : new Promise((resolve, reject) => {
          const timer = setTimeout(() => reject(new Error(`no such CSP violation within ${WAIT_MS} ms: ${violations}`)), WAIT_MS);
          waiters.push({ predicate, resolve: () => (clearTimeout(timer), resolve()) });
        });
  await context.exposeBinding('__funnelsimCspViolation', ({ frame }, v) =>
    violations.push(`${v.directive} blocked ${v.blocked || '(inline)'} in ${frame.url()} ${v.sample ? `: ${v.sample}` : ''}`),
  );
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__funnelsimCspViolation?.({
        directive: e.effectiveDirective,
        blocked: e.blockedURI,
        sample: e.sample,
      });
    });
  });
  const onConsole = (msg) => {
    if (/Content[- ]Security[- ]Policy/i.test(msg.text())) violations.push(`console ${msg.type()}: ${msg.text()}`);
  };
  page.on('console', onConsole);
  context.on('page', (p) => p.on('console', onConsole));
  return violations;
}

/** The policy of the page's meta, as { directive: [sources] }. */
async function pagePolicy(page) {
  const content = await page.evaluate(
    () => document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content') ?? null,
  );
  assert.ok(content, 'the page has a Content-Security-Policy meta');
  return parsePolicy(content);
}

function parsePolicy(content) {
  const policy = {};
  for (const part of content.split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (name) policy[name.toLowerCase()] = sources;
  }
  return policy;
}

function assertStrict(policy) {
  const all = Object.values(policy).flat();
  assert.ok(!all.includes("'unsafe-eval'"), "no 'unsafe-eval' anywhere");
  const scripts = policy['script-src'] ?? policy['default-src'];
  assert.ok(scripts, 'a script-src');
  for (const bad of ["'unsafe-inline'", "'unsafe-hashes'", '*', 'data:', 'blob:', 'http:', 'https:']) {
    assert.ok(!scripts.includes(bad), `script-src must not allow ${bad}: ${scripts.join(' ')}`);
  }
  assert.ok(scripts.includes("'wasm-unsafe-eval'"), "script-src allows wasm compilation ('wasm-unsafe-eval')");
  assert.ok(scripts.some((s) => /^'sha256-[A-Za-z0-9+/]+=*'$/.test(s)), "the inline loader's hash is in script-src");
  assert.ok(!scripts.includes("'inline-script-hashes'"), 'the post-build hook replaced its placeholder');
  assert.deepEqual(policy['object-src'], ["'none'"]);
  assert.deepEqual(policy['base-uri'], ["'self'"]);
  assert.deepEqual(policy['default-src'], ["'self'"]);
  for (const d of ['style-src', 'style-src-elem', 'style-src-attr']) {
    assert.ok(!(policy[d] ?? []).includes("'unsafe-inline'"), `no inline style (${d} without 'unsafe-inline')`);
  }
}

appTest('the built index.html carries a strict policy before any script', async () => {
  const html = readFileSync(path.join(DIST, 'index.html'), 'utf8').replace(/<!--[\s\S]*?-->/g, '');
  const meta = html.match(/<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]*)"/);
  assert.ok(meta, 'dist/index.html has the CSP meta');
  assertStrict(parsePolicy(meta[1]));
  assert.ok(html.indexOf(meta[0]) < html.search(/<script\b/), 'the meta comes before the first script');
});

appTest('every view, started, runs without a CSP violation', async ({ page, context }) => {
  const violations = await recordViolations(context, page);
  for (const view of await allViews(page)) {
    await openView(page, view);
    assertStrict(await pagePolicy(page));
    if (STARTS[view]) await STARTS[view](page);
    assert.deepEqual([...violations], [], `CSP violations in view ${view}`);
  }
  await openEmbed(page);
  await setField(page, 'field-top', '240000');
  await expectKpi(page, 'customers', 180);
  assert.deepEqual([...violations], [], 'CSP violations in the embed view');
});

appTest('the app embedded in an iframe of another page works under its policy', async ({ page, context }) => {
  const violations = await recordViolations(context, page);
  await page.goto(server.embedUrl + '?embed=1');
  const frame = await (await page.locator('iframe').elementHandle()).contentFrame();
  await waitForApp(frame);
  await assertChartDrawn(frame, 'funnel');
  await setField(frame, 'field-top', '60000');
  await expectKpi(frame, 'customers', 45);
  assertStrict(await pagePolicy(frame));
  assert.deepEqual([...violations], []);
});

appTest('downloads, clipboard, local storage and file import work under the policy', async ({ page, context }) => {
  const violations = await recordViolations(context, page);
  await recordClipboard(context);
  // The baseline's link (a first visit's example brings its top count from its channels).
  await openApp(page);
  await waitForDraws(page, 'funnel');

  // Chart downloads (PNG from the canvas, SVG as a blob) and the scenario file.
  const png = await captureDownload(page, () => page.locator('[data-download="funnel-png"]').click());
  assert.deepEqual([...png.buffer.subarray(0, 4)], [0x89, 0x50, 0x4e, 0x47], 'a PNG');
  const svg = await captureDownload(page, () => page.locator('[data-download="funnel-svg"]').click());
  assert.match(svg.text, /<svg/);

  // Clipboard.
  await page.locator('#copy-link').click();
  assert.ok((await copiedText(page)).startsWith(server.url));

  // localStorage: save the scenario.
  await setField(page, 'field-top', '240000');
  await expectKpi(page, 'customers', 180);
  await page.locator('#save-name').fill('CSP check');
  await page.locator('#save-new').click();
  await page.waitForFunction(() => (localStorage.getItem('funnelsim.scenarios') || '').includes('CSP check'));
  assert.ok(Object.keys(await localStorageEntries(page)).includes('funnelsim.scenarios'));

  // Export the scenario, change it, import the file back (FileReader / Blob).
  const json = await captureDownload(page, () => page.locator('#export-scenario-json').click());
  await setField(page, 'field-top', '60000');
  await expectKpi(page, 'customers', 45);
  await page.locator('#import-file').setInputFiles({ name: json.name, mimeType: 'application/json', buffer: json.buffer });
  await expectKpi(page, 'customers', 180);

  // The embed dialog (a textarea with the snippet).
  await page.locator('#embed-open').click();
  await page.locator('#embed-snippet').waitFor();

  assert.deepEqual([...violations], []);
});

appTest('the policy is enforced: an injected inline script and eval are refused', async ({ page, context }) => {
  const violations = await recordViolations(context, page);
  // A same-origin script (allowed by 'self') that tries eval and new Function. (Playwright's own evaluate
  // bypasses the page's policy, so the probe has to be a script of the page.)
  const probe = `${server.url}__csp-eval-probe.js`;
  await page.route(probe, (route) =>
    route.fulfill({
      contentType: 'text/javascript',
      body: `const refused = (f) => { try { f(); return false; } catch (e) { return e instanceof EvalError; } };
             window.__probe = { evalRefused: refused(() => (0, eval)('1 + 1')), functionRefused: refused(() => new Function('return 1')()) };`,
    }),
  );
  await openView(page, 'model');
  await page.evaluate((src) => {
    const inline = document.createElement('script');
    inline.textContent = 'window.__injected = true;';
    document.head.append(inline);
    const external = document.createElement('script');
    external.src = src;
    document.head.append(external);
  }, probe);
  const result = await (await page.waitForFunction(() => window.__probe)).jsonValue();
  assert.equal(await page.evaluate(() => window.__injected === true), false, 'an injected inline script ran');
  assert.deepEqual(result, { evalRefused: true, functionRefused: true });
  await violations.waitFor((v) => v.startsWith('script-src-elem blocked inline'));
  await violations.waitFor((v) => v.startsWith('script-src blocked eval'));
}, { serviceWorkers: 'block' }); // the probe is answered by page.route, which a service worker's fetches would bypass
