"""The shared store: PostgreSQL, for workers and web servers on several machines.

It is the SQLite store speaking another dialect. Every read and write whose SQL is portable is
inherited from :class:`~marsad.store.sqlite.SQLiteStore` and runs through :class:`Connection`,
a small shim with sqlite3's calling conventions that rewrites the few SQLite-isms on the way
(``?`` placeholders, ``INSERT OR IGNORE/REPLACE``, NULL ordering). Only the parts that are
really different are written here: connecting, the schema, and full-text search, which uses a
``tsvector`` (configuration ``'simple'``, over the same normalised forms and light stems as the
FTS5 index) in a table of its own with a GIN index.

Two SQL functions, ``json_extract(text, path)`` and ``json_each(text, path)``, give the
inherited listing queries the SQLite JSON functions they call, so JSON stays ``TEXT`` and
reads back byte for byte as it was written.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterable, Iterator, Sequence
from functools import lru_cache
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from marsad.model import Article
from marsad.store import events as event_tables
from marsad.store.base import Page, PreparedArticle, StoreError
from marsad.store.compact import decode_row
from marsad.store.query import SearchQuery, parse_query, tsquery
from marsad.store.sqlite import (
    SCHEMA_VERSION,
    SEARCH_TIME_LIMIT_S,
    SQLiteStore,
    search_filters,
    search_hit,
    search_too_slow,
)

# Columns in the same order as the SQLite schema: inherited statements insert by position.
# COLLATE "C" sorts text by code point, as SQLite does, whatever the database's locale.
_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT COLLATE "C" PRIMARY KEY, value TEXT);
CREATE TABLE IF NOT EXISTS articles (
    id TEXT COLLATE "C" PRIMARY KEY, origin TEXT COLLATE "C", outlet TEXT COLLATE "C", url TEXT,
    title TEXT COLLATE "C", published TEXT COLLATE "C", duplicate_of TEXT COLLATE "C",
    event_id TEXT COLLATE "C", data TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS articles_outlet ON articles(outlet);
CREATE INDEX IF NOT EXISTS articles_published ON articles(published);
CREATE INDEX IF NOT EXISTS articles_event ON articles(event_id);
CREATE INDEX IF NOT EXISTS articles_dup ON articles(duplicate_of);
-- Apart from the articles, as FTS5 is in SQLite: corpus runs rewrite every article row, and
-- with the vector in the same row each rewrite would re-index all its words in the GIN index.
CREATE TABLE IF NOT EXISTS articles_fts (id TEXT COLLATE "C" PRIMARY KEY, fts tsvector NOT NULL);
CREATE INDEX IF NOT EXISTS articles_fts_words ON articles_fts USING gin(fts);
CREATE TABLE IF NOT EXISTS rejected (
    origin TEXT COLLATE "C" PRIMARY KEY, reason TEXT, detail TEXT, sample TEXT
);
CREATE TABLE IF NOT EXISTS entities (
    id TEXT COLLATE "C" PRIMARY KEY, label TEXT COLLATE "C", name TEXT COLLATE "C",
    mention_count INTEGER, data TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS entities_label ON entities(label, mention_count);
CREATE TABLE IF NOT EXISTS entity_articles (
    entity_id TEXT COLLATE "C", article_id TEXT COLLATE "C", PRIMARY KEY (entity_id, article_id)
);
CREATE INDEX IF NOT EXISTS entity_articles_article ON entity_articles(article_id);
CREATE TABLE IF NOT EXISTS events (
    id TEXT COLLATE "C" PRIMARY KEY, date TEXT COLLATE "C", story_id TEXT COLLATE "C",
    n_articles INTEGER, data TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS events_story ON events(story_id);
CREATE TABLE IF NOT EXISTS stories (
    id TEXT COLLATE "C" PRIMARY KEY, date TEXT COLLATE "C", date_end TEXT COLLATE "C",
    n_events INTEGER, data TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS stories_date ON stories(date_end);
CREATE TABLE IF NOT EXISTS corpus_state (name TEXT COLLATE "C" PRIMARY KEY, data BYTEA);
DROP TABLE IF EXISTS corpus_records;
CREATE TABLE IF NOT EXISTS corpus_rows (
    kind TEXT COLLATE "C", id TEXT COLLATE "C", data BYTEA, PRIMARY KEY (kind, id)
);
CREATE TABLE IF NOT EXISTS article_batches (
    article_id TEXT COLLATE "C" PRIMARY KEY, batch INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS redirects (
    kind TEXT COLLATE "C", old_id TEXT COLLATE "C", new_id TEXT COLLATE "C", PRIMARY KEY (kind, old_id)
);
CREATE OR REPLACE FUNCTION json_extract(doc text, path text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ SELECT (doc::jsonb) #>> string_to_array(substr(path, 3), '.') $$;
CREATE OR REPLACE FUNCTION json_each(doc text, path text) RETURNS TABLE (value text)
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ SELECT jsonb_array_elements_text((doc::jsonb) #> string_to_array(substr(path, 3), '.')) $$;
"""

