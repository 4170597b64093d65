// The snippet configurator of the demo site (demo/configurator.html, as `make serve` serves it): the preview
// follows the options, the copied snippet renders the same block when pasted into a blank page of another
// site, and axe-core finds nothing to report on the page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { startHarness, startDemo, waitForState, readItems, until, sleep } from './harness.mjs';

const T = { timeout: 60_000 };
const require = createRequire(import.meta.url);
let h;
let demo;
before(async () => {
  h = await startHarness();
  demo = await startDemo();
  await h.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: demo.origin });
});
after(async () => {
  await h?.close();
  await demo?.close();
});

async function openConfigurator() {
  const p = await h.newPage();
  await demo.route(p.page);
  await p.page.goto(demo.origin + '/configurator.html');
  await waitForState(p.page.locator('#preview'), 'ready');
  return p;
}

/** Waits for the preview to render again after a change of options (a new mount), then for it to be ready. */
async function settled(page, before) {
  await until(async () => (await page.evaluate(() => window.__nw.states.length)) > before, 'the preview to render again');
  await waitForState(page.locator('#preview'), 'ready');
}

/** What a reader sees of each item (the loading progress of thumbnails aside). */
const items = async (page, host) =>
  (await readItems(page, host)).map((i) => ({ id: i.id, href: i.href, text: i.text, img: i.img && i.img.src }));

const heading = (page, host) => page.locator(host).evaluate((el) => el.shadowRoot.querySelector('.nw-heading')?.textContent ?? null);

test('[configurator] changing options updates the preview and both snippets', T, async () => {
  const p = await openConfigurator();
  const { page } = p;
  assert.equal((await readItems(page, '#preview')).length, 6);
  let n = (await p.nw()).states.length;
  await page.getByLabel('Số tin (limit)').fill('3');
  await page.getByLabel('Tiêu đề (heading)').fill('Tin nổi bật');
  await page.getByLabel('Ảnh nhỏ (thumbnails)').selectOption('off');
  await settled(page, n);
  await until(async () => (await readItems(page, '#preview')).length === 3, 'three items in the preview');
  assert.equal(await heading(page, '#preview'), 'Tin nổi bật');
  assert.ok((await readItems(page, '#preview')).every((i) => i.img === null), 'no thumbnails');
  const element = await page.locator('#snippet-element').textContent();
  const div = await page.locator('#snippet-div').textContent();
  const src = `${demo.origin}/feeds/latest.json`;
  assert.equal(element, `<script type="module" src="${demo.origin}/news-widget/news-widget.js"></script>\n\n` +
    `<news-widget kind="latest" src="${src}" limit="3" heading="Tin nổi bật" thumbnails="off"></news-widget>\n`);
  assert.match(div, new RegExp(`<div data-news-widget="latest" data-src="${src}" data-limit="3" data-heading="Tin nổi bật" data-thumbnails="off"></div>\\n$`));

  // Another kind: the block of that kind renders in the preview.
  n = (await p.nw()).states.length;
  await page.getByLabel('Loại khối (kind)').selectOption('others');
  await settled(page, n);
  assert.equal(await page.locator('#preview').getAttribute('kind'), 'others');
  assert.match(await page.locator('#snippet-element').textContent(), /<news-widget kind="others" /);
  // Options that this build may not read yet are plain attributes of the snippet.
  await page.getByLabel('Bố cục (layout)').selectOption('grid');
  await page.getByLabel('Thời gian (time)').selectOption('relative');
  await page.getByLabel('Giao diện (theme)').selectOption('dark');
  await sleep(400);
  assert.match(await page.locator('#snippet-element').textContent(), / layout="grid" theme="dark" time="relative"/);
  assert.equal(await page.locator('#preview').getAttribute('theme'), 'dark');
  await waitForState(page.locator('#preview'), ['ready', 'empty']);
  assert.deepEqual(p.errors, []);
  await page.close();
});

for (const form of ['element', 'div']) {
  test(`[configurator] the copied ${form} snippet pasted into a blank page of another site renders the same block`, T, async () => {
    const p = await openConfigurator();
    const { page } = p;
    const n = (await p.nw()).states.length;
    await page.getByLabel('Số tin (limit)').fill('4');
    await page.getByLabel('Tóm tắt (summary)').selectOption('on');
    await settled(page, n);
    await until(async () => (await readItems(page, '#preview')).length === 4, 'four items in the preview');
    const shown = await items(page, '#preview');
    await page.getByRole('button', { name: form === 'div' ? 'Sao chép mã thẻ <div>' : 'Sao chép mã thẻ <news-widget>' }).click();
    await until(async () => (await page.locator('#copy-status').textContent()) === 'Đã sao chép đoạn mã.', 'the copy to be confirmed');
    const pasted = await page.evaluate(() => navigator.clipboard.readText());
    assert.equal(pasted, await page.locator(form === 'div' ? '#snippet-div' : '#snippet-element').textContent());

    h.routes.set('/pasted.html', (req, res) => {
      res.setHeader('Content-Type', 'text/html; charset=utf-8');
      res.end(`<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>Pasted</title></head><body>\n${pasted}</body></html>`);
    });
    const blank = await h.open('/pasted.html');
    const host = form === 'div' ? '[data-news-widget]' : 'news-widget';
    await waitForState(blank.page.locator(host), 'ready');
    assert.deepEqual(await items(blank.page, host), shown);
    assert.deepEqual(blank.errors, []);
    await blank.page.close();
    await page.close();
  });
}

test('[configurator] [a11y] axe-core reports no violation on the configurator, preview rendered in the light and the dark theme', T, async (t) => {
  const p = await openConfigurator();
  await p.page.addScriptTag({ content: await readFile(require.resolve('axe-core/axe.min.js'), 'utf8') });
  for (const theme of ['light', 'dark']) {
    await p.page.getByLabel('Giao diện (theme)').selectOption(theme);
    await until(async () => (await p.page.locator('#preview').getAttribute('theme')) === theme, `the ${theme} preview`);
    await waitForState(p.page.locator('#preview'), 'ready');
    // eslint-disable-next-line no-undef
    const violations = await p.page.evaluate(async () => (await axe.run(document)).violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      nodes: v.nodes.map((n) => n.target),
    })));
    t.diagnostic(`axe violations (${theme}): ${JSON.stringify(violations)}`);
    assert.deepEqual(violations, [], theme);
  }
  await p.page.close();
});
