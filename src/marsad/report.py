"""The report folder written by ``marsad run``: JSON for machines, HTML pages for people.

Layout::

    OUT/articles/<id>.json   one clean, enriched article each
    OUT/events.json          events with members, dates, places, participants, summaries
    OUT/stories.json         stories with their events in date order and timelines
    OUT/entities.json        people, organisations and places with variants and roles
    OUT/duplicates.json      duplicate groups
    OUT/rejected.json        every input that did not become an article, with the reason
    OUT/index.html …         the same pages the web UI serves, as static files (RTL)
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from marsad.model import to_dict


def _write_json(path: Path, data: Any) -> None:
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")


def write_report(store_path: Path | str, out: Path, *, lang: str = "ar") -> Path:
    """Write the report for the store at ``store_path`` into the folder ``out``."""
    from marsad.store import open_store

    out.mkdir(parents=True, exist_ok=True)
    articles_dir = out / "articles"
    articles_dir.mkdir(exist_ok=True)
    store = open_store(store_path, read_only=True)
    try:
        for article in store.iter_articles():
            _write_json(articles_dir / f"{article.id}.json", to_dict(article))
        # everything corpus-level as the store holds it, in its listing orders
        _write_json(out / "events.json", to_dict(store.list_events(limit=10**9).items))
        _write_json(out / "stories.json", to_dict(store.list_stories(limit=10**9).items))
        _write_json(out / "entities.json", to_dict(store.list_entities(limit=10**9).items))
        _write_json(out / "duplicates.json", to_dict(store.duplicates()))  # type: ignore[attr-defined]
        _write_json(out / "rejected.json", to_dict(store.rejected()))
        from marsad.web.static import write_site

        write_site(store, out, lang=lang)
    finally:
        store.close()
    return out
