"""Sentence ranking: TF-IDF over content stems, LexRank centrality, lead prior and MMR.

Everything works on one small matrix per article (or per event): rows are sentences, columns
stems, rows L2-normalised so that ``X @ X.T`` is the cosine similarity. Articles have tens of
sentences, so the similarity matrix is dense numpy and the random walk a few matrix-vector
products — no per-pair Python loops.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from scipy import sparse


def tfidf_matrix(
    stem_lists: Sequence[Sequence[str]], extra: Sequence[Sequence[str]] = ()
) -> tuple[sparse.csr_matrix, sparse.csr_matrix]:
    """L2-normalised TF-IDF rows for ``stem_lists`` and for ``extra`` passages (e.g. the title).

    IDF comes from the sentences themselves (a sentence is a document): a stem in every
    sentence says nothing about which sentence matters. ``extra`` rows use the same
    vocabulary and weights; stems unseen in the sentences are ignored.
    """
    vocab: dict[str, int] = {}
    indptr, indices = [0], list[int]()
    for stems in stem_lists:
        indices.extend(vocab.setdefault(s, len(vocab)) for s in stems)
        indptr.append(len(indices))
    n, v = len(stem_lists), max(len(vocab), 1)
    counts = sparse.csr_matrix((np.ones(len(indices)), indices, indptr), shape=(n, v))
    counts.sum_duplicates()
    df = np.bincount(counts.indices, minlength=v)
    idf = np.log((n + 1) / (df + 1)) + 1.0
    # Sublinear tf: a stem repeated in one sentence is emphasis, not extra content.
    counts.data = 1.0 + np.log(counts.data)
    x = _l2_rows(counts @ sparse.diags(idf))
    e_indptr, e_indices = [0], list[int]()
    for stems in extra:
        e_indices.extend(vocab[s] for s in stems if s in vocab)
        e_indptr.append(len(e_indices))
    e = sparse.csr_matrix((np.ones(len(e_indices)), e_indices, e_indptr), shape=(len(extra), v))
    e.sum_duplicates()
    e.data = 1.0 + np.log(e.data)
    return x, _l2_rows(e @ sparse.diags(idf))


def _l2_rows(m: sparse.csr_matrix) -> sparse.csr_matrix:
    m = sparse.csr_matrix(m)
    norms = np.sqrt(np.asarray(m.multiply(m).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    return sparse.csr_matrix(sparse.diags(1.0 / norms) @ m)


def cosine_matrix(x: sparse.csr_matrix) -> np.ndarray:
    """Dense sentence-by-sentence cosine similarity of L2-normalised rows."""
    return np.asarray((x @ x.T).todense())


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
