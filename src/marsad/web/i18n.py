"""The interface's own words, in Arabic (the default) and English.

Article text is never translated: only the chrome around it changes with the language.
"""

from __future__ import annotations

import tomllib
from functools import cache
from importlib import resources
from typing import Any

from marsad.messages import plural_category

LANGS = ("ar", "en")

_AR_MONTHS = [
    "يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو",
    "يوليو", "أغسطس", "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر",
]  # fmt: skip
_EN_MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

_WORDS_FILE = "data/web_words.toml"


@cache
def _table() -> dict[str, Any]:
    text = resources.files("marsad").joinpath(_WORDS_FILE).read_text(encoding="utf-8")
    return tomllib.loads(text)


def words() -> dict[str, dict[str, str]]:
    """Every UI word: key → {"ar": …, "en": …}."""
    return _table()["words"]


def counted() -> dict[str, dict[str, dict[str, str]]]:
    """Every counted noun: key → {lang → {CLDR plural category → template with {n}}}."""
    return _table()["counted"]


def word(key: str, lang: str) -> str:
    """The UI word for ``key``; an unknown key shows itself so a gap is visible, not fatal."""
    entry = words().get(key)
    if entry is None:
        return key
    return entry["en" if lang == "en" else "ar"]


def count(key: str, n: int, lang: str) -> str:
    """A number with its noun in the right plural form: «مقال واحد»، «مقالان»، «3 مقالات»،
    «11 مقالًا»، «100 مقال»; "1 article", "4 articles". The number is written as digits."""
    lang = "en" if lang == "en" else "ar"
    forms = counted()[key][lang]
    template = forms.get(plural_category(n, lang)) or forms["other"]
    return template.format(n=n)


def _parts(value: str) -> tuple[int, int, int] | None:
    try:
        y, m, d = (int(x) for x in value[:10].split("-"))
    except ValueError:
        return None
    return (y, m, d) if 1 <= m <= 12 else None


def format_range(start: str | None, end: str | None, lang: str) -> tuple[str, str] | None:
    """The two halves of a day range, the shared month and year written once:
    ("23", "24 ديسمبر 2025"), ("30 نوفمبر", "2 ديسمبر 2025"); None when it is one day or not ISO days."""
    if not start or not end or start[:10] == end[:10]:
        return None
    a, b = _parts(start), _parts(end)
    if a is None or b is None or len(start) < 10 or len(end) < 10:
        return None
    months = _EN_MONTHS if lang == "en" else _AR_MONTHS
    if a[:2] == b[:2]:
        return str(a[2]), format_date(end, lang)
    if a[0] == b[0]:
        return f"{a[2]} {months[a[1] - 1]}", format_date(end, lang)
    return format_date(start, lang), format_date(end, lang)


def format_date(value: str | None, lang: str) -> str:
    """ "2025-07-31" → "31 يوليو 2025"; month ("2025-07") and year values keep their granularity."""
    if not value:
        return word("undated", lang)
    parts = value[:10].split("-")
    months = _EN_MONTHS if lang == "en" else _AR_MONTHS
    try:
        if len(parts) >= 2:
            month = months[int(parts[1]) - 1]
            return f"{int(parts[2])} {month} {parts[0]}" if len(parts) == 3 else f"{month} {parts[0]}"
    except (ValueError, IndexError):
        return value  # not ISO: show what the source gave
    return parts[0]