# Tables written with INSERT OR REPLACE by the inherited code: their key and other columns.
_UPSERT = {"meta": ("key", ("value",)), "rejected": ("origin", ("reason", "detail", "sample"))}

# ts_rank weights for {D, C, B, A} = {stems, unused, body, title}: FTS5's bm25 weights 0.5/1/3.
_RANK_WEIGHTS = "{0.17, 0, 0.33, 1.0}"

_FTS = (
    "setweight(to_tsvector('simple', %s), 'A') || setweight(to_tsvector('simple', %s), 'B')"
    " || setweight(to_tsvector('simple', %s), 'D')"
)


def _order_by_end(sql: str, start: int) -> int:
    """Where the ORDER BY list starting at ``start`` ends: LIMIT, OFFSET, a closing bracket or the end."""
    depth = 0
    for i in range(start, len(sql)):
        c = sql[i]
        if c == "(":
            depth += 1
        elif c == ")":
            if depth == 0:
                return i
            depth -= 1
        elif depth == 0 and c == " " and re.match(r"\s+(LIMIT|OFFSET)\b", sql[i:], re.I):
            return i
    return len(sql)


def _split_top_level(text: str) -> list[str]:
    """Split on commas outside brackets."""
    parts, depth, start = [], 0, 0
    for i, c in enumerate(text):
        depth += c == "("
        depth -= c == ")"
        if c == "," and depth == 0:
            parts.append(text[start:i])
            start = i + 1
    parts.append(text[start:])
    return parts


def _nulls_as_sqlite(sql: str) -> str:
    # SQLite sorts NULL below every value, PostgreSQL above: say SQLite's order explicitly so
    # listings come out the same on both backends.
    pos = 0
    while (found := _ORDER_BY.search(sql, pos)) is not None:
        end = _order_by_end(sql, found.end())
        items = []
        for item in _split_top_level(sql[found.end() : end]):
            bare = item.strip()
            if "NULLS" not in bare.upper():
                bare += " NULLS LAST" if bare.upper().endswith(" DESC") else " NULLS FIRST"
            items.append(bare)
        listed = ", ".join(items)
        sql = sql[: found.end()] + listed + sql[end:]
        pos = found.end() + len(listed)
    return sql


_ORDER_BY = re.compile(r"\bORDER BY\s+", re.I)
_INSERT_OR = re.compile(r"^\s*INSERT OR (IGNORE|REPLACE) INTO (\w+)", re.I)


@lru_cache(maxsize=512)
def to_postgres(sql: str) -> str:
    """SQLite SQL as written in :class:`SQLiteStore`, rewritten for PostgreSQL."""
    # Placeholders and literal percent signs, outside quoted literals only.
    pieces = re.split(r"('(?:[^']|'')*')", sql)
    sql = "".join(p if p.startswith("'") else p.replace("%", "%%").replace("?", "%s") for p in pieces)
    conflict = _INSERT_OR.match(sql)
    if conflict:
        action, table = conflict.group(1).upper(), conflict.group(2)
        sql = "INSERT INTO " + table + sql[conflict.end() :]
        if action == "IGNORE":
            sql += " ON CONFLICT DO NOTHING"
        elif table in _UPSERT:
            key, columns = _UPSERT[table]
            sets = ", ".join(f"{c} = EXCLUDED.{c}" for c in columns)
            sql += f" ON CONFLICT ({key}) DO UPDATE SET {sets}"
        else:
            raise ValueError(f"no PostgreSQL form for INSERT OR REPLACE into {table!r}")
    return _nulls_as_sqlite(sql)


