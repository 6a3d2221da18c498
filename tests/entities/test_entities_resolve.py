"""Corpus resolution: spelling variants merge, namesakes stay apart, order never matters."""

from __future__ import annotations

import random

from marsad.arabic import split_sentences
from marsad.entities import EntitySettings, extract_mentions, resolve_entities
from marsad.model import Article, Published, Sentence


def article(
    aid: str, text: str, published: str | None = None, settings: EntitySettings | None = None
) -> Article:
    a = Article(id=aid, origin="test", outlet=None, url=None, title=None, body=text)
    a.sentences = [Sentence(k, s, e, text[s:e], 0) for k, (s, e) in enumerate(split_sentences(text))]
    a.published = Published(published, "metadata") if published else None
    return extract_mentions(a, settings)


CORPUS = [
    (
        "a1",
        "قال قائد مجموعة فاغنر يفغيني بريغوجين إن قواته انسحبت. وأضاف بريغوجين أن الاتفاق صامد.",
        "2023-06-24",
    ),
    ("a2", "وأعلن رئيس مجموعة فاغنر يفجيني بريجوجين مغادرته إلى بيلاروسيا.", "2023-06-25"),
    ("a3", "استقبل ولي العهد السعودي الأمير محمد بن سلمان بن عبدالعزيز الوفد في جدة.", "2023-05-10"),
    (
        "a4",
        "وبحث رئيس مجلس الوزراء السعودي محمد بن سلمان مع الضيف العلاقات الثنائية في الرياض.",
        "2024-03-01",
    ),
    ("a5", "وشارك الأمير خالد الفيصل في الحفل، كما حضر الأمير تركي الفيصل الندوة في الرياض.", "2024-01-01"),
    (
        "a6",
        "وقالت الخارجية السعودية في بيان إن الرياض ترحب بالاتفاق، بحسب وكالة الأنباء السعودية.",
        "2024-02-01",
    ),
    ("a7", "وأعلنت وزارة الخارجية السعودية ترحيبها، وفق ما نقلته واس.", "2024-02-02"),
]


def resolved(order=None, settings=None):
    rows = CORPUS if order is None else [CORPUS[k] for k in order]
    articles = [article(*row, settings=settings) for row in rows]
    return articles, resolve_entities(articles)


def find(entities, label, surface):
    return [e for e in entities if e.label == label and (e.name == surface or surface in e.variants)]


def test_transliteration_variants_are_one_person():
    _, entities = resolved()
    (wagner,) = find(entities, "PERSON", "يفغيني بريغوجين")
    assert find(entities, "PERSON", "يفجيني بريجوجين") == [wagner]
    assert wagner.articles == ["a1", "a2"] and wagner.mention_count == 3


def test_longer_full_name_joins_the_short_full_name():
    _, entities = resolved()
    (mbs,) = find(entities, "PERSON", "محمد بن سلمان")
    assert find(entities, "PERSON", "محمد بن سلمان بن عبدالعزيز") == [mbs]


def test_namesakes_sharing_a_family_name_stay_apart():
    _, entities = resolved()
    khalid = find(entities, "PERSON", "خالد الفيصل")
    turki = find(entities, "PERSON", "تركي الفيصل")
    assert len(khalid) == len(turki) == 1 and khalid != turki


def test_role_history_is_dated_and_ordered():
    _, entities = resolved()
    (mbs,) = find(entities, "PERSON", "محمد بن سلمان")
    assert [(r.date, r.article_id, r.role) for r in mbs.roles] == [
        ("2023-05-10", "a3", "ولي العهد السعودي"),
        ("2024-03-01", "a4", "رئيس مجلس الوزراء السعودي"),
    ]


