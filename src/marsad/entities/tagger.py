"""The CRF name tagger: PERS / ORG / LOC, trained on real annotated Arabic news and Wikipedia.

Training (``python -m marsad.entities.train tagger``, python-crfsuite) uses the ANERcorp train part
minus its last 10% (held out for the benchmark), AQMAR train and the Wojood sample train split.
Features of a word are a function of the word alone, so they are computed once per word type:
the word and its normalised form, the form without proclitic, a light stem, prefixes and
suffixes, shape (Latin, digits), membership of the shipped lists and of name lists built from
gazetteers, and word clusters learnt offline from unlabelled news (``clusters.tsv``), for the
word itself and its neighbours two to each side.

Two passes (Krishnan and Manning's idea for NER): the second model (``ner-doc.crfsuite``) sees
the same features plus what the first pass said about the same word elsewhere in the article
(:func:`doc_features`): a bare surname gets "d:last=PERS" when the article named the person in
full. It is off by default (``EntitySettings(tagger_two_pass=True)`` turns it on): it gained
inside the training data and on AQMAR dev, not on the held-out news sets, and it is slower.

Tagging does not go through crfsuite's tagger: :class:`Scorer` reads the trained weights once,
sums them per word type and offset into a small table, then sums each token's emission scores
and runs Viterbi over all sentences of an article in compiled loops (:mod:`marsad.entities.compiled`,
numba; numpy twins give the same numbers). It gives crfsuite's labels (a test checks this) several
times faster, because it never builds feature strings for words it has already seen.

The model and the lists it reads ship in ``marsad/data/entities`` with their licences
(``LICENSE-ner-model.txt``): the model derives from share-alike corpora.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from functools import cache, lru_cache
from importlib import resources
from pathlib import Path
from typing import NamedTuple

import numpy as np

from marsad.arabic import STOPWORDS, normalize
from marsad.entities.compiled import compiled_emissions, viterbi
from marsad.entities.lexicon import lexicon
from marsad.entities.recognize import Found
from marsad.entities.scorer_cache import load_or_build
from marsad.entities.tokens import Tok, scan, word_forms

MODEL = "ner.crfsuite"
DOC_MODEL = "ner-doc.crfsuite"  # the second pass, with document features (absent: one pass)
CLUSTERS = "clusters.tsv"
NAME_WORDS = "name_words.tsv"
NAME_PHRASES = "name_phrases.tsv"
TYPES = ("PERS", "ORG", "LOC")
_LABEL = {"PERS": "PERSON", "ORG": "ORG", "LOC": "LOC"}
_OFFSETS = (-2, -1, 0, 1, 2)
_SUFFIXES = ("هما", "كما", "تان", "تين", "هم", "هن", "كم", "ها", "ات", "ون", "ين", "ان", "يه", "ه", "ي", "ا")
_END = frozenset({".", "!", "?", "؟"})
# Optional feature groups (benchmarks/tune_entities.py tries them by cross-validation inside the
# training data); the shipped model is trained with this set, and the scorer reads the same.
# "pairs" (word with each neighbour) won there: pooled micro-F1 0.7230 -> 0.7300; "near-affix" and
# "far-fine" (affixes at ±1, fine clusters and stems at ±2) lost (0.7156). "phrases" (multi-word
# gazetteer names over the sentence, B/I per word) won in the 2-fold screen (0.7189 -> 0.7229),
# and "phrases-near" (the neighbours' too) again (0.7248), and in the full 3-fold CV (0.7313 ->
# 0.7395), but the model trained with them is not shipped yet: it loses a seed organisation that
# keeps two seed events apart (see the issue-14 note, session 5).
FEATURES: set[str] = {"pairs"}
# Added to the first pass's B-/I- state scores of each type before Viterbi (against O): a
# decode-time recall/precision trade-off (Minkov et al. 2006) for a CRF whose errors are mostly
# misses. Searched by cross-validation inside the training data on the fold models' out-of-fold
# state scores (``benchmarks/tune_entities.py --c1 0.02 --c2 0.05 --bias``): PERS 0.3, ORG 0.2,
# LOC 0.2 gained 0.0012 pooled micro-F1 (chosen on two folds, scored on the third), but lost on
# the held-out sets (ANERcorp 0.723 -> 0.715, Wojood 0.805 -> 0.801), so none ships (issue-14
# note, session 8). Re-search it whenever the model is retrained. The second pass has none.
LABEL_BIAS: dict[str, float] = {}


class TaggerUnavailable(RuntimeError):
    """The CRF tagger cannot run: python-crfsuite or the shipped model is missing."""


def _data_rows(name: str) -> list[list[str]]:
    path = resources.files("marsad.data.entities").joinpath(name)
    if not path.is_file():
        return []
    text = path.read_text(encoding="utf-8")
    return [line.split("\t") for line in text.splitlines() if line and not line.startswith("#")]


@cache
def clusters() -> dict[str, tuple[str, ...]]:
    """Word → cluster ids at three granularities (coarse to fine), learnt from unlabelled news."""
    return {row[0]: tuple(row[1:]) for row in _data_rows(CLUSTERS) if len(row) >= 4}


@cache
def name_words() -> dict[str, tuple[str, ...]]:
    """Word → the kinds of name lists it occurs in (given/family names, places, organisations)."""
    return {row[0]: tuple(row[1].split(",")) for row in _data_rows(NAME_WORDS) if len(row) >= 2}


_SUFFIX_SETS = tuple(
    (n, frozenset(x for x in _SUFFIXES if len(x) == n))
    for n in sorted({len(x) for x in _SUFFIXES}, reverse=True)
)
assert [x for _, group in _SUFFIX_SETS for x in _SUFFIXES if x in group] == list(_SUFFIXES)  # longest first


@cache
def name_phrases() -> tuple[dict[tuple[str, ...], tuple[str, ...]], frozenset[str], int]:
    """Names of two words or more (gazetteer places, WikiFANE mentions, the shipped lexicon's
    places and organisations) → their lists; the set of their first words; the longest length."""
    table = {
        tuple(row[0].split()): tuple(row[1].split(",")) for row in _data_rows(NAME_PHRASES) if len(row) >= 2
    }
    for key, entry in lexicon().names.items():
        if len(key) >= 2:
            table[key] = tuple(sorted({*table.get(key, ()), f"lex-{entry.label}"}))
    return table, frozenset(k[0] for k in table), max(map(len, table), default=0)


def phrase_features(words: Sequence[str]) -> list[list[str]]:
    """Per word, whether it begins or continues a multi-word name of :func:`name_phrases` (the
    longest match from the left; the first word may carry a proclitic): "ph=B-place" ..."""
    table, first, longest = name_phrases()
    forms = [word_forms(w) for w in words]
    out: list[list[str]] = [[] for _ in words]
    i, n = 0, len(words)
    while i < n:
        norm, clitic, bare, _ = forms[i]
        size = 1
        if norm in first or (clitic and bare in first):
            for size in range(min(longest, n - i), 1, -1):
                rest = tuple(forms[k][0] for k in range(i + 1, i + size))
                kinds = table.get((norm, *rest)) or (table.get((bare, *rest)) if clitic else None)
                if kinds:
                    out[i] = [f"ph=B-{k}" for k in kinds]
                    for k in range(i + 1, i + size):
                        out[k] = [f"ph=I-{x}" for x in kinds]
                    break
            else:
                size = 1
        i += size
    return out


def phrase_attrs(words: Sequence[str]) -> list[list[str]]:
    """The phrase attributes of each word: its own (:func:`phrase_features`) and, with the
    "phrases-near" group, its neighbours' ("-1:ph=B-place")."""
    own = phrase_features(words)
    if "phrases-near" not in FEATURES:
        return own
    out = []
    for i, attrs in enumerate(own):
        row = list(attrs)
        if i > 0:
            row += [f"-1:{a}" for a in own[i - 1]]
        if i + 1 < len(own):
            row += [f"1:{a}" for a in own[i + 1]]
        out.append(row)
    return out


