"""Small hand-written Arabic articles for the summarize tests (not taken from the seeds)."""

from __future__ import annotations

from marsad.model import Article, Block, EmbeddedSummary
from marsad.summarize.plain_text import fill_sentences


def article_of(
    blocks: list[tuple[str, str]],
    article_id: str = "a1",
    outlet: str | None = "وكالة",
    title: str | None = None,
    **fields,
) -> Article:
    """An article whose body is ``blocks`` ((kind, text) pairs) separated by blank lines."""
    body, made = "", []
    for kind, text in blocks:
        if body:
            body += "\n\n"
        made.append(Block(kind, text, len(body), len(body) + len(text)))
        body += text
    article = Article(
        id=article_id,
        origin=article_id,
        outlet=outlet,
        url=None,
        title=title,
        body=body,
        blocks=made,
        **fields,
    )
    fill_sentences(article)
    return article


FLOOD = [
    (
        "paragraph",
        "أعلنت السلطات المحلية في مدينة البصرة إجلاء ألفي عائلة من الأحياء المنخفضة بعد فيضان نهر شط العرب."
        " وأدت السيول إلى غرق مئات المنازل وانقطاع الكهرباء عن معظم أحياء المدينة.",
    ),
    ("heading", "خطة طوارئ عاجلة"),
    (
        "paragraph",
        "وقال محافظ البصرة إن فرق الدفاع المدني تعمل على مدار الساعة لإنقاذ العائلات المحاصرة في المنازل الغارقة."
        " وأضاف أن الحكومة خصصت مبلغا عاجلا لإيواء العائلات المتضررة من الفيضان.",
    ),
    ("caption", "صورة لمنازل غارقة في مياه الفيضان بمدينة البصرة جنوب العراق اليوم."),
    ("paragraph", "«لم نر فيضانا كهذا منذ عقود طويلة في المدينة كلها»"),
    (
        "paragraph",
        "وتوقعت هيئة الأرصاد الجوية استمرار هطول الأمطار الغزيرة على جنوب العراق خلال الأيام الثلاثة المقبلة."
        " ودعت الهيئة السكان إلى الابتعاد عن ضفاف الأنهار وتجنب السفر على الطرق الزراعية.",
    ),
    ("paragraph", "شارك المقال:"),
    (
        "paragraph",
        "وكانت مدن جنوب العراق قد شهدت موجة جفاف قاسية الصيف الماضي أضرت بالمحاصيل الزراعية ومزارع الأسماك.",
    ),
]

BOX = EmbeddedSummary(
    label_lines=["ملخص المقال"],
    summary="فيضان شط العرب يغرق مئات المنازل في البصرة ويجبر آلاف العائلات على النزوح.",
    key_points=["إجلاء العائلات من الأحياء المنخفضة.", "الأرصاد تتوقع مزيدا من الأمطار."],
)
