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
    with pytest.raises(EvaluationSetError, match="no article"):
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
