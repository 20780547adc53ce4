#!/usr/bin/env python3
"""The near-duplicate peer of `newsgraph eval duplicates`: datasketch MinHashLSH.

Input (stdin): JSON Lines {"name", "order", "text"} in arrival order per "order". Each
article's word 3-gram shingles (lowercased \\w+ words, the same shingles newsgraph
hashes) are queried against the LSH of the articles before it, then inserted; the
earliest-stored candidate is its predicted original. Output: JSON Lines
{"order", "name", "duplicate_of"} (null when none).
"""
import argparse
import json
import re
import sys
import time

from datasketch import MinHash, MinHashLSH

WORD = re.compile(r"\w+")


def shingles(text):
    w = WORD.findall(text.lower())
    if len(w) < 3:
        return {" ".join(w)}
    return {" ".join(w[i : i + 3]) for i in range(len(w) - 2)}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--threshold", type=float, default=0.5)
    ap.add_argument("--num-perm", type=int, default=128)
    a = ap.parse_args()
    runs = {}
    for line in sys.stdin:
        if line.strip():
            d = json.loads(line)
            runs.setdefault(d["order"], []).append(d)
    t0 = time.process_time()
    for order, docs in runs.items():
        lsh = MinHashLSH(threshold=a.threshold, num_perm=a.num_perm)
        rank = {}
        for i, d in enumerate(docs):
            m = MinHash(num_perm=a.num_perm)
            for s in shingles(d["text"]):
                m.update(s.encode("utf-8"))
            found = lsh.query(m)
            dup = min(found, key=lambda n: rank[n]) if found else None
            print(json.dumps({"order": order, "name": d["name"], "duplicate_of": dup}))
            lsh.insert(d["name"], m)
            rank[d["name"]] = i
    print(f"peer: {sum(map(len, runs.values()))} docs in {time.process_time() - t0:.2f}s CPU", file=sys.stderr)


if __name__ == "__main__":
    main()
