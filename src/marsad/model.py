"""The records every stage shares.

Stages take records and return records; no stage reaches into another's internals.
Character offsets (``start``/``end``) in sentences, time expressions and mentions always
point into ``Article.body`` (the cleaned body text), and every :class:`Block` maps its
body range back to the raw ingested text (``Document.text``), so any output can be traced
to the words that support it.

Records convert to and from plain JSON-able dicts with :func:`to_dict` / ``from_dict``
classmethods; that is the form used by the store, the reports and the API.
"""

from __future__ import annotations

import dataclasses
import functools
import types
import typing
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal

# --------------------------------------------------------------------------- ingest


@dataclass(frozen=True)
class Document:
    """One raw article as read from a source, before any cleaning.

    ``doc_id`` is stable: the same outlet/url/text always gives the same id, so re-ingesting
    adds nothing.
    """

    doc_id: str
    text: str
    origin: str  # file path, with "#N" or "!member#N" for records inside a JSON/zip file
    format: str  # "text" | "json" | "saudinewsnet" | "html"
    outlet: str | None = None
    url: str | None = None
    title: str | None = None
    author: str | None = None
    published: str | None = None  # as given by the source (ISO date or datetime string)
    html: str | None = None  # original HTML when the source was a web page
    # time expressions annotated by the source (TimeML TIMEX3), as "words=value" strings
    date_hints: tuple[str, ...] = ()
    # what reading had to repair or ignore (bad bytes replaced, a date out of range…): reported, kept
    notices: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Rejected:
    """An input that could not become an article: kept with the reason, never dropped."""

    origin: str
    reason: str
    detail: str = ""
    text_sample: str = ""


# --------------------------------------------------------------------------- clean

BlockKind = Literal["paragraph", "heading", "caption", "quote"]


@dataclass(frozen=True)
class Block:
    """A paragraph or heading of the clean body.

    ``start``/``end`` index ``Article.body``; ``raw_start``/``raw_end`` index ``Document.text``
    (-1 when the block was synthesised, e.g. a heading split out of a one-line body keeps
    its true raw offsets; only text the cleaner generated itself has -1).
    """

    kind: BlockKind
    text: str
    start: int
    end: int
    raw_start: int = -1
    raw_end: int = -1


@dataclass(frozen=True)
class RemovedLine:
    """A line taken out of the body, with why. Nothing is removed silently."""

    text: str
    reason: str  # "byline" | "dateline" | "caption" | "credit" | "ad" | "comments" | "related" | "share" | "junk" | "embedded_summary" | "title" | "duplicate" | ...
    raw_start: int = -1
    raw_end: int = -1


@dataclass(frozen=True)
class Dateline:
    place: str | None
    source: str | None
    text: str


@dataclass(frozen=True)
class EmbeddedSummary:
    """The outlet's own summary box printed inside the page (e.g. "ملخص المقال")."""

    label_lines: list[str]
    summary: str
    key_points: list[str]


@dataclass
class Caption:
    """A photo caption of the article: not body prose, but the article's own words about its
    pictures. ``time_exprs`` are found in the caption (offsets into ``text``, not the body)."""

    text: str
    raw_start: int = -1
    raw_end: int = -1
    credit: str | None = None  # the photo credit printed with it ("(رويترز)", "تصوير: ...")
    time_exprs: list[TimeExpr] = field(default_factory=list)


# --------------------------------------------------------------------------- analyze


@dataclass(frozen=True)
class Sentence:
    id: int  # index within the article
    start: int
    end: int
    text: str
    block: int  # index into Article.blocks
    is_heading: bool = False


# --------------------------------------------------------------------------- dates

Granularity = Literal["day", "week", "month", "year", "interval", "time", "unknown"]
AnchorSource = Literal["metadata", "text", "inferred", "event", "none"]


@dataclass
class TimeExpr:
    """A temporal expression found in the text, with its calendar value.

    ``value`` is ISO 8601 at the expression's granularity: "2025-07-31", "2025-10", "2024",
    or for intervals ``value``/``value_end`` hold both ends. ``anchor`` is the date that
    relative parts were resolved against and ``anchor_source`` where that came from.
    ``value`` is None when the expression could not be resolved (e.g. a bare weekday with
    no known anchor).
    """

    text: str
    start: int
    end: int
    kind: str  # "absolute" | "relative" | "weekday" | "month" | "year" | "range" | "time" | "hijri" ...
    granularity: Granularity = "unknown"
    value: str | None = None
    value_end: str | None = None
    modifier: str | None = None  # "early" | "mid" | "late" | None
    anchor: str | None = None
    anchor_source: AnchorSource = "none"
    sentence: int = -1
    parts: dict[str, Any] = field(
        default_factory=dict
    )  # parsed pieces (day, month, year, weekday, shift ...)


@dataclass(frozen=True)
class Published:
    date: str | None  # ISO date
    source: AnchorSource  # metadata | text | inferred | event | none
    detail: str = ""


