"""Hard-wrapped text: lines broken mid-sentence at a fixed width, rejoined into paragraphs.

Archived and plain-text news is often wrapped at 60–160 characters, so a line end is not a
sentence end, nor a heading, nor a title. A greedy wrapper breaks a line only when the next
word would not fit: that is the test used here. A break between line *a* and line *b* is a
wrap when

- the text is narrow: the typical long line (90th percentile of lengths) is 40 to
  :data:`MAX_WRAP_WIDTH` characters — prose written one paragraph per line is far wider —
  and reads as a block: at least 40 % of the lines run to near that width, at most 10 %
  beyond it;
- *a* is not a bulleted item and does not end a sentence (a full stop inside an open
  «quotation» does not count), and *b* follows on the very next raw line (no blank line)
  and is not a list item;
- *a* is not wider than the width, but *a* plus one space plus the first word of *b* would
  not have fit in it.

The text counts as hard-wrapped only when at least two breaks, and a quarter of its lines,
are wraps, so a page that happens to have one long unpunctuated line is left alone.
Rejoined lines keep the raw span from the first line's start to the last line's end; their
text is the lines joined by one space.
"""

from __future__ import annotations

import re

from marsad.clean.lines import Line

MAX_WRAP_WIDTH = 200  # characters; a wider "wrap" is prose written one paragraph per line
MIN_WRAP_WIDTH = 40  # narrower "wraps" are short lines (lists, link blocks), not wrapped prose
_SLACK = 0.06  # wrappers count columns, not characters: diacritics and ligatures differ
_MIN_WRAPPED_SHARE = 0.25
_TERMINAL = ".!?؟…"
_CLOSERS = "»”\"')] "
_BULLETS = "-–—•●▪◦*·"
_LIST_ITEM = re.compile(r"^(?:[-–—•●▪◦*·]\s|[\d٠-٩]{1,3}\s*[-.)]\s|[(\[][\d٠-٩]{1,3}[)\]]\s)")


def unwrap_lines(raw: str, lines: list[Line]) -> list[Line]:
    """``lines`` with the lines of each hard-wrapped paragraph joined into one."""
    if len(lines) < 3:
        return lines
    width = wrap_width(lines)
    if width is None:
        return lines
    wraps = []
    open_quotes = 0  # «…» or “…” opened and not yet closed in the paragraph so far
    for a, b in zip(lines, lines[1:], strict=False):
        open_quotes = max(0, open_quotes + a.text.count("«") + a.text.count("“"))
        open_quotes = max(0, open_quotes - a.text.count("»") - a.text.count("”"))
        wraps.append(_is_wrap(raw, a, b, width, inside_quote=open_quotes > 0))
        if not wraps[-1]:
            open_quotes = 0
    if sum(wraps) < 2 or sum(wraps) < _MIN_WRAPPED_SHARE * (len(lines) - 1):
        return lines
    out: list[Line] = []
    run = [lines[0]]
    for line, joined in zip(lines[1:], wraps, strict=True):
        if joined:
            run.append(line)
        else:
            out.append(_join(run))
            run = [line]
    out.append(_join(run))
    return out


def wrap_width(lines: list[Line]) -> int | None:
    """The width the text seems wrapped at, or None when it is too wide to be wrapped."""
    lengths = sorted(len(line.text) for line in lines)
    width = lengths[int(0.9 * (len(lengths) - 1))]
    if not MIN_WRAP_WIDTH <= width <= MAX_WRAP_WIDTH:
        return None
    # Wrapped text is a block: most lines run to (nearly) the width, few beyond it.
    near = sum(0.75 * width <= n <= width * (1 + _SLACK) for n in lengths)
    wider = sum(n > width * (1 + _SLACK) for n in lengths)
    return width if near >= 0.4 * len(lengths) and wider <= 0.1 * len(lengths) else None


def _is_wrap(raw: str, a: Line, b: Line, width: int, *, inside_quote: bool = False) -> bool:
    tail = a.text.rstrip(_CLOSERS)
    # A full stop inside an open quotation ends a sentence of the quote, not the paragraph.
    if not tail or (tail[-1] in _TERMINAL and not inside_quote) or _LIST_ITEM.match(b.text):
        return False
    if _LIST_ITEM.match(a.text) and a.text[:1] in _BULLETS:
        return False
    gap = raw[a.end : b.start]
    if gap.count("\n") + gap.count("\r") - gap.count("\r\n") != 1:
        return False  # a blank line (or none at all) between them: a paragraph break
    if len(a.text) > width * (1 + _SLACK):
        return False  # wider than the wrap: a paragraph of its own
    first_word = b.text.split(maxsplit=1)[0]
    return len(a.text) + 1 + len(first_word) > width * (1 - _SLACK)


def _join(run: list[Line]) -> Line:
    if len(run) == 1:
        return run[0]
    return Line(" ".join(line.text for line in run), run[0].start, run[-1].end)
