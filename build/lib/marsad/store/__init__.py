"""Storage behind one interface.

:class:`Store` is the protocol every backend implements; :class:`SQLiteStore` is the
embedded default (one file, WAL, FTS5 over normalised text). ``open_store(location)`` picks
the backend from the location: a path or ``sqlite:///path`` → SQLite, ``postgresql://…`` (or
``postgres://…``) → PostgreSQL, needing the ``postgres`` extra (psycopg).
"""

from __future__ import annotations

from pathlib import Path

from marsad.store.base import SearchHit, Store, StoreError
from marsad.store.sqlite import SQLiteStore

__all__ = ["SQLiteStore", "SearchHit", "Store", "StoreError", "open_store", "store_location"]

_POSTGRES_SCHEMES = ("postgresql://", "postgres://")


def store_location(text: str | Path) -> str | Path:
    """A store location as typed by a user: database URLs stay strings, anything else is a path.

    (``Path`` would fold the ``//`` of ``postgresql://host/db`` into one slash.)
    """
    return text if isinstance(text, Path) or text.startswith(_POSTGRES_SCHEMES) else Path(text)


def open_store(location: str | Path, *, read_only: bool = False) -> Store:
    """Open (creating if needed, unless ``read_only``) the store at ``location``."""
    loc = str(location)
    if loc.startswith(_POSTGRES_SCHEMES):
        from marsad.store.postgres import PostgresStore

        return PostgresStore(loc, read_only=read_only)
    if loc.startswith("sqlite:///"):
        loc = loc[len("sqlite:///") :]
    return SQLiteStore(Path(loc), read_only=read_only)
