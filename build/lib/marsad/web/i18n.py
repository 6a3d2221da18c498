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
    "entity_filter": ("معرّف الكيان", "Entity id"),
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
