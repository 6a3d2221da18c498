from __future__ import annotations

from summarize_fixtures import article_of

from marsad.model import Event, Mention, Story, TimeExpr
from marsad.summarize import summarize_event, summarize_story
from marsad.summarize.disagreements import quantities

CRASH = "قتل {n} جنديا في تحطم مروحية عسكرية قرب مدينة {place} شمال البلاد أثناء مهمة تدريبية."


def _outlet_article(aid: str, outlet: str, lead: str, extra: str) -> object:
    return article_of(
        [
            ("paragraph", lead),
            (
                "paragraph",
                "وفتحت وزارة الدفاع تحقيقا عاجلا لمعرفة أسباب الحادث وأعلنت الحداد ثلاثة أيام في القاعدة.",
            ),
            ("paragraph", extra),
        ],
        article_id=aid,
        outlet=outlet,
    )


def _three_outlets(numbers=(14, 14, 14)):
    extras = [
        "وأشار شهود عيان إلى سماع دوي انفجار قبل سقوط الطائرة في منطقة زراعية خالية من السكان.",
        "ويعد هذا الحادث الثالث من نوعه منذ بداية العام في صفوف سلاح الجو بسبب تقادم الأسطول.",
        "وطالب نواب في البرلمان بمراجعة صفقات شراء الطائرات المستعملة ومحاسبة المسؤولين عن الصيانة.",
    ]
    arts = {}
    for i, (outlet, n, extra) in enumerate(
        zip(("الجزيرة", "العربية", "بي بي سي"), numbers, extras, strict=True)
    ):
        aid = f"art{i}"
        arts[aid] = _outlet_article(aid, outlet, CRASH.format(n=n, place="الموصل"), extra)
    return arts


def test_same_fact_from_three_outlets_is_one_point_citing_all():
    arts = _three_outlets()
    summary = summarize_event(Event(id="e1", label="تحطم مروحية", articles=list(arts)), arts)
    # The fact all three outlets tell opens the summary, and no key point repeats it.
    assert "تحطم مروحية" in summary.text.split(".")[0]
    assert not [p for p in summary.key_points if "تحطم مروحية" in p.text]
    # ... and cites the sentence of every outlet that tells it.
    assert {r.outlet for r in summary.opening_sources} == {"الجزيرة", "العربية", "بي بي سي"}
    for r in summary.opening_sources:
        assert "تحطم مروحية" in arts[r.article_id].sentences[r.sentence].text
    for p in summary.key_points:
        for r in p.sources:
            assert arts[r.article_id].sentences[r.sentence].text
    # Every outlet's unique detail may appear, but each only once, citing its one outlet.
    assert len({p.text for p in summary.key_points}) == len(summary.key_points)
    assert summary.disagreements == []


def test_different_tolls_are_reported_as_a_number_disagreement():
    arts = _three_outlets(numbers=(14, 14, 17))
    summary = summarize_event(Event(id="e1", label="تحطم مروحية", articles=list(arts)), arts)
    numbers = [d for d in summary.disagreements if d.aspect == "number"]
    assert len(numbers) == 1
    values = {c["value"]: set(c["outlets"]) for c in numbers[0].claims}
    assert values == {"14": {"الجزيرة", "العربية"}, "17": {"بي بي سي"}}


def test_different_day_and_place_for_the_same_fact_are_flagged():
    arts = _three_outlets()
    for aid, day, place in (("art0", "2025-03-02", "الموصل"), ("art1", "2025-03-03", "تلعفر")):
        art = arts[aid]
        first = art.sentences[0]
        art.time_exprs = [TimeExpr("الأحد", first.start, first.start + 5, "weekday", "day", day, sentence=0)]
        art.mentions = [Mention(place, first.start, first.start + 3, "LOC", sentence=0)]
    summary = summarize_event(Event(id="e1", label="x", articles=list(arts)), arts)
    aspects = {d.aspect: d for d in summary.disagreements}
    assert {c["value"] for c in aspects["date"].claims} == {"2025-03-02", "2025-03-03"}
    assert {c["value"] for c in aspects["place"].claims} == {"الموصل", "تلعفر"}


def test_quantities_read_units_and_skip_dates():
    found = dict(
        quantities("قتل 14 جنديا وأصيب 3.5% من السكان واستثمرت 5 مليارات دولار في 23 كانون الأول 2024.")
    )
    assert found.pop("%") == "3.5"
    assert "14" in found.values() and "5" in found.values()
    assert "23" not in found.values() and "2024" not in found.values()