def test_ministry_ellipsis_and_agency_alias_merge():
    # national bodies ("الحكومة اليمنية", "وزارة الخارجية السعودية") are ORG only with
    # EntitySettings(fill_national_bodies=True): off by default, as it cost F1 on the training folds
    # (ANERcorp and AQMAR do not mark them; tune_entities.py --rules)
    articles, entities = resolved(settings=EntitySettings(fill_national_bodies=True))
    (ministry,) = find(entities, "ORG", "وزارة الخارجية السعودية")
    assert "الخارجية السعودية" in ministry.variants and ministry.articles == ["a6", "a7"]
    (agency,) = find(entities, "ORG", "وكالة الأنباء السعودية")
    assert "واس" in agency.variants and agency.is_source
    ids = {e.id for e in entities}
    assert all(m.entity_id in ids for a in articles for m in a.mentions)


def test_same_articles_in_any_order_give_the_same_entities():
    def snapshot(entities):
        return sorted(
            (e.id, e.name, tuple(e.variants), tuple(e.articles), tuple(e.roles), e.mention_count)
            for e in entities
        )

    _, base = resolved()
    rng = random.Random(7)
    for _ in range(3):
        order = list(range(len(CORPUS)))
        rng.shuffle(order)
        _, again = resolved(order)
        assert snapshot(again) == snapshot(base)


def test_ids_are_stable_and_typed():
    _, entities = resolved()
    for e in entities:
        assert e.id.startswith({"PERSON": "P-", "ORG": "O-", "LOC": "L-"}[e.label])
    assert len({e.id for e in entities}) == len(entities)


def test_one_vowel_letter_keeps_two_arabic_names_apart():
    articles = [
        article("b1", "وقال الشيخ حسن العلي إن الاجتماع ناجح.", "2024-01-01"),
        article("b2", "وقال الشيخ حسين العلي إن الاجتماع ناجح.", "2024-01-02"),
        article("b3", "وقال المتحدث دميتري بيسكوف إن الكرملين يرحب.", "2024-01-03"),
        article("b4", "وقال المتحدث ديمتري بيسكوف إن الكرملين يرحب.", "2024-01-04"),
        article("b5", "وحضر الأمير سلمان الراشد الحفل.", "2024-01-05"),
        article("b6", "وحضر الأمير سليمان الراشد الحفل.", "2024-01-06"),
    ]
    entities = resolve_entities(articles)
    assert len(find(entities, "PERSON", "حسن العلي")) == 1
    assert find(entities, "PERSON", "حسن العلي") != find(entities, "PERSON", "حسين العلي")
    assert find(entities, "PERSON", "سلمان الراشد") != find(entities, "PERSON", "سليمان الراشد")
    assert find(entities, "PERSON", "دميتري بيسكوف") == find(entities, "PERSON", "ديمتري بيسكوف")


def test_a_name_with_its_family_and_spellings_of_the_same_words_are_one_person():
    arts = [
        article("b1", "وقال خادم الحرمين الشريفين الملك سلمان بن عبدالعزيز إن المملكة ماضية."),
        article("b2", "واستقبل الملك سلمان بن عبدالعزيز آل سعود الوفد في الرياض."),
        article("b3", "وأسس الملك عبد العزيز الدولة، وقاد الملك عبدالعزيز توحيدها."),
    ]
    entities = resolve_entities(arts)
    (salman,) = find(entities, "PERSON", "سلمان بن عبدالعزيز")
    assert find(entities, "PERSON", "سلمان بن عبدالعزيز آل سعود") == [salman]
    founder = [
        e for e in entities if e.label == "PERSON" and {"عبد العزيز", "عبدالعزيز"} & {e.name, *e.variants}
    ]
    assert len(founder) == 1


def test_an_arabic_definite_name_is_spelt_one_way():
    # transliteration letters swap in foreign names (سيرغي/سيرجي), not in Arabic ones: the Seine is not China
    ms = [
        article("s1", "وزار الوفد الصين الأسبوع الماضي."),
        article("s2", "وتجول الزوار على ضفاف نهر السين في باريس، قرب السين."),
    ]
    china = [e for e in resolve_entities(ms) if e.name == "الصين"]
    assert china and not any("السين" in v for e in china for v in e.variants)
