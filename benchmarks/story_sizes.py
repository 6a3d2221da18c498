"""How large the largest stories grow over a month of news: a chaining check at scale.

    .venv/bin/python benchmarks/story_sizes.py STORE --limit 10000
    .venv/bin/python benchmarks/story_sizes.py STORE --limit 10000 --set story_link_floor=0.2

Reads the first N articles of a store written by ``marsad run`` (publication order, with every
per-article stage done, entities included), clusters their events and stories again with
``cluster_events`` + ``cluster_stories`` and prints the largest stories' sizes and their share
of all events. events_dev covers two days and cannot show a story that chains a month of
unrelated news together; this can. The baseline beside it is the same articles with story links
off (``story_link_threshold=1``): stories made by centroid placement alone.
"""

from __future__ import annotations

import argparse
import dataclasses
import time
from pathlib import Path

from marsad.cluster import cluster_events, cluster_stories
from marsad.cluster.features import published_day
from marsad.cluster.settings import ClusterSettings
from marsad.model import Article
from marsad.store import open_store


def _sizes(articles: list[Article], settings: ClusterSettings) -> tuple[list[int], int, float]:
    started = time.process_time()
    events = cluster_events(articles, settings)
    stories = cluster_stories(events, articles, settings)
    sizes = sorted((len(s.events) for s in stories), reverse=True)
    return sizes, len(events), time.process_time() - started


def _line(name: str, sizes: list[int], n_events: int, cpu: float) -> str:
    top = sizes[0] if sizes else 0
    share = 100 * top / n_events if n_events else 0.0
    head = ", ".join(f"{n:,}" for n in sizes[:5])
    return (
        f"{name:<28} stories {len(sizes):>6,}  largest {head:<28} "
        f"= {share:4.1f}% of {n_events:,} events  ({cpu:.1f} CPU-s)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("store", type=Path, help="a store written by marsad run")
    parser.add_argument("--limit", type=int, default=10000, help="first N articles by date")
    parser.add_argument(
        "--set",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="a ClusterSettings field to change (repeatable)",
    )
    args = parser.parse_args()
    defaults = ClusterSettings()
    fields = {f.name for f in dataclasses.fields(ClusterSettings)}
    changes: dict[str, object] = {}
    for item in args.set:
        name, _, value = item.partition("=")
        if name not in fields:
            parser.error(f"unknown setting {name!r}")
        changes[name] = type(getattr(defaults, name))(value)
    store = open_store(args.store, read_only=True)
    articles = sorted(store.iter_articles(), key=lambda a: (str(published_day(a) or ""), a.id))
    articles = articles[: args.limit]
    print(f"{len(articles):,} articles from {args.store}")
    base = ClusterSettings(story_link_threshold=1.0)
    print(_line("baseline: no story links", *_sizes(articles, base)))
    print(_line("default", *_sizes(articles, defaults)))
    if changes:
        label = ", ".join(f"{k}={v:g}" for k, v in changes.items())
        print(_line(label, *_sizes(articles, dataclasses.replace(defaults, **changes))))


if __name__ == "__main__":
    main()
