import pytest

from marsad.model import Article, Entity, Event, Published, Rejected, RoleStatement, Story
from marsad.store import StoreError, open_store


def article(id, title, body, outlet="sana", date="2025-07-31"):
    return Article(id=id, origin=f"{id}.txt", outlet=outlet, url=None, title=title, body=body,
                   published=Published(date, "metadata"))


@pytest.fixture
def store(tmp_path):
    s = open_store(tmp_path / "m.db")
    s.add_articles([
        article("a1", "الشَّيباني في موسكو", "التقى وزير الخارجية أسعد الشَّيباني بالرئيس الروسي."),
        article("a2", "قمة اقتصادية", "ناقش المجتمعون أسعار النفط والاستثمار في الرياض.", outlet="was", date="2015-08-01"),
        article("a3", "لقاء", "وأكد والشيباني على التعاون مع روسيا.", outlet="alriyadh", date="2025-12-24"),
    ])
    yield s
    s.close()


def ids(page):
    return sorted(h.article_id for h in page.items)


def test_search_ignores_diacritics_hamza_and_clitics(store):
    assert ids(store.search("الشيباني")) == ["a1", "a3"]
    assert ids(store.search("اسعد")) == ["a1"]
    assert ids(store.search("أسعد الشيباني")) == ["a1"]
    assert ids(store.search("الرياض")) == ["a2"]


def test_search_filters_by_outlet_and_date(store):
    assert ids(store.search("الشيباني", outlet="alriyadh")) == ["a3"]
    assert ids(store.search("الشيباني", date_from="2025-08-01")) == ["a3"]
    assert ids(store.search("الشيباني", date_to="2025-07-31")) == ["a1"]


def test_snippet_shows_the_original_spelling(store):
    (hit,) = store.search("اسعد").items
    assert "أسعد الشَّيباني" in hit.snippet


def test_reingesting_adds_nothing(store):
    assert store.add_articles([article("a1", "x", "y")]) == 0
    assert store.article_count() == 3
    assert store.get_article("a1").title == "الشَّيباني في موسكو"


def test_corpus_results_round_trip(store):
    ent = Entity("P-1", "PERSON", "أسعد الشيباني", ["الشيباني"], [RoleStatement("وزير الخارجية السوري", "2025-07-31", "a1")], ["a1", "a3"], 2)
    ev = Event("E-1", "زيارة", ["a1", "a3"], ["sana", "alriyadh"], "2025-07-31", story_id="S-1")
    st = Story("S-1", "العلاقات", ["E-1"], "2025-07-31", "2025-12-24")
    arts = [store.get_article("a1")]
    arts[0].event_id = "E-1"
    store.replace_corpus(entities=[ent], events=[ev], stories=[st], duplicates=[], articles=arts)
    assert store.get_entity("P-1").roles[0].role == "وزير الخارجية السوري"
    assert store.get_event("E-1").outlets == ["sana", "alriyadh"]
    assert store.list_stories().items[0].events == ["E-1"]
    assert store.get_article("a1").event_id == "E-1"
    assert ids(store.search("الشيباني", entity="P-1")) == ["a1", "a3"]


def test_rejected_inputs_are_kept(store):
    store.add_rejected([Rejected("bad.txt", "binary", "binary data, not text")])
    assert store.rejected() == [Rejected("bad.txt", "binary", "binary data, not text", "")]


def test_missing_store_opened_read_only_is_a_clear_error(tmp_path):
    with pytest.raises(StoreError, match="no such store"):
        open_store(tmp_path / "none.db", read_only=True)


def test_a_file_that_is_not_a_database_is_a_clear_error(tmp_path):
    path = tmp_path / "not.db"
    path.write_text("hello, this is text")
    with pytest.raises(StoreError, match="not a Marsad store"):
        open_store(path)
