// Failing networks and bad bodies, end to end. Each fault is served by a scripted route of the portal
// origin to a block added to tests/e2e/site/faults/index.html, whose healthy block (#good) must stay fine:
// - timeouts (`timeout="1"`, AbortController): a route that never answers, one that answers after 3 s;
// - retries: 503 twice then a feed → ready after exactly 3 requests with backoff; a 404 → 1 request; a
//   persistent 500 → 3 requests, then error with the status;
// - bad bodies: truncated JSON, an HTML error page served as 200, an empty body; a redirect loop; a CORS
//   refusal (no Access-Control-Allow-Origin);
// - wrong headers that must not matter: a valid feed as text/plain or text/html, with a UTF-8 BOM;
// - stale-while-error: the last good list shown at once on the next page view (localStorage), kept with the
//   "cập nhật lúc …" note when the refresh fails, replaced when a fresh feed arrives;
// - limits: a 21 MB body is cut at the 20 MB cap with a warning, a 20 001-item feed at the 20 000-item cap.
// Every error must be data-state="error", a news-widget:error event and a console line that says why.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startHarness, waitForState, until, sleep, readItems, shadowText } from './harness.mjs';
import { startServer } from '../../scripts/serve.mjs';
import { gzipSync } from 'node:zlib';

const T = { timeout: 60_000 };
let h;
/** GET requests per route path, with their times (ms). */
const hits = new Map();
/** Responses a route keeps open on purpose; ended when the file is done. */
const hanging = [];

before(async () => {
  h = await startHarness();
});
after(async () => {
  for (const res of hanging) res.destroy();
  await h?.close();
});

/** Installs a scripted route that counts its GET requests. */
function route(path, handler) {
  hits.set(path, []);
  h.routes.set(path, async (req, res, url) => {
    if (req.method === 'GET') hits.get(path).push(Date.now());
    await handler(req, res, url);
  });
}

const count = (path) => hits.get(path).length;
const site = (rel) => h.site(rel);

function send(res, status, type, body) {
  res.statusCode = status;
  if (type) res.setHeader('Content-Type', type);
  res.end(body);
}

/** Opens the faults page and adds the block under test (#bad) with `attrs`; the page's #good block loads too. */
async function openWith(attrs, form = 'element') {
  const p = await h.open('/faults/index.html');
  await p.page.evaluate(
    ({ attrs, form }) => {
      const el = document.createElement(form === 'div' ? 'div' : 'news-widget');
      el.id = 'bad';
      for (const [k, v] of Object.entries({ kind: 'latest', ...attrs })) {
        el.setAttribute(form === 'div' ? (k === 'kind' ? 'data-news-widget' : `data-${k}`) : k, v);
      }
      document.getElementById('app').append(el);
    },
    { attrs, form },
  );
  return p;
}

/** The console lines of the widget about `path` (errors and warnings). */
function said(p, path) {
  return p.logs.filter((l) => (l.type === 'error' || l.type === 'warning') && l.text.includes(path)).map((l) => l.text);
}

/** Asserts #bad ended in error with a console reason matching `reason`, and returns the error event's detail. */
async function expectError(p, path, reason) {
  await waitForState(p.page.locator('#bad'), 'error', 20_000);
  await until(() => p.page.locator('#bad').getByText('Không tải được tin').isVisible(), 'the visible error');
  const line = said(p, path).find((m) => m.startsWith('news-widget: could not load') && reason.test(m));
  assert.ok(line, `console reason for ${path} matching ${reason}: ${JSON.stringify(said(p, path))}`);
  const events = (await p.nw()).events.filter((e) => e.target === 'bad' && e.type === 'news-widget:error');
  assert.equal(events.length, 1, JSON.stringify(events));
  assert.match(events[0].detail.reason, reason);
  return { line, detail: events[0].detail };
}

/** The healthy block on the same page rendered its feed and saw no error; nothing threw. */
async function expectHealthyNeighbour(p) {
  await waitForState(p.page.locator('#good'), 'ready');
  assert.equal((await readItems(p.page, '#good')).length, 5);
  const events = (await p.nw()).events.filter((e) => e.target === 'good');
  assert.deepEqual(events.map((e) => e.type), ['news-widget:ready']);
  assert.deepEqual(p.errors, [], 'uncaught errors');
}

const results = [];
function record(fault, outcome) {
  results.push(`${fault}: ${outcome}`);
}
after(() => console.log(`faults:\n  ${results.join('\n  ')}`));

