// The layouts of the list blocks (`layout` attribute): list, compact, grid and ticker, and the loading
// state of each, which takes the height the loaded block will take. The ticker runs on Playwright's fake
// clock (`page.clock`), so its five-second steps are taken at once. Feed: site/feeds/latest.json (12 items,
// the first four with pictures, the first three with summaries).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startHarness, waitForState, addBlock, until, sleep } from './harness.mjs';

const T = { timeout: 45_000 };
let h;
before(async () => {
  h = await startHarness();
});
after(async () => {
  await h?.close();
});

/**
 * A blank page (loader only) with one block `#b` of `attrs`, settled. `clock`: in a context of its own (a
 * fake clock is installed for a whole context), with the clock installed.
 */
async function blockPage(attrs, { setup, clock } = {}) {
  let p;
  if (clock) {
    const context = await h.browser.newContext({ viewport: { width: 1200, height: 900 } });
    await context.clock.install();
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    page.on('close', () => context.close().catch(() => {}));
    p = { page, problems: () => errors };
  } else {
    p = await h.newPage();
  }
  if (setup) await setup(p.page);
  await p.page.goto(h.portal + '/blank.html');
  await addBlock(p.page, 'b', attrs);
  await waitForState(p.page.locator('#b'), 'ready');
  return p;
}

/** What the block `#b` shows: its items (visible or not), images, summaries, list display and columns. */
function shape(page) {
  return page.locator('#b').evaluate((el) => {
    const root = el.shadowRoot;
    const list = root.querySelector('.nw-list');
    const items = [...root.querySelectorAll('.nw-item')];
    return {
      layout: root.querySelector('.nw-root').getAttribute('data-layout'),
      items: items.length,
      shown: items.filter((i) => !i.hidden && i.getBoundingClientRect().height > 0).map((i) => i.getAttribute('data-item-id')),
      heights: items.filter((i) => !i.hidden).map((i) => Math.round(i.getBoundingClientRect().height * 100) / 100),
      images: root.querySelectorAll('img').length,
      summaries: root.querySelectorAll('.nw-summary').length,
      summaryPlaces: root.querySelectorAll('.nw-summary, .nw-summary-none').length,
      listDisplay: getComputedStyle(list).display,
      columns: getComputedStyle(list).gridTemplateColumns.split(' ').filter(Boolean).length,
      itemDirection: items[0] && getComputedStyle(items[0]).flexDirection,
      titleLines: items.filter((i) => !i.hidden).map((i) => {
        const t = i.querySelector('.nw-title');
        return Math.round(t.getBoundingClientRect().height / parseFloat(getComputedStyle(t).lineHeight));
      }),
    };
  });
}

test('[layout] list (the default): thumbnails, two-line titles in a wide block, rows of one height (a story without a picture keeps its place)', T, async () => {
  const p = await blockPage({ kind: 'latest', src: '/feeds/latest.json', limit: '6', summary: 'on' });
  const s = await shape(p.page);
  assert.equal(s.layout, 'list');
  assert.equal(s.items, 6);
  assert.equal(s.images, 4, 'the four stories with pictures show them');
  assert.equal(s.summaries, 3, 'the three stories with a summary show it');
  assert.equal(s.summaryPlaces, 6, 'every row keeps its summary lines');
  assert.equal(new Set(s.heights.slice(0, -1)).size, 1, `rows of one height (the last one has no separator): ${s.heights}`);
  assert.ok(s.titleLines.every((n) => n === 2), `titles take two lines: ${s.titleLines}`);
  await p.page.close();
});

test('[layout] compact: titles and times on one line, no pictures or summaries (none downloaded)', T, async () => {
  h.requests.length = 0;
  const p = await blockPage({ kind: 'latest', src: '/feeds/latest.json', limit: '8', layout: 'compact', summary: 'on' });
  const s = await shape(p.page);
  assert.equal(s.layout, 'compact');
  assert.equal(s.items, 8);
  assert.equal(s.images, 0);
  assert.equal(s.summaries, 0);
  assert.ok(s.titleLines.every((n) => n === 1), `one line each: ${s.titleLines}`);
  assert.ok(s.heights.every((x) => x < 40), `rows of one line: ${s.heights}`);
  const timeBeside = await p.page.locator('#b').evaluate((el) => {
    const item = el.shadowRoot.querySelector('.nw-item');
    const t = item.querySelector('.nw-title').getBoundingClientRect();
    const time = item.querySelector('time').getBoundingClientRect();
    return time.left >= t.right - 1 && Math.abs(time.bottom - t.bottom) < 6;
  });
  assert.ok(timeBeside, 'the time is on the title line, after it');
  await sleep(200);
  assert.deepEqual(h.requests.filter((r) => /\/img\/(thumb|photo)/.test(r.path)).map((r) => r.path), []);
  await p.page.close();
});

