// The embed loader (dist/news-widget.js) on real pages, cross-origin: both forms mount, blocks added and
// removed by the page's scripts, moves, attribute changes, double inclusion, a missing .wasm, and what it
// puts on the page's global scope. These only need the core to set data-state, so they hold for any core.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startHarness, waitForState, until, sleep } from './harness.mjs';

const T = { timeout: 30_000 };
let h;
before(async () => {
  h = await startHarness();
});
after(async () => {
  await h?.close();
});

/** data-state changes recorded for one element id since the page started. */
async function stateChanges(p, id) {
  return (await p.nw()).states.filter((s) => s.target === id);
}

test('the documented snippet mounts both the custom element and the data-news-widget div, cross-origin', T, async () => {
  const p = await h.open('/index.html');
  await waitForState(p.page.locator('#ce'), '!loading');
  await waitForState(p.page.locator('#div'), '!loading');
  assert.deepEqual(p.problems(), []);
  // The .wasm is streamed (served as application/wasm); the glue warns when it has to fall back.
  assert.deepEqual(p.warnings().filter((w) => /MIME|instantiateStreaming/.test(w)), []);
  await p.page.close();
});

test('a loader placed before the blocks (async, in <head>) still mounts blocks parsed after it', T, async () => {
  const p = await h.open('/late.html');
  await waitForState(p.page.locator('#ce'), '!loading');
  await waitForState(p.page.locator('#div'), '!loading');
  assert.deepEqual(p.problems(), []);
  await p.page.close();
});

test('blocks added later by the page mount (nested ones too); removed ones unmount without errors and mount again when re-added', T, async () => {
  const p = await h.open('/blank.html');
  const { page } = p;
  // A first block tells us the core is ready; the others are added after that.
  await page.evaluate(() => {
    const ce = document.createElement('news-widget');
    ce.id = 'first';
    ce.setAttribute('kind', 'latest');
    ce.setAttribute('src', '/feeds/latest.json');
    document.getElementById('app').append(ce);
  });
  await waitForState(page.locator('#first'), '!loading');
  await page.evaluate(() => {
    const app = document.getElementById('app');
    const ce = document.createElement('news-widget');
    ce.id = 'dyn-ce';
    ce.setAttribute('kind', 'latest');
    ce.setAttribute('src', '/feeds/latest.json');
    ce.setAttribute('limit', '3');
    const div = document.createElement('div');
    div.id = 'dyn-div';
    div.dataset.newsWidget = 'latest';
    div.dataset.src = '/feeds/latest.json';
    // A whole subtree inserted at once (a single-page site swapping its sidebar).
    const section = document.createElement('section');
    section.id = 'wrap';
    const nested = document.createElement('div');
    nested.id = 'dyn-nested';
    nested.setAttribute('data-news-widget', 'latest');
    nested.setAttribute('data-src', '/feeds/latest.json');
    // These test mounting, not when blocks start: every one starts at once, wherever the page puts it.
    ce.setAttribute('loading', 'eager');
    div.dataset.loading = 'eager';
    nested.setAttribute('data-loading', 'eager');
    section.append(nested);
    app.append(ce, div, section);
  });
  for (const id of ['#dyn-ce', '#dyn-div', '#dyn-nested']) await waitForState(page.locator(id), '!loading');

  await page.evaluate(() => {
    window.__removed = ['dyn-ce', 'dyn-div', 'wrap'].map((id) => document.getElementById(id));
    for (const el of window.__removed) el.remove();
  });
  await sleep(300);
  assert.equal(await page.locator('#dyn-ce, #dyn-div, #dyn-nested').count(), 0);
  assert.deepEqual(p.problems(), []);

  // Re-adding the same elements renders them again.
  const before = (await p.nw()).states.length;
  await page.evaluate(() => document.getElementById('app').append(...window.__removed));
  for (const id of ['#dyn-ce', '#dyn-div', '#dyn-nested']) await waitForState(page.locator(id), '!loading');
  await until(async () => (await p.nw()).states.length > before, 'the re-added blocks to be mounted again');
  assert.deepEqual(p.problems(), []);
  await page.close();
});

