// Theming from the host page: `--nw-*` custom properties set on the host element, `::part()` rules, and the
// `theme` attribute (light, dark, auto after `prefers-color-scheme`), in both embed forms.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startHarness, waitForState, addBlock } from './harness.mjs';

const T = { timeout: 30_000 };
let h;
before(async () => {
  h = await startHarness();
});
after(async () => {
  await h?.close();
});

/** A blank page with the blocks of `blocks` ([id, attrs, form]) settled, after `setup(page)`. */
async function pageWith(blocks, setup) {
  const p = await h.newPage();
  if (setup) await setup(p.page);
  await p.page.goto(h.portal + '/blank.html');
  for (const [id, attrs, form] of blocks) await addBlock(p.page, id, attrs, form);
  for (const [id] of blocks) await waitForState(p.page.locator('#' + id), 'ready');
  return p;
}

/** Computed colours inside the block `#id`: root background and text, title, heading, time, button. */
function colours(page, id) {
  return page.locator('#' + id).evaluate((el) => {
    const r = el.shadowRoot;
    const cs = (sel, prop) => {
      const n = r.querySelector(sel);
      return n ? getComputedStyle(n).getPropertyValue(prop) : null;
    };
    return {
      bg: cs('.nw-root', 'background-color'),
      text: cs('.nw-root', 'color'),
      title: cs('.nw-title', 'color'),
      heading: cs('.nw-heading', 'color'),
      time: cs('time', 'color'),
      scheme: getComputedStyle(el).colorScheme,
      font: cs('.nw-title', 'font-family'),
    };
  });
}

const LIGHT = { bg: 'rgb(255, 255, 255)', text: 'rgb(29, 29, 31)', heading: 'rgb(165, 14, 14)' };
const DARK = { bg: 'rgb(22, 24, 29)', text: 'rgb(233, 231, 228)', heading: 'rgb(255, 143, 133)' };
const FEED = { kind: 'latest', src: '/feeds/latest.json', limit: '3' };

test('[theme] custom properties set on the host element change the rendered colours and fonts (both forms)', T, async () => {
  const p = await pageWith([['ce', FEED], ['div', FEED, 'div'], ['plain', FEED]], (page) =>
    page.addInitScript(() => {
      const css = new CSSStyleSheet();
      css.replaceSync(`
        #ce, #div { --nw-bg: rgb(1, 2, 3); --nw-text: rgb(250, 240, 230); --nw-accent: rgb(0, 200, 100);
                    --nw-muted: rgb(200, 200, 100); --nw-font: Georgia, serif; }
      `);
      document.adoptedStyleSheets = [css];
    }),
  );
  for (const id of ['ce', 'div']) {
    const c = await colours(p.page, id);
    assert.equal(c.bg, 'rgb(1, 2, 3)', id);
    assert.equal(c.text, 'rgb(250, 240, 230)', id);
    assert.equal(c.title, 'rgb(250, 240, 230)', id);
    assert.equal(c.heading, 'rgb(0, 200, 100)', `${id}: the heading follows --nw-accent (through --nw-heading-color)`);
    assert.equal(c.time, 'rgb(200, 200, 100)', id);
    assert.match(c.font, /Georgia/, id);
  }
  const plain = await colours(p.page, 'plain');
  assert.equal(plain.bg, LIGHT.bg, 'a block without the properties keeps the defaults');
  assert.deepEqual(p.problems(), []);
  await p.page.close();
});

