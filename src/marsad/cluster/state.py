"""The event clusterer's per-article state kept out of memory, for a long-lived corpus.

An :class:`~marsad.cluster.EventClusterer` holds, for every article it has seen, its
features and an article record, and each event holds its members' lead vectors. An
observatory that keeps the clusterer between runs (``marsad.incremental``) needs only a
few hundred of those per update: the reports near a new report's day and the members of
the events it changes. :func:`keep_records_in` puts the per-article records in mappings
the caller gives (store-backed ones that read a record when it is asked for), and
:func:`share_member_vectors` makes events refer to their members' vectors through the
features instead of holding copies. Nothing of the scoring changes: the clusterer reads
the same values through the same mapping interface.
"""

from __future__ import annotations

import copyreg
import pickle
import sys
import zlib
from array import array
from collections.abc import Iterable, Iterator, Mapping, MutableMapping
from typing import TYPE_CHECKING, Any

from marsad.cluster.features import ArticleFeatures, BackgroundMention, Vector, unit
from marsad.cluster.settings import ClusterSettings
from marsad.store.records import Terms, pack_record, pack_values, unpack_record, unpack_values

if TYPE_CHECKING:
    from marsad.cluster.events import EventClusterer, EventState
    from marsad.cluster.stories import StoryState
    from marsad.model import Article


class MemberVectors(MutableMapping[str, Vector]):
    """An event's member id → lead vector, read from the members' features.

    Setting a member records its id only: the vector an event keeps for a member is always
    that member's ``features[id].vec`` (what :class:`EventClusterer` stores there).
    """

    def __init__(self, ids: Iterable[str], features: Mapping[str, ArticleFeatures]) -> None:
        self.ids: dict[str, None] = dict.fromkeys(ids)
        self.features = features

    def __getitem__(self, key: str) -> Vector:
        if key not in self.ids:
            raise KeyError(key)
        return self.features[key].vec

    def __setitem__(self, key: str, value: Vector) -> None:
        self.ids[key] = None

    def __delitem__(self, key: str) -> None:
        del self.ids[key]

    def __contains__(self, key: object) -> bool:
        return key in self.ids

    def __iter__(self) -> Iterator[str]:
        return iter(self.ids)

    def __len__(self) -> int:
        return len(self.ids)

    def update(self, other: Any = (), /, **kwargs: Vector) -> None:
        """Take in other members (their ids: no vector is read)."""
        if isinstance(other, Mapping):
            self.ids.update(dict.fromkeys(other))
        else:
            self.ids.update(dict.fromkeys(k for k, _ in other))
        self.ids.update(dict.fromkeys(kwargs))


_NESTED = {"background": BackgroundMention}


class ClusterRows:
    """How the clusterer's per-article features and per-event story parts are written as
    store rows: their fields in order (no field names), stems and entity keys as numbers of
    one :class:`~marsad.store.records.Terms` table, weights as arrays of the same floats
    (read back exactly: the scores do not change). Pickled with the state, table included."""

    def __init__(self, terms: Terms) -> None:
        self.terms = terms
        # what a story part row may be read back from instead (set by :meth:`parts_from`):
        # the clusterer, and for one flush, each event's sole member
        self.clusterer: EventClusterer | None = None
        self.members: dict[str, str] = {}

    def parts_from(self, clusterer: EventClusterer) -> None:
        """Write the story part of an event of one report as that report's id when the part
        is what its vectors make (:func:`story_part_vectors`): read back from its features."""
        self.clusterer = clusterer

    def note_members(self) -> None:
        """Before a flush: the sole member of each event that has one (cleared after it)."""
        c = self.clusterer
        self.members = {} if c is None else {st.event.id: m for st in c.states if (m := sole_member(st))}

    def __getstate__(self) -> dict[str, Any]:
        return {**self.__dict__, "members": {}}

    def encode_features(self, features: ArticleFeatures) -> bytes:
        packed = pack_record(features, self.terms, _NESTED)
        return zlib.compress(pickle.dumps(packed, protocol=pickle.HIGHEST_PROTOCOL), 1)

    def decode_features(self, data: bytes) -> ArticleFeatures:
        packed = pickle.loads(zlib.decompress(data))  # noqa: S301 — our own store's rows, written above
        return unpack_record(ArticleFeatures, packed, self.terms, _NESTED)  # type: ignore[no-any-return]

    def encode_part(self, part: tuple[Vector, Vector, bool]) -> bytes:
        packed = pack_values(part, self.terms)
        return zlib.compress(pickle.dumps(packed, protocol=pickle.HIGHEST_PROTOCOL), 1)

    def encode_part_of(self, event_id: str, part: tuple[Vector, Vector, bool]) -> bytes:
        """An event's story part: its sole member's id when the part is exactly what that
        member's vectors make (checked here, while its features are in memory), else whole."""
        member = self.members.get(event_id)
        if member is not None and self.clusterer is not None:
            f = self.clusterer.features.held(member)  # type: ignore[attr-defined]
            if f is not None:
                vec, ents = story_part_vectors(self.clusterer.settings, f.vec, f.ent_vec)
                if _same_vector(vec, part[0]) and _same_vector(ents, part[1]):
                    packed = (member, part[2])
                    return zlib.compress(pickle.dumps(packed, protocol=pickle.HIGHEST_PROTOCOL), 1)
        return self.encode_part(part)

    def decode_part(self, data: bytes) -> tuple[Vector, Vector, bool]:
        packed = pickle.loads(zlib.decompress(data))  # noqa: S301 — our own store's rows, written above
        if type(packed[0]) is str:  # (member id, period): made again from the member's vectors
            if self.clusterer is None:
                raise RuntimeError("a story part row names a member, but no clusterer reads it")
            f = self.clusterer.features[packed[0]]
            return (*story_part_vectors(self.clusterer.settings, f.vec, f.ent_vec), packed[1])
        return tuple(unpack_values(packed, self.terms))  # type: ignore[return-value]


