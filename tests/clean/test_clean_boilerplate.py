"""Boilerplate of other outlets' pages, written the way Arabic news sites print it."""

from __future__ import annotations

import pytest
from clean_invariants import assert_consistent

from marsad.clean import CleanError, CleanSettings, clean_document
from marsad.model import Article, Document

P1 = "أعلنت وزارة الصحة اليوم افتتاح ثلاثة مستشفيات جديدة في المنطقة الشرقية بسعة إجمالية تبلغ ستمئة سرير."
P2 = "وقال المتحدث باسم الوزارة إن المستشفيات الجديدة ستبدأ استقبال المرضى مطلع الشهر المقبل بعد اكتمال تجهيزها."
P3 = "وأضاف أن المشروع يأتي ضمن خطة لرفع الطاقة الاستيعابية للقطاع الصحي وتقليص فترات الانتظار في أقسام الطوارئ."
P4 = "وكانت الوزارة قد أطلقت العام الماضي برنامجا لتدريب الكوادر الوطنية على تشغيل الأجهزة الطبية الحديثة."


def _clean(text: str, **meta) -> tuple[Document, Article]:
    doc = Document(doc_id="t", text=text, origin="test.txt", format="text", **meta)
    article = clean_document(doc)
    assert_consistent(doc, article)
    return doc, article


def _reasons(article: Article) -> dict[str, str]:
    return {r.text: r.reason for r in article.removed}


def test_wire_dateline_in_parentheses_is_cut_from_the_first_paragraph() -> None:
    doc, article = _clean(f"القاهرة (رويترز) - {P1}\n\n{P2}")
    assert (article.dateline.place, article.dateline.source) == ("القاهرة", "رويترز")
    assert article.body.startswith("أعلنت وزارة الصحة")
    removed = next(r for r in article.removed if r.reason == "dateline")
    assert doc.text[removed.raw_start : removed.raw_end].startswith("القاهرة (رويترز)")
    assert article.blocks[0].raw_start == doc.text.index("أعلنت")


@pytest.mark.parametrize(
    ("text", "place", "source"),
    [
        (f"الرياض - واس\n{P1}\n{P2}", "الرياض", "واس"),
        (
            f"الرياض - واس أعلنت الهيئة العامة للإحصاء اليوم نتائج المسح السنوي للقوى العاملة.\n{P2}",
            "الرياض",
            "واس",
        ),
        (f"خالد المطيري- سبق- جدة: {P1}\n{P2}", "جدة", "سبق"),
        (f"بيروت 12 تموز 2024 (أ ف ب) - {P1}\n{P2}", None, None),  # too irregular: left in the body
    ],
)
def test_agency_datelines(text: str, place: str | None, source: str | None) -> None:
    _, article = _clean(text)
    if place is None:
        assert article.dateline is None or article.dateline.text not in article.body
        return
    assert (article.dateline.place, article.dateline.source) == (place, source)
    assert "واس" not in article.body and "سبق" not in article.body


def test_reporter_and_place_line_gives_byline_and_dateline() -> None:
    _, article = _clean(f"عبدالرحمن الشهري – خميس مشيط\n{P1}\n{P2}")
    assert article.byline == "عبدالرحمن الشهري"
    assert article.dateline.place == "خميس مشيط"
    assert "الشهري" not in article.body


def test_photo_caption_with_its_credit_line() -> None:
    caption = "الرئيسان يتصافحان عقب جلسة المباحثات في قصر الإليزيه"
    _, article = _clean(f"{P1}\n{caption}\n(أ ف ب)\n{P2}\nصورة أرشيفية\n{P3}")
    reasons = _reasons(article)
    assert reasons[caption] == "caption"
    assert reasons["(أ ف ب)"] == "credit"
    assert reasons["صورة أرشيفية"] == "credit"
    assert "يتصافحان" not in article.body and "أرشيفية" not in article.body
    assert P3 in article.body


def test_caption_with_credit_in_parentheses_and_photo_credits() -> None:
    lines = [
        "جانب من الاجتماع الذي عقد في مقر الوزارة",
        "تصوير: محمد العتيبي",
        "Photo: Getty Images",
        "وزير الخارجية خلال المؤتمر الصحفي في عمّان. (AFP)",
    ]
    _, article = _clean("\n".join([P1, *lines, P2]))
    reasons = _reasons(article)
    assert reasons[lines[0]] == "caption"
    assert reasons[lines[1]] == "credit"
    assert reasons[lines[2]] == "credit"
    assert reasons[lines[3]] == "caption"
    assert article.body == f"{P1}\n\n{P2}"


