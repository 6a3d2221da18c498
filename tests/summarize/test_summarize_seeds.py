"""Acceptance on the sample corpus: every article and event gets a summary with key points,
no noise/caption/heading line, and every point resolves to a real body sentence."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from marsad.arabic import normalize
from marsad.model import Event, Story
from marsad.summarize import summarize_article, summarize_event, summarize_story
from marsad.summarize.plain_text import article_from_text

SEEDS = Path(__file__).resolve().parents[2] / ".." / "shared" / "corpus" / "seeds"
pytestmark = pytest.mark.skipif(not (SEEDS / "gold.json").exists(), reason="sample corpus not present")


@pytest.fixture(scope="module")
def gold():
    return json.loads((SEEDS / "gold.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def articles(gold):
    out = {}
    for aid in gold["articles"]:
        out[aid] = article_from_text(
            (SEEDS / f"{aid}.txt").read_text(encoding="utf-8"), aid, outlet=aid, use_clean=True
        )
    return out


def _assert_clean_points(summary, articles, gold):
    assert summary.text and summary.key_points
    for point in summary.key_points:
        for ref in point.sources:
            article = articles[ref.article_id]
            sentence = article.sentences[ref.sentence]
            assert not sentence.is_heading
            annotated = gold["articles"][ref.article_id]
            not_prose = annotated.get("noise_lines", []) + annotated.get("headings", [])
            assert normalize(sentence.text) not in {normalize(line) for line in not_prose}
            assert sentence.text == article.body[sentence.start : sentence.end]
        for line in gold["articles"][point.sources[0].article_id].get("headings", []):
            assert normalize(point.text) != normalize(line)


def test_every_seed_article_has_a_clean_summary(articles, gold):
    for article in articles.values():
        summary = summarize_article(article)
        _assert_clean_points(summary, articles, gold)
        box = article.embedded_summary
        if box is not None:
            assert normalize(box.summary) not in normalize(summary.text)


def test_every_seed_event_and_the_story_are_summarised(articles, gold):
    events = {}
    for e in gold["events"]:
        event = Event(id=e["id"], label=e["label"], articles=e["reported_by"], date=e["date"])
        event.summary = summarize_event(event, articles)
        _assert_clean_points(event.summary, articles, gold)
        events[event.id] = event
    story = Story(id="s", label=gold["story"]["label"], events=list(events))
    timeline = summarize_story(story, events)
    assert len(timeline.key_points) == len(events)
