#!/usr/bin/env python3
"""Throughput of the full pipeline: `newsgraph extract` (whole process, one thread, model
loading included) without and with `--with-tokens`, against spaCy en_core_web_sm's full
pipeline (tagger, parser, lemmatizer, NER; nlp.pipe, loading excluded) on the same .txt
files, in the same run. Prints articles/s, the ratios and each newsgraph run's peak RSS.
Usage: bench.py NEWSGRAPH_BIN DIR [REPEATS]"""
import os
import statistics
import subprocess
import sys
import time


def texts(d):
    out = []
    for root, _, files in os.walk(d):
        for f in sorted(files):
            if f.endswith(".txt"):
                with open(os.path.join(root, f), "rb") as fh:
                    out.append(fh.read().decode("utf-8", "replace"))
    return out


def run_newsgraph(binary, d, extra):
    # The peak RSS is read by /usr/bin/time: a child forked from this process inherits
    # the parent's high-water mark (spaCy loaded) across exec, so wait4's ru_maxrss would
    # report Python's memory, not newsgraph's. `time` is small when it forks newsgraph.
    timer = ["/usr/bin/time", "-f", "%M"] if os.path.exists("/usr/bin/time") else []
    t0 = time.perf_counter()
    p = subprocess.run([*timer, binary, "extract", *extra, d], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    dt = time.perf_counter() - t0
    if p.returncode != 0:
        sys.exit(f"newsgraph {' '.join(extra)} failed: {p.returncode}")
    last = p.stderr.decode("utf-8", "replace").strip().splitlines()[-1:] if timer else []
    rss = int(last[0]) / 1024 if last and last[0].isdigit() else float("nan")
    return dt, rss


def main():
    binary, d = sys.argv[1], sys.argv[2]
    repeats = int(sys.argv[3]) if len(sys.argv) > 3 else 3
    docs = texts(d)
    import en_core_web_sm

    nlp = en_core_web_sm.load()
    plain, tokens, spacy_s = [], [], []
    rss_plain = rss_tokens = 0.0
    for _ in range(repeats):
        dt, rss = run_newsgraph(binary, d, [])
        plain.append(dt)
        rss_plain = max(rss_plain, rss)
        dt, rss = run_newsgraph(binary, d, ["--with-tokens"])
        tokens.append(dt)
        rss_tokens = max(rss_tokens, rss)
        t0 = time.perf_counter()
        for _doc in nlp.pipe(docs, batch_size=64, n_process=1):
            pass
        spacy_s.append(time.perf_counter() - t0)
    n = len(docs)
    mp, mt, ms = (statistics.median(x) for x in (plain, tokens, spacy_s))
    print(f"corpus: {d} ({n} texts), median of {repeats} runs, one thread each")
    print(f"newsgraph extract              : {n / mp:9.1f} articles/s ({mp:.2f}s, peak RSS {rss_plain:.0f} MiB)")
    print(f"newsgraph extract --with-tokens: {n / mt:9.1f} articles/s ({mt:.2f}s, peak RSS {rss_tokens:.0f} MiB)")
    print(f"spaCy sm full pipeline         : {n / ms:9.1f} articles/s ({ms:.2f}s; pipes: {','.join(nlp.pipe_names)})")
    print(f"ratio, full pipeline           : {ms / mp:.1f}x spaCy sm")
    print(f"ratio, with tokens             : {ms / mt:.1f}x spaCy sm")


if __name__ == "__main__":
    main()
