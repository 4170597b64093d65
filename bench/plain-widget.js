// plain-widget.js: the hand-written plain-JavaScript reference for `make bench` (not shipped).
// It implements the same embed contract as dist/news-widget.js for the "Mới nhất" block, the way a
// careful webmaster would write it by hand, so the WASM widget has an honest yardstick:
//   <news-widget kind="latest" src="/feeds/latest.json" limit="10"></news-widget>
//   <div data-news-widget="latest" data-src="/feeds/latest.json" data-limit="10"></div>
// Open shadow root with an adopted stylesheet, one fetch + Response.json(), items newest first (undated
// last), http(s) links only (relative ones resolved against the feed URL), titles as text with entities
// decoded, times in the portal's zone (`tz`, default +07:00) as "Thứ Bảy, 20/7/2019 8:36", `data-state`
// loading → ready | empty | error with the news-widget:ready / news-widget:error events.
const sheet = new CSSStyleSheet();
sheet.replaceSync(`:host{all:initial;display:block;font:15px/1.4 system-ui,sans-serif;color:#1d1d1f}
h2{font-size:17px;margin:0 0 8px;color:#a50e0e}ul{list-style:none;margin:0;padding:0}
li{display:flex;gap:10px;padding:8px 0;border-bottom:1px solid #e3e1dc}img{border-radius:6px;object-fit:cover}
a{color:inherit;text-decoration:none;font-weight:600}time{display:block;font-size:12.5px;color:#6b6b70}`);
const DAYS = ['Chủ Nhật', 'Thứ Hai', 'Thứ Ba', 'Thứ Tư', 'Thứ Năm', 'Thứ Sáu', 'Thứ Bảy'];
const ENTITIES = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

const decode = (s) => s.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (m, e) =>
  e[0] !== '#' ? ENTITIES[e.toLowerCase()] ?? m
    : String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : +e.slice(1)));
const httpUrl = (u, base) => {
  try {
    const url = new URL(u, base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch { return null; }
};
const offsetMinutes = (tz) => {
  const m = /^([+-])(\d\d):?(\d\d)$/.exec(tz || '');
  return m ? (m[1] === '-' ? -1 : 1) * (+m[2] * 60 + +m[3]) : 420;
};
const formatTime = (ms, off) => {
  const d = new Date(ms + off * 60000); // the portal's wall clock, read with the UTC getters
  return `${DAYS[d.getUTCDay()]}, ${d.getUTCDate()}/${d.getUTCMonth() + 1}/${d.getUTCFullYear()} ` +
    `${d.getUTCHours()}:${String(d.getUTCMinutes()).padStart(2, '0')}`;
};
const el = (tag, attrs, text) => {
  const e = document.createElement(tag);
  for (const k in attrs) e.setAttribute(k, attrs[k]);
  if (text != null) e.textContent = text;
  return e;
};

async function render(host, attr) {
  const root = host.shadowRoot || host.attachShadow({ mode: 'open' });
  root.adoptedStyleSheets = [sheet];
  const set = (state, detail) => {
    host.setAttribute('data-state', state);
    if (state !== 'loading') host.dispatchEvent(new CustomEvent(state === 'error' ? 'news-widget:error'
      : 'news-widget:ready', { bubbles: true, composed: true, detail: { state, ...detail } }));
  };
  set('loading');
  const src = httpUrl(attr('src') || '', document.baseURI);
  const limit = Math.min(50, Math.max(1, parseInt(attr('limit'), 10) || 10));
  const off = offsetMinutes(attr('tz'));
  try {
    const res = await fetch(src);
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    const feed = await res.json();
    const items = [];
    for (const it of Array.isArray(feed.items) ? feed.items : []) {
      const url = it && typeof it === 'object' && httpUrl(it.url || it.external_url || '', src);
      if (!url || typeof it.title !== 'string' || !it.title.trim()) continue;
      const t = Date.parse(it.date_published || it.date_modified || '');
      items.push({ it, url, t: Number.isNaN(t) ? -Infinity : t });
    }
    items.sort((a, b) => b.t - a.t); // stable: equal dates keep feed order; undated (-Infinity) last
    const ul = el('ul', { role: 'list' });
    for (const { it, url, t } of items.slice(0, limit)) {
      const li = el('li', { 'data-item-id': String(it.id ?? url) });
      const img = typeof it.image === 'string' && httpUrl(it.image, src);
      if (img) li.append(el('img', { src: img, alt: '', width: 96, height: 64, loading: 'lazy' }));
      const body = el('div');
      body.append(el('a', { href: url }, decode(it.title).trim()));
      if (t > -Infinity) body.append(el('time', { datetime: new Date(t).toISOString() }, formatTime(t, off)));
      li.append(body);
      ul.append(li);
    }
    const heading = attr('heading') ?? 'Mới nhất';
    root.replaceChildren(...(heading ? [el('h2', {}, heading)] : []), ul);
    set(items.length ? 'ready' : 'empty', { count: Math.min(limit, items.length), total: items.length });
  } catch (err) {
    root.replaceChildren(el('p', { role: 'alert' }, 'Không tải được tin'));
    console.error('plain-widget: could not load', src, err);
    set('error', { reason: String(err && err.message) });
  }
}

customElements.define('news-widget', class extends HTMLElement {
  connectedCallback() { render(this, (n) => this.getAttribute(n)); }
});
const mountDiv = (d) => render(d, (n) => d.getAttribute(`data-${n}`));
document.querySelectorAll('div[data-news-widget]').forEach(mountDiv);
new MutationObserver((records) => {
  for (const r of records) for (const n of r.addedNodes) {
    if (n.nodeType !== 1) continue;
    if (n.matches('div[data-news-widget]')) mountDiv(n);
    n.querySelectorAll('div[data-news-widget]').forEach(mountDiv);
  }
}).observe(document, { childList: true, subtree: true });
