#!/usr/bin/env python3
"""Scores spaCy en_core_web_sm on the documents of a newsgraph entity-eval dump, with the
same scorer as `newsgraph eval entities` (crates/nlp/src/score.rs), and prints newsgraph's
scores from the same dump side by side.

Usage: spacy_eval.py DUMP.jsonl   (DUMP written by `newsgraph eval entities --dump` or the
`eval_ner` example with NG_DUMP=...)

Scoring: exact span match after dropping a leading "the "/"The " and a trailing "'s"/"’s";
predictions exactly on a don't-care span are ignored; only person/organization/place are
scored. spaCy labels: PERSON→person, ORG→organization, GPE/LOC/FAC→place, NORP→group.
"""
import json
import sys
import time
from collections import defaultdict

LABELS = {"PERSON": "person", "ORG": "organization", "GPE": "place", "LOC": "place", "FAC": "place", "NORP": "group"}
KINDS = ("person", "organization", "place")


def norm(text, s, e):
    s, e = min(s, len(text)), min(e, len(text))
    t = text[s:e]
    if (t.startswith("the ") or t.startswith("The ")) and e - s > 4:
        s += 4
    if e >= s + 3 and text[e - 1] == "s" and text[e - 2] in "'’":
        e -= 2
    while e > s and text[e - 1].isspace():
        e -= 1
    return (s, max(e, s))


def score(doc, pred, counts):
    text = doc["text"]
    gold = {(norm(text, s, e), k) for s, e, k in doc["gold"]}
    gold_spans = {g[0] for g in gold}
    dc = {norm(text, s, e) for s, e in doc["dont_care"]}
    # Past the annotated part (MEANTIME: sentences 0-5) nothing is scored.
    end = doc.get("annotated_end")
    seen = set()
    for s, e, k in pred:
        if k not in KINDS or (end is not None and norm(text, s, e)[0] >= end):
            continue
        p = (norm(text, s, e), k)
        if p in seen:
            continue
        seen.add(p)
        if p in gold:
            counts[k][0] += 1
        elif p[0] in dc and p[0] not in gold_spans:
            pass
        else:
            counts[k][1] += 1
    for g in gold:
        if g not in seen:
            counts[g[1]][2] += 1


def prf(c):
    tp, fp, fn = c
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def main():

    import en_core_web_sm

    nlp = en_core_web_sm.load(exclude=["tagger", "parser", "lemmatizer", "attribute_ruler", "senter"])
    docs = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
    by_corpus = defaultdict(list)
    for d in docs:
        by_corpus[d["corpus"]].append(d)
    for corpus, ds in by_corpus.items():
        ours = defaultdict(lambda: [0, 0, 0])
        theirs = defaultdict(lambda: [0, 0, 0])
        t0 = time.perf_counter()
        for d in ds:
            sd = nlp(d["text"])
            pred = [(e.start_char, e.end_char, LABELS.get(e.label_, "other")) for e in sd.ents]
            score(d, pred, theirs)
            score(d, d["pred"], ours)
        dt = time.perf_counter() - t0
        print(f"{corpus} ({len(ds)} docs; spaCy {dt:.2f}s)")
        print(f"  {'kind':<13} {'newsgraph P/R/F1':>22}   {'spaCy sm P/R/F1':>22}")
        tot_o, tot_t = [0, 0, 0], [0, 0, 0]
        for k in KINDS:
            for i in range(3):
                tot_o[i] += ours[k][i]
                tot_t[i] += theirs[k][i]
            po, ro, fo = prf(ours[k])
            pt, rt, ft = prf(theirs[k])
            print(f"  {k:<13} {po:6.3f} {ro:6.3f} {fo:6.3f}     {pt:6.3f} {rt:6.3f} {ft:6.3f}")
        po, ro, fo = prf(tot_o)
        pt, rt, ft = prf(tot_t)
        print(f"  {'micro':<13} {po:6.3f} {ro:6.3f} {fo:6.3f}     {pt:6.3f} {rt:6.3f} {ft:6.3f}   (F1 diff {100*(fo-ft):+.1f} points)")


if __name__ == "__main__":
    main()
