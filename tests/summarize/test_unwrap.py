"""Hard-wrapped text is read as prose: wrapped lines rejoined, no title or heading taken from
them, one-line and paragraph-per-line bodies untouched; the splitter knows eras, initials
and numbered items."""

from __future__ import annotations

import json
import textwrap
import zipfile
from pathlib import Path

import pytest

from marsad.analyze import split_article
from marsad.arabic.sentences import split_sentences
from marsad.clean import clean_document
from marsad.clean.lines import split_lines
from marsad.clean.unwrap import unwrap_lines
from marsad.model import Document
from marsad.summarize import summarize_article

CORPUS = Path(__file__).resolve().parents[2] / ".." / "shared" / "corpus"

# The preamble of the Universal Declaration of Human Rights (official Arabic text), as a
# plain-text archive prints it: wrapped at 72 columns, CRLF, blank lines between paragraphs.
UDHR = [
    "لما كان الاعتراف بالكرامة المتأصلة في جميع أعضاء الأسرة البشرية وبحقوقهم المتساوية الثابتة "
    "هو أساس الحرية والعدل والسلام في العالم.",
    "ولما كان تناسي حقوق الإنسان وازدراؤها قد أفضيا إلى أعمال همجية آذت الضمير الإنساني، وكان "
    "غاية ما يرنو إليه عامة البشر انبثاق عالم يتمتع فيه الفرد بحرية القول والعقيدة ويتحرر من "
    "الفزع والفاقة.",
    "ولما كان من الضروري أن يتولى القانون حماية حقوق الإنسان لكيلا يضطر المرء آخر الأمر إلى "
    "التمرد على الاستبداد والظلم.",
    "ولما كانت شعوب الأمم المتحدة قد أكدت في الميثاق من جديد إيمانها بحقوق الإنسان الأساسية "
    "وبكرامة الفرد وقدره وبما للرجال والنساء من حقوق متساوية وحزمت أمرها على أن تدفع بالرقي "
    "الاجتماعي قدماً وأن ترفع مستوى الحياة في جو من الحرية أفسح.",
]


def _wrapped(paragraphs: list[str], width: int = 72, eol: str = "\r\n", sep: str = "\r\n\r\n") -> str:
    return sep.join(eol.join(textwrap.wrap(p, width)) for p in paragraphs) + eol


def _article(text: str):
    return split_article(clean_document(Document(doc_id="t", text=text, origin="t.txt", format="txt")))


def _sentences(text: str) -> list[str]:
    return [s.text for s in _article(text).sentences]


def test_wrapped_declaration_reads_as_the_same_sentences_as_its_paragraphs() -> None:
    wrapped = _wrapped(UDHR)
    assert max(len(line) for line in wrapped.splitlines()) <= 72
    article = _article(wrapped)
    assert article.title is None  # the first wrapped line is not a headline
    assert [b.kind for b in article.blocks] == ["paragraph"] * len(UDHR)
    assert [s.text for s in article.sentences] == UDHR
    assert not any(s.is_heading for s in article.sentences)
    for block in article.blocks:
        assert "\n" not in block.text
        # Raw offsets still point at the wrapped lines: the same words, line breaks and all.
        raw = wrapped[block.raw_start : block.raw_end]
        assert "\r\n" in raw and raw.split() == block.text.split()


def test_wrapped_declaration_summary_has_no_fragment() -> None:
    summary = summarize_article(_article(_wrapped(UDHR, width=60)))
    assert summary.text
    for point in summary.key_points:
        assert len(point.text.split()) >= 6


def test_wrapping_without_blank_lines_keeps_paragraphs_apart_at_sentence_ends() -> None:
    # EASC-style: LF only, a new paragraph is a new line after a full stop.
    text = _wrapped(UDHR, width=64, eol="\n", sep="\n")
    assert _sentences(text) == UDHR


def test_paragraph_per_line_text_is_left_alone() -> None:
    text = "\n".join(["نتائج القمة العربية", *UDHR, "ردود الفعل الدولية", UDHR[0]])
    lines = split_lines(text)
    assert unwrap_lines(text, lines) == lines


def test_one_line_body_keeps_working() -> None:
    text = " ".join(UDHR)
    assert _sentences(text) == UDHR
    assert summarize_article(_article(text)).key_points


def test_list_items_are_not_joined() -> None:
    items = [
        "- حماية حقوق الإنسان بالقانون لكيلا يضطر المرء إلى التمرد على الاستبداد والظلم وحفظ",
        "- تنمية العلاقات الودية بين الأمم وتعزيز الإيمان بكرامة الفرد وقدره وحقوقه المتساوية",
        "- رفع مستوى الحياة في جو من الحرية أفسح ودفع الرقي الاجتماعي قدماً إلى الأمام دائماً",
    ]
    text = _wrapped(UDHR[:2], width=72, eol="\n", sep="\n") + "\n".join(items) + "\n"
    lines = unwrap_lines(text, split_lines(text))
    assert [line.text for line in lines[-3:]] == items


@pytest.mark.skipif(not list((CORPUS / "saudinewsnet" / "dataset").glob("*.zip")), reason="no SaudiNewsNet")
def test_wrapped_news_articles_split_like_their_unwrapped_form() -> None:
    """Real news bodies (SaudiNewsNet), hard-wrapped at 70 columns: same sentences."""
    path = sorted((CORPUS / "saudinewsnet" / "dataset").glob("*.zip"))[0]
    with zipfile.ZipFile(path) as z:
        records = json.loads(z.read(z.namelist()[0]))
    checked = 0
    for r in records:
        paragraphs = [p.strip() for p in r["content"].split("\n") if p.strip()]
        prose = [p for p in paragraphs if len(p) > 200 and p.endswith((".", "؟", "!"))]
        if len(prose) < 2 or prose != paragraphs:
            continue
        flat = [" ".join(s.split()) for s in _sentences("\n\n".join(prose))]
        assert [" ".join(s.split()) for s in _sentences(_wrapped(prose, 70))] == flat
        checked += 1
        if checked == 20:
            break
    assert checked >= 5


