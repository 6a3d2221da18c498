"""Speakers of quotes in a real SaudiNewsNet article (Asharq al-Awsat, 31 July 2015; not in the
quotes development set): a full name written once and then by its tail («ولد الشيخ أحمد»), and
a title phrase holding «العام» before the name («الأمين العام للجامعة نبيل العربي»)."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from marsad.model import Article, Document
from marsad.pipeline import Settings, process_document

DAY = (
    Path(__file__).resolve().parents[2]
    / ".."
    / "shared"
    / "corpus"
    / "saudinewsnet"
    / "dataset"
    / "2015-07-31.zip"
)
URL_PART = "aawsat.com/home/article/419036/"


@pytest.fixture(scope="module")
def article() -> Article:
    if not DAY.is_file():
        pytest.skip("SaudiNewsNet corpus not present")
    with zipfile.ZipFile(DAY) as zf:
        records = [r for name in zf.namelist() for r in json.loads(zf.read(name))]
    rec = next(r for r in records if URL_PART in r.get("url", ""))
    doc = Document("aawsat-419036", rec["content"], "2015-07-31.zip", "saudinewsnet", title=rec.get("title"))
    a = process_document(doc, Settings())
    assert isinstance(a, Article)
    return a


def _speaker_of(article: Article, opening: str) -> str | None:
    found = [q for q in article.quotes if q.text.startswith(opening)]
    assert found, f"no quote opens with {opening!r}: {[q.text[:30] for q in article.quotes]}"
    return found[0].speaker


def test_a_name_written_by_its_tail_is_the_full_name(article):
    # «إسماعيل ولد الشيخ أحمد» first, then «قال ولد الشيخ أحمد إنه …»: the tagger keeps only
    # «أحمد» there, and the canonical was «الشيخ أحمد» (a title and a given name)
    assert _speaker_of(article, "إنه بعد اجتماع جنيف") == "إسماعيل ولد الشيخ أحمد"
    tails = {m.canonical for m in article.mentions if m.label == "PERSON" and m.text == "أحمد"}
    assert tails <= {"إسماعيل ولد الشيخ أحمد"}


def test_general_after_a_title_belongs_to_the_title(article):
    # «قال الأمين العام للجامعة نبيل العربي «إنه …»: «العام» is no time word here
    assert _speaker_of(article, "إنه لا بد أن يكون") == "نبيل العربي"
