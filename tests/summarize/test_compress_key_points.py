from marsad.summarize.compress import as_sentence, key_point_text


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
