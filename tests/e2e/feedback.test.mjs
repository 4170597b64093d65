// "Phản hồi" (kind="feedback") end to end through the documented snippet, against a scripted endpoint of the
// harness (feedbackReceiver): Vietnamese validation next to each field (aria-invalid, aria-describedby) and
// the live counter before anything is sent; the JSON posted (the article from the canonical link and the
// page title, the honeypot, elapsed_ms, Content-Type); 201 (thanks, form and draft cleared), 400 (the
// server's field errors on their fields), 429 (when to retry, from Retry-After), a dropped connection (an
// error with "Gửi lại", and the draft kept across a reload), and the published list. The page is
// tests/e2e/site/feedback/index.html.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startHarness, waitForState, until, sleep, feedbackReceiver, strictCsp } from './harness.mjs';

const T = { timeout: 45_000 };
const CANONICAL = 'https://portal.example/chinh-tri/dua-nghi-quyet-vao-cuoc-song.html';
const TITLE = 'Đưa nghị quyết của Đảng vào cuộc sống - Báo Thái Nguyên điện tử';
let h;
let rx;
before(async () => {
  h = await startHarness();
  rx = feedbackReceiver(h, '/fb/receive');
});
after(async () => {
  await h?.close();
});

async function openForm() {
  const p = await h.open('/feedback/index.html');
  await waitForState(p.page.locator('#fb'), 'ready');
  return p;
}

/** Every field of the form with its state, read through the shadow root. */
function form(page) {
  return page.locator('#fb').evaluate((el) => {
    const root = el.shadowRoot;
    const fields = {};
    for (const box of root.querySelectorAll('.nw-fb-field')) {
      const c = box.querySelector('input, textarea');
      const err = box.querySelector('.nw-fb-error');
      const ids = (c.getAttribute('aria-describedby') || '').split(' ').filter(Boolean);
      fields[box.dataset.field] = {
        label: box.querySelector('label').textContent.replace(/\s+/g, ' ').trim(),
        value: c.value,
        invalid: c.getAttribute('aria-invalid'),
        error: err.hidden ? null : err.textContent,
        describedBy: ids.map((id) => root.getElementById(id) && root.getElementById(id).textContent.trim()),
        required: c.required,
      };
    }
    const status = root.querySelector('.nw-fb-status');
    const button = root.querySelector('.nw-fb-submit');
    const a = root.activeElement;
    return {
      fields,
      order: [...root.querySelectorAll('.nw-fb-field')].map((b) => b.dataset.field),
      status: status.hidden ? null : status.querySelector('span').textContent,
      statusKind: status.dataset.status,
      retry: (() => {
        const r = root.querySelector('.nw-fb-retry');
        return !!r && !r.hidden && r.getClientRects().length > 0;
      })(),
      button: { disabled: button.disabled, busy: button.getAttribute('aria-busy'), text: button.textContent.trim() },
      focus: a ? a.getAttribute('name') || a.className : null,
      count: root.querySelector('.nw-fb-count').textContent,
    };
  });
}

const field = (page, name) => page.locator(`#fb [name="${name}"]`);

async function fillValid(page) {
  await field(page, 'name').fill('Nguyễn Văn An');
  await field(page, 'email').fill('an.nguyen@example.vn');
  await field(page, 'address').fill('Phường Tân Lập, TP Thái Nguyên');
  await field(page, 'message').fill('Bài viết rất hay, cảm ơn Ban Biên tập.');
}

