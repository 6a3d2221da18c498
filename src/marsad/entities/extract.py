"""Mentions of one article: recognition, within-article canonical names, roles, sources.

A pure function of the article, so it runs in worker processes; the lexicon and the tagger
load once per process.
"""

from __future__ import annotations

import bisect
from collections import Counter

from marsad.arabic import STOPWORDS, normalize, split_sentences
from marsad.entities.lexicon import lexicon
from marsad.entities.names import name_words, same_person, surname_key
from marsad.entities.recognize import Found, Scanner, select
from marsad.entities.settings import EntitySettings
from marsad.entities.tokens import Tok, scan
from marsad.model import Article, Mention

# Reporting cues: an outlet after or before these is being cited as the source.
_CUES = frozenset(
    normalize(w)
    for w in "بحسب حسب وفق وفقا نقلا نقلت نقلته نقل ذكرت ذكر قالت قال أفادت أفاد أوردت نشرت أعلنت أشار أشارت "
    "أكدت أضافت أوضحت عن مصادر لوكالة لقناة لصحيفة أن إن".split()
)


_TAGGER_FIRST = 2.5  # above gazetteer and head rules (2), below role phrases and eponyms (3)


def find_names(
    text: str, settings: EntitySettings | None = None, toks: list[Tok] | None = None
) -> tuple[list[Tok], list[Found]]:
    """Tokens and recognised spans of ``text`` (rules, then the tagger where no rule fired)."""
    settings = settings or EntitySettings()
    toks = scan(text) if toks is None else toks
    scanner = Scanner(text, toks)
    found = list(scanner.candidates())
    if settings.use_tagger:
        from marsad.entities.compiled import use_compiled
        from marsad.entities.tagger import tag_spans

        use_compiled(settings.compiled_tagger)
        tagged = tag_spans(text, toks, settings.tagger_types, settings.tagger_two_pass)
        if settings.tagger_first:
            # measured on annotated sets: the CRF's spans beat the rules'; the rules add roles and
            # outlets (re-decided on the training folds: benchmarks/tune_entities.py --rules)
            for t in tagged:
                t.priority = _TAGGER_FIRST
            found = _tagger_first(found, tagged, toks, settings)
        else:
            weak = [f for f in found if f.priority <= 1 and f.label == "PERSON"]
            for t in tagged:  # the tagger may see further than a given-name rule: "نمر محمد الرياحي"
                if any(t.i <= w.i and w.j <= t.j and (t.i, t.j) != (w.i, w.j) for w in weak):
                    t.priority = 1
            found += tagged
    found = select(found)
    if settings.propagate_surnames:
        found = select(found + _propagate(text, toks, found))
    short = _short_forms(toks, found)
    if short:
        found = select(found + short)
    return toks, found


def _fills(f: Found, toks: list[Tok], settings: EntitySettings) -> bool:
    """Whether a rule span the CRF left untouched is kept (see :class:`EntitySettings`)."""
    if f.priority >= settings.rule_fill_priority or (settings.fill_listed and f.listed):
        return True
    if settings.fill_eponyms and _eponym(f):
        return True
    if settings.fill_role_persons and f.label == "PERSON" and f.priority >= 3 and (f.roles or f.pending):
        return True  # "الرئيس السوري للمرحلة الانتقالية، أحمد الشرع": a titled name the CRF missed
    if f.label != "ORG":
        return False
    if settings.fill_org_sources and (f.listed or f.source_kind):
        return True
    return _national_body(f, toks, settings)


def _contains(f: Found, toks: list[Tok], settings: EntitySettings) -> bool:
    """Whether a rule span replaces the CRF spans it holds ("وكالة سانا" over "سانا")."""
    if f.label == "PERSON":  # a role phrase's name beyond a tagged given name: "الرئيس أحمد الشرع"
        return settings.role_names and f.priority >= 3 and bool(f.roles or f.pending)
    if f.priority >= settings.rule_contain_priority:
        return True
    if f.label == "ORG" and settings.fill_org_sources and f.source_kind:
        return True
    return _national_body(f, toks, settings)


