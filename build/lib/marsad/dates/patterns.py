"""The compiled patterns of the date scanner, built from the lexicon.

All patterns run on the folded, mark-free form of the text (see :mod:`marsad.dates.scan`):
no hamza seats, ة → ه, ASCII digits. The master pattern is one alternation of named forms,
most specific first, so a single pass finds the longest sensible reading at each position.
"""

from __future__ import annotations

import re

from marsad.dates import lexicon as lx
from marsad.dates.lexicon import alternation

WD = alternation(lx.WEEKDAYS)
MONTH = alternation(lx.MONTHS)
HMONTH = alternation(lx.HIJRI_MONTHS)
ORD = alternation(lx.ORDINAL_DAYS)
TENSE = alternation(lx.TENSES)
MOD = alternation(lx.MODIFIERS)
RELDAY = alternation(lx.RELATIVE_DAYS)
PARTDAY = alternation(lx.PARTS_OF_DAY)
COUNT = alternation(lx.COUNTS)
UNIT = alternation(lx.UNITS)
HOUR = alternation(lx.HOURS)

_END = r"(?!\w)"
_START = r"(?<!\w)"
# A month name in one system, optionally doubled with another: "كانون الأول/ديسمبر",
# "ديسمبر (كانون الأول)", "آذار - مارس", and Reuters' bare pair "يوليو تموز".
MONTHX = rf"(?:{MONTH}(?:\s*[/\-]\s*{MONTH}{_END}|\s*\(\s*{MONTH}\s*\)|\s+{MONTH}{_END})?)"
MONTH_ANY = rf"(?:{MONTHX}|{HMONTH})"
YEARWORD = r"(?:عام|العام|لعام|بعام|سنه|السنه|لسنه|عامي|سنتي|بتاريخ)"
ERA = r"(?:\s*(?:ميلاديه|ميلادي|هجريه|هجري|م|ه)(?!\w))"
YEAR = r"(?:\d{4}|\d{3}(?=\s*(?:ه|هجري)))"
YEAR_TAIL = rf"(?:\s*[,،/]?\s*(?:من\s+)?(?:{YEARWORD}\s*)?\(?\s*{YEAR}(?!\d)(?:\s*\))?{ERA}?)"
DAY = rf"(?:(?:ال\s?)?\d{{1,2}}(?!\d)|{ORD})"  # "الـ13 من آب" folds to "ال13", "الـ 13" to "ال 13"
DAY_RANGE = rf"(?:(?:(?:بين|من)\s+)?{DAY}\s*(?:-|–|وحتي|حتي|ولغايه|لغايه|الي|و)\s*{DAY}|{DAY})"
WEEKDAY_LEAD = rf"(?:(?:{PARTDAY}\s+)?(?:{RELDAY}\s*[,،]?\s*)?(?:يوم\s+)?{WD}\s*[,،]?\s*(?:\(\s*)?(?:الموافق\s+)?|يوم\s+(?=\d))"
# "قبل عام 2015" is the year 2015, not "a year ago".
_NOT_YEAR = r"(?!\w)(?!\s*\(?\s*\d)(?!\s+ال)"  # nor "قبل يوم الاقتراع" (before polling day)
# "خلال شهر يوليو" is July, not "within a month".
_NOT_NAMED = rf"(?!\s+(?:{MONTH}|{HMONTH}){_END})"
DUAL = alternation(k for k, (_, n) in lx.UNITS.items() if n == 2)
PERIOD_NOUN = (
    r"(?:الاسبوع|الشهر|العام|السنه|الاسابيع|الاشهر|الشهور|الايام|السنوات|الاعوام|الفتره|العقد|الليله|الساعات)"
)