def light_stem(bare: str) -> str:
    """The word without the article and one pronoun/plural suffix, keeping at least three letters."""
    w = bare[2:] if bare.startswith("ال") and len(bare) > 4 else bare
    for n, group in _SUFFIX_SETS:  # the longest suffix that leaves three letters
        if len(w) - n >= 3 and w[-n:] in group:
            return w[:-n]
    return w


def _shape(word: str) -> str:
    if word.isdigit():
        return "digit"
    if word.isascii() and word.isalpha():
        return "latin-cap" if word[0].isupper() else "latin"
    if not word.isalpha() and any(c.isdigit() for c in word):  # (a letter is never a digit)
        return "has-digit"
    if not word[0].isalnum():
        return "punct"
    return "arabic"


_FLAGS = ("given", "common", "stop", "nisba", "office", "rank", "orghead", "lochead", "def")


@cache
def _flag_table() -> dict[str, frozenset[str]]:
    """Word → the shipped-list flags it raises (given name, common word, nisba, title and head words)."""
    lex = lexicon()
    kinds: dict[str, set[str]] = {}
    lists = (
        ("given", lex.given_names),
        ("common", lex.common_words),
        ("nisba", lex.nisba.keys()),
        ("office", lex.words.get("office", ())),
        ("rank", lex.words.get("rank", ())),
        ("orghead", lex.words.get("org", ())),
        *(("lochead", lex.words.get(k, ())) for k in ("gpe", "loc", "fac")),
    )
    for flag, words in lists:
        for w in words:
            kinds.setdefault(w, set()).add(flag)
    return {w: frozenset(k) for w, k in kinds.items()}


_NONE: frozenset[str] = frozenset()
# the attribute kinds of a word's own part ("w=…", "b=…" …), as :meth:`Scorer._own_rows` reads them
_KINDS = (
    "w",
    "b",
    "st",
    "cl",
    "p2",
    "p3",
    "s1",
    "s2",
    "s3",
    "sh",
    "len",
    "gaz",
    "nw",
    "nwb",
    "c0",
    "c1",
    "c2",
    "c",
)
_LENGTHS = tuple(str(k) for k in range(9))


class WordParts(NamedTuple):
    """What the features of one word type are made of (:func:`word_parts`)."""

    norm: str
    clitic: str
    bare: str
    stem: str
    shape: str
    flags: list[str]  # shipped-list flags, in ``_FLAGS`` order ("given", "def" ...)
    gaz: str | None  # "<label>:<kind>" of a listed one-word name
    lists: tuple[str, ...]  # the name lists of the word ...
    bare_lists: tuple[str, ...]  # ... and of the word without its proclitic
    cluster: tuple[str, ...] | None  # cluster ids, coarse to fine (None: an unclustered word)


