#!/usr/bin/env bash
# Search latency under load on loopback.
#
#   bench/serve/run.sh [DATA_DIR]
#
# With DATA_DIR: serves that store. Without: ingests $CORPUS (default
# ../shared/data/corpus/bbc) into bench/out/serve-data once, then serves it.
# Uses $NEWSGRAPH_BIN, else target/release/newsgraph, else builds the dev binary.
# Bounded: at most $REQUESTS requests (default 2000) and $SECONDS_MAX seconds (60).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"

bin="${NEWSGRAPH_BIN:-}"
if [ -z "$bin" ]; then
  if [ -x "$root/target/release/newsgraph" ]; then
    bin="$root/target/release/newsgraph"
  else
    (cd "$root" && cargo build --quiet -p newsgraph)
    bin="$root/target/debug/newsgraph"
  fi
fi

data="${1:-}"
[ $# -gt 0 ] && shift
if [ -z "$data" ]; then
  corpus="${CORPUS:-$root/../shared/data/corpus/bbc}"
  data="$root/bench/out/serve-data"
  if [ ! -d "$data" ]; then
    [ -d "$corpus" ] || { echo "no corpus at $corpus; pass a data directory" >&2; exit 1; }
    mkdir -p "$root/bench/out"
    "$bin" ingest --data "$data" --published 2025-07-08 "$corpus" >&2
  fi
fi

log="$(mktemp)"
"$bin" serve --data "$data" --addr 127.0.0.1:0 >"$log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true; wait $pid 2>/dev/null || true; rm -f "$log"' EXIT
base=""
for _ in $(seq 1 300); do
  base="$(grep -o 'http://127\.0\.0\.1:[0-9]*' "$log" | head -n1 || true)"
  [ -n "$base" ] && break
  kill -0 "$pid" 2>/dev/null || { cat "$log" >&2; exit 1; }
  sleep 0.1
done
[ -n "$base" ] || { cat "$log" >&2; echo "server not ready" >&2; exit 1; }

for c in 1 2; do
  python3 "$here/load.py" --base "$base" --requests "${REQUESTS:-2000}" --seconds "${SECONDS_MAX:-60}" --concurrency "$c" "$@"
done