def _national_body(f: Found, toks: list[Tok], settings: EntitySettings) -> bool:
    """A body named by its head and nationality: "البنك المركزي المصري", "الحكومة اليمنية"."""
    return (
        settings.fill_national_bodies
        and f.label == "ORG"
        and f.priority >= 2
        and f.j - f.i >= 2
        and toks[f.j - 1].norm in lexicon().nisba
    )


def _eponym(f: Found) -> bool:
    """A place or body named after a person: "مطار الملك عبدالعزيز", "جامعة الملك سعود"."""
    return f.label != "PERSON" and f.priority >= 3


def _takes_over(
    f: Found, hits: list[Found], toks: list[Tok], settings: EntitySettings, org_ends: dict[int, int]
) -> bool:
    """Whether rule ``f`` replaces the overlapping CRF spans ``hits``."""
    if all((t.i, t.j) == (f.i, f.j) for t in hits):
        return False  # the same span: the CRF's, with the rule's roles and canonical name
    if all(f.i <= t.i and t.j <= f.j for t in hits):
        return _contains(f, toks, settings)
    # a role phrase names the person after its title; a tagged span starting inside an
    # organisation the title names ("قائد مجموعة فاغنر يفغيني بريغوجين" → "فاغنر يفغيني بريغوجين")
    return (
        settings.role_names
        and f.label == "PERSON"
        and f.priority >= 3
        and bool(f.roles or f.pending)
        and all(t.i < f.i and t.j <= f.j and org_ends.get(f.i, f.i) <= t.i for t in hits)
    )


def _tagger_first(
    rules: list[Found], tagged: list[Found], toks: list[Tok], settings: EntitySettings
) -> list[Found]:
    """The CRF's spans, with what the rules know about them: a role phrase's role (and pending
    counterpart) moves onto the tagged person it overlaps, an identical span keeps the rule's
    canonical name and source kind. Rules overlapping no tagged span fill the gaps when
    :func:`_fills` says so; one replaces the tagged spans it overlaps when :func:`_takes_over`
    says so."""
    by_token: dict[int, Found] = {}
    for t in tagged:
        for k in range(t.i, t.j):
            by_token[k] = t
    out = list(tagged)
    best: dict[tuple[int, int, str], Found] = {}  # one rule per span: the surest (listed, with roles)
    for f in sorted(rules, key=lambda f: (f.priority, f.listed, bool(f.roles or f.pending))):
        best[f.i, f.j, f.label] = f
    org_ends: dict[int, int] = {}  # end → first start of the rules' organisations
    for f in rules:
        if f.label == "ORG":
            org_ends[f.j] = min(f.i, org_ends.get(f.j, f.i))
    for f in best.values():
        hits = {id(by_token[k]): by_token[k] for k in range(f.i, f.j) if k in by_token}
        if not hits:
            if _fills(f, toks, settings):
                out.append(f)
            continue
        if _takes_over(f, list(hits.values()), toks, settings, org_ends):
            f.priority = _TAGGER_FIRST + 1
            out.append(f)
            continue
        for t in hits.values():
            if t.label != f.label:
                continue
            if f.label == "PERSON" and (f.roles or f.pending) and not (t.roles or t.pending):
                t.roles, t.pending = list(f.roles), f.pending
            if (t.i, t.j) == (f.i, f.j) and t.start == f.start:
                t.canonical = f.canonical or t.canonical
                t.kind, t.source_kind = f.kind, f.source_kind
    return out


def _short_forms(toks: list[Tok], found: list[Found]) -> list[Found]:
    """A bare "المملكة" is the one kingdom the article otherwise names (by name, city or nisba):
    one entity with "السعودية", not a third name for it. Ambiguous or unsupported, it is left alone."""
    lex = lexicon()
    hits = [
        i
        for i, t in enumerate(toks)
        if t.is_word and (t.norm in lex.short_forms or (t.clitic and t.bare in lex.short_forms))
    ]
    if not hits:
        return []
    countries: set[str] = set()
    for f in found:
        if f.label in ("LOC", "ORG") and f.canonical:
            entry = lex.names.get(tuple(normalize(f.canonical).split()))
            if entry is not None and entry.country:
                countries.add(entry.country)
    countries.update(lex.nisba[t.norm][0] for t in toks if t.norm in lex.nisba)
    covered = {k for f in found for k in range(f.i, f.j)}
    extra = []
    for i in hits:
        t = toks[i]
        nxt = toks[i + 1] if i + 1 < len(toks) else None
        if i in covered or (nxt is not None and nxt.is_word and (nxt.norm in lex.nisba or nxt.definite)):
            continue  # "المملكة المغربية", "المملكة المتحدة": a longer name, not the short form
        whole = t.norm in lex.short_forms
        candidates = [c for c in lex.short_forms[t.norm if whole else t.bare] if c in countries]
        if len(candidates) == 1 and candidates[0] in lex.country_name:
            start = t.start if whole else t.bare_start
            extra.append(
                Found(i, i + 1, start, t.end, "LOC", "GPE", lex.country_name[candidates[0]], priority=2)
            )
    return extra


