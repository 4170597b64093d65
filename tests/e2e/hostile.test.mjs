// Hostile feeds in the browser: every vector of tests/fixtures/hostile/vectors.json in every field of
// JSON Feed, WordPress, RSS and Atom documents (tests/e2e/site/hostile/feeds.mjs, the documents of
// tests/core_hostile.rs), rendered by every kind of block — "Mới nhất", "Các tin khác" (with "Xem thêm"
// pressed) and "Thư viện ảnh" with its lightbox stepped through every picture — on a plain page and on a page
// with a strict CSP and Trusted Types. Nothing may run and nothing unsafe may reach the DOM:
// - a trap on window.__pwned (every payload sets it), alert/confirm/prompt and dialogs stay untouched;
// - inside every shadow root, watched from its creation: only the elements the blocks render, no `on*`
//   attribute, no inline style, and every href/src/srcset an http(s) URL;
// - the page asks for nothing but http(s) URLs; no CSP or Trusted Types violation, no uncaught error;
// - text shows literally: a plain-text title `<img src=x onerror=…>` is that text on screen;
// - every <img> carries referrerpolicy (strict-origin-when-cross-origin, or the `referrer` attribute).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { startHarness, until, SITE } from './harness.mjs';
import { FORMATS, CONTENT_TYPES, loadVectors, buildFeed, chunks } from './site/hostile/feeds.mjs';

const T = { timeout: 120_000 };
const VECTORS = loadVectors();
const CHUNKS = chunks(VECTORS);
const EXT = { jsonfeed: 'json', wordpress: 'json', rss: 'xml', atom: 'xml' };
const KINDS = ['latest', 'others', 'gallery'];
// A 1×1 transparent PNG for every image the feeds point at outside loopback (the network is closed).
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

let h;
const served = new Map();
before(async () => {
  h = await startHarness();
  for (const format of FORMATS) {
    CHUNKS.forEach((chunk, k) => {
      const path = `/hostile/feeds/${format}-${k}.${EXT[format]}`;
      const body = Buffer.from(buildFeed(format, chunk));
      served.set(path, body);
      h.routes.set(path, (req, res) => {
        res.setHeader('Content-Type', CONTENT_TYPES[format]);
        res.end(body);
      });
    });
  }
  // The strict page, with its policy: images from any http(s) origin (feeds point anywhere) but not data:,
  // so a data: image that slipped through would show up as a violation.
  const html = await readFile(new URL('hostile/strict.html', `file://${SITE}`), 'utf8');
  h.routes.set('/hostile/strict.html', (req, res) => {
    res.setHeader('Content-Type', 'text/html; charset=utf-8');
    res.setHeader(
      'Content-Security-Policy',
      [
        "default-src 'none'",
        `script-src ${h.cdn} 'wasm-unsafe-eval'`,
        `connect-src ${h.cdn} ${h.portal}`,
        'img-src http: https:',
        `style-src ${h.cdn}`,
        "require-trusted-types-for 'script'",
      ].join('; '),
    );
    res.end(html.replaceAll('{{CDN}}', `${h.cdn}/cdn/news-widget`));
  });
});
after(async () => {
  await h?.close();
});

