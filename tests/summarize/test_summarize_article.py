from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from summarize_fixtures import BOX, FLOOD, article_of

from marsad.arabic import normalize
from marsad.summarize import SummarySettings, SummarySettingsError, summarize_article
from marsad.summarize.candidates import sentence_features
from marsad.summarize.plain_text import article_from_text


def _points_resolve(summary, article) -> None:
    for point in summary.key_points:
        assert point.sources, point
        own: set[str] = set()
        for ref in point.sources:
            assert ref.article_id == article.id
            sentence = article.sentences[ref.sentence]
            # A (possibly compressed) point says nothing its sentences do not (its own, and the
            # one naming the speaker of a pronoun subject when that was folded in).
            # ("ودعت" printed as "دعت": the conjunction dropped, so its stem is the unprefixed word's)
            own |= set(sentence_features(sentence.text)[1])
            own |= set(sentence_features(re.sub(r"(^|\s)[وف]", r"\1", sentence.text))[1])
        assert set(sentence_features(point.text)[1]) <= own


def test_summary_draws_on_body_prose_only_and_cites_sentences():
    article = article_of(FLOOD, title="فيضان يغرق أحياء البصرة", embedded_summary=BOX)
    summary = summarize_article(article)
    assert summary.target == article.id
    assert 3 <= len(summary.key_points) <= 5
    _points_resolve(summary, article)
    cited = {r.sentence for p in summary.key_points for r in p.sources}
    bad = {"خطة طوارئ عاجلة", "صورة لمنازل غارقة", "لم نر فيضانا", "شارك المقال"}
    for sid in cited:
        assert not article.sentences[sid].is_heading
        assert not any(b in article.sentences[sid].text for b in bad)
    for b in bad:
        assert b not in summary.text
    assert normalize(BOX.summary) not in normalize(summary.text)
    # The lead states the news: it must be in the summary.
    assert "إجلاء ألفي عائلة" in summary.text


def test_summary_and_points_follow_article_order():
    article = article_of(FLOOD)
    summary = summarize_article(article)
    starts = [article.sentences[p.sources[0].sentence].start for p in summary.key_points]
    assert starts == sorted(starts)
    positions = [summary.text.find(article.sentences[i].text) for i in range(len(article.sentences))]
    in_summary = [p for p in positions if p >= 0]
    assert in_summary == sorted(in_summary) and 1 <= len(in_summary) <= 3


def test_number_of_key_points_is_configurable():
    article = article_of(FLOOD)
    assert len(summarize_article(article, SummarySettings(key_points=3, min_key_points=1)).key_points) <= 3
    assert len(summarize_article(article, SummarySettings(key_points=5)).key_points) >= 3
    assert len(summarize_article(article, SummarySettings(key_points=1)).key_points) == 1


def test_repeated_fact_is_not_picked_twice():
    lead = "أعلنت وزارة الصحة تسجيل خمسين إصابة جديدة بالكوليرا في محافظة الحديدة خلال الأسبوع الماضي."
    blocks = [
        ("paragraph", lead),
        (
            "paragraph",
            "وأعلنت وزارة الصحة تسجيل خمسين إصابة جديدة بالكوليرا في محافظة الحديدة خلال الأسبوع الماضي وحده.",
        ),
        (
            "paragraph",
            "وناشدت الوزارة المنظمات الدولية إرسال شحنات عاجلة من الأدوية والمحاليل الوريدية إلى المستشفيات.",
        ),
        (
            "paragraph",
            "وتعاني المستشفيات في المحافظة من نقص حاد في الكوادر الطبية والوقود اللازم لتشغيل المولدات.",
        ),
    ]
    summary = summarize_article(article_of(blocks))
    texts = [p.text for p in summary.key_points]
    told = sum("خمسين إصابة" in t for t in texts) + summary.text.count("خمسين إصابة")
    assert told == 1  # in the summary or in one point, never twice


def test_article_without_prose_gets_an_empty_summary():
    article = article_of([("heading", "عنوان فرعي فقط"), ("paragraph", "Advertisement")])
    summary = summarize_article(article)
    assert summary.text == "" and summary.key_points == []


def test_short_article_still_summarised():
    article = article_of([("paragraph", "استقال رئيس الوزراء اليوم.")])
    summary = summarize_article(article)
    assert summary.text == "استقال رئيس الوزراء اليوم."


@pytest.mark.parametrize("field,value", [("key_points", 0), ("mmr_lambda", 1.5), ("position_decay", 0)])
def test_settings_out_of_range_are_refused(field, value):
    with pytest.raises(SummarySettingsError, match=field):
        SummarySettings(**{field: value})


_WORDS = (
    "أعلن الوزير اليوم أن الحكومة ستفتح ثلاثة مستشفيات جديدة في المدن الشمالية بعد الفيضانات والسيول".split()
)


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.lists(st.sampled_from(_WORDS), min_size=1, max_size=18),
            st.sampled_from([".", "", ":", "؟", "\n"]),
        ),
        min_size=1,
        max_size=15,
    ),
    st.integers(1, 6),
)
def test_any_text_gives_points_that_resolve_to_its_sentences(parts, n_points):
    text = " ".join(" ".join(words) + end for words, end in parts)
    article = article_from_text(text, "h1")
    summary = summarize_article(article, SummarySettings(key_points=n_points))
    assert len(summary.key_points) <= n_points
    for point in summary.key_points:
        (ref,) = point.sources
        sentence = article.sentences[ref.sentence]
        assert not sentence.is_heading and sentence.text == article.body[sentence.start : sentence.end]
    if summary.text:
        assert summary.key_points
