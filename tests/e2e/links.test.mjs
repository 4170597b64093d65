// "Liên kết website" (kind="links"), cross-origin through the documented snippet: the list layout (links with
// icons, a new tab with rel="noopener", only http(s) links) and the drop-down layout (a real <select> with a
// label and a "Đi" button, used by keyboard alone: choosing never navigates, the button opens the chosen site
// in a new tab without an opener), a JSON Feed of sites in English, the states and events. The page is
// tests/e2e/site/links/index.html; its lists are scripted routes pointing at pages of the portal itself, so
// the tabs they open load locally.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startHarness, waitForState, until, sleep, shadowText } from './harness.mjs';

const T = { timeout: 30_000 };
let h;
const site = (n) => `${h.portal}/blank.html?site=${n}`;
before(async () => {
  h = await startHarness();
  h.routes.set('/links/sites.json', async (req, res) => {
    res.setHeader('Content-Type', 'application/json; charset=utf-8');
    res.end(JSON.stringify([
      { title: 'Báo Nhân Dân', url: site('nhandan'), icon: '/img/favicon.png' },
      { title: 'Cổng Thông tin điện tử Chính phủ', url: site('chinhphu') },
      { title: 'Độc hại', url: 'javascript:alert(1)' },
      { title: 'Đài Tiếng nói Việt Nam', url: site('vov') },
    ]));
  });
  h.routes.set('/links/sites.feed.json', async (req, res) => {
    res.setHeader('Content-Type', 'application/feed+json; charset=utf-8');
    res.end(JSON.stringify({
      version: 'https://jsonfeed.org/version/1.1',
      title: 'Partner sites',
      items: [
        { id: 'a', url: site('a'), title: 'Site A' },
        { id: 'b', url: site('b'), title: 'Site B' },
      ],
    }));
  });
});
after(async () => {
  await h?.close();
});

async function openLinks() {
  const p = await h.open('/links/index.html');
  for (const id of ['#list', '#select', '#en']) await waitForState(p.page.locator(id), 'ready');
  return p;
}

/** What has focus inside a block's shadow root. */
function focused(page, host) {
  return page.locator(host).evaluate((el) => {
    const a = el.shadowRoot.activeElement;
    return a ? { tag: a.localName, cls: a.className, href: a.getAttribute('href'), value: a.value ?? null } : null;
  });
}

test('[links] list layout: the http(s) sites in order, each a new-tab link with rel="noopener", icons, reachable by Tab', T, async () => {
  const p = await openLinks();
  const { page } = p;
  assert.match(await shadowText(page, '#list'), /^Liên kết website/);
  const links = await page.locator('#list a.nw-link').evaluateAll((as) =>
    as.map((a) => ({
      href: a.getAttribute('href'),
      text: a.querySelector('.nw-link-text').textContent,
      target: a.getAttribute('target'),
      rel: a.getAttribute('rel'),
      icon: a.querySelector('img') && a.querySelector('img').getAttribute('alt'),
      name: a.textContent.trim(),
    })),
  );
  assert.deepEqual(links.map((l) => l.href), [site('nhandan'), site('chinhphu'), site('vov')], 'javascript: is dropped');
  assert.deepEqual(links.map((l) => l.text), ['Báo Nhân Dân', 'Cổng Thông tin điện tử Chính phủ', 'Đài Tiếng nói Việt Nam']);
  for (const l of links) {
    assert.equal(l.target, '_blank');
    assert.equal(l.rel, 'noopener');
    assert.match(l.name, /\(mở trong thẻ mới\)$/, 'screen readers hear that it opens a new tab');
  }
  assert.equal(links[0].icon, '', 'the icon is decorative');
  assert.equal(links[1].icon, null);
  const ready = (await p.nw()).events.find((e) => e.type === 'news-widget:ready' && e.target === 'list');
  assert.equal(ready.detail.kind, 'links');
  assert.equal(ready.detail.count, 3);

  await page.locator('#before').focus();
  await page.keyboard.press('Tab');
  assert.equal((await focused(page, '#list')).href, site('nhandan'));
  await page.keyboard.press('Tab');
  assert.equal((await focused(page, '#list')).href, site('chinhphu'));
  const opened = page.context().waitForEvent('page');
  await page.keyboard.press('Enter');
  const tab = await opened;
  await tab.waitForLoadState();
  assert.equal(tab.url(), site('chinhphu'));
  assert.equal(await tab.evaluate(() => window.opener), null, 'no opener');
  await tab.close();
  assert.equal(page.url(), `${h.portal}/links/index.html`, 'the portal page stays');
  assert.deepEqual(p.problems(), []);
  await page.close();
});

