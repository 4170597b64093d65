// Static file server for `make serve` (the demo portal) and for the end-to-end tests (a "CDN" origin and a
// "portal" origin on loopback). Node built-ins only.
//
// It owns what the widget needs from any real host, so the tests exercise the real cross-origin path:
// correct MIME types (application/wasm for streaming compilation, text/javascript for module scripts),
// `Access-Control-Allow-Origin: *` on everything (module scripts, the wasm and feeds are CORS fetches),
// `Cache-Control: no-store` (a rebuilt dist/ is always what the browser gets), optional per-page CSP headers.
//
// CLI:   node scripts/serve.mjs [--host 127.0.0.1] [--port 8080] --mount /=demo --mount /news-widget/=dist
//                               [--no-cors /upstream/]   (paths served without Access-Control-Allow-Origin)
//                               [--live /feeds/live.json] (the demo's live feed there, scripts/live-feed.mjs)
//                               [--csp /strict.html="default-src 'none'; ..."]
// Module: import { startServer } from './scripts/serve.mjs' (see the options of createHandler).
import { createServer } from 'node:http';
import { createReadStream } from 'node:fs';
import { stat, readFile } from 'node:fs/promises';
import { resolve, sep, extname, basename } from 'node:path';
import { pathToFileURL } from 'node:url';
import { serveLiveFeed } from './live-feed.mjs';

export const MIME_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.jsonfeed': 'application/feed+json; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.rss': 'application/rss+xml; charset=utf-8',
  '.atom': 'application/atom+xml; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

/** MIME type for a file name; `*.feed.json` is a JSON Feed (`application/feed+json`). */
export function mimeType(file) {
  if (file.endsWith('.feed.json')) return 'application/feed+json; charset=utf-8';
  return MIME_TYPES[extname(file).toLowerCase()] || 'application/octet-stream';
}

function commonHeaders(res) {
  res.setHeader('Access-Control-Allow-Origin', '*');
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('X-Content-Type-Options', 'nosniff');
}

function sendText(res, status, text, method) {
  res.statusCode = status;
  res.setHeader('Content-Type', 'text/plain; charset=utf-8');
  res.end(method === 'HEAD' ? undefined : text);
}

/**
 * Finds the file a request path names, without answering: resolves to `{ file, info }` for a file,
 * `{ redirect }` for a directory asked for without its trailing slash, or `{ status }` (403, 404).
 * Options `mounts` and `files` as for `createHandler`.
 */
export function createResolver(options = {}) {
  const mounts = normaliseMounts(options.mounts || { '/': '.' });
  const files = Object.fromEntries(Object.entries(options.files || {}).map(([path, file]) => [path, resolve(file)]));

  return async function locate(pathname) {
    if (pathname.includes('\0')) return { status: 404 };
    if (Object.hasOwn(files, pathname)) {
      const info = await stat(files[pathname]).catch(() => null);
      return info && info.isFile() ? { file: files[pathname], info, name: basename(pathname) } : { status: 404 };
    }
    const mount = mounts.find((m) => pathname.startsWith(m.prefix) || pathname + '/' === m.prefix);
    if (!mount) return { status: 404 };
    const rel = pathname.slice(mount.prefix.length);
    let found = null;
    for (const dir of mount.dirs) {
      const file = resolve(dir, '.' + sep + rel);
      // Refuse anything that resolves outside the mounted directory (../, encoded or not).
      if (file !== dir && !file.startsWith(dir + sep)) return { status: 403 };
      const info = await stat(file).catch(() => null);
      if (info) {
        found = { file, info };
        break;
      }
    }
    if (found && found.info.isDirectory()) {
      if (!pathname.endsWith('/')) return { redirect: true };
      const file = resolve(found.file, 'index.html');
      found = { file, info: await stat(file).catch(() => null) };
    }
    if (!found || !found.info || !found.info.isFile()) return { status: 404 };
    return { ...found, name: basename(found.file) };
  };
}

