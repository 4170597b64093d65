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
