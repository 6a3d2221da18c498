"""Executors under faults: workers die with their parent, a cluster that loses its last worker
gives a clear error after storing what was done."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from hostile import article

SRC = Path(__file__).resolve().parents[2] / "src"


def _alive(pid: int) -> bool:
    psutil = pytest.importorskip("psutil")
    try:
        return psutil.Process(pid).status() != psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return False


def test_pool_workers_exit_when_the_parent_is_killed_with_sigkill():
    script = textwrap.dedent(
        """
        import os, sys, time
        from marsad.pipeline import _worker_pool
        pool = _worker_pool(2)
        pids = set()
        while len(pids) < 2:
            pids |= {f.result() for f in [pool.submit(os.getpid) for _ in range(8)]}
        pool.submit(time.sleep, 600)
        print(" ".join(map(str, sorted(pids))), flush=True)
        time.sleep(600)
        """
    )
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    parent = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True, env=env)
    try:
        line = parent.stdout.readline()
        workers = [int(p) for p in line.split()]
        assert len(workers) == 2, line
        assert all(_alive(p) for p in workers)
        os.kill(parent.pid, signal.SIGKILL)
        parent.wait(10)
        deadline = time.monotonic() + 15
        while any(_alive(p) for p in workers) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert not any(_alive(p) for p in workers), "workers outlived their parent"
    finally:
        if parent.poll() is None:
            parent.kill()


def test_losing_the_last_dask_worker_is_a_clear_error_and_done_chunks_are_stored(tmp_path, monkeypatch):
    distributed = pytest.importorskip("distributed")
    from marsad import pipeline
    from marsad.model import Document
    from marsad.store import SQLiteStore

    monkeypatch.setattr(pipeline, "DASK_NO_WORKER_GRACE_S", 2.0)
    docs = [Document(doc_id=f"d{i}", text=article(i), origin=f"{i}.txt", format="text") for i in range(40)]

    monkeypatch.setattr(sys.modules["marsad.ingest"], "read_sources", lambda paths: iter(docs))
    with distributed.LocalCluster(
        n_workers=1, threads_per_worker=1, processes=True, dashboard_address=None
    ) as cluster:
        settings = pipeline.Settings(
            store=tmp_path / "m.db",
            executor="dask",
            dask_scheduler=cluster.scheduler_address,
            chunk_size=1,
        )
        killed = []

        def progress(done: int, total: int) -> None:
            if not killed:
                killed.append(done)
                cluster.scale(0)  # the last worker goes away mid-run

        with pytest.raises(pipeline.ExecutorError, match="no Dask worker left"):
            pipeline.ingest(["unused"], settings, progress=progress)
    with SQLiteStore(tmp_path / "m.db", read_only=True) as store:
        stored = store.article_count()
    assert 1 <= stored < len(docs)
