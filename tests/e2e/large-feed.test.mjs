// Large feeds: a 20 000-item, ~10 MB JSON Feed is read newest first by the edge (src/core/deferred.rs: every
// item's date scanned in slices, yielding to the page between them, then only the newest items read); the
// block must still show exactly the newest items of the whole feed, with their links, as one parse would, and
// a block that looks further (a tag, "Xem thêm") must find what a whole parse would. The feed is bench/gen-feed.mjs's (deterministic, shuffled dates, some
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
  // The same feed sent slowly, 64 KB every few milliseconds, so that the block scans it while it arrives.
  h.routes.set('/feeds/large-slow.json', async (req, res) => {
    res.setHeader('Content-Type', 'application/feed+json; charset=utf-8');
    const bytes = Buffer.from(body);
    for (let at = 0; at < bytes.length; at += 65_536) {
      res.write(bytes.subarray(at, at + 65_536));
      await new Promise((done) => setTimeout(done, 2));
    }
    res.end();
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

/** The whole feed newest first, as one parse + stable sort gives it (undated last, in feed order). */
function newestFirst(items) {
  const instant = (it) => {
    const t = Date.parse(it.date_published ?? '');
    return Number.isNaN(t) ? -Infinity : t;
  };
  return items
    .map((it, i) => ({ id: it.id, url: it.url, t: instant(it), i }))
    .sort((a, b) => b.t - a.t || a.i - b.i); // -Infinity - -Infinity is NaN, so undated keep feed order
}

/** Opens a page with one block `#id` of these attributes, waits until it is ready. */
async function openBlock(id, attrs) {
  const p = await h.open('/blank.html');
  await p.page.evaluate(({ id, attrs }) => {
    const el = document.createElement('news-widget');
    el.id = id;
    for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
    document.getElementById('app').append(el);
  }, { id, attrs });
  assert.equal(await waitForState(p.page.locator(`#${id}`), '!loading', 45_000), 'ready');
  return p;
}

test('a 20 000-item (~10 MB) feed, read newest first, shows the ten newest items of the whole feed', T, async () => {
  const p = await openBlock('big', { src: '/feeds/large.json', limit: '10' });
  const expected = newestFirst(feed.items).slice(0, 10);
  const items = await readItems(p.page, '#big');
  assert.deepEqual(items.map((i) => i.id), expected.map((e) => e.id));
  assert.deepEqual(items.map((i) => i.href), expected.map((e) => e.url));
  const ready = (await p.nw()).events.find((e) => e.type === 'news-widget:ready');
  assert.equal(ready?.detail?.total, 20_000);
  assert.deepEqual(p.problems(), []);
  await p.page.close();
});

// Read by the loader's request (started before the module is ready) and by the block's own (a referrer
// policy of its own): both hand the module the body as it arrives.
for (const [how, attrs] of [['the loader', {}], ['the block', { referrer: 'no-referrer' }]]) {
  test(`the 20 000-item feed arriving slowly, read by ${how}'s request while it arrives, shows the same ten newest items`, T, async () => {
    const p = await openBlock('slow', { src: '/feeds/large-slow.json', limit: '10', ...attrs });
    const expected = newestFirst(feed.items).slice(0, 10);
    const items = await readItems(p.page, '#slow');
    assert.deepEqual(items.map((i) => i.id), expected.map((e) => e.id));
    const ready = (await p.nw()).events.find((e) => e.type === 'news-widget:ready');
    assert.equal(ready?.detail?.total, 20_000);
    assert.deepEqual(p.problems(), []);
    await p.page.close();
  });
}

test('"Các tin khác" on the 20 000-item feed pages on past the items read first, in whole-feed order', T, async () => {
  const p = await openBlock('others', { kind: 'others', src: '/feeds/large.json', limit: '50' });
  const more = p.page.locator('#others button.nw-more');
  for (let shown = 50; shown < 300; shown += 50) {
    await more.click();
    await p.page.waitForFunction((n) => document.getElementById('others').shadowRoot
      .querySelectorAll('li[data-index]').length >= n, shown + 50);
  }
  const ids = (await readItems(p.page, '#others')).map((i) => i.id);
  assert.equal(ids.length, 300);
  assert.deepEqual(ids, newestFirst(feed.items).slice(0, 300).map((e) => e.id));
  assert.deepEqual(p.problems(), []);
  await p.page.close();
});

test('a tag carried only by old items of the 20 000-item feed is found in the whole feed', T, async () => {
  // Three of the oldest dated items get a tag no other item has: a block filtering by it must look past the
  // newest items read first.
  const rare = newestFirst(feed.items).filter((e) => Number.isFinite(e.t)).slice(-3).map((e) => e.id);
  const tagged = structuredClone(feed);
  for (const it of tagged.items) if (rare.includes(it.id)) it.tags = [...(it.tags ?? []), 'Hiếm gặp'];
  const body = JSON.stringify(tagged);
  h.routes.set('/feeds/large-tag.json', async (req, res) => {
    res.setHeader('Content-Type', 'application/feed+json; charset=utf-8');
    res.end(body);
  });
  const p = await openBlock('rare', { src: '/feeds/large-tag.json', tag: 'hiem gap' });
  assert.deepEqual((await readItems(p.page, '#rare')).map((i) => i.id), rare);
  assert.deepEqual(p.problems(), []);
  await p.page.close();
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