test('[links] drop-down layout by keyboard alone: choosing does not navigate, "Đi" opens the chosen site in a new tab without opener', T, async () => {
  const p = await openLinks();
  const { page } = p;
  const select = page.locator('#select select');
  const options = await select.evaluate((s) => [...s.options].map((o) => ({ value: o.value, text: o.textContent })));
  assert.deepEqual(options, [
    { value: '', text: '— Liên kết website —' },
    { value: site('nhandan'), text: 'Báo Nhân Dân' },
    { value: site('chinhphu'), text: 'Cổng Thông tin điện tử Chính phủ' },
    { value: site('vov'), text: 'Đài Tiếng nói Việt Nam' },
  ]);
  // The <select> has a label (its accessible name), inside the same shadow root.
  const label = await page.locator('#select').evaluate((el) => {
    const s = el.shadowRoot.querySelector('select');
    return s.labels.length ? s.labels[0].textContent : null;
  });
  assert.equal(label, 'Chọn website liên kết');

  // Tab from the page: the list block's three links, then the drop-down.
  await page.locator('#before').focus();
  for (let i = 0; i < 4; i++) await page.keyboard.press('Tab');
  assert.equal((await focused(page, '#select')).tag, 'select');
  let pages = 0;
  page.context().on('page', () => pages++);
  // "Đi" with nothing chosen: back to the drop-down, nothing opens.
  await page.keyboard.press('Tab');
  assert.equal((await focused(page, '#select')).cls, 'nw-btn nw-go');
  await page.keyboard.press('Enter');
  await sleep(300);
  assert.equal(pages, 0);
  assert.equal((await focused(page, '#select')).tag, 'select', 'focus goes back to the drop-down');

  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await sleep(300);
  assert.equal((await focused(page, '#select')).value, site('chinhphu'));
  assert.equal(pages, 0, 'choosing does not navigate');
  assert.equal(page.url(), `${h.portal}/links/index.html`);

  await page.keyboard.press('Tab');
  const opened = page.context().waitForEvent('page');
  await page.keyboard.press('Space');
  const tab = await opened;
  await tab.waitForLoadState();
  assert.equal(tab.url(), site('chinhphu'));
  assert.equal(await tab.evaluate(() => window.opener), null, 'opened with noopener');
  await tab.close();
  assert.equal(page.url(), `${h.portal}/links/index.html`, 'the portal page stays');
  assert.deepEqual(p.problems(), []);
  await page.close();
});

test('[links] a JSON Feed of sites, in English: "Partner sites", "— Partner sites —" and "Go"', T, async () => {
  const p = await openLinks();
  const { page } = p;
  assert.match(await shadowText(page, '#en'), /^Partner sites/);
  const options = await page.locator('#en select option').allTextContents();
  assert.deepEqual(options, ['— Partner sites —', 'Site A', 'Site B']);
  assert.equal((await page.locator('#en button.nw-go').textContent()).trim(), 'Go');
  await page.close();
});

test('[links] a list that fails to load is the error state with its event, like every block', T, async () => {
  const p = await h.open('/blank.html');
  const { page } = p;
  await page.evaluate(() => {
    const el = document.createElement('news-widget');
    el.id = 'missing';
    el.setAttribute('kind', 'links');
    el.setAttribute('src', '/links/missing.json');
    document.getElementById('app').append(el);
  });
  await waitForState(page.locator('#missing'), 'error');
  const ev = await until(
    async () => (await p.nw()).events.find((e) => e.type === 'news-widget:error' && e.target === 'missing'),
    'the error event',
  );
  assert.equal(ev.detail.kind, 'links');
  assert.equal(ev.detail.status, 404);
  await page.close();
});
