"""Articles stored once: every text that is a slice of the body is kept as its offsets only.

An article's sentences, blocks, mentions, dates and quotes each carry their ``text`` and the
``start``/``end`` offsets of that text in ``Article.body``; the summary's key points are
sentences of the article. Written as they are, the body is stored three or four times. Here

- a ``text`` equal to ``body[start:end]`` is left out (and a mention's ``canonical`` equal to
  its ``text``);
- a key point equal to the sentence it cites, or to its main clause, is kept as offsets
  into that sentence, and a summary text made of sentences of the article joined by spaces
  is kept as their ids;
- a field of a sentence, block, mention, date or source equal to its default is left out.

Reading puts each back, so :func:`unpack_article` gives exactly the ``to_dict`` form again.
A text that differs from its slice (a cleaned-up heading, a caption) is kept as it is: no
provenance is lost. Rows written before this (every text present) read back unchanged.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import zlib
from functools import lru_cache
from importlib import resources
from typing import Any

from marsad.model import Block, Meeting, Mention, Quote, Sentence, SourceRef, TimeExpr

_SLICED = {
    "sentences": Sentence,
    "blocks": Block,
    "mentions": Mention,
    "time_exprs": TimeExpr,
    "quotes": Quote,
    "meetings": Meeting,
}
_MAX_SKIP = 8  # the summary may drop a sentence's first few characters ("و", "وقال" -> "قال")
_JOINED = "text_sentences"
_CLAUSE = "text_clause"  # a key point = [skip, end, tail]: its sentence's text[skip:end] + tail  # summary text = these sentences of the article joined by a space


def _defaults(cls: type) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for f in dataclasses.fields(cls):
        if f.name in ("text", "canonical"):  # these two have their own rule
            continue
        if f.default is not dataclasses.MISSING:
            out[f.name] = f.default
        elif f.default_factory is not dataclasses.MISSING:
            out[f.name] = f.default_factory()
    return {
        k: v for k, v in out.items() if v is None or isinstance(v, bool | int | float | str | list | dict)
    }


_DEFAULTS = {key: _defaults(cls) for key, cls in _SLICED.items()}
_QUOTE_FIELDS = [f.name for f in dataclasses.fields(Quote)]
_SOURCE_DEFAULTS = _defaults(SourceRef)


def pack_article(data: dict[str, Any]) -> dict[str, Any]:
    """``to_dict(article)`` without what the body and the defaults already say (changes ``data``)."""
    body = data.get("body") or ""
    sentence_text = {
        s["id"]: s.get("text") for s in data.get("sentences") or () if isinstance(s, dict) and "id" in s
    }
    summary = data.get("summary")
    if isinstance(summary, dict):
        _pack_summary(summary, sentence_text, data.get("id"))
    for key, defaults in _DEFAULTS.items():
        for item in data.get(key) or ():
            if not isinstance(item, dict):
                continue
            text, start, end = item.get("text"), item.get("start"), item.get("end")
            if isinstance(text, str) and isinstance(start, int) and isinstance(end, int):
                if 0 <= start <= end <= len(body) and body[start:end] == text:
                    del item["text"]
                    if key == "mentions" and item.get("canonical") == text:
                        del item["canonical"]
            for name, default in defaults.items():
                if name in item and _same(item[name], default):
                    del item[name]
    return data


def _pack_summary(summary: dict[str, Any], sentence_text: dict[Any, Any], own_id: Any) -> None:
    points = summary.get("key_points") or []
    text = summary.get("text")
    if isinstance(text, str) and text:
        ids = _as_sentences(text, sentence_text)
        if ids is not None:
            del summary["text"]
            summary[_JOINED] = ids
    for point in points:
        if not isinstance(point, dict):
            continue
        sources = point.get("sources") or []
        first = sources[0] if sources and isinstance(sources[0], dict) else {}
        if first.get("article_id") == own_id and isinstance(point.get("text"), str):
            own = sentence_text.get(first.get("sentence", -1))
            if own == point["text"]:
                del point["text"]
            elif isinstance(own, str) and (cut := _clause(point["text"], own)) is not None:
                del point["text"]
                point[_CLAUSE] = cut
            elif (parts := _as_sentences(point["text"], sentence_text)) is not None:
                del point["text"]
                point[_JOINED] = parts
        for source in sources:
            if isinstance(source, dict):
                if source.get("article_id") == own_id:
                    del source["article_id"]
                for name, default in _SOURCE_DEFAULTS.items():
                    if name in source and _same(source[name], default):
                        del source[name]


def _as_sentences(text: str, sentence_text: dict[int, Any]) -> list[Any] | None:
    """The sentences ``text`` is made of, joined by single spaces: each an id, or [id, skip]
    when the summary left out the sentence's first ``skip`` characters (a leading "و"); None
    when the text is anything else."""
    items = sorted(
        (i, t) for i, t in sentence_text.items() if isinstance(i, int) and isinstance(t, str) and t
    )
    parts: list[Any] = []
    pos = 0
    while pos < len(text):
        for sid, sentence in items:
            found = next(
                (
                    skip
                    for skip in range(min(_MAX_SKIP, len(sentence) - 1) + 1)
                    if text.startswith(sentence[skip:], pos)
                    and (pos + len(sentence) - skip == len(text) or text[pos + len(sentence) - skip] == " ")
                ),
                None,
            )
            if found is not None:
                parts.append(sid if found == 0 else [sid, found])
                pos += len(sentence) - found + 1
                break
        else:
            return None
    return parts if _joined(parts, sentence_text) == text else None


def _clause(text: str, sentence: str) -> list[Any] | None:
    """[skip, end, tail] when ``text`` is the main clause of ``sentence`` (its text from
    ``skip`` to ``end``, a leading "و" or cue left out, then at most two characters of its own,
    e.g. the full stop); else None."""
    for tail in range(3):
        core = text[: len(text) - tail]
        if len(core) < len(text) / 2:
            break
        for skip in range(_MAX_SKIP + 1):
            if sentence.startswith(core, skip):
                return [skip, skip + len(core), text[len(core) :]]
    return None


def _joined(parts: list[Any], sentence_text: dict[int, Any]) -> str:
    return " ".join(
        sentence_text[p][0:] if isinstance(p, int) else sentence_text[p[0]][p[1] :] for p in parts
    )


def unpack_article(data: dict[str, Any]) -> dict[str, Any]:
    """The ``to_dict`` form of a packed article (changes ``data``)."""
    body = data.get("body") or ""
    for key, defaults in _DEFAULTS.items():
        for item in data.get(key) or ():
            if "text" not in item:
                item["text"] = body[item["start"] : item["end"]]
                if key == "mentions" and "canonical" not in item:
                    item["canonical"] = item["text"]
            for name, default in defaults.items():
                if name not in item:
                    item[name] = _copy(default)
    summary = data.get("summary")
    if summary:
        texts = {s["id"]: s["text"] for s in data.get("sentences") or ()}
        points = summary.get("key_points") or []
        for point in points:
            for source in point.get("sources") or ():
                source.setdefault("article_id", data.get("id"))
                for name, default in _SOURCE_DEFAULTS.items():
                    source.setdefault(name, _copy(default))
            if _CLAUSE in point:
                skip, end, tail = point.pop(_CLAUSE)
                point["text"] = texts[point["sources"][0]["sentence"]][skip:end] + tail
            elif _JOINED in point:
                point["text"] = _joined(point.pop(_JOINED), texts)
            elif "text" not in point:
                point["text"] = texts[point["sources"][0]["sentence"]]
        if _JOINED in summary:
            summary["text"] = _joined(summary.pop(_JOINED), texts)
    return data


def pack_quote(data: dict[str, Any], body: str) -> dict[str, Any]:
    """A quote's ``to_dict`` form for the quotes table without what its article says: its
    ``text`` when that is ``body[start:end]``, and fields equal to their default (changes ``data``)."""
    text, start, end = data.get("text"), data.get("start"), data.get("end")
    if (
        isinstance(start, int)
        and isinstance(end, int)
        and 0 <= start <= end <= len(body)
        and body[start:end] == text
    ):
        del data["text"]
    for name, default in _DEFAULTS["quotes"].items():
        if name in data and _same(data[name], default):
            del data[name]
    return data


def unpack_quote(data: dict[str, Any], body: str | None) -> dict[str, Any]:
    """The ``to_dict`` form of a packed quote row; ``body`` (its article's) is needed only
    when the text was left out (changes ``data``)."""
    if "text" not in data:
        data["text"] = (body or "")[data["start"] : data["end"]]
    for name, default in _DEFAULTS["quotes"].items():
        if name not in data:
            data[name] = _copy(default)
    ordered = {name: data.pop(name) for name in _QUOTE_FIELDS if name in data}  # to_dict's order
    ordered.update(data)
    data.clear()
    data.update(ordered)
    return data


# A stored row is either JSON text (rows written before compression, and every row of the
# PostgreSQL store, whose TOAST compresses large values itself) or a BLOB: a tag, then the
# zlib-compressed UTF-8 JSON. A later format takes the next tag; readers know every tag.
ROW_TAG = b"MZ2:"  # zlib with the preset dictionary below
_ROW_TAG_1 = b"MZ1:"  # zlib alone (rows written before the dictionary): read as they are
_LEVEL = 6  # zlib 6: ~3.2x on packed article JSON at ~0.4 ms per row; 9 gains <1% for 35% more time
# The shape of stored rows (keys and short field values, no text: see
# benchmarks/make_row_dictionary.py): a short row no longer pays for every key it names.
# Rows written with it read back only with these very bytes, hence the hash: a new
# dictionary is a new file and a new tag.
_DICTIONARY = "store/rows-2.zdict"
_DICTIONARY_HASH = "baf6df5ccf13653365ba8e20"


@lru_cache(maxsize=1)
def _dictionary() -> bytes:
    data = resources.files("marsad.data").joinpath(_DICTIONARY).read_bytes()
    found = hashlib.blake2b(data, digest_size=12).hexdigest()
    if found != _DICTIONARY_HASH:
        raise RuntimeError(f"marsad/data/{_DICTIONARY} is damaged (hash {found}): stored rows cannot be read")
    return data


@lru_cache(maxsize=1)
def _compressor() -> Any:
    """A compressor primed with the dictionary: each row compresses with a copy of it."""
    return zlib.compressobj(_LEVEL, zdict=_dictionary())


def encode_row(record: Any, *, compress: bool = True) -> str | bytes:
    """``record`` as a stored row: compact JSON, zlib-compressed behind :data:`ROW_TAG` when
    ``compress`` (SQLite), else the JSON text (PostgreSQL)."""
    text = json.dumps(record, ensure_ascii=False, separators=(",", ":"))
    return compress_json(text) if compress else text


def compress_json(text: str) -> bytes:
    """The compressed row of a JSON text (what :func:`encode_row` writes when compressing)."""
    z = _compressor().copy()
    return ROW_TAG + z.compress(text.encode("utf-8")) + z.flush()


def same_row(data: str | bytes | memoryview | None, text: str, *, compress: bool) -> bool:
    """Whether a stored row is the row ``text`` encodes to: the same JSON in the same form
    (compressed rows with the current tag and dictionary, which compress the same text to
    the same bytes; text rows as they are). A row of an older form is never the same."""
    if compress:
        return isinstance(data, bytes) and data.startswith(ROW_TAG) and row_json(data) == text
    return isinstance(data, str) and data == text


def row_json(data: str | bytes | memoryview) -> str:
    """The JSON text of a stored row, whichever way it was written."""
    if isinstance(data, str):
        return data
    raw = bytes(data)
    if raw.startswith(ROW_TAG):
        z = zlib.decompressobj(zdict=_dictionary())
        return (z.decompress(raw[len(ROW_TAG) :]) + z.flush()).decode("utf-8")
    if raw.startswith(_ROW_TAG_1):
        return zlib.decompress(raw[len(_ROW_TAG_1) :]).decode("utf-8")
    return raw.decode("utf-8")  # JSON stored as a BLOB by some other writer


def decode_row(data: str | bytes | memoryview) -> Any:
    """The JSON value of a stored row (see :func:`encode_row`)."""
    return json.loads(row_json(data))


def _same(value: Any, default: Any) -> bool:
    return type(value) is type(default) and value == default


def _copy(value: Any) -> Any:
    return value.copy() if isinstance(value, list | dict) else value