def _propagate(text: str, toks: list[Tok], found: list[Found]) -> list[Found]:
    """Later and earlier short mentions of people named in full ("الشيباني" after
    "أسعد الشيباني") and bare names of outlets introduced with their head ("العين")."""
    lex = lexicon()
    keys: dict[tuple[str, ...], Found] = {}
    for f in found:
        words = _words(toks, f)
        strong = f.priority >= 2 or f.priority == 1 and words[0] not in lex.ambiguous_given
        if f.label == "PERSON" and f.j - f.i >= 2 and strong:
            keys.setdefault(tuple(words), f)
            surname = surname_key(words)
            # only a family name that is no everyday word ("الأسهم", "الاتفاق") stands for the person
            if not any(w in lex.common_words or w in STOPWORDS or len(w) < 3 for w in surname):
                keys.setdefault(surname, f)
        elif f.label == "ORG" and f.source_kind and f.canonical:
            keys.setdefault(tuple(normalize(f.canonical).split()), f)
    if not keys:
        return []
    firsts = {key[0] for key in keys}
    covered = {k for f in found for k in range(f.i, f.j)}
    extra = []
    for i, t in enumerate(toks):
        if not t.is_word or (t.norm not in firsts and t.bare not in firsts):
            continue
        for n in (2, 1):
            if any(k in covered or k >= len(toks) for k in range(i, i + n)):
                continue
            rest = tuple(toks[k].norm for k in range(i + 1, i + n))
            for first, start in ((t.norm, t.start), (t.bare, t.bare_start)):
                hit = keys.get((first,) + rest)
                if hit is not None:
                    extra.append(
                        Found(
                            i,
                            i + n,
                            start,
                            toks[i + n - 1].end,
                            hit.label,
                            hit.kind,
                            hit.canonical,
                            priority=2 if hit.label == "PERSON" else 3,
                            source_kind=hit.source_kind,
                        )
                    )
                    covered.update(range(i, i + n))
                    break
            if i in covered:
                break
    # a gazetteer place that is an outlet's bare name in this article ("قناة العين" ... "العين")
    for f in found:
        if f.label == "LOC" and f.j - f.i <= 2:
            hit = keys.get(tuple(normalize(text[f.start : f.end]).split()))
            if hit is not None and hit.label == "ORG":
                extra.append(
                    Found(f.i, f.j, f.start, f.end, "ORG", "ORG", hit.canonical, priority=3, source_kind=True)
                )
    return extra


def extract_mentions(article: Article, settings: EntitySettings | None = None) -> Article:
    """Fill ``article.mentions`` with PERSON/ORG/LOC mentions of its body and return it."""
    settings = settings or EntitySettings()
    text = article.body
    toks, found = find_names(text, settings)
    _person_canonicals(text, toks, found)
    spans = split_sentences(text)
    span_starts = [s for s, _ in spans]
    sent_of_tok, k = [], -1  # the sentence of each token: one sweep, as both are in text order
    for t in toks:
        while k + 1 < len(span_starts) and span_starts[k + 1] <= t.start:
            k += 1
        sent_of_tok.append(k)
    _resolve_pending_roles(found, sent_of_tok)
    starts = [s.start for s in article.sentences]
    sentence_spans = [(s.start, s.end) for s in article.sentences]
    mentions = []
    for f in found:
        if f.label == "PERSON" and _pious_formula(text[f.start : f.end]):
            continue
        if f.label == "PERSON" and _lone_given_name(toks, f) and not _royal_title(toks, f):
            continue  # "محمد", "الوزير خالد" with no full name in the article: nobody we can tell apart
        if f.label == "PERSON" and _group_word(toks, f):
            continue  # "المسلمين", "المصريين": a group, not a person
        sentence = _index_of(sentence_spans, f.start, starts) if starts else -1
        mentions.append(
            Mention(
                text=text[f.start : f.end],
                start=f.start,
                end=f.end,
                label=f.label,  # type: ignore[arg-type]
                sentence=sentence,
                canonical=f.canonical or text[f.start : f.end],
                role=f.roles[0] if f.roles else None,
                is_source=f.source_kind and _cited(toks, f, sent_of_tok, settings.source_window),
            )
        )
    article.mentions = mentions
    return article


