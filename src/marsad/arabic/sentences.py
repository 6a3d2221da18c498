"""Sentence splitting for Arabic news prose, with offsets into the original text.

Works on text with or without line breaks (some scrapes put a whole article on one line).
Terminators are . ! ? ؟ … and line breaks; a terminator inside «…» or “…” quotes does not
end the sentence unless the quotation does not close within a few hundred characters (then it
is prose in quotation marks, or an unbalanced mark), and decimal numbers (3.5) or
one-letter abbreviations and initials (د. for doctor, ج. ك.) are not ends, nor the number
opening a list item ("1. …", also inline: "… أبرزها 1. الجفاف 2. الحرب."); an era after a year ("1783 م.", "1260هـ.", "500 ق.م.") ends the
sentence when a space follows. Very long comma chains are cut at
"؛" and then at "، و" so that no "sentence" is a whole paragraph.
"""

from __future__ import annotations

import re

_TERMINATORS = ".!?؟…"
_OPEN_QUOTES = {"«": "»", "“": "”", '"': '"'}
_MAX_QUOTE = 300  # a quote longer than this is prose in quotation marks: split inside it
MAX_SENTENCE = 450  # characters; longer runs are cut at the weaker punctuation below
_SOFT_BREAKS = (re.compile(r"؛\s+"), re.compile(r"[،,]\s+(?=و\S{2,})"))


