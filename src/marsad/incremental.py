"""What the corpus stages know between runs, so that new articles update only what they touch.

The corpus state holds, in compact form (signatures, vectors, names, ids — never bodies):

- :class:`DuplicateIndex` — exact keys and MinHash LSH over one representative of each exact
  group, with a union-find over them: the same groups as :func:`marsad.dedup.find_duplicates`
  over the same articles, whatever the batches;
- :class:`EntityIndex` — every name form seen, the entity it belongs to, and blocks to compare
  a new form with (the pairwise rules of :mod:`marsad.entities.resolve`); an entity keeps its
  id when its canonical name changes, and a merge keeps the older id and redirects the other;
- the online :class:`~marsad.cluster.EventClusterer` (events and stories), whose article
  records are cut down to what it still reads once an article is placed.

It is pickled into the store (``corpus_state``), all but its per-article records: the
clusterer's features and article records are rows of ``corpus_rows``
(:class:`marsad.store.records.StoredRecords`), read when an update asks for them, and the
MinHash signatures are made again from the stored bodies when a new article's LSH bucket
names an earlier one, so that loading and saving the state costs what does not grow with every article
seen, and memory holds what an update uses. ``marsad rebuild`` throws it away and replays
the stored articles in their arrival batches, so a rebuild gives the same events, stories and
ids as the runs that built the store.
"""

from __future__ import annotations

import contextlib
import copyreg
import gc
import hashlib
import io
import pickle
import sys
import zlib
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
from datasketch import LeanMinHash, MinHashLSH

from marsad.arabic import normalize, tokenize
from marsad.cluster import ClusterSettings, EventClusterer
from marsad.dedup import DedupSettings, canonical_order, exact_key, signature
from marsad.entities.names import name_words, skeleton, surname_key
from marsad.entities.resolve import CHAIN_WORDS, same_entity
from marsad.entities.settings import EntitySettings
from marsad.model import Article, DuplicateGroup, Entity, Published, RoleStatement
from marsad.store.records import MissingRecord, RecordSource, StoredRecords, Terms, pack_record, unpack_record
from marsad.unionfind import UnionFind

if TYPE_CHECKING:
    from marsad.cluster.state import ClusterRows

# 2: per-article records in corpus_records rows; 3: in corpus_rows; 4: rows packed (Terms);
# 5: no signature rows, events of one report without their sums; 6: LSH bands in arrays
STATE_VERSION = 6


def code_fingerprint(*settings: object) -> str:
    """A hash of the code and settings the state depends on: when either changes, the saved
    state no longer describes what this code would compute, and the corpus is rebuilt."""
    import marsad

    root = Path(marsad.__file__).parent
    h = hashlib.blake2b(digest_size=12)
    for rel in _STATE_SOURCES:
        for path in sorted(root.glob(rel)):
            h.update(path.read_bytes())
    h.update(repr(settings).encode())
    return h.hexdigest()


_STATE_SOURCES = (
    "incremental.py",
    "store/records.py",  # how the per-key records are written and read back
    "unionfind.py",
    "dedup.py",
    "cluster/*.py",
    "entities/names.py",
    "entities/resolve.py",  # its pairwise rules are the ones EntityIndex follows
    "entities/settings.py",
)


# ---------------------------------------------------------------------------- duplicates


_KEEP_SIGNATURES = 4000  # MinHash signatures of the latest articles kept at hand (~1 KB each)


