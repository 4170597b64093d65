// Accessibility of our blocks, checked with axe-core (npm) on the demo page served as `make serve` serves it
// (demo/ at /, dist/ at /news-widget/, with its relay): every block settled with the gallery lightbox closed, then with it open.
// axe walks open shadow roots, so it checks what the blocks render. The demo page has no CSP (a strict one
// would refuse the injected axe script). Violations are reported per impact for the whole page and for our
// blocks (nodes inside a block's shadow root, or the host element itself); serious or critical ones inside
// our blocks fail the test. The full results go to tests/e2e/out/axe-demo.json (git-ignored).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, mkdir, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { createRequire } from 'node:module';
import { startHarness, startDemo, until, scrollThrough, ROOT } from './harness.mjs';

const T = { timeout: 60_000 };
const require = createRequire(import.meta.url);
const AXE = require.resolve('axe-core/axe.min.js');
const OUT = resolve(ROOT, 'tests/e2e/out');

let h;
let demo;
let axeSource;
const report = {};
before(async () => {
  h = await startHarness();
  demo = await startDemo();
  axeSource = await readFile(AXE, 'utf8');
});
after(async () => {
  await mkdir(OUT, { recursive: true }).catch(() => {});
  await writeFile(resolve(OUT, 'axe-demo.json'), JSON.stringify(report, null, 2)).catch(() => {});
  await h?.close();
  await demo?.close();
});

const HOSTS = 'news-widget, [data-news-widget]';

/**
 * Opens the demo page and waits until every block has settled (ready, empty or error). `colorScheme` emulates
 * the reader's system setting (the demo's theme="auto" block follows it).
 */
async function openDemo({ colorScheme = 'light' } = {}) {
  const p = await h.newPage();
  await p.page.emulateMedia({ colorScheme });
  await demo.route(p.page);
  await p.page.goto(demo.origin + '/');
  // Blocks below the fold start as the reader comes near them.
  await scrollThrough(p.page, { pause: 50 });
  await until(
    () =>
      p.page.evaluate((sel) => {
        const hosts = [...document.querySelectorAll(sel)];
        return hosts.length > 0 && hosts.every((e) => ['ready', 'empty', 'error'].includes(e.getAttribute('data-state')));
      }, HOSTS),
    'every block on the demo page to settle',
  );
  // Thumbnails and fonts: let layout settle so colour contrast is computed on the final rendering.
  await p.page.evaluate(() => document.fonts && document.fonts.ready);
  return p;
}

/**
 * Runs axe on the whole page. Returns violations (`all`, and `ours` inside our blocks) and the checks axe could
 * not decide (`incomplete`, `oursIncomplete`), each a list of { id, impact, help, nodes: [{ target, impact }] }.
 */
async function runAxe(page) {
  await page.addScriptTag({ content: axeSource });
  const result = await page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const r = await axe.run(document, { resultTypes: ['violations', 'incomplete'] });
    const slim = (list) =>
      list.map((v) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        nodes: v.nodes.map((n) => ({ target: n.target, impact: n.impact, summary: n.failureSummary })),
      }));
    return { violations: slim(r.violations), incomplete: slim(r.incomplete) };
  });
  // A node inside a shadow root has a nested target ([host selector, inner selector]); the only shadow
  // roots on the demo page are our blocks'. The host elements themselves count as ours too.
  const isOurs = (target) => Array.isArray(target[0]) || /news-widget/.test(String(target[0]));
  const mine = (list) =>
    list.map((v) => ({ ...v, nodes: v.nodes.filter((n) => isOurs(n.target)) })).filter((v) => v.nodes.length > 0);
  return {
    all: result.violations,
    ours: mine(result.violations),
    incomplete: result.incomplete,
    oursIncomplete: mine(result.incomplete),
  };
}

/** Counts of violating nodes by impact: { critical, serious, moderate, minor }. */
function byImpact(violations) {
  const out = { critical: 0, serious: 0, moderate: 0, minor: 0 };
  for (const v of violations) for (const n of v.nodes) out[n.impact || v.impact] = (out[n.impact || v.impact] || 0) + 1;
  return out;
}

