// "Thư viện ảnh" (photo gallery), cross-origin through the documented snippet: the thumbnail grid (limit,
// alt = caption, lazy, sized), the lightbox as a native modal <dialog> in the shadow root opened by click and
// by Enter, the polite counter, arrows, Home/End, the Tab trap, Esc / close button / swipe down closing with
// focus back on the opening thumbnail, the page scroll lock, pointer swipes, the broken-image notice, the
// "Xem bài viết" link, captions as text, neighbour preloading, unmounting while open, the div form and the
// strict CSP + Trusted Types page. Pages, feed and images: tests/e2e/site/gallery/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startHarness, waitForState, until, sleep, shadowText, strictCsp } from './harness.mjs';

const T = { timeout: 45_000 };
let h;
before(async () => {
  h = await startHarness();
});
after(async () => {
  await h?.close();
});

// The feed (site/gallery/feeds/gallery.json) yields 13 photos, newest article first; the block shows 12.
// An item's photos are its image attachments, each with its own caption; its `image` is only the small
// version of the first one, shown in the grid (the lightbox shows the attachment). Items without
// attachments have their image as their one photo, captioned with their title.
const CAPTIONS = [
  'Lãnh đạo tỉnh Thái Nguyên dự lễ hội Lồng tồng. Ảnh: THU THẢO', // attachment title, credit kept
  'Thuyền đưa khách ra đảo Cò (ảnh hỏng)', // 404 in the lightbox: the broken one
  '<b>Chữ đậm</b> & <img src=x onerror=alert(1)>', // markup stays text
  'Thu hoạch chè vụ hè ở Tân Cương',
  'Giải chạy vì sức khỏe cộng đồng',
  'Trường nghề đào tạo theo đơn đặt hàng',
  'Đường liên kết vùng Thái Nguyên – Bắc Kạn',
  'Liên hoan nghệ thuật quần chúng',
  'Ra quân an toàn giao thông dịp hè',
  'Kỷ niệm 72 năm Ngày Thương binh – Liệt sĩ',
  'Triển lãm ảnh Đất và Người',
  'Giải vật tre toàn quốc',
];
/** What the grid shows of each photo (the item image for the first photo of an item). */
const IMAGES = ['g01', 'g03', 'g04', 'g05', 'g06', 'g07', 'g08', 'g09', 'g10', 'g11', 'g12', 'g13'];
/** What the lightbox shows (the photo itself). */
const LARGE = ['g02', 'khong-co', 'g04', 'g05', 'g06', 'g07', 'g08', 'g09', 'g10', 'g11', 'g12', 'g13'];
const BROKEN = 1;
const ARTICLE_0 = 'https://portal.example/van-hoa/le-hoi-long-tong-dinh-hoa.html';
const ARTICLE_1 = 'https://portal.example/du-lich/ho-nui-coc-cao-diem-he.html';
const ARTICLE_2 = 'https://portal.example/xa-hoi/chu-thich-co-the.html';

/** Console errors other than the deliberate 404 of the broken image. */
const realProblems = (p) => p.problems().filter((m) => !/404|Not Found/i.test(m));

async function openGalleryPage(path = '/gallery/index.html', host = '#g') {
  const p = await h.open(path);
  await waitForState(p.page.locator(host), 'ready');
  return p;
}

/** The thumbnails of the block on `host`: { id, g, alt, src, loading, width, height, name }. */
function thumbs(page, host = '#g') {
  return page.locator(`${host} button[data-item-id]`).evaluateAll((els) =>
    els.map((b) => {
      const img = b.querySelector('img');
      return {
        id: b.getAttribute('data-item-id'),
        g: b.getAttribute('data-g'),
        tag: b.localName,
        type: b.getAttribute('type'),
        alt: img && img.getAttribute('alt'),
        src: img && img.src,
        loading: img && img.getAttribute('loading'),
        width: img && img.getAttribute('width'),
        height: img && img.getAttribute('height'),
      };
    }),
  );
}

