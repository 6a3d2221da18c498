"""``marsad watch``: follow folders and RSS/Atom feeds, and keep the corpus up to date.

Each round lists the watched folders for files that are new or changed since the last round,
fetches every feed with a conditional request (``If-None-Match`` / ``If-Modified-Since`` from
the previous answer, so an unchanged feed costs one 304), ingests what is new and updates the
corpus state for the new articles only. A feed that times out or fails is reported and tried
again next round; it never stops the others. Feed validators are kept in the store, so a
restarted watcher does not fetch unchanged feeds again.

``marsad serve`` on the same store shows new events as soon as a round has written them:
every request reads the store afresh.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from marsad.model import Document, Rejected

if TYPE_CHECKING:
    import httpx

    from marsad.pipeline import Settings

_FEED_STATE = "watch_feeds"


@dataclass
class RoundReport:
    """What one round did."""

    round: int
    files: int = 0  # new or changed files read
    feeds: int = 0  # feeds that answered with content
    unchanged: int = 0  # feeds that answered 304 Not Modified
    feed_errors: list[tuple[str, str]] = field(default_factory=list)  # (url, reason)
    new_articles: int = 0
    known_articles: int = 0
    rejected: list[Rejected] = field(default_factory=list)
    events: int = 0
    stories: int = 0
    cpu_seconds: float = 0.0


def read_feed_list(path: Path) -> list[str]:
    """Feed URLs, one a line; blank lines and ``#`` comments are skipped."""
    lines = (line.strip() for line in path.read_text(encoding="utf-8").splitlines())
    return [line for line in lines if line and not line.startswith("#")]


def parse_interval(text: str) -> float:
    """Seconds in "90", "90s", "5m" or "1h"; ValueError otherwise."""
    text = text.strip().lower()
    units = {"s": 1, "m": 60, "h": 3600}
    scale = units.get(text[-1:], None)
    number = text[:-1] if scale else text
    value = float(number) * (scale or 1)
    if value <= 0:
        raise ValueError(f"interval must be positive: {text!r}")
    return value


class Watcher:
    """Follows ``paths`` (folders or files) and ``feeds`` (URLs); one :meth:`round` at a time."""

    def __init__(
        self,
        paths: Iterable[str | Path],
        feeds: Iterable[str],
        settings: Settings,
        *,
        timeout: float = 20.0,
        client: httpx.Client | None = None,
    ) -> None:
        import httpx

        self.paths = [Path(p) for p in paths]
        self.feeds = list(feeds)
        self.settings = settings
        self.client = client or httpx.Client(
            timeout=httpx.Timeout(timeout), follow_redirects=True, headers={"User-Agent": "marsad-watch"}
        )
        self.seen: dict[Path, tuple[int, int]] = {}  # file → (size, mtime) when last read
        self.validators: dict[str, dict[str, str]] = self._load_validators()
        self.rounds = 0
        from marsad.pipeline import CorpusCache

        # the corpus state stays in memory between rounds (reloaded if another process
        # updated the store meanwhile): a round of a few new articles does not load it again
        self.corpus_cache = CorpusCache()

    def close(self) -> None:
        self.client.close()

    # ------------------------------------------------------------------ sources

    def new_files(self) -> list[Path]:
        """Files under the watched paths that are new or changed since they were last read."""
        from marsad.ingest import iter_files

        found = []
        for item in iter_files(self.paths):
            if isinstance(item, Rejected):
                continue  # unknown file types sit beside corpora; a missing path is reported once below
            try:
                st = item.stat()
            except OSError:
                continue
            key = (st.st_size, st.st_mtime_ns)
            if self.seen.get(item) != key:
                self.seen[item] = key
                found.append(item)
        return found

    def fetch(self, url: str, report: RoundReport) -> bytes | None:
        """The feed's bytes when it changed, None when unchanged or failed (failure reported)."""
        import httpx

        headers = {}
        known = self.validators.get(url, {})
        if known.get("etag"):
            headers["If-None-Match"] = known["etag"]
        if known.get("last_modified"):
            headers["If-Modified-Since"] = known["last_modified"]
        try:
            response = self.client.get(url, headers=headers)
        except httpx.TimeoutException:
            report.feed_errors.append((url, "timeout"))
            return None
        except httpx.HTTPError as exc:
            report.feed_errors.append((url, f"{type(exc).__name__}: {exc}"))
            return None
        if response.status_code == 304:
            report.unchanged += 1
            return None
        if response.status_code >= 400:
            report.feed_errors.append((url, f"HTTP {response.status_code}"))
            return None
        self.validators[url] = {
            k: v
            for k, v in (
                ("etag", response.headers.get("etag")),
                ("last_modified", response.headers.get("last-modified")),
            )
            if v
        }
        report.feeds += 1
        return response.content

    def _documents(self, files: list[Path], feeds: list[tuple[str, bytes]]) -> Iterator[Document | Rejected]:
        from marsad.ingest import read_bytes, read_sources

        yield from read_sources(files)
        for url, data in feeds:
            yield from read_bytes(data, f"{url}!feed.xml")  # the suffix picks the feed reader

    # ------------------------------------------------------------------ one round

    def round(self, on_rejected: Callable[[Rejected], None] | None = None) -> RoundReport:
        from marsad import pipeline

        start = time.process_time()
        self.rounds += 1
        report = RoundReport(self.rounds)
        missing = [p for p in self.paths if not p.exists()]
        for p in missing:
            report.rejected.append(Rejected(str(p), "not_found", "no such file or folder"))
        files = self.new_files()
        report.files = len(files)
        feeds = [(url, data) for url in self.feeds if (data := self.fetch(url, report)) is not None]
        if files or feeds:
            result = pipeline.ingest_documents(
                self._documents(files, feeds), self.settings, on_rejected=on_rejected
            )
            report.new_articles, report.known_articles = result.new_articles, result.known_articles
            report.rejected += result.rejected
        counts = pipeline.update_corpus(self.settings, cache=self.corpus_cache)
        report.events, report.stories = counts.n_events, counts.n_stories
        self._save_validators()
        report.cpu_seconds = time.process_time() - start
        return report

    def run(
        self,
        every: float,
        rounds: int = 0,
        on_round: Callable[[RoundReport], None] | None = None,
        on_rejected: Callable[[Rejected], None] | None = None,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        """Rounds every ``every`` seconds; ``rounds`` > 0 stops after that many."""
        while True:
            began = time.monotonic()
            report = self.round(on_rejected)
            if on_round:
                on_round(report)
            if rounds and self.rounds >= rounds:
                return
            sleep(max(0.0, every - (time.monotonic() - began)))

    # ------------------------------------------------------------------ feed validators

    def _load_validators(self) -> dict[str, dict[str, str]]:
        from marsad.store import open_store

        store = open_store(self.settings.store)
        try:
            raw = store.load_state(_FEED_STATE)  # type: ignore[attr-defined]
        finally:
            store.close()
        try:
            return json.loads(raw) if raw else {}
        except ValueError:
            return {}

    def _save_validators(self) -> None:
        from marsad.store import open_store

        store = open_store(self.settings.store)
        try:
            store.save_state(_FEED_STATE, json.dumps(self.validators).encode())  # type: ignore[attr-defined]
        finally:
            store.close()


__all__ = ["RoundReport", "Watcher", "parse_interval", "read_feed_list"]
