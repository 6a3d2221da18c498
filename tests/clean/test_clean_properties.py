"""Properties of the cleaner on pages assembled from prose and boilerplate at random."""

from __future__ import annotations

from clean_invariants import assert_consistent
from hypothesis import given, settings
from hypothesis import strategies as st

from marsad.arabic import normalize
from marsad.clean import CleanError, clean_document
from marsad.clean.lexicon import EDGE_PUNCTUATION, match_key
from marsad.model import Document

PROSE = [
    "أعلنت الهيئة العامة للإحصاء اليوم ارتفاع معدل التضخم السنوي إلى ثلاثة في المئة خلال الربع الثاني من العام.",
    "وقال رئيس الهيئة في مؤتمر صحفي إن ارتفاع أسعار السكن والنقل كان العامل الأبرز وراء هذه الزيادة.",
    "وتوقع محللون أن يتباطأ التضخم في الأشهر المقبلة مع استقرار أسعار الطاقة عالميا وتراجع تكاليف الشحن.",
    "تحديات أمام الاقتصاد المحلي",
    "– خطط حكومية جديدة",
]
NOISE = [
    "Advertisement",
    "التعليقات",
    "اترك ردك",
    "news-details",
    "تابعونا على تويتر",
    "(رويترز)",
    "12:30 م",
    "الرياض - واس",
    "ملخص المقال",
    "  • نقطة أساسية من الملخص",
    "قصص قد تهمك",
]
CONTROLS = ["", "\u200f", "\u200e", "\xa0", "\u202b"]


@st.composite
def pages(draw: st.DrawFn) -> str:
    lines = draw(st.lists(st.sampled_from(PROSE + NOISE), min_size=1, max_size=14))
    marks = draw(st.lists(st.sampled_from(CONTROLS), min_size=len(lines), max_size=len(lines)))
    breaks = draw(st.sampled_from(["\n", "\r\n", "\n\n", "\r", " "]))  # " ": a one-line body
    return breaks.join(f"{m}{line}{m}" for m, line in zip(marks, lines, strict=True))


@settings(max_examples=150, deadline=None)
@given(pages())
def test_every_character_is_kept_or_removed_with_a_reason(text: str) -> None:
    doc = Document(doc_id="p", text=text, origin="p", format="text")
    try:
        article = clean_document(doc)
    except CleanError as err:
        assert err.reason
        return
    assert_consistent(doc, article)
    for line in ("Advertisement", "التعليقات", "اترك ردك", "news-details"):
        if "\n" in text or "\r" in text:
            assert line not in article.body


ARABIC_TEXT = st.text(
    alphabet=st.sampled_from(
        list("ابتثجحخدذرزسشصضطظعغفقكلمنهوي")
        + list("أإآٱىئؤةءـ")
        + list("ًٌٍَُِّْٰ")
        + list("٠١٢٣٤٥٦٧٨٩0123456789")
        + [" ", "\u200f", "\u200e", "\u202b", "\u202c", "\xa0", "\ufeff", "AI"[0], "i"]
    ),
    max_size=40,
)


@given(ARABIC_TEXT)
def test_line_keys_fold_like_the_arabic_layer(text: str) -> None:
    # The cleaner's one-table folding must agree with marsad.arabic.normalize, so that
    # lexicon entries match what the rest of Marsad calls the same word.
    assert match_key(text) == normalize(text).lower().strip(EDGE_PUNCTUATION)


@settings(max_examples=200, deadline=None)
@given(
    st.text(max_size=200),
    st.one_of(st.none(), st.text(max_size=20)),
    st.one_of(st.none(), st.text(max_size=12)),
)
def test_any_text_cleans_or_raises_clean_error(text: str, title: str | None, author: str | None) -> None:
    doc = Document(doc_id="f", text=text, origin="f", format="text", title=title, author=author)
    try:
        article = clean_document(doc)
    except CleanError:
        return
    assert_consistent(doc, article)
