"""Checks every cleaned article must pass, shared by the clean tests."""

from __future__ import annotations

from marsad.clean.lines import display_text
from marsad.model import Article, Document

# Characters that may be dropped without a record: layout, not content.
_LAYOUT = set(" \t\r\n\f\v\xa0\u2028\u2029\x85\ufeff\u200b\u200c\u200d\u200e\u200f\u061c")
_LAYOUT |= {chr(c) for c in range(0x202A, 0x202F)} | {chr(c) for c in range(0x2066, 0x206A)}
_LAYOUT |= {chr(c) for c in range(0x2000, 0x200B)} | {"\u202f", "\u205f", "\u3000"}


def assert_consistent(doc: Document, article: Article) -> None:
    """Blocks index the body and the raw text; nothing left the body without a record."""
    assert article.body == "\n\n".join(b.text for b in article.blocks)
    covered = bytearray(len(doc.text))
    for block in article.blocks:
        assert article.body[block.start : block.end] == block.text
        assert 0 <= block.raw_start < block.raw_end <= len(doc.text)
        assert display_text(doc.text[block.raw_start : block.raw_end]).strip() == block.text
        covered[block.raw_start : block.raw_end] = b"\x01" * (block.raw_end - block.raw_start)
    for removed in article.removed:
        assert removed.reason, removed
        assert 0 <= removed.raw_start < removed.raw_end <= len(doc.text), removed
        for pos in range(removed.raw_start, removed.raw_end):
            assert not covered[pos] == 1 or doc.text[pos] in _LAYOUT, (
                "removed text is also in a block",
                removed,
            )
        covered[removed.raw_start : removed.raw_end] = b"\x02" * (removed.raw_end - removed.raw_start)
    lost = "".join(ch for pos, ch in enumerate(doc.text) if not covered[pos] and ch not in _LAYOUT)
    assert not lost, f"removed silently: {lost[:80]!r}"
