"""The scorer's tables cached on disk: the same labels as tables built from the model, and never a
stale or damaged file used."""

from __future__ import annotations

import shutil

from marsad.entities import scorer_cache
from marsad.entities.tagger import _SCORER_CODE, Scorer, model_path, split_sequences
from marsad.entities.tokens import scan

TEXT = "أعلن وزير الخارجية الأمريكي جون كيري في واشنطن أن بلاده ستواصل المحادثات مع إيران."


def _sentences() -> list[list[str]]:
    words = [TEXT[t.start : t.end] for t in scan(TEXT)]
    return [words[a:b] for a, b in split_sequences(words)]


def _counting_build(calls: list[str]):
    def build(path: str) -> Scorer:
        calls.append(path)
        return Scorer(path)

    return build


def test_cached_tables_tag_like_tables_built_from_the_model(tmp_path, monkeypatch):
    monkeypatch.setenv("MARSAD_CACHE_DIR", str(tmp_path / "cache"))
    (tmp_path / "cache").mkdir()
    other_model = tmp_path / "cache" / "ner-doc-0123.pickle"  # another model's tables stay
    other_model.write_bytes(b"")
    calls: list[str] = []
    first = scorer_cache.load_or_build(model_path(), _counting_build(calls), _SCORER_CODE)
    again = scorer_cache.load_or_build(model_path(), _counting_build(calls), _SCORER_CODE)
    assert len(calls) == 1  # the second process would read the file
    assert again is not first
    assert again.tag(_sentences()) == first.tag(_sentences()) == Scorer(str(model_path())).tag(_sentences())
    assert len(list((tmp_path / "cache").glob("ner-*.pickle"))) == 2
    assert other_model.exists()


def test_another_model_or_a_damaged_file_is_built_again(tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    monkeypatch.setenv("MARSAD_CACHE_DIR", str(cache))
    model = tmp_path / "ner.crfsuite"
    shutil.copy(model_path(), model)
    calls: list[str] = []
    scorer_cache.load_or_build(model, _counting_build(calls), _SCORER_CODE)
    (written,) = cache.glob("ner-*.pickle")
    written.write_bytes(b"not a pickle")
    scorer_cache.load_or_build(model, _counting_build(calls), _SCORER_CODE)
    assert len(calls) == 2
    # a file under the right name but made for other code is not used either
    code = tmp_path / "builder.py"
    code.write_text("# another builder\n")
    scorer_cache.load_or_build(model, _counting_build(calls), (code,))
    assert len(calls) == 3
    # and only the newest tables of a model name are kept
    assert len(list(cache.glob("ner-*.pickle"))) == 1


def test_an_unwritable_or_disabled_cache_still_gives_the_tables(tmp_path, monkeypatch):
    blocked = tmp_path / "file"
    blocked.write_text("a file where the folder would be")
    monkeypatch.setenv("MARSAD_CACHE_DIR", str(blocked / "cache"))
    calls: list[str] = []
    tables = scorer_cache.load_or_build(model_path(), _counting_build(calls), _SCORER_CODE)
    assert calls and tables.tag(_sentences())
    monkeypatch.setenv("MARSAD_CACHE_DIR", "")
    assert scorer_cache.cache_dir() is None
    scorer_cache.load_or_build(model_path(), _counting_build(calls), _SCORER_CODE)
    assert len(calls) == 2
