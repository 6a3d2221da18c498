"""Storage behind one interface.

:class:`Store` is the protocol every backend implements; :class:`SQLiteStore` is the
embedded default (one file, WAL, FTS5 over normalised text). ``open_store(location)`` picks
the backend from the location: a path or ``sqlite:///path`` → SQLite, ``postgresql://…`` →
PostgreSQL (not implemented yet: a clear error says so).
"""

from __future__ import annotations

from pathlib import Path

from marsad.store.base import SearchHit, Store, StoreError
from marsad.store.sqlite import SQLiteStore

__all__ = ["SQLiteStore", "SearchHit", "Store", "StoreError", "open_store"]


def open_store(location: str | Path, *, read_only: bool = False) -> Store:
    """Open (creating if needed, unless ``read_only``) the store at ``location``."""
    loc = str(location)
    if loc.startswith(("postgresql://", "postgres://")):
        raise StoreError(
            loc, "PostgreSQL storage is not available in this version; use a SQLite file path"
        )
    if loc.startswith("sqlite:///"):
        loc = loc[len("sqlite:///") :]
    return SQLiteStore(Path(loc), read_only=read_only)
