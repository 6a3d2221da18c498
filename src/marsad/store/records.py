"""Per-key corpus state kept in the store: a mapping whose keys are in memory and whose
values are rows of the store's ``corpus_rows`` table, read when asked for.

The corpus state holds records per article (the event clusterer's features and compact
article records, the duplicate finder's MinHash signatures) that an update of a few
articles reads a few hundred of, out of every article ever seen. Kept in one pickle, every
update loaded and saved them all. A :class:`StoredRecords` keeps only its keys in the
pickled state; a value is read from its row the first time it is asked for, held while it
is used, and written back when it was set — or, for records with a ``view``, when what
the view returns of it changed in place (the clusterer rewrites an article's event links).

Rows are never changed once written: a record written again gets a new row (its id and a
write number), and the state's keys say which row is each record's. A state saved whole
only now and then, with a log of the chunks after it, therefore reads, while the log is run
again, exactly the rows it read the first time, whatever later updates wrote; rows no state
refers to any more are deleted once a state that does not refer to them is saved
(:meth:`StoredRecords.collect`). An update that did not finish leaves rows no state refers
to: they are never read.
"""

from __future__ import annotations

import dataclasses
import pickle
import sys
import zlib
from array import array
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, MutableMapping
from typing import Any, Generic, Protocol, TypeVar

V = TypeVar("V")


class MissingRecord(RuntimeError):
    """A record the corpus state refers to has no row in the store (rows deleted or a store
    copied without them): the state cannot be used, the corpus is rebuilt."""


class RecordSource(Protocol):
    def load_records(self, kind: str, ids: Iterable[str]) -> dict[str, bytes]: ...

    def save_records(self, kind: str, rows: dict[str, bytes], removed: Iterable[str] = ()) -> None: ...


def encode_pickle(value: object) -> bytes:
    return zlib.compress(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL), 1)


def decode_pickle(data: bytes) -> Any:
    return pickle.loads(zlib.decompress(data))  # noqa: S301 — our own store's rows, written by encode_pickle


class Terms:
    """Strings (stems, entity keys, article ids) numbered in the order first met, so that a
    row holds 4-byte numbers instead of the strings (kept once, here, in the pickled state).

    The table only grows: every row written reads back with it and with any later table.
    Numbers are given as rows are encoded, in the order of the writes, so an update run
    again from a state saved before it numbers the same strings the same way.
    """

    def __init__(self) -> None:
        self.names: list[str] = []
        self._ids: dict[str, int] = {}

    def __len__(self) -> int:
        return len(self.names)

    def encode(self, keys: Iterable[str]) -> bytes:
        ids, names = self._ids, self.names
        out = array("I")
        for key in keys:
            found = ids.get(key)
            if found is None:
                key = sys.intern(key)  # one object for each string the state holds
                found = ids[key] = len(names)
                names.append(key)
            out.append(found)
        return out.tobytes()

    def decode(self, data: bytes) -> list[str]:
        numbers = array("I")
        numbers.frombytes(data)
        return list(map(self.names.__getitem__, numbers))

    def __getstate__(self) -> list[str]:
        return self.names

    def __setstate__(self, names: list[str]) -> None:
        names[:] = map(sys.intern, names)
        self.names = names
        self._ids = {name: i for i, name in enumerate(names)}


assert array("I").itemsize == array("f").itemsize == 4 and array("d").itemsize == array("q").itemsize == 8

# how a packed value is kept (see pack_values): as it is, or a mapping / set of strings
# whose strings are numbers of a Terms table and whose values are one array
_RAW, _FLOATS, _INTS, _STRS = 0, 1, 2, 3
_COUNTER = 4  # with _FLOATS / _INTS: the mapping is a Counter
_SINGLE = 8  # with _FLOATS: every value is a float32 exactly (kept in 4 bytes, read back the same)


def _pack(value: Any, terms: Terms) -> tuple[int, Any]:
    kind = type(value)
    if kind is set and value and all(type(k) is str for k in value):
        return _STRS, terms.encode(value)
    if (kind is dict or kind is Counter) and value and all(type(k) is str for k in value):
        values = list(value.values())
        extra = _COUNTER if kind is Counter else 0
        if all(type(v) is float for v in values):
            single = array("f", values)
            if single.tolist() == values:
                return _FLOATS + extra + _SINGLE, (terms.encode(value), single.tobytes())
            return _FLOATS + extra, (terms.encode(value), array("d", values).tobytes())
        if all(type(v) is int for v in values):
            return _INTS + extra, (terms.encode(value), array("q", values).tobytes())
    return _RAW, value