# Blessings after a name ("حفظه الله", "يرحمه الله", "رعاه الله") are not a person.
_BLESSING_VERBS = ("حفظ", "يحفظ", "رحم", "يرحم", "رعا", "يرعا", "وفق", "يوفق", "اعز", "سلم", "ايد", "يويد")


def _lone_given_name(toks: list[Tok], f: Found) -> bool:
    """A person mention that is one given name ("محمد", "عبد العزيز") and that
    :func:`_person_canonicals` attached to no full name of the article (a royal title before
    it is part of its canonical then: "الملك سلمان")."""
    words = _name(toks, f)
    lex = lexicon()
    given = len(words) == 1 and (
        words[0] in lex.given_names or words[0].removeprefix("عبد") in lex.given_names
    )
    if not given:
        return False
    canonical = normalize(f.canonical or "").split()
    royal = _royal_title(toks, f) is not None
    return len(canonical) <= len(normalize(" ".join(_words(toks, f))).split()) + royal


def _group_word(toks: list[Tok], f: Found) -> bool:
    """A person mention that is one definite plural ("المسلمين", "المتظاهرون") and that
    :func:`_person_canonicals` attached to no full name of the article (a family name such as
    "الحسين" is kept when the article names its bearer in full)."""
    if f.j - f.i != 1:
        return False
    t = toks[f.i]
    word = t.bare if f.start == t.bare_start and t.clitic else t.norm
    if not (word.startswith("ال") and len(word) > 5 and word.endswith(("ين", "ون"))):
        return False
    return word not in lexicon().given_names and len(normalize(f.canonical or "").split()) <= 1


def _royal_title(toks: list[Tok], f: Found) -> Tok | None:
    """The royal title just before a person mention ("الملك" of "الملك سلمان", "وللأمير")."""
    if f.i == 0:
        return None
    before = toks[f.i - 1]
    lex = lexicon()
    if lex.has("royal", before.norm) or before.clitic and lex.has("royal", before.bare):
        return before
    return None


def _pious_formula(surface: str) -> bool:
    words = normalize(surface).split()
    return bool(words) and words[-1] == "الله" and (len(words) == 1 or words[0].startswith(_BLESSING_VERBS))


def _index_of(spans: list[tuple[int, int]], offset: int, starts: list[int] | None = None) -> int:
    starts = starts if starts is not None else [s for s, _ in spans]
    k = bisect.bisect_right(starts, offset) - 1
    return k if k >= 0 and offset < spans[k][1] + 1 else max(k, -1)


def _person_canonicals(text: str, toks: list[Tok], found: list[Found]) -> None:
    """Each person's canonical: the most frequent full form in the article sharing its surname
    (first-name compatible), so "الشيباني" and "أسعد حسن الشيباني" read "أسعد الشيباني"
    when that is how the article names him most."""
    persons = [f for f in found if f.label == "PERSON"]
    full: dict[tuple[str, ...], Counter[str]] = {}
    for f in persons:
        if f.canonical is None and f.j - f.i >= 2:
            full.setdefault(surname_key(_name(toks, f)), Counter())[text[f.start : f.end]] += 1
    for f in persons:
        surface = text[f.start : f.end]
        words = _name(toks, f)
        forms = full.get(surname_key(words), Counter())
        if len(words) < 2 and words[0] in lexicon().given_names:
            spelt = _spelt_out(toks, f, forms)
            if spelt is not None:
                f.canonical = spelt
                continue
            # "الملك سلمان" is not "أكرم سلمان": a lone given name stays itself, with its royal
            # title if it has one (the king and a prince of the same name are two people)
            title = _royal_title(toks, f)
            if title is not None:
                start = (
                    title.bare_start
                    if title.clitic and not lexicon().has("royal", title.norm)
                    else title.start
                )
                f.canonical = f"{text[start : title.end]} {surface}"
            else:
                f.canonical = surface
            continue
        compatible = [(s, c) for s, c in forms.items() if len(words) < 2 or same_person(words, name_words(s))]
        if not compatible:
            f.canonical = surface
            continue
        f.canonical = max(compatible, key=lambda sc: (sc[1], -len(sc[0]), sc[0]))[0]


