"""Readers of the annotated Arabic NER corpora in ``../shared/corpus`` (build and benchmark time only).

Every reader returns sentences as ``(words, tags)`` with IOB2 tags over the three types Marsad
keeps, ``PERS``, ``ORG`` and ``LOC``; other types (MISC, MIS, dates ...) become ``O``, as in the
seqeval scoring of the benchmark. Nothing here runs in the pipeline: the corpora are not shipped.

- ANERcorp (CAMeL Lab train part, CC BY-SA 4.0): :func:`anercorp` splits it in order; the LAST 10%
  of its sentences are held out for the benchmark and never reach training.
- AQMAR (Wikipedia, CC BY-SA 3.0): train / dev / test files.
- WikiFANE Gold (Wikipedia, CC BY-SA 3.0): 50 fine classes mapped to PERS/ORG/LOC; the text is
  clitic-segmented, so it is used for name lists only (:func:`wikifane_mentions`).
- Wojood sample (MIT): nested; :func:`wojood_flat` keeps the outermost scored tag, GPE as LOC.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

Sentence = tuple[list[str], list[str]]

_TYPE = {"PERS": "PERS", "PER": "PERS", "ORG": "ORG", "LOC": "LOC", "GPE": "LOC"}


def corpus_root() -> Path:
    """``$MARSAD_CORPUS``, else ``../shared/corpus`` beside the checkout (or its parent)."""
    env = os.environ.get("MARSAD_CORPUS")
    if env:
        return Path(env)
    here = Path(__file__).resolve()
    for base in here.parents[3:6]:
        candidate = base.parent / "shared" / "corpus"
        if candidate.is_dir():
            return candidate
    return here.parents[3].parent / "shared" / "corpus"


def _map(tag: str) -> str:
    if tag == "O" or "-" not in tag:
        return "O"
    prefix, kind = tag.split("-", 1)
    mapped = _TYPE.get(kind)
    return f"{prefix}-{mapped}" if mapped and prefix in ("B", "I") else "O"


def repair(tags: list[str]) -> list[str]:
    """IOB2 with orphan ``I-`` tags (no B/I of the same type before) turned into ``B-``."""
    out: list[str] = []
    for k, tag in enumerate(tags):
        if tag.startswith("I-") and (k == 0 or out[k - 1][2:] != tag[2:]):
            tag = "B-" + tag[2:]
        out.append(tag)
    return out


def read_conll(path: Path, sep: str | None = None) -> list[Sentence]:
    """Two-column ``token TAG`` files, blank line between sentences (ANERcorp, AQMAR)."""
    sentences: list[Sentence] = []
    words: list[str] = []
    tags: list[str] = []
    for line in path.read_text(encoding="utf-8-sig").splitlines():
        parts = line.replace("\u200e", "").split(sep)
        if not parts or not parts[0].strip():
            if words:
                sentences.append((words, repair(tags)))
            words, tags = [], []
            continue
        words.append(parts[0])
        tags.append(_map(parts[-1]) if len(parts) > 1 else "O")
    if words:
        sentences.append((words, repair(tags)))
    return sentences


def anercorp(root: Path | None = None) -> tuple[list[Sentence], list[Sentence]]:
    """ANERcorp train part as ``(training, held_out)``: the last 10% of sentences, in order."""
    root = root or corpus_root()
    sentences = read_conll(root / "ner" / "anercorp_train_rebuilt" / "ANERCorp_train_rebuilt.txt")
    cut = len(sentences) - len(sentences) // 10
    return sentences[:cut], sentences[cut:]


def aqmar(split: str, root: Path | None = None) -> list[Sentence]:
    root = root or corpus_root()
    return read_conll(root / "ner" / "aqmar" / f"{split}.txt")


def wojood_flat(split: str, root: Path | None = None, keep_gpe: bool = False) -> list[Sentence]:
    """Wojood sentences with the outermost PERS/ORG/GPE/LOC tag per token; GPE → LOC unless ``keep_gpe``."""
    root = root or corpus_root()
    out: list[Sentence] = []
    for sentence in _wojood(root / "wojood_sample" / f"{split}.txt"):
        words, tags = [], []
        for word, levels in sentence:
            tag = next((t for t in levels if t != "O" and t[2:] in ("PERS", "ORG", "GPE", "LOC")), "O")
            if not keep_gpe and tag != "O":
                tag = tag[:2] + _TYPE[tag[2:]]
            words.append(word)
            tags.append(tag)
        out.append((words, repair(tags)))
    return out


def _wojood(path: Path) -> Iterator[list[tuple[str, list[str]]]]:
    current: list[tuple[str, list[str]]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if not parts:
            if current:
                yield current
            current = []
            continue
        current.append((parts[0], parts[1:] or ["O"]))
    if current:
        yield current


# WikiFANE fine classes → Marsad type (the rest: products, vehicles, weapons ... → none)
_FANE_COARSE = {"PER": "PERS", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC"}


def wikifane_mentions(root: Path | None = None) -> list[tuple[str, str, int]]:
    """``(mention, type, count)`` from WikiFANE's mention list, coarse classes mapped to PERS/ORG/LOC."""
    root = root or corpus_root()
    rows = []
    path = root / "ner" / "wikifane_gold" / "mentions.tsv"
    for line in path.read_text(encoding="utf-8-sig").splitlines()[1:]:
        parts = line.split("\t")
        if len(parts) < 4:
            continue
        kind = _FANE_COARSE.get(parts[1])
        if kind and parts[3].isdigit():
            rows.append((parts[2].replace("\u200e", ""), kind, int(parts[3])))
    return rows


