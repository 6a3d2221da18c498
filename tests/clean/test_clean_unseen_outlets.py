"""Noise of outlets the cleaner was not built on (issue 18): one small real-shaped case per rule.

The page furniture below is written the way the outlets print it (pages of pages_dev and
similar sites); the prose around it is generic, so the tests judge the rule, not a page.
"""

from __future__ import annotations

import pytest
from clean_invariants import assert_consistent

from marsad.clean import clean_document
from marsad.model import Article, Document

P1 = "أعلنت وزارة الصحة اليوم افتتاح ثلاثة مستشفيات جديدة في المنطقة الشرقية بسعة إجمالية تبلغ ستمئة سرير."
P2 = "وقال المتحدث باسم الوزارة إن المستشفيات الجديدة ستبدأ استقبال المرضى مطلع الشهر المقبل بعد اكتمال تجهيزها."
P3 = "وأضاف أن المشروع يأتي ضمن خطة لرفع الطاقة الاستيعابية للقطاع الصحي وتقليص فترات الانتظار في أقسام الطوارئ."
P4 = "وكانت الوزارة قد أطلقت العام الماضي برنامجا لتدريب الكوادر الوطنية على تشغيل الأجهزة الطبية الحديثة."
TITLE = "افتتاح ثلاثة مستشفيات جديدة في المنطقة الشرقية"


def _clean(text: str, **meta) -> tuple[Document, Article]:
    doc = Document(doc_id="t", text=text, origin="test.txt", format="text", **meta)
    article = clean_document(doc)
    assert_consistent(doc, article)
    return doc, article


def _reason_of(article: Article, fragment: str) -> str | None:
    return next((r.reason for r in article.removed if fragment in r.text), None)


@pytest.mark.parametrize(
    "line",
    [
        "اليوم 06:42",
        "19 اب 09:45",
        "20 اب",
        "الاربعاء, 06 يونيو, 2012 02:01:00 مساءً",
        "البيان 27 جويلية",
        "بتاريخ 5-4-1433 هـ",
        "التاريخ: 10 ديسمبر 2012",
        "14h34",
        "28.09.2012",
        "صوت الجلفةنشر في صوت الجلفة يوم 15 - 09 - 2012",
    ],
)
def test_printed_dates_and_times_are_page_furniture(line: str) -> None:
    _, article = _clean(f"{TITLE}\n{line}\n{P1}\n{P2}\n{P3}")
    assert line not in article.body and _reason_of(article, line) == "junk"


@pytest.mark.parametrize("line", ["فرانس24/ أ ف ب", "ا ف ب ـ رويترز", "و.م.ع / ."])
def test_lines_naming_only_agencies_are_credits(line: str) -> None:
    _, article = _clean(f"{TITLE}\n{P1}\n{P2}\n{P3}\n{line}")
    assert line not in article.body and _reason_of(article, line) == "credit"


def test_a_two_word_heading_is_not_a_credit() -> None:
    _, article = _clean(f"{TITLE}\n{P1}\n{P2}\nالكويت والسعودية\n{P3}\n{P4}")
    assert "الكويت والسعودية" in article.body


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("تعليق : ميسان الهرقام", "byline"),
        ("أجرت الاستطلاع : إيمان آدم", "byline"),
        ("ترجمة: سامي يوسف", "byline"),
        ("للمزيد: تركيا..القضاء يسحق الإعلام؟", "related"),
        ("قد يهمك| مسؤول سعودي: المملكة لم تتورط في اختفاء الصحفي", "related"),
        ("تصفح المزيد", "related"),
        ("الرابط الدائم:", "related"),
        ("Top of Form", "junk"),
        (
            "يمكنكم تسلم إشعارات بأهم الموضوعات بعد تحميل أحدث نسخة من تطبيق بي بي سي عربي على هاتفكم المحمول.",
            "share",
        ),
    ],
)
def test_labelled_lines_anywhere_in_the_body(line: str, reason: str) -> None:
    _, article = _clean(f"{TITLE}\n{P1}\n{P2}\n{line}\n{P3}\n{P4}")
    assert line not in article.body and _reason_of(article, line.split()[0]) == reason


