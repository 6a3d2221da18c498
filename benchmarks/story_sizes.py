"""How large the largest stories grow over a month of news: a chaining check at scale.

    .venv/bin/python benchmarks/story_sizes.py STORE --limit 10000
    .venv/bin/python benchmarks/story_sizes.py STORE --limit 10000 --set story_link_floor=0.2
    .venv/bin/python benchmarks/story_sizes.py STORE --limit 10000 --show 5   # and what they hold

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
import random
import time
from pathlib import Path

from marsad.cluster import cluster_events, cluster_stories
from marsad.cluster.features import published_day
from marsad.cluster.settings import ClusterSettings
from marsad.model import Article, Event, Story
from marsad.store import open_store


def _cluster(articles: list[Article], settings: ClusterSettings) -> tuple[list[Event], list[Story], float]:
    started = time.process_time()
    events = cluster_events(articles, settings)
    stories = cluster_stories(events, articles, settings)
    return events, stories, time.process_time() - started


def _sizes(events: list[Event], stories: list[Story]) -> tuple[list[int], int]:
    return sorted((len(s.events) for s in stories), reverse=True), len(events)


def _show(events: list[Event], stories: list[Story], n: int, sample: int) -> None:
    """The ``n`` largest stories: span, label, and ``sample`` of their events (a fixed random
    draw, in date order), to read by eye whether each is one thread."""
    by_id = {e.id: e for e in events}
    rng = random.Random(0)
    for story in sorted(stories, key=lambda s: (-len(s.events), s.id))[:n]:
        print(f"  -- {len(story.events)} events {story.date}..{story.date_end}: {story.label}")
        members = [by_id[e] for e in story.events if e in by_id]
        picked = rng.sample(members, min(sample, len(members)))
        for e in sorted(picked, key=lambda e: (e.date or "", e.id)):
            print(f"       {e.date} [{len(e.articles)}] {e.label[:90]}")


def _line(name: str, sizes: list[int], n_events: int, cpu: float) -> str:
    top = sizes[0] if sizes else 0
    share = 100 * top / n_events if n_events else 0.0
    head = ", ".join(f"{n:,}" for n in sizes[:5])
    # the ten largest together move less from one setting to the next than the first alone
    return (
        f"{name:<28} stories {len(sizes):>6,}  largest {head:<28} "
        f"= {share:4.1f}% of {n_events:,} events, ten largest {sum(sizes[:10]):,}  ({cpu:.1f} CPU-s)"
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
    parser.add_argument("--show", type=int, default=0, help="list the N largest stories of each run")
    parser.add_argument("--sample", type=int, default=12, help="events listed per story shown")
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
    runs = [("baseline: no story links", ClusterSettings(story_link_threshold=1.0)), ("default", defaults)]
    if changes:
        label = ", ".join(f"{k}={v:g}" for k, v in changes.items())
        runs.append((label, dataclasses.replace(defaults, **changes)))
    for name, settings in runs:
        events, stories, cpu = _cluster(articles, settings)
        print(_line(name, *_sizes(events, stories), cpu), flush=True)
        if args.show:
            _show(events, stories, args.show, args.sample)


if __name__ == "__main__":
    main()
