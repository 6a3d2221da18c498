"""ROUGE-1/2/L with Arabic-aware tokenisation.

The common ``rouge-score`` package lower-cases and then keeps only ``[a-z0-9]``: every Arabic
letter becomes a space and an Arabic summary scores as if it were empty. Here tokens are the
normalised words of :func:`marsad.arabic.tokenize` (hamza seats, alef maqsura, ta marbuta,
diacritics and digit sets folded), optionally light-stemmed so that "الحكومة" and "حكومة"
match, as the Porter stemmer does for English in ROUGE-1.5.5.

:class:`ArabicTokenizer` also plugs into ``rouge_score.rouge_scorer.RougeScorer(tokenizer=...)``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from marsad.arabic import light_stem, tokenize

ROUGE_TYPES = ("rouge1", "rouge2", "rougeL")


@dataclass(frozen=True)
class Score:
    precision: float
    recall: float
    fmeasure: float

    @classmethod
    def of(cls, overlap: float, candidate_total: int, reference_total: int) -> Score:
        p = overlap / candidate_total if candidate_total else 0.0
        r = overlap / reference_total if reference_total else 0.0
        return cls(p, r, 2 * p * r / (p + r) if p + r else 0.0)


class ArabicTokenizer:
    """Normalised (and by default light-stemmed) Arabic word tokens; Latin and digits kept."""

    def __init__(self, stem: bool = True) -> None:
        self.stem = stem

    def tokenize(self, text: str) -> list[str]:
        tokens = [t.lower() for t in tokenize(text)]
        return [light_stem(t) for t in tokens] if self.stem else tokens


def _ngrams(tokens: Sequence[str], n: int) -> Counter[tuple[str, ...]]:
    return Counter(tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1))


def rouge_n(candidate: Sequence[str], reference: Sequence[str], n: int) -> Score:
    """N-gram overlap with clipped counts."""
    cand, ref = _ngrams(candidate, n), _ngrams(reference, n)
    overlap = sum((cand & ref).values())
    return Score.of(overlap, sum(cand.values()), sum(ref.values()))


def lcs_length(a: Sequence[str], b: Sequence[str]) -> int:
    """Length of the longest common subsequence (two-row dynamic programme)."""
    if len(a) < len(b):
        a, b = b, a
    prev = [0] * (len(b) + 1)
    for x in a:
        cur = [0]
        for j, y in enumerate(b):
            cur.append(prev[j] + 1 if x == y else max(prev[j + 1], cur[j]))
        prev = cur
    return prev[-1]


def rouge_l(candidate: Sequence[str], reference: Sequence[str]) -> Score:
    return Score.of(lcs_length(candidate, reference), len(candidate), len(reference))


class ArabicRouge:
    """ROUGE-1, ROUGE-2 and ROUGE-L of a candidate against one or more references.

    With several references each type keeps the best-F reference, as ``rouge-score`` does.
    """

    def __init__(self, tokenizer: ArabicTokenizer | None = None) -> None:
        self.tokenizer = tokenizer or ArabicTokenizer()

    def score(self, reference: str | Sequence[str], candidate: str) -> dict[str, Score]:
        references = [reference] if isinstance(reference, str) else list(reference)
        cand = self.tokenizer.tokenize(candidate)
        best: dict[str, Score] = {}
        for ref_text in references:
            ref = self.tokenizer.tokenize(ref_text)
            scores = {
                "rouge1": rouge_n(cand, ref, 1),
                "rouge2": rouge_n(cand, ref, 2),
                "rougeL": rouge_l(cand, ref),
            }
            for name, s in scores.items():
                if name not in best or s.fmeasure > best[name].fmeasure:
                    best[name] = s
        return best