def word_parts(word: str) -> WordParts | None:
    """The parts of a word's features (None for punctuation): :func:`word_features` writes them
    as crfsuite attributes, :meth:`Scorer._own_rows` looks them up without writing them."""
    norm, clitic, bare, _ = word_forms(word)
    shape = _shape(word)
    if shape == "punct":
        return None
    lex = lexicon()
    entry = lex.names.get((norm,)) or (lex.names.get((bare,)) if clitic else None)
    table = _flag_table()
    on = table.get(norm, _NONE)
    if bare != norm:
        on = on | table.get(bare, _NONE)
    if norm in STOPWORDS:
        on = on | {"stop"}
    if bare.startswith("ال") and len(bare) > 3:
        on = on | {"def"}
    flags = [flag for flag in _FLAGS if flag in on] if on else []
    lists = name_words()
    cl = clusters().get(norm) or (clusters().get(bare) if clitic else None)
    return WordParts(
        norm,
        clitic,
        bare,
        light_stem(bare),
        shape,
        flags,
        f"{entry.label}:{entry.kind}" if entry is not None else None,
        lists.get(norm, ()),
        lists.get(bare, ()) if clitic else (),
        cl,
    )


@lru_cache(maxsize=300_000)
def word_features(word: str) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    """Features of one word type: ``(own, near, far)`` for offsets 0, ±1 and ±2."""
    parts = word_parts(word)
    if parts is None:
        mark: tuple[str, ...] = (f"w={word_forms(word)[0]}", "punct")
        return mark, mark, mark
    norm, clitic, bare, stem, shape, flags, gaz, lists, bare_lists, cl = parts
    flags = list(flags)
    if gaz is not None:
        flags.append(f"gaz={gaz}")
    flags += [f"nw={k}" for k in lists]
    flags += [f"nwb={k}" for k in bare_lists]
    cluster = [f"c{k}={c}" for k, c in zip((0, 1, 2), cl, strict=False)] if cl else ["c=none"]
    own = (
        f"w={norm}",
        f"b={bare}",
        f"st={stem}",
        f"cl={clitic}",
        f"p2={bare[:2]}",
        f"p3={bare[:3]}",
        f"s1={norm[-1:]}",
        f"s2={norm[-2:]}",
        f"s3={norm[-3:]}",
        f"sh={shape}",
        f"len={_LENGTHS[min(len(bare), 8)]}",
        *flags,
        *cluster,
    )
    near: tuple[str, ...] = (f"w={norm}", f"b={bare}", f"st={stem}", f"sh={shape}", *flags, *cluster)
    far: tuple[str, ...] = (f"b={bare}", *flags, *cluster[:2])
    if "near-affix" in FEATURES:
        near += (f"p2={bare[:2]}", f"p3={bare[:3]}", f"s2={norm[-2:]}", f"s3={norm[-3:]}")
    if "far-fine" in FEATURES:
        far += (f"st={stem}", *cluster[2:])
    return own, near, far


def sentence_features(words: Sequence[str]) -> list[list[str]]:
    """crfsuite attribute lists of one sentence (training and the reference tagger)."""
    feats = [word_features(w) for w in words]
    out = []
    for i in range(len(words)):
        row = ["bias"]
        for off in _OFFSETS:
            k = i + off
            if not 0 <= k < len(words):
                row.append(f"{off}:edge")
                continue
            own, near, far = feats[k]
            part = own if off == 0 else near if abs(off) == 1 else far
            row.extend(f"{off}:{x}" for x in part)
        if "pairs" in FEATURES:
            row.extend(pair_features(words, i))
        out.append(row)
    if "phrases" in FEATURES:
        for row, extra in zip(out, phrase_attrs(words), strict=True):
            row.extend(extra)
    return out


def pair_features(words: Sequence[str], i: int) -> list[str]:
    """Word-pair attributes of position ``i``: its normalised form with each neighbour's."""
    own = word_forms(words[i])[0]
    left = word_forms(words[i - 1])[0] if i > 0 else "<s>"
    right = word_forms(words[i + 1])[0] if i + 1 < len(words) else "</s>"
    return [f"L|0={left}|{own}", f"0|R={own}|{right}"]


DOC_BLOCK = 20  # training text is cut into blocks of this many sentences, standing for articles
_DOC_TYPES = ("PERS", "ORG", "LOC")


def doc_key(word: str) -> str | None:
    """The form under which a word's occurrences in one document are compared: without proclitic."""
    norm, _, bare, _ = word_forms(word)
    if len(bare) < 2 or not bare[0].isalpha() or norm in STOPWORDS or bare in STOPWORDS:
        return None
    return bare


