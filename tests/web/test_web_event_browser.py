"""The analyst's event page in the system Chromium, on real SaudiNewsNet reports.

The store holds the 6 August 2015 Asir mosque bombing as reported by ten or more SaudiNewsNet
outlets (see ``web_corpus.build_snn_event_store``). Desktop and phone screenshots go to
test-artifacts/. Skips without Chromium, Playwright or the corpus, unless MARSAD_REQUIRE_BROWSER=1.
"""

from __future__ import annotations

import re
import urllib.request

import pytest
from web_corpus import SNN, build_snn_event_store

from marsad.outlets import registry
from marsad.web.i18n import count

pytestmark = pytest.mark.browser

PHONES = (360, 390, 414)
ENTITY_ID = re.compile(r"\b[A-Z]{1,4}-[0-9a-f]{6,}\b")


@pytest.fixture(scope="module")
def snn_site(tmp_path_factory, serve, unavailable):
    if not SNN.is_dir():
        unavailable(f"the SaudiNewsNet corpus is not at {SNN}")
    built = build_snn_event_store(tmp_path_factory.mktemp("snn") / "snn.db")
    assert built is not None
    store, event_id = built
    with serve(store) as url:
        yield url, event_id


def no_overflow(page) -> None:
    wide = page.evaluate("document.documentElement.scrollWidth")
    assert wide <= page.viewport_size["width"], f"page is {wide}px wide at {page.viewport_size['width']}px"


def outlet_codes() -> set[str]:
    return {o.key for o in registry().by_key.values()}


def test_event_page_names_outlets_and_differences_in_arabic(snn_site, browser, shot):
    base, event_id = snn_site
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(f"{base}/events/{event_id}")
    main = page.locator("main").inner_text()
    assert not ENTITY_ID.search(main), ENTITY_ID.search(main)
    words = set(re.findall(r"[A-Za-z0-9_]+", main))
    assert not words & outlet_codes(), words & outlet_codes()  # no "alriyadh", "3alyoum"…
    assert not re.search(r"[A-Za-z]{3,}", main), re.findall(r"[A-Za-z]{3,}", main)[:5]  # no English at all
    for name in ("الرياض", "الوئام", "عين اليوم", "الشرق الأوسط"):
        assert name in main

    # counts agree with the lists under them
    groups = page.locator("section.by-outlet h3")
    n_outlets = groups.count()
    assert n_outlets >= 10
    meta = page.locator("h1 + p.meta").inner_text()
    assert count("n_outlets", n_outlets, "ar") in meta
    n_articles = page.locator("section.by-outlet ul.article-list > li").count()
    assert count("n_articles", n_articles, "ar") in meta
    assert page.locator("section.coverage ul.outlets li").count() == n_outlets

    # coverage at a glance: bars by country and kind, and who was first
    assert page.locator("section.coverage svg.share-bar").count() == 2
    assert "أول من نشر" in page.locator("section.coverage").inner_text()

    # differences: an Arabic sentence, each value quoted and linked to its sentence
    differ = page.locator("section.differ")
    assert "تختلف المصادر في" in differ.inner_text()
    claim = differ.locator("li.claim").first
    assert claim.locator("blockquote").count() >= 1
    href = claim.locator("a.cite").first.get_attribute("href")
    assert re.fullmatch(r"/articles/[^#]+#s\d+", href)

    # bidi: every date is a <time datetime> inside an isolate
    times = page.locator("main time")
    assert times.count() >= n_articles
    for i in range(times.count()):
        t = times.nth(i)
        assert re.fullmatch(r"\d{4}(-\d{2}){0,2}", t.get_attribute("datetime") or ""), t.inner_text()
        assert t.evaluate("e => !!e.closest('bdi, [dir]')")
    shot(page, "event-desktop.png")

    # a folded list opens
    more = differ.locator("details.more summary")
    if more.count():
        more.first.click()
    page.close()