class DuplicateIndex:
    """Exact and near duplicates, grown one batch at a time (same groups as the batch finder)."""

    def __init__(self, settings: DedupSettings) -> None:
        self.settings = settings
        # MinHash LSH as datasketch bands it (its b bands of r rows for this threshold), kept
        # compact: a 64-bit hash of (band, band values) for each band of each representative,
        # in two arrays sorted by that hash (the representative as its number in ``reps``):
        # 12 bytes a band, where a dict of Python ints held ~75 (datasketch's index ~3 KB an
        # article). The buckets of the add under way are a dict, merged in when it ends.
        lsh = MinHashLSH(threshold=settings.threshold, num_perm=settings.num_perm)
        self.bands: list[tuple[int, int]] = list(lsh.hashranges)
        self.reps: list[str] = []  # representatives with a signature, by number
        self.band_keys = np.zeros(0, dtype=np.uint64)  # sorted
        self.band_reps = np.zeros(0, dtype=np.uint32)  # the number of each key's representative
        self._adding: dict[int, list[int]] = {}  # band key → representatives, this add
        # read only for the LSH candidates of a new article (~4k times over 31k articles):
        # made again from the stored body then, not stored (28k rows of 528 bytes at 31k);
        # the most recent ones are kept at hand (not saved with the state)
        self._recent: dict[str, LeanMinHash] = {}
        self._bodies: Callable[[list[str]], dict[str, str]] | None = None
        self.exact: dict[str, str] = {}  # exact key → representative id
        self.rep_of: dict[str, str] = {}  # article id → representative of its exact group
        self.sets = UnionFind()  # over representatives
        self.members: dict[str, list[str]] = {}  # root representative → every member id
        self.order: dict[str, tuple[str, int, str]] = {}  # canonical_order of each article
        self.duplicate_of: dict[str, str] = {}  # non-canonical member → canonical

    def _join(self, a: str, b: str) -> None:
        if (merged := self.sets.join(a, b)) is not None:
            kept, gone = merged
            self.members[kept] += self.members.pop(gone)

    def add(self, articles: list[Article]) -> set[str]:
        """Index new articles and set their ``duplicate_of``; returns the ids of articles
        indexed before whose ``duplicate_of`` changed (a new copy published earlier)."""
        s = self.settings
        roots: set[str] = set()
        for article in sorted(articles, key=lambda a: a.id):
            if article.id in self.order:
                continue
            self.order[article.id] = canonical_order(article)
            tokens = tokenize(article.body)
            key = exact_key(article, tokens, s)
            rep = self.exact.get(key)
            if rep is not None:
                self.rep_of[article.id] = rep
                self.members[self.sets.find(rep)].append(article.id)
                roots.add(rep)
                continue
            self.exact[key] = self.rep_of[article.id] = article.id
            self.sets.add(article.id)
            self.members[article.id] = [article.id]
            roots.add(article.id)
            mh = signature(tokens, s)
            if mh is None:
                continue
            lean = LeanMinHash(mh)
            keys = self._band_keys(lean)
            for other in sorted(self._sharing(keys)):
                if lean.jaccard(self._signature(other)) >= s.threshold:
                    self._join(article.id, other)
            number = len(self.reps)
            self.reps.append(article.id)
            for k in keys:
                self._adding.setdefault(k, []).append(number)
            self._keep(article.id, lean)
        self._merge_bands()
        new_ids = {a.id for a in articles}
        changed: set[str] = set()
        for root in {self.sets.find(r) for r in roots}:
            members = self.members[root]
            canonical = min(members, key=lambda m: self.order[m])
            for m in members:
                before = self.duplicate_of.get(m)
                after = None if m == canonical else canonical
                if after is None:
                    self.duplicate_of.pop(m, None)
                else:
                    self.duplicate_of[m] = after
                if before != after and m not in new_ids:
                    changed.add(m)
        for article in articles:
            article.duplicate_of = self.duplicate_of.get(article.id)
        return changed

    def attach(self, source: object) -> None:
        """Read the bodies of earlier articles from ``source`` (a store's ``article_bodies``)."""
        self._bodies = getattr(source, "article_bodies", None)

    def detach(self) -> None:
        self._bodies = None

    def _keep(self, article_id: str, lean: LeanMinHash) -> None:
        recent = self._recent
        recent[article_id] = lean
        while len(recent) > _KEEP_SIGNATURES:
            del recent[next(iter(recent))]

    def _signature(self, article_id: str) -> LeanMinHash:
        """The MinHash of an indexed article: kept at hand, or made again from its stored
        body (the same tokens give the same signature)."""
        found = self._recent.get(article_id)
        if found is not None:
            return found
        if self._bodies is None:
            raise RuntimeError("DuplicateIndex needs the stored articles' bodies: attach() a store")
        body = self._bodies([article_id]).get(article_id)
        mh = None if body is None else signature(tokenize(body), self.settings)
        if mh is None:
            raise MissingRecord(
                f"article {article_id!r} is in the duplicate index but its body is not in the store"
            )
        lean = LeanMinHash(mh)
        self._keep(article_id, lean)
        return lean

    def __getstate__(self) -> dict[str, Any]:
        self._merge_bands()
        return {**self.__dict__, "_recent": {}, "_bodies": None}

    def _band_keys(self, lean: LeanMinHash) -> list[int]:
        """The LSH bucket of each band: two signatures share one when a band's values are equal
        (the values fit 32 bits, whatever the array's type; a 64-bit hash stands for them)."""
        values = lean.hashvalues.astype("<u4")
        out = []
        for i, (start, end) in enumerate(self.bands):
            digest = hashlib.blake2b(values[start:end].tobytes(), digest_size=8, salt=i.to_bytes(8, "little"))
            out.append(int.from_bytes(digest.digest(), "little"))
        return out

    def _sharing(self, keys: list[int]) -> set[str]:
        """The representatives that share an LSH bucket with these band keys."""
        numbers: set[int] = set()
        adding = self._adding
        for k in keys:
            numbers.update(adding.get(k, ()))
        found = self.band_keys
        if len(found):
            wanted = np.array(keys, dtype=np.uint64)
            lo = np.searchsorted(found, wanted, "left")
            hi = np.searchsorted(found, wanted, "right")
            for a, b in zip(lo.tolist(), hi.tolist(), strict=True):
                if a < b:
                    numbers.update(self.band_reps[a:b].tolist())
        reps = self.reps
        return {reps[n] for n in numbers}

    def _merge_bands(self) -> None:
        """Put the buckets of this add into the sorted arrays."""
        adding = self._adding
        if not adding:
            return
        total = sum(map(len, adding.values()))
        keys = np.fromiter((k for k, ns in adding.items() for _ in ns), dtype=np.uint64, count=total)
        reps = np.fromiter((n for ns in adding.values() for n in ns), dtype=np.uint32, count=total)
        keys = np.concatenate([self.band_keys, keys])
        reps = np.concatenate([self.band_reps, reps])
        order = np.argsort(keys, kind="stable")
        self.band_keys, self.band_reps = keys[order], reps[order]
        self._adding = {}

    def groups(self) -> list[DuplicateGroup]:
        out = []
        for members in self.members.values():
            if len(members) < 2:
                continue
            ordered = sorted(members, key=lambda m: self.order[m])
            kind = "exact" if len({self.rep_of[m] for m in ordered}) == 1 else "near"
            out.append(DuplicateGroup(canonical=ordered[0], members=ordered, kind=kind))  # type: ignore[arg-type]
        out.sort(key=lambda g: self.order[g.canonical])
        return out


