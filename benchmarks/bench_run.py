"""The whole ``marsad run`` over SaudiNewsNet: articles per CPU-second, peak memory, store size.

    nice -n 10 .venv/bin/python benchmarks/bench_run.py [--limit N] [--workers 2] [--keep DIR] [--hold-out N]

Baseline, measured in the same run: reading the same records (ZIP, JSON, one Document each),
the least any run must do. Then ``pipeline.run`` into a fresh store: CPU seconds of this
process and its workers, articles per CPU-second, peak resident memory of this process and
of the largest worker, the corpus stages' CPU ms per article, and the store's bytes per
article.
"""

from __future__ import annotations

import argparse
import json
import resource
import sqlite3
import tempfile
import time
import zipfile
from pathlib import Path

from marsad import pipeline
from marsad.ingest import read_sources

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "saudinewsnet" / "dataset"


def cpu() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def hold_out(day: Path, n: int, work: Path) -> list[Path]:
    """The last day file as two JSON files: all but its last ``n`` records (read by the run) and
    those ``n`` (``held.json``, left for a later update)."""
    records: list[dict] = []
    with zipfile.ZipFile(day) as zf:
        for name in sorted(zf.namelist()):
            records.extend(json.loads(zf.read(name)))
    kept, held = work / f"{day.stem}.json", work / "held.json"
    kept.write_text(json.dumps(records[:-n], ensure_ascii=False), encoding="utf-8")
    held.write_text(json.dumps(records[-n:], ensure_ascii=False), encoding="utf-8")
    return [kept]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--limit", type=int, default=None, help="first N day files only")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--keep", type=Path, default=None, help="write the store in this folder")
    ap.add_argument("--corpus", type=Path, default=CORPUS, help="the SaudiNewsNet dataset folder")
    ap.add_argument(
        "--hold-out",
        type=int,
        default=0,
        help="leave the last N records of the last day out of the run; they go to DIR/held.json"
        " (for bench_incremental.py --grown)",
    )
    args = ap.parse_args()
    days = sorted(args.corpus.glob("*.zip"))[: args.limit]
    work = args.keep or Path(tempfile.mkdtemp(prefix="bench-run-"))
    work.mkdir(parents=True, exist_ok=True)
    if args.hold_out:
        days[-1:] = hold_out(days[-1], args.hold_out, work)
    db = work / "run.db"
    db.unlink(missing_ok=True)

    start = cpu()
    records = sum(1 for _ in read_sources(days))
    t_read = cpu() - start

    settings = pipeline.Settings(store=db, workers=args.workers)
    wall = time.time()
    start = cpu()
    result = pipeline.run(days, settings)
    t_run = cpu() - start
    wall = time.time() - wall
    corpus = result.corpus
    assert corpus is not None
    n = result.new_articles
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    worker = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    con = sqlite3.connect(db)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    size = con.execute("PRAGMA page_count").fetchone()[0] * con.execute("PRAGMA page_size").fetchone()[0]
    con.close()

    print(
        f"SaudiNewsNet: {len(days)} day files, {records} records -> {n} articles ({len(result.rejected)} rejected)"
    )
    print(f"workers {args.workers}; wall {wall:.0f} s; store {db}")
    print(f"\n{'step':44}{'CPU-s':>10}{'art/CPU-s':>11}")
    print(f"{'baseline: read the records (zip+json)':44}{t_read:10.1f}{records / t_read:11.1f}")
    print(f"{'marsad run (per-article + store + corpus)':44}{t_run:10.1f}{n / t_run:11.1f}")
    print(f"\npeak RSS: main process {own:.0f} MB, largest worker {worker:.0f} MB")
    print(f"store: {size / 1e6:.1f} MB = {size / 1024 / max(1, n):.1f} KB/article")
    print(f"events {corpus.n_events}, stories {corpus.n_stories}, entities {corpus.n_entities}")
    total = sum(corpus.timings.values())
    print(f"\ncorpus stages: {total:.1f} CPU-s = {1000 * total / max(1, n):.2f} ms/article")
    for name, secs in corpus.timings.items():
        print(f"  {name:20}{1000 * secs / max(1, n):8.2f} ms/article")


if __name__ == "__main__":
    main()
