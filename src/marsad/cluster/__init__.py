"""Events (one happening, many reports) and stories (threads of events), online and batch.

    events = cluster_events(articles)          # sets article.event_id / mentioned_events
    stories = cluster_stories(events, articles)
    reanchor_members(events, articles)         # undated reports take their event's date

or incrementally: ``c = EventClusterer(); c.add(batch1); c.add(batch2); c.events; c.stories.stories``.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable
from typing import Any

from marsad.cluster.events import EventClusterer
from marsad.cluster.features import extract_features, parse_day
from marsad.cluster.settings import ClusterSettings
from marsad.model import Article, Event, Published, Story

# The clusterer of the last ``cluster_events`` call: ``cluster_stories`` over the same events
# reuses its features instead of extracting them again (the pipeline calls the two in turn).
_last: weakref.ref[EventClusterer] | None = None


def cluster_events(articles: list[Article], settings: ClusterSettings | None = None) -> list[Event]:
    """One Event per happening (batch = one online add over all articles, in time order)."""
    global _last
    clusterer = EventClusterer(settings)
    clusterer.add(articles)
    _last = weakref.ref(clusterer)
    return clusterer.events


def cluster_stories(
    events: list[Event], articles: list[Article], settings: ClusterSettings | None = None
) -> list[Story]:
    """Stories over already-clustered ``events``; sets ``event.story_id``.

    The events keep their memberships and fields. When they are the events of the last
    :func:`cluster_events` call (same objects, same members), its features are reused;
    otherwise they are extracted from ``articles``.
    """
    clusterer = _last() if _last is not None else None
    reusable = (
        clusterer is not None
        and (settings is None or settings == clusterer.settings)
        and len(clusterer.states) == len(events)
        and all(
            st.event is e and set(e.articles) <= clusterer.features.keys()
            for st, e in zip(clusterer.states, events, strict=True)
        )
    )
    if not reusable or clusterer is None:
        clusterer = EventClusterer(settings)
        clusterer.adopt(events, articles)
    return clusterer.regroup_stories()


def _reanchor_hook() -> Callable[..., Any] | None:
    try:
        from marsad.dates import reanchor
    except ImportError:
        return None
    return reanchor


def reanchor_members(events: list[Event], articles: list[Article]) -> list[str]:
    """Resolve the dates of undated member articles against their event's date.

    For members whose publication date is unknown or only inferred and that still hold
    unresolved expressions ("الثلاثاء" alone), calls ``marsad.dates.reanchor(article,
    event_date, event_end)``. Returns the ids of the articles it re-anchored (none when the
    dates stage is not installed). Event ranges are then widened to the members' re-read
    lead dates (a two-day visit reported as "الثلاثاء ... الأربعاء").
    """
    reanchor = _reanchor_hook()
    if reanchor is None:
        return []
    by_id = {a.id: a for a in articles}
    done: list[str] = []
    settings = ClusterSettings()
    for event in events:
        if not event.date:
            continue
        for article_id in event.articles:
            article = by_id.get(article_id)
            if article is None:
                continue
            lo, hi = parse_day(event.date), parse_day(event.date_end or event.date)
            if not _needs_anchor(article):
                if article.published is None or article.published.date is None:
                    # Nothing in the text dates it: it was published no earlier than the
                    # happening it reports; say so, and say where the date comes from.
                    article.published = Published(
                        event.date_end or event.date, "event", "date of the event it reports"
                    )
                continue
            anchored = reanchor(article, lo, hi)
            # The dates stage returns a new record; the pipeline holds this one, so copy back.
            article.time_exprs, article.published = anchored.time_exprs, anchored.published
            done.append(article_id)
            f = extract_features(article, settings)
            if f.main_date and f.date_from_text:
                if lo and hi and abs((f.main_date - lo).days) <= settings.max_span_days:
                    event.date = min(lo, f.main_date).isoformat()
                    event.date_end = max(hi, f.main_date).isoformat()
    return done


def _needs_anchor(article: Article) -> bool:
    weak = article.published is None or article.published.source in ("none", "inferred")
    return weak and any(t.value is None for t in article.time_exprs)


__all__ = [
    "ClusterSettings",
    "EventClusterer",
    "cluster_events",
    "cluster_stories",
    "reanchor_members",
]