def test_story_is_one_line_per_event_in_order():
    arts = _three_outlets()
    e1 = Event(id="e1", label="تحطم مروحية", articles=["art0", "art1"], date="2025-03-02")
    e1.summary = summarize_event(e1, arts)
    e2 = Event(id="e2", label="نتائج التحقيق في الحادث", articles=["art2"], date="2025-04-10")
    story = Story(id="s1", label="سلاح الجو", events=["e1", "e2"])
    summary = summarize_story(story, {"e1": e1, "e2": e2})
    assert [p.text.split(" — ")[0] for p in summary.key_points] == ["2025-03-02", "2025-04-10"]
    assert summary.key_points[0].sources and {r.article_id for r in summary.key_points[0].sources} <= {
        "art0",
        "art1",
    }
    assert summary.key_points[1].text.endswith("نتائج التحقيق في الحادث")
    assert summary.text.count("\n") == 1


def test_large_event_is_bounded_and_each_point_cites_one_sentence_per_article():
    base = _three_outlets()
    arts = {}
    for i in range(90):
        src = base[f"art{i % 3}"]
        arts[f"x{i:02d}"] = article_of(
            [(b.kind, b.text) for b in src.blocks], article_id=f"x{i:02d}", outlet=f"outlet{i % 7}"
        )
    summary = summarize_event(Event(id="big", label="x", articles=list(arts)), arts)
    assert summary.key_points
    for point in summary.key_points:
        cited = [r.article_id for r in point.sources]
        assert len(cited) == len(set(cited)) <= 60


def test_a_single_report_event_reuses_its_article_summary_and_citations():
    from marsad.summarize import summarize_article

    art = _three_outlets()["art0"]
    art.summary = summarize_article(art)
    summary = summarize_event(Event(id="ev1", label="x", articles=[art.id]), {art.id: art})
    assert summary.target == "ev1"
    assert summary.text == art.summary.text and summary.key_points == art.summary.key_points
    assert all(ref.article_id == art.id for kp in summary.key_points for ref in kp.sources)


# Real reports of one event (SaudiNewsNet, 2015-07-21: a US air strike on an Afghan army
# checkpoint in Logar). Okaz gives 14 dead; Asharq al-Awsat's later toll is «10 من الجنود
# الأفغان» (a counted noun after «من»; its sentence about the first toll of 14 is left out
# here so that the two outlets share no figure). Excerpts, in the outlets' words.
OKAZ_LOGAR = [
    "قتل 14 جنديا أفغانيا على الأقل أمس في غارة أمريكية على حاجز للجيش في ولاية لوغار جنوب كابول، "
    "حيث ينتشر متمردو طالبان، كما أعلنت السلطات المحلية.",
    "وقال محمد رحيم أمين حاكم منطقة بركي براك حيث حصلت الغارة: إن مروحيتين أمريكيتين هاجمتا حاجزا "
    "للجيش الأفغاني. مضيفا أن النيران اندلعت في الحاجز ودمر بالكامل، وقتل 14 جنديا أفغانيا.",
    "وأكد المتحدث باسم حكومة الولاية دين محمد درويش هذه الحصيلة.",
]
AAWSAT_LOGAR = [
    "أسفرت غارة أميركية أمس عن مقتل عشرة جنود أفغان على الأقل في ولاية لوغار جنوب كابل، في آخر حوادث "
    "«النيران الصديقة» في تلك المنطقة التي ينتشر فيها متمردو طالبان بشكل كبير.",
    "وقال محمد رحيم أمين، حاكم منطقة بركي براك، أمس إن «مروحيتين أميركيتين هاجمتا في الساعة السادسة "
    "صباحا (1.30 توقيت غرينتش) من (الاثنين) حاجزا للجيش الأفغاني».",
    "وأعلن محمد رحيم أمين لاحقا «مقتل 10 من الجنود الأفغان وإصابة أربعة». وأكد هذه الحصيلة محمد وارا، "
    "مساعد قائد شرطة الإقليم.",
]


def test_counted_nouns_after_min_are_figures():
    # Real sentences (SaudiNewsNet 2015-07: Okaz, Aleqtisadiya, Alweeam, Asharq al-Awsat).
    assert ("رجال امن", "37") in quantities(
        "قدم ٣٧ من رجال الأمن والمواطنين أرواحهم وأصيب ١٢٠ شخصا في مواجهات مع خلايا"
    )
    assert ("عناصر داعش", "29") in quantities(
        "أسفرت بمجملها عن قتل 29 من عناصر داعش وتدمير موقعي صاروخ وهاون"
    )
    # «6 من المدنيين» and «5 مدنيين» count the same people.
    assert dict(quantities("من جهة أخرى قتل 6 من المدنيين وأصيب آخرون، في قصف مدفعي للحوثيين")) == {
        "مدني": "6"
    }
    assert dict(quantities("وقتل 5 مدنيين في القصف")) == {"مدني": "5"}


