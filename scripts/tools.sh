#!/usr/bin/env bash
# Installs what build, serve and test need, skipping everything already present at the right version
# (a fresh machine needs ~14 minutes, mostly building trunk; a prepared one needs ~1 second and prints nothing).
# Only the package registries are reachable: crates.io, npm, Debian apt. Versions: /work/shared/TOOLCHAIN.md.
#
#   wasm32-unknown-unknown target, rustfmt, clippy   rustup
#   trunk 0.21.14                                    cargo install --locked
#   nightly + rust-src, std's crates (size lever)    rustup, cargo fetch (optional: build falls back to stable)
#   wasm-bindgen-cli = the wasm-bindgen in Cargo.lock cargo install (not --locked: its lockfile wants a crate
#                                                    version the registry lacks)
#   chromium, chromium-driver, brotli                apt-get (update only when something is missing)
#   postgresql (the relay's PostgreSQL store test)   apt-get
#   node_modules (playwright-core, binaryen 132, esbuild, axe-core)   npm ci when missing or the lock changed
set -euo pipefail
cd "$(dirname "$0")/.."

TRUNK_VERSION=0.21.14
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"

say() { printf 'tools: %s\n' "$*" >&2; }
# TOOLS_DRY_RUN=1 prints the installs instead of running them (to check this script on a prepared machine).
run() {
  if [ -n "${TOOLS_DRY_RUN:-}" ]; then say "would run: $*"; else "$@"; fi
}

# Two engineers (or make -j) running this at once must not build the same tool twice.
lock="${TMPDIR:-/tmp}/news-widget-tools.lock"
exec 9>"$lock"
if ! flock -n 9; then
  say "another tools.sh is running; waiting for it"
  flock 9
fi

# A `cargo install` of the same crate started by hand (the lead's background install) is waited for,
# not duplicated; the version is checked again afterwards.
wait_for_cargo_install() {
  while pgrep -f "cargo install $1( |$)" >/dev/null 2>&1; do
    say "waiting for a running 'cargo install $1' to finish"
    sleep 10
  done
}

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
    say "need root for: $*"
    return 1
  fi
}

# --- Rust -------------------------------------------------------------------------------------------
if ! command -v cargo >/dev/null; then
  say "cargo not found: install Rust with rustup first"
  exit 1
fi
if command -v rustup >/dev/null; then
  if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    say "adding the wasm32-unknown-unknown target"
    run rustup target add wasm32-unknown-unknown
  fi
  for comp in rustfmt clippy; do
    if ! rustup component list --installed 2>/dev/null | grep -q "^$comp"; then
      say "adding rustup component $comp"
      run rustup component add "$comp"
    fi
  done
fi

# Size lever (bench/PERFORMANCE.md): `make build` compiles the release WASM with nightly cargo's -Zbuild-std
# (std rebuilt for size, panics without messages), which needs nightly's std sources (rust-src) and, once,
# the crates.io dependencies of those sources (Trunk builds offline). Without them the Makefile falls back to
# stable (a bundle ~25 KB brotli larger), so a failure here only warns. NO_NIGHTLY=1 skips this.
if command -v rustup >/dev/null && [ -z "${NO_NIGHTLY:-}" ]; then
  if ! rustup run nightly rustc --version >/dev/null 2>&1; then
    say "installing the nightly toolchain (minimal, with rust-src) for the size-optimised release build"
    run rustup toolchain install nightly --profile minimal --component rust-src ||
      say "could not install nightly: make build falls back to stable"
  elif ! rustup component list --toolchain nightly --installed 2>/dev/null | grep -q '^rust-src'; then
    say "adding rust-src to the nightly toolchain (std sources for -Zbuild-std)"
    run rustup component add rust-src --toolchain nightly || say "could not add rust-src: make build falls back to stable"
  fi
  std_manifest="$(rustup run nightly rustc --print sysroot 2>/dev/null || true)/lib/rustlib/src/rust/library/Cargo.toml"
  std_stamp=target/.news-widget-std-fetched
  nightly_version=$(rustup run nightly rustc --version 2>/dev/null || true)
  if [ -f "$std_manifest" ] && [ "$(cat "$std_stamp" 2>/dev/null)" != "$nightly_version" ]; then
    say "fetching the crates nightly's std sources depend on (once per nightly version)"
    if run rustup run nightly cargo fetch --quiet --manifest-path "$std_manifest"; then
      mkdir -p target
      [ -n "${TOOLS_DRY_RUN:-}" ] || echo "$nightly_version" >"$std_stamp"
    else
      say "could not fetch std's dependencies: make build falls back to stable"
    fi
  fi
