"""End to end: the `marsad` command on the sample corpus and on bad input."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from marsad.cli import main

SEEDS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus" / "seeds"
pytestmark = pytest.mark.skipif(not SEEDS.exists(), reason="sample corpus ../shared/corpus/seeds not present")


@pytest.fixture(scope="module")
def seeds_run(tmp_path_factory):
    work = tmp_path_factory.mktemp("run")
    corpus = work / "seeds"
    corpus.mkdir()
    for path in SEEDS.glob("*.txt"):
        shutil.copy(path, corpus / path.name)
    runner = CliRunner()
    db, out = work / "m.db", work / "report"
    result = runner.invoke(main, ["--db", str(db), "run", str(corpus), "--out", str(out)])
    return runner, db, out, result


def articles_by_seed(out: Path) -> dict[str, dict]:
    by_seed = {}
    for path in (out / "articles").glob("*.json"):
        data = json.loads(path.read_text(encoding="utf-8"))
        by_seed[Path(data["origin"]).stem] = data
    return by_seed


def test_run_on_the_sample_writes_one_json_per_article_and_an_rtl_index(seeds_run):
    _, _, out, result = seeds_run
    assert result.exit_code == 0, result.output
    assert len(list((out / "articles").glob("*.json"))) == 5
    index = (out / "index.html").read_text(encoding="utf-8")
    assert 'dir="rtl"' in index and 'lang="ar"' in index
    assert "المرفوضة: 0" in result.output and "مرفوض:" not in result.output


def test_the_sample_articles_are_clean_against_the_hand_annotation(seeds_run):
    _, _, out, _ = seeds_run
    gold = json.loads((SEEDS / "gold.json").read_text(encoding="utf-8"))["articles"]
    arts = articles_by_seed(out)
    for seed, g in gold.items():
        a = arts[seed]
        assert a["title"] == g["title"], seed
        body_lines = {line.strip() for line in a["body"].split("\n")}
        for noise in g.get("noise_lines", []):
            assert noise not in body_lines, (seed, noise)
        headings = {b["text"].strip() for b in a["blocks"] if b["kind"] == "heading"}
        for h in g.get("headings", []) + g.get("headings_inline", []):
            assert h in headings, (seed, h)
        assert a["summary"]["key_points"], seed
    box = arts["000_5d4d6aba95c10d2d"]["embedded_summary"]
    assert len(box["key_points"]) == 3
    assert box["summary"] not in arts["000_5d4d6aba95c10d2d"]["body"]


def test_the_sample_is_one_story_of_three_events(seeds_run):
    _, _, out, _ = seeds_run
    stories = json.loads((out / "stories.json").read_text(encoding="utf-8"))
    events = {e["id"]: e for e in json.loads((out / "events.json").read_text(encoding="utf-8"))}
    assert len(stories) == 1 and len(stories[0]["events"]) == 3
    seed_of = {a["id"]: seed for seed, a in articles_by_seed(out).items()}
    members = sorted(sorted(seed_of[aid] for aid in events[e]["articles"]) for e in stories[0]["events"])
    for article in articles_by_seed(out).values():
        assert article["published"]["date"], article["origin"]  # from metadata, text or the event
    assert members == [
        ["000_5d4d6aba95c10d2d", "003_60194546891453d8"],
        ["001_e866f567f2cfb250", "004_172edc32d39c3b1d"],
        ["002_d0c606f2779fa95d"],
    ]


def test_running_again_adds_nothing(seeds_run, tmp_path):
    runner, db, out, _ = seeds_run
    result = runner.invoke(main, ["--lang", "en", "--db", str(db), "ingest", str(SEEDS)])
    assert result.exit_code == 0, result.output
    assert "Added 0 new articles (already stored: 5, rejected: 0)" in result.output


def test_search_finds_spelling_variants(seeds_run):
    runner, db, _, _ = seeds_run
    result = runner.invoke(main, ["--db", str(db), "search", "اسعد الشيبانى", "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["total"] >= 3


def test_show_unknown_id_is_one_clear_line(seeds_run):
    runner, db, _, _ = seeds_run
    result = runner.invoke(main, ["--lang", "en", "--db", str(db), "show", "nope"])
    assert result.exit_code == 2
    assert "Not found" in result.output and "Traceback" not in result.output


def test_bad_inputs_are_reported_kept_and_do_not_stop_the_batch(tmp_path):
    corpus = tmp_path / "in"
    corpus.mkdir()
    shutil.copy(SEEDS / "003_60194546891453d8.txt", corpus / "good.txt")
    (corpus / "photo.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00" + bytes(range(200)))
    (corpus / "empty.txt").write_text("")
    (corpus / "feed.json").write_text('[{"title": "بلا نص", "content": ""}]', encoding="utf-8")
    out = tmp_path / "report"
    result = CliRunner().invoke(
        main, ["--lang", "en", "--db", str(tmp_path / "m.db"), "run", str(corpus), "--out", str(out)]
    )
    assert result.exit_code == 1, result.output
    for name in ("photo.txt", "empty.txt", "feed.json#0"):
        assert name in result.output
    rejected = {
        Path(r["origin"]).name: r["reason"]
        for r in json.loads((out / "rejected.json").read_text(encoding="utf-8"))
    }
    assert rejected == {"photo.txt": "binary", "empty.txt": "empty_file", "feed.json#0": "empty_body"}
    assert len(list((out / "articles").glob("*.json"))) == 1


def test_long_runs_report_progress_in_plain_lines_when_not_on_a_terminal(tmp_path):
    result = CliRunner().invoke(main, ["--lang", "en", "--db", str(tmp_path / "m.db"), "ingest", str(SEEDS)])
    assert result.exit_code == 0, result.output
    assert "articles processed: 5 of 5" in result.output
