"""Event clustering on hand-built reports of three visits to Moscow (plus a football match)."""

from __future__ import annotations

import random

from cluster_articles import football_article, make_article, syria_russia_articles

from marsad.cluster import EventClusterer, cluster_events


def _memberships(events) -> set[frozenset[str]]:
    return {frozenset(e.articles) for e in events}


def test_one_event_per_visit_and_undated_reports_join_by_content() -> None:
    events = cluster_events(syria_russia_articles() + [football_article()])
    assert _memberships(events) == {
        frozenset({"a_july_dated", "b_july_undated"}),
        frozenset({"c_october_undated"}),
        frozenset({"d_december_dated", "e_december_undated"}),
        frozenset({"f_football"}),
    }


def test_event_dates_participants_outlets_and_article_links() -> None:
    articles = syria_russia_articles()
    events = {frozenset(e.articles): e for e in cluster_events(articles)}
    december = events[frozenset({"d_december_dated", "e_december_undated"})]
    assert december.date == "2025-12-23"
    assert set(december.participants[:3]) >= {"Q_abuqasra", "Q_shaibani"}
    assert december.place == "موسكو"
    assert december.outlets == ["asharq", "cnn"]
    by_id = {a.id: a for a in articles}
    assert by_id["e_december_undated"].event_id == december.id
    assert december.label  # a title of one of its reports
    assert december.label in {by_id[a].title for a in december.articles}


def test_background_sentence_is_a_mention_not_a_membership_and_dates_the_undated_event() -> None:
    articles = syria_russia_articles()
    events = {frozenset(e.articles): e for e in cluster_events(articles)}
    october = events[frozenset({"c_october_undated"})]
    # Nobody reporting it gives a date; two other reports recall it on 15 October, which
    # is a Wednesday as its own report says ("اليوم الأربعاء").
    assert october.date == "2025-10-15"
    assert set(october.mentioned_by) == {"a_july_dated", "d_december_dated"}
    by_id = {a.id: a for a in articles}
    assert by_id["a_july_dated"].mentioned_events == [october.id]
    assert by_id["a_july_dated"].event_id != october.id


def test_mentioned_day_on_the_wrong_weekday_does_not_date_an_event() -> None:
    articles = syria_russia_articles(october_weekday="الخميس")  # 15 October 2025 was a Wednesday
    events = {frozenset(e.articles): e for e in cluster_events(articles)}
    assert events[frozenset({"c_october_undated"})].date is None


def test_shuffled_input_gives_identical_events() -> None:
    reference = cluster_events(syria_russia_articles() + [football_article()])
    rng = random.Random(7)
    for _ in range(5):
        articles = syria_russia_articles() + [football_article()]
        rng.shuffle(articles)
        events = cluster_events(articles)
        assert [(e.id, e.articles, e.date, e.date_end, e.mentioned_by) for e in events] == [
            (e.id, e.articles, e.date, e.date_end, e.mentioned_by) for e in reference
        ]


def test_online_add_updates_events_in_place() -> None:
    articles = syria_russia_articles()
    clusterer = EventClusterer()
    clusterer.add([a for a in articles if a.id.startswith(("a_", "d_"))])
    july = next(e for e in clusterer.events if "a_july_dated" in e.articles)
    changed = clusterer.add([a for a in articles if not a.id.startswith(("a_", "d_"))])
    assert july in changed and july.articles == ["a_july_dated", "b_july_undated"]
    assert _memberships(clusterer.events) == _memberships(cluster_events(syria_russia_articles()))


def test_duplicate_joins_its_canonical_event_without_counting_twice() -> None:
    articles = syria_russia_articles()
    copy = make_article(
        "z_copy", articles[3].title or "", [s.text for s in articles[3].sentences], outlet="reprint"
    )
    copy.duplicate_of = "d_december_dated"
    events = cluster_events(articles + [copy])
    december = next(e for e in events if "d_december_dated" in e.articles)
    assert "z_copy" in december.articles and "reprint" in december.outlets


def test_dated_reports_of_alike_events_a_week_apart_stay_apart() -> None:
    first = make_article(
        "m1",
        "الهلال يتغلب على النصر في الرياض",
        ["فاز الهلال على النصر بهدفين مقابل هدف في مباراة الدوري في الرياض."],
        published="2025-11-01",
    )
    second = make_article(
        "m2",
        "الهلال يتغلب على النصر في الرياض",
        ["فاز الهلال على النصر بهدفين مقابل هدف في مباراة الكأس في الرياض."],
        published="2025-11-09",
    )
    assert len(cluster_events([first, second])) == 2


def test_event_place_prefers_the_city_over_a_repeated_country() -> None:
    report = make_article(
        "p1",
        "افتتاح معرض الكتاب",
        [
            "افتتحت السعودية في مدينة جدة معرض الكتاب الدولي بمشاركة دور نشر من السعودية والخليج.",
            "وقالت وزارة الثقافة في السعودية إن المعرض يستمر عشرة أيام.",
        ],
        published="2025-12-10",
    )
    (event,) = cluster_events([report])
    assert event.place == "جدة"


