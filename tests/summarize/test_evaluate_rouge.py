from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from marsad.evaluate.rouge import ArabicRouge, ArabicTokenizer, lcs_length, rouge_l, rouge_n

REFERENCE = "أعلنت الحكومة العراقية إجلاء ألفي عائلة من البصرة بعد الفيضان."
CANDIDATE = "الحكومة العراقية تعلن إجلاء ألفي عائلة من أحياء البصرة."

rouge_score = pytest.importorskip("rouge_score.rouge_scorer")


def test_rouge_score_default_tokenizer_drops_arabic_ours_does_not():
    default = rouge_score.RougeScorer(["rouge1"])
    assert default.score(REFERENCE, CANDIDATE)["rouge1"].fmeasure == 0.0  # every Arabic letter dropped
    ours = ArabicRouge().score(REFERENCE, CANDIDATE)["rouge1"]
    assert ours.fmeasure > 0.5
    assert ArabicTokenizer().tokenize(REFERENCE)  # tokens exist


def test_our_scores_match_rouge_score_with_our_tokenizer_plugged_in():
    plugged = rouge_score.RougeScorer(["rouge1", "rouge2", "rougeL"], tokenizer=ArabicTokenizer())
    theirs = plugged.score(REFERENCE, CANDIDATE)
    ours = ArabicRouge().score(REFERENCE, CANDIDATE)
    for t in ("rouge1", "rouge2", "rougeL"):
        assert ours[t].fmeasure == pytest.approx(theirs[t].fmeasure)
        assert ours[t].precision == pytest.approx(theirs[t].precision)


def test_spelling_variants_match_after_normalisation():
    scores = ArabicRouge(ArabicTokenizer(stem=False)).score(
        "إجتماع الرئيس في القاهرة", "اجتماع الرئيس فى القاهره"
    )
    assert scores["rouge1"].fmeasure == 1.0


def test_hand_computed_overlaps():
    cand, ref = ["a", "b", "c", "d"], ["a", "c", "b", "d", "e"]
    r1 = rouge_n(cand, ref, 1)
    assert (r1.precision, r1.recall) == (1.0, 0.8)
    assert rouge_n(cand, ref, 2).precision == pytest.approx(0.0)  # bigrams ab bc cd vs ac cb bd de
    assert lcs_length(cand, ref) == 3
    assert rouge_l(cand, ref).recall == pytest.approx(3 / 5)


@settings(max_examples=50, deadline=None)
@given(st.lists(st.sampled_from("كتب الوزير بيانا عن الحرب في غزة اليوم".split()), min_size=1, max_size=12))
def test_text_scores_one_against_itself_and_is_symmetric(words):
    text = " ".join(words)
    other = " ".join(reversed(words[1:] or words))
    rouge = ArabicRouge()
    assert rouge.score(text, text)["rougeL"].fmeasure == pytest.approx(1.0)
    a, b = rouge.score(text, other), rouge.score(other, text)
    for t in ("rouge1", "rouge2", "rougeL"):
        assert a[t].fmeasure == pytest.approx(b[t].fmeasure)
        assert a[t].precision == pytest.approx(b[t].recall)
