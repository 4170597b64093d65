// End-to-end harness: two loopback origins and one headless Chromium per test file.
//
// - "CDN"    http://127.0.0.1:<A>  serves dist/ under /cdn/news-widget/ (and again under /cdn/broken/, where
//            the .wasm answers 404, for the load-failure path);
// - "portal" http://localhost:<B>  serves tests/e2e/site/ (host pages, feeds, images); `{{CDN}}` in its
//            pages becomes the CDN URL, so every page loads the widget cross-origin as webmasters do.
//            Feeds that are fixtures of the native tests too are served from tests/fixtures/ (SITE_MOUNTS,
//            SITE_FILES), not copied into the site.
// Both run in this process (scripts/serve.mjs), so tests can count requests and script feed failures.
// Each page gets instrumentation before any of its scripts run (window.__nw: events, CSP violations,
// data-state changes) and collects console messages and page errors.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { startServer, createResolver } from '../../scripts/serve.mjs';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const DIST = resolve(ROOT, 'dist');
export const SITE = fileURLToPath(new URL('./site/', import.meta.url));
export const FIXTURES = resolve(ROOT, 'tests/fixtures');

/**
 * What the portal serves: the site, and under /formats/feeds/ the site's own feeds, then the real publishers'
 * feeds of tests/fixtures/real/ by their names (/formats/feeds/atom_xml_base.xml, …).
 */
export const SITE_MOUNTS = [
  { prefix: '/', dir: SITE },
  { prefix: '/formats/feeds/', dir: [resolve(SITE, 'formats/feeds'), resolve(FIXTURES, 'real')] },
];
/**
 * Fixtures the pages ask for under another name: the JSON Feeds as `*.feed.json` (served as
 * application/feed+json, as a portal would), and the first page of the WordPress posts.
 */
export const SITE_FILES = {
  '/formats/feeds/jsonfeed_example_1.feed.json': resolve(FIXTURES, 'real/jsonfeed_example_1.json'),
  '/formats/feeds/jsonfeed_elastic_1.1.feed.json': resolve(FIXTURES, 'real/jsonfeed_elastic_1.1.json'),
  '/formats/feeds/wordpress_posts.json': resolve(FIXTURES, 'wordpress_posts.json'),
};
const locateSiteFile = createResolver({ mounts: SITE_MOUNTS, files: SITE_FILES });

export const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
// Chromium as root, on a machine whose network is closed except loopback: no sandbox, nothing that phones home.
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** The strict policy the README documents for webmasters, for a page on `portal` loading the widget from `cdn`. */
export function strictCsp(cdnOrigin, portalOrigin) {
  return [
    "default-src 'none'",
    `script-src ${cdnOrigin} 'wasm-unsafe-eval'`,
    `connect-src ${cdnOrigin} ${portalOrigin}`,
    `img-src ${portalOrigin}`,
    `style-src ${cdnOrigin}`,
    "require-trusted-types-for 'script'",
  ].join('; ');
}

// Runs in every page before its own scripts (Playwright init script): records what the tests assert on.
function instrument() {
  const nw = { events: [], violations: [], states: [] };
  Object.defineProperty(window, '__nw', { value: nw, enumerable: false });
  const label = (el) => (el && (el.id || el.localName)) || String(el);
  const clone = (v) => {
    try {
      return JSON.parse(JSON.stringify(v === undefined ? null : v));
    } catch {
      return String(v);
    }
  };
  for (const type of ['news-widget:ready', 'news-widget:error']) {
    document.addEventListener(type, (e) => {
      nw.events.push({
        type,
        target: label(e.target), // retargeted to the host when fired inside the shadow root
        bubbles: e.bubbles,
        composed: e.composed,
        detail: clone(e.detail),
      });
    });
  }
  document.addEventListener('securitypolicyviolation', (e) => {
    nw.violations.push({
      directive: e.effectiveDirective,
      blocked: e.blockedURI,
      source: e.sourceFile,
      line: e.lineNumber,
      sample: e.sample,
    });
  });
  new MutationObserver((records) => {
    for (const r of records) {
      nw.states.push({ target: label(r.target), from: r.oldValue, to: r.target.getAttribute('data-state') });
    }
  }).observe(document, { subtree: true, attributes: true, attributeOldValue: true, attributeFilter: ['data-state'] });
}

