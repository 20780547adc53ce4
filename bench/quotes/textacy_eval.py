#!/usr/bin/env python3
"""Predict quotes with textacy's direct_quotations (spaCy en_core_web_sm) on the
documents written by `newsgraph eval quotes --dump DOCS.jsonl`, and write the
predictions in the format `newsgraph eval quotes --peer textacy=PRED.jsonl` scores:
one JSON object per line, {"name": ..., "quotes": [{"content": [[s, e]],
"speaker_span": [s, e] | null}]}, offsets in code points (Python str indices).

Usage: textacy_eval.py DOCS.jsonl PRED.jsonl
"""
import json
import sys
import time

import en_core_web_sm  # the bench venv aliases the PyPI repackaging of the model
import textacy.extract


def predict(nlp, text, off):
    """textacy's direct quotations of `text`, offsets shifted by `off`."""
    doc = nlp(text)
    quotes = []
    for t in textacy.extract.triples.direct_quotations(doc):
        content = t.content
        q = {"content": [[off + content.start_char, off + content.end_char]], "speaker_span": None}
        if t.speaker:
            a = min(tok.idx for tok in t.speaker)
            b = max(tok.idx + len(tok.text) for tok in t.speaker)
            q["speaker_span"] = [off + a, off + b]
        quotes.append(q)
    return quotes


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    nlp = en_core_web_sm.load()
    docs = [json.loads(line) for line in open(sys.argv[1], encoding="utf-8") if line.strip()]
    t0 = time.perf_counter()
    fallbacks = 0
    with open(sys.argv[2], "w", encoding="utf-8") as out:
        for d in docs:
            try:
                quotes = predict(nlp, d["text"], 0)
            except ValueError:
                # textacy bails out on a document with an odd number of quotation
                # marks; give it its best chance: paragraph by paragraph, skipping
                # only the paragraphs it still refuses.
                fallbacks += 1
                quotes, off = [], 0
                for par in d["text"].split("\n"):
                    if par.strip():
                        try:
                            quotes.extend(predict(nlp, par, off))
                        except ValueError:
                            pass
                    off += len(par) + 1
            out.write(json.dumps({"name": d["name"], "quotes": quotes}) + "\n")
    print(f"textacy: {fallbacks} docs with unbalanced quotation marks run paragraph by paragraph", file=sys.stderr)
    print(f"textacy: {len(docs)} docs in {time.perf_counter() - t0:.1f}s", file=sys.stderr)


if __name__ == "__main__":
    main()
