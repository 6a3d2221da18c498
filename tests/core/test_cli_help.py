"""`marsad --help` speaks Arabic by default and English when asked, for every command and option."""

from __future__ import annotations

import re

import click
import pytest
from click.testing import CliRunner

from marsad.cli import main
from marsad.cli_help import command_help, option_help, texts

ARABIC = re.compile(r"[\u0600-\u06FF]")


def commands(group: click.Group, path: str = "marsad"):
    yield path, group
    for name, sub in group.commands.items():
        if isinstance(sub, click.Group):
            yield from commands(sub, f"{path} {name}")
        else:
            yield f"{path} {name}", sub


ALL = list(commands(main))


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_every_command_and_parameter_has_help_in_both_languages(lang):
    missing = []
    for path, command in ALL:
        if not command_help(path, lang):
            missing.append(path)
        for param in command.params:
            if not option_help(path, param.name or "", lang):
                missing.append(f"{path} {param.name}")
    assert not missing, f"add these to data/cli_help.toml [{lang}]: {missing}"


def test_the_help_table_names_no_command_or_option_that_does_not_exist():
    known = {path: {p.name for p in cmd.params} for path, cmd in ALL}
    table = {k: v for k, v in texts().items() if k != "labels"}
    assert set(table) == set(known)
    for path, entry in table.items():
        assert set(entry.get("options", {})) <= known[path], path


def run(*args, env=None):
    result = CliRunner().invoke(main, list(args), prog_name="marsad", env=env)
    assert result.exit_code == 0, result.output
    return result.output


def test_help_is_arabic_by_default_with_every_command_listed():
    page = run("--help", env={"MARSAD_LANG": ""})
    assert page.startswith("الاستخدام: marsad")
    assert "الخيارات:" in page and "الأوامر:" in page
    assert "Usage" not in page and "Show this message" not in page
    for name in main.commands:
        assert f"\u2068{name}\u2069" in page  # Latin names isolated inside the Arabic page


def test_command_help_in_arabic_isolates_flags_and_defaults():
    page = run("search", "--help")
    assert "أقصى عدد من النتائج." in page
    assert "\u2068--limit INTEGER\u2069" in page
    assert "[الافتراضي: \u206820\u2069]" in page
    assert "المعطيات:" in page and "كلمات البحث." in page


@pytest.mark.parametrize("how", ["flag", "env"])
def test_help_in_english_when_asked(how):
    args, env = (["--lang", "en"], None) if how == "flag" else ([], {"MARSAD_LANG": "en"})
    page = run(*args, "run", "--help", env=env)
    assert page.startswith("Usage: marsad run [OPTIONS] PATHS...")
    assert "Worker processes (default: up to 4)." in page
    assert "[default: report]" in page
    assert not ARABIC.search(page), ARABIC.findall(page)
    top = run(*args, "--help", env=env)
    assert "Commands:" in top and "rebuild" in top
    assert not ARABIC.search(top.replace("مرصد", ""))
