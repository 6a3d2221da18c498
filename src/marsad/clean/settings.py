"""Settings of the clean stage and its domain error."""

from __future__ import annotations

from dataclasses import dataclass


class CleanError(ValueError):
    """The document has no usable body; ``reason`` is a short machine word
    ("empty_body", "only_boilerplate", "no_arabic_text", "too_short")."""

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason = reason
        self.detail = detail


@dataclass(frozen=True)
class CleanSettings:
    """Thresholds of the cleaner. Defaults fit Arabic news pages."""

    min_body_chars: int = 25  # shorter bodies are rejected as "too_short"
    min_arabic_letters: int = 10  # fewer Arabic letters: "no_arabic_text"
    heading_max_words: int = 12
    heading_max_chars: int = 110
    title_max_words: int = 22
    head_zone_lines: int = 8  # bylines, datelines and teasers are looked for this far in
    inline_headings: bool = True  # split headings that run into the prose of long lines
    inline_min_chars: int = 400  # on bodies of at most 3 lines, lines this long are scanned for them
    inline_long_chars: int = 1500  # in longer bodies, only lines this long
    caption_max_words: int = 40
    related_max_words: int = 16  # link titles after an "اقرأ أيضا" marker are at most this long
    # A body too short (or all boilerplate) under an informative title is kept, flagged
    # ``title_only``, instead of being rejected: the headline is the news.
    keep_title_only: bool = True
    title_only_min_words: int = 4

    def __post_init__(self) -> None:
        if self.heading_max_words < 2 or self.min_body_chars < 0:
            raise ValueError("heading_max_words must be >= 2 and min_body_chars >= 0")