test('[component] a feed that never answers ends in error after timeout="1" (AbortController), without retrying; the healthy block is unaffected', T, async () => {
  route('/faults/hang.json', (req, res) => {
    hanging.push(res); // never answered
  });
  const p = await openWith({ src: '/faults/hang.json', timeout: '1' });
  const t0 = Date.now();
  const { line } = await expectError(p, '/faults/hang.json', /timed out after 1 s/);
  const took = Date.now() - t0;
  assert.ok(took < 6000, `the timeout fired after ${took} ms`);
  await sleep(1500);
  assert.equal(count('/faults/hang.json'), 1, 'a timeout is not retried');
  await expectHealthyNeighbour(p);
  record('never answers, timeout="1"', `error after ~${took} ms, 1 request — ${line}`);
  await p.page.close();
});

test('[component] a feed that answers after 3 s with timeout="1" is abandoned at 1 s: error, one request', T, async () => {
  route('/faults/slow.json', async (req, res) => {
    await sleep(3000);
    if (!res.destroyed) send(res, 200, 'application/feed+json', await site('faults/feed-a.json'));
  });
  const p = await openWith({ src: '/faults/slow.json', timeout: '1' }, 'div');
  const { line } = await expectError(p, '/faults/slow.json', /timed out after 1 s/);
  await sleep(2500); // the late answer arrives and changes nothing
  assert.equal(await p.page.locator('#bad').getAttribute('data-state'), 'error');
  assert.equal((await readItems(p.page, '#bad')).length, 0);
  assert.equal(count('/faults/slow.json'), 1);
  await expectHealthyNeighbour(p);
  record('answers after 3 s, timeout="1"', `error, 1 request — ${line}`);
  await p.page.close();
});

test('[component] 503 twice then a feed: retried with backoff, ready after exactly 3 requests', T, async () => {
  route('/faults/flaky.json', async (req, res) => {
    if (count('/faults/flaky.json') <= 2) return send(res, 503, 'text/plain', 'busy\n');
    send(res, 200, 'application/feed+json', await site('faults/feed-a.json'));
  });
  const p = await openWith({ src: '/faults/flaky.json' });
  await waitForState(p.page.locator('#bad'), 'ready', 20_000);
  assert.deepEqual((await readItems(p.page, '#bad')).map((i) => i.id), ['a1', 'a2', 'a3']);
  const [t1, t2, t3] = hits.get('/faults/flaky.json');
  assert.equal(count('/faults/flaky.json'), 3);
  // Backoff 400 ms, then 1 200 ms (a little slack for timers).
  assert.ok(t2 - t1 >= 350 && t3 - t2 >= 1100, `waits ${t2 - t1} ms and ${t3 - t2} ms`);
  const retries = said(p, '/faults/flaky.json').filter((m) => /retrying/.test(m) && /503/.test(m));
  assert.equal(retries.length, 2, JSON.stringify(said(p, '/faults/flaky.json')));
  assert.equal((await p.nw()).events.filter((e) => e.target === 'bad' && e.type === 'news-widget:error').length, 0);
  await expectHealthyNeighbour(p);
  record('503, 503, 200', `ready, 3 requests, waits ${t2 - t1} ms and ${t3 - t2} ms`);
  await p.page.close();
});

test('[component] a 404 is not retried (one request); a 500 that persists is tried 3 times, then error with its status', T, async () => {
  route('/faults/gone.json', (req, res) => send(res, 404, 'text/plain', 'not found\n'));
  route('/faults/broken.json', (req, res) => send(res, 500, 'text/plain', 'boom\n'));
  const p = await openWith({ src: '/faults/gone.json' });
  const gone = await expectError(p, '/faults/gone.json', /HTTP 404/);
  assert.equal(gone.detail.status, 404);
  await sleep(1000); // longer than the first backoff
  assert.equal(count('/faults/gone.json'), 1);
  await expectHealthyNeighbour(p);
  await p.page.close();

  const q = await openWith({ src: '/faults/broken.json' }, 'div');
  const broken = await expectError(q, '/faults/broken.json', /HTTP 500/);
  assert.equal(broken.detail.status, 500);
  assert.equal(count('/faults/broken.json'), 3);
  await expectHealthyNeighbour(q);
  record('404', `error, 1 request — ${gone.line}`);
  record('500 always', `error, 3 requests — ${broken.line}`);
  await q.page.close();
});

