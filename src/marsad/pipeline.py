"""The pipeline: named stages composed in order, per article and then over the corpus.

Per-article stages are pure functions of one article (``Article -> Article``) and run in
worker processes; corpus stages see every article at once, on compact features. A stage
that fails on one article turns that article into a :class:`~marsad.model.Rejected` record
naming the stage and the error — the batch goes on and nothing is lost.

``run(paths, settings)`` is the whole job behind ``marsad run``: read, process, store,
analyse the corpus, write the report.
"""

from __future__ import annotations

import collections
import gc
import itertools
import json
import os
import stat
import sys
import time
import traceback
import uuid
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from marsad.analyze import split_article
from marsad.arabic.tokens import clear_caches
from marsad.clean import CleanError, CleanSettings, clean_document
from marsad.cluster import ClusterSettings
from marsad.dates import DateSettings, resolve_article
from marsad.dedup import DedupSettings
from marsad.entities import EntitySettings, extract_mentions
from marsad.events import extract_meetings, extract_quotes, link_entities
from marsad.model import Article, Document, DuplicateGroup, Entity, Event, Rejected, Story
from marsad.summarize import SummarySettings, summarize_article

if TYPE_CHECKING:
    from marsad.incremental import CorpusState
    from marsad.store import Store
    from marsad.store.base import PreparedArticle


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
    dedup: DedupSettings = field(default_factory=DedupSettings)
    cluster: ClusterSettings = field(default_factory=ClusterSettings)
    # The corpus stages take new articles this many at a time (in arrival batch, then
    # publication order): memory stays bounded, and a rebuild cuts the same chunks.
    corpus_chunk: int = 2000
    # How the corpus state is kept between updates: "auto" saves it whole when replaying the
    # chunks logged since the last save would cost more than saving (see update_corpus),
    # "whole" after every update, "log" only the chunks (the state is saved whole once, when
    # made). Results are the same whichever is used; only the cost differs.
    state_saving: str = "auto"
    lang: str = "ar"
    # "local": worker processes on this machine. "dask": the per-article stages as Dask tasks,
    # on the cluster at ``dask_scheduler`` (e.g. "tcp://10.0.0.5:8786") or, when None, on
    # Dask's local scheduler — for backfills larger than one machine should take.
    executor: str = "local"
    dask_scheduler: str | None = None


ArticleStage = Callable[[Article, Settings], Article]

