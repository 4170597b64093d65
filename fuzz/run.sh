#!/usr/bin/env bash
# Runs each cargo-fuzz target for FUZZ_SECONDS (default 60), one after the other, at the lowest CPU
# priority, seeded with the real feeds (tests/fixtures/real/), the project's other fixtures and fuzz/seeds/.
# Prints the executions per target and the crash files found; exits non-zero when any target crashed.
#
#   fuzz/run.sh                       every target, 60 s each (what `make fuzz` runs)
#   FUZZ_SECONDS=600 fuzz/run.sh url  one target, 10 minutes
#
# A crash leaves its input under fuzz/artifacts/<target>/: copy it to tests/fixtures/regressions/<target>/
# and it becomes a test in tests/core_regressions.rs (see fuzz/README.md).
set -euo pipefail
cd "$(dirname "$0")"
ROOT=$(cd .. && pwd)
SECONDS_EACH=${FUZZ_SECONDS:-60}
ALL=(feed_detect feed_jsonfeed feed_json_check feed_chunked feed_deferred feed_wordpress feed_xml date url text config snapshot feedback)
TARGETS=("$@")
[ ${#TARGETS[@]} -gt 0 ] || TARGETS=("${ALL[@]}")

export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
if ! command -v cargo-fuzz >/dev/null 2>&1; then
  echo "fuzz: installing cargo-fuzz" >&2
  cargo install cargo-fuzz --locked
fi
if ! rustup run nightly rustc --version >/dev/null 2>&1; then
  echo "fuzz: installing the nightly toolchain (cargo-fuzz builds with -Z flags)" >&2
  rustup toolchain install nightly --profile minimal
fi

# The seed directories that exist (libFuzzer reads each one recursively: tests/fixtures holds real/, hostile/
# and regressions/).
existing() { for d in "$@"; do if [ -d "$d" ]; then printf "%s\n" "$d"; fi; done; }
FEED_SEEDS=$(existing "$ROOT/tests/fixtures" "$ROOT/tests/e2e/site/feeds" \
  "$ROOT/tests/e2e/site/others/feeds" "$ROOT/tests/e2e/site/gallery/feeds" "$ROOT/fuzz/seeds/feeds")

summary=()
failed=0
for t in "${TARGETS[@]}"; do
  case "$t" in
    feed_*) seeds=$FEED_SEEDS; opts=(-max_len=32768 -dict=dict/feed.dict) ;;
    text) seeds=$(existing "$ROOT/fuzz/seeds/text" "$ROOT/tests/fixtures/real"); opts=(-max_len=8192) ;;
    url) seeds=$(existing "$ROOT/fuzz/seeds/url"); opts=(-max_len=1024 -dict=dict/url.dict) ;;
    config) seeds=$(existing "$ROOT/fuzz/seeds/config"); opts=(-max_len=2048 -dict=dict/config.dict) ;;
    date) seeds=$(existing "$ROOT/fuzz/seeds/date"); opts=(-max_len=256) ;;
    snapshot) seeds=$(existing "$ROOT/fuzz/seeds/snapshot"); opts=(-max_len=16384) ;;
    feedback) seeds=$(existing "$ROOT/fuzz/seeds/feedback"); opts=(-max_len=16384) ;;
    *) echo "fuzz: unknown target $t (known: ${ALL[*]})" >&2; exit 2 ;;
  esac
  mkdir -p "corpus/$t" "artifacts/$t" logs
  log="logs/$t.log"
  echo "fuzz: $t for ${SECONDS_EACH}s (log: fuzz/$log)" >&2
  # shellcheck disable=SC2086
  # No sanitizer: the crate is safe Rust hunting panics and broken rules (debug assertions stay on, so
  # overflows panic); ASAN would only halve the executions.
  if nice -n 19 cargo +nightly fuzz run --sanitizer none "$t" "corpus/$t" $seeds -- \
      -max_total_time="$SECONDS_EACH" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
      "${opts[@]}" >"$log" 2>&1; then
    status=ok
  else
    status=CRASH
    failed=1
  fi
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  summary+=("$(printf '%-16s %-6s %12s executions in %ss' "$t" "$status" "${runs:-?}" "$SECONDS_EACH")")
  if [ "$status" != ok ]; then
    grep -E '^(==[0-9]+==|thread .* panicked|SUMMARY|Test unit written|artifact_prefix)' "$log" | head -20 >&2 || true
  fi
done
printf '%s\n' "${summary[@]}"
exit "$failed"
