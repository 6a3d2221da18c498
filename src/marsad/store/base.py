"""The storage interface shared by every backend."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from typing import Any, Protocol

from marsad.model import Article, DuplicateGroup, Entity, Event, Rejected, Story
from marsad.store.query import SearchQuery

IN_BATCH = 500  # SQLite caps the bound parameters of one statement


def rows_in(db: Any, sql: str, ids: list[str], *before: object) -> Iterator[tuple]:
    """The rows of ``sql`` for every batch of ``ids``, its ``{marks}`` standing for their
    placeholders and ``before`` for parameters bound ahead of them."""
    for i in range(0, len(ids), IN_BATCH):
        part = ids[i : i + IN_BATCH]
        yield from db.execute(sql.replace("{marks}", ",".join("?" * len(part))), (*before, *part))


class StoreError(RuntimeError):
    """A store could not be opened or used; names the location and the reason."""

    def __init__(
        self, location: str, reason: str, *, code: str = "failed", detail: str | None = None
    ) -> None:
        super().__init__(f"{location}: {reason}")
        self.location = location
        self.reason = reason
        # for translated messages: 'missing' (no store there), 'unusable' (not a Marsad store,
        # ``detail`` says why) or 'failed' (anything else; ``reason`` says what)
        self.code = code
        self.detail = detail if detail is not None else reason


@dataclass(frozen=True)
class SearchHit:
    article_id: str
    title: str | None
    outlet: str | None
    published: str | None
    snippet: str
    score: float
    highlights: list[tuple[int, int]] = field(default_factory=list)  # matched words in ``snippet``
    title_highlights: list[tuple[int, int]] = field(default_factory=list)  # matched words in ``title``
    exact: bool = True  # every word found in its exact (normalised) form, not only by stem


@dataclass(frozen=True)
class Page:
    """One page of a listing: the items and the total, for pagination."""

    items: list
    total: int
    offset: int
    limit: int


@dataclass(frozen=True)
class PreparedArticle:
    """An article as ``add_articles`` writes it, made where the article was processed: a
    worker process sends this back (a few strings) instead of the whole article, and the
    main process only inserts it. ``values`` is ``store.sqlite.article_values(article)``."""

    id: str
    origin: str
    notices: list[str]
    values: tuple


class Store(Protocol):
    """What the pipeline, the CLI and the web UI need from storage."""

    # articles
    def add_articles(self, articles: Iterable[Article | PreparedArticle]) -> int: ...
    def known_ids(self) -> set[str]: ...
    def get_article(self, article_id: str) -> Article | None: ...
    def iter_articles(self) -> Iterator[Article]: ...
    def article_count(self) -> int: ...
    def list_articles(self, *, outlet: str | None = None, offset: int = 0, limit: int = 50) -> Page: ...
    def search(self, query: SearchQuery | str) -> Page: ...
    def outlets(self) -> list[tuple[str, int]]: ...

    # rejected inputs
    def add_rejected(self, rejected: Iterable[Rejected]) -> int: ...
    def rejected(self) -> list[Rejected]: ...

    # corpus-level results (replaced as a whole on each corpus run)
    def replace_corpus(
        self,
        *,
        entities: list[Entity],
        events: list[Event],
        stories: list[Story],
        duplicates: list[DuplicateGroup],
        articles: list[Article],
    ) -> None: ...
    def get_entity(self, entity_id: str) -> Entity | None: ...
    def list_entities(self, *, label: str | None = None, offset: int = 0, limit: int = 50) -> Page: ...
    def entity_articles(self, entity_id: str) -> list[str]: ...
    def find_entities(self, name: str, *, limit: int = 5) -> list[dict]: ...
    def get_event(self, event_id: str) -> Event | None: ...
    def list_events(self, *, story_id: str | None = None, offset: int = 0, limit: int = 50) -> Page: ...
    def get_story(self, story_id: str) -> Story | None: ...
    def list_stories(self, *, offset: int = 0, limit: int = 50) -> Page: ...
    def duplicates_of(self, article_id: str) -> list[str]: ...
    def article_heads(self, ids: Iterable[str]) -> list[dict]: ...
    def co_entities(self, entity_id: str, *, limit: int = 20) -> list[tuple[str, int]]: ...
    def get_record_data(self, kind: str, ident: str) -> dict | None: ...
    def list_story_heads(self, *, offset: int = 0, limit: int = 50) -> Page: ...
    def list_event_heads(self, story_id: str, *, limit: int = 50) -> list[dict]: ...
    def story_activity(self, story_ids: Iterable[str]) -> dict[str, dict]: ...
    def entity_heads(self, ids: Iterable[str]) -> list[dict]: ...

    # quotes and meetings (indexed with the corpus results)
    def quotes(
        self,
        *,
        entity: str | None = None,
        speaker: str | None = None,
        event: str | None = None,
        article_ids: list[str] | None = None,
        offset: int = 0,
        limit: int = 50,
    ) -> Page: ...
    def met_with(
        self, entity_id: str, *, limit: int = 30
    ) -> list[tuple[str | None, str, int, str | None]]: ...
    def meetings_of(self, entity_id: str, *, limit: int = 50) -> list[dict]: ...

    def redirect(self, kind: str, ident: str) -> str | None:
        """The id a merged entity/event/story was merged into, or None."""
        ...

    def corpus_lock(self) -> AbstractContextManager[None]:
        """Held while the corpus is read, computed and written: one corpus step at a time."""
        ...

    def close(self) -> None: ...
