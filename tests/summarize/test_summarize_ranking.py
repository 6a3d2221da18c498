from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from marsad.summarize.ranking import lexrank, mmr_order, tfidf_matrix

stems = st.lists(
    st.lists(st.sampled_from(["حكم", "وزير", "نفط", "سعر", "غز", "حرب", "سلم"]), max_size=8),
    min_size=1,
    max_size=12,
)


@settings(max_examples=60, deadline=None)
@given(stems)
def test_cosine_from_entries_equals_the_dense_product(rows):
    x, _ = tfidf_matrix(rows)
    dense = np.zeros((x.n_rows, x.n_cols))
    dense[x.rows, x.cols] = x.weights
    assert np.allclose(x.cosine(), dense @ dense.T)
    nonempty = [i for i, r in enumerate(rows) if r]
    assert np.allclose(np.diag(x.cosine())[nonempty], 1.0)


def test_lexrank_prefers_the_sentence_others_agree_with():
    x, _ = tfidf_matrix([["نفط", "سعر", "ارتفع"], ["نفط", "سعر"], ["سعر", "ارتفع"], ["كره", "قدم"]])
    ranks = lexrank(x.cosine())
    assert np.isclose(ranks.sum(), 1.0)
    assert ranks.argmax() == 0 and ranks[3] == ranks.min()


def test_mmr_skips_near_copies():
    similarity = np.array([[1.0, 0.95, 0.1], [0.95, 1.0, 0.1], [0.1, 0.1, 1.0]])
    assert mmr_order(np.array([1.0, 0.9, 0.5]), similarity, 3, 0.7, 0.6) == [0, 2]
