"""Readers for the corpus formats Arabic news collections are distributed in.

- TREC/SGML ``<DOC>`` files (ANT corpus, TREC, LDC-style): one file may hold several
  ``<DOC>`` elements; each becomes one Document, its ``<DOCNO>`` the id, its ``<TITLE>``/
  ``<HEADLINE>`` the title and its ``<TEXT>`` the body (``<ABSTRACT>`` only when there is no
  text).
- TimeML and other inline-XML text (HeidelTime output: the article on one line inside
  ``<TimeML>``, ``<TIMEX3>`` tags around time expressions): tags stripped, the words inside
  them kept, and each TIMEX3 ``value`` kept as a date hint; a ``CREATION_TIME`` TIMEX3 (the
  document creation time) becomes the publication date.
- Legacy single-byte files padded with NUL bytes at the end (newspaper corpora distributed
  as Windows-1256 text with one trailing NUL): the padding is dropped before the binary test.

These are kept apart from the generic readers in ``marsad.ingest`` so format support and
ingest limits can evolve separately.
"""

from __future__ import annotations

import hashlib
import html
import re
from collections.abc import Iterator
from email.utils import parsedate_to_datetime

from marsad.ingest.ids import document_id
from marsad.model import Document, Rejected

__all__ = ["looks_like_inline_xml", "looks_like_trec", "read_inline_xml", "read_trec", "strip_nul_padding"]


def strip_nul_padding(data: bytes) -> bytes:
    """``data`` without trailing NUL bytes when those are the only NULs (padding, not UTF-16)."""
    stripped = data.rstrip(b"\x00")
    if len(stripped) == len(data) or not stripped or b"\x00" in stripped[:4096]:
        return data
    return stripped


# --------------------------------------------------------------------------- TREC / SGML

_DOC_START = re.compile(r"\A\s*(?:<\?xml[^>]*\?>\s*)?(?:<!--.*?-->\s*)*<DOC(?:\s[^>]*)?>", re.I | re.S)
_DOC = re.compile(r"<DOC(?:\s[^>]*)?>(.*?)(?:</DOC>|(?=<DOC[\s>])|\Z)", re.I | re.S)
_TAG = re.compile(r"<[^<>]{1,200}>")

# Element names per field, in order of preference (TREC, ANT, LDC Gigaword, CLEF).
_TREC_FIELDS = {
    "id": ("DOCNO", "DOCID"),
    "title": ("TITLE", "HEADLINE", "HEAD", "HL", "HEADER"),
    "text": ("TEXT", "BODY"),
    "abstract": ("ABSTRACT", "SUMMARY", "LEAD"),
    "url": ("URL", "LINK"),
    "outlet": ("SRC", "SOURCE", "PUBLISHER"),
    "author": ("AUTHOR", "BYLINE"),
    "published": ("TIME", "DATE", "DATE_TIME", "DATETIME", "PUBDATE"),
}


def looks_like_trec(text: str) -> bool:
    """True when the text starts with a TREC/SGML ``<DOC>`` element."""
    return bool(_DOC_START.match(text.lstrip("\ufeff")))


def _element(doc: str, names: tuple[str, ...]) -> str | None:
    for name in names:
        m = re.search(rf"<{name}(?:\s[^>]*)?>(.*?)</{name}\s*>", doc, re.I | re.S)
        if m:
            value = _plain(m.group(1))
            if value.strip():
                return value
    return None