# ---------------------------------------------------------------------------- entities

_PREFIX = {"PERSON": "P", "ORG": "O", "LOC": "L"}
_MAX_BLOCK = 300  # a form is compared with at most this many forms of one block (as the batch resolver)


@dataclass
class _Form:
    label: str
    key: str
    words: list[str]
    entity: str


@dataclass
class _EntityAgg:
    """An entity as it grows: everything its record is rebuilt from."""

    id: str
    label: str
    seq: int  # creation order: a merge keeps the older one
    names: Counter[str] = field(default_factory=Counter)
    texts: set[str] = field(default_factory=set)
    roles: dict[tuple[str, str, int, str], RoleStatement] = field(default_factory=dict)
    articles: set[str] = field(default_factory=set)
    mentions: int = 0
    is_source: bool = False
    forms: list[tuple[str, str]] = field(default_factory=list)

    def record(self) -> Entity:
        names = self.names
        person = self.label == "PERSON"
        name = max(names, key=lambda n: (not person or len(n.split()) >= 2, names[n], -len(n), n))
        return Entity(
            id=self.id,
            label=self.label,  # type: ignore[arg-type]
            name=name,
            variants=sorted((self.texts | set(names)) - {name}),
            roles=[self.roles[k] for k in sorted(self.roles)],
            articles=sorted(self.articles),
            mention_count=self.mentions,
            is_source=self.is_source,
        )


_KEEP_ENTITIES = 20000  # entity records kept in memory between chunks (the often named ones)


def _entity_view(agg: _EntityAgg) -> tuple:
    """What changes when an entity's record is changed in place (a mention, a form, a merge,
    a role dated through its event): it is written again when this does. Every change
    :class:`EntityIndex` makes to an entity adds to one of these counts."""
    dated = sum(1 for key in agg.roles if key[0])
    return (
        agg.mentions,
        len(agg.names),
        len(agg.texts),
        len(agg.articles),
        agg.is_source,
        len(agg.forms),
        len(agg.roles),
        dated,
    )