/** Everything the tests assert about the lightbox of the block on `host`, read through its shadow root. */
function lightbox(page, host = '#g') {
  return page.locator(host).evaluate((el) => {
    const root = el.shadowRoot;
    const d = root.querySelector('dialog');
    const active = root.activeElement;
    const q = (s) => d && d.querySelector(s);
    const img = q('.nw-lb-img');
    const caption = q('figcaption');
    const link = q('a.nw-lb-link');
    const counter = q('.nw-lb-counter');
    const broken = q('.nw-lb-broken');
    const visible = (e) => !!e && e.getClientRects().length > 0 && getComputedStyle(e).visibility !== 'hidden';
    return {
      exists: !!d,
      open: !!d && d.open,
      modal: !!d && d.matches(':modal'),
      name: d && d.getAttribute('aria-label'),
      hostHasFocus: document.activeElement === el,
      focusInside: !!d && !!active && d.contains(active),
      active: active ? active.localName + (active.className ? '.' + String(active.className).split(' ').join('.') : '') : null,
      activeG: active && active.getAttribute('data-g'),
      counter: counter && counter.textContent.trim(),
      counterLive: counter && counter.getAttribute('aria-live'),
      img: img && { src: img.src, alt: img.getAttribute('alt'), visible: visible(img) },
      caption: caption && caption.textContent,
      captionElements: caption ? caption.children.length : null,
      captionVisible: visible(caption),
      link: link && { href: link.href, text: link.textContent.trim(), visible: visible(link) },
      broken: broken && visible(broken) ? { text: broken.textContent.trim(), visible: true } : null,
      htmlOverflow: getComputedStyle(document.documentElement).overflow,
      htmlInlineOverflow: document.documentElement.style.overflow,
    };
  });
}

const imageName = (src) => (src ? src.replace(/^.*\/([^/]+)\.svg$/, '$1') : null);

async function waitOpen(page, host = '#g') {
  return until(async () => {
    const s = await lightbox(page, host);
    return s.open && s.focusInside ? s : null;
  }, 'the lightbox to open with focus inside');
}

// The dialog's `close` event (which gives focus back and releases the page's scroll lock) is fired in a task
// after `open` turns false: wait for both, or a loaded machine sees the lock a moment before its release.
async function waitClosed(page, host = '#g') {
  return until(async () => {
    const s = await lightbox(page, host);
    return !s.open && s.htmlOverflow !== 'hidden' ? s : null;
  }, 'the lightbox to close and release the page');
}

test('[gallery] the grid shows the default 12 thumbnails as buttons whose img alt is the caption, lazy and sized', T, async () => {
  const p = await openGalleryPage();
  const { page } = p;
  assert.match(await shadowText(page, '#g'), /^Thư viện ảnh/);
  const t = await thumbs(page);
  assert.equal(t.length, 12, 'limit defaults to 12 for the gallery (the feed has 13 photos)');
  assert.deepEqual(t.map((x) => x.alt), CAPTIONS);
  assert.deepEqual(t.map((x) => imageName(x.src)), IMAGES);
  assert.deepEqual(t.map((x) => x.g), t.map((_, i) => String(i)));
  for (const x of t) {
    assert.equal(x.tag, 'button');
    assert.equal(x.type, 'button');
    assert.equal(x.loading, 'lazy');
    assert.match(String(x.width), /^\d+$/);
    assert.match(String(x.height), /^\d+$/);
  }
  // Relative image URLs were resolved against the feed URL (/gallery/feeds/), served by the portal.
  assert.equal(t[0].src, `${h.portal}/gallery/img/g01.svg`);
  assert.deepEqual(t.map((x) => x.id), ['anh-01', 'anh-02', 'anh-03', 'anh-04', 'anh-05', 'anh-06', 'anh-07', 'anh-08', 'anh-09', 'anh-10', 'anh-11', 'anh-12']);
  // Every thumbnail has the same box, whatever its picture (fixed aspect ratio: nothing shifts).
  const boxes = await page.locator('#g button[data-item-id]').evaluateAll((els) => els.map((b) => b.getBoundingClientRect().height));
  assert.ok(boxes.every((hgt) => Math.abs(hgt - boxes[0]) < 1 && hgt > 20), JSON.stringify(boxes));
  const lb = await lightbox(page);
  assert.ok(lb.exists && !lb.open, 'the dialog is there but closed');
  assert.deepEqual(realProblems(p), []);
  await page.close();
});