def test_prose_starting_with_a_label_word_stays() -> None:
    prose = "للمزيد من الشفافية أعلنت الوزارة نشر تقاريرها الشهرية على موقعها الرسمي كل أسبوع."
    _, article = _clean(f"{TITLE}\n{P1}\n{prose}\n{P2}")
    assert prose in article.body


def test_tweet_embed_lines_go_but_reported_tweets_stay() -> None:
    tweet = "رسميا:#باكستان تحظر كل احتفالات رأس السنة الميلادية الجديدة تضامنا مع #غزة pic.twitter.com/YX9L3QxVnm"
    english = (
        "In this somber moment, it's hard to wish those celebrating, with ongoing loss, grief & destruction. "
        "We mourn the loss of more @UNRWA colleagues killed in #Gaza, now 142 pic.twitter.com/MC2WMBk2jM"
    )
    reported = 'وكتب الوزير في تغريدة على منصة إكس: "سنواصل العمل حتى اكتمال المشروع في موعده".'
    _, article = _clean(f"{TITLE}\n{P1}\n{tweet}\n{P2}\n{english}\n{reported}\n{P3}")
    assert "pic.twitter" not in article.body and "somber" not in article.body and "تحظر" not in article.body
    assert reported in article.body and _reason_of(article, "YX9L3QxVnm") == "embed"


def test_inline_tweet_in_a_one_line_body_is_cut_with_its_text_and_signature() -> None:
    before = "وقال المحلل إن الإعلان يمهد لخوض الانتخابات المقبلة بقوة."
    tweet = (
        "إعلان العودة يشكل دعاية انتخابية مبكرة وخارطة تحالفات قادمة متوقعة.التيار الوطني . خطوة في الاندماج "
        "وهو يعود… pic.twitter.com/tBGpNkFNIe — د.حيدر البرزنجي (@Hber_iq) April 11, 2024"
    )
    after = "بالمقابل، قال رئيس مركز ألوان للدراسات في تغريدة له إن الإعلان يشكل دعاية انتخابية مبكرة."
    doc, article = _clean(" ".join([P1, P2, before, tweet, " ", after, P3]))
    assert before in article.body and after in article.body
    assert (
        "pic.twitter" not in article.body
        and "@Hber_iq" not in article.body
        and "خطوة في الاندماج" not in article.body
    )


def test_instagram_embed_and_its_caption_are_cut() -> None:
    text = (
        f"{P1} {P2} أداء صلاة عيد الفطر في مدينة رفح يوم العاشر من إبريل عرض هذا المنشور على Instagram\n"
        f"تمت مشاركة منشور بواسطة عبدالله العطار (@abdallah_alattar1999) {P3}"
    )
    _, article = _clean(text)
    assert (
        "Instagram" not in article.body
        and "العطار" not in article.body
        and "صلاة عيد الفطر" not in article.body
    )
    assert P2 in article.body and P3 in article.body


def test_sentences_printed_twice_keep_one_copy() -> None:
    _, article = _clean(f"{P1} {P1} {P2} {P3} {P3} {P4}")
    assert article.body.count(P1) == 1 and article.body.count(P3) == 1 and P4 in article.body
    assert [r.reason for r in article.removed].count("duplicate") == 2


@pytest.mark.parametrize(
    ("trailer", "reason"),
    [
        ("تابع الجزيرة نت على:", "share"),
        ("... المزيد", "related"),
        ("اقرأ/ي أيضًا: الصورة من غزة وليست لسيدة مصابة الصورة ليست لجندي قتل في غزة", "related"),
    ],
)
def test_boxes_glued_after_the_last_sentence(trailer: str, reason: str) -> None:
    _, article = _clean(f"{P1} {P2} {P3} {trailer}")
    assert article.body.endswith(P3) and _reason_of(article, trailer[:8]) == reason


