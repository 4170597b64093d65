# news-widget: build, serve and test. Every target installs what it needs first (scripts/tools.sh, quiet and
# about a second when everything is present). See /work/shared/TOOLCHAIN.md for why each version is pinned.
#
#   make build   release build into dist/ (news-widget.js, news-widget-core.js, news-widget-core_bg.wasm)
#   make serve   build, then serve the demo portal at http://127.0.0.1:8080 (dist/ at /news-widget/)
#   make test    fmt check, clippy, native tests, wasm browser tests, build, dist checks, end-to-end tests
#   make size    raw / gzip / brotli sizes of dist/

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
# Browser tests are the tests/web_*.rs files (plus unit tests inside the lib): the tests/core_*.rs files
# are native-only and would only cost compile time under wasm32.
WEB_TESTS := $(patsubst tests/%.rs,--test %,$(wildcard tests/web_*.rs))
E2E_TESTS := $(sort $(wildcard tests/e2e/*.test.mjs))

.PHONY: tools build serve test fmt-check lint test-native test-wasm check-dist e2e size

tools:
	@scripts/tools.sh

# One build at a time in this tree: concurrent trunk runs share dist/.stage and clobber each other.
build: tools
	@mkdir -p target
	flock target/.news-widget-build.lock trunk build index.html --release
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