const BAD_BODIES = [
  {
    name: 'truncated JSON',
    path: '/faults/truncated.json',
    reply: async (res) => {
      const full = await site('faults/feed-a.json');
      send(res, 200, 'application/feed+json', full.subarray(0, Math.floor(full.length * 0.6)));
    },
    reason: /invalid JSON at line \d+, column \d+/,
  },
  {
    name: 'an HTML error page served as 200',
    path: '/faults/html200.json',
    reply: async (res) => send(res, 200, 'text/html; charset=utf-8', await site('faults/error-page.html')),
    reason: /not a feed: received an HTML page/,
  },
  {
    name: 'an empty body',
    path: '/faults/empty.json',
    reply: async (res) => send(res, 200, 'application/json', ''),
    reason: /empty response body/,
  },
];

for (const fault of BAD_BODIES) {
  test(`[component] ${fault.name}: error state with a clear console reason, the other block unaffected`, T, async () => {
    route(fault.path, (req, res) => fault.reply(res));
    const p = await openWith({ src: fault.path });
    const { line } = await expectError(p, fault.path, fault.reason);
    assert.equal(count(fault.path), 1, 'a bad body is not fetched again');
    await expectHealthyNeighbour(p);
    record(fault.name, `error, 1 request — ${line}`);
    await p.page.close();
  });
}

test('[component] a redirect loop ends in error (network error) and never affects the other block', T, async () => {
  route('/faults/loop.json', (req, res) => {
    res.statusCode = 302;
    res.setHeader('Location', '/faults/loop.json?again');
    res.end();
  });
  const p = await openWith({ src: '/faults/loop.json' });
  const { line } = await expectError(p, '/faults/loop.json', /network error/);
  await expectHealthyNeighbour(p);
  record('redirect loop', `error after ${count('/faults/loop.json')} requests (browser gives up after 20 redirects, retried twice as a network error) — ${line}`);
  await p.page.close();
});

test('[component] a CORS refusal (a feed on another origin without Access-Control-Allow-Origin) ends in error naming the header', T, async () => {
  // A third loopback origin whose answers lack the header (the portal's own feeds are same-origin).
  let requests = 0;
  const other = await startServer({
    host: '127.0.0.1',
    before: async (req, res) => {
      requests += 1;
      res.removeHeader('Access-Control-Allow-Origin');
      send(res, 200, 'application/feed+json', await site('faults/feed-a.json'));
      return true;
    },
  });
  try {
    const src = `${other.origin}/nocors.json`;
    const p = await openWith({ src }, 'div');
    const { line } = await expectError(p, src, /CORS refusal \(the feed must send Access-Control-Allow-Origin\)/);
    assert.ok(
      p.logs.some((l) => l.type === 'error' && /blocked by CORS policy/.test(l.text)),
      'the browser says why too',
    );
    await expectHealthyNeighbour(p);
    record('CORS refusal', `error after ${requests} requests (a network error to the page: retried) — ${line}`);
    await p.page.close();
  } finally {
    await other.close();
  }
});

const WRONG_HEADERS = [
  { name: 'JSON Feed as text/plain', type: 'text/plain; charset=utf-8', file: 'faults/feed-a.json', ids: ['a1', 'a2', 'a3'] },
  { name: 'JSON Feed as text/html', type: 'text/html; charset=utf-8', file: 'faults/feed-a.json', ids: ['a1', 'a2', 'a3'] },
  { name: 'JSON Feed with a UTF-8 BOM', type: 'application/feed+json', file: 'faults/feed-a.json', bom: true, ids: ['a1', 'a2', 'a3'] },
  { name: 'RSS with a BOM as text/html', type: 'text/html', file: 'faults/feed.rss', bom: true, count: 2 },
  { name: 'RSS as text/plain', type: 'text/plain', file: 'faults/feed.rss', count: 2 },
];

