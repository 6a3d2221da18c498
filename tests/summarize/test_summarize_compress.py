from marsad.summarize.compress import compress_point


def test_attribution_tail_is_dropped_when_the_fact_survives():
    text = "ارتفع عدد ضحايا الزلزال في جنوب البلاد إلى ثلاثين قتيلا، بحسب وكالة الأنباء الرسمية."
    assert compress_point(text) == "ارتفع عدد ضحايا الزلزال في جنوب البلاد إلى ثلاثين قتيلا."


def test_tail_with_a_number_is_kept():
    text = "ارتفع عدد ضحايا الزلزال في جنوب البلاد إلى ثلاثين قتيلا، وفقا لحصيلة 2 من المستشفيات."
    assert compress_point(text) == text


def test_short_sentence_keeps_its_attribution():
    text = "توقف القتال، بحسب الوكالة."
    assert compress_point(text) == text


def test_leading_connective_and_waw_of_a_reporting_verb_are_dropped():
    assert compress_point("من جهته، قال وزير الخارجية إن المفاوضات ستستأنف الأسبوع المقبل في جنيف.") == (
        "قال وزير الخارجية إن المفاوضات ستستأنف الأسبوع المقبل في جنيف."
    )
    assert compress_point("وأكد الوزير أن الحكومة ستدعم المزارعين المتضررين من الجفاف.").startswith(
        "أكد الوزير"
    )
    # "و" that belongs to the word is never cut.
    assert compress_point("وزير المالية يعلن موازنة جديدة للعام المقبل تتضمن زيادة الرواتب.").startswith(
        "وزير"
    )


def test_inline_dateline_before_the_lead_is_dropped():
    assert compress_point(
        "رويترز - بنغازي (ليبيا): قال تنظيم مسلح إنه خطف ثلاثة عمال أجانب في شرق ليبيا."
    ) == ("قال تنظيم مسلح إنه خطف ثلاثة عمال أجانب في شرق ليبيا.")
    # A colon introducing a quote is not a dateline.
    quote = "قال الوزير: إن الحكومة ستدعم المزارعين في كل المناطق المتضررة."
    assert compress_point(quote) == quote


def test_a_connective_with_waw_is_dropped_from_a_real_lead():
    # Al-Yaum, 2015-08-03 (SaudiNewsNet): the sentence opened an event summary as written.
    sentence = (
        "ومن جهته، أكد سامح شكري وزير الخارجية المصري أن استئناف الحوار الاستراتيجي المصري ـ الأمريكي "
        "يؤسس لعلاقات جديدة بين البلدين."
    )
    assert compress_point(sentence).startswith("أكد سامح شكري وزير الخارجية المصري أن استئناف")