def test_share_and_follow_prompts() -> None:
    prompts = [
        "شارك الخبر",
        "فيسبوك تويتر واتساب",
        "تابعونا على تويتر وإنستغرام",
        "انضم إلى قناتنا على تلغرام",
        "Share this article",
    ]
    _, article = _clean("\n".join([P1, prompts[0], prompts[1], P2, *prompts[2:], P3]))
    reasons = _reasons(article)
    assert all(reasons[p] == "share" for p in prompts)
    assert article.body == f"{P1}\n\n{P2}\n\n{P3}"


def test_related_links_footer_takes_everything_after_it() -> None:
    footer = [
        "اقرأ أيضاً",
        "ارتفاع أسعار النفط مع تراجع المخزونات الأمريكية",
        "البنك المركزي يثبت سعر الفائدة للمرة الثالثة",
    ]
    _, article = _clean("\n".join([P1, P2, P3, *footer, "أخبار ذات صلة", "مواضيع أخرى قد تعجبك كثيرا"]))
    assert article.body == f"{P1}\n\n{P2}\n\n{P3}"
    assert {r.reason for r in article.removed} == {"related"}


def test_read_also_in_mid_article_keeps_the_prose_after_it() -> None:
    link = "اقرأ أيضا: الحكومة تقر موازنة العام الجديد"
    _, article = _clean("\n".join([P1, link, P2, P3, P4]))
    assert _reasons(article)[link] == "related"
    assert P2 in article.body and P4 in article.body


def test_english_and_arabic_ads_and_comment_prompts() -> None:
    noise = [
        "ADVERTISEMENT",
        "Sponsored",
        "إعلان",
        "اترك تعليقاً",
        "أضف تعليق",
        "تعليقات الفيسبوك",
        "Leave a Reply",
    ]
    _, article = _clean("\n".join([P1, noise[0], P2, noise[1], noise[2], P3, *noise[3:]]))
    reasons = _reasons(article)
    assert [reasons[n] for n in noise] == ["ad", "ad", "ad", "comments", "comments", "comments", "comments"]
    assert article.body == f"{P1}\n\n{P2}\n\n{P3}"


def test_page_junk_by_shape() -> None:
    junk = [
        "article-details",
        "الرئيسية > أخبار > اقتصاد",
        "12:45 م",
        "منذ 3 ساعات",
        "الأربعاء 15 أكتوبر 2025 - 10:30",
        "حجم الخط",
        "125 مشاركة",
        "https://example.com/news/12345",
        "***",
        "// انتهى //",
    ]
    _, article = _clean("\n".join([junk[0], junk[1], P1, *junk[2:5], P2, *junk[5:], P3]))
    reasons = _reasons(article)
    assert all(reasons[j] == "junk" for j in junk), reasons
    assert article.body == f"{P1}\n\n{P2}\n\n{P3}"


def test_one_line_body_with_headings_run_into_the_prose() -> None:
    h1 = "خطة حكومية لمواجهة الأزمة"
    h2 = "تحذيرات من ارتفاع الأسعار"
    text = (
        f"{P1} {P2} {h1} وقال وزير المالية إن الحكومة أعدت حزمة من الإجراءات لدعم الأسر محدودة الدخل خلال الأشهر المقبلة. "
        f"{P3} {h2} من جهته، حذر خبراء اقتصاديون من موجة غلاء جديدة إذا استمر تراجع سعر صرف العملة المحلية. {P4}"
    )
    doc, article = _clean(text)
    headings = [b for b in article.blocks if b.kind == "heading"]
    assert [b.text for b in headings] == [h1, h2]
    for block in headings:
        assert doc.text[block.raw_start : block.raw_end] == block.text
    assert article.blocks[-1].text.endswith(P4)


def test_subject_first_sentences_are_not_split_as_headings() -> None:
    text = (
        f"{P1} الرئيس الفرنسي إيمانويل ماكرون أكد أن بلاده ستواصل دعم جهود التهدئة في المنطقة خلال المرحلة المقبلة. "
        f"{P2} وفي السياق ذاته، أعلنت الرئاسة أن الزيارة ستشمل محطات عدة في الخليج. {P3} {P4}"
    )
    _, article = _clean(text)
    assert all(b.kind == "paragraph" for b in article.blocks)


