"""Offsets in the scanner's NUL-free folded text, mapped back to the original text."""

from __future__ import annotations

import bisect
import re


class OffsetMap:
    """Offsets in the NUL-free folded text back to the original: NUL runs (marks, hamza on
    the line) are few, so a bisect over them beats a per-character index."""

    def __init__(self, raw: str) -> None:
        self.runs: list[int] = []  # compact offset where each NUL run was removed
        self.shifts: list[int] = []  # NULs removed up to and including that run
        removed = 0
        for run in _NUL_RUN.finditer(raw):
            self.runs.append(run.start() - removed)
            removed += run.end() - run.start()
            self.shifts.append(removed)

    def original(self, offset: int) -> int:
        i = bisect.bisect_right(self.runs, offset)
        return offset + (self.shifts[i - 1] if i else 0)


_NUL_RUN = re.compile("\x00+")
