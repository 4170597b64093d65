//! Fuzz target `feed_deferred`: the body is `targets::run("feed_deferred", …)` in fuzz/targets.rs (shared with the
//! regression tests in tests/core_regressions.rs).
#![no_main]

#[path = "../targets.rs"]
mod targets;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    targets::run("feed_deferred", data);
});
