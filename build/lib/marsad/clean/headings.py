"""Section headings: short title-like lines, and headings run into one-line bodies.

A heading is a short phrase (2–12 words) with no sentence end, not a clause (no "أن",
"الذي" ...), not ending on a preposition, placed before a paragraph. When a scrape puts a
whole article on one line, a heading sits between a sentence end and the next sentence's
opening word ("… المرحلة الجديدة. وفد رفيع ومؤشرات على تحول استراتيجي رافق الرئيس …"):
the opening word is how we see where the heading stops.
"""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import islice

from marsad.arabic.tokens import STOPWORDS
from marsad.clean import lexicon as lx
from marsad.clean.lines import Line
from marsad.clean.settings import CleanSettings

_TOKEN = re.compile(r"\S+")
_SENTENCE_END = re.compile(r"[.!?؟…]+[\"»”')\]]*\s+")
_NUMBERED = re.compile(r"^\s*\d{1,3}\s*[-.)]")
_DASH_LEAD = re.compile(r"^[-–—]\s")
_SOFT_END = ":،,؛;"
_INNER_PUNCT = re.compile(r"[،,؛;.!؟?][\"»”')\]]*$")
# Nouns of news events that open a sentence with a relative clause ("اللقاء الذي عقد ...").
_EVENT_NOUNS = frozenset(
    lx.match_key(w)
    for w in (
        "اللقاء",
        "الاجتماع",
        "الزيارة",
        "المباحثات",
        "المحادثات",
        "القمة",
        "الاتصال",
        "المؤتمر",
        "الاتفاق",
        "القرار",
        "البيان",
        "الهجوم",
        "الحادث",
        "الجلسة",
        "المشروع",
        "التقرير",
    )
)
_ADVERBIAL_STARTS = frozenset(
    lx.match_key(w)
    for w in "فضلا فضلاً إضافة بالإضافة كذلك أيضا لذلك لذا ثم حيث بينما فيما إلا غير بعد قبل عند منذ خلال".split()
)
_WAW_NOUNS = frozenset(
    lx.match_key(w)
    for w in (
        "وزير وزيرة وزارة وزراء وزارات وكالة وكالات ولي ولاية ولايات وحدة وحدات وثيقة وثائق وفاة وفيات وطني "
        "وطنية وقود وظائف وظيفة واشنطن وادي واقع وسط وصول وعود وجبة ورشة وسائل وسيلة وجهة وجهات وقائع ودائع "
        "ودية واردات وارد وافدين وافد وصية ولادة"
    ).split()
)
_MIN_REST_WORDS = 6  # the sentence after an inline heading is real prose


@lru_cache(maxsize=200_000)
def _word_key(word: str) -> str:
    return lx.match_key(word)


def is_heading_shape(line: Line, settings: CleanSettings) -> bool:
    """Short, title-like, not a sentence: may be a heading if a paragraph follows."""
    text = line.text
    if line.words < 2 and not _DASH_LEAD.match(text):
        return False
    if line.words > settings.heading_max_words or len(text) > settings.heading_max_chars:
        return False
    if line.ends_sentence and not text.rstrip().endswith(("؟", "?")):
        return False
    if text.rstrip()[-1] in _SOFT_END or _NUMBERED.match(text):
        return False
    words = line.key.split()
    if not words or words[-1] in lx.DANGLING_ENDINGS or words[0] in lx.STRONG_OPENERS:
        return False
    if text[0] in "،,؛;" or (words[0][:1] == "و" and words[0][1:] in STOPWORDS):
        return False  # "، لكني", "وعن علاقة ...": the tail of a broken sentence
    return not any(w in lx.CLAUSE_WORDS or (w[:1] in "وف" and w[1:] in lx.CLAUSE_WORDS) for w in words)


def is_dash_heading(line: Line, settings: CleanSettings) -> bool:
    """ "– توسيع التعاون الاقتصادي": a dash-led short line is a heading on its own."""
    return bool(_DASH_LEAD.match(line.text)) and is_heading_shape(line, settings)


