// The one generator of the benchmark feeds: deterministic JSON Feed 1.1 bodies, the same `n` always gives the
// same bytes (seeded PRNG, fixed dates). `make bench` runs it first; the native benchmark (bench/core.rs) and
// the browser driver (bench/run.mjs) both read the files it writes, so both measure the very same feeds.
//
// Items look like a Vietnamese portal's: an id, an absolute article URL, a title with diacritics and an
// HTML entity, a ~200-character summary, a *relative* thumbnail (resolved against the feed URL), an RFC 3339
// date in +07:00 (one in 50 in RFC 2822 form, one in 100 undated), an author and two tags. Items are in
// shuffled date order, so "newest first" really has to sort. About 530 bytes per item: 20 000 items ≈ 10 MB.
//
// CLI: node bench/gen-feed.mjs [N ...]   writes target/bench-feeds/feed-N.json for each N
//                                        (default: 50 1000 20000, the sizes bench/core.rs measures)
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
/** Where the feeds go (target/ is ignored by git): bench/core.rs reads the same path. */
export const FEED_DIR = resolve(ROOT, 'target/bench-feeds');
/** The sizes the native benchmark measures (bench/core.rs `SIZES`); the browser uses some of them. */
export const FEED_SIZES = [50, 1000, 20000];
/** The file of the `n`-item feed. */
export const feedPath = (n) => resolve(FEED_DIR, `feed-${n}.json`);

/** Small deterministic PRNG (mulberry32): no Math.random, so every run benchmarks the same feed. */
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SUBJECTS = ['Hà Nội', 'TP HCM', 'Đà Nẵng', 'Chính phủ', 'Ngân hàng Nhà nước', 'Đội tuyển Việt Nam',
  'Bộ Giáo dục', 'Cảng Hải Phòng', 'Nông dân miền Tây', 'Thị trường chứng khoán'];
const VERBS = ['công bố', 'khởi công', 'điều chỉnh', 'lên kế hoạch', 'tạm dừng', 'đẩy mạnh', 'thử nghiệm'];
const OBJECTS = ['dự án đường sắt đô thị', 'giá điện bậc thang', 'chương trình học mới', 'tuyến metro số 2',
  'gói tín dụng 120.000 tỷ đồng', 'quy hoạch ven sông Hồng', 'lịch thi đấu vòng loại', 'mùa lúa Đông Xuân'];
const TAGS = ['Thời sự', 'Kinh doanh', 'Thể thao', 'Giáo dục', 'Đời sống', 'Du lịch', 'Pháp luật', 'Sức khỏe'];
const AUTHORS = ['Minh Anh', 'Thu Trang', 'Quốc Huy', 'Hoàng Long', 'Ngọc Mai'];
const SECTIONS = ['thoi-su', 'kinh-doanh', 'the-thao', 'giao-duc', 'doi-song'];
const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

const pad = (n) => String(n).padStart(2, '0');
const pick = (r, list) => list[Math.floor(r() * list.length)];

/** The date of item `i` in the portal's zone (+07:00), as RFC 3339 or (every 50th) RFC 2822. */
function dateText(unix, i) {
  const d = new Date((unix + 7 * 3600) * 1000); // wall clock in +07:00, read with the UTC getters
  if (i % 50 === 7) {
    return `${WEEKDAYS[d.getUTCDay()]}, ${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ` +
      `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} +0700`;
  }
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T` +
    `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}+07:00`;
}

/** The feed body for `n` items, as a string. */
export function generateFeed(n) {
  const r = rng(0x5eed ^ n);
  const base = Date.UTC(2026, 10, 1) / 1000; // 2026-11-01T00:00:00Z
  const items = [];
  for (let i = 0; i < n; i++) {
    const id = 4_000_000 + i;
    const section = SECTIONS[i % SECTIONS.length];
    const title = `${pick(r, SUBJECTS)} ${pick(r, VERBS)} ${pick(r, OBJECTS)} &amp; những điều cần biết (${id})`;
    const summary = `${pick(r, SUBJECTS)} vừa ${pick(r, VERBS)} ${pick(r, OBJECTS)}, ` +
      `dự kiến xong trong quý tới; người dân kỳ vọng hưởng lợi từ ${pick(r, OBJECTS)}.`;
    // Shuffled dates within 30 days, so the order has to be sorted.
    const unix = base - Math.floor(r() * 30 * 86400);
    const item = {
      id: String(id),
      url: `https://tin.example.vn/${section}/bai-viet-${id}.html`,
      title,
      summary,
      image: `img/thumb-${i % 8}.svg`,
      date_published: dateText(unix, i),
      authors: [{ name: pick(r, AUTHORS) }],
      tags: [pick(r, TAGS), pick(r, TAGS)],
    };
    if (i % 100 === 42) delete item.date_published;
    items.push(item);
  }
  return JSON.stringify({
    version: 'https://jsonfeed.org/version/1.1',
    title: 'Tin mới nhất',
    home_page_url: 'https://tin.example.vn/',
    feed_url: 'https://tin.example.vn/feeds/latest.json',
    language: 'vi',
    items,
  });
}

/** Writes the `n`-item feed to feedPath(n) unless it is already there byte for byte; returns its size. */
export function writeFeed(n) {
  const body = Buffer.from(generateFeed(n));
  const file = feedPath(n);
  let same = false;
  try {
    same = readFileSync(file).equals(body);
  } catch {}
  if (!same) {
    mkdirSync(FEED_DIR, { recursive: true });
    writeFileSync(file, body);
  }
  return body.length;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const sizes = process.argv.length > 2 ? process.argv.slice(2).map(Number) : FEED_SIZES;
  for (const n of sizes) {
    if (!Number.isInteger(n) || n < 0) {
      console.error(`gen-feed: not an item count: ${n}`);
      process.exit(2);
    }
    console.log(`gen-feed: ${relative(ROOT, feedPath(n))} (${n} items, ${writeFeed(n)} bytes)`);
  }
}
