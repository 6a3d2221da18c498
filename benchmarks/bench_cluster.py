"""Dedup + event/story clustering on SaudiNewsNet: time and peak memory by corpus size.

    .venv/bin/python benchmarks/bench_cluster.py                  # 5k, 10k, 20k, 31k
    .venv/bin/python benchmarks/bench_cluster.py --sizes 2000 4000
    .venv/bin/python benchmarks/bench_cluster.py --report 31030   # counts, B-cubed, 20 events
    .venv/bin/python benchmarks/bench_cluster.py --dates --sizes 2000 10000 31030  # with time expressions

Each size runs in a fresh process (peak RSS is per process) on the first N articles in date
order, the way an observatory's corpus grows. Times are CPU seconds of this process
(time.process_time): the machine is shared, and wall time there measures the neighbours.
The baseline, measured in the same process before and after (mean), is the time to compute
the content stems of every title and body: a linear pass over the text. If dedup +
clustering grow near-linearly, their ratio to the baseline stays flat.
Features are built quickly: body/title/outlet/published, sentences by split_sentences, and
entity mentions from marsad.entities when it imports (else none). ``--dates`` also runs the
dates stage (about 1 ms per article, not timed), so articles carry the dated background
sentences that the mention linking compares with events; without it there are none.

Each size also times the online path: the first N - 100 articles in one add, then the last
100 in adds of 5 (``add_ms/article``). An add that costs the same at 31k as at 2k is what a
continuous observatory needs.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from snn_corpus import load_records, to_article  # noqa: E402

from marsad.arabic.tokens import content_stems  # noqa: E402
from marsad.cluster import EventClusterer  # noqa: E402
from marsad.dedup import find_duplicates  # noqa: E402
from marsad.evaluate.bcubed import bcubed  # noqa: E402
from marsad.model import Article  # noqa: E402


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _with_entities(articles: list[Article]) -> str:
    try:
        from marsad.entities import extract_mentions, resolve_entities
    except ImportError:
        return "none (marsad.entities not importable)"
    for i, a in enumerate(articles):
        articles[i] = extract_mentions(a)
    resolve_entities(articles)
    return "marsad.entities"


def _stems_pass(articles: list[Article]) -> float:
    t0 = time.process_time()
    for a in articles:
        content_stems(a.title or "")
        content_stems(a.body)
    return time.process_time() - t0


def _with_dates(articles: list[Article]) -> None:
    from marsad.dates import DateSettings, resolve_article

    settings = DateSettings()
    for i, a in enumerate(articles):
        # the dates stage reads the publication date from the raw metadata, as the ingest
        # readers leave it (without it every article came out undated)
        if a.published_raw is None and a.published is not None:
            a.published_raw = a.published.date
        articles[i] = resolve_article(a, settings)


def run_one(n: int, entities: bool, dates: bool = False) -> dict:
    articles = [to_article(r) for r in load_records(n)]
    source = _with_entities(articles) if entities else "none"
    if dates:
        _with_dates(articles)
    loaded = _rss_mb()
    baseline = _stems_pass(articles)
    t0 = time.process_time()
    groups = find_duplicates(articles)
    t_dedup = time.process_time() - t0
    tail = 100 if len(articles) > 200 else 0
    t0 = time.process_time()
    clusterer = EventClusterer()
    clusterer.add(articles[: len(articles) - tail])  # the corpus in one add ...
    t_cluster = time.process_time() - t0
    t0 = time.process_time()
    for i in range(len(articles) - tail, len(articles), 5):  # ... then the last 100, 5 at a time
        clusterer.add(articles[i : i + 5])
    t_add = time.process_time() - t0
    baseline = (baseline + _stems_pass(articles)) / 2  # before and after: drift shows in both
    mentions = sum(len(f.background) for f in clusterer.features.values())
    return {
        "n": len(articles),
        "clustered_at_once": len(articles) - tail,
        "entities": source,
        "baseline_s": round(baseline, 2),
        "dedup_s": round(t_dedup, 2),
        "cluster_s": round(t_cluster, 2),
        "ratio": round((t_dedup + t_cluster) / baseline * len(articles) / (len(articles) - tail), 2),
        "add_ms_per_article": round(t_add / tail * 1000, 2) if tail else None,
        "background_mentions": mentions,
        "rss_loaded_mb": round(loaded),
        "peak_rss_mb": round(_rss_mb()),
        "dup_groups": len(groups),
        "events": len(clusterer.events),
        "stories": len(clusterer.stories.stories),
    }


def report(n: int, entities: bool, seed: int = 5) -> None:
    records = load_records(n)
    articles = [to_article(r) for r in records]
    print("entities:", _with_entities(articles) if entities else "none")
    groups = find_duplicates(articles)
    bodies = Counter(r["content"] for r in records)
    exact_copies = sum(c - 1 for c in bodies.values() if c > 1)
    collapsed = sum(len(g.members) - 1 for g in groups)
    dup_of = {a.id: a.duplicate_of for a in articles}
    by_body: dict[str, set[str]] = {}
    for a in articles:
        by_body.setdefault(a.body, set()).add(dup_of[a.id] or a.id)
    unresolved = sum(1 for canon in by_body.values() if len(canon) > 1)
    print(f"articles {len(articles)}; identical raw bodies beyond the first: {exact_copies}")
    print(
        f"duplicate groups {len(groups)} (exact {sum(g.kind == 'exact' for g in groups)}, "
        f"near {sum(g.kind == 'near' for g in groups)}); articles marked duplicate {collapsed}; "
        f"identical bodies NOT collapsed to one canonical: {unresolved}"
    )
    clusterer = EventClusterer()
    clusterer.add(articles)
    events, stories = clusterer.events, clusterer.stories.stories
    multi = [e for e in events if len(e.articles) > 1]
    multi_outlet = [e for e in multi if len(e.outlets) > 1]
    sizes = Counter(min(len(e.articles), 10) for e in events)
    print(f"events {len(events)}; with >1 article {len(multi)}; with >1 outlet {len(multi_outlet)}")
    print("event sizes (10 = 10+):", dict(sorted(sizes.items())))
    print(f"stories {len(stories)}; with >1 event {sum(len(s.events) > 1 for s in stories)}")
    _weak_bcubed(records, clusterer)
    by_id = {a.id: a for a in articles}
    print("\n20 random multi-article events:")
    for e in random.Random(seed).sample(multi, min(20, len(multi))):
        print(f"- {e.date}..{e.date_end} ({len(e.articles)} articles, {len(e.outlets)} outlets) {e.label}")
        for a in e.articles[:6]:
            print(f"    {by_id[a].outlet}: {by_id[a].title}")
        if len(e.articles) > 6:
            print(f"    … {len(e.articles) - 6} more")
    print("\n10 largest stories:")
    for s in sorted(stories, key=lambda s: (-len(s.events), s.id))[:10]:
        print(f"- {len(s.events)} events {s.date}..{s.date_end}: {s.label}")


def _weak_bcubed(records: list[dict], clusterer: EventClusterer) -> None:
    """Weak gold: articles of different outlets sharing an exact title of >= 5 words within
    two days are one event; every other labelled article is its own event."""
    by_title: dict[str, list[dict]] = {}
    for r in records:
        title = " ".join((r.get("title") or "").split())
        if len(title.split()) >= 5:
            by_title.setdefault(title, []).append(r)
    gold: dict[str, str] = {}
    for title, recs in by_title.items():
        days = sorted(r["date_extracted"][:10] for r in recs)
        if len({r["source"] for r in recs}) > 1 and days[0][:8] == days[-1][:8]:
            if int(days[-1][8:]) - int(days[0][8:]) <= 2:
                for r in recs:
                    gold[r["id"]] = title
    predicted = {aid: clusterer.articles[aid].event_id for aid in gold}
    score = bcubed(predicted, gold)
    print(
        f"weak B-cubed (same title across outlets, {score.items} articles in "
        f"{len(set(gold.values()))} groups): P={score.precision:.3f} R={score.recall:.3f} F1={score.f1:.3f}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", type=int, nargs="*", default=[5000, 10000, 20000, 31030])
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    parser.add_argument(
        "--dates", action="store_true", help="run the dates stage first (background mentions)"
    )
    parser.add_argument("--report", type=int, help="quality report on the first N articles")
    parser.add_argument(
        "--entities", action="store_true", help="add mentions with marsad.entities if present"
    )
    args = parser.parse_args()
    if args.one:
        print(json.dumps(run_one(args.one, args.entities, args.dates)))
        return
    if args.report:
        report(args.report, args.entities)
        return
    rows = []
    for n in args.sizes:
        cmd = [sys.executable, __file__, "--one", str(n)] + (["--entities"] if args.entities else [])
        cmd += ["--dates"] if args.dates else []
        out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
        rows.append(json.loads(out.strip().splitlines()[-1]))
        print(json.dumps(rows[-1]), flush=True)
    first = rows[0]
    print(
        "\nCPU seconds; cluster_s = the first n - 100 articles in one add; ms/article = dedup / n + "
        "cluster / (n - 100); growth = ms/article relative to the first size; add_ms/art = the last "
        "100 articles added 5 at a time, per article"
    )
    print(
        "n       base_s  dedup_s  cluster_s  ratio  ms/article  growth  base_ms/art  add_ms/art  peak_MB  peak-loaded_MB"
    )

    def per_article(r: dict) -> float:
        return (r["dedup_s"] / r["n"] + r["cluster_s"] / r["clustered_at_once"]) * 1000

    first_ms = per_article(first)
    for r in rows:
        ms = per_article(r)
        print(
            f"{r['n']:<7} {r['baseline_s']:<7} {r['dedup_s']:<8} {r['cluster_s']:<10} {r['ratio']:<6} "
            f"{ms:<11.2f} {ms / first_ms:<7.2f} {r['baseline_s'] / r['n'] * 1000:<12.2f} "
            f"{r['add_ms_per_article']!s:<11} "
            f"{r['peak_rss_mb']:<8} {r['peak_rss_mb'] - r['rss_loaded_mb']}"
        )


if __name__ == "__main__":
    main()