def doc_features(
    sentences: Sequence[Sequence[str]], labels: Sequence[Sequence[str]]
) -> list[list[list[str]]]:
    """Per token, what the first pass said about the same word elsewhere in the document
    ("d:maj=PERS", "d:last=PERS": a bare surname seen after a given name). Only words that the
    first pass tagged somewhere in the document get any (Krishnan and Manning's two-stage idea)."""
    keys = [[doc_key(w) for w in s] for s in sentences]
    tagged: set[str] = set()
    for ks, ls in zip(keys, labels, strict=True):
        for k, lab in zip(ks, ls, strict=True):
            if k is not None and lab != "O":
                tagged.add(k)
    out: list[list[list[str]]] = [[[] for _ in s] for s in sentences]
    if not tagged:
        return out
    occ: dict[str, list[tuple[int, int, str, str]]] = {}
    for b, (ks, ls) in enumerate(zip(keys, labels, strict=True)):
        for i, k in enumerate(ks):
            if k is None or k not in tagged:
                continue
            lab = ls[i]
            if lab == "O":
                kind, pos = "O", ""
            else:
                kind = lab[2:]
                first = lab.startswith("B-")
                last = i + 1 == len(ls) or ls[i + 1] != f"I-{kind}"
                pos = "one" if first and last else "first" if first else "last" if last else "mid"
            occ.setdefault(k, []).append((b, i, kind, pos))
    for items in occ.values():
        if len(items) < 2:
            continue
        for b, i, _, _ in items:
            counts = dict.fromkeys(("O", *_DOC_TYPES), 0)
            seen: set[str] = set()
            for b2, i2, kind, pos in items:
                if b2 == b and i2 == i:
                    continue
                counts[kind] += 1
                if kind != "O":
                    seen.add(f"d:{pos}={kind}")
            maj = max(counts, key=lambda k: counts[k])
            out[b][i] = [f"d:maj={maj}", *sorted(seen)]
    return out


def blocks(n: int, size: int = DOC_BLOCK) -> list[tuple[int, int]]:
    """``(start, end)`` of consecutive blocks of ``size`` sentences out of ``n``."""
    return [(a, min(a + size, n)) for a in range(0, n, size)]


def split_sequences(words: Sequence[str]) -> list[tuple[int, int]]:
    """``(start, end)`` of the sentences the tagger labels one at a time: each ends at . ! ?"""
    spans, start = [], 0
    for k, w in enumerate(words):
        if w in _END:
            spans.append((start, k + 1))
            start = k + 1
    if start < len(words):
        spans.append((start, len(words)))
    return spans


