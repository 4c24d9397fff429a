// server.mjs: zero-dependency static server for dist/ under a sub-path (plus an iframe embed page), for e2e tests and benches.
//
//   import { startServer } from './server.mjs';
//   const server = await startServer({ root: 'dist', base: '/tools/funnelsim/' });
//   server.url        -> 'http://127.0.0.1:PORT/tools/funnelsim/'  (the app)
//   server.origin     -> 'http://127.0.0.1:PORT'
//   server.embedUrl   -> 'http://127.0.0.1:PORT/embed-test.html'   (a page that iframes the app;
//                        its query string is passed on to the iframe: /embed-test.html?v=1&... )
//   server.requests   -> every request URL path seen, in order ([{ method, url, status }])
//   await server.close()
//
// Run directly to look at a build by hand:  node tests/e2e/server.mjs [dist] [port]

import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

export const DEFAULT_BASE = '/tools/funnelsim/';
export const EMBED_PATH = '/embed-test.html';

export const MIME_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.csv': 'text/csv',
  '.webmanifest': 'application/manifest+json',
};

const escapeHtml = (s) =>
  s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The example embed page: a host page that shows the app in an iframe, like a blog post would. */
export function embedPage(base, search) {
  const src = escapeHtml(base + (search || ''));
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>funnelsim embed test</title>
<link rel="icon" href="data:,">
</head>
<body>
<h1>A host page embedding funnelsim</h1>
<iframe src="${src}" title="funnelsim" width="1100" height="900" style="border:1px solid #ccc"></iframe>
</body>
</html>
`;
}

/**
 * Starts the server. Options: root (folder to serve, default 'dist'), base (URL sub-path,
 * default '/tools/funnelsim/'), port (default 0 = random free port), host (default 127.0.0.1),
 * extraFiles (a benchmark's own files beside the app, same origin, so the app's strict CSP
 * lets the page load them: { '/bench/x.mjs': { body, type } }), gzip (send the app's files
 * gzipped to a client that accepts it, as a real static host does; default false).
 */
export async function startServer({ root = 'dist', base = DEFAULT_BASE, port = 0, host = '127.0.0.1', extraFiles = {}, gzip = false } = {}) {
  if (!base.startsWith('/') || !base.endsWith('/')) throw new Error(`base must start and end with '/': ${base}`);
  const rootDir = path.resolve(root);
  const requests = [];

  const send = (req, res, status, body, type = 'text/plain; charset=utf-8', extra = {}) => {
    requests.push({ method: req.method, url: req.url, status, bytes: Buffer.byteLength(body) });
    res.writeHead(status, {
      'Content-Type': type,
      'Content-Length': Buffer.byteLength(body),
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
      ...extra,
    });
    res.end(req.method === 'HEAD' ? undefined : body);
  };

  // Links to large SLA set-ups run to tens of kilobytes: accept request lines up to 1 MB (Node's default is 16 KB).
  const server = createServer({ maxHeaderSize: 1024 * 1024 }, async (req, res) => {
    try {
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        return send(req, res, 405, 'method not allowed\n', undefined, { Allow: 'GET, HEAD' });
      }
      const url = new URL(req.url, 'http://localhost');
      const pathname = url.pathname;

      if (Object.hasOwn(extraFiles, pathname)) {
        const { body, type } = extraFiles[pathname];
        return send(req, res, 200, body, type);
      }
      if (pathname === EMBED_PATH) {
        return send(req, res, 200, embedPage(base, url.search), MIME_TYPES['.html']);
      }
      // '/tools/funnelsim' -> '/tools/funnelsim/' (keeping the query): relative asset URLs need the slash.
      if (pathname === base.slice(0, -1)) {
        return send(req, res, 301, 'moved\n', undefined, { Location: base + url.search });
      }
      if (!pathname.startsWith(base)) return send(req, res, 404, 'not found\n');

      let rel;
      try {
        rel = decodeURIComponent(pathname.slice(base.length));
      } catch {
        return send(req, res, 400, 'bad request\n');
      }
      if (rel === '' || rel.endsWith('/')) rel += 'index.html';
      const file = path.resolve(rootDir, rel);
      // No escaping the served folder ('..', absolute paths, NUL bytes).
      if (rel.includes('\0') || (file !== rootDir && !file.startsWith(rootDir + path.sep))) {
        return send(req, res, 404, 'not found\n');
      }
      const type = MIME_TYPES[path.extname(file).toLowerCase()];
      let info;
      try {
        info = await stat(file);
      } catch {
        return send(req, res, 404, 'not found\n');
      }
      if (!info.isFile() || !type) return send(req, res, 404, 'not found\n');
      const body = await readFile(file);
      if (gzip && /\bgzip\b/.test(req.headers['accept-encoding'] || '')) {
        return send(req, res, 200, gzipSync(body, { level: 9 }), type, { 'Content-Encoding': 'gzip', Vary: 'Accept-Encoding' });
      }
      return send(req, res, 200, body, type);
    } catch (err) {
      return send(req, res, 500, `internal error: ${err && err.message}\n`);
    }
  });

  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, resolve);
  });
  const { port: actualPort } = server.address();
  const origin = `http://${host}:${actualPort}`;
  return {
    origin,
    url: origin + base,
    embedUrl: origin + EMBED_PATH,
    base,
    requests,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}

// Stand-alone use: node tests/e2e/server.mjs [dist] [port]
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = process.argv[2] || 'dist';
  const port = Number(process.argv[3] || 0);
  const s = await startServer({ root, port });
  console.log(`serving ${path.resolve(root)} at ${s.url} (embed page: ${s.embedUrl})`);
}
