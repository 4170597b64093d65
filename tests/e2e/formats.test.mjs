// Every feed format, and several sources merged in one block, end to end and cross-origin through the
// documented snippet: RSS 2.0 (the real VnExpress capture, served as application/rss+xml and as text/plain),
// RSS 1.0 / RDF, Atom (nested xml:base, Media RSS, the real atom_xml_base and newscred captures), JSON Feed 1.0
// and 1.1 (real captures), WordPress REST from another origin with `X-WP-TotalPages` paging for "Xem thêm", the
// `format` attribute, merged sources (order, de-duplication, `.nw-source`, a failing source, all failing), and
// every kind of block on every format.
//
// Pages and feeds: tests/e2e/site/formats/; the real captures and the WordPress posts are the native tests'
// fixtures (tests/fixtures/), which the harness serves at /formats/feeds/ (SITE_MOUNTS, SITE_FILES). Images on
// hosts other than loopback are answered here by one small SVG (Playwright route), so nothing leaves the
// machine and a gallery can be checked to really show its pictures.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startHarness, addBlock, waitForState, until, sleep } from './harness.mjs';

const T = { timeout: 45_000 };
const VNE = 'feeds/vnexpress_tin-moi-nhat_2017-07-26.rss';
const WP_PATH = '/formats/wp-json/wp/v2/posts';
const WP_NOEXPOSE_PATH = '/formats/no-expose/wp-json/wp/v2/posts';
const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);
const PICTURE =
  '<svg xmlns="http://www.w3.org/2000/svg" width="400" height="300" viewBox="0 0 400 300">' +
  '<rect width="400" height="300" fill="#7a4b1e"/></svg>';

let h;
/** Portal-origin URL of a path under site/ (what relative `src` values resolve to). */
let P;
/** The same portal server under its other loopback name: another origin, so fetches from it are CORS. */
let OTHER;
/** URLs of off-machine images the pages asked for (answered locally). */
const external = [];

before(async () => {
  h = await startHarness();
  P = (path) => `${h.portal}/formats/${path}`;
  OTHER = h.portal.replace('//localhost:', '//127.0.0.1:');
  await h.context.route(
    (url) => !LOOPBACK.has(url.hostname),
    (route) => {
      external.push(route.request().url());
      return route.fulfill({ status: 200, contentType: 'image/svg+xml', body: PICTURE });
    },
  );
  // A portal whose server labels its RSS as text/plain.
  h.routes.set('/formats/plain/vnexpress.txt', async (req, res) => {
    res.setHeader('Content-Type', 'text/plain; charset=utf-8');
    res.end(await h.site(`formats/${VNE}`));
  });
  h.routes.set(WP_PATH, (req, res, url) => wordpress(res, url, true));
  h.routes.set(WP_NOEXPOSE_PATH, (req, res, url) => wordpress(res, url, false));
  // A source that answers 200 with an HTML page (a login wall) instead of a feed.
  h.routes.set('/formats/merge/mat-2.rss', (req, res) => {
    res.setHeader('Content-Type', 'text/html; charset=utf-8');
    res.end('<!doctype html><html><head><title>Đăng nhập</title></head><body><form>Đăng nhập</form></body></html>\n');
  });
});
after(async () => {
  await h?.close();
});

/**
 * WordPress REST `/wp-json/wp/v2/posts?_embed` as WordPress answers it: two pages announced in X-WP-TotalPages
 * (exposed to cross-origin readers when `expose`), a JSON error for a page past the end.
 */
async function wordpress(res, url, expose) {
  const page = url.searchParams.get('page') || '1';
  res.setHeader('Content-Type', 'application/json; charset=UTF-8');
  res.setHeader('X-WP-Total', '7');
  res.setHeader('X-WP-TotalPages', '2');
  if (expose) res.setHeader('Access-Control-Expose-Headers', 'X-WP-Total, X-WP-TotalPages, Link');
  if (page === '1' || page === '2') {
    res.end(await h.site(page === '1' ? 'formats/feeds/wordpress_posts.json' : 'formats/feeds/wordpress_posts_page2.json'));
    return;
  }
  res.statusCode = 400;
  res.end('{"code":"rest_post_invalid_page_number","message":"The page number requested is larger than the number of pages available.","data":{"status":400}}');
}

/** The rendered articles of a list block, read through its shadow root (raw attribute values). */
function items(page, host) {
  return page.locator(`${host} [data-item-id]`).evaluateAll((els) =>
    els.map((e) => {
      const a = e.querySelector('a.nw-title');
      const img = e.querySelector('img');
      const time = e.querySelector('time');
      const source = e.querySelector('.nw-source');
      const summary = e.querySelector('.nw-summary');
      return {
        id: e.getAttribute('data-item-id'),
        title: a && a.textContent.trim(),
        href: a && a.getAttribute('href'),
        time: time && time.textContent.trim(),
        datetime: time && time.getAttribute('datetime'),
        source: source && source.textContent.trim(),
        summary: summary && summary.textContent.trim(),
        img: img && {
          src: img.getAttribute('src'),
          srcset: img.getAttribute('srcset'),
          alt: img.getAttribute('alt'),
          link: img.closest('a') && img.closest('a').getAttribute('href'),
        },
      };
    }),
  );
}

/** The thumbnails of a gallery block: the image each shows and the article it belongs to. */
function pictures(page, host) {
  return page.locator(`${host} button[data-item-id]`).evaluateAll((els) =>
    els.map((b) => {
      const img = b.querySelector('img');
      return {
        id: b.getAttribute('data-item-id'),
        src: img && img.getAttribute('src'),
        srcset: img && img.getAttribute('srcset'),
        alt: img && img.getAttribute('alt'),
        loaded: Boolean(img && img.complete && img.naturalWidth > 0),
      };
    }),
  );
}

const pick = (list, key) => list.map((i) => i[key]);

/** The last `news-widget:<type>` event of the block whose host has id `id`. */
async function lastEvent(p, type, id) {
  const events = (await p.nw()).events.filter((e) => e.type === `news-widget:${type}` && e.target === id);
  return events[events.length - 1];
}


/** Portal requests whose path (query included) is `path`, counted from now on. */
function counter(path) {
  const start = h.requests.length;
  return () => h.requests.slice(start).filter((r) => r.path === path).length;
}