# --------------------------------------------------------------------------- entities

EntityLabel = Literal["PERSON", "ORG", "LOC"]


@dataclass
class Mention:
    text: str
    start: int
    end: int
    label: EntityLabel
    sentence: int = -1
    canonical: str | None = None  # canonical name within the article
    entity_id: str | None = None  # corpus-level entity id (after resolution)
    role: str | None = None  # title/role stated with this mention
    is_source: bool = False  # the outlet/agency is cited as a source here


@dataclass(frozen=True)
class RoleStatement:
    role: str
    date: str | None
    article_id: str
    sentence: int = -1


@dataclass
class Entity:
    id: str
    label: EntityLabel
    name: str
    variants: list[str] = field(default_factory=list)
    roles: list[RoleStatement] = field(default_factory=list)
    articles: list[str] = field(default_factory=list)
    mention_count: int = 0
    is_source: bool = False


# --------------------------------------------------------------------------- summaries


@dataclass(frozen=True)
class SourceRef:
    article_id: str
    sentence: int
    outlet: str | None = None


@dataclass(frozen=True)
class KeyPoint:
    text: str
    sources: list[SourceRef]


@dataclass(frozen=True)
class Disagreement:
    aspect: str  # "date" | "number" | "place" | "participants"
    description: str
    claims: list[dict[str, Any]]  # [{"value": ..., "outlets": [...], "sources": [SourceRef...]}]


@dataclass(frozen=True)
class Summary:
    target: str  # article/event/story id
    text: str
    key_points: list[KeyPoint]
    method: str = "extractive"
    disagreements: list[Disagreement] = field(default_factory=list)
    # The sentence(s) the first sentence of ``text`` rests on: for an event, one per outlet
    # that reports the fact it states (the fact most outlets report).
    opening_sources: list[SourceRef] = field(default_factory=list)


# --------------------------------------------------------------------------- quotes and meetings

QuoteKind = Literal["direct", "indirect"]
SpeakerKind = Literal["person", "organisation", "anonymous", "group", "unknown"]


@dataclass
class Quote:
    """Who said what: one quotation of an article, with its speaker.

    ``start``/``end`` index ``Article.body`` (``text == body[start:end]``); ``raw_start``/
    ``raw_end`` the raw text when the block maps one to one (else -1). ``speaker`` is the
    canonical name (the words of the text for anonymous sources and groups);
    ``speaker_text`` the words naming the speaker (the antecedent's, when the speaker is
    reached through a pronoun, a zero subject or a title); ``speaker_mention`` indexes
    ``Article.mentions`` and ``speaker_entity_id`` is filled by the corpus stage.
    """

    id: int
    kind: QuoteKind
    text: str
    start: int
    end: int
    sentence: int = -1
    cue: str = ""
    speaker: str | None = None
    speaker_text: str | None = None
    speaker_kind: SpeakerKind = "unknown"
    speaker_mention: int = -1
    speaker_entity_id: str | None = None
    resolved_via: str = "explicit"  # explicit | pronoun | zero | title
    relay: str | None = None  # the outlet/agency that relayed the words («نقلت وكالة X عن Y»)
    raw_start: int = -1
    raw_end: int = -1


MeetingKind = Literal["meeting", "reception", "visit", "call", "talks", "arrival"]


@dataclass
class Participant:
    name: str  # canonical name within the article
    mention: int = -1  # index into Article.mentions
    entity_id: str | None = None  # filled by the corpus stage
    role: str | None = None


@dataclass
class Meeting:
    """Who met whom: a meeting, reception, visit or call reported in one sentence."""

    id: int
    kind: MeetingKind
    predicate: str  # the verb or noun as written («استقبل»)
    sentence: int
    text: str  # the supporting sentence
    start: int  # body offsets of the sentence
    end: int
    participants: list[Participant] = field(default_factory=list)
    place: str | None = None
    date: str | None = None  # ISO, resolved like every date of the article


# --------------------------------------------------------------------------- article


@dataclass
class Article:
    """A clean article, enriched stage by stage."""

    id: str
    origin: str
    outlet: str | None
    url: str | None
    title: str | None
    body: str
    blocks: list[Block] = field(default_factory=list)
    removed: list[RemovedLine] = field(default_factory=list)
    byline: str | None = None
    dateline: Dateline | None = None
    embedded_summary: EmbeddedSummary | None = None
    published: Published | None = None
    published_raw: str | None = None
    sentences: list[Sentence] = field(default_factory=list)
    time_exprs: list[TimeExpr] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    summary: Summary | None = None
    duplicate_of: str | None = None
    event_id: str | None = None
    mentioned_events: list[str] = field(default_factory=list)
    # the body left after cleaning is too short to be the story; the title carries the news
    title_only: bool = False
    # the publication date as the page prints it (a date line or byline line the cleaner removed)
    published_printed: str | None = None
    captions: list[Caption] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    meetings: list[Meeting] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)  # see Document.notices; stages may add their own


