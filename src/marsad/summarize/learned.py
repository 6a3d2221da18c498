"""A small learned sentence scorer: logistic regression over a dozen sentence features.

Features (all in [0, 1] or small ranges, computed per article): lead prior, relative
position, first sentence, first sentence of its paragraph, LexRank centrality, similarity
to the article centroid, to the title and to the lead sentence, length (log words, short
and run-on flags), numbers, named-entity mentions, quotation marks. The weights live in
``marsad/data/summarize/scorer.json`` as data; they are fitted by

    PYTHONPATH=src python -m marsad.summarize.train train EASC_DIR [--out FILE]

on an EASC-layout folder (``Articles/TopicN/*.txt`` and ``MTurk/TopicN/*`` extractive
references): a sentence's target is the share of the references that contain it. The
fit is plain numpy (L2-regularised logistic loss with soft targets, gradient descent), so
the runtime needs nothing beyond the weights file. ``--trees`` also boosts 150 depth-2
regression trees on the same targets (scikit-learn, at training time only; stored as arrays)
and scores with the mean of the two: cross-validated it was no better than the logistic
regression alone (see ``docs/notes/issue-10-summaries.md``), so the shipped weights have none. ``benchmarks/bench_summarize.py --cv`` reports
the topic-fold cross-validated ROUGE, which is the figure to quote for it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import numpy as np

from marsad.arabic import normalize
from marsad.model import Article
from marsad.summarize.candidates import Candidate
from marsad.summarize.ranking import StemVectors, lead_prior, lexrank, unit_scale

FEATURES = (
    "lead_prior",
    "relative_position",
    "first_sentence",
    "paragraph_start",
    "centrality",
    "centroid",
    "title",
    "lead_similarity",
    "log_words",
    "short",
    "run_on",
    "numbers",
    "entities",
    "quote",
)
_DIGIT = re.compile(r"[0-9٠-٩]")
_QUOTE = re.compile('[«»“”"]')
WEIGHTS_FILE = "scorer.json"


@dataclass(frozen=True)
class Trees:
    """Gradient-boosted regression trees (scikit-learn's, fitted at training time) as arrays:
    per tree, each node's feature, threshold, children (-1 at a leaf) and value."""

    init: float
    rate: float
    trees: tuple[tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray], ...]

    def predict(self, features: np.ndarray) -> np.ndarray:
        out = np.full(len(features), self.init)
        rows = np.arange(len(features))
        features = features.astype(np.float32)  # as scikit-learn compares them
        for feature, threshold, left, right, value in self.trees:
            node = np.zeros(len(features), dtype=int)
            while True:
                inner = left[node] >= 0
                if not inner.any():
                    break
                go_left = features[rows, np.maximum(feature[node], 0)] <= threshold[node]
                node = np.where(inner, np.where(go_left, left[node], right[node]), node)
            out += self.rate * value[node]
        return out

    def to_json(self) -> dict[str, Any]:
        return {
            "init": round(self.init, 6),
            "rate": self.rate,
            "trees": [
                {
                    "feature": f.tolist(),
                    "threshold": t.tolist(),  # unrounded: a rounded threshold moves sentences
                    "left": lo.tolist(),
                    "right": hi.tolist(),
                    "value": v.round(6).tolist(),
                }
                for f, t, lo, hi, v in self.trees
            ],
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Trees:
        return cls(
            float(data["init"]),
            float(data["rate"]),
            tuple(
                (
                    np.array(t["feature"], dtype=int),
                    np.array(t["threshold"], dtype=float),
                    np.array(t["left"], dtype=int),
                    np.array(t["right"], dtype=int),
                    np.array(t["value"], dtype=float),
                )
                for t in data["trees"]
            ),
        )


@dataclass(frozen=True)
class Scorer:
    """Standardisation and logistic-regression weights over :data:`FEATURES`, and optionally
    boosted trees over the same features; with trees the score is the mean of the two
    (each scaled to the article's best sentence): two different learners, less variance."""

    mean: np.ndarray
    scale: np.ndarray
    weights: np.ndarray
    bias: float
    trees: Trees | None = None

    def probability(self, features: np.ndarray) -> np.ndarray:
        z = ((features - self.mean) / self.scale) @ self.weights + self.bias
        return 1.0 / (1.0 + np.exp(-z))

    def score(self, features: np.ndarray) -> np.ndarray:
        p = self.probability(features)
        if self.trees is None or not len(features):
            return p
        boosted = np.maximum(self.trees.predict(features), 1e-3)
        return (p / p.max() + boosted / boosted.max()) / 2

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "features": list(FEATURES),
            "mean": self.mean.round(6).tolist(),
            "scale": self.scale.round(6).tolist(),
            "weights": self.weights.round(6).tolist(),
            "bias": round(float(self.bias), 6),
        }
        if self.trees is not None:
            data["trees"] = self.trees.to_json()
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Scorer:
        if list(data["features"]) != list(FEATURES):
            raise ValueError("scorer weights were fitted on other features; retrain them")
        return cls(
            np.array(data["mean"], dtype=float),
            np.array(data["scale"], dtype=float),
            np.array(data["weights"], dtype=float),
            float(data["bias"]),
            Trees.from_json(data["trees"]) if data.get("trees") else None,
        )


