// news-widget.js: the embed loader, the one file webmasters link with
//   <script type="module" src="https://cdn.example/news-widget/news-widget.js"></script>
// It owns the glue between the page and the WASM core: picking, loading and initialising a module, starting
// the blocks' feed requests while the module downloads, and mounting/unmounting one block per host element,
// for both embed forms:
//   <news-widget kind="latest" src="/feeds/latest.json"></news-widget>
//   <div data-news-widget="latest" data-src="/feeds/latest.json"></div>
// Two modules sit beside this file: the lean `news-widget-latest` (the "Mới nhất" block and JSON Feed) and
// the full `news-widget-core` (every kind and format). A page whose blocks all fit the lean one downloads
// only that; any other block loads the full one, and a lean block that meets another feed format is handed
// over to it. Rendering, attribute parsing, data-state and the ready/error events are the core's.
// A block starts (its module and its feed) only when it comes within a viewport of the visible part of the
// page, so blocks far down an article cost nothing until the reader scrolls towards them; until it renders,
// the host keeps an estimate of the block's height so that the page does not jump.
// No inline script, eval or innerHTML here: pages with a strict CSP and Trusted Types must work.

const VERSION = '0.1.0';
const TAG = 'news-widget';
const DIV_SELECTOR = '[data-news-widget]';
// A change of any of these after mount remounts the block (the div form uses the data- names).
const ATTRS = ['kind', 'src', 'limit', 'heading', 'lang', 'tz', 'current', 'tag', 'thumbnails', 'summary',
  'format', 'timeout', 'referrer', 'layout', 'action', 'fields', 'list', 'refresh', 'time', 'theme'];
const DIV_ATTRS = ['data-news-widget'].concat(ATTRS.map((a) => 'data-' + a));
// What the lean module renders (without refresh, with absolute times, not as a ticker). Only a shortcut: the core itself
// hands over any block it cannot render.
const LEAN_KINDS = ['', 'latest'];
const LEAN_FORMATS = ['', 'auto', 'json', 'jsonfeed', 'json-feed'];
// The feed requests started here, by absolute URL, for the core to take (once) instead of fetching again.
const PREFETCH = Symbol.for('news-widget.prefetch');
// The index of the core's saved lists (read early, see load()).
const STORAGE_INDEX = 'news-widget:v2:index';
// Subresource Integrity of each module file, written into the built loader by the build (scripts/seal.mjs):
// with `integrity` on the loader's own script tag, the whole chain is checked. A string in an unsealed copy.
const INTEGRITY = '__NEWS_WIDGET_INTEGRITY__';

/** The integrity metadata of a module file ('' in an unsealed loader: nothing to check against). */
function integrityOf(url) {
  return (typeof INTEGRITY === 'object' && INTEGRITY[url.pathname.split('/').pop()]) || '';
}

/**
 * Puts the glue into the module map through a `<link rel="modulepreload">` with its integrity: the
 * `import()` after it gets that checked module, or fails with it. Dynamic `import()` takes no integrity.
 */
function preloadGlue(url) {
  const integrity = integrityOf(url);
  if (!integrity) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const link = document.createElement('link');
    link.rel = 'modulepreload';
    link.href = url.href;
    link.integrity = integrity;
    link.onload = resolve;
    link.onerror = () => reject(new Error('missing, or not matching the integrity hash: ' + url.href));
    (document.head || document.documentElement).append(link);
  });
}

/** One WASM module: its files (found relative to this file, so dist/ works at any path on any origin). */
function moduleSlot(name) {
  return {
    name,
    glue: new URL('./' + name + '.js', import.meta.url),
    wasm: new URL('./' + name + '_bg.wasm', import.meta.url),
    /** The exports once initialised; null before; false once loading failed. */
    core: null,
    started: false,
    failure: '',
  };
}
const lean = moduleSlot('news-widget-latest');
const full = moduleSlot('news-widget-core');

