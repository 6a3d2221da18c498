"""The CRF tagger: the direct scorer agrees with crfsuite, the model ships, entities merge right."""

from __future__ import annotations

import numpy as np
import pycrfsuite
import pytest

from marsad.arabic import split_sentences
from marsad.entities import compiled, date_roles, extract_mentions, resolve_entities
from marsad.entities.tagger import (
    DOC_MODEL,
    LABEL_BIAS,
    Scorer,
    doc_features,
    doc_scorer,
    model_path,
    phrase_features,
    scorer,
    sentence_features,
    split_sequences,
    tag_words,
    word_features,
)
from marsad.entities.tokens import scan
from marsad.model import Article, Event, Published, Sentence

TEXTS = [
    "أعلن وزير الخارجية الأمريكي جون كيري في واشنطن أن بلاده ستواصل المحادثات مع إيران.",
    "وقال المتحدث باسم الأمم المتحدة ستيفان دوجاريك إن المنظمة تتابع الوضع في اليمن عن كثب.",
    "التقى خادم الحرمين الشريفين الملك سلمان بن عبدالعزيز في الرياض رئيس الوزراء البريطاني.",
    "سجل ميسي هدفين لبرشلونة أمام ريال مدريد في الدوري الإسباني مساء السبت.",
    "وأضاف أن شركة أرامكو السعودية وقعت اتفاقية مع Siemens لتطوير محطات الكهرباء في جدة والدمام!",
    "قال غوتيريش : « لا حل عسكريا » ؟ وتابع المبعوث الأممي إلى سوريا ستافان دي ميستورا جولته",
]


def _article(text: str, aid: str = "a", published: str | None = None) -> Article:
    article = Article(id=aid, origin="test", outlet=None, url=None, title=None, body=text)
    article.sentences = [Sentence(k, s, e, text[s:e], 0) for k, (s, e) in enumerate(split_sentences(text))]
    article.published = Published(published, "metadata") if published else None
    return extract_mentions(article)


def test_model_ships_and_is_small():
    path = model_path()
    assert path.is_file()
    assert path.stat().st_size <= 20 * 1024 * 1024
    assert (path.parent / "LICENSE-ner-model.txt").is_file()


def _sentences() -> list[list[str]]:
    sentences = []
    for text in TEXTS:
        words = [text[t.start : t.end] for t in scan(text)]
        sentences += [words[a:b] for a, b in split_sequences(words)]
    return sentences


def test_direct_scorer_gives_crfsuite_labels():
    """Without the label bias the direct scorer decodes crfsuite's own scores."""
    reference = pycrfsuite.Tagger()
    reference.open(str(model_path()))
    sentences = _sentences()
    plain = Scorer(str(model_path()))
    ours = plain.tag(sentences)  # batched: sentences of different lengths together
    for words, labels in zip(sentences, ours, strict=True):
        assert labels == reference.tag(sentence_features(words)), words
    assert any(label != "O" for labels in ours for label in labels)


def test_label_bias_moves_the_name_labels_scores_and_nothing_else():
    """The shipped scorer adds LABEL_BIAS to each type's B-/I- state scores (O unchanged) and
    decodes those scores; a bias against O never takes a name away from a token's best label."""
    sentences = _sentences()
    plain, shipped = Scorer(str(model_path())), scorer()
    before, bounds = plain._emit_flat(sentences)
    after, _ = shipped._emit_flat(sentences)
    assert shipped.labels == plain.labels
    for k, label in enumerate(plain.labels):
        assert np.allclose(
            after[:, k] - before[:, k], LABEL_BIAS.get(label[2:], 0.0) if label != "O" else 0.0
        )
    ids = compiled.viterbi_numpy(after, bounds, shipped.transitions).tolist()
    assert [label for labels in shipped.tag(sentences) for label in labels] == [plain.labels[i] for i in ids]
    plain.set_label_bias({"PERS": 50.0})
    assert all(label[2:] == "PERS" for labels in plain.tag(sentences) for label in labels)
    plain.set_label_bias({})
    assert np.array_equal(plain._emit_flat(sentences)[0], before)


def test_compiled_loops_equal_their_numpy_twins(monkeypatch):
    """The numba loops give the numpy code's emission scores to the last bit and its labels,
    ties included (integer scores tie often), for empty and one-word sentences too."""
    assert compiled.compiled_emissions() is not None  # numba is a dependency: the fast path runs
    sentences = [[]]
    for text in TEXTS:
        words = [text[t.start : t.end] for t in scan(text)]
        sentences += [words[a:b] for a, b in split_sequences(words)] + [words[:1], []]
    fast_emit, bounds = scorer()._emit_flat(sentences)
    fast = scorer().tag(sentences)
    monkeypatch.setattr(compiled, "_compiled", lambda: None)
    slow_emit, slow_bounds = scorer()._emit_flat(sentences)
    assert np.array_equal(bounds, slow_bounds)
    assert np.array_equal(fast_emit, slow_emit)  # exact: the same sums in the same order
    assert scorer().tag(sentences) == fast
    monkeypatch.undo()
    rng = np.random.default_rng(0)
    transitions = rng.integers(-2, 3, (7, 7)).astype(float)
    emit = rng.integers(-2, 3, (300, 7)).astype(float)
    cuts = np.array([0, 0, 1, 40, 40, 41, 160, 300])
    assert np.array_equal(
        compiled.viterbi(emit, cuts, transitions), compiled.viterbi_numpy(emit, cuts, transitions)
    )


