"""JSON routes for quotes and meetings (``/api/quotes``, ``/api/events/{id}/quotes`` …).

No ``from __future__ import annotations`` here: FastAPI reads the closure's dependency type
from the annotations at run time.
"""

from typing import Annotated, Any

from fastapi import APIRouter, Query

from marsad.web import events_views


def router(store_dep: Any, *, max_page_size: int = 200) -> APIRouter:
    """The routes, reading the store through ``store_dep`` (the app's dependency)."""
    api = APIRouter(prefix="/api")
    PageSize = Annotated[int, Query(ge=1, le=max_page_size, description="Page size")]
    Offset = Annotated[int, Query(ge=0, description="Items to skip")]

    @api.get("/quotes")
    def api_quotes(
        s: store_dep,
        speaker: Annotated[
            str | None, Query(description="Speaker's name (spelling-insensitive, part of it)")
        ] = None,
        entity: Annotated[str | None, Query(description="Speaker's entity id")] = None,
        event: Annotated[str | None, Query(description="Event id")] = None,
        offset: Offset = 0,
        limit: PageSize = 50,
    ) -> dict:
        """Quotes, newest first, filtered by speaker name, speaker entity or event."""
        page = s.quotes(speaker=speaker, entity=entity, event=event, offset=offset, limit=limit)
        return dict(items=page.items, total=page.total, offset=page.offset, limit=page.limit)

    @api.get("/events/{event_id}/quotes")
    def api_event_quotes(event_id: str, s: store_dep) -> dict:
        """Who said what in an event, grouped by speaker, each quote with its outlets and sentences."""
        found = events_views.event_sections(s, event_id)
        return dict(event_id=event_id, speakers=found["who_said"])

    @api.get("/events/{event_id}/meetings")
    def api_event_meetings(event_id: str, s: store_dep) -> dict:
        """Who met whom in an event: meetings merged across its articles."""
        return dict(event_id=event_id, meetings=events_views.event_sections(s, event_id)["met"])

    @api.get("/entities/{entity_id}/quotes")
    def api_entity_quotes(entity_id: str, s: store_dep, offset: Offset = 0, limit: PageSize = 50) -> dict:
        """What an entity said, newest first."""
        page = s.quotes(entity=entity_id, offset=offset, limit=limit)
        return dict(items=page.items, total=page.total, offset=page.offset, limit=page.limit)

    @api.get("/entities/{entity_id}/meetings")
    def api_entity_meetings(entity_id: str, s: store_dep) -> dict:
        """Whom an entity met (with counts) and the meeting records."""
        met = [dict(entity_id=e, name=n, meetings=c, last=d) for e, n, c, d in s.met_with(entity_id)]
        return dict(entity_id=entity_id, met_with=met, meetings=s.meetings_of(entity_id))

    return api