def inline_heading_spans(text: str, settings: CleanSettings) -> list[tuple[int, int]]:
    """Spans of headings that run into the prose of ``text`` (offsets into ``text``)."""
    spans = []
    window = settings.heading_max_words + 1 + _MIN_REST_WORDS
    for start in _sentence_starts(text):
        tokens = _TOKEN.finditer(text, start, min(len(text), start + 400))
        first = next(tokens, None)
        # Most sentences open with "و..." or a verb: decide on the first word before keying more.
        if first is None or not _can_start_heading(_word_key(first.group())):
            continue
        found = [(first.start(), first.end(), _word_key(first.group()))]
        found += [(m.start(), m.end(), _word_key(m.group())) for m in islice(tokens, window)]
        cut = _heading_length(text, found, settings, first=start == 0)
        if cut:
            spans.append((found[0][0], found[cut - 1][1]))
    return spans


def _sentence_starts(text: str) -> list[int]:
    # Cheaper than full sentence splitting, and enough here: a heading can only start
    # after a terminator and a space (decimals "3.5" have no space).
    return [0, *(m.end() for m in _SENTENCE_END.finditer(text))]


def _heading_length(
    text: str, tokens: list[tuple[int, int, str]], settings: CleanSettings, *, first: bool
) -> int:
    """How many leading tokens of a sentence form a heading (0 when none)."""
    keys = [k for _, _, k in tokens]
    if not keys or not _can_start_heading(keys[0]):
        return 0
    limit = min(settings.heading_max_words, len(keys) - _MIN_REST_WORDS)
    for k in range(2, limit + 1):
        raw = text[tokens[k - 1][0] : tokens[k - 1][1]]
        word = keys[k - 1]
        if _INNER_PUNCT.search(raw) or word in lx.CLAUSE_WORDS or _is_joined_particle(word):
            return 0  # the phrase became a clause before any opener: an ordinary sentence
        opens, strong = _opens_sentence(keys, k)
        if not opens:
            continue
        # A weak opener could follow a subject ("الرئيس الروسي أكد"): it needs a longer
        # phrase before it, and never at the very start of a paragraph.
        if (strong or (k >= 3 and not first)) and word not in lx.DANGLING_ENDINGS:
            return k
        return 0
    return 0


def _can_start_heading(word: str) -> bool:
    """Sentences start with "و"+word, particles and openers; headings start with a noun."""
    if word in lx.STRONG_OPENERS or word in lx.WEAK_OPENERS or word in lx.CLAUSE_WORDS or word in STOPWORDS:
        return False
    if word in _ADVERBIAL_STARTS or _is_joined_particle(word):
        return False  # "فضلا عن", "وعن رأيه ...": a sentence going on
    # "وصعد", "واستهل", "وخلال": a conjunction glued to a word. Nouns whose root starts
    # with waw ("وفد", "وزير") are kept by length and by the list of common ones.
    return not (word.startswith("و") and len(word) >= 4 and word not in _WAW_NOUNS)


def _is_joined_particle(word: str) -> bool:
    # "وفي", "ومن", "وعلى" inside a phrase start a new clause, not a heading's next word.
    return word[:1] in "وف" and len(word) > 1 and word[1:] in STOPWORDS


def _opens_sentence(keys: list[str], k: int) -> tuple[bool, bool]:
    """(does a sentence open at token ``k``, is the opener unambiguous)."""
    if k >= len(keys):
        return False, False
    one = keys[k]
    two = f"{one} {keys[k + 1]}" if k + 1 < len(keys) else one
    if one in lx.STRONG_OPENERS or two in lx.STRONG_OPENERS:
        return True, True
    if one in lx.WEAK_OPENERS:
        # Verb-first prose names the subject next ("رافق الرئيس ..."); a verb followed by
        # "أن"/"إن" or a particle closes a subject-first sentence ("ماكرون أكد أن ...").
        nxt = keys[k + 1] if k + 1 < len(keys) else ""
        return (nxt not in STOPWORDS and nxt not in lx.CLAUSE_WORDS), False
    if one in _EVENT_NOUNS and k + 1 < len(keys) and keys[k + 1] in lx.RELATIVE_PRONOUNS:
        return True, False
    return False, False