# The per-article stages after cleaning, in order. Adding a stage means adding one entry.
# The one rule for every stage: it updates the article it is given and returns that same
# record (tests/core/test_pipeline.py checks it for each entry).
ARTICLE_STAGES: list[tuple[str, ArticleStage]] = [
    ("analyze", lambda a, s: split_article(a)),
    ("dates", lambda a, s: resolve_article(a, s.dates)),
    ("entities", lambda a, s: extract_mentions(a, s.entities)),
    ("quotes", lambda a, s: extract_quotes(a)),
    ("meetings", lambda a, s: extract_meetings(a)),
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
    if doc.notices:
        article.notices = [*doc.notices, *article.notices]
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
    global _FREEZE_AFTER_CHUNK
    docs, settings = args
    results = [process_document(d, settings) for d in docs]
    if _FREEZE_AFTER_CHUNK:  # the models and lexicons are loaded now: out of the collections
        gc.freeze()
        _FREEZE_AFTER_CHUNK = False
    return results


# A worker process allocates many short-lived containers per article (tokens, spans,
# records) beside large long-lived ones (models, lexicons, caches). With the default
# thresholds the cyclic GC took ~6% of a worker's CPU, mostly rescanning the long-lived
# ones (1,000 SaudiNewsNet articles: 1.30 of 21.0 CPU-s; 0.16 with these settings). So in a
# worker what exists at start, and again after the first chunk, is frozen out of the
# collections, and collections are rarer. Reference counting still frees every acyclic
# object at once; only garbage cycles wait longer. The results are the same.
_WORKER_GC_THRESHOLDS = (10_000, 50, 100)
_FREEZE_AFTER_CHUNK = False


def _worker_init(parent: int) -> None:
    """Worker initializer: die with the parent process; spend little time in the GC."""
    global _FREEZE_AFTER_CHUNK
    _exit_with_parent(parent)
    gc.freeze()
    gc.set_threshold(*_WORKER_GC_THRESHOLDS)
    _FREEZE_AFTER_CHUNK = True


def process_documents(
    docs: Iterable[Document],
    settings: Settings,
    progress: Callable[[int], None] | None = None,
    *,
    for_store: bool = False,
) -> Iterator[Article | PreparedArticle | Rejected]:
    """Process documents, in worker processes when there are enough; results keep input order.

    ``docs`` is read as the work goes: only a few chunks per worker are in flight at once, so
    memory holds those chunks and their results, not the whole input or every article.
    With ``for_store``, worker processes send each article back as the store writes it (a
    :class:`~marsad.store.base.PreparedArticle`: its row and search values, made there)
    instead of pickling the whole record to this process and making the row here.
    """
    if settings.executor == "dask":
        yield from _process_with_dask(docs, settings, progress)
        return
    it = iter(docs)
    head = list(itertools.islice(it, settings.parallel_threshold))
    if len(head) < settings.parallel_threshold or settings.workers <= 1:
        for doc in itertools.chain(head, it):
            yield process_document(doc, settings)
            if progress:
                progress(1)
        return
    chunks = _chunked(itertools.chain(head, it), settings.chunk_size)
    work = _process_chunk_for_store if for_store else _process_chunk
    with _worker_pool(settings.workers) as pool:
        in_flight: collections.deque = collections.deque()
        for chunk in chunks:
            in_flight.append(pool.submit(work, (chunk, settings)))
            if len(in_flight) >= settings.workers * _AHEAD:
                yield from _done(in_flight.popleft().result(), progress)
        while in_flight:
            yield from _done(in_flight.popleft().result(), progress)


_AHEAD = 3  # chunks in flight per worker: enough to keep every worker busy


def _process_chunk_for_store(args: tuple[list[Document], Settings]) -> list[PreparedArticle | Rejected]:
    from marsad.store.sqlite import prepare_article

    return [prepare_article(r) if isinstance(r, Article) else r for r in _process_chunk(args)]


def _chunked(docs: Iterable[Document], size: int) -> Iterator[list[Document]]:
    it = iter(docs)
    while chunk := list(itertools.islice(it, size)):
        yield chunk


def _done(results: list[Article | Rejected], progress: Callable[[int], None] | None) -> list:
    if progress:
        progress(len(results))
    return results


class ExecutorError(RuntimeError):
    """The executor cannot run the stages (a missing extra, an unreachable or dead cluster):
    one clear line for the user, never a traceback."""


def _exit_with_parent(parent: int) -> None:
    """Worker initializer: die with the parent process, even when it is killed with SIGKILL
    (no clean shutdown then tells the pool's workers to stop)."""
    import signal
    import threading

    try:
        import ctypes

        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass

    def watch() -> None:  # where prctl is missing, and for parents that exit by other means
        import time

        while os.getppid() == parent:
            time.sleep(1.0)
        os._exit(1)

    threading.Thread(target=watch, daemon=True, name="marsad-parent-watch").start()


def _worker_pool(workers: int) -> ProcessPoolExecutor:
    return ProcessPoolExecutor(max_workers=workers, initializer=_worker_init, initargs=(os.getpid(),))


# How long a Dask run may go without a single worker before it gives up, and how long it
# waits for the scheduler at start.
DASK_NO_WORKER_GRACE_S = 30.0
DASK_CONNECT_TIMEOUT_S = 10.0


def _process_with_dask(
    docs: Iterable[Document], settings: Settings, progress: Callable[[int], None] | None
) -> Iterator[Article | Rejected]:
    """Per-article stages as Dask tasks, one per chunk; results come back as chunks finish
    (kept in input order: a finished chunk waits only for the chunks before it), so articles
    are stored and progress shown while the rest still runs."""
    try:
        import dask
    except ImportError as exc:
        raise ExecutorError(
            "the dask executor needs the optional extra: pip install 'marsad[distributed]'"
        ) from exc
    if settings.dask_scheduler:
        yield from _process_on_cluster(_chunk_parts(docs, settings.chunk_size), settings, progress)
        return
    chunks = list(_chunked(docs, settings.chunk_size))
    # Dask's local process scheduler returns a whole compute at once: compute in waves of a
    # few chunks per worker, so results still stream back. The pool's workers die with us.
    wave = max(1, settings.workers) * 4
    with _worker_pool(settings.workers) as pool:
        for start in range(0, len(chunks), wave):
            tasks = [dask.delayed(_process_chunk)((c, settings)) for c in chunks[start : start + wave]]
            for results in dask.compute(
                *tasks, scheduler="processes", num_workers=settings.workers, pool=pool
            ):
                yield from results
                if progress:
                    progress(len(results))


@dataclass(frozen=True)
class SourceSlice:
    """Documents a Dask worker reads from their file itself, so that their text does not
    travel through the scheduler: the ids, in order, of documents in ``path``, which the
    main process saw with this size and modification time."""

    path: str
    size: int
    mtime_ns: int
    ids: tuple[str, ...]


ChunkPart = Document | SourceSlice


def _source_file(origin: str, cache: dict[str, os.stat_result | None]) -> tuple[str, os.stat_result] | None:
    """The regular file a document was read from (its origin is the path, or the path with
    "#N" or "!member#N"), with its stat; None when there is no such file (a feed, bytes)."""
    for candidate in (origin, origin.split("!", 1)[0], origin.rsplit("#", 1)[0]):
        if candidate not in cache:
            try:
                st = os.stat(candidate)
                cache[candidate] = st if stat.S_ISREG(st.st_mode) else None
            except (OSError, ValueError):
                cache[candidate] = None
        found = cache[candidate]
        if found is not None:
            return candidate, found
    return None


def _chunk_parts(docs: Iterable[Document], size: int) -> list[list[ChunkPart]]:
    """Chunks of ``size`` documents, each as parts: runs of documents from one file become a
    :class:`SourceSlice` (the worker reads the file), the others stay whole Documents. Only
    the slices are kept here, not the texts they stand for."""
    cache: dict[str, os.stat_result | None] = {}
    chunks: list[list[ChunkPart]] = []
    for chunk in _chunked(docs, size):
        parts: list[ChunkPart] = []
        for doc in chunk:
            found = _source_file(doc.origin, cache)
            if found is None:
                parts.append(doc)
                continue
            path, st = found
            last = parts[-1] if parts else None
            if isinstance(last, SourceSlice) and last.path == path:
                parts[-1] = SourceSlice(path, last.size, last.mtime_ns, (*last.ids, doc.doc_id))
            else:
                parts.append(SourceSlice(path, st.st_size, st.st_mtime_ns, (doc.doc_id,)))
        chunks.append(parts)
    return chunks


def _read_slice(part: SourceSlice) -> list[Document] | None:
    """The slice's documents, read from its file; None when this machine cannot see the file
    as the main process saw it (missing, changed, or a document no longer in it)."""
    try:
        st = os.stat(part.path)
    except OSError:
        return None
    if (st.st_size, st.st_mtime_ns) != (part.size, part.mtime_ns):
        return None
    found = _slice_documents(part)
    if len(found) < len(set(part.ids)):
        return None
    return [found[i] for i in part.ids]


def _slice_documents(part: SourceSlice) -> dict[str, Document]:
    """The documents of ``part``'s file that the slice names, by id (fewer when the file no
    longer holds some of them)."""
    from marsad.ingest import read_sources

    wanted = set(part.ids)
    return {d.doc_id: d for d in read_sources([part.path]) if isinstance(d, Document) and d.doc_id in wanted}


def _process_parts(args: tuple[list[ChunkPart], Settings]) -> list[Article | Rejected | SourceSlice]:
    """A Dask task: process a chunk, reading its slices from their files. A slice this worker
    cannot read comes back as it went, for the main process to send again with its text."""
    parts, settings = args
    out: list[Article | Rejected | SourceSlice] = []
    for part in parts:
        if isinstance(part, Document):
            out.append(process_document(part, settings))
            continue
        docs = _read_slice(part)
        if docs is None:
            out.append(part)
        else:
            out.extend(process_document(d, settings) for d in docs)
    return out


def _process_on_cluster(
    chunks: list[list[ChunkPart]], settings: Settings, progress: Callable[[int], None] | None
) -> Iterator[Article | Rejected]:
    """Chunks as tasks on a Dask cluster, results yielded in input order as they finish, so
    that the caller stores what is done even when the cluster fails later. Workers read the
    documents from their files when they can see them (a shared disk); what a worker could not
    read is read here and sent with its text."""
    address = settings.dask_scheduler
    try:
        from distributed import Client
    except ImportError as exc:
        raise ExecutorError(
            f"--dask {address} needs the 'distributed' package: pip install 'marsad[distributed]'"
        ) from exc
    try:
        client = Client(address, timeout=DASK_CONNECT_TIMEOUT_S)
    except (OSError, TimeoutError, ValueError) as exc:
        raise ExecutorError(f"cannot reach the Dask scheduler at {address} ({type(exc).__name__})") from exc
    with client:
        futures = client.map(_process_parts, [(c, settings) for c in chunks], pure=False)
        for done, future in enumerate(futures):
            chunk_results: list[Article | Rejected] = []
            for item in _cluster_result(client, future, address, done, len(futures)):
                if isinstance(item, SourceSlice):
                    chunk_results.extend(_send_with_text(client, item, settings, address, done, len(futures)))
                else:
                    chunk_results.append(item)
            yield from chunk_results
            if progress:
                progress(len(chunk_results))


def _send_with_text(
    client, part: SourceSlice, settings: Settings, address: str | None, done: int, total: int
) -> list[Article | Rejected]:
    """A slice no worker could read: read it here and send the documents themselves."""
    found = _slice_documents(part)
    missing = [
        Rejected(part.path, "unreadable", f"document {i} is no longer in the file")
        for i in part.ids
        if i not in found
    ]
    docs = [found[i] for i in part.ids if i in found]
    if not docs:
        return list(missing)
    future = client.submit(_process_chunk, (docs, settings), pure=False)
    return [*_cluster_result(client, future, address, done, total), *missing]


def _cluster_result(client, future, address: str | None, done: int, total: int) -> list:
    import time

    alone_since: float | None = None
    while True:
        try:
            return future.result(timeout=2.0)
        except TimeoutError:
            pass
        except OSError as exc:
            raise ExecutorError(
                f"lost the Dask scheduler at {address} after {done} of {total} chunks"
            ) from exc
        try:
            workers = len(client.scheduler_info().get("workers", {}))
        except (OSError, TimeoutError) as exc:
            raise ExecutorError(
                f"lost the Dask scheduler at {address} after {done} of {total} chunks"
            ) from exc
        if workers:
            alone_since = None
        elif alone_since is None:
            alone_since = time.monotonic()
        elif time.monotonic() - alone_since > DASK_NO_WORKER_GRACE_S:
            raise ExecutorError(
                f"no Dask worker left at {address} for {DASK_NO_WORKER_GRACE_S:g} s;"
                f" {done} of {total} chunks were done and are stored"
            )


# ---------------------------------------------------------------------------- corpus, batch


@dataclass
class CorpusResult:
    articles: list[Article]
    duplicates: list[DuplicateGroup]
    entities: list[Entity]
    events: list[Event]
    stories: list[Story]


def analyze_corpus(articles: list[Article], settings: Settings) -> CorpusResult:
    """All corpus stages over ``articles`` in memory, at once (benchmarks and tests; the
    commands go through :func:`update_corpus`, which keeps the state in the store)."""
    from marsad.cluster import cluster_events, cluster_stories, reanchor_members
    from marsad.dedup import find_duplicates
    from marsad.entities import date_roles, resolve_entities
    from marsad.summarize import summarize_event, summarize_story

    # Dates taken from an event on an earlier run are forgotten first, so that running the
    # corpus stages again over the same articles gives the same events (and event ids).
    articles = [_without_event_dates(a, settings) for a in articles]
    # Same input in any order gives the same output: fix the order first.
    articles = sorted(articles, key=lambda a: ((a.published.date or "") if a.published else "", a.id))
    duplicates = find_duplicates(articles, settings.dedup)
    entities = resolve_entities(articles, settings.entities)
    link_entities(articles)  # quote speakers and meeting participants get their entity ids
    events = cluster_events(articles, settings.cluster)
    reanchor_members(events, articles)
    date_roles(entities, articles, events)  # undated articles now carry their event's date
    stories = cluster_stories(events, articles, settings.cluster)
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


def _fresh(article: Article, settings: Settings) -> Article:
    """The article as the per-article stages left it: corpus links and event dates forgotten."""
    article.duplicate_of = article.event_id = None
    article.mentioned_events = []
    for m in article.mentions:
        m.entity_id = None
        # kept by the corpus state: one object for every mention, not one each
        m.label = sys.intern(m.label)  # type: ignore[assignment]
    return _without_event_dates(article, settings)


# ---------------------------------------------------------------------------- corpus, incremental


@dataclass
class CorpusStep:
    """One online step of the corpus stages: a chunk of new articles and what they touch.

    Corpus stages read and update the state and record here what must be written: stored
    articles whose links changed (``patched``), events, stories and entities to rewrite,
    events whose summary must be made again, and records merged away.
    """

    state: CorpusState
    store: Store
    articles: list[Article]
    patched: dict[str, Article] = field(default_factory=dict)
    events: set[str] = field(default_factory=set)
    resummarize: set[str] = field(default_factory=set)
    stories: set[str] = field(default_factory=set)
    entities: set[str] = field(default_factory=set)
    removed: list[tuple[str, str]] = field(default_factory=list)
    redirects: list[tuple[str, str, str]] = field(default_factory=list)

    def stored(self, article_id: str) -> Article | None:
        """A stored (older) article, loaded once and kept to be written back."""
        if article_id not in self.patched:
            found = self.store.get_article(article_id)
            if found is None:
                return None
            self.patched[article_id] = found
        return self.patched[article_id]


CorpusStage = Callable[[CorpusStep, Settings], None]


def _stage_duplicates(step: CorpusStep, settings: Settings) -> None:
    dedup = step.state.dedup
    for article_id in sorted(dedup.add(step.articles)):
        if (article := step.stored(article_id)) is not None:
            article.duplicate_of = dedup.duplicate_of.get(article_id)


def _stage_entities(step: CorpusStep, settings: Settings) -> None:
    index = step.state.entities
    before = set(index.entities)
    touched, merged = index.add(step.articles)
    step.entities |= touched
    new_ids = {a.id for a in step.articles}
    for old, kept in sorted(merged.items()):
        if old in before:  # it was written: remove it and say where it went
            step.removed.append(("entity", old))
            step.redirects.append(("entity", old, kept))
        step.entities.add(kept)
    if merged:
        moved = {a for kept in set(merged.values()) for a in index.entities[kept].articles} - new_ids
        for article_id in sorted(moved):
            article = step.stored(article_id)
            for m in article.mentions if article else []:
                if m.entity_id:
                    m.entity_id = index.resolve(m.entity_id)


def _stage_entity_links(step: CorpusStep, settings: Settings) -> None:
    # quote speakers and meeting participants get their entity ids (also where a merge moved them)
    link_entities([*step.articles, *step.patched.values()])


def _stage_events(step: CorpusStep, settings: Settings) -> None:
    from marsad.cluster import reanchor_members
    from marsad.incremental import compact_article

    c = step.state.clusterer
    described = {st.event.id: _event_view(st.event) for st in c.states}
    first_member = {st.event.id: st.event.articles[0] for st in c.states if st.event.articles}
    stories_before = {st.story.id: _story_view(st.story) for st in c.stories.states}
    first_event = {st.story.id: st.story.events[0] for st in c.stories.states if st.story.events}
    changed = c.add(step.articles)
    reanchor_members(changed, step.articles)
    # roles stated in an article dated only now, through its event, carry that date
    step.entities |= step.state.entities.date_roles([*step.articles, *step.patched.values()])
    step.resummarize |= {e.id for e in changed}
    step.events |= {e.id for e in changed}
    step.events |= {st.event.id for st in c.states if described.get(st.event.id) != _event_view(st.event)}
    now = {st.event.id for st in c.states}
    for gone in sorted(set(described) - now):  # merged into another event: it redirects there
        step.removed.append(("event", gone))
        kept = c.event_of_article(first_member[gone]) if gone in first_member else None
        if kept:
            step.redirects.append(("event", gone, kept))
    event_story = {st.event.id: st.event.story_id for st in c.states}
    stories_now = {st.story.id: st.story for st in c.stories.states}
    step.stories |= {
        sid for sid, story in stories_now.items() if stories_before.get(sid) != _story_view(story)
    }
    step.stories |= {sid for e in step.events if (sid := event_story.get(e))}
    for gone in sorted(set(stories_before) - set(stories_now)):
        step.removed.append(("story", gone))
        kept = event_story.get(c.event_of_article(first_member.get(first_event.get(gone, ""), "")) or "")
        if kept:
            step.redirects.append(("story", gone, kept))
    new_ids = {a.id for a in step.articles}
    # the clustered articles whose event links changed (only records read this step can have)
    for article_id in step.state.changed_articles():
        if article_id in new_ids:
            continue
        article = c.articles[article_id]
        if (stored := step.stored(article_id)) is not None:
            stored.event_id, stored.mentioned_events = article.event_id, list(article.mentioned_events)
    for article in step.articles:  # placed: the clusterer keeps only what it still reads
        c.articles[article.id] = compact_article(article)


def _event_view(event: Event) -> tuple:
    return (
        tuple(event.articles),
        tuple(event.mentioned_by),
        event.date,
        event.date_end,
        event.label,
        event.story_id,
        event.place,
        tuple(event.participants),
    )


def _story_view(story: Story) -> tuple:
    return (tuple(story.events), story.label, story.date, story.date_end, tuple(story.actors))


def _stage_summaries(step: CorpusStep, settings: Settings) -> None:
    from marsad.summarize import summarize_event, summarize_story

    c = step.state.clusterer
    events = {st.event.id: st.event for st in c.states}
    chunk = {a.id: a for a in step.articles}
    for event_id in sorted(step.events):
        event = events[event_id]
        if event_id in step.resummarize:
            members = {i: chunk.get(i) or step.patched.get(i) for i in event.articles}
            missing = [i for i, a in members.items() if a is None]
            found = step.store.get_articles(missing) if missing else {}  # type: ignore[attr-defined]
            by_id = {i: a or found[i] for i, a in members.items() if a or i in found}
            event.summary = summarize_event(event, by_id, settings.summary)
        else:  # only its links changed: it keeps the summary it has
            old = step.store.get_event(event_id)
            event.summary = old.summary if old else None
    stories = {s.id: s for s in c.stories.stories}
    for story_id in sorted(step.stories):
        story = stories[story_id]
        in_story: dict[str, Event] = {}
        for event_id in story.events:
            if event_id in step.events:
                in_story[event_id] = events[event_id]
            elif (old_event := step.store.get_event(event_id)) is not None:
                in_story[event_id] = old_event
        story.summary = summarize_story(story, in_story, settings.summary)


# The corpus stages, in order, over each chunk of new articles. Adding one means one entry.
CORPUS_STAGES: list[tuple[str, CorpusStage]] = [
    ("duplicates", _stage_duplicates),
    ("entities", _stage_entities),
    ("entity_links", _stage_entity_links),
    ("events", _stage_events),  # events, dates learnt through them, and stories
    ("summaries", _stage_summaries),
]


def _write_step(step: CorpusStep) -> None:
    c = step.state.clusterer
    events = {st.event.id: st.event for st in c.states}
    stories = {s.id: s for s in c.stories.stories}
    step.store.write_corpus(  # type: ignore[attr-defined]
        entities=[step.state.entities.record(e) for e in sorted(step.entities)],
        events=[events[e] for e in sorted(step.events)],
        stories=[stories[s] for s in sorted(step.stories)],
        articles=[*step.articles, *(a for _, a in sorted(step.patched.items()))],
        removed=step.removed,
        redirects=step.redirects,
        duplicates=step.state.dedup.groups(),
    )
    # summaries live in the store; the state keeps what matching needs
    for event_id in step.events:
        events[event_id].summary = None
    for story_id in step.stories:
        stories[story_id].summary = None


_STATE = "corpus"
_STATE_FROZEN = False  # a corpus state loaded in this process was frozen out of the collector
_META = "corpus_meta"  # the state's batch, fingerprint and counts, readable without the state
_LOG = "corpus_log"  # the chunks added since the state was saved whole: [[batch, [ids]], ...]


class CorpusCache:
    """The corpus state a long-running process (``marsad watch``) keeps between updates.

    Loading the state costs time that grows with the store (~7 CPU-s at 31k articles), for
    updates of a few articles. :func:`update_corpus` given a cache starts from the state it
    left there, as long as the store's state is still the one it saved (the ``generation`` it
    wrote: another process that updated the store in between makes it load again). The
    price is memory: the state stays resident between rounds.
    """

    def __init__(self) -> None:
        self.state: Any = None
        self.generation: str | None = None
        self.log: list[tuple[int, list[str]]] = []


def update_corpus(
    settings: Settings, *, rebuild: bool = False, progress=None, cache: CorpusCache | None = None
) -> CorpusCounts:
    """Bring the corpus results up to date with the stored articles.

    Only the arrival batches the saved state has not seen are processed, a chunk at a time;
    each chunk updates what it touches and nothing else. With ``rebuild`` (or when there is
    no usable state) everything is recomputed by replaying every batch in order, which
    gives the same results, ids included, as the runs that added them. With ``cache`` the
    state is kept in memory for the next call (see :class:`CorpusCache`). A state whose
    per-key records are missing from the store is not usable either: the corpus is rebuilt.
    """
    from marsad.store.records import MissingRecord

    try:
        return _update_corpus(settings, rebuild=rebuild, progress=progress, cache=cache)
    except MissingRecord:
        if rebuild:
            raise
        return _update_corpus(settings, rebuild=True, progress=progress, cache=cache)


def _update_corpus(
    settings: Settings, *, rebuild: bool, progress=None, cache: CorpusCache | None = None
) -> CorpusCounts:
    from marsad.incremental import CorpusState, code_fingerprint
    from marsad.store import open_store

    timings: dict[str, float] = {}

    def timed(name: str, began: float) -> float:
        now = time.process_time()
        timings[name] = timings.get(name, 0.0) + now - began
        return now

    store = open_store(settings.store)
    try:
        # Two ingests at once: their corpus updates run one after the other, from the state the
        # previous one saved, so the result is what a sequential run would leave.
        with store.corpus_lock():
            t = time.process_time()
            fingerprint = code_fingerprint(settings.dedup, settings.entities, settings.cluster)
            raw_meta = None if rebuild else store.load_state(_META)  # type: ignore[attr-defined]
            meta = json.loads(raw_meta) if raw_meta else {}
            ids_by_batch = store.batch_ids()  # type: ignore[attr-defined]
            up_to_date = meta.get("fingerprint") == fingerprint and all(
                b <= meta.get("batch", -1) for b, _ in ids_by_batch[-1:]
            )
            if up_to_date:  # nothing new: not even the state is read
                return CorpusCounts(
                    settings.store, len(ids_by_batch), meta["events"], meta["stories"], meta["entities"], 0
                )
            held, generation = (cache.state, cache.generation) if cache else (None, None)
            if cache:
                cache.state = None  # taken: given back only by an update that completes
            log: list[tuple[int, list[str]]] = []
            resident = (
                held is not None
                and not rebuild
                and generation is not None
                and meta.get("generation") == generation
                and meta.get("fingerprint") == fingerprint
            )
            if resident:
                state, log = held, list(cache.log) if cache else []
            else:
                held = None  # a state kept before is replaced: let it go before loading
                raw = None if rebuild else store.load_state(_STATE)  # type: ignore[attr-defined]
                global _STATE_FROZEN
                if raw and _STATE_FROZEN:
                    # a state loaded before in this process (frozen, see below) is collected
                    # first: never two states in memory at once
                    gc.unfreeze()
                    gc.collect()
                    _STATE_FROZEN = False
                state = CorpusState.loads(raw, fingerprint) if raw else None
                del raw
                if state is not None:
                    # The millions of objects just loaded live as long as the state: kept out
                    # of the cyclic collector's passes, which would walk them all a few times
                    # while the update allocates (~2.9 CPU-s of an add of 5 at 31k).
                    gc.freeze()
                    _STATE_FROZEN = True
            del held
            t = timed("load state", t)
            if state is not None:
                state.attach(store)  # type: ignore[arg-type]  # its per-article records live in this store
            if state is not None and not resident:
                # the chunks added since the state was saved whole: run them again, in order
                log = [(b, ids) for b, ids in json.loads(store.load_state(_LOG) or b"[]")]  # type: ignore[attr-defined]
                try:
                    for batch, chunk_ids in log:
                        _corpus_chunk(state, store, batch, chunk_ids, settings, replay=True)
                except Exception:  # noqa: BLE001 — a log that no longer replays: rebuild
                    state, log = None, []
            # what running the log again costs on the next load: measured here when it was run,
            # else (a state kept in memory) the cost of the chunks when they were added
            replayed = time.process_time() - t if not resident else meta.get("log_cpu", 0.0)
            t = timed("replay log", t)
            started_empty = state is None
            if state is None:
                store.clear_corpus()  # type: ignore[attr-defined]
                state = CorpusState.empty(settings.dedup, settings.entities, settings.cluster)
                state.attach(store)  # type: ignore[arg-type]
            pending = [(b, i) for b, i in ids_by_batch if b > state.batch]
            done = 0
            began = time.process_time()
            for batch, ids in _batches(pending):
                for start in range(0, len(ids), settings.corpus_chunk):
                    chunk_ids = ids[start : start + settings.corpus_chunk]
                    done += _corpus_chunk(state, store, batch, chunk_ids, settings, timed=timed)
                    log.append((batch, chunk_ids))
                    if progress:
                        progress(done, len(pending))
            added = time.process_time() - began
            t = time.process_time()
            # Save the state whole, or only log the chunks just added (they are run again on the
            # next load). Saving costs the same however little changed; replaying grows with the
            # log. The log is kept while running it again would cost less than the square root
            # of twice (save cost x this update's cost): that balances saving rarely against
            # replaying a long log, for small frequent updates and large rare ones alike.
            last_save = meta.get("save_cpu")
            whole = (
                started_empty
                or last_save is None
                or settings.state_saving == "whole"
                or settings.state_saving == "auto"
                and replayed + added >= (2 * last_save * added) ** 0.5
            )
            if whole:
                give_back_memory()  # the pickler's memo is one large block of its own
                store.save_states(  # type: ignore[attr-defined]
                    {_STATE: state.dumps(), _LOG: b"[]"}
                )
                state.collect()  # rows only the state saved before referred to
                last_save = time.process_time() - t
            else:
                store.save_states({_LOG: json.dumps(log).encode()})  # type: ignore[attr-defined]
            counts = CorpusCounts(
                settings.store,
                len(ids_by_batch),
                len(state.clusterer.states),
                len(state.clusterer.stories.states),
                len(state.entities.entities),
                len(pending),
            )
            meta = dict(
                fingerprint=fingerprint,
                batch=state.batch,
                events=counts.n_events,
                stories=counts.n_stories,
                entities=counts.n_entities,
                save_cpu=last_save,
                logged=sum(len(ids) for _, ids in log) if not whole else 0,
                log_cpu=0.0 if whole else replayed + added,
                generation=uuid.uuid4().hex,  # what a CorpusCache checks its state against
            )
            store.save_state(_META, json.dumps(meta).encode())  # type: ignore[attr-defined]
            t = timed("save state", t)
            if started_empty and pending:
                # a whole build wrote the state, events and articles over several times:
                # the space of their old rows is given back once, here (~2 CPU-s at 31k)
                store.compact()  # type: ignore[attr-defined]
                timed("compact", t)
            counts.timings = timings
            state.detach()
            if cache:
                cache.state, cache.generation = state, meta["generation"]
                cache.log = [] if whole else log
    finally:
        store.close()
    return counts


def _corpus_chunk(
    state: CorpusState,
    store: Store,
    batch: int,
    chunk_ids: list[str],
    settings: Settings,
    *,
    replay: bool = False,
    timed: Callable[[str, float], float] | None = None,
) -> int:
    """Run the corpus stages over one chunk of new articles and write what it touched; with
    ``replay``, only bring the state where that chunk left it (its results are stored)."""
    t = time.process_time()
    found = store.get_articles(chunk_ids)  # type: ignore[attr-defined]
    articles = [_fresh(found[i], settings) for i in chunk_ids if i in found]
    if timed:
        t = timed("read articles", t)
    step = CorpusStep(state, store, articles)
    for name, stage in CORPUS_STAGES:
        if replay and name in _WRITE_ONLY:
            continue
        stage(step, settings)
        if timed:
            t = timed(name, t)
    if not replay:
        _write_step(step)
    state.share_strings(step.events, step.stories)
    state.batch = batch
    state.articles += len(chunk_ids)
    state.flush()  # the per-article records it set or changed, written to the store
    # the word caches keep every distinct word seen, up to 500k each (hundreds of MB over
    # a whole store); emptied per chunk, the next chunk fills in its common words again
    # (rebuild of 6,224 articles: same CPU, peak 598 -> 577 MB)
    clear_caches()
    if timed and not replay:
        timed("write", t)
    return len(articles)


_MALLOC_TRIM: Any = None


def give_back_memory() -> None:
    """Hand the C heap's free pages back to the system (glibc's ``malloc_trim``; elsewhere
    nothing). A chunk frees most of what it allocated (its articles, the word caches), but
    the heap keeps those pages for the next chunk; the pickler's memo, when the state is
    saved, is one large block of its own and would come on top of them (rebuild of 8,000
    articles: 49 MB back before the save). Not done between chunks: the next chunk takes
    the pages again, and faulting them in costs more than it saves."""
    global _MALLOC_TRIM
    if _MALLOC_TRIM is None:
        try:
            import ctypes

            _MALLOC_TRIM = ctypes.CDLL("libc.so.6").malloc_trim
        except (OSError, AttributeError):
            _MALLOC_TRIM = False
    if _MALLOC_TRIM:
        _MALLOC_TRIM(0)


# Corpus stages whose results go to the store only, never into the state: a replay skips them.
_WRITE_ONLY = {"summaries"}


def _batches(pending: list[tuple[int, str]]) -> Iterator[tuple[int, list[str]]]:
    current: int | None = None
    ids: list[str] = []
    for batch, article_id in pending:
        if batch != current and ids:
            yield current, ids  # type: ignore[misc]
            ids = []
        current = batch
        ids.append(article_id)
    if ids:
        yield current, ids  # type: ignore[misc]


class CorpusCounts:
    """What the corpus holds after an update; the records themselves are read on demand."""

    def __init__(
        self, store: Path | str, articles: int, events: int, stories: int, entities: int, updated: int
    ) -> None:
        self.store = store
        self.n_articles, self.n_events, self.n_stories, self.n_entities = articles, events, stories, entities
        self.updated = updated  # articles the update processed (0: nothing was new)
        self.timings: dict[str, float] = {}  # CPU seconds by corpus stage (and state/read/write)

    def _read(self, fn: Callable[[Store], list]) -> list:
        from marsad.store import open_store

        store = open_store(self.store, read_only=True)
        try:
            return fn(store)
        finally:
            store.close()

    @cached_property
    def events(self) -> list[Event]:
        return self._read(lambda s: s.list_events(limit=10**9).items)

    @cached_property
    def stories(self) -> list[Story]:
        return self._read(lambda s: s.list_stories(limit=10**9).items)

    @cached_property
    def entities(self) -> list[Entity]:
        return self._read(lambda s: s.list_entities(limit=10**9).items)

    @cached_property
    def duplicates(self) -> list[DuplicateGroup]:
        return self._read(lambda s: s.duplicates())  # type: ignore[attr-defined]


# ---------------------------------------------------------------------------- the whole job


@dataclass
class RunResult:
    new_articles: int
    known_articles: int
    rejected: list[Rejected]
    corpus: CorpusCounts | None
    store: Path | str
    report: Path | None = None


def ingest(
    paths: Iterable[str | Path],
    settings: Settings,
    *,
    on_rejected: Callable[[Rejected], None] | None = None,
    progress: Callable[[int, int], None] | None = None,
    on_notice: Callable[[str, str], None] | None = None,
) -> RunResult:
    """Read, clean and analyse every new article in ``paths`` and add it to the store."""
    from marsad.ingest import read_sources

    listed = list(paths)
    return ingest_documents(
        lambda: read_sources(listed),
        settings,
        on_rejected=on_rejected,
        progress=progress,
        on_notice=on_notice,
    )


Source = Iterable[Document | Rejected] | Callable[[], Iterable[Document | Rejected]]


def ingest_documents(
    items: Source,
    settings: Settings,
    *,
    on_rejected: Callable[[Rejected], None] | None = None,
    progress: Callable[[int, int], None] | None = None,
    on_notice: Callable[[str, str], None] | None = None,
) -> RunResult:
    """Add the new documents of ``items`` to the store (what :func:`ingest` and the watcher read).

    Articles already stored are recognised by id before any work is done on them, and
    left untouched. The new ones are recorded as one arrival batch for the corpus stages.
    Documents are read, processed and stored as they come, never all held at once: ``items``
    may be a function giving them afresh, and then, for ``progress``, they are first counted
    in one quick pass.
    """
    from marsad.store import open_store

    rejected: list[Rejected] = []
    store = open_store(settings.store)
    try:
        known = store.known_ids()
        total = _count_new(items, known) if progress is not None else 0
        seen: set[str] = set()
        known_count = 0

        def new_docs() -> Iterator[Document]:
            nonlocal known_count
            for item in items() if callable(items) else items:
                if isinstance(item, Rejected):
                    rejected.append(item)
                    if on_rejected:
                        on_rejected(item)
                elif item.doc_id in known or item.doc_id in seen:
                    known_count += 1  # re-ingesting the same article adds nothing
                else:
                    seen.add(item.doc_id)
                    yield item

        done = 0
        batch: list[Article | PreparedArticle] = []
        added: list[str] = []
        new = 0

        def tick(n: int) -> None:
            nonlocal done
            done += n
            if progress:
                progress(done, max(total, done))

        try:
            for result in process_documents(new_docs(), settings, tick, for_store=True):
                if isinstance(result, Rejected):
                    rejected.append(result)
                    if on_rejected:
                        on_rejected(result)
                    continue
                if result.notices and on_notice:
                    for notice in result.notices:
                        on_notice(result.origin, notice)
                batch.append(result)
                if len(batch) >= 500:
                    new += store.add_articles(batch)
                    added += [a.id for a in batch]
                    batch = []
        except ExecutorError:  # the cluster failed: keep what was done, then report
            store.add_articles(batch)
            added += [a.id for a in batch]
            if added:
                store.new_batch(added)  # type: ignore[attr-defined]
            store.add_rejected(rejected)
            raise
        new += store.add_articles(batch)
        added += [a.id for a in batch]
        if added:
            store.new_batch(added)  # type: ignore[attr-defined]
        store.add_rejected(rejected)
    finally:
        store.close()
    return RunResult(new, known_count, rejected, None, settings.store)


def _count_new(items: Source, known: set[str]) -> int:
    """How many new documents ``items`` holds (a quick read: no stage runs). A one-shot
    iterator cannot be read twice: then the count is unknown (0) and progress counts up."""
    if callable(items):
        source: Iterable = items()
    elif isinstance(items, list | tuple):
        source = items
    else:
        return 0
    ids = {d.doc_id for d in source if isinstance(d, Document)}
    return len(ids - known)


def rebuild(settings: Settings, progress=None) -> CorpusCounts:
    """Recompute every corpus result from the stored articles (after a schema or settings change)."""
    return update_corpus(settings, rebuild=True, progress=progress)


def run(
    paths: Iterable[str | Path],
    settings: Settings,
    out: Path | None = None,
    *,
    on_rejected: Callable[[Rejected], None] | None = None,
    progress: Callable[[int, int], None] | None = None,
    on_phase: Callable[[str], None] | None = None,
    on_notice: Callable[[str, str], None] | None = None,
) -> RunResult:
    """The whole job: ingest, corpus update, and (when ``out`` is given) the report."""
    result = ingest(paths, settings, on_rejected=on_rejected, progress=progress, on_notice=on_notice)
    if on_phase:
        on_phase("corpus")
    result.corpus = update_corpus(settings)
    if out is not None:
        if on_phase:
            on_phase("report")
        from marsad.report import write_report

        write_report(settings.store, out, lang=settings.lang)
        result.report = out
    return result
