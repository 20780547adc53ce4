#!/usr/bin/env python3
"""A synthetic news stream for the linking benchmark, made from the BBC corpus.

Story s mixes two BBC texts, A = s mod n and B = (7s + 3) mod n (a pair unique for
s < n^2), and gets a town and a person name of its own. Each of its 1-8 articles (the
count cycles with s) keeps a seeded ~65% of the sentences of A and B, in order, plus one
opening sentence naming the town and person, so articles of one story share words and
names while every text is distinct; some consecutive articles are near-copies. Stories
start at a steady rate, 250 a day from 2020-01-01, and their articles spread over their
first 3 days. Output: JSON Lines {url, title, text, published, source} on stdout.

That default stream is not a real feed: B depends on s mod n only, so story s + n
(n = 2,225 BBC texts: 8.9 days later at 250 a day, inside the linker's 14-day window)
repeats story s's two texts, and every text is also the B of some story a few days
from the one it leads. At 100k articles its stories chain into ~600 stories of ~165
articles, 96% of them near-copies. `--distinct` makes a feed of distinct stories
instead: one BBC text per story and 100 stories a day (~450 articles a day, the size
of feed the issue names), so a text comes back only after 22 days, past the window
and the 3-day spread: what story s shares with a later story is what two BBC texts
share (topic words), as in a real feed.
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
    ap.add_argument("--distinct", action="store_true",
                    help="one text per story, 100 stories a day (see the docstring)")
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
        _, sb = ([], []) if a.distinct else texts[(7 * s + 3) % n]
        for k in range(per):
            if i >= a.skip + a.count:
                break
            if i >= a.skip:
                rng = random.Random(s * 1000 + k)
                keep = [x for x in sa + sb if rng.random() < 0.65] or sa[:1]
                opening = f"{person} spoke in {town} about the {ta.lower()} affair."
                per_day = 100 if a.distinct else 250
                day = start + datetime.timedelta(days=s // per_day + rng.randrange(3))
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
