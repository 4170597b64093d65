// The demo page does not jump: cumulative layout shift (Layout Instability API, `layout-shift` entries
// without recent input, summed over the whole visit) while it loads and while the reader scrolls to the
// bottom, so that the blocks below the fold start on the way. At a desktop and at a phone width.
// No shift at all: the loader holds an estimate until a block mounts, then the block's placeholder holds the
// height of its layout and limit; blocks that start below the fold render before they come into view.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM, startDemo, scrollThrough, until, sleep } from './harness.mjs';

const T = { timeout: 60_000 };
const HOSTS = 'news-widget, [data-news-widget]';
let demo;
let browser;
before(async () => {
  demo = await startDemo();
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
});
after(async () => {
  await browser?.close();
  await demo?.close();
});

function recordShifts() {
  const cls = { total: 0, shifts: [] };
  Object.defineProperty(window, '__cls', { value: cls });
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      if (e.hadRecentInput) continue;
      cls.total += e.value;
      const name = (n) => {
        if (!n) return '?';
        const host = n.getRootNode && n.getRootNode().host;
        const own = n.id ? '#' + n.id : n.className ? '.' + String(n.className).split(' ')[0] : n.nodeName;
        return host ? `${host.localName}[${host.getAttribute('kind') || host.getAttribute('data-news-widget')}] ${own}` : own;
      };
      cls.shifts.push({ value: e.value, at: Math.round(e.startTime), scrollY, sources: e.sources.map((s) => name(s.node)) });
    }
  }).observe({ type: 'layout-shift', buffered: true });
}

const VIEWPORTS = [['desktop 1280×800', { width: 1280, height: 800 }, 0], ['phone 390×844', { width: 390, height: 844 }, 0]];
for (const [label, viewport, bound] of VIEWPORTS) {
  test(`[cls] the demo page, loaded and scrolled to the bottom (${label}): cumulative layout shift ≤ ${bound}`, T, async (t) => {
    const context = await browser.newContext({ timezoneId: 'Asia/Ho_Chi_Minh', locale: 'vi-VN', viewport });
    await context.addInitScript(recordShifts);
    const page = await demo.open(context);
    await page.waitForLoadState('load');
    await sleep(500);
    await scrollThrough(page, { step: 0.5, pause: 200 });
    await until(
      () => page.evaluate((sel) => [...document.querySelectorAll(sel)].every((e) => ['ready', 'empty', 'error'].includes(e.getAttribute('data-state'))), HOSTS),
      'every block to settle',
    );
    await sleep(500);
    const cls = await page.evaluate(() => window.__cls);
    t.diagnostic(`CLS ${cls.total.toFixed(4)} over ${cls.shifts.length} shifts${cls.shifts.length ? ': ' + JSON.stringify(cls.shifts) : ''}`);
    assert.ok(Number(cls.total.toFixed(4)) <= bound, JSON.stringify(cls.shifts));
    await context.close();
  });
}

// The same page with its feeds slow to answer: every block shows its placeholder for a second, and the
// placeholder must already have the height of the loaded block (a shift otherwise, once when it is drawn in
// place of the loader's estimate and again when the items arrive). At the desktop width, where the sidebar's
// blocks start in view.
for (const [label, viewport] of VIEWPORTS.slice(0, 1)) {
  test(`[cls] the demo page with slow feeds (${label}): the placeholders hold the loaded blocks' heights`, T, async (t) => {
    const context = await browser.newContext({ timezoneId: 'Asia/Ho_Chi_Minh', locale: 'vi-VN', viewport });
    await context.addInitScript(recordShifts);
    await context.route(/\/feeds\//, async (route) => {
      await sleep(1_000);
      await route.continue();
    });
    const page = await demo.open(context);
    await until(
      () => page.evaluate((sel) => [...document.querySelectorAll(sel)].some((e) => e.getAttribute('data-state') === 'loading'), HOSTS),
      'a block showing its placeholder',
    );
    await until(
      () => page.evaluate((sel) => [...document.querySelectorAll(sel)].filter((e) => e.getAttribute('data-state')).every((e) => e.getAttribute('data-state') !== 'loading'), HOSTS),
      'the blocks started to settle',
    );
    await sleep(500);
    const cls = await page.evaluate(() => window.__cls);
    t.diagnostic(`CLS ${cls.total.toFixed(4)} over ${cls.shifts.length} shifts${cls.shifts.length ? ': ' + JSON.stringify(cls.shifts) : ''}`);
    assert.equal(Number(cls.total.toFixed(4)), 0, JSON.stringify(cls.shifts));
    await context.close();
  });
}
