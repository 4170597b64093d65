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
// No inline script, eval or innerHTML here: pages with a strict CSP and Trusted Types must work.

const VERSION = '0.1.0';
const TAG = 'news-widget';
const DIV_SELECTOR = '[data-news-widget]';
// A change of any of these after mount remounts the block (the div form uses the data- names).
const ATTRS = ['kind', 'src', 'limit', 'heading', 'lang', 'tz', 'current', 'tag', 'thumbnails', 'summary',
  'format', 'timeout', 'referrer', 'layout', 'action', 'fields', 'list', 'theme'];
const DIV_ATTRS = ['data-news-widget'].concat(ATTRS.map((a) => 'data-' + a));
// What the lean module renders. Only a shortcut: the core itself hands over any block it cannot render.
const LEAN_KINDS = ['', 'latest'];
const LEAN_FORMATS = ['', 'auto', 'json', 'jsonfeed', 'json-feed'];
// The feed requests started here, by absolute URL, for the core to take (once) instead of fetching again.
const PREFETCH = Symbol.for('news-widget.prefetch');

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

// Never the page's own skeleton: user content that slips the attribute onto <body> must not take it over.
const NEVER_HOSTS = ['html', 'head', 'body'];

function isDivHost(el) {
  return el.localName !== TAG && !NEVER_HOSTS.includes(el.localName) && el.hasAttribute('data-news-widget');
}

function attr(el, name) {
  return (isDivHost(el) ? el.getAttribute(name === 'kind' ? 'data-news-widget' : 'data-' + name)
    : el.getAttribute(name)) || '';
}

function fitsLean(el) {
  return LEAN_KINDS.includes(attr(el, 'kind').trim().toLowerCase()) &&
    LEAN_FORMATS.includes(attr(el, 'format').trim().toLowerCase());
}

/** The module for a block: the full one once it is needed anywhere on the page, else the lean one. */
function slotFor(el) {
  return full.started || needsFull.has(el) || !fitsLean(el) ? full : lean;
}

function fail(el, reason) {
  el.setAttribute('data-state', 'error');
  el.dispatchEvent(new CustomEvent('news-widget:error', { bubbles: true, composed: true, detail: { reason } }));
}

function mount(el) {
  if (handles.has(el) || !el.isConnected) return;
  const slot = slotFor(el);
  if (slot.core === false) {
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
  if (handle) handles.set(el, { slot, handle });
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

// Several attributes set one after the other (el.setAttribute x3) remount once, after the last one.
function queueRemount(el) {
  if (queued.has(el)) return;
  queued.add(el);
  queueMicrotask(() => {
    queued.delete(el);
    if (el.isConnected && (el.localName === TAG || isDivHost(el))) remount(el);
    else unmount(el);
  });
}

// A moved element is disconnected and reconnected in the same task: only unmount if it is still
// gone at the next microtask, so a move neither drops nor remounts the block.
function unmountIfGone(el) {
  queueMicrotask(() => {
    if (!el.isConnected) unmount(el);
  });
}

function mountAll() {
  const all = hosts();
  // One module for the page when it can be: a block that needs the full one takes the others with it.
  if (all.some((el) => slotFor(el) === full)) load(full);
  for (const el of all) mount(el);
}

/** Starts downloading and initialising a module (once); mounts every waiting block when it is ready. */
function load(slot) {
  if (slot.started) return;
  slot.started = true;
  // Fetch the WASM at once, in parallel with the glue, instead of after it. A 404 page would otherwise
  // surface as a cryptic "expected magic word" compile error.
  const wasm = fetch(slot.wasm).then((res) => {
    if (!res.ok) throw new Error('HTTP ' + res.status + ' ' + res.statusText);
    return res;
  });
  wasm.catch(() => {}); // reported below through init; avoids a second "unhandled rejection" if the glue fails first
  import(slot.glue.href)
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
          " script-src allows this origin and 'wasm-unsafe-eval')");
        for (const el of hosts()) if (!handles.has(el) && slotFor(el) === slot) fail(el, slot.failure);
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
 * Starts the feed requests of the blocks already on the page while the module downloads: the core takes
 * each response once (same URL, same request), so no feed is requested twice.
 */
function prefetchFeeds() {
  const pending = new Map();
  const allowed = allowedOrigins();
  for (const el of hosts()) {
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
      // The body is read as it arrives, so the module finds it ready; error answers are left to the core.
      const body = response.then((r) => (r.ok ? r.arrayBuffer() : null));
      response.catch(() => {}); // the core reports failures when it takes the request
      body.catch(() => {});
      pending.set(url.href, { response, body, controller });
    }
  }
  Object.defineProperty(window, PREFETCH, { value: pending, configurable: true });
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
  // Before any block mounts: the feeds start downloading, and a page that needs the full module anywhere
  // loads only that one.
  prefetchFeeds();
  if (hosts().some((el) => !fitsLean(el))) load(full);

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
        if (handles.has(node)) unmount(node);
        for (const el of node.querySelectorAll(DIV_SELECTOR)) if (!el.isConnected) unmount(el);
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
