"""The store's behaviour, checked on both backends: SQLite (embedded) and PostgreSQL (shared).

The PostgreSQL cases run against a throwaway server (see pg_server.py) and skip without one.
"""

import sys

import pytest
from pg_server import start_server

from marsad.model import Article, DuplicateGroup, Entity, Event, Published, Rejected, RoleStatement, Story
from marsad.store import SearchQuery, StoreError, open_store, store_location
from marsad.store.postgres import redact, to_postgres


@pytest.fixture(scope="session")
def pg_server():
    yield from start_server()


@pytest.fixture(params=["sqlite", "postgresql"])
def location(request, tmp_path):
    if request.param == "sqlite":
        return tmp_path / "m.db"
    return request.getfixturevalue("pg_server").new_database()


def article(id, title, body, outlet="sana", date="2025-07-31"):
    return Article(
        id=id,
        origin=f"{id}.txt",
        outlet=outlet,
        url=None,
        title=title,
        body=body,
        published=Published(date, "metadata") if date else None,
    )


@pytest.fixture
def store(location):
    s = open_store(location)
    s.add_articles(
        [
            article("a1", "الشَّيباني في موسكو", "التقى وزير الخارجية أسعد الشَّيباني بالرئيس الروسي."),
            article(
                "a2",
                "قمة اقتصادية",
                "ناقش المجتمعون أسعار النفط والاستثمار في الرياض.",
                outlet="was",
                date="2015-08-01",
            ),
            article(
                "a3", "لقاء", "وأكد والشيباني على التعاون مع روسيا.", outlet="alriyadh", date="2025-12-24"
            ),
        ]
    )
    yield s
    s.close()


def ids(page):
    return sorted(h.article_id for h in page.items)


def add_corpus(store):
    ent = Entity(
        "P-1",
        "PERSON",
        "أسعد الشيباني",
        ["الشيباني"],
        [RoleStatement("وزير الخارجية السوري", "2025-07-31", "a1")],
        ["a1", "a3"],
        2,
    )
    place = Entity("G-1", "GPE", "موسكو", [], [], ["a1"], 1)
    ev = Event("E-1", "زيارة", ["a1", "a3"], ["sana", "alriyadh"], "2025-07-31", story_id="S-1")
    st = Story("S-1", "العلاقات", ["E-1"], "2025-07-31", "2025-12-24")
    arts = [store.get_article("a1"), store.get_article("a3")]
    arts[0].event_id = "E-1"
    arts[1].duplicate_of = "a1"
    store.replace_corpus(
        entities=[ent, place],
        events=[ev],
        stories=[st],
        duplicates=[DuplicateGroup("a1", ["a3"])],
        articles=arts,
    )


# ---------------------------------------------------------------- shared behaviour (both backends)


def test_search_ignores_diacritics_hamza_and_clitics(store):
    assert ids(store.search("الشيباني")) == ["a1", "a3"]
    assert ids(store.search("اسعد")) == ["a1"]
    assert ids(store.search("أسعد الشيباني")) == ["a1"]
    assert ids(store.search("الرياض")) == ["a2"]
    assert store.search("الشيباني").total == 2


def test_search_ranks_a_title_match_first_and_pages(store):
    page = store.search(SearchQuery("الشيباني", limit=1))
    assert [h.article_id for h in page.items] == ["a1"] and page.total == 2
    assert [h.article_id for h in store.search(SearchQuery("الشيباني", offset=1, limit=1)).items] == ["a3"]
    past_the_end = store.search(SearchQuery("الشيباني", offset=5))
    assert past_the_end.items == [] and past_the_end.total == 2


def test_search_with_quotes_or_sql_characters_is_just_no_match(store):
    for query in ("it's", 'قال "الشيباني', "50% ?", "a & b | !c", "\\"):
        store.search(query)  # no error
    assert store.search("؟!").items == []


def test_search_filters_by_outlet_and_date(store):
    assert ids(store.search(SearchQuery("الشيباني", outlets=("alriyadh",)))) == ["a3"]
    assert ids(store.search(SearchQuery("الشيباني", date_from="2025-08-01"))) == ["a3"]
    assert ids(store.search(SearchQuery("الشيباني", date_to="2025-07-31"))) == ["a1"]


def test_query_language_is_the_same_on_both_backends(store):
    assert ids(store.search('"وزير الخارجية"')) == ["a1"]
    assert ids(store.search('"الخارجية وزير"')) == []
    assert set(ids(store.search("موسكو OR روسيا"))) == {"a1", "a3"}
    assert ids(store.search("الشيباني -موسكو")) == ["a3"]
    assert ids(store.search("الشيباني -الروسي")) == ["a3"]  # "بالرئيس الروسي" in a1
    assert [h.article_id for h in store.search(SearchQuery("الشيباني", sort="date")).items] == ["a3", "a1"]
    assert all(h.exact for h in store.search("الشيباني").items)  # "والشيباني" is the name with a clitic
    (hit,) = store.search("موسكو").items
    assert [hit.title[s:e] for s, e in hit.title_highlights] == ["موسكو"]


