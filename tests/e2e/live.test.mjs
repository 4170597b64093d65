// Live blocks: `refresh` (revalidating requests, new stories behind "N tin mới", one schedule per feed URL,
// pauses while hidden or off screen, failures keep the list) and `time="relative"` (the text follows the
// clock). Every page runs on Playwright's fake clock (`page.clock`), so no test waits for real minutes:
// `advance` moves the page's time (timers included) a second at a time. The feeds are scripted routes of the portal that answer
// `304` to a current `If-None-Match`, so the browser's own HTTP cache revalidation is what is tested.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startHarness, waitForState, until, sleep, addBlock, readItems } from './harness.mjs';

const T = { timeout: 60_000 };
/** 2019-07-20 08:40:00 in the portal's +07:00. */
const T0 = Date.parse('2019-07-20T01:40:00Z');
/** More than the longest jittered wait of `refresh="30"` (30 s + 15 %). */
const REFRESH_30 = 35_000;

let h;
before(async () => {
  h = await startHarness();
});
after(async () => {
  await h?.close();
});

/** A story published `minutes` before T0. */
function story(id, minutes) {
  return {
    id,
    url: `https://portal.example/tin/${id}.html`,
    title: `Tin ${id}`,
    date_published: new Date(T0 - minutes * 60_000).toISOString(),
  };
}

/**
 * A scripted JSON Feed at `path`: `items` (newest first) under version `version`, sent with an ETag and
 * `Cache-Control: no-cache`; a request whose `If-None-Match` is the current ETag gets a `304`. `fail` answers
 * 503. `hits` records each request: { inm, status }.
 */
function scriptedFeed(path, items) {
  const f = { version: 1, items, fail: false, hits: [] };
  f.add = (...stories) => {
    f.items = [...stories, ...f.items];
    f.version += 1;
  };
  h.routes.set(path, (req, res) => {
    const inm = req.headers['if-none-match'] || null;
    if (f.fail) {
      res.statusCode = 503;
      res.end();
      f.hits.push({ inm, status: 503 });
      return;
    }
    const etag = `"v${f.version}"`;
    res.setHeader('Cache-Control', 'no-cache');
    res.setHeader('ETag', etag);
    if (inm === etag) {
      res.statusCode = 304;
      res.end();
      f.hits.push({ inm, status: 304 });
      return;
    }
    res.setHeader('Content-Type', 'application/feed+json; charset=utf-8');
    res.end(JSON.stringify({ version: 'https://jsonfeed.org/version/1.1', title: 'Tin', items: f.items }));
    f.hits.push({ inm, status: 200 });
  });
  return f;
}

const baseItems = () => [story('c', 4), story('b', 60), story('a', 25 * 60)];

/** A page of its own context (the fake clock is per context), on the blank host page, clock at T0. */
async function openLive() {
  const context = await h.browser.newContext({
    timezoneId: 'America/New_York',
    locale: 'en-US',
    viewport: { width: 1200, height: 900 },
  });
  const page = await context.newPage();
  const problems = [];
  const warnings = [];
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(m.text());
    if (m.type() === 'warning') warnings.push(m.text());
  });
  page.on('pageerror', (e) => problems.push(String(e)));
  await page.clock.install({ time: T0 });
  await page.goto(`${h.portal}/blank.html`);
  await page.waitForFunction(() => window.NewsWidget !== undefined);
  return { page, context, problems, warnings };
}

/** Marks every entry of the block, so a test can tell a redrawn list (new nodes) from an untouched one. */
function markEntries(page, host) {
  return page.locator(`${host} [data-item-id]`).evaluateAll((els) => els.forEach((e) => (e.__kept = true)));
}
function entriesKept(page, host) {
  return page.locator(`${host} [data-item-id]`).evaluateAll((els) => els.map((e) => e.__kept === true));
}

