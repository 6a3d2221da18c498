"""End-to-end smoke test on the five seed articles against gold.json (hand annotation)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from marsad.arabic import normalize, split_sentences
from marsad.entities import extract_mentions, resolve_entities
from marsad.entities.corpora import corpus_root
from marsad.model import Article, Published, Sentence

SEEDS = corpus_root() / "seeds"
TITLES = ("الرئيس ", "الوزير ", "اللواء ")

pytestmark = pytest.mark.skipif(not (SEEDS / "gold.json").exists(), reason="shared corpus not present")


def _article(path: Path, published: str | None = None) -> Article:
    text = path.read_text(encoding="utf-8")
    article = Article(id=path.stem, origin=str(path), outlet=None, url=None, title=None, body=text)
    article.sentences = [Sentence(k, s, e, text[s:e], 0) for k, (s, e) in enumerate(split_sentences(text))]
    article.published = Published(published, "metadata") if published else None
    return extract_mentions(article)


@pytest.fixture(scope="module")
def resolved():
    articles = [_article(p, f"2025-0{k + 1}-01") for k, p in enumerate(sorted(SEEDS.glob("*.txt")))]
    return articles, resolve_entities(articles)


@pytest.fixture(scope="module")
def gold():
    return json.loads((SEEDS / "gold.json").read_text(encoding="utf-8"))["entities"]


def _entity_of(entities, label, surface):
    """The entity one of whose names or variants is ``surface`` (titles stripped)."""
    for title in TITLES:
        surface = surface.removeprefix(title)
    want = normalize(surface)
    hits = [e for e in entities if e.label == label and want in {normalize(v) for v in [e.name, *e.variants]}]
    return hits


def test_every_person_has_its_gold_name_variants_and_roles(resolved, gold):
    _, entities = resolved
    for person in gold["PERSON"]:
        hits = _entity_of(entities, "PERSON", person["name"])
        assert len(hits) == 1, person["name"]
        entity = hits[0]
        assert normalize(entity.name) == normalize(person["name"])
        for variant in person["variants"]:
            assert _entity_of(entities, "PERSON", variant) == [entity], variant
        stated = {normalize(r.role) for r in entity.roles}
        for role in person["roles"]:
            assert normalize(role) in stated, (person["name"], role)


def test_no_person_is_split(resolved, gold):
    _, entities = resolved
    for person in gold["PERSON"]:
        surname = normalize(person["name"]).split()[-1]
        same = [e for e in entities if e.label == "PERSON" and normalize(e.name).split()[-1] == surname]
        assert len(same) == 1, [e.name for e in same]


@pytest.mark.parametrize("label", ["ORG", "LOC"])
def test_org_and_loc_recall(resolved, gold, label):
    _, entities = resolved
    entries = gold[label]
    found = sum(1 for entry in entries if _entity_of(entities, label, entry["name"]))
    # ORG 5/7: "وزارة الخارجية السورية" and "مديرية المخابرات العامة" are head-built bodies the
    # CRF does not tag; filling its gaps with head-built organisations (every
    # one, or those ending in a nationality) finds them but costs F1 on the training folds (ANERcorp
    # and AQMAR leave them untagged: tune_entities.py --rules), so only listed organisations and
    # outlets fill
    assert found / len(entries) >= 0.7


def test_org_and_loc_variants_merge(resolved, gold):
    """A variant is never a separate entity; many variants are seen and merged. Some gold variants
    only occur inside a longer form ("قاعدة حميميم" in "قاعدة حميميم الجوية"), and head forms
    ("قصر الكرملين", "قاعدة طرطوس البحرية") are not spans in ANERcorp or AQMAR: the CRF tags the
    core name, which is the entity's name, and the head rules fill its gaps only where that
    measured better (0.02 lower on AQMAR dev with every place head)."""
    _, entities = resolved
    seen = total = 0
    for label in ("ORG", "LOC"):
        for entry in gold[label]:
            hits = _entity_of(entities, label, entry["name"])
            for variant in entry["variants"] if hits else []:
                merged = _entity_of(entities, label, variant)
                assert merged in ([], hits), variant
                seen, total = seen + bool(merged), total + 1
    assert seen >= total * 0.4


def test_outlets_cited_as_sources(resolved):
    _, entities = resolved
    for name in ("سانا", "رويترز", "العين"):
        (entity,) = _entity_of(entities, "ORG", name)
        assert entity.is_source, name


def test_every_mention_gets_an_entity_and_roles_carry_dates(resolved):
    articles, entities = resolved
    ids = {e.id for e in entities}
    assert all(m.entity_id in ids for a in articles for m in a.mentions)
    roles = [r for e in entities for r in e.roles]
    assert roles and all(r.date and r.date.startswith("2025-0") for r in roles)