test('[gallery] a click opens the modal dialog at that image with focus inside, the counter "n / 12" (polite), caption and article link', T, async () => {
  const p = await openGalleryPage();
  const { page } = p;
  await page.locator('#g button[data-g="0"]').click();
  const s = await waitOpen(page);
  assert.equal(s.modal, true, 'opened with showModal (:modal)');
  assert.equal(s.hostHasFocus, true, 'document.activeElement is the host: focus is inside its shadow root');
  assert.equal(s.counter, '1 / 12');
  assert.equal(s.counterLive, 'polite');
  assert.equal(imageName(s.img.src), LARGE[0], 'the lightbox shows the photo, not the small version of the grid');
  assert.equal(s.img.alt, CAPTIONS[0]);
  assert.equal(s.caption, CAPTIONS[0]);
  assert.ok(s.captionVisible && s.img.visible);
  assert.deepEqual(s.link, { href: ARTICLE_0, text: 'Xem bài viết', visible: true });
  assert.ok(s.name && s.name.length > 0, 'the dialog has an accessible name');
  // Vietnamese labels on the lightbox buttons.
  const labels = await page.locator('#g dialog button').evaluateAll((bs) => bs.map((b) => b.getAttribute('aria-label')));
  assert.deepEqual(labels, ['Ảnh trước', 'Ảnh sau', 'Đóng']);
  // A click inside the dialog keeps it open; a click on the backdrop closes it, like Esc.
  await page.locator('#g figcaption').click();
  assert.equal((await lightbox(page)).open, true, 'a click on the caption does not close');
  await page.mouse.click(8, 450);
  const closed = await waitClosed(page);
  assert.equal(closed.activeG, '0', 'backdrop click closes, focus back on the thumbnail');
  await page.locator('#g button[data-g="5"]').click();
  const s5 = await waitOpen(page);
  assert.equal(s5.counter, '6 / 12');
  assert.equal(s5.caption, CAPTIONS[5]);
  assert.deepEqual(realProblems(p), []);
  await page.close();
});

test('[gallery] keyboard: Tab reaches a thumbnail, Enter opens, ←/→ move, Home/End jump, counter and link follow', T, async () => {
  const p = await openGalleryPage();
  const { page } = p;
  await page.locator('#after').focus();
  await page.keyboard.press('Tab');
  let s = await lightbox(page);
  assert.equal(s.activeG, '0', 'Tab from the page reaches the first thumbnail');
  await page.keyboard.press('Tab');
  s = await lightbox(page);
  assert.equal(s.activeG, '1');
  await page.keyboard.press('Enter');
  s = await waitOpen(page);
  assert.equal(s.counter, '2 / 12');
  assert.equal(s.caption, CAPTIONS[1]);

  await page.keyboard.press('ArrowRight');
  s = await until(async () => ((await lightbox(page)).counter === '3 / 12' ? lightbox(page) : null), 'ArrowRight to move to 3 / 12');
  assert.equal(imageName(s.img.src), LARGE[2]);
  assert.equal(s.caption, CAPTIONS[2]);
  assert.equal(s.link.href, ARTICLE_2, 'the link follows the image to its own article');
  assert.ok(s.focusInside, 'focus stays inside after moving');

  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowLeft');
  s = await lightbox(page);
  assert.equal(s.counter, '1 / 12');
  await page.keyboard.press('ArrowLeft');
  s = await lightbox(page);
  assert.equal(s.counter, '1 / 12', 'ArrowLeft on the first image stays there');

  await page.keyboard.press('End');
  s = await lightbox(page);
  assert.equal(s.counter, '12 / 12');
  assert.equal(s.caption, CAPTIONS[11]);
  assert.ok(s.focusInside, 'focus is still inside at the last image (a disabled button must not drop it)');
  await page.keyboard.press('ArrowRight');
  s = await lightbox(page);
  assert.equal(s.counter, '12 / 12', 'ArrowRight on the last image stays there');
  await page.keyboard.press('Home');
  s = await lightbox(page);
  assert.equal(s.counter, '1 / 12');
  assert.equal(s.caption, CAPTIONS[0]);
  assert.ok(s.focusInside);

  // The buttons move too, and keep focus usable for the keys.
  await page.locator('#g .nw-lb-next').click();
  await page.locator('#g .nw-lb-next').click();
  s = await lightbox(page);
  assert.equal(s.counter, '3 / 12');
  await page.locator('#g .nw-lb-prev').click();
  s = await lightbox(page);
  assert.equal(s.counter, '2 / 12');
  await page.keyboard.press('ArrowRight');
  s = await lightbox(page);
  assert.equal(s.counter, '3 / 12', 'keys still work after using the buttons');

  // Walking forward with the "next" button until the end never loses focus.
  for (let i = 0; i < 12; i++) await page.keyboard.press('ArrowRight');
  await page.locator('#g .nw-lb-prev').focus();
  await page.keyboard.press('End');
  s = await lightbox(page);
  assert.equal(s.counter, '12 / 12');
  assert.ok(s.focusInside, `focus inside after End, on ${s.active}`);
  await page.keyboard.press('ArrowLeft');
  s = await lightbox(page);
  assert.equal(s.counter, '11 / 12');
  assert.deepEqual(realProblems(p), []);
  await page.close();
});

