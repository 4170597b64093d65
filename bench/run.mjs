// `make bench`: size, native speed and in-browser speed of the widget, printed as Markdown tables in one run.
//
//   1. bundle size of dist/ per file and in total (raw, gzip -9, brotli -11), checked against bench/budget.json
//      (exit status 1 when a figure is over budget; the 50 KB brotli target is reported separately);
//   2. native benchmarks of the core (bench/core.rs through `cargo bench`): medians turned into MB/s, items/s;
//   3. headless Chromium (/usr/bin/chromium, the flags of tests/e2e/harness.mjs): navigation →
//      data-state="ready" for a 50-item and a 20 000-item (~10 MB) JSON Feed, the longest main-thread task
//      (PerformanceObserver 'longtask', buffered) from navigation to 300 ms after ready, and the WASM memory
//      after the load, for the WASM widget and for the hand-written plain-JS widget (bench/plain-widget.js)
//      side by side: runs alternated, each in a fresh browser profile, medians and the ratio;
//   4. the loader's MutationObserver: 1 000 and 10 000 unrelated DOM changes with and without the loader;
//   5. refreshing readers (bench/readers.rs through `cargo bench`): the requests and 304s that 100 readers of a
//      `refresh="60"` block send the feed's origin in 10 minutes, on the core's jittered schedule (seeded).
//
// Both benchmarks read the same feeds: the files bench/gen-feed.mjs writes to target/bench-feeds/ (`make bench`
// runs it first; a size missing there is generated here by the same code).
//
// Everything is served on loopback by scripts/serve.mjs: a "CDN" origin with dist/ and the plain widget, and a
// "portal" origin with the bench pages and the generated feeds, as webmasters embed it.
// Results also go to bench/out/results.{md,json}.
//
// Environment: BENCH_RUNS (default 7), BENCH_SIZES (default "50,20000"), BENCH_PARTS (default
// "size,native,browser,observer,readers"), CHROMIUM (default /usr/bin/chromium).
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, statSync } from 'node:fs';
import { cpus } from 'node:os';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer } from '../scripts/serve.mjs';
import { FEED_DIR, FEED_SIZES, feedPath, writeFeed } from './gen-feed.mjs';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const DIST = resolve(ROOT, 'dist');
const BENCH = resolve(ROOT, 'bench');
const OUT = resolve(BENCH, 'out');
const RUNS = Math.max(1, Number(process.env.BENCH_RUNS || 7));
const SIZES = (process.env.BENCH_SIZES || '50,20000').split(',').map(Number);
const PARTS = new Set((process.env.BENCH_PARTS || 'size,native,browser,observer,readers').split(','));
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
// As tests/e2e/harness.mjs, plus precise (unbucketed) JS heap figures and gc() for the heap column.
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--enable-precise-memory-info', '--js-flags=--expose-gc', '--window-size=1200,900'];
// Every file of dist/, and what each kind of page downloads of them: the loader, then one module's
// wasm-bindgen glue and WASM (the CSS is inside the module). The loader picks the lean module when every
// block is "Mới nhất" with a JSON Feed, else the full one.
const SHIPPED = ['news-widget.js', 'news-widget-latest.js', 'news-widget-latest_bg.wasm', 'news-widget-core.js',
  'news-widget-core_bg.wasm'];
const PAGES = {
  latest: { what: '"Mới nhất" blocks with a JSON Feed (lean module)',
    files: ['news-widget.js', 'news-widget-latest.js', 'news-widget-latest_bg.wasm'] },
  all: { what: 'every block kind and feed format, as the demo page (full module)',
    files: ['news-widget.js', 'news-widget-core.js', 'news-widget-core_bg.wasm'] },
};

mkdirSync(OUT, { recursive: true });
const lines = [];
const say = (s = '') => {
  lines.push(s);
  console.log(s);
};
const results = { date: new Date().toISOString() };
let failed = false;

