// The public contract of the "Mới nhất" (latest news) block, through the documented snippet, cross-origin:
// items with data-item-id and links, heading, limit and tz attributes, times in the portal's zone whatever
// the reader's zone (the browser here runs in America/New_York), states empty/error with retry, events,
// relative URLs, hostile feed text, one fetch per feed URL, unmounting, accessibility.
// Every test here needs the real Leptos component (src/web); the loader alone cannot pass them.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { startHarness, addBlock, waitForState, until, sleep, readItems, shadowText } from './harness.mjs';

const T = { timeout: 30_000 };
const require = createRequire(import.meta.url);
let h;
before(async () => {
  h = await startHarness();
});
after(async () => {
  await h?.close();
});

const NEWEST_FIRST = ['n01', 'n02', 'n03', 'n04', 'n05', 'n06', 'n07', 'n08', 'n09', 'n10', 'n11', 'n12'];


test('[component] both forms render newest-first items with data-item-id, an https link, heading and events', T, async () => {
  const p = await h.open('/index.html');
  const { page } = p;
  await waitForState(page.locator('#ce'), 'ready');
  await waitForState(page.locator('#div'), 'ready');
  const ce = await readItems(page, '#ce');
  const div = await readItems(page, '#div');
  // Newest first by instant across UTC offsets and date formats (RFC 3339 and RFC 2822); undated last.
  assert.deepEqual(ce.map((i) => i.id), NEWEST_FIRST.slice(0, 10));
  assert.deepEqual(div.map((i) => i.id), NEWEST_FIRST.slice(0, 5));
  for (const i of ce) assert.match(i.href, /^https:\/\/portal\.example\/[a-z-]+\/[a-z0-9-]+\.html$/);
  assert.equal(ce[0].href, 'https://portal.example/chinh-tri/dua-nghi-quyet-cua-dang-vao-cuoc-song.html');
  assert.match(ce[0].text, /Đưa nghị quyết của Đảng vào cuộc sống/);
  assert.match(ce[4].text, /Giá xăng giảm – lần thứ ba liên tiếp/, 'HTML entity in the title is decoded');
  assert.match(await shadowText(page, '#ce'), /Mới nhất/);
  assert.match(await shadowText(page, '#div'), /Mới nhất/);

  const events = (await p.nw()).events.filter((e) => e.type === 'news-widget:ready');
  assert.deepEqual(events.map((e) => e.target).sort(), ['ce', 'div']);
  for (const e of events) {
    assert.ok(e.bubbles && e.composed, 'ready must bubble and be composed');
    assert.ok(e.detail !== null && typeof e.detail === 'object', `ready detail should be an object, got ${JSON.stringify(e.detail)}`);
  }
  assert.deepEqual(p.problems(), []);
  await page.close();
});

test('[component] times are written like the seed page in the portal zone (+07:00), not the reader\'s', T, async () => {
  const p = await h.open('/index.html');
  await waitForState(p.page.locator('#ce'), 'ready');
  const items = await readItems(p.page, '#ce');
  assert.match(items[0].text, /Thứ Bảy, 20\/7\/2019 8:36/); // 2019-07-20T08:36:00+07:00
  assert.match(items[1].text, /Thứ Bảy, 20\/7\/2019 8:00/); // 2019-07-20T01:00:00Z
  assert.match(items[2].text, /Thứ Bảy, 20\/7\/2019 6:15/); // Fri, 19 Jul 2019 23:15:00 +0000
  assert.match(items[5].text, /Thứ Sáu, 19\/7\/2019 19:00/); // 2019-07-19T12:00:00Z

  await addBlockOnBlank(async (page) => {
    await addBlock(page, 'utc', { kind: 'latest', src: '/feeds/latest.json', tz: '+00:00', limit: '1' });
    await waitForState(page.locator('#utc'), 'ready');
    assert.match((await readItems(page, '#utc'))[0].text, /Thứ Bảy, 20\/7\/2019 1:36/);
  });
  await p.page.close();
});

async function addBlockOnBlank(fn) {
  const p = await h.open('/blank.html');
  try {
    await fn(p.page, p);
  } finally {
    await p.page.close();
  }
  return p;
}

