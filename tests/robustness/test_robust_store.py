"""Store connection modes under faults: two writers at once, a read-only server, slow searches,
PostgreSQL corpus writes from two ingests at once."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from hostile import article

from marsad.model import Article
from marsad.store import SQLiteStore, StoreError, open_store

SRC = Path(__file__).resolve().parents[2] / "src"
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "store_pg"))


def spawn(*args: str) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(SRC), "MARSAD_LANG": "en"}
    return subprocess.Popen(
        [sys.executable, "-m", "marsad.cli", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )


def folder(root: Path, start: int, n: int = 3) -> Path:
    root.mkdir()
    for i in range(start, start + n):
        (root / f"{i}.txt").write_text(article(i), encoding="utf-8")
    return root


def exported(db: str, what: str, tmp_path: Path) -> list[dict]:
    out = tmp_path / f"{what}-{abs(hash(db))}.jsonl"
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    subprocess.run(
        [sys.executable, "-m", "marsad.cli", "--db", db, "export", what, "--out", str(out)],
        check=True,
        env=env,
    )
    return [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]


def test_two_ingests_at_once_on_one_sqlite_store_both_finish(tmp_path):
    db = tmp_path / "m.db"
    SQLiteStore(db).close()
    holder = sqlite3.connect(db)
    holder.execute("BEGIN IMMEDIATE")  # a third writer holds the lock while both start
    procs = [spawn("--db", str(db), "ingest", str(folder(tmp_path / f"in{k}", 10 * k))) for k in range(2)]
    time.sleep(3)
    holder.rollback()
    holder.close()
    for p in procs:
        out, err = p.communicate(timeout=300)
        assert p.returncode == 0, err
        assert "Traceback" not in err
    with SQLiteStore(db, read_only=True) as store:
        assert store.article_count() == 6


def test_a_write_waits_for_the_lock_instead_of_failing(tmp_path):
    db = tmp_path / "m.db"
    store = SQLiteStore(db)
    holder = sqlite3.connect(db, check_same_thread=False)
    holder.execute("BEGIN IMMEDIATE")
    threading.Timer(1.0, holder.rollback).start()
    started = time.monotonic()
    from marsad.ingest import read_bytes
    from marsad.pipeline import Settings, process_document

    (doc,) = read_bytes(article().encode(), "a.txt")
    art = process_document(doc, Settings())
    assert isinstance(art, Article)
    assert store.add_articles([art]) == 1
    assert time.monotonic() - started >= 0.9
    store.close()


def _store_with_one_article(path: Path) -> None:
    from marsad.ingest import read_bytes
    from marsad.pipeline import Settings, process_document

    (doc,) = read_bytes(article().encode(), "a.txt")
    with SQLiteStore(path) as store:
        store.add_articles([process_document(doc, Settings())])


def test_serving_a_store_in_a_read_only_folder_touches_nothing(tmp_path, monkeypatch):
    from fastapi.testclient import TestClient

    from marsad.web import create_app

    db = tmp_path / "ro" / "m.db"
    db.parent.mkdir()
    _store_with_one_article(db)
    before = sorted(os.listdir(db.parent))
    # Tests run as root, for whom nothing is read-only: make the folder look the way it does to a user.
    real_access = os.access
    monkeypatch.setattr(
        os, "access", lambda p, mode, **kw: False if mode & os.W_OK else real_access(p, mode, **kw)
    )
    client = TestClient(create_app(db))
    for url in ("/", "/api/stories", "/api/search?q=المستشفى", "/search?q=المستشفى", "/entities"):
        response = client.get(url)
        assert response.status_code == 200, (url, response.text)
    assert client.get("/api/search?q=المستشفى").json()["total"] == 1
    assert sorted(os.listdir(db.parent)) == before  # no -shm, no -wal
    with pytest.raises(sqlite3.OperationalError):
        open_store(db, read_only=True).db.execute("DELETE FROM articles")


def test_a_read_only_store_refuses_writes(tmp_path):
    db = tmp_path / "m.db"
    _store_with_one_article(db)
    store = open_store(db, read_only=True)
    with pytest.raises(sqlite3.OperationalError):
        store.db.execute("INSERT INTO meta VALUES ('x', 'y')")


def test_a_slow_search_is_stopped_with_a_clear_message(tmp_path):
    db = tmp_path / "m.db"
    _store_with_one_article(db)
    store = open_store(db, read_only=True)
    assert store.search("المستشفى").total == 1
    store.search_time_limit = 0.0  # every search is "slow" now
    with pytest.raises(StoreError, match="time limit"):
        store.search("المستشفى")
    store.search_time_limit = 1.0
    assert store.search("المستشفى").total == 1  # the limit does not stick to the connection


@pytest.fixture(scope="module")
def pg_server():
    from pg_server import start_server

    yield from start_server()


def test_two_ingests_at_once_on_postgres_serialise_the_corpus_writes(pg_server, tmp_path):
    import psycopg

    url = pg_server.new_database()
    open_store(url).close()
    holder = psycopg.connect(url, autocommit=True)
    holder.execute("SELECT pg_advisory_lock(8413208)")  # both ingests reach their corpus step together
    procs = [spawn("--db", url, "ingest", str(folder(tmp_path / f"in{k}", 10 * k))) for k in range(2)]
    time.sleep(5)
    holder.execute("SELECT pg_advisory_unlock(8413208)")
    holder.close()
    for p in procs:
        out, err = p.communicate(timeout=300)
        assert p.returncode == 0, err
        assert "Traceback" not in err
    # The corpus is built incrementally, batch by batch: a sequential run is the two ingests
    # one after the other, in the order the lock let them through — or, when the first corpus
    # step to get the lock found both ingests' articles already stored (a loaded machine), one
    # update over both, as a single ingest of both folders gives.
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    concurrent = {what: exported(url, what, tmp_path) for what in ("entities", "events", "stories")}
    orders = []
    for order in ((0, 1), (1, 0), (0, 1, "together")):
        sequential = pg_server.new_database()
        runs = (
            [[str(tmp_path / "in0"), str(tmp_path / "in1")]]
            if "together" in order
            else [[str(tmp_path / f"in{k}")] for k in order]
        )
        for paths in runs:
            subprocess.run(
                [sys.executable, "-m", "marsad.cli", "--db", sequential, "ingest", *paths],
                check=True,
                env=env,
                capture_output=True,
            )
        orders.append({what: exported(sequential, what, tmp_path) for what in concurrent})
    assert concurrent in orders
