"""Putting an article's expressions on the calendar: the anchor, then every value.

The anchor is the publication date when the source gives one, corrected by the text when
the article's own "اليوم الأحد" puts it a day or two earlier (crawl dates run late).
Otherwise it is inferred from the text, strongest evidence first: a day named with its
weekday ("الخميس 31 من تموز", its year fixed where the weekday fits, near the other dates:
outlets name the weekday only for days around publication), then a day named without a
year in the lead, then a dated day in the lead; an "اليوم/أمس + weekday" must agree. A
month alone never places it. Later, clustering calls :func:`reanchor` with the date of the
event an article reports, for articles whose anchor is unknown or contradicts the event.
"""

from __future__ import annotations

import bisect
import dataclasses
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from email.utils import parsedate_to_datetime

from marsad.dates.scan import find_time_exprs
from marsad.dates.values import evaluate, safe_date, weekday_year
from marsad.model import AnchorSource, Article, Published, TimeExpr


@dataclass(frozen=True)
class DateSettings:
    """How dates are resolved.

    ``infer_anchor``: infer a publication date from the text when metadata has none.
    ``lead_chars``: dates without weekday evidence count for inference only in the lead.
    ``text_weekday_corrects_metadata``: when the text's own "اليوم الأحد" falls one or two
    days before the metadata date, the metadata is a crawl or posting time (SaudiNewsNet's
    ``date_extracted`` is a day late for ~30% of such articles): resolve against the text.
    ``weekday_radius``: years searched each way for a weekday-consistent year.
    ``event_window``: days around an event in which a bare weekday may fall (reanchor).
    """

    infer_anchor: bool = True
    lead_chars: int = 400
    text_weekday_corrects_metadata: bool = True
    weekday_radius: int = 7
    event_window: int = 3


DEFAULT_SETTINGS = DateSettings()


def resolve_article(article: Article, settings: DateSettings | None = None) -> Article:
    """Find and resolve the article's ``time_exprs`` and set ``published`` (in place, like every
    per-article stage; the same record is returned)."""
    settings = settings or DEFAULT_SETTINGS
    exprs = find_time_exprs(article.body)
    _assign_sentences(article, exprs)
    published = _published_from_metadata(article.published_raw)
    notices = list(article.notices)
    raw = (article.published_raw or "").strip()
    if published is None and raw:
        note = f"bad_date: publication date «{raw[:80]}» ignored (not understood, or outside {MIN_YEAR}-{MAX_YEAR})"
        if note not in notices:  # resolve_article runs again on corpus passes
            notices.append(note)
    printed = _printed(article.published_printed, published)
    if printed is not None:
        published = printed
    elif published is not None and settings.text_weekday_corrects_metadata:
        published = _corrected_by_text(published, exprs)
    if published is None and settings.infer_anchor:
        published = infer_published(exprs, settings)
    published = published or Published(None, "none", "no publication date in metadata or text")
    anchor = date.fromisoformat(published.date) if published.date else None
    for expr in exprs:
        resolve_expr(expr, anchor, published.source if anchor else "none")
    for caption in article.captions:  # the caption's dates, against the same anchor
        caption.time_exprs = find_time_exprs(caption.text)
        for expr in caption.time_exprs:
            resolve_expr(expr, anchor, published.source if anchor else "none")
            expr.parts["from"] = "caption"
    article.time_exprs, article.published, article.notices = exprs, published, notices
    return article


def resolve_expr(expr: TimeExpr, anchor: date | None, source: AnchorSource) -> TimeExpr:
    """Fill ``expr``'s value against ``anchor`` (in place; returned for chaining)."""
    try:
        value = evaluate(expr.parts, anchor)
    except (OverflowError, ValueError) as exc:  # a Hijri/Gregorian year the calendars cannot convert
        expr.parts["unresolved"] = f"out of range ({exc})"[:200]
        return expr
    expr.value, expr.value_end = value.value, value.value_end
    if value.granularity != "unknown":
        expr.granularity = value.granularity  # type: ignore[assignment]
    if value.reason:
        expr.parts["unresolved"] = value.reason
    if value.used_anchor and anchor is not None:
        expr.anchor, expr.anchor_source = anchor.isoformat(), source
    return expr


def _assign_sentences(article: Article, exprs: list[TimeExpr]) -> None:
    if not article.sentences:
        return
    starts = [s.start for s in article.sentences]
    for expr in exprs:
        i = bisect.bisect_right(starts, expr.start) - 1
        if i >= 0 and expr.start < article.sentences[i].end:
            expr.sentence = article.sentences[i].id


