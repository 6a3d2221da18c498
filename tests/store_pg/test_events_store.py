"""Quotes and meetings in the store, on both backends: indexed by speaker and participant."""

import pytest
from pg_server import start_server

from marsad.model import Article, Meeting, Participant, Published, Quote
from marsad.store import open_store


@pytest.fixture(scope="module")
def pg_server():
    yield from start_server()


@pytest.fixture(params=["sqlite", "postgresql"])
def location(request, tmp_path):
    if request.param == "sqlite":
        return tmp_path / "m.db"
    return request.getfixturevalue("pg_server").new_database()


def _article() -> Article:
    body = "وقال الشيباني إن العلاقات تدخل عهداً جديداً. واستقبل بوتين الشيباني في الكرملين."
    q_text = "إن العلاقات تدخل عهداً جديداً"
    qs = body.index(q_text)
    return Article(
        id="a1",
        origin="a1.txt",
        outlet="sana",
        url=None,
        title="t",
        body=body,
        published=Published("2025-07-31", "metadata"),
        event_id="E-1",
        quotes=[
            Quote(
                0,
                "indirect",
                q_text,
                qs,
                qs + len(q_text),
                0,
                "قال",
                "أسعد الشيباني",
                "الشيباني",
                "person",
                speaker_entity_id="P-1",
            )
        ],
        meetings=[
            Meeting(
                0,
                "reception",
                "استقبل",
                1,
                body[46:],
                46,
                len(body),
                [Participant("فلاديمير بوتين", -1, "P-2"), Participant("أسعد الشيباني", -1, "P-1")],
                place="الكرملين",
                date="2025-07-31",
            )
        ],
    )


def test_quotes_and_meetings_are_indexed_by_speaker_and_participant(location):
    store = open_store(location)
    try:
        a = _article()
        store.add_articles([a])
        store.replace_corpus(entities=[], events=[], stories=[], duplicates=[], articles=[a])
        page = store.quotes(entity="P-1")
        assert page.total == 1
        q = page.items[0]
        assert (
            q["text"] == "إن العلاقات تدخل عهداً جديداً" and q["article_id"] == "a1" and q["outlet"] == "sana"
        )
        # the speaker filter ignores hamza and alef spelling
        assert store.quotes(speaker="اسعد الشيباني").total == 1
        assert store.quotes(speaker="لافروف").total == 0
        assert store.quotes(event="E-1").total == 1
        assert store.met_with("P-1") == [("P-2", "فلاديمير بوتين", 1, "2025-07-31")]
        met = store.meetings_of("P-2")
        assert [m["predicate"] for m in met] == ["استقبل"]
        # stored articles keep their quotes and meetings
        back = store.get_article("a1")
        assert back is not None and back.quotes[0].speaker == "أسعد الشيباني"
        assert back.meetings[0].participants[1].entity_id == "P-1"
        # a second corpus run replaces, it does not add
        store.replace_corpus(entities=[], events=[], stories=[], duplicates=[], articles=[a])
        assert store.quotes().total == 1
    finally:
        store.close()