test('[component] a valid feed with a wrong Content-Type (text/plain, text/html) or a UTF-8 BOM is still read: ready', T, async () => {
  const p = await h.open('/faults/index.html');
  const blocks = WRONG_HEADERS.map((c, n) => ({ ...c, id: `w${n}`, path: `/faults/wrong-${n}` }));
  for (const c of blocks) {
    route(c.path, async (req, res) => {
      const body = await site(c.file);
      send(res, 200, c.type, c.bom ? Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), body]) : body);
    });
  }
  await p.page.evaluate((blocks) => {
    for (const c of blocks) {
      const el = document.createElement('news-widget');
      el.id = c.id;
      el.setAttribute('src', c.path);
      document.getElementById('app').append(el);
    }
  }, blocks);
  for (const c of blocks) {
    await waitForState(p.page.locator(`#${c.id}`), 'ready');
    const items = await readItems(p.page, `#${c.id}`);
    if (c.ids) assert.deepEqual(items.map((i) => i.id), c.ids, c.name);
    else assert.equal(items.length, c.count, c.name);
    record(c.name, `ready, ${items.length} items`);
  }
  await expectHealthyNeighbour(p);
  await p.page.close();
});

test('[component] stale-while-error: the last good list shows at once on the next page view, stays with "cập nhật lúc" when the refresh fails, and a fresh feed replaces it', T, async () => {
  const path = '/faults/stale.json';
  let mode = 'a';
  route(path, async (req, res) => {
    await sleep(mode === 'a-first' ? 0 : 1500); // time to see what shows before the answer
    if (mode === 'fail') return send(res, 404, 'text/plain', 'gone\n');
    send(res, 200, 'application/feed+json', await site(mode === 'b' ? 'faults/feed-b.json' : 'faults/feed-a.json'));
  });
  const ids = async (page) => (await readItems(page, '#bad')).map((i) => i.id);
  const stale = (page) => page.locator('#bad .nw-stale[data-stale]');

  // 1. A first view with a good feed: nothing remembered yet, placeholders, then the items.
  mode = 'a-first';
  const p = await openWith({ src: path });
  await waitForState(p.page.locator('#bad'), 'ready');
  assert.deepEqual(await ids(p.page), ['a1', 'a2', 'a3']);
  await p.page.close();

  // 2. The next page view while the feed fails: the old items at once (still loading), then error with the
  //    note; the items stay.
  mode = 'fail';
  const q = await openWith({ src: path });
  await until(async () => (await ids(q.page)).length === 3, 'the remembered items before the feed answers', 1400);
  assert.equal(await q.page.locator('#bad').getAttribute('data-state'), 'loading');
  const { detail } = await expectError(q, path, /HTTP 404/);
  assert.equal(detail.stale, true);
  assert.deepEqual(await ids(q.page), ['a1', 'a2', 'a3']);
  const note = await stale(q.page).textContent();
  assert.match(note, /^cập nhật lúc \d{1,2}:\d{2} \d{1,2}\/\d{1,2}$/);
  assert.ok(await q.page.locator('#bad button').first().isVisible(), 'a retry button under the kept list');

  // 3. Retry once the feed is back (another list): the fresh list replaces the stale one, the note goes.
  mode = 'b';
  await q.page.locator('#bad button').first().click();
  await waitForState(q.page.locator('#bad'), 'ready');
  await until(async () => (await ids(q.page)).join() === 'b1,b2', 'the fresh items');
  assert.equal(await stale(q.page).count(), 0);
  assert.ok(!(await shadowText(q.page, '#bad')).includes('Không tải được tin'));
  await expectHealthyNeighbour(q);
  await q.page.close();

  // 4. The next view shows the newer remembered list at once, and the fresh answer replaces it.
  mode = 'a';
  const r = await openWith({ src: path }, 'div');
  await until(async () => (await ids(r.page)).join() === 'b1,b2', 'the remembered (b) items at once', 1400);
  await waitForState(r.page.locator('#bad'), 'ready');
  await until(async () => (await ids(r.page)).join() === 'a1,a2,a3', 'the fresh (a) items');
  assert.equal(await stale(r.page).count(), 0);
  const stored = await r.page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('news-widget:')));
  assert.ok(stored.some((k) => k.includes('/faults/stale.json')), JSON.stringify(stored));
  record('stale-while-error', `remembered list shown at once, kept with "${note}" + data-state=error on failure, replaced by fresh feeds`);
  await r.page.close();
});

