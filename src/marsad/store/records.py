"""Per-key corpus state kept in the store: a mapping whose keys are in memory and whose
values are rows of the store's ``corpus_records`` table, read when asked for.

The corpus state holds records per article (the event clusterer's features and compact
article records, the duplicate finder's MinHash signatures) that an update of a few
articles reads a few hundred of, out of every article ever seen. Kept in one pickle, every
update loaded and saved them all. A :class:`StoredRecords` keeps only its keys in the
pickled state; a value is read from its row the first time it is asked for, held while it
is used, and written back when it was set — or, for records with a ``view``, when what
the view returns of it changed in place (the clusterer rewrites an article's event links).

The keys, not the rows, say what the state has seen: a row written by a later update (a
state saved whole only now and then, with a log of the chunks after it) is not seen until
the state's own keys include it, so running the log again gives the same state.
"""

from __future__ import annotations

import pickle
import zlib
from collections.abc import Callable, Iterable, Iterator, MutableMapping
from typing import Any, Generic, Protocol, TypeVar

V = TypeVar("V")


class RecordSource(Protocol):
    def load_records(self, kind: str, ids: Iterable[str]) -> dict[str, bytes]: ...

    def save_records(self, kind: str, rows: dict[str, bytes], removed: Iterable[str] = ()) -> None: ...


def encode_pickle(value: object) -> bytes:
    return zlib.compress(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL), 1)


def decode_pickle(data: bytes) -> Any:
    return pickle.loads(zlib.decompress(data))  # noqa: S301 — our own store's rows, written by encode_pickle


class StoredRecords(MutableMapping[str, V], Generic[V]):
    """A mapping of record ids to values held in the store (``kind`` names them there).

    ``keep`` values stay in memory after a :meth:`flush` (the most recently read or set):
    the next chunk of a long run mostly asks for the same recent records again. ``view``
    (for records changed in place) gives what of a value must be saved when it changes;
    :meth:`changed` lists the records whose view changed since they were read or last
    flushed. The store is given with :meth:`attach` for each update and is not pickled;
    values are not pickled either (flush first).
    """

    def __init__(
        self,
        kind: str,
        *,
        keep: int = 0,
        view: Callable[[V], Any] | None = None,
        encode: Callable[[V], bytes] = encode_pickle,
        decode: Callable[[bytes], V] = decode_pickle,
    ) -> None:
        self.kind = kind
        self.keep = keep
        self.view = view
        self.encode, self.decode = encode, decode
        self._keys: dict[str, None] = {}  # insertion ordered, as a dict's keys
        self._values: dict[str, V] = {}
        self._seen: dict[str, Any] = {}  # id → view when read or last flushed (with ``view``)
        self._dirty: set[str] = set()
        self._removed: set[str] = set()
        self._source: RecordSource | None = None

    # ------------------------------------------------------------------ the store

    def attach(self, source: RecordSource) -> None:
        self._source = source

    def detach(self) -> None:
        self._source = None

    def flush(self) -> None:
        """Write the records set (or changed in view) since the last flush, then let all but
        the ``keep`` most recent values go."""
        dirty = self._dirty | set(self.changed())
        if dirty or self._removed:
            if self._source is None:
                raise RuntimeError(f"StoredRecords({self.kind!r}) has changes to write but no store")
            rows = {k: self.encode(self._values[k]) for k in sorted(dirty) if k in self._values}
            self._source.save_records(self.kind, rows, sorted(self._removed))
        self._dirty.clear()
        self._removed.clear()
        if len(self._values) > self.keep:
            drop = len(self._values) - self.keep
            for k in list(self._values)[:drop]:
                del self._values[k]
                self._seen.pop(k, None)
        if self.view is not None:
            view = self.view
            self._seen = {k: view(v) for k, v in self._values.items()}

    def changed(self) -> list[str]:
        """Records whose view differs from when they were read or last flushed (records set
        since are included: they had no view before)."""
        if self.view is None:
            return []
        view, seen = self.view, self._seen
        return [k for k, v in self._values.items() if k not in seen or seen[k] != view(v)]

    def prefetch(self, ids: Iterable[str]) -> None:
        """Read the rows of these records at once (one query instead of one per record)."""
        wanted = [k for k in dict.fromkeys(ids) if k in self._keys and k not in self._values]
        if wanted:
            for k, data in self._load(wanted).items():
                self._hold(k, self.decode(data))

    def _load(self, ids: list[str]) -> dict[str, bytes]:
        if self._source is None:
            raise RuntimeError(f"StoredRecords({self.kind!r}) read with no store attached")
        return self._source.load_records(self.kind, ids)

    def _hold(self, key: str, value: V) -> None:
        self._values[key] = value
        if self.view is not None:
            self._seen.setdefault(key, self.view(value))

    # ------------------------------------------------------------------ the mapping

    def __contains__(self, key: object) -> bool:
        return key in self._keys

    def __len__(self) -> int:
        return len(self._keys)

    def __iter__(self) -> Iterator[str]:
        return iter(self._keys)

    def __getitem__(self, key: str) -> V:
        found = self._values.get(key)
        if found is not None or key in self._values:
            return found  # type: ignore[return-value]
        if key not in self._keys:
            raise KeyError(key)
        data = self._load([key]).get(key)
        if data is None:
            # not a KeyError: ``get`` would take it for a record never seen
            raise RuntimeError(f"{self.kind} record {key!r} is in the corpus state but not in the store")
        value = self.decode(data)
        self._hold(key, value)
        return value

    def __setitem__(self, key: str, value: V) -> None:
        self._keys[key] = None
        self._values[key] = value
        self._dirty.add(key)
        self._removed.discard(key)

    def __delitem__(self, key: str) -> None:
        del self._keys[key]
        self._values.pop(key, None)
        self._seen.pop(key, None)
        self._dirty.discard(key)
        self._removed.add(key)

    def resident(self) -> dict[str, V]:
        """The values in memory now (read or set, not yet let go)."""
        return dict(self._values)

    # ------------------------------------------------------------------ pickling

    def __getstate__(self) -> dict[str, Any]:
        if self._dirty or self._removed or self.changed():
            raise RuntimeError(f"StoredRecords({self.kind!r}) pickled with changes not flushed")
        return {
            "kind": self.kind,
            "keep": self.keep,
            "view": self.view,
            "encode": self.encode,
            "decode": self.decode,
            "keys": list(self._keys),
        }

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__init__(  # type: ignore[misc]
            state["kind"],
            keep=state["keep"],
            view=state["view"],
            encode=state["encode"],
            decode=state["decode"],
        )
        self._keys = dict.fromkeys(state["keys"])


__all__ = ["RecordSource", "StoredRecords", "decode_pickle", "encode_pickle"]
