"""Articles that used to fail a stage: dates out of range, very long lines."""

from __future__ import annotations

import tracemalloc

from hostile import article, json_line, jsonl

from marsad.ingest import read_bytes
from marsad.model import Article, Document
from marsad.pipeline import Settings, process_document


def doc(text: str, published: str | None = None) -> Document:
    return Document(doc_id="x", text=text, origin="a.json#0", format="json", published=published)


def test_a_metadata_date_outside_the_calendars_with_a_hijri_date_in_the_text_keeps_the_article():
    for published in ("2099-01-01", "1901-05-05", "3000-01-01", "0001-01-01"):
        result = process_document(doc(article(), published), Settings())
        assert isinstance(result, Article), (published, result)


def test_an_impossible_metadata_year_is_ignored_and_reported():
    result = process_document(doc(article(), "3000-01-01"), Settings())
    assert isinstance(result, Article)
    assert result.published is None or result.published.date != "3000-01-01"
    assert any(n.startswith("bad_date") and "3000-01-01" in n for n in result.notices)


def test_rss_year_2147483648_is_ignored_and_reported():
    feed = (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>وكالة</title>'
        f"<item><title>خبر</title><link>http://a.example/1</link><pubDate>Mon, 01 Jan 2147483648 00:00:00 GMT</pubDate>"
        f"<description>{article()}</description></item></channel></rss>"
    )
    (document,) = read_bytes(feed.encode(), "feed.rss")
    result = process_document(document, Settings())
    assert isinstance(result, Article), result
    assert any(n.startswith("bad_date") for n in result.notices)


def test_notices_from_reading_reach_the_article():
    (document,) = read_bytes(article().encode() + b"\xfe" + article(2).encode(), "stray.txt")
    result = process_document(document, Settings())
    assert isinstance(result, Article)
    assert any("invalid_utf8" in n for n in result.notices)


def test_summarising_a_huge_line_of_short_sentences_stays_near_linear():
    # 512 KB of one line cut into ~3,200 sentences took 1.6 GB (a dense sentence matrix).
    unit = "وقال المتحدث باسم الوزارة إن الحكومة ستواصل العمل مع الشركاء، و"
    text = (unit * (256_000 // len(unit)))[:256_000]
    from marsad.clean import clean_document
    from marsad.pipeline import ARTICLE_STAGES

    settings = Settings()
    art = clean_document(doc(text), settings.clean)
    for name, stage in ARTICLE_STAGES:
        if name == "summarize":
            tracemalloc.start()
            art = stage(art, settings)
            peak = tracemalloc.get_traced_memory()[1]
            tracemalloc.stop()
        elif name != "entities":
            art = stage(art, settings)
    assert len(art.sentences) > 1000
    assert peak < 120 * 1024 * 1024, f"summarize peaked at {peak / 2**20:.0f} MiB"


def test_a_jsonl_batch_with_every_bad_line_kind_keeps_the_good_lines():
    data = jsonl(json_line(1), "[" * 50_000, "not json", '"a string"', json_line(5, date="99999-99-99"))
    items = list(read_bytes(data, "mix.jsonl"))
    assert [type(i).__name__ for i in items] == ["Document", "Rejected", "Rejected", "Rejected", "Document"]