test('moving a mounted block to another parent neither unmounts nor remounts it', T, async () => {
  const p = await h.open('/index.html');
  const { page } = p;
  await waitForState(page.locator('#ce'), '!loading');
  await waitForState(page.locator('#div'), '!loading');
  await sleep(300); // let both settle (ready after loading)
  const ce = (await stateChanges(p, 'ce')).length;
  const div = (await stateChanges(p, 'div')).length;
  await page.evaluate(() => {
    const main = document.querySelector('main');
    main.append(document.getElementById('ce'));
    main.prepend(document.getElementById('div'));
  });
  await sleep(300);
  assert.equal((await stateChanges(p, 'ce')).length, ce, 'custom element remounted on move');
  assert.equal((await stateChanges(p, 'div')).length, div, 'div remounted on move');
  assert.notEqual(await page.locator('#ce').getAttribute('data-state'), 'loading');
  assert.deepEqual(p.problems(), []);
  await page.close();
});

test('changing an observed attribute remounts the block; other attributes do not', T, async () => {
  const p = await h.open('/index.html');
  const { page } = p;
  await waitForState(page.locator('#ce'), '!loading');
  await waitForState(page.locator('#div'), '!loading');
  await sleep(300);

  let ce = (await stateChanges(p, 'ce')).length;
  let div = (await stateChanges(p, 'div')).length;
  await page.evaluate(() => {
    document.getElementById('ce').setAttribute('class', 'sidebar-block');
    document.getElementById('ce').setAttribute('title', 'x');
    document.getElementById('div').setAttribute('data-analytics', 'x');
    document.getElementById('div').className = 'sidebar-block';
  });
  await sleep(300);
  assert.equal((await stateChanges(p, 'ce')).length, ce, 'unobserved attribute remounted the custom element');
  assert.equal((await stateChanges(p, 'div')).length, div, 'unobserved attribute remounted the div');

  await page.evaluate(() => {
    document.getElementById('ce').setAttribute('limit', '4');
    document.getElementById('div').setAttribute('data-limit', '2');
  });
  await until(async () => (await stateChanges(p, 'ce')).length > ce, 'the custom element to remount after limit changed');
  await until(async () => (await stateChanges(p, 'div')).length > div, 'the div to remount after data-limit changed');
  await waitForState(page.locator('#ce'), '!loading');
  await waitForState(page.locator('#div'), '!loading');

  // Taking data-news-widget away unmounts the div; putting it back mounts it again.
  await sleep(300);
  await page.evaluate(() => document.getElementById('div').removeAttribute('data-news-widget'));
  await sleep(200);
  div = (await stateChanges(p, 'div')).length;
  await page.evaluate(() => document.getElementById('div').setAttribute('data-news-widget', 'latest'));
  await until(async () => (await stateChanges(p, 'div')).length > div, 'the div to mount again');
  ce = (await stateChanges(p, 'ce')).length;
  assert.ok(ce > 0);
  assert.deepEqual(p.problems(), []);
  await page.close();
});

