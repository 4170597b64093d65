// Requests a reader can trust and a loader that shares the page: a feed's next page on another origin is
// not followed; a page's list of allowed feed origins keeps blocks (and the loader's early requests) away
// from every other origin; the page's own <body> is never taken over; another script's <news-widget>
// element and window.NewsWidget are left alone while the div form still works; error reasons carry the
// HTTP status, not the server's words.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { startHarness, waitForState, sleep, DIST } from './harness.mjs';

const T = { timeout: 30_000 };
let h;
before(async () => {
  h = await startHarness();
});
after(async () => {
  await h?.close();
});

/** Serves `html` (with `{{CDN}}` filled in) at `path` on the portal. */
function page(path, html) {
  h.routes.set(path, async (req, res) => {
    res.setHeader('Content-Type', 'text/html; charset=utf-8');
    res.end(html.replaceAll('{{CDN}}', `${h.cdn}/cdn/news-widget`));
  });
}

const head = '<!doctype html><html lang="vi"><head><meta charset="utf-8"><link rel="icon" href="data:,">';

test('a next page on another origin is not followed: no "Xem thêm" request leaves, the console says why', T, async () => {
  h.routes.set('/trust/foreign-next.json', async (req, res) => {
    res.setHeader('Content-Type', 'application/feed+json');
    res.end(JSON.stringify({
      version: 'https://jsonfeed.org/version/1.1',
      title: 'Tin',
      next_url: `${h.cdn}/cdn/page-2.json`,
      items: [1, 2].map((i) => ({ id: `t${i}`, url: `https://bao.example/t${i}.html`, title: `Tin ${i}`,
        date_published: `2019-07-2${i}T08:00:00+07:00` })),
    }));
  });
  page('/trust/next.html', `${head}</head><body>
    <news-widget id="o" kind="others" src="/trust/foreign-next.json" limit="5" current="none"></news-widget>
    <script type="module" src="{{CDN}}/news-widget.js"></script></body></html>`);
  const p = await h.open('/trust/next.html');
  await waitForState(p.page.locator('#o'), 'ready');
  assert.equal(await p.page.locator('#o .nw-more').count(), 0, 'no "Xem thêm" for a foreign next page');
  assert.ok(p.warnings().some((w) => /next page that is not http\(s\) on the feed's own origin/.test(w)),
    JSON.stringify(p.warnings()));
  await p.page.close();
});

test('<meta name="news-widget-sources"> keeps blocks and the loader away from other origins', T, async () => {
  page('/trust/allow.html', `${head}<meta name="news-widget-sources" content="${h.portal}"></head><body>
    <news-widget id="ok" kind="latest" src="/feeds/latest.json?allow=1" limit="3"></news-widget>
    <news-widget id="no" kind="latest" src="${h.cdn}/cdn/news-widget/news-widget.js" limit="3"></news-widget>
    <script type="module" src="{{CDN}}/news-widget.js"></script></body></html>`);
  const p = await h.open('/trust/allow.html');
  await waitForState(p.page.locator('#ok'), 'ready');
  await waitForState(p.page.locator('#no'), 'error');
  assert.ok(p.warnings().some((w) => /is not in the page's <meta name="news-widget-sources">/.test(w)));
  // The blocked URL was never fetched as a feed (the loader's own import is a module script, not a fetch).
  const fetched = await p.page.evaluate(() =>
    performance.getEntriesByType('resource').filter((e) => e.initiatorType === 'fetch').map((e) => e.name));
  assert.ok(!fetched.some((u) => u.endsWith('/news-widget.js')), JSON.stringify(fetched));
  await p.page.close();
});

test('data-news-widget on <body> is ignored; the blocks inside still mount', T, async () => {
  page('/trust/body.html', `${head}</head><body data-news-widget="latest" data-src="/feeds/latest.json">
    <div id="inner" data-news-widget="latest" data-src="/feeds/latest.json" data-limit="2"></div>
    <script type="module" src="{{CDN}}/news-widget.js"></script></body></html>`);
  const p = await h.open('/trust/body.html');
  await waitForState(p.page.locator('#inner'), 'ready');
  assert.equal(await p.page.evaluate(() => document.body.shadowRoot), null);
  assert.equal(await p.page.evaluate(() => document.body.getAttribute('data-state')), null);
  await p.page.close();
});

test('another script\'s <news-widget> and window.NewsWidget are left alone; the div form still renders', T, async () => {
  page('/trust/foreign.html', `${head}<script src="/trust/foreign.js"></script></head><body>
    <news-widget id="theirs" kind="latest" src="/feeds/latest.json"></news-widget>
    <div id="ours" data-news-widget="latest" data-src="/feeds/latest.json" data-limit="2"></div>
    <script type="module" src="{{CDN}}/news-widget.js"></script></body></html>`);
  h.routes.set('/trust/foreign.js', async (req, res) => {
    res.setHeader('Content-Type', 'text/javascript');
    res.end(`customElements.define('news-widget', class extends HTMLElement {});
      window.NewsWidget = { theirs: true };`);
  });
  const p = await h.open('/trust/foreign.html');
  await waitForState(p.page.locator('#ours'), 'ready');
  await sleep(200);
  assert.equal(await p.page.evaluate(() => document.getElementById('theirs').shadowRoot), null);
  assert.deepEqual(await p.page.evaluate(() => window.NewsWidget), { theirs: true });
  assert.ok(p.warnings().some((w) => /another script already defined <news-widget>/.test(w)));
  await p.page.close();
});

test('an error reason names the HTTP status, never the server\'s status text', T, async () => {
  h.routes.set('/trust/teapot.json', async (req, res) => {
    res.writeHead(404, '<img src=x onerror=alert(1)> Gone');
    res.end('gone');
  });
  page('/trust/status.html', `${head}</head><body>
    <news-widget id="e" kind="latest" src="/trust/teapot.json"></news-widget>
    <script type="module" src="{{CDN}}/news-widget.js"></script></body></html>`);
  const p = await h.open('/trust/status.html');
  await waitForState(p.page.locator('#e'), 'error');
  const nw = await p.nw();
  const detail = nw.events.find((e) => e.type === 'news-widget:error').detail;
  assert.match(detail.reason, /HTTP 404/);
  assert.doesNotMatch(detail.reason, /img|Gone/);
  await p.page.close();
});

const sri = (bytes) => 'sha384-' + createHash('sha384').update(bytes).digest('base64');

test('one integrity attribute on the loader covers the chain: the built loader carries the hashes of every module file, and a page that pins the loader renders', T, async () => {
  const loader = await readFile(`${DIST}/news-widget.js`);
  for (const name of ['news-widget-core.js', 'news-widget-core_bg.wasm', 'news-widget-latest.js', 'news-widget-latest_bg.wasm']) {
    assert.ok(loader.includes(sri(await readFile(`${DIST}/${name}`))), `the loader holds the hash of ${name}`);
  }
  page('/trust/sri.html', `${head}
<script type="module" src="{{CDN}}/news-widget.js" integrity="${sri(loader)}" crossorigin="anonymous"></script></head><body>
<news-widget id="lean" kind="latest" src="/feeds/latest.json" limit="3"></news-widget>
<news-widget id="full" kind="others" src="/feeds/latest.json" limit="3"></news-widget></body></html>`);
  const p = await h.open('/trust/sri.html');
  await waitForState(p.page.locator('#lean'), 'ready');
  await waitForState(p.page.locator('#full'), 'ready');
  assert.deepEqual(p.problems(), []);
  await p.page.close();
});

for (const [what, file, tamper] of [
  // A custom section appended: still a valid module, so only the integrity check can refuse it.
  ['WASM', 'news-widget-latest_bg.wasm', (b) => Buffer.concat([b, Buffer.from([0, 5, 4, ...Buffer.from('evil')])])],
  ['glue', 'news-widget-latest.js', (b) => Buffer.concat([b, Buffer.from('\n;globalThis.__tampered = true;\n')])],
]) {
  test(`a tampered module ${what} is refused by the loader's integrity check: the blocks are in error and nothing of it runs`, T, async () => {
    const body = tamper(await readFile(`${DIST}/${file}`));
    // The tampered copy sits beside an untouched loader, as on a compromised CDN.
    const dir = `/cdn/tampered-${what.toLowerCase()}`;
    h.cdnRoutes.set(`${dir}/${file}`, async (req, res) => {
      res.setHeader('Access-Control-Allow-Origin', '*');
      res.setHeader('Content-Type', file.endsWith('.wasm') ? 'application/wasm' : 'text/javascript');
      res.end(body);
    });
    for (const other of ['news-widget.js', 'news-widget-core.js', 'news-widget-core_bg.wasm', 'news-widget-latest.js', 'news-widget-latest_bg.wasm']) {
      if (other === file) continue;
      const bytes = await readFile(`${DIST}/${other}`);
      h.cdnRoutes.set(`${dir}/${other}`, async (req, res) => {
        res.setHeader('Access-Control-Allow-Origin', '*');
        res.setHeader('Content-Type', other.endsWith('.wasm') ? 'application/wasm' : 'text/javascript');
        res.end(bytes);
      });
    }
    page(`/trust/tampered-${what}.html`, `${head}<script type="module" src="${h.cdn}${dir}/news-widget.js"></script></head><body>
<news-widget id="b" kind="latest" src="/feeds/latest.json"></news-widget></body></html>`);
    const p = await h.open(`/trust/tampered-${what}.html`);
    await waitForState(p.page.locator('#b'), 'error');
    assert.equal(await p.page.evaluate(() => globalThis.__tampered === true), false, 'the tampered glue did not run');
    assert.ok(p.problems().some((m) => /could not load the WASM core/.test(m)), JSON.stringify(p.problems()));
    await p.page.close();
  });
}
