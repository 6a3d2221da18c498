"""The outlet's own summary box ("ملخص المقال" / "إنتاج AI" / "النقاط الأساسية" + bullets).

Some outlets print a generated summary and key points inside the page. It is not the
article's prose, and a summariser must not read it as such: it is kept apart as
:class:`marsad.model.EmbeddedSummary`.
"""

from __future__ import annotations

from marsad.clean import lexicon as lx
from marsad.clean.lines import Line
from marsad.model import EmbeddedSummary

# Labels that are also ordinary words ("ملخص", "Summary") open a box only near the top.
_WEAK_LABELS = frozenset(lx.match_key(w) for w in ("ملخص", "الملخص", "باختصار", "Summary"))
_MAX_LABEL_WORDS = 6
_MAX_BULLET_WORDS = 80


def _is_label(line: Line) -> bool:
    return line.words <= _MAX_LABEL_WORDS and line.key in lx.SUMMARY_LABELS


def find_summary_box(lines: list[Line], kept: list[int]) -> tuple[list[int], EmbeddedSummary] | None:
    """The indices (into ``lines``) of the box's lines and what it says, or None.

    ``kept`` lists the indices still in play, in order. A box is a run of label lines,
    at most one summary paragraph after a label, and bullet lines.
    """
    for pos, i in enumerate(kept):
        line = lines[i]
        if not _is_label(line):
            continue
        if line.key in _WEAK_LABELS and pos > max(3, len(kept) // 3):
            continue
        found = _read_box(lines, kept[pos:])
        if found:
            return found
    return None


def _read_box(lines: list[Line], run: list[int]) -> tuple[list[int], EmbeddedSummary] | None:
    members: list[int] = []
    labels: list[str] = []
    summary: list[str] = []
    points: list[str] = []
    state = "start"
    for i in run:
        line = lines[i]
        bullet = lx.BULLET.match(line.text)
        if _is_label(line):
            labels.append(line.text)
            state = "label"
        elif bullet and state in ("label", "summary", "bullet") and line.words <= _MAX_BULLET_WORDS:
            points.append(line.text[bullet.end() :].strip())
            state = "bullet"
        elif state == "label" and not points:
            summary.append(line.text)
            state = "summary"
        else:
            break
        members.append(i)
    if not summary and not points:
        return None
    return members, EmbeddedSummary(label_lines=labels, summary="\n".join(summary), key_points=points)
