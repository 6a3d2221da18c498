"""Each hostile input of issue 15 is read without crashing: bad records become Rejected with
their reason, and the good records around them are kept."""

from __future__ import annotations

import io
import zipfile

import pytest
from hostile import (
    article,
    bomb_payload,
    deep_json,
    json_line,
    jsonl,
    nested_zip,
    record,
    zip_bytes,
)

from marsad.ingest import limits, read_bytes
from marsad.model import Document, Rejected


def split(items):
    items = list(items)
    docs = [i for i in items if isinstance(i, Document)]
    rejected = [i for i in items if isinstance(i, Rejected)]
    return docs, rejected


# ---------------------------------------------------------------- WARC


def _warc(records: list[tuple[str | None, str]]) -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=False)
    for uri, page in records:
        http = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        rec = writer.create_warc_record(
            uri, "response", payload=io.BytesIO(page.encode()), http_headers=http, warc_headers_dict={}
        )
        writer.write_record(rec)
    return buf.getvalue()


def _page(n: int) -> str:
    return (
        f"<html><head><title>خبر {n}</title></head><body><article><p>{article(n)}</p></article></body></html>"
    )


def test_warc_response_without_target_uri_is_rejected_and_the_archive_goes_on():
    data = _warc([("http://a.example/1", _page(1)), (None, _page(2)), ("http://a.example/3", _page(3))])
    docs, rejected = split(read_bytes(data, "web.warc"))
    assert [d.url for d in docs] == ["http://a.example/1", "http://a.example/3"]
    assert [(r.origin, r.reason) for r in rejected] == [("web.warc#1", "bad_record")]
    assert "WARC-Target-URI" in rejected[0].detail


# ---------------------------------------------------------------- JSON


def test_json_nested_100000_deep_is_bad_json_not_a_crash():
    (rejected,) = read_bytes(deep_json(100_000).encode(), "deep.json")
    assert rejected.reason == "bad_json" and "nested" in rejected.detail


def test_json_nested_past_the_limit_but_parseable_is_bad_json():
    value = '{"content": ' + "[" * 200 + '"x"' + "]" * 200 + "}"
    (rejected,) = read_bytes(value.encode(), "deep.json")
    assert rejected.reason == "bad_json"


def test_jsonl_deep_line_loses_only_that_line():
    data = jsonl(json_line(1), deep_json(100_000), json_line(3))
    docs, rejected = split(read_bytes(data, "feed.jsonl"))
    assert [d.origin for d in docs] == ["feed.jsonl#1", "feed.jsonl#3"]
    assert [(r.origin, r.reason) for r in rejected] == [("feed.jsonl#2", "bad_json")]


# ---------------------------------------------------------------- ZIP


def test_zip_nested_700_levels_is_rejected_at_the_depth_limit():
    (rejected,) = read_bytes(nested_zip(700, article().encode()), "deep.zip")
    assert rejected.reason == "too_deep"
    assert rejected.origin.count("!") == limits.LIMITS.max_zip_depth


def test_zip_nested_within_the_limit_is_read():
    (doc,) = read_bytes(nested_zip(limits.LIMITS.max_zip_depth, article().encode()), "ok.zip")
    assert isinstance(doc, Document) and doc.origin == "ok.zip!a.zip!a.zip!a.txt"


def test_zip_bomb_with_the_ratio_of_the_real_one_is_refused_and_its_neighbours_kept():
    # 8.8 MB → 2.2 GB is a ratio of 250; the same ratio at 4 MiB is refused before any byte is kept.
    data = zip_bytes(
        {
            "a.txt": article(1).encode(),
            "bomb.txt": bomb_payload(4 * 1024 * 1024),
            "c.txt": article(3).encode(),
        }
    )
    docs, rejected = split(read_bytes(data, "day.zip"))
    assert [d.origin for d in docs] == ["day.zip!a.txt", "day.zip!c.txt"]
    assert [(r.origin, r.reason) for r in rejected] == [("day.zip!bomb.txt", "zip_bomb")]


def test_zip_member_limit_is_checked_while_decompressing(monkeypatch):
    # Declared sizes can lie: the check runs on the bytes actually decompressed.
    monkeypatch.setattr(
        limits, "LIMITS", limits.Limits(max_member_bytes=64 * 1024, min_ratio_check_bytes=10**12)
    )
    big = (article() * 400).encode()  # ~100 KB of text, ratio well under the bomb limit
    data = bytearray(zip_bytes({"big.txt": big}))
    # Forge the declared uncompressed size (local header and central directory) to 10 bytes.
    for sig, offset in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        at = bytes(data).find(sig)
        data[at + offset : at + offset + 4] = (10).to_bytes(4, "little")
    items = list(read_bytes(bytes(data), "liar.zip"))
    assert [i.reason for i in items if isinstance(i, Rejected)] in (["archive_too_large"], ["bad_archive"])
    assert not any(isinstance(i, Document) for i in items)