/**
 * Starts both servers and Chromium. Options:
 * - `timezoneId`: the reader's zone (default America/New_York, far from the portal's +07:00, so a
 *   block that formats times in the reader's zone instead of `tz` fails the time tests).
 * Returns a harness with `open(path)`, `newPage()`, `requests`, `routes`, origins, and `close()`.
 */
export async function startHarness(options = {}) {
  if (!existsSync(resolve(DIST, 'news-widget.js')) || !existsSync(resolve(DIST, 'news-widget-core_bg.wasm'))) {
    throw new Error(`dist/ is not built (${DIST}): run \`make build\` first`);
  }
  /** Every request the portal answered: { method, path, status }. */
  const requests = [];
  /** Extra portal routes a test installs: path -> async (req, res, url) => void. */
  const routes = new Map();
  const csp = {};
  const vars = {};

  /** Extra CDN routes a test installs (a tampered copy of a file): path -> async (req, res, url) => void. */
  const cdnRoutes = new Map();
  const cdn = await startServer({
    host: '127.0.0.1',
    mounts: { '/cdn/news-widget/': DIST, '/cdn/broken/': DIST },
    before: async (req, res, url) => {
      const route = cdnRoutes.get(url.pathname);
      if (route) {
        await route(req, res, url);
        return true;
      }
      // Both modules (lean and full) are missing there.
      if (!(url.pathname.startsWith('/cdn/broken/') && url.pathname.endsWith('_bg.wasm'))) return false;
      res.statusCode = 404;
      res.setHeader('Content-Type', 'text/plain');
      res.end('not found\n');
      return true;
    },
  });
  const portal = await startServer({
    host: '127.0.0.1',
    originHost: 'localhost',
    mounts: SITE_MOUNTS,
    files: SITE_FILES,
    csp,
    vars,
    onRequest: (r) => requests.push(r),
    before: async (req, res, url) => {
      const route = routes.get(url.pathname);
      if (!route) return false;
      await route(req, res, url);
      return true;
    },
  });
  vars.CDN = `${cdn.origin}/cdn/news-widget`;
  vars.CDN_BROKEN = `${cdn.origin}/cdn/broken`;
  csp['/strict.html'] = strictCsp(cdn.origin, portal.origin);

  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  const context = await browser.newContext({
    timezoneId: options.timezoneId || 'America/New_York',
    locale: 'en-US',
    viewport: { width: 1200, height: 900 },
  });
  await context.addInitScript(instrument);

  async function newPage() {
    const page = await context.newPage();
    const logs = [];
    const errors = [];
    page.on('console', (m) => logs.push({ type: m.type(), text: m.text() }));
    page.on('pageerror', (e) => errors.push(String((e && e.stack) || e)));
    return {
      page,
      logs,
      errors,
      /** console.error messages (CSP reports and failed loads included) and uncaught exceptions. */
      problems: () => logs.filter((l) => l.type === 'error').map((l) => l.text).concat(errors),
      warnings: () => logs.filter((l) => l.type === 'warning').map((l) => l.text),
      nw: () => page.evaluate(() => window.__nw),
    };
  }

  return {
    cdn: cdn.origin,
    portal: portal.origin,
    requests,
    routes,
    cdnRoutes,
    browser,
    context,
    newPage,
    /** Opens a portal page (path like '/index.html') in a fresh tab. */
    async open(path) {
      const p = await newPage();
      await p.page.goto(portal.origin + path);
      return p;
    },
    /** The contents of the file the portal serves at `/${rel}` (for scripted routes). */
    site: (rel) => siteFile(rel),
    async close() {
      await browser.close().catch(() => {});
      await Promise.all([cdn.close(), portal.close()]);
    },
  };
}

/** The contents of the file the portal serves at `/${rel}` (rel like 'formats/feeds/atom_xml_base.xml'). */
export async function siteFile(rel) {
  const found = await locateSiteFile('/' + rel);
  if (!found.file) throw new Error(`the portal serves no file at /${rel}`);
  return readFile(found.file);
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * Waits until the element's `data-state` is `state` (or one of `state` when an array, or anything but
 * 'loading'/absent when state is '!loading'). Fails with the last value seen.
 */
export async function waitForState(locator, state, timeout = 10_000) {
  const ok = (v) =>
    state === '!loading' ? v !== null && v !== 'loading' : Array.isArray(state) ? state.includes(v) : v === state;
  const end = Date.now() + timeout;
  let last;
  for (;;) {
    last = await locator.getAttribute('data-state', { timeout: Math.max(1, end - Date.now()) }).catch(() => last);
    if (ok(last)) return last;
    if (Date.now() > end) {
      throw new Error(`data-state of ${locator} is ${JSON.stringify(last)} after ${timeout} ms; wanted ${JSON.stringify(state)}`);
    }
    await sleep(50);
  }
}