class Connection:
    """sqlite3-style calls over a psycopg connection in autocommit mode.

    ``with connection:`` is one transaction that commits on success and rolls back on error,
    as with sqlite3. (psycopg's own connection context manager would close the connection,
    so it is deliberately not what ``with`` does here.)
    """

    def __init__(self, conn: Any) -> None:
        self.conn = conn
        self._transactions: list[Any] = []

    def execute(self, sql: str, params: Sequence | None = None) -> Any:
        return self.conn.execute(to_postgres(sql), tuple(params or ()))

    def executemany(self, sql: str, rows: Iterable[Sequence]) -> Any:
        cur = self.conn.cursor()
        cur.executemany(to_postgres(sql), [tuple(r) for r in rows])
        return cur

    def commit(self) -> None:
        """Nothing to do: outside ``with``, every statement commits on its own."""

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Connection:
        tx = self.conn.transaction()
        tx.__enter__()
        self._transactions.append(tx)
        return self

    def __exit__(self, *exc: Any) -> None:
        self._transactions.pop().__exit__(*exc)


def redact(url: str) -> str:
    """The URL without its password, for messages."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    netloc = parts.netloc.replace(":" + parts.password + "@", ":***@", 1)
    return urlunsplit(parts._replace(netloc=netloc))


class PostgresStore(SQLiteStore):
    """The store in a PostgreSQL database at ``url`` (``postgresql://user@host/db``).

    Several processes may read and write at once. ``read_only`` opens a session whose every
    transaction is read-only (the web UI and the report writer use it).
    """

    compress_rows = False  # JSON text: TOAST compresses large values, and SQL can read it
    _data = "data"

    def __init__(self, url: str, *, read_only: bool = False) -> None:
        self.url = url
        self.location = redact(url)
        self.path = self.location  # type: ignore[assignment]  # named in the inherited error messages
        self.read_only = read_only
        self.search_time_limit = SEARCH_TIME_LIMIT_S
        try:
            import psycopg
        except ImportError as exc:
            raise StoreError(
                self.location, "PostgreSQL support needs psycopg: pip install 'marsad[postgres]'"
            ) from exc
        options = "-c default_transaction_read_only=on" if read_only else None
        try:
            conn = psycopg.connect(url, autocommit=True, options=options, connect_timeout=10)
        except psycopg.Error as exc:
            raise StoreError(self.location, f"cannot connect to PostgreSQL ({exc})".strip()) from exc
        self.pg = Connection(conn)
        self.db = self.pg  # type: ignore[assignment]  # what the inherited methods call
        try:
            if read_only:
                if self.db.execute("SELECT to_regclass('articles')").fetchone()[0] is None:
                    raise StoreError(
                        self.location,
                        "no such store (run `marsad run` or `marsad ingest` first)",
                        code="missing",
                    )
            else:
                with self.db:
                    # Two writers opening a fresh database at once must not race on CREATE.
                    self.db.execute("SELECT pg_advisory_xact_lock(8413207)")
                    conn.execute(_SCHEMA)
                    conn.execute(event_tables.SCHEMA)
                    self.db.execute(
                        "INSERT OR IGNORE INTO meta VALUES ('schema_version', ?)", (str(SCHEMA_VERSION),)
                    )
        except psycopg.Error as exc:
            conn.close()
            raise StoreError(
                self.location, f"not a usable Marsad store ({exc})", code="unusable", detail=str(exc)
            ) from exc
        except StoreError:
            conn.close()
            raise

    @contextlib.contextmanager
    def corpus_lock(self) -> Iterator[None]:
        """Serialise corpus steps across processes: a session advisory lock, held while the
        corpus is read, computed and written (two ingests at once otherwise overlap their
        DELETE/INSERT and the second fails on a duplicate key)."""
        self.db.execute("SELECT pg_advisory_lock(8413208)")
        try:
            yield
        finally:
            self.db.execute("SELECT pg_advisory_unlock(8413208)")

    def compact(self) -> bool:
        """Nothing to do: PostgreSQL's autovacuum reuses the space of rows written over."""
        return False

    def add_articles(self, articles: Iterable[Article | PreparedArticle]) -> int:
        """Insert new articles; ones already stored (same id) are left as they are."""
        rows = [self._article_values(a) for a in articles]
        if not rows:
            return 0
        with self.db:
            cur = self.pg.conn.cursor()
            # One statement per article: the words are indexed only when the article is new.
            cur.executemany(
                "WITH new AS (INSERT INTO articles VALUES (%s,%s,%s,%s,%s,%s,%s,%s,%s)"
                f" ON CONFLICT (id) DO NOTHING RETURNING id) INSERT INTO articles_fts SELECT id, {_FTS} FROM new",
                rows,
            )
        return max(cur.rowcount, 0)

    def search(self, query: SearchQuery | str) -> Page:
        """Articles matching ``query`` (see :mod:`marsad.store.query`), ranked as the SQLite store ranks."""
        q = SearchQuery(query) if isinstance(query, str) else query
        parsed = parse_query(q.text)
        if parsed.empty:
            return Page([], 0, q.offset, q.limit)
        filters, filter_args = search_filters(q, placeholder="%s")
        where = ["f.fts @@ q.query", *filters]
        args: list = [tsquery(parsed), tsquery(parsed, exact=True), *filter_args]
        sql_from = (
            "FROM articles_fts f JOIN articles a ON a.id = f.id,"
            " to_tsquery('simple', %s) AS q(query), to_tsquery('simple', %s) AS x(query)"
            " WHERE " + " AND ".join(where)
        )
        inner, outer = (
            (
                "stem_only, rank DESC, a.published DESC NULLS LAST, f.id",
                "m.stem_only, m.rank DESC, m.published DESC NULLS LAST, m.id",
            )
            if q.sort == "relevance"
            else (
                "a.published DESC NULLS LAST, stem_only, f.id",
                "m.published DESC NULLS LAST, m.stem_only, m.id",
            )
        )
        import psycopg

        conn = self.pg.conn
        try:
            with conn.transaction():
                # The planner prices a sequential scan by the table's few pages, not by the word
                # vectors it would decompress row by row: at a few thousand articles it picks the
                # scan and searches run 5-10 times slower than through the GIN index. Steer it, for
                # this query only.
                conn.execute("SET LOCAL enable_seqscan = off")
                conn.execute(f"SET LOCAL statement_timeout = {int(self.search_time_limit * 1000)}")
                # The page is chosen on ids and ranks alone, and the total rides along with it (one
                # pass over the matches); only the page's articles are then read whole.
                rows = conn.execute(
                    "SELECT a.id, a.title, a.outlet, a.published, m.rank, a.data, m.total, m.stem_only FROM"
                    f" (SELECT f.id, a.published, ts_rank('{_RANK_WEIGHTS}', f.fts, q.query) AS rank,"
                    " NOT (f.fts @@ x.query) AS stem_only,"
                    f" count(*) OVER () AS total {sql_from}"
                    f" ORDER BY {inner} LIMIT %s OFFSET %s) m"
                    f" JOIN articles a ON a.id = m.id ORDER BY {outer}",
                    [*args, q.limit, q.offset],
                ).fetchall()
                if rows:
                    total = rows[0][6]
                else:  # a page past the end still reports how many there are
                    total = conn.execute(f"SELECT count(*) {sql_from}", args).fetchone()[0]
        except psycopg.errors.QueryCanceled as exc:
            raise StoreError(self.location, search_too_slow(q.text, self.search_time_limit)) from exc
        except psycopg.Error as exc:
            raise StoreError(self.location, f"search failed for {q.text!r}: {exc}") from exc
        return Page(
            [
                search_hit(r[0], r[1], r[2], r[3], decode_row(r[5])["body"], parsed, float(r[4]), not r[7])
                for r in rows
            ],
            total,
            q.offset,
            q.limit,
        )