/** Waits until every picture of a gallery block has loaded (scrolling it into view: they are lazy). */
async function untilPicturesLoad(page, host) {
  await page.locator(host).scrollIntoViewIfNeeded();
  await until(async () => (await pictures(page, host)).every((g) => g.loaded), `every picture of ${host} to load`);
}

// ---------------------------------------------------------------------------------------------------------
// RSS 2.0 and RSS 1.0.

// The real capture: 25 items, newest first already; items 6–12 share 19:00 +0700 and keep feed order.
const VNE_TOP = [
  ['Một tuần Hà Nội có 1.400 người bệnh sốt xuất huyết vào viện', 'http://suckhoe.vnexpress.net/tin-tuc/suc-khoe/mot-tuan-ha-noi-co-1-400-nguoi-benh-sot-xuat-huyet-vao-vien-3618863.html', 'https://i-suckhoe.vnecdn.net/2017/07/26/sotxuathuyet2671-1501066281_180x108.jpg', 'Thứ Tư, 26/7/2017 19:41', '2017-07-26T19:41:14+07:00'],
  ['Phó tổng tư lệnh quân đội Australia thăm Việt Nam', 'http://vnexpress.net/tin-tuc/the-gioi/pho-tong-tu-lenh-quan-doi-australia-tham-viet-nam-3618888.html', 'https://i-vnexpress.vnecdn.net/2017/07/26/2f6b7928205641c41c5cea8d44cb0b-6887-9030-1501072706_180x108.jpg', 'Thứ Tư, 26/7/2017 19:33', '2017-07-26T19:33:31+07:00'],
  ['Tính năng nổi bật của nền tảng Android 7.0 trên Wiko Upulse', 'http://sohoa.vnexpress.net/tin-tuc/san-pham/tinh-nang-noi-bat-cua-nen-tang-android-7-0-tren-wiko-upulse-3618721.html', 'https://i-sohoa.vnecdn.net/2017/07/26/Image-391705139-ExtractWord-3-5022-9093-1501062552_180x108.jpeg', 'Thứ Tư, 26/7/2017 19:30', '2017-07-26T19:30:00+07:00'],
  ['Sacombank lại thay đổi loạt nhân sự cấp cao', 'http://kinhdoanh.vnexpress.net/tin-tuc/ebank/ngan-hang/sacombank-lai-thay-doi-loat-nhan-su-cap-cao-3618877.html', 'https://i-kinhdoanh.vnecdn.net/2017/07/26/Sacombank-3166-1501067941_180x108.jpg', 'Thứ Tư, 26/7/2017 19:10', '2017-07-26T19:10:57+07:00'],
  ['Sốt xuất huyết bùng phát làm khan hiếm máu, bệnh viện kêu gọi hiến tiểu cầu', 'http://suckhoe.vnexpress.net/tin-tuc/suc-khoe/sot-xuat-huyet-bung-phat-lam-khan-hiem-mau-benh-vien-keu-goi-hien-tieu-cau-3618799.html', 'https://i-suckhoe.vnecdn.net/2017/07/26/hien-tieu-cau-5363-1501064487_180x108.jpg', 'Thứ Tư, 26/7/2017 19:04', '2017-07-26T19:04:23+07:00'],
  ['Cá voi sát thủ non chào đời ở viện hải dương Mỹ đột tử', 'http://vnexpress.net/tin-tuc/khoa-hoc/ca-voi-sat-thu-non-chao-doi-o-vien-hai-duong-my-dot-tu-3618801.html', 'https://i-vnexpress.vnecdn.net/2017/07/26/204249841021022615962749710125-1772-2923-1501060597_180x108.jpg', 'Thứ Tư, 26/7/2017 19:00', '2017-07-26T19:00:00+07:00'],
  ['Quyết định có thể dồn phe nổi dậy Syria vào cửa tử của Trump', 'http://vnexpress.net/tin-tuc/the-gioi/quan-su/quyet-dinh-co-the-don-phe-noi-day-syria-vao-cua-tu-cua-trump-3618626.html', 'https://i-vnexpress.vnecdn.net/2017/07/26/syrianrebel2JPG-1501052909_180x108.jpg', 'Thứ Tư, 26/7/2017 19:00', '2017-07-26T19:00:00+07:00'],
  ['Charlize Theron khỏa thân, trổ tài hành động trong phim mới', 'http://giaitri.vnexpress.net/tin-tuc/phim/diem-phim/charlize-theron-khoa-than-tro-tai-hanh-dong-trong-phim-moi-3618557.html', 'https://i-giaitri.vnecdn.net/2017/07/26/vne2CharlizeTheronkhathntrtihnhngtrongphimmi-1501060417_180x108.jpg', 'Thứ Tư, 26/7/2017 19:00', '2017-07-26T19:00:00+07:00'],
  ['Bỏ 9.000 USD đi trăng mật, cặp đôi bị sân bay Mỹ đuổi về', 'http://dulich.vnexpress.net/tin-tuc/quoc-te/bo-9-000-usd-di-trang-mat-cap-doi-bi-san-bay-my-duoi-ve-3618499.html', 'https://i-dulich.vnecdn.net/2017/07/26/Untitled1-1501036511_180x108.jpg', 'Thứ Tư, 26/7/2017 19:00', '2017-07-26T19:00:00+07:00'],
  ['Ùn tắc giao thông Sài Gòn và Hà Nội ngày càng phức tạp', 'http://video.vnexpress.net/tin-tuc/xa-hoi/un-tac-giao-thong-sai-gon-va-ha-noi-ngay-cang-phuc-tap-3618300.html', 'https://i-vnexpress.vnecdn.net/2017/07/25/Sequence0100000312Still001-150-7392-1832-1500975065_180x108.jpg', 'Thứ Tư, 26/7/2017 19:00', '2017-07-26T19:00:00+07:00'],
  ['Dự án căn hộ 800 tỷ tại Hà Nội triển khai nhiều ưu đãi', 'http://kinhdoanh.vnexpress.net/tin-tuc/bat-dong-san/du-an-can-ho-800-ty-tai-ha-noi-trien-khai-nhieu-uu-dai-3618558.html', 'https://i-kinhdoanh.vnecdn.net/2017/07/26/Image-ExtractWord-0-Out-5307-1501044073_180x108.jpeg', 'Thứ Tư, 26/7/2017 19:00', '2017-07-26T19:00:00+07:00'],
  ['Tập đoàn An Biên mở showroom đá tự nhiên tại TP HCM', 'http://giadinh.vnexpress.net/tin-tuc/nha-dep/tap-doan-an-bien-mo-showroom-da-tu-nhien-tai-tp-hcm-3615933.html', 'https://i-giadinh.vnecdn.net/2017/07/26/20-7-201722-463264143-8605-1501054953_180x108.png', 'Thứ Tư, 26/7/2017 19:00', '2017-07-26T19:00:00+07:00'],
];

