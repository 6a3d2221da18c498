"""Exact and near-duplicate detection."""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from marsad.dedup import DedupSettings, find_duplicates
from marsad.model import Article, Published

WIRE = (
    "أعلنت وزارة الصحة السعودية اليوم تسجيل انخفاض في عدد الإصابات الجديدة بفيروس كورونا "
    "في مختلف مناطق المملكة، مؤكدة أن الفرق الطبية تواصل متابعة الحالات في المستشفيات "
    "وأن حملة التطعيم ستتوسع الأسبوع المقبل لتشمل جميع المحافظات والمراكز الصحية الأولية."
)
OTHER = (
    "افتتح أمير منطقة الرياض معرض الكتاب الدولي في دورته الجديدة بمشاركة أكثر من خمسمائة "
    "دار نشر عربية وأجنبية، ويستمر المعرض عشرة أيام تقام خلالها ندوات وأمسيات شعرية متعددة."
)


def article(aid: str, body: str, published: str | None = "2015-08-01") -> Article:
    return Article(aid, "t", "o", None, None, body, published=Published(published, "metadata"))


def test_exact_copies_collapse_despite_diacritics_and_spacing() -> None:
    copy = WIRE.replace("وزارة", "وزارةُ").replace(" ", "  ", 3)
    arts = [article("b", WIRE), article("a", copy, "2015-08-02"), article("c", OTHER)]
    groups = find_duplicates(arts)
    assert len(groups) == 1 and groups[0].kind == "exact"
    assert groups[0].canonical == "b"  # earliest published wins over the smaller id
    assert {a.id: a.duplicate_of for a in arts} == {"b": None, "a": "b", "c": None}


def test_near_copy_with_an_added_dateline_is_grouped_and_the_longest_is_canonical() -> None:
    near = "الرياض - واس: " + WIRE + " وأضافت الوزارة أن الوضع مطمئن."
    arts = [article("x", WIRE), article("y", near)]
    groups = find_duplicates(arts)
    assert [(g.kind, g.canonical, g.members) for g in groups] == [("near", "y", ["y", "x"])]


def test_different_articles_and_short_bodies_are_not_near_duplicates() -> None:
    arts = [article("1", WIRE), article("2", OTHER), article("3", "عاجل"), article("4", "خبر")]
    assert find_duplicates(arts) == []


def test_settings_are_validated() -> None:
    try:
        DedupSettings(threshold=1.5)
    except ValueError as exc:
        assert "threshold" in str(exc)
    else:
        raise AssertionError("threshold 1.5 accepted")


@settings(max_examples=15, deadline=None)
@given(st.randoms(use_true_random=False))
def test_groups_do_not_depend_on_input_order(rng: random.Random) -> None:
    bodies = [WIRE, WIRE, "الرياض - واس: " + WIRE, OTHER, OTHER + " انتهى."]
    arts = [article(f"id{i}", b, f"2015-08-0{1 + i % 3}") for i, b in enumerate(bodies)]
    reference = [(g.canonical, g.members, g.kind) for g in find_duplicates(list(arts))]
    rng.shuffle(arts)
    assert [(g.canonical, g.members, g.kind) for g in find_duplicates(arts)] == reference


def test_empty_or_one_line_bodies_are_copies_only_under_the_same_title() -> None:
    # Two cables printed as headlines over empty bodies are two reports, not one copy.
    def headline(aid: str, title: str, outlet: str) -> Article:
        return Article(aid, "t", outlet, None, title, "", published=Published("2015-08-03", "metadata"))

    arts = [
        headline("j", "خادم الحرمين يهنئ حاكم جامايكا بالاستقلال", "o"),
        headline("n", "خادم الحرمين يهنئ رئيس النيجر بالاستقلال", "o"),
        headline("n2", "خادم الحرمين يهنئ رئيس النيجر بالاستقلال", "p"),
    ]
    groups = find_duplicates(arts)
    assert {a.id: a.duplicate_of for a in arts} == {"j": None, "n": None, "n2": "n"}
    assert len(groups) == 1