test('[gallery] Tab and Shift+Tab cycle inside the open dialog and never reach the page', T, async () => {
  const p = await openGalleryPage();
  const { page } = p;
  await page.locator('#g button[data-g="4"]').click();
  await waitOpen(page);
  const seen = new Set();
  for (let i = 0; i < 14; i++) {
    await page.keyboard.press('Tab');
    const s = await lightbox(page);
    assert.ok(s.open && s.hostHasFocus && s.focusInside, `Tab #${i + 1}: focus left the dialog (${s.active}, host focused: ${s.hostHasFocus})`);
    seen.add(s.active);
  }
  for (let i = 0; i < 14; i++) {
    await page.keyboard.press('Shift+Tab');
    const s = await lightbox(page);
    assert.ok(s.open && s.hostHasFocus && s.focusInside, `Shift+Tab #${i + 1}: focus left the dialog (${s.active})`);
    seen.add(s.active);
  }
  // The link and the three buttons are all reachable.
  for (const want of ['a.nw-lb-link', 'nw-lb-prev', 'nw-lb-next', 'nw-lb-close']) {
    assert.ok([...seen].some((a) => a.includes(want)), `${want} reached by Tab; saw ${JSON.stringify([...seen])}`);
  }
  await page.close();
});

test('[gallery] Esc closes and focus returns to the thumbnail that opened it, even after moving to other images', T, async () => {
  const p = await openGalleryPage();
  const { page } = p;
  await page.locator('#g button[data-g="2"]').click();
  await waitOpen(page);
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  assert.equal((await lightbox(page)).counter, '5 / 12');
  await page.keyboard.press('Escape');
  const s = await waitClosed(page);
  assert.equal(s.activeG, '2', `focus returns to the opening thumbnail; on ${s.active} (data-g ${s.activeG})`);
  assert.equal(s.hostHasFocus, true);

  // Enter on that thumbnail opens again; the close button closes the same way.
  await page.keyboard.press('Enter');
  let o = await waitOpen(page);
  assert.equal(o.counter, '3 / 12');
  await page.locator('#g .nw-lb-close').click();
  const c = await waitClosed(page);
  assert.equal(c.activeG, '2');
  await page.keyboard.press('Tab');
  assert.equal((await lightbox(page)).activeG, '3', 'Tab order continues from the thumbnail');
  await page.keyboard.press('Enter');
  o = await waitOpen(page);
  assert.equal(o.active, 'button.nw-lb-btn.nw-lb-close', 'focus goes to the close button when opening');
  await page.keyboard.press('Enter'); // activates the close button
  const c2 = await waitClosed(page);
  assert.equal(c2.activeG, '3');
  await page.close();
});

