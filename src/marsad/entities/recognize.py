"""Rule recognition of names: gazetteers, ORG/LOC head words, role phrases and given names.

Every rule works on :func:`marsad.entities.tokens.scan` tokens and yields :class:`Found`
spans; :func:`recognize` keeps the best non-overlapping set. Spans follow the CoNLL
convention of the Wojood corpus: a person's title is not part of the name ("الرئيس" is
the role), a place or organisation head is ("مدينة جنين", "وزارة الخارجية السورية").
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from marsad.arabic import STOPWORDS
from marsad.entities.lexicon import Lexicon, lexicon
from marsad.entities.tokens import Tok

_PARTICLES = frozenset(
    {"بن", "ابن", "بنت", "ابو", "ابي", "ال", "عبد", "ولد", "دي", "فان", "فون", "ابا", "ام"}
)
_COMPOUND_TAILS = frozenset({"الله", "الدين", "الرحمن", "الرحيم"})
# First words of multi-word place names: the next word belongs to the name ("كفر عانة", "بيت لحم").
_PLACE_PREFIXES = frozenset(
    {"كفر", "بيت", "عين", "دير", "بير", "تل", "راس", "خربه", "ابو", "بني", "ام", "جبل", "وادي", "سيدي"}
)
_EPONYM_TITLES = frozenset({"الملك", "الامير", "الشيخ", "السلطان", "الامام"})
_MAX_NAME = 4  # name words, particles not counted
_MAX_ORG = 5  # complement words after an ORG head


@dataclass
class Found:
    """A recognised span. ``kind`` refines the label: PERS, ORG, GPE, LOC or FAC."""

    i: int  # first token
    j: int  # one past the last token
    start: int
    end: int
    label: str
    kind: str
    canonical: str | None = None
    roles: list[str] = field(default_factory=list)
    pending: tuple[str, str] | None = None  # ("counterpart", nisba) | ("possessive", portfolio)
    priority: float = 1
    source_kind: bool = False  # an agency or outlet
    listed: bool = False  # a gazetteer name (matched as listed, not built from a head word)


class Scanner:
    """Rules over one token list; each ``*_at`` method tries one rule at token ``i``."""

    def __init__(self, text: str, toks: list[Tok], lex: Lexicon | None = None) -> None:
        self.text, self.toks, self.lex = text, toks, lex or lexicon()
        self._gazetteer: dict[int, Found | None] = {}  # rules ask for the same index repeatedly

    # ------------------------------------------------------------------ token tests
    def adjacent(self, a: int, b: int) -> bool:
        """Tokens ``a`` and ``b`` are consecutive words with only spaces between them."""
        return 0 <= a < b < len(self.toks) and b == a + 1 and self.toks[b].is_word and self.toks[a].is_word

    def stopword(self, t: Tok) -> bool:
        return t.norm in STOPWORDS or self.lex.has("stop", t.norm) or t.norm.isdigit()

    def name_like(self, t: Tok) -> bool:
        """Could be a word of a personal name (not a function word, title, head or common word)."""
        n = t.norm
        if not t.is_word or len(n) < 2 or self.stopword(t) or n in self.lex.nisba:
            return False
        if n in self.lex.given_names or n in _PARTICLES:
            return True
        if len(n) >= 5 and n.startswith(("سي", "ست", "سن")):
            return False  # a future verb: "المدير الفني سيبقى"
        forms = (n, t.bare) if t.clitic else (n,)
        for form in forms:  # "ونظيره", "لبحث": a known word behind a proclitic is no name
            if form in self.lex.common_words or form in STOPWORDS:
                return False
            for kind in (
                "office",
                "dual",
                "rank",
                "org",
                "dorg",
                "gpe",
                "loc",
                "fac",
                "desc",
                "counterpart",
                "complement",
            ):
                if self.lex.has(kind, form):
                    return False
        return True

    def word(self, t: Tok, kind: str) -> str | None:
        """The form of ``t`` (whole, else without proclitic) that is a ``kind`` word."""
        if self.lex.has(kind, t.norm):
            return t.norm
        if t.clitic and self.lex.has(kind, t.bare):
            return t.bare
        return None

    def start_of(self, t: Tok, kind: str | None = None, bare: bool | None = None) -> int:
        """Where a mention beginning with ``t`` starts: after the proclitic only if the
        word was matched without it."""
        if bare is None:
            bare = kind is not None and not self.lex.has(kind, t.norm) and bool(t.clitic)
        return t.bare_start if bare else t.start

    def display(self, i: int, j: int, start: int | None = None) -> str:
        """The text of tokens ``i..j`` for display; "للجيش" shows as "الجيش"."""
        first = self.toks[i]
        s = first.start if start is None else start
        text = self.text[s : self.toks[j - 1].end]
        if s == first.bare_start and first.clitic == "ل" and first.norm.startswith("لل"):
            text = "ا" + text
        return text

    # ------------------------------------------------------------------ gazetteer
    def gazetteer_at(self, i: int) -> Found | None:
        if i not in self._gazetteer:
            self._gazetteer[i] = self._lookup(i)
        hit = self._gazetteer[i]
        return None if hit is None else Found(**vars(hit))  # callers may edit their copy

    def _lookup(self, i: int) -> Found | None:
        t = self.toks[i]
        if not t.is_word or (t.norm not in self.lex.first_words and t.bare not in self.lex.first_words):
            return None
        for first, bare in ((t.norm, False), (t.bare, True)):
            if bare and not t.clitic:
                continue
            for n in range(min(self.lex.max_name_len, len(self.toks) - i), 0, -1):
                if any(not self.toks[k].is_word for k in range(i, i + n)):
                    continue
                key = (first,) + tuple(self.toks[k].norm for k in range(i + 1, i + n))
                entry = self.lex.names.get(key)
                if entry is not None:
                    start = t.bare_start if bare else t.start
                    kind = (
                        "ORG"
                        if entry.label == "ORG"
                        else ("GPE" if entry.kind in ("country", "city") else "LOC")
                    )
                    return Found(
                        i,
                        i + n,
                        start,
                        self.toks[i + n - 1].end,
                        entry.label,
                        kind,
                        entry.canonical,
                        priority=2,
                        source_kind=entry.is_source,
                        listed=True,
                    )
        return None

    # ------------------------------------------------------------------ ORG heads
    def org_at(self, i: int) -> Found | None:
        t = self.toks[i]
        head = self.word(t, "org")
        definite_head = head is None and self.word(t, "dorg") is not None
        if head is None and not definite_head:
            return None
        listed = self.gazetteer_at(i)
        if listed is not None and listed.label == "LOC" and listed.j > i + 1:
            return None  # "قناة السويس" is a listed waterway, not the channel "السويس"
        j, eponym = i + 1, False
        while j < len(self.toks) and j - i - 1 < _MAX_ORG and self.adjacent(j - 1, j):
            nxt = self.toks[j]
            place = self.gazetteer_at(j)
            if place is not None and (j == i + 1 or place.label == "LOC") and not nxt.clitic:
                j = place.j
            elif self.stopword(nxt) or nxt.norm in self.lex.common_words and not nxt.definite:
                break
            elif j == i + 1 and (named := self._named_after(j)) is not None:
                j, eponym = named, True  # "جامعة الملك سعود", "مركز الملك سلمان للإغاثة"
            elif self.word(nxt, "rank") or self.word(nxt, "office"):
                break
            elif not nxt.clitic and j > i + 1 and (inner := self.org_at(j) or self._headed_place(j)):
                j = inner.j  # "بلدية مدينة البيرة", "محكمة حكومة فلسطين"
            elif definite_head and not self._relative_adjective(nxt):
                break
            elif nxt.definite and not nxt.clitic:
                j += 1
            elif nxt.clitic == "ل" and nxt.bare.startswith("ال"):
                j += 1  # "الهيئة العامة للإحصاء"
            elif (
                nxt.clitic == "و"
                and nxt.bare.startswith("ال")
                and head
                and j > i + 1
                and not self._head_after(j)
            ):
                j += 1  # "وزارة الشؤون الإسلامية والدعوة والإرشاد", "لجنة الأمن والإصلاح"
            elif j == i + 1 and not definite_head and self.name_like(nxt):
                j += 1  # a proper name: "شركة أرامكو"
            else:
                break
        if j == i + 1:
            return None
        start = self.start_of(t, "org" if head else "dorg")
        canonical = self.display(i, j, start)
        priority = 3 if eponym else 2  # the named person is part of this name, not a mention
        outlet = head is not None and self.lex.has("outlet", head)
        if outlet:  # "قناة العين الإماراتية" is the outlet "العين"
            k = j
            while k > i + 2 and self.toks[k - 1].norm in self.lex.nisba:
                k -= 1
            canonical = self.display(i + 1, k)
        return Found(
            i, j, start, self.toks[j - 1].end, "ORG", "ORG", canonical, priority=priority, source_kind=outlet
        )

    def _named_after(self, k: int) -> int | None:
        """End of "الملك فهد" / "الأمير سلطان بن عبدالعزيز" at ``k`` when a head names a place or
        body after a royal or religious title (the person is part of the name)."""
        t = self.toks[k]
        if t.clitic or t.norm not in _EPONYM_TITLES or not self.adjacent(k, k + 1):
            return None
        span = self.name_at(k + 1)
        return span[1] if span else None

    def _relative_adjective(self, t: Tok) -> bool:
        """A complement that makes a definite head a name: "البنك المركزي", "اللجنة القومية"."""
        n = t.norm
        if t.clitic == "ل" and t.bare.startswith("ال"):
            return True
        return not t.clitic and (
            n in self.lex.nisba or self.lex.has("adj", n) or t.definite and n.endswith(("ي", "يه"))
        )

    def _head_after(self, j: int) -> bool:
        t = self.toks[j]
        return any(self.word(t, k) for k in ("org", "dorg", "gpe", "loc", "fac"))

    def _headed_place(self, j: int) -> Found | None:
        places = self.place_at(j)
        return places[0] if places else None

    def ministry_at(self, i: int) -> Found | None:
        """ "الخارجية السورية" standing for the ministry: a portfolio with a feminine nisba."""
        t = self.toks[i]
        if not (t.definite and self.lex.has("elided", t.bare) and t.clitic in ("", "و")):
            return None
        if not self.adjacent(i, i + 1) or not self.toks[i + 1].norm.endswith("يه"):
            return None
        if self.toks[i + 1].norm not in self.lex.nisba:
            return None
        if (
            i > 0
            and self.toks[i - 1].is_word
            and (self.toks[i - 1].definite or self.word(self.toks[i - 1], "office"))
        ):
            return None  # "السياسة الخارجية الأمريكية", "وزير الخارجية ..."
        if i > 0 and (self.word(self.toks[i - 1], "org") or self.word(self.toks[i - 1], "dual")):
            return None
        start = self.start_of(t, bare=bool(t.clitic))
        name = "وزارة " + self.display(i, i + 2, start)
        return Found(i, i + 2, start, self.toks[i + 1].end, "ORG", "ORG", name, priority=2)

    # ------------------------------------------------------------------ LOC heads
    def place_at(self, i: int) -> list[Found]:
        t = self.toks[i]
        kind = next((k for k in ("gpe", "loc", "fac") if self.word(t, k)), None)
        if kind is None:
            return []
        core = self._place_name(i + 1)
        if core is None:
            return []
        found = []
        j = core.j
        while self.adjacent(j - 1, j) and (
            self.lex.has("adj", self.toks[j].norm) or self.toks[j].norm in self.lex.nisba
        ):
            j += 1
        start = self.start_of(t, kind)
        if core.label == "ORG":  # "قصر الكرملين الكبير": a seat named by its palace
            return [Found(i, j, start, self.toks[j - 1].end, "ORG", "ORG", core.canonical, priority=2)]
        label_kind = core.kind if core.kind == "GPE" and kind != "fac" else kind.upper()
        found.append(
            Found(
                i,
                j,
                start,
                self.toks[j - 1].end,
                "LOC",
                label_kind,
                core.canonical,
                priority=max(2, core.priority),
            )
        )
        # coordinated names after a head: "قواعد حميميم وطرطوس"
        while self.adjacent(j - 1, j) and self.toks[j].clitic == "و":
            other = self._place_name(j, bare=True)
            if other is None:
                break
            found.append(
                Found(
                    other.i, other.j, other.start, other.end, "LOC", label_kind, other.canonical, priority=2
                )
            )
            j = other.j
        return found

    def _place_name(self, k: int, bare: bool = False) -> Found | None:
        if k >= len(self.toks) or not self.adjacent(k - 1, k) and not bare:
            return None
        t = self.toks[k]
        if not bare and t.clitic:
            return None
        hit = self.gazetteer_at(k)
        if hit is not None:
            return hit
        named = self._named_after(k)
        if named is not None:  # "مطار الملك عبدالعزيز": a place named after a person
            return Found(
                k, named, t.start, self.toks[named - 1].end, "LOC", "LOC", self.display(k, named), priority=3
            )
        form = t.bare if bare else t.norm
        # a common word is a name when a place adjective follows: "قاعدة العديد الجوية"
        closed = self.adjacent(k, k + 1) and self.lex.has("adj", self.toks[k + 1].norm)
        if (
            not form
            or self.stopword(t)
            or form in self.lex.nisba
            or form in self.lex.common_words
            and not closed
        ):
            return None
        if not bare and not self.name_like(t) and not t.definite:
            return None
        start = t.bare_start if bare else t.start
        j = k + 1
        while (
            form in _PLACE_PREFIXES
            and j < len(self.toks)
            and self.adjacent(j - 1, j)
            and not self.stopword(self.toks[j])
        ):
            form = self.toks[j].norm  # "كفر عانة", "عين بيت الماء"
            j += 1
        end = self.toks[j - 1].end
        return Found(k, j, start, end, "LOC", "LOC", self.text[start:end], priority=2)

    def capital_at(self, i: int) -> Found | None:
        """ "العاصمة الروسية موسكو": the place after the descriptor is the mention."""
        if not self.word(self.toks[i], "desc"):
            return None
        k = i + 1
        if self.adjacent(i, k) and self.toks[k].norm in self.lex.nisba:
            k += 1
        if not self.adjacent(k - 1, k):
            return None
        place = self._place_name(k)
        if place is None:
            return None
        place.kind = "GPE"
        return place

    # ------------------------------------------------------------------ persons
    def name_at(self, k: int, bare_first: bool = False) -> tuple[int, int] | None:
        """``(k, j)`` token range of a personal name starting at ``k``, or None."""
        toks = self.toks
        if k >= len(toks) or not toks[k].is_word:
            return None
        first = toks[k]
        form = first.bare if bare_first else first.norm
        probe = Tok(form, form, first.start, first.bare_start, first.end, True)
        if not self.name_like(probe if bare_first else first) or self._marked(first):
            return None
        if (
            not bare_first
            and first.clitic
            and first.bare in self.lex.given_names
            and form not in self.lex.given_names
        ):
            return None  # "لدينا" is "we have", not ل + دينا
        if first.clitic == "ل" and k + 1 < len(toks) and self.adjacent(k, k + 1) and toks[k + 1].definite:
            return None  # "رئيس الاتحاد الأوروبي لكرة القدم": a prepositional phrase
        if not bare_first and first.clitic == "و" and form not in self.lex.given_names:
            return None  # "ونظيره", "وناقشا": a conjunction starts a new phrase, not a name
        if probe.definite and form not in self.lex.given_names:
            return (k, k + 1)  # a bare surname: "الرئيس الشرع"
        j, words = k + 1, 1
        need_more = form in _PARTICLES
        given_first = form in self.lex.given_names or need_more
        while j < len(toks) and self.adjacent(j - 1, j) and (words < _MAX_NAME or need_more):
            t = toks[j]
            if t.norm in _PARTICLES:
                need_more, j = True, j + 1
                continue
            if t.norm in _COMPOUND_TAILS:  # "عبد الله", "علاء الدين", "رامي الحمد الله"
                j += 1
                continue
            if (
                t.norm.startswith("و")
                and t.norm not in self.lex.given_names
                or not self.name_like(t)
                or self._marked(t)
            ):
                break
            if t.norm.startswith("لل") or not need_more and not self._continues_name(t, words, given_first):
                break
            after_particle, need_more = need_more, False
            j, words = j + 1, words + 1
            if t.definite and not after_particle and not self._compound_next(j):
                break  # a definite family name closes the name: "أسعد حسن الشيباني"
        if need_more:
            j -= 1
        return (k, j) if j > k else None

    def _marked(self, t: Tok) -> bool:
        """Case endings no name carries in news: tanween ("عدوًا") or the preposition على
        (which normalises like the name علي)."""
        surface = self.text[t.start : t.end]
        return any(c in surface for c in "\u064b\u064c\u064d") or surface.endswith("على")

    def _compound_next(self, j: int) -> bool:
        return j < len(self.toks) and self.adjacent(j - 1, j) and self.toks[j].norm in _COMPOUND_TAILS

    def _continues_name(self, t: Tok, words: int, given_first: bool) -> bool:
        """Whether ``t`` extends a name of ``words`` words. Past two words only given names and
        a definite family name do ("أسعد حسن الشيباني"); after an unknown first word a
        short word or a present-tense shape is more likely the verb ("الرئيس بوتين رفض")."""
        n = t.norm
        if n in self.lex.given_names:
            return True
        plural = (
            t.bare.endswith(("يين", "يون", "ات")) or t.bare.startswith("ال") and t.bare.endswith(("ين", "ون"))
        )
        if t.clitic in ("ل", "ب", "ك") and plural:  # (not "بوتين": ب + وتين is no plural)
            return False  # "نايف البكري لصحافيين": a plural behind a preposition
        if n.endswith("ا") and (n[:-1] in self.lex.common_words or self.lex.has("office", n[:-1])):
            return False  # "عين نايف البكري محافظا": an indefinite accusative, not a name
        if t.definite:
            if self.lex.has("adj", n):
                return False  # "مطار الملك عبدالعزيز الدولي": the place's adjective
            return words < 3  # "محمد بن سلمان بن عبدالعزيز الوفد": past three words it is the sentence
        if words >= 2:
            return False
        return given_first or (len(n) >= 4 and n[0] not in "يتن")

    def role_at(self, i: int) -> list[Found]:
        """A role phrase followed by one or two names."""
        t = self.toks[i]
        head = self.word(t, "office") or self.word(t, "dual") or self.word(t, "counterpart")
        if head is None:
            return []
        dual = self.lex.has("dual", head)
        counterpart = self.lex.has("counterpart", head)
        j, pending, nisba, complements = i + 1, None, None, []
        while j < len(self.toks) and self.adjacent(j - 1, j) and j - i < 8:
            nt = self.toks[j]
            n = nt.norm
            if self.lex.has("rank", n):
                break  # "ولي العهد السعودي الأمير محمد": the rank opens the name
            if n in self.lex.nisba:
                nisba = self.lex.nisba[n][1]
                j += 1
            elif counterpart:
                break
            elif self.lex.has("complement", n) or self.lex.has("qualifier", n) or self.lex.has("office", n):
                complements.append(self.display(j, j + 1))
                j += 1
            elif nt.clitic == "و" and self.lex.has("complement", nt.bare):
                complements.append(self.display(j, j + 1))
                j += 1
            elif n in self.lex.possessive:
                pending = ("possessive", self.lex.possessive[n])
                j += 1
            elif not nt.clitic and (inner := self.org_at(j) or self._headed_place(j)) is not None:
                j = inner.j  # "رئيس بلدية بيرزيت", "رئيس جمهورية الشيشان": part of the role
            elif self.lex.has("complement", "ال" + n):
                j += 1  # construct form: "وزير خارجية روسيا"
            elif n == "باسم" and j + 1 < len(self.toks):
                inner = self.gazetteer_at(j + 1) or self.org_at(j + 1)
                j = inner.j if inner else j + 2
            elif nt.clitic == "ل" and (nt.bare.startswith("ال") or self.lex.has("office", nt.bare)):
                j += 1  # "للمرحلة الانتقالية", "للشؤون الخارجية", "النائب الثاني لرئيس ..."
            elif (place := self.gazetteer_at(j)) is not None and not nt.clitic:
                j = place.j
            else:
                break
        role_end = j
        k = j
        if k < len(self.toks) and self.toks[k].norm in (",", "،") and role_end > i + 1:
            k += 1
        while k < len(self.toks) and self.word(self.toks[k], "rank"):
            k += 2 if k + 1 < len(self.toks) and self.toks[k + 1].norm == "." else 1
        if k > role_end and not self.toks[k - 1].is_word and self.toks[k - 1].norm not in (",", "،", "."):
            return []
        if k == role_end and k > 0 and not self.adjacent(k - 1, k):
            return []
        span = self.name_at(k)
        if span is None:
            return []
        if counterpart:
            pending = ("counterpart", nisba or "")
        role_text = self.display(
            i, role_end, self.start_of(t, bare=bool(t.clitic) and not self.word(t, "office") == t.norm)
        )
        roles = [] if counterpart or pending or role_end == i + 1 else [role_text]
        found = [self._person(span, roles, pending)]
        if dual and complements:
            office = self._singular(head)
            roles2 = [" ".join(x for x in (office, c.removeprefix("و"), nisba) if x) for c in complements]
            found[0].roles = roles2[:1]
            second = self._second_name(span[1])
            if second is not None:
                found.append(self._person(second, roles2[1:2], None, bare_first=True))
        return found

    def _second_name(self, j: int) -> tuple[int, int] | None:
        if j < len(self.toks) and self.toks[j].norm in (",", "،"):
            j += 1
        if j < len(self.toks) and self.toks[j].clitic == "و":
            return self.name_at(j, bare_first=True)
        return None

    def _singular(self, dual_head: str) -> str:
        return {"وزيري": "وزير", "وزيرا": "وزير", "رييسي": "رئيس", "رييسا": "رئيس", "سفيري": "سفير"}.get(
            dual_head, dual_head
        )

    def _person(
        self,
        span: tuple[int, int],
        roles: list[str],
        pending: tuple[str, str] | None,
        bare_first: bool = False,
    ) -> Found:
        k, j = span
        start = self.toks[k].bare_start if bare_first else self.toks[k].start
        return Found(k, j, start, self.toks[j - 1].end, "PERSON", "PERS", None, roles, pending, priority=3)

    def given_name_at(self, i: int) -> Found | None:
        t = self.toks[i]
        bare_first = False
        if t.norm in self.lex.given_names:
            pass
        elif (
            t.clitic in ("و", "ب")
            and t.bare in self.lex.given_names
            and t.bare not in self.lex.ambiguous_given
        ):
            bare_first = True  # "وبشار الأسد"; never "بأسماء المدارس"
        elif not (t.norm == "عبد" or t.clitic in ("و", "ب") and t.bare == "عبد"):
            return None
        else:
            bare_first = t.norm != "عبد"
        span = self.name_at(i, bare_first=bare_first)
        if span is None or span[1] - span[0] < 2:
            return None
        if (t.bare if bare_first else t.norm) in self.lex.ambiguous_given:
            nxt = self.toks[span[0] + 1]
            if nxt.definite and nxt.norm not in self.lex.given_names and nxt.norm not in _COMPOUND_TAILS:
                return None  # "باسم المتمردين", "جمال الطبيعة": the word, not the name
        start = t.bare_start if bare_first else t.start
        return Found(span[0], span[1], start, self.toks[span[1] - 1].end, "PERSON", "PERS", priority=1)

    # ------------------------------------------------------------------ all rules
    def candidates(self) -> Iterator[Found]:
        triggers = self.lex.triggers
        for i, t in enumerate(self.toks):
            if not t.is_word or (t.norm not in triggers and t.bare not in triggers):
                continue  # every rule starts at a known word: most tokens need no rule
            for rule in (
                self.gazetteer_at,
                self.org_at,
                self.ministry_at,
                self.capital_at,
                self.given_name_at,
            ):
                hit = rule(i)
                if hit is not None:
                    yield hit
            yield from self.place_at(i)
            yield from self.role_at(i)


def select(candidates: list[Found]) -> list[Found]:
    """The best non-overlapping spans: higher priority, then longer, then earlier."""
    chosen: list[Found] = []
    taken: set[int] = set()
    for f in sorted(candidates, key=lambda f: (-f.priority, -(f.j - f.i), f.i)):
        if any(k in taken for k in range(f.i, f.j)):
            continue
        chosen.append(f)
        taken.update(range(f.i, f.j))
    return sorted(chosen, key=lambda f: f.i)


def recognize(text: str, toks: list[Tok]) -> list[Found]:
    """Rule-recognised names in ``text`` (tokens from :func:`marsad.entities.tokens.scan`)."""
    return select(list(Scanner(text, toks).candidates()))