/**
 * Builds the request handler.
 * - `mounts`: `[{ prefix: '/news-widget/', dir: 'dist' }, …]` or an object `{ '/news-widget/': 'dist' }`;
 *   the longest matching prefix wins. `dir` may be a list of directories: the first one holding the
 *   requested path answers (a site whose files partly live elsewhere in the repository).
 * - `files`: `{ '/formats/feeds/a.feed.json': 'tests/fixtures/real/a.json' }`: exact request paths served
 *   from a file of another name (before any mount); the MIME type follows the requested name.
 * - `csp`: `{ '/strict.html': "default-src 'none'; …" }` (exact request paths), or a function
 *   `(pathname) => policy | undefined`; read at request time, so it can be filled in after the port is known.
 * - `vars`: `{ CDN: 'http://127.0.0.1:1234/cdn/news-widget' }`: `{{CDN}}` in served .html files is replaced
 *   (host pages of the tests need the other origin's random port); read at request time.
 * - `before(req, res, url)`: return true when it answered the request itself (tests: failing or slow feeds).
 * - `onRequest({ method, path, status })`: called for every answered request (tests count feed fetches).
 * - `live`: `['/feeds/live.json']`: request paths answered with the demo's live feed (scripts/live-feed.mjs), a
 *   story every 30 s with ETag / Last-Modified and 304s.
 */
export function createHandler(options = {}) {
  const locate = createResolver(options);
  const cspFor = typeof options.csp === 'function' ? options.csp : (p) => options.csp && options.csp[p];
  const vars = options.vars || {};
  const onRequest = options.onRequest;

  return async function handle(req, res) {
    const method = req.method || 'GET';
    let url;
    try {
      url = new URL(req.url || '/', 'http://localhost');
    } catch {
      url = new URL('http://localhost/');
    }
    res.on('finish', () => onRequest && onRequest({ method, path: url.pathname + url.search, status: res.statusCode }));
    commonHeaders(res);
    // Like most portals' feeds, these paths send no CORS header: browsers cannot read them cross-origin,
    // the relay can (the demo's syndicated block).
    if ((options.noCors || []).some((prefix) => url.pathname.startsWith(prefix))) {
      res.removeHeader('Access-Control-Allow-Origin');
    }
    try {
      if (options.before && (await options.before(req, res, url))) return;
      if ((options.live || []).includes(url.pathname) && (method === 'GET' || method === 'HEAD')) {
        serveLiveFeed(req, res);
        return;
      }
      if (method === 'OPTIONS') {
        // CORS preflight (e.g. a feed fetched with custom headers).
        res.statusCode = 204;
        res.setHeader('Access-Control-Allow-Methods', 'GET, HEAD, OPTIONS');
        res.setHeader('Access-Control-Allow-Headers', req.headers['access-control-request-headers'] || '*');
        res.setHeader('Access-Control-Max-Age', '600');
        res.end();
        return;
      }
      if (method !== 'GET' && method !== 'HEAD') {
        res.setHeader('Allow', 'GET, HEAD, OPTIONS');
        sendText(res, 405, 'method not allowed\n', method);
        return;
      }
      let pathname;
      try {
        pathname = decodeURIComponent(url.pathname);
      } catch {
        sendText(res, 400, 'bad request\n', method);
        return;
      }
      const found = await locate(pathname);
      if (found.redirect) {
        // Relative URLs in the index page must resolve inside the directory.
        res.statusCode = 301;
        res.setHeader('Location', url.pathname + '/' + url.search);
        res.end();
        return;
      }
      if (found.status === 403) {
        sendText(res, 403, 'forbidden\n', method);
        return;
      }
      if (found.status) {
        sendText(res, 404, 'not found\n', method);
        return;
      }
      const { file, info } = found;
      const type = mimeType(found.name);
      res.setHeader('Content-Type', type);
      const policy = type.startsWith('text/html') ? cspFor(url.pathname) : undefined;
      if (policy) res.setHeader('Content-Security-Policy', policy);
      res.statusCode = 200;
      if (type.startsWith('text/html') && Object.keys(vars).length > 0) {
        const html = (await readFile(file, 'utf8')).replace(/\{\{(\w+)\}\}/g, (m, k) => (k in vars ? String(vars[k]) : m));
        const body = Buffer.from(html);
        res.setHeader('Content-Length', body.length);
        res.end(method === 'HEAD' ? undefined : body);
        return;
      }
      res.setHeader('Content-Length', info.size);
      if (method === 'HEAD') {
        res.end();
        return;
      }
      createReadStream(file)
        .on('error', () => res.destroy())
        .pipe(res);
    } catch (err) {
      if (!res.headersSent) sendText(res, 500, 'internal error\n', method);
      else res.destroy();
      console.error('serve:', err);
    }
  };
}