def test_headings_between_paragraphs_and_dash_headings() -> None:
    lines = [
        P1,
        "تحديات تواجه القطاع الصحي",
        P2,
        "– خطط التوسع في المناطق",
        P3,
        "وتشمل الخطة إنشاء مراكز جديدة في",
        P4,
    ]
    _, article = _clean("\n".join(lines))
    kinds = {b.text: b.kind for b in article.blocks}
    assert kinds["تحديات تواجه القطاع الصحي"] == "heading"
    assert kinds["– خطط التوسع في المناطق"] == "heading"
    assert kinds["وتشمل الخطة إنشاء مراكز جديدة في"] == "paragraph"  # ends mid-sentence


def test_duplicated_byline_and_title_echo() -> None:
    title = "افتتاح ثلاثة مستشفيات جديدة في المنطقة الشرقية"
    _, article = _clean(f"{title}\nبقلم: سامي يوسف\nبقلم: سامي يوسف\n{P1}\n{P2}")
    assert article.title == title
    assert article.byline == "بقلم: سامي يوسف"
    assert [r.reason for r in article.removed] == ["title", "byline", "duplicate"]
    assert article.body == f"{P1}\n\n{P2}"


def test_metadata_title_and_author_are_used_and_echoes_removed() -> None:
    title = "افتتاح ثلاثة مستشفيات جديدة"
    _, article = _clean(
        f"{title}\nسارة القحطاني\n{P1}\n{P2}", title=title, author="سارة القحطاني", outlet="okaz"
    )
    assert (article.title, article.byline, article.outlet) == (title, "سارة القحطاني", "okaz")
    assert article.body == f"{P1}\n\n{P2}"


def test_windows_line_endings_give_the_same_article() -> None:
    lines = ["افتتاح مستشفيات جديدة", "دبي - وام", P1, "Advertisement", P2, "التعليقات"]
    _, unix = _clean("\n".join(lines))
    doc, windows = _clean("\r\n".join(lines))
    assert windows.body == unix.body and windows.title == unix.title
    assert windows.dateline.source == "وام"
    assert doc.text[windows.blocks[1].raw_start : windows.blocks[1].raw_end] == P2


def test_bidi_marks_and_nbsp_do_not_hide_boilerplate() -> None:
    text = (
        f"\u200f\u00a0{P1}\u200f\n\u202bالتعليقات\u202c\n\u200eAdvertisement\u200e\n{P2[:20]}\u200f{P2[20:]}"
    )
    doc, article = _clean(text)
    assert _reasons(article) == {"التعليقات": "comments", "Advertisement": "ad"}
    assert article.body == f"{P1}\n\n{P2}"
    assert "\u200f" not in article.body


def test_embedded_summary_box_with_other_labels() -> None:
    text = "\n".join(
        [
            "النقاط الرئيسية",
            "- افتتاح ثلاثة مستشفيات بسعة ستمئة سرير",
            "- بدء استقبال المرضى الشهر المقبل",
            P1,
            P2,
        ]
    )
    _, article = _clean(text)
    box = article.embedded_summary
    assert box.label_lines == ["النقاط الرئيسية"]
    assert box.key_points == ["افتتاح ثلاثة مستشفيات بسعة ستمئة سرير", "بدء استقبال المرضى الشهر المقبل"]
    assert article.body == f"{P1}\n\n{P2}"


def test_tags_and_link_trailers_glued_to_the_last_paragraph() -> None:
    _, article = _clean(f"{P1}\n{P2} سمات مستشفيات الشرقية وزارة الصحة")
    assert article.body.endswith("بعد اكتمال تجهيزها.")
    assert _reasons(article) == {"سمات مستشفيات الشرقية وزارة الصحة": "tags"}


def test_agency_end_marks_and_signature() -> None:
    _, article = _clean(f"جدة 3 محرم 1447 هـ الموافق 28 يونيو 2025 م واس\n{P1}\n{P2}\n// انتهى //\n18:04 ت م")
    assert (article.dateline.place, article.dateline.source) == ("جدة", "واس")
    assert article.body == f"{P1}\n\n{P2}"


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("", "empty_body"),
        ("  \n\u00a0\n", "empty_body"),
        ("Advertisement\nالتعليقات\nاترك ردك", "only_boilerplate"),
        ("The ministry opened three new hospitals in the Eastern Province today.", "no_arabic_text"),
        ("وزير الصحة يفتتح", "too_short"),
    ],
)
def test_unusable_bodies_raise_clean_error_with_a_reason(text: str, reason: str) -> None:
    with pytest.raises(CleanError) as err:
        clean_document(Document(doc_id="x", text=text, origin="x.txt", format="text"))
    assert err.value.reason == reason