def _spelt_out(toks: list[Tok], f: Found, forms: Counter[str]) -> str | None:
    """The article's full name whose words the text spells right before a lone given name:
    two or more of its last words, in order, up to the name («قال ولد الشيخ أحمد» after
    «إسماعيل ولد الشيخ أحمد»: the tagger took «ولد» for a verb and kept «أحمد» alone). The
    full name must still have a word of its own before them."""
    for surface, _n in sorted(forms.items(), key=lambda sc: (-sc[1], -len(sc[0]), sc[0])):
        whole = name_words(surface)
        tail = whole[-1:]
        k = f.i - 1
        while k >= 0 and toks[k].is_word and len(tail) < len(whole) - 1:
            want = whole[-1 - len(tail)]
            if toks[k].norm != want and toks[k].bare != want:
                break
            tail.insert(0, want)
            k -= 1
        if len(tail) >= 3 and tail == whole[-len(tail) :]:
            return surface
    return None


def _name(toks: list[Tok], f: Found) -> list[str]:
    return name_words(" ".join(_words(toks, f)))


def _words(toks: list[Tok], f: Found) -> list[str]:
    """Normalised words of a span, its first word without the proclitic it was cut from."""
    first = toks[f.i]
    words = [first.bare if f.start == first.bare_start and first.clitic else first.norm]
    return words + [toks[k].norm for k in range(f.i + 1, f.j)]


def _resolve_pending_roles(found: list[Found], sent_of_tok: list[int]) -> None:
    """Roles stated through another person: "نظيره الروسي" takes the office of the person
    it is the counterpart of; "وزير خارجيته" takes that person's country."""
    lex = lexicon()
    persons = [f for f in found if f.label == "PERSON"]
    roles_of: dict[str, list[str]] = {}
    for f in persons:
        if f.roles and f.canonical:
            roles_of.setdefault(f.canonical, []).extend(f.roles)
    for f in persons:
        if f.pending is None:
            continue
        anchor = next(
            (
                a
                for a in reversed(persons)
                if a.i < f.i and sent_of_tok[a.i] == sent_of_tok[f.i] and a.canonical != f.canonical
            ),
            None,
        )
        if anchor is None or not anchor.canonical or not roles_of.get(anchor.canonical):
            continue
        anchor_role = (anchor.roles or roles_of[anchor.canonical])[0].split()
        how, value = f.pending
        if how == "counterpart":
            office = [
                w
                for w in anchor_role
                if normalize(w) not in lex.nisba and not lex.has("qualifier", normalize(w))
            ]
            role = " ".join(office + ([value] if value else []))
        else:
            nisba = [w for w in anchor_role if normalize(w) in lex.nisba]
            role = " ".join(["وزير", value] + [lex.nisba[normalize(w)][1] for w in nisba[:1]])
        f.roles = [role]
        roles_of.setdefault(f.canonical or "", []).append(role)


def _cited(toks: list[Tok], f: Found, sent_of_tok: list[int], window: int) -> bool:
    """An outlet is cited when a reporting cue stands near it in the same sentence."""
    lo, hi = max(0, f.i - window), min(len(toks), f.j + 3)
    for k in list(range(lo, f.i)) + list(range(f.j, hi)):
        if sent_of_tok[k] == sent_of_tok[f.i] and (toks[k].norm in _CUES or toks[k].bare in _CUES):
            return True
    return False
