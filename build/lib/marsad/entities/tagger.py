"""A small CRF name tagger (python-crfsuite) trained on the Wojood NER sample (MIT).

It finds names no rule reaches (a person named without title or known given name). Its
features include the gazetteer and title lists, so it learns how far a name runs after a
title or a head word. The model ships as ``marsad/data/entities/tagger.crfsuite`` and
loads once per process.
"""

from __future__ import annotations

from functools import cache, lru_cache
from importlib import resources
from pathlib import Path

from marsad.arabic import STOPWORDS, normalize
from marsad.entities.lexicon import lexicon
from marsad.entities.recognize import Found
from marsad.entities.tokens import Tok, scan

MODEL = "tagger.crfsuite"
TYPES = ("PERS", "ORG", "GPE", "LOC")
_WINDOW = (-2, -1, 0, 1, 2)  # ±1 tags 30% faster but loses 0.02 PERS F1 on Wojood test
_LABEL = {"PERS": "PERSON", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC"}


class TaggerUnavailable(RuntimeError):
    """The CRF tagger cannot run: python-crfsuite or the shipped model is missing."""


@lru_cache(maxsize=200_000)
def _shape(norm: str, bare: str, clitic: str, is_word: bool) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Binary features of one token type: ``(own, context)``; context leaves out the affixes.
    Cached by token type: news text repeats its words, so most tokens cost a lookup."""
    lex = lexicon()
    n, b = norm, bare
    first = lex.names.get((n,)) or (lex.names.get((b,)) if clitic else None)
    flags = {
        "punct": not is_word,
        "digit": n.isdigit(),
        "def": b.startswith("ال") and len(b) > 3,
        "given": n in lex.given_names or b in lex.given_names,
        "common": n in lex.common_words or b in lex.common_words,
        "nisba": n in lex.nisba or b in lex.nisba,
        "office": lex.has("office", n) or lex.has("office", b),
        "rank": lex.has("rank", n) or lex.has("rank", b),
        "orghead": lex.has("org", n) or lex.has("org", b),
        "lochead": any(lex.has(k, n) or lex.has(k, b) for k in ("gpe", "loc", "fac")),
    }
    context = [f"w={n}", f"b={b}"] + [name for name, on in flags.items() if on]
    if first:
        context.append(f"gaz={first.label}:{first.kind}")
    own = context + [f"p2={b[:2]}", f"s2={b[-2:]}", f"s3={b[-3:]}"] + ([f"clitic={clitic}"] if clitic else [])
    return tuple(own), tuple(context)


@lru_cache(maxsize=400_000)
def _prefixed(key: tuple[str, str, str, bool], off: int) -> tuple[str, ...]:
    own, context = _shape(*key)
    return tuple(f"{off}:{x}" for x in (own if off == 0 else context))


def features(toks: list[Tok]) -> list[list[str]]:
    """CRF features of each token, with its neighbours' shapes (window of two)."""
    keys = [(t.norm, t.bare, t.clitic, t.is_word) for t in toks]
    out = []
    for i in range(len(toks)):
        feats = ["bias"]
        for off in _WINDOW:
            k = i + off
            if 0 <= k < len(toks):
                feats.extend(_prefixed(keys[k], off))
            else:
                feats.append(f"{off}:edge")
        out.append(feats)
    return out


@cache
def _tagger():
    try:
        import pycrfsuite
    except ImportError as exc:  # pragma: no cover - dependency declared in pyproject
        raise TaggerUnavailable("python-crfsuite is not installed") from exc
    path = resources.files("marsad.data.entities").joinpath(MODEL)
    if not path.is_file():
        raise TaggerUnavailable(f"no shipped model at {path}")
    tagger = pycrfsuite.Tagger()
    tagger.open(str(path))
    return tagger


def tag_spans(text: str, toks: list[Tok] | None = None, types: tuple[str, ...] = TYPES) -> list[Found]:
    """Spans of ``types`` the CRF tags in ``text``, at the lowest priority (rules win on overlap)."""
    toks = toks if toks is not None else scan(text)
    if not toks:
        return []
    labels = _tagger().tag(features(toks))
    spans, i = [], 0
    while i < len(labels):
        if labels[i] == "O":
            i += 1
            continue
        kind = labels[i][2:]
        j = i + 1
        while j < len(labels) and labels[j] == f"I-{kind}":
            j += 1
        if kind in types:
            span = _trim(text, toks, i, j) if kind == "PERS" else (i, j)
            if span is not None:
                a, b = span
                start = toks[a].bare_start if toks[a].clitic == "و" else toks[a].start
                spans.append(Found(a, b, start, toks[b - 1].end, _LABEL[kind], kind, priority=0))
        i = j
    return spans


def _trim(text: str, toks: list[Tok], i: int, j: int) -> tuple[int, int] | None:
    """The tagged span without edge words no name has: function and common words, nisba
    adjectives, lone letters ("الرسام الشهير ماتيس", "نيس الفرنسية", "ياسين لـ")."""
    lex = lexicon()

    def edge_word(t: Tok) -> bool:
        n = t.norm
        if text[t.start : t.end].endswith("على"):
            return True  # the preposition, which normalises like the name علي
        if n in lex.given_names:
            return False
        common_adjective = t.definite and n in lex.common_words  # "الشهير", "المتحدث"
        # a feminine or plural nisba agrees with a noun; the masculine one is often a family name (المصري)
        agreeing_nisba = n in lex.nisba and normalize(lex.nisba[n][1]) != n
        return not t.is_word or len(n) < 2 or n in STOPWORDS or agreeing_nisba or common_adjective

    while i < j and edge_word(toks[i]):
        i += 1
    while j > i and edge_word(toks[j - 1]):
        j -= 1
    if i == j or any(toks[k].clitic == "و" and toks[k].norm not in lex.given_names for k in range(i + 1, j)):
        return None  # "سعد وصبر": a conjunction inside is two things, not one name
    if j - i == 1 and toks[i].norm not in lex.given_names:
        t, surface = toks[i], text[toks[i].start : toks[i].end]
        if t.definite and t.norm.endswith(("ين", "ون", "ات", "ي")):
            return None  # "المتمردين", "الفني", "الثاني": a group, an adjective, an ordinal
        if surface.endswith("ه") and not t.definite:
            return None  # "عهده": a pronoun suffix (a name's ta marbuta is written ة)
    return i, j


def wojood_training_data(path: Path) -> tuple[list[list[Tok]], list[list[str]]]:
    """Token sequences and flat outer PERS/ORG/GPE/LOC labels of a Wojood split."""
    from marsad.entities.train import read_wojood

    seqs, labels = [], []
    for sentence in read_wojood(path):
        seqs.append(word_tokens([w for w, _ in sentence]))
        labels.append([outer_tag(tags) for _, tags in sentence])
    return seqs, labels


def word_tokens(words: list[str]) -> list[Tok]:
    """One :class:`Tok` per pre-tokenised word, offsets into ``" ".join(words)``."""
    toks, pos = [], 0
    for w in words:
        sub = scan(w)
        if sub:
            t = sub[0]
            toks.append(
                Tok(t.norm, t.bare, pos + t.start, pos + t.bare_start, pos + len(w), t.is_word, t.clitic)
            )
        else:
            toks.append(Tok(w, w, pos, pos, pos + len(w), False))
        pos += len(w) + 1
    return toks


def join_tokens(words: list[str]) -> tuple[str, list[tuple[int, int]]]:
    """Pre-tokenised words as one text with each word's span."""
    offsets, pos = [], 0
    for w in words:
        offsets.append((pos, pos + len(w)))
        pos += len(w) + 1
    return " ".join(words), offsets


def outer_tag(tags: list[str]) -> str:
    """The outermost tag of a scored type (PERS/ORG/GPE/LOC) across nesting levels."""
    for tag in tags:
        if tag != "O" and tag[2:] in TYPES:
            return tag
    return "O"


def train_tagger(out: Path | None = None) -> Path:
    """Train on Wojood train (MIT) and write the model file that ships with the package."""
    import pycrfsuite

    from marsad.entities.train import DATA_DIR, WOJOOD

    out = out or DATA_DIR / MODEL
    trainer = pycrfsuite.Trainer(verbose=False)
    for toks, labels in zip(*wojood_training_data(WOJOOD / "train.txt"), strict=True):
        trainer.append(features(toks), labels)
    trainer.set_params({"c1": 0.1, "c2": 0.05, "max_iterations": 150, "feature.possible_transitions": True})
    trainer.train(str(out))
    return out