test('[rss] RSS 2.0, the real VnExpress capture served as application/rss+xml: padded titles and links trimmed, the <img> inside the CDATA description is the thumbnail, times in the portal zone, summaries without markup', T, async () => {
  const p = await h.open('/formats/rss.html');
  const { page } = p;
  await waitForState(page.locator('#vne'), 'ready');
  const got = await items(page, '#vne');
  assert.equal(got.length, 10);
  assert.deepEqual(pick(got, 'title'), pick(VNE_TOP.slice(0, 10), 0));
  assert.deepEqual(pick(got, 'href'), pick(VNE_TOP.slice(0, 10), 1));
  assert.deepEqual(pick(got, 'id'), pick(VNE_TOP.slice(0, 10), 1), 'the guid (the URL) is the id');
  assert.deepEqual(got.map((i) => i.img && i.img.src), pick(VNE_TOP.slice(0, 10), 2));
  assert.deepEqual(got.map((i) => i.img && i.img.link), pick(VNE_TOP.slice(0, 10), 1), 'the thumbnail links to the article');
  assert.deepEqual(pick(got, 'time'), pick(VNE_TOP.slice(0, 10), 3), 'reader in New York, portal times at +07:00');
  assert.deepEqual(pick(got, 'datetime'), pick(VNE_TOP.slice(0, 10), 4));
  assert.deepEqual(pick(got, 'source'), Array(10).fill(null), 'one source: no source label');
  // The malformed </br> after the image neither survives nor eats the text.
  assert.equal(
    got[0].summary,
    'Từ ngày 17-23/7, Hà Nội ghi nhận 1.400 ca sốt xuất huyết, hai người tử vong do kèm bệnh lý tiểu đường, tăng huyết áp.',
  );
  for (const i of got) assert.ok(i.summary && !/[<>]/.test(i.summary), `summary of ${i.id}: ${i.summary}`);
  const ready = await lastEvent(p, 'ready', 'vne');
  assert.equal(ready.detail.count, 10);
  assert.equal(ready.detail.total, 25);
  assert.deepEqual(ready.detail.src, [P(VNE)]);
  assert.deepEqual(ready.detail.failedSources, []);
  assert.deepEqual(p.problems(), []);
  await page.close();
});

test('[rss] the same RSS bytes served as text/plain are still read: the content decides, not the Content-Type (div form)', T, async () => {
  const p = await h.open('/formats/rss.html');
  const { page } = p;
  await waitForState(page.locator('#vne-plain'), 'ready');
  const served = h.requests.filter((r) => r.path === '/formats/plain/vnexpress.txt');
  assert.ok(served.length >= 1 && served.every((r) => r.status === 200));
  const got = await items(page, '#vne-plain');
  assert.deepEqual(pick(got, 'title'), pick(VNE_TOP.slice(0, 5), 0));
  assert.deepEqual(pick(got, 'href'), pick(VNE_TOP.slice(0, 5), 1));
  assert.deepEqual(got.map((i) => i.img && i.img.src), pick(VNE_TOP.slice(0, 5), 2));
  assert.deepEqual(pick(got, 'time'), pick(VNE_TOP.slice(0, 5), 3));
  assert.deepEqual(pick(got, 'summary'), Array(5).fill(null), 'summaries are off by default');
  assert.deepEqual(p.problems(), []);
  await page.close();
});

test('[rss] RSS 1.0 / RDF: <link> or else rdf:about, a relative <link> resolved against the feed URL, Dublin Core dates in any zone, the escaped description\'s <img>', T, async () => {
  const p = await h.open('/formats/rss.html');
  const { page } = p;
  await waitForState(page.locator('#rdf'), 'ready');
  const got = await items(page, '#rdf');
  assert.deepEqual(pick(got, 'title'), [
    'Mưa lũ miền Trung: hàng nghìn hộ dân được sơ tán',
    'Triển lãm tranh sơn mài & gốm Bát Tràng',
    'Bộ Giáo dục công bố lịch thi tốt nghiệp',
  ]);
  assert.deepEqual(pick(got, 'href'), [
    'https://rdf.example.vn/xa-hoi/mua-lu-mien-trung.html',
    'https://rdf.example.vn/van-hoa/trien-lam-tranh-son-mai.html', // no <link>: its rdf:about
    P('bai/thi-tot-nghiep.html'), // "/formats/bai/…" against the feed's own URL
  ]);
  assert.deepEqual(pick(got, 'time'), ['Thứ Bảy, 9/3/2024 16:40', 'Thứ Bảy, 9/3/2024 9:15', 'Thứ Sáu, 8/3/2024 23:05']);
  assert.deepEqual(got.map((i) => i.img && i.img.src), ['https://rdf.example.vn/anh/mua-lu.jpg', null, null]);
  assert.equal(new Set(pick(got, 'id')).size, 3);
  assert.match(await page.locator('#rdf .nw-heading').textContent(), /^Bản tin RDF$/);
  assert.deepEqual(p.problems(), []);
  await page.close();
});

// ---------------------------------------------------------------------------------------------------------
// Atom.