test('[gallery] the host page does not scroll behind the open lightbox, and scrolls again after', T, async () => {
  const p = await openGalleryPage();
  const { page } = p;
  assert.equal((await lightbox(page)).htmlOverflow, 'visible');
  await page.locator('#g button[data-g="0"]').click();
  let s = await waitOpen(page);
  assert.equal(s.htmlOverflow, 'hidden');
  const y0 = await page.evaluate(() => window.scrollY);
  await page.mouse.move(20, 450); // over the backdrop, left of the dialog
  await page.mouse.wheel(0, 800);
  await sleep(300);
  assert.equal(await page.evaluate(() => window.scrollY), y0, 'the wheel does not scroll the page behind');
  await page.keyboard.press('Escape');
  s = await waitClosed(page);
  assert.equal(s.htmlOverflow, 'visible');
  assert.equal(s.htmlInlineOverflow, '', 'the inline style the page had (none) is back');
  await page.mouse.move(20, 450);
  await page.mouse.wheel(0, 800);
  await until(async () => (await page.evaluate(() => window.scrollY)) > y0, 'the page to scroll again');

  // A page's own inline overflow is put back as it was.
  await page.evaluate(() => {
    document.documentElement.style.overflowY = 'scroll';
    window.scrollTo(0, 0);
  });
  await page.locator('#g button[data-g="1"]').click();
  s = await waitOpen(page);
  assert.equal(s.htmlOverflow, 'hidden');
  await page.keyboard.press('Escape');
  await waitClosed(page);
  assert.equal(await page.evaluate(() => document.documentElement.style.overflowY), 'scroll');
  await page.close();
});

test('[gallery] pointer swipes: left moves to the next image, right to the previous, down closes', T, async () => {
  const p = await openGalleryPage();
  const { page } = p;
  await page.locator('#g button[data-g="5"]').click();
  await waitOpen(page);
  const box = await page.locator('#g .nw-lb-figure').boundingBox();
  assert.ok(box && box.width > 200 && box.height > 100, `figure box ${JSON.stringify(box)}`);
  const cx = box.x + box.width / 2;
  const cy = box.y + box.height / 2;

  // Mouse drag (pointerType "mouse") 120 px to the left.
  await page.mouse.move(cx + 60, cy);
  await page.mouse.down();
  await page.mouse.move(cx - 60, cy, { steps: 6 });
  await page.mouse.up();
  let s = await lightbox(page);
  assert.equal(s.counter, '7 / 12', 'swipe left shows the next image');
  assert.equal(s.open, true);

  // Touch-like pointer events dispatched on the figure: 120 px to the right, then a tap (no move).
  const swipe = (dx, dy, pointerType = 'touch') =>
    page.locator('#g .nw-lb-figure').evaluate(
      (fig, { dx, dy, pointerType }) => {
        const r = fig.getBoundingClientRect();
        const x = r.left + r.width / 2;
        const y = r.top + r.height / 3;
        const opts = (cx, cy) => ({ bubbles: true, composed: true, cancelable: true, pointerId: 7, isPrimary: true, pointerType, clientX: cx, clientY: cy });
        fig.dispatchEvent(new PointerEvent('pointerdown', opts(x, y)));
        fig.dispatchEvent(new PointerEvent('pointermove', opts(x + dx / 2, y + dy / 2)));
        fig.dispatchEvent(new PointerEvent('pointerup', opts(x + dx, y + dy)));
      },
      { dx, dy, pointerType },
    );
  await swipe(120, 0);
  s = await lightbox(page);
  assert.equal(s.counter, '6 / 12', 'swipe right shows the previous image');
  await swipe(8, 4);
  s = await lightbox(page);
  assert.equal(s.counter, '6 / 12', 'a tap is not a swipe');
  assert.equal(s.open, true);
  await swipe(10, 140);
  s = await waitClosed(page);
  assert.equal(s.activeG, '5', 'swipe down closes, focus back on the opening thumbnail');
  assert.equal(s.htmlOverflow, 'visible');
  await page.close();
});