@pytest.mark.skipif(not (CORPUS / "easc_dev").is_dir(), reason="no EASC dev")
def test_easc_wrapped_article_sentences_end_with_punctuation() -> None:
    path = next((CORPUS / "easc_dev" / "Articles" / "Topic91").iterdir())
    article = _article(path.read_bytes().decode("utf-8-sig"))
    assert article.title is None
    ends = [s.text.rstrip("»\"'")[-1] for s in article.sentences]
    assert sum(e in ".؟!" for e in ends) >= 0.9 * len(ends)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "انتقل إلى فيينا عام 1783 م. اتسعت شهرته كعازف.",
            ["انتقل إلى فيينا عام 1783 م.", "اتسعت شهرته كعازف."],
        ),
        ("ولد سنة 1260هـ. وتوفي شابا.", ["ولد سنة 1260هـ.", "وتوفي شابا."]),
        ("بنيت نحو 2500 ق.م. وهي باقية.", ["بنيت نحو 2500 ق.م.", "وهي باقية."]),
        ("ولد عام 1770 م في بون. ثم رحل.", ["ولد عام 1770 م في بون.", "ثم رحل."]),
        (
            "قال د. محمد إن ج. ك. رولينغ كتبت الرواية. وأضاف م. أحمد أنها نجحت.",
            ["قال د. محمد إن ج. ك. رولينغ كتبت الرواية.", "وأضاف م. أحمد أنها نجحت."],
        ),
        ("أهم النقاط:\n1. خفض الضرائب\n2. رفع الأجور.", ["أهم النقاط:", "1. خفض الضرائب", "2. رفع الأجور."]),
        ("بلغ عدد الضحايا 15. وقال المسؤول إنه سيرتفع.", ["بلغ عدد الضحايا 15.", "وقال المسؤول إنه سيرتفع."]),
    ],
)
def test_sentence_splitter_abbreviations(text: str, expected: list[str]) -> None:
    assert [text[s:e] for s, e in split_sentences(text)] == expected


# Real SaudiNewsNet text: Asharq al-Awsat (2015-08-01) prints decimals with a right-to-left
# mark after the point («1.\u200f0 في المائة»); Sabq (2015-08-02) an inline list after a colon.
AAWSAT_DECIMALS = (
    "وبين المعادن النفيسة الأخرى نزلت الفضة في المعاملات الفورية 1.\u200f0 في المائة إلى 72.\u200f14 دولار "
    "للأوقية بينما ارتفع البلاتين 1.\u200f0 في المائة إلى 24.\u200f983 دولار."
)
SABQ_LIST = (
    "وأقر الاتحاد عددا من العقوبات في حال إخفاء أو تحريف معلومات مالية على أن تبدأ بالتدرج وفقا لما "
    "يلي: \xa0 1. توجيه تحذير للنادي. \xa0 2. منع النادي من تسجيل لاعبين لفترة واحدة. \xa0 3- غرامة "
    "مالية على النادي ومنعه من تسجيل لاعبين لفترة أو أكثر."
)


def test_a_direction_mark_inside_a_decimal_does_not_end_the_sentence() -> None:
    assert [AAWSAT_DECIMALS[s:e] for s, e in split_sentences(AAWSAT_DECIMALS)] == [AAWSAT_DECIMALS]


def test_numbered_items_stay_with_their_number() -> None:
    got = [SABQ_LIST[s:e] for s, e in split_sentences(SABQ_LIST)]
    assert got[0].endswith("1. توجيه تحذير للنادي.")
    assert got[1:] == [
        "2. منع النادي من تسجيل لاعبين لفترة واحدة.",
        "3- غرامة مالية على النادي ومنعه من تسجيل لاعبين لفترة أو أكثر.",
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # items without their own full stop, the list after a word or after a colon
        (
            "وتعود الأزمة إلى أسباب عديدة أبرزها 1. الجفاف 2. الحرب. وقال الوزير إن الحكومة تعمل على حلها.",
            [
                "وتعود الأزمة إلى أسباب عديدة أبرزها 1. الجفاف 2. الحرب.",
                "وقال الوزير إن الحكومة تعمل على حلها.",
            ],
        ),
        (
            "وتعود الأزمة إلى أسباب: ١. الجفاف ٢. الحرب ٣. النزوح. وقال الوزير إن الحكومة تعمل على حلها.",
            [
                "وتعود الأزمة إلى أسباب: ١. الجفاف ٢. الحرب ٣. النزوح.",
                "وقال الوزير إن الحكومة تعمل على حلها.",
            ],
        ),
        # a number ending a sentence is not a list item when no item 1 precedes it
        (
            "ارتفع المؤشر بنسبة 2. وقال المحلل إن السوق ستتعافى خلال 3. أيام.",
            ["ارتفع المؤشر بنسبة 2.", "وقال المحلل إن السوق ستتعافى خلال 3.", "أيام."],
        ),
    ],
)
def test_inline_numbered_lists(text: str, expected: list[str]) -> None:
    assert [text[s:e] for s, e in split_sentences(text)] == expected
