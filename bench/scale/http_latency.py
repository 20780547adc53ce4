#!/usr/bin/env python3
"""Search latency over HTTP: GET /api/search with a few hundred varied queries built
from what the server holds (title words, two words, title phrases, word + source,
entity filter, date range, layer filter, no-text pages), timed end to end on one
keep-alive connection; prints p50/p95 (and matches) per kind of query, then p50/p95/p99/max.

    bench/scale/http_latency.py http://127.0.0.1:PORT [QUERIES]
"""
import http.client
import json
import re
import sys
import time
import urllib.parse

base = sys.argv[1].rstrip("/")
n = int(sys.argv[2]) if len(sys.argv) > 2 else 400
u = urllib.parse.urlparse(base)
conn = http.client.HTTPConnection(u.hostname, u.port, timeout=60)


def get(path, params):
    conn.request("GET", path + "?" + urllib.parse.urlencode(params))
    r = conn.getresponse()
    body = r.read()
    return r.status, body


_, body = get("/api/latest", {"limit": "1000"})
latest = json.loads(body)
items = latest.get("items", latest) if isinstance(latest, dict) else latest
titles = [a["title"] for a in items if a.get("title")]
sources = sorted({a["source"] for a in items if a.get("source")})
words = [w.lower() for t in titles for w in re.findall(r"\w+", t) if len(w) >= 4]
_, body = get("/api/entities", {"limit": "50"})
ents = json.loads(body)
ents = ents.get("items", ents) if isinstance(ents, dict) else ents
keys = [e["key"] for e in ents]
if not words:
    sys.exit("http_latency: the server holds no titled article")

seed = 0x9E3779B97F4A7C15


def rnd(m):
    global seed
    seed ^= (seed << 13) & 0xFFFFFFFFFFFFFFFF
    seed ^= seed >> 7
    seed ^= (seed << 17) & 0xFFFFFFFFFFFFFFFF
    return seed % max(m, 1)


layers = ["entities", "quotes", "claims", "times", "figures", "events"]
# The query kinds, in the order they cycle (per-kind latencies are printed too).
kinds = ["word", "two words", "phrase", "word+source", "entity", "word+dates", "layer", "no text"]
queries = []
for i in range(n):
    k = i % 8
    if k == 0:
        q = {"q": words[rnd(len(words))]}
    elif k == 1:
        q = {"q": words[rnd(len(words))] + " " + words[rnd(len(words))]}
    elif k == 2:
        t = titles[rnd(len(titles))].split()
        s = rnd(max(len(t) - 1, 1))
        q = {"q": '"' + " ".join(t[s : s + 2]) + '"'}
    elif k == 3:
        q = {"q": words[rnd(len(words))]}
        if sources:
            q["source"] = sources[rnd(len(sources))]
    elif k == 4:
        q = {"entity": keys[rnd(len(keys))]} if keys else {"q": words[rnd(len(words))]}
    elif k == 5:
        q = {"q": words[rnd(len(words))], "from": "2000-01-01", "to": "2030-12-31"}
    elif k == 6:
        q = {"layer": layers[rnd(len(layers))]}
    else:
        q = {"offset": str(20 * rnd(5))}
    queries.append(q)

for q in queries[:20]:
    get("/api/search", q)
times, errors, matches, totals = [], 0, 0, []
start = time.perf_counter()
for q in queries:
    t = time.perf_counter()
    status, body = get("/api/search", q)
    times.append((time.perf_counter() - t) * 1000)
    totals.append(json.loads(body).get("total", 0) if status == 200 else 0)
    errors += status != 200
    matches += totals[-1]
wall = time.perf_counter() - start
for j, kind in enumerate(kinds):
    ts = sorted(t for i, t in enumerate(times) if i % 8 == j)
    ms = sorted(m for i, m in enumerate(totals) if i % 8 == j)
    if ts:
        print(
            f"  {kind:12} p50 {ts[len(ts) // 2]:7.1f} ms  p95 {ts[round((len(ts) - 1) * 0.95)]:7.1f} ms"
            f"  matches p50 {ms[len(ms) // 2] if ms else 0}, max {ms[-1] if ms else 0}"
        )
times.sort()


def pct(p):
    return times[round((len(times) - 1) * p)]


print(
    f"http search: {len(queries)} queries in {wall:.2f}s ({errors} errors, {matches} total matches); "
    f"p50 {pct(0.5):.1f} ms, p95 {pct(0.95):.1f} ms, p99 {pct(0.99):.1f} ms, max {times[-1]:.1f} ms"
)
