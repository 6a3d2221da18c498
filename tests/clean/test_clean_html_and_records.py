"""HTML pages (lead kept, what trafilatura leaves removed), title-only items, captions as
records, and the page-printed publication date.

The HTML page is built here around real text (an AFP profile printed by a Bahraini daily,
pages_dev t12) with the blocks real sites carry: navigation, a lead paragraph apart from the
body, a figure caption, an "اقرأ أيضا" link list, a share bar, a comment policy and form.
"""

from __future__ import annotations

from clean_invariants import assert_consistent

from marsad.clean import CleanError, clean_document
from marsad.dates import resolve_article
from marsad.ingest import read_bytes
from marsad.ingest.html_page import markup_hints, recover_lead
from marsad.model import Document, Rejected
from marsad.pipeline import Settings, process_document

TITLE = "مناف طلاس... من الشاب المدلل إلى العميد المنشق"
LEAD = (
    "العميد مناف طلاس الذي انشق عن الجيش السوري انتقل من مرحلة «الحظوة» لدى النظام والصداقة مع "
    "الرئيس السوري بشار الأسد إلى خيار الانشقاق عن الجيش ومغادرة الأراضي السورية."
)
BODY = [
    "وينظر إلى مناف طلاس (48 عاماً) على أنه أحد رموز «الشباب المدلل» في دمشق. بهي الطلعة، أنيق، "
    "يحب السيارات الفخمة، يدخن السيجار، ويرتاد المقاهي الحديثة في العاصمة السورية.",
    "وكان والده العماد مصطفى طلاس صديقاً للرئيس الراحل حافظ الأسد الذي حكم سورية لمدة ثلاثين عاماً. "
    "فأصبح مناف صديقاً لباسل الأسد، النجل الأكبر لحافظ الأسد، ثم صديقاً لشقيقه بشار.",
    "وعلى خطى والديهما اللذين التقيا في المدرسة الحربية في حمص في بداية الخمسينات، توجه باسل ومناف "
    "نحو الحياة العسكرية وكانا ضابطين في الحرس الجمهوري، قوات النخبة العسكرية في البلاد.",
    "ويقول الخبير في الشئون السورية، فابريس بالانش «مصطفى طلاس قام بخيار فائق الذكاء: وضع ابنه "
    "الثالث في الجيش وابنه الأكبر فراس في مجال الأعمال».",
    "وكان فراس يشرف على مجموعة «من أجل سورية» المتخصصة في إمداد الجيش السوري بالمواد الغذائية "
    "والملابس والأدوية، وقد أعطت عائلة الأسد عائلة طلاس هذا الامتياز.",
]
RELATED = [
    "المعارضة السورية تعلن تشكيل مجلس عسكري جديد في حلب",
    "روسيا تحذر من أي تدخل عسكري خارجي في سوريا",
    "الأمم المتحدة تمدد مهمة المراقبين في سوريا لشهر واحد",
]
POLICY = "التعليقات المنشورة لا تعبر بالضرورة عن رأي الصحيفة، ونرجو الالتزام بآداب الحوار وعدم الإساءة."
CAPTION = "العميد مناف طلاس خلال عرض عسكري في دمشق"


def page() -> str:
    p = "".join(f"<p>{t}</p>" for t in BODY[:3])
    q = "".join(f"<p>{t}</p>" for t in BODY[3:])
    links = "".join(f'<li><a href="/a/{i}">{t}</a></li>' for i, t in enumerate(RELATED))
    return f"""<!DOCTYPE html><html lang="ar" dir="rtl"><head><meta charset="utf-8">
<title>{TITLE} | صحيفة الوسط</title><meta property="og:title" content="{TITLE}"></head><body>
<header><nav><ul><li><a href="/">الرئيسية</a></li><li><a href="/politics">سياسة</a></li></ul></nav></header>
<main><article><h1>{TITLE}</h1><div class="meta"><span class="date">الثلاثاء 10 يوليو 2012</span></div>
<p>{LEAD}</p>
<div class="article-body">{p}
<div class="wp-caption"><img src="/i.jpg"><p class="wp-caption-text">{CAPTION}</p></div>
<p><strong>اقرأ أيضا:</strong></p><ul>{links}</ul>{q}<p>{POLICY}</p></div>
<div class="share"><a href="#">شارك</a> <a href="#">فيسبوك</a> <a href="#">تويتر</a></div></article>
<section class="comments"><h3>التعليقات</h3><form><textarea></textarea><button>أرسل تعليقك</button></form></section>
</main><footer><p>جميع الحقوق محفوظة © 2012</p></footer></body></html>"""


