"""What an article MAINLY reports, as compact features: main date, main participants, lead terms.

The clustering never looks at raw text again once these are built. Everything is taken
from the title and the lead (the first few substantive sentences), because news prose puts
the happening it reports first and pushes background ("the visit expected on 15 October",
"since the fall of Assad in December") further down; background sentences are kept apart
as :class:`BackgroundMention` records so they can *mention* other events without pulling
the article into them.

Lexical content is TF-IDF over light stems, compared by cosine. TF-IDF and not BM25
because we compare article to article (and article to event centroid), not a short query to
long documents: we need a symmetric similarity in [0, 1] that can be thresholded and
averaged into a centroid. BM25's strengths — term-frequency saturation and document-length
normalisation for ranking — matter little on leads of similar length, and its scores are
neither symmetric nor bounded.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache
from itertools import compress

from marsad.arabic import normalize, split_sentences
from marsad.arabic.tokens import content_stems
from marsad.cluster.settings import ClusterSettings
from marsad.model import Article, Mention, Sentence, TimeExpr

Vector = dict[str, float]

_WEEKDAYS = {
    normalize(name): i
    for i, names in enumerate(
        [
            ("الاثنين", "الإثنين"),
            ("الثلاثاء",),
            ("الأربعاء",),
            ("الخميس",),
            ("الجمعة",),
            ("السبت",),
            ("الأحد",),
        ]
    )
    for name in names
}
_WEEKDAY_RE = re.compile("|".join(sorted(_WEEKDAYS, key=len, reverse=True)))


@dataclass
class Vocabulary:
    """Document frequencies of stems and entity keys, for IDF weights.

    Grows as articles arrive (the online clusterer adds each batch before weighting it), so
    the same term is weighted by what the observatory has seen so far.
    """

    df: Counter[str] = field(default_factory=Counter)
    documents: int = 0

    def add(self, keys: set[str]) -> None:
        self.df.update(keys)
        self.documents += 1

    def idf(self, key: str) -> float:
        return math.log((1 + self.documents) / (1 + self.df.get(key, 0))) + 1.0

    def weigh_counts(self, counts: Mapping[str, float]) -> Vector:
        """IDF-weighted counts, not normalised (for weighted-Jaccard comparison of entities)."""
        return {k: c * self.idf(k) for k, c in counts.items() if c > 0}

    def weigh(self, counts: Mapping[str, float], keep: int = 0) -> Vector:
        """An L2-normalised TF-IDF vector (sub-linear tf: a repeated word is not 5x evidence),
        pruned to its ``keep`` heaviest terms when ``keep`` > 0: the tail of a long body
        costs comparison time and barely moves a cosine."""
        # fractional counts (weakly weighted body words) stay below 1
        vec = {k: (1.0 + math.log(c) if c >= 1 else c) * self.idf(k) for k, c in counts.items() if c > 0}
        if keep and len(vec) > keep:
            vec = dict(sorted(vec.items(), key=lambda kv: (-kv[1], kv[0]))[:keep])
        return unit(vec)


def unit(vec: Vector) -> Vector:
    norm = math.sqrt(sum(v * v for v in vec.values()))
    return {k: v / norm for k, v in vec.items()} if norm else {}


def accumulate(total: Vector, part: Mapping[str, float], sign: float = 1.0) -> float:
    """Add ``sign * part`` into ``total`` in place and return the change of ``total``'s
    squared norm, so that a running sum's norm costs the part added, not the whole sum
    (a story of 500 events has a centroid of thousands of terms). Subtracting drops the
    keys it leaves at zero."""
    delta = 0.0
    for k, v in part.items():
        old = total.get(k, 0.0)
        new = old + sign * v
        if sign < 0 and abs(new) <= 1e-12:
            total.pop(k, None)
            new = 0.0
        else:
            total[k] = new
        delta += new * new - old * old
    return delta


def cosine(a: Vector, b: Vector, b_norm: float = 1.0) -> float:
    """Cosine of a unit vector ``a`` and any vector ``b`` of norm ``b_norm``."""
    if not a or not b or not b_norm:
        return 0.0
    if len(a) > len(b):
        a, b = b, a
    # the shared keys only, found by the dicts' key views (in C: the hot loop of clustering);
    # fsum is exact, so the result does not depend on the order the shared keys come in
    return math.fsum([a[k] * b[k] for k in a.keys() & b.keys()]) / b_norm


def weighted_jaccard(a: Vector, b: Vector, b_scale: float = 1.0) -> float:
    """Ruzicka similarity of ``a`` and ``b / b_scale``: shared weight over total weight.

    Used for participants rather than cosine: a participant present on one side only (the
    president in one visit, the two ministers in another) must cost as much as a shared
    one gains, or the ever-present head of state makes every visit look alike.
    """
    if not a or not b:
        return 0.0
    shared = total = 0.0
    get = b.get
    for k, v in a.items():
        w = get(k, 0.0) / b_scale
        # min(v, w) to shared and max(v, w) to total, without two calls per key
        if w < v:
            shared += w
            total += v
        else:
            shared += v
            total += w
    total += sum(v / b_scale for k, v in b.items() if k not in a)
    return shared / total if total else 0.0


def coverage(a: Vector, b: Vector) -> float:
    """Share of ``a``'s weight on keys that ``b`` also has."""
    total = sum(a.values())
    # the weights of a's keys b has, in a's order (C-level: no generator step per key)
    return sum(compress(a.values(), map(b.__contains__, a))) / total if total else 0.0


