"""The tagger's two inner loops compiled with numba: emission sums and Viterbi decoding.

Each has a numpy twin (:func:`viterbi_numpy` here, ``Scorer._emit_numpy`` in the tagger) that
runs where numba cannot be imported, and both give the same numbers: every score is the same
sum in the same order (an emission is the word's own vector plus the bias, then its neighbours'
vectors at -2, -1, +1, +2, then the left and the right word-pair weights; a Viterbi candidate is
``score[from] + transition[from, to]``, the best keeps the first maximum as numpy's argmax does,
then the emission is added), so no float and no tie differs (tests/entities check both against
each other and against crfsuite). The compiled loops cost nanoseconds per token and label where
numpy pays microseconds of call overhead per array operation: ~30 operations per article for
the emissions, and one step per position of the article's longest sentence for the Viterbi
(session 5's profile: ~0.9 ms of ~4 ms per article). numba is imported on first use only (its
import takes ~0.4 s); the compiled code is cached on disk beside this module (else in numba's
user cache), so a new process loads it instead of compiling again (~1 s).
"""

from __future__ import annotations

from functools import cache
from typing import Any

import numpy as np


def viterbi_numpy(emit: np.ndarray, bounds: np.ndarray, transitions: np.ndarray) -> np.ndarray:
    """Best label id of every token: ``emit`` (tokens, labels) holds the sentences one after
    the other, sentence ``s`` is ``emit[bounds[s]:bounds[s + 1]]``; ``transitions[from, to]``.
    One numpy step per position, over the sentences still running (longest first)."""
    n_labels = transitions.shape[0]
    lengths = np.diff(bounds)
    order = np.argsort(-lengths, kind="stable")
    out = np.zeros(len(emit), dtype=np.int64)
    order = order[lengths[order] > 0]
    if not len(order):
        return out
    width = int(lengths[order[0]])
    padded = np.zeros((len(order), width, n_labels))
    for b, s in enumerate(order.tolist()):
        padded[b, : lengths[s]] = emit[bounds[s] : bounds[s + 1]]
    ordered = lengths[order].tolist()
    score = padded[:, 0].copy()
    back = np.zeros((len(order), width, n_labels), dtype=np.int64)
    live = len(order)
    into = transitions.T.copy()  # [to, from]: each step reduces over the last axis
    for t in range(1, width):
        while ordered[live - 1] <= t:
            live -= 1
        cand = score[:live, None, :] + into  # (live, to, from)
        back[:live, t] = cand.argmax(2)
        score[:live] = cand.max(2) + padded[:live, t]
    last = score.argmax(1).tolist()
    for b, s in enumerate(order.tolist()):
        k, a, n = last[b], int(bounds[s]), ordered[b]
        out[a + n - 1] = k
        pointers = back[b, :n].tolist()
        for t in range(n - 1, 0, -1):
            k = pointers[t][k]
            out[a + t - 1] = k
    return out


def _viterbi_loops(emit: np.ndarray, bounds: np.ndarray, transitions: np.ndarray) -> np.ndarray:
    """The same decoding as plain loops, for numba to compile (see :func:`viterbi`)."""
    n, n_labels = emit.shape
    out = np.zeros(n, dtype=np.int64)
    back = np.zeros((n, n_labels), dtype=np.int64)
    score = np.empty(n_labels)
    nxt = np.empty(n_labels)
    for s in range(len(bounds) - 1):
        a, b = bounds[s], bounds[s + 1]
        if a >= b:
            continue
        for j in range(n_labels):
            score[j] = emit[a, j]
        for t in range(a + 1, b):
            for to in range(n_labels):
                best = score[0] + transitions[0, to]
                arg = 0
                for fr in range(1, n_labels):
                    v = score[fr] + transitions[fr, to]
                    if v > best:
                        best = v
                        arg = fr
                back[t, to] = arg
                nxt[to] = best + emit[t, to]
            for j in range(n_labels):
                score[j] = nxt[j]
        k = 0
        for j in range(1, n_labels):
            if score[j] > score[k]:
                k = j
        out[b - 1] = k
        for t in range(b - 1, a, -1):
            k = back[t, k]
            out[t - 1] = k
    return out


