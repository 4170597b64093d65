// Vietnamese text as portals write it, in the browser: a feed in NFD (base letters + combining accents) is
// shown in NFC, `tag` finds items whatever the form (without accents, other case, Ð for Đ), for every kind
// that lists items, and "Các tin khác" leaves out the article whose title is the page's when no URL matches.
// The feed is served by a scripted route; the pages are the site's blank page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startHarness, addBlock, waitForState, readItems } from './harness.mjs';

const T = { timeout: 30_000 };
let h;
const nfd = (s) => s.normalize('NFD');
const SEED = 'Đưa nghị quyết của Đảng vào cuộc sống';
const FEED = {
  version: 'https://jsonfeed.org/version/1.1',
  title: nfd('Báo Thái Nguyên điện tử'),
  items: [
    { id: 'v1', url: 'https://portal.example/v1.html', title: nfd('Thái Nguyên đối thoại với nhân dân'), tags: [nfd('Chính trị')],
      image: '/img/thumb-1.png', date_published: '2019-07-24T08:00:00+07:00' },
    { id: 'v2', url: 'https://portal.example/v2.html', title: 'Ðảng bộ thành phố sơ kết 6 tháng', tags: ['Xây dựng Ðảng', 'Chính trị'],
      image: '/img/thumb-2.png', date_published: '2019-07-23T08:00:00+07:00' },
    { id: 'v3', url: 'https://portal.example/v3.html', title: 'Giá chè tăng', tags: ['Kinh tế'],
      image: '/img/thumb-3.png', date_published: '2019-07-22T08:00:00+07:00' },
    { id: 'seed', url: 'https://portal.example/seed.html', title: nfd(SEED), tags: ['Chính trị'],
      image: '/img/photo.svg', date_published: '2019-07-20T08:36:00+07:00' },
  ],
};

before(async () => {
  h = await startHarness();
  h.routes.set('/vi/nfd.json', async (req, res) => {
    res.setHeader('Content-Type', 'application/feed+json; charset=utf-8');
    res.end(JSON.stringify(FEED));
  });
});
after(async () => {
  await h?.close();
});

test('[vi] an NFD feed is shown in NFC; tag="chinh tri" finds "Chính trị" in latest, others and gallery', T, async () => {
  const p = await h.open('/blank.html');
  const { page } = p;
  for (const kind of ['latest', 'others', 'gallery']) {
    await addBlock(page, `t-${kind}`, { kind, src: '/vi/nfd.json', tag: 'chinh tri', current: 'none' });
  }
  await addBlock(page, 'eth', { kind: 'latest', src: '/vi/nfd.json', tag: 'XÂY DỰNG ĐẢNG' });
  for (const kind of ['latest', 'others', 'gallery']) await waitForState(page.locator(`#t-${kind}`), 'ready');
  await waitForState(page.locator('#eth'), 'ready');
  const latest = await readItems(page, '#t-latest');
  assert.deepEqual(latest.map((i) => i.id), ['v1', 'v2', 'seed']);
  const text = latest.map((i) => i.text).join(' | ');
  assert.ok(text.includes('Thái Nguyên đối thoại với nhân dân'), text);
  assert.ok(text.includes(SEED), 'shown in NFC');
  assert.equal(text, text.normalize('NFC'), 'nothing decomposed reaches the page');
  assert.deepEqual((await readItems(page, '#t-others')).map((i) => i.id), ['v1', 'v2', 'seed']);
  assert.deepEqual((await readItems(page, '#t-gallery')).map((i) => i.id), ['v1', 'v2', 'seed']);
  assert.deepEqual((await readItems(page, '#eth')).map((i) => i.id), ['v2'], 'Đ in the attribute finds Ð in the feed');
  assert.deepEqual(p.problems(), []);
  await page.close();
});

test('[vi] "Các tin khác" leaves out the article whose title is the page\'s (document.title, any form) when no URL matches', T, async () => {
  const p = await h.open('/blank.html');
  const { page } = p;
  await page.evaluate((t) => {
    document.title = t;
  }, 'ÐƯA NGHỊ QUYẾT CỦA ÐẢNG VÀO CUỘC SỐNG - Báo Thái Nguyên điện tử');
  await addBlock(page, 'o', { kind: 'others', src: '/vi/nfd.json' });
  await waitForState(page.locator('#o'), 'ready');
  assert.deepEqual((await readItems(page, '#o')).map((i) => i.id), ['v1', 'v2', 'v3']);
  assert.deepEqual(p.problems(), []);
  await page.close();
});
