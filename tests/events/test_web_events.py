"""Quotes and meetings in the product, on the five sample articles: the event page shows who
said what (by speaker, with outlet and sentence link) and who met whom, the entity page what
the person said and whom they met, the API serves both and filters quotes by speaker."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from marsad.pipeline import Settings, ingest, update_corpus
from marsad.store import open_store
from marsad.web import create_app

SEEDS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus" / "seeds"
pytestmark = pytest.mark.skipif(not SEEDS.exists(), reason="sample corpus not present")


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    db = tmp_path_factory.mktemp("events") / "seeds.db"
    settings = Settings(store=db, workers=1)
    ingest([SEEDS], settings)
    update_corpus(settings)
    store = open_store(db, read_only=True)
    try:
        lavrov = next(e for e in store.list_entities(label="PERSON", limit=500).items if "لافروف" in e.name)
        art = next(a for a in store.iter_articles() if a.origin.endswith("001_e866f567f2cfb250.txt"))
    finally:
        store.close()
    with TestClient(create_app(db)) as client:
        yield client, lavrov.id, art.event_id


def test_event_page_shows_who_said_what_and_who_met_whom(site):
    client, lavrov, event_id = site
    html = client.get(f"/events/{event_id}").text
    assert "من قال ماذا" in html and "من التقى مَن" in html
    assert "لافروف" in html and "روسيا ملتزمة بسيادة سوريا" in html
    assert f'href="/entities/{lavrov}"' in html  # the speaker links to his entity page
    assert "/articles/" in html and "#s" in html  # each quote links to its sentence
    assert "أبو قصرة" in html  # the dual «وزيرَي الخارجية والدفاع» names both ministers
    en = client.get(f"/events/{event_id}?lang=en").text
    assert "Who said what" in en


def test_entity_page_shows_what_the_person_said_and_whom_they_met(site):
    client, lavrov, _ = site
    html = client.get(f"/entities/{lavrov}?lang=ar").text
    assert "ما قاله" in html and "التقى" in html
    assert "الشيباني" in html


def test_api_serves_quotes_and_filters_them_by_speaker(site):
    client, lavrov, event_id = site
    by_name = client.get("/api/quotes", params={"speaker": "لافروف"}).json()
    assert by_name["total"] >= 2
    assert all("لافروف" in q["speaker"] for q in by_name["items"])
    by_id = client.get("/api/quotes", params={"entity": lavrov}).json()
    assert by_id["total"] >= 1 and all(q["speaker_entity_id"] == lavrov for q in by_id["items"])
    assert client.get("/api/quotes", params={"speaker": "لا أحد بهذا الاسم"}).json()["total"] == 0
    speakers = client.get(f"/api/events/{event_id}/quotes").json()["speakers"]
    assert speakers and all(q["sources"] for g in speakers for q in g["quotes"])
    meetings = client.get(f"/api/events/{event_id}/meetings").json()["meetings"]
    names = {p["name"] for m in meetings for p in m["participants"]}
    assert any("الشيباني" in n for n in names) and any("بوتين" in n for n in names)
    met = client.get(f"/api/entities/{lavrov}/meetings").json()
    assert any("الشيباني" in p["name"] for p in met["met_with"])
