"""Exact and near-duplicate articles: syndicated wire copies and re-published pieces.

Exact duplicates share the hash of their normalised body. Near duplicates are found with
MinHash signatures over word shingles of normalised tokens and a MinHash LSH index
(datasketch), so the cost grows with the number of articles, never with the number of pairs.
Each group keeps all its members and names one canonical article; the others get
``article.duplicate_of`` set to it, so nothing is dropped.
"""

from __future__ import annotations

import functools
import hashlib
import zlib
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

from marsad.arabic import tokenize
from marsad.model import Article, DuplicateGroup
from marsad.unionfind import UnionFind

if TYPE_CHECKING:
    from datasketch import LeanMinHash, MinHash

# datasketch is imported where a signature is made, not with this module: importing it pulls in
# scipy.integrate (~0.9 CPU-s), and every worker process and CLI command imports this module for
# DedupSettings alone.


@dataclass(frozen=True)
class DedupSettings:
    """``threshold`` is the estimated Jaccard similarity of shingle sets above which two
    bodies are near duplicates; bodies with fewer than ``min_shingles`` shingles are too
    short for a reliable estimate and are only matched exactly."""

    shingle_size: int = 3
    num_perm: int = 128
    threshold: float = 0.7
    min_shingles: int = 8
    seed: int = 1

    def __post_init__(self) -> None:
        if not 0.0 < self.threshold <= 1.0:
            raise ValueError(f"DedupSettings.threshold must be in (0, 1], got {self.threshold}")
        if self.shingle_size < 1 or self.num_perm < 16:
            raise ValueError("DedupSettings needs shingle_size >= 1 and num_perm >= 16")


def body_key(article: Article) -> str:
    """The exact-duplicate key: a hash of the normalised tokens of the body.

    Tokens (not raw text) so that whitespace, diacritics, hamza seats and digit sets that
    differ between copies of the same wire text do not hide the duplicate.
    """
    return _tokens_key(tokenize(article.body))


def exact_key(article: Article, tokens: list[str], settings: DedupSettings) -> str:
    """The body's key; a body too short to compare (empty, one line under a headline) is
    no evidence of a copy by itself: two such articles are one only if their titles match.
    Two empty bodies under «… حاكم جامايكا» and «… رئيس النيجر» are two reports."""
    if _has_shingles(tokens, settings.shingle_size, settings.min_shingles):
        return _tokens_key(tokens)
    return _tokens_key([*tokenize(article.title or ""), "\u241f", *tokens])


def _tokens_key(tokens: list[str]) -> str:
    return hashlib.blake2b(" ".join(tokens).encode(), digest_size=16).hexdigest()


def shingles(tokens: list[str], size: int) -> set[bytes]:
    """Word ``size``-grams of ``tokens`` as bytes (a short text gives its whole token run)."""
    if len(tokens) <= size:
        return {" ".join(tokens).encode()} if tokens else set()
    # the grams as tuples of consecutive tokens (zip of shifted views): no slice per gram
    return set(map(str.encode, map(" ".join, zip(*(tokens[k:] for k in range(size)), strict=False))))


def _has_shingles(tokens: list[str], size: int, least: int) -> bool:
    """``len(shingles(tokens, size)) >= least``, stopping at the ``least``-th distinct gram."""
    if len(tokens) <= size:
        return (1 if tokens else 0) >= least
    seen: set[str] = set()
    for gram in map(" ".join, zip(*(tokens[k:] for k in range(size)), strict=False)):
        seen.add(gram)
        if len(seen) >= least:
            return True
    return False


# datasketch's default is SHA-1; CRC-32 is stable across runs and ~10x faster in C, and 32
# bits are all MinHash keeps of each hash anyway. (zlib's own function: no call in between.)
_crc32 = zlib.crc32


@functools.cache
def _permutations(num_perm: int, seed: int) -> tuple[Any, Any]:
    """The scheme and permutation parameters MinHash draws for (``num_perm``, ``seed``): drawn once
    and shared (MinHash draws them again for every signature, ~0.2 ms each; it never writes them)."""
    from datasketch import MinHash

    template = MinHash(num_perm=num_perm, seed=seed)
    return template.scheme, template.permutations


