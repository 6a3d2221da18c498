"""Where outlets differ: dates, numbers, places and participants of the same event.

Dates, places and participants are compared inside one *fact* (sentences of different
outlets that tell the same thing): two outlets saying the same thing with a different day
or a different place is a disagreement, while two different facts with different days is
just a story with several days. Numbers are compared per unit across whole articles ("14
جنديا" against "15 جنديا"); only when two outlets share no value for that unit, so an outlet
that also gives the other's figure (e.g. an early toll and an update) does not count.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING

from marsad.arabic import STOPWORDS, light_stem, normalize, normalize_digits
from marsad.model import Article, Disagreement, SourceRef
from marsad.summarize.paraphrase import digits_for_number_words

if TYPE_CHECKING:
    from marsad.summarize.event import Fact

_SCALE = r"(?:ألف|آلاف|الف|مليون|ملايين|مليار|مليارات|بليون)"
_NOUN = r"[^\W\d_]{2,}"
_QUANTITY = re.compile(
    rf"(?<![\d.,])(\d+(?:[.,٫]\d+)?)\s*(?:({_SCALE})\s+)?"
    # a counted noun after «من» («10 من رجال الأمن», «6 من المدنيين»), else the word after the figure
    rf"(?:من\s+({_NOUN})(?:\s+({_NOUN}))?|(%|٪|في\s*الم[ائ]ة|بالم[ائ]ة|{_NOUN}))"
)
# Nouns after which a number is a date, a time or a duration: those are the dates' business.
_TIME_NOUNS = frozenset(
    normalize(w)
    for w in """يوم أيام يوما ساعة ساعات دقيقة دقائق ثانية أسبوع أسابيع شهر أشهر شهرا سنة سنوات سنين عام أعوام عاما
    يناير فبراير مارس أبريل ابريل مايو يونيو يوليو أغسطس اغسطس سبتمبر أكتوبر اكتوبر نوفمبر ديسمبر
    كانون شباط آذار نيسان أيار حزيران تموز آب أيلول تشرين جانفي فيفري أفريل ماي جوان جويلية أوت
    محرم صفر ربيع جمادى رجب شعبان رمضان شوال القعدة الحجة من إلى الى و""".split()
)

# How many sentences' quantities (and paraphrase keys) are kept: ~the sentences of 2,000 articles.
_SENTENCES_KEPT = 30_000

_OF_THEM = frozenset(normalize("من" + p) for p in ("ه", "ها", "هم", "هن", "هما", "كم", "نا"))
_TIME_STEMS = frozenset(light_stem(w) for w in _TIME_NOUNS if len(w) > 2)


def find_disagreements(facts: list[Fact], members: list[Article]) -> list[Disagreement]:
    """Every aspect on which the member articles give incompatible values."""
    found: list[Disagreement] = []
    by_id = {a.id: a for a in members}
    for fact in facts:
        if len({c.article_id for c in fact.members}) < 2:
            continue
        found += _compare("date", fact, lambda c: _sentence_dates(by_id[c.article_id], c.sentence.id))
        found += _compare(
            "place", fact, lambda c: _sentence_mentions(by_id[c.article_id], c.sentence.id, "LOC")
        )
        found += _compare(
            "participants",
            fact,
            lambda c: _sentence_mentions(by_id[c.article_id], c.sentence.id, "PERSON"),
            strict=False,
        )
    found += _number_disagreements(members)
    return _unique(found)


def _compare(aspect: str, fact: Fact, values_of, strict: bool = True) -> list[Disagreement]:
    per_article: dict[str, set[str]] = defaultdict(set)
    refs: dict[str, list[SourceRef]] = defaultdict(list)
    for c in fact.members:
        values = values_of(c)
        if values:
            per_article[c.article_id] |= values
            refs[c.article_id].append(SourceRef(c.article_id, c.sentence.id, c.outlet))
    outlet = {c.article_id: c.outlet or c.article_id for c in fact.members}
    if not _conflict(list(per_article.values()), strict):
        return []
    claims = _claims({a: per_article[a] for a in per_article}, outlet, refs)
    described = " / ".join(str(c["value"]) for c in claims)
    return [Disagreement(aspect, f"Outlets give different {aspect} for the same fact: {described}", claims)]


def _conflict(value_sets: list[set[str]], strict: bool) -> bool:
    # strict: some two outlets share no value at all; otherwise each names something the other does not.
    for i, a in enumerate(value_sets):
        for b in value_sets[i + 1 :]:
            if (strict and not a & b) or (not strict and a - b and b - a):
                return True
    return False


def _claims(
    per_article: dict[str, set[str]], outlet: dict[str, str], refs: dict[str, list[SourceRef]]
) -> list[dict]:
    by_value: dict[str, dict] = {}
    for article_id, values in sorted(per_article.items()):
        key = ", ".join(sorted(values))
        claim = by_value.setdefault(key, {"value": key, "outlets": [], "sources": []})
        if outlet[article_id] not in claim["outlets"]:
            claim["outlets"].append(outlet[article_id])
        claim["sources"].extend(refs[article_id])
    return list(by_value.values())


def _sentence_dates(article: Article, sentence_id: int) -> set[str]:
    return {
        t.value
        for t in article.time_exprs
        if t.sentence == sentence_id and t.value and t.granularity == "day"
    }


def _sentence_mentions(article: Article, sentence_id: int, label: str) -> set[str]:
    return {
        m.entity_id or m.canonical or normalize(m.text)
        for m in article.mentions
        if m.sentence == sentence_id and m.label == label and not m.is_source
    }


@lru_cache(maxsize=_SENTENCES_KEPT)
def quantities(text: str) -> tuple[tuple[str, str], ...]:
    """``(unit, value)`` pairs of a sentence: "14 جنديا" → ("جند", "14"), "5 مليارات دولار"
    → ("مليار دولار", "5"), "3.5%" → ("%", "3.5"); figures in words count too ("عشرة جنود" →
    ("جند", "10")). Dates, times and durations are skipped."""
    # Kept per sentence text: an event is summarised again when it changes, over all its
    # members, and wire copies repeat sentences across outlets.
    return tuple(_quantities(text))


def _quantities(text: str) -> Iterable[tuple[str, str]]:
    for m in _QUANTITY.finditer(digits_for_number_words(normalize_digits(text))):
        number, scale = m.group(1).replace("٫", ".").replace(",", "."), m.group(2)
        counted, group = m.group(3), m.group(4)
        unit = normalize(counted or m.group(5))
        if not counted and (unit in ("%", "٪") or "الم" in unit):
            yield "%", number
            continue
        stem = light_stem(unit)
        if (
            unit in _TIME_NOUNS
            or stem in _TIME_STEMS  # «10 من الشهر الجاري» is a date
            or unit in STOPWORDS
            or unit in _OF_THEM  # «3 منهم»: of whom is the previous figure's business
            or (not scale and 1900 <= float(number) <= 2100)
        ):
            continue
        if counted and group and stem in _group_nouns() and normalize(group) not in STOPWORDS:
            stem = f"{stem} {light_stem(normalize(group))}"  # «رجال الأمن», not every «رجال»
        else:
            stem = _canonical_unit(stem)
        yield (f"{normalize(scale)} {stem}" if scale else stem), number


@lru_cache(maxsize=1)
def _group_nouns() -> frozenset[str]:
    text = resources.files("marsad.data").joinpath("summarize/group_nouns.txt").read_text(encoding="utf-8")
    return frozenset(
        light_stem(normalize(line.strip()))
        for line in text.splitlines()
        if line.strip() and not line.startswith("#")
    )


@lru_cache(maxsize=1)
def _unit_forms() -> dict[str, str]:
    """Stem of a counted noun → the stem of the first noun of its row in ``dispute_topics.tsv``:
    singular, plural and accusative forms («جنديا», «جندي», «جنود») count as one unit."""
    text = resources.files("marsad.data").joinpath("dispute_topics.tsv").read_text(encoding="utf-8")
    forms: dict[str, str] = {}
    for line in text.splitlines():
        if not line.strip() or line.startswith("#") or line.count("\t") < 2:
            continue
        words = line.split("\t")[2].split()
        stems = [light_stem(normalize(w)) for w in words if w != "%"]
        for stem in stems:
            forms.setdefault(stem, stems[0])
    return forms


def _canonical_unit(stem: str) -> str:
    return _unit_forms().get(stem, stem)


def _number_disagreements(members: list[Article]) -> list[Disagreement]:
    values: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    refs: dict[tuple[str, str], list[SourceRef]] = defaultdict(list)
    outlet = {a.id: a.outlet or a.id for a in members}
    for article in members:
        for s in article.sentences:
            if s.is_heading:
                continue
            for unit, number in quantities(s.text):
                values[unit][article.id].add(number)
                refs[(unit, article.id)].append(SourceRef(article.id, s.id, article.outlet))
    found = []
    for unit, per_article in sorted(values.items()):
        if len({outlet[a] for a in per_article}) < 2 or not _conflict(
            list(per_article.values()), strict=True
        ):
            continue
        claims = _claims(per_article, outlet, {a: refs[(unit, a)] for a in per_article})
        described = " / ".join(c["value"] for c in claims)
        found.append(
            Disagreement("number", f"Outlets give different figures for «{unit}»: {described}", claims)
        )
    return found


def _unique(found: list[Disagreement]) -> list[Disagreement]:
    seen, out = set(), []
    for d in found:
        key = (d.aspect, tuple(c["value"] for c in d.claims))
        if key not in seen:
            seen.add(key)
            out.append(d)
    return out