def split_sentences(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` spans of the sentences of ``text``, whitespace trimmed."""
    spans: list[tuple[int, int]] = []
    for line in re.finditer(r"[^\n]+", text):
        for s, e in _split_line(text, line.start(), line.end()):
            for piece in _cut_long(text, s, e):
                spans.append(piece)
    return spans


# Only these characters can change the state of the splitter: jump from one to the next
# instead of walking every character (the analyze stage runs over whole corpora).
_EVENTS = re.compile('[.!?؟…«“”»"]')


def _split_line(text: str, start: int, end: int) -> list[tuple[int, int]]:
    out = []
    sent_start = resume = start
    quote_end = -1  # while inside a quotation: the index of its closing mark
    for m in _EVENTS.finditer(text, start, end):
        i = m.start()
        if i < resume or i < quote_end:
            continue  # consumed by a terminator run, or inside a quotation
        ch = text[i]
        if i == quote_end:
            quote_end = -1
        elif ch in _OPEN_QUOTES and not (ch == '"' and _closes_plain_quote(text, i, start)):
            # A quotation that does not close within _MAX_QUOTE characters is prose in
            # quotation marks (or an unbalanced mark): its full stops end sentences.
            quote_end = text.find(_OPEN_QUOTES[ch], i + 1, min(end, i + 1 + _MAX_QUOTE))
        elif ch in _TERMINATORS and _is_boundary(text, i, end):
            j = i + 1
            while j < end and (text[j] in _TERMINATORS or text[j] in '»”")]'):
                j += 1
            out.append((sent_start, j))
            sent_start = resume = j
    out.append((sent_start, end))
    return [t for t in (_trim(text, s, e) for s, e in out) if t]


def _closes_plain_quote(text: str, i: int, line_start: int) -> bool:
    # A straight double quote closes an open one when an odd number precede it on the line.
    return text.count('"', line_start, i) % 2 == 1


def _is_boundary(text: str, i: int, end: int) -> bool:
    ch = text[i]
    if ch == ".":
        prev = text[i - 1] if i > 0 else " "
        nxt = text[i + 1] if i + 1 < end else " "
        if prev.isdigit() and (nxt.isdigit() or (nxt in _INVISIBLE and text[i + 2 : i + 3].isdigit())):
            return False  # 3.5, and «1.\u200f0» (a direction mark inside a decimal, as some sites print it)
        if nxt == ".":
            return True
        if i >= 1 and prev.isalpha() and (i == 1 or not text[i - 2].isalpha()):
            # An era after a year ("عام 1783 م.", "1260هـ.", "500 ق.م.") closes the date and,
            # followed by a space, the sentence: writers drop the dot inside a sentence.
            if prev in _ERA_LETTERS and _after_year(text, i - 1):
                return nxt.isspace() or i + 1 >= end
            return False  # an initial or one-letter abbreviation: "د. محمد", "ج. ك. رولينغ"
        if prev.isdigit() and (_is_list_number(text, i) or _is_inline_item(text, i)):
            return False  # "1. …" opening a numbered item
    return True


_INVISIBLE = frozenset("\u200e\u200f\u200b\u200c\u200d\u2066\u2067\u2068\u2069\u061c")
_ERA_LETTERS = frozenset("مه")  # ميلادي, هجري ("هـ." has a tatweel and ends at its own dot)
_YEAR_BEFORE = re.compile(r"(?:[\d٠-٩]{1,4}\s?|ق\.\s?)$")
_LIST_NUMBER = re.compile(r"(?:^|[\n:.!؟?]\s*|^\s+)[\d٠-٩]{1,2}$")


def _after_year(text: str, letter: int) -> bool:
    """The era letter at ``letter`` follows a year or "ق." (قبل الميلاد)."""
    return bool(_YEAR_BEFORE.search(text, max(0, letter - 6), letter))


def _is_list_number(text: str, dot: int) -> bool:
    """The digits before ``dot`` open a line or follow a colon or a sentence end."""
    return (
        bool(_LIST_NUMBER.search(text, max(0, dot - 8), dot)) and dot + 1 < len(text) and text[dot + 1] == " "
    )


_INLINE_NUMBER = re.compile(r"(?<![\d.,٫])[\d٠-٩]{1,2}$")
_INLINE_REACH = 300  # characters from one item of an inline list to the next


def _is_inline_item(text: str, dot: int) -> bool:
    """The number before ``dot`` is one of an inline numbered list («… أبرزها 1. الجفاف 2. الحرب.»):
    a space and a word follow, and on the same line either it is 1 and «2. » follows, or the
    items 1 … N-1 precede it in order (a lone «2.» or «3.» ends a sentence as usual)."""
    m = _INLINE_NUMBER.search(text, max(0, dot - 3), dot)
    if not m or m.start() == 0 or not text[m.start() - 1].isspace():
        return False
    if not (dot + 2 < len(text) and text[dot + 1] == " " and text[dot + 2].isalpha()):
        return False
    n = int(m.group())
    line_start = text.rfind("\n", 0, m.start()) + 1
    line_end = text.find("\n", dot)
    line_end = len(text) if line_end < 0 else line_end
    if n == 1:
        ahead = text[dot + 1 : min(line_end, dot + 1 + _INLINE_REACH)]
        return bool(re.search(r"\s(?:2|٢)\. \w", ahead))
    behind = text[max(line_start, m.start() - _INLINE_REACH * n) : m.start()]
    at = 0
    for k in range(1, n):
        item = re.compile(rf"(?:^|\s)(?:{k}|{str(k).translate(_TO_ARABIC_INDIC)})\. \w")
        found = item.search(behind, at)
        if not found:
            return False
        at = found.end()
    return True


_TO_ARABIC_INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")


def _trim(text: str, s: int, e: int) -> tuple[int, int] | None:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    if s >= e or not any(c.isalnum() for c in text[s:e]):
        return None
    return s, e


def _cut_long(text: str, s: int, e: int) -> list[tuple[int, int]]:
    if e - s <= MAX_SENTENCE:
        return [(s, e)]
    for pattern in _SOFT_BREAKS:
        cuts = [m.end() for m in pattern.finditer(text, s, e)]
        if not cuts:
            continue
        pieces, cur = [], s
        for c in cuts:
            if c - cur >= 80 and e - c >= 40:
                pieces.append((cur, c))
                cur = c
        pieces.append((cur, e))
        if len(pieces) > 1:
            trimmed = (_trim(text, a, b) for a, b in pieces)
            return [_strip_tail(text, *t) for t in trimmed if t]
    return [(s, e)]


def _strip_tail(text: str, s: int, e: int) -> tuple[int, int]:
    while e > s and text[e - 1] in "،,؛ ":
        e -= 1
    return s, e
