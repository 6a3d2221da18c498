"""Web archives (WARC, gzipped or not, via warcio): one Document per archived HTML page."""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed
from warcio.statusandheaders import StatusAndHeadersParserException

from marsad.model import Document, Rejected


def read_warc(
    data: bytes, origin: str, extract_html: Callable[[str, str, str | None], Document | Rejected]
) -> Iterator[Document | Rejected]:
    """HTML responses in the archive, extracted like saved pages; other records are skipped.
    An archive with no HTML response at all is rejected, not passed over in silence."""
    pages = 0
    try:
        for i, record in enumerate(ArchiveIterator(io.BytesIO(data))):
            if record.rec_type != "response" or record.http_headers is None:
                continue
            content_type = record.http_headers.get_header("Content-Type") or ""
            if "html" not in content_type:
                continue
            where = f"{origin}#{i}"
            payload = record.content_stream().read()
            charset = content_type.partition("charset=")[2].strip() or "utf-8"
            try:
                page = payload.decode(charset, errors="replace")
            except LookupError:
                page = payload.decode("utf-8", errors="replace")
            pages += 1
            yield extract_html(page, where, record.rec_headers.get_header("WARC-Target-URI"))
    except (ArchiveLoadFailed, StatusAndHeadersParserException, ValueError) as exc:
        yield Rejected(origin, "bad_archive", f"not a readable WARC file ({exc})")
        return
    if not pages:
        yield Rejected(origin, "bad_archive", "no HTML page in the web archive")
