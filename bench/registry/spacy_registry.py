#!/usr/bin/env python3
"""Cross-document entity identity, spaCy en_core_web_sm + exact name (what a user would
script) against newsgraph's registry, on the documents of a `newsgraph eval registry --dump`.

Usage: spacy_registry.py [--json] [DUMP.jsonl]   (the dump on stdin when no file is given)

`newsgraph eval registry` runs it with --json on its own dump (one JSON object per corpus
and half: corpus, half, precision, recall, f1, covered) and prints it beside its rows.

Scoring mirrors crates/eval/src/registry: B-cubed over the gold named mentions; each gold
mention takes the cluster of the shortest system mention whose span contains it; a gold
mention no system mention covers is its own cluster. spaCy's clusters are (label, exact
mention text) over PERSON, ORG, GPE, LOC, FAC, NORP entities.
"""
import json
import sys
import time
from collections import Counter

LABELS = {"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP"}


def bcubed(pairs):
    if not pairs:
        return 0.0, 0.0, 0.0
    g = Counter(p[0] for p in pairs)
    s = Counter(p[1] for p in pairs)
    both = Counter(pairs)
    p = sum(both[x] / s[x[1]] for x in pairs) / len(pairs)
    r = sum(both[x] / g[x[0]] for x in pairs) / len(pairs)
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def assign(doc, sys_mentions, pairs):
    covered = 0
    for i, (gs, ge, inst) in enumerate(doc["gold"]):
        best = None
        for ss, se, label in sys_mentions:
            if ss <= gs and ge <= se and (best is None or (se - ss, ss) < best[0]):
                best = ((se - ss, ss), label)
        if best is None:
            pairs.append((inst, f"uncovered:{doc['id']}:{i}"))
        else:
            covered += 1
            pairs.append((inst, best[1]))
    return covered


def main():
    import en_core_web_sm

    nlp = en_core_web_sm.load(exclude=["tagger", "parser", "lemmatizer", "attribute_ruler", "senter"])
    args = [a for a in sys.argv[1:] if a != "--json"]
    as_json = "--json" in sys.argv[1:]
    src = open(args[0], encoding="utf-8") if args else sys.stdin
    docs = [json.loads(l) for l in src if l.strip()]
    by_corpus = {}
    for d in docs:
        by_corpus.setdefault((d["corpus"], d.get("half", "all")), []).append(d)
    for (corpus, half), ds in by_corpus.items():
        t0 = time.time()
        res = {"spacy": [], "ng_ref": [], "ng_key": []}
        cov = Counter()
        for d, sd in zip(ds, nlp.pipe([d["text"] for d in ds], batch_size=32)):
            ents = [(e.start_char, e.end_char, f"{e.label_}:{e.text}") for e in sd.ents if e.label_ in LABELS]
            cov["spacy"] += assign(d, ents, res["spacy"])
            cov["ng_ref"] += assign(d, [(s, e, r) for s, e, r, _ in d["sys"] if r], res["ng_ref"])
            assign(d, [(s, e, k) for s, e, _, k in d["sys"] if k], res["ng_key"])
        n = sum(len(d["gold"]) for d in ds)
        if as_json:
            p, r, f = bcubed(res["spacy"])
            row = {"corpus": corpus, "half": half, "precision": p, "recall": r, "f1": f, "covered": cov["spacy"]}
            print(json.dumps(row))
            continue
        print(f"{corpus} {half} ({len(ds)} docs, {n} gold mentions; spaCy {time.time() - t0:.1f}s)")
        print(f"  {'B-cubed':<26} {'P':>6} {'R':>6} {'F1':>6} {'covered':>8}")
        for name, key, c in [
            ("newsgraph registry ref", "ng_ref", cov["ng_ref"]),
            ("newsgraph name key", "ng_key", cov["ng_ref"]),
            ("spaCy sm + exact name", "spacy", cov["spacy"]),
        ]:
            p, r, f = bcubed(res[key])
            print(f"  {name:<26} {p:>6.3f} {r:>6.3f} {f:>6.3f} {c / max(n, 1):>8.3f}")


if __name__ == "__main__":
    main()
