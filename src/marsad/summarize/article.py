"""Summary and key points of one article, extractive and traced to its sentences."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Literal, overload

import numpy as np

from marsad.arabic import normalize
from marsad.model import Article, KeyPoint, Sentence, SourceRef, Summary
from marsad.summarize import learned
from marsad.summarize.candidates import Candidate, body_candidates, sentence_features
from marsad.summarize.compress import as_sentence, compress_point, key_point_text, speaker_before
from marsad.summarize.learned import Scorer
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

_WORD = re.compile(r"\w+")
MAX_CANDIDATES = 400  # see summarize_article; documented with the limits on hostile input (README)


def summarize_article(
    article: Article, settings: SummarySettings | None = None, *, scorer: Scorer | None = None
) -> Summary:
    """A short summary and ``settings.key_points`` key points of ``article``.

    Sentences come from the body prose only (see :mod:`marsad.summarize.candidates`) and
    are printed in article order; every key point cites the sentence it comes from. An
    article without a single summarisable sentence gets an empty summary, not an error.
    ``scorer`` overrides the shipped learned scorer (cross-validation uses it).
    """
    settings = settings or SummarySettings()
    # The ranking is quadratic in sentences (a dense similarity matrix): past the first
    # MAX_CANDIDATES sentences an article's summary would not change, its memory would.
    candidates = body_candidates(article, settings)[:MAX_CANDIDATES]
    if not candidates:
        return Summary(target=article.id, text="", key_points=[])
    order, similarity = rank_candidates(candidates, article.title, settings, article=article, scorer=scorer)
    ranked = [candidates[i] for i in order]
    # A short article leaves room for its key points outside the summary.
    room = max(1, len(ranked) - settings.min_key_points)
    text, chosen = summary_text(
        ranked[:room], settings, with_chosen=True, budget=summary_budget(ranked, settings)
    )
    first = in_text_order(chosen)[:1]
    return Summary(
        target=article.id,
        text=text,
        key_points=key_points(ranked, settings, chosen, similarity, candidates, article.sentences),
        opening_sources=[SourceRef(c.article_id, c.sentence.id, c.outlet) for c in first],
    )


def ranked_sentences(
    article: Article, settings: SummarySettings | None = None, *, scorer: Scorer | None = None
) -> list[Candidate]:
    """Every summarisable sentence of ``article``, best first (the summary's own order of
    preference, redundancy control included): for summaries at a given length."""
    settings = settings or SummarySettings()
    candidates = body_candidates(article, settings)
    if not candidates:
        return []
    order, _ = rank_candidates(
        candidates, article.title, settings, wanted=len(candidates), article=article, scorer=scorer
    )
    return [candidates[i] for i in order]


def candidate_features(
    article: Article | None, candidates: list[Candidate], settings: SummarySettings
) -> tuple[np.ndarray, StemVectors, np.ndarray, np.ndarray | None]:
    """Learned-scorer features of ``candidates``, with the TF-IDF rows, similarity and title row."""
    title = article.title if article is not None else None
    x, extra = tfidf_matrix([c.stems for c in candidates], [sentence_features(title)[1]] if title else [])
    similarity = cosine_matrix(x)
    title_row = extra.dense_row(0) if title else None
    feats = learned.sentence_features(
        article, candidates, x, similarity, title_row, settings.damping, settings.position_decay
    )
    return feats, x, similarity, title_row


def rank_candidates(
    candidates: list[Candidate],
    title: str | None,
    settings: SummarySettings,
    wanted: int | None = None,
    *,
    article: Article | None = None,
    scorer: Scorer | None = None,
) -> tuple[list[int], np.ndarray]:
    """Candidate indices in MMR order (best first), and the similarity matrix used."""
    wanted = wanted or max(settings.key_points + settings.summary_sentences, 8)
    if settings.ranker == "learned":
        if article is None:
            article = Article(id="", origin="", outlet=None, url=None, title=title, body="")
        feats, x, similarity, _ = candidate_features(article, candidates, settings)
        p = (scorer or learned.shipped_scorer()).score(feats)
        positions = np.array([c.position for c in candidates], dtype=float)
        w = settings.learned_lead_weight
        scores = (1 - w) * unit_scale(p) + w * lead_prior(positions, settings.learned_lead_decay)
    else:
        x, extra = tfidf_matrix([c.stems for c in candidates], [sentence_features(title)[1]] if title else [])
        similarity = cosine_matrix(x)
        scores = sentence_scores(candidates, x, similarity, extra.dense_row(0) if title else None, settings)
    lam = settings.learned_mmr_lambda if settings.ranker == "learned" else settings.mmr_lambda
    order = mmr_order(scores, similarity, wanted, lam, settings.redundancy_threshold)
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


def summary_budget(candidates: list[Candidate], settings: SummarySettings) -> int:
    """Words for the summary: ``summary_ratio`` of the article's prose, within
    [``summary_min_words``, ``summary_words``] — human summaries grow with the article."""
    total = sum(c.n_tokens for c in candidates)
    return int(min(settings.summary_words, max(settings.summary_min_words, settings.summary_ratio * total)))


@overload
def summary_text(
    ranked: list[Candidate],
    settings: SummarySettings,
    order: Callable[[list[Candidate]], list[Candidate]] | None = None,
    *,
    with_chosen: Literal[False] = False,
    budget: int | None = None,
) -> str: ...


@overload
def summary_text(
    ranked: list[Candidate],
    settings: SummarySettings,
    order: Callable[[list[Candidate]], list[Candidate]] | None = None,
    *,
    with_chosen: Literal[True],
    budget: int | None = None,
) -> tuple[str, list[Candidate]]: ...


def summary_text(
    ranked: list[Candidate],
    settings: SummarySettings,
    order: Callable[[list[Candidate]], list[Candidate]] | None = None,
    *,
    with_chosen: bool = False,
    budget: int | None = None,
) -> str | tuple[str, list[Candidate]]:
    """Best-first candidates up to the sentence and word budgets, printed in text order.

    Sentences are added while the summary is under its budget (the article's own when
    ``budget`` is None) and the next one does not overshoot it by more than a quarter.
    """
    limit = budget if budget is not None else summary_budget(ranked, settings)
    chosen: list[Candidate] = []
    words = 0
    for c in ranked:
        if len(chosen) >= settings.summary_sentences or words >= limit:
            break
        if chosen and words + c.n_tokens > 1.25 * limit:
            continue
        chosen.append(c)
        words += c.n_tokens
    texts = (c.sentence.text for c in (order or in_text_order)(chosen))
    text = " ".join(as_sentence(compress_point(t) if settings.compress_summary else t) for t in texts)
    return (text, chosen) if with_chosen else text


def key_points(
    ranked: list[Candidate],
    settings: SummarySettings,
    in_summary: list[Candidate] | None = None,
    similarity: np.ndarray | None = None,
    candidates: list[Candidate] | None = None,
    sentences: Sequence[Sentence] | None = None,
) -> list[KeyPoint]:
    """Up to ``settings.key_points`` points (at least ``min_key_points`` when the article
    has them), in text order, each the main clause of one sentence and citing it.

    Sentences outside the summary come first, so a point adds a fact; a summary sentence
    is used only when its point is much shorter than the sentence (then it is a digest,
    not a copy). A point never repeats another point or the summary text. With the
    article's ``sentences``, a point whose subject is only a pronoun ("وأشار إلى أن …") names
    the speaker of the sentences before it.
    """
    in_summary = in_summary or []
    summary_ids = {id(c) for c in in_summary}
    summary_keys = [_point_key(c.sentence.text) for c in in_summary]
    picked: list[tuple[Candidate, str]] = []
    seen: list[str] = []

    def take(c: Candidate, text: str) -> bool:
        key = _point_key(text)
        if not key or any(_repeats(key, k) for k in seen + summary_keys):
            return False
        picked.append((c, text))
        seen.append(key)
        return True

    outside = [c for c in ranked if id(c) not in summary_ids]
    # First points shorter than their sentence (a digest), then any to reach the minimum.
    texts = _LazyTexts(lambda c: _point_text(c, settings, sentences))
    for c in outside:
        if len(picked) >= settings.key_points:
            break
        if c.n_tokens <= 15 or len(texts[c].split()) < c.n_tokens:
            take(c, texts[c])
    for c in outside:
        if len(picked) >= min(settings.key_points, settings.min_key_points):
            break
        if all(c is not p for p, _ in picked):
            take(c, texts[c])
    for c in ranked:
        if (
            len(picked) >= max(settings.min_key_points, min(settings.key_points, len(ranked)))
            or not in_summary
        ):
            break
        if id(c) in summary_ids:
            text = _point_text(c, settings, sentences)
            if len(text.split()) <= 0.75 * c.n_tokens:
                take(c, text)
    if not picked and ranked:
        # A one-sentence article (or one whose sentences all repeat each other): its best
        # sentence is its one fact, even if the summary says it too.
        picked.append((ranked[0], _point_text(ranked[0], settings, sentences)))
    return [
        KeyPoint(text=text, sources=point_sources(c, settings, sentences))
        for c, text in sorted(picked, key=lambda p: (p[0].article_id, p[0].sentence.start))
    ]


class _LazyTexts:
    """A candidate's key-point text, compressed the first time it is asked for (most ranked
    sentences are never looked at: the points are found among the first few)."""

    def __init__(self, make: Callable[[Candidate], str]) -> None:
        self.make = make
        self.done: dict[int, str] = {}

    def __getitem__(self, c: Candidate) -> str:
        if id(c) not in self.done:
            self.done[id(c)] = self.make(c)
        return self.done[id(c)]


def _point_text(c: Candidate, settings: SummarySettings, sentences: Sequence[Sentence] | None = None) -> str:
    if not settings.compress_key_points:
        return c.sentence.text
    speaker = named_speaker(c, sentences)
    return key_point_text(c.sentence.text, speaker[0] if speaker else None)


def named_speaker(c: Candidate, sentences: Sequence[Sentence] | None) -> tuple[str, int] | None:
    """Who the pronoun subject of ``c`` refers to ("وأشار إلى أن …"), and the id of the sentence
    of ``sentences`` (its article's) that names them; None if ``c`` is not such a sentence."""
    i = c.sentence.id
    if sentences is None or not 0 <= i < len(sentences) or sentences[i].start != c.sentence.start:
        return None
    return speaker_before([s.text for s in sentences], i)


def point_sources(
    c: Candidate, settings: SummarySettings, sentences: Sequence[Sentence] | None
) -> list[SourceRef]:
    """The point's own sentence, and the one naming its speaker when that was folded in."""
    own = SourceRef(c.article_id, c.sentence.id, c.outlet)
    speaker = named_speaker(c, sentences) if settings.compress_key_points else None
    return [own, SourceRef(c.article_id, speaker[1], c.outlet)] if speaker else [own]


def _point_key(text: str) -> str:
    return " ".join(_WORD.findall(normalize(text)))


def _repeats(a: str, b: str) -> bool:
    """``a`` says what ``b`` says: contained in it, or four fifths of its words are."""
    if not a or not b:
        return False
    if a in b or b in a:
        return True
    wa, wb = a.split(), set(b.split())
    return sum(w in wb for w in wa) >= 0.8 * len(wa)


def in_text_order(candidates: list[Candidate]) -> list[Candidate]:
    return sorted(candidates, key=lambda c: (c.article_id, c.sentence.start))
