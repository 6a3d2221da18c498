"""Events: one happening, reported by one or more articles. Online and order independent.

Reports are linked pair by pair, never all against all: each new report is scored against the
reports that share one of its blocking keys (its highest-weighted lead stems and main
entities) on a day near its main date. The pair score is lexical cosine plus participants'
weighted Jaccard, lowered when both reports date different days in their text or when each
headline names someone the other report never names, and ruled out by the calendar checks
for undated reports. Links are taken strongest first; a link joins two events when their
reports are on average alike as well (average linkage over the pair graph) and their dates
stay within one happening's span. Taking links in score order makes the result independent
of the input order; each report costs a bounded number of look-ups and comparisons.
"""

from __future__ import annotations

import hashlib
import heapq
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta

from marsad.arabic import normalize
from marsad.cluster.features import (
    ArticleFeatures,
    Vector,
    Vocabulary,
    accumulate,
    article_sentences,
    cosine,
    entity_key,
    extract_features,
    fits_calendar,
    lead_sentence_ids,
    weighted_jaccard,
)
from marsad.cluster.headlines import clean_headline, shorten
from marsad.cluster.mentions import MentionIndex, hint_days, weigh_mention
from marsad.cluster.settings import ClusterSettings
from marsad.cluster.stories import StoryClusterer, StoryState
from marsad.model import Article, EntityLabel, Event, Story

_UNDATED = -1  # posting-day of events with no date
_MAX_NAME_WORDS = 4  # longest name looked up in a headline
_CLITICS = ("و", "ب", "ل")  # «وجامايكا», «بالنيجر», «لحاكم»


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
    centroid_sq: float = 0.0  # squared norm of the centroid, kept as parts are added
    evidence: int = 0  # members whose features are in the sums (duplicates are not)

    @property
    def span(self) -> tuple[date, date] | None:
        if not self.days:
            return None
        return min(self.days), max(self.days)

    def merge(self, other: EventState) -> None:
        """Take in every report and sum of ``other`` (two events found to be one)."""
        self.event.articles.extend(other.event.articles)
        self.centroid_sq += accumulate(self.centroid, other.centroid)
        accumulate(self.entities, other.entities)
        self.centroid_norm = max(self.centroid_sq, 0.0) ** 0.5
        self.evidence += other.evidence
        self.days.update(other.days)
        self.text_days.update(other.text_days)
        self.locations.update(other.locations)
        self.weekdays |= other.weekdays
        self.partial_days |= other.partial_days
        self.hinted_days |= other.hinted_days
        self.keys |= other.keys
        self.vectors.update(other.vectors)

    def absorb(self, vec: Vector, ents: Vector) -> None:
        """Add a member's vectors to the sums (norms cached: scoring reads them per candidate)."""
        self.centroid_sq += accumulate(self.centroid, vec)
        accumulate(self.entities, ents)
        self.centroid_norm = max(self.centroid_sq, 0.0) ** 0.5
        self.evidence += 1


def _hint(f: ArticleFeatures) -> date | None:
    """The hinted day of an undated report whose only calendar evidence is a named weekday."""
    if f.main_date is None and f.weekdays and not f.partial_days:
        return f.hinted_date
    return None


def _names_conflict(a: ArticleFeatures, b: ArticleFeatures) -> bool:
    """Each headline names someone or somewhere the other report never names."""
    return bool(a.title_entities - b.entity_counts.keys()) and bool(b.title_entities - a.entity_counts.keys())


def event_id(first_article: str) -> str:
    return "ev_" + hashlib.blake2b(first_article.encode(), digest_size=6).hexdigest()