const kb = (n) => (n / 1024).toFixed(1);
const median = (xs) => {
  const s = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (!s.length) return NaN;
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const table = (head, rows) => {
  say('| ' + head.join(' | ') + ' |');
  say('|' + head.map((h, i) => (i === 0 ? ' --- ' : ' ---: ')).join('|') + '|');
  for (const r of rows) say('| ' + r.join(' | ') + ' |');
};

// --- machine ------------------------------------------------------------------------------------------
function machine() {
  const model = (readFileSync('/proc/cpuinfo', 'utf8').match(/^model name\s*:\s*(.+)$/m) || [])[1] || 'unknown CPU';
  let browser = 'unknown';
  try {
    browser = execFileSync(CHROMIUM, ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {}
  let rustc = '';
  for (const args of [['--version'], ['run', 'nightly', 'rustc', '--version']]) {
    try {
      const v = execFileSync(args.length > 1 ? 'rustup' : 'rustc', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
      rustc += (rustc ? ' / ' : '') + v.trim();
    } catch {}
  }
  return { nproc: cpus().length, cpu: model.trim(), browser, rustc, node: process.version };
}

// --- 1. sizes -----------------------------------------------------------------------------------------
function sizes() {
  const budget = JSON.parse(readFileSync(resolve(BENCH, 'budget.json'), 'utf8'));
  const compressed = (file, cmd, args) => execFileSync(cmd, [...args, file], { maxBuffer: 1 << 26 }).length;
  const rows = [];
  const over = [];
  const of = {};
  for (const name of SHIPPED) {
    const file = resolve(DIST, name);
    const s = {
      raw: statSync(file).size,
      gzip: compressed(file, 'gzip', ['-9', '-c']),
      brotli: compressed(file, 'brotli', ['-q', '11', '-c']),
    };
    of[name] = s;
    const limit = budget.files?.[name]?.brotli;
    if (limit && s.brotli > limit) over.push(`${name} brotli ${s.brotli} B > budget ${limit} B`);
    rows.push([name, s.raw, s.gzip, s.brotli, limit ?? '–']);
  }
  say('### Bundle size (dist/, bytes)');
  say();
  table(['file', 'raw', 'gzip -9', 'brotli -11', 'brotli budget'], rows);
  say();
  const pageRows = [];
  const pages = {};
  for (const [key, page] of Object.entries(PAGES)) {
    const total = { raw: 0, gzip: 0, brotli: 0 };
    for (const f of page.files) for (const k of Object.keys(total)) total[k] += of[f][k];
    const limit = budget.pages?.[key]?.brotli;
    const target = budget.pages?.[key]?.target;
    if (limit && total.brotli > limit) over.push(`${key} page brotli ${total.brotli} B > budget ${limit} B`);
    pages[key] = { ...total, limit, target, met: target ? total.brotli <= target : null };
    pageRows.push([page.what, total.raw, total.gzip, `${total.brotli} (${kb(total.brotli)} KB)`, limit ?? '–',
      target ? `≤ ${kb(target)} KB: ${total.brotli <= target ? 'met' : '**not met**'}` : '–']);
  }
  say('A page downloads the loader and one module:');
  say();
  table(['page', 'raw', 'gzip -9', 'brotli -11', 'brotli budget', 'target'], pageRows);
  say();
  say(over.length ? `**OVER BUDGET**: ${over.join('; ')}.` : 'Every file and page is within budget.');
  say();
  if (over.length) failed = true;
  results.size = { files: rows, pages, budget, over };
}

// --- 2. native ----------------------------------------------------------------------------------------
/** Parses a divan duration cell ("1.234 ms") into seconds. */
function seconds(cell) {
  const m = /([\d.]+)\s*(ns|µs|us|ms|s)\b/.exec(cell || '');
  if (!m) return NaN;
  return Number(m[1]) * { ns: 1e-9, µs: 1e-6, us: 1e-6, ms: 1e-3, s: 1 }[m[2]];
}

function native() {
  say('### Native core (cargo bench --bench core, divan medians)');
  say();
  const run = spawnSync('cargo', ['bench', '--locked', '--bench', 'core', '--', '--color', 'never', '--sample-count', '30'], {
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: 1 << 24,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  if (run.status !== 0) {
    say(`cargo bench failed (status ${run.status})`);
    failed = true;
    return;
  }
  writeFileSync(resolve(OUT, 'divan.txt'), run.stdout);
  // divan prints a tree: "├─ parse_sort   │ …" for a function, then one row per argument:
  // "│  ├─ 50   <fastest> │ <slowest> │ <median> │ <mean> │ samples │ iters" (followed by counter rows).
  const rows = [];
  let group = '';
  for (const line of run.stdout.split('\n')) {
    const m = /[├╰]─ (\d+)\s+(\S.*)$/.exec(line);
    if (!m) {
      const g = /[├╰]─ ([A-Za-z_]\w*)\s*│/.exec(line);
      if (g) group = g[1];
      continue;
    }
    if (!group) continue;
    const cols = m[2].split('│');
    const n = Number(m[1]);
    const med = seconds(cols[2]);
    const fastest = seconds(m[2].split('│')[0]);
    const bytes = statSync(feedPath(n)).size;
    rows.push({ bench: group, n, median: med, fastest, mbps: bytes / 1e6 / med, itemsps: n / med, bytes });
  }
  if (!rows.length) {
    say('could not read the divan output (bench/out/divan.txt)');
    failed = true;
    return;
  }
  const ms = (s) => (s < 1e-3 ? `${(s * 1e6).toFixed(0)} µs` : `${(s * 1e3).toFixed(2)} ms`);
  table(
    ['benchmark', 'items', 'feed size', 'median', 'MB/s', 'items/s', 'fastest'],
    rows.map((r) => [r.bench, r.n.toLocaleString('en-US'), `${kb(r.bytes)} KB`, ms(r.median), r.mbps.toFixed(1),
      Math.round(r.itemsps).toLocaleString('en-US'), ms(r.fastest)]),
  );
  say();
  say('`parse_sort`: parse_feed (every item normalised) + sort_newest_first over all items, as the fetch layer ' +
    'did; `parse_top10`: parse_feed + top_newest(10); `parse_sliced_sort`: ChunkedJsonFeed in slices of 256 items (what the edge did with bodies over 256 KB) + the sort; `scan_dates_read_newest`: what the edge does now with a JSON Feed over 256 KB (deferred::Dated: every date scanned, the newest 64 items read, the rest left for when a block looks further). Profile `bench` (opt-level 3), one thread, 30 samples; ' +
    'MB/s and items/s from the median.');
  say();
  results.native = rows;
}

// --- 3. browser ---------------------------------------------------------------------------------------
// Chromium runs as a plain process per run (fresh profile, so no cache, localStorage snapshot or compiled code
// carries over), with no DevTools protocol attached: Playwright's Network domain makes the renderer decode
// every response body on the main thread for the inspector (a ~100 ms task for a 10 MB feed, seen in traces),
// which would be charged to both widgets. The page measures itself and POSTs its numbers to /result.

// Inlined into the bench page's <head>, before the widget's script: records when the block settles, every
// long task, resource timings, and (300 ms after ready) the WASM memory and the JS heap after a GC.
const PROBE = `
const lt = [];
const tasks = [];
try { new PerformanceObserver((l) => { for (const e of l.getEntries()) { lt.push(e.duration); tasks.push([Math.round(e.startTime), Math.round(e.duration)]); } })
  .observe({ type: 'longtask', buffered: true }); } catch {}
let ready = null;
let firstItem = null;
// The first frame in which an item of the block is in its shadow root.
(function poll() {
  const el = document.getElementById('w');
  if (el && el.shadowRoot && el.shadowRoot.querySelector('[data-item-id]')) firstItem = performance.now();
  else requestAnimationFrame(poll);
})();
new MutationObserver(() => {
  const el = document.getElementById('w');
  const s = el && el.getAttribute('data-state');
  if (ready !== null || !s || s === 'loading') return;
  ready = performance.now(); // milliseconds since navigation start
  setTimeout(async () => {
    let wasm = null;
    if (window.__glue) {
      try { wasm = (await (await import(window.__glue)).default()).memory.buffer.byteLength; } catch {}
    }
    if (window.gc) window.gc();
    const res = performance.getEntriesByType('resource');
    const feed = res.find((e) => e.name.includes('/feeds/feed-'));
    const mod = res.find((e) => e.name.endsWith('.wasm'));
    const mark = (name) => { const m = performance.getEntriesByName(name, 'mark')[0]; return m ? m.startTime : null; };
    const body = JSON.stringify({ state: s, ready, longest: Math.max(0, ...lt), longtasks: lt.length, tasks, wasm,
      heap: performance.memory ? performance.memory.usedJSHeapSize : null,
      items: el.shadowRoot ? el.shadowRoot.querySelectorAll('[data-item-id] a[href]').length : 0,
      feedStart: feed ? feed.startTime : null, feedEnd: feed ? feed.responseEnd : null,
      wasmStart: mod ? mod.startTime : null, wasmEnd: mod ? mod.responseEnd : null,
      moduleReady: mark('news-widget:module-ready'), body: mark('news-widget:body'), parsed: mark('news-widget:parsed'), firstItem,
      errors: window.__errors });
    fetch('/result', { method: 'POST', body });
  }, 300);
}).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-state'] });
window.__errors = [];
addEventListener('error', (e) => window.__errors.push(String(e.message)));
addEventListener('unhandledrejection', (e) => window.__errors.push(String(e.reason)));`;

const SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="96" height="64"><rect width="96" height="64" fill="#ddd"/></svg>';

async function browser() {
  const feeds = new Map(SIZES.map((n) => [n, statSync(feedPath(n)).size]));
  let report = null;
  const cdn = await startServer({ mounts: { '/cdn/news-widget/': DIST, '/cdn/plain/': BENCH } });
  const portal = await startServer({
    originHost: 'localhost',
    mounts: { '/feeds/': FEED_DIR },
    before: async (req, res, url) => {
      if (url.pathname === '/result' && req.method === 'POST') {
        let body = '';
        for await (const chunk of req) body += chunk;
        res.end('ok');
        if (report) report(JSON.parse(body));
        return true;
      }
      if (url.pathname.startsWith('/feeds/img/')) {
        res.setHeader('Content-Type', 'image/svg+xml');
        res.end(SVG);
        return true;
      }
      if (url.pathname !== '/page.html') return false;
      const plain = url.searchParams.get('w') === 'plain';
      const src = plain ? `${cdn.origin}/cdn/plain/plain-widget.js` : `${cdn.origin}/cdn/news-widget/news-widget.js`;
      // Same URL as the loader's import: the same module instance, whose init returns the live exports.
      const glue = plain ? '' : `window.__glue = ${JSON.stringify(`${cdn.origin}/cdn/news-widget/news-widget-latest.js`)};`;
      const n = Number(url.searchParams.get('n'));
      res.setHeader('Content-Type', 'text/html; charset=utf-8');
      res.end(`<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>bench</title>
<link rel="icon" href="data:,"><script>${glue}${PROBE}</script></head><body><main style="max-width:360px">
<news-widget id="w" kind="latest" src="/feeds/feed-${n}.json" limit="10"></news-widget></main>
<script type="module" src="${src}"></script></body></html>`);
      return true;
    },
  });
  let version = 'Chromium';
  try {
    version = execFileSync(CHROMIUM, ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {}

  async function once(which, n) {
    const profile = mkdtempSync(resolve(OUT, 'chromium-'));
    const result = new Promise((done, fail) => {
      report = done;
      setTimeout(() => fail(new Error(`${which} widget, ${n} items: no result after 120 s`)), 120_000);
    });
    const proc = spawn(CHROMIUM, [...CHROMIUM_ARGS, `--user-data-dir=${profile}`, `${portal.origin}/page.html?w=${which}&n=${n}`],
      { stdio: 'ignore', detached: true }); // its own process group: the renderers go with it
    try {
      const r = await result;
      if (r.state !== 'ready' || r.items === 0 || (r.errors && r.errors.length)) {
        throw new Error(`${which} widget, ${n} items: state ${r.state}, ${r.items} items, errors: ${r.errors}`);
      }
      return r;
    } finally {
      report = null;
      const exited = new Promise((done) => (proc.exitCode !== null ? done() : proc.once('exit', done)));
      try {
        process.kill(-proc.pid, 'SIGTERM');
      } catch {}
      await exited;
      rmSync(profile, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
    }
  }

  const data = {};
  for (const n of SIZES) {
    data[n] = { wasm: [], plain: [] };
    await once('wasm', n); // warm-up (disk cache, server), not counted
    await once('plain', n);
    for (let i = 0; i < RUNS; i++) {
      const order = i % 2 ? ['plain', 'wasm'] : ['wasm', 'plain'];
      for (const w of order) data[n][w].push(await once(w, n));
    }
  }
  // The same runs in one browser process kept warm between them (a reader's browser is usually running),
  // each in a new context with an empty cache. Driven by Playwright, whose protocol client decodes
  // responses for its own events: a cost both widgets pay.
  const warm = {};
  const { chromium } = await import('playwright-core');
  const shared = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS.filter((a) => a !== '--headless') });
  try {
    const warmOnce = async (which, n) => {
      const context = await shared.newContext();
      const result = new Promise((done, fail) => {
        report = done;
        setTimeout(() => fail(new Error(`${which} widget, ${n} items (warm): no result after 120 s`)), 120_000);
      });
      try {
        const page = await context.newPage();
        await page.goto(`${portal.origin}/page.html?w=${which}&n=${n}`);
        return await result;
      } finally {
        report = null;
        await context.close();
      }
    };
    for (const n of SIZES) {
      warm[n] = { wasm: [], plain: [] };
      await warmOnce('wasm', n);
      await warmOnce('plain', n);
      for (let i = 0; i < RUNS; i++) {
        const order = i % 2 ? ['plain', 'wasm'] : ['wasm', 'plain'];
        for (const w of order) warm[n][w].push(await warmOnce(w, n));
      }
    }
  } finally {
    await shared.close();
  }
  await Promise.all([cdn.close(), portal.close()]);

  say(`### In the browser (headless ${version}, ${RUNS} alternated runs each, medians)`);
  say();
  const rows = [];
  const summary = {};
  for (const n of SIZES) {
    const m = (w, k) => median(data[n][w].map((r) => r[k]));
    const ready = { wasm: m('wasm', 'ready'), plain: m('plain', 'ready') };
    const longest = { wasm: m('wasm', 'longest'), plain: m('plain', 'longest') };
    const heap = { wasm: m('wasm', 'heap'), plain: m('plain', 'heap') };
    const wasmMem = m('wasm', 'wasm');
    const lt = (v) => (v >= 50 ? `${v.toFixed(0)} ms` : '< 50 ms');
    rows.push([`${n.toLocaleString('en-US')} items (${kb(feeds.get(n))} KB)`,
      `${ready.wasm.toFixed(0)} ms`, `${ready.plain.toFixed(0)} ms`, `${(ready.wasm / ready.plain).toFixed(2)}×`,
      lt(longest.wasm), lt(longest.plain), `${(wasmMem / 1048576).toFixed(1)} MB`,
      `${(heap.wasm / 1048576).toFixed(1)} / ${(heap.plain / 1048576).toFixed(1)} MB`]);
    summary[n] = { ready, longest, wasmMem, heap, runs: data[n] };
  }
  table(['feed', 'ready: WASM', 'ready: plain JS', 'ratio', 'longest task: WASM', 'longest task: plain JS',
    'WASM memory', 'JS heap after gc: WASM / plain'], rows);
  say();
  // Where the time goes (medians, ms since navigation start): module download, compile + instantiate, the
  // feed request, parse, first item in the DOM, ready.
  const at = (n, w, k) => {
    const v = median(data[n][w].map((r) => r[k]));
    return Number.isFinite(v) ? v.toFixed(0) : '–';
  };
  table(['feed', 'widget', 'module requested', 'module received', 'compiled + instantiated', 'feed request sent',
    'feed received', 'body in module', 'parsed', 'first item in DOM', 'ready'],
  SIZES.flatMap((n) => ['wasm', 'plain'].map((w) => [n.toLocaleString('en-US'), w === 'wasm' ? 'WASM' : 'plain JS',
    at(n, w, 'wasmStart'), at(n, w, 'wasmEnd'), at(n, w, 'moduleReady'), at(n, w, 'feedStart'), at(n, w, 'feedEnd'),
    at(n, w, 'body'), at(n, w, 'parsed'), at(n, w, 'firstItem'), at(n, w, 'ready')])));
  say();
  // Which long tasks there were, each run on its own (a median would mix different tasks): their start on the
  // timeline above names them.
  for (const n of SIZES) {
    const runs = data[n].wasm.map((r) => (r.tasks ?? []).map(([at, ms]) => `${ms} ms at ${at}`).join(', ') || 'none');
    say(`Long tasks (≥ 50 ms) of the WASM widget, ${n.toLocaleString('en-US')} items, run by run: ${runs.join('; ')}.`);
  }
  say();
  say('With the browser process kept warm (new context with an empty cache per run):');
  say();
  table(['feed', 'ready: WASM', 'ready: plain JS', 'ratio'], SIZES.map((n) => {
    const w = median(warm[n].wasm.map((r) => r.ready));
    const pl = median(warm[n].plain.map((r) => r.ready));
    summary[n].warm = { wasm: w, plain: pl };
    return [n.toLocaleString('en-US'), `${w.toFixed(0)} ms`, `${pl.toFixed(0)} ms`, `${(w / pl).toFixed(2)}×`];
  }));
  say();
  say('ready = navigation start → data-state="ready" (page, loader, module and feed all fetched from loopback). ' +
    'Longest task: PerformanceObserver "longtask" (only tasks ≥ 50 ms are reported) up to 300 ms after ready. ' +
    'WASM memory: the module\'s linear memory (it never shrinks) after the load.');
  say();
  const big = summary[Math.max(...SIZES)];
  // Ready-time goals: at most as slow as plain JS on a small feed, 10 % faster on the largest.
  const goal = (n) => (n >= 20000 ? 0.9 : 1.0);
  const t = SIZES.map((n) => [`ready ≤ ${goal(n).toFixed(2)}× plain JS (${n} items)`,
    summary[n].ready.wasm <= goal(n) * summary[n].ready.plain,
    `${(summary[n].ready.wasm / summary[n].ready.plain).toFixed(2)}×`]);
  if (big) {
    t.push([`longest task ≤ 50 ms (${Math.max(...SIZES)} items)`, big.longest.wasm <= 50,
      big.longest.wasm >= 50 ? `${big.longest.wasm.toFixed(0)} ms` : 'no task ≥ 50 ms']);
    t.push([`WASM memory ≤ 16 MB (${Math.max(...SIZES)} items)`, big.wasmMem <= 16 * 1048576,
      `${(big.wasmMem / 1048576).toFixed(1)} MB`]);
  }
  say('| target | measured | status |');
  say('| --- | ---: | --- |');
  for (const [k, ok, v] of t) say(`| ${k} | ${v} | ${ok ? 'met' : '**not met**'} |`);
  say();
  results.browser = { version, summary };
}

// --- 4. the loader's MutationObserver ------------------------------------------------------------------
// The loader watches the whole document for blocks added, removed or changed by page scripts. What that costs
// a page that changes its DOM a lot: the same scripted mutations (element subtrees added and removed,
// attributes set on unrelated elements, in batches of 100 per task) timed on a page with the loader and one
// block, and on the same page without the loader; at 1 000 and 10 000 mutations, to show the cost per
// mutation stays flat.
async function observer() {
  const cdn = await startServer({ mounts: { '/cdn/news-widget/': DIST } });
  const portal = await startServer({
    originHost: 'localhost',
    mounts: { '/feeds/': FEED_DIR },
    before: async (req, res, url) => {
      if (url.pathname !== '/mutations.html') return false;
      const loader = url.searchParams.get('loader') === '1'
        ? `<script type="module" src="${cdn.origin}/cdn/news-widget/news-widget.js"></script>` : '';
      res.setHeader('Content-Type', 'text/html; charset=utf-8');
      res.end(`<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>mutations</title>
<link rel="icon" href="data:,">${loader}</head><body><main id="app"></main>
<news-widget id="w" kind="latest" src="/feeds/feed-50.json" limit="10"></news-widget></body></html>`);
      return true;
    },
  });
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS.filter((a) => a !== '--headless') });
  const churn = (total) => new Promise((done) => {
    const app = document.getElementById('app');
    // A new task per batch without timer clamping (nested setTimeout waits at least 4 ms).
    const channel = new MessageChannel();
    const next = (f) => {
      channel.port1.onmessage = f;
      channel.port2.postMessage(0);
    };
    let left = total;
    const t0 = performance.now();
    const batch = () => {
      for (let i = 0; i < 100 && left > 0; i++, left -= 3) {
        const div = document.createElement('div');
        div.className = 'post';
        div.innerHTML = '<p>comment <b>text</b></p><span data-x="1"></span>';
        app.append(div);
        app.setAttribute('data-n', String(left));
        div.remove();
      }
      // The observer's callback runs as a microtask after this task: a new task starts only once it ran.
      if (left > 0) next(batch);
      else next(() => done(performance.now() - t0));
    };
    batch();
  });
  const rows = [];
  const measured = {};
  for (const total of [1_000, 10_000]) {
    const ms = { 0: [], 1: [] };
    for (let run = 0; run < RUNS; run++) {
      for (const loader of [0, 1]) {
        const page = await browser.newPage();
        await page.goto(`${portal.origin}/mutations.html?loader=${loader}`);
        if (loader) await page.waitForFunction(() => document.getElementById('w')?.dataset.state === 'ready');
        ms[loader].push(await page.evaluate(churn, total));
        await page.close();
      }
    }
    const [without, withLoader] = [median(ms[0]), median(ms[1])];
    measured[total] = { without, with: withLoader };
    rows.push([total.toLocaleString('en').replace(/,/g, ' '), without.toFixed(1), withLoader.toFixed(1),
      ((withLoader - without) / total * 1000).toFixed(2), (withLoader / without).toFixed(2) + '×']);
  }
  await browser.close();
  await Promise.all([cdn.close(), portal.close()]);
  say('### The loader\'s MutationObserver under unrelated DOM changes (ms, medians of ' + RUNS + ')');
  say();
  table(['mutations', 'without loader', 'with loader + 1 block', 'extra µs per mutation', 'ratio'], rows);
  say();
  results.observer = measured;
}

// --- 5. refreshing readers -----------------------------------------------------------------------------
function readers() {
  say('### 100 readers of a refreshing block (cargo bench --bench readers)');
  say();
  const run = spawnSync('cargo', ['bench', '--locked', '--bench', 'readers'], {
    cwd: ROOT,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const rows = run.status === 0 ? run.stdout.split('\n').filter((l) => l.startsWith('|')) : [];
  if (!rows.length) {
    say(`cargo bench --bench readers failed (status ${run.status})`);
    failed = true;
    return;
  }
  for (const r of rows) say(r);
  say();
  say('Every reader opens the page in the same second and then refreshes on the widget\'s schedule (refresh ± 15 %, ' +
    'seeded). Each refresh revalidates the browser\'s copy (`cache: "no-cache"`): the origin answers 304 while the ' +
    'reader has the current feed, 200 after a change. The page loads are the first 100 requests of each row; the ' +
    'last column is the same readers with the jitter taken out.');
  say();
  results.readers = rows;
}

// --- run ----------------------------------------------------------------------------------------------
const m = machine();
results.machine = m;
say(`## Performance`);
say();
say(`Measured ${results.date.slice(0, 10)} on ${m.cpu} (nproc = ${m.nproc}), ${m.browser}, ${m.rustc}, Node ${m.node}. ` +
  'Timings carry noise: compare figures within one run, not across runs.');
say();
// The feeds both benchmarks read; `make bench` has generated them, this covers other BENCH_SIZES.
for (const n of new Set([...(PARTS.has('native') ? FEED_SIZES : []), ...(PARTS.has('browser') ? SIZES : [])])) {
  if (!existsSync(feedPath(n))) writeFeed(n);
}
if (PARTS.has('size')) sizes();
if (PARTS.has('native')) native();
if (PARTS.has('browser')) await browser();
if (PARTS.has('observer')) await observer();
if (PARTS.has('readers')) readers();
writeFileSync(resolve(OUT, 'results.md'), lines.join('\n') + '\n');
writeFileSync(resolve(OUT, 'results.json'), JSON.stringify(results, null, 2));
if (failed) {
  console.error('bench: over budget or a part failed (see above)');
  process.exit(1);
}
