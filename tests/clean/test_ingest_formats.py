"""Corpus formats read by ingest: TREC/SGML DOC files, TimeML, NUL-padded legacy bytes, JSON keys."""

from __future__ import annotations

import json

from marsad.ingest import read_bytes
from marsad.model import Document

TREC = """<DOC>
<DOCNO>CN-middleEast-1469-20181010</DOCNO>
<URL>http://arabic.cnn.com/middle-east/article/2018/10/10/white-house</URL>
<SRC>CNN</SRC>
<TITLE>البيت الأبيض يعلن عن تواصل مع محمد بن سلمان بشأن خاشقجي</TITLE>
<TIME>Wed, 10 Oct 2018 18:25:33 +0000</TIME>
<AUTHOR></AUTHOR>
<ABSTRACT>
أعلن البيت الأبيض، الأربعاء، عن إجراء اتصالات مع المملكة العربية السعودية.
</ABSTRACT>
<TEXT>
أعلن البيت الأبيض، الأربعاء، عن إجراء اتصالات مع المملكة العربية السعودية بشأن الكاتب جمال خاشقجي.
وقالت المتحدثة باسم البيت الأبيض، سارة ساندرز: &quot;تحدث مستشار الأمن القومي إلى ولي العهد&quot;.
</TEXT>
</DOC>
<DOC>
<DOCNO>FR-middleEast-748-20180706</DOCNO>
<TITLE>تركيا: أحكام بالسجن تصل إلى 10 أعوام بحق صحافيين</TITLE>
<TEXT>
أصدرت محكمة تركية الجمعة أحكاما بالسجن تصل إلى 10 أعوام بحق صحافيين.
</TEXT>
</DOC>
"""


def docs(data: bytes, name: str) -> list:
    return list(read_bytes(data, f"/corpus/{name}"))


def test_trec_file_with_two_docs_gives_two_articles_with_docno_ids() -> None:
    a, b = docs(TREC.encode(), "BB-1.txt")
    assert isinstance(a, Document) and isinstance(b, Document)
    assert a.doc_id == "CN-middleEast-1469-20181010" and b.doc_id == "FR-middleEast-748-20180706"
    assert a.title == "البيت الأبيض يعلن عن تواصل مع محمد بن سلمان بشأن خاشقجي"
    assert a.url.startswith("http://arabic.cnn.com/") and a.outlet == "CNN" and a.author is None
    assert a.published == "2018-10-10T18:25:33+00:00"
    assert "<" not in a.text and "DOCNO" not in a.text and "http" not in a.text
    assert a.text.startswith("أعلن البيت الأبيض") and '"تحدث مستشار' in a.text  # entities decoded
    assert "ABSTRACT" not in a.text and a.text.count("أعلن البيت الأبيض") == 1  # abstract not added
    assert a.origin.endswith("#CN-middleEast-1469-20181010") and b.title.startswith("تركيا:")


def test_trec_doc_without_text_is_rejected_and_the_rest_read() -> None:
    data = "<DOC><DOCNO>X-1</DOCNO><TITLE>عنوان</TITLE></DOC>\n" + TREC
    out = docs(data.encode(), "x.txt")
    assert [type(o).__name__ for o in out] == ["Rejected", "Document", "Document"]
    assert out[0].reason == "empty_body" and "X-1" in out[0].origin


TIMEML = (
    '<?xml version="1.0"?>\n<!DOCTYPE TimeML SYSTEM "TimeML.dtd">\n<TimeML>\n\ufeffيفتتح بعد غد '
    '<TIMEX3 tid="t1" type="DATE" value="2015-12-22">الثلاثاء</TIMEX3> سالم بن حميد الشبلي معرض '
    "(رؤى فنية) للطالب ياسر بن علي الهادي. وحصل على المركز الاول في الملتقى الطلابي الذي احتضنته "
    'ولاية صور <TIMEX3 tid="t7" type="DATE" value="PAST_REF">مؤخرا</TIMEX3>.\n</TimeML>\n'
)


def test_timeml_tags_stripped_words_and_timex_values_kept() -> None:
    (doc,) = docs(TIMEML.encode(), "doc1.txt")
    assert doc.format == "timeml" and doc.title is None
    assert "<" not in doc.text and "\ufeff" not in doc.text
    assert doc.text.startswith("يفتتح بعد غد الثلاثاء سالم") and doc.text.endswith("ولاية صور مؤخرا.")
    assert doc.date_hints == ("الثلاثاء=2015-12-22", "مؤخرا=PAST_REF")


def test_timeml_creation_time_becomes_published() -> None:
    text = TIMEML.replace(
        "<TimeML>\n",
        '<TimeML>\n<DCT><TIMEX3 tid="t0" type="DATE" value="2015-12-20" functionInDocument="CREATION_TIME">'
        "2015-12-20</TIMEX3></DCT>\n",
    )
    (doc,) = docs(text.encode(), "doc1.tml")
    assert doc.published == "2015-12-20" and not doc.text.startswith("2015")


CP1256_BODY = "كاتبات إماراتيات يقدمن تجربتهن ويوقعن قصصاً للأطفال في الشارقة\r\nالشارقة - الاتحاد\r\n"


def test_windows_1256_with_a_trailing_nul_byte_is_text() -> None:
    (doc,) = docs(CP1256_BODY.encode("cp1256") + b"\x00", "AEC1.txt")
    assert isinstance(doc, Document) and doc.text.startswith("كاتبات إماراتيات") and "\x00" not in doc.text


def test_nul_bytes_inside_still_binary() -> None:
    (rej,) = docs(b"\x00\x01\x02" * 50 + CP1256_BODY.encode("cp1256") + b"\x00", "x.txt")
    assert rej.reason == "binary"


def test_utf16_text_is_not_touched_by_nul_stripping() -> None:
    (doc,) = docs("\ufeffخبر عاجل عن الاقتصاد\n".encode("utf-16-le"), "u.txt")
    assert isinstance(doc, Document) and doc.text.strip() == "خبر عاجل عن الاقتصاد"


def test_json_keys_any_case() -> None:
    rec = {
        "Title": "باكستان تحظر احتفالات رأس السنة",
        "Text": "أعلنت الحكومة الباكستانية حظر الاحتفالات.",
        "URL": "u",
    }
    (doc,) = docs(json.dumps([rec], ensure_ascii=False).encode(), "a.json")
    assert doc.title == rec["Title"] and doc.text == rec["Text"] and doc.url == "u"


def test_json_full_text_wins_over_description() -> None:
    body = "أعلن رئيس الوزراء الباكستاني حظر كل احتفالات رأس السنة الميلادية تضامنا مع غزة. " * 3
    rec = {"description": "باكستان تحظر احتفالات رأس السنة", "full_text": body, "article_body": None}
    (doc,) = docs(json.dumps(rec, ensure_ascii=False).encode(), "a.json")
    assert doc.text == body.strip()


def test_json_body_as_list_of_paragraphs_keeps_lines() -> None:
    rec = {"title": "عنوان", "content": ["الفقرة الأولى من الخبر.", "الفقرة الثانية، من الخبر."]}
    (doc,) = docs(json.dumps(rec, ensure_ascii=False).encode(), "a.jsonl")
    assert doc.text == "الفقرة الأولى من الخبر.\nالفقرة الثانية، من الخبر."
