"""The ``marsad --help`` pages in Arabic (default) or English.

click writes its help pages in English from the help strings in the code. Here every command's
description and every parameter's help come from ``data/cli_help.toml`` in the user's language,
and so do click's own headings («الاستخدام»، «الخيارات»، «الأوامر»). Flags, metavars, paths and
defaults keep their Latin spelling and are wrapped in Unicode isolates in Arabic lines, so they
keep their own direction inside a right-to-left sentence.
"""

from __future__ import annotations

import tomllib
from functools import cache
from importlib import resources
from typing import Any

import click

_FSI, _PDI = "\u2068", "\u2069"


@cache
def texts() -> dict[str, Any]:
    """The whole help table: command path → {ar, en, options: {name → {ar, en}}}, and labels."""
    data = resources.files("marsad").joinpath("data/cli_help.toml").read_text(encoding="utf-8")
    return tomllib.loads(data)


def label(key: str, lang: str) -> str:
    return str(texts()["labels"][lang][key])


def command_help(path: str, lang: str) -> str | None:
    entry = texts().get(path)
    return None if entry is None else entry.get(lang)


def option_help(path: str, name: str, lang: str) -> str | None:
    entry = texts().get(path, {}).get("options", {}).get(name)
    return None if entry is None else entry.get(lang)


def _isolate(text: str, lang: str) -> str:
    return f"{_FSI}{text}{_PDI}" if lang == "ar" and text else text


def _short(text: str) -> str:
    """The first sentence of a description: what the command list shows."""
    first = text.strip().splitlines()[0]
    return first.split(". ", 1)[0] + "." if ". " in first else first


def _option_row(param: click.Option, ctx: click.Context, path: str, lang: str) -> tuple[str, str] | None:
    record = param.get_help_record(ctx)
    if record is None:
        return None
    flags = record[0]
    if ctx.command.get_help_option(ctx) is param:
        text = label("help", lang)
    else:
        text = option_help(path, param.name or "", lang) or param.help or ""
    extras = []
    shown = param.show_default if param.show_default is not None else ctx.show_default
    if shown and param.default not in (None, False, (), "") and not param.is_flag:
        extras.append(f"{label('default', lang)}: {_isolate(str(param.default), lang)}")
    if param.required:
        extras.append(label("required", lang))
    if extras:
        text = f"{text} [{'، '.join(extras) if lang == 'ar' else '; '.join(extras)}]"
    return _isolate(flags, lang), text


def command_key(ctx: click.Context) -> str:
    """The table key of ctx's command: "marsad run", whatever name the program was called by."""
    names = []
    node: click.Context | None = ctx
    while node is not None:
        names.append((node.command.name or "") if node.parent is not None else "marsad")
        node = node.parent
    return " ".join(reversed(names))


def write_help(command: click.Command, ctx: click.Context, formatter: click.HelpFormatter, lang: str) -> None:
    """Write ``command``'s help page in ``lang`` (what click's ``format_help`` does, translated)."""
    path = command_key(ctx)
    pieces = command.collect_usage_pieces(ctx)
    formatter.write_usage(ctx.command_path, " ".join(pieces), prefix=label("usage", lang))
    description = command_help(path, lang) or command.help
    if description:
        formatter.write_paragraph()
        with formatter.indentation():
            formatter.write_text(description)
    arguments = [
        (_isolate((p.human_readable_name or "").upper(), lang), text)
        for p in command.get_params(ctx)
        if isinstance(p, click.Argument) and (text := option_help(path, p.name or "", lang))
    ]
    if arguments:
        with formatter.section(label("arguments", lang)):
            formatter.write_dl(arguments)
    options = [
        row
        for p in command.get_params(ctx)
        if isinstance(p, click.Option) and (row := _option_row(p, ctx, path, lang)) is not None
    ]
    if options:
        with formatter.section(label("options", lang)):
            formatter.write_dl(options)
    if isinstance(command, click.Group):
        rows = []
        for name in command.list_commands(ctx):
            sub = command.get_command(ctx, name)
            if sub is None or sub.hidden:
                continue
            text = command_help(f"{path} {name}", lang) or sub.get_short_help_str()
            rows.append((_isolate(name, lang), _short(text)))
        if rows:
            with formatter.section(label("commands", lang)):
                formatter.write_dl(rows)