test('[feedback] the fields, their labels and the honeypot; empty required fields and a bad e-mail are shown next to each field in Vietnamese before anything is sent', T, async () => {
  const p = await openForm();
  const { page } = p;
  const before = rx.posts.length;
  let f = await form(page);
  assert.deepEqual(f.order, ['name', 'email', 'address', 'phone', 'message']);
  assert.deepEqual(Object.values(f.fields).map((x) => x.label), ['Họ và tên*', 'Thư điện tử*', 'Địa chỉ', 'Điện thoại', 'Nội dung*']);
  assert.equal(f.count, 'Số ký tự0/2000');
  const note = await page.locator('#fb .nw-fb-note').textContent();
  assert.ok(note.endsWith(' Ô có dấu * là bắt buộc.'), `the note says what the star means: ${note}`);
  const hp = await page.locator('#fb [name="website"]').evaluate((i) => ({
    tabindex: i.getAttribute('tabindex'),
    autocomplete: i.getAttribute('autocomplete'),
    hidden: i.closest('[aria-hidden="true"]') !== null,
    offscreen: i.getBoundingClientRect().right < 0,
  }));
  assert.deepEqual(hp, { tabindex: '-1', autocomplete: 'off', hidden: true, offscreen: true });

  await page.locator('#fb .nw-fb-submit').click();
  f = await until(async () => {
    const x = await form(page);
    return x.fields.name.error ? x : null;
  }, 'the field errors');
  assert.equal(f.fields.name.error, 'Vui lòng nhập họ và tên');
  assert.equal(f.fields.email.error, 'Vui lòng nhập thư điện tử');
  assert.equal(f.fields.message.error, 'Vui lòng nhập nội dung');
  assert.equal(f.fields.address.error, null, 'optional');
  for (const n of ['name', 'email', 'message']) {
    assert.equal(f.fields[n].invalid, 'true', n);
    assert.ok(f.fields[n].describedBy.includes(f.fields[n].error), `${n} is described by its error`);
  }
  assert.equal(f.fields.address.invalid, 'false');
  await until(async () => (await form(page)).focus === 'name', 'focus on the first wrong field');
  assert.equal(f.status, 'Vui lòng kiểm tra lại các ô được đánh dấu.');
  assert.equal(f.retry, false, 'no "Gửi lại" for a form that was not sent');

  // Fixing a field clears its error as it is typed; a bad e-mail is named on leaving the field.
  await field(page, 'name').fill('Nguyễn Văn An');
  assert.equal((await form(page)).fields.name.error, null);
  await field(page, 'email').fill('an@');
  await field(page, 'message').focus();
  assert.equal((await form(page)).fields.email.error, 'Thư điện tử không hợp lệ');
  await field(page, 'phone').fill('gọi tôi');
  await field(page, 'message').fill('Năm chữ');
  f = await form(page);
  assert.equal(f.fields.phone.error, 'Số điện thoại không hợp lệ');
  assert.equal(f.count, 'Số ký tự7/2000', 'the counter follows the message');
  assert.ok(f.fields.message.describedBy.includes('Số ký tự7/2000'), 'the counter describes the message');
  await field(page, 'message').fill('ệ'.repeat(2001));
  await page.locator('#fb .nw-fb-submit').click();
  f = await form(page);
  assert.equal(f.fields.message.error, 'Nội dung tối đa 2000 ký tự');
  assert.equal(f.count, 'Số ký tự2001/2000');
  await sleep(300);
  assert.equal(rx.posts.length, before, 'nothing was sent');
  assert.deepEqual(p.problems(), []);
  await page.close();
});

test('[feedback] 201: the JSON of the contract is posted, the thanks are shown, and the form and its draft are cleared', T, async () => {
  rx.mode = { status: 201, body: { id: 'fb-1', status: 'pending' } };
  const p = await openForm();
  const { page } = p;
  const before = rx.posts.length;
  await fillValid(page);
  await page.locator('#fb .nw-fb-submit').click();
  const f = await until(async () => {
    const x = await form(page);
    return x.statusKind === 'sent' ? x : null;
  }, 'the thanks');
  assert.equal(f.status, 'Cảm ơn bạn đã gửi phản hồi. Ban Biên tập sẽ xem xét trước khi đăng.');
  assert.deepEqual(Object.values(f.fields).map((x) => x.value), ['', '', '', '', '']);
  assert.equal(f.button.disabled, false);
  assert.equal(rx.posts.length, before + 1);
  const { headers, body } = rx.posts[rx.posts.length - 1];
  assert.match(headers['content-type'], /^application\/json/);
  assert.equal(headers.cookie, undefined);
  assert.equal(typeof body.elapsed_ms, 'number');
  assert.ok(body.elapsed_ms > 0);
  delete body.elapsed_ms;
  assert.deepEqual(body, {
    article: { id: CANONICAL, url: CANONICAL, title: TITLE },
    name: 'Nguyễn Văn An',
    email: 'an.nguyen@example.vn',
    message: 'Bài viết rất hay, cảm ơn Ban Biên tập.',
    address: 'Phường Tân Lập, TP Thái Nguyên',
    phone: '',
    website: '',
  });
  assert.equal(await page.evaluate(() => sessionStorage.length), 0, 'the draft is gone');
  await page.reload();
  await waitForState(page.locator('#fb'), 'ready');
  assert.equal((await form(page)).fields.name.value, '', 'nothing comes back after a reload');
  assert.deepEqual(p.problems(), []);
  await page.close();
});

