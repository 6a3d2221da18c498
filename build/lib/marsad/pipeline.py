"""The pipeline: named stages composed in order, per article and then over the corpus.

Per-article stages are pure functions of one article (``Article -> Article``) and run in
worker processes; corpus stages see every article at once, on compact features. A stage
that fails on one article turns that article into a :class:`~marsad.model.Rejected` record
naming the stage and the error — the batch goes on and nothing is lost.

``run(paths, settings)`` is the whole job behind ``marsad run``: read, process, store,
analyse the corpus, write the report.
"""

from __future__ import annotations

import os
import traceback
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from marsad.analyze import split_article
from marsad.clean import CleanError, CleanSettings, clean_document
from marsad.dates import DateSettings, resolve_article
from marsad.entities import EntitySettings, extract_mentions
from marsad.model import Article, Document, DuplicateGroup, Entity, Event, Rejected, Story
from marsad.summarize import SummarySettings, summarize_article


@dataclass
class Settings:
    """Everything a run can be told, gathered at the edge (CLI, web, API call)."""

    store: Path | str = Path("marsad.db")  # a SQLite file, or a postgresql:// URL
    workers: int = field(default_factory=lambda: max(1, min(4, os.cpu_count() or 1)))
    parallel_threshold: int = 200  # below this many documents, processes cost more than they save
    chunk_size: int = 64
    clean: CleanSettings = field(default_factory=CleanSettings)
    dates: DateSettings = field(default_factory=DateSettings)
    entities: EntitySettings = field(default_factory=EntitySettings)
    summary: SummarySettings = field(default_factory=SummarySettings)
    lang: str = "ar"
    # "local": worker processes on this machine. "dask": the per-article stages as Dask tasks,
    # on the cluster at ``dask_scheduler`` (e.g. "tcp://10.0.0.5:8786") or, when None, on
    # Dask's local scheduler — for backfills larger than one machine should take.
    executor: str = "local"
    dask_scheduler: str | None = None


ArticleStage = Callable[[Article, Settings], Article]

# The per-article stages after cleaning, in order. Adding a stage means adding one entry.
ARTICLE_STAGES: list[tuple[str, ArticleStage]] = [
    ("analyze", lambda a, s: split_article(a)),
    ("dates", lambda a, s: resolve_article(a, s.dates)),
    ("entities", lambda a, s: extract_mentions(a, s.entities)),
    ("summarize", lambda a, s: _with_summary(a, s)),
]


def _with_summary(article: Article, settings: Settings) -> Article:
    article.summary = summarize_article(article, settings.summary)
    return article


def process_document(doc: Document, settings: Settings) -> Article | Rejected:
    """Clean one document and run every per-article stage on it."""
    try:
        article = clean_document(doc, settings.clean)
    except CleanError as exc:
        detail = "" if exc.detail == doc.origin else exc.detail
        return Rejected(doc.origin, exc.reason, detail, doc.text[:200])
    except Exception as exc:  # one bad article must not stop the batch: record it with the stage and error
        return _failed(doc, "clean", exc)
    for name, stage in ARTICLE_STAGES:
        try:
            article = stage(article, settings)
        except Exception as exc:  # noqa: BLE001 — same reason as above
            return _failed(doc, name, exc)
    return article


def _failed(doc: Document, stage: str, exc: Exception) -> Rejected:
    where = traceback.extract_tb(exc.__traceback__)[-1] if exc.__traceback__ else None
    detail = f"{type(exc).__name__}: {exc}" + (
        f" ({Path(where.filename).name}:{where.lineno})" if where else ""
    )
    return Rejected(doc.origin, f"stage_failed:{stage}", detail, doc.text[:200])


def _process_chunk(args: tuple[list[Document], Settings]) -> list[Article | Rejected]:
    docs, settings = args
    return [process_document(d, settings) for d in docs]


def process_documents(
    docs: list[Document], settings: Settings, progress: Callable[[int], None] | None = None
) -> Iterator[Article | Rejected]:
    """Process documents, in worker processes when there are enough; results keep input order."""
    if settings.executor == "dask":
        yield from _process_with_dask(docs, settings, progress)
        return
    if len(docs) < settings.parallel_threshold or settings.workers <= 1:
        for doc in docs:
            yield process_document(doc, settings)
            if progress:
                progress(1)
        return
    chunks = [docs[i : i + settings.chunk_size] for i in range(0, len(docs), settings.chunk_size)]
    with ProcessPoolExecutor(max_workers=settings.workers) as pool:
        for results in pool.map(_process_chunk, ((c, settings) for c in chunks)):
            yield from results
            if progress:
                progress(len(results))


def _process_with_dask(
    docs: list[Document], settings: Settings, progress: Callable[[int], None] | None
) -> Iterator[Article | Rejected]:
    try:
        import dask.bag as db
    except ImportError as exc:
        raise RuntimeError(
            "the dask executor needs the optional extra: pip install 'marsad[distributed]'"
        ) from exc
    chunks = [docs[i : i + settings.chunk_size] for i in range(0, len(docs), settings.chunk_size)]
    bag = db.from_sequence([(c, settings) for c in chunks], npartitions=max(1, min(len(chunks), 256)))
    mapped = bag.map(_process_chunk)
    if settings.dask_scheduler:
        from distributed import Client

        with Client(settings.dask_scheduler) as client:
            results = client.compute(mapped).result()
    else:
        results = mapped.compute(scheduler="processes", num_workers=settings.workers)
    for chunk_results in results:
        yield from chunk_results
        if progress:
            progress(len(chunk_results))


