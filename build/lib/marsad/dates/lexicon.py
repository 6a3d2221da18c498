"""The words Arabic news uses for dates, in the matching form the scanner sees.

Every key is written here as outlets print it and folded with :func:`fold` (hamza seats,
ة → ه, ى → ي, digits, marks removed), so one entry covers "أغسطس"/"اغسطس", "جمادى"/"جمادي".
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TypeVar

from marsad.arabic.normalize import normalize_keep_length

# The same-length matching form of the text: marks become NUL so offsets stay valid.
fold = normalize_keep_length


def _key(word: str) -> str:
    return " ".join(fold(word).replace("\x00", "").split())


V = TypeVar("V")


def _table(pairs: dict[str, V]) -> dict[str, V]:
    return {_key(k): v for k, v in pairs.items()}


# Levantine/Iraqi (Syriac) month names, with the spellings outlets actually print.
SYRIAC_MONTHS = _table(
    {
        "كانون الثاني": 1, "كانون ثاني": 1, "كانون الثانى": 1,
        "شباط": 2, "آذار": 3, "اذار": 3, "نيسان": 4, "أيار": 5, "ايار": 5, "حزيران": 6,
        "تموز": 7, "آب": 8, "أيلول": 9, "ايلول": 9,
        "تشرين الأول": 10, "تشرين اول": 10, "تشرين الاول": 10,
        "تشرين الثاني": 11, "تشرين ثاني": 11, "تشرن الثاني": 11,
        "كانون الأول": 12, "كانون اول": 12, "كانون الاول": 12,
    }
)  # fmt: skip

# Egyptian/Gulf transliterations of the Latin names, with common variants.
EGYPTIAN_MONTHS = _table(
    {
        "يناير": 1, "فبراير": 2, "فبرایر": 2, "فبرير": 2, "مارس": 3, "أبريل": 4, "إبريل": 4, "ابريل": 4,
        "مايو": 5, "يونيو": 6, "يونيه": 6, "يوليو": 7, "يوليه": 7, "أغسطس": 8, "اغسطس": 8,
        "أغسطوس": 8, "سبتمبر": 9, "سيبتمبر": 9, "أكتوبر": 10, "اكتوبر": 10, "أكتوبار": 10,
        "نوفمبر": 11, "نونبر": 11, "ديسمبر": 12, "ديسيمبر": 12, "دجنبر": 12,
    }
)  # fmt: skip

# Maghrebi (French-derived) names; Moroccan "يوليوز"/"غشت" too.
MAGHREBI_MONTHS = _table(
    {
        "جانفي": 1, "فيفري": 2, "أفريل": 4, "ماي": 5, "جوان": 6, "جويلية": 7, "يوليوز": 7,
        "أوت": 8, "غشت": 8, "شتنبر": 9,
    }
)  # fmt: skip

MONTHS: dict[str, int] = {**SYRIAC_MONTHS, **EGYPTIAN_MONTHS, **MAGHREBI_MONTHS}

# Month names that are also common words ("مارس" practised, "ماي"/"أوت", "أب" father once the
# hamza is folded (handled apart: "آب" with its madda is safe), "نيسان" the car maker, "جوان"/"مايو" names): they count as a month only
# with a day, a year, "شهر" or a tense word beside them.
AMBIGUOUS_MONTHS = frozenset(_key(w) for w in ("مارس", "ماي", "أوت", "جوان", "مايو", "نيسان", "غشت", "يوليه"))

HIJRI_MONTHS = _table(
    {
        "محرم": 1, "صفر": 2, "ربيع الأول": 3, "ربيع الاول": 3, "ربيع الثاني": 4, "ربيع الآخر": 4,
        "ربيع الاخر": 4, "جمادى الأولى": 5, "جمادى الاولى": 5, "جمادى الأول": 5,
        "جمادى الآخرة": 6, "جمادى الثانية": 6, "جمادى الآخر": 6, "جمادى الاخرة": 6, "رجب": 7,
        "شعبان": 8, "رمضان": 9, "شوال": 10, "ذو القعدة": 11, "ذي القعدة": 11, "ذو الحجة": 12,
        "ذي الحجة": 12,
    }
)  # fmt: skip

# Hijri months that are also personal names (رمضان, شعبان, رجب) or a number (صفر = zero).
AMBIGUOUS_HIJRI = frozenset(_key(w) for w in ("صفر", "رجب", "شعبان", "رمضان", "محرم"))

# Python weekday numbers (Monday = 0).
WEEKDAYS = _table(
    {
        "الاثنين": 0,
        "الإثنين": 0,
        "الثلاثاء": 1,
        "الأربعاء": 2,
        "الخميس": 3,
        "الجمعة": 4,
        "السبت": 5,
        "الأحد": 6,
    }
)

_UNITS_1_9 = ["الحادي", "الثاني", "الثالث", "الرابع", "الخامس", "السادس", "السابع", "الثامن", "التاسع"]
_ORDINALS = {"الأول": 1, "الاول": 1, "الأولى": 1, "العاشر": 10, "العشرين": 20, "الثلاثين": 30}
for _i, _w in enumerate(_UNITS_1_9, start=1):
    if _i > 1:
        _ORDINALS[_w] = _i
    _ORDINALS[f"{_w} عشر"] = 10 + _i
    _ORDINALS[f"{_w} والعشرين"] = 20 + _i
_ORDINALS["الحادي والثلاثين"] = 31
ORDINAL_DAYS = _table(_ORDINALS)

# Cardinal counts used with time units ("ثلاثة أيام", "خمس سنوات").
COUNTS = _table(
    {
        "واحد": 1, "ثلاثة": 3, "ثلاث": 3, "أربعة": 4, "أربع": 4, "خمسة": 5, "خمس": 5, "ستة": 6,
        "ست": 6, "سبعة": 7, "سبع": 7, "ثمانية": 8, "ثماني": 8, "ثمان": 8, "تسعة": 9, "تسع": 9,
        "عشرة": 10, "عشر": 10, "بضعة": 3, "بضع": 3, "عدة": 3,
    }
)  # fmt: skip

# Time units: singular, dual (count 2 built in) and plural forms.
UNITS: dict[str, tuple[str, int]] = {
    _key(k): v
    for k, v in {
        "يوم": ("day", 1), "يوما": ("day", 1), "يومين": ("day", 2), "يومان": ("day", 2), "أيام": ("day", 0),
        "أسبوع": ("week", 1), "أسبوعا": ("week", 1), "أسبوعين": ("week", 2), "أسابيع": ("week", 0),
        "شهر": ("month", 1), "شهرا": ("month", 1), "شهرين": ("month", 2), "أشهر": ("month", 0),
        "شهور": ("month", 0), "عام": ("year", 1), "عاما": ("year", 1), "عامين": ("year", 2),
        "أعوام": ("year", 0), "سنة": ("year", 1), "سنتين": ("year", 2), "سنوات": ("year", 0),
        "ساعة": ("hour", 1), "ساعتين": ("hour", 2), "ساعات": ("hour", 0),
    }.items()
}  # fmt: skip

# Tense words after a month, weekday or period: which occurrence is meant.
TENSES = _table(
    {
        "الماضي": -1, "الماضية": -1, "المنصرم": -1, "المنصرمة": -1, "الفائت": -1, "الفائتة": -1,
        "السابق": -1, "المقبل": 1, "المقبلة": 1, "القادم": 1, "القادمة": 1,
        "الجاري": 0, "الجارية": 0, "الحالي": 0, "الحالية": 0,
        "الماضيين": -1, "المقبلين": 1, "القادمين": 1, "قبل الماضي": -2, "قبل الماضية": -2, "بعد المقبل": 2, "بعد القادم": 2,
    }
)  # fmt: skip

# Where in a month/year: early, mid, late.
MODIFIERS = _table(
    {
        "مطلع": "early", "أوائل": "early", "بداية": "early", "بدايات": "early", "أول": "early",
        "مستهل": "early", "منتصف": "mid", "أواسط": "mid", "وسط": "mid", "أواخر": "late",
        "نهاية": "late", "أخر": "late", "آخر": "late", "ختام": "late", "أواخر شهر": "late",
    }
)  # fmt: skip

# Relative days: shift from the anchor.
RELATIVE_DAYS = _table(
    {
        "اليوم": 0, "أمس": -1, "الأمس": -1, "البارحة": -1, "يوم أمس": -1, "غدا": 1, "غداً": 1, "يوم غد": 1,
        "أول أمس": -2, "أول من أمس": -2, "أمس الأول": -2, "بعد غد": 2, "بعد الغد": 2,
    }
)  # fmt: skip

PARTS_OF_DAY = _table(
    {
        "صباح": "morning", "صباحا": "morning", "مساء": "evening", "مساءً": "evening",
        "ظهر": "noon", "ظهرا": "noon", "عصر": "afternoon", "عصرا": "afternoon", "فجر": "dawn",
        "فجرا": "dawn", "ليل": "night", "ليلا": "night", "ليلة": "night", "ظهيرة": "noon",
    }
)  # fmt: skip

# Clock hours in words ("الساعة العاشرة صباحاً").
HOURS = _table(
    {
        "الواحدة": 1, "الثانية": 2, "الثالثة": 3, "الرابعة": 4, "الخامسة": 5, "السادسة": 6,
        "السابعة": 7, "الثامنة": 8, "التاسعة": 9, "العاشرة": 10, "الحادية عشرة": 11,
        "الثانية عشرة": 12,
    }
)  # fmt: skip

# Words before "اليوم" that make it part of a title ("روسيا اليوم", "مصر اليوم"), and after
# it that make it a noun ("اليوم الوطني", "اليوم التالي"): then it is not "today".
TODAY_TITLES = frozenset(
    _key(w)
    for w in "المصري عين العالم روسيا مصر أمريكا امريكا تونس فلسطين السعودية الخليج الشرق المغرب الجزائر الأردن الاقتصاد الطب أخبار لبنان سوريا العراق اليمن الكويت قطر عمان الإمارات البحرين ليبيا السودان الرياضة".split()
)
TODAY_NOUN_FOLLOWERS = frozenset(
    _key(w)
    for w in "الوطني العالمي الدولي التالي الأول الثاني الثالث الأخير نفسه ذاته الذي المفتوح المحدد المقرر المعلوم المشهود المنتظر الأسود الرياضي الموعود العربي السابق الختامي الواحد الطويل".split()
)

# Words after a bare year that make it a count, not a year ("2000 شخص").
COUNT_NOUNS = frozenset(
    _key(w)
    for w in """شخص أشخاص دولار ريال درهم دينار جنيه يورو ليرة متر مترا كيلو كيلومتر كم طن حاج
    مواطن طالب طالبة عامل وحدة نسمة مليون مليار ألف آلاف قتيل جندي مقاتل موظف سرير عنصر منزل
    مرة سيارة مشارك لاجئ مسافر معتمر حالة مريض صاروخ برميل ميغاواط وظيفة فرصة قطعة نقطة سهم
    غرام جرام لتر هكتار مدرسة مسجد دقيقة ساعة يوم درجة""".split()
)
COUNT_PREFIXES = frozenset(_key(w) for w in "نحو حوالي قرابة رقم بلغ بلغت عدد أكثر أقل زهاء".split())


def alternation(words: Iterable[str]) -> str:
    """A regex alternation of ``words``, longest first (so "كانون الثاني" beats "كانون"),
    with spaces matching any whitespace run."""
    ordered = sorted(set(words), key=len, reverse=True)
    return "(?:" + "|".join(re.escape(w).replace(r"\ ", " ").replace(" ", r"\s+") for w in ordered) + ")"