def parse_published(raw: str | None) -> date | None:
    """A date from a source's publication field: ISO date/datetime, RFC 2822 (RSS), or an
    Arabic or numeric date as pages print it."""
    if not raw or not raw.strip():
        return None
    raw = raw.strip()
    try:
        return date.fromisoformat(raw[:10])
    except ValueError:
        pass
    try:
        return datetime.fromisoformat(raw).date()
    except ValueError:
        pass
    try:
        return parsedate_to_datetime(raw).date()
    except (TypeError, ValueError, IndexError, OverflowError):
        pass
    # Scraped pages print the date as text: "21/07/2015", "الثلاثاء 21 يوليو 2015".
    days = [e.value for e in find_time_exprs(raw) if e.value and e.granularity == "day"]
    return date.fromisoformat(days[0]) if days else None


# Publication dates outside these years are errors in the source, not dates to anchor on.
MIN_YEAR, MAX_YEAR = 1900, 2100


def _published_from_metadata(raw: str | None) -> Published | None:
    try:
        parsed = parse_published(raw)
    except (OverflowError, ValueError):
        return None
    if parsed is None or not MIN_YEAR <= parsed.year <= MAX_YEAR:
        return None
    return Published(parsed.isoformat(), "metadata")


def _printed(raw: str | None, metadata: Published | None) -> Published | None:
    """The date the page prints, when there is no metadata date or it disagrees by more than a
    day (metadata often holds the crawl date)."""
    try:
        day = parse_published(raw)
    except (OverflowError, ValueError):
        return None
    if day is None or not MIN_YEAR <= day.year <= MAX_YEAR:
        return None
    if metadata is None or metadata.date is None:
        return Published(day.isoformat(), "text", f"printed on the page: {raw}")
    meta = date.fromisoformat(metadata.date)
    if abs((meta - day).days) <= 1:
        return None
    return Published(day.isoformat(), "text", f"printed on the page: {raw}; metadata said {meta.isoformat()}")


_WEEKDAY_NAMES = ("الاثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت", "الأحد")


def _corrected_by_text(published: Published, exprs: list[TimeExpr]) -> Published:
    weekdays = _today_weekdays(exprs)
    if len(weekdays) != 1 or published.date is None:
        return published
    meta = date.fromisoformat(published.date)
    back = (meta.weekday() - next(iter(weekdays))) % 7
    if back not in (1, 2):
        return published
    today = meta - timedelta(days=back)
    why = f"metadata {meta.isoformat()}, but the text's today is {_WEEKDAY_NAMES[today.weekday()]}"
    return Published(today.isoformat(), "text", why)


# --------------------------------------------------------------------------- inference


def infer_published(exprs: list[TimeExpr], settings: DateSettings = DEFAULT_SETTINGS) -> Published | None:
    """The publication date implied by the text, with why; None when the text gives no date.

    Evidence, strongest first: a day named with its weekday ("الخميس 31 من تموز"); a day
    named without a year ("23 كانون الأول" — news omits the current year only); the latest
    dated day. A "اليوم/أمس + weekday" in the text must agree with the chosen day when the
    text has one.
    """
    dated = [(date.fromisoformat(e.value), e) for e in exprs if e.value and _is_dated_day(e)]
    # Only days count: "منذ ديسمبر 2024" bounds the publication date but does not place it.
    reference = max((d for d, e in dated if e.parts.get("tense") != 1), default=None)
    if reference is None:
        return None
    floor = max((d for d, e in dated if e.parts.get("tense") == -1), default=None)
    today_weekdays = _today_weekdays(exprs)
    lead = settings.lead_chars
    tiers = (
        (
            "weekday-consistent date",
            _pinned_dates(exprs, reference, floor, settings) + _weekday_checked(dated),
        ),
        (
            "day named without a year in the lead",
            [p for p in _yearless_dates(exprs, reference) if p[1].start < lead],
        ),
        ("dated day in the lead", [(d, e) for d, e in dated if e.parts.get("tense") != 1 and e.start < lead]),
    )
    for why, candidates in tiers:
        if today_weekdays:
            candidates = [(d, e) for d, e in candidates if d.weekday() in today_weekdays]
        if candidates:
            when, expr = max(candidates, key=lambda p: p[0])
            return Published(when.isoformat(), "inferred", f"{why} «{expr.text}»")
    return None


def _today_weekdays(exprs: list[TimeExpr]) -> set[int]:
    """Weekdays the text gives for its own today ("اليوم الأحد", "أمس السبت" → Sunday)."""
    return {
        (e.parts["weekday"] - e.parts["shift"]) % 7
        for e in exprs
        if e.parts.get("form") == "relday" and e.parts.get("weekday") is not None
    }


def _weekday_checked(dated: list[tuple[date, TimeExpr]]) -> list[tuple[date, TimeExpr]]:
    return [(d, e) for d, e in dated if e.parts.get("weekday") == d.weekday() and e.parts.get("tense") != 1]


def _yearless_dates(exprs: list[TimeExpr], reference: date) -> list[tuple[date, TimeExpr]]:
    out = []
    for expr in exprs:
        if _is_yearless_day(expr) and expr.parts.get("tense") is None:
            d = safe_date(reference.year, expr.parts["month"], expr.parts["day"])
            if d is not None:
                out.append((d, expr))
    return out


