"""B-cubed scores checked by hand on small clusterings."""

from __future__ import annotations

import pytest

from marsad.evaluate.bcubed import bcubed, clusters_to_labels


def test_perfect_and_all_in_one() -> None:
    gold = clusters_to_labels([["a", "b"], ["c"]])
    assert bcubed(gold, gold).f1 == 1.0
    lumped = clusters_to_labels([["a", "b", "c"]])
    score = bcubed(lumped, gold)
    # precision: a,b see 2/3 right, c sees 1/3 → (2/3+2/3+1/3)/3 = 5/9; recall is 1.
    assert score.precision == pytest.approx(5 / 9) and score.recall == 1.0


def test_all_singletons_and_missing_items() -> None:
    gold = clusters_to_labels([["a", "b"], ["c"]])
    score = bcubed({}, gold)  # nothing predicted: every item alone
    assert score.precision == 1.0 and score.recall == pytest.approx((1 / 2 + 1 / 2 + 1) / 3)


def test_item_in_two_clusters_is_refused() -> None:
    with pytest.raises(ValueError, match="two clusters"):
        clusters_to_labels([["a"], ["a"]])
