"""Disjoint sets of string keys, shared by batch and incremental duplicate finding and by
entity resolution. Of two joined roots the smaller key becomes the root, so the sets and their
roots do not depend on the order of the joins."""

from __future__ import annotations

from collections.abc import Iterable


class UnionFind:
    def __init__(self, keys: Iterable[str] = ()) -> None:
        self.parent: dict[str, str] = {k: k for k in keys}

    def add(self, key: str) -> None:
        self.parent.setdefault(key, key)

    def find(self, key: str) -> str:
        parent = self.parent
        while parent[key] != key:
            parent[key] = parent[parent[key]]  # path halving
            key = parent[key]
        return key

    def join(self, a: str, b: str) -> tuple[str, str] | None:
        """Join the sets of ``a`` and ``b``; returns (kept root, absorbed root), or None when
        they were one set already."""
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return None
        kept, gone = (ra, rb) if ra < rb else (rb, ra)
        self.parent[gone] = kept
        return kept, gone
