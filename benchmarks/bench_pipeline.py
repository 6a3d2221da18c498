"""Throughput and peak memory of ingest + clean + analyze over SaudiNewsNet.

Prints articles/s for each step next to the baseline measured in the same run: reading the
ZIP files and decoding their JSON (the least any reader must do). Peak memory is the
resident set size high-water mark of this process, measured per step in a fresh child
process so one step's garbage does not inflate the next.

    .venv/bin/python benchmarks/bench_pipeline.py [--limit N] [--stages clean,analyze,dates,entities,summarize]

``--stage-table`` instead prints CPU ms per article of every step on the per-article path, on
the first ``--limit`` records, in one process: reading the records (the baseline: ZIP + JSON
only, then the readers' Documents), cleaning, each per-article stage, shipping the results
from a worker to the main process (pickle out and back, in chunks as the pool sends them)
and writing them to a fresh SQLite store (rows + search index). Where the code makes the
store rows and search values in the worker (``store.sqlite.prepare_article``), that is its
own step and the workers ship those; older code ships whole articles to ``add_articles``.

    nice -n 10 .venv/bin/python benchmarks/bench_pipeline.py --stage-table --limit 3000 [--profile OUT]
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


def stage_table(limit: int, profile: Path | None) -> None:
    import cProfile
    import gc
    import pickle
    import tempfile

    from marsad.clean import CleanError, clean_document
    from marsad.ingest import read_sources
    from marsad.model import Document
    from marsad.pipeline import ARTICLE_STAGES, Settings
    from marsad.store import open_store

    clock = time.process_time
    t = clock()
    n_base = baseline(limit)
    t_base = clock() - t
    settings = Settings()
    cost: dict[str, float] = {}

    def add(name: str, began: float) -> float:
        now = clock()
        cost[name] = cost.get(name, 0.0) + now - began
        return now

    # The per-article stages run in worker processes: where the code tunes a worker's
    # garbage collector, do what a worker does (see pipeline._worker_init).
    from marsad import pipeline

    thresholds = getattr(pipeline, "_WORKER_GC_THRESHOLDS", None)
    if thresholds:
        gc.freeze()
        gc.set_threshold(*thresholds)
    in_gc = [0.0, 0.0]

    def gc_clock(phase: str, info: dict) -> None:
        if phase == "start":
            in_gc[1] = clock()
        else:
            in_gc[0] += clock() - in_gc[1]

    gc.callbacks.append(gc_clock)
    prof = cProfile.Profile() if profile else None
    if prof:
        prof.enable()
    t = clock()
    docs = []
    for doc in read_sources([CORPUS]):
        if len(docs) >= limit:
            break
        docs.append(doc)
    t = add("read: records -> Documents", t)
    articles = []
    for doc in docs:
        if not isinstance(doc, Document):
            continue
        t = clock()
        try:
            article = clean_document(doc, settings.clean)
        except CleanError:
            continue
        t = add("clean", t)
        for name, stage in ARTICLE_STAGES:
            article = stage(article, settings)
            t = add(name, t)
        articles.append(article)
        if thresholds and len(articles) == settings.chunk_size:
            gc.freeze()  # (a worker does so after its first chunk)
    try:  # workers send articles back as the store writes them (since issue 16, session 4)
        from marsad.store.sqlite import prepare_article
    except ImportError:  # older code: whole articles, made into rows by add_articles
        prepare_article = None
    t = clock()
    if prepare_article is not None:
        articles = [prepare_article(a) for a in articles]
    t = add("store row + search values (worker)", t)
    chunk = settings.chunk_size
    shipped = []
    for i in range(0, len(articles), chunk):
        shipped += pickle.loads(pickle.dumps(articles[i : i + chunk], pickle.HIGHEST_PROTOCOL))
    t = add("ship: worker -> main (pickle)", t)
    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(Path(tmp) / "t.db")
        t = clock()
        for i in range(0, len(shipped), 500):
            store.add_articles(shipped[i : i + 500])
        add("store: add_articles", t)
        store.close()
    if prof:
        prof.disable()
        prof.dump_stats(str(profile))
    gc.callbacks.remove(gc_clock)
    n = len(docs)
    print(f"{n} records (first of SaudiNewsNet), {len(articles)} articles; CPU ms per record")
    print(f"{'step':36}{'ms/record':>10}{'x reading':>11}")
    base = 1000 * t_base / max(1, n_base)
    print(f"{'baseline: read zip + json':36}{base:10.3f}{1.0:11.1f}")
    total = 0.0
    for name, secs in cost.items():
        ms = 1000 * secs / max(1, n)
        total += ms
        print(f"{name:36}{ms:10.3f}{ms / base:11.1f}")
    print(f"{'total per-article path':36}{total:10.3f}{total / base:11.1f}")
    ms = 1000 * in_gc[0] / max(1, n)
    tuned = "worker GC settings" if thresholds else "default GC settings"
    print(f"{'  of which in the cyclic GC':36}{ms:10.3f}{ms / base:11.1f}  ({tuned})")
    print(f"= {1000 / total:.1f} records/CPU-s beside reading at {1000 / base:.0f}/CPU-s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--limit", type=int, default=10**9)
    parser.add_argument("--stages", default="clean,analyze")
    parser.add_argument("--stage-table", action="store_true", help="CPU ms/article of each step")
    parser.add_argument(
        "--profile", type=Path, default=None, help="with --stage-table: cProfile to this file"
    )
    args = parser.parse_args()
    if not CORPUS.exists():
        raise SystemExit(f"corpus not found: {CORPUS}")
    if args.stage_table:
        stage_table(min(args.limit, 10**6) if args.limit < 10**9 else 3000, args.profile)
        return
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
