"""Articles are stored with their body once: texts that are slices of it read back from offsets."""

import json
import sqlite3
import zipfile
from pathlib import Path

import pytest

from marsad import pipeline
from marsad.ingest import read_sources
from marsad.model import Article, Block, Event, Mention, Sentence, Story, to_dict
from marsad.store import open_store
from marsad.store.compact import ROW_TAG, decode_row, row_json
from marsad.store.sqlite import article_row_functions

SNN = Path(__file__).resolve().parents[2].parent / "shared" / "corpus" / "saudinewsnet" / "dataset"


def _stored(path: Path, articles: list[Article]) -> dict[str, bytes]:
    store = open_store(path)
    store.add_articles(articles)
    store.close()
    db = sqlite3.connect(path)
    rows = dict(db.execute("SELECT id, data FROM articles"))
    db.close()
    return rows


def _real_articles(tmp_path: Path, n: int) -> list[Article]:
    """The first ``n`` records of one real SaudiNewsNet day, processed as a run does."""
    with zipfile.ZipFile(SNN / "2015-07-22.zip") as zf:
        records = json.loads(zf.read("2015-07-22.json"))[:n]
    source = tmp_path / "day.json"
    source.write_text(json.dumps(records, ensure_ascii=False), encoding="utf-8")
    docs = list(read_sources([source]))
    return [
        a for a in pipeline.process_documents(docs, pipeline.Settings(workers=1)) if isinstance(a, Article)
    ]


@pytest.mark.skipif(not SNN.exists(), reason="SaudiNewsNet not present")
def test_real_articles_read_back_whole_from_a_row_that_holds_the_body_once(tmp_path):
    articles = _real_articles(tmp_path, 25)
    assert len(articles) >= 20
    rows = _stored(tmp_path / "m.db", articles)
    store = open_store(tmp_path / "m.db", read_only=True)
    plain = packed = 0
    for article in articles:
        # the same record back: every sentence, block, mention and date text, the summary
        assert store.get_article(article.id) == article
        assert store.get_record_data("article", article.id) == to_dict(article)
        assert rows[article.id].startswith(ROW_TAG)  # zlib'd JSON behind its version tag
        row = row_json(rows[article.id])
        plain += len(json.dumps(to_dict(article), ensure_ascii=False, separators=(",", ":")).encode())
        packed += len(rows[article.id])
        for sentence in article.sentences:  # the body, and at most a summary that rewrites it
            assert 1 <= row.count(json.dumps(sentence.text, ensure_ascii=False)[1:-1]) <= 2
    assert [a.id for a in store.iter_articles()] == sorted(
        (a.id for a in articles), key=lambda i: (store.get_article(i).published.date or "", i)
    )
    store.close()
    assert packed < 0.25 * plain, (packed, plain)


def test_texts_that_are_not_slices_of_the_body_are_kept(tmp_path):
    body = "قال الوزير إن الاجتماع ناجح. وأضاف أن اللجنة ستجتمع غدا."
    article = Article(
        id="a1",
        origin="t.json",
        outlet="t",
        url=None,
        title="عنوان",
        body=body,
        blocks=[Block("heading", "عنوان مختلف", 0, 10), Block("paragraph", body, 0, len(body), 5, 40)],
        sentences=[Sentence(0, 0, 29, body[0:29], 1), Sentence(1, 30, len(body), body[30:], 1, True)],
        mentions=[
            Mention("الوزير", 4, 10, "PERSON", 0, canonical=None),
            Mention("الوزير", 4, 10, "PERSON", 0, canonical="الوزير"),
            Mention("اللجنة", 41, 47, "ORG", 1, canonical="اللجنة المشتركة", entity_id="O-1", role=""),
            Mention("غلط", 0, 3, "LOC", -1),  # offsets that do not give its text
        ],
    )
    rows = _stored(tmp_path / "m.db", [article])
    data = decode_row(rows["a1"])
    assert data["blocks"][0]["text"] == "عنوان مختلف" and "text" not in data["blocks"][1]
    assert data["mentions"][0]["canonical"] is None and data["mentions"][3]["text"] == "غلط"
    store = open_store(tmp_path / "m.db", read_only=True)
    assert store.get_article("a1") == article
    assert store.get_record_data("article", "a1") == to_dict(article)
    store.close()


def test_rows_written_before_packing_read_back_unchanged(tmp_path):
    article = Article(id="old", origin="o", outlet=None, url=None, title=None, body="نص قديم.")
    store = open_store(tmp_path / "m.db")
    store.add_articles([article])
    store.close()
    db = sqlite3.connect(tmp_path / "m.db")
    with db:  # what an older version wrote: the full to_dict form
        db.execute("UPDATE articles SET data=?", (json.dumps(to_dict(article), ensure_ascii=False),))
    db.close()
    store = open_store(tmp_path / "m.db", read_only=True)
    assert store.get_article("old") == article
    store.close()


