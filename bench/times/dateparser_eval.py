#!/usr/bin/env python3
"""Runs dateparser's search_dates on the gold documents dumped by
`newsgraph eval times --dump FILE` and writes its predictions as JSON Lines
({id, corpus, times: [{span, type, value}], seconds}) for
`newsgraph eval times --compare dateparser=FILE` to score with the same scorer.

dateparser returns a datetime per match, with no granularity: a match becomes a
DATE `YYYY-MM-DD`, or a TIME `YYYY-MM-DDTHH:MM` when the clock time differs from the
reference's. The document creation date is the RELATIVE_BASE.

Usage: dateparser_eval.py DUMP.jsonl OUT.jsonl
"""
import datetime as dt
import json
import sys
import time
import warnings

warnings.filterwarnings("ignore")
from dateparser.search import search_dates  # noqa: E402


def parse_dct(s):
    if not s:
        return None
    s = s.strip()
    for fmt in ("%Y-%m-%d", "%Y%m%d"):
        try:
            return dt.datetime.strptime(s[:10] if "-" in s else s[:8], fmt)
        except ValueError:
            pass
    return None


def main():
    src, out = sys.argv[1], sys.argv[2]
    total = 0.0
    n = 0
    with open(src, encoding="utf-8") as f, open(out, "w", encoding="utf-8") as w:
        for line in f:
            doc = json.loads(line)
            text = doc["text"]
            base = parse_dct(doc.get("dct"))
            settings = {"RELATIVE_BASE": base} if base else {}
            t0 = time.perf_counter()
            try:
                found = search_dates(text, languages=["en"], settings=settings) or []
            except Exception:  # dateparser raises on some inputs; count as no output
                found = []
            secs = time.perf_counter() - t0
            total += secs
            times = []
            pos = 0
            for sub, when in found:
                k = text.find(sub, pos)
                if k < 0:
                    k = text.find(sub)
                    if k < 0:
                        continue
                pos = k + len(sub)
                # Spans in code points: Python string offsets already are.
                clock = (when.hour, when.minute) != ((base.hour, base.minute) if base else (0, 0))
                value = when.strftime("%Y-%m-%dT%H:%M") if clock else when.strftime("%Y-%m-%d")
                times.append({"span": [k, k + len(sub)], "type": "TIME" if clock else "DATE", "value": value})
            w.write(json.dumps({"id": doc["id"], "corpus": doc["corpus"], "times": times, "seconds": secs}) + "\n")
            n += 1
    print(f"dateparser: {n} docs in {total:.2f}s", file=sys.stderr)


if __name__ == "__main__":
    main()