/** host element -> { slot, handle } (handle as returned by the core's mount_block, never 0). */
const handles = new Map();
/** Hosts whose remount is already queued for the current microtask (coalesces attribute bursts). */
const queued = new Set();
/** Hosts the lean module handed over (a feed format it does not read): they stay with the full one. */
const needsFull = new WeakSet();
/** Hosts that have started (module and feed); the others wait for the observer below. */
const started = new WeakSet();
/** Hosts whose inline min-height (and display) the loader set, to remove once the block renders. */
const reserved = new WeakSet();
// One viewport above and below: far enough ahead that a block has rendered before the reader reaches it.
// Sideways, ten: pages scroll down, and a host pushed off to the right (wide inline content) still starts.
const io = window.IntersectionObserver &&
  new IntersectionObserver((entries) => start(entries.filter((e) => e.isIntersecting).map((e) => e.target)),
    { rootMargin: '100% 1000%' });
// Default limit of each kind, for the estimate of a block's height.
const LIMITS = { gallery: 12, links: 30 };

// Never the page's own skeleton: user content that slips the attribute onto <body> must not take it over.
const NEVER_HOSTS = ['html', 'head', 'body'];

function isDivHost(el) {
  return el.localName !== TAG && !NEVER_HOSTS.includes(el.localName) && el.hasAttribute('data-news-widget');
}

function attr(el, name) {
  return (isDivHost(el) ? el.getAttribute(name === 'kind' ? 'data-news-widget' : 'data-' + name)
    : el.getAttribute(name)) || '';
}

/** An attribute's value as the core reads keywords: trimmed, any case. */
function keyword(el, name) {
  return attr(el, name).trim().toLowerCase();
}

function fitsLean(el) {
  return LEAN_KINDS.includes(keyword(el, 'kind')) && LEAN_FORMATS.includes(keyword(el, 'format')) &&
    // Refreshing blocks, relative times and the ticker are the full module's.
    ['', 'off'].includes(keyword(el, 'refresh')) && keyword(el, 'time') !== 'relative' &&
    keyword(el, 'layout') !== 'ticker';
}

/** The module for a block: the full one once it is needed anywhere on the page, else the lean one. */
function slotFor(el) {
  return full.started || needsFull.has(el) || !fitsLean(el) ? full : lean;
}

function fail(el, reason) {
  el.setAttribute('data-state', 'error');
  el.dispatchEvent(new CustomEvent('news-widget:error', { bubbles: true, composed: true, detail: { reason } }));
}

/** Within the observer's margin, an eager block, or no IntersectionObserver: the block starts now. */
function startsNow(el) {
  if (!io || keyword(el, 'loading') === 'eager') return true;
  const r = el.getBoundingClientRect();
  return r.bottom >= -innerHeight && r.top <= 2 * innerHeight;
}

/** Starts blocks: their module (the full one if any of them needs it) and, while it loads, their feeds. */
function start(list) {
  for (const el of list) {
    if (io) io.unobserve(el);
    started.add(el);
    reserve(el);
  }
  if (list.some((el) => slotFor(el) === full)) load(full);
  prefetchFeeds(list.filter((el) => slotFor(el).core === null));
  for (const el of list) mount(el);
}

/**
 * Holds the block's estimated height until it mounts (or fails to), unless the page gives
 * the host a min-height of its own. The figures are those of style/*.css at the host's width: the heading
 * (38 px), a list row (a thumbnail or three lines of title, and the meta line), a row of 4:3 photos (two to
 * four columns, as the gallery's container queries), a link or the drop-down (37 px), the feedback form.
 */
function reserve(el) {
  if (reserved.has(el) || !el.isConnected) return;
  const style = getComputedStyle(el);
  if (parseFloat(style.minHeight) > 0) return;
  reserved.add(el);
  // A custom element is inline until its shadow root's :host rule applies, and min-height needs a box.
  if (style.display === 'inline') el.style.display = 'block';
  const kind = keyword(el, 'kind');
  const n = Math.min(Math.max(parseInt(attr(el, 'limit'), 10) || LIMITS[kind] || 10, 1), 50);
  const w = el.clientWidth || 320;
  const cols = w < 380 ? 2 : w < 620 ? 3 : 4;
  const px = kind === 'feedback' ? 470
    : kind === 'links' ? (keyword(el, 'layout') === 'select' ? 1 : n) * 37
    : kind === 'gallery' ? Math.ceil(n / cols) * ((w - 6 * cols + 6) / cols * 0.75 + 6) - 6
    : n * ((w < 420 ? 100 : 88) + (keyword(el, 'summary') === 'on' ? 80 : 0));
  const heading = el.hasAttribute(isDivHost(el) ? 'data-heading' : 'heading') && !attr(el, 'heading').trim();
  el.style.minHeight = Math.round(px + (heading ? 0 : 38)) + 'px';
}