test('[theme] ::part() rules of the page apply to the parts (title, heading, time, item, list, button)', T, async () => {
  const p = await pageWith([['b', { ...FEED, kind: 'others', limit: '2', current: 'n04' }]], (page) =>
    page.addInitScript(() => {
      const css = new CSSStyleSheet();
      css.replaceSync(`
        #b::part(title) { color: rgb(12, 34, 56); text-transform: uppercase; }
        #b::part(heading) { letter-spacing: 3px; }
        #b::part(time) { font-style: italic; }
        #b::part(item) { background-color: rgb(9, 9, 9); }
        #b::part(list) { margin-left: 7px; }
        #b::part(button) { border-radius: 0px; }
        #b::part(more) { text-decoration: underline; }
      `);
      document.adoptedStyleSheets = [css];
    }),
  );
  const got = await p.page.locator('#b').evaluate((el) => {
    const r = el.shadowRoot;
    const cs = (sel) => getComputedStyle(r.querySelector(sel));
    return {
      title: [cs('.nw-title').color, cs('.nw-title').textTransform],
      heading: cs('.nw-heading').letterSpacing,
      time: cs('time').fontStyle,
      item: cs('.nw-item').backgroundColor,
      list: cs('.nw-list').marginLeft,
      button: [cs('.nw-more').borderTopLeftRadius, cs('.nw-more').textDecorationLine],
    };
  });
  assert.deepEqual(got, {
    title: ['rgb(12, 34, 56)', 'uppercase'],
    heading: '3px',
    time: 'italic',
    item: 'rgb(9, 9, 9)',
    list: '7px',
    button: ['0px', 'underline'],
  });
  await p.page.close();
});

test('[theme] theme="dark" / data-theme="dark" use the dark palette and color-scheme; light is the default', T, async () => {
  const p = await pageWith([
    ['light', FEED],
    ['dark', { ...FEED, theme: 'dark' }],
    ['ddiv', { ...FEED, theme: 'DARK' }, 'div'],
  ]);
  const light = await colours(p.page, 'light');
  assert.deepEqual([light.bg, light.text, light.heading, light.scheme], [LIGHT.bg, LIGHT.text, LIGHT.heading, 'light']);
  for (const id of ['dark', 'ddiv']) {
    const c = await colours(p.page, id);
    assert.deepEqual([c.bg, c.text, c.heading, c.scheme], [DARK.bg, DARK.text, DARK.heading, 'dark'], id);
  }
  await p.page.close();
});

test('[theme] theme="auto" follows prefers-color-scheme; a bad theme warns and stays light', T, async () => {
  for (const scheme of ['light', 'dark']) {
    const p = await pageWith(
      [['auto', { ...FEED, theme: 'auto' }], ['bad', { ...FEED, theme: 'sepia' }]],
      (page) => page.emulateMedia({ colorScheme: scheme }),
    );
    const want = scheme === 'dark' ? DARK : LIGHT;
    const c = await colours(p.page, 'auto');
    assert.deepEqual([c.bg, c.text, c.heading], [want.bg, want.text, want.heading], scheme);
    assert.equal(c.scheme, 'light dark');
    const bad = await colours(p.page, 'bad');
    assert.equal(bad.bg, LIGHT.bg);
    assert.ok(p.warnings().some((w) => w.includes('attribute theme="sepia" is not light, dark or auto; using light')), JSON.stringify(p.warnings()));
    await p.page.close();
  }
});

test('[theme] a page-set property wins over the dark palette too, and changing theme re-renders the block', T, async () => {
  const p = await pageWith([['b', { ...FEED, theme: 'dark' }]], (page) =>
    page.addInitScript(() => {
      const css = new CSSStyleSheet();
      css.replaceSync('#b { --nw-bg: rgb(15, 17, 21); }');
      document.adoptedStyleSheets = [css];
    }),
  );
  assert.equal((await colours(p.page, 'b')).bg, 'rgb(15, 17, 21)');
  assert.equal((await colours(p.page, 'b')).text, DARK.text);
  await p.page.locator('#b').evaluate((el) => el.setAttribute('theme', 'light'));
  await waitForState(p.page.locator('#b'), 'ready');
  const c = await colours(p.page, 'b');
  assert.deepEqual([c.bg, c.text, c.scheme], ['rgb(15, 17, 21)', LIGHT.text, 'light']);
  await p.page.close();
});
