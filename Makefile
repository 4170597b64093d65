# news-widget: build, serve and test. Every target installs what it needs first (scripts/tools.sh, quiet and
# about a second when everything is present). Why each tool and version: docs/toolchain.md.
#
#   make build   release build into dist/ (news-widget.js, news-widget-core.js, news-widget-core_bg.wasm)
#   make serve   build, then serve the demo portal at http://127.0.0.1:8080 (dist/ at /news-widget/), with
#                news-widget-relay (relay/relay.toml) beside it at http://127.0.0.1:8081
#   make test    fmt check, clippy, native tests (the relay's too), wasm browser tests, build, dist checks, end-to-end tests
#   make relay   debug build of news-widget-relay (target/debug/news-widget-relay)
#   make size    raw / gzip / brotli sizes of dist/
#   make pack    build, then the npm package (pkg/package.json + dist/) as target/news-widget-<version>.tgz
#   make bench   size budgets, native core benchmarks, WASM vs plain-JS widget in Chromium, the requests and
#                304s of 100 refreshing readers (all in bench/), then make bench-relay
#   make bench-relay  the relay against nginx serving the same bytes (wrk), 304 share, upstream fetches/hour
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
# The relay `make serve` starts beside the demo (its demo upstreams are the feeds on PORT 8080).
RELAY_PORT ?= 8081
RELAY_CONFIG ?= relay/relay.toml
DIST_FILES := dist/news-widget.js dist/news-widget-core.js dist/news-widget-core_bg.wasm \
  dist/news-widget-latest.js dist/news-widget-latest_bg.wasm