test('[feedback] while sending the button is disabled and busy; 400 shows the server\'s errors on their fields', T, async () => {
  let release;
  const gate = new Promise((r) => {
    release = r;
  });
  const route = h.routes.get('/fb/receive');
  h.routes.set('/fb/receive', async (req, res, url) => {
    if (req.method === 'POST') await gate;
    return route(req, res, url);
  });
  rx.mode = { status: 400, body: { errors: { email: 'Thư điện tử này đã bị chặn', website: 'x' } } };
  try {
    const p = await openForm();
    const { page } = p;
    await fillValid(page);
    await page.locator('#fb .nw-fb-submit').click();
    const busy = await until(async () => {
      const x = await form(page);
      return x.statusKind === 'sending' ? x : null;
    }, 'the sending state');
    assert.deepEqual(busy.button, { disabled: true, busy: 'true', text: 'Đang gửi…' });
    release();
    const f = await until(async () => {
      const x = await form(page);
      return x.fields.email.error ? x : null;
    }, 'the server error');
    assert.equal(f.fields.email.error, 'Thư điện tử này đã bị chặn');
    assert.equal(f.fields.email.invalid, 'true');
    assert.equal(f.fields.name.error, null);
    assert.equal(f.fields.email.value, 'an.nguyen@example.vn', 'what was typed stays');
    await until(async () => (await form(page)).focus === 'email', 'focus on the field the server named');
    assert.deepEqual(f.button, { disabled: false, busy: 'false', text: 'Gửi phản hồi' });
    await page.close();
  } finally {
    h.routes.set('/fb/receive', route);
  }
});

test('[feedback] 429 says when to try again, from Retry-After', T, async () => {
  rx.mode = { status: 429, retryAfter: 120, body: { error: 'rate limited' } };
  const p = await openForm();
  const { page } = p;
  await fillValid(page);
  await page.locator('#fb .nw-fb-submit').click();
  const f = await until(async () => {
    const x = await form(page);
    return x.statusKind === 'throttled' ? x : null;
  }, 'the 429 message');
  assert.equal(f.status, 'Bạn gửi phản hồi quá nhanh. Vui lòng thử lại sau 2 phút.');
  assert.equal(f.fields.message.value, 'Bài viết rất hay, cảm ơn Ban Biên tập.');
  await page.close();
});