test('[component] thumbnails are lazy, sized (width and height) and load from the feed origin', T, async () => {
  const p = await h.open('/index.html');
  await waitForState(p.page.locator('#ce'), 'ready');
  const items = await readItems(p.page, '#ce');
  const withImg = items.filter((i) => i.img);
  assert.deepEqual(withImg.map((i) => i.id), ['n01', 'n02', 'n03', 'n04']);
  assert.equal(withImg[0].img.src, `${h.portal}/img/thumb-1.png`);
  for (const { img } of withImg) {
    assert.equal(img.loading, 'lazy');
    assert.match(String(img.width), /^\d+$/);
    assert.match(String(img.height), /^\d+$/);
  }
  await p.page.close();
});

test('[component] limit is clamped to 1..50, a bad value warns and uses 10; heading can be changed or hidden', T, async () => {
  await addBlockOnBlank(async (page, p) => {
    const b = { kind: 'latest', src: '/feeds/latest.json' };
    await addBlock(page, 'l3', { ...b, limit: '3' });
    await addBlock(page, 'l0', { ...b, limit: '0' });
    await addBlock(page, 'l999', { ...b, limit: '999' });
    await addBlock(page, 'lbad', { ...b, limit: 'mười' });
    await addBlock(page, 'hnone', { ...b, heading: '' });
    await addBlock(page, 'hcustom', { ...b, heading: 'Tin nóng' }, 'div');
    for (const id of ['l3', 'l0', 'l999', 'lbad', 'hnone', 'hcustom']) await waitForState(page.locator('#' + id), 'ready');
    assert.equal((await readItems(page, '#l3')).length, 3);
    assert.equal((await readItems(page, '#l0')).length, 1);
    assert.equal((await readItems(page, '#l999')).length, 12);
    assert.equal((await readItems(page, '#lbad')).length, 10);
    assert.ok(
      p.warnings().some((w) => /limit/i.test(w)),
      `expected a console warning about the bad limit, got ${JSON.stringify(p.warnings())}`,
    );
    assert.doesNotMatch(await shadowText(page, '#hnone'), /Mới nhất/);
    const custom = await shadowText(page, '#hcustom');
    assert.match(custom, /Tin nóng/);
    assert.doesNotMatch(custom, /Mới nhất/);
    assert.deepEqual(p.errors, []);
  });
});

test('[component] an empty feed shows "Chưa có tin" with data-state="empty"', T, async () => {
  const p = await h.open('/states.html');
  await waitForState(p.page.locator('#empty'), 'empty');
  await until(() => p.page.locator('#empty').getByText('Chưa có tin').isVisible(), '"Chưa có tin" to be visible');
  assert.equal((await readItems(p.page, '#empty')).length, 0);
  await p.page.close();
});

test('[component] an invalid feed and a 404 show "Không tải được tin" with a retry button, an error event, and the reason in the console', T, async () => {
  const p = await h.open('/states.html');
  const { page } = p;
  for (const id of ['#invalid', '#missing']) {
    await waitForState(page.locator(id), 'error');
    await until(() => page.locator(id).getByText('Không tải được tin').isVisible(), `${id}: visible error message`);
    assert.ok(await page.locator(`${id} button`).first().isVisible(), `${id}: visible retry button`);
  }
  const errors = (await p.nw()).events.filter((e) => e.type === 'news-widget:error');
  assert.deepEqual(errors.map((e) => e.target).sort(), ['invalid', 'missing']);
  for (const e of errors) assert.ok(e.bubbles && e.composed && e.detail !== null, JSON.stringify(e));
  const said = p.logs.filter((l) => l.type === 'error' || l.type === 'warning').map((l) => l.text);
  // invalid.json lacks a comma: the JSON error is on line 6.
  assert.ok(said.some((m) => /invalid\.json|JSON/i.test(m) && /\b6\b/.test(m)), `JSON line/column in console: ${JSON.stringify(said)}`);
  assert.ok(said.some((m) => /404/.test(m) && !/Failed to load resource/.test(m)), `HTTP status in console: ${JSON.stringify(said)}`);
  assert.deepEqual(p.errors, []);
  await page.close();
});

