"""Article body as HTML: paragraphs, sentence anchors, entity and date highlights.

Highlights come from character offsets (``Mention``/``TimeExpr`` start/end into
``Article.body``), never from searching the text again, so what is shown is exactly what
the pipeline found. Markup is assembled from pieces and every piece of article text passes
through :func:`markupsafe.escape`: a body containing ``<script>`` stays text.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from markupsafe import Markup, escape

EntityHref = Callable[[str], str | None]

_CONTAINER_TAG = {"heading": "h3", "paragraph": "p", "caption": "p", "quote": "blockquote"}


@dataclass(frozen=True)
class Highlight:
    start: int
    end: int
    kind: str  # "entity" | "date"
    label: str  # PERSON/ORG/LOC for entities, the expression kind for dates
    href: str | None = None
    title: str | None = None
    value: str | None = None


def highlights(article: dict, entity_href: EntityHref) -> list[Highlight]:
    """Non-overlapping highlights in body order; on overlap the earlier, then longer, wins."""
    body_len = len(article["body"])
    found: list[Highlight] = []
    for m in article.get("mentions") or []:
        href = entity_href(m["entity_id"]) if m.get("entity_id") else None
        title = m.get("canonical") or None
        if m.get("role"):
            title = f"{title or m['text']} — {m['role']}"
        found.append(Highlight(m["start"], m["end"], "entity", m["label"], href, title))
    for t in article.get("time_exprs") or []:
        value = t.get("value")
        title = value if not t.get("value_end") else f"{value} – {t['value_end']}"
        found.append(Highlight(t["start"], t["end"], "date", t.get("kind") or "", None, title, value))
    found = [h for h in found if 0 <= h.start < h.end <= body_len]
    found.sort(key=lambda h: (h.start, -(h.end - h.start)))
    kept: list[Highlight] = []
    for h in found:
        if not kept or h.start >= kept[-1].end:
            kept.append(h)
    return kept


def _esc(text: str) -> str:
    # markupsafe's escape, kept as plain str pieces (a Markup would escape the tags we add
    # to it); building pieces with Markup.format was ~10x slower on long articles.
    return str(escape(text))


def _tags(h: Highlight) -> tuple[str, str]:
    """The opening and closing tag of one highlight, every attribute escaped."""
    title = _esc(h.title or "")
    if h.kind == "date":
        when = f' datetime="{_esc(h.value)}"' if h.value else ""
        return f'<time class="date" title="{title}"{when}>', "</time>"
    if h.href:
        return f'<a class="ent ent-{_esc(h.label)}" href="{_esc(h.href)}" title="{title}">', "</a>"
    return f'<span class="ent ent-{_esc(h.label)}" title="{title}">', "</span>"


def _inline(body: str, start: int, end: int, marks: list[tuple[Highlight, tuple[str, str]]]) -> str:
    out: list[str] = []
    pos = start
    for h, (opening, closing) in marks:
        a, b = max(h.start, start), min(h.end, end)
        if a >= b:
            continue
        out.append(_esc(body[pos:a]))
        out.append(opening + _esc(body[a:b]) + closing)
        pos = b
    out.append(_esc(body[pos:end]))
    return "".join(out)


def _containers(article: dict) -> Iterator[tuple[str, str, int, int]]:
    """(tag, css class, start, end) of each paragraph; lines of the body when it has no blocks."""
    blocks = article.get("blocks") or []
    if blocks:
        for b in blocks:
            yield _CONTAINER_TAG.get(b["kind"], "p"), b["kind"], b["start"], b["end"]
        return
    for m in re.finditer(r"[^\n]+", article["body"]):
        if m.group().strip():
            yield "p", "paragraph", m.start(), m.end()


def render_body(article: dict, entity_href: EntityHref) -> Markup:
    """The clean body as HTML, each sentence a ``<span id="s{n}">`` target for citations."""
    body = article["body"]
    marks = [(h, _tags(h)) for h in highlights(article, entity_href)]
    # marks are sorted and disjoint, so both their starts and their ends are sorted
    mark_starts = [h.start for h, _ in marks]
    mark_ends = [h.end for h, _ in marks]
    sentences = sorted(article.get("sentences") or [], key=lambda s: s["start"])
    next_sentence = 0
    anchored: set[int] = set()
    parts: list[str] = []
    for tag, css, cs, ce in _containers(article):
        inner: list[str] = []
        local = marks[bisect_right(mark_ends, cs) : bisect_left(mark_starts, ce)]
        while next_sentence < len(sentences) and sentences[next_sentence]["end"] <= cs:
            next_sentence += 1
        pos = cs
        for s in sentences[next_sentence:]:
            if s["start"] >= ce:
                break
            a, b = max(s["start"], pos), min(s["end"], ce)
            if a >= b:
                continue
            inner.append(_inline(body, pos, a, local))
            anchor = f' id="s{int(s["id"])}"' if s["id"] not in anchored else ""
            anchored.add(s["id"])
            inner.append(f'<span class="sent"{anchor}>{_inline(body, a, b, local)}</span>')
            pos = b
        inner.append(_inline(body, pos, ce, local))
        parts.append(f'<{tag} class="{_esc(css)}">{"".join(inner)}</{tag}>')
    return Markup("\n".join(parts))  # every piece of article text above went through _esc()
