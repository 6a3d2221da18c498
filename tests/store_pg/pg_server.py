"""A throwaway PostgreSQL server for the store tests: initdb in a temp dir, unix socket only.

Skips (with the reason) when the server binaries or psycopg are missing, unless
MARSAD_REQUIRE_POSTGRES=1, where CI wants a missing server to be a failure.
"""

from __future__ import annotations

import glob
import itertools
import os
import pwd
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest


def _unavailable(reason: str) -> None:
    if os.environ.get("MARSAD_REQUIRE_POSTGRES") == "1":
        pytest.fail(f"MARSAD_REQUIRE_POSTGRES=1 but {reason}")
    pytest.skip(reason)


def _bin_dir() -> Path | None:
    if os.environ.get("MARSAD_PG_BIN"):
        return Path(os.environ["MARSAD_PG_BIN"])
    on_path = shutil.which("initdb")
    if on_path:
        return Path(on_path).parent
    # Debian keeps the server binaries off PATH, one folder per major version.
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(p.split("/")[4]))
    return Path(found[-1]).parent if found else None


class Server:
    """A running server; :meth:`new_database` gives each test a fresh, empty database."""

    def __init__(self, root: Path, as_postgres: list[str]) -> None:
        self.root = root
        self.as_postgres = as_postgres
        self._names = itertools.count()

    def url(self, database: str) -> str:
        return f"postgresql://postgres@/{database}?host={self.root}&port=5432"

    def new_database(self) -> str:
        import psycopg

        name = f"marsad_{os.getpid()}_{next(self._names)}"
        with psycopg.connect(self.url("postgres"), autocommit=True) as conn:
            conn.execute(f"CREATE DATABASE {name}")
        return self.url(name)


def _run(cmd: list[str]) -> None:
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed: {done.stderr.strip() or done.stdout.strip()}")


def start_server() -> Iterator[Server]:
    """Body of a session fixture: start, yield the server, stop and remove it."""
    try:
        import psycopg  # noqa: F401
    except ImportError:
        _unavailable("psycopg is not installed (pip install 'marsad[postgres]')")
    bindir = _bin_dir()
    if bindir is None or not (bindir / "pg_ctl").exists():
        _unavailable("PostgreSQL server binaries (initdb, pg_ctl) not found")
        return
    as_postgres: list[str] = []
    if os.geteuid() == 0:
        try:
            pwd.getpwnam("postgres")
        except KeyError:
            _unavailable("running as root and there is no 'postgres' user to run initdb as")
    # A short path: unix socket paths are limited to about 100 bytes.
    root = Path(tempfile.mkdtemp(prefix="marsad-pg-"))
    if os.geteuid() == 0:  # initdb refuses to run as root
        shutil.chown(root, user="postgres")
        as_postgres = ["runuser", "-u", "postgres", "--"]
    data = root / "data"
    try:
        _run(
            [
                *as_postgres,
                str(bindir / "initdb"),
                "-D",
                str(data),
                "-U",
                "postgres",
                "-A",
                "trust",
                "-E",
                "UTF8",
                "--locale=C",
                "--no-sync",
            ]
        )
        # No TCP at all: the socket lives in our own folder, so the port can never clash.
        options = f"-k {root} -c listen_addresses='' -p 5432 -F"
        _run(
            [
                *as_postgres,
                str(bindir / "pg_ctl"),
                "-D",
                str(data),
                "-o",
                options,
                "-l",
                str(root / "log"),
                "-w",
                "-t",
                "60",
                "start",
            ]
        )
    except (RuntimeError, OSError, subprocess.TimeoutExpired) as exc:
        shutil.rmtree(root, ignore_errors=True)
        _unavailable(f"could not start a PostgreSQL server: {exc}")
    try:
        yield Server(root, as_postgres)
    finally:
        subprocess.run(
            [*as_postgres, str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"],
            capture_output=True,
            timeout=60,
        )
        shutil.rmtree(root, ignore_errors=True)
