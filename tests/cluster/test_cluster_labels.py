"""Event and story names read like headlines: site names and desk labels out, kept short."""

from cluster_articles import football_article, make_article, syria_russia_articles

from marsad.cluster import EventClusterer, cluster_events, cluster_stories
from marsad.cluster.headlines import clean_headline, shorten
from marsad.model import Mention


def test_headlines_lose_desk_labels_part_markers_sites_and_attributions() -> None:
    assert (
        clean_headline("اقتصادي / الأسهم السعودية تسجل تراجعاً بـ 76 نقطة")
        == "الأسهم السعودية تسجل تراجعاً بـ 76 نقطة"
    )
    assert clean_headline("تقرير / مهرجان الصيف يجذب زواره / إضافة أولى واخيرة") == "مهرجان الصيف يجذب زواره"
    assert (
        clean_headline("إحالة 41 متهما بالإرهاب للقضاء بالإمارات - فيديو")
        == "إحالة 41 متهما بالإرهاب للقضاء بالإمارات"
    )
    assert clean_headline("عسيري لـ «الرياض»: أعمالنا معلنة") == "عسيري: أعمالنا معلنة"
    # a dash inside the headline, or a short one, is part of it
    assert clean_headline("لقاء روسي - سعودي - أميركي في الدوحة") == "لقاء روسي - سعودي - أميركي في الدوحة"
    assert clean_headline("الهلال - النصر") == "الهلال - النصر"


def test_shorten_cuts_at_a_clause_break_or_a_word() -> None:
    text = "العند محررة بالسهم الذهبي.. وفرار جماعي لقادة التمرد والمخلوع من لحج"
    assert shorten(text, 50) == "العند محررة بالسهم الذهبي"
    assert shorten("كلمة " * 20, 30).endswith("…") and len(shorten("كلمة " * 20, 30)) <= 31


def test_event_is_named_by_a_member_headline_without_the_site() -> None:
    a = make_article(
        "a",
        "الشيباني يلتقي بوتين في موسكو - فيديو",
        ["التقى وزير الخارجية السوري الشيباني الرئيس الروسي بوتين في موسكو يوم 31 تموز."],
        dates={"31 تموز": "2025-07-31"},
    )
    b = make_article(
        "b",
        "بوتين يلتقي الشيباني في موسكو",
        ["التقى الرئيس الروسي بوتين وزير الخارجية السوري الشيباني في موسكو يوم 31 تموز."],
        dates={"31 تموز": "2025-07-31"},
        outlet="other",
    )
    (event,) = cluster_events([a, b])
    assert event.label in {"الشيباني يلتقي بوتين في موسكو", "بوتين يلتقي الشيباني في موسكو"}


def test_story_label_is_a_headline_of_its_events_not_a_keyword_list() -> None:
    articles = syria_russia_articles() + [football_article()]
    events = cluster_events(articles)
    stories = cluster_stories(events, articles)
    labels = {e.label for e in events}
    for story in stories:
        assert story.label in labels or story.label.rstrip("…") in " ".join(labels)
        assert " · " not in story.label


def test_title_only_reports_cluster_by_their_titles() -> None:
    """A wire flash with a headline and a one-line body joins the full reports of its event."""
    full = [
        make_article(
            f"full{i}",
            "خادم الحرمين يهنئ رئيس النيجر بذكرى استقلال بلاده",
            [
                "بعث خادم الحرمين الشريفين برقية تهنئة لرئيس جمهورية النيجر بمناسبة ذكرى استقلال بلاده.",
                "وأعرب عن أطيب التهاني وأصدق التمنيات بالصحة والسعادة ولشعب النيجر المزيد من التقدم.",
            ],
            published="2015-08-03",
            outlet=f"o{i}",
        )
        for i in range(2)
    ]
    flash = make_article(
        "flash", "الملك يهنئ رئيس النيجر بذكرى الاستقلال", ["برقية."], published="2015-08-03", outlet="o9"
    )
    other = make_article(
        "other",
        "الهلال يتعاقد مع مدافع برازيلي",
        ["أعلن نادي الهلال التعاقد مع مدافع برازيلي لمدة ثلاثة مواسم."],
        published="2015-08-03",
        outlet="o9",
    )
    clusterer = EventClusterer()
    clusterer.add(full + [flash, other])
    by_article = {a: e.id for e in clusterer.events for a in e.articles}
    assert by_article["flash"] == by_article["full0"] == by_article["full1"]
    assert by_article["other"] != by_article["full0"]


def test_a_headline_over_an_empty_body_is_told_apart_by_the_names_other_reports_use() -> None:
    """Cables to two countries under the same template: the reports without a body get
    their headline's names from the reports that have one, so the two stay two events."""
    body = "بعث ولي العهد برقية تهنئة الى رئيس {c} بمناسبة ذكرى استقلال بلاده اليوم."
    arts = []
    for country, eid in (("جامايكا", "L_jam"), ("النيجر", "L_nig")):
        full = make_article(
            f"{eid}_1",
            f"ولي العهد يهنئ رئيس {country} بذكرى الاستقلال",
            [body.format(c=country)],
            published="2015-08-03",
        )
        full.mentions.append(
            Mention(
                country,
                full.body.find(country),
                full.body.find(country) + len(country),
                "LOC",
                0,
                country,
                eid,
            )
        )
        empty = make_article(
            f"{eid}_2", f"ولي العهد يهنئ رئيس {country} بالاستقلال", [""], published="2015-08-03"
        )
        empty.body, empty.sentences, empty.mentions = "", [], []
        arts += [full, empty]
    events = cluster_events(arts)
    assert sorted(sorted(e.articles) for e in events) == [["L_jam_1", "L_jam_2"], ["L_nig_1", "L_nig_2"]]
