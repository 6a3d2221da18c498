"""Every SaudiNewsNet article of one day file cleans, or is rejected with a reason."""

from __future__ import annotations

import html
import json
import zipfile
from collections import Counter
from pathlib import Path

import pytest
from clean_invariants import assert_consistent

from marsad.arabic import strip_controls
from marsad.clean import CleanError, clean_document
from marsad.model import Document

DATASET = Path(__file__).resolve().parents[2] / ".." / "shared" / "corpus" / "saudinewsnet" / "dataset"
ZIPS = sorted(DATASET.glob("*.zip")) if DATASET.is_dir() else []


@pytest.mark.skipif(not ZIPS, reason="SaudiNewsNet corpus not present")
def test_one_day_file_cleans_without_exceptions() -> None:
    path = min(ZIPS, key=lambda p: p.stat().st_size)  # the smallest day keeps the test short
    with zipfile.ZipFile(path) as zf:
        records = [rec for name in zf.namelist() for rec in json.loads(zf.read(name))]
    outcomes: Counter[str] = Counter()
    for n, rec in enumerate(records):
        content = rec.get("content") or ""
        doc = Document(
            doc_id=f"{path.name}#{n}",
            text=content,
            origin=f"{path.name}#{n}",
            format="saudinewsnet",
            outlet=rec.get("source"),
            url=rec.get("url"),
            title=rec.get("title"),
            author=rec.get("author"),
            published=rec.get("date_extracted"),
        )
        try:
            article = clean_document(doc)
        except CleanError as err:
            assert err.reason in {"empty_body", "only_boilerplate", "no_arabic_text", "too_short"}
            if not content.strip():
                assert err.reason == "empty_body"
            outcomes[err.reason] += 1
            continue
        assert_consistent(doc, article)
        if (rec.get("title") or "").strip():
            # The metadata title is kept, with entities and bidi marks decoded, spaces collapsed.
            assert article.title == " ".join(strip_controls(html.unescape(rec["title"])).split())
        assert article.outlet == rec.get("source")
        outcomes["clean"] += 1
    assert outcomes["clean"] >= 0.9 * len(records), outcomes
