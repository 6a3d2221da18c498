"""The JSON API and the HTML pages over a small hand-written store (FastAPI TestClient)."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from web_corpus import XSS, build_sample_store

from marsad.web import create_app


@pytest.fixture(scope="module")
def client(tmp_path_factory) -> TestClient:
    path = build_sample_store(tmp_path_factory.mktemp("web") / "sample.db")
    with TestClient(create_app(path)) as c:
        yield c


def ids(items: list[dict], key: str = "id") -> list[str]:
    return [i[key] for i in items]


# ------------------------------------------------------------------ API


def test_stories_newest_first_with_counts(client):
    data = client.get("/api/stories").json()
    assert data["total"] == 2
    assert ids(data["items"]) == ["st1", "st2"]
    first = data["items"][0]
    assert (first["n_events"], first["n_articles"], first["n_outlets"]) == (2, 4, 3)
    assert [p["date"] for p in first["activity"]] == ["2025-03-10", "2025-04-02"]


def test_pagination_reports_total_and_moves_by_offset(client):
    page = client.get("/api/stories", params={"limit": 1, "offset": 1}).json()
    assert (page["total"], page["offset"], page["limit"]) == (2, 1, 1)
    assert ids(page["items"]) == ["st2"]


def test_story_lists_events_in_date_order_and_actors(client):
    data = client.get("/api/stories/st1").json()
    assert ids(data["events"]) == ["ev1", "ev2"]
    assert ids(data["actors"]) == ["e-safadi", "e-abdelatty"]


def test_event_groups_articles_by_outlet_with_citations(client):
    data = client.get("/api/events/ev1").json()
    groups = {g["outlet"]: ids(g["articles"]) for g in data["articles_by_outlet"]}
    assert groups == {"الأهرام": ["a2"], "الغد": ["a1"], "وكالة بترا": ["a4"]}
    assert set(data["sources"]) == {"a1", "a2", "a4"}  # a4: cited by the summary's opening sentence
    claims = data["event"]["summary"]["disagreements"][0]["claims"]
    assert [c["value"] for c in claims] == ["2025-03-10", "2025-03-11"]
    assert data["story"] == {"id": "st1", "label": "العلاقات الأردنية المصرية"}


def test_article_has_event_duplicates_and_entities(client):
    data = client.get("/api/articles/a1").json()
    assert data["event"]["id"] == "ev1"
    assert ids(data["duplicates"]) == ["a4"]
    assert set(ids(data["entities"])) == {"e-safadi", "e-cairo", "e-abdelatty"}


def test_entity_roles_in_time_order_and_co_occurring(client):
    data = client.get("/api/entities/e-safadi").json()
    assert [r["date"] for r in data["entity"]["roles"]] == ["2024-01-05", "2025-03-10"]
    assert ids(data["events"]) == ["ev2", "ev1"]  # newest first
    shared = {c["id"]: c["shared_articles"] for c in data["co_entities"]}
    assert shared["e-abdelatty"] == 3  # a1, a2 and the duplicate a4


def test_entities_filter_by_label(client):
    data = client.get("/api/entities", params={"label": "LOC"}).json()
    assert {e["label"] for e in data["items"]} == {"LOC"}
    assert client.get("/api/entities", params={"label": "THING"}).status_code == 422


@pytest.mark.parametrize(
    "query",
    ["الصفدى", "الصّفدي", "ايمن الصفدي"],  # alef maqsura for ya, a shadda, a bare alef for أ
)
def test_search_ignores_arabic_spelling_variants(client, query):
    data = client.get("/api/search", params={"q": query}).json()
    assert "a1" in ids(data["items"], "article_id")
    assert "a5" not in ids(data["items"], "article_id")


def test_search_filters_outlet_dates_entity_and_pages(client):
    def found(**params) -> set[str]:
        return set(
            ids(client.get("/api/search", params={"q": "الصفدي", **params}).json()["items"], "article_id")
        )

    assert found() == {"a1", "a2", "a3", "a4"}
    assert found(outlet="الأهرام") == {"a2"}
    assert found(**{"from": "2025-03-11", "to": "2025-03-31"}) == {"a2"}
    assert found(entity="e-abdelatty") == {"a1", "a2", "a4"}
    page = client.get("/api/search", params={"q": "الصفدي", "limit": 2, "offset": 2}).json()
    assert page["total"] == 4 and len(page["items"]) == 2


@pytest.mark.parametrize("kind", ["stories", "events", "articles", "entities"])
def test_unknown_ids_are_404_with_a_clear_json_error(client, kind):
    response = client.get(f"/api/{kind}/no-such-id")
    assert response.status_code == 404
    body = response.json()
    assert body["error"] == "not_found" and body["id"] == "no-such-id"


@pytest.mark.parametrize(
    "url",
    [
        "/api/stories?limit=0",
        "/api/stories?limit=100000",
        "/api/stories?offset=-1",
        "/api/search?q=x&from=31-07-2025",
        "/api/search",
    ],
)
def test_bad_parameters_are_422(client, url):
    assert client.get(url).status_code == 422


def test_openapi_schema_lists_the_api(client):
    paths = client.get("/openapi.json").json()["paths"]
    for p in ("/api/stories", "/api/stories/{story_id}", "/api/events/{event_id}", "/api/search"):
        assert p in paths
    assert "/" not in paths  # HTML pages are not part of the API


# ------------------------------------------------------------------ HTML


def test_pages_are_rtl_arabic_by_default_and_switch_to_english(client):
    html = client.get("/").text
    assert '<html lang="ar" dir="rtl">' in html
    assert "القصص" in html
    response = client.get("/", params={"lang": "en"})
    assert '<html lang="en" dir="ltr">' in response.text and "Stories" in response.text
    assert response.cookies.get("marsad_lang") == "en"
    # the cookie keeps the choice on the next page; article text itself stays Arabic, RTL
    article = client.get("/articles/a1", cookies={"marsad_lang": "en"}).text
    assert '<html lang="en"' in article and '<article lang="ar" dir="rtl">' in article
    client.cookies.clear()


def test_article_page_highlights_entities_and_dates_from_offsets(client):
    html = client.get("/articles/a1").text
    assert '<a class="ent ent-PERSON" href="/entities/e-safadi" title="">أيمن الصفدي</a>' in html
    assert '<time class="date" title="2025-03-10" datetime="2025-03-10">يوم الاثنين</time>' in html
    assert 'id="s0"' in html and 'id="s1"' in html
    assert '<a href="#s1">' in html  # the key point links to its sentence
    assert "<details" in html and "شارك هذا المقال" in html  # removed noise, on demand


def test_embedded_summary_is_shown_apart(client):
    html = client.get("/articles/a2").text
    aside = html[html.index('<aside class="embedded">') : html.index("</aside>")]
    assert "لقاء أردني مصري في القاهرة." in aside


def test_event_page_links_citations_to_sentences(client):
    html = client.get("/events/ev1").text
    assert 'href="/articles/a2#s1"' in html
    # the summary's opening sentence cites every outlet that reports it (a4 is cited nowhere else)
    opening = html[html.index('<div class="opening"') :]
    assert 'href="/articles/a4#s0"' in opening[: opening.index("</div></div>")]
    assert "أين تختلف المصادر" in html and "10 مارس 2025" in html


def test_story_page_has_timeline_svg(client):
    html = client.get("/stories/st1").text
    assert '<svg class="timeline"' in html and 'href="/events/ev1"' in html


def test_search_page_works_without_javascript_and_tolerates_empty_fields(client):
    html = client.get(
        "/search", params={"q": "الصفدى", "outlet": "", "from": "", "to": "", "entity": ""}
    ).text
    assert 'href="/articles/a1"' in html
    assert client.get("/search", params={"q": "x", "from": "yesterday"}).status_code == 200


def test_unknown_page_is_an_html_404(client):
    response = client.get("/events/nope")
    assert response.status_code == 404 and "<html" in response.text


# ------------------------------------------------------------------ escaping


@pytest.mark.parametrize("url", ["/", "/stories/st1", "/events/ev2", "/articles/a3", "/search?q=اللجنة"])
def test_article_text_is_escaped_in_every_page(client, url):
    html = client.get(url).text
    assert XSS not in html
    assert "<script" not in html


def test_article_markup_and_entities_stay_text(client):
    html = client.get("/articles/a3").text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&amp;amp;" in html and "&amp;lt;" in html  # the literal "&amp;" and "&lt;" of the source
    assert 'href="javascript:' not in html


def test_json_returns_article_text_as_plain_strings(client):
    article = client.get("/api/articles/a3").json()["article"]
    assert XSS in article["title"] and "&amp; &lt;" in article["title"]
    assert XSS in article["body"]


def test_server_is_read_only_and_private_by_default(client):
    import inspect

    from marsad.web import serve

    assert inspect.signature(serve).parameters["host"].default == "127.0.0.1"
    assert client.post("/api/stories").status_code == 405
    assert client.delete("/api/articles/a1").status_code == 405


def test_missing_store_fails_at_creation_with_the_reason(tmp_path):
    from marsad.store import StoreError

    with pytest.raises(StoreError, match="no such store"):
        create_app(tmp_path / "absent.db")
