"""SaudiNewsNet as minimal Articles for the cluster benchmark and report (read-only corpus)."""

from __future__ import annotations

import glob
import json
import zipfile
from pathlib import Path

from marsad.arabic import split_sentences
from marsad.model import Article, Published, Sentence

CORPUS = Path(__file__).resolve().parents[1] / ".." / "shared" / "corpus" / "saudinewsnet" / "dataset"


def load_records(limit: int | None = None) -> list[dict]:
    """Raw records in file order (days in order), with a stable id per record."""
    out: list[dict] = []
    for path in sorted(glob.glob(str(CORPUS / "*.zip"))):
        with zipfile.ZipFile(path) as zf:
            for name in sorted(zf.namelist()):
                for i, rec in enumerate(json.loads(zf.read(name))):
                    rec["id"] = f"{Path(path).stem}#{i:05d}"
                    out.append(rec)
                    if limit and len(out) >= limit:
                        return out
    return out


def to_article(rec: dict) -> Article:
    body = rec["content"] or ""
    sentences = [
        Sentence(id=i, start=s, end=e, text=body[s:e], block=0)
        for i, (s, e) in enumerate(split_sentences(body))
    ]
    return Article(
        id=rec["id"],
        origin="saudinewsnet",
        outlet=rec["source"],
        url=rec.get("url"),
        title=rec.get("title"),
        body=body,
        published=Published(date=(rec.get("date_extracted") or "")[:10] or None, source="metadata"),
        sentences=sentences,
    )