def test_snippet_shows_the_original_spelling(store):
    (hit,) = store.search("اسعد").items
    assert "أسعد الشَّيباني" in hit.snippet


def test_reingesting_adds_nothing(store):
    assert store.add_articles([article("a1", "x", "y")]) == 0
    assert store.article_count() == 3
    assert store.get_article("a1").title == "الشَّيباني في موسكو"
    assert store.add_articles([article("a4", "x", "y"), article("a4", "x", "y")]) == 1


def test_corpus_results_round_trip(store):
    add_corpus(store)
    assert store.get_entity("P-1").roles[0].role == "وزير الخارجية السوري"
    assert store.get_event("E-1").outlets == ["sana", "alriyadh"]
    assert store.list_stories().items[0].events == ["E-1"]
    assert store.get_article("a1").event_id == "E-1"
    assert ids(store.search(SearchQuery("الشيباني", entities=("P-1",)))) == ["a1", "a3"]
    assert store.duplicates() == [DuplicateGroup("a1", ["a3"])]


def test_corpus_steps_keep_entity_articles_exact(store):
    # write_corpus writes only the article links an entity gained or lost: after steps that
    # grow, shrink, move and remove entities, the table holds exactly their article lists
    def pairs():
        return sorted((e, a) for e in ("P-1", "G-1", "G-2") for a in store.entity_articles(e))

    def ent(ident, articles):
        return Entity(ident, "PERSON", ident, [], [], articles, len(articles))

    store.write_corpus(entities=[ent("P-1", ["a1", "a3"]), ent("G-1", ["a1"])])
    assert pairs() == [("G-1", "a1"), ("P-1", "a1"), ("P-1", "a3")]
    store.write_corpus(entities=[ent("P-1", ["a3", "a2", "a2"]), ent("G-2", ["a2"])])
    assert pairs() == [("G-1", "a1"), ("G-2", "a2"), ("P-1", "a2"), ("P-1", "a3")]
    store.write_corpus(entities=[ent("G-2", ["a2", "a1"])], removed=[("entity", "G-1")])
    assert pairs() == [("G-2", "a1"), ("G-2", "a2"), ("P-1", "a2"), ("P-1", "a3")]
    assert ids(store.search(SearchQuery("الشيباني", entities=("P-1",)))) == ["a3"]


def test_corpus_steps_write_only_the_articles_that_changed(store):
    # an article whose row would come out as it is stored is not written again (a rebuild);
    # one whose links changed is, and so is a row stored in an older form
    a1, a3 = store.get_article("a1"), store.get_article("a3")
    a1.event_id = "E-1"
    store.write_corpus(articles=[a1, a3])
    raw = dict(store.db.execute("SELECT id, data FROM articles"))
    assert store._changed_rows([store.get_article("a1"), store.get_article("a3")]) == []
    a3.duplicate_of = "a1"
    a1.mentioned_events = ["E-9"]  # the JSON differs, the columns do not
    changed = store._changed_rows([a1, a3, store.get_article("a2")])
    assert [r[-1] for r in changed] == ["a1", "a3"]
    store.write_corpus(articles=[a1, a3])
    assert store.get_article("a3").duplicate_of == "a1" and store.get_article("a1").event_id == "E-1"
    now = dict(store.db.execute("SELECT id, data FROM articles"))
    assert now["a2"] == raw["a2"] and now["a1"] != raw["a1"] and now["a3"] != raw["a3"]
    if store.compress_rows:  # a row written as JSON text before compression is rewritten
        with store.db:
            store.db.execute("UPDATE articles SET data=row_json(data) WHERE id='a2'")
        assert [r[-1] for r in store._changed_rows([store.get_article("a2")])] == ["a2"]


def test_corpus_run_replaces_the_previous_one(store):
    add_corpus(store)
    store.replace_corpus(entities=[], events=[], stories=[], duplicates=[], articles=[])
    assert store.list_stories().total == 0 and store.get_entity("P-1") is None
    assert store.duplicates() == []


