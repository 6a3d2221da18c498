"""Property tests: digit sets and month systems are interchangeable; resolution is pure."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from marsad.dates import find_time_exprs, resolve_article
from marsad.model import Article

ARABIC_INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
SYSTEMS = {
    1: ("كانون الثاني", "يناير", "جانفي"),
    2: ("شباط", "فبراير", "فيفري"),
    3: ("آذار", "مارس", "مارس"),
    4: ("نيسان", "أبريل", "أفريل"),
    5: ("أيار", "مايو", "ماي"),
    6: ("حزيران", "يونيو", "جوان"),
    7: ("تموز", "يوليو", "جويلية"),
    8: ("آب", "أغسطس", "أوت"),
    9: ("أيلول", "سبتمبر", "سبتمبر"),
    10: ("تشرين الأول", "أكتوبر", "أكتوبر"),
    11: ("تشرين الثاني", "نوفمبر", "نوفمبر"),
    12: ("كانون الأول", "ديسمبر", "ديسمبر"),
}
days = st.dates(min_value=date(1950, 1, 1), max_value=date(2049, 12, 31))


def only_value(text: str) -> str | None:
    exprs = find_time_exprs(text)
    assert len(exprs) == 1, [e.text for e in exprs]
    return exprs[0].value


@settings(max_examples=60, deadline=None)
@given(day=days, system=st.integers(0, 2))
def test_digit_sets_give_the_same_value(day: date, system: int) -> None:
    month = SYSTEMS[day.month][system]
    ascii_text = f"وقعت الاتفاقية في {day.day} {month} {day.year} في العاصمة."
    assert only_value(ascii_text) == only_value(ascii_text.translate(ARABIC_INDIC)) == day.isoformat()


@settings(max_examples=60, deadline=None)
@given(day=days)
def test_month_systems_give_the_same_value(day: date) -> None:
    found = {
        only_value(f"أعلنت الحكومة في {day.day} من {name} {day.year} القرار.") for name in SYSTEMS[day.month]
    }
    assert found == {day.isoformat()}


@settings(max_examples=40, deadline=None)
@given(anchor=days, offset=st.integers(-3, 3))
def test_resolution_is_deterministic(anchor: date, offset: int) -> None:
    weekday = ("الاثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت", "الأحد")[
        (anchor + timedelta(days=offset)).weekday()
    ]
    body = f"قال المتحدث أمس إن الاجتماع عقد {weekday} الماضي، وإن القمة في تموز المقبل والعام الماضي."

    def run() -> list[tuple[str, str | None]]:
        art = Article(
            id="p", origin="p", outlet=None, url=None, title=None, body=body, published_raw=anchor.isoformat()
        )
        return [(e.text, e.value) for e in resolve_article(art).time_exprs]

    first = run()
    assert first == run()
    values = dict(first)
    assert values["أمس"] == (anchor - timedelta(days=1)).isoformat()
    past = date.fromisoformat(values[f"{weekday} الماضي"])
    assert (
        past < anchor
        and (anchor - past).days <= 7
        and past.weekday() == (anchor + timedelta(days=offset)).weekday()
    )


ALPHABET = "ابتثجحخدذرزسشصضطظعغفقكلمنهويءأإآةى ًٌٍَُِّْـ٠١٢٣٤٥٦٧٨٩0123456789/()-.،\n"
WORDS = [
    "في",
    "من",
    "اليوم",
    "أمس",
    "الخميس",
    "تموز",
    "ديسمبر",
    "عام",
    "2025",
    "١٥",
    "الماضي",
    "المقبل",
    "هـ",
    "رمضان",
    "/",
]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(WORDS), st.text(ALPHABET, max_size=8)), max_size=30))
def test_scanner_never_crashes_and_spans_point_into_the_text(words: list[str]) -> None:
    text = " ".join(words)
    previous_end = 0
    for expr in find_time_exprs(text):
        assert 0 <= expr.start < expr.end <= len(text)
        assert text[expr.start : expr.end] == expr.text
        assert expr.start >= previous_end  # no overlaps, in order
        previous_end = expr.end
