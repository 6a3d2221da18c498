"""Pictures of time: a story's timeline and the small activity sparkline, as inline SVG.

Time runs right-to-left in the Arabic interface (earliest on the right, where the reader
starts) and left-to-right in English. Labels are placed in lanes so that they never
overlap, whatever the number of events; all text is escaped.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from datetime import date

from markupsafe import escape

from marsad.model import Event, Story
from marsad.web.i18n import count, format_date, word

WIDTH = 860
MARGIN = 70
LANE_HEIGHT = 40
CHAR_WIDTH = 6.6  # average advance of a 12px Arabic/Latin glyph; only for lane packing
MAX_LABEL = 40
MAX_LABELS = 14
MAX_LANES = 4  # same-day events beyond these lanes stay dots with tooltips: no towers of labels


def _day(value: str | None) -> int | None:
    """Ordinal day of an ISO date, month or year (a month counts from its first day)."""
    if not value:
        return None
    parts = value[:10].split("-")
    try:
        year = int(parts[0])
        month = int(parts[1]) if len(parts) > 1 else 1
        day = int(parts[2]) if len(parts) > 2 else 1
        return date(year, month, day).toordinal()
    except (ValueError, IndexError):
        return None


def _direction(text: str) -> str:
    """The direction of the first strong letter: labels come from articles, whatever the UI language."""
    for ch in text:
        if "\u0590" <= ch <= "\u08ff" or "\ufb1d" <= ch <= "\ufefc":
            return "rtl"
        if ch.isalpha():
            return "ltr"
    return "rtl"


def _short(text: str, limit: int = MAX_LABEL) -> str:
    """At most ``limit`` characters, cut between words (never mid-word) with an ellipsis."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if " " in cut and not text[limit - 1].isspace():
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ،,.:؛-–") + "…"


class _Axis:
    """Maps days to x, mirrored for right-to-left reading."""

    def __init__(self, first: int, last: int, rtl: bool, width: int = WIDTH, margin: int = MARGIN) -> None:
        self.first, self.last, self.rtl = first, last, rtl
        self.width, self.margin = width, margin

    def x(self, day: int) -> float:
        span = self.last - self.first
        share = 0.5 if span == 0 else (day - self.first) / span
        if self.rtl:
            share = 1 - share
        return round(self.margin + share * (self.width - 2 * self.margin), 1)


def _lanes(boxes: list[tuple[float, float]]) -> list[int]:
    """Greedy lane for each (left, right) box so boxes in one lane never overlap."""
    ends: list[list[tuple[float, float]]] = []
    out = []
    for left, right in boxes:
        for i, lane in enumerate(ends):
            if all(right + 8 < a or left - 8 > b for a, b in lane):
                lane.append((left, right))
                out.append(i)
                break
        else:
            ends.append([(left, right)])
            out.append(len(ends) - 1)
    return out


def _esc(text: object) -> str:
    return str(escape(str(text)))


def _svg_open(width: int, height: int, rtl: bool, title: str) -> str:
    return (
        f'<svg class="timeline" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" role="img"'
        f' direction="{"rtl" if rtl else "ltr"}"><title>{_esc(title)}</title>'
    )


