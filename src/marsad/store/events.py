"""Quote and meeting tables, shared by both backends (portable SQL through either connection).

Quotes and meetings live inside each article's JSON like every per-article result; these
tables index them by speaker and participant so the entity page, the API and the quote
search need not decode articles. They are rewritten with the corpus results, once entity ids
are known.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from marsad.arabic import normalize
from marsad.model import Article, to_dict
from marsad.store.base import rows_in
from marsad.store.compact import decode_row, encode_row, pack_quote, unpack_quote

SCHEMA = """
CREATE TABLE IF NOT EXISTS quotes (
    article_id TEXT, idx INTEGER, kind TEXT, speaker TEXT, speaker_norm TEXT, speaker_entity TEXT,
    speaker_kind TEXT, event_id TEXT, outlet TEXT, published TEXT, data TEXT NOT NULL,
    PRIMARY KEY (article_id, idx)
);
CREATE INDEX IF NOT EXISTS quotes_entity ON quotes(speaker_entity);
CREATE INDEX IF NOT EXISTS quotes_speaker ON quotes(speaker_norm);
CREATE INDEX IF NOT EXISTS quotes_event ON quotes(event_id);
CREATE TABLE IF NOT EXISTS meeting_participants (
    article_id TEXT, idx INTEGER, entity_id TEXT, name TEXT, event_id TEXT, published TEXT,
    PRIMARY KEY (article_id, idx, name)
);
CREATE INDEX IF NOT EXISTS meeting_participants_entity ON meeting_participants(entity_id);
"""

_QUOTE_COLS = (
    "article_id, idx, kind, speaker, speaker_entity, speaker_kind, event_id, outlet, published, data"
)


def write_events(db: Any, articles: Iterable[Article], *, whole: bool = True, compress: bool = False) -> None:
    """Replace both tables with the quotes and meeting participants of ``articles`` (with
    ``whole=False``, only the rows of those articles: an incremental corpus step). With
    ``compress`` a quote's ``data`` is zlib'd JSON (see :func:`marsad.store.compact.encode_row`)."""
    articles = list(articles)
    if whole:
        db.execute("DELETE FROM quotes")
        db.execute("DELETE FROM meeting_participants")
    else:
        db.executemany("DELETE FROM quotes WHERE article_id=?", ((a.id,) for a in articles))
        db.executemany("DELETE FROM meeting_participants WHERE article_id=?", ((a.id,) for a in articles))
    qrows, mrows = [], []
    for a in articles:
        published = a.published.date if a.published else None
        for q in a.quotes:
            qrows.append(
                (
                    a.id,
                    q.id,
                    q.kind,
                    q.speaker,
                    normalize(q.speaker or ""),
                    q.speaker_entity_id,
                    q.speaker_kind,
                    a.event_id,
                    a.outlet,
                    published,
                    # compressed (SQLite): the text is the article body's slice, left out
                    encode_row(pack_quote(to_dict(q), a.body) if compress else to_dict(q), compress=compress),
                )
            )
        for m in a.meetings:
            for p in m.participants:
                mrows.append((a.id, m.id, p.entity_id, p.name, a.event_id, published))
    if qrows:
        db.executemany("INSERT OR IGNORE INTO quotes VALUES (?,?,?,?,?,?,?,?,?,?,?)", qrows)
    if mrows:
        db.executemany("INSERT OR IGNORE INTO meeting_participants VALUES (?,?,?,?,?,?)", mrows)


def _quote_rows(db: Any, rows: Iterable[tuple]) -> list[dict]:
    out, bodies = [], {}
    rows = list(rows)
    short = sorted({r[0] for r in rows if not isinstance(r[9], str)})  # compressed rows: packed
    for ident, data in rows_in(db, "SELECT id, data FROM articles WHERE id IN ({marks})", short):
        bodies[ident] = decode_row(data).get("body")
    for r in rows:
        d = decode_row(r[9])
        if not isinstance(r[9], str):
            unpack_quote(d, bodies.get(r[0]))
        d.update(article_id=r[0], event_id=r[6], outlet=r[7], published=r[8])
        out.append(d)
    return out


def find_quotes(
    db: Any,
    *,
    entity: str | None = None,
    speaker: str | None = None,
    event: str | None = None,
    article_ids: list[str] | None = None,
    offset: int = 0,
    limit: int = 50,
) -> tuple[list[dict], int]:
    """Quotes (newest first) by speaker entity, speaker name (spelling-insensitive), event or articles."""
    where, args = [], []
    if entity:
        where.append("speaker_entity = ?")
        args.append(entity)
    if speaker:
        where.append("speaker_norm LIKE ?")
        args.append("%" + normalize(speaker).replace("%", "").replace("_", "") + "%")
    if event:
        where.append("event_id = ?")
        args.append(event)
    if article_ids is not None:
        if not article_ids:
            return [], 0
        where.append("article_id IN (" + ",".join("?" * len(article_ids)) + ")")
        args.extend(article_ids)
    sql_where = ("WHERE " + " AND ".join(where)) if where else ""
    total = db.execute(f"SELECT count(*) FROM quotes {sql_where}", args).fetchone()[0]
    rows = db.execute(
        f"SELECT {_QUOTE_COLS} FROM quotes {sql_where} ORDER BY published DESC, article_id, idx LIMIT ? OFFSET ?",
        [*args, limit, offset],
    ).fetchall()
    return _quote_rows(db, rows), total


def met_with(db: Any, entity_id: str, *, limit: int = 30) -> list[tuple[str | None, str, int, str | None]]:
    """(entity id, name, meetings, last date) of everyone who met ``entity_id``, most meetings first."""
    rows = db.execute(
        "SELECT b.entity_id, b.name, count(DISTINCT b.article_id || ':' || b.idx), max(b.published)"
        " FROM meeting_participants a JOIN meeting_participants b"
        " ON b.article_id = a.article_id AND b.idx = a.idx AND b.name != a.name"
        " WHERE a.entity_id = ? AND (b.entity_id IS NULL OR b.entity_id != a.entity_id)"
        " GROUP BY b.entity_id, b.name ORDER BY 3 DESC, 2 LIMIT ?",
        (entity_id, limit),
    ).fetchall()
    return [(r[0], r[1], r[2], r[3]) for r in rows]


def meeting_articles(db: Any, entity_id: str) -> list[tuple[str, int]]:
    """(article id, meeting index) of the meetings ``entity_id`` took part in, newest first."""
    rows = db.execute(
        "SELECT article_id, idx FROM meeting_participants WHERE entity_id = ? ORDER BY published DESC, article_id",
        (entity_id,),
    ).fetchall()
    return [(r[0], r[1]) for r in rows]
