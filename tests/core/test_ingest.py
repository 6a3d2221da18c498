import io
import json
import zipfile

import pytest

from marsad.ingest import read_sources
from marsad.model import Document, Rejected

TEXT = "وزير الخارجية السوري أسعد الشيباني يصل إلى موسكو في زيارة رسمية تستمر يومين.\n"


def read(tmp_path, name, data: bytes):
    path = tmp_path / name
    path.write_bytes(data)
    return list(read_sources([path]))


@pytest.mark.parametrize(
    "encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "cp1256", "iso8859_6"]
)
def test_every_arabic_encoding_reads_back_the_same_text(tmp_path, encoding):
    (doc,) = read(tmp_path, "a.txt", TEXT.encode(encoding))
    assert isinstance(doc, Document)
    assert doc.text == TEXT


def test_windows_1256_and_iso_8859_6_are_told_apart(tmp_path):
    # The two code pages disagree on the letters ف ق ك ل م ن ه و: decoding with the wrong
    # one gives accented Latin letters, which the detector must not accept.
    text = "فقال المتحدث إن الوفد وصل إلى مكة والمدينة"
    (doc,) = read(tmp_path, "b.txt", text.encode("iso8859_6"))
    assert doc.text == text
    (doc,) = read(tmp_path, "c.txt", text.encode("cp1256"))
    assert doc.text == text