def render_timeline_svg(
    story: Story,
    events: list[Event],
    *,
    lang: str = "ar",
    href: Callable[[str], str | None] | None = None,
    max_labels: int = MAX_LABELS,
) -> str:
    """An SVG of ``events`` on a date axis, each with its label, date and number of outlets.

    Only the ``max_labels`` most reported events get a written label (the others are dots
    with a tooltip), so a long story stays one readable picture.
    """
    rtl = lang != "en"
    dated = sorted(((d, e) for e in events if (d := _day(e.date)) is not None), key=lambda p: (p[0], p[1].id))
    undated = len(events) - len(dated)
    title = f"{word('timeline', lang)}: {story.label}"
    if not dated:
        note = f"{count('n_events', len(events), lang)} — {word('undated', lang)}"
        return (
            _svg_open(WIDTH, 40, rtl, title)
            + f'<text x="{WIDTH // 2}" y="24" text-anchor="middle">{_esc(note)}</text></svg>'
        )
    axis = _Axis(dated[0][0], dated[-1][0], rtl)
    ranked = sorted(range(len(dated)), key=lambda i: (-len(dated[i][1].articles), dated[i][0]))
    labelled = sorted(ranked[:max_labels])
    boxes = []
    for i in labelled:
        day, e = dated[i]
        half = (max(len(_short(e.label)), 18) * CHAR_WIDTH) / 2 + 4
        centre = min(max(axis.x(day), MARGIN / 2 + half), WIDTH - MARGIN / 2 - half)
        boxes.append((centre - half, centre + half))
    packed = _lanes(boxes)
    lanes = {i: lane for i, lane in zip(labelled, packed, strict=True) if lane < MAX_LANES}
    box_of = {i: box for i, box in zip(labelled, boxes, strict=True) if i in lanes}
    n_lanes = max(lanes.values()) + 1
    axis_y = 20 + n_lanes * LANE_HEIGHT + 16
    height = axis_y + 44 + (18 if undated else 0)
    out = [
        _svg_open(WIDTH, height, rtl, title),
        f'<line class="axis" x1="{MARGIN / 2}" y1="{axis_y}" x2="{WIDTH - MARGIN / 2}" y2="{axis_y}"/>',
    ]
    for day in _ticks(axis.first, axis.last):
        x = axis.x(day)
        out.append(
            f'<line class="tick" x1="{x}" y1="{axis_y}" x2="{x}" y2="{axis_y + 5}"/>'
            f'<text class="tick-label" x="{x}" y="{axis_y + 20}" text-anchor="middle">'
            f"{_esc(format_date(date.fromordinal(day).isoformat(), lang))}</text>"
        )
    stems: list[str] = []  # drawn before every label, so no stem crosses a label
    groups: list[str] = []
    for i, (day, e) in enumerate(dated):
        x = axis.x(day)
        r = round(min(14, 4 + 2 * math.sqrt(len(e.articles))), 1)
        n_outlets = len(set(e.outlets)) or (1 if e.articles else 0)  # as the event's own page counts them
        detail = f"{format_date(e.date, lang)} · {count('n_outlets', n_outlets, lang)}"
        parts = [f'<g class="tl-event"><title>{_esc(e.label)} — {_esc(detail)}</title>']
        if i in lanes:
            left, right = box_of[i]
            cx = round((left + right) / 2, 1)
            ly = 20 + (n_lanes - 1 - lanes[i]) * LANE_HEIGHT  # lane 0 sits nearest the axis
            stems.append(f'<line class="stem" x1="{x}" y1="{ly + 20}" x2="{x}" y2="{axis_y}"/>')
            parts.append(
                f'<text class="tl-label" x="{cx}" y="{ly + 2}" text-anchor="middle"'
                f' direction="{_direction(e.label)}">{_esc(_short(e.label))}</text>'
                f'<text class="tl-detail" x="{cx}" y="{ly + 16}" text-anchor="middle">{_esc(detail)}</text>'
            )
        parts.append(f'<circle cx="{x}" cy="{axis_y}" r="{r}"/></g>')
        group = "".join(parts)
        link = href(e.id) if href else None
        groups.append(f'<a href="{_esc(link)}">{group}</a>' if link else group)
    out += stems + groups
    if undated:
        out.append(
            f'<text class="tick-label" x="{WIDTH // 2}" y="{height - 6}" text-anchor="middle">'
            f"{_esc(word('undated', lang))}: {undated}</text>"
        )
    out.append("</svg>")
    return "".join(out)


def _ticks(first: int, last: int, most: int = 6) -> list[int]:
    if first == last:
        return [first]
    step = max(1, math.ceil((last - first) / (most - 1)))
    days = list(range(first, last, step))
    if last - days[-1] < step / 2 and len(days) > 1:
        days.pop()  # keep the last label from colliding with the end label
    return [*days, last]


def sparkline_svg(activity: list[dict], *, lang: str = "ar", width: int = 120, height: int = 24) -> str:
    """Articles per day of a story as a tiny line; mirrored in Arabic like the timeline."""
    points = [(d, p["articles"]) for p in activity if (d := _day(p["date"])) is not None]
    if not points:
        return ""
    axis = _Axis(points[0][0], points[-1][0], lang != "en", width=width, margin=3)
    top = max(n for _, n in points)

    def y(n: int) -> float:
        return round(height - 3 - (n / top) * (height - 6), 1)

    coords = " ".join(f"{axis.x(d)},{y(n)}" for d, n in points)
    label = escape(count("n_articles", sum(n for _, n in points), lang))
    dots = "".join(f'<circle cx="{axis.x(d)}" cy="{y(n)}" r="1.8"/>' for d, n in points)
    return (
        f'<svg class="spark" xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}"'
        f' viewBox="0 0 {width} {height}" role="img"><title>{label}</title>'
        f'<polyline points="{coords}" fill="none"/>{dots}</svg>'
    )
