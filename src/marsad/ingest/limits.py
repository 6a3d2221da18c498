"""Limits that keep reading bounded in memory and time, whatever the input.

Every reader checks these; an input over a limit becomes a :class:`~marsad.model.Rejected`
with a reason that names the limit, never a crash. The figures are documented in the README
("Limits on hostile input"). Tests shrink them with ``monkeypatch.setattr(limits, "LIMITS", …)``,
so readers must read ``limits.LIMITS`` at call time, never copy a field at import.
"""

from __future__ import annotations

from dataclasses import dataclass

MiB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    # one file on disk (read whole: everything after this works on bytes in memory)
    max_file_bytes: int = 200 * MiB
    # ZIP archives: each member, checked while it is decompressed (declared sizes can lie) …
    max_member_bytes: int = 64 * MiB
    # … all members of one archive together, nested archives included …
    max_archive_bytes: int = 512 * MiB
    # … a member that expands more than this many times is a bomb (real news text: < 10x) …
    max_ratio: float = 100.0
    min_ratio_check_bytes: int = 1 * MiB  # tiny members may compress very well; check from here on
    # … archives inside archives, and members per archive.
    max_zip_depth: int = 3
    max_zip_members: int = 200_000
    # JSON objects/arrays nested deeper than this are not articles.
    max_json_depth: int = 64
    # one article's text: the longest real news articles are well under 200k characters.
    max_article_chars: int = 500_000
    max_article_lines: int = 20_000
    # inline data: URIs longer than this are dropped from HTML before parsing
    # (libxml2 refuses text nodes over 10 MB and the text after them would be lost).
    max_data_uri_chars: int = 1024


LIMITS = Limits()
