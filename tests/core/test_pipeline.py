from __future__ import annotations

import copy
from pathlib import Path

import pytest

from marsad import pipeline
from marsad.ingest import read_sources
from marsad.model import Article, Document, Rejected, to_dict

SEEDS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus" / "seeds"
pytestmark = pytest.mark.skipif(not SEEDS.exists(), reason="sample corpus not present")


def seed_docs() -> list[Document]:
    return [d for d in read_sources([SEEDS]) if isinstance(d, Document)]


def test_a_stage_that_fails_on_one_article_rejects_only_that_article(monkeypatch):
    docs = seed_docs()
    victim = docs[2].doc_id

    def explode(article: Article, settings) -> Article:
        if article.id == victim:
            raise ValueError("boom")
        return article

    monkeypatch.setattr(pipeline, "ARTICLE_STAGES", [*pipeline.ARTICLE_STAGES, ("explode", explode)])
    results = list(pipeline.process_documents(docs, pipeline.Settings(workers=1)))
    assert len(results) == 5
    rejected = [r for r in results if isinstance(r, Rejected)]
    assert [(r.origin, r.reason) for r in rejected] == [(docs[2].origin, "stage_failed:explode")]
    assert "ValueError: boom" in rejected[0].detail


def test_worker_processes_and_dask_give_the_same_articles_as_one_process():
    pytest.importorskip("dask.bag")
    docs = seed_docs() * 1
    serial = [to_dict(a) for a in pipeline.process_documents(docs, pipeline.Settings(workers=1))]
    procs = pipeline.Settings(workers=2, parallel_threshold=1, chunk_size=2)
    assert [to_dict(a) for a in pipeline.process_documents(docs, procs)] == serial
    dask = pipeline.Settings(workers=2, executor="dask", chunk_size=2)
    assert [to_dict(a) for a in pipeline.process_documents(docs, dask)] == serial


def test_corpus_analysis_does_not_depend_on_input_order():
    articles = [
        a
        for a in pipeline.process_documents(seed_docs(), pipeline.Settings(workers=1))
        if isinstance(a, Article)
    ]
    forward = pipeline.analyze_corpus(copy.deepcopy(articles), pipeline.Settings())
    backward = pipeline.analyze_corpus(copy.deepcopy(articles[::-1]), pipeline.Settings())
    assert to_dict(forward.events) == to_dict(backward.events)
    assert to_dict(forward.stories) == to_dict(backward.stories)
    assert to_dict(forward.entities) == to_dict(backward.entities)


def test_running_the_corpus_stages_again_gives_the_same_events_and_ids(tmp_path):
    settings = pipeline.Settings(store=tmp_path / "m.db", workers=1)
    pipeline.ingest([SEEDS], settings)
    first = pipeline.update_corpus(settings)
    second = pipeline.update_corpus(settings)  # now over articles holding event-derived dates
    assert to_dict(second.events) == to_dict(first.events)
    assert to_dict(second.stories) == to_dict(first.stories)


def test_a_two_worker_dask_cluster_streams_the_same_articles_in_order():
    distributed = pytest.importorskip("distributed")
    docs = seed_docs()
    serial = [to_dict(a) for a in pipeline.process_documents(docs, pipeline.Settings(workers=1))]
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=False) as cluster:
        settings = pipeline.Settings(
            workers=2, executor="dask", chunk_size=1, dask_scheduler=cluster.scheduler_address
        )
        ticks: list[int] = []
        got = [to_dict(a) for a in pipeline.process_documents(docs, settings, ticks.append)]
    assert got == serial
    assert ticks == [1] * len(docs)  # one report per finished chunk, not one at the end


def _texts_in(args) -> list[str]:
    parts = [p for chunk, _settings in args for p in chunk]
    return [p.text for p in parts if isinstance(p, Document)]


def test_dask_workers_read_documents_from_their_files_not_through_the_scheduler(tmp_path, monkeypatch):
    distributed = pytest.importorskip("distributed")
    import shutil

    for path in sorted(SEEDS.glob("*.txt"))[:3]:
        shutil.copy(path, tmp_path / path.name)
    feed_doc = Document(
        doc_id="feed1", text=seed_docs()[3].text, origin="https://example.org/feed#1", format="text"
    )
    docs = [d for d in read_sources([tmp_path]) if isinstance(d, Document)] + [feed_doc]
    assert len(docs) == 4
    serial = [to_dict(a) for a in pipeline.process_documents(docs, pipeline.Settings(workers=1))]

    sent: list = []
    original_map = distributed.Client.map

    def recording_map(self, func, *iterables, **kwargs):
        sent.extend(iterables[0])
        return original_map(self, func, *iterables, **kwargs)

    monkeypatch.setattr(distributed.Client, "map", recording_map)
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=False) as cluster:
        settings = pipeline.Settings(
            workers=2, executor="dask", chunk_size=2, dask_scheduler=cluster.scheduler_address
        )
        got = [to_dict(a) for a in pipeline.process_documents(docs, settings)]
    assert got == serial
    # only the document that has no file (a feed item) travelled with its text
    assert _texts_in(sent) == [feed_doc.text]
    slices = [p for chunk, _ in sent for p in chunk if isinstance(p, pipeline.SourceSlice)]
    assert sorted(i for s in slices for i in s.ids) == sorted(d.doc_id for d in docs[:-1])


def test_a_file_that_changed_under_the_workers_is_sent_with_its_text(tmp_path):
    distributed = pytest.importorskip("distributed")
    import os
    import shutil

    for path in sorted(SEEDS.glob("*.txt"))[:2]:
        shutil.copy(path, tmp_path / path.name)
    docs = [d for d in read_sources([tmp_path]) if isinstance(d, Document)]
    serial = [to_dict(a) for a in pipeline.process_documents(docs, pipeline.Settings(workers=1))]
    parts = pipeline._chunk_parts(docs, 10)
    changed = tmp_path / sorted(p.name for p in tmp_path.iterdir())[0]
    st = changed.stat()
    os.utime(changed, ns=(st.st_atime_ns, st.st_mtime_ns + 10**9))  # touched after it was read
    first = pipeline._process_parts((parts[0], pipeline.Settings(workers=1)))
    assert isinstance(first[0], pipeline.SourceSlice)  # the worker does not trust a changed file
    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=False) as cluster:
        settings = pipeline.Settings(
            workers=1, executor="dask", chunk_size=10, dask_scheduler=cluster.scheduler_address
        )
        got = [to_dict(a) for a in pipeline.process_documents(docs, settings)]
    assert got == serial


def test_worker_processes_read_the_input_as_they_go():
    """A few chunks per worker are in flight, never the whole input: the first results come
    back before most documents were even read, and in input order."""
    docs = seed_docs()
    many = [
        Document(f"{d.doc_id}-{k}", d.text, f"{d.origin}-{k}", d.format, d.outlet, title=d.title)
        for k in range(12)
        for d in docs
    ]
    read: list[int] = []

    def source():
        for i, doc in enumerate(many):
            read.append(i)
            yield doc

    settings = pipeline.Settings(workers=2, parallel_threshold=2, chunk_size=2)
    results = pipeline.process_documents(source(), settings)
    first = next(results)
    in_flight = settings.parallel_threshold + settings.workers * pipeline._AHEAD * settings.chunk_size
    assert len(read) <= in_flight + settings.chunk_size < len(many)
    rest = [first, *results]
    assert [a.id for a in rest if isinstance(a, Article)] == [d.doc_id for d in many]
