#!/usr/bin/env python3
"""Cost of writing 40 LSH band rows per article into a SQLite B-tree of N articles.

The embedded store's schema 4 kept the near-duplicate bands in `lsh_bands (band, seq)
WITHOUT ROWID`; band keys are uniform hashes, so each article's rows land on random
leaf pages. This builds such a table for N articles (same pragmas as the store's
writer: WAL, synchronous NORMAL, 64 MB cache), then times 8 more batches of 256
articles and prints CPU and wall ms per article. It is why the bands moved to the
writer's memory (crates/store/src/embedded/band_index.rs).

    python3 bench/stories/band_inserts.py 10000; python3 bench/stories/band_inserts.py 100000
"""
import os
import random
import sqlite3
import sys
import tempfile
import time

BATCH, BANDS = 256, 40


def batch(c, r, seq):
    c.execute("BEGIN")
    c.executemany(
        "INSERT INTO lsh_bands VALUES (?, ?)",
        [(r.getrandbits(63), seq + i // BANDS) for i in range(BATCH * BANDS)],
    )
    c.execute("COMMIT")


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    with tempfile.TemporaryDirectory() as d:
        c = sqlite3.connect(os.path.join(d, "bands.db"), isolation_level=None)
        for p in ("journal_mode=WAL", "synchronous=NORMAL", "cache_size=-65536"):
            c.execute(f"PRAGMA {p}")
        c.execute(
            "CREATE TABLE lsh_bands (band INTEGER NOT NULL, seq INTEGER NOT NULL,"
            " PRIMARY KEY (band, seq)) WITHOUT ROWID"
        )
        r = random.Random(1)
        seq = 0
        while seq < n:
            batch(c, r, seq)
            seq += BATCH
        cpu, wall = time.process_time(), time.time()
        for _ in range(8):
            batch(c, r, seq)
            seq += BATCH
        k = 8 * BATCH
        print(
            f"{n} stored: {(time.process_time() - cpu) * 1000 / k:.3f} ms CPU, "
            f"{(time.time() - wall) * 1000 / k:.3f} ms wall per article"
        )


if __name__ == "__main__":
    main()