class EventClusterer:
    """Online event (and story) clustering.

    ``add(articles)`` links new articles to the reports already seen, joining or merging
    events, or opening new ones; events and stories are updated in place. ``cluster_events``
    is one ``add`` over everything. Sets ``article.event_id``; ``article.mentioned_events``
    and ``event.mentioned_by`` are recomputed after each add.
    """

    def __init__(self, settings: ClusterSettings | None = None) -> None:
        self.settings = settings or ClusterSettings()
        self.vocabulary = Vocabulary()
        self.states: list[EventState] = []
        self.features: dict[str, ArticleFeatures] = {}
        self.articles: dict[str, Article] = {}
        self.names: dict[str, Counter[str]] = {}  # entity key → surface names
        self.labels: dict[str, EntityLabel] = {}
        # report pairs at or above the story link threshold: article id → {other id: score}
        self.links: dict[str, dict[str, float]] = {}
        self._state: dict[str, EventState] = {}  # article id → its event
        self._postings: dict[tuple[str, int], list[str]] = {}  # (key, day) → report ids
        self._by_key: dict[str, list[str]] = {}  # key → report ids (for undated reports)
        self._surfaces: dict[str, Counter[str]] = {}  # normalised name → entity keys using it
        self._guard_scores: dict[tuple[str, str], float | None] = {}  # merge guard, one add
        self.mentions = MentionIndex()  # background mentions and the event links they make
        self.stories = StoryClusterer(self.settings, self)

    @property
    def events(self) -> list[Event]:
        return [s.event for s in self.states]

    @property
    def event_of(self) -> dict[str, int]:
        """Article id → index of its event in :attr:`states` (built when asked for)."""
        return {a: i for i, st in enumerate(self.states) for a in st.event.articles}

    # ------------------------------------------------------------------ adding

    def _take(self, articles: list[Article]) -> None:
        """Remember ``articles``: their features, names and vocabulary, then their weights
        (weighed once the whole batch is in the vocabulary)."""
        for article in articles:
            self.articles[article.id] = article
            self.features[article.id] = extract_features(article, self.settings)
            self._remember_names(article)
        for article in articles:
            f = self.features[article.id]
            if not f.entity_counts and article.title:
                self._title_names(f, article.title)
            if article.duplicate_of is None:
                self.vocabulary.add(f.keys())
        for article in articles:
            f = self.features[article.id]
            self._weigh(f)
            for m in f.background:
                weigh_mention(self.vocabulary, m)
            self.mentions.add(f.background)

    def add(self, articles: list[Article]) -> list[Event]:
        """Cluster ``articles`` into the events; returns the events that changed."""
        fresh = [a for a in articles if a.id not in self.articles]
        self._take(fresh)

        originals = [a for a in fresh if a.duplicate_of is None or a.duplicate_of not in self.articles]
        original_ids = {a.id for a in originals}
        copies = [a for a in fresh if a.id not in original_ids]
        new = sorted((self.features[a.id] for a in originals), key=self._order)
        undated = [f for f in new if f.main_date is None]
        for f in undated:
            f.hinted_date, f.hint_score = None, 0.0
        for article_id, (day, support) in hint_days(self, undated).items():
            self.features[article_id].hinted_date = day
            self.features[article_id].hint_score = support

        touched: set[str] = set()
        opened = {event_id(f.id) for f in new}
        for f in new:  # every new report opens its own event; links then join them
            st = EventState(Event(id=event_id(f.id), label="", articles=[]))
            self.states.append(st)
            self._join(st, f, evidence=True)
            self._post(f)
            touched.add(st.event.id)
        merged_old: list[tuple[str, str]] = []  # (event of an earlier add gone, one of its reports)
        self._guard_scores = {}
        for _, a, b in self._edges(new):
            sa, sb = self._state[a], self._state[b]
            if sa is sb or not self._mergeable(sa, sb):
                continue
            keep, gone = sorted((sa, sb), key=lambda st: self._order(self.features[st.event.articles[0]]))
            if gone.event.id not in opened:
                merged_old.append((gone.event.id, gone.event.articles[0]))
            keep.merge(gone)
            for article_id in gone.event.articles:
                self._state[article_id] = keep
                self.articles[article_id].event_id = keep.event.id
            gone.event.articles = []
            touched.add(keep.event.id)
        self._guard_scores = {}  # features change with the next add (hinted days)
        for article in sorted(copies, key=lambda a: a.id):
            # A duplicate reports what its canonical reports: same event, no new evidence.
            st = self._state[article.duplicate_of]  # type: ignore[index]
            self._join(st, self.features[article.id], evidence=False)
            touched.add(st.event.id)
        self.states = [st for st in self.states if st.event.articles]

        # Only events that gained reports or learnt a date from mentions need describing again.
        touched |= self.mentions.link(self, touched)
        changed = [st for st in self.states if st.event.id in touched]
        for st in changed:
            self._describe(st)
        # Events seen before that took in reports (or were merged into others) change what
        # their stories hold: those stories are placed again, event by event in date order,
        # as a rebuild would place them (only those stories: the rest stay as they are).
        involved = {g for g, _ in merged_old} | {st.event.id for st in changed if st.event.id not in opened}
        if involved:
            self.stories.remove(involved, describe=False)  # described once, by the add below
        for st in self._complete_years(self.stories.add(changed)):
            self._describe(st)
            self.stories.refresh(st)
            touched.add(st.event.id)
        return [st.event for st in self.states if st.event.id in touched]

    def adopt(self, events: list[Event], articles: list[Article]) -> None:
        """Take already-clustered ``events`` (memberships and fields kept) into an empty
        clusterer, with their members' features, so stories can be built over them."""
        if self.states:
            raise ValueError("adopt() needs an empty EventClusterer")
        by_id = {a.id: a for a in articles}
        members = [by_id[a] for e in events for a in e.articles if a in by_id]
        self._take(members)
        for event in events:
            st = EventState(event)
            self.states.append(st)
            for article_id in event.articles:
                found = self.features.get(article_id)
                if found is None:
                    continue
                self._state[article_id] = st
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
        f.has_actor = any(self.labels.get(k) in ("PERSON", "ORG") for k in f.entity_counts)
        f.terms = {}  # counted into the vocabulary and weighed: only the vector is kept

    def _complete_years(self, stories: list[StoryState]) -> list[EventState]:
        """Date undated events whose reports give a day and month but no year ("23 كانون
        الأول") by the story they belong to: the year that puts the day nearest the story's
        dated events, on a weekday the reports name when they name one. Only the events of
        ``stories`` (those an add touched) are looked at: the others' stories did not move."""
        s = self.settings
        done = []
        for st in (m for story in stories for m in story.members):
            if not st.partial_days or st.inferred_day or st.span:
                continue  # (the cheap tests first: the story may hold thousands of events)
            story = self.stories.state_of(st.event.id)
            if story is None or story.lo is None:
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
                done.append(st)
        return done

    def state_of_article(self, article_id: str) -> EventState | None:
        """The event (with its running sums) an article is in, or None."""
        return self._state.get(article_id)

    def event_of_article(self, article_id: str) -> str | None:
        """The id of the event an article is in (None when it is not clustered here)."""
        st = self._state.get(article_id)
        return st.event.id if st is not None else None

    def _edges(self, new: list[ArticleFeatures]) -> list[tuple[float, str, str]]:
        """Scored report pairs involving a new report, strongest first (ties by ids)."""
        s = self.settings
        seen: set[tuple[str, str]] = set()
        edges = []
        for f in new:
            for other in self._candidates(f):
                pair = (f.id, other) if f.id < other else (other, f.id)
                if pair in seen:
                    continue
                seen.add(pair)
                score = self.pair_score(f, self.features[other])
                if score is None:
                    continue
                link = score
                if score >= s.story_link_threshold and not (f.has_actor and self.features[other].has_actor):
                    # a thread is who acts: a report naming only places links by its words
                    link = self.pair_score(f, self.features[other], actors=True) or 0.0
                if link >= s.story_link_threshold:
                    self.links.setdefault(f.id, {})[other] = link
                    self.links.setdefault(other, {})[f.id] = link
                undated = f.main_date is None or self.features[other].main_date is None
                if score >= (s.undated_threshold if undated else s.event_threshold):
                    edges.append((score, *pair))
        edges.sort(key=lambda e: (-e[0], e[1], e[2]))
        return edges

    def _mergeable(self, a: EventState, b: EventState) -> bool:
        """Whether two linked events are one: dates within one span, no calendar clash
        between their reports, and their reports alike on average (not one bridge)."""
        s = self.settings
        days = list(a.days) + list(b.days)
        if days and (max(days) - min(days)).days > s.max_span_days:
            return False
        ma = [x for x in a.event.articles if x in a.vectors][:20]
        mb = [x for x in b.event.articles if x in b.vectors][:20]
        total = best = 0.0
        for x in ma:
            fx = self.features[x]
            for y in mb:
                fy = self.features[y]
                pair = (x, y) if x < y else (y, x)
                if pair in self._guard_scores:
                    score = self._guard_scores[pair]
                else:  # events grow link by link: the same pairs come back, score them once
                    score = self._guard_scores[pair] = self.pair_score(fx, fy, window=s.max_span_days)
                if score is None and (fx.main_date is None or fy.main_date is None):
                    return False  # "on Tuesday" cannot be a report of Thursday's meeting
                total += score or 0.0
                best = max(best, score or 0.0)
        if a.text_days and b.text_days and not a.text_days.keys() & b.text_days.keys():
            # each tells of other days in its text: two sessions (or one visit over two
            # days, whose reports are then strongly alike), not one bridge of a round-up
            if best < s.split_days_link:
                return False
        return total >= s.event_average * len(ma) * len(mb)

    def _order(self, f: ArticleFeatures) -> tuple[bool, date, str]:
        """Dated reports in date order, then undated ones; ties by id."""
        return (f.main_date is None, f.main_date or date.min, f.id)

    def _remember_names(self, article: Article) -> None:
        for m in article.mentions:
            key = entity_key(m)
            self.names.setdefault(key, Counter())[m.canonical or m.text] += 1
            self.labels[key] = m.label
            if not m.is_source:
                for surface in {normalize(m.text), normalize(m.canonical or m.text)}:
                    self._surfaces.setdefault(surface, Counter())[key] += 1

    def _title_names(self, f: ArticleFeatures, title: str) -> None:
        """A report with no entity mentions (a headline over an empty or one-line body)
        names its participants in the headline: find the names other reports use there."""
        s = self.settings
        words = normalize(title).split()
        label_weight = {"PERSON": 1.0, "ORG": s.org_weight, "LOC": s.loc_weight}
        i = 0
        while i < len(words):
            for n in range(min(_MAX_NAME_WORDS, len(words) - i), 0, -1):
                phrase = " ".join(words[i : i + n])
                keys = self._surfaces.get(phrase)
                if keys is None and phrase[:1] in _CLITICS:
                    keys = self._surfaces.get(phrase[1:])
                if keys:
                    key = min(keys, key=lambda k: (-keys[k], k))
                    weight = label_weight.get(self.labels.get(key, "MISC"), 1.0)
                    f.entity_counts[key] = f.entity_counts.get(key, 0.0) + weight * s.lead_weight
                    f.title_entities.add(key)
                    i += n
                    break
            else:
                i += 1

    # ------------------------------------------------------------------ matching

    def blocking_keys(self, f: ArticleFeatures) -> list[str]:
        s = self.settings
        terms = sorted(f.vec, key=lambda k: (-f.vec[k], k))[: s.blocking_terms]
        ents = sorted(f.ent_vec, key=lambda k: (-f.ent_vec[k], k))[: s.blocking_entities]
        return terms + ents

    def _post(self, f: ArticleFeatures) -> None:
        day = f.main_date.toordinal() if f.main_date else _UNDATED
        for k in self.blocking_keys(f):
            self._postings.setdefault((k, day), []).append(f.id)
            self._by_key.setdefault(k, []).append(f.id)

    def _candidates(self, f: ArticleFeatures) -> list[str]:
        """The reports sharing most blocking keys with ``f`` near its day (hub keys skipped)."""
        s = self.settings
        hits: Counter[str] = Counter()
        keys = self.blocking_keys(f)
        if f.main_date is None:
            postings = [self._by_key.get(k, []) for k in keys]
        else:
            day0 = f.main_date.toordinal()
            days = [*range(day0 - s.window_days, day0 + s.window_days + 1), _UNDATED]
            postings = [self._postings.get((k, d), []) for k in keys for d in days]
        for ids in postings:
            if len(ids) <= s.max_posting:
                hits.update(ids)
        hits.pop(f.id, None)
        return [a for a, _ in heapq.nsmallest(s.max_candidates, hits.items(), key=lambda x: (-x[1], x[0]))]

    def pair_score(
        self, a: ArticleFeatures, b: ArticleFeatures, window: int | None = None, *, actors: bool = False
    ) -> float | None:
        """How alike two reports are, or None when their dates rule out one happening.
        Names count only when one of the two names a person or an organisation (two reports
        that share only a country are alike by their words); with ``actors``, when both do
        (the story links)."""
        s = self.settings
        window = s.window_days if window is None else window
        factor = 1.0
        undated: ArticleFeatures | None = None
        far = False
        if a.main_date is not None and b.main_date is not None:
            gap = abs((a.main_date - b.main_date).days)
            if gap > window:
                return None
            if gap and a.date_from_text and b.date_from_text:
                factor *= s.date_conflict_factor  # two sessions, two matches
        elif a.main_date is not None or b.main_date is not None:
            undated, dated = (a, b) if a.main_date is None else (b, a)
            day = dated.main_date
            assert day is not None
            # a report's "الثلاثاء" is the day it tells of, or the day before it appeared
            if not fits_calendar(
                day - timedelta(days=1), day, undated.weekdays, undated.partial_days, window
            ):
                return None
            hint = _hint(undated)
            far = hint is not None and abs((hint - day).days) > window
        else:
            ha, hb = _hint(a), _hint(b)
            if ha is not None and hb is not None and abs((ha - hb).days) > window:
                undated, far = max((a, b), key=lambda f: f.hint_score), True
        lexical = cosine(a.vec, b.vec)
        # names count when someone in the pair names an actor (with ``actors``: both do)
        named = (a.has_actor and b.has_actor) if actors else (a.has_actor or b.has_actor)
        if a.ent_vec and b.ent_vec and named:
            entities = weighted_jaccard(a.ent_vec, b.ent_vec)
            score = s.pair_lexical_weight * lexical + (1 - s.pair_lexical_weight) * entities
        else:
            score = lexical
        if _names_conflict(a, b):
            factor *= s.name_conflict_factor
        if a.period != b.period:
            factor *= s.date_conflict_factor  # last month's round-up vs one day's session
        score *= factor
        if far and undated is not None and score <= undated.hint_score:
            # other articles date this report elsewhere, and match it better than this
            # report does: a shared weekday is no anchor
            return None
        return score

    def _join(self, st: EventState, f: ArticleFeatures, *, evidence: bool) -> None:
        st.event.articles.append(f.id)
        self._state[f.id] = st
        self.articles[f.id].event_id = st.event.id
        if not evidence:
            return
        st.absorb(f.vec, f.ent_vec)
        st.vectors[f.id] = f.vec
        if f.main_date is not None:
            st.days[f.main_date] += 1
            if f.date_from_text:
                st.text_days[f.main_date] += 1
        st.locations.update(f.lead_locations)
        st.weekdays |= f.weekdays
        st.partial_days |= f.partial_days
        if _hint(f) is not None:
            st.hinted_days.add(f.hinted_date)  # type: ignore[arg-type]
        st.keys |= set(self.blocking_keys(f))

    # ------------------------------------------------------------------ describing

    def _describe(self, st: EventState) -> None:
        ev = st.event
        s = self.settings
        ev.articles.sort(key=lambda a: self._order(self.features[a]))
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
        """The headline of the most representative report: the member closest to the event's
        centroid that has a headline of 3+ words (else its first lead sentence), with site
        names and desk labels removed. Equal closeness (two reports of an event are equally
        close to it) goes to the smaller id, not to the last bit of a float."""
        candidates = st.vectors or {a: {} for a in st.event.articles}
        ranked = sorted(
            sorted(candidates), key=lambda a: -round(cosine(candidates[a], st.centroid, st.centroid_norm), 9)
        )
        titled = [a for a in ranked if (self.articles[a].title or "").count(" ") >= 2]
        if titled:
            text = clean_headline(self.articles[titled[0]].title or "")
        else:
            article = self.articles[ranked[0]]
            sentences = article_sentences(article)
            lead = lead_sentence_ids(sentences, 1)
            text = next((x.text for x in sentences if x.id in lead), article.title or article.body[:200])
        return shorten(text, self.settings.label_chars)
