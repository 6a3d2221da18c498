"""مرصد — Marsad, an offline Arabic-first news observatory.

The library is the product; the CLI and the web UI are thin layers over it::

    import marsad
    result = marsad.run(["articles/"], marsad.Settings(store="news.db"), out="report")
    store = marsad.open_store("news.db")
    store.search("الشيباني")

Heavy modules load on first use, so ``import marsad`` stays fast.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

__version__ = "0.1.0"

_EXPORTS = {
    "Settings": "marsad.pipeline",
    "run": "marsad.pipeline",
    "ingest": "marsad.pipeline",
    "update_corpus": "marsad.pipeline",
    "process_document": "marsad.pipeline",
    "analyze_corpus": "marsad.pipeline",
    "open_store": "marsad.store",
    "read_sources": "marsad.ingest",
    "clean_document": "marsad.clean",
    "normalize": "marsad.arabic",
    "split_sentences": "marsad.arabic",
    "find_time_exprs": "marsad.dates",
    "resolve_article": "marsad.dates",
    "extract_mentions": "marsad.entities",
    "resolve_entities": "marsad.entities",
    "find_duplicates": "marsad.dedup",
    "cluster_events": "marsad.cluster",
    "cluster_stories": "marsad.cluster",
    "summarize_article": "marsad.summarize",
    "summarize_event": "marsad.summarize",
    "summarize_story": "marsad.summarize",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        return getattr(import_module(_EXPORTS[name]), name)
    raise AttributeError(f"module 'marsad' has no attribute {name!r}")
