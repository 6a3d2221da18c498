"""Web archives (WARC, gzipped or not, via warcio): one Document per archived HTML page."""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed
from warcio.statusandheaders import StatusAndHeadersParserException

from marsad.ingest import limits
from marsad.model import Document, Rejected


def _archive_iterator(data: bytes) -> ArchiveIterator:
    records = ArchiveIterator(io.BytesIO(data))
    # warcio calls uri.startswith() on WARC-Target-URI, and a response record without one
    # ends the whole archive with an AttributeError: read it as a record without HTTP headers,
    # which is then reported below, and go on with the next record.
    load = records.loader.load_http_headers
    records.loader.load_http_headers = lambda rec_type, uri, stream, length: load(
        rec_type, uri or "", stream, length
    )
    return records


def read_warc(
    data: bytes, origin: str, extract_html: Callable[[str, str, str | None], Document | Rejected]
) -> Iterator[Document | Rejected]:
    """HTML responses in the archive, extracted like saved pages; other records are skipped.
    An archive with no HTML response at all is rejected, not passed over in silence."""
    pages = 0
    try:
        for i, record in enumerate(_archive_iterator(data)):
            if record.rec_type != "response":
                continue
            target = record.rec_headers.get_header("WARC-Target-URI")
            if not target:
                pages += 1  # reported: the archive is not "without pages"
                yield Rejected(f"{origin}#{i}", "bad_record", "WARC response record without WARC-Target-URI")
                continue
            if record.http_headers is None:
                continue
            content_type = record.http_headers.get_header("Content-Type") or ""
            if "html" not in content_type:
                continue
            where = f"{origin}#{i}"
            cap = limits.LIMITS.max_member_bytes
            payload = record.content_stream().read(cap + 1)
            if len(payload) > cap:
                yield Rejected(where, "too_large", f"archived page over {cap} bytes")
                continue
            charset = content_type.partition("charset=")[2].strip() or "utf-8"
            try:
                page = payload.decode(charset, errors="replace")
            except LookupError:
                page = payload.decode("utf-8", errors="replace")
            pages += 1
            yield extract_html(page, where, target)
    except (ArchiveLoadFailed, StatusAndHeadersParserException, ValueError) as exc:
        yield Rejected(origin, "bad_archive", f"not a readable WARC file ({exc})")
        return
    if not pages:
        yield Rejected(origin, "bad_archive", "no HTML page in the web archive")
