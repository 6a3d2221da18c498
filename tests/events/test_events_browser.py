"""Who said what / who met whom in the system's headless Chromium, on the five samples.

Skips without /usr/bin/chromium, Playwright or the seeds, unless MARSAD_REQUIRE_BROWSER=1.
Screenshots go to test-artifacts/ at the repository root.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from marsad.pipeline import Settings, run
from marsad.store import open_store

pytestmark = pytest.mark.browser

SEEDS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus" / "seeds"


@pytest.fixture(scope="module")
def site(tmp_path_factory, browser, serve, unavailable):
    if not SEEDS.is_dir():
        unavailable(f"the seeds corpus is not at {SEEDS}")
    db = tmp_path_factory.mktemp("events-browser") / "seeds.db"
    run([SEEDS], Settings(store=db, workers=1))
    store = open_store(db, read_only=True)
    try:
        lavrov = next(e for e in store.list_entities(label="PERSON", limit=500).items if "لافروف" in e.name)
        event = next(
            a for a in store.iter_articles() if a.origin.endswith("001_e866f567f2cfb250.txt")
        ).event_id
    finally:
        store.close()
    with serve(db) as url:
        yield browser, url, lavrov.id, event


def test_event_page_who_said_what_links_to_the_sentence(site, shot):
    browser, base, lavrov, event = site
    page = browser.new_page(viewport={"width": 1100, "height": 900})
    page.goto(f"{base}/events/{event}?lang=ar")
    said = page.locator("section#who-said")
    assert said.is_visible()
    assert said.locator("h3").count() >= 2  # grouped by speaker
    assert "لافروف" in said.inner_text()
    assert page.locator("section#who-met").is_visible()
    assert "أبو قصرة" in page.locator("section#who-met").inner_text()
    shot(page, "events-who-said.png")
    said.locator("a.cite").first.click()
    page.wait_for_url("**/articles/**")
    assert "#s" in page.url  # the quote's sentence
    page.close()


def test_entity_page_shows_what_he_said_and_whom_he_met(site, shot):
    browser, base, lavrov, _ = site
    page = browser.new_page(viewport={"width": 390, "height": 844})  # phone width
    page.goto(f"{base}/entities/{lavrov}?lang=ar")
    assert page.locator("section#said").is_visible()
    assert page.locator("section#said li.quote").count() >= 1
    assert "الشيباني" in page.locator("section#met-with").inner_text()
    shot(page, "events-entity-said.png")
    page.close()
