"""Events mentioned in the background of other articles, and dates learnt from them.

A report of today's meeting often recalls an earlier or an announced one ("the summit due
on 15 October", a caption of last month's handshake). Such a dated background sentence
whose participants and words match an event records ``article.mentioned_events`` and
``event.mentioned_by`` instead of moving the article.

An event none of whose reports carries a date (all undated scrapes, only "الأربعاء" in the
text) can learn its day from those mentions: the best-supported mentioned day, provided it
falls on a weekday its reports name when they name one.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import date
from typing import TYPE_CHECKING

from marsad.cluster.features import BackgroundMention, Vector, cosine, coverage

if TYPE_CHECKING:
    from marsad.cluster.events import EventClusterer, EventState


def link_mentions(clusterer: EventClusterer) -> None:
    """Recompute mentions and mention-inferred event days over everything added so far.

    Linear in the number of background mentions: each looks up the events of its day (±1)
    and the undated events sharing one of its keys.
    """
    s = clusterer.settings
    states = clusterer.states
    for article in clusterer.articles.values():
        article.mentioned_events = []
    for st in states:
        st.event.mentioned_by = []
        st.inferred_day = None

    by_day: dict[int, set[int]] = defaultdict(set)
    undated_by_key: dict[str, set[int]] = defaultdict(set)
    for idx, st in enumerate(states):
        span = st.span
        if span is None:
            for k in st.keys:
                undated_by_key[k].add(idx)
        else:
            for d in range(span[0].toordinal(), span[1].toordinal() + 1):
                by_day[d].add(idx)

    links: list[tuple[str, int]] = []
    day_votes: dict[int, dict[date, float]] = defaultdict(lambda: defaultdict(float))
    pending: dict[int, list[tuple[str, date]]] = defaultdict(list)
    for f in clusterer.features.values():
        own = clusterer.event_of.get(f.id)
        for m in f.background:
            vec, ents = _vectors(clusterer, m)
            day = m.day.toordinal()
            for idx in sorted(
                by_day.get(day - 1, set()) | by_day.get(day, set()) | by_day.get(day + 1, set())
            ):
                if idx != own and _score(clusterer, vec, ents, states[idx]) >= s.mention_threshold:
                    links.append((f.id, idx))
            keys = [k for k in list(vec) + list(ents) if k in undated_by_key]
            for idx in sorted({i for k in keys for i in undated_by_key[k]}):
                score = _score(clusterer, vec, ents, states[idx])
                if idx != own and score >= s.undated_mention_threshold:
                    day_votes[idx][m.day] += score
                    pending[idx].append((f.id, m.day))

    from marsad.cluster.events import fits_calendar

    for idx, votes in day_votes.items():
        st = states[idx]
        allowed = [d for d in votes if fits_calendar(d, d, st.weekdays, st.partial_days, 0)]
        if not allowed:
            continue  # the mentioned day contradicts the weekday or date the reports give
        st.inferred_day = max(sorted(allowed), key=lambda d: votes[d])
        links.extend((a, idx) for a, d in pending[idx] if d == st.inferred_day)

    for article_id, idx in sorted(set(links)):
        event = states[idx].event
        clusterer.articles[article_id].mentioned_events.append(event.id)
        event.mentioned_by.append(article_id)


def _vectors(clusterer: EventClusterer, m: BackgroundMention) -> tuple[Vector, Vector]:
    vocab = clusterer.vocabulary
    return vocab.weigh(m.stems), vocab.weigh_counts(Counter({"e:" + k: w for k, w in m.entities.items()}))


def _score(clusterer: EventClusterer, vec: Vector, ents: Vector, st: EventState) -> float:
    s = clusterer.settings
    lexical = cosine(vec, st.centroid, st.centroid_norm)
    if ents and st.entities:
        # The background sentence names a few of the event's participants: how much of
        # what it names belongs to the event, not how alike the two whole sets are.
        entities = coverage(ents, st.entities)
        return s.lexical_weight * lexical + (1 - s.lexical_weight) * entities
    return lexical