_PRE = frozenset({"و", "ف", "ب", "ل", "ك"})
_SUF = frozenset({"ه", "ها", "هم", "هما", "هن", "كم", "كما", "نا", "ي"})


def wikifane_sentences(root: Path | None = None) -> list[Sentence]:
    """WikiFANE Gold with its clitics re-attached ("و ان" → "وان", "نتائج ه" → "نتائجه") so that it
    reads like raw text; fine classes mapped to PERS / ORG / LOC (GPE and LOC; facilities,
    products, vehicles and weapons → O)."""
    root = root or corpus_root()
    folder = root / "ner" / "wikifane_gold"
    coarse: dict[str, str] = {}
    for line in (folder / "mentions.tsv").read_text(encoding="utf-8-sig").splitlines()[1:]:
        parts = line.split("\t")
        if len(parts) >= 2:
            coarse[parts[0]] = {"PER": "PERS", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC"}.get(parts[1], "")
    sentences: list[Sentence] = []
    words_: list[str] = []
    tags_: list[str] = []
    text = (folder / "WikiFANE_Gold_2014_500K.txt").read_text(encoding="utf-8-sig")
    for line in text.replace("\u200e", "").splitlines():
        parts = line.split("\t")
        if len(parts) < 2 or not parts[0].strip():
            if words_:
                sentences.append(_reattach(words_, repair(tags_)))
            words_, tags_ = [], []
            continue
        tag = parts[1].strip()
        if tag != "O" and "-" in tag:
            kind = coarse.get(tag.split("-", 1)[1], "")
            tag = f"{tag[:1]}-{kind}" if kind else "O"
        else:
            tag = "O"
        words_.append(parts[0].strip())
        tags_.append(tag)
    if words_:
        sentences.append(_reattach(words_, repair(tags_)))
    return sentences


def _reattach(words: list[str], tags: list[str]) -> Sentence:
    out_w: list[str] = []
    out_t: list[str] = []
    carry = ""
    for w, t in zip(words, tags, strict=True):
        if w in _PRE and t == "O":
            carry += w
            continue
        if w in _SUF and t == "O" and out_w and out_w[-1][-1:].isalpha() and not carry:
            prev = out_w[-1]
            out_w[-1] = (prev[:-1] + "ت" if prev.endswith("ة") else prev) + w  # عاصمة ها → عاصمتها
            continue
        out_w.append(carry + w)
        out_t.append(t)
        carry = ""
    if carry:
        out_w.append(carry)
        out_t.append("O")
    return out_w, repair(out_t)


def saudinewsnet_texts(start: int, stop: int, root: Path | None = None) -> list[str]:
    """Bodies of SaudiNewsNet articles ``start`` to ``stop`` (unlabelled news; zip files and
    their members in sorted order, records with no content skipped, as the benchmark counts)."""
    import json
    import zipfile

    texts: list[str] = []
    for path in sorted(((root or corpus_root()) / "saudinewsnet" / "dataset").glob("*.zip")):
        with zipfile.ZipFile(path) as zf:
            for name in sorted(zf.namelist()):
                for record in json.loads(zf.read(name)):
                    if record.get("content"):
                        texts.append(record["content"])
                    if len(texts) >= stop:
                        return texts[start:]
    return texts[start:]


def unlabelled_sentences(start: int, stop: int, root: Path | None = None) -> list[list[str]]:
    """The tagger's words of SaudiNewsNet articles ``start`` to ``stop``, cut into sentences at
    . ! ? as the tagger cuts them, 3 to 60 words long (self-training input)."""
    from marsad.entities.tagger import split_sequences
    from marsad.entities.tokens import scan

    out = []
    for text in saudinewsnet_texts(start, stop, root):
        words = [text[t.start : t.end] for t in scan(text)]
        out += [words[a:b] for a, b in split_sequences(words) if 3 <= b - a <= 60]
    return out