@dataclass
class BackgroundMention:
    """A non-lead sentence that dates something else: a candidate mention of another event."""

    article_id: str
    sentence: int
    day: date
    entities: dict[str, float]  # entity key → label weight (people count more than places)
    stems: Counter[str]  # dropped once weighed into ``vec``
    vec: Vector = field(default_factory=dict)  # TF-IDF of the stems, weighed on arrival
    ents: Vector = field(default_factory=dict)  # IDF-weighted entity keys ("e:…")


@dataclass
class ArticleFeatures:
    id: str
    outlet: str | None
    main_date: date | None
    date_from_text: bool  # main date read from the lead, not the publication date
    terms: dict[str, float]  # stems: title x2, lead x1, rest of body x body_weight
    entity_counts: dict[str, float]  # entity keys, lead mentions weighted higher
    lead_locations: Counter[str]  # entity key → weight, for the event's place
    weekdays: set[int]  # weekdays named in the lead (0 = Monday), to check inferred dates
    partial_days: set[tuple[int, int]]  # (month, day) of lead dates with no known year
    background: list[BackgroundMention]
    title_entities: set[str] = field(default_factory=set)  # entity keys named in the headline
    vec: Vector = field(default_factory=dict)
    # an undated report's day as other articles' background sentences give it ("the visit
    # expected on 15 October"): its named weekday may not carry it to an event far from this
    hinted_date: date | None = None
    hint_score: float = 0.0  # how well those sentences match it
    ent_vec: Vector = field(default_factory=dict)
    # names a person or an organisation: places alone («السعودية») say where, not who took
    # part, and are too little to compare two reports by
    has_actor: bool = False
    # tells of a past period (last month's trading, a quarter's results), not of one day:
    # no day-precise date in the lead, whose first date is a week or month already over
    period: bool = False

    def keys(self) -> set[str]:
        return set(self.terms) | {"e:" + k for k in self.entity_counts}


def fits_calendar(
    lo: date, hi: date, weekdays: set[int], partial_days: set[tuple[int, int]], slack_days: int
) -> bool:
    """Whether undated reports that name weekdays or year-less dates can be about ``lo..hi``.

    A named weekday must fall inside the range (a report's "الثلاثاء" is the day it tells
    of); a year-less "23 كانون الأول" must fall within ``slack_days`` of it.
    """
    days = [lo + timedelta(days=i) for i in range((hi - lo).days + 1)]
    if weekdays and not any(d.weekday() in weekdays for d in days):
        return False
    if partial_days:
        near = [lo + timedelta(days=i) for i in range(-slack_days, (hi - lo).days + slack_days + 1)]
        return any((d.month, d.day) in partial_days for d in near)
    return True


