"""The tagger's weight tables kept on disk between processes.

Reading a crfsuite model into the scorer's tables costs about 1 CPU-s (crfsuite's text dump parsed
in Python, then ~160k weights sorted into rows), and every worker process and command that tags
paid it. The tables are a function of the model file and of the code that builds them, so they are
pickled once under a key made of both (and of the Python and numpy versions) and loaded in about
0.07 s after that.

Where: ``MARSAD_CACHE_DIR``, else ``$XDG_CACHE_HOME/marsad``, else ``~/.cache/marsad``; an empty
``MARSAD_CACHE_DIR`` turns the cache off. When the folder cannot be written the tables are built
in every process, as before. A file whose key does not match (another model, other code, a damaged
or foreign file) is never used: the tables are built again and the file replaced. Only the tables
of the current key are kept for each model name.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

import numpy as np

T = TypeVar("T")


def cache_dir() -> Path | None:
    """The folder of the cached tables, or None when the cache is off."""
    configured = os.environ.get("MARSAD_CACHE_DIR")
    if configured is not None:
        return Path(configured) if configured.strip() else None
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "marsad"


def cache_key(model: Path, code: Sequence[Path]) -> str:
    digest = hashlib.blake2b(digest_size=16)
    for path in (model, *code):
        digest.update(path.read_bytes())
        digest.update(b"\0")
    digest.update(f"{sys.version_info[:2]} numpy {np.__version__}".encode())
    return digest.hexdigest()


def load_or_build(model: Path, build: Callable[[str], T], code: Sequence[Path]) -> T:
    """``build(str(model))``, or the tables a process with the same model and code built before."""
    folder = cache_dir()
    if folder is None:
        return build(str(model))
    key = cache_key(model, code)
    path = folder / f"{model.stem}-{key}.pickle"
    found = _read(path, key)
    if found is not None:
        return found
    tables = build(str(model))
    _write(folder, path, key, tables)
    return tables


def _read(path: Path, key: str) -> Any:
    try:
        with path.open("rb") as handle:
            stored_key, tables = pickle.load(handle)
    except (OSError, EOFError, pickle.UnpicklingError, ValueError, TypeError, AttributeError, ImportError):
        return None
    return tables if stored_key == key else None


def _write(folder: Path, path: Path, key: str, tables: object) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
        # written aside and renamed: a process starting meanwhile reads the old file or the new one
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{path.stem}.", suffix=".tmp")
    except OSError:
        return  # not writable: build in every process
    try:
        with os.fdopen(fd, "wb") as handle:
            pickle.dump((key, tables), handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except OSError:
        Path(tmp).unlink(missing_ok=True)
        return
    name = model_name(path)
    for old in folder.glob("*.pickle"):
        if old != path and model_name(old) == name:
            old.unlink(missing_ok=True)


def model_name(path: Path) -> str:
    """``ner`` of ``ner-<key>.pickle`` (and ``ner-doc`` of ``ner-doc-<key>.pickle``)."""
    return path.stem.rsplit("-", 1)[0]
