"""«أين تختلف المصادر» for people: each disputed fact as a sentence, with quotes and links.

The summariser records a disagreement as an aspect and claims (a value, the outlets giving it,
the sentences saying it). This module turns them into what a reader needs: what differs
(«عدد القتلى», «المكان»), each value as the reader knows it (a date in words, an entity's
name, the figure as the outlet wrote it), each outlet by name, and the quoted sentence that
says it, linked. Similar disputes are grouped by aspect, and the page folds long lists.

Everything here is language-neutral data (Arabic and English words side by side); the
template writes the sentence in the page's language.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache
from importlib import resources

from marsad.arabic import STOPWORDS, light_stem, normalize, normalize_digits
from marsad.outlets import resolve

ASPECT_ORDER = ("number", "date", "place", "participants")
_ID = re.compile(r"^[A-Z]{1,4}-[0-9a-f]{6,}$")  # an entity id as the resolver writes them
_NUM = r"(?<![\d.,٫]){}(?![\d])"


@cache
def topics() -> list[tuple[str, str, frozenset[str]]]:
    """``(topic_ar, topic_en, stems)`` from ``marsad/data/dispute_topics.tsv``."""
    text = resources.files("marsad.data").joinpath("dispute_topics.tsv").read_text(encoding="utf-8")
    rows = []
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        ar, en, words = line.split("\t")[:3]
        stems = frozenset("%" if w == "%" else light_stem(normalize(w)) for w in words.split())
        rows.append((ar.strip(), en.strip(), stems))
    return rows


def number_topic(unit: str) -> tuple[str, str] | None:
    """What a figure counts, from the summariser's unit ("جند", "مليار دولار", "%")."""
    last = unit.split()[-1] if unit.split() else unit
    for ar, en, stems in topics():
        if last in stems or unit in stems:
            return ar, en
    return None


def _quantities(text: str):
    from marsad.summarize.disagreements import quantities

    return list(quantities(text))


def _figure_in(text: str, number: str) -> tuple[int, int] | None:
    """Where ``number`` (and the word after it) is written in ``text``: offsets into ``text``."""
    folded = normalize_digits(text)  # same length as text
    variants = {number, number.replace(".", ","), number.replace(".", "٫")}
    word = r"[^\s\d.,،؛:()«»\"]+"
    for v in variants:
        # the figure, the word after it, and one more when that word is "من" («10 من رجال الأمن»)
        m = re.search(_NUM.format(re.escape(v)) + rf"(\s*{word})?", folded)
        if m:
            end = m.end()
            if m.group(1) and normalize(m.group(1).strip()) in STOPWORDS:
                more = re.match(rf"\s+{word}", folded[end:])
                end += more.end() if more else 0
            return m.start(), end
    return None


def _values(aspect: str, value: str, names: dict[str, str]) -> list[dict]:
    """A claim's value as display pieces: dates stay ISO (the template words them), ids become names."""
    parts = [p.strip() for p in str(value).split(", ") if p.strip()] if aspect != "number" else [str(value)]
    out = []
    for p in parts:
        if aspect == "date":
            out.append(dict(kind="date", text=p, iso=p))
        elif aspect in ("place", "participants"):
            if p in names:
                out.append(dict(kind="entity", text=names[p], entity_id=p))
            elif not _ID.match(p):
                out.append(dict(kind="text", text=p))
            # an id with no stored entity is not shown at all: a raw id means nothing to a reader
        else:
            out.append(dict(kind="number", text=p))
    return out


def describe(
    disagreements: list[dict],
    sentence: Callable[[str, int], str | None],
    names: dict[str, str],
    url: Callable[[str], str | None] | None = None,
) -> list[dict]:
    """Disputes grouped by aspect (numbers first), each with topic words, claims, quotes.

    ``sentence(article_id, n)`` gives a cited sentence's text (or None); ``names`` maps entity
    ids to display names. Claims left with no value a reader can see are dropped, and a
    dispute needs two claims left to stay a dispute.
    """
    groups: dict[str, list[dict]] = {}
    seen: set[tuple] = set()
    for d in disagreements:
        aspect = d.get("aspect") or ""
        claims = []
        unit_stem = None
        for c in d.get("claims") or []:
            values = _values(aspect, c.get("value", ""), names)
            if not values:
                continue
            quotes = []
            for ref in c.get("sources") or []:
                text = sentence(ref["article_id"], ref["sentence"])
                if text is None:
                    continue
                mark = None
                if aspect == "number":
                    mark = _figure_in(text, str(c.get("value")))
                    if unit_stem is None:
                        unit_stem = next((u for u, n in _quantities(text) if n == str(c.get("value"))), None)
                quotes.append(
                    dict(
                        article_id=ref["article_id"],
                        sentence=ref["sentence"],
                        outlet=_outlet(ref.get("outlet")),
                        text=text,
                        mark=list(mark) if mark else None,
                        url=url(ref["article_id"]) if url else None,
                    )
                )
            if aspect == "number" and quotes and quotes[0]["mark"]:
                s, e = quotes[0]["mark"]
                values = [
                    dict(kind="number", text=quotes[0]["text"][s:e].strip(), number=str(c.get("value")))
                ]
            # the summariser writes an article's id where the article has no outlet
            ids = {r["article_id"] for r in c.get("sources") or []}
            outlets = _unique_outlets([None if o in ids else o for o in c.get("outlets") or []])
            claims.append(dict(values=values, outlets=outlets, quotes=quotes))
        if len(claims) < 2:
            continue
        key = (aspect, tuple(tuple(v["text"] for v in c["values"]) for c in claims))
        if key in seen:
            continue
        seen.add(key)
        topic = number_topic(unit_stem) if aspect == "number" and unit_stem else None
        groups.setdefault(aspect, []).append(
            dict(
                aspect=aspect,
                topic_ar=topic[0] if topic else None,
                topic_en=topic[1] if topic else None,
                claims=claims,
                n_outlets=len({o["key"] for c in claims for o in c["outlets"]}),
            )
        )
    order = {a: i for i, a in enumerate(ASPECT_ORDER)}
    return [
        dict(aspect=a, disputes=sorted(ds, key=lambda x: -x["n_outlets"]))
        for a, ds in sorted(groups.items(), key=lambda kv: order.get(kv[0], len(order)))
    ]


def _outlet(raw: str | None) -> dict:
    o = resolve(raw)
    return dict(key=o.key, name_ar=o.name_ar, name_en=o.name_en, known=o.known)


def _unique_outlets(raws: list[str | None]) -> list[dict]:
    out: dict[str, dict] = {}
    for raw in raws:
        o = _outlet(raw)
        out.setdefault(o["key"], o)
    return list(out.values())
