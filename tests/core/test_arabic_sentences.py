from marsad.arabic import split_sentences


def texts(text):
    return [text[s:e] for s, e in split_sentences(text)]


def test_splits_on_arabic_and_latin_terminators_with_offsets_into_the_original():
    text = "وصل الوزير إلى موسكو. هل ستنجح المحادثات؟ نعم! وانتهى اللقاء"
    spans = split_sentences(text)
    assert texts(text) == ["وصل الوزير إلى موسكو.", "هل ستنجح المحادثات؟", "نعم!", "وانتهى اللقاء"]
    for s, e in spans:
        assert text[s:e] == text[s:e].strip()


def test_a_full_stop_inside_guillemets_does_not_end_the_sentence():
    text = "وقال لافروف: «روسيا ملتزمة بسيادة سوريا. والتنسيق مستمر» مضيفا أن الحوار سيتواصل. ثم غادر."
    assert texts(text) == [
        "وقال لافروف: «روسيا ملتزمة بسيادة سوريا. والتنسيق مستمر» مضيفا أن الحوار سيتواصل.",
        "ثم غادر.",
    ]


def test_decimals_and_one_letter_abbreviations_are_not_boundaries():
    text = "ارتفع النمو إلى 3.5 في المئة وفق د. خالد العلي. وتراجع التضخم."
    assert texts(text) == ["ارتفع النمو إلى 3.5 في المئة وفق د. خالد العلي.", "وتراجع التضخم."]


def test_line_breaks_end_sentences_even_without_punctuation():
    assert texts("عنوان فرعي\nوقال المتحدث إن الوفد وصل") == ["عنوان فرعي", "وقال المتحدث إن الوفد وصل"]


def test_a_long_comma_chain_on_one_line_is_cut_into_readable_sentences():
    clause = "وأكد المسؤول أن الحكومة ستواصل دعم المشاريع التنموية في المناطق الريفية والنائية"
    text = "، ".join([clause] * 12) + "."
    pieces = texts(text)
    assert len(pieces) > 1
    assert all(len(p) <= 460 for p in pieces)
    assert "".join(p.replace("، ", "").replace("،", "") for p in pieces).replace(" ", "") == text.replace(
        "، ", ""
    ).replace(" ", "")


def test_an_unbalanced_quotation_mark_does_not_swallow_the_following_sentences():
    text = 'وقال الوزير "نحن ماضون في تنفيذ الخطة حتى نصل إلى أربعة ملايين برميل. وأشار إلى أن الكويت قادرة على الحفاظ على حصتها. واستبعد تأثر الأسعار.'
    assert texts(text) == [
        'وقال الوزير "نحن ماضون في تنفيذ الخطة حتى نصل إلى أربعة ملايين برميل.',
        "وأشار إلى أن الكويت قادرة على الحفاظ على حصتها.",
        "واستبعد تأثر الأسعار.",
    ]