/** The "N tin mới" button's text and whether it is shown, and the live region's text. */
function banner(page, host) {
  return page.locator(host).evaluate((el) => {
    const b = el.shadowRoot.querySelector('.nw-new');
    const live = el.shadowRoot.querySelector('.nw-announce');
    return {
      button: b ? b.textContent : null,
      shown: Boolean(b && b.getClientRects().length > 0),
      live: live ? live.textContent : null,
      liveRole: live ? live.getAttribute('role') : null,
    };
  });
}

const ids = async (page, host) => (await readItems(page, host)).map((i) => i.id);

/**
 * Moves the page's clock `ms` forward a second at a time, with a pause of real time after each step, so that
 * a refresh a step fires is answered over loopback before the clock passes the request's 10 s timeout. One
 * jump past a refresh's time and its timeout would fail the request, the answer never having had a chance.
 */
async function advance(page, ms) {
  for (let left = ms; left > 0; left -= 1_000) {
    await page.clock.runFor(Math.min(1_000, left));
    await sleep(50);
  }
}

test('a refresh revalidates the feed: the browser sends If-None-Match, and a 304 leaves the list untouched', T, async () => {
  const feed = scriptedFeed('/live/revalidate.json', baseItems());
  const { page, context, problems } = await openLive();
  await addBlock(page, 'live', { kind: 'latest', src: '/live/revalidate.json', refresh: '30' });
  await waitForState(page.locator('#live'), 'ready');
  assert.deepEqual(feed.hits, [{ inm: null, status: 200 }]);
  await markEntries(page, '#live');

  await advance(page, REFRESH_30);
  await until(() => feed.hits.length >= 2, 'the first refresh');
  assert.deepEqual(feed.hits[1], { inm: '"v1"', status: 304 });
  // The server has the request; the page reads its answer in real time before the clock moves past the
  // request's 10 s timeout.
  await sleep(200);
  await advance(page, REFRESH_30);
  await until(() => feed.hits.length >= 3, 'the second refresh');
  assert.deepEqual(feed.hits[2], { inm: '"v1"', status: 304 });
  await sleep(200);
  assert.deepEqual(await entriesKept(page, '#live'), [true, true, true], 'the list was drawn again');
  assert.equal((await banner(page, '#live')).shown, false);
  assert.equal(await page.locator('#live').getAttribute('data-state'), 'ready');
  assert.deepEqual(problems, []);
  await context.close();
});

test('new stories wait behind "N tin mới" without moving the list; a click draws them and focuses the first', T, async () => {
  const feed = scriptedFeed('/live/new.json', baseItems());
  const { page, context, problems } = await openLive();
  await addBlock(page, 'live', { kind: 'latest', src: '/live/new.json', refresh: '30', limit: '3' });
  const host = page.locator('#live');
  await waitForState(host, 'ready');
  await markEntries(page, '#live');
  const firstTop = () => page.locator('#live [data-item-id]').first().evaluate((e) => e.getBoundingClientRect().top);
  const top = await firstTop();
  assert.deepEqual(await banner(page, '#live'), { button: '', shown: false, live: '', liveRole: 'status' });

  feed.add(story('e', 0), story('d', 1));
  await advance(page, REFRESH_30);
  await until(async () => (await banner(page, '#live')).shown, 'the new-stories button');
  assert.deepEqual(await banner(page, '#live'), { button: '2 tin mới', shown: true, live: '2 tin mới', liveRole: 'status' });
  // The list is where it was, as it was: the button floats over it.
  assert.deepEqual(await ids(page, '#live'), ['c', 'b', 'a']);
  assert.deepEqual(await entriesKept(page, '#live'), [true, true, true]);
  assert.equal(await firstTop(), top);

  // Another story before the click: one button, the count of every story still waiting.
  feed.add(story('f', 0));
  await advance(page, REFRESH_30);
  await until(async () => (await banner(page, '#live')).button === '3 tin mới', 'the count of the second batch');
  assert.deepEqual(await ids(page, '#live'), ['c', 'b', 'a']);

  await page.locator('#live .nw-new').click();
  await until(async () => (await ids(page, '#live'))[0] === 'f', 'the new stories drawn');
  assert.deepEqual(await ids(page, '#live'), ['f', 'e', 'd']);
  await until(
    () => host.evaluate((el) => el.shadowRoot.activeElement?.closest('[data-item-id]')?.getAttribute('data-item-id')),
    'the focus on the first new story',
  );
  const focused = await host.evaluate((el) => ({
    id: el.shadowRoot.activeElement.closest('[data-item-id]').getAttribute('data-item-id'),
    title: el.shadowRoot.activeElement.classList.contains('nw-title'),
  }));
  assert.deepEqual(focused, { id: 'f', title: true });
  assert.deepEqual(await banner(page, '#live'), { button: '', shown: false, live: '', liveRole: 'status' });
  assert.deepEqual(problems, []);
  await context.close();
});

