"""The five seed articles against the hand annotation in gold.json (a check, not tuning)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from clean_invariants import assert_consistent

from marsad.clean import clean_document
from marsad.model import Document

SEEDS = Path(__file__).resolve().parents[2] / ".." / "shared" / "corpus" / "seeds"

pytestmark = pytest.mark.skipif(not (SEEDS / "gold.json").exists(), reason="shared corpus not present")


def _gold() -> dict:
    return json.loads((SEEDS / "gold.json").read_text(encoding="utf-8"))["articles"]


def _clean(doc_id: str):
    path = SEEDS / f"{doc_id}.txt"
    doc = Document(doc_id=doc_id, text=path.read_text(encoding="utf-8"), origin=str(path), format="text")
    return doc, clean_document(doc)


def _ids() -> list[str]:
    return sorted(_gold()) if (SEEDS / "gold.json").exists() else []


@pytest.mark.parametrize("doc_id", _ids())
def test_noise_byline_and_caption_lines_leave_the_body(doc_id: str) -> None:
    gold = _gold()[doc_id]
    doc, article = _clean(doc_id)
    for line in gold.get("noise_lines", []):
        assert line not in article.body, line
        assert any(r.text == line for r in article.removed), f"{line!r} removed without a record"
    if "byline" in gold:
        assert gold["byline"] not in article.body
        assert article.byline == gold["byline"]
    caption = gold.get("caption_lines_start_with")
    if caption:
        assert caption not in article.body
        assert any(r.reason == "caption" and r.text.startswith(caption) for r in article.removed)
    assert_consistent(doc, article)


@pytest.mark.parametrize("doc_id", _ids())
def test_headings_are_heading_blocks(doc_id: str) -> None:
    gold = _gold()[doc_id]
    _, article = _clean(doc_id)
    headings = {b.text for b in article.blocks if b.kind == "heading"}
    for heading in gold.get("headings", []) + gold.get("headings_inline", []):
        assert heading in headings, heading


@pytest.mark.parametrize("doc_id", _ids())
def test_titles_match_gold(doc_id: str) -> None:
    _, article = _clean(doc_id)
    assert article.title == _gold()[doc_id]["title"]
    if article.title:
        assert article.title not in article.body


def test_inline_headings_keep_true_raw_offsets() -> None:
    doc_id = next(k for k, v in _gold().items() if v.get("headings_inline"))
    doc, article = _clean(doc_id)
    inline = [b for b in article.blocks if b.kind == "heading"]
    assert len(inline) == len(_gold()[doc_id]["headings_inline"])
    for block in inline:
        assert doc.text[block.raw_start : block.raw_end] == block.text


def test_embedded_summary_is_kept_apart_with_its_key_points() -> None:
    doc_id, gold = next((k, v) for k, v in _gold().items() if v.get("embedded_summary"))
    _, article = _clean(doc_id)
    box = article.embedded_summary
    assert box is not None
    assert box.label_lines == gold["embedded_summary"]["label_lines"]
    assert len(box.key_points) == gold["embedded_summary"]["key_points"]
    assert box.summary
    for text in [*box.label_lines, box.summary, *box.key_points]:
        assert text not in article.body


def test_dateline_is_read_into_place_and_source() -> None:
    doc_id, gold = next((k, v) for k, v in _gold().items() if v.get("dateline"))
    _, article = _clean(doc_id)
    assert article.dateline is not None
    assert (article.dateline.place, article.dateline.source) == (
        gold["dateline"]["place"],
        gold["dateline"]["source"],
    )
    assert article.dateline.text not in article.body
    assert article.outlet == gold["dateline"]["source"]  # no outlet in the metadata of a text file
