#!/usr/bin/env python3
"""A synthetic news stream for the linking benchmark, made from the BBC corpus.

Story s mixes two BBC texts, A = s mod n and B = (7s + 3) mod n (a pair unique for
s < n^2), and gets a town and a person name of its own. Each of its 1-8 articles (the
count cycles with s) keeps a seeded ~65% of the sentences of A and B, in order, plus one
opening sentence naming the town and person, so articles of one story share words and
names while every text is distinct; some consecutive articles are near-copies. Stories
start at a steady rate, 250 a day from 2020-01-01, and their articles spread over their
first 3 days. Output: JSON Lines {url, title, text, published, source} on stdout.
"""
import argparse
import datetime
import json
import os
import random
import re
import sys

SENT = re.compile(r"(?<=[.!?])\s+")
SYL = ["ka", "lo", "mer", "dan", "vi", "tor", "sel", "ba", "rin", "gor", "ul", "pe", "thas", "no", "wen"]


def name(rng, parts):
    return "".join(rng.choice(SYL) for _ in range(parts)).capitalize()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bbc", default="../shared/data/corpus/bbc")
    ap.add_argument("--count", type=int, default=100_000)
    ap.add_argument("--skip", type=int, default=0, help="start at this article number")
    a = ap.parse_args()
    texts = []
    for root, _, files in sorted(os.walk(a.bbc)):
        for f in sorted(files):
            if f.endswith(".txt") and f[0].isdigit():
                with open(os.path.join(root, f), encoding="latin-1") as fh:
                    lines = [l.strip() for l in fh.read().split("\n") if l.strip()]
                if len(lines) >= 2:
                    texts.append((lines[0], [s for p in lines[1:] for s in SENT.split(p)]))
    n = len(texts)
    start = datetime.date(2020, 1, 1)
    out = sys.stdout
    i, s = 0, 0
    while i < a.skip + a.count:
        per = 1 + (s * 5) % 8
        rng_story = random.Random(s)
        town, person = name(rng_story, 3), f"{name(rng_story, 2)} {name(rng_story, 3)}"
        ta, sa = texts[s % n]
        _, sb = texts[(7 * s + 3) % n]
        for k in range(per):
            if i >= a.skip + a.count:
                break
            if i >= a.skip:
                rng = random.Random(s * 1000 + k)
                keep = [x for x in sa + sb if rng.random() < 0.65] or sa[:1]
                opening = f"{person} spoke in {town} about the {ta.lower()} affair."
                day = start + datetime.timedelta(days=s // 250 + rng.randrange(3))
                rec = {
                    "url": f"https://synth{k % 6}.test/{s}/{k}",
                    "source": f"synth{k % 6}",
                    "title": f"{town}: {ta}" if k % 2 == 0 else f"{ta} ({person})",
                    "text": opening + "\n\n" + " ".join(keep),
                    "published": day.isoformat(),
                }
                out.write(json.dumps(rec) + "\n")
            i += 1
        s += 1


if __name__ == "__main__":
    main()
