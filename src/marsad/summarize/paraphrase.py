"""Keys for telling that two outlets state the same fact in other words.

Two reports of one fact rarely share their wording: «قتل 14 جنديا أفغانيا … لوغار جنوب كابول»
against «مقتل عشرة جنود أفغان … لوغار جنوب كابل». :func:`fact_keys` reduces a sentence to
tokens on which such paraphrases meet:

- content stems folded to a *skeleton* (first letter, then the letters without the long vowels
  ا و ي ى): «جندي» / «جنود», «أفغاني» / «أفغان», «أمريكية» / «أميركية», «كابول» / «كابل» meet;
- numbers as values: digits and cardinals written as words (``data/summarize/number_words.tsv``:
  «عشرة» → 10, «واحد وأربعين» → 41, «ثلاثة آلاف» → 3000) become the same ``#10`` key.

The event summary uses them to cite, under its opening sentence, every outlet that tells the
opening fact, in its words or in others (see :mod:`marsad.summarize.event`).
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

from marsad.arabic import STOPWORDS, light_stem, normalize, tokenize
from marsad.arabic.tokens import WordTable

_LONG_VOWELS = re.compile("[اويى]")
_NUMBER = re.compile(r"\d+(?:[.,٫]\d+)*$")
_DIGIT_TAIL = re.compile(r"^[^\W\d_]{1,2}(?=\d)")  # «بـ291» → «291» (a glued preposition)


@lru_cache(maxsize=1)
def number_words() -> tuple[dict[str, int], dict[str, int]]:
    """(cardinal word → value, scale word → factor), normalised, from the data file."""
    text = resources.files("marsad.data").joinpath("summarize/number_words.tsv").read_text(encoding="utf-8")
    cardinals: dict[str, int] = {}
    scales: dict[str, int] = {}
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        word, value = line.split("\t")
        if value.startswith("scale "):
            scales[normalize(word)] = int(value.split()[1])
        else:
            cardinals[normalize(word)] = int(value)
    return cardinals, scales


@lru_cache(maxsize=30_000)
def fact_keys(text: str) -> tuple[str, ...]:
    """Skeleton stems and ``#value`` number keys of ``text`` (stopwords dropped)."""
    # kept per sentence text, like disagreements.quantities: a changed event is summarised again
    cardinals, scales = number_words()
    out: list[str] = []
    tokens = tokenize(text)
    i = 0
    while i < len(tokens):
        token, kind, key = _token_role(tokens[i])
        value: float | None = None
        if kind == _FIGURE:
            value = _number(token)
            i += 1
        elif kind == _CARDINAL:
            value = cardinals[token]
            i += 1
            # «واحد وأربعين»: cardinals joined by «و» add up
            while i < len(tokens) and tokens[i].startswith("و") and tokens[i][1:] in cardinals:
                value += cardinals[tokens[i][1:]]
                i += 1
        if value is not None:
            if i < len(tokens) and tokens[i] in scales:
                value *= scales[tokens[i]]
                i += 1
            out.append(f"#{value:g}")
            continue
        i += 1
        if key is not None:
            out.append(key)
    return tuple(out)


_FIGURE, _CARDINAL, _OTHER = 1, 2, 0


@lru_cache(maxsize=200_000)
def _token_role(raw: str) -> tuple[str, int, str | None]:
    """What :func:`fact_keys` reads in one token by itself: (the token without a glued
    preposition or «و» before a cardinal, its kind, and for any other word the key it adds
    — a scale's ``#factor``, a skeleton stem — or None). Looked up once per distinct token."""
    cardinals, scales = number_words()
    token = _DIGIT_TAIL.sub("", raw)
    if token[:1] == "و" and token[1:] in cardinals:
        token = token[1:]  # «وعشرة جنود»
    if _NUMBER.match(token):
        return token, _FIGURE, None
    if token in cardinals:
        return token, _CARDINAL, None
    if token in scales:
        return token, _OTHER, f"#{scales[token]:g}"
    if len(token) > 1 and token not in STOPWORDS and token.isalpha():
        return token, _OTHER, skeleton(light_stem(token))
    return token, _OTHER, None


_LETTERS = re.compile(r"[^\W\d_]+")
_TEENS = frozenset({"عشر", "عشره"})


def digits_for_number_words(text: str) -> str:
    """``text`` with its cardinals written as words put in digits, for the figures' reader:
    «مقتل عشرة جنود» → «مقتل 10 جنود», «واحد واربعين متهماً» → «41 متهماً», «خمسة عشر» → «15».
    A lone «واحد» or «اثنين» (in «في آن واحد», «يوم الاثنين») and the «عشرة» of an ordinal
    («الرابعة عشرة») are left as written."""
    cardinals, _ = number_words()
    if _cardinal_forms().isdisjoint(_NORMALIZED.over(_LETTERS.findall(text))):
        return text  # no word below would be read as a cardinal (most sentences)
    words = [(m.start(), m.end(), normalize(m.group())) for m in _LETTERS.finditer(text)]
    out: list[str] = []
    last = i = 0
    while i < len(words):
        start, end, word = words[i]
        waw = word[:1] == "و" and word not in cardinals and word[1:] in cardinals  # «وثلاثة مدنيين»
        if word not in cardinals and not waw:
            i += 1
            continue
        total, j = cardinals[word[1:] if waw else word], i + 1
        if word in _TEENS and i and words[i - 1][2].startswith("ال"):
            i += 1  # «المرتبة الرابعة عشرة», «الحادي عشر»: an ordinal, not ten
            continue

        def joined(k: int) -> bool:
            return k < len(words) and not text[words[k - 1][1] : words[k][0]].strip()

        if total < 10 and joined(j) and words[j][2] in _TEENS:
            total, j = total + 10, j + 1
        while joined(j) and words[j][2][:1] == "و" and words[j][2][1:] in cardinals:
            total, j = total + cardinals[words[j][2][1:]], j + 1
        if total >= 3:
            out += [text[last:start], "و" if waw else "", str(total)]
            last = words[j - 1][1]
        i = j
    return "".join(out) + text[last:]


# word -> normalize(word): no Python call of ``normalize`` per word of every sentence
_NORMALIZED: WordTable[str] = WordTable(normalize, 200_000)


@lru_cache(maxsize=1)
def _cardinal_forms() -> frozenset[str]:
    """The words :func:`digits_for_number_words` acts on: a cardinal, or «و» + a cardinal."""
    cardinals, _ = number_words()
    return frozenset(cardinals) | {"و" + w for w in cardinals}


def skeleton(stem: str) -> str:
    """``stem`` without its inner long vowels, unless fewer than three letters would remain."""
    folded = stem[:1] + _LONG_VOWELS.sub("", stem[1:])
    return folded if len(folded) >= 3 else stem


def _number(token: str) -> float:
    # «3.2», «3,2» and «3٫2» are decimals; «33.288» (thousands, Gulf usage) stays as written.
    try:
        return float(token.replace(",", ".").replace("٫", "."))
    except ValueError:
        return float(re.sub(r"\D", "", token) or 0)