@pytest.mark.parametrize("width", PHONES)
def test_event_and_story_pages_fit_a_phone(snn_site, browser, width, shot):
    base, event_id = snn_site
    page = browser.new_page(viewport={"width": width, "height": 800}, is_mobile=True, has_touch=True)
    page.goto(f"{base}/events/{event_id}")
    no_overflow(page)
    small = page.evaluate(
        """() => [...document.querySelectorAll(
              'header nav a, a.lang, button, a.cite, .chip, details > summary, .pager a')]
           .filter(e => e.offsetParent !== null)
           .map(e => [e.textContent.trim().slice(0, 20), e.getBoundingClientRect().height])
           .filter(([, h]) => h < 40)"""
    )
    assert not small, small[:5]
    if width == 390:
        shot(page, "event-phone.png")
    page.goto(f"{base}/stories/st_snn_asir")
    no_overflow(page)
    assert page.locator("ol.vtimeline").is_visible()  # the phone's timeline: vertical, readable
    assert not page.locator(".timeline-scroll").is_visible()
    font = page.locator("ol.vtimeline a.title").first.evaluate(
        "e => parseFloat(getComputedStyle(e).fontSize)"
    )
    assert font >= 14
    if width == 390:
        shot(page, "story-phone.png")
    page.goto(f"{base}/search?q=" + urllib.request.quote("عسير"))
    no_overflow(page)
    first_article = page.locator("li.hit a.title").first.get_attribute("href")
    for path in ("/", "/entities", first_article, "/docs", "/events/missing"):
        page.goto(base + path)
        no_overflow(page)
    if width == 360:
        shot(page, "search-phone.png")
    page.close()


def search_hits(page, base: str, **params) -> list[str]:
    from urllib.parse import urlencode

    page.goto(f"{base}/search?{urlencode(params)}")
    return page.locator("ol.results li.hit").all_inner_texts()


def test_search_phrases_or_exclusion_sort_filters_and_highlight(snn_site, browser, shot):
    base, _ = snn_site
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    both = search_hits(page, base, q="قوات الطوارئ")
    phrase = search_hits(page, base, q='"قوات الطوارئ"')
    assert 0 < len(phrase) <= len(both)
    assert page.locator("li.hit .snippet mark").count() >= 1  # matched words highlighted
    assert all("قوات الطوارئ" in h or "قوات الطوارىء" in h or "قوات" in h for h in phrase)
    asir = search_hits(page, base, q="عسير")
    without = search_hits(page, base, q="عسير -أبها")
    assert len(without) < len(asir)
    abha = re.compile(r"^(?:[وفبلك]|وب|ول)?[أا]بها$")
    assert not [w for h in without for w in re.findall(r"\w+", h) if abha.match(w)]
    kuwait, bahrain = search_hits(page, base, q="الكويت"), search_hits(page, base, q="البحرين")
    either = search_hits(page, base, q="الكويت OR البحرين")
    assert len(either) >= max(len(kuwait), len(bahrain))
    # outlet by its Arabic name; the page shows names, never codes
    riyadh = search_hits(page, base, q="عسير", outlet="الرياض")
    assert riyadh and all("الرياض" in h for h in riyadh)
    assert not re.search(r"\balriyadh\b", page.locator("main").inner_text())
    # sorted by date: the dates shown never go up
    page.goto(f"{base}/search?q=" + urllib.request.quote("عسير") + "&sort=date")
    dates = [t.get_attribute("datetime") for t in page.locator("li.hit time").all()]
    assert dates == sorted(dates, reverse=True)
    shot(page, "search-desktop.png")
    context.close()


def test_api_docs_offline_arabic_404_and_head(snn_site, browser):
    base, event_id = snn_site
    page = browser.new_page()
    external = []
    page.on("request", lambda r: external.append(r.url) if not r.url.startswith(base) else None)
    page.goto(f"{base}/docs")
    assert "/api/search" in page.locator("main").inner_text()
    assert external == []  # nothing from a CDN
    response = page.goto(f"{base}/events/no-such-event")
    assert response.status == 404
    assert page.locator("html").get_attribute("lang") == "ar"
    assert "لا يوجد حدث" in page.locator("main").inner_text()
    page.locator("a.lang").click()
    assert page.locator("html").get_attribute("lang") == "en"
    page.close()
    for path in ("/", f"/events/{event_id}", "/search?q=x", "/docs"):
        request = urllib.request.Request(base + path, method="HEAD")
        with urllib.request.urlopen(request) as r:
            assert r.status == 200 and r.read() == b""
