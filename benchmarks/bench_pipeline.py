"""Throughput and peak memory of ingest + clean + analyze over SaudiNewsNet.

Prints articles/s for each step next to the baseline measured in the same run: reading the
ZIP files and decoding their JSON (the least any reader must do). Peak memory is the
resident set size high-water mark of this process, measured per step in a fresh child
process so one step's garbage does not inflate the next.

    .venv/bin/python benchmarks/bench_pipeline.py [--limit N] [--stages clean,analyze,dates,entities,summarize]
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import resource
import time
import zipfile
from pathlib import Path

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "saudinewsnet" / "dataset"


def baseline(limit: int) -> int:
    n = 0
    for path in sorted(CORPUS.glob("*.zip")):
        with zipfile.ZipFile(path) as z:
            for name in z.namelist():
                n += len(json.loads(z.read(name)))
                if n >= limit:
                    return limit
    return n


def run_stages(limit: int, stages: list[str]) -> int:
    from marsad.clean import CleanError, clean_document
    from marsad.ingest import read_sources
    from marsad.model import Rejected
    from marsad.pipeline import ARTICLE_STAGES, Settings

    settings = Settings()
    table = dict(ARTICLE_STAGES)
    n = 0
    for doc in read_sources([CORPUS]):
        if n >= limit:
            break
        n += 1
        if isinstance(doc, Rejected) or "clean" not in stages:
            continue
        try:
            article = clean_document(doc, settings.clean)
        except CleanError:
            continue
        for name in stages[1:]:
            article = table[name](article, settings)
    return n


def _measure(target, args, queue):
    start = time.perf_counter()
    n = target(*args)
    elapsed = time.perf_counter() - start
    queue.put((n, elapsed, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024))


def measure(target, *args) -> tuple[int, float, float]:
    queue: mp.Queue = mp.Queue()
    proc = mp.get_context("fork").Process(target=_measure, args=(target, args, queue))
    proc.start()
    result = queue.get()
    proc.join()
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--limit", type=int, default=10**9)
    parser.add_argument("--stages", default="clean,analyze")
    args = parser.parse_args()
    if not CORPUS.exists():
        raise SystemExit(f"corpus not found: {CORPUS}")
    stages = args.stages.split(",")
    rows = [("baseline: read zip + json", *measure(baseline, args.limit))]
    for i in range(len(stages)):
        rows.append(
            ("ingest+" + "+".join(stages[: i + 1]), *measure(run_stages, args.limit, stages[: i + 1]))
        )
    base_rate = rows[0][1] / rows[0][2]
    print(f"{'step':45} {'articles':>9} {'seconds':>8} {'art/s':>9} {'× baseline time':>16} {'peak MB':>8}")
    for name, n, secs, peak in rows:
        rate = n / secs
        print(f"{name:45} {n:9d} {secs:8.1f} {rate:9.0f} {base_rate / rate:16.1f} {peak:8.0f}")


if __name__ == "__main__":
    main()
