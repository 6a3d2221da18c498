"""The read model: what each page shows, as plain JSON-able dicts.

The HTML pages, the JSON API and the static report all call these functions, so the three
never disagree about what a story, an event or an article "is" on screen. Every function
takes a :class:`~marsad.store.Store` and returns dicts built from the shared records; page
sizes are capped here so one huge story or entity cannot make a page slow.
"""

from __future__ import annotations

from dataclasses import dataclass

from marsad.model import Entity, Event, Story, to_dict
from marsad.store import Store


@dataclass(frozen=True)
class ViewLimits:
    """How much one page may show; beyond these a page says what it left out."""

    events_per_story: int = 120  # the newest; a timeline denser than this is unreadable anyway
    actors_per_story: int = 12
    articles_per_entity: int = 60
    events_per_entity: int = 40
    co_entities: int = 20
    entities_per_article: int = 40
    max_page_size: int = 200


LIMITS = ViewLimits()


class NotFound(LookupError):
    """No record of this kind with this id."""

    def __init__(self, kind: str, ident: str) -> None:
        super().__init__(f"no {kind} with id {ident!r}")
        self.kind = kind
        self.ident = ident


# ----------------------------------------------------------------------------- cards


def entity_card(entity: Entity) -> dict:
    return dict(id=entity.id, name=entity.name, label=entity.label, mention_count=entity.mention_count)


def event_card(event: Event) -> dict:
    outlets = event.outlets or []
    return dict(
        id=event.id,
        label=event.label,
        date=event.date,
        date_end=event.date_end,
        place=event.place,
        story_id=event.story_id,
        n_articles=len(event.articles),
        outlets=outlets,
        n_outlets=len(outlets),
    )


def _story_events(store: Store, story: Story, limit: int) -> list[Event]:
    # Heads, not whole events: a story page shows no event summaries.
    events = [Event(**head) for head in store.list_event_heads(story.id, limit=limit)]
    # Stories keep their own event order; fall back to dates for events the store lists.
    order = {eid: i for i, eid in enumerate(story.events)}
    return sorted(events, key=lambda e: (e.date or "9999", order.get(e.id, len(order)), e.id))


def story_card(story: dict, stats: dict) -> dict:
    """Counts and activity of a story head (``stats`` from ``Store.story_activity``)."""
    return dict(
        id=story["id"],
        label=story["label"],
        date=story["date"],
        date_end=story["date_end"],
        n_events=story["n_events"],
        n_articles=stats["n_articles"],
        n_outlets=stats["n_outlets"],
        activity=stats["activity"],
    )


def _page(page, items: list) -> dict:
    return dict(items=items, total=page.total, offset=page.offset, limit=page.limit)


def _clamp(offset: int, limit: int) -> tuple[int, int]:
    return max(0, offset), max(1, min(limit, LIMITS.max_page_size))


# ----------------------------------------------------------------------------- pages


def stories(store: Store, *, offset: int = 0, limit: int = 20) -> dict:
    """Stories, the most recently active first, with counts and activity per day."""
    offset, limit = _clamp(offset, limit)
    page = store.list_story_heads(offset=offset, limit=limit)
    stats = store.story_activity(s["id"] for s in page.items)
    return _page(page, [story_card(s, stats[s["id"]]) for s in page.items])


def load_story(store: Store, story_id: str) -> tuple[Story, list[Event]]:
    """A story and its events in date order (capped), or :class:`NotFound`."""
    found = store.get_story(story_id)
    if found is None:
        raise NotFound("story", story_id)
    return found, _story_events(store, found, LIMITS.events_per_story)


def _head(story: Story) -> dict:
    return dict(
        id=story.id, label=story.label, date=story.date, date_end=story.date_end, n_events=len(story.events)
    )


def story_view(store: Store, found: Story, events: list[Event]) -> dict:
    actors = store.entity_heads(found.actors[: LIMITS.actors_per_story])
    return dict(
        story=to_dict(found),
        card=story_card(_head(found), store.story_activity([found.id])[found.id]),
        events=[event_card(e) for e in events],
        events_shown=len(events),
        actors=actors,
    )


def story(store: Store, story_id: str) -> dict:
    return story_view(store, *load_story(store, story_id))


