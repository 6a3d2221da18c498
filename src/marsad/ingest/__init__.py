"""Readers that turn files into :class:`~marsad.model.Document` records.

``read_sources(paths)`` walks files and folders (sorted, so runs are reproducible) and yields
one Document per article or one :class:`~marsad.model.Rejected` per input that cannot be
read — a bad file never stops the batch and is never dropped silently.

Formats, chosen by file name: plain text (``.txt``, or any file without a known suffix that
decodes as text), JSON (``.json``: one record or an array of records), JSON Lines
(``.jsonl``/``.ndjson``), saved web pages (``.html``/``.htm``, extracted with trafilatura),
RSS/Atom feeds (``.rss``/``.atom``/``.xml``, feedparser), web archives (``.warc``/``.warc.gz``,
warcio) and ZIP archives of any of these (the SaudiNewsNet day files).
"""

from __future__ import annotations

import contextvars
import dataclasses
import html
import io
import json
import os
import re
import stat
import zipfile
from collections.abc import Iterable, Iterator
from pathlib import Path

from marsad.ingest import limits
from marsad.ingest.corpus_formats import (
    looks_like_inline_xml,
    looks_like_trec,
    read_inline_xml,
    read_trec,
    strip_nul_padding,
)
from marsad.ingest.encoding import DecodeError, decode, decode_with_notices, looks_binary
from marsad.ingest.html_page import recover_lead
from marsad.ingest.ids import document_id
from marsad.ingest.records import FIELDS as _FIELDS
from marsad.ingest.records import folded_keys
from marsad.model import Document, Rejected

__all__ = ["decode", "document_id", "read_bytes", "read_sources", "iter_files"]

