"""Which sentences of an article may appear in its summary.

Only prose of the body: headings, captions and quote blocks are out, and so are fragments
(too few words to state a fact), lines that are only a quotation, lead-ins that end in a
colon, and lines with hardly any Arabic (page furniture such as "Advertisement"). The
outlet's own summary box is never a source; if a cleaner left it in the body, its
sentences are dropped here too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from marsad.arabic import STOPWORDS, light_stem, normalize
from marsad.arabic.tokens import WordTable
from marsad.model import Article, Sentence
from marsad.summarize.settings import SummarySettings

_ARABIC_RUN = re.compile("[\u0621-\u064a]+")
_LATIN_LETTER = re.compile("[A-Za-z]")
_QUOTE_PAIRS = {"«": "»", "“": "”", '"': '"', "'": "'"}
_BULLETS = "•●▪◦-–—*·"
_WORD = re.compile(r"\w+")


# normalised token -> stem, or None for stopwords/digits: one C-level look-up per word in
# the hot loop (``_content_stem`` is defined below; the table calls it on a miss)
_CONTENT_STEM: WordTable[str | None] = WordTable(lambda token: _content_stem(token), 400_000)


@dataclass(frozen=True)
class Candidate:
    """A body sentence with the features the rankers need."""

    article_id: str
    outlet: str | None
    sentence: Sentence
    position: int  # index among the article's candidates (0 = lead)
    stems: tuple[str, ...]
    n_tokens: int


def body_candidates(article: Article, settings: SummarySettings) -> list[Candidate]:
    """The summarisable sentences of ``article`` in article order.

    When strict filtering leaves nothing (a very short article), shorter sentences are
    allowed so that every article still gets a summary.
    """
    excluded_blocks = _non_prose_blocks(article)
    boxed = _embedded_summary_forms(article)
    eligible = [
        s
        for s in article.sentences
        if not s.is_heading and s.block not in excluded_blocks and not (boxed and normalize(s.text) in boxed)
    ]
    featured = [(s, *sentence_features(s.text)) for s in eligible]
    strict = [f for f in featured if _is_prose(*f, settings.min_tokens, settings.min_content_stems)]
    chosen = strict or [f for f in featured if _is_prose(*f, 3, 1)]
    return [
        Candidate(article.id, article.outlet, sentence, position, stems, n_tokens)
        for position, (sentence, n_tokens, stems) in enumerate(chosen)
    ]


def sentence_features(text: str) -> tuple[int, tuple[str, ...]]:
    """Word count and content stems of a sentence.

    Same features as :func:`marsad.arabic.tokens.content_stems`, but the sentence is
    normalised once instead of word by word: this is the hot loop of summarising a corpus.
    """
    tokens = _WORD.findall(normalize(text))
    return len(tokens), tuple([s for s in _CONTENT_STEM.over(tokens) if s is not None])


def _content_stem(token: str) -> str | None:
    if len(token) <= 1 or token in STOPWORDS or token.isdigit():
        return None
    return light_stem(token)


def _non_prose_blocks(article: Article) -> set[int]:
    return {i for i, b in enumerate(article.blocks) if b.kind != "paragraph"}


def _embedded_summary_forms(article: Article) -> set[str]:
    box = article.embedded_summary
    if box is None:
        return set()
    texts = [box.summary, *box.key_points]
    forms = {normalize(t.strip(_BULLETS + " ")) for t in texts if t}
    # The box summary may be several sentences; the body copy would be split the same way.
    for t in texts:
        forms.update(normalize(p) for p in re.split(r"(?<=[.!؟?])\s+", t or "") if p)
    return forms


def _is_prose(
    sentence: Sentence, n_tokens: int, stems: tuple[str, ...], min_tokens: int, min_stems: int
) -> bool:
    if n_tokens < min_tokens or len(stems) < min_stems:
        return False  # the cheap test first: most rejected lines are fragments
    stripped = sentence.text.strip().lstrip(_BULLETS).strip()
    if not stripped or stripped.endswith((":", "：")):
        return False
    arabic = sum(map(len, _ARABIC_RUN.findall(stripped)))  # (runs, not a list of every letter)
    if arabic < 2 * len(_LATIN_LETTER.findall(stripped)) or arabic < 10:
        return False
    return not _is_quote_only(stripped)


def _is_quote_only(text: str) -> bool:
    close = _QUOTE_PAIRS.get(text[0])
    if close is None:
        return False
    body = text.rstrip(".!؟?… ")
    # The quotation closes only at the very end: the line is a bare quote with no speaker.
    return body.endswith(close) and body.find(close, 1) == len(body) - 1
