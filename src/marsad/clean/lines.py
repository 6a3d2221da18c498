"""Raw text to lines that remember where they came from.

Scraped text arrives with any line ending (\\n, \\r\\n, \\r, U+2028), non-breaking spaces and
invisible bidi marks at the edges of lines. Each :class:`Line` is trimmed of those but
keeps its exact span in the raw text, so every block and every removed line can point back.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

from marsad.arabic.normalize import strip_controls
from marsad.clean.lexicon import match_key

_LINE = re.compile(r"[^\r\n\u2028\u2029\x85]+")
# Whitespace plus the invisible controls that scrapes leave at line edges.
_EDGE_CHARS = " \t\f\v\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000\ufeff\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u061c"
_SPACES = re.compile(r"[\xa0\u2000-\u200a\u202f\u205f\u3000\t]")
_TERMINAL = ".!?؟…"
_BREAK = re.compile(r"[ \t\xa0]*[\r\n\u2028\u2029\x85]+[ \t\xa0]*")
_SHORT = 120


def display_text(raw: str) -> str:
    """A raw span as body text: invisible controls dropped, exotic spaces made plain, the
    line breaks inside a rejoined hard-wrapped paragraph (see :mod:`marsad.clean.unwrap`) one space."""
    if _TOUCHED.search(raw) is None:  # most lines: nothing below would change them
        return raw
    return _SPACES.sub(" ", _BREAK.sub(" ", strip_controls(raw)))


# Every character one of the three substitutions of display_text acts on (a break, an exotic
# space, an invisible control): without one, the line is its own display text.
_TOUCHED = re.compile(
    "[\r\n\u2028\u2029\x85\xa0\u2000-\u200a\u202f\u205f\u3000\t"
    "\u200b-\u200f\u202a-\u202e\u2066-\u2069\u061c\ufeff\u00ad]"
)


@dataclass
class Line:
    """A trimmed line of the raw text with its span ``[start, end)`` in it."""

    text: str
    start: int
    end: int

    @cached_property
    def key(self) -> str:
        """The matching form (see :func:`match_key`). Boilerplate is short: a long line is
        only ever matched on its start, so only its start is folded."""
        return line_key(self.text)

    @property
    def identity(self) -> str:
        """What two lines share when one repeats the other."""
        return self.key if len(self.text) <= _SHORT else self.text

    @cached_property
    def words(self) -> int:
        return len(self.text.split())

    @property
    def ends_sentence(self) -> bool:
        tail = self.text.rstrip("»”\"') ")
        return bool(tail) and tail[-1] in _TERMINAL


def line_key(text: str) -> str:
    """:func:`match_key` of a line's start (all of it when the line is short)."""
    return match_key(text if len(text) <= _SHORT else text[:_SHORT])


def split_lines(text: str) -> list[Line]:
    """The non-blank lines of ``text``, trimmed, with their raw spans."""
    lines = []
    for m in _LINE.finditer(text):
        start, end = m.start(), m.end()
        while start < end and text[start] in _EDGE_CHARS:
            start += 1
        while end > start and text[end - 1] in _EDGE_CHARS:
            end -= 1
        if start < end:
            lines.append(Line(display_text(text[start:end]), start, end))
    return lines


def trim_span(text: str, start: int, end: int) -> tuple[int, int]:
    """``[start, end)`` without edge whitespace, controls and stray separators."""
    while start < end and (text[start] in _EDGE_CHARS or text[start] in "\r\n"):
        start += 1
    while end > start and (text[end - 1] in _EDGE_CHARS or text[end - 1] in "\r\n"):
        end -= 1
    return start, end