def test_uncompressed_rows_of_earlier_stores_read_back_beside_compressed_ones(tmp_path):
    """A store written before compression holds JSON text rows (packed or full): they read back
    as they are, next to new compressed rows, and a rewrite compresses them."""
    old = Article(id="old", origin="o", outlet=None, url=None, title="قديم", body="نص قديم. وجملة ثانية.")
    new = Article(id="new", origin="o", outlet=None, url=None, title="جديد", body="نص جديد.")
    store = open_store(tmp_path / "m.db")
    store.add_articles([old, new])
    store.close()
    db = sqlite3.connect(tmp_path / "m.db")
    with db:  # what session 3 wrote: packed JSON as text
        db.execute("UPDATE articles SET data=? WHERE id='old'", (row_json(rows_of(db)["old"]),))
    assert isinstance(rows_of(db)["old"], str) and isinstance(rows_of(db)["new"], bytes)
    db.close()
    store = open_store(tmp_path / "m.db")
    assert store.get_article("old") == old and store.get_article("new") == new
    assert store.get_record_data("article", "old") == to_dict(old)
    assert [h.article_id for h in store.search("قديم").items] == ["old"]  # snippets from the row
    old.event_id = "E-1"
    store.update_articles([old])
    store.close()
    db = sqlite3.connect(tmp_path / "m.db")
    assert rows_of(db)["old"].startswith(ROW_TAG)
    db.close()


def rows_of(db: sqlite3.Connection) -> dict:
    return dict(db.execute("SELECT id, data FROM articles"))


def test_sql_scripts_edit_compressed_rows_through_row_functions(tmp_path):
    """bench_api --scale copies rows with json_set: row_json() opens a row, row_blob() closes it."""
    article = Article(id="a", origin="o", outlet=None, url=None, title=None, body="نص.")
    store = open_store(tmp_path / "m.db")
    store.add_articles([article])
    store.close()
    db = sqlite3.connect(tmp_path / "m.db")
    article_row_functions(db)
    with db:
        db.execute("UPDATE articles SET data = row_blob(json_set(row_json(data), '$.event_id', 'E-9'))")
    assert db.execute("SELECT json_extract(row_json(data), '$.body') FROM articles").fetchone()[0] == "نص."
    db.close()
    store = open_store(tmp_path / "m.db", read_only=True)
    assert store.get_article("a").event_id == "E-9"
    store.close()


def test_event_and_story_rows_are_compressed_and_read_back_by_every_listing(tmp_path):
    a = Article(id="a", origin="o", outlet="x", url=None, title="خبر", body="نص.", event_id="E-1")
    b = Article(id="b", origin="o", outlet="y", url=None, title="خبر", body="نص آخر.", event_id="E-1")
    event = Event(
        "E-1", "اجتماع اللجنة", ["a", "b"], ["x", "y"], "2015-07-21", "2015-07-22", "الرياض", story_id="S-1"
    )
    story = Story("S-1", "اللجنة", ["E-1"], "2015-07-21", "2015-07-22")
    store = open_store(tmp_path / "m.db")
    store.add_articles([a, b])
    store.replace_corpus(entities=[], events=[event], stories=[story], duplicates=[], articles=[a, b])
    store.close()
    db = sqlite3.connect(tmp_path / "m.db")
    for table in ("events", "stories"):
        assert db.execute(f"SELECT data FROM {table}").fetchone()[0].startswith(ROW_TAG)
    db.close()
    store = open_store(tmp_path / "m.db", read_only=True)
    assert store.get_event("E-1") == event and store.get_story("S-1") == story
    assert store.list_events().items == [event] and store.list_stories().items == [story]
    assert store.get_record_data("event", "E-1") == to_dict(event)
    assert store.list_story_heads().items == [
        dict(id="S-1", label="اللجنة", date="2015-07-21", date_end="2015-07-22", n_events=1)
    ]
    [head] = store.list_event_heads("S-1")
    assert head["label"] == "اجتماع اللجنة" and head["articles"] == ["a", "b"] and head["place"] == "الرياض"
    assert store.story_activity(["S-1"])["S-1"]["n_outlets"] == 2
    store.close()


@pytest.mark.skipif(not SNN.exists(), reason="SaudiNewsNet not present")
def test_quote_rows_keep_offsets_into_the_body_and_read_back_whole(tmp_path):
    articles = _real_articles(tmp_path, 40)
    quoted = [a for a in articles if a.quotes]
    assert sum(len(a.quotes) for a in quoted) >= 5
    store = open_store(tmp_path / "m.db")
    store.add_articles(articles)
    store.replace_corpus(entities=[], events=[], stories=[], duplicates=[], articles=articles)
    store.close()
    db = sqlite3.connect(tmp_path / "m.db")
    rows = [decode_row(r[0]) for r in db.execute("SELECT data FROM quotes")]
    db.close()
    assert rows and all("text" not in r for r in rows)  # each text is its article's slice
    store = open_store(tmp_path / "m.db", read_only=True)
    for article in quoted:
        got = store.quotes(article_ids=[article.id], limit=100).items
        extra = ("article_id", "event_id", "outlet", "published")
        assert [{k: v for k, v in q.items() if k not in extra} for q in got] == [
            to_dict(q) for q in article.quotes
        ]
        assert [list(q)[: len(to_dict(article.quotes[0]))] for q in got][0] == list(
            to_dict(article.quotes[0])
        )
    store.close()