def test_counted_noun_and_plain_figure_of_two_outlets_disagree():
    arts = {
        "okaz": article_of([("paragraph", p) for p in OKAZ_LOGAR], article_id="okaz", outlet="okaz"),
        "aawsat": article_of([("paragraph", p) for p in AAWSAT_LOGAR], article_id="aawsat", outlet="aawsat"),
    }
    summary = summarize_event(Event(id="e1", label="غارة لوغار", articles=list(arts)), arts)
    numbers = [d for d in summary.disagreements if d.aspect == "number"]
    assert len(numbers) == 1, numbers
    assert {c["value"]: c["outlets"] for c in numbers[0].claims} == {"10": ["aawsat"], "14": ["okaz"]}
    # The fact both outlets tell (the governor on the two helicopters) opens the summary,
    # citing one sentence of each.
    assert sorted(r.outlet for r in summary.opening_sources) == ["aawsat", "okaz"]
    assert "مروحيتين" in summary.text.split(".")[0]
    for r in summary.opening_sources:
        assert "مروحيتين" in arts[r.article_id].sentences[r.sentence].text
    assert not [p for p in summary.key_points if p.text in summary.text]
    # «10 من الجنود» and «14 جنديا» are one unit (singular, plural and accusative forms fold).
    assert dict(quantities(AAWSAT_LOGAR[2])).keys() == dict(quantities(OKAZ_LOGAR[0])).keys()


def test_dates_after_min_are_not_figures():
    assert not list(quantities("وتبدأ الدورة في 10 من الشهر الجاري وتستمر 3 أيام"))
    assert not list(quantities("وقتل 3 منهم في الهجوم"))


# Real reports of one event (SaudiNewsNet, 2015-08-03: the UAE refers 41 defendants to the
# federal supreme court): Al-Watan's opening and one detail, Aleqtisadiya's opening, which
# writes the figure in words («واحد واربعين متهماً») and makes the prosecutor the subject.
UAE_41 = {
    "alwatan": [
        "أحالت النيابة العامة الإماراتية أمس 41 متهما من جنسيات عدة بينهم إماراتيون إلى المحكمة بتهمة "
        "تشكيل تنظيم إرهابي وأضافت النيابة أنهم سعوا إلى إقامة دولة خلافة.",
        "وقال النائب العام سالم سعيد كبيش: إن المتهمين أعدوا الأسلحة النارية والذخائر وتواصلوا مع منظمات "
        "وجماعات إرهابية خارجية.",
    ],
    "aleqtisadiya": [
        "أعلن النائب العام الإماراتي سالم سعيد كبيش إحالة واحد واربعين متهماً من جنسيات عدة بينهم "
        "إماراتيون إلى المحكمة الاتحادية العليا، وذلك في قضية الانتماء إلى تنظيم إرهابي كان يُحضِّر "
        "لتنفيذ هجمات في البلاد.",
    ],
}


def test_opening_cites_the_outlet_that_tells_it_in_other_words():
    arts = {
        o: article_of([("paragraph", p) for p in paras], article_id=o, outlet=o)
        for o, paras in UAE_41.items()
    }
    summary = summarize_event(Event(id="e1", label="إحالة 41 متهما", articles=list(arts)), arts)
    # One opening, citing both outlets' sentences of it (below the same-fact similarity on
    # stems; the figure in words meets «41» on the paraphrase keys)...
    cited = {r.outlet: arts[r.article_id].sentences[r.sentence].text for r in summary.opening_sources}
    assert set(cited) == {"alwatan", "aleqtisadiya"}
    assert "واحد واربعين" in cited["aleqtisadiya"] and "41" in cited["alwatan"]
    # ... and the other outlet's wording is not printed again, in the text or as a key point.
    printed = [summary.text, *(p.text for p in summary.key_points)]
    assert sum("أحالت النيابة" in t or "إحالة واحد" in t for t in printed) == 1
    assert not ("أحالت النيابة" in summary.text and "إحالة واحد" in summary.text)


def test_logar_leads_in_other_words_are_one_opening():
    # The two outlets' first sentences only: different verbs, spellings («أمريكية»/«أميركية»,
    # «كابول»/«كابل»), forms («جنديا أفغانيا»/«جنود أفغان») and tolls (14 / «عشرة»).
    arts = {
        "okaz": article_of([("paragraph", OKAZ_LOGAR[0])], article_id="okaz", outlet="okaz"),
        "aawsat": article_of([("paragraph", AAWSAT_LOGAR[0])], article_id="aawsat", outlet="aawsat"),
    }
    summary = summarize_event(Event(id="e1", label="غارة لوغار", articles=list(arts)), arts)
    assert sorted(r.outlet for r in summary.opening_sources) == ["aawsat", "okaz"]