function unreserve(el) {
  if (!reserved.delete(el)) return;
  el.style.removeProperty('min-height');
  el.style.removeProperty('display');
  if (el.getAttribute('style') === '') el.removeAttribute('style');
}

function mount(el) {
  if (handles.has(el) || !el.isConnected) return;
  if (!started.has(el)) {
    if (startsNow(el)) start([el]);
    else {
      reserve(el);
      io.observe(el);
    }
    return;
  }
  const slot = slotFor(el);
  if (slot.core === false) {
    unreserve(el);
    fail(el, slot.failure);
    return;
  }
  if (slot.core === null) {
    load(slot); // mounted by mountAll() once the module is ready
    return;
  }
  let handle = 0;
  try {
    handle = slot.core.mount_block(el);
  } catch (err) {
    // A trap inside the core must not stop the other blocks from mounting.
    console.error('news-widget: mounting a block failed', el, err);
  }
  if (handle) {
    handles.set(el, { slot, handle });
    // From here the block's own placeholder holds the room it will take, at the height of its layout.
    unreserve(el);
  }
}

function unmount(el) {
  const mounted = handles.get(el);
  if (mounted === undefined) return;
  handles.delete(el);
  try {
    mounted.slot.core.unmount_block(mounted.handle);
  } catch (err) {
    console.error('news-widget: unmounting a block failed', el, err);
  }
}

function remount(el) {
  unmount(el);
  mount(el);
}

/** A host that left the page: unmounted, or no longer waiting to start, with nothing of ours left on it. */
function forget(el) {
  unmount(el);
  started.delete(el);
  if (io) io.unobserve(el);
  unreserve(el);
}

// Several attributes set one after the other (el.setAttribute x3) remount once, after the last one.
function queueRemount(el) {
  if (queued.has(el)) return;
  queued.add(el);
  queueMicrotask(() => {
    queued.delete(el);
    if (el.isConnected && (el.localName === TAG || isDivHost(el))) remount(el);
    else forget(el);
  });
}

// A moved element is disconnected and reconnected in the same task: only unmount if it is still
// gone at the next microtask, so a move neither drops nor remounts the block.
function unmountIfGone(el) {
  queueMicrotask(() => {
    if (!el.isConnected) forget(el);
  });
}

function mountAll() {
  const all = hosts();
  // One module for the blocks that started when it can be: one that needs the full module takes the others
  // with it. Blocks that have not started yet do not count: they may never be needed.
  if (all.some((el) => started.has(el) && slotFor(el) === full)) load(full);
  for (const el of all) mount(el);
}

/** Starts downloading and initialising a module (once); mounts every waiting block when it is ready. */
function load(slot) {
  if (slot.started) return;
  slot.started = true;
  // Fetch the WASM at once, in parallel with the glue, instead of after it. A 404 page would otherwise
  // surface as a cryptic "expected magic word" compile error.
  const integrity = integrityOf(slot.wasm);
  const wasm = fetch(slot.wasm, { integrity }).catch((err) => {
    if (!integrity) throw err;
    // A failed integrity check and an error answer look alike (a network error): ask again to say which.
    return fetch(slot.wasm).then((res) => {
      if (res.ok) throw new Error("the file does not match this loader's integrity hash");
      return res;
    }, () => Promise.reject(err));
  }).then((res) => {
    if (!res.ok) throw new Error('HTTP ' + res.status + ' ' + res.statusText);
    return res;
  });
  wasm.catch(() => {}); // reported below through init; avoids a second "unhandled rejection" if the glue fails first
  // The first read of localStorage waits for the browser to load the page's storage (a few ms): done in a
  // task of its own while the module downloads, the core's read of its saved lists then finds it loaded.
  setTimeout(() => {
    try {
      localStorage.getItem(STORAGE_INDEX);
    } catch {}
  });
  preloadGlue(slot.glue)
    .then(() => import(slot.glue.href))
    .then((glue) => glue.default({ module_or_path: wasm }).then(() => glue))
    .then(
      (glue) => {
        slot.core = glue;
        performance.mark('news-widget:module-ready'); // downloaded, compiled and instantiated
        mountAll();
      },
      (err) => {
        slot.core = false;
        slot.failure = String((err && err.message) || err);
        console.error('news-widget: could not load the WASM core from ' + slot.wasm.href + ': ' + slot.failure +
          ' (check that the file is served with Content-Type application/wasm and CORS, and that the page CSP' +
          " script-src allows this origin and 'wasm-unsafe-eval', and that the files are those of this loader's build)");
        for (const el of hosts()) {
          if (started.has(el) && !handles.has(el) && slotFor(el) === slot) {
            unreserve(el);
            fail(el, slot.failure);
          }
        }
      },
    );
}

