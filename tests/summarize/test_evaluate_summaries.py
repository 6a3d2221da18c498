from __future__ import annotations

import json

import pytest
from summarize_fixtures import FLOOD

from marsad.evaluate.summaries import EvaluationSetError, evaluate_summaries, format_report, load_examples

TEXT = "\n\n".join(t for kind, t in FLOOD if kind == "paragraph")
REFERENCE = "إجلاء ألفي عائلة في البصرة بعد فيضان شط العرب وتوقعات باستمرار الأمطار."


def test_both_layouts_are_read_and_all_systems_scored(tmp_path):
    (tmp_path / "set.json").write_text(
        json.dumps([{"id": "j1", "text": TEXT, "summary": REFERENCE}]), encoding="utf-8"
    )
    (tmp_path / "more.jsonl").write_text(
        json.dumps({"id": "l1", "body": TEXT, "summaries": [REFERENCE, "فيضان في البصرة."]}) + "\n",
        encoding="utf-8",
    )
    (tmp_path / "articles").mkdir()
    (tmp_path / "references").mkdir()
    (tmp_path / "articles" / "f1.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "references" / "f1.1.txt").write_text(REFERENCE, encoding="utf-8")
    (tmp_path / "references" / "f1.2.txt").write_text("فيضان في البصرة.", encoding="utf-8")
    (tmp_path / "references" / "f10.txt").write_text("لا تخص المقال f1", encoding="utf-8")

    examples = list(load_examples(tmp_path))
    assert [e.id for e in examples] == ["j1", "l1", "f1"]
    assert len(examples[2].references) == 2

    report = evaluate_summaries(tmp_path)
    assert report["documents"] == 3
    assert set(report["systems"]) == {"marsad", "lead3", "lexrank"}
    for scores in report["systems"].values():
        assert 0.0 < scores["rouge1"]["fmeasure"] <= 1.0
        assert scores["rouge2"]["fmeasure"] <= scores["rouge1"]["fmeasure"]
    table = format_report(report)
    assert "marsad" in table and "lead3" in table and "rougeL" in table


def test_folder_without_pairs_is_an_error(tmp_path):
    (tmp_path / "x.json").write_text(json.dumps({"id": "1", "text": TEXT}), encoding="utf-8")
    with pytest.raises(EvaluationSetError, match="empty"):
        evaluate_summaries(tmp_path)
    (tmp_path / "bad.json").write_text("{", encoding="utf-8")
    with pytest.raises(EvaluationSetError, match="bad.json"):
        evaluate_summaries(tmp_path)


def test_plain_text_articles_tell_headings_from_prose_only_when_punctuated():
    from marsad.summarize.plain_text import article_from_text

    with_heading = article_from_text(
        "عنوان فرعي قصير\n\nأعلنت الحكومة خطة جديدة لدعم المزارعين المتضررين من الجفاف."
    )
    assert [s.is_heading for s in with_heading.sentences] == [True, False]
    unpunctuated = article_from_text("أعلنت الحكومة خطة جديدة\nوقال الوزير إن الدعم يبدأ غدا")
    assert [s.is_heading for s in unpunctuated.sentences] == [False, False]


def _evaluate_cli(*args: str):
    from click.testing import CliRunner

    from marsad.cli import main

    return CliRunner().invoke(main, [*args], standalone_mode=True)


def _cli_case(tmp_path, name, build):
    folder = tmp_path / name
    folder.mkdir()
    build(folder)
    return folder


@pytest.mark.parametrize(
    ("case", "arabic", "english"),
    [
        ("empty", "لا يوجد في", "holds no article with a reference summary"),
        ("bad_json", "ملف JSON غير صالح", "not valid JSON (line 1"),
        ("bad_jsonl", "ملف JSON غير صالح", "not valid JSON (line 2"),
        ("latin1_reference", "ليس بترميز UTF-8", "not UTF-8 text"),
    ],
)
def test_cli_reports_a_bad_evaluation_folder_in_one_line_with_exit_2(tmp_path, case, arabic, english):
    def build(folder):
        if case == "bad_json":
            (folder / "set.json").write_text('{"id": "1", "text": ', encoding="utf-8")
        elif case == "bad_jsonl":
            good = json.dumps({"id": "1", "text": TEXT, "summary": REFERENCE}, ensure_ascii=False)
            (folder / "set.jsonl").write_text(good + "\n{broken\n", encoding="utf-8")
        elif case == "latin1_reference":
            (folder / "articles").mkdir()
            (folder / "references").mkdir()
            (folder / "articles" / "a.txt").write_text(TEXT, encoding="utf-8")
            (folder / "references" / "a.txt").write_bytes(REFERENCE.encode("cp1256"))

    folder = _cli_case(tmp_path, case, build)
    for lang, expected in (("ar", arabic), ("en", english)):
        result = _evaluate_cli("--lang", lang, "evaluate", "summaries", str(folder))
        assert result.exit_code == 2, result.output
        lines = [line for line in result.output.splitlines() if line.strip()]
        assert len(lines) == 1 and expected in lines[0], result.output
        assert "Traceback" not in result.output
        if case != "empty":
            assert ("set.json" in lines[0]) or ("a.txt" in lines[0]) or (".jsonl" in lines[0])


def test_cli_help_shows_the_folder_layout():
    result = _evaluate_cli("evaluate", "summaries", "--help")
    assert result.exit_code == 0
    assert "references/NAME.txt" in result.output and "MTurk/TopicN" in result.output


def test_easc_layout_is_read(tmp_path):
    (tmp_path / "Articles" / "Topic1").mkdir(parents=True)
    (tmp_path / "MTurk" / "Topic1").mkdir(parents=True)
    (tmp_path / "Articles" / "Topic1" / "a.TXT").write_bytes(("\ufeff" + TEXT).encode("utf-8"))
    for k in "AB":
        (tmp_path / "MTurk" / "Topic1" / f"D0101.M.250.A.1.{k}").write_text(REFERENCE, encoding="utf-8")
    examples = list(load_examples(tmp_path))
    assert [(e.id, len(e.references)) for e in examples] == [("Topic1", 2)]
