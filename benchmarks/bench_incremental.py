"""Incremental corpus updates against recomputing from scratch, on real SaudiNewsNet records.

    nice -n 10 .venv/bin/python benchmarks/bench_incremental.py --base 8000 --add 500 --small 5

Steps (CPU seconds of this process and its worker processes, each figure beside its baseline):

1. ingest the first BASE records (per-article stages) and build the corpus state;
2. add the next ADD records: per-article stages for them + an incremental corpus update;
   baseline: the same BASE+ADD articles from scratch (their per-article stages, which are the
   same work per document as steps 1 and 2 measured, + the corpus stages over all of them as one
   batch, on a copy of the store);
3. ingest the ADD records again: everything is known (baseline: step 2's incremental cost);
4. add SMALL more records to the store (baseline: the from-scratch corpus of step 2).

Also printed: per-stage CPU ms per article of each corpus update, store bytes per article and
peak RSS.

    nice -n 10 .venv/bin/python benchmarks/bench_incremental.py --grown DIR --small 5 --repeat 4 [--mode watch]

On the store ``bench_run.py --keep DIR --hold-out N`` left (every SaudiNewsNet record but the
last N, corpus state included) and a copy of it: add SMALL of the held-out records at a time,
REPEAT times (``marsad ingest`` of them: per-article stages, store, corpus update; with
``--mode watch`` in one process that keeps the corpus state between adds, as ``marsad watch``
does). The baseline is the same store's from-scratch corpus cost (bench_run.py's output).
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from snn_corpus import load_records  # noqa: E402

from marsad import pipeline  # noqa: E402


def cpu() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def measure(fn):
    start = cpu()
    out = fn()
    return out, cpu() - start


def write(path: Path, records: list[dict]) -> Path:
    path.write_text(json.dumps(records, ensure_ascii=False), encoding="utf-8")
    return path


def store_bytes(path: Path) -> int:
    db = sqlite3.connect(path)
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    pages, size = db.execute("PRAGMA page_count").fetchone()[0], db.execute("PRAGMA page_size").fetchone()[0]
    db.close()
    return pages * size


def stage_table(rows: list[tuple[str, pipeline.CorpusCounts]]) -> None:
    names = sorted(
        {k for _, c in rows for k in c.timings},
        key=lambda k: list(rows[0][1].timings).index(k) if k in rows[0][1].timings else 99,
    )
    print(f"\n{'corpus update (ms/article)':34}" + "".join(f"{n[:12]:>13}" for n in names) + f"{'total':>10}")
    for label, c in rows:
        n = max(1, c.updated)
        cells = "".join(f"{1000 * c.timings.get(k, 0.0) / n:13.2f}" for k in names)
        print(f"{label:34}{cells}{1000 * sum(c.timings.values()) / n:10.2f}")


def reuse(args) -> None:
    """The corpus figures on a store whose articles went through the per-article stages already
    (``marsad ingest --no-corpus``), so no article is processed twice on a shared machine; the
    per-article part is measured on a sample of unseen records and scaled (the stages do the same
    work per document whatever else is in the store)."""
    from marsad.ingest import read_sources
    from marsad.model import Document
    from marsad.store import open_store
    from marsad.store.sqlite import _load_article

    work = args.keep or Path(tempfile.mkdtemp(prefix="bench-incremental-"))
    work.mkdir(parents=True, exist_ok=True)
    db = work / "m.db"
    src = sqlite3.connect(args.reuse)
    src.execute(f"VACUUM INTO '{db}'")
    src.close()
    con = sqlite3.connect(db)
    rows = con.execute("SELECT id, data FROM articles ORDER BY published, id").fetchall()
    n = args.base + args.add + args.small * args.repeat
    keep = rows[: args.base]
    later = rows[args.base : n]
    con.execute("CREATE TEMP TABLE keep (id TEXT PRIMARY KEY)")
    con.executemany("INSERT INTO keep VALUES (?)", ((r[0],) for r in keep))
    try:
        con.execute(
            "DELETE FROM articles_fts WHERE rowid IN (SELECT rowid FROM articles WHERE id NOT IN keep)"
        )
    except sqlite3.OperationalError:  # a contentless index: delete by giving back what was indexed
        from marsad.arabic import normalize
        from marsad.store.sqlite import _stems, article_row_functions

        con.create_function("fts_norm", 1, lambda text: normalize(text or ""))
        con.create_function("fts_stems", 1, _stems)
        article_row_functions(con)
        con.execute(
            "INSERT INTO articles_fts(articles_fts, rowid, title, body, stems) SELECT 'delete', rowid,"
            " fts_norm(title), fts_norm(json_extract(row_json(data), '$.body')),"
            " fts_stems(coalesce(title, '') || ' ' || json_extract(row_json(data), '$.body'))"
            " FROM articles WHERE id NOT IN keep"
        )
    con.execute("DELETE FROM articles WHERE id NOT IN (SELECT id FROM keep)")
    for table in ("article_batches", "corpus_state", "events", "stories", "entities", "entity_articles"):
        con.execute(f"DELETE FROM {table}") if con.execute(
            "SELECT 1 FROM sqlite_master WHERE name=?", (table,)
        ).fetchone() else None
    con.commit()
    con.close()
    settings = pipeline.Settings(store=db, workers=args.workers)
    store = open_store(db)
    store.new_batch([r[0] for r in keep])  # type: ignore[attr-defined]
    store.close()

    def add(rows_: list) -> float:
        articles = [_load_article(r[1]) for r in rows_]
        start = cpu()
        s = open_store(db)
        s.add_articles(articles)
        s.new_batch([a.id for a in articles])  # type: ignore[attr-defined]
        s.close()
        return cpu() - start

    c_base, t_base = measure(lambda: pipeline.update_corpus(settings))
    w_add = add(later[: args.add])
    c_add, t_add = measure(lambda: pipeline.update_corpus(settings))
    scratch_db = work / "scratch.db"
    con = sqlite3.connect(db)
    con.execute(f"VACUUM INTO '{scratch_db}'")
    con.close()
    con = sqlite3.connect(scratch_db)
    con.execute("DELETE FROM article_batches")  # every article in one arrival batch
    con.commit()
    con.close()
    c_scratch, t_scratch = measure(lambda: pipeline.rebuild(pipeline.Settings(store=scratch_db)))
    _, t_nothing = measure(lambda: pipeline.update_corpus(settings))
    # SMALL new articles at a time, REPEAT times: the state is saved whole or only logged
    # (update_corpus decides), so one update alone would not show what updates cost on average
    smalls = []
    for k in range(args.repeat):
        rows_k = later[args.add + k * args.small : args.add + (k + 1) * args.small]
        w_k = add(rows_k)
        c_k, t_k = measure(lambda: pipeline.update_corpus(settings))
        smalls.append((len(rows_k), w_k, c_k, t_k))
    w_small = sum(w for _, w, _, _ in smalls) / len(smalls)
    t_small = sum(t for _, _, _, t in smalls) / len(smalls)
    c_small = smalls[-1][2]

    # per-article stages, on unseen records (one process): ms per article
    sample_file = write(
        work / "sample.json", load_records(args.base + args.add + args.small + 12000)[-args.sample :]
    )
    docs = [d for d in read_sources([sample_file]) if isinstance(d, Document)]
    out, t_sample = measure(lambda: list(pipeline.process_documents(docs, pipeline.Settings(workers=1))))
    per_article = t_sample / max(1, len(docs))
    # re-ingesting stored articles: read and recognise only
    known_day = Path(__file__).resolve().parents[1] / ".." / "shared" / "corpus" / "saudinewsnet" / "dataset"
    day = sorted(known_day.glob("*.zip"))[0]
    known_db = work / "known.db"
    shutil.copy(args.reuse, known_db)  # every record of the first day file is stored there
    again, t_again = measure(
        lambda: pipeline.ingest([day], pipeline.Settings(store=known_db, workers=args.workers))
    )

    n_add, n_small = args.add, args.small
    incremental = per_article * n_add + w_add + t_add
    scratch_total = per_article * (args.base + n_add) + t_scratch
    print(
        f"store {args.reuse}: base {args.base}, add {n_add}, small {n_small} articles (SaudiNewsNet, published order)"
    )
    print(
        f"per-article stages: {1000 * per_article:.1f} CPU ms/article (sample of {len(docs)} unseen records, 1 process)"
    )
    print(f"\n{'figure':50}{'CPU-s':>10}{'baseline':>10}{'ratio':>8}  baseline is")
    table = [
        (
            f"add {n_add} to {args.base}: per-article + store + corpus",
            incremental,
            scratch_total,
            f"all {args.base + n_add} from scratch (per-article + corpus)",
        ),
        ("  corpus update alone", t_add, t_scratch, f"corpus stages over {args.base + n_add} from scratch"),
        (
            f"add {n_small} to {args.base + n_add}, mean of {args.repeat}: per-article + store + corpus",
            per_article * n_small + w_small + t_small,
            t_scratch,
            "corpus stages from scratch",
        ),
        ("corpus update with nothing new", t_nothing, t_add, f"the update for {n_add} new"),
        (
            f"re-ingest {day.name} ({again.known_articles} known, {again.new_articles} new)",
            t_again,
            per_article * again.known_articles,
            "per-article stages for them",
        ),
    ]
    for label, value, baseline, what in table:
        print(f"{label:50}{value:10.2f}{baseline:10.2f}{value / baseline:8.3f}  {what}")
    stage_table(
        [
            (f"first {args.base} (one batch)", c_base),
            (f"+{n_add} incremental", c_add),
            (f"{args.base + n_add} from scratch", c_scratch),
            *((f"+{n} incremental ({k + 1} of {args.repeat})", c) for k, (n, _, c, _) in enumerate(smalls)),
        ]
    )
    print("\neach small update (CPU-s): " + ", ".join(f"{t:.2f}" for *_, t in smalls))
    size = store_bytes(db)
    print(
        f"\nstore: {size / 1e6:.1f} MB for {c_small.n_articles} articles = {size / 1024 / c_small.n_articles:.1f} KB/article"
    )
    print(f"events {c_small.n_events}, stories {c_small.n_stories}, entities {c_small.n_entities}")
    print(f"peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB (this process)")


def grown(args) -> None:
    """Small adds to a large store that went through ``marsad run`` whole (bench_run.py --keep)."""
    import os

    from marsad.store import open_store

    src = args.grown / "run.db"
    held = json.loads((args.grown / "held.json").read_text(encoding="utf-8"))
    work = args.keep or Path(tempfile.mkdtemp(prefix="bench-incremental-grown-"))
    work.mkdir(parents=True, exist_ok=True)
    db = work / "grown.db"
    con = sqlite3.connect(src)
    con.execute(f"VACUUM INTO '{db}'")
    con.close()
    store = open_store(db, read_only=True)
    n0 = store.article_count()
    store.close()
    settings = pipeline.Settings(store=db, workers=1)
    # "ingest": each add is a `marsad ingest` (the state loaded from the store each time);
    # "watch": one process adds them in turn, as `marsad watch` rounds, keeping the state
    # in memory between adds (pipeline.CorpusCache): the first add loads it
    cache = pipeline.CorpusCache() if args.mode == "watch" else None
    rows = []
    for k in range(args.repeat):
        part = write(work / f"small{k}.json", held[k * args.small : (k + 1) * args.small])
        ingested, t_ingest = measure(lambda p=part: pipeline.ingest([p], settings))
        counts, t_corpus = measure(lambda: pipeline.update_corpus(settings, cache=cache))
        rows.append((ingested.new_articles, t_ingest, t_corpus, counts))
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"mode {args.mode}; store {src}: {n0} articles (copy {db}); pid {os.getpid()}")
    print(f"\n{'add':>5}{'per-article+store CPU-s':>26}{'corpus CPU-s':>14}{'total':>9}  target <= 10 s")
    for n, t_i, t_c, _ in rows:
        print(f"{n:5d}{t_i:26.2f}{t_c:14.2f}{t_i + t_c:9.2f}")
    mean = sum(t_i + t_c for _, t_i, t_c, _ in rows) / len(rows)
    print(f"mean of {len(rows)}: {mean:.2f} CPU-s")
    stage_table([(f"+{n} to {n0 + k * args.small} ({k + 1})", c) for k, (n, _, _, c) in enumerate(rows)])
    print(f"peak RSS {rss:.0f} MB (this process: {len(rows)} adds, per-article models loaded once)")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--base", type=int, default=8000)
    ap.add_argument("--add", type=int, default=500)
    ap.add_argument("--small", type=int, default=5)
    ap.add_argument("--repeat", type=int, default=4, help="with --reuse: this many small updates in a row")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--keep", type=Path, default=None, help="keep the work folder here")
    ap.add_argument(
        "--reuse", type=Path, default=None, help="a store of processed articles (ingest --no-corpus)"
    )
    ap.add_argument(
        "--sample", type=int, default=200, help="with --reuse: records timed through the per-article stages"
    )
    ap.add_argument(
        "--grown", type=Path, default=None, help="the folder of bench_run.py --keep DIR --hold-out N"
    )
    ap.add_argument(
        "--mode",
        choices=("ingest", "watch"),
        default="ingest",
        help="with --grown: load the state each add, or keep it",
    )
    args = ap.parse_args()
    if args.grown:
        grown(args)
        return
    if args.reuse:
        reuse(args)
        return

    work = args.keep or Path(tempfile.mkdtemp(prefix="bench-incremental-"))
    work.mkdir(parents=True, exist_ok=True)
    records = load_records(args.base + args.add + args.small)
    base = write(work / "base.json", records[: args.base])
    add = write(work / "add.json", records[args.base : args.base + args.add])
    small = write(work / "small.json", records[args.base + args.add :])
    db = work / "m.db"
    settings = pipeline.Settings(store=db, workers=args.workers)

    ing_base, p_base = measure(lambda: pipeline.ingest([base], settings))
    c_base, t_base = measure(lambda: pipeline.update_corpus(settings))
    ing_add, p_add = measure(lambda: pipeline.ingest([add], settings))
    c_add, t_add = measure(lambda: pipeline.update_corpus(settings))

    scratch_db = work / "scratch.db"
    shutil.copy(db, scratch_db)
    con = sqlite3.connect(scratch_db)
    con.execute("DELETE FROM article_batches")  # every article in one arrival batch
    con.commit()
    con.close()
    scratch = pipeline.Settings(store=scratch_db, workers=args.workers)
    c_scratch, t_scratch = measure(lambda: pipeline.rebuild(scratch))

    _, t_again = measure(lambda: (pipeline.ingest([add], settings), pipeline.update_corpus(settings)))
    ing_small, p_small = measure(lambda: pipeline.ingest([small], settings))
    c_small, t_small = measure(lambda: pipeline.update_corpus(settings))

    n_base, n_add, n_small = ing_base.new_articles, ing_add.new_articles, ing_small.new_articles
    incremental = p_add + t_add
    from_scratch = p_base + p_add + t_scratch
    print(
        f"SaudiNewsNet records: base {args.base} → {n_base} articles, add {args.add} → {n_add}, "
        f"small {args.small} → {n_small}; workers {args.workers}; work folder {work}"
    )
    print(f"\n{'figure':52}{'CPU-s':>10}{'baseline':>10}{'ratio':>8}  baseline is")
    rows = [
        (
            f"add {n_add} to {n_base} (per-article + corpus)",
            incremental,
            from_scratch,
            f"all {n_base + n_add} from scratch",
        ),
        ("  of which corpus update", t_add, t_scratch, "corpus stages from scratch"),
        (f"re-ingest the {n_add} known articles", t_again, incremental, "adding them the first time"),
        (
            f"add {n_small} to {n_base + n_add} (per-article + corpus)",
            p_small + t_small,
            t_scratch,
            "corpus stages from scratch",
        ),
    ]
    for label, value, baseline, what in rows:
        print(f"{label:52}{value:10.2f}{baseline:10.2f}{value / baseline:8.3f}  {what}")
    print(f"\nper-article stages: {1000 * p_base / max(1, n_base):.1f} ms/article (CPU, incl. workers)")
    stage_table(
        [
            (f"first {n_base} (one batch)", c_base),
            (f"+{n_add} incremental", c_add),
            (f"{n_base + n_add} from scratch", c_scratch),
            (f"+{n_small} incremental", c_small),
        ]
    )
    size = store_bytes(db)
    print(
        f"\nstore: {size / 1e6:.1f} MB for {c_small.n_articles} articles = {size / 1024 / c_small.n_articles:.1f} KB/article"
    )
    print(f"events {c_small.n_events}, stories {c_small.n_stories}, entities {c_small.n_entities}")
    print(f"peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB (this process)")


if __name__ == "__main__":
    t0 = time.time()
    main()
    print(f"wall {time.time() - t0:.0f} s")
