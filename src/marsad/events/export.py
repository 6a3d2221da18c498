"""The quotes of articles in the scorer's line format (``quotes_dev/score.py``)."""

from __future__ import annotations

import posixpath
from collections.abc import Iterable, Iterator

from marsad.model import Article


def article_key(article: Article) -> str:
    """The record's url, else the name of the source file (without folders or record index)."""
    if article.url:
        return article.url
    origin = article.origin.replace("\\", "/")
    member = origin.rsplit("!", 1)[-1]
    if "#" in member and member.rsplit("#", 1)[1].isdigit():
        member = member.rsplit("#", 1)[0]
    return posixpath.basename(member)


def quote_lines(articles: Iterable[Article]) -> Iterator[dict]:
    """One dict per quote: article, quote, speaker (canonical name or null), kind, and raw
    offsets when the quote maps one to one onto the raw text."""
    for a in articles:
        key = article_key(a)
        for q in a.quotes:
            line: dict = {"article": key, "quote": q.text, "speaker": q.speaker, "kind": q.kind}
            if q.speaker_entity_id:
                line["speaker_id"] = q.speaker_entity_id
            if q.raw_start >= 0:
                line["start"], line["end"] = q.raw_start, q.raw_end
            yield line
