"""A merged entity, event or story keeps its address: the old id redirects to the kept one."""

from __future__ import annotations

import sqlite3

import pytest
from fastapi.testclient import TestClient
from web_corpus import build_sample_store

from marsad.web import create_app


@pytest.fixture(scope="module")
def client(tmp_path_factory) -> TestClient:
    path = build_sample_store(tmp_path_factory.mktemp("web") / "sample.db")
    db = sqlite3.connect(path)
    with db:  # what the corpus stage writes when it merges records
        db.executemany(
            "INSERT INTO redirects VALUES (?,?,?)",
            [
                ("entity", "e-old-safadi", "e-safadi"),
                ("event", "ev-gone", "ev-gone-2"),  # merged, then merged again
                ("event", "ev-gone-2", "ev2"),
                ("story", "st-old", "st1"),
                ("event", "ev-loop-a", "ev-loop-b"),
                ("event", "ev-loop-b", "ev-loop-a"),
            ],
        )
    db.close()
    with TestClient(create_app(path), follow_redirects=False) as c:
        yield c


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("/entities/e-old-safadi", "/entities/e-safadi"),
        ("/api/entities/e-old-safadi", "/api/entities/e-safadi"),
        ("/events/ev-gone?lang=en", "/events/ev2?lang=en"),
        ("/api/events/ev-gone", "/api/events/ev2"),
        ("/stories/st-old", "/stories/st1"),
    ],
)
def test_merged_ids_redirect_to_the_kept_record(client, old, new):
    r = client.get(old)
    assert r.status_code == 301
    assert r.headers["location"] == new
    assert client.get(new).status_code == 200


def test_unknown_ids_and_redirect_loops_stay_404(client):
    assert client.get("/events/nope").status_code == 404
    assert client.get("/api/entities/nope").status_code == 404
    assert client.get("/api/events/ev-loop-a").status_code == 404  # a loop never redirects forever