test('[gallery] a broken image shows a notice and its caption instead of an empty frame; the next one shows again', T, async () => {
  const p = await openGalleryPage();
  const { page } = p;
  await page.locator(`#g button[data-g="${BROKEN}"]`).click();
  await waitOpen(page);
  const s = await until(async () => {
    const x = await lightbox(page);
    return x.broken ? x : null;
  }, 'the broken-image notice');
  assert.deepEqual(s.broken, { text: 'Không hiển thị được ảnh', visible: true });
  assert.equal(s.caption, CAPTIONS[BROKEN]);
  assert.ok(s.captionVisible, 'the caption is still shown');
  assert.ok(!s.img || !s.img.visible, 'no empty image frame');
  assert.equal(s.counter, `${BROKEN + 1} / 12`);
  assert.equal(s.link.href, ARTICLE_1);
  assert.ok(s.focusInside);
  await page.keyboard.press('ArrowRight');
  const n = await until(async () => {
    const x = await lightbox(page);
    return x.counter === `${BROKEN + 2} / 12` && x.img && x.img.visible ? x : null;
  }, 'the next image to show');
  assert.equal(n.broken, null, 'the notice goes away on a good image');
  assert.equal(imageName(n.img.src), 'g04');
  await until(
    () => page.locator('#g .nw-lb-img').evaluate((img) => img.complete && img.naturalWidth > 0),
    'the next large image to load',
  );
  await page.keyboard.press('ArrowLeft');
  await until(async () => (await lightbox(page)).broken, 'the notice again when coming back');
  await page.close();
});

test('[gallery] captions are text: markup in a feed caption is shown literally and never parsed', T, async () => {
  const p = await openGalleryPage();
  const { page } = p;
  const dialogs = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    d.dismiss().catch(() => {});
  });
  await page.locator('#g button[data-g="2"]').click();
  const s = await waitOpen(page);
  assert.equal(s.caption, CAPTIONS[2]);
  assert.equal(s.captionElements, 0, 'no element was created from the caption');
  assert.equal(s.img.alt, CAPTIONS[2]);
  const injected = await page.locator('#g').evaluate((el) => el.shadowRoot.querySelectorAll('b, img[src="x"]').length);
  assert.equal(injected, 0);
  await sleep(200);
  assert.deepEqual(dialogs, []);
  await page.close();
});

