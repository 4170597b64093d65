// Blocks start when they are needed: a block far below the fold loads nothing (no module, no feed, no shadow
// root) until the reader scrolls to within a viewport of it, keeping an estimate of its height meanwhile;
// `loading="eager"` starts at once; blocks added later follow the same rule, and one removed before it
// started leaves nothing behind. lazy.html: #top, 6000 px, #eager, 6000 px, #far (a gallery) and #far-div.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startHarness, waitForState, readItems, sleep, modules } from './harness.mjs';

const T = { timeout: 30_000 };
let h;
before(async () => {
  h = await startHarness();
});
after(async () => {
  await h?.close();
});

const count = (path) => h.requests.filter((r) => r.path === path).length;

/** Scrolls so that the top of `id` is `below` px under the bottom of the viewport (negative: inside it). */
function scrollToBelow(page, id, below) {
  return page.evaluate(
    ({ id, below }) => {
      const top = document.getElementById(id).getBoundingClientRect().top + scrollY;
      scrollTo(0, top - innerHeight - below);
    },
    { id, below },
  );
}

test('a block far below the fold starts only when the reader comes within a viewport of it', T, async () => {
  const gallery = count('/gallery/feeds/gallery.json');
  const relative = count('/feeds/relative.json');
  const p = await h.open('/lazy.html');
  const { page } = p;
  await waitForState(page.locator('#top'), 'ready');
  await waitForState(page.locator('#eager'), 'ready');
  await sleep(500);
  const far = await page.locator('#far').evaluate((el) => ({
    state: el.getAttribute('data-state'),
    shadow: el.shadowRoot !== null,
    minHeight: parseFloat(el.style.minHeight),
    height: el.getBoundingClientRect().height,
  }));
  assert.deepEqual({ state: far.state, shadow: far.shadow }, { state: null, shadow: false }, 'not started');
  assert.ok(far.minHeight > 100 && far.height === far.minHeight, `its height is kept: ${JSON.stringify(far)}`);
  assert.equal(count('/gallery/feeds/gallery.json') - gallery, 0, 'its feed is not requested (nor prefetched)');
  assert.equal(count('/feeds/relative.json') - relative, 0);
  assert.deepEqual(await modules(page), ['news-widget-latest_bg.wasm'], 'nor the full module it needs');

  // Two viewports and a half away: still waiting.
  await scrollToBelow(page, 'far', (await page.evaluate(() => innerHeight)) * 1.5);
  await sleep(400);
  assert.equal(await page.locator('#far').getAttribute('data-state'), null);
  // Within one viewport below the visible part: it starts before the reader sees it.
  await scrollToBelow(page, 'far', (await page.evaluate(() => innerHeight)) * 0.6);
  await waitForState(page.locator('#far'), 'ready');
  assert.equal(await page.locator('#far').evaluate((el) => el.getBoundingClientRect().top > innerHeight), true,
    'it rendered while still below the visible part');
  await scrollToBelow(page, 'far-div', (await page.evaluate(() => innerHeight)) * 0.6);
  await waitForState(page.locator('#far-div'), 'ready');
  assert.equal(count('/gallery/feeds/gallery.json') - gallery, 1, 'its feed is requested once');
  assert.equal(count('/feeds/relative.json') - relative, 1);
  assert.deepEqual(await modules(page), ['news-widget-core_bg.wasm', 'news-widget-latest_bg.wasm']);
  assert.ok((await readItems(page, '#far-div')).length > 0);
  // The block holds its own height now: nothing of the loader is left on the host.
  assert.equal(await page.locator('#far').getAttribute('style'), null);
  assert.deepEqual(p.errors, []);
  await page.close();
});

test('loading="eager" starts a block far below the fold at once', T, async () => {
  const eager = count('/feeds/latest.json?eager');
  const p = await h.open('/lazy.html');
  await waitForState(p.page.locator('#eager'), 'ready');
  assert.equal(await p.page.evaluate(() => scrollY), 0);
  assert.equal(count('/feeds/latest.json?eager') - eager, 1);
  await p.page.close();
});

test('a block added later far below waits; removed before it starts, it leaves nothing behind and costs nothing', T, async () => {
  const path = '/feeds/latest.json?added';
  const p = await h.open('/lazy.html');
  const { page } = p;
  await waitForState(page.locator('#top'), 'ready');
  await page.evaluate((src) => {
    for (const [id, form] of [['added', 'element'], ['added-div', 'div']]) {
      const el = document.createElement(form === 'div' ? 'div' : 'news-widget');
      el.id = id;
      el.setAttribute(form === 'div' ? 'data-news-widget' : 'kind', 'latest');
      el.setAttribute(form === 'div' ? 'data-src' : 'src', src);
      // Short blocks: both fit in the viewport and its margin once the reader is at the end.
      el.setAttribute(form === 'div' ? 'data-limit' : 'limit', '3');
      document.getElementById('end').append(el);
    }
  }, path);
  await sleep(500);
  for (const id of ['#added', '#added-div']) {
    assert.equal(await page.locator(id).getAttribute('data-state'), null, `${id} waits`);
    assert.ok(await page.locator(id).getAttribute('style'), `${id} keeps its room`);
  }
  assert.equal(count(path), 0);
  const left = await page.evaluate(() => {
    const els = ['added', 'added-div'].map((id) => document.getElementById(id));
    for (const el of els) el.remove();
    window.__removed = els;
    return new Promise((r) => setTimeout(() => r(els.map((el) => ({
      style: el.getAttribute('style'),
      state: el.getAttribute('data-state'),
      shadow: el.shadowRoot !== null,
    }))), 100));
  });
  assert.deepEqual(left, [{ style: null, state: null, shadow: false }, { style: null, state: null, shadow: false }]);
  // The reader scrolls to where they were: nothing starts, nothing is fetched.
  await page.evaluate(() => document.getElementById('end').scrollIntoView());
  await sleep(500);
  assert.equal(count(path), 0, 'a removed block is no longer observed');
  // Added again where the reader is, they start.
  await page.evaluate(() => document.getElementById('end').append(...window.__removed));
  await waitForState(page.locator('#added'), 'ready');
  await waitForState(page.locator('#added-div'), 'ready');
  assert.ok(count(path) >= 1);
  assert.deepEqual(p.errors, []);
  await page.close();
});
