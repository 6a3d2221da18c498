"""Which lines of a page are not article prose, and why.

A line is judged on its own here — by boilerplate lexicons (ads, comment prompts, tags,
related links, share prompts) and by shape (slugs, timestamps alone, counts, breadcrumbs,
separators, credits). Decisions that need the neighbours (captions next to a credit,
footers, headings) are made in :mod:`marsad.clean.document`.
"""

from __future__ import annotations

import re

from marsad.clean import lexicon as lx
from marsad.clean.lexicon import match_key
from marsad.clean.lines import Line

# Reasons whose line, near the end of a page, starts a footer: everything after goes too.
FOOTER_REASONS = frozenset({"related", "comments", "tags"})
_MAX_NOISE_WORDS = 25  # boilerplate prompts are short; longer lines are prose
_MAX_CAPTION_WORDS = 60
_HOME = frozenset(match_key(w) for w in ("الرئيسية", "الصفحة الرئيسية", "Home"))


def noise_reason(line: Line) -> str | None:
    """The reason ``line`` is boilerplate, or None when it may be article text."""
    if is_embed_only(line.text):
        return "embed"
    if line.words > _MAX_NOISE_WORDS:
        # Photo captions run long, but end with their credit: "... (Credit: X/AFP عبر Getty Images)".
        return (
            "caption" if line.words <= _MAX_CAPTION_WORDS and lx.TRAILING_CREDIT.search(line.text) else None
        )
    key = line.key
    if not any(ch.isalnum() for ch in key):
        return "junk"  # separators: "***", ".", ">", "—"
    for reason, keys in lx.EXACT_LINES.items():
        if key in keys:
            return reason
    return _shape_reason(line, key) or _prefix_reason(line, key) or _credit_reason(line, key)


def _shape_reason(line: Line, key: str) -> str | None:
    text = line.text
    if lx.ASCII_SLUG.match(text) or lx.URL_LINE.match(text) or lx.HANDLES_ONLY.match(text):
        return "junk"
    if line.words <= 14 and lx.SITE_CREDIT.match(text):
        return "credit"  # "AHDATH.INFO", "AHDATH.INFO- قلع مكونة - خاص - بقلم : فلان"
    if lx.TIME_ONLY.match(text) or lx.AGO.match(text) or lx.DATE_ONLY.match(text) or is_dateish(key):
        return "junk"
    if line.words <= 14 and lx.PUBLISHED_IN.search(text):
        return "junk"
    if lx.COUNT_ONLY.match(text) or lx.PHONE_PROMO.match(text):
        return "junk"
    if line.words <= 20 and (lx.EMAIL.search(text) or lx.SMS_PROMO.search(text)):
        return "junk"  # "للتواصل مع الكاتب ..." and author e-mail signatures
    if _is_breadcrumb(text):
        return "junk"
    if _is_social_list(key) or (line.words <= 25 and lx.FOLLOW_PROMPT.search(text)):
        return "share"
    if line.words <= 30 and lx.READER_PROMO.search(text):
        return "share"
    if line.words <= 45 and lx.COMMENT_POLICY.search(text):
        return "comments"
    if line.words <= 12 and lx.CLICK_HERE.search(text):
        return "related"
    if line.words <= 15 and lx.COPYRIGHT.search(text):
        return "junk"
    if lx.TWEET_FOOTER.match(text) or lx.FONT_WIDGET.match(text):
        return "junk"
    if lx.AGENCY_PHOTOGRAPHER.match(text):
        return "credit"
    if line.words <= 12 and lx.CREDIT_ONLY.match(text):
        return "credit"
    if lx.TRAILING_CREDIT.search(text):
        return "caption"
    return None


def _prefix_reason(line: Line, key: str) -> str | None:
    for reason, prefixes in lx.PREFIXES.items():
        label_like = reason in ("credit", "junk", "tags")
        if line.words <= (12 if label_like else 20) and _starts_with_any(key, prefixes):
            # "نشر في ..." and "نقلا عن ..." open sentences too: as labels they carry a
            # date, and credits do not end like a sentence.
            if reason == "junk" and not any(ch.isdigit() for ch in key):
                continue
            if reason == "credit" and line.ends_sentence:
                continue
            return reason
    if line.words <= 25:
        for p in lx.RELATED_SEP_PREFIXES:
            if key.startswith(p) and key[len(p) :].lstrip()[:1] in (":", "|"):
                return "related"  # "للمزيد: ...", "قد يهمك| ..."
    if line.words <= 14 and not line.ends_sentence and _starts_with_any(key, lx.CAPTION_STARTS):
        return "caption"
    return None


def _credit_reason(line: Line, key: str) -> str | None:
    """Bylines with their label anywhere ("تعليق : فلان") and lines that only name sources."""
    if line.words <= 7 and labelled_byline(key):
        return "byline"
    if line.words <= 8 and sources_only(line.text, min_parts=2):
        return "credit"  # "فرانس24/ أ ف ب", "ا ف ب ـ رويترز", "و.م.ع / ."
    return None


