"""The day a report tells of is not the day of the next leg it announces (future clauses)."""

from __future__ import annotations

from datetime import date

from marsad.cluster.features import extract_features
from marsad.cluster.settings import ClusterSettings
from marsad.dates import find_time_exprs, resolve_article
from marsad.model import Article


def _clauses(text: str) -> dict[str, str | None]:
    return {e.text: e.parts.get("clause") for e in find_time_exprs(text)}


def test_dates_in_future_clauses_are_marked_and_past_ones_are_not() -> None:
    assert _clauses("جولة إقليمية يستكملها الاثنين في الدوحة التي وصلها مساء الأحد.") == {
        "الاثنين": "future",
        "مساء الأحد": None,
    }
    assert _clauses("ومن المقرر أن يعقد الوزراء اجتماعهم الخميس المقبل")["الخميس المقبل"] == "future"
    assert _clauses("ويلتقي كيري في العاصمة القطرية الاثنين نظراءه")["الاثنين"] == "future"
    # what happened: a past verb, «أمس», a past progressive, «يذكر أن …»
    assert _clauses("عقد الوزراء اجتماعهم يوم الاثنين") == {"يوم الاثنين": None}
    assert _clauses("ويلتقي الوزير أمس نظيره") == {"أمس": None}
    assert _clauses("كانوا يكافحون النار الأحد") == {"الأحد": None}
    assert _clauses("يذكر أن الاجتماع عقد الاثنين") == {"الاثنين": None}


def test_a_report_is_dated_by_what_happened_not_by_the_next_leg_it_announces() -> None:
    body = (
        "اختتم وزير الخارجية الأميركي في القاهرة حوارا استراتيجيا مع مصر، المحطة الأولى من جولة"
        " إقليمية يستكملها الاثنين في الدوحة التي وصلها مساء الأحد.\n"
        "وأشاد الوزير بالاتفاق النووي مع إيران في مؤتمر صحافي مع نظيره المصري."
    )
    article = Article(
        id="a1", origin="t", outlet="x", url=None, title="كيري يشيد في القاهرة", body=body,
        published_raw="2015-08-03",
    )  # fmt: skip
    resolve_article(article)
    f = extract_features(article, ClusterSettings())
    # «الاثنين» is 3 Aug, the publication day: it would pass for the report's own day
    assert (f.main_date, f.date_from_text) == (date(2015, 8, 2), True)
