"""What a new user meets first on the command line: counted messages, errors, README truth."""

from __future__ import annotations

import re
import shutil
import sqlite3
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from marsad.cli import main
from marsad.messages import messages, plural_category, say

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT.parent / "shared" / "corpus" / "seeds"
needs_seeds = pytest.mark.skipif(
    not SEEDS.exists(), reason="sample corpus ../shared/corpus/seeds not present"
)

ARABIC_FORMS = {"zero", "one", "two", "few", "many", "other"}


def test_every_message_speaks_both_languages_and_counted_ones_have_every_arabic_form():
    for key, entry in messages().items():
        assert set(entry) == {"ar", "en"}, key
        if isinstance(entry["ar"], dict):
            assert set(entry["ar"]) == ARABIC_FORMS, key
            assert {"one", "other"} <= set(entry["en"]), key


@pytest.mark.parametrize(
    ("n", "category"),
    [
        (0, "zero"),
        (1, "one"),
        (2, "two"),
        (3, "few"),
        (10, "few"),
        (11, "many"),
        (99, "many"),
        (100, "other"),
        (103, "few"),
        (111, "many"),
        (1000, "other"),
    ],
)
def test_arabic_plural_categories_follow_cldr(n, category):
    assert plural_category(n, "ar") == category


def test_counted_messages_agree_with_their_number():
    assert say("results", "ar", n=5, query="x").startswith("5 نتائج")
    assert say("results", "ar", n=1, query="x").startswith("نتيجة واحدة")
    assert say("results", "ar", n=2, query="x").startswith("نتيجتان")
    assert say("results", "ar", n=15, query="x").startswith("15 نتيجةً")
    assert say("results", "ar", n=0, query="x").startswith("لا نتائج")
    assert say("results", "en", n=1, query="x").startswith("1 result for")
    assert say("results", "en", n=3, query="x").startswith("3 results for")
    assert say("exported", "ar", n=3, path="f").startswith("صُدِّرت 3 سجلات")
    assert say("exported", "en", n=1, path="f").startswith("Exported 1 record to")
    with pytest.raises(TypeError):
        say("results", "ar", query="x")  # a counted message without its count is a bug


def test_bad_dates_are_refused_in_the_users_language_with_exit_2(tmp_path):
    db = str(tmp_path / "none.db")
    result = CliRunner().invoke(main, ["--db", db, "search", "x", "--from", "badday"])
    assert result.exit_code == 2
    assert "تاريخ غير صالح" in result.output and "badday" in result.output
    result = CliRunner().invoke(main, ["--lang", "en", "--db", db, "search", "x", "--to", "2025-02-30"])
    assert result.exit_code == 2 and "invalid date" in result.output
    assert "Traceback" not in result.output


def test_click_usage_errors_are_arabic_by_default():
    result = CliRunner().invoke(main, ["entities", "--label", "people"])
    assert result.exit_code == 2
    assert "قيمة غير صالحة" in result.output and "PERSON" in result.output
    assert "Invalid value" not in result.output
    result = CliRunner().invoke(main, ["nosuch"])
    assert result.exit_code == 2 and "أمر غير معروف" in result.output
    result = CliRunner().invoke(main, ["--lang", "en", "show", "--bogus"])
    assert result.exit_code == 2 and "no such option" in result.output


def test_a_missing_store_is_one_arabic_line(tmp_path):
    result = CliRunner().invoke(main, ["--db", str(tmp_path / "none.db"), "stories"])
    assert result.exit_code == 2
    assert "لا توجد قاعدة بيانات" in result.output
    assert "no such store" not in result.output


@needs_seeds
def test_stories_entities_and_search_on_a_real_store(tmp_path):
    corpus = tmp_path / "in"
    corpus.mkdir()
    for path in SEEDS.glob("*.txt"):
        shutil.copy(path, corpus / path.name)
    db = str(tmp_path / "m.db")
    runner = CliRunner()
    assert runner.invoke(main, ["--db", db, "ingest", str(corpus)]).exit_code == 0
    # one file at rest: no -wal/-shm left behind once the command has exited
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in", "m.db"]
    assert sqlite3.connect(db).execute("PRAGMA journal_mode").fetchone()[0] == "delete"

    stories = runner.invoke(main, ["--db", db, "stories"])
    assert stories.exit_code == 0, stories.output
    assert "[" not in stories.output and "]" not in stories.output  # no Python lists

    lower = runner.invoke(main, ["--db", db, "entities", "--label", "person", "--json"])
    upper = runner.invoke(main, ["--db", db, "entities", "--label", "PERSON", "--json"])
    assert lower.exit_code == 0 and lower.output == upper.output
    assert '"PERSON"' in lower.output

    found = runner.invoke(main, ["--db", db, "search", "الشيباني"])
    assert found.exit_code == 0
    assert re.match(r"^\d+ نتائج|^نتيجة واحدة|^نتيجتان", found.output)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in", "m.db"]


def _readme_commands() -> list[list[str]]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    commands = []
    for block in re.findall(r"```bash\n(.*?)```", text, re.S):
        for line in block.splitlines():
            line = line.split("#", 1)[0].strip()
            if line.startswith("marsad "):
                commands.append(line.split()[1:])
    return commands


def test_every_command_and_option_in_the_readme_exists():
    commands = _readme_commands()
    assert len(commands) >= 8
    for words in commands:
        group: click.Command = main
        options: set[str] = {o for p in main.params for o in p.opts}
        for word in words:
            if word.startswith("-"):
                assert word.split("=")[0] in options, (words, word)
            elif isinstance(group, click.Group) and word in group.commands:
                group = group.commands[word]
                options |= {o for p in group.params for o in p.opts}
        if words[-1] != "…":  # «marsad --lang en …» shows a global option with any command
            assert group is not main, words  # each line names a real command


@needs_seeds
def test_the_readme_python_example_runs_as_written(tmp_path, monkeypatch):
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    example = re.search(r"```python\n(.*?)```", text, re.S).group(1)
    (tmp_path / "articles").mkdir()
    shutil.copy(SEEDS / "003_60194546891453d8.txt", tmp_path / "articles")
    monkeypatch.chdir(tmp_path)
    scope: dict = {}
    exec(compile(example, "README.md", "exec"), scope)  # noqa: S102 - the README's own example
    assert (tmp_path / "report" / "index.html").exists()
    assert "store" in scope


@needs_seeds
def test_the_api_takes_entity_kinds_in_any_case_and_rejects_unknown_ones(tmp_path):
    from fastapi.testclient import TestClient

    from marsad.web import create_app

    corpus = tmp_path / "in"
    corpus.mkdir()
    shutil.copy(SEEDS / "003_60194546891453d8.txt", corpus)
    db = str(tmp_path / "m.db")
    assert CliRunner().invoke(main, ["--db", db, "ingest", str(corpus)]).exit_code == 0
    client = TestClient(create_app(db))
    lower = client.get("/api/entities", params={"label": "person"})
    assert lower.status_code == 200
    assert lower.json() == client.get("/api/entities", params={"label": "PERSON"}).json()
    assert {e["label"] for e in lower.json()["items"]} == {"PERSON"}
    assert client.get("/api/entities", params={"label": "people"}).status_code == 422
