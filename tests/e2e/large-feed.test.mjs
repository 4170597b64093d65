// Large feeds: a 20 000-item, ~10 MB JSON Feed is parsed in slices by the edge (src/core/chunked.rs,
// yielding to the page between slices); the block must still show exactly the newest items of the whole feed,
// with their links, as one parse would. The feed is bench/gen-feed.mjs's (deterministic, shuffled dates, some
// in RFC 2822, some undated, relative thumbnails). Timings are measured by `make bench`, not asserted here.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startHarness, waitForState, readItems } from './harness.mjs';
import { generateFeed } from '../../bench/gen-feed.mjs';

const T = { timeout: 60_000 };
let h;
let feed;
before(async () => {
  h = await startHarness();
  const body = generateFeed(20_000);
  feed = JSON.parse(body);
  h.routes.set('/feeds/large.json', async (req, res) => {
    res.setHeader('Content-Type', 'application/feed+json; charset=utf-8');
    res.end(body);
  });
  // The feed's relative thumbnails (img/thumb-N.svg next to the feed).
  for (let i = 0; i < 8; i++) {
    h.routes.set(`/feeds/img/thumb-${i}.svg`, async (req, res) => {
      res.setHeader('Content-Type', 'image/svg+xml');
      res.end('<svg xmlns="http://www.w3.org/2000/svg" width="96" height="64"/>');
    });
  }
});
after(async () => {
  await h?.close();
});

test('a 20 000-item (~10 MB) feed, parsed in slices, shows the ten newest items of the whole feed', T, async () => {
  const p = await h.open('/blank.html');
  const { page } = p;
  await page.evaluate(() => {
    const el = document.createElement('news-widget');
    el.id = 'big';
    el.setAttribute('src', '/feeds/large.json');
    el.setAttribute('limit', '10');
    document.getElementById('app').append(el);
  });
  assert.equal(await waitForState(page.locator('#big'), '!loading', 45_000), 'ready');
  // Newest first by instant, stable among equal dates, undated last: what one whole parse + sort gives.
  const instant = (it) => {
    const t = Date.parse(it.date_published ?? '');
    return Number.isNaN(t) ? -Infinity : t;
  };
  const expected = feed.items
    .map((it, i) => ({ id: it.id, url: it.url, t: instant(it), i }))
    .sort((a, b) => b.t - a.t || a.i - b.i) // -Infinity - -Infinity is NaN, so undated keep feed order
    .slice(0, 10);
  const items = await readItems(page, '#big');
  assert.deepEqual(items.map((i) => i.id), expected.map((e) => e.id));
  assert.deepEqual(items.map((i) => i.href), expected.map((e) => e.url));
  const ready = (await p.nw()).events.find((e) => e.type === 'news-widget:ready');
  assert.equal(ready?.detail?.total, 20_000);
  assert.deepEqual(p.problems(), []);
  await page.close();
});

// Dates shuffled by a fixed stride, so that the newest items are spread through the body.
const minutesOf = (n) => (n * 7919) % 20_000;
const dateOf = (n) => new Date(Date.UTC(2019, 6, 1) + minutesOf(n) * 60_000);

/**
 * Serves a 20 000-item `body` at `path`, shows it in a block, and checks the ten newest (ids from `idOf`) and
 * the total. Reports (not asserts: timings belong to `make bench`) the longest task while it was read.
 */
async function showLarge(what, path, type, body, attrs, idOf) {
  h.routes.set(path, async (req, res) => {
    res.setHeader('Content-Type', type);
    res.end(body);
  });
  const p = await h.open('/blank.html');
  const { page } = p;
  await page.evaluate(({ path, attrs }) => {
    window.__longest = 0;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__longest = Math.max(window.__longest, e.duration);
    }).observe({ type: 'longtask', buffered: true });
    const el = document.createElement('news-widget');
    el.id = 'big';
    el.setAttribute('src', path);
    for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
    document.getElementById('app').append(el);
  }, { path, attrs });
  assert.equal(await waitForState(page.locator('#big'), '!loading', 45_000), 'ready');
  const newest = Array.from({ length: 20_000 }, (_, n) => n)
    .sort((a, b) => minutesOf(b) - minutesOf(a))
    .slice(0, 10)
    .map(idOf);
  assert.deepEqual((await readItems(page, '#big')).map((i) => i.id), newest);
  const ready = (await p.nw()).events.find((e) => e.type === 'news-widget:ready');
  assert.equal(ready?.detail?.total, 20_000);
  assert.deepEqual(p.problems(), []);
  const longest = Math.round(await page.evaluate(() => window.__longest));
  console.log(`${what} (${(body.length / 1048576).toFixed(1)} MB): ${longest ? `longest task ${longest} ms` : 'no task over 50 ms'}`);
  await page.close();
}

test('a 20 000-item (~4 MB) RSS feed, read in slices, shows its ten newest items', T, async () => {
  const items = Array.from({ length: 20_000 }, (_, n) => {
    const date = dateOf(n).toUTCString().replace('GMT', '+0000');
    return `<item><title>Tin số ${n}</title><link>/bai/rss-${n}.html</link><guid>rss-${n}</guid><pubDate>${date}</pubDate><description><![CDATA[<p>Tóm tắt ${n}</p>]]></description></item>`;
  });
  const body = `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Lớn</title>${items.join('\n')}</channel></rss>`;
  await showLarge('20 000-item RSS', '/feeds/large.rss', 'application/rss+xml; charset=utf-8', body, {}, (n) => `rss-${n}`);
});

test('a WordPress answer of 20 000 posts (~2 MB), read in slices, shows its ten newest posts', T, async () => {
  const posts = Array.from({ length: 20_000 }, (_, n) => ({
    id: n + 1,
    link: `/bai/wp-${n}.html`,
    date_gmt: dateOf(n).toISOString().slice(0, 19),
    title: { rendered: `Tin số ${n}` },
    categories: [1],
  }));
  await showLarge('20 000-post WordPress', '/feeds/large-wp.json', 'application/json; charset=utf-8', JSON.stringify(posts),
    { format: 'wordpress' }, (n) => String(n + 1));
});
