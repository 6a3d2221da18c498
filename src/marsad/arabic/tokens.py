"""Tokens, light stems and stopwords for Arabic news text."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from functools import lru_cache
from typing import TypeVar

import Stemmer

from marsad.arabic.normalize import normalize

# A word: letters/digits plus the combining marks and tatweel that live inside Arabic words.
_WORD = re.compile(r"[\w\u0610-\u061a\u064b-\u065f\u0670\u0640]+(?:[.,٫][0-9٠-٩]+)*", re.UNICODE)

_STEMMER = Stemmer.Stemmer("arabic")

# Function words of news prose (normalised forms: no hamza seats, ة → ه, ى → ي).
STOPWORDS: frozenset[str] = frozenset(
    normalize(w)
    for w in """
    في من على إلى الى عن مع أن إن أنه إنه أنها كان كانت يكون تكون قد لقد لم لن لا ما ماذا
    هذا هذه هذان هاتان ذلك تلك هؤلاء أولئك الذي التي الذين اللذين اللتين اللواتي اللاتي
    و أو ثم بل لكن حتى إذا إذ كما كل بعض غير بين عند عندما حيث أي أيضا أيضاً وقد وقال وأضاف
    وأكد وأشار وذلك وهو وهي هو هي هم هن أنت نحن أنا له لها لهم به بها بهم فيه فيها منه منها
    عليه عليها إليه إليها قال قالت أكد أكدت أضاف أضافت أشار أشارت أوضح أوضحت بعد قبل خلال
    منذ ضمن دون لدى لدي تحت فوق أمام وراء حول نحو ليس ليست سوف يتم تم وكان وكانت إلا بأن
    بان فإن وإن ولا وما ولم كذلك هناك هنا الآن عام يوم اليوم أمس غدا مثل لأن لان وفي ومن وعلى
    التى الى علي مما عما فيما بما كما لما وفق وفقا جدا عدة عدد أكثر أقل يجب ضد عبر
    """.split()
)


# Words repeat (Zipf): normalising each distinct word once makes corpus passes ~3x faster.
_normalize_word = lru_cache(maxsize=500_000)(normalize)


def tokenize(text: str) -> list[str]:
    """Normalised word tokens of ``text`` (digits ASCII, marks and hamza seats folded)."""
    # findall gives the whole matches (the pattern's one group does not capture)
    return list(map(_normalize_word, _WORD.findall(text)))


def tokenize_with_spans(text: str) -> list[tuple[str, int, int]]:
    """``(normalised token, start, end)`` with offsets into the original ``text``."""
    return [(normalize(m.group()), m.start(), m.end()) for m in _WORD.finditer(text)]


# Conjunction/preposition + article clusters that Snowball leaves on ("والمعلمين" stays
# "والمعلم"): stripped first, as in Larkey's light10, when at least three letters remain.
_PROCLITICS = ("وبال", "وكال", "فال", "وال", "بال", "كال", "ولل", "فلل", "لل", "ال")


@lru_cache(maxsize=500_000)
def light_stem(token: str) -> str:
    """The light stem of a normalised token: proclitic clusters stripped, then the Snowball
    Arabic stemmer (plural, feminine and pronoun endings). Used for lexical similarity and
    search, never for display or names."""
    if len(token) <= 3 or not token.isalpha():
        return token
    for prefix in _PROCLITICS:
        if token.startswith(prefix) and len(token) - len(prefix) >= 3:
            token = token[len(prefix) :]
            break
    return _STEMMER.stemWord(token)


V = TypeVar("V")


class WordTable(dict[str, V]):
    """word -> ``work(word)``, worked out on the first look-up and kept: hot loops ``map``
    the table's C-level ``__getitem__`` over their words (no Python call, no LRU bookkeeping
    per word). :meth:`over` empties the table once it holds more than ``bound`` words."""

    def __init__(self, work: Callable[[str], V], bound: int) -> None:
        super().__init__()
        self.work, self.bound = work, bound

    def __missing__(self, word: str) -> V:
        value = self[word] = self.work(word)
        return value

    def over(self, words: Iterable[str]) -> map[V]:
        """The values of ``words``, in order (the table first emptied if past its bound)."""
        if len(self) > self.bound:
            self.clear()
        return map(self.__getitem__, words)


_WORD_STEM: WordTable[str] = WordTable(lambda word: light_stem(_normalize_word(word)), 500_000)


def stems(text: str) -> list[str]:
    """``[light_stem(t) for t in tokenize(text)]``, one look-up per word."""
    return list(_WORD_STEM.over(_WORD.findall(text)))


def content_stems(text: str) -> list[str]:
    """Stems of the non-stopword tokens of ``text``: the lexical features of a passage."""
    # ``[light_stem(t) for t in tokenize(text) if _is_content(t)]``, one look-up per word:
    # what a raw word gives (its stem, or None) depends on the word alone.
    return [s for s in _CONTENT_STEM.over(_WORD.findall(text)) if s is not None]


def _is_content(token: str) -> bool:
    return token not in STOPWORDS and len(token) > 1 and not token.isdigit()


def _content_word(word: str) -> str | None:
    """A raw word's light stem of its normalised token, or None for a stopword, a digit or
    a single letter."""
    token = _normalize_word(word)
    return light_stem(token) if _is_content(token) else None


_CONTENT_STEM: WordTable[str | None] = WordTable(_content_word, 500_000)


def clear_caches() -> None:
    """Forget the per-word caches above. They keep every distinct word met, up to 500,000
    each: a long-lived process (the corpus stages over a whole store) calls this between
    chunks of articles, so they hold what one chunk uses, not every word of the store."""
    _normalize_word.cache_clear()
    light_stem.cache_clear()
    _WORD_STEM.clear()
    _CONTENT_STEM.clear()
