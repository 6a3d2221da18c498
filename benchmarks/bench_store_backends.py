"""SQLite against PostgreSQL: writing, reading back and searching the same processed articles.

The articles are processed once (the per-article stages cost the same whatever the store), then
each backend gets the same work: ``add_articles`` in batches of 500 as ``pipeline.ingest`` does,
``replace_corpus`` with the corpus results, ``iter_articles``, and search. SQLite is the
baseline; every PostgreSQL figure is printed with its ratio to SQLite's.

    .venv/bin/python benchmarks/bench_store_backends.py [--limit 2000] [--postgres URL]

Without ``--postgres`` a throwaway server is started from the local PostgreSQL binaries (as in
the tests). The seeds are timed through the whole pipeline (``pipeline.run``) on each backend.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"


def timed(fn, *args, **kwargs) -> tuple[float, object]:
    start = time.perf_counter()
    out = fn(*args, **kwargs)
    return time.perf_counter() - start, out


def processed_articles(limit: int):
    from itertools import islice

    from marsad.ingest import read_sources
    from marsad.model import Rejected
    from marsad.pipeline import Settings, analyze_corpus, process_documents

    docs = [
        d
        for d in islice(read_sources([CORPUS / "saudinewsnet" / "dataset"]), limit)
        if not isinstance(d, Rejected)
    ]
    seconds, results = timed(lambda: list(process_documents(docs, Settings(workers=2))))
    articles = [a for a in results if not isinstance(a, Rejected)]
    print(
        f"processed {len(articles)} of {len(docs)} SaudiNewsNet articles in {seconds:.1f} s (same for both stores)"
    )
    return articles, analyze_corpus(articles, Settings())


def search_queries(corpus) -> list[str]:
    names = [e.name for e in sorted(corpus.entities, key=lambda e: -e.mention_count)[:40]]
    words = [a.title.split()[0] for a in corpus.articles[:: max(1, len(corpus.articles) // 20)] if a.title]
    return names + words + [f"{a} {b}" for a, b in zip(names[:10], names[10:20], strict=False)]


def measure(location, articles, corpus, queries) -> dict[str, float]:
    from marsad.store import open_store

    store = open_store(location)
    out: dict[str, float] = {}
    try:
        start = time.perf_counter()
        for i in range(0, len(articles), 500):
            store.add_articles(articles[i : i + 500])
        out["add_articles (s)"] = time.perf_counter() - start
        out["replace_corpus (s)"], _ = timed(
            store.replace_corpus,
            entities=corpus.entities,
            events=corpus.events,
            stories=corpus.stories,
            duplicates=corpus.duplicates,
            articles=corpus.articles,
        )
        out["iter_articles (s)"], _ = timed(lambda: sum(1 for _ in store.iter_articles()))
        for q in queries[:5]:
            store.search(q)  # warm caches
        latencies = []
        for q in queries:
            seconds, _ = timed(store.search, q, limit=20)
            latencies.append(seconds * 1000)
        latencies.sort()
        out["search median (ms)"] = statistics.median(latencies)
        out["search p95 (ms)"] = latencies[int(0.95 * (len(latencies) - 1))]
    finally:
        store.close()
    return out


def seeds_pipeline(location, out: Path) -> float:
    from marsad.pipeline import Settings, run

    seconds, _ = timed(run, [CORPUS / "seeds"], Settings(store=location, workers=1), out)
    return seconds


def report(title: str, lite: dict[str, float], pg: dict[str, float]) -> None:
    print(f"\n{title}")
    print(f"{'':24}{'SQLite':>10}{'PostgreSQL':>12}{'ratio':>8}")
    for key, base in lite.items():
        print(f"{key:24}{base:10.3f}{pg[key]:12.3f}{pg[key] / base if base else float('nan'):8.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--limit", type=int, default=2000)
    parser.add_argument(
        "--postgres", default=None, help="URL of an empty database (default: a throwaway server)"
    )
    args = parser.parse_args()
    server = None
    if args.postgres is None:
        sys.path.insert(0, str(ROOT / "tests" / "store_pg"))
        from pg_server import start_server

        server = start_server()
        pg = next(server)
        urls = iter(pg.new_database() for _ in range(2))
    else:
        urls = iter([args.postgres])
    try:
        with tempfile.TemporaryDirectory() as tmp:
            work = Path(tmp)
            if (CORPUS / "seeds").exists() and server is not None:  # needs a second database
                seeds_pipeline(work / "warm.db", work / "r0")  # imports and lazy models load once
                seeds = {"pipeline.run (s)": seeds_pipeline(work / "seeds.db", work / "r1")}
                seeds_pg = {"pipeline.run (s)": seeds_pipeline(next(urls), work / "r2")}
                report("seeds: whole pipeline (ingest, corpus, report)", seeds, seeds_pg)
            articles, corpus = processed_articles(args.limit)
            queries = search_queries(corpus)
            lite = measure(work / "snn.db", articles, corpus, queries)
            pg_figures = measure(next(urls), articles, corpus, queries)
            report(f"{len(articles)} SaudiNewsNet articles, {len(queries)} search queries", lite, pg_figures)
    finally:
        if server is not None:
            server.close()


if __name__ == "__main__":
    main()