def _unpack(code: int, value: Any, terms: Terms) -> Any:
    if code == _RAW:
        return value
    if code == _STRS:
        return set(terms.decode(value))
    keys, data = value
    numbers = array("q" if code & 3 == _INTS else "f" if code & _SINGLE else "d")
    numbers.frombytes(data)
    out = dict(zip(terms.decode(keys), numbers.tolist(), strict=True))  # (floats: the same, to the bit)
    return Counter(out) if code & _COUNTER else out


def pack_values(values: Iterable[Any], terms: Terms) -> tuple[bytes, list[Any]]:
    """Values made compact for a row: each non-empty set of strings, and each dict or
    Counter of strings to floats (or to ints), becomes the numbers of its strings in
    ``terms`` and one array of its values, in its own order (sums over it stay the same);
    everything else is kept as it is. Read back exactly by :func:`unpack_values`."""
    codes = bytearray()
    out = []
    for value in values:
        code, packed = _pack(value, terms)
        codes.append(code)
        out.append(packed)
    return bytes(codes), out


def unpack_values(packed: tuple[bytes, list[Any]], terms: Terms) -> list[Any]:
    codes, values = packed
    return [_unpack(code, value, terms) for code, value in zip(codes, values, strict=True)]


_FIELDS: dict[type, tuple[str, ...]] = {}


def _field_names(cls: type) -> tuple[str, ...]:
    found = _FIELDS.get(cls)
    if found is None:
        found = _FIELDS[cls] = tuple(f.name for f in dataclasses.fields(cls))
    return found


def pack_record(
    record: Any, terms: Terms, nested: Mapping[str, type] | None = None, plain: Iterable[str] = ()
) -> tuple:
    """A dataclass record's fields as :func:`pack_values` keeps them (no field names);
    ``nested`` names fields that hold lists of another dataclass's records, packed alike,
    and ``plain`` fields kept as they are (strings that are not the state's own: names)."""
    codes = bytearray()
    values = []
    keep = set(plain)
    for name in _field_names(type(record)):
        value = getattr(record, name)
        if nested and name in nested:
            code, value = _RAW, [pack_record(item, terms) for item in value]
        elif name in keep:
            code = _RAW
        else:
            code, value = _pack(value, terms)
        codes.append(code)
        values.append(value)
    return bytes(codes), values


