"""Reading the parts of a matched expression: day, month, year, weekday, tense, shift ...

Each ``_parse_<form>`` takes the folded text and a match span and returns the (possibly
trimmed) span with its parts, or None when context shows the words are not a date
("مارس الرياضة", "روسيا اليوم", "2000 شخص", "سوق الجمعة").
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from marsad.dates import lexicon as lx
from marsad.dates import patterns as pt
from marsad.dates.offsets import OffsetMap

Parsed = tuple[int, int, dict[str, Any]] | None


def parse(form: str, s: str, start: int, end: int, original: str, index: OffsetMap) -> Parsed:
    parser = _PARSERS[form]
    return parser(s, start, end, original, index)


def _words_before(s: str, start: int, n: int = 1) -> list[str]:
    """The last ``n`` words before ``start``, punctuation dropped ("«المصري اليوم»")."""
    return _WORD.findall(s, max(0, start - 40), start)[-n:]


def _word_after(s: str, end: int) -> str:
    word = _WORD.search(s, end, end + 40)
    return word.group() if word else ""


_WORD = re.compile(r"\w+")


def _weekday_parts(body: str, parts: dict[str, Any]) -> None:
    wd = pt.WD_RE.search(body)
    if wd:
        parts["weekday"] = lx.WEEKDAYS[wd.group(1)]
    rel = pt.RELDAY_RE.search(body)
    if rel:
        parts["shift"] = lx.RELATIVE_DAYS[" ".join(rel.group(1).split())]
    pod = pt.PARTDAY_RE.search(body)
    if pod:
        parts["part_of_day"] = lx.PARTS_OF_DAY[pod.group()]


def _first_month(body: str) -> tuple[int, int, int, str] | None:
    """(start, end, number, calendar) of the first month name in ``body``."""
    greg = pt.MONTH_RE.search(body)
    hij = pt.HMONTH_RE.search(body)
    if greg and (not hij or greg.start() <= hij.start()):
        return greg.start(), greg.end(), lx.MONTHS[" ".join(greg.group().split())], "gregorian"
    if hij:
        return hij.start(), hij.end(), lx.HIJRI_MONTHS[" ".join(hij.group().split())], "hijri"
    return None


def _year_parts(text: str, parts: dict[str, Any]) -> None:
    years = [int(n) for n in pt.NUMBER_RE.findall(text) if len(n) >= 3]
    if years:
        parts["year"] = years[0]
        if len(years) > 1 and years[1] > years[0]:
            parts["year_end"] = years[1]
    if pt.HIJRI_ERA_RE.search(text):
        parts["calendar"] = "hijri"


def _tense(text: str) -> int | None:
    tense = pt.TENSE_RE.search(text)
    return lx.TENSES[tense.group()] if tense else None


def _month_ok(name: str, calendar: str, parts: dict[str, Any], body: str, original: str) -> bool:
    """Ambiguous month words need company: a day, a year, "شهر", a tense or a modifier."""
    if calendar == "gregorian" and name == "اب" and "آب" not in original and "day" not in parts:
        return "year" in parts  # folded "أب" (father) only with a year beside it
    if calendar == "hijri" and name == "صفر" and "year" not in parts and "tense" not in parts:
        return body.startswith("شهر")  # "1 / صفر" is a score, "صفر" alone a number
    ambiguous = lx.AMBIGUOUS_MONTHS if calendar == "gregorian" else lx.AMBIGUOUS_HIJRI
    if name not in ambiguous:
        return True
    if "day" in parts or "year" in parts or "tense" in parts or "modifier" in parts:
        return True
    return body.startswith("شهر") or len(pt.MONTH_RE.findall(body)) > 1


def _parse_date(s: str, start: int, end: int, original: str, index: OffsetMap) -> Parsed:
    body = s[start:end]
    month = _first_month(body)
    if month is None:
        return None
    m_start, m_end, number, calendar = month
    parts: dict[str, Any] = {"form": "date", "month": number, "calendar": calendar}
    head, tail = body[:m_start], body[m_end:]
    days = [int(n) for n in pt.NUMBER_RE.findall(head)]
    if not days:
        ords = pt.ORD_RE.findall(head)
        days = [lx.ORDINAL_DAYS[" ".join(o.split())] for o in ords]
        # "الأسبوع الثاني من يناير": the ordinal counts weeks, not days; keep just the month.
        if days and _words_before(s, start)[-1:] and _words_before(s, start)[-1] in _ORDINAL_HOSTS:
            return _parse_month(s, start + m_start, end, original, index)
    if not days or not 1 <= days[0] <= 31 or (len(days) > 1 and not 1 <= days[-1] <= 31):
        return None
    parts["day"] = days[0]
    if len(days) > 1:
        parts["day_end"] = days[-1]
    _weekday_parts(head, parts)
    tense = _tense(tail)
    if tense is not None:
        parts["tense"] = tense
    _year_parts(tail, parts)
    if calendar == "gregorian" and parts.get("calendar") == "hijri":
        parts["calendar"] = "gregorian"
    name = " ".join(body[m_start:m_end].split())
    if not _month_ok(name, calendar, parts, body[m_start:], _orig(original, index, start, end)):
        return None
    return start, end, parts


_ORDINAL_HOSTS = frozenset(
    {"الاسبوع", "النصف", "الربع", "الثلث", "العقد", "القرن", "الاسبوعين", "الجزء", "الفصل"}
)


def _orig(original: str, index: OffsetMap, start: int, end: int) -> str:
    return original[index.original(start) : index.original(end - 1) + 1]


def _parse_month(s: str, start: int, end: int, original: str, index: OffsetMap) -> Parsed:
    body = s[start:end]
    month = _first_month(body)
    if month is None:
        return None
    m_start, m_end, number, calendar = month
    parts: dict[str, Any] = {"form": "month", "month": number, "calendar": calendar}
    mod = pt.MOD_RE.search(body[:m_start])
    if mod:
        parts["modifier"] = lx.MODIFIERS[" ".join(mod.group().split())]
    tail = body[m_end:]
    tense = _tense(tail)
    if tense is not None:
        parts["tense"] = tense
    _year_parts(tail, parts)
    if calendar == "gregorian" and parts.get("calendar") == "hijri":
        parts["calendar"] = "gregorian"
    named = [lx.MONTHS[" ".join(m.group().split())] for m in pt.MONTH_RE.finditer(body)]
    if calendar == "gregorian" and len(set(named)) > 1:  # "يناير - فبراير 2015": two months, a range
        parts.update(form="monthrange", month=named[0], month_end=named[-1])
    name = " ".join(body[m_start:m_end].split())
    if _after_preposition(s, start) and (name != "اب" or "آب" in _orig(original, index, start, end)):
        return start, end, parts  # "في مارس", "منذ رمضان": the month, whatever else the word means
    if not _month_ok(name, calendar, parts, body, _orig(original, index, start, end)):
        return None
    return start, end, parts


# Month names standing alone after these words are the month (not "مارس" the verb).
_MONTH_CONTEXT = frozenset(
    {"في", "منذ", "خلال", "حتي", "الي", "قبل", "بعد", "من", "مطلع", "شهر", "بين", "اواخر", "منتصف"}
)


def _after_preposition(s: str, start: int) -> bool:
    before = _words_before(s, start)
    return bool(before) and (
        before[-1] in _MONTH_CONTEXT or before[-1][1:] in _MONTH_CONTEXT and before[-1][0] in "وف"
    )


def _parse_year(s: str, start: int, end: int, original: str, index: OffsetMap) -> Parsed:
    body = s[start:end]
    parts: dict[str, Any] = {"form": "year"}
    mod = pt.MOD_RE.search(body)
    if mod:
        parts["modifier"] = lx.MODIFIERS[" ".join(mod.group().split())]
    _year_parts(body, parts)
    if "year" not in parts:
        return None
    return start, end, parts


def _parse_bareyear(s: str, start: int, end: int, original: str, index: OffsetMap) -> Parsed:
    before, after = _words_before(s, start, 2), _word_after(s, end)
    if (
        after.lstrip("و") in lx.COUNT_NOUNS
        or s[end : end + 3].lstrip().startswith(("%", "٪"))
        or any(w in lx.COUNT_PREFIXES for w in before)
    ):
        return None
    if before and before[-1] in ("رقم", "العدد", "الماده", "الفصل"):
        return None
    return _parse_year(s, start, end, original, index)


def _parse_numeric(s: str, start: int, end: int, original: str, index: OffsetMap) -> Parsed:
    body = s[start:end]
    numbers = [int(n) for n in pt.NUMBER_RE.findall(body)]
    if len(numbers) < 3:
        return None
    a, b, c = numbers[-3:]
    year, month, day = (a, b, c) if a > 31 else (c, b, a)
    if month > 12 and day <= 12:
        month, day = day, month  # American order: "4 / 22 / 1948"
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    parts: dict[str, Any] = {"form": "numeric", "day": day, "month": month, "year": year}
    _weekday_parts(body, parts)
    if pt.HIJRI_ERA_RE.search(body[-12:]):
        parts["calendar"] = "hijri"
    return start, end, parts


def _parse_relday(s: str, start: int, end: int, original: str, index: OffsetMap) -> Parsed:
    body = s[start:end]
    parts: dict[str, Any] = {"form": "relday"}
    _weekday_parts(body, parts)
    if "shift" not in parts:
        return None
    if body == "اليوم" or body.endswith(" اليوم") and "weekday" not in parts:
        before, after = _words_before(s, start), _word_after(s, end)
        if (before and before[-1] in lx.TODAY_TITLES) or after in lx.TODAY_NOUN_FOLLOWERS:
            return None
        if before and before[-1] == "في" and body == "اليوم":
            return None  # "في اليوم المحدد/التالي": the day of something, not today
    return start, end, parts


def _parse_weekday(s: str, start: int, end: int, original: str, index: OffsetMap) -> Parsed:
    body = s[start:end]
    if _words_before(s, start)[-1:] == ["سوق"]:
        return None  # "سوق الجمعة": a market named after its day
    parts: dict[str, Any] = {"form": "weekday"}
    _weekday_parts(body, parts)
    tense = _tense(body)
    if tense is not None:
        parts["tense"] = tense
    elif any(_FUTURE_CUE.match(w) for w in _clause_before(s, start)):
        parts["tense"] = 1  # "من المقرر أن يعقد … الخميس", "سيزور … الأحد": the coming one
        parts["future_cue"] = True
    return start, end, parts


# Words announcing a coming event: "سوف", "من المقرر/المزمع", and future forms (س + imperfect)
# of the verbs news uses for scheduled events. Nouns like "سياسة"/"سيارة" are not in the list.
_FUTURE_CUE = re.compile(
    r"^(?:سوف|المقرر|المزمع|المرتقب|يعتزم|تعتزم|"
    r"[وف]?س[يتن](?:عقد|جري|بدا|نطلق|لتقي|زور|صل|ستضيف|ستقبل|توجه|شارك|قوم|غادر|عود|ختتم|فتتح|لقي|جتمع|عقد|نظم|حضر|دلي|وقع))"
)


def _clause_before(s: str, start: int, n: int = 6) -> list[str]:
    """Up to ``n`` words before ``start`` within the same clause (stops at punctuation)."""
    window = s[max(0, start - 70) : start]
    cut = max(window.rfind(p) for p in ".،,؛!?:\n\x01")
    return window[cut + 1 :].split()[-n:]


def relation_before(s: str, start: int) -> str | None:
    """How the word before an expression relates it to the event: since, until, during ..."""
    before = _words_before(s, start)
    return _RELATIONS.get(before[-1]) if before else None


_RELATIONS = {"منذ": "since", "ومنذ": "since", "حتي": "until", "وحتي": "until", "لغايه": "until", "خلال": "during",
              "قبل": "before", "بعد": "after", "بحلول": "by", "اعتبارا": "from"}  # fmt: skip


_PERIOD_UNITS = {"الاسبوع": "week", "الشهر": "month", "العام": "year", "السنه": "year", "الليله": "day"}


def _parse_period(s: str, start: int, end: int, original: str, index: OffsetMap) -> Parsed:
    body = s[start:end]
    parts: dict[str, Any] = {"form": "period"}
    mod = pt.MOD_RE.search(body)
    if mod:
        parts["modifier"] = lx.MODIFIERS[" ".join(mod.group().split())]
    noun = next((w for w in body.split() if w in _PERIOD_UNITS or w.startswith("ال")), "")
    tense = _tense(body)
    if noun in _PERIOD_UNITS and (tense is not None or "هذا" in body or "هذه" in body or mod):
        parts["unit"] = _PERIOD_UNITS[noun]
        parts["count"] = tense or 0
        parts["tense"] = tense or 0
        if noun == "الليله" and not tense:
            parts["count"] = 0
    else:
        parts["vague"] = True
    return start, end, parts


def _count_and_unit(body: str, parts: dict[str, Any]) -> None:
    unit = pt.UNIT_RE.search(body)
    if unit is None:
        return
    name, built_in = lx.UNITS[unit.group()]
    parts["unit"] = name
    count = pt.COUNT_RE.search(body[: unit.start()])
    digits = pt.NUMBER_RE.search(body[: unit.start()])
    if digits:
        parts["count"] = int(digits.group())
    elif count:
        parts["count"] = lx.COUNTS[count.group(1)]
    elif built_in:
        parts["count"] = built_in
    else:
        parts["vague"] = True


def _parse_ago(s: str, start: int, end: int, original: str, index: OffsetMap) -> Parsed:
    parts: dict[str, Any] = {"form": "ago"}
    _count_and_unit(s[start:end], parts)
    return (start, end, parts) if "unit" in parts else None


def _parse_duration(s: str, start: int, end: int, original: str, index: OffsetMap) -> Parsed:
    parts: dict[str, Any] = {"form": "duration"}
    _count_and_unit(s[start:end], parts)
    if "unit" not in parts or (s[start] == "ل" and "count" not in parts):
        return None
    return start, end, parts


def _parse_count(s: str, start: int, end: int, original: str, index: OffsetMap) -> Parsed:
    parts: dict[str, Any] = {"form": "duration"}
    _count_and_unit(s[start:end], parts)
    return (start, end, parts) if "unit" in parts and "count" in parts else None


def _parse_clock(s: str, start: int, end: int, original: str, index: OffsetMap) -> Parsed:
    body = s[start:end]
    parts: dict[str, Any] = {"form": "clock"}
    numbers = pt.NUMBER_RE.findall(body)
    word = pt.HOUR_RE.search(body)
    hour = int(numbers[0]) if numbers else (lx.HOURS[" ".join(word.group().split())] if word else None)
    if hour is None or hour > 24:
        return None
    minute = int(numbers[1]) if len(numbers) > 1 else 0
    if "والنصف" in body:
        minute = 30
    elif "والربع" in body:
        minute = 15
    elif "الا ربع" in body:
        hour, minute = hour - 1, 45
    pod = pt.PARTDAY_RE.search(body)
    if pod:
        parts["part_of_day"] = lx.PARTS_OF_DAY[pod.group()]
    if parts.get("part_of_day") == "night" and hour == 12:
        hour = 0  # "12 ليلاً" is midnight
    elif (parts.get("part_of_day") in ("evening", "night", "afternoon") or "بعد الظهر" in body) and hour < 12:
        hour += 12
    elif parts.get("part_of_day") == "noon" and hour < 11:
        hour += 12
    if minute > 59:
        return None
    parts.update(hour=hour % 24, minute=minute)
    return start, end, parts


def _parse_partday(s: str, start: int, end: int, original: str, index: OffsetMap) -> Parsed:
    if _word_after(s, end) in ("الخير", "النور"):
        return None  # "مساء الخير" is a greeting
    return start, end, {"form": "partday", "part_of_day": lx.PARTS_OF_DAY[s[start:end]]}


def _parse_day_of_month(s: str, start: int, end: int, original: str, index: OffsetMap) -> Parsed:
    body = s[start:end]
    at = body.rfind("الشهر")
    head, tail = body[:at], body[at:]
    days = [int(n) for n in pt.NUMBER_RE.findall(head)]
    if not days:
        days = [lx.ORDINAL_DAYS[" ".join(o.split())] for o in pt.ORD_RE.findall(head)]
    if not days or not all(1 <= d <= 31 for d in days):
        return None
    tense = _tense(tail)
    parts: dict[str, Any] = {
        "form": "date",
        "calendar": "gregorian",
        "day": days[0],
        "month_shift": tense or 0,
    }
    if len(days) > 1:
        parts["day_end"] = days[-1]
    _weekday_parts(head, parts)
    return start, end, parts


def _parse_month_range(s: str, start: int, end: int, original: str, index: OffsetMap) -> Parsed:
    body = s[start:end]
    months = [lx.MONTHS[" ".join(m.group(1).split())] for m in pt.MONTH_CLITIC_RE.finditer(body)]
    if len(months) < 2:
        return None
    parts: dict[str, Any] = {
        "form": "monthrange",
        "month": months[0],
        "month_end": months[-1],
        "calendar": "gregorian",
    }
    _year_parts(body, parts)
    parts["calendar"] = "gregorian"
    return start, end, parts


_PARSERS: dict[str, Callable[[str, int, int, str, OffsetMap], Parsed]] = {
    "numeric": _parse_numeric,
    "daymonth": _parse_date,
    "relday": _parse_relday,
    "dayofmonth": _parse_day_of_month,
    "monthrange": _parse_month_range,
    "month": _parse_month,
    "year": _parse_year,
    "period": _parse_period,
    "weekday": _parse_weekday,
    "ago": _parse_ago,
    "duration": _parse_duration,
    "count": _parse_count,
    "clock": _parse_clock,
    "bareyear": _parse_bareyear,
    "partday": _parse_partday,
}


# Statement vs happening: a date inside a future clause («جولة يستكملها الاثنين في الدوحة»,
# «ومن المقرر أن يلتقي ... غدا») tells of what is to come, not of what the report reports.
_CLAUSE_BREAK = re.compile(r"[.،,؛;:!?؟«»\"()\x01]|\b(?:التي|الذي|اللذين|اللتين|الذين|حيث|بعدما|عندما)\b")
_PAST_AUX = frozenset({"كان", "كانت", "كانوا", "وكان", "وكانت", "وكانوا"})
_FUTURE_CUES = frozenset(
    {"سوف", "وسوف", "المقرر", "المزمع", "المرتقب", "المنتظر", "المتوقع", "يعتزم", "تعتزم"}
)
# an imperfect verb opening the clause (يلتقي، ويستكمل); not a ي-noun, nor «يذكر أن …»
_IMPERFECT = re.compile(r"^[وف]?ي\w{3,}$")
_NOT_VERBS = frozenset(
    {
        "يوم",
        "يومي",
        "يونيو",
        "يونيه",
        "يوليو",
        "يوليه",
        "يناير",
        "يمين",
        "يسار",
        "يذكر",
        "يشار",
        "ياتي",
        "يعد",
        "يبدو",
    }
)


def clause_before(s: str, start: int, words: int = 6) -> str | None:
    """ "future" when the expression at ``start`` sits in a clause about what is to come: a
    future cue among the clause's words before it (سوف، المقرر) or an imperfect verb opening
    the clause or just before the date. Explicitly past expressions (أمس، الماضي) are never marked by the caller."""
    window = s[max(0, start - 80) : start]
    cut = [m.end() for m in _CLAUSE_BREAK.finditer(window)]
    clause = _WORD.findall(window[cut[-1] :] if cut else window)
    if not clause or any(w in _PAST_AUX for w in clause):
        return None  # «كانوا يكافحون النار الأحد»: a past progressive
    if any(w in _FUTURE_CUES for w in clause[-words:]):
        return "future"
    # the verb opening the clause, or one just before the date («يستكملها الاثنين»)
    verbs = clause[-2:] + (clause[:1] if len(clause) <= words else [])
    if any(_IMPERFECT.match(w) and w.lstrip("وف") not in _NOT_VERBS for w in verbs):
        return "future"
    return None