class EntityIndex:
    """Entities resolved as articles arrive; ids never change, merges redirect."""

    def __init__(self, settings: EntitySettings) -> None:
        self.settings = settings
        self.forms: dict[tuple[str, str], _Form] = {}
        # what each entity's record is made from: read when a new mention or form needs it
        self.entities: StoredRecords[_EntityAgg] = StoredRecords(
            "entity", keep=_KEEP_ENTITIES, view=_entity_view
        )
        # what resolving reads of entities it does not change, kept at hand (no record read)
        self.mention_count: dict[str, int] = {}
        self.seq_of: dict[str, int] = {}
        self.redirects: dict[str, str] = {}  # merged-away id → surviving id
        self.blocks: dict[tuple[str, str, str], list[str]] = defaultdict(list)  # → form keys
        self.chains: dict[tuple[str, ...], list[str]] = defaultdict(list)  # "X بن Y" prefixes → forms
        self.by_words: dict[tuple[str, ...], str] = {}
        self._seq = 0

    def add(self, articles: list[Article]) -> tuple[set[str], dict[str, str]]:
        """Resolve the mentions of new articles (sets ``mention.entity_id``).

        Returns the ids of entities that changed and the merges made ({old id: kept id}).
        """
        touched: set[str] = set()
        merged: dict[str, str] = {}
        pending: list[tuple[Article, Any, tuple[str, str]]] = []
        for article in sorted(articles, key=lambda a: a.id):
            for m in article.mentions:
                name = m.canonical or m.text
                pending.append((article, m, (m.label, normalize(name))))
        new_forms = sorted({fk for _, _, fk in pending if fk not in self.forms})
        names = {fk: (m.canonical or m.text) for _, m, fk in pending}
        # full names first, so that a bare family name meets the people it may stand for
        for fk in sorted(new_forms, key=lambda fk: (len(fk[1].split()) < 2, fk)):
            self._new_form(fk, names[fk], merged)
        for article, m, fk in pending:
            agg = self.entities[self.forms[fk].entity]
            name = m.canonical or m.text
            agg.names[name] += 1
            agg.texts.add(m.text)
            agg.articles.add(article.id)
            agg.mentions += 1
            self.mention_count[agg.id] += 1
            agg.is_source |= m.is_source
            if m.role:
                date = article.published.date if article.published else None
                agg.roles[(date or "", article.id, m.sentence, m.role)] = RoleStatement(
                    m.role, date, article.id, m.sentence
                )
            m.entity_id = agg.id
            touched.add(agg.id)
        kept = self._settle_families({fk for _, _, fk in pending if fk[0] == "PERSON"}, merged)
        if kept:
            for _article, m, _fk in pending:
                m.entity_id = self.resolve(m.entity_id)
            touched = {self.resolve(e) for e in touched} | kept
        return touched - set(merged), merged

    def _settle_families(self, person_forms: set[tuple[str, str]], merged: dict[str, str]) -> set[str]:
        """Bare family names of the surname blocks these forms are in, met again now that
        their people have more mentions: a bare name standing alone joins the person it now
        mostly means (:meth:`_family`), as the batch resolver decides over the whole corpus. A
        bare «أوباما» first seen beside stray spans («ودان أوباما») would otherwise stay a
        person of its own for ever."""
        kept: set[str] = set()
        blocks = {
            ("PERSON", "surname", skeleton(" ".join(surname_key(self.forms[fk].words))))
            for fk in person_forms
        }
        for block in sorted(blocks):
            forms = [self.forms[("PERSON", key)] for key in self.blocks.get(block, [])]
            for form in forms:
                if len(form.words) >= 2:
                    continue
                own = self.resolve(form.entity)
                if any(len(f.words) >= 2 and self.resolve(f.entity) == own for f in forms):
                    continue  # already one with a full name of this family
                best = self._family(form.words)
                if best and own not in best:
                    keep, other = sorted((own, *best), key=self.seq_of.__getitem__)
                    self._merge(other, keep, merged)
                    kept.add(keep)
        return kept

    def resolve(self, entity_id: str) -> str:
        while entity_id in self.redirects:
            entity_id = self.redirects[entity_id]
        return entity_id

    def _block_keys(self, label: str, words: list[str]) -> list[tuple[str, str, str]]:
        if label == "PERSON":
            keys = [(label, "surname", skeleton(" ".join(surname_key(words))))]
            if len(words) >= 2:
                keys.append((label, "first", skeleton(words[0])))
            return keys
        return [(label, "first", skeleton(words[0]) if words else "")]

    def _matches(self, label: str, words: list[str]) -> set[str]:
        """Entities a new form of these words joins, by the batch resolver's pairwise rules
        (:func:`marsad.entities.resolve.same_entity`, the same chain words)."""
        found: set[str] = set()
        for block in self._block_keys(label, words):
            for other_key in self.blocks.get(block, [])[-_MAX_BLOCK:]:
                other = self.forms[(label, other_key)]
                if same_entity(label, words, other.words, self.settings, block=block[1]):
                    found.add(other.entity)
        if label == "PERSON":
            if same := self.by_words.get(tuple(words)):  # one spelling of the same words
                found.add(self.forms[(label, same)].entity)
            for n in range(3, len(words)):
                if words[n] in CHAIN_WORDS and (prefix := self.by_words.get(tuple(words[:n]))):
                    found.add(self.forms[(label, prefix)].entity)
            for longer in self.chains.get(tuple(words), []):
                found.add(self.forms[(label, longer)].entity)
            if len(words) < 2:
                found |= self._family(words)
        return {self.resolve(e) for e in found}

    def _family(self, words: list[str]) -> set[str]:
        """The person a bare family name mostly means: the only one, or one named in at least
        three quarters of the full mentions of that family name."""
        weight: Counter[str] = Counter()
        for other_key in self.blocks.get(("PERSON", "surname", skeleton(" ".join(surname_key(words)))), []):
            other = self.forms[("PERSON", other_key)]
            if len(other.words) >= 2:
                entity = self.resolve(other.entity)
                weight[entity] += self.mention_count[entity] or 1
        if not weight:
            return set()
        best, count = min(weight.items(), key=lambda kv: (-kv[1], kv[0]))
        return {best} if count >= 0.75 * sum(weight.values()) else set()

    def _new_form(self, fk: tuple[str, str], name: str, merged: dict[str, str]) -> None:
        # one object for each string kept (the articles' own are new in every chunk)
        label, key = fk = (sys.intern(fk[0]), sys.intern(fk[1]))
        words = list(map(sys.intern, name_words(name) if label == "PERSON" else key.split()))
        matches = self._matches(label, words)
        if matches:
            keep = min(matches, key=self.seq_of.__getitem__)
            for other in sorted(matches - {keep}):
                self._merge(other, keep, merged)
        else:
            keep = self._create(label, name)
        form = _Form(label, key, words, keep)
        self.forms[fk] = form
        self.entities[keep].forms.append(fk)
        for block in self._block_keys(label, words):
            self.blocks[block].append(key)
        if label == "PERSON":
            self.by_words.setdefault(tuple(words), key)
            for n in range(3, len(words)):
                if words[n] in CHAIN_WORDS:
                    self.chains[tuple(words[:n])].append(key)

    def _create(self, label: str, name: str) -> str:
        base = f"{_PREFIX[label]}-{hashlib.sha1(f'{label}:{normalize(name)}'.encode()).hexdigest()[:10]}"
        ident, n = base, 1
        while ident in self.entities or ident in self.redirects:
            n += 1
            ident = f"{base}-{n}"
        self._seq += 1
        self.entities[ident] = _EntityAgg(ident, label, self._seq)
        self.mention_count[ident], self.seq_of[ident] = 0, self._seq
        return ident

    def _merge(self, old: str, keep: str, merged: dict[str, str]) -> None:
        a, b = self.entities.pop(old), self.entities[keep]
        b.names.update(a.names)
        b.texts |= a.texts
        b.roles.update(a.roles)
        b.articles |= a.articles
        b.mentions += a.mentions
        self.mention_count[keep] += self.mention_count.pop(old)
        del self.seq_of[old]
        b.is_source |= a.is_source
        for fk in a.forms:
            self.forms[fk].entity = keep
        b.forms += a.forms
        self.redirects[old] = keep
        for k, v in list(merged.items()):
            if v == old:
                merged[k] = keep
        merged[old] = keep

    def record(self, entity_id: str) -> Entity:
        return self.entities[entity_id].record()

    def date_roles(self, articles: list[Article]) -> set[str]:
        """Give the undated role statements of these articles the date they have now (an
        undated article learns its event's date in the events stage): what
        :func:`marsad.entities.date_roles` does for a full run. Returns the entities changed."""
        touched: set[str] = set()
        for article in articles:
            date = article.published.date if article.published else None
            if not date:
                continue
            for m in article.mentions:
                if not m.role or not m.entity_id:
                    continue
                agg = self.entities.get(self.resolve(m.entity_id))
                statement = agg.roles.pop(("", article.id, m.sentence, m.role), None) if agg else None
                if agg is None or statement is None:
                    continue
                agg.roles[(date, article.id, m.sentence, m.role)] = replace(statement, date=date)
                touched.add(agg.id)
        return touched


