#!/usr/bin/env python3
"""Throughput of textacy's direct_quotations (spaCy en_core_web_sm, which it needs for
its parse) over a directory tree of .txt files, single thread. Prints one JSON line
like the Rust bench. Files are read first (not timed). Documents on which textacy
bails out (unbalanced quotation marks) are still timed; their quotes count as 0.

Usage: textacy_bench.py DIR [LIMIT]
"""
import json
import os
import sys
import time

import en_core_web_sm
import textacy.extract


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    limit = int(sys.argv[2]) if len(sys.argv) > 2 else None
    paths = []
    for root, _, files in os.walk(sys.argv[1]):
        for f in sorted(files):
            if f.endswith(".txt") and f.upper() != "README.TXT":
                paths.append(os.path.join(root, f))
    paths.sort()
    if limit:
        paths = paths[:limit]
    texts = [open(p, "rb").read().decode("utf-8", "replace") for p in paths]
    nlp = en_core_web_sm.load()
    nlp("warm up.")
    quotes = errors = 0
    t0 = time.perf_counter()
    for t in texts:
        doc = nlp(t)
        try:
            quotes += len(list(textacy.extract.triples.direct_quotations(doc)))
        except ValueError:
            errors += 1
    secs = time.perf_counter() - t0
    nbytes = sum(len(t.encode("utf-8")) for t in texts)
    print(json.dumps({"system": "textacy", "docs": len(texts), "bytes": nbytes, "seconds": round(secs, 3),
                      "docs_per_s": round(len(texts) / secs, 1), "mb_per_s": round(nbytes / 1e6 / secs, 3),
                      "quotes": quotes, "bailed_out": errors}))


if __name__ == "__main__":
    main()
