// The lean module draws "Mới nhất" with plain DOM calls, the full module with Leptos: the two views must
// write the same markup in every state, or a page's CSS and scripts would see a different block depending
// on which other blocks share its page. Each case mounts one block alone (the lean module) and the same
// block after a gallery on another page (the full module), and compares the shadow roots element by
// element: tag, attributes (any order), text.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startHarness, waitForState, addBlock, modules, sleep, until } from './harness.mjs';

const T = { timeout: 60_000 };
let h;
before(async () => {
  h = await startHarness();
});
after(async () => {
  await h?.close();
});

/** The block's shadow root as nested [tag, sorted attributes, children] (text as strings; comments out). */
function markup(page, host) {
  return page.locator(host).evaluate((el) => {
    const walk = (n) =>
      n.nodeType === Node.TEXT_NODE
        ? n.data
        : [
            n.localName,
            [...n.attributes].map((a) => `${a.name}=${a.value}`).sort(),
            [...n.childNodes].filter((c) => c.nodeType !== Node.COMMENT_NODE).map(walk).reduce((all, c) => {
              // Adjacent text nodes read as one, as a reader and innerText see them.
              if (typeof c === 'string' && typeof all[all.length - 1] === 'string') all[all.length - 1] += c;
              else all.push(c);
              return all;
            }, []),
          ];
    return el.shadowRoot ? [...el.shadowRoot.childNodes].map(walk) : null;
  });
}

/**
 * Opens the block `attrs` in the module `which` ('lean': alone; 'full': after a gallery, which needs the
 * full module) and returns the page once `ready(page)` holds.
 */
async function openIn(which, attrs, settled) {
  const p = await h.open('/blank.html');
  if (which === 'full') {
    await addBlock(p.page, 'g', { kind: 'gallery', src: '/gallery/feeds/gallery.json', limit: '2' });
    await waitForState(p.page.locator('#g'), 'ready');
  }
  await addBlock(p.page, 'b', attrs);
  await settled(p.page);
  const files = await modules(p.page);
  assert.deepEqual(files, [which === 'lean' ? 'news-widget-latest_bg.wasm' : 'news-widget-core_bg.wasm']);
  return p;
}

const state = (s) => (page) => waitForState(page.locator('#b'), s);

/** The block's markup in each module, once `settled`; asserts both have drawn something. */
async function both(attrs, settled = state('ready')) {
  const out = {};
  for (const which of ['lean', 'full']) {
    const p = await openIn(which, attrs, settled);
    out[which] = await markup(p.page, '#b');
    assert.deepEqual(p.errors, [], `${which}: no uncaught errors`);
    await p.page.close();
  }
  assert.ok(JSON.stringify(out.lean).includes('nw-root'), JSON.stringify(out.lean));
  return out;
}

const cases = [
  ['the default list with thumbnails', { src: '/feeds/latest.json', limit: '5' }],
  ['summaries, no thumbnails, an English heading', { src: '/feeds/latest.json', limit: '3', summary: 'on', thumbnails: 'off', lang: 'en', heading: 'Latest' }],
  ['the grid layout with summaries', { src: '/feeds/latest.json', limit: '4', layout: 'grid', summary: 'on' }],
  ['the compact layout without a heading', { src: '/feeds/latest.json', limit: '6', layout: 'compact', heading: '' }],
  ['two sources, one of them missing (the note, the source names)', { src: '/feeds/latest.json /views/missing.json', limit: '4' }],
  ['a feed with no items (the empty state)', { src: '/feeds/empty.json' }, 'empty'],
];

for (const [what, attrs, settled = 'ready'] of cases) {
  test(`[views] lean and full draw the same block: ${what}`, T, async () => {
    const { lean, full } = await both(attrs, state(settled));
    assert.deepEqual(lean, full);
  });
}

test('[views] lean and full draw the same placeholders while loading and the same error with its retry button', T, async () => {
  const held = [];
  h.routes.set('/views/slow-fail.json', async (req, res) => {
    held.push(res);
    await until(async () => res.release, 'the test to release the answer', 20_000);
    res.statusCode = 404;
    res.end('gone\n');
  });
  const seen = { loading: {}, error: {} };
  for (const which of ['lean', 'full']) {
    const p = await openIn(which, { src: '/views/slow-fail.json', limit: '3', summary: 'on' }, state('loading'));
    await until(async () => (await markup(p.page, '#b'))?.length > 0, 'the placeholders');
    seen.loading[which] = await markup(p.page, '#b');
    for (const res of held.splice(0)) res.release = true;
    await waitForState(p.page.locator('#b'), 'error');
    seen.error[which] = await markup(p.page, '#b');
    // Retry: loading again, the error stays until the next answer.
    const retry = p.page.locator('#b button.nw-retry');
    await retry.click();
    await waitForState(p.page.locator('#b'), 'loading');
    for (const res of held.splice(0)) res.release = true;
    await waitForState(p.page.locator('#b'), 'error');
    await p.page.close();
  }
  assert.match(JSON.stringify(seen.loading.lean), /nw-loading/);
  assert.deepEqual(seen.loading.lean, seen.loading.full);
  assert.match(JSON.stringify(seen.error.lean), /nw-retry/);
  assert.deepEqual(seen.error.lean, seen.error.full);
});

test('[views] lean and full keep the same remembered list with the same age note when the feed fails', T, async () => {
  let fail = false;
  h.routes.set('/views/stale.json', async (req, res) => {
    if (fail) {
      res.statusCode = 503;
      res.setHeader('Retry-After', '0');
      return res.end('down\n');
    }
    res.setHeader('Content-Type', 'application/feed+json');
    res.end(await h.site('feeds/latest.json'));
  });
  const attrs = { src: '/views/stale.json', limit: '3' };
  // A good first view remembers the list (both modules share the snapshot of these sources).
  const first = await openIn('lean', attrs, state('ready'));
  await sleep(300); // the snapshot is written after the ready report
  await first.page.close();
  fail = true;
  const { lean, full } = await both(attrs, state('error'));
  assert.match(JSON.stringify(lean), /nw-stale/);
  assert.match(JSON.stringify(lean), /nw-item/);
  assert.deepEqual(lean, full);
});
