"""Rendering the read model into HTML, for the live server and the static report alike.

Both share one Jinja environment (autoescape on) and the same templates; they differ only
in how links are written, which a :class:`Links` object decides: absolute routes for the
server, relative ``story-….html`` files for the report (and no link at all to a page the
report did not write).
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from urllib.parse import quote, urlencode

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup

from marsad.web.i18n import WORDS, count, format_date, word
from marsad.web.markup import render_body
from marsad.web.timeline import sparkline_svg

HERE = Path(__file__).resolve().parent
TEMPLATES = HERE / "templates"
STATIC = HERE / "static"


_ISO = re.compile(r"\d{4}-\d{2}(-\d{2})?")


class Links:
    """Links of the live server: one route per page; search and language switch available."""

    live = True

    def index(self, offset: int = 0) -> str:
        return "/" + (f"?offset={offset}" if offset else "")

    def story(self, ident: str) -> str | None:
        return f"/stories/{quote(ident, safe='')}"

    def event(self, ident: str) -> str | None:
        return f"/events/{quote(ident, safe='')}"

    def article(self, ident: str, sentence: int | None = None) -> str | None:
        anchor = f"#s{sentence}" if sentence is not None and sentence >= 0 else ""
        return f"/articles/{quote(ident, safe='')}{anchor}"

    def entity(self, ident: str) -> str | None:
        return f"/entities/{quote(ident, safe='')}"

    def entities(self, **params: object) -> str | None:
        return "/entities" + _query(params)

    def search(self, **params: object) -> str | None:
        return "/search" + _query(params)

    def static(self, name: str) -> str:
        return f"/static/{name}"


def _query(params: dict) -> str:
    kept = {k: v for k, v in params.items() if v not in (None, "", 0)}
    return "?" + urlencode(kept) if kept else ""


def page_file(kind: str, ident: str) -> str:
    """The report's file name for a page; ids are made safe for every file system."""
    return f"{kind}-{re.sub(r'[^A-Za-z0-9_.-]', '_', ident)}.html"


class StaticLinks(Links):
    """Links of the static report: relative files, only to pages that were written."""

    live = False

    def __init__(self, written: dict[str, set[str]]) -> None:
        self.written = written

    def _to(self, kind: str, ident: str) -> str | None:
        return page_file(kind, ident) if ident in self.written.get(kind, set()) else None

    def index(self, offset: int = 0) -> str:
        return "index.html"

    def story(self, ident: str) -> str | None:
        return self._to("story", ident)

    def event(self, ident: str) -> str | None:
        return self._to("event", ident)

    def article(self, ident: str, sentence: int | None = None) -> str | None:
        target = self._to("article", ident)
        if target and sentence is not None and sentence >= 0:
            target += f"#s{sentence}"
        return target

    def entity(self, ident: str) -> str | None:
        return self._to("entity", ident)

    def entities(self, **params: object) -> str | None:
        return None

    def search(self, **params: object) -> str | None:
        return None

    def static(self, name: str) -> str:
        return f"static/{name}"


def lead(text: str, limit: int = 600) -> tuple[str, str]:
    """The first sentences of ``text`` up to ``limit`` characters, and the rest (shown on demand)."""
    if len(text) <= limit:
        return text, ""
    cut = max(text.rfind(mark, 0, limit) for mark in (". ", "؟ ", "! ", ".\n"))
    cut = cut + 1 if cut > limit // 3 else (text.rfind(" ", 0, limit) if " " in text[:limit] else limit)
    return text[:cut].rstrip(), text[cut:].lstrip()


def safe_url(url: str | None) -> str | None:
    """Only web links become hrefs: a ``javascript:`` URL in a scraped record stays text."""
    return url if url and re.match(r"https?://", url, re.IGNORECASE) else None


@cache
def environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(["html"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals["safe_url"] = safe_url
    env.globals["lead"] = lead
    return env


def render(
    template: str, *, lang: str, links: Links, switch_href: str | None = None, **context: object
) -> str:
    """One page in ``lang`` (``switch_href`` links the same page in the other language)."""

    def t(key: str, **fmt: object) -> str:
        text = word(key, lang)
        return text.format(**fmt) if fmt else text

    return (
        environment()
        .get_template(template)
        .render(
            lang=lang,
            t=t,
            links=links,
            switch_href=switch_href,
            date=lambda v: format_date(v, lang),
            count=lambda key, n: count(key, n, lang),
            aspect=lambda name: word(f"aspect_{name}", lang) if f"aspect_{name}" in WORDS else name,
            value=lambda v: format_date(v, lang) if isinstance(v, str) and _ISO.fullmatch(v) else v,
            spark=lambda activity: Markup(sparkline_svg(activity, lang=lang)),
            body=lambda article: render_body(article, links.entity),
            **context,
        )
    )