test('two blocks on one feed share one schedule: one request per refresh, both told (English label too)', T, async () => {
  const feed = scriptedFeed('/live/shared.json', baseItems());
  const { page, context, problems } = await openLive();
  await addBlock(page, 'vi', { kind: 'latest', src: '/live/shared.json', refresh: '30' });
  await addBlock(page, 'en', { kind: 'latest', src: '/live/shared.json', refresh: '60', lang: 'en' }, 'div');
  await waitForState(page.locator('#vi'), 'ready');
  await waitForState(page.locator('#en'), 'ready');
  assert.equal(feed.hits.length, 1, JSON.stringify(feed.hits));

  feed.add(story('d', 0));
  await advance(page, REFRESH_30);
  await until(async () => (await banner(page, '#en')).shown && (await banner(page, '#vi')).shown, 'both buttons');
  assert.equal((await banner(page, '#vi')).button, '1 tin mới');
  assert.equal((await banner(page, '#en')).button, '1 new story');
  assert.equal(feed.hits.length, 2, JSON.stringify(feed.hits));
  // The shorter interval of the two drives the shared schedule.
  await advance(page, REFRESH_30);
  await until(() => feed.hits.length >= 3, 'the next shared refresh');
  await sleep(200);
  assert.equal(feed.hits.length, 3, JSON.stringify(feed.hits));
  assert.deepEqual(problems, []);
  await context.close();
});

/** Makes the page report itself hidden (or shown again) and fires `visibilitychange`, as a tab switch does. */
function setHidden(page, hidden) {
  return page.evaluate((hidden) => {
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => (hidden ? 'hidden' : 'visible') });
    Object.defineProperty(document, 'hidden', { configurable: true, get: () => hidden });
    document.dispatchEvent(new Event('visibilitychange'));
  }, hidden);
}

test('a hidden page sends no refresh; shown again, it catches up with exactly one request', T, async () => {
  const feed = scriptedFeed('/live/hidden.json', baseItems());
  const { page, context, problems } = await openLive();
  await addBlock(page, 'live', { kind: 'latest', src: '/live/hidden.json', refresh: '30' });
  await waitForState(page.locator('#live'), 'ready');
  await setHidden(page, true);
  await advance(page, 4 * REFRESH_30);
  await sleep(200);
  assert.equal(feed.hits.length, 1, JSON.stringify(feed.hits));
  await setHidden(page, false);
  await until(() => feed.hits.length >= 2, 'the catch-up refresh');
  await sleep(300);
  assert.equal(feed.hits.length, 2, JSON.stringify(feed.hits));
  assert.deepEqual(problems, []);
  await context.close();
});

test('a block off screen sends no refresh; scrolled into view, it catches up', T, async () => {
  const feed = scriptedFeed('/live/below.json', baseItems());
  const { page, context, problems } = await openLive();
  await page.evaluate(() => {
    const spacer = document.createElement('div');
    spacer.style.height = '4000px';
    document.getElementById('app').append(spacer);
  });
  await addBlock(page, 'live', { kind: 'latest', src: '/live/below.json', refresh: '30' });
  await waitForState(page.locator('#live'), 'ready');
  await advance(page, 2 * REFRESH_30);
  await sleep(200);
  assert.equal(feed.hits.length, 1, JSON.stringify(feed.hits));
  await page.locator('#live').scrollIntoViewIfNeeded();
  await until(() => feed.hits.length >= 2, 'the refresh once on screen');
  assert.deepEqual(problems, []);
  await context.close();
});

