"""The embedded store: one SQLite file in WAL mode, with FTS5 over normalised text.

Search folds the spelling differences readers do not see (diacritics, hamza seats, alef
forms, ى/ي, ة/ه, digit sets) by indexing :func:`marsad.arabic.normalize` forms and
normalising the query the same way; a third column of light stems lets "الشيباني" also find
"والشيباني" and "بالشيباني". Display text is always the original.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import re
import sqlite3
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TypeVar

from marsad.arabic import normalize
from marsad.arabic.normalize import normalize_keep_length
from marsad.arabic.tokens import stems
from marsad.model import Article, DuplicateGroup, Entity, Event, Rejected, Story, from_dict, to_dict
from marsad.store import events as event_tables
from marsad.store.base import Page, PreparedArticle, SearchHit, StoreError, rows_in
from marsad.store.compact import (
    compress_json,
    decode_row,
    encode_row,
    pack_article,
    row_json,
    same_row,
    unpack_article,
)
from marsad.store.query import ParsedQuery, SearchQuery, fts5_match, highlight_spans, parse_query

SCHEMA_VERSION = 1
T = TypeVar("T")

# Another process writing (a second `marsad ingest`) holds the write lock for one batch or one
# corpus write: wait for it this long before giving up with "database is locked".
BUSY_TIMEOUT_S = 600.0
# A search that runs longer than this is stopped with a clear message (datasette uses 1 s).
SEARCH_TIME_LIMIT_S = 1.0

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE IF NOT EXISTS articles (
    id TEXT PRIMARY KEY, origin TEXT, outlet TEXT, url TEXT, title TEXT, published TEXT,
    duplicate_of TEXT, event_id TEXT, data TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS articles_outlet ON articles(outlet);
CREATE INDEX IF NOT EXISTS articles_published ON articles(published);
CREATE INDEX IF NOT EXISTS articles_event ON articles(event_id);
CREATE INDEX IF NOT EXISTS articles_dup ON articles(duplicate_of);
-- Contentless: the index and the column sizes bm25 needs, not a second copy of every body
-- (the articles table has it; searches read snippets from there). Stores made before keep
-- their content table, and work the same.
CREATE VIRTUAL TABLE IF NOT EXISTS articles_fts USING fts5(
    title, body, stems, content = '', tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TABLE IF NOT EXISTS rejected (origin TEXT PRIMARY KEY, reason TEXT, detail TEXT, sample TEXT);
CREATE TABLE IF NOT EXISTS entities (
    id TEXT PRIMARY KEY, label TEXT, name TEXT, mention_count INTEGER, data TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS entities_label ON entities(label, mention_count);
CREATE TABLE IF NOT EXISTS entity_articles (
    entity_id TEXT, article_id TEXT, PRIMARY KEY (entity_id, article_id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS entity_articles_article ON entity_articles(article_id);
CREATE TABLE IF NOT EXISTS events (
    id TEXT PRIMARY KEY, date TEXT, story_id TEXT, n_articles INTEGER, data TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS events_story ON events(story_id);
CREATE TABLE IF NOT EXISTS stories (
    id TEXT PRIMARY KEY, date TEXT, date_end TEXT, n_events INTEGER, data TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS stories_date ON stories(date_end);
CREATE TABLE IF NOT EXISTS corpus_state (name TEXT PRIMARY KEY, data BLOB);
-- a rowid table: its rows (0.5-20 KB) stay on their page; in a WITHOUT ROWID table (the
-- first layout, ``corpus_records``, dropped: its state is rebuilt) those over ~1 KB spilled
-- onto overflow pages, and the table took twice the bytes it holds
CREATE TABLE IF NOT EXISTS corpus_rows (kind TEXT, id TEXT, data BLOB, PRIMARY KEY (kind, id));
DROP TABLE IF EXISTS corpus_records;
CREATE TABLE IF NOT EXISTS article_batches (article_id TEXT PRIMARY KEY, batch INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS redirects (kind TEXT, old_id TEXT, new_id TEXT, PRIMARY KEY (kind, old_id));
"""


def _retry_locked(step: Callable[[], T]) -> T:
    """``step()``, tried again while another process holds the store: some lock waits (WAL
    recovery, switching the journal mode) return "database is locked" at once, without the
    busy handler."""
    deadline = time.monotonic() + BUSY_TIMEOUT_S
    pause = 0.05
    while True:
        try:
            return step()
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) and "busy" not in str(exc) or time.monotonic() > deadline:
                raise
        time.sleep(pause)
        pause = min(pause * 2, 1.0)


def search_too_slow(query: str, seconds: float) -> str:
    return f"search for {query!r} stopped after {seconds:g} s (time limit): use fewer or rarer words, or a filter"


PAGE_SIZE = 16384


def _row(data: str | bytes) -> dict:
    return decode_row(data)


def _dump_article(article: Article, *, compress: bool = True) -> str | bytes:
    """An article row: the body once, what is a slice of it as offsets (see :mod:`.compact`),
    zlib-compressed when ``compress``."""
    return encode_row(pack_article(to_dict(article)), compress=compress)


