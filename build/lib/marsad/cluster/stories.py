"""Stories: threads of events that share actors and topic over a long window.

The same online scheme as events, one level up: each event (in date order, undated last)
joins the story with the most similar actors and lead vocabulary whose events lie within
``story_window_days``, or starts a new story. Stories are compared through a key index,
never all against all.
"""

from __future__ import annotations

import hashlib
import heapq
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from marsad.arabic import normalize
from marsad.arabic.tokens import content_stems
from marsad.cluster.features import Vector, cosine, parse_day, unit
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
        for idx in sorted(touched):
            self._describe(self.states[idx])

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
        best, best_score = -1, s.story_threshold
        for idx, _ in heapq.nsmallest(s.max_candidates, hits.items(), key=lambda x: (-x[1], x[0])):
            st = self.states[idx]
            if day and st.lo and st.hi:
                gap = max((st.lo - day).days, (day - st.hi).days, 0)
                if gap > s.story_window_days:
                    continue
            score = self._score(vec, ents, st)
            if score >= best_score:
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
        places: Counter[str] = Counter()
        for m in members:
            actors.update(m.event.participants)
            if m.event.place:
                places[m.event.place] += 1
        shared = [a for a, _ in sorted(actors.items(), key=lambda x: (-x[1], x[0]))]
        story.actors = shared[: self.settings.participants]
        story.label = self._label(story.actors, places, st, members)

    def _label(
        self, actors: list[str], places: Counter[str], st: StoryState, members: list[EventState]
    ) -> str:
        """Most shared actors, place and key words, e.g. "بوتين، الشيباني · موسكو · العلاقات السورية"."""
        names = _distinct_names([self.events.display_name(a) for a in actors[:5]], 3)
        parts = ["، ".join(names)] if names else []
        if places:
            parts.append(max(sorted(places), key=lambda p: places[p]))
        words = _key_words(st.centroid, [m.event.label for m in members], 3, names + list(places))
        if words:
            parts.append(" ".join(words))
        return " · ".join(parts) or (members[0].event.label if members else "")


def _key_words(centroid: Vector, labels: list[str], n: int, names: list[str]) -> list[str]:
    """Surface words of the event labels whose stems weigh most in the story centroid,
    leaving out the actors and place already in the label and near-repeats (السوري/السوريين)."""
    taken = {w for name in names for w in normalize(name).split()}
    seen: dict[str, str] = {}
    for label in labels:
        for word in label.split():
            stems = content_stems(word)
            clean = _bare_word(word)
            form = normalize(clean)
            named = form in taken or (form[:1] in "وبل" and form[1:] in taken)  # "وموسكو"
            if stems and stems[0] not in seen and not named:
                seen[stems[0]] = clean
    out: list[str] = []
    for stem in sorted(seen, key=lambda k: (-centroid.get(k, 0.0), k)):
        form = normalize(seen[stem])
        if centroid.get(stem, 0.0) <= 0 or any(form[:4] == normalize(w)[:4] for w in out):
            continue
        out.append(seen[stem])
        if len(out) == n:
            break
    return out


# Punctuation around a word and a clitic written with tatweel ("بـ«سوريا»" → "سوريا").
_WORD_EDGES = re.compile(r"^(?:[وفبلك]ـ)?[^\w]*|[^\w]*$")


def _bare_word(word: str) -> str:
    return _WORD_EDGES.sub("", word)


def _distinct_names(names: list[str], n: int) -> list[str]:
    """Up to ``n`` names, skipping one whose words (article stripped) repeat or contain a
    name already chosen ("تنظيم داعش الإرهابي" after "تنظيم داعش", "فيصل" after "سعود الفيصل")."""
    chosen: list[tuple[str, set[str]]] = []
    for name in names:
        words = {w.removeprefix("ال") for w in normalize(name).split()}
        if any(words <= other or other <= words for _, other in chosen):
            continue
        chosen.append((name, words))
        if len(chosen) == n:
            break
    return [name for name, _ in chosen]


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
