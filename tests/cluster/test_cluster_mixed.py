"""Order and company do not change a result: the five seeds beside a few hundred real
SaudiNewsNet articles, in several input orders, still give exactly their gold events and
one story of their own.

Every article goes through the real per-article stages (clean, sentences, dates, entities)
and the corpus stages (duplicates, entity resolution, events, re-anchoring, stories). Skips
cleanly when the corpus is not there.
"""

from __future__ import annotations

import json
import random
import zipfile
from pathlib import Path

import pytest

from marsad.model import Article

REPO = Path(__file__).resolve().parents[2]
# ../shared/corpus beside the checkout (a git worktree sits one level deeper)
CORPUS = next(
    (p for p in (REPO.parent / "shared" / "corpus", REPO.parents[1] / "shared" / "corpus") if p.exists()),
    REPO.parent / "shared" / "corpus",
)
SEEDS = CORPUS / "seeds"
DAYS = ["2015-07-21", "2015-08-06"]  # a day before any annotated set, and one between them
PER_DAY = 150


def _prefix(article: Article) -> str:
    return Path(article.origin.split("#")[0].split("!")[0]).stem


@pytest.fixture(scope="module")
def mixed() -> tuple[list[Article], set[str], dict]:
    zips = [CORPUS / "saudinewsnet" / "dataset" / f"{d}.zip" for d in DAYS]
    if not (SEEDS / "gold.json").exists() or not all(z.exists() for z in zips):
        pytest.skip("seed corpus or SaudiNewsNet not present")
    from marsad.entities import resolve_entities
    from marsad.ingest import read_bytes, read_sources
    from marsad.pipeline import Settings, process_document

    settings = Settings(workers=1)
    docs = list(read_sources(sorted(SEEDS.glob("0*.txt"))))
    seed_origins = {d.origin for d in docs}
    for path in zips:
        with zipfile.ZipFile(path) as zf:
            records = [r for name in sorted(zf.namelist()) for r in json.loads(zf.read(name))]
        sample = random.Random(path.stem).sample(records, PER_DAY)
        data = json.dumps(sample, ensure_ascii=False).encode()
        docs.extend(read_bytes(data, f"{path.stem}.json"))
    articles = []
    for doc in docs:
        if not hasattr(doc, "text"):
            continue  # a record the reader rejected
        result = process_document(doc, settings)
        if isinstance(result, Article):
            articles.append(result)
    seeds = {a.id for a in articles if a.origin in seed_origins}
    assert len(seeds) == 5
    resolve_entities(articles)
    return articles, seeds, json.loads((SEEDS / "gold.json").read_text(encoding="utf-8"))


def _cluster(articles: list[Article]):  # type: ignore[no-untyped-def]
    import copy

    from marsad.cluster import cluster_events, cluster_stories, reanchor_members
    from marsad.dedup import find_duplicates

    articles = copy.deepcopy(articles)
    find_duplicates(articles)
    events = cluster_events(articles)
    reanchor_members(events, articles)
    stories = cluster_stories(events, articles)
    return articles, events, stories


@pytest.mark.parametrize("order", [0, 1, 2])
def test_seeds_keep_their_gold_events_and_story_among_real_news(mixed, order) -> None:
    articles, seeds, gold = mixed
    articles = list(articles)
    if order == 1:
        articles.reverse()
    elif order == 2:
        random.Random(7).shuffle(articles)
    articles, events, stories = _cluster(articles)
    name = {a.id: _prefix(a) for a in articles if a.id in seeds}

    seed_events = [e for e in events if set(e.articles) & seeds]
    got = sorted(sorted(name.get(a, a) for a in e.articles) for e in seed_events)
    want = sorted(sorted(g["reported_by"]) for g in gold["events"])
    assert got == want, "seed events mixed with other news or split"
    for e in seed_events:
        g = next(g for g in gold["events"] if sorted(g["reported_by"]) == sorted(name[a] for a in e.articles))
        assert (e.date, e.date_end) == (g["date"], g.get("end_date", g["date"])), g["id"]

    story_ids = {e.story_id for e in seed_events}
    assert len(story_ids) == 1, "the seed events fall in more than one story"
    story = next(s for s in stories if s.id in story_ids)
    assert sorted(story.events) == sorted(e.id for e in seed_events), "other news joined the seed story"


def test_input_order_does_not_change_any_event(mixed) -> None:
    articles, _, _ = mixed
    runs = []
    for seed in (1, 2):
        shuffled = list(articles)
        random.Random(seed).shuffle(shuffled)
        _, events, stories = _cluster(shuffled)
        runs.append(
            (
                sorted((e.id, tuple(sorted(e.articles)), e.date, e.label) for e in events),
                sorted((s.id, tuple(sorted(s.events)), s.label) for s in stories),
            )
        )
    assert runs[0] == runs[1]
