"""Stores for the web tests: a small hand-written corpus, and the seeds store.

The hand-written corpus is built from realistic Arabic sentences with offsets computed here
(not copied from any program's output), so tests can assert exactly what a page must show.
It includes a hostile article (``<script>``, HTML entities, a ``javascript:`` URL).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from marsad.analyze import split_article
from marsad.model import (
    Article,
    Block,
    Disagreement,
    DuplicateGroup,
    EmbeddedSummary,
    Entity,
    Event,
    KeyPoint,
    Mention,
    Published,
    RemovedLine,
    RoleStatement,
    SourceRef,
    Story,
    Summary,
    TimeExpr,
)
from marsad.store import SQLiteStore

REPO = Path(__file__).resolve().parents[2]
SEEDS = REPO / ".." / "shared" / "corpus" / "seeds"

XSS = "<script>alert(1)</script>"
ENTITY_NAMES = {
    "أيمن الصفدي": ("e-safadi", "PERSON"),
    "الصفدي": ("e-safadi", "PERSON"),
    "بدر عبد العاطي": ("e-abdelatty", "PERSON"),
    "عبد العاطي": ("e-abdelatty", "PERSON"),
    "القاهرة": ("e-cairo", "LOC"),
    "عمّان": ("e-amman", "LOC"),
    "الرياض": ("e-riyadh", "LOC"),
}


def make_article(
    ident: str,
    outlet: str,
    title: str,
    paragraphs: list[str],
    published: str,
    dates: dict[str, str] | None = None,
    **extra: object,
) -> Article:
    """An analysed article: blocks, sentences, and the known names and dates found by offset."""
    body = "\n\n".join(paragraphs)
    blocks, pos = [], 0
    for p in paragraphs:
        blocks.append(Block("paragraph", p, pos, pos + len(p)))
        pos += len(p) + 2
    art = Article(
        id=ident,
        origin=f"test:{ident}",
        outlet=outlet,
        url=f"https://example.org/{ident}",
        title=title,
        body=body,
        blocks=blocks,
        published=Published(published, "metadata"),
        **extra,
    )
    split_article(art)

    def sentence_of(start: int) -> int:
        return next((s.id for s in art.sentences if s.start <= start < s.end), -1)

    taken: list[tuple[int, int]] = []
    for name in sorted(ENTITY_NAMES, key=len, reverse=True):  # longest first: "أيمن الصفدي" before "الصفدي"
        eid, label = ENTITY_NAMES[name]
        for m in re.finditer(re.escape(name), body):
            if any(a < m.end() and m.start() < b for a, b in taken):
                continue
            taken.append((m.start(), m.end()))
            art.mentions.append(
                Mention(name, m.start(), m.end(), label, sentence_of(m.start()), entity_id=eid)
            )
    art.mentions.sort(key=lambda m: m.start)
    for text, value in (dates or {}).items():
        start = body.index(text)
        art.time_exprs.append(
            TimeExpr(text, start, start + len(text), "absolute", "day", value, sentence=sentence_of(start))
        )
    return art


def sample_articles() -> list[Article]:
    a1 = make_article(
        "a1",
        "الغد",
        "الصفدي يصل إلى القاهرة لبحث ملف المياه",
        [
            "وصل وزير الخارجية الأردني أيمن الصفدي إلى القاهرة يوم الاثنين في زيارة تستمر يومين.",
            "وبحث الصفدي مع نظيره المصري بدر عبد العاطي التعاون في ملف المياه والطاقة.",
        ],
        "2025-03-10",
        {"يوم الاثنين": "2025-03-10"},
        removed=[RemovedLine("شارك هذا المقال", "share"), RemovedLine("إعلان", "ad")],
    )
    a1.summary = Summary(
        "a1",
        "زيارة الصفدي إلى القاهرة لبحث المياه والطاقة.",
        [KeyPoint("الصفدي في القاهرة لبحث ملف المياه", [SourceRef("a1", 1, "الغد")])],
    )
    a2 = make_article(
        "a2",
        "الأهرام",
        "عبد العاطي يستقبل نظيره الأردني في القاهرة",
        [
            "استقبل وزير الخارجية بدر عبد العاطي نظيره الأردني أيمن الصفدي في القاهرة الثلاثاء 11 مارس 2025.",
            "واتفق الوزيران على تشكيل لجنة مشتركة تجتمع في عمّان كل ثلاثة أشهر.",
        ],
        "2025-03-11",
        {"الثلاثاء 11 مارس 2025": "2025-03-11"},
        embedded_summary=EmbeddedSummary(["ملخص الخبر"], "لقاء أردني مصري في القاهرة.", ["لجنة مشتركة"]),
    )
    a3 = make_article(
        "a3",
        "الغد",
        f"اجتماع اللجنة {XSS} في عمّان &amp; &lt;",
        [f"عقدت اللجنة المشتركة اجتماعها الأول في عمّان {XSS} بحضور الصفدي &amp; وفد &lt;مصري&gt;."],
        "2025-04-02",
    )
    a3.url = "javascript:alert(1)"
    a4 = make_article("a4", "وكالة بترا", a1.title, [b.text for b in a1.blocks], "2025-03-10")
    a4.duplicate_of = "a1"
    a5 = make_article(
        "a5",
        "الرياض",
        "افتتاح معرض الكتاب في الرياض",
        ["افتتح معرض الرياض الدولي للكتاب أبوابه أمس بمشاركة أكثر من ألف دار نشر."],
        "2024-10-01",
    )
    return [a1, a2, a3, a4, a5]


def sample_corpus(articles: list[Article]) -> dict:
    by_id = {a.id: a for a in articles}
    e1 = Event(
        "ev1",
        "زيارة الصفدي إلى القاهرة",
        ["a1", "a2", "a4"],
        outlets=["الغد", "الأهرام", "وكالة بترا"],
        date="2025-03-10",
        place="القاهرة",
        participants=["e-safadi", "e-abdelatty"],
        story_id="st1",
        summary=Summary(
            "ev1",
            "وزيرا خارجية الأردن ومصر يبحثان ملف المياه في القاهرة.",
            [
                KeyPoint(
                    "وصول الصفدي إلى القاهرة", [SourceRef("a1", 0, "الغد"), SourceRef("a2", 0, "الأهرام")]
                ),
                KeyPoint("الاتفاق على لجنة مشتركة", [SourceRef("a2", 1, "الأهرام")]),
            ],
            opening_sources=[SourceRef("a1", 0, "الغد"), SourceRef("a4", 0, "وكالة بترا")],
            disagreements=[
                Disagreement(
                    "date",
                    "المصادر تختلف في يوم اللقاء",
                    [
                        {"value": "2025-03-10", "outlets": ["الغد"], "sources": [SourceRef("a1", 0, "الغد")]},
                        {
                            "value": "2025-03-11",
                            "outlets": ["الأهرام"],
                            "sources": [SourceRef("a2", 0, "الأهرام")],
                        },
                    ],
                )
            ],
        ),
    )
    e2 = Event(
        "ev2", f"اجتماع اللجنة المشتركة {XSS}", ["a3"], ["الغد"], "2025-04-02", place="عمّان", story_id="st1"
    )
    e3 = Event("ev3", "افتتاح معرض الرياض للكتاب", ["a5"], ["الرياض"], "2024-10-01", story_id="st2")
    st1 = Story(
        "st1",
        "العلاقات الأردنية المصرية",
        ["ev1", "ev2"],
        "2025-03-10",
        "2025-04-02",
        ["e-safadi", "e-abdelatty"],
    )
    st2 = Story("st2", "معرض الرياض الدولي للكتاب", ["ev3"], "2024-10-01", "2024-10-01", ["e-riyadh"])
    for ev in (e1, e2, e3):
        for aid in ev.articles:
            by_id[aid].event_id = ev.id
    entities: dict[str, Entity] = {}
    for a in articles:
        for m in a.mentions:
            canonical = next(n for n, (i, _) in ENTITY_NAMES.items() if i == m.entity_id)
            ent = entities.setdefault(m.entity_id, Entity(m.entity_id, m.label, canonical))
            ent.mention_count += 1
            if a.id not in ent.articles:
                ent.articles.append(a.id)
            if m.text not in ent.variants:
                ent.variants.append(m.text)
    entities["e-safadi"].roles = [
        RoleStatement("وزير الخارجية الأردني", "2025-03-10", "a1", 0),
        RoleStatement("نائب رئيس الوزراء", "2024-01-05", "a2", 0),
    ]
    return dict(
        entities=list(entities.values()),
        events=[e1, e2, e3],
        stories=[st1, st2],
        duplicates=[DuplicateGroup("a1", ["a1", "a4"], "exact")],
        articles=articles,
    )


def build_sample_store(path: Path) -> Path:
    articles = sample_articles()
    with SQLiteStore(path) as store:
        store.add_articles(articles)
        store.replace_corpus(**sample_corpus(articles))
    return path


def build_seeds_store(path: Path) -> Path | None:
    """The seeds through the real pipeline; None when the pipeline or the seeds are unavailable."""
    if not SEEDS.is_dir():
        return None
    try:
        from marsad.pipeline import Settings, run
    except ImportError:
        return None
    run([SEEDS], Settings(store=path, workers=1))
    return path


def seed_gold() -> dict:
    return json.loads((SEEDS / "gold.json").read_text(encoding="utf-8"))


SNN = REPO / ".." / "shared" / "corpus" / "saudinewsnet" / "dataset"
# The 6 August 2015 suicide bombing of the Special Emergency Forces mosque in Asir (Abha):
# reported the same evening by eleven SaudiNewsNet outlets, with different death tolls.
SNN_DAYS = ("2015-08-06", "2015-08-07")
_ATTACK = re.compile(r"استشهاد|شهداء|انتحاري|تفجير مسجد|داعش|الداخلية|ضحايا|المصابين|قتلى")


def snn_event_articles(per_outlet: int = 3) -> list[dict]:
    """Real SaudiNewsNet records on that bombing, at most ``per_outlet`` per outlet."""
    import zipfile

    taken: dict[str, int] = {}
    chosen = []
    for day in SNN_DAYS:
        with zipfile.ZipFile(SNN / f"{day}.zip") as z:
            for name in z.namelist():
                for record in json.loads(z.read(name)):
                    title = record.get("title") or ""
                    if "تفجير" not in title and "استشهاد" not in title:
                        continue
                    if not _ATTACK.search(title) or not re.search(
                        "عسير|أبها|الطوارئ", title + record["content"][:600]
                    ):
                        continue
                    if taken.get(record["source"], 0) >= per_outlet:
                        continue
                    taken[record["source"]] = taken.get(record["source"], 0) + 1
                    chosen.append(record)
    return chosen


def build_snn_event_store(path: Path) -> tuple[Path, str] | None:
    """A store of real SaudiNewsNet articles (through the real pipeline) whose attack reports
    form one event covered by 10+ outlets; returns the store and that event's id.

    The articles, entities, dates and the event summary (with its disagreements) are all the
    pipeline's own; only the grouping into one event is set here, so the page can be tested on
    a many-outlet event however the clusterer of the day splits this small sample.
    """
    if not SNN.is_dir():
        return None
    from marsad.pipeline import Settings, run
    from marsad.summarize import summarize_event

    records = snn_event_articles()
    source = path.with_suffix(".json")
    source.write_text(json.dumps(records, ensure_ascii=False), encoding="utf-8")
    run([source], Settings(store=path, workers=1))
    with SQLiteStore(path) as store:
        articles = {a.id: a for a in store.iter_articles()}
        events = list(store.list_events(limit=10_000).items)
        entities = [store.get_entity(e.id) or e for e in store.list_entities(limit=100_000).items]
        members = sorted(a.id for a in articles.values() if not a.duplicate_of)
        first = min(
            (a.published.date for a in articles.values() if a.published and a.published.date), default=None
        )
        merged = Event(
            id="ev_snn_asir",
            label=max(events, key=lambda e: len(e.articles)).label,
            articles=members,
            outlets=sorted({articles[a].outlet for a in members if articles[a].outlet}),
            date=first,
            date_end=max(
                (a.published.date for a in articles.values() if a.published and a.published.date),
                default=None,
            ),
            place=next((e.place for e in events if e.place), None),
            participants=sorted({p for e in events for p in e.participants}),
            story_id="st_snn_asir",
        )
        merged.summary = summarize_event(merged, articles)
        for a in articles.values():
            a.event_id = merged.id
        story = Story(
            id="st_snn_asir",
            label=merged.label,
            events=[merged.id],
            date=merged.date,
            date_end=merged.date_end,
            actors=merged.participants[:12],
        )
        store.replace_corpus(
            entities=entities,
            events=[merged],
            stories=[story],
            duplicates=store.duplicates(),
            articles=list(articles.values()),
        )
    return path, merged.id
