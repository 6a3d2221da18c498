"""Temporal expressions in Arabic news: find them, then put them on the calendar.

All month systems (Levantine "تموز", Egyptian "يوليو", Maghrebi "جويلية", Hijri "رمضان"),
both digit sets, weekdays, "اليوم/أمس/غدا", "الماضي/المقبل", ranges, early/mid/late month,
clock times. Resolution is against the publication date, inferred from the text when the
source gives none, or against the reported event through :func:`reanchor`.

    from marsad.dates import find_time_exprs, resolve_article, reanchor, DateSettings
"""

from marsad.dates.anchor import (
    DateSettings,
    infer_published,
    parse_published,
    reanchor,
    resolve_article,
    resolve_expr,
)
from marsad.dates.scan import find_time_exprs
from marsad.dates.values import evaluate

__all__ = [
    "DateSettings",
    "evaluate",
    "find_time_exprs",
    "infer_published",
    "parse_published",
    "reanchor",
    "resolve_article",
    "resolve_expr",
]