test('[component] a saved list older than 7 days is not shown, and storage keys that are not the widget\'s are never removed, whatever its index says', T, async () => {
  const path = '/faults/old.json';
  let fail = false;
  route(path, async (req, res) => {
    if (fail) return send(res, 404, 'text/plain', 'gone\n');
    send(res, 200, 'application/feed+json', await site('faults/feed-a.json'));
  });
  const p = await openWith({ src: path });
  await waitForState(p.page.locator('#bad'), 'ready');
  // Age the saved list by 8 days, and let another script write into the widget's index.
  const aged = await p.page.evaluate((path) => {
    const key = Object.keys(localStorage).find((k) => k.startsWith('news-widget:v2:') && k.includes(path));
    const snap = JSON.parse(localStorage.getItem(key));
    snap.saved -= 8 * 24 * 3600 * 1000;
    localStorage.setItem(key, JSON.stringify(snap));
    localStorage.setItem('portal-session', 'keep');
    const index = 'news-widget:v2:index';
    localStorage.setItem(index, ['portal-session', 'news-widget-other', localStorage.getItem(index)].join('\n'));
    return key;
  }, path);
  assert.ok(aged, 'a snapshot under the widget prefix');
  await p.page.close();

  fail = true;
  const q = await openWith({ src: path });
  const { detail } = await expectError(q, path, /HTTP 404/);
  assert.equal(detail.stale, false, 'nothing kept: the saved list was too old');
  assert.equal((await readItems(q.page, '#bad')).length, 0);
  assert.ok(q.logs.some((l) => /older than 7 days/.test(l.text)), 'the console says why the saved list is gone');
  assert.equal(await q.page.evaluate((k) => localStorage.getItem(k), aged), null, 'the expired snapshot is removed');

  // Six more feeds remembered: the widget evicts its own oldest snapshots, never the page's keys.
  fail = false;
  for (let i = 0; i < 6; i++) route(`/faults/keep-${i}.json`, async (req, res) => send(res, 200, 'application/feed+json', await site('faults/feed-a.json')));
  await q.page.evaluate(() => {
    for (let i = 0; i < 6; i++) {
      const el = document.createElement('news-widget');
      el.id = `keep${i}`;
      el.setAttribute('src', `/faults/keep-${i}.json`);
      el.setAttribute('loading', 'eager');
      document.getElementById('app').append(el);
    }
  });
  for (let i = 0; i < 6; i++) await waitForState(q.page.locator(`#keep${i}`), 'ready');
  const keys = await q.page.evaluate(() => Object.keys(localStorage));
  assert.equal(await q.page.evaluate(() => localStorage.getItem('portal-session')), 'keep');
  assert.ok(keys.filter((k) => k.startsWith('news-widget:v2:') && k !== 'news-widget:v2:index').length <= 4, JSON.stringify(keys));
  record('saved list', 'expired after 7 days (error without stale list, console reason); foreign keys kept through eviction');
  await q.page.close();
});

/** An RSS body of about `mb` MB (~10 KB items) and its item count. */
function bigRss(mb) {
  const filler = 'Nội dung dài '.repeat(800); // ~10 KB per item
  const parts = ['<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel><title>Rất lớn</title>\n'];
  let size = parts[0].length;
  for (let n = 0; size < mb * 1024 * 1024; n++) {
    const item = `<item><title>Tin số ${n}</title><link>/bai/lon-${n}.html</link><description>${filler}</description></item>\n`;
    parts.push(item);
    size += Buffer.byteLength(item);
  }
  parts.push('</channel></rss>\n');
  return { body: Buffer.from(parts.join('')), items: parts.length - 2 };
}

/** Sends `body` in 1 MB chunks without a Content-Length (chunked), as a streaming server would. */
function sendChunked(res, type, body, headers = {}) {
  res.statusCode = 200;
  res.setHeader('Content-Type', type);
  for (const [k, v] of Object.entries(headers)) res.setHeader(k, v);
  res.on('error', () => {}); // the widget cancels the download at its cap
  for (let at = 0; at < body.length && !res.destroyed; at += 1 << 20) res.write(body.subarray(at, at + (1 << 20)));
  res.end();
}