function describe(violations) {
  return violations.map((v) => `${v.impact} ${v.id} (${v.nodes.length}): ${v.help} — ${JSON.stringify(v.nodes.slice(0, 3).map((n) => n.target))}`);
}

function record(t, name, res) {
  report[name] = {
    page: byImpact(res.all),
    ours: byImpact(res.ours),
    oursIncomplete: byImpact(res.oursIncomplete),
    violations: res.all,
    incomplete: res.incomplete,
  };
  t.diagnostic(`${name}: violations on the whole page ${JSON.stringify(byImpact(res.all))}; inside our blocks ${JSON.stringify(byImpact(res.ours))}`);
  for (const line of describe(res.all)) t.diagnostic(`  violation ${line}`);
  t.diagnostic(`${name}: needs review (incomplete) inside our blocks ${JSON.stringify(byImpact(res.oursIncomplete))}`);
  for (const line of describe(res.oursIncomplete)) t.diagnostic(`  incomplete ${line}`);
}

const SEVERE = new Set(['serious', 'critical']);
const severe = (violations) =>
  violations
    .map((v) => ({ ...v, nodes: v.nodes.filter((n) => SEVERE.has(n.impact || v.impact)) }))
    .filter((v) => v.nodes.length > 0);

/** Opens the gallery's lightbox on its second photo and waits for the picture. */
async function openLightbox(page) {
  await page.locator('news-widget[kind="gallery"] button[data-g="1"]').click();
  await until(
    () =>
      page.locator('news-widget[kind="gallery"]').evaluate((el) => {
        const d = el.shadowRoot.querySelector('dialog');
        const img = d && d.querySelector('.nw-lb-img');
        return d && d.open && img && img.complete;
      }),
    'the lightbox to open with its picture loaded',
  );
}

test('[a11y] demo page, every block settled and the gallery lightbox closed: no serious or critical violation in our blocks', T, async (t) => {
  const p = await openDemo();
  const kinds = await p.page.evaluate(
    (sel) => [...document.querySelectorAll(sel)].map((e) => `${e.getAttribute('kind') || e.getAttribute('data-news-widget')}:${e.getAttribute('data-state')}`),
    HOSTS,
  );
  t.diagnostic(`blocks: ${kinds.join(', ')}`);
  assert.ok(kinds.some((k) => k.startsWith('gallery:ready')), `the demo page has a ready gallery: ${kinds}`);
  const res = await runAxe(p.page);
  record(t, 'closed', res);
  assert.deepEqual(describe(severe(res.ours)), []);
  await p.page.close();
});

test('[a11y] demo page with the gallery lightbox open: no serious or critical violation in our blocks', T, async (t) => {
  const p = await openDemo();
  const { page } = p;
  await openLightbox(page);
  const res = await runAxe(page);
  record(t, 'open', res);
  assert.deepEqual(describe(severe(res.ours)), []);
  await page.close();
});

test('[a11y] demo page with the feedback form showing its errors and the links drop-down in use: no serious or critical violation in our blocks', T, async (t) => {
  const p = await openDemo();
  const { page } = p;
  const fb = page.locator('news-widget[kind="feedback"]');
  // Submitted through the button itself, not a click at its coordinates: a block of the page that changes
  // height between Playwright's checks and the click (a refresh, an image) would make the click miss.
  await fb.locator('.nw-fb-submit').evaluate((button) => button.click());
  await fb.locator('[name="email"]').fill('khong-hop-le');
  await fb.locator('[name="message"]').focus();
  await until(
    () => fb.evaluate((el) => el.shadowRoot.querySelectorAll('.nw-fb-error:not([hidden])').length >= 3),
    'the form to show its errors',
  );
  const links = page.locator('news-widget[kind="links"] select');
  await links.focus();
  await page.keyboard.press('ArrowDown');
  const res = await runAxe(page);
  record(t, 'form-errors', res);
  assert.deepEqual(describe(res.ours), [], 'no violation of any impact inside our blocks');
  const kinds = await page.evaluate(
    (sel) => [...document.querySelectorAll(sel)].map((e) => e.getAttribute('kind') || e.getAttribute('data-news-widget')),
    HOSTS,
  );
  for (const k of ['feedback', 'others', 'gallery', 'links', 'latest']) assert.ok(kinds.includes(k), `${k} on the demo page: ${kinds}`);
  await page.close();
});