def test_settings_switch_off_inline_headings() -> None:
    text = f"{P1} {P2} خطة حكومية لمواجهة الأزمة وقال وزير المالية إن الحكومة أعدت حزمة إجراءات لدعم الأسر في المرحلة المقبلة. {P3}"
    doc = Document(doc_id="t", text=text, origin="t", format="text")
    assert any(b.kind == "heading" for b in clean_document(doc).blocks)
    plain = clean_document(doc, CleanSettings(inline_headings=False))
    assert [b.kind for b in plain.blocks] == ["paragraph"]


@pytest.mark.parametrize(
    ("line", "place", "source"),
    [
        ("دبي - العربية.نت", "دبي", "العربية.نت"),
        ("أبوظبي - سكاي نيوز عربية", "أبوظبي", "سكاي نيوز عربية"),
        ("بيروت - «الحياة»", "بيروت", "«الحياة»"),
        ("عمّان (د ب أ) -", "عمّان", "د ب أ"),
    ],
)
def test_outlet_datelines_of_other_sites(line: str, place: str, source: str) -> None:
    _, article = _clean(f"{line}\n{P1}\n{P2}")
    assert (article.dateline.place, article.dateline.source) == (place, source)
    assert article.body == f"{P1}\n\n{P2}"


def test_free_worded_prompts_credits_and_page_chrome() -> None:
    noise = {
        "مصدر الصورة، Getty Images": "credit",
        "REUTERS/Amir Cohen": "credit",
        "لمتابعة آخر الأخبار العاجلة اشترك في قناتنا على تيليجرام": "share",
        "حمّل تطبيق الموقع على هاتفك الآن": "share",
        "للمزيد من التفاصيل اضغط هنا": "related",
        "© 2025 جميع الحقوق محفوظة": "junk",
        "قبل ساعتين": "junk",
        "الرئيسية » أخبار الخليج": "junk",
        "وقت القراءة: 4 دقائق": "junk",
    }
    _, article = _clean("\n".join([P1, *list(noise)[:4], P2, *list(noise)[4:], P3]))
    assert _reasons(article) == noise
    assert article.body == f"{P1}\n\n{P2}\n\n{P3}"


def test_agency_credit_closing_the_story_does_not_make_the_last_paragraph_a_caption() -> None:
    last = "وأكد المتحدث أن الوزارة ستعلن تفاصيل الخطة الكاملة خلال الأيام القليلة المقبلة"  # no final period
    _, article = _clean(f"{P1}\n{P2}\n{last}\n(رويترز)")
    assert article.body.endswith(last)
    assert _reasons(article) == {"(رويترز)": "credit"}


def test_short_author_does_not_swallow_lines_that_contain_its_letters() -> None:
    heading = "مشروع واسع لتطوير الطرق"
    _, article = _clean(f"{P1}\n{heading}\n{P2}", author="واس")
    assert heading in article.body
    assert article.byline == "واس"


@pytest.mark.parametrize(
    ("prefix", "place", "source"),
    [
        ("(رويترز) - ", None, "رويترز"),
        ("واشنطن - (أ ف ب) - ", "واشنطن", "أ ف ب"),
        ("الرياض – «الجزيرة»: ", "الرياض", "«الجزيرة»"),
        ("لندن (بي بي سي عربي) - ", "لندن", "بي بي سي عربي"),
    ],
)
def test_wire_prefix_forms(prefix: str, place: str | None, source: str) -> None:
    _, article = _clean(f"{prefix}{P1}\n{P2}")
    assert (article.dateline.place, article.dateline.source) == (place, source)
    assert article.body == f"{P1}\n\n{P2}"


def test_outlet_in_parentheses_inside_a_first_sentence_is_prose() -> None:
    first = "نشرت صحيفة (الجزيرة) أن الوزارة تدرس رفع الطاقة الاستيعابية للمستشفيات الحكومية في الشرقية."
    _, article = _clean(f"{first}\n{P2}")
    assert article.body.startswith(first)
    assert article.dateline is None


def test_metadata_title_with_html_entities_is_decoded_and_its_echo_removed() -> None:
    _, article = _clean(
        f"واتساب يضيف زر &quot;أعجبني&quot;\n{P1}\n{P2}", title="واتساب يضيف زر &quot;أعجبني&quot;"
    )
    assert article.title == 'واتساب يضيف زر "أعجبني"'
    assert article.body == f"{P1}\n\n{P2}"