test('[atom] Atom: links and images resolved through nested xml:base (the feed\'s own base relative to the feed URL), media:content images, an entry without a link links to its http(s) id', T, async () => {
  const p = await h.open('/formats/atom.html');
  const { page } = p;
  await waitForState(page.locator('#atom'), 'ready');
  const got = await items(page, '#atom');
  assert.deepEqual(pick(got, 'title'), [
    'Giá xăng giảm lần thứ ba liên tiếp', // padded with newlines in the feed
    'U23 Việt Nam thắng ngược Kuwait',
    'Hội chợ OCOP mở cửa', // xhtml title: markup dropped
  ]);
  assert.deepEqual(pick(got, 'href'), [
    P('tin/2024/06/gia-xang-giam.html'), // feed base "../tin/" + entry base "2024/06/", the alternate link
    'https://thethao.atom.example.vn/bong-da/u23-thang-kuwait.html', // an absolute entry base
    'https://atom.example.vn/kinh-te/hoi-cho-ocop.html', // no <link>: the id
  ]);
  assert.deepEqual(pick(got, 'id'), [
    'tag:atom.example.vn,2024:gia-xang',
    'tag:atom.example.vn,2024:u23',
    'https://atom.example.vn/kinh-te/hoi-cho-ocop.html',
  ]);
  assert.deepEqual(got.map((i) => i.img && i.img.src), [
    P('tin/2024/06/anh/xang.svg'), // media:content, relative to the entry base
    'https://thethao.atom.example.vn/anh/u23.jpg', // media:content, absolute path on the entry base's host
    P('tin/hoi-cho.svg'), // the content HTML's <img>, relative to the feed base
  ]);
  assert.deepEqual(pick(got, 'time'), ['Thứ Hai, 3/6/2024 15:05', 'Thứ Hai, 3/6/2024 8:30', 'Chủ Nhật, 2/6/2024 20:00']);
  assert.equal(got[0].datetime, '2024-06-03T15:05:00+07:00', '<published> before <updated>');

  // The gallery of the same feed: media:content with its media:title as caption, else the item's title.
  await waitForState(page.locator('#atom-gallery'), 'ready');
  const g = await pictures(page, '#atom-gallery');
  assert.deepEqual(pick(g, 'src'), got.map((i) => i.img.src));
  assert.deepEqual(pick(g, 'alt'), ['Khách hàng đổ xăng tại Hà Nội', 'U23 Việt Nam thắng ngược Kuwait', 'Hội chợ OCOP mở cửa']);
  await untilPicturesLoad(page, '#atom-gallery');
  assert.deepEqual(p.problems(), []);
  await page.close();
});

test('[atom] the real Atom captures: atom_xml_base.xml (no link, image under the content\'s xml:base) and newscred (Media RSS: media:thumbnail as thumbnail)', T, async () => {
  const p = await h.open('/formats/atom.html');
  const { page } = p;
  await waitForState(page.locator('#xmlbase'), 'ready');
  await waitForState(page.locator('#newscred'), 'ready');
  assert.deepEqual(await items(page, '#xmlbase'), [
    {
      id: 'https://numi.st/post/2022/travel-uke',
      title: 'my cool entry title',
      href: 'https://numi.st/post/2022/travel-uke',
      time: 'Thứ Năm, 21/4/2022 7:00',
      datetime: '2022-04-21T07:00:00+07:00',
      source: null,
      summary: null,
      img: {
        src: 'https://numi.st/post/2022/travel-uke/IMG_1232.jpeg',
        srcset: null,
        alt: '',
        link: 'https://numi.st/post/2022/travel-uke',
      },
    },
  ]);
  const [n] = await items(page, '#newscred');
  assert.equal(n.id, '75ffea6b731bb4534f3138fd6b726791');
  assert.equal(n.title, 'The Day Off: Tampa');
  assert.equal(n.href, 'http://www.example.com/the-day-off-tampa');
  assert.equal(n.time, 'Thứ Bảy, 6/4/2019 4:04');
  assert.equal(n.img.src, 'https://www.example.com/Zz1hNjRiMWFjMzdhYWIzNTEwNjk2YjIzYjc5NWQxNWFlMA==?width=75&height=75');
  assert.equal(await page.locator('#newscred [data-item-id]').count(), 1);
  assert.deepEqual(p.problems(), []);
  await page.close();
});

// ---------------------------------------------------------------------------------------------------------
// JSON Feed.

test('[json] JSON Feed 1.0 and 1.1 (real captures): RFC 3339 and RFC 2822 dates in the portal zone, the item URL as id when there is none, undated items last', T, async () => {
  const p = await h.open('/formats/json.html');
  const { page } = p;
  await waitForState(page.locator('#jf10'), 'ready');
  await waitForState(page.locator('#jf11'), 'ready');
  const v1 = await items(page, '#jf10');
  assert.deepEqual(pick(v1, 'title'), ['How Jeff Bezos’s iPhone X Was Hacked', 'Instagram for Windows 95']);
  assert.deepEqual(pick(v1, 'href'), [
    'https://daringfireball.net/linked/2020/01/24/bezos-iphone-x',
    'https://daringfireball.net/linked/2020/01/20/instagram-for-win95',
  ]);
  assert.deepEqual(pick(v1, 'id'), pick(v1, 'href'));
  assert.deepEqual(pick(v1, 'time'), ['Thứ Bảy, 25/1/2020 6:46', 'Thứ Ba, 21/1/2020 8:07']);
  assert.deepEqual(pick(v1, 'img'), [null, null]);

  const v11 = await items(page, '#jf11');
  assert.deepEqual(pick(v11, 'title'), [
    'InfluxDB vs. Graphite for Time Series Data & Metrics Benchmark',
    'InfluxDB vs. Elasticsearch for Time Series Data & Metrics Benchmark',
    'Fake item',
  ]);
  assert.deepEqual(pick(v11, 'href'), [
    'https://www.influxdata.com/blog/influxdb-outperforms-graphite-in-time-series-data-metrics-benchmark',
    'https://www.influxdata.com/blog/influxdb-markedly-elasticsearch-in-time-series-data-metrics-benchmark',
    'https://example.com/', // normalised as a browser would
  ]);
  assert.deepEqual(pick(v11, 'id'), pick(v11, 'href'), 'no ids in this feed: the URL is the id');
  // "Fri, 31 May 2019 12:17:58 -0700" and "Tue, 06 Feb 2018 06:34:12 -0700"; the fake item has no date.
  assert.deepEqual(pick(v11, 'time'), ['Thứ Bảy, 1/6/2019 2:17', 'Thứ Ba, 6/2/2018 20:34', null]);
  assert.deepEqual(pick(v11, 'datetime'), ['2019-06-01T02:17:58+07:00', '2018-02-06T20:34:12+07:00', null]);
  assert.deepEqual(p.problems(), []);
  await page.close();
});

