"""Stories: threads of events that share actors and topic over a long window.

The same online scheme as events, one level up: each event (in date order, undated last)
joins the story with the most similar actors and lead vocabulary whose events lie within
``story_window_days``, or starts a new story. Stories are compared through a key index,
never all against all.
"""

from __future__ import annotations

import hashlib
import heapq
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from marsad.cluster.features import Vector, cosine, parse_day, unit
from marsad.cluster.headlines import shorten
from marsad.cluster.settings import ClusterSettings
from marsad.model import Story

if TYPE_CHECKING:
    from marsad.cluster.events import EventClusterer, EventState


@dataclass
class StoryState:
    story: Story
    centroid: Vector = field(default_factory=dict)
    entities: Vector = field(default_factory=dict)
    lo: date | None = None
    hi: date | None = None
    members: list[EventState] = field(default_factory=list)
    centroid_norm: float = 0.0
    entities_norm: float = 0.0


def story_id(first_event: str) -> str:
    return "st_" + hashlib.blake2b(first_event.encode(), digest_size=6).hexdigest()


class StoryClusterer:
    def __init__(self, settings: ClusterSettings, events: EventClusterer) -> None:
        self.settings = settings
        self.events = events
        self.states: list[StoryState] = []
        self._by_key: dict[str, set[int]] = {}
        self._story_of: dict[str, int] = {}  # event id → story index

    @property
    def stories(self) -> list[Story]:
        return [s.story for s in self.states]

    def add(self, changed: list[EventState]) -> None:
        """Place new events in stories and refresh the stories they touch."""
        fresh = [st for st in changed if st.event.id not in self._story_of]
        touched = {self._story_of[st.event.id] for st in changed if st.event.id in self._story_of}
        for st in sorted(fresh, key=_event_order):
            touched.add(self._assign(st))
        touched = self._merge_linked(fresh, touched)
        for idx in sorted(touched):
            self._describe(self.states[idx])

    def _merge_linked(self, fresh: list[EventState], touched: set[int]) -> set[int]:
        """One event whose reports link to events of two stories joins those stories: the
        event stage's links are single-link evidence of one thread (events came in date
        order, so the earlier story could not see the later)."""
        s = self.settings
        parent = list(range(len(self.states)))

        def find(i: int) -> int:
            while parent[i] != i:
                parent[i] = parent[parent[i]]
                i = parent[i]
            return i

        for ev in sorted(fresh, key=_event_order):
            own = self._story_of[ev.event.id]
            for idx, score in self._linked(ev).items():
                if score >= s.story_link_threshold and find(idx) != find(own):
                    a, b = sorted((find(idx), find(own)))
                    parent[b] = a
        groups: dict[int, list[int]] = {}
        for i in range(len(self.states)):
            groups.setdefault(find(i), []).append(i)
        if all(len(g) == 1 for g in groups.values()):
            return touched
        keep_of = {}
        for root, members in groups.items():
            for i in members[1:]:
                self._absorb_story(self.states[root], self.states[i])
            keep_of.update({i: root for i in members})
        survivors = sorted(groups)
        new_index = {old: n for n, old in enumerate(survivors)}
        self.states = [self.states[i] for i in survivors]
        self._story_of = {e: new_index[keep_of[i]] for e, i in self._story_of.items()}
        self._by_key = {k: {new_index[keep_of[i]] for i in v} for k, v in self._by_key.items()}
        merged = {new_index[root] for root, members in groups.items() if len(members) > 1}
        return {new_index[keep_of[i]] for i in touched} | merged

    def _absorb_story(self, keep: StoryState, gone: StoryState) -> None:
        for k, v in gone.centroid.items():
            keep.centroid[k] = keep.centroid.get(k, 0.0) + v
        for k, v in gone.entities.items():
            keep.entities[k] = keep.entities.get(k, 0.0) + v
        keep.centroid_norm, keep.entities_norm = _norm(keep.centroid), _norm(keep.entities)
        keep.members.extend(gone.members)
        for ev in gone.members:
            ev.event.story_id = keep.story.id
        days = [d for d in (keep.lo, keep.hi, gone.lo, gone.hi) if d]
        keep.lo, keep.hi = (min(days), max(days)) if days else (None, None)

    def state_of(self, event_id: str) -> StoryState | None:
        idx = self._story_of.get(event_id)
        return None if idx is None else self.states[idx]

    def refresh(self, ev: EventState) -> None:
        """Re-read an event's date into its story (after the event learnt its date)."""
        idx = self._story_of[ev.event.id]
        st = self.states[idx]
        day = _event_day(ev)
        if day:
            st.lo = min(st.lo or day, day)
            st.hi = max(st.hi or day, day)
        self._describe(st)

    def _assign(self, ev: EventState) -> int:
        s = self.settings
        # An event's heaviest terms say what it is about; the long tail only costs time.
        vec, ents = unit(_prune(ev.centroid, s.story_terms)), unit(ev.entities)
        keys = _top(vec, s.blocking_terms) + _top(ents, s.blocking_entities)
        hits: Counter[int] = Counter()
        for k in keys:
            stories = self._by_key.get(k, set())
            if len(stories) <= s.max_posting:
                hits.update(stories)
        day = _event_day(ev)
        # Reports of two events that the event stage found alike (same few days, pair score
        # at the story link threshold) thread the events into one story: the event stage's
        # links are reused, nothing is compared again.
        linked = self._linked(ev)
        best, best_score = -1, s.story_threshold
        candidates = heapq.nsmallest(s.max_candidates, hits.items(), key=lambda x: (-x[1], x[0]))
        for idx in sorted({i for i, _ in candidates} | set(linked)):
            st = self.states[idx]
            if day and st.lo and st.hi:
                gap = max((st.lo - day).days, (day - st.hi).days, 0)
                if gap > s.story_window_days:
                    continue
            score = self._score(vec, ents, st)
            if idx in linked:
                # on the centroid scale: a link at the link threshold counts as the story threshold
                score = max(score, linked[idx] - s.story_link_threshold + s.story_threshold)
            if score > best_score or (score == best_score and best < 0):
                best, best_score = idx, score
        if best < 0:
            best = len(self.states)
            self.states.append(StoryState(Story(id=story_id(ev.event.id), label="", events=[])))
        st = self.states[best]
        st.members.append(ev)
        self._story_of[ev.event.id] = best
        ev.event.story_id = st.story.id
        for k, v in vec.items():
            st.centroid[k] = st.centroid.get(k, 0.0) + v
        for k, v in ents.items():
            st.entities[k] = st.entities.get(k, 0.0) + v
        st.centroid_norm, st.entities_norm = _norm(st.centroid), _norm(st.entities)
        if day:
            st.lo = min(st.lo or day, day)
            st.hi = max(st.hi or day, day)
        for k in keys:
            self._by_key.setdefault(k, set()).add(best)
        return best

    def _linked(self, ev: EventState) -> dict[int, float]:
        """Stories already holding an event linked to ``ev`` by its reports: best link each."""
        out: dict[int, float] = {}
        own = set(ev.event.articles)
        for article_id in ev.event.articles:
            for other, score in self.events.links.get(article_id, {}).items():
                if other in own:
                    continue
                other_event = self.events.event_of_article(other)
                idx = None if other_event is None else self._story_of.get(other_event)
                if idx is not None and score > out.get(idx, 0.0):
                    out[idx] = score
        return out

    def _score(self, vec: Vector, ents: Vector, st: StoryState) -> float:
        lexical = cosine(vec, st.centroid, st.centroid_norm)
        if ents and st.entities:
            w = self.settings.lexical_weight
            return w * lexical + (1 - w) * cosine(ents, st.entities, st.entities_norm)
        return lexical

    def _describe(self, st: StoryState) -> None:
        members = sorted(st.members, key=_event_order)
        story = st.story
        story.events = [m.event.id for m in members]
        days = [d for m in members for d in (parse_day(m.event.date), parse_day(m.event.date_end)) if d]
        story.date = min(days).isoformat() if days else None
        story.date_end = max(days).isoformat() if days else None
        actors: Counter[str] = Counter()
        for m in members:
            actors.update(m.event.participants)
        shared = [a for a, _ in sorted(actors.items(), key=lambda x: (-x[1], x[0]))]
        story.actors = shared[: self.settings.participants]
        story.label = self._label(members)

    def _label(self, members: list[EventState]) -> str:
        """A short headline: the name of the story's most reported event (most reports, then
        most outlets, then the earliest), cut at a clause break."""
        if not members:
            return ""
        lead = min(members, key=lambda m: (-len(m.event.articles), -len(m.event.outlets), _event_order(m)))
        return shorten(lead.event.label, self.settings.story_label_chars)


def _prune(vec: Vector, n: int) -> Vector:
    return vec if len(vec) <= n else dict(sorted(vec.items(), key=lambda kv: (-kv[1], kv[0]))[:n])


def _top(vec: Vector, n: int) -> list[str]:
    return sorted(vec, key=lambda k: (-vec[k], k))[:n]


def _norm(vec: Vector) -> float:
    return sum(v * v for v in vec.values()) ** 0.5


def _event_day(ev: EventState) -> date | None:
    return parse_day(ev.event.date)


def _event_order(ev: EventState) -> tuple[bool, date, str]:
    day = _event_day(ev)
    return (day is None, day or date.min, ev.event.id)
