"""The outlet registry, the search query language and its ranking, and the people-facing disputes."""

from __future__ import annotations

import re

import pytest
from web_corpus import SNN

from marsad.model import Article, Published
from marsad.outlets import KINDS, registry, resolve
from marsad.store import SearchQuery, SQLiteStore
from marsad.store.query import build_query, highlight_spans, parse_query
from marsad.web.disputes import describe, number_topic
from marsad.web.i18n import format_range

# ---------------------------------------------------------------- registry


def snn_codes() -> list[str]:
    readme = SNN.parent / "README.md"
    if not readme.exists():
        pytest.skip("the SaudiNewsNet corpus is not here")
    return re.findall(r"^\s*\|\s*([0-9a-z]+)\s*\|\s*\[", readme.read_text(encoding="utf-8"), re.M)


def test_every_saudinewsnet_source_has_an_arabic_name_country_and_kind():
    codes = snn_codes()
    assert len(codes) == 14
    for code in codes:
        o = resolve(code)
        assert o.known, code
        assert re.search(r"[\u0600-\u06ff]", o.name_ar), code
        assert o.country == "SA" and o.kind in KINDS
    assert resolve("was").kind == "state_agency" and resolve("was").name_ar == "واس"
    assert resolve("aawsat").kind == "pan_arab"


@pytest.mark.parametrize(
    "raw, key",
    [
        ("alriyadh", "alriyadh"),
        ("www.alriyadh.com", "alriyadh"),
        ("http://m.aawsat.com/home/article/1", "aawsat"),
        ("https://arabic.rt.com/news", "rt"),
        ("واس", "was"),
        ("وكالة الأنباء السعودية", "was"),
        ("أ ف ب", "afp"),
        ("أ.ف.ب", "afp"),
        ("ا ف ب", "afp"),
        ("فرانس برس", "afp"),
        ("رويترز", "reuters"),
        ("و م ع", "map"),
        ("سانا", "sana"),
        ("بترا", "petra"),
        ("وام", "wam"),
        ("قنا", "qna"),
        ("كونا", "kuna"),
        ("صحيفة عكاظ", "okaz"),
        ("عين اليوم", "3alyoum"),
        ("Reuters", "reuters"),
    ],
)
def test_codes_domains_and_dateline_names_resolve_to_one_outlet(raw, key):
    assert resolve(raw).key == key


def test_unknown_outlets_are_shown_as_their_domain_or_as_written():
    assert resolve("https://www.example.org/a/b").name_ar == "example.org"
    assert resolve("جريدة الغد الجديد").name_ar == "جريدة الغد الجديد"
    assert not resolve(None).known and resolve(None).name_ar == "مصدر غير معروف"


def test_registry_rows_are_well_formed():
    reg = registry()
    for o in reg.by_key.values():
        assert o.kind in KINDS and o.country in reg.countries, o
        assert o.name_ar and o.name_en


# ---------------------------------------------------------------- query language


def words(term_clause):
    return [" ".join(t.words) for t in term_clause]


def test_parse_phrases_or_and_exclusions():
    p = parse_query('"وزير الخارجية" دمشق OR عمّان -موسكو -"الأمم المتحدة"')
    assert [words(c) for c in p.clauses] == [["وزير الخارجيه"], ["دمشق", "عمان"]]
    assert p.clauses[0][0].phrase
    assert [" ".join(t.words) for t in p.excluded] == ["موسكو", "الامم المتحده"]
    assert [words(c) for c in parse_query("«وزير الخارجية»").clauses] == [["وزير الخارجيه"]]
    assert parse_query("-موسكو").empty and parse_query('""').empty and parse_query("؟!").empty
    assert [words(c) for c in parse_query("a|b c").clauses] == [["a", "b"], ["c"]]


def test_highlight_marks_exact_clitic_and_phrase_forms():
    text = "التقى والشيباني بوزير الخارجية في عمّان"
    spans = highlight_spans(text, parse_query('الشيباني "وزير الخارجية"'))
    assert [text[s:e] for s, e in spans] == ["والشيباني"]  # "بوزير" is not the phrase "وزير الخارجية"
    spans = highlight_spans(text, parse_query('الشيباني "بوزير الخارجية"'))
    assert [text[s:e] for s, e in spans] == ["والشيباني", "بوزير الخارجية"]


def article(
    ident: str, body: str, outlet: str = "sana", date: str = "2025-07-31", title: str = ""
) -> Article:
    return Article(
        id=ident,
        origin=f"{ident}.txt",
        outlet=outlet,
        url=None,
        title=title or None,
        body=body,
        published=Published(date, "metadata"),
    )