@lru_cache(maxsize=1 << 16)  # events and stories re-read the same few hundred days
def parse_day(value: str | None) -> date | None:
    if not value or len(value) < 10:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def article_sentences(article: Article) -> list[Sentence]:
    """The analysed sentences, or a quick split when the analysis stage has not run."""
    if article.sentences:
        return article.sentences
    return [
        Sentence(id=i, start=s, end=e, text=article.body[s:e], block=0)
        for i, (s, e) in enumerate(split_sentences(article.body))
    ]


def lead_sentence_ids(sentences: list[Sentence], count: int, min_tokens: int = 4) -> set[int]:
    """The first ``count`` substantive sentences: headings and dateline scraps
    ("دبي -الشرق") carry no report, so they do not use up the lead."""
    lead: set[int] = set()
    for s in sentences:
        if len(lead) >= count:
            break
        if not s.is_heading and len(s.text.split()) >= min_tokens:
            lead.add(s.id)
    return lead


def entity_key(mention: Mention) -> str:
    """The corpus entity id, or the normalised name when the resolver has not run."""
    if mention.entity_id:
        return mention.entity_id
    return "name:" + normalize(mention.canonical or mention.text)


def published_day(article: Article) -> date | None:
    if article.published is None or article.published.source == "none":
        return None
    return parse_day(article.published.date)


def _day_of(expr: TimeExpr) -> date | None:
    if expr.value is None or expr.granularity not in ("day", "interval", "time"):
        return None
    return parse_day(expr.value)


def _sentence_of(expr_start: int, sentences: list[Sentence]) -> int:
    for s in sentences:
        if s.start <= expr_start < s.end:
            return s.id
    return -1


def main_date(
    article: Article, lead: set[int], sentences: list[Sentence], max_lag_days: int
) -> tuple[date | None, bool]:
    """The day the article reports: the first day-precise date in its lead that is
    plausible for a news report (not after publication, at most ``max_lag_days`` before it),
    else the publication date. An article with neither has no main date (None)."""
    published = published_day(article)
    for expr in sorted(article.time_exprs, key=lambda e: e.start):
        sid = expr.sentence if expr.sentence >= 0 else _sentence_of(expr.start, sentences)
        day = _day_of(expr)
        if sid not in lead or day is None or expr.parts.get("clause") == "future":
            continue  # «جولة يستكملها الاثنين في الدوحة»: the next leg, not what is reported
        if published is None or published - timedelta(days=max_lag_days) <= day <= published + timedelta(
            days=1
        ):
            return day, True
    return published, False