# ---------------------------------------------------------------------------- the state


def compact_article(article: Article) -> Article:
    """What the event clusterer still reads of an article once it is placed: its id, title,
    outlet and corpus links, and a body cut to the lead text its label may fall back on."""
    from marsad.cluster.features import article_sentences, lead_sentence_ids

    if article.title and len(article.title.split()) >= 3:
        lead = ""
    else:
        sentences = article_sentences(article)
        ids = lead_sentence_ids(sentences, 1)
        lead = next((x.text for x in sentences if x.id in ids), article.body[:200])
    return Article(
        id=article.id,
        origin=article.origin,
        outlet=article.outlet,
        url=None,
        title=article.title,
        body=lead,
        published=Published(article.published.date, article.published.source) if article.published else None,
        sentences=[],
        duplicate_of=article.duplicate_of,
        event_id=article.event_id,
        mentioned_events=list(article.mentioned_events),
    )


class CorpusRows:
    """How the clustered articles' compact records (:func:`compact_article`) and the
    entities' records are written as store rows: fields in order, no field names; an
    entity's article ids as numbers of the state's :class:`Terms` table."""

    def __init__(self, terms: Terms) -> None:
        self.terms = terms

    def encode_article(self, article: Article) -> bytes:
        if article.sentences or article.mentions or article.blocks or article.url:
            raise ValueError(f"article {article.id}: only compact_article() records are written as rows")
        p = article.published
        row = (
            article.id,
            article.origin,
            article.outlet,
            article.title,
            article.body,
            (p.date, p.source, p.detail) if p else None,
            article.duplicate_of,
            article.event_id,
            article.mentioned_events,
        )
        return zlib.compress(pickle.dumps(row, protocol=pickle.HIGHEST_PROTOCOL), 1)

    def decode_article(self, data: bytes) -> Article:
        row = pickle.loads(zlib.decompress(data))  # noqa: S301 — our own store's rows, written above
        ident, origin, outlet, title, body, published, duplicate_of, event_id, mentioned = row
        return Article(
            id=ident,
            origin=origin,
            outlet=outlet,
            url=None,
            title=title,
            body=body,
            published=Published(*published) if published else None,
            duplicate_of=duplicate_of,
            event_id=event_id,
            mentioned_events=mentioned,
        )

    def encode_entity(self, agg: _EntityAgg) -> bytes:
        packed = pack_record(agg, self.terms, plain=("names", "texts"))
        return zlib.compress(pickle.dumps(packed, protocol=pickle.HIGHEST_PROTOCOL), 1)

    def decode_entity(self, data: bytes) -> _EntityAgg:
        packed = pickle.loads(zlib.decompress(data))  # noqa: S301 — our own store's rows, written above
        return unpack_record(_EntityAgg, packed, self.terms)  # type: ignore[no-any-return]


