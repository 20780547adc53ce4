"""Runs newsgraph and trafilatura on the same HTML pages, one after the other, each
single-threaded, and prints throughput, the ratio and newsgraph's peak RSS. Also prints
the ratio of CPU time (user + system) of both, which holds on a busy machine where
wall-clock throughput depends on what else runs at the time."""
import argparse
import gzip
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def prepare(wcxb: Path, n: int, out: Path) -> list[Path]:
    files = sorted((wcxb / "html").glob("*.html.gz"))[:n]
    if not files:
        sys.exit(f"no pages under {wcxb}/html")
    paths = []
    for f in files:
        p = out / f.name[: -len(".gz")]
        p.write_bytes(gzip.decompress(f.read_bytes()))
        paths.append(p)
    return paths


def run_newsgraph(binary: str, folder: Path, extractor: str | None) -> tuple[float, int, int, float]:
    cmd = [binary, "extract", "--clean-only", "--format", "jsonl", str(folder)]
    if extractor:
        cmd += ["--extractor", extractor]
    env = dict(os.environ, RAYON_NUM_THREADS="1")
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env)
    records = 0
    assert proc.stdout is not None
    for _ in proc.stdout:
        records += 1
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - t0
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"newsgraph failed: {cmd}")
    return elapsed, records, usage.ru_maxrss, usage.ru_utime + usage.ru_stime  # KiB on Linux


def run_trafilatura(paths: list[Path]) -> tuple[float, int, float]:
    import trafilatura

    c0 = time.process_time()
    t0 = time.perf_counter()
    ok = 0
    for p in paths:
        html = p.read_bytes()
        text = trafilatura.extract(html, include_comments=False, with_metadata=True, output_format="json")
        ok += text is not None
    return time.perf_counter() - t0, ok, time.process_time() - c0


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=300)
    ap.add_argument("--wcxb", type=Path, required=True)
    ap.add_argument("--bin", required=True)
    ap.add_argument("--extractor")
    a = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="ng-bench-extraction-") as d:
        paths = prepare(a.wcxb, a.n, Path(d))
        n = len(paths)
        # Warm the page cache for both.
        for p in paths:
            p.read_bytes()
        ng_s, ng_records, ng_rss, ng_cpu = run_newsgraph(a.bin, Path(d), a.extractor)
        tr_s, tr_ok, tr_cpu = run_trafilatura(paths)
    ng_rate = n / ng_s
    tr_rate = n / tr_s
    print(f"pages: {n} (WCXB dev articles), single thread each")
    print(f"newsgraph extract --clean-only{' --extractor ' + a.extractor if a.extractor else ''}: "
          f"{ng_s:.2f} s, {ng_rate:.1f} docs/s, {ng_records} records, peak RSS {ng_rss / 1024:.1f} MiB")
    print(f"trafilatura.extract (with metadata): {tr_s:.2f} s, {tr_rate:.1f} docs/s, {tr_ok} extracted")
    print(f"ratio newsgraph / trafilatura: {ng_rate / tr_rate:.2f}x")
    print(f"CPU time: newsgraph {ng_cpu:.2f} s, trafilatura {tr_cpu:.2f} s, ratio {tr_cpu / max(ng_cpu, 1e-9):.2f}x")


if __name__ == "__main__":
    main()