def unpack_record(cls: type, packed: tuple, terms: Terms, nested: Mapping[str, type] | None = None) -> Any:
    record: Any = object.__new__(cls)
    values = dict(zip(_field_names(cls), unpack_values(packed, terms), strict=True))
    for name, item_cls in (nested or {}).items():
        values[name] = [unpack_record(item_cls, item, terms) for item in values[name]]
    record.__dict__.update(values)
    return record


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
        encode_key: Callable[[str, V], bytes] | None = None,
    ) -> None:
        self.kind = kind
        self.keep = keep
        self.view = view
        self.encode, self.decode = encode, decode
        self.encode_key = encode_key  # when given, rows are written by encode_key(id, value)
        # id → write number of its row (-1: set, not written yet); insertion ordered
        self._keys: dict[str, int] = {}
        self._writes = 0  # rows written so far: the next row's number
        self._garbage: list[str] = []  # rows of earlier values, deleted by collect()
        self._values: dict[str, V] = {}
        self._seen: dict[str, Any] = {}  # id → view when read or last flushed (with ``view``)
        self._dirty: set[str] = set()
        self._source: RecordSource | None = None

    @staticmethod
    def _row(key: str, write: int) -> str:
        return f"{key}#{write:x}"

    # ------------------------------------------------------------------ the store

    def attach(self, source: RecordSource) -> None:
        self._source = source

    def detach(self) -> None:
        self._source = None

    def flush(self) -> None:
        """Write the records set (or changed in view) since the last flush, each as a new
        row, then let all but the ``keep`` most recent values go."""
        dirty = sorted(k for k in self._dirty | set(self.changed()) if k in self._keys)
        if dirty:
            if self._source is None:
                raise RuntimeError(f"StoredRecords({self.kind!r}) has changes to write but no store")
            rows = {}
            for k in dirty:
                if self._keys[k] >= 0:
                    self._garbage.append(self._row(k, self._keys[k]))
                self._keys[k] = self._writes
                self._writes += 1
                value = self._values[k]
                data = self.encode_key(k, value) if self.encode_key else self.encode(value)
                rows[self._row(k, self._keys[k])] = data
            self._source.save_records(self.kind, rows)
        self._dirty.clear()
        if len(self._values) > self.keep:
            drop = len(self._values) - self.keep
            for k in list(self._values)[:drop]:
                del self._values[k]
                self._seen.pop(k, None)
        if self.view is not None:
            view = self.view
            self._seen = {k: view(v) for k, v in self._values.items()}

    def collect(self) -> None:
        """Delete the rows of values written over or removed: call it once a state saved
        after them (which refers to none of them) is in the store."""
        if self._garbage:
            if self._source is None:
                raise RuntimeError(f"StoredRecords({self.kind!r}) collected with no store")
            self._source.save_records(self.kind, {}, self._garbage)
            self._garbage = []

    def changed(self) -> list[str]:
        """Records whose view differs from when they were read or last flushed (records set
        since are included: they had no view before)."""
        if self.view is None:
            return []
        view, seen = self.view, self._seen
        return [k for k, v in self._values.items() if k not in seen or seen[k] != view(v)]

    def prefetch(self, ids: Iterable[str]) -> None:
        """Read the rows of these records at once (one query instead of one per record)."""
        wanted = [k for k in dict.fromkeys(ids) if self._keys.get(k, -1) >= 0 and k not in self._values]
        if wanted:
            rows = self._load(wanted)
            for k in wanted:
                self._hold(k, self.decode(rows[self._row(k, self._keys[k])]))

    def _load(self, keys: list[str]) -> dict[str, bytes]:
        if self._source is None:
            raise RuntimeError(f"StoredRecords({self.kind!r}) read with no store attached")
        rows = [self._row(k, self._keys[k]) for k in keys]
        found = self._source.load_records(self.kind, rows)
        if len(found) < len(rows):
            missing = next(r for r in rows if r not in found)
            # not a KeyError: ``get`` would take it for a record never seen
            raise MissingRecord(f"{self.kind} record {missing!r} is in the corpus state but not in the store")
        return found

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
        value = self.decode(self._load([key])[self._row(key, self._keys[key])])
        self._hold(key, value)
        return value

    def __setitem__(self, key: str, value: V) -> None:
        self._keys.setdefault(key, -1)
        self._values[key] = value
        self._dirty.add(key)

    def __delitem__(self, key: str) -> None:
        write = self._keys.pop(key)
        if write >= 0:
            self._garbage.append(self._row(key, write))
        self._values.pop(key, None)
        self._seen.pop(key, None)
        self._dirty.discard(key)

    def held(self, key: str) -> V | None:
        """The value of ``key`` if it is in memory now (never read from the store)."""
        return self._values.get(key)

    def resident(self) -> dict[str, V]:
        """The values in memory now (read or set, not yet let go)."""
        return dict(self._values)

    # ------------------------------------------------------------------ pickling

    def __getstate__(self) -> dict[str, Any]:
        if self._dirty or self.changed():
            raise RuntimeError(f"StoredRecords({self.kind!r}) pickled with changes not flushed")
        return {
            "kind": self.kind,
            "keep": self.keep,
            "view": self.view,
            "encode": self.encode,
            "decode": self.decode,
            "encode_key": self.encode_key,
            "keys": self._keys,
            "writes": self._writes,
            # not the rows to collect: the state is pickled to be saved, and collect() runs
            # once it is (an update that stops in between leaves rows no state reads)
        }

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__init__(  # type: ignore[misc]
            state["kind"],
            keep=state["keep"],
            view=state["view"],
            encode=state["encode"],
            decode=state["decode"],
            encode_key=state.get("encode_key"),
        )
        self._keys, self._writes = state["keys"], state["writes"]


__all__ = [
    "MissingRecord",
    "RecordSource",
    "StoredRecords",
    "Terms",
    "decode_pickle",
    "encode_pickle",
    "pack_record",
    "pack_values",
    "unpack_record",
    "unpack_values",
]
