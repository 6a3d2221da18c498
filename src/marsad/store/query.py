"""Search queries: one record for what is asked, and its parse into terms both stores match.

The query language is what a reader of news search expects::

    الشيباني موسكو        both words (any spelling of hamza, alef, ya, diacritics; clitics too)
    "وزير الخارجية"        the phrase as written (normalised spelling), word after word
    «وزير الخارجية»        the same, with Arabic quotation marks
    دمشق OR عمان           either word (also «|»)
    الشيباني -موسكو        without the word (or -"phrase")

A word matches its exact normalised form or, failing that, its light stem ("والشيباني",
"بالشيباني"); an article with the exact forms ranks above one that matched by stem only.
A phrase matches only exact forms. Both stores (FTS5, tsvector) build their expressions from
the same :class:`ParsedQuery`, so they find the same articles.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from marsad.arabic import normalize, tokenize
from marsad.arabic.tokens import light_stem

if TYPE_CHECKING:
    from marsad.store.base import Store

Sort = Literal["relevance", "date"]
SORTS: tuple[str, ...] = ("relevance", "date")


@dataclass(frozen=True)
class SearchQuery:
    """What a search asks for: the words and the filters, for every store, the CLI and the API."""

    text: str
    outlets: tuple[str, ...] = ()  # stored outlet values, any of them (the web maps names to these)
    date_from: str | None = None  # YYYY-MM-DD, inclusive
    date_to: str | None = None  # YYYY-MM-DD, inclusive (the whole day)
    entities: tuple[str, ...] = ()  # entity ids, any of them
    sort: Sort = "relevance"
    offset: int = 0
    limit: int = 20

    def __post_init__(self) -> None:
        if self.sort not in SORTS:
            raise ValueError(f"unknown sort {self.sort!r}; choose one of {', '.join(SORTS)}")


_CLITICS = ("و", "ف", "ب", "ل", "ك", "وب", "ول", "فب", "فل", "وك", "فك")


def clitic_forms(word: str) -> tuple[str, ...]:
    """``word`` and its forms with a conjunction or preposition glued on: "الشيباني" →
    "والشيباني", "بالشيباني", "للشيباني"… (what a reader counts as the same word)."""
    if len(word) < 2 or not word.isalpha():
        return (word,)
    forms = [word, *(p + word for p in _CLITICS)]
    if word.startswith("ال") and len(word) > 3:
        forms += [p + "لل" + word[2:] for p in ("", "و", "ف")]
    return tuple(forms)


@dataclass(frozen=True)
class Term:
    words: tuple[str, ...]  # normalised tokens; more than one = a phrase
    phrase: bool = False

    @property
    def stem(self) -> str:
        return light_stem(self.words[0])

    @property
    def forms(self) -> tuple[str, ...]:
        return clitic_forms(self.words[0])


@dataclass(frozen=True)
class ParsedQuery:
    """All of ``clauses`` (each: any of its terms), and none of ``excluded`` (nor their clitic forms)."""

    clauses: tuple[tuple[Term, ...], ...] = ()
    excluded: tuple[Term, ...] = ()
    words: tuple[str, ...] = field(default=())  # every positive word, for highlighting

    @property
    def empty(self) -> bool:
        return not self.clauses


_PIECE = re.compile(r'(-?)(?:"([^"]*)"?|«([^»]*)»?|(\S+))')


def _term(text: str, phrase: bool) -> Term | None:
    words = tuple(tokenize(text.replace('"', " ")))
    if not words:
        return None
    return Term(words, phrase=phrase and len(words) > 1)


def parse_query(text: str) -> ParsedQuery:
    """The clauses of ``text``: quotes, OR (or ``|``) and ``-`` as in the module doc."""
    clauses: list[list[Term]] = []
    excluded: list[Term] = []
    join_next = False
    for m in _PIECE.finditer(normalize(text).replace("“", '"').replace("”", '"')):
        minus, quoted, guillemets, bare = m.groups()
        if bare is not None and bare in ("OR", "|"):
            join_next = bool(clauses)
            continue
        body = quoted if quoted is not None else guillemets if guillemets is not None else bare
        phrase = bare is None
        if minus and bare is not None and bare == "-":
            continue
        if bare is not None and not minus and "|" in bare:
            alternatives = [t for t in (_term(p, False) for p in bare.split("|")) if t]
            if alternatives:
                clauses.append(alternatives)
            join_next = False
            continue
        if phrase:
            term = _term(body or "", True)
            terms = [term] if term else []
        else:
            # a bare piece may hold several tokens ("وزير-الخارجية", "u.s"): each is a word
            terms = [Term((w,)) for w in tokenize(body or "")]
        if not terms:
            continue
        if minus:
            excluded.extend(terms)
            join_next = False
            continue
        if join_next and clauses:
            clauses[-1].append(terms[0])
            clauses.extend([t] for t in terms[1:])
        else:
            clauses.extend([t] for t in terms)
        join_next = False
    words = tuple(dict.fromkeys(w for clause in clauses for t in clause for w in t.words))
    return ParsedQuery(tuple(tuple(c) for c in clauses), tuple(excluded), words)


# ----------------------------------------------------------------------------- FTS5 (SQLite)


def _fts_quote(word: str) -> str:
    return '"' + word.replace('"', "") + '"'


def fts5_match(parsed: ParsedQuery, *, exact: bool = False) -> str:
    """The FTS5 MATCH expression; ``exact`` leaves out the stem alternatives (the ranking tier)."""

    def term(t: Term, exact: bool = exact) -> str:
        if t.phrase:
            return "{title body} : " + _fts_quote(" ".join(t.words))
        word = "{title body} : (" + " OR ".join(_fts_quote(f) for f in t.forms) + ")"
        return word if exact else f"({word} OR stems : {_fts_quote(t.stem)})"

    positive = " AND ".join("(" + " OR ".join(term(t) for t in clause) + ")" for clause in parsed.clauses)
    if parsed.excluded:
        # an excluded word goes with its clitic forms ("-أبها" drops "بأبها"), not its stem:
        # a stem is shared by too many other words ("الشيبة", "الشيباني": شيب)
        negative = " OR ".join(term(t, exact=True) for t in parsed.excluded)
        return f"({positive}) NOT ({negative})"
    return positive


# ----------------------------------------------------------------------------- tsquery (PostgreSQL)


def _lexeme(word: str, weights: str = "") -> str:
    return "'" + word.replace("\\", "\\\\").replace("'", "''") + "'" + (f":{weights}" if weights else "")


def tsquery(parsed: ParsedQuery, *, exact: bool = False) -> str:
    """The ``to_tsquery('simple', …)`` text: title/body words are weights A/B, stems D."""

    def term(t: Term, exact: bool = exact) -> str:
        if t.phrase:
            return "(" + " <-> ".join(_lexeme(w, "AB") for w in t.words) + ")"
        word = "(" + " | ".join(_lexeme(f, "AB") for f in t.forms) + ")"
        return word if exact else f"({word} | {_lexeme(t.stem, 'D')})"

    positive = " & ".join("(" + " | ".join(term(t) for t in clause) + ")" for clause in parsed.clauses)
    negative = "".join(f" & !{term(t, exact=True)}" for t in parsed.excluded)
    return positive + negative


# ----------------------------------------------------------------------------- highlighting


def highlight_spans(text: str, parsed: ParsedQuery) -> list[tuple[int, int]]:
    """Offsets of the words of ``text`` that the query matched: exact forms, clitic forms
    ("والشيباني") and same-stem forms; phrases only as whole phrases."""
    from marsad.arabic import tokenize_with_spans

    tokens = tokenize_with_spans(text)
    terms = [t for clause in parsed.clauses for t in clause if not t.phrase]
    singles = {f for t in terms for f in t.forms}
    stems = {t.stem for t in terms}
    phrases = [t.words for clause in parsed.clauses for t in clause if t.phrase]
    spans: list[tuple[int, int]] = []
    for i, (tok, s, e) in enumerate(tokens):
        if tok in singles or light_stem(tok) in stems:
            spans.append((s, e))
            continue
        for words in phrases:
            if tuple(t for t, _, _ in tokens[i : i + len(words)]) == words:
                spans.append((s, tokens[i + len(words) - 1][2]))
    merged: list[tuple[int, int]] = []
    for s, e in sorted(spans):
        if merged and s <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(e, merged[-1][1]))
        else:
            merged.append((s, e))
    return merged


# ----------------------------------------------------------------------------- filters by name


def build_query(
    store: Store,
    text: str,
    *,
    outlet: str | None = None,
    date_from: str | None = None,
    date_to: str | None = None,
    entity: str | None = None,
    sort: str = "relevance",
    offset: int = 0,
    limit: int = 20,
) -> SearchQuery:
    """A :class:`SearchQuery` from what a person typed: an outlet by name or code ("الرياض",
    "alriyadh", "alriyadh.com" are one outlet), an entity by name, variant or id.

    An entity name the store does not know is kept as it is (it then matches nothing).
    """
    from marsad.outlets import resolve

    outlets: tuple[str, ...] = ()
    if outlet and outlet.strip():
        key = resolve(outlet).key
        outlets = tuple(o for o, _ in store.outlets() if o == outlet or resolve(o).key == key) or (outlet,)
    entities: tuple[str, ...] = ()
    if entity and entity.strip():
        entities = tuple(e["id"] for e in store.find_entities(entity)) or (entity.strip(),)
    return SearchQuery(
        text,
        outlets=outlets,
        date_from=date_from or None,
        date_to=date_to or None,
        entities=entities,
        sort=sort,  # type: ignore[arg-type]
        offset=offset,
        limit=limit,
    )
