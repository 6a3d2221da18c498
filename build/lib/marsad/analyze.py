"""The analyze stage: sentences of the clean body, with offsets and their block.

Headings become one sentence each, flagged ``is_heading`` so that summaries and key points
never draw on them; paragraphs are split by :func:`marsad.arabic.split_sentences`.
"""

from __future__ import annotations

from marsad.arabic import split_sentences
from marsad.model import Article, Sentence


def split_article(article: Article) -> Article:
    """Fill ``article.sentences`` from its blocks (or from the whole body when it has none)."""
    sentences: list[Sentence] = []
    blocks = article.blocks or []
    if not blocks:
        for s, e in split_sentences(article.body):
            sentences.append(Sentence(len(sentences), s, e, article.body[s:e], -1))
    for b, block in enumerate(blocks):
        if block.kind == "heading":
            sentences.append(Sentence(len(sentences), block.start, block.end, block.text, b, is_heading=True))
            continue
        if block.kind != "paragraph":
            continue
        for s, e in split_sentences(article.body[block.start : block.end]):
            start, end = block.start + s, block.start + e
            sentences.append(Sentence(len(sentences), start, end, article.body[start:end], b))
    article.sentences = sentences
    return article
