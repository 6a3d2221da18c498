"""Word lists for quotes and meetings, read once from ``marsad/data/events/``."""

from __future__ import annotations

import functools
from importlib import resources

from marsad.arabic.normalize import normalize_keep_length

_DATA = "marsad.data.events"


@functools.lru_cache(maxsize=1 << 16)
def fold(text: str) -> str:
    """The matching form used by the events stages (marks dropped, letters folded)."""
    return normalize_keep_length(text).replace("\x00", "")


@functools.cache
def _table(name: str) -> dict[str, frozenset[str]]:
    text = resources.files(_DATA).joinpath(name).read_text(encoding="utf-8")
    out: dict[str, set[str]] = {}
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        kind, _, forms = line.partition("\t")
        out.setdefault(kind.strip(), set()).update(fold(f) for f in forms.split())
    return {k: frozenset(v) for k, v in out.items()}


@functools.cache
def speech(kind: str) -> frozenset[str]:
    """Folded forms of one kind of speech word (verb, participle, comp, anon …)."""
    return _table("speech.tsv").get(kind, frozenset())


@functools.cache
def meeting(kind: str) -> frozenset[str]:
    """Folded forms of one kind of meeting word (meet, visit, receive, call …)."""
    return _table("meetings.tsv").get(kind, frozenset())


def meeting_kinds() -> dict[str, frozenset[str]]:
    return _table("meetings.tsv")


@functools.cache
def org_heads() -> frozenset[str]:
    """Head words of bodies' names (the entity lexicon's ORG heads, with and without ال),
    plus the back-reference heads of ``speech.tsv``."""
    text = resources.files("marsad.data.entities").joinpath("heads.tsv").read_text(encoding="utf-8")
    out: set[str] = set(speech("orgref"))
    for line in text.splitlines():
        kind, _, word = line.partition("\t")
        if kind in ("org", "dorg", "outlet") and word.strip():
            w = fold(word.strip())
            bare = w[2:] if w.startswith("ال") else w
            out.update((bare, "ال" + bare))
    return frozenset(out)
