// Smoke test of what `make serve` shows: demo/ at / and dist/ at /news-widget/ on one origin, served by
// scripts/serve.mjs exactly as the Makefile does. Every block on the demo page must leave "loading" for a
// state other than "error", without console errors. Skipped while demo/index.html does not exist.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { startServer } from '../../scripts/serve.mjs';
import { ROOT, DIST, CHROMIUM_ARGS, CHROMIUM, waitForState } from './harness.mjs';

const DEMO = resolve(ROOT, 'demo');
const T = { timeout: 30_000, skip: !existsSync(resolve(DEMO, 'index.html')) && 'demo/index.html not written yet' };
let server;
let browser;

before(async () => {
  if (T.skip) return;
  server = await startServer({ mounts: { '/': DEMO, '/news-widget/': DIST } });
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
});
after(async () => {
  await browser?.close();
  await server?.close();
});

test('the demo page (make serve) renders every block without console errors', T, async () => {
  const page = await browser.newPage({ timezoneId: 'Asia/Ho_Chi_Minh', locale: 'vi-VN' });
  const problems = [];
  page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
  page.on('pageerror', (e) => problems.push(String(e)));
  await page.goto(server.origin + '/');
  const hosts = page.locator('news-widget, [data-news-widget]');
  const n = await hosts.count();
  assert.ok(n > 0, 'the demo page has no blocks');
  for (let i = 0; i < n; i++) {
    const state = await waitForState(hosts.nth(i), ['ready', 'empty', 'error']);
    assert.notEqual(state, 'error', `block ${i} of the demo page is in the error state`);
  }
  assert.deepEqual(problems, []);
  await page.close();
});