def test_word_rows_found_by_kind_equal_the_rows_of_the_attribute_strings():
    """A new word's weight rows, looked up by attribute kind and value without writing the
    attributes, are those of its crfsuite attribute strings, in the same order (that of the sum)."""
    sc = scorer()
    words = [text[t.start : t.end] for text in TEXTS for t in scan(text)]
    words += ["=", "a=b", "w=x", "ولل", "123", "IBM", "Siemens", "بـ", "،", "x1", "للمرحلة", "والأمم"]
    for w in words:
        assert sc._own_rows(w) == [r for r in map(sc.base_row.get, word_features(w)[0]) if r is not None], w


def test_tagger_finds_untitled_foreign_people():
    words = "وسجل ميسي هدفين بينما غاب رونالدو عن المباراة .".split()
    labels = tag_words(words)
    assert labels[words.index("ميسي")] == "B-PERS"


def test_country_spellings_are_one_entity():
    a = _article("زار الوفد المملكة العربية السعودية أمس.", "a")
    b = _article("وصل الوفد إلى السعودية في زيارة رسمية.", "b")
    c = _article("وصل الوفد إلى الرياض، وأكد أن المملكة تدعم الاتفاق.", "c")
    entities = resolve_entities([a, b, c])
    saudi = [e for e in entities if e.name == "السعودية"]
    assert len(saudi) == 1 and saudi[0].articles == ["a", "b", "c"], [(e.name, e.variants) for e in entities]


def test_bare_kingdom_left_alone_without_a_named_kingdom():
    ms = _article("قال المسؤول إن المملكة ستعلن قرارها قريبا.").mentions
    assert not any(m.text == "المملكة" for m in ms)


def test_clitic_l_restores_the_article_in_the_canonical():
    ms = _article("وجه الرئيس الأمريكي انتقادات للأسد بسبب الهجمات على المدنيين في حلب.").mentions
    for m in ms:
        assert m.canonical != "لأسد"


def test_a_common_name_is_not_cut_into_a_preposition_and_a_gazetteer_village():
    # «لاتر» is a place of the long gazetteers, but «بلاتر» is common news and «لاتر» is not
    text = "أعلن رئيس الفيفا جوزيف بلاتر استقالته. وقال بلاتر إنه سيبقى حتى الانتخابات. وتسلمت بوينغ طلبية جديدة."
    people = {m.text: m.canonical for m in _article(text).mentions if m.label == "PERSON"}
    assert "لاتر" not in people
    assert people.get("بلاتر") == "جوزيف بلاتر"
    assert not any(m.text == "وينغ" for m in _article(text).mentions)
    # the conjunction still comes off a place known only from the gazetteers
    assert "فانكوفر" in {
        m.text for m in _article("افتتحت الشركة فروعا في تورونتو وفانكوفر ومونتريال.").mentions
    }


@pytest.mark.parametrize("text", ["أردف بالقول إن الاجتماع كان مثمرا.", "واصفاً اللقاء بأنه بناء ومهم."])
def test_verbs_and_adverbials_are_not_people(text):
    assert not [m for m in _article(text).mentions if m.label == "PERSON"]


def test_undated_article_roles_take_the_event_date():
    text = "وقال وزير الخارجية السعودي فيصل بن فرحان إن المحادثات كانت بناءة."
    dated, undated = _article(text, "a", "2025-03-01"), _article(text, "b")
    entities = resolve_entities([dated, undated])
    person = next(e for e in entities if e.name == "فيصل بن فرحان")
    assert {r.date for r in person.roles} == {"2025-03-01", None}
    undated.event_id = "E1"
    event = Event(id="E1", label="", articles=["b"], date="2025-02-27")
    assert date_roles(entities, [dated, undated], [event]) == 1
    assert [r.date for r in person.roles] == ["2025-02-27", "2025-03-01"]


def test_variants_show_the_article_cut_by_the_preposition():
    a = _article("وصل الوفد إلى الرياض. وأكد دعم الاتفاق للسعودية ودعم السعودية له.", "a")
    saudi = next(e for e in resolve_entities([a]) if e.name == "السعودية")
    assert "لسعودية" not in saudi.variants


def test_a_listed_country_is_a_place_whatever_the_crf_calls_it():
    from marsad.entities.tagger import _listed_country

    toks = scan("أعلنت المملكة العربية السعودية وشركة أرامكو")
    assert _listed_country(toks, 1, 4)
    assert not _listed_country(toks, 4, 6)