def event(store: Store, event_id: str) -> dict:
    found = store.get_event(event_id)
    if found is None:
        raise NotFound("event", event_id)
    heads = store.article_heads(found.articles)
    by_outlet: dict[str, list[dict]] = {}
    for h in sorted(heads, key=lambda h: (h["published"] or "", h["id"])):
        by_outlet.setdefault(h["outlet"] or "", []).append(h)
    cited = {r.article_id for kp in (found.summary.key_points if found.summary else []) for r in kp.sources}
    parent = store.get_story(found.story_id) if found.story_id else None
    participants = store.entity_heads(found.participants)
    return dict(
        event=to_dict(found),
        card=event_card(found),
        story=dict(id=parent.id, label=parent.label) if parent else None,
        articles_by_outlet=[dict(outlet=o, articles=a) for o, a in sorted(by_outlet.items())],
        sources={h["id"]: h for h in store.article_heads(cited)},
        mentioned_by=store.article_heads(found.mentioned_by),
        participants=participants,
    )


def article(store: Store, article_id: str) -> dict:
    # The stored JSON is already the API's form: no dataclass round trip for the biggest record.
    found = store.get_record_data("article", article_id)
    if found is None:
        raise NotFound("article", article_id)
    ids = list(dict.fromkeys(m["entity_id"] for m in found.get("mentions") or [] if m.get("entity_id")))
    parent = store.get_event(found["event_id"]) if found.get("event_id") else None
    # the most mentioned names first; a long article can name hundreds
    entities = sorted(store.entity_heads(ids), key=lambda e: -e["mention_count"])
    return dict(
        article=found,
        event=event_card(parent) if parent else None,
        duplicates=store.article_heads(store.duplicates_of(article_id)),
        entities=entities[: LIMITS.entities_per_article],
        n_entities=len(entities),
    )


def entities(store: Store, *, label: str | None = None, offset: int = 0, limit: int = 50) -> dict:
    offset, limit = _clamp(offset, limit)
    page = store.list_entities(label=label, offset=offset, limit=limit)
    return _page(page, [entity_card(e) for e in page.items])


def entity(store: Store, entity_id: str) -> dict:
    found = store.get_entity(entity_id)
    if found is None:
        raise NotFound("entity", entity_id)
    heads = store.article_heads(store.entity_articles(found.id))
    heads.sort(key=lambda h: (h["published"] or "", h["id"]), reverse=True)
    event_ids = list(dict.fromkeys(h["event_id"] for h in heads if h["event_id"]))
    events = [e for e in (store.get_event(i) for i in event_ids[: LIMITS.events_per_entity]) if e]
    events.sort(key=lambda e: (e.date or "", e.id), reverse=True)
    shared = dict(store.co_entities(found.id, limit=LIMITS.co_entities))
    co = [{**head, "shared_articles": shared[head["id"]]} for head in store.entity_heads(shared)]
    record = to_dict(found)
    record["roles"].sort(key=lambda r: (r["date"] or "", r["role"]))
    return dict(
        entity=record,
        card=entity_card(found),
        role_periods=role_periods(found),
        events=[event_card(e) for e in events],
        n_events=len(event_ids),
        articles=heads[: LIMITS.articles_per_entity],
        n_articles=len(heads),
        co_entities=co,
    )


def role_periods(entity: Entity) -> list[dict]:
    """Each distinct role once, with the first and last date it was stated and its sources.

    Dated roles come first, in the order they were first stated; a role never dated sorts last.
    """
    periods: dict[str, dict] = {}
    for r in entity.roles:
        p = periods.setdefault(r.role, dict(role=r.role, first=None, last=None, sources=[]))
        if r.date:
            p["first"] = min(p["first"] or r.date, r.date)
            p["last"] = max(p["last"] or r.date, r.date)
        p["sources"].append(dict(article_id=r.article_id, sentence=r.sentence))
    return sorted(periods.values(), key=lambda p: (p["first"] is None, p["first"] or "", p["role"]))


def search(
    store: Store,
    query: str,
    *,
    outlet: str | None = None,
    date_from: str | None = None,
    date_to: str | None = None,
    entity: str | None = None,
    offset: int = 0,
    limit: int = 20,
) -> dict:
    """Articles matching every word of ``query``; spelling variants of Arabic letters match."""
    offset, limit = _clamp(offset, limit)
    page = store.search(
        query, outlet=outlet, date_from=date_from, date_to=date_to, entity=entity, offset=offset, limit=limit
    )
    return {**_page(page, [to_dict(h) for h in page.items]), "query": query}


def outlets(store: Store) -> list[dict]:
    return [dict(outlet=o, articles=n) for o, n in store.outlets()]