def _load_article(data: str | bytes) -> Article:
    return from_dict(Article, unpack_article(decode_row(data)))


def article_row_functions(db: sqlite3.Connection) -> None:
    """SQL functions for stored rows (``json_extract``/``json_set`` need JSON text):
    ``row_json(data)`` gives a row's JSON text, compressed or not; ``row_blob(json)`` the row
    the store writes for that JSON. Every store connection has them; so must a script that
    reads or edits rows in SQL (bench_api --scale)."""
    db.create_function(
        "row_json", 1, lambda data: None if data is None else row_json(data), deterministic=True
    )
    db.create_function(
        "row_blob", 1, lambda text: None if text is None else encode_row(json.loads(text)), deterministic=True
    )


def _stems(text: str) -> str:
    return " ".join(stems(text))


def _search_values(a: Article) -> tuple[str, str, str]:
    """The search index's title, body and stems of an article."""
    return normalize(a.title or ""), normalize(a.body), _stems((a.title or "") + " " + a.body)


def _article_columns(a: Article, data: str | bytes) -> tuple:
    published = a.published.date if a.published else None
    return (a.id, a.origin, a.outlet, a.url, a.title, published, a.duplicate_of, a.event_id, data)


def prepare_article(a: Article) -> PreparedArticle:
    """``a`` as the store writes it (see :class:`~marsad.store.base.PreparedArticle`): its
    row, with the data compressed as the SQLite store keeps it (a store that keeps it
    otherwise converts it), then its search values."""
    return PreparedArticle(
        a.id, a.origin, list(a.notices), (*_article_columns(a, _dump_article(a)), *_search_values(a))
    )


