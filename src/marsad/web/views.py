"""The read model: what each page shows, as plain JSON-able dicts.

The HTML pages, the JSON API and the static report all call these functions, so the three
never disagree about what a story, an event or an article "is" on screen. Every function
takes a :class:`~marsad.store.Store` and returns dicts built from the shared records; page
sizes are capped here so one huge story or entity cannot make a page slow.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from marsad.model import Entity, Event, Story, to_dict
from marsad.outlets import resolve
from marsad.store import SearchQuery, Store
from marsad.web.disputes import describe


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
    articles_per_day_count: int = 5000  # articles counted for a story's "articles per day"
    dispute_articles: int = 80  # articles read whole to quote the sentences of «أين تختلف المصادر»


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
    # Outlets as the registry counts them ("alriyadh" and "www.alriyadh.com" are one); articles
    # with no recorded outlet count as one unknown outlet, as the event page lists them.
    n_outlets = len({resolve(o).key for o in outlets}) or (1 if event.articles else 0)
    return dict(
        id=event.id,
        label=event.label,
        date=event.date,
        date_end=event.date_end,
        place=event.place,
        story_id=event.story_id,
        n_articles=len(event.articles),
        outlets=outlets,
        n_outlets=n_outlets,
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
        # a story whose articles carry no outlet still has one (unknown) outlet, as its events say
        n_outlets=stats["n_outlets"] or (1 if stats["n_articles"] else 0),
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


def articles_per_day(store: Store, events: list[Event]) -> list[dict]:
    """Articles of these events by their own publication day (an event's articles may span days)."""
    ids = [a for e in events for a in e.articles][: LIMITS.articles_per_day_count]
    days: dict[str, int] = {}
    for h in store.article_heads(ids):
        if h["published"]:
            day = h["published"][:10]
            days[day] = days.get(day, 0) + 1
    return [dict(date=d, articles=n) for d, n in sorted(days.items())]


def story_view(store: Store, found: Story, events: list[Event]) -> dict:
    actors = store.entity_heads(found.actors[: LIMITS.actors_per_story])
    return dict(
        per_day=articles_per_day(store, events),
        story=to_dict(found),
        card=story_card(_head(found), store.story_activity([found.id])[found.id]),
        events=[event_card(e) for e in events],
        events_shown=len(events),
        actors=actors,
    )


def story(store: Store, story_id: str) -> dict:
    return story_view(store, *load_story(store, story_id))


def coverage(heads: list[dict]) -> dict:
    """Who covered an event: its articles grouped by outlet (registry names; the unknown as one
    group), outlets by country and by kind, and who published first.

    The outlet count is the number of groups, so "المصادر" and "المقالات" always agree with the
    lists under them.
    """
    groups: dict[str, dict] = {}
    for h in sorted(heads, key=_published_order):
        o = resolve(h.get("outlet"))
        g = groups.setdefault(
            o.key,
            dict(
                key=o.key,
                outlet=h.get("outlet"),
                name_ar=o.name_ar,
                name_en=o.name_en,
                country=o.country,
                kind=o.kind,
                known=o.known,
                first=h.get("published"),
                articles=[],
            ),
        )
        g["articles"].append(h)
    by_outlet = sorted(groups.values(), key=lambda g: (not g["known"], g["first"] or "9999", g["name_ar"]))
    dated = [g for g in by_outlet if g["first"]]
    first_day = min((g["first"] for g in dated), default=None)
    return dict(
        n_articles=len(heads),
        n_outlets=len(by_outlet),
        by_outlet=by_outlet,
        by_country=_shares(by_outlet, "country"),
        by_kind=_shares(by_outlet, "kind"),
        first_day=first_day,
        first=[g["key"] for g in dated if g["first"] == first_day],
    )


def _with_recorded_times(store: Store, heads: list[dict]) -> None:
    """The recorded publication time (``published_raw``) of the first day's articles: it orders
    who reported first within that day. Read for those few only (it lives in the record)."""
    first = min((h["published"] for h in heads if h.get("published")), default=None)
    for h in heads:
        if first and h.get("published") == first:
            data = store.get_record_data("article", h["id"]) or {}
            h["published_raw"] = data.get("published_raw")


def _published_order(head: dict) -> tuple:
    raw = head.get("published_raw") or ""
    # the recorded time orders one day's reports only when it is an ISO date-time of that day
    same_day = bool(head.get("published")) and raw.startswith(head["published"] or "\0")
    return (head.get("published") or "9999", raw if same_day else "", head["id"])


def _shares(groups: list[dict], field: str) -> list[dict]:
    counts: dict[str, int] = {}
    for g in groups:
        key = g[field] or ""
        counts[key] = counts.get(key, 0) + 1
    total = sum(counts.values()) or 1
    return [
        dict(key=k, outlets=n, percent=round(100 * n / total, 1))
        for k, n in sorted(counts.items(), key=lambda kv: (kv[0] == "", -kv[1], kv[0]))
    ]


def _sentence_lookup(store: Store, disagreements: list[dict]) -> dict[tuple[str, int], str]:
    wanted = list(
        dict.fromkeys(
            r["article_id"]
            for d in disagreements
            for c in d.get("claims") or []
            for r in c.get("sources") or []
        )
    )[: LIMITS.dispute_articles]
    texts: dict[tuple[str, int], str] = {}
    for aid in wanted:
        data = store.get_record_data("article", aid)
        for sent in (data or {}).get("sentences") or []:
            texts[(aid, sent["id"])] = sent["text"]
    return texts


def event(store: Store, event_id: str) -> dict:
    found = store.get_event(event_id)
    if found is None:
        raise NotFound("event", event_id)
    heads = store.article_heads(found.articles)
    _with_recorded_times(store, heads)
    cover = coverage(heads)
    cited = {r.article_id for kp in (found.summary.key_points if found.summary else []) for r in kp.sources}
    cited |= {r.article_id for r in (found.summary.opening_sources if found.summary else [])}
    parent = store.get_story(found.story_id) if found.story_id else None
    participants = store.entity_heads(found.participants)
    record = to_dict(found)
    disagreements = (record.get("summary") or {}).get("disagreements") or []
    ids = {
        p.strip()
        for d in disagreements
        if d.get("aspect") in ("place", "participants")
        for c in d.get("claims") or []
        for p in str(c.get("value", "")).split(", ")
    }
    names = {e["id"]: e["name"] for e in store.entity_heads(sorted(ids))}
    texts = _sentence_lookup(store, disagreements)
    card = event_card(found)
    card.update(n_articles=cover["n_articles"] or card["n_articles"], n_outlets=cover["n_outlets"])
    return dict(
        event=record,
        card=card,
        story=dict(id=parent.id, label=parent.label) if parent else None,
        coverage=cover,
        articles_by_outlet=[
            dict(outlet=g["outlet"], name_ar=g["name_ar"], name_en=g["name_en"], articles=g["articles"])
            for g in cover["by_outlet"]
        ],
        disputes=describe(disagreements, lambda a, n: texts.get((a, n)), names),
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


def search(store: Store, query: SearchQuery) -> dict:
    """Articles matching ``query`` (phrases, OR, -word; spelling variants of Arabic letters match)."""
    offset, limit = _clamp(query.offset, query.limit)
    if (offset, limit) != (query.offset, query.limit):
        query = replace(query, offset=offset, limit=limit)
    page = store.search(query)
    return {**_page(page, [to_dict(h) for h in page.items]), "query": query.text, "sort": query.sort}


def outlets(store: Store) -> list[dict]:
    """Outlets with their article counts, one row per registry outlet (its stored spellings merged)."""
    merged: dict[str, dict] = {}
    for raw, n in store.outlets():
        o = resolve(raw)
        row = merged.setdefault(
            o.key, dict(outlet=raw, key=o.key, name_ar=o.name_ar, name_en=o.name_en, articles=0)
        )
        row["articles"] += n
    return sorted(merged.values(), key=lambda r: (-r["articles"], r["name_ar"]))
