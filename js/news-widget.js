// news-widget.js: the embed loader, the one file webmasters link with
//   <script type="module" src="https://cdn.example/news-widget/news-widget.js"></script>
// It owns the glue between the page and the WASM core: loading and initialising the module, and
// mounting/unmounting one block per host element, for both embed forms:
//   <news-widget kind="latest" src="/feeds/latest.json"></news-widget>
//   <div data-news-widget="latest" data-src="/feeds/latest.json"></div>
// Rendering, attribute parsing, data-state and the ready/error events of a mounted block are the core's.
// No inline script, eval or innerHTML here: pages with a strict CSP and Trusted Types must work.

const VERSION = '0.1.0';
const TAG = 'news-widget';
const DIV_SELECTOR = '[data-news-widget]';
// A change of any of these after mount remounts the block (the div form uses the data- names).
const ATTRS = ['kind', 'src', 'limit', 'heading', 'lang', 'tz', 'current', 'tag', 'thumbnails', 'summary',
  'format', 'timeout', 'referrer', 'layout', 'action', 'fields', 'list'];
const DIV_ATTRS = ['data-news-widget'].concat(ATTRS.map((a) => 'data-' + a));

// Everything is found relative to this file, so dist/ works at any path on any origin (a CDN).
const wasmUrl = new URL('./news-widget-core_bg.wasm', import.meta.url);

/** host element -> handle returned by the core's mount_block (never 0). */
const handles = new Map();
/** Hosts whose remount is already queued for the current microtask (coalesces attribute bursts). */
const queued = new Set();
/** The core's exports once initialised; null while loading; false once loading failed. */
let core = null;
/** Why loading failed (for blocks that appear afterwards). */
let failure = '';

function isDivHost(el) {
  return el.localName !== TAG && el.hasAttribute('data-news-widget');
}

function fail(el, reason) {
  el.setAttribute('data-state', 'error');
  el.dispatchEvent(new CustomEvent('news-widget:error', { bubbles: true, composed: true, detail: { reason } }));
}

function mount(el) {
  if (handles.has(el) || !el.isConnected) return;
  if (core === false) {
    fail(el, failure);
    return;
  }
  if (core === null) return; // mounted by mountAll() once the core is ready
  let handle = 0;
  try {
    handle = core.mount_block(el);
  } catch (err) {
    // A trap inside the core must not stop the other blocks from mounting.
    console.error('news-widget: mounting a block failed', el, err);
  }
  if (handle) handles.set(el, handle);
}

function unmount(el) {
  const handle = handles.get(el);
  if (handle === undefined) return;
  handles.delete(el);
  try {
    core.unmount_block(handle);
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
  for (const el of document.querySelectorAll(TAG)) mount(el);
  for (const el of document.querySelectorAll(DIV_SELECTOR)) if (isDivHost(el)) mount(el);
}

// Loading the same loader twice under the same URL evaluates it once (module map); under two URLs
// (another CDN path, a ?v= query) it would register the element twice and mount every div twice.
// The first copy wins; the element is defined synchronously so the check cannot race.
if (customElements.get(TAG)) {
  console.warn('news-widget: the loader is included more than once; keeping the first copy (' + import.meta.url + ')');
} else {
  class NewsWidgetElement extends HTMLElement {
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
  customElements.define(TAG, NewsWidgetElement);

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

  window.NewsWidget = Object.freeze({
    version: VERSION,
    /** Re-reads the attributes of a block and renders it again (fetching its feed again). */
    refresh(el) {
      if (el && (handles.has(el) || el.localName === TAG || isDivHost(el))) remount(el);
    },
  });

  // Start fetching the 150 KB of WASM at once, in parallel with the glue, instead of after it.
  // A 404 page would otherwise surface as a cryptic "expected magic word" compile error.
  const wasm = fetch(wasmUrl).then((res) => {
    if (!res.ok) throw new Error('HTTP ' + res.status + ' ' + res.statusText);
    return res;
  });
  wasm.catch(() => {}); // reported below through init; avoids a second "unhandled rejection" if the glue fails first
  import('./news-widget-core.js')
    .then((glue) => glue.default({ module_or_path: wasm }).then(() => glue))
    .then(
      (glue) => {
        core = glue;
        mountAll();
      },
      (err) => {
        core = false;
        failure = String((err && err.message) || err);
        console.error('news-widget: could not load the WASM core from ' + wasmUrl.href + ': ' + failure +
          ' (check that the file is served with Content-Type application/wasm and CORS, and that the page CSP' +
          " script-src allows this origin and 'wasm-unsafe-eval')");
        for (const el of document.querySelectorAll(TAG)) fail(el, failure);
        for (const el of document.querySelectorAll(DIV_SELECTOR)) if (isDivHost(el)) fail(el, failure);
      },
    );
}