def signature(tokens: list[str], settings: DedupSettings) -> MinHash | None:
    """The MinHash of a body's shingles, or None when the body is too short to compare."""
    from datasketch import MinHash

    grams = shingles(tokens, settings.shingle_size)
    if len(grams) < settings.min_shingles:
        return None
    scheme, permutations = _permutations(settings.num_perm, settings.seed)
    mh = MinHash(
        num_perm=settings.num_perm,
        seed=settings.seed,
        hashfunc=_crc32,
        permutations=permutations,
        scheme=scheme,
    )
    mh.update_batch(list(grams))
    return mh


def canonical_order(article: Article) -> tuple[str, int, str]:
    """Sort key that puts the canonical article of a group first: earliest published (an
    unknown date sorts last), then the longest body (the fullest copy), then the id."""
    published = article.published.date if article.published and article.published.date else "9999"
    return (published, -len(article.body), article.id)


def find_duplicates(articles: list[Article], settings: DedupSettings | None = None) -> list[DuplicateGroup]:
    """Groups of exact and near-duplicate articles, each with one canonical member.

    Sets ``duplicate_of`` on every non-canonical member (and clears it on canonical and
    unique articles, so re-running is idempotent). Deterministic: the result does not depend
    on the input order. Groups are returned sorted by their canonical's order key.
    """
    from datasketch import LeanMinHash

    settings = settings or DedupSettings()
    by_id = {a.id: a for a in articles}
    exact: dict[str, list[str]] = {}
    key_of: dict[str, str] = {}
    signatures: dict[str, LeanMinHash] = {}
    for article in sorted(articles, key=lambda a: a.id):
        tokens = tokenize(article.body)
        key = key_of[article.id] = exact_key(article, tokens, settings)
        if key in exact:
            exact[key].append(article.id)
            continue
        exact[key] = [article.id]
        # Only the signature is kept (lean: no permutation tables), never the tokens: at
        # 31k articles the token lists alone would hold a few hundred MB.
        mh = signature(tokens, settings)
        if mh is not None:
            signatures[article.id] = LeanMinHash(mh)

    # One representative per exact group enters the LSH; its near neighbours bring their
    # whole exact groups with them.
    representatives = {ids[0]: ids for ids in exact.values()}
    near_pairs = _near_pairs(signatures, settings)
    groups = _union(representatives, near_pairs)

    out: list[DuplicateGroup] = []
    for members in groups:
        ordered = sorted((by_id[m] for m in members), key=canonical_order)
        canonical = ordered[0]
        for article in ordered:
            article.duplicate_of = None if article is canonical else canonical.id
        if len(ordered) > 1:
            kind: Literal["exact", "near"] = "exact" if len({key_of[a.id] for a in ordered}) == 1 else "near"
            out.append(DuplicateGroup(canonical=canonical.id, members=[a.id for a in ordered], kind=kind))
    out.sort(key=lambda g: canonical_order(by_id[g.canonical]))
    return out


def _near_pairs(signatures: dict[str, LeanMinHash], settings: DedupSettings) -> list[tuple[str, str]]:
    from datasketch import MinHashLSH

    lsh = MinHashLSH(threshold=settings.threshold, num_perm=settings.num_perm)
    for article_id, mh in signatures.items():
        lsh.insert(article_id, mh)
    pairs = []
    for article_id, mh in signatures.items():
        for other in lsh.query(mh):
            # LSH buckets give candidates only; keep those whose estimated Jaccard passes.
            if other > article_id and mh.jaccard(signatures[other]) >= settings.threshold:
                pairs.append((article_id, other))
    return pairs


def _union(representatives: dict[str, list[str]], pairs: Iterable[tuple[str, str]]) -> list[list[str]]:
    sets = UnionFind(representatives)
    for a, b in pairs:
        sets.join(a, b)
    merged: dict[str, list[str]] = {}
    for r, ids in representatives.items():
        merged.setdefault(sets.find(r), []).extend(ids)
    return [sorted(ids) for _, ids in sorted(merged.items())]


__all__ = [
    "DedupSettings",
    "find_duplicates",
    "body_key",
    "exact_key",
    "shingles",
    "signature",
    "canonical_order",
]