def test_year_less_date_takes_the_year_of_its_story_and_weekdays() -> None:
    articles = syria_russia_articles()
    december = next(a for a in articles if a.id == "d_december_dated")
    for expr in december.time_exprs:
        if expr.text == "23 كانون الأول":  # as the dates stage leaves it with no anchor
            expr.value, expr.granularity, expr.parts = None, "unknown", {"day": 23, "month": 12}
    events = {frozenset(e.articles): e for e in cluster_events(articles)}
    event = events[frozenset({"d_december_dated", "e_december_undated"})]
    # The story runs from 31 July 2025; 23 December 2025 was a Tuesday, and the other report
    # names Tuesday and Wednesday (23 December 2024 was a Monday).
    assert event.date == "2025-12-23"


def test_mentions_made_in_earlier_adds_link_and_date_a_later_event() -> None:
    """The October visit arrives last, alone: the background sentences of the July and
    December reports, added before it, link it and date it as a single add does (an add
    compares the events it makes with the mentions already seen near their day)."""
    batch = {
        frozenset(e.articles): (e.date, sorted(e.mentioned_by))
        for e in cluster_events(syria_russia_articles())
    }
    articles = syria_russia_articles()
    clusterer = EventClusterer()
    for prefix in ("a_", "d_", "b_", "e_", "c_"):
        clusterer.add([a for a in articles if a.id.startswith(prefix)])
    online = {frozenset(e.articles): (e.date, sorted(e.mentioned_by)) for e in clusterer.events}
    assert online == batch
    october = next(e for e in clusterer.events if e.articles == ["c_october_undated"])
    assert {a.id: a.mentioned_events for a in articles if a.mentioned_events} == {
        "a_july_dated": [october.id],
        "d_december_dated": [october.id],
    }


def _market_reports():
    # two daily sessions, each dated in its text, and a monthly report that is like both
    return [
        make_article(
            "sun", "مؤشر السوق المالية يغلق على تراجع حاد",
            ["أغلق مؤشر السوق المالية السعودية أمس الأحد على تراجع حاد بنسبة 3.2 في المئة وسط تراجع جميع القطاعات وتداولات نشطة"],
            published="2015-08-03", dates={"أمس الأحد": "2015-08-02"},
        ),
        make_article(
            "mon", "مؤشر السوق المالية يغلق على ارتفاع طفيف",
            ["أغلق مؤشر السوق المالية السعودية اليوم الاثنين على ارتفاع طفيف بنسبة 0.13 في المئة وسط تداولات نشطة في جميع القطاعات"],
            published="2015-08-03", dates={"اليوم الاثنين": "2015-08-03"},
        ),
        make_article(
            "july", "قيمة تداولات السوق المالية خلال يوليو",
            ["بلغت قيمة تداولات السوق المالية السعودية خلال شهر يوليو تريليوني ريال وأغلق المؤشر على تراجع في جميع القطاعات بنسبة في المئة"],
            published="2015-08-03",
        ),
    ]  # fmt: skip


def test_a_round_up_does_not_bridge_two_sessions_told_of_different_days() -> None:
    from marsad.cluster.settings import ClusterSettings

    sessions = {frozenset(e.articles) for e in cluster_events(_market_reports())}
    assert frozenset({"mon"}) in sessions and len(sessions) == 2  # the monthly report joins one
    # without the guard the monthly report chains Sunday's and Monday's sessions into one
    loose = cluster_events(_market_reports(), ClusterSettings(split_days_link=0.0))
    assert len(loose) == 1


def _month_and_day_reports():
    # Tuesday's session, dated in its text, and last month's round-up printed the same day
    session = make_article(
        "tue",
        "مؤشر السوق المالية يغلق على تراجع في جميع القطاعات",
        [
            "أغلق مؤشر السوق المالية السعودية اليوم الثلاثاء على تراجع بنسبة 0.6 في المئة وسط تداولات نشطة في جميع القطاعات"
        ],
        published="2015-08-04",
        dates={"اليوم الثلاثاء": "2015-08-04"},
    )
    july = make_article(
        "july", "تريليونا ريال قيمة تداولات السوق المالية",
        ["بلغت قيمة تداولات السوق المالية السعودية خلال شهر يوليو تريليوني ريال وتراجع المؤشر بنسبة 0.6 في المئة في جميع القطاعات"],
        published="2015-08-04", dates={"شهر يوليو": "2015-07"},
    )  # fmt: skip
    july.time_exprs[0].granularity = "month"  # as the dates stage reads «خلال شهر يوليو»
    return [session, july]


def test_last_months_round_up_is_not_the_days_session_nor_its_thread() -> None:
    """A report telling of a period already over (no day in its lead, its first date a past
    month) is a round-up: neither the same happening as a day's session nor its thread."""
    events = cluster_events(_month_and_day_reports())
    assert sorted(e.articles for e in events) == [["july"], ["tue"]]
    assert len({e.story_id for e in events}) == 2
    # the same text with the round-up's date read as a day of the month: one happening
    reports = _month_and_day_reports()
    reports[1].time_exprs[0].granularity = "day"
    reports[1].time_exprs[0].value = "2015-08-04"
    assert [sorted(e.articles) for e in cluster_events(reports)] == [["july", "tue"]]
