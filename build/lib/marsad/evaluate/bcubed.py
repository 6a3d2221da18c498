"""B-cubed precision and recall of a clustering against gold clusters (Bagga & Baldwin 1998).

For each item: precision is the share of its predicted cluster that shares its gold cluster,
recall the share of its gold cluster that shares its predicted cluster; both are averaged
over the items. Unlike pairwise scores it does not let one huge cluster dominate, and it
rewards a singleton guess for a singleton truth.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class BCubed:
    precision: float
    recall: float
    items: int

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def clusters_to_labels(clusters: Iterable[Iterable[str]]) -> dict[str, int]:
    """``{item: cluster number}`` from a list of clusters (an item in two clusters is an error)."""
    labels: dict[str, int] = {}
    for n, cluster in enumerate(clusters):
        for item in cluster:
            if item in labels:
                raise ValueError(f"item {item!r} is in two clusters")
            labels[item] = n
    return labels


def bcubed(predicted: Mapping[str, object], gold: Mapping[str, object]) -> BCubed:
    """B-cubed over the items present in ``gold`` (items missing from ``predicted`` count as
    singletons). ``predicted``/``gold`` map item → cluster label. O(n)."""
    items = list(gold)
    if not items:
        return BCubed(0.0, 0.0, 0)
    pred = {i: predicted.get(i, ("__singleton__", i)) for i in items}
    gold_size = Counter(gold[i] for i in items)
    pred_size = Counter(pred[i] for i in items)
    both = Counter((pred[i], gold[i]) for i in items)
    precision = sum(both[(pred[i], gold[i])] / pred_size[pred[i]] for i in items) / len(items)
    recall = sum(both[(pred[i], gold[i])] / gold_size[gold[i]] for i in items) / len(items)
    return BCubed(precision, recall, len(items))
