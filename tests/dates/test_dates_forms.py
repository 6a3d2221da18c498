"""Each form of issue 3 found in realistic news sentences, with span and absolute value."""

from __future__ import annotations

import pytest

from marsad.dates import find_time_exprs


def one(text: str, expected_span: str):
    exprs = find_time_exprs(text)
    spans = [e.text for e in exprs]
    assert expected_span in spans, spans
    expr = exprs[spans.index(expected_span)]
    assert text[expr.start : expr.end] == expected_span
    return expr


@pytest.mark.parametrize(
    ("sentence", "span", "value"),
    [
        ("التقى الوزيران في 15 أكتوبر 2025 في موسكو.", "15 أكتوبر 2025", "2025-10-15"),
        ("سقط النظام في 8 من كانون الأول الماضي 2024.", "8 من كانون الأول الماضي 2024", "2024-12-08"),
        ("وشاركت روسيا عسكرياً منذ 30 من أيلول 2015.", "30 من أيلول 2015", "2015-09-30"),
        ("وقّع الاتفاق في الأول من تموز 2024 في عمّان.", "الأول من تموز 2024", "2024-07-01"),
        ("افتتح المعرض في الخامس عشر من آذار 2023.", "الخامس عشر من آذار 2023", "2023-03-15"),
        ("وصل الوفد في ١٥ تشرين الثاني ٢٠٢٣ إلى بيروت.", "١٥ تشرين الثاني ٢٠٢٣", "2023-11-15"),
        ("أعلنت الوزارة في 12 جويلية 2022 عن الخطة.", "12 جويلية 2022", "2022-07-12"),
        ("جرى التصويت في 3 أفريل 2019 بالبرلمان.", "3 أفريل 2019", "2019-04-03"),
        ("انطلقت الحملة في 20 فيفري 2021.", "20 فيفري 2021", "2021-02-20"),
        ("عقدت الجلسة في 5 أوت 2020 بالعاصمة.", "5 أوت 2020", "2020-08-05"),
        ("صدر القرار في 9 فبرایر 2020.", "9 فبرایر 2020", "2020-02-09"),
        ("أعلن عن ذلك في 2 اغسطس 2021.", "2 اغسطس 2021", "2021-08-02"),
        ("أرسلت سوريا وفداً في 23 كانون الأول/ديسمبر 2025.", "23 كانون الأول/ديسمبر 2025", "2025-12-23"),
        ("بدأت الأزمة في ديسمبر (كانون الأول) 2023.", "ديسمبر (كانون الأول) 2023", "2023-12"),
        ("تأسس الحزب عام 2015 في القاهرة.", "عام 2015", "2015"),
        ("وتوفي في 2015م بعد مرض.", "2015م", "2015"),
        ("سجلت الأرض بتاريخ 15/1/1959 في الطابو.", "بتاريخ 15/1/1959", "1959-01-15"),
        ("نشر التقرير في 2015-07-21 على الموقع.", "2015-07-21", "2015-07-21"),
        ("أقر المجلس الميزانية في يونيو / حزيران 2004.", "يونيو / حزيران 2004", "2004-06"),
        ("صدر المرسوم في 20 رمضان 1445 هـ.", "20 رمضان 1445 هـ", "2024-03-30"),
        ("يبدأ الموسم في 1 محرم 1447هـ.", "1 محرم 1447هـ", "2025-06-26"),
        ("سيعقد الاجتماع الساعة 10 صباحا بتوقيت مكة.", "الساعة 10 صباحا", "T10:00"),
        ("تنطلق المباراة الساعة التاسعة مساءً.", "الساعة التاسعة مساءً", "T21:00"),
    ],
)
def test_absolute_forms_have_their_value_without_anchor(sentence: str, span: str, value: str) -> None:
    assert one(sentence, span).value == value


def test_ranges_keep_both_ends() -> None:
    expr = one("تعقد القمة بين 23 و24 ديسمبر 2025 في الرياض.", "بين 23 و24 ديسمبر 2025")
    assert (expr.kind, expr.value, expr.value_end, expr.granularity) == (
        "range",
        "2025-12-23",
        "2025-12-24",
        "interval",
    )
    expr = one("يقام المعرض من 5 إلى 7 مارس 2026 في جدة.", "من 5 إلى 7 مارس 2026")
    assert (expr.value, expr.value_end) == ("2026-03-05", "2026-03-07")


def test_modifiers_give_month_value_and_modifier() -> None:
    expr = one("يزور الرئيس موسكو منتصف تشرين الأول 2025.", "منتصف تشرين الأول 2025")
    assert (expr.value, expr.modifier, expr.granularity) == ("2025-10", "mid", "month")
    assert one("تبدأ المرحلة أواخر فبراير 2024.", "أواخر فبراير 2024").modifier == "late"
    assert one("وصلت الشحنة مطلع يناير 2023.", "مطلع يناير 2023").modifier == "early"