def _plain(fragment: str) -> str:
    """Inner markup removed (paragraph tags become line breaks), entities decoded."""
    fragment = re.sub(r"</?(?:P|BR|LINE)\b[^>]*>", "\n", fragment, flags=re.I)
    fragment = _TAG.sub("", fragment)
    fragment = html.unescape(fragment).replace("\ufeff", "")
    lines = [line.strip() for line in fragment.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    return "\n".join(lines).strip("\n")


def _iso_date(raw: str | None) -> str | None:
    """RFC 2822 dates ("Wed, 10 Oct 2018 18:25:33 +0000") as ISO; other forms unchanged."""
    if not raw:
        return None
    raw = " ".join(raw.split())
    try:
        return parsedate_to_datetime(raw).isoformat()
    except (TypeError, ValueError, IndexError):
        return raw


def read_trec(text: str, origin: str) -> Iterator[Document | Rejected]:
    """One Document per ``<DOC>`` element; a DOC without text becomes a Rejected."""
    docs = _DOC.findall(text.lstrip("\ufeff"))
    for i, doc in enumerate(docs):
        docno = _element(doc, _TREC_FIELDS["id"])
        where = f"{origin}#{docno or i}"
        body = _element(doc, _TREC_FIELDS["text"]) or _element(doc, _TREC_FIELDS["abstract"])
        if not body:
            yield Rejected(where, "empty_body", "the <DOC> has no <TEXT>", doc[:200])
            continue
        url = _element(doc, _TREC_FIELDS["url"])
        outlet = _element(doc, _TREC_FIELDS["outlet"])
        yield Document(
            doc_id=_safe_id(docno) if docno else document_id(body, url, outlet),
            text=body,
            origin=where,
            format="trec",
            outlet=outlet,
            url=url,
            title=_one_line(_element(doc, _TREC_FIELDS["title"])),
            author=_one_line(_element(doc, _TREC_FIELDS["author"])),
            published=_iso_date(_element(doc, _TREC_FIELDS["published"])),
        )


def _one_line(value: str | None) -> str | None:
    return " ".join(value.split()) if value else None


def _safe_id(docno: str) -> str:
    docno = docno.strip()
    if re.fullmatch(r"[\w.:-]{1,80}", docno):
        return docno
    return hashlib.blake2b(docno.encode("utf-8"), digest_size=8).hexdigest()


# --------------------------------------------------------------------------- TimeML / inline XML

_XML_START = re.compile(r"\A\s*(?:<\?xml[^>]*\?>|<!DOCTYPE\s+TimeML|<TimeML\b)", re.I)
_TIMEX = re.compile(r"<TIMEX3\b([^>]*)>(.*?)</TIMEX3\s*>", re.I | re.S)
_ATTR = re.compile(r"""(\w+)\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_PROLOG = re.compile(r"<\?[^>]*\?>|<!DOCTYPE[^>]*>|<!--.*?-->", re.S)


def looks_like_inline_xml(text: str) -> bool:
    """True for a TimeML document (or XML whose root holds text with inline TIMEX3 tags)."""
    head = text.lstrip("\ufeff")[:2000]
    return bool(_XML_START.match(head)) and bool(re.search(r"<TimeML\b|<TIMEX3\b", text[:200_000], re.I))


def timex_hints(text: str) -> list[tuple[str, str, str, dict[str, str]]]:
    """Every TIMEX3 as ``(inner text, value, type, attributes)``."""
    hints = []
    for m in _TIMEX.finditer(text):
        attrs = {
            a.group(1).lower(): a.group(2) if a.group(2) is not None else a.group(3)
            for a in _ATTR.finditer(m.group(1))
        }
        hints.append((_TAG.sub("", m.group(2)), attrs.get("value", ""), attrs.get("type", ""), attrs))
    return hints


def read_inline_xml(text: str, origin: str) -> Document | Rejected:
    """The document's text with tags stripped; TIMEX3 values kept in ``date_hints``."""
    hints = timex_hints(text)
    creation = next((h[1] for h in hints if h[3].get("functionindocument") == "CREATION_TIME" and h[1]), None)
    body = _PROLOG.sub("", text)
    body = re.sub(r"<DCT\b.*?</DCT\s*>", "", body, flags=re.I | re.S)  # the DCT element is metadata
    body = _plain(body)
    if not body.strip():
        return Rejected(origin, "empty_body", "the XML file holds no text outside its tags")
    return Document(
        doc_id=document_id(body),
        text=body,
        origin=origin,
        format="timeml",
        published=creation,
        date_hints=tuple(f"{t}={v}" for t, v, _k, _a in hints if v),
    )
