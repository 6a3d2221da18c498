"""Normalisation of Arabic text for matching and search.

Every function here maps one string to another of the same meaning for a reader, with the
spelling differences that outlets make freely (hamza seats, alef maqsura, diacritics,
tatweel, digit sets, invisible bidi controls) folded away. Display keeps the original.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping

# Harakat, tanwin, shadda, sukun, superscript alef, Quranic marks.
_DIACRITICS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed]")
_TATWEEL = "\u0640"
# Bidi embeddings/overrides/isolates, zero-width (non-)joiners, LRM/RLM/ALM, BOM, soft hyphen.
_CONTROLS = re.compile("[\u200b-\u200f\u202a-\u202e\u2066-\u2069\u061c\ufeff\u00ad]")

_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "0123456789" * 2)

_LETTERS = str.maketrans(
    {
        "أ": "ا",
        "إ": "ا",
        "آ": "ا",
        "ٱ": "ا",
        "ى": "ي",
        "ؤ": "و",
        "ئ": "ي",
        "ک": "ك",  # Persian keheh
        "ی": "ي",  # Farsi yeh
        "ے": "ي",
        "ە": "ه",
        "ڤ": "ف",  # ve, used for transliterated names (ڤلاديمير)
        "گ": "ج",
        "چ": "ج",
        "پ": "ب",
    }
)

# Punctuation folded to its plain form so that tokens match across typographies.
_PUNCT = str.maketrans(
    {"،": ",", "؛": ";", "؟": "?", "٪": "%", "«": '"', "»": '"', "“": '"', "”": '"', "–": "-", "—": "-"}
)


def _pairs(table: Mapping[int, int | str]) -> tuple[tuple[str, str], ...]:
    return tuple((chr(k), v if isinstance(v, str) else chr(v)) for k, v in table.items())


# The same mappings as (character, replacement) pairs. ``str.translate`` with a table looks
# every character of the text up in a dict (~75 ns each: 0.3 ms for an article body); one
# ``in`` test per character of the table, and a ``replace`` for those that occur, are C scans
# (~100x faster on a body, as fast on one word). No replacement is itself a key, so applying
# them one after the other gives what one translate gives.
_DIGIT_PAIRS = _pairs(_DIGITS)
_LETTER_PAIRS = _pairs(_LETTERS)
_PUNCT_PAIRS = _pairs(_PUNCT)
assert not {b for _a, b in _DIGIT_PAIRS + _LETTER_PAIRS + _PUNCT_PAIRS} & {
    a for a, _b in _DIGIT_PAIRS + _LETTER_PAIRS + _PUNCT_PAIRS
}


def _replace_all(text: str, pairs: tuple[tuple[str, str], ...]) -> str:
    for ch, repl in pairs:
        if ch in text:
            text = text.replace(ch, repl)
    return text


def strip_controls(text: str) -> str:
    """Remove invisible bidi and zero-width controls (they break matching and offsets)."""
    return _CONTROLS.sub("", text)


def normalize_digits(text: str) -> str:
    """Arabic-Indic (٠-٩) and Persian (۰-۹) digits to ASCII; same length as the input."""
    return _replace_all(text, _DIGIT_PAIRS)


# Short strings (words, names: millions of calls over a corpus, from entity resolution, event
# features and summaries) are folded once each and looked up after that: a look-up is ~30x
# cheaper than the fold. One table per option set, emptied when it grows past its bound.
_SHORT = 40
_CACHE_MAX = 100_000
_CACHES: dict[tuple[bool, bool, bool], dict[str, str]] = {}
_DEFAULT_CACHE: dict[str, str] = _CACHES.setdefault((True, True, False), {})


def normalize(text: str, *, ta_marbuta: bool = True, hamza: bool = True, punctuation: bool = False) -> str:
    """The matching form of ``text``.

    Folds diacritics, tatweel, alef/hamza seats (أ إ آ ٱ → ا, ؤ → و, ئ → ي), ى → ي,
    ة → ه (``ta_marbuta``), digits to ASCII, NFKC presentation forms, and removes bidi and
    zero-width controls. Whitespace runs become one space.
    """
    if len(text) > _SHORT:
        return _normalize(text, ta_marbuta, hamza, punctuation)
    if ta_marbuta and hamza and not punctuation:
        cache = _DEFAULT_CACHE
    else:
        cache = _CACHES.setdefault((ta_marbuta, hamza, punctuation), {})
    found = cache.get(text)
    if found is None:
        if len(cache) >= _CACHE_MAX:
            cache.clear()
        # a short string is folded by one translate (the steps below composed per character)
        table = _SHORT_TABLES.get((ta_marbuta, hamza, punctuation)) or _short_table(
            ta_marbuta, hamza, punctuation
        )
        nfkc = unicodedata.normalize("NFKC", text)
        folded = nfkc.translate(table)
        # a word the steps leave as it is comes back as the very object given, as the steps
        # return it (pickles of records holding both share it, byte for byte as before)
        found = cache[text] = " ".join((nfkc if folded == nfkc else folded).split())
    return found


def _normalize(text: str, ta_marbuta: bool, hamza: bool, punctuation: bool) -> str:
    """:func:`normalize`, computed (the definition; ``normalize`` looks short strings up)."""
    text = unicodedata.normalize("NFKC", text)
    text = strip_controls(text)
    text = _DIACRITICS.sub("", text).replace(_TATWEEL, "")
    text = _replace_all(text, _DIGIT_PAIRS)
    if hamza:
        text = _replace_all(text, _LETTER_PAIRS)
        text = text.replace("ء", "")
    else:
        text = text.replace("ى", "ي")
    if ta_marbuta:
        text = text.replace("ة", "ه")
    if punctuation:
        text = _replace_all(text, _PUNCT_PAIRS)
    return " ".join(text.split())


# Every character the steps of :func:`_normalize` after NFKC act on: each step deletes or
# replaces single characters, so on one string they compose to one per-character table.
_STEP_CHARS = [
    chr(cp)
    for block in (range(0x00A0, 0x00B0), range(0x0600, 0x0700), range(0x2000, 0x2070), range(0xFEFF, 0xFF00))
    for cp in block
] + [chr(k) for k in (*_DIGITS, *_LETTERS, *_PUNCT)]
_SHORT_TABLES: dict[tuple[bool, bool, bool], dict[int, str]] = {}


def _steps(ch: str, ta_marbuta: bool, hamza: bool, punctuation: bool) -> str:
    """The steps of :func:`_normalize` after NFKC, on one character (no whitespace folding)."""
    ch = _DIACRITICS.sub("", strip_controls(ch)).replace(_TATWEEL, "")
    ch = _replace_all(ch, _DIGIT_PAIRS)
    if hamza:
        ch = _replace_all(ch, _LETTER_PAIRS).replace("ء", "")
    else:
        ch = ch.replace("ى", "ي")
    if ta_marbuta:
        ch = ch.replace("ة", "ه")
    return _replace_all(ch, _PUNCT_PAIRS) if punctuation else ch


def _short_table(ta_marbuta: bool, hamza: bool, punctuation: bool) -> dict[int, str]:
    """The ``str.translate`` table of :func:`_steps` for one option set (made when first used).
    On a word one translate is ~5x cheaper than the steps one by one (each a call and a scan)."""
    table = {
        ord(ch): out
        for ch in dict.fromkeys(_STEP_CHARS)
        if (out := _steps(ch, ta_marbuta, hamza, punctuation)) != ch
    }
    _SHORT_TABLES[(ta_marbuta, hamza, punctuation)] = table
    return table


def _fold_char(ch: str) -> str:
    if _DIACRITICS.match(ch) or ch == _TATWEEL or _CONTROLS.match(ch) or ch == "ء":
        return "\x00"
    ch = ch.translate(_DIGITS).translate(_LETTERS)
    return "ه" if ch == "ة" else ch


_FOLD_CANDIDATES = (
    [chr(cp) for cp in range(0x0600, 0x0700)]
    + list("\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\ufeff\u00ad")
    + list("۰۱۲۳۴۵۶۷۸۹ٱکیےەڤگچپ")
)
# (character, replacement) for every character the fold changes. One str.replace per
# character that occurs is a C scan each: ~30x faster than a Python loop over the text.
_FOLD_PAIRS = tuple((ch, _fold_char(ch)) for ch in _FOLD_CANDIDATES if _fold_char(ch) != ch)


def normalize_keep_length(text: str) -> str:
    """A character-for-character matching form: ``len(result) == len(text)``.

    For scanners that report offsets into the original: letters and digits are folded in
    place (as :func:`normalize` does) and marks, tatweel, controls and hamza-on-the-line
    become NUL, which patterns can skip with ``\\x00*``.
    """
    for ch, repl in _FOLD_PAIRS:
        if ch in text:
            text = text.replace(ch, repl)
    return text