function normaliseMounts(mounts) {
  const list = Array.isArray(mounts) ? mounts : Object.entries(mounts).map(([prefix, dir]) => ({ prefix, dir }));
  return list
    .map(({ prefix, dir }) => ({
      prefix: prefix.endsWith('/') ? prefix : prefix + '/',
      dirs: (Array.isArray(dir) ? dir : [dir]).map((d) => resolve(d)),
    }))
    .sort((a, b) => b.prefix.length - a.prefix.length);
}

/**
 * Starts a server; resolves to `{ server, port, origin, close() }` once it listens.
 * `port: 0` (the default) picks a free port. `host` defaults to 127.0.0.1 (loopback only).
 */
export function startServer(options = {}) {
  const host = options.host || '127.0.0.1';
  const server = createServer(createHandler(options));
  // Keep-alive sockets would make close() wait for the browser to drop them.
  server.keepAliveTimeout = 1000;
  return new Promise((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(options.port || 0, host, () => {
      const { port } = server.address();
      const name = options.originHost || host;
      resolvePromise({
        server,
        port,
        origin: `http://${name}:${port}`,
        close: () =>
          new Promise((done) => {
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}

function parseArgs(argv) {
  const opts = { host: '127.0.0.1', port: 8080, mounts: [], csp: {}, noCors: [], live: [] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${arg} needs a value`);
      return v;
    };
    const pair = (v) => {
      const at = v.indexOf('=');
      if (at < 1) throw new Error(`${arg} expects PREFIX=VALUE, got ${v}`);
      return [v.slice(0, at), v.slice(at + 1)];
    };
    if (arg === '--host') opts.host = value();
    else if (arg === '--port') opts.port = Number(value());
    else if (arg === '--mount') {
      const [prefix, dir] = pair(value());
      opts.mounts.push({ prefix, dir });
    } else if (arg === '--no-cors') {
      opts.noCors.push(value());
    } else if (arg === '--live') {
      opts.live.push(value());
    } else if (arg === '--csp') {
      const [path, policy] = pair(value());
      opts.csp[path] = policy;
    } else if (arg === '--help' || arg === '-h') {
      console.log('usage: node scripts/serve.mjs [--host H] [--port P] --mount /prefix/=dir ... [--no-cors /prefix/] [--live /path] [--csp /page.html=POLICY]');
      process.exit(0);
    } else throw new Error(`unknown argument ${arg}`);
  }
  if (!Number.isInteger(opts.port) || opts.port < 0 || opts.port > 65535) throw new Error('bad --port');
  if (opts.mounts.length === 0) opts.mounts.push({ prefix: '/', dir: '.' });
  return opts;
}

if (import.meta.url === pathToFileURL(process.argv[1] || '').href) {
  let opts;
  try {
    opts = parseArgs(process.argv.slice(2));
  } catch (err) {
    console.error(`serve: ${err.message}`);
    process.exit(2);
  }
  startServer(opts).then(
    ({ origin }) => {
      for (const m of normaliseMounts(opts.mounts)) console.log(`serve: ${origin}${m.prefix} -> ${m.dirs.join(', ')}`);
    },
    (err) => {
      console.error(`serve: cannot listen on ${opts.host}:${opts.port}: ${err.message}`);
      process.exit(1);
    },
  );
}
