"""User-facing messages in Arabic (default) and English.

The language comes from ``--lang`` or the ``MARSAD_LANG`` environment variable. Messages are
format strings with named fields; file names and ids are wrapped in Unicode isolates (FSI…PDI)
so a Latin path inside an Arabic sentence keeps its own direction on the terminal.
"""

from __future__ import annotations

import os

_FSI, _PDI = "\u2068", "\u2069"

MESSAGES: dict[str, dict[str, str]] = {
    "reading": {"ar": "قراءة المصادر…", "en": "Reading sources…"},
    "processing": {"ar": "معالجة المقالات", "en": "Processing articles"},
    "progress_line": {"ar": "عولجت {done} من {total} مقالة", "en": "processed {done} of {total} articles"},
    "corpus": {
        "ar": "تحليل المدوّنة: التكرارات والأحداث والقصص",
        "en": "Corpus analysis: duplicates, events, stories",
    },
    "writing_report": {"ar": "كتابة التقرير في {path}", "en": "Writing the report to {path}"},
    "rejected_line": {
        "ar": "مرفوض: {origin} — {reason}{detail}",
        "en": "rejected: {origin} — {reason}{detail}",
    },
    "summary_line": {
        "ar": "المقالات: {articles} جديدة {new} · مرفوضة {rejected} · أحداث {events} · قصص {stories} · كيانات {entities}",
        "en": "articles: {articles} new {new} · rejected {rejected} · events {events} · stories {stories} · entities {entities}",
    },
    "report_written": {"ar": "التقرير: {path}", "en": "Report: {path}"},
    "store_line": {"ar": "قاعدة البيانات: {path}", "en": "Store: {path}"},
    "no_results": {"ar": "لا نتائج لـ «{query}»", "en": "No results for “{query}”"},
    "results": {"ar": "{total} نتيجة لـ «{query}»", "en": "{total} results for “{query}”"},
    "not_found": {"ar": "غير موجود: {what}", "en": "Not found: {what}"},
    "no_inputs": {"ar": "لم يُعطَ أي مسار للقراءة", "en": "No input path given"},
    "ingested": {
        "ar": "أُضيفت {new} مقالة جديدة ({known} موجودة سابقاً، {rejected} مرفوضة)",
        "en": "Added {new} new articles ({known} already stored, {rejected} rejected)",
    },
    "error": {"ar": "خطأ: {message}", "en": "error: {message}"},
    "serving": {
        "ar": "مرصد يعمل على http://{host}:{port} (Ctrl+C للإيقاف)",
        "en": "Marsad is serving on http://{host}:{port} (Ctrl+C to stop)",
    },
    "exported": {"ar": "صُدِّر {n} سجلاً إلى {path}", "en": "Exported {n} records to {path}"},
}

# Why an input was rejected, in words a reader understands.
REASONS: dict[str, dict[str, str]] = {
    "not_found": {"ar": "الملف غير موجود", "en": "no such file"},
    "unreadable": {"ar": "تعذّرت قراءة الملف", "en": "cannot read the file"},
    "empty_file": {"ar": "ملف فارغ", "en": "empty file"},
    "binary": {"ar": "ملف ثنائي وليس نصاً", "en": "binary file, not text"},
    "undecodable": {"ar": "ترميز غير معروف", "en": "unknown text encoding"},
    "bad_json": {"ar": "JSON غير صالح", "en": "invalid JSON"},
    "bad_record": {"ar": "سجل غير صالح", "en": "invalid record"},
    "bad_archive": {"ar": "أرشيف تالف", "en": "damaged archive"},
    "bad_feed": {"ar": "ليس موجز RSS/Atom صالحاً", "en": "not a valid RSS/Atom feed"},
    "empty_body": {"ar": "لا يوجد نص للمقال", "en": "no article text"},
    "unsupported_format": {"ar": "نوع ملف غير مدعوم", "en": "unsupported file type"},
    "too_large": {"ar": "الملف أكبر من الحد المسموح", "en": "file too large"},
    "too_short": {"ar": "نص المقال أقصر من اللازم", "en": "article text too short"},
    "no_arabic_text": {"ar": "لا يحتوي على نص عربي", "en": "no Arabic text"},
    "only_boilerplate": {"ar": "لم يبقَ سوى حشو الصفحة بعد التنظيف", "en": "nothing but page boilerplate"},
    "stage_failed": {"ar": "تعذّرت معالجة المقال", "en": "processing failed"},
}


def language(lang: str | None = None) -> str:
    lang = (lang or os.environ.get("MARSAD_LANG") or "ar").lower()
    return "en" if lang.startswith("en") else "ar"


def isolate(text: object) -> str:
    """Wrap ``text`` in first-strong isolates so mixed-direction output stays readable."""
    return f"{_FSI}{text}{_PDI}"


def say(key: str, lang: str | None = None, **fields: object) -> str:
    template = MESSAGES[key][language(lang)]
    return template.format(
        **{k: isolate(v) if k in ("path", "origin", "query", "what") else v for k, v in fields.items()}
    )


def reason(code: str, lang: str | None = None) -> str:
    base = code.split(":", 1)[0]
    entry = REASONS.get(base)
    return entry[language(lang)] if entry else code
