#!/usr/bin/env python3
"""The BBC acceptance checks of the registry issue, on a data directory that
`newsgraph ingest` filled from ../shared/data/corpus/bbc (standard library only).

  bench/registry/bbc_checks DATA_DIR

1. Persons whose canonical (display) name is a title or a party: every word of the name
   is a title/role/honorific of crates/nlp/data/titles.tsv, or the name is a party
   (a Party Facts English name, or short name as written, from
   ../shared/data/lexicons/partyfacts-parties, or "… Party"); also a collective label of
   crates/nlp/data/groups.txt or its singular ("Tories", "Tory", "Muslims"), or a name
   that starts with such a label ("Tory Edward Turnour").
2. Quotes whose speaker is written as a pronoun against a speaker of the other gender
   (the SQL is printed), and how many pronoun quotes go to a speaker of unknown gender.
3. The 20 most mentioned people: their spellings with counts, and every other person
   entity whose name ends with the same surname (a split of one person shows up there).
"""
import csv
import json
import os
import re
import sqlite3
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
NLP_DATA = os.path.join(ROOT, "crates", "nlp", "data")
SHARED = os.path.join(ROOT, "..", "shared", "data", "lexicons")

PRONOUN_SQL = """
SELECT a.id, json_extract(q.json, '$.speaker_text') AS pronoun,
       json_extract(e.value, '$.name') AS speaker, json_extract(e.value, '$.gender') AS gender,
       substr(json_extract(q.json, '$.text'), 1, 70) AS quote
FROM quotes q
JOIN articles a ON a.seq = q.seq
JOIN json_each(a.record, '$.entities') e
  ON json_extract(e.value, '$.id') = json_extract(q.json, '$.speaker')
WHERE (lower(json_extract(q.json, '$.speaker_text')) IN ('she', 'her', 'herself')
       AND json_extract(e.value, '$.gender') = 'male')
   OR (lower(json_extract(q.json, '$.speaker_text')) IN ('he', 'him', 'himself')
       AND json_extract(e.value, '$.gender') = 'female')
""".strip()

UNKNOWN_SQL = """
SELECT lower(json_extract(q.json, '$.speaker_text')) AS pronoun,
       coalesce(json_extract(e.value, '$.gender'), 'unknown') AS gender, count(*)
FROM quotes q
JOIN articles a ON a.seq = q.seq
JOIN json_each(a.record, '$.entities') e
  ON json_extract(e.value, '$.id') = json_extract(q.json, '$.speaker')
WHERE lower(json_extract(q.json, '$.speaker_text')) IN ('he', 'him', 'she', 'her')
GROUP BY 1, 2 ORDER BY 1, 2
""".strip()


def norm(s):
    return " ".join(re.sub(r"[^\w\s'-]", " ", s.lower()).split())


def title_words():
    words = set()
    with open(os.path.join(NLP_DATA, "titles.tsv"), encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            title = line.split("\t")[0]
            words.add(norm(title))
            words.update(norm(title).split())
    return words


def party_names():
    """Party Facts English names (any case) and short names (as written: "UKIP", so the
    person "Sam" is not the party "SAM")."""
    names, short = set(), set()
    path = os.path.join(SHARED, "partyfacts-parties", "parties.tsv")
    if os.path.exists(path):
        with open(path, encoding="utf-8") as f:
            for row in csv.DictReader(f, delimiter="\t"):
                for part in (row.get("name_english") or "").split("/"):
                    n = norm(part)
                    if len(n.split()) >= 2 or n.endswith("party"):
                        names.add(n)
                s = (row.get("name_short") or "").strip()
                if len(s) >= 3 and s.isupper():
                    short.add(s)
    else:
        print(f"(no {path}: no party names)")
    return names, short


def group_labels():
    """The collective labels of groups.txt ("Tories", "Muslims"): never one person."""
    with open(os.path.join(NLP_DATA, "groups.txt"), encoding="utf-8") as f:
        plural = {norm(l) for l in f if not l.startswith("#") and l.strip()}
    # And their singulars, the adjective of a party or faith ("Tory", "Muslim").
    singular = set()
    for l in plural:
        if l.endswith("ies"):
            singular.add(l[:-3] + "y")
        elif l.endswith("s"):
            singular.add(l[:-1])
    return plural, singular


def is_title(name, titles):
    words = norm(name).split()
    return bool(words) and (norm(name) in titles or all(w in titles for w in words))


def why_bad(name, titles, parties, groups):
    n = norm(name)
    names, short = parties
    if is_title(name, titles):
        return "title"
    if n in names or n.endswith(" party") or name.strip() in short:
        return "party"
    plural, singular = groups
    if n in plural or n in singular:
        return "group"
    # A label kept in front of a name: "Muslims in the UK", "Tory Edward Turnour" (a
    # singular label only before a full name: "Christian Slater" is a name).
    words = n.split()
    if len(words) >= 2 and (words[0] in plural or (words[0] in singular and len(words) >= 3)):
        return "label"
    return None


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    db = sqlite3.connect(os.path.join(sys.argv[1], "newsgraph.sqlite"))
    persons = db.execute(
        "SELECT key, name, mention_count, article_count FROM entities WHERE kind = 'person'"
    ).fetchall()
    titles, parties, groups = title_words(), party_names(), group_labels()

    print("== 1. persons whose canonical name is a title, a party or a group label")
    bad = [(k, n, m, a, why_bad(n, titles, parties, groups)) for k, n, m, a in persons]
    bad = [r for r in bad if r[4]]
    bad.sort(key=lambda r: -r[2])
    for k, n, m, a, why in bad:
        print(f"  {why:5}  {n!r:32} {k:40} {m:4} mentions in {a} articles")
    print(f"  {len(bad)} of {len(persons)} persons "
          f"({sum(r[2] for r in bad)} mentions)")

    print("\n== 2. pronoun quotes against a speaker of the other gender")
    print("  query:\n    " + PRONOUN_SQL.replace("\n", "\n    "))
    rows = db.execute(PRONOUN_SQL).fetchall()
    for r in rows:
        print("  ", r)
    print(f"  {len(rows)} such quotes")
    print("  pronoun speakers by the speaker's gender:")
    for p, g, c in db.execute(UNKNOWN_SQL):
        print(f"    {p:4} -> {g:8} {c}")

    print("\n== 3. the 20 most mentioned people")
    top = sorted(persons, key=lambda r: -r[2])[:20]
    for k, n, m, a in top:
        aliases = db.execute(
            "SELECT spelling, count FROM entity_aliases WHERE key = ? ORDER BY count DESC, spelling",
            (k,),
        ).fetchall()
        surname = norm(n).split()[-1] if norm(n) else ""
        others = [
            (k2, n2, m2, a2) for k2, n2, m2, a2 in persons
            if k2 != k and surname and norm(n2).split()[-1:] == [surname]
        ]
        others.sort(key=lambda r: -r[2])
        al = ", ".join(f"{s} ×{c}" for s, c in aliases)
        print(f"  {n} ({k}): {m} mentions in {a} articles; {len(aliases)} spellings: {al}")
        if others:
            o = "; ".join(f"{n2} ({k2}) {a2} art." for k2, n2, m2, a2 in others[:6])
            more = f" … +{len(others) - 6}" if len(others) > 6 else ""
            print(f"      same surname elsewhere: {o}{more}")


if __name__ == "__main__":
    main()