def test_bad_inputs_are_rejected_with_a_reason_and_the_batch_goes_on(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.txt").write_text("  \n\n ")
    (tmp_path / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    (tmp_path / "broken.json").write_text('{"title": "x", "content": ')
    (tmp_path / "good.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "notes.pdf").write_bytes(b"%PDF-1.4")
    items = list(read_sources([tmp_path, tmp_path / "missing.txt"]))
    reasons = {i.origin.rsplit("/", 1)[-1]: i.reason for i in items if isinstance(i, Rejected)}
    assert reasons == {
        "empty.txt": "empty_file",
        "blank.txt": "empty_file",
        "image.txt": "binary",
        "broken.json": "bad_json",
        "notes.pdf": "unsupported_format",
        "missing.txt": "not_found",
    }
    assert [i.text for i in items if isinstance(i, Document)] == [TEXT]


def test_json_records_map_common_scraper_fields(tmp_path):
    records = [
        {
            "url": "https://example.com/a",
            "source": "sana",
            "title": "عنوان",
            "author": "فريق التحرير",
            "date": "2025-07-31",
            "content": TEXT,
        },
        {"url": "https://example.com/b", "source": "sana", "title": "بلا نص", "content": "   "},
    ]
    docs = read(tmp_path, "feed.json", json.dumps(records, ensure_ascii=False).encode())
    assert isinstance(docs[0], Document)
    assert (docs[0].outlet, docs[0].title, docs[0].published, docs[0].url) == (
        "sana",
        "عنوان",
        "2025-07-31",
        "https://example.com/a",
    )
    assert isinstance(docs[1], Rejected) and docs[1].reason == "empty_body"
    assert docs[1].origin.endswith("feed.json#1")


def test_jsonl_bad_line_is_reported_with_its_line_number(tmp_path):
    lines = [
        json.dumps({"text": TEXT}, ensure_ascii=False),
        "{not json",
        json.dumps({"text": TEXT + "2"}, ensure_ascii=False),
    ]
    items = read(tmp_path, "feed.jsonl", "\n".join(lines).encode())
    assert [type(i).__name__ for i in items] == ["Document", "Rejected", "Document"]
    assert items[1].origin.endswith("#2")


def test_saudinewsnet_style_zip_of_a_json_array(tmp_path):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr(
            "2015-07-21.json",
            json.dumps(
                [
                    {
                        "source": "was",
                        "url": "http://spa.gov.sa/1",
                        "date_extracted": "2015-07-21 02:47:47",
                        "title": "خبر",
                        "author": "",
                        "content": TEXT,
                    },
                ],
                ensure_ascii=False,
            ),
        )
    (doc,) = read(tmp_path, "2015-07-21.zip", buf.getvalue())
    assert doc.format == "saudinewsnet" and doc.outlet == "was" and doc.published == "2015-07-21 02:47:47"
    assert "!2015-07-21.json#0" in doc.origin


def test_html_pages_are_extracted_with_trafilatura(tmp_path):
    body = "".join(f"<p>{TEXT.strip()} الفقرة رقم {i}.</p>" for i in range(5))
    html = f"""<html lang="ar" dir="rtl"><head><title>الشيباني في موسكو</title></head>
    <body><nav>الرئيسية | سياسة | اقتصاد</nav><article><h1>الشيباني في موسكو</h1>{body}</article>
    <footer>جميع الحقوق محفوظة</footer></body></html>"""
    (doc,) = read(tmp_path, "page.html", html.encode("utf-8"))
    assert doc.format == "html" and doc.title == "الشيباني في موسكو"
    assert "الفقرة رقم 4" in doc.text and "جميع الحقوق محفوظة" not in doc.text


def test_ids_are_stable_across_reads(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(TEXT, encoding="utf-8")
    first = list(read_sources([path]))[0].doc_id
    path.write_text(TEXT, encoding="utf-16")
    assert list(read_sources([path]))[0].doc_id == first


def test_html_escaped_fields_of_json_records_are_decoded(tmp_path):
    record = {
        "title": "&#8220;أوبك&#8221; تبقي الإنتاج",
        "content": "قال الوزير &quot;لا تغيير&quot; في السياسة النفطية &amp; الأسعار.",
    }
    (doc,) = read(tmp_path, "a.json", json.dumps(record, ensure_ascii=False).encode())
    assert doc.title == "“أوبك” تبقي الإنتاج"
    assert doc.text == 'قال الوزير "لا تغيير" في السياسة النفطية & الأسعار.'


RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>
<title>وكالة الأنباء</title><link>https://example.com</link><description>أخبار</description>
<item><title>الشيباني في موسكو</title><link>https://example.com/1</link>
<pubDate>Thu, 31 Jul 2025 10:00:00 +0300</pubDate>
<content:encoded><![CDATA[<p>وصل وزير الخارجية السوري إلى موسكو.</p><p>والتقى نظيره الروسي في الكرملين.</p>]]></content:encoded></item>
<item><title>بلا نص</title><link>https://example.com/2</link></item>
</channel></rss>"""


def test_rss_entries_become_documents_and_an_empty_entry_is_rejected(tmp_path):
    items = read(tmp_path, "feed.rss", RSS.encode("utf-8"))
    doc, empty = items
    assert isinstance(doc, Document) and doc.outlet == "وكالة الأنباء" and doc.url == "https://example.com/1"
    assert doc.text == "وصل وزير الخارجية السوري إلى موسكو.\nوالتقى نظيره الروسي في الكرملين."
    assert doc.published.startswith("Thu, 31 Jul 2025")
    assert (
        isinstance(empty, Rejected) and empty.reason == "empty_body" and empty.origin.endswith("feed.rss#1")
    )


def test_an_xml_file_that_is_not_a_feed_is_rejected(tmp_path):
    (item,) = read(tmp_path, "data.xml", b"<?xml version='1.0'?><catalog><book>x</book></catalog>")
    assert isinstance(item, Rejected) and item.reason == "bad_feed"


def test_warc_html_responses_are_extracted(tmp_path):
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    page = (
        "<html><body><article><h1>عنوان الخبر</h1>"
        + "".join(f"<p>{TEXT.strip()} الفقرة {i}.</p>" for i in range(4))
        + "</article></body></html>"
    )
    path = tmp_path / "crawl.warc.gz"
    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        headers = StatusAndHeaders(
            "200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.0"
        )
        writer.write_record(
            writer.create_warc_record(
                "https://example.com/news/1",
                "response",
                payload=io.BytesIO(page.encode()),
                http_headers=headers,
            )
        )
    (doc,) = list(read_sources([path]))
    assert isinstance(doc, Document) and doc.url == "https://example.com/news/1"
    assert "الفقرة 3" in doc.text


def test_a_damaged_warc_is_rejected(tmp_path):
    (item,) = read(tmp_path, "broken.warc", b"WARC/1.0\r\nthis is not a record\r\n\r\n" * 3)
    assert isinstance(item, Rejected) and item.reason == "bad_archive"
