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

from marsad.outlets import kind_name, registry, resolve
from marsad.web.i18n import count, format_date, format_range, word, words
from marsad.web.markup import render_body
from marsad.web.timeline import sparkline_svg

HERE = Path(__file__).resolve().parent
TEMPLATES = HERE / "templates"
STATIC = HERE / "static"


_ISO = re.compile(r"\d{4}-\d{2}(-\d{2})?")
_ISO_DAY = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")


def when(value: str | None, lang: str) -> Markup:
    """A date in words, isolated, with its machine-readable ``datetime``."""
    if not value:
        return Markup('<span class="undated">{}</span>').format(word("undated", lang))
    iso = value[:10]
    attr = Markup(' datetime="{}"').format(iso) if _ISO_DAY.fullmatch(iso) else Markup("")
    return Markup("<bdi><time{}>{}</time></bdi>").format(attr, format_date(value, lang))


def span(start: str | None, end: str | None, lang: str) -> Markup:
    """ "23–24 ديسمبر 2025": a day range with the shared month and year once, isolated."""
    halves = format_range(start, end, lang)
    if halves is None:
        return when(start or end, lang)
    return Markup(
        '<bdi class="range"><time datetime="{}">{}</time>–<time datetime="{}">{}</time></bdi>'
    ).format(start[:10] if start else "", halves[0], end[:10] if end else "", halves[1])


def share_bar(shares: list[dict], label, lang: str) -> Markup:
    """A stacked bar of outlet shares (``coverage`` by country or kind) as inline SVG: no
    script, no inline style; the first share starts at the reading start (right in Arabic)."""
    parts = []
    x = 0.0
    for i, share in enumerate(shares):
        w = share["percent"]
        left = 100 - x - w if lang != "en" else x
        parts.append(
            Markup(
                '<rect class="seg seg-{}" x="{:.2f}" y="0" width="{:.2f}" height="10"><title>{}: {}</title></rect>'
            ).format(i % 8, left, w, label(share["key"]), share["outlets"])
        )
        x += w
    return Markup(
        '<svg class="share-bar" viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true"'
        ' focusable="false">{}</svg>'
    ).format(Markup("").join(parts))


def marked(text: str, spans: list | None) -> Markup:
    """``text`` with the matched words in ``<mark>`` (spans are offsets into ``text``)."""
    out, pos = [], 0
    for s, e in sorted(tuple(x) for x in spans or []):
        if s < pos or e > len(text):
            continue
        out.append(Markup("{}<mark>{}</mark>").format(text[pos:s], text[s:e]))
        pos = e
    out.append(Markup("{}").format(text[pos:]))
    return Markup("").join(out)


def day_bar(n: int, most: int) -> Markup:
    """One day's article count as a bar (inline SVG: no inline style), full width = the busiest day."""
    width = 100 * n / most if most else 0
    return Markup(
        '<svg class="day-bar" viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true" focusable="false">'
        '<rect x="{:.2f}" y="0" width="{:.2f}" height="10"/></svg>'
    ).format(0, width)


_PROSE_DATE = re.compile(r"(?<![\d-])(\d{4}-\d{2}-\d{2})(?:\s*/\s*(\d{4}-\d{2}-\d{2}))?(?![\d-])")


def prose(text: str | None, lang: str) -> Markup:
    """Text written by the summariser, with its ISO dates ("2025-12-23/2025-12-24") written as
    dates in words and isolated, so right-to-left text never reverses them."""
    out, pos = [], 0
    value = text or ""
    for m in _PROSE_DATE.finditer(value):
        out.append(Markup("{}").format(value[pos : m.start()]))
        out.append(span(m.group(1), m.group(2), lang) if m.group(2) else when(m.group(1), lang))
        pos = m.end()
    out.append(Markup("{}").format(value[pos:]))
    return Markup("").join(out)


def quote_markup(text: str, mark: list[int] | None) -> Markup:
    """A quoted sentence with the disputed figure marked."""
    if not mark:
        return Markup("{}").format(text)
    s, e = mark
    return Markup("{}<mark>{}</mark>{}").format(text[:s], text[s:e], text[e:])


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


def _isolated_count(key: str, n: int, lang: str) -> Markup:
    # the number in its own isolate: next to Latin text or another number it keeps its place
    text = count(key, n, lang)
    return Markup("{}").format(text).replace(str(n), Markup("<bdi>{}</bdi>").format(n), 1)


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
            when=lambda v: when(v, lang),
            span=lambda a, b: span(a, b, lang),
            count=lambda key, n: _isolated_count(key, n, lang),
            oname=lambda raw: Markup('<bdi class="outlet">{}</bdi>').format(resolve(raw).name(lang)),
            country=lambda code: registry().country_name(code, lang),
            okind=lambda k: kind_name(k, lang),
            quote=quote_markup,
            marked=marked,
            prose=lambda text: prose(text, lang),
            day_bar=day_bar,
            bar=lambda shares, label: share_bar(shares, label, lang),
            aspect=lambda name: word(f"aspect_{name}", lang) if f"aspect_{name}" in words() else name,
            value=lambda v: format_date(v, lang) if isinstance(v, str) and _ISO.fullmatch(v) else v,
            spark=lambda activity: Markup(sparkline_svg(activity, lang=lang)),
            body=lambda article: render_body(article, links.entity),
            **context,
        )
    )