@pytest.fixture
def store(tmp_path):
    s = SQLiteStore(tmp_path / "q.db")
    s.add_articles(
        [
            # stem-only matches of "الشيباني" (light stem شيب), several times each: bm25 alone ranks them high
            article("s1", "مرض الشيبة والشيبة المبكرة والشيبة في الشباب.", date="2025-08-03"),
            article("s2", "قرية الشيبي وأهل الشيبي وسوق الشيبي.", date="2025-08-02"),
            # the name itself, once, in a long article
            article(
                "n1", "في اجتماع طويل عن قضايا كثيرة ومتشعبة تحدث الشيباني عن العلاقات.", date="2025-07-01"
            ),
            article("n2", "وقال بالشيباني إن التعاون مستمر.", outlet="alriyadh", date="2025-07-02"),
            article(
                "m1", "وصل الشيباني إلى موسكو للقاء نظيره.", outlet="www.alriyadh.com", date="2025-07-03"
            ),
        ]
    )
    yield s
    s.close()


def ids(page):
    return [h.article_id for h in page.items]


def test_exact_and_clitic_forms_rank_above_stem_only_matches(store):
    found = store.search("الشيباني")
    assert set(ids(found)) == {"s1", "s2", "n1", "n2", "m1"}  # stems still find, for recall
    assert set(ids(found)[:3]) == {"n1", "n2", "m1"}
    assert [h.exact for h in found.items] == [True, True, True, False, False]
    assert store.search("الشيبانى").total == found.total  # alef maqsura, same results


def test_phrase_or_and_exclusion_in_the_store(store):
    assert ids(store.search('"موسكو الشيباني"')) == []  # not in that order
    assert ids(store.search('"الشيباني الى موسكو"')) == ["m1"]  # إلى written without hamza
    assert ids(store.search("«الشيباني إلى موسكو»")) == ["m1"]
    assert set(ids(store.search("موسكو OR التعاون"))) == {"m1", "n2"}
    assert set(ids(store.search("الشيباني -موسكو"))) == {"s1", "s2", "n1", "n2"}
    assert set(ids(store.search("الشيباني -الشيبة"))) == {"s2", "n1", "n2", "m1"}


def test_sort_by_date_and_filters_by_outlet_name(store):
    by_date = store.search(SearchQuery("الشيباني", sort="date"))
    assert ids(by_date) == ["s1", "s2", "m1", "n2", "n1"]
    # "الرياض" is the outlet alriyadh, however it was stored ("alriyadh", "www.alriyadh.com")
    assert set(ids(store.search(build_query(store, "الشيباني", outlet="الرياض")))) == {"n2", "m1"}
    with pytest.raises(ValueError):
        SearchQuery("x", sort="newest")  # type: ignore[arg-type]


def test_entity_filter_takes_a_name_or_a_variant(store):
    from marsad.model import Entity

    arts = list(store.iter_articles())
    store.replace_corpus(
        entities=[
            Entity(
                "P-9",
                "PERSON",
                "أسعد الشيباني",
                variants=["الشيباني", "أسعد حسن الشيباني"],
                articles=["n1", "m1"],
            )
        ],
        events=[],
        stories=[],
        duplicates=[],
        articles=arts,
    )
    for name in ("أسعد الشيباني", "اسعد الشيبانى", "أسعد حسن الشيباني", "P-9"):
        assert set(ids(store.search(build_query(store, "الشيباني", entity=name)))) == {"n1", "m1"}, name
    assert ids(store.search(build_query(store, "الشيباني", entity="لا أحد"))) == []


def test_hits_carry_highlight_offsets_into_their_snippet(store):
    (hit,) = store.search("موسكو").items
    assert [hit.snippet[s:e] for s, e in hit.highlights] == ["موسكو"]


# ---------------------------------------------------------------- disputes and dates for people


