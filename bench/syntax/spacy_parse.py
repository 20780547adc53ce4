"""spaCy en_core_web_sm as the peer of `newsgraph eval syntax`.

Reads JSON Lines {"text", "paragraphs": [[start, end], ...]} on stdin (spans in code
points), runs spaCy over each paragraph (the blocks newsgraph also treats as sentence
boundaries) and writes one JSON line per document: tokens with code-point spans, UPOS,
lemma, head (index into the document's tokens, -1 for a root), relation, and sentences.
Whitespace tokens are dropped (they are not words).
"""
import json
import sys

import en_core_web_sm


def main():
    nlp = en_core_web_sm.load()
    for line in sys.stdin:
        doc_in = json.loads(line)
        text = doc_in["text"]
        tokens, sentences = [], []
        for start, end in doc_in["paragraphs"]:
            doc = nlp(text[start:end])
            index = {}
            for t in doc:
                if not t.is_space:
                    index[t.i] = len(tokens) + len(index)
            base = len(tokens)
            for t in doc:
                if t.is_space:
                    continue
                head = -1 if t.head.i == t.i else index.get(t.head.i, -1)
                tokens.append({
                    "span": [start + t.idx, start + t.idx + len(t.text)],
                    "pos": t.pos_,
                    "lemma": t.lemma_,
                    "head": head,
                    "dep": "root" if t.dep_ == "ROOT" else t.dep_,
                })
            assert len(tokens) == base + len(index)
            for s in doc.sents:
                words = [t for t in s if not t.is_space]
                if words:
                    sentences.append([start + words[0].idx, start + words[-1].idx + len(words[-1].text)])
        print(json.dumps({"tokens": tokens, "sentences": sentences}))


if __name__ == "__main__":
    main()
