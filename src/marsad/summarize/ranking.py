"""Sentence ranking: TF-IDF over content stems, LexRank centrality, lead prior and MMR.

Everything works on one small dense matrix per article (or per event): rows are sentences,
columns stems, rows L2-normalised so that ``X @ X.T`` is the cosine similarity, and the random
walk is a few matrix-vector products — no per-pair Python loops.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class StemVectors:
    """L2-normalised TF-IDF rows kept as their non-zero entries (row, column, weight).

    Hand-rolled rather than scipy.sparse: an article is tens of sentences, where building
    sparse matrices costs more than the arithmetic, and a dense ``X @ X.T`` hands the work
    to a multithreaded BLAS that thrashes when several workers share the cores.
    """

    rows: np.ndarray
    cols: np.ndarray
    weights: np.ndarray
    n_rows: int
    n_cols: int

    def dense_row(self, i: int = 0) -> np.ndarray:
        """Row ``i`` as a dense vector over the vocabulary."""
        out = np.zeros(self.n_cols)
        mask = self.rows == i
        out[self.cols[mask]] = self.weights[mask]
        return out

    def dot(self, vector: np.ndarray) -> np.ndarray:
        """``X @ vector`` for a dense vector over the vocabulary."""
        return np.bincount(self.rows, self.weights * vector[self.cols], minlength=self.n_rows)

    def column_sums(self) -> np.ndarray:
        return np.bincount(self.cols, self.weights, minlength=self.n_cols)

    def cosine(self) -> np.ndarray:
        """``X @ X.T``: every pair of entries sharing a column, summed per row pair."""
        order = np.argsort(self.cols, kind="stable")
        rows, cols, w = self.rows[order], self.cols[order], self.weights[order]
        _, start, size = np.unique(cols, return_index=True, return_counts=True)
        group_size = np.repeat(size, size)  # per entry: size of its column group
        group_start = np.repeat(start, size)
        left = np.repeat(np.arange(len(cols)), group_size)
        block_start = np.repeat(np.cumsum(group_size) - group_size, group_size)
        right = np.repeat(group_start, group_size) + (np.arange(len(left)) - block_start)
        flat = rows[left] * self.n_rows + rows[right]
        gram = np.bincount(flat, w[left] * w[right], minlength=self.n_rows * self.n_rows)
        return gram.reshape(self.n_rows, self.n_rows)


def tfidf_matrix(
    stem_lists: Sequence[Sequence[str]], extra: Sequence[Sequence[str]] = ()
) -> tuple[StemVectors, StemVectors]:
    """L2-normalised TF-IDF rows for ``stem_lists`` and for ``extra`` passages (e.g. the title).

    IDF comes from the sentences themselves (a sentence is a document): a stem in every
    sentence says nothing about which sentence matters. ``extra`` rows use the same
    vocabulary and weights; stems unseen in the sentences are ignored.
    """
    # each stem's column in first-seen order, then the rows as C-level maps over the table
    vocab = {s: i for i, s in enumerate(dict.fromkeys(itertools.chain.from_iterable(stem_lists)))}
    column = vocab.__getitem__
    rows = [list(map(column, stems)) for stems in stem_lists]
    main = _counts(rows, len(vocab))
    df = np.bincount(main[1], minlength=len(vocab))
    idf = np.log((len(rows) + 1) / (df + 1)) + 1.0
    extra_rows = [[vocab[s] for s in stems if s in vocab] for stems in extra]
    return _weigh(*main, idf, len(rows)), _weigh(*_counts(extra_rows, len(vocab)), idf, len(extra_rows))


def _counts(rows: list[list[int]], width: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    r = np.repeat(np.arange(len(rows)), [len(x) for x in rows])
    c = np.fromiter(itertools.chain.from_iterable(rows), dtype=np.intp, count=len(r))
    keys, counts = np.unique(r * max(width, 1) + c, return_counts=True)
    return keys // max(width, 1), keys % max(width, 1), counts.astype(float)


def _weigh(
    rows: np.ndarray, cols: np.ndarray, counts: np.ndarray, idf: np.ndarray, n_rows: int
) -> StemVectors:
    # Sublinear tf: a stem repeated in one sentence is emphasis, not extra content.
    w = (1.0 + np.log(counts)) * idf[cols]
    norms = np.sqrt(np.bincount(rows, w * w, minlength=n_rows))
    w = w / np.where(norms > 0, norms, 1.0)[rows]
    return StemVectors(rows, cols, w, n_rows, len(idf))


def cosine_matrix(x: StemVectors) -> np.ndarray:
    """Sentence-by-sentence cosine similarity of L2-normalised rows."""
    return x.cosine()


def lexrank(
    similarity: np.ndarray, damping: float = 0.85, iterations: int = 100, tol: float = 1e-8
) -> np.ndarray:
    """Continuous LexRank (Erkan & Radev 2004): stationary distribution of a random walk whose
    steps follow cosine similarity, with teleportation ``1 - damping``. Sums to one."""
    n = similarity.shape[0]
    if n == 0:
        return np.zeros(0)
    w = similarity.copy()
    np.fill_diagonal(w, 0.0)
    row_sums = w.sum(axis=1, keepdims=True)
    # A sentence sharing nothing with the others teleports uniformly.
    w = np.where(row_sums > 0, w / np.where(row_sums > 0, row_sums, 1.0), 1.0 / n)
    p = np.full(n, 1.0 / n)
    for _ in range(iterations):
        nxt = (1 - damping) / n + damping * (w.T @ p)
        if np.abs(nxt - p).sum() < tol:
            return nxt
        p = nxt
    return p


def lead_prior(positions: np.ndarray, decay: float) -> np.ndarray:
    """Exponential lead bias: 1 for the first sentence, 1/e after ``decay`` sentences."""
    return np.exp(-positions / decay)


def unit_scale(values: np.ndarray) -> np.ndarray:
    """``values / max`` (zeros stay zeros): puts signals of different units on one scale."""
    top = values.max() if values.size else 0.0
    return values / top if top > 0 else np.zeros_like(values)


def mmr_order(
    scores: np.ndarray, similarity: np.ndarray, k: int, lam: float, max_similarity: float
) -> list[int]:
    """Maximal Marginal Relevance: up to ``k`` indices, best first.

    Each step takes the item maximising ``lam * score - (1 - lam) * (max similarity to the
    chosen)``; items more similar than ``max_similarity`` to a chosen one are never taken
    (they would repeat it).
    """
    n = len(scores)
    chosen: list[int] = []
    available = np.ones(n, dtype=bool)
    closest = np.zeros(n)
    while len(chosen) < k and available.any():
        gain = np.where(available, lam * scores - (1 - lam) * closest, -np.inf)
        best = int(np.argmax(gain))
        chosen.append(best)
        available[best] = False
        closest = np.maximum(closest, similarity[best])
        available &= closest <= max_similarity
    return chosen
