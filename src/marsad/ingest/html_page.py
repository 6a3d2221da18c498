"""What the saved HTML page tells beyond trafilatura's text: the lead it dropped, and which
text blocks are page furniture by their markup (captions, link lists).

trafilatura (with or without ``favor_recall``) can drop the page's first paragraph when it
sits apart from the body (a "lead" paragraph between the headline and the article body);
:func:`recover_lead` puts back the paragraphs between the headline and the first paragraph
trafilatura kept. :func:`markup_hints` lists the texts of figure captions and of link-only
list items, which the cleaner removes as captions and related links.
"""

from __future__ import annotations

import re

__all__ = ["markup_hints", "recover_lead"]

_SKIP = "//script|//style|//noscript|//nav|//header|//footer|//aside|//form|//figure|//figcaption"
_CAPTION_XPATH = (
    "//figcaption|//*[contains(concat(' ', normalize-space(@class), ' '), ' caption ')]"
    "|//*[contains(@class, 'wp-caption-text')]|//*[contains(@class, 'image-caption')]"
    "|//*[contains(@class, 'photo-caption')]"
)
_LEAD_MIN_WORDS = 8
_LEAD_MAX = 3


def _norm(text: str) -> str:
    return " ".join(text.split())


def _parse(html: str):  # noqa: ANN202 — lxml's element type
    import lxml.html
    from lxml import etree

    try:
        return lxml.html.fromstring(html)
    except (etree.ParserError, ValueError):
        return None


def recover_lead(html: str, text: str, title: str | None = None) -> str:
    """``text`` with the paragraphs trafilatura dropped between the headline and the body put back."""
    doc = _parse(html)
    if doc is None or not text.strip():
        return text
    for node in doc.xpath(_SKIP + "|" + _CAPTION_XPATH):
        node.drop_tree()
    heads = doc.xpath("//h1")
    if title:
        key = _norm(title)
        heads = [h for h in heads if _norm(h.text_content()) and _norm(h.text_content()) in key] or heads
    paragraphs = heads[0].xpath("following::p") if heads else doc.xpath("//article//p|//main//p")
    kept = _norm(text)
    lead: list[str] = []
    for p in paragraphs:
        ptext = _norm(p.text_content())
        if not ptext:
            continue
        if ptext in kept:
            break
        links = sum(len(_norm(a.text_content())) for a in p.xpath(".//a"))
        if len(ptext.split()) >= _LEAD_MIN_WORDS and links < 0.5 * len(ptext):
            lead.append(ptext)
        if len(lead) >= _LEAD_MAX:
            break
    else:
        return text  # the body's first paragraph never came: not a lead that was dropped
    if not lead:
        return text
    return "\n".join([*lead, text])


def markup_hints(html: str) -> dict[str, str]:
    """``{text: reason}`` for captions ("caption") and link-only list items ("related")."""
    doc = _parse(html)
    if doc is None:
        return {}
    hints: dict[str, str] = {}
    for node in doc.xpath(_CAPTION_XPATH):
        t = _norm(node.text_content())
        if t and len(t.split()) <= 60:
            hints[t] = "caption"
    for li in doc.xpath("//li"):
        t = _norm(li.text_content())
        links = _norm(" ".join(a.text_content() for a in li.xpath(".//a")))
        if t and links and len(links) >= 0.8 * len(t) and len(t.split()) <= 25:
            hints.setdefault(t, "related")
    return hints


_LIST_MARK = re.compile(r"^[-–—•*]\s*")


def hint_key(line: str) -> str:
    """The form a text line is looked up in :func:`markup_hints` with ("- title" → "title")."""
    return _norm(_LIST_MARK.sub("", line.strip()))
