"""The outlet registry: who an article's ``outlet`` string is, for people.

Articles carry whatever the input gave as their outlet: a SaudiNewsNet source code
("alriyadh"), a domain ("www.aawsat.com"), a feed's title, or the agency named in the
dateline ("واس", "أ ف ب"). The registry (``marsad/data/outlets.tsv``, data, not code) maps all
of those to one outlet with its Arabic and English names, country and kind; anything not in
it is still shown, as its bare domain or as written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from urllib.parse import urlsplit

from marsad.arabic import normalize

KINDS = ("state_agency", "state_media", "private", "pan_arab", "international")

KIND_WORDS: dict[str, tuple[str, str]] = {
    "state_agency": ("وكالة أنباء رسمية", "State news agency"),
    "state_media": ("إعلام حكومي", "State-owned media"),
    "private": ("صحيفة أو موقع خاص", "Private outlet"),
    "pan_arab": ("إعلام عربي عابر للحدود", "Pan-Arab outlet"),
    "international": ("خدمة دولية", "International service"),
    "unknown": ("غير مصنّف", "Unclassified"),
}

UNKNOWN_KEY = ""  # the group of articles whose outlet nobody recorded


@dataclass(frozen=True)
class Outlet:
    key: str  # the registry key, or the raw value for an outlet the registry does not know
    name_ar: str
    name_en: str
    country: str | None = None  # ISO 3166 alpha-2 of the outlet's seat
    kind: str | None = None
    known: bool = True

    def name(self, lang: str) -> str:
        return self.name_en if lang == "en" else self.name_ar


def _fold(text: str) -> str:
    """The lookup form of a name: normalised Arabic, lower-case Latin, no spaces or dots."""
    return re.sub(r"[\W_]+", "", normalize(text).lower())


def _domain(text: str) -> str | None:
    raw = text.strip().lower()
    if "://" in raw:
        raw = urlsplit(raw).hostname or ""
    raw = raw.split("/")[0]
    if not re.fullmatch(r"[a-z0-9-]+(\.[a-z0-9-]+)+", raw):
        return None
    return raw.removeprefix("www.")


@dataclass(frozen=True)
class Registry:
    by_key: dict[str, Outlet]
    by_domain: dict[str, str]
    by_name: dict[str, str]
    countries: dict[str, tuple[str, str]]

    def resolve(self, raw: str | None) -> Outlet:
        """The registry's outlet for ``raw``, or a stand-in showing it as well as it can."""
        if not raw or not raw.strip():
            return Outlet(UNKNOWN_KEY, "مصدر غير معروف", "Unknown outlet", known=False)
        text = raw.strip()
        found = self.by_key.get(text.lower())
        if found:
            return found
        domain = _domain(text)
        if domain:
            parts = domain.split(".")
            for i in range(len(parts) - 1):  # news.bbc.co.uk → bbc.co.uk → co.uk
                key = self.by_domain.get(".".join(parts[i:]))
                if key:
                    return self.by_key[key]
            return Outlet(domain, domain, domain, known=False)
        folded = _fold(text)
        for prefix in ("", "صحيفه", "جريده", "وكاله", "قناه", "موقع"):
            key = self.by_name.get(folded.removeprefix(prefix)) if folded.startswith(prefix) else None
            if key:
                return self.by_key[key]
        return Outlet(text, text, text, known=False)

    def country_name(self, code: str | None, lang: str) -> str:
        if not code:
            return "Unknown country" if lang == "en" else "بلد غير معروف"
        pair = self.countries.get(code)
        return (pair[1] if lang == "en" else pair[0]) if pair else code


def _rows(name: str) -> list[list[str]]:
    text = resources.files("marsad.data").joinpath(name).read_text(encoding="utf-8")
    return [line.split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#")]


@cache
def registry() -> Registry:
    """The registry shipped in ``marsad/data/outlets.tsv`` (read once)."""
    by_key: dict[str, Outlet] = {}
    by_domain: dict[str, str] = {}
    by_name: dict[str, str] = {}
    for row in _rows("outlets.tsv"):
        key, name_ar, name_en, country, kind = (c.strip() for c in row[:5])
        if kind not in KINDS:
            raise ValueError(f"marsad/data/outlets.tsv: outlet {key!r} has unknown kind {kind!r}")
        by_key[key.lower()] = Outlet(key, name_ar, name_en, country, kind)
        aliases = [a.strip() for a in (row[5] if len(row) > 5 else "").split("|") if a.strip()]
        for alias in [name_ar, *aliases]:
            domain = _domain(alias)
            if domain:
                by_domain.setdefault(domain, key.lower())
            else:
                by_name.setdefault(_fold(alias), key.lower())
    countries = {r[0].strip(): (r[1].strip(), r[2].strip()) for r in _rows("outlet_countries.tsv")}
    return Registry(by_key, by_domain, by_name, countries)


def resolve(raw: str | None) -> Outlet:
    return registry().resolve(raw)


def kind_name(kind: str | None, lang: str) -> str:
    pair = KIND_WORDS.get(kind or "unknown", KIND_WORDS["unknown"])
    return pair[1] if lang == "en" else pair[0]