/**
 * The feed origins the page allows, from `<meta name="news-widget-sources" content="https://a https://b">`
 * (null when the page sets none). The core enforces it; here it only keeps the loader from prefetching.
 */
function allowedOrigins() {
  const meta = document.querySelector('meta[name="news-widget-sources"]');
  if (!meta) return null;
  return (meta.getAttribute('content') || '').split(/\s+/).filter(Boolean).map((o) => {
    try {
      return new URL(o).origin;
    } catch {
      return '';
    }
  });
}

function hosts() {
  const found = foreignTag ? [] : Array.from(document.querySelectorAll(TAG));
  for (const el of document.querySelectorAll(DIV_SELECTOR)) if (isDivHost(el)) found.push(el);
  return found;
}

/**
 * Starts the feed requests of blocks that start while their module downloads: the core takes each response
 * once (same URL, same request), so no feed is requested twice.
 */
function prefetchFeeds(list) {
  if (!list.length) return;
  if (!window[PREFETCH]) Object.defineProperty(window, PREFETCH, { value: new Map(), configurable: true });
  const pending = window[PREFETCH];
  const allowed = allowedOrigins();
  for (const el of list) {
    // A block with its own referrer policy sends its own request (the core checks the value).
    if (attr(el, 'referrer')) continue;
    for (const raw of attr(el, 'src').split(/\s+/)) {
      if (!raw) continue;
      let url;
      try {
        url = new URL(raw, document.baseURI);
      } catch {
        continue;
      }
      if ((url.protocol !== 'https:' && url.protocol !== 'http:') || pending.has(url.href)) continue;
      if (allowed && !allowed.includes(url.origin)) continue;
      const controller = new AbortController();
      const response = fetch(url.href, { signal: controller.signal, referrerPolicy: 'strict-origin-when-cross-origin' });
      // The body is read as it arrives, so the module finds what has arrived; error answers are left to the core.
      const body = response.then(readCapped);
      response.catch(() => {}); // the core reports failures when it takes the request
      body.catch(() => {});
      pending.set(url.href, { response, body, controller });
    }
  }
}

// The core reads at most this much of a feed (and says so); a longer body is not downloaded further.
const MAX_BODY = 20 * 1024 * 1024;
const TAKE_BYTES = 512 * 1024;

/**
 * A successful response's body, read chunk by chunk as it arrives and cancelled one byte past MAX_BODY, so
 * that a huge or compressed-bomb answer never sits whole in memory. The core takes it with the function
 * returned: each call gives a promise of the bytes that arrived and are not taken yet (up to about
 * TAKE_BYTES, waiting for at least one chunk), or of null once everything is taken, so that it can read a
 * large feed while the rest is on its way. null (the core reads or refuses it) for error answers, bodies
 * the browser gives no stream for and a Content-Length already over the cap.
 */
