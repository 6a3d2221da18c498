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

from marsad.cluster.features import (
    ArticleFeatures,
    BackgroundMention,
    Vector,
    cosine,
    coverage,
    fits_calendar,
    weighted_jaccard,
)

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


def hint_days(clusterer: EventClusterer, undated: list[ArticleFeatures]) -> dict[str, tuple[date, float]]:
    """The day other articles' background sentences give each undated report, if any.

    A dated background sentence ("the visit expected on 15 October") that matches an undated
    report as well as a mention must match an event votes for its day, when the day fits the
    weekdays and year-less dates the report names. The best-supported day (and the best
    score behind it) is returned per article id. Linear in background mentions: each scores only the reports sharing a key.
    """
    s = clusterer.settings
    by_key: dict[str, set[int]] = defaultdict(set)
    for i, f in enumerate(undated):
        for k in list(f.vec) + list(f.ent_vec):
            by_key[k].add(i)
    votes: dict[int, dict[date, float]] = defaultdict(lambda: defaultdict(float))
    best: dict[tuple[int, date], float] = defaultdict(float)
    for other in clusterer.features.values():
        for m in other.background:
            vec, ents = _vectors(clusterer, m)
            for i in sorted({i for k in list(vec) + list(ents) for i in by_key.get(k, ())}):
                f = undated[i]
                if f.id == other.id or not fits_calendar(m.day, m.day, f.weekdays, f.partial_days, 0):
                    continue
                lexical = cosine(vec, f.vec)
                if ents and f.ent_vec:
                    score = s.lexical_weight * lexical + (1 - s.lexical_weight) * coverage(ents, f.ent_vec)
                else:
                    score = lexical
                # A report as like the whole article as its background sentence is more
                # likely a report of that article's own happening (same visit, other words).
                if score >= s.undated_mention_threshold and score > _pair_score(clusterer, f, other):
                    votes[i][m.day] += score
                    best[i, m.day] = max(best[i, m.day], score)
    out = {}
    for i, v in votes.items():
        day = max(sorted(v), key=lambda d: v[d])
        out[undated[i].id] = (day, best[i, day])
    return out


def _pair_score(clusterer: EventClusterer, a: ArticleFeatures, b: ArticleFeatures) -> float:
    s = clusterer.settings
    lexical = cosine(a.vec, b.vec)
    if a.ent_vec and b.ent_vec:
        entities = weighted_jaccard(a.ent_vec, b.ent_vec)
        return s.lexical_weight * lexical + (1 - s.lexical_weight) * entities
    return lexical


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
