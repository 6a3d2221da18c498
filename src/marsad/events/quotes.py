"""Who said what: direct and indirect quotations of one article, with their speakers.

A pure per-article stage (after entities). It works on a folded copy of the body (marks
dropped, letters folded) with a map back to body offsets, so every :class:`Quote` span is an
exact ``Article.body[start:end]`` and, through the blocks, a range of the raw text.

Shapes recognised, all by rule and lexicon (``marsad/data/events/speech.tsv``):

- *direct*: a stretch in quote marks («» "" “”) attributed by a speech cue before it in the
  sentence («وقال: "…"», «مؤكداً "…"») or after it («"…"، قال الوزير»); the rest of the
  sentence after a cue and a colon («وأضاف: أنا سعيد …»); a complement whose whole content is
  in marks («قال إن "…"»).
- *indirect*: the complement clause of a speech verb, participle or verbal noun, from the
  complementizer (إن، أن، بأن، أنه، إلى أن …) to the end of the reported clause, stopping before
  the next participial cue («، مشيراً إلى أن») or a trailing attribution («، بحسب …»); and
  clauses attributed with «بحسب/حسب/وفق/حسبما» to a source.

Speakers: the subject between the cue and the complementizer (first named person, then a
body, an anonymous source or group, a title); through zero subjects, pronouns and titles to
the antecedent speaker in the article; «نقلت X عن Y قوله» gives Y, with X as the relay.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import re
import unicodedata
from dataclasses import dataclass, field

from marsad.arabic.normalize import normalize_keep_length
from marsad.events.lexicon import fold, org_heads, speech
from marsad.model import Article, Mention, Quote

_OPEN = {"«": "»", "“": "”", '"': '"', "„": "“"}
_CLOSE = {"»", "”", '"'}
_MARKS = set(_OPEN) | _CLOSE
_WORD = re.compile(r"[^\W_]+|[«»“”\"„:،,؛;.!?؟()\n]")
_END = set(".!?؟\n")
_END_OR_COMMA = frozenset(_END | {"،", ","})

# Words that end a subject phrase: adverbials and prepositional phrases after the speaker.
_PP_STOP = frozenset(
    fold(w)
    for w in "في خلال أمام عبر لدى عقب بعد قبل إثر اليوم أمس مساء صباح ظهر يوم أثناء حين عندما "
    "خلالها لها له لهم فيه فيها منذ حول بشأن ضمن إلى الى لـ ل مع وسط من عن"
    "".split()
)
_SPEECH_EVENT = frozenset(
    fold(w)
    for w in "تصريح تصريحات بيان كلمة حديث مقابلة لقاء مؤتمر تغريدة رسالة خطاب اتصال ندوة جلسة منشور تقرير".split()
)
_MEDIA_AFTER_L = frozenset(
    fold(w) for w in "وكالة صحيفة قناة موقع جريدة وسائل مجلة إذاعة تلفزيون الصحفيين الصحافيين".split()
)
_PRONOUN_REF = frozenset(fold(w) for w in "عنه عنها عنهم هو هي هم".split())
_NOT_SPEAKING = frozenset(
    fold(w) for w in "استطلاع الاستطلاع تقديرات إحصائيات الإحصائيات دراسة نتائج".split()
)
_MAX_SUBJECT_TOKENS = 30


# A token: (folded text, start, end) in the folded text. Plain tuples: a named tuple costs
# twice as much to make (~0.6 ms more per article over ~550 tokens).
_Tok = tuple[str, int, int]


@dataclass
class _Speaker:
    text: str | None = None  # the words of the text naming the speaker
    name: str | None = None  # canonical name
    kind: str = "unknown"
    mention: int = -1
    via: str = "explicit"
    relay: str | None = None


@dataclass
class _Ctx:
    article: Article
    folded: str
    fmap: list[int]  # folded index -> body index
    toks: list[_Tok]
    tok_starts: list[int]
    mention_spans: list[tuple[int, int, int]]  # folded start, end, mention index
    quotes: list[Quote] = field(default_factory=list)
    spans: list[tuple[int, int]] = field(default_factory=list)  # folded spans taken
    # folded offsets i where _is_boundary(folded, i), in order (computed once per article)
    boundaries: list[int] = field(default_factory=list)
    # folded start -> indexes of the mentions starting there, in mention_spans order
    mentions_at: dict[int, list[int]] = field(default_factory=dict)

    # each token's text, and its _cue_kind (None for most)
    texts: list[str] = field(default_factory=list)
    cues: list[tuple[str, str] | None] = field(default_factory=list)

    # indexes of the tokens with a cue kind, in order
    cue_at: list[int] = field(default_factory=list)

    def __post_init__(self) -> None:
        text = self.folded
        self.cues = list(map(_cue_words().get, self.texts))
        self.cue_at = [k for k, c in enumerate(self.cues) if c is not None]
        self.boundaries = [m.start() for m in _BOUNDARY_CHAR.finditer(text) if _is_boundary(text, m.start())]
        for s, _e, i in self.mention_spans:
            self.mentions_at.setdefault(s, []).append(i)


def extract_quotes(article: Article) -> Article:
    """Fill ``article.quotes`` (in body order)."""
    body = article.body
    folded, fmap, inv = _fold_with_map(body)
    texts, starts, toks = _tokens(folded)
    mspans = []
    for i, m in enumerate(article.mentions):
        if 0 <= m.start < m.end <= len(body):
            mspans.append((inv[m.start], inv[m.end - 1] + 1, i))
    ctx = _Ctx(article, folded, fmap, toks, starts, mspans, texts=texts)
    found: list[tuple[int, int, str, int, int, str, _Speaker | None]] = []
    _find_cued(ctx, found)
    _find_marked(ctx, found)
    _find_attributed(ctx, found)
    found.sort(key=lambda f: f[0])
    cands = _candidates(ctx, found)
    out: list[Quote] = []
    for s, e, kind, cs, ce, cue, spk in found:
        if spk is None or spk.via in ("zero", "pronoun") and spk.name is None and spk.text is None:
            spk = _resolve_zero(ctx, cands, cs, ce, spk)
        out.append(_record(ctx, len(out), s, e, kind, cs, ce, cue, spk))
    _longest_names(ctx, out)
    article.quotes = out
    return article


def _tokens(folded: str) -> tuple[list[str], list[int], list[_Tok]]:
    """The texts, starts and (text, start, end) tokens of ``_WORD``'s matches in ``folded``.

    ``split`` on the pattern in a group gives the gaps and the words in turn (``_WORD`` never
    matches an empty string, so these are exactly ``finditer``'s matches); their running
    lengths are the offsets. All C loops: no match object per token (~550 per article)."""
    parts = _WORD_GROUP.split(folded)
    offsets = list(itertools.accumulate(map(len, parts)))
    texts, starts = parts[1::2], offsets[0:-1:2]
    return texts, starts, list(zip(texts, starts, offsets[1::2], strict=True))


_WORD_GROUP = re.compile(f"({_WORD.pattern})")


# ---------------------------------------------------------------------------- folding


def _fold_with_map(text: str) -> tuple[str, list[int], list[int]]:
    """The folded body (marks, tatweel, controls and ء dropped; letters folded), the body
    offset of each folded character, and for each body offset (and the end) the first
    folded character at or after it."""
    k = normalize_keep_length(text)
    n = len(k)
    if "\x00" not in k:
        return k, list(range(n)), list(range(n)) + [max(0, n - 1)]
    fmap: list[int] = []
    inv: list[int] = []
    for m in _KEPT_RUN.finditer(k):  # a run of kept characters at a time, not one by one
        a, b = m.span()
        j = len(fmap)
        inv.extend([j] * (a - len(inv)))  # dropped offsets before the run: its first character
        inv.extend(range(j, j + b - a))
        fmap.extend(range(a, b))
    inv.extend([max(0, len(fmap) - 1)] * (n + 1 - len(inv)))
    return k.replace("\x00", ""), fmap, inv


_KEPT_RUN = re.compile("[^\x00]+")


def _body_span(ctx: _Ctx, s: int, e: int) -> tuple[int, int]:
    """Body offsets of folded ``[s, e)``, keeping letters folded away at the end (ء, marks)."""
    end = ctx.fmap[e - 1] + 1
    body = ctx.article.body
    limit = ctx.fmap[e] if e < len(ctx.fmap) else len(body)
    while (
        end < limit
        and not body[end].isspace()
        and (body[end].isalpha() or unicodedata.category(body[end]) == "Mn")
    ):
        end += 1
    return ctx.fmap[s], end


# ---------------------------------------------------------------------------- cue words


@functools.lru_cache(maxsize=1 << 15)
def _cue_kind(word: str) -> tuple[str, str] | None:
    """(kind, bare form) of a cue token, allowing a و/ف in front."""
    for w in (word, word[1:] if len(word) > 2 and word[0] in "وف" else None):
        if not w:
            continue
        for kind in ("verb", "participle", "noun", "relay"):
            if w in speech(kind):
                return kind, w
    return None


@functools.cache
def _cue_words() -> dict[str, tuple[str, str]]:
    """Every word _cue_kind gives a kind, with it: the cue forms and the forms after و/ف."""
    forms = {f for kind in ("verb", "participle", "noun", "relay") for f in speech(kind)}
    words = forms | {p + f for f in forms for p in "وف"}
    return {w: cue for w in words if (cue := _cue_kind(w)) is not None}


@functools.cache
def _attrib_words() -> frozenset[str]:
    """Every word _is_attrib accepts."""
    forms = speech("attrib")
    return frozenset(w for w in forms | {"و" + f for f in forms} if _is_attrib(w))


@functools.lru_cache(maxsize=1 << 15)
def _is_comp(word: str) -> bool:
    if word in speech("comp"):
        return True
    return len(word) > 3 and word[0] in "وفب" and word[1:] in speech("comp")


@functools.lru_cache(maxsize=1 << 15)
def _is_attrib(word: str) -> bool:
    w = word[1:] if len(word) > 3 and word[0] in "و" else word
    return w in speech("attrib")


def _sentence_bounds(ctx: _Ctx, pos: int) -> tuple[int, int]:
    """Folded [start, end) of the sentence around ``pos`` (quote marks may span a full stop)."""
    k = bisect.bisect_left(ctx.boundaries, pos)  # the last boundary before pos
    start = ctx.boundaries[k - 1] + 1 if k else 0
    return start, _clause_end(ctx, pos, stop_at_cues=False)


# The characters _is_boundary can accept, and those _clause_end acts on: scans jump from one
# to the next instead of stepping through every character.
_BOUNDARY_CHAR = re.compile("[\n.!?؟]")
_CLAUSE_CHAR = re.compile("[" + re.escape("".join(sorted(_MARKS)) + "\n.!?؟،,؛;") + "]")
_OPEN_CHAR = re.compile("[" + re.escape("".join(sorted(_OPEN))) + "]")


def _is_boundary(text: str, i: int) -> bool:
    c = text[i]
    if c == "\n":
        return True
    if c in ".!?؟":
        nxt = text[i + 1] if i + 1 < len(text) else " "
        prev = text[i - 1] if i > 0 else " "
        return (nxt.isspace() or nxt in _CLOSE or nxt in "\n") and not (
            c == "." and prev.isdigit() and nxt.isdigit()
        )
    return False


def _clause_end(ctx: _Ctx, pos: int, *, stop_at_cues: bool = True) -> int:
    """End of the reported clause from ``pos``: the sentence end outside quote marks, or
    before «، مشيراً …» / «، بحسب …» / «، وأضاف أن …» when ``stop_at_cues``."""
    text = ctx.folded
    depth_open: list[str] = []
    i = pos
    n = len(text)
    while i < n:
        hit = _CLAUSE_CHAR.search(text, i)  # no other character changes anything below
        if hit is None:
            break
        i = hit.start()
        c = text[i]
        if c in _MARKS:
            if depth_open and (c == _OPEN.get(depth_open[-1]) or (c == '"' and depth_open[-1] == '"')):
                depth_open.pop()
            elif c in _OPEN and not (c in _CLOSE and depth_open):
                depth_open.append(c)
            elif c in _CLOSE and depth_open:
                depth_open.pop()
        elif c == "\n":
            return i
        elif not depth_open and _is_boundary(text, i):
            return i
        elif depth_open and _is_boundary(text, i) and i + 1 < n and text[i + 1] == "\n":
            return i
        elif stop_at_cues and not depth_open and c in "،,؛;" and _opens_report(ctx, i + 1):
            return i
        i += 1
    return n


def _opens_report(ctx: _Ctx, pos: int) -> bool:
    k = bisect.bisect_left(ctx.tok_starts, pos)
    if k >= len(ctx.toks):
        return False
    w = ctx.toks[k][0]
    if _is_attrib(w):
        return True
    cue = _cue_kind(w)
    if cue is None:
        return False
    if cue[0] == "participle":
        return True
    # «، وأضاف أن …»: a new finite cue with its own complementizer soon after
    return w[0] == "و" and _find_comp(ctx, k + 1, limit=8) is not None


def _find_comp(ctx: _Ctx, k: int, limit: int = _MAX_SUBJECT_TOKENS) -> int | None:
    """Token index of the complementizer after token ``k`` within the sentence, if any."""
    toks = ctx.toks
    for j in range(k, min(len(toks), k + limit)):
        w = toks[j][0]
        if w in _END and (w == "\n" or _is_boundary(ctx.folded, toks[j][1])) or w in ("؛", ";"):
            return None
        if w in _OPEN and w != '"':
            close = _matching_close(ctx, toks[j][1])
            if close is None or close - toks[j][1] > 40:
                return None
            continue  # «لـ"عكاظ"» inside the subject region
        if _is_comp(w):
            return j
        if j > k and _cue_kind(w) and _cue_kind(w)[0] in ("verb", "participle"):  # type: ignore[index]
            return None
    return None


# ---------------------------------------------------------------------------- cued reports


def _find_cued(ctx: _Ctx, found: list) -> None:
    toks = ctx.toks
    for k in ctx.cue_at:
        t = toks[k]
        kind, bare = ctx.cues[k]  # type: ignore[misc]
        if bare in speech("journalist") and (
            k + 1 < len(toks) and (_is_comp(toks[k + 1][0]) or toks[k + 1][0] in ("الي", "إلى", "بالذكر"))
        ):
            continue
        if k > 0 and toks[k - 1][0] in (fold("من"), fold("المتوقع")):
            continue
        # cue + colon (direct, unmarked), or cue + complementizer
        colon = _colon_after(ctx, k + 1)
        comp = _find_comp(ctx, k + 1)
        if colon is not None and (comp is None or colon < comp):
            after = colon + 1
            while after < len(toks) and toks[after][0] == "\n":
                break
            if after < len(toks) and toks[after][0] in _OPEN:
                continue  # the marked stretch is picked up by _find_marked with this cue
            if after >= len(toks):
                continue
            s = toks[after][1]
            e = _clause_end(ctx, s, stop_at_cues=False)
            if _overlaps(ctx, s, e) or _words(ctx, s, e) < 2:
                continue
            spk = _subject(ctx, k, colon, kind)
            found.append((s, e, "direct", t[1], t[2], t[0], spk))
            ctx.spans.append((s, e))
            continue
        if comp is None:
            continue
        c = toks[comp]
        spk = _subject(ctx, k, comp, kind)
        nxt = comp + 1
        # «قال إن "…"»: the whole complement in marks is direct
        if nxt < len(toks) and toks[nxt][0] in _OPEN:
            close = _matching_close(ctx, toks[nxt][1])
            if close is not None:
                tail = ctx.folded[close + 1 : close + 3].lstrip()
                if not tail or tail[0] in ".!?؟\n،,":
                    s, e = toks[nxt][2], close
                    if not _overlaps(ctx, s, e):
                        found.append((s, e, "direct", t[1], t[2], t[0], spk))
                        ctx.spans.append((s, e))
                    continue
        s = c[1]
        e = _trim_end(ctx, s, _clause_end(ctx, c[2]))
        if e - s < 6 or _overlaps(ctx, s, e):
            continue
        first_person = c[0] in speech("comp") and c[0].endswith(("ني", "نا")) and c[0] not in ("انما",)
        found.append(
            (
                s,
                e,
                "direct"
                if first_person and c[0] in (fold("إنني"), fold("إننا"), fold("إني"))
                else "indirect",
                t[1],
                t[2],
                t[0],
                spk,
            )
        )
        ctx.spans.append((s, e))


def _colon_after(ctx: _Ctx, k: int, limit: int = 14) -> int | None:
    toks = ctx.toks
    for j in range(k, min(len(toks), k + limit)):
        w = toks[j][0]
        if w == ":":
            return j
        if w in _END or _is_comp(w) or w in _OPEN:
            return None
    return None


def _matching_close(ctx: _Ctx, open_pos: int) -> int | None:
    text = ctx.folded
    o = text[open_pos]
    want = _OPEN.get(o, o)
    depth = 0
    for i in range(open_pos + 1, len(text)):
        c = text[i]
        if c == "\n" and i + 1 < len(text) and text[i + 1] == "\n":
            return None
        if c == o and o != want:
            depth += 1
        elif c == want:
            if depth == 0:
                return i
            depth -= 1
    return None


def _trim_end(ctx: _Ctx, s: int, e: int) -> int:
    text = ctx.folded
    while e > s and (text[e - 1].isspace() or text[e - 1] in "،,؛;.:"):
        e -= 1
    return e


def _overlaps(ctx: _Ctx, s: int, e: int) -> bool:
    return any(s < b and a < e for a, b in ctx.spans)


def _words(ctx: _Ctx, s: int, e: int) -> int:
    return len(re.findall(r"[^\W\d_]+", ctx.folded[s:e]))


# ---------------------------------------------------------------------------- marked quotes


def _find_marked(ctx: _Ctx, found: list) -> None:
    text = ctx.folded
    i = 0
    prev_speaker: tuple[int, _Speaker | None] | None = None  # (sentence start, speaker)
    while i < len(text):
        hit = _OPEN_CHAR.search(text, i)
        if hit is None:
            break
        i = hit.start()
        close = _matching_close(ctx, i)
        if close is None:
            i += 1
            continue
        s, e = i + 1, close
        i = close + 1
        if _words(ctx, s, e) < 2 or _overlaps(ctx, s, e):
            continue
        if _words(ctx, s, e) < 6 and not _stands_alone(ctx, s, e):
            continue  # a short marked phrase inside a clause («أعربت عن "قلقها العميق" إزاء») or a name
        sent_start, _ = _sentence_bounds(ctx, s - 1)
        cue = _cue_before(ctx, sent_start, s - 1)
        if cue is not None:
            k, kind = cue
            stop = bisect.bisect_left(ctx.tok_starts, s - 1)
            if kind == "noun":  # «نقلت مجلة X عن Y قوله "…"»: the relay verb governs
                relay_k = _relay_before(ctx, sent_start, k)
                if relay_k is not None:
                    stop, k, kind = k, relay_k, "relay"
            spk = _subject(ctx, k, stop, kind)
            t = ctx.toks[k]
            found.append((s, e, "direct", t[1], t[2], t[0], spk))
            ctx.spans.append((s, e))
            prev_speaker = (sent_start, spk)
            continue
        after = _cue_after(ctx, close + 1)
        if after is not None:
            k, kind = after
            t = ctx.toks[k]
            spk = _subject_after(ctx, k, kind)
            found.append((s, e, "direct", t[1], t[2], t[0], spk))
            ctx.spans.append((s, e))
            prev_speaker = (sent_start, spk)
            continue
        # a further marked sentence continuing a direct quote of the previous sentence
        if (
            prev_speaker is not None
            and _words(ctx, s, e) >= 4
            and text[s - 2 : s - 1] in ("", " ", "\n", ".")
        ):
            before = text[max(0, s - 3) : s - 1].strip()
            if before == "" or before[-1] in ".\n":
                found.append((s, e, "direct", s - 1, s, text[s - 1], None))
                ctx.spans.append((s, e))


def _stands_alone(ctx: _Ctx, s: int, e: int) -> bool:
    """A short marked stretch is a quote only as a whole object: a cue word or a colon right
    before the mark, punctuation or the sentence end right after it, and not just a name."""
    k = bisect.bisect_left(ctx.tok_starts, s - 1)
    before = ctx.toks[k - 1][0] if k > 0 else ""
    if not (before == ":" or _cue_kind(before) is not None or _is_comp(before)):
        return False
    after = ctx.folded[e + 1 : e + 3].lstrip(" ")
    if after and after[0] not in ".،,؛;!?؟\n" and after[0] not in _MARKS:
        return False
    covered = sum(min(e, me) - max(s, ms) for ms, me, _i in ctx.mention_spans if ms < e and s < me)
    return covered < 0.6 * (e - s)


def _cue_before(ctx: _Ctx, sent_start: int, mark: int) -> tuple[int, str] | None:
    """The speech cue governing a quote mark at ``mark`` (folded), from its sentence."""
    k0 = bisect.bisect_left(ctx.tok_starts, sent_start)
    k1 = bisect.bisect_left(ctx.tok_starts, mark)
    for k in range(k1 - 1, max(k0, k1 - _MAX_SUBJECT_TOKENS) - 1, -1):
        w = ctx.toks[k][0]
        if w in _CLOSE and w != '"':
            return None
        cue = _cue_kind(w)
        if cue is not None:
            return k, cue[0]
    return None


def _relay_before(ctx: _Ctx, sent_start: int, k: int) -> int | None:
    k0 = bisect.bisect_left(ctx.tok_starts, sent_start)
    for j in range(k - 1, max(k0, k - _MAX_SUBJECT_TOKENS) - 1, -1):
        cue = _cue_kind(ctx.toks[j][0])
        if cue is not None and cue[0] == "relay":
            return j
        if cue is not None and cue[0] == "verb":
            return None
    return None


def _cue_after(ctx: _Ctx, pos: int) -> tuple[int, str] | None:
    k = bisect.bisect_left(ctx.tok_starts, pos)
    for j in range(k, min(len(ctx.toks), k + 3)):
        w = ctx.toks[j][0]
        if w in ("،", ","):
            continue
        cue = _cue_kind(w)
        if cue is not None and cue[0] in ("verb", "participle"):
            return j, cue[0]
        if _is_attrib(w):
            return j, "attrib"
        return None
    return None


# ---------------------------------------------------------------------------- attributions


def _find_attributed(ctx: _Ctx, found: list) -> None:
    toks = ctx.toks
    attrib = _attrib_words()
    for k in [k for k, w in enumerate(ctx.texts) if w in attrib] if not attrib.isdisjoint(ctx.texts) else ():
        t = toks[k]
        sent_start, sent_end = _sentence_bounds(ctx, t[1])
        # source phrase: up to the next comma or the sentence end
        j = k + 1
        while j < len(toks) and toks[j][1] < sent_end and toks[j][0] not in ("،", ","):
            j += 1
        src_end = toks[j - 1][2] if j - 1 > k else t[2]
        if src_end <= t[2]:
            continue
        head = toks[k + 1][0] if k + 1 < len(toks) else ""
        if head in _NOT_SPEAKING or head.startswith(("ال",)) and head[2:] in _NOT_SPEAKING:
            continue
        # «بحسب ما ذكر X», «حسبما أفاد به X»: the source comes after the verb
        lo_k = k + 1
        if lo_k < len(toks) and toks[lo_k][0] == "ما":
            lo_k += 1
        if lo_k < len(toks) and _cue_kind(toks[lo_k][0]) is not None:
            lo_k += 1
            if lo_k < len(toks) and toks[lo_k][0] in ("به", "بها"):
                lo_k += 1
        if lo_k >= len(toks) or toks[lo_k][1] >= src_end:
            continue
        spk = _speaker_from(ctx, toks[lo_k][1], src_end)
        if spk.kind == "unknown" and spk.text is None:
            continue
        before = ctx.folded[sent_start : t[1]].strip(" ،,")
        if len(re.findall(r"[^\W\d_]+", before)) >= 3:
            s = sent_start
            while s < t[1] and (ctx.folded[s].isspace() or ctx.folded[s] in "-–—•*"):
                s += 1
            e = _trim_end(ctx, s, t[1])
        else:
            s = src_end
            while s < sent_end and (ctx.folded[s].isspace() or ctx.folded[s] in "،,"):
                s += 1
            e = _trim_end(ctx, s, sent_end)
        if e - s < 10 or _overlaps(ctx, s, e):
            continue
        found.append((s, e, "indirect", t[1], t[2], t[0], spk))
        ctx.spans.append((s, e))


# ---------------------------------------------------------------------------- speakers


def _subject(ctx: _Ctx, cue_k: int, stop_k: int, kind: str) -> _Speaker:
    """The speaker named between the cue (token ``cue_k``) and token ``stop_k``."""
    toks = ctx.toks
    if kind == "participle":
        return _Speaker(via="zero")
    lo = toks[cue_k][2]
    hi = toks[stop_k][1] if stop_k < len(toks) else len(ctx.folded)
    region = [t for t in toks[cue_k + 1 : stop_k]]
    relay = None
    if kind == "relay" or any(t[0] == "عن" for t in region):
        for n, t in enumerate(region):
            if t[0] == "عن" or t[0] in _PRONOUN_REF and t[0].startswith("عن"):
                relay = _display(ctx, lo, t[1]) or None
                if t[0] != "عن":
                    return _Speaker(via="pronoun", relay=relay)
                lo = t[2]
                region = region[n + 1 :]
                break
    # drop a verbal noun («قوله») at the end of the region
    while region and region[-1][0] in speech("noun"):
        hi = region[-1][1]
        region = region[:-1]
    spk = _speaker_from(ctx, lo, hi)
    spk.relay = relay
    return spk


def _subject_after(ctx: _Ctx, cue_k: int, kind: str) -> _Speaker:
    if kind == "participle":
        return _Speaker(via="zero")
    t = ctx.toks[cue_k]
    _, end = _sentence_bounds(ctx, t[2])
    j = cue_k + 1
    while j < len(ctx.toks) and ctx.toks[j][1] < end and ctx.toks[j][0] not in ("،", ",", ":"):
        j += 1
    hi = ctx.toks[j][1] if j < len(ctx.toks) else end
    return _speaker_from(ctx, t[2], min(hi, end))


_COMMA = re.compile(r"[،,]")
_PHRASE_WORD = re.compile(r"[^\s«»“”\"():]+")


def _speaker_from(ctx: _Ctx, lo: int, hi: int, *, strict: bool = False) -> _Speaker:
    """Classify and resolve the phrase ``folded[lo:hi]`` naming a speaker.

    ``strict``: only a named person or body, an anonymous source or a title counts (for
    sentence subjects, where the words after the verb may be anything)."""
    text = ctx.folded
    chunks = []
    pos = lo
    for m in _COMMA.finditer(text, lo, hi):  # (a search bounded by pos/endpos, not a slice)
        chunks.append((pos, m.start()))
        pos = m.end()
    chunks.append((pos, hi))
    for n_chunk, (a, b) in enumerate(chunks):
        words = [(m.group(), *m.span()) for m in _PHRASE_WORD.finditer(text, a, b)]
        if not words:
            continue
        whole_chunk = (a, b) == chunks[0]
        a = words[0][1]  # an opening mark is not part of the phrase («"ولد الشيخ أحمد" النقاب»)
        # an adverbial first («في تصريح لـ"عكاظ" مصدر»): the phrase starts at the first head after it
        if words[0][0] in _PP_STOP or _starts_with_l_media(words[0][0]) or words[0][0] in _TIME_WORDS:
            # skip the preposition and its object («لـ"عكاظ" مصادر خاصة» → «مصادر خاصة»)
            obj_end = max(
                [e0 for s0, e0, _i in ctx.mention_spans if len(words) > 1 and s0 == words[1][1]] or [0]
            )
            start = next(
                (n for n, w in enumerate(words) if n >= 2 and w[1] >= obj_end and _is_head(ctx, w[0], w[1])),
                None,
            )
            if start is None:
                continue
            words = words[start:]
            a = words[0][1]
        first = words[0][0]
        end = b
        # heads whose complement may hold «في …» or «لل…» («مسؤول في لجنة …», «الأمين العام للجامعة»)
        keeps_pp = not strict and (
            first in speech("anon")
            or first in speech("group")
            or first in speech("orghead")
            or first in speech("title")
            or first in org_heads()
        )
        for n, (w, ws, _we) in enumerate(words[1:], 1):
            if first in speech("document") and n == 1 and w.startswith("ل") and len(w) > 3:
                return _document_source(ctx, ws, b, words[n:])
            # «العام» after a title is the title's («الأمين العام», «المدير العام»), not a year
            general = w == _GENERAL and words[n - 1][0] in speech("title")
            if (
                w in _PP_STOP
                or _starts_with_l_media(w)
                or w in _TIME_WORDS
                and not general
                or _l_before_org(ctx, w, ws, outlets_only=keeps_pp)
                or (w == "علي" and _display(ctx, ws, _we) == "على")
            ):
                nxt = words[n + 1][0] if n + 1 < len(words) else ""
                nxt = nxt[2:] if nxt.startswith("ال") else nxt
                event = any(nxt.startswith(x) for x in _SPEECH_EVENT)
                if (
                    keeps_pp
                    and not event
                    and (
                        w == fold("في")
                        or w == fold("من")
                        and first not in speech("title")
                        or w.startswith("لل")
                        and len(w) > 4
                        and "ال" + w[2:] not in _MEDIA_AFTER_L
                    )
                ):
                    continue
                end = ws
                break
        if strict and len(words) > 6 and end > words[6][1]:
            end = words[6][1]  # a sentence subject without a name: its first words only
        phrase = text[a:end].strip(" ،,:\n")
        if not phrase:
            continue
        return _classify(
            ctx,
            a,
            a + len(text[a:end].rstrip(" ،,:\n")),
            phrase,
            strict=strict,
            bare_name=whole_chunk or n_chunk == 0,
        )
    return _Speaker(via="zero")


_TIME_WORDS = frozenset(
    fold(w)
    for w in "الأحد الاثنين الإثنين الثلاثاء الأربعاء الخميس الجمعة السبت الشهر الأسبوع العام هذا هذه أيضا "
    "كذلك بعدها مؤخرا بخصوص بشأن حيث عقب إثر خلال الذي التي الذين اللذين اللتين".split()
)


_GENERAL = fold("العام")


def _is_head(ctx: _Ctx, word: str, pos: int) -> bool:
    if any(ctx.article.mentions[i].label in ("PERSON", "ORG") for i in ctx.mentions_at.get(pos, ())):
        return True
    return word in org_heads() or any(word in speech(k) for k in ("anon", "group", "title", "orghead"))


def _l_before_org(ctx: _Ctx, word: str, pos: int, *, outlets_only: bool = False) -> bool:
    """«لرويترز»: a ل glued to a named body (with ``outlets_only``, a cited outlet) ends the
    speaker's phrase."""
    return word.startswith("ل") and any(
        not outlets_only or ctx.article.mentions[i].is_source for i in ctx.mentions_at.get(pos + 1, ())
    )


def _clean_name(name: str) -> str:
    """A person's name without trailing words that cannot end a name («… بقوة», «… لرويترز»)."""
    words = name.split()
    while len(words) > 1:
        w = fold(words[-1])
        adverb = w.startswith("ب") and words[-1].endswith("ة")  # «بقوة», «بشدة»
        if w.startswith(("بال", "لل", "وال")) or adverb or w in _TIME_WORDS or w in _PP_STOP:
            words.pop()
        else:
            break
    return " ".join(words)


def _document_source(ctx: _Ctx, pos: int, hi: int, words: list) -> _Speaker:
    """«بيان للقيادة المشتركة», «تقرير للأمم المتحدة»: the body that issued the document."""
    end = hi
    for w, ws, _we in words[1:]:
        if w in _PP_STOP or w in _TIME_WORDS:
            end = ws
            break
    start = pos + 1  # after the ل; «لل…» keeps its ال
    shown = _display(ctx, start, end)
    if ctx.folded[pos : pos + 2] == "لل":
        shown = "ا" + shown if not shown.startswith("ل") else "ا" + shown
    mention = next(
        (i for s, _e, i in ctx.mention_spans if pos <= s < end and ctx.article.mentions[i].label == "ORG"), -1
    )
    return _Speaker(shown, shown, "organisation", mention, "explicit")


def _starts_with_l_media(w: str) -> bool:
    return w.startswith("لل") or (w.startswith("ل") and w[1:] in _MEDIA_AFTER_L) or w in ("لـ", "ل")


_CONNECT = frozenset(fold(w) for w in "بن ابن بنت أبو أبي ولد آل عبد".split())


def _person_name(ctx: _Ctx, idx: int, a: int, b: int) -> str:
    """The person's name as written in the phrase, grown over name words the tagger left out
    («رجب» → «رجب طيب إردوغان», «محمد العلويط» → «جارالله بن محمد العلويط»)."""
    m = ctx.article.mentions[idx]
    spans = [x for x in ctx.mention_spans if x[2] == idx]
    if not spans:
        return m.canonical or m.text
    s, e, _ = spans[0]
    k = bisect.bisect_left(ctx.tok_starts, s)
    j = bisect.bisect_left(ctx.tok_starts, e)
    toks = ctx.toks
    grown = False
    # leftwards over «X بن»
    while k >= 2 and toks[k - 1][0] in _CONNECT and toks[k - 2][1] >= a and toks[k - 2][0].isalpha():
        k -= 2
        grown = True
    # rightwards over words that are no title, place adjective, time word or preposition —
    # only when the tagger found a single word, the name being then most likely cut short
    single = len((m.canonical or m.text).split()) == 1
    while single and j < len(toks) and toks[j][2] <= b:
        w = toks[j][0]
        prev = toks[j - 1][0]
        if not w.isalpha() or w in _PP_STOP or w in _TIME_WORDS or _is_role_word(w):
            break
        if w.startswith("ال") and prev not in _CONNECT:
            break
        if (
            w.startswith(("ب", "ل", "و", "ف"))
            and w not in _CONNECT
            or w in speech("noun")
            or w in speech("comp")
        ):
            break
        if w == "علي" and _display(ctx, toks[j][1], toks[j][2]) == "على":
            break
        raw = _display(ctx, toks[j][1], toks[j][2])
        if len(raw) > 4 and raw.endswith(("ه", "ها", "هم")):  # a pronoun suffix: not a name
            break
        if any(
            s2 == toks[j][1] for s2, _e, i in ctx.mention_spans if ctx.article.mentions[i].label != "PERSON"
        ):
            break
        j += 1
        grown = True
    if not grown:
        return m.canonical or m.text
    name = _display(ctx, toks[k][1], toks[j - 1][2])
    canon = m.canonical or m.text
    return name if len(name) > len(canon) else canon


def _is_role_word(w: str) -> bool:
    return (
        w in speech("title")
        or w in speech("orgref")
        or w in speech("anon")
        or w.endswith(("ي", "يه"))
        and w.startswith("ال")
    )


def _classify(
    ctx: _Ctx, a: int, b: int, phrase: str, *, strict: bool = False, bare_name: bool = True
) -> _Speaker:
    words = phrase.split()
    first = words[0]
    mentions = [(s, e, i) for s, e, i in ctx.mention_spans if s < b and a < e]
    people = [
        i
        for s, e, i in mentions
        if ctx.article.mentions[i].label == "PERSON"
        and not ctx.folded[s:e].startswith(("بال", "لل", "وال", "فال"))
        and not (
            ctx.folded[s:e].startswith("ال")
            and fold(ctx.article.mentions[i].canonical or "").startswith("ال")
        )
        and _cue_kind(ctx.folded[s:e].split()[0]) is None
        and ctx.folded[s:e].split()[0] not in speech("title")
    ]
    orgs = [i for s, e, i in mentions if ctx.article.mentions[i].label == "ORG"]
    shown = _display(ctx, a, b)
    if first in _PRONOUN_REF:
        return _Speaker(via="pronoun")
    locs = [i for s, e, i in mentions if s == a and ctx.article.mentions[i].label == "LOC"]
    if locs and not people:
        m = ctx.article.mentions[locs[0]]
        return _Speaker(m.text, m.text, "organisation", locs[0], "explicit")  # «دعت إريتريا …»
    if first in speech("anon") and not people:
        return _Speaker(shown, None, "anonymous", -1, "explicit")
    if first in speech("group"):
        return _Speaker(shown, None, "group", -1, "explicit")
    if strict:
        at_start = [i for s, e, i in mentions if s == a]
        if at_start:
            m = ctx.article.mentions[at_start[0]]
            kind = {"PERSON": "person", "ORG": "organisation", "LOC": "organisation"}[m.label]
            if kind == "person":
                return _Speaker(
                    _display(ctx, a, _mention_end(ctx, at_start[0])), m.canonical or m.text, kind, at_start[0]
                )
            return _Speaker(m.text, m.text, kind, at_start[0])
        if not (first in speech("title") or first in org_heads() or first in speech("document")):
            return _Speaker(via="zero")
    # «فرحان حق الناطق باسم الأمم المتحدة»: an unrecognised name right before its title
    lead = _name_before_title(ctx, words, a)
    if lead is not None and not any(s < lead[1] for s, e, i in mentions if i in people):
        return _Speaker(shown, _display(ctx, a, lead[1]), "person", -1, "explicit")
    if first in speech("title") and people:
        # «مدير عام جمرك مطار …»: in a title phrase the name comes last, or before another title
        people = [i for i in people if _ends_name(ctx, i, b)]
    if first in speech("title") and not people:
        tail = _trailing_name(ctx, a, b)
        if tail is not None:
            return _Speaker(shown, _clean_name(_display(ctx, *tail)), "person", -1, "explicit")
    if people:
        named = [i for i in people if len((ctx.article.mentions[i].canonical or "").split()) >= 2] or people
        idx = named[0]
        name = _clean_name(_person_name(ctx, idx, a, b))
        close = _matching_close(ctx, a - 1) if a > 0 and ctx.folded[a - 1] in _OPEN else None
        if close is not None and close <= b:
            shown = _display(ctx, a, close)
        if a > 0 and ctx.folded[a - 1] in _MARKS and len(shown.split()) <= 4 and len(shown) > len(name):
            name = shown  # a name in marks («ولد الشيخ أحمد») is the name as the outlet writes it
        return _Speaker(shown, name, "person", idx, "explicit")
    if first in speech("title"):
        if len(words) <= 3:
            ref = _antecedent_by_title(ctx, a, words)
            if ref is not None:
                m = ctx.article.mentions[ref]
                return _Speaker(shown, m.canonical or m.text, "person", ref, "title")
        return _Speaker(shown, shown, "person", -1, "title" if len(words) <= 3 else "explicit")
    if orgs:
        s0, e0 = next((s, e) for s, e, i in mentions if i == orgs[0])
        if s0 == a and e0 < b:
            # the body's name and its adjectives («حركة حماس بضرورة …» → «حركة حماس»)
            k = bisect.bisect_left(ctx.tok_starts, e0)
            while (
                k < len(ctx.toks)
                and ctx.toks[k][2] <= b
                and ctx.toks[k][0].startswith("ال")
                and ctx.toks[k][0].endswith(("ي", "يه"))
            ):
                e0 = ctx.toks[k][2]
                k += 1
            if (
                k < len(ctx.toks)
                and ctx.toks[k][2] <= b
                and ctx.toks[k][0].startswith(("ب", "ل"))
                and not ctx.toks[k][0].startswith("لل")
            ):
                shown = _display(ctx, a, e0)
        elif e0 < b:
            k = bisect.bisect_left(ctx.tok_starts, e0)
            if (
                k < len(ctx.toks)
                and ctx.toks[k][2] <= b
                and ctx.toks[k][0].startswith("ب")
                and ctx.toks[k][0] not in _CONNECT
            ):
                shown = _display(ctx, a, e0)
        return _Speaker(shown, shown, "organisation", orgs[0], "explicit")
    if first in org_heads() or first in speech("orghead") or first in speech("document"):
        return _Speaker(shown, shown, "organisation", -1, "title")
    if not strict and len(words) <= 4 and a > 0 and ctx.folded[a - 1] in _MARKS:
        close = _matching_close(ctx, a - 1) if ctx.folded[a - 1] in _OPEN else None
        if close is not None and close <= b:
            shown = _display(ctx, a, close)
        if _could_be_name(shown):
            return _Speaker(shown, shown, "person", -1, "explicit")  # «"العلويط"» in marks
    if (
        not strict
        and bare_name
        and len(words) <= 2
        and all(_name_like(w) for w in words)
        and shown.split()[0] not in _NOT_NAMES
    ):
        # «قال ظريف، …»: a name the tagger did not see, right after the verb
        ref = _by_surname(ctx, words[-1], a)
        if ref is not None:
            m = ctx.article.mentions[ref]
            return _Speaker(shown, m.canonical or m.text, "person", ref, "explicit")
        return _Speaker(shown, shown, "person", -1, "explicit")
    return _Speaker(via="zero")


_NOT_NAMES = frozenset("على إلى الى عن من في مع لدى حتى كما".split())
_POSSESSIVE = ("ها", "هم", "هما", "هن", "ه")


def _could_be_name(shown: str) -> bool:
    """Words in marks that may be a name: no function word first, none of them a speech or
    role word, none with a possessive ending («"قلقها العميق"», «"عمله وانجازاته"» are quoted
    phrases; «"العلويط"», «"ولد الشيخ أحمد"» names)."""
    words = [w.strip("«»“”\"'") for w in shown.split()]
    if not words or words[0] in _NOT_NAMES:
        return False
    for w in words:
        folded = fold(w)
        if not folded.isalpha() or (w.startswith("ال") and len(words) == 1 and not _name_like(folded[2:])):
            return False
        if any(folded in speech(k) for k in ("verb", "noun", "comp", "participle", "anon", "group")):
            return False
        if len(w) > 3 and w.endswith(_POSSESSIVE) and not w.endswith("الله"):
            return False
    return True


def _name_like(w: str) -> bool:
    if w.startswith(("ال", "بال", "لل", "وال")) or not w.isalpha() or len(w) < 3:
        return False
    lists = ("anon", "group", "title", "orgref", "orghead", "document", "comp", "noun", "verb", "participle")
    return (
        not any(w in speech(k) for k in lists)
        and w not in _PP_STOP
        and w not in _TIME_WORDS
        and w not in org_heads()
    )


def _by_surname(ctx: _Ctx, word: str, pos: int) -> int | None:
    """A person of the article whose name ends with ``word`` («ظريف» → «محمد جواد ظريف»)."""
    for _s, _e, i in ctx.mention_spans:
        m = ctx.article.mentions[i]
        if m.label == "PERSON" and m.canonical and len(m.canonical.split()) >= 2:
            if fold(m.canonical).split()[-1] == word:
                return i
    return None


def _name_before_title(ctx: _Ctx, words: list[str], a: int) -> tuple[int, int] | None:
    """Folded span of the words before the first title word, when they look like a name."""
    if not words or words[0].startswith("ال") or _is_head(ctx, words[0], a) or words[0] in _PP_STOP:
        return None
    for p, w in enumerate(words[:5]):
        if p and (w in speech("title") or w in speech("anon")):
            if words[p - 1] in _CONNECT:
                return None
            if any(x in _PP_STOP or x in _TIME_WORDS or x.startswith(("بال", "لل")) for x in words[:p]):
                return None
            k = bisect.bisect_left(ctx.tok_starts, a)
            return a, ctx.toks[k + p - 1][2]
    return None


def _ends_name(ctx: _Ctx, idx: int, b: int) -> bool:
    e = _mention_end(ctx, idx)
    k = bisect.bisect_left(ctx.tok_starts, e)
    if k >= len(ctx.toks) or ctx.toks[k][1] >= b:
        return True
    return ctx.toks[k][0] in speech("title") or ctx.toks[k][0] in ("،", ",")


def _trailing_name(ctx: _Ctx, a: int, b: int) -> tuple[int, int] | None:
    """The name closing a title phrase («كاتب العدل … بمنطقة عسير محمد السيد» → «محمد السيد»)."""
    k0 = bisect.bisect_left(ctx.tok_starts, a)
    k = bisect.bisect_left(ctx.tok_starts, b) - 1
    end = k
    taken: list[int] = []
    while k > k0:
        w = ctx.toks[k][0]
        in_mention = any(
            s <= ctx.toks[k][1] < e and ctx.article.mentions[i].label != "PERSON"
            for s, e, i in ctx.mention_spans
        )
        ok = (
            w.isalpha()
            and not in_mention
            and (_name_like(w) or (k == end and w.startswith("ال") and _name_like(w[2:])))
        )
        if not ok:
            break
        taken.append(k)
        k -= 1
    if len(taken) < 2 or k <= k0 - 1:
        return None
    return ctx.toks[taken[-1]][1], ctx.toks[taken[0]][2]


def _mention_end(ctx: _Ctx, idx: int) -> int:
    return next(e for _s, e, i in ctx.mention_spans if i == idx)


def _antecedent_by_title(ctx: _Ctx, pos: int, words: list[str]) -> int | None:
    """The nearest earlier person whose stated role has every word of the title («الوزير»,
    «وزير الخارجية السوري»); None when no role says so."""
    want = [w[2:] if w.startswith("ال") else w for w in words]
    best = None
    for s, _e, i in ctx.mention_spans:
        if s >= pos:
            break
        m = ctx.article.mentions[i]
        if m.label != "PERSON" or not m.role:
            continue
        have = [w[2:] if w.startswith("ال") else w for w in fold(m.role).split()]
        if all(any(h == w or h.startswith(w) for h in have) for w in want):
            best = i
    return best


def _display(ctx: _Ctx, a: int, b: int) -> str:
    s, e = _body_span(ctx, a, b)
    return ctx.article.body[s:e].strip(' ،,:\n«»“”"')


def _copy(src: _Speaker, via: str, relay: str | None) -> _Speaker:
    return _Speaker(src.text, src.name, src.kind, src.mention, via, relay or src.relay)


def _candidates(ctx: _Ctx, found: list) -> list[tuple[int, _Speaker, bool]]:
    """Speakers named in the article, in text order: (folded position, speaker, feminine?).

    The subjects of every speech verb (also those with a noun-phrase object, «أكدت الأمانة
    العامة … ما للمقدس»), the explicit speakers of the quotes found, and the subject right
    after the verb that opens a sentence («ورحب فرحان حق …»)."""
    out: list[tuple[int, _Speaker, bool]] = []
    toks = ctx.toks
    for _s, _e, _kind, cs, _ce, _cue, spk in found:
        if spk is not None and (spk.name or spk.text):
            out.append((cs, spk, False))
    taken = {c[0] for c in out}
    inside = [(f[0], f[1]) for f in found]
    cues = ctx.cues
    for k in _maybe_subjects(ctx):
        t = toks[k]
        cue = cues[k]
        sentence_initial = (
            k == 0
            or toks[k - 1][0] in _END
            or (k >= 2 and toks[k - 1][0] in ("،", ",") and _is_opener(toks, k))
        )
        if cue is None and not sentence_initial:
            continue
        if cue is not None and cue[0] not in ("verb", "relay"):
            continue
        if cue is None and (t[0] in _PP_STOP or not t[0][:1].isalpha()):
            continue
        if t[1] in taken or any(a <= t[1] < b for a, b in inside):  # (tested last: the dearest)
            continue
        # the subject: up to the first comma, sentence end or complementizer, at most 12 words
        j = k + 1
        while (
            j < len(toks) and j < k + 12 and toks[j][0] not in _END and toks[j][0] not in ("،", ",", ":", "؛")
        ):
            if _is_comp(toks[j][0]):
                break
            j += 1
        if j == k + 1:
            continue
        hi = toks[j][1] if j < len(toks) else len(ctx.folded)
        spk = _speaker_from(ctx, t[2], hi, strict=cue is None)
        if spk.via == "zero" or not (spk.name or spk.text):
            continue
        if spk.kind == "organisation" and spk.mention < 0 and spk.text:
            # «ودعت الأمانة العامة … أهل فلسطين»: an earlier, shorter naming of the same body wins
            shorter = [
                c[1] for c in out if c[1].text and spk.text.startswith(c[1].text) and c[1].text != spk.text
            ]
            if shorter:
                spk = shorter[-1]
        out.append((t[1], spk, _feminine(t[0])))
    out.sort(key=lambda c: c[0])
    return out


def _maybe_subjects(ctx: _Ctx) -> list[int]:
    """The tokens that can pass the first three tests of :func:`_candidates` (a superset:
    each is tested again), in order: a verb or relay cue, the first token, one after a
    sentence end, one after «من جهته،». Found from the few marks and cues, not by testing
    every token."""
    texts, cues = ctx.texts, ctx.cues
    marks = [k for k, w in enumerate(texts) if w in _END_OR_COMMA]
    maybe = {k for k in ctx.cue_at if cues[k][0] in ("verb", "relay")}  # type: ignore[index]
    maybe.update(k + 1 for k in marks if texts[k] in _END)
    maybe.update(k + 1 for k in marks if k >= 1 and texts[k] in ("،", ",") and texts[k - 1] in _OPENERS)
    if texts:
        maybe.add(0)
    return sorted(k for k in maybe if k < len(texts))


_OPENERS = frozenset(fold(w) for w in "من جهته جهتها جانبه جانبها بدوره بدورها ناحيتها ناحيته".split())


def _is_opener(toks: list[_Tok], k: int) -> bool:
    """«من جهته، قال …»: the comma closes a discourse opener at the sentence start."""
    j = k - 2
    return j >= 0 and toks[j][0] in _OPENERS


def _feminine(word: str) -> bool:
    """A feminine verb or participle form (قالت، تقول، مؤكدة) by its shape in the lexicon."""
    w = word[1:] if len(word) > 3 and word[0] in "وف" and _cue_kind(word[1:]) else word
    verbs = speech("verb")
    if w.endswith("ت") and w[:-1] in verbs:
        return True
    if w.startswith("ت") and "ي" + w[1:] in verbs:
        return True
    return w.endswith("ه") and w[:-1] + "ا" in speech("participle")


_RELATIVE = frozenset(fold(w) for w in "الذي التي الذين اللذين اللتين".split())


def _resolve_zero(
    ctx: _Ctx, cands: list[tuple[int, _Speaker, bool]], cs: int, ce: int, spk: _Speaker | None
) -> _Speaker:
    """The speaker of a cue with no subject (or a pronoun): the nearest named speaker before it."""
    via = spk.via if spk is not None else "zero"
    relay = spk.relay if spk is not None else None
    k = bisect.bisect_left(ctx.tok_starts, cs)
    cue_word = ctx.toks[k][0] if k < len(ctx.toks) else ""
    cue = _cue_kind(cue_word)
    sent_start, _ = _sentence_bounds(ctx, cs)
    # a finite verb inside a sentence («… غيرشمان الذي اعترف بأن»): the nearest name before it
    coordinated = cue is not None and cue[1] != cue_word  # «وأشارت»: same subject as the clause before
    relative = k > 0 and ctx.toks[k - 1][0] in _RELATIVE  # «… لبلاتر الذي أكد»: the noun before
    if (
        cue is not None
        and cue[0] == "verb"
        and not coordinated
        and len(re.findall(r"[^\W\d_]+", ctx.folded[sent_start:cs])) >= 2
    ):
        near = [
            (s, e, i)
            for s, e, i in ctx.mention_spans
            if sent_start <= s
            and e <= cs
            and cs - e < 60
            and (relative or s == 0 or not ctx.folded[s - 1].isalpha())
        ]
        near = [x for x in near if ctx.article.mentions[x[2]].label in ("PERSON", "ORG")]
        # «فإنه قال», «إلا أنه أعلن»: a masculine pronoun before the verb points at a person
        prev = ctx.toks[k - 1][0] if k > 0 else ""
        if (
            prev.endswith("نه")
            and _is_comp(prev)
            and any(ctx.article.mentions[x[2]].label == "PERSON" for x in near)
        ):
            near = [x for x in near if ctx.article.mentions[x[2]].label == "PERSON"]
        pronoun = prev.endswith("نه") and _is_comp(prev)
        if near and not (relative or pronoun):
            # «لكن إردوغان قال»: the name must stand right before the verb (not inside a phrase
            # such as «وعن رحيل مواطنه تياغو نيفيز … قال»)
            gap = k - bisect.bisect_left(ctx.tok_starts, near[-1][1])
            if gap > 2:
                near = []
        if near:
            s0, e0, i = near[-1]
            sp = _classify(ctx, s0, e0, ctx.folded[s0:e0])
            if sp.via != "zero":
                return _copy(sp, via, relay)
    before = [c for c in cands if c[0] < cs]
    if not before:
        return _Speaker(via=via, relay=relay)
    pick = before[-1]
    if _feminine(cue_word) and pick[1].kind == "person" and not pick[2]:
        for c in reversed(before[-4:]):
            if c[1].kind == "organisation" or c[2]:
                pick = c
                break
    return _copy(pick[1], via, relay)


def _longest_names(ctx: _Ctx, quotes: list[Quote]) -> None:
    """Every quote of one person gets the fullest form of the name seen in the article
    (also «جارالله بن محمد العلويط» where the tagger saw only «محمد العلويط»)."""
    best: dict[str, str] = {}
    for s0, e0, i in ctx.mention_spans:
        m = ctx.article.mentions[i]
        if m.label == "PERSON" and m.canonical:
            k = bisect.bisect_left(ctx.tok_starts, s0)
            if k >= 2 and ctx.toks[k - 1][0] in ("بن", "ابن", "بنت") and ctx.toks[k - 2][0].isalpha():
                if not ctx.toks[k - 2][0].startswith("ال") and ctx.toks[k - 2][0] not in speech("title"):
                    grown = _display(ctx, ctx.toks[k - 2][1], e0)
                    if len(grown) > len(best.get(m.canonical, m.canonical)):
                        best[m.canonical] = grown
    for q in quotes:
        if q.speaker_kind == "person" and q.speaker_mention >= 0 and q.speaker:
            key = ctx.article.mentions[q.speaker_mention].canonical or q.speaker
            if len(q.speaker) > len(best.get(key, "")):
                best[key] = q.speaker
    full = [
        q.speaker for q in quotes if q.speaker_kind == "person" and q.speaker and len(q.speaker.split()) >= 2
    ]
    for q in quotes:
        if q.speaker_kind == "person" and q.speaker and len(q.speaker.split()) == 1:
            word = fold(q.speaker)
            match = [f for f in full if word in fold(f).split()]
            if match:
                q.speaker = match[0]
    for q in quotes:
        if q.speaker_kind == "person" and q.speaker_mention >= 0:
            key = ctx.article.mentions[q.speaker_mention].canonical or q.speaker or ""
            if key in best and (q.speaker or "") in best[key]:
                q.speaker = best[key]


# ---------------------------------------------------------------------------- records


def _record(ctx: _Ctx, n: int, s: int, e: int, kind: str, cs: int, ce: int, cue: str, spk: _Speaker) -> Quote:
    a = ctx.article
    bs, be = _body_span(ctx, s, e)
    cbs, cbe = _body_span(ctx, cs, ce)
    sentence = -1
    for sent in a.sentences:
        if sent.start <= bs < sent.end:
            sentence = sent.id
            break
    raw_start = raw_end = -1
    for b in a.blocks:
        if b.start <= bs and be <= b.end and b.raw_start >= 0 and b.raw_end - b.raw_start == b.end - b.start:
            raw_start, raw_end = b.raw_start + bs - b.start, b.raw_start + be - b.start
            break
    mention: Mention | None = a.mentions[spk.mention] if spk.mention >= 0 else None
    return Quote(
        id=n,
        kind=kind,  # type: ignore[arg-type]
        text=a.body[bs:be],
        start=bs,
        end=be,
        sentence=sentence,
        cue=a.body[cbs:cbe],
        speaker_text=spk.text,
        speaker=spk.name or spk.text,
        speaker_kind=spk.kind,  # type: ignore[arg-type]
        speaker_mention=spk.mention,
        speaker_entity_id=mention.entity_id if mention else None,
        resolved_via=spk.via,  # type: ignore[arg-type]
        relay=spk.relay,
        raw_start=raw_start,
        raw_end=raw_end,
    )
