// Long-lived pages: a single-page site adds and removes blocks 1 000 times (custom element and
// div form in turn, each rendered before it goes), and refreshes one block 100 times (NewsWidget.refresh
// and `limit` changes in turn). JS heap after a forced GC and the WASM memory must not grow without bound.
//
// The harness's Chromium cannot force a GC, so this file launches its own with `--js-flags=--expose-gc`
// (window.gc) and `--enable-precise-memory-info` (performance.memory is otherwise rounded and cached); the
// harness still serves the pages, feeds and dist/. The WASM memory is read from the glue module's exports:
// the loader imports `news-widget-core.js` from beside itself, so importing the same URL gives the same,
// already initialised module, whose `default()` returns the instance exports (`memory` among them).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';
import { startHarness, waitForState, CHROMIUM, CHROMIUM_ARGS } from './harness.mjs';

const T = { timeout: 180_000 };
const CYCLES = 1000;
const REFRESHES = 100;
const MB = 1024 * 1024;

let h;
let browser;
before(async () => {
  h = await startHarness();
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [...CHROMIUM_ARGS, '--js-flags=--expose-gc', '--enable-precise-memory-info'],
  });
});
after(async () => {
  await browser?.close().catch(() => {});
  await h?.close();
});

async function openBlank() {
  const context = await browser.newContext({ timezoneId: 'Asia/Ho_Chi_Minh', locale: 'vi-VN' });
  const page = await context.newPage();
  const problems = [];
  page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
  page.on('pageerror', (e) => problems.push(String(e)));
  await page.goto(`${h.portal}/blank.html`);
  await page.waitForFunction(() => window.NewsWidget !== undefined);
  return { page, context, problems };
}

/** JS heap after two forced collections, WASM linear memory, DOM element count (all in bytes/counts). */
function measure(page) {
  return page.evaluate(async (glueUrl) => {
    const settle = () => new Promise((r) => setTimeout(r, 50));
    for (let i = 0; i < 3; i++) {
      window.gc();
      await settle();
    }
    const glue = await import(glueUrl);
    const exports = await glue.default();
    return {
      heap: performance.memory.usedJSHeapSize,
      wasm: exports.memory.buffer.byteLength,
      elements: document.getElementsByTagName('*').length,
    };
  }, `${h.cdn}/cdn/news-widget/news-widget-core.js`);
}

/** Mounts and unmounts `n` blocks one after the other, each rendered (ready) before it is removed. */
function cycles(page, n, offset = 0) {
  return page.evaluate(
    async ({ n, offset }) => {
      const app = document.getElementById('app');
      const ready = (el) =>
        new Promise((resolve, reject) => {
          const timer = setTimeout(() => reject(new Error(`block ${el.id} not ready after 5 s (${el.getAttribute('data-state')})`)), 5000);
          el.addEventListener(
            'news-widget:ready',
            () => {
              clearTimeout(timer);
              resolve();
            },
            { once: true },
          );
        });
      let items = 0;
      for (let i = offset; i < offset + n; i++) {
        const div = i % 2 === 1;
        const el = document.createElement(div ? 'div' : 'news-widget');
        el.id = `cycle-${i}`;
        el.setAttribute(div ? 'data-news-widget' : 'kind', 'latest');
        el.setAttribute(div ? 'data-src' : 'src', '/feeds/latest.json');
        el.setAttribute(div ? 'data-limit' : 'limit', String(3 + (i % 5)));
        const shown = ready(el);
        app.append(el);
        await shown;
        // news-widget:ready fires before the items are in the DOM (a task later they are; a message
        // channel gives that task without the 4 ms clamp of nested timers).
        await new Promise((r) => {
          const ch = new MessageChannel();
          ch.port1.onmessage = r;
          ch.port2.postMessage(0);
        });
        items += el.shadowRoot.querySelectorAll('[data-item-id]').length;
        el.remove();
        // The loader unmounts a removed element at the next microtask (a moved one stays mounted).
        await Promise.resolve();
      }
      return items;
    },
    { n, offset },
  );
}