# ---------------------------------------------------------------------------- corpus


@dataclass
class CorpusResult:
    articles: list[Article]
    duplicates: list[DuplicateGroup]
    entities: list[Entity]
    events: list[Event]
    stories: list[Story]


def analyze_corpus(articles: list[Article], settings: Settings) -> CorpusResult:
    """Duplicates, entities, events (with dates inferred through them), stories, summaries."""
    from marsad.cluster import cluster_events, cluster_stories, reanchor_members
    from marsad.dedup import find_duplicates
    from marsad.entities import resolve_entities
    from marsad.summarize import summarize_event, summarize_story

    # Dates taken from an event on an earlier run are forgotten first, so that running the
    # corpus stages again over the same articles gives the same events (and event ids).
    articles = [_without_event_dates(a, settings) for a in articles]
    # Same input in any order gives the same output: fix the order first.
    articles = sorted(articles, key=lambda a: ((a.published.date or "") if a.published else "", a.id))
    duplicates = find_duplicates(articles)
    entities = resolve_entities(articles, settings.entities)
    events = cluster_events(articles)
    reanchor_members(events, articles)
    stories = cluster_stories(events, articles)
    by_id = {a.id: a for a in articles}
    for event in events:
        event.summary = summarize_event(event, by_id, settings.summary)
    events_by_id = {e.id: e for e in events}
    for story in stories:
        story.summary = summarize_story(story, events_by_id, settings.summary)
    return CorpusResult(articles, duplicates, entities, events, stories)


def _without_event_dates(article: Article, settings: Settings) -> Article:
    from_event = (article.published is not None and article.published.source == "event") or any(
        t.anchor_source == "event" for t in article.time_exprs
    )
    if not from_event:
        return article
    article.published = None
    return resolve_article(article, settings.dates)


# ---------------------------------------------------------------------------- the whole job


@dataclass
class RunResult:
    new_articles: int
    known_articles: int
    rejected: list[Rejected]
    corpus: CorpusResult | None
    store: Path | str
    report: Path | None = None


def ingest(
    paths: Iterable[str | Path],
    settings: Settings,
    *,
    on_rejected: Callable[[Rejected], None] | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> RunResult:
    """Read, clean and analyse every article in ``paths`` and add the new ones to the store."""
    from marsad.ingest import read_sources
    from marsad.store import open_store

    docs: list[Document] = []
    rejected: list[Rejected] = []
    store = open_store(settings.store)
    try:
        known = store.known_ids()
        seen: set[str] = set()
        known_count = 0
        for item in read_sources(paths):
            if isinstance(item, Rejected):
                rejected.append(item)
                if on_rejected:
                    on_rejected(item)
            elif item.doc_id in known or item.doc_id in seen:
                known_count += 1  # re-ingesting the same article adds nothing
            else:
                seen.add(item.doc_id)
                docs.append(item)
        done = 0
        batch: list[Article] = []
        new = 0

        def tick(n: int) -> None:
            nonlocal done
            done += n
            if progress:
                progress(done, len(docs))

        for result in process_documents(docs, settings, tick):
            if isinstance(result, Rejected):
                rejected.append(result)
                if on_rejected:
                    on_rejected(result)
                continue
            batch.append(result)
            if len(batch) >= 500:
                new += store.add_articles(batch)
                batch = []
        new += store.add_articles(batch)
        store.add_rejected(rejected)
    finally:
        store.close()
    return RunResult(new, known_count, rejected, None, settings.store)


def update_corpus(settings: Settings) -> CorpusResult:
    """Recompute the corpus stages over every stored article and save them."""
    from marsad.store import open_store

    store = open_store(settings.store)
    try:
        articles = list(store.iter_articles())
        result = analyze_corpus(articles, settings)
        store.replace_corpus(
            entities=result.entities,
            events=result.events,
            stories=result.stories,
            duplicates=result.duplicates,
            articles=result.articles,
        )
    finally:
        store.close()
    return result


def run(
    paths: Iterable[str | Path],
    settings: Settings,
    out: Path | None = None,
    *,
    on_rejected: Callable[[Rejected], None] | None = None,
    progress: Callable[[int, int], None] | None = None,
    on_phase: Callable[[str], None] | None = None,
) -> RunResult:
    """The whole job: ingest, corpus analysis, and (when ``out`` is given) the report."""
    result = ingest(paths, settings, on_rejected=on_rejected, progress=progress)
    if on_phase:
        on_phase("corpus")
    result.corpus = update_corpus(settings)
    if out is not None:
        if on_phase:
            on_phase("report")
        from marsad.report import write_report

        write_report(settings.store, out, result, lang=settings.lang)
        result.report = out
    return result