def story_part_vectors(
    settings: ClusterSettings, centroid: Vector, entities: Vector
) -> tuple[Vector, Vector]:
    """What an event with these sums adds to its story's sums (the story stage's vectors:
    its heaviest terms and its entities, each of unit length)."""
    from marsad.cluster.stories import _prune

    return unit(_prune(centroid, settings.story_terms)), unit(entities)


def keep_records_in(
    clusterer: EventClusterer,
    features: MutableMapping[str, ArticleFeatures],
    articles: MutableMapping[str, Article],
    *,
    story_parts: MutableMapping[str, tuple[Vector, Vector, bool]] | None = None,
) -> None:
    """Keep the per-article features and records of an empty clusterer in these mappings,
    and (``story_parts``) what each event added to its story's sums, which the stories read
    only to take an event out again."""
    if clusterer.states or clusterer.features or clusterer.articles or clusterer.stories.states:
        raise ValueError("keep_records_in() needs an empty EventClusterer")
    clusterer.features = features  # type: ignore[assignment]
    clusterer.articles = articles  # type: ignore[assignment]
    if story_parts is not None:
        clusterer.stories.keep_parts_in(story_parts)


def share_member_vectors(clusterer: EventClusterer) -> int:
    """Make every event that holds its members' vectors refer to them through the
    clusterer's features instead (after an add); returns how many events changed."""
    done = 0
    for st in clusterer.states:
        if type(st.vectors) is dict and st.vectors:
            st.vectors = MemberVectors(st.vectors, clusterer.features)  # type: ignore[assignment]
            done += 1
    return done


def _same_vector(a: Mapping[str, float], b: Mapping[str, float]) -> bool:
    """The same keys in the same order and the same float bits (sums over them agree)."""
    return list(a) == list(b) and array("d", a.values()).tobytes() == array("d", b.values()).tobytes()


def sole_member(st: EventState) -> str | None:
    """The one report whose vectors an event's sums hold, when it has one only (its other
    members, if any, are copies, which add nothing to the sums)."""
    if st.evidence != 1 or len(st.vectors) != 1:
        return None
    return next(iter(st.vectors))


def sums_are_member_vectors(st: EventState, features: ArticleFeatures) -> bool:
    """Whether an event's sums are exactly its sole member's vectors (a copy of each, as
    adding one report to empty sums makes them): then they can be read back from there."""
    return (
        sole_member(st) == features.id
        and _same_vector(st.centroid, features.vec)
        and _same_vector(st.entities, features.ent_vec)
    )


class FromMember:
    """Stands, in a saved state, for an event's sums that are its sole member's vectors
    (:func:`sums_are_member_vectors`); :func:`restore_member_sums` puts them back."""

    __slots__ = ("member",)

    def __init__(self, member: str) -> None:
        self.member = member

    def __reduce__(self) -> tuple:
        return (FromMember, (self.member,))