def test_document_features_tell_a_bare_surname_what_the_article_called_it():
    sentences = [["قال", "باراك", "أوباما", "إن"], ["وأكد", "وأوباما", "."], ["غادر", "الوفد"]]
    first = [["O", "B-PERS", "I-PERS", "O"], ["O", "O", "O"], ["O", "O"]]
    feats = doc_features(sentences, first)
    assert "d:last=PERS" in feats[1][1]  # the bare "وأوباما": seen as the end of a person's name
    assert "d:one=PERS" not in feats[0][2] and feats[0][2]  # and the full name sees the bare one, untagged
    assert feats[2] == [[], []]  # words never tagged in the document get nothing


def test_second_pass_scorer_gives_crfsuite_labels():
    second = doc_scorer()
    assert second is not None
    assert model_path().stat().st_size + model_path(DOC_MODEL).stat().st_size <= 20 * 1024 * 1024
    reference = pycrfsuite.Tagger()
    reference.open(str(model_path(DOC_MODEL)))
    sentences = []
    for text in TEXTS:
        words = [text[t.start : t.end] for t in scan(text)]
        sentences += [words[a:b] for a, b in split_sequences(words)]
    extra = doc_features(sentences, scorer().tag(sentences))
    ours = second.tag(sentences, extra)
    for words, doc, labels in zip(sentences, extra, ours, strict=True):
        rows = [r + d for r, d in zip(sentence_features(words), doc, strict=True)]
        assert labels == reference.tag(rows), words


def test_phrase_features_mark_multiword_names_whole():
    """A multi-word gazetteer name marks its first word B and the rest I, also behind a proclitic;
    single words and partial names get nothing."""
    words = "وصل الوفد إلى المملكة العربية السعودية ثم والأمم المتحدة ثم العربية".split()
    attrs = phrase_features(words)
    assert attrs[1] == [] and attrs[2] == []
    assert attrs[3] and all(a.startswith("ph=B-") for a in attrs[3])
    assert attrs[4] and all(a.startswith("ph=I-") for a in attrs[4] + attrs[5])
    assert any(a.startswith("ph=B-") and "ORG" in a for a in attrs[7]) and attrs[8]
    assert attrs[-1] == []  # "العربية" alone is no name


def test_numpy_tagger_setting_gives_the_same_mentions_without_loading_numba(tmp_path):
    """EntitySettings(compiled_tagger=False) is for a watcher short of memory: numba (~150 MB per
    process) is never imported, and the mentions are those of the compiled loops."""
    import json
    import subprocess
    import sys

    script = tmp_path / "tag.py"
    script.write_text(
        "import json, sys\n"
        "from marsad.entities.extract import find_names\n"
        "from marsad.entities.settings import EntitySettings\n"
        "flag = sys.argv[1] == 'on'\n"
        f"texts = {TEXTS!r}\n"
        "spans = [[(f.i, f.j, f.label) for f in find_names(t, EntitySettings(compiled_tagger=flag))[1]]"
        " for t in texts]\n"
        "print(json.dumps({'spans': spans, 'numba': 'numba' in sys.modules}))\n",
        encoding="utf-8",
    )

    def run(flag: str) -> dict:
        done = subprocess.run([sys.executable, str(script), flag], capture_output=True, text=True, check=True)
        return json.loads(done.stdout)

    off, on = run("off"), run("on")
    assert not off["numba"] and on["numba"]
    assert off["spans"] == on["spans"]
    assert any(spans for spans in on["spans"])


def test_numpy_tagger_setting_does_not_change_the_corpus_state_fingerprint():
    """Choosing the numpy twins changes no result, so a store's corpus state stays valid."""
    from marsad.cluster.settings import ClusterSettings
    from marsad.dedup import DedupSettings
    from marsad.entities.settings import EntitySettings
    from marsad.incremental import code_fingerprint

    parts = (DedupSettings(), ClusterSettings())
    assert code_fingerprint(EntitySettings(), *parts) == code_fingerprint(
        EntitySettings(compiled_tagger=False), *parts
    )
    assert code_fingerprint(EntitySettings(), *parts) != code_fingerprint(
        EntitySettings(tagger_two_pass=True), *parts
    )


def test_self_training_keeps_only_confident_sentences_with_names():
    """Self-training input (train.pseudo_labelled): sentences the model tags with a name, the
    most probable first, as many as asked; none above certainty."""
    from marsad.entities.train import pseudo_labelled

    sentences = _sentences() + [["ذهب", "الولد", "إلى", "المدرسة", "."]]
    kept = pseudo_labelled(str(model_path()), sentences, 0.0, 100)
    reference = pycrfsuite.Tagger()
    reference.open(str(model_path()))
    assert kept and all(any(t != "O" for t in labels) for _, labels in kept)
    assert all(labels == reference.tag(sentence_features(words)) for words, labels in kept)
    probs = []
    for words, labels in kept:
        reference.set(sentence_features(words))
        probs.append(reference.probability(labels))
    assert probs == sorted(probs, reverse=True)
    assert pseudo_labelled(str(model_path()), sentences, 0.0, 2) == kept[:2]
    assert pseudo_labelled(str(model_path()), sentences, 1.01, 100) == []
