"""Stories: threads of events that share actors and topic over a long window.

The same online scheme as events, one level up: each event (in date order, undated last)
joins the story with the most similar actors and lead vocabulary whose events lie within
``story_window_days``, or starts a new story. Stories are compared through a key index,
never all against all.
"""

from __future__ import annotations

import hashlib
import heapq
import math
from collections import Counter
from collections.abc import Iterable, MutableMapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING

from marsad.cluster.features import Vector, accumulate, cosine, parse_day, unit
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
    centroid_sq: float = 0.0  # squared norms, kept as events come and go
    entities_sq: float = 0.0
    periods: int = 0  # members that are round-ups of a past period (see ``_is_period``)
    # members' reports by the member's day (None: undated), for the link share near a day
    day_mass: Counter[date | None] = field(default_factory=Counter)

    def add(self, vec: Vector, ents: Vector, sign: float = 1.0) -> None:
        """Add (or with ``sign`` -1, take out) one event's part of the sums."""
        self.centroid_sq += accumulate(self.centroid, vec, sign)
        self.entities_sq += accumulate(self.entities, ents, sign)
        self.centroid_norm = max(self.centroid_sq, 0.0) ** 0.5
        self.entities_norm = max(self.entities_sq, 0.0) ** 0.5


# stories up to this many events join at the plain link floor; larger ones need more
# (``ClusterSettings.story_link_floor_growth``)
_FLOOR_FLAT_SIZE = 8


def story_id(first_event: str) -> str:
    return "st_" + hashlib.blake2b(first_event.encode(), digest_size=6).hexdigest()


