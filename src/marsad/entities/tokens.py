"""Word tokens of an article body for entity scanning, with proclitics peeled off.

Arabic attaches و ف ب ل ك to the next word ("ولافروف", "بالرئيس", "للمرحلة"); a name
mention starts after them. Each :class:`Tok` keeps the offsets of the whole word and of
the word without its proclitic, and both matching forms.
"""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import accumulate
from typing import NamedTuple

from marsad.arabic.normalize import normalize

# Words and single punctuation marks; punctuation tokens end every name scan.
_TOKEN = re.compile(r"[\w\u0610-\u061a\u064b-\u065f\u0670\u0640]+|[^\w\s]", re.UNICODE)
_MARKS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u0640]")
_PROCLITICS = ("وب", "ول", "فب", "فل", "وك", "و", "ف", "ب", "ل", "ك")


class Tok(NamedTuple):
    norm: str  # normalised whole word
    bare: str  # normalised word without proclitic ("ولافروف" → "لافروف", "للمرحله" → "المرحله")
    start: int  # offset of the whole word in the text
    bare_start: int  # offset where the word without proclitic starts
    end: int
    is_word: bool
    clitic: str = ""  # the normalised proclitic that was peeled off

    @property
    def definite(self) -> bool:
        return self.bare.startswith("ال") and len(self.bare) > 3


def peel(norm: str) -> tuple[str, str]:
    """``(proclitic, rest)`` of a normalised word. The split is only a candidate: callers try
    the whole word first, since many names merely begin like a proclitic (بوتين, لافروف)."""
    if len(norm) < 4:
        return "", norm
    if norm.startswith("لل") and len(norm) > 4:  # ل + ال with the alef dropped
        return "ل", "ال" + norm[2:]
    for clitic in _PROCLITICS:
        rest = norm[len(clitic) :]
        if norm.startswith(clitic) and len(rest) >= 3:
            return clitic, rest
    return "", norm


@lru_cache(maxsize=300_000)
def _word_forms(word: str) -> tuple[str, str, str, int]:
    """``(norm, clitic, bare, offset of bare in word)``, cached: news repeats its words."""
    norm = normalize(word)
    if not norm or not norm[0].isalnum():
        return norm, "", norm, 0
    clitic, bare = peel(norm)
    return norm, clitic, bare, _offset_after(word, len(clitic))


word_forms = _word_forms  # the public name: other modules cache their own work per word


@lru_cache(maxsize=300_000)
def _entry(word: str) -> tuple[str, str, int, bool, str] | None:
    """``(norm, bare, offset of bare, is_word, clitic)`` of a token's text, None when it
    normalises to nothing: the per-token work of :func:`scan`, done once per word type."""
    norm, clitic, bare, offset = _word_forms(word)
    if not norm:
        return None
    if not norm[0].isalnum():
        return norm, norm, 0, False, ""
    return norm, bare, offset, True, clitic


_SPLIT = re.compile(f"({_TOKEN.pattern})", re.UNICODE)  # the text cut into gap, token, gap, token ... gap


def scan(text: str) -> list[Tok]:
    """Word and punctuation tokens of ``text`` with offsets."""
    parts = _SPLIT.split(text)
    at = list(accumulate(map(len, parts), initial=0))  # token k is parts[2k+1], at[2k+1]:at[2k+2]
    new = tuple.__new__
    return [
        new(Tok, (e[0], e[1], start, start + e[2], end, e[3], e[4]))
        for e, start, end in zip(map(_entry, parts[1::2]), at[1::2], at[2::2], strict=False)
        if e is not None
    ]


def _offset_after(word: str, n_letters: int) -> int:
    """Index in ``word`` after its first ``n_letters`` letters (diacritics on them skipped)."""
    i = seen = 0
    while i < len(word) and seen < n_letters:
        if not _MARKS.match(word[i]):
            seen += 1
        i += 1
    while i < len(word) and _MARKS.match(word[i]):
        i += 1
    return i
