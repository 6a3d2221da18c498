"""The storage interface shared by every backend."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Protocol

from marsad.model import Article, DuplicateGroup, Entity, Event, Rejected, Story


class StoreError(RuntimeError):
    """A store could not be opened or used; names the location and the reason."""

    def __init__(self, location: str, reason: str) -> None:
        super().__init__(f"{location}: {reason}")
        self.location = location
        self.reason = reason


@dataclass(frozen=True)
class SearchHit:
    article_id: str
    title: str | None
    outlet: str | None
    published: str | None
    snippet: str
    score: float


@dataclass(frozen=True)
class Page:
    """One page of a listing: the items and the total, for pagination."""

    items: list
    total: int
    offset: int
    limit: int


class Store(Protocol):
    """What the pipeline, the CLI and the web UI need from storage."""

    # articles
    def add_articles(self, articles: Iterable[Article]) -> int: ...
    def has_article(self, article_id: str) -> bool: ...
    def known_ids(self) -> set[str]: ...
    def get_article(self, article_id: str) -> Article | None: ...
    def iter_articles(self) -> Iterator[Article]: ...
    def article_count(self) -> int: ...
    def list_articles(self, *, outlet: str | None = None, offset: int = 0, limit: int = 50) -> Page: ...
    def search(
        self,
        query: str,
        *,
        outlet: str | None = None,
        date_from: str | None = None,
        date_to: str | None = None,
        entity: str | None = None,
        offset: int = 0,
        limit: int = 20,
    ) -> Page: ...
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

    def close(self) -> None: ...