test('[component] the retry button fetches again and renders the feed once it answers', T, async () => {
  // The feed fails (however often the block retries by itself) until the test makes it healthy.
  let healthy = false;
  let calls = 0;
  h.routes.set('/feeds/flaky.json', async (req, res) => {
    if (req.method === 'GET') calls += 1;
    if (!healthy) {
      res.statusCode = 503;
      res.setHeader('Content-Type', 'text/plain');
      res.end('busy\n');
      return;
    }
    res.setHeader('Content-Type', 'application/feed+json');
    res.end(await h.site('feeds/latest.json'));
  });
  try {
    await addBlockOnBlank(async (page, p) => {
      await addBlock(page, 'flaky', { kind: 'latest', src: '/feeds/flaky.json', limit: '4' });
      await waitForState(page.locator('#flaky'), 'error');
      const failed = calls;
      healthy = true;
      await page.locator('#flaky button').first().click();
      await waitForState(page.locator('#flaky'), 'ready');
      assert.equal((await readItems(page, '#flaky')).length, 4);
      assert.ok(calls > failed, 'the retry button fetched the feed again');
      assert.deepEqual(p.errors, []);
    });
  } finally {
    h.routes.delete('/feeds/flaky.json');
  }
});

test('[component] relative item URLs and images are resolved against the feed URL', T, async () => {
  const p = await h.open('/states.html');
  await waitForState(p.page.locator('#relative'), 'ready');
  const items = await readItems(p.page, '#relative');
  assert.deepEqual(
    items.map((i) => [i.id, i.href]),
    [
      ['r1', `${h.portal}/tin-tuc/duong-dan-goc.html`],
      ['r2', `${h.portal}/feeds/bai-viet/cung-thu-muc.html`],
      ['r3', `${h.portal}/chuyen-muc/len-mot-cap.html?trang=2#binh-luan`],
    ],
  );
  // Absolute in the DOM, not only after the browser resolved them against the page.
  assert.equal(items[0].rawHref, `${h.portal}/tin-tuc/duong-dan-goc.html`);
  assert.equal(items[0].img && items[0].img.src, `${h.portal}/img/thumb-1.png`);
  await p.page.close();
});

