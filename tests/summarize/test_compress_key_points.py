from marsad.summarize.compress import as_sentence, key_point_text, speaker_before


def test_a_key_point_keeps_the_main_clause_and_drops_an_elaborating_tail():
    sentence = (
        "قال لافروف خلال مؤتمر صحافي مشترك مع نظيره السوري إن روسيا ملتزمة بسيادة سوريا، "
        "مشيراً إلى وجود تنسيق بين البلدين على مختلف المنصات الدولية."
    )
    assert key_point_text(sentence) == "لافروف: روسيا ملتزمة بسيادة سوريا."


def test_attribution_is_folded_into_speaker_colon_claim():
    sentence = "وقال لافروف، خلال مؤتمر صحافي مع نظيره السوري، إن روسيا ملتزمة بسيادة سوريا ووحدة أراضيها."
    assert key_point_text(sentence) == "لافروف: روسيا ملتزمة بسيادة سوريا ووحدة أراضيها."
    # A speaker too long to be a name is left as written.
    long_speaker = "وقال مصدر مطلع على سير المفاوضات الجارية منذ أسابيع بين الطرفين إن الاتفاق بات قريبا."
    assert not key_point_text(long_speaker).startswith("مصدر مطلع على سير المفاوضات الجارية منذ أسابيع:")


def test_a_tail_with_a_number_is_kept_because_it_may_be_the_fact():
    sentence = "أعلنت وزارة الصحة ارتفاع عدد الإصابات في المنطقة الشرقية خلال الأسبوع، مشيرة إلى تسجيل 45 حالة جديدة."
    assert key_point_text(sentence) == sentence


def test_a_short_main_clause_keeps_its_tail():
    sentence = "أكد الوزير ذلك، موضحاً أن الحكومة ستعلن تفاصيل الخطة الأسبوع المقبل بعد اجتماع مجلس الوزراء."
    assert key_point_text(sentence) == sentence


def test_a_summary_sentence_without_final_punctuation_is_closed():
    assert as_sentence("أعلنت الوزارة انطلاق مرحلة جديدة") == "أعلنت الوزارة انطلاق مرحلة جديدة."
    assert as_sentence("قال: «نعم»") == "قال: «نعم»"


def test_an_opening_time_phrase_is_not_taken_for_the_main_clause():
    sentence = (
        "بعد انتهاء الجولة الثالثة من المفاوضات، وقع الطرفان اتفاقا مبدئيا لتبادل الأسرى في مدينة جنيف، "
        "وسط ترحيب دولي واسع بالخطوة."
    )
    point = key_point_text(sentence)
    assert "وقع الطرفان اتفاقا مبدئيا" in point and len(point.split()) < len(sentence.split())


def test_a_long_point_without_commas_is_cut_before_a_relative_clause():
    sentence = (
        "افتتح وزير النقل الطريق السريع الجديد بين المدينتين أمس الذي استغرق بناؤه سبع سنوات وشارك فيه "
        "آلاف العمال من شركات محلية وأجنبية وتخللته صعوبات كثيرة في المناطق الجبلية الوعرة"
    )
    assert key_point_text(sentence) == "افتتح وزير النقل الطريق السريع الجديد بين المدينتين أمس."


def test_punctuation_left_at_the_start_by_the_splitter_is_dropped():
    assert key_point_text("، على أن تقدم الطلبات قبل نهاية الشهر المقبل عبر الموقع.")[0] == "ع"


# Real sentences (SaudiNewsNet 2015-08-03/04: Asharq al-Awsat on the UAE referral, Asharq
# al-Awsat and Al-Yaum on the battle for al-Anad): a pronoun subject after a named speaker.
AAWSAT_UAE = [
    "أعلن في الإمارات أمس عن إحالة 41 متهمًا من عدة جنسيات بينهم مواطنون إلى المحكمة الاتحادية العليا "
    "في قضية التنظيم الإرهابي.",
    "وقال سالم سعيد كبيش النائب العام في الإمارات إنه «تمت إحالة المتهمين إلى المحكمة الاتحادية العليا "
    "بعد أن أسفرت التحقيقات التي أجرتها النيابة العامة عن أنهم أنشئوا وأسسوا وأداروا جماعة إرهابية».",
    "وأشار إلى أن الجماعة تهدف للانقضاض على السلطة في البلاد لإقامة دولة خلافة مزعومة على نحو يتفق "
    "وأفكارهم ومعتقداتهم التكفيرية المتطرفة.",
]
AAWSAT_ANAD = [
    "وأضاف المتحدث أن المقاومة المسنودة بقوات الجيش الموالي للشرعية نجحت مساء أمس من دخول قاعدة العند "
    "شمال عدن.",
    "وأشار إلى أن عملية تحرير العند بدأت الساعة الثالثة من فجر أمس الاثنين، منوها بأن مواجهات عنيفة "
    "اندلعت في أطراف القاعدة العسكرية.",
    "وأردف أن المقاومة وقوات الجيش وقبل اجتياحها لقاعدة العند كانت قد سيطرت على وادي عرعرة ومواقع أخرى "
    "تطل بشكل مباشر على القاعدة العسكرية.",
]
ALYAUM_TAIZ = [
    'وقال لوكالة الأنباء الالمانية: إن المقاومة "طهرت جبل صبر من الحوثيين واقتربت من مطار تعز".',
    'وأكد أن "الحوثيين وقوات صالح يتكبدون خسائر كبيرة في الأرواح والمعدات العسكرية بشكل يومي".',
]


def test_a_pronoun_subject_gets_the_speaker_named_before_it():
    assert speaker_before(AAWSAT_UAE, 2) == ("سالم سعيد كبيش النائب العام", 1)
    point = key_point_text(AAWSAT_UAE[2], "سالم سعيد كبيش النائب العام")
    assert point.startswith("سالم سعيد كبيش النائب العام: الجماعة تهدف للانقضاض على السلطة")
    # The same speaker goes on over several pronoun-subject sentences.
    assert speaker_before(AAWSAT_ANAD, 1) == ("المتحدث", 0)
    assert speaker_before(AAWSAT_ANAD, 2) == ("المتحدث", 0)
    assert key_point_text(AAWSAT_ANAD[2], "المتحدث").startswith("المتحدث: المقاومة وقوات الجيش")
    # A sentence that names its speaker, or a pronoun with no speaker before it: nothing to fold.
    assert speaker_before(AAWSAT_UAE, 1) is None
    assert speaker_before(AAWSAT_UAE[2:], 0) is None
    # Who was told («لوكالة الأنباء الالمانية») is not who spoke.
    assert speaker_before(ALYAUM_TAIZ, 1) is None


def test_a_folded_point_cites_the_sentence_naming_its_speaker():
    from summarize_fixtures import article_of

    from marsad.summarize import summarize_article

    article = article_of([("paragraph", " ".join(AAWSAT_UAE + AAWSAT_ANAD))], outlet="aawsat")
    texts = [s.text for s in article.sentences]
    summary = summarize_article(article)
    folded = [p for p in summary.key_points if len(p.sources) > 1]
    assert folded, [p.text for p in summary.key_points]
    for p in summary.key_points:
        assert not p.text.startswith(("أشار إلى أن", "وأشار إلى أن", "أردف أن"))
    for p in folded:
        own, named = p.sources
        speaker = p.text.split(":")[0]
        assert speaker in texts[named.sentence] and named.sentence < own.sentence
