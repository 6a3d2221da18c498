"""The interface's own words, in Arabic (the default) and English.

Article text is never translated: only the chrome around it changes with the language.
"""

from __future__ import annotations

LANGS = ("ar", "en")

_AR_MONTHS = [
    "يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو",
    "يوليو", "أغسطس", "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر",
]  # fmt: skip
_EN_MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

WORDS: dict[str, tuple[str, str]] = {
    "site": ("مرصد", "Marsad"),
    "tagline": ("مرصد الأخبار العربية", "Arabic news observatory"),
    "stories": ("القصص", "Stories"),
    "story": ("القصة", "Story"),
    "events": ("الأحداث", "Events"),
    "event": ("الحدث", "Event"),
    "articles": ("المقالات", "Articles"),
    "article": ("المقال", "Article"),
    "entities": ("الكيانات", "Entities"),
    "entity": ("الكيان", "Entity"),
    "search": ("بحث", "Search"),
    "search_placeholder": ("ابحث في المقالات…", "Search articles…"),
    "outlets": ("المصادر", "Outlets"),
    "outlet": ("المصدر", "Outlet"),
    "untitled": ("(بلا عنوان)", "(untitled)"),
    "unknown_outlet": ("مصدر غير معروف", "Unknown outlet"),
    "all_outlets": ("كل المصادر", "All outlets"),
    "date_from": ("من تاريخ", "From"),
    "date_to": ("إلى تاريخ", "To"),
    "entity_filter": ("الكيان", "Entity"),
    "results": ("النتائج", "Results"),
    "no_results": ("لا توجد نتائج.", "No results."),
    "next": ("التالي", "Next"),
    "prev": ("السابق", "Previous"),
    "timeline": ("الخط الزمني", "Timeline"),
    "key_actors": ("أبرز الفاعلين", "Key actors"),
    "summary": ("الملخص", "Summary"),
    "key_points": ("النقاط الرئيسية", "Key points"),
    "where_differ": ("أين تختلف المصادر", "Where outlets differ"),
    "no_differences": ("لم تُرصد اختلافات بين المصادر.", "No differences between outlets were found."),
    "by_outlet": ("المقالات حسب المصدر", "Articles by outlet"),
    "mentioned_by": ("ذُكر أيضًا في", "Also mentioned in"),
    "outlet_summary": ("ملخص المصدر نفسه", "The outlet's own summary"),
    "removed": ("ما حُذف من النص", "Removed from the text"),
    "removed_note": ("أسطر ليست من متن المقال (توقيع، إعلان، روابط…)", "Lines that are not article prose"),
    "duplicates": ("نسخ مكررة", "Duplicates"),
    "roles": ("الأدوار عبر الزمن", "Roles over time"),
    "co_entities": ("يُذكر مع", "Mentioned with"),
    "n_events": ("الأحداث", "events"),
    "n_articles": ("المقالات", "articles"),
    "n_outlets": ("المصادر", "outlets"),
    "n_mentions": ("الإشارات", "mentions"),
    "aspect_date": ("التاريخ", "Date"),
    "aspect_number": ("الأرقام", "Numbers"),
    "aspect_place": ("المكان", "Place"),
    "aspect_participants": ("المشاركون", "Participants"),
    "undated": ("بلا تاريخ", "undated"),
    "published": ("تاريخ النشر", "Published"),
    "byline": ("الكاتب", "Byline"),
    "dateline": ("مكان الخبر", "Dateline"),
    "source_link": ("الرابط الأصلي", "Original link"),
    "place": ("المكان", "Place"),
    "participants": ("المشاركون", "Participants"),
    "story_of": ("ضمن قصة", "Part of story"),
    "capped": ("تُعرض أول {n} فقط من {total}.", "Showing the first {n} of {total}."),
    "not_found": ("غير موجود", "Not found"),
    "lang_switch": ("English", "العربية"),
    "PERSON": ("شخص", "Person"),
    "ORG": ("منظمة", "Organisation"),
    "LOC": ("مكان", "Place"),
    "all_labels": ("الكل", "All"),
    "static_note": (
        "تقرير ثابت: البحث متاح عبر ‎marsad serve‎.",
        "Static report: search needs `marsad serve`.",
    ),
    "more": ("المزيد", "More"),
    "more_n": ("المزيد ({n})", "{n} more"),
    "differ_lead": ("تختلف المصادر في {topic}:", "Outlets differ on {topic}:"),
    "topic_number": ("رقم مذكور مع «{word}»", "a figure given with «{word}»"),
    "topic_number_plain": ("رقم واحد", "a figure"),
    "topic_date": ("تاريخ الواقعة نفسها", "the date of the same fact"),
    "topic_place": ("مكان الواقعة نفسها", "the place of the same fact"),
    "topic_participants": ("من شارك في الواقعة نفسها", "who took part in the same fact"),
    "versus": ("مقابل", "versus"),
    "quote_from": ("جاء في", "As written in"),
    "group_number": ("الأرقام", "Figures"),
    "group_date": ("التواريخ", "Dates"),
    "group_place": ("الأماكن", "Places"),
    "group_participants": ("المشاركون", "Participants"),
    "disputes_n": ("خلافات: {n}", "{n} disputes"),
    "coverage": ("من غطّى الحدث", "Who covered it"),
    "by_country": ("حسب البلد", "By country"),
    "by_kind": ("حسب نوع المصدر", "By kind of outlet"),
    "first_report": ("أول من نشر", "First to report"),
    "first_same_day": ("ونشر معه في اليوم نفسه: {names}", "Same day: {names}"),
    "per_day": ("المقالات في كل يوم", "Articles per day"),
    "outlet_n": ("مصادر: {n}", "{n} outlets"),
    "outlet_n_one": ("مصدر واحد", "1 outlet"),
    "disputes_n_one": ("خلاف واحد", "1 dispute"),
    "entity_name": ("اسم الكيان", "Entity name"),
    "sort": ("الترتيب", "Sort"),
    "sort_relevance": ("الأقرب للبحث", "Relevance"),
    "sort_date": ("الأحدث أولًا", "Newest first"),
    "help_phrase": ("عبارة بين علامتَي تنصيص تُطابَق كما هي", "a phrase in quotes matches as written"),
    "help_or": ("تقبل أيًّا من الكلمتين", "accepts either word"),
    "help_not": ("تستبعد المقالات التي فيها الكلمة", "leaves out articles with the word"),
    "entity_unknown": ("لا يوجد كيان بهذا الاسم: {name}", "No entity with this name: {name}"),
    "stem_only": (
        "نتائج تطابق جذر الكلمة فقط (قد لا تكون الكلمة نفسها)",
        "Matched by word stem only (may be other words)",
    ),
    "api_docs": ("واجهة البرمجة", "API"),
    "not_found_story": ("لا توجد قصة بهذا المعرّف.", "No story with this id."),
    "not_found_event": ("لا يوجد حدث بهذا المعرّف.", "No event with this id."),
    "not_found_article": ("لا يوجد مقال بهذا المعرّف.", "No article with this id."),
    "not_found_entity": ("لا يوجد كيان بهذا المعرّف.", "No entity with this id."),
    "not_found_page": ("لا توجد صفحة بهذا العنوان.", "There is no page at this address."),
    "requested": ("المطلوب", "Requested"),
    "cited": ("مصدر", "source"),
}