/** Refreshes one block `n` times: NewsWidget.refresh() and a `limit` change in turn, each until ready. */
function refreshes(page, n) {
  return page.evaluate(async (n) => {
    const el = document.getElementById('refreshed');
    let count = 0;
    for (let i = 0; i < n; i++) {
      const shown = new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`refresh ${i}: not ready after 5 s`)), 5000);
        el.addEventListener(
          'news-widget:ready',
          () => {
            clearTimeout(timer);
            resolve();
          },
          { once: true },
        );
      });
      if (i % 2 === 0) window.NewsWidget.refresh(el);
      else el.setAttribute('limit', el.getAttribute('limit') === '5' ? '6' : '5');
      await shown;
      count += 1;
    }
    return count;
  }, n);
}

function report(what, before, after) {
  const f = (b) => `${(b / MB).toFixed(2)} MB`;
  const line =
    `${what}: JS heap ${f(before.heap)} -> ${f(after.heap)} (x${(after.heap / before.heap).toFixed(2)}), ` +
    `WASM memory ${f(before.wasm)} -> ${f(after.wasm)} (+${f(after.wasm - before.wasm)}), ` +
    `DOM elements ${before.elements} -> ${after.elements}`;
  console.log(`longlived: ${line}`);
  return line;
}

test(`[component] ${CYCLES} blocks added and removed (both forms): JS heap and WASM memory stay bounded`, T, async () => {
  const { page, context, problems } = await openBlank();
  // Warm-up: the first blocks load the feed, build the stylesheet and grow the allocator once.
  assert.equal(await cycles(page, 20), 20 * 5);
  const before = await measure(page);
  const t0 = Date.now();
  const items = await cycles(page, CYCLES, 20);
  const took = Date.now() - t0;
  const after = await measure(page);
  report(`${CYCLES} add/remove cycles in ${took} ms`, before, after);
  assert.equal(items, (CYCLES / 5) * (3 + 4 + 5 + 6 + 7), 'every block rendered its items');
  assert.equal(await page.locator('#app > *').count(), 0);
  assert.ok(after.heap / before.heap < 1.5, `JS heap grew x${(after.heap / before.heap).toFixed(2)}`);
  assert.ok(after.wasm - before.wasm <= 4 * MB, `WASM memory grew by ${((after.wasm - before.wasm) / MB).toFixed(2)} MB`);
  assert.ok(after.elements <= before.elements, 'DOM elements left behind');
  assert.deepEqual(problems, []);
  await context.close();
});

test(`[component] ${REFRESHES} refreshes of one block (NewsWidget.refresh and attribute changes): memory stays bounded`, T, async () => {
  const { page, context, problems } = await openBlank();
  await page.evaluate(() => {
    const el = document.createElement('news-widget');
    el.id = 'refreshed';
    el.setAttribute('kind', 'latest');
    el.setAttribute('src', '/feeds/latest.json');
    document.getElementById('app').append(el);
  });
  await waitForState(page.locator('#refreshed'), 'ready');
  await refreshes(page, 10);
  const before = await measure(page);
  const t0 = Date.now();
  assert.equal(await refreshes(page, REFRESHES), REFRESHES);
  const took = Date.now() - t0;
  const after = await measure(page);
  report(`${REFRESHES} refreshes in ${took} ms`, before, after);
  assert.equal(await page.locator('#refreshed').getAttribute('data-state'), 'ready');
  assert.ok(after.heap / before.heap < 1.5, `JS heap grew x${(after.heap / before.heap).toFixed(2)}`);
  assert.ok(after.wasm - before.wasm <= 4 * MB, `WASM memory grew by ${((after.wasm - before.wasm) / MB).toFixed(2)} MB`);
  assert.deepEqual(problems, []);
  await context.close();
});