def without_member_sums(st: EventState | StoryState, member: str) -> tuple:
    """How to pickle an event (or a story of one event) whose sums are what its sole
    report's vectors make: everything but the sums, which :func:`restore_member_sums`
    reads back from that report's features."""
    fields = dict(st.__dict__)
    fields["centroid"] = fields["entities"] = FromMember(member)
    return (copyreg.__newobj__, (type(st),), fields)  # type: ignore[attr-defined]


def story_report(story: StoryState) -> str | None:
    """The one report a story's sums come from: its only event's sole member."""
    if len(story.members) != 1:
        return None
    return sole_member(story.members[0])


def story_sums_are_member_vectors(
    story: StoryState, features: ArticleFeatures, settings: ClusterSettings
) -> bool:
    """Whether a story's sums are exactly what its one report's vectors make (the story
    part of an event of one report, added to empty sums)."""
    if story_report(story) != features.id:
        return False
    vec, ents = story_part_vectors(settings, features.vec, features.ent_vec)
    return _same_vector(story.centroid, vec) and _same_vector(story.entities, ents)


def sums_fingerprint(st: EventState | StoryState) -> int | None:
    """A hash of a story's sums (keys, values and order), to tell, when the state is saved,
    that they are still the ones checked (a story that took an event in and out again
    has the same single member but other float bits); None while they are sums read back
    (:class:`MemberSums`) that nothing has used yet, and so unchanged."""
    a, b = st.centroid, st.entities
    if type(a) is MemberSums and type(b) is MemberSums and a._data is None and b._data is None:
        return None
    return hash((tuple(a.items()), tuple(b.items()), st.centroid_sq))


class MemberSums(MutableMapping[str, float]):
    """An event's sums (``centroid`` or ``entities``) that are its sole member's vectors,
    read from the member's features when they are used. An event's are read through:
    looking at them reads the member's vector itself (no copy); the first change makes
    them a dict of their own (a copy: adding a report to the event changes them, not the
    member's vector). A story's are what the story stage makes of the vectors, made
    when first used and kept. A state loaded for an update of a few articles reads only
    the sums of the events the update looks at; a long run lets them go after each
    chunk (:func:`park_member_sums`)."""

    __slots__ = ("_data", "_view", "entities", "features", "member", "story")

    def __init__(
        self,
        member: str,
        features: Mapping[str, ArticleFeatures],
        *,
        entities: bool,
        story: ClusterSettings | None = None,
    ) -> None:
        self.member, self.features, self.entities = member, features, entities
        self.story = story  # a story's sums: what the story stage makes of the vectors
        self._data: dict[str, float] | None = None  # their own, once made or changed
        self._view: dict[str, float] | None = None  # the member's vector, read through

    def _read(self) -> dict[str, float]:
        data = self._data
        if data is not None:
            return data
        if self.story is not None:
            return self.sums()
        view = self._view
        if view is None:
            f = self.features[self.member]
            view = self._view = f.ent_vec if self.entities else f.vec
        return view

    def sums(self) -> dict[str, float]:
        """The sums as a dict of their own (to be changed)."""
        data = self._data
        if data is None:
            if self.story is not None:
                f = self.features[self.member]
                data = story_part_vectors(self.story, f.vec, f.ent_vec)[self.entities]
            else:
                data = dict(self._read())
            self._data, self._view = data, None
        return data

    @property
    def loaded(self) -> bool:
        """Whether they hold anything now (a copy, or the member's vector)."""
        return self._data is not None or self._view is not None

    def __getitem__(self, key: str) -> float:
        return self._read()[key]

    def __setitem__(self, key: str, value: float) -> None:
        self.sums()[key] = value

    def __delitem__(self, key: str) -> None:
        del self.sums()[key]

    def __contains__(self, key: object) -> bool:
        return key in self._read()

    def __iter__(self) -> Iterator[str]:
        return iter(self._read())

    def __len__(self) -> int:
        return len(self._read())

    def get(self, key: str, default: Any = None) -> Any:
        return self._read().get(key, default)

    def pop(self, key: str, *default: Any) -> Any:
        return self.sums().pop(key, *default)

    # the dict's own views: set operations on keys (cosine's shared keys) stay in C
    def keys(self):  # type: ignore[no-untyped-def, override]
        return self._read().keys()

    def items(self):  # type: ignore[no-untyped-def, override]
        return self._read().items()

    def values(self):  # type: ignore[no-untyped-def, override]
        return self._read().values()

    def __reduce__(self) -> tuple:
        return (dict, (dict(self._read()),))


