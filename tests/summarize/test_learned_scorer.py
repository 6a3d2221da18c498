"""The learned sentence scorer: shipped weights load, and a scorer survives its JSON form."""

from __future__ import annotations

import json

import numpy as np
import pytest
from summarize_fixtures import FLOOD, article_of

from marsad.summarize import SummarySettings, summarize_article
from marsad.summarize.learned import FEATURES, Scorer, fit, fit_trees, shipped_scorer


def _toy(n: int = 400) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(7)
    x = rng.random((n, len(FEATURES)))
    # a target that needs an interaction (trees) and a slope (logistic)
    y = np.clip(0.6 * x[:, 0] + 0.3 * (x[:, 4] > 0.5) * (x[:, 7] > 0.3) + 0.05 * rng.standard_normal(n), 0, 1)
    return x, y


def test_shipped_weights_load_and_rank_an_article():
    scorer = shipped_scorer()
    assert scorer.weights.shape == (len(FEATURES),)
    summary = summarize_article(article_of(FLOOD), SummarySettings())
    assert summary.text and len(summary.key_points) >= 3


def test_scorer_with_trees_round_trips_through_json_and_matches_scikit_learn():
    from sklearn.ensemble import GradientBoostingRegressor

    x, y = _toy()
    linear = fit(x, y)
    trees = fit_trees(x, y)
    scorer = Scorer(linear.mean, linear.scale, linear.weights, linear.bias, trees)
    again = Scorer.from_json(json.loads(json.dumps(scorer.to_json())))
    assert np.allclose(again.score(x), scorer.score(x), atol=1e-5)
    reference = GradientBoostingRegressor(
        max_depth=2, n_estimators=150, learning_rate=0.05, subsample=0.8, min_samples_leaf=20, random_state=0
    ).fit(x, y)
    assert again.trees is not None
    assert np.allclose(again.trees.predict(x), reference.predict(x), atol=1e-5)
    # the trees learn something: they rank the toy target better than chance
    assert np.corrcoef(trees.predict(x), y)[0, 1] > 0.8


def test_weights_fitted_on_other_features_are_refused():
    data = shipped_scorer().to_json()
    data["features"] = data["features"][:-1]
    with pytest.raises(ValueError, match="retrain"):
        Scorer.from_json(data)
