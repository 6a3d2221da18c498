"""RSS and Atom feeds (feedparser): one Document per entry that carries article text."""

from __future__ import annotations

from collections.abc import Iterator

import feedparser
import lxml.html

from marsad.model import Document, Rejected


def html_to_text(fragment: str) -> str:
    """Plain text of an HTML fragment, one line per block element."""
    if "<" not in fragment:
        return fragment.strip()
    try:
        root = lxml.html.fromstring(f"<div>{fragment}</div>")
    except (ValueError, lxml.etree.ParserError):
        return fragment.strip()
    for br in root.iter("br"):
        br.tail = "\n" + (br.tail or "")
    for block in root.iter("p", "div", "li", "h1", "h2", "h3", "h4", "blockquote"):
        block.tail = "\n" + (block.tail or "")
    lines = (" ".join(line.split()) for line in root.text_content().splitlines())
    return "\n".join(line for line in lines if line)


def read_feed(data: bytes, origin: str, make_document) -> Iterator[Document | Rejected]:
    """Entries of the feed in ``data``; ``make_document(record, origin)`` builds each one."""
    feed = feedparser.parse(data)
    if not feed.entries:
        reason = str(getattr(feed, "bozo_exception", "")) or "no entries"
        yield Rejected(origin, "bad_feed", f"not an RSS/Atom feed with entries ({reason})")
        return
    outlet = feed.feed.get("title")
    for i, entry in enumerate(feed.entries):
        html = entry.content[0].value if entry.get("content") else entry.get("summary", "")
        record = {
            "title": entry.get("title"),
            "url": entry.get("link"),
            "author": entry.get("author"),
            "published": entry.get("published") or entry.get("updated"),
            "source": outlet,
            "content": html_to_text(html or ""),
        }
        yield make_document(record, f"{origin}#{i}")
