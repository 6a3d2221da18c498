"""Who met whom: meetings, receptions, talks, calls and visits reported in one article.

A pure per-article stage (after entities and quotes). A sentence with a meeting predicate
(``marsad/data/events/meetings.tsv``: التقى، استقبل، اجتمع، بحث مع، أجرى اتصالاً، زار، وصل …, or a
joint appearance «مؤتمر صحافي مشترك مع») becomes a :class:`~marsad.model.Meeting` whose
participants are the people named in it — also through a counterpart («نظيره الروسي») or a
dual office («وزيرَي الخارجية والدفاع السوريين» → both ministers, found by their roles in the
article) — with the place (a place after «في/إلى» or the visit's destination) and the date
(the sentence's resolved time expression, else the article's date).

:func:`merge_meetings` folds the records of an event's articles into one list per event.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable

from marsad.arabic.normalize import _FOLD_PAIRS, normalize_keep_length
from marsad.events.lexicon import fold, meeting, meeting_kinds
from marsad.model import Article, Meeting, Mention, Participant

_KIND_ORDER = ("reception", "meeting", "talks", "call", "visit", "arrival")
_WORD = re.compile(r"[^\W_]+")
_JOINT = frozenset(fold(w) for w in "مشترك مشتركة المشترك المشتركة".split())
_WITH = frozenset(fold(w) for w in "مع".split())
_PLACE_PREPS = frozenset(fold(w) for w in "في إلى الى".split())
_NEEDS_WITH = {"talks"}  # «بحث» alone is not a meeting; «بحث مع» is


@functools.lru_cache(maxsize=1 << 16)
def _predicate(word: str) -> str | None:
    for w in (word, word[1:] if len(word) > 3 and word[0] in "وف" else None):
        if not w:
            continue
        for kind in _KIND_ORDER:
            if w in meeting(kind):
                return kind
    return None


def _words(text: str, folded_text: str) -> list[tuple[str, int, int]]:
    """(folded word, start, end) of each word of ``text``; ``folded_text`` is its
    normalize_keep_length."""
    return [
        (folded_text[m.start() : m.end()].replace("\x00", ""), m.start(), m.end())
        for m in _WORD.finditer(text)
    ]


# The word characters that folding drops (ء, tatweel, small waw/yeh): inside a word they are
# taken out and the word stays one. Folding turns every other word character into a word
# character and drops only non-word ones (marks, controls), which split words before and
# after it alike; so the _WORD matches of the folded text with these taken out are the
# folded words of the text — unless a word was made of them alone (then the counts differ).
_JOINED = "\x01"
_JOINERS = tuple(c for c, r in _FOLD_PAIRS if r == "\x00" and _WORD.fullmatch(c))


def _fold_marking_joiners(text: str) -> str:
    """normalize_keep_length, with the _JOINERS as _JOINED instead of NUL."""
    for c in _JOINERS:
        if c in text:
            text = text.replace(c, _JOINED)
    return normalize_keep_length(text)


def _folded_words(text: str, marked: str | None = None) -> tuple[list[str], str]:
    """The folded words of ``text`` (``[w for w, _, _ in _words(text, folded_text)]``) and
    its ``folded_text`` (normalize_keep_length, same length as ``text``), without a slice per
    word; ``marked`` is ``_fold_marking_joiners(text)`` when known."""
    if _JOINED in text:  # (never in cleaned text) the markers would not be ours: the long way
        folded_text = normalize_keep_length(text)
        return [w for w, _, _ in _words(text, folded_text)], folded_text
    if marked is None:
        marked = _fold_marking_joiners(text)
    if _JOINED not in marked:
        return _WORD.findall(marked), marked
    folded_text = marked.replace(_JOINED, "\x00")
    folded = _WORD.findall(marked.replace(_JOINED, ""))
    if len(folded) != len(_WORD.findall(text)):  # a word of nothing but ء or tatweel: the long way
        folded = [w for w, _, _ in _words(text, folded_text)]
    return folded, folded_text


@functools.cache
def _predicate_forms() -> frozenset[str]:
    """Every word _predicate gives a kind: a form, or a form after و/ف (when longer than 3)."""
    forms = {f for kind in _KIND_ORDER for f in meeting(kind)}
    return frozenset(forms | {p + f for f in forms for p in "وف" if len(f) > 2})


def extract_meetings(article: Article) -> Article:
    """Fill ``article.meetings``: one record per sentence that reports a meeting."""
    out: list[Meeting] = []
    kinds = meeting_kinds()
    counterpart, dual = kinds.get("counterpart", frozenset()), kinds.get("dual", frozenset())
    body = article.body
    marked_body = _fold_marking_joiners(body)  # folded once; a sentence is a slice of it
    for sent in article.sentences:
        text = sent.text
        # (the folding is char by char: the fold of a slice is the slice of the fold)
        marked = marked_body[sent.start : sent.end] if body[sent.start : sent.end] == text else None
        folded, folded_sent = _folded_words(text, marked)
        found: tuple[str, int] | None = None
        for n, w in enumerate(folded if not _predicate_forms().isdisjoint(folded) else ()):
            kind = _predicate(w)
            if kind is None:
                continue
            if kind in _NEEDS_WITH and not any(x in _WITH for x in folded[n + 1 : n + 8]):
                continue
            found = (kind, n)
            break
        if found is None and not _JOINT.isdisjoint(folded) and not _WITH.isdisjoint(folded):
            n = next(i for i, w in enumerate(folded) if w in _JOINT)
            found = ("meeting", n)
        if found is None:
            continue
        kind, n = found
        words = _words(text, folded_sent)
        ments = [
            (i, m)
            for i, m in enumerate(article.mentions)
            if sent.start <= m.start and m.end <= sent.end and not _inside_quote(article, m)
        ]
        people: list[Participant] = []
        seen: set[str] = set()
        for i, m in ments:
            if m.label == "PERSON" and (m.canonical or m.text) not in seen:
                seen.add(m.canonical or m.text)
                people.append(
                    Participant(m.canonical or m.text, i, m.entity_id, m.role or _role_of(article, m))
                )
        for role in _implied_roles(folded, counterpart, dual, article, people):
            ref = _by_role(article, role)
            if ref is not None and (article.mentions[ref].canonical or "") not in seen:
                m = article.mentions[ref]
                seen.add(m.canonical or m.text)
                people.append(Participant(m.canonical or m.text, ref, m.entity_id, role))
        place = _place(article, ments, words, n)
        if len(people) < 2 and not (kind in ("visit", "arrival") and people and place):
            continue
        out.append(
            Meeting(
                id=len(out),
                kind=kind,  # type: ignore[arg-type]
                predicate=sent.text[words[n][1] : words[n][2]],
                sentence=sent.id,
                text=sent.text,
                start=sent.start,
                end=sent.end,
                participants=people,
                place=place,
                date=_date(article, sent.id),
            )
        )
    article.meetings = out
    return article


def _inside_quote(article: Article, m: Mention) -> bool:
    return any(q.kind == "direct" and q.start <= m.start and m.end <= q.end for q in article.quotes)


def _role_of(article: Article, m: Mention) -> str | None:
    for other in article.mentions:
        if other.canonical == m.canonical and other.role:
            return other.role
    return None


def _implied_roles(
    folded: list[str],
    counterpart: frozenset[str],
    dual: frozenset[str],
    article: Article,
    people: list[Participant],
) -> list[str]:
    """Offices named without a name: «وزيري الخارجية والدفاع السوريين», «نظيره الروسي»."""
    roles: list[str] = []
    for n, w in enumerate(folded):
        if w in dual and n + 1 < len(folded):
            office = "رئيس" if w.startswith("رئيس") else "نائب" if w.startswith("نائب") else "وزير"
            parts = [folded[n + 1]]
            j = n + 2
            while j < len(folded) and folded[j].startswith("وال"):
                parts.append(folded[j][1:])
                j += 1
            nisba = folded[j] if j < len(folded) and folded[j].endswith(("يين", "يان")) else ""
            nisba_one = nisba[:-3] if nisba else ""
            for p in parts:
                roles.append(" ".join(x for x in (office, p, nisba_one) if x))
        if w in counterpart and n + 1 < len(folded):
            nisba = folded[n + 1]
            base = next((p.role for p in people if p.role), None)
            if base and nisba.startswith("ال"):
                office = " ".join(fold(base).split()[:2])
                roles.append(f"{office} {nisba}")
    return roles


def _by_role(article: Article, role: str) -> int | None:
    want = fold(role).split()
    for i, m in enumerate(article.mentions):
        if m.label != "PERSON" or not m.role:
            continue
        have = fold(m.role).split()
        if all(any(h == w or h.startswith(w) or w.startswith(h) for h in have) for w in want):
            return i
    return None


def _place(
    article: Article, ments: list[tuple[int, Mention]], words: list[tuple[str, int, int]], n: int
) -> str | None:
    locs = [m for _, m in ments if m.label == "LOC"]
    if not locs:
        return None
    # a place right after في/إلى, or the destination of the visit, else the first place
    for _, m in ments:
        if m.label != "LOC":
            continue
        before = article.body[max(0, m.start - 5) : m.start]
        if any(fold(before).rstrip().endswith(p) for p in _PLACE_PREPS) or fold(m.text)[:1] in "بل":
            return m.canonical or m.text
    return locs[0].canonical or locs[0].text


def _date(article: Article, sentence: int) -> str | None:
    for t in article.time_exprs:
        if t.sentence == sentence and t.value and t.granularity == "day":
            return t.value
    return article.published.date if article.published else None


def link_entities(articles: Iterable[Article]) -> None:
    """After corpus resolution: copy entity ids from mentions to quote speakers and participants."""
    for a in articles:
        for q in a.quotes:
            if 0 <= q.speaker_mention < len(a.mentions):
                q.speaker_entity_id = a.mentions[q.speaker_mention].entity_id
        for mt in a.meetings:
            for p in mt.participants:
                if 0 <= p.mention < len(a.mentions):
                    p.entity_id = a.mentions[p.mention].entity_id


def merge_meetings(articles: Iterable[Article]) -> list[dict]:
    """One entry per meeting of an event: the same participants (by entity, else name) on the
    same day merge, keeping every supporting sentence with its article and outlet."""
    merged: dict[tuple, dict] = {}
    for a in articles:
        for mt in a.meetings:
            keys = tuple(sorted(p.entity_id or p.name for p in mt.participants))
            key = (keys, mt.date)
            entry = merged.get(key)
            if entry is None:
                entry = merged[key] = dict(
                    kind=mt.kind,
                    date=mt.date,
                    place=mt.place,
                    participants=[
                        dict(name=p.name, entity_id=p.entity_id, role=p.role) for p in mt.participants
                    ],
                    sources=[],
                )
            entry["place"] = entry["place"] or mt.place
            entry["sources"].append(
                dict(
                    article_id=a.id,
                    outlet=a.outlet,
                    sentence=mt.sentence,
                    text=mt.text,
                    predicate=mt.predicate,
                )
            )
    return sorted(merged.values(), key=lambda e: (e["date"] or "", -len(e["sources"])))
