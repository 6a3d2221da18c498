"""Who met whom on the five sample articles: every gold event's participants appear in the
meeting records of the articles that report it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from marsad.arabic import normalize
from marsad.ingest import read_sources
from marsad.model import Article, Document
from marsad.pipeline import Settings, process_document

SEEDS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus" / "seeds"
pytestmark = pytest.mark.skipif(not (SEEDS / "gold.json").exists(), reason="sample corpus not present")


def _surname(name: str) -> str:
    return normalize(name).split()[-1]


@pytest.fixture(scope="module")
def articles() -> dict[str, Article]:
    out = {}
    for d in read_sources([SEEDS]):
        if isinstance(d, Document):
            a = process_document(d, Settings())
            assert isinstance(a, Article)
            out[Path(d.origin).stem] = a
    return out


@pytest.mark.parametrize("event", ["E1", "E2", "E3"])
def test_gold_participants_are_in_the_meeting_records_of_their_event(articles, event):
    gold = next(
        e for e in json.loads((SEEDS / "gold.json").read_text(encoding="utf-8"))["events"] if e["id"] == event
    )
    found = {
        _surname(p.name)
        for art in gold["reported_by"]
        for m in articles[art].meetings
        for p in m.participants
    }
    missing = {p for p in gold["participants"] if _surname(p) not in found}
    assert not missing, f"{event}: {missing} not among {found}"


def test_meeting_records_carry_predicate_sentence_and_place(articles):
    meetings = [m for a in articles.values() for m in a.meetings]
    assert meetings
    for a in articles.values():
        for m in a.meetings:
            assert a.body[m.start : m.end] == m.text
            assert m.predicate in m.text
            assert len(m.participants) >= 1
    assert any(m.place and "موسكو" in m.place for m in meetings)


def test_dual_office_names_both_ministers(articles):
    # «استقبل الرئيس الروسي … وزيرَي الخارجية والدفاع السوريين»
    recs = [m for m in articles["001_e866f567f2cfb250"].meetings if m.kind == "reception"]
    assert recs
    names = {_surname(p.name) for p in recs[0].participants}
    assert {_surname("أسعد الشيباني"), _surname("مرهف أبو قصرة")} <= names
