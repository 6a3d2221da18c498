"""Headlines as event and story names: site names and desk labels removed, kept short.

News sites dress a headline with things that name the site, not the happening: a desk label
before a slash ("اقتصادي / …", "تقرير / …"), a wire's part marker after one ("… / إضافة
أولى واخيرة"), a trailing site or medium ("… - فيديو", "… | سبق") and an attribution to the
paper itself ("عسيري لـ«الرياض»: …"). The site and medium words are a data file
(``data/cluster/headline_sites.txt``).
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

from marsad.arabic import normalize

_DESK = re.compile(r"^\s*[^/|«»\"]{1,20}?\s*/\s+(?=\S)")  # "اقتصادي / " (one or two words)
_PART = re.compile(r"\s*/\s*(?:إضافة|اضافة|تعديل)[^/]*$")  # "/ إضافة أولى واخيرة"
_TAIL = re.compile(r"\s+[-–—|]\s*([^-–—|]{1,30})$")  # "… - فيديو", "… | سبق"
_ATTRIBUTION = re.compile(r"\s*ل(?:ـ)?\s*[«\"“”']([^«»\"“”']{1,25})[»\"“”']")  # "لـ«الرياض»"
_QUOTES = "«»\"“”'"


@lru_cache(maxsize=1)
def site_words() -> frozenset[str]:
    text = resources.files("marsad").joinpath("data/cluster/headline_sites.txt").read_text(encoding="utf-8")
    return frozenset(
        normalize(line.strip()) for line in text.splitlines() if line.strip() and not line.startswith("#")
    )


def _is_site(text: str) -> bool:
    words = normalize(text.strip(" .:-" + _QUOTES))
    return words in site_words() or words.removeprefix("ب") in site_words()


def clean_headline(title: str) -> str:
    """``title`` without desk labels, wire part markers, trailing site names or media words,
    and attributions to a site; the headline itself is never emptied."""
    text = " ".join(title.split())
    out = _PART.sub("", text)
    desk = _DESK.match(out)
    if desk and len(desk.group(0).split()) <= 3 and len(out[desk.end() :].split()) >= 3:
        out = out[desk.end() :]
    while (tail := _TAIL.search(out)) and _is_site(tail.group(1)) and len(out[: tail.start()].split()) >= 3:
        out = out[: tail.start()]
    out = _ATTRIBUTION.sub(lambda m: "" if _is_site(m.group(1)) else m.group(0), out)
    out = re.sub(r"\s+([:،.])", r"\1", out).strip(" -–—|/")
    return out if len(out.split()) >= 2 else text


def shorten(text: str, limit: int) -> str:
    """At most ``limit`` characters, cut at a clause break (" .. ", "،", " - ") when one
    falls in the second half, else at a word, with "…"."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    head = text[:limit]
    for sep in (" .. ", "..", "،", " - ", " – "):
        cut = head.rfind(sep)
        if cut >= limit // 2:
            return head[:cut].rstrip(" .،-–")
    return head.rsplit(" ", 1)[0] + "…"