# Browser tests are the tests/web_*.rs files (plus unit tests inside the lib), and the JSON test files that
# run on both targets (tests/json_support/mod.rs): natively over serde_json, in the browser over JSON.parse.
# The other tests/core_*.rs files are native-only and would only cost compile time under wasm32.
DUAL_TESTS := core_jsonfeed core_wordpress core_real_feeds core_chunked core_deferred core_links core_feedback_ui
WEB_TESTS := $(patsubst tests/%.rs,--test %,$(wildcard tests/web_*.rs)) $(patsubst %,--test %,$(DUAL_TESTS))
E2E_TESTS := $(sort $(wildcard tests/e2e/*.test.mjs))

.PHONY: tools build serve relay test fmt-check lint test-native test-wasm check-dist test-pack e2e size pack bench bench-relay fuzz

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
# Two modules, one Trunk manifest each (Trunk builds one main module per manifest): the full one into dist/,
# then the lean one (no default features: "Mới nhất" + JSON Feed) into target/dist-latest/, whose two files
# join dist/. The loader picks the lean module when every block on the page can use it.
build: tools
	@mkdir -p target
	@build_one() { \
	  if [ "$(NIGHTLY)" = 1 ]; then \
	    echo "build: trunk build $$1 --release with nightly build-std (size levers)"; \
	    flock target/.news-widget-build.lock env $(NIGHTLY_ENV) trunk build "$$1" --release --dist "$$2" || { \
	      echo "build: the nightly build failed (see above); building with stable instead" >&2; \
	      flock target/.news-widget-build.lock trunk build "$$1" --release --dist "$$2"; }; \
	  else \
	    echo "build: no nightly toolchain with rust-src: building $$1 with stable (a larger bundle)" >&2; \
	    flock target/.news-widget-build.lock trunk build "$$1" --release --dist "$$2"; \
	  fi; \
	}; \
	build_one index.html dist && build_one index-latest.html target/dist-latest && \
	cp target/dist-latest/news-widget-latest.js target/dist-latest/news-widget-latest_bg.wasm dist/ && \
	node scripts/seal.mjs dist
	@for f in $(DIST_FILES); do test -s "$$f" || { echo "build: $$f is missing" >&2; exit 1; }; done

# The relay runs in the background for as long as the static server does, and is stopped with it (Ctrl-C).
# NEWS_WIDGET_RELAY_ADMIN_TOKEN=… make serve enables its moderation page at /admin/.
serve: build relay
	@relay_pid=; trap 'if [ -n "$$relay_pid" ]; then kill "$$relay_pid" 2>/dev/null || true; wait "$$relay_pid" 2>/dev/null || true; fi' EXIT; \
	target/debug/news-widget-relay --config $(RELAY_CONFIG) --listen $(HOST):$(RELAY_PORT) & relay_pid=$$!; \
	node scripts/serve.mjs --host $(HOST) --port $(PORT) --mount /=demo --mount /news-widget/=dist \
	  --mount /upstream/=tests/fixtures/real --no-cors /upstream/ --live /feeds/live.json

relay: tools
	cargo build --locked -p news-widget-relay

test: tools
	@$(MAKE) --no-print-directory fmt-check lint test-native test-wasm build relay check-dist test-pack e2e

fmt-check:
	cargo fmt --all --check

# The relay (a workspace member) is native-only: the wasm32 commands name the root package.
lint:
	cargo clippy --workspace --all-targets --locked -- -D warnings
	cargo clippy -p news-widget --all-targets --locked --target $(WASM) -- -D warnings
	@# The lean module's feature set (no default features) compiles other code paths.
	cargo clippy -p news-widget --lib --locked --target $(WASM) --no-default-features -- -D warnings

# Includes the relay's tests; its PostgreSQL store test needs Debian's postgresql (scripts/tools.sh) and
# fails without it unless NEWS_WIDGET_SKIP_POSTGRES=1.
test-native:
	cargo test --workspace --locked

# Runner and Chromium flags: .cargo/config.toml and webdriver.json. Naming the targets skips doctests.
test-wasm:
	CHROMEDRIVER=$$(command -v chromedriver) WASM_BINDGEN_USE_BROWSER=1 \
	  cargo test -p news-widget --locked --target $(WASM) --lib $(WEB_TESTS)

check-dist:
	@for f in $(DIST_FILES); do test -s "$$f" || { echo "check-dist: $$f is missing" >&2; exit 1; }; done
	@# The glue imports an innerHTML setter only when some Rust path can set it: under Trusted Types that
	@# path throws and the block renders nothing (Leptos InertElement templates).
	@if grep -l innerHTML dist/*.js; then echo "check-dist: innerHTML in the JS above (Trusted Types pages break)" >&2; exit 1; fi
	@echo "check-dist: ok (no innerHTML in dist/*.js)"

# The npm package holds exactly the dist/ files, its manifest, README and LICENSE (npm pack --dry-run).
test-pack:
	node --test --test-reporter=spec tests/pack.test.mjs

# The files are listed (not `node --test tests/e2e/`) because directory arguments mean different things
# to Node 20 and Node 22; the harness needs dist/ (make build) and /usr/bin/chromium.
e2e:
	node --test --test-reporter=spec $(E2E_TESTS)

# The published package's manifest is pkg/package.json; the repository's package.json is the tooling's.
pack: build
	node scripts/pack.mjs

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
	@$(MAKE) --no-print-directory bench-relay

# The relay built for speed (profile `relay` in Cargo.toml), then bench/relay.sh (installs nginx and wrk
# with apt-get when missing). RELAY_BENCH_SECONDS=10 per run by default.
bench-relay: tools
	cargo build --locked --profile relay -p news-widget-relay
	bench/relay.sh

# Fuzzing (fuzz/README.md): each target in turn at the lowest CPU priority, seeded with the real feeds in
# tests/fixtures/real/ and the project's other fixtures; prints executions per target, fails on a crash.
# FUZZ_SECONDS=600 make fuzz for the 10-minute runs; FUZZ_TARGETS="url date" for some of them.
FUZZ_SECONDS ?= 60
FUZZ_TARGETS ?=
fuzz:
	FUZZ_SECONDS=$(FUZZ_SECONDS) fuzz/run.sh $(FUZZ_TARGETS)
