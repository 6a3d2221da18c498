"""Throughput of the clean stage over SaudiNewsNet, as a ratio to reading + JSON decoding.

    .venv/bin/python benchmarks/bench_clean.py [DATASET_DIR]

Both passes read the same zips in the same run; the clean pass also builds a Document per
record and calls clean_document (rejections are counted, not failures). Wall-clock and
CPU (process) time are both printed: on a shared machine the CPU figures are the stable ones.
"""

from __future__ import annotations

import json
import sys
import time
import zipfile
from collections import Counter
from pathlib import Path

from marsad.clean import CleanError, clean_document
from marsad.model import Document

REPO = Path(__file__).resolve().parents[1]
DEFAULT = REPO / ".." / "shared" / "corpus" / "saudinewsnet" / "dataset"


def records(folder: Path):
    for path in sorted(folder.glob("*.zip")):
        with zipfile.ZipFile(path) as zf:
            for name in zf.namelist():
                for n, rec in enumerate(json.loads(zf.read(name))):
                    yield f"{path.name}!{name}#{n}", rec


def to_document(origin: str, rec: dict) -> Document:
    return Document(
        doc_id=origin,
        text=rec.get("content") or "",
        origin=origin,
        format="saudinewsnet",
        outlet=rec.get("source"),
        url=rec.get("url"),
        title=rec.get("title"),
        author=rec.get("author"),
        published=rec.get("date_extracted"),
    )


def main() -> None:
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT
    if not folder.is_dir():
        sys.exit(f"no corpus at {folder}")
    t0, c0 = time.perf_counter(), time.process_time()
    n_base = sum(1 for _ in records(folder))
    base, base_cpu = time.perf_counter() - t0, time.process_time() - c0

    rejected: Counter[str] = Counter()
    t0, c0 = time.perf_counter(), time.process_time()
    n = 0
    for origin, rec in records(folder):
        n += 1
        try:
            clean_document(to_document(origin, rec))
        except CleanError as err:
            rejected[err.reason] += 1
    total, total_cpu = time.perf_counter() - t0, time.process_time() - c0

    print(f"articles: {n} (baseline read {n_base})")
    print(f"baseline read+json: {n_base / base:,.0f} articles/s ({base:.2f} s)")
    print(f"read+json+clean:    {n / total:,.0f} articles/s ({total:.2f} s)")
    print(f"clean only:         {n / max(total - base, 1e-9):,.0f} articles/s")
    print(f"ratio (clean pipeline / baseline time): {total / base:.1f}x")
    # CPU time is what one core spends, whatever else runs on the machine.
    print(
        f"CPU: baseline {base_cpu:.2f} s, clean pipeline {total_cpu:.2f} s, ratio {total_cpu / base_cpu:.1f}x,"
    )
    print(f"     clean only {n / max(total_cpu - base_cpu, 1e-9):,.0f} articles per CPU-second")
    print(f"rejected: {dict(rejected)}")


if __name__ == "__main__":
    main()