test('[component] a 21 MB feed streamed without a Content-Length is read up to the 20 MB cap and the rest cancelled, with a warning (not a freeze): the items read before the cut show', T, async () => {
  const { body, items } = bigRss(21);
  route('/faults/huge.rss', (req, res) => sendChunked(res, 'application/rss+xml', body));
  const p = await openWith({ src: '/faults/huge.rss', timeout: '60' });
  const t0 = Date.now();
  await waitForState(p.page.locator('#bad'), 'ready', 45_000);
  const took = Date.now() - t0;
  assert.equal((await readItems(p.page, '#bad')).length, 10);
  const warned = said(p, '/faults/huge.rss');
  assert.ok(warned.some((m) => /larger than 20 MB; only the first 20 MB are read/.test(m)), JSON.stringify(warned));
  const ready = (await p.nw()).events.find((e) => e.target === 'bad' && e.type === 'news-widget:ready');
  assert.ok(ready.detail.total > 1000 && ready.detail.total < items, `total ${ready.detail.total}`);
  await expectHealthyNeighbour(p);
  record('21 MB streamed body', `${(body.length / 1048576).toFixed(1)} MB cut at 20 MB, ${ready.detail.total} of ${items} items kept, ready in ${took} ms`);
  await p.page.close();
});

test('[component] a feed whose Content-Length is over 20 MB is refused before its body is downloaded, once, with the reason', T, async () => {
  const { body } = bigRss(21);
  route('/faults/declared.rss', (req, res) => {
    res.on('error', () => {});
    send(res, 200, 'application/rss+xml', body);
  });
  const p = await openWith({ src: '/faults/declared.rss' });
  await expectError(p, '/faults/declared.rss', /larger than 20 MB \(Content-Length\); not downloaded/);
  assert.equal(count('/faults/declared.rss'), 1, 'not retried');
  await expectHealthyNeighbour(p);
  record('Content-Length 21 MB', 'refused before download, 1 request, error state with the reason');
  await p.page.close();
});

test('[component] a compressed bomb (a small gzip body of 40 MB of feed) read by the loader while the module loads stops at the 20 MB cap', T, async () => {
  const { body, items } = bigRss(40);
  const gz = gzipSync(body, { level: 9 });
  route('/faults/bomb.rss', (req, res) => sendChunked(res, 'application/rss+xml', gz, { 'Content-Encoding': 'gzip' }));
  // The block is in the page's HTML, so the loader starts (and reads) its request beside the module download.
  route('/faults/bomb.html', (req, res) => send(res, 200, 'text/html; charset=utf-8', `<!doctype html><html lang="vi"><head>
<meta charset="utf-8"><title>bomb</title><script type="module" src="${h.cdn}/cdn/news-widget/news-widget.js"></script></head>
<body><news-widget id="bad" kind="latest" src="/faults/bomb.rss" timeout="60"></news-widget>
<news-widget id="good" kind="latest" src="/feeds/latest.json" limit="5"></news-widget></body></html>`));
  const p = await h.open('/faults/bomb.html');
  await waitForState(p.page.locator('#bad'), 'ready', 45_000);
  const warned = said(p, '/faults/bomb.rss');
  assert.ok(warned.some((m) => /larger than 20 MB/.test(m)), JSON.stringify(warned));
  const ready = (await p.nw()).events.find((e) => e.target === 'bad' && e.type === 'news-widget:ready');
  assert.ok(ready.detail.total > 1000 && ready.detail.total < items / 1.5, `total ${ready.detail.total}`);
  await expectHealthyNeighbour(p);
  record('gzip bomb', `${(gz.length / 1024).toFixed(0)} KB gzip of ${(body.length / 1048576).toFixed(0)} MB: cut at 20 MB, ${ready.detail.total} of ${items} items kept`);
  await p.page.close();
});

test('[component] a feed of 20 001 items is cut at the 20 000-item cap with a warning', T, async () => {
  const items = [];
  for (let n = 0; n < 20_001; n++) {
    items.push({ id: `n${n}`, url: `/bai/n${n}.html`, title: `Tin ${n}`, date_published: new Date(Date.UTC(2019, 0, 1) + n * 60_000).toISOString() });
  }
  const body = JSON.stringify({ version: 'https://jsonfeed.org/version/1.1', items });
  route('/faults/many.json', (req, res) => send(res, 200, 'application/feed+json', body));
  const p = await openWith({ src: '/faults/many.json' });
  await waitForState(p.page.locator('#bad'), 'ready', 30_000);
  const warned = said(p, '/faults/many.json');
  assert.ok(warned.some((m) => /more than 20000 items/.test(m)), JSON.stringify(warned));
  const ready = (await p.nw()).events.find((e) => e.target === 'bad' && e.type === 'news-widget:ready');
  assert.equal(ready.detail.total, 20_000);
  await expectHealthyNeighbour(p);
  record('20 001 items', `cut to ${ready.detail.total} with a warning, ready`);
  await p.page.close();
});