// ---------------------------------------------------------------------------------------------------------
// WordPress REST.

const WP_UP = 'https://tintuc.example.vn/wp-content/uploads/2024/05/';
const WP_PAGE1 = [
  {
    id: '1842',
    title: 'Hà Nội mưa lớn, nhiều tuyến phố “thành sông” – giao thông ùn tắc',
    href: 'https://tintuc.example.vn/2024/05/ha-noi-mua-lon-nhieu-tuyen-pho-ngap-sau/',
    time: 'Thứ Hai, 20/5/2024 8:30',
    src: `${WP_UP}ha-noi-mua-lon-768x512.jpg`,
    srcset: `${WP_UP}ha-noi-mua-lon-300x200.jpg 300w, ${WP_UP}ha-noi-mua-lon-768x512.jpg 768w, ${WP_UP}ha-noi-mua-lon-1024x683.jpg 1024w, ${WP_UP}ha-noi-mua-lon.jpg 1600w`,
    caption: 'Hà Nội mưa lớn', // the media's caption.rendered (before alt_text)
  },
  {
    id: '1839',
    title: 'Giá vàng hôm nay tăng mạnh: SJC & vàng nhẫn cùng lập đỉnh',
    href: 'https://tintuc.example.vn/2024/05/gia-vang-hom-nay-tang-manh/',
    time: 'Thứ Hai, 20/5/2024 7:05',
  },
  {
    id: '1835', // its featured media answers rest_forbidden: no image
    title: 'Đội tuyển Việt Nam tập trung chuẩn bị cho vòng loại World Cup',
    href: 'https://tintuc.example.vn/2024/05/doi-tuyen-viet-nam-tap-trung/',
    time: 'Chủ Nhật, 19/5/2024 21:45',
  },
  {
    id: '1830',
    title: 'Lễ hội ánh sáng ở Hội An thu hút du khách',
    href: 'https://tintuc.example.vn/2024/05/le-hoi-anh-sang-hoi-an/',
    time: 'Chủ Nhật, 19/5/2024 19:00',
    src: `${WP_UP}hoi-an-den-long-300x200.jpg`,
    srcset: `${WP_UP}hoi-an-den-long-300x200.jpg 300w, ${WP_UP}hoi-an-den-long.jpg 1200w`,
    caption: 'Hội An đèn lồng', // caption.rendered
  },
];
const WP_PAGE2_NEW = [
  {
    id: '1825',
    title: 'Thủ tướng chỉ đạo đẩy nhanh giải ngân vốn “đầu tư công”',
    href: 'https://tintuc.example.vn/2024/05/day-nhanh-giai-ngan-von-dau-tu-cong/',
    time: 'Chủ Nhật, 19/5/2024 16:20',
    src: `${WP_UP}giai-ngan-768x432.jpg`,
  },
  {
    id: '1821',
    title: 'Khai mạc Lễ hội Sen Tháp Mười – Đồng Tháp',
    href: 'https://tintuc.example.vn/2024/05/khai-mac-le-hoi-sen-thap-muoi/',
    time: 'Chủ Nhật, 19/5/2024 9:00',
  },
];

test('[wordpress] WordPress REST posts from another origin: titles with entities as text, date_gmt in the portal zone, the featured image\'s chosen size and srcset; the gallery shows them with their caption (else alt_text, else the title)', T, async () => {
  const src = `${OTHER}${WP_PATH}?_embed`;
  const p = await h.open('/formats/blank.html');
  const { page } = p;
  await addBlock(page, 'wp', { kind: 'latest', src });
  await addBlock(page, 'wp-gallery', { kind: 'gallery', src }, 'div');
  await waitForState(page.locator('#wp'), 'ready');
  const got = await items(page, '#wp');
  assert.deepEqual(pick(got, 'id'), pick(WP_PAGE1, 'id'));
  assert.deepEqual(pick(got, 'title'), pick(WP_PAGE1, 'title'));
  assert.deepEqual(pick(got, 'href'), pick(WP_PAGE1, 'href'));
  assert.deepEqual(pick(got, 'time'), pick(WP_PAGE1, 'time'));
  assert.deepEqual(got.map((i) => i.img && i.img.src), WP_PAGE1.map((w) => w.src || null));
  assert.deepEqual(got.map((i) => i.img && i.img.srcset), WP_PAGE1.map((w) => w.srcset || null));
  // In the list the thumbnail is decorative (its link is hidden from assistive technology; the title link
  // names the article), so its alt is empty whatever the feed says.
  assert.deepEqual(got.filter((i) => i.img).map((i) => i.img.alt), ['', '']);

  await waitForState(page.locator('#wp-gallery'), 'ready');
  const g = await pictures(page, '#wp-gallery');
  const withImage = WP_PAGE1.filter((w) => w.src);
  assert.deepEqual(pick(g, 'id'), pick(withImage, 'id'));
  assert.deepEqual(pick(g, 'src'), pick(withImage, 'src'));
  assert.deepEqual(pick(g, 'srcset'), pick(withImage, 'srcset'));
  assert.deepEqual(pick(g, 'alt'), pick(withImage, 'caption'));
  await untilPicturesLoad(page, '#wp-gallery');
  assert.deepEqual(p.problems(), []);
  await page.close();
});