def word(key: str, lang: str) -> str:
    """The UI word for ``key``; an unknown key shows itself so a gap is visible, not fatal."""
    pair = WORDS.get(key)
    if pair is None:
        return key
    return pair[1] if lang == "en" else pair[0]


def count(key: str, n: int, lang: str) -> str:
    """ "المقالات: 4" / "4 articles": the Arabic form avoids number–noun agreement (مقالتان، ٣ مقالات، ١١ مقالًا)."""
    if lang == "en":
        noun = word(key, lang)
        return f"{n} {noun[:-1] if n == 1 and noun.endswith('s') else noun}"
    return f"{word(key, lang)}: {n}"


def _parts(value: str) -> tuple[int, int, int] | None:
    try:
        y, m, d = (int(x) for x in value[:10].split("-"))
    except ValueError:
        return None
    return (y, m, d) if 1 <= m <= 12 else None


def format_range(start: str | None, end: str | None, lang: str) -> tuple[str, str] | None:
    """The two halves of a day range, the shared month and year written once:
    ("23", "24 ديسمبر 2025"), ("30 نوفمبر", "2 ديسمبر 2025"); None when it is one day or not ISO days."""
    if not start or not end or start[:10] == end[:10]:
        return None
    a, b = _parts(start), _parts(end)
    if a is None or b is None or len(start) < 10 or len(end) < 10:
        return None
    months = _EN_MONTHS if lang == "en" else _AR_MONTHS
    if a[:2] == b[:2]:
        return str(a[2]), format_date(end, lang)
    if a[0] == b[0]:
        return f"{a[2]} {months[a[1] - 1]}", format_date(end, lang)
    return format_date(start, lang), format_date(end, lang)


def format_date(value: str | None, lang: str) -> str:
    """ "2025-07-31" → "31 يوليو 2025"; month ("2025-07") and year values keep their granularity."""
    if not value:
        return word("undated", lang)
    parts = value[:10].split("-")
    months = _EN_MONTHS if lang == "en" else _AR_MONTHS
    try:
        if len(parts) >= 2:
            month = months[int(parts[1]) - 1]
            return f"{int(parts[2])} {month} {parts[0]}" if len(parts) == 3 else f"{month} {parts[0]}"
    except (ValueError, IndexError):
        return value  # not ISO: show what the source gave
    return parts[0]
