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

import hashlib
import html
import io
import json
import re
import zipfile
from collections.abc import Iterable, Iterator
from pathlib import Path

from marsad.ingest.encoding import DecodeError, decode, looks_binary
from marsad.model import Document, Rejected

__all__ = ["decode", "document_id", "read_bytes", "read_sources", "iter_files"]

TEXT_SUFFIXES = {".txt", ".text", ".md", ""}
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

# Field names seen in scraper output, in order of preference.
_FIELDS = {
    "text": ("content", "text", "body", "article", "article_text", "maintext", "description"),
    "html": ("html", "raw_html", "content_html"),
    "title": ("title", "headline", "name"),
    "outlet": ("source", "outlet", "site", "sitename", "publisher", "source_domain", "domain"),
    "url": ("url", "link", "canonical_url", "source_url"),
    "author": ("author", "authors", "byline", "writer"),
    "published": (
        "published",
        "date",
        "published_at",
        "date_published",
        "publish_date",
        "pubDate",
        "datetime",
        "date_publish",
        "date_extracted",
    ),
}

MAX_FILE_BYTES = 200 * 1024 * 1024


def document_id(text: str, url: str | None = None, outlet: str | None = None) -> str:
    """A stable 16-hex-digit id: from the URL when there is one, else from the text.

    The same article read twice (same URL, or same text without a URL) gets the same id,
    which is what makes re-ingestion add nothing.
    """
    key = f"url:{url.strip()}" if url and url.strip() else "text:" + " ".join(text.split())
    if outlet and not url:
        key = f"{outlet}|{key}"
    return hashlib.blake2b(key.encode("utf-8"), digest_size=8).hexdigest()


def iter_files(paths: Iterable[str | Path]) -> Iterator[Path | Rejected]:
    """Files under ``paths`` in a stable order; missing paths come out as Rejected."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for child in sorted(p for p in path.rglob("*") if p.is_file()):
                if any(part.startswith(".") for part in child.relative_to(path).parts):
                    continue
                if child.suffix.lower() not in KNOWN_SUFFIXES:
                    yield Rejected(str(child), "unsupported_format", f"unknown file type {child.suffix!r}")
                    continue
                if child.name == "gold.json" or child.name.startswith("README"):
                    continue  # annotation and documentation files that sit beside corpora
                yield child
        elif path.is_file():
            yield path
        else:
            yield Rejected(str(path), "not_found", "no such file or folder")


def read_sources(paths: Iterable[str | Path]) -> Iterator[Document | Rejected]:
    """Every article in ``paths`` as a Document, every unreadable input as a Rejected."""
    for item in iter_files(paths):
        if isinstance(item, Rejected):
            yield item
            continue
        try:
            size = item.stat().st_size
            if size > MAX_FILE_BYTES:
                yield Rejected(str(item), "too_large", f"{size} bytes (limit {MAX_FILE_BYTES})")
                continue
            data = item.read_bytes()
        except OSError as exc:
            yield Rejected(str(item), "unreadable", exc.strerror or str(exc))
            continue
        yield from read_bytes(data, str(item))


def read_bytes(data: bytes, origin: str) -> Iterator[Document | Rejected]:
    """Documents in one file's bytes; ``origin`` names the file (suffix picks the format)."""
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
    if looks_binary(data):
        yield Rejected(origin, "binary", "binary data, not text", _sample(data))
        return
    try:
        text, _encoding = decode(data)
    except (DecodeError, UnicodeDecodeError) as exc:
        yield Rejected(origin, "undecodable", str(exc), _sample(data))
        return
    if suffix in JSON_SUFFIXES:
        yield from _read_json(text, origin)
    elif suffix in JSONL_SUFFIXES:
        yield from _read_jsonl(text, origin)
    elif suffix in HTML_SUFFIXES:
        yield _extract_html(text, origin)
    elif suffix in FEED_SUFFIXES:
        from marsad.ingest.feeds import read_feed

        yield from read_feed(data, origin, _record_document)
    else:
        yield _text_document(text, origin)


def _sample(data: bytes) -> str:
    return data[:80].hex(" ")


def _text_document(text: str, origin: str) -> Document | Rejected:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        return Rejected(origin, "empty_file", "the file holds only white space")
    return Document(doc_id=document_id(text), text=text, origin=origin, format="text")


def _read_zip(data: bytes, origin: str) -> Iterator[Document | Rejected]:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as exc:
        yield Rejected(origin, "bad_archive", str(exc))
        return
    with archive:
        for info in sorted(archive.infolist(), key=lambda i: i.filename):
            if info.is_dir() or Path(info.filename).name.startswith((".", "__MACOSX")):
                continue
            member = f"{origin}!{info.filename}"
            try:
                payload = archive.read(info)
            except (zipfile.BadZipFile, OSError, RuntimeError) as exc:
                yield Rejected(member, "bad_archive", str(exc))
                continue
            yield from read_bytes(payload, member)


def _read_json(text: str, origin: str) -> Iterator[Document | Rejected]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        yield Rejected(origin, "bad_json", f"line {exc.lineno}, column {exc.colno}: {exc.msg}")
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
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield Rejected(where, "bad_json", f"line {lineno}: {exc.msg}", line[:200])
            continue
        yield _record_document(record, where)


# Scrapers often store text fields still HTML-escaped ("&#8220;", "&quot;", "&amp;").
_ENTITY = re.compile(r"&(?:#\d{2,6}|#x[0-9a-fA-F]{2,5}|[a-zA-Z]{2,8});")


def _field(record: dict, name: str) -> str | None:
    for key in _FIELDS[name]:
        value = record.get(key)
        if isinstance(value, list):
            value = ", ".join(str(v) for v in value if v)
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
    fmt = "saudinewsnet" if "date_extracted" in record and "content" in record else "json"
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
        **meta,
    )


def _extract_html(html: str, origin: str, url: str | None = None) -> Document | Rejected:
    import trafilatura

    result = trafilatura.bare_extraction(
        html, url=url, with_metadata=True, include_comments=False, include_tables=False, favor_recall=True
    )
    # bare_extraction returns trafilatura's Document (or a dict only with as_dict=True)
    if result is None or isinstance(result, dict) or not result.text:
        return Rejected(origin, "empty_body", "no article text found in the HTML page")
    text: str = result.text
    return Document(
        doc_id=document_id(text, url or result.url),
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
