//! Native benchmarks of the pure core on 50-, 1 000- and 20 000-item JSON Feeds: what the browser edge does
//! with a fetched body (`parse_feed`, which normalises every item, then `sort_newest_first` over all of them),
//! the cheaper top-N path (`parse_feed`, then `top_newest` for the ten shown), and the sliced parse the edge
//! uses for large bodies (`ChunkedJsonFeed`, 256 items per slice, then the sort).
//!
//! `make bench` (scripts/bench.mjs) runs this with `cargo bench --bench core` and turns the medians into MB/s
//! and items/s; running it by hand prints divan's own table (with bytes/s and items/s counters).
//!
//! The feeds are generated here, deterministically, in the same shape as bench/gen-feed.mjs (which feeds the
//! browser benchmark): `cargo bench` must not need Node. Divan does not build for wasm32, and
//! `cargo clippy --all-targets --target wasm32-unknown-unknown` compiles this file: it is empty there.

#[cfg(not(target_arch = "wasm32"))]
mod native {
    use divan::counter::{BytesCount, ItemsCount};
    use divan::{black_box, Bencher};
    use news_widget::core::chunked::ChunkedJsonFeed;
    use news_widget::core::parse::parse_feed;
    use news_widget::core::select::{sort_newest_first, top_newest};

    const FEED_URL: &str = "https://tin.example.vn/feeds/latest.json";
    const SIZES: [usize; 3] = [50, 1_000, 20_000];

    const SUBJECTS: [&str; 6] = [
        "Hà Nội",
        "TP HCM",
        "Đà Nẵng",
        "Chính phủ",
        "Ngân hàng Nhà nước",
        "Bộ Giáo dục",
    ];
    const VERBS: [&str; 5] = ["công bố", "khởi công", "điều chỉnh", "tạm dừng", "đẩy mạnh"];
    const OBJECTS: [&str; 5] = [
        "dự án đường sắt đô thị",
        "giá điện bậc thang",
        "chương trình học mới",
        "gói tín dụng 120.000 tỷ đồng",
        "quy hoạch ven sông Hồng",
    ];
    const TAGS: [&str; 5] = ["Thời sự", "Kinh doanh", "Thể thao", "Giáo dục", "Đời sống"];
    const AUTHORS: [&str; 3] = ["Minh Anh", "Thu Trang", "Quốc Huy"];

    /// A small deterministic PRNG (64-bit LCG): the same feed on every run and machine.
    struct Lcg(u64);

    impl Lcg {
        fn next(&mut self) -> u64 {
            self.0 = self
                .0
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            self.0 >> 33
        }

        fn pick<'a>(&mut self, list: &[&'a str]) -> &'a str {
            let i = (self.next() % list.len() as u64) as usize;
            list.get(i).copied().unwrap_or_default()
        }
    }

    /// A JSON Feed 1.1 body with `n` items in shuffled date order, about 500 bytes per item.
    pub fn feed(n: usize) -> Vec<u8> {
        let mut r = Lcg(0x5eed ^ n as u64);
        let base: i64 = 1_793_491_200; // 2026-11-01T00:00:00Z
        let mut out = String::with_capacity(n * 560 + 256);
        out.push_str(
            r#"{"version":"https://jsonfeed.org/version/1.1","title":"Tin mới nhất","home_page_url":"https://tin.example.vn/","language":"vi","items":["#,
        );
        for i in 0..n {
            let id = 4_000_000 + i;
            if i > 0 {
                out.push(',');
            }
            let local = base - (r.next() % (30 * 86_400)) as i64 + 7 * 3600;
            let (y, mo, d) = news_widget::core::date::civil_from_days(local.div_euclid(86_400));
            let secs = local.rem_euclid(86_400);
            let date = format!(
                "{y}-{mo:02}-{d:02}T{:02}:{:02}:{:02}+07:00",
                secs / 3600,
                secs / 60 % 60,
                secs % 60
            );
            let date = if i % 100 == 42 {
                String::new()
            } else {
                format!(r#","date_published":"{date}""#)
            };
            out.push_str(&format!(
                concat!(
                    r#"{{"id":"{id}","url":"https://tin.example.vn/thoi-su/bai-viet-{id}.html","#,
                    r#""title":"{s} {v} {o} &amp; những điều cần biết ({id})","#,
                    r#""summary":"{s2} vừa {v2} {o2}, dự kiến xong trong quý tới; người dân kỳ vọng hưởng lợi từ {o3}.","#,
                    r#""image":"img/thumb-{img}.svg"{date},"authors":[{{"name":"{a}"}}],"tags":["{t1}","{t2}"]}}"#
                ),
                id = id,
                s = r.pick(&SUBJECTS),
                v = r.pick(&VERBS),
                o = r.pick(&OBJECTS),
                s2 = r.pick(&SUBJECTS),
                v2 = r.pick(&VERBS),
                o2 = r.pick(&OBJECTS),
                o3 = r.pick(&OBJECTS),
                img = i % 8,
                date = date,
                a = r.pick(&AUTHORS),
                t1 = r.pick(&TAGS),
                t2 = r.pick(&TAGS),
            ));
        }
        out.push_str("]}");
        out.into_bytes()
    }

    /// What the fetch layer does with a body: parse and normalise every item, then sort them all.
    #[divan::bench(args = SIZES)]
    fn parse_sort(bencher: Bencher, n: usize) {
        let body = feed(n);
        bencher
            .counter(BytesCount::of_slice(&body))
            .counter(ItemsCount::new(n))
            .bench(|| {
                let mut feed = parse_feed(black_box(&body), Some(FEED_URL), None).ok();
                if let Some(f) = feed.as_mut() {
                    sort_newest_first(&mut f.items);
                }
                feed
            });
    }

    /// Parse and normalise every item, then pick only the ten newest (partial selection, no full sort).
    #[divan::bench(args = SIZES)]
    fn parse_top10(bencher: Bencher, n: usize) {
        let body = feed(n);
        bencher
            .counter(BytesCount::of_slice(&body))
            .counter(ItemsCount::new(n))
            .bench(|| {
                let feed = parse_feed(black_box(&body), Some(FEED_URL), None).ok();
                let top = feed.as_ref().map(|f| top_newest(&f.items, 10));
                (feed, top)
            });
    }

    /// As `parse_sort`, but parsed 256 items at a time as the browser edge does with large bodies (it yields
    /// to the page between slices): the cost of slicing.
    #[divan::bench(args = SIZES)]
    fn parse_sliced_sort(bencher: Bencher, n: usize) {
        let body = feed(n);
        bencher
            .counter(BytesCount::of_slice(&body))
            .counter(ItemsCount::new(n))
            .bench(|| {
                let mut c = ChunkedJsonFeed::new(black_box(&body), Some(FEED_URL))?;
                while !c.step(256).ok()? {}
                let mut feed = c.finish();
                sort_newest_first(&mut feed.items);
                Some(feed)
            });
    }

    pub fn main() {
        // `cargo bench -- --print-feed N` writes the feed this file benchmarks (to compare with gen-feed.mjs).
        let args: Vec<String> = std::env::args().collect();
        if let Some(n) = args
            .iter()
            .position(|a| a == "--print-feed")
            .and_then(|i| args.get(i + 1))
        {
            let n = n.parse().unwrap_or(50);
            println!("{}", String::from_utf8_lossy(&feed(n)));
            return;
        }
        divan::main();
    }
}

fn main() {
    #[cfg(not(target_arch = "wasm32"))]
    native::main();
}
