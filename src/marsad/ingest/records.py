"""Which field of a scraped JSON record holds what: the common scraper field names, matched
without regard to case or separators ("Title", "full_text", "articleBody", "Article-Body").

The body-like fields come first and a description/summary only when no body-like field has
text, so a record that carries both its text and a 100-character teaser keeps its text.
"""

from __future__ import annotations

import re
from typing import Any

__all__ = ["FIELDS", "fold_key", "folded_keys"]


def fold_key(key: str) -> str:
    """``"Full_Text"``, ``"fullText"``, ``"full-text"`` → ``"fulltext"``."""
    return re.sub(r"[\s_\-.]+", "", key).lower()


# Field names seen in scraper output, folded, in order of preference.
_NAMES = {
    "text": (
        "full_text",
        "article_body",
        "article_text",
        "body_text",
        "text",
        "body",
        "content",
        "article",
        "maintext",
        "story",
        "article_content",
        "description",
        "summary",
        "abstract",
    ),
    "html": ("html", "raw_html", "content_html", "body_html"),
    "title": ("title", "headline", "name"),
    "outlet": ("source", "outlet", "site", "sitename", "site_name", "publisher", "source_domain", "domain"),
    "url": ("url", "link", "canonical_url", "source_url"),
    "author": ("author", "authors", "byline", "writer"),
    "published": (
        "published",
        "date",
        "published_at",
        "date_published",
        "publish_date",
        "pubDate",
        "datetime",
        "date_publish",
        "publication_date",
        "date_extracted",
    ),
}
FIELDS: dict[str, tuple[str, ...]] = {
    k: tuple(dict.fromkeys(fold_key(n) for n in v)) for k, v in _NAMES.items()
}


def folded_keys(record: dict[str, Any]) -> dict[str, Any]:
    """The record with folded keys; on a clash the first non-empty value wins."""
    out: dict[str, Any] = {}
    for key, value in record.items():
        folded = fold_key(str(key))
        if folded not in out or out[folded] in (None, "", []):
            out[folded] = value
    return out