@pytest.mark.parametrize(
    ("sentence", "span", "parts"),
    [
        ("أجرى الرئيس اليوم الأربعاء زيارة رسمية.", "اليوم الأربعاء", {"shift": 0, "weekday": 2}),
        ("وصل الوزير أمس إلى الرياض.", "أمس", {"shift": -1}),
        ("ويغادر الوفد غداً إلى القاهرة.", "غداً", {"shift": 1}),
        ("وكان قد وصل أول أمس.", "أول أمس", {"shift": -2}),
        ("وتستأنف المحادثات بعد غد في جنيف.", "بعد غد", {"shift": 2}),
        ("وأكدت موسكو ودمشق، الأربعاء، أهمية التعاون.", "الأربعاء", {"weekday": 2}),
        ("التقى الوزيران يوم الثلاثاء الماضي.", "يوم الثلاثاء الماضي", {"weekday": 1, "tense": -1}),
        ("وتعقد الجولة الخميس المقبل في الدوحة.", "الخميس المقبل", {"weekday": 3, "tense": 1}),
        ("تراجعت الأسعار الأسبوع الماضي بنسبة طفيفة.", "الأسبوع الماضي", {"unit": "week", "count": -1}),
        ("وسترتفع الرواتب الشهر المقبل.", "الشهر المقبل", {"unit": "month", "count": 1}),
        ("وسجلت الشركة أرباحا خلال الشهر الجاري.", "الشهر الجاري", {"unit": "month", "count": 0}),
        ("وانخفضت الصادرات العام الماضي.", "العام الماضي", {"unit": "year", "count": -1}),
        ("محادثات في موسكو على مدى يومين.", "على مدى يومين", {"unit": "day", "count": 2}),
        ("وقعت الحادثة قبل ثلاثة أيام.", "قبل ثلاثة أيام", {"unit": "day", "count": 3}),
        ("وصل الوفد مساء الأحد إلى المطار.", "مساء الأحد", {"weekday": 6, "part_of_day": "evening"}),
    ],
)
def test_relative_forms_are_found_and_wait_for_an_anchor(sentence: str, span: str, parts: dict) -> None:
    expr = one(sentence, span)
    assert expr.value is None
    assert parts.items() <= expr.parts.items()


def test_prefixed_weekday_span_excludes_the_conjunction() -> None:
    text = "والثلاثاء، استقبل الرئيس الروسي الوزيرين."
    expr = one(text, "الثلاثاء")
    assert expr.start == 1


@pytest.mark.parametrize(
    "sentence",
    [
        "مارس الرياضة منذ صغره وأحبها.",
        "قال إن أوت سيكون حارا.",
        "عاد الأب إلى منزله متأخرا.",
        "اشترى سيارة نيسان جديدة.",
        "نقلت قناة روسيا اليوم الخبر.",
        "يحتفل المواطنون اليوم الوطني بالمدينة.",
        "قتل 2000 شخص في الزلزال.",
        "وشارك حوالي 1500 متطوع.",
        "يعمل المطعم على مدار الساعة.",
        "أعلن رمضان أبو علي عن ترشحه.",
    ],
)
def test_look_alikes_are_not_dates(sentence: str) -> None:
    assert find_time_exprs(sentence) == [] or all(
        e.text not in ("مارس", "أوت", "الأب", "نيسان", "اليوم", "2000", "1500", "الساعة", "رمضان")
        for e in find_time_exprs(sentence)
    )


def test_month_alone_with_context_is_a_date() -> None:
    assert one("وعاد الوفد في مارس إلى بلاده.", "مارس").parts["month"] == 3
    assert one("تبدأ الامتحانات في حزيران.", "حزيران").parts["month"] == 6
    assert one("وفي آب تشتد الحرارة.", "آب").parts["month"] == 8
    assert one("حلّ شهر رمضان المبارك.", "شهر رمضان المبارك").parts["calendar"] == "hijri"


def test_hijri_year_outside_tables_is_unresolved_not_a_crash() -> None:
    expr = one("بنيت المدرسة عام 1308 هجري.", "عام 1308 هجري")
    assert expr.value is None and expr.kind == "hijri"
    assert "1343" in expr.parts["unresolved"]
    assert expr.parts["approx_gregorian_year"] in range(1889, 1893)


