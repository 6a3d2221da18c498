"""Personal names as word lists: family-name keys and when two spellings are one name.

Shared by the per-article canonical names and the corpus resolution so both stages agree
on what "the same person" means.
"""

from __future__ import annotations

from rapidfuzz import fuzz

from marsad.arabic import normalize
from marsad.entities.lexicon import lexicon

_PARTICLES = frozenset({"ابو", "بن", "ال", "عبد", "ابن"})
PATRONYMIC = frozenset({"بن", "ابن", "بنت"})
# Letters that transliterations of one foreign sound swap freely (سيرغي/سيرجي, كييف/كييڤ).
_TRANSLIT = str.maketrans(
    {"غ": "ج", "ق": "ج", "ك": "ج", "ط": "ت", "ص": "س", "ظ": "ز", "ذ": "ز", "ض": "د", "ث": "س"}
)


def skeleton(name: str) -> str:
    """A spelling-tolerant form of a name for fuzzy comparison."""
    return normalize(name).translate(_TRANSLIT)


def name_words(name: str) -> list[str]:
    """Normalised words of a name with "عبد" joined to what follows: "عبد العزيز" and
    "عبدالعزيز" are one given name, never a given name plus a family name."""
    words = normalize(name).split()
    out: list[str] = []
    for w in words:
        if out and out[-1] == "عبد":
            out[-1] += w
        else:
            out.append(w)
    return out


def surname_key(words: list[str]) -> tuple[str, ...]:
    """The family-name part of a normalised name: last word, with its particle ("ابو قصره")."""
    if len(words) >= 2 and words[-2] in _PARTICLES:
        return tuple(words[-2:])
    return tuple(words[-1:])


def same_word(a: str, b: str, threshold: float) -> bool:
    """One name word spelt two ways. Short words must agree up to transliteration letters:
    a vowel letter tells حسن from حسين and سعد from سعيد. Longer, mostly foreign words may
    differ more (دميتري/ديمتري, بيسكوف/بسكوف)."""
    sa, sb = skeleton(a), skeleton(b)
    if sa == sb:
        return True
    if min(len(sa), len(sb)) < 5 or sa.startswith("ال") or sb.startswith("ال"):
        return False  # Arabic family names with the article are spelt one way
    arabic = lexicon().arabic_given
    if normalize(a) in arabic or normalize(b) in arabic:
        return False  # سلمان / سليمان
    return fuzz.ratio(sa, sb) >= threshold


def same_person(a: list[str], b: list[str], threshold: float = 80.0) -> bool:
    """Compatible names: same first word up to spelling, and one name contained in the other
    ("أسعد الشيباني" in "أسعد حسن الشيباني")."""
    if not a or not b or not same_word(a[0], b[0], threshold):
        return False
    short, long_ = sorted((a, b), key=len)
    if PATRONYMIC & (set(a) | set(b)):
        # a chain of "بن" links may only be cut at its end: "محمد بن عبدالعزيز" is not
        # "محمد بن نايف بن عبدالعزيز" (that is his grandfather)
        return all(same_word(w, x, threshold) for w, x in zip(short, long_, strict=False))
    it = iter(long_)
    return all(any(same_word(w, x, threshold) for x in it) for w in short)
