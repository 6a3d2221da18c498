"""The interface's words: every key the pages use exists in both languages, and counted nouns
take the Arabic plural form CLDR gives their number (dual, 3–10, 11–99, hundreds)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from marsad.web.i18n import count, counted, word, words

WEB = Path(__file__).resolve().parents[2] / "src" / "marsad" / "web"


@pytest.mark.parametrize(
    ("n", "text"),
    [
        (0, "لا مقالات"),
        (1, "مقال واحد"),
        (2, "مقالان"),
        (3, "3 مقالات"),
        (10, "10 مقالات"),
        (11, "11 مقالًا"),
        (99, "99 مقالًا"),
        (100, "100 مقال"),
        (102, "102 مقال"),
        (103, "103 مقالات"),
        (111, "111 مقالًا"),
    ],
)
def test_arabic_counts_agree_with_their_number(n, text):
    assert count("n_articles", n, "ar") == text


def test_english_counts():
    assert [count("n_outlets", n, "en") for n in (0, 1, 2)] == ["0 outlets", "1 outlet", "2 outlets"]


def test_every_counted_noun_has_all_six_arabic_forms_and_two_english_ones():
    for key, forms in counted().items():
        assert set(forms["ar"]) == {"zero", "one", "two", "few", "many", "other"}, key
        assert set(forms["en"]) == {"one", "other"}, key
        for lang in ("ar", "en"):
            for n in (0, 1, 2, 5, 12, 100):
                assert count(key, n, lang)


def test_every_word_the_pages_ask_for_exists_in_both_languages():
    used = set()
    for path in [*WEB.glob("templates/*.html"), *WEB.glob("*.py")]:
        text = path.read_text(encoding="utf-8")
        used |= set(re.findall(r"\bt\('([a-z_]+)'[,)]", text))
        used |= set(re.findall(r"\bword\(\"([a-z_]+)\"", text))
        used |= {("c", k) for k in re.findall(r"\bcount\(['\"](n_[a-z_]+)['\"]", text)}
    plain = {k for k in used if isinstance(k, str)}
    assert plain, "the scan found no keys: the pattern is wrong"
    missing = sorted(k for k in plain if k not in words())
    assert not missing, f"add to data/web_words.toml [words]: {missing}"
    missing_counts = sorted(k for _, k in (x for x in used if isinstance(x, tuple)) if k not in counted())
    assert not missing_counts, f"add to data/web_words.toml [counted]: {missing_counts}"
    for key, entry in words().items():
        assert entry.get("ar") and entry.get("en"), key


def test_an_unknown_word_shows_its_key():
    assert word("no_such_word", "ar") == "no_such_word"