def park_member_sums(clusterer: EventClusterer, marked: set[tuple[str, str]]) -> int:
    """Let go of the sums of events of one report that were found to be exact copies of
    its vectors (``marked``: (event id, member id), see :func:`sums_are_member_vectors`):
    they become :class:`MemberSums` again, read from the member's features when next used.
    Such sums cannot have changed since (only taking in another report changes them, and
    then the event has no sole member). Returns how many events let theirs go."""
    features = clusterer.features
    done = 0
    for st in clusterer.states:
        centroid, entities = st.centroid, st.entities
        if type(centroid) is MemberSums:
            if not centroid.loaded and not entities.loaded:  # type: ignore[attr-defined]
                continue
            member = centroid.member
        else:
            member = sole_member(st)  # type: ignore[assignment]
            if member is None:
                continue
        if (st.event.id, member) not in marked or sole_member(st) != member:
            continue
        st.centroid = MemberSums(member, features, entities=False)  # type: ignore[assignment]
        st.entities = MemberSums(member, features, entities=True)  # type: ignore[assignment]
        done += 1
    return done


def intern_keys(clusterer: EventClusterer, events: set[str], stories: set[str]) -> None:
    """Make the keys of these events' and stories' sums the one interned object of each
    string, in place (same keys, order and values).

    A chunk's reports bring their own string objects for the stems and names they share
    with earlier ones (the word caches are emptied between chunks): left so, a 31k
    corpus holds ~1M copies of ~400k strings, each a few dozen bytes, and the pickler's
    memo (one entry per object) crosses the size where its table doubles."""
    for st in clusterer.states:
        if st.event.id in events:
            _intern_mapping(st.centroid)
            _intern_mapping(st.entities)
            _intern_mapping(st.locations)
            # (not the sets: built again, a set may iterate in another order)
    for story_id in stories:
        story = clusterer.stories.live(story_id)
        if story is not None:
            _intern_mapping(story.centroid)
            _intern_mapping(story.entities)
    # (not the vocabulary: ~60k copies at 31k, ~3 MB, where making its 69k keys again
    # cost 0.18 CPU-s a time on an 8k state: every chunk and every update would pay it)


def _intern_mapping(d: MutableMapping[str, Any]) -> None:
    if type(d) is MemberSums or not d:
        return  # (read back from a features row: its keys are the Terms table's)
    items = list(d.items())
    d.clear()
    intern = sys.intern
    for k, v in items:
        d[intern(k)] = v


def restore_member_sums(clusterer: EventClusterer) -> int:
    """Give the events saved by :func:`without_member_sums` their sums again, as
    :class:`MemberSums` over the clusterer's features (nothing is read until they are
    used); returns how many events."""
    features, settings = clusterer.features, clusterer.settings
    events = sum(_restore_sums(st, features, None) for st in clusterer.states)
    return events + sum(_restore_sums(story, features, settings) for story in clusterer.stories.states)


def _restore_sums(
    st: EventState | StoryState, features: Mapping[str, ArticleFeatures], story: ClusterSettings | None
) -> bool:
    """An event's (or, with the story settings, a story's) sums as :class:`MemberSums` when
    they were saved as :class:`FromMember`."""
    marker = st.centroid
    if type(marker) is not FromMember:
        return False
    member = marker.member  # type: ignore[attr-defined]
    st.centroid = MemberSums(member, features, entities=False, story=story)  # type: ignore[assignment]
    st.entities = MemberSums(member, features, entities=True, story=story)  # type: ignore[assignment]
    return True


__all__ = [
    "ClusterRows",
    "FromMember",
    "MemberSums",
    "MemberVectors",
    "intern_keys",
    "keep_records_in",
    "park_member_sums",
    "restore_member_sums",
    "share_member_vectors",
    "sole_member",
    "story_part_vectors",
    "story_report",
    "story_sums_are_member_vectors",
    "sums_fingerprint",
    "sums_are_member_vectors",
    "without_member_sums",
]
