#!/usr/bin/env python3
"""Runs newsgraph's entity bench binary and spaCy sm NER on the same folder of .txt files
(single thread, same run) and prints throughput of each, the ratio and newsgraph's peak RSS.
Usage: bench.py BENCH_BIN DIR"""
import json
import os
import resource
import subprocess
import sys
import time


def texts(d):
    out = []
    for root, _, files in os.walk(d):
        for f in sorted(files):
            if f.endswith(".txt"):
                with open(os.path.join(root, f), "rb") as fh:
                    t = fh.read().decode("utf-8", "replace")
                lines = [l.strip() for l in t.splitlines() if l.strip()]
                out.append("\n".join(lines))
    return out


def main():
    binary, d = sys.argv[1], sys.argv[2]
    r = subprocess.run([binary, d], check=True, capture_output=True, text=True)
    ours = json.loads(r.stdout.strip().splitlines()[-1])
    rss_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    import en_core_web_sm

    nlp = en_core_web_sm.load(exclude=["tagger", "parser", "lemmatizer", "attribute_ruler", "senter"])
    docs = texts(d)
    t0 = time.perf_counter()
    ntok = nents = 0
    for doc in nlp.pipe(docs, batch_size=64, n_process=1):
        ntok += len(doc)
        nents += len(doc.ents)
    dt = time.perf_counter() - t0
    sp_art, sp_tok = len(docs) / dt, ntok / dt
    print(f"corpus: {d} ({len(docs)} texts)")
    print(f"newsgraph entities : {ours['articles_per_s']:9.1f} articles/s {ours['tokens_per_s']:11.0f} tokens/s "
          f"({ours['tokens']} tokens, {ours['entities']} entities, {ours['seconds']:.2f}s)")
    print(f"spaCy sm (ner only): {sp_art:9.1f} articles/s {sp_tok:11.0f} tokens/s "
          f"({ntok} tokens, {nents} ents, {dt:.2f}s; pipes: {','.join(nlp.pipe_names)})")
    print(f"ratio (articles/s) : {ours['articles_per_s'] / sp_art:.1f}x")
    print(f"newsgraph peak RSS : {rss_kb / 1024:.1f} MiB")


if __name__ == "__main__":
    main()
