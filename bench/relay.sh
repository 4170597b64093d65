#!/usr/bin/env bash
# make bench-relay: news-widget-relay against nginx serving the same bytes as a static file, on loopback.
#
#   1. requests per second and p50/p99 latency (wrk) for a cached channel, full 200s and 304 revalidations,
#      relay and nginx side by side;
#   2. the share of 304s when clients revalidate with If-None-Match while the upstream changes every
#      refresh (each client keeps the ETag it last got, as a browser or CDN does);
#   3. upstream fetches per hour for that channel during all of it, whatever the readers did.
#
# Everything runs on 127.0.0.1 and stops by itself. Needs the relay built with the `relay` profile
# (make bench-relay does it), nginx and wrk (installed with apt-get when missing), python3 for the upstream.
#   RELAY_BENCH_SECONDS=10   seconds per wrk run      RELAY_BENCH_CONNECTIONS=64   wrk connections
#   RELAY_BENCH_REFRESH=5    the channel's refresh interval (and how often the upstream changes)
set -euo pipefail
cd "$(dirname "$0")/.."

SECS=${RELAY_BENCH_SECONDS:-10}
CONNS=${RELAY_BENCH_CONNECTIONS:-64}
REFRESH=${RELAY_BENCH_REFRESH:-5}
RELAY_BIN=${RELAY_BIN:-target/relay/news-widget-relay}
say() { printf 'bench-relay: %s\n' "$*" >&2; }

need=()
command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || need+=(nginx-light)
command -v wrk >/dev/null || need+=(wrk)
if [ ${#need[@]} -gt 0 ]; then
  say "installing ${need[*]} with apt-get"
  as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}"
fi
NGINX=$(command -v nginx || echo /usr/sbin/nginx)
[ -x "$RELAY_BIN" ] || { say "$RELAY_BIN is missing: run make bench-relay"; exit 1; }

work=$(mktemp -d "${TMPDIR:-/tmp}/news-widget-bench-relay.XXXXXX")
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
  [ -n "${KEEP_WORK:-}" ] && echo "kept $work" >&2 || rm -rf "$work"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
wait_http() { for _ in $(seq 100); do curl -fs -o /dev/null "$1" && return 0; sleep 0.1; done; say "no answer from $1"; return 1; }

# --- upstream: a static server whose requests are logged (one line each) -------------------------------
mkdir -p "$work/up/feeds" "$work/www" "$work/state" "$work/nginx"
cp demo/feeds/latest.json "$work/up/feeds/latest.json"
# nginx workers run as another user when started by root: they must be able to read the file.
chmod 755 "$work" "$work/www"
UP_PORT=$(free_port)
python3 -m http.server "$UP_PORT" --bind 127.0.0.1 --directory "$work/up" 2>"$work/upstream.log" >/dev/null &
pids+=($!)
wait_http "http://127.0.0.1:$UP_PORT/feeds/latest.json"
: >"$work/upstream.log"

# --- relay ---------------------------------------------------------------------------------------------
RELAY_PORT=$(free_port)
cat >"$work/relay.toml" <<EOF
listen = "127.0.0.1:$RELAY_PORT"
state_dir = "state"
[feedback]
rate_limit_burst = 5
[[channel]]
name = "latest"
title = "Báo Thái Nguyên điện tử - Tin mới nhất"
upstreams = ["http://127.0.0.1:$UP_PORT/feeds/latest.json"]
refresh_seconds = $REFRESH
size = 50
allow_private = true
EOF
start_ns=$(date +%s%N)
"$RELAY_BIN" --config "$work/relay.toml" >"$work/relay.out" 2>"$work/relay.err" &
pids+=($!)
FEED="http://127.0.0.1:$RELAY_PORT/feeds/latest.json"
for _ in $(seq 100); do [ "$(curl -s -o /dev/null -w '%{http_code}' "$FEED")" = 200 ] && break; sleep 0.1; done
curl -fsS -o "$work/www/latest.json" -D "$work/relay.headers" "$FEED"
chmod 644 "$work/www/latest.json"
ETAG=$(awk 'tolower($1) == "etag:" { sub(/\r$/, "", $2); print $2 }' "$work/relay.headers")

# --- nginx: the same bytes as a static file ------------------------------------------------------------
NGINX_PORT=$(free_port)
cat >"$work/nginx/nginx.conf" <<EOF
worker_processes auto;
daemon off;
pid $work/nginx/nginx.pid;
error_log $work/nginx/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  types { application/feed+json json; }
  client_body_temp_path $work/nginx/body;
  proxy_temp_path $work/nginx/proxy;
  fastcgi_temp_path $work/nginx/fastcgi;
  uwsgi_temp_path $work/nginx/uwsgi;
  scgi_temp_path $work/nginx/scgi;
  server {
    listen 127.0.0.1:$NGINX_PORT;
    root $work/www;
    add_header Access-Control-Allow-Origin *;
    add_header Cache-Control "public, max-age=$REFRESH";
  }
}
EOF
"$NGINX" -p "$work/nginx" -c "$work/nginx/nginx.conf" -e "$work/nginx/error.log" &
pids+=($!)
STATIC="http://127.0.0.1:$NGINX_PORT/latest.json"
wait_http "$STATIC"
NGINX_ETAG=$(curl -fsSI "$STATIC" | awk 'tolower($1) == "etag:" { sub(/\r$/, "", $2); print $2 }')
cmp -s "$work/www/latest.json" <(curl -fsS "$STATIC") || { say "nginx does not serve the relay's bytes"; exit 1; }
BYTES=$(wc -c <"$work/www/latest.json")