def test_tag_links_followed_by_page_furniture_end_the_article() -> None:
    tags = "\n".join(["التضامن مع غزة", "قصف غزة", "رأس السنة", "باكستان", "العدوان الإسرائيلي على غزة"])
    explainer = (
        "في السابع من تشرين الأول/أكتوبر 2023 أعلنت كتائب القسام معركة طوفان الأقصى فاقتحمت المستوطنات."
    )
    text = f"{P1}\n{P2}\n{P3}\n{P4}\n{tags}\n{explainer}\nاليوم 06:42\n19 اب 09:45\nتصفح المزيد\nجميع الحقوق محفوظة"
    _, article = _clean(text)
    assert article.body.endswith(P4) and "قصف غزة" not in article.body and "القسام" not in article.body


def test_a_closing_list_without_page_furniture_stays() -> None:
    items = "\n".join(["الحارس بوفون", "المدافع كيليني", "المهاجم بالوتيلي"])
    _, article = _clean(f"{P1}\n{P2}\n{P3}\n{P4}\n{items}\n(ا ف ب)")
    assert "المدافع كيليني" in article.body


def test_ledes_of_related_stories_appended_after_the_body() -> None:
    p2 = "وقال الرئيس الأمريكي دونالد ترامب إنه على تواصل مع أعلى المستويات في الحكومة بشأن الصحفي المفقود."
    again = "قال الرئيس الأمريكي دونالد ترامب إنه على تواصل مع أعلى المستويات في الحكومة بشأن الصحفي المفقود."
    other = "أعلنت مصر، الأربعاء، انطلاق فعاليات التدريب العسكري المشترك بمشاركة القوات المسلحة للبلدين."
    _, article = _clean(f"{P1}\n{p2}\n{P3}\n{P4}\n{again}\n{other}")
    assert article.body.endswith(P4) and _reason_of(article, "أعلنت مصر") == "related"


def test_a_closing_paragraph_alone_is_not_a_related_lede() -> None:
    last = "أعلنت الوزارة، الأربعاء، أن المستشفيات ستفتح أبوابها أمام المرضى بعد اكتمال التجهيزات اللازمة."
    _, article = _clean(f"{P1}\n{P2}\n{P3}\n{P4}\n{last}")
    assert article.body.endswith(last)


@pytest.mark.parametrize(
    ("text", "place", "source", "byline"),
    [
        (f"دبي، الإمارات العربية المتحدة (CNN)—{P1}\n{P2}", "دبي، الإمارات العربية المتحدة", "CNN", None),
        (f"أريحا 25-6-2012 وفا- {P1}\n{P2}", "أريحا", "وفا", None),
        (f"{TITLE}\nلندن: موسى مهدي\n{P1}\n{P2}", "لندن", None, "موسى مهدي"),
        (f"{TITLE}\nبغداد/المدى\n{P1}\n{P2}", "بغداد", "المدى", None),
    ],
)
def test_datelines_of_other_outlets(text: str, place: str, source: str | None, byline: str | None) -> None:
    _, article = _clean(text)
    assert article.dateline is not None
    assert (article.dateline.place, article.dateline.source) == (place, source)
    assert article.body.startswith("أعلنت وزارة الصحة") and (byline is None or article.byline == byline)


def test_byline_glued_before_the_lead() -> None:
    _, article = _clean(f"عرض خالد عبد اللطيف: {P1} {P2}")
    assert article.body.startswith("أعلنت") and article.byline == "خالد عبد اللطيف"


def test_outlet_name_and_bare_reporter_name_under_the_title() -> None:
    _, article = _clean(f"{TITLE}\nالاتحاد\n{P1}\n{P2}")
    assert article.body.startswith("أعلنت") and article.dateline.source == "الاتحاد"
    _, article = _clean(f"{TITLE}\nبتاريخ 5-4-1433 هـ\nعادل البلالي\n{P1}\n{P2}")
    assert article.body.startswith("أعلنت") and article.byline == "عادل البلالي"


