"""The server under hostile requests: paging overflow, security headers."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from hostile import article

from marsad.store import SQLiteStore


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    from marsad.ingest import read_bytes
    from marsad.pipeline import Settings, process_document
    from marsad.web import create_app

    db = tmp_path_factory.mktemp("web") / "m.db"
    (doc,) = read_bytes(article().encode(), "a.txt")
    with SQLiteStore(db) as store:
        store.add_articles([process_document(doc, Settings())])
    with TestClient(create_app(db), raise_server_exceptions=False) as c:
        yield c


HUGE = "9223372036854775808"
PAGING = [
    f"/?offset={HUGE}",
    f"/entities?offset={HUGE}",
    f"/search?q=المستشفى&offset={HUGE}",
    f"/api/stories?offset={HUGE}",
    f"/api/stories?limit={HUGE}",
    f"/api/entities?offset={HUGE}",
    f"/api/search?q=المستشفى&offset={HUGE}",
    f"/api/search?q=المستشفى&limit={HUGE}",
    "/api/stories?offset=-1",
    "/api/stories?offset=1e309",
]


@pytest.mark.parametrize("url", PAGING)
def test_paging_overflow_is_a_422_not_a_500(client, url):
    assert client.get(url).status_code == 422


@pytest.mark.parametrize("url", ["/", "/api/stories", "/search?q=x", "/static/style.css", "/nope"])
def test_every_response_carries_the_security_headers(client, url):
    headers = client.get(url).headers
    assert "frame-ancestors 'none'" in headers["content-security-policy"]
    assert "script-src 'self'" in headers["content-security-policy"]
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["x-frame-options"] == "DENY"
