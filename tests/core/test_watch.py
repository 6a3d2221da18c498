"""`marsad watch`: folders and loopback RSS feeds, conditional requests, per-feed errors."""

import json
import threading
import time
import zipfile
from datetime import UTC, datetime
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from xml.sax.saxutils import escape

import pytest
from click.testing import CliRunner

from marsad import pipeline
from marsad.cli import main
from marsad.watch import Watcher, parse_interval, read_feed_list

SNN = Path(__file__).resolve().parents[2].parent / "shared" / "corpus" / "saudinewsnet" / "dataset"
pytestmark = pytest.mark.skipif(not SNN.exists(), reason="SaudiNewsNet not present")


def records(day: str, n: int, skip: int = 0) -> list[dict]:
    with zipfile.ZipFile(SNN / f"{day}.zip") as zf:
        return json.loads(zf.read(f"{day}.json"))[skip : skip + n]


def rss(items: list[dict]) -> bytes:
    entries = "".join(
        f"<item><title>{escape(r['title'] or '')}</title><link>{escape(r['url'])}</link>"
        f"<pubDate>{format_datetime(datetime.fromisoformat(r['date_extracted']).replace(tzinfo=UTC))}"
        f"</pubDate><description>{escape(r['content'])}</description></item>"
        for r in items
    )
    return f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>loopback</title>{entries}</channel></rss>'.encode()


class Feeds:
    """Feeds served on 127.0.0.1: /news (ETag and Last-Modified), /missing (404), /slow (hangs)."""

    def __init__(self) -> None:
        self.body = rss(records("2015-07-21", 6))
        self.etag = '"v1"'
        self.requests: list[tuple[str, str | None]] = []
        feeds = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):  # quiet
                pass

            def do_GET(self):
                feeds.requests.append((self.path, self.headers.get("If-None-Match")))
                if self.path == "/slow":
                    time.sleep(2)
                if self.path != "/news":
                    self.send_response(404)
                    self.end_headers()
                    return
                if self.headers.get("If-None-Match") == feeds.etag:
                    self.send_response(304)
                    self.end_headers()
                    return
                self.send_response(200)
                self.send_header("Content-Type", "application/rss+xml")
                self.send_header("ETag", feeds.etag)
                self.send_header("Last-Modified", "Tue, 21 Jul 2015 10:00:00 GMT")
                self.end_headers()
                self.wfile.write(feeds.body)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def feeds():
    f = Feeds()
    yield f
    f.close()


def test_rounds_follow_a_folder_and_feeds_with_conditional_requests(feeds, tmp_path):
    from fastapi.testclient import TestClient

    from marsad.web.app import create_app

    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.json").write_text(json.dumps(records("2015-07-22", 5), ensure_ascii=False), encoding="utf-8")
    settings = pipeline.Settings(store=tmp_path / "m.db", workers=1)
    urls = [f"{feeds.base}/news", f"{feeds.base}/missing", f"{feeds.base}/slow"]
    watcher = Watcher([folder], urls, settings, timeout=0.5)
    try:
        first = watcher.round()
        assert first.files == 1 and first.feeds == 1 and first.new_articles >= 8
        errors = dict(first.feed_errors)
        assert errors[urls[1]] == "HTTP 404" and errors[urls[2]] == "timeout"
        web = TestClient(create_app(settings.store))
        seen = web.get("/api/stories").json()["total"]
        assert seen == first.stories > 0

        second = watcher.round()  # nothing new: the feed answers 304, the folder is unchanged
        assert (second.files, second.feeds, second.unchanged, second.new_articles) == (0, 0, 1, 0)
        assert (second.events, second.stories) == (first.events, first.stories)
        assert ("/news", '"v1"') in feeds.requests  # a conditional request, answered 304

        feeds.body, feeds.etag = rss(records("2015-07-21", 6) + records("2015-07-23", 6)), '"v2"'
        (folder / "b.json").write_text(
            json.dumps(records("2015-07-22", 4, skip=50), ensure_ascii=False), encoding="utf-8"
        )
        third = watcher.round()
        assert third.files == 1 and third.feeds == 1
        assert third.known_articles >= 6 and third.new_articles >= 8  # only the new entries count
        assert third.events > first.events
        # the running web app sees the new events without a restart
        assert web.get("/api/stories").json()["total"] == third.stories
    finally:
        watcher.close()


def test_watch_command_runs_bounded_rounds_and_reports_in_both_languages(feeds, tmp_path):
    feed_file = tmp_path / "feeds.txt"
    feed_file.write_text(f"# loopback\n{feeds.base}/news\n\n{feeds.base}/missing\n", encoding="utf-8")
    runner = CliRunner()
    db = str(tmp_path / "m.db")
    ar = runner.invoke(
        main, ["--db", db, "watch", "--feeds", str(feed_file), "--every", "0.1s", "--rounds", "2"]
    )
    assert ar.exit_code == 0, ar.output
    assert ar.output.count("الجولة") == 2 and "مقالات جديدة: 6" in ar.output
    en = runner.invoke(
        main,
        ["--lang", "en", "--db", db, "watch", "--feeds", str(feed_file), "--every", "1s", "--rounds", "1"],
    )
    assert en.exit_code == 0 and "round 1:" in en.output and "new articles: 0" in en.output
    assert "unchanged: 1" in en.output  # the validators were kept in the store across runs
    bad = runner.invoke(main, ["--lang", "en", "--db", db, "watch"])
    assert bad.exit_code == 2 and "Traceback" not in bad.output
    bad = runner.invoke(main, ["--lang", "en", "--db", db, "watch", str(tmp_path), "--every", "soon"])
    assert bad.exit_code == 2 and "invalid interval" in bad.output


def test_intervals_and_feed_lists(tmp_path):
    assert parse_interval("90") == 90 and parse_interval("5m") == 300 and parse_interval("0.5s") == 0.5
    with pytest.raises(ValueError):
        parse_interval("soon")
    path = tmp_path / "f.txt"
    path.write_text("# c\n  http://a/x  \n\nhttp://b/y\n", encoding="utf-8")
    assert read_feed_list(path) == ["http://a/x", "http://b/y"]
