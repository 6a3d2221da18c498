"""Events: one happening, reported by one or more articles. Online and order independent.

Each article is compared only with the events that share one of its blocking keys (its
highest-weighted lead stems and main entities) on a day near its main date — never with
all events — and joins the best one above the threshold, or opens a new event. Articles
are taken in (main date, id) order, with undated articles last so that they meet the dated
events first; so a batch gives the same events whatever the input order.
"""

from __future__ import annotations

import hashlib
import heapq
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta

from marsad.cluster.features import (
    ArticleFeatures,
    Vector,
    Vocabulary,
    article_sentences,
    cosine,
    entity_key,
    extract_features,
    fits_calendar,
    lead_sentence_ids,
    weighted_jaccard,
)
from marsad.cluster.mentions import hint_days, link_mentions
from marsad.cluster.settings import ClusterSettings
from marsad.cluster.stories import StoryClusterer
from marsad.model import Article, EntityLabel, Event, Story

_UNDATED = -1  # posting-day of events with no date


@dataclass
class EventState:
    """An event with the running sums it is matched by."""

    event: Event
    centroid: Vector = field(default_factory=dict)  # sum of member lead vectors
    entities: Vector = field(default_factory=dict)  # sum of member entity vectors
    days: Counter[date] = field(default_factory=Counter)  # member main dates
    text_days: Counter[date] = field(default_factory=Counter)  # those read from leads
    inferred_day: date | None = None  # from other articles' background mentions
    locations: Counter[str] = field(default_factory=Counter)
    weekdays: set[int] = field(default_factory=set)
    partial_days: set[tuple[int, int]] = field(default_factory=set)
    hinted_days: set[date] = field(default_factory=set)  # undated members' hinted days
    keys: set[str] = field(default_factory=set)
    vectors: dict[str, Vector] = field(default_factory=dict)  # member id → lead vector (labels)
    centroid_norm: float = 0.0
    evidence: int = 0  # members whose features are in the sums (duplicates are not)

    @property
    def span(self) -> tuple[date, date] | None:
        if not self.days:
            return None
        return min(self.days), max(self.days)

    def absorb(self, vec: Vector, ents: Vector) -> None:
        """Add a member's vectors to the sums (norms cached: scoring reads them per candidate)."""
        for k, v in vec.items():
            self.centroid[k] = self.centroid.get(k, 0.0) + v
        for k, v in ents.items():
            self.entities[k] = self.entities.get(k, 0.0) + v
        self.centroid_norm = norm(self.centroid)
        self.evidence += 1


def norm(vec: Vector) -> float:
    return sum(v * v for v in vec.values()) ** 0.5


def event_id(first_article: str) -> str:
    return "ev_" + hashlib.blake2b(first_article.encode(), digest_size=6).hexdigest()