test('[layout] grid: cards (picture on top), columns after the block width (container queries)', T, async () => {
  for (const [width, columns] of [[250, 1], [420, 2], [700, 3], [900, 4]]) {
    const p = await blockPage({ kind: 'latest', src: '/feeds/latest.json', limit: '6', layout: 'grid' });
    await p.page.locator('#b').evaluate((el, w) => (el.style.width = `${w}px`), width);
    await sleep(50);
    const s = await shape(p.page);
    assert.equal(s.layout, 'grid');
    assert.equal(s.listDisplay, 'grid');
    assert.equal(s.columns, columns, `${width}px wide: ${columns} columns`);
    assert.equal(s.itemDirection, 'column', 'cards: picture above the text');
    const card = await p.page.locator('#b').evaluate((el) => {
      const item = el.shadowRoot.querySelector('.nw-item');
      const img = item.querySelector('img').getBoundingClientRect();
      const title = item.querySelector('.nw-title').getBoundingClientRect();
      return { above: img.bottom <= title.top + 0.5, fullWidth: Math.abs(img.width - item.getBoundingClientRect().width) <= 2 };
    });
    assert.deepEqual(card, { above: true, fullWidth: true }, `${width}px`);
    await p.page.close();
  }
});

test('[layout] a layout the kind lacks falls back to its default with a console warning', T, async () => {
  const p = await blockPage({ kind: 'latest', src: '/feeds/latest.json', limit: '3', layout: 'select' });
  assert.equal((await shape(p.page)).layout, 'list');
  assert.ok(
    p.warnings().some((w) => w.includes('attribute layout="select" is not list, compact, grid or ticker (the layouts of latest); using list')),
    JSON.stringify(p.warnings()),
  );
  await p.page.close();
});

// ---- ticker ------------------------------------------------------------------------------------------

/** A ticker block on the fake clock; the clock is stopped once the block is ready. */
async function tickerPage(attrs = {}, setup) {
  const p = await blockPage(
    { kind: 'latest', src: '/feeds/latest.json', limit: '5', layout: 'ticker', ...attrs },
    { setup, clock: true },
  );
  // The clock runs until paused: a moment ahead of the page's time, which a busy machine may pass first.
  for (;;) {
    const now = await p.page.evaluate(() => Date.now());
    try {
      await p.page.clock.pauseAt(now + 200);
      return p;
    } catch (e) {
      if (!/past/.test(String(e))) throw e;
    }
  }
}

const shown = async (page) => (await shape(page)).shown;
const button = (page) => page.locator('#b .nw-tick-btn');

test('[layout] ticker: one story on one line, the next every five seconds, round and round, without taking the focus', T, async () => {
  const p = await tickerPage();
  const { page } = p;
  const s = await shape(page);
  assert.equal(s.layout, 'ticker');
  assert.equal(s.items, 5);
  assert.equal(s.images, 0);
  assert.equal(s.shown.length, 1, `one story shown: ${s.shown}`);
  const ids = await page.locator('#b .nw-item').evaluateAll((els) => els.map((e) => e.getAttribute('data-item-id')));
  let at = ids.indexOf(s.shown[0]);
  const block = await page.locator('#b').evaluate((el) => el.getBoundingClientRect().height);
  for (let step = 0; step < 6; step++) {
    await page.clock.runFor(5_000);
    at = (at + 1) % ids.length;
    assert.deepEqual(await shown(page), [ids[at]], `step ${step}`);
    assert.equal(await page.locator('#b').evaluate((el) => el.getBoundingClientRect().height), block, 'the block keeps its height');
  }
  assert.equal(await page.evaluate(() => document.activeElement.localName), 'body', 'the focus stays where it was');
  // Not a live region: screen readers are not told about every step.
  const live = await page.locator('#b').evaluate((el) => el.shadowRoot.querySelectorAll('[aria-live]:not([aria-live="off"]), [role="status"], [role="alert"], [role="marquee"]').length);
  assert.equal(live, 0);
  assert.deepEqual(p.problems(), []);
  await page.close();
});

test('[layout] ticker: the pause button (labelled) stops it and plays it again; hovering or focusing the story holds it', T, async () => {
  const p = await tickerPage();
  const { page } = p;
  assert.equal(await button(page).getAttribute('aria-label'), 'Tạm dừng tin chạy');
  const first = await shown(page);
  await button(page).click();
  assert.equal(await button(page).getAttribute('aria-label'), 'Cho tin chạy tiếp');
  assert.equal(await button(page).getAttribute('data-paused'), '');
  await page.clock.runFor(20_000);
  assert.deepEqual(await shown(page), first, 'paused');
  await button(page).click();
  assert.equal(await button(page).getAttribute('aria-label'), 'Tạm dừng tin chạy');
  await page.clock.runFor(5_000);
  const second = await shown(page);
  assert.notDeepEqual(second, first, 'playing again (the focus on the button does not hold it)');

  await page.locator('#b .nw-item:not([hidden]) .nw-title').hover();
  await page.clock.runFor(15_000);
  assert.deepEqual(await shown(page), second, 'held while the pointer is on the story');
  await page.mouse.move(0, 0);
  await page.locator('#b .nw-item:not([hidden]) .nw-title').focus();
  await page.clock.runFor(15_000);
  assert.deepEqual(await shown(page), second, 'held while the story has the focus');
  await page.evaluate(() => document.activeElement.blur());
  await page.clock.runFor(5_000);
  assert.notDeepEqual(await shown(page), second, 'moves on once left');
  await page.close();
});