/** Polls `fn` until it returns a truthy value (returned) or fails after `timeout` ms with `what`. */
export async function until(fn, what, timeout = 10_000) {
  const end = Date.now() + timeout;
  let last;
  for (;;) {
    last = await fn();
    if (last) return last;
    if (Date.now() > end) throw new Error(`timed out after ${timeout} ms waiting for ${what}`);
    await sleep(50);
  }
}

export { sleep };

/**
 * Scrolls to the bottom of the page the way a reader does, half a viewport at a time with a pause between
 * steps, so that blocks which start near the viewport start on the way.
 */
export async function scrollThrough(page, { step = 0.5, pause = 150 } = {}) {
  for (let i = 0; i < 400; i++) {
    const bottom = await page.evaluate((step) => {
      scrollBy(0, Math.round(innerHeight * step));
      return scrollY + innerHeight >= document.documentElement.scrollHeight - 1;
    }, step);
    await sleep(pause);
    if (bottom) return;
  }
}

/**
 * The rendered articles of the block on `host` (a CSS selector), in order, read through its open shadow
 * root: `{ id, href, text, img: { src, loading, width, height, complete, naturalWidth } | null }`.
 */
/**
 * Adds a block to the page's `#app`: `attrs` like { kind, src, limit }; `form` 'div' uses the div form
 * (`data-news-widget` and `data-` names). The block is eager (`loading="eager"`) unless `attrs` set `loading`:
 * tests that stack many blocks check what they render, not when they start (lazy.test.mjs does that).
 */
export function addBlock(page, id, attrs, form = 'element') {
  attrs = { loading: 'eager', ...attrs };
  return page.evaluate(
    ({ id, attrs, form }) => {
      const el = document.createElement(form === 'div' ? 'div' : 'news-widget');
      el.id = id;
      for (const [k, v] of Object.entries(attrs)) {
        el.setAttribute(form === 'div' ? (k === 'kind' ? 'data-news-widget' : `data-${k}`) : k, v);
      }
      document.getElementById('app').append(el);
    },
    { id, attrs, form },
  );
}

/** The module files (`*_bg.wasm`) the page downloaded, by file name. */
export function modules(page) {
  return page.evaluate(() =>
    performance
      .getEntriesByType('resource')
      .map((e) => new URL(e.name).pathname.split('/').pop())
      .filter((n) => n.endsWith('_bg.wasm'))
      .sort(),
  );
}

export function readItems(page, host) {
  return page.locator(`${host} [data-item-id]`).evaluateAll((els) =>
    els.map((e) => {
      const a = e.matches('a[href]') ? e : e.querySelector('a[href]');
      const img = e.querySelector('img');
      return {
        id: e.getAttribute('data-item-id'),
        href: a ? a.href : null,
        rawHref: a ? a.getAttribute('href') : null,
        text: e.textContent.replace(/\s+/g, ' ').trim(),
        img: img && {
          src: img.src,
          loading: img.getAttribute('loading'),
          width: img.getAttribute('width'),
          height: img.getAttribute('height'),
          complete: img.complete,
          naturalWidth: img.naturalWidth,
        },
      };
    }),
  );
}

/** Text of the block's shadow root (whitespace collapsed), or null when it has none. */
export function shadowText(page, host) {
  return page.locator(host).evaluate((el) => (el.shadowRoot ? el.shadowRoot.textContent.replace(/\s+/g, ' ').trim() : null));
}

/**
 * A scripted feedback endpoint on the portal at `path` (the contract of the "Phản hồi" block, README):
 * records every POST (`posts`: { headers, body }) and answers with `mode` — `{ status, body, retryAfter }`,
 * or `{ network: true }` to drop the connection — and answers `GET path?article=…` with `{ items: published }`.
 */