test('[gallery] the large image loads only when opened, and its neighbours are preloaded', T, async () => {
  // Images already in the browser's memory cache load at once even when lazy: this page gets its own image
  // URLs (the same feed, each image URL with a query only this test uses).
  const run = `below-${Date.now()}`;
  h.routes.set('/gallery/feeds/below.json', async (req, res) => {
    const feed = String(await h.site('gallery/feeds/gallery.json')).replace(/\.svg"/g, `.svg?${run}"`);
    res.setHeader('Content-Type', 'application/json; charset=utf-8');
    res.end(feed);
  });
  try {
    const p = await openGalleryPage('/gallery/below.html');
    const { page } = p;
    await sleep(500);
    const loaded = () =>
      h.requests
        .filter((r) => r.path.startsWith('/gallery/img/') && r.path.endsWith(`?${run}`))
        .map((r) => r.path.replace(/^\/gallery\/img\/(.+)\.svg\?.*$/, '$1'));
    assert.deepEqual(loaded(), [], 'nothing of the gallery is fetched while it is far below the fold and closed');
    // Open photo 4 (g06) without scrolling the grid into view.
    await page.locator('#g').evaluate((el) => el.shadowRoot.querySelector('button[data-g="4"]').click());
    await waitOpen(page);
    await until(() => loaded().includes('g06'), 'the large image to be requested');
    await until(
      () => loaded().includes('g05') && loaded().includes('g07'),
      `neighbours g05 and g07 to be preloaded; got ${JSON.stringify(loaded())}`,
    );
    assert.ok(!loaded().includes('g01') && !loaded().includes('g09'), `only the neighbours: ${JSON.stringify(loaded())}`);
    await page.keyboard.press('ArrowRight');
    await until(() => loaded().includes('g08'), 'the new neighbour g08 after moving');
    await page.close();
  } finally {
    h.routes.delete('/gallery/feeds/below.json');
  }
});

test('[gallery] removing the block while the lightbox is open gives the page its scrolling back without errors', T, async () => {
  const p = await openGalleryPage();
  const { page } = p;
  await page.locator('#g button[data-g="0"]').click();
  const s = await waitOpen(page);
  assert.equal(s.htmlOverflow, 'hidden');
  await page.evaluate(() => document.getElementById('g').remove());
  await until(
    () => page.evaluate(() => getComputedStyle(document.documentElement).overflow === 'visible'),
    'the scroll lock to be released on unmount',
  );
  assert.equal(await page.evaluate(() => document.documentElement.style.overflow), '');
  await sleep(200);
  assert.deepEqual(p.errors, []);
  await page.close();
});

test('[gallery] the div form (data-news-widget="gallery") with data-limit and data-heading works the same way', T, async () => {
  const p = await openGalleryPage('/gallery/index.html', '#gd');
  const { page } = p;
  assert.match(await shadowText(page, '#gd'), /^Ảnh nổi bật/);
  const t = await thumbs(page, '#gd');
  assert.deepEqual(t.map((x) => x.alt), CAPTIONS.slice(0, 5));
  await page.locator('#gd button[data-g="1"]').click();
  let s = await waitOpen(page, '#gd');
  assert.equal(s.counter, '2 / 5');
  assert.equal(s.modal, true);
  assert.equal(s.name, 'Ảnh nổi bật');
  await page.keyboard.press('End');
  s = await lightbox(page, '#gd');
  assert.equal(s.counter, '5 / 5');
  await page.keyboard.press('Escape');
  s = await waitClosed(page, '#gd');
  assert.equal(s.activeG, '1');
  // The other gallery on the page was never touched.
  assert.equal((await lightbox(page, '#g')).open, false);

  // A gallery without a heading still gives its dialog a name.
  await page.evaluate(() => {
    const el = document.createElement('div');
    el.id = 'gnh';
    el.setAttribute('data-news-widget', 'gallery');
    el.setAttribute('data-src', '/gallery/feeds/gallery.json');
    el.setAttribute('data-limit', '2');
    el.setAttribute('data-heading', '');
    document.getElementById('sidebar').append(el);
  });
  await waitForState(page.locator('#gnh'), 'ready');
  assert.doesNotMatch(await shadowText(page, '#gnh'), /Thư viện ảnh/);
  await page.locator('#gnh button[data-g="0"]').click();
  s = await waitOpen(page, '#gnh');
  assert.equal(s.name, 'Thư viện ảnh');
  await page.keyboard.press('Escape');
  await waitClosed(page, '#gnh');
  await page.close();
});

test('[gallery] under the strict CSP with Trusted Types the lightbox works without a violation', T, async () => {
  const cdn = `${h.cdn}/cdn/news-widget`;
  h.routes.set('/gallery/strict.html', async (req, res) => {
    const html = String(await h.site('gallery/strict.html')).replaceAll('{{CDN}}', cdn);
    res.setHeader('Content-Type', 'text/html; charset=utf-8');
    res.setHeader('Content-Security-Policy', strictCsp(h.cdn, h.portal));
    res.end(html);
  });
  try {
    const p = await openGalleryPage('/gallery/strict.html');
    const { page } = p;
    assert.equal((await thumbs(page)).length, 4);
    await page.locator('#g button[data-g="0"]').click();
    let s = await waitOpen(page);
    assert.equal(s.htmlOverflow, 'hidden', 'the scroll lock is CSSOM, allowed by style-src');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    s = await lightbox(page);
    assert.equal(s.counter, '3 / 4');
    await page.keyboard.press('Escape');
    s = await waitClosed(page);
    assert.equal(s.htmlOverflow, 'visible');
    await sleep(300);
    assert.deepEqual((await p.nw()).violations, []);
    assert.deepEqual(realProblems(p), []);
    await page.close();
  } finally {
    h.routes.delete('/gallery/strict.html');
  }
});
