#!/usr/bin/env python3
"""The peer of `newsgraph eval stories`: scikit-learn TF-IDF + agglomerative clustering
(cosine distance, average link), which sees every article at once.

Input (stdin or --input): JSON Lines {"id", "group", "text", "published"?}. Each group is
clustered on its own. With --window N, pairs published more than N days apart get
distance 1 (the windowed variant quoted for dated sets). Output: JSON Lines
{"id", "group", "label"} and, on stderr, the time taken.
"""
import argparse
import datetime
import json
import sys
import time

import numpy as np
from sklearn.cluster import AgglomerativeClustering
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics.pairwise import cosine_distances


def cluster(docs, threshold, window):
    if len(docs) == 1:
        return [0]
    x = TfidfVectorizer(stop_words="english", sublinear_tf=True).fit_transform(
        [d["text"] for d in docs]
    )
    dist = cosine_distances(x)
    if window is not None:
        days = np.array(
            [
                datetime.date.fromisoformat(d["published"][:10]).toordinal()
                if d.get("published")
                else 0
                for d in docs
            ]
        )
        far = np.abs(days[:, None] - days[None, :]) > window
        dist[far] = 1.0
    model = AgglomerativeClustering(
        n_clusters=None,
        metric="precomputed",
        linkage="average",
        distance_threshold=threshold,
    )
    return model.fit_predict(dist).tolist()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--input", default="-")
    ap.add_argument("--threshold", type=float, default=0.85)
    ap.add_argument("--window", type=int, default=None)
    a = ap.parse_args()
    f = sys.stdin if a.input == "-" else open(a.input, encoding="utf-8")
    groups = {}
    for line in f:
        if line.strip():
            d = json.loads(line)
            groups.setdefault(d["group"], []).append(d)
    t0 = time.process_time()
    for g, docs in groups.items():
        for d, label in zip(docs, cluster(docs, a.threshold, a.window)):
            print(json.dumps({"id": d["id"], "group": g, "label": f"{g}:{label}"}))
    print(f"peer: {sum(map(len, groups.values()))} docs clustered in {time.process_time() - t0:.2f}s CPU", file=sys.stderr)


if __name__ == "__main__":
    main()
