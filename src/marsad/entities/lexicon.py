"""The shipped word lists behind recognition: places, organisations, given names, titles, heads.

Everything is keyed by the matching form of :func:`marsad.arabic.normalize` so that hamza
seats, ta marbuta and diacritics never decide a match. Loaded once per process (the
extract stage runs in worker processes) through :func:`lexicon`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from importlib import resources

from marsad.arabic import normalize

_DATA = "marsad.data.entities"


@dataclass(frozen=True)
class GazetteerEntry:
    """One known place or organisation: its display name and what kind of thing it is."""

    canonical: str
    label: str  # "LOC" | "ORG"
    kind: str  # country | city | region | water | agency | outlet | intl | gov | seat | party | company
    country: str = ""

    @property
    def is_source(self) -> bool:
        return self.kind in ("agency", "outlet")


@dataclass
class Lexicon:
    """All word lists, normalised. ``names`` maps a token tuple to its gazetteer entry."""

    names: dict[tuple[str, ...], GazetteerEntry] = field(default_factory=dict)
    max_name_len: int = 1
    first_words: frozenset[str] = frozenset()  # first words of gazetteer names (a quick reject)
    triggers: frozenset[str] = frozenset()  # every word a recognition rule can start at
    given_names: frozenset[str] = frozenset()
    common_words: frozenset[str] = frozenset()
    ambiguous_given: frozenset[str] = frozenset()
    arabic_given: frozenset[str] = frozenset()  # spelt one way: سلمان and سليمان are two names
    words: dict[str, frozenset[str]] = field(default_factory=dict)  # kind → words (titles/heads)
    possessive: dict[str, str] = field(default_factory=dict)  # خارجيته → الخارجية
    nisba: dict[str, tuple[str, str]] = field(
        default_factory=dict
    )  # any nisba form → (country, masc display)
    country_name: dict[str, str] = field(default_factory=dict)  # ISO code → canonical country name
    short_forms: dict[str, tuple[str, ...]] = field(default_factory=dict)  # "المملكه" → (SA, JO, ...)

    def has(self, kind: str, token: str) -> bool:
        return token in self.words.get(kind, frozenset())


def _rows(name: str) -> list[list[str]]:
    text = resources.files(_DATA).joinpath(name).read_text(encoding="utf-8")
    return [line.split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#")]


def _key(text: str) -> tuple[str, ...]:
    return tuple(normalize(text).split())


def nisba_forms(masc: str) -> list[str]:
    """All inflections of a normalised masculine nisba: السوري → السوريه, السوريين, السوريون ..."""
    stem = masc[:-1]  # drop the final ي
    return [
        masc,
        stem + "يه",
        stem + "يين",
        stem + "يون",
        stem + "يان",
        stem + "يتين",
        stem + "يتان",
        stem + "يات",
    ]


def _add(lex: Lexicon, name: str, entry: GazetteerEntry) -> None:
    key = _key(name)
    if key and key not in lex.names:  # first list wins: countries before cities (عمان)
        lex.names[key] = entry
        lex.max_name_len = max(lex.max_name_len, len(key))


@cache
def lexicon() -> Lexicon:
    """The process-wide lexicon (built on first use, then cached)."""
    lex = Lexicon()
    places = _rows("places.tsv")
    # one canonical name per country: the hand-written short form (السعودية, not CLDR's
    # المملكة العربية السعودية), so every spelling of a country is one entity
    for row in places:
        if len(row) > 2 and row[1] == "country" and row[2]:
            lex.country_name.setdefault(row[2], row[0])
    for row in _rows("countries.tsv") + places:
        name, kind, country = row[0], row[1], row[2] if len(row) > 2 else ""
        if kind == "country" and country:
            lex.country_name.setdefault(country, name)
        canonical = lex.country_name.get(country, name) if kind == "country" else name
        entry = GazetteerEntry(canonical, "LOC", kind, country)
        _add(lex, name, entry)
        for alias in row[3].split("|") if len(row) > 3 and row[3] else []:
            _add(lex, alias, entry)
    for row in _rows("orgs.tsv"):
        name, kind, country = row[0], row[1], row[2] if len(row) > 2 else ""
        entry = GazetteerEntry(name, "ORG", kind, country)
        _add(lex, name, entry)
        for alias in row[3].split("|") if len(row) > 3 and row[3] else []:
            _add(lex, alias, entry)
    lex.first_words = frozenset(key[0] for key in lex.names)
    lex.given_names = frozenset(
        normalize(r[0]) for r in _rows("given_names.txt") + _rows("given_names_wojood.txt")
    )
    common = {normalize(r[0]) for r in _rows("common_words.txt") + _rows("verbs.txt")}
    lex.common_words = frozenset(common - lex.given_names)
    # given names that are also everyday words (أسماء, كريم, نمر) need stronger evidence
    text = resources.files(_DATA).joinpath("given_names.txt").read_text(encoding="utf-8")
    foreign = text.split("# transliterated foreign given names", 1)[-1]
    lex.arabic_given = lex.given_names - {normalize(w) for w in foreign.split() if not w.startswith("#")}
    listed = {normalize(r[0]) for r in _rows("ambiguous_names.txt")}
    lex.ambiguous_given = frozenset((common | listed) & lex.given_names)
    words: dict[str, set[str]] = {}
    for row in _rows("titles.tsv") + _rows("heads.tsv"):
        words.setdefault(row[0], set()).add(normalize(row[1]))
        if row[0] == "possessive":
            lex.possessive[normalize(row[1])] = row[2]
    lex.words = {k: frozenset(v) for k, v in words.items()}
    starters = ("org", "dorg", "elided", "desc", "gpe", "loc", "fac", "office", "dual", "counterpart")
    lex.triggers = (
        lex.first_words
        | lex.given_names
        | {"عبد"}
        | frozenset().union(*(lex.words.get(k, ()) for k in starters))
    )
    for row in _rows("short_forms.tsv"):
        lex.short_forms[normalize(row[0])] = tuple(row[1].split())
    for country, masc in _rows("nisba.tsv"):
        for form in nisba_forms(normalize(masc)):
            lex.nisba.setdefault(form, (country, masc))
    return lex
