"""Stable article ids, shared by every reader (its own module so readers need not import the package)."""

from __future__ import annotations

import hashlib


def document_id(text: str, url: str | None = None, outlet: str | None = None) -> str:
    """A stable 16-hex-digit id: from the URL when there is one, else from the text.

    The same article read twice (same URL, or same text without a URL) gets the same id,
    which is what makes re-ingestion add nothing.
    """
    key = f"url:{url.strip()}" if url and url.strip() else "text:" + " ".join(text.split())
    if outlet and not url:
        key = f"{outlet}|{key}"
    return hashlib.blake2b(key.encode("utf-8"), digest_size=8).hexdigest()