def test_disputes_are_named_quoted_and_never_show_ids():
    disagreements = [
        {
            "aspect": "number",
            "description": "Outlets give different figures for «قتيل»: 15 / 10",
            "claims": [
                {
                    "value": "15",
                    "outlets": ["alriyadh"],
                    "sources": [{"article_id": "a", "sentence": 0, "outlet": "alriyadh"}],
                },
                {
                    "value": "10",
                    "outlets": ["alwatan"],
                    "sources": [{"article_id": "b", "sentence": 2, "outlet": "alwatan"}],
                },
            ],
        },
        {
            "aspect": "place",
            "description": "Outlets give different place for the same fact: L-aaaaaaaaaa / L-bbbbbbbbbb",
            "claims": [
                {
                    "value": "L-aaaaaaaaaa",
                    "outlets": ["a"],
                    "sources": [{"article_id": "a", "sentence": 1, "outlet": None}],
                },
                {
                    "value": "L-bbbbbbbbbb, L-cccccccccc",
                    "outlets": ["was"],
                    "sources": [{"article_id": "b", "sentence": 1, "outlet": "was"}],
                },
            ],
        },
    ]
    sentences = {
        ("a", 0): "قتل 15 قتيلا في الهجوم.",
        ("b", 2): "أسفر الهجوم عن 10 قتلى.",
        ("a", 1): "وقع في أبها.",
        ("b", 1): "وقع في عسير.",
    }
    names = {"L-aaaaaaaaaa": "أبها", "L-bbbbbbbbbb": "عسير"}  # L-cccccccccc has no stored entity
    groups = describe(disagreements, lambda a, n: sentences.get((a, n)), names)
    assert [g["aspect"] for g in groups] == ["number", "place"]
    number = groups[0]["disputes"][0]
    assert number["topic_ar"] == "عدد القتلى"
    assert [c["values"][0]["text"] for c in number["claims"]] == ["15 قتيلا", "10 قتلى"]
    assert [c["outlets"][0]["name_ar"] for c in number["claims"]] == ["الرياض", "الوطن"]
    quote = number["claims"][0]["quotes"][0]
    s, e = quote["mark"]
    assert quote["text"][s:e] == "15 قتيلا"
    place = groups[1]["disputes"][0]
    shown = [v["text"] for c in place["claims"] for v in c["values"]]
    assert shown == ["أبها", "عسير"]  # names, never ids; an unknown id is left out
    # the article id standing in for a missing outlet becomes "unknown outlet"
    assert place["claims"][0]["outlets"][0]["name_ar"] == "مصدر غير معروف"
    assert number_topic("%") == ("النسبة", "the percentage")


def test_date_ranges_write_the_shared_month_and_year_once():
    assert format_range("2025-12-23", "2025-12-24", "ar") == ("23", "24 ديسمبر 2025")
    assert format_range("2025-11-30", "2025-12-02", "ar") == ("30 نوفمبر", "2 ديسمبر 2025")
    assert format_range("2024-12-31", "2025-01-01", "ar") == ("31 ديسمبر 2024", "1 يناير 2025")
    assert format_range("2025-12-23", "2025-12-23", "ar") is None
    assert format_range("2025-12", "2026-01", "ar") is None


def test_summary_dates_are_written_in_words_and_isolated():
    from marsad.web.pages import prose

    html = str(prose("2025-12-23/2025-12-24 — تدخل العلاقات <مرحلة> جديدة؛ 2025-07-31 — بدأت", "ar"))
    assert '<time datetime="2025-12-23">23</time>–<time datetime="2025-12-24">24 ديسمبر 2025</time>' in html
    assert '<time datetime="2025-07-31">31 يوليو 2025</time>' in html
    assert "&lt;مرحلة&gt;" in html and "2025-12" not in html.replace('datetime="2025-12', "")


def test_a_figure_keeps_the_noun_after_of():
    from marsad.web.disputes import _figure_in

    text = "استشهاد 10 من رجال الأمن في الهجوم"
    s, e = _figure_in(text, "10")
    assert text[s:e] == "10 من رجال"


def test_timeline_caps_same_day_lanes_and_never_cuts_a_word():
    import xml.etree.ElementTree as ET

    from marsad.model import Event, Story
    from marsad.web.timeline import MAX_LANES, render_timeline_svg

    label = "اجتماع وزراء الخارجية العرب في القاهرة لبحث تطورات الأوضاع الإقليمية"
    events = [Event(f"e{i}", f"{label} {i}", articles=["a"] * (i + 1), date="2025-12-23") for i in range(12)]
    svg = render_timeline_svg(Story("s", "قصة", [e.id for e in events]), events)
    root = ET.fromstring(svg)
    labels = [
        t.text or "" for t in root.iter("{http://www.w3.org/2000/svg}text") if t.get("class") == "tl-label"
    ]
    ys = {t.get("y") for t in root.iter("{http://www.w3.org/2000/svg}text") if t.get("class") == "tl-label"}
    assert 1 <= len(ys) <= MAX_LANES and len(labels) == len(ys)  # one label per lane, no 12-lane tower
    words = set(label.split())
    for text in labels:
        assert text.endswith("…")
        assert all(w in words for w in text.rstrip("…").split()), text  # whole words only
    assert len(list(root.iter("{http://www.w3.org/2000/svg}circle"))) == 12  # every event still a dot