def test_html_page_keeps_its_lead_and_loses_related_links_and_comment_policy() -> None:
    (doc,) = read_bytes(page().encode("utf-8"), "/pages/talas.html")
    assert isinstance(doc, Document) and doc.text.startswith(LEAD)
    article = clean_document(doc)
    assert_consistent(doc, article)
    assert article.body.startswith(LEAD) and all(t in article.body for t in BODY)
    assert not any(t in article.body for t in RELATED) and POLICY not in article.body
    assert "اقرأ أيضا" not in article.body and "شارك" not in article.body
    assert {r.reason for r in article.removed if POLICY[:20] in r.text} == {"comments"}


def test_recover_lead_only_puts_back_what_sits_between_headline_and_body() -> None:
    html = page()
    kept = "\n".join(BODY)
    assert recover_lead(html, kept, TITLE).startswith(LEAD + "\n" + BODY[0])
    assert recover_lead(html, LEAD + "\n" + kept, TITLE) == LEAD + "\n" + kept  # nothing dropped
    assert recover_lead("<html><body><p>نص</p></body></html>", "نص آخر") == "نص آخر"


def test_markup_hints_name_captions_and_link_items() -> None:
    hints = markup_hints(page())
    assert hints[CAPTION] == "caption" and all(hints[t] == "related" for t in RELATED)
    assert "الرئيسية" in hints and not any(t in hints for t in BODY)


def test_markup_caption_left_in_the_text_becomes_a_caption_record() -> None:
    text = "\n".join([BODY[0], CAPTION, *BODY[1:]])
    doc = Document(doc_id="h", text=text, origin="h.html", format="html", title=TITLE, html=page())
    article = clean_document(doc)
    assert_consistent(doc, article)
    assert CAPTION not in article.body and [c.text for c in article.captions] == [CAPTION]


def test_title_only_item_is_kept_and_flagged() -> None:
    title = "أمير منطقة الرياض يستقبل سفير اليابان لدى المملكة"
    doc = Document(doc_id="t1", text="صور", origin="t1.json", format="json", title=title)
    article = process_document(doc, Settings())
    assert not isinstance(article, Rejected)
    assert article.title_only and article.title == title


def test_short_body_without_an_informative_title_is_too_short_not_no_arabic() -> None:
    for text, title in [("وزير", None), ("وزير الصحة يفتتح", "عاجل")]:
        try:
            clean_document(Document(doc_id="x", text=text, origin="x.txt", format="text", title=title))
        except CleanError as err:
            assert err.reason == "too_short"
        else:
            raise AssertionError("expected a CleanError")


def test_caption_record_keeps_its_credit_and_is_dated() -> None:
    caption = (
        "الرئيس الروسي ونظيره السوري يتصافحان خلال اجتماعهما في قصر الكرملين في موسكو في 15 أكتوبر 2025. "
        "(Credit: ALEXANDER ZEMLIANICHENKO/POOL/AFP عبر Getty Images)"
    )
    text = "\n".join([BODY[0], caption, *BODY[1:]])
    doc = Document(doc_id="c", text=text, origin="c.txt", format="text", title=TITLE, published="2025-10-16")
    article = resolve_article(clean_document(doc))
    (cap,) = article.captions
    assert cap.text.endswith("15 أكتوبر 2025.") and cap.credit.startswith("Credit: ALEXANDER")
    assert [(e.value, e.parts.get("from")) for e in cap.time_exprs] == [("2025-10-15", "caption")]
    assert not any("أكتوبر" in e.text for e in article.time_exprs)  # not counted as body dates


def test_printed_date_beats_a_crawl_date_in_metadata() -> None:
    text = "\n".join([TITLE, "تاريخ النشر: الثلاثاء 21 أغسطس 2012", *BODY])
    doc = Document(doc_id="d", text=text, origin="d.json", format="json", published="2013-01-01")
    article = resolve_article(clean_document(doc))
    assert article.published_printed == "تاريخ النشر: الثلاثاء 21 أغسطس 2012"
    assert (article.published.date, article.published.source) == ("2012-08-21", "text")
    assert "2013-01-01" in article.published.detail


def test_printed_date_agreeing_with_metadata_leaves_metadata() -> None:
    text = "\n".join([TITLE, "تاريخ النشر: الثلاثاء 21 أغسطس 2012", *BODY])
    doc = Document(doc_id="d", text=text, origin="d.json", format="json", published="2012-08-22T03:00:00")
    article = resolve_article(clean_document(doc))
    assert (article.published.date, article.published.source) == ("2012-08-22", "metadata")
