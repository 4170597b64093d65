// "Các tin khác" (other articles), end to end and cross-origin through the documented snippet: the article
// being read is never offered, whichever source names it (the `current` attribute as an id or a URL, the page's
// <link rel="canonical">, the page's own URL), `tag`, `thumbnails="off"`, `summary="on"`, and "Xem thêm":
// the next `limit` local items with their count, focus on the first new item, then the feed's JSON Feed
// `next_url` (relative, served as a second page, items seen on page one dropped), a failed page that keeps
// what is shown and can be retried, a `javascript:` next_url that is never followed, and a strict CSP page.
// Pages and feeds: tests/e2e/site/others/. Feed page1.json holds o01…o12 (o01 newest, in shuffled feed order)
// and points to page2.json: o09 again, o10's URL with another id and tracking, o01 again, and o13…o17.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startHarness, addBlock, waitForState, until, sleep, readItems, shadowText, strictCsp } from './harness.mjs';

const T = { timeout: 30_000 };
let h;
before(async () => {
  h = await startHarness();
});
after(async () => {
  await h?.close();
});

const PAGE1 = ['o01', 'o02', 'o03', 'o04', 'o05', 'o06', 'o07', 'o08', 'o09', 'o10', 'o11', 'o12'];
const without = (list, ...gone) => list.filter((id) => !gone.includes(id));
const ids = async (page, host) => (await readItems(page, host)).map((i) => i.id);


async function onBlank(fn) {
  const p = await h.open('/blank.html');
  try {
    await fn(p.page, p);
  } finally {
    await p.page.close();
  }
}

/** The "Xem thêm" button of a block (Playwright's CSS pierces the open shadow root). */
const more = (page, host) => page.locator(`${host} button.nw-more`);

/** What has focus inside the block's shadow root: element name, class, and the item it belongs to. */
function focused(page, host) {
  return page.locator(host).evaluate((el) => {
    const a = el.shadowRoot && el.shadowRoot.activeElement;
    if (!a) return null;
    const item = a.closest('[data-item-id]');
    return { tag: a.localName, cls: a.getAttribute('class'), item: item && item.getAttribute('data-item-id') };
  });
}

/** Waits until the block shows exactly `n` items. */
function untilCount(page, host, n) {
  return until(async () => (await readItems(page, host)).length === n, `${host} to show ${n} items`);
}

/** Waits until the title link of item `id` has focus (the first item "Xem thêm" added). */
async function untilFocusOn(page, host, id) {
  let last = null;
  try {
    await until(async () => {
      last = await focused(page, host);
      return last && last.item === id && last.tag === 'a' && /\bnw-title\b/.test(last.cls || '');
    }, `focus on the title link of ${id} in ${host}`);
  } catch (e) {
    throw new Error(`${e.message}; focus is on ${JSON.stringify(last)}`);
  }
}

/** Portal requests for a path (query included), counted from now on. */
function counter(path) {
  const start = h.requests.length;
  return () => h.requests.slice(start).filter((r) => r.path === path).length;
}

test('[component] the current attribute as an id, and as a URL written another way, excludes that item and wins over the canonical link', T, async () => {
  const p = await h.open('/others/current.html');
  const { page } = p;
  for (const id of ['#by-id', '#by-url', '#div-id']) await waitForState(page.locator(id), 'ready');
  assert.deepEqual(await ids(page, '#by-id'), without(PAGE1, 'o01'));
  // current="HTTP://PORTAL.example:80/kinh-te/gia-vang.html/?fbclid=abc&utm_medium=social#binh-luan" is o04.
  assert.deepEqual(await ids(page, '#by-url'), without(PAGE1, 'o04'));
  assert.deepEqual(await ids(page, '#div-id'), without(PAGE1, 'o03'));
  // The page's canonical link names o02: with the attribute set, it does not count.
  for (const id of ['#by-id', '#by-url', '#div-id']) assert.ok((await ids(page, id)).includes('o02'), id);
  assert.match(await shadowText(page, '#by-id'), /^Các tin khác/, 'default heading');
  const ready = (await p.nw()).events.filter((e) => e.type === 'news-widget:ready' && e.target === 'by-id');
  assert.equal(ready.length, 1);
  assert.equal(ready[0].detail.kind, 'others');
  assert.equal(ready[0].detail.count, 11);
  assert.deepEqual(p.problems(), []);
  await page.close();
});