test('[wordpress] kind="others": "Xem thêm" fetches ?page=2 announced by X-WP-TotalPages (cross-origin, exposed), drops the post the page shift repeats, and ends at the last page', T, async () => {
  const src = `${OTHER}${WP_PATH}?_embed`;
  const page2 = counter(`${WP_PATH}?_embed&page=2`);
  const p = await h.open('/formats/blank.html');
  const { page } = p;
  await addBlock(page, 'wp-others', { kind: 'others', src, limit: '4' });
  await waitForState(page.locator('#wp-others'), 'ready');
  assert.deepEqual(pick(await items(page, '#wp-others'), 'id'), pick(WP_PAGE1, 'id'));
  const more = page.locator('#wp-others button.nw-more');
  assert.equal((await more.textContent()).trim(), 'Xem thêm', 'local items used up: the next page is what is left');
  assert.equal(page2(), 0, 'the next page waits for the click');

  await more.click();
  await until(async () => (await items(page, '#wp-others')).length === 6, 'page 2 to add its two new posts');
  const got = await items(page, '#wp-others');
  const all = [...WP_PAGE1, ...WP_PAGE2_NEW];
  assert.deepEqual(pick(got, 'id'), pick(all, 'id'), '1830 (on both pages) once');
  assert.deepEqual(pick(got, 'title'), pick(all, 'title'));
  assert.deepEqual(pick(got, 'href'), pick(all, 'href'));
  assert.deepEqual(pick(got, 'time'), pick(all, 'time'));
  assert.deepEqual(got.map((i) => i.img && i.img.src), all.map((w) => w.src || null));
  await until(async () => (await more.count()) === 0, 'the button to go: page 2 of 2');
  assert.equal(page2(), 1);
  assert.ok(!h.requests.some((r) => r.path.startsWith(WP_PATH) && /page=3/.test(r.path)), 'never asks past the last page');
  assert.equal(await page.locator('#wp-others').getAttribute('data-state'), 'ready');
  assert.deepEqual(p.problems(), []);
  await page.close();
});

test('[wordpress] without Access-Control-Expose-Headers a cross-origin WordPress feed still shows, but cannot page (no "Xem thêm")', T, async () => {
  const start = h.requests.length;
  const p = await h.open('/formats/blank.html');
  const { page } = p;
  await addBlock(page, 'wp-hidden', { kind: 'others', src: `${OTHER}${WP_NOEXPOSE_PATH}?_embed`, limit: '4' });
  await waitForState(page.locator('#wp-hidden'), 'ready');
  assert.deepEqual(pick(await items(page, '#wp-hidden'), 'id'), pick(WP_PAGE1, 'id'));
  await sleep(200);
  assert.equal(await page.locator('#wp-hidden button.nw-more').count(), 0);
  const asked = h.requests.slice(start).map((r) => r.path).filter((x) => x.startsWith(WP_NOEXPOSE_PATH));
  assert.deepEqual(asked, [`${WP_NOEXPOSE_PATH}?_embed`]);
  assert.deepEqual(p.problems(), []);
  await page.close();
});

// ---------------------------------------------------------------------------------------------------------
// The format attribute.

test('[format] format="rss" on an RSS body renders it; format="json" on an RSS body and format="wordpress" on a JSON Feed are errors with the parser\'s reason in the console and the event', T, async () => {
  const p = await h.open('/formats/force.html');
  const { page } = p;
  await waitForState(page.locator('#as-rss'), 'ready');
  assert.deepEqual(pick(await items(page, '#as-rss'), 'title'), pick(VNE_TOP.slice(0, 3), 0));

  await waitForState(page.locator('#as-json'), 'error');
  assert.equal(await page.locator('#as-json [data-item-id]').count(), 0);
  assert.ok(await page.locator('#as-json').getByText('Không tải được tin').isVisible());
  assert.ok(await page.locator('#as-json').getByRole('button', { name: 'Thử lại' }).isVisible());
  const jsonUrl = P(`${VNE}?as=json`);
  const err = await lastEvent(p, 'error', 'as-json');
  assert.deepEqual(err.detail.src, [jsonUrl]);
  assert.deepEqual(err.detail.failedSources, [jsonUrl]);
  assert.match(err.detail.reason, /^invalid JSON at line 1, column 1\b/);
  const said = p.problems();
  assert.ok(
    said.some((m) => m.includes(jsonUrl) && /invalid JSON at line 1, column 1/.test(m)),
    `the reason in the console: ${JSON.stringify(said)}`,
  );

  await waitForState(page.locator('#as-wp'), 'error');
  const wpErr = await lastEvent(p, 'error', 'as-wp');
  assert.match(wpErr.detail.reason, /not a WordPress posts response/);
  assert.ok(
    p.problems().some((m) => m.includes(P('feeds/jsonfeed_example_1.feed.json')) && /not a WordPress posts response/.test(m)),
    `the reason in the console: ${JSON.stringify(p.problems())}`,
  );
  assert.deepEqual(p.errors, []);
  await page.close();
});

test('[format] two blocks on one page with the same src and different format attributes each parse it their own way', T, async () => {
  const p = await h.open('/formats/blank.html');
  const { page } = p;
  const src = `/formats/${VNE}?twice`;
  await addBlock(page, 'auto', { src, limit: '2' });
  await addBlock(page, 'forced-json', { src, format: 'json' });
  await waitForState(page.locator('#auto'), 'ready');
  await waitForState(page.locator('#forced-json'), '!loading');
  assert.equal(await page.locator('#forced-json').getAttribute('data-state'), 'error', 'an RSS body read as JSON Feed is an error');
  await page.close();
});

// ---------------------------------------------------------------------------------------------------------
// Several sources in one block.

const TS = 'Thời sự 24h';
const KT = 'Kinh tế Online';

