// The demo's live feed (`make serve`: /feeds/live.json): a JSON Feed that gains a story every 30 seconds,
// computed from the clock alone, so it needs no state and every reader sees the same feed. It answers as a
// feed owner should for refreshing blocks: `Cache-Control: no-cache` (browsers keep it, and revalidate it
// on every refresh), `ETag` and `Last-Modified`, and `304 Not Modified` without a body to a conditional
// request whose copy is still current. Node built-ins only; scripts/serve.mjs mounts it with `--live`.

/** A new story this often. */
export const LIVE_EVERY_MS = 30_000;
/** Stories in the feed. */
const COUNT = 20;

const HEADLINES = [
  'Thái Nguyên đẩy nhanh tiến độ giải ngân vốn đầu tư công',
  'Nông dân Phú Bình thu hoạch lúa xuân đạt năng suất cao',
  'Khởi công tuyến đường liên kết vùng qua thành phố Phổ Yên',
  'Học sinh Thái Nguyên giành 5 huy chương Olympic khu vực',
  'Mưa lớn kéo dài, các huyện vùng cao chủ động phòng chống sạt lở',
  'Chè Tân Cương vào mùa thu hoạch vụ hè',
  'Hội nghị xúc tiến đầu tư vào các khu công nghiệp của tỉnh',
  'Tăng cường kiểm tra an toàn thực phẩm dịp cao điểm hè',
  'Giải bóng đá thanh niên toàn tỉnh khai mạc tại sân Thái Nguyên',
  'Thêm 12 sản phẩm đạt chứng nhận OCOP 3 sao',
  'Ngành y tế triển khai tiêm vắc xin sởi - rubella bổ sung',
  'Đường dây nóng tiếp nhận phản ánh về thủ tục hành chính',
];

/** The feed at `now` (Unix ms): its body, validators and the time of its newest story. */
export function liveFeed(now = Date.now(), every = LIVE_EVERY_MS) {
  const newest = Math.floor(now / every);
  const items = [];
  for (let n = newest; n > newest - COUNT; n--) {
    const headline = HEADLINES[((n % HEADLINES.length) + HEADLINES.length) % HEADLINES.length];
    items.push({
      id: `tin-nhanh-${n}`,
      url: `https://baothainguyen.example/tin-nhanh/${n}.html`,
      title: `${headline} (bản tin số ${n % 10000})`,
      date_published: new Date(n * every).toISOString(),
    });
  }
  const body = JSON.stringify({
    version: 'https://jsonfeed.org/version/1.1',
    title: 'Báo Thái Nguyên điện tử - Tin nhanh',
    home_page_url: 'https://baothainguyen.example/',
    items,
  });
  return { body, etag: `"tin-nhanh-${newest}"`, lastModified: new Date(newest * every).toUTCString(), newest };
}

/** Whether a conditional request's copy (If-None-Match, else If-Modified-Since) is the feed's current one. */
export function isCurrent(headers, feed) {
  const inm = headers['if-none-match'];
  if (inm) return inm.split(',').some((t) => t.trim().replace(/^W\//, '') === feed.etag || t.trim() === '*');
  const ims = Date.parse(headers['if-modified-since'] || '');
  return Number.isFinite(ims) && ims >= Date.parse(feed.lastModified);
}

/** Answers a GET or HEAD of the live feed at `now`: 200 with the feed, or 304 to a current copy. */
export function serveLiveFeed(req, res, now = Date.now()) {
  const feed = liveFeed(now);
  res.setHeader('Cache-Control', 'no-cache');
  res.setHeader('ETag', feed.etag);
  res.setHeader('Last-Modified', feed.lastModified);
  if (isCurrent(req.headers, feed)) {
    res.statusCode = 304;
    res.end();
    return;
  }
  const body = Buffer.from(feed.body);
  res.statusCode = 200;
  res.setHeader('Content-Type', 'application/feed+json; charset=utf-8');
  res.setHeader('Content-Length', body.length);
  res.end(req.method === 'HEAD' ? undefined : body);
}
