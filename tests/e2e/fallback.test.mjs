// The portal's own markup inside a host (a server-rendered list of links): readers and crawlers see it
// before the script runs and while the block loads; it is hidden once the block shows its items, and it
// stays when the script never runs, the module cannot load, or the feed fails with nothing remembered.
// Each test opens its pages in a fresh browser context, so no remembered list of an earlier test is shown.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startHarness, waitForState, readItems, sleep } from './harness.mjs';

const T = { timeout: 30_000 };
let h;
before(async () => {
  h = await startHarness();
});
after(async () => {
  await h?.close();
});

/** Answers /fallback/feed.json with the site's latest feed, or with `status` and no feed. */
function serveFeed(status = 200) {
  h.routes.set('/fallback/feed.json', async (req, res) => {
    res.statusCode = status;
    res.setHeader('Content-Type', 'application/feed+json; charset=utf-8');
    res.end(status === 200 ? await h.site('feeds/latest.json') : '{}');
  });
}

/** A page in a context of its own (empty storage), with console problems collected. */
async function freshPage(options = {}) {
  const context = await h.browser.newContext({ viewport: { width: 1000, height: 800 }, ...options });
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(String(e)));
  return { context, page, problems };
}

/** Whether the fallback list is rendered (laid out with a size) for the reader. */
const shown = (page, id) => page.locator(id).evaluate((el) => el.checkVisibility() && el.getBoundingClientRect().height > 0);

test('the fallback is visible before the block mounts and hidden once it shows its items; it stays in the DOM', T, async () => {
  serveFeed();
  const { context, page } = await freshPage();
  // Hold the module back: the page is as it is before the widget has rendered.
  let release;
  const held = new Promise((r) => (release = r));
  await page.route('**/news-widget-latest_bg.wasm', async (route) => {
    await held;
    await route.continue();
  });
  await page.goto(h.portal + '/fallback/index.html');
  await sleep(300);
  assert.equal(await shown(page, '#ce-list'), true, 'the list of the custom element is shown before mount');
  assert.equal(await shown(page, '#div-list'), true, 'the list of the div form is shown before mount');
  assert.equal(await page.locator('#ce').evaluate((el) => el.shadowRoot), null);
  release();
  await waitForState(page.locator('#ce'), 'ready');
  await waitForState(page.locator('#div'), 'ready');
  assert.equal((await readItems(page, '#ce')).length, 3);
  assert.equal(await shown(page, '#ce-list'), false, 'hidden once the block shows its items');
  assert.equal(await shown(page, '#div-list'), false);
  // Still in the document for crawlers and for the next time the block has nothing to show.
  assert.equal(await page.locator('#ce-list a').count(), 2);
  await context.close();
});

test('the fallback shows while the block loads, over its placeholder, which keeps the block\'s height', T, async () => {
  let release;
  const held = new Promise((r) => (release = r));
  h.routes.set('/fallback/feed.json', async (req, res) => {
    await held;
    res.setHeader('Content-Type', 'application/feed+json; charset=utf-8');
    res.end(await h.site('feeds/latest.json'));
  });
  const { context, page } = await freshPage();
  await page.goto(h.portal + '/fallback/index.html');
  await waitForState(page.locator('#ce'), 'loading');
  const s = await page.locator('#ce').evaluate((el) => ({
    list: el.querySelector('ul').checkVisibility(),
    skeleton: el.shadowRoot.querySelector('.nw-loading') !== null,
    skeletonShown: el.shadowRoot.querySelector('.nw-root').checkVisibility({ visibilityProperty: true }),
    height: el.getBoundingClientRect().height,
    skeletonHeight: el.shadowRoot.querySelector('.nw-host').getBoundingClientRect().height,
  }));
  assert.equal(s.list, true, 'the fallback is shown while loading');
  assert.equal(s.skeleton, true, 'the placeholder is there');
  assert.equal(s.skeletonShown, false, 'but not shown over the fallback');
  assert.ok(s.height >= s.skeletonHeight && s.skeletonHeight > 0, JSON.stringify(s));
  release();
  await waitForState(page.locator('#ce'), 'ready');
  assert.equal(await shown(page, '#ce-list'), false);
  await context.close();
});

test('the fallback stays when the feed fails and nothing is remembered, instead of the error message', T, async () => {
  serveFeed(500);
  const { context, page } = await freshPage();
  await page.goto(h.portal + '/fallback/index.html');
  await waitForState(page.locator('#ce'), 'error', 20_000);
  await waitForState(page.locator('#div'), 'error', 20_000);
  assert.equal(await shown(page, '#ce-list'), true);
  assert.equal(await shown(page, '#div-list'), true);
  const message = await page.locator('#ce').evaluate((el) =>
    el.shadowRoot.querySelector('.nw-root').checkVisibility({ visibilityProperty: true }));
  assert.equal(message, false, 'the error message is not shown over the fallback');
  await context.close();
});

test('the fallback stays when the module cannot load (the .wasm answers 404)', T, async () => {
  serveFeed();
  const { context, page } = await freshPage();
  await page.route('**/*_bg.wasm', (route) => route.fulfill({ status: 404, contentType: 'text/plain', body: 'not found\n' }));
  await page.goto(h.portal + '/fallback/index.html');
  await waitForState(page.locator('#ce'), 'error');
  await waitForState(page.locator('#div'), 'error');
  assert.equal(await shown(page, '#ce-list'), true);
  assert.equal(await shown(page, '#div-list'), true);
  assert.equal(await page.locator('#ce').getAttribute('style'), null, 'no reserved height is left behind');
  await context.close();
});

test('the fallback is the page when no script runs', T, async () => {
  serveFeed();
  const { context, page } = await freshPage({ javaScriptEnabled: false });
  await page.goto(h.portal + '/fallback/index.html');
  assert.equal(await shown(page, '#ce-list'), true);
  assert.equal(await shown(page, '#div-list'), true);
  assert.deepEqual(await page.locator('#ce-list a').evaluateAll((as) => as.map((a) => a.textContent)), [
    'Tin của trang số một',
    'Tin của trang số hai',
  ]);
  await context.close();
});