test('[component] without the attribute the page\'s <link rel="canonical"> (any letter case, port, slash, tracking, fragment) is excluded, in both forms', T, async () => {
  const p = await h.open('/others/canonical.html');
  const { page } = p;
  await waitForState(page.locator('#ce'), 'ready');
  await waitForState(page.locator('#div'), 'ready');
  assert.deepEqual(await ids(page, '#ce'), without(PAGE1, 'o01'));
  // The div form (data-news-widget="others", data-limit="3"): newest three of the others.
  assert.deepEqual(await ids(page, '#div'), ['o02', 'o03', 'o04']);
  assert.match(await shadowText(page, '#div'), /^Các tin khác/);
  const items = await readItems(page, '#ce');
  assert.equal(items[0].href, 'https://portal.example/thoi-su/hop-bao-chinh-phu.html');
  assert.match(items[0].text, /Họp báo Chính phủ thường kỳ tháng 7/);
  assert.match(items[0].text, /Thứ Bảy, 20\/7\/2019 20:00/, 'time as in Mới nhất, in the portal zone');
  assert.deepEqual(p.problems(), []);
  await page.close();
});

test('[component] with neither, the page\'s own URL is the article: an item at that URL with ?utm_source=x#frag is excluded', T, async () => {
  const p = await h.open('/others/self.html');
  const { page } = p;
  await waitForState(page.locator('#ce'), 'ready');
  const items = await readItems(page, '#ce');
  // s-self is `${portal}/others/self.html?utm_source=x#frag`; s-page2 differs by a real parameter and stays.
  assert.deepEqual(items.map((i) => i.id), ['s-page2', 's-other']);
  assert.equal(items[0].href, `${h.portal}/others/self.html?trang=2`);
  assert.equal(items[1].href, `${h.portal}/others/bai-khac.html`);
  assert.deepEqual(p.problems(), []);
  await page.close();
});

test('[component] tag keeps only the items of that column (letter case aside), on the next page too', T, async () => {
  const page2 = counter('/others/feeds/page2.json');
  await onBlank(async (page, p) => {
    await addBlock(page, 'tag', { kind: 'others', src: '/others/feeds/page1.json', tag: 'thể thao', current: 'o03' });
    await waitForState(page.locator('#tag'), 'ready');
    assert.deepEqual(await ids(page, '#tag'), ['o06', 'o11']);
    // No local item is left, but the feed has a next page: the button has no count.
    assert.equal((await more(page, '#tag').textContent()).trim(), 'Xem thêm');
    await more(page, '#tag').click();
    await untilCount(page, '#tag', 3);
    assert.deepEqual(await ids(page, '#tag'), ['o06', 'o11', 'o14']);
    await until(async () => (await more(page, '#tag').count()) === 0, 'the button to disappear');
    assert.equal(page2(), 1);

    // A tag no item carries leaves nothing: the block is empty, not broken.
    await addBlock(page, 'none', { kind: 'others', src: '/others/feeds/page1.json', tag: 'Không có chuyên mục này' });
    await waitForState(page.locator('#none'), 'empty');
    await until(() => page.locator('#none').getByText('Chưa có tin').isVisible(), '"Chưa có tin"');
    assert.deepEqual(p.problems(), []);
  });
});

