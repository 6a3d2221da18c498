"""Who said what / who met whom in the system's headless Chromium, on the five samples.

Skips without /usr/bin/chromium, Playwright or the seeds, unless MARSAD_REQUIRE_BROWSER=1.
Screenshots go to test-artifacts/ at the repository root.
"""

from __future__ import annotations

import os
import socket
import threading
import time
from pathlib import Path

import pytest

from marsad.pipeline import Settings, run
from marsad.store import open_store

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parents[2]
SEEDS = REPO.parent / "shared" / "corpus" / "seeds"
CHROMIUM = Path(os.environ.get("MARSAD_CHROMIUM", "/usr/bin/chromium"))
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]


def unavailable(reason: str) -> None:
    if os.environ.get("MARSAD_REQUIRE_BROWSER") == "1":
        pytest.fail(f"browser tests required (MARSAD_REQUIRE_BROWSER=1) but {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    if not CHROMIUM.exists():
        unavailable(f"{CHROMIUM} is not installed")
    if not SEEDS.is_dir():
        unavailable(f"the seeds corpus is not at {SEEDS}")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        unavailable("the playwright package is not installed (dev extras)")
    import uvicorn

    from marsad.web import create_app

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
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(db), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("uvicorn did not start on loopback")
        time.sleep(0.05)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield browser, f"http://127.0.0.1:{port}", lavrov.id, event
        browser.close()
    server.should_exit = True
    thread.join(timeout=10)


def shot(page, name: str) -> None:
    (REPO / "test-artifacts").mkdir(exist_ok=True)
    page.screenshot(path=str(REPO / "test-artifacts" / name), full_page=True)


def test_event_page_who_said_what_links_to_the_sentence(site):
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


def test_entity_page_shows_what_he_said_and_whom_he_met(site):
    browser, base, lavrov, _ = site
    page = browser.new_page(viewport={"width": 390, "height": 844})  # phone width
    page.goto(f"{base}/entities/{lavrov}?lang=ar")
    assert page.locator("section#said").is_visible()
    assert page.locator("section#said li.quote").count() >= 1
    assert "الشيباني" in page.locator("section#met-with").inner_text()
    shot(page, "events-entity-said.png")
    page.close()
