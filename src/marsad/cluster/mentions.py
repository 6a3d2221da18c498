"""Events mentioned in the background of other articles, and dates learnt from them.

A report of today's meeting often recalls an earlier or an announced one ("the summit due
on 15 October", a caption of last month's handshake). Such a dated background sentence
whose participants and words match an event records ``article.mentioned_events`` and
``event.mentioned_by`` instead of moving the article.

An event none of whose reports carries a date (all undated scrapes, only "الأربعاء" in the
text) can learn its day from those mentions: the best-supported mentioned day, provided it
falls on a weekday its reports name when they name one.

:class:`MentionIndex` keeps every background mention seen (weighed once, when it arrives,
as article vectors are) with postings by day and by key, and the links found so far. Each
add compares only what can have changed: the new mentions with the events near their day
that share a word or a name with them, and the events that changed with the mentions near
their days. The cost of an add grows with the news of the days it touches, not with the
size of the store.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING

from marsad.cluster.features import (
    ArticleFeatures,
    BackgroundMention,
    Vector,
    Vocabulary,
    cosine,
    coverage,
    fits_calendar,
    weighted_jaccard,
)

if TYPE_CHECKING:
    from marsad.cluster.events import EventClusterer, EventState


def weigh_mention(vocabulary: Vocabulary, m: BackgroundMention) -> None:
    """The mention's TF-IDF vectors, by the vocabulary of when it arrived (its stems are
    then dropped: only the vectors are read again)."""
    m.vec = vocabulary.weigh(m.stems)
    m.ents = vocabulary.weigh_counts(Counter({"e:" + k: w for k, w in m.entities.items()}))
    m.stems = Counter()


def _keys(m: BackgroundMention) -> list[str]:
    return [*m.vec, *m.ents]


def _key_table(
    live: dict[str, EventState], events: Iterable[str], wanted: set[str] | None
) -> dict[int, dict[str, set[str]]]:
    """Day → key → the dated ``events`` spanning that day with that key (in ``wanted``)."""
    table: dict[int, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for event_id in events:
        st = live[event_id]
        span = st.span
        if span is None:
            continue
        if wanted is None:
            keys: Iterable[str] = [*st.centroid, *st.entities]
        else:  # (set intersections walk the smaller side, in C; the table holds sets, no order)
            keys = (st.centroid.keys() & wanted) | (st.entities.keys() & wanted)
        for d in range(span[0].toordinal(), span[1].toordinal() + 1) if keys else ():
            by_key = table[d]
            for k in keys:
                by_key[k].add(event_id)
    return table


class MentionIndex:
    """Background mentions seen so far, their postings, and the event links they make."""

    def __init__(self) -> None:
        self.mentions: list[BackgroundMention] = []
        self._by_day: dict[int, list[int]] = defaultdict(list)  # day ordinal → mention numbers
        self._by_key: dict[str, list[int]] = defaultdict(list)  # key → mention numbers
        self._fresh: list[int] = []  # mentions not linked yet
        # what each event was indexed under, to take it out again when it changes
        self._indexed: dict[str, tuple[range | None, frozenset[str]]] = {}
        self._event_days: dict[int, set[str]] = defaultdict(set)  # day → dated event ids
        self._undated_keys: dict[str, set[str]] = defaultdict(set)  # blocking key → undated event ids
        self._links: dict[str, set[str]] = {}  # event id → article ids whose mention matches it
        self._votes: dict[str, dict[date, float]] = {}  # undated event id → mentioned day → support
        self._pending: dict[str, list[tuple[str, date]]] = {}  # undated event id → (article, day)
        self._mentioning: dict[str, set[str]] = defaultdict(set)  # article id → event ids it mentions

    def add(self, mentions: list[BackgroundMention]) -> None:
        """Index weighed mentions (they are linked on the next :meth:`link`)."""
        for m in mentions:
            n = len(self.mentions)
            self.mentions.append(m)
            self._by_day[m.day.toordinal()].append(n)
            for k in _keys(m):
                self._by_key[k].append(n)
            self._fresh.append(n)

    def candidates(self, keys: list[str], max_posting: int) -> list[BackgroundMention]:
        """Mentions sharing one of ``keys``, in arrival order; a key that more than
        ``max_posting`` mentions share says too little to look through."""
        return [self.mentions[n] for n in sorted(self._sharing(keys, max_posting))]

    def _sharing(self, keys: Iterable[str], max_posting: int) -> set[int]:
        found: set[int] = set()
        for k in keys:
            posting = self._by_key.get(k, ())
            if len(posting) <= max_posting:
                found.update(posting)
        return found

    def link(self, clusterer: EventClusterer, changed: set[str]) -> set[str]:
        """Bring mentions and mention-inferred days up to date after an add, in which the
        events ``changed`` were made, grew or took in others (and events not in
        ``clusterer.states`` any more were merged away). Returns the events whose
        mention-inferred day changed."""
        s = clusterer.settings
        live = {st.event.id: st for st in clusterer.states}
        for event_id in [e for e in self._indexed if e not in live or e in changed]:
            self._unindex(event_id)
        # changed events, and events never indexed (taken in by ``adopt``), are linked again
        redo = {e for e in changed if e in live} | {e for e in live if e not in self._indexed}
        touched_articles: set[str] = set()
        touched_events: set[str] = set(redo)
        for event_id in [e for e in self._links if e not in live or e in redo]:
            gone = self._links.pop(event_id)
            touched_articles |= gone
            for a in gone:
                self._mentioning[a].discard(event_id)
        for event_id in [e for e in self._votes if e not in live or e in redo]:
            del self._votes[event_id]
            self._pending.pop(event_id, None)
        for event_id in sorted(redo):
            live[event_id].inferred_day = None
            self._index(live[event_id])

        fresh, self._fresh = self._fresh, []
        fresh_set = set(fresh)
        # the dated events each mention may match: near its day, sharing a word or a name
        pool = set(redo)
        for n in fresh:
            day = self.mentions[n].day.toordinal()
            for d in (day - 1, day, day + 1):
                pool |= self._event_days.get(d, set())
        mention_set = set(fresh)
        for event_id in redo:
            span = live[event_id].span
            if span is None:
                mention_set |= self._sharing(live[event_id].keys, s.max_posting)
            else:
                for d in range(span[0].toordinal() - 1, span[1].toordinal() + 2):
                    mention_set.update(self._by_day.get(d, ()))
        # A fresh mention may match any dated event near its day (``pool``); a mention seen
        # before, only the events that changed (``redo``): two key tables, so that the many
        # old mentions of a busy day are looked up among the few changed events. The pool's
        # table holds only the fresh mentions' keys: an event of a busy day has hundreds of
        # terms, and the day thousands of events.
        wanted: set[str] = set()
        for n in fresh:
            wanted.update(_keys(self.mentions[n]))
        pool_table = _key_table(live, pool, wanted)
        redo_table = _key_table(live, redo, None)
        undated_redo = {e for e in redo if live[e].span is None}
        votes_changed: set[str] = set()
        day_changed: set[str] = set()
        for n in sorted(mention_set):
            m = self.mentions[n]
            is_fresh = n in fresh_set
            by_day_key = pool_table if is_fresh else redo_table
            own = clusterer.event_of_article(m.article_id)
            keys = _keys(m)
            ordinal = m.day.toordinal()
            dated: set[str] = set()
            for d in (ordinal - 1, ordinal, ordinal + 1):
                table = by_day_key.get(d)
                if table:
                    dated.update(*filter(None, map(table.get, keys)))
            for event_id in dated:
                if event_id == own:
                    continue
                if _score(clusterer, m.vec, m.ents, live[event_id]) >= s.mention_threshold:
                    self._add_link(event_id, m.article_id)
                    touched_articles.add(m.article_id)
                    touched_events.add(event_id)
            if not is_fresh and not undated_redo:
                continue
            undated = set().union(*filter(None, map(self._undated_keys.get, keys)))
            for event_id in sorted(undated):
                if event_id == own or (not is_fresh and event_id not in undated_redo):
                    continue
                score = _score(clusterer, m.vec, m.ents, live[event_id])
                if score >= s.undated_mention_threshold:
                    votes = self._votes.setdefault(event_id, defaultdict(float))
                    votes[m.day] += score
                    self._pending.setdefault(event_id, []).append((m.article_id, m.day))
                    votes_changed.add(event_id)

        for event_id in sorted(votes_changed):
            st = live[event_id]
            votes = self._votes[event_id]
            old = st.inferred_day
            allowed = [d for d in votes if fits_calendar(d, d, st.weekdays, st.partial_days, 0)]
            if not allowed:
                continue  # the mentioned day contradicts the weekday or date the reports give
            st.inferred_day = max(sorted(allowed), key=lambda d: votes[d])
            for article_id, when in self._pending[event_id]:
                if when == st.inferred_day:
                    self._add_link(event_id, article_id)
                    touched_articles.add(article_id)
            if old != st.inferred_day:
                touched_events.add(event_id)
                day_changed.add(event_id)
                # links confirmed for the day it had before are not links any more
                kept = {a for a, d in self._pending[event_id] if d == st.inferred_day}
                stale = {a for a, d in self._pending[event_id] if d != st.inferred_day} - kept
                self._drop_links(event_id, stale, touched_articles)

        for event_id in touched_events:
            if event_id in live:
                live[event_id].event.mentioned_by = sorted(self._links.get(event_id, ()))
        position = {st.event.id: i for i, st in enumerate(clusterer.states)} if touched_articles else {}
        for article_id in touched_articles:
            article = clusterer.articles.get(article_id)
            if article is not None:
                article.mentioned_events = sorted(
                    (e for e in self._mentioning.get(article_id, ()) if e in live), key=position.__getitem__
                )
        return day_changed

    def _add_link(self, event_id: str, article_id: str) -> None:
        self._links.setdefault(event_id, set()).add(article_id)
        self._mentioning[article_id].add(event_id)

    def _drop_links(self, event_id: str, articles: set[str], touched: set[str]) -> None:
        links = self._links.get(event_id, set())
        for a in articles & links:
            links.discard(a)
            self._mentioning[a].discard(event_id)
            touched.add(a)

    def _index(self, st: EventState) -> None:
        span = st.span
        if span is None:
            days = None
            for k in st.keys:
                self._undated_keys[k].add(st.event.id)
        else:
            days = range(span[0].toordinal(), span[1].toordinal() + 1)
            for d in days:
                self._event_days[d].add(st.event.id)
        self._indexed[st.event.id] = (days, frozenset(st.keys) if span is None else frozenset())

    def _unindex(self, event_id: str) -> None:
        days, keys = self._indexed.pop(event_id)
        for d in days or ():
            self._event_days[d].discard(event_id)
        for k in keys:
            self._undated_keys[k].discard(event_id)


def hint_days(clusterer: EventClusterer, undated: list[ArticleFeatures]) -> dict[str, tuple[date, float]]:
    """The day other articles' background sentences give each undated report, if any.

    A dated background sentence ("the visit expected on 15 October") that matches an undated
    report as well as a mention must match an event votes for its day, when the day fits the
    weekdays and year-less dates the report names. The best-supported day (and the best
    score behind it) is returned per article id. Each report scores only the mentions
    sharing one of its blocking keys (found through the mention index).
    """
    s = clusterer.settings
    out = {}
    for f in undated:
        votes: dict[date, float] = defaultdict(float)
        best: dict[date, float] = defaultdict(float)
        # Through the report's blocking keys (its heaviest stems and names): a sentence that
        # shares none of them cannot match it as well as a mention must.
        for m in clusterer.mentions.candidates(clusterer.blocking_keys(f), s.max_posting):
            if m.article_id == f.id or not fits_calendar(m.day, m.day, f.weekdays, f.partial_days, 0):
                continue
            lexical = cosine(m.vec, f.vec)
            if m.ents and f.ent_vec:
                score = s.lexical_weight * lexical + (1 - s.lexical_weight) * coverage(m.ents, f.ent_vec)
            else:
                score = lexical
            # A report as like the whole article as its background sentence is more
            # likely a report of that article's own happening (same visit, other words).
            if score >= s.undated_mention_threshold and score > _pair_score(
                clusterer, f, clusterer.features[m.article_id]
            ):
                votes[m.day] += score
                best[m.day] = max(best[m.day], score)
        if votes:
            day = max(sorted(votes), key=lambda d: votes[d])
            out[f.id] = (day, best[day])
    return out


def _pair_score(clusterer: EventClusterer, a: ArticleFeatures, b: ArticleFeatures) -> float:
    s = clusterer.settings
    lexical = cosine(a.vec, b.vec)
    if a.ent_vec and b.ent_vec:
        entities = weighted_jaccard(a.ent_vec, b.ent_vec)
        return s.lexical_weight * lexical + (1 - s.lexical_weight) * entities
    return lexical


def _score(clusterer: EventClusterer, vec: Vector, ents: Vector, st: EventState) -> float:
    s = clusterer.settings
    lexical = cosine(vec, st.centroid, st.centroid_norm)
    if ents and st.entities:
        # The background sentence names a few of the event's participants: how much of
        # what it names belongs to the event, not how alike the two whole sets are.
        entities = coverage(ents, st.entities)
        return s.lexical_weight * lexical + (1 - s.lexical_weight) * entities
    return lexical
