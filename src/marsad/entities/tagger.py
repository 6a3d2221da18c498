"""A small CRF name tagger (python-crfsuite) trained on the Wojood NER sample (MIT).

It finds names no rule reaches (a person named without title or known given name). Its
features include the gazetteer and title lists, so it learns how far a name runs after a
title or a head word. The model ships as ``marsad/data/entities/tagger.crfsuite`` and
loads once per process.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from pathlib import Path

from marsad.entities.lexicon import Lexicon, lexicon
from marsad.entities.recognize import Found
from marsad.entities.tokens import Tok, scan

MODEL = "tagger.crfsuite"
TYPES = ("PERS", "ORG", "GPE", "LOC")
_LABEL = {"PERS": "PERSON", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC"}


class TaggerUnavailable(RuntimeError):
    """The CRF tagger cannot run: python-crfsuite or the shipped model is missing."""


def _shape(t: Tok, lex: Lexicon) -> dict[str, float | str]:
    n, b = t.norm, t.bare
    first = lex.names.get((n,)) or (lex.names.get((b,)) if t.clitic else None)
    return {
        "w": n,
        "b": b,
        "p2": b[:2],
        "s2": b[-2:],
        "s3": b[-3:],
        "punct": float(not t.is_word),
        "digit": float(n.isdigit()),
        "def": float(t.definite),
        "clitic": t.clitic,
        "given": float(n in lex.given_names or b in lex.given_names),
        "common": float(n in lex.common_words or b in lex.common_words),
        "nisba": float(n in lex.nisba or b in lex.nisba),
        "gaz": (first.label + ":" + first.kind) if first else "",
        "office": float(lex.has("office", n) or lex.has("office", b)),
        "rank": float(lex.has("rank", n) or lex.has("rank", b)),
        "orghead": float(lex.has("org", n) or lex.has("org", b)),
        "lochead": float(any(lex.has(k, n) or lex.has(k, b) for k in ("gpe", "loc", "fac"))),
    }


def features(toks: list[Tok]) -> list[dict[str, float | str]]:
    """CRF features of each token, with its neighbours' shapes (window of two)."""
    lex = lexicon()
    shapes = [_shape(t, lex) for t in toks]
    out = []
    for i in range(len(toks)):
        feats: dict[str, float | str] = {"bias": 1.0}
        for off in (-2, -1, 0, 1, 2):
            k = i + off
            if not 0 <= k < len(toks):
                feats[f"{off}:edge"] = 1.0
                continue
            for name, value in shapes[k].items():
                if off != 0 and name in ("p2", "s2", "s3", "clitic"):
                    continue
                if isinstance(value, str):
                    if value:
                        feats[f"{off}:{name}={value}"] = 1.0
                elif value:
                    feats[f"{off}:{name}"] = value
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
        start = toks[i].bare_start if toks[i].clitic == "و" else toks[i].start
        if kind in types and toks[i].is_word and toks[j - 1].is_word:
            spans.append(Found(i, j, start, toks[j - 1].end, _LABEL[kind], kind, priority=0))
        i = j
    return spans


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