class EventClusterer:
    """Online event (and story) clustering.

    ``add(articles)`` assigns new articles to existing events or opens new ones, updating
    events and stories in place; ``cluster_events`` is one ``add`` over everything. Each
    article costs a bounded number of index look-ups and comparisons, so a corpus costs
    O(n log n) at most. Sets ``article.event_id``; ``article.mentioned_events`` and
    ``event.mentioned_by`` are recomputed after each add.
    """

    def __init__(self, settings: ClusterSettings | None = None) -> None:
        self.settings = settings or ClusterSettings()
        self.vocabulary = Vocabulary()
        self.states: list[EventState] = []
        self.features: dict[str, ArticleFeatures] = {}
        self.articles: dict[str, Article] = {}
        self.event_of: dict[str, int] = {}  # article id → index into states
        self.names: dict[str, Counter[str]] = {}  # entity key → surface names
        self.labels: dict[str, EntityLabel] = {}
        self._postings: dict[tuple[str, int], set[int]] = {}
        self._by_key: dict[str, set[int]] = {}  # for undated articles: every event by key
        self.stories = StoryClusterer(self.settings, self)

    @property
    def events(self) -> list[Event]:
        return [s.event for s in self.states]

    # ------------------------------------------------------------------ adding

    def add(self, articles: list[Article]) -> list[Event]:
        """Cluster ``articles`` into the events; returns the events that changed."""
        s = self.settings
        fresh = [a for a in articles if a.id not in self.articles]
        for article in fresh:
            self.articles[article.id] = article
            f = extract_features(article, s)
            self.features[article.id] = f
            self._remember_names(article)
            if article.duplicate_of is None:
                self.vocabulary.add(f.keys())
        for article in fresh:
            self._weigh(self.features[article.id])

        touched: set[int] = set()
        originals = [a for a in fresh if a.duplicate_of is None or a.duplicate_of not in self.articles]
        original_ids = {a.id for a in originals}
        copies = [a for a in fresh if a.id not in original_ids]
        dated = [a for a in originals if self.features[a.id].main_date is not None]
        for article in sorted(dated, key=self._order):
            touched.add(self._assign(self.features[article.id]))
        # Undated reports have no time order to follow: the surest go first (best match to
        # the dated events, then id), so a weak one cannot open an event a surer one joins.
        undated = [self.features[a.id] for a in originals if self.features[a.id].main_date is None]
        for f in undated:
            f.hinted_date, f.hint_score = None, 0.0
        for article_id, (day, support) in hint_days(self, undated).items():
            self.features[article_id].hinted_date = day
            self.features[article_id].hint_score = support
        for f in sorted(undated, key=lambda f: (-self._best_score(f), f.id)):
            touched.add(self._assign(f))
        for article in sorted(copies, key=lambda a: a.id):
            # A duplicate reports what its canonical reports: same event, no new evidence.
            idx = self.event_of[article.duplicate_of]  # type: ignore[index]
            self._join(idx, self.features[article.id], evidence=False)
            touched.add(idx)

        learnt = [st.inferred_day for st in self.states]
        link_mentions(self)
        # Only events that gained reports or learnt a date from mentions need describing again.
        touched |= {i for i, st in enumerate(self.states) if i >= len(learnt) or st.inferred_day != learnt[i]}
        for idx in sorted(touched):
            self._describe(self.states[idx])
        self.stories.add([self.states[i] for i in sorted(touched)])
        for idx in self._complete_years():
            self._describe(self.states[idx])
            self.stories.refresh(self.states[idx])
            touched.add(idx)
        return [self.states[i].event for i in sorted(touched)]

    def adopt(self, events: list[Event], articles: list[Article]) -> None:
        """Take already-clustered ``events`` (memberships and fields kept) into an empty
        clusterer, with their members' features, so stories can be built over them."""
        if self.states:
            raise ValueError("adopt() needs an empty EventClusterer")
        s = self.settings
        by_id = {a.id: a for a in articles}
        members = [by_id[a] for e in events for a in e.articles if a in by_id]
        for article in members:
            self.articles[article.id] = article
            f = extract_features(article, s)
            self.features[article.id] = f
            self._remember_names(article)
            if article.duplicate_of is None:
                self.vocabulary.add(f.keys())
        for article in members:
            self._weigh(self.features[article.id])
        for event in events:
            st = EventState(event)
            idx = len(self.states)
            self.states.append(st)
            for article_id in event.articles:
                found = self.features.get(article_id)
                if found is None:
                    continue
                self.event_of[article_id] = idx
                if by_id[article_id].duplicate_of is None:
                    st.absorb(found.vec, found.ent_vec)
                    st.vectors[found.id] = found.vec

    def regroup_stories(self) -> list[Story]:
        """Stories rebuilt from scratch over the current events (after their dates changed,
        e.g. by :func:`marsad.cluster.reanchor_members`), on the features already held."""
        self.stories = StoryClusterer(self.settings, self)
        self.stories.add(list(self.states))
        return self.stories.stories

    def _weigh(self, f: ArticleFeatures) -> None:
        f.vec = self.vocabulary.weigh(f.terms, self.settings.max_terms)
        f.ent_vec = self.vocabulary.weigh_counts(Counter({"e:" + k: c for k, c in f.entity_counts.items()}))
        f.terms = {}  # counted into the vocabulary and weighed: only the vector is kept

    def _complete_years(self) -> list[int]:
        """Date undated events whose reports give a day and month but no year ("23 كانون
        الأول") by the story they belong to: the year that puts the day nearest the story's
        dated events, on a weekday the reports name when they name one."""
        s = self.settings
        done = []
        for idx, st in enumerate(self.states):
            story = self.stories.state_of(st.event.id)
            if st.span or st.inferred_day or not st.partial_days or story is None or story.lo is None:
                continue
            lo, hi = story.lo, story.hi or story.lo
            options = []
            for month, day_of_month in sorted(st.partial_days):
                for year in range(lo.year - 1, hi.year + 2):
                    try:
                        day = date(year, month, day_of_month)
                    except ValueError:
                        continue
                    gap = max((lo - day).days, (day - hi).days, 0)
                    # a visit's arrival on the 23rd may be told with the next day's "الأربعاء"
                    near = fits_calendar(
                        day - timedelta(days=1), day + timedelta(days=1), st.weekdays, set(), 0
                    )
                    if gap <= s.story_window_days and near:
                        options.append((gap, day))
            if options:
                st.inferred_day = min(options)[1]
                done.append(idx)
        return done

    def _order(self, article: Article) -> tuple[date, str]:
        return (self.features[article.id].main_date or date.min, article.id)

    def _remember_names(self, article: Article) -> None:
        for m in article.mentions:
            key = entity_key(m)
            self.names.setdefault(key, Counter())[m.canonical or m.text] += 1
            self.labels[key] = m.label

    # ------------------------------------------------------------------ matching

    def _assign(self, f: ArticleFeatures) -> int:
        best, best_score = -1, 0.0
        threshold = self.settings.event_threshold if f.main_date else self.settings.undated_threshold
        for idx in self._candidates(f):
            score = self.score(f, self.states[idx])
            if score is not None and score >= threshold and score > best_score:
                best, best_score = idx, score
        if best < 0:
            best = len(self.states)
            self.states.append(EventState(Event(id=event_id(f.id), label="", articles=[])))
        self._join(best, f, evidence=True)
        return best

    def _best_score(self, f: ArticleFeatures) -> float:
        scores = (self.score(f, self.states[idx]) for idx in self._candidates(f))
        return max((x for x in scores if x is not None), default=0.0)

    def blocking_keys(self, f: ArticleFeatures) -> list[str]:
        s = self.settings
        terms = sorted(f.vec, key=lambda k: (-f.vec[k], k))[: s.blocking_terms]
        ents = sorted(f.ent_vec, key=lambda k: (-f.ent_vec[k], k))[: s.blocking_entities]
        return terms + ents

    def _candidates(self, f: ArticleFeatures) -> list[int]:
        s = self.settings
        hits: Counter[int] = Counter()
        keys = self.blocking_keys(f)
        if f.main_date is None:
            postings = [self._by_key.get(k, set()) for k in keys]
        else:
            day0 = f.main_date.toordinal()
            days = [*range(day0 - s.window_days, day0 + s.window_days + 1), _UNDATED]
            postings = [self._postings.get((k, d), set()) for k in keys for d in days]
        for events in postings:
            if len(events) <= s.max_posting:
                hits.update(events)
        return [
            idx for idx, _ in heapq.nsmallest(s.max_candidates, hits.items(), key=lambda x: (-x[1], x[0]))
        ]

    def score(self, f: ArticleFeatures, st: EventState) -> float | None:
        """Similarity of an article to an event, or None when their dates rule it out."""
        s = self.settings
        span = st.span
        penalty = 0.0
        far = False
        if f.main_date is not None and span is not None:
            lo, hi = min(span[0], f.main_date), max(span[1], f.main_date)
            if (hi - lo).days > s.max_span_days:
                return None
            gap = max((span[0] - f.main_date).days, (f.main_date - span[1]).days, 0)
            if gap > s.window_days:
                return None
            penalty = 0.02 * gap
        elif f.main_date is None and span is not None:
            if not fits_calendar(span[0], span[1], f.weekdays, f.partial_days, s.window_days):
                return None  # "on Tuesday" cannot be a report of Thursday's meeting
            hint = f.hinted_date if f.weekdays and not f.partial_days else None
            far = hint is not None and max((span[0] - hint).days, (hint - span[1]).days) > s.window_days
        elif f.main_date is None and span is None and f.weekdays and not f.partial_days:
            # two undated reports: their hinted days (see above) must not disagree
            hint = f.hinted_date
            far = (
                hint is not None
                and bool(st.hinted_days)
                and all(abs((hint - d).days) > s.window_days for d in st.hinted_days)
            )
        elif f.main_date is not None and span is None:
            # reported on the day or the day after
            if not fits_calendar(
                f.main_date - timedelta(days=1), f.main_date, st.weekdays, st.partial_days, 1
            ):
                return None
        lexical = cosine(f.vec, st.centroid, st.centroid_norm)
        if f.ent_vec and st.entities:
            entities = weighted_jaccard(f.ent_vec, st.entities, st.evidence)
            score = s.lexical_weight * lexical + (1 - s.lexical_weight) * entities - penalty
        else:
            score = lexical - penalty
        if far and score <= f.hint_score:
            # other articles date this report elsewhere, and match it better than this event
            # does: a shared weekday is no anchor
            return None
        return score

    def _join(self, idx: int, f: ArticleFeatures, *, evidence: bool) -> None:
        st = self.states[idx]
        st.event.articles.append(f.id)
        self.event_of[f.id] = idx
        self.articles[f.id].event_id = st.event.id
        if not evidence:
            return
        old_days: set[date | None] = set(st.days) or {None}
        st.absorb(f.vec, f.ent_vec)
        st.vectors[f.id] = f.vec
        if f.main_date is not None:
            st.days[f.main_date] += 1
            if f.date_from_text:
                st.text_days[f.main_date] += 1
        st.locations.update(f.lead_locations)
        st.weekdays |= f.weekdays
        st.partial_days |= f.partial_days
        if f.main_date is None and f.hinted_date is not None and f.weekdays and not f.partial_days:
            st.hinted_days.add(f.hinted_date)
        new_keys = set(self.blocking_keys(f)) - st.keys
        st.keys |= new_keys
        new_days: set[date | None] = set(st.days) or {None}
        if old_days == {None} and new_days != {None}:
            for k in st.keys:
                self._postings.get((k, _UNDATED), set()).discard(idx)
        for k in st.keys if new_days != old_days else new_keys:
            self._by_key.setdefault(k, set()).add(idx)
            for d in new_days:
                self._postings.setdefault((k, d.toordinal() if d else _UNDATED), set()).add(idx)

    # ------------------------------------------------------------------ describing

    def _describe(self, st: EventState) -> None:
        ev = st.event
        s = self.settings
        days = st.text_days or st.days
        if days:
            ev.date, ev.date_end = min(days).isoformat(), max(days).isoformat()
        elif st.inferred_day:
            ev.date, ev.date_end = st.inferred_day.isoformat(), st.inferred_day.isoformat()
        else:
            ev.date = ev.date_end = None
        ev.outlets = sorted({o for a in ev.articles if (o := self.articles[a].outlet)})
        weights: dict[str, float] = {}
        for k, v in st.entities.items():
            key = k[2:]
            if self.labels.get(key) in ("PERSON", "ORG"):
                weights[key] = weights.get(key, 0.0) + v
        ev.participants = [
            k for k, _ in sorted(weights.items(), key=lambda x: (-x[1], x[0]))[: s.participants]
        ]
        ev.place = (
            self.display_name(max(st.locations, key=lambda k: (st.locations[k], k))) if st.locations else None
        )
        ev.label = self._label(st)

    def display_name(self, key: str) -> str:
        names = self.names.get(key)
        # most used surface, ties by the name itself: never by the order articles came in
        return min(names, key=lambda n: (-names[n], n)) if names else key

    def _label(self, st: EventState) -> str:
        """The title (else first lead sentence) of the member closest to the event's centroid."""
        candidates = st.vectors or {a: {} for a in st.event.articles}
        best = max(sorted(candidates), key=lambda a: cosine(candidates[a], st.centroid, st.centroid_norm))
        article = self.articles[best]
        text = article.title if article.title and len(article.title.split()) >= 3 else None
        if text is None:
            sentences = article_sentences(article)
            lead = lead_sentence_ids(sentences, 1)
            text = next((x.text for x in sentences if x.id in lead), article.body[:200])
        return trim(text, self.settings.label_chars)


def trim(text: str, limit: int) -> str:
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0]
    return cut + "…"