test('[a11y] the checker sees inside open shadow roots (a deliberate fault in a shadow root is reported as ours)', T, async () => {
  const p = await openDemo();
  await p.page.evaluate(() => {
    // Not a [data-news-widget] element: the loader would mount a block into it.
    const host = document.createElement('div');
    host.id = 'axe-probe';
    const root = host.attachShadow({ mode: 'open' });
    const img = document.createElement('img');
    img.src = 'data:image/gif;base64,R0lGODlhAQABAAAAACw=';
    img.width = 10;
    img.height = 10;
    root.append(img); // no alt: image-alt, critical
    document.body.append(host);
  });
  const res = await runAxe(p.page);
  const found = res.ours.find((v) => v.id === 'image-alt');
  assert.ok(found, `axe should report the img without alt inside the shadow root; got ${JSON.stringify(describe(res.ours))}`);
  assert.ok(Array.isArray(found.nodes[0].target[0]), 'reported with a shadow-piercing target');
  await p.page.close();
});

/** The themes of the demo's blocks as rendered: { theme attribute: color-scheme of the host }. */
function themes(page) {
  return page.evaluate((sel) => [...document.querySelectorAll(sel)].map((e) => `${e.getAttribute('theme') || 'light'}:${getComputedStyle(e).colorScheme}:${getComputedStyle(e.shadowRoot.querySelector('.nw-root')).backgroundColor}`), HOSTS);
}

for (const colorScheme of ['light', 'dark']) {
  test(`[a11y] demo page with the reader's system ${colorScheme} (the dark block, the theme="auto" ticker, every layout): no violation of any impact in our blocks`, T, async (t) => {
    const p = await openDemo({ colorScheme });
    const shown = await themes(p.page);
    t.diagnostic(`themes: ${shown.join(', ')}`);
    assert.ok(shown.some((x) => x.startsWith('dark:dark')), 'the demo has a dark block');
    assert.ok(shown.some((x) => x.startsWith(`auto:light dark:${colorScheme === 'dark' ? 'rgb(22, 24, 29)' : 'rgb(255, 255, 255)'}`)), `the auto block is ${colorScheme}`);
    const layouts = await p.page.evaluate((sel) => [...document.querySelectorAll(sel)].map((e) => e.getAttribute('layout') || 'list'), HOSTS);
    for (const l of ['list', 'compact', 'grid', 'ticker']) assert.ok(layouts.includes(l), `${l} on the demo page`);
    const res = await runAxe(p.page);
    record(t, `system-${colorScheme}`, res);
    assert.deepEqual(describe(res.ours), []);
    await p.page.close();
  });

  test(`[a11y] demo page with the reader's system ${colorScheme} and the lightbox open: no violation of any impact in our blocks`, T, async (t) => {
    const p = await openDemo({ colorScheme });
    await openLightbox(p.page);
    const res = await runAxe(p.page);
    record(t, `system-${colorScheme}-open`, res);
    assert.deepEqual(describe(res.ours), []);
    await p.page.close();
  });
}

test('[a11y] the whole demo page in dark blocks: every block of the demo in theme="dark", no violation of any impact in our blocks', T, async (t) => {
  const p = await openDemo();
  const { page } = p;
  // Every block switched to the dark palette (each remounts and settles again).
  await page.evaluate((sel) => {
    for (const e of document.querySelectorAll(sel)) e.setAttribute(e.localName === 'news-widget' ? 'theme' : 'data-theme', 'dark');
  }, HOSTS);
  await until(
    () =>
      page.evaluate((sel) => {
        const hosts = [...document.querySelectorAll(sel)];
        return hosts.every((e) => ['ready', 'empty', 'error'].includes(e.getAttribute('data-state')) && getComputedStyle(e).colorScheme === 'dark');
      }, HOSTS),
    'every block to settle in the dark palette',
  );
  const res = await runAxe(page);
  record(t, 'all-dark', res);
  assert.deepEqual(describe(res.ours), []);
  await openLightbox(page);
  const open = await runAxe(page);
  record(t, 'all-dark-open', open);
  assert.deepEqual(describe(open.ours), []);
  await page.close();
});
