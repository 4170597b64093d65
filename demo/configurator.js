// The snippet configurator (configurator.html): reads the form, sets the same attributes on the preview
// block and writes the snippet in both embed forms. An external module file: the page allows no inline script.

// In the order the snippet writes them; the form's controls carry these names.
const NAMES = ['kind', 'src', 'limit', 'heading', 'lang', 'tz', 'current', 'tag', 'thumbnails', 'summary', 'format',
  'referrer', 'layout', 'theme', 'time', 'refresh', 'loading', 'action', 'fields', 'list'];
// Addresses are written absolute: the snippet is pasted into pages on other sites.
const URLS = ['src', 'action'];

const form = document.getElementById('cfg');
const preview = document.getElementById('preview');
const status = document.getElementById('copy-status');
const loader = document.querySelector('script[src$="/news-widget.js"]').src;

function absolute(value) {
  return value
    .split(/\s+/)
    .filter(Boolean)
    .map((v) => {
      try {
        return new URL(v, location.href).href;
      } catch {
        return v;
      }
    })
    .join(' ');
}

/** The block's attributes as [name, value] pairs: only what differs from the defaults. */
function attributes() {
  const out = [];
  for (const name of NAMES) {
    let value = (form.elements[name]?.value || '').trim();
    if (name === 'heading' && form.elements['heading-off'].checked) {
      out.push([name, '']);
      continue;
    }
    if (!value) continue;
    if (URLS.includes(name)) value = absolute(value);
    out.push([name, value]);
  }
  return out;
}

const escape = (v) => v.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

function snippet(attrs, div) {
  const list = attrs
    .map(([n, v]) => ' ' + (div ? (n === 'kind' ? 'data-news-widget' : 'data-' + n) : n) + '="' + escape(v) + '"')
    .join('');
  const tag = div ? 'div' : 'news-widget';
  return '<script type="module" src="' + escape(loader) + '"></script>\n\n<' + tag + list + '></' + tag + '>\n';
}

function update() {
  const attrs = attributes();
  const wanted = new Map(attrs);
  const observed = customElements.get('news-widget')?.observedAttributes || [];
  let unobservedChange = false;
  let observedChange = false;
  for (const name of NAMES) {
    const before = preview.getAttribute(name);
    const after = wanted.has(name) ? wanted.get(name) : null;
    if (before === after) continue;
    if (after === null) preview.removeAttribute(name);
    else preview.setAttribute(name, after);
    if (observed.includes(name)) observedChange = true;
    else unobservedChange = true;
  }
  // An attribute this build of the loader does not watch renders the block again by hand; a watched one
  // already has.
  if (unobservedChange && !observedChange && window.NewsWidget) window.NewsWidget.refresh(preview);
  document.getElementById('snippet-element').textContent = snippet(attrs, false);
  document.getElementById('snippet-div').textContent = snippet(attrs, true);
}

let timer = 0;
form.addEventListener('input', () => {
  clearTimeout(timer);
  timer = setTimeout(update, 300);
});
form.addEventListener('change', () => {
  clearTimeout(timer);
  update();
});
form.addEventListener('submit', (e) => e.preventDefault());

for (const button of document.querySelectorAll('[data-copy]')) {
  button.addEventListener('click', async () => {
    const code = document.getElementById(button.dataset.copy);
    try {
      await navigator.clipboard.writeText(code.textContent);
      status.textContent = 'Đã sao chép đoạn mã.';
    } catch {
      // No clipboard access (permissions, an old browser): select the snippet for the reader to copy.
      getSelection().selectAllChildren(code);
      status.textContent = 'Đoạn mã đã được chọn: nhấn Ctrl+C để sao chép.';
    }
  });
}

update();
