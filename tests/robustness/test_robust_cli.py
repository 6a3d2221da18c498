"""The CLI on a mixed batch of every hostile input: good articles stored, every bad input one
line naming the file and the reason, never a traceback; exit 1 when something was rejected,
2 on a fatal error."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from hostile import article, bomb_payload, deep_json, json_line, jsonl, nested_zip, zip_bytes

from marsad.cli import main

SRC = Path(__file__).resolve().parents[2] / "src"


def marsad(*args: str, timeout: float = 300) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(SRC), "MARSAD_LANG": "en", "COLUMNS": "80"}
    return subprocess.run(
        [sys.executable, "-m", "marsad.cli", *args], capture_output=True, text=True, env=env, timeout=timeout
    )


def hostile_folder(root: Path) -> tuple[int, set[str]]:
    """Good articles among every hostile input; (good articles, names that must be reported)."""
    root.mkdir()
    for n in range(3):
        (root / f"good{n}.txt").write_text(article(n), encoding="utf-8")
    (root / "lines.jsonl").write_bytes(jsonl(json_line(10), deep_json(100_000), json_line(11)))
    (root / "deep.json").write_text(deep_json(100_000))
    (root / "nested.zip").write_bytes(nested_zip(700, article(20).encode()))
    (root / "bomb.zip").write_bytes(
        zip_bytes({"b.txt": bomb_payload(4 * 1024 * 1024), "ok.txt": article(21).encode()})
    )
    (root / "trav.zip").write_bytes(zip_bytes({"..\\..\\x.txt": article(22).encode()}))
    (root / "stray.txt").write_bytes(article(30).encode() + b"\xff")
    (root / "bad date.json").write_text(
        json_line(31, date="Mon, 01 Jan 2147483648 00:00:00 GMT"), encoding="utf-8"
    )
    (root / "long.txt").write_text("كلمة " * 120_000, encoding="utf-8")
    (root / "dangling.txt").symlink_to(root / "nowhere")
    (root / "loop.txt").symlink_to(root / "loop.txt")
    os.mkfifo(root / "fifo.txt")
    (root / "forged\nrejected: innocent.txt.txt").write_text("", encoding="utf-8")
    good = 3 + 2 + 1 + 1 + 1  # good*, two JSONL lines, ok.txt in the bomb archive, stray, bad date
    reported = {
        "deep.json",
        "nested.zip",
        "bomb.zip",
        "trav.zip",
        "long.txt",
        "dangling.txt",
        "loop.txt",
        "fifo.txt",
        "lines.jsonl",
    }
    return good, reported


def test_a_mixed_batch_stores_every_good_article_and_reports_every_bad_input(tmp_path):
    good, reported = hostile_folder(tmp_path / "in")
    db = tmp_path / "m.db"
    result = marsad("--db", str(db), "ingest", str(tmp_path / "in"))
    assert "Traceback" not in result.stderr + result.stdout, result.stderr
    assert result.returncode == 1, result.stderr
    lines = result.stderr.splitlines()
    rejected = [line for line in lines if line.startswith("rejected:")]
    for name in reported:
        assert any(name in line for line in rejected), (name, result.stderr)
    # the file name with a newline is escaped: it cannot forge a line of its own
    assert not any(line.startswith("rejected: innocent") for line in lines)
    assert any("forged\\nrejected: innocent" in line for line in rejected)
    # one line per message, however long (no wrapping at 80 columns)
    assert any(len(line) > 80 for line in rejected)
    assert any(line.startswith("notice:") and "stray.txt" in line for line in lines)
    stored = marsad("--db", str(db), "export", "articles", "--out", str(tmp_path / "a.jsonl"))
    assert stored.returncode == 0, stored.stderr
    assert len((tmp_path / "a.jsonl").read_text(encoding="utf-8").splitlines()) == good


def test_a_crash_inside_a_command_is_one_line_and_exit_2(tmp_path, monkeypatch):
    from marsad import pipeline

    def boom(*args, **kwargs):
        raise ValueError("something deep broke\nsecond line")

    monkeypatch.setattr(pipeline, "ingest", boom)
    (tmp_path / "a.txt").write_text(article(), encoding="utf-8")
    result = CliRunner().invoke(
        main, ["--lang", "en", "--db", str(tmp_path / "m.db"), "ingest", str(tmp_path / "a.txt")]
    )
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    (line,) = [line for line in result.output.splitlines() if line.strip()]
    assert line.startswith("error:") and "something deep broke\\nsecond line" in line


def test_dask_without_distributed_names_the_extra(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "distributed", None)  # import distributed → ImportError
    (tmp_path / "a.txt").write_text(article(), encoding="utf-8")
    result = CliRunner().invoke(
        main,
        [
            "--lang",
            "en",
            "--db",
            str(tmp_path / "m.db"),
            "ingest",
            "--dask",
            "tcp://127.0.0.1:9",
            str(tmp_path / "a.txt"),
        ],
    )
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert "marsad[distributed]" in result.output


def test_dask_unreachable_scheduler_is_one_line_exit_2(tmp_path, monkeypatch):
    pytest.importorskip("distributed")
    from marsad import pipeline

    monkeypatch.setattr(pipeline, "DASK_CONNECT_TIMEOUT_S", 2.0)
    (tmp_path / "a.txt").write_text(article(), encoding="utf-8")
    result = CliRunner().invoke(
        main,
        [
            "--lang",
            "en",
            "--db",
            str(tmp_path / "m.db"),
            "ingest",
            "--dask",
            "tcp://127.0.0.1:9",
            str(tmp_path / "a.txt"),
        ],
    )
    assert result.exit_code == 2, result.output
    lines = [line for line in result.output.splitlines() if line.startswith("error:")]
    assert len(lines) == 1 and "tcp://127.0.0.1:9" in lines[0], result.output
    assert "Traceback" not in result.output


def test_search_json_output_still_works_after_a_rejected_batch(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(article(), encoding="utf-8")
    (tmp_path / "in" / "b.json").write_text(deep_json(10_000))
    db = str(tmp_path / "m.db")
    assert marsad("--db", db, "ingest", "--no-corpus", str(tmp_path / "in")).returncode == 1
    result = marsad("--db", db, "search", "المستشفى", "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["total"] == 1
