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


_CONTROLS = {c: f"\\x{c:02x}" for c in (*range(0, 32), 127)} | {
    ord("\n"): "\\n",
    ord("\r"): "\\r",
    ord("\t"): "\\t",
}
# bidi controls inside a name would let it reorder the rest of the line around it
_BIDI = {c: f"\\u{c:04x}" for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A), 0x200E, 0x200F)}


def escape_controls(text: object, *, bidi: bool = False) -> str:
    """``text`` on one line: newlines and other control characters escaped (and bidi controls
    too when ``bidi``), so a file name cannot forge a second message line."""
    return str(text).translate(_CONTROLS | _BIDI if bidi else _CONTROLS)


def isolate(text: object) -> str:
    """Wrap ``text`` in first-strong isolates so mixed-direction output stays readable; control
    characters in it are escaped (a file name with a newline cannot forge a line)."""
    return f"{_FSI}{escape_controls(text, bidi=True)}{_PDI}"


def say(key: str, lang: str | None = None, **fields: object) -> str:
    """The message ``key`` in ``lang``; a counted message takes its form from ``n``."""
    lang = language(lang)
    template = messages()[key][lang]
    if isinstance(template, dict):
        n = fields.get("n")
        if not isinstance(n, int):
            raise TypeError(f"message {key!r} counts something: pass n=<int>")
        template = template.get(plural_category(n, lang)) or template["other"]
    return template.format(
        **{
            k: isolate(v) if k in _ISOLATED else escape_controls(v) if isinstance(v, str) else v
            for k, v in fields.items()
        }
    )


def reason(code: str, lang: str | None = None) -> str:
    base = code.split(":", 1)[0]
    entry = reasons().get(base)
    return entry[language(lang)] if entry else code