test('[feedback] a dropped connection is an error with "Gửi lại"; the draft survives a reload and goes once the endpoint is back', T, async () => {
  rx.mode = { network: true };
  const p = await openForm();
  const { page } = p;
  await fillValid(page);
  await page.locator('#fb .nw-fb-submit').click();
  let f = await until(async () => {
    const x = await form(page);
    return x.statusKind === 'failed' ? x : null;
  }, 'the failure');
  assert.equal(f.status, 'Không gửi được phản hồi. Nội dung bạn đã nhập vẫn được giữ nguyên.');
  assert.equal(f.retry, true);
  assert.equal(f.fields.name.value, 'Nguyễn Văn An');

  await page.reload();
  await waitForState(page.locator('#fb'), 'ready');
  f = await form(page);
  assert.deepEqual(
    Object.values(f.fields).map((x) => x.value),
    ['Nguyễn Văn An', 'an.nguyen@example.vn', 'Phường Tân Lập, TP Thái Nguyên', '', 'Bài viết rất hay, cảm ơn Ban Biên tập.'],
    'restored from sessionStorage',
  );
  assert.equal(f.count, 'Số ký tự38/2000');

  // Typing is saved too (debounced), without sending.
  await field(page, 'phone').fill('0912 345 678');
  await sleep(600);
  await page.reload();
  await waitForState(page.locator('#fb'), 'ready');
  assert.equal((await form(page)).fields.phone.value, '0912 345 678');

  rx.mode = { network: true };
  await page.locator('#fb .nw-fb-submit').click();
  await until(async () => (await form(page)).retry, 'the retry button');
  rx.mode = { status: 201, body: { id: 'fb-2' } };
  await page.locator('#fb .nw-fb-retry').click();
  f = await until(async () => {
    const x = await form(page);
    return x.statusKind === 'sent' ? x : null;
  }, 'sent on retry');
  assert.equal(rx.posts[rx.posts.length - 1].body.phone, '0912 345 678');
  await page.reload();
  await waitForState(page.locator('#fb'), 'ready');
  assert.equal((await form(page)).fields.name.value, '', 'the draft is cleared after the 201');
  await page.close();
});

test('[feedback] list="on": the published feedback of this article, newest first, as text with portal times', T, async () => {
  rx.published = [
    { id: 'p1', name: 'Trần Thị Bình', message: 'Ý kiến cũ hơn', date: '2019-07-20T09:00:00+07:00' },
    { id: 'p2', name: 'Lê <b>Văn</b> Cường', message: 'Dòng một\nDòng hai', date: '2019-07-21T02:15:00Z' },
  ];
  const p = await openForm();
  const { page } = p;
  const items = await until(
    async () => {
      const list = await page.locator('#fb .nw-fb-item').evaluateAll((els) =>
        els.map((e) => ({
          id: e.dataset.itemId,
          name: e.querySelector('.nw-fb-name').textContent,
          time: e.querySelector('time') && e.querySelector('time').textContent,
          message: e.querySelector('.nw-fb-message').innerText,
          elements: e.querySelector('.nw-fb-message').children.length,
        })),
      );
      return list.length ? list : null;
    },
    'the published list',
  );
  assert.deepEqual(items, [
    { id: 'p2', name: 'Lê <b>Văn</b> Cường', time: 'Chủ Nhật, 21/7/2019 9:15', message: 'Dòng một\nDòng hai', elements: 0 },
    { id: 'p1', name: 'Trần Thị Bình', time: 'Thứ Bảy, 20/7/2019 9:00', message: 'Ý kiến cũ hơn', elements: 0 },
  ]);
  assert.ok(rx.gets.includes(`?article=${encodeURIComponent(CANONICAL)}`), JSON.stringify(rx.gets));
  rx.published = [];
  await page.close();
});

test('[feedback] under the strict CSP with Trusted Types (connect-src naming the endpoint) the form validates and sends without a violation', T, async () => {
  const cdn = `${h.cdn}/cdn/news-widget`;
  h.routes.set('/feedback/strict.html', async (req, res) => {
    const html = String(await h.site('feedback/index.html')).replaceAll('{{CDN}}', cdn);
    res.setHeader('Content-Type', 'text/html; charset=utf-8');
    res.setHeader('Content-Security-Policy', strictCsp(h.cdn, h.portal));
    res.end(html);
  });
  rx.mode = { status: 201, body: { id: 'fb-3' } };
  try {
    const p = await h.open('/feedback/strict.html');
    const { page } = p;
    await waitForState(page.locator('#fb'), 'ready');
    await page.locator('#fb .nw-fb-submit').click();
    await until(async () => (await form(page)).fields.name.error, 'the field errors');
    await fillValid(page);
    await page.locator('#fb .nw-fb-submit').click();
    await until(async () => (await form(page)).statusKind === 'sent', 'sent');
    await sleep(200);
    assert.deepEqual((await p.nw()).violations, []);
    assert.deepEqual(p.problems(), []);
    await page.close();
  } finally {
    h.routes.delete('/feedback/strict.html');
  }
});
