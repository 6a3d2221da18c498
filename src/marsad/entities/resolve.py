"""Corpus-level entities: one record per real-world name across articles and spellings.

Works on the compact mention records only, never on raw text. Names are compared within
blocks (people by family name, then by first name; organisations and places by first
word), so the cost grows with block sizes, not with all pairs. Decisions are pairwise and
symmetric and ties are broken by sorted order, so the same articles in any order give the
same entities and ids.
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace

from rapidfuzz import fuzz

from marsad.arabic import normalize
from marsad.entities.names import name_words, same_person, same_word, skeleton, surname_key
from marsad.entities.settings import EntitySettings
from marsad.model import Article, Entity, Mention, RoleStatement
from marsad.unionfind import UnionFind

_PREFIX = {"PERSON": "P", "ORG": "O", "LOC": "L"}
_MAX_BLOCK = 300  # forms compared pairwise in one block; larger blocks compare within first words


@dataclass
class _Form:
    """All mentions sharing one normalised canonical name."""

    key: str
    label: str
    words: list[str]
    surfaces: Counter[str] = field(default_factory=Counter)
    mentions: list[tuple[Article, Mention]] = field(default_factory=list)


def resolve_entities(articles: list[Article], settings: EntitySettings | None = None) -> list[Entity]:
    """Entities over ``articles`` (whose mentions are filled); sets ``mention.entity_id``."""
    settings = settings or EntitySettings()
    forms: dict[tuple[str, str], _Form] = {}
    for article in sorted(articles, key=lambda a: a.id):
        for m in article.mentions:
            name = m.canonical or m.text
            key = normalize(name)
            words = name_words(name) if m.label == "PERSON" else key.split()
            form = forms.setdefault((m.label, key), _Form(key, m.label, words))
            form.surfaces[name] += 1
            form.mentions.append((article, m))
    entities = []
    for label in ("PERSON", "ORG", "LOC"):
        group = {f.key: f for (lab, _), f in forms.items() if lab == label}
        union = UnionFind(sorted(group))
        if label == "PERSON":
            _merge_people(group, union, settings)
        else:
            _merge_names(group, union, settings)
        clusters: dict[str, list[_Form]] = defaultdict(list)
        for key in sorted(group):
            clusters[union.find(key)].append(group[key])
        entities += [_entity(label, members) for members in clusters.values()]
    _unique_ids(entities)
    for e in entities:
        for article_mentions in e._mentions:  # type: ignore[attr-defined]
            article_mentions[1].entity_id = e.id
        del e._mentions  # type: ignore[attr-defined]
    return sorted(entities, key=lambda e: (-e.mention_count, e.id))


# "X بن Y …" and "X آل Y" name the same person as their head X (of three words or more)
CHAIN_WORDS = ("بن", "ابن", "ال")


def same_entity(
    label: str, a: list[str], b: list[str], settings: EntitySettings, *, block: str = "surname"
) -> bool:
    """The pairwise rule (shared with the incremental resolver): do two name forms of one
    label, as their words, name the same entity? People compared in a family-name ``block``
    must both be full names (:func:`same_person`); in a first-name block (``block="first"``)
    they match word by word. Organisations and places match word by word."""
    if label != "PERSON":
        return len(a) == len(b) and _same_words(a, b, settings.name_similarity)
    threshold = settings.person_similarity
    if block == "surname":
        return len(a) >= 2 and len(b) >= 2 and same_person(a, b, threshold)
    return len(a) == len(b) and all(same_word(x, y, threshold) for x, y in zip(a, b, strict=True))


def _similar(a: str, b: str, threshold: float) -> bool:
    """Two normalised words spelt alike. Transliteration letters are swapped freely only in long
    foreign words: an Arabic definite or short name is spelt one way ("السين" is not "الصين")."""
    if a == b:
        return True
    if a.startswith("ال") or b.startswith("ال") or min(len(a), len(b)) < 5:
        return fuzz.ratio(a, b) >= threshold
    return fuzz.ratio(skeleton(a), skeleton(b)) >= threshold


def _same_words(a: list[str], b: list[str], threshold: float) -> bool:
    """Word by word, as the whole string would let one different word hide behind a long
    shared head: "الحكومة اليمنية" is not "الحكومة الأردنية", "الاتحاد الأوروبي" is
    "الاتحاد الأوربي"."""
    return all(_similar(x, y, threshold) for x, y in zip(a, b, strict=True))


def _merge_people(group: dict[str, _Form], union: UnionFind, settings: EntitySettings) -> None:
    by_surname: dict[str, list[_Form]] = defaultdict(list)
    by_first: dict[str, list[_Form]] = defaultdict(list)
    for f in group.values():
        by_surname[skeleton(" ".join(surname_key(f.words)))].append(f)
        if len(f.words) >= 2:
            by_first[skeleton(f.words[0])].append(f)
    for block in by_surname.values():
        full = sorted((f for f in block if len(f.words) >= 2), key=lambda f: f.key)
        for a, b in _pairs(full):
            if same_entity("PERSON", a.words, b.words, settings):
                union.join(a.key, b.key)
    for block in by_first.values():  # surname spelled two ways: "دميتري بيسكوف" / "دميتري بسكوف"
        ordered = sorted(block, key=lambda f: f.key)
        for a, b in _pairs(ordered):
            if same_entity("PERSON", a.words, b.words, settings, block="first"):
                union.join(a.key, b.key)
    # a patronymic chain names the same person as its shorter head ("محمد بن سلمان بن عبدالعزيز")
    # and so does the name with its family ("سلمان بن عبدالعزيز آل سعود"); one spelling of the
    # same words ("عبد العزيز" / "عبدالعزيز") is one name
    by_words: dict[tuple[str, ...], str] = {}
    for f in sorted(group.values(), key=lambda f: f.key):
        same = by_words.setdefault(tuple(f.words), f.key)
        if same != f.key:
            union.join(f.key, same)
    for f in group.values():
        for n in range(3, len(f.words)):
            if f.words[n] in CHAIN_WORDS and (prefix := by_words.get(tuple(f.words[:n]))):
                union.join(f.key, prefix)
    # a bare family name joins the person of that name the corpus mostly means by it: the
    # only one, or one named in at least three quarters of the full mentions ("الأسد")
    for block in by_surname.values():
        weight: Counter[str] = Counter()
        for f in block:
            if len(f.words) >= 2:
                weight[union.find(f.key)] += len(f.mentions)
        if not weight:
            continue
        root, count = min(weight.items(), key=lambda rc: (-rc[1], rc[0]))
        if count >= 0.75 * sum(weight.values()):
            for f in block:
                if len(f.words) < 2:
                    union.join(f.key, root)


def _merge_names(group: dict[str, _Form], union: UnionFind, settings: EntitySettings) -> None:
    blocks: dict[str, list[_Form]] = defaultdict(list)
    for f in group.values():
        blocks[skeleton(f.words[0]) if f.words else ""].append(f)
    for block in blocks.values():
        for a, b in _pairs(sorted(block, key=lambda f: f.key)):
            if same_entity(a.label, a.words, b.words, settings):
                union.join(a.key, b.key)


def _pairs(items: list[_Form]):
    if len(items) > _MAX_BLOCK:  # keep a pathological block near-linear: compare neighbours only
        yield from zip(items, items[1:], strict=False)
        return
    for x in range(len(items)):
        for y in range(x + 1, len(items)):
            yield items[x], items[y]


def _entity(label: str, members: list[_Form]) -> Entity:
    names: Counter[str] = Counter()
    for f in members:
        names.update(f.surfaces)
    # a person's name is the most used full form; a bare family name only if nothing else
    name = max(names, key=lambda n: (label != "PERSON" or len(n.split()) >= 2, names[n], -len(n), n))
    mentions = sorted(
        ((a, m) for f in members for a, m in f.mentions), key=lambda am: (am[0].id, am[1].start, am[1].end)
    )
    roles = {}
    for a, m in mentions:
        if m.role:
            date = a.published.date if a.published else None
            roles[(date or "", a.id, m.sentence, m.role)] = RoleStatement(m.role, date, a.id, m.sentence)
    variants = sorted(({_display(a, m) for a, m in mentions} | set(names)) - {name})
    entity = Entity(
        id=f"{_PREFIX[label]}-{hashlib.sha1(f'{label}:{normalize(name)}'.encode()).hexdigest()[:10]}",
        label=label,  # type: ignore[arg-type]
        name=name,
        variants=variants,
        roles=[roles[k] for k in sorted(roles)],
        articles=sorted({a.id for a, _ in mentions}),
        mention_count=len(mentions),
        is_source=any(m.is_source for _, m in mentions),
    )
    entity._mentions = mentions  # type: ignore[attr-defined]
    return entity


def date_roles(entities: list[Entity], articles: list[Article], events: list | None = None) -> int:
    """Give undated role statements the date of their article: its publication date, or (for an
    article with none) the date of the event it reports. Run after events are dated; returns
    how many statements gained a date."""
    event_date = {e.id: e.date_end or e.date for e in events or [] if e.date}
    date_of: dict[str, str] = {}
    for a in articles:
        date = a.published.date if a.published and a.published.date else None
        date = date or (event_date.get(a.event_id) if a.event_id else None)
        if date:
            date_of[a.id] = date
    changed = 0
    for entity in entities:
        if not any(r.date is None for r in entity.roles):
            continue
        roles = []
        for r in entity.roles:
            if r.date is None and r.article_id in date_of:
                r = replace(r, date=date_of[r.article_id])
                changed += 1
            roles.append(r)
        entity.roles = sorted(roles, key=lambda r: (r.date or "", r.article_id, r.sentence, r.role))
    return changed


def _display(article: Article, m: Mention) -> str:
    """A mention as a reader writes the name: "للسعودية" gives the slice "لسعودية" (the ل of
    the preposition is cut, the article's alef was never written), shown as "السعودية"."""
    body, k = article.body, m.start
    if m.text.startswith("ل") and k >= 1 and body[k - 1] == "ل" and (k < 2 or not body[k - 2].isalpha()):
        return "ا" + m.text
    return m.text


def _unique_ids(entities: list[Entity]) -> None:
    """Two clusters that chose the same name keep apart with a suffix from their variants."""
    seen: dict[str, int] = Counter()
    for e in sorted(entities, key=lambda e: (e.id, e.variants, e.articles)):
        seen[e.id] += 1
        if seen[e.id] > 1:
            e.id = f"{e.id}-{seen[e.id]}"