def test_zip_archive_total_is_limited(monkeypatch):
    monkeypatch.setattr(limits, "LIMITS", limits.Limits(max_archive_bytes=2 * len(article(1).encode()) + 10))
    data = zip_bytes({f"{n}.txt": article(n).encode() for n in range(4)})
    docs, rejected = split(read_bytes(data, "many.zip"))
    assert len(docs) == 2
    assert [r.reason for r in rejected] == ["archive_too_large"]


@pytest.mark.parametrize("name", ["..\\..\\x.txt", "../../x.txt", "/etc/x.txt", "C:\\x.txt"])
def test_zip_member_leaving_the_archive_is_reported(name):
    data = zip_bytes({name: article().encode(), "ok.txt": article(2).encode()})
    docs, rejected = split(read_bytes(data, "t.zip"))
    assert [d.origin for d in docs] == ["t.zip!ok.txt"]
    assert [r.reason for r in rejected] == ["unsafe_path"]


def test_zip_bomb_of_300_mb_class_yields_no_huge_article(monkeypatch):
    # 1.2 MB → 300 MB (ratio 250) was accepted as one 184 MB article; shrunk 100x, same ratio.
    data = zip_bytes({"page.json": bomb_payload(3 * 1024 * 1024)})
    (rejected,) = read_bytes(data, "b.zip")
    assert rejected.reason == "zip_bomb"


# ---------------------------------------------------------------- size and lines


def test_an_article_over_the_size_cap_is_rejected_with_the_limit():
    text = ("كلمة " * 120_000).encode()  # 600,000 characters on one line
    (rejected,) = read_bytes(text, "long.txt")
    assert rejected.reason == "article_too_large"
    assert str(limits.LIMITS.max_article_chars) in rejected.detail


def test_a_million_short_lines_are_rejected_early():
    (rejected,) = read_bytes(b"\xd9\x86\n" * 1_000_000, "lines.txt")
    assert rejected.reason == "article_too_large"


# ---------------------------------------------------------------- encodings


def test_utf8_with_one_stray_byte_stays_utf8_and_the_byte_is_reported():
    text = article()
    data = text.encode() + b"\xff" + text.encode()
    (doc,) = read_bytes(data, "stray.txt")
    assert doc.text == text + "\ufffd" + text
    assert any("invalid_utf8" in n for n in doc.notices)


def test_a_windows_1256_paragraph_in_a_utf8_file_is_not_mojibake():
    para = "هذه فقرة كتبت بترميز ويندوز العربي في ملف كتب بغيره"
    data = article().encode() + para.encode("cp1256") + b"\n" + article(2).encode()
    (doc,) = read_bytes(data, "mixed.txt")
    assert para in doc.text and article(2) in doc.text
    assert any("Windows-1256" in n for n in doc.notices)


def test_plain_windows_1256_still_reads_as_windows_1256():
    (doc,) = read_bytes(article().encode("cp1256"), "old.txt")
    assert doc.text == article() and not doc.notices


# ---------------------------------------------------------------- HTML


def test_html_with_a_large_inline_image_keeps_the_text_after_it():
    image = "data:image/png;base64," + "iVBORw0KGgo" * 1_100_000  # ~12 MB, past libxml2's 10 MB limit
    page = (
        f'<html><body><article><p>{article(1)}</p><img src="{image}">'
        f"<p>{article(2)}</p><p>الفقرة الأخيرة بعد الصورة الكبيرة تبقى في النص المستخرج من الصفحة.</p></article></body></html>"
    )
    (doc,) = read_bytes(page.encode(), "page.html")
    assert isinstance(doc, Document)
    assert "الفقرة الأخيرة بعد الصورة" in doc.text


# ---------------------------------------------------------------- isolation


def test_a_reader_that_crashes_becomes_a_rejected_naming_the_file(monkeypatch):
    import marsad.ingest as ingest

    def boom(text, origin):
        yield ingest._record_document(record(1), f"{origin}#0")
        raise KeyError("library bug")

    monkeypatch.setattr(ingest, "_read_json", boom)
    docs, rejected = split(read_bytes(b"[]", "x.json"))
    assert len(docs) == 1
    assert [(r.origin, r.reason) for r in rejected] == [("x.json", "reader_failed")]
    assert "KeyError" in rejected[0].detail


def test_a_crash_inside_one_zip_member_keeps_the_other_members(monkeypatch):
    import marsad.ingest as ingest

    real = ingest._text_document

    def flaky(text, origin):
        if origin.endswith("b.txt"):
            raise RecursionError
        return real(text, origin)

    monkeypatch.setattr(ingest, "_text_document", flaky)
    data = zip_bytes(
        {"a.txt": article(1).encode(), "b.txt": article(2).encode(), "c.txt": article(3).encode()}
    )
    docs, rejected = split(read_bytes(data, "z.zip"))
    assert [d.origin for d in docs] == ["z.zip!a.txt", "z.zip!c.txt"]
    assert [(r.origin, r.reason) for r in rejected] == [("z.zip!b.txt", "too_deep")]


def test_zip_limits_are_the_documented_ones():
    lim = limits.Limits()
    assert lim.max_ratio == 100 and lim.max_zip_depth == 3 and lim.max_article_chars == 500_000
    assert zipfile.ZIP_DEFLATED  # the bombs above are deflate, like the real ones
