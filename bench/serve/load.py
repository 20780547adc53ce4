#!/usr/bin/env python3
"""Loopback load on a running `newsgraph serve`: search latency p50/p95/p99.

Stdlib only. Each worker thread holds one keep-alive HTTP/1.1 connection and sends
requests from a fixed, seeded mix of queries (single words, two words, a phrase,
filters, facets-only) until the request budget or the time budget runs out. Latency is
measured per request, client side, from sending the request to reading the whole body.

    python3 bench/serve/load.py --base http://127.0.0.1:8080 [--requests 2000] [--seconds 60] [--concurrency 2]
"""
import argparse
import http.client
import json
import random
import statistics
import sys
import threading
import time
import urllib.parse

WORDS = [
    "government", "election", "market", "shares", "film", "music", "minister", "police", "economy",
    "growth", "profit", "china", "europe", "football", "injury", "court", "labour", "tory", "blair",
    "oil", "prices", "games", "award", "technology", "mobile", "broadband", "chelsea", "england",
    "wales", "bank", "rates", "jobs", "tax", "budget", "health", "security", "iraq", "talks",
]
PHRASES = ['"prime minister"', '"interest rates"', '"world cup"', '"chief executive"']


def queries(n, seed=7):
    rnd = random.Random(seed)
    out = []
    for i in range(n):
        kind = i % 10
        if kind < 5:
            p = {"q": rnd.choice(WORDS)}
        elif kind < 7:
            p = {"q": f"{rnd.choice(WORDS)} {rnd.choice(WORDS)}"}
        elif kind == 7:
            p = {"q": rnd.choice(PHRASES)}
        elif kind == 8:
            p = {"q": rnd.choice(WORDS), "layer": "quotes"}
        else:
            p = {}  # no text: filters/facets over everything, newest first
        out.append("/api/search?" + urllib.parse.urlencode(p))
    return out


def worker(host, port, paths, deadline, lat, errors, lock):
    conn = http.client.HTTPConnection(host, port, timeout=30)
    mine, errs = [], 0
    for path in paths:
        if time.monotonic() > deadline:
            break
        t0 = time.perf_counter()
        try:
            conn.request("GET", path)
            r = conn.getresponse()
            body = r.read()
            dt = time.perf_counter() - t0
            if r.status != 200:
                errs += 1
            else:
                json.loads(body)
                mine.append(dt)
        except Exception:
            errs += 1
            conn.close()
            conn = http.client.HTTPConnection(host, port, timeout=30)
    conn.close()
    with lock:
        lat.extend(mine)
        errors[0] += errs


def pct(sorted_vals, p):
    if not sorted_vals:
        return float("nan")
    k = min(len(sorted_vals) - 1, max(0, int(round(p / 100 * len(sorted_vals) + 0.5)) - 1))
    return sorted_vals[k]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--base", required=True)
    ap.add_argument("--requests", type=int, default=2000)
    ap.add_argument("--seconds", type=float, default=60)
    ap.add_argument("--concurrency", type=int, default=2)
    ap.add_argument("--warmup", type=int, default=50)
    ap.add_argument("--json", action="store_true", help="print one JSON object")
    a = ap.parse_args()
    u = urllib.parse.urlparse(a.base)
    host, port = u.hostname, u.port or 80

    c = http.client.HTTPConnection(host, port, timeout=30)
    c.request("GET", "/api/stats")
    stats = json.loads(c.getresponse().read())
    for p in queries(a.warmup, seed=1):
        c.request("GET", p)
        c.getresponse().read()
    c.close()

    paths = queries(a.requests)
    per = [paths[i :: a.concurrency] for i in range(a.concurrency)]
    lat, errors, lock = [], [0], threading.Lock()
    deadline = time.monotonic() + a.seconds
    t0 = time.perf_counter()
    ts = [threading.Thread(target=worker, args=(host, port, p, deadline, lat, errors, lock)) for p in per]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    wall = time.perf_counter() - t0
    lat.sort()
    ms = lambda v: round(v * 1000, 2)
    res = {
        "articles": stats.get("articles"),
        "requests": len(lat),
        "errors": errors[0],
        "concurrency": a.concurrency,
        "seconds": round(wall, 2),
        "rps": round(len(lat) / wall, 1) if wall > 0 else None,
        "p50_ms": ms(pct(lat, 50)),
        "p95_ms": ms(pct(lat, 95)),
        "p99_ms": ms(pct(lat, 99)),
        "max_ms": ms(lat[-1]) if lat else None,
        "mean_ms": ms(statistics.mean(lat)) if lat else None,
    }
    if a.json:
        print(json.dumps(res))
    else:
        print(
            f"search over {res['articles']} articles: {res['requests']} requests ({res['errors']} errors), "
            f"concurrency {a.concurrency}, {res['rps']} req/s; "
            f"p50 {res['p50_ms']} ms, p95 {res['p95_ms']} ms, p99 {res['p99_ms']} ms, max {res['max_ms']} ms"
        )
    return 1 if errors[0] else 0


if __name__ == "__main__":
    sys.exit(main())