class StoryClusterer:
    """Stories over the events of an :class:`EventClusterer`, online.

    Each story has a serial number that never changes (stories are kept by serial, in the
    order they were opened), so that merging two stories or dropping one costs the stories
    involved only, never a pass over all of them.
    """

    def __init__(self, settings: ClusterSettings, events: EventClusterer) -> None:
        self.settings = settings
        self.events = events
        self._states: dict[int, StoryState] = {}  # serial → story, in the order opened
        self._serial = 0
        self._forward: dict[int, int] = {}  # serial of a story merged away → the one that took it
        self._by_key: dict[str, set[int]] = {}  # key → serials (some forwarded)
        self._story_of: dict[str, int] = {}  # event id → story serial
        # event id → what it added to its story: vectors, and whether it is a round-up
        self._parts: MutableMapping[str, tuple[Vector, Vector, bool]] = {}
        self._placed: set[str] = set()  # events placed at least once
        self._dirty: set[int] = set()  # stories that lost events, described on the next add
        self._ids: dict[str, int] = {}  # story id → serial of the live story that holds it

    @property
    def states(self) -> list[StoryState]:
        return list(self._states.values())

    @property
    def stories(self) -> list[Story]:
        return [s.story for s in self._states.values()]

    def live(self, story_id: str) -> StoryState | None:
        """The live story of this id, if there is one."""
        serial = self._ids.get(story_id)
        return None if serial is None else self._states.get(serial)

    @property
    def parts(self) -> MutableMapping[str, tuple[Vector, Vector, bool]]:
        """Event id → what it added to its story's sums (read only to take it out again)."""
        return self._parts

    def keep_parts_in(self, parts: MutableMapping[str, tuple[Vector, Vector, bool]]) -> None:
        """Keep :attr:`parts` in ``parts`` (e.g. records in the store) from now on; only
        before any event is placed."""
        if self._story_of:
            raise ValueError("keep_parts_in() needs a StoryClusterer with no events")
        self._parts = parts

    def add(self, changed: list[EventState]) -> list[StoryState]:
        """Place new events in stories and refresh the stories they touch (returned)."""
        fresh = [st for st in changed if st.event.id not in self._story_of]
        touched = {self._story_of[st.event.id] for st in changed if st.event.id in self._story_of}
        for st in sorted(fresh, key=_event_order):
            touched.add(self._assign(st))
        # Stories are joined through an event's links once, when it first arrives: an event
        # placed again because it grew does not chain stories a second time.
        first = [st for st in fresh if st.event.id not in self._placed]
        self._placed.update(st.event.id for st in first)
        touched = self._merge_linked(first, touched)
        dirty = {j for i in self._dirty if (j := self._live(i)) in self._states} - touched
        self._dirty = set()
        for serial in sorted(touched | dirty):
            self._describe(self._states[serial])
        return [self._states[serial] for serial in sorted(touched)]

    def remove(self, event_ids: set[str], *, describe: bool = True) -> None:
        """Take events out of their stories (merged into another event, or about to be
        placed again because they changed); a story left with no event is dropped. With
        ``describe`` False the stories left are described by the next :meth:`add` (which
        places the events again), not twice."""
        by_story: dict[int, set[str]] = {}
        for event_id in event_ids:
            serial = self._story_of.pop(event_id, None)
            if serial is not None:
                by_story.setdefault(serial, set()).add(event_id)
        for serial, gone in sorted(by_story.items()):
            st = self._states[serial]
            st.members = [m for m in st.members if m.event.id not in gone]
            parts = [self._parts.pop(e) for e in sorted(gone) if e in self._parts]
            if not st.members:
                del self._states[serial]
                self._ids.pop(st.story.id, None)
                continue
            for vec, ents, period in parts:  # exactly what each added when it was placed
                st.add(vec, ents, -1.0)
                st.periods -= period
            days = [d for m in st.members if (d := _event_day(m))]
            st.lo, st.hi = (min(days), max(days)) if days else (None, None)
            _count_days(st)
            if describe:
                self._describe(st)
            else:
                self._dirty.add(serial)

    def _live(self, serial: int) -> int:
        while serial in self._forward:
            serial = self._forward[serial]
        return serial

    def _merge_linked(self, fresh: list[EventState], touched: set[int]) -> set[int]:
        """One event whose reports link to events of two stories joins those stories: the
        event stage's links are single-link evidence of one thread (events came in date
        order, so the earlier story could not see the later)."""
        s = self.settings
        merged: set[int] = set()
        for ev in sorted(fresh, key=_event_order):
            period = self._parts[ev.event.id][2]
            for linked_serial, (score, reached) in sorted(self._links_into(ev).items()):
                # joined at once, so the next link is weighed against the story as it now is
                own, serial = self._story_of[ev.event.id], self._live(linked_serial)
                if serial == own or serial not in self._states:
                    continue
                score *= self._period_factor(period, self._states[serial])
                if (
                    score >= s.story_link_threshold
                    and self._stories_alike(self._states[own], self._states[serial])
                    and self._share(ev, self._states[serial], reached) >= s.story_link_share
                ):
                    keep, gone = sorted((serial, own))  # the older story keeps its id
                    self._ids.pop(self._states[gone].story.id, None)
                    self._absorb_story(self._states[keep], self._states.pop(gone))
                    self._forward[gone] = keep
                    merged.add(keep)
        return {j for i in touched | merged if (j := self._live(i)) in self._states}

    def _new_id(self, event_id: str, serial: int) -> str:
        """The id of a story the event opens: :func:`story_id` of the event, unless a live story
        holds it (the event opened that story, left it to be placed again, and opens another while
        the first lives on with its other events); then the first free numbered variant. Two live
        stories never share an id: the store keys stories by id, so one of them would be lost."""
        sid = story_id(event_id)
        n = 1
        while sid in self._ids:
            sid = story_id(f"{event_id}#{n}")
            n += 1
        self._ids[sid] = serial
        return sid

    def _absorb_story(self, keep: StoryState, gone: StoryState) -> None:
        keep.add(gone.centroid, gone.entities)
        keep.members.extend(gone.members)
        keep.periods += gone.periods
        keep.day_mass.update(gone.day_mass)
        serial = self._story_of[keep.members[0].event.id]
        for ev in gone.members:
            ev.event.story_id = keep.story.id
            self._story_of[ev.event.id] = serial
        days = [d for d in (keep.lo, keep.hi, gone.lo, gone.hi) if d]
        keep.lo, keep.hi = (min(days), max(days)) if days else (None, None)

    def state_of(self, event_id: str) -> StoryState | None:
        serial = self._story_of.get(event_id)
        return None if serial is None else self._states[serial]

    def refresh(self, ev: EventState) -> None:
        """Re-read an event's date into its story (after the event learnt its date)."""
        st = self._states[self._story_of[ev.event.id]]
        day = _event_day(ev)
        if day:
            st.lo = min(st.lo or day, day)
            st.hi = max(st.hi or day, day)
        _count_days(st)  # the event's reports now count on its new day
        self._describe(st)

    def _assign(self, ev: EventState) -> int:
        s = self.settings
        # An event's heaviest terms say what it is about; the long tail only costs time.
        vec, ents = unit(_prune(ev.centroid, s.story_terms)), unit(ev.entities)
        # names say which thread only when they include who acts: places alone do not
        actor = any(self.events.labels.get(k[2:]) in ("PERSON", "ORG") for k in ents)
        period = self._is_period(ev)
        keys = _top(vec, s.blocking_terms) + _top(ents, s.blocking_entities)
        hits: Counter[int] = Counter()
        for k in keys:
            stories = self._by_key.get(k, set())
            if len(stories) <= s.max_posting:
                hits.update({j for i in stories if (j := self._live(i)) in self._states})
        day = _event_day(ev)
        # Reports of two events that the event stage found alike (same few days, pair score
        # at the story link threshold) thread the events into one story: the event stage's
        # links are reused, nothing is compared again.
        linked = self._linked(ev)
        best, best_score = -1, s.story_threshold
        candidates = heapq.nsmallest(s.max_candidates, hits.items(), key=lambda x: (-x[1], x[0]))
        for idx in sorted({i for i, _ in candidates} | set(linked)):
            st = self._states[idx]
            if day and st.lo and st.hi:
                gap = max((st.lo - day).days, (day - st.hi).days, 0)
                if gap > s.story_window_days:
                    continue
            score = self._score(vec, ents if actor else {}, st)
            if idx in linked and score >= s.story_link_floor:
                # on the centroid scale: a link at the link threshold counts as the story threshold
                # (a link counts only when the event is somewhat like the story as a whole: one
                # pair of reports alone would chain unrelated news into one ever-growing story)
                score = max(score, linked[idx] - s.story_link_threshold + s.story_threshold)
            score *= self._period_factor(period, st)
            if score > best_score or (score == best_score and best < 0):
                best, best_score = idx, score
        if best < 0:
            best = self._serial
            self._serial += 1
            self._states[best] = StoryState(Story(id=self._new_id(ev.event.id, best), label="", events=[]))
        st = self._states[best]
        st.members.append(ev)
        st.periods += period
        st.day_mass[day] += _mass(ev)
        self._story_of[ev.event.id] = best
        self._parts[ev.event.id] = (vec, ents, period)
        ev.event.story_id = st.story.id
        st.add(vec, ents)
        if day:
            st.lo = min(st.lo or day, day)
            st.hi = max(st.hi or day, day)
        for k in keys:
            self._by_key.setdefault(k, set()).add(best)
        return best

    def _is_period(self, ev: EventState) -> bool:
        """Most of the event's reports are round-ups of a past period (last month's trading)."""
        reports = [self.events.features[a] for a in ev.event.articles if a in ev.vectors]
        return 2 * sum(f.period for f in reports) > len(reports)

    def _stories_alike(self, a: StoryState, b: StoryState) -> bool:
        """Two stories are alike enough as wholes to be joined through a link between two
        of their events (the link floor between their centroids)."""
        larger = max(len(a.members), len(b.members))
        s = self.settings
        floor = s.story_link_floor + s.story_link_floor_growth * math.log(max(1.0, larger / _FLOOR_FLAT_SIZE))
        if floor <= 0.0 or not a.centroid_norm:
            return True
        # ``a``'s sums scaled to unit length, without copying them (a story's centroid can
        # hold thousands of terms)
        lexical = cosine(a.centroid, b.centroid, b.centroid_norm) / a.centroid_norm
        if a.entities_norm and b.entities:
            w = self.settings.pair_lexical_weight
            names = cosine(a.entities, b.entities, b.entities_norm) / a.entities_norm
            return w * lexical + (1 - w) * names >= floor
        return lexical >= floor

    def _period_factor(self, period: bool, st: StoryState) -> float:
        """Last month's round-up is not a thread of the day's sessions (nor the reverse)."""
        return 1.0 if (2 * st.periods > len(st.members)) == period else self.settings.date_conflict_factor

    def _links_into(self, ev: EventState) -> dict[int, tuple[float, list[tuple[EventState, int]]]]:
        """Stories already holding an event linked to ``ev`` by its reports: the best link
        into each, and the events of that story the links reach, each with how many of its
        reports they reach."""
        best: dict[int, float] = {}
        reached: dict[int, dict[str, tuple[EventState, set[str]]]] = {}
        own = set(ev.event.articles)
        for article_id in ev.event.articles:
            for other, score in self.events.links.get(article_id, {}).items():
                if other in own:
                    continue
                other_event = self.events.state_of_article(other)
                idx = None if other_event is None else self._story_of.get(other_event.event.id)
                if idx is None or other_event is None:
                    continue
                entry = reached.setdefault(idx, {}).setdefault(other_event.event.id, (other_event, set()))
                entry[1].add(other)
                if score > best.get(idx, 0.0):
                    best[idx] = score
        return {i: (v, [(m, len(hit)) for m, hit in reached[i].values()]) for i, v in best.items()}

    def _linked(self, ev: EventState) -> dict[int, float]:
        """Stories already holding an event linked to ``ev`` by its reports: best link each.
        A story counts only when the events ``ev`` links to are a real part of it near
        ``ev``'s days (:meth:`_share`), not one pair among the many a large story offers."""
        t = self.settings.story_link_share
        out = self._links_into(ev).items()
        return {i: v for i, (v, reached) in out if self._share(ev, self._states[i], reached) >= t}

    def _share(self, ev: EventState, st: StoryState, linked: Iterable[tuple[EventState, int]]) -> float:
        """The share of story ``st``'s reports near ``ev``'s days (the report window,
        where links can exist at all) that the links of ``ev`` reach (``linked``: the events
        they reach, each with how many of its reports).

        The chance that an event has one report link (pair score >= the link threshold) to
        some member of a story grows with how many members the story has on those days; this
        share does not. A link to a thread of a few events a day is most of it; one link into
        a topical mass of dozens a day (club news, the day's market reports) is a sliver of
        it, however that mass grew. (Only the reached side is weighed: on events_dev a
        story is a big event with satellites linked to one of its minor events, and asking
        the same share of the satellite's side lost 0.02 of story F1.)

        An event of n reports, r of which are linked, weighs sqrt(r * n) (at most n): more
        than the r reports (a column on a summit links to a few of its many reports, and the
        summit is one happening), less than all n, because one link does not make every
        report of an event one's own when the event itself may be too broad (at 10k
        SaudiNewsNet articles one "event" of 146 receptions, cables and Eid greetings, which
        then carried anything linked to any of them into its story)."""
        w = self.settings.window_days
        lo, hi = parse_day(ev.event.date), parse_day(ev.event.date_end or ev.event.date)
        if lo is None or hi is None:
            near: set[date | None] = {None}
        else:
            near = {lo + timedelta(days=i) for i in range(-w, (hi - lo).days + w + 1)}
        total = sum(st.day_mass[d] for d in near if d in st.day_mass)
        hit = 0.0
        for m, reports in linked:
            mass = _mass(m)
            hit += min(float(mass), math.sqrt(max(reports, 1) * mass))
            if _event_day(m) not in near:  # linked from outside the window (a long event)
                total += mass
        return hit / total if total else 0.0

    def _score(self, vec: Vector, ents: Vector, st: StoryState) -> float:
        lexical = cosine(vec, st.centroid, st.centroid_norm)
        if ents and st.entities:
            w = self.settings.pair_lexical_weight
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


def _mass(ev: EventState) -> int:
    """How many reports an event weighs in its story's day counts (duplicates are not new
    reports; an event of duplicates only still counts one)."""
    return max(ev.evidence, 1)


def _count_days(st: StoryState) -> None:
    """Recount a story's reports by day from its members (after members left or moved)."""
    st.day_mass = Counter()
    for m in st.members:
        st.day_mass[_event_day(m)] += _mass(m)


def _prune(vec: Vector, n: int) -> Vector:
    return vec if len(vec) <= n else dict(sorted(vec.items(), key=lambda kv: (-kv[1], kv[0]))[:n])


def _top(vec: Vector, n: int) -> list[str]:
    return sorted(vec, key=lambda k: (-vec[k], k))[:n]


def _event_day(ev: EventState) -> date | None:
    return parse_day(ev.event.date)


def _event_order(ev: EventState) -> tuple[bool, date, str]:
    day = _event_day(ev)
    return (day is None, day or date.min, ev.event.id)