class Scorer:
    """Viterbi over crfsuite weights read once; emission scores summed per word type and offset.

    ``base`` maps an attribute without its offset prefix ("w=بوتين") to the weight rows of
    that attribute at each offset, so a new word costs dict look-ups and one batched sum per
    offset, never a string per attribute and offset. Word-pair attributes (``FEATURES`` "pairs")
    are summed per pair, cached the same way.
    """

    def __init__(self, path: str) -> None:
        import pycrfsuite

        tagger = pycrfsuite.Tagger()
        tagger.open(path)
        info = tagger.info()
        self.labels: list[str] = sorted(info.labels)
        index = {label: k for k, label in enumerate(self.labels)}
        n = len(self.labels)
        self.transitions = np.zeros((n, n))
        for (a, b), weight in info.transitions.items():
            self.transitions[index[a], index[b]] = weight
        self.index: dict[str, int] = {}  # attribute → row of ``self.matrix``
        rows: list[np.ndarray] = [np.zeros(n)]  # row 0 stays zero: "no such attribute"
        for (attr, label), weight in info.state_features.items():
            k = self.index.get(attr)
            if k is None:
                k = self.index[attr] = len(rows)
                rows.append(np.zeros(n))
            rows[k][index[label]] += weight
        self.matrix = np.array(rows)
        self.base: dict[str, list[int]] = {}  # attribute → its row at each offset (0: none)
        prefixes = {f"{off}:": k for k, off in enumerate(_OFFSETS)}
        self.pair_left: dict[tuple[str, str], int] = {}  # (left word, word) → row
        self.pair_right: dict[tuple[str, str], int] = {}  # (word, right word) → row
        for attr, row in self.index.items():
            head, sep, rest = attr.partition(":")
            k = prefixes.get(head + sep) if sep else None
            if k is not None and not attr.startswith(("L|0", "0|R")):
                self.base.setdefault(rest, [0] * len(_OFFSETS))[k] = row
            elif attr.startswith(("L|0=", "0|R=")):
                a, _, b = attr[4:].partition("|")
                (self.pair_left if attr[0] == "L" else self.pair_right)[a, b] = row
        # one row per base attribute: its weights at every offset side by side (zeros where the
        # attribute has none). A word's part at offset ±1 / ±2 holds a fixed subset of the
        # attribute kinds of its own part, in the same order, and the model has no weight for an
        # attribute at an offset whose part never holds its kind; so summing these rows over the
        # word's own attributes gives the word's vector at every offset in one sum, term for term
        # in the order of the per-offset sums (the added zeros change no float)
        self.base_row: dict[str, int] = {attr: k + 1 for k, attr in enumerate(self.base)}
        self.wide = np.zeros((len(self.base) + 1, len(_OFFSETS) * n))
        for attr, k in self.base_row.items():
            self.wide[k] = self.matrix[self.base[attr]].reshape(-1)
        # the same rows by attribute kind and value ("w=بوتين" → kind "w", value "بوتين"; a flag
        # with no "=" under its name): a new word's rows are found from its parts (word_parts)
        # without writing its attributes (see _own_rows)
        self._kinds: dict[str, dict[str, int]] = {kind: {} for kind in _KINDS}
        self._plain: dict[str, int] = {}
        for attr, k in self.base_row.items():
            head, sep, tail = attr.partition("=")
            if sep:
                self._kinds.setdefault(head, {})[tail] = k
            else:
                self._plain[attr] = k
        self.phrases = any(a.startswith(("ph=", "-1:ph=", "1:ph=")) for a in self.index)
        self.bias = self._sum(["bias"])
        self.model_bias = self.bias  # the "bias" attribute's weights, before any label bias
        self.edge = np.array([self._sum([f"{off}:edge"]) if off else np.zeros(n) for off in _OFFSETS])
        # word pairs as integer keys: each normalised form of a pair gets an id, a pair the key
        # left id * len(ids) + right id, looked up in sorted arrays (vectorised per article)
        forms = sorted({f for table in (self.pair_left, self.pair_right) for pair in table for f in pair})
        self._form_id = {f: k for k, f in enumerate(forms)}
        self._n_forms = max(len(forms), 1)
        self._pair_keys: list[tuple[np.ndarray, np.ndarray]] = []
        for table in (self.pair_left, self.pair_right):
            keyed = sorted(
                (self._form_id[a] * self._n_forms + self._form_id[b], r) for (a, b), r in table.items()
            )
            self._pair_keys.append(
                (
                    np.array([k for k, _ in keyed], dtype=np.int64),
                    np.array([r for _, r in keyed], dtype=np.int64),
                )
            )
        self._no_pairs = (np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64))
        self._start_id = self._form_id.get("<s>", -1)
        self._end_id = self._form_id.get("</s>", -1)
        self._rows: dict[str, int] = {}
        self._table = np.zeros((1024, len(_OFFSETS), n))
        self._table[0] = self.edge  # row 0: the sentence edge, as a neighbour seen at each offset
        self._form_of = np.full(1024, -1, dtype=np.int64)  # row → pair-form id of its word (-1: none)

    def set_label_bias(self, bias: Mapping[str, float]) -> None:
        """Add ``bias[type]`` to the state score of B-type and I-type at every token, O unchanged
        (a decode-time recall/precision trade-off, Minkov et al. 2006): it joins the "bias"
        attribute's weights, so the compiled loops and their numpy twins read the same numbers.
        An empty mapping restores crfsuite's own scores."""
        vec = np.array([bias.get(label[2:], 0.0) if label != "O" else 0.0 for label in self.labels])
        self.bias = self.model_bias + vec

    def _sum(self, attrs: Sequence[str]) -> np.ndarray:
        rows = [self.index[a] for a in attrs if a in self.index]
        return self.matrix[rows].sum(0) if rows else np.zeros(len(self.labels))

    def _add(self, words: list[str]) -> None:
        """Table rows for new word types: one gathered sum per offset for all of them."""
        first = len(self._rows) + 1  # row 0 is the edge
        need = first + len(words)
        if need > len(self._table):
            grown = np.zeros((max(need, 2 * len(self._table)), *self._table.shape[1:]))
            grown[: len(self._table)] = self._table
            self._table = grown
            form_of = np.full(len(grown), -1, dtype=np.int64)
            form_of[: len(self._form_of)] = self._form_of
            self._form_of = form_of
        ids: list[int] = []
        starts: list[int] = []
        rows = self._rows
        for w in words:
            starts.append(len(ids))
            ids.append(0)  # the zero row: every word has at least one
            ids.extend(self._own_rows(w))
            rows[w] = len(rows) + 1
        form_id = self._form_id.get
        self._form_of[first:need] = [form_id(word_forms(w)[0], -1) for w in words]
        sums = np.add.reduceat(self.wide[ids], starts, axis=0)
        self._table[first:need] = sums.reshape(len(words), len(_OFFSETS), -1)

    def _own_rows(self, word: str) -> list[int]:
        """Rows of ``wide`` of the word's own attributes, in the order of ``word_features(word)[0]``
        (the order of the float sum), found by kind and value: no attribute string is written."""
        parts = word_parts(word)
        if parts is None:  # punctuation: two attributes
            return [r for r in map(self.base_row.get, word_features(word)[0]) if r is not None]
        norm, clitic, bare, stem, shape, flags, gaz, lists, bare_lists, cl = parts
        k = self._kinds
        found = [
            k["w"].get(norm),
            k["b"].get(bare),
            k["st"].get(stem),
            k["cl"].get(clitic),
            k["p2"].get(bare[:2]),
            k["p3"].get(bare[:3]),
            k["s1"].get(norm[-1:]),
            k["s2"].get(norm[-2:]),
            k["s3"].get(norm[-3:]),
            k["sh"].get(shape),
            k["len"].get(_LENGTHS[min(len(bare), 8)]),
            *map(self._plain.get, flags),
        ]
        if gaz is not None:
            found.append(k["gaz"].get(gaz))
        found += map(k["nw"].get, lists)
        found += map(k["nwb"].get, bare_lists)
        if cl:
            found += [table.get(c) for table, c in zip((k["c0"], k["c1"], k["c2"]), cl, strict=False)]
        else:
            found.append(k["c"].get("none"))
        return [r for r in found if r is not None]

    def _emit_numpy(
        self, rows: np.ndarray, lengths: list[int], bounds: np.ndarray, pairs: bool
    ) -> np.ndarray:
        """The emission sums in numpy (the compiled loop's twin, where numba is missing):
        one gather per offset for the whole article."""
        n = len(rows)
        # the rows laid out with two edge rows (row 0) before, between and after the sentences,
        # so that a neighbour beyond the sentence is the edge with no test per token
        sid = np.repeat(np.arange(len(lengths)), lengths)
        at = np.arange(n) + 2 * sid + 2
        padded = np.zeros(n + 2 * len(lengths) + 2, dtype=np.int64)
        padded[at] = rows
        per = self._table[padded]  # (tokens and edges, offsets, labels)
        out = per[at, 2] + self.bias
        for k, off in enumerate(_OFFSETS):
            if off:  # token i sees word i+off through that word's offset-``off`` vector
                out += per[at + off, k]
        if pairs:
            own = self._form_of[rows]
            first_of = np.zeros(n, dtype=bool)  # a token that starts its sentence
            first_of[bounds[:-1][np.array(lengths) > 0]] = True
            last_of = np.roll(first_of, -1)
            if n:
                last_of[-1] = True
            left = np.where(first_of, self._start_id, np.roll(own, 1))
            right = np.where(last_of, self._end_id, np.roll(own, -1))
            m = self._n_forms
            for (keys, pair_rows), a_, b_ in zip(self._pair_keys, (left, own), (own, right), strict=True):
                if not len(keys):
                    continue
                key = np.where((a_ >= 0) & (b_ >= 0), a_ * m + b_, -1)
                at = np.searchsorted(keys, key)
                np.minimum(at, len(keys) - 1, out=at)
                hit = keys[at] == key
                if hit.any():
                    out[hit] += self.matrix[pair_rows[at[hit]]]
        return out

    def emissions(self, words: Sequence[str]) -> np.ndarray:
        """State scores of each word in one sentence: its own features and its neighbours'."""
        return self._emit([list(words)])[0]

    def _emit(
        self, sentences: Sequence[Sequence[str]], extra: Sequence[Sequence[Sequence[str]]] | None = None
    ) -> list[np.ndarray]:
        """State scores of each sentence (see :meth:`_emit_flat`)."""
        out, bounds = self._emit_flat(sentences, extra)
        return [out[bounds[b] : bounds[b + 1]] for b in range(len(sentences))]

    def _emit_flat(
        self, sentences: Sequence[Sequence[str]], extra: Sequence[Sequence[Sequence[str]]] | None = None
    ) -> tuple[np.ndarray, np.ndarray]:
        """State scores of every word of ``sentences``, all at once (one gather per offset), plus
        per-token attributes ``extra`` (document features) where given: ``(scores, bounds)``, the
        sentences one after the other, sentence ``b`` at ``bounds[b]:bounds[b + 1]``."""
        flat = [w for s in sentences for w in s]
        found = list(map(self._rows.get, flat))
        if None in found:
            self._add(list(dict.fromkeys(w for w, r in zip(flat, found, strict=True) if r is None)))
            found = list(map(self._rows.__getitem__, flat))
        rows = np.array(found, dtype=np.int64)
        lengths = [len(s) for s in sentences]
        n = len(flat)
        bounds = np.cumsum([0, *lengths])
        pairs = "pairs" in FEATURES and bool(self.pair_left or self.pair_right)
        loops = compiled_emissions()
        if loops is not None:
            (left_keys, left_rows), (right_keys, right_rows) = (
                self._pair_keys if pairs else (self._no_pairs,) * 2
            )
            out = loops(
                rows,
                bounds,
                self._table,
                self.bias,
                self._form_of,
                self._start_id,
                self._end_id,
                self._n_forms,
                left_keys,
                left_rows,
                right_keys,
                right_rows,
                self.matrix,
            )
        else:
            out = self._emit_numpy(rows, lengths, bounds, pairs)
        if "phrases" in FEATURES and self.phrases:
            # a name never holds the . ! ? that end the sentences, so one scan of the article
            # gives each sentence's matches; neighbours are only looked at inside a sentence
            near = "phrases-near" in FEATURES
            sid = np.repeat(np.arange(len(sentences)), lengths)
            index = self.index
            where_: list[int] = []
            which_: list[int] = []
            if all(s[-1] in _END for s in sentences[:-1] if s):
                found_ = phrase_features(flat)
            else:  # sentences cut elsewhere (a caller's own): match inside each
                found_ = [a for s in sentences for a in phrase_features(s)]
            for k, marks in enumerate(found_):
                if not marks:
                    continue
                for mark in marks:
                    r = index.get(mark)
                    if r is not None:
                        where_.append(k)
                        which_.append(r)
                    if near:
                        for to, tag in ((k + 1, "-1:"), (k - 1, "1:")):
                            if 0 <= to < n and sid[to] == sid[k]:
                                r = index.get(tag + mark)
                                if r is not None:
                                    where_.append(to)
                                    which_.append(r)
            if where_:
                np.add.at(out, where_, self.matrix[which_])
        if extra is not None:
            index = self.index
            where: list[int] = []
            which: list[int] = []
            for k, attrs in enumerate(a for sent in extra for a in sent):
                for attr in attrs:
                    r = index.get(attr)
                    if r is not None:
                        where.append(k)
                        which.append(r)
            if where:
                np.add.at(out, where, self.matrix[which])
        return out, bounds

    def tag(
        self, sentences: Sequence[Sequence[str]], extra: Sequence[Sequence[Sequence[str]]] | None = None
    ) -> list[list[str]]:
        """Labels of each sentence: emissions of all of them at once, then one Viterbi call
        (:func:`marsad.entities.compiled.viterbi`, compiled) over all of them."""
        sentences = [s for s in sentences]
        if not sentences:
            return []
        emit, bounds = self._emit_flat(sentences, extra)
        names = list(map(self.labels.__getitem__, viterbi(emit, bounds, self.transitions).tolist()))
        cuts = bounds.tolist()
        return [names[a:b] for a, b in zip(cuts, cuts[1:], strict=False)]