def _emission_loops(
    rows: np.ndarray,
    bounds: np.ndarray,
    table: np.ndarray,
    bias: np.ndarray,
    form_of: np.ndarray,
    start_id: int,
    end_id: int,
    n_forms: int,
    left_keys: np.ndarray,
    left_rows: np.ndarray,
    right_keys: np.ndarray,
    right_rows: np.ndarray,
    matrix: np.ndarray,
) -> np.ndarray:
    """State scores of every token (see ``Scorer._emit_numpy`` in the tagger, its numpy twin).

    ``rows``: each token's row of ``table`` (word types, offsets -2..2, labels; row 0 is the
    sentence edge); sentence ``s`` is ``rows[bounds[s]:bounds[s + 1]]``. ``form_of``: each table
    row's word-pair form id (-1: none); a pair's key is ``left id * n_forms + right id``, found in
    the sorted ``*_keys`` with its weight row of ``matrix`` in ``*_rows``."""
    n = len(rows)
    n_labels = table.shape[2]
    out = np.empty((n, n_labels))
    for s in range(len(bounds) - 1):
        a, b = bounds[s], bounds[s + 1]
        for i in range(a, b):
            r = rows[i]
            for j in range(n_labels):
                out[i, j] = table[r, 2, j] + bias[j]
            for k in (0, 1, 3, 4):  # offsets -2, -1, +1, +2: token i sees word i+off there
                q = i + k - 2
                rr = rows[q] if a <= q < b else 0
                for j in range(n_labels):
                    out[i, j] += table[rr, k, j]
            own = form_of[r]
            left = start_id if i == a else form_of[rows[i - 1]]
            right = end_id if i == b - 1 else form_of[rows[i + 1]]
            if len(left_keys) and left >= 0 and own >= 0:  # the left pair, then the right one
                key = left * n_forms + own
                at = min(np.searchsorted(left_keys, key), len(left_keys) - 1)
                if left_keys[at] == key:
                    w = left_rows[at]
                    for j in range(n_labels):
                        out[i, j] += matrix[w, j]
            if len(right_keys) and own >= 0 and right >= 0:
                key = own * n_forms + right
                at = min(np.searchsorted(right_keys, key), len(right_keys) - 1)
                if right_keys[at] == key:
                    w = right_rows[at]
                    for j in range(n_labels):
                        out[i, j] += matrix[w, j]
    return out


_USE = [True]  # EntitySettings.compiled_tagger, set by the entity stage (one settings per process)


def use_compiled(flag: bool) -> None:
    """Whether the compiled loops run (True) or the numpy twins (False; numba is then never
    imported, which saves its ~150 MB of resident memory per process: same labels, ~30% slower)."""
    _USE[0] = flag


@cache
def _compiled() -> tuple[Any, Any] | None:
    """The numba-compiled loops ``(emissions, viterbi)``, or None when numba cannot be imported."""
    try:
        import numba
    except ImportError:  # pragma: no cover - a declared dependency; numpy does the same work
        return None
    try:
        loops = _jit(numba, cache=True)
    except RuntimeError:  # pragma: no cover - no writable cache directory: compile in memory
        loops = _jit(numba, cache=False)
    try:  # compiled (or loaded) now, on a tiny input: a failure here means numpy, not a failed stage
        one = np.zeros(1, dtype=np.int64)
        table = np.zeros((1, 5, 2))
        emit = loops[0](
            one, np.array([0, 1]), table, np.zeros(2), one, -1, -1, 1, one, one, one, one, table[0]
        )
        loops[1](emit, np.array([0, 1]), np.zeros((2, 2)))
    except Exception:  # pragma: no cover - a platform numba cannot compile for
        return None
    return loops


def _jit(numba: Any, cache: bool) -> tuple[Any, Any]:
    jit = numba.njit(cache=cache, nogil=True)
    return jit(_emission_loops), jit(_viterbi_loops)


def compiled_emissions() -> Any:
    """The compiled emission loop (arguments as :func:`_emission_loops`), or None without numba
    (or when :func:`use_compiled` turned it off)."""
    loops = _compiled() if _USE[0] else None
    return loops[0] if loops is not None else None


def viterbi(emit: np.ndarray, bounds: np.ndarray, transitions: np.ndarray) -> np.ndarray:
    """Best label id of every token (see :func:`viterbi_numpy` for the layout)."""
    loops = _compiled() if _USE[0] else None
    if loops is None:
        return viterbi_numpy(emit, bounds, transitions)
    return loops[1](
        np.ascontiguousarray(emit, dtype=np.float64),
        np.ascontiguousarray(bounds, dtype=np.int64),
        np.ascontiguousarray(transitions, dtype=np.float64),
    )
