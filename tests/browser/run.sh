#!/usr/bin/env bash
# Real-browser test of the newsgraph web UI.
#
# Builds (or takes $NEWSGRAPH_BIN) the newsgraph binary, ingests the seed article (when
# ../shared/examples/seed/article.txt exists) and the fixtures into a temporary data
# directory, serves it on a free loopback port, and drives headless Debian chromium
# through the UI with playwright-core (test.mjs). The server takes writes with a fresh
# token (WRITE_TOKEN) so the registry merge/split forms are tested, with and without it.
# Screenshots land in tests/browser/screenshots/. Exits non-zero on any failure.
#
# With NEWSGRAPH_BROWSER_STORE=postgres://… the same test runs over that (empty)
# PostgreSQL store instead of an embedded data directory (scripts/test does both).
#
# Needs: chromium (Debian package, /usr/bin/chromium or $CHROMIUM), node + npm.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"

chromium="${CHROMIUM:-/usr/bin/chromium}"
if [ ! -x "$chromium" ]; then
  echo "browser test: chromium not found at $chromium (apt-get install chromium)" >&2
  exit 1
fi

if [ -z "${NEWSGRAPH_BIN:-}" ]; then
  echo "browser test: building newsgraph" >&2
  (cd "$root" && cargo build --quiet -p newsgraph)
  bin="$root/target/debug/newsgraph"
else
  bin="$NEWSGRAPH_BIN"
fi

if [ ! -f "$here/node_modules/playwright-core/package.json" ]; then
  echo "browser test: npm ci (playwright-core)" >&2
  (cd "$here" && npm ci --no-audit --no-fund --loglevel=error)
fi

work="$(mktemp -d "${TMPDIR:-/tmp}/newsgraph-browser.XXXXXX")"
server_pid=""
cleanup() {
  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
    kill "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT INT TERM

store_args=(--data "$work/data")
if [ -n "${NEWSGRAPH_BROWSER_STORE:-}" ]; then
  store_args=(--store "$NEWSGRAPH_BROWSER_STORE")
fi
seed="$root/../shared/examples/seed/article.txt"
if [ -f "$seed" ]; then
  "$bin" ingest "${store_args[@]}" --published 2025-07-08 --input-format text "$seed" >&2
  export SEED_TITLE="Iran rejects claims of seeking talks with the US"
fi
"$bin" ingest "${store_args[@]}" --published 2025-07-09 --input-format text \
  "$here/fixtures/harbour.txt" "$here/fixtures/unicode.txt" "$here/fixtures/hostile.txt" >&2
"$bin" ingest "${store_args[@]}" --published 2025-07-09 "$here/fixtures/hostile.html" >&2
# Timestamps with offsets and fractions: the feed orders them by instant (order.jsonl).
"$bin" ingest "${store_args[@]}" "$here/fixtures/order.jsonl" >&2
# One event told by three outlets plus a wire copy of one of them: a story page.
"$bin" ingest "${store_args[@]}" "$here/fixtures/story.jsonl" >&2

# Port 0: the server picks a free port and prints its address on its first line.
# Writable with a fresh token, so the registry forms can be tried (and refused without it).
WRITE_TOKEN="browser-$(od -An -tx1 -N16 /dev/urandom | tr -d ' \n')"
export WRITE_TOKEN
"$bin" serve "${store_args[@]}" --addr 127.0.0.1:0 --write-token "$WRITE_TOKEN" >"$work/serve.log" 2>&1 &
server_pid=$!
base=""
for _ in $(seq 1 300); do
  base="$(grep -o 'http://127\.0\.0\.1:[0-9]*' "$work/serve.log" | head -n1 || true)"
  [ -n "$base" ] && break
  kill -0 "$server_pid" 2>/dev/null || { cat "$work/serve.log" >&2; echo "browser test: server exited" >&2; exit 1; }
  sleep 0.1
done
[ -n "$base" ] || { cat "$work/serve.log" >&2; echo "browser test: server not ready after 30 s" >&2; exit 1; }
echo "browser test: server at $base" >&2

mkdir -p "$here/screenshots"
BASE_URL="$base" CHROMIUM="$chromium" SCREENSHOTS="$here/screenshots" node "$here/test.mjs"
