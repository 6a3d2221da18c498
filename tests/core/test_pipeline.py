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
