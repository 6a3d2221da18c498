"""A bare family name in the incremental resolver: it joins the person it mostly means once
later batches give that person the weight, as the batch resolver decides over the corpus."""

from __future__ import annotations

from marsad.entities import EntitySettings, resolve_entities
from marsad.incremental import EntityIndex
from marsad.model import Article, Mention


def _article(aid: str, *names: str) -> Article:
    a = Article(id=aid, origin="test", outlet=None, url=None, title=None, body=" ".join(names))
    a.mentions = [Mention(n, 0, len(n), "PERSON", canonical=n) for n in names]
    return a


# day 1: the bare name beside a stray span of the same family (a verb taken into the name)
DAY1 = [_article("d1-a", "باراك أوباما", "أوباما"), _article("d1-b", "ودان أوباما", "أوباما")]
# later days: the president's full name again and again
LATER = [_article(f"d2-{k}", "باراك أوباما") for k in range(6)]


def _person_of(articles: list[Article], name: str) -> str | None:
    return next(m.entity_id for a in articles for m in a.mentions if m.text == name)


def test_a_bare_family_name_joins_the_person_later_days_make_it_mean():
    index = EntityIndex(EntitySettings())
    index.add(DAY1)
    # 1 of 2 full mentions: no one person is meant yet
    assert index.resolve(_person_of(DAY1, "أوباما")) != index.resolve(_person_of(DAY1, "باراك أوباما"))
    touched, merged = index.add(LATER)
    assert index.resolve(_person_of(DAY1, "أوباما")) == index.resolve(_person_of(LATER, "باراك أوباما"))
    assert merged  # the other id redirects to the kept one
    assert index.resolve(_person_of(DAY1, "ودان أوباما")) != index.resolve(_person_of(DAY1, "أوباما"))
    assert not set(merged) & touched


def test_the_batch_resolver_agrees_over_the_same_articles():
    articles = [_article(a.id, *(m.text for m in a.mentions)) for a in DAY1 + LATER]
    resolve_entities(articles)
    assert _person_of(articles, "أوباما") == _person_of(articles, "باراك أوباما")


def test_a_bare_name_with_two_people_of_that_family_stays_apart():
    index = EntityIndex(EntitySettings())
    days = [_article("a", "بشار الأسد", "الأسد"), _article("b", "حافظ الأسد")]
    index.add(days)
    index.add([_article("c", "حافظ الأسد"), _article("d", "بشار الأسد")])
    assert index.resolve(_person_of(days, "الأسد")) not in {
        index.resolve(_person_of(days, "بشار الأسد")),
        index.resolve(_person_of(days, "حافظ الأسد")),
    }
