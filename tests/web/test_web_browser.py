"""End to end in the system's headless Chromium: the seeds store, served by uvicorn on loopback.

Skips when /usr/bin/chromium (or the seeds, or Playwright) is missing — unless
MARSAD_REQUIRE_BROWSER=1, as in CI, where a missing browser is a failure. Screenshots go to
test-artifacts/ at the repository root.
"""

from __future__ import annotations

import pytest
from web_corpus import SEEDS, build_seeds_store

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def base_url(tmp_path_factory, serve, unavailable):
    if not SEEDS.is_dir():
        unavailable(f"the seeds corpus is not at {SEEDS}")
    store = build_seeds_store(tmp_path_factory.mktemp("browser") / "seeds.db")
    if store is None:
        unavailable("the pipeline could not build the seeds store")
    with serve(store) as url:
        yield url


def test_click_from_story_to_event_to_article(base_url, browser, shot):
    page = browser.new_page(viewport={"width": 1100, "height": 900})
    page.goto(base_url + "/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    stories = page.locator(".story-card a.title")
    assert stories.count() >= 1
    stories.first.click()
    page.wait_for_url("**/stories/**")
    assert page.locator("svg.timeline").count() == 1
    shot(page, "web-story.png")
    page.locator("ol.events a.title").first.click()
    page.wait_for_url("**/events/**")
    assert page.locator("section.by-outlet").is_visible()
    page.locator("section.by-outlet a.title").first.click()
    page.wait_for_url("**/articles/**")
    body = page.locator("article .body")
    assert body.is_visible() and len(body.inner_text()) > 200
    assert page.locator("article .body a.ent").count() > 0  # entity mentions are linked
    page.locator("details.removed summary").click()  # removed noise opens on demand
    shot(page, "web-article.png")
    page.close()


def result_count(page, base_url: str, query: str) -> int:
    page.goto(base_url + "/search")
    page.fill("input[name=q] >> nth=-1", query)  # the page form, not the header's quick search
    page.locator("form.search-form button[type=submit]").click()
    page.wait_for_url("**/search?**")
    return page.locator("ol.results li.hit").count()


def test_search_ignores_hamza_and_ya_variants_without_javascript(base_url, browser, shot):
    context = browser.new_context(java_script_enabled=False)  # the UI must work without JS
    page = context.new_page()
    expected = sum("الشيباني" in p.read_text(encoding="utf-8") for p in SEEDS.glob("*.txt"))
    assert expected >= 1
    exact = result_count(page, base_url, "الشيباني")
    assert exact == expected  # every seed naming him in its prose is found
    assert result_count(page, base_url, "الشيبانى") == exact  # final ya written as alef maqsura
    with_hamza = result_count(page, base_url, "أسعد")
    assert with_hamza >= 1
    assert result_count(page, base_url, "اسعد") == with_hamza  # bare alef for أ
    shot(page, "web-search.png")
    context.close()


def test_language_toggle_switches_to_english_and_back(base_url, browser):
    page = browser.new_page()
    page.goto(base_url + "/")
    page.locator("a.lang").click()
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("html").get_attribute("dir") == "ltr"
    page.goto(base_url + "/search")  # the choice is kept by a cookie
    assert page.locator("html").get_attribute("lang") == "en"
    page.locator("a.lang").click()
    assert page.locator("html").get_attribute("dir") == "rtl"
    page.close()
