// Small feeds that would cost the page minutes or gigabytes if read naively, each loaded beside a healthy
// block on one page: copies that multiply (a title in every photo caption, a feed author in every item),
// lists scanned for duplicates (categories, photos, renditions, WordPress ids and sizes), nested `xml:base`
// and deep nesting, a body that never ends and one that is only padding. For each, in the same page: the
// hostile block settles (ready, empty or error, never stuck loading), the healthy block renders its items,
// no uncaught error or WASM trap (`RuntimeError`, `unreachable`) reaches the console, and the page still
// answers a script within a second. The core's own bounds are pinned natively in tests/core_bounds.rs.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startHarness, waitForState, readItems } from './harness.mjs';

const T = { timeout: 90_000 };
let h;
before(async () => {
  h = await startHarness();
});
after(async () => {
  await h?.close();
});

const JSON_FEED = 'application/feed+json';
const RSS = 'application/rss+xml';
const jsonFeed = (items, extra = {}) =>
  JSON.stringify({ version: 'https://jsonfeed.org/version/1.1', title: 'F', ...extra, items });
const mrss = (inner) =>
  `<rss version="2.0" xmlns:media="http://search.yahoo.com/mrss/"><channel><title>F</title>${inner}</channel></rss>`;
const times = (n, f) => Array.from({ length: n }, (_, i) => f(i)).join('');

const CLASSES = [
  {
    name: 'a title copied into 50 000 photo captions (JSON Feed)',
    type: JSON_FEED,
    body: () => jsonFeed([{
      id: '1', url: '/a', title: 'Tiêu đề dài '.repeat(2000),
      attachments: Array.from({ length: 50_000 }, (_, i) => ({ url: `/p/${i}.jpg`, mime_type: 'image/jpeg' })),
    }]),
  },
  {
    name: 'a long feed author copied into 20 000 items (JSON Feed)',
    type: JSON_FEED,
    body: () => jsonFeed(Array.from({ length: 20_000 }, (_, i) => ({ id: `${i}`, url: `/${i}`, title: `T ${i}` })),
      { authors: [{ name: 'Tác giả '.repeat(20_000) }] }),
  },
  {
    name: '50 000 categories and media:content in one item (RSS)',
    type: RSS,
    body: () => mrss(`<item><title>T</title><link>/a</link>${times(50_000, (i) => `<category>c${i}</category><media:content url="/m/${i}.jpg" medium="image"/>`)}</item>`),
  },
  {
    name: '20 000 renditions in one media:group (RSS)',
    type: RSS,
    body: () => mrss(`<item><title>T</title><link>/a</link><media:group>${times(20_000, (i) => `<media:content url="/r/${i}.jpg" medium="image" width="${(i + 1) * 4}" height="${(i + 1) * 3}"/>`)}</media:group></item>`),
  },
  {
    name: '10 000 nested xml:base (Atom)',
    type: 'application/atom+xml',
    body: () => `<feed xmlns="http://www.w3.org/2005/Atom"><title>F</title><entry><title>T</title><link href="/a"/></entry>${'<div xml:base="abcdefgh/">'.repeat(10_000)}${'</div>'.repeat(10_000)}</feed>`,
  },
  {
    name: '20 000 category ids and image sizes (WordPress)',
    type: 'application/json',
    body: () => JSON.stringify([{
      id: 1, link: '/a', title: { rendered: 'T' },
      categories: Array.from({ length: 20_000 }, (_, i) => i),
      _embedded: { 'wp:featuredmedia': [{ source_url: '/w/0.jpg', media_details: { width: 4, height: 3,
        sizes: Object.fromEntries(Array.from({ length: 20_000 }, (_, i) => [`s${i}`, { source_url: `/w/${i}.jpg`, width: (i + 1) * 4, height: (i + 1) * 3 }])) } }] },
    }]),
  },
  {
    name: 'a JSON Feed of a million non-object items',
    type: JSON_FEED,
    body: () => `{"version":"https://jsonfeed.org/version/1.1","items":[${'1,'.repeat(1_000_000)}{"id":"x","url":"/x","title":"T"}]}`,
  },
];

for (const c of CLASSES) {
  test(`[component] ${c.name}: the block beside it renders, the page answers, nothing traps`, T, async () => {
    const path = `/bounds/${CLASSES.indexOf(c)}`;
    const body = Buffer.from(c.body());
    h.routes.set(path, (req, res) => {
      res.setHeader('Content-Type', c.type);
      res.end(body);
    });
    const p = await h.open('/faults/index.html');
    await p.page.evaluate((src) => {
      const el = document.createElement('news-widget');
      el.id = 'bad';
      el.setAttribute('src', src);
      el.setAttribute('timeout', '30');
      document.getElementById('app').append(el);
    }, path);
    await waitForState(p.page.locator('#good'), 'ready');
    assert.equal((await readItems(p.page, '#good')).length, 5);
    await p.page.waitForFunction(() => document.getElementById('bad')?.dataset.state !== 'loading', null, { timeout: 45_000 });
    const state = await p.page.locator('#bad').getAttribute('data-state');
    assert.ok(['ready', 'empty', 'error'].includes(state), state);
    const answered = await Promise.race([p.page.evaluate(() => 1 + 1), new Promise((r) => setTimeout(() => r('no answer'), 1000))]);
    assert.equal(answered, 2, 'the page answers a script');
    const traps = p.problems().filter((m) => /RuntimeError|unreachable|out of memory/i.test(m));
    assert.deepEqual(traps, []);
    assert.deepEqual(p.errors, [], 'uncaught errors');
    console.log(`${c.name}: ${(body.length / 1024).toFixed(0)} KB -> ${state}`);
    await p.page.close();
  });
}