// Runs in the page before any of its scripts: the traps and the shadow-root watcher.
function recorder() {
  const rec = { bad: [], pwned: [], roots: 0, checkedUrls: 0 };
  Object.defineProperty(window, '__hostile', { value: rec });
  Object.defineProperty(window, '__pwned', {
    configurable: false,
    get: () => undefined,
    set: (v) => rec.pwned.push(`__pwned=${String(v)} at ${new Error().stack}`),
  });
  for (const name of ['alert', 'confirm', 'prompt', 'print']) {
    window[name] = (...args) => rec.pwned.push(`${name}(${args.join(', ')})`);
  }
  const ALLOWED = new Set(['a', 'button', 'dialog', 'div', 'figcaption', 'figure', 'h2', 'img', 'li', 'p', 'span', 'time', 'ul']);
  const URL_ATTRS = new Set(['href', 'src', 'srcset', 'action', 'formaction', 'xlink:href', 'poster', 'background', 'data', 'lowsrc', 'dynsrc', 'ping', 'cite']);
  const httpUrl = (u) => /^https?:\/\/[^\s"<>`]+$/.test(u);
  const where = (el) => {
    const host = el.getRootNode().host;
    return `${host ? host.id : '?'} <${el.localName}>`;
  };
  const checkAttr = (el, name, value) => {
    const n = name.toLowerCase();
    if (n.startsWith('on')) rec.bad.push(`${where(el)} handler ${n}=${value}`);
    if (n === 'style') rec.bad.push(`${where(el)} inline style ${value}`);
    if (!URL_ATTRS.has(n) || value === null) return;
    rec.checkedUrls++;
    const urls = n === 'srcset' ? value.split(/,\s+/).map((c) => c.trim().split(/\s+/)[0]) : [value];
    for (const u of urls) if (!httpUrl(u)) rec.bad.push(`${where(el)} ${n}=${JSON.stringify(value)}`);
  };
  const checkEl = (el) => {
    if (el.nodeType !== 1) return;
    if (!ALLOWED.has(el.localName)) rec.bad.push(`${where(el)} element not rendered by the blocks`);
    for (const a of el.attributes) checkAttr(el, a.name, a.value);
  };
  const checkTree = (node) => {
    checkEl(node);
    if (node.querySelectorAll) for (const el of node.querySelectorAll('*')) checkEl(el);
  };
  const watch = (root) => {
    rec.roots++;
    new MutationObserver((records) => {
      for (const r of records) {
        if (r.type === 'attributes') checkAttr(r.target, r.attributeName, r.target.getAttribute(r.attributeName));
        else for (const n of r.addedNodes) checkTree(n);
      }
    }).observe(root, { subtree: true, childList: true, attributes: true });
  };
  const attach = Element.prototype.attachShadow;
  Element.prototype.attachShadow = function (init) {
    const root = attach.call(this, init);
    watch(root);
    return root;
  };
  rec.sweep = () => {
    for (const host of document.querySelectorAll('news-widget, [data-news-widget]')) {
      if (!host.shadowRoot) continue;
      for (const el of host.shadowRoot.querySelectorAll('*')) checkEl(el);
      const policy = host.getAttribute('referrer') || host.getAttribute('data-referrer') || 'strict-origin-when-cross-origin';
      for (const img of host.shadowRoot.querySelectorAll('img')) {
        if (img.getAttribute('referrerpolicy') !== policy) {
          rec.bad.push(`${host.id} <img> referrerpolicy=${img.getAttribute('referrerpolicy')}, wanted ${policy}`);
        }
      }
    }
  };
}

/** Adds one block per chunk and kind (odd chunks in the div form) for `format`, all eager (more than two
 * viewports of them); returns their ids. */
function addBlocks(page, format) {
  const blocks = [];
  CHUNKS.forEach((_, k) => {
    for (const kind of KINDS) {
      blocks.push({
        id: `${format}-${k}-${kind}`,
        div: k % 2 === 1,
        attrs: { kind, src: `/hostile/feeds/${format}-${k}.${EXT[format]}`, limit: '50', loading: 'eager', ...(k === 1 ? { referrer: 'no-referrer' } : {}) },
      });
    }
  });
  return page.evaluate((blocks) => {
    const app = document.getElementById('app');
    for (const b of blocks) {
      const el = document.createElement(b.div ? 'div' : 'news-widget');
      el.id = b.id;
      for (const [k, v] of Object.entries(b.attrs)) {
        el.setAttribute(b.div ? (k === 'kind' ? 'data-news-widget' : `data-${k}`) : k, v);
      }
      app.append(el);
    }
    return blocks.map((b) => b.id);
  }, blocks);
}

/** Presses "Xem thêm" once in every block that has it (unless `strict`: the feeds' next_url points at
 * origins the page's connect-src rightly refuses), then opens every gallery's lightbox and steps through
 * every picture with ArrowRight (the first three under `strict`: the plain run saw them all); returns
 * { more, opened, steps }. */
function exercise(page, ids, strict) {
  return page.evaluate(async ({ ids, strict }) => {
    // Leptos renders signal changes in microtasks: a macrotask later the DOM is up to date.
    const frame = () => new Promise((r) => setTimeout(r, 0));
    let more = 0;
    let opened = 0;
    let steps = 0;
    for (const id of strict ? [] : ids) {
      const b = document.getElementById(id).shadowRoot.querySelector('button.nw-more');
      if (b) {
        b.click();
        more++;
      }
    }
    for (const id of ids.filter((i) => i.endsWith('-gallery'))) {
      const root = document.getElementById(id).shadowRoot;
      const thumbs = root.querySelectorAll('button.nw-gthumb');
      if (thumbs.length === 0) continue;
      thumbs[0].click();
      await frame();
      const dialog = root.querySelector('dialog');
      if (dialog.open) opened++;
      for (let j = 1; j < (strict ? Math.min(4, thumbs.length) : thumbs.length); j++) {
        dialog.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true, cancelable: true }));
        await frame();
        steps++;
      }
      root.querySelector('.nw-lb-close').click();
      await frame();
    }
    await new Promise((r) => setTimeout(r, 300));
    return { more, opened, steps };
  }, { ids, strict });
}

/** Whitespace collapsed as the core does (Rust's char::is_whitespace; vectors where JS differs are skipped). */
const collapse = (s) => s.split(/\s+/).filter(Boolean).join(' ');
const literalCandidate = ({ v }) => !/[&\u0000-\u001f\u007f-\u009f\ufeff]/.test(v) && collapse(v) !== '';