test('[component] thumbnails="off" hides thumbnails; summary="on" shows summaries as plain text, markup included', T, async () => {
  await onBlank(async (page, p) => {
    await addBlock(page, 'plain', { kind: 'others', src: '/others/feeds/page1.json', current: 'o01', limit: '3' });
    await addBlock(page, 'nothumb', {
      kind: 'others',
      src: '/others/feeds/page1.json',
      current: 'o01',
      limit: '3',
      thumbnails: 'off',
      summary: 'on',
    }, 'div');
    await waitForState(page.locator('#plain'), 'ready');
    await waitForState(page.locator('#nothumb'), 'ready');
    const plain = await readItems(page, '#plain');
    assert.deepEqual(plain.map((i) => i.id), ['o02', 'o03', 'o04']);
    assert.equal(plain[0].img && plain[0].img.src, `${h.portal}/img/thumb-2.png`, 'thumbnails are on by default');
    assert.equal(await page.locator('#plain .nw-summary').count(), 0, 'summaries are off by default');

    const bare = await readItems(page, '#nothumb');
    assert.deepEqual(bare.map((i) => i.id), ['o02', 'o03', 'o04']);
    assert.deepEqual(bare.map((i) => i.img), [null, null, null]);
    const summaries = await page.locator('#nothumb .nw-summary').allTextContents();
    assert.deepEqual(summaries, [
      'Người phát ngôn trả lời báo chí.',
      '<b>Đậm</b> & “ngoặc kép” <script>window.__pwned=1</script>',
    ]);
    const injected = await page.locator('#nothumb').evaluate((el) => el.shadowRoot.querySelectorAll('b, script').length);
    assert.equal(injected, 0);
    await sleep(100);
    assert.equal(await page.evaluate(() => window.__pwned), undefined);
    assert.deepEqual(p.problems(), []);
  });
});

test('[component] "Xem thêm" shows the next limit items with their count, moves focus to the first new one, then pages through next_url de-duplicating, and disappears at the end', T, async () => {
  const page2 = counter('/others/feeds/page2.json');
  await onBlank(async (page, p) => {
    await addBlock(page, 'more', { kind: 'others', src: '/others/feeds/page1.json', current: 'o01', limit: '4' });
    await waitForState(page.locator('#more'), 'ready');
    assert.deepEqual(await ids(page, '#more'), ['o02', 'o03', 'o04', 'o05']);
    const button = more(page, '#more');
    assert.equal(await button.evaluate((b) => b.localName + ':' + b.type), 'button:button', 'a real <button>');
    assert.equal((await button.textContent()).trim(), 'Xem thêm (4)');
    assert.equal(page2(), 0, 'the next page is fetched only when needed');

    // By keyboard: Enter on the focused button.
    await button.focus();
    await page.keyboard.press('Enter');
    await untilCount(page, '#more', 8);
    assert.deepEqual(await ids(page, '#more'), ['o02', 'o03', 'o04', 'o05', 'o06', 'o07', 'o08', 'o09']);
    await untilFocusOn(page, '#more', 'o06');
    assert.equal((await button.textContent()).trim(), 'Xem thêm (3)');

    await button.click();
    await untilCount(page, '#more', 11);
    await untilFocusOn(page, '#more', 'o10');
    assert.deepEqual(await ids(page, '#more'), without(PAGE1, 'o01'));
    // Local items are used up; the feed has next_url, so the button stays, without a count.
    assert.equal((await button.textContent()).trim(), 'Xem thêm');
    assert.equal(page2(), 0);

    await button.click();
    // page2.json: o09 (same id), o10's URL under another id with ?utm_source=rss#top, and o01 (the current
    // article) are dropped; o13…o17 are new, the first four are shown.
    await untilCount(page, '#more', 15);
    assert.deepEqual(await ids(page, '#more'), [...without(PAGE1, 'o01'), 'o13', 'o14', 'o15', 'o16']);
    await untilFocusOn(page, '#more', 'o13');
    assert.equal((await button.textContent()).trim(), 'Xem thêm (1)');
    assert.equal(page2(), 1, 'relative next_url resolved against the feed URL and fetched once');

    await button.click();
    await untilCount(page, '#more', 16);
    await untilFocusOn(page, '#more', 'o17');
    await until(async () => (await more(page, '#more').count()) === 0, 'the button to disappear when nothing is left');
    const all = await readItems(page, '#more');
    assert.equal(new Set(all.map((i) => i.id)).size, all.length, 'no id twice');
    assert.equal(new Set(all.map((i) => i.href)).size, all.length, 'no URL twice');
    assert.ok(!all.some((i) => i.id === 'o01'), 'the current article never appears');
    assert.equal(await page.locator('#more').getAttribute('data-state'), 'ready');
    assert.equal(page2(), 1);
    assert.deepEqual(p.problems(), []);
  });
});