def test_offsets_survive_diacritics_and_tatweel() -> None:
    text = "وَصَلَ الوَفْدُ يومَ الخمـيس ١٥ تَمُّوز ٢٠٢٤ إلى دمشق."
    exprs = find_time_exprs(text)
    assert len(exprs) == 1
    assert exprs[0].text == text[exprs[0].start : exprs[0].end] == "يومَ الخمـيس ١٥ تَمُّوز ٢٠٢٤"
    assert exprs[0].value == "2024-07-15"


@pytest.mark.parametrize(
    ("sentence", "absent"),
    [
        ("بلغ عدد الصفقات المنفذة خلال شهر يوليو 2015 نحو ألف صفقة.", "خلال شهر"),
        ("وهو الملف الذي يوليه رئيس الاتحاد أهمية كبرى.", "يوليه"),
        ("مهنة المحاماة تدخل عصراً جديداً من التكامل.", "عصراً"),
        ("يقع مركز الاحتجاز قرب سوق الخميس على البحر.", "الخميس"),
        ("يحضر المرشح في اليوم المحدد لإجراء المقابلة.", "اليوم"),
    ],
)
def test_more_look_alikes_from_news(sentence: str, absent: str) -> None:
    assert absent not in [e.text for e in find_time_exprs(sentence)]


def test_named_month_after_a_duration_word_is_the_month() -> None:
    assert one("بلغت الصفقات خلال شهر يوليو 2015 ألف صفقة.", "شهر يوليو 2015").value == "2015-07"


def test_archive_citation_forms() -> None:
    assert one("جريدة فلسطين / شباط ( 9 / 2 / 1946 ) .", "شباط ( 9 / 2 / 1946 )").value == "1946-02-09"
    assert one("إذاعة صوت فلسطين بتاريخ ( 1996 ) .", "بتاريخ ( 1996 )").value == "1996"
    expr = one(
        "في الفترة من 13 وحتى 15 تشرين الثاني / نوفمبر 2016 عقد المؤتمر.",
        "من 13 وحتى 15 تشرين الثاني / نوفمبر 2016",
    )
    assert (expr.value, expr.value_end) == ("2016-11-13", "2016-11-15")


def test_reuters_month_pairs_and_definite_day_numbers() -> None:
    assert one("رحل عن تدريب الفريق في فبراير شباط 2015.", "فبراير شباط 2015").value == "2015-02"
    assert one("بنهاية تداول يوم الـ13 من آب 2015 تغلق السجلات.", "الـ13 من آب 2015").value == "2015-08-13"


@pytest.mark.parametrize(
    ("sentence", "absent"),
    [
        ("فاز فيلا على مضيفه بورنموث 1/ صفر في الدوري.", "1/ صفر"),
        ("ارتفعت نسبة المشاركة قبل يوم الاقتراع بقليل.", "قبل يوم"),
        ("بدأ المذيع حلقته بعبارة مساء الخير.", "مساء"),
        ("قالت صحيفة «المصري اليوم» إن الحكومة قررت.", "اليوم"),
    ],
)
def test_look_alikes_scores_greetings_titles(sentence: str, absent: str) -> None:
    assert absent not in [e.text for e in find_time_exprs(sentence)]


def test_two_different_months_in_a_double_form_are_a_range() -> None:
    expr = one("ارتفعت الأسعار خلال الفترة «يناير - فبراير 2015» بنسبة طفيفة.", "يناير - فبراير 2015")
    assert (expr.kind, expr.value, expr.value_end) == ("range", "2015-01", "2015-02")


def test_midnight_and_hijri_safar_with_year() -> None:
    assert one("تفتح الأبواب حتى 12 ليلاً طيلة أيام المهرجان.", "12 ليلاً").value == "T00:00"
    assert one("صدر القرار في 5 صفر 1437هـ بالرياض.", "5 صفر 1437هـ").value == "2015-11-17"


def test_counted_spans_are_durations() -> None:
    assert one("تقدم بطلب ثلاث سنوات متتالية.", "ثلاث سنوات").parts == {
        "form": "duration",
        "unit": "year",
        "count": 3,
    }
    assert one("وبعد مرور عامين على الحادثة.", "عامين").parts["count"] == 2
    assert find_time_exprs("زار الوفد عدة دول وست مدن.") == []


def test_month_range_with_clitic() -> None:
    expr = one("وبين يناير ومارس 2016 ارتفعت الصادرات.", "بين يناير ومارس 2016")
    assert (expr.value, expr.value_end) == ("2016-01", "2016-03")


def test_no_expression_runs_across_a_line_break() -> None:
    text = "وصل الوفد يوم\nالخميس 5 مارس 2020 إلى الرياض"
    assert [e.text for e in find_time_exprs(text)] == ["الخميس 5 مارس 2020"]
