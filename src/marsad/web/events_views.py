"""Who said what and who met whom, for the event and entity pages and the API.

Kept apart from :mod:`marsad.web.views` so the two can change independently: each function
takes the store and returns plain dicts; the pages include them through their own partials
(``_event_quotes.html``, ``_entity_quotes.html``).
"""

from __future__ import annotations

from marsad.arabic import normalize
from marsad.store import Store

MAX_QUOTES = 200


def _speaker_key(q: dict) -> str:
    return q.get("speaker_entity_id") or "name:" + normalize(q.get("speaker") or "")


def who_said_what(store: Store, article_ids: list[str]) -> list[dict]:
    """The quotes of these articles grouped by speaker (most quoted first); the same words
    reported by several outlets are one quote with every outlet and sentence behind it."""
    if not article_ids:
        return []
    page = store.quotes(article_ids=article_ids, limit=MAX_QUOTES)
    groups: dict[str, dict] = {}
    for q in page.items:
        if not q.get("speaker"):
            continue
        g = groups.setdefault(
            _speaker_key(q),
            dict(
                speaker=q["speaker"],
                entity_id=q.get("speaker_entity_id"),
                kind=q.get("speaker_kind"),
                quotes={},
            ),
        )
        key = normalize(q["text"])[:120]
        item = g["quotes"].setdefault(
            key, dict(text=q["text"], kind=q["kind"], relay=q.get("relay"), outlets=[], sources=[])
        )
        if q.get("outlet") and q["outlet"] not in item["outlets"]:
            item["outlets"].append(q["outlet"])
        item["sources"].append(
            dict(article_id=q["article_id"], sentence=q.get("sentence", -1), outlet=q.get("outlet"))
        )
    out = []
    for g in groups.values():
        g["quotes"] = list(g["quotes"].values())
        out.append(g)
    out.sort(key=lambda g: (-len(g["quotes"]), g["speaker"]))
    return out


def meetings_of_articles(store: Store, article_ids: list[str]) -> list[dict]:
    """Meetings reported by these articles, merged: the same people on the same day are one
    meeting, with every supporting sentence (article, outlet) kept."""
    merged: dict[tuple, dict] = {}
    for aid in article_ids:
        data = store.get_record_data("article", aid)
        if not data:
            continue
        for m in data.get("meetings") or []:
            people = m.get("participants") or []
            key = (tuple(sorted(p.get("entity_id") or normalize(p["name"]) for p in people)), m.get("date"))
            entry = merged.setdefault(
                key,
                dict(
                    kind=m["kind"], date=m.get("date"), place=m.get("place"), participants=people, sources=[]
                ),
            )
            entry["place"] = entry["place"] or m.get("place")
            entry["sources"].append(
                dict(
                    article_id=aid,
                    outlet=data.get("outlet"),
                    sentence=m.get("sentence", -1),
                    text=m.get("text"),
                    predicate=m.get("predicate"),
                )
            )
    return sorted(merged.values(), key=lambda e: (e["date"] or "", -len(e["sources"])))


def event_sections(store: Store, event_id: str) -> dict:
    """Context for the event page's «who said what» and «who met whom» sections."""
    data = store.get_record_data("event", event_id)
    ids = list((data or {}).get("articles") or [])
    return dict(who_said=who_said_what(store, ids), met=meetings_of_articles(store, ids))


def entity_sections(store: Store, entity_id: str, *, limit: int = 50) -> dict:
    """Context for the entity page: what the person said (newest first) and whom they met."""
    said = store.quotes(entity=entity_id, limit=limit)
    heads = {h["id"]: h for h in store.article_heads(q["article_id"] for q in said.items)}
    for q in said.items:
        q["title"] = (heads.get(q["article_id"]) or {}).get("title")
    met = [dict(entity_id=e, name=n, meetings=c, last=d) for e, n, c, d in store.met_with(entity_id)]
    return dict(said=said.items, said_total=said.total, met_with=met)