def test_listing_helpers_of_the_web_ui(store):
    add_corpus(store)
    assert store.list_story_heads().items == [
        dict(id="S-1", label="العلاقات", date="2025-07-31", date_end="2025-12-24", n_events=1)
    ]
    (head,) = store.list_event_heads("S-1")
    assert head["label"] == "زيارة" and head["articles"] == ["a1", "a3"] and head["place"] is None
    assert head["outlets"] == ["sana", "alriyadh"]
    assert store.story_activity(["S-1", "S-9"]) == {
        "S-1": dict(activity=[dict(date="2025-07-31", articles=2)], n_articles=2, n_outlets=2),
        "S-9": dict(activity=[], n_articles=0, n_outlets=0),
    }
    assert store.co_entities("P-1") == [("G-1", 1)]
    assert [e["name"] for e in store.entity_heads(["G-1", "P-1", "X"])] == ["موسكو", "أسعد الشيباني"]
    assert [a["id"] for a in store.article_heads(["a3", "a1", "zz"])] == ["a3", "a1"]
    assert store.article_heads(["a3"])[0]["duplicate_of"] == "a1"
    assert store.get_record_data("event", "E-1")["label"] == "زيارة"
    assert store.get_record_data("story", "nope") is None
    assert store.duplicates_of("a3") == ["a1"] and store.duplicates_of("a1") == ["a3"]
    assert sorted(store.entity_articles("P-1")) == ["a1", "a3"]
    assert [e.id for e in store.list_entities(label="PERSON").items] == ["P-1"]
    assert store.list_events(story_id="S-1").total == 1


def test_listings_order_undated_articles_as_sqlite_does(store):
    store.add_articles([article("a0", "بلا تاريخ", "نص بلا تاريخ", date=None)])
    assert [a["id"] for a in store.list_articles().items] == ["a3", "a1", "a2", "a0"]
    assert [a.id for a in store.iter_articles()] == ["a0", "a2", "a1", "a3"]
    assert store.outlets()[0] == ("sana", 2)
    assert store.list_articles(outlet="was").total == 1


def test_rejected_inputs_are_kept(store):
    store.add_rejected([Rejected("bad.txt", "binary", "binary data, not text")])
    assert store.rejected() == [Rejected("bad.txt", "binary", "binary data, not text", "")]
    store.add_rejected([Rejected("bad.txt", "empty", "no text")])  # the latest reason wins
    assert store.rejected() == [Rejected("bad.txt", "empty", "no text", "")]


def test_a_failed_write_leaves_nothing_behind(store):
    class Interrupted(Exception):
        pass

    with pytest.raises(Interrupted), store.db:
        store.db.execute("DELETE FROM articles")
        raise Interrupted
    assert store.article_count() == 3


def test_a_read_only_store_reads(store, location):
    reader = open_store(location, read_only=True)
    try:
        assert ids(reader.search("الشيباني")) == ["a1", "a3"]
        assert reader.get_article("a2").outlet == "was"
    finally:
        reader.close()


# ---------------------------------------------------------------- opening errors


def test_missing_store_opened_read_only_is_a_clear_error(tmp_path):
    with pytest.raises(StoreError, match="no such store"):
        open_store(tmp_path / "none.db", read_only=True)


def test_a_file_that_is_not_a_database_is_a_clear_error(tmp_path):
    path = tmp_path / "not.db"
    path.write_text("hello, this is text")
    with pytest.raises(StoreError, match="not a Marsad store"):
        open_store(path)


def test_an_empty_postgres_database_opened_read_only_is_a_clear_error(pg_server):
    with pytest.raises(StoreError, match="no such store"):
        open_store(pg_server.new_database(), read_only=True)


def test_a_read_only_postgres_session_refuses_writes(pg_server):
    import psycopg

    url = pg_server.new_database()
    open_store(url).close()
    reader = open_store(url, read_only=True)
    try:
        with pytest.raises(psycopg.errors.ReadOnlySqlTransaction):
            reader.add_rejected([Rejected("x.txt", "binary", "")])
    finally:
        reader.close()


def test_an_unreachable_server_is_a_clear_error_without_the_password(tmp_path):
    url = f"postgresql://marsad:s3cret@/marsad?host={tmp_path}&port=1"
    with pytest.raises(StoreError, match="cannot connect to PostgreSQL") as err:
        open_store(url)
    assert "s3cret" not in str(err.value) and "marsad:***@" in str(err.value)


def test_without_psycopg_the_error_says_what_to_install(monkeypatch):
    monkeypatch.setitem(sys.modules, "psycopg", None)  # makes `import psycopg` fail
    with pytest.raises(StoreError, match=r"marsad\[postgres\]"):
        open_store("postgres://localhost/marsad")


# ---------------------------------------------------------------- the SQL dialect


def test_sqlite_statements_are_rewritten_for_postgres():
    assert (
        to_postgres("SELECT 1 FROM t WHERE a=? AND b LIKE '%?'")
        == "SELECT 1 FROM t WHERE a=%s AND b LIKE '%?'"
    )
    assert (
        to_postgres("INSERT OR IGNORE INTO t VALUES (?,?)")
        == "INSERT INTO t VALUES (%s,%s) ON CONFLICT DO NOTHING"
    )
    assert to_postgres("INSERT OR REPLACE INTO meta VALUES ('k', ?)") == (
        "INSERT INTO meta VALUES ('k', %s) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value"
    )
    assert to_postgres("SELECT x FROM t ORDER BY f(a, b) DESC, id LIMIT ?") == (
        "SELECT x FROM t ORDER BY f(a, b) DESC NULLS LAST, id NULLS FIRST LIMIT %s"
    )
    with pytest.raises(ValueError, match="unknown"):
        to_postgres("INSERT OR REPLACE INTO unknown VALUES (?)")


