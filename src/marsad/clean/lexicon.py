"""Multilingual lexicons of page boilerplate, agencies, places and sentence openers, and the
shapes of page furniture.

The word lists are data files in ``marsad/data/clean/`` (same convention as the entity
lists: UTF-8, one entry per line, ``kind<TAB>entry`` in ``.tsv`` files, ``#`` comments),
loaded once at import. Everything is matched on :func:`match_key` forms (hamza seats, ta
marbuta, diacritics, case and edge punctuation folded), so one entry covers "اقرأ أيضاً:",
"إقرأ ايضا" and "اقرا أيضا". The lists describe how news pages are built in general —
wire-agency names, widget labels, capitals — never the words of any particular article.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from importlib import resources

# Punctuation that frames boilerplate labels ("التعليقات:", "« اقرأ أيضا »", "// انتهى //").
EDGE_PUNCTUATION = " \t:：-–—_|•·*»«\"'“”()[]{}.,،؛;!?؟…/\\<>+=#~^"

# One translation table for the folding of marsad.arabic.normalize (hamza seats, alef
# maqsura, ta marbuta, both digit sets, marks, tatweel, invisible controls): this runs on
# every line of every page, and a single str.translate is several times cheaper.
_FOLD: dict[int, str | None] = {}
_FOLD.update({ord(c): "ا" for c in "أإآٱ"})
_FOLD.update({ord(c): "ي" for c in "ىئیے"})
_FOLD.update({ord("ؤ"): "و", ord("ة"): "ه", ord("ە"): "ه", ord("ک"): "ك", ord("ڤ"): "ف", ord("گ"): "ج"})
_FOLD.update({ord("چ"): "ج", ord("پ"): "ب", ord("ء"): None, ord("\u0640"): None})
_FOLD.update({ord(d): str(i) for i, d in enumerate("٠١٢٣٤٥٦٧٨٩")})
_FOLD.update({ord(d): str(i) for i, d in enumerate("۰۱۲۳۴۵۶۷۸۹")})
_FOLD.update(
    {c: None for r in ((0x610, 0x61B), (0x64B, 0x660), (0x670, 0x671), (0x6D6, 0x6EE)) for c in range(*r)}
)
_FOLD.update({c: None for r in ((0x200B, 0x2010), (0x202A, 0x202F), (0x2066, 0x206A)) for c in range(*r)})
_FOLD.update({0x061C: None, 0xFEFF: None, 0x00AD: None, 0x00A0: " "})
_PRESENTATION_FORMS = re.compile("[\ufb50-\ufdff\ufe70-\ufefe]")


def match_key(text: str) -> str:
    """The matching form of a short line: folded as :func:`marsad.arabic.normalize` folds,
    lower-cased, whitespace collapsed, edge punctuation removed."""
    if _PRESENTATION_FORMS.search(text):
        text = unicodedata.normalize("NFKC", text)
    return " ".join(text.translate(_FOLD).lower().split()).strip(EDGE_PUNCTUATION)


_DATA = "marsad.data.clean"


def _entries(name: str) -> list[str]:
    text = resources.files(_DATA).joinpath(name).read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")]


def _table(name: str) -> dict[str, list[str]]:
    """``kind → entries`` of a ``kind<TAB>entry`` file, kinds and entries in file order."""
    out: dict[str, list[str]] = defaultdict(list)
    for line in _entries(name):
        kind, _, entry = line.partition("\t")
        if entry.strip():
            out[kind.strip()].append(entry.strip())
    return out


def _keys(entries: list[str]) -> frozenset[str]:
    return frozenset(match_key(w) for w in entries)


def _prefixes(entries: list[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(match_key(w) for w in entries))


def _alternation(entries: list[str], space: str = r"\s+") -> str:
    """A regular-expression alternation of literal words (longest first; a space matches ``space``)."""
    words = sorted(dict.fromkeys(entries), key=len, reverse=True)
    return "|".join(re.escape(w).replace("\\ ", space) for w in words)


_LINES = _table("lines.tsv")
_PREFIX_TABLE = _table("prefixes.tsv")
_OPENERS = _table("openers.tsv")
_WORDS = _table("words.tsv")

# --------------------------------------------------------------------------- whole-line labels

# A line that is exactly one of these (after match_key) is boilerplate with that reason.
LINE_REASONS = ("ad", "comments", "tags", "related", "share", "junk")
EXACT_LINES: dict[str, frozenset[str]] = {r: _keys(_LINES[r]) for r in LINE_REASONS}
# Labels of an outlet's own summary box ("ملخص المقال", "إنتاج AI", "النقاط الأساسية").
SUMMARY_LABELS: frozenset[str] = _keys(_LINES["summary_label"])
BYLINE_LINES: frozenset[str] = _keys(_LINES["byline"])

# --------------------------------------------------------------------------- line prefixes

# A short line that starts with one of these (followed by a space or ":") has that reason.
PREFIX_REASONS = ("related", "share", "credit", "comments", "tags", "junk")
PREFIXES: dict[str, tuple[str, ...]] = {r: _prefixes(_PREFIX_TABLE[r]) for r in PREFIX_REASONS}
# Caption cues at the start of a short line: "جانب من الاجتماع", "من اليمين: ...".
CAPTION_STARTS: tuple[str, ...] = _prefixes(_PREFIX_TABLE["caption"])
# Byline labels: "كتب: ...", "بقلم ..."; of those, the words that also start sentences
# ("كتب الوزير في تغريدة ...") count only with a separator after them ("كتب: ...").
BYLINE_PREFIXES: tuple[str, ...] = _prefixes(_PREFIX_TABLE["byline"])
BYLINE_NEEDS_SEPARATOR: frozenset[str] = _keys(_PREFIX_TABLE["byline_sep"])
# Credits that name a photographer or picture agency (as opposed to the story's source):
# the line next to one of these describes the photo.
PHOTO_CREDIT_PREFIXES: tuple[str, ...] = _prefixes(_PREFIX_TABLE["photo_credit"])
# Related-link labels that also open sentences ("للمزيد من ..."): only with ":" or "|" after them.
RELATED_SEP_PREFIXES: tuple[str, ...] = _prefixes(_PREFIX_TABLE["related_sep"])

# --------------------------------------------------------------------------- agencies and places

# News agencies and outlets as they appear in datelines and credits.
AGENCIES: frozenset[str] = _keys(_entries("sources.txt"))
# Capitals and large cities of the Arab world and beyond, as datelines name them.
PLACES: frozenset[str] = _keys(_entries("places.txt"))

# --------------------------------------------------------------------------- sentence openers

# Words that open a sentence in news prose. On one-line bodies a heading runs straight into
# one of these after a sentence end; "strong" openers cannot continue a noun phrase, so a
# short phrase before them is a heading; "weak" ones (bare verbs, NP + relative pronoun)
# could follow a subject, so they need a longer, comma-free phrase before them.
STRONG_OPENERS: tuple[str, ...] = _prefixes(_OPENERS["strong"])
WEAK_OPENERS: tuple[str, ...] = _prefixes(_OPENERS["weak"])
# Noun phrase + relative pronoun also opens a sentence ("اللقاء الذي عقد ...").
RELATIVE_PRONOUNS: frozenset[str] = _keys(_WORDS["relative"])
# Words a heading does not contain: they make a phrase a clause.
CLAUSE_WORDS: frozenset[str] = _keys(_WORDS["clause"])
# Prepositions and conjunctions a heading does not end with (the line continues the next one).
DANGLING_ENDINGS: frozenset[str] = _keys(_WORDS["dangling"])
SOCIAL_NETWORKS: frozenset[str] = _keys(_WORDS["social"])


def _entity_list(name: str) -> list[str]:
    text = resources.files("marsad.data.entities").joinpath(name).read_text(encoding="utf-8")
    return [
        line.split("\t")[0].strip() for line in text.splitlines() if line.strip() and not line.startswith("#")
    ]


# Given names, from the entity gazetteer (one list for the whole project): a bare two- or
# three-word line under the headline that starts with one is the reporter's name.
GIVEN_NAMES: frozenset[str] = _keys(_entity_list("given_names.txt") + _entity_list("given_names_wojood.txt"))


# --------------------------------------------------------------------------- shapes

ASCII_SLUG = re.compile(r"^[a-z0-9]+(?:[-_][a-z0-9]+)+$", re.IGNORECASE)
URL_LINE = re.compile(r"^(?:https?://|www\.)\S+$", re.IGNORECASE)
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
HANDLES_ONLY = re.compile(r"^(?:[@#][\w_.]+[\s,،]*)+$")
TIME_ONLY = re.compile(
    r"^\d{1,2}[:.]\d{2}(?::\d{2})?\s*(?:ص|م|ت\s?م|ت\s?غ|am|pm|gmt|utc|بتوقيت\s+\S+)?$", re.IGNORECASE
)
AGO = re.compile(
    r"^(?:منذ|قبل)\s+(?:\S+\s+)?(?:دقيقة|دقيقتين|دقائق|ساعة|ساعتين|ساعات|يوم|يومين|أيام|ايام|اسبوع|أسبوع|أسابيع|شهر|أشهر)$"
    r"|^\d+\s*(?:min|mins|minutes?|hours?|days?)\s+(?:ago|read)$|^\d+\s*(?:دقيقة|دقائق)\s+(?:للقراءة|قراءة)$",
    re.IGNORECASE,
)
_MONTHS = _alternation(_WORDS["month"])
_WEEKDAYS = WEEKDAYS_PATTERN = _alternation(_WORDS["weekday"])
DATE_ONLY = re.compile(
    rf"^(?:(?:{_WEEKDAYS})[,،]?\s*)?(?:\d{{1,2}}\s*(?:{_MONTHS})[,،]?\s*\d{{4}}|(?:{_MONTHS})\s+\d{{1,2}}[,،]?\s*\d{{4}}"
    rf"|\d{{4}}[-/.]\d{{1,2}}[-/.]\d{{1,2}}|\d{{1,2}}[-/.]\d{{1,2}}[-/.]\d{{2,4}})"
    rf"(?:\s*(?:م|هـ|ه))?(?:\s*[-–|،,]?\s*(?:الساعة\s*)?\d{{1,2}}[:.]\d{{2}}(?::\d{{2}})?\s*(?:ص|م|am|pm)?)?$",
    re.IGNORECASE,
)
COUNT_ONLY = re.compile(
    r"^\(?\d[\d,.]*\)?\s*(?:مشاركة|مشاركات|مشاهدة|مشاهدات|تعليق|تعليقات|قراءة|قراءات|إعجاب|views?|shares?|comments?|likes?)?$",
    re.IGNORECASE,
)
PHONE_PROMO = re.compile(r"^\d{3,}\s*[-–]\s*(?:stc|mobily|zain|موبايلي|زين|الاتصالات)$", re.IGNORECASE)
SMS_PROMO = re.compile(
    r"\bsms\b|رسالة نصية|تبدأ بالرمز|ثم مسافة|(?:موبايلي|زين|stc)\W{0,3}\d{5,}|\d{5,}\W{0,3}(?:موبايلي|زين|stc)",
    re.IGNORECASE,
)
BREADCRUMB_SEP = re.compile(r"\s*(?:»|›|>|/|\||\\)\s*")
BULLET = re.compile(r"^\s*(?:[•·▪◦●■►✓✔➢➤○□\-–—*]|\d{1,2}\s*[-.)]|[a-z]\))\s*", re.IGNORECASE)
# A credit inside parentheses at the end of a line: "(Credit: ... AFP عبر Getty Images)", "(رويترز)".
CREDIT_WORDS = _alternation(_WORDS["credit_word"], r"\s?")
TRAILING_CREDIT = re.compile(rf"\((?=[^()]*\b(?:{CREDIT_WORDS})\b)[^()]{{2,160}}\)\s*\.?$", re.IGNORECASE)
CREDIT_ONLY = re.compile(
    rf"^[(\[]?\s*(?:(?:{CREDIT_WORDS}|images?|صورة أرشيفية|صور أرشيفية|/|,|،|-|–|عبر|via|\s)+)\s*[)\]]?\.?$",
    re.IGNORECASE,
)

# Follow/subscribe prompts worded freely: a call to action beside a network or channel.
FOLLOW_PROMPT = re.compile(
    r"^\W{0,3}(?:(?:و|ف)?(?:لمتابعة|للمتابعة|تابعونا|تابعنا|تابعوا|انضم|انضموا|اشترك|اشتركوا)|follow|join|subscribe)"
    r"\b.{0,80}(?:تويتر|فيسبوك|فيس بوك|تلغرام|تيليجرام|تليجرام|واتساب|واتس اب|يوتيوب|إنستغرام|انستغرام|انستجرام|"
    r"تيك توك|سناب|قناة|قناتنا|تطبيق|النشرة|نشرتنا|جوجل نيوز|غوغل نيوز|google news|twitter|facebook|telegram|"
    r"whatsapp|youtube|instagram|newsletter|channel|app)"
    r"|^\W{0,3}(?:حمّل|حمل|نزّل|نزل|download)\s+(?:تطبيق|التطبيق|the app|our app)",
    re.IGNORECASE,
)
CLICK_HERE = re.compile(r"اضغط هنا|انقر هنا|إضغط هنا|click here|tap here", re.IGNORECASE)
COPYRIGHT = re.compile(r"جميع الحقوق محفوظة|all rights reserved|©|copyright", re.IGNORECASE)
# "REUTERS/Amir Cohen", "رويترز/ أمير كوهين": an agency and its photographer.
AGENCY_PHOTOGRAPHER = re.compile(
    r"^(?:reuters|afp|ap|epa|getty images|رويترز|أ\s?ف\s?ب|ا\s?ف\s?ب)\s*/\s*[\w\s.'’-]{2,40}$", re.IGNORECASE
)
# Tweet embeds: "— Name (@handle) October 15, 2025", "pic.twitter.com/abc".
TWEET_FOOTER = re.compile(r"^[—–-]\s*.{1,60}\(@\w+\)\s+\S+\s+\d{1,2},?\s+\d{4}$|^pic\.twitter\.com/\S+$")

# Font-size widgets: "A+ A-", "A A A".
FONT_WIDGET = re.compile(r"^[aA][+-]?(?:\s+[aA][+-]?)+$")


# --------------------------------------------------------------------------- dates, credits and embeds by shape

MONTH_KEYS: frozenset[str] = _keys(_WORDS["month"])
WEEKDAY_KEYS: frozenset[str] = _keys(_WORDS["weekday"])
# Words a printed date or time carries besides numbers and names of months and days.
DATE_WORDS: frozenset[str] = _keys(_WORDS["date_word"])
# Numeric pieces of dates and times: "06:42", "02:01:00", "14h34", "5-4-1433", "28.09.2012", "1433هـ".
DATE_NUMBER = re.compile(r"^\d{1,4}(?:[-/.:h]\d{1,4}){0,2}(?:هـ|ه|م)?$", re.IGNORECASE)
# "صوت الجلفةنشر في صوت الجلفة يوم 15 - 09 - 2012": an aggregator's "published in X on" line.
PUBLISHED_IN = re.compile(r"نشر\s*في\s+.{1,40}?\s+(?:يوم|بتاريخ)\s+\d")
# App, notification and newsletter promos addressed to the reader.
READER_PROMO = re.compile(
    rf"(?:{_alternation(_WORDS['promo_call'])}).{{0,120}}(?:{_alternation(_WORDS['promo_object'])})"
    rf"|(?:{_alternation(_WORDS['promo_object'])}).{{0,120}}(?:{_alternation(_WORDS['promo_call'])})",
    re.IGNORECASE,
)
# Embedded posts: a tweet's picture link and signature, Instagram's embed labels.
TWEET_LINK = re.compile(r"(?:https?://)?pic\.twitter\.com/\w+")
TWEET_SIGNATURE = re.compile(
    r"[—–]\s*[^—–()\n]{1,60}\(@\w{1,30}\)\s*(?:(?:[A-Za-z]+\s+\d{1,2},?\s+\d{4})|(?:\d{1,2}\s+\S+\s+\d{4}))?"
)
_EMBED_LABEL = _alternation(_WORDS["embed_label"])
EMBED_LABELS = re.compile(
    rf"(?:{_EMBED_LABEL}|A post shared by)\s+[^()\n]{{1,60}}?\s*\(@[\w.]{{1,40}}\)"
    rf"|(?:{_EMBED_LABEL}|View this post on Instagram)",
    re.IGNORECASE,
)
# "AHDATH.INFO", "AHDATH.INFO- place - خاص - بقلم : name": a site's name (a domain) as a credit line.
SITE_CREDIT = re.compile(r"^\s*[A-Za-z0-9-]+\.(?:[A-Za-z]{2,6})(?:\.[A-Za-z]{2})?\s*(?:$|[-–—|:/]\s*\S)")
# Comment policies: "التعليقات المنشورة لا تعبر بالضرورة عن رأي الصحيفة", "comments are moderated".
COMMENT_POLICY = re.compile(
    r"(?:التعليقات|تعليقات|التعليق|تعليقك|تعليقاتكم)[^.؟?!]{0,80}?"
    r"(?:لا\s+تعبر|لا\s+يعبر|تعبر\s+عن\s+رأي|تعبر\s+عن\s+آراء|تخضع|للمراجعة|للرقابة|آداب|الإساءة|المسيئة|سياسة|شروط)"
    r"|(?:لا\s+تعبر|لا\s+يعبر)[^.؟?!]{0,40}?(?:عن\s+)?(?:رأي|آراء|وجهة\s+نظر)\s+(?:الموقع|الصحيفة|الجريدة|القناة|إدارة)"
    r"|comments?\s+(?:are|is)\s+(?:moderated|reviewed)|views\s+expressed\s+in\s+(?:the\s+)?comments",
    re.IGNORECASE,
)