function readCapped(r) {
  if (!r.ok || !r.body || Number(r.headers.get('content-length')) > MAX_BODY) return null;
  const reader = r.body.getReader();
  let parts = [];
  let done = false;
  let failure = null;
  let wake = null;
  const woken = () => {
    if (wake) wake();
    wake = null;
  };
  (async () => {
    let size = 0;
    try {
      while (size <= MAX_BODY) {
        const chunk = await reader.read();
        if (chunk.done) break;
        parts.push(chunk.value);
        size += chunk.value.length;
        woken();
      }
      if (size > MAX_BODY) reader.cancel();
    } catch (e) {
      failure = e;
    }
    done = true;
    woken();
  })();
  return async function take() {
    while (!parts.length && !done) await new Promise((resolve) => { wake = resolve; });
    if (!parts.length) {
      if (failure) throw failure;
      return null;
    }
    // At most about TAKE_BYTES at a time: what arrived while the module loaded is handed over in parts,
    // which the core copies and scans in tasks of their own instead of one long task.
    let n = 0;
    let size = 0;
    while (n < parts.length && size < TAKE_BYTES) size += parts[n++].length;
    const batch = parts.splice(0, n);
    if (batch.length === 1) return batch[0];
    const all = new Uint8Array(size);
    let at = 0;
    for (const p of batch) {
      all.set(p, at);
      at += p.length;
    }
    return all;
  };
}

// Loading the same loader twice under the same URL evaluates it once (module map); under two URLs
// (another CDN path, a ?v= query) it would register the element twice and mount every div twice.
// The first copy wins; the element is defined synchronously so the check cannot race.
const OURS = Symbol.for('news-widget.element');
const defined = customElements.get(TAG);
/** Another script owns the `<news-widget>` name: those elements are not ours to render. */
const foreignTag = Boolean(defined && !defined[OURS]);
if (defined && defined[OURS]) {
  console.warn('news-widget: the loader is included more than once; keeping the first copy (' + import.meta.url + ')');
} else {
  if (defined) {
    // Another script owns the <news-widget> name: only the div form can be ours.
    console.warn('news-widget: another script already defined <news-widget>; only <div data-news-widget> blocks ' +
      'are rendered on this page');
  }
  // Before any block mounts: the blocks near the viewport start (their feeds download, and when one of them
  // needs the full module, they all load only that one); the others wait until the reader comes near.
  start(hosts().filter(startsNow));

  class NewsWidgetElement extends HTMLElement {
    static get [OURS]() {
      return true;
    }
    static get observedAttributes() {
      return ATTRS;
    }
    connectedCallback() {
      mount(this);
    }
    disconnectedCallback() {
      unmountIfGone(this);
    }
    attributeChangedCallback(_name, oldValue, newValue) {
      // Fired for the initial attributes too (before connection): only mounted blocks remount.
      if (oldValue !== newValue && handles.has(this)) queueRemount(this);
    }
  }
  if (!defined) customElements.define(TAG, NewsWidgetElement);

  new MutationObserver((records) => {
    for (const r of records) {
      if (r.type === 'attributes') {
        const el = r.target;
        if (el.localName === TAG) continue; // the custom element watches its own attributes
        if (handles.has(el) || isDivHost(el)) queueRemount(el);
        continue;
      }
      for (const node of r.removedNodes) {
        if (node.nodeType !== 1 || node.isConnected) continue;
        forget(node);
        for (const el of node.querySelectorAll(DIV_SELECTOR)) if (!el.isConnected) forget(el);
      }
      for (const node of r.addedNodes) {
        if (node.nodeType !== 1 || !node.isConnected) continue;
        if (isDivHost(node)) mount(node);
        for (const el of node.querySelectorAll(DIV_SELECTOR)) if (isDivHost(el)) mount(el);
      }
    }
  }).observe(document, { childList: true, subtree: true, attributes: true, attributeFilter: DIV_ATTRS });

  if (window.NewsWidget) console.warn('news-widget: window.NewsWidget is taken by another script; not replacing it');
  else window.NewsWidget = Object.freeze({
    version: VERSION,
    /** Re-reads the attributes of a block and renders it again (fetching its feed again). */
    refresh(el) {
      if (el && (handles.has(el) || el.localName === TAG || isDivHost(el))) remount(el);
    },
  });

  // A mounted block's placeholder, drawn at the height of its layout, takes over from the estimate; a block
  // that settles without one (a failure before its first render) drops the estimate when it settles.
  for (const type of ['news-widget:ready', 'news-widget:error']) document.addEventListener(type, (e) => unreserve(e.target));

  // The lean module hands over a block whose feed it cannot read; the full module takes it from there.
  document.addEventListener('news-widget:needs-full', (e) => {
    const el = e.target;
    if (!(el instanceof Element) || handles.get(el)?.slot !== lean) return;
    unmount(el);
    needsFull.add(el);
    mount(el);
  });

  mountAll();
}