test('[layout] ticker: with reduced motion it does not advance by itself (the button starts it)', T, async () => {
  const p = await tickerPage({}, (page) => page.emulateMedia({ reducedMotion: 'reduce' }));
  const { page } = p;
  const first = await shown(page);
  assert.equal(first.length, 1);
  assert.equal(await button(page).getAttribute('aria-label'), 'Cho tin chạy tiếp');
  await page.clock.runFor(60_000);
  assert.deepEqual(await shown(page), first);
  await button(page).click();
  await page.clock.runFor(5_000);
  assert.notDeepEqual(await shown(page), first, 'started by the reader');
  await page.close();
});

test('[layout] ticker: no timer while the page is hidden, and none left once the block is removed', T, async () => {
  // Live intervals of the page, counted through the window's own functions.
  const p = await tickerPage({}, (page) =>
    page.addInitScript(() => {
      const live = new Set();
      const set = window.setInterval.bind(window);
      const clear = window.clearInterval.bind(window);
      window.setInterval = (...a) => {
        const id = set(...a);
        live.add(id);
        return id;
      };
      window.clearInterval = (id) => {
        live.delete(id);
        return clear(id);
      };
      window.__intervals = live;
    }),
  );
  const { page } = p;
  const intervals = () => page.evaluate(() => window.__intervals.size);
  assert.equal(await intervals(), 1, 'one timer while playing');
  const first = await shown(page);
  const setHidden = (hidden) =>
    page.evaluate((hidden) => {
      Object.defineProperty(document, 'hidden', { configurable: true, get: () => hidden });
      document.dispatchEvent(new Event('visibilitychange', { bubbles: true }));
    }, hidden);
  await setHidden(true);
  await until(async () => (await intervals()) === 0, 'the timer to stop while hidden');
  await page.clock.runFor(20_000);
  assert.deepEqual(await shown(page), first);
  await setHidden(false);
  await until(async () => (await intervals()) === 1, 'the timer to start again');
  await page.clock.runFor(5_000);
  assert.notDeepEqual(await shown(page), first);
  await page.evaluate(() => document.getElementById('b').remove());
  await until(async () => (await intervals()) === 0, 'the timer to be cleared on unmount');
  await page.close();
});

// ---- loading state -----------------------------------------------------------------------------------

/**
 * The block's height while its feed is held back (loading placeholder) and once it is shown: the same, so
 * the page does not move when the stories arrive.
 */
for (const [name, attrs] of [
  ['list', { limit: '6' }],
  ['list, summaries, no thumbnails', { limit: '5', summary: 'on', thumbnails: 'off' }],
  ['compact', { limit: '8', layout: 'compact' }],
  ['grid', { limit: '6', layout: 'grid' }],
  ['ticker', { limit: '5', layout: 'ticker' }],
  ['others', { kind: 'others', limit: '4', current: 'n04' }],
]) {
  test(`[layout] ${name}: the loading state takes the height of the loaded block`, T, async () => {
    const path = `/held/${name.replace(/\W+/g, '-')}.json`;
    let release;
    const gate = new Promise((r) => (release = r));
    h.routes.set(path, async (req, res) => {
      await gate;
      res.setHeader('Content-Type', 'application/feed+json');
      res.end(await h.site('feeds/latest.json'));
    });
    try {
      const p = await h.newPage();
      const { page } = p;
      await page.goto(h.portal + '/blank.html');
      await page.evaluate(() => (document.getElementById('app').style.width = '360px'));
      await addBlock(page, 'b', { kind: 'latest', src: path, ...attrs });
      await until(() => page.locator('#b').evaluate((el) => !!el.shadowRoot?.querySelector('.nw-loading')), 'the loading state');
      const height = () => page.locator('#b').evaluate((el) => Math.round(el.getBoundingClientRect().height * 100) / 100);
      const loading = await height();
      release();
      await waitForState(page.locator('#b'), 'ready');
      assert.ok(loading > 30, `a placeholder is drawn: ${loading}px`);
      // Sub-pixel rounding of fractional line boxes aside.
      const loaded = await height();
      assert.ok(Math.abs(loaded - loading) < 0.5, `same height loading and loaded: ${loading}px, then ${loaded}px`);
      await page.close();
    } finally {
      release();
      h.routes.delete(path);
    }
  });
}