def test_store_locations_keep_urls_whole():
    assert store_location("postgresql://u@host/db") == "postgresql://u@host/db"
    assert str(store_location("news.db")) == "news.db"
    assert redact("postgresql://u:pw@h/db") == "postgresql://u:***@h/db"


# ---------------------------------------------------------------- every reader, both backends

WRITERS = {
    "add_articles",
    "update_articles",
    "add_rejected",
    "replace_corpus",
    "close",
    "corpus_lock",
    "save_state",
    "save_states",
    "save_records",
    "clear_corpus",
    "new_batch",
    "write_corpus",
    "compact",  # VACUUM on SQLite; nothing to do on PostgreSQL
}
# A value for each parameter name the readers take; a new reader with a new parameter name
# fails below until it gets one here, so no reader escapes the comparison.
SAMPLES = {
    "article_id": ["a1", "a3", "nope"],
    "entity_id": ["P-1", "G-1"],
    "event_id": ["E-1"],
    "story_id": ["S-1", None],
    "ids": [["a3", "a1", "P-1", "zz"]],
    "story_ids": [["S-1", "S-9"]],
    "kind": ["article", "event", "story", "entity"],
    "ident": ["a1", "E-1", "S-1", "P-1"],
    "label": [None, "PERSON"],
    "outlet": [None, "sana"],
    "query": ["الشيباني"],
    "name": ["سعد الشيباني", "P-1", "nobody", "corpus"],
}


def calls(method):
    import inspect

    params = [
        p for p in inspect.signature(method).parameters.values() if p.default is inspect.Parameter.empty
    ]
    for p in params:
        if p.name not in SAMPLES:
            pytest.fail(f"no sample value for parameter {p.name!r} of {method.__name__}: add one to SAMPLES")
    if [p.name for p in params] == ["kind", "ident"]:
        yield from ((k, i) for k in SAMPLES["kind"] for i in SAMPLES["ident"])
        return
    import itertools

    yield from itertools.product(*(SAMPLES[p.name] for p in params))


def test_every_reader_gives_the_same_answer_on_both_backends(pg_server, tmp_path):
    from marsad.store import SQLiteStore

    stores = [open_store(tmp_path / "m.db"), open_store(pg_server.new_database())]
    for s in stores:
        s.add_articles(
            [
                article("a1", "الشَّيباني في موسكو", "التقى وزير الخارجية أسعد الشَّيباني بالرئيس الروسي."),
                article("a2", "قمة", "ناقش المجتمعون أسعار النفط في الرياض.", outlet="was", date=None),
                article(
                    "a3", "لقاء", "وأكد والشيباني على التعاون مع روسيا.", outlet="alriyadh", date="2025-12-24"
                ),
            ]
        )
        add_corpus(s)
        s.add_rejected([Rejected("b.txt", "binary", "x"), Rejected("a.txt", "empty", "y")])
    readers = [n for n in dir(SQLiteStore) if not n.startswith("_") and n not in WRITERS | {"search"}]
    assert "article_heads" in readers and "story_activity" in readers
    try:
        for name in readers:
            if not callable(getattr(SQLiteStore, name)):
                continue
            for args in calls(getattr(stores[0], name)):
                lite, pg = (getattr(s, name)(*args) for s in stores)
                if hasattr(lite, "__next__"):
                    lite, pg = list(lite), list(pg)
                assert pg == lite, (name, args)
    finally:
        for s in stores:
            s.close()


def test_per_key_corpus_records_are_kept_alike_on_both_backends(pg_server, tmp_path):
    """The corpus state's per-article rows (``corpus_rows``): written, replaced, deleted and
    read back the same on both stores, a clear of the corpus included."""
    for store in (open_store(tmp_path / "r.db"), open_store(pg_server.new_database())):
        try:
            store.save_records("k", {"a": b"\x00one", "b": b"two"})
            store.save_records("k", {"a": b"\xffthree"}, removed=["b"])
            store.save_records("other", {"a": b"x"})
            assert store.load_records("k", ["b", "a", "zz", "a"]) == {"a": b"\xffthree"}
            assert store.load_records("other", ["a"]) == {"a": b"x"}
            many = {f"id{i}": bytes([i % 256]) for i in range(1200)}  # past the bound-parameter cap
            store.save_records("many", many)
            assert store.load_records("many", list(many)) == many
            store.clear_corpus()
            assert store.load_records("k", ["a"]) == {}
        finally:
            store.close()
