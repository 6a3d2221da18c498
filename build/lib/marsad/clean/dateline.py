"""Datelines and bylines: "دبي -الشرق", "القاهرة (رويترز) -", "الرياض - واس", "فلان – جدة".

A dateline names where a story was filed and who filed it. It comes as its own short line
under the title, or glued to the start of the first paragraph. Its parts are told apart
with the gazetteer of places and the list of agencies in :mod:`marsad.clean.lexicon`;
a part that is neither is a reporter's name (a byline).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from marsad.clean import lexicon as lx
from marsad.clean.lexicon import match_key
from marsad.model import Dateline

# Dashes between dateline parts; the tatweel counts only as a free-standing dash ("الرياضي ـ جدة").
_SEPARATOR = re.compile(r"\s*[-–—]+\s*|\s+ـ+\s+|\s*ـ+\s+|\s+ـ+\s*")
_PART = r"[^\s\-–—:،,.()!?؟]+"
_WIRE_PAREN = re.compile(
    rf"^(?P<place>{_PART}(?:\s+{_PART}){{0,2}})\s*(?:[-–—]\s*)?[(\[](?P<source>[^()\[\]]{{2,40}})[)\]]\s*(?:[-–—:]+\s*)?"
)
# "(رويترز) - قال ..." / "(CNN) -- ...": the agency alone, in parentheses.
_WIRE_SOURCE_ONLY = re.compile(r"^[(\[](?P<source>[^()\[\]]{2,30})[)\]]\s*[-–—:]+\s*")
_WIRE_DASH = re.compile(
    rf"^(?P<head>{_PART}(?:\s+{_PART}){{0,3}}(?:\s*(?:[-–—]+|\s+ـ+)\s*{_PART}(?:\s+{_PART}){{0,3}}){{1,3}})"
    rf"\s*(?P<sep>[:\-–—]+\s+|\s+)"
)
_PLACE_COLON = re.compile(rf"^(?P<place>{_PART}(?:\s+{_PART})?)\s*:\s+")
# "الباحة 26 شوال 1436 هـ الموافق 11 أغسطس 2015 م واس": place, date, agency.
_WIRE_DATED = re.compile(r"^(?P<place>[^\d\s]+(?:\s+[^\d\s]+)?)\s+\d.{4,80}\s(?P<tail>\D+)$")


@dataclass(frozen=True)
class Credit:
    """What a dateline/byline text says: where, which agency, which reporter."""

    text: str
    dateline: Dateline | None
    byline: str | None


_DIGITS = re.compile(r"[\d٠-٩]+")
_WEB_SUFFIX = re.compile(r"(?:\s+|\s*\.\s*)(?:نت|net|com|اونلاين|online)$")


def _kind(part: str) -> str:
    # "طوكيو 01" (a wire dateline with the day) is still the place; "العربية.نت" is العربية.
    key = _WEB_SUFFIX.sub("", match_key(_DIGITS.sub("", part)))
    if key in lx.PLACES:
        return "place"
    if key in lx.AGENCIES:
        return "source"
    words = key.split()
    if len(words) >= 2 and (words[0] in lx.AGENCIES or " ".join(words[:2]) in lx.AGENCIES):
        return "source"  # "سكاي نيوز عربية", "الشرق الأوسط أونلاين"
    return "name"


def read_credit(text: str, *, lenient: bool = False) -> Credit | None:
    """Read a short dateline/byline line (``None`` when it is not one).

    ``lenient`` accepts two unknown parts as place and source (the line right under the
    title is a dateline by convention even when its place is not in the gazetteer).
    """
    body = text.strip().rstrip(":：").strip()
    if not body or len(body.split()) > 16 or body[-1] in ".!?؟…،,":
        return None
    paren = _WIRE_PAREN.match(body)
    if paren and paren.end() == len(body) and _kind(paren["source"]) != "name":
        place, source = paren["place"].strip(), paren["source"].strip()
        return Credit(text, Dateline(place=place, source=source, text=text), None)
    dated = _WIRE_DATED.match(body)
    if dated:
        tail = dated["tail"].split()
        for n in (3, 2, 1):
            source = " ".join(tail[-n:])
            if len(tail) >= n and match_key(source) in lx.AGENCIES:
                return Credit(text, Dateline(place=dated["place"].strip(), source=source, text=text), None)
    if len(body.split()) > 9:
        return None
    parts = [p.strip() for p in _SEPARATOR.split(body) if p.strip()]
    if len(parts) < 2 or len(parts) > 4 or any(len(p.split()) > 4 or ":" in p for p in parts):
        return None
    return _assign(text, parts, lenient=lenient)


def _assign(text: str, parts: list[str], *, lenient: bool) -> Credit | None:
    kinds = [_kind(p) for p in parts]
    if kinds.count("place") > 1:
        return None  # "موسكو - دمشق" names two sides of a story, not where it was filed
    place = next(
        (_DIGITS.sub("", p).strip() for p, k in zip(parts, kinds, strict=True) if k == "place"), None
    )
    source = next((p for p, k in zip(parts, kinds, strict=True) if k == "source"), None)
    names = [p for p, k in zip(parts, kinds, strict=True) if k == "name"]
    if place is None and source is None:
        if not lenient or len(parts) != 2:
            return None
        first, second = parts
        if len(first.split()) == 1 and len(second.split()) == 1:
            place, source, names = first, second, []  # "دبي -الشرق"
        elif len(first.split()) >= 2 and len(second.split()) == 1:
            place, names = second, [first]  # "عبدالرحمن الشهري – المجاردة"
        elif len(first.split()) == 1:
            place, names = first, [second]  # "الأحساء - صادق الحرز"
        else:
            return None
    byline = " - ".join(names) or None
    dateline = Dateline(place=place, source=source, text=text) if (place or source) else None
    return Credit(text, dateline, byline)


def split_wire_prefix(paragraph: str) -> tuple[int, Credit] | None:
    """A dateline glued to the start of the first paragraph.

    Returns the length of the prefix to cut (separators included) and what it says, for
    "القاهرة (رويترز) - قال ...", "الرياض - واس أعلنت ...", "فلان- سبق- جدة: ناقش ...".
    """
    head = paragraph[:160]
    m = _WIRE_SOURCE_ONLY.match(head)
    if m and _kind(m["source"]) == "source":
        text = m.group(0).strip()
        return m.end(), Credit(text, Dateline(place=None, source=m["source"].strip(), text=text), None)
    m = _WIRE_PAREN.match(head)
    if m:
        known_place = _kind(m["place"]) == "place"
        known_source = _kind(m["source"]) == "source"
        separated = m.group(0).rstrip().endswith(("-", "–", "—", ":"))
        # "نشرت صحيفة (الجزيرة) أن ..." is prose: without a known place, the agency must
        # be followed by the dateline's dash or colon.
        if (known_place and (known_source or separated)) or (known_source and separated):
            credit = Credit(
                m.group(0).strip(),
                Dateline(place=m["place"].strip(), source=m["source"].strip(), text=m.group(0).strip()),
                None,
            )
            return m.end(), credit
    m = _WIRE_DASH.match(head)
    if m:
        found = _dash_prefix(head, m)
        if found:
            return found
    m = _PLACE_COLON.match(head)
    if m and match_key(m["place"]) in lx.PLACES:
        text = m.group(0).strip()
        return m.end(), Credit(text, Dateline(place=m["place"].strip(), source=None, text=text), None)
    return None


def _dash_prefix(head: str, m: re.Match[str]) -> tuple[int, Credit] | None:
    parts = [p.strip() for p in _SEPARATOR.split(m["head"]) if p.strip()]
    if len(parts) < 2:
        return None
    sep = m["sep"]
    if sep.strip():
        # An explicit end (":" or a dash): every part must be dateline-like.
        if any(_kind(p) != "name" for p in parts) and len(" ".join(parts).split()) <= 10:
            end = m.end()
            return end, _credit_of(head[: m.end("head")], parts)
        return None
    # No end mark ("الرياض - واس أعلنت ..."): the last part runs into the sentence; keep
    # only the agency name at its start.
    last_words = parts[-1].split()
    for n in (3, 2, 1):
        if len(last_words) >= n and match_key(" ".join(last_words[:n])) in lx.AGENCIES:
            parts = [*parts[:-1], " ".join(last_words[:n])]
            if not any(_kind(p) == "place" for p in parts[:-1]) and len(parts[0].split()) > 3:
                return None
            cut = _end_of_words(head, m.start("head"), parts)
            return cut, _credit_of(head[:cut].strip(), parts)
    return None


def _end_of_words(head: str, start: int, parts: list[str]) -> int:
    """Offset in ``head`` just after the words of ``parts`` (and a trailing separator)."""
    pos = start
    for part in parts:
        for word in part.split():
            pos = head.index(word, pos) + len(word)
    tail = re.match(r"\s*[:\-–—]*\s*", head[pos:])
    return pos + (tail.end() if tail else 0)


def _credit_of(text: str, parts: list[str]) -> Credit:
    # Callers pass parts with a known place or agency, so assignment succeeds; the fallback
    # keeps the words as a byline rather than lose them.
    return _assign(text.strip(), parts, lenient=True) or Credit(text.strip(), None, " - ".join(parts))