@lru_cache(maxsize=1)
def shipped_scorer() -> Scorer:
    """The scorer whose weights ship in ``marsad/data/summarize/scorer.json``."""
    text = resources.files("marsad.data").joinpath(f"summarize/{WEIGHTS_FILE}").read_text(encoding="utf-8")
    return Scorer.from_json(json.loads(text))


def sentence_features(
    article: Article | None,
    candidates: Sequence[Candidate],
    x: StemVectors,
    similarity: np.ndarray,
    title_row: np.ndarray | None,
    damping: float,
    decay: float,
) -> np.ndarray:
    """The feature matrix (candidates × :data:`FEATURES`)."""
    n = len(candidates)
    positions = np.array([c.position for c in candidates], dtype=float)
    centroid = x.column_sums()
    norm = np.linalg.norm(centroid)
    centroid_sim = unit_scale(x.dot(centroid / norm)) if norm else np.zeros(n)
    title = unit_scale(x.dot(title_row)) if title_row is not None and title_row.any() else np.zeros(n)
    words = np.array([c.n_tokens for c in candidates], dtype=float)
    blocks = [c.sentence.block for c in candidates]
    paragraph_start = np.array([i == 0 or blocks[i - 1] != blocks[i] for i in range(n)], dtype=float)
    entities = np.zeros(n)
    if article is not None and article.mentions:
        index = {c.sentence.id: i for i, c in enumerate(candidates)}
        for m in article.mentions:
            if m.sentence in index:
                entities[index[m.sentence]] += 1
    texts = [c.sentence.text for c in candidates]
    columns = [
        lead_prior(positions, decay),
        positions / max(n - 1, 1),
        (positions == 0).astype(float),
        paragraph_start,
        unit_scale(lexrank(similarity, damping)),
        centroid_sim,
        title,
        similarity[0] if n else np.zeros(0),
        np.log1p(words),
        (words < 10).astype(float),
        (words > 60).astype(float),
        np.array([min(len(_DIGIT.findall(t)), 8) / 8 for t in texts]),
        np.minimum(entities, 6) / 6,
        np.array([bool(_QUOTE.search(t)) for t in texts], dtype=float),
    ]
    return np.column_stack(columns) if n else np.zeros((0, len(FEATURES)))


def fit(features: np.ndarray, targets: np.ndarray, l2: float = 1.0, steps: int = 3000) -> Scorer:
    """Logistic regression with soft targets, L2 penalty ``l2`` (per example), gradient descent."""
    mean = features.mean(axis=0)
    scale = features.std(axis=0)
    scale = np.where(scale > 1e-9, scale, 1.0)
    z = (features - mean) / scale
    n, k = z.shape
    w = np.zeros(k)
    b = float(np.log(max(targets.mean(), 1e-3) / max(1 - targets.mean(), 1e-3)))
    rate = 0.5
    for _ in range(steps):
        p = 1.0 / (1.0 + np.exp(-(z @ w + b)))
        grad_w = z.T @ (p - targets) / n + l2 * w / n
        grad_b = float((p - targets).mean())
        w -= rate * grad_w
        b -= rate * grad_b
    return Scorer(mean, scale, w, b)


# ----------------------------------------------------------------------------- training data

_WORD = re.compile(r"\w+")


def _key(text: str) -> str:
    return "".join(_WORD.findall(normalize(text)))


def sentence_targets(candidates: Sequence[Candidate], references: Sequence[str]) -> np.ndarray:
    """Share of the (extractive) references that contain each candidate sentence.

    Both sides are reduced to normalised letters without spaces (the EASC references drop the
    article's line breaks, which glues words); a sentence counts as contained when its first
    40 letters, or its last 40, appear in the reference.
    """
    refs = [_key(r) for r in references]
    out = np.zeros(len(candidates))
    for i, c in enumerate(candidates):
        k = _key(c.sentence.text)
        head, tail = k[:40], k[-40:]
        out[i] = sum(bool(k) and (head in r or tail in r) for r in refs) / max(len(refs), 1)
    return out


def fit_trees(features: np.ndarray, targets: np.ndarray) -> Trees:
    """Small boosted trees (150 of depth 2, ≥ 20 sentences a leaf, rate 0.05, 80 % subsamples,
    fixed seed: the same data give the same trees)."""
    from sklearn.ensemble import GradientBoostingRegressor

    model = GradientBoostingRegressor(
        max_depth=2, n_estimators=150, learning_rate=0.05, subsample=0.8, min_samples_leaf=20, random_state=0
    ).fit(features, targets)
    trees = []
    for (estimator,) in model.estimators_:
        t = estimator.tree_
        trees.append(
            (
                t.feature.astype(int).copy(),
                t.threshold.astype(float).copy(),
                t.children_left.astype(int).copy(),
                t.children_right.astype(int).copy(),
                t.value[:, 0, 0].astype(float).copy(),
            )
        )
    return Trees(float(model.init_.constant_.ravel()[0]), model.learning_rate, tuple(trees))


def fit_items(pairs: Sequence[tuple[np.ndarray, np.ndarray]], l2: float = 1.0, trees: bool = False) -> Scorer:
    features, targets = np.vstack([f for f, _ in pairs]), np.concatenate([t for _, t in pairs])
    linear = fit(features, targets, l2)
    if not trees:
        return linear
    return Scorer(linear.mean, linear.scale, linear.weights, linear.bias, fit_trees(features, targets))
