"""Summary and key points of one article, extractive and traced to its sentences."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from marsad.model import Article, KeyPoint, SourceRef, Summary
from marsad.summarize.candidates import Candidate, body_candidates, sentence_features
from marsad.summarize.compress import as_sentence, compress_point, key_point_text
from marsad.summarize.ranking import (
    StemVectors,
    cosine_matrix,
    lead_prior,
    lexrank,
    mmr_order,
    tfidf_matrix,
    unit_scale,
)
from marsad.summarize.settings import SummarySettings

MAX_CANDIDATES = 400  # see summarize_article; documented with the limits on hostile input (README)


def summarize_article(article: Article, settings: SummarySettings | None = None) -> Summary:
    """A 1..3 sentence summary and ``settings.key_points`` key points of ``article``.

    Sentences come from the body prose only (see :mod:`marsad.summarize.candidates`) and
    are printed in article order; every key point cites the sentence it comes from. An
    article without a single summarisable sentence gets an empty summary, not an error.
    """
    settings = settings or SummarySettings()
    # The ranking is quadratic in sentences (a dense similarity matrix): past the first
    # MAX_CANDIDATES sentences an article's summary would not change, its memory would.
    candidates = body_candidates(article, settings)[:MAX_CANDIDATES]
    if not candidates:
        return Summary(target=article.id, text="", key_points=[])
    order, _ = rank_candidates(candidates, article.title, settings)
    return Summary(
        target=article.id,
        text=summary_text([candidates[i] for i in order], settings),
        key_points=key_points([candidates[i] for i in order[: settings.key_points]], settings),
    )


def ranked_sentences(article: Article, settings: SummarySettings | None = None) -> list[Candidate]:
    """Every summarisable sentence of ``article``, best first (the summary's own order of
    preference, redundancy control included): for summaries at a given length."""
    settings = settings or SummarySettings()
    candidates = body_candidates(article, settings)
    if not candidates:
        return []
    order, _ = rank_candidates(candidates, article.title, settings, wanted=len(candidates))
    return [candidates[i] for i in order]


def rank_candidates(
    candidates: list[Candidate], title: str | None, settings: SummarySettings, wanted: int | None = None
) -> tuple[list[int], np.ndarray]:
    """Candidate indices in MMR order (best first), and the similarity matrix used."""
    x, extra = tfidf_matrix([c.stems for c in candidates], [sentence_features(title)[1]] if title else [])
    similarity = cosine_matrix(x)
    scores = sentence_scores(candidates, x, similarity, extra.dense_row(0) if title else None, settings)
    wanted = wanted or max(settings.key_points, settings.summary_sentences)
    order = mmr_order(scores, similarity, wanted, settings.mmr_lambda, settings.redundancy_threshold)
    return order, similarity


def sentence_scores(
    candidates: list[Candidate],
    x: StemVectors,
    similarity: np.ndarray,
    title_row: np.ndarray | None,
    settings: SummarySettings,
) -> np.ndarray:
    """The weighted ranking score of each candidate, in [0, 1]."""
    positions = np.array([c.position for c in candidates], dtype=float)
    centroid = x.column_sums()
    norm = np.linalg.norm(centroid)
    signals = [
        (settings.centrality_weight, unit_scale(lexrank(similarity, settings.damping))),
        (settings.centroid_weight, unit_scale(x.dot(centroid / norm) if norm else np.zeros(len(candidates)))),
        (settings.position_weight, lead_prior(positions, settings.position_decay)),
    ]
    if title_row is not None and title_row.any():
        signals.append((settings.title_weight, unit_scale(x.dot(title_row))))
    total = sum(w for w, _ in signals)
    score = sum(w * s for w, s in signals) / total
    return score * _length_factor(np.array([c.n_tokens for c in candidates], dtype=float))


def _length_factor(n_tokens: np.ndarray) -> np.ndarray:
    # Short sentences rarely carry a whole fact; very long ones are several facts glued
    # together and crowd out other points. Both are discounted, neither excluded.
    short = np.clip(n_tokens / 12.0, 0.5, 1.0)
    long = np.clip(60.0 / np.maximum(n_tokens, 1.0), 0.6, 1.0)
    return short * long


def summary_text(
    ranked: list[Candidate],
    settings: SummarySettings,
    order: Callable[[list[Candidate]], list[Candidate]] | None = None,
) -> str:
    """Best-first candidates cut to the sentence and word budgets, printed in text order."""
    chosen: list[Candidate] = []
    words = 0
    for c in ranked[: settings.summary_sentences]:
        if chosen and words + c.n_tokens > settings.summary_words:
            break
        chosen.append(c)
        words += c.n_tokens
    texts = (c.sentence.text for c in (order or in_text_order)(chosen))
    return " ".join(as_sentence(compress_point(t) if settings.compress_summary else t) for t in texts)


def key_points(ranked: list[Candidate], settings: SummarySettings) -> list[KeyPoint]:
    """One key point per candidate, in text order, each citing its sentence."""
    points = []
    for c in in_text_order(ranked):
        text = key_point_text(c.sentence.text) if settings.compress_key_points else c.sentence.text
        points.append(KeyPoint(text=text, sources=[SourceRef(c.article_id, c.sentence.id, c.outlet)]))
    return points


def in_text_order(candidates: list[Candidate]) -> list[Candidate]:
    return sorted(candidates, key=lambda c: (c.article_id, c.sentence.start))
