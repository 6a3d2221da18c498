"""An :class:`Article` from plain text, for evaluation sets and callers without a pipeline.

Uses the clean stage (``marsad.clean.clean_document``) when asked and available; otherwise a
minimal article: paragraphs from blank lines (or single line breaks when there are none),
short unpunctuated lines flagged as headings, sentences by :func:`split_sentences`.
"""

from __future__ import annotations

import hashlib
import logging
import re

from marsad.analyze import split_article
from marsad.model import Article, Block, BlockKind, Document

log = logging.getLogger(__name__)

_HEADING_MAX_WORDS = 10
_TERMINAL = '.!?؟…:»"”)'


def article_from_text(
    text: str,
    article_id: str | None = None,
    *,
    title: str | None = None,
    outlet: str | None = None,
    use_clean: bool = False,
) -> Article:
    """The article of ``text`` with blocks and sentences filled in.

    ``use_clean=True`` runs the clean stage first (for raw scraped pages with bylines and
    page furniture); evaluation sets already hold body text, where the minimal reading is
    the faithful one.
    """
    article_id = article_id or hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]
    if use_clean:
        cleaned = _clean(text, article_id, title, outlet)
        if cleaned is not None:
            return cleaned
    return _minimal_article(text, article_id, title, outlet)


def _clean(text: str, article_id: str, title: str | None, outlet: str | None) -> Article | None:
    try:
        from marsad.clean import CleanError, clean_document
    except ImportError:
        return None
    doc = Document(doc_id=article_id, text=text, origin=article_id, format="text", outlet=outlet, title=title)
    try:
        article = clean_document(doc)
    except CleanError as err:
        # Nothing article-like survived cleaning; the minimal reading still gives a summary.
        log.info("%s: clean stage rejected the text (%s); using the minimal article", article_id, err)
        return None
    if not article.sentences:
        fill_sentences(article)
    return article


def _minimal_article(text: str, article_id: str, title: str | None, outlet: str | None) -> Article:
    separator = r"\n\s*\n" if re.search(r"\n\s*\n", text) else r"\n"
    blocks: list[Block] = []
    pos = 0
    # Text with no punctuated line at all (some data sets strip punctuation) has no
    # headings to tell apart: every line is prose.
    punctuated = any(line.rstrip().endswith(tuple(_TERMINAL)) for line in text.splitlines())
    for piece in re.split(f"({separator})", text):
        start, pos = pos, pos + len(piece)
        stripped = piece.strip()
        if not stripped:
            continue
        offset = start + piece.index(stripped)
        kind: BlockKind = "heading" if punctuated and _looks_like_heading(stripped) else "paragraph"
        blocks.append(Block(kind, stripped, offset, offset + len(stripped), offset, offset + len(stripped)))
    article = Article(
        id=article_id, origin=article_id, outlet=outlet, url=None, title=title, body=text, blocks=blocks
    )
    fill_sentences(article)
    return article


def _looks_like_heading(line: str) -> bool:
    # A short line without closing punctuation on its own is a title or section heading.
    return (
        "\n" not in line and len(line.split()) <= _HEADING_MAX_WORDS and not line.endswith(tuple(_TERMINAL))
    )


def fill_sentences(article: Article) -> None:
    """Sentences of the blocks (headings flagged), by the analyze stage."""
    split_article(article)
