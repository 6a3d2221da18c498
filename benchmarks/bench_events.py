"""Events and stories on hand-annotated real days (events_dev), beside a tuned TF-IDF baseline.

    .venv/bin/python benchmarks/bench_events.py                      # the whole pipeline, then score
    .venv/bin/python benchmarks/bench_events.py --cache /tmp/ev.pkl  # reuse the per-article stages
    .venv/bin/python benchmarks/bench_events.py --worst 5            # and list the worst merges/splits

The articles go through Marsad's real pipeline: ``read_sources`` → ``process_document``
(clean, sentences, dates, entities, summary) → ``analyze_corpus`` (duplicates, entity
resolution, events, re-anchoring, stories). Rejected articles count as singletons, exactly as
the set's own ``score.py`` counts them. ``--cache`` pickles the per-article output, so the
corpus stages (the part this benchmark is about) can be re-run in seconds; delete the file
after changing an upstream stage.

Baseline, in the same run and on the same cleaned text: TF-IDF + average-linkage
agglomerative clustering (scikit-learn / SciPy), the usual unsupervised reference for news
event detection. Events: character 3–5-grams of the title (×2) and the first 500 characters of
the body, linkage only within one publication day or adjacent days; stories: word unigrams of
title + body. Its distance threshold is tuned on half of the gold stories (split by a hash of
the story id) and the figure is given on the other half and on all; "best on all" is the
threshold that maximises F1 on the whole set (an upper bound for the baseline). Marsad's own
figures on the same halves are printed beside it. Marsad is not tuned per run: it runs once
with its default settings.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import pickle
import sys
import time
from collections import Counter, defaultdict
from datetime import date
from pathlib import Path

from marsad.evaluate.bcubed import bcubed
from marsad.model import Article

REPO = Path(__file__).resolve().parents[1]
# ../shared/corpus beside the checkout (a git worktree sits one level deeper)
CORPUS = next(
    (p for p in (REPO.parent / "shared" / "corpus", REPO.parents[1] / "shared" / "corpus") if p.exists()),
    REPO.parent / "shared" / "corpus",
)
DEV = CORPUS / "events_dev"


def load_gold(folder: Path) -> list[dict]:
    with open(folder / "gold.jsonl", encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def process(folder: Path, cache: Path | None) -> tuple[list[Article], int, float]:
    """The per-article stages over the set; returns the articles, the rejected count, CPU s."""
    if cache and cache.exists():
        with open(cache, "rb") as f:
            articles, rejected, cpu = pickle.load(f)
        return articles, rejected, cpu
    from marsad.ingest import read_sources
    from marsad.pipeline import Settings, process_document

    settings = Settings(workers=1)
    t0 = time.process_time()
    articles: list[Article] = []
    rejected = 0
    for doc in read_sources([folder / "articles.json"]):
        result = doc if not hasattr(doc, "text") else process_document(doc, settings)
        if isinstance(result, Article):
            articles.append(result)
        else:
            rejected += 1
    cpu = time.process_time() - t0
    if cache:
        with open(cache, "wb") as f:
            pickle.dump((articles, rejected, cpu), f)
    return articles, rejected, cpu


def run_marsad(
    articles: list[Article], changes: dict[str, object] | None = None
) -> tuple[dict[str, str], dict[str, str], dict, float]:
    """url → event id, url → story id, events by id; CPU seconds of the corpus stages.
    ``changes``: ClusterSettings fields to change (a plateau check, never a per-run tuning)."""
    import copy
    import dataclasses

    from marsad.pipeline import Settings, analyze_corpus

    articles = copy.deepcopy(articles)
    settings = Settings(workers=1)
    if changes:
        settings = dataclasses.replace(settings, cluster=dataclasses.replace(settings.cluster, **changes))
    t0 = time.process_time()
    result = analyze_corpus(articles, settings)
    cpu = time.process_time() - t0
    story_of = {e.id: e.story_id or e.id for e in result.events}
    ev = {a.url.strip(): a.event_id for a in result.articles if a.url and a.event_id}
    st = {u: story_of.get(e, e) for u, e in ev.items()}
    return ev, st, {e.id: e for e in result.events}, cpu


# ---------------------------------------------------------------------------- baseline


def _text(article: Article, kind: str) -> str:
    title = article.title or ""
    if kind == "event":
        return f"{title} {title} {article.body[:500]}"
    return f"{title} {article.body}"


def baseline_linkage(articles: list[Article], kind: str):  # type: ignore[no-untyped-def]
    """Average-linkage dendrogram over TF-IDF cosine distances (same day ±1 for events)."""
    import numpy as np
    from scipy.cluster.hierarchy import linkage
    from scipy.spatial.distance import squareform
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.metrics.pairwise import cosine_distances

    from marsad.arabic import normalize

    texts = [normalize(_text(a, kind)) for a in articles]
    if kind == "event":
        vec = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True, min_df=1)
    else:
        vec = TfidfVectorizer(analyzer="word", sublinear_tf=True, min_df=1)
    dist = cosine_distances(vec.fit_transform(texts))
    if kind == "event":
        days = [_day(a) for a in articles]
        for i, di in enumerate(days):
            for j, dj in enumerate(days):
                if di and dj and abs((di - dj).days) > 1:
                    dist[i, j] = 1.0
    np.fill_diagonal(dist, 0.0)
    return linkage(squareform(np.clip(dist, 0, 1), checks=False), method="average")


def _day(article: Article) -> date | None:
    if article.published and article.published.date:
        try:
            return date.fromisoformat(article.published.date[:10])
        except ValueError:
            return None
    return None


def cut(tree, urls: list[str], threshold: float) -> dict[str, str]:  # type: ignore[no-untyped-def]
    from scipy.cluster.hierarchy import fcluster

    labels = fcluster(tree, t=threshold, criterion="distance")
    return {u: f"b{n}" for u, n in zip(urls, labels, strict=True)}


# ---------------------------------------------------------------------------- scoring


def score(
    pred: dict[str, str], gold: dict[str, str], items: list[str]
) -> tuple[float, float, float, int, int]:
    """B-cubed P, R, F1, predicted and gold cluster counts over ``items``."""
    # unmapped (rejected) articles are singletons, as in score.py
    p = {u: pred.get(u, "single:" + u) for u in items}
    g = {u: gold[u] for u in items}
    b = bcubed(p, g)
    return b.precision, b.recall, b.f1, len(set(p.values())), len(set(g.values()))


def half_of(story: str) -> int:
    return hashlib.blake2b(story.encode(), digest_size=2).digest()[0] % 2


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--dev", type=Path, default=DEV, help="folder with articles.json and gold.jsonl")
    parser.add_argument("--cache", type=Path, help="pickle of the per-article stages (reused if present)")
    parser.add_argument("--worst", type=int, default=0, help="list the N worst merges and splits")
    parser.add_argument("--json", type=Path, help="write the figures as JSON")
    parser.add_argument(
        "--set",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="a ClusterSettings field to change (repeatable): to read a setting's plateau",
    )
    args = parser.parse_args()
    changes = _changes(parser, args.set)

    gold_rows = load_gold(args.dev)
    urls = [r["url"].strip() for r in gold_rows]
    gold_ev = {r["url"].strip(): r["event"] for r in gold_rows}
    gold_st = {r["url"].strip(): r["story"] for r in gold_rows}
    certain = [r["url"].strip() for r in gold_rows if not r["uncertain"]]

    articles, rejected, stage_cpu = process(args.dev, args.cache)
    ev, st, events, corpus_cpu = run_marsad(articles, changes)
    if changes:
        print("changed: " + ", ".join(f"{k}={v}" for k, v in changes.items()))
    print(
        f"{len(urls)} gold articles; Marsad kept {len(articles)}, rejected {rejected}; "
        f"per-article stages {stage_cpu:.1f} CPU s, corpus stages {corpus_cpu:.1f} CPU s"
    )

    by_url = {a.url.strip(): a for a in articles if a.url}
    kept = [u for u in urls if u in by_url]
    halves = {h: [u for u in urls if half_of(gold_st[u]) == h] for h in (0, 1)}
    rows: list[tuple[str, str, str, tuple[float, float, float, int, int]]] = []
    figures: dict[str, dict] = {}
    for kind, pred, gold in (("event", ev, gold_ev), ("story", st, gold_st)):
        figures[kind] = {}
        for subset, items in (
            ("all", urls),
            ("certain", certain),
            ("half A", halves[0]),
            ("half B", halves[1]),
        ):
            rows.append((kind, f"{subset} ({len(items)})", "marsad", score(pred, gold, items)))
            figures[kind][f"marsad {subset}"] = rows[-1][3]
        singles = {u: u for u in urls}
        rows.append((kind, f"all ({len(urls)})", "singletons", score(singles, gold, urls)))
        tree = baseline_linkage([by_url[u] for u in kept], kind)
        grid = [round(0.05 * i, 2) for i in range(2, 20)]
        cuts = {t: cut(tree, kept, t) for t in grid}
        tuned = max(grid, key=lambda t: (score(cuts[t], gold, halves[0])[2], -t))
        best = max(grid, key=lambda t: (score(cuts[t], gold, urls)[2], -t))
        for subset, items in (("all", urls), ("certain", certain), ("half B", halves[1])):
            rows.append(
                (
                    kind,
                    f"{subset} ({len(items)})",
                    f"tfidf avg-link t={tuned} (tuned on half A)",
                    score(cuts[tuned], gold, items),
                )
            )
            figures[kind][f"baseline {subset}"] = rows[-1][3]
        rows.append(
            (
                kind,
                f"all ({len(urls)})",
                f"tfidf avg-link t={best} (best on all)",
                score(cuts[best], gold, urls),
            )
        )
        figures[kind]["baseline best-on-all"] = rows[-1][3]

    print("\n| level | subset | system | B3 P | B3 R | B3 F1 | clusters (gold) |")
    print("|---|---|---|---|---|---|---|")
    for kind, subset, system, (p, r, f1, n, gn) in rows:
        print(
            f"| {kind} | {subset} | {system} | {p:.3f} | {r:.3f} | **{f1:.3f}** | {n} ({gn}) |"
            if system == "marsad"
            else f"| {kind} | {subset} | {system} | {p:.3f} | {r:.3f} | {f1:.3f} | {n} ({gn}) |"
        )
    if args.worst:
        _worst(ev, gold_ev, urls, by_url, events, "event", args.worst)
        _worst(st, gold_st, urls, by_url, events, "story", args.worst)
    if args.json:
        args.json.write_text(json.dumps(figures, indent=1), encoding="utf-8")


def _changes(parser: argparse.ArgumentParser, items: list[str]) -> dict[str, object]:
    import dataclasses

    from marsad.cluster import ClusterSettings

    defaults = ClusterSettings()
    fields = {f.name for f in dataclasses.fields(ClusterSettings)}
    changes: dict[str, object] = {}
    for item in items:
        name, _, value = item.partition("=")
        if name not in fields:
            parser.error(f"unknown setting {name!r}")
        changes[name] = type(getattr(defaults, name))(value)
    return changes


def _worst(pred, gold, urls, by_url, events, kind, n) -> None:  # type: ignore[no-untyped-def]
    clusters: dict[str, list[str]] = defaultdict(list)
    for u in urls:
        clusters[pred.get(u, "single:" + u)].append(u)
    merges = []
    for c, members in clusters.items():
        g = Counter(gold[u] for u in members)
        wrong = (len(members) ** 2 - sum(v * v for v in g.values())) // 2
        if wrong:
            merges.append((wrong, c, g))
    print(f"\nworst {kind} merges:")
    for wrong, c, g in sorted(merges, key=lambda x: -x[0])[:n]:
        label = events[c].label if c in events else c
        print(f"  {wrong} wrong pairs «{label}»: {dict(g)}")
    by_gold: dict[str, list[str]] = defaultdict(list)
    for u in urls:
        by_gold[gold[u]].append(u)
    splits = []
    for g, members in by_gold.items():
        p = Counter(pred.get(u, "single:" + u) for u in members)
        missed = (len(members) ** 2 - sum(v * v for v in p.values())) // 2
        if missed:
            splits.append((missed, g, p, members))
    print(f"worst {kind} splits:")
    for missed, g, p, members in sorted(splits, key=lambda x: -x[0])[:n]:
        print(
            f"  {missed} missed pairs {g} ({len(members)}) in {len(p)} clusters {sorted(p.values(), reverse=True)}"
        )
        for cl, _ in p.most_common():
            titles = [
                (by_url[u].title or "")[:60] if u in by_url else "(rejected)"
                for u in members
                if pred.get(u, "single:" + u) == cl
            ]
            print(f"     {cl[:14]}: {' | '.join(titles[:3])}")


if __name__ == "__main__":
    sys.exit(main())