fi

# The CLI must equal the wasm-bindgen crate version the build resolved, or the glue does not match the module.
WBG_VERSION=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/"/, "", $3); print $3; exit }' Cargo.lock 2>/dev/null || true)
if [ -z "$WBG_VERSION" ]; then
  say "no wasm-bindgen in Cargo.lock; generating the lockfile"
  cargo generate-lockfile
  WBG_VERSION=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/"/, "", $3); print $3; exit }' Cargo.lock)
fi

version_of() { "$1" --version 2>/dev/null | awk '{ print $2; exit }' || true; }

if [ "$(version_of trunk)" != "$TRUNK_VERSION" ]; then
  wait_for_cargo_install trunk
  if [ "$(version_of trunk)" != "$TRUNK_VERSION" ]; then
    say "installing trunk $TRUNK_VERSION (about 7 minutes on 2 cores)"
    run cargo install trunk --version "$TRUNK_VERSION" --locked
  fi
fi

if [ "$(version_of wasm-bindgen)" != "$WBG_VERSION" ] || [ "$(version_of wasm-bindgen-test-runner)" != "$WBG_VERSION" ]; then
  wait_for_cargo_install wasm-bindgen-cli
  if [ "$(version_of wasm-bindgen)" != "$WBG_VERSION" ] || [ "$(version_of wasm-bindgen-test-runner)" != "$WBG_VERSION" ]; then
    say "installing wasm-bindgen-cli $WBG_VERSION (about 2 minutes)"
    run cargo install wasm-bindgen-cli --version "$WBG_VERSION" --force
  fi
fi

# --- Debian packages --------------------------------------------------------------------------------
missing=()
command -v chromium >/dev/null || missing+=(chromium)
command -v chromedriver >/dev/null || missing+=(chromium-driver)
command -v brotli >/dev/null || missing+=(brotli)
command -v node >/dev/null || missing+=(nodejs)
command -v npm >/dev/null || missing+=(npm)
# The relay's store tests start a throwaway server from these binaries (not the packaged cluster).
compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null || missing+=(postgresql)
if [ ${#missing[@]} -gt 0 ]; then
  say "installing ${missing[*]} with apt-get"
  run as_root apt-get update -qq
  run as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
# ChromeDriver only drives the Chromium of the same major version (both come from the same Debian source).
cr=$(chromium --version 2>/dev/null | grep -oE '[0-9]+' | head -n1 || true)
cd_=$(chromedriver --version 2>/dev/null | grep -oE '[0-9]+' | head -n1 || true)
if [ "$cr" != "$cd_" ]; then
  say "chromium ($cr) and chromedriver ($cd_) differ; upgrading both"
  run as_root apt-get update -qq
  run as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium chromium-driver
fi

# --- npm --------------------------------------------------------------------------------------------
# The installed tree is stamped with the lockfile's hash: a changed lock (or a missing tree) reinstalls.
stamp=node_modules/.news-widget-lock.sha256
want=$(sha256sum package-lock.json | awk '{ print $1 }')
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ] || [ ! -x node_modules/.bin/wasm-opt ]; then
  say "npm ci (playwright-core, binaryen, esbuild, axe-core)"
  run npm ci --no-audit --no-fund --loglevel=error
  [ -n "${TOOLS_DRY_RUN:-}" ] || echo "$want" >"$stamp"
fi
if [ -z "${TOOLS_DRY_RUN:-}" ] && [ "$(node_modules/.bin/wasm-opt --version 2>/dev/null | awk '{ print $3 }')" != 132 ]; then
  say "node_modules/.bin/wasm-opt is not binaryen 132; check package-lock.json"
  exit 1
fi
