"""Property tests: no input makes a reader or process_document raise.

Every reader (text, JSON, JSON Lines, HTML, RSS, WARC, ZIP) turns any bytes into Documents and
Rejected records only; every Document is within the article limits; process_document turns any
Document into an Article or a Rejected. Bounded for CI (few examples, no deadline); minimal
failing examples found while writing these are kept as ``@example``s.
"""

from __future__ import annotations

import io
import json
import warnings
import zipfile

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from marsad.ingest import limits, read_bytes
from marsad.model import Article, Document, Rejected
from marsad.pipeline import Settings, process_document

BOUNDED = settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
SUFFIXES = [".txt", ".json", ".jsonl", ".html", ".rss", ".xml", ".warc", ".zip", ".warc.gz", ""]

arabic = st.text(
    alphabet=st.characters(min_codepoint=0x0600, max_codepoint=0x06FF) | st.sampled_from(" \n.،؟!«»"),
    max_size=400,
)
any_text = st.text(max_size=300) | arabic
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | any_text,
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(
            st.sampled_from(["content", "title", "url", "date", "html", "source", "x"]) | st.text(max_size=5),
            children,
            max_size=5,
        )
    ),
    max_leaves=20,
)
html_pages = st.builds(
    lambda title, body, tail: (
        f"<html><head><title>{title}</title></head><body><p>{body}</p>{tail}</body></html>"
    ),
    any_text,
    arabic,
    st.sampled_from(
        ["", "<img src='data:image/png;base64,AAAA'>", "<script>x</script>", "<p", "]]>", "&#99999999;"]
    ),
)
rss_feeds = st.builds(
    lambda title, date, body: (
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>{title}</title><item><title>{title}</title>'
        f"<pubDate>{date}</pubDate><description>{body}</description></item></channel></rss>"
    ),
    any_text,
    st.sampled_from(["", "Mon, 01 Jan 2147483648 00:00:00 GMT", "Tue, 21 Jul 2015 10:00:00 +0300", "x", "0"])
    | st.text(max_size=30),
    arabic,
)


def _check(items: list) -> None:
    for item in items:
        assert isinstance(item, Document | Rejected), item
        if isinstance(item, Document):
            assert item.text.strip()
            assert len(item.text) <= limits.LIMITS.max_article_chars
        else:
            assert item.reason


def _zip(members: list[tuple[str, bytes]]) -> bytes:
    buf = io.BytesIO()
    with warnings.catch_warnings(), zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        warnings.simplefilter("ignore")  # duplicate member names are part of the hostile input
        for name, data in members:
            zf.writestr(name or "x", data)
    return buf.getvalue()


@BOUNDED
@given(st.binary(max_size=2000), st.sampled_from(SUFFIXES))
@example(b"PK\x05\x06" + b"\0" * 18, ".zip")
@example(b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 5\r\n\r\nHTTP/", ".warc")
@example(b"\x1f\x8b\x08\x00", ".warc.gz")
@example(b"\xef\xbb\xbf\xff\xfe", ".txt")
def test_any_bytes_in_any_format_never_raise(data, suffix):
    _check(list(read_bytes(data, f"f{suffix}")))


@BOUNDED
@given(json_values)
@example({"content": {"name": None}})
@example([{"content": "نص", "date": "99999-01-01"}])
def test_any_json_never_raises(value):
    data = json.dumps(value, ensure_ascii=False).encode()
    _check(list(read_bytes(data, "r.json")))
    _check(list(read_bytes(data.replace(b"\n", b" ") + b"\n" + data, "r.jsonl")))


@BOUNDED
@given(html_pages)
def test_any_html_never_raises(page):
    _check(list(read_bytes(page.encode(), "p.html")))


@BOUNDED
@given(rss_feeds)
def test_any_feed_never_raises(feed):
    _check(list(read_bytes(feed.encode(), "f.rss")))


@BOUNDED
@given(
    st.lists(st.tuples(st.text(max_size=20), st.binary(max_size=300) | arabic.map(str.encode)), max_size=5)
)
def test_any_zip_never_raises(members):
    _check(list(read_bytes(_zip(members), "a.zip")))


@BOUNDED
@given(st.text(max_size=30), arabic)
def test_any_warc_never_raises(uri, body):
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=False)
    http = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
    page = f"<html><body><p>{body}</p></body></html>".encode()
    rec = writer.create_warc_record(uri or None, "response", payload=io.BytesIO(page), http_headers=http)
    writer.write_record(rec)
    _check(list(read_bytes(buf.getvalue(), "w.warc")))


@settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
@given(arabic | any_text, st.none() | st.text(max_size=40), st.none() | st.text(max_size=40))
@example("\u0600" * 50, "3000-01-01", None)
@example("قال الوزير في 15 رمضان إن " * 5, "2099-01-01", "عنوان")
def test_process_document_never_raises(text, published, title):
    doc = Document(
        doc_id="p", text=text or " ", origin="p.txt", format="json", published=published, title=title
    )
    result = process_document(doc, Settings())
    assert isinstance(result, Article | Rejected)
    if isinstance(result, Rejected):
        assert not result.reason.startswith("stage_failed"), result