test('[component] a failed next page (404) keeps the shown items, says "Không tải thêm được tin", and the button retries', T, async () => {
  let calls = 0;
  h.routes.set('/others/feeds/retry-2.json', async (req, res) => {
    if (req.method === 'GET') calls += 1;
    if (calls === 1) {
      res.statusCode = 404;
      res.setHeader('Content-Type', 'text/plain');
      res.end('not found\n');
      return;
    }
    res.setHeader('Content-Type', 'application/feed+json');
    res.end(await h.site('others/feeds/retry-2.json'));
  });
  try {
    await onBlank(async (page, p) => {
      await addBlock(page, 'retry', { kind: 'others', src: '/others/feeds/retry.json', limit: '3' });
      await waitForState(page.locator('#retry'), 'ready');
      assert.deepEqual(await ids(page, '#retry'), ['r01', 'r02', 'r03']);
      const button = more(page, '#retry');
      // By keyboard, so that where focus ends up after the failure is what a keyboard user gets.
      await button.focus();
      await page.keyboard.press('Enter');
      await until(() => page.locator('#retry').getByText('Không tải thêm được tin').isVisible(), 'the failure note');
      assert.equal(calls, 1);
      const f = await focused(page, '#retry');
      assert.ok(f && f.tag === 'button', `focus stays on the button to retry, not lost to the page: ${JSON.stringify(f)}`);
      assert.deepEqual(await ids(page, '#retry'), ['r01', 'r02', 'r03'], 'what was shown stays');
      assert.equal(await page.locator('#retry').getAttribute('data-state'), 'ready', 'the block itself is still fine');
      assert.ok(await button.isVisible(), 'the button stays to retry');
      assert.ok(await button.isEnabled());
      const said = p.logs.filter((l) => l.type === 'error').map((l) => l.text);
      assert.ok(said.some((m) => /retry-2\.json/.test(m) && /404/.test(m)), `reason in the console: ${JSON.stringify(said)}`);

      await button.click();
      // retry-2.json repeats r03 and adds r04, r05.
      await untilCount(page, '#retry', 5);
      assert.deepEqual(await ids(page, '#retry'), ['r01', 'r02', 'r03', 'r04', 'r05']);
      await until(async () => (await page.locator('#retry').getByText('Không tải thêm được tin').count()) === 0, 'the note to go');
      await until(async () => (await more(page, '#retry').count()) === 0, 'the button to disappear');
      assert.equal(calls, 2);
      assert.deepEqual(p.errors, []);
    });
  } finally {
    h.routes.delete('/others/feeds/retry-2.json');
  }
});

