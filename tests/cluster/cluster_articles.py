"""Hand-built articles for the cluster tests: real-style Arabic sentences, with the mentions
and time expressions the entity and date stages would give, written out by hand."""

from __future__ import annotations

from marsad.model import Article, Mention, Published, Sentence, TimeExpr

# (surface, entity id, label)
ENTITIES = {
    "الشيباني": ("Q_shaibani", "PERSON"),
    "بوتين": ("Q_putin", "PERSON"),
    "لافروف": ("Q_lavrov", "PERSON"),
    "الشرع": ("Q_sharaa", "PERSON"),
    "أبو قصرة": ("Q_abuqasra", "PERSON"),
    "موسكو": ("Q_moscow", "LOC"),
    "دمشق": ("Q_damascus", "LOC"),
    "الكرملين": ("Q_kremlin", "LOC"),
    "الرياض": ("Q_riyadh", "LOC"),
    "جدة": ("Q_jeddah", "LOC"),
    "السعودية": ("Q_saudi", "LOC"),
    "الهلال": ("Q_hilal", "ORG"),
    "النصر": ("Q_nassr", "ORG"),
}


def make_article(
    article_id: str,
    title: str,
    sentences: list[str],
    *,
    published: str | None = None,
    outlet: str = "outlet",
    dates: dict[str, str | None] | None = None,
) -> Article:
    """An article whose body is ``sentences`` (one per line). Every known entity surface found
    becomes a Mention; every key of ``dates`` found becomes a TimeExpr with that value (None =
    unresolved, e.g. a bare weekday)."""
    body = "\n".join(sentences)
    spans, pos = [], 0
    for i, text in enumerate(sentences):
        spans.append(Sentence(id=i, start=pos, end=pos + len(text), text=text, block=i))
        pos += len(text) + 1
    mentions = []
    for surface, (eid, label) in ENTITIES.items():
        start = body.find(surface)
        while start >= 0:
            sid = next(s.id for s in spans if s.start <= start < s.end)
            mentions.append(Mention(surface, start, start + len(surface), label, sid, surface, eid))  # type: ignore[arg-type]
            start = body.find(surface, start + 1)
    exprs = []
    for text, value in (dates or {}).items():
        start = body.find(text)
        assert start >= 0, text
        sid = next(s.id for s in spans if s.start <= start < s.end)
        kind = "weekday" if value is None else "absolute"
        exprs.append(
            TimeExpr(text, start, start + len(text), kind, "day" if value else "unknown", value, sentence=sid)
        )
    return Article(
        id=article_id,
        origin="test",
        outlet=outlet,
        url=None,
        title=title,
        body=body,
        published=Published(published, "metadata" if published else "none"),
        sentences=spans,
        mentions=sorted(mentions, key=lambda m: m.start),
        time_exprs=sorted(exprs, key=lambda t: t.start),
    )


def syria_russia_articles(october_weekday: str = "الأربعاء") -> list[Article]:
    """Three visits to Moscow: July (two reports, one undated), October (one undated report,
    only "اليوم الأربعاء", dated by another article's background), December (two reports,
    one with only weekdays). One story."""
    july = make_article(
        "a_july_dated",
        "الشيباني يلتقي بوتين في موسكو ويعلن مرحلة جديدة من التفاهم",
        [
            "التقى وزير الخارجية السوري أسعد الشيباني الرئيس الروسي فلاديمير بوتين في الكرملين.",
            "وأكد بوتين خلال اللقاء يوم 31 تموز رفض بلاده أي تدخلات إسرائيلية في الأراضي السورية.",
            "وقال الشيباني إن بلاده تريد تصحيح العلاقات مع روسيا ودعم إعادة الإعمار.",
            "وأعلن لافروف أن موسكو تنتظر زيارة الرئيس الشرع إلى روسيا في 15 تشرين الأول المقبل.",
        ],
        outlet="enab",
        dates={"31 تموز": "2025-07-31", "15 تشرين الأول": "2025-10-15"},
    )
    july_undated = make_article(
        "b_july_undated",
        "دمشق وموسكو تبدآن مرحلة جديدة من التفاهم بعد لقاء بوتين والشيباني",
        [
            "أعلنت وزارة الخارجية السورية أن لقاء الشيباني مع بوتين في الكرملين بداية مرحلة جديدة من التفاهم.",
            "وشدد بوتين على رفض التدخلات الإسرائيلية وتقسيم الأراضي السورية ودعم إعادة الإعمار.",
            "وأكد الشيباني التزام سوريا بتصحيح العلاقات مع روسيا على أسس جديدة.",
        ],
        outlet="syria_tv",
    )
    october = make_article(
        "c_october_undated",
        "الشرع في موسكو: نعيد تعريف العلاقات مع روسيا",
        [
            f"أجرى الرئيس السوري أحمد الشرع اليوم {october_weekday} زيارة رسمية إلى موسكو التقى خلالها بوتين في الكرملين.",
            "وبحث الشرع مع بوتين مشاريع الطاقة والغذاء والقمح والتعاون الاقتصادي.",
            "وقال الشرع إن بلاده تحترم الاتفاقيات السابقة مع روسيا.",
            "ورافق الشرع وزير الخارجية الشيباني، وبحث الجانبان العلاقات بين سوريا وروسيا وإعادة الإعمار.",
        ],
        outlet="alwatan",
        dates={october_weekday: None},
    )
    december = make_article(
        "d_december_dated",
        "بوتين يستقبل وزيري الخارجية والدفاع السوريين",
        [
            "استقبل الرئيس الروسي بوتين وزيري الخارجية والدفاع السوريين الشيباني و أبو قصرة في موسكو.",
            "ووصل الوفد السوري برئاسة الشيباني إلى موسكو في 23 كانون الأول لبحث الصناعات العسكرية.",
            "وضم الوفد وزير الدفاع مرهف أبو قصرة ومسؤولين من الاستخبارات العامة.",
            "وبحث الجانبان تصحيح العلاقات بين سوريا وروسيا ودعم إعادة الإعمار.",
            "وكان بوتين قد التقى الشرع في الكرملين في 15 أكتوبر الماضي.",
        ],
        outlet="cnn",
        dates={"23 كانون الأول": "2025-12-23", "15 أكتوبر": "2025-10-15"},
    )
    december_undated = make_article(
        "e_december_undated",
        "محادثات عسكرية بين الشيباني و أبو قصرة ولافروف في موسكو",
        [
            "أجرى بوتين و لافروف محادثات مع وزيري الخارجية والدفاع السوريين الشيباني و أبو قصرة في موسكو على مدى يومين.",
            "وأكد لافروف الأربعاء أن التعاون العسكري بين البلدين يشمل الصناعات العسكرية.",
            "وكان الشيباني و أبو قصرة قد التقيا بوتين الثلاثاء.",
        ],
        outlet="asharq",
        dates={"الأربعاء": None, "الثلاثاء": None},
    )
    return [july, july_undated, october, december, december_undated]


def football_article() -> Article:
    return make_article(
        "f_football",
        "الهلال يتغلب على النصر في ديربي الرياض",
        [
            "فاز فريق الهلال على ضيفه النصر بهدفين مقابل هدف في ديربي الرياض مساء الثلاثاء.",
            "وسجل مهاجم الهلال الهدف الثاني في الدقائق الأخيرة من المباراة.",
        ],
        published="2025-12-24",
        outlet="sabq",
    )