def _is_dated_day(expr: TimeExpr) -> bool:
    """A value that names a day, or a span of a few days ("بين 23 و24 ديسمبر"), not a
    Hijri year or month given as a Gregorian interval."""
    if not expr.value or len(expr.value) != 10 or expr.granularity not in ("day", "interval"):
        return False
    if expr.value_end is None:
        return True
    return (date.fromisoformat(expr.value_end) - date.fromisoformat(expr.value)).days <= 7


def _is_yearless_day(expr: TimeExpr) -> bool:
    parts = expr.parts
    return (
        parts.get("form") == "date"
        and parts.get("calendar") == "gregorian"
        and "year" not in parts
        and "month" in parts
    )


def _pinned_dates(
    exprs: list[TimeExpr], reference: date, floor: date | None, settings: DateSettings
) -> list[tuple[date, TimeExpr]]:
    """Yearless day-month-weekday dates, each put in the weekday-consistent year nearest the
    reference and not before a date the text calls past ("كانون الأول الماضي 2024")."""
    pinned = []
    for expr in exprs:
        parts = expr.parts
        if not _is_yearless_day(expr) or parts.get("weekday") is None or parts.get("tense") == 1:
            continue  # an announced day ("الخميس 5 مارس المقبل") is not the news moment
        near = max(reference, floor) if floor else reference
        year = weekday_year(parts["month"], parts["day"], parts["weekday"], near, settings.weekday_radius)
        if year is not None:
            pinned.append((date(year, parts["month"], parts["day"]), expr))
    return pinned


# --------------------------------------------------------------------------- event hook


def reanchor(
    article: Article,
    event_date: date,
    event_end: date | None = None,
    settings: DateSettings | None = None,
) -> Article:
    """Resolve what the article left open against the event it reports.

    For clustering: an article with no usable anchor gets its weekdays placed in the days
    around the event (``event_date - window`` … ``event_end + window``, nearest the event),
    "اليوم الأربعاء" on that Wednesday, and its other relative expressions resolved against
    the publication date this implies. Articles anchored by metadata are returned unchanged.
    """
    settings = settings or DEFAULT_SETTINGS
    if article.published is None:  # never resolved: find and resolve its expressions first
        article = resolve_article(article, settings)
    published = article.published
    if published is not None and published.source in ("metadata", "text"):
        return article
    end = event_end or event_date
    exprs = [dataclasses.replace(e, parts=dict(e.parts)) for e in article.time_exprs]
    if _far_from_event(published, event_date, end, settings):
        # An inferred anchor that contradicts the event was a weak guess: the event wins.
        published = None
        for expr in exprs:
            if expr.anchor_source == "inferred":
                expr.value = expr.value_end = expr.anchor = None
                expr.anchor_source = "none"
    pub_guess: date | None = None
    for expr in exprs:
        if expr.value is None and _is_bare_weekday(expr):
            day = _weekday_near_event(expr.parts["weekday"], event_date, end, settings.event_window)
            expr.value, expr.granularity = day.isoformat(), "day"
            expr.anchor, expr.anchor_source = event_date.isoformat(), "event"
            if "shift" in expr.parts and pub_guess is None:
                pub_guess = day - timedelta(days=expr.parts["shift"])
    if published is None or published.date is None:
        detail = (
            "from «اليوم/أمس + weekday» matched to the event"
            if pub_guess
            else "assumed reported on the event's last day"
        )
        pub = pub_guess or end
        published = Published(pub.isoformat(), "event", detail)
    anchor = date.fromisoformat(published.date) if published and published.date else end
    for expr in exprs:
        if expr.value is None and not _is_bare_weekday(expr):
            resolve_expr(expr, anchor, "event")
    # a corpus-time hook, not a per-article stage: the caller decides whether to adopt the result
    return dataclasses.replace(article, time_exprs=exprs, published=published)


def _far_from_event(published: Published | None, start: date, end: date, settings: DateSettings) -> bool:
    if published is None or published.source != "inferred" or published.date is None:
        return False
    when = date.fromisoformat(published.date)
    slack = timedelta(days=settings.event_window + 28)
    return when < start - slack or when > end + slack


def _is_bare_weekday(expr: TimeExpr) -> bool:
    return expr.parts.get("weekday") is not None and expr.parts.get("form") in ("weekday", "relday")


def _weekday_near_event(weekday: int, start: date, end: date, window: int) -> date:
    best: tuple[int, date] | None = None
    day = start - timedelta(days=window)
    while day <= end + timedelta(days=window):
        if day.weekday() == weekday:
            distance = (start - day).days if day < start else max(0, (day - end).days)
            if best is None or distance < best[0]:
                best = (distance, day)
        day += timedelta(days=1)
    if best is None:  # the window is shorter than a week: fall back to the nearest such day
        back = (start.weekday() - weekday) % 7
        return start - timedelta(days=back) if back <= 3 else start + timedelta(days=7 - back)
    return best[1]
