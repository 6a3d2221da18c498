from hypothesis import given
from hypothesis import strategies as st

from marsad.arabic import normalize, normalize_digits, tokenize
from marsad.arabic.normalize import normalize_keep_length

ARABIC = st.text(alphabet=st.characters(min_codepoint=0x0600, max_codepoint=0x06FF), max_size=40)


def test_diacritics_hamza_and_alef_forms_fold_to_one_matching_form():
    assert normalize("الشَّيباني") == normalize("الشيباني")
    assert normalize("أسعد") == normalize("اسعد") == normalize("إسعد")
    assert normalize("مستشفى") == normalize("مستشفي")
    assert normalize("مدرسة") == normalize("مدرسه")
    assert normalize("مدرسة", ta_marbuta=False) != normalize("مدرسه", ta_marbuta=False)


def test_tatweel_bidi_and_zero_width_controls_are_invisible_to_matching():
    assert normalize("موســـكو") == "موسكو"
    assert normalize("\u200fبوتين\u200e\u200c") == "بوتين"
    assert normalize("\u2067دمشق\u2069") == "دمشق"


def test_both_arabic_digit_sets_become_ascii():
    assert normalize_digits("٢٠٢٥ و۱۴۰۴") == "2025 و1404"
    assert tokenize("في ٣١ من تموز") == ["في", "31", "من", "تموز"]


@given(ARABIC)
def test_normalize_is_idempotent(text):
    assert normalize(normalize(text)) == normalize(text)


@given(ARABIC)
def test_keep_length_form_preserves_offsets(text):
    assert len(normalize_keep_length(text)) == len(text)


@given(st.integers(min_value=0, max_value=10**9))
def test_digit_sets_give_the_same_normal_form(n):
    arabic_indic = str(n).translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩"))
    persian = str(n).translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹"))
    assert normalize(arabic_indic) == normalize(persian) == str(n)


@given(
    st.text(
        alphabet=st.characters(min_codepoint=0x20, max_codepoint=0x6FF)
        | st.sampled_from("\u200f\u200e\ufeff۱۲یٱ"),
        max_size=40,
    )
)
def test_fast_keep_length_fold_matches_the_per_character_rule(text):
    from marsad.arabic.normalize import _fold_char

    assert normalize_keep_length(text) == "".join(_fold_char(c) for c in text)