# the code the scorer's tables are built by: a change to it makes the cached tables stale
_SCORER_CODE = (Path(__file__),)


def model_path(name: str = MODEL) -> Path:
    path = resources.files("marsad.data.entities").joinpath(name)
    return Path(str(path))


@cache
def scorer() -> Scorer:
    try:
        import pycrfsuite  # noqa: F401
    except ImportError as exc:  # pragma: no cover - dependency declared in pyproject
        raise TaggerUnavailable("python-crfsuite is not installed") from exc
    path = model_path()
    if not path.is_file():
        raise TaggerUnavailable(f"no shipped model at {path}")
    found = load_or_build(path, Scorer, _SCORER_CODE)
    found.set_label_bias(LABEL_BIAS)
    return found


@cache
def doc_scorer() -> Scorer | None:
    """The second-pass model (document features), or None when it is not shipped."""
    scorer()
    path = model_path(DOC_MODEL)
    return load_or_build(path, Scorer, _SCORER_CODE) if path.is_file() else None


def tag_document(sentences: Sequence[Sequence[str]], two_pass: bool = False) -> list[list[str]]:
    """IOB2 labels of the sentences of one document: the first pass, then (when the second-pass
    model ships) a second pass that also sees what the first said about the same words elsewhere."""
    labels = scorer().tag(sentences)
    second = doc_scorer() if two_pass else None
    if second is None or not sentences:
        return labels
    return second.tag(sentences, doc_features(sentences, labels))


