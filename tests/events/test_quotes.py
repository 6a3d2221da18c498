"""Quotes of one article: shapes, spans that trace to the body, speakers through zero
subjects, titles and relays. The text is written for the test (not from the dev set)."""

from __future__ import annotations

import pytest

from marsad.model import Article, Document
from marsad.pipeline import Settings, process_document

TEXT = """قال وزير الخارجية الأردني أيمن الصفدي، خلال مؤتمر صحافي في عمّان، إن بلاده ترفض أي تهجير للفلسطينيين من أرضهم.

وأضاف أن الحل الوحيد هو إقامة الدولة الفلسطينية المستقلة، مشيراً إلى أن المفاوضات ستستأنف الشهر المقبل في القاهرة.

وقال الوزير: «نحن مستعدون للعمل مع جميع الأطراف من أجل سلام عادل».

ونقلت وكالة الأنباء الأردنية عن مصدر رسمي قوله إن الزيارة ستتم الأسبوع المقبل.

ويذكر أن الأردن استضاف قمة عربية في عام 2017.
"""


@pytest.fixture(scope="module")
def article() -> Article:
    a = process_document(Document("t1", TEXT, "t1.txt", "text"), Settings())
    assert isinstance(a, Article)
    return a


def test_every_quote_is_an_exact_slice_of_the_body(article):
    assert article.quotes
    for q in article.quotes:
        assert article.body[q.start : q.end] == q.text
        assert q.sentence >= 0


def test_indirect_clause_starts_at_the_complementizer_and_stops_before_the_next_report(article):
    texts = [q.text for q in article.quotes]
    assert "إن بلاده ترفض أي تهجير للفلسطينيين من أرضهم" in texts
    # «، مشيراً إلى أن» opens its own item; the first clause stops before it
    assert "أن الحل الوحيد هو إقامة الدولة الفلسطينية المستقلة" in texts
    assert "أن المفاوضات ستستأنف الشهر المقبل في القاهرة" in texts


def test_zero_subject_participle_and_title_reach_the_named_speaker(article):
    by_text = {q.text[:12]: q for q in article.quotes}
    first = by_text["إن بلاده ترف"]
    assert first.speaker == "أيمن الصفدي" and first.speaker_kind == "person"
    assert first.resolved_via == "explicit"
    assert by_text["أن الحل الوح"].speaker == "أيمن الصفدي"
    assert by_text["أن الحل الوح"].resolved_via == "zero"
    assert by_text["أن المفاوضات"].speaker == "أيمن الصفدي"
    direct = by_text["نحن مستعدون "]
    assert direct.kind == "direct" and direct.speaker == "أيمن الصفدي" and direct.resolved_via == "title"
    assert direct.speaker_text == "الوزير"


def test_relayed_speech_goes_to_the_source_and_keeps_the_relay(article):
    q = next(q for q in article.quotes if q.text.startswith("إن الزيارة"))
    assert q.speaker_kind == "anonymous"
    assert q.speaker == "مصدر رسمي"
    assert q.relay == "وكالة الأنباء الأردنية"


def test_the_journalists_own_formula_is_not_a_quote(article):
    assert not any("الأردن استضاف" in q.text for q in article.quotes)


def test_an_article_without_speech_has_no_quotes():
    a = process_document(
        Document("t2", "ارتفعت درجات الحرارة في عمّان اليوم إلى أربعين درجة.", "t2.txt", "text"), Settings()
    )
    assert isinstance(a, Article)
    assert a.quotes == []