test('[merge] a JSON Feed and an RSS feed in one block: newest first across formats and zones, de-duplicated by URL then id (the earlier source wins), each item names its feed', T, async () => {
  const fetched = { json: counter('/formats/merge/thoi-su.feed.json'), rss: counter('/formats/merge/kinh-te.rss') };
  const p = await h.open('/formats/merge.html');
  const { page } = p;
  await waitForState(page.locator('#merged'), 'ready');
  const got = await items(page, '#merged');
  assert.deepEqual(
    got.map((i) => [i.title, i.source, i.time]),
    [
      ['Quốc hội thông qua Luật Đất đai sửa đổi', TS, 'Thứ Bảy, 1/6/2024 9:00'],
      ['Chứng khoán tăng điểm phiên đầu tháng 6', KT, 'Thứ Bảy, 1/6/2024 8:30'],
      // Also in the RSS feed under the same URL (another guid, a GMT date): shown once.
      ['Giá điện tăng 4,8% từ hôm nay', TS, 'Thứ Bảy, 1/6/2024 7:45'],
      ['Xuất khẩu gạo 5 tháng đạt 2,4 tỷ USD', KT, 'Thứ Bảy, 1/6/2024 6:15'],
      // Also in the RSS feed under the same id (a mobile URL): shown once.
      ['Bão số 1 đổ bộ Quảng Ninh – Hải Phòng', TS, 'Thứ Bảy, 1/6/2024 5:30'],
      ['Lãi suất tiết kiệm tiếp tục giảm', KT, 'Thứ Sáu, 31/5/2024 20:00'],
    ],
  );
  assert.deepEqual(pick(got, 'href'), [
    'https://thoisu.example.vn/quoc-hoi-luat-dat-dai.html',
    'https://kinhte.example.vn/chung-khoan-dau-thang-6.html',
    'https://chung.example.vn/gia-dien-tang.html',
    'https://kinhte.example.vn/xuat-khau-gao-5-thang.html',
    'https://thoisu.example.vn/bao-so-1.html',
    'https://kinhte.example.vn/lai-suat-tiet-kiem-giam.html',
  ]);
  assert.deepEqual(pick(got, 'id'), [
    'ts-1',
    'https://kinhte.example.vn/chung-khoan-dau-thang-6.html',
    'ts-2',
    'https://kinhte.example.vn/xuat-khau-gao-5-thang.html',
    'vn-2024-0601-003',
    'https://kinhte.example.vn/lai-suat-tiet-kiem-giam.html',
  ]);
  assert.deepEqual(got.map((i) => i.img && i.img.src), [
    'https://thoisu.example.vn/anh/quoc-hoi.jpg',
    null,
    null,
    'https://kinhte.example.vn/anh/gao.jpg', // an image enclosure
    null,
    null,
  ]);
  const ready = await lastEvent(p, 'ready', 'merged');
  assert.deepEqual(ready.detail.src, [P('merge/thoi-su.feed.json'), P('merge/kinh-te.rss')]);
  assert.deepEqual(ready.detail.failedSources, []);
  assert.equal(ready.detail.count, 6);
  assert.equal(await page.locator('#merged .nw-note').count(), 0, 'no failure note');

  // Sources listed the other way round (spread over lines): the RSS copies of the shared stories win.
  await waitForState(page.locator('#reversed'), 'ready');
  const rev = await items(page, '#reversed');
  assert.deepEqual(
    rev.map((i) => [i.title, i.source]),
    [
      ['Quốc hội thông qua Luật Đất đai sửa đổi', TS],
      ['Chứng khoán tăng điểm phiên đầu tháng 6', KT],
      ['Giá điện sinh hoạt tăng 4,8%', KT],
      ['Xuất khẩu gạo 5 tháng đạt 2,4 tỷ USD', KT],
      ['Bão số 1 đổ bộ Quảng Ninh (bản di động)', KT],
      ['Lãi suất tiết kiệm tiếp tục giảm', KT],
    ],
  );
  assert.equal(rev[4].href, 'https://m.thoisu.example.vn/bao-so-1.html');

  // A channel with no title: its items are credited to the site's host (div form, absolute paths).
  await waitForState(page.locator('#untitled'), 'ready');
  assert.deepEqual(
    (await items(page, '#untitled')).map((i) => [i.title, i.source, i.time]),
    [
      ['Quốc hội thông qua Luật Đất đai sửa đổi', TS, 'Thứ Bảy, 1/6/2024 9:00'],
      ['Hà Nội mở thêm 3 tuyến buýt điện', 'baomoi.example.vn', 'Thứ Bảy, 1/6/2024 8:00'],
      ['Giá điện tăng 4,8% từ hôm nay', TS, 'Thứ Bảy, 1/6/2024 7:45'],
      ['Bão số 1 đổ bộ Quảng Ninh – Hải Phòng', TS, 'Thứ Bảy, 1/6/2024 5:30'],
      ['Đà Nẵng đón 1 triệu lượt khách dịp hè', 'baomoi.example.vn', 'Thứ Sáu, 31/5/2024 10:00'],
    ],
  );

  // The other kinds on merged sources: "Các tin khác" with its button, the gallery with both feeds' images.
  await waitForState(page.locator('#merged-others'), 'ready');
  const others = await items(page, '#merged-others');
  assert.deepEqual(pick(others, 'id'), pick(got, 'id').slice(0, 4));
  assert.deepEqual(pick(others, 'source'), [TS, KT, TS, KT]);
  assert.equal((await page.locator('#merged-others button.nw-more').textContent()).trim(), 'Xem thêm (2)');
  await waitForState(page.locator('#merged-gallery'), 'ready');
  const g = await pictures(page, '#merged-gallery');
  assert.deepEqual(pick(g, 'src'), ['https://thoisu.example.vn/anh/quoc-hoi.jpg', 'https://kinhte.example.vn/anh/gao.jpg']);
  assert.deepEqual(pick(g, 'alt'), ['Quốc hội thông qua Luật Đất đai sửa đổi', 'Xuất khẩu gạo 5 tháng đạt 2,4 tỷ USD']);
  await untilPicturesLoad(page, '#merged-gallery');

  // Each feed URL is fetched once for the whole page, however many blocks (and merges) name it.
  assert.deepEqual([fetched.json(), fetched.rss()], [1, 1]);
  assert.deepEqual(p.problems(), []);
  await page.close();
});

test('[merge] one source answers 404: the other\'s items are shown with the note "Một nguồn tin không tải được", data-state="ready", and detail.failedSources names the failed URL', T, async () => {
  const p = await h.open('/formats/merge-fail.html');
  const { page } = p;
  await waitForState(page.locator('#one-missing'), 'ready');
  const got = await items(page, '#one-missing');
  assert.deepEqual(pick(got, 'title'), [
    'Chứng khoán tăng điểm phiên đầu tháng 6',
    'Giá điện sinh hoạt tăng 4,8%',
    'Xuất khẩu gạo 5 tháng đạt 2,4 tỷ USD',
    'Bão số 1 đổ bộ Quảng Ninh (bản di động)',
    'Lãi suất tiết kiệm tiếp tục giảm',
  ]);
  const note = page.locator('#one-missing .nw-note');
  assert.equal(await note.count(), 1);
  assert.ok(await note.isVisible());
  assert.equal((await note.textContent()).trim(), 'Một nguồn tin không tải được');
  const missing = P('merge/khong-co.json');
  const ready = await lastEvent(p, 'ready', 'one-missing');
  assert.deepEqual(ready.detail.failedSources, [missing]);
  assert.equal(ready.detail.count, 5);
  assert.equal(await lastEvent(p, 'error', 'one-missing'), undefined, 'no error event for a partial failure');
  const said = p.logs.filter((l) => l.type === 'error').map((l) => l.text);
  assert.ok(said.some((m) => m.includes(missing) && /404/.test(m)), `the reason in the console: ${JSON.stringify(said)}`);
  assert.deepEqual(p.errors, []);
  await page.close();
});

