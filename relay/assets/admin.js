// Moderation page of news-widget-relay. Served under a strict CSP (no inline code); every node is built
// with createElement and textContent, never by parsing HTML, since entries are written by anyone on the web.
'use strict';

const STATUS_LABELS = { pending: 'Chờ duyệt', approved: 'Đã duyệt', rejected: 'Đã từ chối' };

const $ = (id) => document.getElementById(id);

function el(tag, text, className) {
  const node = document.createElement(tag);
  if (text !== undefined && text !== null) node.textContent = String(text);
  if (className) node.className = className;
  return node;
}

function note(text, isError) {
  const n = $('note');
  n.textContent = text;
  n.className = isError ? 'error' : '';
}

function formatDate(iso) {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleString('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh' });
}

async function api(method, path) {
  // From the origin, not the page URL: a page opened as http://user:token@host/ would pass its
  // credentials on to relative URLs, which fetch refuses.
  const res = await fetch(new URL(path, window.location.origin), {
    method,
    credentials: 'same-origin',
    headers: method === 'GET' ? {} : { 'X-Admin': '1' },
  });
  if (!res.ok) throw new Error(`${method} ${path}: HTTP ${res.status}`);
  return res.status === 204 ? null : res.json();
}

function actionButton(label, className, onClick) {
  const b = el('button', label, className);
  b.type = 'button';
  b.addEventListener('click', async () => {
    b.disabled = true;
    try {
      await onClick();
      await load();
    } catch (e) {
      note(`Không thực hiện được: ${e.message}`, true);
      b.disabled = false;
    }
  });
  return b;
}

function row(item) {
  const tr = el('tr');
  tr.dataset.id = item.id;
  tr.append(el('td', formatDate(item.date)));

  const article = el('td', null, 'article');
  const link = el('a', item.article_title || item.article_url);
  // Only http(s) links, so a stored javascript: URL can never run here.
  if (/^https?:\/\//i.test(item.article_url)) {
    link.href = item.article_url;
    link.rel = 'noopener noreferrer';
    link.target = '_blank';
  }
  article.append(link, el('small', item.article_id));
  tr.append(article);

  const who = el('td', null, 'who');
  who.append(el('span', item.name), el('small', item.email));
  if (item.phone) who.append(el('small', item.phone));
  if (item.address) who.append(el('small', item.address));
  who.append(el('small', item.client_ip));
  tr.append(who);

  tr.append(el('td', item.message, 'message'));
  tr.append(el('td', STATUS_LABELS[item.status] || item.status, `status-${item.status}`));

  const actions = el('td', null, 'actions');
  const id = encodeURIComponent(item.id);
  if (item.status !== 'approved') {
    actions.append(actionButton('Duyệt', 'approve', () => api('POST', `/admin/api/feedback/${id}/approve`)));
  }
  if (item.status !== 'rejected') {
    actions.append(actionButton('Từ chối', 'reject', () => api('POST', `/admin/api/feedback/${id}/reject`)));
  }
  actions.append(
    actionButton('Xoá', 'delete', async () => {
      if (window.confirm('Xoá hẳn phản hồi này?')) await api('DELETE', `/admin/api/feedback/${id}`);
    }),
  );
  tr.append(actions);
  return tr;
}

async function load() {
  const status = $('status').value;
  $('export').href = `/admin/export.csv?status=${encodeURIComponent(status)}`;
  try {
    const data = await api('GET', `/admin/api/feedback?status=${encodeURIComponent(status)}`);
    const body = $('entries').tBodies[0];
    body.replaceChildren(...data.items.map(row));
    note(data.items.length ? `${data.items.length} phản hồi` : 'Không có phản hồi nào.', false);
  } catch (e) {
    note(`Không tải được danh sách: ${e.message}`, true);
  }
}

document.addEventListener('DOMContentLoaded', () => {
  $('status').addEventListener('change', load);
  $('reload').addEventListener('click', load);
  load();
});
