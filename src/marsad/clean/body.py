"""The kept lines become the body: paragraph and heading blocks with offsets both ways.

Three cuts happen inside lines rather than between them, each recorded as a removal: a
dateline glued to the first paragraph, boilerplate glued after the last sentence, and (on
bodies whose line breaks were lost) headings split out of the prose.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from marsad.clean import lexicon as lx
from marsad.clean.dateline import Credit, split_wire_prefix
from marsad.clean.headings import inline_heading_spans, is_dash_heading, is_heading_shape
from marsad.clean.lines import Line, display_text, trim_span
from marsad.clean.noise import has_embed_cue
from marsad.clean.settings import CleanSettings
from marsad.model import Block, BlockKind, RemovedLine

Span = tuple[BlockKind, int, int]  # kind, raw_start, raw_end

# Boilerplate glued after the last sentence: "… الحادث. سمات إطلاق نار عسير", "رابط الخبر بصحيفة …: …".
_TRAILERS = (
    (re.compile(r"(?:(?<=[.!?؟»\"”])|^)\s*(?:رابط الخبر|رابط المقال)\b[^\n]{0,250}$"), "related"),
    (re.compile(r"(?<=[.!?؟»\"”])\s*(?:سمات|وسوم|الوسوم|Tags)\s*:?\s+(?:\S+\s+){0,19}\S+\s*$"), "tags"),
    # "... القطاع. تابع الجزيرة نت على:" — a follow prompt glued after the last sentence.
    (
        re.compile(
            r"(?<=[.!?؟»\"”…])\s*(?:تابع|تابعوا|تابعونا|تابعنا|Follow)\s+[^.!?؟\n]{0,60}?"
            r"(?:على|عبر|في|on)\s*:?\s*$",
            re.IGNORECASE,
        ),
        "share",
    ),
    # "... الخيال. ... المزيد": a read-more link.
    (
        re.compile(r"\s*(?:\.{2,}|…)\s*(?:المزيد|اقرأ المزيد|للمزيد|Read more|More)\s*$", re.IGNORECASE),
        "related",
    ),
    # "... غزة  اقرأ/ي أيضًا: titles": a related-links box after the last sentence (no sentence ends in it).
    (
        re.compile(
            r"(?<=[.!?؟»\"”\s])\s*(?:اقرأ/ي|اقرئي|اقرأ|إقرأ|اقرا)\s*(?:/ي)?\s*(?:أيضًا|أيضاً|أيضا|ايضا|كذلك)\s*:"
            r"[^.!؟?]{0,600}$"
        ),
        "related",
    ),
)
# A sentence end followed by a space: where an embedded post glued into the prose starts.
_SENTENCE_GAP = re.compile(r"(?<=[^\W\d_]|[\"”»)])[.!?؟][\"”»)]*\s+")


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
    spans = _cut_embeds(raw, spans, removed)
    spans = _cut_repeats(raw, spans, removed)
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
    # Trailers are short: look only at the paragraph's tail (and keep the search linear).
    tail_start = max(s, e - _TRAILER_WINDOW)
    if tail_start > s:
        tail_start = raw.find(" ", tail_start, e) + 1 or tail_start
    last = raw[tail_start:e]
    offset = tail_start - s
    for pattern, why in _TRAILERS:
        m = pattern.search(last)
        if m is None:
            continue
        start = m.start() + offset
        if start > 0:
            ts, te = trim_span(raw, s + start, e)
            removed.append(RemovedLine(display_text(raw[ts:te]), why, ts, te))
            rest = [*spans[:-1], (kind, *trim_span(raw, s, s + start))]
            return _cut_trailers(raw, _cut_dangling_caption(raw, rest, removed), removed)
        removed.append(RemovedLine(display_text(raw[s:e]), why, s, e))
        return _cut_trailers(raw, spans[:-1], removed)
    return spans


_TRAILER_WINDOW = 700


def _cut_dangling_caption(raw: str, spans: list[Span], removed: list[RemovedLine]) -> list[Span]:
    """After a box was cut from the end, a short phrase left after the last sentence end is the
    caption of a picture that stood between them ("... غزة. تقرير وزارة الصحة حول ...")."""
    kind, s, e = spans[-1]
    text = raw[s:e]
    if text.rstrip()[-1:] in '.!?؟…"”»':
        return spans
    gaps = list(_SENTENCE_GAP.finditer(text))
    if not gaps and len(spans) < 2:
        return spans
    cut = gaps[-1].end() if gaps else 0
    if not 2 <= len(text[cut:].split()) <= 20:
        return spans
    if cut == 0:
        removed.append(RemovedLine(display_text(text), "caption", s, e))
        return spans[:-1]
    ts, te = trim_span(raw, s + cut, e)
    removed.append(RemovedLine(display_text(raw[ts:te]), "caption", ts, te))
    return [*spans[:-1], (kind, *trim_span(raw, s, s + cut))]


def _cut_embeds(raw: str, spans: list[Span], removed: list[RemovedLine]) -> list[Span]:
    """Embedded posts glued into the prose: a tweet's text up to its picture link and signature
    ("... pic.twitter.com/x — name (@handle) April 11, 2024"), Instagram's embed labels and the
    caption right before them."""
    out: list[Span] = []
    for kind, s, e in spans:
        text = raw[s:e]
        if not has_embed_cue(text):
            out.append((kind, s, e))
            continue
        cuts = [(m.start(), m.end(), "embed") for m in lx.EMBED_LABELS.finditer(text)]
        for m in lx.TWEET_LINK.finditer(text):
            end = m.end()
            sig = lx.TWEET_SIGNATURE.match(text, end + len(text[end:]) - len(text[end:].lstrip()))
            if sig:
                end = sig.end()
            cuts.append((m.start(), end, "embed"))
        for m in lx.TWEET_SIGNATURE.finditer(text):
            if "(@" in m.group(0):
                cuts.append((m.start(), m.end(), "embed"))
        if not cuts:
            out.append((kind, s, e))
            continue
        # The post's own words (or the picture's caption) run back to the last sentence end.
        widened = []
        for cs, ce, why in sorted(cuts):
            gaps = [g.end() for g in _SENTENCE_GAP.finditer(text, 0, cs) if g.end() <= cs]
            start = gaps[-1] if gaps else 0
            # A post's own words are short: a tweet is at most 280 characters.
            if cs - start > 320:
                start = cs
            widened.append((start, ce, why))
        merged: list[list] = []
        for cs, ce, why in widened:
            if merged and cs <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], ce)
            else:
                merged.append([cs, ce, why])
        pos = 0
        for cs, ce, why in merged:
            if cs > pos:
                out.append((kind, *trim_span(raw, s + pos, s + cs)))
            ts, te = trim_span(raw, s + cs, s + ce)
            removed.append(RemovedLine(display_text(raw[ts:te]), why, ts, te))
            pos = ce
        if pos < len(text):
            out.append((kind, *trim_span(raw, s + pos, e)))
    return [(k, a, b) for k, a, b in out if b > a]


_REPEAT_MIN_CHARS = 30
_ROUGH_SENTENCES = re.compile(r"(?<=[.!?؟])[\"”»)]*\s+")


def _suffix_repeat(pieces: list[str]) -> bool:
    return any(b and a.endswith(" " + b) for a, b in zip(pieces, pieces[1:], strict=False))


def _cut_repeats(raw: str, spans: list[Span], removed: list[RemovedLine]) -> list[Span]:
    """A sentence printed twice in a row (scrapers that emit every paragraph twice): the second
    copy goes as a duplicate."""
    out: list[Span] = []
    for kind, s, e in spans:
        seen: set[str] = set()  # within one line: repeated lines are the line-level duplicates
        text = raw[s:e]
        rough = [" ".join(x.split()) for x in _ROUGH_SENTENCES.split(text)]
        rough = [x for x in rough if len(x) >= 10]
        if len(set(rough)) == len(rough) and not _suffix_repeat(rough):
            out.append((kind, s, e))  # nothing repeats: the common case, without the exact pass
            continue
        bounds = [0, *(g.end() for g in _SENTENCE_GAP.finditer(text)), len(text)]
        pieces = [(bounds[i], bounds[i + 1]) for i in range(len(bounds) - 1) if bounds[i + 1] > bounds[i]]
        if len(pieces) < 2:
            out.append((kind, s, e))
            continue
        keep: list[tuple[int, int]] = []
        prev_key = ""
        for a, b in pieces:
            key = " ".join(text[a:b].split())
            # The copy may follow a caption glued before the first one ("صورة ... بالبحث ...").
            long_enough = len(key) >= _REPEAT_MIN_CHARS and len(key.split()) >= 6
            if long_enough and (key in seen or prev_key.endswith(" " + key)):
                ts, te = trim_span(raw, s + a, s + b)
                removed.append(RemovedLine(display_text(raw[ts:te]), "duplicate", ts, te))
                continue
            seen.add(key)
            prev_key = key
            keep.append((a, b))
        if not keep:
            continue
        # Contiguous kept pieces become one span again.
        run_start, run_end = keep[0]
        for a, b in keep[1:]:
            if a == run_end:
                run_end = b
                continue
            out.append((kind, *trim_span(raw, s + run_start, s + run_end)))
            run_start, run_end = a, b
        out.append((kind, *trim_span(raw, s + run_start, s + run_end)))
    return [(k, a, b) for k, a, b in out if b > a]


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