# Per-article clusterer records kept in memory between chunks: the next chunk's reports fall
# on the same days and mostly ask for the same recent ones (a few days of news).
_KEEP_FEATURES = 6000


def _article_links(article: Article) -> tuple:
    """What of a clustered article's record changes once it is placed: its event links."""
    return (article.event_id, tuple(article.mentioned_events))


@contextlib.contextmanager
def paused_gc() -> Iterator[None]:
    """No cyclic garbage collection while the state is (un)pickled: the state is millions of
    small objects, and each collection pass would walk them all (it is most of the time an
    unpickle takes). Nothing cyclic is freed meanwhile; collection resumes afterwards."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _reduce_counter(counter: Counter) -> tuple:
    # Counter.__reduce__ copies itself into a dict in Python; SETITEMS on an empty Counter
    # is the same object for the unpickler, written and read in C
    return (Counter, (), None, None, iter(counter.items()))


_DISPATCH = copyreg.dispatch_table.copy()
_DISPATCH[Counter] = _reduce_counter


class _Deflate:
    """A write-only file that zlib-compresses (level 1) what the pickler writes into one bytearray."""

    def __init__(self) -> None:
        self.z = zlib.compressobj(1)
        self.out = bytearray()

    def write(self, data: bytes) -> int:
        # (a large buffer, e.g. a numpy array's, comes as a PickleBuffer: no len())
        self.out += self.z.compress(data)
        return memoryview(data).nbytes

    def finish(self) -> bytearray:
        self.out += self.z.flush()
        return self.out


class _Inflate(io.RawIOBase):
    """A read-only file of the decompressed bytes of zlib ``data``, inflated a piece at a time."""

    _PIECE = 1 << 18

    def __init__(self, data: bytes) -> None:
        self.src = memoryview(data)
        self.pos = 0
        self.z = zlib.decompressobj()
        self.buf = b""
        self.at = 0

    def readable(self) -> bool:
        return True

    def readinto(self, b) -> int:  # type: ignore[no-untyped-def, override]
        while self.at >= len(self.buf):
            if self.pos >= len(self.src):
                self.buf, self.at = self.z.flush(), 0
                if not self.buf:
                    return 0
                break
            piece = self.src[self.pos : self.pos + self._PIECE]
            self.pos += len(piece)
            self.buf, self.at = self.z.decompress(piece), 0
        n = min(len(b), len(self.buf) - self.at)
        b[:n] = self.buf[self.at : self.at + n]
        self.at += n
        return n


@dataclass
class CorpusState:
    dedup: DuplicateIndex
    entities: EntityIndex
    clusterer: EventClusterer
    version: int = STATE_VERSION
    articles: int = 0  # articles the state has seen
    batch: int = -1  # the last arrival batch it has seen
    fingerprint: str = ""  # code_fingerprint() of the code and settings that built it
    # (event id, member id) of events whose sums were found to be exact copies of their sole
    # member's vectors: saved without them, read back from the member's features row
    member_sums: set[tuple[str, str]] = field(default_factory=set)
    # stories of one such event whose sums were checked against its report's features:
    # (story id, report id) -> a fingerprint of the sums then (see sums_fingerprint)
    story_sums: dict[tuple[str, str], int | None] = field(default_factory=dict)
    # how the clusterer's story part rows are written (they may name an event's member)
    rows: ClusterRows | None = None

    @classmethod
    def empty(cls, dedup: DedupSettings, entities: EntitySettings, cluster: ClusterSettings) -> CorpusState:
        from marsad.cluster.state import ClusterRows, keep_records_in

        terms = Terms()  # one table for every kind of row (the strings are the state's own)
        rows, ours = ClusterRows(terms), CorpusRows(terms)
        clusterer = EventClusterer(cluster)
        keep_records_in(
            clusterer,
            StoredRecords(
                "cluster_features",
                keep=_KEEP_FEATURES,
                encode=rows.encode_features,
                decode=rows.decode_features,
            ),
            StoredRecords(
                "cluster_article",
                keep=_KEEP_FEATURES,
                view=_article_links,
                encode=ours.encode_article,
                decode=ours.decode_article,
            ),
            # read only to take an event out again
            story_parts=StoredRecords(
                "story_part", encode=rows.encode_part, decode=rows.decode_part, encode_key=rows.encode_part_of
            ),
        )
        rows.parts_from(clusterer)
        index = EntityIndex(entities)
        index.entities.encode, index.entities.decode = ours.encode_entity, ours.decode_entity
        state = cls(DuplicateIndex(dedup), index, clusterer, rows=rows)
        state.fingerprint = code_fingerprint(dedup, entities, cluster)
        return state

    def _records(self) -> list[StoredRecords]:
        c = self.clusterer
        # (story parts first: a flush writes them while the features they may name are held)
        kept = (c.stories.parts, self.entities.entities, c.features, c.articles)
        return [r for r in kept if isinstance(r, StoredRecords)]

    def attach(self, store: RecordSource) -> None:
        """Read and write the per-article records in ``store`` (for one update); events
        saved without their sums get them back from their member's features."""
        from marsad.cluster.state import restore_member_sums

        for records in self._records():
            records.attach(store)
        self.dedup.attach(store)
        restore_member_sums(self.clusterer)

    def detach(self) -> None:
        for records in self._records():
            records.detach()
        self.dedup.detach()

    def flush(self) -> None:
        """Write the per-article records a chunk set or changed; events hold their members'
        vectors through the features from here on."""
        from marsad.cluster.state import (
            park_member_sums,
            share_member_vectors,
            sole_member,
            story_report,
            story_sums_are_member_vectors,
            sums_are_member_vectors,
            sums_fingerprint,
        )

        c = self.clusterer
        share_member_vectors(c)
        features = c.features
        if isinstance(features, StoredRecords):
            # events of one report: their sums are checked against its features while these
            # are still in memory (before the flush lets them go)
            for st in c.states:
                member = sole_member(st)
                if member is None or (st.event.id, member) in self.member_sums:
                    continue
                f = features.held(member)
                if f is not None and sums_are_member_vectors(st, f):
                    self.member_sums.add((st.event.id, member))
            for story in c.stories.states:
                member = story_report(story)
                if member is None or (story.story.id, member) in self.story_sums:
                    continue
                f = features.held(member)
                if f is not None and story_sums_are_member_vectors(story, f, c.settings):
                    self.story_sums[(story.story.id, member)] = sums_fingerprint(story)
        rows = self.rows
        if rows is not None:
            rows.note_members()  # a part of an event of one report is written as its member
        for records in self._records():
            records.flush()
        if rows is not None:
            rows.members = {}
        if isinstance(features, StoredRecords):
            # and from here on they hold those sums no more: read back from the features
            # when used (most events of one report are never looked at again)
            park_member_sums(c, self.member_sums)

    def share_strings(self, events: set[str], stories: set[str]) -> None:
        """After a chunk: the sums of the events and stories it changed keep one object per
        string (see :func:`marsad.cluster.state.intern_keys`)."""
        from marsad.cluster.state import intern_keys

        intern_keys(self.clusterer, events, stories)

    def collect(self) -> None:
        """Delete the rows of records written over or removed (once this state is saved)."""
        for records in self._records():
            records.collect()

    def changed_articles(self) -> list[str]:
        """Clustered articles whose event links changed since the last flush."""
        articles = self.clusterer.articles
        return articles.changed() if isinstance(articles, StoredRecords) else []

    def dumps(self) -> bytearray:
        """The state pickled and zlib'd as it is written: the uncompressed pickle (twice the
        size) is never held whole."""
        from marsad.cluster.events import EventState
        from marsad.cluster.state import sole_member, story_report, sums_fingerprint, without_member_sums
        from marsad.cluster.stories import StoryState

        # An event's sums are its sole member's vectors as long as it has one member (only
        # adding a report changes them): such events (~80%) are saved without them; so are
        # stories of one such event whose sums are still the ones checked. Only those still
        # so are remembered.
        self.member_sums = {
            key for st in self.clusterer.states if (key := (st.event.id, sole_member(st))) in self.member_sums
        }
        marked = self.member_sums
        stories = {}
        for story in self.clusterer.stories.states:
            key = (story.story.id, story_report(story))
            if key not in self.story_sums:
                continue
            fingerprint = self.story_sums[key]  # type: ignore[index]
            now = sums_fingerprint(story)  # None: read back and never used since
            if now is None or now == fingerprint:
                stories[key] = fingerprint
        self.story_sums = stories  # type: ignore[assignment]

        def reduce_event(st: EventState) -> tuple:
            member = sole_member(st)
            if member is not None and (st.event.id, member) in marked:
                return without_member_sums(st, member)
            return st.__reduce_ex__(pickle.HIGHEST_PROTOCOL)  # type: ignore[return-value]

        def reduce_story(story: StoryState) -> tuple:
            member = story_report(story)
            if member is not None and (story.story.id, member) in stories:
                return without_member_sums(story, member)
            return story.__reduce_ex__(pickle.HIGHEST_PROTOCOL)  # type: ignore[return-value]

        dispatch = dict(_DISPATCH)
        dispatch[EventState] = reduce_event
        dispatch[StoryState] = reduce_story
        out = _Deflate()
        with paused_gc():
            pickler = pickle.Pickler(out, protocol=pickle.HIGHEST_PROTOCOL)
            pickler.dispatch_table = dispatch
            pickler.dump(self)
        return out.finish()

    @staticmethod
    def loads(data: bytes, fingerprint: str) -> CorpusState | None:
        """The state, or None when it was saved by other code or settings (then rebuild).
        Unpickled as it is decompressed (the whole uncompressed pickle is never held)."""
        try:
            with paused_gc():
                state = pickle.load(io.BufferedReader(_Inflate(data), 1 << 20))  # noqa: S301 — our own store, written by dumps
        except Exception:  # noqa: BLE001 — an unreadable state is rebuilt, never fatal
            return None
        if not isinstance(state, CorpusState) or state.version != STATE_VERSION:
            return None
        return state if state.fingerprint == fingerprint else None


__all__ = ["CorpusState", "DuplicateIndex", "EntityIndex", "compact_article"]