FORMS: dict[str, str] = {
    "numeric": (
        rf"(?:{WEEKDAY_LEAD}|{MONTH}\s*(?=\(\s*\d))?(?:(?:ب|و)?تاريخ\s*:?\s*)?(?:\(\s*)?"
        r"(?<![\d/.])(?:\d{1,2}\s*[/\-.]\s*\d{1,2}\s*[/\-.]\s*\(?\s*\d{4}|\d{4}\s*[/\-]\s*\d{1,2}\s*[/\-]\s*\d{1,2})"
        rf"(?![\d/])(?:\s*\))?{ERA}?"
    ),
    "daymonth": (
        rf"(?:{WEEKDAY_LEAD})?{DAY_RANGE}(?:\s*/\s*|\s+)(?:من\s+)?(?:شهر\s+)?{MONTH_ANY}{_END}"
        rf"(?:\s*/)?(?:\s+{TENSE}{_END})?(?:{YEAR_TAIL})?"
    ),
    # "في 15 من الشهر الجاري", "العاشر من الشهر الماضي": a day of a month named by tense.
    "dayofmonth": rf"(?:{WEEKDAY_LEAD})?{DAY_RANGE}\s+(?:من\s+)?(?:هذا\s+)?الشهر(?:\s+{TENSE}{_END})?",
    "relday": rf"(?:{PARTDAY}\s+)?(?:يوم\s+)?{RELDAY}{_END}(?:\s*[,،]?\s*\(?\s*(?:يوم\s+)?{WD}{_END}\s*\)?)?",
    "monthrange": (
        rf"(?:بين|من)\s+(?:شهر\s+)?{MONTHX}{_END}\s*(?:-|وحتي|حتي|ولغايه|لغايه|الي|و)\s*(?:شهر\s+)?{MONTHX}{_END}"
        rf"(?:{YEAR_TAIL})?"
    ),
    "month": (
        rf"(?:{MOD}\s+)?(?:شهر\s+)?{MONTH_ANY}{_END}(?:\s+(?:المبارك|الكريم|الفضيل|الحرام))?"
        rf"(?:\s+{TENSE}{_END})?(?:{YEAR_TAIL})?"
    ),
    "year": (
        rf"(?:{MOD}\s+)?{YEARWORD}\s*\(?\s*{YEAR}(?!\d)(?:\s*(?:[/\-]|و)\s*{YEAR}(?!\d))?(?:\s*\))?{ERA}?"
    ),
    "period": (
        rf"(?:{MOD}\s+)?(?:(?:هذا|هذه)\s+)?{PERIOD_NOUN}(?:\s+(?:{TENSE}|الاخير|الاخيره|الاخيرين|الماضيين){_END})"
        rf"|{MOD}\s+(?:هذا\s+|هذه\s+)?(?:الاسبوع|الشهر|العام|السنه){_END}"
        r"|(?:هذا|هذه)\s+(?:الاسبوع|الشهر|العام|السنه)"
    ),
    "weekday": rf"(?:{PARTDAY}\s+)?(?:يوم\s+)?{WD}{_END}(?:\s+{TENSE}{_END})?",
    "ago": rf"(?:قبل|منذ)\s+(?:(?:حوالي|نحو|قرابه|زهاء)\s+)?(?:(?:{COUNT}|\d{{1,3}})\s+)?{UNIT}{_NOT_YEAR}{_NOT_NAMED}",
    "duration": rf"(?:(?:علي\s+(?:مدي|مدار)|لمده|طيله|طوال|خلال)\s+|ل)(?:(?:{COUNT}|\d{{1,3}})\s+)?{UNIT}{_NOT_YEAR}{_NOT_NAMED}",
    # A counted span standing alone ("ثلاث سنوات", "عامين", "45 يوما"): a duration, no date.
    "count": rf"(?:(?:{COUNT}|\d{{1,3}})\s+{UNIT}|{DUAL}){_NOT_YEAR}{_NOT_NAMED}",
    "clock": (
        rf"(?:الساعه\s+(?:\d{{1,2}}(?:[:.]\d{{2}})?|{HOUR})(?:\s+(?:والنصف|والربع|الا\s+ربعا?|و\d{{1,2}}\s+دقيقه))?"
        rf"(?:\s+(?:من\s+)?(?:{PARTDAY}|بعد\s+الظهر))?"
        rf"|(?<![\d:])\d{{1,2}}:\d{{2}}(?![\d:])(?:\s+{PARTDAY})?"
        r"|(?<![\d.,])\d{1,2}\s+(?:صباحا|مسا|ظهرا|عصرا|ليلا|فجرا))"
    ),
    "bareyear": (
        r"(?<![\d.,/])(?:1[89]\d\d|20\d\d)(?:\s*[-–]\s*(?:1[89]\d\d|20\d\d))?(?![\d.,/%])"
        rf"(?:{ERA})?|(?<![\d.,/])\d{{3,4}}\s*(?:هجريه|هجري|ه){_END}"
    ),
    # "عصرا" alone is mostly "an era" (عصراً جديداً), so it counts only inside a clock time.
    "partday": r"(?:صباحا|مسا|ظهرا|ليلا|فجرا)",
}