test('[component] a javascript: next_url is never followed: no button once the local items are shown', T, async () => {
  const start = h.requests.length;
  await onBlank(async (page, p) => {
    await addBlock(page, 'js3', { kind: 'others', src: '/others/feeds/js-next.json', limit: '3' });
    await addBlock(page, 'js2', { kind: 'others', src: '/others/feeds/js-next.json', limit: '2' }, 'div');
    await waitForState(page.locator('#js3'), 'ready');
    await waitForState(page.locator('#js2'), 'ready');
    assert.deepEqual(await ids(page, '#js3'), ['j01', 'j02', 'j03']);
    assert.equal(await more(page, '#js3').count(), 0);
    assert.equal((await more(page, '#js2').textContent()).trim(), 'Xem thêm (1)');
    await more(page, '#js2').click();
    await untilCount(page, '#js2', 3);
    await until(async () => (await more(page, '#js2').count()) === 0, 'the button to disappear');
    await sleep(200);
    assert.equal(await page.evaluate(() => window.__pwned), undefined);
    const fetched = h.requests.slice(start).map((r) => r.path).filter((x) => x.startsWith('/others/feeds/'));
    assert.deepEqual([...new Set(fetched)], ['/others/feeds/js-next.json']);
    assert.deepEqual(p.errors, []);
  });
});

test('[component] under a strict CSP with Trusted Types, "Xem thêm" pages through next_url with no violation', T, async () => {
  h.routes.set('/others/strict.html', async (req, res) => {
    const html = String(await h.site('others/strict.html')).replaceAll('{{CDN}}', `${h.cdn}/cdn/news-widget`);
    res.setHeader('Content-Type', 'text/html; charset=utf-8');
    res.setHeader('Content-Security-Policy', strictCsp(h.cdn, h.portal));
    res.end(html);
  });
  try {
    const p = await h.open('/others/strict.html');
    const { page } = p;
    await waitForState(page.locator('#ce'), 'ready');
    assert.deepEqual(await ids(page, '#ce'), ['o02', 'o03', 'o04', 'o05', 'o06', 'o07']);
    assert.equal((await more(page, '#ce').textContent()).trim(), 'Xem thêm (5)');
    await more(page, '#ce').click();
    await untilCount(page, '#ce', 11);
    await untilFocusOn(page, '#ce', 'o08');
    await more(page, '#ce').click();
    await untilCount(page, '#ce', 16);
    await until(async () => (await more(page, '#ce').count()) === 0, 'the button to disappear');
    assert.equal(await page.locator('#ce .nw-summary').first().textContent(), 'Người phát ngôn trả lời báo chí.');
    await sleep(300);
    assert.deepEqual((await p.nw()).violations, []);
    assert.deepEqual(p.problems(), []);
    await page.close();
  } finally {
    h.routes.delete('/others/strict.html');
  }
});

test('[component] a next page that only repeats shown items is passed over in the same click, and a next_url loop ends', T, async () => {
  const start = h.requests.length;
  await onBlank(async (page, p) => {
    await addBlock(page, 'loop', { kind: 'others', src: '/others/feeds/loop.json', limit: '2' });
    await waitForState(page.locator('#loop'), 'ready');
    assert.deepEqual(await ids(page, '#loop'), ['l01', 'l02']);
    // loop-2.json repeats l02 and l01 (by URL, under another id): one click goes on to loop-3.json.
    await more(page, '#loop').click();
    await untilCount(page, '#loop', 3);
    assert.deepEqual(await ids(page, '#loop'), ['l01', 'l02', 'l03']);
    await untilFocusOn(page, '#loop', 'l03');
    // loop-3.json points back at loop.json, which points at loop-2.json again: at most one more click ends it.
    for (let i = 0; i < 3 && (await more(page, '#loop').count()) > 0; i += 1) {
      await more(page, '#loop').click();
      await sleep(300);
    }
    assert.equal(await more(page, '#loop').count(), 0, 'the button disappears');
    assert.deepEqual(await ids(page, '#loop'), ['l01', 'l02', 'l03']);
    // The button went away under the reader's focus: it lands on the last item, not on the page.
    await untilFocusOn(page, '#loop', 'l03');
    const fetched = h.requests.slice(start).map((r) => r.path).filter((x) => x.startsWith('/others/feeds/loop'));
    assert.deepEqual(fetched.sort(), ['/others/feeds/loop-2.json', '/others/feeds/loop-3.json', '/others/feeds/loop.json']);
    assert.deepEqual(p.problems(), []);
  });
});
