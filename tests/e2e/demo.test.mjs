// Smoke test of what `make serve` shows: demo/ at / and dist/ at /news-widget/ on one origin, served by
// scripts/serve.mjs exactly as the Makefile does, with news-widget-relay beside it (harness `startDemo`). Every block on the demo page must leave "loading" for a
// state other than "error", without console errors. Skipped while demo/index.html does not exist.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { ROOT, CHROMIUM_ARGS, CHROMIUM, waitForState, startDemo, scrollThrough } from './harness.mjs';

const DEMO = resolve(ROOT, 'demo');
const T = { timeout: 30_000, skip: !existsSync(resolve(DEMO, 'index.html')) && 'demo/index.html not written yet' };
let server;
let browser;

before(async () => {
  if (T.skip) return;
  server = await startDemo();
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
});
after(async () => {
  await browser?.close();
  await server?.close();
});

test('the demo page (make serve) renders every block without console errors', T, async () => {
  const context = await browser.newContext({ timezoneId: 'Asia/Ho_Chi_Minh', locale: 'vi-VN' });
  const problems = [];
  // The relay block's thumbnails are on the publisher's image hosts, which a machine without a network
  // cannot resolve: scrolling through the page brings them into view, and their loads fail.
  context.on('console', (m) => m.type() === 'error' && !/ERR_NAME_NOT_RESOLVED/.test(m.text()) && problems.push(m.text()));
  context.on('weberror', (e) => problems.push(String(e.error())));
  const page = await server.open(context);
  // Blocks below the fold start as the reader comes near them.
  await scrollThrough(page);
  const hosts = page.locator('news-widget, [data-news-widget]');
  const n = await hosts.count();
  assert.ok(n > 0, 'the demo page has no blocks');
  for (let i = 0; i < n; i++) {
    const state = await waitForState(hosts.nth(i), ['ready', 'empty', 'error']);
    assert.notEqual(state, 'error', `block ${i} of the demo page is in the error state`);
  }
  assert.deepEqual(problems, []);
  await page.close();
});

test('the demo page follows the seed page: Phản hồi, Các tin khác, Thư viện ảnh, Liên kết website and Mới nhất are all blocks, in that order', T, async () => {
  const page = await server.open(await browser.newContext({ timezoneId: 'Asia/Ho_Chi_Minh', locale: 'vi-VN' }));
  await scrollThrough(page);
  const hosts = page.locator('news-widget, [data-news-widget]');
  const n = await hosts.count();
  for (let i = 0; i < n; i++) await waitForState(hosts.nth(i), ['ready', 'empty', 'error']);
  const headings = await hosts.evaluateAll((els) =>
    els.map((e) => {
      const h = e.shadowRoot && e.shadowRoot.querySelector('.nw-heading');
      return h ? h.textContent : null;
    }),
  );
  const seed = ['Phản hồi', 'Các tin khác', 'Thư viện ảnh', 'Liên kết website', 'Mới nhất'];
  assert.deepEqual(headings.filter((h) => seed.includes(h)), seed, JSON.stringify(headings));
  // The links block is the classic drop-down of partner sites.
  const options = await page.locator('news-widget[kind="links"] select option').allTextContents();
  assert.equal(options[0], '— Liên kết website —');
  assert.ok(options.includes('Báo Nhân Dân'), JSON.stringify(options));
  await page.close();
});

test('the seed photo is captioned in the lightbox as under the seed article\'s photo (credit included)', T, async () => {
  const page = await server.open(await browser.newContext({ timezoneId: 'Asia/Ho_Chi_Minh', locale: 'vi-VN' }));
  // The demo page's own gallery: the article's section, its tag written without accents.
  const g = page.locator('.block-gallery news-widget');
  await waitForState(g, 'ready');
  const thumbs = await g.locator('button[data-item-id]').evaluateAll((bs) =>
    bs.map((b) => ({ id: b.dataset.itemId, src: b.querySelector('img').getAttribute('src'), alt: b.querySelector('img').alt })),
  );
  const i = thumbs.findIndex((t) => t.id === '260118');
  assert.ok(i >= 0, JSON.stringify(thumbs));
  assert.match(thumbs[i].src, /\/img\/tn-dua-nghi-quyet-vao-cuoc-song\.jpg$/, 'the grid shows the item image');
  await g.locator(`button[data-g="${i}"]`).click();
  const shown = await (async () => {
    for (let k = 0; k < 100; k++) {
      const s = await g.evaluate((el) => {
        const d = el.shadowRoot.querySelector('dialog');
        const img = d.querySelector('.nw-lb-img');
        return d.open && img.complete && img.naturalWidth > 0
          ? { caption: d.querySelector('figcaption').textContent, src: img.getAttribute('src'), alt: img.alt, width: img.naturalWidth }
          : null;
      });
      if (s) return s;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error('the lightbox did not show the seed photo');
  })();
  const SEED = 'Lãnh đạo tỉnh Thái Nguyên và thành phố Thái Nguyên đi kiểm tra công tác thực hiện quy hoạch, xây dựng. Ảnh: THU THẢO';
  assert.equal(shown.caption, SEED);
  assert.equal(shown.alt, SEED);
  assert.match(shown.src, /\/img\/tn-dua-nghi-quyet-vao-cuoc-song-anh-1\.jpg$/, 'the lightbox shows the photo itself');
  assert.equal(shown.width, 1024, 'the large picture');
  await page.close();
});

test('the demo\'s live feed gains a story every 30 s and answers 304 to its ETag', T, async () => {
  const url = `${server.origin}/feeds/live.json`;
  const first = await fetch(url);
  assert.equal(first.status, 200);
  assert.equal(first.headers.get('cache-control'), 'no-cache');
  const etag = first.headers.get('etag');
  const feed = await first.json();
  assert.equal(feed.items.length, 20);
  assert.ok(etag && feed.items[0].id.startsWith('tin-nhanh-'), etag);
  const again = await fetch(url, { headers: { 'If-None-Match': etag } });
  // Unless a story came out between the two requests.
  assert.ok(again.status === 304 || again.headers.get('etag') !== etag, String(again.status));
  const since = await fetch(url, { headers: { 'If-Modified-Since': first.headers.get('last-modified') } });
  assert.ok(since.status === 304 || since.headers.get('etag') !== etag, String(since.status));
});
