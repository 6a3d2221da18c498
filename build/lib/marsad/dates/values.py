"""Calendar values of parsed expressions: the arithmetic of resolution.

:func:`evaluate` turns the ``parts`` of one expression (day, month, year, weekday, tense,
shift ...) and an optional anchor date into an ISO value at the right granularity. It is
pure and deterministic: the same parts and anchor always give the same value.

Year rules for a month named without a year (the common case in news):

- with "الماضي" (past): the latest such month strictly before the anchor's month, so
  "ديسمبر الماضي" written in October 2025 or in December 2025 is December 2024 — outlets say
  "هذا الشهر"/"الشهر الجاري" for the current month, never "الماضي";
- with "المقبل" (next): the next such month strictly after the anchor's month;
- with no tense word: the anchor's own year. News writes the year or a tense word whenever
  the month is not in the current year, so the bare month is this year's, even when it lies
  ahead ("يزور موسكو في تشرين الأول") or behind ("وقعت الحادثة في آذار").
- with a weekday ("الخميس 31 من تموز"): the year, near the anchor, in which that day falls
  on that weekday; the weekday outranks the default.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from hijridate import Gregorian, Hijri

# hijridate's Umm al-Qura tables cover these Hijri years; outside them it raises OverflowError.
HIJRI_RANGE = (1343, 1500)


@dataclass(frozen=True)
class Value:
    value: str | None
    value_end: str | None = None
    granularity: str = "unknown"
    used_anchor: bool = False
    reason: str = ""


UNRESOLVED = Value(None)


def evaluate(parts: dict[str, Any], anchor: date | None) -> Value:
    """The calendar value of an expression's ``parts`` against ``anchor`` (None: absolute only)."""
    form = parts.get("form")
    if parts.get("calendar") == "hijri":
        return _hijri(parts, anchor)
    if form in ("date", "numeric"):
        return _day(parts, anchor)
    if form == "month":
        return _month(parts, anchor)
    if form == "monthrange":
        return _month_range(parts, anchor)
    if form == "year":
        return _year(parts)
    if form == "relday":
        return _relday(parts, anchor)
    if form == "weekday":
        return _weekday(parts, anchor)
    if form in ("period", "ago"):
        return _period(parts, anchor)
    if form == "clock":
        return Value(f"T{parts['hour']:02d}:{parts.get('minute', 0):02d}", granularity="time")
    if form in ("partday",):
        return Value(None, granularity="time")
    return Value(None, granularity="interval" if form == "duration" else "unknown")


def safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def month_year(month: int, tense: int | None, anchor: date) -> int:
    """The year of a month named without one (see the module rules)."""
    if tense is not None and tense < 0:  # "قبل الماضي" (-2): one more year back
        return (anchor.year if month < anchor.month else anchor.year - 1) + tense + 1
    if tense is not None and tense > 0:
        return (anchor.year if month > anchor.month else anchor.year + 1) + tense - 1
    return anchor.year


def weekday_year(month: int, day: int, weekday: int, near: date, radius: int = 7) -> int | None:
    """The year within ``radius`` of ``near`` where ``day``/``month`` falls on ``weekday``,
    nearest to ``near`` (ties to the later year: news dates look back less than forward)."""
    best: tuple[int, int] | None = None
    for y in range(near.year - radius, near.year + radius + 1):
        d = safe_date(y, month, day)
        if d is None or d.weekday() != weekday:
            continue
        key = (abs((d - near).days), -y)
        if best is None or key < (best[0], -best[1]):
            best = (key[0], y)
    return None if best is None else best[1]


def weekday_date(weekday: int, anchor: date, tense: int | None) -> date:
    """A weekday named alone: the latest one on or before the anchor (news reports what has
    happened); "الماضي" strictly before it, "المقبل"/"القادم" strictly after it."""
    if tense is not None and tense > 0:
        return anchor + timedelta(days=((weekday - anchor.weekday()) % 7 or 7) + 7 * (tense - 1))
    back = (anchor.weekday() - weekday) % 7
    if tense is not None and tense < 0:
        back = (back or 7) + 7 * (-tense - 1)
    return anchor - timedelta(days=back)


def _day(parts: dict[str, Any], anchor: date | None) -> Value:
    if "month_shift" in parts:  # "15 من الشهر الماضي": the month comes from the anchor
        if anchor is None:
            return UNRESOLVED
        y, m = divmod(anchor.year * 12 + anchor.month - 1 + parts["month_shift"], 12)
        value = _day(
            {k: v for k, v in parts.items() if k != "month_shift"} | {"month": m + 1, "year": y}, None
        )
        return Value(value.value, value.value_end, value.granularity, True, value.reason)
    month, day = parts["month"], parts["day"]
    year = parts.get("year")
    used = False
    if year is None:
        if anchor is None:
            return UNRESOLVED
        used = True
        weekday = parts.get("weekday")
        if weekday is not None and parts.get("tense") is None:
            year = weekday_year(month, day, weekday, anchor, radius=1) or month_year(month, None, anchor)
        else:
            year = month_year(month, parts.get("tense"), anchor)
    start = safe_date(year, month, day)
    if start is None:
        return Value(None, reason="no such day")
    if parts.get("day_end"):
        end = safe_date(year, month, parts["day_end"])
        if end is None or end < start:
            return Value(None, reason="bad range")
        return Value(start.isoformat(), end.isoformat(), "interval", used)
    return Value(start.isoformat(), granularity="day", used_anchor=used)