def test_fact_keys_read_numbers_in_words_and_fold_spellings():
    from marsad.summarize.paraphrase import fact_keys

    assert "#10" in fact_keys("أسفرت غارة أميركية أمس عن مقتل عشرة جنود أفغان")
    assert "#41" in fact_keys("إحالة واحد واربعين متهماً من جنسيات عدة")
    assert "#4000" in fact_keys("قوة عسكرية مكونة من نحو 4 آلاف مقاتل")
    assert "#3.2" in fact_keys("فقد سوق الأسهم يوم أمس 291 نقطة بنسبة 3.2 في المئة")
    a, b = fact_keys("غارة أمريكية قرب كابول"), fact_keys("غارة أميركية قرب كابل")
    assert a == b


# Real reports of the Saudi cabinet session of 3 August 2015 (SaudiNewsNet: 3alyoum,
# Aleqtisadiya, Al-Riyadh): each opening, and the same numbered item of the list of
# appointments, which every outlet copies word for word.
CABINET = {
    "3alyoum": (
        "رأس نائب خادم الحرمين الشريفين صاحب السمو الملكي الأمير محمد بن نايف بن عبدالعزيز آل سعود – حفظه "
        "الله – الجلسة التي عقدها مجلس الوزراء، بعد ظهر اليوم الاثنين في قصر السلام بجدة.",
        "2 ـ تعيين سعود بن قابل بن بريك الزايدي على وظيفة ( سفير ) بوزارة الخارجية.",
    ),
    "aleqtisadiya": (
        "رأس نائب خادم الحرمين الشريفين الأمير محمد بن نايف بن عبدالعزيز، الجلسة التي عقدها مجلس الوزراء، "
        "بعد ظهر اليوم الاثنين في قصر السلام بجدة.",
        "2 ـ تعيين سعود بن قابل بن بريك الزايدي على وظيفة ( سفير ) بوزارة الخارجية .",
    ),
    "alriyadh": (
        "رأس نائب خادم الحرمين الشريفين صاحب السمو الملكي الأمير محمد بن نايف بن عبدالعزيز آل سعود الجلسة "
        "التي عقدها مجلس الوزراء، بعد ظهر اليوم الاثنين في قصر السلام بجدة.",
        "2 ـ تعيين سعود بن قابل بن بريك الزايدي على وظيفة ( سفير ) بوزارة الخارجية .",
    ),
}


def test_a_list_item_every_outlet_copies_does_not_open_the_event():
    arts = {
        o: article_of([("paragraph", lead), ("paragraph", item)], article_id=o, outlet=o)
        for o, (lead, item) in CABINET.items()
    }
    summary = summarize_event(Event(id="e1", label="جلسة مجلس الوزراء", articles=list(arts)), arts)
    assert summary.text.startswith("رأس نائب خادم الحرمين الشريفين")
    assert "2 ـ" not in summary.text
    assert {r.outlet for r in summary.opening_sources} == set(CABINET)


def test_a_toll_in_words_disagrees_with_a_toll_in_digits():
    # The two Logar leads only: Okaz «قتل 14 جنديا», Asharq al-Awsat «مقتل عشرة جنود».
    arts = {
        "okaz": article_of([("paragraph", OKAZ_LOGAR[0])], article_id="okaz", outlet="okaz"),
        "aawsat": article_of([("paragraph", AAWSAT_LOGAR[0])], article_id="aawsat", outlet="aawsat"),
    }
    summary = summarize_event(Event(id="e1", label="غارة لوغار", articles=list(arts)), arts)
    numbers = [d for d in summary.disagreements if d.aspect == "number"]
    assert [{c["value"]: c["outlets"] for c in d.claims} for d in numbers] == [
        {"10": ["aawsat"], "14": ["okaz"]}
    ]


def test_figures_in_words_are_read_but_not_ordinals_or_a_lone_one():
    # Real phrases (SaudiNewsNet 2015-08-03/04: Aleqtisadiya, Okaz, Al-Riyadh).
    assert [v for _, v in quantities("أعلن النائب العام إحالة واحد واربعين متهماً من جنسيات عدة")] == ["41"]
    assert ("مسلح", "9") in quantities("وقالت مصادر محلية إن تسعة من مسلحي الحوثي وصالح قتلوا")
    assert not list(
        quantities("تعيين عبدالله الدهيمي على وظيفة رئيس كتابة عدل بالمرتبة الرابعة عشرة بوزارة العدل")
    )
    assert not list(quantities("واستقبل الوزراء في آن واحد يوم الاثنين"))