# --- 1. throughput and latency ------------------------------------------------------------------------
# wrk prints "Requests/sec: N" and, with --latency, "50% 1.23ms" ... "99% 4.56ms".
run_wrk() { # label url [header]
  local out
  if [ -n "${3:-}" ]; then
    out=$(wrk -t2 -c"$CONNS" -d"${SECS}s" --latency -H "$3" "$2")
  else
    out=$(wrk -t2 -c"$CONNS" -d"${SECS}s" --latency "$2")
  fi
  local rps p50 p99 errs
  rps=$(awk '/^Requests\/sec:/ { printf "%.0f", $2 }' <<<"$out")
  p50=$(awk '$1 == "50%" { print $2 }' <<<"$out")
  p99=$(awk '$1 == "99%" { print $2 }' <<<"$out")
  errs=$(awk '/Non-2xx or 3xx/ { print $5 } /Socket errors/ { print "socket errors" }' <<<"$out" | paste -sd' ')
  printf '| %s | %s | %s | %s | %s |\n' "$1" "$rps" "$p50" "$p99" "${errs:-0}"
}

say "wrk: $CONNS connections, ${SECS}s per run, $BYTES bytes per response"
table1=$(
  printf '| server, request | requests/s | p50 | p99 | errors |\n| --- | ---: | ---: | ---: | ---: |\n'
  run_wrk "relay, GET (200, $BYTES bytes)" "$FEED"
  run_wrk "nginx static file, GET (200, $BYTES bytes)" "$STATIC"
  run_wrk "relay, If-None-Match (304)" "$FEED" "If-None-Match: $ETAG"
  run_wrk "nginx static file, If-None-Match (304)" "$STATIC" "If-None-Match: $NGINX_ETAG"
)

# --- 2. revalidating clients while the upstream changes every refresh ---------------------------------
cat >"$work/revalidate.lua" <<'EOF'
-- Each connection keeps the last ETag it was given and sends it back, like a browser cache or a CDN.
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args) etag = nil; n200 = 0; n304 = 0; other = 0 end
function request()
  if etag then return wrk.format("GET", nil, { ["If-None-Match"] = etag }) end
  return wrk.format("GET")
end
function response(status, headers, body)
  if status == 200 then n200 = n200 + 1; etag = headers["etag"] or headers["ETag"]
  elseif status == 304 then n304 = n304 + 1
  else other = other + 1 end
end
function done(summary, latency, requests)
  local a, b, c = 0, 0, 0
  for _, t in ipairs(threads) do a = a + t:get("n200"); b = b + t:get("n304"); c = c + t:get("other") end
  io.write(string.format("REVALIDATE %d %d %d\n", a, b, c))
end
EOF
# The upstream feed changes every REFRESH seconds during this run (a new title each time).
(
  end=$(($(date +%s) + 2 * SECS))
  i=0
  while [ "$(date +%s)" -lt "$end" ]; do
    i=$((i + 1))
    python3 - "$work/up/feeds/latest.json" "$i" <<'EOF'
import json, sys
path, i = sys.argv[1], sys.argv[2]
feed = json.load(open(path, encoding="utf-8"))
feed["items"][0]["title"] = f"Tin cập nhật lần {i}"
json.dump(feed, open(path, "w", encoding="utf-8"), ensure_ascii=False)
EOF
    sleep "$REFRESH"
  done
) &
changer=$!
pids+=($changer)
reval=$(wrk -t2 -c"$CONNS" -d"$((2 * SECS))s" -s "$work/revalidate.lua" "$FEED" | awk '/^REVALIDATE/ { print $2, $3, $4 }')
wait "$changer" 2>/dev/null || true
read -r n200 n304 nother <<<"$reval"
total=$((n200 + n304 + nother))
share=$(awk -v a="$n304" -v t="$total" 'BEGIN { printf "%.3f", t ? 100 * a / t : 0 }')

# --- 3. upstream fetches --------------------------------------------------------------------------------
end_ns=$(date +%s%N)
elapsed=$(awk -v a="$start_ns" -v b="$end_ns" 'BEGIN { printf "%.1f", (b - a) / 1e9 }')
fetches=$(grep -c 'GET /feeds/latest.json' "$work/upstream.log" || true)
per_hour=$(awk -v f="$fetches" -v e="$elapsed" 'BEGIN { printf "%.0f", f * 3600 / e }')
expected=$(awk -v r="$REFRESH" 'BEGIN { printf "%.0f", 3600 / r }')
health=$(curl -fsS "http://127.0.0.1:$RELAY_PORT/healthz")
not_modified=$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["channels"]["latest"]["upstreams"][0]["not_modified"])' "$health")

report=$(
  cat <<EOF
### news-widget-relay (make bench-relay)

One channel cached by the relay against nginx serving the same $BYTES bytes as a static file, both on
loopback, wrk with 2 threads and $CONNS connections for ${SECS} s per row, on this machine ($(nproc) cores; the
load generator shares them).

$table1

Revalidating clients (each connection sends back the ETag it last got) for $((2 * SECS)) s while the upstream
changes every $REFRESH s: **$share % 304** ($n304 of $total responses; $n200 full 200s, $nother other).

Upstream fetches for the channel: **$fetches in $elapsed s = $per_hour per hour** (refresh every $REFRESH s:
$expected per hour expected; $not_modified answered 304 upstream), while readers made every request above.
With the default refresh of 300 s that is 12 per hour, however many readers there are.
EOF
)
mkdir -p bench/out
printf '%s\n' "$report" | tee bench/out/relay.md
