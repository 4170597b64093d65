//! `make bench`: what 100 readers of a refreshing block cost the feed's origin. Each reader opens the page
//! in the same second, loads the feed (a `200` into the browser's HTTP cache), then refreshes on the core's
//! own schedule ([`next_delay_ms`], jitter drawn from a seeded generator, so every run prints the same
//! figures). A refresh revalidates the browser's copy: the origin answers `304` while its feed is the one
//! the reader has, `200` after it changed. Printed as Markdown rows for bench/run.mjs.
//!
//! `cargo bench --bench readers` (no timing: it counts requests on a simulated clock).

use news_widget::core::live::next_delay_ms;

/// splitmix64: a tiny, seeded source of `[0, 1)` numbers (the browser's `Math.random()` in the widget).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> f64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^= z >> 31;
        (z >> 11) as f64 / (1u64 << 53) as f64
    }
}

#[derive(Clone, Copy)]
struct Scenario {
    readers: u32,
    refresh_secs: u32,
    minutes: u64,
    /// The feed gains a story this often (ms), the first one this long after the readers arrive.
    change_every_ms: u64,
    first_change_ms: u64,
    jitter: bool,
}

#[derive(Default)]
struct Counts {
    requests: u64,
    full: u64,
    not_modified: u64,
    /// The most refreshes that reached the origin within one second (the page loads themselves all come
    /// in the first second).
    busiest_second: u64,
}

fn simulate(s: &Scenario, seed: u64) -> Counts {
    let mut rng = Rng(seed);
    let end = s.minutes * 60_000;
    // The feed's version at `t`: how many changes happened by then.
    let version = |t: u64| {
        if t < s.first_change_ms {
            0
        } else {
            1 + (t - s.first_change_ms) / s.change_every_ms
        }
    };
    let mut per_second = vec![0u64; (end / 1000 + 1) as usize];
    let mut c = Counts::default();
    for _ in 0..s.readers {
        // Everyone opened the page within the same second.
        let mut t = (rng.next() * 1000.0) as u64;
        let mut cached: Option<u64> = None;
        while t < end {
            let v = version(t);
            c.requests += 1;
            if cached.is_some() {
                per_second[(t / 1000) as usize] += 1;
            }
            if cached == Some(v) {
                c.not_modified += 1;
            } else {
                c.full += 1;
                cached = Some(v);
            }
            let r = if s.jitter { rng.next() } else { 0.5 };
            t += u64::from(next_delay_ms(s.refresh_secs, r));
        }
    }
    c.busiest_second = per_second.into_iter().max().unwrap_or(0);
    c
}

fn main() {
    let base = Scenario {
        readers: 100,
        refresh_secs: 60,
        minutes: 10,
        change_every_ms: 180_000,
        first_change_ms: 100_000,
        jitter: true,
    };
    let steady = Scenario {
        change_every_ms: u64::MAX / 2,
        first_change_ms: u64::MAX / 2,
        ..base
    };
    let busy = Scenario {
        change_every_ms: 30_000,
        first_change_ms: 15_000,
        ..base
    };
    println!("| feed | readers | refresh | minutes | requests | 200 | 304 | refreshes in the busiest second | without jitter |");
    println!("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
    for (name, s) in [
        ("a story every 3 minutes", &base),
        ("unchanged", &steady),
        ("a story every 30 seconds", &busy),
    ] {
        let with = simulate(s, 0x6e65_7773);
        let without = simulate(&Scenario { jitter: false, ..*s }, 0x6e65_7773);
        println!(
            "| {name} | {} | {} s | {} | {} | {} | {} | {} | {} |",
            s.readers,
            s.refresh_secs,
            s.minutes,
            with.requests,
            with.full,
            with.not_modified,
            with.busiest_second,
            without.busiest_second,
        );
    }
}
