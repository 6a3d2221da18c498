"""The whole pipeline on the sample corpus gives the same results on PostgreSQL as on SQLite."""

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from pg_server import start_server

from marsad.cli import main
from marsad.model import to_dict
from marsad.pipeline import Settings, run
from marsad.store import SearchQuery, open_store

SEEDS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus" / "seeds"
pytestmark = pytest.mark.skipif(not SEEDS.exists(), reason="sample corpus ../shared/corpus/seeds not present")


@pytest.fixture(scope="module")
def pg_server():
    yield from start_server()


@pytest.fixture(scope="module")
def both_runs(pg_server, tmp_path_factory):
    work = tmp_path_factory.mktemp("runs")
    url = pg_server.new_database()
    sqlite = run([SEEDS], Settings(store=work / "m.db", workers=1), out=work / "report-sqlite")
    postgres = run([SEEDS], Settings(store=url, workers=1), out=work / "report-pg")
    return work, url, sqlite, postgres


def test_same_events_stories_entities_and_duplicates(both_runs):
    _, _, sqlite, postgres = both_runs
    assert sqlite.new_articles == postgres.new_articles > 0
    assert to_dict(postgres.corpus.events) == to_dict(sqlite.corpus.events)
    assert to_dict(postgres.corpus.stories) == to_dict(sqlite.corpus.stories)
    assert to_dict(postgres.corpus.entities) == to_dict(sqlite.corpus.entities)
    assert to_dict(postgres.corpus.duplicates) == to_dict(sqlite.corpus.duplicates)


def test_same_stored_records_and_report(both_runs):
    work, url, _, _ = both_runs
    lite, pg = open_store(work / "m.db", read_only=True), open_store(url, read_only=True)
    try:
        assert [to_dict(a) for a in pg.iter_articles()] == [to_dict(a) for a in lite.iter_articles()]
        assert pg.list_story_heads().items == lite.list_story_heads().items
        assert pg.list_entities(limit=500).items == lite.list_entities(limit=500).items
    finally:
        lite.close()
        pg.close()
    for name in ("events.json", "stories.json", "entities.json"):
        assert (work / "report-pg" / name).read_text() == (work / "report-sqlite" / name).read_text()
    assert sorted(p.name for p in (work / "report-pg").rglob("*.html")) == sorted(
        p.name for p in (work / "report-sqlite").rglob("*.html")
    )


def test_same_search_results(both_runs):
    work, url, _, postgres = both_runs
    # Queries from the corpus itself: the most mentioned names, and one word of each title.
    names = [e.name for e in sorted(postgres.corpus.entities, key=lambda e: -e.mention_count)[:8]]
    lite, pg = open_store(work / "m.db", read_only=True), open_store(url, read_only=True)
    try:
        titles = [a.title.split()[-1] for a in lite.iter_articles() if a.title]
        for query in names + titles:
            expected = lite.search(SearchQuery(query, limit=50))
            got = pg.search(SearchQuery(query, limit=50))
            assert got.total == expected.total, query
            assert {h.article_id for h in got.items} == {h.article_id for h in expected.items}, query
            assert expected.total > 0, query  # each query comes from the corpus
        # the query language: phrases, OR, exclusion, date order give the same on both backends
        phrases = [
            f'"{" ".join(a.title.split()[:2])}"'
            for a in lite.iter_articles()
            if a.title and len(a.title.split()) > 2
        ]
        combined = [
            *phrases[:6],
            f"{names[0]} OR {names[1]}",
            f"{names[0]} -{titles[0]}",
            f'{names[1]} -"{names[0]}"',
        ]
        for query in combined:
            for sort in ("relevance", "date"):
                expected = lite.search(SearchQuery(query, sort=sort, limit=50))
                got = pg.search(SearchQuery(query, sort=sort, limit=50))
                assert got.total == expected.total, query
                assert {h.article_id for h in got.items} == {h.article_id for h in expected.items}, query
                assert [h.exact for h in got.items] == [h.exact for h in expected.items], query
    finally:
        lite.close()
        pg.close()


def test_the_command_line_searches_and_shows_a_postgres_store(both_runs):
    work, url, _, _ = both_runs
    runner = CliRunner()
    lite = open_store(work / "m.db", read_only=True)
    article = next(iter(lite.iter_articles()))
    lite.close()
    query = article.title.split()[-1]
    result = runner.invoke(main, ["--db", url, "search", query])
    assert result.exit_code == 0, result.output
    assert article.id in result.output
    shown = runner.invoke(main, ["--db", url, "show", article.id])
    assert shown.exit_code == 0, shown.output
    assert json.loads(shown.output)["id"] == article.id


def test_the_web_app_serves_a_postgres_store(both_runs):
    from fastapi.testclient import TestClient

    from marsad.web import create_app

    _, url, _, postgres = both_runs
    with TestClient(create_app(url)) as client:
        stories = client.get("/api/stories").json()
        assert stories["total"] == len(postgres.corpus.stories)
        assert client.get("/").status_code == 200


def test_an_unreachable_postgres_store_is_one_clear_line(tmp_path):
    result = CliRunner().invoke(main, ["--db", f"postgresql://nobody@/x?host={tmp_path}", "search", "x"])
    assert result.exit_code == 2
    assert "cannot connect to PostgreSQL" in result.output and "Traceback" not in result.output


def test_incremental_batches_and_rebuild_agree_on_both_stores(pg_server, tmp_path):
    from marsad.pipeline import rebuild

    files = sorted(SEEDS.glob("*.txt"))
    url = pg_server.new_database()
    snapshots = []
    for store in (tmp_path / "m.db", url):
        settings = Settings(store=store, workers=1)
        run(files[:2], settings)
        second = run(files[2:], settings)  # a second arrival batch: an incremental update
        assert second.corpus is not None and second.corpus.updated == len(files) - 2
        s = open_store(store, read_only=True)
        try:
            snap = [to_dict(s.list_events(limit=100).items), to_dict(s.list_stories(limit=100).items)]
            snap.append(to_dict(s.list_entities(limit=1000).items))
            snap.append([to_dict(a) for a in s.iter_articles()])
        finally:
            s.close()
        rebuild(settings)
        s = open_store(store, read_only=True)
        try:
            assert to_dict(s.list_events(limit=100).items) == snap[0]
        finally:
            s.close()
        snapshots.append(snap)
    assert snapshots[0] == snapshots[1]