test('[merge] with one of two sources failing, the items shown still name their source', T, async () => {
  const p = await h.open('/formats/merge-fail.html');
  const { page } = p;
  await waitForState(page.locator('#one-missing'), 'ready');
  // The note says a source is missing; the reader can only tell which one from the labels.
  assert.deepEqual(pick(await items(page, '#one-missing'), 'source'), Array(5).fill(KT));
  await page.close();
});

test('[merge] every source failing (a 404 and an HTML page) is the error state with its retry button', T, async () => {
  const p = await h.open('/formats/merge-fail.html');
  const { page } = p;
  await waitForState(page.locator('#both-missing'), 'error');
  assert.equal(await page.locator('#both-missing [data-item-id]').count(), 0);
  assert.ok(await page.locator('#both-missing').getByText('Không tải được tin').isVisible());
  assert.ok(await page.locator('#both-missing').getByRole('button', { name: 'Thử lại' }).isVisible());
  assert.equal(await page.locator('#both-missing .nw-note').count(), 0);
  const err = await lastEvent(p, 'error', 'both-missing');
  assert.deepEqual(err.detail.src, [P('merge/mat-1.json'), P('merge/mat-2.rss')]);
  assert.deepEqual([...err.detail.failedSources].sort(), [P('merge/mat-1.json'), P('merge/mat-2.rss')].sort());
  assert.equal(await lastEvent(p, 'ready', 'both-missing'), undefined);
  assert.deepEqual(p.errors, []);
  await page.close();
});

test('[merge] every source failing: the console gives the reason of each failed source, not only the first', T, async () => {
  const p = await h.open('/formats/merge-fail.html');
  const { page } = p;
  await waitForState(page.locator('#both-missing'), 'error');
  await sleep(200);
  const said = p.logs.filter((l) => l.type === 'error' && l.text.startsWith('news-widget:')).map((l) => l.text);
  assert.ok(said.some((m) => m.includes(P('merge/mat-1.json')) && /404/.test(m)), JSON.stringify(said));
  assert.ok(said.some((m) => m.includes(P('merge/mat-2.rss')) && /HTML page/.test(m)), JSON.stringify(said));
  await page.close();
});

// ---------------------------------------------------------------------------------------------------------
// Every kind on every format.

test('[kinds] every kind of block works with every format: latest, others and gallery on RSS 2.0, RSS 1.0, Atom, JSON Feed 1.0 and 1.1, and WordPress', T, async () => {
  // [name, src, items in the feed, distinct images]
  const FEEDS = [
    ['rss2', `/formats/${VNE}`, 25, 25],
    ['rss1', '/formats/feeds/rss1.rdf.xml', 3, 1],
    ['atom', '/formats/feeds/atom-base.atom', 3, 3],
    ['json10', '/formats/feeds/jsonfeed_example_1.feed.json', 2, 0],
    ['json11', '/formats/feeds/jsonfeed_elastic_1.1.feed.json', 3, 0],
    ['wp', `${OTHER}${WP_PATH}?_embed`, 4, 2],
  ];
  const p = await h.open('/formats/blank.html');
  const { page } = p;
  for (const [name, src] of FEEDS) {
    for (const kind of ['latest', 'others', 'gallery']) await addBlock(page, `${kind}-${name}`, { kind, src });
  }
  for (const [name, , n, images] of FEEDS) {
    for (const kind of ['latest', 'others', 'gallery']) {
      const id = `${kind}-${name}`;
      const want = kind === 'gallery' ? Math.min(12, images) : Math.min(10, n);
      const state = await waitForState(page.locator(`#${id}`), '!loading');
      assert.equal(state, want > 0 ? 'ready' : 'empty', id);
      assert.equal(await page.locator(`#${id} [data-item-id]`).count(), want, id);
      assert.equal((await lastEvent(p, 'ready', id)).detail.count, want, id);
      if (kind === 'gallery' && want === 0) {
        assert.ok(await page.locator(`#${id}`).getByText('Chưa có tin').isVisible(), `${id}: a feed without images`);
      }
    }
  }
  // What each kind shows is the same articles: the first entry of every block of a feed is its newest item.
  for (const [name] of FEEDS.filter(([, , , images]) => images > 0)) {
    const first = await page.locator(`#latest-${name} [data-item-id]`).first().getAttribute('data-item-id');
    assert.equal(await page.locator(`#others-${name} [data-item-id]`).first().getAttribute('data-item-id'), first, name);
  }
  assert.deepEqual(p.problems(), []);
  await page.close();
});

test('[gallery] a gallery on the RSS capture shows its pictures: the newest twelve items\' CDATA thumbnails, captioned with their titles', T, async () => {
  const before = external.length;
  const p = await h.open('/formats/rss.html');
  const { page } = p;
  await waitForState(page.locator('#vne-gallery'), 'ready');
  const g = await pictures(page, '#vne-gallery');
  assert.deepEqual(pick(g, 'src'), pick(VNE_TOP, 2));
  assert.deepEqual(pick(g, 'alt'), pick(VNE_TOP, 0));
  assert.deepEqual(pick(g, 'id'), pick(VNE_TOP, 1));
  await untilPicturesLoad(page, '#vne-gallery');
  const asked = new Set(external.slice(before));
  for (const src of pick(VNE_TOP, 2)) assert.ok(asked.has(src), `${src} was requested (and answered locally)`);
  assert.deepEqual(p.problems(), []);
  await page.close();
});