def test_column_footers_contact_promos_source_and_author_note() -> None:
    tail = {
        "للتواصل أرسل sms إلى 88548 الاتصالات ,636250 موبايلي, 738303": "junk",
        "زين تبدأ بالرمز 162 مسافة ثم الرسالة": "junk",
        "نقلا عن صحيفة الحياة": "credit",
        "* كاتب وأكاديمي سعودي": "byline",
    }
    _, article = _clean("\n".join([P1, P2, *tail]))
    assert _reasons(article) == tail
    assert article.body == f"{P1}\n\n{P2}"


def test_quoted_sentence_end_is_not_an_inline_heading() -> None:
    text = (
        f'{P1} {P2} وختم بقوله إن "الأمر يتعلق فقط بحسن الاختيار." '
        'الأمر يتعلق فقط باختيار الشخصية المناسبة." وتابع المدرب أن اللاعب المناسب صاحب الشخصية سيكون قائدا للفريق. '
        f"{P3}"
    )
    _, article = _clean(text)
    assert all(b.kind == "paragraph" for b in article.blocks)


@pytest.mark.parametrize(
    "line", ["فريق التحرير | 15 أكتوبر 2025", "بقلم: سامي يوسف - 15/10/2025", "كتب: أحمد علي • منذ 3 ساعات"]
)
def test_byline_with_its_timestamp(line: str) -> None:
    _, article = _clean(f"{line}\n{P1}\n{P2}")
    assert _reasons(article) == {line: "byline"}
    assert article.byline == line


def test_caption_below_its_credit() -> None:
    caption = "وزير الصحة يتحدث إلى الصحفيين أثناء جولته في أحد المستشفيات الجديدة"
    _, article = _clean(f"{P1}\n{P2}\nتصوير: خالد الزهراني\n{caption}\n{P3}")
    assert _reasons(article) == {"تصوير: خالد الزهراني": "credit", caption: "caption"}
    assert article.body == f"{P1}\n\n{P2}\n\n{P3}"


def test_short_sentences_that_start_like_labels_stay() -> None:
    short = ["نقلا عن مصادر مطلعة فإن الاجتماع سيعقد غدا.", "نشر في الجريدة الرسمية قرار تنظيم القطاع."]
    _, article = _clean("\n".join([P1, *short, P2]))
    assert all(s in article.body for s in short)


def test_page_title_with_site_name_still_finds_its_echo() -> None:
    headline = "افتتاح ثلاثة مستشفيات جديدة في الشرقية"
    _, article = _clean(f"{headline}\n{P1}\n{P2}", title=f"{headline} | صحيفة الخبر اليومي")
    assert _reasons(article) == {headline: "title"}


def test_two_capitals_with_a_dash_are_not_a_dateline() -> None:
    _, article = _clean(f"موسكو - دمشق\n{P1}\n{P2}")
    assert article.dateline is None


def test_sentence_starting_with_a_byline_verb_is_prose() -> None:
    short = "كتب الوزير في تغريدة أن العمل بدأ فعلا"
    _, article = _clean(f"{short}\n{P1}\n{P2}", title="افتتاح مستشفيات جديدة")
    assert short in article.body
    _, article = _clean(f"كتب - أحمد علي\n{P1}\n{P2}", title="افتتاح مستشفيات جديدة")
    assert article.byline == "كتب - أحمد علي"


def test_long_text_after_a_tags_word_does_not_backtrack() -> None:
    # A tags trailer is at most 20 words; a long tail after "سمات" must fail fast, not hang.
    tail = " ".join(["كلمةطويلةجدابلافواصل"] * 40)
    _, article = _clean(f"{P1} سمات {tail}.")
    assert article.body.endswith(f"{tail}.")


def test_more_widget_labels_of_arabic_news_sites() -> None:
    noise = {
        "أضف تعليقاً": "comments",
        "آراء القراء": "comments",
        "اخترنا لك": "related",
        "ننصحك بقراءة: خمس نصائح لصحة القلب": "related",
        "شارك عبر واتساب": "share",
        "كلمات البحث": "tags",
        "إعلان تجاري": "ad",
        "A+ A-": "junk",
    }
    lines = [P1, *list(noise)[:4], P2, P3, P4, *list(noise)[4:]]  # tags and the rest close the page
    _, article = _clean("\n".join(lines))
    assert _reasons(article) == noise
    assert article.body == f"{P1}\n\n{P2}\n\n{P3}\n\n{P4}"
