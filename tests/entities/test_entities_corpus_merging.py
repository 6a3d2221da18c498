"""Corpus-level merging must not chain different organisations through a shared head word,
and pious formulae are not people — both seen on SaudiNewsNet at full scale."""

from __future__ import annotations

from marsad.analyze import split_article
from marsad.entities import EntitySettings, extract_mentions, resolve_entities
from marsad.model import Article


def article(aid: str, body: str, settings: EntitySettings | None = None) -> Article:
    a = Article(id=aid, origin=f"{aid}.txt", outlet="x", url=None, title=None, body=body)
    return extract_mentions(split_article(a), settings)


def entity_names(entities, label):
    return sorted(e.name for e in entities if e.label == label)


def test_governments_of_different_countries_stay_apart_and_spelling_variants_merge():
    # national bodies ("الحكومة اليمنية", "وزارة الخارجية السعودية") are ORG only with
    # EntitySettings(fill_national_bodies=True): off by default, as it cost F1 on the training folds
    # (ANERcorp and AQMAR do not mark them; tune_entities.py --rules)
    bodies = EntitySettings(fill_national_bodies=True)
    arts = [
        article("a1", "وأعلنت الحكومة اليمنية أمس عن خطة لإعادة الإعمار في عدن.", bodies),
        article("a2", "ورحبت الحكومة الأردنية بالاتفاق الموقع بين الأطراف.", bodies),
        article("a6", "واتهمت الحكومة الإيرانية جهات خارجية بالتدخل.", bodies),
        article("a7", "وقالت الحكومة الألمانية إنها تدرس الطلب، فيما رفضته الحكومة اللبنانية.", bodies),
        article("a3", "وقال الاتحاد الأوروبي إنه سيقدم مساعدات إنسانية عاجلة.", bodies),
        article("a4", "وأكد الاتحاد الأوربي دعمه للحل السياسي في البلاد.", bodies),
        article("a5", "وتذكر المؤرخون انهيار الاتحاد السوفياتي في نهاية القرن.", bodies),
    ]
    entities = resolve_entities(arts)
    orgs = [e for e in entities if e.label == "ORG"]
    by_variant = {v: e.id for e in orgs for v in e.variants + [e.name]}
    assert by_variant["الحكومة اليمنية"] != by_variant["الحكومة الأردنية"]
    # one letter apart in the spelling-tolerant skeleton, but different countries
    assert by_variant["الحكومة الأردنية"] != by_variant["الحكومة الإيرانية"]
    assert by_variant["الحكومة الألمانية"] != by_variant["الحكومة اللبنانية"]
    assert by_variant["الاتحاد الأوروبي"] == by_variant["الاتحاد الأوربي"]
    # ANERcorp tags the Soviet Union a place (LOC), the rules an organisation: either way, not the EU
    (soviet,) = [e.id for e in entities if "الاتحاد السوفياتي" in e.variants + [e.name]]
    assert soviet != by_variant["الاتحاد الأوروبي"]


def test_a_blessing_after_a_name_is_not_a_person():
    a = article(
        "b1",
        "واستقبل خادم الحرمين الشريفين الملك سلمان بن عبدالعزيز حفظه الله وفد الجامعة، وقال يرحمه الله إن التاريخ سيذكر ذلك.",
    )
    persons = [m.text for m in a.mentions if m.label == "PERSON"]
    assert not any("الله" in p.split()[-1:] and len(p.split()) <= 2 for p in persons), persons
    assert any("سلمان" in p for p in persons)
