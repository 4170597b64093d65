// Which module a page downloads, and when the feeds start: a page whose blocks are all "Mới nhất" with a
// JSON Feed gets only the lean module; a page with any other kind gets only the full one; a lean block whose
// feed turns out to be RSS is handed to the full module and renders; blocks added later that need the full
// module load it beside the lean one. The loader starts each feed request while the module downloads, and
// the core takes that request instead of sending another.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startHarness, waitForState, addBlock, readItems, modules } from './harness.mjs';

const T = { timeout: 30_000 };
let h;
before(async () => {
  h = await startHarness();
});
after(async () => {
  await h?.close();
});

/** Console problems of the widget itself (pages here also show broken and unreachable images on purpose). */
function widgetProblems(p) {
  return p.problems().filter((m) => !m.startsWith('Failed to load resource'));
}

test('a page of "Mới nhất" blocks with a JSON Feed downloads only the lean module and requests its feed once', T, async () => {
  const before = h.requests.filter((r) => r.path === '/feeds/latest.json').length;
  const p = await h.open('/index.html');
  await waitForState(p.page.locator('#ce'), 'ready');
  await waitForState(p.page.locator('#div'), 'ready');
  assert.deepEqual(await modules(p.page), ['news-widget-latest_bg.wasm']);
  assert.equal(h.requests.filter((r) => r.path === '/feeds/latest.json').length - before, 1);
  assert.ok((await readItems(p.page, '#ce')).length > 0);
  assert.deepEqual(widgetProblems(p), []);
  assert.deepEqual(p.errors, []);
  await p.page.close();
});

test('a page with a gallery downloads only the full module', T, async () => {
  const p = await h.open('/gallery/index.html');
  await waitForState(p.page.locator('#g'), 'ready');
  assert.deepEqual(await modules(p.page), ['news-widget-core_bg.wasm']);
  assert.deepEqual(widgetProblems(p), []);
  assert.deepEqual(p.errors, []);
  await p.page.close();
});

test('a "Mới nhất" block whose feed is RSS is handed to the full module and renders its items', T, async () => {
  const p = await h.open('/blank.html');
  await addBlock(p.page, 'rss', { kind: 'latest', src: '/formats/feeds/vnexpress_tin-moi-nhat_2017-07-26.rss', limit: '4' });
  await waitForState(p.page.locator('#rss'), 'ready');
  assert.equal((await readItems(p.page, '#rss')).length, 4);
  assert.deepEqual(await modules(p.page), ['news-widget-core_bg.wasm', 'news-widget-latest_bg.wasm']);
  assert.deepEqual(widgetProblems(p), []);
  assert.deepEqual(p.errors, []);
  await p.page.close();
});

test('a "Mới nhất" block that refreshes, writes relative times or is a ticker is the full module\'s: the lean one has none of them', T, async () => {
  for (const attrs of [{ refresh: '60' }, { time: 'relative' }, { layout: 'ticker' }]) {
    const p = await h.open('/blank.html');
    await addBlock(p.page, 'live', { kind: 'latest', src: '/feeds/latest.json', limit: '3', ...attrs });
    await waitForState(p.page.locator('#live'), 'ready');
    assert.deepEqual(await modules(p.page), ['news-widget-core_bg.wasm'], JSON.stringify(attrs));
    assert.deepEqual(widgetProblems(p), []);
    await p.page.close();
  }
});

test('a gallery added to a lean page loads the full module; the lean block keeps working', T, async () => {
  const p = await h.open('/blank.html');
  await addBlock(p.page, 'l', { kind: 'latest', src: '/feeds/latest.json', limit: '3' });
  await waitForState(p.page.locator('#l'), 'ready');
  assert.deepEqual(await modules(p.page), ['news-widget-latest_bg.wasm']);
  await addBlock(p.page, 'g', { kind: 'gallery', src: '/gallery/feeds/gallery.json', limit: '4' }, 'div');
  await waitForState(p.page.locator('#g'), 'ready');
  assert.deepEqual(await modules(p.page), ['news-widget-core_bg.wasm', 'news-widget-latest_bg.wasm']);
  // Changing the lean block's kind moves it to the full module, which renders it.
  await p.page.evaluate(() => document.getElementById('l').setAttribute('kind', 'others'));
  await waitForState(p.page.locator('#l'), 'ready');
  assert.equal(await p.page.locator('#l').getAttribute('data-state'), 'ready');
  assert.equal((await readItems(p.page, '#l')).length, 3);
  assert.deepEqual(widgetProblems(p), []);
  assert.deepEqual(p.errors, []);
  await p.page.close();
});

test('the lean module hands any block it does not draw to the full module: it draws nothing, and unmounting it is clean', T, async () => {
  // The loader sends such blocks to the full module itself; this calls the lean module directly, as a
  // loader would if it misjudged a block, on a page without the loader.
  const p = await h.open('/plain.html');
  const seen = await p.page.evaluate(async (cdn) => {
    const glue = await import(cdn + '/news-widget-latest.js');
    await glue.default({ module_or_path: cdn + '/news-widget-latest_bg.wasm' });
    const blocks = {
      gallery: { kind: 'gallery', src: '/gallery/feeds/gallery.json' },
      ticker: { kind: 'latest', layout: 'ticker', src: '/feeds/latest.json' },
      refresh: { kind: 'latest', refresh: '60', src: '/feeds/latest.json' },
    };
    const out = {};
    for (const [name, attrs] of Object.entries(blocks)) {
      const el = document.createElement('news-widget');
      for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
      document.body.append(el);
      const handed = new Promise((done) => el.addEventListener('news-widget:needs-full', () => done(true), { once: true }));
      const handle = glue.mount_block(el);
      const asked = await Promise.race([handed, new Promise((done) => setTimeout(() => done(false), 3000))]);
      const drawn = el.shadowRoot ? el.shadowRoot.querySelectorAll('.nw-root, [data-item-id]').length : 0;
      glue.unmount_block(handle);
      glue.unmount_block(handle); // a second unmount of the same handle is ignored
      out[name] = { mounted: handle > 0, asked, drawn, state: el.getAttribute('data-state') };
    }
    return out;
  }, h.cdn + '/cdn/news-widget');
  for (const [name, s] of Object.entries(seen)) {
    assert.deepEqual(s, { mounted: true, asked: true, drawn: 0, state: null }, name);
  }
  assert.deepEqual(widgetProblems(p), []);
  assert.deepEqual(p.errors, []);
  await p.page.close();
});