test('a failed refresh keeps the list with an "updated at" note; the next good one clears it', T, async () => {
  const feed = scriptedFeed('/live/fail.json', baseItems());
  const { page, context } = await openLive();
  await addBlock(page, 'live', { kind: 'latest', src: '/live/fail.json', refresh: '30' });
  const host = page.locator('#live');
  await waitForState(host, 'ready');
  await markEntries(page, '#live');
  const note = () =>
    host.evaluate((el) => {
      const n = el.shadowRoot.querySelector('.nw-live > .nw-stale');
      return n && n.getClientRects().length > 0 ? n.textContent : null;
    });
  assert.equal(await note(), null);

  const errorEvent = page.evaluate(() =>
    new Promise((resolve) => document.addEventListener('news-widget:error', (e) => resolve(e.detail), { once: true })));
  feed.fail = true;
  await advance(page, REFRESH_30);
  await waitForState(host, 'error');
  assert.match(await note(), /^cập nhật lúc 8:40 20\/7$/);
  assert.deepEqual(await entriesKept(page, '#live'), [true, true, true]);
  assert.equal(await host.evaluate((el) => el.shadowRoot.querySelector('.nw-status-error')), null, 'an error screen over good data');
  const error = await errorEvent;
  assert.equal(error.stale, true);
  assert.equal(error.status, 503);

  feed.fail = false;
  await advance(page, REFRESH_30);
  await waitForState(host, 'ready');
  assert.equal(await note(), null);
  assert.deepEqual(await entriesKept(page, '#live'), [true, true, true]);
  await context.close();
});

test('removing a block stops its refresh; a block without refresh never asks again', T, async () => {
  const gone = scriptedFeed('/live/gone.json', baseItems());
  const still = scriptedFeed('/live/still.json', baseItems());
  const { page, context, problems } = await openLive();
  await addBlock(page, 'gone', { kind: 'latest', src: '/live/gone.json', refresh: '30' });
  await addBlock(page, 'still', { kind: 'latest', src: '/live/still.json' });
  await waitForState(page.locator('#gone'), 'ready');
  await waitForState(page.locator('#still'), 'ready');
  await page.evaluate(() => document.getElementById('gone').remove());
  await advance(page, 4 * REFRESH_30);
  await sleep(200);
  assert.equal(gone.hits.length, 1, JSON.stringify(gone.hits));
  assert.equal(still.hits.length, 1, JSON.stringify(still.hits));
  assert.deepEqual(problems, []);
  await context.close();
});

test('refresh under 30 seconds is 30 with a console warning; a bad value is off', T, async () => {
  const feed = scriptedFeed('/live/clamp.json', baseItems());
  const { page, context, warnings } = await openLive();
  await addBlock(page, 'fast', { kind: 'latest', src: '/live/clamp.json', refresh: '5' });
  await addBlock(page, 'bad', { kind: 'latest', src: '/live/clamp.json', refresh: 'soon' });
  await waitForState(page.locator('#fast'), 'ready');
  await waitForState(page.locator('#bad'), 'ready');
  assert.ok(warnings.some((w) => w.includes('attribute refresh="5" is under 30 seconds; using 30 s')), JSON.stringify(warnings));
  assert.ok(warnings.some((w) => w.includes('attribute refresh="soon" is not a number of seconds; using off')), JSON.stringify(warnings));
  await advance(page, 20_000);
  await sleep(200);
  assert.equal(feed.hits.length, 1, 'refreshed sooner than 30 s');
  await advance(page, 15_000);
  await until(() => feed.hits.length >= 2, 'the refresh after 30 s');
  await context.close();
});

