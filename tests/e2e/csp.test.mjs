// A host page with the strictest policy the README asks webmasters to allow, sent as an HTTP header:
// default-src 'none'; scripts and styles only from the CDN origin (plus 'wasm-unsafe-eval'), feeds and
// images only from the portal, and Trusted Types enforced. The widget must work there without a single
// violation: no inline <style>/style="", no eval, no innerHTML (Leptos templates use it: see docs/toolchain.md).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startHarness, waitForState, until, sleep, readItems, strictCsp } from './harness.mjs';

const T = { timeout: 30_000 };
let h;
before(async () => {
  h = await startHarness();
});
after(async () => {
  await h?.close();
});

test('the strict-CSP, Trusted-Types page gets its policy header and records no violation and no console error', T, async () => {
  const p = await h.newPage();
  const res = await p.page.goto(h.portal + '/strict.html');
  assert.equal(res.headers()['content-security-policy'], strictCsp(h.cdn, h.portal));
  await waitForState(p.page.locator('#ce'), '!loading');
  await waitForState(p.page.locator('#div'), '!loading');
  await sleep(500); // images, late style work
  const nw = await p.nw();
  assert.deepEqual(nw.violations, []);
  assert.deepEqual(p.problems(), []);

  // The recorder itself works: an inline <style> is a violation on this page.
  await p.page.evaluate(() => {
    const s = document.createElement('style');
    s.textContent = 'p { color: red }';
    document.head.append(s);
  });
  await until(async () => (await p.nw()).violations.length > 0, 'the deliberate inline <style> to be reported');
  await p.page.close();
});

test('[component] on the strict-CSP page the blocks render their items, links and thumbnails', T, async () => {
  const p = await h.open('/strict.html');
  await waitForState(p.page.locator('#ce'), 'ready');
  await waitForState(p.page.locator('#div'), 'ready');
  const items = await readItems(p.page, '#ce');
  assert.equal(items.length, 10);
  assert.ok(items.every((i) => /^https:\/\/portal\.example\//.test(i.href)));
  await until(
    async () => (await readItems(p.page, '#ce')).filter((i) => i.img).every((i) => i.img.complete && i.img.naturalWidth > 0),
    'thumbnails to load under img-src',
  );
  assert.deepEqual((await p.nw()).violations, []);
  assert.deepEqual(p.problems(), []);
  await p.page.close();
});