async function run(format, strict) {
  const p = await h.newPage();
  const { page } = p;
  const dialogs = [];
  const requests = [];
  page.on('dialog', (d) => {
    dialogs.push(`${d.type()}: ${d.message()}`);
    d.dismiss().catch(() => {});
  });
  page.on('request', (r) => requests.push(r.url()));
  await page.route(
    (url) => url.hostname !== '127.0.0.1' && url.hostname !== 'localhost',
    (route) => route.fulfill({ status: 200, contentType: 'image/png', body: PNG }),
  );
  await page.addInitScript(recorder);
  await page.goto(`${h.portal}/hostile/${strict ? 'strict' : 'index'}.html`);
  await page.waitForFunction(() => window.NewsWidget !== undefined);
  const ids = await addBlocks(page, format);
  const states = await until(async () => {
    const s = await page.evaluate((ids) => ids.map((id) => document.getElementById(id).getAttribute('data-state')), ids);
    return s.every((x) => x && x !== 'loading') && s;
  }, `every ${format} block to settle`, 60_000);
  const byState = states.reduce((m, s) => ((m[s] = (m[s] || 0) + 1), m), {});
  assert.equal(byState.error, undefined, `${format}: blocks in error: ${JSON.stringify(ids.filter((_, i) => states[i] === 'error'))}`);

  const done = await exercise(page, ids, strict);
  await page.evaluate(() => window.__hostile.sweep());
  const rec = await page.evaluate(() => {
    const { sweep, ...r } = window.__hostile;
    return r;
  });
  const nw = await p.nw();

  // Text shows as written: the good-link item B of each vector, where the title is plain text.
  let literal = 0;
  if (format !== 'wordpress') {
    const titles = await page.evaluate(() => {
      const out = {};
      for (const host of document.querySelectorAll('[id$="-latest"]')) {
        for (const a of host.shadowRoot.querySelectorAll('a.nw-title')) out[a.getAttribute('href')] = a.textContent;
      }
      return out;
    });
    for (const vec of VECTORS.filter(literalCandidate)) {
      const href = Object.keys(titles).find((u) => u.endsWith(`/hostile/${format}/b${vec.i}.html`));
      assert.ok(href, `${format}: item B of vector ${vec.i} ${JSON.stringify(vec.v)} is not shown`);
      assert.equal(titles[href], collapse(vec.v), `${format}: title of vector ${vec.i} is not the text as written`);
      literal++;
    }
  }

  const offending = requests.filter((u) => !/^https?:/i.test(u));
  const cspConsole = p.problems().filter((m) => /Content Security Policy|Trusted ?Type|TrustedHTML|TrustedScript/i.test(m));
  const summary = { format, strict, blocks: ids.length, byState, ...done, roots: rec.roots, urlsChecked: rec.checkedUrls, literal };
  console.log(`hostile: ${JSON.stringify(summary)}`);
  assert.deepEqual(rec.pwned, [], 'a payload ran');
  assert.deepEqual(dialogs, [], 'a dialog opened');
  assert.deepEqual(rec.bad, [], 'something unsafe reached a shadow root');
  assert.deepEqual(offending, [], 'the page requested a non-http(s) URL');
  assert.deepEqual(nw.violations, [], 'CSP / Trusted Types violations');
  assert.deepEqual(cspConsole, [], 'CSP / Trusted Types console errors');
  assert.deepEqual(p.errors, [], 'uncaught errors');
  assert.equal(rec.roots, ids.length, 'every block got (only) its own shadow root');
  assert.ok(rec.checkedUrls > 1000, `only ${rec.checkedUrls} URL attributes were checked`);
  if (format !== 'wordpress') assert.ok(literal > 100, `only ${literal} titles checked for literal text`);
  if (format !== 'wordpress') assert.ok(done.opened > 0 && done.steps > 0, 'no gallery lightbox was exercised');
  await page.close();
  return summary;
}

for (const format of FORMATS) {
  test(`[component] ${format}: ${VECTORS.length} hostile vectors in every field, every kind of block and the lightbox: nothing runs, only http(s) URLs, text shows literally`, T, async () => {
    await run(format, false);
  });
}

test('[component] the same hostile feeds under a strict CSP with Trusted Types: no violation in any format', T, async () => {
  for (const format of FORMATS) await run(format, true);
});

test('the hostile feeds hold every vector of the corpus, in all four formats', () => {
  assert.ok(VECTORS.length >= 200, `${VECTORS.length} vectors`);
  for (const format of FORMATS) {
    const all = CHUNKS.map((c, k) => served.get(`/hostile/feeds/${format}-${k}.${EXT[format]}`).length);
    assert.equal(all.length, CHUNKS.length);
  }
  console.log(
    `hostile: ${VECTORS.length} vectors x ${FORMATS.length} formats = ${VECTORS.length * FORMATS.length} vector/format pairs, ` +
      `${CHUNKS.length} documents per format, ${KINDS.length} kinds of block each`,
  );
});