class SQLiteStore:
    """The embedded default store. Safe to read from several threads of one process."""

    # Article, quote, event, story and entity rows are zlib'd JSON (PostgreSQL: JSON text,
    # compressed by TOAST); SQL reads their fields through row_json(data) (a name lookup, an
    # entity's variants). Entity rows written as JSON text before read as they are.
    compress_rows = True
    _data = "row_json(data)"

    def _dump_row(self, record: object) -> str | bytes:
        return encode_row(to_dict(record), compress=self.compress_rows)

    def __init__(self, path: Path, *, read_only: bool = False) -> None:
        self.path = Path(path)
        self.read_only = read_only
        if read_only and not self.path.exists():
            raise StoreError(
                str(self.path), "no such store (run `marsad run` or `marsad ingest` first)", code="missing"
            )
        self.search_time_limit = SEARCH_TIME_LIMIT_S
        try:
            if read_only:
                self.db = sqlite3.connect(
                    self._read_only_uri(), uri=True, check_same_thread=False, timeout=BUSY_TIMEOUT_S
                )
                self.db.execute("PRAGMA query_only=ON")
                article_row_functions(self.db)
            else:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                self.db = sqlite3.connect(self.path, check_same_thread=False, timeout=BUSY_TIMEOUT_S)
                article_row_functions(self.db)
                self.db.execute(f"PRAGMA busy_timeout={int(BUSY_TIMEOUT_S * 1000)}")
                _retry_locked(self._create_schema)
        except sqlite3.DatabaseError as exc:
            raise StoreError(
                str(self.path), f"not a Marsad store ({exc})", code="unusable", detail=str(exc)
            ) from exc

    def _create_schema(self) -> None:
        # a new store's pages: rows of 1-3 KB (compressed articles, corpus state rows) leave
        # a quarter of a 4 KB page empty, 2-5% of a 16 KB one (a store made before keeps its
        # pages; this only holds before the first table is written)
        self.db.execute(f"PRAGMA page_size={PAGE_SIZE}")
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=NORMAL")
        self.db.executescript(_SCHEMA + event_tables.SCHEMA)
        self.db.execute("INSERT OR IGNORE INTO meta VALUES ('schema_version', ?)", (str(SCHEMA_VERSION),))
        self.db.commit()

    def _read_only_uri(self) -> str:
        """``mode=ro`` while a writer could be at work (it needs the shared-memory file beside the
        store, which readers map too); ``immutable=1`` when the store or its folder cannot be
        written, so that SQLite touches nothing at all — no -shm, no -wal, no lock."""
        path = self.path.resolve()
        writable = os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)
        from urllib.parse import quote

        return f"file:{quote(str(path))}?" + ("mode=ro" if writable else "mode=ro&immutable=1")

    @contextlib.contextmanager
    def corpus_lock(self) -> Iterator[None]:
        """Serialise corpus steps across processes (two `marsad ingest` at once): an advisory
        lock on the store file, held while the corpus is read, computed and written."""
        with open(self.path, "rb") as fh:
            fcntl.flock(fh.fileno(), fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(fh.fileno(), fcntl.LOCK_UN)

    def _start_time_limit(self) -> None:
        deadline = time.monotonic() + self.search_time_limit
        self.db.set_progress_handler(lambda: int(time.monotonic() > deadline), 100)

    # ------------------------------------------------------------------ articles

    def add_articles(self, articles: Iterable[Article | PreparedArticle]) -> int:
        """Insert new articles; ones already stored (same id) are left as they are."""
        added = 0
        with self.db:
            for a in articles:
                values = self._article_values(a) if isinstance(a, PreparedArticle) else None
                cur = self.db.execute(
                    "INSERT OR IGNORE INTO articles VALUES (?,?,?,?,?,?,?,?,?)",
                    values[:9] if values else self._article_row(a),  # type: ignore[arg-type]
                )
                if cur.rowcount:
                    added += 1
                    rowid = cur.lastrowid
                    self.db.execute(
                        "INSERT INTO articles_fts(rowid, title, body, stems) VALUES (?,?,?,?)",
                        (rowid, *(values[9:] if values else _search_values(a))),  # type: ignore[arg-type]
                    )
        return added

    def update_articles(self, articles: Iterable[Article]) -> None:
        """Rewrite stored articles (after corpus stages enriched them)."""
        with self.db:
            self.db.executemany(
                "UPDATE articles SET origin=?, outlet=?, url=?, title=?, published=?, duplicate_of=?,"
                " event_id=?, data=? WHERE id=?",
                (self._article_row(a)[1:] + (a.id,) for a in articles),
            )

    def _article_row(self, a: Article) -> tuple:
        return _article_columns(a, _dump_article(a, compress=self.compress_rows))

    def _article_values(self, a: Article | PreparedArticle) -> tuple:
        """What add_articles writes: the row's columns, then the search title, body and stems."""
        if not isinstance(a, PreparedArticle):
            return (*self._article_row(a), *_search_values(a))
        data = a.values[8]
        if isinstance(data, bytes) != self.compress_rows:  # written for the other kind of store
            data = encode_row(decode_row(data), compress=self.compress_rows)
        return (*a.values[:8], data, *a.values[9:])

    def known_ids(self) -> set[str]:
        return {r[0] for r in self.db.execute("SELECT id FROM articles")}

    def get_article(self, article_id: str) -> Article | None:
        row = self.db.execute("SELECT data FROM articles WHERE id=?", (article_id,)).fetchone()
        return _load_article(row[0]) if row else None

    def get_articles(self, ids: Iterable[str]) -> dict[str, Article]:
        """The stored articles of these ids (those there are), in the order asked for."""
        wanted = list(dict.fromkeys(ids))
        rows = self._article_rows(wanted)
        return {i: _load_article(rows[i]) for i in wanted if i in rows}

    def article_bodies(self, ids: Iterable[str]) -> dict[str, str]:
        """The bodies of these stored articles (those there are), read from their rows
        without making the rest of each record."""
        rows = self._article_rows(list(dict.fromkeys(ids)))
        return {i: decode_row(data).get("body") or "" for i, data in rows.items()}

    def _article_rows(self, wanted: list[str]) -> dict[str, str | bytes]:
        """The stored ``data`` of the articles of these (distinct) ids, those there are."""
        return dict(rows_in(self.db, "SELECT id, data FROM articles WHERE id IN ({marks})", wanted))

    def iter_articles(self) -> Iterator[Article]:
        for (data,) in self.db.execute("SELECT data FROM articles ORDER BY published, id"):
            yield _load_article(data)

    def article_count(self) -> int:
        return self.db.execute("SELECT count(*) FROM articles").fetchone()[0]

    def list_articles(self, *, outlet: str | None = None, offset: int = 0, limit: int = 50) -> Page:
        where, args = ("WHERE outlet=?", [outlet]) if outlet else ("", [])
        total = self.db.execute(f"SELECT count(*) FROM articles {where}", args).fetchone()[0]
        rows = self.db.execute(
            f"SELECT id, title, outlet, published FROM articles {where}"
            " ORDER BY published DESC, id LIMIT ? OFFSET ?",
            [*args, limit, offset],
        ).fetchall()
        items = [dict(id=r[0], title=r[1], outlet=r[2], published=r[3]) for r in rows]
        return Page(items, total, offset, limit)

    def outlets(self) -> list[tuple[str, int]]:
        return [
            (r[0], r[1])
            for r in self.db.execute(
                "SELECT outlet, count(*) FROM articles WHERE outlet IS NOT NULL GROUP BY outlet ORDER BY 2 DESC, 1"
            )
        ]

    def search(self, query: SearchQuery | str) -> Page:
        """Articles matching ``query`` (spelling-insensitive; see :mod:`marsad.store.query`):
        by relevance, articles with the exact forms before those matched by stem only, or newest first."""
        q = SearchQuery(query) if isinstance(query, str) else query
        parsed = parse_query(q.text)
        if parsed.empty:
            return Page([], 0, q.offset, q.limit)
        filters, filter_args = search_filters(q)
        where = ["articles_fts MATCH ?", *filters]
        args: list = [fts5_match(parsed), *filter_args]
        sql_from = "FROM articles_fts f JOIN articles a ON a.rowid = f.rowid WHERE " + " AND ".join(where)
        # tier 0: every word in its exact (normalised) form; tier 1: some word by stem only
        tier = "(f.rowid NOT IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?))"
        order = (
            f"{tier}, bm25(articles_fts, 3.0, 1.0, 0.5), a.published DESC, a.id"
            if q.sort == "relevance"
            else f"a.published IS NULL, a.published DESC, {tier}, a.id"
        )
        self._start_time_limit()
        try:
            total = self.db.execute(f"SELECT count(*) {sql_from}", args).fetchone()[0]
            rows = self.db.execute(
                f"SELECT a.id, a.title, a.outlet, a.published, bm25(articles_fts, 3.0, 1.0, 0.5), a.data, {tier}"
                f" {sql_from} ORDER BY {order} LIMIT ? OFFSET ?",
                [fts5_match(parsed, exact=True), *args, fts5_match(parsed, exact=True), q.limit, q.offset],
            ).fetchall()
        except sqlite3.OperationalError as exc:
            if "interrupted" in str(exc):
                raise StoreError(str(self.path), search_too_slow(q.text, self.search_time_limit)) from exc
            raise StoreError(str(self.path), f"search failed for {q.text!r}: {exc}") from exc
        finally:
            self.db.set_progress_handler(None, 0)
        hits = [
            search_hit(r[0], r[1], r[2], r[3], decode_row(r[5])["body"], parsed, -r[4], not r[6])
            for r in rows
        ]
        return Page(hits, total, q.offset, q.limit)

    # ------------------------------------------------------------------ rejected

    def add_rejected(self, rejected: Iterable[Rejected]) -> int:
        with self.db:
            cur = self.db.executemany(
                "INSERT OR REPLACE INTO rejected VALUES (?,?,?,?)",
                ((r.origin, r.reason, r.detail, r.text_sample) for r in rejected),
            )
        return cur.rowcount

    def rejected(self) -> list[Rejected]:
        return [Rejected(*r) for r in self.db.execute("SELECT * FROM rejected ORDER BY origin")]

    # ------------------------------------------------------------------ corpus results

    def replace_corpus(
        self,
        *,
        entities: list[Entity],
        events: list[Event],
        stories: list[Story],
        duplicates: list[DuplicateGroup],
        articles: list[Article],
    ) -> None:
        """Replace all corpus-level results, and rewrite the articles they annotate."""
        with self.db:
            for table in ("entities", "entity_articles", "events", "stories"):
                self.db.execute(f"DELETE FROM {table}")
            self.db.executemany(
                "INSERT INTO entities VALUES (?,?,?,?,?)",
                ((e.id, e.label, e.name, e.mention_count, self._dump_row(e)) for e in entities),
            )
            self.db.executemany(
                "INSERT OR IGNORE INTO entity_articles VALUES (?,?)",
                ((e.id, a) for e in entities for a in e.articles),
            )
            self.db.executemany(
                "INSERT INTO events VALUES (?,?,?,?,?)",
                ((e.id, e.date, e.story_id, len(e.articles), self._dump_row(e)) for e in events),
            )
            self.db.executemany(
                "INSERT INTO stories VALUES (?,?,?,?,?)",
                ((s.id, s.date, s.date_end, len(s.events), self._dump_row(s)) for s in stories),
            )
            self.db.execute(
                "INSERT OR REPLACE INTO meta VALUES ('duplicates', ?)",
                (json.dumps([to_dict(g) for g in duplicates], ensure_ascii=False),),
            )
            event_tables.write_events(self.db, articles, compress=self.compress_rows)
        self.update_articles(articles)

    # ------------------------------------------------------------------ incremental corpus state

    def load_state(self, name: str) -> bytes | None:
        """The saved corpus state ``name`` (opaque bytes), or None."""
        row = self.db.execute("SELECT data FROM corpus_state WHERE name=?", (name,)).fetchone()
        return bytes(row[0]) if row and row[0] is not None else None

    def save_state(self, name: str, data: bytes) -> None:
        with self.db:
            self.db.execute("DELETE FROM corpus_state WHERE name=?", (name,))
            self.db.execute("INSERT INTO corpus_state VALUES (?,?)", (name, data))

    def save_states(self, parts: dict[str, bytes]) -> None:
        """Save several state parts at once (one transaction: all of them or none)."""
        with self.db:
            for name, data in parts.items():
                self.db.execute("DELETE FROM corpus_state WHERE name=?", (name,))
                self.db.execute("INSERT INTO corpus_state VALUES (?,?)", (name, data))

    def load_records(self, kind: str, ids: Iterable[str]) -> dict[str, bytes]:
        """The saved per-key corpus records ``kind`` of these ids (those there are)."""
        wanted = list(dict.fromkeys(ids))
        sql = "SELECT id, data FROM corpus_rows WHERE kind=? AND id IN ({marks})"
        return {ident: bytes(data) for ident, data in rows_in(self.db, sql, wanted, kind)}

    def save_records(self, kind: str, rows: dict[str, bytes], removed: Iterable[str] = ()) -> None:
        """Write per-key corpus records (one transaction), and delete ``removed`` ones."""
        gone = [(kind, i) for i in [*rows, *removed]]
        with self.db:
            self.db.executemany("DELETE FROM corpus_rows WHERE kind=? AND id=?", gone)
            self.db.executemany(
                "INSERT INTO corpus_rows VALUES (?,?,?)", ((kind, i, d) for i, d in rows.items())
            )

    def clear_corpus(self) -> None:
        """Forget every corpus result and the state (``marsad rebuild`` starts from here)."""
        with self.db:
            for table in (
                "entities",
                "entity_articles",
                "events",
                "stories",
                "corpus_state",
                "corpus_rows",
                "redirects",
                "quotes",
                "meeting_participants",
            ):
                self.db.execute(f"DELETE FROM {table}")
            self.db.execute("DELETE FROM meta WHERE key='duplicates'")

    def compact(self) -> bool:
        """Give back the space rows written over have left (``VACUUM``): a whole build
        rewrites the corpus state, the events and every article once or more, and their old
        rows leave pages a quarter to a half empty (31k articles: 15.7 KB/article as written,
        13.7 once vacuumed, for ~2 CPU-s). Needs free disk of about twice the store for a
        moment; returns False (the store is left as it was) when it cannot be done now."""
        try:
            self.db.execute("VACUUM")
            self.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        except sqlite3.OperationalError:  # disk full, or a reader holding the old pages
            return False
        return True

    def new_batch(self, article_ids: Iterable[str]) -> int:
        """Record ``article_ids`` as one arrival batch; returns its number (rebuilds replay batches)."""
        with self.db:
            row = self.db.execute("SELECT max(batch) FROM article_batches").fetchone()
            batch = (row[0] or 0) + 1
            self.db.executemany(
                "INSERT OR IGNORE INTO article_batches VALUES (?,?)", ((i, batch) for i in article_ids)
            )
        return batch

    def batch_ids(self, batch: int | None = None) -> list[tuple[int, str]]:
        """(batch, article id) of stored articles, in arrival batch then (published, id) order.

        Articles stored before batches were recorded count as batch 0.
        """
        where, args = ("WHERE coalesce(b.batch, 0) = ?", [batch]) if batch is not None else ("", [])
        return [
            (r[0], r[1])
            for r in self.db.execute(
                "SELECT coalesce(b.batch, 0), a.id FROM articles a"
                f" LEFT JOIN article_batches b ON b.article_id = a.id {where}"
                " ORDER BY 1, a.published, a.id",
                args,
            )
        ]

    def write_corpus(
        self,
        *,
        entities: Iterable[Entity] = (),
        events: Iterable[Event] = (),
        stories: Iterable[Story] = (),
        articles: Iterable[Article] = (),
        removed: Iterable[tuple[str, str]] = (),
        redirects: Iterable[tuple[str, str, str]] = (),
        duplicates: list[DuplicateGroup] | None = None,
    ) -> None:
        """Write what one incremental corpus step changed, in one transaction.

        ``removed`` holds (kind, id) of records that no longer exist ("entity", "event",
        "story"); ``redirects`` (kind, old id, new id) say where a merged record went.
        """
        tables = {"entity": "entities", "event": "events", "story": "stories"}
        entities, events, stories = list(entities), list(events), list(stories)
        with self.db:
            for kind, ident in removed:
                self.db.execute(f"DELETE FROM {tables[kind]} WHERE id=?", (ident,))
                if kind == "entity":
                    self.db.execute("DELETE FROM entity_articles WHERE entity_id=?", (ident,))
            for kind, old, new in redirects:
                self.db.execute("DELETE FROM redirects WHERE kind=? AND old_id=?", (kind, old))
                self.db.execute("INSERT INTO redirects VALUES (?,?,?)", (kind, old, new))
                # a chain a → b → c points straight at c
                self.db.execute("UPDATE redirects SET new_id=? WHERE kind=? AND new_id=?", (new, kind, old))
            for table, rows in (
                ("entities", [(e.id, e.label, e.name, e.mention_count, self._dump_row(e)) for e in entities]),
                ("events", [(e.id, e.date, e.story_id, len(e.articles), self._dump_row(e)) for e in events]),
                ("stories", [(s.id, s.date, s.date_end, len(s.events), self._dump_row(s)) for s in stories]),
            ):
                self.db.executemany(f"DELETE FROM {table} WHERE id=?", ((r[0],) for r in rows))
                self.db.executemany(f"INSERT INTO {table} VALUES (?,?,?,?,?)", rows)
            # an entity's article list only changes by a few ids per step: its written pairs
            # are read, and only the ones it lost or gained deleted or inserted (rewriting
            # every pair of the most-named entities each step was quadratic over a build)
            written = self._entity_pairs([e.id for e in entities])
            self.db.executemany(
                "DELETE FROM entity_articles WHERE entity_id=? AND article_id=?",
                ((e.id, a) for e in entities for a in sorted(written.get(e.id, set()) - set(e.articles))),
            )
            self.db.executemany(
                "INSERT OR IGNORE INTO entity_articles VALUES (?,?)",
                ((e.id, a) for e in entities for a in e.articles if a not in written.get(e.id, ())),
            )
            if duplicates is not None:
                self.db.execute("DELETE FROM meta WHERE key='duplicates'")
                self.db.execute(
                    "INSERT INTO meta VALUES ('duplicates', ?)",
                    (json.dumps([to_dict(g) for g in duplicates], ensure_ascii=False),),
                )
            articles = list(articles)
            self.db.executemany(
                "UPDATE articles SET origin=?, outlet=?, url=?, title=?, published=?, duplicate_of=?,"
                " event_id=?, data=? WHERE id=?",
                self._changed_rows(articles),
            )
            event_tables.write_events(self.db, articles, whole=False, compress=self.compress_rows)

    def _changed_rows(self, articles: list[Article]) -> list[tuple]:
        """The UPDATE values of the ``articles`` whose stored row is not what they write now.
        An article whose corpus links came out as they were (every article of a rebuild) keeps
        its row: no compression, no write. Its columns and JSON are compared with the stored
        ones (the JSON only when the columns are equal: new articles differ in their event)."""
        ids = [a.id for a in articles]
        stored: dict[str, tuple] = {}
        if len(set(ids)) == len(ids):  # (an article given twice is written twice, in order)
            sql = (
                "SELECT id, origin, outlet, url, title, published, duplicate_of, event_id, data"
                " FROM articles WHERE id IN ({marks})"
            )
            stored = {row[0]: row for row in rows_in(self.db, sql, ids)}
        out = []
        for a in articles:
            columns = _article_columns(a, "")[:8]
            text = encode_row(pack_article(to_dict(a)), compress=False)
            assert isinstance(text, str)
            old = stored.get(a.id)
            if old is not None and old[:8] == columns and same_row(old[8], text, compress=self.compress_rows):
                continue
            out.append((*columns[1:], compress_json(text) if self.compress_rows else text, a.id))
        return out

    def _entity_pairs(self, entity_ids: list[str]) -> dict[str, set[str]]:
        """Entity id → the article ids written for it in ``entity_articles``."""
        found: dict[str, set[str]] = {}
        sql = "SELECT entity_id, article_id FROM entity_articles WHERE entity_id IN ({marks})"
        for entity_id, article_id in rows_in(self.db, sql, entity_ids):
            found.setdefault(entity_id, set()).add(article_id)
        return found

    def redirect(self, kind: str, ident: str) -> str | None:
        """Where a merged entity/event/story went (its surviving id), or None."""
        row = self.db.execute(
            "SELECT new_id FROM redirects WHERE kind=? AND old_id=?", (kind, ident)
        ).fetchone()
        return row[0] if row else None

    # ------------------------------------------------------------------ quotes and meetings

    def quotes(
        self,
        *,
        entity: str | None = None,
        speaker: str | None = None,
        event: str | None = None,
        article_ids: list[str] | None = None,
        offset: int = 0,
        limit: int = 50,
    ) -> Page:
        """Quotes (as dicts, with article id, event, outlet and date), newest first."""
        items, total = event_tables.find_quotes(
            self.db,
            entity=entity,
            speaker=speaker,
            event=event,
            article_ids=article_ids,
            offset=offset,
            limit=limit,
        )
        return Page(items, total, offset, limit)

    def met_with(self, entity_id: str, *, limit: int = 30) -> list[tuple[str | None, str, int, str | None]]:
        return event_tables.met_with(self.db, entity_id, limit=limit)

    def meetings_of(self, entity_id: str, *, limit: int = 50) -> list[dict]:
        """The meeting records ``entity_id`` took part in (newest first), with their article."""
        out = []
        for article_id, idx in event_tables.meeting_articles(self.db, entity_id)[:limit]:
            data = self.get_record_data("article", article_id)
            if not data:
                continue
            for m in data.get("meetings", []):
                if m["id"] == idx:
                    out.append(
                        dict(m, article_id=article_id, outlet=data.get("outlet"), title=data.get("title"))
                    )
        return out

    def get_entity(self, entity_id: str) -> Entity | None:
        row = self.db.execute("SELECT data FROM entities WHERE id=?", (entity_id,)).fetchone()
        return from_dict(Entity, _row(row[0])) if row else None

    def list_entities(self, *, label: str | None = None, offset: int = 0, limit: int = 50) -> Page:
        where, args = ("WHERE label=?", [label]) if label else ("", [])
        total = self.db.execute(f"SELECT count(*) FROM entities {where}", args).fetchone()[0]
        rows = self.db.execute(
            f"SELECT data FROM entities {where} ORDER BY mention_count DESC, id LIMIT ? OFFSET ?",
            [*args, limit, offset],
        ).fetchall()
        return Page([from_dict(Entity, _row(r[0])) for r in rows], total, offset, limit)

    def entity_articles(self, entity_id: str) -> list[str]:
        return [
            r[0]
            for r in self.db.execute(
                "SELECT article_id FROM entity_articles WHERE entity_id=? ORDER BY article_id", (entity_id,)
            )
        ]

    def find_entities(self, name: str, *, limit: int = 5) -> list[dict]:
        """Entities called ``name`` (an id, the name, or a variant, in any spelling), most mentioned first."""
        wanted = name.strip()
        if not wanted:
            return []
        cols = "id, name, label, mention_count"
        rows = self.db.execute(
            f"SELECT {cols} FROM entities WHERE id=? OR name=?", (wanted, wanted)
        ).fetchall()
        if not rows:
            folded = normalize(wanted)
            rows = [
                r[:4]
                for r in self.db.execute(
                    f"SELECT {cols}, json_extract({self._data}, '$.variants') FROM entities"
                )
                if normalize(r[1] or "") == folded
                or folded in {normalize(v) for v in json.loads(r[4] or "[]")}
            ]
        rows.sort(key=lambda r: (-(r[3] or 0), r[0]))
        return [dict(id=r[0], name=r[1], label=r[2], mention_count=r[3]) for r in rows[:limit]]

    def get_event(self, event_id: str) -> Event | None:
        row = self.db.execute("SELECT data FROM events WHERE id=?", (event_id,)).fetchone()
        return from_dict(Event, _row(row[0])) if row else None

    def list_events(self, *, story_id: str | None = None, offset: int = 0, limit: int = 50) -> Page:
        where, args = ("WHERE story_id=?", [story_id]) if story_id else ("", [])
        total = self.db.execute(f"SELECT count(*) FROM events {where}", args).fetchone()[0]
        rows = self.db.execute(
            f"SELECT data FROM events {where} ORDER BY date DESC, n_articles DESC, id LIMIT ? OFFSET ?",
            [*args, limit, offset],
        ).fetchall()
        return Page([from_dict(Event, _row(r[0])) for r in rows], total, offset, limit)

    def get_story(self, story_id: str) -> Story | None:
        row = self.db.execute("SELECT data FROM stories WHERE id=?", (story_id,)).fetchone()
        return from_dict(Story, _row(row[0])) if row else None

    def list_stories(self, *, offset: int = 0, limit: int = 50) -> Page:
        total = self.db.execute("SELECT count(*) FROM stories").fetchone()[0]
        rows = self.db.execute(
            "SELECT data FROM stories ORDER BY date_end DESC, n_events DESC, id LIMIT ? OFFSET ?",
            (limit, offset),
        ).fetchall()
        return Page([from_dict(Story, _row(r[0])) for r in rows], total, offset, limit)

    def duplicates(self) -> list[DuplicateGroup]:
        row = self.db.execute("SELECT value FROM meta WHERE key='duplicates'").fetchone()
        return [from_dict(DuplicateGroup, g) for g in json.loads(row[0])] if row else []

    def duplicates_of(self, article_id: str) -> list[str]:
        row = self.db.execute("SELECT duplicate_of FROM articles WHERE id=?", (article_id,)).fetchone()
        canonical = (row[0] if row else None) or article_id
        ids = [r[0] for r in self.db.execute("SELECT id FROM articles WHERE duplicate_of=?", (canonical,))]
        return sorted({canonical, *ids} - {article_id}) if ids or canonical != article_id else []

    def article_heads(self, ids: Iterable[str]) -> list[dict]:
        """Title, outlet, date, event and duplicate link of many articles, without decoding bodies.

        Listings (an event's articles, an entity's articles) need only these columns; decoding
        each article's JSON would cost more than the whole page may take.
        """
        wanted = list(dict.fromkeys(ids))
        found: dict[str, dict] = {}
        sql = (
            "SELECT id, title, outlet, published, event_id, duplicate_of FROM articles WHERE id IN ({marks})"
        )
        for r in rows_in(self.db, sql, wanted):
            found[r[0]] = dict(
                id=r[0], title=r[1], outlet=r[2], published=r[3], event_id=r[4], duplicate_of=r[5]
            )
        return [found[i] for i in wanted if i in found]

    _RECORD_TABLES = {"article": "articles", "event": "events", "story": "stories", "entity": "entities"}

    def get_record_data(self, kind: str, ident: str) -> dict | None:
        """A stored record as its JSON dict (``to_dict`` form), skipping the dataclass round trip.

        Readers that only serialise the record again (the web API) save most of their time here.
        """
        table = self._RECORD_TABLES[kind]
        row = self.db.execute(f"SELECT data FROM {table} WHERE id=?", (ident,)).fetchone()
        if not row:
            return None
        return unpack_article(decode_row(row[0])) if table == "articles" else decode_row(row[0])

    def list_story_heads(self, *, offset: int = 0, limit: int = 50) -> Page:
        """Like :meth:`list_stories` (same order) but only id, label, dates and event count."""
        total = self.db.execute("SELECT count(*) FROM stories").fetchone()[0]
        rows = self.db.execute(
            f"SELECT id, json_extract({self._data}, '$.label'), date, date_end, n_events FROM stories"
            " ORDER BY date_end DESC, n_events DESC, id LIMIT ? OFFSET ?",
            (limit, offset),
        ).fetchall()
        items = [dict(id=r[0], label=r[1], date=r[2], date_end=r[3], n_events=r[4]) for r in rows]
        return Page(items, total, offset, limit)

    def list_event_heads(self, story_id: str, *, limit: int = 50) -> list[dict]:
        """Events of a story (newest first, as :meth:`list_events`) without their summaries."""
        rows = self.db.execute(
            "SELECT id, date, data FROM events WHERE story_id=? ORDER BY date DESC, n_articles DESC, id LIMIT ?",
            (story_id, limit),
        ).fetchall()
        out = []
        for ident, date, data in rows:
            d = _row(data)
            out.append(
                dict(
                    id=ident,
                    label=d.get("label"),
                    date=date,
                    date_end=d.get("date_end"),
                    place=d.get("place"),
                    story_id=story_id,
                    articles=d.get("articles") or [],
                    outlets=d.get("outlets") or [],
                )
            )
        return out

    def story_activity(self, story_ids: Iterable[str]) -> dict[str, dict]:
        """Per story: articles per event day, total articles and distinct outlets.

        Aggregated in SQL so a story card costs the same however many events the story has.
        """
        wanted = list(dict.fromkeys(story_ids))
        out: dict[str, dict] = {sid: dict(activity=[], n_articles=0, n_outlets=0) for sid in wanted}
        days = (
            "SELECT story_id, date, sum(n_articles) FROM events WHERE story_id IN ({marks})"
            " GROUP BY story_id, date ORDER BY story_id, date"
        )
        for sid, day, n in rows_in(self.db, days, wanted):
            out[sid]["n_articles"] += n
            if day:
                out[sid]["activity"].append(dict(date=day, articles=n))
        outlets = (
            "SELECT e.story_id, count(DISTINCT o.value) FROM events e,"
            f" json_each({self._data.replace('data', 'e.data')}, '$.outlets') o"
            " WHERE e.story_id IN ({marks}) GROUP BY e.story_id"
        )
        for sid, n in rows_in(self.db, outlets, wanted):
            out[sid]["n_outlets"] = n
        return out

    def entity_heads(self, ids: Iterable[str]) -> list[dict]:
        """Name, label and mention count of many entities, without decoding their article lists."""
        wanted = list(dict.fromkeys(ids))
        found: dict[str, dict] = {}
        sql = "SELECT id, name, label, mention_count FROM entities WHERE id IN ({marks})"
        for r in rows_in(self.db, sql, wanted):
            found[r[0]] = dict(id=r[0], name=r[1], label=r[2], mention_count=r[3])
        return [found[i] for i in wanted if i in found]

    def co_entities(self, entity_id: str, *, limit: int = 20) -> list[tuple[str, int]]:
        """Entities named in the same articles as ``entity_id``, with how many articles they share."""
        return [
            (r[0], r[1])
            for r in self.db.execute(
                "SELECT b.entity_id, count(*) FROM entity_articles a"
                " JOIN entity_articles b ON b.article_id = a.article_id"
                " WHERE a.entity_id = ? AND b.entity_id != a.entity_id"
                " GROUP BY b.entity_id ORDER BY 2 DESC, 1 LIMIT ?",
                (entity_id, limit),
            )
        ]

    def close(self) -> None:
        if not self.read_only and isinstance(self.db, sqlite3.Connection):
            # Leave one file at rest: WAL is for concurrent work while writing; a read-only
            # connection (search, report, serve) can never delete the -wal/-shm files itself.
            try:
                self.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
                self.db.execute("PRAGMA journal_mode=DELETE")  # a no-op while others have it open
            except sqlite3.DatabaseError:
                pass  # busy with another connection: it will tidy up when it closes
        self.db.close()

    def __enter__(self) -> SQLiteStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def search_filters(q: SearchQuery, placeholder: str = "?") -> tuple[list[str], list[str]]:
    """WHERE conditions (on ``articles a``) and their arguments for the filters of ``q``."""
    conditions: list[str] = []
    args: list[str] = []

    def any_of(sql: str, values: tuple[str, ...]) -> None:
        if values:
            conditions.append(sql.format(",".join(placeholder * 1 for _ in values)))
            args.extend(values)

    any_of("a.outlet IN ({})", q.outlets)
    if q.date_from:
        conditions.append(f"a.published >= {placeholder}")
        args.append(q.date_from)
    if q.date_to:
        conditions.append(f"a.published <= {placeholder}")
        args.append(q.date_to + "\uffff")  # the whole last day
    any_of("a.id IN (SELECT article_id FROM entity_articles WHERE entity_id IN ({}))", q.entities)
    return conditions, args


def search_hit(
    ident: str,
    title: str | None,
    outlet: str | None,
    published: str | None,
    body: str,
    parsed: ParsedQuery,
    score: float,
    exact: bool,
) -> SearchHit:
    snippet = _snippet(body, list(parsed.words))
    return SearchHit(
        ident,
        title,
        outlet,
        published,
        snippet,
        score,
        highlights=highlight_spans(snippet, parsed),
        title_highlights=highlight_spans(title or "", parsed),
        exact=exact,
    )


def _snippet(body: str, tokens: list[str], width: int = 160) -> str:
    """A window of the original body around the first query word (found on the normal form)."""
    folded = normalize_keep_length(body)
    pos = -1
    for t in tokens:
        # marks fold to NUL in place, so a word may have NULs between its letters
        hit = re.search("\x00*".join(map(re.escape, t)), folded)
        if hit:
            pos = hit.start()
            break
    start = max(0, pos - width // 3) if pos >= 0 else 0
    text = body[start : start + width].replace("\n", " ").strip()
    return ("…" if start > 0 else "") + text + ("…" if start + width < len(body) else "")