def extract_features(article: Article, settings: ClusterSettings) -> ArticleFeatures:
    """Per-article features (no corpus statistics yet: see :meth:`Vocabulary.weigh`)."""
    sentences = article_sentences(article)
    lead = lead_sentence_ids(sentences, settings.lead_sentences)
    day, from_text = main_date(article, lead, sentences, settings.max_lag_days)

    terms: defaultdict[str, float] = defaultdict(float)
    for stem in content_stems(article.title or ""):
        terms[stem] += 2.0
    lead_text = " ".join(s.text for s in sentences if s.id in lead)
    for stem in content_stems(lead_text):
        terms[stem] += 1.0

    label_weight = {"PERSON": 1.0, "ORG": settings.org_weight, "LOC": settings.loc_weight}
    entity_counts: defaultdict[str, float] = defaultdict(float)
    locations: Counter[str] = Counter()
    by_sentence: dict[int, dict[str, float]] = {}
    surfaces: dict[str, tuple[str, float]] = {}
    for m in article.mentions:
        if m.is_source:
            continue  # "قالت وكالة سانا" names who reports, not who takes part
        key = entity_key(m)
        sid = m.sentence if m.sentence >= 0 else _sentence_of(m.start, sentences)
        in_lead = sid in lead
        weight = label_weight.get(m.label, 1.0)
        entity_counts[key] += weight * (settings.lead_weight if in_lead else 1)
        by_sentence.setdefault(sid, {})[key] = weight
        # the headline may use the short name («النيجر») of «جمهورية النيجر» in the body
        for surface in {normalize(m.text), normalize(m.canonical or m.text)}:
            surfaces.setdefault(surface, (key, weight))
        if m.label == "LOC" and in_lead:
            locations[key] += _place_weight(article.body[max(0, m.start - 30) : m.start])
    # Mentions index the body only; the title names the main participants most of all.
    title = f" {normalize(article.title)} " if article.title else ""
    in_title: set[str] = set()
    for surface, (key, weight) in surfaces.items():
        if title and (f" {surface} " in title or f"و{surface} " in title):
            entity_counts[key] += weight * settings.lead_weight
        if title and any(f"{p}{surface} " in title for p in (" ", "و", "ب", "ل")):
            in_title.add(key)

    weekdays = {_WEEKDAYS[w] for w in _WEEKDAY_RE.findall(normalize(lead_text))}
    weekdays |= {e.parts["weekday"] for e in _lead_exprs(article, lead, sentences) if "weekday" in e.parts}
    partial = {
        (e.parts["month"], e.parts["day"])
        for e in _lead_exprs(article, lead, sentences)
        if e.value is None
        and "day" in e.parts
        and "month" in e.parts
        and e.parts.get("calendar", "gregorian") == "gregorian"
    }
    background = _background(article, sentences, lead, day, by_sentence)
    period = not from_text and _tells_of_period(article, _lead_exprs(article, lead, sentences))
    if settings.body_weight > 0:
        # The rest of the body adds what the lead leaves out (a second angle on the same
        # happening), weakly; sentences dating another happening are left out entirely.
        elsewhere = {m.sentence for m in background}
        rest = " ".join(s.text for s in sentences if s.id not in lead and s.id not in elsewhere)
        for stem, n in Counter(content_stems(rest)).items():
            terms[stem] += settings.body_weight * n
    return ArticleFeatures(
        id=article.id,
        outlet=article.outlet,
        main_date=day,
        date_from_text=from_text,
        terms=dict(terms),
        entity_counts=dict(entity_counts),
        lead_locations=locations,
        weekdays=weekdays,
        partial_days=partial,
        background=background,
        title_entities=in_title,
        period=period,
    )


def _tells_of_period(article: Article, lead_exprs: list[TimeExpr]) -> bool:
    """Whether the lead's first date is a week or a month that was over when the article
    appeared («خلال يوليو الماضي», «الشهر الماضي»): a round-up of a period, not a day's news."""
    published = published_day(article)
    first = min(lead_exprs, key=lambda e: e.start, default=None)
    if first is None or published is None or first.value is None:
        return False
    if first.granularity == "month":
        return first.value[:7] < published.isoformat()[:7]
    if first.granularity == "week":
        end = parse_day(first.value_end or "")
        return end is not None and end < published - timedelta(days=1)
    return False


_CITY_CUE = re.compile(r"(?:العاصمه|مدينه)(?:\s+\S+)?\s*$")


def _place_weight(before: str) -> int:
    """How surely a place named in the lead is where it happened, from the words before it.

    "العاصمة الروسية موسكو" / "مدينة ينبع" name a city, which an event page should show
    before any country however often repeated (hence the large weight); "في موسكو" names
    the scene; a bare country name is often just one of the sides.
    """
    before = normalize(before)
    if _CITY_CUE.search(before):
        return 10
    return 2 if before.endswith((" في", " ب")) or before in ("في", "ب") else 1


def _lead_exprs(article: Article, lead: set[int], sentences: list[Sentence]) -> list[TimeExpr]:
    return [
        e
        for e in article.time_exprs
        if (e.sentence if e.sentence >= 0 else _sentence_of(e.start, sentences)) in lead
    ]


def _background(
    article: Article,
    sentences: list[Sentence],
    lead: set[int],
    day: date | None,
    entities_by_sentence: dict[int, dict[str, float]],
) -> list[BackgroundMention]:
    text_of = {s.id: s.text for s in sentences}
    out = []
    for expr in article.time_exprs:
        sid = expr.sentence if expr.sentence >= 0 else _sentence_of(expr.start, sentences)
        when = _day_of(expr)
        if sid in lead or when is None or (day is not None and abs((when - day).days) <= 1):
            continue
        stems = Counter(content_stems(text_of.get(sid, "")))
        out.append(BackgroundMention(article.id, sid, when, entities_by_sentence.get(sid, {}), stems))
    return out
