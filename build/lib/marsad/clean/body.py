"""The kept lines become the body: paragraph and heading blocks with offsets both ways.

Three cuts happen inside lines rather than between them, each recorded as a removal: a
dateline glued to the first paragraph, boilerplate glued after the last sentence, and (on
bodies whose line breaks were lost) headings split out of the prose.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from marsad.clean.dateline import Credit, split_wire_prefix
from marsad.clean.headings import inline_heading_spans, is_dash_heading, is_heading_shape
from marsad.clean.lines import Line, display_text, trim_span
from marsad.clean.settings import CleanSettings
from marsad.model import Block, BlockKind, RemovedLine

Span = tuple[BlockKind, int, int]  # kind, raw_start, raw_end

# Boilerplate glued after the last sentence: "… الحادث. سمات إطلاق نار عسير", "رابط الخبر بصحيفة …: …".
_TRAILERS = (
    (re.compile(r"(?:(?<=[.!?؟»\"”])|^)\s*(?:رابط الخبر|رابط المقال)\b[^\n]{0,250}$"), "related"),
    (re.compile(r"(?<=[.!?؟»\"”])\s*(?:سمات|وسوم|الوسوم|Tags)\s*:?\s+(?:\S+\s+){0,19}\S+\s*$"), "tags"),
)


@dataclass
class Body:
    """The assembled body, the spans cut out of lines, and a dateline found in the prose."""

    blocks: list[Block]
    text: str
    removed: list[RemovedLine] = field(default_factory=list)
    wire: Credit | None = None


def build_body(raw: str, lines: list[Line], settings: CleanSettings) -> Body:
    """Blocks of the kept ``lines`` (in order) of the raw text ``raw``."""
    spans: list[Span] = []
    for n in range(len(lines)):
        spans.extend(_line_blocks(raw, lines, n, settings))
    removed: list[RemovedLine] = []
    spans, wire = _cut_wire_dateline(raw, spans, removed)
    spans = _cut_trailers(raw, spans, removed)
    blocks, text = _assemble(raw, spans)
    return Body(blocks, text, removed, wire)


def _line_blocks(raw: str, lines: list[Line], n: int, settings: CleanSettings) -> list[Span]:
    line = lines[n]
    if is_dash_heading(line, settings) and not _in_dash_list(lines, n):
        return [("heading", line.start, line.end)]
    prev = lines[n - 1].text.rstrip() if n > 0 else ""
    continues = prev.endswith(("،", ",", "؛", ";"))  # the line goes on with the sentence above
    if is_heading_shape(line, settings) and not continues:
        nxt = lines[n + 1] if n + 1 < len(lines) else None
        if nxt is None and n > 0 and line.words >= 3:
            return [("heading", line.start, line.end)]
        if nxt is not None and not is_heading_shape(nxt, settings):
            return [("heading", line.start, line.end)]
    # Headings run into the prose only where line breaks were lost: one-line bodies, or
    # lines as long as a whole article.
    few_lines = len(lines) <= 3 and len(line.text) >= settings.inline_min_chars
    if settings.inline_headings and (few_lines or len(line.text) >= settings.inline_long_chars):
        return _split_inline(raw, line, settings)
    return [("paragraph", line.start, line.end)]


def _in_dash_list(lines: list[Line], n: int) -> bool:
    """Dash-led lines next to each other are list items, not headings."""
    return any(lines[m].text.lstrip()[:1] in "-–—" for m in (n - 1, n + 1) if 0 <= m < len(lines))


def _split_inline(raw: str, line: Line, settings: CleanSettings) -> list[Span]:
    out: list[Span] = []
    pos = 0
    for hs, he in inline_heading_spans(raw[line.start : line.end], settings):
        if hs > pos:
            out.append(("paragraph", line.start + pos, line.start + hs))
        out.append(("heading", line.start + hs, line.start + he))
        pos = he
    out.append(("paragraph", line.start + pos, line.end))
    return [(k, *trim_span(raw, s, e)) for k, s, e in out if e > s]


def _cut_wire_dateline(
    raw: str, spans: list[Span], removed: list[RemovedLine]
) -> tuple[list[Span], Credit | None]:
    first = next((n for n, (kind, _, _) in enumerate(spans) if kind == "paragraph"), None)
    if first is None:
        return spans, None
    kind, s, e = spans[first]
    found = split_wire_prefix(raw[s:e])
    if not found:
        return spans, None
    cut, credit = found
    removed.append(RemovedLine(credit.text, "dateline", s, s + cut))
    return [*spans[:first], (kind, *trim_span(raw, s + cut, e)), *spans[first + 1 :]], credit


def _cut_trailers(raw: str, spans: list[Span], removed: list[RemovedLine]) -> list[Span]:
    if not spans:
        return spans
    kind, s, e = spans[-1]
    last = raw[s:e]
    for pattern, why in _TRAILERS:
        m = pattern.search(last)
        if m and m.start() > 0:
            ts, te = trim_span(raw, s + m.start(), e)
            removed.append(RemovedLine(display_text(raw[ts:te]), why, ts, te))
            return [*spans[:-1], (kind, *trim_span(raw, s, s + m.start()))]
        if m:
            removed.append(RemovedLine(display_text(raw[s:e]), why, s, e))
            return spans[:-1]
    return spans


def _assemble(raw: str, spans: list[Span]) -> tuple[list[Block], str]:
    blocks: list[Block] = []
    parts: list[str] = []
    pos = 0
    for kind, s, e in spans:
        text = display_text(raw[s:e]).strip()
        if not text:
            continue
        if parts:
            pos += 2  # the "\n\n" between blocks
        blocks.append(Block(kind, text, pos, pos + len(text), s, e))
        parts.append(text)
        pos += len(text)
    return blocks, "\n\n".join(parts)
