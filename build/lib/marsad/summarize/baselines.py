"""The baselines Marsad is measured against: Lead-N and plain LexRank.

Both read every non-heading body sentence (no fragment filters, no redundancy control, no
lead prior), as the classic systems do, and print their picks in article order.
"""

from __future__ import annotations

import numpy as np

from marsad.model import Article, Sentence
from marsad.summarize.candidates import sentence_features
from marsad.summarize.ranking import cosine_matrix, lexrank, tfidf_matrix


def _body(article: Article) -> list[Sentence]:
    return [s for s in article.sentences if not s.is_heading]


def lead_summary(article: Article, n: int = 3) -> str:
    """The first ``n`` body sentences."""
    return " ".join(s.text for s in _body(article)[:n])


def lexrank_summary(article: Article, n: int = 3, damping: float = 0.85) -> str:
    """The ``n`` most central body sentences by continuous LexRank over TF-IDF stems."""
    body = _body(article)
    if not body:
        return ""
    x, _ = tfidf_matrix([sentence_features(s.text)[1] for s in body])
    ranks = lexrank(cosine_matrix(x), damping)
    top = sorted(np.argsort(-ranks, kind="stable")[:n])
    return " ".join(body[i].text for i in top)