def labelled_byline(key: str) -> bool:
    """ "تعليق : فلان", "أجرت الاستطلاع : فلانة": a byline label, a separator, a short name."""
    for p in lx.BYLINE_PREFIXES:
        if key.startswith(p) and len(key) > len(p):
            rest = key[len(p) :]
            if rest[:1].isalnum():
                continue
            rest = rest.lstrip()
            if (
                rest[:1] in ":-–—/|"
                and 1 <= len(rest[1:].split()) <= 4
                and not any(c.isdigit() for c in rest)
            ):
                return True
    return False


_SOURCE_SPLIT = re.compile(r"\s*[/|،,\-–—ـ]+\s*|\s+و(?=\S)")
_GLUED_DIGITS = re.compile(r"(?<=[^\W\d])(?=\d)")


def sources_only(text: str, *, min_parts: int = 1) -> bool:
    """The line names only agencies/outlets: "فرانس24/ أ ف ب", "و.م.ع / .", "الاتحاد".

    With ``min_parts`` 2, one name counts only with a credit's separator beside it ("و.م.ع / .")."""
    raw_parts = _SOURCE_SPLIT.split(text.strip())
    parts = [_GLUED_DIGITS.sub(" ", lx.match_key(p)) for p in raw_parts]
    parts = [p for p in parts if any(ch.isalnum() for ch in p)]
    if not parts or not all(p in lx.AGENCIES or p.replace(" ", "") in lx.AGENCIES for p in parts):
        return False
    return len(parts) >= min_parts or len(raw_parts) > len(parts)


def is_dateish(key: str) -> bool:
    """A line that is only a printed date/time, maybe after a label or outlet name:
    "اليوم 06:42", "19 اب 09:45", "الاربعاء, 06 يونيو, 2012 02:01:00 مساء", "البيان 27 جويلية",
    "بتاريخ 5-4-1433 هـ", "التاريخ: 10 ديسمبر 2012", "14h34"."""
    words = key.replace(",", " ").replace("،", " ").replace(":", " : ").split()
    if not words or len(words) > 12:
        return False
    # Leading labels: an outlet name or a date label ("تاريخ النشر", "بتاريخ").
    for n in (3, 2, 1):
        if len(words) > n and " ".join(words[:n]) in lx.AGENCIES:
            words = words[n:]
            break
    while words and (words[0] in _DATE_LABELS or words[0] == ":"):
        words = words[1:]
    numbers = 0
    for w in words:
        if lx.DATE_NUMBER.match(w):
            numbers += 1
        elif w in lx.MONTH_KEYS or w in lx.WEEKDAY_KEYS or w in lx.DATE_WORDS or w in ("-", "/", ":", "|"):
            continue
        else:
            return False
    named = any(w in lx.MONTH_KEYS or w in lx.WEEKDAY_KEYS or w in lx.DATE_WORDS for w in words)
    # A lone number is a count or a page number, not a date.
    return numbers >= 1 and (
        named or numbers >= 2 or any(not w.isdigit() for w in words if lx.DATE_NUMBER.match(w))
    )


_DATE_LABELS = frozenset(
    lx.match_key(w) for w in ("بتاريخ", "التاريخ", "تاريخ", "النشر", "تاريخ النشر", "نشر", "في", "يوم")
)


_EMBED_CUES = ("pic.twitter", "(@", "Instagram", "منشور", "post shared")


def has_embed_cue(text: str) -> bool:
    """Cheap test before the embed patterns run."""
    return any(cue in text for cue in _EMBED_CUES)


def is_embed_only(text: str) -> bool:
    """A line that is an embedded post: its words end in a tweet link or signature, or an embed label."""
    if not has_embed_cue(text):
        return False
    rest = lx.TWEET_SIGNATURE.sub(" ", lx.TWEET_LINK.sub(" ", text))
    if rest != text and len(text.split()) <= 70:
        return True
    return bool(lx.EMBED_LABELS.fullmatch(text.strip()))


def _starts_with_any(key: str, prefixes: tuple[str, ...]) -> bool:
    for p in prefixes:
        if key.startswith(p) and (len(key) == len(p) or not key[len(p)].isalnum()):
            return True
    return False


def _is_breadcrumb(text: str) -> bool:
    parts = [p for p in lx.BREADCRUMB_SEP.split(text) if p.strip()]
    home = bool(parts) and match_key(parts[0]) in _HOME
    if len(parts) < (2 if home else 3) or len(text) > 120:
        return False
    seps = len(parts) - 1
    # Dates ("2025/10/15") also use slashes: a breadcrumb has words between its separators.
    return all(len(p.split()) <= 4 and not p.strip().isdigit() for p in parts) and seps >= (1 if home else 2)


def _is_social_list(key: str) -> bool:
    words = [w for w in key.replace("،", " ").replace(",", " ").replace("|", " ").split() if w]
    if len(words) < 2 or len(words) > 10:
        return False
    return all(w in lx.SOCIAL_NETWORKS or w in ("و", "-", "/") for w in words)


def is_credit_only(line: Line) -> bool:
    """A line that only names a photo source: "(رويترز)", "Getty Images", "تصوير: فلان"."""
    if line.words > 12:
        return False
    text = line.text
    return bool(lx.CREDIT_ONLY.match(text) or lx.AGENCY_PHOTOGRAPHER.match(text)) or _starts_with_any(
        line.key, lx.PHOTO_CREDIT_PREFIXES
    )
