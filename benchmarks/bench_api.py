"""Latency of the web pages and JSON API under bounded concurrent load, on loopback.

    .venv/bin/python benchmarks/bench_api.py [--store PATH] [--articles N] [--scale K]
                                             [--requests R] [--concurrency C]

Without an existing ``--store`` it builds one with the pipeline from the first N
SaudiNewsNet articles (``--articles 0`` = all 31,030); ``--scale K`` then serves a store K
times larger made of renamed copies (see :func:`scale_store`). It starts
``marsad.web.serve`` in a child process on 127.0.0.1 (one uvicorn worker, as ``marsad
serve`` runs) and sends R requests per endpoint over sampled ids — all endpoints shuffled
into one stream, C in flight at a time (httpx) — so the baseline ``/api/health`` (routing
and JSON only, no store) is measured under the same conditions as the pages. Prints
p50/p95/max in ms and p95 as a ratio to the baseline's p95. Search runs in a second stream.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import multiprocessing as mp
import random
import socket
import statistics
import tempfile
import time
import zipfile
from pathlib import Path

import httpx

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "saudinewsnet" / "dataset"
QUERIES = ["السعودية", "وزير الخارجية", "الرياض", "مجلس الوزراء", "النفط", "الهلال"]


def build_store(articles: int, folder: Path, store: Path | None = None) -> Path:
    from marsad.pipeline import Settings, run

    store = store or folder / "snn.db"
    if articles == 0:
        sources = [CORPUS]
    else:  # the first N records, in day order, as one JSONL file outside the repository
        sample = folder / "snn.jsonl"
        n = 0
        with sample.open("w", encoding="utf-8") as out:
            for path in sorted(CORPUS.glob("*.zip")):
                with zipfile.ZipFile(path) as zf:
                    for name in sorted(zf.namelist()):
                        for rec in json.loads(zf.read(name)):
                            if n < articles:
                                out.write(json.dumps(rec, ensure_ascii=False) + "\n")
                                n += 1
        sources = [sample]
    started = time.perf_counter()
    run(sources, Settings(store=store))
    print(f"built {store} in {time.perf_counter() - started:.0f} s")
    return store


def scale_store(src: Path, dst: Path, times: int) -> Path:
    """A store ``times`` as large, made of renamed copies of every record of ``src``.

    By-id pages cost B-tree lookups plus the size of one record, so copies of real pipeline
    output give the latencies of a store of that size without hours of pipeline time. Copies
    are made in SQL (ids get a "-k" suffix inside rows and their JSON, search index made
    again from them); entities are shared, so common names grow with the copies as in a real archive.
    Nested citations inside summaries keep pointing at the first copy.
    """
    import sqlite3

    started = time.perf_counter()
    db = sqlite3.connect(dst)
    with sqlite3.connect(f"file:{src}?mode=ro", uri=True) as source:
        source.backup(db)  # the first copy, WAL contents included
    db.execute("ATTACH DATABASE ? AS src", (f"file:{src}?mode=ro",))
    from marsad.arabic import normalize
    from marsad.store.sqlite import _stems, article_row_functions

    db.create_function("fts_norm", 1, lambda text: normalize(text or ""), deterministic=True)
    db.create_function("fts_stems", 1, _stems, deterministic=True)
    article_row_functions(db)  # rows are zlib'd JSON: row_json() to edit them, row_blob() back
    step = db.execute("SELECT max(rowid) FROM src.articles").fetchone()[0] + 1

    def suffixed(array: str, sfx: str) -> str:
        return f"(SELECT json_group_array(value || '{sfx}') FROM json_each(row_json(data), '$.{array}'))"

    with db:
        for k in range(1, times):
            sfx = f"-{k}"
            db.execute(
                f"""INSERT INTO articles(rowid, id, origin, outlet, url, title, published, duplicate_of,
                event_id, data) SELECT rowid + {k * step}, id || '{sfx}', origin, outlet, url, title,
                published, duplicate_of || '{sfx}', event_id || '{sfx}',
                row_blob(json_set(row_json(data), '$.id', id || '{sfx}', '$.event_id', event_id || '{sfx}',
                         '$.duplicate_of', duplicate_of || '{sfx}'))
                FROM src.articles"""
            )
            db.execute(  # the index is contentless: its columns are made again from the articles
                f"INSERT INTO articles_fts(rowid, title, body, stems)"
                f" SELECT rowid + {k * step}, fts_norm(title), fts_norm(json_extract(row_json(data), '$.body')),"
                f" fts_stems(coalesce(title, '') || ' ' || json_extract(row_json(data), '$.body')) FROM src.articles"
            )
            db.execute(
                f"INSERT INTO entity_articles SELECT entity_id, article_id || '{sfx}' FROM src.entity_articles"
            )
            db.execute(
                f"""INSERT INTO events SELECT id || '{sfx}', date, story_id || '{sfx}', n_articles,
                row_blob(json_set(row_json(data), '$.id', id || '{sfx}', '$.story_id', story_id || '{sfx}',
                         '$.articles', json({suffixed("articles", sfx)}),
                         '$.mentioned_by', json({suffixed("mentioned_by", sfx)})))
                FROM src.events"""
            )
            db.execute(
                f"""INSERT INTO stories SELECT id || '{sfx}', date, date_end, n_events,
                row_blob(json_set(row_json(data), '$.id', id || '{sfx}', '$.events', json({suffixed("events", sfx)})))
                FROM src.stories"""
            )
        db.execute(f"UPDATE entities SET mention_count = mention_count * {times}")
    db.close()
    print(f"scaled {src.name} x{times} into {dst} in {time.perf_counter() - started:.0f} s")
    return dst


def sample_ids(store_path: Path, k: int, seed: int = 7) -> dict[str, list[str]]:
    """Ids to request: the busiest stories and events (the heaviest pages) plus random ones."""
    from marsad.store import open_store

    rng = random.Random(seed)
    store = open_store(store_path, read_only=True)
    try:
        stories = [s.id for s in store.list_stories(limit=k).items]
        events = store.db.execute(  # SQLite store: the events with most articles, then random
            "SELECT id FROM events ORDER BY n_articles DESC LIMIT ?", (k // 2,)
        ).fetchall()
        random_events = store.db.execute("SELECT id FROM events ORDER BY random() LIMIT ?", (k,)).fetchall()
        articles = store.db.execute("SELECT id FROM articles ORDER BY random() LIMIT ?", (k,)).fetchall()
        counts = (store.article_count(), store.list_events(limit=1).total, store.list_stories(limit=1).total)
    finally:
        store.close()
    print(f"store: {counts[0]} articles, {counts[1]} events, {counts[2]} stories")
    ids = dict(
        story=stories,
        event=[r[0] for r in events] + [r[0] for r in random_events],
        article=[r[0] for r in articles],
    )
    for v in ids.values():
        rng.shuffle(v)
    return ids


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _serve(store: str, port: int) -> None:
    from marsad.web import serve

    serve(store, host="127.0.0.1", port=port)


async def measure(client: httpx.AsyncClient, calls: list[tuple[str, str]], concurrency: int) -> dict:
    """Latency in ms per endpoint name, with at most ``concurrency`` requests in flight."""
    gate = asyncio.Semaphore(concurrency)
    times: dict[str, list[float]] = {}

    async def one(name: str, url: str) -> None:
        async with gate:
            t0 = time.perf_counter()
            r = await client.get(url)
            times.setdefault(name, []).append((time.perf_counter() - t0) * 1000)
            if r.status_code != 200:
                raise RuntimeError(f"{url}: HTTP {r.status_code}")

    await asyncio.gather(*(one(name, url) for name, url in calls))
    return times


def endpoints(ids: dict[str, list[str]], n: int) -> dict[str, list[str]]:
    """Request paths per endpoint; search gets a fifth as many (each costs far more)."""

    def cycle(kind: str, pattern: str) -> list[str]:
        pool = ids[kind]
        return [pattern.format(pool[i % len(pool)]) for i in range(n)] if pool else []

    q = [f"/api/search?q={QUERIES[i % len(QUERIES)]}" for i in range(max(10, n // 5))]
    return {
        "baseline /api/health": ["/api/health"] * n,
        "static /static/style.css": ["/static/style.css"] * n,
        "api stories list": ["/api/stories"] * n,
        "api story": cycle("story", "/api/stories/{}"),
        "api event": cycle("event", "/api/events/{}"),
        "api article": cycle("article", "/api/articles/{}"),
        "api search": q,
        "html stories list": ["/"] * n,
        "html story": cycle("story", "/stories/{}"),
        "html event": cycle("event", "/events/{}"),
        "html article": cycle("article", "/articles/{}"),
    }


def _report(times: dict[str, list[float]], order: list[str], base: str) -> None:
    def p95(xs: list[float]) -> float:
        xs = sorted(xs)
        return xs[max(0, round(len(xs) * 0.95) - 1)]

    base_p95 = p95(times[base])
    print(f"{'endpoint':28} {'n':>5} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8} {'p95/base':>9}")
    for name in order:
        if name not in times:
            print(f"{name:28} (no ids in store)")
            continue
        xs = times[name]
        print(
            f"{name:28} {len(xs):5d} {statistics.median(xs):8.1f} {p95(xs):8.1f} {max(xs):8.1f}"
            f" {p95(xs) / base_p95:9.1f}"
        )


async def run_load(base: str, plan: dict[str, list[str]], concurrency: int) -> None:
    """All page and API requests shuffled into one stream, so load from anything else on the
    machine weighs on the baseline and the pages alike; search (much slower) runs on its own."""
    limits = httpx.Limits(max_connections=concurrency)
    search = {k: v for k, v in plan.items() if "search" in k}
    mixed = {k: v for k, v in plan.items() if k not in search}
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=60) as client:
        warm = [(name, url) for name, urls in plan.items() for url in urls[:3]]
        await measure(client, warm, concurrency)  # caches, connections and the thread pool
        calls = [(name, url) for name, urls in mixed.items() for url in urls]
        random.Random(11).shuffle(calls)
        t0 = time.perf_counter()
        times = await measure(client, calls, concurrency)
        wall = time.perf_counter() - t0
        print(f"mixed stream: {len(calls)} requests in {wall:.1f} s ({len(calls) / wall:.0f} req/s)")
        _report(times, list(mixed), "baseline /api/health")
        calls = [(name, url) for name, urls in search.items() for url in urls]
        calls += [("baseline /api/health", "/api/health")] * len(calls)
        random.Random(12).shuffle(calls)
        print("search stream (with health checks interleaved):")
        _report(
            await measure(client, calls, concurrency),
            ["baseline /api/health", *search],
            "baseline /api/health",
        )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--store", type=Path, help="a Marsad store; built there first if it does not exist")
    ap.add_argument(
        "--articles", type=int, default=2000, help="SaudiNewsNet articles to build from (0 = all)"
    )
    ap.add_argument(
        "--scale", type=int, default=1, help="serve a store this many times larger (renamed copies)"
    )
    ap.add_argument("--requests", type=int, default=200, help="requests per endpoint")
    ap.add_argument("--concurrency", type=int, default=8, help="requests in flight at once")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="marsad-bench-") as tmp:
        if args.store and args.store.exists():
            store = args.store
        else:
            store = build_store(args.articles, Path(tmp), args.store)
        if args.scale > 1:
            store = scale_store(store, Path(tmp) / f"scaled-x{args.scale}.db", args.scale)
        ids = sample_ids(store, 60)
        port = free_port()
        server = mp.get_context("spawn").Process(target=_serve, args=(str(store), port), daemon=True)
        server.start()
        base = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + 30
            while True:
                try:
                    httpx.get(base + "/api/health", timeout=1)
                    break
                except httpx.TransportError:
                    if time.monotonic() > deadline or not server.is_alive():
                        raise SystemExit("the server did not start") from None
                    time.sleep(0.2)
            print(
                f"server {base} (1 uvicorn worker); {args.requests} requests/endpoint, {args.concurrency} in flight"
            )
            asyncio.run(run_load(base, endpoints(ids, args.requests), args.concurrency))
        finally:
            server.terminate()
            server.join(10)


if __name__ == "__main__":
    main()
