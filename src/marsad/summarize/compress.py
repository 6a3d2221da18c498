"""Light compression of a key point: drop words that carry no fact of their own.

Only safe cuts, each kept only when enough of the sentence survives:
- an inline dateline glued to the lead ("سبق - جدة:", "رويترز - بنغازي (ليبيا):"): page
  furniture that the clean stage finds on its own line but not inside the first sentence;
- a trailing attribution ("، بحسب الوكالة", "، وفقاً لمصادر محلية") — the point keeps its
  source sentence as provenance, so who said it is still one click away;
- a leading discourse connective ("من جهته،", "وفي هذا السياق،") and the conjunction
  "و" glued to a reporting verb at the very start ("وأكد" → "أكد"), which only link the
  sentence to the one before it.
Numbers never sit in a dropped tail: a tail with a digit is kept.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from importlib import resources

from marsad.arabic import normalize

_ATTRIBUTION = re.compile(
    r"\s*[،,]\s*(?:و?(?:ذلك\s+)?(?:بحسب|حسب|وفق(?:ا|اً|ًا)?\s*ل?|نقل(?:ا|اً|ًا)\s+عن|استنادا\s+إلى|استناداً\s+إلى"
    r"|كما\s+(?:ذكرت|أفادت|أوردت|نقلت|قالت)|على\s+ما\s+(?:ذكرت|أفادت|أوردت|نقلت))"
    r")[^،,.!؟?\d]{2,80}?(?P<end>[.!؟?…]*)\s*$"
)
_LEADING_CONNECTIVE = re.compile(
    r"^\s*(?:و?من\s+(?:جهته|جهتها|جانبه|جانبها|ناحيته|ناحيتها)|و?في\s+(?:هذا|ذات|نفس)\s+(?:السياق|الإطار|الصدد)"
    r"|إلى\s+ذلك|في\s+غضون\s+ذلك|بدوره|بدورها|كذلك|أيضا|أيضاً)\s*[،,]\s*"
)
_LEADING_WAW = re.compile(
    r"^و(?=(?:قال|قالت|أكد|أكدت|أضاف|أضافت|أشار|أشارت|أوضح|أوضحت|شدد|شددت|لفت|لفتت|تابع|تابعت|أعلن|أعلنت"
    r"|أفاد|أفادت|ذكر|ذكرت|اعتبر|اعتبرت|رأى|رأت|بين|بينت|كشف|كشفت|نفى|نفت|دعا|دعت|طالب|طالبت)\b)"
)
# Up to three short dash-separated chunks (agency, reporter, place) closed by a colon.
_INLINE_DATELINE = re.compile(
    r"^\s*(?:[^\s:،,.!؟?\-–—]+(?:\s+[^\s:،,.!؟?\-–—]+){0,3}\s*[-–—]\s*){1,3}[^:،,.!؟?\-–—]{2,40}:\s*"
)
_MIN_WORDS_LEFT = 6
# A participial or circumstantial tail that elaborates the main clause ("، مشيراً إلى أن …",
# "، مؤكداً …", "، في وقت …"): a key point states the fact, the summary keeps the detail.
_ELABORATION = re.compile(
    r"\s*[،,]\s*(?:و)?(?:مشير|مؤكد|موضح|مضيف|معتبر|لافت|مشدد|منوه|معرب|داعي|مبين|واصف|مطالب|محذر)"
    r"(?:ا|اً|ًا|ة|ين)?\s.*$"
    r"|\s*[،,]\s*(?:في\s+وقت|وذلك\s+(?:في|بعد|قبل|خلال)|وسط|بعد\s+أن)\s.*$"
)
_MIN_KEY_POINT_WORDS = 5


def compress_point(text: str) -> str:
    """``text`` without its attribution tail and leading connective, when meaning survives."""
    out = text.strip().lstrip(_LEADING_PUNCT)
    dateline = _INLINE_DATELINE.match(out)
    if dateline and len(out[dateline.end() :].split()) >= _MIN_WORDS_LEFT:
        out = out[dateline.end() :]
    tail = _ATTRIBUTION.search(out)
    if tail and len(out[: tail.start()].split()) >= _MIN_WORDS_LEFT:
        out = out[: tail.start()] + (tail.group("end") or ".")
    head = _LEADING_CONNECTIVE.match(out)
    if head and len(out[head.end() :].split()) >= _MIN_WORDS_LEFT:
        out = out[head.end() :]
    out = _LEADING_WAW.sub("", out, count=1)
    return out.strip()


def _reporting_verbs() -> str:
    text = (
        resources.files("marsad.data").joinpath("summarize/reporting_verbs.txt").read_text(encoding="utf-8")
    )
    verbs = [w.strip() for w in text.splitlines() if w.strip() and not w.startswith("#")]
    return "(?:" + "|".join(sorted(verbs, key=len, reverse=True)) + ")"


_REPORTING = _reporting_verbs()
# "وقال لافروف، خلال مؤتمر صحافي مشترك، إن روسيا …" → speaker "لافروف", claim "روسيا …".
_ATTRIBUTED = re.compile(
    r"^(?:و|ف)?" + _REPORTING + r"(?:ت)?\s+(?!(?:إلى|على|أن|إن|في|ب)\s)(?P<speaker>[^،,:\"«“]{2,60}?)"
    r"(?:\s*[،,][^،,]{0,120}[،,]|\s+(?:في|خلال|أثناء|عبر|لدى|من)\s[^،,]{0,80}?)?"
    r"\s+(?:إن|أن|ان|إلى\s+أن|على\s+أن)\s+(?P<claim>.+)$"
)
_SPEAKER_STOP = re.compile(
    r"\s+(?:في|خلال|أثناء|عبر|لدى|بعد|قبل|أمس|اليوم|الأربعاء|الخميس|الثلاثاء)(?:\s|$).*$"
)
# A circumstantial aside between commas ("، في كلمة مشتركة مع نظيره،", "، خلال مؤتمر صحافي،").
_ASIDE = re.compile(r"\s*[،,]\s*(?:في|خلال|أثناء|عقب|لدى|على\s+هامش|من\s+جهته|بدوره)\s[^،,\d]{2,90}[،,]\s*")
_CLAUSE_CUT = re.compile(r"\s*[،,؛;]\s*|\s+(?=(?:حيث|مما|بينما|في\s+حين|بعد\s+أن|وذلك|بما\s+في\s+ذلك)\s)")
# A long point (over _LONG_POINT words) with no clause boundary above: a new clause or an
# addition opened by a connective or a relative pronoun («… فهي أول من …», «… الذي ثمن …»,
# «… إضافة إلى …»). Cut only when _LONG_HEAD_WORDS words stay.
_LONG_CUT = re.compile(
    r"\s+(?=(?:إضافة\s+إلى|بالإضافة\s+إلى|بالاضافة\s+إلى|علما\s+بأن|علماً\s+بأن|ما\s+يعني|وهو\s+ما|وهي\s+ما"
    r"|ثم|ثمّ|كما|إذ|فيما|لذلك|ولعل|فهي|فهو|الذي|التي|الذين|والذي|والتي|والذين)\s)"
)
_LONG_POINT = 20
_LONG_HEAD_WORDS = 8
# An opening adverbial phrase of time or concession, which is not a clause by itself.
_ADVERBIAL_OPENING = re.compile(r"^\s*و?(?:بعد|قبل|خلال|منذ|عند|إثر|عقب|رغم|بالرغم|أثناء|لدى|بعيد)\s")
# Punctuation a sentence split can leave at the start («، على أن تكون …»).
_LEADING_PUNCT = "،,؛;:.-–— "


# "وأشار إلى أن الجماعة تهدف …": the subject is a pronoun, the speaker was named before.
_PRONOUN_FRAME = re.compile(
    r"^(?:و|ف)?"
    + _REPORTING
    + r"(?:ت)?\s+(?:إلى\s+|على\s+|ب)?(?:أن|إن|ان)(?P<pronoun>ه|ها|هم)?\s+(?P<claim>.+)$"
)
# "وقال محمد رحيم أمين حاكم المنطقة: إن …" — a speaker closed by a colon.
_COLON_SPEAKER = re.compile(
    r"^(?:و|ف)?" + _REPORTING + r"(?:ت)?\s+(?!(?:إلى|على|أن|إن|في|ب)\s)(?P<speaker>[^،,:\"«“.]{2,60}?)\s*:"
)
_SPEAKER_REACH = 3  # sentences back where a pronoun's speaker may be named


def speaker_of(text: str) -> str | None:
    """The named speaker of an attributed sentence ("وقال لافروف، …، إن …" → "لافروف"), or None."""
    text = text.strip()
    m = _ATTRIBUTED.match(text) or _COLON_SPEAKER.match(text)
    if not m:
        return None
    speaker = _SPEAKER_STOP.sub("", m.group("speaker")).strip(" ،,")
    if not speaker or len(speaker.split()) > 6:
        return None
    first = re.split('[«"“(]', normalize(speaker.split()[0]))[0]
    if first in _not_speakers():  # «وقال أيضاً إن …», «وقال لـ«الشرق الأوسط» إن …»
        return None
    return speaker


@lru_cache(maxsize=1)
def _not_speakers() -> frozenset[str]:
    text = resources.files("marsad.data").joinpath("summarize/not_speakers.txt").read_text(encoding="utf-8")
    return frozenset(normalize(w.strip()) for w in text.splitlines() if w.strip() and not w.startswith("#"))


def speaker_before(sentences: Sequence[str], index: int) -> tuple[str, int] | None:
    """For a pronoun-subject sentence at ``index`` ("وأشار إلى أن …"), the speaker it refers to
    and the index of the sentence naming them: the nearest attributed sentence among the
    ``_SPEAKER_REACH`` before it, passing over pronoun-subject ones (the same speaker goes on).
    None when ``index`` names its speaker or has none, when a sentence in between is not
    attributed (the thread is lost), or when no speaker is named."""
    if not 0 <= index < len(sentences) or not _PRONOUN_FRAME.match(sentences[index].strip()):
        return None
    for back in range(1, _SPEAKER_REACH + 1):
        if index - back < 0:
            return None
        text = sentences[index - back].strip()
        speaker = speaker_of(text)
        if speaker:
            return speaker, index - back
        if not _PRONOUN_FRAME.match(text):
            return None
    return None


def has_pronoun_subject(text: str) -> bool:
    """``text`` opens with a reporting verb whose subject is only a pronoun ("وأشار إلى أن …")."""
    return bool(_PRONOUN_FRAME.match(text.strip()))


def fold_speaker(text: str, speaker: str | None) -> str:
    """ "وأشار إلى أن الجماعة تهدف …" with speaker "كبيش" → "كبيش: الجماعة تهدف …"."""
    m = _PRONOUN_FRAME.match(text.strip())
    if not m or not speaker or len(m.group("claim").split()) < 4:
        return text
    # «أشار إلى أنه اتفق …»: an attached pronoun is the speaker himself, the claim reads on.
    return f"{speaker}: {m.group('claim').strip()}"


def fold_attribution(text: str) -> str:
    """ "وقال لافروف، خلال مؤتمر صحافي، إن روسيا ملتزمة …" → "لافروف: روسيا ملتزمة …"."""
    m = _ATTRIBUTED.match(text.strip())
    if not m:
        return text
    speaker = _SPEAKER_STOP.sub("", m.group("speaker")).strip(" ،,")
    claim = m.group("claim").strip()
    if not speaker or len(speaker.split()) > 6 or len(claim.split()) < 4:
        return text
    return f"{speaker}: {claim}"


def main_clause(text: str, min_words: int = 5, boundary: re.Pattern[str] = _CLAUSE_CUT) -> str:
    """``text`` cut at the first clause ``boundary`` (outside quotation marks) that leaves at
    least ``min_words`` words, unless only the tail holds a number; unchanged otherwise."""
    marks = [(q.start(), q.group() in "«“") for q in _QUOTE_MARK.finditer(text)]
    k = depth = 0
    for i, m in enumerate(boundary.finditer(text)):
        while k < len(marks) and marks[k][0] <= m.start():  # quotation depth at the boundary
            depth = depth + 1 if marks[k][1] else max(0, depth - 1)
            k += 1
        if depth or text.count('"', 0, m.start()) % 2:
            continue
        head, tail = text[: m.start()], text[m.end() :]
        if i == 0 and _ADVERBIAL_OPENING.match(head):
            continue  # «بعد وفاة زوجها عام 1986،» is when, not what: the clause follows
        if len(head.split()) < min_words or len(tail.split()) < 3:
            continue
        if _DIGIT.search(tail) and not _DIGIT.search(head):
            continue
        return head.rstrip("،,؛; ")
    return text


_QUOTE_MARK = re.compile("[«“»”]")
_DIGIT = re.compile(r"\d")


def key_point_text(text: str, speaker: str | None = None) -> str:
    """A key point from ``text``: its main clause, attribution folded ("X: claim"), the
    elaborating or circumstantial tail cut; numbers kept with the clause they belong to.
    ``speaker`` is who a pronoun subject refers to ("وأشار إلى أن …", see :func:`speaker_before`)."""
    out = compress_point(text)
    out = fold_speaker(out, speaker) if speaker else out
    out = fold_attribution(out)
    tail = _ELABORATION.search(out)
    if (
        tail
        and not any(ch.isdigit() for ch in tail.group())
        and len(out[: tail.start()].split()) >= _MIN_KEY_POINT_WORDS
    ):
        out = out[: tail.start()].rstrip("،, ")
    if len(out.split()) > 8:
        out = main_clause(_ASIDE.sub(" ", out).rstrip(".!؟?… "))
    if len(out.split()) > _LONG_POINT:
        out = main_clause(out.rstrip(".!؟?… "), _LONG_HEAD_WORDS, _LONG_CUT)
    return as_sentence(out.strip())


def as_sentence(text: str) -> str:
    """``text`` closed with a full stop when it has no final punctuation (a lead printed
    without one would otherwise run into the next sentence of a summary)."""
    text = text.strip()
    return text if not text or text[-1] in '.!؟?…»"”:' else text + "."
