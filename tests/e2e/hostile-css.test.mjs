// Style isolation both ways. A host page whose CSS attacks every element (`* { … !important }`) must not
// change anything inside the blocks' shadow roots, and the widget must not change anything on the page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startHarness, waitForState, sleep } from './harness.mjs';

const T = { timeout: 30_000 };
let h;
before(async () => {
  h = await startHarness();
});
after(async () => {
  await h?.close();
});

// Properties a theme would fight over; layout-dependent ones (width, height) are left out on purpose:
// the hostile page may make the host inline or wider, which is its right.
const PROPS = [
  'color', 'font-size', 'font-family', 'font-weight', 'font-style', 'line-height', 'display', 'margin-top',
  'margin-left', 'padding-top', 'padding-left', 'letter-spacing', 'word-spacing', 'text-transform',
  'text-align', 'text-decoration-line', 'list-style-type', 'white-space', 'visibility', 'box-sizing',
  'border-top-width', 'border-top-style', 'background-color',
];

/** Computed styles of every element inside the host's shadow root, in tree order. */
function shadowStyles(page, host) {
  return page.locator(host).evaluate((el, props) => {
    if (!el.shadowRoot) return null;
    return [...el.shadowRoot.querySelectorAll('*')].map((n) => {
      const cs = getComputedStyle(n);
      const cls = n.getAttribute('class');
      const id = n.getAttribute('data-item-id');
      const out = { el: n.localName + (cls ? '.' + cls.trim().split(/\s+/).join('.') : '') + (id ? `[data-item-id=${id}]` : '') };
      for (const p of props) out[p] = cs.getPropertyValue(p);
      return out;
    });
  }, PROPS);
}

for (const host of ['#ce', '#div']) {
  test(`[component] a hostile host stylesheet changes nothing inside the ${host} block's shadow root`, T, async () => {
    const ref = await h.open('/index.html');
    const bad = await h.open('/hostile.html');
    await waitForState(ref.page.locator(host), 'ready');
    await waitForState(bad.page.locator(host), 'ready');
    await sleep(200);
    // The attack is real: the page's own elements are hit.
    assert.equal(await bad.page.locator('#control').evaluate((e) => getComputedStyle(e).fontSize), '40px');
    const expected = await shadowStyles(ref.page, host);
    const actual = await shadowStyles(bad.page, host);
    assert.ok(expected && expected.length > 0, `${host} has no shadow root content`);
    assert.equal(actual.length, expected.length, 'same elements in both shadow roots');
    // Only the differences, so a failure names the element and property instead of dumping every style.
    const diffs = [];
    expected.forEach((want, i) => {
      for (const prop of PROPS) {
        if (actual[i][prop] !== want[prop]) diffs.push(`#${i} <${want.el}> ${prop}: ${actual[i][prop]} (expected ${want[prop]})`);
      }
    });
    assert.deepEqual(diffs, []);
    assert.deepEqual(bad.problems(), []);
    await ref.page.close();
    await bad.page.close();
  });
}

test('nothing of ours leaks onto the host page: no document styles added, page elements styled as without the widget', T, async () => {
  const plain = await h.open('/plain.html');
  const page = await h.open('/index.html');
  await waitForState(page.page.locator('#ce'), '!loading');
  await waitForState(page.page.locator('#div'), '!loading');
  await sleep(200);
  const snapshot = (p) =>
    p.evaluate((props) => {
      const cs = getComputedStyle(document.getElementById('control'));
      const h1 = getComputedStyle(document.querySelector('h1'));
      return {
        control: props.map((k) => cs.getPropertyValue(k)),
        h1: props.map((k) => h1.getPropertyValue(k)),
        body: getComputedStyle(document.body).getPropertyValue('font-family'),
        adopted: document.adoptedStyleSheets.length,
        sheets: document.styleSheets.length,
        styleElements: document.querySelectorAll('style, link[rel~="stylesheet"]').length,
      };
    }, PROPS);
  assert.deepEqual(await snapshot(page.page), await snapshot(plain.page));
  assert.deepEqual(page.problems(), []);
  await plain.page.close();
  await page.page.close();
});

test('[component] a hostile host stylesheet changes nothing inside blocks of every layout and of the dark theme', T, async () => {
  const BLOCKS = [
    ['l-compact', { layout: 'compact' }],
    ['l-grid', { layout: 'grid', summary: 'on' }],
    ['l-ticker', { layout: 'ticker' }],
    ['l-dark', { theme: 'dark' }],
  ];
  const open = async (path) => {
    const p = await h.newPage();
    // Reduced motion: the ticker stays on its first story, so both pages show the same.
    await p.page.emulateMedia({ reducedMotion: 'reduce' });
    await p.page.goto(h.portal + path);
    await p.page.evaluate((blocks) => {
      for (const [id, attrs] of blocks) {
        const el = document.createElement('news-widget');
        el.id = id;
        // Eager: the hostile page pushes the sidebar far away; this test is about styles, not start times.
        for (const [k, v] of Object.entries({ kind: 'latest', src: '/feeds/latest.json', limit: '4', loading: 'eager', ...attrs })) el.setAttribute(k, v);
        document.getElementById('sidebar').append(el);
      }
    }, BLOCKS);
    for (const [id] of BLOCKS) await waitForState(p.page.locator('#' + id), 'ready');
    await sleep(200);
    return p;
  };
  const ref = await open('/index.html');
  const bad = await open('/hostile.html');
  for (const [id] of BLOCKS) {
    const expected = await shadowStyles(ref.page, '#' + id);
    const actual = await shadowStyles(bad.page, '#' + id);
    assert.ok(expected.length > 0, `#${id} has content`);
    assert.equal(actual.length, expected.length, `#${id}: same elements in both shadow roots`);
    const diffs = [];
    expected.forEach((want, i) => {
      for (const prop of PROPS) {
        if (actual[i][prop] !== want[prop]) diffs.push(`#${id} #${i} <${want.el}> ${prop}: ${actual[i][prop]} (expected ${want[prop]})`);
      }
    });
    assert.deepEqual(diffs, []);
  }
  assert.deepEqual(bad.problems(), []);
  await ref.page.close();
  await bad.page.close();
});