def tag_words(words: Sequence[str], two_pass: bool = False) -> list[str]:
    """IOB2 labels of pre-tokenised words (one document), sentence by sentence."""
    spans = split_sequences(words)
    labels: list[str] = []
    for seq in tag_document([words[a:b] for a, b in spans], two_pass):
        labels.extend(seq)
    return labels


def tag_spans(
    text: str, toks: list[Tok] | None = None, types: tuple[str, ...] = TYPES, two_pass: bool = False
) -> list[Found]:
    """Spans of ``types`` the CRF tags in ``text`` (one document), at the lowest priority."""
    toks = toks if toks is not None else scan(text)
    if not toks:
        return []
    labels = tag_words([text[t.start : t.end] for t in toks], two_pass)
    spans, i = [], 0
    while i < len(labels):
        if labels[i] == "O":
            i += 1
            continue
        kind = labels[i][2:]
        j = i + 1
        while j < len(labels) and labels[j] == f"I-{kind}":
            j += 1
        if kind == "ORG" and _listed_country(toks, i, j):
            kind = "LOC"  # "المملكة العربية السعودية" tagged as an organisation: the gazetteer knows
        if kind in types:
            span = _trim(text, toks, i, j) if kind == "PERS" else (i, j)
            if span is not None:
                a, b = span
                start = toks[a].bare_start if toks[a].clitic and _clitic_off(toks[a]) else toks[a].start
                spans.append(
                    Found(
                        a,
                        b,
                        start,
                        toks[b - 1].end,
                        _LABEL[kind],
                        _kind(toks, a, b, kind),
                        _canonical(text, toks, a, b, start, kind),
                        priority=0,
                    )
                )
        i = j
    return spans


def _canonical(text: str, toks: list[Tok], a: int, b: int, start: int, kind: str) -> str | None:
    """The gazetteer's name for a listed place or organisation ("المملكة العربية السعودية" →
    "السعودية"); else the surface, with the article restored after ل ("للأسد" → "الأسد")."""
    first = toks[a]
    key = tuple(t.norm for t in toks[a:b])
    if start == first.bare_start and first.clitic:
        key = (first.bare, *key[1:])
    entry = lexicon().names.get(key)
    if entry is not None and kind != "PERS" and (entry.label == "ORG") == (kind == "ORG"):
        return entry.canonical
    surface = text[start : toks[b - 1].end]
    if start == first.bare_start and first.clitic == "ل" and first.norm.startswith("لل"):
        return "ا" + surface
    return None


def _listed_country(toks: list[Tok], a: int, b: int) -> bool:
    """Whether tokens ``a..b`` are exactly a country name of the gazetteer (with or without proclitic)."""
    names = lexicon().names
    key = tuple(t.norm for t in toks[a:b])
    entry = names.get(key) or names.get((toks[a].bare, *key[1:]))
    return entry is not None and entry.label == "LOC" and entry.kind == "country"


