"""Body highlighting, the timeline SVG and the static report."""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET

from hypothesis import given
from hypothesis import strategies as st
from web_corpus import XSS, build_sample_store, sample_articles, sample_corpus

from marsad.model import Event, Story, to_dict
from marsad.store import open_store
from marsad.web.markup import highlights, render_body
from marsad.web.static import SiteSettings, write_site
from marsad.web.timeline import render_timeline_svg, sparkline_svg


def no_link(_: str) -> None:
    return None


def visible_text(markup: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", markup))


# ------------------------------------------------------------------ body


def test_overlapping_spans_keep_the_earlier_longer_one():
    article = {
        "body": "استقبل الرئيس أحمد الشرع وفدًا",
        "mentions": [
            {"text": "الرئيس أحمد الشرع", "start": 7, "end": 24, "label": "PERSON", "entity_id": "p1"},
            {"text": "أحمد الشرع", "start": 14, "end": 24, "label": "PERSON", "entity_id": "p1"},
        ],
        "time_exprs": [{"text": "x", "start": 100, "end": 105, "value": "2025"}],  # out of range: ignored
    }
    marks = highlights(article, no_link)
    assert [(h.start, h.end) for h in marks] == [(7, 24)]


def test_body_without_blocks_falls_back_to_lines_and_escapes():
    article = {"body": f"سطر أول {XSS}\nسطر & ثانٍ", "sentences": []}
    out = str(render_body(article, no_link))
    assert out.count("<p ") == 2
    assert "&lt;script&gt;" in out and "&amp;" in out and "<script>" not in out


span = st.tuples(st.integers(0, 60), st.integers(1, 12))
texts = st.text(alphabet="ابتثجح خد\n<>&\"'؟،.", min_size=1, max_size=60)


@given(texts, st.lists(span, max_size=6), st.lists(span, max_size=4))
def test_rendering_never_loses_or_adds_body_text(body, mentions, dates):
    article = {
        "body": body,
        "mentions": [
            {"text": "", "start": s, "end": s + n, "label": "LOC", "entity_id": "e"} for s, n in mentions
        ],
        "time_exprs": [{"text": "", "start": s, "end": s + n, "value": "2025-01-01"} for s, n in dates],
        "sentences": [{"id": 0, "start": 0, "end": len(body)}],
    }
    out = str(render_body(article, lambda i: f"/entities/{i}"))
    lines = [line for line in body.split("\n") if line.strip()]
    assert visible_text(out).replace("\n", "") == "".join(lines)


# ------------------------------------------------------------------ timeline


def events_for_timeline() -> tuple[Story, list[Event]]:
    events = [
        Event("e1", "زيارة الوزير إلى موسكو", ["a", "b"], ["س", "ص"], "2025-07-31"),
        Event("e2", f"قمة {XSS} & <b>", ["c"], ["س"], "2025-10-15"),
        Event("e3", "اجتماع بلا تاريخ", ["d"], ["ع"], None),
    ]
    return Story("s", "قصة", ["e1", "e2", "e3"]), events


def circle_x(svg: str, event_id: str) -> float:
    group = svg[svg.index(f'href="/events/{event_id}"') :]
    return float(re.search(r'<circle cx="([\d.]+)"', group).group(1))


def test_timeline_runs_right_to_left_in_arabic_and_left_to_right_in_english():
    story, events = events_for_timeline()
    href = lambda i: f"/events/{i}"  # noqa: E731
    ar = render_timeline_svg(story, events, lang="ar", href=href)
    en = render_timeline_svg(story, events, lang="en", href=href)
    assert circle_x(ar, "e1") > circle_x(ar, "e2")  # earliest on the right
    assert circle_x(en, "e1") < circle_x(en, "e2")
    assert "31 يوليو 2025" in ar and "31 Jul 2025" in en
    assert "مصدران" in ar and "2 outlets" in en  # outlet count of the first event, in the dual
    assert "بلا تاريخ" in ar  # the undated event is counted, not dropped silently


def test_timeline_is_well_formed_svg_with_escaped_labels():
    story, events = events_for_timeline()
    svg = render_timeline_svg(story, events)
    root = ET.fromstring(svg)  # parses: every label was escaped
    assert root.tag.endswith("svg")
    assert XSS not in svg and "&lt;script&gt;" in svg


def test_timeline_labels_on_one_day_go_to_separate_lanes():
    events = [Event(f"e{i}", f"حدث رقم {i} في اليوم نفسه", ["a"], ["س"], "2025-01-01") for i in range(4)]
    svg = render_timeline_svg(Story("s", "قصة", []), events)
    label_rows = {m for m in re.findall(r'class="tl-label" x="[\d.]+" y="([\d.]+)"', svg)}
    assert len(label_rows) == 4


def test_long_story_labels_only_its_most_reported_events():
    events = [
        Event(f"e{i}", f"حدث {i}", ["a"] * (1 + i % 7), ["س"], f"2025-01-{1 + i % 28:02d}") for i in range(40)
    ]
    svg = render_timeline_svg(Story("s", "قصة", []), events, max_labels=10)
    assert svg.count("<circle") == 40  # every event is on the axis
    assert svg.count('class="tl-label"') == 10
    biggest = {e.label for e in events if len(e.articles) == 7}
    labelled = set(re.findall(r'class="tl-label"[^>]*>([^<]+)<', svg))
    assert biggest <= labelled


def test_sparkline_mirrors_in_arabic():
    activity = [{"date": "2025-01-01", "articles": 1}, {"date": "2025-01-05", "articles": 4}]
    ar = re.search(r'points="([^"]+)"', sparkline_svg(activity, lang="ar")).group(1).split()
    en = re.search(r'points="([^"]+)"', sparkline_svg(activity, lang="en")).group(1).split()
    assert float(ar[0].split(",")[0]) > float(ar[1].split(",")[0])
    assert float(en[0].split(",")[0]) < float(en[1].split(",")[0])
    assert sparkline_svg([], lang="ar") == ""


# ------------------------------------------------------------------ static report


def test_static_site_writes_linked_pages(tmp_path):
    path = build_sample_store(tmp_path / "s.db")
    store = open_store(path, read_only=True)
    try:
        out = write_site(store, tmp_path / "site")
    finally:
        store.close()
    names = {p.name for p in out.iterdir()}
    assert {
        "index.html",
        "story-st1.html",
        "event-ev1.html",
        "article-a3.html",
        "entity-e-safadi.html",
    } <= names
    assert (out / "static" / "style.css").exists()
    index = (out / "index.html").read_text(encoding="utf-8")
    assert 'href="story-st1.html"' in index and 'href="/' not in index  # relative links only
    event = (out / "event-ev1.html").read_text(encoding="utf-8")
    assert 'href="article-a2.html#s1"' in event
    assert XSS not in (out / "article-a3.html").read_text(encoding="utf-8")


def test_static_site_caps_pages_and_never_links_to_missing_ones(tmp_path):
    path = build_sample_store(tmp_path / "s.db")
    store = open_store(path, read_only=True)
    try:
        out = write_site(store, tmp_path / "site", settings=SiteSettings(max_stories=1, max_articles=1))
    finally:
        store.close()
    pages = {p.name for p in out.glob("*.html")}
    assert "story-st2.html" not in pages
    assert len([p for p in pages if p.startswith("article-")]) == 1
    for page in out.glob("*.html"):
        for target in re.findall(r'href="([^"#]+\.html)', page.read_text(encoding="utf-8")):
            assert target in pages, f"{page.name} links to missing {target}"
    assert "تُعرض أول 1 فقط من 2." in (out / "index.html").read_text(encoding="utf-8")


def test_sample_corpus_is_consistent():
    """Guard for the fixture itself: offsets point at the words they name."""
    articles = sample_articles()
    sample_corpus(articles)
    for a in articles:
        for m in a.mentions:
            assert a.body[m.start : m.end] == m.text
        for t in a.time_exprs:
            assert a.body[t.start : t.end] == t.text
        assert to_dict(a)["id"] == a.id


def test_role_periods_group_repeated_roles_with_their_date_range():
    from marsad.model import Entity, RoleStatement
    from marsad.web.views import role_periods

    entity = Entity(
        "p",
        "PERSON",
        "أسعد الشيباني",
        roles=[
            RoleStatement("وزير الخارجية", "2025-07-31", "a1", 2),
            RoleStatement("وزير الخارجية", None, "a2", 0),
            RoleStatement("وزير الخارجية", "2025-01-03", "a3", 1),
            RoleStatement("مستشار", None, "a4", 5),
        ],
    )
    periods = role_periods(entity)
    assert [(p["role"], p["first"], p["last"]) for p in periods] == [
        ("وزير الخارجية", "2025-01-03", "2025-07-31"),
        ("مستشار", None, None),
    ]
    assert len(periods[0]["sources"]) == 3


def test_long_summaries_show_their_lead_and_keep_the_rest():
    from marsad.web.pages import lead

    text = "جملة أولى قصيرة. " * 60
    head, rest = lead(text, limit=100)
    assert len(head) <= 100 and head.endswith(".")
    assert (head + " " + rest).split() == text.split()  # nothing lost
    assert lead("نص قصير.", limit=100) == ("نص قصير.", "")