test('[component] hostile feed text is rendered as text; non-http(s) links and images are dropped', T, async () => {
  const p = await h.open('/states.html');
  const { page } = p;
  for (const host of ['#hostile', '#hostile-div']) {
    await waitForState(page.locator(host), 'ready');
    const items = await readItems(page, host);
    // h2 (javascript: URL), the non-object item and h5 (no title) are skipped.
    assert.deepEqual(items.map((i) => i.id), ['h1', 'h3', 'h6']);
    for (const i of items) assert.match(i.href, /^https:\/\//);
    assert.equal(items[1].img, null, 'a data: image must not be rendered');
    assert.match(items[2].text, /"trích dẫn" & ký tự/);
    const injected = await page.locator(host).evaluate(
      (el) => el.shadowRoot.querySelectorAll('script, b, img[onerror], [onmouseover], iframe, object').length,
    );
    assert.equal(injected, 0);
  }
  await sleep(200);
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  assert.deepEqual(p.errors, []);
  await page.close();
});

test('[component] a feed URL used by several blocks on one page is fetched once', T, async () => {
  // The block may add query parameters of its own: count every request for that feed.
  const fetches = () => h.requests.filter((r) => r.path.startsWith('/feeds/latest.json?shared=1')).length;
  const before = fetches();
  const p = await h.open('/shared.html');
  const { page } = p;
  for (const id of ['#s1', '#s2', '#s3']) await waitForState(page.locator(id), 'ready');
  assert.equal((await readItems(page, '#s1')).length, 3);
  assert.equal((await readItems(page, '#s2')).length, 5);
  assert.equal((await readItems(page, '#s3')).length, 2);
  assert.match(await shadowText(page, '#s2'), /Tin nóng/);
  assert.equal(fetches() - before, 1);
  await page.close();
});

test('[component] a block removed while its feed is loading never renders into the removed element', T, async () => {
  let arrived;
  const requested = new Promise((r) => (arrived = r));
  h.routes.set('/feeds/slow.json', async (req, res) => {
    arrived();
    await sleep(800);
    res.setHeader('Content-Type', 'application/feed+json');
    res.end(await h.site('feeds/latest.json'));
  });
  try {
    await addBlockOnBlank(async (page, p) => {
      await addBlock(page, 'slow', { kind: 'latest', src: '/feeds/slow.json' });
      await requested;
      await page.evaluate(() => {
        window.__slow = document.getElementById('slow');
        window.__slow.remove();
      });
      await sleep(1500);
      const after = await page.evaluate(() => ({
        state: window.__slow.getAttribute('data-state'),
        items: window.__slow.shadowRoot ? window.__slow.shadowRoot.querySelectorAll('[data-item-id]').length : 0,
      }));
      assert.notEqual(after.state, 'ready');
      assert.equal(after.items, 0);
      assert.deepEqual(p.problems().filter((m) => !/Failed to load resource/.test(m)), []);
      assert.deepEqual(p.errors, []);
    });
  } finally {
    h.routes.delete('/feeds/slow.json');
  }
});

test('[component] removal unmounts (items gone from the detached element); re-adding renders again', T, async () => {
  const p = await h.open('/index.html');
  const { page } = p;
  await waitForState(page.locator('#ce'), 'ready');
  await waitForState(page.locator('#div'), 'ready');
  await page.evaluate(() => {
    window.__gone = [document.getElementById('ce'), document.getElementById('div')];
    for (const el of window.__gone) el.remove();
  });
  await sleep(200);
  const left = await page.evaluate(() =>
    window.__gone.map((el) => (el.shadowRoot ? el.shadowRoot.querySelectorAll('[data-item-id]').length : 0)),
  );
  assert.deepEqual(left, [0, 0]);
  await page.evaluate(() => document.getElementById('sidebar').append(...window.__gone));
  await waitForState(page.locator('#ce'), 'ready');
  await waitForState(page.locator('#div'), 'ready');
  await until(async () => (await readItems(page, '#ce')).length === 10, '#ce to render 10 items again');
  assert.equal((await readItems(page, '#div')).length, 5);
  assert.deepEqual(p.problems(), []);
  await page.close();
});

test('[component] attribute changes in one task remount once with all of them applied', T, async () => {
  const p = await h.open('/index.html');
  const { page } = p;
  await waitForState(page.locator('#ce'), 'ready');
  await page.evaluate(() => {
    const ce = document.getElementById('ce');
    ce.setAttribute('limit', '3');
    ce.setAttribute('heading', 'Các tin mới');
  });
  await until(async () => (await readItems(page, '#ce')).length === 3, '#ce to show 3 items');
  await waitForState(page.locator('#ce'), 'ready');
  assert.match(await shadowText(page, '#ce'), /Các tin mới/);
  assert.deepEqual(p.problems(), []);
  await page.close();
});

test('[component] a loader included twice renders each block once', T, async () => {
  const p = await h.open('/twice.html');
  await waitForState(p.page.locator('#ce'), 'ready');
  await waitForState(p.page.locator('#div'), 'ready');
  await sleep(200);
  assert.equal((await readItems(p.page, '#ce')).length, 10);
  assert.equal((await readItems(p.page, '#div')).length, 5);
  assert.deepEqual(p.problems(), []);
  await p.page.close();
});

test('[component] axe-core finds no serious or critical accessibility problem in the blocks', T, async () => {
  const p = await h.open('/index.html');
  const { page } = p;
  await waitForState(page.locator('#ce'), 'ready');
  await waitForState(page.locator('#div'), 'ready');
  await page.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
  const violations = await page.evaluate(async () => {
    const r = await window.axe.run({ include: [['#ce'], ['#div']] }, { resultTypes: ['violations'] });
    return r.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n) => n.target.join(' ')).slice(0, 3) }));
  });
  assert.deepEqual(violations, []);
  await page.close();
});
