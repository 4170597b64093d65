# news-widget: build, serve and test. Every target installs what it needs first (scripts/tools.sh, quiet and
# about a second when everything is present). Why each tool and version: docs/toolchain.md.
#
#   make build   release build into dist/ (news-widget.js, news-widget-core.js, news-widget-core_bg.wasm)
#   make serve   build, then serve the demo portal at http://127.0.0.1:8080 (dist/ at /news-widget/)
#   make test    fmt check, clippy, native tests, wasm browser tests, build, dist checks, end-to-end tests
#   make size    raw / gzip / brotli sizes of dist/
#   make bench   size budget, native core benchmarks, WASM vs plain-JS widget in Chromium (all in bench/)
#   make fuzz    every cargo-fuzz target of the core for FUZZ_SECONDS each (default 60; not part of make test)

SHELL := bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := build

# npm's binaryen (wasm-opt 132) must win over any other wasm-opt on PATH; cargo-installed tools next.
export PATH := $(CURDIR)/node_modules/.bin:$(or $(CARGO_HOME),$(HOME)/.cargo)/bin:$(PATH)
# Trunk's update check needs GitHub; it fails quietly here, so skip it.
export TRUNK_SKIP_VERSION_CHECK := true
export CARGO_TERM_COLOR ?= never

WASM := wasm32-unknown-unknown
HOST ?= 127.0.0.1
PORT ?= 8080
DIST_FILES := dist/news-widget.js dist/news-widget-core.js dist/news-widget-core_bg.wasm
# Browser tests are the tests/web_*.rs files (plus unit tests inside the lib), and the JSON test files that
# run on both targets (tests/json_support/mod.rs): natively over serde_json, in the browser over JSON.parse.
# The other tests/core_*.rs files are native-only and would only cost compile time under wasm32.
DUAL_TESTS := core_jsonfeed core_wordpress core_real_feeds core_chunked
WEB_TESTS := $(patsubst tests/%.rs,--test %,$(wildcard tests/web_*.rs)) $(patsubst %,--test %,$(DUAL_TESTS))
E2E_TESTS := $(sort $(wildcard tests/e2e/*.test.mjs))

.PHONY: tools build serve test fmt-check lint test-native test-wasm check-dist e2e size bench fuzz

tools:
	@scripts/tools.sh

# Size levers for the release WASM (measured in bench/PERFORMANCE.md, about -25 KB brotli): nightly cargo
# rebuilds std for size (-Zbuild-std, optimize_for_size), panics trap without message or location code, and
# Debug formatting compiles to nothing. Only the Trunk build gets these variables: tests and clippy stay on
# stable. Without nightly + rust-src (scripts/tools.sh installs them), with NIGHTLY=0, or when the nightly
# build fails (a newer nightly renaming a flag), stable builds it.
NIGHTLY ?= $(shell rustup run nightly rustc --version >/dev/null 2>&1 && test -f "$$(rustup run nightly rustc --print sysroot)/lib/rustlib/src/rust/library/Cargo.toml" && echo 1 || echo 0)
NIGHTLY_ENV := RUSTUP_TOOLCHAIN=nightly CARGO_UNSTABLE_BUILD_STD=std,panic_abort \
  CARGO_UNSTABLE_BUILD_STD_FEATURES=optimize_for_size \
  CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS='-Zunstable-options -Cpanic=immediate-abort -Zlocation-detail=none -Zfmt-debug=none'

# One build at a time in this tree: concurrent trunk runs share dist/.stage and clobber each other.
build: tools
	@mkdir -p target
	@if [ "$(NIGHTLY)" = 1 ]; then \
	  echo "build: trunk build --release with nightly build-std (size levers)"; \
	  flock target/.news-widget-build.lock env $(NIGHTLY_ENV) trunk build index.html --release || { \
	    echo "build: the nightly build failed (see above); building with stable instead" >&2; \
	    flock target/.news-widget-build.lock trunk build index.html --release; }; \
	else \
	  echo "build: no nightly toolchain with rust-src: building with stable (a larger bundle)" >&2; \
	  flock target/.news-widget-build.lock trunk build index.html --release; \
	fi
	@for f in $(DIST_FILES); do test -s "$$f" || { echo "build: $$f is missing" >&2; exit 1; }; done

serve: build
	node scripts/serve.mjs --host $(HOST) --port $(PORT) --mount /=demo --mount /news-widget/=dist

test: tools
	@$(MAKE) --no-print-directory fmt-check lint test-native test-wasm build check-dist e2e

fmt-check:
	cargo fmt --all --check

lint:
	cargo clippy --all-targets --locked -- -D warnings
	cargo clippy --all-targets --locked --target $(WASM) -- -D warnings

test-native:
	cargo test --locked

# Runner and Chromium flags: .cargo/config.toml and webdriver.json. Naming the targets skips doctests.
test-wasm:
	CHROMEDRIVER=$$(command -v chromedriver) WASM_BINDGEN_USE_BROWSER=1 \
	  cargo test --locked --target $(WASM) --lib $(WEB_TESTS)

check-dist:
	@for f in $(DIST_FILES); do test -s "$$f" || { echo "check-dist: $$f is missing" >&2; exit 1; }; done
	@# The glue imports an innerHTML setter only when some Rust path can set it: under Trusted Types that
	@# path throws and the block renders nothing (Leptos InertElement templates).
	@if grep -l innerHTML dist/*.js; then echo "check-dist: innerHTML in the JS above (Trusted Types pages break)" >&2; exit 1; fi
	@echo "check-dist: ok (no innerHTML in dist/*.js)"

# The files are listed (not `node --test tests/e2e/`) because directory arguments mean different things
# to Node 20 and Node 22; the harness needs dist/ (make build) and /usr/bin/chromium.
e2e:
	node --test --test-reporter=spec $(E2E_TESTS)

size: build
	@printf '%-32s %9s %9s %9s\n' file raw gzip brotli
	@for f in $(DIST_FILES); do \
	  printf '%-32s %9d %9d %9d\n' "$$f" $$(wc -c <"$$f") $$(gzip -9c "$$f" | wc -c) $$(brotli -c -q 11 "$$f" | wc -c); \
	done

# One run prints the three tables of the README's "Performance" section (also in bench/out/results.md) and
# fails when dist/ is over bench/budget.json. bench/gen-feed.mjs first writes the seeded feeds (50, 1 000 and
# 20 000 items, the same bytes every run) to target/bench-feeds/: the native benchmark (bench/core.rs) and the
# browser driver (bench/run.mjs) both read them. BENCH_RUNS=3 for a quicker look.
bench: build
	node bench/gen-feed.mjs
	node bench/run.mjs

# Fuzzing (fuzz/README.md): each target in turn at the lowest CPU priority, seeded with the real feeds in
# tests/fixtures/real/ and the project's other fixtures; prints executions per target, fails on a crash.
# FUZZ_SECONDS=600 make fuzz for the 10-minute runs; FUZZ_TARGETS="url date" for some of them.
FUZZ_SECONDS ?= 60
FUZZ_TARGETS ?=
fuzz:
	FUZZ_SECONDS=$(FUZZ_SECONDS) fuzz/run.sh $(FUZZ_TARGETS)