def _month(parts: dict[str, Any], anchor: date | None) -> Value:
    month, year = parts["month"], parts.get("year")
    if year is None:
        if anchor is None:
            return UNRESOLVED
        return Value(f"{month_year(month, parts.get('tense'), anchor):04d}-{month:02d}", None, "month", True)
    return Value(f"{year:04d}-{month:02d}", granularity="month")


def _month_range(parts: dict[str, Any], anchor: date | None) -> Value:
    first, last = _month(parts, anchor), _month({**parts, "month": parts["month_end"]}, anchor)
    if first.value is None or last.value is None:
        return Value(None, granularity="interval")
    end = last.value
    if end < first.value:  # "من نوفمبر إلى فبراير": the range crosses a new year
        end = f"{int(end[:4]) + 1:04d}{end[4:]}"
    return Value(first.value, end, "interval", first.used_anchor)


def _year(parts: dict[str, Any]) -> Value:
    year, end = parts["year"], parts.get("year_end")
    if end is not None and end > year:
        return Value(f"{year:04d}", f"{end:04d}", "interval")
    return Value(f"{year:04d}", granularity="year")


def _relday(parts: dict[str, Any], anchor: date | None) -> Value:
    if anchor is None:
        return UNRESOLVED
    return Value((anchor + timedelta(days=parts["shift"])).isoformat(), granularity="day", used_anchor=True)


def _weekday(parts: dict[str, Any], anchor: date | None) -> Value:
    if anchor is None:
        return UNRESOLVED
    return Value(weekday_date(parts["weekday"], anchor, parts.get("tense")).isoformat(), None, "day", True)


def _period(parts: dict[str, Any], anchor: date | None) -> Value:
    unit, count = parts.get("unit"), parts.get("count")
    if anchor is None or unit is None or count is None:
        return Value(None, granularity="interval" if parts.get("vague") else "unknown")
    sign = -1 if parts["form"] == "ago" else 1
    n = sign * count
    if unit == "day":
        return Value((anchor + timedelta(days=n)).isoformat(), None, "day", True)
    if unit == "week":
        iso = (anchor + timedelta(weeks=n)).isocalendar()
        return Value(f"{iso.year:04d}-W{iso.week:02d}", None, "week", True)
    if unit == "month":
        y, m = divmod(anchor.year * 12 + anchor.month - 1 + n, 12)
        return Value(f"{y:04d}-{m + 1:02d}", None, "month", True)
    if unit == "year":
        return Value(f"{anchor.year + n:04d}", None, "year", True)
    return Value(None, granularity="time")


# --------------------------------------------------------------------------- Hijri


def hijri_to_gregorian(year: int, month: int, day: int) -> date | None:
    """The Gregorian date of a Hijri (Umm al-Qura) day, None outside the supported range."""
    if not HIJRI_RANGE[0] <= year <= HIJRI_RANGE[1]:
        return None
    try:
        hijri = Hijri(year, month, 1)
        if day > hijri.month_length():
            return None
        greg = Hijri(year, month, day).to_gregorian()
        return date(greg.year, greg.month, greg.day)
    except (OverflowError, ValueError):
        return None


def _hijri_month_span(year: int, month: int) -> tuple[date, date] | None:
    first = hijri_to_gregorian(year, month, 1)
    if first is None:
        return None
    return first, first + timedelta(days=Hijri(year, month, 1).month_length() - 1)


def _hijri(parts: dict[str, Any], anchor: date | None) -> Value:
    month, day, year = parts.get("month"), parts.get("day"), parts.get("year")
    used = False
    if year is None:
        if anchor is None or month is None:
            return UNRESOLVED
        used = True
        today = Gregorian(anchor.year, anchor.month, anchor.day).to_hijri()
        year = today.year
        tense = parts.get("tense")
        if tense is not None and tense < 0:
            year += tense + (1 if month < today.month else 0)
        elif tense is not None and tense > 0:
            year += tense - (1 if month > today.month else 0)
    if not HIJRI_RANGE[0] <= year <= HIJRI_RANGE[1]:
        # Keep a rough Gregorian year for readers; the exact conversion has no tables here.
        parts["approx_gregorian_year"] = round(year * 0.970229 + 621.5643)
        granularity = "day" if day else "interval" if month else "year"
        return Value(
            None,
            granularity=granularity,
            reason=f"Hijri year {year} outside {HIJRI_RANGE[0]}–{HIJRI_RANGE[1]}",
        )
    if month is None:
        first = hijri_to_gregorian(year, 1, 1)
        last = _hijri_month_span(year, 12)
        if first is None or last is None:
            return Value(None, reason="unconvertible Hijri year")
        return Value(first.isoformat(), last[1].isoformat(), "interval", used)
    if day is None:
        span = _hijri_month_span(year, month)
        if span is None:
            return Value(None, reason="unconvertible Hijri month")
        return Value(span[0].isoformat(), span[1].isoformat(), "interval", used)
    greg = hijri_to_gregorian(year, month, day)
    if greg is None:
        return Value(None, reason="no such Hijri day")
    return Value(greg.isoformat(), granularity="day", used_anchor=used)
