"""The Arabic text layer: normalisation for matching, tokens, sentences, stems, stopwords.

Normalised forms are for matching only; display always keeps the original text.
"""

from marsad.arabic.normalize import normalize, normalize_digits, strip_controls
from marsad.arabic.sentences import split_sentences
from marsad.arabic.tokens import STOPWORDS, light_stem, tokenize, tokenize_with_spans

__all__ = [
    "STOPWORDS",
    "light_stem",
    "normalize",
    "normalize_digits",
    "split_sentences",
    "strip_controls",
    "tokenize",
    "tokenize_with_spans",
]
