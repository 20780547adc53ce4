#!/usr/bin/env python3
"""Throughput of dateparser's search_dates on plain-text articles, single thread:
the peer of the times layer in `bench/times/run`.

Usage: dateparser_bench.py DIR LIMIT   (the same files, in the same sorted order,
that `newsgraph eval times --bench-corpus DIR --bench-limit LIMIT` reads)
"""
import datetime as dt
import os
import sys
import time
import warnings

warnings.filterwarnings("ignore")
from dateparser.search import search_dates  # noqa: E402


def files(root):
    out = []
    for d, _, fs in os.walk(root):
        for f in fs:
            if f.endswith(".txt") and f.upper() != "README.TXT":
                out.append(os.path.join(d, f))
    return sorted(out)


def main():
    root, limit = sys.argv[1], int(sys.argv[2])
    paths = files(root)[:limit]
    texts = [open(p, "rb").read().decode("utf-8", "replace") for p in paths]
    base = dt.datetime(2005, 1, 1)
    n = 0
    t0 = time.perf_counter()
    for t in texts:
        try:
            n += len(search_dates(t, languages=["en"], settings={"RELATIVE_BASE": base}) or [])
        except Exception:
            pass
    secs = time.perf_counter() - t0
    chars = sum(len(t) for t in texts)
    print(f"dateparser search_dates: {len(texts)} docs, {chars} chars in {secs:.2f}s: "
          f"{len(texts) / secs:.1f} docs/s, {chars / secs / 1e6:.4f} M chars/s ({n} matches)")


if __name__ == "__main__":
    main()
