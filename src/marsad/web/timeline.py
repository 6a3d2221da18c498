"""Pictures of time: a story's timeline and the small activity sparkline, as inline SVG.

Time runs right-to-left in the Arabic interface (earliest on the right, where the reader
starts) and left-to-right in English. Labels are placed in lanes so that they never
overlap, whatever the number of events; all text is escaped.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from datetime import date

from markupsafe import Markup, escape

from marsad.model import Event, Story
from marsad.web.i18n import count, format_date, word

WIDTH = 860
MARGIN = 70
LANE_HEIGHT = 40
CHAR_WIDTH = 6.6  # average advance of a 12px Arabic/Latin glyph; only for lane packing
MAX_LABEL = 40


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
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


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


def render_timeline_svg(
    story: Story,
    events: list[Event],
    *,
    lang: str = "ar",
    href: Callable[[str], str | None] | None = None,
) -> str:
    """An SVG of ``events`` on a date axis, each with its label, date and number of outlets."""
    rtl = lang != "en"
    dated = sorted(((d, e) for e in events if (d := _day(e.date)) is not None), key=lambda p: (p[0], p[1].id))
    undated = len(events) - len(dated)
    title = f"{word('timeline', lang)}: {story.label}"
    if not dated:
        note = f"{count('n_events', len(events), lang)} — {word('undated', lang)}"
        return str(
            Markup(
                '<svg class="timeline" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w} 40" role="img"'
                ' direction="{d}"><title>{t}</title><text x="{x}" y="24" text-anchor="middle">{n}</text></svg>'
            ).format(w=WIDTH, d="rtl" if rtl else "ltr", t=title, x=WIDTH // 2, n=note)
        )
    axis = _Axis(dated[0][0], dated[-1][0], rtl)
    boxes = []
    for day, e in dated:
        half = (max(len(_short(e.label)), 18) * CHAR_WIDTH) / 2 + 4
        centre = min(max(axis.x(day), MARGIN / 2 + half), WIDTH - MARGIN / 2 - half)
        boxes.append((centre - half, centre + half))
    lanes = _lanes(boxes)
    n_lanes = max(lanes) + 1
    axis_y = 20 + n_lanes * LANE_HEIGHT + 16
    height = axis_y + 44 + (18 if undated else 0)
    out = [
        Markup(
            '<svg class="timeline" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w} {h}" role="img"'
            ' direction="{d}"><title>{t}</title>'
        ).format(w=WIDTH, h=height, d="rtl" if rtl else "ltr", t=title),
        Markup('<line class="axis" x1="{a}" y1="{y}" x2="{b}" y2="{y}"/>').format(
            a=MARGIN / 2, b=WIDTH - MARGIN / 2, y=axis_y
        ),
    ]
    for day in _ticks(axis.first, axis.last):
        x = axis.x(day)
        out.append(
            Markup(
                '<line class="tick" x1="{x}" y1="{y0}" x2="{x}" y2="{y1}"/>'
                '<text class="tick-label" x="{x}" y="{ty}" text-anchor="middle">{t}</text>'
            ).format(
                x=x,
                y0=axis_y,
                y1=axis_y + 5,
                ty=axis_y + 20,
                t=format_date(date.fromordinal(day).isoformat(), lang),
            )
        )
    for (day, e), (left, right), lane in zip(dated, boxes, lanes, strict=True):
        x = axis.x(day)
        cx = (left + right) / 2
        ly = 20 + (n_lanes - 1 - lane) * LANE_HEIGHT  # lane 0 sits nearest the axis
        r = min(14, 4 + 2 * math.sqrt(len(e.articles)))
        outlets = len(e.outlets)
        detail = f"{format_date(e.date, lang)} · {count('n_outlets', outlets, lang)}"
        group = Markup(
            '<g class="tl-event"><title>{full}</title>'
            '<line class="stem" x1="{x}" y1="{ly2}" x2="{x}" y2="{ay}"/>'
            '<circle cx="{x}" cy="{ay}" r="{r}"/>'
            '<text class="tl-label" x="{cx}" y="{ly}" text-anchor="middle" direction="{dir}">{label}</text>'
            '<text class="tl-detail" x="{cx}" y="{ly2t}" text-anchor="middle">{detail}</text></g>'
        ).format(
            full=e.label,
            x=x,
            ly2=ly + 20,
            ay=axis_y,
            r=round(r, 1),
            cx=round(cx, 1),
            ly=ly + 2,
            label=_short(e.label),
            dir=_direction(e.label),
            ly2t=ly + 16,
            detail=detail,
        )
        link = href(e.id) if href else None
        out.append(Markup('<a href="{}">{}</a>').format(link, group) if link else group)
    if undated:
        out.append(
            Markup('<text class="tick-label" x="{x}" y="{y}" text-anchor="middle">+ {n} {u}</text>').format(
                x=WIDTH // 2, y=height - 6, n=undated, u=word("undated", lang)
            )
        )
    out.append(Markup("</svg>"))
    return str(Markup("").join(out))


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