# --------------------------------------------------------------------------- corpus


@dataclass
class Event:
    """One happening, reported by one or more articles."""

    id: str
    label: str
    articles: list[str]
    outlets: list[str] = field(default_factory=list)
    date: str | None = None
    date_end: str | None = None
    place: str | None = None
    participants: list[str] = field(default_factory=list)  # entity ids
    mentioned_by: list[str] = field(default_factory=list)  # article ids that only mention it
    story_id: str | None = None
    summary: Summary | None = None


@dataclass
class Story:
    """A thread of related events over time."""

    id: str
    label: str
    events: list[str]  # event ids in date order
    date: str | None = None
    date_end: str | None = None
    actors: list[str] = field(default_factory=list)  # entity ids
    summary: Summary | None = None


@dataclass
class DuplicateGroup:
    canonical: str
    members: list[str]  # including canonical
    kind: Literal["exact", "near"] = "near"


# --------------------------------------------------------------------------- (de)serialisation


def to_dict(record: Any) -> Any:
    """A JSON-able dict of a record (dates become ISO strings)."""
    # An article is ~500 values, most of them strings and numbers: those are taken as they
    # are without a call, and a record's field names are looked up once per class (this
    # function is most of the cost of writing an article).
    cls: Any = type(record)
    if cls in _ATOMS:
        return record
    convert = _record_converter(cls)
    if convert is not None:
        return convert(record)
    if cls is list:
        return [x if type(x) in _ATOMS else to_dict(x) for x in record]
    if isinstance(record, list | tuple):
        return [to_dict(x) for x in record]
    if isinstance(record, dict):
        return {k: to_dict(v) for k, v in record.items()}
    if isinstance(record, date):
        return record.isoformat()
    return record


_ATOMS = frozenset({str, int, float, bool, type(None)})


@functools.cache
def _field_names(cls: type) -> tuple[str, ...] | None:
    """The field names of a dataclass, in order; None for any other class."""
    if dataclasses.is_dataclass(cls) and isinstance(cls, type):
        return tuple(f.name for f in dataclasses.fields(cls))
    return None


@functools.cache
def _record_converter(cls: type) -> Callable[[Any], dict[str, Any]] | None:
    """For a dataclass, a function made for it that builds its :func:`to_dict` form:
    ``{name: value if type(value) in _ATOMS else to_dict(value), ...}`` over its fields in
    order, as one dict display with plain attribute reads (no ``getattr`` by name, no loop);
    None for any other class."""
    names = _field_names(cls)
    if names is None or not all(n.isidentifier() for n in names):
        return None
    items = ", ".join(f"{n!r}: v if type(v := r.{n}) in atoms else convert(v)" for n in names)
    namespace: dict[str, Any] = {}
    exec(
        f"def _to_dict(r, atoms=atoms, convert=convert):\n    return {{{items}}}\n",
        {"atoms": _ATOMS, "convert": to_dict},
        namespace,
    )  # noqa: S102
    return namespace["_to_dict"]


@functools.cache
def _field_types(cls: type) -> tuple[tuple[str, Any], ...]:
    hints = typing.get_type_hints(cls)
    return tuple((f.name, hints[f.name]) for f in dataclasses.fields(cls))


def from_dict(cls: type, data: Any) -> Any:
    """Rebuild a record (and its nested records) from :func:`to_dict` output."""
    # Each field's rebuilding is planned once per class (:func:`_builders`): a plain value is
    # taken as it is, without a call per value (an article is ~500 of them; reading articles
    # back is most of the corpus stages' "read").
    if data is None:
        return None
    kwargs = {}
    for name, build in _builders(cls):
        if name in data:
            value = data[name]
            kwargs[name] = value if build is None or value is None else build(value)
    return cls(**kwargs)


@functools.cache
def _builders(cls: type) -> tuple[tuple[str, Callable[[Any], Any] | None], ...]:
    """(field name, how to rebuild its non-None value, or None to take it as it is)."""
    return tuple((name, _builder(tp)) for name, tp in _field_types(cls))


@functools.cache
def _builder(tp: Any) -> Callable[[Any], Any] | None:
    """How to rebuild a non-None value of type ``tp``: a function, or None for the value itself."""
    kind, arg = _plan(tp)
    if kind == "record":
        return functools.partial(from_dict, arg)
    if kind == "list":
        inner = _builder(arg)
        if inner is None:
            return list
        return lambda values: [None if v is None else inner(v) for v in values]
    return None


@functools.cache
def _plan(tp: Any) -> tuple[str, Any]:
    """How to rebuild a value of type ``tp``: ("record", cls), ("list", inner), or ("plain", None)."""
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        return _plan(args[0]) if len(args) == 1 else ("plain", None)
    if origin is list:
        return ("list", typing.get_args(tp)[0])
    if dataclasses.is_dataclass(tp):
        return ("record", tp)
    return ("plain", None)