@pytest.mark.parametrize(
    ("head", "title"),
    [
        # kicker opening with a preposition above the headline
        ("ضمن حفل أقامته مؤسسة ثقافية في الشارقة\nكاتبات إماراتيات يقدمن تجربتهن ويوقعن قصصاً للأطفال", None),
        # section label with a round number, then the outlet's date line, then the headline
        (
            "بطولة الرابطة المحترفة الأولى (الجولة 23)\nالبيان 27 جويلية\nالترجي يعبر بسلام وفي القاع خطوة إلى الأمام",
            None,
        ),
        # outlet name printed before the headline
        (
            "الخبر نقل محاكمة مبارك إلى أكاديمية الشرطة وتنظيمات تعلق اعتصاماتها",
            "نقل محاكمة مبارك إلى أكاديمية الشرطة وتنظيمات تعلق اعتصاماتها",
        ),
        # the author glued after the headline with a slash
        (
            "الشيخ سيدي المختار الكنتي:النفوذ الروحي والسياسي/ عبد الله مياره",
            "الشيخ سيدي المختار الكنتي:النفوذ الروحي والسياسي",
        ),
    ],
)
def test_headline_among_kicker_credit_and_outlet_lines(head: str, title: str | None) -> None:
    _, article = _clean(f"{head}\n{P1}\n{P2}")
    expected = title or head.splitlines()[-1]
    assert article.title == expected


def test_a_domain_credit_line_is_not_the_title() -> None:
    _, article = _clean(f"AHDATH.INFO- قلع مكونة - خاص - بقلم : صلاح الدين مزوار\n{P1}\n{P2}")
    assert article.title is None and "AHDATH" not in article.body


def test_vocalised_verse_at_the_end_is_not_a_tag_list() -> None:
    verse = "\n".join(["في تحريرِ عدن", "ففي ذلك دلالةٌ وشهادةٌ", "خاصة بعد نجاحِ التحالفِ", "هذه الأرضِ المباركةِ"])
    _, article = _clean(f"{P1}\n{P2}\n{P3}\n{P4}\n{verse}\n14h34\n28.09.2012")
    assert "ففي ذلك دلالةٌ وشهادةٌ" in article.body


def test_a_plain_link_in_prose_takes_no_words_with_it() -> None:
    text = f"{P1} {P2} وللتقديم يرجى زيارة الرابط التالي https://t.co/AbCdEf123 قبل نهاية الشهر الجاري."
    _, article = _clean(text)
    assert "وللتقديم يرجى زيارة الرابط التالي" in article.body and P2 in article.body


def test_paragraphs_continuing_the_story_are_not_related_ledes() -> None:
    p5 = "وقال مدير مكتب الحملة في لبنان إن الحملة مستمرة في تنفيذ المرحلة الثانية من البرنامج الطبي للتكفل بالعمليات."
    p6 = "من جهته أفاد المدير الإقليمي للحملة بأن البرنامج الطبي مستمر في تنفيذ المرحلة الثانية للتكفل بالعمليات."
    _, article = _clean(f"{P1}\n{p5}\n{P2}\n{P3}\n{p5.replace('وقال', 'وأضاف')}\n{p6}")
    assert article.body.endswith(p6)


def test_bare_name_under_the_title_is_a_photo_caption_when_the_byline_is_known() -> None:
    _, article = _clean(f"{TITLE}\nعبدالله البرقان\n{P1}\n{P2}", author="مكة - بسام اللحياني:")
    assert "البرقان" not in article.body and _reason_of(article, "البرقان") == "caption"
    assert "البرقان" not in (article.byline or "")


def test_dated_sign_off_then_an_uncredited_caption_at_the_end() -> None:
    _, article = _clean(
        f"{P1}\n{P2}\n{P3}\n{P4}\nالخميس 29 شتنبر، جهة درعة تافيلالت\nالطريق الرابطة بين ورزازات وقلعة مكونة"
    )
    assert article.body.endswith(P4)
    assert [c.text for c in article.captions] == ["الطريق الرابطة بين ورزازات وقلعة مكونة"]


def test_a_closing_heading_after_a_dated_line_in_prose_stays() -> None:
    _, article = _clean(f"{P1}\n{P2}\n{P3}\n{P4}\nوفي ختام الجولة عاد الوفد إلى العاصمة مساء الخميس.")
    assert article.body.endswith("مساء الخميس.")
