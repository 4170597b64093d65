//! Native benchmarks of the pure core on 50-, 1 000- and 20 000-item JSON Feeds: what the browser edge does
//! with a fetched body (`parse_feed`, which normalises every item, then `sort_newest_first` over all of them),
//! the cheaper top-N path (`parse_feed`, then `top_newest` for the ten shown), and the sliced parse the edge
//! used for large bodies before (`ChunkedJsonFeed`, 256 items per slice, then the sort), and what the edge does
//! with a large JSON Feed now (`deferred::Dated`: every date scanned, the newest 64 items read).
//!
//! `make bench` (bench/run.mjs) runs this with `cargo bench --bench core` and turns the medians into MB/s
//! and items/s; running it by hand prints divan's own table (with bytes/s and items/s counters).
//!
//! The feeds are the files bench/gen-feed.mjs writes to target/bench-feeds/ (`make bench` runs it first; by
//! hand: `node bench/gen-feed.mjs`), the very bytes the browser benchmark serves. Divan does not build for
//! wasm32, and `cargo clippy --all-targets --target wasm32-unknown-unknown` compiles this file: it is empty
//! there.

#[cfg(not(target_arch = "wasm32"))]
mod native {
    use divan::counter::{BytesCount, ItemsCount};
    use divan::{black_box, Bencher};
    use news_widget::core::bytes_json::ByteJson;
    use news_widget::core::chunked::ChunkedJsonFeed;
    use news_widget::core::deferred::Dated;
    use news_widget::core::parse::parse_feed;
    use news_widget::core::select::{sort_newest_first, top_newest};
    use std::path::{Path, PathBuf};

    const FEED_URL: &str = "https://tin.example.vn/feeds/latest.json";
    const SIZES: [usize; 3] = [50, 1_000, 20_000];

    /// Where bench/gen-feed.mjs writes the feeds (`feed-<n>.json`), relative to the package root.
    const FEED_DIR: &str = "target/bench-feeds";

    fn feed_path(n: usize) -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join(FEED_DIR)
            .join(format!("feed-{n}.json"))
    }

    /// The `n`-item feed bench/gen-feed.mjs generated (`main` has checked that every file is there).
    fn feed(n: usize) -> Vec<u8> {
        let path = feed_path(n);
        std::fs::read(&path).unwrap_or_else(|e| {
            eprintln!("{}", missing(&path, &e));
            std::process::exit(2)
        })
    }

    fn missing(path: &Path, e: &std::io::Error) -> String {
        format!(
            "bench/core.rs: cannot read the benchmark feed {} ({e}).\n\
             Generate the feeds first: `node bench/gen-feed.mjs` (`make bench` does it).",
            path.display()
        )
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

    /// What the edge does with a large body now: scan every item's date, read only the newest 64 (the
    /// rest stays unread until a block looks past them).
    #[divan::bench(args = SIZES)]
    fn scan_dates_read_newest(bencher: Bencher, n: usize) {
        let body = feed(n);
        bencher
            .counter(BytesCount::of_slice(&body))
            .counter(ItemsCount::new(n))
            .bench(|| {
                let mut d = Dated::<ByteJson>::new(black_box(&body), Some(FEED_URL))?;
                while !d.step(&body, 1024).ok()? {}
                Some(d.finish(body.clone(), FEED_URL, None, str::to_owned))
            });
    }

    pub fn main() {
        // Fail before divan starts, with one message, when the generator has not run.
        for n in SIZES {
            let path = feed_path(n);
            if let Err(e) = std::fs::metadata(&path) {
                eprintln!("{}", missing(&path, &e));
                std::process::exit(2);
            }
        }
        divan::main();
    }
}

fn main() {
    #[cfg(not(target_arch = "wasm32"))]
    native::main();
}