# Conjunction/preposition clitics glued to a date word ("والثلاثاء", "وفي"): outside the span.
_CLITIC = r"(?:[وف](?=\S))?"


def _master() -> re.Pattern[str]:
    parts = [rf"{_START}{_CLITIC}(?P<{name}>{body}){_END}" for name, body in FORMS.items()]
    return re.compile("|".join(parts))


MASTER = _master()


def _first_words(*tables: object) -> set[str]:
    return {key.split()[0] for table in tables for key in table}  # type: ignore[attr-defined]


# The first word of every form, so the scanner tries MASTER only where a form can start
# (the regex engine cannot skip ahead through a 200-way alternation by itself). A new form
# must add its first words here.
TRIGGERS: frozenset[str] = frozenset(
    _first_words(lx.MONTHS, lx.HIJRI_MONTHS, lx.WEEKDAYS, lx.RELATIVE_DAYS, lx.PARTS_OF_DAY, lx.MODIFIERS)
    | _first_words(lx.ORDINAL_DAYS)
    | set(
        """يوم شهر بتاريخ تاريخ وتاريخ بين ال الساعات من عام العام لعام بعام سنه السنه لسنه عامي سنتي الاسبوع الشهر الاسابيع
        الاشهر الشهور الايام السنوات الاعوام الفتره العقد الليله هذا هذه قبل منذ علي لمده طيله طوال
        خلال الساعه صباحا مسا ظهرا ليلا فجرا""".split()
    )
    | {"ل" + w for w in (*lx.COUNTS, *lx.UNITS)}
    | set(lx.COUNTS)
    | {k for k, (_, n) in lx.UNITS.items() if n == 2}
)
TRIGGERS_WITH_CLITICS = TRIGGERS | {c + w for c in "وف" for w in TRIGGERS}
WORD_RE = re.compile(r"\w+")
# Frequent trigger words that start a form only before certain words: checking the next
# word first halves the MASTER attempts on news text ("من" alone is a third of them).
_NEXT_DAY = re.compile(rf"\s+(?:\d|{ORD}|(?:شهر\s+)?{MONTH})")
TRIGGER_GUARDS: dict[str, re.Pattern[str]] = {
    "من": _NEXT_DAY,
    "بين": _NEXT_DAY,
    "علي": re.compile(r"\s+مد"),
    "هذا": re.compile(r"\s+ال"),
    "هذه": re.compile(r"\s+ال"),
    "بعد": re.compile(r"\s+(?:ال)?غد"),
    **dict.fromkeys(lx.COUNTS, re.compile(rf"\s+{UNIT}")),  # "ثلاث سنوات", not "عدة دول"
}
FORM_NAMES = tuple(FORMS)

# Pieces the parser looks for inside a matched span.
MONTH_RE = re.compile(rf"{_START}{MONTH}{_END}")
MONTH_CLITIC_RE = re.compile(rf"{_START}[وف]?({MONTH}){_END}")  # "بين يناير ومارس"
HMONTH_RE = re.compile(rf"{_START}{HMONTH}{_END}")
WD_RE = re.compile(rf"{_START}[وف]?({WD}){_END}")
RELDAY_RE = re.compile(rf"{_START}(?:يوم\s+)?({RELDAY}){_END}")
TENSE_RE = re.compile(rf"{_START}{TENSE}{_END}")
MOD_RE = re.compile(rf"^{MOD}{_END}")
ORD_RE = re.compile(rf"{_START}{ORD}{_END}")
PARTDAY_RE = re.compile(rf"{_START}{PARTDAY}{_END}")
COUNT_RE = re.compile(rf"{_START}ل?({COUNT}){_END}")
UNIT_RE = re.compile(rf"{UNIT}{_END}")
HOUR_RE = re.compile(rf"{_START}{HOUR}{_END}")
HIJRI_ERA_RE = re.compile(r"(?<![\w])(?:هجريه|هجري|ه)(?!\w)|\dه(?!\w)")
NUMBER_RE = re.compile(r"\d+")