test('time="relative": "4 phút trước" becomes "5 phút trước" a minute later, text only; datetime keeps the instant', T, async () => {
  scriptedFeed('/live/times.json', [story('soon', -2), story('c', 4), story('b', 60), story('a', 25 * 60), story('z', -60)]);
  const { page, context, problems } = await openLive();
  await addBlock(page, 'vi', { kind: 'latest', src: '/live/times.json', time: 'relative' });
  await addBlock(page, 'en', { kind: 'latest', src: '/live/times.json', time: 'relative', lang: 'en' });
  await addBlock(page, 'abs', { kind: 'latest', src: '/live/times.json' });
  for (const id of ['#vi', '#en', '#abs']) await waitForState(page.locator(id), 'ready');
  const times = (host) =>
    page.locator(`${host} time`).evaluateAll((els) =>
      els.map((t) => ({ text: t.textContent, datetime: t.getAttribute('datetime'), title: t.getAttribute('title') })));
  // Newest first: the one an hour ahead (beyond the clock-skew allowance) is absolute, two minutes ahead is now.
  assert.deepEqual((await times('#vi')).map((t) => t.text), [
    'Thứ Bảy, 20/7/2019 9:40', 'vừa xong', '4 phút trước', '1 giờ trước', 'Thứ Sáu, 19/7/2019 7:40',
  ]);
  assert.deepEqual((await times('#en')).map((t) => t.text), [
    'Saturday, 20/7/2019 9:40', 'just now', '4 minutes ago', '1 hour ago', 'Friday, 19/7/2019 7:40',
  ]);
  assert.deepEqual((await times('#vi'))[2], {
    text: '4 phút trước', datetime: '2019-07-20T08:36:00+07:00', title: 'Thứ Bảy, 20/7/2019 8:36',
  });
  assert.deepEqual((await times('#abs'))[2], { text: 'Thứ Bảy, 20/7/2019 8:36', datetime: '2019-07-20T08:36:00+07:00', title: null });
  await markEntries(page, '#vi');

  await advance(page, 60_000);
  await until(async () => (await times('#vi'))[2].text === '5 phút trước', 'the minute tick');
  assert.equal((await times('#en'))[2].text, '5 minutes ago');
  assert.equal((await times('#vi'))[1].text, 'vừa xong');
  assert.deepEqual(await entriesKept(page, '#vi'), [true, true, true, true, true], 'the list was drawn again');
  assert.equal((await times('#abs'))[2].text, 'Thứ Bảy, 20/7/2019 8:36');
  assert.deepEqual(problems, []);
  await context.close();
});

test('"Các tin khác" refreshes like "Mới nhất"; the gallery draws a changed feed in place, without a button', T, async () => {
  // Each its own picture: a gallery shows one picture once.
  const pictured = (id, minutes) => ({ ...story(id, minutes), image: `/img/photo.svg?${id}` });
  const others = scriptedFeed('/live/others.json', baseItems());
  const photos = scriptedFeed('/live/photos.json', [pictured('p2', 5), pictured('p1', 50)]);
  const { page, context, problems } = await openLive();
  await addBlock(page, 'others', { kind: 'others', src: '/live/others.json', refresh: '30', current: 'b' });
  await addBlock(page, 'gallery', { kind: 'gallery', src: '/live/photos.json', refresh: '30' });
  await waitForState(page.locator('#others'), 'ready');
  await waitForState(page.locator('#gallery'), 'ready');
  assert.deepEqual(await ids(page, '#others'), ['c', 'a']);
  const photoCount = () => page.locator('#gallery .nw-gcell').count();
  const before = await photoCount();

  others.add(story('d', 0));
  photos.add(pictured('p3', 0));
  await advance(page, REFRESH_30);
  await until(async () => (await banner(page, '#others')).shown, 'the button of "Các tin khác"');
  assert.equal((await banner(page, '#others')).button, '1 tin mới');
  assert.deepEqual(await ids(page, '#others'), ['c', 'a']);
  await page.locator('#others .nw-new').click();
  await until(async () => (await ids(page, '#others'))[0] === 'd', 'the new story drawn');
  // The article being read stays out of the list.
  assert.deepEqual(await ids(page, '#others'), ['d', 'c', 'a']);

  await until(async () => (await photoCount()) > before, 'the new photo in the gallery');
  assert.equal((await banner(page, '#gallery')).shown, false);
  assert.deepEqual(problems, []);
  await context.close();
});
