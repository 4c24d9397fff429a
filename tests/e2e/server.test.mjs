// server.test.mjs: checks the e2e static server itself (MIME types, sub-path, 404s, traversal, embed page) on a temporary folder.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, mkdir, writeFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startServer } from './server.mjs';

let dir;
let server;

before(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'funnelsim-server-test-'));
  await mkdir(path.join(dir, 'sub'));
  await writeFile(path.join(dir, 'index.html'), '<!doctype html><title>t</title>');
  await writeFile(path.join(dir, 'app-123.js'), 'export {}');
  await writeFile(path.join(dir, 'app-123_bg.wasm'), Buffer.from([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]));
  await writeFile(path.join(dir, 'style-1.css'), 'body{}');
  await writeFile(path.join(dir, 'sub', 'index.html'), 'sub');
  await writeFile(path.join(dir, 'unknown.xyz'), 'x');
  // A file next to the served folder, which must stay unreachable.
  await writeFile(path.join(dir, '..', path.basename(dir) + '-secret.txt'), 'secret');
  server = await startServer({ root: dir, base: '/tools/funnelsim/' });
});

after(async () => {
  await server?.close();
  if (dir) {
    await rm(dir, { recursive: true, force: true });
    await rm(path.join(dir, '..', path.basename(dir) + '-secret.txt'), { force: true });
  }
});

const get = (p, init) => fetch(server.origin + p, { redirect: 'manual', ...init });

test('listens on 127.0.0.1 with a random port and a sub-path URL', () => {
  assert.match(server.url, /^http:\/\/127\.0\.0\.1:\d+\/tools\/funnelsim\/$/);
  assert.notEqual(new URL(server.url).port, '0');
});

test('serves files with the right MIME types', async () => {
  const cases = [
    ['/tools/funnelsim/', 'text/html'],
    ['/tools/funnelsim/index.html', 'text/html'],
    ['/tools/funnelsim/app-123.js', 'text/javascript'],
    ['/tools/funnelsim/app-123_bg.wasm', 'application/wasm'],
    ['/tools/funnelsim/style-1.css', 'text/css'],
    ['/tools/funnelsim/sub/', 'text/html'],
  ];
  for (const [p, type] of cases) {
    const res = await get(p);
    assert.equal(res.status, 200, p);
    assert.equal(res.headers.get('content-type').split(';')[0], type, p);
    await res.arrayBuffer();
  }
  const wasm = new Uint8Array(await (await get('/tools/funnelsim/app-123_bg.wasm')).arrayBuffer());
  assert.deepEqual([...wasm.slice(0, 4)], [0, 0x61, 0x73, 0x6d]);
});

test('keeps the query string on the app URL and redirects the slash-less sub-path', async () => {
  const ok = await get('/tools/funnelsim/?v=1&stage=Visitors%3A1');
  assert.equal(ok.status, 200);
  await ok.text();
  const res = await get('/tools/funnelsim?v=1');
  assert.equal(res.status, 301);
  assert.equal(res.headers.get('location'), '/tools/funnelsim/?v=1');
});

test('answers 404 outside the sub-path, for missing or unknown files, and for path traversal', async () => {
  const secret = '/tools/funnelsim/..%2F' + path.basename(dir) + '-secret.txt';
  for (const p of [
    '/',
    '/index.html',
    '/favicon.ico',
    '/tools/funnelsim/missing.js',
    '/tools/funnelsim/unknown.xyz',
    '/tools/funnelsim/../index.html',
    secret,
    '/tools/funnelsim/%2e%2e/%2e%2e/etc/passwd',
  ]) {
    const res = await get(p);
    assert.equal(res.status, 404, p);
    assert.doesNotMatch(await res.text(), /secret|root:/, p);
  }
  assert.equal((await get('/tools/funnelsim/', { method: 'POST' })).status, 405);
});

test('serves the embed page, passing its query to the iframe', async () => {
  const res = await get('/embed-test.html?v=1&stage=Visitors%3A240000&x=%22%3E');
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('content-type').split(';')[0], 'text/html');
  const html = await res.text();
  assert.match(html, /<iframe src="\/tools\/funnelsim\/\?v=1&amp;stage=Visitors%3A240000&amp;x=%22%3E"/);
});

test('records every request', async () => {
  const before = server.requests.length;
  await (await get('/tools/funnelsim/app-123.js?x=1')).text();
  await (await get('/nope')).text();
  assert.deepEqual(
    server.requests.slice(before).map((r) => [r.url, r.status]),
    [
      ['/tools/funnelsim/app-123.js?x=1', 200],
      ['/nope', 404],
    ],
  );
});
