"""Rebuild the shipped data files derived from openly licensed sources.

    python -m marsad.entities.train countries   # CLDR Arabic country names (babel, Unicode licence)
    python -m marsad.entities.train common      # frequent non-name words of Wojood train (MIT)
    python -m marsad.entities.train given       # first words of person names in Wojood train (MIT)
    python -m marsad.entities.train tagger      # the CRF tagger, trained on Wojood train (MIT)

Only the outputs ship (under ``marsad/data/entities``); the sources are needed only here.
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from marsad.arabic import normalize

DATA_DIR = Path(__file__).resolve().parents[1] / "data" / "entities"
WOJOOD = Path(__file__).resolve().parents[3] / ".." / "shared" / "corpus" / "wojood_sample"


def read_wojood(path: Path) -> list[list[tuple[str, list[str]]]]:
    """Sentences of ``(token, [tag per nesting level])`` from a Wojood IOB2 file."""
    sentences: list[list[tuple[str, list[str]]]] = []
    current: list[tuple[str, list[str]]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if not parts:
            if current:
                sentences.append(current)
            current = []
            continue
        current.append((parts[0], parts[1:] or ["O"]))
    if current:
        sentences.append(current)
    return sentences


def build_countries() -> None:
    from babel import Locale  # build-time only

    rows = [
        "# Arabic country names from the Unicode CLDR (via babel, Unicode licence); code = ISO 3166-1 alpha-2.",
        "# name\tkind\tcountry code\taliases",
    ]
    for code, name in sorted(Locale("ar").territories.items()):
        if len(code) != 2 or not code.isalpha() or code in {"EU", "EZ", "UN", "QO", "XA", "XB", "ZZ"}:
            continue
        name = re.sub(r"\s*\(.*?\)", "", name).strip().split(" - ")[0]
        rows.append(f"{name}\tcountry\t{code}\t")
    (DATA_DIR / "countries.tsv").write_text("\n".join(rows) + "\n", encoding="utf-8")


def build_common_words(min_count: int = 1) -> None:
    """Words tagged outside any name in Wojood train and never inside a PERS span."""
    outside: Counter[str] = Counter()
    in_person: set[str] = set()
    for sentence in read_wojood(WOJOOD / "train.txt"):
        for token, tags in sentence:
            norm = normalize(token)
            if not norm or not norm[0].isalpha():
                continue
            if any(t.endswith("PERS") for t in tags):
                in_person.add(norm)
            elif all(t == "O" for t in tags):
                outside[norm] += 1
    words = sorted(w for w, c in outside.items() if c >= min_count and w not in in_person and len(w) > 1)
    header = "# Frequent words outside names, from the Wojood NER sample train split (MIT licence).\n"
    (DATA_DIR / "common_words.txt").write_text(header + "\n".join(words) + "\n", encoding="utf-8")


def build_given_names(min_count: int = 1) -> None:
    """First words of multi-word PERS spans in Wojood train: given names seen in real text."""
    firsts: Counter[str] = Counter()
    for sentence in read_wojood(WOJOOD / "train.txt"):
        for k, (token, tags) in enumerate(sentence):
            nxt = sentence[k + 1][1] if k + 1 < len(sentence) else []
            if "B-PERS" in tags and any(t == "I-PERS" for t in nxt):
                norm = normalize(token)
                if re.fullmatch("[\u0621-\u064a]{3,}", norm) and not norm.startswith(("ال", "و", "ل")):
                    firsts[norm] += 1
    # everyday words that begin some names in the sample (عودة "return", معروف "known")
    everyday = {normalize(w) for w in "عودة عبد أبو رجا معروف عطا صديق وحيد نسيم".split()}
    words = sorted(w for w, c in firsts.items() if c >= min_count and w not in everyday)
    header = "# First words of person names in the Wojood NER sample train split (MIT licence).\n"
    (DATA_DIR / "given_names_wojood.txt").write_text(header + "\n".join(words) + "\n", encoding="utf-8")


if __name__ == "__main__":
    jobs: dict[str, Callable[[], object]] = {
        "countries": build_countries,
        "common": build_common_words,
        "given": build_given_names,
    }
    try:
        from marsad.entities.tagger import train_tagger

        jobs["tagger"] = train_tagger
    except ImportError:
        pass
    for job in sys.argv[1:] or list(jobs):
        jobs[job]()
