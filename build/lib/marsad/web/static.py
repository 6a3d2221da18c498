"""The static report: the web UI's pages written as plain HTML files with relative links.

``write_site(store, out_dir)`` writes ``index.html`` (the stories), one page per story,
event, article and entity, and the stylesheet. Page counts are capped by
:class:`SiteSettings` so a report over a whole archive stays quick to write and to open;
pages beyond a cap are simply not linked, and the index says what it left out.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

from markupsafe import Markup

from marsad.store import Store
from marsad.web import views
from marsad.web.i18n import word
from marsad.web.pages import STATIC, StaticLinks, page_file, render
from marsad.web.timeline import render_timeline_svg


@dataclass(frozen=True)
class SiteSettings:
    max_stories: int = 300
    max_events: int = 1500
    max_articles: int = 3000
    max_entities: int = 800
    entity_min_mentions: int = 2  # one-off names make pages nobody visits
    all_entities_below: int = 60  # ...unless the whole store is that small


def _chosen(store: Store, s: SiteSettings) -> dict[str, list[str]]:
    """Which pages to write: stories first, then their events and articles, then the rest."""
    stories = [st.id for st in store.list_stories(limit=s.max_stories).items]
    events: dict[str, None] = {}
    for sid in stories:
        for e in store.list_events(story_id=sid, limit=s.max_events).items:
            events.setdefault(e.id, None)
    for e in store.list_events(limit=s.max_events).items:
        events.setdefault(e.id, None)
    event_ids = list(events)[: s.max_events]
    articles: dict[str, None] = {}
    for eid in event_ids:
        event = store.get_event(eid)
        for aid in event.articles if event else []:
            articles.setdefault(aid, None)
    for h in store.list_articles(limit=s.max_articles).items:
        articles.setdefault(h["id"], None)
    page = store.list_entities(limit=s.max_entities)
    minimum = 1 if page.total <= s.all_entities_below else s.entity_min_mentions
    entities = [e.id for e in page.items if e.mention_count >= minimum]
    return dict(story=stories, event=event_ids, article=list(articles)[: s.max_articles], entity=entities)


def write_site(
    store: Store, out_dir: str | Path, lang: str = "ar", settings: SiteSettings | None = None
) -> Path:
    """Write the report's HTML pages into ``out_dir`` (created if needed); returns ``out_dir``."""
    s = settings or SiteSettings()
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    (out / "static").mkdir(exist_ok=True)
    shutil.copyfile(STATIC / "style.css", out / "static" / "style.css")
    chosen = _chosen(store, s)
    links = StaticLinks({kind: set(ids) for kind, ids in chosen.items()})

    def write(name: str, template: str, **context: object) -> None:
        html = render(template, lang=lang, links=links, switch_href=None, **context)
        (out / name).write_text(html, encoding="utf-8")

    listing = views.stories(store, limit=s.max_stories)
    note = None
    if listing["total"] > len(listing["items"]):
        note = word("capped", lang).format(n=len(listing["items"]), total=listing["total"])
    listing["limit"] = max(listing["limit"], listing["total"])  # one page: no pager in a static file
    write("index.html", "stories.html", page=listing, note=note)
    for sid in chosen["story"]:
        found, events = views.load_story(store, sid)
        svg = Markup(render_timeline_svg(found, events, lang=lang, href=links.event))
        write(page_file("story", sid), "story.html", timeline=svg, **views.story_view(store, found, events))
    for eid in chosen["event"]:
        write(page_file("event", eid), "event.html", **views.event(store, eid))
    for aid in chosen["article"]:
        write(page_file("article", aid), "article.html", **views.article(store, aid))
    for nid in chosen["entity"]:
        write(page_file("entity", nid), "entity.html", **views.entity(store, nid))
    return out
