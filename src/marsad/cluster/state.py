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

import pickle
import zlib
from collections.abc import Iterable, Iterator, Mapping, MutableMapping
from typing import TYPE_CHECKING, Any

from marsad.cluster.features import ArticleFeatures, BackgroundMention, Vector
from marsad.store.records import Terms, pack_record, pack_values, unpack_record, unpack_values

if TYPE_CHECKING:
    from marsad.cluster.events import EventClusterer
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

    def encode_features(self, features: ArticleFeatures) -> bytes:
        packed = pack_record(features, self.terms, _NESTED)
        return zlib.compress(pickle.dumps(packed, protocol=pickle.HIGHEST_PROTOCOL), 1)

    def decode_features(self, data: bytes) -> ArticleFeatures:
        packed = pickle.loads(zlib.decompress(data))  # noqa: S301 — our own store's rows, written above
        return unpack_record(ArticleFeatures, packed, self.terms, _NESTED)  # type: ignore[no-any-return]

    def encode_part(self, part: tuple[Vector, Vector, bool]) -> bytes:
        packed = pack_values(part, self.terms)
        return zlib.compress(pickle.dumps(packed, protocol=pickle.HIGHEST_PROTOCOL), 1)

    def decode_part(self, data: bytes) -> tuple[Vector, Vector, bool]:
        packed = pickle.loads(zlib.decompress(data))  # noqa: S301 — our own store's rows, written above
        return tuple(unpack_values(packed, self.terms))  # type: ignore[return-value]


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


__all__ = ["ClusterRows", "MemberVectors", "keep_records_in", "share_member_vectors"]
