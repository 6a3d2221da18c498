"""User-facing messages in Arabic (default) and English.

The texts live in ``data/messages.toml``; this module picks the language and the plural form.
The language comes from ``--lang`` or the ``MARSAD_LANG`` environment variable. A counted
message has one form per CLDR plural category (Arabic has six: zero, one, two, few, many,
other), chosen with babel's plural rules from its ``n`` field. File names, queries and ids are
wrapped in Unicode isolates (FSI…PDI) so a Latin path inside an Arabic sentence keeps its own
direction on the terminal.
"""

from __future__ import annotations

import os
import tomllib
from functools import cache
from importlib import resources
from typing import Any

from babel import Locale

_FSI, _PDI = "\u2068", "\u2069"

# fields that hold a name from outside the sentence (a path, a query, an id, a command)
_ISOLATED = frozenset(
    {"path", "origin", "query", "what", "value", "option", "param", "command", "first", "second"}
)


@cache
def _tables() -> dict[str, dict[str, Any]]:
    text = resources.files("marsad").joinpath("data/messages.toml").read_text(encoding="utf-8")
    return tomllib.loads(text)


def messages() -> dict[str, dict[str, Any]]:
    """Every message: key → {lang → template, or lang → {plural category → template}}."""
    return _tables()["messages"]


def reasons() -> dict[str, dict[str, str]]:
    """Every rejection reason code → {lang → words}."""
    return _tables()["reasons"]


def language(lang: str | None = None) -> str:
    lang = (lang or os.environ.get("MARSAD_LANG") or "ar").lower()
    return "en" if lang.startswith("en") else "ar"


@cache
def _plural_rule(lang: str):
    return Locale.parse(lang).plural_form


def plural_category(n: int, lang: str | None = None) -> str:
    """CLDR plural category of ``n``: 'zero', 'one', 'two', 'few', 'many' or 'other'."""
    return str(_plural_rule(language(lang))(abs(n)))


def isolate(text: object) -> str:
    """Wrap ``text`` in first-strong isolates so mixed-direction output stays readable."""
    return f"{_FSI}{text}{_PDI}"


def say(key: str, lang: str | None = None, **fields: object) -> str:
    """The message ``key`` in ``lang``; a counted message takes its form from ``n``."""
    lang = language(lang)
    template = messages()[key][lang]
    if isinstance(template, dict):
        n = fields.get("n")
        if not isinstance(n, int):
            raise TypeError(f"message {key!r} counts something: pass n=<int>")
        template = template.get(plural_category(n, lang)) or template["other"]
    return template.format(**{k: isolate(v) if k in _ISOLATED else v for k, v in fields.items()})


def reason(code: str, lang: str | None = None) -> str:
    base = code.split(":", 1)[0]
    entry = reasons().get(base)
    return entry[language(lang)] if entry else code