@pytest.mark.skipif(not SNN.exists(), reason="SaudiNewsNet not present")
def test_rows_compressed_with_the_row_dictionary_are_smaller_and_older_rows_still_read(tmp_path, monkeypatch):
    """Rows are zlib'd with a preset dictionary of the rows' shape (keys and short field
    values): real articles and their quotes take less than zlib alone gave them; rows
    written before it (``MZ1:``, zlib alone) read back beside them; a damaged dictionary
    file is an error, never a misread row."""
    import zlib

    from marsad.store import compact

    articles = _real_articles(tmp_path, 25)
    rows = _stored(tmp_path / "m.db", articles)
    # quote rows as the corpus stage writes them (store/events.py)
    quotes = [compact.encode_row(compact.pack_quote(to_dict(q), a.body)) for a in articles for q in a.quotes]
    assert len(quotes) > 10
    for kind, stored in [("articles", list(rows.values())), ("quotes", quotes)]:
        alone = sum(len(compact._ROW_TAG_1 + zlib.compress(row_json(d).encode(), 6)) for d in stored)
        assert all(d.startswith(ROW_TAG) for d in stored)
        assert sum(len(d) for d in stored) < alone * (0.95 if kind == "articles" else 0.8), kind
    old = articles[0]
    db = sqlite3.connect(tmp_path / "m.db")
    with db:  # what session 4 wrote: zlib alone behind the first tag
        db.execute(
            "UPDATE articles SET data=? WHERE id=?",
            (compact._ROW_TAG_1 + zlib.compress(row_json(rows[old.id]).encode(), 6), old.id),
        )
    db.close()
    store = open_store(tmp_path / "m.db", read_only=True)
    assert store.get_article(old.id) == old and store.get_article(articles[1].id) == articles[1]
    store.close()
    compact._dictionary.cache_clear()
    monkeypatch.setattr(compact, "_DICTIONARY_HASH", "0" * 24)
    with pytest.raises(RuntimeError, match="damaged"):
        row_json(rows[articles[1].id])
    monkeypatch.undo()
    compact._dictionary.cache_clear()


def test_entity_rows_are_compressed_and_found_by_their_variants(tmp_path):
    """Entity rows are zlib'd like the others: read, listed and found by a variant in any
    spelling; a row written as JSON text before reads as it is."""
    from marsad.model import Entity

    a = Article(id="a", origin="o", outlet="x", url=None, title="خبر", body="نص.")
    entity = Entity("P-1", "PERSON", "عادل الجبير", ["الجبير", "عادل أحمد الجبير"], [], ["a"], 3)
    other = Entity("L-1", "LOC", "الرياض", [], [], ["a"], 1)
    store = open_store(tmp_path / "m.db")
    store.add_articles([a])
    store.replace_corpus(entities=[entity, other], events=[], stories=[], duplicates=[], articles=[a])
    store.close()
    db = sqlite3.connect(tmp_path / "m.db")
    assert all(d.startswith(ROW_TAG) for (d,) in db.execute("SELECT data FROM entities"))
    with db:  # what earlier sessions wrote: JSON text
        db.execute(
            "UPDATE entities SET data=? WHERE id='L-1'", (json.dumps(to_dict(other), ensure_ascii=False),)
        )
    db.close()
    store = open_store(tmp_path / "m.db", read_only=True)
    assert store.get_entity("P-1") == entity and store.get_entity("L-1") == other
    assert store.list_entities().items == [entity, other]
    assert [e["id"] for e in store.find_entities("عادل احمد الجبير")] == ["P-1"]
    assert store.get_record_data("entity", "P-1") == to_dict(entity)
    store.close()


def test_a_new_store_has_large_pages_and_an_older_one_keeps_its_own(tmp_path):
    """Rows of 1-3 KB waste a quarter of a 4 KB page: a new store is made with 16 KB pages;
    a store made with 4 KB pages opens and grows as it is."""
    from marsad.store.sqlite import PAGE_SIZE

    article = Article(id="a", origin="o", outlet=None, url=None, title="خبر", body="نص.")
    store = open_store(tmp_path / "new.db")
    store.add_articles([article])
    assert store.db.execute("PRAGMA page_size").fetchone()[0] == PAGE_SIZE == 16384
    store.close()
    db = sqlite3.connect(tmp_path / "old.db")
    db.execute("PRAGMA page_size=4096")
    db.execute("CREATE TABLE t (x)")
    db.close()
    store = open_store(tmp_path / "old.db")
    store.add_articles([article])
    assert store.db.execute("PRAGMA page_size").fetchone()[0] == 4096
    assert store.get_article("a") == article
    store.close()