TEXT_SUFFIXES = {".txt", ".text", ".md", "", ".tml", ".timeml", ".sgml", ".sgm", ".trec"}
JSON_SUFFIXES = {".json"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
ZIP_SUFFIXES = {".zip"}
FEED_SUFFIXES = {".rss", ".atom", ".xml"}
WARC_SUFFIXES = {".warc", ".gz"}  # .gz only as .warc.gz
KNOWN_SUFFIXES = (
    TEXT_SUFFIXES
    | JSON_SUFFIXES
    | JSONL_SUFFIXES
    | HTML_SUFFIXES
    | ZIP_SUFFIXES
    | FEED_SUFFIXES
    | WARC_SUFFIXES
)

MAX_FILE_BYTES = limits.LIMITS.max_file_bytes  # kept for callers; readers use limits.LIMITS


def iter_files(paths: Iterable[str | Path]) -> Iterator[Path | Rejected]:
    """Files under ``paths`` in a stable order. Whatever cannot be read is reported as a
    Rejected with its reason, never skipped in silence: missing paths, dangling symbolic
    links, link loops, unreadable folders, and FIFOs, sockets or devices (reading a FIFO
    would block the run forever)."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            yield from _walk(path, path, set())
        elif path.is_file():
            yield path
        else:
            yield _not_a_file(path)


def _not_a_file(path: Path) -> Rejected:
    if path.is_symlink():
        try:
            path.resolve(strict=True)
        except RuntimeError:
            return Rejected(str(path), "symlink_loop", "the symbolic link points back into itself")
        except OSError:
            return Rejected(
                str(path), "broken_link", f"the symbolic link points to nothing ({os.readlink(path)})"
            )
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        return Rejected(str(path), "not_found", "no such file or folder")
    except OSError as exc:
        if exc.errno == 40:  # ELOOP
            return Rejected(str(path), "symlink_loop", "the symbolic link points back into itself")
        return Rejected(str(path), "unreadable", exc.strerror or str(exc))
    kind = "a FIFO" if stat.S_ISFIFO(mode) else "a socket" if stat.S_ISSOCK(mode) else "a device"
    return Rejected(str(path), "not_regular_file", f"{kind}, not a regular file")


def _walk(root: Path, folder: Path, seen: set[tuple[int, int]]) -> Iterator[Path | Rejected]:
    try:
        st = folder.stat()
        key = (st.st_dev, st.st_ino)
        if key in seen:
            yield Rejected(str(folder), "symlink_loop", "a linked folder that contains itself")
            return
        seen = seen | {key}
        with os.scandir(folder) as it:
            entries = sorted(it, key=lambda e: e.name)
    except OSError as exc:
        yield Rejected(str(folder), "unreadable", f"cannot list the folder ({exc.strerror or exc})")
        return
    for entry in entries:
        child = Path(entry.path)
        if entry.name.startswith("."):
            continue
        try:
            is_dir = entry.is_dir()
            is_file = not is_dir and entry.is_file()
        except OSError:
            is_dir = is_file = False
        if is_dir:
            yield from _walk(root, child, seen)
            continue
        if not is_file:
            yield _not_a_file(child)
            continue
        if child.suffix.lower() not in KNOWN_SUFFIXES:
            yield Rejected(str(child), "unsupported_format", f"unknown file type {child.suffix!r}")
            continue
        if child.name == "gold.json" or child.name.startswith("README"):
            continue  # annotation and documentation files that sit beside corpora
        yield child


def read_sources(paths: Iterable[str | Path]) -> Iterator[Document | Rejected]:
    """Every article in ``paths`` as a Document, every unreadable input as a Rejected."""
    for item in iter_files(paths):
        if isinstance(item, Rejected):
            yield item
            continue
        try:
            st = item.stat()
            if not stat.S_ISREG(st.st_mode):
                yield _not_a_file(item)
                continue
            cap = limits.LIMITS.max_file_bytes
            if st.st_size > cap:
                yield Rejected(str(item), "too_large", f"{st.st_size} bytes (limit {cap})")
                continue
            data = item.read_bytes()
        except OSError as exc:
            yield Rejected(str(item), "unreadable", exc.strerror or str(exc))
            continue
        yield from read_bytes(data, str(item))


def read_bytes(data: bytes, origin: str) -> Iterator[Document | Rejected]:
    """Documents in one file's bytes; ``origin`` names the file (suffix picks the format).

    Reading is isolated: whatever goes wrong inside a reader (a library bug, input nested too
    deep, memory) ends that file as a Rejected naming it, after the articles already read from
    it; and every Document is checked against the article size limits."""
    try:
        for item in _read_format(data, origin):
            yield _checked(item) if isinstance(item, Document) else item
    except RecursionError:
        yield Rejected(origin, "too_deep", "nested too deeply to read")
    except MemoryError:
        yield Rejected(origin, "too_large", "not enough memory to read it")
    except Exception as exc:  # noqa: BLE001 — one bad file must never stop the batch
        yield Rejected(origin, "reader_failed", f"{type(exc).__name__}: {exc}"[:300])


def _checked(doc: Document) -> Document | Rejected:
    lim = limits.LIMITS
    if len(doc.text) > lim.max_article_chars:
        return Rejected(
            doc.origin,
            "article_too_large",
            f"{len(doc.text)} characters (limit {lim.max_article_chars})",
            doc.text[:200],
        )
    lines = doc.text.count("\n") + 1
    if lines > lim.max_article_lines:
        return Rejected(
            doc.origin, "article_too_large", f"{lines} lines (limit {lim.max_article_lines})", doc.text[:200]
        )
    return doc


def _read_format(data: bytes, origin: str) -> Iterator[Document | Rejected]:
    name = Path(origin.split("!")[-1]).name.lower()
    suffix = Path(name).suffix
    if suffix in ZIP_SUFFIXES:
        yield from _read_zip(data, origin)
        return
    if name.endswith((".warc", ".warc.gz")):
        from marsad.ingest.warc import read_warc

        yield from read_warc(data, origin, _extract_html)
        return
    if suffix == ".gz":
        yield Rejected(origin, "unsupported_format", "a .gz file that is not a .warc.gz web archive")
        return
    if not data.strip():
        yield Rejected(origin, "empty_file", "the file is empty")
        return
    data = strip_nul_padding(data)
    if looks_binary(data):
        yield Rejected(origin, "binary", "binary data, not text", _sample(data))
        return
    try:
        text, _encoding, notices = decode_with_notices(data)
    except (DecodeError, UnicodeDecodeError) as exc:
        yield Rejected(origin, "undecodable", str(exc), _sample(data))
        return
    for item in _read_text_format(data, text, origin, suffix):
        if notices and isinstance(item, Document):
            item = dataclasses.replace(item, notices=[*item.notices, *notices])
        yield item


def _read_text_format(data: bytes, text: str, origin: str, suffix: str) -> Iterator[Document | Rejected]:
    if suffix in JSON_SUFFIXES:
        yield from _read_json(text, origin)
    elif suffix in JSONL_SUFFIXES:
        yield from _read_jsonl(text, origin)
    elif suffix in HTML_SUFFIXES:
        yield _extract_html(text, origin)
    elif suffix in FEED_SUFFIXES and (looks_like_trec(text) or looks_like_inline_xml(text)):
        yield from _read_text(text, origin)
    elif suffix in FEED_SUFFIXES:
        from marsad.ingest.feeds import read_feed

        yield from read_feed(data, origin, _record_document)
    else:
        yield from _read_text(text, origin)


def _read_text(text: str, origin: str) -> Iterator[Document | Rejected]:
    """A text file: a TREC/SGML <DOC> collection, a TimeML file, or plain text."""
    if looks_like_trec(text):
        yield from read_trec(text, origin)
    elif looks_like_inline_xml(text):
        yield read_inline_xml(text, origin)
    else:
        yield _text_document(text, origin)


def _sample(data: bytes) -> str:
    return data[:80].hex(" ")


def _text_document(text: str, origin: str) -> Document | Rejected:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        return Rejected(origin, "empty_file", "the file holds only white space")
    return Document(doc_id=document_id(text), text=text, origin=origin, format="text")


# Bytes decompressed so far from the outermost archive being read (nested archives included).
_ARCHIVE_BUDGET: contextvars.ContextVar[list[int] | None] = contextvars.ContextVar(
    "archive_budget", default=None
)


def _unsafe_member_name(name: str) -> bool:
    parts = name.replace("\\", "/").split("/")
    return name.startswith(("/", "\\")) or ".." in parts or (len(name) > 1 and name[1] == ":")


def _read_zip(data: bytes, origin: str) -> Iterator[Document | Rejected]:
    lim = limits.LIMITS
    depth = origin.count("!")  # members of archives inside archives are named a.zip!b.zip!c.txt
    if depth >= lim.max_zip_depth:
        yield Rejected(origin, "too_deep", f"archive nested more than {lim.max_zip_depth} levels deep")
        return
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError) as exc:
        yield Rejected(origin, "bad_archive", str(exc))
        return
    budget = _ARCHIVE_BUDGET.get()
    token = _ARCHIVE_BUDGET.set([0]) if budget is None else None
    try:
        with archive:
            infos = archive.infolist()
            if len(infos) > lim.max_zip_members:
                yield Rejected(
                    origin, "archive_too_large", f"{len(infos)} members (limit {lim.max_zip_members})"
                )
                return
            for info in sorted(infos, key=lambda i: i.filename):
                member = f"{origin}!{info.filename}"
                if _unsafe_member_name(info.filename):
                    yield Rejected(member, "unsafe_path", "member name leaves the archive (absolute or '..')")
                    continue
                if info.is_dir() or Path(info.filename).name.startswith((".", "__MACOSX")):
                    continue
                payload = _read_member(archive, info, member)
                if isinstance(payload, Rejected):
                    yield payload
                    if payload.reason == "archive_too_large":
                        return
                    continue
                yield from read_bytes(payload, member)
    finally:
        if token is not None:
            _ARCHIVE_BUDGET.reset(token)


def _read_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, member: str) -> bytes | Rejected:
    """A member's bytes, decompressed in steps so that no limit is passed by more than one step
    — the sizes a ZIP declares can lie."""
    lim = limits.LIMITS
    budget = _ARCHIVE_BUDGET.get() or [0]

    def too_big(size: int) -> Rejected | None:
        if size > lim.max_member_bytes:
            return Rejected(
                member, "archive_too_large", f"member over {lim.max_member_bytes} bytes uncompressed"
            )
        if size >= lim.min_ratio_check_bytes and size > lim.max_ratio * max(info.compress_size, 1):
            return Rejected(
                member,
                "zip_bomb",
                f"expands more than {lim.max_ratio:g} times ({info.compress_size} compressed bytes)",
            )
        if budget[0] + size > lim.max_archive_bytes:
            return Rejected(
                member, "archive_too_large", f"archive over {lim.max_archive_bytes} bytes uncompressed"
            )
        return None

    declared = too_big(info.file_size)
    if declared is not None:
        return declared
    chunks: list[bytes] = []
    size = 0
    try:
        with archive.open(info) as fh:
            while chunk := fh.read(1024 * 1024):
                size += len(chunk)
                over = too_big(size)
                if over is not None:
                    return over
                chunks.append(chunk)
    except (zipfile.BadZipFile, OSError, RuntimeError, EOFError, ValueError, NotImplementedError) as exc:
        return Rejected(member, "bad_archive", str(exc))
    budget[0] += size
    return b"".join(chunks)


def _json_depth_ok(value: object) -> bool:
    """False when ``value`` nests objects/arrays deeper than the limit (checked without recursion)."""
    cap = limits.LIMITS.max_json_depth
    stack: list[tuple[object, int]] = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict):
            children: Iterable[object] = item.values()
        elif isinstance(item, list):
            children = item
        else:
            continue
        if depth > cap:
            return False
        stack.extend((c, depth + 1) for c in children if isinstance(c, dict | list))
    return True


def _parse_json(text: str) -> tuple[object, str | None]:
    """``(value, None)``, or ``(None, why)`` for text that is not JSON or is nested too deep."""
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        return None, f"line {exc.lineno}, column {exc.colno}: {exc.msg}"
    except RecursionError:
        return None, f"nested more than {limits.LIMITS.max_json_depth} levels deep"
    if not _json_depth_ok(value):
        return None, f"nested more than {limits.LIMITS.max_json_depth} levels deep"
    return value, None


def _read_json(text: str, origin: str) -> Iterator[Document | Rejected]:
    data, why = _parse_json(text)
    if why is not None:
        yield Rejected(origin, "bad_json", why)
        return
    records = data if isinstance(data, list) else [data]
    if isinstance(data, dict):
        for key in ("articles", "items", "data", "records"):
            if isinstance(data.get(key), list):
                records = data[key]
                break
    for i, record in enumerate(records):
        yield _record_document(record, f"{origin}#{i}")


def _read_jsonl(text: str, origin: str) -> Iterator[Document | Rejected]:
    for lineno, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{origin}#{lineno}"
        record, why = _parse_json(line)
        if why is not None:
            yield Rejected(where, "bad_json", f"line {lineno}: {why.partition(': ')[2] or why}", line[:200])
            continue
        yield _record_document(record, where)


# Scrapers often store text fields still HTML-escaped ("&#8220;", "&quot;", "&amp;").
_ENTITY = re.compile(r"&(?:#\d{2,6}|#x[0-9a-fA-F]{2,5}|[a-zA-Z]{2,8});")


def _field(record: dict, name: str) -> str | None:
    record = folded_keys(record)
    for key in _FIELDS[name]:
        value = record.get(key)
        if isinstance(value, list):
            joiner = "\n" if name in ("text", "html") else ", "
            value = joiner.join(str(v) for v in value if v)
        if isinstance(value, dict):
            value = value.get("name") or value.get("title")
        if value is not None and str(value).strip():
            value = str(value).strip()
            if name != "html" and _ENTITY.search(value):
                value = html.unescape(value)
            return value
    return None


def _record_document(record: object, origin: str) -> Document | Rejected:
    if not isinstance(record, dict):
        return Rejected(origin, "bad_record", f"expected a JSON object, got {type(record).__name__}")
    text = _field(record, "text")
    html = _field(record, "html")
    meta = {k: _field(record, k) for k in ("title", "outlet", "url", "author", "published")}
    keys = folded_keys(record)
    fmt = "saudinewsnet" if "dateextracted" in keys and "content" in keys else "json"
    if not text and html:
        extracted = _extract_html(html, origin, meta["url"])
        if isinstance(extracted, Rejected):
            return extracted
        text = extracted.text
        meta = {k: meta[k] or getattr(extracted, k) for k in meta}
    if not text:
        sample = json.dumps(record, ensure_ascii=False)[:200]
        return Rejected(origin, "empty_body", "the record has no article text", sample)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return Document(
        doc_id=document_id(text, meta["url"], meta["outlet"]),
        text=text,
        origin=origin,
        format=fmt,
        html=html,
        title=meta["title"],
        outlet=meta["outlet"],
        url=meta["url"],
        author=meta["author"],
        published=meta["published"],
    )


def strip_data_uris(page: str) -> str:
    """The page with long inline ``data:`` URIs (base64 images) emptied: libxml2 refuses text
    nodes over 10 MB, and everything after such an image would be lost."""
    cap = limits.LIMITS.max_data_uri_chars
    if len(page) < cap or "data:" not in page:
        return page
    return re.sub(r"data:[^\"'()\s,]{0,100},[^\"'()<>]{" + str(cap) + ",}", "data:,", page)


def _extract_html(html: str, origin: str, url: str | None = None) -> Document | Rejected:
    import trafilatura

    html = strip_data_uris(html)

    result = trafilatura.bare_extraction(
        html, url=url, with_metadata=True, include_comments=False, include_tables=False, favor_recall=True
    )
    # bare_extraction returns trafilatura's Document (or a dict only with as_dict=True)
    if result is None or isinstance(result, dict) or not result.text:
        return Rejected(origin, "empty_body", "no article text found in the HTML page")
    text: str = recover_lead(html, result.text, result.title)
    return Document(
        doc_id=document_id(result.text, url or result.url),  # ids stay what they were before the lead
        text=text,
        origin=origin,
        format="html",
        outlet=result.sitename or result.hostname,
        url=url or result.url,
        title=result.title,
        author=result.author,
        published=result.date,
        html=html,
    )