export function feedbackReceiver(h, path) {
  const r = { posts: [], gets: [], mode: { status: 201, body: { id: 'fb-1' } }, published: [] };
  h.routes.set(path, async (req, res, url) => {
    if (req.method === 'OPTIONS') {
      res.statusCode = 204;
      res.setHeader('Access-Control-Allow-Methods', 'GET, POST, OPTIONS');
      res.setHeader('Access-Control-Allow-Headers', 'Content-Type');
      res.end();
      return;
    }
    if (req.method === 'GET') {
      r.gets.push(url.search);
      res.setHeader('Content-Type', 'application/json; charset=utf-8');
      res.end(JSON.stringify({ items: r.published }));
      return;
    }
    const chunks = [];
    for await (const c of req) chunks.push(c);
    const text = Buffer.concat(chunks).toString('utf8');
    let body = null;
    try {
      body = JSON.parse(text);
    } catch {
      body = text;
    }
    r.posts.push({ headers: req.headers, body });
    const m = r.mode;
    if (m.network) {
      req.socket.destroy();
      return;
    }
    res.statusCode = m.status;
    if (m.retryAfter !== undefined) {
      res.setHeader('Retry-After', String(m.retryAfter));
      res.setHeader('Access-Control-Expose-Headers', 'Retry-After');
    }
    res.setHeader('Content-Type', 'application/json; charset=utf-8');
    res.end(JSON.stringify(m.body || {}));
  });
  return r;
}

/** The moderation token of the relay `startDemo` runs. */
export const DEMO_ADMIN_TOKEN = 'demo-editor-token';

/**
 * The demo portal as `make serve` runs it: demo/ and dist/ on a static server (with the VnExpress capture at
 * /upstream/, served without CORS), and the real news-widget-relay (target/debug, `make relay`) with the
 * demo configuration pointed at that server. `open(context)` opens the demo page with its requests to the
 * relay's demo address (127.0.0.1:8081) sent to this relay; `route(page)` does that for a page of one's own.
 */
export async function startDemo() {
  const { spawn } = await import('node:child_process');
  const { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const bin = resolve(ROOT, 'target/debug/news-widget-relay');
  if (!existsSync(bin)) throw new Error(`${bin} is missing: run make relay`);
  const server = await startServer({
    host: '127.0.0.1',
    mounts: { '/': resolve(ROOT, 'demo'), '/news-widget/': DIST, '/upstream/': resolve(ROOT, 'tests/fixtures/real') },
    noCors: ['/upstream/'],
    live: ['/feeds/live.json'],
  });
  const state = mkdtempSync(resolve(tmpdir(), 'news-widget-relay-'));
  const config = readFileSync(resolve(ROOT, 'relay/relay.toml'), 'utf8')
    .replaceAll('http://127.0.0.1:8080', server.origin)
    .replace(/^state_dir = .*$/m, `state_dir = ${JSON.stringify(state)}`)
    .replace(/^site_origins = .*$/m, `site_origins = [${JSON.stringify(server.origin)}]`);
  writeFileSync(resolve(state, 'relay.toml'), config);
  const relay = spawn(bin, ['--config', resolve(state, 'relay.toml'), '--listen', '127.0.0.1:0'], {
    env: { ...process.env, NEWS_WIDGET_RELAY_ADMIN_TOKEN: DEMO_ADMIN_TOKEN },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const relayOrigin = await new Promise((done, fail) => {
    let out = '';
    relay.stdout.on('data', (d) => {
      out += d;
      const m = out.match(/listening on (http:\/\/\S+)/);
      if (m) done(m[1]);
    });
    relay.once('exit', (code) => fail(new Error(`the relay exited with ${code}`)));
    setTimeout(() => fail(new Error('the relay did not start')), 20_000);
  });
  // The relay's first fetch of the demo channels, so that the page finds them served.
  for (let i = 0; i < 150; i++) {
    const codes = await Promise.all(['vnexpress', 'latest'].map((c) =>
      fetch(`${relayOrigin}/feeds/${c}.json`, { method: 'HEAD' }).then((r) => r.status).catch(() => 0)));
    if (codes.every((c) => c === 200)) break;
    await sleep(100);
  }
  return {
    origin: server.origin,
    relayOrigin,
    /** Sends `page`'s requests to the relay's demo address to this relay. */
    route(page) {
      return page.route('http://127.0.0.1:8081/**', (route) =>
        route.continue({ url: route.request().url().replace('http://127.0.0.1:8081', relayOrigin) }));
    },
    async open(context, path = '/') {
      const page = await context.newPage();
      await this.route(page);
      await page.goto(server.origin + path);
      return page;
    },
    async close() {
      relay.kill('SIGTERM');
      await server.close();
      rmSync(state, { recursive: true, force: true });
    },
  };
}