test('the loader adds exactly one global, window.NewsWidget, whose refresh() remounts a block', T, async () => {
  const plain = await h.open('/plain.html');
  const baseline = new Set(await plain.page.evaluate(() => Object.getOwnPropertyNames(window)));
  await plain.page.close();

  const p = await h.open('/index.html');
  const { page } = p;
  await waitForState(page.locator('#ce'), '!loading');
  const added = (await page.evaluate(() => Object.getOwnPropertyNames(window))).filter((k) => !baseline.has(k));
  assert.deepEqual(added, ['NewsWidget']);
  const api = await page.evaluate(() => ({
    version: window.NewsWidget.version,
    keys: Object.keys(window.NewsWidget).sort(),
    frozen: Object.isFrozen(window.NewsWidget),
  }));
  assert.match(api.version, /^\d+\.\d+\.\d+/);
  assert.deepEqual(api.keys, ['refresh', 'version']);
  assert.ok(api.frozen);

  await sleep(300);
  const n = (await stateChanges(p, 'ce')).length;
  await page.evaluate(() => window.NewsWidget.refresh(document.getElementById('ce')));
  await until(async () => (await stateChanges(p, 'ce')).length > n, 'refresh() to remount the block');
  await page.evaluate(() => window.NewsWidget.refresh(document.getElementById('control'))); // not a block: ignored
  await page.evaluate(() => window.NewsWidget.refresh(null));
  assert.deepEqual(p.problems(), []);
  await page.close();
});

test('a page that remounts a block on every ready event keeps running its timers (the block does not spin)', T, async () => {
  const p = await h.open('/index.html');
  const { page } = p;
  await waitForState(page.locator('#ce'), '!loading');
  await page.evaluate(() => {
    const el = document.getElementById('ce');
    window.__loop = { readies: 0, ticks: 0, stop: false };
    setInterval(() => window.__loop.ticks++, 10);
    el.addEventListener('news-widget:ready', () => {
      window.__loop.readies++;
      if (!window.__loop.stop) window.NewsWidget.refresh(el);
    });
    window.NewsWidget.refresh(el);
  });
  await sleep(1_000);
  // A page stuck in microtasks would never answer this evaluate.
  const loop = await Promise.race([
    page.evaluate(() => ({ ...window.__loop, stop: (window.__loop.stop = true) })),
    sleep(10_000).then(() => null),
  ]);
  assert.ok(loop, 'the page did not answer: the remounts spin in microtasks');
  assert.ok(loop.readies > 16, `only ${loop.readies} ready events: the remounts did not go on`);
  assert.ok(loop.ticks > 5, `the page's timers ran ${loop.ticks} times in a second`);
  await waitForState(page.locator('#ce'), 'ready');
  await page.close();
});

test('a loader included twice (two URLs) keeps the first copy and mounts each block once', T, async () => {
  const p = await h.open('/twice.html');
  const { page } = p;
  await waitForState(page.locator('#ce'), '!loading');
  await waitForState(page.locator('#div'), '!loading');
  await sleep(300);
  assert.deepEqual(p.problems(), []);
  assert.ok(
    p.warnings().some((w) => /included more than once/.test(w)),
    `expected a warning about the second copy, got ${JSON.stringify(p.warnings())}`,
  );
  await page.close();
});

test('when the .wasm cannot be loaded every block shows data-state="error", fires news-widget:error and the console says why', T, async () => {
  const p = await h.open('/broken.html');
  const { page } = p;
  await waitForState(page.locator('#ce'), 'error');
  await waitForState(page.locator('#div'), 'error');
  const nw = await p.nw();
  const errors = nw.events.filter((e) => e.type === 'news-widget:error');
  assert.deepEqual(errors.map((e) => e.target).sort(), ['ce', 'div']);
  for (const e of errors) {
    assert.ok(e.bubbles && e.composed, 'error event must bubble and be composed');
    assert.match(e.detail.reason, /404/);
  }
  assert.ok(
    p.problems().some((m) => /news-widget: could not load the WASM core/.test(m)),
    `expected a clear console.error, got ${JSON.stringify(p.problems())}`,
  );
  // A block added after the failure is marked too.
  await page.evaluate(() => {
    const d = document.createElement('div');
    d.id = 'later';
    d.setAttribute('data-news-widget', 'latest');
    d.setAttribute('data-src', '/feeds/latest.json');
    document.body.append(d);
  });
  await waitForState(page.locator('#later'), 'error');
  assert.equal(p.errors.length, 0, `uncaught exceptions: ${p.errors.join('\n')}`);
  await page.close();
});