def _clitic_off(t: Tok) -> bool:
    """Whether a tagged span starts after the word's proclitic: only when what remains is a name
    (listed, a given name, in the name lists) or a definite form ("وموسكو", "للرياض", "والأمم")
    and the whole word is none of these ("وزارة", "بوتين", "لافروف" stay whole)."""
    lex = lexicon()

    def known(form: str) -> bool:
        return (form,) in lex.names or form in lex.given_names or form in name_words() or lex.has("org", form)

    if (t.bare,) in lex.names and (t.norm,) not in lex.names:
        return True  # a listed name after the clitic ("للسعودية"), whatever other lists hold
    if t.clitic == "ل" and t.norm.startswith("لل") and t.bare.startswith("ال"):
        return True  # ل + ال ("للجيش السوري"): no name starts so
    if known(t.norm):
        return False
    if t.bare.startswith("ال"):
        return True
    if not known(t.bare):
        return False
    if t.clitic in ("و", "ف"):
        return True  # «ونوتنغهام», «وتيزي»: a conjunction before a name is the common case
    # after ب / ل / ك, a word known only from the long gazetteers of small places is taken whole
    # when the whole word is common in the news and the rest is not: «بلاتر» is not «ب» + «لاتر»
    # (a village), nor «بوينغ» «ب» + «وينغ»
    only_place = not ((t.bare,) in lex.names or t.bare in lex.given_names or lex.has("org", t.bare))
    if only_place and name_words().get(t.bare) == ("place",):
        common = clusters()
        return t.norm not in common or t.bare in common
    return True


def _kind(toks: list[Tok], a: int, b: int, kind: str) -> str:
    """GPE or LOC for a tagged place (Wojood's distinction): regions, seas and natural heads are LOC."""
    if kind != "LOC":
        return kind
    lex = lexicon()
    first = toks[a]
    key = tuple(t.norm for t in toks[a:b])
    entry = lex.names.get(key) or lex.names.get((first.bare, *key[1:]))
    if entry is not None:
        return "LOC" if entry.kind in ("region", "water") else "GPE"
    if lex.has("loc", first.norm) or lex.has("loc", first.bare):
        return "LOC"
    if lex.has("fac", first.norm) or lex.has("fac", first.bare):
        return "FAC"
    return "GPE"


def _trim(text: str, toks: list[Tok], i: int, j: int) -> tuple[int, int] | None:
    """The tagged span without edge marks, the preposition على, agreeing nisbas and plural verbs
    at its edges, cut at a blessing; None for two things joined by و or a lone word with a pronoun suffix.

    Cutting more edge words (function and common words, agreeing nisbas, plural verbs) was
    measured on the training folds with the CRF labels of models that never saw them
    (``benchmarks/tune_entities.py --rules``): each cost F1 (common adjectives -0.0024 pooled,
    stop words and one-letter words -0.0004 each), so those edges stand; agreeing nisbas and
    plural verbs measured neutral there (-0.0001 each) and are real news errors, so they go."""
    lex = lexicon()

    def edge_word(t: Tok) -> bool:
        n = t.norm
        if text[t.start : t.end].endswith("على"):
            return True  # the preposition, which normalises like the name علي
        if n in lex.given_names:
            return False
        # a feminine or plural nisba agrees with a noun ("المسؤولين السوريين أسعد الشيباني");
        # the masculine one is often a family name (المصري)
        agreeing_nisba = n in lex.nisba and normalize(lex.nisba[n][1]) != n
        return not t.is_word or agreeing_nisba or _verb_like(n)

    for k in range(i + 1, j - 1):  # "سلمان بن عبدالعزيز حفظه الله": a blessing ends the name
        if toks[k + 1].norm == "الله" and toks[k].norm.startswith(_BLESSINGS) and toks[k].norm.endswith("ه"):
            j = k
            break
    while i < j and edge_word(toks[i]):
        i += 1
    while j > i and edge_word(toks[j - 1]):
        j -= 1
    if i == j or any(toks[k].clitic == "و" and toks[k].norm not in lex.given_names for k in range(i + 1, j)):
        return None  # "سعد وصبر": a conjunction inside is two things, not one name
    # (a lone definite word ending in ي/ين/ون/ات is kept: rejecting it as an adjective or group
    # lost family names such as "العتيبي", "الحسين": -0.004 F1 on the dev sets)
    if j - i == 1 and toks[i].norm not in lex.given_names:
        t, surface = toks[i], text[toks[i].start : toks[i].end]
        if surface.endswith("ه") and not t.definite:
            return None  # "عهده": a pronoun suffix (a name's ta marbuta is written ة)
    return i, j


_BLESSINGS = ("حفظ", "يحفظ", "رحم", "يرحم", "رعا", "يرعا", "وفق", "يوفق", "اعز", "سلم", "ايد", "يويد")
_IMPERFECT = re.compile("^[يت][\u0621-\u064a]{3,}(?:ان|ون|ين)$")


def _verb_like(norm: str) -> bool:
    """An imperfect verb in the dual or plural ("يتصافحان", "يواصلون"), in no name list: the CRF
    sometimes runs a name on into the verb after it."""
    return bool(_IMPERFECT.match(norm)) and norm not in name_words() and norm not in lexicon().given_names


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
    """The outermost tag of a scored Wojood type (PERS/ORG/GPE/LOC) across nesting levels."""
    for tag in tags:
        if tag != "O" and tag[2:] in ("PERS", "ORG", "GPE", "LOC"):
            return tag
    return "O"
